//! Reporting verbs and their speakers: what a cue phrase's form and place
//! make of it.
//!
//! A cue phrase ("said", "according to", "quoted … as saying", "telling")
//! is read by the first pass of [`VERB_PASSES`] whose case it is: the
//! pass decides the cue, or that the phrase attributes nothing. A pass
//! switched off is passed over, as if its branch were not written, and the
//! next whose case it is decides. Where the speaker is the subject of the
//! verb's clause (a participle, a verb of naming), the first of
//! [`CLAUSE_SUBJECTS`] that finds one gives it. Every cue records the
//! pass that found its speaker.

use std::cell::OnceCell;

use super::super::{Cue, Reader, Subject, SubjectPlace};
use crate::claims::mention::Mention;
use crate::claims::phrase::{self, NounPhrase};
use crate::claims::tokens::Token;
use crate::rules::WordClass;
use crate::rules::attribution::{CueForm, CueKind, Forms, SpeakerKind};
use crate::span::Span;

/// A cue phrase being read as a verb: its tokens, its form, the
/// attributions before it, and what its form and the words before it say.
pub(super) struct Verb<'e> {
    first: usize,
    last: usize,
    form: CueForm,
    earlier: &'e [Cue],
    cue_span: Span,
    /// Whether the form is not "according to" or "quoted … as saying".
    other_kind: bool,
    /// A past, third-person or perfect form, or a base form a modal or a
    /// plural subject makes finite.
    finite: bool,
    /// An -ing form after a comma or a word that makes it its clause's
    /// subject's (`…, saying`).
    participle: bool,
    /// An -ing form after an auxiliary (`is saying`, `kept asking`).
    progressive: bool,
    /// Where the verb starts: its auxiliary for a progressive form.
    verb_first: usize,
    /// Where the verb's subject stands, read once when a pass asks.
    place: OnceCell<SubjectPlace>,
}

/// What a verb pass makes of a cue phrase.
#[expect(
    clippy::large_enum_variant,
    reason = "a verdict lives for one pass and its cue moves straight into the sentence's list"
)]
enum Verdict {
    /// Not this pass's case: the next one's.
    NotMine,
    /// This pass's case: the cue it found, or none.
    Decided(Option<Cue>),
}

/// A pass over one cue phrase.
struct VerbPass {
    name: &'static str,
    run: for<'r, 'a, 't, 'v, 'e> fn(&'r Reader<'a, 't>, &'v Verb<'e>) -> Verdict,
}

/// How a cue phrase is read, in the order the passes are tried.
const VERB_PASSES: &[VerbPass] = &[
    VerbPass {
        name: ACCORDING_TO,
        run: |reader, verb| reader.according_to(verb),
    },
    VerbPass {
        name: QUOTED_AS_SAYING,
        run: |reader, verb| reader.quoted_as_saying(verb),
    },
    VerbPass {
        name: PASSIVE_AGENT,
        run: |reader, verb| reader.passive_agent_speaks(verb),
    },
    VerbPass {
        name: PASSIVE_FORM_ATTRIBUTES_NOTHING,
        run: |reader, verb| reader.passive_form_attributes_nothing(verb),
    },
    VerbPass {
        name: DENIED_FORM_ATTRIBUTES_NOTHING,
        run: |reader, verb| reader.denied_form_attributes_nothing(verb),
    },
    VerbPass {
        name: OBJECT_OF_A_DENIED_VERB,
        run: |reader, verb| reader.object_of_a_denied_verb(verb),
    },
    VerbPass {
        name: SUBJECT_BEFORE_VERB,
        run: |reader, verb| reader.subject_before_verb(verb),
    },
    VerbPass {
        name: NAMING_VERB_SPEAKS_FOR_CLAUSE,
        run: |reader, verb| reader.naming_verb_speaks_for_clause(verb),
    },
    VerbPass {
        name: SUBJECT_AFTER_VERB,
        run: |reader, verb| reader.subject_after_verb(verb),
    },
    VerbPass {
        name: JOINED_VERB,
        run: |reader, verb| reader.joined_verb_speaks(verb),
    },
    VerbPass {
        name: INFINITIVE_SUBJECT,
        run: |reader, verb| reader.infinitive_speaks(verb),
    },
    VerbPass {
        name: PARTICIPLE_OF_CLAUSE,
        run: |reader, verb| reader.participle_of_clause(verb),
    },
    VerbPass {
        name: DOCUMENT_PARTICIPLE,
        run: |reader, verb| reader.document_participle(verb),
    },
    VerbPass {
        name: NAMED_SUBJECT_OF_PARTICIPLE,
        run: |reader, verb| reader.named_subject_of_participle(verb),
    },
];

