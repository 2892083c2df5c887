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

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Blocks, Footnote};
use crate::span::Span;

/// What the Markdown walk finds.
#[derive(Debug, Default)]
pub struct Parsed {
    pub blocks: Blocks,
    pub front_matter: Option<Span>,
    pub footnotes: Vec<Footnote>,
    /// Footnote references (`[^1]`) in the prose, in order.
    pub footnote_refs: Vec<Footnote>,
    /// HTML comments (`<!-- … -->`), in order: they may hold directives.
    pub comments: Vec<Span>,
}

/// Parses `text[body_start..]` (after any byte order mark); every span in the
/// result is an offset into `text`.
pub fn parse(text: &str, body_start: usize) -> Parsed {
    let body = &text[body_start..];
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
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::new(range.start + body_start, range.end + body_start);
        walk.event(event, span);
    }
    walk.close_block();
    walk.parsed.footnote_refs.sort_by_key(|f| f.span);
    walk.parsed
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
}
