//! The rule engine, pattern by pattern, on short articles written for these
//! tests (not taken from the seed).

use std::sync::LazyLock;

use claimtrace::claims::{self, Claims};
use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;

/// Built once: compiling the rules for every test would dominate the run.
static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

/// What the tests look at: each claim's speaker and cue, and each quote's
/// words and speaker.
struct Read {
    speakers: Vec<Option<String>>,
    cues: Vec<Option<String>>,
    quotes: Vec<(String, Option<String>)>,
    claims: Vec<String>,
}

fn read_as(text: &str, format: Format) -> Read {
    let document = Document::from_text("test".into(), text.to_string(), format);
    let sentences = segment::sentences(&document, &RULES);
    let Claims { claims, .. } = claims::extract(&document, &sentences, &RULES);
    Read {
        speakers: claims
            .iter()
            .map(|c| c.speaker.as_ref().map(|s| s.name.to_string()))
            .collect(),
        cues: claims
            .iter()
            .map(|c| c.cue.as_ref().map(|cue| cue.to_string()))
            .collect(),
        quotes: claims
            .iter()
            .flat_map(|c| {
                c.quotes
                    .iter()
                    .map(|q| (q.text.clone(), q.speaker.as_deref().map(str::to_string)))
            })
            .collect(),
        claims: claims.iter().map(|c| c.text.to_string()).collect(),
    }
}

fn read(text: &str) -> Read {
    read_as(text, Format::Plain)
}

fn names(list: &[Option<&str>]) -> Vec<Option<String>> {
    list.iter().map(|n| n.map(str::to_string)).collect()
}

fn quote_speakers(read: &Read) -> Vec<Option<String>> {
    read.quotes.iter().map(|(_, s)| s.clone()).collect()
}

mod attribution_patterns {
    use super::*;

    #[test]
    fn quote_then_speaker_and_verb() {
        let r = read(
            "Trade minister Asha Verma opened the talks. “Tariffs will fall next year,” Verma said.",
        );
        assert_eq!(r.speakers, names(&[None, Some("Asha Verma")]));
        assert_eq!(
            r.quotes,
            [(
                "Tariffs will fall next year,".to_string(),
                Some("Asha Verma".to_string())
            )]
        );
    }

    #[test]
    fn quote_then_verb_and_speaker() {
        let r = read("“We are ready for the vote,” said Jonas Berg, the party leader.");
        assert_eq!(r.speakers, names(&[Some("Jonas Berg")]));
        assert_eq!(quote_speakers(&r), names(&[Some("Jonas Berg")]));
    }

    #[test]
    fn speaker_verb_colon_quote() {
        let r = read("Finance minister Lena Holt said: “The budget is balanced.”");
        assert_eq!(r.speakers, names(&[Some("Lena Holt")]));
        assert_eq!(quote_speakers(&r), names(&[Some("Lena Holt")]));
    }

    #[test]
    fn speaker_said_that() {
        let r = read(
            "Mayor Tom Reyes said that the bridge would reopen in June. Reyes said repairs cost more than expected.",
        );
        assert_eq!(r.speakers, names(&[Some("Tom Reyes"), Some("Tom Reyes")]));
        assert_eq!(r.cues, [Some("said".to_string()), Some("said".to_string())]);
    }

    #[test]
    fn closing_attribution_after_a_comma() {
        let r = read("The reactor will restart in spring, the energy ministry said.");
        assert_eq!(r.speakers, names(&[Some("energy ministry")]));
    }

    #[test]
    fn according_to() {
        let r = read(
            "According to the central bank, inflation fell. Growth slowed, according to Maria Lopez.",
        );
        assert_eq!(
            r.speakers,
            names(&[Some("central bank"), Some("Maria Lopez")])
        );
    }

    #[test]
    fn described_as() {
        let r = read(
            "Opposition leader Karl Mertens described the plan as a “costly gamble” for taxpayers.",
        );
        assert_eq!(r.speakers, names(&[Some("Karl Mertens")]));
        assert_eq!(
            r.quotes,
            [(
                "costly gamble".to_string(),
                Some("Karl Mertens".to_string())
            )]
        );
    }

