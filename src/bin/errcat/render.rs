//! How the CLI prints: plain text for people, JSON for tools.
//!
//! Every text that comes from outside errcat (a server's message, a
//! translator's `.ftl` text, a file name) goes through
//! [`escape`](crate::terminal::escape) in text output, so that no byte of
//! it can drive the terminal; JSON output is exact (JSON escapes controls
//! itself).

use std::io::{self, Write};

use crate::terminal::{escape, escape_lines};

use errcat::tooling::Phrase;
use errcat::tooling::Report;
use errcat::{Args, Catalog, Explanation, FallbackChain, ResponseAnswer, SearchHit};
use unic_langid::LanguageIdentifier;

/// One JSON document and a newline.
pub fn json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Title, explanation, hint, and where the text came from when it fell back.
pub fn explanation(
    out: &mut impl Write,
    catalog: &Catalog,
    chain: &FallbackChain,
    e: &Explanation<'_>,
) -> io::Result<()> {
    let section = e
        .code()
        .and_then(|c| c.section())
        .and_then(|s| catalog.section_title(e.catalog(), s, chain));
    let kind = catalog.phrase(e.kind().phrase(), chain);
    write!(out, "{} ({}, {})", e.code_text(), e.name(), escape(&kind))?;
    if let Some(section) = section {
        write!(out, " · {}", escape(&section))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", escape(e.title()))?;
    writeln!(out)?;
    // An explanation may have several paragraphs: its line feeds are
    // errcat's layout, everything else is escaped.
    writeln!(out, "{}", escape_lines(e.explanation()))?;
    if let Some(hint) = e.hint() {
        writeln!(out)?;
        writeln!(out, "→ {}", escape(hint))?;
    }
    if e.is_fallback() {
        writeln!(out)?;
        let args = Args::new()
            .with("requested", language_name(catalog, &e.requested()))
            .with("language", language_name(catalog, e.locale()));
        let note = catalog.phrase_with_args(Phrase::FallbackNote, chain, &args);
        writeln!(out, "({})", escape(&note))?;
    }
    Ok(())
}

/// A language's own name (`Қазақша`), or its tag for a language the
/// catalog does not ship.
fn language_name(catalog: &Catalog, locale: &LanguageIdentifier) -> String {
    catalog
        .language_name(locale)
        .map_or_else(|| locale.to_string(), |name| name.into_owned())
}

/// One line per code, grouped under catalog and section headings.
pub fn list(
    out: &mut impl Write,
    catalog: &Catalog,
    chain: &FallbackChain,
    explanations: &[Explanation<'_>],
) -> io::Result<()> {
    let mut heading: Option<(errcat::CatalogId, Option<&str>)> = None;
    for e in explanations {
        let here = (e.catalog(), e.code().and_then(|c| c.section()));
        if heading != Some(here) {
            if heading.is_some() {
                writeln!(out)?;
            }
            let name = catalog
                .catalog_title(e.catalog(), chain)
                .unwrap_or_else(|| e.catalog().as_str().into());
            let name = escape(&name);
            match here
                .1
                .and_then(|s| catalog.section_title(e.catalog(), s, chain))
            {
                Some(section) => writeln!(out, "# {name} — {}", escape(&section))?,
                None => writeln!(out, "# {name}")?,
            }
            heading = Some(here);
        }
        let code = e.code_text().to_string();
        let kind = catalog.phrase(e.kind().phrase(), chain);
        writeln!(out, "{code:<14} {:<8} {}", escape(&kind), escape(e.title()))?;
    }
    Ok(())
}

/// One line per finding, then the coverage table, its headings in the
/// language of `chain`.
pub fn report(
    out: &mut impl Write,
    catalog: &Catalog,
    chain: &FallbackChain,
    report: &Report,
) -> io::Result<()> {
    for d in &report.diagnostics {
        // Paths and messages quote file names and file text.
        writeln!(out, "{}", escape(&d.to_string()))?;
    }
    if !report.diagnostics.is_empty() {
        writeln!(out)?;
    }
    let headings = [
        Phrase::CheckLocale,
        Phrase::CheckRequired,
        Phrase::CheckTranslated,
        Phrase::CheckMissing,
        Phrase::CheckErrors,
        Phrase::CheckWarnings,
    ]
    .map(|p| escape(&catalog.phrase(p, chain)).into_owned());
    // Each column as wide as its heading (English's are the narrowest),
    // and the locale column as its widest tag; numbers align right under their headings.
    let [locale, rest @ ..] = &headings;
    let first = report
        .coverage
        .iter()
        .map(|c| escape(&c.locale).chars().count())
        .chain([locale.chars().count(), 8])
        .max()
        .unwrap_or(8);
    let widths: Vec<usize> = rest.iter().map(|h| h.chars().count().max(6)).collect();
    write!(out, "{locale:<first$}")?;
    for (heading, width) in rest.iter().zip(&widths) {
        write!(out, " {heading:>width$}")?;
    }
    writeln!(out)?;
    for c in &report.coverage {
        write!(out, "{:<first$}", escape(&c.locale))?;
        let numbers = [c.required, c.translated, c.missing, c.errors, c.warnings];
        for (n, width) in numbers.iter().zip(&widths) {
            write!(out, " {n:>width$}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What the server itself said, under the explanation: each on one line,
/// whatever line breaks or escape sequences the server sent, labelled in
/// the language of `chain`.
pub fn response(
    out: &mut impl Write,
    catalog: &Catalog,
    chain: &FallbackChain,
    answer: &ResponseAnswer<'_>,
) -> io::Result<()> {
    let r = answer.response;
    let label = |p| catalog.phrase(p, chain);
    writeln!(out)?;
    if let Some(message) = &r.message {
        let said = label(Phrase::ServerSaid);
        writeln!(out, "{}: {}", escape(&said), escape(message))?;
    }
    if let Some(result) = &r.result {
        let field = label(Phrase::ResultField);
        writeln!(out, "{}: {}", escape(&field), escape(&result.to_string()))?;
    }
    // A per-recipient `data` is shown item by item below, not raw.
    if let Some(data) = r.data.as_ref().filter(|_| answer.recipients.is_empty()) {
        let field = label(Phrase::DataField);
        writeln!(out, "{}: {}", escape(&field), escape(&data.to_string()))?;
    }
    if let Some(summary) = &answer.summary {
        writeln!(out, "{}", escape(&summary.text))?;
    }
    let width = answer
        .recipients
        .iter()
        .map(|a| a.recipient.map_or(1, |r| r.chars().count()))
        .max()
        .unwrap_or(0)
        .min(24);
    for item in &answer.recipients {
        let who = escape(item.recipient.unwrap_or("-"));
        let code = item.explanation.code_text().to_string();
        writeln!(
            out,
            "  {who:<width$}  {code:<22} {}",
            escape(item.explanation.title())
        )?;
    }
    Ok(())
}

/// One line per hit: code, matched locale, title.
pub fn hits(out: &mut impl Write, hits: &[SearchHit<'_>]) -> io::Result<()> {
    for h in hits {
        let code = h.code.to_string();
        writeln!(out, "{code:<14} [{}] {}", h.locale, escape(&h.title))?;
    }
    Ok(())
}
