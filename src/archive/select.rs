//! Choosing the archive files a draft is checked against.
//!
//! Each claim of the draft retrieves its best passages
//! ([`super::retrieve`]); the files holding them are weighed by how much
//! of the claim they hold: the share of the claim's content words and
//! figures found in the file's retrieved passages (together, since a
//! claim may retell two adjacent sentences). A file *holds* a claim when
//! that is a real share of it ([`MIN_SHARE`], at least [`MIN_WORDS`]
//! words).
//!
//! Then the draft decides, as an editor finding a draft's sources would:
//!
//! 1. the file holding nearly the most ([`NEAR_SHARE`] of what the best
//!    file holds, at least [`FIRST_SHARE`] of the claim) of the most
//!    claims is the draft's first source, if that is [`MIN_CLAIMS`]
//!    claims, or the draft's one claim it holds. Nearly: a story of the
//!    same day may hold one more word of a sentence that retells three
//!    of the source's, and the source should not lose that sentence's
//!    vote to it;
//! 2. a claim is then held when a chosen source holds nearly as much of it
//!    as any file ([`NEAR_SHARE`]); among the claims not held, the file
//!    holding the most of the most is a further source when it holds
//!    ([`MIN_SHARE`]) [`MIN_CLAIMS`] of them, or one word for word
//!    ([`Holder::holds_word_for_word`]: nearly every key, or every word
//!    of the claim's quotations): a digest of two stories; and so on;
//! 3. a file that holds nearly as much as a chosen source
//!    ([`NEAR_SHARE`]) of most of the claims that source holds is a copy
//!    of it (a wire story and its rewrite, a story filed again, with a
//!    place or a figure changed): a source too, so that where copies
//!    disagree the check says so, as it would with both named.
//!
//! An archive of a hundred thousand stories holds much of almost any one
//! sentence of news somewhere. A file brought in for a single loosely
//! matched claim would make the check find support where naming the
//! draft's real sources would not, so a claim that only such a file
//! holds is judged as it would be with the real sources named:
//! unsupported. Chosen files are read in the order of their paths, as a
//! folder of sources is, whatever order the claims found them in.

use rustc_hash::{FxHashMap, FxHashSet};

use super::keys::Keys;
use super::open::Archive;
use super::retrieve::{Candidate, LIMIT};
use crate::check::lexicon::Stems;
use crate::document::Document;
use crate::error::Result;
use crate::rules::RuleSet;

/// The least share of a claim's content words and figures a file must
/// hold to be its source.
pub const MIN_SHARE: f64 = 0.5;

/// The fewest of a claim's words and figures a file must hold to be its
/// source.
pub const MIN_WORDS: usize = 2;

/// How many claims a file must hold the most of to be a source of the
/// draft (see the module doc for the exceptions).
pub const MIN_CLAIMS: usize = 2;

/// The least share of a claim a file must hold to count as holding the
/// most of it.
pub const FIRST_SHARE: f64 = 0.3;

/// How much of what the best file holds of a claim a chosen source must
/// hold for the claim to be that source's.
pub const NEAR_SHARE: f64 = 0.8;

/// The fewest keys of a claim that a file holding nearly all of them
/// ([`WHOLE_SHARE`]) makes it a further source of the draft on its own (a
/// sentence from a second story, word for word).
pub const WHOLE_KEYS: usize = 6;

/// The share of a claim's keys a file holds when it holds the claim word
/// for word: all but a word in ten (a retelling changes a word or two).
pub const WHOLE_SHARE: f64 = 0.9;

/// The fewest content words of a claim's quotations that a file holding
/// all of them, as the claim's source, makes it a further source of the
/// draft on its own (a quotation from a second story).
pub const MIN_QUOTED_KEYS: usize = 3;

/// The share of a source's claims a copy of it must hold as much of.
pub const COPY_SHARE: f64 = 0.75;

/// The most copies of one source that join it.
pub const MAX_COPIES: usize = 8;

