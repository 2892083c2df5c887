//! Prose blocks of a Markdown file, found with a CommonMark parser that
//! reports source offsets (`pulldown-cmark`).
//!
//! The parser's events are walked once. Text, inline code and line breaks
//! inside a paragraph, heading, list item, table cell or definition become
//! the *pieces* of the current block, each the exact span of the original
//! text. The markup between them (`**`, `[`, `](url)`, `> `) is simply not a
//! piece, so emphasis never breaks a sentence and never shows up in the text
//! the segmenter reads. Any block-level start or end closes the current
//! block, so no sentence crosses from a heading into a paragraph or from one
//! list item into the next.
//!
//! Not prose, and never a piece: YAML front matter (recorded as
//! [`Parsed::front_matter`]), fenced and indented code, HTML blocks and
//! inline HTML (comments included), images with their alt text, footnote
//! references, and footnote definitions (recorded as [`Parsed::footnotes`]).
//!
//! The parser builds a tree of the whole text before its first event,
//! about fifty bytes for each paragraph and each run of text: a file of
//! millions of one-line paragraphs would take many times its size. A text
//! larger than [`CHUNKED_ABOVE`] is therefore parsed in chunks of about
//! [`CHUNK`] bytes when that provably gives the same events: each chunk
//! starts at a line that opens with a letter after a blank line (which
//! closes every paragraph, list, quotation, table and indented code block
//! before it), and only in a text that has none of what reaches across
//! such a line or across the whole text: fenced code (`` ``` ``, `~~~`),
//! HTML (`<`), link and footnote definitions (`]:`), front matter and other
//! metadata blocks (`---`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Blocks, Footnote};
use crate::span::Span;

/// What the Markdown walk finds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub blocks: Blocks,
    pub front_matter: Option<Span>,
    pub footnotes: Vec<Footnote>,
    /// Footnote references (`[^1]`) in the prose, in order.
    pub footnote_refs: Vec<Footnote>,
    /// HTML comments (`<!-- … -->`), in order: they may hold directives.
    pub comments: Vec<Span>,
}

/// Texts larger than this, in bytes, are parsed in chunks where that
/// gives the same events (see the module documentation): far beyond any
/// article, so only pathological input is.
pub const CHUNKED_ABOVE: usize = 1 << 20;

/// The size a chunk grows to before it ends at the next line that may
/// start one.
pub const CHUNK: usize = 64 << 10;

/// Parses `text[body_start..]` (after any byte order mark); every span in the
/// result is an offset into `text`.
pub fn parse(text: &str, body_start: usize) -> Parsed {
    parse_in_chunks(text, body_start, CHUNKED_ABOVE, CHUNK)
}

/// [`parse`], in chunks of about `chunk` bytes when the text is larger
/// than `above` and can be.
fn parse_in_chunks(text: &str, body_start: usize, above: usize, chunk: usize) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut walk = Walk {
        text,
        parsed: Parsed::default(),
        pieces: Vec::new(),
        hidden: 0,
    };
    let body = &text[body_start..];
    let starts = if body.len() > above && can_chunk(body) {
        chunk_starts(body, chunk)
    } else {
        Vec::new()
    };
    let ends = starts.iter().copied().chain(std::iter::once(body.len()));
    let mut from = 0;
    for to in ends {
        let offset = body_start + from;
        for (event, range) in Parser::new_ext(&body[from..to], options).into_offset_iter() {
            walk.event(event, Span::new(range.start + offset, range.end + offset));
        }
        from = to;
    }
    walk.close_block();
    walk.parsed.footnote_refs.sort_by_key(|f| f.span);
    walk.parsed
}

/// Whether `body` has none of what reaches across a blank line and a
/// line of prose after it, or across the whole text: fenced code, HTML,
/// link and footnote definitions, metadata blocks (which the parser reads
/// wherever a line `---` opens one, not only as front matter).
fn can_chunk(body: &str) -> bool {
    let finder = |needle: &str| memchr::memmem::find(body.as_bytes(), needle.as_bytes());
    memchr::memchr(b'<', body.as_bytes()).is_none()
        && ["```", "~~~", "]:", "---"]
            .iter()
            .all(|needle| finder(needle).is_none())
}

