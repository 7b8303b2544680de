//! Reverse search: from words a user saw or remembers, in any shipped
//! language, to the codes that mean them.
//!
//! Matching is on folded text (see [`fold`](crate::fold)): case-insensitive
//! across scripts, `ё` = `е`, punctuation and extra whitespace ignored. Query
//! words match whole words, word beginnings (`ліміт` finds `ліміту`) and,
//! for longer words, one typo. A query is read up to its first
//! [`MAX_QUERY_CHARS`] characters and [`MAX_QUERY_WORDS`] words, so that
//! whatever is pasted, a search answers at once.

use std::borrow::Cow;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::code::{CatalogId, Code, Kind};
use crate::text::{edit_distance, fold};

/// One code found by [`Catalog::search`](crate::Catalog::search): the locale
/// whose text matched best, and that text's title.
///
/// ```
/// let hits = errcat::Catalog::embedded().search("rate limit", Some("en"))?;
/// assert!(hits.iter().any(|h| h.code == errcat::mobizon::RATE_LIMIT_EXCEEDED));
/// # Ok::<(), errcat::Error>(())
/// ```
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit<'a> {
    /// The code found.
    pub code: Code,
    /// Its stable name.
    pub name: &'static str,
    /// Its kind.
    pub kind: Kind,
    /// The locale whose text matched best.
    #[serde(serialize_with = "as_tag")]
    pub locale: &'a LanguageIdentifier,
    /// The title in that locale.
    pub title: Cow<'a, str>,
    /// How well it matched; higher is better. Comparable within one search.
    pub score: f32,
}

fn as_tag<S: serde::Serializer>(id: &&LanguageIdentifier, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(id)
}

/// A code's texts in one locale, as search sees them.
pub(crate) struct Candidate<'a> {
    pub(crate) code: Code,
    pub(crate) locale: &'a LanguageIdentifier,
    pub(crate) title: Cow<'a, str>,
    pub(crate) explanation: Cow<'a, str>,
    pub(crate) hint: Option<Cow<'a, str>>,
}

/// The most characters of a query that are read; the rest is ignored. Real
/// queries are a few words; each character costs a pass over every text.
pub(crate) const MAX_QUERY_CHARS: usize = 256;

/// The most words of a query that are matched; the rest are ignored.
pub(crate) const MAX_QUERY_WORDS: usize = 16;

/// A query, folded once.
pub(crate) struct Query {
    folded: String,
    words: Vec<String>,
    /// `planfix:1000`, `mobizon:rate-limit-exceeded`: the query names a code.
    code: Option<Code>,
    /// A bare number: codes with that number in any catalog.
    number: Option<u32>,
}

impl Query {
    /// Reads the first [`MAX_QUERY_CHARS`] characters of `text` and the
    /// first [`MAX_QUERY_WORDS`] words of those, so that a search costs the
    /// same bounded time whatever a user pastes.
    pub(crate) fn new(text: &str) -> Query {
        let text = text
            .char_indices()
            .nth(MAX_QUERY_CHARS)
            .and_then(|(end, _)| text.get(..end))
            .unwrap_or(text);
        let folded = fold(text);
        let words: Vec<String> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(MAX_QUERY_WORDS)
            .map(str::to_owned)
            .collect();
        // The phrase bonus compares the kept words only.
        let folded = words.join(" ");
        let trimmed = text.trim();
        Query {
            folded,
            words,
            code: trimmed.parse().ok(),
            number: trimmed.parse().ok(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How well `c` matches; 0 when it does not.
    pub(crate) fn score(&self, c: &Candidate<'_>) -> f32 {
        if self.code == Some(c.code) {
            return 1000.0;
        }
        if self.number == Some(c.code.number()) {
            return 500.0;
        }
        let name = c.code.name().replace('-', " ");
        let fields: [(&str, f32); 4] = [
            (&c.title, 3.0),
            (&name, 2.0),
            (c.hint.as_deref().unwrap_or(""), 1.0),
            (&c.explanation, 1.0),
        ];
        let folded: Vec<(String, f32)> = fields.iter().map(|(t, w)| (fold(t), *w)).collect();
        let mut total = 0.0;
        let mut matched = 0;
        for word in &self.words {
            let best = folded
                .iter()
                .map(|(text, weight)| word_match(word, text) * weight)
                .fold(0.0, f32::max);
            if best > 0.0 {
                matched += 1;
            }
            total += best;
        }
        // Every word must be found somewhere, unless the query is long.
        let needed = if self.words.len() <= 2 {
            self.words.len()
        } else {
            self.words.len().div_ceil(2)
        };
        if matched < needed {
            return 0.0;
        }
        for (text, weight) in &folded {
            if text == &self.folded {
                total += 6.0 * weight;
            } else if contains_phrase(text, &self.folded) {
                total += 2.0 * weight;
            }
        }
        total
    }
}

/// Whether `phrase` occurs in `text` starting at a word boundary.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase)
        .any(|(i, _)| i == 0 || text.get(..i).is_some_and(|before| before.ends_with(' ')))
}

/// How well one query word matches a folded text: 1 for a whole word, 0.8
/// for a word beginning (or a longer query word that begins with a text
/// word of 4+ letters: a different ending), 0.5 for one typo in a word of 5+
/// letters, else 0.
fn word_match(word: &str, text: &str) -> f32 {
    let mut best: f32 = 0.0;
    let word_len = word.chars().count();
    for candidate in text.split(' ') {
        let score = if candidate == word {
            1.0
        } else if word_len >= 3 && candidate.starts_with(word) {
            0.8
        } else if candidate.chars().count() >= 4 && word.starts_with(candidate) {
            0.7
        } else if word_len >= 5
            && candidate.chars().count().abs_diff(word_len) <= 1
            && edit_distance(word, candidate) <= 1
        {
            0.5
        } else {
            0.0
        };
        best = best.max(score);
        if best >= 1.0 {
            break;
        }
    }
    best
}

/// Ranks hits: best first, then registry order.
pub(crate) fn rank(hits: &mut [SearchHit<'_>]) {
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.code.catalog().cmp(&b.code.catalog()))
            .then_with(|| a.code.number().cmp(&b.code.number()))
    });
}

/// Every catalog's codes, in registry order.
pub(crate) fn all_codes() -> impl Iterator<Item = Code> {
    CatalogId::ALL.into_iter().flat_map(CatalogId::codes)
}
