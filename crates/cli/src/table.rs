//! Aligned text columns for the `table` output format, and the escaping
//! that keeps text from a file from acting on the terminal.
//!
//! A file can hold any Unicode text. Printed raw, ESC sequences recolour or
//! clear the screen, OSC sequences retitle the window or plant a hyperlink
//! that shows one address and opens another, BEL rings, C1 controls
//! (U+0080–U+009F) act as ESC on some terminals, and bidirectional overrides
//! make a line read differently from what it holds. Every text from a file
//! therefore reaches the terminal through [`escape_terminal`] (whole
//! outputs) or [`one_line`] (a text that must stay on its line, such as a
//! table cell), which show such characters as visible `\u{1b}` escapes.

use std::borrow::Cow;
use std::fmt::{Display, Write};

/// Whether `c` must be shown escaped; tab and line feed only when
/// `keep_breaks` is false.
fn must_escape(c: char, keep_breaks: bool) -> bool {
    match c {
        '\t' | '\n' => !keep_breaks,
        // C0, DEL and C1: the `Cc` category.
        c if c.is_control() => true,
        // Bidirectional marks, embeddings, overrides and isolates, and the
        // line and paragraph separators that some terminals break lines on.
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => true,
        '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

fn escape(s: &str, keep_breaks: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| must_escape(c, keep_breaks)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if must_escape(c, keep_breaks) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` safe to print on a terminal: control characters other than tab and
/// line feed (C0, DEL, C1, so every ESC/OSC/CSI sequence) and bidirectional
/// controls shown as `\u{1b}`-style escapes. Text without them is returned
/// as is, without a copy.
pub(crate) fn escape_terminal(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// A value from a file as one line of terminal text: like
/// [`escape_terminal`], and tab and line feed escaped too, so that a text
/// cannot start a line that looks like output of its own.
pub(crate) fn one_line(value: impl Display) -> String {
    let text = value.to_string();
    match escape(&text, false) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}

/// A table of text cells with a header row. Cells are escaped as they are
/// added ([`one_line`]), so no text can break the columns or the terminal.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names.
    pub fn new(header: &[&str]) -> Self {
        Table {
            header: header.iter().map(|s| (*s).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(one_line).collect());
    }

    /// The table as text, columns padded to their widest cell.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let last = widths.len().saturating_sub(1);
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, w) in widths.iter().enumerate() {
                let c = cells.get(i).map(String::as_str).unwrap_or("");
                s.push_str(c);
                if i < last {
                    let pad = w.saturating_sub(c.chars().count()).saturating_add(2);
                    s.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let mut s = s.trim_end().to_owned();
            s.push('\n');
            s
        };
        let mut out = line(&self.header);
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{1b}[31mc\u{9b}d\u{0}e\u{7f}f\u{202e}g\u{2066}h";
        assert_eq!(
            escape_terminal(hostile),
            "a\\u{1b}]0;title\\u{7}b\\u{1b}[31mc\\u{9b}d\\u{0}e\\u{7f}f\\u{202e}g\\u{2066}h"
        );
        assert_eq!(escape_terminal("line\n\tnext"), "line\n\tnext");
        assert_eq!(one_line("line\n\tnext\r"), "line\\u{a}\\u{9}next\\u{d}");
        assert!(matches!(escape_terminal("Plan – été"), Cow::Borrowed(_)));
    }

    #[test]
    fn cells_are_escaped_and_columns_stay_aligned() {
        let mut t = Table::new(&["id", "text"]);
        t.row(vec!["a\u{1b}[2J".into(), "x".into()]);
        t.row(vec!["bb".into(), "two\nlines".into()]);
        assert_eq!(
            t.render(),
            "id          text\na\\u{1b}[2J  x\nbb          two\\u{a}lines\n"
        );
    }
}
