//! `--format html`: the audit as one self-contained page that a
//! fact-checker reads claim by claim.
//!
//! The page holds every checked draft: its text with each claim marked by
//! its verdict (colour, an icon and a text label, so it reads without
//! colour and in print), a summary per draft and for the run, filters by
//! finding kind and severity, and a list of findings that jumps to each.
//! Selecting a claim (click, Enter or Space) shows beside the text the
//! source passages it traces to, its findings with their message and fix,
//! and the words where the draft and the source differ highlighted in both.
//!
//! **Built from the JSON audit.** The view ([`view`]) is made from the
//! audit's JSON value, so the page shows nothing the JSON lacks, and reads
//! it generically so that verdicts, kinds and fields the checker adds later
//! show without changes here.
//!
//! **A template, and safe by construction.** The markup is an `askama`
//! template (`templates/report.html`), compiled with the crate and checked
//! by the compiler against the view's types; askama escapes every value it
//! prints into HTML, so draft and source text can never become markup. The
//! script never parses HTML: the detail of each claim is rendered by the
//! template into an inert `<template>` element, which the script clones.
//! Styles and the script are inline and nothing else is loaded: a
//! Content-Security-Policy meta tag allows exactly that style and that
//! script by their SHA-256 hashes, and nothing from anywhere else (no
//! fonts, images, frames, connections or form targets).
//!
//! **Fast on large runs.** Each draft is a section the browser skips laying
//! out until it is scrolled near (`content-visibility: auto`), and the
//! filters toggle the `hidden` attribute of elements found once, so a
//! report of a thousand drafts opens and filters without freezing (see
//! `bench/html-report.sh`).

mod diff;
mod view;

use std::io::{self, Write};

use askama::Template;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::check::Audit;

use view::Page;

/// The page's style sheet and script, inlined.
const STYLE: &str = include_str!("../../templates/report.css");
const SCRIPT: &str = include_str!("../../templates/report.js");

#[derive(Template)]
#[template(path = "report.html", whitespace = "minimize")]
struct Report<'a> {
    page: &'a Page,
    policy: &'a str,
    style: &'static str,
    script: &'static str,
    version: &'static str,
}

/// Writes the audit as one HTML page.
pub fn write(out: &mut impl Write, audit: &Audit) -> io::Result<()> {
    let value = serde_json::to_value(audit).map_err(io::Error::other)?;
    let page = Page::from_audit(&value);
    let policy = content_security_policy();
    let report = Report {
        page: &page,
        policy: &policy,
        style: STYLE,
        script: SCRIPT,
        version: env!("CARGO_PKG_VERSION"),
    };
    report.write_into(out)
}

/// The page's Content-Security-Policy: nothing may load or run but the
/// inline style and script, named by hash.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; style-src '{}'; script-src '{}'; img-src 'none'; \
         font-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; \
         base-uri 'none'; form-action 'none'",
        hash(STYLE),
        hash(SCRIPT)
    )
}

/// A CSP source expression for inline content: `sha256-` and the base64
/// of its SHA-256 digest.
fn hash(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_csp_source_expressions() {
        // SHA-256 of the empty string in base64 (as `openssl dgst -sha256
        // -binary | base64` gives it), as CSP writes it.
        assert_eq!(
            hash(""),
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn the_inline_script_cannot_end_its_element_early() {
        // Inline content ends at the first `</script` or `</style`
        // whatever its quoting: neither may appear in our own code.
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!STYLE.to_ascii_lowercase().contains("</style"));
    }
}
