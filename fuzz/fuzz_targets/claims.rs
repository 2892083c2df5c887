//! The rule engine on any text: no panic; every claim, quotation, figure
//! and warning span lies in the text on character boundaries; the outputs
//! render, and the human output carries no raw control character.
#![no_main]

#[path = "common.rs"]
mod common;

use claimtrace::report::claims as report;
use claimtrace::{claims, segment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(document) = common::document(bytes) else {
        return;
    };
    let sentences = segment::sentences(&document, &common::RULES.segment);
    let found = claims::extract(&document, &sentences, &common::RULES);
    for claim in &found.claims {
        common::assert_span(&document.text, claim.span);
        for quote in &claim.quotes {
            common::assert_span(&document.text, quote.span);
        }
        for figure in &claim.figures {
            common::assert_span(&document.text, figure.span);
        }
        if let Some(content) = claim.content {
            common::assert_span(&document.text, content);
        }
    }
    for warning in &found.warnings {
        common::assert_span(&document.text, warning.span);
    }
    let mut sink = std::io::sink();
    report::write_json(&mut sink, &document, &found).expect("a sink takes anything");
    let mut human = Vec::new();
    report::write_human(&mut human, &document, &found, 80).expect("a vector takes anything");
    common::assert_inert(&human);
});
