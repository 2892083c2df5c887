//! Finding the source counterpart of a draft's figure.
//!
//! Figures compare in their normalised form (kind, value, unit, qualifier),
//! so every spelling of one figure is the same figure. In order:
//!
//! 1. **the same figure** in the source sentence the draft sentence
//!    retells, else anywhere in the sources;
//! 2. **derived**: the product, quotient, sum or difference of two figures
//!    of one source ("a third of the €150 billion" gives €50 billion);
//! 3. **a mismatch**: a figure of the same kind in the source sentence the
//!    draft sentence retells, that differs in value, unit or qualifier;
//! 4. otherwise the figure has no source.

use super::index::SourceIndex;
use super::lexicon::KeyedWord;
use super::normalize::Word;
use crate::claims::Figure;
use crate::claims::figures::{FigureKind, FigureValue};
use crate::rules::FigureRules;
use crate::span::Span;

/// How many retold-sentence candidates are considered.
const SENTENCE_CANDIDATES: usize = 5;

/// The least share of a draft sentence's content words a source sentence
/// must share to be the one it retells.
const MIN_RETELLING: f64 = 0.3;

/// The most figures of one source tried pairwise for a derivation.
const MAX_DERIVATION_FIGURES: usize = 200;

/// What the sources say of a draft figure.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureMatch<'i> {
    /// The same figure, in `unit`.
    Same {
        unit: usize,
        figure: &'i Figure,
    },
    /// Derived from figures of one source; `how` says how.
    Derived {
        unit: usize,
        how: String,
    },
    /// A figure of the same kind in the retold sentence, differing.
    Mismatch {
        unit: usize,
        figure: &'i Figure,
    },
    Missing,
}

/// The source sentences a draft sentence (its normalised `words`) retells,
/// best first.
pub fn retold(index: &SourceIndex<'_>, words: &[Word]) -> Vec<usize> {
    retold_among(index, words, SENTENCE_CANDIDATES)
}

/// [`retold`], among the `limit` source sentences sharing most words with
/// the draft sentence.
pub fn retold_among(index: &SourceIndex<'_>, words: &[Word], limit: usize) -> Vec<usize> {
    let content = words
        .iter()
        .filter(|w| index.is_content_word(&w.text))
        .count()
        .max(1);
    let needed = ((content as f64 * MIN_RETELLING).ceil() as usize).max(2);
    index
        .word_candidates(words, false, limit)
        .into_iter()
        .filter(|&(_, shared)| shared >= needed)
        .map(|(unit, _)| unit)
        .collect()
}

/// Looks up `figure` of a draft sentence that retells `retold`; `others`
/// are the sentence's other figures, whose own counterparts it cannot
/// have ("more than 200 of its 1,100 staffers" against a source's "more
/// than 200 staffers": 1,100 is not a changed 200).
pub fn find<'i>(
    index: &'i SourceIndex<'_>,
    rules: &FigureRules,
    figure: &Figure,
    others: &[Figure],
    retold: &[usize],
) -> FigureMatch<'i> {
    for &unit in retold {
        if let Some(same) = index
            .figures_of(unit)
            .iter()
            .find(|f| same_figure(figure, f))
        {
            return FigureMatch::Same { unit, figure: same };
        }
    }
    if let Some((unit, same)) = index
        .figures_valued_as(figure)
        .find(|(_, f)| same_figure(figure, f))
    {
        return FigureMatch::Same { unit, figure: same };
    }
    if let Some((unit, how)) = derived(index, rules, figure, retold) {
        return FigureMatch::Derived { unit, how };
    }
    if let Some((unit, how)) = bounded(index, rules, figure, retold) {
        return FigureMatch::Derived { unit, how };
    }
    for &unit in retold {
        let counterparts: Vec<&Figure> = index
            .figures_of(unit)
            .iter()
            .filter(|f| {
                (f.kind == figure.kind || same_time_unit(f, figure)) && !is_taken(f, figure, others)
            })
            .collect();
        let best = counterparts
            .iter()
            .find(|f| f.unit == figure.unit && same_form(f, figure))
            .or_else(|| counterparts.iter().find(|f| f.unit == figure.unit))
            .or_else(|| counterparts.first());
        if let Some(best) = best {
            return FigureMatch::Mismatch { unit, figure: best };
        }
    }
    FigureMatch::Missing
}

