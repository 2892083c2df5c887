//! Output of `claimtrace check`.
//!
//! JSON: the [`Audit`] as documented in the README, for fact-checkers to
//! file. Human: one rustc-style diagnostic a finding, rendered by
//! `annotate-snippets`: the rule and message, the draft line with the
//! offending words marked, a note with the source evidence and a `help:`
//! with the fix when one is known; then a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::check::{Audit, Finding, Severity, Summary};
use crate::document::Document;

/// Writes the audit as one JSON object and a newline.
pub fn write_json(out: &mut impl Write, audit: &Audit) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, audit)?;
    writeln!(out)
}

/// Writes every finding as a diagnostic, then a summary. `drafts` are the
/// documents the audit is of, in the same order; `styled` turns colour on.
pub fn write_human(
    out: &mut impl Write,
    audit: &Audit,
    drafts: &[Document],
    styled: bool,
) -> io::Result<()> {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for (document, draft) in audit.documents.iter().zip(drafts) {
        for finding in &document.findings {
            writeln!(out, "{}\n", render(&renderer, finding, draft))?;
        }
    }
    writeln!(out, "{}", summary_line(&audit.summary))
}

/// The closing line of a check: totals of findings and claims.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{} {}, {} {} in {} {} ({} {}: {} supported, {} contradicted, {} unsupported, {} not a claim)",
        s.errors,
        plural(s.errors, "error", "errors"),
        s.warnings,
        plural(s.warnings, "warning", "warnings"),
        s.documents,
        plural(s.documents, "document", "documents"),
        s.claims,
        plural(s.claims, "claim", "claims"),
        s.supported,
        s.contradicted,
        s.unsupported,
        s.not_a_claim,
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// One finding as a rustc-style diagnostic.
fn render(renderer: &Renderer, finding: &Finding, draft: &Document) -> String {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    // Only the lines the span covers are handed to the renderer, so the
    // work per finding does not grow with the draft.
    let text = &draft.text;
    let line_start = text[..finding.range.start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let line_end = text[finding.range.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| finding.range.end + i);
    let source = &text[line_start..line_end];
    let range = finding.range.start - line_start..finding.range.end - line_start;
    let path = draft.display_path();
    let mut group = level
        .primary_title(finding.message.as_str())
        .id(finding.rule.name())
        .element(
            Snippet::source(source)
                .line_start(finding.span.line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(range)),
        );
    if let Some(evidence) = &finding.evidence {
        let mut note = format!(
            "source {}:{}:{} ({}): “{}”",
            evidence.source,
            evidence.span.line,
            evidence.span.column,
            evidence.claim,
            evidence.text
        );
        if let Some(how) = &evidence.derivation {
            note.push_str(&format!(" ({how})"));
        }
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(fix) = &finding.fix {
        group = group.element(Level::HELP.message(fix.as_str()));
    }
    let groups = [group];
    renderer.render(&groups)
}
