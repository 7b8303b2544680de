//! The hostile-input catalogue: one table of inputs a UI, a support tool or
//! a translator's editor may pass errcat — empty, 1 MB long, NUL bytes,
//! invalid UTF-8, bidi controls, path traversal, numbers past u32 and u64,
//! signs, leading zeros, whitespace and case variants, look-alike letters —
//! each with its exact expected outcome: the answer, or the error variant
//! and message (which names the input), or for the CLI the exit status and
//! the one line on stderr.
//!
//! Below the table: one regression test per finding of the fuzzing and of
//! this catalogue (FUZZING.md). A finding whose fix has not landed yet is
//! `#[ignore]`d; drop the `#[ignore]` with the fix.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

use crate::fixtures::TempDir;
use errcat::{Catalog, Error};
use serde_json::Value;

/// What a case feeds errcat.
enum Input {
    /// `explain(code, "en")`.
    Code(String),
    /// `explain("planfix:1000", locale)`, and `chain(locale)` must agree.
    Locale(String),
    /// `Catalog::from_dir` on a folder holding one file, then
    /// `explain("planfix:1000", lookup_locale)`.
    Ftl {
        folder: OsString,
        file: &'static str,
        bytes: Vec<u8>,
        lookup_locale: &'static str,
    },
    /// The `errcat` binary with these arguments and environment (the
    /// locale variables are cleared first).
    Cli {
        args: Vec<OsString>,
        env: Vec<(&'static str, OsString)>,
    },
}

/// What must come out.
enum Expect {
    /// An answer: this code, served by this locale, a fallback or not.
    Answer {
        code: &'static str,
        locale: &'static str,
        fallback: bool,
    },
    /// This error variant with exactly this message.
    Error(&'static str, String),
    /// `from_dir` loads, `planfix:1000` is served by `locale` with this
    /// title (`None`: the embedded title of that locale), and the
    /// diagnostics, each shown without its path, are exactly these.
    Served {
        locale: &'static str,
        title: Option<String>,
        explanation_len: Option<usize>,
        diagnostics: Vec<String>,
    },
    /// The binary exits with this status and prints exactly this one line
    /// on stderr (nothing on stdout unless status 0).
    Exit(i32, String),
    /// The binary exits 0 with this JSON answer: code, requested, locale.
    ExitJson(&'static str, &'static str, &'static str),
    /// A usage error from the argument parser: exit status 2, and the
    /// first line on stderr gives this reason (finding F5: clap adds usage
    /// lines after it).
    Usage(&'static str),
    /// The operating system refuses to start the process with this argument.
    Unspawnable,
}

struct Case {
    name: &'static str,
    input: Input,
    expect: Expect,
}

const MB: usize = 1 << 20;
/// Linux refuses a single argument longer than 128 KiB − 1 (MAX_ARG_STRLEN).
const MAX_ARG: usize = 128 * 1024 - 1;

fn code(name: &'static str, input: impl Into<String>, expect: Expect) -> Case {
    Case {
        name,
        input: Input::Code(input.into()),
        expect,
    }
}

fn locale(name: &'static str, input: impl Into<String>, expect: Expect) -> Case {
    Case {
        name,
        input: Input::Locale(input.into()),
        expect,
    }
}

fn ftl(
    name: &'static str,
    folder: impl AsRef<OsStr>,
    file: &'static str,
    bytes: impl Into<Vec<u8>>,
    lookup_locale: &'static str,
    expect: Expect,
) -> Case {
    Case {
        name,
        input: Input::Ftl {
            folder: folder.as_ref().to_owned(),
            file,
            bytes: bytes.into(),
            lookup_locale,
        },
        expect,
    }
}

fn cli(name: &'static str, args: &[&[u8]], expect: Expect) -> Case {
    cli_env(name, args, &[], expect)
}

fn cli_env(
    name: &'static str,
    args: &[&[u8]],
    env: &[(&'static str, &[u8])],
    expect: Expect,
) -> Case {
    Case {
        name,
        input: Input::Cli {
            args: args
                .iter()
                .map(|a| OsStr::from_bytes(a).to_owned())
                .collect(),
            env: env
                .iter()
                .map(|(k, v)| (*k, OsStr::from_bytes(v).to_owned()))
                .collect(),
        },
        expect,
    }
}

fn answer(code: &'static str, locale: &'static str, fallback: bool) -> Expect {
    Expect::Answer {
        code,
        locale,
        fallback,
    }
}

/// How errcat quotes an input: its first 64 characters as `{:?}` shows
/// them, then its length in bytes if it was longer.
fn quoted(input: &str) -> String {
    let head: String = input.chars().take(64).collect();
    let mut out = format!("{head:?}");
    if input.chars().count() > 64 {
        out.push_str(&format!("… ({} bytes)", input.len()));
    }
    out
}

fn invalid_code(input: &str) -> Expect {
    Expect::Error(
        "InvalidCode",
        format!(
            "invalid code {}: expected <catalog>:<number> or <catalog>:<name>, e.g. planfix:1000",
            quoted(input)
        ),
    )
}

fn unknown_catalog(input: &str, catalog: &str) -> Expect {
    Expect::Error(
        "UnknownCatalog",
        format!(
            "unknown catalog {} in {}: known catalogs are mobizon, planfix, mobizon-recipient",
            quoted(catalog),
            quoted(input)
        ),
    )
}

fn unknown_code(input: &str, catalog: &str) -> Expect {
    Expect::Error(
        "UnknownCode",
        format!(
            "unknown code {}: catalog {catalog} has no such code",
            quoted(input)
        ),
    )
}

/// An expected error that suggests the nearly matching `name`.
fn suggesting(expect: Expect, name: &str) -> Expect {
    match expect {
        Expect::Error(variant, message) => {
            Expect::Error(variant, format!("{message}; did you mean {name}?"))
        }
        other => other,
    }
}

fn invalid_locale(input: &str) -> Expect {
    Expect::Error(
        "InvalidLocale",
        format!(
            "invalid locale {}: expected a language tag such as kk, kk-KZ or kk_KZ.UTF-8",
            quoted(input)
        ),
    )
}

/// `from_dir` serves `planfix:1000` from `locale` with its embedded title.
fn embedded_from(locale: &'static str, diagnostics: &[&str]) -> Expect {
    Expect::Served {
        locale,
        title: None,
        explanation_len: None,
        diagnostics: diagnostics.iter().map(|d| (*d).to_owned()).collect(),
    }
}

/// `from_dir` serves `planfix:1000` from `locale` with this title.
fn titled(locale: &'static str, title: &str, diagnostics: &[&str]) -> Expect {
    Expect::Served {
        locale,
        title: Some(title.to_owned()),
        explanation_len: None,
        diagnostics: diagnostics.iter().map(|d| (*d).to_owned()).collect(),
    }
}

fn exit(status: i32, message: &str) -> Expect {
    Expect::Exit(status, format!("errcat: {message}"))
}

fn message_of(e: &Expect) -> &str {
    match e {
        Expect::Error(_, m) => m,
        _ => unreachable!(),
    }
}

/// A `.ftl` message for `planfix:1000` with this value and title.
fn task_not_found(value: &str, title: &str) -> String {
    format!("task-not-found = {value}\n    .title = {title}\n")
}

fn cases() -> Vec<Case> {
    let long_code = "a".repeat(MB);
    let long_locale = "k".repeat(MB);
    let zeros = format!("planfix:{}1000", "0".repeat(MB));
    let arg_code = "a".repeat(MAX_ARG);
    let arg_locale = "k".repeat(MAX_ARG);
    let padded_locale = format!("{}kk-KZ", " ".repeat(250));
    let padded_too_long = format!("{}kk-KZ", " ".repeat(251));
    let lc_invalid = invalid_locale("../..");

    vec![
        // ── Codes: explain(code, "en") ─────────────────────────────────
        code("code: empty", "", invalid_code("")),
        code("code: 1 MB", long_code.clone(), invalid_code(&long_code)),
        code(
            "code: 1 MB of leading zeros",
            zeros,
            answer("planfix:1000", "en", false),
        ),
        code("code: NUL alone", "\0", invalid_code("\0")),
        code(
            "code: NUL after the number",
            "planfix:1000\0",
            invalid_code("planfix:1000\0"),
        ),
        code(
            "code: NUL in the catalog",
            "planfix\0:1000",
            suggesting(unknown_catalog("planfix\0:1000", "planfix\0"), "planfix"),
        ),
        code(
            "code: U+FFFD from invalid UTF-8",
            "planfix:\u{FFFD}",
            invalid_code("planfix:\u{FFFD}"),
        ),
        code(
            "code: bidi override after",
            "planfix:1000\u{202E}",
            invalid_code("planfix:1000\u{202E}"),
        ),
        code(
            "code: bidi override before",
            "\u{202E}planfix:1000",
            suggesting(
                unknown_catalog("\u{202E}planfix:1000", "\u{202E}planfix"),
                "planfix",
            ),
        ),
        code(
            "code: bidi isolates around the catalog",
            "\u{2066}planfix\u{2069}:1000",
            suggesting(
                unknown_catalog("\u{2066}planfix\u{2069}:1000", "\u{2066}planfix\u{2069}"),
                "planfix",
            ),
        ),
        code(
            "code: ../ in the catalog",
            "../planfix:1000",
            unknown_catalog("../planfix:1000", "../planfix"),
        ),
        code(
            "code: ../ in the number",
            "planfix:../1000",
            invalid_code("planfix:../1000"),
        ),
        code(
            "code: absolute path",
            "/etc/passwd",
            invalid_code("/etc/passwd"),
        ),
        code(
            "code: %2e%2e",
            "planfix:%2e%2e",
            invalid_code("planfix:%2e%2e"),
        ),
        code(
            "code: u32::MAX",
            "planfix:4294967295",
            unknown_code("planfix:4294967295", "planfix"),
        ),
        code(
            "code: u32::MAX + 1",
            "planfix:4294967296",
            unknown_code("planfix:4294967296", "planfix"),
        ),
        code(
            "code: u64::MAX + 1",
            "mobizon:18446744073709551616",
            unknown_code("mobizon:18446744073709551616", "mobizon"),
        ),
        code(
            "code: 40 digits",
            "mobizon:9999999999999999999999999999999999999999",
            unknown_code(
                "mobizon:9999999999999999999999999999999999999999",
                "mobizon",
            ),
        ),
        code(
            "code: negative",
            "planfix:-1000",
            invalid_code("planfix:-1000"),
        ),
        code("code: minus zero", "mobizon:-0", invalid_code("mobizon:-0")),
        code(
            "code: leading +",
            "planfix:+1000",
            invalid_code("planfix:+1000"),
        ),
        code(
            "code: leading zeros",
            "planfix:0001000",
            answer("planfix:1000", "en", false),
        ),
        code(
            "code: zero as 00",
            "mobizon:00",
            answer("mobizon:0", "en", false),
        ),
        code(
            "code: leading zeros past u64's digits",
            "mobizon:000000000000000000000000030",
            answer("mobizon:30", "en", false),
        ),
        code(
            "code: whitespace around and inside the colon",
            " \t planfix : 1000 \n",
            answer("planfix:1000", "en", false),
        ),
        code(
            "code: no-break and ideographic spaces",
            "\u{A0}planfix:1000\u{3000}",
            answer("planfix:1000", "en", false),
        ),
        code(
            "code: space inside the number",
            "planfix:10 00",
            invalid_code("planfix:10 00"),
        ),
        code(
            "code: zero-width space",
            "planfix:\u{200B}1000",
            invalid_code("planfix:\u{200B}1000"),
        ),
        code(
            "code: upper case",
            "PLANFIX:TASK-NOT-FOUND",
            answer("planfix:1000", "en", false),
        ),
        code(
            "code: mixed case, underscores",
            "PlanFix:Task_Not_Found",
            answer("planfix:1000", "en", false),
        ),
        code(
            "code: trailing dash in the name",
            "planfix:task-not-found-",
            suggesting(
                unknown_code("planfix:task-not-found-", "planfix"),
                "planfix:task-not-found",
            ),
        ),
        code(
            "code: Cyrillic р in рlanfix",
            "рlanfix:1000",
            suggesting(unknown_catalog("рlanfix:1000", "рlanfix"), "planfix"),
        ),
        code(
            "code: Cyrillic О for zeros",
            "planfix:1ООО",
            invalid_code("planfix:1ООО"),
        ),
        code(
            "code: fullwidth digits",
            "planfix:１０００",
            invalid_code("planfix:１０００"),
        ),
        code(
            "code: Cyrillic е in the name",
            "mobizon:rate-limit-exceedеd",
            invalid_code("mobizon:rate-limit-exceedеd"),
        ),
        code(
            "code: two colons",
            "planfix::1000",
            invalid_code("planfix::1000"),
        ),
        code(
            "code: a second part",
            "planfix:1000:1",
            invalid_code("planfix:1000:1"),
        ),
        // ── Locales: explain("planfix:1000", locale) ───────────────────
        locale("locale: empty", "", invalid_locale("")),
        locale(
            "locale: 1 MB",
            long_locale.clone(),
            invalid_locale(&long_locale),
        ),
        locale(
            "locale: 255 bytes with padding",
            padded_locale,
            answer("planfix:1000", "kk", false),
        ),
        locale(
            "locale: 256 bytes with padding",
            padded_too_long.clone(),
            invalid_locale(&padded_too_long),
        ),
        locale("locale: NUL alone", "\0", invalid_locale("\0")),
        locale("locale: NUL after", "kk\0", invalid_locale("kk\0")),
        locale(
            "locale: U+FFFD from invalid UTF-8",
            "k\u{FFFD}k",
            invalid_locale("k\u{FFFD}k"),
        ),
        locale(
            "locale: bidi override",
            "kk\u{202E}",
            invalid_locale("kk\u{202E}"),
        ),
        locale(
            "locale: right-to-left mark",
            "\u{200F}kk",
            invalid_locale("\u{200F}kk"),
        ),
        locale(
            "locale: ../../etc/passwd",
            "../../etc/passwd",
            invalid_locale("../../etc/passwd"),
        ),
        locale("locale: absolute", "/kk", invalid_locale("/kk")),
        locale(
            "locale: %2e%2e%2fkk",
            "%2e%2e%2fkk",
            invalid_locale("%2e%2e%2fkk"),
        ),
        locale(
            "locale: backslashes",
            "..\\..\\kk",
            invalid_locale("..\\..\\kk"),
        ),
        locale("locale: kk/../ru", "kk/../ru", invalid_locale("kk/../ru")),
        locale("locale: a dot", ".", invalid_locale(".")),
        // The codeset is dropped unread: whatever follows the dot never
        // becomes a path.
        locale(
            "locale: traversal in the codeset",
            "kk_KZ.UTF-8/../../x",
            answer("planfix:1000", "kk", false),
        ),
        locale("locale: a number", "12345", invalid_locale("12345")),
        locale("locale: negative", "-1", invalid_locale("-1")),
        locale("locale: leading +", "+kk", invalid_locale("+kk")),
        locale("locale: leading zero", "0kk", invalid_locale("0kk")),
        locale("locale: trailing dash", "kk-KZ-", invalid_locale("kk-KZ-")),
        locale(
            "locale: whitespace around",
            " \tkk\n",
            answer("planfix:1000", "kk", false),
        ),
        locale("locale: space inside", "kk KZ", invalid_locale("kk KZ")),
        locale(
            "locale: case and underscore",
            "KK_kz",
            answer("planfix:1000", "kk", false),
        ),
        locale(
            "locale: script in odd case",
            "Kk-cYRL-kz",
            answer("planfix:1000", "kk", false),
        ),
        locale("locale: Cyrillic кк", "кк", invalid_locale("кк")),
        locale("locale: Cyrillic к in kк", "kк", invalid_locale("kк")),
        locale(
            "locale: Cyrillic К in the region",
            "ru-КZ",
            invalid_locale("ru-КZ"),
        ),
        locale(
            "locale: POSIX C with codeset",
            "c.utf8",
            answer("planfix:1000", "en", false),
        ),
        locale(
            "locale: und with a region",
            "und-KZ",
            invalid_locale("und-KZ"),
        ),
        locale(
            "locale: private use",
            "x-private",
            invalid_locale("x-private"),
        ),
        locale(
            "locale: unshipped language",
            "de-AT",
            answer("planfix:1000", "en", true),
        ),
        // ── .ftl files: from_dir on a folder with one file ─────────────
        ftl(
            "ftl: empty file",
            "kk",
            "planfix",
            "",
            "kk",
            embedded_from("ru", &[]),
        ),
        ftl(
            "ftl: 1 MB message",
            "kk",
            "planfix",
            task_not_found(&"ж".repeat(MB / 2), "Үлкен"),
            "kk",
            embedded_from(
                "ru",
                &[
                    "1:1: error: too-long: task-not-found can format to 1048586 bytes through its references, more than the 65536 allowed; it is not loaded",
                ],
            ),
        ),
        ftl(
            "ftl: 1 MB of 0xFF",
            "kk",
            "planfix",
            vec![0xFF; MB],
            "kk",
            embedded_from(
                "ru",
                &[
                    "1:1: error: invalid-utf8: invalid UTF-8 at byte 0; the bad bytes read as U+FFFD",
                    "1:1: error: syntax: Expected one of \"a-zA-Z\"",
                ],
            ),
        ),
        ftl(
            "ftl: NUL bytes in the text",
            "kk",
            "planfix",
            task_not_found("A\0B", "T\0"),
            "kk",
            titled("kk", "T\0", &[]),
        ),
        ftl(
            "ftl: invalid UTF-8 in the text",
            "kk",
            "planfix",
            [
                &b"task-not-found = Bad \xFF byte\n"[..],
                b"    .title = T\n",
            ]
            .concat(),
            "kk",
            titled(
                "kk",
                "T",
                &[
                    "1:22: error: invalid-utf8: invalid UTF-8 at byte 21; the bad bytes read as U+FFFD",
                ],
            ),
        ),
        ftl(
            "ftl: bidi controls in the text are the translator's",
            "kk",
            "planfix",
            task_not_found("\u{202E}txet", "\u{2067}T\u{2069}"),
            "kk",
            titled("kk", "\u{2067}T\u{2069}", &[]),
        ),
        ftl(
            "ftl: CRLF line ends",
            "kk",
            "planfix",
            "task-not-found = X\r\n    .title = CRLF\r\n",
            "kk",
            titled("kk", "CRLF", &[]),
        ),
        ftl(
            "ftl: 16 nested placeables",
            "kk",
            "planfix",
            task_not_found(
                &format!("{}\"deep\"{}", "{".repeat(16), "}".repeat(16)),
                "Deep",
            ),
            "kk",
            titled("kk", "Deep", &[]),
        ),
        ftl(
            "ftl: a reference to itself",
            "kk",
            "planfix",
            task_not_found("{ task-not-found }", "Cycle"),
            "kk",
            titled("kk", "Cycle", &[]),
        ),
        // fluent-syntax 0.12 panics on this (a string slice inside a
        // character); errcat's guard turns the panic into a diagnostic.
        ftl(
            "ftl: a \\u escape that panics the Fluent parser",
            "kk",
            "planfix",
            task_not_found("{ \"\\uЖ\" }", "Escape"),
            "kk",
            embedded_from(
                "ru",
                &["1:1: error: syntax: the Fluent parser failed on this entry; it is skipped"],
            ),
        ),
        ftl(
            "ftl: no title falls back",
            "kk",
            "planfix",
            "task-not-found = No title here\n",
            "kk",
            embedded_from("ru", &[]),
        ),
        ftl(
            "ftl: a duplicate id keeps the first",
            "kk",
            "planfix",
            format!(
                "{}{}",
                task_not_found("1", "First"),
                task_not_found("2", "Second")
            ),
            "kk",
            titled(
                "kk",
                "First",
                &[
                    "3:1: error: duplicate-id: task-not-found is defined again here; only the first definition is used",
                ],
            ),
        ),
        ftl(
            "ftl: a folder named %2e%2e",
            "%2e%2e",
            "planfix",
            task_not_found("X", "Traversal"),
            "en",
            embedded_from(
                "en",
                &[
                    "1:1: error: locale-name: folder \"%2e%2e\" is not a canonical locale name such as kk or pt-BR; its files are not loaded",
                ],
            ),
        ),
        ftl(
            "ftl: a folder named with invalid UTF-8",
            OsStr::from_bytes(b"k\xFFk"),
            "planfix",
            task_not_found("X", "Bytes"),
            "en",
            embedded_from(
                "en",
                &[
                    "1:1: error: locale-name: folder name \"k\\xFFk\" is not UTF-8; its files are not loaded",
                ],
            ),
        ),
        ftl(
            "ftl: an upper-case folder",
            "KK",
            "planfix",
            task_not_found("X", "Upper"),
            "kk",
            embedded_from(
                "kk",
                &[
                    "1:1: error: locale-name: folder \"KK\" is not a canonical locale name such as kk or pt-BR; its files are not loaded",
                ],
            ),
        ),
        ftl(
            "ftl: an unknown catalog file",
            "kk",
            "jira",
            task_not_found("X", "Jira"),
            "kk",
            embedded_from(
                "kk",
                &[
                    "1:1: warning: unknown-file: \"jira\" is not a catalog (mobizon, planfix) or errcat's own words (errcat); the file is ignored",
                ],
            ),
        ),
        ftl(
            "ftl: a new language",
            "de",
            "planfix",
            task_not_found("Die Aufgabe gibt es nicht.", "Aufgabe fehlt"),
            "de-AT",
            titled("de", "Aufgabe fehlt", &[]),
        ),
        // ── The errcat binary ──────────────────────────────────────────
        cli(
            "cli: invalid UTF-8 code",
            &[b"explain", b"\xFF\xFE"],
            Expect::Usage("invalid UTF-8 was detected in one or more arguments"),
        ),
        cli(
            "cli: invalid UTF-8 locale",
            &[b"explain", b"planfix:1000", b"--lang", b"k\xFFk"],
            Expect::Usage("invalid UTF-8 was detected in one or more arguments"),
        ),
        cli(
            "cli: invalid UTF-8 catalog",
            &[b"list", b"--catalog", b"\xC0\xAF"],
            Expect::Usage("invalid UTF-8 was detected in one or more arguments"),
        ),
        cli(
            "cli: NUL cannot be an argument",
            &[b"explain", b"planfix:1000\0"],
            Expect::Unspawnable,
        ),
        cli(
            "cli: empty code",
            &[b"explain", b""],
            exit(2, message_of(&invalid_code(""))),
        ),
        cli(
            "cli: the longest argument Linux passes",
            &[b"explain", arg_code.as_bytes()],
            exit(2, message_of(&invalid_code(&arg_code))),
        ),
        cli(
            "cli: the longest locale Linux passes",
            &[
                b"explain",
                b"planfix:1000",
                b"--lang",
                arg_locale.as_bytes(),
            ],
            exit(2, message_of(&invalid_locale(&arg_locale))),
        ),
        cli(
            "cli: bidi override in the code",
            &[b"explain", "planfix:1000\u{202E}".as_bytes()],
            exit(2, message_of(&invalid_code("planfix:1000\u{202E}"))),
        ),
        cli(
            "cli: path traversal as the locale",
            &[b"explain", b"planfix:1000", b"--lang", b"../../etc/passwd"],
            exit(2, message_of(&invalid_locale("../../etc/passwd"))),
        ),
        cli(
            "cli: u32::MAX + 1",
            &[b"explain", b"planfix:4294967296"],
            exit(
                1,
                message_of(&unknown_code("planfix:4294967296", "planfix")),
            ),
        ),
        cli(
            "cli: a negative code is an option to clap",
            &[b"explain", b"-1"],
            Expect::Usage("unexpected argument '-1' found"),
        ),
        cli(
            "cli: a negative code after --",
            &[b"explain", b"--", b"-1"],
            exit(2, message_of(&invalid_code("-1"))),
        ),
        cli(
            "cli: Cyrillic р in рlanfix",
            &["explain".as_bytes(), "рlanfix:1000".as_bytes()],
            exit(
                1,
                message_of(&suggesting(
                    unknown_catalog("рlanfix:1000", "рlanfix"),
                    "planfix",
                )),
            ),
        ),
        cli(
            "cli: traversal as the catalog",
            &[b"list", b"--catalog", b"../planfix"],
            exit(1, message_of(&unknown_catalog("../planfix", "../planfix"))),
        ),
        cli(
            "cli: case, zeros and whitespace variants",
            &[
                b"explain",
                b"PLANFIX:0001000",
                b"--lang",
                b" KK_kz.UTF-8 ",
                b"--json",
            ],
            Expect::ExitJson("planfix:1000", "kk-KZ", "kk"),
        ),
        cli(
            "cli: a missing locale value",
            &[b"explain", b"planfix:1000", b"--lang"],
            Expect::Usage("a value is required for '--lang <LOCALE>' but none was supplied"),
        ),
        cli_env(
            "cli: LANG that is not UTF-8 counts as unset",
            &[b"explain", b"planfix:1000", b"--json"],
            &[("LANG", b"kk_KZ.\xFF")],
            Expect::ExitJson("planfix:1000", "en", "en"),
        ),
        cli_env(
            "cli: LC_ALL with path traversal is not used",
            &[b"explain", b"planfix:1000", b"--json"],
            &[("LC_ALL", b"../..")],
            Expect::ExitJson("planfix:1000", "en", "en"),
        ),
        cli(
            "cli: the locale flag is checked like the library",
            &[b"explain", b"planfix:1000", b"--lang", b"../.."],
            exit(2, message_of(&lc_invalid)),
        ),
    ]
}

fn variant(err: &Error) -> &'static str {
    match err {
        Error::InvalidCode { .. } => "InvalidCode",
        Error::UnknownCatalog { .. } => "UnknownCatalog",
        Error::UnknownCode { .. } => "UnknownCode",
        Error::InvalidLocale { .. } => "InvalidLocale",
        Error::Io { .. } => "Io",
        Error::NoText { .. } => "NoText",
        _ => "other",
    }
}

/// Checks one library outcome against what was expected.
fn check_lookup(
    result: Result<errcat::Explanation<'_>, Error>,
    expect: &Expect,
) -> Result<(), String> {
    match (result, expect) {
        (
            Ok(e),
            Expect::Answer {
                code,
                locale,
                fallback,
            },
        ) => {
            let got = (
                e.code_text().to_string(),
                e.locale().to_string(),
                e.is_fallback(),
            );
            if got == ((*code).to_owned(), (*locale).to_owned(), *fallback) {
                Ok(())
            } else {
                Err(format!("answered {got:?}"))
            }
        }
        (Err(err), Expect::Error(kind, message)) => {
            if variant(&err) != *kind {
                return Err(format!("{} instead of {kind}: {err}", variant(&err)));
            }
            if err.to_string() != *message {
                return Err(format!(
                    "message {:?}, expected {message:?}",
                    err.to_string()
                ));
            }
            Ok(())
        }
        (Ok(e), _) => Err(format!("answered {} in {}", e.code_text(), e.locale())),
        (Err(err), _) => Err(format!("{}: {err}", variant(&err))),
    }
}

fn run_ftl(
    folder: &OsStr,
    file: &str,
    bytes: &[u8],
    lookup_locale: &str,
    expect: &Expect,
) -> Result<(), String> {
    let Expect::Served {
        locale,
        title,
        explanation_len,
        diagnostics,
    } = expect
    else {
        return Err("an .ftl case needs Expect::Served".to_owned());
    };
    let dir = TempDir::new();
    let folder = dir.path().join(folder);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(format!("{file}.ftl"));
    std::fs::write(&path, bytes).unwrap();
    let (catalog, found) = Catalog::from_dir(dir.path()).map_err(|e| format!("from_dir: {e}"))?;
    // Diagnostics without their path: `line:col: severity: rule: message`.
    let shown: Vec<String> = found
        .iter()
        .map(|d| {
            let s = d.to_string();
            s.strip_prefix(&format!("{}:", d.path))
                .unwrap_or(&s)
                .to_owned()
        })
        .collect();
    if shown != *diagnostics {
        return Err(format!("diagnostics {shown:#?}"));
    }
    let e = catalog
        .explain("planfix:1000", lookup_locale)
        .map_err(|e| format!("explain: {e}"))?;
    if e.locale() != locale {
        return Err(format!("served by {}", e.locale()));
    }
    let expected_title = match title {
        Some(t) => t.clone(),
        None => Catalog::embedded()
            .explain("planfix:1000", locale)
            .unwrap()
            .title()
            .to_owned(),
    };
    if e.title() != expected_title {
        return Err(format!("title {:?}", e.title()));
    }
    if let Some(len) = explanation_len {
        if e.explanation().len() != *len {
            return Err(format!("explanation of {} bytes", e.explanation().len()));
        }
    }
    // Every other code is still served.
    for id in errcat::CatalogId::ALL {
        for code in id.codes() {
            catalog
                .explain(&code.to_string(), lookup_locale)
                .map_err(|e| format!("{code}: {e}"))?;
        }
    }
    Ok(())
}

fn run_cli(
    args: &[OsString],
    env: &[(&'static str, OsString)],
    expect: &Expect,
) -> Result<(), String> {
    let mut cmd = crate::fixtures::errcat_command();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output();
    let output = match (output, expect) {
        (Err(e), Expect::Unspawnable) if e.kind() == std::io::ErrorKind::InvalidInput => {
            return Ok(());
        }
        (Err(e), _) => return Err(format!("cannot run errcat: {e}")),
        (Ok(o), Expect::Unspawnable) => return Err(format!("ran: {:?}", o.status)),
        (Ok(o), _) => o,
    };
    let status = output.status.code();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    match expect {
        Expect::Exit(code, line) => {
            if status != Some(*code) || stderr != format!("{line}\n") || !stdout.is_empty() {
                return Err(format!(
                    "exit {status:?}, stderr {stderr:?}, stdout {} bytes",
                    stdout.len()
                ));
            }
        }
        Expect::Usage(reason) => {
            let first_line = stderr.lines().next().unwrap_or_default();
            if status != Some(2) || !first_line.contains(*reason) || !stdout.is_empty() {
                return Err(format!("exit {status:?}, stderr {stderr:?}"));
            }
        }
        Expect::ExitJson(code, requested, locale) => {
            if status != Some(0) || !stderr.is_empty() {
                return Err(format!("exit {status:?}, stderr {stderr:?}"));
            }
            let v: Value = serde_json::from_str(&stdout).map_err(|e| format!("{e}: {stdout}"))?;
            let got = (&v["code"], &v["requested"], &v["locale"]);
            if got
                != (
                    &Value::from(*code),
                    &Value::from(*requested),
                    &Value::from(*locale),
                )
            {
                return Err(format!("answered {got:?}"));
            }
        }
        _ => return Err("a CLI case needs Exit, Usage, ExitJson or Unspawnable".to_owned()),
    }
    Ok(())
}

fn run(case: &Case) -> Result<(), String> {
    let catalog = Catalog::embedded();
    match &case.input {
        Input::Code(input) => check_lookup(catalog.explain(input, "en"), &case.expect),
        Input::Locale(input) => {
            let result = catalog.explain("planfix:1000", input);
            // chain() refuses exactly what explain() refuses.
            match (&result, catalog.chain(input)) {
                (Ok(_), Ok(_)) => {}
                (Err(a), Err(b)) if *a == b => {}
                (_, chain) => return Err(format!("chain() disagrees: {chain:?}")),
            }
            check_lookup(result, &case.expect)
        }
        Input::Ftl {
            folder,
            file,
            bytes,
            lookup_locale,
        } => run_ftl(folder, file, bytes, lookup_locale, &case.expect),
        Input::Cli { args, env } => run_cli(args, env, &case.expect),
    }
}

#[test]
fn hostile_inputs_get_their_expected_outcome() {
    let cases = cases();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names must be unique");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run(case).err().map(|why| format!("{}: {why}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} hostile cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ── Findings (FUZZING.md) ─────────────────────────────────────────────

fn write_folder(files: &[(&str, &str, &[u8])]) -> TempDir {
    let dir = TempDir::new();
    for (folder, file, bytes) in files {
        let folder = dir.path().join(folder);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{file}.ftl")), bytes).unwrap();
    }
    dir
}

/// F1: a broken `en` file in a locales folder loses every message it
/// lacks: the embedded `en` is not behind it, so `explain` gives
/// `Error::NoText`. Fuzz input: `fuzz/regressions/from_dir-F1`.
#[test]
fn f1_a_broken_en_file_still_serves_every_code() {
    for bytes in [
        &b""[..],
        b"\xFF\xFE",
        b"task-not-found = {",
        b"catalog-title = X\n",
    ] {
        let dir = write_folder(&[("en", "planfix", bytes)]);
        let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
        for code in errcat::CatalogId::Planfix.codes() {
            // en and an unshipped language get the embedded en; kk still
            // has its own (embedded) file.
            for (locale, served) in [("en", "en"), ("de", "en"), ("kk", "kk")] {
                let e = catalog
                    .explain(&code.to_string(), locale)
                    .unwrap_or_else(|e| panic!("{bytes:?}: {code} in {locale}: {e}"));
                let embedded = Catalog::embedded()
                    .explain(&code.to_string(), served)
                    .unwrap();
                assert_eq!(
                    (e.locale().to_string().as_str(), e.title()),
                    (served, embedded.title()),
                    "{code} in {locale}"
                );
            }
        }
    }
}

/// Runs this test binary's `test` alone in a child process (limited to
/// 2 GiB of memory), with `env` set to `dir`: for loads that may abort or
/// hang, so that they fail the test instead of the test binary; asserts that
/// the child ran that one test and it passed.
fn assert_passes_in_child(test: &str, env: &str, dir: &TempDir) {
    let o = Command::new("sh")
        .args(["-c", "ulimit -v 2097152 && exec \"$@\"", "sh"])
        .arg(std::env::current_exe().unwrap())
        .args([test, "--exact", "--include-ignored", "--nocapture"])
        .env(env, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{test}: the child failed: {:?}\n{stdout}{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    // A child that ran no test (a renamed test, a mistyped name) passes
    // too: it must have run exactly this one.
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "{test}: the child ran no test:\n{stdout}"
    );
}

/// F2: deeply nested placeables (`{{{…`) or calls (`F(F(F(…`) overflow the
/// stack inside the Fluent parser and abort the process; no `catch_unwind`
/// can stop that. In a debug build ~200 levels do it on a test thread's
/// 2 MiB stack, ~15,000 in release on an 8 MiB main thread. Each folder is
/// loaded in a child process, so that the overflow fails this test instead
/// of killing the test binary.
#[test]
fn f2_deep_nesting_does_not_overflow_the_stack() {
    const CHILD: &str = "ERRCAT_HOSTILE_F2_DIR";
    if let Some(dir) = std::env::var_os(CHILD) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let (catalog, _) = Catalog::from_dir(entry.unwrap().path()).unwrap();
            // The broken message falls back; nothing aborts.
            let e = catalog.explain("planfix:1000", "kk").unwrap();
            assert!(["kk", "ru"].contains(&e.locale().to_string().as_str()));
        }
        return;
    }
    let dir = TempDir::new();
    for depth in [1_000, 100_000] {
        for (shape, text) in [
            (
                "braces",
                format!("{}x{}", "{".repeat(depth), "}".repeat(depth)),
            ),
            (
                "calls",
                format!("{{ {}x{} }}", "F(".repeat(depth), ")".repeat(depth)),
            ),
            ("open", "{".repeat(depth)),
        ] {
            let folder = dir.path().join(format!("{shape}-{depth}/kk"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("planfix.ftl"), task_not_found(&text, "T")).unwrap();
        }
    }
    assert_passes_in_child(
        "hostile::f2_deep_nesting_does_not_overflow_the_stack",
        CHILD,
        &dir,
    );
}

/// F3: a 4-letter variant subtag (not valid BCP 47, which wants 5–8
/// characters or a digit and 3) is accepted; as variants are sorted, the
/// canonical tag then re-parses differently (`-abcd` becomes a script), so
/// `requested` does not round-trip. Fuzz input: `fuzz/regressions/locale-F3`.
#[test]
fn f3_a_four_letter_variant_is_refused() {
    for input in ["kk-zzzzz-abcd", "ru_RULatn8-posi", "uk-1606nict-abcd"] {
        let err = Catalog::embedded()
            .explain("planfix:1000", input)
            .map(|e| e.requested().to_string())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            message_of(&invalid_locale(input)),
            "{input}"
        );
    }
    // Valid variants (and a 4-letter script) still parse, and round-trip.
    for input in ["de-CH-1996", "sl-rozaj-biske", "ca-ES-valencia", "en-abcd"] {
        let id = errcat::parse_locale(input).unwrap();
        assert_eq!(
            errcat::parse_locale(&id.to_string()).unwrap(),
            id,
            "{input}"
        );
    }
}

/// F4: `chain_from` with `en` before other locales keeps them after it, so
/// the chain does not end in `en` (the documented last resort), e.g.
/// `chain_from(["en", "ru"])` is `en → ru`. Fuzz input:
/// `fuzz/regressions/locale-F4`.
#[test]
fn f4_a_caller_chain_ends_at_en() {
    let catalog = Catalog::embedded();
    for (list, expected) in [
        (&["en", "ru"][..], "en: en"),
        (&["C", "ru"], "en: en"),
        (&["kk", "en-GB", "uk"], "kk: kk → en"),
        (&["uk", "ru"], "uk: uk → ru → en"),
    ] {
        assert_eq!(
            catalog.chain_from(list).unwrap().to_string(),
            expected,
            "{list:?}"
        );
    }
}

/// F5: usage errors from the argument parser take four lines on stderr
/// (error, blank, usage, hint), where the README promises one.
#[test]
fn f5_usage_errors_are_one_line() {
    for args in [
        &[&b"explain"[..], b"\xFF"][..],
        &[b"explain", b"-1"],
        &[b"explain"],
        &[b"frobnicate"],
    ] {
        let args: Vec<&OsStr> = args.iter().map(|a| OsStr::from_bytes(a)).collect();
        let o = Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("errcat: "), "{args:?}: {stderr}");
    }
}

/// F6: a locale variable that does not parse "counts as unset" (main.rs),
/// yet an invalid `LC_ALL` hides a valid `LANG`: the answer is in `en`, not
/// in the `LANG` locale.
#[test]
fn f6_an_invalid_lc_all_falls_through_to_lang() {
    let o = Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(["explain", "planfix:1000", "--json"])
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env("LC_ALL", "../..")
        .env("LANG", "kk_KZ.UTF-8")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["locale"], "kk", "{v}");
}

/// F7: a UTF-8 byte order mark at the start of a file (as some Windows
/// editors save) makes the file's first message junk, so it falls back.
#[test]
fn f7_a_byte_order_mark_is_not_part_of_the_first_message() {
    let text = format!("\u{FEFF}{}", task_not_found("X", "BOM"));
    let dir = write_folder(&[("kk", "planfix", text.as_bytes())]);
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let e = catalog.explain("planfix:1000", "kk").unwrap();
    assert_eq!((e.locale().to_string().as_str(), e.title()), ("kk", "BOM"));
}

/// F8: `from_dir` opens whatever is named `<catalog>.ftl`: a named pipe
/// blocks it for ever, and a link to `/dev/zero` reads until memory runs
/// out (the size check sees a device of length 0). The load runs in a
/// child process limited to 2 GiB of memory that gives up after 10 s.
#[test]
fn f8_a_pipe_or_a_device_is_skipped_not_read() {
    const CHILD: &str = "ERRCAT_HOSTILE_F8_DIR";
    if let Some(dir) = std::env::var_os(CHILD) {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (catalog, diagnostics) = Catalog::from_dir(dir).unwrap();
            // Both files are reported and skipped; the embedded kk serves.
            assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
            let e = catalog.explain("planfix:1000", "kk").unwrap();
            assert_eq!(e.locale().to_string(), "kk");
            done.send(()).unwrap();
        });
        if finished
            .recv_timeout(std::time::Duration::from_secs(10))
            .is_err()
        {
            eprintln!("from_dir did not return within 10 s");
            std::process::exit(3);
        }
        return;
    }
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("kk")).unwrap();
    std::fs::create_dir_all(dir.path().join("ru")).unwrap();
    let fifo = dir.path().join("kk/planfix.ftl");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("ru/planfix.ftl")).unwrap();
    assert_passes_in_child(
        "hostile::f8_a_pipe_or_a_device_is_skipped_not_read",
        CHILD,
        &dir,
    );
}

