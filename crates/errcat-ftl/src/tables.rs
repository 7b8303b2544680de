//! A catalog's tables, built from a set of `.ftl` files: the one table
//! builder. errcat's build script turns [`Tables`] into statics (every text
//! a `&'static str`); `Catalog::from_dir` keeps them as they are. Both
//! store the same [`Message`] and [`Text`].

use std::borrow::Cow;
use std::collections::HashMap;

use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, locale_name_problem};
use crate::fallback::{LAST_RESORT, default_chains};
use crate::ftl::render::{
    Budget, Bundle, CatalogFile, Loaded, load_except, render_locale, render_phrases,
};
use crate::ftl::{SourceFile, folder_locale};
use crate::phrase::{self, Phrase};

/// One code's text in one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The `.title` attribute.
    pub title: Text,
    /// The message's value.
    pub explanation: Text,
    /// The `.hint` attribute, if the message has one.
    pub hint: Option<Text>,
    /// Every part was rendered ahead of time: a lookup only borrows.
    pub plain: bool,
}

impl Message {
    /// A message of these parts; `plain` when none is [`Text::Dynamic`].
    pub fn new(title: Text, explanation: Text, hint: Option<Text>) -> Message {
        let plain = [Some(&title), Some(&explanation), hint.as_ref()]
            .into_iter()
            .flatten()
            .all(|t| matches!(t, Text::Plain(_)));
        Message {
            title,
            explanation,
            hint,
            plain,
        }
    }
}

/// A message part: rendered ahead of time when it needs no arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// `&'static str` in the compiled catalog, owned in a folder catalog.
    Plain(Cow<'static, str>),
    /// Formatting without arguments reported errors (it uses `$variables`,
    /// or something it refers to is missing): formatted at lookup time.
    Dynamic,
}

impl Text {
    /// The text rendered ahead of time; empty for a dynamic part.
    /// (`#[inline]`: errcat's lookups read it across the crate boundary.)
    #[inline]
    pub fn rendered(&self) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Dynamic => "",
        }
    }
}

/// What the tables need to know of one catalog of the registry.
#[derive(Debug, Clone)]
pub struct CatalogSpec<'a> {
    /// The catalog's id, the name of its files (`planfix` for `planfix.ftl`).
    pub id: &'a str,
    /// Its codes' message ids, in registry order (extras last).
    pub codes: Vec<&'a str>,
    /// Its section ids, in registry order.
    pub sections: Vec<&'a str>,
}

/// A Fluent bundle a catalog keeps for formatting with arguments, and the
/// file it came from (an index into the files given to [`build`]).
pub struct Kept {
    /// The index of the file in the slice given to [`build`].
    pub file: usize,
    /// The file's entries a lookup can still need.
    pub bundle: Bundle,
}

/// Every table of a catalog. A locale's position in [`locales`](Self::locales)
/// is its slot; the other tables are indexed by slot first.
pub struct Tables {
    /// The locales, sorted by tag.
    pub locales: Vec<LanguageIdentifier>,
    /// `chains[slot]`: the locale's default chain, as slots.
    pub chains: Vec<Vec<u16>>,
    /// `messages[slot * codes + code]`, codes numbered across the catalogs
    /// in order.
    pub messages: Vec<Option<Message>>,
    /// `labels[slot * labels + label]`: per catalog its title, then its
    /// sections' titles.
    pub labels: Vec<Option<String>>,
    /// `bundles[slot * catalogs + catalog]`: kept only for a file with a
    /// message that needs arguments.
    pub bundles: Vec<Option<Kept>>,
    /// `phrases[slot * Phrase::ALL.len() + phrase]`: errcat's own words.
    pub phrases: Vec<Option<Text>>,
    /// `phrase_bundles[slot]`.
    pub phrase_bundles: Vec<Option<Kept>>,
    /// The chain of a language no locale has: the last resort's slot, if
    /// there is one.
    pub unshipped: Vec<u16>,
}

/// One locale's files while loading: one per catalog, then errcat's own words.
struct LoadingLocale {
    id: LanguageIdentifier,
    files: Vec<Option<(Loaded, usize)>>,
    phrases: Option<(Loaded, usize)>,
}

