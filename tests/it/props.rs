//! Property tests: errcat answers or refuses every input, never panics, and
//! keeps its invariants. Bounded (at most 256 cases a property, 64 where
//! each case loads a folder) so the whole file runs in seconds.

use crate::fixtures::TempDir;
use errcat::{Catalog, CatalogId, Code, Error, Explanation};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// The cases of a run are the same every time, so that CI never flakes;
/// `PROPTEST_RNG_SEED=<n>` explores others.
const SEED: u64 = 0x6572_7263_6174;

fn config(cases: u32) -> Config {
    let mut config = Config {
        cases,
        // Failures are reported with their minimal input, to be added to
        // the hostile catalogue; nothing is written next to the sources.
        failure_persistence: None,
        ..Config::default()
    };
    if config.rng_seed == RngSeed::Random {
        config.rng_seed = RngSeed::Fixed(SEED);
    }
    config
}

fn all_codes() -> Vec<Code> {
    CatalogId::ALL.iter().flat_map(|c| c.codes()).collect()
}

/// Any string at all: every char, controls and newlines included.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..80).prop_map(String::from_iter)
}

/// Strings that look like codes: a catalog-ish part, a colon, a
/// number-ish or name-ish part, with whitespace, case and sign noise.
fn code_like() -> impl Strategy<Value = String> {
    let catalog = prop_oneof![
        Just("planfix".to_owned()),
        Just("mobizon".to_owned()),
        Just("PLANFIX".to_owned()),
        Just("рlanfix".to_owned()),
        "[a-zA-Z]{0,8}",
    ];
    let rest = prop_oneof![
        (0u64..=u64::MAX).prop_map(|n| n.to_string()),
        (0u32..2000).prop_map(|n| n.to_string()),
        (0u32..2000, 1usize..30).prop_map(|(n, z)| format!("{}{n}", "0".repeat(z))),
        prop::sample::select(all_codes()).prop_map(|c| c.name().to_uppercase().replace('-', "_")),
        "[-+]?[0-9a-z_-]{0,24}",
    ];
    (
        "[ \t]{0,2}",
        catalog,
        prop_oneof![Just(":"), Just(" : "), Just("::"), Just("")],
        rest,
        "[ \t\n]{0,2}",
    )
        .prop_map(|(a, c, sep, r, b)| format!("{a}{c}{sep}{r}{b}"))
}

/// Strings that look like locales: BCP 47 and POSIX shapes with odd case,
/// separators, codesets and modifiers.
fn locale_like() -> impl Strategy<Value = String> {
    let language = prop_oneof![
        prop::sample::select(vec!["en", "kk", "ru", "uk", "de", "C", "POSIX", "und"])
            .prop_map(str::to_owned),
        "[a-zA-Z]{1,9}",
    ];
    (
        language,
        prop::option::of(prop_oneof![Just("Cyrl"), Just("latn"), Just("HANT")]),
        prop::option::of("[a-zA-Z]{2}|[0-9]{3}"),
        prop::option::of(prop_oneof![Just(".UTF-8"), Just(".utf8"), Just("@euro")]),
        prop_oneof![Just("-"), Just("_")],
        "[ \t]{0,1}",
    )
        .prop_map(|(l, s, r, tail, sep, ws)| {
            let mut out = format!("{ws}{l}");
            for part in [s.map(str::to_owned), r].into_iter().flatten() {
                out.push_str(sep);
                out.push_str(&part);
            }
            out.push_str(tail.unwrap_or(""));
            out
        })
}

fn text_or(like: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![any_text(), like]
}

/// An error is one of the documented variants, one line, and names the
/// input it refuses.
fn check_error(err: &Error, code: &str, locale: &str) -> Result<(), TestCaseError> {
    let message = err.to_string();
    prop_assert!(!message.contains(['\n', '\r', '\0']), "{message:?}");
    prop_assert!(message.len() < 2000, "{} bytes", message.len());
    let (named, input) = match err {
        Error::InvalidCode { input } => (input, code),
        Error::UnknownCatalog { input, .. } => (input, code),
        Error::UnknownCode { input, .. } => (input, code),
        Error::UnknownNumber { input } => (input, code),
        Error::InvalidLocale { input } => (input, locale),
        other => return Err(TestCaseError::fail(format!("unexpected {other:?}"))),
    };
    // The field holds the input as given; the message quotes it.
    prop_assert_eq!(named.as_str(), input);
    let head: String = input.chars().take(64).collect();
    prop_assert!(
        message.contains(&format!("{head:?}")),
        "{message} for {input:?}"
    );
    Ok(())
}

