//! Figures: a figure must be in the source sentence the claim retells, or
//! anywhere in the sources, or follow from theirs by simple arithmetic.
//! Finds `figure-mismatch` (a figure of the same kind that differs) and
//! `unsourced-figure` (none).

use std::cell::OnceCell;

use super::{Checked, DraftChecker};
use crate::check::figures::{self, FigureMatch};
use crate::check::kinds::{figure_mismatch::FigureMismatch, unsourced_figure::UnsourcedFigure};
use crate::check::lexicon::KeyedWord;
use crate::check::trace::Place;
use crate::claims::figures::{FigureKind, FigureValue};
use crate::claims::{self, Claim};

impl DraftChecker<'_, '_> {
    /// A figure must be in the source sentence the claim retells, or
    /// anywhere in the sources, or follow from theirs by simple arithmetic.
    /// `claim` is the draft claim the figure is in, `tokens` its keyed
    /// words (made when first asked for).
    pub(super) fn check_figure(
        &self,
        figure: &claims::Figure,
        claim: &Claim<'_>,
        tokens: &OnceCell<Vec<KeyedWord>>,
        retold: &[usize],
    ) -> Checked {
        if figures::multiple_of_others(self.tracer.rules.figures(), figure, &claim.figures) {
            return Checked::Nothing;
        }
        let found = match figures::find(
            self.index,
            self.tracer.rules.figures(),
            figure,
            &claim.figures,
            retold,
        ) {
            // No sentence retold gives it, but the sources give the thing
            // it measures one other value.
            FigureMatch::Missing => figures::only_counterpart(self.index, figure).map_or(
                FigureMatch::Missing,
                |(unit, source)| FigureMatch::Mismatch {
                    unit,
                    figure: source,
                },
            ),
            found => found,
        };
        // The words around the figure in the draft, which may say which
        // source figure it changed.
        let draft_context = || {
            let tokens =
                tokens.get_or_init(|| self.tracer.lexicon.tokens(claim.text, claim.span.start));
            figures::context_of(tokens, figure.span)
        };
        // Given by a source, but only in a sentence this one does not
        // retell, while a sentence it retells gives the same thing
        // another value.
        let found = match found {
            FigureMatch::Same {
                unit,
                figure: elsewhere,
            } if !retold.contains(&unit) => figures::changed_in_retold(
                self.index,
                figure,
                &claim.figures,
                &draft_context(),
                retold,
                (unit, elsewhere),
            )
            .map_or(found, |(unit, source)| FigureMatch::Mismatch {
                unit,
                figure: source,
            }),
            found => found,
        };
        if matches!(found, FigureMatch::Mismatch { .. } | FigureMatch::Missing)
            && (self.is_quarter(figure)
                || figures::ratio_of(self.index, self.tracer.rules.figures(), figure, retold))
        {
            // "Q2" where the source has "the second quarter" or "the three
            // months to June"; "30%" where it has "three in ten".
            return Checked::Nothing;
        }
        // A year the retold sentence gives as "next year", counted from
        // the day the source was written.
        if figure.kind == FigureKind::Year
            && matches!(found, FigureMatch::Missing | FigureMatch::Mismatch { .. })
            && let Some((unit, implied, anchor)) = self.deictic_year(retold, figure)
        {
            let how = format!(
                "{} counted from {anchor}",
                self.source_text(Place::whole(unit, implied.span))
            );
            return Checked::Held(self.evidence(unit, implied.span, Some(how)));
        }
        // A year the retold sentence gives as "the following year" after
        // one it names.
        if figure.kind == FigureKind::Year
            && matches!(found, FigureMatch::Missing | FigureMatch::Mismatch { .. })
            && let Some((unit, implied, anchor)) = self.relative_year(retold)
        {
            if figures::same_figure(figure, &implied) {
                let how = format!(
                    "{} after {anchor}",
                    self.source_text(Place::whole(unit, implied.span))
                );
                return Checked::Held(self.evidence(unit, implied.span, Some(how)));
            }
            let evidence = self.evidence(unit, implied.span, None);
            let violation = FigureMismatch {
                draft: figure,
                source: &implied,
            };
            return Checked::Found(
                self.finding(&violation, figure.span)
                    .with_evidence(evidence),
            );
        }
        // A measure in digits ("280 miles") of a thing the sources never
        // speak of is not a different count of what the retold sentence
        // counts ("at least one case"), nor is a span of time ("over a
        // decade") a different frequency ("annual"): no source gives it.
        let found = match found {
            FigureMatch::Mismatch { figure: source, .. }
                if !figures::comparable(figure, source)
                    && (self.measures_something_new(figure)
                        || figure.kind == FigureKind::Duration) =>
            {
                FigureMatch::Missing
            }
            found => found,
        };
        let weak = match &found {
            // A bare number ("3", "26") that differs from a bare number of
            // the retold sentence may count something else there; a year,
            // a date, a duration or a count of named things is compared.
            FigureMatch::Mismatch { figure: source, .. } => {
                !figures::comparable(figure, source)
                    || (figure.kind == FigureKind::Count
                        && figure.unit.is_none()
                        && self.written_in_sources(figure))
            }
            FigureMatch::Missing => self.written_in_sources(figure),
            _ => false,
        };
        if weak {
            // The sources write this number, and nothing says it is the
            // same thing counted differently: no finding, no evidence.
            return Checked::Nothing;
        }
        match found {
            FigureMatch::Same {
                unit,
                figure: source,
            } => Checked::Held(self.evidence(unit, source.span, None)),
            FigureMatch::Derived { unit, how } => {
                Checked::Held(self.evidence(unit, self.index.units[unit].span, Some(how)))
            }
            FigureMatch::Mismatch {
                unit,
                figure: source,
            } => {
                let evidence = self.evidence(unit, source.span, None);
                let violation = FigureMismatch {
                    draft: figure,
                    source,
                };
                Checked::Found(
                    self.finding(&violation, figure.span)
                        .with_evidence(evidence),
                )
            }
            FigureMatch::Missing => {
                // The words around it may still say which source figure it
                // changed.
                let context = draft_context();
                let counterpart =
                    figures::opposite_qualifier(self.index, self.tracer.rules.figures(), figure)
                        .or_else(|| {
                            figures::context_counterpart(
                                self.index,
                                figure,
                                &claim.figures,
                                &context,
                            )
                        });
                if let Some((unit, source)) = counterpart {
                    let evidence = self.evidence(unit, source.span, None);
                    let violation = FigureMismatch {
                        draft: figure,
                        source,
                    };
                    return Checked::Found(
                        self.finding(&violation, figure.span)
                            .with_evidence(evidence),
                    );
                }
                let violation = UnsourcedFigure {
                    figure: &figure.text,
                };
                Checked::Found(self.finding(&violation, figure.span))
            }
        }
    }

