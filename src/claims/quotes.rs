//! Finding the quotations of a document.
//!
//! Quotation marks are paired block by block, in one pass, so the work is
//! linear and an unbalanced mark can never swallow the rest of the document:
//!
//! * curly double quotes `“ … ”`, straight double quotes `" … "`, doubled
//!   apostrophes `'' … ''` (wire feeds, newspaper archives), typewriter
//!   quotes ``` `` … '' ```, low-high quotes `„ … “` and guillemets
//!   `« … »` are quotations; a closing mark `”` used to open one is read as
//!   an opening mark; single quotes nested inside them are part of the
//!   quoted words;
//! * curly single quotes `‘ … ’` are quotations when they are not nested
//!   (British style); a `’` between two letters is an apostrophe, never a
//!   closing mark;
//! * the newspaper convention for a quotation of several paragraphs (an
//!   opening mark on each paragraph, a closing mark only on the last) makes
//!   one quotation, whose text joins the paragraphs with a space;
//! * an opening mark never closed in its block, when the next block does not
//!   continue the quotation, and a closing mark never opened, are reported as
//!   [`Warning`]s at their position and quote nothing; of each kind, the
//!   first [`MAX_WARNINGS_PER_KIND`] of a document, then one warning
//!   counting the rest (see [`crate::bounds`]).
//!
//! A quotation's span covers the quoted words, without the marks.

use crate::bounds::{FirstN, MAX_WARNINGS_PER_KIND, left_out_message};
use crate::document::{Block, Document};
use crate::rules::AttributionRules;
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

/// A quotation mark as written. Marks are told apart by what they can do:
/// open a quotation, close one, or either, depending on their neighbours.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    /// `“`: opens; closes a quotation opened by `„`.
    LeftDouble,
    /// `”`: closes; opens where nothing is open and a word follows (some
    /// copy uses the closing mark at both ends).
    RightDouble,
    /// `"` or `''` (two apostrophes, the convention of wire feeds and
    /// newspaper archives): opens before a word, closes otherwise.
    Straight,
    /// ``` `` ``` (typewriter or TeX style), closed by `''` or `”`.
    Backticks,
    /// `„`: opens (German, Polish and Baltic copy), closed by `“` or `”`.
    LowDouble,
    /// `‘`: opens a quotation when nothing is open (British style).
    LeftSingle,
    /// `’`: closes a single quotation unless it is an apostrophe.
    RightSingle,
    /// `«`: opens, closed by `»`.
    LeftGuillemet,
    /// `»`: closes; opens where nothing is open (`»…«`, Nordic style).
    RightGuillemet,
}

impl Mark {
    /// Whether this mark, with nothing open, opens a quotation between
    /// `previous` and `next`.
    fn can_open(self, previous: Option<char>, next: Option<char>) -> bool {
        match self {
            Mark::LeftDouble | Mark::Backticks | Mark::LowDouble | Mark::LeftGuillemet => true,
            Mark::Straight | Mark::LeftSingle | Mark::RightDouble | Mark::RightGuillemet => {
                opens(previous, next)
            }
            Mark::RightSingle => false,
        }
    }

    /// Whether this mark closes a quotation that `opener` opened.
    fn closes(self, opener: Mark, previous: Option<char>, next: Option<char>) -> bool {
        match opener {
            Mark::LeftDouble | Mark::Straight | Mark::RightDouble | Mark::Backticks => {
                matches!(self, Mark::RightDouble | Mark::Straight)
                    // `“expedited review“ of`: an opening mark typed where a
                    // closing one belongs, right after a word.
                    || (self == Mark::LeftDouble
                        && previous.is_some_and(|c| !c.is_whitespace())
                        && next.is_none_or(|c| c.is_whitespace() || ",.;:!?)".contains(c)))
            }
            Mark::LowDouble => {
                matches!(self, Mark::LeftDouble | Mark::RightDouble | Mark::Straight)
            }
            Mark::LeftSingle => self == Mark::RightSingle && !is_apostrophe(previous, next),
            Mark::LeftGuillemet => self == Mark::RightGuillemet,
            Mark::RightGuillemet => matches!(self, Mark::LeftGuillemet | Mark::RightGuillemet),
            // Never an opener.
            Mark::RightSingle => false,
        }
    }

    /// Whether this mark opening a paragraph continues a quotation that
    /// `opener` opened (the convention for a quotation of several
    /// paragraphs).
    fn continues(self, opener: Mark) -> bool {
        let double = |m: Mark| {
            matches!(
                m,
                Mark::LeftDouble
                    | Mark::Straight
                    | Mark::Backticks
                    | Mark::LowDouble
                    | Mark::RightDouble
            )
        };
        match opener {
            Mark::LeftSingle => self == Mark::LeftSingle,
            Mark::LeftGuillemet | Mark::RightGuillemet => {
                matches!(self, Mark::LeftGuillemet | Mark::RightGuillemet)
            }
            _ => double(self),
        }
    }

