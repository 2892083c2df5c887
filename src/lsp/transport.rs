//! The server's ends of the connection: a thread that reads messages from
//! the client and one that writes the server's, joined to the server by
//! channels as a [`lsp_server::Connection`].
//!
//! `lsp-server`'s own stdio transport stops at the first malformed
//! message (and allocates whatever `Content-Length` says); this one reads
//! with [`super::framing`], which finds its way through any input, and
//! decodes each body here:
//!
//! * a body that is not JSON is answered with a `ParseError` (-32700), and
//!   one that is JSON but not a message (not an object, a method that is
//!   not a string, an id that is neither a string nor a 32-bit integer)
//!   with an `InvalidRequest` (-32600): with the request's id when it has
//!   one that can be read, else with id `null`, as JSON-RPC asks;
//! * a malformed notification or response is dropped (nothing can answer
//!   it);
//! * bytes that are no message at all (no or a bad `Content-Length`, a
//!   line that is not a header) are skipped up to the next message; a
//!   message over [`framing::MAX_MESSAGE`] is skipped too, and the editor
//!   shown a warning, since a document the editor opened is then missing.
//!
//! Each of these writes one line on standard error. The reader stops after
//! forwarding `exit`, or at the end of the input, which disconnects the
//! server's channel.
//!
//! The answers to malformed messages go straight to the writer, which
//! takes the server's messages and these in turn: the server never sees
//! them (an id of `null` is no `lsp_server` response).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender, bounded, never, select};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

use super::framing::{self, Frame, Problem};

/// The threads of a connection.
pub struct Threads {
    writer: JoinHandle<()>,
}

impl Threads {
    /// Waits until every message the server sent is written. (The reader
    /// is not waited for: it may be waiting for input that never comes.)
    pub fn join(self) -> Result<(), String> {
        self.writer
            .join()
            .map_err(|_| "the thread writing messages stopped".to_string())
    }
}

/// A connection on standard input and output.
pub fn stdio() -> (Connection, Threads) {
    connect(io::stdin(), io::stdout())
}

/// A connection reading `input` and writing `output`.
pub fn connect<R, W>(input: R, output: W) -> (Connection, Threads)
where
    R: Read + Send + 'static,
    W: Write + Send + 'static,
{
    // Unbuffered: each side waits for the other, so that neither a flood
    // of input nor an unread output piles up in memory.
    let (to_server, from_client) = bounded::<Message>(0);
    let (to_client, from_server) = bounded::<Message>(0);
    let (answer, answers) = bounded::<Value>(0);
    let reader = BufReader::with_capacity(1 << 16, input);
    // The threads run until their channels close; a reader that cannot be
    // started leaves the server a closed channel, which ends it.
    let _ = thread::Builder::new()
        .name("claimtrace-lsp-reader".into())
        .spawn(move || read(reader, &to_server, &answer));
    let writer = thread::Builder::new()
        .name("claimtrace-lsp-writer".into())
        .spawn(move || write(output, &from_server, answers));
    let writer = match writer {
        Ok(writer) => writer,
        // Without a writer, a thread that is done at once: the server's
        // messages then go nowhere, and its sends fail quietly.
        Err(error) => {
            log(&format!("cannot start the writer: {error}"));
            thread::spawn(|| {})
        }
    };
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Threads { writer })
}

/// Reads messages, passing the well-formed ones to the server and
/// answering the malformed ones.
fn read(input: impl BufRead, to_server: &Sender<Message>, answer: &Sender<Value>) {
    let mut reader = framing::Reader::new(input, framing::MAX_MESSAGE);
    loop {
        let frame = match reader.next_frame() {
            Ok(frame) => frame,
            Err(error) => {
                log(&format!("reading the input: {error}"));
                return;
            }
        };
        match frame {
            Frame::End(problem) => {
                if let Some(problem) = problem {
                    log(&problem.to_string());
                }
                return;
            }
            Frame::Skipped(problem) => {
                log(&problem.to_string());
                if let Problem::TooLarge { .. } = problem {
                    let _ = answer.send(json!({
                        "jsonrpc": "2.0",
                        "method": "window/showMessage",
                        "params": { "type": 2, "message": format!("claimtrace: {problem}") },
                    }));
                }
            }
            Frame::Body(body, problem) => {
                if let Some(problem) = problem {
                    log(&problem.to_string());
                }
                match decode(&body) {
                    Ok(message) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if to_server.send(message).is_err() || exit {
                            return;
                        }
                    }
                    Err(rejected) => {
                        log(&rejected.why);
                        if let Some(reply) = rejected.reply {
                            let _ = answer.send(reply);
                        }
                    }
                }
            }
        }
    }
}

/// Writes the server's messages and the answers to malformed ones, until
/// the server is done.
fn write(output: impl Write, from_server: &Receiver<Message>, answers: Receiver<Value>) {
    let mut out = io::BufWriter::new(output);
    let mut answers = answers;
    loop {
        let written = select! {
            recv(from_server) -> message => match message {
                Ok(message) => message.write(&mut out),
                Err(_) => break,
            },
            recv(answers) -> answer => match answer {
                Ok(answer) => write_value(&mut out, &answer),
                // The reader is done; the server may not be.
                Err(_) => {
                    answers = never();
                    continue;
                }
            },
        };
        if let Err(error) = written {
            log(&format!("writing a message: {error}"));
            return;
        }
    }
    for answer in answers.try_iter() {
        if write_value(&mut out, &answer).is_err() {
            break;
        }
    }
    let _ = out.flush();
}