    /// The first retold sentence that dates something by a phrase such as
    /// "the following year" (`relative_years` in the figure rules),
    /// counted from the last year it names before the phrase: the unit,
    /// the phrase read as a year (2013, at the phrase), and the figure it
    /// counts from.
    fn relative_year(&self, retold: &[usize]) -> Option<(usize, claims::Figure, String)> {
        let phrases = &self.tracer.rules.figures().relative_years;
        retold.iter().find_map(|&unit| {
            let at = &self.index.units[unit];
            let claim = &self.index.sources[at.source()].claims.claims[at.claim()];
            // ASCII lower case keeps the byte offsets of the text.
            let lower = claim.text.to_ascii_lowercase();
            phrases.iter().find_map(|(phrase, later)| {
                let start = find_words(&lower, phrase)?;
                let from = claim.span.start + start;
                let anchor = claim
                    .figures
                    .iter()
                    .filter(|f| f.span.end <= from)
                    .filter_map(|f| year_of(f).map(|year| (f, year)))
                    .next_back()?;
                let implied = implied_year(from, phrase, anchor.1 + later, anchor.0);
                Some((unit, implied, anchor.0.text.to_string()))
            })
        })
    }

    /// The first retold sentence that gives `figure` (a year) as "next
    /// year", "last year" or "this year" (`deictic_years` in the figure
    /// rules) counted from the day its source was written: the year of a
    /// date the sentence gives, else of the first full date among the
    /// source's first [`DATELINE_CLAIMS`] sentences (its dateline). The
    /// unit, the phrase read as that year, and the date it counts from.
    fn deictic_year(
        &self,
        retold: &[usize],
        figure: &claims::Figure,
    ) -> Option<(usize, claims::Figure, String)> {
        let phrases = &self.tracer.rules.figures().deictic_years;
        let wanted = year_of(figure)?;
        let full_date = |f: &&claims::Figure| f.kind == FigureKind::Date && year_of(f).is_some();
        retold.iter().find_map(|&unit| {
            let at = &self.index.units[unit];
            let claims = &self.index.sources[at.source()].claims.claims;
            let claim = &claims[at.claim()];
            let lower = claim.text.to_ascii_lowercase();
            let (start, phrase, later) = phrases
                .iter()
                .find_map(|(phrase, later)| Some((find_words(&lower, phrase)?, phrase, later)))?;
            let dated = claim.figures.iter().find(full_date).or_else(|| {
                claims
                    .iter()
                    .take(DATELINE_CLAIMS)
                    .find_map(|c| c.figures.iter().find(full_date))
            })?;
            let year = year_of(dated)? + later;
            if year != wanted {
                return None;
            }
            let implied = implied_year(claim.span.start + start, phrase, year, dated);
            Some((unit, implied, dated.text.to_string()))
        })
    }

