//! The fallback policy: which locale serves a message when the requested one
//! has no text for it. The whole policy is the table below; `Catalog` walks
//! it, nothing else decides.

use std::collections::HashMap;

use unic_langid::LanguageIdentifier;
use unic_langid::subtags::{Language, Region, Script};

/// Languages to try after a language and before [`LAST_RESORT`].
///
/// | requested | chain |
/// |---|---|
/// | `kk` | kk → ru → en |
/// | `uk` | uk → en (never through Russian) |
/// | `ru` | ru → en |
/// | any other | → en |
///
/// A regional locale (`kk-KZ`) first narrows to the most specific shipped
/// locale of its language (`kk`); a shipped regional locale (`pt-BR`) is
/// followed by its shipped less specific ones (`pt`) before this table.
///
/// ```
/// assert_eq!(errcat::FALLBACK_TABLE, &[("kk", &["ru"][..])]);
/// ```
pub const FALLBACK_TABLE: &[(&str, &[&str])] = &[("kk", &["ru"])];

/// The language every chain ends in. The reference locale: its files define
/// what every other locale translates.
///
/// ```
/// let chain = errcat::Catalog::embedded().chain("de")?;
/// assert_eq!(chain.locales().last().unwrap().to_string(), errcat::LAST_RESORT);
/// # Ok::<(), errcat::Error>(())
/// ```
pub const LAST_RESORT: &str = "en";

/// The table's entry for `language`, or nothing.
pub fn parents(language: &str) -> &'static [&'static str] {
    FALLBACK_TABLE
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, p)| *p)
        .unwrap_or(&[])
}

/// How well a shipped locale fits a requested one: `None` if it does not
/// (another language, or a script or region the request does not have),
/// else the number of subtags it matches beyond the language, so that the
/// most specific shipped locale wins (`pt-BR` over `pt` for `pt-BR`).
pub fn fit(shipped: &LanguageIdentifier, requested: &LanguageIdentifier) -> Option<u8> {
    if shipped.language != requested.language {
        return None;
    }
    let mut score = 0;
    if let Some(script) = shipped.script {
        if Some(script) != requested.script {
            return None;
        }
        score += 1;
    }
    if let Some(region) = shipped.region {
        if Some(region) != requested.region {
            return None;
        }
        score += 1;
    }
    Some(score)
}

/// The default chain of the shipped locale at `slot` of `locales`, as
/// slots: itself, its shipped less specific locales (`pt-BR` → `pt`), the
/// table's languages, then the last resort. The table builder computes
/// every locale's at once with [`default_chains`]; this one indexes the
/// locales for a single chain.
pub fn default_chain(locales: &[LanguageIdentifier], slot: usize) -> Vec<u16> {
    Locales::index(locales).chain(slot)
}

/// The default chain of every locale of `locales`, in slot order: as
/// [`default_chain`] gives each, from one index of the locales, so that a
/// folder of thousands of locales takes time in proportion to their number.
pub fn default_chains(locales: &[LanguageIdentifier]) -> Vec<Vec<u16>> {
    let index = Locales::index(locales);
    (0..locales.len()).map(|slot| index.chain(slot)).collect()
}

/// How many shipped less specific locales one chain lists per language,
/// script and region: real catalogs ship one or two (`pt`, `pt-BR`). Only
/// locales that differ by their variants alone share all three, and a
/// folder of thousands of them must not give each a chain of thousands.
pub const MAX_LESS_SPECIFIC: usize = 8;

/// The locales by their language, script and region, and by their tag.
struct Locales<'l> {
    locales: &'l [LanguageIdentifier],
    /// (language, script, region) → slots, in slot order.
    groups: HashMap<(Language, Option<Script>, Option<Region>), Vec<usize>>,
    /// Tag → the first slot with it.
    tags: HashMap<String, usize>,
}

impl<'l> Locales<'l> {
    fn index(locales: &'l [LanguageIdentifier]) -> Locales<'l> {
        let mut groups: HashMap<_, Vec<usize>> = HashMap::new();
        let mut tags = HashMap::new();
        for (slot, l) in locales.iter().enumerate() {
            groups
                .entry((l.language, l.script, l.region))
                .or_default()
                .push(slot);
            tags.entry(l.to_string()).or_insert(slot);
        }
        Locales {
            locales,
            groups,
            tags,
        }
    }

    fn chain(&self, slot: usize) -> Vec<u16> {
        let mut chain: Vec<u16> = Vec::new();
        let mut push = |slot: usize| {
            if let Ok(slot) = u16::try_from(slot) {
                if !chain.contains(&slot) {
                    chain.push(slot);
                }
            }
        };
        let Some(me) = self.locales.get(slot) else {
            return Vec::new();
        };
        push(slot);
        // The locales that fit: the same language, and no script or region
        // other than this one's.
        let mut less_specific: Vec<(u8, usize)> = Vec::new();
        let scripts = [None, me.script];
        let regions = [None, me.region];
        for (s, script) in scripts.iter().enumerate() {
            for (r, region) in regions.iter().enumerate() {
                // A locale without a script (region) has one key, not two.
                if (s == 1 && script.is_none()) || (r == 1 && region.is_none()) {
                    continue;
                }
                let group = self.groups.get(&(me.language, *script, *region));
                let slots = group.map_or(&[][..], Vec::as_slice);
                let last = slots.get(slots.len().saturating_sub(MAX_LESS_SPECIFIC)..);
                for &i in last.unwrap_or_default() {
                    if let Some(score) = self.locales.get(i).and_then(|l| fit(l, me)) {
                        less_specific.push((score, i));
                    }
                }
            }
        }
        less_specific.sort_by(|a, b| b.cmp(a));
        for (_, i) in less_specific {
            push(i);
        }
        for parent in parents(me.language.as_str()) {
            if let Some(&i) = self.tags.get(*parent) {
                push(i);
            }
        }
        if let Some(&i) = self.tags.get(LAST_RESORT) {
            push(i);
        }
        chain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_narrow_then_follow_the_table() {
        let tags = [
            "en",
            "kk",
            "pt",
            "pt-BR",
            "ru",
            "zh-Hant",
            "zh-Hant-TW",
            "zh-TW",
            "kk-KZ",
        ];
        let locales: Vec<LanguageIdentifier> = tags.iter().map(|t| t.parse().unwrap()).collect();
        let shown = |slot: usize| -> Vec<&str> {
            default_chain(&locales, slot)
                .iter()
                .map(|s| tags[usize::from(*s)])
                .collect()
        };
        assert_eq!(shown(3), ["pt-BR", "pt", "en"]);
        assert_eq!(shown(6), ["zh-Hant-TW", "zh-TW", "zh-Hant", "en"]);
        assert_eq!(shown(8), ["kk-KZ", "kk", "ru", "en"]);
        assert_eq!(shown(0), ["en"]);
        let all = default_chains(&locales);
        assert_eq!(all.len(), tags.len());
        for (slot, chain) in all.iter().enumerate() {
            assert_eq!(*chain, default_chain(&locales, slot));
        }
    }

    #[test]
    fn locales_differing_by_variants_alone_keep_short_chains() {
        let locales: Vec<LanguageIdentifier> = (0..100)
            .map(|i| format!("de-{i}abc").parse().unwrap())
            .collect();
        let chains = default_chains(&locales);
        assert!(chains.iter().all(|c| c.len() <= MAX_LESS_SPECIFIC + 1));
        assert_eq!(chains[0][0], 0);
    }
}
