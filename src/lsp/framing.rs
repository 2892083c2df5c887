//! The protocol's framing, read from any bytes at all: each message is
//! headers (`Content-Length: N`, perhaps `Content-Type: …`), a blank line,
//! and a body of N bytes.
//!
//! A client may send anything, so the reader trusts nothing it reads and
//! never stops on bad input: it says what was wrong ([`Problem`]) and
//! finds the next message. Only the end of the input ends it.
//!
//! * **Bounded memory.** A header line is read up to [`MAX_HEADER_LINE`]
//!   bytes, a header section up to [`MAX_HEADER_LINES`] lines. A body is
//!   kept only up to the reader's limit ([`MAX_MESSAGE`] for the server):
//!   a `Content-Length` above it is refused before a byte of the body is
//!   stored, and the body is read past and dropped. Nothing is allocated
//!   from what a header declares; a body grows as its bytes arrive.
//! * **Resynchronising.** Where a message cannot be read (a line that is
//!   not a header, no `Content-Length`, one that is not a number), the
//!   reader drops bytes up to the next `Content-Length: N` header line and
//!   starts again there. Such a line (the name, digits and a line break)
//!   is never part of a well-formed body — JSON holds no bare word and no
//!   raw line break in a string — so a body that holds one is a body that
//!   is shorter than its `Content-Length` said, with the next message
//!   behind it: the reader stops the body there and reads the next message
//!   from that header on, instead of waiting for bytes that will never
//!   come or swallowing the messages that follow. The same holds when a
//!   declared length ends inside the next message's header line.
//! * **The end of the input** ends the reader cleanly, inside a message or
//!   not ([`Frame::End`]).
//!
//! The reader knows nothing of JSON: [`super::transport`] decodes the
//! bodies and answers the malformed ones.

use std::fmt;
use std::io::{self, BufRead, Read};

/// The largest message the server reads: 64 MiB. A body is held whole
/// while its JSON is parsed (which takes a few times its size again); a
/// document this large is far past what the server checks as you type
/// ([`super::server::MAX_CHECKED`]), and is told so rather than checked.
/// (`--max-file-size`'s 128 MiB is for files a run reads one at a time.)
pub const MAX_MESSAGE: usize = 64 << 20;

/// The longest header line kept, in bytes; a longer line is not a header.
pub const MAX_HEADER_LINE: usize = 4096;

/// The most header lines one message may have.
pub const MAX_HEADER_LINES: usize = 32;

/// The header that gives a body's length, and that the reader looks for
/// to find a message again.
const LENGTH: &[u8] = b"content-length:";

/// The most spaces or tabs between `Content-Length:` and its value that
/// the reader accepts when looking for a message.
const MAX_SPACES: usize = 8;

/// The most digits of a length the reader accepts when looking for a
/// message (a `u64` has 20).
const MAX_DIGITS: usize = 20;

/// What was wrong with the input where a message was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A line where a header was expected that is not one (its start).
    NotAHeader(String),
    /// A header line longer than [`MAX_HEADER_LINE`].
    LongHeader,
    /// More than [`MAX_HEADER_LINES`] header lines.
    ManyHeaders,
    /// Headers without `Content-Length`.
    NoLength,
    /// A `Content-Length` that is not a number (its value).
    BadLength(String),
    /// A `Content-Length` above the limit (its value, and the limit).
    TooLarge { declared: String, limit: usize },
    /// A body that ended where the next message's header began, before
    /// its `Content-Length`.
    Short { declared: u64, read: usize },
    /// The input ended inside a body.
    Truncated { declared: u64, read: usize },
    /// The input ended inside a message's headers.
    EndInHeaders,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotAHeader(start) => write!(
                f,
                "a line that is not a header ({start:?}): skipped to the next message"
            ),
            Problem::LongHeader => write!(
                f,
                "a header line longer than {MAX_HEADER_LINE} bytes: skipped to the next message"
            ),
            Problem::ManyHeaders => write!(
                f,
                "more than {MAX_HEADER_LINES} header lines: skipped to the next message"
            ),
            Problem::NoLength => write!(
                f,
                "a message without Content-Length: skipped to the next message"
            ),
            Problem::BadLength(value) => write!(
                f,
                "Content-Length {value:?} is not a number: skipped to the next message"
            ),
            Problem::TooLarge { declared, limit } => write!(
                f,
                "a message of {declared} bytes is over the limit of {limit} bytes: skipped"
            ),
            Problem::Short { declared, read } => write!(
                f,
                "a message of {read} bytes said Content-Length {declared}: read up to the next message"
            ),
            Problem::Truncated { declared, read } => write!(
                f,
                "the input ended {read} bytes into a message of {declared} bytes"
            ),
            Problem::EndInHeaders => write!(f, "the input ended inside a message's headers"),
        }
    }
}

