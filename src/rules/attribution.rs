//! The rules that tie words to speakers: reporting verbs and frames
//! (`rules/attribution.toml`), roles (`rules/roles.txt`), anonymous sources,
//! groups, organisations and pronouns (`rules/sources.toml`), places that
//! speak through their governments (`rules/places.txt`) and public figures
//! with their offices (`rules/people.toml`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::RuleText;
use super::phrases::PhraseSet;
use crate::error::Result;

/// The shape of `rules/attribution.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionFile {
    pub verbs: Vec<String>,
    pub describing: Vec<String>,
    pub quoting: Vec<String>,
    pub quoting_tail: Vec<String>,
    pub according: Vec<String>,
    pub participles: Vec<String>,
    pub honorifics: Vec<String>,
    pub male_honorifics: Vec<String>,
    pub female_honorifics: Vec<String>,
}

/// What an honorific or pronoun says of a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    anonymous: Vec<String>,
    anonymous_markers: Vec<String>,
    documents: Vec<String>,
    groups: Vec<String>,
    organisations: Vec<String>,
    pronouns: BTreeMap<String, SpeakerKind>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    person: Vec<PersonEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonEntry {
    name: String,
    roles: Vec<toml::Spanned<String>>,
    #[allow(dead_code)]
    country: Option<String>,
}

/// What kind of speaker a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organisation,
    Group,
    Anonymous,
}

/// How a cue attributes words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// `X said …`, `…, said X`.
    Verb,
    /// `X described Y as “Q”`: X speaks.
    Describing,
    /// `X quoted Y as saying …`: Y speaks, X reports.
    Quoting,
    /// `according to X, …`.
    According,
    /// `…, saying …`: the subject of the sentence speaks.
    Participle,
}

/// A role and the other names it goes by.
#[derive(Debug, Clone)]
pub struct Role {
    /// The first name on its line in `rules/roles.txt`.
    pub name: String,
}

/// A public figure from `rules/people.toml`.
#[derive(Debug, Clone)]
pub struct KnownPerson {
    pub name: String,
    /// Indexes into [`AttributionRules::roles`].
    pub roles: Vec<usize>,
}

/// The compiled attribution rules.
#[derive(Debug, Clone)]
pub struct AttributionRules {
    /// Reporting verbs, frames and `according to`.
    pub cues: PhraseSet<CueKind>,
    /// `as saying` and its kin.
    pub quoting_tails: PhraseSet<()>,
    /// Every name of every role, valued by the role's index.
    pub role_names: PhraseSet<usize>,
    pub roles: Vec<Role>,
    pub anonymous: PhraseSet<()>,
    /// Phrases that make any mention anonymous ("familiar with").
    pub anonymous_markers: PhraseSet<()>,
    /// Documents that speak for their issuer ("statement", "report").
    pub documents: PhraseSet<()>,
    pub groups: PhraseSet<()>,
    pub organisations: PhraseSet<()>,
    pub places: PhraseSet<()>,
    pronouns: HashMap<String, SpeakerKind>,
    /// Lower-case honorifics ("mr", "sir").
    honorifics: HashSet<String>,
    /// Lower-case honorifics that say a person's gender.
    gendered_honorifics: HashMap<String, Gender>,
    pub people: Vec<KnownPerson>,
    /// Full names and surnames of [`AttributionRules::people`], valued by
    /// the person's index and whether the form is the full name.
    pub people_names: PhraseSet<(usize, bool)>,
}

