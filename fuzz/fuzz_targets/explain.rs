//! `Catalog::explain` over arbitrary (code, locale) pairs against the
//! embedded catalog.
//!
//! Input: `code 0xFF locale` (each part decoded lossily; a missing locale is
//! the empty string, further parts are ignored).

#![no_main]

use errcat::{Catalog, Code, parse_locale};
use errcat_fuzz::{Snapshot, check_chain, check_code_error, check_locale_error, parts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let catalog = Catalog::embedded();
    let inputs = parts(data);
    let code_text = inputs[0].as_str();
    let locale_text = inputs.get(1).map_or("", String::as_str);

    let answer = catalog.explain(code_text, locale_text);
    // The same input gives the same answer.
    let again = catalog.explain(code_text, locale_text);
    match (&answer, &again) {
        (Ok(a), Ok(b)) => assert_eq!(Snapshot::of(a), Snapshot::of(b)),
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("{code_text:?} {locale_text:?}: {answer:?} then {again:?}"),
    }

    // The code is checked first, then the locale.
    let code = code_text.parse::<Code>();
    let locale = parse_locale(locale_text);
    match (answer, code, locale) {
        (Err(err), Err(code_err), _) => {
            assert_eq!(err, code_err);
            check_code_error(&err, code_text);
        }
        (Err(err), Ok(_), Err(locale_err)) => {
            assert_eq!(err, locale_err);
            check_locale_error(&err, locale_text);
        }
        (Ok(e), Ok(code), Ok(requested)) => {
            assert_eq!(e.code(), Some(code));
            // The answer keeps the subtags that choose a text.
            let r = e.requested();
            assert_eq!((r.language, r.script, r.region), (requested.language, requested.script, requested.region));
            let chain = catalog.chain(locale_text).unwrap();
            check_chain(catalog, &chain);
            // The embedded catalog has every code in every shipped locale: the
            // chain's first locale serves it, and it is a fallback exactly
            // when the requested language is not shipped.
            let first = &chain.locales()[0];
            assert_eq!(e.locale(), first, "{code_text:?} {locale_text:?}");
            assert_eq!(
                e.is_fallback(),
                first.language != requested.language,
                "{code_text:?} {locale_text:?}"
            );
            assert!(!e.title().trim().is_empty() && !e.explanation().trim().is_empty());
            // The string path and the typed path agree.
            let typed = catalog.lookup(code, &chain).unwrap();
            assert_eq!(Snapshot::of(&e), Snapshot::of(&typed));
        }
        (answer, code, locale) => {
            panic!(
                "{code_text:?} {locale_text:?}: {answer:?} from code {code:?} and locale {locale:?}"
            )
        }
    }
});
