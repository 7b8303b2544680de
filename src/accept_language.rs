//! Reading an HTTP `Accept-Language` header (RFC 9110 §12.5.4) into the
//! languages a user accepts, best first, so a web handler can pass it
//! straight to [`Catalog::chain_for_accept_language`](crate::Catalog::chain_for_accept_language).
//!
//! Written here rather than taken from a crate: the common parsers either
//! ignore q-values or keep `q=0` ("not acceptable") and sort a NaN quality,
//! which a hostile header can send.

use unic_langid::LanguageIdentifier;

use crate::locale::parse_locale;

/// The longest header read; the rest is ignored.
pub(crate) const MAX_HEADER_BYTES: usize = 4096;
/// The most language ranges read from one header.
pub(crate) const MAX_RANGES: usize = 32;

/// The languages of an `Accept-Language` header, best first, with their
/// quality (q-value).
///
/// Ranges with `q=0` (not acceptable), malformed ranges and malformed
/// q-values are skipped; equal qualities keep the header's order; `*` (any
/// language) adds nothing, since every chain ends in English anyway. Tags
/// are read as [`parse_locale`] reads them, except POSIX codesets and
/// modifiers: `kk_KZ` is `kk-KZ`, and extensions (`ru-RU-u-ca-gregory`) are
/// dropped. An empty parameter (`aa;`) is ignored.
///
/// ```
/// let langs = errcat::parse_accept_language("ru;q=0.5, kk-KZ, uk;q=0.9, *;q=0.1, ??, de;q=0, aa;, en_GB");
/// let tags: Vec<String> = langs.iter().map(|(l, _)| l.to_string()).collect();
/// assert_eq!(tags, ["kk-KZ", "aa", "en-GB", "uk", "ru"]);
/// assert_eq!(langs[3].1, 0.9);
/// ```
pub fn parse_accept_language(header: &str) -> Vec<(LanguageIdentifier, f32)> {
    ranges(header).0
}

/// The accepted languages, best first, and those the header excludes with
/// `q=0`, for a chain that must not add them back.
pub(crate) fn accept_language_ranges(
    header: &str,
) -> (Vec<LanguageIdentifier>, Vec<LanguageIdentifier>) {
    let (accepted, excluded) = ranges(header);
    (accepted.into_iter().map(|(id, _)| id).collect(), excluded)
}

type Ranges = (Vec<(LanguageIdentifier, f32)>, Vec<LanguageIdentifier>);

fn ranges(header: &str) -> Ranges {
    let mut end = header.len().min(MAX_HEADER_BYTES);
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    let header = header.get(..end).unwrap_or_default();
    let mut ranges: Vec<(LanguageIdentifier, f32)> = Vec::new();
    let mut excluded: Vec<LanguageIdentifier> = Vec::new();
    for part in header.split(',').take(MAX_RANGES) {
        let mut fields = part.split(';');
        let tag = fields.next().unwrap_or_default().trim();
        if tag.is_empty() || tag == "*" {
            continue;
        }
        let mut quality = Some(1.0);
        for param in fields {
            if param.trim().is_empty() {
                continue;
            }
            let Some((key, value)) = param.split_once('=') else {
                quality = None;
                continue;
            };
            if key.trim().eq_ignore_ascii_case("q") {
                quality = parse_quality(value.trim());
            }
        }
        // Only BCP 47 here, but `_` for `-` is a common slip: an HTTP
        // header has no POSIX codesets or modifiers.
        if tag.contains(['.', '@']) {
            continue;
        }
        let Ok(id) = parse_locale(&tag.replace('_', "-")) else {
            continue;
        };
        match quality {
            Some(q) if q > 0.0 && !ranges.iter().any(|(seen, _)| *seen == id) => {
                ranges.push((id, q));
            }
            Some(q) if q <= 0.0 => excluded.push(id),
            _ => {}
        }
    }
    // A language excluded anywhere in the header is not acceptable.
    ranges.retain(|(id, _)| !excluded.contains(id));
    // Stable: equal qualities keep the header's order.
    ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
    (ranges, excluded)
}

/// A q-value: `0`, `1`, or up to three decimals (`0.5`, `1.000`).
fn parse_quality(value: &str) -> Option<f32> {
    let valid = value.len() <= 5
        && value.starts_with(['0', '1'])
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().filter(|b| *b == b'.').count() <= 1;
    let q: f32 = value.parse().ok().filter(|_| valid)?;
    (0.0..=1.0).contains(&q).then_some(q)
}