/// F9: `parse_accept_language` reads at most 4096 bytes of a header, but
/// when byte 4096 falls inside a character, `str::get` gives `None` and the
/// whole header is read instead: here a language past the cap is used.
#[test]
fn f9_the_accept_language_cap_holds_at_a_character_boundary() {
    let header = format!("{}ж,kk", "a".repeat(4095));
    assert_eq!(header.len(), 4095 + 2 + 3);
    let chain = Catalog::embedded().chain_for_accept_language(&header);
    assert_eq!(chain.to_string(), "en: en");
    // The same header with the character before the cap is cut there.
    let header = format!("{}ж,kk", "a".repeat(4093));
    let chain = Catalog::embedded().chain_for_accept_language(&header);
    assert_eq!(chain.to_string(), "en: en");
}

/// F10: the nesting guard of F2 stops counting after a `"` inside a
/// placeable, taking it for the start of a string literal; but in the text
/// of a select variant a `"` is plain text, and the `{` after it on the line
/// nest for the parser all the same: the stack overflows again.
#[test]
fn f10_a_quote_in_variant_text_does_not_hide_nesting() {
    const CHILD: &str = "ERRCAT_HOSTILE_F10_DIR";
    if let Some(dir) = std::env::var_os(CHILD) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let (catalog, _) = Catalog::from_dir(entry.unwrap().path()).unwrap();
            let e = catalog.explain("planfix:1000", "kk").unwrap();
            assert!(["kk", "ru"].contains(&e.locale().to_string().as_str()));
        }
        return;
    }
    let dir = TempDir::new();
    let depth = 100_000;
    for (shape, value) in [
        (
            "quote-then-braces",
            format!("{{ $a ->\n *[x] \" {}\n}}", "{".repeat(depth)),
        ),
        (
            "quote-then-closed-braces",
            format!(
                "{{ $a ->\n *[x] \"{}x{}\n}}",
                "{".repeat(depth),
                "}".repeat(depth)
            ),
        ),
        (
            "quote-then-calls",
            format!("{{ $a ->\n *[x] \" {{ {}\n}}", "F(".repeat(depth)),
        ),
    ] {
        let folder = dir.path().join(format!("{shape}/kk"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("planfix.ftl"), task_not_found(&value, "T")).unwrap();
    }
    assert_passes_in_child(
        "hostile::f10_a_quote_in_variant_text_does_not_hide_nesting",
        CHILD,
        &dir,
    );
}

