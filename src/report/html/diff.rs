//! Marked text for the HTML report: a text cut into segments, each carrying
//! the marks that cover it, and the word diff that makes those marks.
//!
//! The report highlights words in two ways: the words where a draft and its
//! source passage differ (the word diff, computed on the checker's own
//! normalised words, so typography, case and spelling variants that the
//! checker forgives are not highlighted), and ranges the audit itself flags
//! (a finding's offending words, any list of spans the audit attaches to a
//! claim or a passage). Both become [`Mark`]s on a byte range of a text;
//! [`segments`] cuts the text at every mark boundary so that the template
//! can wrap each piece without ever nesting or splitting a character.

use std::ops::Range;

use similar::DiffOp;

use crate::check::normalize::{self, Strictness};

/// Why a range of text is highlighted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// The words differ from the text compared against.
    Diff,
    /// The text compared against has words here that this one lacks (an
    /// empty range: a point between words).
    Gap,
    /// The words a finding is about.
    Offending,
    /// A range the audit lists under this name (e.g. `unsupported`).
    Flag(String),
}

/// A piece of text and the marks over all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// An empty piece marking a [`Mark::Gap`].
    pub gap: bool,
    pub diff: bool,
    pub offending: bool,
    /// Names of the audit's lists that flag this piece, joined by `, `.
    pub flags: String,
}

impl Segment {
    /// Whether any mark covers this piece.
    pub fn is_marked(&self) -> bool {
        self.gap || self.diff || self.offending || !self.flags.is_empty()
    }

    /// The HTML classes of its marks: `diff`, `offending`, `flag`.
    pub fn class(&self) -> String {
        let names = [
            (self.diff, "diff"),
            (self.offending, "offending"),
            (!self.flags.is_empty(), "flag"),
        ];
        let on: Vec<&str> = names
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect();
        on.join(" ")
    }
}

/// Cuts `text` at the boundaries of `marks` (byte ranges into `text`).
/// Ranges out of bounds or not on character boundaries are ignored, so
/// marks from any data never split a character or panic.
pub fn segments(text: &str, marks: &[(Range<usize>, Mark)]) -> Vec<Segment> {
    let on_boundaries = |r: &Range<usize>| {
        r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    };
    let valid: Vec<&(Range<usize>, Mark)> = marks
        .iter()
        .filter(|(r, mark)| *mark != Mark::Gap && r.start < r.end && on_boundaries(r))
        .collect();
    let mut gaps: Vec<usize> = marks
        .iter()
        .filter(|(r, mark)| *mark == Mark::Gap && r.start == r.end && on_boundaries(r))
        .map(|(r, _)| r.start)
        .collect();
    gaps.sort_unstable();
    gaps.dedup();
    let gap = || Segment {
        text: String::new(),
        gap: true,
        diff: false,
        offending: false,
        flags: String::new(),
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (range, _) in &valid {
        cuts.push(range.start);
        cuts.push(range.end);
    }
    cuts.extend(&gaps);
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if gaps.binary_search(&start).is_ok() {
            out.push(gap());
        }
        let Some(piece) = text.get(start..end).filter(|p| !p.is_empty()) else {
            continue;
        };
        let covering: Vec<&Mark> = valid
            .iter()
            .filter(|(r, _)| r.start <= start && end <= r.end)
            .map(|(_, m)| m)
            .collect();
        let mut flags: Vec<&str> = covering
            .iter()
            .filter_map(|m| match m {
                Mark::Flag(name) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        flags.sort_unstable();
        flags.dedup();
        let segment = Segment {
            text: piece.to_string(),
            gap: false,
            diff: covering.contains(&&Mark::Diff),
            offending: covering.contains(&&Mark::Offending),
            flags: flags.join(", "),
        };
        // Neighbours with the same marks are one piece.
        match out.last_mut() {
            Some(last)
                if !last.gap
                    && last.diff == segment.diff
                    && last.offending == segment.offending
                    && last.flags == segment.flags =>
            {
                last.text.push_str(&segment.text)
            }
            _ => out.push(segment),
        }
    }
    if !text.is_empty() && gaps.binary_search(&text.len()).is_ok() {
        out.push(gap());
    }
    out
}

/// Marks on each text.
pub type Marks = Vec<(Range<usize>, Mark)>;

/// The word diff of two texts, as marks on each: [`Mark::Diff`] over the
/// words one has and the other has not (consecutive words make one range,
/// spaces between them included), and a [`Mark::Gap`] where the other has
/// words this one lacks entirely.
pub fn word_diff(left: &str, right: &str) -> (Marks, Marks) {
    let left_words = normalize::words(left, 0, Strictness::Lenient);
    let right_words = normalize::words(right, 0, Strictness::Lenient);
    let a: Vec<&str> = left_words.iter().map(|w| w.text.as_str()).collect();
    let b: Vec<&str> = right_words.iter().map(|w| w.text.as_str()).collect();
    let mut left_changed = Vec::new();
    let mut right_changed = Vec::new();
    let mut left_gaps = Vec::new();
    let mut right_gaps = Vec::new();
    for op in crate::check::word_diff::diff(&a, &b) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                left_changed.push(old_index..old_index + old_len);
                right_gaps.push(gap_at(&right_words, new_index));
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                right_changed.push(new_index..new_index + new_len);
                left_gaps.push(gap_at(&left_words, old_index));
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                left_changed.push(old_index..old_index + old_len);
                right_changed.push(new_index..new_index + new_len);
            }
        }
    }
    let marks = |words: &[normalize::Word], runs: Vec<Range<usize>>, gaps: Vec<usize>| -> Marks {
        let changed = runs
            .into_iter()
            .filter(|run| run.start < run.end && run.end <= words.len())
            .map(|run| {
                (
                    words[run.start].span.start..words[run.end - 1].span.end,
                    Mark::Diff,
                )
            });
        changed
            .chain(gaps.into_iter().map(|at| (at..at, Mark::Gap)))
            .collect()
    };
    (
        marks(&left_words, left_changed, left_gaps),
        marks(&right_words, right_changed, right_gaps),
    )
}

