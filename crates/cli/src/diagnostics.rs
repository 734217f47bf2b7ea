//! Issues as a person reads them: where, which rule, what is wrong, and the
//! offending line with a marker (drawn by `annotate-snippets`).
//!
//! The line comes from the file's [`LineIndex`], built once per file, and
//! only a window of it around the marker is drawn: rendering an issue costs
//! the same on a minified file of one 100 MB line as on a pretty-printed
//! one. File text is escaped for the terminal before it is drawn.

use crate::terminal::escape_line;
use actionplan_interchange::{Issue, LineIndex, OmittedIssues, Severity};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::ops::Range;
use std::path::Path;

/// Bytes of the line drawn before the marker, at most.
const BEFORE: usize = 60;
/// Bytes of the line drawn from the marker on, at most.
const AFTER: usize = 100;

/// Renders one issue of `file`, whose text is indexed by `source` (if it
/// could be read).
pub fn render(file: &Path, source: Option<&LineIndex<'_>>, issue: &Issue) -> String {
    let level = match issue.severity {
        Severity::Warning => Level::WARNING,
        _ => Level::ERROR,
    };
    let path = escape_line(&file.display().to_string()).into_owned();
    let pointer = escape_line(&issue.pointer).into_owned();
    let title = if pointer.is_empty() {
        escape_line(&issue.message).into_owned()
    } else {
        format!("{} at {pointer}", escape_line(&issue.message))
    };
    let window = match (source, issue.line, issue.column) {
        (Some(index), Some(line), Some(column)) => window(index, line, column),
        _ => None,
    };
    let code = issue.code.to_string();
    let code = escape_line(&code);
    let heading = level.primary_title(title.as_str()).id(code.as_ref());
    let group = match &window {
        Some(w) => heading.element(
            Snippet::source(w.text.as_str())
                .line_start(w.line)
                .path(path.as_str())
                .fold(true)
                .annotation(
                    AnnotationKind::Primary
                        .span(w.span.clone())
                        .label(pointer.as_str()),
                ),
        ),
        None => heading.element(Level::NOTE.message(format!("in {path}"))),
    };
    Renderer::plain().render(&[group])
}

/// One line of summary for issues past the limit of those shown in full.
pub fn render_omitted(file: &Path, omitted: &[OmittedIssues]) -> Option<String> {
    if omitted.is_empty() {
        return None;
    }
    let total = omitted
        .iter()
        .fold(0usize, |n, o| n.saturating_add(o.count));
    let parts: Vec<String> = omitted
        .iter()
        .map(|o| escape_line(&o.to_string()).into_owned())
        .collect();
    Some(format!(
        "{}: {total} more issue(s) not shown ({}); raise --max-issues to see them",
        escape_line(&file.display().to_string()),
        parts.join(", ")
    ))
}

/// The part of a line drawn under an issue: escaped text, and the marker's
/// byte range in it.
#[derive(Debug, PartialEq, Eq)]
struct Window {
    text: String,
    line: usize,
    span: Range<usize>,
}

/// The window of `line` around `column` (1-based, in characters): up to
/// [`BEFORE`] bytes before the value and [`AFTER`] from it, the marker on
/// the value's token (at least one character).
fn window(index: &LineIndex<'_>, line: usize, column: usize) -> Option<Window> {
    let text = index.text();
    let range = index.line_range(line)?;
    let start = index.offset(line, column)?;
    let from = floor_boundary(text, start.saturating_sub(BEFORE).max(range.start));
    let to = floor_boundary(text, start.saturating_add(AFTER).min(range.end));
    let before = text.get(from..start)?;
    let rest = text.get(start..to)?;
    let token_len = token_len(rest).max(rest.chars().next().map_or(0, char::len_utf8));
    let token = rest.get(..token_len)?;
    let after = rest.get(token_len..)?;
    let mut out = String::new();
    if from > range.start {
        out.push('…');
    }
    out.push_str(&escape_line(before));
    let span_start = out.len();
    out.push_str(&escape_line(token));
    let span_end = out.len();
    out.push_str(&escape_line(after));
    if to < range.end {
        out.push('…');
    }
    Some(Window {
        text: out,
        line,
        span: span_start..span_end,
    })
}

/// The nearest character boundary at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i = i.saturating_sub(1);
    }
    i
}

/// The length of the JSON token at the start of `s` (a string, a number, a
/// literal, or one structural character for objects and arrays).
fn token_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, '"')) => {
            let mut escaped = false;
            for (i, c) in chars {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    return i.saturating_add(1);
                }
            }
            s.len()
        }
        Some((_, c)) if c == '-' || c.is_ascii_alphanumeric() => s
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')))
            .map_or(s.len(), |(i, _)| i),
        Some((_, c)) => c.len_utf8(),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(src: &str, line: usize, column: usize) -> Window {
        window(&LineIndex::new(src), line, column).unwrap()
    }

    #[test]
    fn spans_cover_the_token() {
        let src = "{\n  \"a\": \"xyz\",\n  \"b\": 12\n}\n";
        let a = w(src, 2, 8);
        assert_eq!(&a.text[a.span.clone()], "\"xyz\"");
        assert_eq!(a.text, "  \"a\": \"xyz\",");
        let b = w(src, 3, 8);
        assert_eq!(&b.text[b.span.clone()], "12");
        // Past the end: no line, no window, never a panic.
        assert!(window(&LineIndex::new(src), 9, 1).is_none());
    }

    #[test]
    fn long_lines_are_cut_around_the_value() {
        let src = format!(
            "{{{}\"k\": \"v\"{}}}",
            " ".repeat(10_000),
            " ".repeat(10_000)
        );
        let column = 10_002;
        let x = w(&src, 1, column);
        assert!(x.text.len() < 200, "{}", x.text.len());
        assert!(x.text.starts_with('…') && x.text.ends_with('…'));
        assert_eq!(&x.text[x.span.clone()], "\"k\"");
    }

    #[test]
    fn controls_are_escaped_and_the_marker_follows() {
        let src = "{\"a\u{1b}]0;x\u{7}\": \"\u{9b}v\"}";
        let x = w(src, 1, 2);
        assert!(!x.text.chars().any(char::is_control), "{:?}", x.text);
        assert_eq!(&x.text[x.span.clone()], "\"a\\u{1b}]0;x\\u{7}\"");
        let issue_text = render(
            Path::new("f\u{1b}.json"),
            Some(&LineIndex::new(src)),
            &serde_json::from_value(serde_json::json!({
                "layer": "schema", "code": "schema/x\u{7}", "severity": "error",
                "pointer": "/a\u{1b}", "line": 1, "column": 2, "message": "m\u{9b}"
            }))
            .unwrap(),
        );
        assert!(
            !issue_text.chars().any(|c| c.is_control() && c != '\n'),
            "{issue_text:?}"
        );
    }
}
