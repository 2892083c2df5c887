//! A source's declared speaker: a transcript, press remarks or a statement
//! is one person's words throughout, with no "X said" in it. A source
//! declares whose words it holds in one of two ways:
//!
//! * a Markdown source's front matter, `speaker: Mayor Ines Duarte`;
//! * a first line the rules recognise (`speaker_lines` in
//!   `rules/en/sources.toml`): "Remarks by Mayor Ines Duarte", "Statement
//!   from the Harbour Board:".
//!
//! Every sentence of such a source that names no speaker of its own is
//! then the declared speaker's, so a draft that quotes the remarks as the
//! mayor's words is checked against them as her quotation, and a draft
//! that gives them to someone else is told so. A sentence the source
//! attributes to someone else ("Reyes asked whether …") keeps its speaker.

use std::sync::Arc;

use serde::Deserialize;

use crate::claims::{Claims, Speaker};
use crate::document::{Document, Format};
use crate::rules::attribution::{AttributionRules, SpeakerKind};

/// The most words a declared speaker's name may have: past that, a first
/// line that opens like "Remarks by" is a sentence, not a name.
const MAX_NAME_WORDS: usize = 8;

#[derive(Deserialize)]
struct FrontMatter {
    speaker: Option<String>,
}

/// Whose words `document` declares itself to hold, if it does.
pub fn of(document: &Document, rules: &AttributionRules) -> Option<String> {
    from_front_matter(document).or_else(|| from_first_line(document, rules))
}

/// Gives every claim of `claims` that names no speaker to `speaker`.
pub fn apply(claims: &mut Claims<'_>, speaker: &str) {
    // One speaker, shared by every claim given to it.
    let speaker = Arc::new(Speaker {
        name: speaker.into(),
        mention: speaker.into(),
        role: None,
        kind: SpeakerKind::Person,
    });
    for claim in claims.claims.iter_mut().filter(|c| c.speaker.is_none()) {
        claim.speaker = Some(Arc::clone(&speaker));
    }
}

/// `speaker:` in a Markdown source's front matter. Front matter that is
/// not YAML declares nothing (a source is read, not judged).
fn from_front_matter(document: &Document) -> Option<String> {
    if document.format != Format::Markdown {
        return None;
    }
    let block = document.slice(document.front_matter?);
    let body_start = block.find('\n').map_or(block.len(), |i| i + 1);
    let body = block[body_start..]
        .trim_end()
        .trim_end_matches("---")
        .trim_end_matches("...");
    let front: FrontMatter = marked_yaml::from_yaml(0, body).ok()?;
    front
        .speaker
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// A first line that opens with one of the rules' `speaker_lines` and goes
/// on with a name: "Remarks by Mayor Ines Duarte".
fn from_first_line(document: &Document, rules: &AttributionRules) -> Option<String> {
    let first = document.blocks.first()?;
    let text = document.slice(first.span);
    let line = text.lines().next()?.trim();
    let lower = line.to_lowercase();
    let opening = rules
        .speaker_lines
        .iter()
        .find(|opening| lower.starts_with(&format!("{opening} ")))?;
    let name = line[opening.len()..]
        .trim()
        .trim_end_matches([':', '.', ',', '—', '-'])
        .trim();
    let words = name.split_whitespace().count();
    let named = name
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    (words > 0 && words <= MAX_NAME_WORDS && named).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn declared(text: &str, format: Format) -> Option<String> {
        let rules = RuleSet::builtin();
        let name = if format == Format::Markdown {
            "source.md"
        } else {
            "source.txt"
        };
        let document = Document::from_text(name.into(), text.to_string(), format);
        of(&document, rules.attribution())
    }

    #[test]
    fn a_first_line_declares_the_speaker() {
        assert_eq!(
            declared(
                "Remarks by Mayor Ines Duarte\n\nThe pier will reopen in May.\n",
                Format::Plain
            )
            .as_deref(),
            Some("Mayor Ines Duarte")
        );
        assert_eq!(
            declared(
                "Statement from the Harbour Board:\n\nWe regret the delay.\n",
                Format::Plain
            )
            .as_deref(),
            Some("the Harbour Board")
        );
    }

    #[test]
    fn the_declared_speaker_takes_the_unattributed_claims() {
        let rules = RuleSet::builtin();
        let text = "The pier will reopen in May. Crews start on Monday. \
                    Reyes asked whether the cranes were safe.";
        let document = Document::from_text("source.txt".into(), text.to_string(), Format::Plain);
        let sentences = crate::segment::sentences(&document, &rules);
        let mut claims = crate::claims::extract(&document, &sentences, &rules);
        apply(&mut claims, "Ines Duarte");
        let speaker = |i: usize| claims.claims[i].speaker.clone().expect("a speaker");
        assert_eq!(speaker(0).name, "Ines Duarte");
        // One speaker, shared.
        assert!(Arc::ptr_eq(&speaker(0), &speaker(1)));
        // A sentence the source gives to someone else keeps its speaker.
        assert_eq!(speaker(2).name, "Reyes");
    }

    #[test]
    fn front_matter_declares_the_speaker() {
        assert_eq!(
            declared(
                "---\nspeaker: Ines Duarte\n---\n\nThe pier will reopen in May.\n",
                Format::Markdown
            )
            .as_deref(),
            Some("Ines Duarte")
        );
    }

    #[test]
    fn an_ordinary_article_declares_nothing() {
        assert_eq!(
            declared(
                "The pier will reopen in May, the mayor said.\n",
                Format::Plain
            ),
            None
        );
        assert_eq!(
            declared(
                "Remarks by the mayor on Tuesday drew a crowd of angry fishermen who had waited all day.\n",
                Format::Plain
            ),
            None
        );
        assert_eq!(
            declared("---\ntitle: Pier\n---\n\nText.\n", Format::Markdown),
            None
        );
    }
}
