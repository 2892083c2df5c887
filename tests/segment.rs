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
    segment::sentences(&document, &RULES)
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
    fn a_writer_and_the_thing_written_open_a_sentence() {
        // A verb of writing with an article after it takes the thing
        // written, not the quotation before it.
        assert_split(
            "The mayor called the queues \"unacceptable.\" Harbor Mayor Gil Stone wrote a letter to the state.",
            &[
                "The mayor called the queues \"unacceptable.\"",
                "Harbor Mayor Gil Stone wrote a letter to the state.",
            ],
        );
        // Where it names where it wrote, it closes the quotation.
        assert_whole("“We won.” Webb wrote in a letter.");
        assert_whole("“We won.” Webb wrote to supporters.");
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

/// The pragmatic-segmenter "golden rules" that concern English news, and
/// the layouts of real copy around them (lists, bylines, datelines,
/// quotation conventions of wire and archive text).
mod news_copy {
    use super::*;

    #[test]
    fn a_state_abbreviation_after_a_city_ends_a_sentence_only_before_a_starter() {
        assert_split(
            "She grew up in Tampa, Fla. — \"where the summers never end.\"",
            &["She grew up in Tampa, Fla. — \"where the summers never end.\""],
        );
        assert_split(
            "He lives in Salem, Ore. and works in Portland.",
            &["He lives in Salem, Ore. and works in Portland."],
        );
        assert_split(
            "The rally was in Reno, Nev. The crowd was large.",
            &["The rally was in Reno, Nev.", "The crowd was large."],
        );
    }

    fn split_md(text: &str) -> Vec<String> {
        split_as(text, Format::Markdown)
    }

    #[test]
    fn hyphen_list_one_sentence_per_item() {
        assert_split("- item one\n- item two", &["- item one", "- item two"]);
        assert_split(
            "Topics:\n- The first item. It has two sentences.\n- The second item",
            &[
                "Topics:",
                "- The first item.",
                "It has two sentences.",
                "- The second item",
            ],
        );
        assert_split(
            "⁃9. The first item ⁃10. The second item",
            &["⁃9. The first item", "⁃10. The second item"],
        );
    }

    #[test]
    fn hyphen_list_items_that_look_wrapped_stay_apart() {
        // Lines of even length look like hard-wrapped prose; a bullet at
        // the start of a line still opens an item.
        assert_split(
            "- the council approved the new budget for the coming year\n- the mayor vetoed the plan to widen the harbour road\n- the vote to override the veto is set for next week",
            &[
                "- the council approved the new budget for the coming year",
                "- the mayor vetoed the plan to widen the harbour road",
                "- the vote to override the veto is set for next week",
            ],
        );
        assert_split(
            "The council met on Tuesday evening to discuss the budget:\n-Approval of the new school buildings in the north\n-A review of the harbour road plan by the engineers",
            &[
                "The council met on Tuesday evening to discuss the budget:",
                "-Approval of the new school buildings in the north",
                "-A review of the harbour road plan by the engineers",
            ],
        );
    }

    #[test]
    fn a_dash_wrapped_to_the_start_of_a_line_is_no_bullet() {
        // A hard-wrapped paragraph (lines of even length).
        assert_whole(
            "The council said the plan to widen the harbour road\n- which the mayor vetoed last week - would go ahead\nafter all, once the engineers finish their review.",
        );
    }

    #[test]
    fn markdown_and_plain_lists_agree() {
        let text = "- The first item. It has two sentences.\n- second item\n- third item\n";
        let plain = split(text);
        let markdown = split_md(text);
        assert_eq!(
            markdown,
            [
                "The first item.",
                "It has two sentences.",
                "second item",
                "third item"
            ]
        );
        // The same sentences; plain text keeps each item's bullet.
        assert_eq!(plain.len(), markdown.len(), "{plain:?} vs {markdown:?}");
        for (p, m) in plain.iter().zip(&markdown) {
            assert!(
                p == m || p.strip_prefix("- ") == Some(m.as_str()),
                "{p:?} vs {m:?}"
            );
        }
    }

    #[test]
    fn four_dot_ellipsis_ends_a_sentence_three_dots_inside_do_not() {
        assert_split(
            "Nobody ever said it.... Then the mayor left.",
            &["Nobody ever said it....", "Then the mayor left."],
        );
        assert_split(
            "Nobody ever said it. . . . Then the mayor left.",
            &["Nobody ever said it. . . .", "Then the mayor left."],
        );
        assert_whole("The mayor said ... and left.");
        assert_whole("The mayor said ... And then he left.");
        assert_whole("“I think ... we can,” the mayor said.");
    }

    #[test]
    fn doubled_apostrophe_quotations() {
        assert_split(
            "The mayor said, ''We will win.'' Then he left.",
            &["The mayor said, ''We will win.''", "Then he left."],
        );
        assert_split(
            "''We will win. We always do,'' the mayor said. The crowd cheered.",
            &[
                "''We will win.",
                "We always do,'' the mayor said.",
                "The crowd cheered.",
            ],
        );
        assert_split(
            "''Is it over?'' Okafor asked. Nobody answered.",
            &["''Is it over?'' Okafor asked.", "Nobody answered."],
        );
    }

    #[test]
    fn tex_style_quotations() {
        assert_split(
            "The mayor said, ``We will win.'' Then he left.",
            &["The mayor said, ``We will win.''", "Then he left."],
        );
        assert_split(
            "``We will win,'' he said. ``Always.'' The crowd cheered.",
            &[
                "``We will win,'' he said.",
                "``Always.''",
                "The crowd cheered.",
            ],
        );
        assert_split(
            "The talks ended in the U.S. ``The deal is dead,'' he said.",
            &[
                "The talks ended in the U.S.",
                "``The deal is dead,'' he said.",
            ],
        );
    }

    #[test]
    fn datelines_stay_with_their_sentence() {
        assert_split(
            "WASHINGTON — The senator said the bill would pass. It did not.",
            &[
                "WASHINGTON — The senator said the bill would pass.",
                "It did not.",
            ],
        );
        assert_split(
            "WASHINGTON (AP) — The senator said the bill would pass. It did not.",
            &[
                "WASHINGTON (AP) — The senator said the bill would pass.",
                "It did not.",
            ],
        );
        assert_whole("WASHINGTON —\nThe senator said the bill would pass.");
    }

    #[test]
    fn bylines_and_timestamps_stand_alone() {
        for byline in [
            "By Jane Doe and John Roe",
            "By JANE DOE, Associated Press",
            "Published 3:14 p.m. ET Nov. 3, 2015",
            "Published 3:14 p.m. ET Nov. 3, 2015 | Updated 5:01 p.m. ET Nov. 3, 2015",
            "Photo by Jane Doe/Wire Images",
        ] {
            let body = "WASHINGTON (AP) — The senator said the bill would pass.";
            for format in [Format::Plain, Format::Markdown] {
                for text in [format!("{byline}\n{body}"), format!("{byline}\n\n{body}")] {
                    assert_eq!(
                        split_as(&text, format),
                        [byline, body],
                        "{format:?}: {text:?}"
                    );
                }
            }
        }
        assert_split(
            "Senate passes budget bill\nBy Jane Doe\nPublished 3:14 p.m. ET Nov. 3, 2015\nThe senator said the bill would pass.",
            &[
                "Senate passes budget bill",
                "By Jane Doe",
                "Published 3:14 p.m. ET Nov. 3, 2015",
                "The senator said the bill would pass.",
            ],
        );
    }

    #[test]
    fn a_sentence_that_opens_with_by_is_no_byline() {
        assert_whole(
            "By Friday, the Senate will vote on the bill that\nThe Herald reported on last month, and the\ngovernor is expected to sign it the same day.",
        );
        assert_eq!(
            split_md("By Friday the Senate will vote on\nthe bill that the House passed."),
            ["By Friday the Senate will vote on\nthe bill that the House passed."]
        );
    }

    #[test]
    fn a_line_without_end_punctuation_before_a_paragraph_break_stands_alone() {
        for text in [
            "Senate passes budget bill\n\nThe senator said the bill would pass.",
            "Senate passes budget bill\n\nthe senator said the bill would pass.",
            "A vote at last, and no shutdown\n\nThe senator said the bill would pass.",
            "Senators at the vote on Friday. Photo by Jane Doe\n\nThe senator said the bill would pass.",
        ] {
            let (head, body) = text.split_once("\n\n").unwrap();
            let expected: Vec<String> = split(head).into_iter().chain([body.to_string()]).collect();
            assert_eq!(split(text), expected, "plain: {text:?}");
            assert_eq!(split_md(text), expected, "markdown: {text:?}");
            assert!(expected.contains(&head.rsplit(". ").next().unwrap().to_string()));
        }
    }

    #[test]
    fn titles_before_names() {
        assert_whole("Sen. Ann Doyle and Gov. Paul Herrera met Rep. Tomas Reyes on Friday.");
        assert_whole("Lt. Gov. Maria Ortega spoke first.");
        assert_whole("Rep. Ann Doyle (D-Ore.) said the bill would pass.");
        assert_whole("Sen. Paul Herrera, R-Ariz., said the bill would pass.");
    }

    #[test]
    fn us_and_state_abbreviations() {
        assert_split(
            "He lives in the U.S. He works in D.C.",
            &["He lives in the U.S.", "He works in D.C."],
        );
        assert_whole("The U.S. Senate voted on Friday.");
        assert_split(
            "He moved to the U.S. Last year he moved back.",
            &["He moved to the U.S.", "Last year he moved back."],
        );
        assert_split(
            "The program began in 2014 in the U.S. Initially, few applied.",
            &[
                "The program began in 2014 in the U.S.",
                "Initially, few applied.",
            ],
        );
        assert_split(
            "She was born in Portland, Ore. She moved to Calif. in 2001.",
            &[
                "She was born in Portland, Ore.",
                "She moved to Calif. in 2001.",
            ],
        );
    }

    #[test]
    fn clock_times_before_a_capitalised_word() {
        assert_split(
            "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
            &[
                "At 5 a.m. Mr. Smith went to the bank.",
                "He left the bank at 6 P.M.",
                "Mr. Smith then went to the store.",
            ],
        );
        assert_split(
            "The polls close at 8 p.m. Voters are lining up.",
            &["The polls close at 8 p.m.", "Voters are lining up."],
        );
        assert_whole("The debate starts at 9 p.m. ET on Tuesday.");
        assert_whole("The vote was held at 3 p.m. Tuesday in the chamber.");
        assert_whole("The show airs weekdays from 6 a.m. to 9 a.m. Eastern on the radio.");
        assert_whole("Shortly after 9 p.m. Senators filed out of the chamber.");
        assert_split(
            "It was 3 p.m. when the vote began. Nobody left.",
            &["It was 3 p.m. when the vote began.", "Nobody left."],
        );
    }

    #[test]
    fn number_abbreviation() {
        assert_whole("He is the No. 2 Republican in the Senate.");
        assert_split(
            "Her bill ranked No. 2. Herrera's came first.",
            &["Her bill ranked No. 2.", "Herrera's came first."],
        );
    }

    #[test]
    fn initials_run_on() {
        assert_whole("J. K. Rowling wrote it.");
        assert_whole("The author J. K. Rowling wrote it.");
        assert_whole("The author J.K. Rowling wrote it.");
        assert_whole("Former President George W. Bush and John F. Kennedy Jr. met them.");
        assert_split(
            "Plan A. The second plan failed.",
            &["Plan A.", "The second plan failed."],
        );
    }

    #[test]
    fn numbers_and_money() {
        assert_split(
            "Growth was 3.5 percent. Spending hit $1.2 billion. Congress balked.",
            &[
                "Growth was 3.5 percent.",
                "Spending hit $1.2 billion.",
                "Congress balked.",
            ],
        );
        assert_whole("The $1.2 billion plan cut the deficit by 0.5 percent.");
    }

    #[test]
    fn addresses() {
        assert_split(
            "Write to jane.doe@example.org. She replies within a day.",
            &[
                "Write to jane.doe@example.org.",
                "She replies within a day.",
            ],
        );
        assert_split(
            "See https://example.com/a.b?c=d. Then call the office.",
            &["See https://example.com/a.b?c=d.", "Then call the office."],
        );
        assert_whole("The site example.com and the file report.Final.pdf were removed.");
    }

    #[test]
    fn double_punctuation() {
        assert_split(
            "Are you serious?! No way.",
            &["Are you serious?!", "No way."],
        );
    }

    #[test]
    fn parenthesised_sentences() {
        assert_split(
            "He left. (He was tired.) Then he came back.",
            &["He left.", "(He was tired.)", "Then he came back."],
        );
        assert_split(
            "He left (he was tired). Then he came back.",
            &["He left (he was tired).", "Then he came back."],
        );
    }

    #[test]
    fn quoted_sentences() {
        assert_split(
            "She said, \"We won.\" He said, 'We lost.' They argued.",
            &[
                "She said, \"We won.\"",
                "He said, 'We lost.'",
                "They argued.",
            ],
        );
        assert_split(
            "Okafor called it “a fine plan.” He added, “We will build it.”",
            &[
                "Okafor called it “a fine plan.”",
                "He added, “We will build it.”",
            ],
        );
        assert_split(
            "“Too soon?” She laughed at the question. Then she answered.",
            &[
                "“Too soon?”",
                "She laughed at the question.",
                "Then she answered.",
            ],
        );
        // Attributions still stay with their quotation.
        assert_whole("“We won.” Okafor said.");
        assert_whole("“Why now?” asked the mayor.");
    }

    #[test]
    fn no_space_between_sentences() {
        assert_split(
            "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
            &[
                "Hello world.",
                "Today is Tuesday.",
                "Mr. Smith went to the store and bought 1,000.",
                "That is a lot.",
            ],
        );
        assert_split(
            "The count ended at midnight.\"We were cheated,\" he said.",
            &[
                "The count ended at midnight.",
                "\"We were cheated,\" he said.",
            ],
        );
        assert_whole(
            "He met Sen.Doyle, visited Amazon.com and wrote to jane.Doe@example.org today.",
        );
    }
}

/// Sentences keep exact byte offsets on the layouts of news copy: bylines,
/// bullets, clock times, initials, glued stops and quotation marks,
/// concatenated with and without spaces and with multi-byte characters in
/// between.
mod layout_offsets {
    use super::*;
    use proptest::prelude::*;

    fn news_layout() -> impl Strategy<Value = String> {
        let fragment = prop_oneof![
            Just("By "),
            Just("BY "),
            Just("Published "),
            Just("Updated 9:02 "),
            Just("Photo by "),
            Just("Credit:"),
            Just("Jane Doe"),
            Just("JANE DOE, "),
            Just("p.m."),
            Just("a.m."),
            Just(" ET"),
            Just("At 5 "),
            Just("J."),
            Just(" K. "),
            Just("- "),
            Just("-"),
            Just("⁃"),
            Just("•"),
            Just("\n"),
            Just("\r\n"),
            Just("\n\n"),
            Just("''"),
            Just("``"),
            Just("\""),
            Just("“"),
            Just("”"),
            Just("He "),
            Just("."),
            Just("...."),
            Just(" ... "),
            Just("…"),
            Just("world"),
            Just("Today"),
            Just("1,000"),
            Just("@"),
            Just("/"),
            Just("Mr."),
            Just(":"),
            Just(" — "),
            Just("(AP)"),
            Just("\u{a0}"),
            Just("\u{202f}"),
            Just("é"),
            Just(" "),
        ];
        prop::collection::vec(fragment, 0..40).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn spans_are_exact(text in news_layout()) {
            for format in [Format::Plain, Format::Markdown] {
                let document = Document::from_text("prop".into(), text.clone(), format);
                let mut previous_end = 0;
                for sentence in segment::sentences(&document, &RULES) {
                    let span = sentence.span;
                    prop_assert!(span.start >= previous_end && span.start < span.end);
                    prop_assert!(span.end <= text.len());
                    prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                    prop_assert_eq!(sentence.text, &text[span.start..span.end]);
                    prop_assert_eq!(sentence.text.trim(), sentence.text);
                    previous_end = span.end;
                }
            }
        }
    }
}
