//! Aligning a draft claim to the source passage that retells it.
//!
//! A claim's content words (its [`KeyedWord`]s that are not function words)
//! vote for the source sentences holding them, each vote weighted by how
//! rare the word is in the sources (a name outweighs "said"). The best
//! sentences are candidates; around each, every window of up to
//! [`MAX_SENTENCES`] adjacent sentences of its source is a candidate
//! *passage*, scored by the weighted share of the claim's content it holds.
//! The best passage is the claim's alignment: what it holds is supported
//! there, and what it says differently (another name, a negation, a hedge)
//! is read against it.

use super::index::SourceIndex;
use super::lexicon::KeyedWord;
use crate::span::Span;

/// The most adjacent source sentences a passage spans.
pub const MAX_SENTENCES: usize = 3;

/// Candidate sentences examined per claim.
const CANDIDATES: usize = 6;

/// Windows scoring within this of the best are told apart by word order.
const NEAR_TIE: f64 = 0.05;

/// Claims longer than this (in shared words) are put in order greedily.
const MAX_ORDERED: usize = 256;

/// The most windows within [`NEAR_TIE`] of the best told apart by word
/// order.
const NEAR_TIES: usize = 4;

/// The most windows tied with the best told apart by word order.
const TIE_BREAK: usize = 24;

/// For each token of a claim, the passage token it aligns with; and the
/// longest stretch copied word for word.
type Matched = (Vec<Option<usize>>, usize);

/// A stretch of one source: up to three adjacent sentences (or windows
/// of a long sentence, see [`super::index`]).
#[derive(Clone, Debug)]
pub struct Passage {
    pub source: usize,
    /// The sentence unit of its first sentence or window (for evidence).
    pub unit: usize,
    pub span: Span,
    pub tokens: Vec<KeyedWord>,
}

/// A claim's (or clause's) alignment to a passage.
#[derive(Clone, Debug)]
pub struct Alignment {
    pub passage: Passage,
    /// For each token of the claim: the passage token it aligns with.
    pub matched: Vec<Option<usize>>,
    /// The weighted share of the claim's content the passage holds.
    pub coverage: f64,
    /// Whether the passage holds the claim word for word.
    pub verbatim: bool,
}

/// How much a word says about where a claim comes from: rare words more.
pub fn weight(index: &SourceIndex<'_>, token: &KeyedWord) -> f64 {
    let n = index.sentence_count() as f64;
    let df = index.frequency(token.key) as f64;
    ((n + 1.0) / (df + 1.0)).ln() + 1.0
}

/// Whether a keyed word carries content to align and trace (is no
/// function word).
pub fn carries_content(token: &KeyedWord) -> bool {
    !token.function
}