/// F11: the fix of F1 adds the embedded `en` to the folder's `en` bundle
/// without overriding it, so a message the folder's file has but breaks
/// (no `.title`, no value) keeps the broken one and the code still has no
/// answer (`Error::NoText`). Fuzz input: `fuzz/regressions/from_dir-F11`.
#[test]
fn f11_a_broken_message_in_en_still_has_an_answer() {
    for text in [
        "task-not-found = No title here\n",
        "task-not-found =\n    .title = Only a title\n",
        "task-not-found = { $missing ->\n}\n    .title = T\n",
    ] {
        let dir = write_folder(&[("en", "planfix", text.as_bytes())]);
        let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
        for locale in ["en", "de"] {
            let e = catalog
                .explain("planfix:1000", locale)
                .unwrap_or_else(|e| panic!("{text:?} in {locale}: {e}"));
            let embedded = Catalog::embedded().explain("planfix:1000", "en").unwrap();
            assert_eq!(
                (e.locale().to_string().as_str(), e.title()),
                ("en", embedded.title()),
                "{text:?} in {locale}"
            );
        }
    }
}

/// F12: some Fluent parser messages hold raw line breaks (`Expected one of
/// "\n | \r\n"`, for a select expression written on one line), so a
/// diagnostic spans three lines, where `path:line:col: …` must be one line
/// for editors, CI logs and `errcat check`. Fuzz input:
/// `fuzz/regressions/from_dir-F12`.
#[test]
fn f12_a_parser_message_stays_on_one_line() {
    let text = task_not_found("{ $n -> *[other] many }", "T");
    let dir = write_folder(&[("kk", "planfix", text.as_bytes())]);
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    let shown: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            let s = d.to_string();
            s.strip_prefix(&format!("{}:", d.path))
                .unwrap_or(&s)
                .to_owned()
        })
        .collect();
    assert_eq!(
        shown,
        [r#"1:26: error: syntax: Expected one of "\n | \r\n""#]
    );
    let e = catalog.explain("planfix:1000", "kk").unwrap();
    assert_eq!(e.locale().to_string(), "ru");
}