    #[test]
    fn quoted_as_saying_keeps_reporter_and_speaker() {
        let text = "President Ana Duarte spoke first. Her aide, Luis Ferro, spoke later. Ferro quoted the president as saying that the border would stay open and trade was “the priority”.";
        let document = Document::from_text("t".into(), text.to_string(), Format::Plain);
        let sentences = segment::sentences(&document, &RULES);
        let claims = claims::extract(&document, &sentences, &RULES).claims;
        let last = claims.last().unwrap();
        assert_eq!(
            last.speaker.as_ref().map(|s| s.name.as_str()),
            Some("Ana Duarte")
        );
        assert_eq!(
            last.reported_by.as_ref().map(|s| s.name.as_str()),
            Some("Luis Ferro")
        );
        assert_eq!(last.quotes[0].speaker.as_deref(), Some("Ana Duarte"));
    }

    #[test]
    fn added_and_pronouns_across_sentences() {
        let r = read(
            "Health minister Priya Nair announced the scheme. “It covers every district,” she added. She also noted that funding was secure. Officials said the rollout starts in May.",
        );
        assert_eq!(
            r.speakers,
            names(&[
                Some("Priya Nair"),
                Some("Priya Nair"),
                Some("Priya Nair"),
                Some("Officials")
            ])
        );
    }

    #[test]
    fn pronoun_before_anyone_spoke_is_the_last_person_named() {
        let r = read("Foreign minister Ana Ruiz visited Lima. “The talks went well,” she said.");
        assert_eq!(quote_speakers(&r), names(&[Some("Ana Ruiz")]));
    }

    #[test]
    fn she_skips_a_speaker_shown_to_be_a_man() {
        let r = read(
            "Ms Ana Ruiz opened the talks. Mr Carlos Vega said the terms were fair. “We accept them,” she said.",
        );
        assert_eq!(quote_speakers(&r), names(&[Some("Ana Ruiz")]));
        let r = read(
            "Minister Lena Holt spoke first, and she said the plan was ready. Pedro Alves said it was not. “It is late,” she added.",
        );
        assert_eq!(
            quote_speakers(&r),
            names(&[Some("Lena Holt")]),
            "a 'she' once resolved teaches the gender"
        );
    }

    #[test]
    fn he_refers_to_the_subject_not_the_quoted() {
        let r = read(
            "Envoy Omar Haddad quoted the king as saying the deal was done. He also noted that talks would resume.",
        );
        assert_eq!(r.speakers[1].as_deref(), Some("Omar Haddad"));
    }

    #[test]
    fn apposition_between_subject_and_verb() {
        let r = read(
            "Sara Kim, 45, said the firm would expand. Kim, the chief executive, told investors that profits rose.",
        );
        assert_eq!(r.speakers, names(&[Some("Sara Kim"), Some("Sara Kim")]));
    }

    #[test]
    fn told_after_a_quote() {
        let r = read("“We expect a deal soon,” Dev Anand told reporters on Monday.");
        assert_eq!(quote_speakers(&r), names(&[Some("Dev Anand")]));
    }

    #[test]
    fn interrupted_quote() {
        let r = read("“We are ready,” Rita Sen said, “and we will act.”");
        assert_eq!(
            quote_speakers(&r),
            names(&[Some("Rita Sen"), Some("Rita Sen")])
        );
    }

    #[test]
    fn anonymous_groups_and_organisations() {
        let r = read(
            "People familiar with the matter said the deal was close. The two sides said they would meet again. The foreign ministry said it was pleased.",
        );
        assert_eq!(
            r.speakers,
            names(&[
                Some("People familiar with the matter"),
                Some("two sides"),
                Some("foreign ministry")
            ])
        );
    }

    #[test]
    fn participle_after_a_comma_belongs_to_the_subject() {
        let r = read(
            "Ghana's President Kofi Mensah thanked the donors, saying: “We will not forget this.”",
        );
        assert_eq!(r.speakers, names(&[Some("Kofi Mensah")]));
        assert_eq!(quote_speakers(&r), names(&[Some("Kofi Mensah")]));
    }

    #[test]
    fn surname_with_a_particle() {
        let r = read("Trade minister Pieter de Vries spoke. “It is done,” de Vries said.");
        assert_eq!(quote_speakers(&r), names(&[Some("Pieter de Vries")]));
    }

