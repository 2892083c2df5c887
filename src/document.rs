//! Reading a file into a [`Document`]: its exact text and the regions of it
//! that are prose.
//!
//! A document keeps the file's text byte for byte (a byte order mark and CRLF
//! endings included) so that every later span points into what the user
//! wrote. What it adds is a list of prose [`Block`]s: the paragraphs,
//! headings, list items, table cells and quoted paragraphs that sentences are
//! found in. No sentence ever crosses from one block into another.
//!
//! Input is checked before anything else reads it: a NUL byte marks a binary
//! file, which is refused rather than tokenized, and invalid UTF-8 is an
//! error naming the offset of the first bad byte.
//!
//! How blocks are found depends on the [`Format`]:
//!
//! * plain text ([`plain`]): paragraphs are separated by blank lines; inside
//!   a paragraph, each line is its own block unless the paragraph is
//!   hard-wrapped prose (see [`plain`] for the rule);
//! * Markdown ([`markdown`]): a CommonMark parser with source offsets decides
//!   what is prose. Front matter, code, HTML, link destinations, images and
//!   footnote definitions are not; emphasis and link markup inside a
//!   paragraph is stepped over, so a block is a list of pieces rather than
//!   one range.

pub mod markdown;
pub mod plain;
pub mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::access::{self, Admitted};
use crate::error::{Error, Result};
use crate::span::{LineIndex, Location, Locator, Span};

/// How a document's text is to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    /// Markdown for `.md` and `.markdown` files, plain text otherwise.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Plain,
        }
    }
}

/// One region of prose. Its text is the concatenation of its pieces, each a
/// span of the original file; the gaps between pieces are markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block<'d> {
    /// From the start of the first piece to the end of the last.
    pub span: Span,
    /// The prose pieces in order, non-empty, non-overlapping.
    pub pieces: &'d [Span],
}

/// The prose blocks of a document, in order and non-overlapping.
///
/// Most blocks are one piece (a paragraph of plain text, a Markdown
/// paragraph without markup), and a file can hold millions of them: one
/// span each is all that is kept, and the pieces only of the blocks that
/// have several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocks {
    /// Each block's span.
    spans: Vec<Span>,
    /// The blocks of several pieces, in order: the block's index, and
    /// where its pieces start in `pieces`.
    split: Vec<(usize, usize)>,
    /// The pieces of the blocks of several, one block after another.
    pieces: Vec<Span>,
}

impl Blocks {
    /// Adds a block made of `pieces` (in order, after every block so far);
    /// none, none is added.
    pub fn push(&mut self, pieces: &[Span]) {
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return;
        };
        if pieces.len() > 1 {
            self.split.push((self.spans.len(), self.pieces.len()));
            self.pieces.extend_from_slice(pieces);
        }
        self.spans.push(Span::new(first.start, last.end));
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The pieces of the block at `index`, whose span is `span`, the
    /// `k`th of the blocks of several pieces when it is one of them.
    fn pieces_of<'b>(&'b self, span: &'b Span, k: usize) -> &'b [Span] {
        match self.split.get(k) {
            Some(&(_, from)) => {
                let to = self
                    .split
                    .get(k + 1)
                    .map_or(self.pieces.len(), |&(_, to)| to);
                &self.pieces[from..to]
            }
            None => std::slice::from_ref(span),
        }
    }

    /// The block at `index`.
    pub fn get(&self, index: usize) -> Option<Block<'_>> {
        let span = self.spans.get(index)?;
        let pieces = match self.split.binary_search_by_key(&index, |&(block, _)| block) {
            Ok(k) => self.pieces_of(span, k),
            Err(_) => std::slice::from_ref(span),
        };
        Some(Block {
            span: *span,
            pieces,
        })
    }

    pub fn first(&self) -> Option<Block<'_>> {
        self.get(0)
    }

    /// Every block, in order.
    pub fn iter(&self) -> BlockIter<'_> {
        BlockIter {
            blocks: self,
            next: 0,
            split: 0,
        }
    }

    /// The index of the first block that ends after `at` (the number of
    /// blocks when none does).
    pub fn index_of(&self, at: usize) -> usize {
        self.spans.partition_point(|span| span.end <= at)
    }
}

impl<'b> IntoIterator for &'b Blocks {
    type Item = Block<'b>;
    type IntoIter = BlockIter<'b>;

    fn into_iter(self) -> BlockIter<'b> {
        self.iter()
    }
}

/// The blocks of a document in order (see [`Blocks::iter`]).
pub struct BlockIter<'b> {
    blocks: &'b Blocks,
    /// The index of the block to yield next.
    next: usize,
    /// How many of the blocks of several pieces were yielded.
    split: usize,
}

impl<'b> Iterator for BlockIter<'b> {
    type Item = Block<'b>;