/// What the reader read next.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message's body; with a problem when it was shorter than its
    /// `Content-Length` said.
    Body(Vec<u8>, Option<Problem>),
    /// Bytes that were not a message were skipped.
    Skipped(Problem),
    /// The input ended; with a problem when inside a message.
    End(Option<Problem>),
}

/// Reads frames from `R`.
pub struct Reader<R> {
    input: Input<R>,
    limit: usize,
}

impl<R: BufRead> Reader<R> {
    /// A reader of messages of up to `limit` bytes.
    pub fn new(inner: R, limit: usize) -> Reader<R> {
        Reader {
            input: Input {
                back: Vec::new(),
                at: 0,
                inner,
            },
            limit,
        }
    }

    /// The next frame. An error is only an error of the input itself
    /// (not its contents).
    pub fn next_frame(&mut self) -> io::Result<Frame> {
        let mut length: Option<Result<u64, Problem>> = None;
        let mut lines = 0;
        loop {
            let mut line = Vec::new();
            let read = (&mut self.input)
                .take(MAX_HEADER_LINE as u64)
                .read_until(b'\n', &mut line)?;
            if read == 0 {
                return Ok(Frame::End((lines > 0).then_some(Problem::EndInHeaders)));
            }
            if line.last() != Some(&b'\n') {
                if read < MAX_HEADER_LINE {
                    return Ok(Frame::End(Some(Problem::EndInHeaders)));
                }
                // Too long for a header: look for the next message in it
                // and after it.
                self.input.push_back(&line);
                self.skip(None)?;
                return Ok(Frame::Skipped(Problem::LongHeader));
            }
            let text = trim_line_end(&line);
            if text.is_empty() {
                if lines == 0 {
                    // A stray line break between messages.
                    continue;
                }
                return self.body(length);
            }
            // Bytes before a `Content-Length` header on the same line are
            // the end of something else: the message starts at the header.
            if let Some(at) = rfind_ignore_case(text, LENGTH)
                && at > 0
            {
                let rest = line.len() - at;
                self.input.push_back(&line[at..]);
                line.truncate(line.len() - rest);
                return Ok(Frame::Skipped(Problem::NotAHeader(snippet(&line))));
            }
            lines += 1;
            if lines > MAX_HEADER_LINES {
                // This line may be the next message's header.
                self.input.push_back(&line);
                self.skip(None)?;
                return Ok(Frame::Skipped(Problem::ManyHeaders));
            }
            match header(text) {
                Some((name, value)) if name.eq_ignore_ascii_case(b"content-length") => {
                    length = Some(parse_length(value));
                }
                Some(_) => {} // Content-Type, or anything else: not needed.
                None => {
                    self.skip(None)?;
                    return Ok(Frame::Skipped(Problem::NotAHeader(snippet(text))));
                }
            }
        }
    }

    /// Reads the body after headers that gave `length`.
    fn body(&mut self, length: Option<Result<u64, Problem>>) -> io::Result<Frame> {
        let declared = match length {
            Some(Ok(declared)) => declared,
            Some(Err(problem)) => {
                self.skip(None)?;
                return Ok(Frame::Skipped(problem));
            }
            None => {
                self.skip(None)?;
                return Ok(Frame::Skipped(Problem::NoLength));
            }
        };
        if usize::try_from(declared).map_or(true, |n| n > self.limit) {
            self.skip(Some(declared))?;
            return Ok(Frame::Skipped(Problem::TooLarge {
                declared: declared.to_string(),
                limit: self.limit,
            }));
        }
        let mut body = Vec::new();
        let end = self.scan(Some(declared), Some(&mut body))?;
        Ok(match end {
            Scanned::Length => Frame::Body(body, None),
            Scanned::Header => {
                let read = body.len();
                Frame::Body(body, Some(Problem::Short { declared, read }))
            }
            Scanned::End => Frame::End(Some(Problem::Truncated {
                declared,
                read: body.len(),
            })),
        })
    }

