//! `--format sarif`: the audit as a SARIF 2.1.0 log, for GitHub code
//! scanning and other SARIF viewers.
//!
//! One run; the tool's driver lists every finding kind as a rule with its
//! documentation; each finding is a result with its rule, level, message
//! and the offending words' location (columns in Unicode code points, as
//! everywhere in claimtrace), the source evidence as a related location,
//! and a partial fingerprint (a hash of the rule, the draft's path and the
//! offending words) so an alert keeps its identity when lines move. Input
//! warnings, files skipped and inputs that could not be checked are the
//! run's `toolExecutionNotifications`. Messages are kept on one line.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeSeq;
use serde_json::{Value, json};

use super::text::one_line;
use crate::check::{Audit, Finding, Kind, Severity};
use crate::document::Document;
use crate::span::Location;

/// The log, its keys in the sorted order of a JSON object; the results
/// are written one at a time as they are made, never held all at once.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    invocations: Option<Value>,
    results: Results<'a>,
    tool: Value,
}

/// Every finding of the audit as a SARIF result, made while written.
struct Results<'a> {
    audit: &'a Audit,
    drafts: &'a [Document],
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut results = serializer.serialize_seq(None)?;
        for (document, draft) in self.audit.documents.iter().zip(self.drafts) {
            for finding in &document.findings {
                let offending = draft.text.get(finding.range.start..finding.range.end);
                results.serialize_element(&result(
                    &document.path,
                    finding,
                    offending.unwrap_or_default(),
                ))?;
            }
        }
        results.end()
    }
}

/// Writes the audit of `drafts` (in the audit's order) as a SARIF log.
pub fn write(out: &mut impl Write, audit: &Audit, drafts: &[Document]) -> io::Result<()> {
    // A kind only an archive check reports is listed only when reported
    // (see `Kind::needs_archive`); such kinds come last in the registry, so
    // every other rule keeps its index.
    let reported = |kind: Kind| {
        audit
            .documents
            .iter()
            .flat_map(|d| &d.findings)
            .any(|f| f.rule == kind)
    };
    let rules: Vec<Value> = Kind::ALL
        .iter()
        .filter(|kind| !kind.needs_archive() || reported(**kind))
        .map(|kind| rule(*kind))
        .collect();
    let tool = json!({
        "driver": {
            "name": "claimtrace",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }
    });
    // Input warnings, files skipped and inputs that could not be checked
    // are the tool's own notifications about the run, not results.
    let warnings = audit.documents.iter().flat_map(|document| {
        document.warnings.iter().map(|warning| {
            let place = match &warning.span {
                Some(span) => location(&document.path, span),
                None => json!({
                    "physicalLocation": { "artifactLocation": { "uri": uri(&document.path) } }
                }),
            };
            json!({
                "level": "warning",
                "message": { "text": one_line(&warning.message) },
                "locations": [place],
            })
        })
    });
    let problems = audit
        .skipped
        .iter()
        .map(|p| ("warning", p))
        .chain(audit.errors.iter().map(|p| ("error", p)))
        .map(|(level, problem)| {
            let mut notification = json!({
                "level": level,
                "message": { "text": one_line(&problem.message) },
            });
            if let Some(path) = &problem.path {
                notification["locations"] = json!([{
                    "physicalLocation": { "artifactLocation": { "uri": uri(path) } }
                }]);
            }
            notification
        });
    // With --diff, the findings left out on unchanged lines are said.
    let unchanged = (audit.summary.unchanged > 0).then(|| {
        let n = audit.summary.unchanged;
        json!({
            "level": "note",
            "message": { "text": format!(
                "{n} {} on unchanged lines left out",
                if n == 1 { "finding" } else { "findings" }
            ) },
        })
    });
    let notifications: Vec<Value> = warnings.chain(problems).chain(unchanged).collect();
    let invocations = (!notifications.is_empty()).then(|| {
        json!([{
            "executionSuccessful": audit.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        }])
    });
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations,
            results: Results { audit, drafts },
            tool,
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn rule(kind: Kind) -> Value {
    let doc = kind.doc();
    let short = doc.what.split(". ").next().unwrap_or(doc.what);
    json!({
        "id": kind.name(),
        "name": kind.name(),
        "shortDescription": { "text": short },
        "fullDescription": { "text": doc.what },
        "help": {
            "text": format!("{}\n\nWhy is this bad?\n{}\n\nExample\n{}", doc.what, doc.why, doc.example),
            "markdown": format!("{}\n\n**Why is this bad?** {}\n\n**Example**\n\n```text\n{}\n```", doc.what, doc.why, doc.example),
        },
        "defaultConfiguration": { "level": level(kind.default_severity()) },
    })
}

fn result(path: &str, finding: &Finding, offending: &str) -> Value {
    let rule_index = Kind::ALL
        .iter()
        .position(|k| *k == finding.rule)
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": finding.rule.name(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": message(finding) },
        "locations": [location(path, &finding.span)],
        "partialFingerprints": {
            "claimtraceFinding/v1": fingerprint(&[finding.rule.name(), path, offending]),
        },
    });
    if let Some(evidence) = &finding.evidence {
        result["relatedLocations"] = json!([{
            "id": 1,
            "message": { "text": format!("source: “{}”", one_line(&evidence.text)) },
            "physicalLocation": location(&evidence.source, &evidence.span)["physicalLocation"].clone(),
        }]);
    }
    result
}

