//! TRANSLATING.md as a test: the workflow block of "The workflow",
//! followed step by step as a translator would, in a temporary copy of the
//! repository's locales. The commands are read from the document, so a
//! change to it that breaks the path fails here.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::fixtures::{TempDir, errcat_command};

/// The language the test translates into, in place of the document's.
const LANG: &str = "be";

/// One step of the workflow block: its words (after `cargo run … --`, or
/// the editor's) and its comment.
struct Step {
    words: Vec<String>,
    comment: String,
}

/// The `sh` block under "## The workflow", with the document's language
/// (the one `new-locale` scaffolds) replaced by [`LANG`].
fn workflow() -> Vec<Step> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("TRANSLATING.md");
    let text = std::fs::read_to_string(path).unwrap();
    let section = text
        .split("\n## The workflow\n")
        .nth(1)
        .expect("TRANSLATING.md has a section \"## The workflow\"");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the workflow section starts with a ```sh block");
    let mut steps: Vec<Step> = block
        .lines()
        .map(|line| {
            let (command, comment) = line.split_once("  #").unwrap_or((line, ""));
            let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
            // `cargo run [--features F] -- ARGS` runs errcat with ARGS.
            let words = match words.iter().position(|w| w == "--") {
                Some(dashes) if words.first().is_some_and(|w| w == "cargo") => {
                    words[dashes + 1..].to_vec()
                }
                _ => words,
            };
            Step {
                words,
                comment: comment.trim().to_owned(),
            }
        })
        .collect();
    let theirs = steps
        .iter()
        .find(|s| s.words.first().is_some_and(|w| w == "new-locale"))
        .and_then(|s| s.words.get(1).cloned())
        .expect("the workflow scaffolds a locale with new-locale");
    for step in &mut steps {
        for word in &mut step.words {
            *word = swap_language(word, &theirs);
        }
        step.comment = swap_language(&step.comment, &theirs);
    }
    steps
}

/// `word` with the document's language `theirs` replaced by [`LANG`],
/// where it is a word or a path component (`de`, `locales/de/x.ftl`,
/// `lang=de`).
fn swap_language(word: &str, theirs: &str) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some(at) = rest.find(theirs) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + theirs.len()..].chars().next();
        let alone = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        out.push_str(&rest[..at]);
        out.push_str(if alone(before) && alone(after) {
            LANG
        } else {
            theirs
        });
        rest = &rest[at + theirs.len()..];
    }
    out.push_str(rest);
    out
}

/// The step whose first word is `command`.
fn step<'s>(steps: &'s [Step], command: &str) -> &'s Step {
    steps
        .iter()
        .find(|s| s.words.first().is_some_and(|w| w == command))
        .unwrap_or_else(|| panic!("the workflow has no `{command}` step"))
}

/// Runs errcat with `words` in `root`, as the document runs it from the
/// repository's root.
fn run(root: &TempDir, words: &[String]) -> Output {
    errcat_command()
        .args(words)
        .current_dir(root.path())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The coverage row of `locale` in `errcat check`'s table: required,
/// translated, missing, errors, warnings.
fn coverage(out: &str, locale: &str) -> Vec<usize> {
    let row = out
        .lines()
        .find(|l| l.split_whitespace().next() == Some(locale))
        .unwrap_or_else(|| panic!("no row for {locale}: {out}"));
    row.split_whitespace()
        .skip(1)
        .map(|n| n.parse().unwrap())
        .collect()
}

/// A copy of the repository's `locales/` under a fresh folder.
fn repository_copy() -> TempDir {
    let root = TempDir::new();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for locale in std::fs::read_dir(&shipped).unwrap() {
        let locale = locale.unwrap();
        for file in std::fs::read_dir(locale.path()).unwrap() {
            let file = file.unwrap();
            let name = format!(
                "locales/{}/{}",
                locale.file_name().to_str().unwrap(),
                file.file_name().to_str().unwrap()
            );
            root.write(&name, &std::fs::read(file.path()).unwrap());
        }
    }
    root
}

/// The English of `id` in the scaffold, commented out (with its
/// attributes), replaced by `translation`; the stamp above it stays, or
/// becomes `stamp` if one is given.
fn translate(file: &str, id: &str, translation: &str, stamp: Option<&str>) -> String {
    let lines: Vec<&str> = file.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(&format!("# {id} = ")))
        .unwrap_or_else(|| panic!("the scaffold has no commented {id}"));
    let end = start
        + 1
        + lines[start + 1..]
            .iter()
            .take_while(|l| l.starts_with("#     "))
            .count();
    let mut head: Vec<String> = lines[..start].iter().map(|l| (*l).to_owned()).collect();
    if let Some(stamp) = stamp {
        let hash = head
            .iter()
            .rposition(|l| l.starts_with("# en-hash: "))
            .unwrap();
        head[hash] = format!("# en-hash: {stamp}\n");
    }
    let mut out = head.concat();
    out.push_str(translation);
    out.push_str(&lines[end..].concat());
    out
}

#[test]
fn the_documented_workflow_works_step_by_step() {
    let steps = workflow();
    let root = repository_copy();

    // 1. Scaffold.
    let scaffold = step(&steps, "new-locale");
    let o = run(&root, &scaffold.words);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(root.path().join("locales").join(LANG).is_dir());

    // 2. Translate: the file the document opens in the editor. One
    //    message follows the current English; the other was translated
    //    from an earlier English (its stamp is old), so it is stale.
    let edit = step(&steps, "$EDITOR");
    let file = root.path().join(&edit.words[1]);
    let scaffolded = std::fs::read_to_string(&file).unwrap();
    let translated = translate(
        &scaffolded,
        "section-tasks",
        "section-tasks = Задачы\n",
        None,
    );
    let translated = translate(
        &translated,
        "task-not-found",
        "task-not-found = Задача, названая ў запыце, не існуе.\n    .title = Задача не знойдзена\n",
        Some("00000000"),
    );
    root.write(&edit.words[1], translated.as_bytes());

    // 3. Check: missing messages are warnings, the stale one too.
    let check = step(&steps, "check");
    let o = run(&root, &check.words);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}{}", text(&o.stderr));
    let en = coverage(&out, "en");
    let be = coverage(&out, LANG);
    assert_eq!(be[..4], [en[0], 2, en[0] - 2, 0], "{out}");
    let missing = format!("{}:1:1: warning: missing-message: ", edit.words[1]);
    assert!(out.lines().any(|l| l.starts_with(&missing)), "{out}");
    let stale = "warning: stale: the English of task-not-found changed";
    assert!(out.contains(stale), "{out}");
    let warnings = be[4];

    // 4. Preview in the terminal.
    let explain = step(&steps, "explain");
    let mut words = explain.words.clone();
    words.push("--json".to_owned());
    let o = run(&root, &words);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    assert_eq!(
        (v["locale"].as_str(), v["title"].as_str()),
        (Some(LANG), Some("Задача не знойдзена"))
    );
    // Every finding is shown, as `check` shows it.
    assert!(text(&o.stderr).contains(stale), "{}", text(&o.stderr));
    let code = explain.words[1].clone();

    // 5. Preview in the service.
    #[cfg(feature = "server")]
    serve_step(&root, step(&steps, "serve"), &code);

    // 6. Stamp the stale message, then check again.
    let stamp = step(&steps, "stamp");
    let o = run(&root, &stamp.words);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stamped = std::fs::read_to_string(&file).unwrap();
    assert!(!stamped.contains("# en-hash: 00000000"), "{stamped}");
    let o = run(&root, &check.words);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(!out.contains(stale), "{out}");
    assert_eq!(
        coverage(&out, LANG),
        [en[0], 2, en[0] - 2, 0, warnings - 1],
        "{out}"
    );
}

/// Step 5: `errcat serve` as the document starts it (on a free port),
/// asked for `code` in [`LANG`] at the path the document's `curl` shows.
#[cfg(feature = "server")]
fn serve_step(root: &TempDir, serve: &Step, code: &str) {
    use std::io::{BufRead, BufReader, Read, Write};
    // (HTTP/1.0: the answer is the body whole, never chunked.)

    let mut words = serve.words.clone();
    match words.iter().position(|w| w == "--addr") {
        Some(at) => words[at + 1] = "127.0.0.1:0".to_owned(),
        None => words.extend(["--addr".to_owned(), "127.0.0.1:0".to_owned()]),
    }
    let mut child = errcat_command()
        .args(&words)
        .current_dir(root.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut log = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    let addr = loop {
        let Some(Ok(line)) = log.next() else {
            let _ = child.kill();
            panic!("errcat serve did not start: {seen:#?}");
        };
        if let Some(addr) = line.split("listening on http://").nth(1) {
            break addr.trim().to_owned();
        }
        seen.push(line);
    };
    // Keep reading the log, so that the service never waits on it.
    std::thread::spawn(move || for _ in log {});

    // The document's `curl` asks for this path; ask for the code the
    // terminal preview showed if it names none.
    let path = serve
        .comment
        .split("localhost:8080")
        .nth(1)
        .and_then(|rest| rest.split(['\'', '"', ' ']).next())
        .map_or_else(
            || {
                let (catalog, number) = code.split_once(':').unwrap();
                format!("/v1/codes/{catalog}/{number}?lang={LANG}")
            },
            str::to_owned,
        );
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    assert_eq!(
        head.split_whitespace().nth(1),
        Some("200"),
        "{path}: {reply}"
    );
    let v: Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        (v["locale"].as_str(), v["title"].as_str()),
        (Some(LANG), Some("Задача не знойдзена")),
        "{path}"
    );
}
