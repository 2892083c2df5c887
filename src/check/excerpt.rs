//! Excerpts of evidence: what an audit shows of the source words a
//! judgement rests on.
//!
//! Evidence keeps its whole span (exact byte offsets into the source, so a
//! reader can open the source there), but its text is cut to at most
//! [`MAX_CHARS`] characters around the words that matched (its *focus*):
//! a source sentence can be a page long (a transcript, a list), and every
//! claim retelling it would otherwise repeat all of it in every output
//! format. A cut end is marked with `…`; cuts fall on character
//! boundaries, at a space where one is near, so no word is split.

use crate::span::Span;

/// The most characters of an excerpt, its `…` marks included.
pub const MAX_CHARS: usize = 400;

/// How far (in characters) a cut moves to fall between two words.
const WORD_REACH: usize = 24;

/// The excerpt of `text` in `span` around `focus`: the whole of it when it
/// is at most [`MAX_CHARS`] characters long; else at most that many,
/// centred on `focus` (or, when the focus is longer, from its start), with
/// `…` where it is cut. `span` must lie on character boundaries of `text`;
/// `focus` is clamped into `span`.
pub fn around(text: &str, span: Span, focus: Span) -> String {
    let Some(whole) = text.get(span.start..span.end) else {
        return String::new();
    };
    // Byte offset of every character (and of the end), relative to `span`.
    let bounds: Vec<usize> = whole
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(whole.len()))
        .collect();
    let chars = bounds.len() - 1;
    if chars <= MAX_CHARS {
        return whole.to_string();
    }
    // The focus, in characters of `whole`.
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte.min(whole.len()));
    let focus_start = char_at(focus.start.clamp(span.start, span.end) - span.start);
    let focus_end = char_at(focus.end.clamp(span.start, span.end) - span.start).max(focus_start);
    // Room for the text between the two marks.
    let room = MAX_CHARS - 2;
    let (mut from, mut to) = if focus_end - focus_start >= room {
        (focus_start, focus_start + room)
    } else {
        let spare = room - (focus_end - focus_start);
        let before = (spare / 2).min(focus_start);
        let after = (spare - before).min(chars - focus_end);
        // What one side cannot use, the other may.
        let before = (spare - after).min(focus_start);
        (focus_start - before, focus_end + after)
    };
    let char_of = |i: usize| whole[bounds[i]..].chars().next();
    let is_space = |i: usize| char_of(i).is_some_and(char::is_whitespace);
    // Cut between words: the start moves forward past a space, the end
    // back before one, never into the focus and not far.
    if from > 0 && !is_space(from - 1) {
        let limit = (from + WORD_REACH).min(focus_start).min(to);
        if let Some(space) = (from..limit).find(|&i| is_space(i)) {
            from = space + 1;
        }
    }
    if to < chars && !is_space(to) {
        let limit = to.saturating_sub(WORD_REACH).max(focus_end).max(from);
        if let Some(space) = (limit..to).rev().find(|&i| is_space(i)) {
            to = space;
        }
    }
    let body = whole[bounds[from]..bounds[to]].trim();
    let mut out = String::with_capacity(body.len() + 6);
    if from > 0 {
        out.push('…');
    }
    out.push_str(body);
    if to < chars {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize) -> String {
        (0..n)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn short_text_is_whole() {
        let text = "A short sentence.";
        assert_eq!(
            around(text, Span::new(0, text.len()), Span::new(2, 7)),
            text
        );
    }

    #[test]
    fn long_text_is_cut_around_its_focus_between_words() {
        let text = words(1000);
        let at = text.find("w500 ").unwrap();
        let focus = Span::new(at, at + "w500 w501 w502".len());
        let cut = around(&text, Span::new(0, text.len()), focus);
        assert!(cut.chars().count() <= MAX_CHARS, "{}", cut.chars().count());
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("w500 w501 w502"), "{cut}");
        // Whole words only.
        let inner = cut.trim_matches('…');
        assert!(
            inner.split(' ').all(|w| text.split(' ').any(|t| t == w)),
            "{cut}"
        );
    }

    #[test]
    fn a_focus_at_an_end_is_cut_on_one_side_only() {
        let text = words(1000);
        let cut = around(&text, Span::new(0, text.len()), Span::new(0, 2));
        assert!(cut.starts_with("w0 w1") && cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= MAX_CHARS);
        let end = text.len();
        let cut = around(&text, Span::new(0, end), Span::new(end - 4, end));
        assert!(cut.starts_with('…') && cut.ends_with("w999"), "{cut}");
        assert!(cut.chars().count() <= MAX_CHARS);
    }

    #[test]
    fn multibyte_text_is_cut_on_character_boundaries() {
        let text = "€é “ß” ".repeat(300);
        for start in [0, 15, 105] {
            let span = Span::new(start, text.len());
            let cut = around(&text, span, Span::new(start + 900, start + 950));
            assert!(cut.chars().count() <= MAX_CHARS);
            assert!(!cut.is_empty());
        }
        // A span that is not on character boundaries gives nothing, not a
        // panic.
        assert_eq!(around(&text, Span::new(1, 10), Span::new(1, 10)), "");
    }

    #[test]
    fn a_focus_longer_than_the_excerpt_shows_its_start() {
        let text = words(1000);
        let span = Span::new(0, text.len());
        let at = text.find("w100 ").unwrap();
        let cut = around(&text, span, Span::new(at, text.len()));
        assert!(cut.starts_with("…w100 w101"), "{cut}");
        assert!(cut.chars().count() <= MAX_CHARS);
    }
}
