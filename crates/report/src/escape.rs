//! Text from a file is data, never markup or code: escaping for each output.

/// Escapes text for HTML element content and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell: every character Markdown or an
/// HTML-aware wiki would read as syntax is escaped, line breaks become spaces.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Quotes one CSV field per RFC 4180, and neutralizes a leading character a
/// spreadsheet would take as the start of a formula (`=`, `+`, `-`, `@`, tab
/// or carriage return) by prefixing an apostrophe.
pub fn csv(s: &str) -> String {
    let neutral;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        neutral = format!("'{s}");
        neutral.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn markdown_escapes_table_syntax() {
        assert_eq!(
            markdown("a | b <script> *x*\nnext"),
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
    }
}
