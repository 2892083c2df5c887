//! The rules that tie words to speakers: reporting verbs and frames
//! (`rules/en/attribution.toml`), roles (`rules/en/roles.txt`), anonymous sources,
//! groups, organisations and pronouns (`rules/en/sources.toml`), places that
//! speak through their governments (`rules/en/places.txt`) and public figures
//! with their offices (`rules/en/people.toml`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::RuleText;
use super::phrases::PhraseSet;
use crate::error::Result;

/// The shape of `rules/en/attribution.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionFile {
    pub verbs: Vec<toml::Spanned<String>>,
    pub quote_verbs: Vec<toml::Spanned<String>>,
    pub describing: Vec<toml::Spanned<String>>,
    pub quoting: Vec<toml::Spanned<String>>,
    pub quoting_tail: Vec<String>,
    pub according: Vec<String>,
    pub refusals: Vec<String>,
    pub honorifics: Vec<String>,
    pub name_suffixes: Vec<String>,
    pub irregular_past: Vec<String>,
    pub speech_nouns: Vec<String>,
    pub male_honorifics: Vec<String>,
    pub female_honorifics: Vec<String>,
}

impl AttributionFile {
    /// Every form of every reporting verb of `file` (this file's text),
    /// with what kind of cue it is. A phrase that is a form of several
    /// entries ("read" is a base and a past) has all their forms.
    pub fn cue_forms(&self, file: &RuleText) -> Result<BTreeMap<String, CueForm>> {
        let mut forms: BTreeMap<String, CueForm> = BTreeMap::new();
        let lists = [
            (&self.verbs, CueKind::Verb, false),
            (&self.quote_verbs, CueKind::Verb, true),
            (&self.describing, CueKind::Describing, false),
            (&self.quoting, CueKind::Quoting, false),
        ];
        for (list, kind, quote_only) in lists {
            for entry in list {
                // The line is counted only for an error: counting it for
                // every entry was most of the cost of loading the rules.
                let inflected = inflect(entry.get_ref())
                    .map_err(|why| file.error(file.line_of(entry.span().start), why))?;
                for (form, which) in inflected {
                    let cue = forms.entry(form).or_insert(CueForm {
                        kind,
                        forms: 0,
                        quote_only,
                    });
                    cue.forms |= which;
                    // A form any list gives as a full cue is one.
                    cue.quote_only &= quote_only;
                }
            }
        }
        for phrase in &self.according {
            forms.insert(
                phrase.to_lowercase(),
                CueForm {
                    kind: CueKind::According,
                    forms: Forms::PAST,
                    quote_only: false,
                },
            );
        }
        Ok(forms)
    }
}

/// Which grammatical forms a cue phrase is, as bits.
pub struct Forms;

impl Forms {
    pub const BASE: u8 = 1;
    pub const PAST: u8 = 2;
    pub const THIRD: u8 = 4;
    pub const ING: u8 = 8;
    pub const PARTICIPLE: u8 = 16;
}

/// A cue phrase: what kind of attribution it makes, which forms of its
/// verb it is ([`Forms`] bits) and whether it only attributes a quotation
/// right next to it (`“…,” she laughed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueForm {
    pub kind: CueKind,
    pub forms: u8,
    pub quote_only: bool,
}

impl CueForm {
    pub fn is(&self, forms: u8) -> bool {
        self.forms & forms != 0
    }
}