/// A file holding part of a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Holder {
    /// Relative to the archive.
    pub path: String,
    /// How many of the claim's keys it holds.
    pub held: usize,
    /// Of how many.
    pub of: usize,
    /// Its best passage's score.
    pub score: f32,
    /// Whether it holds every content word of the claim's quotations
    /// (at least [`MIN_QUOTED_KEYS`] of them).
    pub holds_quotations: bool,
}

impl Holder {
    /// The share of the claim it holds.
    pub fn share(&self) -> f64 {
        self.held as f64 / self.of.max(1) as f64
    }

    /// Whether it holds enough of the claim to be its source.
    pub fn is_source(&self) -> bool {
        self.held >= MIN_WORDS && self.share() >= MIN_SHARE
    }

    /// Whether it holds the claim word for word: nearly every key of a
    /// claim of at least [`WHOLE_KEYS`], or, as its source, every word
    /// of the claim's quotations.
    pub fn holds_word_for_word(&self) -> bool {
        (self.of >= WHOLE_KEYS && self.share() >= WHOLE_SHARE)
            || (self.is_source() && self.holds_quotations)
    }
}

/// The files among `candidates` holding parts of the claim keyed `keys`,
/// most held first (then best passage, then path).
pub fn holders(keys: &Keys, candidates: &[Candidate]) -> Vec<Holder> {
    let wanted: FxHashSet<u64> = keys.covered().into_iter().collect();
    let quoted = keys.quoted.len();
    let mut by_file: FxHashMap<&str, (FxHashSet<u64>, f32)> = FxHashMap::default();
    for candidate in candidates {
        let (held, score) = by_file
            .entry(&candidate.path)
            .or_insert_with(|| (FxHashSet::default(), f32::MIN));
        held.extend(candidate.keys.iter().filter(|k| wanted.contains(k)));
        *score = score.max(candidate.score);
    }
    let mut holders: Vec<Holder> = by_file
        .into_iter()
        .map(|(path, (held, score))| Holder {
            path: path.to_string(),
            held: held.len(),
            of: wanted.len(),
            score,
            holds_quotations: quoted >= MIN_QUOTED_KEYS
                && keys.quoted.iter().all(|k| held.contains(k)),
        })
        .collect();
    holders.sort_by(|a, b| {
        b.held
            .cmp(&a.held)
            .then(b.score.total_cmp(&a.score))
            .then_with(|| a.path.cmp(&b.path))
    });
    holders
}

/// The archive files (relative paths) that are further sources of
/// `draft` (see the module doc), sorted; `named` are the archive files
/// (relative paths) the draft names itself, which hold their claims
/// before any file is chosen.
pub fn sources_of(
    archive: &Archive,
    draft: &Document,
    named: &[String],
    rules: &RuleSet,
    stems: &Stems,
) -> Result<Vec<String>> {
    let claims = crate::claims::read(draft, rules);
    let mut held: Vec<Vec<Holder>> = Vec::new();
    for claim in &claims.claims {
        let keys = Keys::of(draft, claim, stems, rules.lexicon());
        if keys.is_empty() {
            continue;
        }
        let mut candidates = archive.retrieve(&keys, LIMIT)?;
        // A quotation is looked up by its own words too: in an archive of
        // many stories on one subject, the passages that best match the
        // whole claim can all be other stories, and the file that holds
        // the quoted words, worded otherwise around them, is then never
        // read.
        if let Some(quoted) = keys.quotations(MIN_QUOTED_KEYS) {
            candidates.extend(archive.retrieve(&quoted, LIMIT)?);
        }
        held.push(holders(&keys, &candidates));
    }
    Ok(choose(&held, named))
}

