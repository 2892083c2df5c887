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
//! doing that from the line start for every finding would be quadratic, so
//! the index also records how many characters precede every 256th byte: a
//! column is the difference of two such counts, each finished over less
//! than 256 bytes. Any offset, asked in any order, costs the same small
//! amount however long its line.

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

/// How many bytes apart the character counts of a [`LineIndex`] are.
const CHECKPOINT: usize = 256;

/// The start offset of every line of a text, and character counts to find
/// columns fast.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; never empty.
    line_starts: Vec<usize>,
    /// `chars_before[k]`: the characters starting before byte
    /// `k * CHECKPOINT`.
    chars_before: Vec<usize>,
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
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut total = 0;
        chars_before.push(0);
        for chunk in bytes.chunks(CHECKPOINT) {
            total += count_chars(chunk);
            chars_before.push(total);
        }
        LineIndex {
            line_starts,
            chars_before,
        }
    }

    /// The characters of `bytes` (the indexed text) starting before
    /// `offset`.
    fn chars_to(&self, bytes: &[u8], offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        self.chars_before[checkpoint] + count_chars(&bytes[checkpoint * CHECKPOINT..offset])
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

/// Resolves offsets of one text into positions, in any order, each in
/// time independent of the length of its line.
pub struct Locator<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex) -> Locator<'a> {
        Locator { text, index }
    }

    /// The position of byte `offset`. Offsets past the end are clamped to
    /// the end; an offset inside a character or before a byte order mark
    /// resolves to the column of the character it falls in.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.index.line_of(offset);
        let line_start = self.index.line_start(line);
        let bytes = self.text.as_bytes();
        let column = self
            .index
            .chars_to(bytes, offset)
            .saturating_sub(self.index.chars_to(bytes, line_start.min(offset)));
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
    fn columns_agree_with_counting_from_the_line_start_across_checkpoints() {
        let text = format!(
            "\u{feff}{}\r\n{}\n€",
            "a€’😀ह ".repeat(200),
            "x".repeat(700)
        );
        let index = LineIndex::new(&text);
        let mut locator = Locator::new(&text, &index);
        for offset in (0..=text.len()).rev() {
            let line = index.line_of(offset);
            let start = index.line_start(line).min(offset);
            let naive = count_chars(&text.as_bytes()[start..offset]) + 1;
            assert_eq!(locator.position(offset).column, naive, "offset {offset}");
        }
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
