//! Finding the attributions of a sentence: the cues ("said", "described …
//! as", "quoted … as saying", "according to") and the mentions they
//! attribute words to.
//!
//! Cues are found with the automaton of `rules/attribution.toml`, outside
//! quotation marks only. For each cue:
//!
//! * the **subject** is the stretch before the cue back to the nearest
//!   clause boundary (punctuation, a quotation mark, or a joining word such
//!   as "and", "which", "that"), read by [`mention::parse`];
//! * when nothing stands there because the cue follows a comma, a closing
//!   quotation mark or opens the sentence (`“…,” said Singh`), the subject is
//!   the stretch *after* the cue;
//! * a cue right after "was", "is", "been" … is passive, and one after "to"
//!   an infinitive: neither attributes anything;
//! * `X quoted Y as saying` gives Y as speaker and X as reporter;
//!   `according to X` takes X from after the cue.
//!
//! Each attribution has a **scope**, the part of the sentence it covers. An
//! attribution that closes its sentence (`…, the ministry said.`, `…,” Modi
//! said at the summit.`) covers what precedes it; one that opens a clause
//! (`…, and Misri said that …`) covers that clause to the end, so a figure
//! before it stays in the narrator's voice.

use super::mention::{self, Mention};
use crate::rules::AttributionRules;
use crate::rules::attribution::CueKind;
use crate::span::Span;

/// One attribution in a sentence. Offsets are into the document.
#[derive(Clone, Debug)]
pub struct Cue {
    /// The cue words.
    pub span: Span,
    pub kind: CueKind,
    /// Who the words are attributed to, and where that is written.
    pub speaker: Mention,
    pub speaker_span: Span,
    /// For `X quoted Y as saying`: X.
    pub reporter: Option<(Mention, Span)>,
    /// The part of the sentence the attribution covers.
    pub scope: Span,
    /// Whether the cue follows the words it attributes (`“…,” Singh said`).
    pub trailing: bool,
}

/// How far around a cue its mentions are looked for, in bytes: far more
/// than any speaker mention, and a bound that keeps the work per cue
/// constant.
const MAX_STRETCH: usize = 256;

/// The most attributions read in one sentence. Real sentences have one or
/// two; the bound keeps pathological input linear.
pub const MAX_CUES_PER_SENTENCE: usize = 16;

/// The most words an apposition between a subject and its verb may have
/// (`Smith, chief executive of the firm, said`).
const MAX_APPOSITION_WORDS: usize = 8;

/// Punctuation that ends the stretch a subject is looked for in.
const BOUNDARY_MARKS: &[char] = &[
    ',', ';', ':', '(', ')', '[', ']', '—', '–', '“', '”', '"', '‘', '.', '!', '?',
];

/// Words that start a new clause: the subject of a verb is after them.
const BOUNDARY_WORDS: &[&str] = &[
    "and", "but", "that", "which", "who", "whom", "while", "when", "because", "after", "before",
    "although", "though", "since", "if", "where", "whereas", "so", "as",
];

/// Words before a cue that make it passive or an infinitive.
const NOT_ACTIVE: &[&str] = &[
    "was", "were", "is", "are", "be", "been", "being", "to", "not",
];

/// Words that start what may follow a closing attribution: `said at the
/// summit`, `said on Tuesday`, `said in a statement`.
const AFTER_CLOSING: &[&str] = &[
    "at",
    "in",
    "on",
    "during",
    "after",
    "before",
    "while",
    "when",
    "to",
    "from",
    "late",
    "early",
    "earlier",
    "later",
    "today",
    "yesterday",
    "last",
    "this",
    "in",
    "via",
    "over",
    "told",
    "adding",
    "according",
    "without",
    "with",
];