fn snapshot(e: &Explanation<'_>) -> (String, String, String, bool, String, String, Option<String>) {
    (
        e.code_text().to_string(),
        e.requested().to_string(),
        e.locale().to_string(),
        e.is_fallback(),
        e.title().to_owned(),
        e.explanation().to_owned(),
        e.hint().map(str::to_owned),
    )
}

fn locales_of(chain: &errcat::FallbackChain) -> Vec<String> {
    chain.locales().iter().map(|l| l.to_string()).collect()
}

/// Pieces of Fluent, real and broken, to build hostile `.ftl` files from.
/// At most 48 pieces a file: nesting stays far below the depth that
/// overflows a test thread's stack (finding F2 in FUZZING.md).
fn ftl_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static [u8]> = vec![
        b"task-not-found",
        b"invalid-token",
        b"rate-limit-exceeded",
        b"catalog-title",
        b" = ",
        b"=",
        b"\n",
        b"\r\n",
        b"\n    .title = ",
        b"\n    .hint = ",
        b"{",
        b"}",
        b"{ $x }",
        b"{ $x ->\n *[a] A\n [b] B\n}",
        b"{ -term }",
        b"-term = T\n",
        b"{ NUMBER($x) }",
        b"F(",
        b")",
        b"\"",
        b"\\u",
        b"#",
        b"## ",
        b"text ",
        b"\0",
        b"\xFF",
        b"\xEF\xBB\xBF",
        "\u{202E}".as_bytes(),
        "\u{2068}".as_bytes(),
        "Тапсырма".as_bytes(),
    ];
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        prop::collection::vec(prop::sample::select(pieces), 0..48).prop_map(|p| p.concat()),
    ]
}

