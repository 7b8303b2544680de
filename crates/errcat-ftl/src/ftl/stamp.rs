//! The stamp of a translation: a comment `# en-hash: 1a2b3c4d` right above
//! a message, holding a short hash of the English message it follows.
//! `check` compares it and `errcat stamp` writes it, by these functions.

use fluent_syntax::ast::{self, Entry};

/// The comment prefix that records the English text a translation follows.
///
/// ```
/// assert_eq!(errcat::tooling::STAMP_PREFIX, "en-hash:");
/// ```
pub const STAMP_PREFIX: &str = "en-hash:";

/// A message's source without its comment, as Fluent's serializer writes
/// it: what a stamp records and what a scaffold shows.
pub fn bare_source(message: &ast::Message<&str>) -> String {
    let bare = ast::Message {
        comment: None,
        ..message.clone()
    };
    fluent_syntax::serializer::serialize(&ast::Resource {
        body: vec![Entry::Message(bare)],
    })
}

/// 8 hex digits of 64-bit FNV-1a over a message's source.
pub fn hash_of(source: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in source.trim_end().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// The stamp a message's comment records: the hash on its last
/// `# en-hash:` line, the one nearest the message. `comment_lines` are the
/// comment's lines without their `# `, as Fluent's parser gives them.
///
/// This is the one rule for which stamp counts, for `check` and `stamp`
/// alike: `errcat stamp` writes its stamp directly above the message, so an
/// older stamp higher up in the same comment never hides a newer one.
pub fn recorded_stamp<'a>(comment_lines: &[&'a str]) -> Option<&'a str> {
    comment_lines.iter().rev().find_map(|line| stamp_in(line))
}

/// The hash a comment line (without its `# `) records, if it is a stamp.
pub fn stamp_in(content: &str) -> Option<&str> {
    content.trim().strip_prefix(STAMP_PREFIX).map(str::trim)
}

/// The comment prefix that records the English text a translation was
/// confirmed against, on the line below its `# en-hash:`, so that `check`
/// can show what changed in the English since.
///
/// ```
/// assert_eq!(errcat::tooling::CONFIRMED_PREFIX, "en:");
/// ```
pub const CONFIRMED_PREFIX: &str = "en:";

/// A message's source (as [`bare_source`] gives it) on one line: its
/// value and attributes without the id, each line's indentation and line
/// end made one space. What a stamp's `# en:` line records.
pub fn one_line_source(source: &str) -> String {
    let mut words = source.split_whitespace();
    // `id =` (or `id = value` on the first line).
    let _id = words.next();
    if let Some(first) = words.next() {
        if first != "=" {
            // A first line the serializer wrote without spaces: keep what
            // follows the `=`.
            let rest = first.split_once('=').map_or(first, |(_, r)| r);
            return std::iter::once(rest)
                .chain(words)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    words.collect::<Vec<_>>().join(" ")
}

/// The English text a message's comment records (its last `# en:` line),
/// or `None` for a stamp made before stamps recorded it.
pub fn recorded_text<'a>(comment_lines: &[&'a str]) -> Option<&'a str> {
    comment_lines.iter().rev().find_map(|line| text_in(line))
}

/// The English text a comment line (without its `# `) records, if it is
/// a stamp's `en:` line.
pub fn text_in(content: &str) -> Option<&str> {
    content.trim().strip_prefix(CONFIRMED_PREFIX).map(str::trim)
}

/// How many word pairs [`word_diff`] compares at most in the part of two
/// texts that differs; past it, the whole part shows as removed and added.
const MAX_DIFF_CELLS: usize = 1 << 16;

/// Unchanged words shown around a change; longer unchanged runs are cut
/// to this many words at each side of `…`.
const CONTEXT: usize = 3;

