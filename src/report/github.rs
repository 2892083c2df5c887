//! `--format github`: GitHub Actions workflow commands, which the runner
//! turns into annotations on the pull request's diff.
//!
//! One `::error` / `::warning` / `::notice` command a finding, with the
//! file, line, column, end line, end column and rule as properties, then a
//! plain summary line. The runner's escaping is applied: in the message
//! `%`, CR and LF; in properties also `:` and `,`.

use std::io::{self, Write};

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
            let mut message = finding.message.clone();
            if let Some(fix) = &finding.fix {
                message.push_str(&format!("\nhelp: {fix}"));
            }
            if let Some(evidence) = &finding.evidence {
                message.push_str(&format!(
                    "\nsource {}:{}:{}: “{}”",
                    evidence.source, evidence.span.line, evidence.span.column, evidence.text
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
    writeln!(
        out,
        "claimtrace: {}",
        super::check::summary_line(&audit.summary)
    )
}

/// Escapes a command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
