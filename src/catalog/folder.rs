//! The run-time source of a catalog: a locales folder read, parsed and
//! rendered into the same tables that `build.rs` compiles, for live preview
//! of translations and for locales added after the build.

use std::collections::HashMap;
use std::path::Path;

use unic_langid::LanguageIdentifier;

use super::{Catalog, LazyBundle, LocaleEntry, Message, NEXT_INSTANCE, Text};
use crate::check::rules::{Report, sort};
use crate::check::{broken_lines, check_folder_files};
use crate::code::CatalogId;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::fallback::{LAST_RESORT, default_chains};
use crate::ftl::render::{
    Budget, CatalogFile, Loaded, Rendered, RenderedMessage, load_except, render_locale,
    render_phrases,
};
use crate::ftl::{SourceFile, folder_locale};
use crate::phrase::{self, Phrase};
use crate::source::{EMBEDDED, OwnedSourceFile, read_dir};
use std::sync::atomic::Ordering;

/// See [`Catalog::from_dir`].
pub(super) fn from_dir(dir: &Path) -> Result<(Catalog, Vec<Diagnostic>), Error> {
    let mut diagnostics = Vec::new();
    let owned = read_dir(dir, &mut diagnostics)?;
    let files = with_embedded(&owned);
    let mut catalog = from_sources(&files, &HashMap::new(), &mut diagnostics);
    catalog.backstop = Some(Catalog::embedded());
    Ok((catalog, diagnostics))
}

/// A folder's files, then the embedded file of every (locale, catalog)
/// the folder lacks: the folder's own files replace the embedded ones.
fn with_embedded(owned: &[OwnedSourceFile]) -> Vec<SourceFile<'_>> {
    let mut files: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
    let own: std::collections::HashSet<(&str, &str)> =
        files.iter().map(|f| (f.locale, f.catalog)).collect();
    for embedded in EMBEDDED {
        if !own.contains(&(embedded.locale, embedded.catalog)) {
            files.push(*embedded);
        }
    }
    files
}

/// Reads a locales folder once, checks it as `errcat check --locales`
/// does and loads it: a message in which the check finds an error is left
/// out and falls back along its chain, as a syntax error leaves it out.
/// The report holds every finding, the check's and the loader's, once
/// each, in `path:line:col` order.
pub(crate) fn from_dir_checked(dir: &Path) -> Result<(Catalog, Report), Error> {
    let mut found = Vec::new();
    let owned = read_dir(dir, &mut found)?;
    let folder: Vec<SourceFile<'_>> = owned.iter().map(OwnedSourceFile::borrow).collect();
    let mut report = check_folder_files(&folder);
    let broken = broken_lines(&report);
    let files = with_embedded(&owned);
    let mut loaded = Vec::new();
    let mut catalog = from_sources(&files, &broken, &mut loaded);
    catalog.backstop = Some(Catalog::embedded());
    drop(broken);
    // The loader and the check often find the same problem: keep it once.
    for d in found.into_iter().chain(loaded) {
        let known = report.diagnostics.iter().any(|k| {
            (k.path.as_str(), k.line, k.column, k.rule)
                == (d.path.as_str(), d.line, d.column, d.rule)
        });
        if !known {
            report.diagnostics.push(d);
        }
    }
    sort(&mut report.diagnostics);
    Ok((catalog, report))
}

