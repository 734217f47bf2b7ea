//! Aligned text columns for the `table` output format; every cell goes
//! through [`one_line`] (see `terminal.rs`), so no text from a file can
//! break the columns or act on the terminal.

pub(crate) use crate::terminal::{escape_terminal, one_line};

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
                let c = cells.get(i).map_or("", String::as_str);
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
    use std::borrow::Cow;

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
