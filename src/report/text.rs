//! Text from inputs made safe to print.
//!
//! Paths, quotations and evidence come from files anyone may have written,
//! and reach terminals and CI logs, where a newline starts a new line that
//! the CI may read as a command (`::error file=…::` on GitHub), and an ANSI
//! escape sequence recolours or rewrites the screen. Inputs are data, never
//! control: every renderer passes such text through here.
//!
//! * [`one_line`] is for messages: a line break or any other control
//!   character is written as a visible escape (`\n`, `\u{1b}`), so a message
//!   is always one line.
//! * [`visible`] is for quoted source lines, where line breaks are kept:
//!   other control characters become a visible picture of one character
//!   (`␛`), so columns stay put.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` may not be printed as it is: C0 and C1 controls, DEL, and
/// the bidirectional overrides and isolates that reorder what a terminal
/// shows.
pub fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` as one line with every control character escaped.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with line breaks and tabs kept and every other control character
/// replaced by one visible character: the Unicode control picture for C0
/// controls and DEL, the replacement character otherwise.
pub fn visible(text: &str) -> Cow<'_, str> {
    let shown = |c: char| !is_control(c) || matches!(c, '\n' | '\r' | '\t');
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if shown(c) => c,
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'),
                '\u{7f}' => '\u{2421}',
                _ => '\u{FFFD}',
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(
            one_line("a\n::error file=x::forged"),
            "a\\n::error file=x::forged"
        );
        assert_eq!(one_line("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(one_line("nul\0 c1\u{9b}"), "nul\\u{0} c1\\u{9b}");
        assert_eq!(one_line("\u{202e}evil"), "\\u{202e}evil");
    }

    #[test]
    fn visible_keeps_line_breaks_and_one_character_per_control() {
        assert_eq!(visible("a\nb\r\n\tc"), "a\nb\r\n\tc");
        assert_eq!(visible("\u{1b}[2J"), "\u{241b}[2J");
        assert_eq!(visible("x\u{7f}\u{9b}"), "x\u{2421}\u{FFFD}");
        assert_eq!(visible("\u{202e}").chars().count(), 1);
    }
}
