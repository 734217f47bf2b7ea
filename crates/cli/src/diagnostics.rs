//! Issues as a person reads them: where, which rule, what is wrong, and the
//! offending line with a marker (drawn by `annotate-snippets`).

use actionplan_interchange::{Issue, Severity};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::path::Path;

/// Renders one issue of `file` whose text is `source` (if it could be read).
pub fn render(file: &Path, source: Option<&str>, issue: &Issue) -> String {
    let level = match issue.severity {
        Severity::Warning => Level::WARNING,
        _ => Level::ERROR,
    };
    let path = file.display().to_string();
    let pointer = if issue.pointer.is_empty() {
        String::new()
    } else {
        format!(" at {}", issue.pointer)
    };
    let title = format!("{}{pointer}", issue.message);
    let span = match (source, issue.line, issue.column) {
        (Some(src), Some(line), Some(column)) => byte_span(src, line, column),
        _ => None,
    };
    // A syntax error has no rule id: print `error:`, not `error[]:`.
    let mut heading = level.primary_title(title.as_str());
    if let Some(id) = issue.rule.as_deref().filter(|id| !id.is_empty()) {
        heading = heading.id(id);
    }
    let group = match (source, span) {
        (Some(src), Some(span)) => heading.element(
            Snippet::source(src)
                .path(path.as_str())
                .fold(true)
                .annotation(
                    AnnotationKind::Primary
                        .span(span)
                        .label(issue.pointer.as_str()),
                ),
        ),
        _ => heading.element(Level::NOTE.message(format!("in {path}"))),
    };
    Renderer::plain().render(&[group]).to_string()
}

/// The byte range of the value starting at `line`:`column` (1-based,
/// column in characters): up to the end of the token, at least one character.
// TODO(reader): offsets within `src` cannot overflow, but the crate-level
// deny wants them checked; the reader helper owns this file.
#[allow(clippy::arithmetic_side_effects)]
fn byte_span(src: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    let start_of_line: usize = src
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let text = src.get(start_of_line..)?;
    let line_text = text.split('\n').next().unwrap_or_default();
    let offset: usize = line_text
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)
        .unwrap_or(line_text.len());
    let start = start_of_line + offset;
    let rest = src.get(start..)?;
    let len = token_len(rest);
    Some(start..start + len.max(rest.chars().next().map_or(0, char::len_utf8)))
}

/// The length of the JSON token at the start of `s` (a string, a number, a
/// literal, or one structural character for objects and arrays).
// TODO(reader): offsets within `src` cannot overflow, but the crate-level
// deny wants them checked; the reader helper owns this file.
#[allow(clippy::arithmetic_side_effects)]
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
                    return i + 1;
                } else if c == '\n' {
                    return i;
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

    #[test]
    fn spans_cover_the_token() {
        let src = "{\n  \"a\": \"xyz\",\n  \"b\": 12\n}\n";
        assert_eq!(byte_span(src, 2, 8), Some(9..14));
        assert_eq!(&src[9..14], "\"xyz\"");
        let r = byte_span(src, 3, 8).unwrap();
        assert_eq!(&src[r], "12");
        // Past the end: an empty span at the end, never a panic.
        assert_eq!(byte_span(src, 9, 1), Some(src.len()..src.len()));
    }
}