/// Where chunks of `body` after the first start: at the first line that
/// opens with an ASCII letter right after a blank line (only spaces and
/// tabs) once the chunk has grown to `chunk` bytes.
fn chunk_starts(body: &str, chunk: usize) -> Vec<usize> {
    let bytes = body.as_bytes();
    let mut starts = Vec::new();
    let mut from = 0;
    let mut previous_blank = false;
    let mut line = 0;
    while line < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[line..]).map_or(bytes.len(), |at| line + at);
        let text = &bytes[line..end];
        if previous_blank
            && line - from >= chunk
            && text.first().is_some_and(u8::is_ascii_alphabetic)
        {
            starts.push(line);
            from = line;
        }
        previous_blank = text.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        line = end + 1;
    }
    starts
}

struct Walk<'t> {
    /// The whole document's text.
    text: &'t str,
    parsed: Parsed,
    /// Pieces of the block being gathered.
    pieces: Vec<Span>,
    /// How many non-prose containers (code, HTML, images, footnote
    /// definitions, front matter) enclose the current event.
    hidden: usize,
}

impl Walk<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) {
        let text = self.text;
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag),
            Event::Text(_) | Event::Code(_) | Event::InlineMath(_) if self.hidden == 0 => {
                self.piece(span)
            }
            Event::SoftBreak | Event::HardBreak if self.hidden == 0 => {
                // Only the line ending itself: a hard break's trailing
                // spaces or backslash are markup.
                let raw = &text[span.start..span.end];
                if let Some(at) = raw.find(['\n', '\r']) {
                    self.piece(Span::new(span.start + at, span.end));
                }
            }
            Event::FootnoteReference(label) if self.hidden == 0 => {
                self.parsed.footnote_refs.push(Footnote {
                    label: label.to_string(),
                    span,
                })
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                // Only whole comments: a block of HTML may hold several.
                let raw = &text[span.start..span.end];
                let mut from = 0;
                while let Some(open) = raw[from..].find("<!--").map(|i| from + i) {
                    let Some(close) = raw[open..].find("-->").map(|i| open + i + 3) else {
                        break;
                    };
                    self.parsed
                        .comments
                        .push(Span::new(span.start + open, span.start + close));
                    from = close;
                }
            }
            Event::Rule => self.close_block(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::MetadataBlock(_) => {
                self.parsed.front_matter.get_or_insert(span);
                self.hide();
            }
            Tag::FootnoteDefinition(label) => {
                self.parsed.footnotes.push(Footnote {
                    label: label.to_string(),
                    span,
                });
                self.hide();
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock => self.hide(),
            Tag::Image { .. } => self.hidden += 1,
            tag if is_block(&tag) => self.close_block(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock => {
                self.hidden = self.hidden.saturating_sub(1);
                self.close_block();
            }
            TagEnd::Image => self.hidden = self.hidden.saturating_sub(1),
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.close_block(),
            _ => {}
        }
    }

    /// Enters a block-level container whose content is not prose.
    fn hide(&mut self) {
        self.close_block();
        self.hidden += 1;
    }

    fn piece(&mut self, span: Span) {
        if span.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(last) if last.end == span.start => last.end = span.end,
            _ => self.pieces.push(span),
        }
    }

    fn close_block(&mut self) {
        if self.pieces.is_empty() {
            return;
        }
        let pieces = std::mem::take(&mut self.pieces);
        let pieces = self.take_undefined_footnotes(pieces);
        self.parsed.blocks.push(&pieces);
    }

    /// A footnote marker with no definition (`[^2]`) reaches us as text;
    /// it is a marker all the same, never prose: cut it out of the pieces
    /// and record it, so that it can be reported as a broken citation.
    fn take_undefined_footnotes(&mut self, pieces: Vec<Span>) -> Vec<Span> {
        let mut kept = Vec::with_capacity(pieces.len());
        for piece in pieces {
            let text = &self.text[piece.start..piece.end];
            let mut from = 0;
            while let Some(open) = text[from..].find("[^").map(|i| from + i) {
                let label_start = open + 2;
                let Some(close) = text[label_start..].find(']').map(|i| label_start + i) else {
                    break;
                };
                let label = &text[label_start..close];
                if label.is_empty() || label.contains(char::is_whitespace) {
                    from = label_start;
                    continue;
                }
                if open > from {
                    kept.push(Span::new(piece.start + from, piece.start + open));
                }
                self.parsed.footnote_refs.push(Footnote {
                    label: label.to_string(),
                    span: Span::new(piece.start + open, piece.start + close + 1),
                });
                from = close + 1;
            }
            if from < text.len() {
                kept.push(Span::new(piece.start + from, piece.end));
            }
        }
        kept
    }
}

