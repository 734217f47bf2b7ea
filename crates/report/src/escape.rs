//! Text from a file is data, never markup, code or a terminal command: one
//! escaping per output kind, each writing straight into the output (no copy
//! of the text is made on the way).
//!
//! Control characters — C0 (U+0000–U+001F), DEL (U+007F) and C1
//! (U+0080–U+009F) — are what an escape sequence is made of (`ESC ] 0 ; …
//! BEL` retitles a terminal window, `ESC [ 31 m` colours it, a NUL truncates
//! a C string). Markdown, HTML and CSV have no escape for them that every
//! reader honours (an HTML character reference to a C1 code point even means
//! a windows-1252 character), so each is **replaced** by U+FFFD REPLACEMENT
//! CHARACTER: the reader sees that something was there, and no program
//! downstream sees a control. The few a format carries as plain layout are
//! kept: tab, line feed and carriage return in HTML and CSV (quoted), tab in
//! Markdown (where a line break ends the table row, so it becomes a space).
//! The JSON output keeps the text exactly but writes every control as a
//! `\uXXXX` escape (see [`json`]).

use std::fmt;

/// What a control character becomes in Markdown, HTML and CSV.
pub const REPLACEMENT: &str = "\u{FFFD}";

/// A C0 control, DEL or a C1 control.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Writes `s` with each character `map` answers for replaced by the answer,
/// copying the runs between them as slices.
fn write_mapped(
    f: &mut (impl fmt::Write + ?Sized),
    s: &str,
    map: impl Fn(char) -> Option<&'static str>,
) -> fmt::Result {
    // Each piece is a run ending with the one character to replace (the
    // last piece may have none): no offsets to compute, none to get wrong.
    for piece in s.split_inclusive(|c| map(c).is_some()) {
        let mut chars = piece.chars();
        match chars.next_back().and_then(&map) {
            Some(with) => {
                f.write_str(chars.as_str())?;
                f.write_str(with)?;
            }
            None => f.write_str(piece)?,
        }
    }
    Ok(())
}

/// Text for HTML element content and attribute values (`{}` writes it escaped).
#[derive(Clone, Copy, Debug)]
pub struct Html<'s>(pub &'s str);

/// Escapes text for HTML element content and attribute values.
pub fn html(s: &str) -> Html<'_> {
    Html(s)
}

impl fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_mapped(f, self.0, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            '\t' | '\n' | '\r' => None,
            c if is_control(c) => Some(REPLACEMENT),
            _ => None,
        })
    }
}

/// Text for a Markdown table cell (`{}` writes it escaped).
#[derive(Clone, Copy, Debug)]
pub struct Markdown<'s>(pub &'s str);

/// Escapes text for a Markdown table cell: every character Markdown or an
/// HTML-aware wiki would read as syntax is escaped, line breaks become spaces.
pub fn markdown(s: &str) -> Markdown<'_> {
    Markdown(s)
}

impl fmt::Display for Markdown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_mapped(f, self.0, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '\\' => Some("\\\\"),
            '|' => Some("\\|"),
            '*' => Some("\\*"),
            '_' => Some("\\_"),
            '`' => Some("\\`"),
            '[' => Some("\\["),
            ']' => Some("\\]"),
            '#' => Some("\\#"),
            '~' => Some("\\~"),
            '!' => Some("\\!"),
            '{' => Some("\\{"),
            '}' => Some("\\}"),
            '\r' => Some(""),
            '\n' => Some(" "),
            '\t' => None,
            c if is_control(c) => Some(REPLACEMENT),
            _ => None,
        })
    }
}

/// Writes one CSV field made of `pieces` written one after the other, quoted
/// per RFC 4180 where needed, with a leading character a spreadsheet would
/// take as the start of a formula (`=`, `+`, `-`, `@`, tab or carriage
/// return) neutralized by an apostrophe, and controls other than tab, line
/// feed and carriage return replaced.
///
/// The pieces are read twice (to decide the quoting, then to write), never
/// joined into one string: a long text repeated on many rows is copied
/// only into the output.
pub fn csv_field<'p, I>(out: &mut (impl fmt::Write + ?Sized), pieces: I) -> fmt::Result
where
    I: IntoIterator<Item = &'p str>,
    I::IntoIter: Clone,
{
    let pieces = pieces.into_iter();
    let first = pieces.clone().find_map(|p| p.chars().next());
    let formula = first.is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    let quoted = pieces.clone().any(|p| p.contains([',', '"', '\r', '\n']));
    if quoted {
        out.write_char('"')?;
    }
    if formula {
        out.write_char('\'')?;
    }
    for p in pieces {
        write_mapped(out, p, |c| match c {
            '"' => Some("\"\""),
            '\t' | '\n' | '\r' => None,
            c if is_control(c) => Some(REPLACEMENT),
            _ => None,
        })?;
    }
    if quoted {
        out.write_char('"')?;
    }
    Ok(())
}

