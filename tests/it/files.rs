//! Translators' files under hostile conditions: a write cut short by the
//! file-size limit, links out of the locales folder, named pipes, devices,
//! `/proc` files and folders too big to hold in memory. What errcat must
//! never do is lose a translator's work, write outside the folder it was
//! given, block, or read without bound.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::fixtures::{TempDir, errcat_command};
use errcat::Catalog;

/// The shipped English text of a catalog.
fn shipped_en(catalog: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/en/{catalog}.ftl"));
    std::fs::read(path).unwrap()
}

/// A German planfix file of about 100 KB that `stamp` changes: the English
/// messages with stale stamps, and a long translator's note.
fn big_translation() -> Vec<u8> {
    let en = String::from_utf8(shipped_en("planfix")).unwrap();
    let mut text = String::from("# Übersetzt von Hand; bitte nicht verlieren.\n");
    for _ in 0..1500 {
        text.push_str("# Anmerkung der Übersetzerin zu Begriffen und Ton.\n");
    }
    text.push('\n');
    for line in en.lines() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            text.push_str("# en-hash: 00000000\n");
        }
        text.push_str(line);
        text.push('\n');
    }
    text.into_bytes()
}

/// `errcat ARGS` under `ulimit -f BLOCKS` (in the shell's blocks of 512 or
/// 1024 bytes), with a clean locale environment.
fn errcat_with_file_limit(blocks: u32, args: &[&str]) -> Output {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_errcat"))
        .args(args);
    for var in crate::fixtures::CHOOSING_VARS {
        cmd.env_remove(var);
    }
    cmd.output().unwrap()
}

/// Runs `cmd` and gives up after `limit`: for reads that could block.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn errcat_within(args: &[&str], limit: Duration) -> Output {
    let mut cmd = errcat_command();
    cmd.args(args);
    output_within(cmd, limit)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

// ── Atomic writes ─────────────────────────────────────────────────────

