//! Work on many independent items, in parallel when there is enough of it,
//! with the results in the items' order.
//!
//! The rule engine reads each sentence on its own before anything joins
//! them (a sentence's cues, the names it writes, its figures), and the
//! checker judges each draft claim on its own against a read-only index.
//! [`map_in_order`] runs such work on rayon's pool and gives the results
//! in input order, so output stays byte for byte what a loop would give.
//!
//! A short input is mapped in a plain loop: starting the pool costs more
//! than a few sentences do, and a one-file run of a short draft (an
//! editor's keystroke, `claims` of an empty file) should not pay for
//! threads it cannot use.

use rayon::prelude::*;

/// Below this many items, [`map_in_order`] loops on the calling thread.
/// A sentence takes some tens of microseconds to read; a few hundred of
/// them are worth a pool.
pub const MIN_PARALLEL_ITEMS: usize = 256;

/// `f` applied to each of `items`, in their order: in parallel when there
/// are at least [`MIN_PARALLEL_ITEMS`], else in a loop.
pub fn map_in_order<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if items.len() < MIN_PARALLEL_ITEMS {
        items.iter().map(f).collect()
    } else {
        items.par_iter().map(f).collect()
    }
}

/// `f` applied to each of `items` with its index, in their order, as
/// [`map_in_order`] does.
pub fn map_indexed_in_order<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(usize, &T) -> R + Sync + Send,
{
    if items.len() < MIN_PARALLEL_ITEMS {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| f(i, item))
            .collect()
    } else {
        items
            .par_iter()
            .enumerate()
            .map(|(i, item)| f(i, item))
            .collect()
    }
}

/// `f` applied to each of `items`, its pairs split into two lists in the
/// items' order, as [`map_in_order`] does: without a list of pairs held
/// beside the two.
pub fn map_unzip_in_order<T, A, B, F>(items: &[T], f: F) -> (Vec<A>, Vec<B>)
where
    T: Sync,
    A: Send,
    B: Send,
    F: Fn(&T) -> (A, B) + Sync + Send,
{
    if items.len() < MIN_PARALLEL_ITEMS {
        items.iter().map(f).unzip()
    } else {
        items.par_iter().map(f).unzip()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_short_or_long() {
        for n in [0, 3, MIN_PARALLEL_ITEMS, 10 * MIN_PARALLEL_ITEMS] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(
                map_in_order(&items, |i| i * 2),
                (0..n).map(|i| i * 2).collect::<Vec<_>>()
            );
            assert_eq!(
                map_indexed_in_order(&items, |at, i| at + i),
                (0..n).map(|i| 2 * i).collect::<Vec<_>>()
            );
            let (doubled, tripled) = map_unzip_in_order(&items, |i| (i * 2, i * 3));
            assert_eq!(doubled, (0..n).map(|i| i * 2).collect::<Vec<_>>());
            assert_eq!(tripled, (0..n).map(|i| i * 3).collect::<Vec<_>>());
        }
    }
}