    /// Drops bytes up to the next message (or `limit` bytes, or the end).
    fn skip(&mut self, limit: Option<u64>) -> io::Result<()> {
        self.scan(limit, None).map(|_| ())
    }

    /// Reads up to `limit` bytes (without a limit, to the end), into `keep`
    /// if given, stopping before the next `Content-Length` header line if
    /// one comes first; that header line, and a part of one at the limit,
    /// is left to be read next.
    fn scan(&mut self, limit: Option<u64>, mut keep: Option<&mut Vec<u8>>) -> io::Result<Scanned> {
        let mut left = limit;
        // The bytes of the last chunk that may begin a header line that
        // the next chunk completes.
        let mut carry: Vec<u8> = Vec::new();
        loop {
            if left == Some(0) {
                // A part of a header line at the limit is the start of
                // the next message, cut off by a wrong length.
                if carry.is_empty() {
                    return Ok(Scanned::Length);
                }
                if let Some(kept) = keep.as_deref_mut() {
                    kept.truncate(kept.len().saturating_sub(carry.len()));
                }
                self.input.push_back(&carry);
                return Ok(Scanned::Header);
            }
            let chunk = match self.input.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(Scanned::End);
            }
            let take = match left {
                Some(left) => chunk.len().min(usize::try_from(left).unwrap_or(usize::MAX)),
                None => chunk.len(),
            };
            let mut window = std::mem::take(&mut carry);
            window.extend_from_slice(&chunk[..take]);
            if let Some(kept) = keep.as_deref_mut() {
                kept.extend_from_slice(&chunk[..take]);
            }
            self.input.consume(take);
            left = left.map(|left| left - take as u64);
            match find_length_header(&window) {
                Found::Whole(at) => {
                    let behind = window.len() - at;
                    if let Some(kept) = keep.as_deref_mut() {
                        kept.truncate(kept.len().saturating_sub(behind));
                    }
                    self.input.push_back(&window[at..]);
                    return Ok(Scanned::Header);
                }
                Found::Start(at) => carry = window[at..].to_vec(),
                Found::None => {}
            }
        }
    }
}

/// Where a scan stopped.
enum Scanned {
    /// At the limit.
    Length,
    /// Before the next message's header (or the start of one at the
    /// limit).
    Header,
    /// At the end of the input.
    End,
}

/// The input, with bytes read too far put back in front of it.
struct Input<R> {
    back: Vec<u8>,
    at: usize,
    inner: R,
}

impl<R> Input<R> {
    /// Puts `bytes` back, to be read before anything else.
    fn push_back(&mut self, bytes: &[u8]) {
        let mut back = bytes.to_vec();
        back.extend_from_slice(self.back.get(self.at..).unwrap_or_default());
        self.back = back;
        self.at = 0;
    }
}

impl<R: BufRead> Read for Input<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Input<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.back.len() {
            Ok(&self.back[self.at..])
        } else {
            self.inner.fill_buf()
        }
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.back.len() {
            self.at = (self.at + n).min(self.back.len());
            if self.at == self.back.len() {
                self.back.clear();
                self.at = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// A line without its line break (`\r\n`, or a lone `\n`).
fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// A header line's name and value: `Name: value`, the name a token.
fn header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    (!name.is_empty() && name.iter().all(token)).then_some((name, value.trim_ascii()))
}

/// A `Content-Length` value: digits only.
fn parse_length(value: &[u8]) -> Result<u64, Problem> {
    let text = String::from_utf8_lossy(value);
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Err(Problem::BadLength(text.chars().take(40).collect()));
    }
    // Digits too many for a u64 are a length over any limit.
    Ok(text.parse::<u64>().unwrap_or(u64::MAX))
}

/// The last place `needle` (lower case) is in `haystack`, in any case.
fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// The start of a line that was not a header, to show.
fn snippet(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned()
}

/// Where a `Content-Length: N` header line is in a window of bytes.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    /// Whole, from here: the name, spaces, digits and a line break.
    Whole(usize),
    /// Begun from here to the end of the window.
    Start(usize),
    None,
}

/// Finds the first `Content-Length: N` header line in `window` (any case,
/// up to [`MAX_SPACES`] spaces or tabs, up to [`MAX_DIGITS`] digits, a
/// `\r\n` or `\n`), or the start of one that the window ends inside.
fn find_length_header(window: &[u8]) -> Found {
    for at in memchr::memchr2_iter(b'c', b'C', window) {
        match length_header_at(&window[at..]) {
            Some(true) => return Found::Whole(at),
            // `c` occurs once in the header's name: no later match can
            // begin inside this one.
            Some(false) => return Found::Start(at),
            None => {}
        }
    }
    Found::None
}

