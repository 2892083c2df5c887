//! Inline suppression of findings in Markdown drafts.
//!
//! Two directives, written as HTML comments so they never show in the
//! rendered page:
//!
//! * `<!-- claimtrace-disable-next-line RULE … -->` silences the named
//!   rules (all rules when none is named) on the next line that has text;
//! * `<!-- claimtrace off -->` … `<!-- claimtrace on -->` silences every
//!   rule in between (to the end of the draft when never turned back on).
//!
//! A directive naming a rule claimtrace does not know is reported by the
//! caller, so that a typo never silently suppresses nothing.

use crate::document::Document;
use crate::span::Span;

/// The suppressions a draft declares.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Suppressions {
    /// (1-based line silenced, 1-based line of the directive, rules;
    /// empty for all).
    lines: Vec<(usize, usize, Vec<String>)>,
    /// Byte ranges where everything is off.
    regions: Vec<Span>,
}

impl Suppressions {
    /// Reads the directives in `draft`'s comments.
    pub fn of(draft: &Document) -> Suppressions {
        let mut suppressions = Suppressions::default();
        let mut off_since: Option<usize> = None;
        // Lines are read once, forward, as the directives come in order: a
        // draft may hold many directives, and many lines.
        let mut lines = TextLines::new(&draft.text);
        for &comment in &draft.comments {
            let body = draft
                .slice(comment)
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim();
            let mut words = body.split_whitespace();
            match words.next() {
                Some("claimtrace-disable-next-line") => {
                    let rules = words.map(str::to_string).collect();
                    let directive = draft.locate(comment).line;
                    let after = draft.locate(Span::new(comment.end, comment.end)).line;
                    suppressions
                        .lines
                        .push((lines.next_with_text(after), directive, rules));
                }
                Some("claimtrace") => match words.next() {
                    Some("off") => {
                        off_since.get_or_insert(comment.end);
                    }
                    Some("on") => {
                        if let Some(start) = off_since.take() {
                            suppressions.regions.push(Span::new(start, comment.start));
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        if let Some(start) = off_since {
            suppressions
                .regions
                .push(Span::new(start, draft.text.len()));
        }
        // Comments come in order, so regions do; silenced lines need not
        // (a directive may be followed by blank lines and another).
        suppressions
            .lines
            .sort_by_key(|(at, directive, _)| (*at, *directive));
        suppressions
    }

    /// Whether a finding of `rule` at `span` (starting on `line`) is
    /// silenced. Regions are in order and apart, and directives in line
    /// order, so each question is a binary search: a draft with many
    /// directives and many findings stays linear.
    pub fn silences(&self, rule: &str, span: Span, line: usize) -> bool {
        let region = self.regions.partition_point(|r| r.end <= span.start);
        let in_region = self
            .regions
            .get(region)
            .is_some_and(|r| r.start <= span.start);
        let first = self.lines.partition_point(|(at, _, _)| *at < line);
        in_region
            || self.lines[first..]
                .iter()
                .take_while(|(at, _, _)| *at == line)
                .any(|(_, _, rules)| rules.is_empty() || rules.iter().any(|r| r == rule))
    }

    /// The rule names the directives mention, with the directive's line,
    /// for checking them.
    pub fn named_rules(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines
            .iter()
            .flat_map(|(_, line, rules)| rules.iter().map(move |r| (*line, r.as_str())))
    }
}

/// The lines of a text (as [`str::lines`] splits them), read forward
/// only.
struct TextLines<'t> {
    lines: std::iter::Peekable<std::str::Lines<'t>>,
    /// The zero-based index of the line `lines` yields next.
    next: usize,
}

impl<'t> TextLines<'t> {
    fn new(text: &'t str) -> TextLines<'t> {
        TextLines {
            lines: text.lines().peekable(),
            next: 0,
        }
    }

    /// The first line after line `after` (1-based) that has text, or the
    /// line after it when none has; `after` never decreases from one call
    /// to the next.
    fn next_with_text(&mut self, after: usize) -> usize {
        while self.next < after && self.lines.next().is_some() {
            self.next += 1;
        }
        if self.next < after {
            return after + 1; // past the last line
        }
        while let Some(line) = self.lines.peek() {
            if !line.trim().is_empty() {
                return self.next + 1;
            }
            self.lines.next();
            self.next += 1;
        }
        after + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    #[test]
    fn directives() {
        let text = "Intro.\n\n<!-- claimtrace-disable-next-line misquote -->\n\nQuoted line.\n\n<!-- claimtrace off -->\n\nOff here.\n\n<!-- claimtrace on -->\n\nOn again.\n";
        let draft = Document::from_text("d.md".into(), text.to_string(), Format::Markdown);
        let s = Suppressions::of(&draft);
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            (
                Span::new(start, start + needle.len()),
                draft.locate(Span::new(start, start)).line,
            )
        };
        let (quoted, line) = at("Quoted line.");
        assert!(s.silences("misquote", quoted, line));
        assert!(!s.silences("figure-mismatch", quoted, line));
        let (off, line) = at("Off here.");
        assert!(s.silences("figure-mismatch", off, line));
        let (on, line) = at("On again.");
        assert!(!s.silences("misquote", on, line));
        assert_eq!(s.named_rules().collect::<Vec<_>>(), [(3, "misquote")]);
    }
}
