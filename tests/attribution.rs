//! Who said it, pattern by pattern, as newspapers write it: one short
//! article per family of patterns under `tests/fixtures/attribution/`,
//! written for these tests. Each test asserts the speakers that matter and
//! snapshots the whole reading (every sentence's speaker, every quotation's
//! speaker and kind, the reported words of indirect speech), so a change
//! anywhere in the rule engine shows up as a reviewed diff.

use std::fmt::Write as _;
use std::sync::LazyLock;

use claimtrace::claims::{self, QuoteKind};
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

/// One fixture, read: a line per sentence with its speaker, then a line
/// per quotation it opens.
struct Reading {
    text: String,
    /// (quotation's words, its speaker's canonical name, its kind).
    quotes: Vec<(String, Option<String>, QuoteKind)>,
}

impl Reading {
    /// The speaker of the quotation whose words start with `start`.
    fn speaker_of(&self, start: &str) -> Option<&str> {
        let (_, speaker, _) = self
            .quotes
            .iter()
            .find(|(words, _, _)| words.starts_with(start))
            .unwrap_or_else(|| panic!("no quotation starts with {start:?}:\n{}", self.text));
        speaker.as_deref()
    }

    fn kind_of(&self, start: &str) -> QuoteKind {
        self.quotes
            .iter()
            .find(|(words, _, _)| words.starts_with(start))
            .unwrap_or_else(|| panic!("no quotation starts with {start:?}:\n{}", self.text))
            .2
    }
}

