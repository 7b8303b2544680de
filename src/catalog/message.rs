//! One code's text in one locale, as both sources of a catalog store it:
//! the compiled tables with `&'static str`, a folder catalog with owned
//! strings. An [`Explanation`](crate::Explanation) borrows it whole.

use std::borrow::Cow;

/// One code's text in one locale.
pub(crate) struct Message {
    pub(crate) title: Text,
    pub(crate) explanation: Text,
    pub(crate) hint: Option<Text>,
    /// Every part was rendered ahead of time: a lookup only borrows.
    pub(crate) plain: bool,
}

/// A message part: rendered ahead of time when it needs no arguments.
pub(crate) enum Text {
    /// `&'static str` in the compiled catalog, owned in a folder catalog.
    Plain(Cow<'static, str>),
    /// Has `$variables`: formatted through the bundle at lookup time.
    Dynamic,
}

impl Text {
    /// The text rendered ahead of time; empty for a dynamic part.
    pub(crate) fn rendered(&self) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Dynamic => "",
        }
    }
}
