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

use std::cell::OnceCell;

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

    /// Puts every person's mentions in document order, once all are added.
    pub fn finish(&mut self) {
        for person in &mut self.people {
            person.mentions.sort_unstable();
            person.mentions.dedup();
        }
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
        self.described
            .iter()
            .filter(|(noun, described_at, _)| {
                *described_at < at
                    && (noun == head || noun.strip_suffix('s').unwrap_or(noun) == singular)
            })
            .max_by_key(|(_, described_at, _)| *described_at)
            .map(|(_, described_at, name)| self.canonical(name, *described_at))
    }

    /// The canonical form of the person mentioned as `name` at `at`: the
    /// fullest form whose last words are `name`, or, for a lone word no
    /// surname matches, whose first word it is.
    pub fn canonical(&self, name: &str, at: usize) -> String {
        let words: Vec<&str> = name.split_whitespace().collect();
        let candidates: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| {
                p.words.len() > words.len()
                    && p.words[p.words.len() - words.len()..]
                        .iter()
                        .zip(&words)
                        .all(|(full, word)| full == word)
            })
            .collect();
        // "Sir Keir": a lone first name, when no surname matches.
        let candidates = if candidates.is_empty() && words.len() == 1 {
            self.people
                .iter()
                .filter(|p| p.words.len() > 1 && p.words[0] == words[0])
                .collect()
        } else {
            candidates
        };
        pick_nearest(&candidates, at).map_or_else(|| name.to_string(), |p| p.name.clone())
    }

    /// The canonical names of the people the document names before `at`,
    /// the most recently named first.
    pub fn named_before(&self, at: usize) -> Vec<String> {
        let mut named: Vec<(usize, &Person)> = self
            .people
            .iter()
            .filter_map(|p| p.mentions.iter().rev().find(|&&m| m < at).map(|&m| (m, p)))
            .collect();
        named.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
        named
            .into_iter()
            .map(|(m, p)| self.canonical(&p.name, m))
            .collect()
    }

    /// The role the document gives the person whose canonical name is
    /// `name`.
    pub fn role_of(&self, name: &str) -> Option<&str> {
        self.people
            .iter()
            .filter(|p| p.name == name || p.name.ends_with(&format!(" {name}")))
            .find_map(|p| p.role.as_ref().map(|(text, _)| text.as_str()))
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
        let general = rules.roles[role].name.to_lowercase();
        let holds = |(text, id): &(String, usize)| {
            *id == role || text.to_lowercase().ends_with(&format!(" {general}"))
        };
        let holders: Vec<&Person> = self
            .people
            .iter()
            .filter(|p| p.role.as_ref().is_some_and(holds))
            .collect();
        if let Some(person) = pick_nearest(&holders, at) {
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

/// The person mentioned most recently before `at`, else the first one
/// mentioned after it.
fn pick_nearest<'p>(people: &[&'p Person], at: usize) -> Option<&'p Person> {
    let before = people
        .iter()
        .filter_map(|p| {
            let last = p.mentions.iter().rev().find(|&&m| m <= at)?;
            Some((*last, *p))
        })
        .max_by_key(|&(last, _)| last)
        .map(|(_, p)| p);
    before.or_else(|| {
        people
            .iter()
            .filter_map(|p| p.mentions.first().map(|&first| (first, *p)))
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
        assert_eq!(index.canonical("Kallas", 10), "Kaja Kallas");
        assert_eq!(index.canonical("Singh", 100), "Rajnath Singh");
        assert_eq!(index.canonical("Singh", 400), "Manmohan Singh");
        assert_eq!(index.canonical("Misri", 400), "Misri");
        assert_eq!(index.role_of("Rajnath Singh"), Some("defence minister"));
    }

    #[test]
    fn roles_resolve_to_named_holders_then_known_figures() {
        let rules = RuleSet::builtin().attribution;
        let pm = rules.role("PM").unwrap();
        let mut index = NameIndex::default();
        let text = "Modi spoke. Later the PM left.";
        assert_eq!(index.holder_of(pm, 20, text, &rules), Some("Modi".into()));
        index.add("Keir Starmer", 5, Some(("prime minister".into(), pm)));
        assert_eq!(
            index.holder_of(pm, 20, text, &rules),
            Some("Keir Starmer".into())
        );
        let empty = NameIndex::default();
        let nobody = "Nobody spoke. The PM left.";
        assert_eq!(empty.holder_of(pm, 20, nobody, &rules), None);
    }
}
