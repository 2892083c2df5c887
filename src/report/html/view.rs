//! What the HTML report shows, built from the JSON audit and nothing else.
//!
//! The page is made from `serde_json::to_value(&audit)`, the very value the
//! JSON format prints, so the report can show nothing the JSON lacks. It
//! reads that value generically, so that what the checker adds to the audit
//! shows up without changing this file:
//!
//! * verdicts, finding kinds and severities are names taken from the data.
//!   Known ones get a tone and an icon; the order of kinds is
//!   [`Kind::ALL`]'s, and a name it does not know is listed after them.
//! * a **passage** is any object with a string `source` and a string `text`
//!   (the shape of `evidence`). Every field of a claim or a finding that
//!   holds passages (an object or a list of them) is shown under its name,
//!   so aligned passages or a second source appear when the audit has them.
//!   A finding with passages from two or more sources shows them side by
//!   side, with the words where they disagree highlighted.
//! * a **flag** is any object in a list, without a `source`, that has a
//!   byte range (`start`/`end`, directly or in a `span`) inside the text of
//!   the claim or passage holding it: it is highlighted in that text under
//!   the list's name (e.g. a claim's unsupported words).
//!
//! A finding belongs to the claim whose span holds its start; its words in
//! the claim are highlighted, and compared word by word with its passage.

use std::ops::Range;

use serde_json::{Map, Value};

use super::diff::{self, Mark, Segment};
use crate::check::{Kind, Severity};
use crate::report::text::one_line;

/// The whole report.
pub struct Page {
    /// The audit's own `summary`, field by field.
    pub summary: Vec<(String, String)>,
    pub totals: Totals,
    /// Kinds and severities that have findings, for the filters.
    pub kind_filters: Vec<Facet>,
    pub severity_filters: Vec<Facet>,
    pub drafts: Vec<Draft>,
    /// Every finding, in draft order, for the list that jumps to each.
    pub findings: Vec<FindingItem>,
}

/// Counts by verdict, by kind and by severity.
pub struct Totals {
    pub claims: usize,
    pub findings: usize,
    pub verdicts: Vec<Facet>,
    /// Every known kind (zero counts included), then any other.
    pub kinds: Vec<Facet>,
    pub severities: Vec<Facet>,
}

/// A name with its count and how it looks.
pub struct Facet {
    pub name: String,
    pub count: usize,
    pub tone: &'static str,
    pub icon: &'static str,
    /// A one-sentence description, for kinds.
    pub about: String,
}

/// One draft.
pub struct Draft {
    /// The element id, `d1`, `d2`, … in audit order.
    pub id: String,
    pub path: String,
    pub sources: Vec<String>,
    pub totals: Totals,
    /// The claims, in paragraphs (a blank line apart in the draft).
    pub paragraphs: Vec<Vec<ClaimMark>>,
    /// What selecting each claim shows.
    pub details: Vec<ClaimDetail>,
    /// Findings that lie in no claim (a footnote definition, say).
    pub loose: Vec<FindingDetail>,
}

/// A claim in the draft's text.
pub struct ClaimMark {
    /// The element id, `d1-c3`.
    pub id: String,
    pub text: String,
    pub verdict: String,
    pub tone: &'static str,
    pub icon: &'static str,
    pub badges: Vec<Badge>,
}

/// A finding's kind on its claim.
pub struct Badge {
    pub kind: String,
    pub severity: String,
}

/// What selecting a claim shows.
pub struct ClaimDetail {
    /// The id of the claim element this details.
    pub claim: String,
    pub label: String,
    pub verdict: String,
    pub tone: &'static str,
    pub icon: &'static str,
    pub speaker: Option<String>,
    pub place: String,
    /// The claim's text, the findings' words and flags highlighted.
    pub text: Vec<Segment>,
    pub findings: Vec<FindingDetail>,
    /// Passages the claim traces to, by the audit field holding them.
    pub passages: Vec<PassageGroup>,
    /// Other plain fields of the claim (`name: value`).
    pub notes: Vec<(String, String)>,
}

/// Passages under one field of a claim or finding.
pub struct PassageGroup {
    pub name: String,
    pub passages: Vec<Passage>,
}

