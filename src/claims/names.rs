//! One canonical name per person in a document.
//!
//! News copy names a person in full once ("defence minister Rajnath
//! Singh") and by surname after ("Singh"), and not always in that order
//! ("Kallas" early, "EU foreign and security policy chief Kaja Kallas"
//! later). The [`NameIndex`] gathers every person the document names, with
//! the role it gives them, before any speaker is resolved; a mention then
//! resolves to the fullest form the document gives whose words it ends
//! with, wherever that form appears. When two people share a surname, the
//! one named most recently before the mention wins.
//!
//! Roles resolve the same way: "the PM" is the person the document calls
//! prime minister (or PM, or premier). If the document names no holder of
//! the role, a public figure of `rules/en/people.toml` who holds it is used,
//! but only if the document mentions them.
//!
//! A document of news can name thousands of people, and every mention is
//! resolved against them: so each question is answered from a lookup
//! built once by [`NameIndex::finish`] (keyed by the words asked about),
//! and each person's mentions are searched by bisection, never by a scan
//! of everyone named so far.

use std::cell::{OnceCell, RefCell};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::rules::AttributionRules;

/// A person the document names.
#[derive(Clone, Debug)]
struct Person {
    /// The fullest form the document gives.
    name: String,
    /// Its words, for matching surnames against it.
    words: Vec<String>,
    /// Where each mention of this form is, in document order.
    mentions: Vec<usize>,
    /// The role the document gives them first, as written, and its index.
    role: Option<(String, usize)>,
}

/// Every person a document names.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    people: Vec<Person>,
    /// Each person's place in `people`, by name.
    by_name: rustc_hash::FxHashMap<String, usize>,
    /// Nouns that describe people ("developer"), each with where the
    /// document says so and of whom (the name as written there).
    described: Vec<(String, usize, String)>,
    /// For each public figure of `rules/en/people.toml`: where the document
    /// writes their full name, else their surname, with the form written.
    /// Found on first need: most documents never ask.
    known: OnceCell<Vec<Vec<(usize, String)>>>,
    /// The lookups of the questions below, built by [`NameIndex::finish`].
    lookup: Lookup,
    /// For each role of the rules asked about: who holds it, in the order
    /// of `people`. Found on first need.
    holders: RefCell<FxHashMap<usize, Vec<usize>>>,
}

/// What [`NameIndex::finish`] builds so that each question costs what its
/// own words cost. Every list of people is in the order of `people`, the
/// order the scans these replace visited them in, so that ties fall the
/// same way.
#[derive(Clone, Debug, Default)]
struct Lookup {
    /// For the last words of a fuller name, joined by one space ("Singh",
    /// "Rajnath Singh" of "Defence Minister Rajnath Singh"): the people
    /// whose names end with them and have more words.
    by_last_words: FxHashMap<String, Vec<usize>>,
    /// For a first word: the people of two or more words it begins.
    by_first_word: FxHashMap<String, Vec<usize>>,
    /// For a name as written and every tail of it after a space: the first
    /// person so named, or whose name ends so, who has a role.
    with_role_by_tail: FxHashMap<String, usize>,
    /// Every mention of every person, by offset then by person from the
    /// last, so that a walk back from an offset meets people in the order
    /// of their latest mention before it.
    mentions: Vec<(usize, usize)>,
    /// For each describing noun, without a plural `s`: the places of
    /// `described` that use it, in order of offset.
    described: FxHashMap<String, Vec<usize>>,
}

impl NameIndex {
    /// Where each public figure of the rules is mentioned in `text`, found
    /// in one pass the first time it is asked for.
    fn known(&self, text: &str, rules: &AttributionRules) -> &[Vec<(usize, String)>] {
        self.known.get_or_init(|| {
            let mut full: Vec<Vec<(usize, String)>> = vec![Vec::new(); rules.people.len()];
            let mut surname = full.clone();
            for found in rules.people_names.find_iter(text) {
                let (person, is_full) = *found.value;
                let form = text[found.start..found.end].to_string();
                let list = if is_full { &mut full } else { &mut surname };
                list[person].push((found.start, form));
            }
            full.into_iter()
                .zip(surname)
                .map(|(full, surname)| if full.is_empty() { surname } else { full })
                .collect()
        })
    }

    /// Records that the document names `name` at `at`, optionally with a
    /// role.
    /// Mentions are kept in the order they come; [`NameIndex::finish`]
    /// sorts them once all are in.
    pub fn add(&mut self, name: &str, at: usize, role: Option<(String, usize)>) {
        if let Some(&index) = self.by_name.get(name) {
            let person = &mut self.people[index];
            person.mentions.push(at);
            if person.role.is_none() {
                person.role = role;
            }
            return;
        }
        self.by_name.insert(name.to_string(), self.people.len());
        self.people.push(Person {
            name: name.to_string(),
            words: name.split_whitespace().map(str::to_string).collect(),
            mentions: vec![at],
            role,
        });
    }

