//! Finding the figures of a sentence and normalising them, so that
//! differently written forms of one figure compare equal: `€150-billion`,
//! `€150 billion`, `150 billion euros` and `€150bn` are all money, value
//! 1.5e11, unit `EUR`.
//!
//! The sentence is cut into tokens by a small scanner (numbers with any
//! glued suffix, words, currency symbols, hyphens, other marks), then read
//! left to right. A figure starts at a currency before an amount, a number (in
//! digits or words, or "a"/"an" before a scale, fraction or unit of time),
//! or a word that is a figure by itself (`annual`, `Tuesday`, `half`). What
//! follows the number decides its kind:
//!
//! | after the number | kind | example |
//! |---|---|---|
//! | a scale, then a currency name, or a currency before it | money | `Rs 1.5 lakh crore`, `150bn euros` |
//! | `%`, `per cent` | percent | `40 per cent` |
//! | a fraction word | fraction | `a third`, `two-thirds` |
//! | a unit of time | duration | `five-year`, `in a month` |
//! | a month (and a year) | date | `5 March 2025` |
//! | `st`, `nd`, `rd`, `th` | ordinal | `21st` |
//! | nothing, for a four-digit number in the year range | year | `by 2030` |
//! | a noun | count, unit the noun in the singular | `nine countries`, `27-member bloc` |
//!
//! A qualifier directly before the figure (`up to`, `more than`, `over`) is
//! recorded in its canonical form from `rules/en/figures.toml`, so that "over"
//! and "more than" compare equal and "up to" does not. Numbers inside a
//! group's name ("the two sides") are how the group is named, not figures.

use serde::Serialize;
use std::borrow::Cow;

use crate::rules::FigureRules;
use crate::span::Span;

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Percent,
    Fraction,
    Count,
    Date,
    Year,
    Duration,
    Ordinal,
    Time,
}

/// A figure's normalised value: a number, an ISO date, or unknown.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureValue {
    Number(f64),
    Date(String),
    Unknown,
}

impl Serialize for FigureValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Whole numbers print without a fraction: 150000000000, not
            // 150000000000.0.
            FigureValue::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                serializer.serialize_i64(*n as i64)
            }
            FigureValue::Number(n) => serializer.serialize_f64(*n),
            FigureValue::Date(date) => serializer.serialize_str(date),
            FigureValue::Unknown => serializer.serialize_none(),
        }
    }
}

/// One figure, as found in a sentence. Offsets are into the sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundFigure {
    pub span: Span,
    pub kind: FigureKind,
    pub value: FigureValue,
    pub unit: Option<String>,
    pub qualifier: Option<String>,
}

/// What a [`FigureToken`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FigureTokenKind {
    /// Digits, possibly with separators and a decimal part.
    Number,
    /// Letters.
    Word,
    /// A currency symbol.
    Symbol,
    Percent,
    Hyphen,
    Slash,
    Other,
}

/// One token of a sentence as the figure reader cuts it: finer than the
/// attribution rules' words (`2.5bn` is a number and its suffix, `€` a
/// symbol of its own).
#[derive(Clone, Debug)]
struct FigureToken<'t> {
    start: usize,
    end: usize,
    kind: FigureTokenKind,
    /// The token without any glued suffix.
    text: &'t str,
    /// For numbers: letters glued after the digits (`bn` in `2.5bn`).
    suffix: &'t str,
    /// `text` in lower case; borrowed when it already is.
    lower: Cow<'t, str>,
}

/// Where the word starting at `at` ends: letters, and apostrophes between
/// letters (`India’s`). ASCII letters are stepped over byte by byte.
fn word_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        let byte = bytes[end];
        if byte.is_ascii_alphabetic() {
            end += 1;
            continue;
        }
        if byte.is_ascii() && byte != b'\'' {
            break;
        }
        let Some(c) = text[end..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        let inner_apostrophe = matches!(c, '\'' | '’')
            && end > at
            && text[end + width..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if !(c.is_alphabetic() || inner_apostrophe) {
            break;
        }
        end += width;
    }
    end
}

/// The longest word worth lower-casing for a rule lookup, in bytes.
const MAX_RULE_WORD: usize = 24;

/// Multi-character currency symbols, checked before single characters.
const DOLLAR_PREFIXES: &[&str] = &["US$", "A$", "C$", "HK$"];

