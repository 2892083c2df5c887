//! Word boundaries (Unicode UAX #29) of a text, with a fast path for
//! ASCII text.
//!
//! Nearly all news text is ASCII sentence by sentence, and the general
//! segmenter (`unicode-segmentation`) looks every character up in its
//! tables: it was a seventh of a check's work on an archive. For ASCII
//! text the rules of UAX #29 come down to a few byte classes, applied
//! here; any other text goes to the general segmenter. The two agree
//! piece for piece on every ASCII text (a property test holds them to it).

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The pieces of `text` between word boundaries, with their byte offsets:
/// what `split_word_bound_indices` gives.
pub fn pieces(text: &str) -> Pieces<'_> {
    if text.is_ascii() {
        Pieces::Ascii { text, at: 0 }
    } else {
        Pieces::Unicode(text.split_word_bound_indices())
    }
}

/// See [`pieces`].
#[derive(Clone)]
pub enum Pieces<'a> {
    Ascii { text: &'a str, at: usize },
    Unicode(UWordBoundIndices<'a>),
}

impl<'a> Iterator for Pieces<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Pieces::Unicode(pieces) => pieces.next(),
            Pieces::Ascii { text, at } => {
                let bytes = text.as_bytes();
                let start = *at;
                if start >= bytes.len() {
                    return None;
                }
                let mut end = start + 1;
                while end < bytes.len() {
                    // Letters and digits join (WB5, WB8 to WB10): the
                    // common case, decided without the other rules.
                    if !(bytes[end - 1].is_ascii_alphanumeric()
                        && bytes[end].is_ascii_alphanumeric())
                        && breaks_before(bytes, end)
                    {
                        break;
                    }
                    end += 1;
                }
                *at = end;
                Some((start, &text[start..end]))
            }
        }
    }
}

/// The word-break classes of ASCII characters (UAX #29, table 3).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    /// Vertical tab and form feed.
    Newline,
    /// The space: a run of spaces is one piece (WB3d).
    Space,
    Letter,
    Numeric,
    /// `:`
    MidLetter,
    /// `,` and `;`
    MidNum,
    /// `.` and `'` (MidNumLet and Single_Quote, which ASCII text treats
    /// alike).
    MidNumLetQ,
    /// `_`
    ExtendNumLet,
    Other,
}

fn class(byte: u8) -> Class {
    match byte {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        0x0b | 0x0c => Class::Newline,
        b' ' => Class::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Numeric,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidNumLetQ,
        b'_' => Class::ExtendNumLet,
        _ => Class::Other,
    }
}

/// Whether ASCII `bytes` have a word boundary before byte `at` (`0 < at <
/// bytes.len()`), by rules WB3 to WB13b.
fn breaks_before(bytes: &[u8], at: usize) -> bool {
    use Class::*;
    let class_at = |i: usize| bytes.get(i).copied().map(class);
    let before = class(bytes[at - 1]);
    let here = class(bytes[at]);
    let two_before = at.checked_sub(2).and_then(class_at);
    let after = class_at(at + 1);
    match (before, here) {
        (Cr, Lf) => false,
        (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => true,
        (Space, Space) => false,
        (Letter | Numeric, Letter | Numeric) => false,
        (Letter, MidLetter | MidNumLetQ) => after != Some(Letter),
        (MidLetter | MidNumLetQ, Letter) => two_before != Some(Letter),
        (Numeric, MidNum | MidNumLetQ) => after != Some(Numeric),
        (MidNum | MidNumLetQ, Numeric) => two_before != Some(Numeric),
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => false,
        (ExtendNumLet, Letter | Numeric) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of a text and where they start.
    type Found<'a> = Vec<(usize, &'a str)>;

    fn both(text: &str) -> (Found<'_>, Found<'_>) {
        (
            pieces(text).collect(),
            text.split_word_bound_indices().collect(),
        )
    }

    #[test]
    fn ascii_pieces_are_the_unicode_ones() {
        for text in [
            "",
            "U.S. officials said 3.5 percent, or 1,000 people: \"no.\"",
            "don't  stop\r\n\r\nthe_end 42nd a:b a.1 1.a 'quoted' x''y 1,,2",
            "\x0b\x0c\t tab\tand\u{7f} del",
        ] {
            let (fast, general) = both(text);
            assert_eq!(fast, general, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Any ASCII text: every class, next to every other.
        #[test]
        fn ascii_pieces_match_the_general_segmenter(text in "[ -~\\t\\r\\n\\x0b\\x0c]{0,40}") {
            let (fast, general) = both(&text);
            proptest::prop_assert_eq!(fast, general);
        }

        /// Text built of the classes the rules join across.
        #[test]
        fn joining_classes_match_the_general_segmenter(text in "[aZ09:,;.'_ \"-]{0,24}") {
            let (fast, general) = both(&text);
            proptest::prop_assert_eq!(fast, general);
        }
    }
}
