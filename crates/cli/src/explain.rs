//! `actionplan explain [CODE]`: what an issue code means, from the
//! explanations the interchange crate keeps as data.

use crate::args::ExplainArgs;
use crate::failure::Failure;
use actionplan_interchange::{Code, Explanation, Severity, explain, explanations};
use std::fmt::Write as _;

/// Prints the explanation of one code, or the list of every code.
pub fn run(args: &ExplainArgs, out: &mut String) -> Result<u8, Failure> {
    let Some(asked) = &args.code else {
        list(out);
        return Ok(0);
    };
    let found = lookup(asked).ok_or_else(|| {
        Failure::usage(format!(
            "`{}` is not an issue code (codes look like AP005, schema/type, syntax/eof); run `actionplan explain` for the list",
            crate::terminal::escape_line(asked)
        ))
    })?;
    print(&found.0, &found.1, out);
    Ok(0)
}

/// The code `asked` names: its string form in any case, or a schema
/// keyword without its `schema/` prefix.
fn lookup(asked: &str) -> Option<(Code, Explanation)> {
    let asked = asked.trim();
    let candidates = [
        asked.to_owned(),
        asked.to_ascii_uppercase(),
        format!("schema/{asked}"),
    ];
    candidates.iter().find_map(|c| {
        let code: Code = c.parse().ok()?;
        let e = explain(&code)?;
        Some((code, e))
    })
}

fn print(code: &Code, e: &Explanation, out: &mut String) {
    let severity = match code {
        Code::Rule(rule) if rule.severity() == Severity::Warning => "warning",
        _ => "error",
    };
    let _ = writeln!(out, "{} ({severity}): {}\n", e.code, e.title);
    let _ = writeln!(out, "{}\n", e.rule);
    let _ = writeln!(out, "Why:\n{}\n", indent(e.why));
    let _ = writeln!(out, "Fails:\n{}\n", indent(e.fails));
    let _ = writeln!(out, "Passes:\n{}", indent(e.passes));
}

fn list(out: &mut String) {
    out.push_str("Issue codes (`actionplan explain CODE` for one):\n\n");
    let all: Vec<Explanation> = explanations().collect();
    let width = all.iter().map(|e| e.code.len()).max().unwrap_or(0);
    for e in all {
        let _ = writeln!(out, "  {:width$}  {}", e.code, e.title);
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The line under a run's issues that points to `explain`, naming the
/// codes seen (at most a few).
pub fn hint<'a>(codes: impl Iterator<Item = &'a Code>) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for c in codes {
        let s = c.to_string();
        if !seen.contains(&s) {
            seen.push(s);
        }
    }
    let first = seen.first()?;
    let shown: Vec<&str> = seen.iter().take(5).map(String::as_str).collect();
    Some(format!(
        "For more about an issue, run `actionplan explain CODE`, e.g. `actionplan explain {first}` (codes above: {}{}).",
        shown.join(", "),
        if seen.len() > 5 { ", …" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actionplan_interchange::Rule;

    #[test]
    fn codes_are_found_in_any_spelling() {
        assert_eq!(lookup("AP005").unwrap().1.code, "AP005");
        assert_eq!(lookup("ap005").unwrap().1.code, "AP005");
        assert_eq!(lookup("pattern").unwrap().1.code, "schema/pattern");
        assert!(lookup("AP999").is_none());
    }

    /// Every rule has an explanation: a rule added to the model without one
    /// fails here (and in the interchange crate's own test).
    #[test]
    fn every_rule_is_explained() {
        for rule in Rule::ALL {
            let mut out = String::new();
            let args = ExplainArgs {
                code: Some(rule.code().to_owned()),
            };
            assert_eq!(run(&args, &mut out), Ok(0), "{rule}");
            assert!(out.contains("Fails:") && out.contains("Passes:"), "{out}");
        }
    }
}