/// Cuts `text` into tokens: a currency symbol, a number with separators and
/// any letters glued to it (`1,50,000`, `3.5`, `2.5bn`), a word with inner
/// apostrophes (`India’s`), or any other single character. A hand-written
/// scanner: this runs on every sentence, and a regex here cost a fifth of
/// the whole rule engine.
fn tokenize(text: &str) -> Vec<FigureToken<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        // Plain spaces are by far the commonest byte between tokens.
        if bytes[at] == b' ' {
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let rest = &text[at..];
        let (kind, end, main_end) =
            if let Some(symbol) = DOLLAR_PREFIXES.iter().find(|p| rest.starts_with(**p)) {
                (
                    FigureTokenKind::Symbol,
                    at + symbol.len(),
                    at + symbol.len(),
                )
            } else if c.is_ascii_digit() {
                let mut end = at;
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
                // Thousands separators and a decimal part, each followed by a
                // digit: "1,50,000", "3.5" (never the stop of "in 2030.").
                while end + 1 < bytes.len()
                    && matches!(bytes[end], b',' | b'.')
                    && bytes[end + 1].is_ascii_digit()
                {
                    end += 1;
                    while end < bytes.len() && bytes[end].is_ascii_digit() {
                        end += 1;
                    }
                }
                let digits_end = end;
                while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                    end += 1;
                }
                (FigureTokenKind::Number, end, digits_end)
            } else if c.is_alphabetic() {
                let end = word_end(text, at);
                (FigureTokenKind::Word, end, end)
            } else {
                let kind = match c {
                    '€' | '$' | '£' | '₹' | '¥' => FigureTokenKind::Symbol,
                    '%' => FigureTokenKind::Percent,
                    '-' | '‐' | '‑' => FigureTokenKind::Hyphen,
                    '/' => FigureTokenKind::Slash,
                    _ => FigureTokenKind::Other,
                };
                let end = at + c.len_utf8();
                (kind, end, end)
            };
        let main = &text[start..main_end];
        // No rule word is longer than this: longer words are never looked
        // up, so they need no lower-case copy.
        let lower = if main.len() <= MAX_RULE_WORD && main.chars().any(char::is_uppercase) {
            Cow::Owned(main.to_lowercase())
        } else {
            Cow::Borrowed(main)
        };
        tokens.push(FigureToken {
            start,
            end,
            kind,
            text: main,
            suffix: &text[main_end..end],
            lower,
        });
        at = end;
    }
    tokens
}

/// Reads the figures of one sentence.
pub fn find(text: &str, rules: &FigureRules) -> Vec<FoundFigure> {
    if !may_hold_figure(text, rules) {
        return Vec::new();
    }
    let tokens = tokenize(text);
    let reader = Reader {
        tokens: &tokens,
        rules,
    };
    let mut figures = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        if token.kind == FigureTokenKind::Word && !rules.openers.contains(&*token.lower) {
            at += 1;
            continue;
        }
        match reader.figure_at(at) {
            Some((mut figure, next)) => {
                on_the_hour(&mut figure, rules);
                figure.qualifier = reader
                    .qualifier_before(at, figure.kind)
                    .or_else(|| reader.qualifier_after(next));
                figures.push(figure);
                at = next.max(at + 1);
            }
            None => at += 1,
        }
    }
    figures
}

/// An hour counted in words before "o'clock" ("ten o'clock") read as the
/// time it is.
fn on_the_hour(figure: &mut FoundFigure, rules: &FigureRules) {
    let hour = match figure.value {
        FigureValue::Number(hour) => hour,
        _ => return,
    };
    let counts_hours = figure.kind == FigureKind::Count
        && figure
            .unit
            .as_deref()
            .is_some_and(|unit| rules.on_the_hour.contains(unit));
    if counts_hours && (1.0..=12.0).contains(&hour) && hour.fract() == 0.0 {
        figure.kind = FigureKind::Time;
        figure.value = FigureValue::Number(hour * 60.0);
        figure.unit = None;
    }
}

/// Whether `text` has a digit, a currency symbol or a word that figures are
/// written with. Many sentences of prose have none, and skip tokenizing.
fn may_hold_figure(text: &str, rules: &FigureRules) -> bool {
    text.bytes().any(|b| b.is_ascii_digit() || b == b'$')
        || text.contains(['€', '£', '₹', '¥'])
        || rules.triggers.find_iter(text).next().is_some()
}

struct Reader<'a, 't> {
    tokens: &'a [FigureToken<'t>],
    rules: &'a FigureRules,
}

/// A number read from one or more tokens.
struct Amount {
    value: f64,
    /// Whether it was written in digits.
    digits: bool,
    /// A bare four-digit number: maybe a year.
    year_like: bool,
    /// "a"/"an": one only before a scale, fraction or unit.
    article: bool,
    /// Glued letters after the digits.
    suffix: String,
    /// The token after the number.
    next: usize,
}

