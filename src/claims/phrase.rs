//! Reading the noun phrase that names a speaker, from the tokens of a
//! sentence.
//!
//! News copy names a speaker in a handful of shapes, and this module reads
//! them without a parser, from the words themselves:
//!
//! * a **name** with the titles and descriptors before it: `Sen. Paul
//!   Herrera`, `Florida-based Republican strategist Al Cardenas`, `the
//!   historian Mara Lindqvist`, `Breitbart’s Joel Pollak`, `state Sen.
//!   Maria "Mimi" Ortega`, `Alan B. Krueger`, `Martin Luther King Jr.`;
//! * a **description**: a determiner, modifiers and a head noun, with
//!   prepositional phrases after it: `the gambling tycoon`, `one P&G
//!   employee`, `a strategist for one of these candidates`, `the
//!   41-year-old father of two`, `a welcome message on the website`;
//! * a bare plural or pronoun: `Protesters`, `Critics`, `she`.
//!
//! [`before`] reads the phrase that ends just before a verb, backwards;
//! [`after`] reads the one that starts just after it (`…,” said Alan B.
//! Krueger, a professor of economics`), with its apposition. A phrase's
//! **head** is its first group of words, before any prepositional phrase:
//! it is what is classified as a person, an organisation or a description
//! (see [`super::mention`]); the rest qualifies it.
//!
//! Function words (prepositions, conjunctions, auxiliaries, pronouns)
//! never stand inside a phrase except where the shapes above put them, so
//! a phrase stops at the clause around it.

use super::tokens::{Token, TokenKind, Tokens};
use crate::rules::WordClass;

/// What the phrase reader needs to know of words: which nouns can head a
/// speaker's phrase ("spokesman", "campaign") and which words are verbs
/// ("took", "hits"), so that a phrase read forwards stops before its verb.
pub trait NounsAndVerbs {
    fn is_noun(&self, lower: &str) -> bool;
    fn is_verb(&self, lower: &str) -> bool;
}

impl NounsAndVerbs for crate::rules::AttributionRules {
    fn is_noun(&self, lower: &str) -> bool {
        self.is_speaker_noun(lower)
    }

    fn is_verb(&self, lower: &str) -> bool {
        self.is_finite_verb_form(lower) && !self.is_speaker_noun(lower)
    }
}

/// A noun phrase, as token indexes of its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NounPhrase {
    /// The first token of the whole phrase.
    pub first: usize,
    /// The last token of the whole phrase, prepositional phrases included.
    pub last: usize,
    /// The last token of the head group (`the economist` in `the economist
    /// at the firm`).
    pub head_last: usize,
}

/// The most words a phrase may have: longer stretches are clauses.
const MAX_WORDS: usize = 14;

/// The most modifiers that may stand before a name or a head noun.
const MAX_MODIFIERS: usize = 5;

/// Prepositions that join a phrase to a name as well as to a noun (`Ross
/// Ellis of the institute`): the others after a name start an adverbial
/// (`Trump in an interview`).
const JOINING_AFTER_NAME: &[&str] = &["of", "from"];

/// Whether token `i` is a function word that cannot stand in a phrase
/// (`clause_words` in `rules/en/word-classes.toml`).
pub fn is_function_word(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.classes(i).has(WordClass::ClauseWord)
}

/// Whether token `i` may stand between a subject and its verb.
pub fn is_between_subject_and_verb(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.classes(i).has(WordClass::BetweenSubjectAndVerb) || is_adverb(tokens, i)
}

/// Whether the lowercase noun at token `i` is plural ("voters",
/// "congressmen", "people").
pub fn is_plural_noun(tokens: &Tokens<'_>, i: usize) -> bool {
    let lower = tokens.lower(i);
    (lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("'s")
        && !lower.ends_with("’s"))
        || (lower.ends_with("men") && lower.len() > 4)
        || tokens.classes(i).has(WordClass::PluralWithoutS)
}

