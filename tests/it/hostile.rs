//! The hostile-input catalogue: inputs a UI, a support tool or a
//! translator's editor may pass errcat — empty, 1 MB long, NUL bytes,
//! invalid UTF-8, bidi controls, path traversal, numbers past u32 and u64,
//! signs, leading zeros, whitespace and case variants, look-alike letters —
//! each with its exact expected outcome: the answer, or the error variant
//! and message (which names the input), or for the CLI the exit status and
//! the one line on stderr. The cases are data, in
//! `tests/fixtures/hostile/{code,locale,ftl,cli}.txt` (the format is
//! described at the top of each file); the loader and the runner are here.
//!
//! Below the table: one regression test per finding of the fuzzing and of
//! this catalogue (FUZZING.md). A finding whose fix has not landed yet is
//! `#[ignore]`d; drop the `#[ignore]` with the fix.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;
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
        file: String,
        bytes: Vec<u8>,
        lookup_locale: String,
    },
    /// The `errcat` binary with these arguments and environment (the
    /// locale variables are cleared first).
    Cli {
        args: Vec<OsString>,
        env: Vec<(String, OsString)>,
    },
}

/// What must come out.
enum Expect {
    /// An answer: this code, served by this locale, a fallback or not.
    Answer {
        code: String,
        locale: String,
        fallback: bool,
    },
    /// This error variant with exactly this message.
    Error(String, String),
    /// `from_dir` loads, `planfix:1000` is served by `locale` with this
    /// title (`None`: the embedded title of that locale), and the
    /// diagnostics, each shown without its path, are exactly these.
    Served {
        locale: String,
        title: Option<String>,
        explanation_len: Option<usize>,
        diagnostics: Vec<String>,
    },
    /// The binary exits with this status and prints exactly this one line
    /// on stderr (nothing on stdout unless status 0).
    Exit(i32, String),
    /// The binary exits 0 with this JSON answer: code, requested, locale.
    ExitJson(String, String, String),
    /// A usage error from the argument parser: exit status 2, and the
    /// first line on stderr gives this reason (finding F5: clap adds usage
    /// lines after it).
    Usage(String),
    /// The operating system refuses to start the process with this argument.
    Unspawnable,
}

struct Case {
    name: String,
    input: Input,
    expect: Expect,
}

/// The catalogue's files in tests/fixtures/hostile/, one per kind of input.
const KINDS: [&str; 4] = ["code", "locale", "ftl", "cli"];

