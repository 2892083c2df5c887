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
//! the index records, at every 256th byte (a *checkpoint*), how many
//! characters and line breaks precede it and where the line holding it
//! starts: a line is the count at the checkpoint before the offset plus the
//! breaks after it, a column the difference of two character counts, each
//! finished over less than 256 bytes. Any offset, asked in any order, costs
//! the same small amount however long its line, and the index takes a
//! tenth of the text's size however many lines it has (a list of line
//! starts would take twice the text's size in a file of blank lines).

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

/// How many bytes apart the checkpoints of a [`LineIndex`] are.
const CHECKPOINT: usize = 256;

/// What precedes one checkpoint of a text.
#[derive(Clone, Copy, Debug)]
struct Checkpoint {
    /// The characters starting before it.
    chars: usize,
    /// The line breaks before it: its zero-based line.
    lines: usize,
    /// Where the line holding it starts.
    line_start: usize,
}

/// Where the lines of a text start, and character counts to find columns
/// fast, at every [`CHECKPOINT`]th byte.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// `checkpoints[k]`: what precedes byte `k * CHECKPOINT`; one more than
    /// the text has whole checkpoints, so its end has one too.
    checkpoints: Vec<Checkpoint>,
    /// The lines of the whole text.
    line_count: usize,
}

/// Whether the byte at `at` of `bytes` ends a line: a `\n`, or a `\r` not
/// followed by `\n` (a `\r` directly followed by `\n` is half of one CRLF
/// ending, and the line ends at the `\n`).
fn is_break(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b'\n' => true,
        b'\r' => bytes.get(at + 1) != Some(&b'\n'),
        _ => false,
    }
}

impl LineIndex {
    /// Indexes `text`. A leading byte order mark belongs to no column, so
    /// the first line starts after it.
    pub fn new(text: &str) -> LineIndex {
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        // One for the start and one after each chunk, the last one short:
        // a vector one short would double.
        let mut checkpoints = Vec::with_capacity(bytes.len().div_ceil(CHECKPOINT) + 1);
        let mut at = Checkpoint {
            chars: 0,
            lines: 0,
            line_start: first,
        };
        checkpoints.push(at);
        for (k, chunk) in bytes.chunks(CHECKPOINT).enumerate() {
            let base = k * CHECKPOINT;
            at.chars += count_chars(chunk);
            for i in memchr::memchr2_iter(b'\n', b'\r', chunk) {
                if is_break(bytes, base + i) {
                    at.lines += 1;
                    at.line_start = base + i + 1;
                }
            }
            checkpoints.push(at);
        }
        LineIndex {
            line_count: at.lines + 1,
            checkpoints,
        }
    }

    /// The characters of `bytes` (the indexed text) starting before
    /// `offset`.
    fn chars_to(&self, bytes: &[u8], offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        self.checkpoints[checkpoint].chars + count_chars(&bytes[checkpoint * CHECKPOINT..offset])
    }

    /// Number of lines (a text without line endings has one).
    pub fn line_count(&self) -> usize {
        self.line_count
    }

    /// The zero-based line holding `offset` of `bytes` (the indexed text),
    /// and the byte offset at which that line starts.
    fn line_of(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let checkpoint = offset / CHECKPOINT;
        let from = checkpoint * CHECKPOINT;
        let Checkpoint {
            mut lines,
            mut line_start,
            ..
        } = self.checkpoints[checkpoint];
        for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[from..offset]) {
            if is_break(bytes, from + i) {
                lines += 1;
                line_start = from + i + 1;
            }
        }
        (lines, line_start)
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
        let bytes = self.text.as_bytes();
        let (line, line_start) = self.index.line_of(bytes, offset);
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
            let (_, start) = index.line_of(text.as_bytes(), offset);
            let naive = count_chars(&text.as_bytes()[start.min(offset)..offset]) + 1;
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

    #[test]
    fn lines_agree_with_a_list_of_line_starts_across_checkpoints() {
        // Line endings of every kind, a CRLF split by a checkpoint too.
        let text = format!(
            "\u{feff}{}\r\n{}\r{}\n\n{}\r\n\r",
            "a".repeat(252),
            "b€".repeat(130),
            "c\r\nd\n".repeat(90),
            "e".repeat(300)
        );
        let bytes = text.as_bytes();
        let mut starts = vec![3];
        for at in 0..bytes.len() {
            if is_break(bytes, at) {
                starts.push(at + 1);
            }
        }
        let index = LineIndex::new(&text);
        assert_eq!(index.line_count(), starts.len());
        for offset in 0..=text.len() {
            let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
            assert_eq!(
                index.line_of(bytes, offset),
                (line, starts[line]),
                "offset {offset}"
            );
        }
    }
}
