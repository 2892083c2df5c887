//! Word-for-word diffs of two word sequences, in time linear in their
//! length whatever they hold.
//!
//! A Myers diff (through `similar`) takes time proportional to the length
//! of the two sequences times the number of their differences: quadratic
//! for two long sequences that differ throughout, which a draft and a
//! source (both anyone's input) can be. Sequences longer together than
//! [`MAX_WORDS`] (far beyond any sentence, passage or quotation of real
//! copy) are compared by their common start and end only, everything
//! between them one replacement: linear, and deterministic, unlike a
//! diff cut short by a deadline.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;
use similar::{Algorithm, DiffOp};

/// The most words of both sequences together diffed word for word.
pub const MAX_WORDS: usize = 2_000;

/// The operations turning `old` into `new`: a Myers diff, or for very long
/// sequences their common start and end and one replacement between.
pub fn diff<T: Eq + Hash + Ord>(old: &[T], new: &[T]) -> Vec<DiffOp> {
    if old.len() + new.len() <= MAX_WORDS {
        return similar::capture_diff_slices(Algorithm::Myers, old, new);
    }
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_len, new_len) = (old.len() - prefix - suffix, new.len() - prefix - suffix);
    let mut ops = Vec::with_capacity(3);
    if prefix > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: prefix,
        });
    }
    let (old_index, new_index) = (prefix, prefix);
    match (old_len, new_len) {
        (0, 0) => {}
        (0, new_len) => ops.push(DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        }),
        (old_len, 0) => ops.push(DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        }),
        (old_len, new_len) => ops.push(DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        }),
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal {
            old_index: old.len() - suffix,
            new_index: new.len() - suffix,
            len: suffix,
        });
    }
    ops
}

/// The most diffs of word keys each thread remembers (see
/// [`diff_keys`]); past it, the memory is emptied and starts again.
const REMEMBERED_DIFFS: usize = 256;

/// A diff this thread made lately: the two sequences, and the operations.
type RememberedDiff = (Vec<u64>, Vec<u64>, Vec<DiffOp>);

thread_local! {
    /// The diffs of word keys this thread made lately, by a hash of the
    /// two sequences diffed.
    static REMEMBERED: RefCell<FxHashMap<u64, RememberedDiff>> =
        RefCell::new(FxHashMap::default());
}

/// [`diff`] of two sequences of word keys, remembered: checking one claim
/// diffs it against the same passage again and again (its reported words
/// and then the whole sentence, a clause and then the clause without its
/// names, which keep the same keys), and a diff costs far more than looking
/// one up. A diff depends on nothing but the two sequences, so a
/// remembered one is the one that would be made again.
pub fn diff_keys(old: &[u64], new: &[u64]) -> Vec<DiffOp> {
    let mut hasher = rustc_hash::FxHasher::default();
    (old, new).hash(&mut hasher);
    let hash = hasher.finish();
    let remembered = REMEMBERED.with(|cell| {
        cell.borrow()
            .get(&hash)
            .filter(|(o, n, _)| o == old && n == new)
            .map(|(_, _, ops)| ops.clone())
    });
    if let Some(ops) = remembered {
        return ops;
    }
    let ops = diff(old, new);
    REMEMBERED.with(|cell| {
        let mut remembered = cell.borrow_mut();
        if remembered.len() >= REMEMBERED_DIFFS {
            remembered.clear();
        }
        remembered.insert(hash, (old.to_vec(), new.to_vec(), ops.clone()));
    });
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `ops` to `old`, taking inserted words from `new`.
    fn apply(old: &[u32], new: &[u32], ops: &[DiffOp]) -> Vec<u32> {
        let mut out = Vec::new();
        for op in ops {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            match tag {
                similar::DiffTag::Equal => out.extend_from_slice(&old[old_range]),
                _ => out.extend_from_slice(&new[new_range]),
            }
        }
        out
    }

    #[test]
    fn short_and_long_sequences_diff_into_each_other() {
        for n in [10, MAX_WORDS] {
            let old: Vec<u32> = (0..n as u32).collect();
            let mut new = old.clone();
            new[n / 2] = u32::MAX;
            new.insert(n / 3, u32::MAX - 1);
            let ops = diff(&old, &new);
            assert_eq!(apply(&old, &new, &ops), new);
            // The common start and end are always found.
            assert!(matches!(ops[0], DiffOp::Equal { len, .. } if len >= n / 3));
            assert!(matches!(ops.last(), Some(DiffOp::Equal { len, .. }) if *len >= n / 2 - 1));
        }
        let old: Vec<u32> = (0..MAX_WORDS as u32).collect();
        assert_eq!(apply(&old, &[], &diff(&old, &[])), Vec::<u32>::new());
        assert_eq!(apply(&[], &old, &diff(&[], &old)), old);
        assert_eq!(diff(&old, &old).len(), 1);
    }
}
