//! `errcat check`: one fixture folder per rule under `tests/fixtures/check/`,
//! each asserting every finding for its folder (path, line, column,
//! severity, rule and message), so that a rule firing where it should not
//! is seen too; `silent-*` folders expect no finding at all. And the
//! shipped locales checking clean.

use std::path::{Path, PathBuf};

use crate::fixtures::TempDir;
use errcat::Catalog;
use errcat::tooling::{RULES, Rule, Severity, check_dir, check_embedded};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// The rule a fixture folder proves: its name, except for variants of a
/// rule: `crlf` (a syntax error in a CRLF file), errcat's own words
/// (`errcat.ftl`, checked like a catalog), and a missing message in a
/// released locale (`registry/released-locales.txt`), an error where it is
/// a warning in a locale in progress.
fn rule_of(case: &str) -> &str {
    match case {
        "crlf" => "syntax",
        "missing-phrase" | "missing-message-released" => "missing-message",
        "unknown-phrase" => "unknown-id",
        other => other,
    }
}

/// The findings for a fixture folder, as `errcat check` prints them. A
/// fixture folder holds only the files its case needs, so every other
/// message is missing by design: `missing-message` findings count only in
/// that rule's own fixture.
fn findings(case: &str) -> Vec<String> {
    let dir = fixtures().join(case).join("locales");
    let report = check_dir(&dir).unwrap();
    let prefix = format!("{}/", dir.display());
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule != "missing-message" || rule_of(case) == "missing-message")
        .map(|d| d.to_string().replace(&prefix, ""))
        .collect()
}

#[test]
fn every_rule_has_a_fixture_with_its_exact_findings() {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    cases.sort();
    let mut proven: Vec<String> = Vec::new();
    let mut wrong: Vec<String> = Vec::new();
    for case in &cases {
        let expected_path = fixtures().join(case).join("expected.txt");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        if case.starts_with("silent-") {
            assert!(
                expected.is_empty(),
                "{case}: a silent fixture expects nothing"
            );
        } else {
            // A folder is named for its case, and shows its rule among its
            // findings.
            let rule = rule_of(case);
            assert!(
                expected.iter().any(|l| l.contains(&format!(": {rule}: "))),
                "{case}: a fixture must expect a finding of its rule"
            );
            proven.push(rule.to_owned());
        }
        let found = findings(case);
        if found != expected {
            wrong.push(format!(
                "fixture {case}:\n  found:\n    {}\n  expected:\n    {}",
                found.join("\n    "),
                expected.join("\n    ")
            ));
        }
    }
    // Every fixture is compared before failing, so that one run shows them all.
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(cases.iter().any(|c| c.starts_with("silent-")));
    // Every rule but `io` (covered below) is proven by a fixture.
    for (rule, _) in RULES {
        if *rule != "io" {
            assert!(
                proven.iter().any(|r| r == rule),
                "no fixture for rule {rule}"
            );
        }
    }
}

#[test]
fn the_shipped_locales_check_clean() {
    let report = check_embedded();
    let shown: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "{shown:#?}");
    assert_eq!(report.coverage.len(), 4);
    for row in &report.coverage {
        assert_eq!(
            (row.missing, row.errors, row.warnings),
            (0, 0, 0),
            "{row:?}"
        );
        assert_eq!(row.translated, row.required);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales");
    assert!(check_dir(dir).unwrap().diagnostics.is_empty());
}

#[test]
fn an_oversized_file_is_reported_and_skipped() {
    let dir = TempDir::new();
    dir.write("de/mobizon.ftl", b"");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join("de/mobizon.ftl"))
        .unwrap();
    file.set_len(17 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let report = check_dir(dir.path()).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.rule == "io" && d.message.contains("skipped")),
        "{:?}",
        report.diagnostics
    );
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.iter().any(|d| d.rule == "io"));
    assert_eq!(
        catalog
            .explain("mobizon:0", "de")
            .unwrap()
            .locale()
            .to_string(),
        "en"
    );
}

