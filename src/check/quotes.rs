//! Finding where a draft's quotation comes from.
//!
//! The quotation is normalised into segments (split at ellipses and
//! bracketed insertions, see [`normalize`]). Candidate source units come
//! from the index: the units sharing most word trigrams with it, and, for
//! short quotations, the units sharing most content words. A candidate
//! holds the quotation *verbatim* when every segment appears in it as a
//! run of consecutive words, in order. Otherwise the best candidate is
//! aligned word by word (`similar`, Myers diff): when most of the
//! quotation's words align with a stretch of the source, the quotation is a
//! *near copy*, and the alignment gives the word diff.

use similar::DiffTag;

use super::index::{SourceIndex, WINDOW};
use super::normalize::{self, Strictness, Word};
use crate::span::Span;

/// How many candidate units are examined per quotation.
const CANDIDATES: usize = 8;

/// How many units sharing words with a short quotation are examined.
const SHORT_CANDIDATES: usize = 64;

/// The least share of a quotation's words that must align with a source
/// stretch, and the least share of that stretch they must cover, for a
/// near copy.
const MIN_NEAR_OVERLAP: f64 = 0.6;

/// Quotations shorter than this are near copies only of source quotations
/// of about their length (see [`find`]).
const MIN_NEAR_WORDS: usize = 4;

/// The least share of a short quotation's words that must align with a
/// source quotation of its length.
const MIN_SHORT_OVERLAP: f64 = 0.5;

