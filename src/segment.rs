//! The sentence tokenizer: splits each prose block of a [`Document`] into
//! [`Sentence`]s with exact byte spans.
//!
//! # How it decides
//!
//! A byte scanner walks a block looking only at the characters that can end
//! a sentence: `.`, `!`, `?` and `…`. Everything else is passed over without
//! a second look, which keeps the tokenizer fast and linear. At each such
//! *candidate* it reads the whole run of terminators (`?!`, `...`,
//! `. . .`), then any closing quotes and brackets after it. A sentence can
//! only end there if whitespace or the end of the block follows; that alone
//! keeps `3.5`, `v2.0`, `U.K.-based`, `example.com` and `Jr.'s` whole.
//!
//! Whether it does end depends on the words on either side:
//!
//! * a lowercase word next never starts a sentence (`“Go!” she said`,
//!   `Briggs & Co. at noon`, `... well`), except in a block with no capital
//!   letter anywhere (a transcript, a chat, lowercased copy), where case
//!   says nothing and the rules below decide (but for a quotation's close
//!   before its attribution, `“why?” he asked`);
//! * after `!` or `?` anything else does, unless a closing quote is followed
//!   by an attribution (`“Why?” Singh asked.`), which stays with its quote;
//! * an ellipsis set off by spaces (`really ... I`) marks an omission and
//!   does not end a sentence; one attached to a word (`that... She`) or of
//!   four dots does;
//! * after a full stop, the word before it decides, using
//!   `rules/en/abbreviations.txt`: a title (`Mr.`, `Gen.`) never ends a
//!   sentence; a number abbreviation (`No.`, `p.`) does not before a number;
//!   a clock time (`a.m.`, `p.m.`) ends one before a capitalised word unless
//!   that word goes on naming the time (`7 p.m. ET`, `9 a.m. Tuesday`) or
//!   the sentence so far is an introductory phrase (`At 5 a.m. Mr. Smith
//!   went …`), both from `rules/en/segmentation.toml`; other abbreviations,
//!   single-letter initials (`S. Jaishankar`) and dotted acronyms (`U.S.`,
//!   `J.R.R.`) end one only when the next word is a sentence starter from
//!   `rules/en/sentence-starters.txt` (`in the U.S. The next day` but `the U.S.
//!   Government`), and never before another initial (`J. K. Rowling`); any
//!   other word ends one;
//! * a capitalised pronoun after a closed quotation opens a sentence
//!   (`“We won.” He added, “…”`): a trailing attribution would be in lower
//!   case;
//! * a number or letter opening a sentence (`1. First`, `a. The`) is a list
//!   marker, not a sentence; and when a block opens with a list marker, the
//!   markers that follow it in sequence (`1. ... 2. ...`, from `a.` for
//!   letters) start sentences.
//!
//! A full stop glued to the next word ends a sentence only between a
//! lowercase word or a number and a capitalised word (`world.Today`,
//! `1,000.That`), never in an address, a file name or after an abbreviation
//! (`example.com`, `jane.Doe@`, `Sen.Doyle`).
//!
//! Line breaks inside a block (a hard-wrapped paragraph, a Markdown
//! paragraph) are spaces, except that a line opened by a bullet (`- item`,
//! `-Item`, `• item`) starts a sentence, and so does the line after a
//! byline (`By Jane Doe and John Roe`, `By JANE DOE, Associated Press`) or
//! a timestamp or credit line (`Published 3:14 p.m. ET Nov. 3, 2015`,
//! `Photo by …`; the labels are in `rules/en/segmentation.toml`). A dash
//! wrapped to the start of a line of prose (`\n- which …`) is no bullet: an
//! item opens with a capital, or follows another item or a colon.
//!
//! A sentence's span never includes the whitespace around it, and a closing
//! quote or bracket and any trailing attribution belong to the sentence they
//! close: in `“... partnership. Today, ... cybersecurity,” Modi said.` the
//! first inner sentence ends after `partnership.` and the last one runs to
//! the end of the attribution.

use serde::Serialize;

use crate::document::Document;
use crate::rules::{AbbreviationKind, Lexicon, RuleSet, SegmentRules, WordClass};
use crate::span::Span;