impl AttributionRules {
    pub(super) fn new(
        attribution: AttributionFile,
        roles: &RuleText,
        sources: &RuleText,
        places: &RuleText,
        people: &RuleText,
    ) -> Result<AttributionRules> {
        let cue_lists = [
            (attribution.verbs, CueKind::Verb),
            (attribution.describing, CueKind::Describing),
            (attribution.quoting, CueKind::Quoting),
            (attribution.according, CueKind::According),
            (attribution.participles, CueKind::Participle),
        ];
        let cues = PhraseSet::new(
            cue_lists
                .into_iter()
                .flat_map(|(forms, kind)| forms.into_iter().map(move |form| (form, kind))),
        );
        let quoting_tails = PhraseSet::new(attribution.quoting_tail.into_iter().map(|t| (t, ())));

        let mut role_list = Vec::new();
        let mut role_names = Vec::new();
        for entry in roles.word_list()? {
            let names: Vec<&str> = entry.text.split('|').map(str::trim).collect();
            if names.iter().any(|n| n.is_empty()) {
                return Err(roles.error(entry.line, "empty role name around `|`"));
            }
            for name in &names {
                role_names.push((name.to_string(), role_list.len()));
            }
            role_list.push(Role {
                name: names[0].to_string(),
            });
        }
        let role_names = PhraseSet::new(role_names);

        let sources_spec: SourcesFile = sources.toml()?;
        let phrase_set = |list: Vec<String>| PhraseSet::new(list.into_iter().map(|p| (p, ())));
        let places = PhraseSet::new(places.word_list()?.into_iter().map(|e| (e.text, ())));

        let people_spec: PeopleFile = people.toml()?;
        let mut known = Vec::new();
        for person in people_spec.person {
            let mut role_ids = Vec::new();
            for role in &person.roles {
                let Some(&id) = role_names.get(role.get_ref()) else {
                    return Err(people.error(
                        people.line_of(role.span().start),
                        format!(
                            "unknown role `{}` (roles are listed in roles.txt)",
                            role.get_ref()
                        ),
                    ));
                };
                role_ids.push(id);
            }
            known.push(KnownPerson {
                name: person.name,
                roles: role_ids,
            });
        }

        let people_names = PhraseSet::new(known.iter().enumerate().flat_map(|(i, person)| {
            let surname = person.name.split_whitespace().last().unwrap_or_default();
            [
                (person.name.clone(), (i, true)),
                (surname.to_string(), (i, false)),
            ]
        }));
        let honorifics = attribution
            .honorifics
            .iter()
            .map(|h| h.to_lowercase())
            .collect();
        let gendered_honorifics = attribution
            .male_honorifics
            .iter()
            .map(|h| (h.to_lowercase(), Gender::Male))
            .chain(
                attribution
                    .female_honorifics
                    .iter()
                    .map(|h| (h.to_lowercase(), Gender::Female)),
            )
            .collect();
        Ok(AttributionRules {
            honorifics,
            gendered_honorifics,
            people_names,
            cues,
            quoting_tails,
            role_names,
            roles: role_list,
            anonymous: phrase_set(sources_spec.anonymous),
            anonymous_markers: phrase_set(sources_spec.anonymous_markers),
            documents: phrase_set(sources_spec.documents),
            groups: phrase_set(sources_spec.groups),
            organisations: phrase_set(sources_spec.organisations),
            places,
            pronouns: sources_spec
                .pronouns
                .into_iter()
                .map(|(p, kind)| (p.to_lowercase(), kind))
                .collect(),
            people: known,
        })
    }

    /// The kind of speaker a pronoun can refer to, if `word` is one.
    pub fn pronoun(&self, word: &str) -> Option<SpeakerKind> {
        self.pronouns.get(&word.to_lowercase()).copied()
    }

    /// Whether `word` is an honorific ("Mr", "Sir"), with or without its
    /// full stop.
    pub fn is_honorific(&self, word: &str) -> bool {
        self.honorifics
            .contains(&word.trim_end_matches('.').to_lowercase())
    }

    /// The gender an honorific ("Mrs", "Sir.") gives, if it gives one.
    pub fn honorific_gender(&self, word: &str) -> Option<Gender> {
        self.gendered_honorifics
            .get(&word.trim_end_matches('.').to_lowercase())
            .copied()
    }

    /// The index of the role `name` names, under any of its names.
    pub fn role(&self, name: &str) -> Option<usize> {
        self.role_names.get(name).copied()
    }
}