impl Reader<'_, '_> {
    fn token(&self, at: usize) -> Option<&FigureToken<'_>> {
        self.tokens.get(at)
    }

    fn lower(&self, at: usize) -> &str {
        self.tokens.get(at).map_or("", |t| &*t.lower)
    }

    /// The index after `at`, skipping one hyphen (`150-billion`,
    /// `five-year`).
    fn skip_hyphen(&self, at: usize) -> usize {
        match self.token(at) {
            Some(t) if t.kind == FigureTokenKind::Hyphen && self.adjacent(at - 1, at) => at + 1,
            _ => at,
        }
    }

    /// Whether tokens `a` and `b` touch (no space between).
    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.token(a), self.token(b)) {
            (Some(x), Some(y)) => x.end == y.start,
            _ => false,
        }
    }

    fn span(&self, from: usize, to_exclusive: usize) -> Span {
        let last = to_exclusive.saturating_sub(1).max(from);
        Span::new(self.tokens[from].start, self.tokens[last].end)
    }

    /// The figure starting at token `at`, and the token after it.
    fn figure_at(&self, at: usize) -> Option<(FoundFigure, usize)> {
        let token = self.token(at)?;
        if let Some(code) = self.currency_before(at) {
            let (code, amount_at) = code;
            let amount = self.amount(amount_at)?;
            let (scale, next) = self.scales(amount.next, &amount.suffix);
            let next = self.currency_after(next).map_or(next, |(_, n)| n);
            return Some((
                self.figure(
                    at,
                    next,
                    FigureKind::Money,
                    FigureValue::Number(amount.value * scale),
                    Some(code),
                ),
                next,
            ));
        }
        if let Some(found) = self.clock_time(at) {
            return Some(found);
        }
        if let Some(next) = self.tally(at) {
            return Some((
                self.figure(at, next, FigureKind::Count, FigureValue::Unknown, None),
                next,
            ));
        }
        if matches!(token.kind, FigureTokenKind::Number | FigureTokenKind::Word)
            && let Some(amount) = self.amount(at)
        {
            return self.after_amount(at, amount);
        }
        self.word_figure(at)
    }

    /// A time of day ("4 am", "4am", "4 a.m.", "9:45 pm", "4.30pm",
    /// "10:30", "10 o'clock"): one figure, its value the minutes after
    /// midnight and its unit the half of the day, when one is written. An
    /// hour alone is a time only with a half of the day or an "o'clock"
    /// after it, and hours and minutes split by a full stop only with a
    /// half of the day (else "4.30" is a decimal).
    fn clock_time(&self, at: usize) -> Option<(FoundFigure, usize)> {
        let rules = self.rules;
        let token = self.token(at)?;
        let all_digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        if token.kind != FigureTokenKind::Number {
            return None;
        }
        // The hour, the minutes, the token holding the last digits.
        let (hour, minutes, last) = match token.text.split_once('.') {
            Some((hour, minutes)) => (hour, Some(minutes), at),
            None => {
                let colon = self.token(at + 1).is_some_and(|t| t.text == ":")
                    && token.suffix.is_empty()
                    && self.adjacent(at, at + 1)
                    && self.adjacent(at + 1, at + 2)
                    && self
                        .token(at + 2)
                        .is_some_and(|t| t.kind == FigureTokenKind::Number);
                if colon {
                    (token.text, Some(self.tokens[at + 2].text), at + 2)
                } else {
                    (token.text, None, at)
                }
            }
        };
        let dotted = token.text.contains('.');
        let minutes = match minutes {
            Some(m) if m.len() == 2 && all_digits(m) => {
                m.parse::<u32>().ok().filter(|&m| m < 60)?
            }
            Some(_) => return None,
            None => 0,
        };
        if hour.len() > 2 || !all_digits(hour) {
            return None;
        }
        let hour: u32 = hour.parse().ok()?;
        // The half of the day: glued to the digits ("4am"), a word after
        // them ("4 pm"), or letters split by full stops ("4 a.m.").
        let suffix = self.tokens[last].suffix.to_ascii_lowercase();
        let mut next = last + 1;
        let mut meridiem = rules.meridiems.get(&suffix);
        if meridiem.is_none() && suffix.is_empty() {
            meridiem = rules.meridiems.get(self.lower(next));
            if meridiem.is_some() {
                next += 1;
            } else if self.lower(next + 1) == "."
                && self.adjacent(next, next + 1)
                && self.adjacent(next + 1, next + 2)
            {
                let dotted_word = format!("{}.{}", self.lower(next), self.lower(next + 2));
                meridiem = rules.meridiems.get(&dotted_word);
                if meridiem.is_some() {
                    next += 3;
                    if self.lower(next) == "." && self.adjacent(next - 1, next) {
                        next += 1;
                    }
                }
            }
        }
        let on_the_hour = meridiem.is_none()
            && self.tokens[last].suffix.is_empty()
            && rules.on_the_hour.contains(self.lower(next));
        if on_the_hour {
            next += 1;
        }
        let colon = last > at;
        let time = match meridiem {
            Some(_) => (1..=12).contains(&hour),
            None if on_the_hour => (1..=12).contains(&hour) && !colon,
            None => colon && !dotted && hour <= 24,
        };
        if !time {
            return None;
        }
        let hour = match meridiem.map(String::as_str) {
            Some("am") => hour % 12,
            Some(_) => hour % 12 + 12,
            None => hour,
        };
        let value = f64::from(hour * 60 + minutes);
        Some((
            self.figure(
                at,
                next,
                FigureKind::Time,
                FigureValue::Number(value),
                meridiem.cloned(),
            ),
            next,
        ))
    }

    /// A tally of two numbers joined by a hyphen or a dash, a record, a
    /// score or a vote ("a 216-146 record", "won 3-1", "passed 68-32"):
    /// one figure, compared as written, not two counts. Each side has one
    /// to three digits (so never a year range or an ISO date), and no
    /// number, symbol or unit of time or percentage joins it on either
    /// side ("5-10 years" is a range, "555-1234" a phone number).
    fn tally(&self, at: usize) -> Option<usize> {
        let small = |i: usize| {
            self.token(i).is_some_and(|t| {
                t.kind == FigureTokenKind::Number
                    && t.suffix.is_empty()
                    && t.text.len() <= 3
                    && t.text.bytes().all(|b| b.is_ascii_digit())
            })
        };
        let dash = |i: usize| {
            self.token(i)
                .is_some_and(|t| t.kind == FigureTokenKind::Hyphen || t.text == "–")
        };
        let joined = small(at)
            && dash(at + 1)
            && small(at + 2)
            && self.adjacent(at, at + 1)
            && self.adjacent(at + 1, at + 2);
        if !joined {
            return None;
        }
        let joined_before = at > 0
            && self.adjacent(at - 1, at)
            && self
                .token(at - 1)
                .is_some_and(|t| t.kind != FigureTokenKind::Other || t.text == "–");
        let next = at + 3;
        let joined_after = self.adjacent(at + 2, next)
            && self.token(next).is_some_and(|t| {
                matches!(
                    t.kind,
                    FigureTokenKind::Hyphen
                        | FigureTokenKind::Slash
                        | FigureTokenKind::Number
                        | FigureTokenKind::Percent
                ) || t.text == "–"
            });
        let measured = self.token(next).is_some_and(|t| {
            t.kind == FigureTokenKind::Percent
                || self.rules.durations.contains_key(&*t.lower)
                || self.rules.percent_words.iter().any(|w| *w == *t.lower)
                || self.rules.scales.contains_key(&*t.lower)
        });
        let money = at > 0
            && self
                .token(at - 1)
                .is_some_and(|t| t.kind == FigureTokenKind::Symbol);
        (!joined_before && !joined_after && !measured && !money).then_some(next)
    }

    /// A currency symbol or code before an amount, and where the amount
    /// starts.
    fn currency_before(&self, at: usize) -> Option<(String, usize)> {
        let token = self.token(at)?;
        let code = self.rules.currencies_before.get(token.text)?;
        let mut next = at + 1;
        // "Rs. 500": the stop after the abbreviation.
        if self.token(next).is_some_and(|t| t.text == ".") {
            next += 1;
        }
        let amount = self.token(next)?;
        (amount.kind == FigureTokenKind::Number || self.rules.numbers.contains_key(&*amount.lower))
            .then(|| (code.clone(), next))
    }

    /// A currency name after an amount (`euros`, `us dollars`).
    fn currency_after(&self, at: usize) -> Option<(String, usize)> {
        (1..=self.rules.currency_after_words)
            .rev()
            .find_map(|words| {
                let phrase: Vec<&str> = (at..at + words).map(|i| self.lower(i)).collect();
                if phrase.iter().any(|w| w.is_empty()) {
                    return None;
                }
                self.rules
                    .currencies_after
                    .get(&phrase.join(" "))
                    .map(|code| (code.clone(), at + words))
            })
    }

    /// Reads a number at `at`: digits, number words (`twenty-seven`,
    /// `one hundred and fifty`) or an article.
    fn amount(&self, at: usize) -> Option<Amount> {
        let token = self.token(at)?;
        if token.kind == FigureTokenKind::Number {
            let plain = token.text.replace(',', "");
            let value: f64 = plain.parse().ok()?;
            let year_like = token.text.len() == 4
                && !token.text.contains([',', '.'])
                && token.suffix.is_empty();
            return Some(Amount {
                value,
                digits: true,
                year_like,
                article: false,
                suffix: token.suffix.to_lowercase(),
                next: at + 1,
            });
        }
        if self.rules.articles.contains(&*token.lower) {
            return Some(Amount {
                value: 1.0,
                digits: false,
                year_like: false,
                article: true,
                suffix: String::new(),
                next: at + 1,
            });
        }
        let mut value = *self.rules.numbers.get(&*token.lower)?;
        let mut next = at + 1;
        // twenty-seven / twenty seven
        if (20.0..100.0).contains(&value) && value % 10.0 == 0.0 {
            let unit_at = self.skip_hyphen(next);
            if let Some(&unit) = self.rules.numbers.get(self.lower(unit_at))
                && (1.0..10.0).contains(&unit)
            {
                value += unit;
                next = unit_at + 1;
            }
        }
        // one hundred (and) fifty
        if self.lower(next) == "hundred" && value < 100.0 {
            value *= 100.0;
            next += 1;
            let rest_at = if self.lower(next) == "and" {
                next + 1
            } else {
                next
            };
            if let Some(rest) = self
                .amount(rest_at)
                .filter(|r| !r.digits && !r.article && r.value < 100.0)
            {
                value += rest.value;
                next = rest.next;
            }
        }
        Some(Amount {
            value,
            digits: false,
            year_like: false,
            article: false,
            suffix: String::new(),
            next,
        })
    }

    /// Scale words after an amount (`billion`, `lakh crore`) or glued to it
    /// (`bn`): their product, and the token after them.
    fn scales(&self, mut at: usize, suffix: &str) -> (f64, usize) {
        let mut scale = 1.0;
        if !suffix.is_empty()
            && let Some(s) = self.rules.scales.get(suffix)
        {
            scale *= s;
        }
        let hyphen = self.skip_hyphen(at);
        if self.rules.scales.contains_key(self.lower(hyphen)) && self.lower(hyphen).len() > 1 {
            at = hyphen;
        }
        while let Some(s) = self
            .rules
            .scales
            .get(self.lower(at))
            .filter(|_| self.lower(at).len() > 1)
        {
            scale *= s;
            at += 1;
        }
        (scale, at)
    }

    /// A singular unit of time at `at` (past one hyphen) that an ordinal
    /// before it counts ("the 58th minute", "a 23rd-minute header", "the
    /// third day"), and the token after it; else no unit, and `at`.
    fn unit_of_time(&self, at: usize) -> (Option<String>, usize) {
        let unit_at = self.skip_hyphen(at);
        match self.rules.durations.get(self.lower(unit_at)) {
            Some(unit)
                if *unit == *self.lower(unit_at)
                    && !self.rules.duration_spans.contains_key(self.lower(unit_at)) =>
            {
                (Some(unit.clone()), unit_at + 1)
            }
            _ => (None, at),
        }
    }

    /// What an amount at `at` is, from what follows it.
    fn after_amount(&self, at: usize, amount: Amount) -> Option<(FoundFigure, usize)> {
        let rules = self.rules;
        let suffix = amount.suffix.as_str();
        if matches!(suffix, "st" | "nd" | "rd" | "th") {
            let (unit, next) = self.unit_of_time(amount.next);
            return Some((
                self.figure(
                    at,
                    next,
                    FigureKind::Ordinal,
                    FigureValue::Number(amount.value),
                    unit,
                ),
                next,
            ));
        }
        if !suffix.is_empty() && !rules.scales.contains_key(suffix) && suffix != "pc" {
            return None; // 10am, 3D, v2: not a figure
        }
        let (scale, next) = self.scales(amount.next, suffix);
        let value = amount.value * scale;
        if let Some((code, end)) = self.currency_after(next) {
            return Some((
                self.figure(
                    at,
                    end,
                    FigureKind::Money,
                    FigureValue::Number(value),
                    Some(code),
                ),
                end,
            ));
        }
        if suffix == "pc" {
            return Some((
                self.figure(
                    at,
                    next,
                    FigureKind::Percent,
                    FigureValue::Number(value),
                    None,
                ),
                next,
            ));
        }
        if let Some(end) = self.percent_words(next) {
            return Some((
                self.figure(
                    at,
                    end,
                    FigureKind::Percent,
                    FigureValue::Number(value),
                    None,
                ),
                end,
            ));
        }
        let unit_at = self.skip_hyphen(next);
        if scale == 1.0 {
            if let Some(&fraction) = rules.fractions.get(self.lower(unit_at)) {
                // "a third", "two-thirds"; "1/3" below.
                if !amount.digits && amount.value <= 10.0 {
                    let end = unit_at + 1;
                    return Some((
                        self.figure(
                            at,
                            end,
                            FigureKind::Fraction,
                            FigureValue::Number(amount.value * fraction),
                            None,
                        ),
                        end,
                    ));
                }
            }
            if let Some(unit) = rules.durations.get(self.lower(unit_at)) {
                let end = unit_at + 1;
                // "a 56-year-old": an age, counted in years of life, never
                // a span of time something took.
                let after = self.skip_hyphen(end);
                if after != end && self.lower(after) == "old" {
                    return Some((
                        self.figure(
                            at,
                            after + 1,
                            FigureKind::Count,
                            FigureValue::Number(value),
                            Some(format!("{unit}-old")),
                        ),
                        after + 1,
                    ));
                }
                // "a decade" is ten years, "three decades" thirty.
                let times = rules
                    .duration_spans
                    .get(self.lower(unit_at))
                    .copied()
                    .unwrap_or(1.0);
                return Some((
                    self.figure(
                        at,
                        end,
                        FigureKind::Duration,
                        FigureValue::Number(value * times),
                        Some(unit.clone()),
                    ),
                    end,
                ));
            }
            if self
                .token(next)
                .is_some_and(|t| t.kind == FigureTokenKind::Slash)
                && self.adjacent(at, next)
                && let Some(denominator) = self
                    .token(next + 1)
                    .filter(|t| t.kind == FigureTokenKind::Number && self.adjacent(next, next + 1))
            {
                let d: f64 = denominator.text.replace(',', "").parse().ok()?;
                if d > 0.0 && amount.digits {
                    return Some((
                        self.figure(
                            at,
                            next + 2,
                            FigureKind::Fraction,
                            FigureValue::Number(amount.value / d),
                            None,
                        ),
                        next + 2,
                    ));
                }
            }
            if amount.digits
                && amount.value >= 1.0
                && amount.value <= 31.0
                && amount.value.fract() == 0.0
                && let Some((date, end)) = self.day_month(at, amount.value as u32)
            {
                return Some(date_figure(self, at, end, date));
            }
        }
        if amount.article {
            return None;
        }
        if amount.year_like && scale == 1.0 {
            let year = amount.value as i64;
            let (low, high) = rules.years;
            if (low..=high).contains(&year) && self.counted_noun(next, true).is_none() {
                return Some((
                    self.figure(
                        at,
                        next,
                        FigureKind::Year,
                        FigureValue::Number(amount.value),
                        None,
                    ),
                    next,
                ));
            }
        }
        // In a compound ("27-member bloc") the counted word is the one
        // joined by the hyphen.
        let compound = unit_at != next;
        if let Some((unit, end)) = self.counted_noun(unit_at, !compound) {
            // "one" before a word in -s is the pronoun before its verb
            // ("one gives 5-2, another 6-1"): one counts a singular.
            if !amount.digits
                && value == 1.0
                && end == unit_at + 1
                && self.token(unit_at).is_some_and(is_plural)
            {
                return None;
            }
            return Some((
                self.figure(
                    at,
                    end,
                    FigureKind::Count,
                    FigureValue::Number(value),
                    Some(unit),
                ),
                end,
            ));
        }
        if !amount.digits && scale == 1.0 {
            // "one of the pillars", "nine": a number word alone is rarely a
            // figure worth checking.
            return None;
        }
        Some((
            self.figure(
                at,
                next,
                FigureKind::Count,
                FigureValue::Number(value),
                None,
            ),
            next,
        ))
    }

    /// `per cent` and its kin after an amount: the token after them.
    fn percent_words(&self, at: usize) -> Option<usize> {
        if self
            .token(at)
            .is_some_and(|t| t.kind == FigureTokenKind::Percent)
        {
            return Some(at + 1);
        }
        self.rules.percent_words.iter().find_map(|phrase| {
            let words: Vec<&str> = phrase.split_whitespace().collect();
            let matches = words
                .iter()
                .enumerate()
                .all(|(i, w)| self.lower(at + i) == *w);
            matches.then_some(at + words.len())
        })
    }

    /// The noun an amount counts (`countries` → `country`), and the token
    /// after it. An adjective between is stepped over when a plural noun
    /// follows (`nine new countries`).
    fn counted_noun(&self, at: usize, look_past_adjective: bool) -> Option<(String, usize)> {
        let noun = |i: usize| {
            self.token(i).filter(|t| {
                t.kind == FigureTokenKind::Word
                    && t.text.chars().next().is_some_and(char::is_lowercase)
                    && !self.rules.not_counted.contains(&*t.lower)
                    && !self.rules.scales.contains_key(&*t.lower)
                    && !self.rules.durations.contains_key(&*t.lower)
                    && !self.rules.months.contains_key(&*t.lower)
            })
        };
        // "five Democratic presidential primaries": a capitalised
        // modifier before the plural noun counted.
        let capitalised_modifier = self.token(at).is_some_and(|t| {
            t.kind == FigureTokenKind::Word && t.text.chars().next().is_some_and(char::is_uppercase)
        });
        if look_past_adjective && capitalised_modifier && noun(at).is_none() {
            for ahead in 1..MAX_MODIFIERS {
                let capitalised = self.token(at + ahead).is_some_and(|t| {
                    t.kind == FigureTokenKind::Word
                        && t.text.chars().next().is_some_and(char::is_uppercase)
                });
                match noun(at + ahead) {
                    Some(word) if is_plural(word) => {
                        return Some((singular(&word.lower), at + ahead + 1));
                    }
                    Some(_) => continue,
                    None if capitalised => continue,
                    None => return None,
                }
            }
            return None;
        }
        let first = noun(at)?;
        if look_past_adjective && !is_plural(first) {
            // "nine new countries", "100 air defence missiles": the
            // counted noun is the first plural within a few words.
            for ahead in 1..MAX_MODIFIERS {
                match noun(at + ahead) {
                    Some(word) if is_plural(word) => {
                        return Some((singular(&word.lower), at + ahead + 1));
                    }
                    Some(_) => continue,
                    None => break,
                }
            }
        }
        // "one knowing the town": a participle, not a thing counted.
        if !is_plural(first) && first.lower.ends_with("ing") {
            return None;
        }
        Some((singular(&first.lower), at + 1))
    }

    /// `5 March 2025` / `5 March`: an ISO date if the year is known.
    fn day_month(&self, at: usize, day: u32) -> Option<(Option<String>, usize)> {
        let month = self.month_at(at + 1)?;
        let mut end = at + 2;
        if self.token(end).is_some_and(|t| t.text == ".") {
            end += 1;
        }
        let year = self.year_at(end);
        let iso = year.map(|y| format!("{y:04}-{month:02}-{day:02}"));
        Some((iso, if year.is_some() { end + 1 } else { at + 2 }))
    }

    /// A capitalised month name or abbreviation at `at`.
    fn month_at(&self, at: usize) -> Option<u32> {
        let token = self.token(at)?;
        let capitalised = token.text.chars().next().is_some_and(char::is_uppercase);
        capitalised
            .then(|| self.rules.months.get(&*token.lower).copied())
            .flatten()
    }

    /// A four-digit year in range at `at`.
    fn year_at(&self, at: usize) -> Option<i64> {
        let token = self.token(at)?;
        if token.kind != FigureTokenKind::Number
            || token.text.len() != 4
            || !token.suffix.is_empty()
        {
            return None;
        }
        let year: i64 = token.text.parse().ok()?;
        let (low, high) = self.rules.years;
        (low..=high).contains(&year).then_some(year)
    }

    /// Figures that are one word, or start with a word: `annual`,
    /// `Tuesday`, `March 2025`, `half`, `the third round`.
    fn word_figure(&self, at: usize) -> Option<(FoundFigure, usize)> {
        let token = self.token(at)?;
        if token.kind != FigureTokenKind::Word {
            return None;
        }
        let rules = self.rules;
        if let Some((unit, count)) = rules.frequencies.get(&*token.lower) {
            return Some((
                self.figure(
                    at,
                    at + 1,
                    FigureKind::Duration,
                    FigureValue::Number(*count),
                    Some(unit.clone()),
                ),
                at + 1,
            ));
        }
        let capitalised = token.text.chars().next().is_some_and(char::is_uppercase);
        if capitalised && rules.weekdays.contains(&*token.lower) {
            let mut figure = self.figure(
                at,
                at + 1,
                FigureKind::Date,
                FigureValue::Unknown,
                Some("weekday".into()),
            );
            figure.value = FigureValue::Unknown;
            return Some((figure, at + 1));
        }
        if let Some(month) = self.month_at(at) {
            let mut next = at + 1;
            if self.token(next).is_some_and(|t| t.text == ".") {
                next += 1;
            }
            // March 5, 2025 / March 5
            if let Some(day) = self
                .token(next)
                .filter(|t| {
                    t.kind == FigureTokenKind::Number && t.suffix.is_empty() && t.text.len() <= 2
                })
                .and_then(|t| t.text.parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d))
            {
                let mut end = next + 1;
                if self.token(end).is_some_and(|t| t.text == ",") {
                    end += 1;
                }
                return Some(match self.year_at(end) {
                    Some(year) => date_figure(
                        self,
                        at,
                        end + 1,
                        Some(format!("{year:04}-{month:02}-{day:02}")),
                    ),
                    None => date_figure(self, at, next + 1, None),
                });
            }
            if let Some(year) = self.year_at(next) {
                let mut figure = self.figure(
                    at,
                    next + 1,
                    FigureKind::Date,
                    FigureValue::Date(format!("{year:04}-{month:02}")),
                    Some("month".into()),
                );
                figure.qualifier = None;
                return Some((figure, next + 1));
            }
            let previous = at.checked_sub(1).map(|i| self.lower(i)).unwrap_or("");
            if token.lower != "may" && self.rules.month_openers.contains(previous) {
                return Some((
                    self.figure(
                        at,
                        at + 1,
                        FigureKind::Date,
                        FigureValue::Unknown,
                        Some("month".into()),
                    ),
                    at + 1,
                ));
            }
            return None;
        }
        // "half" mid-sentence is lower case; capitalised it must open it.
        if token.lower == "half" && (!capitalised || at == 0) {
            return Some((
                self.figure(
                    at,
                    at + 1,
                    FigureKind::Fraction,
                    FigureValue::Number(0.5),
                    None,
                ),
                at + 1,
            ));
        }
        if let Some(&ordinal) = rules.ordinals.get(&*token.lower) {
            let previous = at.checked_sub(1).map(|i| self.lower(i)).unwrap_or("");
            if ordinal >= 3.0 && previous == "the" {
                let (unit, next) = self.unit_of_time(at + 1);
                return Some((
                    self.figure(
                        at,
                        next,
                        FigureKind::Ordinal,
                        FigureValue::Number(ordinal),
                        unit,
                    ),
                    next,
                ));
            }
        }
        None
    }

    /// The canonical qualifier directly before token `at`, if any.
    fn qualifier_before(&self, at: usize, kind: FigureKind) -> Option<String> {
        (1..=self.rules.qualifier_words.min(at))
            .rev()
            .find_map(|words| {
                let phrase: Vec<&str> = (at - words..at).map(|i| self.lower(i)).collect();
                let phrase = phrase.join(" ");
                // "over five years" is a span of time, not "more than".
                if kind == FigureKind::Duration && TEMPORAL_PREPOSITIONS.contains(&phrase.as_str())
                {
                    return None;
                }
                self.rules.qualifiers.get(&phrase).cloned()
            })
    }

    /// The canonical qualifier a phrase right after a figure ending
    /// before token `next` gives it ("or more": "at least"), if any.
    fn qualifier_after(&self, next: usize) -> Option<String> {
        (1..=self.rules.qualifier_after_words)
            .rev()
            .filter(|words| next + words <= self.tokens.len())
            .find_map(|words| {
                let phrase: Vec<&str> = (next..next + words).map(|i| self.lower(i)).collect();
                self.rules.qualifiers_after.get(&phrase.join(" ")).cloned()
            })
    }

    fn figure(
        &self,
        from: usize,
        to: usize,
        kind: FigureKind,
        value: FigureValue,
        unit: Option<String>,
    ) -> FoundFigure {
        FoundFigure {
            span: self.span(from, to),
            kind,
            value,
            unit,
            qualifier: None,
        }
    }
}

