//! The sentence tokenizer, category by category.
//!
//! Each test states what a careful reader of English news would take as the
//! sentences of a short text. The cases are written for these tests (not
//! taken from the seed article), so they exercise the general rules.

use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::segment;
use std::sync::LazyLock;

/// Built once: compiling the rules for every case would dominate the run.
static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

fn split_as(text: &str, format: Format) -> Vec<String> {
    let document = Document::from_text("test".into(), text.to_string(), format);
    segment::sentences(&document, &RULES.segment)
        .into_iter()
        .map(|s| s.text.to_string())
        .collect()
}

fn split(text: &str) -> Vec<String> {
    split_as(text, Format::Plain)
}

#[track_caller]
fn assert_split(text: &str, expected: &[&str]) {
    assert_eq!(split(text), expected, "splitting {text:?}");
}

#[track_caller]
fn assert_whole(text: &str) {
    assert_split(text, &[text]);
}

mod plain_sentences {
    use super::*;

    #[test]
    fn full_stop_question_and_exclamation() {
        assert_split(
            "Hello World. My name is Jonas.",
            &["Hello World.", "My name is Jonas."],
        );
        assert_split(
            "What is your name? My name is Jonas.",
            &["What is your name?", "My name is Jonas."],
        );
        assert_split("There it is! I found it.", &["There it is!", "I found it."]);
    }

    #[test]
    fn doubled_and_mixed_marks() {
        assert_split(
            "Hello!! Long time no see.",
            &["Hello!!", "Long time no see."],
        );
        assert_split("Hello?? Who is there?", &["Hello??", "Who is there?"]);
        assert_split("Hello!? Is that you?", &["Hello!?", "Is that you?"]);
        assert_split("Hello?! Is that you?", &["Hello?!", "Is that you?"]);
    }

    #[test]
    fn exclamation_inside_a_name() {
        assert_whole("She works at Yahoo! in the accounting department.");
    }

    #[test]
    fn sentence_after_a_figure_or_symbol() {
        assert_split(
            "Spending rose. €150 billion is now available.",
            &["Spending rose.", "€150 billion is now available."],
        );
        assert_split(
            "The vote was held in 2024. 27 states took part.",
            &["The vote was held in 2024.", "27 states took part."],
        );
    }
}

mod abbreviations {
    use super::*;

    #[test]
    fn titles_never_end_a_sentence() {
        assert_whole("Mr. Rao met Dr. Mehta and Prof. Iyer on Friday.");
        assert_whole("Gen. Dwivedi and Lt. Col. Sharma inspected the troops.");
        assert_whole("I can see Mt. Fuji from here.");
        assert_whole("It was Harvard vs. Yale in the final.");
    }

    #[test]
    fn places_and_companies() {
        assert_whole("St. Michael's Church is on 5th st. near the light.");
        assert_whole("They closed the deal with Pitt, Briggs & Co. at noon.");
        assert_split(
            "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
            &[
                "They closed the deal with Pitt, Briggs & Co.",
                "It closed yesterday.",
            ],
        );
        assert_whole("Tata Sons Ltd. and Infosys Inc. signed the accord.");
        assert_whole("That is JFK Jr.'s book.");
    }

    #[test]
    fn number_abbreviations() {
        assert_whole("Please turn to p. 55.");
        assert_whole("He lives at No. 5 Park Street.");
        assert_split(
            "The minister said no. The talks ended.",
            &["The minister said no.", "The talks ended."],
        );
    }

    #[test]
    fn months_and_latin() {
        assert_whole("The summit was held on Jan. 27 and Feb. 3 in Sept. 2025 talks.");
        assert_whole("Cities, e.g. Delhi, and states, i.e. the larger units, etc. joined.");
        assert_split(
            "They bought pens, paper, etc. The bill came later.",
            &["They bought pens, paper, etc.", "The bill came later."],
        );
    }

    #[test]
    fn abbreviation_that_ends_a_sentence() {
        assert_split(
            "The delegation stayed in the U.S. The next day it flew home.",
            &[
                "The delegation stayed in the U.S.",
                "The next day it flew home.",
            ],
        );
        assert_split(
            "I live in the E.U. How about you?",
            &["I live in the E.U.", "How about you?"],
        );
    }
}

