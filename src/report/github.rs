//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request's diff.
//!
//! One `::error` / `::warning` / `::notice` command a finding, with the
//! file, line, column, end line, end column and rule as properties, then a
//! plain summary line. Input warnings, files skipped and inputs that could
//! not be checked are annotated too. Text from inputs can never end a
//! command or start another: its control characters (line breaks, ANSI
//! escapes) are written as visible escapes, then the runner's escaping is
//! applied: in the message `%` and our own line breaks; in properties also
//! `:` and `,`.

use std::io::{self, Write};

use super::text::one_line;
use crate::check::{Audit, Severity};

/// Writes one workflow command a finding, then a summary.
pub fn write(out: &mut impl Write, audit: &Audit) -> io::Result<()> {
    for document in &audit.documents {
        for finding in &document.findings {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let span = &finding.span;
            // Our own line breaks separate the parts; the parts, from
            // inputs, are each kept on one line.
            let mut message = one_line(&finding.message).into_owned();
            if let Some(fix) = &finding.fix {
                message.push_str(&format!("\nhelp: {}", one_line(fix)));
            }
            if let Some(evidence) = &finding.evidence {
                message.push_str(&format!(
                    "\nsource {}:{}:{}: “{}”",
                    one_line(&evidence.source),
                    evidence.span.line,
                    evidence.span.column,
                    one_line(&evidence.text)
                ));
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(&document.path),
                span.line,
                span.column,
                span.end_line,
                span.end_column,
                property(&format!("claimtrace {}", finding.rule.name())),
                data(&message),
            )?;
        }
    }
    for document in &audit.documents {
        for warning in &document.warnings {
            let position = warning
                .span
                .map(|span| {
                    format!(
                        ",line={},col={},endLine={},endColumn={}",
                        span.line, span.column, span.end_line, span.end_column
                    )
                })
                .unwrap_or_default();
            writeln!(
                out,
                "::warning file={}{position},title=claimtrace::{}",
                property(&document.path),
                data(&warning.message),
            )?;
        }
    }
    // Files skipped and inputs that could not be checked are annotated
    // too, so a gate's log shows them beside the findings.
    let problems = audit
        .skipped
        .iter()
        .map(|p| ("warning", p))
        .chain(audit.errors.iter().map(|p| ("error", p)));
    for (command, problem) in problems {
        let file = problem
            .path
            .as_deref()
            .map(|path| format!("file={},", property(path)))
            .unwrap_or_default();
        writeln!(
            out,
            "::{command} {file}title=claimtrace::{}",
            data(&problem.message)
        )?;
    }
    writeln!(
        out,
        "claimtrace: {}",
        super::check::summary_line(&audit.summary)
    )
}

/// Escapes a command's message: control characters as visible escapes,
/// then the runner's own escaping (our line breaks become `%0A`).
fn data(text: &str) -> String {
    text.split('\n')
        .map(|line| one_line(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
        .replace('%', "%25")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: every control character, and
/// `%`, `:` and `,`.
fn property(text: &str) -> String {
    one_line(text)
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("100% sure\r\nnext"), "100%25 sure\\r%0Anext");
        assert_eq!(data("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(
            property("x\n::error file=y::z"),
            "x\\n%3A%3Aerror file=y%3A%3Az"
        );
    }
}