#[test]
fn a_new_locale_works_in_preview_without_rust_changes() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe nicht gefunden\n\ninvalid-token = Das Token ist ungültig.\n    .title = Ungültiges Token\n    .hint = Prüfen Sie das Token.\n".as_bytes(),
    );
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let e = catalog.explain("planfix:1000", "de-DE").unwrap();
    assert_eq!(
        (e.locale().to_string(), e.is_fallback()),
        ("de".to_owned(), false)
    );
    let e = catalog.explain("planfix:1", "de").unwrap();
    assert_eq!(e.hint(), Some("Prüfen Sie das Token."));
    let e = catalog.explain("planfix:2", "de").unwrap();
    assert_eq!(
        (e.locale().to_string(), e.is_fallback()),
        ("en".to_owned(), true)
    );
    // The coverage table counts it.
    let report = check_dir(dir.path()).unwrap();
    let de = report.coverage.iter().find(|c| c.locale == "de").unwrap();
    // errcat.ftl 54, mobizon 22, planfix 72, mobizon-recipient 17.
    assert_eq!(de.required, 165);
    assert_eq!((de.translated, de.missing), (2, 163));
    // A locale in progress: its missing messages are warnings, not errors.
    assert_eq!(de.errors, 0, "{de:?}");
    assert!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "missing-message")
            .all(|d| d.severity == Severity::Warning),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_broken_message_falls_back_and_the_rest_of_the_file_is_served() {
    let dir = TempDir::new();
    dir.write("kk/planfix.ftl", "task-not-found = Тапсырма жоқ { $\n    .title = Жоқ\n\ninvalid-token = Токен дұрыс емес.\n    .title = Токен қате\n".as_bytes());
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.rule == "syntax" && d.line == 1),
        "{diagnostics:?}"
    );
    let e = catalog.explain("planfix:1", "kk").unwrap();
    assert_eq!(e.title(), "Токен қате");
    let e = catalog.explain("planfix:1000", "kk").unwrap();
    assert_eq!(
        e.locale().to_string(),
        "ru",
        "kk's broken message falls back to ru"
    );
    assert!(diagnostics.iter().all(|d| d.severity == Severity::Error));
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_of_the_locale_loads() {
    let dir = TempDir::new();
    let mut bytes = b"task-not-found = Aufgabe \xff fehlt.\n    .title = Fehlt\n".to_vec();
    bytes.extend_from_slice("\ninvalid-token = Ungültig.\n    .title = Ungültig\n".as_bytes());
    dir.write("de/planfix.ftl", &bytes);
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    let d = diagnostics
        .iter()
        .find(|d| d.rule == "invalid-utf8")
        .unwrap();
    assert_eq!((d.line, d.column), (1, 26));
    assert!(d.message.contains("byte 25"), "{d}");
    assert_eq!(
        catalog.explain("planfix:1", "de").unwrap().title(),
        "Ungültig"
    );
}

#[test]
fn scaffold_then_stamp_then_check_reports_stale_english() {
    let dir = TempDir::new();
    let written = errcat::tooling::scaffold_locale(dir.path(), "pt_BR").unwrap();
    // Every catalog of registry/catalogs.tsv and errcat's own words.
    assert_eq!(
        written.len(),
        crate::fixtures::registry_catalogs().len() + 1
    );
    assert_eq!(written.len(), 4);
    for file in ["errcat", "mobizon", "planfix", "mobizon-recipient"] {
        assert!(
            dir.path().join(format!("pt-BR/{file}.ftl")).is_file(),
            "{file}"
        );
    }
    let report = check_dir(dir.path()).unwrap();
    let row = report
        .coverage
        .iter()
        .find(|c| c.locale == "pt-BR")
        .unwrap();
    assert_eq!(row.translated, 0);

    // A translator fills in one message under its stamp.
    let path = dir.path().join("pt-BR/mobizon.ftl");
    let text = std::fs::read_to_string(&path).unwrap();
    let filled = text
        .replace("# success = ", "success = Concluído. ")
        .replace(
            "#     .title = Operation completed successfully",
            "    .title = Concluído",
        );
    std::fs::write(&path, filled).unwrap();
    let report = check_dir(dir.path()).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.rule != "stale" && d.rule != "syntax"),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(
        report
            .coverage
            .iter()
            .find(|c| c.locale == "pt-BR")
            .unwrap()
            .translated,
        1
    );

    // The English changes: the translation is now stale, until stamped again.
    dir.write("en/mobizon.ftl", b"success = The whole operation succeeded.\n    .title = Operation completed successfully\n");
    let stale = |dir: &Path| {
        check_dir(dir)
            .unwrap()
            .diagnostics
            .iter()
            .filter(|d| d.rule == "stale")
            .count()
    };
    assert_eq!(stale(dir.path()), 1);
    assert_eq!(
        errcat::tooling::stamp_locale(dir.path(), "pt-BR").unwrap(),
        1
    );
    assert_eq!(stale(dir.path()), 0);
}

