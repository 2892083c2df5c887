//! Sources whose sentences are too long to compare whole (a transcript,
//! notes typed during a meeting, a scraped page without sentence ends):
//! the checker reads them as overlapping windows, and an audit shows an
//! excerpt of the evidence, not all of it.
//!
//! * the fixture `tests/fixtures/long-sentence/` (one 340-word sentence)
//!   end to end, in both formats, with the evidence it gives: each text at
//!   most 400 characters, each span exact;
//! * properties over generated long sentences: a quotation or a figure
//!   copied from anywhere in one (across window borders too) is found word
//!   for word, at its exact place; a changed figure is a mismatch there,
//!   never unsourced.

mod common;

#[path = "support/schema.rs"]
mod schema;

use common::claimtrace;
use std::sync::LazyLock;

use claimtrace::check::{self, Audit, Evidence, Kind};
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;

/// The most characters of evidence text an audit shows.
const MAX_EVIDENCE_CHARS: usize = 400;

const DRAFT: &str = "tests/fixtures/long-sentence/draft.md";
const SOURCE: &str = "tests/fixtures/long-sentence/source.txt";

/// Asserts that a piece of evidence (as JSON) points exactly into
/// `source` and shows at most [`MAX_EVIDENCE_CHARS`] of it: its text is
/// the spanned text, or an excerpt of it marked with `…` where cut.
/// Returns whether it was cut.
fn assert_exact_excerpt(evidence: &serde_json::Value, source: &str) -> bool {
    let start = evidence["span"]["start"].as_u64().expect("start") as usize;
    let end = evidence["span"]["end"].as_u64().expect("end") as usize;
    let spanned = source
        .get(start..end)
        .expect("span on character boundaries");
    let text = evidence["text"].as_str().expect("text");
    assert!(
        text.chars().count() <= MAX_EVIDENCE_CHARS,
        "{} characters: {text}",
        text.chars().count()
    );
    if text == spanned {
        return false;
    }
    let inner = text.trim_start_matches('…').trim_end_matches('…');
    assert!(inner.len() < text.len(), "a cut is marked: {text}");
    assert!(spanned.contains(inner), "an excerpt of its span: {text}");
    true
}

#[test]
fn long_sentence_fixture_in_both_formats() {
    let json = claimtrace(&["check", DRAFT, "--source", SOURCE, "--format", "json"]);
    assert_eq!(
        json.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let json_text = String::from_utf8(json.stdout).expect("UTF-8");
    let audit: serde_json::Value = schema::validated(&json_text);
    let source = std::fs::read_to_string(SOURCE).expect("the fixture source");
    let document = &audit["documents"][0];

    // Every piece of evidence is exact and short; some are cut from the
    // 1,900-character sentence.
    let mut cut = 0;
    let mut all = 0;
    let claim_evidence = document["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .flat_map(|c| c["evidence"].as_array().expect("evidence").clone());
    let finding_evidence = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !f["evidence"].is_null())
        .map(|f| f["evidence"].clone());
    for evidence in claim_evidence.chain(finding_evidence) {
        all += 1;
        cut += usize::from(assert_exact_excerpt(&evidence, &source));
    }
    assert!(all >= 6 && cut >= 3, "{all} pieces of evidence, {cut} cut");

    // The words found are the source's own, at their place.
    let findings = document["findings"].as_array().expect("findings");
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["figure-mismatch", "contradicted-claim", "misquote"]);
    let quoted = "a harbour for everyone, not a car park with a view";
    let at = source.find(quoted).expect("the quotation is in the source");
    assert_eq!(findings[2]["evidence"]["span"]["start"], at);
    assert_eq!(findings[2]["evidence"]["span"]["end"], at + quoted.len());
    assert_eq!(findings[2]["evidence"]["text"], quoted);
    // A retelling is read against the window of the sentence that holds
    // it; its evidence (and the fix quoting it) is an excerpt around the
    // words it shares.
    let retold = &findings[1]["evidence"];
    assert!(assert_exact_excerpt(retold, &source));
    let shown = retold["text"].as_str().unwrap();
    assert!(
        shown.contains(
            "the dredging of the inner basin, which she said must start before the summer season"
        ),
        "{shown}"
    );
    assert!(findings[1]["fix"].as_str().unwrap().contains(shown));
    let figure = source.find("38 per cent").expect("the figure");
    assert_eq!(findings[0]["evidence"]["span"]["start"], figure);
    insta::assert_snapshot!("long-sentence_json", json_text);

    let human = claimtrace(&["check", DRAFT, "--source", SOURCE]);
    assert_eq!(human.status.code(), Some(1));
    insta::assert_snapshot!(
        "long-sentence_human",
        String::from_utf8(human.stdout).unwrap()
    );
}

