//! A Fluent file read entry by entry, so that one broken entry loses only
//! itself: where entries start, how deep each one nests, and the guard that
//! keeps the Fluent parser's panics inside the entry that caused them.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

/// One entry of a file: a message or term with the comment lines right
/// above it, or a run of lines that starts none.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'t> {
    /// The chunk's lines, as in the file.
    pub text: &'t str,
}

/// Splits `text` into entries the way the Fluent grammar delimits them, so
/// that each piece can be parsed on its own.
///
/// An entry starts at a line that begins, at column 0, a message (`id`), a
/// term (`-id`) or a comment (`#`); a run of comment lines stays with the
/// entry right below it, whose comment it is (stamps live there). A line
/// inside an open placeable or select expression belongs to its entry
/// whatever its indentation: Fluent allows call arguments (`{ F(` newline
/// `msg) }`), variant keys and the closing `}` at column 0.
///
/// A placeable that never closes is a broken entry, and it costs only
/// itself: no line inside a valid placeable can define a message or term
/// (`id =`, `-id =`), so the first such line ends the broken entry, with
/// the comment lines right above it, which are its comment. This is where
/// the reference parsers resume after an error, at the latest.
///
/// Parsing each piece on its own is what confines a mistake: an unclosed
/// `{` in one message can no longer swallow the next one.
pub fn entries(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut previous_comment = false;
    let mut scan = Expressions::default();
    // Column-0 comment lines met inside an open placeable, from this offset:
    // the comment of a definition that may follow.
    let mut comments_from: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let first = line.as_bytes().first().copied();
        if scan.is_open() {
            if !defines(line) {
                comments_from = match first {
                    Some(b'#') => comments_from.or(Some(offset)),
                    _ => None,
                };
                scan.line(line.as_bytes());
                offset += line.len();
                continue;
            }
            // The open placeable never closed: its entry ends here.
            let at = comments_from.take().unwrap_or(offset);
            if at > start {
                chunks.extend(text.get(start..at).map(|text| Chunk { text }));
                start = at;
            }
            previous_comment = at < offset;
            scan = Expressions::default();
        }
        let comment = first == Some(b'#');
        let begins_entry = first.is_some_and(|b| b.is_ascii_alphabetic() || b == b'-');
        if (comment || begins_entry) && !previous_comment && offset > start {
            chunks.extend(text.get(start..offset).map(|text| Chunk { text }));
            start = offset;
        }
        previous_comment = comment;
        if !comment {
            // A comment line is never parsed as an expression.
            scan.line(line.as_bytes());
        }
        offset += line.len();
    }
    if offset > start {
        chunks.extend(text.get(start..offset).map(|text| Chunk { text }));
    }
    chunks
}

/// Whether `line` defines a message or term: `id =` or `-id =` at column 0,
/// which no line inside a valid placeable can be.
fn defines(line: &str) -> bool {
    let bytes = line.as_bytes();
    let id = bytes.strip_prefix(b"-").unwrap_or(bytes);
    if !id.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let rest = id
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .and_then(|end| id.get(end..))
        .unwrap_or_default();
    rest.iter().find(|b| **b != b' ') == Some(&b'=')
}

/// The open placeables, call arguments and variants of a file, line by
/// line, as the parser reads them: `"…"` is a string literal only inside an
/// expression, `->` starts a select whose variants hold text again, and a
/// variant's text ends at a line whose first character is `[`, `*` or `}`.
#[derive(Default)]
struct Expressions {
    open: Vec<Open>,
    /// A variant's text met a line end: the next character that is not
    /// white space says whether the variant goes on.
    variant_line_end: bool,
}

