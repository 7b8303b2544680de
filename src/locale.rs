//! Reading locale names as people and systems write them: BCP 47 tags
//! (`kk-KZ`, `KK-kz`, `kk-Cyrl-KZ`) and POSIX names (`kk_KZ.UTF-8`,
//! `ru_RU@euro`, `C`, `POSIX`).
//!
//! This module only parses: it never touches the file system, and a string
//! that is not a locale is refused here, before anything else sees it.

use unic_langid::LanguageIdentifier;
use unic_langid::subtags::{Language, Region};

use crate::error::Error;

/// The longest locale string accepted, in bytes.
///
/// ```
/// assert!(errcat::parse_locale(&"a".repeat(errcat::tooling::MAX_LOCALE_LEN + 1)).is_err());
/// ```
pub const MAX_LOCALE_LEN: usize = 255;

/// Parses a locale name as people and systems write it into a language
/// identifier.
///
/// - BCP 47 tags, case-insensitively: `kk-KZ`, `KK-kz`, `kk-Cyrl-KZ`.
///   Extensions and private use (`ru-RU-u-ca-gregory`, `kk-KZ-u-nu-latn`,
///   `en-US-x-foo`) are accepted and dropped: texts are chosen by language,
///   script and region only.
/// - POSIX names: the codeset (`.UTF-8`) and modifier (`@euro`) are
///   dropped, `_` separates subtags like `-`; `C` and `POSIX` mean English.
/// - Three-letter ISO 639-2 codes of languages that have a two-letter one
///   map to it, as BCP 47 requires: `rus` → `ru`, `ukr` → `uk`, `kaz` →
///   `kk`, `eng` → `en` (and a few more: `deu`/`ger`, `fra`/`fre`, …).
/// - English names of the shipped languages, as Windows and people write
///   them (`Russian`, `ukrainian`, `Kazakh_Kazakhstan.1251`), map to their
///   codes. Any other word of four letters or more is refused, not served
///   in English: BCP 47 has no such language subtags in use.
///
/// Empty strings, strings longer than [`MAX_LOCALE_LEN`] bytes and anything
/// else that is not a well-formed tag are an [`Error::InvalidLocale`].
///
/// Parsing allocates nothing unless the tag has variant subtags.
///
/// ```
/// use errcat::parse_locale;
/// assert_eq!(parse_locale("kk_KZ.UTF-8").unwrap().to_string(), "kk-KZ");
/// assert_eq!(parse_locale("KK-kz").unwrap().to_string(), "kk-KZ");
/// assert_eq!(parse_locale("ru_RU@euro").unwrap().to_string(), "ru-RU");
/// assert_eq!(parse_locale("C").unwrap().to_string(), "en");
/// assert_eq!(parse_locale("ru-RU-u-ca-gregory").unwrap().to_string(), "ru-RU");
/// assert_eq!(parse_locale("en-US-x-foo").unwrap().to_string(), "en-US");
/// assert_eq!(parse_locale("kaz").unwrap().to_string(), "kk");
/// assert_eq!(parse_locale("Ukrainian").unwrap().to_string(), "uk");
/// assert_eq!(parse_locale("Russian_Russia.1251").unwrap().to_string(), "ru");
/// assert!(parse_locale("french").is_err());
/// assert!(parse_locale("../..").is_err());
/// ```
pub fn parse_locale(input: &str) -> Result<LanguageIdentifier, Error> {
    let invalid = || Error::InvalidLocale {
        input: input.to_owned(),
    };
    if input.len() > MAX_LOCALE_LEN {
        return Err(invalid());
    }
    if let Some(id) = simple_tag(input) {
        return Ok(id);
    }
    let trimmed = input.trim();
    // POSIX: language[_territory][.codeset][@modifier]. Only the part before
    // the codeset or modifier names a locale.
    let end = trimmed
        .bytes()
        .position(|b| b == b'.' || b == b'@')
        .unwrap_or(trimmed.len());
    let name = trimmed.get(..end).unwrap_or_default();
    if name.is_empty() {
        return Err(invalid());
    }
    if POSIX_ENGLISH.iter().any(|n| name.eq_ignore_ascii_case(n)) {
        return Ok(english());
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(invalid());
    }
    let name = without_extensions(name).ok_or_else(invalid)?;
    let (first, rest) = match name.find(['-', '_']) {
        Some(at) => (name.get(..at).unwrap_or_default(), name.get(at + 1..)),
        None => (name, None),
    };
    if first.len() >= 4 {
        // A language's English name: Windows writes `Russian_Russia.1251`,
        // people write `kazakh`. Its region, if any, is a country's name.
        let code = language_name(first).ok_or_else(invalid)?;
        let region = rest
            .and_then(|r| Region::from_bytes(r.as_bytes()).ok())
            .filter(|_| rest.is_some_and(|r| r.len() <= 3));
        let language = Language::from_bytes(code.as_bytes()).map_err(|_| invalid())?;
        return Ok(LanguageIdentifier::from_parts(language, None, region, &[]));
    }
    let mapped;
    let name = match (first.len(), iso_639_1(first)) {
        (3, Some(two)) => {
            mapped = format!("{two}{}", name.get(3..).unwrap_or_default());
            mapped.as_str()
        }
        _ => name,
    };
    let id = LanguageIdentifier::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
    // BCP 47 variants are 5–8 characters, or 4 starting with a digit
    // (`1996`); the parser also takes other 4-letter subtags, which then do
    // not survive a round trip (they re-parse as a script).
    let variant_ok = |v: &str| v.len() >= 5 || v.starts_with(|c: char| c.is_ascii_digit());
    if !id.variants().all(|v| variant_ok(v.as_str())) {
        return Err(invalid());
    }
    if id.language.is_empty() {
        // `und` alone says nothing about a language: not a locale to serve.
        return Err(invalid());
    }
    Ok(id)
}