/// A place in a source.
pub struct Passage {
    pub source: String,
    pub place: String,
    pub text: Vec<Segment>,
    pub notes: Vec<(String, String)>,
}

/// A finding, as the claim's detail shows it.
pub struct FindingDetail {
    /// The element id, `d1-f2`.
    pub id: String,
    pub kind: String,
    pub severity: String,
    pub tone: &'static str,
    pub about: String,
    pub message: String,
    pub fix: Option<String>,
    pub place: String,
    /// The draft's words the finding is about, with the words that differ
    /// from the (first) passage highlighted; empty when not in a claim.
    pub words: Vec<Segment>,
    pub passages: Vec<PassageGroup>,
    /// Passages from two or more sources: shown side by side.
    pub side_by_side: bool,
    /// Other plain fields of the finding (`name: value`).
    pub notes: Vec<(String, String)>,
}

/// A finding in the list that jumps to it.
pub struct FindingItem {
    /// The element id of the draft it is in.
    pub draft: String,
    /// The element id of the claim (or loose finding) to jump to.
    pub target: String,
    pub kind: String,
    pub severity: String,
    pub tone: &'static str,
    pub path: String,
    pub place: String,
    pub message: String,
}

/// How a verdict looks: its tone (colour family) and an icon, so that it
/// reads without colour. Known verdicts first, in this order.
const VERDICTS: [(&str, &str, &str); 6] = [
    ("supported", "ok", "✓"),
    ("contradicted", "bad", "✗"),
    ("finding", "bad", "!"),
    ("unsupported", "warn", "?"),
    ("not-a-claim", "none", "–"),
    ("unchecked", "none", "–"),
];

fn verdict_look(name: &str) -> (&'static str, &'static str) {
    VERDICTS
        .iter()
        .find(|(known, _, _)| *known == name)
        .map_or(("none", "•"), |(_, tone, icon)| (*tone, *icon))
}

fn verdict_rank(name: &str) -> usize {
    VERDICTS
        .iter()
        .position(|(known, _, _)| *known == name)
        .unwrap_or(VERDICTS.len())
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

fn severity_tone(name: &str) -> &'static str {
    match name {
        "error" => "bad",
        "warning" => "warn",
        "info" => "info",
        _ => "none",
    }
}

fn severity_rank(name: &str) -> usize {
    SEVERITIES
        .iter()
        .position(|s| s.as_str() == name)
        .unwrap_or(SEVERITIES.len())
}

fn kind_rank(name: &str) -> usize {
    Kind::ALL
        .iter()
        .position(|k| k.name() == name)
        .unwrap_or(Kind::ALL.len())
}

/// The first sentence of a kind's documentation.
fn kind_about(name: &str) -> String {
    Kind::from_name(name).map_or_else(String::new, |kind| kind.doc().summary().to_string())
}

/// Counts names, ordered by `rank` then name.
fn tally<'a>(
    names: impl Iterator<Item = &'a str>,
    rank: fn(&str) -> usize,
) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for name in names {
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name.to_string(), 1)),
        }
    }
    counts.sort_by(|(a, _), (b, _)| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    counts
}

impl Totals {
    fn of(claims: &[&Value], findings: &[&Value]) -> Totals {
        let verdicts = tally(claims.iter().map(|c| verdict_of(c)), verdict_rank)
            .into_iter()
            .map(|(name, count)| {
                let (tone, icon) = verdict_look(&name);
                Facet {
                    name,
                    count,
                    tone,
                    icon,
                    about: String::new(),
                }
            })
            .collect();
        // A kind only an archive check reports is in the legend only when
        // reported (see `Kind::needs_archive`).
        let mut kinds: Vec<(String, usize)> = Kind::ALL
            .iter()
            .filter(|k| !k.needs_archive())
            .map(|k| (k.name().to_string(), 0))
            .collect();
        for (name, count) in tally(findings.iter().map(|f| kind_of(f)), kind_rank) {
            match kinds.iter_mut().find(|(n, _)| *n == name) {
                Some((_, known)) => *known = count,
                None => kinds.push((name, count)),
            }
        }
        let severities = tally(findings.iter().map(|f| severity_of(f)), severity_rank)
            .into_iter()
            .map(|(name, count)| Facet {
                tone: severity_tone(&name),
                name,
                count,
                icon: "",
                about: String::new(),
            })
            .collect();
        Totals {
            claims: claims.len(),
            findings: findings.len(),
            verdicts,
            kinds: kinds
                .into_iter()
                .map(|(name, count)| Facet {
                    about: kind_about(&name),
                    name,
                    count,
                    tone: "none",
                    icon: "",
                })
                .collect(),
            severities,
        }
    }
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn verdict_of(claim: &Value) -> &str {
    claim
        .get("verdict")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
}

fn kind_of(finding: &Value) -> &str {
    finding
        .get("rule")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
}

fn severity_of(finding: &Value) -> &str {
    finding
        .get("severity")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
}

fn list<'a>(value: &'a Value, key: &str) -> Vec<&'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().collect())
        .unwrap_or_default()
}