/// F13: entries were split at every column-0 line that begins with a
/// letter, even inside an open placeable, where Fluent allows them: a valid
/// `task-not-found = Aufgabe {` / `other } nicht gefunden` was lost and
/// English served instead. A placeable that never closes still costs only
/// its own message.
#[test]
fn f13_column_0_lines_inside_a_placeable_belong_to_their_message() {
    let text = "task-not-found = Aufgabe {\nother } nicht gefunden\n    .title = { $n ->\n*[other] {\nother\n}\n} fehlt\nother = X\n";
    let dir = write_folder(&[("de", "planfix", text.as_bytes())]);
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let e = catalog.explain("planfix:1000", "de").unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.explanation(), e.title()),
        ("de", "Aufgabe X nicht gefunden", "X fehlt")
    );
    // Unclosed, the broken message is reported and the next one is served.
    let text = "invalid-token = {\nx\ntask-not-found = Aufgabe fehlt\n    .title = Fehlt\n";
    let dir = write_folder(&[("de", "planfix", text.as_bytes())]);
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].line, 2, "{diagnostics:?}");
    let e = catalog.explain("planfix:1000", "de").unwrap();
    assert_eq!(
        (e.locale().to_string().as_str(), e.title()),
        ("de", "Fehlt")
    );
}