    #[test]
    fn abbreviated_titles_and_appositions_after_the_verb() {
        let r = read(
            "“This is a good day,” said Sen. Maria Cantwell, the committee chair. “It is not enough,” according to Rep. Pramila Jayapal.",
        );
        assert_eq!(
            quote_speakers(&r),
            names(&[Some("Maria Cantwell"), Some("Pramila Jayapal")])
        );
    }

    #[test]
    fn role_head_with_the_name_in_apposition() {
        let r = read(
            "The company's spokesman, Ryan Wolfe, said in an email that the vote “sends a clear message”.",
        );
        assert_eq!(quote_speakers(&r), names(&[Some("Ryan Wolfe")]));
    }

    #[test]
    fn unlisted_descriptor_before_a_name() {
        let r = read("“It's a giveaway,” wrote economist Dean Baker in a blog post.");
        assert_eq!(quote_speakers(&r), names(&[Some("Dean Baker")]));
    }

    #[test]
    fn honorifics_are_not_part_of_names() {
        let r = read(
            "Prime Minister Ella Varga arrived. Mrs Varga said the talks were useful. Dame Ella added that more would follow.",
        );
        assert_eq!(
            r.speakers,
            names(&[None, Some("Ella Varga"), Some("Ella Varga")])
        );
    }

    #[test]
    fn anonymous_markers_anywhere_in_the_mention() {
        let r = read(
            "Two officials briefed on the talks told reporters that a deal was near. An aide who declined to be named said it was not.",
        );
        let kinds: Vec<_> = r.speakers.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            kinds,
            [
                Some("Two officials briefed on the talks"),
                Some("aide who declined to be named")
            ]
        );
    }

    #[test]
    fn documents_speak_for_their_issuer() {
        let r = read(
            "Costs fell by a tenth, according to a government statement. Prices rose, according to a report by the central bank.",
        );
        assert_eq!(
            r.speakers,
            names(&[Some("government"), Some("central bank")])
        );
    }

    #[test]
    fn passive_and_narrator_sentences() {
        let r = read("The pact was described as a framework for trade. It runs for ten years.");
        assert_eq!(r.speakers, names(&[None, None]));
    }
}

mod quotations {
    use super::*;

    #[test]
    fn quote_of_several_sentences_has_one_speaker() {
        let r = read(
            "“Exports grew. Imports fell. The balance improved,” Mira Das said at the briefing.",
        );
        assert_eq!(r.speakers, names(&[Some("Mira Das"); 3]));
        assert_eq!(r.quotes.len(), 1, "one quotation spans the three sentences");
        assert_eq!(
            r.quotes[0].0,
            "Exports grew. Imports fell. The balance improved,"
        );
    }

    #[test]
    fn quote_paragraph_after_a_quote_paragraph() {
        let r = read(
            "“Prices will ease,” Governor Ivo Petrov said.\n\n“We have the tools to act.”\n\nMarkets rose.",
        );
        assert_eq!(
            r.speakers,
            names(&[Some("Ivo Petrov"), Some("Ivo Petrov"), None])
        );
    }

    #[test]
    fn multi_paragraph_quotation() {
        let r = read(
            "“The first phase is complete,” Chen Wu said. “The second starts now.\n\n“The third follows in a year.”\n\nThe plan was approved.",
        );
        assert_eq!(r.quotes.len(), 2);
        assert_eq!(
            r.quotes[1].0,
            "The second starts now. The third follows in a year."
        );
        assert_eq!(
            quote_speakers(&r),
            names(&[Some("Chen Wu"), Some("Chen Wu")])
        );
        assert_eq!(r.speakers.last().unwrap(), &None);
    }

    #[test]
    fn scare_quotes_in_the_narrators_voice() {
        let r = read("The so-called “peace dividend” never came.");
        assert_eq!(r.speakers, names(&[None]));
        assert_eq!(quote_speakers(&r), names(&[None]));
    }

    #[test]
    fn bracketed_insertions_and_ellipses_stay_in_the_quote() {
        let r = read("“We would look … to take part in [the] initiatives,” Misra said.");
        assert_eq!(
            r.quotes[0].0,
            "We would look … to take part in [the] initiatives,"
        );
    }