/// Built once: compiling the rules for every case would dominate the run.
static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

/// Word `i` of a made-up language: two syllables, lower case, no digits,
/// none of them an English function word. 3,600 distinct words.
fn word(i: usize) -> String {
    const ONSETS: [&str; 15] = [
        "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sk",
    ];
    const RIMES: [&str; 4] = ["ak", "el", "ul", "om"];
    let syllable = |n: usize| format!("{}{}", ONSETS[n % 15], RIMES[(n / 15) % 4]);
    format!("{}{}", syllable(i % 60), syllable(i / 60))
}

/// `count` words drawn from `vocabulary` distinct ones, in an order set
/// by `seed` (a fixed linear congruential sequence).
fn words(count: usize, vocabulary: usize, seed: u64) -> Vec<String> {
    let mut state = seed.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(3);
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            word((state >> 33) as usize % vocabulary)
        })
        .collect()
}

/// Checks `draft` against `source` (both plain text).
fn check(draft: &str, source: &str) -> Audit {
    let draft = Document::from_text("draft.txt".into(), draft.to_string(), Format::Plain);
    let source = Document::from_text("source.txt".into(), source.to_string(), Format::Plain);
    check::check(&[draft], &[source], &RULES, &check::Options::default())
}

/// Every piece of evidence in `audit`: the claims' and the findings'.
fn all_evidence(audit: &Audit) -> Vec<&Evidence> {
    let document = &audit.documents[0];
    document
        .claims
        .iter()
        .flat_map(|c| &c.evidence)
        .chain(document.findings.iter().filter_map(|f| f.evidence.as_ref()))
        .collect()
}

/// Asserts that every piece of evidence is at most 400 characters and
/// an excerpt of its exact span of `source`.
fn assert_evidence_exact(audit: &Audit, source: &str) {
    for evidence in all_evidence(audit) {
        let spanned = source
            .get(evidence.span.start..evidence.span.end)
            .expect("span on character boundaries");
        assert!(evidence.text.chars().count() <= MAX_EVIDENCE_CHARS);
        let inner = evidence.text.trim_start_matches('…').trim_end_matches('…');
        assert!(spanned.contains(inner), "{}", evidence.text);
    }
}

