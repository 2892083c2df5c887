//! Every named pass of attribution, and which of them run.
//!
//! Finding who said what is a sequence of small passes, each a function
//! with one job, a doc comment and the news sentence it exists for, listed
//! in ordered tables where they are defined:
//!
//! * the passes over a sentence that find its attributions and their
//!   speakers (`claims/attribution/passes/`), and repair them;
//! * [`voices::passes`](super::voices::passes): whose voice a quotation is
//!   in — the attribution that governs it, else the speaker before it —
//!   and the "except when …" cases those passes ask;
//! * [`CLAIM_PASSES`]: a sentence's speaker beyond its own attributions.
//!
//! Every decision records the pass that made it ([`Claim::decided_by`],
//! [`Quote::decided_by`], shown by `claimtrace claims --explain`). Any pass
//! can be switched off ([`Switches`]) to measure what it is worth: a
//! switched-off pass finds nothing, and the next one in its table decides.
//!
//! [`Claim::decided_by`]: super::Claim::decided_by
//! [`Quote::decided_by`]: super::Quote::decided_by

use super::voices::passes as voice_passes;

/// A sentence inside a quotation that started before it, or that opens
/// with one, is the quotation's speaker's when no attribution of its own
/// names one (`“We lost the pier. We lost the boats,” Okonjo said.`: the
/// second sentence is Okonjo's).
pub const SENTENCE_INSIDE_QUOTATION: &str = "sentence-inside-quotation";

/// The passes that give a sentence a speaker beyond its own attributions.
pub const CLAIM_PASSES: &[&str] = &[SENTENCE_INSIDE_QUOTATION];

/// The name of every pass and exception, table by table, each table in
/// the order its passes are tried.
pub fn names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = super::attribution::pass_names().collect();
    names.extend(voice_passes::GOVERNING.iter().map(|pass| pass.name));
    names.extend(voice_passes::WITHOUT_CUE.iter().map(|pass| pass.name));
    names.push(voice_passes::NEXT_QUOTATION_IN_PARAGRAPH);
    names.extend(voice_passes::EXCEPTIONS);
    names.extend(CLAIM_PASSES);
    names
}

/// Which passes run: all of them but those switched off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Switches {
    off: Vec<&'static str>,
}

impl Switches {
    /// Every pass on.
    pub fn all_on() -> Switches {
        Switches::default()
    }