/// A chain ends in en and holds no locale twice.
fn ends_in_en_once(chain: &errcat::FallbackChain) -> Result<(), TestCaseError> {
    let locales = locales_of(chain);
    prop_assert_eq!(locales.last().map(String::as_str), Some("en"));
    let mut unique = locales.clone();
    unique.sort();
    unique.dedup();
    prop_assert_eq!(unique.len(), locales.len(), "{}", chain);
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// `explain` answers or refuses: never a panic, and a refusal is a
    /// documented error naming the input.
    #[test]
    fn explain_is_total(code in text_or(code_like()), locale in text_or(locale_like())) {
        let catalog = Catalog::embedded();
        match catalog.explain(&code, &locale) {
            Ok(e) => {
                prop_assert_eq!(Ok(e.code().unwrap()), code.parse::<Code>());
                prop_assert!(!e.title().is_empty() && !e.explanation().is_empty());
            }
            Err(err) => check_error(&err, &code, &locale)?,
        }
    }

    /// The same input gives the same answer, by the string path, again,
    /// and by the typed path.
    #[test]
    fn the_same_input_gives_the_same_answer(
        code in text_or(code_like()),
        locale in text_or(locale_like()),
    ) {
        let catalog = Catalog::embedded();
        let first = catalog.explain(&code, &locale);
        let second = catalog.explain(&code, &locale);
        match (&first, &second) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(snapshot(a), snapshot(b));
                let typed = catalog
                    .lookup(code.parse().unwrap(), &catalog.chain(&locale).unwrap())
                    .unwrap();
                prop_assert_eq!(snapshot(a), snapshot(&typed));
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            _ => prop_assert!(false, "{first:?} then {second:?}"),
        }
    }

    /// A code's display parses back to it, and so do its other spellings.
    #[test]
    fn display_and_parse_round_trip(
        code in prop::sample::select(all_codes()),
        zeros in 0usize..12,
        upper in any::<bool>(),
        by_name in any::<bool>(),
        pad in "[ \t]{0,3}",
    ) {
        let shown = code.to_string();
        prop_assert_eq!(&shown, &format!("{}:{}", code.catalog(), code.number()));
        prop_assert_eq!(shown.parse::<Code>(), Ok(code));
        let rest = if by_name {
            code.name().replace('-', "_")
        } else {
            format!("{}{}", "0".repeat(zeros), code.number())
        };
        let mut spelled = format!("{pad}{}:{rest}{pad}", code.catalog());
        if upper {
            spelled = spelled.to_uppercase();
        }
        prop_assert_eq!(spelled.parse::<Code>(), Ok(code), "{:?}", spelled);
    }

    /// Whatever parses displays canonically and parses back to itself.
    #[test]
    fn parsed_codes_round_trip(input in text_or(code_like())) {
        if let Ok(code) = input.parse::<Code>() {
            prop_assert_eq!(code.to_string().parse::<Code>(), Ok(code));
            prop_assert_eq!(code.catalog().code(code.number()), Some(code));
        }
    }

    /// Every chain built from one locale ends in en and holds no locale
    /// twice; refused exactly when the locale does not parse.
    #[test]
    fn chains_end_in_en_without_repeats(locale in text_or(locale_like())) {
        let catalog = Catalog::embedded();
        match (catalog.chain(&locale), errcat::parse_locale(&locale)) {
            (Ok(chain), Ok(id)) => {
                prop_assert_eq!(chain.requested(), &id);
                ends_in_en_once(&chain)?;
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "chain {a:?}, parse_locale {b:?}"),
        }
    }

    /// The same for a caller's list of locales, as long as en is not in the
    /// middle of it (see `caller_chains_end_in_en_wherever_en_is`).
    #[test]
    fn caller_chains_end_in_en_without_repeats(
        list in prop::collection::vec(locale_like(), 1..6)
    ) {
        let english = |l: &String| {
            errcat::parse_locale(l).is_ok_and(|id| id.language.as_str() == "en")
        };
        prop_assume!(!list.iter().any(english));
        let catalog = Catalog::embedded();
        match catalog.chain_from(&list) {
            Ok(chain) => {
                ends_in_en_once(&chain)?;
            }
            Err(err) => {
                let refused = matches!(err, Error::InvalidLocale { .. });
                prop_assert!(refused, "{err:?}");
                prop_assert!(list.iter().any(|l| errcat::parse_locale(l).is_err()));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// With en anywhere in the list, the chain still ends in en (finding F4
    /// in FUZZING.md).
    #[test]
    fn caller_chains_end_in_en_wherever_en_is(
        list in prop::collection::vec(
            prop_oneof![locale_like(), Just("en".to_owned()), Just("C".to_owned())],
            1..6,
        )
    ) {
        let catalog = Catalog::embedded();
        if let Ok(chain) = catalog.chain_from(&list) {
            let locales = locales_of(&chain);
            prop_assert_eq!(locales.last().map(String::as_str), Some("en"), "{}", chain);
        }
    }
}

/// Loads and checks a folder holding `bytes` as `<folder>/<file>.ftl`:
/// every finding is one line, and every code is served in every locale
/// asked for.
fn from_dir_serves_every_code(folder: &str, file: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join(folder)).unwrap();
    std::fs::write(dir.path().join(folder).join(format!("{file}.ftl")), bytes).unwrap();
    let (catalog, diagnostics) =
        Catalog::from_dir(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for d in &diagnostics {
        prop_assert!(!d.to_string().contains('\n'), "{:?}", d.to_string());
    }
    // The checker reads the same bytes: it reports, it never panics, and
    // each finding is one line with a position.
    let report =
        errcat::tooling::check_dir(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for d in &report.diagnostics {
        prop_assert!(
            !d.to_string().contains('\n') && d.line >= 1 && d.column >= 1,
            "{:?}",
            d.to_string()
        );
    }
    prop_assert!(report.coverage.iter().any(|c| c.locale == folder));
    for locale in ["en", "kk", "ru", "uk", "de-AT", folder] {
        let chain = catalog.chain(locale).unwrap();
        let locales = locales_of(&chain);
        prop_assert_eq!(locales.last().map(String::as_str), Some("en"));
        for code in all_codes() {
            match catalog.explain(&code.to_string(), locale) {
                Ok(e) => prop_assert!(chain.locales().contains(e.locale())),
                Err(err) => prop_assert!(false, "{code} in {locale}: {err}"),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(64))]

    /// from_dir over arbitrary bytes never panics and still serves every
    /// code: what the file breaks falls back along the chain.
    #[test]
    fn from_dir_over_arbitrary_bytes_serves_every_code(
        folder in prop::sample::select(vec!["kk", "ru", "uk", "de", "pt-BR"]),
        file in prop::sample::select(vec!["planfix", "mobizon"]),
        bytes in ftl_bytes(),
    ) {
        from_dir_serves_every_code(folder, file, &bytes)?;
    }

    /// The same for the folder's en: the embedded en stays behind it
    /// (findings F1 and F11 in FUZZING.md).
    #[test]
    fn from_dir_over_arbitrary_en_bytes_serves_every_code(
        file in prop::sample::select(vec!["planfix", "mobizon"]),
        bytes in ftl_bytes(),
    ) {
        from_dir_serves_every_code("en", file, &bytes)?;
    }
}

/// One line of a translation that `stamp` may meet: messages errcat knows
/// and one it does not, attributes, message, group and resource comments,
/// stamps current, stale and odd, blank lines and junk.
fn stamp_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("success = Erfolg".to_owned()),
        Just("rate-limit-exceeded =".to_owned()),
        Just("validation-error= Ungültig".to_owned()),
        Just("not-a-code = Etwas".to_owned()),
        Just("    .title = Titel".to_owned()),
        Just("    zweite Zeile".to_owned()),
        Just("# Anmerkung".to_owned()),
        Just("#".to_owned()),
        Just("## Gruppe".to_owned()),
        Just("### Datei".to_owned()),
        "[0-9a-f]{8}".prop_map(|h| format!("# en-hash: {h}")),
        Just("#  en-hash:   1234abcd  ".to_owned()),
        Just("# en-hash:".to_owned()),
        Just("## en-hash: 1234abcd".to_owned()),
        Just("#en-hash: 1234abcd".to_owned()),
        Just(String::new()),
        any_text().prop_map(|t| t.replace(['\n', '\r'], " ")),
    ]
}

/// A translation file: lines ending in LF or CRLF, maybe a byte order
/// mark, maybe no line end after the last line.
fn translation() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec((stamp_line(), any::<bool>()), 0..24),
        any::<bool>(),
    )
        .prop_map(|(bom, lines, last_eol)| {
            let mut text = String::from(if bom { "\u{FEFF}" } else { "" });
            let count = lines.len();
            for (i, (line, crlf)) in lines.into_iter().enumerate() {
                text.push_str(&line);
                if i + 1 < count || last_eol {
                    text.push_str(if crlf { "\r\n" } else { "\n" });
                }
            }
            text
        })
}