/// A byte range: `start`/`end` of the object or of its `span`.
fn range(value: &Value) -> Option<Range<usize>> {
    let holder = match value.get("span") {
        Some(span) if span.is_object() => span,
        _ => value,
    };
    let start = usize::try_from(holder.get("start")?.as_u64()?).ok()?;
    let end = usize::try_from(holder.get("end")?.as_u64()?).ok()?;
    (start <= end).then_some(start..end)
}

/// `line:column` of a value's span, or empty.
fn place(value: &Value) -> String {
    let span = value.get("span").unwrap_or(&Value::Null);
    match (
        span.get("line").and_then(Value::as_u64),
        span.get("column").and_then(Value::as_u64),
    ) {
        (Some(line), Some(column)) => format!("{line}:{column}"),
        (Some(line), None) => line.to_string(),
        _ => String::new(),
    }
}

fn first_line(value: &Value) -> Option<u64> {
    value.get("span")?.get("line")?.as_u64()
}

fn last_line(value: &Value) -> Option<u64> {
    let span = value.get("span")?;
    span.get("end_line").or_else(|| span.get("line"))?.as_u64()
}

/// Whether `value` is a passage: a string `source` and a string `text`.
fn is_passage(value: &Value) -> bool {
    value.get("source").is_some_and(Value::is_string)
        && value.get("text").is_some_and(Value::is_string)
}

/// The passages a field holds: one object or a list of them.
fn passages_in(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().filter(|v| is_passage(v)).collect(),
        v if is_passage(v) => vec![v],
        _ => Vec::new(),
    }
}

/// Fields of `object` that hold passages, in field order.
fn passage_fields(object: &Map<String, Value>) -> Vec<(&str, Vec<&Value>)> {
    object
        .iter()
        .map(|(key, value)| (key.as_str(), passages_in(value)))
        .filter(|(_, found)| !found.is_empty())
        .collect()
}

/// Ranges flagged in a text that starts at byte `base` and is `len` bytes
/// long: objects in list fields, without a `source`, whose range lies in
/// the text. Ranges come back relative to the text.
fn flags_in(object: &Map<String, Value>, base: usize, len: usize) -> Vec<(Range<usize>, Mark)> {
    let mut flags = Vec::new();
    for (key, value) in object {
        let Some(items) = value.as_array() else {
            continue;
        };
        for item in items
            .iter()
            .filter(|i| i.is_object() && i.get("source").is_none())
        {
            if let Some(r) = range(item)
                && r.start >= base
                && r.end <= base + len
            {
                flags.push((r.start - base..r.end - base, Mark::Flag(label(key))));
            }
        }
    }
    flags
}

/// Plain fields (strings, numbers, booleans) other than `shown`, as notes.
fn notes(object: &Map<String, Value>, shown: &[&str]) -> Vec<(String, String)> {
    object
        .iter()
        .filter(|(key, _)| !shown.contains(&key.as_str()))
        .filter_map(|(key, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((label(key), text))
        })
        .collect()
}

/// A field name as words: `aligned_passages` → `aligned passages`.
fn label(key: &str) -> String {
    key.replace(['_', '-'], " ")
}

/// The name shown for a speaker: a string, or an object's `name`.
fn speaker_of(claim: &Value) -> Option<String> {
    match claim.get("speaker")? {
        Value::String(name) => Some(name.clone()),
        Value::Object(speaker) => speaker.get("name")?.as_str().map(str::to_string),
        _ => None,
    }
}