/// A file full of control characters is one problem, not a finding per
/// character: one per rule and line, 64 lines, then a note that there are
/// more.
#[test]
fn character_findings_are_bounded() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    let line = format!("# {}\n", "\u{1b}\u{7}".repeat(1000));
    std::fs::write(dir.path().join("de/mobizon.ftl"), line.repeat(100)).unwrap();
    let report = check_dir(dir.path()).unwrap();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "control-character")
        .collect();
    assert_eq!(found.len(), 65, "{found:?}");
    assert!(
        found
            .iter()
            .take(64)
            .all(|d| d.message.ends_with("remove it"))
    );
    assert!(
        found[64]
            .message
            .contains("more lines with such characters than the 64")
    );
    assert_eq!(
        found.iter().map(|d| d.line).collect::<Vec<_>>(),
        (1..=65).collect::<Vec<_>>()
    );
}

#[test]
fn the_coverage_table_counts_each_locales_errors_and_warnings() {
    // Every finding of a locale's files is counted in that locale's row,
    // and in no other.
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        b"task-not-found = Die Aufgabe gibt es nicht.\n    .title = { $oops\nbroken = {\n\
          task-add-failed = An error occurred while adding the task.\n    .title = Failed to add task\n",
    );
    let report = check_dir(dir.path()).unwrap();
    let counted = |locale: &str| {
        let row = report.coverage.iter().find(|c| c.locale == locale).unwrap();
        (row.errors, row.warnings)
    };
    let found = |locale: &str, severity: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.path.contains(&format!("/{locale}/")))
            .filter(|d| d.severity == severity)
            .count()
    };
    let (errors, warnings) = (found("de", Severity::Error), found("de", Severity::Warning));
    assert!(errors >= 2 && warnings >= 1, "{:?}", report.diagnostics);
    assert_eq!(counted("de"), (errors, warnings));
    for row in &report.coverage {
        let locale = row.locale.as_str();
        let expected = (
            found(locale, Severity::Error),
            found(locale, Severity::Warning),
        );
        assert_eq!(counted(locale), expected, "{locale}");
    }
}

#[test]
fn findings_point_at_their_attribute_and_the_first_definition_counts() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        b"task-not-found = Die Aufgabe gibt es nicht.\n    .title-x = a\n    .title_y = b\n    .title = Nicht { $oops } gefunden\n\
          invalid-token = { \"\" }\n    .title = T\ninvalid-token = Das { $x } Token.\n",
    );
    let report = check_dir(dir.path()).unwrap();
    let shown: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "variables" || d.rule == "duplicate-id")
        .map(|d| format!("{}:{} {} {}", d.line, d.column, d.rule, d.message))
        .collect();
    // `.title`, not `.title-x` or `.title_y`, whose names begin the same.
    // The second `invalid-token` is not read: its `$x` is no finding.
    assert_eq!(
        shown,
        [
            "4:1 variables task-not-found .title uses $oops, but en uses none",
            "7:1 duplicate-id invalid-token is defined again here; only the first definition is used",
        ]
    );
}

#[test]
fn a_second_definition_is_not_read_even_after_an_empty_first_one() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        b"task-not-found = { \"\" }\ntask-not-found = Die Aufgabe gibt es nicht.\n",
    );
    let report = check_dir(dir.path()).unwrap();
    let rules: Vec<(usize, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "empty-value" || d.rule == "duplicate-id")
        .map(|d| (d.line, d.rule))
        .collect();
    assert_eq!(rules, [(1, "empty-value"), (2, "duplicate-id")]);
}