/// How many times longer `run(4 * n)` takes than `run(n)`, each the least
/// of three runs: about 4 for work that grows with the input, 16 for work
/// that grows with its square. `prepare` makes the input outside the clock.
fn growth<T>(n: usize, prepare: impl Fn(usize) -> T, run: impl Fn(&T)) -> f64 {
    let least = |n: usize| {
        let input = prepare(n);
        (0..3)
            .map(|_| {
                let start = std::time::Instant::now();
                run(&input);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let small = least(n);
    let large = least(4 * n);
    large.as_secs_f64() / small.as_secs_f64().max(1e-9)
}

/// Linear work grows 4× from n to 4n; this leaves room for noise on a
/// busy machine and still fails quadratic work (16×).
const LINEAR: f64 = 9.0;

/// A folder with `kk/mobizon.ftl` holding `success` with this value and
/// these lines after its title.
fn success_folder(value: &str, after_title: &str) -> TempDir {
    let text = format!("success = {value}\n    .title = T\n{after_title}");
    write_folder(&[("kk", "mobizon", text.as_bytes())])
}

/// F14: the Fluent parser compares each named argument of a call with all
/// the names before it: `{ NUMBER(a0: 1, a1: 1, …) }` with 40,000
/// arguments took 2.8 s to load, 300,000 more than a minute. A call with
/// more than 64 is refused before parsing, as a finding on its entry.
#[test]
fn f14_a_call_with_thousands_of_named_arguments_is_refused_before_parsing() {
    let call = |n: usize| {
        let args: Vec<String> = (0..n).map(|i| format!("a{i}: 1")).collect();
        format!("{{ NUMBER({}) }}", args.join(", "))
    };
    let dir = success_folder(&call(1000), "");
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].ends_with(
            "kk/mobizon.ftl:1:525: error: syntax: a call has more than 64 named arguments here; the entry is skipped"
        ),
        "{shown:?}"
    );
    let e = catalog.explain("mobizon:0", "kk").unwrap();
    assert_eq!(e.locale().to_string(), "ru");
    let report = errcat::tooling::check_dir(dir.path()).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("64 named"))
    );
    // 64 named arguments still parse.
    let dir = success_folder(&call(64), "");
    let report = errcat::tooling::check_dir(dir.path()).unwrap();
    assert!(
        report.diagnostics.iter().all(|d| d.rule != "syntax"),
        "{:?}",
        report.diagnostics
    );
    let ratio = growth(
        20_000,
        |n| success_folder(&call(n), ""),
        |dir| {
            Catalog::from_dir(dir.path()).unwrap();
            errcat::tooling::check_dir(dir.path()).unwrap();
        },
    );
    assert!(ratio < LINEAR, "4× the arguments took {ratio:.1}× as long");
}

