//! Figures and names the sources disagree on: `conflicting-sources`, when
//! the draft gives one source's value without saying another gives a
//! different one.

use super::DraftChecker;
use crate::check::Finding;
use crate::check::figures;
use crate::check::kinds::conflicting_sources::ConflictingSources;
use crate::check::normalize::Word;
use crate::check::trace::Place;
use crate::check::word_diff;
use crate::claims::{self, Claim};
use crate::span::Span;
use similar::DiffOp;

impl DraftChecker<'_, '_> {
    /// Figures the draft's sources disagree on: the draft's figure is in
    /// one source's retelling of the claim, and another source's retelling
    /// has, in the same place (the same rank among figures of its kind and
    /// unit), a different value. A claim that reports the disagreement
    /// (both values, or words such as "disputed") is not a conflict.
    pub(super) fn check_conflicts(&self, claim: &Claim<'_>, retold: &[usize]) -> Option<Finding> {
        if claim.figures.is_empty() || retold.len() < 2 || self.reports_disagreement(claim) {
            return None;
        }
        // The rank of each figure among the claim's figures of its kind
        // and unit.
        let rank = |figures: &[claims::Figure], i: usize| {
            let f = &figures[i];
            figures[..i]
                .iter()
                .filter(|g| g.kind == f.kind && g.unit == f.unit)
                .count()
        };
        let same_place = |figures: &'_ [claims::Figure], like: &claims::Figure, r: usize| {
            figures
                .iter()
                .filter(|g| g.kind == like.kind && g.unit == like.unit)
                .nth(r)
                .cloned()
        };
        let mut sides: Vec<(String, String, String, String, usize, Span)> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for (i, figure) in claim.figures.iter().enumerate() {
            let r = rank(&claim.figures, i);
            // The retelling that holds this figure in this place.
            let Some(&holder) = retold.iter().find(|&&u| {
                same_place(self.index.figures_of(u), figure, r)
                    .is_some_and(|g| figures::same_figure(figure, &g))
            }) else {
                continue;
            };
            let holder_source = self.index.units[holder].source();
            for &other in retold {
                let source = self.index.units[other].source();
                if source == holder_source {
                    continue;
                }
                let Some(theirs) = same_place(self.index.figures_of(other), figure, r) else {
                    continue;
                };
                let reported_too = claim
                    .figures
                    .iter()
                    .any(|g| figures::same_figure(g, &theirs));
                if figures::same_figure(figure, &theirs) || reported_too {
                    continue;
                }
                spans.push(figure.span);
                sides.push((
                    self.source_path(holder),
                    figure.text.to_string(),
                    self.source_path(other),
                    theirs.text.to_string(),
                    other,
                    theirs.span,
                ));
                break;
            }
        }
        let first = sides.first()?;
        let (ours, theirs): (Vec<&str>, Vec<&str>) = sides
            .iter()
            .map(|(_, a, _, b, _, _)| (a.as_str(), b.as_str()))
            .unzip();
        let violation = ConflictingSources {
            followed: &first.0,
            ours,
            other: &first.2,
            theirs,
        };
        let other = first.4;
        let found = self.evidence_at(
            Place {
                unit: other,
                span: self.index.units[other].span,
                focus: first.5,
            },
            None,
        );
        let span = Span::new(
            spans
                .iter()
                .map(|s| s.start)
                .min()
                .unwrap_or(claim.span.start),
            spans.iter().map(|s| s.end).max().unwrap_or(claim.span.end),
        );
        Some(self.finding(&violation, span).with_evidence(found))
    }

    /// Whether the claim says its sources disagree ("disputed", "other
    /// reports"): then giving one side is no conflict.
    fn reports_disagreement(&self, claim: &Claim<'_>) -> bool {
        let tokens = self.tracer.lexicon.tokens(claim.text, claim.span.start);
        !self.tracer.lexicon.disagreement(&tokens).is_empty()
    }

    /// Names the draft's sources disagree on: two sources tell the claim
    /// in the same sentence but for a name ("Archer" against "Archibald",
    /// "True" against "Mostly True"), and the draft gives one source's
    /// name and not the other's. Only sentences that are the same but for
    /// one or two short stretches are compared: other retellings differ
    /// in wording, not in fact.
    pub(super) fn check_named_conflicts(
        &self,
        claim: &Claim<'_>,
        words: &[Word],
        retold: &[usize],
    ) -> Option<Finding> {
        if retold.len() < 2 || self.reports_disagreement(claim) {
            return None;
        }
        let draft: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        for (n, &a) in retold.iter().enumerate() {
            for &b in &retold[n + 1..] {
                if self.index.units[a].source() == self.index.units[b].source() {
                    continue;
                }
                let Some(slot) = self.named_difference(a, b) else {
                    continue;
                };
                // The side the draft follows: it holds that side's words
                // and none of the other's.
                for (ours, theirs) in [(&slot.a, &slot.b), (&slot.b, &slot.a)] {
                    let Some(at) = find_run(&draft, &ours.matched) else {
                        continue;
                    };
                    if theirs.own.iter().any(|w| draft.contains(&w.as_str())) {
                        continue;
                    }
                    let span = Span::new(
                        words[at].span.start,
                        words[at + ours.matched.len() - 1].span.end,
                    );
                    let written = &self.draft.text[span.start..span.end];
                    let violation = ConflictingSources {
                        followed: &self.source_path(ours.unit),
                        ours: vec![written],
                        other: &self.source_path(theirs.unit),
                        theirs: vec![&theirs.written],
                    };
                    let found = self.evidence_at(
                        Place {
                            unit: theirs.unit,
                            span: self.index.units[theirs.unit].span,
                            focus: theirs.span,
                        },
                        None,
                    );
                    return Some(self.finding(&violation, span).with_evidence(found));
                }
            }
        }
        None
    }

    /// Where sentence units `a` and `b` of two sources say the same but
    /// for one name: their one or two differing stretches, the first of
    /// which holds a capitalised word (past the sentence's first word).
    fn named_difference(&self, a: usize, b: usize) -> Option<Slot> {
        let (ua, ub) = (&self.index.units[a], &self.index.units[b]);
        let (wa, wb) = (self.index.unit_words(a), self.index.unit_words(b));
        let ta: Vec<&str> = wa.iter().map(|w| w.text.as_str()).collect();
        let tb: Vec<&str> = wb.iter().map(|w| w.text.as_str()).collect();
        let ops = word_diff::diff(&ta, &tb);
        let equal: usize = ops
            .iter()
            .filter_map(|op| match op {
                DiffOp::Equal { len, .. } => Some(*len),
                _ => None,
            })
            .sum();
        let changes: Vec<&DiffOp> = ops
            .iter()
            .filter(|op| !matches!(op, DiffOp::Equal { .. }))
            .collect();
        let longest = ta.len().max(tb.len());
        if changes.is_empty()
            || changes.len() > MAX_CHANGES
            || (equal as f64) < SAME_SENTENCE * longest as f64
        {
            return None;
        }
        let text_a = &self.index.sources[ua.source()].document.text;
        let text_b = &self.index.sources[ub.source()].document.text;
        changes.into_iter().find_map(|op| {
            let (ra, rb) = (op.old_range(), op.new_range());
            if ra.len() > MAX_SLOT_WORDS || rb.len() > MAX_SLOT_WORDS {
                return None;
            }
            let capitalised = |words: &[Word], text: &str, range: std::ops::Range<usize>| {
                range.into_iter().any(|i| {
                    i > 0
                        && text[words[i].span.start..words[i].span.end]
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                })
            };
            if !capitalised(wa, text_a, ra.clone()) && !capitalised(wb, text_b, rb.clone()) {
                return None;
            }
            Some(Slot {
                a: Side::of(a, wa, text_a, ra, &ta),
                b: Side::of(b, wb, text_b, rb, &tb),
            })
        })
    }
}