/// The forms of a verb entry: `"add"` gives add, added, adds, adding; `"say
/// | said | says | saying"` gives those, and a fifth form is the past
/// participle. A particle after the verb ("point out") stays after every
/// form.
fn inflect(entry: &str) -> std::result::Result<Vec<(String, u8)>, String> {
    let parts: Vec<String> = entry
        .split('|')
        .map(|p| {
            p.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect();
    if parts.iter().any(String::is_empty) {
        return Err(format!("empty verb form in `{entry}`"));
    }
    let base = &parts[0];
    match parts.len() {
        1 => {
            let (verb, particle) = match base.split_once(' ') {
                Some((verb, rest)) => (verb, format!(" {rest}")),
                None => (base.as_str(), String::new()),
            };
            let (past, third, ing) = crate::lang::en::regular_forms(verb);
            Ok(vec![
                (base.clone(), Forms::BASE),
                (format!("{past}{particle}"), Forms::PAST | Forms::PARTICIPLE),
                (format!("{third}{particle}"), Forms::THIRD),
                (format!("{ing}{particle}"), Forms::ING),
            ])
        }
        4 | 5 => {
            let mut forms = vec![
                (parts[0].clone(), Forms::BASE),
                (
                    parts[1].clone(),
                    if parts.len() == 4 {
                        Forms::PAST | Forms::PARTICIPLE
                    } else {
                        Forms::PAST
                    },
                ),
                (parts[2].clone(), Forms::THIRD),
                (parts[3].clone(), Forms::ING),
            ];
            if let Some(participle) = parts.get(4) {
                forms.push((participle.clone(), Forms::PARTICIPLE));
            }
            Ok(forms)
        }
        n => Err(format!(
            "`{entry}` has {n} forms: write the base alone, or base | past | third person | -ing [| past participle]"
        )),
    }
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
    descriptions: Vec<String>,
    organisations: Vec<String>,
    pronouns: BTreeMap<String, SpeakerKind>,
    speaker_lines: Vec<String>,
}

/// The shape of `rules/en/first-names.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FirstNamesFile {
    male: Vec<String>,
    female: Vec<String>,
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
    /// A person described, not named: "a nurse", "the announcer".
    Description,
    /// A text that speaks: "the memo", "the ruling", "the ad".
    Document,
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
    /// `…, saying …`, `went on to say`: the subject of the clause speaks.
    Participle,
    /// `He put it this way: “…”`: a colon introduces a quotation, and the
    /// subject before it speaks.
    Colon,
    /// `“…” ― Carla Sanchez, 34`: a dash after a quotation names who said it.
    Dash,
    /// `The agency declined to detail the probe's “specific focus”`: a
    /// quotation in the predicate of a sentence whose subject names a
    /// speaker, and no other attribution.
    Subject,
}

/// A role and the other names it goes by.
#[derive(Debug, Clone)]
pub struct Role {
    /// The first name on its line in `rules/en/roles.txt`.
    pub name: String,
}

/// A public figure from `rules/en/people.toml`.
#[derive(Debug, Clone)]
pub struct KnownPerson {
    pub name: String,
    /// Indexes into [`AttributionRules::roles`].
    pub roles: Vec<usize>,
}

/// The compiled attribution rules.
#[derive(Debug, Clone)]
pub struct AttributionRules {
    /// Every form of every reporting verb and frame, and `according to`.
    pub cues: PhraseSet<CueForm>,
    /// Words before "to" that refuse what follows ("declined to say").
    pub refusals: PhraseSet<()>,
    /// `as saying` and its kin.
    pub quoting_tails: PhraseSet<()>,
    /// Every name of every role, valued by the role's index.
    pub role_names: PhraseSet<usize>,
    pub roles: Vec<Role>,
    pub anonymous: PhraseSet<()>,
    /// Openings of a first line that declare a document one speaker's
    /// words ("remarks by"), lower case, longest first.
    pub speaker_lines: Vec<String>,
    /// Phrases that make any mention anonymous ("familiar with").
    pub anonymous_markers: PhraseSet<()>,
    /// Documents that speak for their issuer ("statement", "report").
    pub documents: PhraseSet<()>,
    pub groups: PhraseSet<()>,
    /// Nouns that describe a person ("nurse", "voter").
    pub descriptions: PhraseSet<()>,
    pub organisations: PhraseSet<()>,
    pub places: PhraseSet<()>,
    pronouns: HashMap<String, SpeakerKind>,
    /// Lower-case honorifics ("mr", "sir").
    honorifics: HashSet<String>,
    /// Lower-case name suffixes ("jr", "iii").
    name_suffixes: HashSet<String>,
    /// Irregular past forms of common verbs ("took", "made").
    irregular_past: HashSet<String>,
    /// Nouns of speech ("assertion", "remarks"), singular.
    pub speech_nouns: HashSet<String>,
    /// Lower-case honorifics that say a person's gender.
    gendered_honorifics: HashMap<String, Gender>,
    /// Lower-case first names that say a person's gender.
    first_name_genders: HashMap<String, Gender>,
    pub people: Vec<KnownPerson>,
    /// Full names and surnames of [`AttributionRules::people`], valued by
    /// the person's index and whether the form is the full name.
    pub people_names: PhraseSet<(usize, bool)>,
    /// The word classes, shared with every stage.
    pub lexicon: std::sync::Arc<super::Lexicon>,
}

/// The rule files that say who may speak: roles (`roles.txt`), sources
/// (`sources.toml`), places (`places.txt`), public figures
/// (`people.toml`) and first names (`first-names.toml`).
pub(super) struct SpeakerFiles<'a> {
    pub roles: &'a RuleText,
    pub sources: &'a RuleText,
    pub places: &'a RuleText,
    pub people: &'a RuleText,
    pub first_names: &'a RuleText,
}

