//! Posting lists written once and then only read, in two flat arrays.
//!
//! The source index gathers, for every word, trigram and content key, the
//! places it occurs; most trigrams of news occur once. A hash map of
//! vectors spends a table slot and a heap block on each distinct key,
//! about a hundred bytes for an eight-byte posting. [`Postings`] instead
//! collects `(key, posting)` pairs while the sources are indexed, and
//! [`Postings::seal`] sorts them once into the distinct keys, where each
//! key's postings start, and the postings themselves: a posting then costs
//! its own bytes and its key's share of one entry.
//!
//! A key's postings come out in the order of the postings themselves. The
//! index adds them in that order (units in order), so a list reads exactly
//! as the vector it replaces did.

/// Posting lists by key: appended to, then sealed, then read.
#[derive(Debug)]
pub struct Postings<K, P> {
    /// Pairs added since the last seal.
    pending: Vec<(K, P)>,
    /// The distinct keys, sorted.
    keys: Vec<K>,
    /// Where the postings of `keys[i]` start in `postings`, and, last,
    /// their number (an index holds fewer than 2³² postings of a kind, as
    /// its unit numbers say).
    starts: Vec<u32>,
    postings: Vec<P>,
}

impl<K, P> Default for Postings<K, P> {
    fn default() -> Self {
        Postings {
            pending: Vec::new(),
            keys: Vec::new(),
            starts: vec![0],
            postings: Vec::new(),
        }
    }
}

impl<K: Ord + Copy, P: Ord + Copy> Postings<K, P> {
    /// Adds one posting of `key`; it is found only after [`Postings::seal`].
    pub fn push(&mut self, key: K, posting: P) {
        self.pending.push((key, posting));
    }

    /// Sorts what was added into the lists, with what was sealed before.
    pub fn seal(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut pairs = std::mem::take(&mut self.pending);
        // The pairs grew by doubling: give back the slack before the lists
        // are built beside them, where the index's memory peaks.
        pairs.shrink_to_fit();
        // Lists sealed before are merged back: sealing is done once per
        // index, so this only keeps a second seal correct.
        for (i, key) in self.keys.iter().enumerate() {
            let list = &self.postings[self.starts[i] as usize..self.starts[i + 1] as usize];
            pairs.extend(list.iter().map(|&p| (*key, p)));
        }
        pairs.sort_unstable();
        self.keys.clear();
        self.starts.clear();
        self.postings = Vec::with_capacity(pairs.len());
        for (key, posting) in pairs {
            if self.keys.last() != Some(&key) {
                self.keys.push(key);
                self.starts.push(self.postings.len() as u32);
            }
            self.postings.push(posting);
        }
        self.starts.push(self.postings.len() as u32);
        self.keys.shrink_to_fit();
        self.starts.shrink_to_fit();
    }

    /// The postings of `key`, in order; `None` if it has none (or was
    /// added after the last seal).
    pub fn get(&self, key: &K) -> Option<&[P]> {
        let i = self.keys.binary_search(key).ok()?;
        Some(&self.postings[self.starts[i] as usize..self.starts[i + 1] as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_in_order_after_sealing() {
        let mut postings: Postings<u64, u32> = Postings::default();
        for (key, unit) in [(7, 1), (3, 1), (7, 2), (3, 4), (9, 4)] {
            postings.push(key, unit);
        }
        assert_eq!(postings.get(&7), None);
        postings.seal();
        assert_eq!(postings.get(&7), Some(&[1, 2][..]));
        assert_eq!(postings.get(&3), Some(&[1, 4][..]));
        assert_eq!(postings.get(&5), None);
        postings.push(3, 6);
        postings.seal();
        assert_eq!(postings.get(&3), Some(&[1, 4, 6][..]));
        assert_eq!(postings.get(&9), Some(&[4][..]));
    }
}
