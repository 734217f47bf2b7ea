//! The output formats and the one function that renders a view in any of them.

use crate::view::ReportView;
use serde::Serialize;
use std::fmt;
use std::io::{self, Write as _};
use std::str::FromStr;

/// An output format of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Markdown tables that render on a wiki.
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// RFC 4180 CSV, one row per indicator and one per deliverable without one.
    Csv,
    /// The report view as pretty JSON.
    Json,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Html, Format::Csv, Format::Json];

    /// The short name used on the command line (`md`, `html`, `csv`, `json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name was not one of `md`, `html`, `csv`, `json`; it holds the
/// name given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("`{0}` is not a report format: use md, html, csv or json")]
pub struct FormatError(pub String);

impl FromStr for Format {
    type Err = FormatError;
    fn from_str(s: &str) -> Result<Self, FormatError> {
        match s {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            _ => Err(FormatError(s.to_owned())),
        }
    }
}

/// Renders `view` in `format`. Every format ends with a newline.
///
/// The whole output is held in memory; where it may be large (CSV and JSON
/// repeat a deliverable's text on each of its indicators' rows), prefer
/// [`render_to`], which streams it.
///
/// # Panics
/// Never: writing into memory cannot fail and every renderer writes UTF-8
/// (the `expect`s below state it).
#[allow(
    clippy::expect_used,
    reason = "a Vec<u8> never refuses a write, the view's JSON has string keys only, and every renderer writes &str pieces"
)]
pub fn render(view: &ReportView<'_>, format: Format) -> String {
    let mut out = Vec::new();
    render_to(view, format, &mut out).expect("rendering into memory cannot fail");
    String::from_utf8(out).expect("every renderer writes UTF-8")
}

/// Renders `view` in `format` into `out`, as it goes: the memory used is
/// that of the view, not of the output. Every format ends with a newline.
///
/// # Errors
/// The first error `out` returns.
pub fn render_to(view: &ReportView<'_>, format: Format, out: &mut dyn io::Write) -> io::Result<()> {
    let mut sink = Sink {
        out: io::BufWriter::new(out),
        error: None,
        last: None,
    };
    let written = match format {
        Format::Markdown => crate::markdown::render(&mut sink, view),
        Format::Html => crate::html::render(&mut sink, view),
        Format::Csv => crate::csv::render(&mut sink, view),
        Format::Json => {
            let mut ser = serde_json::Serializer::with_formatter(
                &mut sink.out,
                crate::escape::json::Escaping::default(),
            );
            view.serialize(&mut ser).map_err(io::Error::from)?;
            sink.last = Some(b'}');
            Ok(())
        }
    };
    if written.is_err() {
        return Err(sink
            .error
            .take()
            .unwrap_or_else(|| io::Error::other("the report could not be written")));
    }
    if sink.last != Some(b'\n') {
        sink.out.write_all(b"\n")?;
    }
    sink.out.flush()
}

/// `fmt::Write` over an `io::Write`, keeping the error `fmt` cannot carry and
/// the last byte written (to end the output with exactly one newline).
struct Sink<W: io::Write> {
    out: W,
    error: Option<io::Error>,
    last: Option<u8>,
}

impl<W: io::Write> fmt::Write for Sink<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        match self.out.write_all(s.as_bytes()) {
            Ok(()) => {
                if let Some(&b) = s.as_bytes().last() {
                    self.last = Some(b);
                }
                Ok(())
            }
            Err(e) => {
                self.error = Some(e);
                Err(fmt::Error)
            }
        }
    }
}
