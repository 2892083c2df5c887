//! The checker on any draft and any source: the input is a draft and a
//! source separated by a 0xFF byte (never part of UTF-8 text). The draft's
//! front matter and footnotes are read as a run reads them (without
//! opening the files they name); the draft is checked against the fuzzed
//! source and the seed article, and the fuzzed source against a fixed
//! draft; every finding lies in its draft and every output format renders.
#![no_main]

#[path = "common.rs"]
mod common;

use std::sync::LazyLock;

use claimtrace::check::{self, Audit, Options};
use claimtrace::document::{Document, Format};
use claimtrace::run::{self, ReportFormat};
use claimtrace::{citations, declared, suppress};
use libfuzzer_sys::fuzz_target;

static SEED: LazyLock<Document> = LazyLock::new(|| {
    let text = include_str!("../../seeds/india-eu-security-defence.txt");
    Document::from_text("seed.txt".into(), text.to_string(), Format::Plain)
});

/// A draft that quotes, attributes and gives figures, for the source side.
static DRAFT: LazyLock<Document> = LazyLock::new(|| {
    let text = "Rajnath Singh said the partnership would grow. “Trust is the \
        foundation,” Kallas said. The bloc pledged €150-billion over five years.\n";
    Document::from_text("draft.md".into(), text.to_string(), Format::Markdown)
});

fuzz_target!(|bytes: &[u8]| {
    let split = bytes.iter().position(|&b| b == 0xFF).unwrap_or(bytes.len());
    let Some(draft) = common::document(&bytes[..split]) else {
        return;
    };
    let source = common::document(bytes.get(split + 1..).unwrap_or_default());
    // What a run reads of a draft before checking it.
    let _ = declared::sources(&draft);
    let _ = citations::references(&draft);
    let _ = suppress::Suppressions::of(&draft);
    let options = Options {
        strict_quotes: bytes.first().is_some_and(|b| b & 2 == 2),
        ..Options::default()
    };
    let mut sources = vec![Document::from_text(
        SEED.path.clone(),
        SEED.text.clone(),
        Format::Plain,
    )];
    if let Some(source) = source {
        let audit = check::check(std::slice::from_ref(&*DRAFT), std::slice::from_ref(&source), &common::RULES, &options);
        render(&audit, std::slice::from_ref(&*DRAFT));
        sources.push(source);
    }
    let drafts = [draft];
    let audit = check::check(&drafts, &sources, &common::RULES, &options);
    for finding in audit.documents.iter().flat_map(|d| &d.findings) {
        common::assert_span(&drafts[0].text, finding.range);
    }
    render(&audit, &drafts);
});

/// Renders `audit` in every format.
fn render(audit: &Audit, drafts: &[Document]) {
    for format in [
        ReportFormat::Human { styled: true },
        ReportFormat::Json,
        ReportFormat::Sarif,
        ReportFormat::Github,
    ] {
        run::render(&mut std::io::sink(), audit, drafts, format).expect("a sink takes anything");
    }
}
