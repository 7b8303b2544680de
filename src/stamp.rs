//! Stamps and scaffolds: the two ways errcat writes `.ftl` files for
//! translators.
//!
//! Fluent has no "fuzzy" flag, so a translation records which English text
//! it was made from: a comment `# en-hash: 1a2b3c4d` directly above the
//! message, holding a short hash of the English message. `errcat check`
//! warns (`stale`) when the English changes and the hash no longer matches;
//! `errcat stamp <lang>` records the current hashes once the translator has
//! reviewed them.
//!
//! Both read through the bounded reader and write through the atomic
//! writer ([`crate::files`]): a failed write leaves a translator's file as
//! it was, and a stamp changes no byte of a file but its stamp lines.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use fluent_syntax::ast::Entry;

use crate::code::CatalogId;
use crate::error::Error;
use crate::fallback::LAST_RESORT;
use crate::files::read::{Budget, read_regular};
use crate::files::write::{Mode, write_atomic};
use crate::ftl::entries::entries;
use crate::ftl::parse_entries;
use crate::ftl::stamp::{
    CONFIRMED_PREFIX, STAMP_PREFIX, bare_source, hash_of, one_line_source, recorded_stamp,
    recorded_text, stamp_in, text_in,
};
use crate::locale::parse_locale;
use crate::source::{EMBEDDED, MAX_FILE_BYTES};

/// The files of a locale folder, by name: each catalog's, then errcat's
/// own words.
fn files_of_a_locale() -> impl Iterator<Item = &'static str> {
    CatalogId::ALL
        .into_iter()
        .map(CatalogId::as_str)
        .chain([crate::phrase::FILE])
}

/// One English message: its id, the hash a stamp records, and its source
/// as a scaffold shows it.
struct English {
    id: String,
    hash: String,
    source: String,
    /// The source on one line, as a stamp's `# en:` line records it.
    text: String,
}

/// The English messages of a catalog, from `dir/en` if it has the file,
/// else from the embedded files. An English file that cannot be read, is
/// not UTF-8, does not parse or holds no message is an error: a scaffold
/// or a stamp made from it would be empty or wrong.
fn english(dir: &Path, catalog: &str, budget: &mut Budget) -> Result<Vec<English>, Error> {
    let path = dir.join(LAST_RESORT).join(format!("{catalog}.ftl"));
    let broken = |why: String| Error::Io {
        path: path.display().to_string(),
        message: format!("{why}; fix the English first (see `errcat check --locales`)"),
    };
    let text = match read_regular(&path, MAX_FILE_BYTES, budget) {
        Ok(bytes) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            String::from_utf8(bytes.to_vec())
                .map_err(|_| broken("the English file is not valid UTF-8".to_owned()))?
        }
        Err(refused) if refused.is_missing() => EMBEDDED
            .iter()
            .find(|f| f.locale == LAST_RESORT && f.catalog == catalog)
            .and_then(|f| std::str::from_utf8(f.text).ok())
            .unwrap_or_default()
            .to_owned(),
        Err(refused) => return Err(broken(refused.to_string())),
    };
    let mut problems = Vec::new();
    let parsed = parse_entries("", &text, &mut problems, |entry| {
        fluent_syntax::parser::parse(entry)
    });
    if !problems.is_empty() {
        return Err(broken(format!(
            "the English file has {} syntax error(s)",
            problems.len()
        )));
    }
    let messages: Vec<English> = parsed
        .iter()
        .flat_map(|p| &p.resource.body)
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let source = bare_source(m);
                Some(English {
                    id: m.id.name.to_owned(),
                    hash: hash_of(&source),
                    text: one_line_source(&source),
                    source,
                })
            }
            _ => None,
        })
        .collect();
    if messages.is_empty() {
        return Err(broken("the English file has no messages".to_owned()));
    }
    Ok(messages)
}