    /// Puts every person's mentions in document order and builds the
    /// lookups, once all are added. The questions below assume it was
    /// called.
    pub fn finish(&mut self) {
        for person in &mut self.people {
            person.mentions.sort_unstable();
            person.mentions.dedup();
        }
        let mut lookup = Lookup::default();
        for (index, person) in self.people.iter().enumerate() {
            let count = person.words.len();
            for taken in 1..count {
                lookup
                    .by_last_words
                    .entry(person.words[count - taken..].join(" "))
                    .or_default()
                    .push(index);
            }
            if count > 1 {
                lookup
                    .by_first_word
                    .entry(person.words[0].clone())
                    .or_default()
                    .push(index);
            }
            if person.role.is_some() {
                let tails = person
                    .name
                    .match_indices(' ')
                    .map(|(space, _)| &person.name[space + 1..]);
                for tail in std::iter::once(person.name.as_str()).chain(tails) {
                    lookup
                        .with_role_by_tail
                        .entry(tail.to_string())
                        .or_insert(index);
                }
            }
            lookup
                .mentions
                .extend(person.mentions.iter().map(|&at| (at, index)));
        }
        lookup
            .mentions
            .sort_unstable_by_key(|&(at, index)| (at, std::cmp::Reverse(index)));
        for (place, (noun, _, _)) in self.described.iter().enumerate() {
            let singular = noun.strip_suffix('s').unwrap_or(noun);
            lookup
                .described
                .entry(singular.to_string())
                .or_default()
                .push(place);
        }
        for places in lookup.described.values_mut() {
            // Stable: of two descriptions at one offset, the later added
            // stays later, as the scan this replaces found it.
            places.sort_by_key(|&place| self.described[place].1);
        }
        self.lookup = lookup;
        self.holders.borrow_mut().clear();
    }

    /// Records that the document describes the person named `name` at
    /// `at` by the noun `head` ("Okafor, an Ohio-born developer").
    pub fn describe(&mut self, name: &str, head: &str, at: usize) {
        self.described
            .push((head.to_string(), at, name.to_string()));
    }

    /// The canonical name of the person the document last described as a
    /// `head` ("developer") before `at`.
    pub fn described_as(&self, head: &str, at: usize) -> Option<String> {
        let singular = head.strip_suffix('s').unwrap_or(head);
        let places = self.lookup.described.get(singular)?;
        // The last of the latest description before `at`.
        let before = places.partition_point(|&place| self.described[place].1 < at);
        let (_, described_at, name) = &self.described[places[before.checked_sub(1)?]];
        Some(self.canonical(name, *described_at))
    }

    /// The person the document names, nearest `at`, whose last words are
    /// `name` ("Steve Israel" for "Israel"), if any: the surname of someone
    /// named, where the same word could also be a country or a firm.
    pub fn person_with_surname(&self, name: &str, at: usize) -> Option<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let candidates = self.lookup.by_last_words.get(words.join(" ").as_str())?;
        let person = pick_nearest(&self.people, candidates, at)?;
        (person.name != name).then(|| person.name.clone())
    }

    /// The canonical form of the person mentioned as `name` at `at`: the
    /// fullest form whose last words are `name`, or, for a lone word no
    /// surname matches, whose first word it is.
    pub fn canonical(&self, name: &str, at: usize) -> String {
        let words: Vec<&str> = name.split_whitespace().collect();
        let none: &[usize] = &[];
        let lookup = &self.lookup;
        let candidates = lookup
            .by_last_words
            .get(words.join(" ").as_str())
            .map_or(none, Vec::as_slice);
        // "Sir Keir": a lone first name, when no surname matches.
        let everyone: Vec<usize>;
        let candidates = match words.as_slice() {
            [word] if candidates.is_empty() => {
                lookup.by_first_word.get(*word).map_or(none, Vec::as_slice)
            }
            // No words: every name ends with none of them.
            [] => {
                everyone = (0..self.people.len()).collect();
                &everyone
            }
            _ => candidates,
        };
        pick_nearest(&self.people, candidates, at)
            .map_or_else(|| name.to_string(), |p| p.name.clone())
    }

    /// The canonical names of the people the document names before `at`,
    /// the most recently named first (of two named at one offset, the one
    /// added first). Lazy: a caller that wants the first who fits reads
    /// no further than that person.
    pub fn named_before(&self, at: usize) -> impl Iterator<Item = String> + '_ {
        let mentions = &self.lookup.mentions;
        let before = mentions.partition_point(|&(m, _)| m < at);
        let mut seen = FxHashSet::default();
        mentions[..before]
            .iter()
            .rev()
            .filter(move |&&(_, index)| seen.insert(index))
            .map(|&(m, index)| self.canonical(&self.people[index].name, m))
    }

    /// The role the document gives the person whose canonical name is
    /// `name`: the first person named so, or whose name ends with a space
    /// and `name`, who has one.
    pub fn role_of(&self, name: &str) -> Option<&str> {
        let &index = self.lookup.with_role_by_tail.get(name)?;
        self.people[index]
            .role
            .as_ref()
            .map(|(text, _)| text.as_str())
    }

    /// The canonical name of who holds role `role` at `at`: someone the
    /// document gives that role, else a public figure who holds it and whom
    /// the document's `text` mentions.
    pub fn holder_of(
        &self,
        role: usize,
        at: usize,
        text: &str,
        rules: &AttributionRules,
    ) -> Option<String> {
        // A general role ("the minister") is held by anyone with a more
        // specific one ("defence minister").
        let mut holders = self.holders.borrow_mut();
        let holders = holders.entry(role).or_insert_with(|| {
            let general = format!(" {}", rules.roles[role].name.to_lowercase());
            let holds = |(text, id): &(String, usize)| {
                *id == role || text.to_lowercase().ends_with(&general)
            };
            (0..self.people.len())
                .filter(|&index| self.people[index].role.as_ref().is_some_and(holds))
                .collect()
        });
        if let Some(person) = pick_nearest(&self.people, holders, at) {
            return Some(person.name.clone());
        }
        // A public figure who holds the role, named in the text: the
        // mention nearest to `at`.
        let known = self.known(text, rules);
        rules
            .people
            .iter()
            .enumerate()
            .filter(|(_, known)| known.roles.contains(&role))
            .filter_map(|(i, _)| nearest(known.get(i)?, at))
            .min_by_key(|(position, _)| position.abs_diff(at))
            .map(|(position, form)| self.canonical(form, *position))
    }
}