/// Writes one message, framed.
fn write_value(out: &mut impl Write, value: &Value) -> io::Result<()> {
    let body = serde_json::to_vec(value)?;
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(&body)?;
    out.flush()
}

/// A body that is not a message: why, and the error response to send, if
/// any.
#[derive(Debug)]
pub struct Rejected {
    pub why: String,
    pub reply: Option<Value>,
}

/// The message a body holds, or why it holds none.
pub fn decode(body: &[u8]) -> Result<Message, Rejected> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => {
            let why = format!("a message that is not JSON ({error})");
            return Err(reject(ErrorCode::ParseError, &Value::Null, why));
        }
    };
    let Value::Object(object) = &value else {
        let why = format!("a message that is not a JSON object but {}", kind(&value));
        return Err(reject(ErrorCode::InvalidRequest, &Value::Null, why));
    };
    let id = object.get("id").cloned();
    let method = object.get("method").map(Value::is_string);
    let answer = object.contains_key("result") || object.contains_key("error");
    let wrong = match (method, &id) {
        (Some(false), _) => "its method is not a string",
        (_, Some(id)) if !is_request_id(id) => "its id is not a string or a 32-bit integer",
        (Some(true), _) => "its fields are malformed",
        (None, Some(_)) if answer => "its result or error is malformed",
        (None, Some(_)) => "it has an id but neither a method, a result nor an error",
        (None, None) => "it has neither a method nor an id",
    };
    match serde_json::from_value::<Message>(value) {
        // `lsp_server` takes a request whose id it cannot hold for a
        // notification; it is a request, and answered.
        Ok(Message::Notification(_)) if id.is_some() => {}
        Ok(message) => return Ok(message),
        Err(_) => {}
    }
    // Nothing answers a notification or a response.
    if method.is_some() && id.is_none() || method.is_none() && answer {
        let what = if answer { "response" } else { "notification" };
        return Err(Rejected {
            why: format!("a malformed {what} ({wrong}): dropped"),
            reply: None,
        });
    }
    let why = if method.is_some() {
        format!("a malformed request ({wrong})")
    } else {
        format!("a JSON object that is not a message ({wrong})")
    };
    // The request's id, when it is one JSON-RPC allows.
    let id = id.filter(|id| id.is_string() || id.is_number());
    Err(reject(
        ErrorCode::InvalidRequest,
        id.as_ref().unwrap_or(&Value::Null),
        why,
    ))
}

/// An id `lsp_server` can hold: a string or an `i32`.
fn is_request_id(id: &Value) -> bool {
    id.is_string() || id.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
}

fn reject(code: ErrorCode, id: &Value, why: String) -> Rejected {
    let reply = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": format!("claimtrace: {why}") },
    });
    Rejected {
        why: format!("{why}: answered with error {}", code as i32),
        reply: Some(reply),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One line on standard error.
fn log(message: &str) {
    eprintln!("claimtrace lsp: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rejected(body: &str) -> (String, Option<Value>) {
        let rejected = decode(body.as_bytes()).unwrap_err();
        assert!(!rejected.why.contains('\n'), "{}", rejected.why);
        (rejected.why, rejected.reply)
    }

    fn code_and_id(body: &str) -> (i64, Value) {
        let reply = rejected(body).1.expect("an answer");
        (
            reply["error"]["code"].as_i64().unwrap(),
            reply["id"].clone(),
        )
    }

    #[test]
    fn messages_decode() {
        let request = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        assert!(matches!(
            decode(request.as_bytes()),
            Ok(Message::Request(_))
        ));
        let exit = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        assert!(matches!(
            decode(exit.as_bytes()),
            Ok(Message::Notification(_))
        ));
    }

    #[test]
    fn malformed_bodies_are_answered_where_they_can_be() {
        assert_eq!(code_and_id(r#"{"id": 1, "method""#), (-32700, Value::Null));
        assert_eq!(code_and_id(""), (-32700, Value::Null));
        assert_eq!(code_and_id("\u{feff}{}"), (-32700, Value::Null));
        for body in ["[]", "42", "\"x\"", "null", "true"] {
            assert_eq!(code_and_id(body), (-32600, Value::Null), "{body}");
        }
        assert_eq!(code_and_id("{}"), (-32600, Value::Null));
        assert_eq!(code_and_id(r#"{"id": 7, "method": 5}"#), (-32600, json!(7)));
        assert_eq!(
            code_and_id(r#"{"id": 1e12, "method": "hover"}"#),
            (-32600, json!(1e12))
        );
        assert_eq!(
            code_and_id(r#"{"id": [1], "method": "hover"}"#),
            (-32600, Value::Null)
        );
        assert_eq!(code_and_id(r#"{"id": 1}"#), (-32600, json!(1)));
        // Nothing answers a notification or a response.
        assert_eq!(rejected(r#"{"method": 5}"#).1, None);
        assert_eq!(rejected(r#"{"id": 1.5, "result": 1}"#).1, None);
    }
}