impl AttributionRules {
    pub(super) fn new(
        attribution: AttributionFile,
        cue_forms: BTreeMap<String, CueForm>,
        files: SpeakerFiles<'_>,
        lexicon: std::sync::Arc<super::Lexicon>,
    ) -> Result<AttributionRules> {
        let SpeakerFiles {
            roles,
            sources,
            places,
            people,
            first_names,
        } = files;
        let names: FirstNamesFile = first_names.toml()?;
        let first_name_genders = names
            .male
            .iter()
            .map(|n| (n.to_lowercase(), Gender::Male))
            .chain(
                names
                    .female
                    .iter()
                    .map(|n| (n.to_lowercase(), Gender::Female)),
            )
            .collect();
        let cues = PhraseSet::new(cue_forms);
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
        let name_suffixes = attribution
            .name_suffixes
            .iter()
            .map(|h| h.to_lowercase())
            .collect();
        Ok(AttributionRules {
            lexicon,
            first_name_genders,
            honorifics,
            name_suffixes,
            irregular_past: attribution
                .irregular_past
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            speech_nouns: attribution
                .speech_nouns
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            refusals: PhraseSet::new(attribution.refusals.into_iter().map(|r| (r, ()))),
            gendered_honorifics,
            people_names,
            cues,
            quoting_tails,
            role_names,
            roles: role_list,
            anonymous: phrase_set(sources_spec.anonymous),
            speaker_lines: {
                let mut lines: Vec<String> = sources_spec
                    .speaker_lines
                    .iter()
                    .map(|l| l.to_lowercase())
                    .collect();
                lines.sort_by_key(|l| std::cmp::Reverse(l.len()));
                lines
            },
            anonymous_markers: phrase_set(sources_spec.anonymous_markers),
            documents: phrase_set(sources_spec.documents),
            groups: phrase_set(sources_spec.groups),
            descriptions: phrase_set(sources_spec.descriptions),
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

    /// Whether `word` (lower case) is a noun that can head a speaker's
    /// phrase: a description, role, group, organisation or document.
    pub fn is_speaker_noun(&self, word: &str) -> bool {
        let singular = word.strip_suffix('s').unwrap_or(word);
        [
            &self.descriptions,
            &self.organisations,
            &self.documents,
            &self.groups,
            &self.anonymous,
        ]
        .iter()
        .any(|set| set.contains(word) || set.contains(singular))
            || self.role_names.contains(word)
            || self.role_names.contains(singular)
    }

    /// Whether `word` (lower case) looks like a finite verb: a past or
    /// third-person form of a regular verb, or an irregular past.
    pub fn is_finite_verb_form(&self, word: &str) -> bool {
        let regular = (word.ends_with("ed")
            || (word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us")))
            && word.len() > 3
            && word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        regular || self.irregular_past.contains(word)
    }

    /// Whether `word` ends a name ("Jr.", "III"), with or without its
    /// full stop.
    pub fn is_name_suffix(&self, word: &str) -> bool {
        self.name_suffixes
            .contains(&word.trim_end_matches('.').to_lowercase())
    }

    /// The gender a person's name gives by its first word ("Helen Marsh"),
    /// if the first name is one of `rules/en/first-names.toml`.
    pub fn name_gender(&self, name: &str) -> Option<Gender> {
        let first = name.split_whitespace().next()?;
        self.first_name_genders.get(&first.to_lowercase()).copied()
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