/// An exact figure of a retold sentence that the draft's qualified figure
/// bounds ("more than 200 reefs" for "214 reefs"; see `qualifier_reach` in
/// the figure rules): the unit and how the two agree.
fn bounded(
    index: &SourceIndex<'_>,
    rules: &FigureRules,
    figure: &Figure,
    retold: &[usize],
) -> Option<(usize, String)> {
    let (Some(qualifier), FigureValue::Number(bound)) =
        (figure.qualifier.as_deref(), &figure.value)
    else {
        return None;
    };
    retold.iter().find_map(|&unit| {
        index.figures_of(unit).iter().find_map(|source| {
            let FigureValue::Number(value) = source.value else {
                return None;
            };
            (source.kind == figure.kind
                && source.qualifier.is_none()
                && unit_key(source) == unit_key(figure)
                && rules.bounds(qualifier, *bound, value))
            .then(|| {
                (
                    unit,
                    format!("{} is {qualifier} {}", source.text, figure.text),
                )
            })
        })
    })
}

/// Whether another of the draft sentence's figures (not `figure` itself)
/// says what `source` says.
fn is_taken(source: &Figure, figure: &Figure, others: &[Figure]) -> bool {
    others
        .iter()
        .any(|other| other.span != figure.span && same_figure(other, source))
}

/// A source figure of the same kind, unit and number as `figure` whose
/// qualifier bounds it from the other side: the draft's "more than 30%"
/// where a source has "nearly 30%".
pub fn opposite_qualifier<'i>(
    index: &'i SourceIndex<'_>,
    rules: &FigureRules,
    figure: &Figure,
) -> Option<(usize, &'i Figure)> {
    index.figures_valued_as(figure).find(|(_, source)| {
        source.kind == figure.kind
            && unit_key(source) == unit_key(figure)
            && rules.opposite_sides(figure.qualifier.as_deref(), source.qualifier.as_deref())
    })
}

/// A figure's unit as compared: lower case ("USD", "years").
fn unit_key(figure: &Figure) -> Option<String> {
    figure.unit.as_deref().map(str::to_lowercase)
}

/// How many content words on each side of a figure are its context.
const CONTEXT_WORDS: usize = 4;

/// The least number of context words a draft figure and a source figure
/// must share to be the same thing measured.
const MIN_SHARED_CONTEXT: usize = 2;

/// How many source sentences sharing a draft figure's context are looked
/// at for its counterpart.
const CONTEXT_CANDIDATES: usize = 8;

/// How far from a figure, in tokens, its context is looked for: a figure
/// among other figures has no words of its own.
const CONTEXT_REACH: usize = 12;

/// The source figure that measures what an otherwise unsourced draft
/// figure measures, judged by the words around the two (`wanted`, from
/// [`context_of`]): of the same kind and unit, not said by another of the
/// draft sentence's figures, sharing at least [`MIN_SHARED_CONTEXT`] of
/// the content words on either side, and sharing more than any other
/// candidate. "Worth between $1.1 million and $2.5 million" against
/// "worth between $1.1 million and $2.25 million"; a draft sentence that
/// joins two source sentences retells neither closely enough for
/// [`retold`], but the words next to a figure still name what it measures.
pub fn context_counterpart<'i>(
    index: &'i SourceIndex<'_>,
    figure: &Figure,
    others: &[Figure],
    wanted: &[u64],
) -> Option<(usize, &'i Figure)> {
    if wanted.len() < MIN_SHARED_CONTEXT {
        return None;
    }
    let keys: Vec<(u64, f64)> = wanted.iter().map(|&k| (k, 1.0)).collect();
    let mut best: Option<(usize, usize, &Figure)> = None;
    let mut tied = false;
    for at in index.content_candidates(&keys, CONTEXT_CANDIDATES) {
        let unit = &index.units[at];
        let tokens = index.claim_tokens(unit.source(), unit.claim());
        for candidate in index.figures_of(at) {
            if candidate.kind != figure.kind
                || unit_key(candidate) != unit_key(figure)
                || !comparable(figure, candidate)
                || is_taken(candidate, figure, others)
            {
                continue;
            }
            let around = context_of(tokens, candidate.span);
            let shared = wanted.iter().filter(|k| around.contains(k)).count();
            if shared < MIN_SHARED_CONTEXT {
                continue;
            }
            match best {
                Some((most, _, first)) if shared == most => {
                    tied |= first.value != candidate.value;
                }
                Some((most, _, _)) if shared < most => {}
                _ => {
                    best = Some((shared, at, candidate));
                    tied = false;
                }
            }
        }
    }
    best.filter(|_| !tied).map(|(_, at, f)| (at, f))
}

