//! Text from a file, made safe to print on a terminal.
//!
//! A file can hold any Unicode text. Printed raw, ESC sequences recolour or
//! clear the screen, OSC sequences retitle the window or plant a hyperlink
//! that shows one address and opens another, BEL rings, C1 controls
//! (U+0080–U+009F) act as ESC on some terminals, and bidirectional overrides
//! make a line read differently from what it holds ("Trojan Source"). Every
//! text from a file therefore reaches the terminal through
//! [`escape_terminal`] (whole outputs), [`one_line`] or [`escape_line`] (a
//! text that must stay on its line: a table cell, a diagnostic), which show
//! such characters as visible `\u{1b}` escapes.

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
        | '\u{2066}'..='\u{2069}'
        | '\u{2028}'
        | '\u{2029}' => true,
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

/// `s` as one line of terminal text: like [`escape_terminal`], with tab and
/// line feed escaped too (a diagnostic label or snippet).
pub(crate) fn escape_line(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped() {
        assert_eq!(escape_terminal("plain\ttext é"), "plain\ttext é");
        assert!(matches!(escape_terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape_terminal("a\u{1b}]0;title\u{7}b"),
            "a\\u{1b}]0;title\\u{7}b"
        );
        assert_eq!(
            escape_line("\u{0}\u{7f}\u{9b}\n\r"),
            "\\u{0}\\u{7f}\\u{9b}\\u{a}\\u{d}"
        );
        assert_eq!(escape_terminal("a\nb\r"), "a\nb\\u{d}");
        assert_eq!(escape_terminal("\u{202e}abc"), "\\u{202e}abc");
    }

    /// Nothing below U+00A0 except printable ASCII and tab survives raw.
    #[test]
    fn no_control_survives() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        let escaped = escape_line(&all);
        assert!(
            escaped
                .chars()
                .all(|c| c == '\t' || !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c))
        );
    }
}
