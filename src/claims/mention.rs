//! Reading a speaker mention: the noun phrase a reporting verb attributes
//! words to ("defence minister Rajnath Singh", "the defence ministry",
//! "people familiar with the matter", "she").
//!
//! A mention is cleaned of what stands between it and its verb (leading
//! conjunctions, trailing adverbs and auxiliaries: "and … also", "has",
//! "on Tuesday"), then read in this order:
//!
//! 1. a pronoun (`rules/en/sources.toml`);
//! 2. an anonymous source, when the mention holds a marker of anonymity
//!    (`sources familiar with the talks`) or ends with an anonymous phrase
//!    (`senior officials`), or a group (`the two sides`);
//! 3. a name: the trailing run of capitalised words, initials and name
//!    particles (`S Jaishankar`, `Ursula von der Leyen`). Role words before
//!    it (`European Commission President`) are its role; a name that is a
//!    place, an acronym or ends with an organisation's head word (`Indian
//!    Navy`) is an organisation;
//! 4. a role alone (`the PM`, `the foreign secretary`), resolved later to the
//!    person holding it;
//! 5. an organisation named by its head word (`the defence ministry`);
//! 6. a document or medium that speaks (`the memo`, `the ad`);
//! 7. a person described by a noun of `descriptions` in
//!    `rules/en/sources.toml` (`a nurse`, `the 41-year-old father`).
//!
//! Anything else is not a speaker, and its verb attributes nothing: "The
//! claims were" has a verb-like word but no speaker.

use crate::rules::attribution::SpeakerKind;
use crate::rules::{AttributionRules, Lexicon, WordClass};

/// What a mention names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mention {
    /// A named person, with the role the mention gives them.
    Person { name: String, role: Option<Role> },
    /// A person described, not named ("one voter", "the Ohio-born
    /// developer"), as written without a leading article, and the noun at
    /// its head ("developer").
    Description { name: String, head: String },
    /// A role without a name: the person holding it.
    Role(Role),
    /// A pronoun that refers back to a speaker of this kind.
    Pronoun(SpeakerKind),
    /// An organisation, group or anonymous source, named as written
    /// (without a leading article).
    Other { name: String, kind: SpeakerKind },
}

impl Mention {
    /// Whether the mention names or describes its speaker as written: not a
    /// pronoun or a bare role, which stand for someone named elsewhere.
    pub fn names_someone(&self) -> bool {
        matches!(
            self,
            Mention::Person { .. } | Mention::Description { .. } | Mention::Other { .. }
        )
    }
}

/// A role as written in the mention, and which role of `rules/en/roles.txt` it
/// is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub text: String,
    pub id: usize,
}

/// Articles, and the demonstratives that only stand before a noun: `This
/// story` is a story, not a person named This (`Those surveyed` are people).
const ARTICLES: &[&str] = &["the", "a", "an", "this", "these"];

/// The most words a mention may have; longer stretches are clauses.
const MAX_WORDS: usize = 12;
/// The most unknown words that may describe a named speaker before the
/// name, without a role from `rules/en/roles.txt`.
const MAX_DESCRIPTOR_WORDS: usize = 2;

/// The most words a role or qualifier may put before a name.
const MAX_WORDS_BEFORE_NAME: usize = 7;