/// What changed from `old` to `new`, word by word, in the form of `git
/// diff --word-diff`: removed words as `[-…-]`, added ones as `{+…+}`,
/// with a few unchanged words around each change. Its work is bounded: the
/// common beginning and end are skipped, and a middle of more than
/// `MAX_DIFF_CELLS` word pairs is shown as replaced whole.
pub fn word_diff(old: &str, new: &str) -> String {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Op {
        Same,
        Removed,
        Added,
    }
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let a_rest = a.get(prefix..).unwrap_or_default();
    let b_rest = b.get(prefix..).unwrap_or_default();
    let suffix = a_rest
        .iter()
        .rev()
        .zip(b_rest.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let am = a_rest.get(..a_rest.len() - suffix).unwrap_or_default();
    let bm = b_rest.get(..b_rest.len() - suffix).unwrap_or_default();
    let mut ops: Vec<(Op, &str)> = a.iter().take(prefix).map(|w| (Op::Same, *w)).collect();
    let (n, m) = (am.len(), bm.len());
    if n.saturating_mul(m) <= MAX_DIFF_CELLS {
        // Longest common subsequence, from the end: lcs[i * (m + 1) + j]
        // is the LCS of am[i..] and bm[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let value = if am.get(i) == bm.get(j) {
                    lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
                } else {
                    let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                    let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                    down.max(right)
                };
                if let Some(cell) = lcs.get_mut(i * width + j) {
                    *cell = value;
                }
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            match (am.get(i), bm.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    ops.push((Op::Same, x));
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(_))
                    if lcs.get((i + 1) * width + j) >= lcs.get(i * width + j + 1) =>
                {
                    ops.push((Op::Removed, x));
                    i += 1;
                }
                (_, Some(y)) => {
                    ops.push((Op::Added, y));
                    j += 1;
                }
                (Some(x), None) => {
                    ops.push((Op::Removed, x));
                    i += 1;
                }
                (None, None) => break,
            }
        }
    } else {
        ops.extend(am.iter().map(|w| (Op::Removed, *w)));
        ops.extend(bm.iter().map(|w| (Op::Added, *w)));
    }
    ops.extend(a_rest.iter().skip(n).map(|w| (Op::Same, *w)));

    // Runs of one kind, rendered; long unchanged runs keep their ends.
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while let Some(&(op, _)) = ops.get(k) {
        let len = ops
            .get(k..)
            .unwrap_or_default()
            .iter()
            .take_while(|(o, _)| *o == op)
            .count();
        let words: Vec<&str> = ops
            .get(k..k + len)
            .unwrap_or_default()
            .iter()
            .map(|(_, w)| *w)
            .collect();
        let first = k == 0;
        let last = k + len == ops.len();
        k += len;
        match op {
            Op::Removed => parts.push(format!("[-{}-]", words.join(" "))),
            Op::Added => parts.push(format!("{{+{}+}}", words.join(" "))),
            Op::Same => {
                let head = if first { 0 } else { CONTEXT };
                let tail = if last { 0 } else { CONTEXT };
                if words.len() <= head + tail + 1 {
                    parts.push(words.join(" "));
                } else {
                    let start = words.get(..head).unwrap_or_default();
                    let end = words.get(words.len() - tail..).unwrap_or_default();
                    parts.extend((!start.is_empty()).then(|| start.join(" ")));
                    parts.push("…".to_owned());
                    parts.extend((!end.is_empty()).then(|| end.join(" ")));
                }
            }
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_diff_marks_removed_and_added_words() {
        assert_eq!(
            word_diff("The task was not found.", "The task does not exist."),
            "The task [-was-] {+does+} not [-found.-] {+exist.+}"
        );
        assert_eq!(word_diff("a b", "a b"), "…");
        assert_eq!(
            word_diff(
                "one two three four five six seven eight x",
                "one two three four five six seven eight y"
            ),
            "… six seven eight [-x-] {+y+}"
        );
        assert_eq!(
            word_diff("x 1 2 3 4 5 6 7 8 y", "X 1 2 3 4 5 6 7 8 Y"),
            "[-x-] {+X+} 1 2 3 … 6 7 8 [-y-] {+Y+}"
        );
        assert_eq!(word_diff("", "new"), "{+new+}");
        assert_eq!(word_diff("old", ""), "[-old-]");
        // Past the bound, the middle is replaced whole, in linear work.
        let old: Vec<String> = (0..1000).map(|i| format!("o{i}")).collect();
        let new: Vec<String> = (0..1000).map(|i| format!("n{i}")).collect();
        let diff = word_diff(&old.join(" "), &new.join(" "));
        assert!(
            diff.starts_with("[-o0 o1") && diff.ends_with("n999+}"),
            "{diff}"
        );
    }

    #[test]
    fn a_source_on_one_line() {
        assert_eq!(
            one_line_source("a = Text here\n    .title = T\n"),
            "Text here .title = T"
        );
        assert_eq!(
            one_line_source("a =\n    First\n    second\n    .hint = H\n"),
            "First second .hint = H"
        );
        assert_eq!(
            recorded_text(&["en-hash: 1", "en: The text "]),
            Some("The text")
        );
        assert_eq!(recorded_text(&["en-hash: 1"]), None);
    }
}