impl Expressions {
    fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    fn line(&mut self, line: &[u8]) {
        let mut i = 0;
        while let Some(&b) = line.get(i) {
            i += 1;
            if self.variant_line_end {
                if b.is_ascii_whitespace() {
                    continue;
                }
                self.variant_line_end = false;
                if matches!(b, b'[' | b'*' | b'}') && self.open.last() == Some(&Open::Variant) {
                    self.open.pop();
                }
            }
            match self.open.last().copied() {
                None | Some(Open::Variant) => match b {
                    b'{' => self.open.push(Open::Placeable { select: false }),
                    b'}' if self.open.last() == Some(&Open::Variant) => {
                        // Text cannot hold `}`: it closes the select around it.
                        self.open.pop();
                        if matches!(self.open.last(), Some(Open::Placeable { .. })) {
                            self.open.pop();
                        }
                    }
                    b'\n' if self.open.last() == Some(&Open::Variant) => {
                        self.variant_line_end = true;
                    }
                    _ => {}
                },
                Some(top) => match b {
                    b'"' => {
                        // A string literal ends at its closing quote or its line.
                        while let Some(&c) = line.get(i) {
                            match c {
                                b'\\' => i += 2,
                                b'"' => {
                                    i += 1;
                                    break;
                                }
                                b'\n' => break,
                                _ => i += 1,
                            }
                        }
                    }
                    b'{' => self.open.push(Open::Placeable { select: false }),
                    b'(' => self.open.push(Open::Arguments),
                    b'}' if matches!(top, Open::Placeable { .. }) => {
                        self.open.pop();
                    }
                    b')' if top == Open::Arguments => {
                        self.open.pop();
                    }
                    b'-' if line.get(i) == Some(&b'>') => {
                        if let Some(Open::Placeable { select }) = self.open.last_mut() {
                            *select = true;
                        }
                    }
                    b'[' if top == (Open::Placeable { select: true }) => {
                        while line.get(i).is_some_and(|c| *c != b']' && *c != b'\n') {
                            i += 1;
                        }
                        if line.get(i) == Some(&b']') {
                            i += 1;
                        }
                        self.open.push(Open::Variant);
                    }
                    _ => {}
                },
            }
        }
    }
}

/// How deep placeables (`{ { … } }`) and call arguments (`F(G(…))`) may
/// nest in one entry. Real messages nest two or three levels; the Fluent
/// parser and resolver recurse once per level and would overflow the stack
/// (an abort no guard can catch) at a few thousand.
pub const MAX_NESTING: usize = 64;

/// What an open bracket of an entry is, for [`nesting`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `{`: an expression.
    Placeable { select: bool },
    /// `(`: call arguments.
    Arguments,
    /// The text of a select expression's variant, after `[key]`.
    Variant,
}

/// How deep an entry nests, as [`nesting`] measures it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nesting {
    /// The deepest nesting of placeables and call arguments.
    pub depth: usize,
    /// The byte offset where the depth first exceeds [`MAX_NESTING`].
    pub too_deep: Option<usize>,
    /// The byte offset of the first call's named argument past
    /// [`MAX_NAMED_ARGUMENTS`].
    pub too_many_arguments: Option<usize>,
}

/// The deepest nesting of placeables and call arguments in an entry, as the
/// parser would recurse into it.
///
/// It reads the entry as the parser does: `"…"` is a string literal only
/// inside an expression (in text it is just a quote), `->` starts a select
/// whose variants hold text again, and two placeables side by side are two
/// levels of one, not two levels deep. Where the entry is malformed the
/// parser stops at its first error, so counting on past it can only
/// overstate the depth, never understate it.
pub fn nesting(entry: &str) -> Nesting {
    let bytes = entry.as_bytes();
    let byte = |i: usize| bytes.get(i).copied();
    let mut open: Vec<Open> = Vec::new();
    // Variant texts on the stack: they are not levels of recursion.
    let mut variants = 0;
    let mut deepest = Nesting {
        depth: 0,
        too_deep: None,
        too_many_arguments: None,
    };
    // The named arguments of each open call, innermost last.
    let mut named: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while let Some(b) = byte(i) {
        // A comment line is never parsed as an expression.
        if line_start && b == b'#' && open.is_empty() {
            i += bytes
                .get(i..)
                .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
                .map_or(bytes.len(), |p| p + 1);
            continue;
        }
        line_start = b == b'\n';
        match open.last().copied() {
            None | Some(Open::Variant) => match b {
                b'{' => open.push(Open::Placeable { select: false }),
                b'}' if open.last() == Some(&Open::Variant) => {
                    // Text cannot hold `}`: it closes the select around it.
                    open.pop();
                    variants -= 1;
                    if matches!(open.last(), Some(Open::Placeable { .. })) {
                        open.pop();
                    }
                }
                b'\n' if open.last() == Some(&Open::Variant) => {
                    let next = bytes
                        .get(i + 1..)
                        .and_then(|rest| rest.iter().find(|c| !c.is_ascii_whitespace()));
                    if matches!(next, Some(b'[' | b'*' | b'}')) {
                        open.pop();
                        variants -= 1;
                    }
                }
                _ => {}
            },
            Some(top) => match b {
                b'"' => {
                    // A string literal ends at its closing quote or its line.
                    i += 1;
                    while let Some(c) = byte(i) {
                        match c {
                            b'\\' => i += 2,
                            b'"' | b'\n' => break,
                            _ => i += 1,
                        }
                    }
                    line_start = byte(i) == Some(b'\n');
                }
                b'{' => open.push(Open::Placeable { select: false }),
                b'(' => {
                    open.push(Open::Arguments);
                    named.push(0);
                }
                b'}' if matches!(top, Open::Placeable { .. }) => {
                    open.pop();
                }
                b')' if top == Open::Arguments => {
                    open.pop();
                    named.pop();
                }
                b':' if top == Open::Arguments => {
                    if let Some(count) = named.last_mut() {
                        *count += 1;
                        if *count > MAX_NAMED_ARGUMENTS && deepest.too_many_arguments.is_none() {
                            deepest.too_many_arguments = Some(i);
                        }
                    }
                }
                b'-' if byte(i + 1) == Some(b'>') => {
                    if let Some(Open::Placeable { select }) = open.last_mut() {
                        *select = true;
                    }
                }
                b'[' if top == (Open::Placeable { select: true }) => {
                    while byte(i).is_some_and(|c| c != b']' && c != b'\n') {
                        i += 1;
                    }
                    open.push(Open::Variant);
                    variants += 1;
                }
                _ => {}
            },
        }
        let depth = open.len() - variants;
        if depth > deepest.depth {
            deepest.depth = depth;
            if depth > MAX_NESTING && deepest.too_deep.is_none() {
                deepest.too_deep = Some(i);
            }
        }
        i += 1;
    }
    deepest
}