/// `according to X` takes X from after the cue: `The pier will close,
/// according to the harbour authority.`
const ACCORDING_TO: &str = "according-to";
/// `X quoted Y as saying` gives Y as speaker and X as reporter: `The
/// Gazette quoted Okonjo as saying the pier was lost`; `X was quoted as
/// saying` gives X.
const QUOTED_AS_SAYING: &str = "quoted-as-saying";
/// A passive form with its agent after it: `The plan was called “a fire
/// sale” by the union.`, `…, as described by the auditor.`
const PASSIVE_AGENT: &str = "passive-agent";
/// Exception: a passive form with no agent attributes nothing: `Two pilots
/// who were told the pier was safe sailed anyway.`
const PASSIVE_FORM_ATTRIBUTES_NOTHING: &str = "passive-form-attributes-nothing";
/// Exception: a denied form attributes nothing: `Okonjo never said the
/// pier was safe.`
const DENIED_FORM_ATTRIBUTES_NOTHING: &str = "denied-form-attributes-nothing";
/// Exception: a cue word whose "subject" follows "not" or "did" is a noun
/// in a verb's object, no verb: `Okonjo did not release further
/// details of the survey.` ("release" is the verb, "details" its object).
const OBJECT_OF_A_DENIED_VERB: &str = "object-of-a-denied-verb";
/// A finite verb takes the noun phrase before it, past adverbs,
/// auxiliaries and appositions: `Harbourmaster Dana Wirth, 52, of Port
/// Ellen, said …`.
const SUBJECT_BEFORE_VERB: &str = "subject-before-verb";
/// A verb of naming with no subject right before it names what follows;
/// its clause's subject speaks: `Okonjo left early and, in a brief
/// remark, described the pier as “a wreck.”`
const NAMING_VERB_SPEAKS_FOR_CLAUSE: &str = "naming-verb-speaks-for-clause";
/// With only a quotation, a comma or the sentence start before it, the
/// speaker follows the verb: `“It is gone,” said Dana Wirth, a pilot.`
const SUBJECT_AFTER_VERB: &str = "subject-after-verb";
/// A verb joined by "and" to an earlier attribution takes its speaker:
/// `Okonjo thanked the crew and said, “What a miracle of welding.”`
const JOINED_VERB: &str = "joined-verb";
/// An infinitive takes the subject of the verb it completes: `The mayor
/// went on to call the pier “a wreck”.`
const INFINITIVE_SUBJECT: &str = "infinitive-subject";
/// A participle after a comma takes its clause's subject: `The mayor
/// paused, adding, “We rebuild.”`
const PARTICIPLE_OF_CLAUSE: &str = "participle-of-clause";
/// A document's participle: its possessor speaks, else its clause's
/// subject: `The union issued a statement saying …`, `the Gazette's
/// editorial urging …`.
const DOCUMENT_PARTICIPLE: &str = "document-participle";
/// A named subject right before an -ing form: `The vote was delayed, with
/// Okonjo saying the pier was safe.`
const NAMED_SUBJECT_OF_PARTICIPLE: &str = "named-subject-of-participle";

/// The subject of a subordinate clause after the sentence's verb that the
/// participle goes on from: `The mayor spoke as a pilot walked in, saying
/// the pier was “gone”` (the pilot says it).
const SUBORDINATE_CLAUSE_SUBJECT: &str = "subordinate-clause-subject";
/// The speaker of an attribution of the clause earlier in the sentence:
/// `The mayor paused, adding, “We rebuild.”`
const EARLIER_ATTRIBUTION_GOES_ON: &str = "earlier-attribution-goes-on";
/// The subject of the clause the verb stands in: `Okonjo shook her head
/// and said, “No.”`
const CLAUSE_SUBJECT: &str = "clause-subject";

/// Where the speaker of a verb whose subject is its clause's is found, in
/// the order tried.
const CLAUSE_SUBJECTS: &[&str] = &[
    SUBORDINATE_CLAUSE_SUBJECT,
    EARLIER_ATTRIBUTION_GOES_ON,
    CLAUSE_SUBJECT,
];

/// The name of every verb pass, then of every clause-subject finder, in
/// order.
pub(super) fn names() -> impl Iterator<Item = &'static str> {
    VERB_PASSES
        .iter()
        .map(|pass| pass.name)
        .chain(CLAUSE_SUBJECTS.iter().copied())
}