/// One sentence of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence<'a> {
    /// Position among the document's sentences, from 0.
    pub index: usize,
    /// Where it is in the original file; never starts or ends with
    /// whitespace.
    pub span: Span,
    /// Exactly the file's text in `span`.
    pub text: &'a str,
}

/// Splits every prose block of `document` into sentences, in order.
pub fn sentences<'a>(document: &'a Document, rules: &RuleSet) -> Vec<Sentence<'a>> {
    let mut sentences = Vec::new();
    each(document, rules, |sentence| sentences.push(sentence));
    sentences
}

/// Calls `found` with every sentence of `document`, in order, holding none
/// of them: what [`sentences`] lists, for a caller that keeps only some.
pub fn each<'a>(document: &'a Document, rules: &RuleSet, mut found: impl FnMut(Sentence<'a>)) {
    if document.blocks.is_empty() {
        // No text: no sentence, and no rules compiled to find one.
        return;
    }
    let rules = rules.segment();
    let mut ranges = Vec::new();
    let mut flat = FlatText::default();
    let mut index = 0;
    let mut emit = |span: Span| {
        found(Sentence {
            index,
            span,
            text: document.slice(span),
        });
        index += 1;
    };
    for block in &document.blocks {
        ranges.clear();
        if let [piece] = block.pieces {
            // One piece: the block's text is the file's text, no copy needed.
            split(document.slice(*piece), rules, &mut ranges);
            for &(start, end) in &ranges {
                emit(Span::new(piece.start + start, piece.start + end));
            }
        } else {
            flat.fill(&document.text, block.pieces);
            split(&flat.text, rules, &mut ranges);
            for &(start, end) in &ranges {
                emit(Span::new(
                    flat.original_start(start),
                    flat.original_end(end),
                ));
            }
        }
    }
}

/// The text of a block made of several pieces, joined, with the way back
/// from each joined offset to the original file.
#[derive(Default)]
struct FlatText {
    text: String,
    /// For each piece: where it starts in `text` and in the original.
    starts: Vec<(usize, usize)>,
}

impl FlatText {
    fn fill(&mut self, original: &str, pieces: &[Span]) {
        self.text.clear();
        self.starts.clear();
        for piece in pieces {
            self.starts.push((self.text.len(), piece.start));
            self.text.push_str(&original[piece.start..piece.end]);
        }
    }

    /// The original offset of the character at joined offset `at`.
    fn original_start(&self, at: usize) -> usize {
        let piece = self.starts.partition_point(|&(flat, _)| flat <= at) - 1;
        let (flat, original) = self.starts[piece];
        original + (at - flat)
    }

    /// The original offset just after the character ending at joined offset
    /// `at`, so that a span never reaches into the markup after it.
    fn original_end(&self, at: usize) -> usize {
        let piece = self.starts.partition_point(|&(flat, _)| flat < at).max(1) - 1;
        let (flat, original) = self.starts[piece];
        original + (at - flat)
    }
}

/// Splits one block's text into trimmed, non-empty sentence ranges.
pub fn split(text: &str, rules: &SegmentRules, out: &mut Vec<(usize, usize)>) {
    Splitter {
        text,
        bytes: text.as_bytes(),
        rules,
        start: 0,
        out,
        caseless: std::cell::OnceCell::new(),
    }
    .run();
}

struct Splitter<'t, 'r, 'o> {
    text: &'t str,
    bytes: &'t [u8],
    rules: &'r SegmentRules,
    /// Where the sentence being read starts (possibly at whitespace).
    start: usize,
    out: &'o mut Vec<(usize, usize)>,
    /// Whether the block has no capital letter at all (worked out the
    /// first time it matters).
    caseless: std::cell::OnceCell<bool>,
}

/// A run of sentence-ending punctuation.
struct Run {
    /// Just past the run.
    end: usize,
    /// Full stops in it (each `…` counts three).
    dots: usize,
    /// `!` and `?` in it.
    marks: usize,
}

impl Run {
    fn is_ellipsis(&self) -> bool {
        self.dots >= 3
    }
}

/// Longest word looked at when deciding whether it is an abbreviation.
const MAX_TOKEN: usize = 64;
/// How many capitalised words a trailing attribution's name may have.
const MAX_NAME_WORDS: usize = 4;