#[test]
fn the_first_32_unknown_ids_get_a_suggestion_and_the_rest_none() {
    let dir = TempDir::new();
    let text: String = (0..40)
        .map(|i| format!("task-not-fund{i:02} = Die Aufgabe.\n"))
        .collect();
    dir.write("de/planfix.ftl", text.as_bytes());
    let report = check_dir(dir.path()).unwrap();
    let unknown: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "unknown-id")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(unknown.len(), 40);
    let suggested = unknown
        .iter()
        .filter(|m| m.contains("did you mean"))
        .count();
    assert_eq!(suggested, 32, "{unknown:?}");
}

#[test]
fn a_message_of_exactly_64_kib_is_not_too_long() {
    let limit = 64 * 1024;
    for (bytes, too_long) in [(limit, false), (limit + 1, true)] {
        let dir = TempDir::new();
        let text = format!("task-not-found = {}\n", "a".repeat(bytes));
        dir.write("de/planfix.ftl", text.as_bytes());
        let report = check_dir(dir.path()).unwrap();
        let found = report.diagnostics.iter().any(|d| d.rule == "too-long");
        assert_eq!(found, too_long, "{bytes} bytes");
    }
}

#[test]
fn a_missing_title_is_reported_once_in_english_and_in_a_translation() {
    let en = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/en/planfix.ftl"),
    )
    .unwrap();
    let untitled = en.replace("    .title = Task not found\n", "");
    assert_ne!(untitled, en);
    let dir = TempDir::new();
    dir.write("en/planfix.ftl", untitled.as_bytes());
    dir.write(
        "de/planfix.ftl",
        b"invalid-token = Das Token ist ungueltig.\n",
    );
    let report = check_dir(dir.path()).unwrap();
    let missing: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "missing-attribute" && d.message.contains(".title"))
        .map(|d| {
            let file = d.path.rsplit('/').take(2).collect::<Vec<_>>();
            format!("{}/{}: {}", file[1], file[0], d.message)
        })
        .collect();
    assert_eq!(
        missing,
        [
            "de/planfix.ftl: invalid-token has no .title, which en has",
            "en/planfix.ftl: task-not-found has no .title",
        ]
    );
}

#[test]
fn a_long_id_is_suggested_across_more_typos_and_escapes_are_reported_up_to_eight() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        b"task-not-found = Die { \"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\u000E\\u000F\" } Aufgabe.\n    .title = T\n\
          daly-requst-limt-exceded = y\n",
    );
    let report = check_dir(dir.path()).unwrap();
    let of = |rule: &str| -> Vec<&str> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| d.message.as_str())
            .collect()
    };
    // Ten control characters from escapes in one literal: eight findings.
    assert_eq!(of("control-character").len(), 8);
    // Four edits from a 28-letter id: still a likely typo (a quarter of
    // its length).
    assert_eq!(
        of("unknown-id"),
        [
            "daly-requst-limt-exceded is not a message of the planfix catalog; did you mean daily-request-limit-exceeded?"
        ]
    );
}

#[test]
fn variables_are_found_inside_function_arguments_and_nested_placeables() {
    let dir = TempDir::new();
    dir.write(
        "de/planfix.ftl",
        b"task-not-found = Die Aufgabe { NUMBER($count) } gibt es nicht.\n    .title = Nicht { { $where } } gefunden\n",
    );
    let report = check_dir(dir.path()).unwrap();
    let variables: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "variables")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        variables,
        [
            "task-not-found value uses $count, but en uses none",
            "task-not-found .title uses $where, but en uses none",
        ]
    );
}