/// The attributions of the sentence at `sentence` (its span and text),
/// skipping words inside `quoted` (spans of quoted words).
pub fn find(sentence: Span, text: &str, quoted: &[Span], rules: &AttributionRules) -> Vec<Cue> {
    let mut cues = Vec::new();
    // `quoted` is in order and never overlaps: a binary search finds the
    // one quotation that could hold an offset.
    let in_quote = |at: usize| {
        let next = quoted.partition_point(|q| q.start <= at);
        next > 0 && at < quoted[next - 1].end
    };
    for found in rules.cues.find_iter(text) {
        if cues.len() == MAX_CUES_PER_SENTENCE {
            break;
        }
        let (start, end) = (found.start, found.end);
        if in_quote(sentence.start + start) {
            continue;
        }
        if previous_word(text, start)
            .is_some_and(|w| NOT_ACTIVE.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        let cue = match found.value {
            CueKind::According => according(text, start, end, rules),
            CueKind::Participle => participle(text, start, rules),
            CueKind::Quoting => quoting(text, start, end, rules)
                .or_else(|| subject_verb(text, start, end, CueKind::Verb, rules)),
            kind => subject_verb(text, start, end, *kind, rules),
        };
        if let Some(mut cue) = cue {
            cue.span = Span::new(start, end);
            cues.push(cue.offset(sentence.start));
        }
    }
    cues
}

impl Cue {
    /// A cue attributing to `speaker`, written at `speaker_span`; its own
    /// span is set by [`find`].
    fn new(
        kind: CueKind,
        (speaker, speaker_span): (Mention, Span),
        scope: Span,
        trailing: bool,
    ) -> Cue {
        Cue {
            span: Span::default(),
            kind,
            speaker,
            speaker_span,
            reporter: None,
            scope,
            trailing,
        }
    }

    fn offset(mut self, by: usize) -> Cue {
        let shift = |s: Span| Span::new(s.start + by, s.end + by);
        self.span = shift(self.span);
        self.speaker_span = shift(self.speaker_span);
        self.scope = shift(self.scope);
        if let Some((_, span)) = self.reporter.as_mut() {
            *span = shift(*span);
        }
        self
    }
}

/// `X said …`, `…, X said`, `“…,” said X`, `X, 45, said`.
fn subject_verb(
    text: &str,
    start: usize,
    end: usize,
    kind: CueKind,
    rules: &AttributionRules,
) -> Option<Cue> {
    let (subject_start, boundary) = clause_start(text, start, rules);
    let subject = Span::new(subject_start, start);
    if !text[subject.start..subject.end].trim().is_empty() {
        let cue = subject_cue(text, subject, boundary, end, kind, rules);
        if cue.is_some() || boundary != Boundary::Word {
            return cue;
        }
        // A relative clause may sit inside the subject ("an aide who
        // declined to be named said"): read from the clause before it.
        let word_start = text[..subject_start]
            .trim_end()
            .char_indices()
            .rfind(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let (outer_start, outer_boundary) = clause_start(text, word_start, rules);
        return subject_cue(
            text,
            Span::new(outer_start, start),
            outer_boundary,
            end,
            kind,
            rules,
        );
    }
    // `Smith, 45, said` / `Smith, the defence minister, said`: the subject
    // stands before an apposition set off by commas.
    if boundary == Boundary::Mark && text[..subject_start].ends_with(',') {
        let apposition_end = subject_start - 1;
        if let Some(comma) = text[..apposition_end].rfind(',') {
            let apposition = &text[comma + 1..apposition_end];
            if apposition.split_whitespace().count() <= MAX_APPOSITION_WORDS {
                let (head_start, head_boundary) = clause_start(text, comma, rules);
                let head = Span::new(head_start, comma);
                if let Some(mut cue) = subject_cue(text, head, head_boundary, end, kind, rules) {
                    let apposition_span = Span::new(comma + 1, apposition_end);
                    match (&mut cue.speaker, read_mention(text, apposition_span, rules)) {
                        // "Smith, the defence minister, said"
                        (Mention::Person { role, .. }, Some((Mention::Role(given), _))) => {
                            role.get_or_insert(given);
                        }
                        // "The spokesman, Ryan Wrasse, said": the name is in
                        // the apposition, the role in the head.
                        (Mention::Role(given), Some((Mention::Person { name, role }, span))) => {
                            cue.speaker = Mention::Person {
                                name,
                                role: role.or_else(|| Some(given.clone())),
                            };
                            cue.speaker_span = span;
                        }
                        _ => {}
                    }
                    return Some(cue);
                }
            }
        }
    }
    // Nothing before the verb: the speaker follows it (`, said Singh`).
    if !matches!(boundary, Boundary::Mark | Boundary::Quote | Boundary::Start) {
        return None;
    }
    let after = Span::new(end, clause_end(text, end, rules));
    let speaker = read_mention(text, after, rules)?;
    Some(Cue::new(kind, speaker, Span::new(0, after.end), true))
}

/// The cue whose subject is written in `subject`, which a `boundary`
/// opens.
fn subject_cue(
    text: &str,
    subject: Span,
    boundary: Boundary,
    end: usize,
    kind: CueKind,
    rules: &AttributionRules,
) -> Option<Cue> {
    let speaker = read_mention(text, subject, rules)?;
    // Right after a closing quotation mark the attribution is the quote's
    // (`“…,” she told Reuters`); after a comma, only if it ends the
    // sentence (`…, the ministry said.`).
    let closing =
        boundary == Boundary::Quote || boundary == Boundary::Mark && closes_sentence(text, end);
    let scope = if closing {
        Span::new(0, text.len())
    } else {
        Span::new(subject.start, text.len())
    };
    Some(Cue::new(kind, speaker, scope, closing))
}

/// `X quoted Y as saying …`: Y speaks, X reports.
fn quoting(text: &str, start: usize, end: usize, rules: &AttributionRules) -> Option<Cue> {
    let window = &text[end..floor_char_boundary(text, end + MAX_STRETCH)];
    let tail = rules.quoting_tails.find_iter(window).next()?;
    let quoted = Span::new(end, end + tail.start);
    let speaker = read_mention(text, quoted, rules)?;
    let (subject_start, _) = clause_start(text, start, rules);
    let scope = Span::new(subject_start, text.len());
    let mut cue = Cue::new(CueKind::Quoting, speaker, scope, false);
    cue.reporter = read_mention(text, Span::new(subject_start, start), rules);
    Some(cue)
}

/// `X thanked the UK, saying …`: the participle follows a comma, and the
/// subject is the noun phrase that opens the sentence.
fn participle(text: &str, start: usize, rules: &AttributionRules) -> Option<Cue> {
    if !text[..start].trim_end().ends_with(',') {
        return None;
    }
    let subject = Span::new(0, leading_noun_phrase_end(text, rules));
    let speaker = read_mention(text, subject, rules)?;
    Some(Cue::new(
        CueKind::Participle,
        speaker,
        Span::new(0, text.len()),
        false,
    ))
}

/// Where the noun phrase opening `text` ends: past articles, capitalised
/// words (names, possessives such as "Ukraine's") and role words, up to the
/// first other word.
fn leading_noun_phrase_end(text: &str, rules: &AttributionRules) -> usize {
    let window = &text[..floor_char_boundary(text, MAX_STRETCH)];
    let roles: Vec<(usize, usize)> = rules
        .role_names
        .find_iter(window)
        .map(|m| (m.start, m.end))
        .collect();
    let mut end = 0;
    for word in window.split_whitespace() {
        let offset = word.as_ptr() as usize - text.as_ptr() as usize;
        let bare = word.trim_end_matches([',', ';', ':']);
        let in_role = roles.iter().any(|&(s, e)| s <= offset && offset < e);
        let fits = in_role
            || ["the", "a", "an"].contains(&bare.to_lowercase().as_str())
            || bare.chars().next().is_some_and(char::is_uppercase);
        if !fits {
            break;
        }
        end = offset + bare.len();
        if bare.len() != word.len() {
            break;
        }
    }
    end
}

/// `according to X, …` and `…, according to X.`
fn according(text: &str, start: usize, end: usize, rules: &AttributionRules) -> Option<Cue> {
    let after = Span::new(end, clause_end(text, end, rules));
    let speaker = read_mention(text, after, rules)?;
    let opens = text[..start].trim().is_empty();
    let scope = if opens {
        Span::new(0, text.len())
    } else {
        Span::new(0, after.end)
    };
    Some(Cue::new(CueKind::According, speaker, scope, !opens))
}

/// What ends the stretch before a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Boundary {
    Start,
    /// A comma or other punctuation.
    Mark,
    /// A quotation mark.
    Quote,
    /// A clause-joining word.
    Word,
}

/// Where the clause holding the cue at `cue` starts, and what starts it.
fn clause_start(text: &str, cue: usize, rules: &AttributionRules) -> (usize, Boundary) {
    // Only a bounded stretch is read: a subject is a few words, and reading
    // back to the start of an enormous sentence for every cue would be
    // quadratic.
    let window = floor_char_boundary(text, cue.saturating_sub(MAX_STRETCH));
    let before = &text[..cue];
    let found = before[window..]
        .rmatch_indices(BOUNDARY_MARKS)
        .map(|(at, _)| window + at)
        .find(|&at| ends_stretch(text, at, rules));
    let (mut start, mut boundary) = match found {
        Some(at) => {
            let mark = before[at..].chars().next().unwrap_or(',');
            let kind = if "“”\"‘".contains(mark) {
                Boundary::Quote
            } else {
                Boundary::Mark
            };
            (at + mark.len_utf8(), kind)
        }
        None if window == 0 => (0, Boundary::Start),
        None => (window, Boundary::Word),
    };
    // A joining word inside the stretch starts the clause after it.
    let mut offset = start;
    for word in before[start..].split_inclusive(char::is_whitespace) {
        let bare = word.trim().to_lowercase();
        if BOUNDARY_WORDS.contains(&bare.as_str()) {
            start = offset + word.len();
            boundary = Boundary::Word;
        }
        offset += word.len();
    }
    (start, boundary)
}

/// Whether the mark at `at` ends a stretch: the full stop of an
/// abbreviated title ("Sen.", "Dr.") does not.
fn ends_stretch(text: &str, at: usize, rules: &AttributionRules) -> bool {
    if text.as_bytes().get(at) != Some(&b'.') {
        return true;
    }
    let word = text[..at]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    !rules.is_honorific(word)
}

/// Where the stretch after a cue ends: at the next punctuation or at a word
/// that starts a clause.
fn clause_end(text: &str, from: usize, rules: &AttributionRules) -> usize {
    let rest = &text[from..floor_char_boundary(text, from + MAX_STRETCH)];
    let mut end = rest
        .match_indices(BOUNDARY_MARKS)
        .map(|(at, _)| at)
        .find(|&at| ends_stretch(text, from + at, rules))
        .unwrap_or(rest.len());
    let mut offset = 0;
    for word in rest[..end].split_inclusive(char::is_whitespace) {
        let bare = word.trim().to_lowercase();
        if offset > 0
            && (BOUNDARY_WORDS.contains(&bare.as_str()) || AFTER_CLOSING.contains(&bare.as_str()))
        {
            end = offset;
            break;
        }
        offset += word.len();
    }
    from + end
}

/// Whether what follows a cue ending at `end` only closes the sentence
/// (`said.`, `said on Tuesday.`, `said at a joint media interaction …`).
fn closes_sentence(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    let first = rest.split_whitespace().next().unwrap_or("");
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        || AFTER_CLOSING.contains(&first.to_lowercase().as_str())
}

/// The largest character boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn previous_word(text: &str, at: usize) -> Option<&str> {
    text[..at].split_whitespace().next_back()
}

/// Reads the mention in `span` of `text`, and where its words are.
fn read_mention(text: &str, span: Span, rules: &AttributionRules) -> Option<(Mention, Span)> {
    let written = &text[span.start..span.end];
    let speaker = mention::parse(written, rules)?;
    let words = mention::extent(written)?;
    Some((
        speaker,
        Span::new(span.start + words.start, span.start + words.end),
    ))
}
