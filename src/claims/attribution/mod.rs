//! Finding the attributions of a sentence: the cues ("said", "described …
//! as", "quoted … as saying", "according to", a colon or a dash next to a
//! quotation) and the speakers they attribute words to.
//!
//! A sentence is read as [`tokens`](super::tokens) (a quotation is one
//! token). Cue phrases come from `rules/en/attribution.toml`, every form of
//! every verb, and are judged by their form and what stands around them:
//!
//! * a **finite** form ("said", "says", "has written", "would say", "they
//!   say") takes as speaker the noun phrase before it, read backwards by
//!   [`phrase::before`] past adverbs and auxiliaries (`Trump also said`,
//!   `Clinton has since written`); when an apposition set off by commas
//!   stands between them (`Harry Bond, 30, of Raleigh, said`), the
//!   speaker is the phrase before the appositions; when nothing stands
//!   before the verb but a quotation, a comma or the sentence start, the
//!   speaker follows it (`“…,” said Alan B. Krueger, a professor`);
//! * after "was", "is", "been" a form is passive and attributes nothing
//!   ("was described as"), except "was quoted as saying"; after "not" or
//!   "never" it is denied;
//! * an **-ing** form after a comma or "by", "before", "after", "while"
//!   (`…, saying that …`, `before asking him, “…”`), an **infinitive**
//!   (`went on to say`, not `declined to say`) and a verb joined by "and"
//!   (`shook her head and said`) take the subject of their clause;
//! * `X quoted Y as saying` gives Y as speaker and X as reporter;
//!   `according to X` takes X from after the cue;
//! * verbs that report no words of their own (`laughed`, `continued`) are
//!   cues only right next to a quotation;
//! * a **colon** before a quotation (`He put it this way: “…”`) and a
//!   **dash** after one (`“…” ― Carla Sanchez, 34`) are cues too, for the
//!   subject before the colon and the name after the dash.
//!
//! Each attribution has a **scope**, the part of the sentence it covers. An
//! attribution that follows its words (`…, the ministry said.`, `“…,” Modi
//! said at the summit.`) covers the sentence; one that opens a clause
//! (`…, and Misri said that …`) covers that clause to the end, so a figure
//! before it stays in the narrator's voice.
//!
//! Every cue's speaker is a [`Mention`] read by [`mention::parse`]; a
//! phrase that names nobody ("The claims were") makes no cue.

pub(crate) mod passes;

pub(crate) use passes::names as pass_names;

use super::mention::{self, Mention};
use super::passes::Switches;
use super::phrase::{self, NounPhrase};
use super::tokens::{self, Token, TokenKind, Tokens};
use crate::rules::attribution::{CueForm, CueKind, Forms, SpeakerKind};
use crate::rules::{AttributionRules, WordClass};
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
    /// The whole attribution: the cue and the speaker's phrase with its
    /// appositions (`the historian Mara Lindqvist, a former adviser to the
    /// governor, wrote`).
    pub extent: Span,
    /// For `X quoted Y as saying`: X.
    pub reporter: Option<(Mention, Span)>,
    /// The part of the sentence the attribution covers.
    pub scope: Span,
    /// Whether the cue follows the words it attributes (`“…,” Singh said`).
    pub trailing: bool,
    /// Whether the cue attributes only a quotation next to it.
    pub quote_only: bool,
    /// The name of the pass that found the cue's speaker (or last changed
    /// it), as listed by [`super::passes::names`].
    pub found_by: &'static str,
}

/// The most attributions read in one sentence. Real sentences have one or
/// two; the bound keeps pathological input linear.
pub const MAX_CUES_PER_SENTENCE: usize = 16;

/// How far back a subject may stand from its verb across appositions, in
/// tokens.
const MAX_APPOSITION_TOKENS: usize = 45;

/// The attributions of the sentence at `sentence` (its span and text).
/// `quotes` holds the spans of the document's quotations that reach into
/// the sentence, marks included, in order. Every pass runs but those
/// `CLAIMTRACE_PASSES_OFF` switches off ([`Switches::current`]).
pub fn find(sentence: Span, text: &str, quotes: &[Span], rules: &AttributionRules) -> Vec<Cue> {
    find_with(sentence, text, quotes, rules, Switches::current())
}

/// [`find`] with only the passes `switches` leaves on.
pub fn find_with(
    sentence: Span,
    text: &str,
    quotes: &[Span],
    rules: &AttributionRules,
    switches: &Switches,
) -> Vec<Cue> {
    let lower = text.to_ascii_lowercase();
    let found: Vec<_> = rules
        .cues
        .find_iter_lowered(text, &lower)
        .map(|m| (m.start, m.end, *m.value))
        .collect();
    let may_colon_or_dash = !quotes.is_empty() && text.contains([':', '—', '―', '–', '-']);
    if found.is_empty() && quotes.is_empty() {
        return Vec::new();
    }
    // Quotations relative to the sentence, cut to it.
    let quoted: Vec<Span> = quotes
        .iter()
        .filter(|q| q.end > sentence.start && q.start < sentence.end)
        .map(|q| {
            Span::new(
                q.start.max(sentence.start) - sentence.start,
                q.end.min(sentence.end) - sentence.start,
            )
        })
        .collect();
    let tokens = tokens::tokenize(text, &lower, &quoted, rules);
    let matches = passes::cue_words::cue_phrases(&tokens, &found, rules, switches);
    // A verb inside a sentence's opening phrase ("In a series of Twitter
    // posts Sunday, Frum wrote") is not the sentence's.
    let opening_end = tokens
        .is_a(0, WordClass::OpeningPreposition)
        .then(|| (0..tokens.len()).find(|&i| tokens.tokens[i].is_punct(',')))
        .flatten()
        .unwrap_or(0);
    // Which tokens are cue verbs, so that no phrase takes them in: a
    // past or third-person form, and a base or -ing form only where the
    // words around it make it a verb. Gestures are never kept out ("two
    // officials briefed on the talks").
    let mut cue_token = vec![false; tokens.len()];
    let context = Reader {
        tokens: &tokens,
        cue_token: &cue_token,
        rules,
        lenient: false,
        read_cache: Default::default(),
        quoted: &quoted,
        phrases: &matches,
        opening_end,
        may_colon_or_dash,
        switches,
    };
    let verbs: Vec<(usize, usize)> = matches
        .iter()
        .filter(|&&(first, _, form)| {
            !form.quote_only
                && (form.is(Forms::PAST | Forms::THIRD | Forms::PARTICIPLE)
                    || form.kind == CueKind::According
                    || (form.is(Forms::BASE) && context.base_is_finite(first))
                    || (form.is(Forms::ING) && context.is_participle(first)))
        })
        .map(|&(first, last, _)| (first, last))
        .collect();
    for (first, last) in verbs {
        for flag in &mut cue_token[first..=last] {
            *flag = true;
        }
    }
    // Near a quotation, a phrase with a determiner and an unknown head noun
    // is still a speaker (`“…,” the progressive heavyweights wrote`).
    let reader = Reader {
        tokens: &tokens,
        cue_token: &cue_token,
        rules,
        lenient: !quoted.is_empty(),
        read_cache: Default::default(),
        quoted: &quoted,
        phrases: &matches,
        opening_end,
        may_colon_or_dash,
        switches,
    };
    let mut cues: Vec<Cue> = Vec::new();
    passes::run(&reader, &mut cues);
    cues.sort_by_key(|c| c.span.start);
    cues.into_iter().map(|c| c.offset(sentence.start)).collect()
}