/// The least content words around a figure that a draft figure's must
/// share to be read as a change of it, when a source gives the draft's
/// value elsewhere: half of the words either side looks at.
const CLOSE_CONTEXT: usize = CONTEXT_WORDS;

/// For a draft figure that a source gives only in a sentence the draft's
/// sentence does not retell (`elsewhere`, in unit `elsewhere_unit`), the
/// figure of a retold sentence that it changed: of the same kind, unit
/// and form, not said by another of the draft sentence's figures, whose
/// words around it (against `wanted`, from [`context_of`]) the draft's
/// share at least [`CLOSE_CONTEXT`] of, where they share fewer than
/// [`MIN_SHARED_CONTEXT`] with the other's. "Sentenced him to five years"
/// against "sentenced him to three years …; prosecutors had sought five
/// years": five is a figure of the sources, but not of the sentencing.
pub fn changed_in_retold<'i>(
    index: &'i SourceIndex<'_>,
    figure: &Figure,
    others: &[Figure],
    wanted: &[u64],
    retold: &[usize],
    (elsewhere_unit, elsewhere): (usize, &Figure),
) -> Option<(usize, &'i Figure)> {
    let shared_with = |unit: usize, candidate: &Figure| {
        let at = &index.units[unit];
        let around = context_of(index.claim_tokens(at.source(), at.claim()), candidate.span);
        wanted.iter().filter(|k| around.contains(k)).count()
    };
    // Words around the figure that the other sentence shares too say the
    // draft may well retell that one.
    let theirs = shared_with(elsewhere_unit, elsewhere);
    if theirs >= MIN_SHARED_CONTEXT {
        return None;
    }
    let mut best: Option<(usize, usize, &Figure)> = None;
    for &unit in retold {
        for candidate in index.figures_of(unit) {
            let same_thing = candidate.kind == figure.kind
                && unit_key(candidate) == unit_key(figure)
                && same_form(candidate, figure)
                && comparable(figure, candidate)
                && candidate.qualifier == figure.qualifier
                && !is_taken(candidate, figure, others);
            if !same_thing {
                continue;
            }
            let shared = shared_with(unit, candidate);
            if shared >= CLOSE_CONTEXT
                && shared > theirs
                && best.is_none_or(|(most, _, _)| shared > most)
            {
                best = Some((shared, unit, candidate));
            }
        }
    }
    best.map(|(_, unit, candidate)| (unit, candidate))
}

/// The keys of the [`CONTEXT_WORDS`] content words on each side of the
/// figure at `span`, among `tokens` (its sentence's, in order), looked for
/// within [`CONTEXT_REACH`] tokens.
pub fn context_of(tokens: &[KeyedWord], span: Span) -> Vec<u64> {
    let content = |t: &&KeyedWord| !t.function && !t.numeric;
    let first_after = tokens.partition_point(|t| t.span.start < span.end);
    let last_before = tokens.partition_point(|t| t.span.end <= span.start);
    let before = tokens[last_before.saturating_sub(CONTEXT_REACH)..last_before]
        .iter()
        .rev()
        .filter(content)
        .take(CONTEXT_WORDS);
    let after = tokens[first_after..]
        .iter()
        .take(CONTEXT_REACH)
        .filter(content)
        .take(CONTEXT_WORDS);
    before.chain(after).map(|t| t.key).collect()
}