/// The passage that best retells `tokens` (a claim or clause), if any
/// passage shares content with it.
pub fn align(index: &SourceIndex<'_>, tokens: &[KeyedWord]) -> Option<Alignment> {
    let (keys, total) = weighted_keys(index, tokens);
    if total == 0.0 {
        return None;
    }
    let mut windows: Vec<(f64, (usize, usize, usize))> = Vec::new();
    let mut masks: rustc_hash::FxHashMap<usize, Vec<bool>> = rustc_hash::FxHashMap::default();
    let mut seen = rustc_hash::FxHashSet::default();
    for unit in index.content_candidates(&keys, CANDIDATES) {
        let source = index.units[unit].source();
        let Some(at) = index.units[unit].stretch.map(|at| at as usize) else {
            continue;
        };
        let stretches = index.stretches(source);
        for first in at.saturating_sub(MAX_SENTENCES - 1)..=at {
            for last in at..(first + MAX_SENTENCES).min(stretches.len()) {
                if !seen.insert((source, first, last)) {
                    continue;
                }
                // Which keys each sentence holds, looked up once a sentence.
                let mut held_keys = vec![false; keys.len()];
                for stretch in &stretches[first..=last] {
                    let unit = stretch.unit();
                    let mask = masks.entry(unit).or_insert_with(|| {
                        keys.iter()
                            .map(|(key, _)| index.holds(unit, *key))
                            .collect()
                    });
                    for (held, &has) in held_keys.iter_mut().zip(mask.iter()) {
                        *held |= has;
                    }
                }
                let held: f64 = keys
                    .iter()
                    .zip(&held_keys)
                    .filter(|(_, held)| **held)
                    .map(|(k, _)| k.1)
                    .sum();
                // A longer passage must hold more to be preferred.
                let score = held / total - 0.02 * (last - first) as f64;
                windows.push((score, (source, first, last)));
            }
        }
    }
    // The best windows by the words they hold; among near ties, the one
    // that holds them in the claim's order (the sentence a claim copies
    // beats one that merely shares its words).
    windows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = windows.first()?.0;
    let content_count = tokens.iter().filter(|t| carries_content(t)).count().max(1) as f64;
    let mut best: Option<(f64, Passage, Matched)> = None;
    // Exact ties (sentences holding the same words) are all looked at;
    // near ties, the best few.
    let exact = windows
        .iter()
        .take_while(|(score, _)| *score >= top - 1e-9)
        .count()
        .min(TIE_BREAK);
    for &(score, (source, first, last)) in windows
        .iter()
        .take_while(|(score, _)| *score >= top - NEAR_TIE)
        .take(exact.max(NEAR_TIES))
    {
        let stretches = index.stretches(source);
        let span = Span::new(
            index.stretch_span(&stretches[first]).start,
            index.stretch_span(&stretches[last]).end,
        );
        let passage_tokens = index.passage_tokens(source, first, last);
        // The diff below is the costly part: a window that could not beat
        // the best so far even if every word it shares lined up is passed
        // over, so the choice is the one diffing every window makes.
        if let Some((best_fine, _, _)) = &best {
            let (shared, run) = most_matched(tokens, &passage_tokens);
            let bound = score
                + NEAR_TIE * shared as f64 / content_count
                + NEAR_TIE * run as f64 / tokens.len().max(1) as f64;
            if bound <= *best_fine + 1e-12 {
                continue;
            }
        }
        let narrow = stretches[first..=last].iter().any(|s| s.is_window);
        let (matched, copied) = match_tokens(tokens, &passage_tokens, narrow);
        let ordered = in_order(
            tokens
                .iter()
                .zip(&matched)
                .enumerate()
                .filter(|(_, (t, m))| carries_content(t) && m.is_some())
                .map(|(i, (_, m))| (i, m.unwrap_or(0)))
                .collect(),
        )
        .len() as f64;
        // Words copied in one stretch (function words too) tell a copy
        // from a sentence that merely has the same words.
        let fine = score
            + NEAR_TIE * ordered / content_count
            + NEAR_TIE * copied as f64 / tokens.len().max(1) as f64;
        if best.as_ref().is_none_or(|(b, _, _)| fine > *b + 1e-12) {
            let passage = Passage {
                source,
                unit: stretches[first].unit(),
                span,
                tokens: passage_tokens,
            };
            best = Some((fine, passage, (matched, copied)));
        }
    }
    let (_, passage, (matched, copied)) = best?;
    let held: f64 = tokens
        .iter()
        .zip(&matched)
        .filter(|(t, m)| carries_content(t) && m.is_some())
        .map(|(t, _)| (t.key, weight(index, t)))
        .collect::<rustc_hash::FxHashMap<u64, f64>>()
        .values()
        .sum();
    Some(Alignment {
        passage,
        matched,
        coverage: held / total,
        verbatim: copied == tokens.len(),
    })
}

/// At most how many content words of `claim` [`match_tokens`] can align
/// with `passage` (those whose word or stem the passage has), and at most
/// how long a stretch it can find copied (the longest run of the claim's
/// words whose word the passage has): bounds on what a window can score,
/// found without a diff.
fn most_matched(claim: &[KeyedWord], passage: &[KeyedWord]) -> (usize, usize) {
    let keys: rustc_hash::FxHashSet<u64> = passage.iter().map(|t| t.key).collect();
    let stems: rustc_hash::FxHashSet<u64> = passage.iter().map(|t| t.stem).collect();
    let shared = claim
        .iter()
        .filter(|t| carries_content(t) && (keys.contains(&t.key) || stems.contains(&t.stem)))
        .count();
    let (mut run, mut longest) = (0, 0);
    for token in claim {
        run = if keys.contains(&token.key) {
            run + 1
        } else {
            0
        };
        longest = longest.max(run);
    }
    (shared, longest)
}