/// The further sources of a draft whose claims have the holders `claims`
/// (each claim's, as [`holders`] gives them) and which names the archive
/// files `named` itself, sorted by path.
pub fn choose(claims: &[Vec<Holder>], named: &[String]) -> Vec<String> {
    // Each claim's holders, by path.
    let holding: Vec<FxHashMap<&str, &Holder>> = claims
        .iter()
        .map(|holders| {
            holders
                .iter()
                .filter(|h| h.is_source())
                .map(|h| (h.path.as_str(), h))
                .collect()
        })
        .collect();
    let mut files: Vec<&str> = holding.iter().flat_map(|h| h.keys().copied()).collect();
    files.sort_unstable();
    files.dedup();
    let mut chosen: Vec<&str> = named.iter().map(String::as_str).collect();
    // The first source (when the draft names none): the file that holds
    // nearly the most of the most claims (at least [`FIRST_SHARE`] of
    // each), if that is two claims, or the one claim any file holds.
    let mut votes: FxHashMap<&str, usize> = FxHashMap::default();
    let mut claims_held = 0;
    for holders in claims {
        let most = holders.first().map_or(0, |h| h.held);
        let tops: Vec<&Holder> = holders
            .iter()
            .take_while(|h| h.held as f64 >= NEAR_SHARE * most as f64)
            .filter(|h| h.held >= MIN_WORDS && h.share() >= FIRST_SHARE)
            .collect();
        claims_held += usize::from(!tops.is_empty());
        for top in tops {
            *votes.entry(top.path.as_str()).or_default() += 1;
        }
    }
    let first = votes
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(&file, &votes)| (file, votes));
    if let Some((file, votes)) = first
        && chosen.is_empty()
        && votes >= MIN_CLAIMS.min(claims_held)
        && (votes >= MIN_CLAIMS
            || claims
                .iter()
                .any(|h| h.iter().any(|h| h.path == file && h.is_source())))
    {
        chosen.push(file);
    }
    // Whether a chosen source holds each claim (nearly as much of it as
    // any file does).
    let part = |file: &str, holders: &[Holder]| {
        let most = holders.first().map_or(0, |h| h.held);
        holders.iter().any(|h| {
            h.path == file
                && h.held >= MIN_WORDS
                && h.share() >= FIRST_SHARE
                && h.held as f64 >= NEAR_SHARE * most as f64
        })
    };
    let mut held: Vec<bool> = claims
        .iter()
        .map(|h| chosen.iter().any(|f| part(f, h)))
        .collect();
    while !chosen.is_empty() {
        // The file holding the most of the most claims no source holds yet
        // (then the first path): a source when it holds two of them, or
        // one word for word. Holds, not shares a third of: past the first
        // source, a file sharing a few words of two claims the sources
        // leave out is another story on the same people.
        let mut votes: FxHashMap<&str, usize> = FxHashMap::default();
        for (holders, _) in claims.iter().zip(&held).filter(|(_, held)| !**held) {
            let most = holders.first().map_or(0, |h| h.held);
            for top in holders
                .iter()
                .take_while(|h| h.held == most)
                .filter(|h| h.is_source())
                .filter(|h| !chosen.contains(&h.path.as_str()))
            {
                *votes.entry(top.path.as_str()).or_default() += 1;
            }
        }
        let best = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(&file, &votes)| (file, votes));
        let Some((file, votes)) = best else {
            break;
        };
        let whole = votes == 1
            && claims.iter().zip(&held).any(|(holders, held)| {
                !*held
                    && holders
                        .iter()
                        .any(|h| h.path == file && h.holds_word_for_word())
            });
        if votes < MIN_CLAIMS && !whole {
            break;
        }
        chosen.push(file);
        for (holders, held) in claims.iter().zip(&mut held) {
            *held |= part(file, holders);
        }
    }
    // Copies of the chosen sources.
    let sources = chosen.clone();
    for source in sources {
        let own: Vec<&FxHashMap<&str, &Holder>> =
            holding.iter().filter(|h| h.contains_key(source)).collect();
        let mut copies = 0;
        for &file in &files {
            if copies == MAX_COPIES || chosen.contains(&file) {
                continue;
            }
            let as_much = own
                .iter()
                .filter(|holders| match (holders.get(file), holders.get(source)) {
                    (Some(copy), Some(original)) => {
                        copy.held as f64 >= NEAR_SHARE * original.held as f64
                    }
                    _ => false,
                })
                .count();
            if !own.is_empty() && as_much as f64 >= COPY_SHARE * own.len() as f64 {
                chosen.push(file);
                copies += 1;
            }
        }
    }
    let mut chosen: Vec<String> = chosen
        .into_iter()
        .filter(|file| !named.iter().any(|n| n == file))
        .map(str::to_string)
        .collect();
    chosen.sort();
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holder(path: &str, held: usize, of: usize) -> Holder {
        Holder {
            path: path.to_string(),
            held,
            of,
            score: held as f32,
            holds_quotations: false,
        }
    }

    /// Two claims a first story holds.
    fn first_story() -> Vec<Vec<Holder>> {
        vec![
            vec![holder("first.txt", 10, 12)],
            vec![holder("first.txt", 6, 6)],
        ]
    }

    #[test]
    fn a_story_of_the_same_day_does_not_take_the_sources_vote() {
        // The first claim retells three sentences of the source; another
        // story holds one word more of it. The source holds the second
        // claim outright.
        let claims = vec![
            vec![holder("other.txt", 7, 14), holder("source.txt", 6, 14)],
            vec![holder("source.txt", 13, 15), holder("other.txt", 4, 15)],
        ];
        assert_eq!(choose(&claims, &[]), vec!["source.txt"]);
        // Far behind on the first claim, it is not the draft's source.
        let claims = vec![
            vec![holder("other.txt", 7, 14), holder("source.txt", 4, 14)],
            vec![holder("source.txt", 13, 15), holder("other.txt", 4, 15)],
        ];
        assert_eq!(choose(&claims, &[]), Vec::<String>::new());
    }

    #[test]
    fn a_copy_with_a_place_changed_is_a_source_too() {
        let claims = vec![
            vec![holder("wire.txt", 20, 21), holder("rewrite.txt", 19, 21)],
            vec![holder("wire.txt", 10, 11), holder("rewrite.txt", 10, 11)],
            vec![holder("wire.txt", 13, 16), holder("rewrite.txt", 13, 16)],
        ];
        assert_eq!(choose(&claims, &[]), vec!["rewrite.txt", "wire.txt"]);
        // A story holding much less of one of them is not a copy.
        let claims = vec![
            vec![holder("wire.txt", 20, 21), holder("other.txt", 6, 21)],
            vec![holder("wire.txt", 10, 11), holder("other.txt", 10, 11)],
            vec![holder("wire.txt", 13, 16), holder("other.txt", 13, 16)],
        ];
        assert_eq!(choose(&claims, &[]), vec!["wire.txt"]);
    }

    #[test]
    fn a_second_story_holding_one_claim_word_for_word_is_a_source() {
        // All but one of 23 words.
        let mut claims = first_story();
        claims.push(vec![
            holder("second.txt", 22, 23),
            holder("first.txt", 2, 23),
        ]);
        assert_eq!(choose(&claims, &[]), vec!["first.txt", "second.txt"]);
        // Every word of the claim's quotations, and most of the claim.
        let mut claims = first_story();
        let mut quoting = holder("second.txt", 9, 15);
        quoting.holds_quotations = true;
        claims.push(vec![quoting]);
        assert_eq!(choose(&claims, &[]), vec!["first.txt", "second.txt"]);
        // Most of the claim, but not its quotations: one claim a story
        // loosely holds does not make it a source.
        let mut claims = first_story();
        claims.push(vec![holder("second.txt", 9, 15)]);
        assert_eq!(choose(&claims, &[]), vec!["first.txt"]);
    }

    #[test]
    fn a_further_source_holds_two_claims_not_a_few_words_of_them() {
        // Another story on the same people shares a third of each of two
        // claims the first leaves out: not a source.
        let mut claims = first_story();
        claims.push(vec![holder("other.txt", 2, 6)]);
        claims.push(vec![holder("other.txt", 3, 9)]);
        assert_eq!(choose(&claims, &[]), vec!["first.txt"]);
        // A second story holding half or more of both is one.
        let mut claims = first_story();
        claims.push(vec![holder("second.txt", 4, 6)]);
        claims.push(vec![holder("second.txt", 5, 9)]);
        assert_eq!(choose(&claims, &[]), vec!["first.txt", "second.txt"]);
    }
}
