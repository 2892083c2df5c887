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

use std::io::Read;
use std::path::{Path, PathBuf};

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// From the start of the first piece to the end of the last.
    pub span: Span,
    /// The prose pieces in order, non-empty, non-overlapping.
    pub pieces: Vec<Span>,
}

impl Block {
    fn from_pieces(pieces: Vec<Span>) -> Option<Block> {
        let span = Span::new(pieces.first()?.start, pieces.last()?.end);
        Some(Block { span, pieces })
    }
}

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
    pub blocks: Vec<Block>,
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

/// The files named by `paths`: a file as it is, a directory as every `.txt`,
/// `.md` and `.markdown` file under it (recursively, in sorted order, so
/// output is the same on every machine). A path that does not exist is an
/// error.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        if metadata.is_dir() {
            collect_dir(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let io_error = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(io_error)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_dir(&path, files)?;
        } else if is_prose_file(&path) {
            files.push(path);
        }
    }
    Ok(())
}

/// Whether a file in a directory is one claimtrace reads.
fn is_prose_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
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

/// The name standard input goes by in messages and output.
pub const STDIN_NAME: &str = "<stdin>";

impl Document {
    /// Reads the file at `path`; `format` defaults to the one its extension
    /// implies.
    pub fn read(path: &Path, format: Option<Format>) -> Result<Document> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let format = format.unwrap_or_else(|| Format::from_path(path));
        Document::from_bytes(path.to_path_buf(), bytes, format)
    }

    /// Reads all of standard input.
    pub fn read_stdin(format: Format) -> Result<Document> {
        let path = PathBuf::from(STDIN_NAME);
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
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
            blocks: Vec::new(),
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
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }
}