impl Cue {
    fn offset(mut self, by: usize) -> Cue {
        let shift = |s: Span| Span::new(s.start + by, s.end + by);
        self.span = shift(self.span);
        self.speaker_span = shift(self.speaker_span);
        self.extent = shift(self.extent);
        self.scope = shift(self.scope);
        if let Some((_, span)) = self.reporter.as_mut() {
            *span = shift(*span);
        }
        self
    }
}

/// A speaker found for a cue: the mention, its phrase and how far the
/// attribution reaches (appositions included), in tokens.
#[derive(Clone)]
struct Subject {
    mention: Mention,
    phrase: NounPhrase,
    /// The first and last token of the phrase with its appositions.
    reach: (usize, usize),
}

/// Where a verb's subject stands.
enum SubjectPlace {
    Before(Subject),
    /// Nothing before the verb but a quotation, a comma or the start: the
    /// speaker follows it.
    After,
    /// The verb is joined to an earlier one ("and said"): the clause's
    /// subject speaks.
    Clause,
    Nowhere,
}

/// A sentence being read: its tokens and quotations, the cue phrases found
/// in it, and what the passes share.
struct Reader<'a, 't> {
    tokens: &'a Tokens<'t>,
    cue_token: &'a [bool],
    rules: &'a AttributionRules,
    /// Whether a described speaker may have a head noun the rules do not
    /// know: only where a quotation makes an attribution expected.
    lenient: bool,
    /// Phrases already read, by their tokens.
    read_cache: std::cell::RefCell<rustc_hash::FxHashMap<(usize, usize, usize), Option<Mention>>>,
    /// The sentence's quotations, marks included, relative to it.
    quoted: &'a [Span],
    /// The cue phrases that may attribute: their first and last token, and
    /// their form.
    phrases: &'a [(usize, usize, CueForm)],
    /// The token where an opening phrase whose verbs are not the
    /// sentence's ends (`In a series of posts Sunday, …`), or 0.
    opening_end: usize,
    /// Whether a colon or dash may attribute a quotation.
    may_colon_or_dash: bool,
    /// Which passes run.
    switches: &'a Switches,
}

