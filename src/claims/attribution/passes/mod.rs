//! The passes that find a sentence's attributions, in the order they run.
//!
//! [`find`](super::find) reads a sentence into tokens and keeps the cue
//! phrases that may be verbs ([`cue_words`], whose exceptions keep out
//! nouns and names), then runs [`PASSES`] over it in order: the first ones find attributions (a
//! reporting verb and its speaker, a colon or dash beside a quotation, a
//! noun of speech, the subject of a sentence whose quotation nothing
//! else governs), the later ones repair what the earlier ones found (a
//! poll speaks for the people it asked, a pronoun of a subordinate clause
//! is the main clause's subject, …). Each pass is one function with one
//! job; its doc comment gives the news sentence it exists for (written
//! for this documentation, not taken from any article). Each cue records
//! the pass that found its speaker, or last changed it
//! ([`Cue::found_by`](super::Cue::found_by)), and a pass switched off
//! ([`Switches`](crate::claims::passes::Switches)) finds or changes
//! nothing.

pub(super) mod cue_words;
pub(crate) mod punctuation;
mod quotation_subject;
mod repairs;
mod speech_nouns;
mod verbs;

use super::{Cue, MAX_CUES_PER_SENTENCE, Reader};

/// A pass over one sentence: it adds attributions to those found so far,
/// or changes them.
pub(super) struct CuePass {
    pub(super) name: &'static str,
    run: for<'r, 'a, 't, 'v> fn(&'r Reader<'a, 't>, &'v mut Vec<Cue>),
}

/// The passes over a sentence, in the order they run.
pub(super) const PASSES: &[CuePass] = &[
    CuePass {
        name: REPORTING_VERBS,
        run: reporting_verbs,
    },
    CuePass {
        name: punctuation::DASH_AFTER_QUOTATION,
        run: |reader, cues| reader.dash_after_quotation(cues),
    },
    CuePass {
        name: punctuation::COLON_BEFORE_QUOTATION,
        run: |reader, cues| reader.colon_before_quotation(cues),
    },
    CuePass {
        name: speech_nouns::NOUNS_OF_SPEECH,
        run: |reader, cues| {
            if !reader.quoted.is_empty() && cues.len() < MAX_CUES_PER_SENTENCE {
                reader.speech_nouns(cues);
            }
        },
    },
    CuePass {
        name: quotation_subject::SUBJECT_OF_QUOTATION,
        run: |reader, cues| {
            if !reader.quoted.is_empty() && cues.len() < MAX_CUES_PER_SENTENCE {
                reader.subject_of_quotation(cues);
            }
        },
    },
    CuePass {
        name: repairs::SUBJECT_YIELDS_TO_ITS_VERB,
        run: |reader, cues| reader.subject_yields_to_its_verb(cues),
    },
    CuePass {
        name: repairs::POLL_SPEAKS_FOR_RESPONDENTS,
        run: |reader, cues| reader.respondents_speak_through_their_poll(cues),
    },
    CuePass {
        name: repairs::ACCORDING_TO_SOURCE_REPORTS,
        run: |_, cues| repairs::outer_source_reports(cues),
    },
    CuePass {
        name: repairs::SUBORDINATE_PRONOUN_IS_MAIN_SUBJECT,
        run: |reader, cues| reader.pronouns_of_subordinate_clauses(cues),
    },
    CuePass {
        name: repairs::RELATIVE_CLAUSE_ENDS_AT_MAIN_VERB,
        run: |reader, cues| reader.relative_clauses_end_where_the_main_verb_resumes(cues),
    },
];

/// Reporting verbs and their speakers, each read by the first of the verb
/// passes whose case it is (`verbs.rs`): `The mayor said the pier will
/// reopen.`, `“It will reopen,” said Okonjo.`
pub(super) const REPORTING_VERBS: &str = "reporting-verbs";

/// The name of every pass over a sentence and of the passes they run in
/// turn, in order, after the exceptions that keep a cue word from being a
/// verb.
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    let passes = PASSES.iter().flat_map(|pass| {
        let inner: Box<dyn Iterator<Item = &'static str>> = match pass.name {
            REPORTING_VERBS => Box::new(verbs::names()),
            quotation_subject::SUBJECT_OF_QUOTATION => {
                Box::new(quotation_subject::FINDERS.iter().copied())
            }
            _ => Box::new(std::iter::empty()),
        };
        std::iter::once(pass.name).chain(inner)
    });
    cue_words::EXCEPTIONS.iter().copied().chain(passes)
}

/// Runs the passes `reader` switches on over its sentence.
pub(super) fn run(reader: &Reader<'_, '_>, cues: &mut Vec<Cue>) {
    for pass in PASSES {
        if reader.switches.is_on(pass.name) {
            (pass.run)(reader, cues);
        }
    }
}

/// The reporting verbs of the sentence (outside its opening phrase), each
/// with the speaker its form and place give it.
fn reporting_verbs(reader: &Reader<'_, '_>, cues: &mut Vec<Cue>) {
    for &(first, last, form) in reader
        .phrases
        .iter()
        .filter(|&&(first, _, _)| first >= reader.opening_end)
    {
        if cues.len() == MAX_CUES_PER_SENTENCE {
            break;
        }
        if let Some(cue) = reader.cue(first, last, form, cues) {
            cues.push(cue);
        }
    }
}
