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
//! * [`path`] shows a path whole: bytes that are not UTF-8 (a Latin-1 file
//!   name) are written as `\x{e9}` rather than lost.
//!
//! "Control" here is wider than the C0 and C1 controls: characters that
//! show nothing or reorder what is shown count too (a soft hyphen, the
//! zero-width space and joiners, left-to-right and right-to-left marks,
//! the bidirectional embeddings, overrides and isolates, the line and
//! paragraph separators, the byte order mark), because a message that
//! says a quotation changed `will` to `wi­ll` must show the change, and a
//! file name must read in the order it is written. Every subcommand's
//! output for people goes through these functions.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` may not be printed as it is: C0 and C1 controls, DEL, and
/// every character that is invisible or reorders text ([`is_invisible`]).
pub fn is_control(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Whether `c` shows nothing or changes how what is around it shows: the
/// Unicode format characters (general category Cf: soft hyphen, zero-width
/// space and joiners, directional marks, embeddings, overrides and
/// isolates, word joiner, invisible operators, byte order mark, tags) and
/// the line and paragraph separators (Zl, Zp).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// `path` shown whole as text: every byte that is not part of UTF-8 is
/// written `\x{..}` (a path from a Latin-1 file system is not lost or
/// turned into replacement characters). Control characters are kept:
/// pass the result through [`one_line`] to print it.
pub fn path(path: &std::path::Path) -> Cow<'_, str> {
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{{{byte:02x}}}");
        }
    }
    Cow::Owned(out)
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
    fn invisible_characters_are_shown() {
        assert_eq!(one_line("wi\u{ad}ll"), "wi\\u{ad}ll");
        assert_eq!(one_line("a\u{200b}b\u{200e}c"), "a\\u{200b}b\\u{200e}c");
        assert_eq!(one_line("line\u{2028}break"), "line\\u{2028}break");
        assert_eq!(
            one_line("\u{2067}isolate\u{2069}"),
            "\\u{2067}isolate\\u{2069}"
        );
        assert_eq!(visible("wi\u{ad}ll"), "wi\u{FFFD}ll");
        // Ordinary letters, accents and dashes are not touched.
        assert_eq!(
            one_line("Zürich — «São Paulo» – 5 €"),
            "Zürich — «São Paulo» – 5 €"
        );
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_utf8_are_shown_whole() {
        use std::os::unix::ffi::OsStrExt;
        let latin1 = std::path::Path::new(std::ffi::OsStr::from_bytes(b"drafts/caf\xe9.md"));
        assert_eq!(path(latin1), "drafts/caf\\x{e9}.md");
        assert_eq!(
            path(std::path::Path::new("drafts/café.md")),
            "drafts/café.md"
        );
    }

    #[test]
    fn visible_keeps_line_breaks_and_one_character_per_control() {
        assert_eq!(visible("a\nb\r\n\tc"), "a\nb\r\n\tc");
        assert_eq!(visible("\u{1b}[2J"), "\u{241b}[2J");
        assert_eq!(visible("x\u{7f}\u{9b}"), "x\u{2421}\u{FFFD}");
        assert_eq!(visible("\u{202e}").chars().count(), 1);
    }
}