/// Reads `text` as a speaker mention; `None` if it names no speaker.
///
/// A share of a group speaks for the group (`75 percent of Republicans`,
/// `at least half of voters`), and a group or description keeps speaking
/// with a place or body after it (`voters in each state`): the mention is
/// the whole phrase, of the kind its group has.
pub fn parse(text: &str, rules: &AttributionRules) -> Option<Mention> {
    let lexicon = &rules.lexicon;
    let words = clean(text, lexicon);
    let share = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("of"))
        .is_some_and(|i| {
            i > 0
                && words[..i]
                    .iter()
                    .all(|w| is_quantity_word(&w.to_lowercase(), lexicon))
        })
        || ratio_share(&words, lexicon).is_some();
    // A group before a place (`voters in each state`) is read as the group:
    // a preposition after a group's head does not change who speaks.
    let group_with_complement = words
        .iter()
        .position(|w| lexicon.is_lower(&w.to_lowercase(), WordClass::GroupComplement))
        .is_some_and(|i| {
            // `some on Twitter`, `many in the party`: a quantifier standing
            // for people is a group too.
            let quantifier =
                i == 1 && lexicon.is_lower(&words[0].to_lowercase(), WordClass::PeopleQuantifier);
            i > 0
                && (quantifier
                    || matches!(
                        parse_phrase(&words[..i].join(" "), rules),
                        Some(Mention::Other {
                            kind: SpeakerKind::Group,
                            ..
                        })
                    ))
        });
    if share || group_with_complement {
        return parse_with_complement(text, rules);
    }
    parse_phrase(text, rules).or_else(|| parse_with_complement(text, rules))
}

/// Whether `text` only counts a share (`75 percent`, `at least half`):
/// the group after its "of" is who speaks.
pub fn counts_a_share(text: &str, lexicon: &Lexicon) -> bool {
    let words = clean(text, lexicon);
    !words.is_empty()
        && words
            .iter()
            .all(|w| is_quantity_word(&w.to_lowercase(), lexicon))
}

/// Whether `word` (lower case) counts a share: a number, a percentage or
/// a word of share (`75 percent of`, `at least half of`, `a majority of`).
fn is_quantity_word(word: &str, lexicon: &Lexicon) -> bool {
    let counted = |part: &str| {
        lexicon
            .tag(part)
            .has_any(WordClass::ShareWord | WordClass::NumberWord)
    };
    counted(word)
        || word.split('-').all(counted)
        || (word.len() > 1 && word.ends_with('%'))
        || (word.chars().any(|c| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || ",.%".contains(c)))
}

/// Where the group starts after a share written as a ratio (`Six in 10
/// Republicans`, `nearly 3 in 4 voters`).
fn ratio_share(words: &[&str], lexicon: &Lexicon) -> Option<usize> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let i = lower.iter().position(|w| w == "in")?;
    let counted = i > 0 && lower[..i].iter().all(|w| is_quantity_word(w, lexicon));
    let out_of = lower.get(i + 1).is_some_and(|w| {
        w.chars().all(|c| c.is_ascii_digit()) || lexicon.is_lower(w, WordClass::NumberWord)
    });
    (counted && out_of && i + 2 < words.len()).then_some(i + 2)
}

