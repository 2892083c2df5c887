//! Byte spans into a document and the line index that turns them into
//! human positions.
//!
//! Every stage of claimtrace speaks in [`Span`]s: half-open byte ranges into
//! the *original* bytes of the file the user wrote. Nothing is ever measured
//! against a rewritten copy, so a finding can always be shown where it was
//! written.
//!
//! A [`LineIndex`] records where each line starts, so that a byte offset can be
//! turned into a 1-based line and a 1-based column counted in characters
//! (what editors show). Lines end at `\n`, `\r\n` or a lone `\r`. A UTF-8 byte
//! order mark is not a column: the first line starts after it.
//!
//! Turning offsets into columns means counting the characters between the
//! start of the line and the offset. On a document with one enormous line,
//! doing that from scratch for every sentence would be quadratic, so
//! [`Locator`] remembers the last position it resolved and walks from there
//! (forward, or back when that is nearer than the line start): reports ask
//! about offsets nearly in order, so the total work stays linear.

use serde::Serialize;

/// A half-open range of byte offsets `[start, end)` into a document's
/// original bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely within this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A span together with the human positions of both ends, as it appears in
/// every JSON output of claimtrace.
///
/// `line`/`column` locate the first character; `end_line`/`end_column`
/// locate the exclusive end, so a one-line span of three characters starting
/// at column 1 ends at column 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// The start offset of every line of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; never empty.
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`. A leading byte order mark belongs to no column, so
    /// the first line starts after it.
    pub fn new(text: &str) -> LineIndex {
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        let mut line_starts = vec![first];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A `\r` directly followed by `\n` is half of one CRLF ending:
            // the line starts after the `\n`.
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(at + 1);
        }
        LineIndex { line_starts }
    }

    /// Number of lines (a text without line endings has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based index of the line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    /// Byte offset at which the zero-based `line` starts.
    fn line_start(&self, line: usize) -> usize {
        self.line_starts[line]
    }
}

/// Resolves offsets of one text into positions, fast when the offsets come
/// in increasing order.
pub struct Locator<'a> {
    text: &'a str,
    index: &'a LineIndex,
    /// The last resolved offset, its zero-based line and its zero-based
    /// column, from which the next forward query continues.
    last: (usize, usize, usize),
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex) -> Locator<'a> {
        Locator {
            text,
            index,
            last: (index.line_start(0), 0, 0),
        }
    }

    /// The position of byte `offset`. Offsets past the end are clamped to
    /// the end; an offset inside a character or before a byte order mark
    /// resolves to the column of the character it falls in.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset);
        let line_start = self.index.line_start(line);
        let (last_offset, last_line, last_column) = self.last;
        let bytes = self.text.as_bytes();
        let column = if last_line == line && last_offset <= offset {
            last_column + count_chars(&bytes[last_offset..offset])
        } else if last_line == line && last_offset - offset < offset - line_start {
            // A step back on the same line: nearer the last position than
            // the line start.
            last_column - count_chars(&bytes[offset..last_offset])
        } else {
            count_chars(&bytes[line_start.min(offset)..offset])
        };
        self.last = (offset, line, column);
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The full location of `span`.
    pub fn locate(&mut self, span: Span) -> Location {
        let start = self.position(span.start);
        let end = self.position(span.end);
        Location {
            start: span.start,
            end: span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

/// Counts the characters that start within `bytes` (UTF-8 continuation
/// bytes are not starts).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(text: &str, offset: usize) -> (usize, usize) {
        let index = LineIndex::new(text);
        let p = Locator::new(text, &index).position(offset);
        (p.line, p.column)
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "€€x";
        assert_eq!(position(text, 6), (1, 3));
    }

    #[test]
    fn all_line_endings_start_lines() {
        let text = "a\nb\r\nc\rd";
        assert_eq!(position(text, 2), (2, 1));
        assert_eq!(position(text, 5), (3, 1));
        assert_eq!(position(text, 7), (4, 1));
        // The `\n` of a CRLF is still on the line it ends.
        assert_eq!(position(text, 4), (2, 3));
    }

    #[test]
    fn byte_order_mark_is_not_a_column() {
        let text = "\u{feff}Hi";
        assert_eq!(position(text, 3), (1, 1));
        assert_eq!(position(text, 4), (1, 2));
    }

    #[test]
    fn forward_and_backward_queries_agree() {
        let text = "one two\nthree four five\nsix";
        let index = LineIndex::new(text);
        let mut locator = Locator::new(text, &index);
        let forward: Vec<_> = (0..=text.len()).map(|o| locator.position(o)).collect();
        for offset in (0..=text.len()).rev() {
            assert_eq!(locator.position(offset), forward[offset]);
        }
    }
}