/// How many named arguments one call may have. Real messages pass one or
/// two (`NUMBER($n, minimumFractionDigits: 2)`); the Fluent parser checks
/// each name against all the names before it, which takes seconds for a
/// call with tens of thousands.
pub const MAX_NAMED_ARGUMENTS: usize = 64;

/// Why an entry is not handed to the Fluent parser, at which byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// It nests deeper than [`MAX_NESTING`].
    TooDeep(usize),
    /// A call has more than [`MAX_NAMED_ARGUMENTS`] named arguments.
    TooManyArguments(usize),
}

impl Refused {
    /// Where in the entry the limit is first exceeded.
    pub fn offset(self) -> usize {
        match self {
            Refused::TooDeep(at) | Refused::TooManyArguments(at) => at,
        }
    }

    /// The diagnostic's message.
    pub fn reason(self) -> String {
        match self {
            Refused::TooDeep(_) => format!(
                "placeables nest more than {MAX_NESTING} levels deep here; the entry is skipped"
            ),
            Refused::TooManyArguments(_) => format!(
                "a call has more than {MAX_NAMED_ARGUMENTS} named arguments here; the entry is skipped"
            ),
        }
    }
}

/// Whether `entry` must not be parsed, and why: it nests deeper than
/// [`MAX_NESTING`] or calls a function with more than
/// [`MAX_NAMED_ARGUMENTS`] named arguments. The depth never exceeds the
/// number of openers, nor a call's named arguments the number of colons,
/// so most entries are done with one fast count.
pub fn refused(entry: &str) -> Option<Refused> {
    let (mut openers, mut colons) = (0, 0);
    for b in entry.bytes() {
        match b {
            b'{' | b'(' => openers += 1,
            b':' => colons += 1,
            _ => {}
        }
    }
    if openers <= MAX_NESTING && colons <= MAX_NAMED_ARGUMENTS {
        return None;
    }
    let found = nesting(entry);
    match (found.too_deep, found.too_many_arguments) {
        (Some(deep), Some(many)) if many < deep => Some(Refused::TooManyArguments(many)),
        (Some(deep), _) => Some(Refused::TooDeep(deep)),
        (None, Some(many)) => Some(Refused::TooManyArguments(many)),
        (None, None) => None,
    }
}

