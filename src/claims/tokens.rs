//! The words of a sentence as the attribution rules read them.
//!
//! A sentence is cut into [`Token`]s: words, punctuation marks and whole
//! quotations. A quotation is one token, so that nothing inside it is ever
//! read as an attribution and a rule can step over it ("“…,” she said").
//!
//! A word is a run of letters and digits, with the apostrophes, hyphens,
//! ampersands and slashes that stand inside it (`O'Brien`, `Trump’s`,
//! `Ohio-born`, `P&G`, `anti-GOP/Obama`). A full stop belongs to the word
//! before it unless it ends the sentence (see [`with_full_stop`]). Offsets are bytes into the sentence, and
//! every one of them is on a character boundary.
//!
//! Each token is tagged once, when the sentence is cut, with the word
//! classes of the lexicon (`rules/en/word-classes.toml`) its lowercased
//! text is in; the rules ask the tag ([`Tokens::is_a`]), never a list of
//! their own.

use crate::rules::AttributionRules;
use crate::rules::lexicon::{Classes, Lexicon, WordClass};
use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// One punctuation character (a comma, a dash, a bracket …).
    Punct(char),
    /// A whole quotation, marks included; the index is into the quotations
    /// handed to [`tokenize`].
    Quote(usize),
}

/// One token of a sentence. Offsets are into the sentence's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    pub fn is_quote(&self) -> bool {
        matches!(self.kind, TokenKind::Quote(_))
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A tokenized sentence: its text, an ASCII-lowercased copy with the same
/// offsets, and its tokens with the word classes of each.
pub struct Tokens<'t> {
    pub text: &'t str,
    pub lower: &'t str,
    pub tokens: Vec<Token>,
    /// The word classes of each token's lowercased text, as written.
    classes: Vec<Classes>,
    lexicon: &'t Lexicon,
}

impl<'t> Tokens<'t> {
    /// The text of token `i`.
    pub fn text(&self, i: usize) -> &'t str {
        let t = self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The ASCII-lowercased text of token `i`.
    pub fn lower(&self, i: usize) -> &'t str {
        let t = self.tokens[i];
        &self.lower[t.start..t.end]
    }

    /// Whether token `i` is a word whose lowercased text is `word`.
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word) && self.lower(i) == word
    }

    /// Whether token `i` is a word whose lowercased text is one of `words`.
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word) && words.contains(&self.lower(i))
    }

    /// The word classes of token `i`'s lowercased text (a punctuation mark
    /// or a quotation is in none), or none past the end.
    pub fn classes(&self, i: usize) -> Classes {
        self.classes.get(i).copied().unwrap_or_default()
    }

    /// The lexicon the tokens were tagged with, for words that are not
    /// whole tokens.
    pub fn lexicon(&self) -> &'t Lexicon {
        self.lexicon
    }

    /// Whether token `i` is a word of `class`.
    pub fn is_a(&self, i: usize, class: WordClass) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word) && self.classes[i].has(class)
    }

    /// Whether token `i` is a word of any of `classes`.
    pub fn is_any_of(&self, i: usize, classes: Classes) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word) && self.classes[i].has_any(classes)
    }

    /// Whether token `i` is a word that starts with a capital letter.
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word)
            && self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// The index of the first token starting at or after byte `at`.
    pub fn at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.start < at)
    }

    /// The index of the token that covers byte `at`, or of the first one
    /// after it.
    pub fn covering(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= at)
    }

    /// The span of tokens `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].start, self.tokens[last].end)
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Cuts `text` (whose lowercased copy is `lower`) into tokens; `quoted`
/// holds the spans of its quotations, marks included, in order and relative
/// to `text`.
pub fn tokenize<'t>(
    text: &'t str,
    lower: &'t str,
    quoted: &[Span],
    rules: &'t AttributionRules,
) -> Tokens<'t> {
    let mut tokens = Vec::new();
    let mut quotes = quoted.iter().enumerate().peekable();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        // A quotation is one token.
        while quotes.next_if(|(_, q)| q.end <= at).is_some() {}
        if let Some(&(index, quote)) = quotes.peek()
            && quote.start <= at
        {
            tokens.push(Token {
                kind: TokenKind::Quote(index),
                start: quote.start,
                end: quote.end.min(text.len()),
            });
            while chars.next_if(|&(i, _)| i < quote.end).is_some() {}
            quotes.next();
            continue;
        }
        if c.is_alphanumeric() {
            let end = word_end(text, at, quotes.peek().map(|(_, q)| q.start));
            tokens.push(Token {
                kind: TokenKind::Word,
                start: at,
                end: with_full_stop(text, at, end, rules),
            });
            let end = tokens.last().map_or(end, |t| t.end);
            while chars.next_if(|&(i, _)| i < end).is_some() {}
            continue;
        }
        chars.next();
        // Emphasis marks of Markdown (`**Singh** said`) are markup, not
        // punctuation.
        if !c.is_whitespace() && !matches!(c, '*' | '_') {
            tokens.push(Token {
                kind: TokenKind::Punct(c),
                start: at,
                end: at + c.len_utf8(),
            });
        }
    }
    // Tagged once: every rule after this asks the tag. A punctuation mark
    // or a whole quotation (its marks included) is no word of any class.
    let classes = tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Word => rules.lexicon.tag(&lower[t.start..t.end]),
            TokenKind::Punct(_) | TokenKind::Quote(_) => Classes::default(),
        })
        .collect();
    Tokens {
        text,
        lower,
        tokens,
        classes,
        lexicon: &rules.lexicon,
    }
}