/// The mention in `mentions` (sorted by offset) nearest to `at`.
fn nearest(mentions: &[(usize, String)], at: usize) -> Option<&(usize, String)> {
    let after = mentions.partition_point(|(position, _)| *position < at);
    let candidates = [after.checked_sub(1), Some(after)];
    candidates
        .into_iter()
        .flatten()
        .filter_map(|i| mentions.get(i))
        .min_by_key(|(position, _)| position.abs_diff(at))
}

/// Of the `candidates` (places in `people`), the person mentioned most
/// recently before `at` (or at it), else the first one mentioned after it.
/// Of two mentioned at one offset, the later candidate before `at`, the
/// earlier after it.
fn pick_nearest<'p>(people: &'p [Person], candidates: &[usize], at: usize) -> Option<&'p Person> {
    let candidates = candidates.iter().map(|&index| &people[index]);
    let before = candidates
        .clone()
        .filter_map(|p| {
            // Mentions are sorted: the last at or before `at`, by bisection.
            let upto = p.mentions.partition_point(|&m| m <= at);
            Some((p.mentions[upto.checked_sub(1)?], p))
        })
        .max_by_key(|&(last, _)| last)
        .map(|(_, p)| p);
    before.or_else(|| {
        candidates
            .filter_map(|p| p.mentions.first().map(|&first| (first, p)))
            .min_by_key(|&(first, _)| first)
            .map(|(_, p)| p)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn surnames_resolve_to_the_fullest_form_before_or_after() {
        let mut index = NameIndex::default();
        index.add("Kallas", 10, None);
        index.add("Kaja Kallas", 500, None);
        index.add("Rajnath Singh", 50, Some(("defence minister".into(), 0)));
        index.add("Manmohan Singh", 300, None);
        index.finish();
        assert_eq!(index.canonical("Kallas", 10), "Kaja Kallas");
        assert_eq!(index.canonical("Singh", 100), "Rajnath Singh");
        assert_eq!(index.canonical("Singh", 400), "Manmohan Singh");
        assert_eq!(index.canonical("Misri", 400), "Misri");
        assert_eq!(index.role_of("Rajnath Singh"), Some("defence minister"));
    }

    #[test]
    fn roles_resolve_to_named_holders_then_known_figures() {
        let rules = RuleSet::builtin().attribution().clone();
        let pm = rules.role("PM").unwrap();
        let mut index = NameIndex::default();
        let text = "Modi spoke. Later the PM left.";
        assert_eq!(index.holder_of(pm, 20, text, &rules), Some("Modi".into()));
        index.add("Keir Starmer", 5, Some(("prime minister".into(), pm)));
        index.finish();
        assert_eq!(
            index.holder_of(pm, 20, text, &rules),
            Some("Keir Starmer".into())
        );
        let empty = NameIndex::default();
        let nobody = "Nobody spoke. The PM left.";
        assert_eq!(empty.holder_of(pm, 20, nobody, &rules), None);
    }
}