/// Writes `<dir>/<locale>/{mobizon,planfix}.ftl` for a new locale: every
/// message id with its English text as comments, each with its stamp, ready
/// to fill in. Returns the files written.
///
/// Refuses an invalid locale name, a locale folder that already holds
/// `.ftl` files, and English files in `dir/en` that are broken (they would
/// give an empty or partial scaffold). Every file is written atomically,
/// and a failure removes what this call created, so it can be run again.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-scaffold-doc-{}", std::process::id()));
/// let written = errcat::tooling::scaffold_locale(&dir, "de").unwrap();
/// assert_eq!(written.len(), 4);                        // mobizon, planfix, mobizon-recipient and errcat.ftl
/// let text = std::fs::read_to_string(dir.join("de/planfix.ftl")).unwrap();
/// assert!(text.contains("# task-not-found = "));
/// assert!(errcat::tooling::scaffold_locale(&dir, "de").is_err());   // never overwrites
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn scaffold_locale(dir: impl AsRef<Path>, locale: &str) -> Result<Vec<String>, Error> {
    let dir = dir.as_ref();
    let tag = parse_locale(locale)?.to_string();
    let folder = dir.join(&tag);
    let io = |e: std::io::Error| Error::Io {
        path: folder.display().to_string(),
        message: format!("cannot create the locale: {e}"),
    };
    if has_translations(&folder).map_err(io)? {
        return Err(Error::Io {
            path: folder.display().to_string(),
            message: "the locale folder already has .ftl files; edit them instead".to_owned(),
        });
    }
    // Everything is made before anything is written, so that a broken
    // English leaves no trace.
    let mut budget = Budget::for_folder();
    let mut files = Vec::new();
    for catalog in files_of_a_locale() {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {tag} texts for {catalog}.ftl, scaffolded from en.\n#\n\
             # Translate a message by removing the `# ` in front of its lines and\n\
             # rewriting the English. Keep the `# {STAMP_PREFIX}` line directly above it.\n\
             # Check your work with `errcat check --locales {}`.\n",
            dir.display()
        );
        for English {
            hash, source, text, ..
        } in english(dir, catalog, &mut budget)?
        {
            let _ = writeln!(out, "# {STAMP_PREFIX} {hash}");
            let _ = writeln!(out, "# {CONFIRMED_PREFIX} {text}");
            for line in source.trim_end().lines() {
                let _ = writeln!(out, "# {line}");
            }
            out.push('\n');
        }
        files.push((folder.join(format!("{catalog}.ftl")), out));
    }
    let created_dir = !dir.exists();
    let created_folder = !folder.exists();
    fs::create_dir_all(&folder).map_err(io)?;
    let mut written = Vec::new();
    for (path, text) in &files {
        if let Err(e) = write_atomic(dir, path, text.as_bytes(), Mode::CreateNew) {
            // Leave nothing half made: a second run starts afresh.
            for path in &written {
                let _ = fs::remove_file(path);
            }
            if created_folder {
                let _ = fs::remove_dir(&folder);
            }
            if created_dir {
                let _ = fs::remove_dir(dir);
            }
            return Err(io(e));
        }
        written.push(path.clone());
    }
    Ok(written.iter().map(|p| p.display().to_string()).collect())
}

/// Whether `folder` exists and holds a `.ftl` file. An empty folder, or one
/// that holds only what an interrupted scaffold left, may be scaffolded.
fn has_translations(folder: &Path) -> std::io::Result<bool> {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    for entry in entries {
        if entry?.path().extension().is_some_and(|e| e == "ftl") {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Records the current English hash above every message of a locale's
/// files in `dir`, replacing older stamps: run it once a translation has
/// been reviewed against the current English. Returns how many messages
/// carry the current stamp. A message in which `check` finds an error is
/// not stamped (see [`stamp_messages`], which also names them).
///
/// Only stamp lines change: every other byte of a file (a byte order
/// mark, CRLF line ends, a last line without a line end) stays as it was,
/// and a file whose stamps are current is not written at all. A missing
/// locale folder, a file that cannot be read or is not UTF-8, and broken
/// English files are errors, and then nothing is written.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-stamp-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(dir.join("de/mobizon.ftl"), "success = Erfolg.\n    .title = Erfolg\n").unwrap();
/// assert_eq!(errcat::tooling::stamp_locale(&dir, "de").unwrap(), 1);
/// let text = std::fs::read_to_string(dir.join("de/mobizon.ftl")).unwrap();
/// assert!(text.starts_with("# en-hash: "));
/// assert!(errcat::tooling::stamp_locale(&dir, "xx").is_err());   // no such folder
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn stamp_locale(dir: impl AsRef<Path>, locale: &str) -> Result<usize, Error> {
    stamp_messages(dir, locale, &[]).map(|report| report.stamped)
}

/// What [`stamp_messages`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StampReport {
    /// How many of the chosen messages carry the current stamp.
    pub stamped: usize,
    /// The chosen messages left unstamped because `check` finds an error
    /// in them: fix them first.
    pub skipped: Vec<Skipped>,
}

/// A message [`stamp_messages`] did not stamp, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Skipped {
    /// The file, as `check` names it.
    pub path: String,
    /// The message's line (1-based).
    pub line: usize,
    /// The message id.
    pub id: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:1: {} has errors and is not stamped; `errcat check` lists them",
            self.path, self.line, self.id
        )
    }
}