/// Measured before: `stamp` rewrote in place and, past the file-size
/// limit, died by SIGXFSZ with `de/planfix.ftl` cut short.
#[test]
fn a_stamp_cut_short_by_the_file_size_limit_leaves_the_file_as_it_was() {
    let dir = TempDir::new();
    let original = big_translation();
    dir.write("de/planfix.ftl", &original);

    let o = errcat_with_file_limit(16, &["stamp", "de", "--locales", dir.arg()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("errcat: "), "{}", stderr(&o));
    assert!(
        std::fs::read(dir.path().join("de/planfix.ftl")).unwrap() == original,
        "the translation changed"
    );
    assert_eq!(
        names(&dir.path().join("de")),
        ["planfix.ftl"],
        "a temporary file was left"
    );

    // Without the limit the same command does rewrite the file.
    let o = errcat_with_file_limit(1 << 20, &["stamp", "de", "--locales", dir.arg()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(dir.path().join("de/planfix.ftl")).unwrap() != original);
}

#[test]
fn a_stamp_keeps_the_file_mode_and_writes_nothing_when_current() {
    let dir = TempDir::new();
    dir.write("de/planfix.ftl", &big_translation());
    let path = dir.path().join("de/planfix.ftl");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert!(errcat::tooling::stamp_locale(dir.path(), "de").unwrap() > 50);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);

    // Stamped again: the same bytes, and the file is not even replaced.
    let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    let before = std::fs::read(&path).unwrap();
    errcat::tooling::stamp_locale(dir.path(), "de").unwrap();
    assert!(std::fs::read(&path).unwrap() == before);
    let after = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    assert_eq!(inode, after);
}

/// Measured before: on a full disk `new-locale` left an empty file, and a
/// second run refused because the folder existed.
#[test]
fn a_new_locale_that_fails_leaves_nothing_and_a_retry_works() {
    let dir = TempDir::new();
    let o = errcat_with_file_limit(8, &["new-locale", "de", "--locales", dir.arg()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        !dir.path().join("de").exists(),
        "left behind: {:?}",
        names(dir.path())
    );
    // The locales folder was there before: it stays. One the run made
    // itself goes with the rest.
    assert!(dir.path().is_dir());
    let made = dir.path().join("made");
    let o = errcat_with_file_limit(
        8,
        &["new-locale", "de", "--locales", made.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!made.exists(), "left behind: {:?}", names(dir.path()));

    let o = errcat_with_file_limit(1 << 20, &["new-locale", "de", "--locales", dir.arg()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        names(&dir.path().join("de")),
        [
            "errcat.ftl",
            "mobizon-recipient.ftl",
            "mobizon.ftl",
            "planfix.ftl"
        ]
    );

    // A folder that is there but holds no translation (made by hand, or
    // left by a killed run) is scaffolded; one with a translation is not.
    std::fs::create_dir_all(dir.path().join("kk")).unwrap();
    dir.write("kk/.planfix.ftl.a1b2c3.tmp", b"half");
    assert!(errcat::tooling::scaffold_locale(dir.path(), "kk").is_ok());
    let err = errcat::tooling::scaffold_locale(dir.path(), "kk").unwrap_err();
    assert!(err.to_string().contains("already has .ftl files"), "{err}");
}

/// Measured before: `stamp` followed a link in the locales folder to a
/// file anywhere and rewrote it.
#[test]
fn stamp_writes_through_a_link_inside_the_folder_and_refuses_one_leading_out() {
    let dir = TempDir::new();
    let outside = TempDir::new();
    let victim = outside.path().join("victim.ftl");
    std::fs::write(&victim, b"task-not-found = keep me\n    .title = T\n").unwrap();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    symlink(&victim, dir.path().join("de/planfix.ftl")).unwrap();
    let o = errcat_command()
        .args(["stamp", "de", "--locales", dir.arg()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("outside"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        b"task-not-found = keep me\n    .title = T\n"
    );
    assert_eq!(names(outside.path()), ["victim.ftl"]);

    // A link to a file inside the folder is followed, and stays a link.
    std::fs::remove_file(dir.path().join("de/planfix.ftl")).unwrap();
    dir.write(
        "shared/planfix.ftl",
        b"task-not-found = Aufgabe fehlt\n    .title = Fehlt\n",
    );
    symlink("../shared/planfix.ftl", dir.path().join("de/planfix.ftl")).unwrap();
    assert_eq!(errcat::tooling::stamp_locale(dir.path(), "de").unwrap(), 1);
    let shared = std::fs::read_to_string(dir.path().join("shared/planfix.ftl")).unwrap();
    assert!(shared.starts_with("# en-hash: "), "{shared}");
    let link = std::fs::symlink_metadata(dir.path().join("de/planfix.ftl")).unwrap();
    assert!(link.file_type().is_symlink());
}

/// Measured before: `docs` wrote `.index.html.<pid>.tmp` with `fs::write`,
/// which follows a link planted under that name, and renamed over a link.
#[test]
fn docs_refuses_an_index_that_links_out_and_leaves_no_temporary_file() {
    let out = TempDir::new();
    let outside = TempDir::new();
    let victim = outside.path().join("victim.html");
    std::fs::write(&victim, b"keep").unwrap();
    symlink(&victim, out.path().join("index.html")).unwrap();
    let o = errcat_command()
        .args(["docs", "--out", out.arg()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(&victim).unwrap(), b"keep");

    std::fs::remove_file(out.path().join("index.html")).unwrap();
    let o = errcat_command()
        .args(["docs", "--out", out.arg()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(out.path()), ["index.html"]);
}

// ── stamp and new-locale: what they refuse ────────────────────────────

/// Measured before: a missing folder or an unreadable file gave "stamped 0
/// messages" and exit 0; now it is exit 2 naming the path, and success
/// names the folder written.
#[test]
fn stamp_names_its_folder_and_fails_on_a_missing_folder_or_an_unreadable_file() {
    let dir = TempDir::new();
    let o = errcat_command()
        .args(["stamp", "de", "--locales", dir.arg()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no such locale folder"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());

    // A folder in place of the file: it cannot be read.
    std::fs::create_dir_all(dir.path().join("de/planfix.ftl")).unwrap();
    dir.write("de/mobizon.ftl", b"success = Erfolg\n    .title = Erfolg\n");
    let o = errcat_command()
        .args(["stamp", "de", "--locales", dir.arg()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("planfix.ftl: not a regular file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read(dir.path().join("de/mobizon.ftl")).unwrap(),
        b"success = Erfolg\n    .title = Erfolg\n",
        "nothing is stamped when one file cannot be read"
    );

    std::fs::remove_dir(dir.path().join("de/planfix.ftl")).unwrap();
    let o = errcat_command()
        .args(["stamp", "de", "--locales", dir.arg()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!(
            "stamped 1 message in {} with the current English\n",
            dir.path().join("de").display()
        )
    );
}

/// Measured before: the first message of a file that starts with a byte
/// order mark was never stamped.
#[test]
fn stamp_stamps_the_first_message_after_a_byte_order_mark() {
    let dir = TempDir::new();
    dir.write(
        "de/mobizon.ftl",
        b"\xEF\xBB\xBFsuccess = Erfolg\r\n    .title = Erfolg\r\n",
    );
    assert_eq!(errcat::tooling::stamp_locale(dir.path(), "de").unwrap(), 1);
    let text = std::fs::read(dir.path().join("de/mobizon.ftl")).unwrap();
    let text = String::from_utf8(text).unwrap();
    let stamp = text.strip_prefix('\u{FEFF}').unwrap();
    assert!(stamp.starts_with("# en-hash: "), "{text:?}");
    assert!(
        stamp.ends_with("\r\nsuccess = Erfolg\r\n    .title = Erfolg\r\n"),
        "{text:?}"
    );
    let report = errcat::tooling::check_dir(dir.path()).unwrap();
    assert!(
        report.diagnostics.iter().all(|d| d.rule != "stale"),
        "{:?}",
        report.diagnostics
    );
}

/// Measured before: `new-locale` from a broken `en` wrote an empty
/// scaffold.
#[test]
fn new_locale_refuses_a_broken_english() {
    for en in [&b"task-not-found = {"[..], b"", b"\xFF\xFE"] {
        let dir = TempDir::new();
        dir.write("en/planfix.ftl", en);
        let o = errcat_command()
            .args(["new-locale", "de", "--locales", dir.arg()])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{en:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("en/planfix.ftl"), "{}", stderr(&o));
        assert!(!dir.path().join("de").exists(), "{en:?}");
    }
}

// ── Bounded reads ─────────────────────────────────────────────────────

/// Measured before: `stamp` and `new-locale` opened a named pipe and
/// waited for ever. Every command that reads a locales folder now skips
/// or refuses it at once.
#[test]
fn a_named_pipe_never_blocks_a_command() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    std::fs::create_dir_all(dir.path().join("en")).unwrap();
    mkfifo(&dir.path().join("de/planfix.ftl"));
    let limit = Duration::from_secs(20);

    let o = errcat_within(&["check", "--locales", dir.arg()], limit);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("planfix.ftl:1:1: error: io: not a regular file"),
        "{out}"
    );
    let o = errcat_within(&["explain", "planfix:1000", "--locales", dir.arg()], limit);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    let mut env = errcat_command();
    env.args(["list"]).env("ERRCAT_LOCALES", dir.path());
    let o = output_within(env, limit);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    let o = errcat_within(&["stamp", "de", "--locales", dir.arg()], limit);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    mkfifo(&dir.path().join("en/planfix.ftl"));
    let o = errcat_within(&["new-locale", "uk", "--locales", dir.arg()], limit);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.path().join("uk").exists());
}

/// Measured before: `stamp` read `/dev/zero` to the memory limit, then
/// said "stamped 0 messages" with exit 0.
#[test]
fn a_link_to_dev_zero_is_refused_at_once() {
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("de")).unwrap();
    symlink("/dev/zero", dir.path().join("de/planfix.ftl")).unwrap();
    let start = Instant::now();
    let o = errcat_within(
        &["stamp", "de", "--locales", dir.arg()],
        Duration::from_secs(20),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

/// Measured before: the size guard trusted `metadata.len()`, which is 0
/// for `/proc` files, so a link to `/proc/self/pagemap` (terabytes) read
/// until memory ran out.
#[test]
fn a_proc_file_is_read_no_further_than_the_cap() {
    let pagemap = Path::new("/proc/self/pagemap");
    if std::fs::File::open(pagemap).is_err() {
        eprintln!("skipped: {} cannot be opened here", pagemap.display());
        return;
    }
    let dir = TempDir::new();
    std::fs::create_dir_all(dir.path().join("kk")).unwrap();
    symlink(pagemap, dir.path().join("kk/planfix.ftl")).unwrap();
    let (catalog, diagnostics) = Catalog::from_dir(dir.path()).unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]
            .message
            .starts_with("the file holds more than the 16777216 bytes read"),
        "{}",
        diagnostics[0]
    );
    assert_eq!(
        catalog
            .explain("planfix:1000", "kk")
            .unwrap()
            .locale()
            .to_string(),
        "kk"
    );
}

/// Measured before: no total budget, so many folders of files just under
/// the 16 MiB cap were all read (100 folders: 6.5 GB). A folder's files
/// now share 64 MiB; the files past it are skipped unread.
#[test]
fn the_files_of_one_folder_share_one_budget() {
    let dir = TempDir::new();
    let names = ["ab", "ac", "ad", "ae", "af", "ag"];
    for name in names {
        std::fs::create_dir_all(dir.path().join(name)).unwrap();
        let file = std::fs::File::create(dir.path().join(name).join("planfix.ftl")).unwrap();
        // Sparse: 15 MiB that take no disk.
        file.set_len(15 << 20).unwrap();
    }
    let mut found = Vec::new();
    let report = errcat::tooling::check_dir(dir.path()).unwrap();
    for d in &report.diagnostics {
        if d.message.contains("67108864 bytes read from one folder") {
            found.push(d.path.clone());
        }
    }
    // 4 × 15 MiB fit in 64 MiB; the 5th and 6th do not.
    let expected: Vec<String> = ["af", "ag"]
        .iter()
        .map(|n| dir.path().join(n).join("planfix.ftl").display().to_string())
        .collect();
    assert_eq!(found, expected, "{:?}", report.diagnostics);
}
