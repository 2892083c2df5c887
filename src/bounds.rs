//! What claimtrace bounds on hostile input, and how.
//!
//! A check must cost about what its input weighs: a draft of a million
//! stray quotation marks or of two million one-letter paragraphs is a few
//! megabytes, and its report and the memory that makes it must stay of that
//! order, in every output format. Two things could otherwise grow without
//! bound, one record (and one diagnostic) per item:
//!
//! * **input warnings** (a quotation mark never closed): of each kind, a
//!   file lists the first [`MAX_WARNINGS_PER_KIND`] in document order, then
//!   one warning counting the rest, at the first one left out
//!   ([`FirstN`] keeps them as they come, in memory bounded by the limit,
//!   however many are offered and in whatever order; [`cap_warnings`]
//!   does the same to a finished list);
//! * **sentences without content** (see [`is_empty_sentence`]): no figure,
//!   no word of two letters or more (`___.`, `X.`, a run of quotation
//!   marks). Real copy has a few (separators, a lone initial), and they are
//!   claims like any other; past [`MAX_EMPTY_SENTENCES`] in a file, or when
//!   longer than [`MAX_EMPTY_SENTENCE_BYTES`], they are left out of the
//!   claims and counted in one warning.
//!
//! Evidence is bounded elsewhere ([`crate::check::excerpt`]): a source
//! passage is shown as an excerpt of at most 400 characters.

use crate::span::Span;

/// How many input warnings of one kind a file lists before the rest are
/// counted in one warning. A real draft has a handful of stray quotation
/// marks; fifty show any pattern there is and still fit on a screen or
/// two, where a million would each be a diagnostic of their own.
pub const MAX_WARNINGS_PER_KIND: usize = 50;

/// How many sentences without content a file may have as claims. Real
/// articles have up to about fifty (a separator line `___.` between
/// sections, a lone initial); a thousand leave every real one alone.
pub const MAX_EMPTY_SENTENCES: usize = 1_000;

/// The longest sentence without content that is a claim, in bytes: a
/// separator line is a few dozen; a sentence of a million quotation marks
/// is noise, and its text would be repeated in every report.
pub const MAX_EMPTY_SENTENCE_BYTES: usize = 1_000;

/// Whether a sentence has no content: no digit, and at most one letter
/// (`___.`, `X.`, `“…`, `. . .`). It names no one, gives no figure and has
/// no verb.
pub fn is_empty_sentence(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_numeric() {
            return false;
        }
        if c.is_alphanumeric() {
            letters += 1;
            if letters > 1 {
                return false;
            }
        }
    }
    true
}

/// The warning that stands for `rest` warnings left out, like the ones
/// whose message is `message`.
pub fn left_out_message(message: &str, rest: usize) -> String {
    let verb = if rest == 1 { "is" } else { "are" };
    format!(
        "{rest} more like “{message}” in this file {verb} not listed \
         (only the first {MAX_WARNINGS_PER_KIND} of a kind are)"
    )
}

/// The warning for `count` sentences without content left out of the
/// claims.
pub fn empty_sentences_message(count: usize) -> String {
    let (what, verb) = if count == 1 {
        ("sentence", "is not a claim")
    } else {
        ("sentences", "are not claims")
    };
    format!(
        "{count} {what} without content (no figure, no word of two letters) {verb}: \
         only a file's first {MAX_EMPTY_SENTENCES} such sentences, of at most \
         {MAX_EMPTY_SENTENCE_BYTES} bytes each, are"
    )
}

/// The first `limit` items by place in a document, kept as they are
/// offered in any order, and how many others there were. Memory stays
/// bounded by the limit whatever the number offered.
#[derive(Debug)]
pub struct FirstN<T> {
    limit: usize,
    /// The earliest items offered so far (sorted and cut back to
    /// `limit + 1` whenever it grows to twice that).
    kept: Vec<(Span, T)>,
    /// Items offered and already dropped: each is later than `limit + 1`
    /// items kept.
    dropped: usize,
}

/// Where the first item left out is, and how many were left out.
pub type LeftOut = (Span, usize);

impl<T> FirstN<T> {
    pub fn new(limit: usize) -> FirstN<T> {
        FirstN {
            limit,
            kept: Vec::new(),
            dropped: 0,
        }
    }

    /// Offers an item found at `span`.
    pub fn push(&mut self, span: Span, item: T) {
        self.kept.push((span, item));
        // The first left out is kept too, for its place.
        let keep = self.limit.saturating_add(1);
        if self.kept.len() >= keep.saturating_mul(2).max(16) {
            self.cut(keep);
        }
    }

    fn cut(&mut self, keep: usize) {
        self.kept.sort_by_key(|(span, _)| *span);
        if self.kept.len() > keep {
            self.dropped += self.kept.len() - keep;
            self.kept.truncate(keep);
        }
    }

    /// The first `limit` items in document order, and, when there were
    /// more, the place of the first one left out and how many were.
    pub fn finish(mut self) -> (Vec<(Span, T)>, Option<LeftOut>) {
        let keep = self.limit.saturating_add(1);
        self.cut(keep);
        let rest = if self.kept.len() > self.limit {
            let first = self.kept.remove(self.limit).0;
            Some((first, self.dropped + 1))
        } else {
            None
        };
        (self.kept, rest)
    }
}

