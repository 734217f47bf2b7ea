//! Text from a file, made safe to print on a terminal.
//!
//! A file is untrusted: a string holding ESC, an OSC sequence or BEL could
//! retitle the window, plant a fake hyperlink or rewrite what was printed
//! before. Every piece of file text the command prints on a terminal goes
//! through [`escape_terminal`].

// Panic-free by construction on file input (see interchange's lib.rs).
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: C0 controls except tab, DEL,
/// C1 controls, and the bidirectional overrides and isolates that reorder
/// what a reader sees ("Trojan Source").
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character written as a Rust-style escape
/// (`\u{1b}`); borrowed when there is none.
///
/// ```ignore
/// assert_eq!(escape_terminal("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
/// ```
pub(crate) fn escape_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len().saturating_add(16));
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
            escape_terminal("\u{0}\u{7f}\u{9b}\n\r"),
            "\\u{0}\\u{7f}\\u{9b}\\u{a}\\u{d}"
        );
        assert_eq!(escape_terminal("\u{202e}abc"), "\\u{202e}abc");
    }

    /// Nothing below U+00A0 except printable ASCII and tab survives raw.
    #[test]
    fn no_control_survives() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        let escaped = escape_terminal(&all);
        assert!(
            escaped
                .chars()
                .all(|c| c == '\t' || !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c))
        );
    }
}
