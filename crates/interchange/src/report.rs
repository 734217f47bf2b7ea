//! The validation report: our own serializable types, so that tools can
//! print it, match on it or send it as JSON without depending on the
//! validators behind it.

use crate::Code;
use actionplan_model::Severity;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which check found an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Layer {
    /// The text is not JSON (or not UTF-8, or names a key twice).
    Syntax,
    /// The JSON does not follow the published schema.
    Schema,
    /// A rule the schema cannot express (`AP001` …) is broken.
    Rule,
}

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Issue {
    /// Which check found it.
    pub layer: Layer,
    /// What kind of issue it is, to match on: the rule id (`AP001` …), the
    /// schema keyword that failed (`schema/required` …), the syntax problem
    /// (`syntax/eof` …). Serialized as its string form: see [`Code`].
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// JSON pointer (RFC 6901) to the offending value, from the top of the
    /// file: `/plan/items/2/category`. For a missing member it points to the
    /// object that lacks it; for syntax issues it is empty.
    pub pointer: String,
    /// Line of the offending value, from 1, where the input was text.
    pub line: Option<usize>,
    /// Column of the offending value, from 1, counted in characters.
    pub column: Option<usize>,
    /// What is wrong and what to do, for a person.
    pub message: String,
}

impl Issue {
    /// An issue found by `layer`, without a position; its severity follows
    /// from the code (a rule's own severity, an error otherwise).
    pub(crate) fn new(layer: Layer, code: Code, pointer: String, message: String) -> Self {
        let severity = match &code {
            Code::Rule(rule) => rule.severity(),
            _ => Severity::Error,
        };
        Issue {
            layer,
            code,
            severity,
            pointer,
            line: None,
            column: None,
            message,
        }
    }
}

impl fmt::Display for Issue {
    /// `line:column: error[AP002] at /plan/items/0/category: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{}[{}]", severity_word(self.severity), self.code)?;
        if !self.pointer.is_empty() {
            write!(f, " at {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Issues past the limit of issues reported in full
/// ([`ReadOptions::max_issues`](crate::ReadOptions::max_issues)), counted
/// per layer, rule and severity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OmittedIssues {
    /// Which check found them.
    pub layer: Layer,
    /// Their code, as in [`Issue::code`].
    pub code: Code,
    /// How serious they are.
    pub severity: Severity,
    /// How many were not reported in full.
    pub count: usize,
}

/// Every issue found in a file, in order: syntax, then schema (in document
/// order), then rules; past the limit of issues reported in full, counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValidationReport {
    /// The issues reported in full.
    pub issues: Vec<Issue>,
    /// The issues past the limit, counted per layer, rule and severity
    /// (ordered by them); empty when every issue is in `issues`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<OmittedIssues>,
}

impl ValidationReport {
    /// Whether the file has no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.has_errors()
    }

    /// Whether any issue is an error (reported in full or not).
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
            || self.omitted.iter().any(|o| o.severity == Severity::Error)
    }

    /// How many errors were found, those past the limit included.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings were found, those past the limit included.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        let full = self
            .issues
            .iter()
            .filter(|i| i.severity == severity)
            .count();
        self.omitted
            .iter()
            .filter(|o| o.severity == severity)
            .fold(full, |n, o| n.saturating_add(o.count))
    }

    /// Keeps the first `max` issues in full and counts the rest, with any
    /// counted before.
    pub(crate) fn limit(&mut self, max: usize) {
        if self.issues.len() <= max {
            return;
        }
        let rest = self.issues.split_off(max);
        // Counts already taken (by an earlier limit) are kept and added to.
        let mut counts: std::collections::BTreeMap<(Layer, Code, Severity), usize> =
            std::mem::take(&mut self.omitted)
                .into_iter()
                .map(|o| ((o.layer, o.code, o.severity), o.count))
                .collect();
        for i in rest {
            let n = counts.entry((i.layer, i.code, i.severity)).or_insert(0);
            *n = n.saturating_add(1);
        }
        self.omitted = counts
            .into_iter()
            .map(|((layer, code, severity), count)| OmittedIssues {
                layer,
                code,
                severity,
                count,
            })
            .collect();
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }

    /// Whether no issue at all was found.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty() && self.omitted.is_empty()
    }
}

impl fmt::Display for OmittedIssues {
    /// `12 more error(s)[schema/additionalProperties]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} more {}(s)[{}]",
            self.count,
            severity_word(self.severity),
            self.code
        )
    }
}

/// `error` or `warning`, as printed before a code.
fn severity_word(severity: Severity) -> &'static str {
    if severity == Severity::Warning {
        "warning"
    } else {
        "error"
    }
}

impl fmt::Display for ValidationReport {
    /// One issue per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in &self.issues {
            writeln!(f, "{i}")?;
        }
        for o in &self.omitted {
            writeln!(f, "{o}")?;
        }
        Ok(())
    }
}
