//! The sentence tokenizer on any text, plain or Markdown: no panic; every
//! sentence is the exact, trimmed text of its span, in order, without
//! overlap; the JSON and human outputs render.
#![no_main]

#[path = "common.rs"]
mod common;

use claimtrace::report::sentences;
use claimtrace::segment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some(document) = common::document(bytes) else {
        return;
    };
    let found = segment::sentences(&document, &common::RULES.segment);
    let mut previous_end = 0;
    for sentence in &found {
        common::assert_span(&document.text, sentence.span);
        assert_eq!(sentence.text, document.slice(sentence.span));
        assert_eq!(sentence.text, sentence.text.trim(), "untrimmed sentence");
        assert!(sentence.span.start >= previous_end, "sentences overlap");
        previous_end = sentence.span.end;
    }
    let mut sink = std::io::sink();
    sentences::write_json(&mut sink, &document, &found).expect("a sink takes anything");
    let mut human = Vec::new();
    sentences::write_human(&mut human, &document, &found).expect("a vector takes anything");
    common::assert_inert(&human);
});
