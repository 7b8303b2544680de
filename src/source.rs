//! Where `.ftl` text comes from: the files embedded at build time, or a
//! locales folder read at run time. Both arrive as [`SourceFile`]s, so one
//! loader serves both.

use crate::diagnostic::Diagnostic;

/// One `.ftl` file: `locales/<locale>/<catalog>.ftl`, as raw bytes (a file
/// that is not valid UTF-8 is reported and read as far as it can be).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceFile<'a> {
    pub(crate) locale: &'a str,
    pub(crate) catalog: &'a str,
    /// The path shown in diagnostics, relative to the locales folder's parent.
    pub(crate) path: &'a str,
    pub(crate) text: &'a [u8],
}

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// Decodes a file's bytes, reporting the first invalid UTF-8 sequence with
/// its byte offset and replacing every invalid sequence with U+FFFD.
pub(crate) fn decode(file: &SourceFile<'_>, diagnostics: &mut Vec<Diagnostic>) -> String {
    match std::str::from_utf8(file.text) {
        Ok(text) => text.to_owned(),
        Err(err) => {
            let offset = err.valid_up_to();
            diagnostics.push(Diagnostic::at_offset(
                file.path,
                file.text,
                offset,
                crate::diagnostic::Severity::Error,
                "invalid-utf8",
                format!("invalid UTF-8 at byte {offset}; the bad bytes read as U+FFFD"),
            ));
            String::from_utf8_lossy(file.text).into_owned()
        }
    }
}