mod initials_and_acronyms {
    use super::*;

    #[test]
    fn initials_before_names() {
        assert_whole("External affairs minister S. Jaishankar met the delegation.");
        assert_whole("My name is Jonas E. Smith.");
        assert_whole("The author J.R.R. Tolkien wrote it.");
        assert_split(
            "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
            &[
                "We make a good team, you and I.",
                "Did you see Albert I. Jones yesterday?",
            ],
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_whole("I visited the U.S.A. last year.");
        assert_whole("I work for the U.S. Government in Virginia.");
        assert_whole("I have lived in the U.S. for 20 years.");
        assert_whole("A U.K.-based firm won the contract.");
    }

    #[test]
    fn times_of_day() {
        assert_whole("The meeting starts at 10 a.m. Monday and ends at 4 p.m. sharp.");
        assert_split(
            "The meeting started at 10 a.m. The ministers arrived late.",
            &[
                "The meeting started at 10 a.m.",
                "The ministers arrived late.",
            ],
        );
    }
}

mod numbers {
    use super::*;

    #[test]
    fn decimals_and_versions() {
        assert_whole("Growth was 3.5 per cent, and €1.5 bn was set aside.");
        assert_whole("Version v2.0 ships at 10.30 am on Monday.");
        assert_whole("She has $100.00 in her bag.");
        assert_split(
            "She has $100.00. It is in her bag.",
            &["She has $100.00.", "It is in her bag."],
        );
    }

    #[test]
    fn numbered_lists_on_their_own_lines() {
        assert_split(
            "1. First point.\n2. Second point.\n3. Third point",
            &["1. First point.", "2. Second point.", "3. Third point"],
        );
    }

    #[test]
    fn inline_numbered_lists() {
        assert_split(
            "1. The first item 2. The second item",
            &["1. The first item", "2. The second item"],
        );
        assert_split(
            "1. The first item. 2. The second item.",
            &["1. The first item.", "2. The second item."],
        );
        assert_split(
            "1) The first item 2) The second item",
            &["1) The first item", "2) The second item"],
        );
        assert_split(
            "1.) The first item 2.) The second item",
            &["1.) The first item", "2.) The second item"],
        );
        assert_split(
            "• 9. The first item • 10. The second item",
            &["• 9. The first item", "• 10. The second item"],
        );
        assert_split(
            "a. The first item b. The second item c. The third list item",
            &[
                "a. The first item",
                "b. The second item",
                "c. The third list item",
            ],
        );
    }

    #[test]
    fn web_addresses() {
        assert_split(
            "Her email is Jane.Doe@example.com. I sent her an email.",
            &["Her email is Jane.Doe@example.com.", "I sent her an email."],
        );
        assert_split(
            "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
            &[
                "The site is: https://www.example.50.com/new-site/awesome_content.html.",
                "Please check it out.",
            ],
        );
    }
}

mod ellipses {
    use super::*;

    #[test]
    fn omission_inside_a_sentence() {
        assert_whole(
            "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
        );
        assert_whole("“We would look … to be able to take part [...] in these initiatives.”");
    }

    #[test]
    fn ellipsis_ending_a_sentence() {
        assert_split(
            "I never meant that.... She left the store.",
            &["I never meant that....", "She left the store."],
        );
        assert_split(
            "The talks went on and on… Nobody left.",
            &["The talks went on and on…", "Nobody left."],
        );
        assert_split(
            "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
            &[
                "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . .",
                "The practice was not abandoned. . . .",
            ],
        );
    }
}

mod quotes_and_brackets {
    use super::*;

    #[test]
    fn attribution_after_a_quote_stays() {
        assert_whole("“We will go,” she said.");
        assert_whole("She turned to him, \"This is great.\" she said.");
        assert_whole("She turned to him, 'This is great.' she said.");
        assert_whole("“Is this the end?” Singh asked.");
        assert_whole("“Never!” Prime Minister Narendra Modi declared.");
    }