    fn next(&mut self) -> Option<Block<'b>> {
        let blocks = self.blocks;
        let span = blocks.spans.get(self.next)?;
        let several = blocks
            .split
            .get(self.split)
            .is_some_and(|&(block, _)| block == self.next);
        let pieces = if several {
            self.split += 1;
            blocks.pieces_of(span, self.split - 1)
        } else {
            std::slice::from_ref(span)
        };
        self.next += 1;
        Some(Block {
            span: *span,
            pieces,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.blocks.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for BlockIter<'_> {}

/// A Markdown footnote definition (`[^label]: content`) or reference
/// (`[^label]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footnote {
    pub label: String,
    /// The whole definition or reference, label included.
    pub span: Span,
}

/// A file read and split into prose blocks.
#[derive(Debug)]
pub struct Document {
    /// The path as the user gave it (`<stdin>` for standard input).
    pub path: PathBuf,
    /// The file's complete text.
    pub text: String,
    pub format: Format,
    /// The prose regions, in order and non-overlapping.
    pub blocks: Blocks,
    /// Markdown YAML front matter, if any.
    pub front_matter: Option<Span>,
    /// Markdown footnote definitions, in order.
    pub footnotes: Vec<Footnote>,
    /// Markdown footnote references (`[^label]`), in order.
    pub footnote_refs: Vec<Footnote>,
    /// Markdown HTML comments, in order.
    pub comments: Vec<Span>,
    lines: LineIndex,
}

/// `path` (canonical) relative to the current folder when it lies inside
/// it, so output never shows a machine's absolute paths needlessly.
pub fn relative_to_current(path: &Path) -> PathBuf {
    std::env::current_dir()
        .and_then(|current| current.canonicalize())
        .ok()
        .and_then(|current| path.strip_prefix(current).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// The most a run reads of one file unless told otherwise: 128 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 128 << 20;

/// How files are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The format of every file; `None`: as its extension implies.
    pub format: Option<Format>,
    /// Files larger than this are refused.
    pub max_bytes: u64,
}

impl Default for Reading {
    fn default() -> Reading {
        Reading {
            format: None,
            max_bytes: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Parses a size as written by a user: bytes, or with a `K`, `M` or `G`
/// suffix (powers of 1,024; `KiB`, `MB` and the like read the same).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return None,
    };
    number.checked_mul(1 << shift)
}

/// How many leading bytes decide whether a file is text.
const SNIFF_BYTES: u64 = 8 << 10;

/// Reads `reader` to its end as the bytes of a text file of at most
/// `max_bytes`. The first bytes decide whether it is text at all, so a
/// large binary file is refused before the rest of it is read.
fn read_text(mut reader: impl Read, path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    (&mut reader)
        .take(SNIFF_BYTES.min(max_bytes.saturating_add(1)))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    sniff(path, &bytes)?;
    let rest = max_bytes
        .saturating_add(1)
        .saturating_sub(bytes.len() as u64);
    reader
        .take(rest)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            limit: max_bytes,
        });
    }
    // The text is kept for the whole run: give back what reading grew by.
    bytes.shrink_to_fit();
    Ok(bytes)
}

/// Refuses the first bytes of a file that is not UTF-8 text: a UTF-16 or
/// UTF-32 byte order mark, or a NUL byte (in UTF-16 without a mark, every
/// other byte of English text is NUL: said so, as it is easily converted).
fn sniff(path: &Path, head: &[u8]) -> Result<()> {
    let encoding = if head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some("UTF-32 (big-endian)")
    } else if head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some("UTF-32 (little-endian)")
    } else if head.starts_with(&[0xFF, 0xFE]) {
        Some("UTF-16 (little-endian)")
    } else if head.starts_with(&[0xFE, 0xFF]) {
        Some("UTF-16 (big-endian)")
    } else if memchr::memchr(0, head).is_some() && looks_like_utf16(head) {
        Some("UTF-16 (without a byte order mark)")
    } else {
        None
    };
    if let Some(encoding) = encoding {
        return Err(Error::Refused {
            path: path.to_path_buf(),
            reason: format!("{encoding} text; claimtrace reads UTF-8: convert the file first"),
        });
    }
    match memchr::memchr(0, head) {
        Some(offset) => Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        }),
        None => Ok(()),
    }
}

