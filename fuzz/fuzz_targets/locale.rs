//! Locale parsing and chain building: `parse_locale`, `Catalog::chain`,
//! `Catalog::chain_for_accept_language` and `Catalog::chain_from` over
//! arbitrary strings.
//!
//! Input: locale strings separated by 0xFF bytes, each decoded lossily. The
//! first is parsed, chained and read as an Accept-Language header on its
//! own; all of them form a `chain_from` list.

#![no_main]

use errcat::tooling::MAX_LOCALE_LEN;
use errcat::{Catalog, parse_locale};
use errcat_fuzz::{SHIPPED, check_chain, check_locale_error, expected_embedded_chain, parts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = Catalog::embedded();
    let inputs = parts(data);
    let first = inputs[0].as_str();

    let parsed = parse_locale(first);
    let chain = catalog.chain(first);
    match (&parsed, &chain) {
        (Ok(id), Ok(chain)) => {
            let tag = id.to_string();
            // Whatever was accepted is a plain tag: it can never be a path.
            assert!(
                !tag.is_empty() && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "{first:?} parsed to {tag:?}"
            );
            assert!(
                first.len() <= MAX_LOCALE_LEN,
                "{first:?}: too long, yet accepted"
            );
            // Parsing is idempotent: the canonical tag parses to itself.
            let again = parse_locale(&tag).unwrap_or_else(|e| panic!("{first:?} → {tag:?} → {e}"));
            assert_eq!(&again, id, "{first:?}");
            assert_eq!(chain.requested(), id);
            check_chain(catalog, chain);
            let locales: Vec<String> = chain.locales().iter().map(|l| l.to_string()).collect();
            assert_eq!(
                locales,
                expected_embedded_chain(id.language.as_str()),
                "{first:?} ({tag})"
            );
            let shown = format!("{tag}: {}", locales.join(" → "));
            assert_eq!(chain.to_string(), shown);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{first:?}: parse_locale and chain disagree");
            check_locale_error(a, first);
        }
        _ => panic!("{first:?}: parse_locale {parsed:?} but chain {chain:?}"),
    }

    // An Accept-Language header never fails, and its chain ends in en.
    check_chain(catalog, &catalog.chain_for_accept_language(first));

    // chain_from over the whole list: refused if any locale is invalid,
    // otherwise the shipped languages in the caller's order, then en.
    let from = catalog.chain_from(&inputs);
    let invalid = inputs.iter().find(|l| parse_locale(l).is_err());
    match (from, invalid) {
        (Err(err), Some(bad)) => check_locale_error(&err, bad),
        (Ok(chain), None) => {
            assert_eq!(chain.requested(), &parse_locale(first).unwrap());
            // The shipped languages in the caller's order, each once; en,
            // the last resort, ends the chain: nothing after it can serve.
            let mut listed: Vec<&str> = Vec::new();
            for l in &inputs {
                let id = parse_locale(l).unwrap();
                let shipped = SHIPPED.iter().find(|s| **s == id.language.as_str());
                if let Some(&shipped) = shipped.filter(|s| !listed.contains(s)) {
                    listed.push(shipped);
                }
            }
            let mut expected = listed;
            match expected.iter().position(|l| *l == "en") {
                Some(at) => expected.truncate(at + 1),
                None => expected.push("en"),
            }
            let locales: Vec<String> = chain.locales().iter().map(|l| l.to_string()).collect();
            check_chain(catalog, &chain);
            assert_eq!(locales, expected, "{inputs:?}");
        }
        (Err(err), None) => panic!("{inputs:?}: every locale parses, yet chain_from gave {err}"),
        (Ok(chain), Some(bad)) => {
            panic!("{inputs:?}: {bad:?} is invalid, yet chain_from gave {chain}")
        }
    }
});