/// Where a quotation's words are in the sources.
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteMatch {
    /// Verbatim in `unit`, over the source words in `span`.
    Verbatim { unit: usize, span: Span },
    /// A near copy of the source words in `span` of `unit`.
    Near {
        unit: usize,
        span: Span,
        /// The word diff, source to draft: `[-removed-]` and `{+added+}`.
        diff: String,
        /// Draft words not in the source, and source words left out.
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// Nowhere in the sources.
    Missing,
}

/// Looks the quotation at `quote` of `draft_text` up in `index`. Where
/// several source quotations hold it verbatim, one `speaker` (name and
/// role) says it in is preferred.
pub fn find(
    index: &SourceIndex<'_>,
    draft_text: &str,
    quote: Span,
    strictness: Strictness,
    speaker: Option<(&str, Option<&str>)>,
) -> Option<QuoteMatch> {
    let text = &draft_text[quote.start..quote.end];
    let segments = normalize::segments(text, quote.start, strictness);
    let words: Vec<Word> = segments.iter().flatten().cloned().collect();
    // Nothing to trace in a short quotation of function words and letters
    // ("no", "R,"): any source has them. A longer one ("it is not about
    // her, it is about all of us") says something, word for word.
    if words.len() < MIN_NEAR_WORDS && !words.iter().any(|w| index.is_content_word(&w.text)) {
        return None;
    }
    let mut candidates: Vec<usize> = Vec::new();
    let mut push = |unit: usize| {
        if !candidates.contains(&unit) {
            candidates.push(unit);
        }
    };
    for (unit, _) in index.trigram_candidates(&words, CANDIDATES) {
        push(unit);
    }
    // A short quotation shares few words with its source, and many
    // quotations may share them: look further.
    let word_limit = if words.len() < MIN_NEAR_WORDS {
        SHORT_CANDIDATES
    } else {
        CANDIDATES / 2
    };
    for quotes in [true, false] {
        for (unit, _) in index.word_candidates(&words, quotes, word_limit) {
            push(unit);
        }
    }
    // Verbatim: a quotation unit first, since it names the speaker.
    let verbatim = |want_quote: bool| {
        let found: Vec<(usize, Span)> = candidates
            .iter()
            .filter(|&&u| index.units[u].is_quote() == want_quote)
            .filter_map(|&u| find_in(index, u, &segments).map(|s| (u, s)))
            .collect();
        let preferred = speaker.and_then(|(name, role)| {
            found
                .iter()
                .find(|(u, _)| super::speakers::same(name, role, &index.units[*u].voice))
        });
        preferred
            .or(found.first())
            .map(|&(unit, span)| QuoteMatch::Verbatim { unit, span })
    };
    if let Some(found) = verbatim(true).or_else(|| verbatim(false)) {
        return Some(found);
    }
    // Quotations joined with an ellipsis: each part verbatim in a quotation
    // of the same source and speaker, in order.
    if segments.len() > 1
        && let Some(found) = joined(index, &candidates, &segments)
    {
        return Some(found);
    }
    // A short quotation (a phrase such as “legal enabler”) is a near copy
    // only of a source quotation of about its length: a word changed in a
    // two-word phrase is the phrase misquoted, while a short phrase that
    // merely shares a word with a long passage is not.
    let short = words.len() < MIN_NEAR_WORDS;
    let best = candidates
        .iter()
        .filter(|&&u| {
            let unit = &index.units[u];
            !short || (unit.is_quote() && unit.window().len().abs_diff(words.len()) <= 1)
        })
        .filter_map(|&u| {
            let source_text = &index.sources[index.units[u].source()].document.text;
            let overlap = if short {
                MIN_SHORT_OVERLAP
            } else {
                MIN_NEAR_OVERLAP
            };
            align(
                context(index, u, words.len()),
                source_text,
                &words,
                draft_text,
                overlap,
                short,
            )
            .map(|a| (u, a))
        })
        .max_by(|(ua, a), (ub, b)| a.score.total_cmp(&b.score).then(ub.cmp(ua)));
    let best = best.or_else(|| {
        short
            .then(|| gapped(index, &candidates, &words, draft_text))
            .flatten()
    });
    Some(match best {
        Some((unit, alignment)) => QuoteMatch::Near {
            unit,
            span: alignment.span,
            diff: alignment.diff,
            added: alignment.added,
            removed: alignment.removed,
        },
        None => QuoteMatch::Missing,
    })
}

/// A short quotation whose words a source quotation gives in order with
/// one word more between them ("take lightly" of "we do not take them
/// lightly"): a near copy of that stretch, which drops the word, not words
/// nobody said.
fn gapped(
    index: &SourceIndex<'_>,
    candidates: &[usize],
    words: &[Word],
    draft_text: &str,
) -> Option<(usize, Alignment)> {
    if words.len() < 2 {
        return None;
    }
    candidates
        .iter()
        .copied()
        .filter(|&u| index.units[u].is_quote())
        .find_map(|u| {
            let whole = index.unit_whole(u);
            let (start, end) = (0..whole.len()).find_map(|start| {
                in_order_with_one_gap(&whole[start..], words).map(|len| (start, start + len))
            })?;
            let source_text = &index.sources[index.units[u].source()].document.text;
            align(
                &whole[start..end],
                source_text,
                words,
                draft_text,
                MIN_SHORT_OVERLAP,
                true,
            )
            .map(|a| (u, a))
        })
}

/// Whether `words` stand in order at the start of `source` with exactly
/// one word between two of them: the length of that stretch.
fn in_order_with_one_gap(source: &[Word], words: &[Word]) -> Option<usize> {
    let mut at = 0;
    let mut skipped = false;
    for (n, word) in words.iter().enumerate() {
        match source.get(at) {
            Some(w) if w.text == word.text => at += 1,
            Some(_)
                if n > 0 && !skipped && source.get(at + 1).is_some_and(|w| w.text == word.text) =>
            {
                skipped = true;
                at += 2;
            }
            _ => return None,
        }
    }
    skipped.then_some(at)
}

/// A quotation whose parts (split at ellipses) are each verbatim in a
/// quotation of one source and one speaker, later parts in the same or a
/// later quotation: the first part's unit and span stand for it.
fn joined(
    index: &SourceIndex<'_>,
    candidates: &[usize],
    segments: &[Vec<Word>],
) -> Option<QuoteMatch> {
    let mut first: Option<(usize, Span)> = None;
    let mut last_unit: Option<usize> = None;
    for segment in segments {
        let (unit, span) = candidates
            .iter()
            .copied()
            .filter(|&u| index.units[u].is_quote())
            .filter(|&u| match (first, last_unit) {
                (Some((f, _)), Some(l)) => {
                    index.units[u].source() == index.units[f].source()
                        && index.units[u].voice == index.units[f].voice
                        && u >= l
                }
                _ => true,
            })
            .find_map(|u| find_in(index, u, std::slice::from_ref(segment)).map(|s| (u, s)))?;
        first.get_or_insert((unit, span));
        last_unit = Some(unit);
    }
    first.map(|(unit, span)| QuoteMatch::Verbatim { unit, span })
}

/// Where `segments` appear, in order, in the words of `unit`. In a window
/// of a long sentence or quotation (see [`index`](super::index)), the
/// words around it are read too: a quotation found there overlaps the
/// window (it starts before the window ends and ends after it starts), and
/// what lies between two of its parts is at most a window long. So a
/// quotation straddling two windows is found, and a window's lookup stays
/// bounded.
fn find_in(index: &SourceIndex<'_>, unit: usize, segments: &[Vec<Word>]) -> Option<Span> {
    let length: usize = segments.iter().map(Vec::len).sum();
    let first = segments.first().map_or(0, Vec::len);
    let window = index.units[unit].window();
    let whole = index.unit_whole(unit);
    let starts = window.start.saturating_sub(first.saturating_sub(1))..window.end;
    let reach = (window.end + length + WINDOW).min(whole.len());
    find_segments(&whole[..reach], starts, segments)
}

/// Where `segments` appear in `words` as consecutive runs, in order, the
/// first starting in `starts`: the span from the first word of the first
/// run to the last of the last.
fn find_segments(
    words: &[Word],
    starts: std::ops::Range<usize>,
    segments: &[Vec<Word>],
) -> Option<Span> {
    let mut from = starts.start;
    let mut span: Option<Span> = None;
    for (n, segment) in segments.iter().enumerate() {
        let mut last_start = words.len().checked_sub(segment.len())?;
        if n == 0 {
            last_start = last_start.min(starts.end.checked_sub(1)?);
        }
        let found = (from..=last_start).find(|&start| {
            words[start..start + segment.len()]
                .iter()
                .zip(segment)
                .all(|(a, b)| a.text == b.text)
        })?;
        let end = found + segment.len();
        let run = Span::new(words[found].span.start, words[end - 1].span.end);
        span = Some(match span {
            Some(s) => Span::new(s.start, run.end),
            None => run,
        });
        from = end;
    }
    span
}

/// Words of unchanged context kept on each side of a change in a diff.
const DIFF_CONTEXT: usize = 3;

/// The diff with long unchanged stretches cut to a few words of context
/// around each change: "… will become a {+major+} force multiplier by …".
fn compact(diff: &[String]) -> String {
    let changed: Vec<bool> = diff
        .iter()
        .map(|w| w.starts_with("[-") || w.starts_with("{+"))
        .collect();
    let near_change = |i: usize| {
        let from = i.saturating_sub(DIFF_CONTEXT);
        let to = (i + DIFF_CONTEXT + 1).min(diff.len());
        changed[from..to].iter().any(|&c| c)
    };
    let mut out: Vec<&str> = Vec::new();
    let mut skipped = false;
    for (i, word) in diff.iter().enumerate() {
        if near_change(i) {
            if skipped {
                out.push("…");
                skipped = false;
            }
            out.push(word);
        } else {
            skipped = true;
        }
    }
    if skipped {
        out.push("…");
    }
    out.join(" ")
}

/// The words of `unit` a quotation of `length` words is aligned with: all
/// of a unit, and for a window of a long sentence or quotation, the window
/// and as many words as the quotation has on each side, so that a near
/// copy straddling two windows is aligned whole.
fn context<'i>(index: &'i SourceIndex<'_>, unit: usize, length: usize) -> &'i [Word] {
    let window = index.units[unit].window();
    let whole = index.unit_whole(unit);
    if window.len() == whole.len() {
        return whole;
    }
    let from = window.start.saturating_sub(length);
    let to = (window.end + length).min(whole.len());
    &whole[from..to]
}

/// A quotation aligned with a stretch of a source unit.
struct Alignment {
    score: f64,
    span: Span,
    diff: String,
    added: Vec<String>,
    removed: Vec<String>,
}

/// Aligns `draft` with the stretch of `source` it matches best (all of
/// `source` when `whole_source`), if at least `min_overlap` of each aligns.
/// The diff shows the words as written in `source_text` and
/// `draft_text`, which the words' spans point into.
fn align(
    source: &[Word],
    source_text: &str,
    draft: &[Word],
    draft_text: &str,
    min_overlap: f64,
    whole_source: bool,
) -> Option<Alignment> {
    // The diff below is the costly part: a source in which too few of the
    // draft's words could align, even all of them, is passed over first.
    // (Worked out as the coverage below is, so that it rounds alike.)
    if (most_aligned(source, draft) as f64 / draft.len() as f64) < min_overlap {
        return None;
    }
    let written = |words: &[Word], text: &str, i: usize| {
        text[words[i].span.start..words[i].span.end].to_string()
    };
    let old: Vec<&str> = source.iter().map(|w| w.text.as_str()).collect();
    let new: Vec<&str> = draft.iter().map(|w| w.text.as_str()).collect();
    let ops = super::word_diff::diff(&old, &new);
    // The stretch of the source from the first to the last aligned word.
    let equal: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = ops
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag == DiffTag::Equal)
        .map(|(_, old, new)| (old, new))
        .collect();
    // The stretch compared: a whole short source quotation, or the source
    // from the first aligned word to the last.
    let (first, last) = if whole_source {
        equal.first()?;
        (0, source.len())
    } else {
        let (first_old, first_new) = equal.first()?.clone();
        let (last_old, last_new) = equal.last()?.clone();
        // Draft words before the first aligned word stand for the source
        // words right before it ("Everybody" for "Nobody"): a changed
        // first or last word is a substitution, not an addition.
        let leading = first_new.start.min(first_old.start);
        let trailing = (draft.len() - last_new.end).min(source.len() - last_old.end);
        (first_old.start - leading, last_old.end + trailing)
    };
    // A word replaced by another form of itself ("conservatism" quoted
    // as "conservative") is the quotation changed, not words made up: it
    // counts towards the overlap, and still shows in the diff.
    let same_root: usize = ops
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag == DiffTag::Replace)
        .map(|(_, old_range, new_range)| {
            let mut old_words: Vec<&str> = old[old_range].to_vec();
            new[new_range]
                .iter()
                .filter(|word| {
                    let found = old_words.iter().position(|o| shares_root(o, word));
                    found.map(|at| old_words.remove(at)).is_some()
                })
                .count()
        })
        .sum();
    let matched: usize = equal.iter().map(|(old, _)| old.len()).sum::<usize>() + same_root;
    let window = last - first;
    let coverage = matched as f64 / draft.len() as f64;
    let precision = matched as f64 / window.max(1) as f64;
    if coverage < min_overlap || precision < min_overlap {
        return None;
    }
    let mut diff = Vec::new();
    let mut added = Vec::new();
    let mut removed = Vec::new();
    for op in &ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        // Only the aligned stretch: source words outside it were never
        // quoted.
        let old_in = old_range.start.max(first)..old_range.end.min(last);
        match tag {
            DiffTag::Equal => diff.extend(old_in.map(|i| written(source, source_text, i))),
            DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => {
                for i in old_in {
                    let word = written(source, source_text, i);
                    diff.push(format!("[-{word}-]"));
                    removed.push(word);
                }
                for i in new_range {
                    let word = written(draft, draft_text, i);
                    diff.push(format!("{{+{word}+}}"));
                    added.push(word);
                }
            }
        }
    }
    Some(Alignment {
        score: 2.0 * matched as f64 / (draft.len() + window) as f64,
        span: Span::new(source[first].span.start, source[last - 1].span.end),
        diff: compact(&diff),
        added,
        removed,
    })
}