impl Splitter<'_, '_, '_> {
    fn run(mut self) {
        let mut forced = list_item_starts(self.text);
        forced.extend(self.line_starts());
        forced.sort_unstable();
        forced.dedup();
        let mut forced = forced.into_iter().peekable();
        let mut at = 0;
        while let Some(candidate) = self.next_candidate(at) {
            while let Some(&split_at) = forced.peek() {
                if split_at > candidate {
                    break;
                }
                self.end_sentence(split_at);
                forced.next();
            }
            let run = self.terminator_run(candidate);
            let (after, closed_quote) = self.skip_closers(run.end);
            at = after;
            if after >= self.bytes.len() {
                break;
            }
            if !self.is_space_at(after) {
                if self.glued_boundary(candidate, &run, after) {
                    // A straight quote glued to both sentences opens the
                    // second (`authorities."We`), unless a closing mark
                    // came before it.
                    let between = &self.text[run.end..after];
                    let opens_next = !between.is_empty() && between.chars().all(|c| c == '"');
                    self.end_sentence(if opens_next { run.end } else { after });
                }
                continue;
            }
            let next = self.skip_space(after);
            if next < self.bytes.len() && self.ends_sentence(candidate, &run, closed_quote, next) {
                self.end_sentence(after);
            }
        }
        for split_at in forced {
            self.end_sentence(split_at);
        }
        self.end_sentence(self.bytes.len());
    }

    /// Closes the current sentence at `end` and starts the next one there.
    fn end_sentence(&mut self, end: usize) {
        if end <= self.start {
            return;
        }
        let raw = &self.text[self.start..end];
        let trimmed_start = raw.trim_start();
        let lead = raw.len() - trimmed_start.len();
        let trimmed = trimmed_start.trim_end();
        if !trimmed.is_empty() {
            let start = self.start + lead;
            self.out.push((start, start + trimmed.len()));
        }
        self.start = end;
    }

    /// The next `.`, `!`, `?` or `…` at or after `from`.
    fn next_candidate(&self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut at = from;
        while at < bytes.len() {
            match bytes[at] {
                b'.' | b'!' | b'?' => return Some(at),
                0xE2 if is_ellipsis_char(bytes, at) => return Some(at),
                _ => at += 1,
            }
        }
        None
    }

    /// Reads the run of terminators starting at `at`, including the spaced
    /// ellipsis `. . .`.
    fn terminator_run(&self, at: usize) -> Run {
        let bytes = self.bytes;
        let mut run = Run {
            end: at,
            dots: 0,
            marks: 0,
        };
        loop {
            let end = run.end;
            match bytes.get(end) {
                Some(b'.') => {
                    run.dots += 1;
                    run.end += 1;
                }
                Some(b'!' | b'?') => {
                    run.marks += 1;
                    run.end += 1;
                }
                Some(0xE2) if is_ellipsis_char(bytes, end) => {
                    run.dots += 3;
                    run.end += 3;
                }
                // ". . ." : a space inside a run of stops, when a stop
                // follows that is not the start of a word like ".NET".
                Some(b' ')
                    if run.dots > 0
                        && bytes.get(end + 1) == Some(&b'.')
                        && !bytes.get(end + 2).is_some_and(u8::is_ascii_alphanumeric) =>
                {
                    run.end += 1;
                }
                _ => return run,
            }
        }
    }

    /// Skips closing quotes and brackets; says whether a quote was among
    /// them.
    fn skip_closers(&self, mut at: usize) -> (usize, bool) {
        let mut quote = false;
        while let Some(c) = self.text[at..].chars().next() {
            if !is_closer(c) {
                break;
            }
            quote |= is_quote(c);
            at += c.len_utf8();
        }
        (at, quote)
    }

    /// Whether the block has no capital letter.
    fn is_caseless(&self) -> bool {
        *self
            .caseless
            .get_or_init(|| !self.text.chars().any(char::is_uppercase))
    }

    fn is_space_at(&self, at: usize) -> bool {
        self.text[at..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace)
    }

    fn skip_space(&self, at: usize) -> usize {
        let rest = &self.text[at..];
        at + (rest.len() - rest.trim_start().len())
    }

    /// Decides whether the run at `candidate`, followed by whitespace and
    /// then the text at `next`, ends a sentence.
    fn ends_sentence(&self, candidate: usize, run: &Run, closed_quote: bool, next: usize) -> bool {
        let following = NextWord::at(&self.text[next..]);
        // In text with no capital anywhere (a transcript, a chat, lowercased
        // copy) case says nothing, and the words around the stop decide as
        // they do before a capital; only a quotation's close still runs on
        // into its attribution (`“why?” he asked`).
        if following.first.is_lowercase() && (closed_quote || !self.is_caseless()) {
            return false;
        }
        // A dash after a quotation on its line names who said it
        // (`“The bus never comes.” ― Carla Sanchez, 34`).
        if closed_quote
            && self.text[next..].starts_with(['―', '—'])
            && !self.text[candidate..next].contains('\n')
        {
            return false;
        }
        // A trailing attribution opens in lower case (`“Why?” he asked`);
        // a capitalised pronoun after a closed quotation opens the next
        // sentence (`“We won.” He added, “…”`).
        if closed_quote
            && !self.opens_with_a_pronoun(following.word)
            && self.attribution_follows(next)
        {
            return false;
        }
        if run.marks > 0 {
            return true;
        }
        if run.is_ellipsis() {
            // An omission mark set off by spaces stays inside its sentence
            // unless it carries a fourth stop.
            let detached = self.text[..candidate]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '[' | '('));
            return !(detached && run.dots <= 3);
        }
        self.full_stop_ends_sentence(candidate, &following)
    }

    /// The full-stop rules: the word before the stop decides.
    fn full_stop_ends_sentence(&self, candidate: usize, following: &NextWord<'_>) -> bool {
        let Some((token_start, token)) = self.token_before(candidate) else {
            return true;
        };
        if token.is_empty() || token.ends_with(is_closer) {
            return true;
        }
        if token_start == self.sentence_body_start() && is_list_marker(token) {
            return false;
        }
        let lettered = is_initial(token) || is_dotted_acronym(token);
        if lettered && following.is_initial {
            // `J. K. Rowling`, `U.S. A. Smith`: initials run on.
            return false;
        }
        let kind = self
            .rules
            .abbreviation(token)
            .or_else(|| lettered.then_some(AbbreviationKind::Ordinary));
        match kind {
            None => true,
            Some(AbbreviationKind::Title) => false,
            Some(AbbreviationKind::Number) => !following.first.is_ascii_digit(),
            Some(AbbreviationKind::Ordinary) => self.rules.is_sentence_starter(following.word),
            Some(AbbreviationKind::Clock) => self.clock_time_ends_sentence(token_start, following),
        }
    }

    /// After `a.m.` or `p.m.` (the token at `token_start`): a capitalised
    /// word opens a sentence unless it goes on naming the time (`7 p.m. ET
    /// Tuesday`) or the sentence so far is an introductory phrase (`At 5
    /// a.m. Mr. Smith went …`).
    fn clock_time_ends_sentence(&self, token_start: usize, following: &NextWord<'_>) -> bool {
        if !following.first.is_uppercase() {
            return self.rules.is_sentence_starter(following.word);
        }
        if self.rules.continues_clock_time(following.word) {
            return false;
        }
        let body_start = self.sentence_body_start().min(token_start);
        let before = &self.text[body_start..token_start];
        let mut words = before.split_whitespace();
        let introduced = words.next().is_some_and(|first| {
            let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
            self.rules.introduces_clock_time(first)
        });
        !(introduced && before.split_whitespace().count() <= MAX_CLOCK_INTRODUCTION_WORDS)
    }

    /// Whether a full stop glued to the next word (`world.Today`,
    /// `1,000.That`) ends a sentence all the same: a lowercase word or a
    /// number before it, a capitalised word after it, and nothing around
    /// that makes the pair an address, a file name or an abbreviation
    /// (`example.Com`, `jane.Doe@`, `Sen.Warren`).
    fn glued_boundary(&self, candidate: usize, run: &Run, after: usize) -> bool {
        if run.dots != 1 || run.marks != 0 || run.end != candidate + 1 {
            return false;
        }
        let Some((_, token)) = self.token_before(candidate) else {
            return false;
        };
        if token.is_empty() || token.contains(['.', '@', '/', ':', '\\', '_', '=']) {
            return false;
        }
        let tail: String = token
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == ',')
            .collect();
        let number = !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit() || c == ',');
        let word: Vec<char> = token
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let lower_word = word.len() >= 2 && word[..2].iter().all(|c| c.is_lowercase());
        if !(number || lower_word) || self.rules.abbreviation(token).is_some() {
            return false;
        }
        let rest = &self.text[after..];
        let next_len = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(i, _)| i);
        let next = &rest[..next_len];
        let mut letters = next.chars();
        let capitalised = letters.next().is_some_and(char::is_uppercase)
            && letters.next().is_some_and(char::is_lowercase);
        if !capitalised {
            return false;
        }
        match rest[next_len..].chars().next() {
            None => true,
            Some('.') => self.rules.abbreviation(next).is_some(),
            Some(c) => !(c.is_alphanumeric() || matches!(c, '@' | '/' | '_' | '-' | ':')),
        }
    }

    /// Where a line of this block starts a sentence whatever the
    /// punctuation before it: a list item opened by a bullet (`- item`),
    /// and the line after a byline or a timestamp or credit line.
    fn line_starts(&self) -> Vec<usize> {
        let mut starts = Vec::new();
        if memchr::memchr2(b'\n', b'\r', self.bytes).is_none() {
            return starts;
        }
        let lines = line_spans(self.text);
        for pair in lines.windows(2) {
            let (line, next) = (pair[0], pair[1]);
            let line_text = self.text[line.0..line.1].trim();
            let next_text = self.text[next.0..next.1].trim_start();
            let next_start = next.1 - next_text.len();
            let next_opens = NextWord::at(next_text).first;
            let bullet = bullet_item(next_text).is_some_and(|item_first| {
                !item_first.is_lowercase()
                    || bullet_item(line_text).is_some()
                    || line_text.ends_with(':')
            });
            let standalone = !next_opens.is_lowercase()
                && (self.is_byline(line_text) || self.is_label_line(line_text));
            if bullet || standalone {
                starts.push(next_start);
            }
        }
        starts
    }

    /// A byline: `By` and a capitalised name, up to a few words, perhaps
    /// an affiliation after a comma or bar (`By JANE DOE, Associated
    /// Press`), and no sentence of its own.
    fn is_byline(&self, line: &str) -> bool {
        let mut words = line.split_whitespace();
        if !words.next().is_some_and(|w| self.rules.is_byline_opener(w)) {
            return false;
        }
        let rest: Vec<&str> = words.collect();
        if rest.is_empty() || rest.len() > MAX_BYLINE_WORDS || self.ends_a_sentence(line) {
            return false;
        }
        // The name: capitalised words and short connectors (`and`, `de`),
        // up to a separator; then at most a short affiliation.
        let mut name_words = 0;
        let mut name_in_capitals = false;
        let mut affiliation = None;
        for (index, word) in rest.iter().enumerate() {
            if matches!(*word, "|" | "/" | "—" | "–" | "-") {
                affiliation = Some(index + 1);
                break;
            }
            let letters = word.trim_matches(|c: char| !c.is_alphabetic());
            let capitalised = letters.chars().next().is_some_and(char::is_uppercase);
            let connector = !capitalised && letters.chars().count() <= 3;
            if !(capitalised || connector) {
                return false;
            }
            if capitalised {
                name_words += 1;
                name_in_capitals |= letters.chars().all(|c| !c.is_lowercase());
            }
            if word.ends_with([',', ';']) {
                affiliation = Some(index + 1);
                break;
            }
        }
        let named = name_words >= 2 || name_in_capitals || affiliation.is_none();
        let short_affiliation =
            affiliation.is_none_or(|from| rest.len() - from <= MAX_AFFILIATION_WORDS);
        named && short_affiliation && rest[0].chars().next().is_some_and(char::is_uppercase)
    }

    /// A timestamp or credit line: a label from `rules/en/segmentation.toml`
    /// followed by a time or date, a colon, `by` or nothing (`Published
    /// 3:14 p.m. ET`, `Photo: Jane Doe/AP`, `Photo by …`).
    fn is_label_line(&self, line: &str) -> bool {
        let Some(label_len) = self.rules.label_at_start(line) else {
            return false;
        };
        if line.split_whitespace().count() > MAX_LABEL_LINE_WORDS {
            return false;
        }
        let rest = line[label_len..].trim_start();
        rest.is_empty()
            || rest.starts_with(':')
            || rest
                .split_whitespace()
                .next()
                .is_some_and(|w| w == "by" || w == "By")
            || rest.chars().any(|c| c.is_ascii_digit())
    }

    /// Whether `line` ends with a stop that ends a sentence (not one of an
    /// abbreviation or initial, as in `By Jane Doe Jr.`).
    fn ends_a_sentence(&self, line: &str) -> bool {
        let trimmed = line.trim_end_matches(is_closer);
        if trimmed.ends_with(['!', '?', '…']) {
            return true;
        }
        let Some(word) = trimmed.strip_suffix('.') else {
            return false;
        };
        let last = word.rsplit(char::is_whitespace).next().unwrap_or(word);
        !(self.rules.abbreviation(last).is_some() || is_initial(last) || is_dotted_acronym(last))
    }

    /// The word just before `at` (back to whitespace), with opening quotes
    /// and brackets removed, and where it starts; `None` when it is too long
    /// to be an abbreviation.
    fn token_before(&self, at: usize) -> Option<(usize, &str)> {
        let before = &self.text[..at];
        let mut start = at;
        for (index, c) in before.char_indices().rev() {
            if c.is_whitespace() || index < self.start {
                break;
            }
            if at - index > MAX_TOKEN {
                return None;
            }
            start = index;
        }
        let token = &self.text[start..at];
        let stripped = token.trim_start_matches(|c| is_opener(c) || is_bullet(c));
        Some((at - stripped.len(), stripped))
    }

    /// Where the current sentence's first word starts, past whitespace,
    /// bullets and opening quotes.
    fn sentence_body_start(&self) -> usize {
        let rest = &self.text[self.start..];
        let body =
            rest.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c) || is_opener(c));
        self.start + (rest.len() - body.len())
    }

    /// Whether `word` is a personal pronoun as it opens a sentence (`He`,
    /// `They`); after a closed quotation it starts a new one rather than a
    /// trailing attribution. `I` is left out: it is capitalised either way.
    fn opens_with_a_pronoun(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase());
        capitalised && word != "I" && self.rules.lexicon.is(word, WordClass::SubjectPronoun)
    }

    /// Whether the text at `at` is a trailing attribution that closes the
    /// quotation before it: up to a few capitalised words, then a reporting
    /// verb (`Singh asked`, `Prime Minister Narendra Modi said`), and then
    /// nothing that starts a statement of its own: the end of the sentence,
    /// a comma, an adverbial (`said on Tuesday.`) or a short object (`told
    /// reporters.`). `“We won.” Webb said the council would act.` is two
    /// sentences.
    fn attribution_follows(&self, at: usize) -> bool {
        let rest = &self.text[at..];
        let mut words = rest.split_whitespace();
        for _ in 0..=MAX_NAME_WORDS {
            let Some(raw) = words.next() else {
                return false;
            };
            let word = raw.trim_end_matches(|c: char| c.is_ascii_punctuation());
            if self.rules.is_reporting_verb(&word.to_lowercase()) {
                if word.len() != raw.len() {
                    // `said.` or `said,`: the attribution ends there.
                    return true;
                }
                let verb_end = raw.as_ptr() as usize - rest.as_ptr() as usize + raw.len();
                return closes_attribution(
                    &self.rules.lexicon,
                    &word.to_lowercase(),
                    &rest[verb_end..],
                );
            }
            if !word.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            // `“….” And Santorum agreed.` opens a sentence of its own.
            let lexicon = &self.rules.lexicon;
            if lexicon.is(word, WordClass::Coordinator)
                || lexicon.is(word, WordClass::SentenceAdverb)
            {
                return false;
            }
            // `Miller, a retired worker, said`: a name, an apposition set
            // off by commas, then the verb.
            if raw.ends_with(',') {
                let after_name = raw.as_ptr() as usize - rest.as_ptr() as usize + raw.len();
                return self.verb_after_apposition(&rest[after_name..]);
            }
        }
        false
    }

    /// Whether `text` (after a name and its comma) is an apposition of a
    /// few words closed by a comma, then a reporting verb that closes the
    /// attribution.
    fn verb_after_apposition(&self, text: &str) -> bool {
        let Some(comma) = text.find(',') else {
            return false;
        };
        let apposition = &text[..comma];
        if apposition.split_whitespace().count() > MAX_APPOSITION_WORDS
            || apposition.contains(['!', '?', '“', '"'])
        {
            return false;
        }
        let rest = &text[comma + 1..];
        let Some(raw) = rest.split_whitespace().next() else {
            return false;
        };
        let word = raw
            .trim_end_matches(|c: char| c.is_ascii_punctuation())
            .to_lowercase();
        if !self.rules.is_reporting_verb(&word) {
            return false;
        }
        let verb_end = raw.as_ptr() as usize - rest.as_ptr() as usize + raw.len();
        raw.len() != word.len() || closes_attribution(&self.rules.lexicon, &word, &rest[verb_end..])
    }
}