/// Whether token `i` is an adverb in "-ly" (`flatly`), not a noun that
/// ends so (`family`).
pub fn is_adverb(tokens: &Tokens<'_>, i: usize) -> bool {
    let lower = tokens.lower(i);
    lower.len() > 4 && lower.ends_with("ly") && !tokens.classes(i).has(WordClass::LyNoun)
}

/// Whether token `i` is a word that starts a phrase and belongs to it.
pub fn is_determiner(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.classes(i).has(WordClass::Determiner)
}

/// Whether token `i` is a number word ("two officials", "a father of
/// two").
fn is_number_word(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.classes(i).has(WordClass::NumberWord)
}

/// Whether token `i` is a word that can stand in a name: capitalised, an
/// initial, a name particle inside a name, or a suffix.
fn is_name_word(tokens: &Tokens<'_>, i: usize) -> bool {
    if !tokens.is_capitalised(i) {
        return false;
    }
    // A capitalised function word opening the sentence is that word ("The",
    // "And"); anywhere else it can be a name ("Will Hurd").
    // A contraction of a pronoun (`It’s`, `There’s`, `That's`) is no name.
    !is_pronoun_contraction(tokens, i)
        && !(i == 0 && (is_function_word(tokens, i) || is_determiner(tokens, i)))
}

/// Whether token `i` is a pronoun with a verb contracted onto it (`it’s`,
/// `there's`, `they’re`).
fn is_pronoun_contraction(tokens: &Tokens<'_>, i: usize) -> bool {
    let lower = tokens.lower(i);
    crate::lang::en::contracted_host(lower)
        .is_some_and(|stem| tokens.lexicon().is_lower(stem, WordClass::ContractionHost))
}

/// Whether token `i` is a possessor (`State's`, `Lazar’s`, `Sanders'`),
/// not a pronoun's contraction (`It’s`).
pub fn is_possessor(tokens: &Tokens<'_>, i: usize) -> bool {
    let text = tokens.text(i);
    (text.ends_with("'s") || text.ends_with("’s") || text.ends_with("s'") || text.ends_with("s’"))
        && !is_pronoun_contraction(tokens, i)
}

fn is_particle(tokens: &Tokens<'_>, i: usize) -> bool {
    tokens.is_a(i, WordClass::NameParticle)
}

/// Whether token `i` is a word that can modify a head noun or stand before
/// a name: any word that is not a function word, a verb cue or a
/// possessive determiner's clause.
fn is_modifier(tokens: &Tokens<'_>, i: usize, is_cue: &dyn Fn(usize) -> bool) -> bool {
    let Some(token) = tokens.tokens.get(i) else {
        return false;
    };
    if !token.is_word() || is_cue(i) {
        return false;
    }
    if is_function_word(tokens, i) && !(tokens.is_capitalised(i) && is_name_word(tokens, i)) {
        return false;
    }
    !is_adverb(tokens, i) || tokens.is_capitalised(i)
}