/// Whether a draft figure says what a source figure says.
pub fn same_figure(draft: &Figure, source: &Figure) -> bool {
    if draft.kind != source.kind {
        return counts_the_same_time(draft, source);
    }
    // A qualifier the draft adds or changes is a different claim; one it
    // leaves out is a shorter form of the same.
    if draft.qualifier.is_some() && draft.qualifier != source.qualifier {
        return false;
    }
    if let (FigureKind::Time, FigureValue::Number(a), FigureValue::Number(b)) =
        (draft.kind, &draft.value, &source.value)
    {
        // "10:30" written without a half of the day is either half.
        let either_half = draft.unit.is_none() || source.unit.is_none();
        return close(*a, *b) || (either_half && close((a - b).abs(), 720.0));
    }
    let units_agree = match draft.kind {
        // "nine countries" and "nine nations" count the same things.
        FigureKind::Count => true,
        // "the third straight year" and "its third year": an ordinal
        // without its unit written is the same position.
        FigureKind::Ordinal if draft.unit.is_none() || source.unit.is_none() => true,
        _ => unit_key(draft) == unit_key(source),
    };
    units_agree
        && match (&draft.value, &source.value) {
            (FigureValue::Number(a), FigureValue::Number(b)) => close(*a, *b),
            (FigureValue::Date(a), FigureValue::Date(b)) => a == b,
            (FigureValue::Unknown, FigureValue::Unknown) => bare(&draft.text) == bare(&source.text),
            _ => false,
        }
}

/// Whether an ordinal of a unit of time and a duration of it give the
/// same point: "in the 58th minute" and "on 58 minutes", "on the third
/// day" and "after three days".
fn counts_the_same_time(a: &Figure, b: &Figure) -> bool {
    same_time_unit(a, b)
        && a.qualifier == b.qualifier
        && matches!((&a.value, &b.value), (FigureValue::Number(x), FigureValue::Number(y)) if close(*x, *y))
}

/// Whether one figure is an ordinal of a unit of time and the other a
/// duration in that unit: they count the same moments.
fn same_time_unit(a: &Figure, b: &Figure) -> bool {
    let ordinal_and_duration = matches!(
        (a.kind, b.kind),
        (FigureKind::Ordinal, FigureKind::Duration) | (FigureKind::Duration, FigureKind::Ordinal)
    );
    ordinal_and_duration && a.unit.is_some() && a.unit == b.unit
}

/// Whether a source figure found to differ from a draft figure is about
/// the same thing: counts only when they count the same things (or neither
/// says what), so that "26" (an age) is never read against "eight counts";
/// dates only when they are as precise (a month, a day, a weekday).
pub fn comparable(draft: &Figure, source: &Figure) -> bool {
    match draft.kind {
        // Counts only of the same things; dates only of the same
        // precision: "December" says nothing against "Friday" or "Aug. 30".
        // A tally ("216-146") only against a tally.
        FigureKind::Count => unit_key(draft) == unit_key(source) && same_form(draft, source),
        FigureKind::Date => unit_key(draft) == unit_key(source),
        // How often ("annual", one word) is not how long ("over a
        // decade").
        FigureKind::Duration => is_frequency(draft) == is_frequency(source),
        _ => true,
    }
}

/// Whether a duration is a frequency written as one word ("annual",
/// "weekly"): a span of time is written with its count ("a decade",
/// "five-year").
fn is_frequency(figure: &Figure) -> bool {
    !figure
        .text
        .contains(|c: char| c.is_whitespace() || c == '-' || c.is_ascii_digit())
}

/// Whether two figures' values are written the same way: both numbers,
/// both dates, or both read only as written (a tally such as "216-146").
fn same_form(a: &Figure, b: &Figure) -> bool {
    std::mem::discriminant(&a.value) == std::mem::discriminant(&b.value)
}