    /// Whether a mark of this kind, inside a quotation `opener` opened that
    /// it cannot close, starts a new quotation because the first was never
    /// closed: only the same unambiguous opening mark does.
    fn reopens(self, opener: Mark) -> bool {
        self == opener
            && matches!(
                self,
                Mark::LeftDouble | Mark::LeftGuillemet | Mark::Backticks
            )
    }
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

/// The message of an opening mark never closed.
const NEVER_CLOSED: &str = "quotation mark is never closed";

/// The message of a closing mark never opened.
const NEVER_OPENED: &str = "closing quotation mark without an opening one";

/// The unbalanced marks of a document, as they are met: of each kind, the
/// first ones in document order, and how many others.
struct Unbalanced {
    never_closed: FirstN<()>,
    never_opened: FirstN<()>,
}

impl Unbalanced {
    fn new() -> Unbalanced {
        Unbalanced {
            never_closed: FirstN::new(MAX_WARNINGS_PER_KIND),
            never_opened: FirstN::new(MAX_WARNINGS_PER_KIND),
        }
    }

    /// The warnings, in document order.
    fn finish(self) -> Vec<Warning> {
        let mut warnings = Vec::new();
        for (found, message) in [
            (self.never_closed, NEVER_CLOSED),
            (self.never_opened, NEVER_OPENED),
        ] {
            let (kept, rest) = found.finish();
            warnings.extend(kept.into_iter().map(|(span, ())| Warning {
                span,
                message: message.to_string(),
            }));
            warnings.extend(rest.map(|(span, rest)| Warning {
                span,
                message: left_out_message(message, rest),
            }));
        }
        // An unclosed mark is reported when its block ends, after the
        // marks that followed it: put the warnings back in document order.
        warnings.sort_by_key(|w| w.span);
        warnings
    }
}

/// Every quotation of `document` in order, and the unbalanced marks.
pub fn find(document: &Document, rules: &AttributionRules) -> (Vec<RawQuote>, Vec<Warning>) {
    let mut quotes = Vec::new();
    let mut warnings = Unbalanced::new();
    let mut carried: Option<Open> = None;
    let blocks = &document.blocks;
    let mut next_marks = blocks.first().map(|b| quote_marks(document, b));
    // Transcript lines count only in a dialogue: two speakers or more. A
    // lone `ROTTERDAM: …` is a dateline. Only the blocks that are one are
    // listed (with their index), as a file may have millions of blocks.
    let mut transcript: Vec<(usize, &str, Span)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(index, block)| {
            transcript_line(document, block, rules).map(|(label, words)| (index, label, words))
        })
        .collect();
    let mut labels: Vec<&str> = transcript.iter().map(|(_, label, _)| *label).collect();
    labels.sort_unstable();
    labels.dedup();
    if labels.len() < 2 {
        transcript.clear();
    }
    let mut transcript = transcript.into_iter().peekable();
    for (index, block) in blocks.iter().enumerate() {
        let marks = next_marks.take().unwrap_or_default();
        let next_block = blocks.get(index + 1);
        next_marks = next_block.map(|b| quote_marks(document, b));
        let line = transcript.next_if(|(at, _, _)| *at == index);
        // A transcript line (`WALLACE: Do you …`) is its speaker's words
        // to the end of the paragraph; marks inside it are nested.
        if carried.is_none()
            && let Some((_, _, words)) = line
        {
            quotes.extend(trim(document, words).map(|span| RawQuote {
                span,
                parts: vec![span],
                open: words.start,
                close: words.end,
            }));
            continue;
        }
        let mut open = carried.take();
        let mut marks = marks.iter().peekable();
        // A quotation carried over from the previous paragraph resumes
        // after this paragraph's opening mark.
        if let Some(o) = open.as_mut()
            && let Some(first) = marks.next_if(|m| m.at == block.span.start)
        {
            o.part_start = first.at + first.len;
        }
        for mark in marks {
            let QuoteMark {
                at,
                len,
                mark: kind,
                previous,
                next,
            } = *mark;
            match open.as_ref().map(|o| o.mark) {
                None if kind.can_open(previous, next) => {
                    open = Some(Open::at(kind, at, len));
                }
                None if matches!(kind, Mark::RightDouble | Mark::RightGuillemet)
                    || kind == Mark::Straight && len == 2 =>
                {
                    warnings.never_opened.push(Span::new(at, at + len), ());
                }
                None => {}
                Some(opener) if kind.closes(opener, previous, next) => {
                    if let Some(o) = open.take() {
                        quotes.extend(o.close(document, at, at + len));
                    }
                }
                Some(opener) if kind.reopens(opener) => {
                    // A new opening mark inside an open quotation: the first
                    // was never closed.
                    if let Some(o) = open.replace(Open::at(kind, at, len)) {
                        warnings.never_closed.push(unclosed(document, o.open), ());
                    }
                }
                Some(_) => {}
            }
        }
        if let Some(mut o) = open {
            let continues = next_marks.as_ref().is_some_and(|marks| {
                marks.first().is_some_and(|first| {
                    next_block.is_some_and(|next| first.at == next.span.start)
                        && first.mark.continues(o.mark)
                })
            });
            if continues {
                o.parts.push(Span::new(o.part_start, block.span.end));
                carried = Some(o);
            } else {
                warnings.never_closed.push(unclosed(document, o.open), ());
            }
        }
    }
    (quotes, warnings.finish())
}

