//! Arguments for messages with `$variables`, as errcat's own type: callers
//! do not depend on one version of `fluent-bundle`, and errcat converts
//! them to Fluent's arguments only when a message needs them.

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::{FluentArgs, FluentValue};

/// Named values for the `$variables` of a message (see
/// [`Catalog::lookup_with_args`](crate::Catalog::lookup_with_args) and
/// [`Code::variables`](crate::Code::variables)).
///
/// ```
/// use errcat::{Arg, Args};
/// let args = Args::new().with("number", 77).with("message", "Task not exists");
/// assert_eq!(args.get("number"), Some(Arg::Number(77.0)));
/// assert_eq!(args.get("message"), Some(Arg::Text("Task not exists".into())));
/// assert_eq!(args.get("domain"), None);
/// ```
#[derive(Debug, Default)]
pub struct Args<'a> {
    // Fluent's own arguments, built as they are set: a formatted lookup
    // then uses them as they are, with no second list to build. The type
    // stays private, so callers never depend on fluent-bundle's version.
    fluent: FluentArgs<'a>,
}

/// One argument's value: text, or a number (which Fluent may format and
/// select plural forms by).
///
/// ```
/// use errcat::Arg;
/// assert_eq!(Arg::from(3), Arg::Number(3.0));
/// assert_eq!(Arg::from("x"), Arg::Text("x".into()));
/// // Integers beyond 2^53 keep their digits as text.
/// assert_eq!(Arg::from(u64::MAX), Arg::Text("18446744073709551615".into()));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Arg<'a> {
    /// Text, inserted as it is.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
}

impl<'a> Args<'a> {
    /// No arguments.
    ///
    /// ```
    /// assert!(errcat::Args::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Args::default()
    }

    /// Sets `name` to `value`, replacing an earlier value of `name`.
    ///
    /// ```
    /// let mut args = errcat::Args::new();
    /// args.set("number", 1).set("number", 2);
    /// assert_eq!(args.get("number"), Some(errcat::Arg::Number(2.0)));
    /// ```
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Arg<'a>>) -> &mut Self {
        let value = match value.into() {
            Arg::Text(t) => FluentValue::String(t),
            Arg::Number(n) => FluentValue::from(n),
        };
        self.fluent.set(name, value);
        self
    }

    /// [`set`](Self::set), by value, for building arguments in one
    /// expression.
    ///
    /// ```
    /// let args = errcat::Args::new().with("number", 77);
    /// assert!(!args.is_empty());
    /// ```
    pub fn with(mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Arg<'a>>) -> Self {
        self.set(name, value);
        self
    }

    /// The value of `name`, if set.
    ///
    /// ```
    /// assert_eq!(errcat::Args::new().get("number"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<Arg<'_>> {
        let (_, value) = self.fluent.iter().find(|(n, _)| *n == name)?;
        match value {
            FluentValue::String(s) => Some(Arg::Text(Cow::Borrowed(s))),
            FluentValue::Number(n) => Some(Arg::Number(n.value)),
            _ => None,
        }
    }

    /// Whether no argument is set.
    ///
    /// ```
    /// assert!(errcat::Args::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fluent.iter().next().is_none()
    }

    /// The arguments as Fluent's.
    pub(crate) fn fluent(&self) -> &FluentArgs<'a> {
        &self.fluent
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Text(s)
    }
}

impl From<f64> for Arg<'_> {
    fn from(n: f64) -> Self {
        Arg::Number(n)
    }
}

/// The largest integer an `f64` holds exactly.
const EXACT: u64 = 1 << 53;

macro_rules! integer_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            /// A number; beyond 2^53, where `f64` loses digits, its text.
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $t) -> Self {
                if (n as i128).unsigned_abs() <= u128::from(EXACT) {
                    Arg::Number(n as f64)
                } else {
                    Arg::Text(Cow::Owned(n.to_string()))
                }
            }
        }
    )*};
}

integer_args!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

impl fmt::Display for Arg<'_> {
    /// The text, or the number as Rust writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(t) => f.write_str(t),
            Arg::Number(n) => write!(f, "{n}"),
        }
    }
}