/// The most words before a clock time in an introductory phrase (`Shortly
/// after 9 p.m. Tuesday`).
const MAX_CLOCK_INTRODUCTION_WORDS: usize = 4;

/// The most words after `By` in a byline.
const MAX_BYLINE_WORDS: usize = 12;

/// The most words of a byline's affiliation (`, Associated Press`).
const MAX_AFFILIATION_WORDS: usize = 5;

/// The most words in a timestamp or credit line.
const MAX_LABEL_LINE_WORDS: usize = 16;

/// The most words of an apposition between a name and its verb in a
/// trailing attribution.
const MAX_APPOSITION_WORDS: usize = 12;

/// The most words a short object or tail after a trailing attribution's
/// verb may have before the sentence ends.
const MAX_ATTRIBUTION_TAIL_WORDS: usize = 12;

/// Whether `tail`, what follows the reporting verb `verb`, only closes its
/// attribution: up to the next stop it holds a comma first, an adverb or
/// adverbial, or the object of a verb that takes one; not a clause of its
/// own (`said the council would act`, `warned that …`).
fn closes_attribution(lexicon: &Lexicon, verb: &str, tail: &str) -> bool {
    let trimmed = tail.trim_start();
    if trimmed.is_empty() || trimmed.starts_with([',', '.', ';', ':', '!', '?', '—', '–']) {
        return true;
    }
    let sentence = trimmed
        .find(['.', '!', '?'])
        .map_or(trimmed, |end| &trimmed[..end]);
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| c.is_ascii_punctuation())
                .to_lowercase()
        })
        .collect();
    let Some(first) = words.first() else {
        return true;
    };
    if words
        .iter()
        .any(|w| matches!(w.as_str(), "that" | "whether"))
    {
        return false;
    }
    let adverb = first.len() > 4 && first.ends_with("ly");
    let adverbial =
        lexicon.is(first, WordClass::AdverbialOpener) || lexicon.is(first, WordClass::Weekday);
    if adverb || adverbial {
        return true;
    }
    // What a verb of writing takes with an article is the thing written
    // (`Stone wrote a letter to the governor.` is a sentence of its own);
    // a verb of telling takes its hearer (`told a reporter.`).
    let writing = lexicon.is(verb, WordClass::VerbOfWriting);
    let thing_written = writing
        && (lexicon.is(first, WordClass::Article)
            || lexicon.is(first, WordClass::PossessiveDeterminer));
    let takes_an_object = writing || lexicon.is(verb, WordClass::VerbWithAHearer);
    takes_an_object && !thing_written && words.len() <= MAX_ATTRIBUTION_TAIL_WORDS
}

