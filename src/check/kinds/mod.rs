//! The kinds of finding the checker reports, each with its default
//! severity and its documentation in three parts (what it does, why it
//! matters, an example), which `claimtrace explain` prints.

use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A kind of finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Misquote,
    FabricatedQuote,
    MisattributedQuote,
    FigureMismatch,
    UnsourcedFigure,
    UnsupportedAttribution,
    CitationMismatch,
    BrokenCitation,
    UnverifiableCitation,
    UnsupportedClaim,
    ContradictedClaim,
    MisattributedStatement,
    ConflictingSources,
}

/// A kind's documentation.
pub struct Doc {
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Misquote,
        Kind::FabricatedQuote,
        Kind::MisattributedQuote,
        Kind::FigureMismatch,
        Kind::UnsourcedFigure,
        Kind::UnsupportedAttribution,
        Kind::CitationMismatch,
        Kind::BrokenCitation,
        Kind::UnverifiableCitation,
        Kind::UnsupportedClaim,
        Kind::ContradictedClaim,
        Kind::MisattributedStatement,
        Kind::ConflictingSources,
    ];

    /// The name used on the command line and in every output.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Misquote => "misquote",
            Kind::FabricatedQuote => "fabricated-quote",
            Kind::MisattributedQuote => "misattributed-quote",
            Kind::FigureMismatch => "figure-mismatch",
            Kind::UnsourcedFigure => "unsourced-figure",
            Kind::UnsupportedAttribution => "unsupported-attribution",
            Kind::CitationMismatch => "citation-mismatch",
            Kind::BrokenCitation => "broken-citation",
            Kind::UnverifiableCitation => "unverifiable-citation",
            Kind::UnsupportedClaim => "unsupported-claim",
            Kind::ContradictedClaim => "contradicted-claim",
            Kind::MisattributedStatement => "misattributed-statement",
            Kind::ConflictingSources => "conflicting-sources",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Kind::UnsupportedAttribution | Kind::UnsupportedClaim | Kind::ConflictingSources => {
                Severity::Warning
            }
            Kind::UnverifiableCitation => Severity::Info,
            _ => Severity::Error,
        }
    }

    pub fn doc(self) -> Doc {
        match self {
            Kind::Misquote => Doc {
                what: "Finds text in quotation marks that is a near copy of a source quotation or passage, with words changed, added or dropped. An ellipsis marking an omission, a bracketed insertion, straight or curly marks, dashes, whitespace and the case of a letter are not changes; nor are British and American spellings or hyphenation, unless `--strict-quotes` is given.",
                why: "Quotation marks promise the reader the speaker's exact words. One changed word can change what a person is on record as saying, and a misquote is the correction a publication most often has to print.",
                example: "Source: “The partnership will become a force multiplier,” Singh said.\nDraft:  “The partnership will become a major force multiplier,” Singh said.\n        error[misquote]: the quotation adds “major” to the source wording",
            },
            Kind::FabricatedQuote => Doc {
                what: "Finds quoted text that has no close counterpart in any source.",
                why: "A quotation nobody can trace is a quotation nobody said as far as the sources show. It is either invented or taken from a source the draft does not declare.",
                example: "Draft: “India is the EU's closest partner,” Kallas said.\n       error[fabricated-quote]: no source has these words",
            },
            Kind::MisattributedQuote => Doc {
                what: "Finds a quotation whose wording is in a source but that the draft puts in another speaker's mouth, including the source article's own words presented as someone's quotation. Aliases of one speaker (\"Singh\", \"Rajnath Singh\", \"the defence minister\") are the same speaker.",
                why: "The right words in the wrong mouth misinform as surely as wrong words: the reader learns that a person holds a position they never stated.",
                example: "Source: “We will also explore Indian participation …,” she [Kallas] added.\nDraft:  “We will also explore Indian participation …,” Singh said.\n        error[misattributed-quote]: the source gives these words to Kaja Kallas",
            },
            Kind::FigureMismatch => Doc {
                what: "Finds a figure that matches a figure of the source passage the sentence comes from in kind, but not in value, unit or qualifier: €150 million for €150 billion, 2035 for 2030, half for a third, \"over\" for \"up to\". Different spellings of one figure match (€150-billion, €150 billion, 150 billion euros, €150bn).",
                why: "Figures are what readers remember and repeat. A changed scale, year or qualifier is a factual error even when every word around it is right.",
                example: "Source: … mobilising up to €800 billion by 2030.\nDraft:  … mobilising up to €800 billion by 2035.\n        error[figure-mismatch]: 2035 does not match 2030 in the source",
            },
            Kind::UnsourcedFigure => Doc {
                what: "Finds a figure with no counterpart in the sources, and that no simple arithmetic on source figures gives.",
                why: "A figure that cannot be traced cannot be checked. It may be right, but the draft gives the reader no way to know where it comes from.",
                example: "Draft: The EU has such agreements with twelve countries.\n       error[unsourced-figure]: no source gives twelve countries",
            },
            Kind::UnsupportedAttribution => Doc {
                what: "Finds reported speech (\"X said …\" without quotation marks) whose content no source claim supports, whoever the source gives it to.",
                why: "Reported speech is still a claim about what someone said. When the sources hold nothing like it, the draft attributes a position without evidence.",
                example: "Draft: Singh said India would buy European fighter jets.\n       warning[unsupported-attribution]: no source supports what this sentence reports",
            },
            Kind::CitationMismatch => Doc {
                what: "Finds a claim whose footnote cites a source that does not hold it. The message names the source that does, when one does.",
                why: "A citation tells the reader where to check a claim. Pointing at the wrong source sends them to a page that does not say it, and hides the one that does.",
                example: "Draft: Kallas said the first meeting is in a month.[^1]\n       [^1]: sources/other-article.txt\n       error[citation-mismatch]: sources/other-article.txt does not hold this claim; seeds/article.txt does",
            },
            Kind::BrokenCitation => Doc {
                what: "Finds a footnote marker without a definition, and a definition that names no source or a file that does not exist.",
                why: "A citation that leads nowhere is no citation: the claim it was meant to support is left without a source.",
                example: "Draft: Misri said so.[^3]   (no [^3]: definition)\n       error[broken-citation]: footnote [^3] has no definition",
            },
            Kind::UnverifiableCitation => Doc {
                what: "Notes a footnote that cites a web address. claimtrace never fetches anything, so it cannot check the claim against it.",
                why: "The claim may well be right, but this check cannot vouch for it: a reviewer has to open the link.",
                example: "Draft: The pact was signed on Tuesday.[^1]\n       [^1]: https://example.com/story\n       info[unverifiable-citation]: cites a web address, which is not fetched",
            },
            Kind::UnsupportedClaim => Doc {
                what: "Finds a statement in the draft's own voice whose content no source holds: a clause with a name no source uses, or with several content words (names, things, actions) that no source uses at all. Words are compared by their stems and the paraphrase groups of `rules/paraphrases.txt`, so a faithful rewrite in other words passes. The finding covers the unsupported words, so an invented clause added to a true sentence is marked at the clause.",
                why: "A derived document should say only what its sources support. An invented detail reads exactly like a traced one, and the reader has no way to tell them apart.",
                example: "Source: India and the EU finalised a Security and Defence Partnership on Tuesday.\nDraft:  India and the EU signed a free trade agreement covering agriculture and dairy on Tuesday.\n        warning[unsupported-claim]: no source supports “free”, “trade”, “covering”, “agriculture”, “dairy”",
            },
            Kind::ContradictedClaim => Doc {
                what: "Finds a claim that closely retells a source passage but says otherwise in one slot: another person, place, organisation or thing where the passage names someone else; a negation present on one side only; or a hedge in the source (\"proposed\", \"plans to\", \"welcomed the proposal\", \"may\") that the draft states as done or decided (\"signed\", \"will\", \"approved\"). The message names the slot; the fix gives the source's words.",
                why: "A sentence that is almost the source's is the most convincing kind of error: every other word checks out, so the one that does not is easy to miss for an editor and impossible to see for a reader.",
                example: "Source: Singh welcomed the EU’s proposal for posting a liaison officer at the Information Fusion Centre.\nDraft:  The EU will station a liaison officer at the Information Fusion Centre.\n        error[contradicted-claim]: the source is less certain: it has “proposal” where the draft has “will”",
            },
            Kind::MisattributedStatement => Doc {
                what: "Finds reported speech (\"X said that …\", without quotation marks) whose content a source gives to someone else. Aliases of one speaker (a surname, a full name, a role) are the same speaker.",
                why: "Reported speech tells the reader who holds a position. Giving one person's statement to another misinforms about both, even when the statement itself is reported faithfully.",
                example: "Source: Kallas said the first meeting will take place in a month.\nDraft:  Singh said the first meeting would take place in a month.\n        error[misattributed-statement]: the source gives this to Kallas, not Singh",
            },
            Kind::ConflictingSources => Doc {
                what: "Finds a figure on which the draft's sources disagree, where the draft gives one source's value without saying that another gives a different one. The message names both sources and both values. A draft that reports the disagreement (both values, or words such as \"disputed\" or \"other reports\") is not flagged.",
                why: "When sources disagree, picking one side silently presents a contested fact as settled. The reader deserves to know that the record is not clear.",
                example: "Source a.txt: The council approved the plan by 7 votes to 2.\nSource b.txt: The council approved the plan by 6 votes to 3.\nDraft:        The council approved the plan by 7 votes to 2.\n              warning[conflicting-sources]: a.txt gives 7, b.txt gives 6",
            },
        }
    }
}