impl<'e> Verb<'e> {
    fn new(
        reader: &Reader<'_, '_>,
        first: usize,
        last: usize,
        form: CueForm,
        earlier: &'e [Cue],
    ) -> Verb<'e> {
        let t = reader.tokens;
        let finite = form.is(Forms::PAST | Forms::THIRD | Forms::PARTICIPLE)
            || (form.is(Forms::BASE) && reader.base_is_finite(first));
        let participle = form.is(Forms::ING) && reader.is_participle(first);
        // `is saying`, `is already claiming`: the auxiliary, past
        // any adverbs, opens the verb.
        // A verb that an -ing form goes on from is its auxiliary
        // too (`kept asking her why`, `began telling reporters`).
        let auxiliary = reader.before_adverbs(first).checked_sub(1).filter(|&p| {
            t.is_a(p, WordClass::PassiveMarker)
                || (form.is(Forms::ING) && t.is_a(p, WordClass::AspectVerb))
        });
        let progressive = form.is(Forms::ING) && auxiliary.is_some();
        let verb_first = match auxiliary {
            Some(auxiliary) if progressive => auxiliary,
            _ => first,
        };
        Verb {
            first,
            last,
            form,
            earlier,
            cue_span: t.span(first, last),
            other_kind: !matches!(form.kind, CueKind::According | CueKind::Quoting),
            finite,
            participle,
            progressive,
            verb_first,
            place: OnceCell::new(),
        }
    }

    /// Where the verb's subject stands.
    fn place(&self, reader: &Reader<'_, '_>) -> &SubjectPlace {
        self.place
            .get_or_init(|| reader.subject_before(self.verb_first))
    }

    /// Whether the verb is finite or progressive: its subject stands
    /// before it, after it, or in its clause.
    fn finite_or_progressive(&self) -> bool {
        self.other_kind && (self.finite || self.progressive)
    }

    /// Whether the word before the verb is of `class`.
    fn after_a(&self, reader: &Reader<'_, '_>, class: WordClass) -> bool {
        self.first
            .checked_sub(1)
            .is_some_and(|p| reader.tokens.is_a(p, class))
    }
}

impl Reader<'_, '_> {
    /// The cue whose words are tokens `first..=last`, if its form and
    /// place make it one: read by the first pass of [`VERB_PASSES`] whose
    /// case it is.
    pub(super) fn cue(
        &self,
        first: usize,
        last: usize,
        form: CueForm,
        earlier: &[Cue],
    ) -> Option<Cue> {
        let verb = Verb::new(self, first, last, form, earlier);
        let cue_span = verb.cue_span;
        let mut cue = VERB_PASSES
            .iter()
            .filter(|pass| self.switches.is_on(pass.name))
            .find_map(|pass| match (pass.run)(self, &verb) {
                Verdict::NotMine => None,
                Verdict::Decided(cue) => Some(cue),
            })
            .flatten()?;
        // A gesture in the present ("smiles", "nods") is as often a plural
        // noun ("orders", "cheers"): only a named or pronoun subject makes
        // it a verb.
        let described = !matches!(cue.speaker, Mention::Person { .. } | Mention::Pronoun(_));
        if form.quote_only && !form.is(Forms::PAST) && described {
            return None;
        }
        if cue.quote_only && !self.next_to_quotation(&cue) {
            // A gesture with its subject before it (`Lowell thanked the
            // board for “…”`) puts a later quotation in the subject's
            // words, as any verb of the sentence would.
            let t = self.tokens;
            let quotation_after = t.tokens[last + 1..].iter().any(Token::is_quote);
            // The subject opens its clause (not `in a statement credited`).
            let phrase_start = t.at_or_after(cue.extent.start);
            let opens_clause = phrase_start.checked_sub(1).is_none_or(|p| {
                !t.tokens[p].is_word() || t.is_any(p, &["and", "but", "so", "that"])
            });
            if cue.trailing
                || !quotation_after
                || !opens_clause
                || cue.speaker_span.start > cue_span.start
            {
                return None;
            }
            cue.kind = CueKind::Subject;
        }
        cue.span = cue_span;
        Some(cue)
    }