/// F15: `check` looked for each attribute's line by scanning its whole
/// message again: 10,000 / 20,000 / 40,000 attributes on one message took
/// 1.7 / 5.4 / 20.6 s. The lines are indexed once per entry.
#[test]
fn f15_thousands_of_attributes_are_indexed_once() {
    let attributes = |n: usize| -> String { (0..n).map(|i| format!("    .a{i} = x\n")).collect() };
    let dir = success_folder("S", &attributes(3));
    let report = errcat::tooling::check_dir(dir.path()).unwrap();
    let extra: Vec<(usize, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "extra-attribute")
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(
        extra,
        [
            (3, "success has .a0, which en does not have"),
            (4, "success has .a1, which en does not have"),
            (5, "success has .a2, which en does not have"),
        ]
    );
    let ratio = growth(
        5_000,
        |n| success_folder("S", &attributes(n)),
        |dir| {
            Catalog::from_dir(dir.path()).unwrap();
            errcat::tooling::check_dir(dir.path()).unwrap();
        },
    );
    assert!(ratio < LINEAR, "4× the attributes took {ratio:.1}× as long");
}

/// F16: loading a locales folder looked up each file's locale among all
/// the locales found so far, and each locale's chain among all locales:
/// 1,000 / 4,000 / 16,000 locale folders took 0.06 / 0.68 / 10.6 s. Both
/// are indexed once.
#[test]
fn f16_thousands_of_locale_folders_load_in_linear_time() {
    let folders = |n: usize| {
        let dir = TempDir::new();
        let mut made = 0;
        'all: for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                for region in std::iter::once(String::new())
                    .chain((b'A'..=b'Z').map(|r| format!("-{}{}", r as char, r as char)))
                {
                    if made == n {
                        break 'all;
                    }
                    let tag = format!("{}{}{region}", a as char, b as char);
                    let folder = dir.path().join(tag);
                    std::fs::create_dir_all(&folder).unwrap();
                    std::fs::write(folder.join("mobizon.ftl"), "success = S\n    .title = T\n")
                        .unwrap();
                    made += 1;
                }
            }
        }
        assert_eq!(made, n);
        dir
    };
    let dir = folders(100);
    let (catalog, _) = Catalog::from_dir(dir.path()).unwrap();
    let chain = catalog.chain("ab-CC").unwrap();
    assert_eq!(chain.to_string(), "ab-CC: ab-CC → ab → en");
    let ratio = growth(500, folders, |dir| {
        Catalog::from_dir(dir.path()).unwrap();
    });
    assert!(ratio < LINEAR, "4× the folders took {ratio:.1}× as long");
}

