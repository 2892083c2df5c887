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
}

/// A kind's documentation.
pub struct Doc {
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Misquote,
        Kind::FabricatedQuote,
        Kind::MisattributedQuote,
        Kind::FigureMismatch,
        Kind::UnsourcedFigure,
        Kind::UnsupportedAttribution,
        Kind::CitationMismatch,
        Kind::BrokenCitation,
        Kind::UnverifiableCitation,
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
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Kind::UnsupportedAttribution => Severity::Warning,
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
        }
    }
}