/// Reads the phrase whose last word is token `last`, backwards.
///
/// `is_cue` tells which tokens are reporting verbs: they never stand in a
/// phrase.
pub fn before(
    tokens: &Tokens<'_>,
    last: usize,
    is_cue: &dyn Fn(usize) -> bool,
    known: &dyn NounsAndVerbs,
) -> Option<NounPhrase> {
    if !tokens.tokens.get(last)?.is_word() {
        return None;
    }
    let mut first = group_before(tokens, last, is_cue)?;
    let mut head_last = last;
    let mut words = last + 1 - first;
    // `to` before a bare lowercase word is an infinitive (`plan to release
    // transcripts to disprove claims`), not a preposition (`an adviser to
    // the governor`): no phrase reaches across it.
    let infinitive_at = |first: usize| {
        first >= 1
            && tokens.is(first - 1, "to")
            && !tokens.is_capitalised(first)
            && tokens.tokens[first].is_word()
            && {
                let lower = tokens.lower(first);
                !is_determiner(tokens, first)
                    && !known.is_noun(lower)
                    && !lower.chars().next().is_some_and(|c| c.is_ascii_digit())
            }
    };
    if infinitive_at(first) {
        return None;
    }
    // Prepositional phrases: `a message on the website`, `the father of
    // two`, `Ross Ellis of the institute`, `the Center for Strategic
    // Studies`.
    while first >= 2 && words < MAX_WORDS {
        let preposition = first - 1;
        if !tokens.is_a(preposition, WordClass::JoiningPreposition) {
            break;
        }
        let Some(start) = group_before(tokens, preposition - 1, is_cue) else {
            break;
        };
        if infinitive_at(start) {
            return None;
        }
        let before = preposition - 1;
        let joined_to_name = is_name_word(tokens, before);
        // The name of a body, its head noun before an "of" in it
        // (`Court of Appeals for the Third Circuit`).
        let body_of = || {
            group_before(tokens, before, is_cue).is_some_and(|start| {
                start >= 2 && tokens.is(start - 1, "of") && known.is_noun(tokens.lower(start - 2))
            })
        };
        let organisation = joined_to_name && (known.is_noun(tokens.lower(before)) || body_of());
        if joined_to_name && !organisation && !tokens.is_any(preposition, JOINING_AFTER_NAME) {
            break;
        }
        // A role with its office before a name (`former secretary of
        // state Ann Moss`, `director of communications Jo Lee`): the name
        // is the head, not the role.
        let role_of_office = head_last == last
            && is_name_word(tokens, last)
            && !is_name_word(tokens, first)
            && !is_determiner(tokens, first)
            && tokens.is(preposition, "of");
        words += preposition - start;
        if !role_of_office {
            head_last = before;
        }
        first = start;
    }
    // Names joined by "and" speak together ("Edward-Isaac Dovere and
    // Gabriel Debenedetti").
    if first >= 2
        && head_last == last
        && is_name_word(tokens, last)
        && tokens.is(first - 1, "and")
        && is_name_word(tokens, first - 2)
        && let Some(start) = group_before(tokens, first - 2, is_cue)
        && (start..first - 1).all(|i| {
            is_name_word(tokens, i) || is_particle(tokens, i) || (i == start && tokens.is(i, "the"))
        })
    {
        words += first - start;
        first = start;
    }
    (words <= MAX_WORDS).then_some(NounPhrase {
        first,
        last,
        head_last,
    })
}