/// The longest subsequence of `pairs` (in claim order) whose passage
/// positions increase: the shared words that keep their order.
pub fn in_order(pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let n = pairs.len();
    if n > MAX_ORDERED {
        // A very long claim: keep each pair that continues the order, so
        // the work stays linear.
        let mut out: Vec<(usize, usize)> = Vec::new();
        for pair in pairs {
            if out.last().is_none_or(|last| last.1 < pair.1) {
                out.push(pair);
            }
        }
        return out;
    }
    let mut length = vec![1usize; n];
    let mut previous: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for j in 0..i {
            if pairs[j].1 < pairs[i].1 && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = Some(j);
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut out = vec![pairs[at]];
    while let Some(p) = previous[at] {
        out.push(pairs[p]);
        at = p;
    }
    out.reverse();
    out
}

/// For each token of `claim`, the passage token it aligns with: first the
/// word-for-word alignment of the two (a Myers diff over their keys, so a
/// copied stretch maps onto itself in order), then, for content words left
/// over, the same word elsewhere in the passage, nearest the previous
/// match. Also returns the length of the longest stretch copied word for
/// word.
///
/// In a passage of windows of a long sentence (`narrow`), the diff runs on
/// the stretch of the passage about the claim's length that holds most of
/// its words (see [`densest`]): a diff costs the product of the lengths
/// compared, and the rest of the passage is mostly words to delete.
fn match_tokens(
    claim: &[KeyedWord],
    passage: &[KeyedWord],
    narrow: bool,
) -> (Vec<Option<usize>>, usize) {
    let claim_keys: Vec<u64> = claim.iter().map(|t| t.key).collect();
    let passage_keys: Vec<u64> = passage.iter().map(|t| t.key).collect();
    let mut matched: Vec<Option<usize>> = vec![None; claim.len()];
    let mut copied = 0;
    let stretch = if narrow {
        densest(&passage_keys, &claim_keys)
    } else {
        0..passage_keys.len()
    };
    let ops = super::word_diff::diff_keys(&passage_keys[stretch.clone()], &claim_keys);
    for op in ops {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            copied = copied.max(len);
            for k in 0..len {
                matched[new_index + k] = Some(stretch.start + old_index + k);
            }
        }
    }
    // Where each word and stem of the claim's content is in the passage,
    // in order: looked up, not searched for, so a long claim against a
    // long passage stays linear.
    let content_keys: rustc_hash::FxHashSet<u64> = claim
        .iter()
        .filter(|t| !t.function)
        .map(|t| t.key)
        .collect();
    let content_stems: rustc_hash::FxHashSet<u64> = claim
        .iter()
        .filter(|t| !t.function)
        .map(|t| t.stem)
        .collect();
    let mut by_key: rustc_hash::FxHashMap<u64, Vec<usize>> = rustc_hash::FxHashMap::default();
    let mut by_stem: rustc_hash::FxHashMap<u64, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (at, token) in passage.iter().enumerate() {
        if content_keys.contains(&token.key) {
            by_key.entry(token.key).or_default().push(at);
        }
        if content_stems.contains(&token.stem) {
            by_stem.entry(token.stem).or_default().push(at);
        }
    }
    let mut last: Option<usize> = None;
    for (i, token) in claim.iter().enumerate() {
        if matched[i].is_none() && !token.function {
            // The first occurrence after the previous match, else the
            // last one before it (the nearest, wrapping around).
            let distance = |at: usize| match last {
                Some(l) if at > l => at - l,
                Some(l) => l - at + passage.len(),
                None => at,
            };
            let nearest = |positions: &Vec<usize>| match last {
                Some(l) => {
                    let after = positions.partition_point(|&at| at <= l);
                    positions.get(after).or(positions.last()).copied()
                }
                None => positions.first().copied(),
            };
            matched[i] = [by_key.get(&token.key), by_stem.get(&token.stem)]
                .into_iter()
                .flatten()
                .filter_map(nearest)
                .min_by_key(|&at| distance(at));
        }
        if matched[i].is_some() && !token.function {
            last = matched[i];
        }
    }
    (matched, copied)
}

/// The stretch of `passage` at most twice as long as `claim` holding the
/// most words of `claim` (the first such): where a claim retelling part
/// of a long passage is.
fn densest(passage: &[u64], claim: &[u64]) -> std::ops::Range<usize> {
    let length = 2 * claim.len();
    if passage.len() <= length {
        return 0..passage.len();
    }
    let wanted: rustc_hash::FxHashSet<u64> = claim.iter().copied().collect();
    let hits: Vec<usize> = (0..passage.len())
        .filter(|&at| wanted.contains(&passage[at]))
        .collect();
    // The most hits within `length` of a first hit, by two pointers.
    let mut best = (0, 0);
    let mut end = 0;
    for (first, &start) in hits.iter().enumerate() {
        while end < hits.len() && hits[end] < start + length {
            end += 1;
        }
        if end - first > best.1 {
            best = (start, end - first);
        }
    }
    let start = best.0.min(passage.len() - length);
    start..start + length
}

/// The distinct content keys of `tokens` with their weights, sorted by
/// key, and the sum of the weights.
fn weighted_keys(index: &SourceIndex<'_>, tokens: &[KeyedWord]) -> (Vec<(u64, f64)>, f64) {
    let mut keys: Vec<(u64, f64)> = tokens
        .iter()
        .filter(|t| carries_content(t))
        .map(|t| (t.key, weight(index, t)))
        .collect();
    keys.sort_by_key(|k| k.0);
    keys.dedup_by_key(|k| k.0);
    let total = keys.iter().map(|k| k.1).sum();
    (keys, total)
}

/// The weighted share of `tokens`' content that sentence unit `unit`
/// holds.
pub fn held_by(index: &SourceIndex<'_>, tokens: &[KeyedWord], unit: usize) -> f64 {
    let (keys, total) = weighted_keys(index, tokens);
    if total == 0.0 {
        return 0.0;
    }
    keys.iter()
        .filter(|(key, _)| index.holds(unit, *key))
        .map(|k| k.1)
        .sum::<f64>()
        / total
}

/// The sentence units that share most content with `tokens`.
pub fn candidates(index: &SourceIndex<'_>, tokens: &[KeyedWord], limit: usize) -> Vec<usize> {
    let mut keys: Vec<(u64, f64)> = tokens
        .iter()
        .filter(|t| carries_content(t))
        .map(|t| (t.key, weight(index, t)))
        .collect();
    keys.sort_by_key(|k| k.0);
    keys.dedup_by_key(|k| k.0);
    index.content_candidates(&keys, limit)
}
