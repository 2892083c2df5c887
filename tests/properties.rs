//! Invariants of the document model and the tokenizer on arbitrary input:
//! no panic, every span in bounds and on character boundaries, sentences in
//! order and non-overlapping, each sentence's text exactly its slice of the
//! file and free of surrounding whitespace.

use claimtrace::check;
use claimtrace::claims;
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;
use std::sync::LazyLock;

/// The seed article, as a source every generated draft is checked against.
fn seed_source() -> Document {
    let text = include_str!("../seeds/india-eu-security-defence.txt").to_string();
    Document::from_text("seed.txt".into(), text, Format::Plain)
}

/// Built once: compiling the rules for every case would dominate the run.
static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);
use proptest::prelude::*;

fn check_invariants(text: &str, format: Format) {
    let document = Document::from_text("prop".into(), text.to_string(), format);
    let mut previous_end = 0;
    for (index, block) in document.blocks.iter().enumerate() {
        assert!(block.span.start >= previous_end, "blocks overlap");
        assert_eq!(document.blocks.get(index), Some(block));
        assert_eq!(document.blocks.index_of(block.span.start), index);
        for piece in block.pieces {
            assert!(block.span.contains(*piece));
            assert!(text.is_char_boundary(piece.start) && text.is_char_boundary(piece.end));
        }
        previous_end = block.span.end;
    }
    let sentences = segment::sentences(&document, &RULES);
    let mut previous_end = 0;
    let mut locator = document.locator();
    for (index, sentence) in sentences.iter().enumerate() {
        let span = sentence.span;
        assert_eq!(sentence.index, index);
        assert!(
            span.start >= previous_end,
            "sentences out of order or overlapping"
        );
        assert!(
            span.start < span.end && span.end <= text.len(),
            "span out of bounds"
        );
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert_eq!(sentence.text, &text[span.start..span.end]);
        assert_eq!(sentence.text.trim(), sentence.text, "untrimmed sentence");
        let at = locator.locate(span);
        assert!(
            at.line >= 1 && at.column >= 1 && (at.end_line, at.end_column) >= (at.line, at.column)
        );
        previous_end = span.end;
    }
    check_claims(&document, &sentences);
}

/// Claims on any input: one per sentence, every span (quote, figure,
/// warning) in bounds and on character boundaries.
fn check_claims(document: &Document, sentences: &[segment::Sentence<'_>]) {
    let text = &document.text;
    let in_bounds = |span: claimtrace::span::Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let result = claims::extract(document, sentences, &RULES);
    assert_eq!(result.claims.len(), sentences.len());
    for claim in &result.claims {
        for quote in &claim.quotes {
            assert!(in_bounds(quote.span));
        }
        for figure in &claim.figures {
            assert!(in_bounds(figure.span));
            assert_eq!(figure.text, &text[figure.span.start..figure.span.end]);
        }
    }
    for warning in &result.warnings {
        assert!(in_bounds(warning.span));
    }
}

/// Fragments of news prose and of the punctuation the tokenizer reasons
/// about, so that random input reaches its rules.
fn prose() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("Mr.".to_string()),
        Just("U.S.".to_string()),
        Just("S.".to_string()),
        Just("1.".to_string()),
        Just("2)".to_string()),
        Just("a.".to_string()),
        Just("etc.".to_string()),
        Just("No.".to_string()),
        Just("...".to_string()),
        Just(". . .".to_string()),
        Just("…".to_string()),
        Just("?!".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("•".to_string()),
        Just("said".to_string()),
        Just("The".to_string()),
        Just("€1.5".to_string()),
        Just("Rs 2 lakh crore".to_string()),
        Just("a third".to_string()),
        Just("twenty-seven".to_string()),
        Just("March 2025".to_string()),
        Just("up to".to_string()),
        Just("Singh said".to_string()),
        Just(", she added.".to_string()),
        Just("according to".to_string()),
        Just("quoted the PM as saying".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\u{feff}".to_string()),
        // Quotation conventions of real copy.
        Just("''".to_string()),
        Just("'''".to_string()),
        Just("``".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just("―".to_string()),
        Just("WALLACE:".to_string()),
        Just("the Ohio-born developer".to_string()),
        Just("Sen. Ann Doyle (D-Ore.)".to_string()),
        Just("people familiar with the matter".to_string()),
        // Words with non-ASCII spacing and punctuation inside them, where a
        // byte offset can fall inside a character.
        "[a-zA-Z]{1,8}",
        "[a-zA-Z]{1,4}[\u{a0}\u{2009}\u{202f}\u{2011}\u{2013}\u{2014}\u{2019}\u{2026}\u{3000}\u{feff}][a-zA-Z]{1,4}",
        "[ \t\u{a0}\u{2009}\u{202f}\u{2007}\u{2028}\u{3000}]{1,3}",
        "(\n|\r\n|\r){1,3}",
    ];
    prop::collection::vec(fragment, 0..60).prop_map(|parts| parts.join(" "))
}

/// Markdown-ish fragments: block and inline syntax mixed with prose.
fn markdownish() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("*".to_string()),
        Just("**".to_string()),
        Just("_".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("    ".to_string()),
        Just("[".to_string()),
        Just("](http://x.y/a.b)".to_string()),
        Just("![alt. text](i.png)".to_string()),
        Just("<!-- c. -->".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: src.txt\n".to_string()),
        Just("---\n".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("\\\n".to_string()),
        Just("  \n".to_string()),
        prose(),
    ];
    prop::collection::vec(fragment, 0..30).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_plain(text in any::<String>()) {
        check_invariants(&text, Format::Plain);
    }

    #[test]
    fn arbitrary_strings_markdown(text in any::<String>()) {
        check_invariants(&text, Format::Markdown);
    }

    #[test]
    fn news_like_prose(text in prose()) {
        check_invariants(&text, Format::Plain);
        check_invariants(&text, Format::Markdown);
    }

    #[test]
    fn markdown_like_input(text in markdownish()) {
        check_invariants(&text, Format::Markdown);
        check_invariants(&text, Format::Plain);
    }

    #[test]
    fn checking_any_draft_never_panics(text in markdownish()) {
        let draft = Document::from_text("draft.md".into(), text.clone(), Format::Markdown);
        let source = Document::from_text("source.txt".into(), text, Format::Plain);
        let audit = check::check(&[draft], &[source, seed_source()], &RULES, &check::Options::default());
        prop_assert_eq!(audit.documents.len(), 1);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        // Either refused with an error, or read and tokenized.
        if let Ok(document) = Document::from_bytes("prop".into(), bytes, Format::Markdown) {
                    segment::sentences(&document, &RULES);
        }
    }
}