/// `text` read as a share of a group or a group with a complement.
fn parse_with_complement(text: &str, rules: &AttributionRules) -> Option<Mention> {
    let lexicon = &rules.lexicon;
    let words = clean(text, lexicon);
    if words.len() > MAX_WORDS {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let share_of = lower.iter().position(|w| w == "of").filter(|&i| {
        i > 0 && lower[..i].iter().all(|w| is_quantity_word(w, lexicon)) && i + 1 < lower.len()
    });
    let group_start = share_of.map(|i| i + 1).or(ratio_share(&words, lexicon));
    let (inner, joined) = match group_start {
        Some(start) => (words[start..].join(" "), true),
        None => {
            let i = lower
                .iter()
                .position(|w| lexicon.is_lower(w, WordClass::GroupComplement))
                .filter(|&i| i > 0 && i + 1 < lower.len())?;
            (words[..i].join(" "), false)
        }
    };
    let name = without_article(&words).join(" ");
    // Whatever a share counts is people when its head is plural (`half of
    // the fishermen`): only people say things.
    let plural_people = || {
        let inner_words = clean(&inner, lexicon);
        let bare = without_article(&inner_words);
        let head = bare.first().map(|w| w.to_lowercase()).unwrap_or_default();
        let plural = (head.ends_with('s') && !head.ends_with("ss")) || head.ends_with("men");
        (joined && plural && head.chars().all(|c| c.is_lowercase())).then(|| Mention::Other {
            name: name.clone(),
            kind: SpeakerKind::Group,
        })
    };
    if !joined && lexicon.is_lower(&inner.to_lowercase(), WordClass::PeopleQuantifier) {
        return Some(Mention::Other {
            name,
            kind: SpeakerKind::Group,
        });
    }
    let Some(inner_mention) = parse(&inner, rules) else {
        return plural_people();
    };
    match inner_mention {
        Mention::Other {
            kind: kind @ (SpeakerKind::Group | SpeakerKind::Organisation),
            ..
        } => Some(Mention::Other { name, kind }),
        Mention::Description { head, .. } => Some(Mention::Description { name, head }),
        // `half of Democrats`: a group named by a proper noun.
        Mention::Person { .. } if joined => Some(Mention::Other {
            name,
            kind: SpeakerKind::Group,
        }),
        _ => None,
    }
}

/// `text` read as one noun phrase.
fn parse_phrase(text: &str, rules: &AttributionRules) -> Option<Mention> {
    let lexicon = &rules.lexicon;
    let words = clean(text, lexicon);
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    let phrase = words.join(" ");
    // A document speaks for its issuer; when the words before it name
    // nobody (`the trade agreement`), for itself.
    if let Some(issuer) = issuer_of_document(&words, rules)
        && let Some(mention) = parse(&issuer, rules)
    {
        return Some(mention);
    }
    if let [word] = words.as_slice()
        && let Some(kind) = rules.pronoun(word)
    {
        return Some(Mention::Pronoun(kind));
    }
    let bare = without_article(&words);
    let bare_phrase = bare.join(" ");
    if rules.anonymous_markers.find_iter(&phrase).next().is_some() {
        return Some(Mention::Other {
            name: bare_phrase,
            kind: SpeakerKind::Anonymous,
        });
    }
    for (set, kind) in [
        (&rules.anonymous, SpeakerKind::Anonymous),
        (&rules.groups, SpeakerKind::Group),
    ] {
        let found = set
            .suffix_of(&phrase)
            .or_else(|| set.suffix_of(&bare_phrase));
        if let Some(found) = found {
            let words_before = phrase[..found.start].split_whitespace().count();
            if words_before <= 3 {
                return Some(Mention::Other {
                    name: bare_phrase,
                    kind,
                });
            }
        }
    }
    let name_start = name_tail_start(&bare, lexicon);
    // Role words may be capitalised ("President"): the name starts after
    // the last role in the mention.
    let role_match = rules.role_names.find_iter(&bare_phrase).last();
    let role_end_word = role_match.map(|m| bare_phrase[..m.end].split_whitespace().count());
    let name_start = match (name_start, role_end_word) {
        (Some(start), Some(role_end)) if role_end > start => {
            Some(role_end).filter(|&s| s < bare.len())
        }
        (start, _) => start,
    };
    let role = role_match.map(|m| Role {
        text: bare_phrase[..m.end].to_string(),
        id: *m.value,
    });
    match name_start {
        Some(start) => {
            if start > MAX_WORDS_BEFORE_NAME {
                return None;
            }
            // An honorific is not part of the name: "Mr Zelensky".
            let mut name_words = &bare[start..];
            while name_words.len() > 1 && rules.is_honorific(name_words[0]) {
                name_words = &name_words[1..];
            }
            // Capitalised words before a title are no part of the name
            // either: "Republican Gov. Dale Price" is Dale Price.
            if let Some(title) = name_words[..name_words.len() - 1]
                .iter()
                .rposition(|w| rules.is_honorific(w))
            {
                name_words = &name_words[title + 1..];
            }
            let name = name_words.join(" ");
            // A capitalised contraction opening a sentence ("There’s",
            // "It’s") names nobody.
            let contraction = name_words.len() == 1
                && lexicon.is_lower(
                    &name.to_lowercase().replace('’', "'"),
                    WordClass::PronounContraction,
                );
            if contraction {
                return None;
            }
            let organisation = rules.places.contains(&name)
                || rules.organisations.suffix_of(&name).is_some_and(|m| {
                    // The head word must be part of the name itself.
                    name[m.start..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                })
                || is_acronym(&name);
            if organisation {
                return Some(Mention::Other {
                    name: bare_phrase,
                    kind: SpeakerKind::Organisation,
                });
            }
            let role = role.filter(|r| r.text.split_whitespace().count() <= start);
            // Words before a name that no role list knows are a descriptor
            // when they are few ("activist Li Wei"), or when they describe a
            // person ("Florida-based Republican strategist Al Cardenas");
            // more are a clause, not a speaker.
            let descriptive = rules
                .descriptions
                .find_iter(&bare[..start].join(" "))
                .next()
                .is_some();
            // Words before the name that are not a clause's (no
            // preposition, conjunction or auxiliary among them) describe
            // the person: "former George W. Bush speechwriter Noam Neusner".
            let describing = bare[..start]
                .iter()
                .all(|w| !lexicon.is_lower(&w.to_lowercase(), WordClass::ClauseWord));
            if role.is_none()
                && start > MAX_DESCRIPTOR_WORDS
                && !descriptive
                && !describing
                && !bare[..start].iter().all(|w| is_qualifier_word(w, lexicon))
            {
                return None;
            }
            Some(Mention::Person { name, role })
        }
        None => {
            if let Some(role) = role.filter(|r| r.text.len() == bare_phrase.len()) {
                return Some(Mention::Role(role));
            }
            let singular_phrase = bare_phrase.strip_suffix('s').unwrap_or(&bare_phrase);
            let organisation = rules.organisations.suffix_of(&bare_phrase).is_some()
                || rules.organisations.suffix_of(singular_phrase).is_some();
            // A possessor names whose organisation it is, however long
            // (`New Hampshire Sen. Kelly Ayotte’s campaign`).
            let possessed = bare
                .iter()
                .rev()
                .skip(1)
                .any(|w| w.ends_with("'s") || w.ends_with("’s"));
            if organisation && (bare.len() <= 5 || (possessed && bare.len() <= 8)) {
                return Some(Mention::Other {
                    name: bare_phrase,
                    kind: SpeakerKind::Organisation,
                });
            }
            let document = rules.documents.suffix_of(&bare_phrase).is_some()
                || rules.documents.suffix_of(singular_phrase).is_some();
            if document && bare.len() <= 6 {
                return Some(Mention::Other {
                    name: bare_phrase,
                    kind: SpeakerKind::Document,
                });
            }
            let head = bare.last()?.to_lowercase();
            let singular = head.strip_suffix('s').unwrap_or(&head);
            // A description is a noun phrase, not a clause: no preposition
            // or verb of its own.
            let clause = bare
                .iter()
                .any(|w| lexicon.is_lower(&w.to_lowercase(), WordClass::ClauseWord));
            if !clause
                && (rules.descriptions.contains(&head) || rules.descriptions.contains(singular))
            {
                return Some(Mention::Description {
                    name: bare_phrase,
                    head: singular.to_string(),
                });
            }
            None
        }
    }
}

/// Where the words that [`parse`] reads lie in `text`: the cleaned
/// mention's byte range, for showing how a sentence names its speaker.
pub fn extent(text: &str, lexicon: &Lexicon) -> Option<std::ops::Range<usize>> {
    let words = clean(text, lexicon);
    let offset = |word: &str| word.as_ptr() as usize - text.as_ptr() as usize;
    let first = words.first()?;
    let last = words.last()?;
    Some(offset(first)..offset(last) + last.len())
}

/// For a mention that names a document ("a government statement", "a
/// report by the central bank", "the ministry's statement"), the words that
/// name who issued it.
fn issuer_of_document(words: &[&str], rules: &AttributionRules) -> Option<String> {
    let phrase = words.join(" ");
    let document = rules.documents.find_iter(&phrase).last()?;
    let before = phrase[..document.start].trim();
    let after = phrase[document.end..].trim();
    let issuer = if after.is_empty() {
        before
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .to_string()
    } else {
        let mut rest = after.split_whitespace();
        match rest.next() {
            Some("from" | "by" | "of") => rest.collect::<Vec<_>>().join(" "),
            _ => return None,
        }
    };
    let meaningful = issuer
        .split_whitespace()
        .any(|w| !ARTICLES.contains(&w.to_lowercase().as_str()));
    meaningful.then_some(issuer)
}

/// The mention's words without joining words before it and adverbs and
/// auxiliaries after it.
fn clean<'a>(text: &'a str, lexicon: &Lexicon) -> Vec<&'a str> {
    let mut words: Vec<&str> = text
        .split_whitespace()
        .map(|w| {
            let w = w.trim_matches(|c: char| {
                !c.is_alphanumeric() && c != '’' && c != '\'' && c != '.' && c != '-' && c != '%'
            });
            // A percent sign stays only after a number (`31%`).
            match w.strip_suffix('%') {
                Some(number) if number.ends_with(|c: char| c.is_ascii_digit()) => w,
                _ => w.trim_matches('%'),
            }
        })
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    while words
        .first()
        .is_some_and(|w| lexicon.is_lower(&w.to_lowercase(), WordClass::ClauseJoiner))
    {
        words.remove(0);
    }
    while let Some(last) = words.last() {
        let lower = last.to_lowercase();
        let is_weekday_after_on = words.len() >= 2
            && words[words.len() - 2].eq_ignore_ascii_case("on")
            && last.chars().next().is_some_and(char::is_uppercase)
            && lower.ends_with("day");
        // A capitalised word is a name ("Will", "May"), never an
        // auxiliary standing between a subject and its verb.
        let capitalised = last.chars().next().is_some_and(char::is_uppercase);
        if lexicon.is_lower(&lower, WordClass::SubjectTrailer) && !capitalised {
            words.pop();
        } else if is_weekday_after_on {
            words.truncate(words.len() - 2);
        } else {
            break;
        }
    }
    words
}