/// The first character of the text after a candidate boundary, past any
/// opening quotes or brackets, and the word it starts.
struct NextWord<'a> {
    first: char,
    word: &'a str,
    /// Whether the word is one capital letter and a stop: an initial.
    is_initial: bool,
}

impl<'a> NextWord<'a> {
    fn at(text: &'a str) -> NextWord<'a> {
        let body = text.trim_start_matches(is_opener);
        let first = body.chars().next().unwrap_or(' ');
        let word_len = body
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(body.len(), |(i, _)| i);
        let word = &body[..word_len];
        let is_initial = first.is_uppercase()
            && word.len() == first.len_utf8()
            && body[word_len..].starts_with('.');
        NextWord {
            first,
            word,
            is_initial,
        }
    }
}

/// The text of a list item opened by a bullet (`- item`, `• item`,
/// `-Item`): the first character after the bullet, if `line` is one.
fn bullet_item(line: &str) -> Option<char> {
    let mut chars = line.chars();
    let bullet = chars.next().filter(|&c| is_bullet(c))?;
    let after = chars.next()?;
    if after.is_whitespace() {
        return chars.as_str().trim_start().chars().next();
    }
    // `-Item` with no space: only a hyphen or dot bullet before a capital.
    (matches!(bullet, '-' | '•' | '⁃') && after.is_uppercase()).then_some(after)
}

/// The lines of `text` as byte ranges without their line endings.
fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    while start <= bytes.len() {
        match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(i) => {
                let end = start + i;
                let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
                lines.push((start, end));
                start = end + if crlf { 2 } else { 1 };
            }
            None => {
                lines.push((start, bytes.len()));
                break;
            }
        }
    }
    lines
}