impl Page {
    /// The page for an audit, given as its JSON value.
    pub fn from_audit(audit: &Value) -> Page {
        let documents = list(audit, "documents");
        let summary = audit
            .get("summary")
            .and_then(Value::as_object)
            .map(|s| notes(s, &[]))
            .unwrap_or_default();
        let all_claims: Vec<&Value> = documents.iter().flat_map(|d| list(d, "claims")).collect();
        let all_findings: Vec<&Value> =
            documents.iter().flat_map(|d| list(d, "findings")).collect();
        let totals = Totals::of(&all_claims, &all_findings);
        let kind_filters = totals
            .kinds
            .iter()
            .filter(|k| k.count > 0)
            .map(|k| Facet {
                name: k.name.clone(),
                count: k.count,
                tone: k.tone,
                icon: k.icon,
                about: k.about.clone(),
            })
            .collect();
        let severity_filters = totals
            .severities
            .iter()
            .map(|s| Facet {
                name: s.name.clone(),
                count: s.count,
                tone: s.tone,
                icon: s.icon,
                about: String::new(),
            })
            .collect();
        let mut findings = Vec::new();
        let drafts = documents
            .iter()
            .enumerate()
            .map(|(i, document)| draft(i, document, &mut findings))
            .collect();
        Page {
            summary,
            totals,
            kind_filters,
            severity_filters,
            drafts,
            findings,
        }
    }
}

/// One draft's view; its findings are added to `items`.
fn draft(index: usize, document: &Value, items: &mut Vec<FindingItem>) -> Draft {
    let id = format!("d{}", index + 1);
    // Paths come from file names anyone may choose: a right-to-left
    // override in one must show as an escape, not turn the name around.
    let path = one_line(text(document, "path")).into_owned();
    let claims = list(document, "claims");
    let findings = list(document, "findings");
    // Which claim holds each finding: the one whose span holds its start.
    let owner: Vec<Option<usize>> = findings
        .iter()
        .map(|f| {
            let at = range(f)?.start;
            claims
                .iter()
                .position(|c| range(c).is_some_and(|r| r.start <= at && at < r.end))
        })
        .collect();
    let mut details = Vec::with_capacity(claims.len());
    let mut marks = Vec::with_capacity(claims.len());
    for (j, claim) in claims.iter().enumerate() {
        let claim_id = format!("{id}-c{}", j + 1);
        let own: Vec<(usize, &Value)> = findings
            .iter()
            .enumerate()
            .filter(|(k, _)| owner[*k] == Some(j))
            .map(|(k, f)| (k, *f))
            .collect();
        let verdict = verdict_of(claim).to_string();
        let (tone, icon) = verdict_look(&verdict);
        let name = claim.get("id").and_then(Value::as_str).unwrap_or("");
        let label = if name.is_empty() {
            format!("claim {}", j + 1)
        } else {
            format!("claim {name}")
        };
        marks.push(ClaimMark {
            id: claim_id.clone(),
            text: text(claim, "text").to_string(),
            verdict: verdict.clone(),
            tone,
            icon,
            badges: own
                .iter()
                .map(|(_, f)| Badge {
                    kind: kind_of(f).to_string(),
                    severity: severity_of(f).to_string(),
                })
                .collect(),
        });
        details.push(claim_detail(claim, &claim_id, &id, label, &own));
        for (_, finding) in &own {
            items.push(item(&id, &path, &claim_id, finding));
        }
    }
    let loose: Vec<FindingDetail> = findings
        .iter()
        .enumerate()
        .filter(|(k, _)| owner[*k].is_none())
        .map(|(k, f)| finding_detail(f, &format!("{id}-f{}", k + 1), None))
        .collect();
    for detail in &loose {
        items.push(FindingItem {
            draft: id.clone(),
            target: detail.id.clone(),
            kind: detail.kind.clone(),
            severity: detail.severity.clone(),
            tone: detail.tone,
            path: path.clone(),
            place: detail.place.clone(),
            message: detail.message.clone(),
        });
    }
    Draft {
        totals: Totals::of(&claims, &findings),
        id,
        path,
        sources: list(document, "sources")
            .iter()
            .filter_map(|s| s.as_str().map(|s| one_line(s).into_owned()))
            .collect(),
        paragraphs: paragraphs(&claims, marks),
        details,
        loose,
    }
}

