//! Aligning a draft claim to the source passage that retells it.
//!
//! A claim's content words (its [`Token`]s that are not function words)
//! vote for the source sentences holding them, each vote weighted by how
//! rare the word is in the sources (a name outweighs "said"). The best
//! sentences are candidates; around each, every window of up to
//! [`MAX_SENTENCES`] adjacent sentences of its source is a candidate
//! *passage*, scored by the weighted share of the claim's content it holds.
//! The best passage is the claim's alignment: what it holds is supported
//! there, and what it says differently (another name, a negation, a hedge)
//! is read against it.

use super::index::SourceIndex;
use super::lexicon::{Lexicon, Token};
use crate::span::Span;

/// The most adjacent source sentences a passage spans.
pub const MAX_SENTENCES: usize = 3;

/// Candidate sentences examined per claim.
const CANDIDATES: usize = 6;

/// A stretch of one source: up to three adjacent sentences.
#[derive(Clone, Debug)]
pub struct Passage {
    pub source: usize,
    /// The sentence unit of its first sentence (for evidence).
    pub unit: usize,
    pub span: Span,
    pub tokens: Vec<Token>,
}

/// A claim's (or clause's) alignment to a passage.
#[derive(Clone, Debug)]
pub struct Alignment {
    pub passage: Passage,
    /// For each token of the claim: the passage token it aligns with.
    pub matched: Vec<Option<usize>>,
    /// The weighted share of the claim's content the passage holds.
    pub coverage: f64,
}

/// How much a word says about where a claim comes from: rare words more.
pub fn weight(index: &SourceIndex<'_>, token: &Token) -> f64 {
    let n = index.sentence_count() as f64;
    let df = index.frequency(token.key) as f64;
    ((n + 1.0) / (df + 1.0)).ln() + 1.0
}

/// Whether a token carries content to align and trace.
pub fn is_content(token: &Token) -> bool {
    !token.function
}

/// The passage that best retells `tokens` (a claim or clause), if any
/// passage shares content with it.
pub fn align(index: &SourceIndex<'_>, lexicon: &Lexicon, tokens: &[Token]) -> Option<Alignment> {
    let mut keys: Vec<(u64, f64)> = tokens
        .iter()
        .filter(|t| is_content(t))
        .map(|t| (t.key, weight(index, t)))
        .collect();
    keys.sort_by_key(|k| k.0);
    keys.dedup_by_key(|k| k.0);
    let total: f64 = keys.iter().map(|k| k.1).sum();
    if total == 0.0 {
        return None;
    }
    let mut best: Option<(f64, (usize, usize, usize))> = None;
    let mut seen = rustc_hash::FxHashSet::default();
    for unit in index.content_candidates(&keys, CANDIDATES) {
        let (source, claim) = (index.units[unit].source, index.units[unit].claim);
        let claims = index.sources[source].claims.claims.len();
        for first in claim.saturating_sub(MAX_SENTENCES - 1)..=claim {
            for last in claim..(first + MAX_SENTENCES).min(claims) {
                if !seen.insert((source, first, last)) {
                    continue;
                }
                let held: f64 = keys
                    .iter()
                    .filter(|(key, _)| {
                        (first..=last).any(|c| index.holds(index.sentence_unit(source, c), *key))
                    })
                    .map(|k| k.1)
                    .sum();
                // A longer passage must hold more to be preferred.
                let score = held / total - 0.02 * (last - first) as f64;
                let better = match best {
                    None => true,
                    Some((s, _)) => score > s + 1e-12,
                };
                if better {
                    best = Some((score, (source, first, last)));
                }
            }
        }
    }
    let (_, (source, first, last)) = best?;
    let document = index.sources[source].document;
    let claims = &index.sources[source].claims.claims;
    let span = Span::new(claims[first].span.start, claims[last].span.end);
    let passage_tokens = lexicon.tokens(document.slice(span), span.start);
    let matched = match_tokens(tokens, &passage_tokens);
    let held: f64 = tokens
        .iter()
        .zip(&matched)
        .filter(|(t, m)| is_content(t) && m.is_some())
        .map(|(t, _)| (t.key, weight(index, t)))
        .collect::<rustc_hash::FxHashMap<u64, f64>>()
        .values()
        .sum();
    Some(Alignment {
        passage: Passage {
            source,
            unit: index.sentence_unit(source, first),
            span,
            tokens: passage_tokens,
        },
        matched,
        coverage: held / total,
    })
}

/// For each token of `claim`, a passage token with the same key (or stem),
/// preferring the one nearest the previous match.
fn match_tokens(claim: &[Token], passage: &[Token]) -> Vec<Option<usize>> {
    let mut last: Option<usize> = None;
    claim
        .iter()
        .map(|token| {
            let found = passage
                .iter()
                .enumerate()
                .filter(|(_, p)| p.key == token.key || p.stem == token.stem)
                .min_by_key(|(i, _)| match last {
                    Some(l) if *i > l => i - l,
                    Some(l) => l - i + passage.len(),
                    None => *i,
                })
                .map(|(i, _)| i);
            if found.is_some() && !token.function {
                last = found;
            }
            found
        })
        .collect()
}