/// Where words missing before the `index`th of `words` would go: right
/// after the word before it, or at the start.
fn gap_at(words: &[normalize::Word], index: usize) -> usize {
    match index.checked_sub(1).and_then(|before| words.get(before)) {
        Some(word) => word.span.end,
        None => words.first().map_or(0, |w| w.span.start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, marks: &[(Range<usize>, Mark)]) -> Vec<String> {
        segments(text, marks)
            .into_iter()
            .filter(Segment::is_marked)
            .map(|s| s.text)
            .collect()
    }

    /// The text under each diff mark, and `‸` for each gap, in order.
    fn shown(text: &str, marks: &Marks) -> Vec<String> {
        segments(text, marks)
            .into_iter()
            .filter(Segment::is_marked)
            .map(|s| if s.gap { "‸".to_string() } else { s.text })
            .collect()
    }

    #[test]
    fn an_added_word_is_marked_and_its_place_shown_on_the_other_side() {
        let draft = "will become a major force multiplier";
        let source = "will become a force multiplier";
        let (d, s) = word_diff(draft, source);
        assert_eq!(shown(draft, &d), ["major"]);
        assert_eq!(shown(source, &s), ["‸"]);
        let pieces = segments(source, &s);
        assert_eq!(pieces[0].text, "will become a");
        assert!(pieces[1].gap);
    }

    #[test]
    fn a_changed_word_is_marked_on_both_sides() {
        let (draft, source) = ("up to €800 billion by 2035", "up to €800 billion by 2030");
        let (d, s) = word_diff(draft, source);
        assert_eq!(shown(draft, &d), ["2035"]);
        assert_eq!(shown(source, &s), ["2030"]);
    }

    #[test]
    fn typography_and_case_are_not_differences() {
        let (d, s) = word_diff(
            "“The Defence pact,” he said",
            "\"the defense pact\", he said",
        );
        assert!(d.is_empty() && s.is_empty(), "{d:?} {s:?}");
    }

    #[test]
    fn runs_of_changed_words_are_one_mark() {
        let draft = "a very big red dog";
        let (d, s) = word_diff(draft, "a dog");
        assert_eq!(shown(draft, &d), ["very big red"]);
        assert_eq!(shown("a dog", &s), ["‸"]);
    }

    #[test]
    fn gaps_at_either_end_are_kept() {
        let (_, s) = word_diff("one two three", "two");
        assert_eq!(shown("two", &s), ["‸", "‸"]);
    }

    #[test]
    fn marks_off_character_boundaries_or_bounds_are_dropped() {
        let text = "€5 and more";
        let marks = [
            (1..3, Mark::Diff),
            (4..99, Mark::Offending),
            (0..4, Mark::Flag("x".into())),
        ];
        assert_eq!(marked(text, &marks), ["€5"]);
        let whole: String = segments(text, &marks).into_iter().map(|s| s.text).collect();
        assert_eq!(whole, text);
    }

    #[test]
    fn overlapping_marks_split_into_pieces() {
        let text = "abcdef";
        let marks = [(0..4, Mark::Offending), (2..6, Mark::Diff)];
        let pieces = segments(text, &marks);
        let shape: Vec<(&str, bool, bool)> = pieces
            .iter()
            .map(|s| (s.text.as_str(), s.offending, s.diff))
            .collect();
        assert_eq!(
            shape,
            [("ab", true, false), ("cd", true, true), ("ef", false, true)]
        );
    }

    proptest::proptest! {
        /// Whatever the marks, the pieces are the text, in order, and no
        /// piece is empty.
        #[test]
        fn pieces_make_the_text(
            text in "\\PC{0,40}",
            ranges in proptest::collection::vec((0usize..60, 0usize..60), 0..6),
        ) {
            let marks: Vec<(Range<usize>, Mark)> = ranges
                .into_iter()
                .enumerate()
                .map(|(i, (a, b))| {
                    let mark = [Mark::Diff, Mark::Offending, Mark::Gap][i % 3].clone();
                    if mark == Mark::Gap { (a..a, mark) } else { (a..b, mark) }
                })
                .collect();
            let pieces = segments(&text, &marks);
            let whole: String = pieces.iter().map(|s| s.text.as_str()).collect();
            proptest::prop_assert_eq!(whole, text);
            proptest::prop_assert!(pieces.iter().all(|s| s.text.is_empty() == s.gap));
        }

        /// The word diff never panics and gives ranges on character
        /// boundaries of its texts.
        #[test]
        fn diff_ranges_are_slices(left in "\\PC{0,40}", right in "\\PC{0,40}") {
            let (l, r) = word_diff(&left, &right);
            proptest::prop_assert!(l.iter().all(|(x, _)| left.get(x.clone()).is_some()));
            proptest::prop_assert!(r.iter().all(|(x, _)| right.get(x.clone()).is_some()));
        }
    }
}
