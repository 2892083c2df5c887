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
//! 1. the file holding the most of the most claims (at least
//!    [`FIRST_SHARE`] of each) is the draft's first source, if that is
//!    [`MIN_CLAIMS`] claims, or the draft's one claim it holds;
//! 2. a claim is then held when a chosen source holds nearly as much of it
//!    as any file ([`NEAR_SHARE`]); among the claims not held, the file
//!    holding the most of the most is a further source when that is
//!    [`MIN_CLAIMS`] claims, or one held word for word (every key, at
//!    least [`WHOLE_KEYS`]): a digest of two stories; and so on;
//! 3. a file that holds as much as a chosen source of most of the claims
//!    that source holds is a copy of it (a wire story and its rewrite, a
//!    story filed again): a source too, so that where copies disagree the
//!    check says so, as it would with both named.
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

/// The fewest keys of a claim that a file holding all of them makes it a
/// further source of the draft on its own (a quotation from a second
/// story, word for word).
pub const WHOLE_KEYS: usize = 6;

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
}

/// The files among `candidates` holding parts of the claim keyed `keys`,
/// most held first (then best passage, then path).
pub fn holders(keys: &Keys, candidates: &[Candidate]) -> Vec<Holder> {
    let wanted: FxHashSet<u64> = keys.covered().into_iter().collect();
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
        let keys = Keys::of(draft, claim, stems, &rules.lexicon);
        if keys.is_empty() {
            continue;
        }
        let candidates = archive.retrieve(&keys, LIMIT)?;
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
    // The first source (when the draft names none): the file that holds the most of the most claims
    // (at least [`FIRST_SHARE`] of each), if that is two claims, or the
    // one claim any file holds.
    let mut votes: FxHashMap<&str, usize> = FxHashMap::default();
    let mut claims_held = 0;
    for holders in claims {
        let most = holders.first().map_or(0, |h| h.held);
        let tops: Vec<&Holder> = holders
            .iter()
            .take_while(|h| h.held == most)
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
        // (then the first path): a source when that is two claims, or one
        // held word for word.
        let mut votes: FxHashMap<&str, usize> = FxHashMap::default();
        for (holders, _) in claims.iter().zip(&held).filter(|(_, held)| !**held) {
            let most = holders.first().map_or(0, |h| h.held);
            for top in holders
                .iter()
                .take_while(|h| h.held == most)
                .filter(|h| h.held >= MIN_WORDS && h.share() >= FIRST_SHARE)
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
                        .any(|h| h.path == file && h.held == h.of && h.of >= WHOLE_KEYS)
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
                    (Some(copy), Some(original)) => copy.held >= original.held,
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