/// Where each item after the first of an inline list starts, for a block
/// that opens with a list marker: `1. one 2. two`, `a) one b) two`,
/// `• 9. one • 10. two`.
fn list_item_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let Some((mut marker, delimiter)) = leading_list_marker(text) else {
        return starts;
    };
    let mut from = 0;
    while let Some(next) = marker.successor() {
        let needle = format!("{next}{delimiter}");
        let found = text[from..]
            .match_indices(&needle)
            .map(|(i, _)| from + i)
            .find(|&at| {
                let after = at + needle.len();
                let followed_by_space = text[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_whitespace);
                let before = text[..at].chars().next_back();
                let preceded = before.is_some_and(|c| c.is_whitespace() || is_bullet(c));
                followed_by_space && preceded
            });
        let Some(at) = found else {
            break;
        };
        // Start the item at its bullet, if it has one.
        let lead = text[..at].trim_end();
        let item_start = match lead.chars().next_back() {
            Some(c) if is_bullet(c) => lead.len() - c.len_utf8(),
            _ => at,
        };
        starts.push(item_start);
        from = at + needle.len();
        marker = next;
    }
    starts
}

/// A list marker's counter: a number or a letter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Marker {
    Number(u32),
    Letter(char),
}

impl Marker {
    fn successor(self) -> Option<Marker> {
        match self {
            Marker::Number(n) if n < 999 => Some(Marker::Number(n + 1)),
            Marker::Letter(c) if c != 'z' && c != 'Z' => {
                char::from_u32(c as u32 + 1).map(Marker::Letter)
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Marker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Marker::Number(n) => write!(f, "{n}"),
            Marker::Letter(c) => write!(f, "{c}"),
        }
    }
}

/// The list marker a block opens with, and its delimiter (`.`, `.)` or
/// `)`), if it opens with one followed by whitespace.
fn leading_list_marker(text: &str) -> Option<(Marker, &'static str)> {
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    let counter_len = body
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_alphanumeric())
        .map_or(body.len(), |(i, _)| i);
    let counter = &body[..counter_len];
    let marker =
        if !counter.is_empty() && counter.len() <= 3 && counter.bytes().all(|b| b.is_ascii_digit())
        {
            Marker::Number(counter.parse().ok()?)
        } else if counter == "a" || counter == "A" {
            // A lettered list starts at `a`; `J. K. Rowling` is no list.
            Marker::Letter(counter.chars().next()?)
        } else {
            return None;
        };
    let rest = &body[counter_len..];
    let delimiter = [".)", ".", ")"].into_iter().find(|d| rest.starts_with(d))?;
    let after = &rest[delimiter.len()..];
    after
        .chars()
        .next()
        .is_some_and(char::is_whitespace)
        .then_some((marker, delimiter))
}

fn is_ellipsis_char(bytes: &[u8], at: usize) -> bool {
    bytes.get(at..at + 3) == Some("…".as_bytes())
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '{' | '¿' | '¡'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '◦' | '▪' | '‣' | '·' | '*' | '-')
}

/// A sentence-opening list counter: up to three digits, one letter, or a
/// small roman numeral.
fn is_list_marker(token: &str) -> bool {
    let digits = !token.is_empty() && token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit());
    let letter = token.len() == 1 && token.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = !token.is_empty()
        && token.len() <= 5
        && (token.bytes().all(|b| b"ivxl".contains(&b))
            || token.bytes().all(|b| b"IVXL".contains(&b)));
    digits || letter || roman
}

/// A single letter: an initial, as in `S. Jaishankar`.
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Letters in groups of one or two joined by stops: `U.S`, `J.R.R`, `a.m`,
/// `Ph.D`.
fn is_dotted_acronym(token: &str) -> bool {
    let mut groups = 0;
    for group in token.split('.') {
        let letters = group.chars().count();
        if !(1..=2).contains(&letters) || !group.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}