thread_local! {
    /// Set while [`guarded`] runs upstream code on this thread: a panic
    /// there is expected, caught and reported, so nothing is printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs upstream Fluent code that is known to panic on some hostile input
/// (fluent-rs #389, #242), turning a panic into `None` so that one bad entry
/// never takes a program down.
///
/// The panic prints nothing, whatever `RUST_BACKTRACE` says: on first use
/// this installs a panic hook that stays silent while a guarded call runs on
/// the current thread and hands every other panic to the hook that was
/// installed before it.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(was));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        entries(text).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn entries_start_at_ids_and_keep_their_comments() {
        let text = "# en-hash: 1\na = A\n    .title = T\n\n-t = T\nb = {\nc = C\n  x\n";
        assert_eq!(
            texts(text),
            [
                "# en-hash: 1\na = A\n    .title = T\n\n",
                "-t = T\n",
                "b = {\n",
                "c = C\n  x\n"
            ]
        );
        assert_eq!(texts("  junk\na = A"), ["  junk\n", "a = A"]);
        assert!(entries("").is_empty());
    }

    #[test]
    fn lines_inside_an_open_placeable_stay_with_their_entry() {
        // Column-0 call arguments, variants and closing braces.
        let text = "a = { F(\nmsg) }\nb = { $n ->\n[one] x\n*[other] y\n}\nc = C\n";
        assert_eq!(
            texts(text),
            [
                "a = { F(\nmsg) }\n",
                "b = { $n ->\n[one] x\n*[other] y\n}\n",
                "c = C\n"
            ]
        );
        // An unclosed placeable ends at the next definition, which keeps
        // the comment right above it.
        let text = "a = { $x\nmsg\n# en-hash: 1\n-t = T\n";
        assert_eq!(texts(text), ["a = { $x\nmsg\n", "# en-hash: 1\n-t = T\n"]);
        // A comment line followed by more of the expression is the entry's.
        assert_eq!(texts("a = {\n# x\nb }\n"), ["a = {\n# x\nb }\n"]);
        // `id =` inside a string literal or after other text is no definition.
        assert_eq!(texts("a = { \"\nb = \" }\n"), ["a = { \"\n", "b = \" }\n"]);
        assert!(defines("a-1_b = x") && defines("-t=x") && defines("a  =\r\n"));
        assert!(!defines("a: x") && !defines(" a = x") && !defines("-= x") && !defines("1 = x"));
    }

    #[test]
    fn nesting_counts_real_depth() {
        assert_eq!(nesting("a = plain text").depth, 0);
        assert_eq!(nesting("a = { $x }").depth, 1);
        assert_eq!(nesting("a = { { { $x } } }").depth, 3);
        // Side by side is not nested.
        let side = format!("a = {}", "{ \"x\" }".repeat(200));
        assert_eq!(nesting(&side).depth, 1);
        // Quotes in text are text; a `(` in a string literal opens nothing.
        assert_eq!(nesting("a = \"quoted\" (x) { \"(\" }").depth, 1);
        let lines = "a =\n".to_owned() + &"    \"a\" (b) c\n".repeat(100);
        assert_eq!(nesting(&lines).depth, 0);
        // Call arguments and selects with placeables in variants.
        assert_eq!(nesting("a = { F(G(H($x))) }").depth, 4);
        let select = "a = { $n ->\n    [one] { $x }\n   *[other] { { $y } }\n}\n";
        assert_eq!(nesting(select).depth, 3);
        // `}` in a variant's text closes the select.
        assert_eq!(nesting("a = { $n ->\n *[o] x }{ { $y } }").depth, 2);
        // A comment line is not parsed.
        assert_eq!(nesting("# {{{{\na = x").depth, 0);
        // Unclosed opens count, wherever they are.
        let deep = format!("a = {}", "{".repeat(100));
        assert_eq!(nesting(&deep).depth, 100);
        assert_eq!(nesting(&deep).too_deep, Some(4 + MAX_NESTING));
        let deep_calls = format!("a = {{ {}", "F(\n".repeat(100));
        assert_eq!(nesting(&deep_calls).depth, 101);
    }

    #[test]
    fn a_call_with_too_many_named_arguments_is_refused() {
        let args = |n: usize| {
            let list: Vec<String> = (0..n).map(|i| format!("a{i}: 1")).collect();
            format!("a = {{ NUMBER({}) }}", list.join(", "))
        };
        assert_eq!(refused(&args(MAX_NAMED_ARGUMENTS)), None);
        let many = args(MAX_NAMED_ARGUMENTS + 1);
        let at = many.rfind(':');
        assert_eq!(refused(&many), at.map(Refused::TooManyArguments));
        // Colons in text, string literals and nested calls do not count.
        let text = format!(
            "a = {} {{ F(x: \"{}\", y: G(z: 1)) }}",
            ":".repeat(100),
            ":".repeat(100)
        );
        assert_eq!(refused(&text), None);
        let deep = format!("a = {}", "{".repeat(100));
        assert_eq!(refused(&deep), Some(Refused::TooDeep(4 + MAX_NESTING)));
    }

    #[test]
    fn guarded_turns_a_panic_into_none() {
        assert_eq!(guarded(|| 1), Some(1));
        #[allow(clippy::panic)]
        let caught: Option<()> = guarded(|| panic!("from a guarded call"));
        assert!(caught.is_none());
    }
}