/// Whether `tag` opens a block-level element (as opposed to inline markup).
fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_texts(text: &str) -> Vec<String> {
        parse(text, 0)
            .blocks
            .iter()
            .map(|b| {
                b.pieces
                    .iter()
                    .map(|p| &text[p.start..p.end])
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn structure_separates_blocks() {
        let text = "# Pact signed\n\nIndia and the EU *signed* a pact.\n\n- first item\n- second item\n\n> A quoted\n> paragraph.\n\n| a | b |\n|---|---|\n| one | two |\n";
        assert_eq!(
            block_texts(text),
            [
                "Pact signed",
                "India and the EU signed a pact.",
                "first item",
                "second item",
                "A quoted\nparagraph.",
                "a",
                "b",
                "one",
                "two"
            ]
        );
    }

    #[test]
    fn non_prose_is_left_out() {
        let text = "---\nsources: [a.txt]\n---\n\nSee [the report](http://x.example/a.b) here.\n\n```\ncode. Code.\n```\n\n    indented code.\n\n<!-- a comment. -->\n\n![alt text. More.](img.png) After.\n\nSaid.[^1]\n\n[^1]: sources/a.txt\n";
        let parsed = parse(text, 0);
        assert_eq!(parsed.front_matter, Some(Span::new(0, 24)));
        assert_eq!(parsed.footnotes.len(), 1);
        assert_eq!(parsed.footnotes[0].label, "1");
        assert_eq!(
            block_texts(text),
            ["See the report here.", " After.", "Said."]
        );
    }

    /// Lines of every kind a chunk boundary must not change: paragraphs
    /// (lazy and wrapped), lists loose and tight, quotations, tables,
    /// headings, indented code, emphasis, links, footnote markers without
    /// definitions, blank lines with spaces.
    const LINES: &[&str] = &[
        "Plain words.",
        "A.",
        "wrapped line of a paragraph",
        "",
        "",
        "  ",
        "    ",
        "\t",
        "- item one",
        "- item *two*",
        "* star item",
        "+ plus item",
        "  - nested item",
        "  continued item",
        "-",
        "1. first",
        "2) second",
        "1.",
        "> quoted words",
        "> > nested",
        ">",
        "lazy words",
        "# Heading",
        "Setext",
        "===",
        "***",
        "| a | b |",
        "|---|---|",
        "| one | two |",
        "a | b",
        "    indented code. Code.",
        "Words with **bold** and `code` and [a link](http://x.example/a.b).",
        "Said.[^1] And [^x y] then [ref][r] and [unclosed.",
        "*emphasis opened",
        "closed* there",
        "a `code span",
        "ends` here",
        "hard break  ",
        "back slash\\",
        "![alt text. More.](img.png) After.",
        "“Quoted,” she said.\r",
        "b",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        /// Parsed in chunks as small as can be, a text gives what it gives
        /// whole.
        #[test]
        fn chunks_parse_as_the_whole(lines in proptest::collection::vec(0..LINES.len(), 0..60)) {
            let text: String = lines.iter().map(|&i| format!("{}\n", LINES[i])).collect();
            let whole = parse_in_chunks(&text, 0, usize::MAX, CHUNK);
            let chunked = parse_in_chunks(&text, 0, 0, 1);
            proptest::prop_assert_eq!(whole, chunked, "{:?}", text);
        }
    }

    #[test]
    fn chunks_start_at_prose_after_a_blank_line_once_grown() {
        let text = "A.\n\nB.\n  \n- c\n\nd\n\n    e\n\nF.\n";
        assert_eq!(chunk_starts(text, 1), [4, 15, 25]);
        assert_eq!(chunk_starts(text, 10), [15, 25]);
        assert!(can_chunk(text));
        for blocker in ["```", "~~~", "<b>", "[a]: b", "[^1]: b", "---"] {
            assert!(!can_chunk(&format!("{text}{blocker}\n")), "{blocker}");
        }
    }
}
