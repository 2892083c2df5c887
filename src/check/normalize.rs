//! Text as the checker compares it: a list of normalised words, each with
//! the span it came from.
//!
//! Two quotations are the same quotation when their words are, whatever
//! the typography: curly and straight marks, Unicode hyphens and dashes,
//! whitespace, the case of a letter and the punctuation around words do
//! not count. Unless quotes are checked strictly, neither do British and
//! American spelling (`defence`/`defense`, `realisation`/`realization`)
//! nor hyphenation inside a word (`cyber-attacks`/`cyberattacks`): both
//! fold to one form.
//!
//! An ellipsis (`…`, `...`) marks words left out, and square brackets mark
//! an editor's words. Neither is compared as words: they split a quotation
//! into *segments*, each of which must appear in the source, in order.

use compact_str::CompactString;
use unicode_segmentation::UnicodeSegmentation;

use crate::lang::en::contraction_len;
use crate::span::Span;

/// A normalised word and where it is in its document.
///
/// The text is a [`CompactString`]: a word of up to 24 bytes (nearly all)
/// is held inline, so the source index's millions of words cost no heap
/// block each (a `String` cost 32 bytes of heap for 5 of text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: CompactString,
    pub span: Span,
}

/// How strictly words are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Strictness {
    /// Spelling variants and in-word hyphens fold to one form.
    #[default]
    Lenient,
    /// Only typography and case are ignored.
    Strict,
}

/// The words of `text` (which starts at `offset` in its document), ignoring
/// ellipses and bracketed insertions.
pub fn words(text: &str, offset: usize, strictness: Strictness) -> Vec<Word> {
    segments(text, offset, strictness)
        .into_iter()
        .flatten()
        .collect()
}

/// The words of `text` in segments: an ellipsis or a bracketed insertion
/// ends one segment and starts the next. Empty segments are dropped.
///
/// Words are found at Unicode word boundaries (UAX #29, which keeps
/// `don't`, `3.5`, `1,000` and `U.S` whole); pieces joined by a hyphen with
/// no space around it (`cyber-attacks`, `27-member`) are one word.
pub fn segments(text: &str, offset: usize, strictness: Strictness) -> Vec<Vec<Word>> {
    split(text, offset, strictness, true)
}

/// The words of prose (not a quotation): square brackets and ellipses are
/// punctuation like any other, and the words inside brackets count.
pub fn prose_words(text: &str, offset: usize) -> Vec<Word> {
    split(text, offset, Strictness::Lenient, false)
        .into_iter()
        .flatten()
        .collect()
}

