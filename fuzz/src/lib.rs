//! Checks shared by errcat's fuzz targets: what every answer and every
//! refusal must look like, whatever the input was. A failed check panics,
//! which libFuzzer reports as a crash with the input that caused it.

use errcat::{Catalog, Error, Explanation, FallbackChain};

/// The locales the embedded catalog ships, in slot order.
pub const SHIPPED: [&str; 4] = ["en", "kk", "ru", "uk"];

/// How many characters of an input an error message repeats (errcat's
/// `SHOWN_CHARS`).
const SHOWN_CHARS: usize = 64;

/// The longest error message any input may produce: two shown inputs of 64
/// characters, each escaped to at most 10 bytes (`\u{10ffff}`), plus the
/// fixed text.
pub const MAX_MESSAGE_BYTES: usize = 2 * (SHOWN_CHARS * 10 + 40) + 200;

/// Splits `data` at every 0xFF byte (never part of UTF-8, so each part can
/// hold any text, newlines and NULs included) and decodes each part lossily.
pub fn parts(data: &[u8]) -> Vec<String> {
    data.split(|&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// How errcat quotes an input in a message: the first 64 characters, as
/// Rust's `{:?}` shows them.
pub fn shown_head(input: &str) -> String {
    let head: String = input.chars().take(SHOWN_CHARS).collect();
    format!("{head:?}")
}

/// Characters that must never reach a terminal raw through an error
/// message: controls, line and paragraph separators, bidi controls.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Every error message: one line, no raw control or bidi characters,
/// bounded in length whatever the input's length.
pub fn check_message(err: &Error) {
    let message = err.to_string();
    assert!(!message.is_empty(), "{err:?}: empty message");
    assert!(
        !message.chars().any(is_dangerous),
        "{err:?}: raw control or bidi character in {message:?}"
    );
    assert!(
        message.len() <= MAX_MESSAGE_BYTES,
        "{err:?}: {} bytes",
        message.len()
    );
}

/// An error about a code names the code as given.
pub fn check_code_error(err: &Error, input: &str) {
    check_message(err);
    let named = match err {
        Error::InvalidCode { input: i } => i,
        Error::UnknownCatalog { input: i, .. } => i,
        Error::UnknownCode { input: i, .. } => i,
        other => panic!("{input:?}: a code gave {other:?}"),
    };
    assert!(
        named.starts_with(&shown_head(input)),
        "{input:?}: the error names {named}"
    );
    assert!(err.to_string().contains(named.as_str()), "{err}");
}

/// An error about a locale is `InvalidLocale` and names the locale as given.
pub fn check_locale_error(err: &Error, input: &str) {
    check_message(err);
    let Error::InvalidLocale { input: named } = err else {
        panic!("{input:?}: a locale gave {err:?}")
    };
    assert!(
        named.starts_with(&shown_head(input)),
        "{input:?}: the error names {named}"
    );
    assert!(err.to_string().contains(named.as_str()), "{err}");
}

/// Every chain ends in `en`, holds no locale twice, and only locales the
/// catalog ships.
pub fn check_chain(catalog: &Catalog, chain: &FallbackChain) {
    let locales: Vec<String> = chain.locales().iter().map(|l| l.to_string()).collect();
    assert_eq!(
        locales.last().map(String::as_str),
        Some("en"),
        "{chain}: does not end in en"
    );
    for (i, l) in locales.iter().enumerate() {
        assert!(!locales[..i].contains(l), "{chain}: {l} twice");
        assert!(
            catalog.locales().any(|s| s.to_string() == *l),
            "{chain}: {l} is not shipped"
        );
    }
}

/// The chain the README's table gives for a requested language, in the
/// embedded catalog.
pub fn expected_embedded_chain(language: &str) -> &'static [&'static str] {
    match language {
        "kk" => &["kk", "ru", "en"],
        "uk" => &["uk", "en"],
        "ru" => &["ru", "en"],
        _ => &["en"],
    }
}

/// Everything an explanation says, owned, for comparing two answers.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub code: String,
    pub name: &'static str,
    pub requested: String,
    pub locale: String,
    pub fallback: bool,
    pub title: String,
    pub explanation: String,
    pub hint: Option<String>,
}

impl Snapshot {
    pub fn of(e: &Explanation<'_>) -> Snapshot {
        Snapshot {
            code: e.code_text().to_string(),
            name: e.name(),
            requested: e.requested().to_string(),
            locale: e.locale().to_string(),
            fallback: e.is_fallback(),
            title: e.title().to_owned(),
            explanation: e.explanation().to_owned(),
            hint: e.hint().map(str::to_owned),
        }
    }
}

/// `ERRCAT_FUZZ_STRICT=1`: every panic aborts, even one raised inside the
/// Fluent crates that errcat's guard would catch.
pub fn strict() -> bool {
    std::env::var_os("ERRCAT_FUZZ_STRICT").is_some_and(|v| v == "1")
}