/// The POSIX locale names that mean English (the portable locale, IEEE Std
/// 1003.1 §7.2).
pub(crate) const POSIX_ENGLISH: &[&str] = &["C", "POSIX"];

/// `name` up to its first singleton subtag (`u`, `t`, `x`, …), which
/// starts the extensions and private use; `None` if those are malformed
/// (subtags of 1–8 letters and digits) or nothing precedes them.
fn without_extensions(name: &str) -> Option<&str> {
    let mut at = 0;
    for subtag in name.split(['-', '_']) {
        if subtag.len() == 1 {
            let (head, tail) = (name.get(..at)?, name.get(at..)?);
            let head = head.trim_end_matches(['-', '_']);
            // A singleton is followed by at least one subtag.
            let well_formed = tail.split(['-', '_']).count() >= 2
                && tail.split(['-', '_']).all(|s| {
                    (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            return (!head.is_empty() && well_formed).then_some(head);
        }
        at += subtag.len() + 1;
    }
    Some(name)
}

/// Three-letter ISO 639-2 codes (terminological and bibliographic) of
/// languages with a two-letter code: the shipped ones and a few common
/// ones, so that `rus` finds the `ru` texts.
pub(crate) const ISO_639_2: &[(&str, &str)] = &[
    ("eng", "en"),
    ("rus", "ru"),
    ("ukr", "uk"),
    ("kaz", "kk"),
    ("deu", "de"),
    ("ger", "de"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("spa", "es"),
    ("ita", "it"),
    ("por", "pt"),
    ("pol", "pl"),
    ("tur", "tr"),
    ("uzb", "uz"),
    ("kir", "ky"),
    ("bel", "be"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("ara", "ar"),
];

fn iso_639_1(three: &str) -> Option<&'static str> {
    ISO_639_2
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(three))
        .map(|(_, two)| *two)
}

/// English names of the shipped languages. Other names are refused rather
/// than guessed: a language errcat does not ship would be served in
/// English anyway, and a misspelt one should say so.
pub(crate) const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("russian", "ru"),
    ("ukrainian", "uk"),
    ("kazakh", "kk"),
];

fn language_name(word: &str) -> Option<&'static str> {
    LANGUAGE_NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(word))
        .map(|(_, code)| *code)
}

/// The common shapes `ll` and `ll-RR` / `ll_RR` (ASCII letters), read
/// without the general parser: most lookups name their locale this way.
/// Only a shortcut: the npm package, which reads the general path's
/// tables from the export, has none and gets the same answers.
/// `None` sends anything else, valid or not, to the general path.
fn simple_tag(input: &str) -> Option<LanguageIdentifier> {
    let bytes = input.as_bytes();
    let (language, region) = match bytes.len() {
        2 => (bytes, None),
        5 if matches!(bytes.get(2), Some(b'-' | b'_')) => (bytes.get(..2)?, Some(bytes.get(3..)?)),
        _ => return None,
    };
    if !language.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let language = Language::from_bytes(language).ok()?;
    let region = match region {
        Some(r) if r.iter().all(u8::is_ascii_alphabetic) => Some(Region::from_bytes(r).ok()?),
        Some(_) => return None,
        None => None,
    };
    Some(LanguageIdentifier::from_parts(language, None, region, &[]))
}

/// `en`, the locale every chain ends in.
pub(crate) fn english() -> LanguageIdentifier {
    let language: Option<Language> = Language::from_bytes(b"en").ok();
    LanguageIdentifier::from_parts(language.unwrap_or_default(), None, None, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_the_general_parser() {
        let mut inputs = vec![
            "kk", "KK", "kK-kz", "ru_RU", "en-GB", "uk-ua", "zz", "ab-CD",
        ];
        let owned: Vec<String> = (b'a'..=b'z')
            .flat_map(|a| {
                [
                    format!("{}q", a as char),
                    format!("{}q-ZZ", a as char),
                    format!("{}q_zz", a as char),
                ]
            })
            .collect();
        inputs.extend(owned.iter().map(String::as_str));
        let mut fast = 0;
        for input in inputs {
            if let Some(id) = simple_tag(input) {
                fast += 1;
                let general = LanguageIdentifier::from_bytes(input.as_bytes()).ok();
                assert_eq!(Some(id), general, "{input}");
            }
        }
        assert!(fast > 70, "the fast path took {fast} inputs");
        for input in ["k1", "kk-K1", "kk-KZZ", "kk KZ", "kk-", "ккк"] {
            assert!(simple_tag(input).is_none(), "{input}");
        }
    }
}