    /// Whether a figure is the number of a quarter written `Q2`, and the
    /// sources speak of quarters (or three-month periods) at all.
    fn is_quarter(&self, figure: &claims::Figure) -> bool {
        let text = &self.draft.text;
        let start = figure.span.start;
        let before = text[..start].chars().next_back();
        let written_q = matches!(before, Some('Q' | 'q'))
            && text[..start - 1]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
            && matches!(text[start..figure.span.end].trim(), "1" | "2" | "3" | "4");
        written_q
            && self
                .tracer
                .lexicon
                .tokens("quarter", 0)
                .first()
                .is_some_and(|t| self.index.knows(t.key))
    }

    /// Whether a figure in digits measures in a unit no source uses a
    /// word of ("280 miles" where the sources never say "miles").
    fn measures_something_new(&self, figure: &claims::Figure) -> bool {
        let Some(unit) = figure.unit.as_deref() else {
            return false;
        };
        figure.text.chars().any(|c| c.is_ascii_digit())
            && self
                .tracer
                .lexicon
                .tokens(unit, 0)
                .iter()
                .all(|t| !self.index.knows(t.key) && !self.index.knows(t.stem))
    }

    /// Whether a count, date, year, duration or ordinal is written in the
    /// sources word for word ("44" in "Patel, 44," for "a 44-year-old"):
    /// then it is not unsourced, whatever kind the reader gave it. Money,
    /// percentages and fractions are never waved through this way.
    fn written_in_sources(&self, figure: &claims::Figure) -> bool {
        if matches!(
            figure.kind,
            FigureKind::Money | FigureKind::Percent | FigureKind::Fraction
        ) {
            return false;
        }
        let tokens = self
            .tracer
            .lexicon
            .tokens(&figure.text.replace(['-', '‐', '‑'], " "), 0);
        let numbers: Vec<_> = tokens.iter().filter(|t| t.numeric).collect();
        // A count in words ("two no votes") whose number the sources write
        // in digits ("7-2") is written there too.
        if numbers.is_empty()
            && figure.kind == FigureKind::Count
            && let FigureValue::Number(n) = figure.value
            && n.fract() == 0.0
            && (0.0..1e6).contains(&n)
        {
            let digits = self.tracer.lexicon.tokens(&format!("{n}"), 0);
            return !digits.is_empty() && digits.iter().all(|t| self.index.knows(t.key));
        }
        if numbers.is_empty() {
            // A figure in words ("weekly" where the source has "every
            // week", "the fourth quarter" where it has "fourth-quarter",
            // "in November" where it has "the November ballot"): every
            // word of it is the sources'.
            return matches!(
                figure.kind,
                FigureKind::Duration | FigureKind::Ordinal | FigureKind::Date
            ) && tokens
                .iter()
                .all(|t| t.function || self.index.knows(t.key) || self.index.knows(t.stem));
        }
        numbers
            .iter()
            .all(|t| self.index.knows(t.key) || self.index.knows(t.stem))
    }
}

/// A phrase of a source (at byte `from`) read as the year it names, a
/// figure said by whoever said `anchor`, the figure it counts from.
fn implied_year(from: usize, phrase: &str, year: i64, anchor: &claims::Figure) -> claims::Figure {
    claims::Figure {
        span: crate::span::Span::new(from, from + phrase.len()),
        text: year.to_string().into(),
        kind: FigureKind::Year,
        value: FigureValue::Number(year as f64),
        unit: None,
        qualifier: None,
        speaker: anchor.speaker.clone(),
    }
}

/// The year a year or date figure names.
fn year_of(figure: &claims::Figure) -> Option<i64> {
    match (&figure.kind, &figure.value) {
        (FigureKind::Year, FigureValue::Number(year)) => Some(*year as i64),
        (FigureKind::Date, FigureValue::Date(date)) => date.get(..4)?.parse().ok(),
        _ => None,
    }
}

/// How many opening sentences of a source may hold its dateline: the day
/// it was written, from which its "next year" counts.
const DATELINE_CLAIMS: usize = 3;

/// Where `phrase` (lower case) stands in `lower` as whole words.
fn find_words(lower: &str, phrase: &str) -> Option<usize> {
    lower.match_indices(phrase).map(|(at, _)| at).find(|&at| {
        let before = lower[..at].chars().next_back();
        let after = lower[at + phrase.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}