fn read(name: &str) -> Reading {
    let path = format!(
        "{}/tests/fixtures/attribution/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = std::fs::read_to_string(&path).unwrap();
    let document = Document::from_text(name.into(), source, Format::Plain);
    let sentences = segment::sentences(&document, &RULES);
    let extracted = claims::extract(&document, &sentences, &RULES);
    let mut text = String::new();
    let mut quotes = Vec::new();
    for claim in &extracted.claims {
        let speaker = claim
            .speaker
            .as_ref()
            .map(|s| format!("{} ({:?}, as “{}”)", s.name, s.kind, s.mention))
            .unwrap_or_else(|| "-".into());
        writeln!(text, "{}\n  speaker: {speaker}", claim.text.trim()).unwrap();
        if let Some(reporter) = &claim.reported_by {
            writeln!(
                text,
                "  reported by: {} ({:?})",
                reporter.name, reporter.kind
            )
            .unwrap();
        }
        if let Some(content) = claim.content {
            writeln!(text, "  reported: {}", document.slice(content)).unwrap();
        }
        for quote in &claim.quotes {
            writeln!(
                text,
                "  quote: “{}” — {} [{:?}]",
                quote.text,
                quote.speaker.as_deref().unwrap_or("-"),
                quote.kind
            )
            .unwrap();
            quotes.push((
                quote.text.clone(),
                quote.speaker.as_deref().map(str::to_string),
                quote.kind,
            ));
        }
    }
    Reading { text, quotes }
}

#[test]
fn quotation_conventions_of_real_copy() {
    let r = read("quote-conventions");
    // Doubled apostrophes (archives, wire feeds) and TeX style.
    assert_eq!(r.speaker_of("We cannot keep"), Some("Lena Marsh"));
    assert_eq!(r.speaker_of("The tides have"), Some("Lena Marsh"));
    // Guillemets and German quotation marks.
    assert_eq!(r.speaker_of("Der Steg"), Some("Jonas Albrecht"));
    assert_eq!(r.speaker_of("Die Pfähle"), Some("Petra Vogt"));
    // A closing mark typed where the opening one belongs.
    assert_eq!(r.speaker_of("Nobody told us"), Some("Omar Haddad"));
    // A quotation continued after its attribution.
    assert_eq!(r.speaker_of("and we will win"), Some("Omar Haddad"));
    // A quotation over two paragraphs, its speaker named at its end.
    assert_eq!(r.speaker_of("The pier cannot"), Some("Lena Marsh"));
    // A title is nobody's words; a term is the words of who uses it.
    assert_eq!(r.kind_of("Tides of Change"), QuoteKind::Title);
    assert_eq!(r.speaker_of("Tides of Change"), None);
    assert_eq!(r.speaker_of("betrayal"), Some("Critics"));
    assert_eq!(r.speaker_of("prudent"), Some("board"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn speakers_described_not_named() {
    let r = read("descriptions");
    // Resolved to the person the article described so.
    assert_eq!(r.speaker_of("She kept her word"), Some("Okafor"));
    assert_eq!(r.speaker_of("Tonight the city"), Some("announcer"));
    // "she" after "a nurse told": the nurse, not the man named before.
    assert_eq!(r.speaker_of("We lose patients"), Some("nurse"));
    assert_eq!(r.speaker_of("Not for sale"), Some("Protesters"));
    assert_eq!(r.speaker_of("I came to see"), Some("one voter"));
    assert_eq!(r.speaker_of("My kids will"), Some("41-year-old father"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn long_appositions_and_titles_around_a_name() {
    let r = read("appositions");
    assert_eq!(r.speaker_of("The bill is late"), Some("Mara Lindqvist"));
    assert_eq!(r.speaker_of("We have the votes"), Some("Ann Doyle"));
    assert_eq!(r.speaker_of("Hearings end"), Some("Paul Herrera"));
    assert_eq!(r.speaker_of("My district is dry"), Some("Tomas Reyes"));
    // A party and state in parentheses, then an apposition, then the verb;
    // the quotation that follows in the next sentence is the poster's.
    assert_eq!(r.speaker_of("Remember the dry summer"), Some("Ana Kessler"));
    // A reporting verb's past form after an apposition's comma is a verb
    // even capitalised.
    assert_eq!(r.speaker_of("Not us, but we agree"), Some("Tully"));
    // A nickname in quotation marks inside the name; a statement about the
    // bill is no bill's title.
    assert_eq!(
        r.speaker_of("comes ten years too late"),
        Some("Maria Mimi Ortega")
    );
    assert_eq!(r.speaker_of("a model of patience"), Some("Dana Whitfield"));
    assert_eq!(r.speaker_of("the river belongs"), Some("two ranchers"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn documents_and_media_speak() {
    let r = read("documents");
    assert_eq!(r.speaker_of("lost track"), Some("memo"));
    // `X said, according to Y`: the words are X's, and Y reports them.
    assert_eq!(r.speaker_of("Keep the ferry running"), Some("Solveig Dahl"));
    assert!(
        r.text.contains(
            "  speaker: Solveig Dahl (Person, as “Mayor Solveig Dahl”)\n  reported by: Fjord Gazette (Organisation)"
        ),
        "{}",
        r.text
    );
    assert_eq!(r.speaker_of("set in stone"), Some("Solveig Dahl"));
    assert!(
        r.text.contains("  speaker: Solveig Dahl (Person, as “Dahl”)\n  reported by: harbor board (Organisation)"),
        "{}",
        r.text
    );
    assert_eq!(r.speaker_of("was void"), Some("ruling"));
    assert_eq!(r.speaker_of("Ask where"), Some("ad"));
    assert_eq!(r.speaker_of("We are not a piggy bank"), Some("article"));
    assert_eq!(r.speaker_of("failed every test"), Some("report"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn cues_beyond_said() {
    let r = read("cues");
    // Participles and infinitives.
    assert_eq!(r.speaker_of("Who here has read"), Some("Ines Cortez"));
    assert_eq!(r.speaker_of("Will you cut"), Some("Raj Patel"));
    // Sings, tweeted, posted, joked, quipped.
    assert_eq!(r.speaker_of("We shall overcome"), Some("choir"));
    assert_eq!(r.speaker_of("a gift to developers"), Some("Raj Patel"));
    assert_eq!(r.speaker_of("I have been called"), Some("Ines Cortez"));
    assert_eq!(r.speaker_of("At least you came"), Some("Ines Cortez"));
    // A colon introduces the quotation; the next paragraph, with no cue
    // of its own, continues it.
    assert_eq!(r.speaker_of("The parks are not"), Some("Raj Patel"));
    assert_eq!(r.speaker_of("They are where"), Some("Raj Patel"));
    // `“…,” as Patel said`, `Yet another said`, `called the debate “…”`.
    assert_eq!(r.speaker_of("balances on paper"), Some("Raj Patel"));
    assert_eq!(r.speaker_of("We need the pools"), Some("another"));
    assert_eq!(r.speaker_of("the best this council"), Some("Ines Cortez"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn transcripts_name_their_speakers() {
    let r = read("testimonials-and-transcripts");
    // A dash after a testimonial names who gave it.
    assert_eq!(r.speaker_of("The bus never comes"), Some("Carla Sanchez"));
    assert_eq!(r.speaker_of("I walk to work"), Some("Dev Mehta"));
    // Transcript lines are their labels' words.

    assert_eq!(r.speaker_of("Do you regret"), Some("HOST"));
    assert_eq!(r.speaker_of("Not for a minute"), Some("Cortez"));
    assert_eq!(r.speaker_of("Tomorrow, if I had to"), Some("Cortez"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn pronouns_across_paragraphs_and_two_people() {
    let r = read("pronouns");
    assert_eq!(r.speaker_of("We were handed"), Some("Maria Delgado"));
    // A "she" opening a subordinate clause is the main clause's subject,
    // and a newspaper's masthead is no woman.
    assert_eq!(r.speaker_of("a fairy tale"), Some("Pia Lund"));
    assert_eq!(r.speaker_of("Every dollar"), Some("Tom Brennan"));
    // "she" after Brennan spoke: the woman named before him.
    assert_eq!(r.speaker_of("The bridge is half"), Some("Maria Delgado"));
    assert_eq!(r.speaker_of("It will be finished"), Some("Tom Brennan"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn reported_speech_has_a_speaker_and_its_words() {
    let r = read("indirect");
    assert!(
        r.text
            .contains("  speaker: Herrera (Person, as “Herrera”)\n  reported: the plan would raise fares by a fifth next year"),
        "{}",
        r.text
    );
    assert!(r.text.contains("  speaker: treasurer"), "{}", r.text);
    insta::assert_snapshot!(r.text);
}

#[test]
fn the_subject_of_a_sentence_speaks_its_quotations() {
    let r = read("subjects");
    // A quotation in an opening phrase is the words of the subject after it.
    assert_eq!(r.speaker_of("worth every cent"), Some("Lila Haddon"));
    assert_eq!(r.speaker_of("a bet on the past"), Some("Lila Haddon"));
    // An adjective between a capitalised word and the head noun.
    assert_eq!(
        r.speaker_of("read the dredging study"),
        Some("Democratic state senator")
    );
    // A title in the subject's apposition does not stop the search.
    assert_eq!(r.kind_of("Sea Lark"), QuoteKind::Term);
    assert_eq!(r.speaker_of("keeping the channel open"), Some("Lowell"));
    // A comma before the quotation ends any opening phrase: what follows
    // the quotation's comma is no subject (`…, both sore points`); the
    // subject is the one run into the opening phrase (`During the storm
    // season Haddon, pressed by …, came out`).
    assert_eq!(r.speaker_of("harbor surcharge"), Some("Lila Haddon"));
    assert_eq!(r.speaker_of("Open the channel"), Some("dock crowd"));
    // A state's abbreviation does not end the sentence before a dash.
    assert_eq!(
        r.speaker_of("where the boats tie up"),
        Some("port director")
    );
    // A verb joined by "and" to another has that verb's subject.
    assert_eq!(r.speaker_of("return"), Some("Coast Guild"));
    // A possessor opens a subject whatever its head noun.
    assert_eq!(r.speaker_of("weathered"), Some("council's reviewers"));
    assert_eq!(
        r.speaker_of("a lapse of judgment"),
        Some("Lund's public defense counsel")
    );
    // `then` before the subject is a sentence adverb.
    assert_eq!(r.speaker_of("Will the board"), Some("Lila Haddon"));
    // A list of nouns after "that" opens no clause of its own.
    assert_eq!(r.speaker_of("a tax by another name"), Some("Vik"));
    // A plural's possessive keeps its apostrophe in the subject.
    assert_eq!(r.speaker_of("a tax on the tide"), Some("skippers’ union"));
    // A word in -s after "a" is a modifier, not a plural subject of the
    // base form after it (`a public-records request`).
    assert_eq!(r.speaker_of("every invoice"), Some("Harbour Watch"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn agents_plural_subjects_and_titles() {
    let r = read("agents-and-verbs");
    // A passive verb with its agent after the quotation: the agent speaks.
    assert_eq!(r.speaker_of("paper chase"), Some("growers"));
    assert_eq!(r.speaker_of("a gift to the bottlers"), Some("critics"));
    assert_eq!(r.speaker_of("plainly negligent"), Some("Nell Vance"));
    // A plural subject with a base-form verb (`growers … plan to`, `both
    // oppose`, `farmers prefer`) is the clause's subject, and an
    // infinitive is no part of a speaker's phrase.
    assert_eq!(r.speaker_of("phantom pumping"), Some("west bench growers"));
    assert_eq!(r.speaker_of("dry-year levy"), Some("both"));
    assert_eq!(
        r.speaker_of("water you can count on"),
        Some("Young farmers")
    );
    // A conjunction before an opening phrase, and a reporting verb after
    // it, leave the phrase's quotation to the subject.
    assert_eq!(r.speaker_of("temporary measures"), Some("Dale Ortiz"));
    // A prepositional phrase or a time phrase between subject and verb.
    assert_eq!(r.speaker_of("for every sandbag"), Some("Ines Fairlie"));
    assert_eq!(r.speaker_of("drought emergency"), Some("Corin Malley"));
    // A noun of speech with a copula and a clause (`X's answer was that`).
    assert_eq!(r.speaker_of("the meters never lie"), Some("union"));
    assert_eq!(r.speaker_of("shell game"), Some("Corin Malley"));
    // A writer's letter is no attribution of the quotation before it, and
    // a party before a title is no part of the name.
    assert_eq!(r.speaker_of("unworkable"), Some("Tamsin Rourke"));
    // A role with its office before a name: the name speaks.
    assert_eq!(r.speaker_of("will run dry"), Some("Wen Okafor"));
    // A comma inside the closing marks sets off a participle.
    assert_eq!(r.speaker_of("that rumor"), Some("Orchard Trust"));
    assert_eq!(
        r.speaker_of("keeping the creek alive"),
        Some("Orchard Trust")
    );
    // `a few days later` is a span of time, not the subject.
    assert_eq!(r.speaker_of("are here to stay"), Some("Corin Malley"));
    // A possessive pronoun before a noun of speech is the clause's subject.
    assert_eq!(
        r.speaker_of("the valley is being robbed"),
        Some("Cal Brenner")
    );
    assert_eq!(r.speaker_of("full reservoirs"), Some("Dale Ortiz"));
    // A passive verb of asking with its agent: the agent asks what
    // follows; a relative clause's attribution covers only that clause.
    assert_eq!(
        r.speaker_of("another decade of pumping"),
        Some("Lena Pryce")
    );
    // A capitalised contraction names nobody.
    assert_eq!(r.speaker_of("pumping lobby"), None);
    // A sentence adverb before the subject, and an opening "it".
    assert_eq!(r.speaker_of("patience"), Some("local farmers"));
    assert_eq!(r.speaker_of("for every valve"), Some("Cal Brenner"));
    // `described as a “…” by` names its agent too; a quantifier with a
    // complement (`Some in the cooperative`) is a group.
    assert_eq!(r.speaker_of("fishing trip"), Some("growers"));
    assert_eq!(
        r.speaker_of("money down the drain"),
        Some("Some in the cooperative")
    );
    insta::assert_snapshot!(r.text);
}

#[test]
fn objects_and_absolute_phrases() {
    let r = read("objects-and-absolutes");
    // A noun of speech that is a preposition's object speaks for its
    // possessor inside another verb's reach, and a participle whose
    // subject stands before the quotation introduces what follows it.
    assert_eq!(r.speaker_of("owes the town"), Some("Olav Dahl"));
    // The object of a verb of naming names nobody's words: the clause's
    // subject speaks.
    assert_eq!(r.speaker_of("beneath the office"), Some("visiting bishop"));
    // `…, as X suggested` closes its sentence and covers what came before.
    assert_eq!(r.speaker_of("regional"), Some("ferry company's spokesman"));
    // An infinitive in an absolute phrase (`with X taking to … to call`).
    assert_eq!(r.speaker_of("a clumsy forgery"), Some("Brit Aune"));
    // A named body goes on with "for" (`Court of Appeals for the Second
    // Circuit`).
    assert_eq!(r.speaker_of("tourist safety"), Some("Court"));
    // An infinitive's subject is the subject of the verb it completes
    // (`started to portray`, `goes on to attack`, `is reported to have
    // called`), or the object of a verb that makes someone speak
    // (`leading members like X to counter`).
    assert_eq!(r.speaker_of("maintenance"), Some("harbour officials"));
    assert_eq!(r.speaker_of("pier for nobody"), Some("leaflet"));
    assert_eq!(r.speaker_of("freeloaders"), Some("Olav Dahl"));
    assert_eq!(r.speaker_of("every krone"), Some("Ida Strand"));
    // A report by someone says what follows it.
    assert_eq!(r.speaker_of("doubled"), Some("Fjord Gazette"));
    // `“…,” Aune started.`: a gesture right after a quotation.
    assert_eq!(r.speaker_of("The Gazette is claiming"), Some("Brit Aune"));
    // A title after "titled" is a name in an apposition: the subject
    // before it speaks.
    assert_eq!(r.speaker_of("Whose Harbour?"), None);
    assert_eq!(r.speaker_of("cosy with the ferry company"), Some("flyer"));
    // A demonstrative is no name.
    assert_eq!(r.speaker_of("gone by spring"), Some("leaflet"));
    // An infinitive after the quotation introduces what follows it.
    assert_eq!(r.speaker_of("bold"), Some("Brit Aune"));
    // Two names joined by "and", with a distributive word before the
    // verb.
    assert_eq!(r.speaker_of("rough week"), Some("Gazette and the Herald"));
    // A document with a possessor speaks for it.
    assert_eq!(r.speaker_of("office with a view"), Some("newspaper"));
    // A sentence adverb after an opening phrase's quotation.
    assert_eq!(r.speaker_of("says a lot of odd things"), Some("Brit Aune"));
    // A possessor two conjuncts back owns no document (`Dahl's
    // resignation and carrying signs saying`).
    assert_eq!(r.speaker_of("No levy without a vote"), Some("crowd"));
    // A verb an -ing form goes on from (`kept asking`).
    assert_eq!(r.speaker_of("routine"), Some("Erik Lunde"));
    // A participle after a subordinate clause with a subject of its own
    // is that subject's.
    assert_eq!(r.speaker_of("Any questions?"), Some("Olav Dahl"));
    assert_eq!(r.speaker_of("here to fix"), Some("deckhand"));
    // A quantifier with its complement after "according to".
    assert_eq!(r.speaker_of("furious"), Some("some on the pier"));
    // The subject of a relative clause that holds the quotation.
    assert_eq!(r.speaker_of("that is going to sink"), Some("Brit Aune"));
    // A passive participle's agent is no subject (`a letter … obtained by
    // the Gazette warns`).
    assert_eq!(r.speaker_of("any further dredging"), Some("March 3 letter"));
    // `the Dahl campaign projects that`: a verb, though "projects" can be
    // a noun.
    assert_eq!(r.speaker_of("a levy of a fraction"), Some("Dahl campaign"));
    // A noun of speech governs a quotation after a preposition and an
    // article (`Dahl's clarion call for a “…”`).
    assert_eq!(r.speaker_of("new harbour"), Some("Olav Dahl"));
    // A plural noun of speech after a counted name is no verb (`300 Dahl
    // emails contained`).
    assert_eq!(r.speaker_of("ordinary"), Some("harbour office"));
    // A relative clause's verb follows no words of its own, though a
    // quotation stands right before its subject.
    assert_eq!(r.speaker_of("learning on the job"), Some("Brit Aune"));
    assert_eq!(r.speaker_of("a tourist in her own town"), Some("letters"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn polls_and_groups_speak() {
    let r = read("polls-and-groups");
    // A share of a group speaks for the group.
    assert_eq!(
        r.speaker_of("a fair use"),
        Some("Sixty-two percent of residents")
    );
    // A group keeps speaking with a place after it, and its plural verb is
    // finite.
    assert_eq!(
        r.speaker_of("too shallow"),
        Some("At least half of the fishermen in each harbor")
    );
    assert_eq!(r.speaker_of("the best grasp"), Some("Those surveyed"));
    assert_eq!(
        r.speaker_of("higher than any"),
        Some("Traders at the marina")
    );
    // A quotation opening the sentence after reported speech is the
    // reporter's speaker's.
    assert_eq!(r.speaker_of("We lost the whole"), Some("Nell Hardy"));
    // Where the sentence names a poll, the people it asked speak in its
    // words: the poll is the speaker (a share written with `%` too).
    assert_eq!(
        r.speaker_of("a tax on working people"),
        Some("Harbor Gazette poll")
    );
    assert_eq!(r.speaker_of("safe enough"), Some("marina survey"));
    assert_eq!(r.speaker_of("out of touch with the docks"), Some("survey"));
    // A share written as a ratio speaks for its group, and through the
    // poll the sentence names.
    assert_eq!(
        r.speaker_of("unfair to small boats"),
        Some("three in four skippers")
    );
    assert_eq!(
        r.speaker_of("stay public"),
        Some("new Harbour Ledger survey")
    );
    insta::assert_snapshot!(r.text);
}

#[test]
fn words_reported_inside_reported_words() {
    let r = read("nesting");
    // A dateline with a wire service in parentheses is not the subject.
    assert_eq!(r.speaker_of("the best thing"), Some("Ingrid Solberg"));
    // `said Solberg has pushed`: a name with its own verb opens the
    // reported clause; it is not a speaker after the verb.
    assert_eq!(r.speaker_of("bolder than"), Some("Ahmed Rask"));
    // A verb whose object is the quotation, inside another's reported
    // words, is the outer speaker's report.
    assert_eq!(r.speaker_of("a patience"), Some("Ahmed Rask"));
    // One that introduces the quotation with a colon gives its own speaker.
    assert_eq!(r.speaker_of("The ferry will run"), Some("Ingrid Solberg"));
    // An attribution closing the sentence holds the verbs before it.
    assert_eq!(r.speaker_of("the end of the ferry"), Some("Ola Brekke"));
    // A noun of speech with a clause of what was said governs the
    // quotations in that clause.
    assert_eq!(r.speaker_of("a game of delay"), Some("Ahmed Rask"));
    // A phrase after a verb that goes on with "and said" is the verb's
    // object, not a speaker after it.
    assert_eq!(r.speaker_of("hopeless"), Some("Ingrid Solberg"));
    // Two nouns joined by "and" in a reported clause are no new clause:
    // the words stay the reporter's.
    assert_eq!(r.speaker_of("a fare increase"), Some("Aase"));
    assert_eq!(r.speaker_of("the same hopes"), Some("Ahmed Rask"));
    // A gesture after a quotation held by a verb before it, or a main
    // clause after the subordinate clause that holds it, yields.
    assert_eq!(r.speaker_of("keep every crossing"), Some("Ingrid Solberg"));
    // A clause joined by ", and" with its own subject holds the verb
    // joined to it by "and".
    assert_eq!(r.speaker_of("return every krone"), Some("Fjord Trust"));
    // A quotation in a sentence with no attribution of its own, right
    // after a report in its paragraph, is the reporter's.
    assert_eq!(r.speaker_of("looked like an attempt"), Some("Ines Moe"));
    insta::assert_snapshot!(r.text);
}

#[test]
fn parentheses_between_a_subject_and_its_verb() {
    let r = read("parentheticals");
    // A parenthesis set off by dashes (here two hyphens) is skipped.
    assert_eq!(
        r.speaker_of("set to punish"),
        Some("former harbor commissioner")
    );
    // Names in the apposition speak when the head names nobody.
    assert_eq!(
        r.speaker_of("took a whole day"),
        Some("Anders and Maja Lund")
    );
    // `with X recently promising`: adverbs between a subject and its -ing
    // form.
    assert_eq!(r.speaker_of("take the fight"), Some("Ruth Okonjo"));
    // Two-word parentheticals (`for example`).
    assert_eq!(r.speaker_of("strike before"), Some("ferry company's union"));
    // An adverb between an auxiliary and its -ing form (`is already
    // claiming`), and `as well as` before a participle.
    assert_eq!(r.speaker_of("the safest"), Some("ferry company"));
    assert_eq!(r.speaker_of("void from"), Some("board"));
    insta::assert_snapshot!(r.text);
}