/// Every case of the catalogue, in file order. The format is described
/// at the top of each file.
fn cases() -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut cases = Vec::new();
    for kind in KINDS {
        let path = dir.join(format!("{kind}.txt"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (name, fields) in records(&text) {
            let case = parse_case(kind, &name, &fields)
                .unwrap_or_else(|e| panic!("{}: case {name:?}: {e}", path.display()));
            cases.push(case);
        }
    }
    cases
}

/// A `key: value` line of a case, with its line number.
type Field = (usize, String, String);

/// The file's cases: each `case: <name>` line and the `key: value` lines
/// after it, with their line numbers. Comments and blank lines are skipped.
fn records(text: &str) -> Vec<(String, Vec<Field>)> {
    let mut records: Vec<(String, Vec<Field>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .map_or((line, ""), |(k, v)| (k, v.trim_start()));
        if key == "case" {
            records.push((value.to_owned(), Vec::new()));
        } else {
            let (_, fields) = records
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: a field before the first case", n + 1));
            fields.push((n + 1, key.to_owned(), value.to_owned()));
        }
    }
    records
}

fn parse_case(kind: &str, name: &str, fields: &[Field]) -> Result<Case, String> {
    let mut seen = std::collections::BTreeSet::new();
    let one = |key: &str| -> Result<&str, String> {
        let mut found = fields.iter().filter(|(_, k, _)| k == key);
        match (found.next(), found.next()) {
            (Some((_, _, v)), None) => Ok(v.as_str()),
            (None, _) => Err(format!("no `{key}:`")),
            (Some(_), Some((n, _, _))) => Err(format!("line {n}: `{key}:` again")),
        }
    };
    let maybe = |key: &str| fields.iter().any(|(_, k, _)| k == key);
    let text = |key: &str| one(key).and_then(|v| string(v).map_err(|e| format!("`{key}:` {e}")));
    let input = match kind {
        "code" => Input::Code(text("input")?),
        "locale" => Input::Locale(text("input")?),
        "ftl" => Input::Ftl {
            folder: OsString::from_vec(bytes(one("folder")?)?),
            file: one("file")?.to_owned(),
            bytes: bytes(one("bytes")?)?,
            lookup_locale: one("lookup")?.to_owned(),
        },
        "cli" => Input::Cli {
            args: fields
                .iter()
                .filter(|(_, k, _)| k == "arg")
                .map(|(_, _, v)| bytes(v).map(OsString::from_vec))
                .collect::<Result<_, _>>()?,
            env: fields
                .iter()
                .filter(|(_, k, _)| k == "env")
                .map(|(_, _, v)| {
                    let (var, value) = v.split_once(' ').ok_or("`env:` needs NAME value")?;
                    Ok((var.to_owned(), OsString::from_vec(bytes(value)?)))
                })
                .collect::<Result<_, String>>()?,
        },
        other => return Err(format!("unknown kind {other}")),
    };
    seen.extend(["input", "folder", "file", "bytes", "lookup", "arg", "env"]);
    let expect = if maybe("answer") {
        let words: Vec<&str> = one("answer")?.split(' ').collect();
        match words.as_slice() {
            [code, locale] | [code, locale, "fallback"] => Expect::Answer {
                code: (*code).to_owned(),
                locale: (*locale).to_owned(),
                fallback: words.len() == 3,
            },
            _ => return Err("`answer:` needs <code> <locale> [fallback]".to_owned()),
        }
    } else if maybe("error") {
        Expect::Error(one("error")?.to_owned(), text("message")?)
    } else if maybe("served") {
        Expect::Served {
            locale: one("served")?.to_owned(),
            title: if maybe("title") {
                Some(text("title")?)
            } else {
                None
            },
            explanation_len: if maybe("explanation-len") {
                Some(
                    one("explanation-len")?
                        .parse()
                        .map_err(|e| format!("explanation-len: {e}"))?,
                )
            } else {
                None
            },
            diagnostics: fields
                .iter()
                .filter(|(_, k, _)| k == "diagnostic")
                .map(|(_, _, v)| string(v))
                .collect::<Result<_, _>>()?,
        }
    } else if maybe("exit") {
        let status = one("exit")?.parse().map_err(|e| format!("exit: {e}"))?;
        Expect::Exit(status, text("stderr")?)
    } else if maybe("exit-json") {
        match one("exit-json")?.split(' ').collect::<Vec<_>>().as_slice() {
            [code, requested, locale] => Expect::ExitJson(
                (*code).to_owned(),
                (*requested).to_owned(),
                (*locale).to_owned(),
            ),
            _ => return Err("`exit-json:` needs <code> <requested> <locale>".to_owned()),
        }
    } else if maybe("usage") {
        Expect::Usage(text("usage")?)
    } else if maybe("unspawnable") {
        Expect::Unspawnable
    } else {
        return Err("no expected outcome".to_owned());
    };
    seen.extend([
        "answer",
        "error",
        "message",
        "served",
        "title",
        "explanation-len",
        "diagnostic",
        "exit",
        "stderr",
        "exit-json",
        "usage",
        "unspawnable",
    ]);
    if let Some((n, key, _)) = fields.iter().find(|(_, k, _)| !seen.contains(k.as_str())) {
        return Err(format!("line {n}: unknown field `{key}:`"));
    }
    Ok(Case {
        name: name.to_owned(),
        input,
        expect,
    })
}

/// A quoted value that must be UTF-8.
fn string(value: &str) -> Result<String, String> {
    String::from_utf8(bytes(value)?).map_err(|e| format!("not UTF-8: {e}"))
}

/// A value: quoted strings, each optionally `*N` repeated, joined.
fn bytes(value: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut chars = value.trim().chars().peekable();
    loop {
        while chars.next_if(|c| *c == ' ').is_some() {}
        match chars.next() {
            None => return Ok(out),
            Some('"') => {}
            Some(c) => return Err(format!("expected a quoted string at {c:?} in {value:?}")),
        }
        let mut part = Vec::new();
        loop {
            let c = chars
                .next()
                .ok_or_else(|| format!("unterminated string in {value:?}"))?;
            let mut utf8 = [0; 4];
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('"') => part.push(b'"'),
                    Some('\\') => part.push(b'\\'),
                    Some('n') => part.push(b'\n'),
                    Some('r') => part.push(b'\r'),
                    Some('t') => part.push(b'\t'),
                    Some('0') => part.push(0),
                    Some('x') => {
                        let hex: String = chars.by_ref().take(2).collect();
                        part.push(
                            u8::from_str_radix(&hex, 16).map_err(|e| format!("\\x{hex}: {e}"))?,
                        );
                    }
                    Some('u') => {
                        let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                        let code = hex
                            .strip_prefix('{')
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("bad \\u{hex}}}"))?;
                        part.extend_from_slice(code.encode_utf8(&mut utf8).as_bytes());
                    }
                    other => return Err(format!("unknown escape \\{other:?}")),
                },
                c => part.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes()),
            }
        }
        let times = if chars.next_if(|c| *c == '*').is_some() {
            let digits: String =
                std::iter::from_fn(|| chars.next_if(char::is_ascii_digit)).collect();
            digits.parse().map_err(|e| format!("*{digits}: {e}"))?
        } else {
            1
        };
        out.extend(part.repeat(times));
    }
}