impl Reader<'_, '_> {
    fn is_cue(&self) -> impl Fn(usize) -> bool + '_ {
        |i| self.cue_token.get(i).copied().unwrap_or(false)
    }

    fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.tokens.get(i)
    }

    /// Whether the quotation at token `quote` ends with a comma inside its
    /// closing marks (`“qualified,”`).
    fn comma_inside(&self, quote: usize) -> bool {
        self.tokens
            .text(quote)
            .trim_end_matches(['”', '"', '’', '\''])
            .ends_with(',')
    }

    /// A parenthetical adverb set off by commas that ends at token `comma`
    /// (`The two lawmakers, however, argue`): the token before it starts.
    fn parenthetical_ending_at(&self, comma: usize) -> Option<usize> {
        let t = self.tokens;
        if !t.tokens.get(comma)?.is_punct(',') {
            return None;
        }
        let one_word = comma.checked_sub(2).filter(|&opening| {
            t.is_a(comma - 1, WordClass::ParentheticalAdverb) && t.tokens[opening].is_punct(',')
        });
        let two_words = comma.checked_sub(3).filter(|&opening| {
            // Two-word ones: `for example`, `in fact`, `of course`.
            let words = [comma - 2, comma - 1];
            t.tokens[opening].is_punct(',')
                && words.iter().all(|&i| t.tokens[i].is_word())
                && t.lexicon().is_lower(
                    &format!("{} {}", t.lower(comma - 2), t.lower(comma - 1)),
                    WordClass::ParentheticalPhrase,
                )
        });
        one_word.or(two_words)
    }

    /// Whether the base form at `first` is finite: after a modal, "did",
    /// or "to" not governed by a refusal, or after a plural subject.
    fn base_is_finite(&self, first: usize) -> bool {
        let t = self.tokens;
        let Some(mut previous) = first.checked_sub(1) else {
            return false;
        };
        if let Some(before) = self.parenthetical_ending_at(previous)
            && let Some(word) = before.checked_sub(1)
        {
            previous = word;
        }
        if t.is(previous, "to") {
            return !self.refused(previous);
        }
        if t.is_a(previous, WordClass::Modal) {
            return true;
        }
        // "they say", "critics say", "Democrats argue".
        if !t.tokens[previous].is_word() {
            return false;
        }
        let plural = |i: usize| phrase::is_plural_noun(t, i);
        let lower = t.lower(previous);
        // A word in -s after "a" is a modifier, not a plural subject (`a
        // public-records request`).
        let after_singular_article = previous > 0 && t.is_any(previous - 1, &["a", "an"]);
        if matches!(lower, "they" | "we" | "i" | "you")
            || (plural(previous) && !after_singular_article)
        {
            return true;
        }
        // A plural head before a place or body (`voters in each state
        // say`, `residents of the town argue`).
        (previous.saturating_sub(5)..previous)
            .rev()
            .take_while(|&i| t.tokens[i].is_word())
            .find(|&i| t.is_a(i, WordClass::PlacePreposition))
            .and_then(|preposition| preposition.checked_sub(1))
            .is_some_and(|head| t.tokens[head].is_word() && plural(head))
    }

    /// Whether the "to" at `to` follows a refusal ("declined to say").
    fn refused(&self, to: usize) -> bool {
        let t = self.tokens;
        let start = to.saturating_sub(3);
        if start == to {
            return false;
        }
        let before = Span::new(t.tokens[start].start, t.tokens[to].start);
        let stretch = &t.text[before.start..before.end];
        self.rules
            .refusals
            .find_iter(stretch)
            .any(|m| stretch[m.end..].trim().is_empty())
    }

    /// Whether the -ing form at `first` is a participle of its clause's
    /// subject.
    fn is_participle(&self, first: usize) -> bool {
        let t = self.tokens;
        match first.checked_sub(1) {
            None => false,
            Some(previous) => {
                let token = t.tokens[previous];
                // `as well as ruling that …`
                let as_well_as = previous >= 2
                    && t.is(previous, "as")
                    && t.is(previous - 1, "well")
                    && t.is(previous - 2, "as");
                // A comma inside the closing marks counts (`did not
                // address “that person,” telling …`).
                let comma_in_quote = token.is_quote() && self.comma_inside(previous);
                token.is_punct(',')
                    || comma_in_quote
                    || token.is_punct('—')
                    || token.is_punct('–')
                    || t.is_a(previous, WordClass::ParticipleOpener)
                    || as_well_as
            }
        }
    }

    /// Where the subject of the verb starting at token `verb` stands.
    fn subject_before(&self, verb: usize) -> SubjectPlace {
        let t = self.tokens;
        let is_cue = self.is_cue();
        // Step back over adverbs, auxiliaries and times between subject
        // and verb.
        let mut j = verb;
        while let Some(previous) = j.checked_sub(1) {
            let token = t.tokens[previous];
            // `the Gazette and the Herald each called`: a distributive
            // word after a subject.
            let distributive = t.is_any(previous, &["each", "both", "all"])
                && previous > 0
                && t.tokens[previous - 1].is_word()
                && !t.is_capitalised(previous);
            if distributive
                || (token.is_word()
                    && phrase::is_between_subject_and_verb(t, previous)
                    && !t.is_capitalised(previous))
            {
                j = previous;
            } else if token.is_word()
                && is_time_word(t, previous)
                && previous >= 1
                && (t.is_a(previous - 1, WordClass::TimeModifier)
                    || t.is_any(previous - 1, &["on", "this"]))
            {
                j = previous - 1;
            } else if let Some(before) = self.parenthetical_ending_at(previous) {
                j = before;
            } else {
                break;
            }
        }
        let Some(last) = j.checked_sub(1) else {
            return SubjectPlace::After;
        };
        let token = t.tokens[last];
        // `A former candidate -- John McCain, who … -- said`: a parenthesis
        // set off by dashes between subject and verb.
        if let TokenKind::Punct(dash @ ('—' | '–' | '-')) = token.kind
            && let Some(subject) = self.subject_before_dashes(last, dash)
        {
            return SubjectPlace::Before(subject);
        }
        match token.kind {
            // A quotation inside a noun phrase (`Lowell, captain of the
            // “Sea Lark,” thanked him`) names something: the verb's
            // subject is not after it.
            // A comma inside its marks closes the apposition it stands in.
            TokenKind::Quote(_) if self.is_named_work(last) => {
                match self.subject_before_appositions(last) {
                    Some(subject) if self.comma_inside(last) => SubjectPlace::Before(subject),
                    _ => SubjectPlace::Nowhere,
                }
            }
            TokenKind::Quote(_) => SubjectPlace::After,
            TokenKind::Punct(',') => {
                let after_quote = last == 0
                    || (self.token(last - 1).is_some_and(Token::is_quote)
                        && !self.is_named_work(last - 1));
                if after_quote {
                    return SubjectPlace::After;
                }
                match self.subject_before_appositions(last) {
                    Some(subject) => SubjectPlace::Before(subject),
                    None => SubjectPlace::After,
                }
            }
            TokenKind::Punct(')') => {
                let open = (last.saturating_sub(10)..last)
                    .rev()
                    .find(|&i| t.tokens[i].is_punct('('));
                match open.and_then(|open| open.checked_sub(1)) {
                    Some(end) => match self.subject_ending_at(end) {
                        Some(mut subject) => {
                            subject.reach.1 = last;
                            SubjectPlace::Before(subject)
                        }
                        None => SubjectPlace::Nowhere,
                    },
                    None => SubjectPlace::Nowhere,
                }
            }
            TokenKind::Punct(':' | ';' | '—' | '–' | '―' | '(') => SubjectPlace::After,
            TokenKind::Punct(_) => SubjectPlace::Nowhere,
            TokenKind::Word => {
                if t.is_any(last, &["and", "then", "but", "or"]) {
                    return SubjectPlace::Clause;
                }
                if is_cue(last) {
                    return SubjectPlace::Nowhere;
                }
                match self
                    .subject_ending_at(last)
                    .or_else(|| self.subject_with_relative_clause(last))
                {
                    Some(subject) => SubjectPlace::Before(
                        self.before_passive_participle(&subject).unwrap_or(subject),
                    ),
                    None => SubjectPlace::Nowhere,
                }
            }
        }
    }

    /// The phrase a passive participle and its agent modify, when `agent`
    /// is that agent (`A letter from the Legion obtained by the Gazette
    /// warns`): the letter warns, not the Gazette.
    fn before_passive_participle(&self, agent: &Subject) -> Option<Subject> {
        let t = self.tokens;
        let by = agent
            .phrase
            .first
            .checked_sub(1)
            .filter(|&b| t.is(b, "by"))?;
        let participle = by.checked_sub(1)?;
        let lower = t.lower(participle);
        let past = t.tokens[participle].is_word()
            && !t.is_capitalised(participle)
            && (lower.ends_with("ed") || self.rules.is_finite_verb_form(lower))
            && !self.is_cue()(participle);
        if !past {
            return None;
        }
        let mut subject = self.subject_ending_at(participle.checked_sub(1)?)?;
        subject.reach.1 = agent.reach.1;
        Some(subject)
    }

    /// Token `at`, or the first of the lowercase adverbs right before it
    /// (`recently` in `Cruz recently promising`, `already` in `is
    /// already claiming`).
    fn before_adverbs(&self, mut at: usize) -> usize {
        let t = self.tokens;
        while at > 0
            && t.tokens[at - 1].is_word()
            && !t.is_capitalised(at - 1)
            && (phrase::is_adverb(t, at - 1) || t.is_a(at - 1, WordClass::VerbAdverb))
        {
            at -= 1;
        }
        at
    }

    /// The subject before a parenthesis set off by dashes that closes at
    /// token `close` (`—`, `–`, or `--` written as two hyphens).
    fn subject_before_dashes(&self, close: usize, dash: char) -> Option<Subject> {
        let t = self.tokens;
        let doubled = dash == '-';
        if doubled && !(close > 0 && t.tokens[close - 1].is_punct('-')) {
            return None;
        }
        let inner_end = if doubled { close - 1 } else { close };
        let open = (inner_end.saturating_sub(MAX_APPOSITION_TOKENS)..inner_end)
            .rev()
            .find(|&i| {
                t.tokens[i].is_punct(dash) && (!doubled || (i > 0 && t.tokens[i - 1].is_punct('-')))
            })?;
        let before = if doubled {
            open.checked_sub(2)?
        } else {
            open.checked_sub(1)?
        };
        if !t.tokens[before].is_word() || open + 1 >= inner_end {
            return None;
        }
        let mut subject = self.subject_ending_at(before)?;
        subject.reach.1 = close;
        Some(subject)
    }

    /// A subject with a relative clause between it and its verb (`an aide
    /// who declined to be named said`), whose clause ends at token `last`.
    fn subject_with_relative_clause(&self, last: usize) -> Option<Subject> {
        let t = self.tokens;
        let limit = last.saturating_sub(12);
        let relative = (limit..=last)
            .rev()
            .take_while(|&i| t.tokens[i].is_word())
            .find(|&i| t.is_any(i, &["who", "which", "that"]))?;
        let mut subject = self.subject_ending_at(relative.checked_sub(1)?)?;
        subject.reach.1 = last;
        // The clause may make the speaker anonymous.
        let whole = t.span(subject.phrase.first, last);
        let written = &t.text[whole.start..whole.end];
        if self
            .rules
            .anonymous_markers
            .find_iter(written)
            .next()
            .is_some()
            && let Some(anonymous) = mention::parse(written, self.rules)
        {
            subject.mention = anonymous;
        }
        Some(subject)
    }

    /// The speaker whose phrase ends at token `last`, read backwards.
    fn subject_ending_at(&self, last: usize) -> Option<Subject> {
        let t = self.tokens;
        // A quantifier opens its clause (not `Trump and Cruz both said`).
        let opens_clause =
            last == 0 || !t.tokens[last - 1].is_word() || t.is_a(last - 1, WordClass::ClauseLink);
        if opens_clause && let Some(subject) = self.quantifier(last) {
            return Some(subject);
        }
        let phrase = phrase::before(t, last, &self.is_cue(), self.rules)?;
        // A possessive is not a subject ("Trump's claim").
        let head_text = t.text(phrase.head_last);
        if head_text.ends_with("'s") || head_text.ends_with("’s") {
            return None;
        }
        let mention = self.read(phrase)?;
        Some(Subject {
            mention,
            phrase,
            reach: (phrase.first, phrase.last),
        })
    }

    /// Whether the quotation at token `quote` names something inside a
    /// noun phrase (`the “Sea Lark,”`, `television's “Scandal”`): a
    /// determiner or possessive before it and at most three words, none
    /// of them in lower case (`a “raw time,” said Axelrod` is speech).
    fn is_named_work(&self, quote: usize) -> bool {
        let t = self.tokens;
        quote > 0
            && t.tokens[quote - 1].is_word()
            && t.text(quote).split_whitespace().count() <= 3
            && {
                let word = t.lower(quote - 1);
                phrase::is_determiner(t, quote - 1)
                    || word.ends_with("'s")
                    || word.ends_with("’s")
                    // `The ad, titled “Unifier?”, concludes`
                    || t.classes(quote - 1).has(WordClass::NamingVerb)
            }
            && t.text(quote).split_whitespace().all(|w| {
                !w.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .starts_with(char::is_lowercase)
            })
    }

    /// The speaker of a verb right after the comma at `comma`: the phrase
    /// before one or more appositions (`Harry Bond, 30, of Raleigh, said`,
    /// `the nominee, Donald Trump, tweeted`).
    fn subject_before_appositions(&self, comma: usize) -> Option<Subject> {
        let t = self.tokens;
        // The commas back to the clause boundary.
        let mut commas = vec![comma];
        let mut k = comma;
        let limit = comma.saturating_sub(MAX_APPOSITION_TOKENS);
        let mut boundary = 0;
        while k > limit {
            k -= 1;
            let token = t.tokens[k];
            // A word or two in quotation marks inside an apposition is a
            // term (`wearing “Ted Cruz” pins`), not a clause boundary.
            // One that ends a clause (`“…, stunt children’s growth,”
            // Howard Dean, …, proclaimed`) is speech.
            let words = t
                .text(k)
                .trim_matches(['"', '”', '“', '‘', '’', '\'', '»', '«', '„', '`', ' ']);
            let title_case = words
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()));
            let term = token.is_quote()
                && t.text(k).split_whitespace().count() <= 3
                && (title_case || !words.ends_with([',', '.']))
                && k > 0
                && t.tokens[k - 1].is_word();
            match token.kind {
                TokenKind::Punct(',') => commas.push(k),
                TokenKind::Quote(_) if term => {}
                TokenKind::Quote(_) | TokenKind::Punct(';' | ':' | '—' | '–' | '―' | '.') => {
                    boundary = k + 1;
                    break;
                }
                _ => {}
            }
            if k == limit && limit > 0 {
                return None;
            }
        }
        // Segments from the clause boundary: the first that is a whole
        // phrase naming a speaker is the subject, unless it opens the
        // clause with a preposition or an adverb ("In a statement, …").
        let mut starts = vec![boundary];
        starts.extend(commas.iter().rev().map(|&c| c + 1));
        for (index, &start) in starts.iter().enumerate() {
            let Some(&end_comma) = commas.iter().rev().nth(index) else {
                break;
            };
            if end_comma == comma {
                // The segment right before the verb is an apposition, not
                // the subject; but when nothing before it names a speaker
                // (`Henry Clay's biographers, David and Jeanne Heidler,
                // wrote`), the names in it speak.
                let apposition = comma
                    .checked_sub(1)
                    .and_then(|end| self.subject_ending_at(end))
                    .filter(|s| {
                        index > 0
                            && s.phrase.first == start
                            && matches!(
                                s.mention,
                                Mention::Person { .. }
                                    | Mention::Other {
                                        kind: SpeakerKind::Group,
                                        ..
                                    }
                            )
                    });
                if let Some(mut subject) = apposition {
                    subject.reach.1 = comma;
                    return Some(subject);
                }
                break;
            }
            let Some(end) = end_comma.checked_sub(1) else {
                continue;
            };
            if end < start {
                continue;
            }
            let start = if t.is_any(start, &["and", "but", "while", "as"]) {
                start + 1
            } else {
                start
            };
            if t.is_a(start, WordClass::OpeningPhraseWord) && !t.is_capitalised(start + 1)
                || t.lower(start).ends_with("ing")
            {
                continue;
            }
            // A parenthesis closing the segment (`Sen. Ted Moss (R-Tex.),
            // a candidate, tweeted`) follows the name.
            let end = if t.tokens[end].is_punct(')') {
                match (end.saturating_sub(8)..end)
                    .rev()
                    .find(|&i| t.tokens[i].is_punct('('))
                    .and_then(|open| open.checked_sub(1))
                {
                    Some(before) if before >= start => before,
                    _ => end,
                }
            } else {
                end
            };
            let Some(mut subject) = self.subject_ending_at(end) else {
                if index == 0 {
                    // The first segment may be an opening phrase.
                    continue;
                }
                return None;
            };
            // The subject opens its segment, or a clause inside the first
            // one (`It was years ago that Michael Bloomberg, who …, said`).
            let opens_inner_clause = index == 0
                && subject.phrase.first > start
                && t.is_a(subject.phrase.first - 1, WordClass::InnerClauseOpener);
            if subject.phrase.first != start && !opens_inner_clause {
                continue;
            }
            subject.reach.1 = comma;
            // "The spokesman, Ryan Wrasse, said": the name is in the
            // apposition, the description or role in the head.
            if let Some(&next_comma) = commas.iter().rev().nth(index + 1)
                && matches!(
                    subject.mention,
                    Mention::Role(_) | Mention::Description { .. }
                )
                && let Some(apposition) = self.subject_ending_at(next_comma.checked_sub(1)?)
                && apposition.phrase.first == end_comma + 1
                && let Mention::Person { name, role } = apposition.mention
            {
                let given = match &subject.mention {
                    Mention::Role(given) => Some(given.clone()),
                    _ => None,
                };
                subject.mention = Mention::Person {
                    name,
                    role: role.or(given),
                };
                subject.phrase = apposition.phrase;
            } else if let Some(&next_comma) = commas.iter().rev().nth(index + 1)
                && let Mention::Person { role: None, name } = &subject.mention
                && let Some(given) = self.role_between(end_comma + 1, next_comma)
            {
                // "Smith, the defence minister, said".
                subject.mention = Mention::Person {
                    name: name.clone(),
                    role: Some(given),
                };
            }
            return Some(subject);
        }
        None
    }

    /// A role that is the whole of tokens `first..end` (an apposition).
    fn role_between(&self, first: usize, end: usize) -> Option<mention::Role> {
        let t = self.tokens;
        if first >= end {
            return None;
        }
        let span = t.span(first, end - 1);
        match mention::parse(&t.text[span.start..span.end], self.rules)? {
            Mention::Role(role) => Some(role),
            _ => None,
        }
    }

    /// The speaker whose phrase starts at token `first` (after a verb, or
    /// after "according to").
    fn subject_after(&self, first: usize) -> Option<(Subject, Option<(usize, usize)>)> {
        let t = self.tokens;
        // `“…,” said one.`, `Another featured five photos telling “…”`.
        let opens_clause = first == 0 || !t.tokens[first - 1].is_word();
        let ends_phrase = |i: usize| {
            t.tokens.get(i).is_none_or(|tk| !tk.is_word())
                || (opens_clause
                    && (self.is_cue()(i)
                        || (!t.is_capitalised(i) && self.rules.is_finite_verb_form(t.lower(i)))))
        };
        // `both oppose a …`: a plural quantifier before a base form.
        let before_base = (t.is_a(first, WordClass::PeopleQuantifier) || t.is(first, "both"))
            && t.tokens.get(first + 1).is_some_and(|tk| tk.is_word())
            && !t.is_capitalised(first + 1)
            && !phrase::is_function_word(t, first + 1)
            && t.tokens
                .get(first + 2)
                .is_some_and(|tk| tk.is_quote() || t.is_a(first + 2, WordClass::ObjectStart));
        if (ends_phrase(first + 1) || before_base)
            && let Some(subject) = self.quantifier(first)
        {
            return Some((subject, None));
        }
        let (phrase, apposition) = phrase::after(t, first, &self.is_cue(), self.rules)?;
        let mut mention = self.read(phrase)?;
        // `said the spokesman, Ryan Wrasse`: the name in the apposition.
        let mut reach_end = phrase.last;
        if let Some((a, b)) = apposition {
            reach_end = b;
            let span = t.span(a, b);
            let written = &t.text[span.start..span.end];
            match (&mut mention, mention::parse(written, self.rules)) {
                (Mention::Person { role, .. }, Some(Mention::Role(given))) => {
                    role.get_or_insert(given);
                }
                (Mention::Role(given), Some(Mention::Person { name, role })) => {
                    mention = Mention::Person {
                        name,
                        role: role.or_else(|| Some(given.clone())),
                    };
                }
                _ => {}
            }
        }
        Some((
            Subject {
                mention,
                phrase,
                reach: (phrase.first, reach_end),
            },
            apposition,
        ))
    }

    /// A pronoun of quantity standing for people, where a quotation makes
    /// an attribution expected: `Some chanted “…”`, `Yet another said, “…”`,
    /// `“…,” said one.` (not `no one`, `any one`).
    fn quantifier(&self, at: usize) -> Option<Subject> {
        let t = self.tokens;
        if !self.lenient || !t.tokens.get(at)?.is_word() {
            return None;
        }
        let lower = t.lower(at);
        let negated = at > 0 && t.is_a(at - 1, WordClass::QuantifierDeterminer);
        if !t.classes(at).has(WordClass::QuantifierPronoun) || negated {
            return None;
        }
        Some(Subject {
            mention: Mention::Description {
                name: lower.to_string(),
                head: lower.to_string(),
            },
            phrase: NounPhrase {
                first: at,
                last: at,
                head_last: at,
            },
            reach: (at, at),
        })
    }

    /// Reads the head of `phrase` as a mention.
    fn read(&self, phrase: NounPhrase) -> Option<Mention> {
        // The same phrase is often read more than once (a clause's subject
        // for each of its participles): read it once.
        let key = (phrase.first, phrase.head_last, phrase.last);
        if let Some(known) = self.read_cache.borrow().get(&key) {
            return known.clone();
        }
        let mention = self.read_uncached(phrase);
        self.read_cache.borrow_mut().insert(key, mention.clone());
        mention
    }

    fn read_uncached(&self, phrase: NounPhrase) -> Option<Mention> {
        let t = self.tokens;
        let head = t.span(phrase.first, phrase.head_last);
        let whole = t.span(phrase.first, phrase.last);
        let head_text = &t.text[head.start..head.end];
        let whole_text = &t.text[whole.start..whole.end];
        // An anonymous source is told by the whole phrase ("people
        // familiar with the matter"), everything else by its head.
        if self
            .rules
            .anonymous_markers
            .find_iter(whole_text)
            .next()
            .is_some()
        {
            return mention::parse(whole_text, self.rules);
        }
        // Two titles of one person (`Former prosecutor and New York City
        // Mayor Rudy Giuliani`).
        if let Some((left, right)) = head_text.split_once(" and ")
            && let Some(Mention::Role(role)) = mention::parse(left, self.rules)
            && let Some(Mention::Person { name, role: own }) = mention::parse(right, self.rules)
        {
            return Some(Mention::Person {
                name,
                role: own.or(Some(role)),
            });
        }
        // Names joined by "and" speak together ("Edward-Isaac Dovere and
        // Gabriel Debenedetti wrote").
        if let Some((left, right)) = head_text.split_once(" and ")
            && [left, right]
                .iter()
                .all(|side| side.trim().chars().next().is_some_and(char::is_uppercase))
        {
            return Some(Mention::Other {
                name: head_text.to_string(),
                kind: SpeakerKind::Group,
            });
        }
        // A share of a group is the group's (`75 percent of Republicans`).
        if whole_text.len() > head_text.len()
            && mention::counts_a_share(head_text, &self.rules.lexicon)
        {
            return mention::parse(whole_text, self.rules);
        }
        let Some(head) = mention::parse(head_text, self.rules) else {
            return self.unknown_description(phrase);
        };
        // A group keeps the place or body after it (`traders at the
        // marina`).
        if matches!(
            head,
            Mention::Other {
                kind: SpeakerKind::Group,
                ..
            }
        ) && whole_text.len() > head_text.len()
            && let Some(
                group @ Mention::Other {
                    kind: SpeakerKind::Group,
                    ..
                },
            ) = mention::parse(whole_text, self.rules)
        {
            return Some(group);
        }
        // A document may name who issued it after it ("a report by the
        // central bank").
        if matches!(
            head,
            Mention::Other {
                kind: SpeakerKind::Document,
                ..
            }
        ) && whole_text.len() > head_text.len()
        {
            return Some(match mention::parse(whole_text, self.rules) {
                Some(
                    issuer @ Mention::Other {
                        kind: SpeakerKind::Organisation,
                        ..
                    },
                ) => issuer,
                _ => head,
            });
        }
        Some(head)
    }

    /// A phrase whose head noun the rules do not know, read as a
    /// description when a determiner opens it and a lowercase noun heads
    /// it (`the progressive heavyweights`, `this Trump look-alike`, `the
    /// 43-year-old`), where a quotation makes an attribution expected: the
    /// phrase follows the quotation's closing mark, directly or after its
    /// verb (`“…,” said the …`).
    fn unknown_description(&self, phrase: NounPhrase) -> Option<Mention> {
        let t = self.tokens;
        let mut before = phrase.first;
        if before > 0 && self.is_cue()(before - 1) {
            before -= 1;
        }
        if before > 0 && t.tokens[before - 1].is_punct(',') {
            before -= 1;
        }
        let after_quotation = before > 0 && t.tokens[before - 1].is_quote();
        // Or it opens its sentence or clause, where a subject stands.
        let opens_clause = phrase.first == 0
            || t.tokens[phrase.first - 1].is_quote()
            || t.tokens[phrase.first - 1].is_punct(';')
            || t.tokens[phrase.first - 1].is_punct(':')
            || (t.tokens[phrase.first - 1].is_punct(',')
                && (0..phrase.first - 1).all(|i| !t.tokens[i].is_punct(','))
                && (t.is_a(0, WordClass::OpeningPhraseWord)
                    || t.lower(0).ends_with("ed")
                    || t.lower(0).ends_with("ing")))
            || t.is(phrase.first - 1, "as");
        // A source named after "according to" is one whatever its noun.
        let according = phrase.first >= 2
            && t.is(phrase.first - 1, "to")
            && t.is(phrase.first - 2, "according");
        // So is the agent of a passive right after its quotation (`labeled
        // a “…” by growers`), with or without an article.
        let agent = phrase.first >= 2
            && t.is(phrase.first - 1, "by")
            && (t.tokens[phrase.first - 2].is_quote()
                || (t.tokens[phrase.first - 2].is_punct(',')
                    && phrase.first >= 3
                    && t.tokens[phrase.first - 3].is_quote()));
        if self.lenient && agent && phrase.head_last == phrase.last {
            let lower = t.lower(phrase.last);
            let start = if phrase::is_determiner(t, phrase.first) {
                phrase.first + 1
            } else {
                phrase.first
            };
            let bare_plural = start <= phrase.last
                && (start..=phrase.last).all(|i| t.tokens[i].is_word() && !t.is_capitalised(i))
                && phrase::is_plural_noun(t, phrase.last)
                && !phrase::is_function_word(t, phrase.last);
            if bare_plural {
                let span = t.span(start, phrase.last);
                return Some(Mention::Description {
                    name: t.text[span.start..span.end].to_string(),
                    head: lower.to_string(),
                });
            }
        }
        // A possessor is a determiner that stays in the name (`State's
        // reviewers`).
        let possessor = phrase::is_possessor(t, phrase.first);
        if !self.lenient
            || !(after_quotation || opens_clause || according || agent)
            || !(possessor || t.is_a(phrase.first, WordClass::DescriptionDeterminer))
        {
            return None;
        }
        let head = phrase.head_last;
        let lower = t.lower(head);
        // A participle is no head noun ("a website linked").
        let participle = lower.ends_with("ed") || lower.ends_with("ing");
        if head == phrase.first
            || t.is_capitalised(head)
            || participle
            || phrase::is_function_word(t, head)
            || phrase::is_adverb(t, head)
        {
            return None;
        }
        let span = t.span(phrase.first + usize::from(!possessor), head);
        Some(Mention::Description {
            name: t.text[span.start..span.end].to_string(),
            head: lower.to_string(),
        })
    }

    /// The subject of the clause that token `at` stands in: the phrase that
    /// opens it, after an opening phrase set off by a comma.
    fn clause_subject(&self, at: usize) -> Option<Subject> {
        self.clause_subject_from(at, 0)
    }

    /// [`clause_subject`](Self::clause_subject) among the places at or
    /// after token `from`.
    fn clause_subject_from(&self, at: usize, from: usize) -> Option<Subject> {
        let t = self.tokens;
        let mut start = 0;
        // A quotation inside the clause is its object ("did not want to
        // address “that person,” telling …"); only one that opens the
        // sentence, and a semicolon or colon, end a clause before `at`.
        for i in (0..at).rev() {
            let token = t.tokens[i];
            if (token.is_quote() && i == 0) || token.is_punct(';') || token.is_punct(':') {
                start = i + 1;
                break;
            }
        }
        let start = if t.is_any(start, &["and", "but", "so", "yet", "then"]) {
            start + 1
        } else {
            start
        };
        let start = self.after_dateline(start);
        // A sentence adverb before the subject (`Perhaps young voters
        // prefer …`) is no part of it.
        let start = if t.tokens.get(start + 1).is_some_and(|tk| tk.is_word())
            && t.is_a(start, WordClass::ClauseAdverb)
        {
            start + 1
        } else {
            start
        };
        // The subject opens the clause, or follows an opening phrase set off
        // by commas ("Speaking in Salem, New Hampshire, Trump went after
        // Bush"): of the places a subject could start, the first whose
        // phrase a finite verb follows.
        let opening = t.is_a(start, WordClass::OpeningPhraseWord)
            || t.tokens.get(start).is_some_and(|tk| {
                tk.is_word()
                    && (t.lower(start).ends_with("ing")
                        || t.lower(start).ends_with("ed")
                        || phrase::is_adverb(t, start))
            });
        let mut places = Vec::new();
        if !t.is_a(start, WordClass::OpeningPhraseWord) {
            places.push(start);
        }
        // A subordinate clause opening the sentence has its own subject
        // (`When Solberg turned to the fares and said …`), tried after
        // the main clause's.
        let subordinate_subject = t.is_a(start, WordClass::Subordinator).then_some(start + 1);
        places.extend(
            (start..at)
                .filter(|&i| {
                    t.tokens[i].is_punct(',')
                        || t.tokens[i].is_punct('—')
                        || t.tokens[i].is_punct('–')
                })
                .map(|i| i + 1),
        );
        // A clause also opens after a subordinating word (`such as when
        // Cruz knocked Rubio and called him “…”`), tried last: a clause
        // set off by commas is more often the main one.
        places.extend(
            (start..at)
                .filter(|&i| i > start && t.is_a(i, WordClass::InnerSubordinator))
                .map(|i| i + 1),
        );
        places.extend(subordinate_subject);
        // After an "it" that opens the sentence, the clause of its "that"
        // (`It is clear that Holt …`).
        if from > 0 {
            places.extend((from..at).filter(|&i| t.is(i, "that")).map(|i| i + 1));
        }
        let mut fallback = None;
        let mut first_found = None;
        let mut joined = None;
        // The places come in groups, each in order: none may be skipped.
        for place in places {
            if place >= at || place < from {
                continue;
            }
            let Some((subject, _)) = self.subject_after(place) else {
                continue;
            };
            // An abbreviated state after a city (`in Aspen, Colo., the
            // graduate …`) is a place, not a subject.
            let abbreviation = subject.phrase.first == subject.phrase.last
                && (t.text(subject.phrase.last).ends_with('.')
                    || t.tokens
                        .get(subject.phrase.last + 1)
                        .is_some_and(|tk| tk.is_punct('.')));
            // `A few days later, Holt …`: a span of time, not a subject.
            const SINCE: &[&str] = &["later", "earlier", "ago"];
            let next = subject.reach.1 + 1;
            let units = |i: usize| t.is_a(i, WordClass::TimeUnit);
            let time_span = (subject.phrase.first..=subject.phrase.last).any(units)
                || (units(next) && t.is_any(next + 1, SINCE));
            if subject.reach.1 >= at || abbreviation || time_span {
                continue;
            }
            if self.verb_follows(subject.reach.1 + 1, at)
                || self.is_base_after_plural(&subject, subject.reach.1 + 1, at)
            {
                // A clause joined by ", and" with a subject of its own
                // (`…, and the league denounced … and said`) is the one
                // `at` stands in, not the first.
                let coordinated =
                    place >= 2 && t.is(place - 1, "and") && t.tokens[place - 2].is_punct(',');
                if coordinated {
                    joined = Some(subject);
                } else if first_found.is_none() {
                    first_found = Some(subject);
                }
                continue;
            }
            if fallback.is_none() && !opening {
                fallback = Some(subject);
            }
        }
        joined.or(first_found).or(fallback).or_else(|| {
            // An opening phrase with no comma after it (`At one point the
            // crowd reprised …`, `During the primary Holt, goaded by …,
            // came out`): the first phrase in its first words that a verb
            // follows.
            if !opening || from > 0 {
                return None;
            }
            (start + 2..at.min(start + 8))
                .take_while(|&i| t.tokens[i].is_word())
                .filter(|&i| t.is_capitalised(i) || phrase::is_determiner(t, i))
                .find_map(|i| {
                    let (subject, _) = self.subject_after(i)?;
                    let named = subject.mention.names_someone();
                    (named && subject.reach.1 < at && self.verb_follows(subject.reach.1 + 1, at))
                        .then_some(subject)
                })
        })
    }

    /// Whether a finite verb stands at token `at` (after adverbs and
    /// auxiliaries), before token `limit`.
    fn verb_follows(&self, mut at: usize, limit: usize) -> bool {
        let t = self.tokens;
        while at < limit && t.tokens[at].is_punct(',') {
            at += 1;
        }
        while at < limit && t.tokens[at].is_word() && phrase::is_between_subject_and_verb(t, at) {
            if t.is_a(at, WordClass::ClauseAuxiliary) {
                return true;
            }
            at += 1;
        }
        at < limit
            && t.tokens[at].is_word()
            && !t.is_capitalised(at)
            && (self.is_cue()(at)
                || self.rules.is_finite_verb_form(t.lower(at))
                || self.rules.cues.contains(t.lower(at)))
    }

    /// Whether token `at` is a finite verb or an auxiliary: what follows
    /// the subject of a clause.
    fn opens_finite_clause(&self, at: usize) -> bool {
        let t = self.tokens;
        t.tokens.get(at).is_some_and(|tk| tk.is_word())
            && !t.is_capitalised(at)
            && (t.is_a(at, WordClass::ClauseAuxiliary) || {
                // A third-person form; a past form after a noun is as often
                // a participle (`said a source involved in the talks`).
                let lower = t.lower(at);
                lower.ends_with('s')
                    && self.rules.is_finite_verb_form(lower)
                    && !self.rules.is_speaker_noun(lower)
            })
    }

    /// Token `start`, or the first after a dateline that opens the
    /// sentence there (`WASHINGTON — `, `JACKSON, Miss. (AP) — `).
    fn after_dateline(&self, start: usize) -> usize {
        let t = self.tokens;
        let limit = t.len().min(start + 8);
        let Some(dash) =
            (start..limit).find(|&i| matches!(t.tokens[i].kind, TokenKind::Punct('—' | '–' | '―')))
        else {
            return start;
        };
        let place = (start..dash).all(|i| {
            let token = t.tokens[i];
            !token.is_word() || t.text(i).chars().all(|c| !c.is_lowercase()) || t.is_capitalised(i)
        });
        let shouting = t.tokens.get(start).is_some_and(|tk| tk.is_word())
            && t.text(start)
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        // `Washington (AFP) –`: a wire service in capitals in parentheses.
        let agency = (start..dash).any(|i| {
            t.tokens[i].is_punct('(')
                && t.tokens.get(i + 1).is_some_and(|tk| tk.is_word())
                && t.text(i + 1).len() >= 2
                && t.text(i + 1).chars().all(|c| c.is_ascii_uppercase())
        });
        if place && (shouting || agency) && dash > start {
            dash + 1
        } else {
            start
        }
    }

    /// A cue of `kind` at `cue_span` attributing to `subject`.
    fn make(
        &self,
        found_by: &'static str,
        kind: CueKind,
        cue_span: Span,
        subject: Subject,
        trailing: bool,
        quote_only: bool,
    ) -> Cue {
        let t = self.tokens;
        let speaker_span = t.span(subject.phrase.first, subject.phrase.last);
        let reach = t.span(subject.reach.0, subject.reach.1);
        let extent = Span::new(reach.start.min(cue_span.start), reach.end.max(cue_span.end));
        let scope = if trailing {
            Span::new(0, t.text.len())
        } else {
            Span::new(extent.start, t.text.len())
        };
        Cue {
            span: cue_span,
            kind,
            speaker: subject.mention,
            speaker_span,
            extent,
            reporter: None,
            scope,
            trailing,
            quote_only,
            found_by,
        }
    }

    /// Whether an attribution starting at token `first` and ending at
    /// `last` follows the words it attributes: it comes right after a
    /// quotation, or after a comma and closes the sentence (`…, the
    /// ministry said.`).
    fn follows_its_words(&self, first: usize, last: usize) -> bool {
        let t = self.tokens;
        let Some(previous) = first.checked_sub(1) else {
            return false;
        };
        let token = t.tokens[previous];
        if token.is_quote() {
            return true;
        }
        let after_quote = token.is_punct(',') && previous > 0 && t.tokens[previous - 1].is_quote();
        // `…, as Holt's campaign manager suggested.`
        let after_comma = token.is_punct(',')
            || (t.is(previous, "as") && previous > 0 && t.tokens[previous - 1].is_punct(','));
        after_quote || (after_comma && self.closes_sentence(last))
    }

    /// Whether what follows token `last` only closes the sentence: nothing,
    /// or an adverbial (`said on Tuesday.`, `said in a statement.`).
    fn closes_sentence(&self, last: usize) -> bool {
        let t = self.tokens;
        match t.tokens.get(last + 1) {
            None => true,
            Some(token) if !token.is_word() => !token.is_quote(),
            Some(_) => {
                t.is_any_of(last + 1, WordClass::SentenceCloser | WordClass::Weekday)
                    || phrase::is_adverb(t, last + 1)
            }
        }
    }

    /// Whether token `first` opens its clause.
    fn at_clause_start(&self, first: usize) -> bool {
        let t = self.tokens;
        first == 0
            || t.tokens[first - 1].is_quote()
            || t.tokens[first - 1].is_punct(':')
            || t.tokens[first - 1].is_punct(';')
    }

    /// Whether `cue` stands right next to a quotation: one ends just before
    /// the attribution, or one starts just after it (after a comma or
    /// colon).
    fn next_to_quotation(&self, cue: &Cue) -> bool {
        let t = self.tokens;
        let first = t.at_or_after(cue.extent.start);
        let last = t.covering(cue.extent.end.saturating_sub(1));
        let before = first.checked_sub(1).map(|p| {
            t.tokens[p].is_quote()
                || (t.tokens[p].is_punct(',') && p > 0 && t.tokens[p - 1].is_quote())
        });
        let mut next = last + 1;
        while t
            .tokens
            .get(next)
            .is_some_and(|tk| tk.is_punct(',') || tk.is_punct(':'))
        {
            next += 1;
        }
        before == Some(true) || t.tokens.get(next).is_some_and(Token::is_quote)
    }

    /// The possessor of the noun at token `noun`: `Trump's` (through up to
    /// three modifiers) in `Trump's recent evidence-free assertion`.
    fn possessor_before(&self, noun: usize) -> Option<Subject> {
        let t = self.tokens;
        // A possessive pronoun right before the noun or its one modifier
        // (`his comment Monday that “…”`, `her latest claim that`).
        if let Some(pronoun) = (noun.saturating_sub(2)..noun)
            .rev()
            .take_while(|&i| t.tokens[i].is_word())
            .find(|&i| t.is_any(i, &["his", "her", "their"]))
        {
            // The subject of its clause, when one stands before it
            // (`Holt stood by his comment`), else whoever it refers back to.
            if let Some(subject) = self.clause_subject(pronoun)
                && !matches!(subject.mention, Mention::Pronoun(_))
                && subject.reach.1 < pronoun
            {
                return Some(subject);
            }
            let kind = if t.is(pronoun, "their") { "they" } else { "he" };
            let kind = self.rules.pronoun(kind)?;
            return Some(Subject {
                mention: Mention::Pronoun(kind),
                phrase: NounPhrase {
                    first: pronoun,
                    last: pronoun,
                    head_last: pronoun,
                },
                reach: (pronoun, noun),
            });
        }
        // Only modifiers stand between them, no conjunction or verb form
        // (not `Fiorina's firing and carrying signs`).
        let possessive = (noun.saturating_sub(4)..noun)
            .rev()
            .take_while(|&i| {
                t.tokens[i].is_word()
                    && !phrase::is_function_word(t, i)
                    && (i + 1 == noun || !t.lower(i).ends_with("ing"))
            })
            .find(|&i| phrase::is_possessor(t, i))?;
        // The possessor's own group of words (`Sanders'` in `voters prefer
        // Sanders' call`, `Trump's` in `an issue out of Trump's claim`), or
        // the whole phrase when the group ends a prepositional phrase (`the
        // Secretary of State's`).
        let whole = || phrase::before(t, possessive, &self.is_cue(), self.rules);
        let last_group = phrase::group(t, possessive, &self.is_cue());
        let speaker = |phrase: NounPhrase| {
            let span = t.span(phrase.first, phrase.head_last);
            let written = t.text[span.start..span.end]
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’']);
            let mention = mention::parse(written, self.rules)?;
            matches!(
                mention,
                Mention::Person { .. } | Mention::Other { .. } | Mention::Role(_)
            )
            .then_some(Subject {
                mention,
                phrase,
                reach: (phrase.first, noun),
            })
        };
        // The whole phrase is read only when it is needed.
        match last_group {
            Some(group) if group.first > 0 && t.is(group.first - 1, "of") => {
                whole().and_then(speaker).or_else(|| speaker(group))
            }
            _ => last_group
                .and_then(speaker)
                .or_else(|| whole().and_then(speaker)),
        }
    }

    /// Whether token `verb` is the base form of a verb after a plural
    /// subject (`Democrats on the panel plan to …`, `both oppose a …`):
    /// a lowercase content word with an object or an infinitive after
    /// it, where a noun after a plural noun would not stand.
    fn is_base_after_plural(&self, subject: &Subject, verb: usize, limit: usize) -> bool {
        let t = self.tokens;
        let phrase = subject.phrase;
        let head = t.lower(phrase.head_last);
        let plural = phrase::is_plural_noun(t, phrase.head_last)
            || head == "both"
            || (phrase.first..phrase.head_last).any(|i| t.is(i, "and"));
        let word_is_base =
            t.tokens.get(verb).is_some_and(|tk| tk.is_word()) && !t.is_capitalised(verb) && {
                let lower = t.lower(verb);
                !phrase::is_function_word(t, verb)
                    && !phrase::is_adverb(t, verb)
                    && !lower.ends_with("ing")
                    && !lower.ends_with("ly")
                    && !self.rules.is_finite_verb_form(lower)
            };
        let object_follows = verb + 1 < limit
            && (t.tokens[verb + 1].is_quote() || t.is_a(verb + 1, WordClass::ObjectStart));
        plural && word_is_base && object_follows
    }
}

