//! The shared case tables `tests/fixtures/locales.txt` (one locale string
//! → its chain, or a refusal) and `tests/fixtures/accept-language.txt`
//! (a header → its chain): the library's answers, which the CLI, the
//! service (in `serve.rs`) and the npm package (`js/test/tables.test.js`)
//! must give too.

use std::path::PathBuf;

use errcat::{Catalog, Error};
use serde_json::Value;

use crate::fixtures::errcat_command;

/// One case of a table: its line, the input and the expected answer.
pub struct Case {
    pub line: usize,
    pub input: String,
    pub expected: String,
}

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The cases of a table: `"<JSON string>" => <answer>` lines; `#` starts a
/// comment line.
pub fn cases(name: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(path(name)).unwrap();
    let cases: Vec<Case> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let (input, expected) = l
                .rsplit_once(" => ")
                .unwrap_or_else(|| panic!("{name}:{}: no ` => `", i + 1));
            let input: String = serde_json::from_str(input.trim())
                .unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            Case {
                line: i + 1,
                input,
                expected: expected.trim().to_owned(),
            }
        })
        .collect();
    assert!(cases.len() > 40, "{name} has {} cases", cases.len());
    cases
}

/// `requested: first → … → last`, or the refusal's kind.
fn answer(chain: Result<errcat::FallbackChain, Error>) -> String {
    match chain {
        Ok(chain) => chain.to_string(),
        Err(Error::InvalidLocale { .. }) => "invalid-locale".to_owned(),
        Err(other) => panic!("not a locale error: {other:?}"),
    }
}

/// The requested locale and the first of the chain of an expected answer,
/// `None` for a refusal: what an explanation of a code every locale has
/// shows. An explanation's requested locale is the chain's without its
/// variants (see `Explanation::requested`): language, script and region
/// chose the text.
pub fn requested_and_served(expected: &str) -> Option<(String, String)> {
    let (requested, chain) = expected.split_once(": ")?;
    let first = chain.split(" → ").next()?;
    let mut id = errcat::parse_locale(requested).ok()?;
    id.clear_variants();
    Some((id.to_string(), first.to_owned()))
}

/// Checks every case of `name` against `answer_of`; with `ERRCAT_BLESS`,
/// writes the answers into the table instead.
fn check(name: &str, answer_of: impl Fn(&str) -> String) {
    let cases = cases(name);
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        let text = std::fs::read_to_string(path(name)).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for case in &cases {
            let line = &mut lines[case.line - 1];
            let (input, _) = line.rsplit_once(" => ").unwrap();
            *line = format!("{input} => {}", answer_of(&case.input));
        }
        std::fs::write(path(name), lines.join("\n") + "\n").unwrap();
        return;
    }
    let differences: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let got = answer_of(&c.input);
            (got != c.expected).then(|| {
                format!(
                    "{name}:{}: {:?}: expected {}, got {got}",
                    c.line, c.input, c.expected
                )
            })
        })
        .collect();
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn the_library_answers_the_locale_table() {
    let catalog = Catalog::embedded();
    check("locales.txt", |input| answer(catalog.chain(input)));
}

#[test]
fn the_library_answers_the_accept_language_table() {
    let catalog = Catalog::embedded();
    check("accept-language.txt", |input| {
        catalog.chain_for_accept_language(input).to_string()
    });
}

/// The table covers what it must: refusals and answers, and the strings
/// front-ends once disagreed on.
#[test]
fn the_tables_hold_the_cases_front_ends_disagreed_on() {
    let locales = cases("locales.txt");
    let find = |input: &str| {
        locales
            .iter()
            .find(|c| c.input == input)
            .unwrap_or_else(|| panic!("locales.txt lacks {input:?}"))
            .expected
            .clone()
    };
    for (input, served) in [
        ("rus", "ru"),
        ("ukr", "uk"),
        ("kaz", "kk"),
        ("russian", "ru"),
        ("Kazakh", "kk"),
        ("Russian_Russia.1251", "ru"),
        ("Ukrainian", "uk"),
        ("Kazakh_Kazakhstan.1251", "kk"),
        ("ru-RU-u-ca-gregory", "ru"),
        ("kk-KZ-x-foo", "kk"),
        ("kk-KZ-variant1", "kk"),
    ] {
        let (_, first) = requested_and_served(&find(input)).unwrap();
        assert_eq!(first, served, "{input}");
    }
    assert_eq!(find("de-1996"), "de-1996: en");
    assert_eq!(find("en-a-bbb"), "en: en");
    for refused in ["", "../..", "\u{7}", "ккк", &"a".repeat(256)] {
        assert_eq!(find(refused), "invalid-locale", "{refused:?}");
    }
    let headers = cases("accept-language.txt");
    let header = |input: &str| {
        headers
            .iter()
            .find(|c| c.input == input)
            .unwrap_or_else(|| panic!("accept-language.txt lacks {input:?}"))
            .expected
            .clone()
    };
    assert_eq!(header("kk-KZ-x-private, uk"), "kk-KZ: kk → uk → ru → en");
    assert_eq!(
        header("ru-RU-u-ca-gregory, uk;q=0.5"),
        "ru-RU: ru → uk → en"
    );
}

