//! The retrieval keys of a passage: what a draft claim and an archive
//! passage are matched on before the checker aligns them.
//!
//! A passage (one sentence of a source, or of a draft) is keyed on three
//! things, each a term of the index:
//!
//! * its **content words**, keyed as the checker keys them (stemmed,
//!   paraphrase groups merged: [`crate::check::lexicon`]), so that a
//!   retelling in other words still meets its source;
//! * its **names**, the capitalised words not opening the sentence, a
//!   second time: a name is what a retelling keeps, so it weighs more;
//! * its **figures**, by kind and normalised value, so that "€150
//!   billion" meets "150bn euros".
//!
//! Terms are short strings (`w` for words, `n` for names, `f` for figures,
//! then a 64-bit hash in hexadecimal) in one whitespace-separated field,
//! ranked with BM25 by the index. The content and figure hashes are also
//! stored with the passage ([`Keys::covered`]), so that how much of a
//! claim a file holds is counted exactly, not estimated from scores.

use crate::check::index::{is_content_word, word_hash};
use crate::check::lexicon::Stems;
use crate::claims::Claim;
use crate::claims::figures::FigureValue;
use crate::document::Document;
use crate::rules::Lexicon;

/// Mixed into a name's stem, so that the set of seen keys keeps a name
/// apart from the same word as content.
const NAME_TAG: u64 = 0x2545_f491_4f6c_dd1d;

/// Mixed into a figure's hash, so that a figure never meets a word.
const FIGURE_TAG: u64 = 0x5bd1_e995_9e37_79b9;

/// The retrieval keys of one passage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Content words, by the checker's key; each once, in order.
    pub content: Vec<u64>,
    /// Names (their stems, tagged); each once, in order.
    pub names: Vec<u64>,
    /// Figures, by kind and value; each once, in order.
    pub figures: Vec<u64>,
    /// The content words inside the passage's quotations (also in
    /// `content`): what a file must hold all of to hold a quotation word
    /// for word. Not stored in the index, which needs only
    /// [`Keys::covered`].
    pub quoted: Vec<u64>,
}

impl Keys {
    /// The keys of `claim` of `document`.
    pub fn of(document: &Document, claim: &Claim<'_>, stems: &Stems, lexicon: &Lexicon) -> Keys {
        let mut keys = Keys::default();
        // Seen keys, so that a passage of any length is keyed in linear
        // time.
        let mut seen = rustc_hash::FxHashSet::default();
        let mut seen_quoted = rustc_hash::FxHashSet::default();
        let tokens = stems.tokens(claim.text, claim.span.start);
        for (at, token) in tokens.iter().enumerate() {
            if token.function {
                continue;
            }
            let Some(written) = document.text.get(token.span.start..token.span.end) else {
                continue;
            };
            if !is_content_word(lexicon, &written.to_lowercase()) {
                continue;
            }
            push_once(&mut keys.content, &mut seen, token.key);
            if claim.quotes.iter().any(|q| q.span.contains(token.span)) {
                push_once(&mut keys.quoted, &mut seen_quoted, token.key);
            }
            // The first word of a sentence is capitalised whatever it is.
            if token.capitalized && at > 0 {
                push_once(&mut keys.names, &mut seen, token.stem ^ NAME_TAG);
            }
        }
        for figure in &claim.figures {
            let value = match &figure.value {
                FigureValue::Number(n) => format!("{n:.9e}"),
                FigureValue::Date(date) => date.clone(),
                FigureValue::Unknown => figure.text.to_lowercase().to_string(),
            };
            let key = word_hash(&format!("{:?}:{value}", figure.kind)) ^ FIGURE_TAG;
            push_once(&mut keys.figures, &mut seen, key);
        }
        keys
    }

    /// Whether the passage has nothing to be found by.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.figures.is_empty()
    }

    /// The index terms, separated by spaces (see the module doc).
    pub fn terms(&self) -> String {
        let mut terms = String::with_capacity(
            18 * (self.content.len() + self.names.len() + self.figures.len()),
        );
        for (prefix, keys) in [
            ('w', &self.content),
            ('n', &self.names),
            ('f', &self.figures),
        ] {
            for key in keys {
                if !terms.is_empty() {
                    terms.push(' ');
                }
                terms.push_str(&term(prefix, *key));
            }
        }
        terms
    }

    /// Each term once, with its prefix (for a query).
    pub fn term_list(&self) -> Vec<String> {
        let mut terms = Vec::new();
        for (prefix, keys) in [
            ('w', &self.content),
            ('n', &self.names),
            ('f', &self.figures),
        ] {
            terms.extend(keys.iter().map(|key| term(prefix, *key)));
        }
        terms
    }

    /// The keys of the passage's quotations alone, when they have at
    /// least `min` content words: what finds the file that holds them
    /// word for word where the rest of the claim is worded otherwise.
    pub fn quotations(&self, min: usize) -> Option<Keys> {
        (self.quoted.len() >= min).then(|| Keys {
            content: self.quoted.clone(),
            quoted: self.quoted.clone(),
            ..Keys::default()
        })
    }

    /// What a file can hold of a claim: its content words and figures.
    pub fn covered(&self) -> Vec<u64> {
        self.content.iter().chain(&self.figures).copied().collect()
    }
}

/// One index term.
fn term(prefix: char, key: u64) -> String {
    format!("{prefix}{key:016x}")
}

fn push_once(list: &mut Vec<u64>, seen: &mut rustc_hash::FxHashSet<u64>, key: u64) {
    if seen.insert(key) {
        list.push(key);
    }
}

/// The hash of a passage's group: what tells its copies (the same keys
/// in another file, or in the same file again) from other passages. A
/// 64-bit FNV-1a hash of the content words, names and figures, each list
/// closed by a marker no key is written as, the same on every machine.
pub fn copy_hash(keys: &Keys) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for list in [&keys.content, &keys.names, &keys.figures] {
        for key in list {
            add(&key.to_le_bytes());
        }
        // The lists' lengths, so that a key cannot move from one to the
        // next unseen.
        add(&(list.len() as u64).to_le_bytes());
    }
    hash
}

/// `keys` as bytes, to store with a group.
pub fn to_bytes(keys: &[u64]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

/// Keys stored with [`to_bytes`]; `None` for bytes no keys were written
/// as (a damaged index).
pub fn from_bytes(bytes: &[u8]) -> Option<Vec<u64>> {
    if !bytes.len().is_multiple_of(8) {
        return None;
    }
    Some(
        bytes
            .chunks_exact(8)
            .map(|chunk| {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                u64::from_le_bytes(word)
            })
            .collect(),
    )
}
