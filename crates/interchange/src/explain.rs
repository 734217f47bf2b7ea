//! What each issue code means, why the format has the rule, and a failing
//! and a passing snippet, like `rustc --explain`. The explanations are
//! data, in `explain.md` beside this file: a code is added by appending an
//! entry there.

use crate::Code;

const TEXT: &str = include_str!("explain.md");

/// The explanation of an issue code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The code's string form, as issues carry it: `AP005`, `schema/type`.
    pub code: &'static str,
    /// What is wrong, in a few words.
    pub title: &'static str,
    /// The rule, in full.
    pub rule: &'static str,
    /// Why the format has the rule.
    pub why: &'static str,
    /// A snippet of a file that breaks the rule.
    pub fails: &'static str,
    /// The same snippet, corrected.
    pub passes: &'static str,
}

/// The explanation of `code`, if it has one (every code this crate reports
/// does, but for a schema keyword it does not name).
///
/// ```
/// use actionplan_interchange::{explain, Code, Rule};
/// let e = explain(&Code::Rule(Rule::DeadlineOutsideSpan)).unwrap();
/// assert_eq!(e.code, "AP005");
/// assert!(e.fails.contains("\"deadline\""));
/// ```
pub fn explain(code: &Code) -> Option<Explanation> {
    let wanted = code.to_string();
    explanations().find(|e| e.code == wanted)
}

/// Every explanation, in the order of the table (rules, schema keywords,
/// then syntax, encoding, limits, envelope, io and internal).
pub fn explanations() -> impl Iterator<Item = Explanation> {
    // Entries start with a `# ` heading at the start of a line; the comment
    // before the first one is not an entry.
    TEXT.split("\n# ").skip(1).filter_map(entry)
}

fn entry(text: &'static str) -> Option<Explanation> {
    let (heading, body) = text.split_once('\n')?;
    let (code, title) = heading.trim().split_once(' ')?;
    let (rule, rest) = body.split_once("\n## Why\n")?;
    let (why, rest) = rest.split_once("\n## Fails\n")?;
    let (fails, passes) = rest.split_once("\n## Passes\n")?;
    Some(Explanation {
        code,
        title: title.trim(),
        rule: rule.trim(),
        why: why.trim(),
        fails: snippet(fails)?,
        passes: snippet(passes)?,
    })
}

/// The text inside a snippet's fence (three backticks and `json`).
fn snippet(section: &'static str) -> Option<&'static str> {
    let (_, rest) = section.split_once("```json\n")?;
    let (inside, _) = rest.split_once("\n```")?;
    Some(inside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SchemaKeyword;

    /// Every code the crate can report, but `schema/<keyword>` for keywords
    /// the published schema does not use.
    fn every_code() -> Vec<Code> {
        let mut all = crate::code::every_code();
        all.retain(|c| !matches!(c, Code::Schema(SchemaKeyword::Other(_))));
        all
    }

    #[test]
    fn every_code_is_explained_once_in_full() {
        let all: Vec<Explanation> = explanations().collect();
        for code in every_code() {
            let e = explain(&code).unwrap_or_else(|| panic!("{code} has no explanation"));
            for (part, text) in [
                ("title", e.title),
                ("rule", e.rule),
                ("why", e.why),
                ("fails", e.fails),
                ("passes", e.passes),
            ] {
                assert!(!text.trim().is_empty(), "{code}: empty {part}");
            }
            assert_ne!(e.fails, e.passes, "{code}");
            assert_eq!(
                all.iter().filter(|x| x.code == e.code).count(),
                1,
                "{code} explained twice"
            );
        }
        // Every entry is a code, and no entry is malformed (and so lost).
        let headings = TEXT.matches("\n# ").count();
        assert_eq!(all.len(), headings, "an entry does not parse");
        for e in &all {
            assert!(e.code.parse::<Code>().is_ok(), "{} is no code", e.code);
        }
    }

    /// The rule table of the format's documentation names no rule without
    /// an explanation.
    #[test]
    fn every_documented_rule_is_explained() {
        let doc = include_str!("../docs/exchange-format.md");
        let mut ids: Vec<&str> = doc
            .match_indices("| AP")
            .filter_map(|(i, _)| doc.get(i + 2..i + 7))
            .collect();
        ids.dedup();
        assert!(ids.len() >= 16, "{ids:?}");
        for id in ids {
            let code: Code = id.parse().unwrap();
            assert!(explain(&code).is_some(), "{id}");
        }
    }
}