    /// Pass [`ACCORDING_TO`].
    fn according_to(&self, verb: &Verb<'_>) -> Verdict {
        if verb.form.kind != CueKind::According {
            return Verdict::NotMine;
        }
        let t = self.tokens;
        let first = verb.first;
        Verdict::Decided(self.subject_after(verb.last + 1).map(|(subject, _)| {
            // `…, according to a survey released Friday.` closes the
            // sentence and covers what came before; one that opens a
            // clause goes on after a comma (`…; according to the
            // report, the agency …`).
            let comma_after = (subject.reach.1 + 1..t.len()).any(|i| t.tokens[i].is_punct(','));
            let opens = first == 0 || (self.at_clause_start(first) && comma_after);
            self.make(
                ACCORDING_TO,
                CueKind::According,
                verb.cue_span,
                subject,
                !opens,
                verb.form.quote_only,
            )
        }))
    }

    /// Pass [`QUOTED_AS_SAYING`].
    fn quoted_as_saying(&self, verb: &Verb<'_>) -> Verdict {
        if verb.form.kind != CueKind::Quoting {
            return Verdict::NotMine;
        }
        Verdict::Decided(self.quoting(verb.first, verb.last))
    }

    /// Pass [`PASSIVE_AGENT`]: its case only when the agent is found.
    fn passive_agent_speaks(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.other_kind {
            return Verdict::NotMine;
        }
        match self.passive_agent(verb.first, verb.last, verb.form) {
            Some(cue) => Verdict::Decided(Some(cue)),
            None => Verdict::NotMine,
        }
    }

    /// Exception [`PASSIVE_FORM_ATTRIBUTES_NOTHING`]: after "was", "is",
    /// "been" a form other than -ing is passive.
    fn passive_form_attributes_nothing(&self, verb: &Verb<'_>) -> Verdict {
        if verb.other_kind
            && verb.after_a(self, WordClass::PassiveMarker)
            && !verb.form.is(Forms::ING)
        {
            Verdict::Decided(None)
        } else {
            Verdict::NotMine
        }
    }

    /// Exception [`DENIED_FORM_ATTRIBUTES_NOTHING`]: after "not", "never",
    /// "didn't".
    fn denied_form_attributes_nothing(&self, verb: &Verb<'_>) -> Verdict {
        if verb.other_kind && verb.after_a(self, WordClass::Denial) {
            Verdict::Decided(None)
        } else {
            Verdict::NotMine
        }
    }

    /// Exception [`OBJECT_OF_A_DENIED_VERB`].
    fn object_of_a_denied_verb(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.finite_or_progressive() {
            return Verdict::NotMine;
        }
        let SubjectPlace::Before(subject) = verb.place(self) else {
            return Verdict::NotMine;
        };
        let t = self.tokens;
        let auxiliary = subject.reach.0.checked_sub(1).is_some_and(|before| {
            // Not a modal: "so will an army of supporters planning
            // protests against what they call …" inverts a subject.
            t.is_a(before, WordClass::Denial) || t.is_any(before, &["did", "does", "do"])
        });
        if auxiliary {
            Verdict::Decided(None)
        } else {
            Verdict::NotMine
        }
    }

    /// Pass [`SUBJECT_BEFORE_VERB`].
    fn subject_before_verb(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.finite_or_progressive() {
            return Verdict::NotMine;
        }
        let SubjectPlace::Before(subject) = verb.place(self) else {
            return Verdict::NotMine;
        };
        let t = self.tokens;
        // A relative clause's verb (`“Dear Walter” letters
        // that called him …`) follows no words of its own.
        let relative = subject.reach.1 + 1 < verb.first
            && t.is_any(subject.reach.1 + 1, &["that", "which", "who"]);
        let trailing = !relative && self.follows_its_words(subject.reach.0, verb.last);
        Verdict::Decided(Some(self.make(
            SUBJECT_BEFORE_VERB,
            verb.form.kind,
            verb.cue_span,
            subject.clone(),
            trailing,
            verb.form.quote_only,
        )))
    }

    /// Pass [`NAMING_VERB_SPEAKS_FOR_CLAUSE`]: what follows a verb of
    /// naming is what it names (`…, referred to immigrants as “…”`): its
    /// speaker is the clause's subject.
    fn naming_verb_speaks_for_clause(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.finite_or_progressive()
            || verb.form.kind != CueKind::Describing
            || !matches!(verb.place(self), SubjectPlace::After)
        {
            return Verdict::NotMine;
        }
        Verdict::Decided(self.clause_cue(verb.first, verb.last, verb.form, verb.earlier))
    }