    #[test]
    fn quote_then_new_sentence() {
        assert_split(
            "He said: “Go now.” Then he left.",
            &["He said: “Go now.”", "Then he left."],
        );
        assert_split(
            "She turned to him, \"This is great.\" She held the book out to show him.",
            &[
                "She turned to him, \"This is great.\"",
                "She held the book out to show him.",
            ],
        );
    }

    #[test]
    fn quote_of_several_sentences() {
        assert_split(
            "“Trade grew fast. Today, we are making it official. This will help,” Rao said at the summit.",
            &[
                "“Trade grew fast.",
                "Today, we are making it official.",
                "This will help,” Rao said at the summit.",
            ],
        );
    }

    #[test]
    fn brackets() {
        assert_whole(
            "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
        );
        assert_whole("\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).");
        assert_split(
            "The fund is large (see the annex, etc.). The talks go on.",
            &[
                "The fund is large (see the annex, etc.).",
                "The talks go on.",
            ],
        );
    }
}

mod layout {
    use super::*;

    #[test]
    fn dateline_stays_with_its_sentence() {
        assert_split(
            "The last paragraph ends here.\n\nNEW DELHI: India and the EU signed a pact on Tuesday. It is new.",
            &[
                "The last paragraph ends here.",
                "NEW DELHI: India and the EU signed a pact on Tuesday.",
                "It is new.",
            ],
        );
    }

    #[test]
    fn headlines_and_lines_without_final_punctuation() {
        assert_split(
            "India, EU seal defence pact\nBy a Staff Reporter\n\nThe two sides signed a pact on Tuesday, expanding ties across many areas of security cooperation and trade.\n",
            &[
                "India, EU seal defence pact",
                "By a Staff Reporter",
                "The two sides signed a pact on Tuesday, expanding ties across many areas of security cooperation and trade.",
            ],
        );
        assert_split(
            "features\ncontact manager\nevents, activities\n",
            &["features", "contact manager", "events, activities"],
        );
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        assert_split(
            "It was a cold \nnight in the city.",
            &["It was a cold \nnight in the city."],
        );
        assert_split(
            "The defence minister said the two sides will hold an\nannual dialogue. The first meeting takes place in\na month, officials said.\n",
            &[
                "The defence minister said the two sides will hold an\nannual dialogue.",
                "The first meeting takes place in\na month, officials said.",
            ],
        );
    }

    #[test]
    fn no_punctuation_at_all() {
        assert_whole("no punctuation here at all just words and more words");
        assert_split("", &[]);
        assert_split("  \n\n \t ", &[]);
    }

    #[test]
    fn crlf_line_endings() {
        assert_split(
            "First one.\r\n\r\nSecond one. Third one.\r\n",
            &["First one.", "Second one.", "Third one."],
        );
    }
}

mod markdown {
    use super::*;

    fn split_md(text: &str) -> Vec<String> {
        split_as(text, Format::Markdown)
    }

    #[test]
    fn emphasis_does_not_break_a_sentence() {
        assert_eq!(
            split_md("Singh said the pact is *very* important. It **will** last."),
            [
                "Singh said the pact is *very* important.",
                "It **will** last."
            ]
        );
    }

    #[test]
    fn blocks_are_boundaries() {
        assert_eq!(
            split_md(
                "# India and the EU\n\nThe pact was signed\n\n- first item\n- second item without stop\n\n> Quoted words\n"
            ),
            [
                "India and the EU",
                "The pact was signed",
                "first item",
                "second item without stop",
                "Quoted words"
            ]
        );
    }

    #[test]
    fn links_keep_their_text_and_lose_their_destination() {
        assert_eq!(
            split_md("Read [the report](https://example.com/a.b. c). It is long."),
            [
                "Read [the report](https://example.com/a.b. c).",
                "It is long."
            ]
        );
    }

    #[test]
    fn front_matter_and_code_are_not_prose() {
        assert_eq!(
            split_md(
                "---\ntitle: A draft. With stops.\n---\n\nBody text. More text.\n\n```\nlet x = 1. Not prose.\n```\n"
            ),
            ["Body text.", "More text."]
        );
    }
}