/// Splits `text` into words, in segments when `quotation` (see
/// [`segments`]).
fn split(text: &str, offset: usize, strictness: Strictness, quotation: bool) -> Vec<Vec<Word>> {
    let mut segments: Vec<Vec<Word>> = vec![Vec::new()];
    let mut in_brackets = false;
    // The word being built: where it starts and ends in `text`.
    let mut word: Option<(usize, usize)> = None;
    // Whether a hyphen right after the current word may join the next piece.
    let mut joining = false;
    let flush = |segments: &mut Vec<Vec<Word>>, (start, end): (usize, usize)| {
        let folded = fold(&text[start..end], strictness);
        if !folded.is_empty()
            && let Some(last) = segments.last_mut()
        {
            last.push(Word {
                text: CompactString::new(&folded),
                span: Span::new(offset + start, offset + end),
            });
        }
    };
    let mut pieces = text.split_word_bound_indices().peekable();
    while let Some((at, piece)) = pieces.next() {
        // A contraction set off by a space ("we 're", "would n't" in
        // tokenised copy) belongs to the word before it.
        if let Some((start, end)) = word
            && end == at
            && piece.trim().is_empty()
            && is_contraction(&text[at + piece.len()..])
        {
            let through = at + piece.len() + contraction_len(&text[at + piece.len()..]);
            word = Some((start, through));
            while pieces.peek().is_some_and(|&(next, _)| next < through) {
                pieces.next();
            }
            continue;
        }
        let is_word = piece.chars().any(char::is_alphanumeric);
        if is_word && !in_brackets {
            word = match word {
                Some((start, end)) if joining && end + hyphen_len(text, end) == at => {
                    Some((start, at + piece.len()))
                }
                Some(done) => {
                    flush(&mut segments, done);
                    Some((at, at + piece.len()))
                }
                None => Some((at, at + piece.len())),
            };
            joining = false;
            continue;
        }
        if word.is_some_and(|(_, end)| end == at) && hyphen_len(text, at) == piece.len() {
            // A hyphen touching the word: it joins only if a word follows
            // at once.
            joining = pieces
                .peek()
                .is_some_and(|(_, next)| next.chars().any(char::is_alphanumeric));
            if joining {
                continue;
            }
        }
        joining = false;
        if let Some(done) = word.take() {
            flush(&mut segments, done);
        }
        let is_ellipsis = piece == "…" || (piece == "." && text[at..].starts_with("..."));
        if quotation && (is_ellipsis || piece == "[" || piece == "]") {
            if piece == "[" {
                in_brackets = true;
            } else if piece == "]" {
                in_brackets = false;
            }
            if !segments.last().is_some_and(Vec::is_empty) {
                segments.push(Vec::new());
            }
            if piece == "." {
                // Step over the rest of "...".
                pieces.next();
                pieces.next();
            }
        }
    }
    if let Some(done) = word.take() {
        flush(&mut segments, done);
    }
    segments.retain(|s| !s.is_empty());
    segments
}

/// Whether `rest` starts with a contraction ending followed by no letter.
fn is_contraction(rest: &str) -> bool {
    contraction_len(rest) > 0
}

/// The length in bytes of the hyphen at `at` in `text`, or 0.
fn hyphen_len(text: &str, at: usize) -> usize {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c @ ('-' | '‐' | '‑' | '‒')) => c.len_utf8(),
        _ => 0,
    }
}

/// One word in its compared form.
pub fn fold(raw: &str, strictness: Strictness) -> String {
    let mut word: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '’' => '\'',
            '‐' | '‑' | '‒' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    // "Partnership's" and "partnership" are one word for matching.
    if let Some(stem) = word.strip_suffix("'s") {
        word = stem.to_string();
    }
    if strictness == Strictness::Lenient {
        word.retain(|c| c != '-');
        word = crate::lang::en::american_spelling(&word);
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, strictness: Strictness) -> Vec<Vec<String>> {
        segments(text, 0, strictness)
            .into_iter()
            .map(|s| s.into_iter().map(|w| w.text.to_string()).collect())
            .collect()
    }

    #[test]
    fn typography_and_case_do_not_count() {
        assert_eq!(
            texts(
                "“Defence—and ‘cyber-attacks’,” the Partnership’s aim",
                Strictness::Lenient
            ),
            [[
                "defense",
                "and",
                "cyberattacks",
                "the",
                "partnership",
                "aim"
            ]]
        );
        assert_eq!(
            texts("Defence and cyber-attacks", Strictness::Strict),
            [["defence", "and", "cyber-attacks"]]
        );
    }

    #[test]
    fn ellipses_and_brackets_split_segments() {
        assert_eq!(
            texts(
                "We would look … to take part [for the] defence industry...",
                Strictness::Lenient
            ),
            [
                vec!["we", "would", "look"],
                vec!["to", "take", "part"],
                vec!["defense", "industry"]
            ]
        );
    }

    #[test]
    fn contractions_set_off_by_a_space_join_their_word() {
        assert_eq!(
            texts("we 're sure I would n't go", Strictness::Lenient),
            [["we're", "sure", "i", "wouldn't", "go"]]
        );
        assert_eq!(
            texts("we're sure I wouldn't go", Strictness::Lenient),
            [["we're", "sure", "i", "wouldn't", "go"]]
        );
    }
}
