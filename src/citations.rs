//! Footnote citations in Markdown drafts.
//!
//! `… Singh said.[^1]` with `[^1]: sources/article.txt` or
//! `[^1]: [Title](sources/article.txt)` ties the claim before the marker to
//! one source. A footnote marker is never prose and never a figure (the
//! Markdown reader leaves it out of the text). A citation is one of:
//!
//! * a path, resolved like a declared source (relative to the draft,
//!   confined to the repository root, see [`crate::declared`]);
//! * a URL, which is never fetched: it cannot be verified;
//! * nothing usable: a marker with no definition, or a definition naming a
//!   file that does not exist.

use rustc_hash::FxHashMap;

use crate::document::{Document, Footnote};
use crate::span::Span;

/// What a footnote definition points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A path, as written.
    Path(String),
    /// A web address: never fetched.
    Url(String),
    /// The definition names nothing.
    Empty,
}

/// A footnote marker in the prose and what its definition points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub label: String,
    /// The marker (`[^1]`).
    pub span: Span,
    /// The definition, if the draft has one.
    pub definition: Option<(Span, Target)>,
}

/// A footnote reference resolved against the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    pub label: String,
    /// The marker in the draft.
    pub span: Span,
    pub cited: Cited,
}

/// What a citation turned out to cite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cited {
    /// A source: its index among the check's sources.
    Source(usize),
    /// A web address, never fetched.
    Url(String),
    /// No definition for the marker.
    Undefined,
    /// The definition names a file that does not exist.
    Missing { written: String, definition: Span },
    /// The definition names nothing.
    Empty { definition: Span },
}

/// Every footnote reference of `draft`, with its definition's target (the
/// first definition of its label).
pub fn references(draft: &Document) -> Vec<Reference> {
    // Each definition read once, however many markers cite it.
    let mut definitions: FxHashMap<&str, (Span, Target)> = FxHashMap::default();
    for definition in &draft.footnotes {
        definitions
            .entry(&definition.label)
            .or_insert_with(|| (definition.span, target(draft, definition)));
    }
    draft
        .footnote_refs
        .iter()
        .map(|reference| Reference {
            label: reference.label.clone(),
            span: reference.span,
            definition: definitions.get(reference.label.as_str()).cloned(),
        })
        .collect()
}

/// What a definition (`[^1]: …`) points at.
pub fn target(draft: &Document, definition: &Footnote) -> Target {
    let text = draft.slice(definition.span);
    let content = text.split_once("]:").map_or("", |(_, rest)| rest).trim();
    // `[Title](target "optional title")` or a bare target.
    let written = match content.split_once("](") {
        Some((_, rest)) => rest.split([')', ' ']).next().unwrap_or(""),
        None => content.split_whitespace().next().unwrap_or(""),
    };
    let written = written.trim_matches(['<', '>']);
    if written.is_empty() {
        Target::Empty
    } else if written.starts_with("http://")
        || written.starts_with("https://")
        || written.contains("://")
    {
        Target::Url(written.to_string())
    } else {
        Target::Path(written.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn markers_and_their_targets() {
        let text = "Singh said so.[^1] Kallas agreed.[^web] Misri too.[^2]\n\n[^1]: [The article](sources/a.txt \"title\")\n[^web]: https://example.com/story\n";
        let draft = Document::from_text("d.md".into(), text.to_string(), Format::Markdown);
        let refs = references(&draft);
        let targets: Vec<_> = refs
            .iter()
            .map(|r| r.definition.as_ref().map(|(_, t)| t.clone()))
            .collect();
        assert_eq!(
            targets,
            [
                Some(Target::Path("sources/a.txt".into())),
                Some(Target::Url("https://example.com/story".into())),
                None
            ]
        );
    }
}