fn without_article<'a>(words: &[&'a str]) -> Vec<&'a str> {
    match words.first() {
        Some(first) if ARTICLES.contains(&first.to_lowercase().as_str()) => words[1..].to_vec(),
        _ => words.to_vec(),
    }
}

/// Where the trailing run of name words starts, if the words end with a
/// name.
fn name_tail_start(words: &[&str], lexicon: &Lexicon) -> Option<usize> {
    let mut start = None;
    for index in (0..words.len()).rev() {
        let word = words[index];
        if is_name_word(word) {
            start = Some(index);
        } else if start.is_some() && lexicon.is_lower(word, WordClass::NameParticle) {
            // Inside a name ("Ursula von der Leyen") or opening a surname
            // ("de Vries said").
            start = Some(index);
        } else {
            break;
        }
    }
    start
}

/// A capitalised word or an initial: `Singh`, `S`, `O’Brien`, `Jean-Yves`.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '’' | '\'' | '-' | '.'))
}

/// An acronym standing alone as a name: `CBI`, `NATO`.
fn is_acronym(name: &str) -> bool {
    name.len() >= 2 && !name.contains(' ') && name.chars().all(|c| c.is_ascii_uppercase())
}

/// Words that may stand before a name without a role: possessives and
/// nationality or rank adjectives written in capitals ("India’s", "Indian",
/// "top", "senior").
fn is_qualifier_word(word: &str, lexicon: &Lexicon) -> bool {
    word.ends_with("’s")
        || word.ends_with("'s")
        || word.chars().next().is_some_and(char::is_uppercase)
        || lexicon.is_lower(word, WordClass::RankQualifier)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn read(text: &str) -> Option<Mention> {
        parse(text, RuleSet::builtin().attribution())
    }

    #[test]
    fn a_document_whose_modifier_names_nobody_speaks_for_itself() {
        let document = |name: &str| {
            Some(Mention::Other {
                name: name.into(),
                kind: SpeakerKind::Document,
            })
        };
        assert_eq!(read("the plea agreement"), document("plea agreement"));
        assert_eq!(
            read("Lazar's plea agreement"),
            document("Lazar's plea agreement")
        );
        // A modifier that names someone is the issuer.
        assert!(matches!(
            read("the ministry's statement"),
            Some(Mention::Other {
                kind: SpeakerKind::Organisation,
                ..
            })
        ));
        // A demonstrative is no name.
        assert_eq!(read("This story"), document("story"));
    }

    #[test]
    fn a_share_written_as_a_ratio_is_its_group() {
        assert!(matches!(
            read("Six in 10 Republicans"),
            Some(Mention::Other {
                kind: SpeakerKind::Group,
                ..
            })
        ));
        assert!(matches!(
            read("three in four voters"),
            Some(Mention::Other {
                kind: SpeakerKind::Group,
                ..
            })
        ));
    }

    #[test]
    fn an_article_alone_names_nobody() {
        assert_eq!(read("the"), None);
        assert_eq!(read("An"), None);
        assert_eq!(read("the ’s"), None);
    }

    #[test]
    fn a_possessor_names_whose_organisation_it_is() {
        assert!(matches!(
            read("New Hampshire Sen. Kelly Ayotte’s campaign"),
            Some(Mention::Other {
                kind: SpeakerKind::Organisation,
                ..
            })
        ));
        assert_eq!(read("There’s"), None);
    }

    fn person(text: &str) -> (String, Option<String>) {
        match read(text) {
            Some(Mention::Person { name, role }) => (name, role.map(|r| r.text)),
            other => panic!("{text:?} read as {other:?}"),
        }
    }

    #[test]
    fn people_with_roles() {
        assert_eq!(
            person("defence minister Rajnath Singh"),
            ("Rajnath Singh".into(), Some("defence minister".into()))
        );
        assert_eq!(
            person("European Commission President Ursula von der Leyen"),
            (
                "Ursula von der Leyen".into(),
                Some("European Commission President".into())
            )
        );
        assert_eq!(
            person("and foreign secretary Vikram Misri also"),
            ("Vikram Misri".into(), Some("foreign secretary".into()))
        );
        assert_eq!(person("Misri"), ("Misri".into(), None));
        assert_eq!(
            person("Prime Minister Narendra Modi on Tuesday"),
            ("Narendra Modi".into(), Some("Prime Minister".into()))
        );
    }

    #[test]
    fn roles_pronouns_and_others() {
        assert!(matches!(read("the PM"), Some(Mention::Role(r)) if r.text == "PM"));
        assert_eq!(read("She"), Some(Mention::Pronoun(SpeakerKind::Person)));
        assert_eq!(
            read("the defence ministry"),
            Some(Mention::Other {
                name: "defence ministry".into(),
                kind: SpeakerKind::Organisation
            })
        );
        assert_eq!(
            read("people familiar with the matter"),
            Some(Mention::Other {
                name: "people familiar with the matter".into(),
                kind: SpeakerKind::Anonymous
            })
        );
        assert_eq!(
            read("The two sides also"),
            Some(Mention::Other {
                name: "two sides".into(),
                kind: SpeakerKind::Group
            })
        );
        assert_eq!(
            read("China"),
            Some(Mention::Other {
                name: "China".into(),
                kind: SpeakerKind::Organisation
            })
        );
        assert_eq!(
            read("the Indian Navy"),
            Some(Mention::Other {
                name: "Indian Navy".into(),
                kind: SpeakerKind::Organisation
            })
        );
    }

    #[test]
    fn clauses_are_not_speakers() {
        assert_eq!(read("The claims"), None);
        assert_eq!(read("the proposal for posting a liaison officer"), None);
        assert_eq!(read(""), None);
    }
}
