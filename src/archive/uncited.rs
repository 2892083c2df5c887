//! `uncited-source` findings: claims that only archive files the draft
//! does not cite hold (see [`crate::check::kinds::uncited_source`]).
//!
//! Found after the check, from its audit: a claim whose verdict is
//! *supported* and whose every piece of evidence is in a file the archive
//! brought in (not named with `--source`, in front matter or in a
//! footnote). The finding is `info`: the claim is right, only its
//! citation is missing. It honours `[severity]` in `claimtrace.toml` and
//! the draft's suppression comments, as every finding does.

use crate::check::kinds::uncited_source::UncitedSource;
use crate::check::{DocumentAudit, Finding, Kind, Options, Verdict};
use crate::document::Document;
use crate::span::Span;
use crate::suppress::Suppressions;

/// Adds to `audit` of `draft` a finding for each supported claim that
/// only files of `archive_only` (display paths) hold.
pub fn note(
    audit: &mut DocumentAudit,
    draft: &Document,
    archive_only: &[String],
    options: &Options,
) {
    let severity = match options.severity.get(&Kind::UncitedSource) {
        Some(None) => return,
        Some(Some(severity)) => *severity,
        None => Kind::UncitedSource.default_severity(),
    };
    let suppressions = Suppressions::of(draft);
    let mut found = Vec::new();
    for claim in &audit.claims {
        if claim.verdict != Verdict::Supported || claim.evidence.is_empty() {
            continue;
        }
        if !claim
            .evidence
            .iter()
            .all(|evidence| archive_only.contains(&evidence.source))
        {
            continue;
        }
        // The widest evidence is the passage that retells the claim, not a
        // figure or quotation inside it.
        let Some(holder) = claim
            .evidence
            .iter()
            .max_by_key(|e| (e.span.end - e.span.start, std::cmp::Reverse(e.span.start)))
        else {
            continue;
        };
        let range = Span::new(claim.span.start, claim.span.end);
        if suppressions.silences(Kind::UncitedSource.name(), range, claim.span.line) {
            continue;
        }
        let finding = Finding::new(
            &UncitedSource {
                holder: &holder.source,
            },
            draft,
            range,
        )
        .with_evidence(holder.clone());
        found.push(Finding {
            severity,
            ..finding
        });
    }
    audit.findings.extend(found);
    // The order of every finding list: by place, then kind.
    audit
        .findings
        .sort_by_key(|f| (f.range.start, f.range.end, f.rule));
}
