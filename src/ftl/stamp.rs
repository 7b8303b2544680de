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
pub(crate) fn bare_source(message: &ast::Message<&str>) -> String {
    let bare = ast::Message {
        comment: None,
        ..message.clone()
    };
    fluent_syntax::serializer::serialize(&ast::Resource {
        body: vec![Entry::Message(bare)],
    })
}

/// 8 hex digits of 64-bit FNV-1a over a message's source.
pub(crate) fn hash_of(source: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in source.trim_end().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// A short, stable hash of a message's source (value and attributes, not
/// its comment).
pub(crate) fn message_hash(message: &ast::Message<&str>) -> String {
    hash_of(&bare_source(message))
}

/// The stamp a message's comment records: the hash on its last
/// `# en-hash:` line, the one nearest the message. `comment_lines` are the
/// comment's lines without their `# `, as Fluent's parser gives them.
///
/// This is the one rule for which stamp counts, for `check` and `stamp`
/// alike: `errcat stamp` writes its stamp directly above the message, so an
/// older stamp higher up in the same comment never hides a newer one.
pub(crate) fn recorded_stamp<'a>(comment_lines: &[&'a str]) -> Option<&'a str> {
    comment_lines.iter().rev().find_map(|line| stamp_in(line))
}

/// The hash a comment line (without its `# `) records, if it is a stamp.
pub(crate) fn stamp_in(content: &str) -> Option<&str> {
    content.trim().strip_prefix(STAMP_PREFIX).map(str::trim)
}
