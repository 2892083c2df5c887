//! The checker on any draft and any source: the input is a draft and a
//! source separated by a 0xFF byte (never part of UTF-8 text). The draft's
//! front matter and footnotes are read as a run reads them (without
//! opening the files they name); the draft is checked against the seed
//! article (indexed once, through the run API) and, with a fixed draft,
//! against the fuzzed source; every finding lies in its draft and every
//! output format renders.
#![no_main]

#[path = "common.rs"]
mod common;

use std::path::Path;
use std::sync::LazyLock;

use claimtrace::check::{self, Audit, Options};
use claimtrace::document::{Document, Format};
use claimtrace::inputs::{Library, Plan};
use claimtrace::run::{self, Index, ReportFormat, Request, Settings};
use claimtrace::{citations, declared, suppress};
use libfuzzer_sys::fuzz_target;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../seeds/india-eu-security-defence.txt"
);

/// A draft that quotes, attributes and gives figures, for the source side.
const DRAFT: &str = "Rajnath Singh said the partnership would grow. “Trust is the \
    foundation,” Kallas said. The bloc pledged €150-billion over five years.\n";

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| {
    let request = Request {
        sources: vec![SEED.into()],
        ..Request::default()
    };
    Settings::new(request, Path::new(".")).expect("settings")
});

static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
    let mut library = SETTINGS.library();
    let problems = library.share(&SETTINGS.sources);
    assert!(problems.errors.is_empty(), "the seed is read");
    library
});

static INDEX: LazyLock<Index<'static>> = LazyLock::new(|| Index::new(&LIBRARY, &SETTINGS));

fuzz_target!(|bytes: &[u8]| {
    let split = bytes.iter().position(|&b| b == 0xFF).unwrap_or(bytes.len());
    let Some(draft) = common::document(&bytes[..split]) else {
        return;
    };
    // What a run reads of a draft before checking it.
    let _ = declared::sources(&draft);
    let _ = citations::references(&draft);
    let _ = suppress::Suppressions::of(&draft);
    let drafts = [draft];
    let plan = Plan {
        sources: vec![0],
        ..Plan::default()
    };
    let audit = Audit::of(vec![INDEX.check(&drafts[0], &plan)]);
    check_spans(&audit, &drafts[0]);
    render(&audit, &drafts);

    let Some(source) = common::document(bytes.get(split + 1..).unwrap_or_default()) else {
        return;
    };
    let options = Options {
        strict_quotes: bytes.first().is_some_and(|b| b & 2 == 2),
        ..Options::default()
    };
    let fixed = Document::from_text("draft.md".into(), DRAFT.to_string(), Format::Markdown);
    let both = [fixed, drafts.into_iter().next().expect("one draft")];
    let audit = check::check(
        &both,
        std::slice::from_ref(&source),
        &common::RULES,
        &options,
    );
    check_spans(&audit, &both[1]);
    render(&audit, &both);
});

/// Every finding of the last draft of `audit` lies in `draft`.
fn check_spans(audit: &Audit, draft: &Document) {
    if let Some(document) = audit.documents.last() {
        for finding in &document.findings {
            common::assert_span(&draft.text, finding.range);
        }
    }
}

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
