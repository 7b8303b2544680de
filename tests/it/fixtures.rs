//! Loads the line-based fixture tables in `tests/fixtures/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The non-comment lines of a fixture file, split on `sep` and trimmed,
/// with their line numbers.
pub fn rows(name: &str, sep: &str) -> Vec<(usize, Vec<String>)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<_> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.split(sep).map(|f| f.trim().to_owned()).collect()))
        .collect();
    assert!(!rows.is_empty(), "{name} has no cases");
    rows
}

/// A fresh folder under the system's temporary folder, removed on drop:
/// `tempfile::TempDir` (a random name created exclusively, so parallel
/// tests and leftovers of killed runs never meet), with the helpers the
/// tests share.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new() -> TempDir {
        TempDir(
            tempfile::Builder::new()
                .prefix("errcat-it-")
                .tempdir()
                .unwrap(),
        )
    }

    /// Writes `bytes` to `path` inside the folder, creating its folders.
    /// Writes a file whole, as editors save: into a temporary file beside
    /// it, then renamed over it, so that a watcher never reads half of it.
    pub fn write(&self, path: &str, bytes: &[u8]) {
        let path = self.path().join(path);
        let folder = path.parent().unwrap();
        std::fs::create_dir_all(folder).unwrap();
        let temporary = folder.join(format!(
            ".{}.writing",
            path.file_name().unwrap().to_string_lossy()
        ));
        std::fs::write(&temporary, bytes).unwrap();
        std::fs::rename(&temporary, &path).unwrap();
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// The folder as a command-line argument.
    pub fn arg(&self) -> &str {
        self.path().to_str().unwrap()
    }
}

/// The `errcat` binary, with the environment that chooses its locale or its
/// locales folder removed, so that a test sets exactly what it means to.
pub fn errcat_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_errcat"));
    for var in CHOOSING_VARS {
        cmd.env_remove(var);
    }
    cmd
}

/// The environment variables that choose errcat's locale or its locales
/// folder.
pub const CHOOSING_VARS: [&str; 5] = [
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "ERRCAT_LOCALES",
];

/// Runs `errcat` with `args` in a clean environment.
pub fn errcat(args: &[&str]) -> Output {
    errcat_command().args(args).output().unwrap()
}

/// Runs `command` with `input` on its standard input, written from a
/// thread so that an input larger than the pipe cannot deadlock against
/// the output, and the output collected.
pub fn with_stdin(command: &mut Command, input: Vec<u8>) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The child may stop reading early (a size limit): a broken pipe is fine.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// One code row of `registry/<catalog>.tsv`: number, name, kind, section,
/// status, suggested HTTP status (and, for some catalogs, its source).
pub struct RegistryRow {
    pub number: u32,
    pub name: String,
    pub kind: String,
    pub http: u16,
}

/// The code rows of `registry/<catalog>.tsv`, read from the file itself,
/// so that counts follow the registry rather than a number in a test.
pub fn registry(catalog: &str) -> Vec<RegistryRow> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("registry")
        .join(format!("{catalog}.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<RegistryRow> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            RegistryRow {
                number: f[0].parse().unwrap(),
                name: f[1].to_owned(),
                kind: f[2].to_owned(),
                http: f[5].parse().unwrap(),
            }
        })
        .collect();
    assert!(!rows.is_empty(), "{} has no codes", path.display());
    rows
}

/// The catalogs' ids, in the order of `registry/catalogs.tsv`.
pub fn registry_catalogs() -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("registry/catalogs.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect()
}

/// How many codes all catalogs of the registry hold together.
pub fn registry_total() -> usize {
    registry_catalogs().iter().map(|c| registry(c).len()).sum()
}

/// A translation in progress: `success` is fine; `rate-limit-exceeded`
/// and `unknown-code` have misspelled variables; `record-not-foud` is a
/// misspelled id.
pub const BE_IN_PROGRESS: &str = "\
success = Аперацыя выканана.
    .title = Поспех

rate-limit-exceeded = Перавышаны ліміт { $limt }.
    .title = Занадта шмат запытаў
    .hint = Запытвайце радзей.

unknown-code = Невядомы код памылкі { $number }
    .title = Невядомы код памылкі { $numbr }

record-not-foud = Запіс не знойдзены
    .title = Не знойдзена
";
