//! The user's languages as the system holds them, for applications that
//! have no `Accept-Language` to go by: the environment in gettext's order
//! (`LANGUAGE`, then `LC_ALL`, `LC_MESSAGES`, `LANG`), and with the
//! `system-locale` feature, the operating system's preferred languages.
//!
//! This module only reads; [`Catalog`](crate::Catalog) turns the lists
//! into chains.

use crate::locale::parse_locale;

/// The user's languages from the environment, best first, as GNU gettext
/// reads them: the locale is the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that parses; `LANGUAGE`, a colon-separated list (`uk:ru`), comes
/// before it unless the locale is `C` or `POSIX` (gettext ignores
/// `LANGUAGE` then). Empty or unparsable values count as unset.
///
/// ```
/// // With LANGUAGE=uk:ru and LANG=kk_KZ.UTF-8 this is ["uk", "ru", "kk_KZ.UTF-8"];
/// // pass it to `Catalog::chain_for_languages`.
/// let langs = errcat::env_locales();
/// let chain = errcat::Catalog::embedded().chain_for_languages(&langs);
/// assert_eq!(chain.locales().last().unwrap().to_string(), "en");
/// ```
pub fn env_locales() -> Vec<String> {
    env_locales_from(|name| std::env::var(name).ok())
}

/// [`env_locales`] over any environment.
pub(crate) fn env_locales_from(var: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| parse_locale(value).is_ok());
    let c = locale.as_deref().is_some_and(|l| {
        let name = l.split(['.', '@']).next().unwrap_or_default();
        name.eq_ignore_ascii_case("C") || name.eq_ignore_ascii_case("POSIX")
    });
    let mut out: Vec<String> = Vec::new();
    if !c {
        if let Some(list) = var("LANGUAGE") {
            out.extend(
                list.split(':')
                    .filter(|l| parse_locale(l).is_ok())
                    .map(str::to_owned),
            );
        }
    }
    out.extend(locale);
    out
}

/// The operating system's preferred languages, best first, as the
/// [`sys-locale`](https://docs.rs/sys-locale) crate reads them (the user's
/// language list on Windows and macOS, the environment on Unix, the
/// browser's languages on the web). For desktop applications; servers go
/// by the request's `Accept-Language`.
///
/// ```
/// let langs = errcat::system_locales();
/// let chain = errcat::Catalog::embedded().chain_for_languages(&langs);
/// assert_eq!(chain.locales().last().unwrap().to_string(), "en");
/// ```
#[cfg(feature = "system-locale")]
#[cfg_attr(docsrs, doc(cfg(feature = "system-locale")))]
pub fn system_locales() -> Vec<String> {
    sys_locale::get_locales().collect()
}

#[cfg(test)]
mod tests {
    use super::env_locales_from;

    fn env(vars: &[(&str, &str)]) -> Vec<String> {
        env_locales_from(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn gettext_order() {
        assert_eq!(
            env(&[("LANGUAGE", "uk:ru"), ("LANG", "kk_KZ.UTF-8")]),
            ["uk", "ru", "kk_KZ.UTF-8"]
        );
        assert_eq!(
            env(&[
                ("LC_ALL", "ru_RU.UTF-8"),
                ("LC_MESSAGES", "uk"),
                ("LANG", "kk")
            ]),
            ["ru_RU.UTF-8"]
        );
        assert_eq!(env(&[("LC_MESSAGES", "uk"), ("LANG", "kk")]), ["uk"]);
        // An unparsable or empty value counts as unset.
        assert_eq!(env(&[("LC_ALL", "../.."), ("LANG", "kk")]), ["kk"]);
        assert_eq!(env(&[("LANGUAGE", "::kk::../..:"), ("LANG", "")]), ["kk"]);
        // gettext ignores LANGUAGE under the C locale.
        assert_eq!(
            env(&[("LANGUAGE", "uk"), ("LC_ALL", "C.UTF-8")]),
            ["C.UTF-8"]
        );
        assert_eq!(env(&[("LANGUAGE", "uk"), ("LANG", "POSIX")]), ["POSIX"]);
        assert!(env(&[]).is_empty());
    }
}