/// Whether `bytes` starts with a whole `Content-Length: N` header line
/// (`Some(true)`), with the start of one to its end (`Some(false)`), or
/// neither.
fn length_header_at(bytes: &[u8]) -> Option<bool> {
    let name = bytes.len().min(LENGTH.len());
    if !bytes[..name].eq_ignore_ascii_case(&LENGTH[..name]) {
        return None;
    }
    if name < LENGTH.len() {
        return Some(false);
    }
    let mut rest = &bytes[LENGTH.len()..];
    let spaces = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if spaces > MAX_SPACES {
        return None;
    }
    rest = &rest[spaces..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > MAX_DIGITS {
        return None;
    }
    rest = &rest[digits..];
    match rest {
        [] => Some(false),
        _ if digits == 0 => None,
        [b'\n', ..] | [b'\r', b'\n', ..] => Some(true),
        [b'\r'] => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8], limit: usize) -> Vec<Frame> {
        let mut reader = Reader::new(input, limit);
        let mut out = Vec::new();
        loop {
            let frame = reader.next_frame().unwrap();
            let end = matches!(frame, Frame::End(_));
            out.push(frame);
            if end {
                return out;
            }
        }
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn body(text: &str) -> Frame {
        Frame::Body(text.as_bytes().to_vec(), None)
    }

    #[test]
    fn well_formed_messages() {
        let input = format!(
            "{}Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:  2\r\n\r\n{{}}\r\n{}",
            framed(r#"{"a":1}"#),
            framed("[]")
        );
        assert_eq!(
            frames(input.as_bytes(), 100),
            [body(r#"{"a":1}"#), body("{}"), body("[]"), Frame::End(None)]
        );
    }

    #[test]
    fn missing_or_bad_lengths_skip_to_the_next_message() {
        for header in [
            "Content-Type: x\r\n\r\n",
            "Content-Length: x\r\n\r\n",
            "Content-Length: -5\r\n\r\n",
            "Content-Length:\r\n\r\n",
            "",
            "{\"jsonrpc\": \"2.0\"}\r\n\r\n",
        ] {
            let input = format!("{header}{{\"id\": 1}}{}", framed("{}"));
            let got = frames(input.as_bytes(), 100);
            assert!(matches!(got[0], Frame::Skipped(_)), "{header:?}: {got:?}");
            assert_eq!(got[1..], [body("{}"), Frame::End(None)], "{header:?}");
        }
    }

    #[test]
    fn a_length_past_the_body_stops_at_the_next_message() {
        // Far past: the next message is read whole.
        let input = format!("Content-Length: 1000\r\n\r\n{{}}{}", framed("[1]"));
        assert_eq!(
            frames(input.as_bytes(), 10_000),
            [
                Frame::Body(
                    b"{}".to_vec(),
                    Some(Problem::Short {
                        declared: 1000,
                        read: 2
                    })
                ),
                body("[1]"),
                Frame::End(None)
            ]
        );
        // Ending inside the next message's header line: it is read again.
        for extra in 1..=19 {
            let input = format!("Content-Length: {}\r\n\r\n{{}}{}", 2 + extra, framed("[1]"));
            let got = frames(input.as_bytes(), 10_000);
            let short = Problem::Short {
                declared: 2 + extra,
                read: 2,
            };
            assert_eq!(
                got,
                [
                    Frame::Body(b"{}".to_vec(), Some(short)),
                    body("[1]"),
                    Frame::End(None)
                ],
                "{extra}"
            );
        }
    }

    #[test]
    fn a_length_over_the_limit_is_skipped_without_holding_it() {
        let input = format!("Content-Length: 1000000000000\r\n\r\n{{}}{}", framed("[]"));
        let got = frames(input.as_bytes(), 100);
        assert_eq!(
            got[0],
            Frame::Skipped(Problem::TooLarge {
                declared: "1000000000000".into(),
                limit: 100
            })
        );
        assert_eq!(got[1..], [body("[]"), Frame::End(None)]);
        let input = "Content-Length: 99999999999999999999999999\r\n\r\n{}";
        assert!(matches!(
            frames(input.as_bytes(), 100)[0],
            Frame::Skipped(Problem::TooLarge { .. })
        ));
        // A body over the limit, really there, is read past.
        let big = format!("[{}]", "1,".repeat(100) + "1");
        let input = format!("{}{}", framed(&big), framed("[]"));
        let got = frames(input.as_bytes(), 100);
        assert!(matches!(got[0], Frame::Skipped(Problem::TooLarge { .. })));
        assert_eq!(got[1..], [body("[]"), Frame::End(None)]);
    }

    #[test]
    fn the_end_of_the_input_ends_cleanly() {
        assert_eq!(frames(b"", 100), [Frame::End(None)]);
        assert_eq!(
            frames(b"Content-Length: 10\r\n\r\n{}", 100),
            [Frame::End(Some(Problem::Truncated {
                declared: 10,
                read: 2
            }))]
        );
        assert_eq!(
            frames(b"Content-Length: 10\r\n", 100),
            [Frame::End(Some(Problem::EndInHeaders))]
        );
        assert_eq!(
            frames(b"Content-Len", 100),
            [Frame::End(Some(Problem::EndInHeaders))]
        );
    }

    #[test]
    fn long_header_lines_and_many_headers() {
        let input = format!("X-Long: {}\r\n\r\n{}", "a".repeat(10_000), framed("[]"));
        let got = frames(input.as_bytes(), 100);
        assert_eq!(got[0], Frame::Skipped(Problem::LongHeader));
        assert_eq!(got[1..], [body("[]"), Frame::End(None)]);
        let input = format!("{}\r\n{}", "X-A: b\r\n".repeat(40), framed("[]"));
        let got = frames(input.as_bytes(), 100);
        assert_eq!(got[0], Frame::Skipped(Problem::ManyHeaders));
        assert_eq!(got[1..], [body("[]"), Frame::End(None)]);
    }

    #[test]
    fn length_header_lines_are_found() {
        assert_eq!(
            find_length_header(b"xx Content-Length: 12\r\n"),
            Found::Whole(3)
        );
        assert_eq!(find_length_header(b"xcontent-length:7\n"), Found::Whole(1));
        assert_eq!(
            find_length_header(b"x Content-Length: 12\r"),
            Found::Start(2)
        );
        assert_eq!(find_length_header(b"x Content-Le"), Found::Start(2));
        assert_eq!(find_length_header(b"Content-Length: 12 \r\n"), Found::None);
        assert_eq!(find_length_header(b"Content-Length: \r\n"), Found::None);
        assert_eq!(
            find_length_header(b"\"Content-Length: 12\" c"),
            Found::Start(21)
        );
    }

    /// Pieces of input that make framing interesting: headers, lengths,
    /// line breaks, bodies and their parts.
    fn piece() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        prop_oneof![
            any::<u8>().prop_map(|b| vec![b]),
            Just(b"Content-Length: ".to_vec()),
            Just(b"content-length:".to_vec()),
            Just(b"Content-Type: x".to_vec()),
            Just(b"Content-".to_vec()),
            (0u64..40).prop_map(|n| n.to_string().into_bytes()),
            Just(b"99999999999999999999999".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r\n\r\n".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(br#"{"jsonrpc":"2.0","method":"x"}"#.to_vec()),
            Just(b"{".to_vec()),
            Just(b"X-Header: y\r\n".repeat(5)),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever comes before it, a well-formed message is read whole,
        /// through buffers of any size, and the reader ends at the end.
        #[test]
        fn any_garbage_then_a_message(
            garbage in proptest::collection::vec(piece(), 0..24),
            capacity in 1usize..40,
        ) {
            let message = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
            let mut input = garbage.concat();
            input.extend_from_slice(framed(message).as_bytes());
            let mut reader = Reader::new(io::BufReader::with_capacity(capacity, &input[..]), 64);
            let mut got = Vec::new();
            for _ in 0..input.len() + 2 {
                let frame = reader.next_frame().unwrap();
                if let Frame::Body(body, _) = &frame {
                    proptest::prop_assert!(body.len() <= 64);
                }
                let end = matches!(frame, Frame::End(_));
                got.push(frame);
                if end {
                    break;
                }
            }
            proptest::prop_assert_eq!(got.last(), Some(&Frame::End(None)), "{:?}", got);
            let last = got.iter().rev().nth(1);
            proptest::prop_assert!(
                matches!(last, Some(Frame::Body(body, _)) if body == message.as_bytes()),
                "{:?}",
                got
            );
        }
    }
}
