//! Examples as tests, in the rules' own words: each area has a case file
//! under `tests/cases/` of one-line examples, `input => expected`, written
//! for the project (as LanguageTool runs every rule's `<example>`). One
//! test an area reads its file, runs every line, and reports every line
//! that fails, not only the first.
//!
//! A line opening with `?` is a known gap: what the engine should do and
//! does not yet. It must still fail; when it starts to pass the test says
//! so, and the `?` comes off.

use std::path::Path;

use claimtrace::check::{self, Options, Severity};
use claimtrace::claims::figures::FigureValue;
use claimtrace::claims::{self, Figure};
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;

/// One example: its line, input, expected output, and whether it is a
/// known gap.
struct Case {
    line: usize,
    input: String,
    expected: String,
    gap: bool,
}

/// The cases of `tests/cases/{name}.txt`.
fn cases(name: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).expect("the case file is readable");
    let mut cases = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let (gap, body) = match raw.strip_prefix('?') {
            Some(body) => (true, body.trim()),
            None => (false, raw),
        };
        let (input, expected) = body
            .rsplit_once(" => ")
            .unwrap_or_else(|| panic!("{name}.txt:{}: no ` => ` in {raw:?}", index + 1));
        cases.push(Case {
            line: index + 1,
            input: input.trim().to_string(),
            expected: expected.trim().to_string(),
            gap,
        });
    }
    assert!(!cases.is_empty(), "{name}.txt holds no case");
    cases
}

/// Runs every case of `name` through `run` and fails with every line that
/// went wrong: a case that does not give what it expects, or a known gap
/// that now does.
fn run_cases(name: &str, run: impl Fn(&str) -> String) {
    run_cases_expecting(name, |input, _| run(input));
}

/// [`run_cases`], for a runner that reads what is expected too (to show a
/// message only where a case asks about it).
fn run_cases_expecting(name: &str, run: impl Fn(&str, &str) -> String) {
    let mut wrong = Vec::new();
    for case in cases(name) {
        let got = run(&case.input, &case.expected);
        match (got == case.expected, case.gap) {
            (true, false) | (false, true) => {}
            (false, false) => wrong.push(format!(
                "{name}.txt:{}: {}\n    expected: {}\n    got:      {got}",
                case.line, case.input, case.expected
            )),
            (true, true) => wrong.push(format!(
                "{name}.txt:{}: a known gap now passes, take off its `?`: {}",
                case.line, case.input
            )),
        }
    }
    assert!(wrong.is_empty(), "\n{}\n", wrong.join("\n"));
}

fn document(text: &str) -> Document {
    Document::from_text("case.txt".into(), format!("{text}\n"), Format::Plain)
}

#[test]
fn attribution() {
    let rules = RuleSet::builtin();
    run_cases("attribution", |input| {
        let document = document(input);
        let sentences = segment::sentences(&document, &rules);
        let found = claims::extract(&document, &sentences, &rules);
        let quoted: Vec<String> = found
            .claims
            .iter()
            .flat_map(|claim| &claim.quotes)
            .map(|quote| quote.speaker.as_deref().unwrap_or("none").to_string())
            .collect();
        let speakers = if quoted.is_empty() {
            found
                .claims
                .iter()
                .filter_map(|claim| claim.speaker.as_ref().map(|s| s.name.to_string()))
                .collect()
        } else {
            quoted
        };
        speakers.join("; ")
    });
}

#[test]
fn segmentation() {
    let rules = RuleSet::builtin();
    run_cases("segmentation", |input| {
        let document = document(input);
        segment::sentences(&document, &rules)
            .iter()
            .map(|sentence| sentence.text)
            .collect::<Vec<_>>()
            .join(" | ")
    });
}

/// A figure as the case file writes it: `as written = kind value [unit]
/// [qualifier]`.
fn figure(figure: &Figure) -> String {
    let kind = serde_json::to_value(figure.kind).expect("a kind serialises");
    let value = match &figure.value {
        FigureValue::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
        FigureValue::Number(n) => format!("{n:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string(),
        FigureValue::Date(date) => date.clone(),
        FigureValue::Unknown => "?".to_string(),
    };
    let mut shown = format!("{} = {} {value}", figure.text, kind.as_str().unwrap_or("?"));
    for extra in [&figure.unit, &figure.qualifier].into_iter().flatten() {
        shown.push(' ');
        shown.push_str(extra);
    }
    shown
}

#[test]
fn figures() {
    let rules = RuleSet::builtin();
    run_cases("figures", |input| {
        let document = document(input);
        let sentences = segment::sentences(&document, &rules);
        let extracted = claims::extract(&document, &sentences, &rules);
        let found: Vec<String> = extracted
            .claims
            .iter()
            .flat_map(|claim| &claim.figures)
            .map(figure)
            .collect::<Vec<_>>();
        if found.is_empty() {
            "none".to_string()
        } else {
            found.join("; ")
        }
    });
}

#[test]
fn checker() {
    let rules = RuleSet::builtin();
    run_cases_expecting("checker", |input, expected| {
        // `rule @ words`: the finding's message must hold the words.
        let asked: Vec<Option<&str>> = expected
            .split(", ")
            .map(|item| item.split_once(" @ ").map(|(_, words)| words))
            .collect();
        let (source, draft) = input
            .split_once(" || ")
            .unwrap_or_else(|| panic!("no ` || ` between source and draft in {input:?}"));
        // `a && b`: two sources, `a.txt` and `b.txt`.
        let parts: Vec<&str> = source.split(" && ").collect();
        let sources: Vec<Document> = parts
            .iter()
            .enumerate()
            .map(|(n, text)| {
                let name = match parts.len() {
                    1 => "source.txt".to_string(),
                    _ => format!("{}.txt", char::from(b'a' + n as u8)),
                };
                Document::from_text(name.into(), format!("{text}\n"), Format::Plain)
            })
            .collect();
        let draft = Document::from_text("draft.txt".into(), format!("{draft}\n"), Format::Plain);
        let audit = check::check(&[draft], &sources, &rules, &Options::default());
        let findings: Vec<String> = audit.documents[0]
            .findings
            .iter()
            .enumerate()
            .map(|(at, finding)| {
                let rule = match finding.severity {
                    // A lead (a finding of low confidence, or an info kind).
                    Severity::Info => format!("{} (lead)", finding.rule.name()),
                    _ => finding.rule.name().to_string(),
                };
                match asked.get(at).copied().flatten() {
                    Some(words) if finding.message.contains(words) => format!("{rule} @ {words}"),
                    Some(_) => format!("{rule} @ {}", finding.message),
                    None => rule,
                }
            })
            .collect();
        if findings.is_empty() {
            "clean".to_string()
        } else {
            findings.join(", ")
        }
    });
}