/// The message, with the fix when one is known, on one line.
fn message(finding: &Finding) -> String {
    let text = one_line(&finding.message);
    match &finding.fix {
        Some(fix) => format!("{text} (fix: {})", one_line(fix)),
        None => text.into_owned(),
    }
}

fn location(path: &str, span: &Location) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(path) },
            "region": {
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": span.end_line,
                "endColumn": span.end_column,
            }
        }
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/`-separated, with every byte
/// outside the unreserved set percent-encoded. A byte that is not UTF-8,
/// shown `\x{e9}` in the path's text ([`crate::report::text::path`]), is
/// encoded as itself (`%E9`).
fn uri(path: &str) -> String {
    let bytes = path_bytes(path);
    let bytes = bytes.strip_prefix(b"./").unwrap_or(&bytes);
    let mut out = String::with_capacity(bytes.len());
    for &byte in bytes {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The bytes of a path shown as text: `\x{hh}` is the byte it stands for,
/// and a backslash otherwise a separator.
fn path_bytes(path: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(path.len());
    let mut rest = path;
    while let Some(at) = rest.find('\\') {
        bytes.extend_from_slice(&rest.as_bytes()[..at]);
        let after = &rest[at + 1..];
        let escaped = after
            .strip_prefix("x{")
            .and_then(|hex| hex.get(..3).filter(|h| h.ends_with('}')))
            .and_then(|hex| u8::from_str_radix(&hex[..2], 16).ok());
        match escaped {
            Some(byte) => {
                bytes.push(byte);
                rest = &after[5..];
            }
            None => {
                bytes.push(b'/');
                rest = after;
            }
        }
    }
    bytes.extend_from_slice(rest.as_bytes());
    bytes
}

/// A stable hash (FNV-1a, 64 bits, hex) of the parts, separated so that
/// ("ab", "c") and ("a", "bc") differ.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("./drafts/My draft#1.md"), "drafts/My%20draft%231.md");
        assert_eq!(uri("a\\b.md"), "a/b.md");
        assert_eq!(uri("drafts/caf\\x{e9}.md"), "drafts/caf%E9.md");
        assert_eq!(uri("x\\x{zz}.md"), "x/x%7Bzz%7D.md");
    }

    #[test]
    fn fingerprints_separate_parts() {
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["x"]), fingerprint(&["x"]));
    }
}