/// One locale's files while loading, one per catalog.
struct LoadingLocale<'f> {
    id: LanguageIdentifier,
    files: Vec<Option<(Loaded, &'f str)>>,
    /// errcat's own words (`errcat.ftl`).
    phrases: Option<(Loaded, &'f str)>,
}

/// Builds a catalog from `.ftl` sources, reporting every problem in them
/// instead of failing: whatever parses is served.
fn from_sources(
    files: &[SourceFile<'_>],
    broken: &HashMap<&str, Vec<usize>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Catalog {
    let mut locales: Vec<LoadingLocale<'_>> = Vec::new();
    // Each locale's index in `locales`: found once per file, not by a search.
    let mut slots: HashMap<LanguageIdentifier, usize> = HashMap::new();
    for file in files {
        // A catalog's position, or `None` for errcat's own words.
        let position = CatalogId::ALL
            .iter()
            .position(|c| c.as_str() == file.catalog);
        if position.is_none() && file.catalog != phrase::FILE {
            continue;
        }
        let Some(id) = folder_locale(file.locale) else {
            diagnostics.push(crate::diagnostic::locale_name_problem(
                file.path,
                &file.locale,
            ));
            continue;
        };
        let slot = *slots.entry(id.clone()).or_insert_with(|| {
            locales.push(LoadingLocale {
                id: id.clone(),
                files: CatalogId::ALL.iter().map(|_| None).collect(),
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
        // One file per locale and catalog: the first one given wins.
        if entry.is_none() {
            let broken = broken.get(file.path).map_or(&[][..], Vec::as_slice);
            *entry = Some((load_except(file, id, broken, diagnostics), file.path));
        }
    }
    locales.sort_by_key(|l| l.id.to_string());

    let mut budget = Budget::default();
    let ids: Vec<LanguageIdentifier> = locales.iter().map(|l| l.id.clone()).collect();
    let mut messages = Vec::new();
    let mut labels = Vec::new();
    let mut bundles = Vec::new();
    let mut phrases = Vec::new();
    let mut phrase_bundles = Vec::new();
    for locale in locales {
        let row: Vec<CatalogFile<'_>> = CatalogId::ALL
            .iter()
            .zip(&locale.files)
            .map(|(catalog, file)| CatalogFile {
                loaded: file.as_ref().map(|(loaded, _)| loaded),
                path: file.as_ref().map_or("", |(_, path)| path),
                codes: catalog.messages().map(|c| c.name()).collect(),
                sections: catalog.sections().to_vec(),
            })
            .collect();
        let row = render_locale(&row, &mut budget, diagnostics);
        // A bundle is kept only for a file with a message that needs
        // arguments: every other text is in the tables already.
        let mut rendered = row.messages.into_iter();
        for (catalog, file) in CatalogId::ALL.iter().zip(locale.files) {
            let mut dynamic = false;
            for message in rendered.by_ref().take(catalog.messages().count()) {
                let message = message.map(Message::from);
                dynamic |= message.as_ref().is_some_and(|m| !m.plain);
                messages.push(message);
            }
            bundles.push(match file {
                Some((loaded, _)) if dynamic => LazyBundle::loaded(loaded.runtime),
                _ => LazyBundle::none(),
            });
        }
        labels.extend(row.labels.into_iter().map(|l| l.map(Into::into)));
        // errcat's own words, after the catalogs within the same budget.
        let rendered = render_phrases(
            locale.phrases.as_ref().map(|(loaded, _)| loaded),
            locale.phrases.as_ref().map_or("", |(_, path)| path),
            &Phrase::ALL.map(Phrase::id),
            &mut budget,
            diagnostics,
        );
        let dynamic = rendered
            .iter()
            .any(|p| matches!(p, Some(Rendered::Dynamic)));
        phrases.extend(rendered.into_iter().map(|p| p.map(Text::from)));
        phrase_bundles.push(match locale.phrases {
            Some((loaded, _)) if dynamic => LazyBundle::loaded(loaded.runtime),
            _ => LazyBundle::none(),
        });
    }
    let entries: Vec<LocaleEntry> = ids
        .iter()
        .zip(default_chains(&ids))
        .map(|(id, chain)| LocaleEntry {
            id: id.clone(),
            chain: chain.into(),
        })
        .collect();
    let unshipped: Vec<u16> = ids
        .iter()
        .position(|l| *l == LAST_RESORT)
        .and_then(|s| u16::try_from(s).ok())
        .into_iter()
        .collect();
    Catalog {
        instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
        locales: entries.into(),
        messages: messages.into(),
        labels: labels.into(),
        bundles: bundles.into(),
        phrases: phrases.into(),
        phrase_bundles: phrase_bundles.into(),
        unshipped: unshipped.into(),
        backstop: None,
    }
}

impl From<Rendered> for Text {
    fn from(r: Rendered) -> Self {
        match r {
            Rendered::Plain(s) => Text::Plain(s.into()),
            Rendered::Dynamic => Text::Dynamic,
        }
    }
}

impl From<RenderedMessage> for Message {
    fn from(m: RenderedMessage) -> Self {
        let plain = m.is_plain();
        let text = Text::from;
        Message {
            title: text(m.title),
            explanation: text(m.explanation),
            hint: m.hint.map(text),
            plain,
        }
    }
}