/// Whether token `i` is a word for a time that may stand between a subject
/// and its verb after "on", "last" or "this" (`Trump on Tuesday said`,
/// `Clinton last week told`).
fn is_time_word(t: &Tokens<'_>, i: usize) -> bool {
    t.classes(i)
        .has_any(WordClass::TimeWord | WordClass::Weekday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    /// The speakers (mention text as written) and cue words of `text`,
    /// whose quotations are the stretches between `“` and `”`.
    fn cues(text: &str) -> Vec<(String, String)> {
        let rules = RuleSet::builtin().attribution().clone();
        let mut quotes = Vec::new();
        let mut open = None;
        for (at, c) in text.char_indices() {
            match c {
                '“' => open = Some(at),
                '”' => quotes.extend(open.take().map(|o| Span::new(o, at + c.len_utf8()))),
                _ => {}
            }
        }
        find(Span::new(0, text.len()), text, &quotes, &rules)
            .into_iter()
            .map(|c| {
                (
                    text[c.speaker_span.start..c.speaker_span.end].to_string(),
                    text[c.span.start..c.span.end].to_string(),
                )
            })
            .collect()
    }

    fn speakers(text: &str) -> Vec<String> {
        cues(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn trailing_attributions() {
        assert_eq!(
            speakers("“We won,” said Alan B. Krueger, a professor."),
            ["Alan B. Krueger"]
        );
        assert_eq!(
            speakers("“We won,” Mr. Rubio said on Tuesday."),
            ["Mr. Rubio"]
        );
        assert_eq!(
            speakers("“It was nice,” the gambling tycoon told Reuters."),
            ["the gambling tycoon"]
        );
        assert_eq!(
            speakers(
                "“We won,” the historian Mara Lindqvist, a former adviser to the governor, wrote."
            ),
            ["the historian Mara Lindqvist"]
        );
        assert_eq!(
            speakers("“We won,” Rep. Ann Doyle (D-Ore.) said."),
            ["Rep. Ann Doyle"]
        );
        assert_eq!(
            speakers(
                "“We won,” Harry Bond, 30, of Raleigh, N.C., who was among those polled, said."
            ),
            ["Harry Bond"]
        );
        assert_eq!(speakers("“Go home,” she laughed."), ["she"]);
    }

    #[test]
    fn leading_attributions_and_clause_subjects() {
        assert_eq!(speakers("Ryan said, “Sure.”"), ["Ryan"]);
        assert_eq!(
            speakers("Mrs. Clinton shook her head and said, “No.”"),
            ["Mrs. Clinton"]
        );
        assert_eq!(
            speakers("The senator paused, asking, “Why?”"),
            ["The senator"]
        );
        assert_eq!(
            speakers("Trump went on to say that the plan was over."),
            ["Trump"]
        );
        assert!(speakers("Trump declined to say whether the plan was over.").is_empty());
        assert_eq!(speakers("He put it this way: “We are done.”"), ["He"]);
    }

    #[test]
    fn passive_denied_and_quote_only_forms_attribute_nothing() {
        assert!(speakers("The plan was described as a failure.").is_empty());
        assert!(speakers("Trump did not say what he meant.").is_empty());
        assert!(speakers("Obama laughed at the idea.").is_empty());
        assert!(speakers("The claims were false.").is_empty());
    }

    #[test]
    fn documents_and_according_to() {
        assert_eq!(
            speakers("According to the report, costs fell."),
            ["the report"]
        );
        assert_eq!(speakers("“We regret it,” the memo said."), ["the memo"]);
        assert_eq!(
            speakers("“Welcome!” ― Carla Sanchez, 34"),
            ["Carla Sanchez"]
        );
    }
}