    /// Pass [`SUBJECT_AFTER_VERB`].
    fn subject_after_verb(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.finite_or_progressive() || !matches!(verb.place(self), SubjectPlace::After) {
            return Verdict::NotMine;
        }
        let t = self.tokens;
        let Some((subject, _)) = self.subject_after(verb.last + 1) else {
            return Verdict::Decided(None);
        };
        // `…, denounced her record as mayor and said`:
        // a phrase that goes on with "and" or "as" is
        // the verb's object, and the verb one of a
        // series whose subject is the clause's.
        let next = subject.reach.1 + 1;
        let lowercase_word = |i: usize| {
            t.tokens.get(i).is_some_and(|tk| tk.is_word())
                && !t.is_capitalised(i)
                && !phrase::is_determiner(t, i)
        };
        let object = (t.is_any(next, &["and", "but", "or"]) && lowercase_word(next + 1))
            || (t.is(next, "as")
                && lowercase_word(next + 1)
                && !t.is_a(next + 1, WordClass::SubjectPronoun));
        // `…, said Sanders has pushed her`: a name with a
        // verb of its own opens the reported clause, so
        // the speaker is the clause's subject.
        if object || self.opens_finite_clause(subject.phrase.last + 1) {
            Verdict::Decided(self.clause_cue(verb.first, verb.last, verb.form, verb.earlier))
        } else {
            Verdict::Decided(Some(self.make(
                SUBJECT_AFTER_VERB,
                verb.form.kind,
                verb.cue_span,
                subject,
                true,
                verb.form.quote_only,
            )))
        }
    }

    /// Pass [`JOINED_VERB`]: the verb the "and" joins it to speaks; with
    /// none, its clause's subject.
    fn joined_verb_speaks(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.finite_or_progressive() || !matches!(verb.place(self), SubjectPlace::Clause) {
            return Verdict::NotMine;
        }
        Verdict::Decided(match self.joined_verb(verb.first, verb.earlier) {
            Some(previous) => Some(self.going_on_from(
                previous,
                JOINED_VERB,
                verb.form.kind,
                verb.cue_span,
                verb.form.quote_only,
            )),
            None => self.clause_cue(verb.first, verb.last, verb.form, verb.earlier),
        })
    }

    /// Pass [`INFINITIVE_SUBJECT`]: a verb with no subject before it.
    fn infinitive_speaks(&self, verb: &Verb<'_>) -> Verdict {
        if !verb.finite_or_progressive() || !matches!(verb.place(self), SubjectPlace::Nowhere) {
            return Verdict::NotMine;
        }
        Verdict::Decided(self.infinitive_subject(verb.first).map(|subject| {
            self.make(
                INFINITIVE_SUBJECT,
                verb.form.kind,
                verb.cue_span,
                subject,
                false,
                verb.form.quote_only,
            )
        }))
    }

    /// Pass [`PARTICIPLE_OF_CLAUSE`].
    fn participle_of_clause(&self, verb: &Verb<'_>) -> Verdict {
        if !(verb.other_kind && verb.participle) {
            return Verdict::NotMine;
        }
        Verdict::Decided(self.clause_cue(verb.first, verb.last, verb.form, verb.earlier))
    }

    /// Pass [`DOCUMENT_PARTICIPLE`]: `issued a statement saying …`,
    /// `posted a message reading …`: the clause's subject speaks through
    /// it; a document with a possessor speaks for it (`after the
    /// newspaper's editorial telling him to …`).
    fn document_participle(&self, verb: &Verb<'_>) -> Verdict {
        let first = verb.first;
        let after_document = verb.other_kind
            && verb.form.is(Forms::ING)
            && first > 0
            && self.rules.documents.contains(self.tokens.lower(first - 1));
        if !after_document {
            return Verdict::NotMine;
        }
        Verdict::Decided(match self.possessor_before(first - 1) {
            Some(possessor) => Some(self.make(
                DOCUMENT_PARTICIPLE,
                CueKind::Participle,
                verb.cue_span,
                possessor,
                false,
                verb.form.quote_only,
            )),
            None => self.clause_cue(first, verb.last, verb.form, verb.earlier),
        })
    }