/// Records the current English above the chosen messages of a locale's
/// files in `dir`: each `message` is an id (`task-not-found`, in every
/// file that has it) or a code (`planfix:1000`, in its catalog's file);
/// none means every message. A stamp is two comment lines directly above
/// the message: `# en-hash:` with the hash of the English message, and
/// `# en:` with that English on one line, from which `check` shows what
/// changed once it is stale.
///
/// A message in which `errcat check` finds an error (a syntax error, a
/// missing attribute, different variables …) is not stamped: it is named
/// in [`StampReport::skipped`]. A choice that is no English message, an
/// invalid code, and everything [`stamp_locale`] refuses are errors, and
/// then nothing is written.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-stamp-one-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(
///     dir.join("de/planfix.ftl"),
///     "task-not-found = Nicht da.\n    .title = Fehlt\ninvalid-token = Ungültig.\n    .title = Ungültig\n",
/// )
/// .unwrap();
/// let report = errcat::tooling::stamp_messages(&dir, "de", &["planfix:1000"]).unwrap();
/// assert_eq!(report.stamped, 1);
/// let text = std::fs::read_to_string(dir.join("de/planfix.ftl")).unwrap();
/// assert!(text.starts_with("# en-hash: "));
/// assert!(text.lines().nth(1).unwrap().starts_with("# en: "));
/// assert!(text.contains("\ninvalid-token = "));          // not chosen: not stamped
/// assert!(errcat::tooling::stamp_messages(&dir, "de", &["no-such-id"]).is_err());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn stamp_messages(
    dir: impl AsRef<Path>,
    locale: &str,
    messages: &[&str],
) -> Result<StampReport, Error> {
    let dir = dir.as_ref();
    let tag = parse_locale(locale)?.to_string();
    let folder = dir.join(&tag);
    if !folder.is_dir() {
        return Err(Error::Io {
            path: folder.display().to_string(),
            message: format!(
                "no such locale folder; create it with `errcat new-locale {tag} --locales {}`",
                dir.display()
            ),
        });
    }
    // Each choice as (catalog file, if a code chose it; id).
    let mut chosen: Vec<(Option<&str>, String)> = Vec::new();
    for m in messages {
        if m.contains(':') {
            let code: crate::Code = m.parse()?;
            chosen.push((Some(code.catalog().as_str()), code.name().to_owned()));
        } else {
            chosen.push((None, (*m).to_owned()));
        }
    }
    let wants = |catalog: &str, id: &str| {
        chosen.is_empty()
            || chosen
                .iter()
                .any(|(c, i)| i == id && c.is_none_or(|c| c == catalog))
    };
    // Message-level errors, by file and line.
    let report = crate::check::check_dir(dir)?;
    let errors = crate::check::broken_lines(&report);
    let mut budget = Budget::for_folder();
    let mut out = StampReport::default();
    let mut changed = Vec::new();
    let mut found: Vec<bool> = vec![false; chosen.len()];
    for catalog in files_of_a_locale() {
        let path = folder.join(format!("{catalog}.ftl"));
        let unreadable = |why: String| Error::Io {
            path: path.display().to_string(),
            message: format!("{why}; nothing was stamped"),
        };
        let hashes = english(dir, catalog, &mut budget)?;
        for ((c, id), found) in chosen.iter().zip(found.iter_mut()) {
            *found |= c.is_none_or(|c| c == catalog) && hashes.iter().any(|e| e.id == *id);
        }
        let bytes = match read_regular(&path, MAX_FILE_BYTES, &mut budget) {
            Ok(bytes) => bytes,
            Err(refused) if refused.is_missing() => continue,
            Err(refused) => return Err(unreadable(refused.to_string())),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| unreadable("not valid UTF-8 (see `errcat check`)".to_owned()))?;
        let shown = path.display().to_string();
        let broken = errors.get(shown.as_str()).map_or(&[][..], Vec::as_slice);
        let english: Vec<&English> = hashes.iter().filter(|e| wants(catalog, &e.id)).collect();
        let stamped = stamp_text(&text, &english, broken);
        out.stamped += stamped.count;
        out.skipped
            .extend(stamped.skipped.into_iter().map(|(line, id)| Skipped {
                path: shown.clone(),
                line,
                id,
            }));
        if stamped.text != text {
            changed.push((path, stamped.text));
        }
    }
    if let Some(((_, id), _)) = chosen.iter().zip(&found).find(|(_, found)| !**found) {
        return Err(Error::Io {
            path: folder.display().to_string(),
            message: format!("{id:?} is no message of the English files; nothing was stamped"),
        });
    }
    for (path, text) in changed {
        write_atomic(dir, &path, text.as_bytes(), Mode::Replace).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: format!("cannot write the stamped file, which is unchanged: {e}"),
        })?;
    }
    Ok(out)
}