/// The shortest common beginning two words must have to be forms of one
/// root.
const MIN_ROOT: usize = 5;

/// At most how many words of `draft` [`align`] can count as aligned with
/// `source`: those `source` has, and those sharing the first [`MIN_ROOT`]
/// letters with one of its words (all [`shares_root`] can pair).
fn most_aligned(source: &[Word], draft: &[Word]) -> usize {
    // The first MIN_ROOT letters of a word that has as many.
    fn root(word: &str) -> Option<&str> {
        let (at, last) = word.char_indices().nth(MIN_ROOT - 1)?;
        Some(&word[..at + last.len_utf8()])
    }
    let words: rustc_hash::FxHashSet<&str> = source.iter().map(|w| w.text.as_str()).collect();
    let roots: rustc_hash::FxHashSet<&str> = source.iter().filter_map(|w| root(&w.text)).collect();
    draft
        .iter()
        .filter(|w| {
            words.contains(w.text.as_str()) || root(&w.text).is_some_and(|r| roots.contains(r))
        })
        .count()
}

/// Whether `a` and `b` are forms of one word: they begin alike for at
/// least [`MIN_ROOT`] letters and four fifths of the shorter
/// ("conservatism", "conservative"; not "statement", "statesman").
fn shares_root(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    a != b && common >= MIN_ROOT && 5 * common >= 4 * shorter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aligned(source: &str, draft: &str) -> Alignment {
        let s = normalize::words(source, 0, Strictness::Lenient);
        let d = normalize::words(draft, 0, Strictness::Lenient);
        align(&s, source, &d, draft, MIN_NEAR_OVERLAP, false).expect("a near copy")
    }

    #[test]
    fn another_form_of_a_word_is_a_near_copy() {
        let a = aligned(
            "The plan is a cancer on conservatism, and it must be cut out.",
            "a cancer on the conservative movement",
        );
        assert_eq!(a.removed.first().map(String::as_str), Some("conservatism"));
        assert_eq!(a.added, ["the", "conservative", "movement"]);
        // Without the shared root, too few words align.
        let s = normalize::words(
            "The plan is a cancer on liberty, and it must go.",
            0,
            Strictness::Lenient,
        );
        let draft = "a cancer on the conservative movement";
        let d = normalize::words(draft, 0, Strictness::Lenient);
        assert!(
            align(
                &s,
                "The plan is a cancer on liberty, and it must go.",
                &d,
                draft,
                MIN_NEAR_OVERLAP,
                false
            )
            .is_none()
        );
    }

    #[test]
    fn forms_of_one_word_share_a_root() {
        assert!(shares_root("conservatism", "conservative"));
        assert!(shares_root("president", "presidential"));
        assert!(!shares_root("statement", "statesman"));
        assert!(!shares_root("cancer", "cancer"));
        assert!(!shares_root("con", "cons"));
    }

    #[test]
    fn a_changed_first_word_is_a_substitution() {
        let a = aligned(
            "Nobody will lose their job because of this plan, he said.",
            "Everybody will lose their job because of this plan",
        );
        assert_eq!(a.added, ["Everybody"]);
        assert_eq!(a.removed, ["Nobody"]);
        assert!(
            a.diff.starts_with("[-Nobody-] {+Everybody+} will lose"),
            "{}",
            a.diff
        );
        assert_eq!(a.span, Span::new(0, 47));
    }

    #[test]
    fn a_changed_last_word_is_a_substitution() {
        let a = aligned(
            "We said the plan would cut costs and we meant it.",
            "the plan would cut costs and we meant nothing",
        );
        assert_eq!(a.added, ["nothing"]);
        assert_eq!(a.removed, ["it"]);
        assert!(
            a.diff.ends_with("we meant [-it-] {+nothing+}"),
            "{}",
            a.diff
        );
    }

    #[test]
    fn words_added_inside_stay_additions() {
        let a = aligned(
            "The partnership will become a force multiplier by integrating supply chains",
            "The partnership will become a major force multiplier by integrating supply chains",
        );
        assert_eq!(a.added, ["major"]);
        assert!(a.removed.is_empty());
    }

    #[test]
    fn the_bound_counts_words_and_shared_roots() {
        let (source, draft) = (
            "The plan is a cancer on conservatism.",
            "a cancer on the conservative movement",
        );
        let s = normalize::words(source, 0, Strictness::Lenient);
        let d = normalize::words(draft, 0, Strictness::Lenient);
        // a, cancer, on, the, and conservative (conservatism's root).
        assert_eq!(most_aligned(&s, &d), 5);
        assert!(align(&s, source, &d, draft, 0.0, false).is_some());
        let other = "Rain fell over the harbour.";
        let unrelated = normalize::words(other, 0, Strictness::Lenient);
        assert_eq!(most_aligned(&unrelated, &d), 1);
        assert!(align(&unrelated, other, &d, draft, MIN_NEAR_OVERLAP, false).is_none());
    }
}