/// `text` without its stamp lines (`# en-hash: …` message comment lines):
/// what a stamp must leave exactly as it was.
fn without_stamps(text: &str) -> String {
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(body) => ("\u{FEFF}", body),
        None => ("", text),
    };
    let kept = body.split_inclusive('\n').filter(|line| {
        let line = line.trim_end_matches('\n').trim_end_matches('\r');
        let content = match line.strip_prefix('#') {
            Some("") => Some(""),
            Some(rest) => rest.strip_prefix(' '),
            None => None,
        };
        !content.is_some_and(|c| c.trim().starts_with("en-hash:") || c.trim().starts_with("en:"))
    });
    std::iter::once(bom).chain(kept).collect()
}

/// Stamps `text` as `de/mobizon.ftl` and returns the file afterwards.
fn stamped(text: &str) -> Result<String, TestCaseError> {
    let dir = TempDir::new();
    dir.write("de/mobizon.ftl", text.as_bytes());
    errcat::tooling::stamp_locale(dir.path(), "de")
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let after = std::fs::read(dir.path().join("de/mobizon.ftl")).unwrap();
    String::from_utf8(after).map_err(|e| TestCaseError::fail(e.to_string()))
}

proptest! {
    #![proptest_config(config(128))]

    /// Stamping twice is stamping once, and a stamp changes nothing but
    /// stamp lines: every other byte (BOM, CRLF, a last line without line
    /// end, comments, junk) stays.
    #[test]
    fn stamp_is_idempotent_and_touches_only_stamp_lines(text in translation()) {
        let once = stamped(&text)?;
        let twice = stamped(&once)?;
        prop_assert_eq!(&twice, &once);
        prop_assert_eq!(without_stamps(&once), without_stamps(&text));
        prop_assert_eq!(once.starts_with('\u{FEFF}'), text.starts_with('\u{FEFF}'));
    }
}