/// A file with its stamps renewed, by [`stamp_text`].
struct Stamped {
    text: String,
    /// Messages that carry the current stamp.
    count: usize,
    /// Messages left alone for their errors: (line, id).
    skipped: Vec<(usize, String)>,
}

/// `text` with the current stamp above every message `english` knows,
/// but those whose entry holds a line of `broken` (1-based lines with
/// errors). A message whose comment already records the current hash
/// keeps its comment; any other loses the stamp lines (`# en-hash:`,
/// `# en:`) of its comment and gets a fresh stamp directly above it.
fn stamp_text(text: &str, english: &[&English], broken: &[usize]) -> Stamped {
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(body) => ("\u{FEFF}", body),
        None => ("", text),
    };
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    // The first line of each entry, as the reader splits the file.
    let mut starts = Vec::new();
    let mut line = 0;
    for chunk in entries(body) {
        starts.push(line);
        line += chunk.text.split_inclusive('\n').count();
    }
    let by_id: std::collections::HashMap<&str, &English> =
        english.iter().map(|e| (e.id.as_str(), *e)).collect();
    let mut broken = broken.to_vec();
    broken.sort_unstable();
    let mut dropped = vec![false; lines.len()];
    let mut stamp_before: Vec<Option<String>> = vec![None; lines.len()];
    let mut out = Stamped {
        text: String::new(),
        count: 0,
        skipped: Vec::new(),
    };
    for (at, line) in lines.iter().enumerate() {
        let Some((id, e)) = message_id(line).and_then(|id| Some((id, *by_id.get(id)?))) else {
            continue;
        };
        // The entry's lines, 1-based: from its first (comment) line to
        // the line before the next entry.
        let entry = starts.partition_point(|&s| s <= at);
        let first = starts.get(entry.wrapping_sub(1)).copied().unwrap_or(0) + 1;
        let last = starts.get(entry).copied().unwrap_or(lines.len());
        let from = broken.partition_point(|&l| l < first);
        if broken.get(from).is_some_and(|&l| l <= last) {
            out.skipped.push((at + 1, id.to_owned()));
            continue;
        }
        out.count += 1;
        // The comment Fluent attaches to the message: the `#` lines
        // directly above it.
        let block_start = lines
            .get(..at)
            .unwrap_or_default()
            .iter()
            .rposition(|l| comment_content(l).is_none())
            .map_or(0, |p| p + 1);
        let block = block_start..at;
        let contents: Vec<&str> = lines
            .get(block.clone())
            .unwrap_or_default()
            .iter()
            .filter_map(|l| comment_content(l))
            .collect();
        let hash = e.hash.as_str();
        if recorded_stamp(&contents) == Some(hash)
            && recorded_text(&contents).is_none_or(|t| t == e.text)
        {
            continue;
        }
        for i in block {
            let is_stamp = lines
                .get(i)
                .and_then(|l| comment_content(l))
                .is_some_and(|c| stamp_in(c).is_some() || text_in(c).is_some());
            if let Some(drop) = dropped.get_mut(i) {
                *drop |= is_stamp;
            }
        }
        let eol = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
        if let Some(slot) = stamp_before.get_mut(at) {
            *slot = Some(format!(
                "# {STAMP_PREFIX} {hash}{eol}# {CONFIRMED_PREFIX} {}{eol}",
                e.text
            ));
        }
    }
    out.text.reserve(text.len() + 64 * out.count);
    out.text.push_str(bom);
    for ((line, drop), stamp) in lines.iter().zip(dropped).zip(stamp_before) {
        if let Some(stamp) = stamp {
            out.text.push_str(&stamp);
        }
        if !drop {
            out.text.push_str(line);
        }
    }
    out
}