/// The most differing stretches two sentences may have and still be read
/// as one sentence told two ways.
const MAX_CHANGES: usize = 2;

/// The least share of the longer sentence's words two sentences must
/// share, in order, to be read as one sentence told two ways.
const SAME_SENTENCE: f64 = 0.8;

/// The most words a differing stretch may have to be one name.
const MAX_SLOT_WORDS: usize = 4;

/// A stretch in which two sources' telling of one sentence differ.
struct Slot {
    a: Side,
    b: Side,
}

/// One source's side of a [`Slot`].
struct Side {
    unit: usize,
    /// The words a draft following this side holds in a row: the
    /// stretch's own, or, where this side has none, the words around the
    /// other side's.
    matched: Vec<String>,
    /// The stretch's own words.
    own: Vec<String>,
    /// The stretch as the source writes it, and where.
    written: String,
    span: Span,
}

impl Side {
    fn of(
        unit: usize,
        words: &[Word],
        text: &str,
        range: std::ops::Range<usize>,
        all: &[&str],
    ) -> Side {
        let own: Vec<String> = all[range.clone()].iter().map(|w| w.to_string()).collect();
        // A side with words of its own is found by them; a side without
        // (the other source inserted a word) by the words around the gap.
        let (from, to) = if own.is_empty() {
            (
                range.start.saturating_sub(1),
                (range.end + 1).min(all.len()),
            )
        } else {
            (range.start, range.end)
        };
        let span = match (words.get(from), words.get(to.saturating_sub(1))) {
            (Some(first), Some(last)) if from < to => Span::new(first.span.start, last.span.end),
            _ => Span::new(0, 0),
        };
        Side {
            unit,
            matched: all[from..to].iter().map(|w| w.to_string()).collect(),
            written: text
                .get(span.start..span.end)
                .unwrap_or_default()
                .to_string(),
            own,
            span,
        }
    }
}

/// Where `run` stands in `words` as consecutive words, if it does.
fn find_run(words: &[&str], run: &[String]) -> Option<usize> {
    if run.is_empty() || run.len() > words.len() {
        return None;
    }
    words
        .windows(run.len())
        .position(|window| window.iter().zip(run).all(|(w, r)| *w == r))
}