/// Where the word starting at `start` ends: letters and digits, and the
/// joining marks that stand between two of them. A quotation starting at
/// `quote` ends any word.
fn word_end(text: &str, start: usize, quote: Option<usize>) -> usize {
    let limit = quote.unwrap_or(text.len()).max(start);
    let mut end = start;
    for (offset, c) in text[start..limit].char_indices() {
        let at = start + offset;
        if c.is_alphanumeric() {
            end = at + c.len_utf8();
            continue;
        }
        // `31%` is one word, as `31 percent` is two.
        if c == '%' && text[start..at].ends_with(|d: char| d.is_ascii_digit()) {
            end = at + 1;
            break;
        }
        let joins = matches!(c, '\'' | '’' | '-' | '‑' | '&' | '/' | '.');
        let rest = &text[at + c.len_utf8()..limit];
        // A plural's possessive keeps its apostrophe (`Sanders' call`,
        // `the growers’ union`); a closing quotation mark never gets here,
        // since words stop at the next quotation.
        let plural_possessive = matches!(c, '\'' | '’')
            && text[start..at].ends_with(['s', 'S'])
            && rest.starts_with(char::is_whitespace);
        if plural_possessive {
            end = at + c.len_utf8();
            break;
        }
        let next_is_word = rest.chars().next().is_some_and(char::is_alphanumeric);
        // `A.F.L.-C.I.O.`: a stop and a hyphen between two dotted parts.
        let dotted_hyphen = c == '.'
            && rest.starts_with('-')
            && rest[1..].chars().next().is_some_and(char::is_alphanumeric);
        if !(joins && (next_is_word || dotted_hyphen)) {
            break;
        }
        // A stop inside a word only in dotted abbreviations, whose parts
        // are a letter or two (`U.S`, `A.F.L.-C.I.O`, `Ph.D`), never
        // between two words run together (`said.Trump`).
        let part = text[start..at].rsplit(['.', '-']).next().unwrap_or("");
        if c == '.' && !(part.chars().count() <= 2 && part.chars().all(char::is_alphabetic)) {
            break;
        }
    }
    end
}

/// `end`, extended past a full stop that belongs to the word
/// `text[start..end]`. The sentence tokenizer only ends a sentence at a
/// stop it judged final, so a stop with more words after it in the
/// sentence is an abbreviation's (`Sen.`, `B.`, `D-Ore.)`); at the end, an
/// initial, a dotted abbreviation or a title keeps its stop too.
fn with_full_stop(text: &str, start: usize, end: usize, rules: &AttributionRules) -> usize {
    if text.as_bytes().get(end) != Some(&b'.') || text.as_bytes().get(end + 1) == Some(&b'.') {
        return end;
    }
    let word = &text[start..end];
    let mut chars = word.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    let more_words = text[end + 1..].chars().any(char::is_alphanumeric);
    if more_words || initial || word.contains('.') || rules.is_honorific(word) {
        end + 1
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn words(text: &str, quoted: &[Span]) -> Vec<String> {
        let rules = RuleSet::builtin().attribution().clone();
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text, &lower, quoted, &rules);
        (0..tokens.len())
            .map(|i| match tokens.tokens[i].kind {
                TokenKind::Quote(_) => format!("Q[{}]", tokens.text(i)),
                _ => tokens.text(i).to_string(),
            })
            .collect()
    }

    #[test]
    fn names_initials_and_abbreviations_keep_their_stops() {
        assert_eq!(
            words("said Alan B. Krueger of the A.F.L.-C.I.O. today.", &[]),
            [
                "said",
                "Alan",
                "B.",
                "Krueger",
                "of",
                "the",
                "A.F.L.-C.I.O.",
                "today",
                "."
            ]
        );
        assert_eq!(
            words("Sen. Maria O’Brien-Diaz (D-Ore.) said", &[]),
            ["Sen.", "Maria", "O’Brien-Diaz", "(", "D-Ore.", ")", "said"]
        );
    }

    #[test]
    fn a_plural_possessive_keeps_its_apostrophe() {
        assert_eq!(
            words("Sanders' call and the growers’ union", &[]),
            ["Sanders'", "call", "and", "the", "growers’", "union"]
        );
        // Not at the end of a sentence, nor before punctuation.
        assert_eq!(words("the Joneses'.", &[]), ["the", "Joneses", "'", "."]);
    }

    #[test]
    fn quotations_are_single_tokens() {
        let text = "“We won, it’s over,” she said\u{a0}flatly.";
        let quote = Span::new(0, text.find(" she").unwrap());
        assert_eq!(
            words(text, &[quote]),
            ["Q[“We won, it’s over,”]", "she", "said", "flatly", "."]
        );
    }
}
