//! `.ftl` loading through `Catalog::from_dir`: a temporary locales folder
//! with arbitrary file bytes, then every code looked up in it.
//!
//! Input: byte 0 picks how many files (1–3). Each file starts with a
//! selector byte (its locale folder and catalog file name, from the tables
//! below); every file but the last then has a 2-byte little-endian length;
//! the last file takes the rest. Bytes are written as they are: invalid
//! UTF-8, NULs and all.
//!
//! Each input runs on a 512 KiB stack: deep recursion shows up with small
//! inputs.
//!
//! Upstream Fluent code that panics runs behind errcat's guard, and the
//! guard turns the panic into a diagnostic. libFuzzer's panic hook would
//! abort on such a caught panic, so this target reports panics raised inside
//! the Fluent crates on stderr (at counts 1, 2, 4, 8, …) and lets the guard
//! catch them. Any other panic aborts, as does a Fluent panic the guard
//! misses; with `ERRCAT_FUZZ_STRICT=1` every panic aborts.

#![no_main]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use errcat::{Catalog, CatalogId};
use errcat_fuzz::{Snapshot, check_chain, strict};
use libfuzzer_sys::fuzz_target;

/// Locale folder names: shipped, new, regional, and two that are not
/// canonical locale names (their files must be reported, not loaded).
const FOLDERS: [&str; 10] = [
    "en", "kk", "ru", "uk", "de", "pt", "pt-BR", "kk-KZ", "EN", "und",
];
/// File names (without `.ftl`): both catalogs and one that is none.
const FILES: [&str; 3] = ["planfix", "mobizon", "jira"];
/// The locales every code is looked up in.
const REQUESTS: [&str; 9] = [
    "en", "kk", "ru", "uk", "kk-KZ", "de-AT", "pt-BR", "pt", "fr",
];

static UPSTREAM_PANICS: AtomicU64 = AtomicU64::new(0);
static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        if strict() {
            return;
        }
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let upstream = info.location().is_some_and(|l| {
                let file = l.file();
                file.contains("fluent-syntax") || file.contains("fluent-bundle")
            });
            if upstream {
                let n = UPSTREAM_PANICS.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_power_of_two() {
                    eprintln!(
                        "from_dir: upstream Fluent panic #{n} (errcat's guard catches it): {info}"
                    );
                }
                return;
            }
            abort(info);
        }));
    });
}

struct File<'a> {
    folder: &'static str,
    name: &'static str,
    bytes: &'a [u8],
}

fn files(data: &[u8]) -> Vec<File<'_>> {
    let Some((&count, mut rest)) = data.split_first() else {
        return Vec::new();
    };
    let count = 1 + usize::from(count % 3);
    let mut out = Vec::new();
    for i in 0..count {
        let Some((&selector, tail)) = rest.split_first() else {
            break;
        };
        let selector = usize::from(selector);
        let folder = FOLDERS[selector % FOLDERS.len()];
        let name = FILES[(selector / FOLDERS.len()) % FILES.len()];
        let bytes;
        if i + 1 == count {
            bytes = tail;
            rest = &[];
        } else {
            let len = match tail {
                [a, b, ..] => usize::from(u16::from_le_bytes([*a, *b])),
                _ => 0,
            };
            let tail = tail.get(2..).unwrap_or_default();
            let len = len.min(tail.len());
            bytes = &tail[..len];
            rest = &tail[len..];
        }
        out.push(File {
            folder,
            name,
            bytes,
        });
    }
    out
}

fn scratch_dir() -> PathBuf {
    std::env::temp_dir().join(format!("errcat-fuzz-from_dir-{}", std::process::id()))
}

fn write(dir: &Path, files: &[File<'_>]) {
    let _ = std::fs::remove_dir_all(dir);
    for file in files {
        let folder = dir.join(file.folder);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{}.ftl", file.name)), file.bytes).unwrap();
    }
    std::fs::create_dir_all(dir).unwrap();
}

/// The stack each input runs on. Small, so that recursion which would take
/// a megabyte-sized file to overflow a real program's stack shows up with
/// the few kilobytes libFuzzer makes; errcat's nesting limit needs far less.
const STACK: usize = 512 << 10;

fuzz_target!(|data: &[u8]| {
    install_hook();
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(s, || check(data))
            .unwrap()
            .join()
            .unwrap_or_else(|_| std::process::abort())
    });
});

fn check(data: &[u8]) {
    let files = files(data);
    let dir = scratch_dir();
    write(&dir, &files);
    let (catalog, diagnostics) = Catalog::from_dir(&dir).unwrap();
    let _ = std::fs::remove_dir_all(&dir);

    for d in &diagnostics {
        let shown = d.to_string();
        assert!(
            !shown.contains(['\n', '\r']),
            "diagnostic on two lines: {shown:?}"
        );
        assert!(d.line >= 1 && d.column >= 1, "{shown}");
        assert!(!d.message.is_empty(), "{shown}");
    }

    // Which (locale, catalog) files were loaded: canonical folder names and
    // known catalogs only.
    let loaded: BTreeSet<(&str, &str)> = files
        .iter()
        .filter(|f| !matches!(f.folder, "EN" | "und") && f.name != "jira")
        .map(|f| (f.folder, f.name))
        .collect();
    let mut expected_locales: BTreeSet<&str> = ["en", "kk", "ru", "uk"].into();
    expected_locales.extend(loaded.iter().map(|(l, _)| *l));
    let locales: BTreeSet<String> = catalog.locales().map(|l| l.to_string()).collect();
    assert_eq!(
        locales,
        expected_locales.iter().map(|l| l.to_string()).collect(),
        "locales"
    );

    let embedded = Catalog::embedded();
    for request in REQUESTS {
        let chain = catalog.chain(request).unwrap();
        check_chain(&catalog, &chain);
        for id in CatalogId::ALL {
            // Whether any locale of the chain had a file of this catalog
            // written: if none did, the answers are the embedded ones.
            let touched = chain
                .locales()
                .iter()
                .any(|l| loaded.contains(&(l.to_string().as_str(), id.as_str())));
            for code in id.codes() {
                let text = code.to_string();
                let answer = catalog.explain(&text, request);
                match answer {
                    Ok(e) => {
                        assert!(chain.locales().contains(e.locale()), "{text} {request}");
                        let again = catalog.lookup(code, &chain).unwrap();
                        assert_eq!(Snapshot::of(&e), Snapshot::of(&again), "{text} {request}");
                        if !touched {
                            let reference = embedded.explain(&text, request).unwrap();
                            assert_eq!(
                                (e.locale(), e.title(), e.explanation(), e.hint()),
                                (
                                    reference.locale(),
                                    reference.title(),
                                    reference.explanation(),
                                    reference.hint()
                                ),
                                "{text} {request}: a folder without this catalog's files changed it"
                            );
                        }
                    }
                    Err(err) => panic!("{text} in {request}: {err}"),
                }
            }
        }
    }
}
