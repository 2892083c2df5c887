//! Positions as the Language Server Protocol counts them, and edits to an
//! editor's buffer.
//!
//! The library speaks in byte offsets into a document's text; the protocol
//! in zero-based lines and a column counted in the code units of the
//! encoding the client and server agreed on: UTF-16 unless the client
//! offers another (an emoji is two UTF-16 units, `€` and Devanagari letters
//! one, and each is three or four bytes). Lines end at `\n`, `\r\n` or a
//! lone `\r`, as in the protocol.
//!
//! Whatever position a client sends is turned into a byte offset on a
//! character boundary: a line past the end is the end of the text, a
//! column past the end of its line is the end of the line, and a column
//! inside a character (half of a surrogate pair) is the start of that
//! character. No position makes the server slice a string inside a
//! character.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::span::Span;

/// How columns are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    #[default]
    Utf16,
    /// Characters.
    Utf32,
}

impl Encoding {
    /// The name the protocol gives this encoding.
    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
            Encoding::Utf32 => lsp_types::PositionEncodingKind::UTF32,
        }
    }

    /// The encoding to use with a client offering `offered` (in its order
    /// of preference): the first one known here, else UTF-16, which every
    /// client supports.
    pub fn negotiate(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The code units of `c` in this encoding.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, for turning byte offsets into
/// protocol positions and back.
#[derive(Clone, Debug)]
pub struct Lines {
    /// Byte offset at which each line starts; never empty.
    starts: Vec<usize>,
    encoding: Encoding,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str, encoding: Encoding) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue; // the first half of a CRLF
            }
            starts.push(at + 1);
        }
        Lines { starts, encoding }
    }

    /// The zero-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// The bytes of line `line` of `text`, without its line ending.
    fn line<'t>(&self, text: &'t str, line: usize) -> (usize, &'t str) {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let body = text[start..end].trim_end_matches(['\n', '\r']);
        (start, body)
    }

    /// The position of byte `offset` of `text` (clamped to the text, and
    /// to the start of the character it falls in).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let (start, body) = self.line(text, line);
        // An offset inside a line ending counts as the end of the line.
        let within = offset.saturating_sub(start).min(body.len());
        let column: usize = body[..within].chars().map(|c| self.encoding.units(c)).sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The range of `span` of `text`.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of `position` in `text`, on a character boundary:
    /// past the last line is the end of the text, past the end of a line
    /// is the end of that line, inside a character is its start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, body) = self.line(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, c) in body.char_indices() {
            let next = units + self.encoding.units(c);
            if next > wanted {
                return start + at;
            }
            units = next;
        }
        start + body.len()
    }

    /// The byte span of `range` in `text` (an end before the start is the
    /// start).
    pub fn span(&self, text: &str, range: Range) -> Span {
        let start = self.offset(text, range.start);
        let end = self.offset(text, range.end).max(start);
        Span::new(start, end)
    }
}

/// Applies one change a client sent to `text`: the whole new text, or the
/// replacement of a range.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let span = Lines::new(text, encoding).span(text, range);
            text.replace_range(span.start..span.end, &change.text);
        }
    }
}

/// A line or column as the protocol writes it (no text has 2³² lines).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        // `€` and `’` are one unit, the emoji two, Devanagari letters one
        // each (a vowel sign is its own character).
        let text = "€5 ’q’ 😀 हिन्दी x\nnext";
        let lines = Lines::new(text, Encoding::Utf16);
        let x = text.find(" x").unwrap() + 1;
        assert_eq!(lines.position(text, x), at(0, 17));
        assert_eq!(lines.offset(text, at(0, 17)), x);
        let emoji = text.find('😀').unwrap();
        assert_eq!(lines.position(text, emoji), at(0, 7));
        // Half of the surrogate pair is the start of the emoji.
        assert_eq!(lines.offset(text, at(0, 8)), emoji);
        assert_eq!(lines.offset(text, at(1, 2)), text.find("next").unwrap() + 2);
    }

    #[test]
    fn other_encodings() {
        let text = "a😀b";
        let b = text.find('b').unwrap();
        assert_eq!(Lines::new(text, Encoding::Utf8).position(text, b), at(0, 5));
        assert_eq!(
            Lines::new(text, Encoding::Utf32).position(text, b),
            at(0, 2)
        );
        assert_eq!(Lines::new(text, Encoding::Utf32).offset(text, at(0, 2)), b);
    }

    #[test]
    fn line_endings_and_clamping() {
        let text = "one\r\ntwo\rthree\nfour";
        let lines = Lines::new(text, Encoding::Utf16);
        assert_eq!(lines.offset(text, at(1, 0)), 5);
        assert_eq!(lines.offset(text, at(2, 0)), 9);
        assert_eq!(lines.offset(text, at(3, 1)), text.len() - 3);
        // Past the end of a line: its end, before the CRLF.
        assert_eq!(lines.offset(text, at(0, 99)), 3);
        // Past the last line: the end of the text.
        assert_eq!(lines.offset(text, at(9, 0)), text.len());
        // An offset inside a CRLF is the end of its line.
        assert_eq!(lines.position(text, 4), at(0, 3));
        assert_eq!(lines.position(text, 999), at(3, 4));
    }

    #[test]
    fn incremental_changes() {
        let mut text = "“Trust,” she said — 😀 ok".to_string();
        let change = |range: Option<Range>, new: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: new.to_string(),
        };
        // Replace "ok" after the emoji (UTF-16 column 23).
        apply_change(
            &mut text,
            change(Some(Range::new(at(0, 23), at(0, 25))), "fine"),
            Encoding::Utf16,
        );
        assert_eq!(text, "“Trust,” she said — 😀 fine");
        apply_change(&mut text, change(None, "new"), Encoding::Utf16);
        assert_eq!(text, "new");
        // A range inside a character or reversed never panics.
        let mut text = "😀".to_string();
        apply_change(
            &mut text,
            change(Some(Range::new(at(0, 1), at(0, 0))), "x"),
            Encoding::Utf16,
        );
        assert_eq!(text, "x😀");
    }
}
