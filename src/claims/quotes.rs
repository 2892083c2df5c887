//! Finding the quotations of a document.
//!
//! Quotation marks are paired block by block, in one pass, so the work is
//! linear and an unbalanced mark can never swallow the rest of the document:
//!
//! * curly double quotes `“ … ”` and straight double quotes `" … "` are
//!   quotations; single quotes nested inside them are part of the quoted
//!   words;
//! * curly single quotes `‘ … ’` are quotations when they are not nested
//!   (British style); a `’` between two letters is an apostrophe, never a
//!   closing mark;
//! * the newspaper convention for a quotation of several paragraphs (an
//!   opening mark on each paragraph, a closing mark only on the last) makes
//!   one quotation, whose text joins the paragraphs with a space;
//! * an opening mark never closed in its block, when the next block does not
//!   continue the quotation, and a closing mark never opened, are reported as
//!   [`Warning`]s at their position and quote nothing.
//!
//! A quotation's span covers the quoted words, without the marks.

use crate::document::{Block, Document};
use crate::span::Span;

/// A quotation found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawQuote {
    /// From the first quoted character to the last, marks excluded.
    pub span: Span,
    /// The quoted words of each paragraph the quotation spans.
    pub parts: Vec<Span>,
    /// Where its opening mark is.
    pub open: usize,
    /// Just past its closing mark.
    pub close: usize,
}

impl RawQuote {
    /// The quoted words, paragraphs joined with a space.
    pub fn text(&self, document: &Document) -> String {
        let parts: Vec<&str> = self.parts.iter().map(|p| document.slice(*p)).collect();
        parts.join(" ")
    }
}

/// Something suspicious in the input that did not stop the work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub span: Span,
    pub message: String,
}

/// Which mark opened the quotation being read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    CurlyDouble,
    StraightDouble,
    CurlySingle,
}

/// An open quotation while the blocks are walked.
struct Open {
    mark: Mark,
    /// Offset of the opening mark of the whole quotation.
    open: usize,
    /// Where the words of the current paragraph start.
    part_start: usize,
    /// Parts of earlier paragraphs, for a multi-paragraph quotation.
    parts: Vec<Span>,
}

/// Every quotation of `document` in order, and the unbalanced marks.
pub fn find(document: &Document) -> (Vec<RawQuote>, Vec<Warning>) {
    let mut quotes = Vec::new();
    let mut warnings = Vec::new();
    let mut carried: Option<Open> = None;
    let blocks = &document.blocks;
    for (index, block) in blocks.iter().enumerate() {
        let mut open = carried.take();
        let marks = quote_marks(document, block);
        let mut marks = marks.iter().peekable();
        // A quotation carried over from the previous paragraph resumes
        // after this paragraph's opening mark.
        if let Some(o) = open.as_mut()
            && let Some(first) = marks.next_if(|m| m.at == block.span.start)
        {
            o.part_start = first.at + first.mark.len_utf8();
        }
        for &QuoteMark {
            at,
            mark: c,
            previous,
            next,
        } in marks
        {
            match (c, open.as_ref().map(|o| o.mark)) {
                ('“', None) => open = Some(Open::at(Mark::CurlyDouble, at)),
                ('"', None) if opens(previous, next) => {
                    open = Some(Open::at(Mark::StraightDouble, at))
                }
                ('‘', None) if opens(previous, next) => {
                    open = Some(Open::at(Mark::CurlySingle, at))
                }
                ('”', Some(Mark::CurlyDouble))
                | ('"', Some(Mark::StraightDouble | Mark::CurlyDouble))
                | ('”', Some(Mark::StraightDouble)) => {
                    if let Some(o) = open.take() {
                        quotes.extend(o.close(document, at, at + c.len_utf8()));
                    }
                }
                ('’', Some(Mark::CurlySingle)) if !is_apostrophe(previous, next) => {
                    if let Some(o) = open.take() {
                        quotes.extend(o.close(document, at, at + c.len_utf8()));
                    }
                }
                ('“', Some(Mark::CurlyDouble)) => {
                    // A new opening mark inside an open quotation: the first
                    // was never closed.
                    if let Some(o) = open.replace(Open::at(Mark::CurlyDouble, at)) {
                        warnings.push(unclosed(o.open, c));
                    }
                }
                ('”', None) => warnings.push(Warning {
                    span: Span::new(at, at + c.len_utf8()),
                    message: "closing quotation mark without an opening one".to_string(),
                }),
                _ => {}
            }
        }
        if let Some(mut o) = open {
            let continues = blocks
                .get(index + 1)
                .and_then(|next| document.text[next.span.start..].chars().next())
                .is_some_and(|c| o.mark.opens_with(c));
            if continues {
                o.parts.push(Span::new(o.part_start, block.span.end));
                carried = Some(o);
            } else {
                let mark = document.text[o.open..].chars().next().unwrap_or('"');
                warnings.push(unclosed(o.open, mark));
            }
        }
    }
    // An unclosed mark is reported when its block ends, after the marks
    // that followed it: put the warnings back in document order.
    warnings.sort_by_key(|w| w.span);
    (quotes, warnings)
}

