//! `errcat check` over generated reference graphs: messages and terms that
//! refer to each other in any shape (chains, fan-outs, cycles, attributes,
//! missing targets), with variables, select expressions and long text.
//!
//! Input: each group of 4 bytes makes one entry. Byte 0 picks what it is
//! (a message or a term, with or without a `.title`, with a variable, a
//! select, a string literal with an escape); bytes 1–2 pick two entries it
//! refers to (by index, possibly itself or one that does not exist); byte 3
//! repeats the references (up to 8 each), so that a few entries make a large
//! fan-out. Up to 512 entries.
//!
//! What must hold: `check_dir` returns (no panic, no stack overflow: each
//! input runs on a 512 KiB stack), every finding is one line with a line
//! and column inside the file, a message that can format to more than
//! 64 KiB is reported as `too-long`, and the folder loads.

#![no_main]

use std::fmt::Write as _;
use std::path::PathBuf;

use errcat::Catalog;
use libfuzzer_sys::fuzz_target;

const MAX_ENTRIES: usize = 512;
const STACK: usize = 512 * 1024;

fn id(i: usize, entries: usize) -> String {
    // Indices past the end name entries that do not exist.
    if i < entries { format!("m{i}") } else { format!("missing{i}") }
}

fn source(data: &[u8]) -> (String, usize) {
    let groups: Vec<&[u8]> = data.chunks_exact(4).take(MAX_ENTRIES).collect();
    let n = groups.len();
    let mut out = String::new();
    for (i, g) in groups.iter().enumerate() {
        let (kind, a, b, times) = (g[0], usize::from(g[1]), usize::from(g[2]), 1 + usize::from(g[3] % 8));
        let term = kind & 1 == 1;
        let sigil = |j: usize| if groups.get(j).is_some_and(|g| g[0] & 1 == 1) { "-" } else { "" };
        let mut value = String::from("text ");
        for _ in 0..times {
            let _ = write!(value, "{{ {}{} }}{{ {}{} }}", sigil(a), id(a, n), sigil(b), id(b, n));
        }
        if kind & 2 != 0 {
            value.push_str(" { $count }");
        }
        if kind & 4 != 0 {
            value = format!("{{ $n ->\n    [one] {value}\n   *[other] {value} more\n}}");
        }
        if kind & 8 != 0 {
            value.push_str(" { \"\\u001B\" }");
        }
        if kind & 16 != 0 {
            value.push_str(&"x".repeat(usize::from(g[3]) * 64));
        }
        let name = if term { format!("-{}", id(i, n)) } else { id(i, n) };
        let _ = writeln!(out, "{name} = {value}");
        if kind & 32 != 0 {
            let _ = writeln!(out, "    .title = {{ {} }}", id(b, n));
        }
    }
    (out, n)
}

fuzz_target!(|data: &[u8]| {
    let (text, _) = source(data);
    let dir: PathBuf =
        std::env::temp_dir().join(format!("errcat-fuzz-check-{}", std::process::id()));
    let folder = dir.join("de");
    std::fs::create_dir_all(&folder).expect("scratch folder");
    std::fs::write(folder.join("mobizon.ftl"), &text).expect("scratch file");
    let lines = text.lines().count().max(1);
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(s, || {
                let report = errcat::tooling::check_dir(&dir).expect("the folder is readable");
                for d in &report.diagnostics {
                    let shown = d.to_string();
                    assert!(!shown.contains('\n'), "{shown}");
                    if d.path.ends_with("mobizon.ftl") {
                        assert!(d.line >= 1 && d.line <= lines + 1, "{shown}");
                    }
                }
                let (catalog, _) = Catalog::from_dir(&dir).expect("the folder loads");
                let e = catalog.explain("mobizon:0", "de").expect("every code is served");
                assert!(!e.title().is_empty());
            })
            .expect("a thread")
            .join()
            .expect("no panic");
    });
});
