//! `claims` over every article of a real news corpus: no panic, and every
//! span of the JSON output (the claim, what was said, each quotation, each
//! figure, each warning) inside the document and on character boundaries,
//! with the text the output gives for it equal to the document's text
//! there; every speaker's mention is words of the document.
//!
//! The articles go through the same library calls as `claimtrace claims
//! --format json` (segmenting, extracting, writing JSON), so serialisation
//! is exercised too.
//!
//! The corpus (PolNeAR, 840 political news articles from seven outlets) is
//! evaluation data kept beside the project, not in it; the test is skipped
//! with a message where it is absent.

#[path = "support/schema.rs"]
mod schema;

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;

use rayon::prelude::*;
use serde_json::Value;

use claimtrace::claims;
use claimtrace::document::{Document, Format};
use claimtrace::report;
use claimtrace::rules::RuleSet;
use claimtrace::segment;

const CORPUS: &str = "../shared/corpora/polnear-train.jsonl.gz";

/// The corpus's articles as (id, text), or `None` with the reason when it
/// cannot be read here.
fn articles() -> Result<Vec<(String, String)>, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    if !path.exists() {
        return Err(format!("{CORPUS} is not here"));
    }
    let unzipped = match Command::new("gzip").arg("-dc").arg(&path).output() {
        Ok(output) if output.status.success() => output.stdout,
        _ => return Err(format!("gzip cannot read {CORPUS}")),
    };
    let text = String::from_utf8(unzipped).expect("the corpus is UTF-8");
    Ok(text
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("a JSON line");
            (
                record["id"].as_str().expect("id").to_string(),
                record["text"].as_str().expect("text").to_string(),
            )
        })
        .collect())
}

/// `claimtrace claims --format json` on one document, as the JSON value it
/// prints.
fn claims_json(document: &Document, rules: &RuleSet) -> Value {
    let sentences = segment::sentences(document, rules);
    let claims = claims::extract(document, &sentences, rules);
    let mut out = Vec::new();
    report::claims::write_json(&mut out, document, &claims).expect("writing to memory");
    schema::validated(&out)
}

/// Checks one span object of the output against `text`; returns its
/// slice, or a problem.
fn slice_of<'t>(text: &'t str, span: &Value, what: &str) -> Result<&'t str, String> {
    let offset = |key: &str| {
        span[key]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("{what}: span has no `{key}`: {span}"))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    if start > end || end > text.len() {
        return Err(format!(
            "{what}: span {start}..{end} outside a document of {} bytes",
            text.len()
        ));
    }
    text.get(start..end)
        .ok_or_else(|| format!("{what}: span {start}..{end} not on character boundaries"))
}

/// Every problem in one article's output.
fn problems(text: &str, output: &Value) -> Vec<String> {
    let mut found = Vec::new();
    let mut check = |result: Result<(), String>| {
        if let Err(problem) = result {
            found.push(problem);
        }
    };
    let Some(claims) = output["claims"].as_array() else {
        return vec!["no `claims` array".to_string()];
    };
    for claim in claims {
        let id = claim["id"].as_str().unwrap_or("?");
        check(slice_of(text, &claim["span"], id).and_then(|slice| {
            (Some(slice) == claim["text"].as_str())
                .then_some(())
                .ok_or_else(|| format!("{id}: text differs from the document at its span"))
        }));
        if !claim["content"].is_null() {
            check(slice_of(text, &claim["content"], &format!("{id} content")).map(drop));
        }
        for quote in claim["quotes"].as_array().into_iter().flatten() {
            check(
                slice_of(text, &quote["span"], &format!("{id} quote")).and_then(|slice| {
                    // A quotation of several paragraphs joins them with a
                    // space and leaves out the marks that reopen each
                    // paragraph; its words are the document's all the same.
                    let words = |s: &str| {
                        s.split(is_quote_mark)
                            .flat_map(str::split_whitespace)
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    let given = quote["text"].as_str().unwrap_or_default();
                    (words(slice) == words(given)).then_some(()).ok_or_else(|| {
                        format!("{id} quote: {given:?} is not the document's {slice:?}")
                    })
                }),
            );
        }
        for figure in claim["figures"].as_array().into_iter().flatten() {
            check(
                slice_of(text, &figure["span"], &format!("{id} figure")).and_then(|slice| {
                    (Some(slice) == figure["text"].as_str())
                        .then_some(())
                        .ok_or_else(|| format!("{id} figure: text differs from {slice:?}"))
                }),
            );
        }
        for key in ["speaker", "reported_by"] {
            let speaker = &claim[key];
            if speaker.is_null() {
                continue;
            }
            let mention = speaker["mention"].as_str().unwrap_or_default();
            let written = mention.is_empty()
                || text.contains(mention)
                || text.to_lowercase().contains(&mention.to_lowercase());
            check(
                written
                    .then_some(())
                    .ok_or_else(|| format!("{id} {key}: mention {mention:?} is not in the text")),
            );
        }
    }
    for warning in output["warnings"].as_array().into_iter().flatten() {
        check(slice_of(text, &warning["span"], "warning").map(drop));
    }
    found
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›'
    )
}

#[test]
fn claims_on_every_polnear_article_stay_inside_the_text() {
    let articles = match articles() {
        Ok(articles) => articles,
        Err(reason) => {
            eprintln!("skipped: {reason}");
            return;
        }
    };
    assert_eq!(articles.len(), 840);
    let rules = RuleSet::builtin();
    // Articles in parallel, as `check` runs them: debug builds are slow.
    let failures: Vec<String> = articles
        .par_iter()
        .flat_map_iter(|(id, text)| {
            let document =
                Document::from_text(format!("{id}.txt").into(), text.clone(), Format::Plain);
            match panic::catch_unwind(AssertUnwindSafe(|| claims_json(&document, &rules))) {
                Ok(output) => problems(text, &output)
                    .into_iter()
                    .map(|problem| format!("{id}: {problem}"))
                    .collect(),
                Err(_) => vec![format!("{id}: claims panicked")],
            }
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