impl Mark {
    fn opens_with(self, c: char) -> bool {
        match self {
            Mark::CurlyDouble => c == '“' || c == '"',
            Mark::StraightDouble => c == '"' || c == '“',
            Mark::CurlySingle => c == '‘',
        }
    }
}

impl Open {
    fn at(mark: Mark, at: usize) -> Open {
        let width = match mark {
            Mark::StraightDouble => 1,
            Mark::CurlyDouble | Mark::CurlySingle => 3,
        };
        Open {
            mark,
            open: at,
            part_start: at + width,
            parts: Vec::new(),
        }
    }

    /// Closes the quotation at the mark starting at `at` and ending at
    /// `close`; an empty quotation is none.
    fn close(mut self, document: &Document, at: usize, close: usize) -> Option<RawQuote> {
        self.parts.push(Span::new(self.part_start, at));
        let parts: Vec<Span> = self
            .parts
            .into_iter()
            .filter_map(|part| trim(document, part))
            .collect();
        let span = Span::new(parts.first()?.start, parts.last()?.end);
        Some(RawQuote {
            span,
            parts,
            open: self.open,
            close,
        })
    }
}

fn unclosed(at: usize, mark: char) -> Warning {
    Warning {
        span: Span::new(at, at + mark.len_utf8()),
        message: "quotation mark is never closed".to_string(),
    }
}

/// A quotation mark or apostrophe in a block, with the characters on
/// either side of it in the block's prose.
struct QuoteMark {
    at: usize,
    mark: char,
    previous: Option<char>,
    next: Option<char>,
}

/// The quotation marks of a block, in order. Only the bytes that can start
/// one (`"` and the lead byte 0xE2 of the curly marks) are looked at, so the
/// scan runs at memchr speed over the rest of the prose.
fn quote_marks(document: &Document, block: &Block) -> Vec<QuoteMark> {
    let mut marks = Vec::new();
    let pieces = &block.pieces;
    for (index, piece) in pieces.iter().enumerate() {
        let text = document.slice(*piece);
        for at in memchr::memchr2_iter(b'"', 0xE2, text.as_bytes()) {
            let Some(mark) = text[at..].chars().next() else {
                continue;
            };
            if !matches!(mark, '"' | '“' | '”' | '‘' | '’') {
                continue;
            }
            let previous = text[..at].chars().next_back().or_else(|| {
                let before = index.checked_sub(1)?;
                document.slice(pieces[before]).chars().next_back()
            });
            let next = text[at + mark.len_utf8()..]
                .chars()
                .next()
                .or_else(|| document.slice(*pieces.get(index + 1)?).chars().next());
            marks.push(QuoteMark {
                at: piece.start + at,
                mark,
                previous,
                next,
            });
        }
    }
    marks
}

/// Whether a straight or single mark between `previous` and `next` opens a
/// quotation: it starts a word.
fn opens(previous: Option<char>, next: Option<char>) -> bool {
    let after_space = previous.is_none_or(|c| c.is_whitespace() || "([{—–-:".contains(c));
    let before_word = next.is_some_and(|c| !c.is_whitespace());
    after_space && before_word
}

/// Whether `’` between `previous` and `next` is an apostrophe (`India’s`,
/// `’90s`) rather than a closing mark.
fn is_apostrophe(previous: Option<char>, next: Option<char>) -> bool {
    next.is_some_and(char::is_alphanumeric)
        && previous.is_none_or(|c| c.is_alphanumeric() || c.is_whitespace())
}

/// `span` without surrounding whitespace, or `None` if nothing is left.
fn trim(document: &Document, span: Span) -> Option<Span> {
    let text = document.slice(span);
    let start = span.start + (text.len() - text.trim_start().len());
    let end = span.start + text.trim_end().len();
    (start < end).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn quotes(text: &str) -> (Vec<String>, Vec<String>) {
        let document = Document::from_text("t".into(), text.to_string(), Format::Plain);
        let (quotes, warnings) = find(&document);
        (
            quotes.iter().map(|q| q.text(&document)).collect(),
            warnings
                .iter()
                .map(|w| format!("{}: {}", w.span.start, w.message))
                .collect(),
        )
    }

    #[test]
    fn curly_and_straight_with_nested_singles() {
        let (found, warnings) = quotes("“We said ‘no’ twice,” she said. He called it \"a deal\".");
        assert_eq!(found, ["We said ‘no’ twice,", "a deal"]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn apostrophes_do_not_close_single_quotes() {
        let (found, _) = quotes("He called it ‘India’s moment’ today.");
        assert_eq!(found, ["India’s moment"]);
    }

    #[test]
    fn multi_paragraph_quotation() {
        let (found, warnings) =
            quotes("“We will go first.\n\n“Then the others will follow,” he said.");
        assert_eq!(found, ["We will go first. Then the others will follow,"]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn unbalanced_marks_warn_and_quote_nothing() {
        let (found, warnings) = quotes("“Never closed here.\n\nNext paragraph ” stray. “Fine.”");
        assert_eq!(found, ["Fine."]);
        assert_eq!(
            warnings,
            [
                "0: quotation mark is never closed",
                "38: closing quotation mark without an opening one"
            ]
        );
    }
}
