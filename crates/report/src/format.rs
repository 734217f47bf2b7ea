//! The output formats and the one function that renders a view in any of them.

use crate::view::ReportView;
use std::fmt;
use std::str::FromStr;

/// An output format of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Markdown tables that render on a wiki.
    Markdown,
    /// One self-contained HTML file.
    Html,
    /// RFC 4180 CSV, one row per indicator.
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

/// A format name was not one of `md`, `html`, `csv`, `json`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
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
pub fn render(view: &ReportView, format: Format) -> String {
    let mut out = match format {
        Format::Markdown => crate::markdown::render(view),
        Format::Html => crate::html::render(view),
        Format::Csv => crate::csv::render(view),
        // Serializing plain data of strings, numbers and enums cannot fail.
        Format::Json => serde_json::to_string_pretty(view).unwrap_or_default(),
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