    #[test]
    fn unbalanced_quote_is_a_warning_not_a_swallow() {
        let text = "“This never closes, Kumar said.\n\nThe next paragraph is narration. “Here,” Kumar said.";
        let document = Document::from_text("t".into(), text.to_string(), Format::Plain);
        let sentences = segment::sentences(&document, &RULES);
        let result = claims::extract(&document, &sentences, &RULES);
        assert_eq!(result.warnings.len(), 1);
        assert_eq!(result.warnings[0].span.start, 0);
        let quotes: Vec<_> = result
            .claims
            .iter()
            .flat_map(|c| &c.quotes)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(quotes, ["Here,"]);
    }
}

mod names_and_roles {
    use super::*;

    #[test]
    fn surname_before_full_name() {
        let r = read(
            "Talks with Novak went well, Petra Lind said. Interior minister Ivan Novak said the border was calm.",
        );
        assert_eq!(r.speakers, names(&[Some("Petra Lind"), Some("Ivan Novak")]));
        let r = read("Novak said the border was calm. Interior minister Ivan Novak spoke later.");
        assert_eq!(r.speakers[0].as_deref(), Some("Ivan Novak"));
    }

    #[test]
    fn role_resolves_to_the_named_holder() {
        let r =
            read("Prime Minister Hana Sato met the envoys. The PM said the summit had succeeded.");
        assert_eq!(r.speakers[1].as_deref(), Some("Hana Sato"));
        let r = read(
            "Defence minister Tariq Aziz visited the base. The minister said the troops were ready.",
        );
        assert_eq!(r.speakers[1].as_deref(), Some("Tariq Aziz"));
    }

    #[test]
    fn role_resolves_to_a_known_public_figure_the_document_mentions() {
        let r = read("Starmer arrived late. The PM said the talks were useful.");
        assert_eq!(r.speakers[1].as_deref(), Some("Starmer"));
    }

    #[test]
    fn markdown_emphasis_and_lists() {
        let r = read_as(
            "- **Singh** said the pact is *historic*.\n- “It is,” Kallas added.\n",
            Format::Markdown,
        );
        assert_eq!(r.speakers, names(&[Some("Singh"), Some("Kallas")]));
        assert_eq!(r.claims.len(), 2);
    }
}

mod figures {
    use super::*;

    /// A figure as the tests compare it: text, kind, JSON value, unit,
    /// qualifier.
    type Seen = (
        String,
        String,
        serde_json::Value,
        Option<String>,
        Option<String>,
    );

    fn figures(text: &str) -> Vec<Seen> {
        let document = Document::from_text("t".into(), text.to_string(), Format::Plain);
        let sentences = segment::sentences(&document, &RULES);
        claims::extract(&document, &sentences, &RULES)
            .claims
            .into_iter()
            .flat_map(|c| c.figures)
            .map(|f| {
                let kind = serde_json::to_value(f.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string();
                (
                    f.text.into(),
                    kind,
                    serde_json::to_value(&f.value).unwrap(),
                    f.unit.map(Into::into),
                    f.qualifier.map(Into::into),
                )
            })
            .collect()
    }

    #[test]
    fn indian_number_scales() {
        let found =
            figures("The outlay is Rs 1.5 lakh crore, up from ₹90,000 crore, and 3 lakh jobs.");
        let values: Vec<_> = found.iter().map(|f| (f.1.as_str(), f.2.clone())).collect();
        assert_eq!(
            values,
            [
                ("money", serde_json::json!(1_500_000_000_000i64)),
                ("money", serde_json::json!(900_000_000_000i64)),
                ("count", serde_json::json!(300_000)),
            ]
        );
    }

    #[test]
    fn spellings_of_one_figure_compare_equal() {
        let found = figures(
            "It costs €2.5 billion. It costs €2.5bn. It costs 2.5 billion euros. It costs EUR 2.5 billion.",
        );
        let normalised: Vec<_> = found
            .iter()
            .map(|f| (f.1.clone(), f.2.clone(), f.3.clone()))
            .collect();
        assert!(
            normalised.windows(2).all(|w| w[0] == w[1]),
            "{normalised:?}"
        );
        assert_eq!(normalised.len(), 4);
    }

    #[test]
    fn figure_speakers_follow_the_clause() {
        let text = "Half of the fund is unspent, and finance secretary Raj Mehta said that 40% would go to roads.";
        let document = Document::from_text("t".into(), text.to_string(), Format::Plain);
        let sentences = segment::sentences(&document, &RULES);
        let claim = claims::extract(&document, &sentences, &RULES)
            .claims
            .remove(0);
        let speakers: Vec<_> = claim
            .figures
            .iter()
            .map(|f| (f.text.as_str(), f.speaker.as_deref()))
            .collect();
        assert_eq!(speakers, [("Half", None), ("40%", Some("Raj Mehta"))]);
    }

    #[test]
    fn counts_look_past_modifiers_to_the_plural() {
        let found = figures("The package includes 100 air defence missiles.");
        assert_eq!(found[0].0, "100 air defence missiles");
        assert_eq!(found[0].3.as_deref(), Some("missile"));
    }

    #[test]
    fn over_before_a_duration_is_not_a_qualifier() {
        let found =
            figures("It will create 2.5 lakh jobs over five years, for over 40% of graduates.");
        let qualifiers: Vec<_> = found
            .iter()
            .map(|f| (f.0.as_str(), f.4.as_deref()))
            .collect();
        assert_eq!(
            qualifiers,
            [
                ("2.5 lakh jobs", None),
                ("five years", None),
                ("40%", Some("more than"))
            ]
        );
    }

    #[test]
    fn group_names_are_not_counts() {
        assert!(figures("The two sides met in Oslo.").is_empty());
    }

    #[test]
    fn qualifiers_and_dates() {
        let found =
            figures("Spending will reach more than $40bn by 2030, officials said on Friday.");
        let summary: Vec<_> = found
            .iter()
            .map(|f| (f.0.as_str(), f.1.as_str(), f.4.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("$40bn", "money", Some("more than")),
                ("2030", "year", None),
                ("Friday", "date", None)
            ]
        );
    }
}

/// Adversarial input: each finishes (linearly: see `bench/large-inputs.sh`
/// for the timings) and never panics. No test here is timed.
mod bad_input {
    use super::*;

