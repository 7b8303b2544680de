//! Stamps and scaffolds: the two ways errcat writes `.ftl` files for
//! translators.
//!
//! Fluent has no "fuzzy" flag, so a translation records which English text
//! it was made from: a comment `# en-hash: 1a2b3c4d` directly above the
//! message, holding a short hash of the English message. `errcat check`
//! warns (`stale`) when the English changes and the hash no longer matches;
//! `errcat stamp <lang>` records the current hashes once the translator has
//! reviewed them.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use fluent_syntax::ast::Entry;

use crate::code::CatalogId;
use crate::error::Error;
use crate::fallback::LAST_RESORT;
use crate::ftl::parse_entries;
use crate::ftl::stamp::{STAMP_PREFIX, bare_source, hash_of};
use crate::locale::parse_locale;
use crate::source::EMBEDDED;

/// The English messages of a catalog and their hashes, from `dir/en` if it
/// has the file, else from the embedded files.
fn english(dir: &Path, catalog: CatalogId) -> Vec<(String, String, String)> {
    let path = dir.join(LAST_RESORT).join(format!("{catalog}.ftl"));
    let text = fs::read_to_string(&path).ok().or_else(|| {
        EMBEDDED
            .iter()
            .find(|f| f.locale == LAST_RESORT && f.catalog == catalog.as_str())
            .and_then(|f| std::str::from_utf8(f.text).ok().map(str::to_owned))
    });
    let Some(text) = text else {
        return Vec::new();
    };
    let parsed = parse_entries("", &text, &mut Vec::new(), |entry| {
        fluent_syntax::parser::parse(entry)
    });
    parsed
        .iter()
        .flat_map(|p| &p.resource.body)
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let source = bare_source(m);
                Some((m.id.name.to_owned(), hash_of(&source), source))
            }
            _ => None,
        })
        .collect()
}

/// Writes `<dir>/<locale>/{mobizon,planfix}.ftl` for a new locale: every
/// message id with its English text as comments, each with its stamp, ready
/// to fill in. Returns the files written. Refuses an invalid or
/// non-canonical locale name and a locale folder that already exists.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-scaffold-doc-{}", std::process::id()));
/// let written = errcat::scaffold_locale(&dir, "de").unwrap();
/// assert_eq!(written.len(), 2);
/// let text = std::fs::read_to_string(dir.join("de/planfix.ftl")).unwrap();
/// assert!(text.contains("# task-not-found = "));
/// assert!(errcat::scaffold_locale(&dir, "de").is_err());   // never overwrites
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn scaffold_locale(dir: impl AsRef<Path>, locale: &str) -> Result<Vec<String>, Error> {
    let dir = dir.as_ref();
    let id = parse_locale(locale)?;
    let tag = id.to_string();
    let folder = dir.join(&tag);
    let io = |e: std::io::Error| Error::Io {
        path: folder.display().to_string(),
        message: format!("cannot create the locale: {e}"),
    };
    if folder.exists() {
        return Err(Error::Io {
            path: folder.display().to_string(),
            message: "the locale folder already exists; edit its files instead".to_owned(),
        });
    }
    fs::create_dir_all(&folder).map_err(io)?;
    let mut written = Vec::new();
    for catalog in CatalogId::ALL {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {tag} texts for the {catalog} catalog, scaffolded from en.\n#\n\
             # Translate a message by removing the `# ` in front of its lines and\n\
             # rewriting the English. Keep the `# {STAMP_PREFIX}` line directly above it.\n\
             # Check your work with `errcat check --locales {}`.\n",
            dir.display()
        );
        for (_, hash, source) in english(dir, catalog) {
            let _ = writeln!(out, "# {STAMP_PREFIX} {hash}");
            for line in source.trim_end().lines() {
                let _ = writeln!(out, "# {line}");
            }
            out.push('\n');
        }
        let path = folder.join(format!("{catalog}.ftl"));
        fs::write(&path, out).map_err(io)?;
        written.push(path.display().to_string());
    }
    Ok(written)
}

/// Records the current English hash above every message of a locale's
/// files in `dir`, replacing older stamps: run it once a translation has
/// been reviewed against the current English. Returns how many messages
/// were stamped.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("errcat-stamp-doc-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("de")).unwrap();
/// std::fs::write(dir.join("de/mobizon.ftl"), "success = Erfolg.\n    .title = Erfolg\n").unwrap();
/// assert_eq!(errcat::stamp_locale(&dir, "de").unwrap(), 1);
/// let text = std::fs::read_to_string(dir.join("de/mobizon.ftl")).unwrap();
/// assert!(text.starts_with("# en-hash: "));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn stamp_locale(dir: impl AsRef<Path>, locale: &str) -> Result<usize, Error> {
    let dir = dir.as_ref();
    let tag = parse_locale(locale)?.to_string();
    let mut stamped = 0;
    for catalog in CatalogId::ALL {
        let path = dir.join(&tag).join(format!("{catalog}.ftl"));
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let hashes = english(dir, catalog);
        let mut out = String::with_capacity(text.len() + 2048);
        let mut previous_is_stamp = false;
        for line in text.lines() {
            let id: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let starts_message = line.starts_with(|c: char| c.is_ascii_alphabetic())
                && line
                    .get(id.len()..)
                    .is_some_and(|r| r.trim_start().starts_with('='));
            let hash = hashes.iter().find(|(i, _, _)| *i == id).map(|(_, h, _)| h);
            if let (true, Some(hash)) = (starts_message, hash) {
                if previous_is_stamp {
                    // Replace the stamp line just written.
                    let keep = out.trim_end_matches('\n').rfind('\n').map_or(0, |p| p + 1);
                    out.truncate(keep);
                }
                let _ = writeln!(out, "# {STAMP_PREFIX} {hash}");
                stamped += 1;
            }
            previous_is_stamp = line
                .trim_start_matches('#')
                .trim()
                .starts_with(STAMP_PREFIX)
                && line.starts_with("# ");
            out.push_str(line);
            out.push('\n');
        }
        fs::write(&path, out).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: format!("cannot write the stamped file: {e}"),
        })?;
    }
    Ok(stamped)
}