/// F17: 400,000 one-line terms appended to a 5 MB `kk/mobizon.ftl` made
/// `explain --locales` peak at 993 MB: every entry's syntax tree was kept
/// in the bundle, and terms twice (the lookup bundle kept every term,
/// referenced or not). A file's entries past 10,000 are reported and not
/// loaded, and the lookup bundle keeps only terms something refers to.
#[test]
fn f17_hundreds_of_thousands_of_terms_load_in_bounded_memory() {
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/kk/mobizon.ftl"),
    )
    .unwrap();
    let folder = |n: usize| {
        let terms: String = (0..n).map(|i| format!("-t{i} = term {i}\n")).collect();
        let text = format!("{shipped}{terms}");
        (
            write_folder(&[("kk", "mobizon", text.as_bytes())]),
            text.len(),
        )
    };
    let peak = |n: usize| {
        let (dir, bytes) = folder(n);
        let mut loaded = None;
        let peak = crate::alloc::peak_bytes_during(|| {
            loaded = Some(Catalog::from_dir(dir.path()).unwrap());
        });
        let (catalog, diagnostics) = loaded.unwrap();
        let e = catalog.explain("mobizon:0", "kk").unwrap();
        assert_eq!(e.locale().to_string(), "kk");
        (peak, bytes, diagnostics)
    };
    let (small, _, diagnostics) = peak(20_000);
    let (large, bytes, _) = peak(80_000);
    let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].contains(
            "error: too-long: the file has more than 10000 entries (messages, terms and comments); from here on they are not loaded"
        ),
        "{shown:?}"
    );
    // The folder's bytes twenty times over, and the embedded catalog's.
    assert!(
        large <= 20 * bytes + (64 << 20),
        "{large} bytes at the peak for a folder of {bytes}"
    );
    assert!(
        (large as f64) < 2.0 * small as f64,
        "4× the terms took {large} bytes against {small}"
    );
}