/// Claims grouped into paragraphs: a claim starting more than one line
/// after the previous one ended opens a new paragraph.
fn paragraphs(claims: &[&Value], marks: Vec<ClaimMark>) -> Vec<Vec<ClaimMark>> {
    let mut out: Vec<Vec<ClaimMark>> = Vec::new();
    let mut previous_end: Option<u64> = None;
    for (claim, mark) in claims.iter().zip(marks) {
        let starts_paragraph = match (previous_end, first_line(claim)) {
            (Some(end), Some(line)) => line > end + 1,
            _ => out.is_empty(),
        };
        if starts_paragraph || out.is_empty() {
            out.push(Vec::new());
        }
        if let Some(paragraph) = out.last_mut() {
            paragraph.push(mark);
        }
        previous_end = last_line(claim).or(previous_end);
    }
    out
}

fn item(draft: &str, path: &str, target: &str, finding: &Value) -> FindingItem {
    let severity = severity_of(finding).to_string();
    FindingItem {
        draft: draft.to_string(),
        target: target.to_string(),
        kind: kind_of(finding).to_string(),
        tone: severity_tone(&severity),
        severity,
        path: path.to_string(),
        place: place(finding),
        message: text(finding, "message").to_string(),
    }
}

/// Fields of a claim that the detail shows in its own place.
const CLAIM_FIELDS: [&str; 5] = ["id", "text", "span", "speaker", "verdict"];

fn claim_detail(
    claim: &Value,
    claim_id: &str,
    draft_id: &str,
    label: String,
    findings: &[(usize, &Value)],
) -> ClaimDetail {
    let verdict = verdict_of(claim).to_string();
    let (tone, icon) = verdict_look(&verdict);
    let claim_text = text(claim, "text");
    let claim_range = range(claim).filter(|r| r.end - r.start == claim_text.len());
    let empty = Map::new();
    let object = claim.as_object().unwrap_or(&empty);
    let mut claim_marks = claim_range
        .as_ref()
        .map(|r| flags_in(object, r.start, claim_text.len()))
        .unwrap_or_default();
    let mut details = Vec::new();
    for (k, finding) in findings {
        // The finding's words, as a range of the claim's text.
        let words = claim_range.as_ref().and_then(|claim_range| {
            let r = range(finding)?;
            let start = r.start.checked_sub(claim_range.start)?;
            let end = r.end.min(claim_range.end).checked_sub(claim_range.start)?;
            (start <= end).then_some(start..end)
        });
        if let Some(words) = &words {
            claim_marks.push((words.clone(), Mark::Offending));
        }
        let slice = words.and_then(|w| claim_text.get(w));
        details.push(finding_detail(
            finding,
            &format!("{draft_id}-f{}", k + 1),
            slice,
        ));
    }
    ClaimDetail {
        claim: claim_id.to_string(),
        label,
        verdict,
        tone,
        icon,
        speaker: speaker_of(claim),
        place: place(claim),
        text: diff::segments(claim_text, &claim_marks),
        findings: details,
        passages: passage_fields(object)
            .into_iter()
            .map(|(name, found)| PassageGroup {
                name: label_of_group(name),
                passages: found.iter().map(|p| passage(p, Vec::new())).collect(),
            })
            .collect(),
        notes: notes(object, &CLAIM_FIELDS),
    }
}