/// Whether a draft percentage is a ratio written in words in a source
/// sentence the draft sentence retells: 30% for "three in ten", 25% for
/// "one in four" (with "nearly", "about" or "almost" before either, within
/// five points).
pub fn ratio_of(
    index: &SourceIndex<'_>,
    rules: &crate::rules::FigureRules,
    figure: &Figure,
    retold: &[usize],
) -> bool {
    let (FigureKind::Percent, FigureValue::Number(percent)) = (figure.kind, &figure.value) else {
        return false;
    };
    let number = |word: &str| -> Option<f64> {
        let word = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        word.parse::<f64>()
            .ok()
            .or_else(|| rules.numbers.get(&word).copied())
    };
    retold.iter().any(|&unit| {
        let source = &index.sources[index.units[unit].source()].document;
        let words: Vec<&str> = source
            .slice(index.units[unit].span)
            .split_whitespace()
            .collect();
        words.windows(3).any(|w| {
            let (Some(part), Some(whole)) = (number(w[0]), number(w[2])) else {
                return false;
            };
            let rounded = w[1].eq_ignore_ascii_case("in") && whole > 0.0;
            rounded && (part / whole * 100.0 - percent).abs() <= RATIO_TOLERANCE
        })
    })
}

/// How far (in percentage points) a percentage may stand from a ratio in
/// words and still say it: "nearly one in four" for 24%.
const RATIO_TOLERANCE: f64 = 5.0;

/// Equal up to rounding.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether a figure is a multiple of another ("25 times", "threefold").
fn is_multiple(rules: &FigureRules, figure: &Figure) -> bool {
    figure.kind == FigureKind::Count
        && figure
            .unit
            .as_deref()
            .is_some_and(|unit| rules.multiples.contains(&unit.to_lowercase()))
}

/// Whether a multiple is the quotient of two other figures of its own
/// sentence that measure the same thing: "$5,000, roughly 25 times the
/// usual price of about $200" is arithmetic the draft shows, on figures
/// that are checked themselves.
pub fn multiple_of_others(rules: &FigureRules, figure: &Figure, others: &[Figure]) -> bool {
    let FigureValue::Number(target) = figure.value else {
        return false;
    };
    if !is_multiple(rules, figure) {
        return false;
    }
    let numbers: Vec<(&Figure, f64)> = others
        .iter()
        .filter(|other| other.span != figure.span && other.kind != FigureKind::Count)
        .filter_map(|other| match other.value {
            FigureValue::Number(value) if value > 0.0 => Some((other, value)),
            _ => None,
        })
        .collect();
    numbers.iter().enumerate().any(|(i, (a, x))| {
        numbers[i + 1..].iter().any(|(b, y)| {
            a.kind == b.kind && a.unit == b.unit && gives_multiple(figure, target, *x, *y)
        })
    })
}

/// Whether the quotient of `x` and `y` (the larger over the smaller) gives
/// the multiple `figure`, whose value is `target`.
fn gives_multiple(figure: &Figure, target: f64, x: f64, y: f64) -> bool {
    let (big, small) = if x >= y { (x, y) } else { (y, x) };
    small > 0.0 && roughly(big / small, target, figure.qualifier.is_some())
}

/// Whether a quotient `value` gives the multiple `target`: to the nearest
/// whole multiple, or within a tenth when the draft says it is
/// approximate ("roughly 25 times").
fn roughly(value: f64, target: f64, approximate: bool) -> bool {
    if approximate {
        (value - target).abs() <= 0.1 * target.abs()
    } else {
        (value - target).abs() < 0.5
    }
}