/// The byte span of words `from..to` of `words` joined by spaces (after
/// `prefix`).
fn byte_span(prefix: &str, words: &[String], from: usize, to: usize) -> (usize, usize) {
    let start = prefix.len() + words[..from].iter().map(|w| w.len() + 1).sum::<usize>();
    let end = start + words[from..to].join(" ").len();
    (start, end)
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A stretch of a long quotation, quoted word for word in a draft
    /// (shorter than a window, longer than the windows' overlap, or
    /// longer than a window), is the speaker's words, found at its exact
    /// place wherever it starts.
    #[test]
    fn a_quotation_copied_from_a_long_one_is_found_at_its_place(
        length in 220usize..900,
        at in 0.0f64..1.0,
        quoted in prop::sample::select(vec![4usize, 12, 59, 61, 75, 121, 150]),
        seed in 0u64..1_000,
    ) {
        let source_words = words(length, 3_000, seed);
        let quoted = quoted.min(length);
        let from = ((length - quoted) as f64 * at) as usize;
        let prefix = "Dana Whitfield said: “";
        let source = format!("{prefix}{}”\n", source_words.join(" "));
        let draft = format!(
            "“{},” Dana Whitfield said.\n",
            source_words[from..from + quoted].join(" ")
        );
        let audit = check(&draft, &source);
        let (start, end) = byte_span(prefix, &source_words, from, from + quoted);
        let findings: Vec<Kind> = audit.documents[0].findings.iter().map(|f| f.rule).collect();
        prop_assert!(
            !findings.iter().any(|k| matches!(k, Kind::FabricatedQuote | Kind::Misquote | Kind::MisattributedQuote)),
            "{:?}", findings
        );
        prop_assert!(
            all_evidence(&audit).iter().any(|e| (e.span.start, e.span.end) == (start, end)),
            "the quotation's evidence is its exact span {}..{}", start, end
        );
        assert_evidence_exact(&audit, &source);
    }

    /// The same for a long sentence in the source's own voice, quoted in
    /// the draft's.
    #[test]
    fn a_phrase_copied_from_a_long_sentence_is_found_at_its_place(
        length in 220usize..900,
        at in 0.0f64..1.0,
        quoted in prop::sample::select(vec![3usize, 9, 60, 61, 130]),
        seed in 0u64..1_000,
    ) {
        let source_words = words(length, 3_000, seed);
        let from = ((length - quoted) as f64 * at) as usize;
        let source = format!("{}\n", source_words.join(" "));
        let draft = format!("It was “{}”.\n", source_words[from..from + quoted].join(" "));
        let audit = check(&draft, &source);
        let (start, end) = byte_span("", &source_words, from, from + quoted);
        let findings: Vec<Kind> = audit.documents[0].findings.iter().map(|f| f.rule).collect();
        prop_assert!(
            !findings.iter().any(|k| matches!(k, Kind::FabricatedQuote | Kind::Misquote)),
            "{:?}", findings
        );
        prop_assert!(
            all_evidence(&audit).iter().any(|e| (e.span.start, e.span.end) == (start, end)),
            "the phrase's evidence is its exact span {}..{}", start, end
        );
        assert_evidence_exact(&audit, &source);
    }

    /// A figure of a long sentence, retold with the words around it, is
    /// found at its exact place; the same words with another figure are a
    /// mismatch with it, never an unsourced figure.
    #[test]
    fn a_figure_of_a_long_sentence_is_found_at_its_place(
        length in 220usize..900,
        at in 0.0f64..1.0,
        seed in 0u64..1_000,
    ) {
        let mut source_words = words(length, 3_000, seed);
        // A figure every 37 words, each its own amount.
        for (n, i) in (20..length).step_by(37).enumerate() {
            source_words[i] = format!("€{} million", 101 + 7 * n);
        }
        let source = format!("{}\n", source_words.join(" "));
        let figures: Vec<usize> = (20..length).step_by(37).collect();
        let figure = figures[((figures.len() - 1) as f64 * at) as usize];
        let context = figure.saturating_sub(5)..(figure + 4).min(length);
        let (start, _) = byte_span("", &source_words, figure, figure + 1);
        let end = start + source_words[figure].len();
        let retold = |figure_text: &str| {
            let mut words: Vec<String> = source_words[context.clone()].to_vec();
            words[figure - context.start] = figure_text.to_string();
            let mut sentence = words.join(" ");
            sentence[..1].make_ascii_uppercase();
            format!("{sentence}.\n")
        };

        let audit = check(&retold(&source_words[figure]), &source);
        let findings: Vec<Kind> = audit.documents[0].findings.iter().map(|f| f.rule).collect();
        prop_assert!(
            !findings.iter().any(|k| matches!(k, Kind::UnsourcedFigure | Kind::FigureMismatch)),
            "{:?}", findings
        );
        prop_assert!(
            all_evidence(&audit).iter().any(|e| (e.span.start, e.span.end) == (start, end)),
            "the figure's evidence is its exact span {}..{}", start, end
        );
        assert_evidence_exact(&audit, &source);

        // Which figure of the stretch retold the mismatch names is the
        // first of its kind there (as in a sentence of several figures):
        // one of the source's figures, within a window of the place.
        let audit = check(&retold("€999 million"), &source);
        let mismatch = audit.documents[0]
            .findings
            .iter()
            .find(|f| f.rule == Kind::FigureMismatch);
        let evidence = mismatch.and_then(|f| f.evidence.as_ref());
        let figure_spans: Vec<(usize, usize)> = figures
            .iter()
            .map(|&i| {
                let (start, _) = byte_span("", &source_words, i, i + 1);
                (start, start + source_words[i].len())
            })
            .collect();
        prop_assert!(
            evidence.is_some_and(|e| {
                let place = (e.span.start, e.span.end);
                // Within two windows' words of the place.
                figure_spans
                    .iter()
                    .position(|&s| s == place)
                    .is_some_and(|n| figures[n].abs_diff(figure) <= 2 * 120)
            }),
            "a mismatch with a figure near {}..{}: {:?}",
            start,
            end,
            audit.documents[0].findings.iter().map(|f| (f.rule, &f.message)).collect::<Vec<_>>()
        );
        prop_assert!(!audit.documents[0].findings.iter().any(|f| f.rule == Kind::UnsourcedFigure));
        assert_evidence_exact(&audit, &source);
    }
}
