//! Text from outside made safe for a terminal: server messages, `.ftl`
//! texts, file and folder names.
//!
//! A terminal acts on control characters: `ESC ] 0 ; … BEL` sets the
//! window title, `ESC [ 2 J` clears the screen, a carriage return lets a
//! line overwrite the one errcat printed, and bidi controls reorder what
//! follows them. Such characters are shown as escapes instead (`\u{1b}`),
//! so what errcat prints is exactly what the bytes say.
//!
//! Self-contained on purpose (no `crate::` imports): the CLI compiles it
//! in with `#[path]` (the binary has no access to the library's private
//! modules). It escapes for display only; JSON output is exact and never
//! goes through it.

use std::borrow::Cow;

/// Whether a terminal could act on `c` instead of showing it: C0 controls
/// (including line breaks and tab), DEL, C1 controls, and the bidi
/// controls that reorder text (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069).
pub(crate) fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` with every character a terminal could act on ([`is_unsafe`])
/// written as an escape: `\t`, `\n`, `\r`, else `\u{…}` in hex. Borrowed
/// when there is nothing to escape, which is almost always. The title
/// sequence `ESC ] 0 ; T BEL` comes out as the 16 characters
/// `\u{1b}]0;T\u{7}`.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe)
}

/// Like [`escape`], but line feeds stay real line breaks: for text errcat
/// lays out over several lines itself, such as an explanation of several
/// paragraphs. A carriage return is still escaped, so no line can
/// overwrite another.
pub(crate) fn escape_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && is_unsafe(c))
}

fn escape_where(text: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = text.find(&unsafe_char) else {
        return Cow::Borrowed(text);
    };
    let (clean, rest) = text.split_at(first);
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(clean);
    for c in rest.chars() {
        if !unsafe_char(c) {
            out.push(c);
            continue;
        }
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(escape("Задача не найдена · ok"), Cow::Borrowed(_)));
        assert!(matches!(escape_lines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_and_bidi_are_shown() {
        let hostile = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\r\nResult: fake";
        assert_eq!(
            escape(hostile),
            r"\u{1b}]0;PWNED\u{7}\u{1b}[2J\r\nResult: fake"
        );
        assert_eq!(
            escape("a\u{202e}b\u{2066}c\u{200f}"),
            r"a\u{202e}b\u{2066}c\u{200f}"
        );
        assert_eq!(escape("\u{9b}31m\u{7f}\u{0}\t"), r"\u{9b}31m\u{7f}\u{0}\t");
        // Neighbours of the ranges are plain text.
        assert_eq!(
            escape("\u{a0}\u{2029}\u{2065}\u{206a}~"),
            "\u{a0}\u{2029}\u{2065}\u{206a}~"
        );
    }

    #[test]
    fn escape_lines_keeps_line_feeds_only() {
        assert_eq!(escape_lines("one\ntwo\r\nthree"), "one\ntwo\\r\nthree");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        assert!(!escape(&all).chars().any(is_unsafe));
        assert!(
            !escape_lines(&all)
                .chars()
                .any(|c| c != '\n' && is_unsafe(c))
        );
    }
}
