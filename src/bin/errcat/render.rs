//! How the CLI prints: plain text for people, JSON for tools.
//!
//! Every text that comes from outside errcat (a server's message, a
//! translator's `.ftl` text, a file name) goes through
//! [`escape`](crate::terminal::escape) in text output, so that no byte of
//! it can drive the terminal; JSON output is exact (JSON escapes controls
//! itself).

use std::io::{self, Write};

use crate::terminal::{escape, escape_lines};

use errcat::tooling::Report;
use errcat::{ApiResponse, Catalog, Explanation, FallbackChain, SearchHit};
use serde::ser::{Serialize, SerializeMap, Serializer};

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
    write!(out, "{} ({}, {})", e.code_text(), e.name(), e.kind())?;
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
        writeln!(
            out,
            "(no {} text for this code; shown in {})",
            e.requested(),
            e.locale()
        )?;
    }
    Ok(())
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
        writeln!(out, "{code:<14} {:<8} {}", e.kind(), escape(e.title()))?;
    }
    Ok(())
}

/// One line per finding, then the coverage table.
pub fn report(out: &mut impl Write, report: &Report) -> io::Result<()> {
    for d in &report.diagnostics {
        // Paths and messages quote file names and file text.
        writeln!(out, "{}", escape(&d.to_string()))?;
    }
    if !report.diagnostics.is_empty() {
        writeln!(out)?;
    }
    writeln!(
        out,
        "{:<8} {:>8} {:>10} {:>7} {:>6} {:>8}",
        "locale", "required", "translated", "missing", "errors", "warnings"
    )?;
    for c in &report.coverage {
        writeln!(
            out,
            "{:<8} {:>8} {:>10} {:>7} {:>6} {:>8}",
            escape(&c.locale),
            c.required,
            c.translated,
            c.missing,
            c.errors,
            c.warnings
        )?;
    }
    Ok(())
}

/// An explanation with the response it came from: the explanation's keys
/// plus a `response` object.
pub struct WithResponse<'a, 'e> {
    pub explanation: &'a Explanation<'e>,
    pub response: &'a ApiResponse,
}

impl Serialize for WithResponse<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut value =
            serde_json::to_value(self.explanation).map_err(serde::ser::Error::custom)?;
        let response = serde_json::to_value(self.response).map_err(serde::ser::Error::custom)?;
        let fields = value
            .as_object_mut()
            .ok_or_else(|| serde::ser::Error::custom("not an object"))?;
        fields.insert("response".to_owned(), response);
        let mut map = s.serialize_map(Some(fields.len()))?;
        for (k, v) in fields.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// What the server itself said, under the explanation: each on one line,
/// whatever line breaks or escape sequences the server sent.
pub fn response(out: &mut impl Write, r: &ApiResponse) -> io::Result<()> {
    writeln!(out)?;
    if let Some(message) = &r.message {
        writeln!(out, "server said: {}", escape(message))?;
    }
    if let Some(result) = &r.result {
        writeln!(out, "Result: {}", escape(&result.to_string()))?;
    }
    if let Some(data) = &r.data {
        writeln!(out, "data: {}", escape(&data.to_string()))?;
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