/// Builds the tables of `catalogs` from `files`, reporting every problem
/// in them instead of failing: whatever parses is served, the rest falls
/// back. A file of no catalog is skipped; of two files for one locale and
/// catalog the first wins; the lines `broken` lists for a path (the
/// messages in which `errcat check` found an error) are left out. The
/// text budget (`ftl::budget::MAX_TOTAL_BYTES`) is spent in the order of
/// `files`. Every step is linear in the number of files and their bytes.
pub fn build(
    files: &[SourceFile<'_>],
    catalogs: &[CatalogSpec<'_>],
    broken: &HashMap<&str, Vec<usize>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Tables {
    let mut locales: Vec<LoadingLocale> = Vec::new();
    // Each locale's index in `locales`: found once per file, not by a search.
    let mut slots: HashMap<LanguageIdentifier, usize> = HashMap::new();
    let positions: HashMap<&str, usize> = catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    for (index, file) in files.iter().enumerate() {
        // A catalog's position, or `None` for errcat's own words.
        let position = positions.get(file.catalog).copied();
        if position.is_none() && file.catalog != phrase::FILE {
            continue;
        }
        let Some(id) = folder_locale(file.locale) else {
            diagnostics.push(locale_name_problem(file.path, &file.locale));
            continue;
        };
        let slot = *slots.entry(id.clone()).or_insert_with(|| {
            locales.push(LoadingLocale {
                id: id.clone(),
                files: catalogs.iter().map(|_| None).collect(),
                phrases: None,
            });
            locales.len() - 1
        });
        let Some(locale) = locales.get_mut(slot) else {
            continue;
        };
        let entry = match position {
            Some(position) => locale.files.get_mut(position),
            None => Some(&mut locale.phrases),
        };
        let Some(entry) = entry else {
            continue;
        };
        if entry.is_none() {
            let broken = broken.get(file.path).map_or(&[][..], Vec::as_slice);
            *entry = Some((load_except(file, id, broken, diagnostics), index));
        }
    }
    locales.sort_by_key(|l| l.id.to_string());

    let path = |index: usize| files.get(index).map_or("", |f| f.path);
    let ids: Vec<LanguageIdentifier> = locales.iter().map(|l| l.id.clone()).collect();
    let count = ids.len();
    // Where each catalog's codes and labels start in a locale's row.
    let (code_at, codes) = code_offsets(catalogs);
    let mut label_at = Vec::with_capacity(catalogs.len());
    let mut labels = 0;
    for catalog in catalogs {
        label_at.push(labels);
        labels += 1 + catalog.sections.len();
    }
    let phrase_ids = Phrase::ALL.map(Phrase::id);
    let mut tables = Tables {
        chains: default_chains(&ids),
        unshipped: ids
            .iter()
            .position(|l| *l == LAST_RESORT)
            .and_then(|s| u16::try_from(s).ok())
            .into_iter()
            .collect(),
        locales: ids,
        messages: vec![None; count * codes],
        labels: vec![None; count * labels],
        bundles: (0..count * catalogs.len()).map(|_| None).collect(),
        phrases: vec![None; count * phrase_ids.len()],
        phrase_bundles: (0..count).map(|_| None).collect(),
    };
    // Every file loaded, in the order given: the budget is spent in that
    // order, so a caller lists first what must not be crowded out (the
    // shipped files behind a folder's own).
    let mut work: Vec<(usize, usize, Option<usize>, Loaded)> = Vec::new();
    for (slot, locale) in locales.into_iter().enumerate() {
        for (catalog, file) in locale.files.into_iter().enumerate() {
            if let Some((loaded, index)) = file {
                work.push((index, slot, Some(catalog), loaded));
            }
        }
        if let Some((loaded, index)) = locale.phrases {
            work.push((index, slot, None, loaded));
        }
    }
    work.sort_by_key(|(index, ..)| *index);
    let mut budget = Budget::default();
    for (index, slot, catalog, loaded) in work {
        let Some(catalog) = catalog else {
            // errcat's own words.
            let rendered = render_phrases(
                Some(&loaded),
                path(index),
                &phrase_ids,
                &mut budget,
                diagnostics,
            );
            let dynamic = rendered.iter().any(|p| matches!(p, Some(Text::Dynamic)));
            place(&mut tables.phrases, slot * phrase_ids.len(), rendered);
            if let Some(cell) = tables.phrase_bundles.get_mut(slot) {
                *cell = kept(Some((loaded, index)), dynamic);
            }
            continue;
        };
        let (Some(spec), Some(&code_at), Some(&label_at)) = (
            catalogs.get(catalog),
            code_at.get(catalog),
            label_at.get(catalog),
        ) else {
            continue;
        };
        let file = CatalogFile {
            loaded: Some(&loaded),
            path: path(index),
            codes: &spec.codes,
            sections: &spec.sections,
        };
        let row = render_locale(&[file], &mut budget, diagnostics);
        // A bundle is kept only for a file with a message that needs
        // arguments: every other text is in the tables already.
        let dynamic = row.messages.iter().flatten().any(|m| !m.plain);
        place(&mut tables.messages, slot * codes + code_at, row.messages);
        place(&mut tables.labels, slot * labels + label_at, row.labels);
        if let Some(cell) = tables.bundles.get_mut(slot * catalogs.len() + catalog) {
            *cell = kept(Some((loaded, index)), dynamic);
        }
    }
    tables
}

/// Where each catalog's codes start in a locale's row of
/// [`Tables::messages`], and the row's length: `messages[slot * length +
/// start + code]`.
pub fn code_offsets(catalogs: &[CatalogSpec<'_>]) -> (Vec<usize>, usize) {
    let mut starts = Vec::with_capacity(catalogs.len());
    let mut length = 0;
    for catalog in catalogs {
        starts.push(length);
        length += catalog.codes.len();
    }
    (starts, length)
}

/// Puts `items` into `table` from `at` on.
fn place<T>(table: &mut [T], at: usize, items: Vec<T>) {
    for (cell, item) in table.iter_mut().skip(at).zip(items) {
        *cell = item;
    }
}

/// The bundle of a loaded file, when it has a message to format.
fn kept(file: Option<(Loaded, usize)>, dynamic: bool) -> Option<Kept> {
    match file {
        Some((loaded, file)) if dynamic => Some(Kept {
            file,
            bundle: loaded.runtime,
        }),
        _ => None,
    }
}