/// Quotes one CSV field (see [`csv_field`]).
#[cfg(test)]
pub fn csv(s: &str) -> String {
    let mut out = String::new();
    let _ = csv_field(&mut out, [s]);
    out
}

/// The JSON output's formatter: `serde_json`'s pretty layout, and every
/// control character in a string written as a `\uXXXX` escape. `serde_json`
/// escapes C0 itself; DEL and C1 are valid raw in JSON, but a JSON file is
/// also read in terminals and pagers, so they are escaped too. A JSON reader
/// gets the text back exactly.
pub mod json {
    use serde_json::ser::{Formatter, PrettyFormatter};
    use std::io;

    /// Pretty-printing that escapes DEL and C1 in strings.
    #[derive(Debug, Default)]
    pub struct Escaping(PrettyFormatter<'static>);

    macro_rules! forward {
        ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
            fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                self.0.$name(w $(, $arg)*)
            }
        )*};
    }

    impl Formatter for Escaping {
        forward! {
            begin_array();
            end_array();
            begin_array_value(first: bool);
            end_array_value();
            begin_object();
            end_object();
            begin_object_key(first: bool);
            begin_object_value();
            end_object_value();
        }

        fn write_string_fragment<W: ?Sized + io::Write>(
            &mut self,
            w: &mut W,
            fragment: &str,
        ) -> io::Result<()> {
            let escaped = |c: char| matches!(c, '\u{7f}'..='\u{9f}');
            // As in `write_mapped`: each piece ends with the one character
            // to escape, if any.
            for piece in fragment.split_inclusive(escaped) {
                let mut chars = piece.chars();
                match chars.next_back() {
                    Some(c) if escaped(c) => {
                        w.write_all(chars.as_str().as_bytes())?;
                        write!(w, "\\u{:04x}", u32::from(c))?;
                    }
                    _ => w.write_all(piece.as_bytes())?,
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\"").to_string(),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn markdown_escapes_table_syntax() {
        assert_eq!(
            markdown("a | b <script> *x*\nnext").to_string(),
            "a \\| b &lt;script&gt; \\*x\\* next"
        );
    }

    #[test]
    fn csv_quotes_and_neutralizes() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv("@cmd"), "'@cmd");
        assert_eq!(csv("-1+2"), "'-1+2");
        assert_eq!(csv("+x,y"), "\"'+x,y\"");
        assert_eq!(csv("\ta"), "'\ta");
        let mut joined = String::new();
        csv_field(&mut joined, ["", "=a", "; ", "b,c"]).unwrap();
        assert_eq!(joined, "\"'=a; b,c\"");
    }

    const HOSTILE: &str = "a\u{1b}]0;title\u{7}b\u{1b}[31mc\u{0}d\u{9b}e\u{7f}f\u{85}g\th\ni\rj";

    #[test]
    fn controls_become_replacement_characters() {
        let r = REPLACEMENT;
        assert_eq!(
            html(HOSTILE).to_string(),
            format!("a{r}]0;title{r}b{r}[31mc{r}d{r}e{r}f{r}g\th\ni\rj")
        );
        assert_eq!(
            markdown(HOSTILE).to_string(),
            format!("a{r}\\]0;title{r}b{r}\\[31mc{r}d{r}e{r}f{r}g\th ij")
        );
        assert_eq!(
            csv(HOSTILE),
            format!("\"a{r}]0;title{r}b{r}[31mc{r}d{r}e{r}f{r}g\th\ni\rj\"")
        );
    }

    #[test]
    fn json_escapes_every_control_and_keeps_the_text() {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, json::Escaping::default());
        serde::Serialize::serialize(HOSTILE, &mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(is_control), "{text:?}");
        assert!(text.contains("\\u009b") && text.contains("\\u007f") && text.contains("\\u001b"));
        assert_eq!(serde_json::from_str::<String>(&text).unwrap(), HOSTILE);
    }
}