    /// Pass [`NAMED_SUBJECT_OF_PARTICIPLE`]: `with Donald Trump tweeting
    /// that …`, `Ryan saying he was …`, `with Cruz recently promising to
    /// …`: a named subject right before the -ing form, or before the
    /// adverbs in front of it.
    fn named_subject_of_participle(&self, verb: &Verb<'_>) -> Verdict {
        if !(verb.other_kind && verb.form.is(Forms::ING)) {
            return Verdict::NotMine;
        }
        let Some(subject) = self
            .before_adverbs(verb.first)
            .checked_sub(1)
            .and_then(|p| self.subject_ending_at(p))
        else {
            return Verdict::NotMine;
        };
        let named = matches!(
            subject.mention,
            Mention::Person { .. }
                | Mention::Other {
                    kind: SpeakerKind::Organisation,
                    ..
                }
        ) && (subject.phrase.first == 0 || {
            let before = self.tokens.tokens[subject.phrase.first - 1];
            !before.is_word()
                || self
                    .tokens
                    .is_any(subject.phrase.first - 1, &["with", "and"])
        });
        if !named {
            return Verdict::NotMine;
        }
        Verdict::Decided(Some(self.make(
            NAMED_SUBJECT_OF_PARTICIPLE,
            CueKind::Participle,
            verb.cue_span,
            subject,
            false,
            verb.form.quote_only,
        )))
    }

    /// A cue at `cue_span` whose speaker is `previous`'s, found by the
    /// pass `found_by`: a verb or participle that goes on from it, covering
    /// the rest of the sentence.
    fn going_on_from(
        &self,
        previous: &Cue,
        found_by: &'static str,
        kind: CueKind,
        cue_span: Span,
        quote_only: bool,
    ) -> Cue {
        let mut cue = previous.clone();
        cue.kind = kind;
        cue.scope = Span::new(cue_span.start, self.tokens.text.len());
        cue.trailing = false;
        cue.quote_only = quote_only;
        cue.found_by = found_by;
        cue
    }

