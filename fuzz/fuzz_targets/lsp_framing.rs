//! The language server's input on any bytes at all: framing (headers,
//! `Content-Length` missing, not a number, past the body, past the end of
//! the input, over the limit) and the decoding of each body. The first
//! byte sets the size of the read buffer (1 to 64 bytes, so that headers
//! and bodies are cut anywhere); the rest is the input, after which a
//! well-formed `shutdown` request is appended.
//!
//! * The reader ends, at the end of the input, having made progress with
//!   each frame; no body it gives is over its limit.
//! * A body is a message, or rejected with a one-line reason; an answer
//!   to it is a JSON-RPC error whose id is `null`, a string or a number.
//! * Whatever came before it, the appended request is read whole and
//!   decoded: the reader always finds its way back to a message.
#![no_main]

use std::io::BufReader;

use claimtrace::lsp::framing::{Frame, Reader};
use claimtrace::lsp::transport::decode;
use libfuzzer_sys::fuzz_target;

/// A small limit, so that messages over it are common.
const LIMIT: usize = 1024;

const LAST: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

fuzz_target!(|bytes: &[u8]| {
    let Some((&first, garbage)) = bytes.split_first() else {
        return;
    };
    let capacity = 1 + usize::from(first % 64);
    let mut input = garbage.to_vec();
    input.extend_from_slice(format!("Content-Length: {}\r\n\r\n{LAST}", LAST.len()).as_bytes());
    let mut reader = Reader::new(BufReader::with_capacity(capacity, &input[..]), LIMIT);
    let mut last_body: Option<Vec<u8>> = None;
    // Each frame but the last reads at least a byte.
    for _ in 0..input.len() + 2 {
        let frame = reader.next_frame().expect("reading bytes in memory");
        match frame {
            Frame::End(_) => {
                let body = last_body.expect("the appended message is read");
                assert_eq!(body, LAST.as_bytes(), "the appended message is read whole");
                assert!(decode(&body).is_ok(), "the appended message decodes");
                return;
            }
            Frame::Skipped(problem) => assert!(!problem.to_string().contains('\n')),
            Frame::Body(body, problem) => {
                assert!(body.len() <= LIMIT, "a body over the limit");
                if let Some(problem) = problem {
                    assert!(!problem.to_string().contains('\n'));
                }
                if let Err(rejected) = decode(&body) {
                    assert!(!rejected.why.contains('\n'), "{}", rejected.why);
                    if let Some(reply) = rejected.reply {
                        let id = &reply["id"];
                        assert!(id.is_null() || id.is_string() || id.is_number(), "{reply}");
                        assert!(reply["error"]["code"].is_i64(), "{reply}");
                    }
                }
                last_body = Some(body);
            }
        }
    }
    panic!("the reader made no progress");
});
