//! The attribution passes one by one: each pass's news example, from
//! `tests/fixtures/passes/cases.txt`, gets its speaker from that pass, and
//! reads differently with the pass switched off; every pass has an
//! example. See the case file for its format.

use std::sync::LazyLock;

use claimtrace::claims::passes::{self, Switches};
use claimtrace::claims::{self, Claims};
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

const CASES: &str = include_str!("fixtures/passes/cases.txt");

/// One line of the case file.
struct Case<'a> {
    line: usize,
    pass: &'a str,
    /// Whether the pass only steers a decision another pass records.
    steers: bool,
    text: String,
    target: &'a str,
    speaker: Option<&'a str>,
}

fn cases() -> Vec<Case<'static>> {
    CASES
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(index, line)| {
            let fields: Vec<&str> = line.split(" | ").map(str::trim).collect();
            let [pass, text, target, speaker] = fields[..] else {
                panic!("line {}: four fields expected: {line}", index + 1);
            };
            let (pass, steers) = match pass.strip_suffix('~') {
                Some(pass) => (pass.trim(), true),
                None => (pass, false),
            };
            Case {
                line: index + 1,
                pass,
                steers,
                text: text.replace("\\n", "\n"),
                target,
                speaker: (speaker != "none").then_some(speaker),
            }
        })
        .collect()
}

/// The target's speaker and the pass that decided it, in `text` read with
/// `switches`.
fn reading(
    text: &str,
    target: &str,
    switches: &Switches,
) -> (Option<String>, Option<&'static str>) {
    let document = Document::from_text("case.txt".into(), text.to_string(), Format::Plain);
    let sentences = segment::sentences(&document, &RULES);
    let Claims { claims, .. } = claims::extract_with(&document, &sentences, &RULES, switches);
    let (kind, argument) = target.split_once(' ').expect("a target has two parts");
    if kind == "quote" {
        let quote = claims
            .iter()
            .flat_map(|c| &c.quotes)
            .find(|q| q.text.starts_with(argument))
            .unwrap_or_else(|| panic!("no quotation starts with {argument:?} in {text:?}"));
        return (
            quote.speaker.as_deref().map(str::to_string),
            quote.decided_by,
        );
    }
    let number: usize = argument.parse().expect("a sentence number");
    let claim = &claims[number - 1];
    let speaker = match kind {
        "claim" => claim.speaker.as_deref(),
        "reporter" => claim.reported_by.as_deref(),
        _ => panic!("unknown target {target:?}"),
    };
    (speaker.map(|s| s.name.to_string()), claim.decided_by)
}

#[test]
fn each_pass_decides_its_example() {
    let mut failures = Vec::new();
    for case in cases() {
        let off =
            Switches::with_off(case.pass).unwrap_or_else(|e| panic!("line {}: {e}", case.line));
        let on = reading(&case.text, case.target, &Switches::all_on());
        let without = reading(&case.text, case.target, &off);
        let expected = (
            case.speaker.map(str::to_string),
            (!case.steers).then_some(case.pass),
        );
        let decided_as_expected = on.0 == expected.0 && (case.steers || on.1 == expected.1);
        if !decided_as_expected {
            failures.push(format!(
                "line {} ({}): every pass on, {} is {on:?}, expected {expected:?}",
                case.line, case.pass, case.target
            ));
        }
        if without == on {
            failures.push(format!(
                "line {} ({}): switching the pass off leaves {} as {on:?}",
                case.line, case.pass, case.target
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_pass_has_an_example() {
    let cases = cases();
    let missing: Vec<&str> = passes::names()
        .into_iter()
        .filter(|name| !cases.iter().any(|case| case.pass == *name))
        .collect();
    assert!(missing.is_empty(), "passes with no example: {missing:?}");
    for case in &cases {
        assert!(
            passes::names().contains(&case.pass),
            "line {}: no pass is named {}",
            case.line,
            case.pass
        );
    }
}