/// `errcat stamp <lang> <id|code>…` stamps the chosen messages only, skips
/// (and names on stderr) a chosen message with errors, and records the
/// English it confirmed, so that `check` shows what changed since.
#[test]
fn stamp_chosen_messages_then_see_what_changed_in_the_english() {
    let dir = TempDir::new();
    let english =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("locales/en/planfix.ftl"))
            .unwrap();
    dir.write("en/planfix.ftl", &english);
    // task-not-found and access-denied are fine; invalid-token lacks the
    // .hint English has.
    dir.write(
        "de/planfix.ftl",
        "task-not-found = Die Aufgabe gibt es nicht.\n    .title = Aufgabe fehlt\n\ninvalid-token = Ungültig.\n    .title = Ungültig\n\nsuccess = Erledigt.\n    .title = Erledigt\n"
            .as_bytes(),
    );
    let stamp = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args(["stamp", "de"])
            .args(args)
            .args(["--locales", dir.arg()])
            .env("LANGUAGE", "en")
            .output()
            .unwrap()
    };
    let o = stamp(&["planfix:1000", "invalid-token"]);
    assert!(o.status.success(), "{o:?}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!(
            "{}/de/planfix.ftl:4:1: invalid-token has errors and is not stamped; `errcat check` lists them",
            dir.arg()
        )
    );
    let text = std::fs::read_to_string(dir.path().join("de/planfix.ftl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("# en-hash: "), "{text}");
    assert!(lines[1].starts_with("# en: "), "{text}");
    assert_eq!(lines[2], "task-not-found = Die Aufgabe gibt es nicht.");
    assert!(
        text.contains("\n\ninvalid-token = ") && text.contains("\n\nsuccess = "),
        "{text}"
    );

    // An unknown id (exit status 2) or code (1, as for `explain`) stamps
    // nothing.
    for (bad, status) in [("no-such-message", 2), ("planfix:424242", 1)] {
        let o = stamp(&["success", bad]);
        assert_eq!(o.status.code(), Some(status), "{bad}: {o:?}");
        let after = std::fs::read_to_string(dir.path().join("de/planfix.ftl")).unwrap();
        assert_eq!(after, text, "{bad}");
    }

    // The English changes: the finding shows how.
    let english = String::from_utf8(english).unwrap();
    let old = "referenced in the request";
    assert!(
        english.contains(old),
        "the English changed: pick another phrase"
    );
    dir.write(
        "en/planfix.ftl",
        english.replacen(old, "named in the request", 1).as_bytes(),
    );
    let report = check_dir(dir.path()).unwrap();
    let stale: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "stale")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(
        stale[0].contains(": The task [-referenced-] {+named+} in the request …; review")
            && stale[0].ends_with("review it, then run `errcat stamp de task-not-found`"),
        "{}",
        stale[0]
    );
}

#[test]
fn rules_ids_and_descriptions_come_from_one_table() {
    assert_eq!(RULES.len(), Rule::ALL.len());
    for (&rule, &(id, what)) in Rule::ALL.iter().zip(RULES) {
        assert_eq!((rule.id(), rule.what()), (id, what));
        assert_eq!(rule.to_string(), id);
        assert_eq!(Rule::from_id(id), Some(rule));
        assert!(
            !id.is_empty()
                && id.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "{id} is not kebab-case"
        );
    }
    let mut ids: Vec<&str> = RULES.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "a rule id is listed twice");
    assert_eq!(Rule::from_id("no-such-rule"), None);
}

/// The loader (`Catalog::from_dir`) and the checker report a misnamed
/// locale folder and a duplicated message in the same words.
#[test]
fn the_loader_and_the_checker_word_shared_findings_alike() {
    let dir = TempDir::new();
    dir.write("KK/mobizon.ftl", b"success = A\n    .title = B\n");
    dir.write(
        "kk/mobizon.ftl",
        b"success = A\n    .title = B\nsuccess = C\n    .title = D\n",
    );
    let (_, loaded) = Catalog::from_dir(dir.path()).unwrap();
    let checked = check_dir(dir.path()).unwrap().diagnostics;
    for rule in [Rule::LocaleName, Rule::DuplicateId] {
        let of = |found: &[errcat::tooling::Diagnostic]| -> Vec<String> {
            found
                .iter()
                .filter(|d| d.rule == rule.id())
                .map(ToString::to_string)
                .collect()
        };
        let (loaded, checked) = (of(&loaded), of(&checked));
        assert_eq!(loaded.len(), 1, "{rule}: {loaded:?}");
        assert_eq!(loaded, checked, "{rule}");
    }
}
