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

use crate::span::Span;

/// A normalised word and where it is in its document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
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
pub fn segments(text: &str, offset: usize, strictness: Strictness) -> Vec<Vec<Word>> {
    let mut segments = vec![Vec::new()];
    let mut in_brackets = false;
    let mut word_start: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let flush = |segments: &mut Vec<Vec<Word>>, start: usize, end: usize| {
        let raw = &text[start..end];
        let folded = fold(raw, strictness);
        if !folded.is_empty() {
            segments
                .last_mut()
                .expect("one segment at least")
                .push(Word {
                    text: folded,
                    span: Span::new(offset + start, offset + end),
                });
        }
    };
    while let Some((at, c)) = chars.next() {
        let is_ellipsis = c == '…'
            || (c == '.' && bytes.get(at + 1) == Some(&b'.') && bytes.get(at + 2) == Some(&b'.'));
        let is_word_char = c.is_alphanumeric()
            || (is_joiner(c)
                && word_start.is_some()
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric()));
        if is_word_char && !in_brackets {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = word_start.take() {
            flush(&mut segments, start, at);
        }
        if is_ellipsis || c == '[' || c == ']' {
            if c == '[' {
                in_brackets = true;
            } else if c == ']' {
                in_brackets = false;
            }
            if !segments.last().is_some_and(Vec::is_empty) {
                segments.push(Vec::new());
            }
            if c == '.' {
                // Step over the rest of "...".
                chars.next();
                chars.next();
            }
        }
    }
    if let Some(start) = word_start.take() {
        flush(&mut segments, start, text.len());
    }
    segments.retain(|s| !s.is_empty());
    segments
}

/// Characters that join the parts of one word: apostrophes, hyphens,
/// in-number separators.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑' | '‒' | '.' | ',')
}

/// One word in its compared form.
fn fold(raw: &str, strictness: Strictness) -> String {
    let mut word: String = raw
        .chars()
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
        word = american(&word);
    }
    word
}

/// Endings that British and American spelling write differently, as
/// (British, American).
const SPELLING_ENDINGS: &[(&str, &str)] = &[
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("our", "or"),
    ("ours", "ors"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("lled", "led"),
    ("lling", "ling"),
];

/// Words the endings above would wrongly change.
const SPELLING_EXCEPTIONS: &[&str] = &[
    "four",
    "your",
    "hour",
    "tour",
    "pour",
    "sour",
    "flour",
    "our",
    "ours",
    "hours",
    "tours",
    "yours",
    "fours",
    "rise",
    "wise",
    "precise",
    "concise",
    "promise",
    "premise",
    "otherwise",
    "expertise",
    "enterprise",
    "exercise",
    "surprise",
    "compromise",
    "franchise",
    "advise",
    "devise",
    "revise",
    "supervise",
    "televise",
    "comprise",
    "despise",
    "disguise",
    "merchandise",
    "noise",
    "poise",
    "raise",
    "praise",
    "cruise",
    "arise",
    "since",
    "fence",
    "hence",
    "pence",
    "science",
    "silence",
    "since",
    "evidence",
    "presence",
    "absence",
    "influence",
    "sentence",
    "experience",
    "audience",
    "confidence",
    "conference",
    "difference",
    "reference",
    "preference",
    "independence",
    "violence",
    "intelligence",
    "sequence",
    "consequence",
    "existence",
    "residence",
    "dependence",
    "occurrence",
    "emergence",
    "convergence",
    "once",
    "entre",
    "theatre",
    "genre",
    "filled",
    "killed",
    "called",
    "spelled",
    "willed",
    "rolled",
    "polled",
    "controlled",
    "installed",
    "compelled",
    "expelled",
    "propelled",
    "excelled",
    "enrolled",
    "fulfilled",
    "stalled",
    "walled",
    "pulled",
    "drilled",
    "skilled",
    "thrilled",
    "calling",
    "filling",
    "killing",
    "polling",
    "rolling",
    "selling",
    "telling",
    "willing",
    "falling",
    "controlling",
    "pulling",
    "spilling",
    "billing",
    "drilling",
    "yelling",
    "dwelling",
    "travelling",
];

/// The American form of a British spelling (other words unchanged).
fn american(word: &str) -> String {
    if word.len() <= 4 || SPELLING_EXCEPTIONS.contains(&word) {
        return word.to_string();
    }
    if word == "travelling" {
        return "traveling".to_string();
    }
    for (british, us) in SPELLING_ENDINGS {
        if let Some(stem) = word.strip_suffix(british)
            && stem.len() >= 2
        {
            return format!("{stem}{us}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, strictness: Strictness) -> Vec<Vec<String>> {
        segments(text, 0, strictness)
            .into_iter()
            .map(|s| s.into_iter().map(|w| w.text).collect())
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
    fn spelling_variants_fold() {
        for (british, us) in [
            ("realisation", "realization"),
            ("colour", "color"),
            ("centre", "center"),
            ("organised", "organized"),
        ] {
            assert_eq!(american(british), us);
        }
        for word in ["four", "evidence", "since", "called", "promise"] {
            assert_eq!(american(word), word);
        }
    }
}