fn date_figure(
    reader: &Reader<'_, '_>,
    from: usize,
    to: usize,
    iso: Option<String>,
) -> (FoundFigure, usize) {
    let value = iso.map_or(FigureValue::Unknown, FigureValue::Date);
    (
        reader.figure(from, to, FigureKind::Date, value, Some("day".into())),
        to,
    )
}

/// Qualifier words that, before a duration, say when rather than how
/// much: "over five years", "under a year".
const TEMPORAL_PREPOSITIONS: &[&str] = &["over", "under", "within"];

/// How many words may stand between a number and the plural it counts.
const MAX_MODIFIERS: usize = 3;

/// A plain plural noun: `countries`, not `bloc’s` or `class`.
fn is_plural(token: &FigureToken<'_>) -> bool {
    let word = &*token.lower;
    word.ends_with('s') && !word.ends_with("ss") && !word.contains(['’', '\''])
}

/// The singular of an English plural, by the common rules: `countries` →
/// `country`, `boxes` → `box`, `sides` → `side`.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes", "zes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && word.len() > 3 {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// A figure as the tests compare it: text, kind, JSON value, unit,
    /// qualifier.
    type Seen = (String, FigureKind, String, Option<String>, Option<String>);

    fn figures(text: &str) -> Vec<Seen> {
        let rules = RuleSet::builtin();
        find(text, rules.figures())
            .into_iter()
            .map(|f| {
                let value = serde_json::to_string(&f.value).unwrap();
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.kind,
                    value,
                    f.unit,
                    f.qualifier,
                )
            })
            .collect()
    }

    fn one(text: &str) -> Seen {
        let found = figures(text);
        assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
        found.into_iter().next().unwrap()
    }

    fn money(text: &str) -> (String, String) {
        let (_, kind, value, unit, _) = one(text);
        assert_eq!(kind, FigureKind::Money, "{text:?}");
        (value, unit.unwrap())
    }

    #[test]
    fn money_in_every_spelling() {
        for text in [
            "the €150-billion plan",
            "€150 billion",
            "150 billion euros",
            "€150bn",
            "EUR 150 billion",
        ] {
            assert_eq!(money(text), ("150000000000".into(), "EUR".into()), "{text}");
        }
        assert_eq!(money("$2.5bn"), ("2500000000".into(), "USD".into()));
        assert_eq!(
            money("Rs 1.5 lakh crore"),
            ("1500000000000".into(), "INR".into())
        );
        assert_eq!(money("₹500 crore"), ("5000000000".into(), "INR".into()));
        assert_eq!(money("Rs. 20,000"), ("20000".into(), "INR".into()));
        assert_eq!(money("£3m"), ("3000000".into(), "GBP".into()));
        assert_eq!(
            money("five billion dollars"),
            ("5000000000".into(), "USD".into())
        );
    }

    #[test]
    fn qualifiers_are_canonical() {
        assert_eq!(one("up to €800 billion").4.as_deref(), Some("up to"));
        assert_eq!(one("over 40%").4.as_deref(), Some("more than"));
        assert_eq!(one("more than 40 per cent").4.as_deref(), Some("more than"));
        assert_eq!(one("nearly nine countries").4.as_deref(), Some("nearly"));
    }

    #[test]
    fn percentages_and_fractions() {
        assert_eq!(one("40%").1, FigureKind::Percent);
        assert_eq!(one("forty per cent").2, "40");
        assert_eq!(one("a third of the outlay").2, "0.3333333333333333");
        assert_eq!(one("two-thirds of it").2, "0.6666666666666666");
        assert_eq!(one("half of the funds").2, "0.5");
        assert_eq!(one("1/4 of them").2, "0.25");
    }

    #[test]
    fn counts_with_what_they_count() {
        assert_eq!(one("with nine countries").3.as_deref(), Some("country"));
        assert_eq!(one("the 27-member bloc").3.as_deref(), Some("member"));
        assert_eq!(one("the 27-member bloc’s pursuit").0, "27-member");
        assert_eq!(one("twenty-seven new states").2, "27");
        assert_eq!(one("twenty-seven new states").3.as_deref(), Some("state"));
        assert_eq!(one("1.4 billion people").2, "1400000000");
        assert!(figures("one of the pillars").is_empty());
        assert!(figures("a meeting with a minister").is_empty());
    }

    #[test]
    fn dates_years_durations_ordinals() {
        assert_eq!(one("launched in March 2025 to").2, "\"2025-03\"");
        assert_eq!(one("on 5 March 2025").2, "\"2025-03-05\"");
        assert_eq!(one("on March 5, 2025").2, "\"2025-03-05\"");
        assert_eq!(one("on Tuesday").1, FigureKind::Date);
        assert_eq!(one("by 2030.").1, FigureKind::Year);
        assert_eq!(one("a new five-year agenda").3.as_deref(), Some("year"));
        assert_eq!(one("in a month").3.as_deref(), Some("month"));
        assert_eq!(one("an annual dialogue").3.as_deref(), Some("year"));
        assert_eq!(one("5 years").2, "5");
        assert_eq!(one("the 21st summit").1, FigureKind::Ordinal);
        assert!(figures("They may go. The march was long.").is_empty());
    }

    #[test]
    fn plurals() {
        assert_eq!(singular("countries"), "country");
        assert_eq!(singular("sides"), "side");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("bus"), "bus");
    }
}