/// Caps a finished list of warnings, each with its message and a place:
/// of each message, the first [`MAX_WARNINGS_PER_KIND`] are kept in their
/// order, and one warning made by `summary` (given the message, the place
/// of the first left out and how many were) stands where the first left
/// out stood.
pub fn cap_warnings<W>(
    warnings: &mut Vec<W>,
    message: impl Fn(&W) -> &str,
    summary: impl Fn(&W, usize) -> W,
) {
    use rustc_hash::FxHashMap;
    // Of each message: how many there were, and where in the list kept
    // the first left out stands (for now, as itself).
    let mut kinds: FxHashMap<String, (usize, Option<usize>)> = FxHashMap::default();
    let mut kept = Vec::with_capacity(warnings.len().min(1024));
    for warning in std::mem::take(warnings) {
        let (count, first_left_out) = kinds.entry(message(&warning).to_string()).or_default();
        *count += 1;
        if *count <= MAX_WARNINGS_PER_KIND {
            kept.push(warning);
        } else if first_left_out.is_none() {
            *first_left_out = Some(kept.len());
            kept.push(warning);
        }
    }
    for (count, first_left_out) in kinds.into_values() {
        if let Some(at) = first_left_out {
            kept[at] = summary(&kept[at], count - MAX_WARNINGS_PER_KIND);
        }
    }
    *warnings = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_sentences() {
        for empty in ["A.", "___.", "X.", "“…", ". . .", "~~~~~.", "–.", "“““"] {
            assert!(is_empty_sentence(empty), "{empty}");
        }
        for full in ["I do.", "Oh.", "5.", "Q2.", "It rained."] {
            assert!(!is_empty_sentence(full), "{full}");
        }
    }

    #[test]
    fn the_first_n_in_document_order_whatever_the_order_offered() {
        let mut first = FirstN::new(3);
        for at in [9, 2, 7, 1, 8, 3, 5, 4, 6, 0] {
            first.push(Span::new(at, at + 1), at);
        }
        let (kept, rest) = first.finish();
        let kept: Vec<usize> = kept.into_iter().map(|(_, at)| at).collect();
        assert_eq!(kept, [0, 1, 2]);
        assert_eq!(rest, Some((Span::new(3, 4), 7)));
    }

    #[test]
    fn no_summary_at_the_limit() {
        let mut first = FirstN::new(3);
        for at in 0..3 {
            first.push(Span::new(at, at), ());
        }
        let (kept, rest) = first.finish();
        assert_eq!((kept.len(), rest), (3, None));
    }

    #[test]
    fn a_finished_list_keeps_order_and_counts_each_kind() {
        let mut warnings: Vec<(String, usize)> = (0..MAX_WARNINGS_PER_KIND + 5)
            .flat_map(|i| [("a".to_string(), i), ("b".to_string(), i)])
            .collect();
        warnings.insert(0, ("c".to_string(), 0));
        cap_warnings(
            &mut warnings,
            |(message, _)| message,
            |(message, at), rest| (format!("{rest} more {message}"), *at),
        );
        assert_eq!(warnings.len(), 1 + 2 * (MAX_WARNINGS_PER_KIND + 1));
        let summaries: Vec<&(String, usize)> = warnings
            .iter()
            .filter(|(m, _)| m.contains("more"))
            .collect();
        assert_eq!(
            summaries,
            [
                &("5 more a".to_string(), MAX_WARNINGS_PER_KIND),
                &("5 more b".to_string(), MAX_WARNINGS_PER_KIND)
            ]
        );
        // The summary of a kind stands where its first left out stood.
        let at = warnings.iter().position(|(m, _)| m == "5 more a").unwrap();
        assert_eq!(
            warnings[at - 1],
            ("b".to_string(), MAX_WARNINGS_PER_KIND - 1)
        );
    }

    #[test]
    fn the_message_for_sentences_without_content() {
        assert_eq!(
            empty_sentences_message(1),
            "1 sentence without content (no figure, no word of two letters) is not a claim: only a file's first 1000 such sentences, of at most 1000 bytes each, are"
        );
        assert!(empty_sentences_message(2).starts_with("2 sentences without content"));
    }

    #[test]
    fn the_message_counts() {
        assert_eq!(
            left_out_message("quotation mark is never closed", 2),
            "2 more like “quotation mark is never closed” in this file are not listed (only the first 50 of a kind are)"
        );
        assert!(left_out_message("x", 1).starts_with("1 more like “x” in this file is not"));
    }

    proptest::proptest! {
        /// Whatever the items and the order they come in, the first `limit`
        /// by place are kept in order, and the summary counts the others
        /// from the first of them.
        #[test]
        fn first_n_is_the_sorted_prefix(
            starts in proptest::collection::vec(0usize..500, 0..300),
            limit in 0usize..60,
        ) {
            let mut first = FirstN::new(limit);
            for (i, &start) in starts.iter().enumerate() {
                first.push(Span::new(start, start + 1), i);
            }
            let (kept, rest) = first.finish();
            let mut sorted: Vec<Span> = starts.iter().map(|&s| Span::new(s, s + 1)).collect();
            sorted.sort();
            let kept_spans: Vec<Span> = kept.iter().map(|(span, _)| *span).collect();
            proptest::prop_assert_eq!(&kept_spans[..], &sorted[..limit.min(sorted.len())]);
            match rest {
                None => proptest::prop_assert!(starts.len() <= limit),
                Some((span, count)) => {
                    proptest::prop_assert_eq!(count, starts.len() - limit);
                    proptest::prop_assert_eq!(span, sorted[limit]);
                }
            }
        }
    }
}