/// Lower-case letters and digits only: "Tuesday" and "tuesday," agree.
pub(super) fn bare(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A draft figure given by simple arithmetic on two figures of one source
/// the draft sentence retells.
fn derived(
    index: &SourceIndex<'_>,
    rules: &FigureRules,
    figure: &Figure,
    retold: &[usize],
) -> Option<(usize, String)> {
    let FigureValue::Number(target) = figure.value else {
        return None;
    };
    // "25 times the usual price": a multiple, the quotient of two figures
    // that measure the same thing.
    let multiple = is_multiple(rules, figure);
    // Every figure of the sources the draft sentence retells: "a third of
    // the outlay" may stand a sentence away from the outlay.
    let mut sources: Vec<usize> = retold.iter().map(|&u| index.units[u].source()).collect();
    sources.dedup();
    let candidates: Vec<(usize, &Figure)> = sources
        .iter()
        .flat_map(|&source| index.figures_of_source(source))
        .filter(|(_, f)| matches!(f.value, FigureValue::Number(_)))
        .take(MAX_DERIVATION_FIGURES)
        .collect();
    for (i, (unit, a)) in candidates.iter().enumerate() {
        for (b_unit, b) in candidates.iter().skip(i + 1) {
            if index.units[*unit].source() != index.units[*b_unit].source() {
                continue;
            }
            let (FigureValue::Number(x), FigureValue::Number(y)) = (&a.value, &b.value) else {
                continue;
            };
            let share = |f: &Figure, v: f64| match f.kind {
                FigureKind::Fraction => Some(v),
                FigureKind::Percent => Some(v / 100.0),
                _ => None,
            };
            let same_unit = a.unit == b.unit && a.unit == figure.unit;
            // Each reading is tried in turn: two percentages may be a share
            // of one another or two values whose difference the draft
            // gives ("rose nine points, from 18% to 27%").
            let share_of_b = || {
                share(a, *x)
                    .filter(|_| b.unit == figure.unit && b.kind == figure.kind)
                    .filter(|s| close(s * y, target))
                    .map(|_| format!("{} of {}", a.text, b.text))
            };
            let share_of_a = || {
                share(b, *y)
                    .filter(|_| a.unit == figure.unit && a.kind == figure.kind)
                    .filter(|s| close(s * x, target))
                    .map(|_| format!("{} of {}", b.text, a.text))
            };
            let quotient = || {
                (multiple
                    && a.kind == b.kind
                    && a.unit == b.unit
                    && gives_multiple(figure, target, *x, *y))
                .then(|| format!("{} divided by {}", a.text, b.text))
            };
            let sum_or_difference = || {
                if !(same_unit && a.kind == figure.kind && b.kind == figure.kind) {
                    None
                } else if close(x + y, target) {
                    Some(format!("{} + {}", a.text, b.text))
                } else if close((x - y).abs(), target) {
                    Some(format!("the difference of {} and {}", a.text, b.text))
                } else {
                    None
                }
            };
            let found = share_of_b()
                .or_else(share_of_a)
                .or_else(quotient)
                .or_else(sum_or_difference);
            if let Some(how) = found {
                return Some((*unit, how));
            }
        }
    }
    None
}

/// The one value the sources give a thing of the same kind and unit as
/// `figure` ("a three-term governor" for a draft's "two-term"; "more than
/// 40%" for its "more than 30%"), when they give exactly one: positive
/// evidence that the draft changed the figure, though no source sentence
/// was found that the draft's sentence retells. `None` when they give
/// none, or several.
pub fn only_counterpart<'i>(
    index: &'i SourceIndex<'_>,
    figure: &Figure,
) -> Option<(usize, &'i Figure)> {
    let unit = unit_key(figure)?;
    // Only where the unit names the thing measured: a span of time, or an
    // attributive count ("two-term"). A currency names no thing ("€40
    // billion" is not the cost of whatever else the sources price), and a
    // bare count counts what the draft chose to.
    let names_the_thing = match figure.kind {
        FigureKind::Duration => true,
        FigureKind::Count => figure.text.contains('-'),
        _ => false,
    };
    if !names_the_thing {
        return None;
    }
    let mut found: Option<(usize, &Figure)> = None;
    for source in 0..index.sources.len() {
        for (at, candidate) in index.figures_of_source(source) {
            // Written the same way too: "a 56-year" (of "56-year-old", an
            // age) is not the "15 years" something took.
            let same_thing = candidate.kind == figure.kind
                && unit_key(candidate).as_deref() == Some(unit.as_str())
                && comparable(figure, candidate)
                && candidate.text.contains('-') == figure.text.contains('-');
            if !same_thing {
                continue;
            }
            match found {
                Some((_, first)) if first.value != candidate.value => return None,
                Some(_) => {}
                None => found = Some((at, candidate)),
            }
        }
    }
    found
}
