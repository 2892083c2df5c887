//! Output of `claimtrace check`.
//!
//! JSON: the [`Audit`] as documented in the README, for fact-checkers to
//! file. Human: one rustc-style diagnostic an input warning and a finding,
//! rendered by `annotate-snippets`: the rule and message, the draft line
//! with the offending words marked (at most `CONTEXT` bytes either side
//! of them on a long line, so the work per finding never grows with the
//! line), a note with the source evidence and a `help:` with the fix when
//! one is known; then a summary line. Text from inputs is escaped
//! ([`super::text`]).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::text::{one_line, visible};
use crate::check::{Audit, Finding, Severity, Summary};
use crate::document::Document;
use crate::span::{Location, Span};

/// Writes the audit as one JSON object and a newline.
pub fn write_json(out: &mut impl Write, audit: &Audit) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, audit)?;
    writeln!(out)
}

/// Writes every input warning and finding as a diagnostic, then a
/// summary. `drafts` are the documents the audit is of, in the same order;
/// `styled` turns colour on.
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
        for warning in &document.warnings {
            let diagnostic = Diagnostic {
                level: Level::WARNING,
                rule: None,
                message: &warning.message,
                at: warning.range.zip(warning.span.as_ref()),
                note: None,
                help: None,
            };
            writeln!(out, "{}\n", diagnostic.render(&renderer, styled, draft))?;
        }
        for finding in &document.findings {
            writeln!(
                out,
                "{}\n",
                finding_diagnostic(finding).render(&renderer, styled, draft)
            )?;
        }
    }
    writeln!(out, "{}", summary_line(&audit.summary))
}

/// The closing line of a check: totals of findings and claims, of files
/// skipped when some were, and of findings left out on unchanged lines
/// (`--diff`) when some were.
pub fn summary_line(s: &Summary) -> String {
    let skipped = match s.skipped {
        0 => String::new(),
        n => format!("; {n} {} skipped", plural(n, "file", "files")),
    };
    let unchanged = match s.unchanged {
        0 => String::new(),
        n => format!(
            "; {n} {} on unchanged lines left out",
            plural(n, "finding", "findings")
        ),
    };
    format!(
        "{} {}, {} {} in {} {} ({} {}: {} supported, {} contradicted, {} unsupported, {} not a claim){skipped}{unchanged}",
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

/// How much of a long line is shown either side of the words a
/// diagnostic marks, in bytes: enough to read them in context, and bounded
/// so the work per diagnostic never grows with the line.
const CONTEXT: usize = 240;

/// One diagnostic to draw: a finding or an input warning.
struct Diagnostic<'a> {
    level: Level<'a>,
    rule: Option<&'static str>,
    message: &'a str,
    /// The words marked, and where they are; `None` for a diagnostic about
    /// the whole draft.
    at: Option<(Span, &'a Location)>,
    note: Option<String>,
    help: Option<&'a str>,
}

fn finding_diagnostic(finding: &Finding) -> Diagnostic<'_> {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let note = finding.evidence.as_ref().map(|evidence| {
        let mut note = format!(
            "source {}:{}:{} ({}): “{}”",
            one_line(&evidence.source),
            evidence.span.line,
            evidence.span.column,
            evidence.claim,
            one_line(&evidence.text)
        );
        if let Some(how) = &evidence.derivation {
            note.push_str(&format!(" ({})", one_line(how)));
        }
        note
    });
    Diagnostic {
        level,
        rule: Some(finding.rule.name()),
        message: &finding.message,
        at: Some((finding.range, &finding.span)),
        note,
        help: finding.fix.as_deref(),
    }
}

