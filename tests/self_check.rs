//! Every article of a real news corpus checked against itself gives no
//! error and no warning: a source is the most faithful draft of itself, so
//! any finding here is a false alarm.
//!
//! The corpus (PolNeAR, 840 political news articles from seven outlets) is
//! evaluation data kept beside the project, not in it; the test is skipped
//! with a message where it is absent.

use std::path::Path;
use std::process::Command;

use claimtrace::check::{self, Options, Severity};
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;

const CORPUS: &str = "../shared/corpora/polnear-train.jsonl.gz";

#[test]
fn every_polnear_article_is_faithful_to_itself() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    if !path.exists() {
        eprintln!("skipped: {CORPUS} is not here");
        return;
    }
    let unzipped = match Command::new("gzip").arg("-dc").arg(&path).output() {
        Ok(output) if output.status.success() => output.stdout,
        _ => {
            eprintln!("skipped: gzip cannot read {CORPUS}");
            return;
        }
    };
    let text = String::from_utf8(unzipped).expect("the corpus is UTF-8");
    let articles: Vec<(String, String)> = text
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            (
                record["id"].as_str().expect("id").to_string(),
                record["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    assert_eq!(articles.len(), 840);
    let documents: Vec<Document> = articles
        .iter()
        .map(|(id, text)| {
            Document::from_text(format!("{id}.txt").into(), text.clone(), Format::Plain)
        })
        .collect();
    let sets: Vec<Vec<usize>> = (0..documents.len()).map(|i| vec![i]).collect();
    let citations = vec![Vec::new(); documents.len()];
    let audit = check::check_each(
        &documents,
        &documents,
        &sets,
        &citations,
        &RuleSet::builtin(),
        &Options::default(),
    );
    let alarms: Vec<String> = audit
        .documents
        .iter()
        .flat_map(|d| {
            d.findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
                .map(move |f| {
                    format!(
                        "{}:{}: {}: {}",
                        d.path,
                        f.span.line,
                        f.rule.name(),
                        f.message
                    )
                })
        })
        .collect();
    assert!(
        alarms.is_empty(),
        "{} false alarms:\n{}",
        alarms.len(),
        alarms.join("\n")
    );
}