/// `errcat explain planfix:1000 --lang X --json` gives the library's
/// requested locale and serving locale, or refuses with exit status 2.
/// An argument cannot hold NUL (POSIX `execve`): those cases are the
/// library's and the service's only.
#[test]
fn the_cli_answers_the_locale_table() {
    let mut differences = Vec::new();
    let mut run = 0;
    for case in cases("locales.txt") {
        if case.input.contains('\0') {
            continue;
        }
        run += 1;
        let o = errcat_command()
            .args(["explain", "planfix:1000", "--json"])
            // `--lang=X`, not `--lang X`: an input may start with `-`.
            .arg(format!("--lang={}", case.input))
            .env_remove("LANGUAGE")
            .output()
            .unwrap();
        let got = match requested_and_served(&case.expected) {
            Some(_) if o.status.code() == Some(0) => {
                let v: Value = serde_json::from_slice(&o.stdout).unwrap();
                let shown = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
                Some((shown("requested"), shown("locale")))
            }
            None if o.status.code() == Some(2)
                && String::from_utf8_lossy(&o.stderr).contains("invalid locale") =>
            {
                None
            }
            _ => {
                differences.push(format!(
                    "locales.txt:{}: {:?}: exit {:?}: {}",
                    case.line,
                    case.input,
                    o.status.code(),
                    String::from_utf8_lossy(&o.stderr)
                ));
                continue;
            }
        };
        if got != requested_and_served(&case.expected) {
            differences.push(format!(
                "locales.txt:{}: {:?}: expected {}, got {got:?}",
                case.line, case.input, case.expected
            ));
        }
    }
    assert!(run > 100, "{run} cases run");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// Locale strings made of the pieces the parser treats specially (BCP 47
/// subtags of every length and kind, RFC 5646 singletons, ISO 639-2 codes,
/// English and Windows language names, POSIX codesets and modifiers), put
/// together by a fixed pseudo-random sequence: thousands of cases beyond
/// the hand-written table, with the library's answers, in
/// `js/test/locale-cases.json` for the npm package's test.
fn generated_locale_strings() -> Vec<String> {
    const PIECES: &[&str] = &[
        "kk",
        "KZ",
        "ru",
        "uk",
        "en",
        "de",
        "rus",
        "kaz",
        "eng",
        "ger",
        "und",
        "Cyrl",
        "latn",
        "1996",
        "1abc",
        "abcd",
        "variant1",
        "rozaj",
        "toolongsub",
        "u",
        "x",
        "t",
        "a",
        "ca",
        "gregory",
        "nu",
        "419",
        "12",
        "Kazakh",
        "russian",
        "UKRAINIAN",
        "French",
        "C",
        "POSIX",
        "Russia",
        "Kazakhstan",
        "1251",
        "UTF-8",
        "euro",
        "ккк",
        "ä",
        "",
    ];
    const SEPARATORS: &[&str] = &["-", "_", "-", "-", ".", "@", " ", "--"];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        // xorshift64*: a fixed sequence, the same on every machine.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    };
    let mut strings = Vec::new();
    for _ in 0..3000 {
        let mut s = String::new();
        for i in 0..1 + next(6) {
            if i > 0 {
                s.push_str(SEPARATORS[next(SEPARATORS.len())]);
            }
            s.push_str(PIECES[next(PIECES.len())]);
        }
        strings.push(s);
    }
    strings.sort();
    strings.dedup();
    strings
}

#[test]
fn the_npm_packages_generated_locale_cases_are_the_librarys() {
    let catalog = Catalog::embedded();
    let cases: Vec<Value> = generated_locale_strings()
        .into_iter()
        .map(|input| {
            let single = answer(catalog.chain(&input));
            let header = catalog.chain_for_accept_language(&input).to_string();
            serde_json::json!([input, single, header])
        })
        .collect();
    let refused = cases.iter().filter(|c| c[1] == "invalid-locale").count();
    assert!(
        refused > 300 && cases.len() - refused > 300,
        "{refused} of {} refused",
        cases.len()
    );
    let mut text = String::from("[\n");
    for (i, case) in cases.iter().enumerate() {
        text.push_str(&serde_json::to_string(case).unwrap());
        text.push_str(if i + 1 < cases.len() { ",\n" } else { "\n" });
    }
    text.push_str("]\n");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("js/test/locale-cases.json");
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == text,
        "{} is stale: run `ERRCAT_BLESS=1 cargo test --test it -- tables` and review the diff",
        path.display()
    );
}

#[test]
fn fold_gives_the_answers_of_the_shared_table() {
    // tests/fixtures/fold.txt: the npm package's `fold` (which the HTML
    // index searches with) must answer the same (js/test/fold.test.js).
    let mut wrong = Vec::new();
    for (line, row) in crate::fixtures::rows("fold.txt", " => ") {
        let [input, expected] = &row[..] else {
            panic!("fold.txt:{line}: expected `\"input\" => \"folded\"`")
        };
        let input: String = serde_json::from_str(input).unwrap();
        let expected: String = serde_json::from_str(expected).unwrap();
        let got = errcat::tooling::fold(&input);
        if got != expected {
            wrong.push(format!(
                "fold.txt:{line}: {input:?} folds to {got:?}, not {expected:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
