//! The rules for reading figures (`rules/en/figures.toml`): number words,
//! scales, fractions, ordinals, currencies, percentages, units of time,
//! qualifiers and calendar words. Every table is keyed in lower case.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

use super::RuleText;
use super::phrases::PhraseSet;
use crate::error::Result;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FiguresFile {
    numbers: BTreeMap<String, f64>,
    articles: Words,
    scales: BTreeMap<String, f64>,
    fractions: BTreeMap<String, f64>,
    ordinals: BTreeMap<String, f64>,
    currencies: Currencies,
    percent: Words,
    durations: BTreeMap<String, DurationUnit>,
    frequencies: BTreeMap<String, (String, f64)>,
    qualifiers: BTreeMap<String, String>,
    #[serde(default)]
    qualifiers_after: BTreeMap<String, String>,
    qualifier_sides: BTreeMap<String, QualifierSide>,
    #[serde(default)]
    qualifier_reach: BTreeMap<String, f64>,
    dates: Dates,
    #[serde(default)]
    clock: Clock,
    counts: Counts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Clock {
    /// Written half of the day ("a.m") to its canonical form ("am" or
    /// "pm").
    #[serde(default)]
    meridiems: BTreeMap<String, String>,
    /// Words after an hour that make it a time ("o'clock").
    #[serde(default)]
    on_the_hour: Vec<String>,
}

/// A unit of time: its singular ("year"), or a span of another unit
/// ("decade" is `{ unit = "year", times = 10 }`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum DurationUnit {
    Unit(String),
    Span { unit: String, times: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Currencies {
    before: BTreeMap<String, String>,
    after: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dates {
    months: Vec<Vec<String>>,
    weekdays: Vec<String>,
    years: (i64, i64),
    month_openers: Vec<String>,
    #[serde(default)]
    relative_years: BTreeMap<String, i64>,
    #[serde(default)]
    deictic_years: BTreeMap<String, i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Counts {
    multiples: Vec<String>,
    not_counted: Vec<String>,
}

/// Which side of its number a qualifier puts the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QualifierSide {
    /// "more than", "at least".
    Above,
    /// "up to", "nearly", "less than".
    Below,
}

/// The compiled figure rules.
#[derive(Debug, Clone)]
pub struct FigureRules {
    pub numbers: HashMap<String, f64>,
    pub articles: HashSet<String>,
    pub scales: HashMap<String, f64>,
    pub fractions: HashMap<String, f64>,
    pub ordinals: HashMap<String, f64>,
    /// Symbols and codes before an amount, as written (case matters: "Rs"
    /// but not "rs"), to ISO codes.
    pub currencies_before: HashMap<String, String>,
    /// Currency names after an amount, lower case, to ISO codes.
    pub currencies_after: HashMap<String, String>,
    /// Longest currency name after an amount, in words.
    pub currency_after_words: usize,
    pub percent_words: Vec<String>,
    /// Unit of time to its singular, or to the unit it is a span of
    /// ("decade" to "year").
    pub durations: HashMap<String, String>,
    /// How many of its unit a span of time is ("decade": 10 years).
    pub duration_spans: HashMap<String, f64>,
    pub frequencies: HashMap<String, (String, f64)>,
    /// Qualifier phrase to its canonical form.
    pub qualifiers: HashMap<String, String>,
    /// Longest qualifier, in words.
    pub qualifier_words: usize,
    /// Qualifier phrase after a figure ("or more") to the canonical form
    /// of the one before it that says the same ("at least").
    pub qualifiers_after: HashMap<String, String>,
    /// Longest qualifier after a figure, in words.
    pub qualifier_after_words: usize,
    /// The side of its number each canonical qualifier that bounds it
    /// puts the value.
    pub qualifier_sides: HashMap<String, QualifierSide>,
    /// How far from its number (a share of it) each canonical qualifier
    /// may put an exact value.
    pub qualifier_reach: HashMap<String, f64>,
    /// Month name or abbreviation to its number, 1 to 12.
    pub months: HashMap<String, u32>,
    pub weekdays: HashSet<String>,
    /// Words before a month name that make it a date ("in March", "since
    /// June").
    pub month_openers: HashSet<String>,
    pub years: (i64, i64),
    /// Phrases that date something by the year named before them ("the
    /// following year"), lower case, with how many years later they mean.
    pub relative_years: Vec<(String, i64)>,
    /// Phrases that date something from the day the source was written
    /// ("next year"), lower case, with how many years after that day's
    /// year they mean.
    pub deictic_years: Vec<(String, i64)>,
    /// The half of the day written after a time ("a.m", "pm"), without its
    /// last full stop, lower case, to "am" or "pm".
    pub meridiems: HashMap<String, String>,
    /// Words after an hour that make it a time ("o'clock"), lower case.
    pub on_the_hour: HashSet<String>,
    pub not_counted: HashSet<String>,
    /// Units of a count that make it a multiple of another figure.
    pub multiples: HashSet<String>,
    /// Every lower-case word that can open a figure: number words,
    /// articles, currency codes, calendar words, frequencies, fractions
    /// and ordinals. A word outside it is passed over with one lookup.
    pub openers: HashSet<String>,
    /// Every word that can take part in a figure written without digits
    /// or currency symbols ("a third", "in a month", "Tuesday"). A sentence
    /// with none of them, no digit and no currency symbol has no figure,
    /// and is passed over after one automaton scan.
    pub triggers: PhraseSet<()>,
}

impl FigureRules {
    /// Whether two canonical qualifiers bound their numbers from opposite
    /// sides ("more than" and "nearly").
    /// Whether `qualifier` before `bound` ("more than 200") holds of the
    /// exact `value` (214): on its side of the bound and within its reach.
    pub fn bounds(&self, qualifier: &str, bound: f64, value: f64) -> bool {
        let Some(&reach) = self.qualifier_reach.get(qualifier) else {
            return false;
        };
        let room = reach * bound.abs();
        match self.qualifier_sides.get(qualifier) {
            // The bound itself is allowed on either side: "at least 200"
            // and "up to 200" hold of 200, and a draft is not faulted for
            // "more than" where "at least" was meant.
            Some(QualifierSide::Above) => value >= bound && value <= bound + room,
            Some(QualifierSide::Below) => value <= bound && value >= bound - room,
            None => (value - bound).abs() <= room,
        }
    }

    pub fn opposite_sides(&self, a: Option<&str>, b: Option<&str>) -> bool {
        let side = |q: Option<&str>| q.and_then(|q| self.qualifier_sides.get(q));
        matches!(
            (side(a), side(b)),
            (Some(x), Some(y)) if x != y
        )
    }

    pub(super) fn new(file: &RuleText) -> Result<FigureRules> {
        let spec: FiguresFile = file.toml()?;
        let lower_map = |map: BTreeMap<String, f64>| -> HashMap<String, f64> {
            map.into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect()
        };
        let lower_set = |list: Vec<String>| -> HashSet<String> {
            list.into_iter().map(|w| w.to_lowercase()).collect()
        };
        let word_count = |phrase: &String| phrase.split_whitespace().count();
        let mut months = HashMap::default();
        for (index, names) in spec.dates.months.iter().enumerate() {
            for name in names {
                months.insert(name.to_lowercase(), index as u32 + 1);
            }
        }
        if spec.dates.months.len() != 12 {
            let line = file.text.find("months").map_or(1, |at| file.line_of(at));
            return Err(file.error(
                line,
                format!("expected 12 months, found {}", spec.dates.months.len()),
            ));
        }
        let qualifiers: HashMap<String, String> = spec
            .qualifiers
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        let qualifiers_after: HashMap<String, String> = spec
            .qualifiers_after
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        if let Some((phrase, canonical)) = qualifiers_after
            .iter()
            .find(|(_, canonical)| !qualifiers.values().any(|v| v == *canonical))
        {
            let line = file
                .text
                .find("qualifiers_after")
                .map_or(1, |at| file.line_of(at));
            return Err(file.error(
                line,
                format!(
                    "`{phrase}` compares as `{canonical}`, which no qualifier before a figure is"
                ),
            ));
        }
        let currencies_after: HashMap<String, String> = spec
            .currencies
            .after
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        let numbers = lower_map(spec.numbers);
        let articles = lower_set(spec.articles.words);
        let fractions = lower_map(spec.fractions);
        let ordinals = lower_map(spec.ordinals);
        let frequencies: HashMap<String, (String, f64)> = spec
            .frequencies
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        let weekdays = lower_set(spec.dates.weekdays);
        let currencies_before: HashMap<String, String> =
            spec.currencies.before.into_iter().collect();
        let openers: HashSet<String> = numbers
            .keys()
            .chain(&articles)
            .chain(fractions.keys())
            .chain(ordinals.keys())
            .chain(frequencies.keys())
            .chain(&weekdays)
            .chain(months.keys())
            .cloned()
            .chain(currencies_before.keys().map(|k| k.to_lowercase()))
            .collect();
        let mut durations: HashMap<String, String> = HashMap::default();
        let mut duration_spans: HashMap<String, f64> = HashMap::default();
        for (word, unit) in spec.durations {
            let word = word.to_lowercase();
            match unit {
                DurationUnit::Unit(unit) => {
                    durations.insert(word, unit);
                }
                DurationUnit::Span { unit, times } => {
                    duration_spans.insert(word.clone(), times);
                    durations.insert(word, unit);
                }
            }
        }
        let scales = lower_map(spec.scales);
        let percent_words: Vec<String> = spec
            .percent
            .words
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect();
        let triggers = PhraseSet::new(
            openers
                .iter()
                .filter(|w| !articles.contains(*w))
                .chain(durations.keys())
                .chain(scales.keys().filter(|k| k.len() > 1))
                .chain(currencies_after.keys())
                .chain(&percent_words)
                .map(|w| (w.clone(), ())),
        );
        Ok(FigureRules {
            triggers,
            openers,
            numbers,
            articles,
            scales,
            fractions,
            ordinals,
            currencies_before,
            currency_after_words: currencies_after.keys().map(word_count).max().unwrap_or(1),
            currencies_after,
            percent_words,
            durations,
            duration_spans,
            frequencies,
            qualifier_words: qualifiers.keys().map(word_count).max().unwrap_or(1),
            qualifiers,
            qualifier_after_words: qualifiers_after.keys().map(word_count).max().unwrap_or(1),
            qualifiers_after,
            qualifier_sides: spec
                .qualifier_sides
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            qualifier_reach: spec
                .qualifier_reach
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            months,
            weekdays,
            month_openers: lower_set(spec.dates.month_openers),
            years: spec.dates.years,
            relative_years: spec
                .dates
                .relative_years
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            deictic_years: spec
                .dates
                .deictic_years
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            meridiems: spec
                .clock
                .meridiems
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            on_the_hour: lower_set(spec.clock.on_the_hour),
            not_counted: lower_set(spec.counts.not_counted),
            multiples: lower_set(spec.counts.multiples),
        })
    }
}
