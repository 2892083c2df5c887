//! The language server's positions on any text and any position a client
//! may send: the input is client positions, a 0xFF byte, then the text
//! (UTF-8 never holds 0xFF, so the last one splits them). The first byte
//! picks the encoding (UTF-8, UTF-16 or UTF-32); every further 8 bytes are
//! a position (line and column, two little-endian `u32`s: out of range,
//! inside a character, past the end, anything).
//!
//! * Every character boundary's position is the one counted here
//!   independently (lines end at `\n`, `\r\n` or a lone `\r`), and turns
//!   back into the same byte offset (the one offset no position names,
//!   between the `\r` and `\n` of a CRLF, is the end of its line).
//! * Any offset, even inside a character or past the end, has a position.
//! * Any client position is a byte offset on a character boundary; any
//!   range a span in the text; any edit of any range leaves the text
//!   exactly the replacement of that span.
#![no_main]

use claimtrace::lsp::position::{Encoding, Lines, apply_change};
use libfuzzer_sys::fuzz_target;
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// At most this many character boundaries are checked one by one, spread
/// over the text: each costs a walk of its line.
const BOUNDARIES: usize = 256;

fuzz_target!(|bytes: &[u8]| {
    let Some(split) = bytes.iter().rposition(|&b| b == 0xFF) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(&bytes[split + 1..]) else {
        return;
    };
    let (encoding, positions) = match bytes[..split].split_first() {
        Some((first, rest)) => (
            [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32][usize::from(first % 3)],
            rest,
        ),
        None => (Encoding::Utf16, &[][..]),
    };
    let lines = Lines::new(text, encoding);

    round_trips(text, &lines, encoding);

    // Offsets anywhere: inside characters, past the end.
    for offset in [text.len() + 1, usize::MAX] {
        let _ = lines.position(text, offset);
    }
    for (offset, _) in text.char_indices().take(BOUNDARIES) {
        let _ = lines.position(text, offset + 1);
    }

    let positions: Vec<Position> = positions
        .chunks_exact(8)
        .map(|chunk| {
            let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            Position::new(word(&chunk[..4]), word(&chunk[4..]))
        })
        .collect();
    for &position in &positions {
        let offset = lines.offset(text, position);
        assert!(offset <= text.len(), "{position:?} is past the end");
        assert!(
            text.is_char_boundary(offset),
            "{position:?} splits a character"
        );
    }
    for pair in positions.chunks_exact(2) {
        let range = Range::new(pair[0], pair[1]);
        let span = lines.span(text, range);
        assert!(span.start <= span.end && span.end <= text.len());
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        // An edit replaces exactly that span.
        let mut edited = text.to_string();
        let replacement = "😀x\r\n";
        apply_change(
            &mut edited,
            TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: replacement.to_string(),
            },
            encoding,
        );
        let expected = [&text[..span.start], replacement, &text[span.end..]].concat();
        assert_eq!(edited, expected);
    }
});

/// Every character boundary (up to [`BOUNDARIES`], spread over the text)
/// has the position counted here, and that position gives it back.
fn round_trips(text: &str, lines: &Lines, encoding: Encoding) {
    let boundaries = text.char_indices().count() + 1;
    let stride = boundaries.div_ceil(BOUNDARIES).max(1);
    let (mut line, mut column) = (0u32, 0u32);
    let mut chars = text.char_indices().peekable();
    for index in 0..boundaries {
        let (offset, c) = match chars.next() {
            Some((offset, c)) => (offset, Some(c)),
            None => (text.len(), None),
        };
        let inside_crlf = offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n');
        if index % stride == 0 || index + 1 == boundaries {
            let position = lines.position(text, offset);
            assert_eq!(
                position,
                Position::new(line, column),
                "position of byte {offset}"
            );
            let back = lines.offset(text, position);
            if inside_crlf {
                assert_eq!(back, offset - 1, "inside a CRLF: the end of its line");
            } else {
                assert_eq!(back, offset, "{position:?} is not byte {offset}");
            }
        }
        let Some(c) = c else { break };
        let ends_line =
            c == '\n' || (c == '\r' && chars.peek().map(|&(_, next)| next) != Some('\n'));
        if ends_line {
            line += 1;
            column = 0;
        } else if c != '\r' {
            column += match encoding {
                Encoding::Utf8 => c.len_utf8() as u32,
                Encoding::Utf16 => c.len_utf16() as u32,
                Encoding::Utf32 => 1,
            };
        }
    }
}