/// A group's heading: `evidence` reads as "Evidence"; other fields as words.
fn label_of_group(key: &str) -> String {
    let words = label(key);
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// Fields of a passage that it shows in its own place.
const PASSAGE_FIELDS: [&str; 4] = ["source", "text", "span", "claim"];

/// A passage, with `extra` marks (relative to its text) besides its flags.
fn passage(value: &Value, mut extra: Vec<(Range<usize>, Mark)>) -> Passage {
    let body = text(value, "text");
    let empty = Map::new();
    let object = value.as_object().unwrap_or(&empty);
    if let Some(r) = range(value).filter(|r| r.end - r.start == body.len()) {
        extra.extend(flags_in(object, r.start, body.len()));
    }
    let mut place = place(value);
    if let Some(claim) = value.get("claim").and_then(Value::as_str) {
        place = if place.is_empty() {
            format!("({claim})")
        } else {
            format!("{place} ({claim})")
        };
    }
    Passage {
        source: one_line(text(value, "source")).into_owned(),
        place,
        text: diff::segments(body, &extra),
        notes: notes(object, &PASSAGE_FIELDS),
    }
}

/// Fields of a finding that the detail shows in its own place.
const FINDING_FIELDS: [&str; 5] = ["rule", "severity", "message", "span", "fix"];

/// A finding's detail; `words` are its words in the draft, when known.
fn finding_detail(finding: &Value, id: &str, words: Option<&str>) -> FindingDetail {
    let empty = Map::new();
    let object = finding.as_object().unwrap_or(&empty);
    let fields = passage_fields(object);
    let all: Vec<&Value> = fields
        .iter()
        .flat_map(|(_, found)| found.iter().copied())
        .collect();
    let mut sources: Vec<&str> = all.iter().map(|p| text(p, "source")).collect();
    sources.sort_unstable();
    sources.dedup();
    let side_by_side = sources.len() >= 2;
    // Highlight where the draft's words differ from the first passage, and
    // where the other passages differ from the first.
    let first = all.first().map(|p| text(p, "text"));
    let mut word_marks = Vec::new();
    let mut first_marks = Vec::new();
    if let (Some(draft), Some(first)) = (words, first) {
        let (in_draft, in_first) = diff::word_diff(draft, first);
        word_marks.extend(in_draft);
        if !side_by_side {
            first_marks.extend(in_first);
        }
    }
    let mut other_marks: Vec<diff::Marks> = Vec::new();
    for other in all.iter().skip(1) {
        let (in_first, in_other) = match first {
            Some(first) if side_by_side => diff::word_diff(first, text(other, "text")),
            _ => (Vec::new(), Vec::new()),
        };
        first_marks.extend(in_first);
        other_marks.push(in_other);
    }
    let mut marks_by_passage = std::iter::once(first_marks).chain(other_marks);
    let passages = fields
        .into_iter()
        .map(|(name, found)| PassageGroup {
            name: label_of_group(name),
            passages: found
                .iter()
                .map(|p| passage(p, marks_by_passage.next().unwrap_or_default()))
                .collect(),
        })
        .collect();
    let severity = severity_of(finding).to_string();
    let kind = kind_of(finding).to_string();
    let mut shown: Vec<&str> = FINDING_FIELDS.to_vec();
    shown.extend(
        object
            .keys()
            .filter(|k| !passages_in(&object[k.as_str()]).is_empty())
            .map(String::as_str),
    );
    FindingDetail {
        id: id.to_string(),
        about: kind_about(&kind),
        kind,
        tone: severity_tone(&severity),
        severity,
        message: text(finding, "message").to_string(),
        fix: finding
            .get("fix")
            .and_then(Value::as_str)
            .map(str::to_string),
        place: place(finding),
        words: words
            .map(|w| diff::segments(w, &word_marks))
            .unwrap_or_default(),
        passages,
        side_by_side,
        notes: notes(object, &shown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn span(start: usize, end: usize, line: usize) -> Value {
        json!({ "start": start, "end": end, "line": line, "column": 1, "end_line": line, "end_column": 1 })
    }

    /// An audit in a shape the checker does not give yet: new verdicts, a
    /// kind it does not know, aligned passages and unsupported words on a
    /// claim, and a finding citing two sources that disagree.
    fn later_audit() -> Value {
        let text = "Ten ships sailed on Monday, the navy said.";
        json!({
            "version": 2,
            "documents": [{
                "path": "drafts/ships.md",
                "sources": ["a.txt", "b.txt"],
                "claims": [
                    {
                        "id": "c1", "text": text, "span": span(100, 100 + text.len(), 3),
                        "speaker": { "name": "the navy", "kind": "organisation" },
                        "verdict": "contradicted", "confidence": 0.8,
                        "evidence": [],
                        "aligned": [{ "source": "a.txt", "claim": "c4", "text": "Twelve ships sailed on Monday.", "span": span(40, 70, 2) }],
                        "unsupported": [{ "text": "Ten", "span": span(100, 103, 3) }]
                    },
                    { "id": "c2", "text": "Nothing here.", "span": span(200, 213, 9), "verdict": "not-a-claim", "evidence": [] }
                ],
                "findings": [{
                    "rule": "conflicting-sources", "severity": "warning",
                    "message": "the sources disagree on how many ships sailed",
                    "span": span(100, 109, 3), "fix": null,
                    "evidence": [
                        { "source": "a.txt", "claim": "c4", "text": "Twelve ships sailed on Monday.", "span": span(40, 70, 2) },
                        { "source": "b.txt", "claim": "c1", "text": "Ten ships sailed on Monday.", "span": span(0, 26, 1) }
                    ]
                }]
            }],
            "summary": { "documents": 1, "claims": 2 }
        })
    }

    fn marked(segments: &[Segment], pick: impl Fn(&Segment) -> bool) -> Vec<&str> {
        segments
            .iter()
            .filter(|s| pick(s))
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn what_the_checker_adds_later_shows_from_the_data() {
        let page = Page::from_audit(&later_audit());
        let verdicts: Vec<(&str, &str)> = page
            .totals
            .verdicts
            .iter()
            .map(|v| (v.name.as_str(), v.tone))
            .collect();
        assert_eq!(verdicts, [("contradicted", "bad"), ("not-a-claim", "none")]);
        // A kind the checker does not know yet is listed after the known.
        let kinds: Vec<&str> = page.kind_filters.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(kinds, ["conflicting-sources"]);
        assert_eq!(
            page.totals.kinds.last().map(|k| k.name.as_str()),
            Some("conflicting-sources")
        );
        let draft = &page.drafts[0];
        let claim = &draft.details[0];
        assert_eq!(claim.speaker.as_deref(), Some("the navy"));
        assert_eq!(claim.notes, [("confidence".to_string(), "0.8".to_string())]);
        // Aligned passages are shown under their field's name.
        let groups: Vec<&str> = claim.passages.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(groups, ["Aligned"]);
        // Unsupported words are highlighted in the claim, under their name.
        let flagged: Vec<&Segment> = claim.text.iter().filter(|s| !s.flags.is_empty()).collect();
        assert_eq!(flagged.len(), 1);
        assert_eq!(flagged[0].text, "Ten");
        assert_eq!(flagged[0].flags, "unsupported");
        // Two sources that disagree: side by side, their difference marked.
        let finding = &claim.findings[0];
        assert!(finding.side_by_side);
        let passages = &finding.passages[0].passages;
        assert_eq!(passages.len(), 2);
        assert_eq!(marked(&passages[0].text, |s| s.diff), ["Twelve"]);
        assert_eq!(marked(&passages[1].text, |s| s.diff), ["Ten"]);
        assert_eq!(marked(&finding.words, |s| s.diff), ["Ten"]);
        assert_eq!(marked(&claim.text, |s| s.offending), ["Ten", " ships"]);
    }

    #[test]
    fn findings_outside_claims_are_listed_and_detailed() {
        let mut audit = later_audit();
        audit["documents"][0]["findings"][0]["span"] = span(5000, 5010, 80);
        let page = Page::from_audit(&audit);
        assert_eq!(page.drafts[0].loose.len(), 1);
        assert!(page.drafts[0].details[0].findings.is_empty());
        assert_eq!(page.findings.len(), 1);
        assert_eq!(page.findings[0].target, page.drafts[0].loose[0].id);
    }

    #[test]
    fn claims_a_blank_line_apart_are_paragraphs() {
        let page = Page::from_audit(&later_audit());
        let shape: Vec<usize> = page.drafts[0].paragraphs.iter().map(Vec::len).collect();
        assert_eq!(shape, [1, 1]);
    }

    #[test]
    fn any_json_makes_a_page() {
        for audit in [
            json!(null),
            json!({ "documents": "no" }),
            json!({ "documents": [{ "claims": [{ "text": 5, "span": { "start": 9, "end": 2 } }], "findings": [{}] }] }),
            json!({ "documents": [{ "claims": [{ "text": "é", "span": span(0, 2, 1), "odd": [{ "start": 1, "end": 2 }] }],
                                    "findings": [{ "span": span(1, 2, 1), "evidence": { "source": "s", "text": "€" } }] }] }),
        ] {
            let page = Page::from_audit(&audit);
            assert!(page.drafts.len() <= 1);
        }
    }
}
