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
    group(
        &raw_words(text, quotation).words,
        text,
        offset,
        strictness,
        quotation,
    )
}

/// The words of `pieces` (of `text`, at `offset`) folded as `strictness`
/// says, as a quotation reads them when `quotation` (bracketed words
/// left out, in segments) or else as prose (one segment).
fn group(
    pieces: &[RawWord],
    text: &str,
    offset: usize,
    strictness: Strictness,
    quotation: bool,
) -> Vec<Vec<Word>> {
    let mut segments: Vec<Vec<Word>> = Vec::new();
    let mut current = None;
    for piece in pieces.iter().filter(|p| !(quotation && p.bracketed)) {
        let segment = if quotation { piece.segment } else { 0 };
        let Some(word) = piece.folded(text, offset, strictness) else {
            continue;
        };
        if current != Some(segment) {
            segments.push(Vec::new());
            current = Some(segment);
        }
        if let Some(last) = segments.last_mut() {
            last.push(word);
        }
    }
    segments
}

/// The words of a sentence both ways at once, from one pass over it: as
/// a quotation is compared ([`words`], as `strictness` says) and as prose
/// ([`prose_words`]). Indexing a source needs both of every sentence.
pub fn words_and_prose_words(
    text: &str,
    offset: usize,
    strictness: Strictness,
) -> (Vec<Word>, Vec<Word>) {
    let read = raw_words(text, false);
    if strictness != Strictness::Lenient || !read.reads_as_quotation {
        // Folded two ways, or read two ways: each reading on its own.
        let prose = group(&read.words, text, offset, Strictness::Lenient, false);
        let quoted = if read.reads_as_quotation {
            group(&read.words, text, offset, strictness, true)
        } else {
            split(text, offset, strictness, true)
        };
        return (flat(quoted), flat(prose));
    }
    // Nearly every sentence: each word folded once serves both readings.
    let mut quoted = Vec::with_capacity(read.words.len());
    let mut prose = Vec::with_capacity(read.words.len());
    for piece in &read.words {
        let Some(word) = piece.folded(text, offset, Strictness::Lenient) else {
            continue;
        };
        if !piece.bracketed {
            quoted.push(word.clone());
        }
        prose.push(word);
    }
    (quoted, prose)
}

/// The words of all segments, in order.
fn flat(segments: Vec<Vec<Word>>) -> Vec<Word> {
    segments.into_iter().flatten().collect()
}

/// A word of a text before it is folded: where it is, whether it is
/// inside square brackets, and which quotation segment it is in (see
/// [`segments`]).
struct RawWord {
    start: usize,
    end: usize,
    bracketed: bool,
    segment: u32,
}

impl RawWord {
    /// The word folded, unless it folds to nothing.
    fn folded(&self, text: &str, offset: usize, strictness: Strictness) -> Option<Word> {
        let folded = fold(&text[self.start..self.end], strictness);
        (!folded.is_empty()).then(|| Word {
            text: CompactString::from(folded),
            span: Span::new(offset + self.start, offset + self.end),
        })
    }
}

/// The words of a text, unfolded, as [`raw_words`] reads them.
struct RawWords {
    words: Vec<RawWord>,
    /// Whether the words, read as prose, are also what a quotation
    /// reading keeps (the bracketed ones aside): false only when an
    /// ellipsis of three full stops runs into something else (`...x`),
    /// which a quotation reading steps over with the stops.
    reads_as_quotation: bool,
}

/// The words of `text`, each marked with what a quotation makes of it: a
/// word inside square brackets is an editor's, and an ellipsis or a
/// bracket starts a new segment. Read as a quotation (`quotation`), the
/// two pieces after the first stop of `...` are stepped over; as prose,
/// every piece is read.
///
/// A bracket or an ellipsis is never part of a word, so every word lies
/// wholly inside or outside brackets, and the two readings differ only in
/// which words they keep and how they group them (see
/// [`RawWords::reads_as_quotation`] for the exception).
fn raw_words(text: &str, quotation: bool) -> RawWords {
    let mut found: Vec<RawWord> = Vec::new();
    let mut reads_as_quotation = true;
    let mut in_brackets = false;
    let mut segment = 0;
    // The word being built: where it starts and ends in `text`.
    let mut word: Option<(usize, usize)> = None;
    // Whether a hyphen right after the current word may join the next piece.
    let mut joining = false;
    let mut flush = |(start, end): (usize, usize), bracketed: bool, segment: u32| {
        found.push(RawWord {
            start,
            end,
            bracketed,
            segment,
        });
    };
    let mut pieces = super::word_bounds::pieces(text).peekable();
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
        if is_word && !(quotation && in_brackets) {
            word = match word {
                Some((start, end)) if joining && end + hyphen_len(text, end) == at => {
                    Some((start, at + piece.len()))
                }
                Some(done) => {
                    flush(done, in_brackets, segment);
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
            flush(done, in_brackets, segment);
        }
        let is_ellipsis = piece == "…" || (piece == "." && text[at..].starts_with("..."));
        if is_ellipsis || piece == "[" || piece == "]" {
            if piece == "[" {
                in_brackets = true;
            } else if piece == "]" {
                in_brackets = false;
            }
            segment += 1;
            if piece == "." {
                if quotation {
                    // Step over the rest of "...".
                    pieces.next();
                    pieces.next();
                } else {
                    let mut rest = pieces.clone().map(|(_, next)| next);
                    reads_as_quotation &= rest.next() == Some(".") && rest.next() == Some(".");
                }
            }
        }
    }
    if let Some(done) = word.take() {
        flush(done, in_brackets, segment);
    }
    RawWords {
        words: found,
        reads_as_quotation,
    }
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
    let mut word = if raw.is_ascii() {
        // Nearly every word: no typographic mark to map, and case folds
        // byte by byte.
        raw.bytes()
            .filter(|b| !matches!(b, b' ' | b'\t'..=b'\r'))
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        raw.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '’' => '\'',
                '‐' | '‑' | '‒' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    // "Partnership's" and "partnership" are one word for matching.
    if word.ends_with("'s") {
        word.truncate(word.len() - 2);
    }
    if strictness == Strictness::Lenient {
        word.retain(|c| c != '-');
        if let std::borrow::Cow::Owned(american) = crate::lang::en::american_spelling(&word) {
            word = american;
        }
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

    /// Text made of the pieces the two readings treat differently:
    /// brackets, ellipses, hyphens, contractions set off by a space,
    /// typographic marks, and any other character now and then.
    fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            "[a-zA-Z]{1,7}",
            "[0-9]{1,3}",
            Just(" ".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("...".to_string()),
            Just("…".to_string()),
            Just("-".to_string()),
            Just("‑".to_string()),
            Just(" 're".to_string()),
            Just(" n't".to_string()),
            Just("’s".to_string()),
            Just("'".to_string()),
            Just("“".to_string()),
            Just(".".to_string()),
            Just(",".to_string()),
            "\\PC",
        ];
        proptest::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        /// The one pass indexing makes gives what the two readings give
        /// on their own, whatever the text and the strictness.
        #[test]
        fn one_pass_reads_as_both_readings(text in tricky_text(), offset in 0usize..1000, strict: bool) {
            let strictness = if strict { Strictness::Strict } else { Strictness::Lenient };
            let (quoted, prose) = words_and_prose_words(&text, offset, strictness);
            proptest::prop_assert_eq!(quoted, words(&text, offset, strictness));
            proptest::prop_assert_eq!(prose, prose_words(&text, offset));
        }
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