impl Diagnostic<'_> {
    /// The diagnostic, rustc-style: the title, the draft's lines around the
    /// range with the range marked, then the note and help.
    fn render(&self, renderer: &Renderer, styled: bool, draft: &Document) -> String {
        let message = one_line(self.message);
        let title = self.level.clone().primary_title(message);
        let title = match self.rule {
            Some(rule) => title.id(rule),
            None => title,
        };
        let (mut group, position, last_line) = match self.at {
            Some((range, location)) => {
                let excerpt = Excerpt::of(&draft.text, range);
                let snippet = Snippet::source(excerpt.text)
                    .line_start(location.line)
                    .annotation(AnnotationKind::Primary.span(excerpt.range));
                let position = format!(":{}:{}", location.line, location.column);
                (title.element(snippet), position, location.end_line)
            }
            None => (Group::with_title(title), String::new(), 1),
        };
        if let Some(note) = &self.note {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = self.help {
            group = group.element(Level::HELP.message(one_line(help)));
        }
        let rendered = renderer.render(&[group]);
        // The ` --> path:line:column` line is written here, not by the
        // renderer: it would count the column in the excerpt, which on a
        // long line starts after the line does.
        let (title, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
        let gutter = " ".repeat(last_line.to_string().len());
        let arrow = if styled {
            "\x1b[1m\x1b[94m--> \x1b[0m"
        } else {
            "--> "
        };
        let path = one_line(&draft.display_path()).into_owned();
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!("\n{rest}")
        };
        format!("{title}\n{gutter}{arrow}{path}{position}{rest}")
    }
}

/// The draft text a diagnostic shows: the lines `range` covers, cut to
/// [`CONTEXT`] bytes either side of it on a long line (marked `…`), with
/// control characters made visible; and `range` within it.
struct Excerpt {
    text: String,
    range: std::ops::Range<usize>,
}

impl Excerpt {
    fn of(text: &str, range: Span) -> Excerpt {
        // A range is on character boundaries by construction; snapping it
        // costs nothing and keeps a wrong one from ever panicking here.
        let start = floor_boundary(text, range.start);
        let range = Span::new(start, ceil_boundary(text, range.end.max(start)));
        let bytes = text.as_bytes();
        let is_break = |b: &u8| matches!(b, b'\n' | b'\r');
        let reach_back = floor_boundary(text, range.start.saturating_sub(CONTEXT));
        let (start, cut_before) = match bytes[reach_back..range.start].iter().rposition(is_break) {
            Some(at) => (reach_back + at + 1, false),
            None if reach_back == 0 => (0, false),
            None => (reach_back, true),
        };
        let reach_on = ceil_boundary(text, (range.end + CONTEXT).min(text.len()));
        let (end, cut_after) = match bytes[range.end..reach_on].iter().position(is_break) {
            Some(at) => (range.end + at, false),
            None if reach_on == text.len() => (text.len(), false),
            None => (reach_on, true),
        };
        let mut shown = String::new();
        if cut_before {
            shown.push('…');
        }
        shown.push_str(&visible(&text[start..range.start]));
        let marked_start = shown.len();
        shown.push_str(&visible(&text[range.start..range.end]));
        let marked_end = shown.len();
        shown.push_str(&visible(&text[range.end..end]));
        if cut_after {
            shown.push('…');
        }
        Excerpt {
            text: shown,
            range: marked_start..marked_end,
        }
    }
}

/// The nearest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The nearest character boundary of `text` at or after `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    (at..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_the_marked_words() {
        let text = format!("{}MARK{}\nnext", "€".repeat(500), "x".repeat(500));
        let start = text.find("MARK").unwrap();
        let excerpt = Excerpt::of(&text, Span::new(start, start + 4));
        assert_eq!(&excerpt.text[excerpt.range.clone()], "MARK");
        assert!(excerpt.text.starts_with('…') && excerpt.text.ends_with('…'));
        assert!(excerpt.text.len() <= 2 * CONTEXT + 4 + 2 * '…'.len_utf8() + 3);
    }

    #[test]
    fn short_lines_are_shown_whole_with_controls_made_visible() {
        let text = "before\nsaid \u{1b}[2J “words” here\nafter";
        let start = text.find('“').unwrap();
        let excerpt = Excerpt::of(text, Span::new(start, start + "“words”".len()));
        assert_eq!(excerpt.text, "said \u{241b}[2J “words” here");
        assert_eq!(&excerpt.text[excerpt.range], "“words”");
    }

    #[test]
    fn a_range_off_character_boundaries_does_not_panic() {
        let text = "a€b";
        let excerpt = Excerpt::of(text, Span::new(2, 3));
        assert_eq!(&excerpt.text[excerpt.range], "€");
        let excerpt = Excerpt::of(text, Span::new(9, 12));
        assert!(excerpt.range.is_empty());
    }
}