#[test]
fn the_fixture_syntax_reads_escapes_bytes_and_repeats() {
    assert_eq!(bytes(r#""a\"\\\n\r\t\0""#).unwrap(), b"a\"\\\n\r\t\0");
    assert_eq!(
        bytes(r#""\xFF\x00" "\u{202E}""#).unwrap(),
        b"\xFF\x00\xE2\x80\xAE"
    );
    assert_eq!(bytes(r#""ab"*3 "c""#).unwrap(), b"abababc");
    assert_eq!(bytes(r#""""#).unwrap(), b"");
    assert!(bytes(r#""open"#).is_err());
    assert!(bytes("bare").is_err());
    assert!(bytes(r#""\q""#).is_err());
    assert!(string(r#""\xFF""#).is_err());
    let fields = |lines: &[(&str, &str)]| -> Vec<Field> {
        lines
            .iter()
            .map(|(k, v)| (1, (*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    assert!(parse_case("code", "no outcome", &fields(&[("input", r#""x""#)])).is_err());
    assert!(
        parse_case(
            "code",
            "typo",
            &fields(&[("input", r#""x""#), ("answr", "planfix:1 en")])
        )
        .is_err()
    );
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

fn invalid_locale(input: &str) -> Expect {
    Expect::Error(
        "InvalidLocale".to_owned(),
        format!(
            "invalid locale {}: expected a language tag such as kk, kk-KZ or kk_KZ.UTF-8",
            quoted(input)
        ),
    )
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
    if e.locale().to_string() != *locale {
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

fn run_cli(args: &[OsString], env: &[(String, OsString)], expect: &Expect) -> Result<(), String> {
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
            if status != Some(2) || !first_line.contains(reason.as_str()) || !stdout.is_empty() {
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
                    &Value::from(code.as_str()),
                    &Value::from(requested.as_str()),
                    &Value::from(locale.as_str()),
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
    // The catalogue held 105 cases when it moved to fixture files.
    assert!(cases.len() >= 105, "{} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
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