/// The phrase of one group of words (no preposition inside) ending at
/// token `last`: `Trump's` in `an issue out of Trump's claim`.
pub fn group(
    tokens: &Tokens<'_>,
    last: usize,
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<NounPhrase> {
    let first = group_before(tokens, last, is_cue)?;
    Some(NounPhrase {
        first,
        last,
        head_last: last,
    })
}

/// The first token of the group of words (no preposition inside) that ends
/// at token `last`: a name with what stands before it, or a head noun with
/// its modifiers, back to and including a determiner.
fn group_before(tokens: &Tokens<'_>, last: usize, is_cue: &dyn Fn(usize) -> bool) -> Option<usize> {
    let head = tokens.tokens.get(last)?;
    if !head.is_word() || is_cue(last) {
        return None;
    }
    let lower = tokens.lower(last);
    // A number after "of" is a phrase of its own ("father of two").
    if last > 0 && tokens.is(last - 1, "of") && is_number_word(tokens, last) {
        return Some(last);
    }
    if is_function_word(tokens, last) && !is_name_word(tokens, last) {
        // A pronoun is a phrase of its own.
        return matches!(lower, "he" | "she" | "they" | "it" | "we").then_some(last);
    }
    if is_determiner(tokens, last) && !is_name_word(tokens, last) {
        // A number after "of" is a phrase of its own ("father of two"), and
        // a quantifier opening its clause stands for its people ("most
        // said", "some chanted").
        let counted = last > 0 && tokens.is(last - 1, "of") && is_number_word(tokens, last);
        let opens = last == 0 || !tokens.tokens[last - 1].is_word();
        let quantifier = opens && tokens.classes(last).has(WordClass::QuantifierSubject);
        return (counted || quantifier).then_some(last);
    }
    let mut first = last;
    // A name: its words back to the first, a nickname in quotation marks
    // included (`Maria "Mimi" Ortega`).
    if is_name_word(tokens, last) {
        while first > 0 {
            let previous = first - 1;
            let nickname = matches!(tokens.tokens[previous].kind, TokenKind::Quote(_))
                && previous > 0
                && is_name_word(tokens, previous - 1)
                && tokens.text(previous).split_whitespace().count() <= 2;
            if is_name_word(tokens, previous) || nickname {
                first = previous;
                continue;
            }
            // Particles inside a name ("Ursula von der Leyen"): only with a
            // name word before them.
            let mut before_particles = previous;
            while is_particle(tokens, before_particles) && before_particles > 0 {
                before_particles -= 1;
            }
            if before_particles < previous && is_name_word(tokens, before_particles) {
                first = before_particles;
            } else {
                break;
            }
        }
    }
    // Modifiers: titles, roles and adjectives before a name, adjectives and
    // nouns before a head noun, back to a determiner.
    let mut modifiers = 0;
    while first > 0 && modifiers < MAX_MODIFIERS {
        let previous = first - 1;
        if tokens.tokens[previous].is_word() && is_determiner(tokens, previous) {
            // A determiner opens the phrase, with one more before it ("the
            // two sides", "all the").
            let stacked = previous > 0
                && tokens.tokens[previous - 1].is_word()
                && is_determiner(tokens, previous - 1);
            return Some(ratio_start(
                tokens,
                if stacked { previous - 1 } else { previous },
            ));
        }
        if !is_modifier(tokens, previous, is_cue) {
            break;
        }
        first = previous;
        modifiers += 1;
    }
    // `at least half`, `at most a third`: the "at" belongs to the count.
    if first >= 1 && tokens.is_any(first, &["least", "most"]) && tokens.is(first - 1, "at") {
        return Some(first - 1);
    }
    Some(ratio_start(tokens, first))
}

/// `first`, or the start of the ratio whose second number it is (`Six in
/// 10 Republicans`, `three in four voters`).
fn ratio_start(tokens: &Tokens<'_>, first: usize) -> usize {
    let number = |i: usize| {
        tokens.tokens[i].is_word()
            && (tokens.lower(i).chars().all(|c| c.is_ascii_digit()) || is_number_word(tokens, i))
    };
    if first >= 2 && number(first) && tokens.is(first - 1, "in") && number(first - 2) {
        first - 2
    } else {
        first
    }
}

/// Reads the phrase that starts at token `first`, forwards, with an
/// apposition set off by a comma after it (`Alan B. Krueger, a professor of
/// economics`). Returns the phrase and the last token of its apposition.
pub fn after(
    tokens: &Tokens<'_>,
    first: usize,
    is_cue: &dyn Fn(usize) -> bool,
    known: &dyn NounsAndVerbs,
) -> Option<(NounPhrase, Option<(usize, usize)>)> {
    let mut head_last = group_after(tokens, first, is_cue, known)?;
    // Two titles of one person (`Former prosecutor and New York City
    // Mayor Rudy Giuliani`): a group of role words, "and", a name.
    if (first..=head_last).all(|i| !is_name_word(tokens, i) || i == first)
        && !is_name_word(tokens, head_last)
        && tokens.is(head_last + 1, "and")
        && let Some(end) = group_after(tokens, head_last + 2, is_cue, known)
        && is_name_word(tokens, end)
    {
        head_last = end;
    }
    let mut last = head_last;
    let mut words = last + 1 - first;
    // Prepositional phrases that belong to the phrase.
    while words < MAX_WORDS {
        let preposition = last + 1;
        // A named body goes on with "for" (`the Court of Appeals for the
        // Third Circuit`, `the Center for Strategic Studies`).
        let named_body = known.is_noun(tokens.lower(head_last));
        let quantifier = last == first && tokens.classes(first).has(WordClass::PeopleQuantifier);
        let joins = if quantifier {
            tokens.is_a(preposition, WordClass::QuantifierComplement)
        } else if is_name_word(tokens, last) {
            tokens.is_any(preposition, JOINING_AFTER_NAME)
                || (named_body && tokens.is(preposition, "for"))
        } else {
            tokens.is_any(preposition, &["of", "for", "with", "from", "by"])
        };
        if !joins {
            break;
        }
        let Some(end) = group_after(tokens, preposition + 1, is_cue, known) else {
            break;
        };
        words += end - last;
        last = end;
    }
    if words > MAX_WORDS {
        return None;
    }
    // A parenthesis right after a name (`Rep. Ann Doyle (D-Ore.)`).
    if tokens.tokens.get(last + 1).is_some_and(|t| t.is_punct('('))
        && let Some(close) =
            (last + 2..tokens.len().min(last + 8)).find(|&i| tokens.tokens[i].is_punct(')'))
    {
        last = close;
    }
    let apposition = apposition_after(tokens, last, is_cue);
    Some((
        NounPhrase {
            first,
            last,
            head_last,
        },
        apposition,
    ))
}

/// The last token of the group of words starting at `first`.
///
/// Read forwards, a group has no end marked by the words themselves
/// ("the senator paused" runs on into its verb), so it ends at what the
/// shapes of a phrase allow: a name ends at its last name word unless role
/// words lead to another name (`Trump campaign manager Corey Lewandowski`);
/// a description ends at its first known head noun that no other noun
/// follows (`the Vermont senator` in `the Vermont senator emailed`).
fn group_after(
    tokens: &Tokens<'_>,
    first: usize,
    is_cue: &dyn Fn(usize) -> bool,
    known: &dyn NounsAndVerbs,
) -> Option<usize> {
    let token = tokens.tokens.get(first)?;
    if !token.is_word() || is_cue(first) {
        return None;
    }
    let lower = tokens.lower(first);
    if matches!(lower, "he" | "she" | "they" | "it" | "we") {
        return Some(first);
    }
    // A quantifier standing for people before its complement (`some on
    // Twitter`, `many in the party`) is a phrase of its own.
    if tokens.classes(first).has(WordClass::PeopleQuantifier)
        && tokens.is_a(first + 1, WordClass::QuantifierComplement)
        && tokens.tokens.get(first + 2).is_some_and(Token::is_word)
    {
        return Some(first);
    }
    let mut at = first;
    if is_determiner(tokens, first)
        && !(tokens.is_capitalised(first)
            && !tokens.is(first, "the")
            && is_name_word(tokens, first))
    {
        at += 1;
    }
    // The run of words a phrase could take.
    let mut run = Vec::new();
    let mut previous: Option<usize> = None;
    while at < tokens.len() && run.len() < MAX_MODIFIERS + 5 {
        let nickname = matches!(tokens.tokens[at].kind, TokenKind::Quote(_))
            && previous.is_some_and(|l| is_name_word(tokens, l))
            && is_name_word(tokens, at + 1);
        let particle = is_particle(tokens, at)
            && previous.is_some_and(|l| is_name_word(tokens, l))
            && is_name_word(tokens, at + 1);
        if !(is_modifier(tokens, at, is_cue) || nickname || particle) {
            break;
        }
        // A lowercase past form after the phrase's first words, with a
        // determiner after it, is the verb (`the retired neurosurgeon
        // addressed his concerns`).
        // So is a finite form with "that" after it (`the Holt campaign
        // projects that …`).
        let past_verb = !run.is_empty()
            && !tokens.is_capitalised(at)
            && ((tokens.lower(at).ends_with("ed")
                && tokens.tokens.get(at + 1).is_some_and(|t| t.is_word())
                && is_determiner(tokens, at + 1))
                || (known.is_verb(tokens.lower(at)) && tokens.is(at + 1, "that"))
                // A third-person form after a known head noun, with "that"
                // after it (`the Sanders campaign projects that`), even
                // where the form can be a noun itself.
                || (tokens.is(at + 1, "that")
                    && tokens.lower(at).ends_with('s')
                    && previous.is_some_and(|p| known.is_noun(tokens.lower(p)))));
        // A base form after a plural noun, with an object or an
        // infinitive after it, is the verb too (`the growers plan to
        // publish`, `young farmers prefer the …`).
        let base_verb = previous.is_some_and(|p| {
            let plural = tokens.lower(p);
            !tokens.is_capitalised(p)
                && plural.len() > 3
                && plural.ends_with('s')
                && is_plural_noun(tokens, p)
        }) && !tokens.is_capitalised(at)
            && {
                let word = tokens.lower(at);
                !word.ends_with('s') && !word.ends_with("ed") && !word.ends_with("ing")
            }
            && tokens.tokens.get(at + 1).is_some_and(|next| {
                next.is_quote()
                    || (tokens.is(at + 1, "to")
                        && tokens.tokens.get(at + 2).is_some_and(|t| t.is_word())
                        && !tokens.is_capitalised(at + 2)
                        && !is_determiner(tokens, at + 2))
                    || tokens.is_a(at + 1, WordClass::ObjectDeterminer)
            });
        if past_verb || base_verb {
            break;
        }
        run.push(at);
        previous = Some(at);
        at += 1;
    }
    let is_name =
        |i: usize| is_name_word(tokens, i) || is_particle(tokens, i) || tokens.tokens[i].is_quote();
    let mut end = None;
    let mut index = 0;
    while index < run.len() {
        let i = run[index];
        if is_name(i) {
            end = Some(i);
            index += 1;
            continue;
        }
        // A lowercase word: known nouns go on ("campaign manager"), and
        // after a name, role words go on only if a name follows.
        let noun = known.is_noun(tokens.lower(i));
        // Only role words stand between two names ("Trump supporter Jane
        // Doe"): a verb form does not ("Sanders credited Clinton"), nor a
        // word of time before a day ("Keel late Thursday").
        let role_word = |j: usize| {
            let lower = tokens.lower(j);
            known.is_noun(lower)
                || !(lower.ends_with("ed")
                    || lower.ends_with("ing")
                    || is_adverb(tokens, j)
                    || known.is_verb(lower)
                    || tokens.classes(j).has(WordClass::TimeModifier))
        };
        let name_follows = run[index..]
            .iter()
            .take(5)
            .take_while(|&&j| is_name_word(tokens, j) || role_word(j))
            .any(|&j| is_name_word(tokens, j));
        // A possessive name is a determiner: the noun after it heads the
        // phrase ("Clinton's campaign", "Lazar's public defense counsel").
        let possessive = |e: usize| is_possessor(tokens, e);
        let after_name = end.is_some_and(|e| is_name_word(tokens, e) && !possessive(e));
        // After a name, a known noun goes on too: the name is its
        // modifier ("the Rove ad", "Trump aides").
        // An adjective between a name and a noun goes on too ("the GOP
        // presidential candidate").
        let adjective_before_noun = role_word(i)
            && run
                .get(index + 1)
                .is_some_and(|&j| !is_name_word(tokens, j) && known.is_noun(tokens.lower(j)));
        if after_name && !name_follows && !noun && !adjective_before_noun {
            break;
        }
        if noun || name_follows || (after_name && adjective_before_noun) {
            end = Some(i);
            index += 1;
            continue;
        }
        // An unknown word before any noun is a modifier ("gambling"); after
        // a noun it is the verb.
        let seen_noun = end.is_some_and(|e| {
            known.is_noun(tokens.lower(e)) || (is_name_word(tokens, e) && !possessive(e))
        });
        if seen_noun {
            break;
        }
        end = Some(i);
        index += 1;
    }
    // A description must end with a noun; a lone unknown word is accepted
    // only if nothing follows it in the run.
    let end = end?;
    if !is_name(end) && !known.is_noun(tokens.lower(end)) && run.last() != Some(&end) {
        return None;
    }
    Some(end)
}

/// An apposition after the phrase ending at `last`: `, a former adviser to
/// the governor,` or `, 45,` up to the next comma or the end of the
/// sentence. Returns its first and last token.
fn apposition_after(
    tokens: &Tokens<'_>,
    last: usize,
    is_cue: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let comma = last + 1;
    if !tokens.tokens.get(comma)?.is_punct(',') {
        return None;
    }
    let start = comma + 1;
    let first_word = tokens.tokens.get(start)?;
    if !first_word.is_word() || tokens.lower(start).ends_with("ing") || is_cue(start) {
        return None;
    }
    let lower = tokens.lower(start);
    if is_function_word(tokens, start) && !matches!(lower, "who") {
        return None;
    }
    let mut end = start;
    while end + 1 < tokens.len() {
        let next = tokens.tokens[end + 1];
        if next.is_punct(',')
            || next.is_punct('.')
            || next.is_punct(';')
            || next.is_quote()
            || is_cue(end + 1)
        {
            break;
        }
        end += 1;
        if end - start > MAX_WORDS {
            return None;
        }
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;
    use crate::rules::RuleSet;
    use crate::span::Span;

    fn read_before(text: &str, verb: &str) -> String {
        let rules = RuleSet::builtin().attribution().clone();
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text, &lower, &[], &rules);
        let verb_at = (0..tokens.len()).find(|&i| tokens.text(i) == verb).unwrap();
        let no_cue = |i: usize| i == verb_at;
        let phrase = before(&tokens, verb_at - 1, &no_cue, &rules).expect("a phrase");
        let Span { start, end } = tokens.span(phrase.first, phrase.head_last);
        text[start..end].to_string()
    }

    fn read_after(text: &str, verb: &str) -> (String, Option<String>) {
        let rules = RuleSet::builtin().attribution().clone();
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text, &lower, &[], &rules);
        let verb_at = (0..tokens.len()).find(|&i| tokens.text(i) == verb).unwrap();
        let no_cue = |i: usize| i == verb_at;
        let (phrase, apposition) = after(&tokens, verb_at + 1, &no_cue, &rules).expect("a phrase");
        let span = tokens.span(phrase.first, phrase.head_last);
        (
            text[span.start..span.end].to_string(),
            apposition.map(|(a, b)| {
                let s = tokens.span(a, b);
                text[s.start..s.end].to_string()
            }),
        )
    }

    #[test]
    fn names_with_titles_and_descriptors() {
        assert_eq!(
            read_before(
                "It was late, Florida-based Republican strategist Al Cardenas said.",
                "said"
            ),
            "Florida-based Republican strategist Al Cardenas"
        );
        assert_eq!(
            read_before("and the historian Mara Lindqvist wrote", "wrote"),
            "the historian Mara Lindqvist"
        );
        assert_eq!(
            read_before("Breitbart’s Joel Pollak reported", "reported"),
            "Breitbart’s Joel Pollak"
        );
        assert_eq!(
            read_before("Ross Ellis of the Economic Policy Institute said", "said"),
            "Ross Ellis"
        );
    }

    #[test]
    fn descriptions_with_prepositional_phrases() {
        assert_eq!(
            read_before("then the gambling tycoon told Reuters", "told"),
            "the gambling tycoon"
        );
        assert_eq!(
            read_before("fine, a welcome message on the website reads", "reads"),
            "a welcome message"
        );
        assert_eq!(
            read_before("Then the 41-year-old father of two said", "said"),
            "the 41-year-old father"
        );
        assert_eq!(read_before("Protesters chanted", "chanted"), "Protesters");
    }

    #[test]
    fn phrases_after_the_verb() {
        assert_eq!(
            read_after(
                "said Alan B. Krueger, a professor of economics at Princeton.",
                "said"
            ),
            (
                "Alan B. Krueger".into(),
                Some("a professor of economics at Princeton".into())
            )
        );
        assert_eq!(
            read_after(
                "said a strategist for one of these candidates, speaking later.",
                "said"
            ),
            ("a strategist".into(), None)
        );
        assert_eq!(
            read_after("said Rep. Ann Doyle (D-Ore.) on Monday.", "said"),
            ("Rep. Ann Doyle".into(), None)
        );
    }
}
