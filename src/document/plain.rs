//! Prose blocks of a plain-text file.
//!
//! A blank line (empty or only whitespace) always ends a block. A single line
//! break is harder: news copy written one paragraph a line uses it between a
//! headline, a byline and the body, where it must end a block; prose
//! hard-wrapped at a fixed width uses it in the middle of sentences, where it
//! must not. We tell the two apart paragraph by paragraph: a paragraph is
//! *wrapped* when it has several lines, the longest between
//! `MIN_WRAP_WIDTH` and `MAX_WRAP_WIDTH` characters, and every line but
//! the last fills at least `MIN_WRAP_FILL` of the longest (a paragraph of
//! only two lines needs a first line of `MIN_FIRST_OF_TWO`). In a wrapped paragraph line breaks are
//! spaces; elsewhere they end a block, unless the line before ends in a space
//! or in punctuation that cannot end a unit of text (a comma, a hyphen, an
//! opening bracket), which only happens when a sentence runs on.

use super::Blocks;
use crate::span::Span;

/// Lines longer than this are paragraphs written on one line, not wrapped
/// text.
const MAX_WRAP_WIDTH: usize = 100;

/// Nobody wraps prose narrower than this; shorter lines are headings,
/// bylines or list entries.
const MIN_WRAP_WIDTH: usize = 40;

/// A paragraph of two lines is wrapped only if its first line is at least
/// this long: with a single line to judge by, a headline over a byline
/// looks just like a short wrapped paragraph otherwise.
const MIN_FIRST_OF_TWO: usize = 55;

/// How full every line but the last of a wrapped paragraph is, relative to
/// its longest line.
const MIN_WRAP_FILL: f64 = 0.6;

/// One line: its span without the line ending, and its span trimmed of
/// surrounding whitespace.
#[derive(Clone, Copy)]
struct Line {
    raw: Span,
    trimmed: Span,
    chars: usize,
}

/// The prose blocks of `text`, ignoring everything before `body_start`
/// (a byte order mark).
pub fn blocks(text: &str, body_start: usize) -> Blocks {
    let mut blocks = Blocks::default();
    let mut paragraph: Vec<Line> = Vec::new();
    for line in lines(text, body_start) {
        if line.trimmed.is_empty() {
            push_paragraph(text, &paragraph, &mut blocks);
            paragraph.clear();
        } else {
            paragraph.push(line);
        }
    }
    push_paragraph(text, &paragraph, &mut blocks);
    blocks
}

/// Splits `text[body_start..]` into lines at `\n`, `\r\n` and lone `\r`.
fn lines(text: &str, body_start: usize) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut at = body_start;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let (end, next) = match memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            Some(i) => {
                let end = at + i;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                (end, end + if crlf { 2 } else { 1 })
            }
            None => (bytes.len(), bytes.len()),
        };
        at = next;
        let raw = Span::new(start, end);
        let line_text = &text[start..end];
        let trimmed_start = line_text.trim_start();
        let lead = line_text.len() - trimmed_start.len();
        let trimmed_text = trimmed_start.trim_end();
        let trimmed = Span::new(start + lead, start + lead + trimmed_text.len());
        Some(Line {
            raw,
            trimmed,
            chars: trimmed_text.chars().count(),
        })
    })
}

/// Turns one paragraph's lines into blocks, joining lines across soft
/// breaks.
fn push_paragraph(text: &str, paragraph: &[Line], blocks: &mut Blocks) {
    let Some(first) = paragraph.first() else {
        return;
    };
    let wrapped = is_wrapped(paragraph);
    let mut start = first.trimmed.start;
    for pair in paragraph.windows(2) {
        let (line, next) = (pair[0], pair[1]);
        if !(wrapped || runs_on(text, line)) {
            blocks.push(&[Span::new(start, line.trimmed.end)]);
            start = next.trimmed.start;
        }
    }
    let last = paragraph[paragraph.len() - 1];
    blocks.push(&[Span::new(start, last.trimmed.end)]);
}

/// Whether the paragraph looks hard-wrapped at a fixed width.
fn is_wrapped(paragraph: &[Line]) -> bool {
    if paragraph.len() < 2 {
        return false;
    }
    let widest = paragraph.iter().map(|l| l.chars).max().unwrap_or(0);
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&widest) {
        return false;
    }
    if paragraph.len() == 2 && paragraph[0].chars < MIN_FIRST_OF_TWO {
        return false;
    }
    let min_fill = (widest as f64 * MIN_WRAP_FILL).ceil() as usize;
    paragraph[..paragraph.len() - 1]
        .iter()
        .all(|l| l.chars >= min_fill)
}

/// Whether the text of `line` visibly continues on the next line.
fn runs_on(text: &str, line: Line) -> bool {
    if line.raw.end > line.trimmed.end {
        return true; // trailing whitespace before the line break
    }
    let content = &text[line.trimmed.start..line.trimmed.end];
    content.ends_with([',', '-', '(', '[', '“', '‘', '—', '–', '&'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_texts(text: &str) -> Vec<&str> {
        blocks(text, 0)
            .iter()
            .map(|b| &text[b.span.start..b.span.end])
            .collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(block_texts("One.\n\n  \nTwo.\n"), ["One.", "Two."]);
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let body = "A Security and Defence Partnership finalised by India and the European Union on Tuesday will consolidate cooperation.";
        let text = format!("India, EU sign pact\nBy Staff Reporter\n{body}\n");
        assert_eq!(
            block_texts(&text),
            ["India, EU sign pact", "By Staff Reporter", body]
        );
    }

    #[test]
    fn wrapped_paragraphs_are_one_block() {
        let text = "The defence minister said the two sides will hold\nan annual dialogue, with the first meeting taking\nplace in a month.";
        assert_eq!(block_texts(text), [text]);
    }

    #[test]
    fn short_list_lines_stay_apart() {
        assert_eq!(
            block_texts("features\ncontact manager\nevents, activities\n"),
            ["features", "contact manager", "events, activities"]
        );
    }

    #[test]
    fn trailing_space_and_commas_run_on() {
        let long = "night in the city, and the rest of this paragraph sits on a line far longer than any wrap width,";
        let text = format!("It was a cold \n{long}\nso it runs on.\nBy Staff Reporter");
        let joined = format!("It was a cold \n{long}\nso it runs on.");
        assert_eq!(block_texts(&text), [joined.as_str(), "By Staff Reporter"]);
    }

    #[test]
    fn crlf_and_cr_endings() {
        assert_eq!(
            block_texts("One.\r\n\r\nTwo.\r\rThree."),
            ["One.", "Two.", "Three."]
        );
    }
}
