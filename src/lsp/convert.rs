//! A draft's audit in the protocol's terms: its findings as diagnostics,
//! the code actions that fix or silence them, and the hover text of a
//! claim.
//!
//! Nothing here checks anything: every diagnostic, edit and hover is read
//! from the [`DocumentAudit`] the library made, as the command line's
//! reports are.
//!
//! * A **diagnostic** has the finding's severity, its kind as `code` with
//!   `codeDescription` linking to the kind's documentation, the message of
//!   the human output (with its `help:` when the finding has a fix), and
//!   the source evidence as `relatedInformation`, so an editor can jump to
//!   the source passage.
//! * **Code actions**: a finding whose fix is a plain replacement (a
//!   misquote's source wording, the source's figure) can be applied; any
//!   finding in Markdown can be silenced with a
//!   `<!-- claimtrace-disable-next-line KIND -->` comment on the line
//!   before it.
//! * **Hover** on a claim shows its verdict, the findings under the cursor
//!   with the kind's documentation, and the source passages it traces to.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Hover, HoverContents, MarkupContent, MarkupKind, NumberOrString, Range,
    TextEdit, Uri, WorkspaceEdit,
};

use super::options::Options;
use super::position::Lines;
use crate::check::{ClaimAudit, DocumentAudit, Evidence, Finding, Severity, Verdict};
use crate::document::Format;
use crate::span::Span;

/// The name diagnostics give as their source.
pub const SOURCE: &str = "claimtrace";

/// A text the server turns spans of into ranges: a draft or a source.
pub struct Text<'a> {
    pub text: &'a str,
    pub lines: &'a Lines,
}

impl Text<'_> {
    pub fn range(&self, span: Span) -> Range {
        self.lines.range(self.text, span)
    }
}

/// Where a piece of evidence is, for an editor to open: finds the source
/// file by its display path.
pub trait Sources {
    fn locate(&mut self, evidence: &Evidence) -> Option<lsp_types::Location>;
}

/// The diagnostics of `audit` of `draft`.
pub fn diagnostics(
    audit: &DocumentAudit,
    draft: &Text<'_>,
    sources: &mut dyn Sources,
    options: &Options,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = audit
        .findings
        .iter()
        .map(|finding| diagnostic(finding, draft, sources, options))
        .collect();
    out.extend(audit.warnings.iter().map(|warning| {
        Diagnostic {
            range: warning
                .range
                .map_or_else(Range::default, |span| draft.range(span)),
            severity: Some(DiagnosticSeverity::WARNING),
            source: Some(SOURCE.to_string()),
            message: warning.message.clone(),
            ..Diagnostic::default()
        }
    }));
    out
}

fn diagnostic(
    finding: &Finding,
    draft: &Text<'_>,
    sources: &mut dyn Sources,
    options: &Options,
) -> Diagnostic {
    let mut message = finding.message.clone();
    if let Some(fix) = &finding.fix {
        message.push_str("\nhelp: ");
        message.push_str(fix);
    }
    let related = finding.evidence.as_ref().and_then(|evidence| {
        let location = sources.locate(evidence)?;
        Some(vec![DiagnosticRelatedInformation {
            location,
            message: format!("source: “{}”", one_line(&evidence.text)),
        }])
    });
    let href = options.documentation(finding.rule).parse::<Uri>().ok();
    Diagnostic {
        range: draft.range(finding.range),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.name().to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: related,
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostic of an error that kept a draft from being checked (bad
/// front matter, a refused source), on the line it names.
pub fn error_diagnostic(error: &crate::Error) -> Diagnostic {
    let line = match error {
        crate::Error::Declared { line, .. } | crate::Error::Rule { line, .. } => {
            line.saturating_sub(1)
        }
        _ => 0,
    };
    let line = u32::try_from(line).unwrap_or(u32::MAX);
    Diagnostic {
        range: Range::new(
            lsp_types::Position::new(line, 0),
            lsp_types::Position::new(line, u32::MAX),
        ),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message: one_line(&error.to_string()),
        ..Diagnostic::default()
    }
}

/// The code actions for the findings of `audit` that meet `span` of the
/// draft at `uri`: apply each one's fix, when it is a plain replacement,
/// and (in Markdown) silence it on its line.
pub fn code_actions(
    uri: &Uri,
    audit: &DocumentAudit,
    draft: &Text<'_>,
    format: Format,
    span: Span,
    sources: &mut dyn Sources,
    options: &Options,
) -> Vec<CodeAction> {
    let mut actions = Vec::new();
    let meets = |f: &&Finding| f.range.start <= span.end && span.start <= f.range.end;
    for finding in audit.findings.iter().filter(meets) {
        let diagnostic = diagnostic(finding, draft, sources, options);
        let edit = |edit: TextEdit| WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        };
        if let Some(replacement) = &finding.replacement {
            actions.push(CodeAction {
                title: format!("Use the source's words: “{}”", one_line(replacement)),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(TextEdit::new(
                    draft.range(finding.range),
                    replacement.clone(),
                ))),
                is_preferred: Some(true),
                ..CodeAction::default()
            });
        }
        if format == Format::Markdown {
            let (at, comment) = disable_comment(draft.text, finding);
            let position = draft.lines.position(draft.text, at);
            actions.push(CodeAction {
                title: format!("Silence {} on this line", finding.rule.name()),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(edit(TextEdit::new(Range::new(position, position), comment))),
                ..CodeAction::default()
            });
        }
    }
    actions
}

/// Where a directive silencing `finding` goes (the start of its line) and
/// the directive, indented as the line is and ending as the draft's lines
/// do.
fn disable_comment(text: &str, finding: &Finding) -> (usize, String) {
    let start = finding.range.start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|before| before.rfind(['\n', '\r']).map(|i| i + 1))
        .unwrap_or(0);
    let line = text.get(line_start..).unwrap_or_default();
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
    (
        line_start,
        format!(
            "{indent}<!-- claimtrace-disable-next-line {} -->{ending}",
            finding.rule.name()
        ),
    )
}