    /// The attribution whose verb the verb at token `first` is joined to
    /// by "and" (`the League denounced Holt's rhetoric and said …`): the
    /// nearest before it, with no clause opening between them.
    fn joined_verb<'c>(&self, first: usize, earlier: &'c [Cue]) -> Option<&'c Cue> {
        let t = self.tokens;
        let previous = earlier
            .iter()
            .filter(|c| c.kind != CueKind::According && !c.trailing)
            .filter(|c| c.span.end <= t.tokens[first].start)
            .max_by_key(|c| c.span.end)?;
        let clause_opens = |from: usize, to: usize| {
            (t.at_or_after(from)..t.at_or_after(to)).any(|i| {
                let token = t.tokens[i];
                token.is_quote()
                    || token.is_punct(';')
                    || token.is_punct(':')
                    || (token.is_punct(',') && t.is_a(i + 1, WordClass::CommaClauseOpener))
                    || t.is_a(i, WordClass::ClauseOpener)
            })
        };
        if clause_opens(previous.span.end, t.tokens[first].start) {
            return None;
        }
        // Nor may that verb stand in another's reported words (`Lazar said
        // he welcomed extradition and added`): the verb joined by "and"
        // goes on with the sentence's own.
        let reported = earlier.iter().any(|c| {
            c.span.end <= previous.extent.start
                && c.kind != CueKind::According
                && !c.trailing
                && !clause_opens(c.span.end, previous.extent.start)
        });
        (!reported).then_some(previous)
    }

    /// The subject of the infinitive whose verb starts at token `verb`
    /// (`to call`, `to have called`): the subject of the verb it
    /// completes (`officials started to portray`, `The piece goes on to
    /// slam`, `Holt is reported to have called`), the object of a verb
    /// that makes someone do it (`leading advisers to counter that`), or
    /// the subject of the absolute phrase it stands in (`with Lewandowski
    /// taking to Twitter to call`).
    fn infinitive_subject(&self, verb: usize) -> Option<Subject> {
        let t = self.tokens;
        let mut to = verb.checked_sub(1)?;
        if t.is(to, "have") {
            to = to.checked_sub(1)?;
        }
        if !t.is(to, "to") || self.refused(to) {
            return None;
        }
        let before = to.checked_sub(1)?;
        let mut governing = before;
        // `goes on to`, `went on to`
        if t.is(governing, "on") && governing > 0 {
            governing -= 1;
        }
        let is_verb = |i: usize| {
            t.tokens[i].is_word()
                && !t.is_capitalised(i)
                && (self.rules.is_finite_verb_form(t.lower(i))
                    || t.is_a(i, WordClass::InfinitiveGovernor))
        };
        if is_verb(governing) {
            // A passive governing verb (`is reported to`, `was said to`)
            // starts at its auxiliary.
            while governing > 0 && t.is_any(governing - 1, &["is", "was", "are", "were", "been"]) {
                governing -= 1;
            }
            if let SubjectPlace::Before(subject) = self.subject_before(governing) {
                return Some(subject);
            }
        } else if let Some(object) = self.subject_ending_at(before)
            && !matches!(object.mention, Mention::Pronoun(_))
        {
            // The verb that makes the object speak stands a few words
            // before it (`leading Clinton advisers like Gene Sperling to
            // counter`).
            let causing = (object.phrase.first.saturating_sub(6)..object.phrase.first)
                .rev()
                .take_while(|&i| t.tokens[i].is_word())
                .any(|i| t.is_a(i, WordClass::CausativeVerb));
            if causing {
                return Some(object);
            }
        }
        self.absolute_subject(verb)
    }

    /// The subject of the absolute phrase (`with X -ing …`) that token
    /// `at` stands in, when one opens after the clause's last comma.
    fn absolute_subject(&self, at: usize) -> Option<Subject> {
        let t = self.tokens;
        let clause_start = (0..at)
            .rev()
            .find(|&i| !t.tokens[i].is_word())
            .map_or(0, |i| i + 1);
        let with = (clause_start..at).find(|&i| t.is_any(i, &["with", "without"]))?;
        let (subject, _) = self.subject_after(with + 1)?;
        let verb = subject.reach.1 + 1;
        let named = subject.mention.names_someone();
        (named && verb < at && t.tokens[verb].is_word() && t.lower(verb).ends_with("ing"))
            .then_some(subject)
    }

    /// A passive form with its agent after it: `labeled a “witch hunt” by
    /// Democrats`, `was called “reckless” by critics` attribute the
    /// quotation between to the agent; `…, as described by the director`
    /// attributes the sentence before it.
    fn passive_agent(&self, first: usize, last: usize, form: CueForm) -> Option<Cue> {
        let t = self.tokens;
        // A gesture's agent says nothing (`the PAC was started by a former
        // aide`).
        if !form.is(Forms::PAST | Forms::PARTICIPLE) || form.quote_only {
            return None;
        }
        // The quotation right after the verb (past an article or "as"),
        // and "by" right after the quotation.
        let mut quote = last + 1;
        if t.is(quote, "as") {
            quote += 1;
        }
        if t.is_any(quote, &["a", "an", "the"]) {
            quote += 1;
        }
        let by = if t.tokens.get(quote).is_some_and(Token::is_quote) {
            let mut by = quote + 1;
            if t.tokens.get(by).is_some_and(|tk| tk.is_punct(',')) {
                by += 1;
            }
            by
        } else {
            last + 1
        };
        let as_described = first > 0 && t.is(first - 1, "as") && by == last + 1;
        // `was asked by the moderator whether …`, `were told by officials
        // that …`: the agent says what follows.
        let passive = first > 0 && t.is_a(first - 1, WordClass::PassiveMarker) && by == last + 1;
        if !t.is(by, "by") || (by == last + 1 && !as_described && !passive) {
            return None;
        }
        let (subject, _) = self.subject_after(by + 1)?;
        if matches!(subject.mention, Mention::Pronoun(_)) {
            return None;
        }
        let agent_last = subject.phrase.last;
        let mut cue = self.make(
            PASSIVE_AGENT,
            form.kind,
            t.span(first, last),
            subject,
            as_described,
            false,
        );
        // The attribution ends with the agent (what a comma sets off after
        // it is the sentence going on), and covers only the words between.
        cue.extent = t.span(first, agent_last);
        if as_described {
            cue.extent = t.span(first - 1, agent_last);
        } else if !passive {
            cue.scope = cue.extent;
        }
        Some(cue)
    }

    /// A cue whose speaker is the subject of its clause: a participle, an
    /// infinitive, a verb joined by "and"; found by the first of
    /// [`CLAUSE_SUBJECTS`] that finds one.
    fn clause_cue(&self, first: usize, last: usize, form: CueForm, earlier: &[Cue]) -> Option<Cue> {
        let t = self.tokens;
        let cue_span = t.span(first, last);
        let participle_of = |subject: Subject, found_by: &'static str| {
            let mut cue = self.make(
                found_by,
                CueKind::Participle,
                cue_span,
                subject,
                false,
                form.quote_only,
            );
            cue.scope = Span::new(cue.extent.start.min(cue_span.start), t.text.len());
            cue
        };
        CLAUSE_SUBJECTS
            .iter()
            .filter(|finder| self.switches.is_on(finder))
            .find_map(|&finder| match finder {
                // The subject of a subordinate clause the participle goes
                // on from.
                SUBORDINATE_CLAUSE_SUBJECT => {
                    let subject = self.subordinate_subject_before(first, earlier)?;
                    let mut cue = participle_of(subject, SUBORDINATE_CLAUSE_SUBJECT);
                    cue.scope = Span::new(cue_span.start, t.text.len());
                    Some(cue)
                }
                // The speaker of an attribution earlier in the sentence
                // ("Spicer said, adding, …").
                // Only an attribution of the clause itself (one that opens
                // it, closes a quotation before it, or an -ing form it
                // continues), not one inside its reported words ("repeated
                // accusations that Rubio recites …, calling him …").
                EARLIER_ATTRIBUTION_GOES_ON => {
                    let clause_start = self
                        .clause_subject(first)
                        .map(|s| t.tokens[s.phrase.first].start);
                    let previous = earlier.iter().rev().find(|c| {
                        c.span.end <= cue_span.start
                            && c.kind != CueKind::According
                            && (c.trailing
                                || c.kind == CueKind::Participle
                                || clause_start.is_none_or(|s| c.extent.start <= s))
                    })?;
                    Some(self.going_on_from(
                        previous,
                        EARLIER_ATTRIBUTION_GOES_ON,
                        CueKind::Participle,
                        cue_span,
                        form.quote_only,
                    ))
                }
                _ => Some(participle_of(self.clause_subject(first)?, CLAUSE_SUBJECT)),
            })
    }

    /// The subject of a subordinate clause after the sentence's verb that
    /// a participle at token `at` goes on from (`Vance asks as a janitor
    /// walks in, saying he's “…”`, `He tweeted when Clinton ended the
    /// debate with a film line, remarking, “…”`): the participle is that
    /// clause's subject's, the nearer one.
    fn subordinate_subject_before(&self, at: usize, earlier: &[Cue]) -> Option<Subject> {
        let t = self.tokens;
        let comma = at.checked_sub(1).filter(|&p| t.tokens[p].is_punct(','))?;
        let verb_end = earlier
            .iter()
            .filter(|c| c.kind != CueKind::According)
            .map(|c| c.span.end)
            .filter(|&end| end <= t.tokens[at].start)
            .max()?;
        let from = t.at_or_after(verb_end);
        let subordinator = (from..comma)
            .rev()
            .take_while(|&i| t.tokens[i].is_word())
            .find(|&i| t.is_a(i, WordClass::ParticipleSubordinator))?;
        let (subject, _) = self.subject_after(subordinator + 1)?;
        // The phrase reader may take the verb in (`a janitor walks`): the
        // subject is the longest part of it that a verb follows.
        (subject.phrase.first..=subject.phrase.last)
            .rev()
            .find_map(|last| {
                let phrase = NounPhrase {
                    first: subject.phrase.first,
                    last,
                    head_last: last,
                };
                let mention = if last == subject.phrase.last {
                    subject.mention.clone()
                } else {
                    self.read(phrase)?
                };
                (mention.names_someone() && self.verb_follows(last + 1, comma)).then_some(Subject {
                    mention,
                    phrase,
                    reach: (phrase.first, last),
                })
            })
    }

    /// `X quoted Y as saying …`: Y speaks, X reports; `X was quoted as
    /// saying`: X speaks.
    fn quoting(&self, first: usize, last: usize) -> Option<Cue> {
        let t = self.tokens;
        let cue_span = t.span(first, last);
        let window_end = t.tokens.get(last + 16).map_or(t.text.len(), |tk| tk.end);
        let window = &t.text[cue_span.end..window_end];
        let tail = self.rules.quoting_tails.find_iter(window).next();
        let passive = first > 0 && t.is_a(first - 1, WordClass::PassiveMarker);
        if passive {
            tail?;
            let subject = match self.subject_before(first - 1) {
                SubjectPlace::Before(subject) => subject,
                _ => return None,
            };
            return Some(self.make(
                QUOTED_AS_SAYING,
                CueKind::Verb,
                cue_span,
                subject,
                false,
                false,
            ));
        }
        let tail = tail?;
        let (subject, _) = self.subject_after(last + 1)?;
        // The quoted person's phrase must end where "as saying" starts.
        if t.tokens[subject.reach.1].end > cue_span.end + tail.start {
            return None;
        }
        let mut cue = self.make(
            QUOTED_AS_SAYING,
            CueKind::Quoting,
            cue_span,
            subject,
            false,
            false,
        );
        if let SubjectPlace::Before(reporter) = self.subject_before(first) {
            let span = t.span(reporter.phrase.first, reporter.phrase.head_last);
            cue.extent = Span::new(span.start.min(cue.extent.start), cue.extent.end);
            cue.scope = Span::new(span.start, t.text.len());
            cue.reporter = Some((reporter.mention, span));
        }
        Some(cue)
    }
}