    /// Every pass on but those named in `list`, a comma-separated list of
    /// pass names (spaces around names and empty items are ignored). An
    /// unknown name is an error that lists the known ones.
    pub fn with_off(list: &str) -> crate::Result<Switches> {
        let known = names();
        let mut off = Vec::new();
        for wanted in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match known.iter().find(|name| **name == wanted) {
                Some(name) => off.push(*name),
                None => {
                    return Err(crate::Error::Usage {
                        message: format!(
                            "{PASSES_OFF}: no pass is named `{}`; the passes are: {}",
                            crate::report::text::one_line(wanted),
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        Ok(Switches { off })
    }

    /// Whether the pass named `name` runs.
    pub fn is_on(&self, name: &str) -> bool {
        !self.off.contains(&name)
    }

    /// The passes switched off, in the order given.
    pub fn off(&self) -> &[&'static str] {
        &self.off
    }

    /// The switches the environment variable `CLAIMTRACE_PASSES_OFF` sets
    /// (every pass on when it is unset), read once per process. An unknown
    /// pass name is an error, which the command-line tool reports before
    /// any work.
    pub fn from_env() -> crate::Result<&'static Switches> {
        static FROM_ENV: std::sync::OnceLock<Result<Switches, String>> = std::sync::OnceLock::new();
        let read = FROM_ENV.get_or_init(|| match std::env::var(PASSES_OFF) {
            Ok(list) => Switches::with_off(&list).map_err(|e| e.to_string()),
            Err(std::env::VarError::NotPresent) => Ok(Switches::all_on()),
            Err(std::env::VarError::NotUnicode(_)) => Err(format!("{PASSES_OFF}: not valid UTF-8")),
        });
        read.as_ref().map_err(|message| crate::Error::Usage {
            message: message.clone(),
        })
    }

    /// The switches of the environment, or every pass on when the
    /// environment names an unknown pass (the command-line tool refuses
    /// that before any work; a library caller may check
    /// [`from_env`](Self::from_env) itself).
    pub fn current() -> &'static Switches {
        static ALL_ON: Switches = Switches { off: Vec::new() };
        Switches::from_env().unwrap_or(&ALL_ON)
    }
}

/// The environment variable that switches passes off.
pub const PASSES_OFF: &str = "CLAIMTRACE_PASSES_OFF";

/// Whether a quotation's speaker is named at its marks, by words a reader
/// cannot take for anyone else's: an attribution right after the closing
/// mark or right before the opening one (`“We will appeal,” Okonjo said.`,
/// `Okonjo said: “We will appeal.”`), naming the speaker rather than
/// pointing back to one (`he said`). Any other decision is a reading of
/// context — the subject of a sentence a partial quotation stands in, a
/// colon after a clause with no verb of speech, the quotation before it —
/// that a careful reader may take otherwise.
///
/// `claim` is the sentence the quotation starts in; `pronoun` says whether
/// a mention is a pronoun.
pub fn names_speaker_at_marks(
    quote: &super::Quote,
    claim: &super::Claim<'_>,
    pronoun: impl Fn(&str) -> bool,
) -> bool {
    let at_marks = matches!(
        quote.decided_by,
        Some(voice_passes::CUE_RIGHT_AFTER | voice_passes::CUE_RIGHT_BEFORE)
    );
    // The sentence's attribution, when it is the quotation's: a colon
    // alone guesses the speaker from the clause before it, and a pronoun
    // points back to someone named elsewhere.
    let attribution = claim
        .speaker
        .as_ref()
        .filter(|s| Some(&s.name) == quote.speaker.as_ref());
    let guessed = attribution.is_some_and(|speaker| {
        claim.decided_by == Some(super::attribution::passes::punctuation::COLON_BEFORE_QUOTATION)
            || pronoun(&speaker.mention)
    });
    at_marks && !guessed
}

/// Whether quotation `quote` of claim `at` of `claims` names its speaker
/// as firmly as [`names_speaker_at_marks`], or goes on, unattributed, from
/// the quotation right before it (in its sentence or the one before) that
/// does, in the same mouth: `“That is a problem,” said Reyes. “We will
/// fix it.”`, the news convention for a second quotation of one speaker.
pub fn names_speaker_of_quotation(
    quote: &super::Quote,
    claims: &[super::Claim<'_>],
    at: usize,
    pronoun: impl Fn(&str) -> bool,
) -> bool {
    let claim = &claims[at];
    if names_speaker_at_marks(quote, claim, &pronoun) {
        return true;
    }
    if quote.decided_by != Some(voice_passes::CONTINUES_PREVIOUS_QUOTATION) {
        return false;
    }
    let earlier_here = claim
        .quotes
        .iter()
        .rev()
        .find(|q| q.span.end <= quote.span.start);
    let (previous, its_claim) = match earlier_here {
        Some(previous) => (previous, claim),
        None => match at
            .checked_sub(1)
            .and_then(|before| claims[before].quotes.last().map(|q| (q, &claims[before])))
        {
            Some(found) => found,
            None => return false,
        },
    };
    previous.speaker.is_some()
        && previous.speaker == quote.speaker
        && names_speaker_at_marks(previous, its_claim, &pronoun)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_names_are_unique_and_kebab_case() {
        let names = names();
        for (i, name) in names.iter().enumerate() {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
            assert!(!names[..i].contains(name), "{name} twice");
        }
    }

    #[test]
    fn unknown_names_are_refused_with_the_known_ones() {
        let error = Switches::with_off("cue-right-after, no-such-pass")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("`no-such-pass`"), "{error}");
        assert!(error.contains("cue-right-before"), "{error}");
        let switches = Switches::with_off(" cue-right-after ,,").ok();
        assert_eq!(
            switches.as_ref().map(Switches::off),
            Some(&["cue-right-after"][..])
        );
    }
}