/// Whether `head` reads as UTF-16 of mostly ASCII text: NUL bytes fill one
/// of the two byte positions and never the other.
fn looks_like_utf16(head: &[u8]) -> bool {
    let pairs = &head[..head.len().min(1024) & !1];
    if pairs.len() < 4 {
        return false;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in pairs.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let half = pairs.len() / 2;
    (even * 2 >= half && odd == 0) || (odd * 2 >= half && even == 0)
}

/// The name standard input goes by in messages and output.
pub const STDIN_NAME: &str = "<stdin>";

impl Document {
    /// Reads the file at `path`, up to [`DEFAULT_MAX_FILE_SIZE`]; `format`
    /// defaults to the one its extension implies.
    pub fn read(path: &Path, format: Option<Format>) -> Result<Document> {
        Document::read_with(
            path,
            Reading {
                format,
                ..Reading::default()
            },
        )
    }

    /// Reads the file at `path` as `reading` says, admitted by the rule of
    /// [`crate::access`] as a path named in the repository of the current
    /// folder (see [`Document::read_admitted`]).
    pub fn read_with(path: &Path, reading: Reading) -> Result<Document> {
        let io_error = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let root = access::run_root(Path::new(".")).map_err(io_error)?;
        let admitted = access::named(path, &root).map_err(|d| d.into_error(path))?;
        Document::read_admitted(path, &admitted, reading)
    }

    /// Reads the file `admitted` (shown as `path`) as `reading` says,
    /// refusing it unless it is a regular file of at most
    /// `reading.max_bytes` holding text. It is opened without following a
    /// last link and without waiting on a FIFO, and checked again once
    /// open; the first bytes decide whether the file is text before the
    /// rest is read.
    pub fn read_admitted(path: &Path, admitted: &Admitted, reading: Reading) -> Result<Document> {
        let Reading { format, max_bytes } = reading;
        if admitted.is_dir {
            // Inside the root, so saying what it is tells nothing of the
            // world outside.
            return Err(Error::Refused {
                path: path.to_path_buf(),
                reason: "a folder, not a file".to_string(),
            });
        }
        let (file, metadata) = access::open(admitted).map_err(|d| d.into_error(path))?;
        if metadata.len() > max_bytes {
            return Err(Error::TooLarge {
                path: path.to_path_buf(),
                limit: max_bytes,
            });
        }
        let bytes = read_text(file, path, max_bytes)?;
        let format = format.unwrap_or_else(|| Format::from_path(path));
        Document::from_bytes(path.to_path_buf(), bytes, format)
    }

    /// Reads standard input, up to `max_bytes`.
    pub fn read_stdin(format: Format, max_bytes: u64) -> Result<Document> {
        let path = PathBuf::from(STDIN_NAME);
        let bytes = read_text(std::io::stdin().lock(), &path, max_bytes)?;
        Document::from_bytes(path, bytes, format)
    }

    /// Checks `bytes` for binary content and UTF-8 validity, then parses.
    pub fn from_bytes(path: PathBuf, bytes: Vec<u8>, format: Format) -> Result<Document> {
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(Error::Binary { path, offset });
        }
        let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            path: path.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Ok(Document::from_text(path, text, format))
    }

    /// Parses text already known to be valid.
    pub fn from_text(path: PathBuf, text: String, format: Format) -> Document {
        let lines = LineIndex::new(&text);
        let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut document = Document {
            path,
            format,
            blocks: Blocks::default(),
            front_matter: None,
            footnotes: Vec::new(),
            footnote_refs: Vec::new(),
            comments: Vec::new(),
            lines,
            text,
        };
        match format {
            Format::Plain => document.blocks = plain::blocks(&document.text, body_start),
            Format::Markdown => {
                let parsed = markdown::parse(&document.text, body_start);
                document.blocks = parsed.blocks;
                document.front_matter = parsed.front_matter;
                document.footnotes = parsed.footnotes;
                document.footnote_refs = parsed.footnote_refs;
                document.comments = parsed.comments;
            }
        }
        document
    }

    /// The exact text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// A locator for turning this document's spans into line and column
    /// positions; cheapest when asked about spans in order.
    pub fn locator(&self) -> Locator<'_> {
        Locator::new(&self.text, &self.lines)
    }

    /// The location of one span. Use [`Document::locator`] for many.
    pub fn locate(&self, span: Span) -> Location {
        self.locator().locate(span)
    }

    /// The path as it should be shown to the user.
    /// Whole: bytes of a file name that are not UTF-8 are written `\x{..}`
    /// rather than lost ([`crate::report::text::path`]).
    pub fn display_path(&self) -> String {
        crate::report::text::path(&self.path).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_one_piece_and_of_several() {
        let mut blocks = Blocks::default();
        blocks.push(&[Span::new(0, 4)]);
        blocks.push(&[]);
        blocks.push(&[Span::new(6, 8), Span::new(10, 12)]);
        blocks.push(&[Span::new(14, 15)]);
        blocks.push(&[Span::new(16, 17), Span::new(18, 19), Span::new(20, 21)]);
        let all: Vec<Block<'_>> = blocks.iter().collect();
        assert_eq!(all.len(), 4);
        assert_eq!(blocks.len(), 4);
        assert_eq!(all[0].pieces, [Span::new(0, 4)]);
        assert_eq!(all[1].span, Span::new(6, 12));
        assert_eq!(all[1].pieces, [Span::new(6, 8), Span::new(10, 12)]);
        assert_eq!(all[2].pieces, [Span::new(14, 15)]);
        assert_eq!(all[3].pieces.len(), 3);
        for (index, block) in all.iter().enumerate() {
            assert_eq!(blocks.get(index), Some(*block));
        }
        assert_eq!(blocks.get(4), None);
        assert_eq!(blocks.index_of(5), 1);
        assert_eq!(blocks.index_of(12), 2);
        assert_eq!(blocks.index_of(99), 4);
    }
}