    fn extract(text: String) -> usize {
        let document = Document::from_text("t".into(), text, Format::Plain);
        let sentences = segment::sentences(&document, &RULES);
        let result = claims::extract(&document, &sentences, &RULES);
        result.claims.len() + result.warnings.len()
    }

    #[test]
    fn unterminated_quote_at_the_start() {
        let text = format!(
            "“{}",
            "The minister said the talks went well. ".repeat(20_000)
        );
        let document = Document::from_text("t".into(), text, Format::Plain);
        let sentences = segment::sentences(&document, &RULES);
        let result = claims::extract(&document, &sentences, &RULES);
        assert_eq!(result.warnings.len(), 1, "one warning, at the stray mark");
        assert!(
            result.claims.iter().all(|c| c.quotes.is_empty()),
            "nothing is swallowed into a quote"
        );
    }

    #[test]
    fn one_enormous_sentence() {
        assert_eq!(extract("the defence minister said that ".repeat(30_000)), 1);
    }

    #[test]
    fn a_hundred_thousand_quote_marks() {
        assert!(extract("“a” ".repeat(100_000)) >= 1);
        assert!(extract("“a ".repeat(100_000)) >= 1);
        assert!(extract("\" ".repeat(100_000)) >= 1);
    }
}

/// A document's claims that give the same speaker the same way share one
/// `Speaker` (a check keeps every source claim); one given another way
/// has its own; each claim's id is `c` and its sentence's place.
#[test]
fn claims_share_a_speaker_given_the_same_way() {
    let text = "Mara Voss said the port would reopen. Voss said the ships were waiting. \
                Voss said the cranes were repaired. The weather was calm.";
    let document = Document::from_text("test".into(), text.to_string(), Format::Plain);
    let sentences = segment::sentences(&document, &RULES);
    let Claims { claims, .. } = claims::extract(&document, &sentences, &RULES);
    let speaker = |i: usize| claims[i].speaker.clone().expect("a speaker");
    assert_eq!(speaker(0).name, "Mara Voss");
    assert_eq!(speaker(1).mention, "Voss");
    assert!(std::sync::Arc::ptr_eq(&speaker(1), &speaker(2)));
    assert!(!std::sync::Arc::ptr_eq(&speaker(0), &speaker(1)));
    assert!(claims[3].speaker.is_none());
    let ids: Vec<String> = claims.iter().map(|c| c.id().to_string()).collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4"]);
}