impl Open {
    fn at(mark: Mark, at: usize, len: usize) -> Open {
        Open {
            mark,
            open: at,
            part_start: at + len,
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

/// Where the opening mark at `at`, never closed, is.
fn unclosed(document: &Document, at: usize) -> Span {
    let width = match document.text.as_bytes().get(at..at + 2) {
        Some(b"''") | Some(b"``") => 2,
        _ => document.text[at..].chars().next().map_or(1, char::len_utf8),
    };
    Span::new(at, at + width)
}

/// A quotation mark or apostrophe in a block, with the characters on
/// either side of it in the block's prose.
#[derive(Clone, Copy)]
struct QuoteMark {
    at: usize,
    len: usize,
    mark: Mark,
    previous: Option<char>,
    next: Option<char>,
}

/// Which bytes can start a quotation mark: `"`, `'`, `` ` ``, and the lead
/// bytes of the curly marks (0xE2) and guillemets (0xC2).
const MARK_LEAD: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'`' as usize] = true;
    table[0xE2] = true;
    table[0xC2] = true;
    table
};

/// The quotation marks of a block, in order. Only the bytes that can start
/// one are looked at closely, so the scan stays a quick pass over the
/// prose.
fn quote_marks(document: &Document, block: Block<'_>) -> Vec<QuoteMark> {
    let mut marks = Vec::new();
    let pieces = block.pieces;
    for (index, piece) in pieces.iter().enumerate() {
        let text = document.slice(*piece);
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if !MARK_LEAD[bytes[at] as usize] {
                at += 1;
                continue;
            }
            let (mark, len) = match &bytes[at..] {
                [b'"', ..] => (Mark::Straight, 1),
                // Three apostrophes close a nested quotation, then the
                // outer one: the doubled mark is the last two.
                [b'\'', b'\'', b'\'', ..] => {
                    at += 1;
                    continue;
                }
                [b'\'', b'\'', ..] => (Mark::Straight, 2),
                [b'`', b'`', ..] => (Mark::Backticks, 2),
                [0xE2, 0x80, 0x9C, ..] => (Mark::LeftDouble, 3),
                [0xE2, 0x80, 0x9D, ..] => (Mark::RightDouble, 3),
                [0xE2, 0x80, 0x9E, ..] => (Mark::LowDouble, 3),
                [0xE2, 0x80, 0x98, ..] => (Mark::LeftSingle, 3),
                [0xE2, 0x80, 0x99, ..] => (Mark::RightSingle, 3),
                [0xC2, 0xAB, ..] => (Mark::LeftGuillemet, 2),
                [0xC2, 0xBB, ..] => (Mark::RightGuillemet, 2),
                _ => {
                    at += 1;
                    continue;
                }
            };
            let previous = text[..at].chars().next_back().or_else(|| {
                let before = index.checked_sub(1)?;
                document.slice(pieces[before]).chars().next_back()
            });
            let next = text[at + len..]
                .chars()
                .next()
                .or_else(|| document.slice(*pieces.get(index + 1)?).chars().next());
            marks.push(QuoteMark {
                at: piece.start + at,
                len,
                mark,
                previous,
                next,
            });
            at += len;
        }
    }
    marks
}

/// The most words of a transcript line's speaker label (`SEN. MARIA
/// ORTEGA:`).
const MAX_LABEL_WORDS: usize = 4;

/// The label and words of `block` after it, if it opens with a transcript
/// label: a
/// name in capitals and a colon (`WALLACE: Do you …`, `SEN. ORTEGA: No.`),
/// unless a quotation mark opens the words (then the mark says where the
/// quotation is).
fn transcript_line<'d>(
    document: &'d Document,
    block: Block<'_>,
    rules: &AttributionRules,
) -> Option<(&'d str, Span)> {
    let piece = *block.pieces.first()?;
    let text = document.slice(piece);
    let colon = text.get(..text.len().min(48))?.find(": ")?;
    let label = &text[..colon];
    let words: Vec<&str> = label.split_whitespace().collect();
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let shouting = !words.is_empty()
        && words.len() <= MAX_LABEL_WORDS
        && letters >= 2
        && label
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || ".'’-".contains(c));
    // A dateline (`NEW DELHI: …`) names a place, not a speaker.
    if rules.places.contains(label) {
        return None;
    }
    let rest = text[colon + 1..].trim_start();
    let quoted = rest.starts_with(['"', '“', '\'', '‘', '«', '„']);
    (shouting && !rest.is_empty() && !quoted)
        .then(|| (label, Span::new(piece.start + colon + 1, block.span.end)))
}

/// Whether a mark that may open or close, between `previous` and `next`,
/// opens a quotation: it starts a word.
fn opens(previous: Option<char>, next: Option<char>) -> bool {
    let after_space = previous.is_none_or(|c| c.is_whitespace() || "([{—–-―:".contains(c));
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
        let (quotes, warnings) = find(&document, crate::rules::RuleSet::builtin().attribution());
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