/// The id of the message a line starts (`id =` at column 0), if it does.
fn message_id(line: &str) -> Option<&str> {
    if !line.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(line.len());
    let (id, rest) = line.split_at(end);
    rest.trim_start_matches([' ', '\t'])
        .starts_with('=')
        .then_some(id)
}

/// What a message comment line (`#` alone or `# text`) says, without its
/// `# ` and line end; `None` for any other line, group and resource
/// comments (`##`, `###`) included.
fn comment_content(line: &str) -> Option<&str> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let rest = line.strip_prefix('#')?;
    if rest.is_empty() {
        return Some(rest);
    }
    rest.strip_prefix(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(id: &str, hash: &str) -> Vec<English> {
        vec![English {
            id: id.to_owned(),
            hash: hash.to_owned(),
            source: String::new(),
            text: "X".to_owned(),
        }]
    }

    fn stamp(text: &str, en: &[English], broken: &[usize]) -> (String, usize) {
        let en: Vec<&English> = en.iter().collect();
        let out = stamp_text(text, &en, broken);
        (out.text, out.count)
    }

    #[test]
    fn the_last_stamp_of_a_comment_counts() {
        assert_eq!(
            recorded_stamp(&["en-hash: old", "note", " en-hash:  new "]),
            Some("new")
        );
        assert_eq!(recorded_stamp(&["note"]), None);
        assert_eq!(recorded_stamp(&[]), None);
    }

    #[test]
    fn a_stale_stamp_is_replaced_and_other_bytes_kept() {
        let en = english("a", "h2");
        let text = "\u{FEFF}# en-hash: h1\r\n# en: old\r\n# note\r\na = x\r\n    .title = y";
        let (out, n) = stamp(text, &en, &[]);
        assert_eq!(n, 1);
        assert_eq!(
            out,
            "\u{FEFF}# note\r\n# en-hash: h2\r\n# en: X\r\na = x\r\n    .title = y"
        );
        assert_eq!(stamp(&out, &en, &[]), (out.clone(), 1), "idempotent");
    }

    #[test]
    fn a_current_stamp_is_left_alone_and_unknown_ids_untouched() {
        let en = english("a", "h");
        // A stamp without its `# en:` line (made by earlier versions) is current too.
        let text = "# en-hash: h\n# note\na = x\n\nb = y\n## group\n";
        assert_eq!(stamp(text, &en, &[]), (text.to_owned(), 1));
        // A group comment is not the message's comment.
        let (out, _) = stamp("## en-hash: h\na = x\n", &en, &[]);
        assert_eq!(out, "## en-hash: h\n# en-hash: h\n# en: X\na = x\n");
    }

    #[test]
    fn a_message_with_errors_is_skipped() {
        let en = english("a", "h");
        let text = "# c\na = {\n    .title = y\nb = z\n";
        for line in [1, 2, 3] {
            let out = stamp_text(text, &[&en[0]], &[line]);
            assert_eq!((out.text.as_str(), out.count), (text, 0), "{line}");
            assert_eq!(out.skipped, [(2, "a".to_owned())]);
        }
        // An error in the next entry is not this message's.
        let (out, n) = stamp(text, &en, &[4]);
        assert_eq!(
            (out.as_str(), n),
            (
                "# c\n# en-hash: h\n# en: X\na = {\n    .title = y\nb = z\n",
                1
            )
        );
    }

    #[test]
    fn message_lines_are_found_like_the_parser_finds_them() {
        assert_eq!(message_id("task-not-found = x"), Some("task-not-found"));
        assert_eq!(message_id("a_1=x"), Some("a_1"));
        assert_eq!(message_id("    .title = x"), None);
        assert_eq!(message_id("-term = x"), None);
        assert_eq!(message_id("# a = x"), None);
        assert_eq!(comment_content("#\n"), Some(""));
        assert_eq!(comment_content("#x\n"), None);
    }
}