/// What hovering at byte `at` of the draft shows: the claim there, its
/// verdict and evidence, and the findings under the cursor.
pub fn hover(
    audit: &DocumentAudit,
    draft: &Text<'_>,
    at: usize,
    options: &Options,
) -> Option<Hover> {
    let claim = audit
        .claims
        .iter()
        .find(|c| c.span.start <= at && at < c.span.end.max(c.span.start + 1))?;
    let under: Vec<&Finding> = audit
        .findings
        .iter()
        .filter(|f| f.range.start <= at && at <= f.range.end)
        .collect();
    let mut text = String::new();
    text.push_str(&format!("**{}**", verdict(claim)));
    if let Some(speaker) = &claim.speaker {
        text.push_str(&format!(" · said by {speaker}"));
    }
    text.push_str(&format!(" · claim {}\n", claim.id));
    for finding in &under {
        let kind = finding.rule;
        text.push_str(&format!(
            "\n**{}[{}]**: {}\n",
            finding.severity.as_str(),
            kind.name(),
            finding.message
        ));
        if let Some(fix) = &finding.fix {
            text.push_str(&format!("\nhelp: {fix}\n"));
        }
        text.push_str(&format!(
            "\n{} ([documentation]({}))\n",
            kind.doc().what,
            options.documentation(kind)
        ));
    }
    let evidence: Vec<&Evidence> = under
        .iter()
        .filter_map(|f| f.evidence.as_ref())
        .chain(&claim.evidence)
        .collect();
    let mut shown: Vec<(&str, usize)> = Vec::new();
    for evidence in evidence {
        let key = (evidence.source.as_str(), evidence.span.start);
        if shown.contains(&key) {
            continue;
        }
        shown.push(key);
        text.push_str(&format!(
            "\nSource `{}:{}:{}`{}:\n\n> {}\n",
            evidence.source,
            evidence.span.line,
            evidence.span.column,
            evidence
                .derivation
                .as_ref()
                .map(|how| format!(" ({how})"))
                .unwrap_or_default(),
            one_line(&evidence.text)
        ));
    }
    if !claim.unsupported.is_empty() {
        let words: Vec<String> = claim
            .unsupported
            .iter()
            .map(|w| format!("“{}”", w.text))
            .collect();
        text.push_str(&format!("\nNo source uses {}\n", words.join(", ")));
    }
    let range = match under.first() {
        Some(finding) => finding.range,
        None => Span::new(claim.span.start, claim.span.end),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(draft.range(range)),
    })
}

fn verdict(claim: &ClaimAudit) -> &'static str {
    match claim.verdict {
        Verdict::Supported => "supported",
        Verdict::Contradicted => "contradicted",
        Verdict::Unsupported => "unsupported",
        Verdict::NotAClaim => "not a claim",
    }
}

/// Text on one line for an editor: runs of whitespace become one space,
/// and control, invisible and bidirectional characters are escaped as in
/// every other output ([`crate::report::text::one_line`]).
fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::report::text::one_line(&flat).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Kind;
    use crate::span::Location;

    fn finding_at(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).unwrap();
        let range = Span::new(start, start + needle.len());
        Finding {
            rule: Kind::Misquote,
            severity: Severity::Error,
            message: "m".into(),
            span: Location {
                start: range.start,
                end: range.end,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            },
            evidence: None,
            fix: None,
            confidence: crate::check::Confidence::High,
            range,
            replacement: None,
        }
    }

    #[test]
    fn disable_comment_keeps_indentation_and_line_endings() {
        let text = "Intro.\r\n\r\n  “Quoted,” she said.\r\n";
        let (at, comment) = disable_comment(text, &finding_at(text, "Quoted"));
        assert_eq!(at, text.find("  “").unwrap());
        assert_eq!(
            comment,
            "  <!-- claimtrace-disable-next-line misquote -->\r\n"
        );
        let text = "“Quoted,” she said.";
        let (at, comment) = disable_comment(text, &finding_at(text, "Quoted"));
        assert_eq!(at, 0);
        assert!(comment.ends_with("-->\n"));
    }
}
