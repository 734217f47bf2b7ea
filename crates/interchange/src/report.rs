//! The validation report: our own serializable types, so that tools can
//! print it, match on it or send it as JSON without depending on the
//! validators behind it.

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

/// How serious an issue is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The figures can be used, but something looks wrong.
    Warning,
    /// The file is invalid.
    Error,
}

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Issue {
    /// Which check found it.
    pub layer: Layer,
    /// The stable rule id (`AP001` …) for [`Layer::Rule`] issues; the JSON
    /// Schema keyword that failed (`required`, `pattern` …) for
    /// [`Layer::Schema`] issues; `None` for syntax issues.
    pub rule: Option<String>,
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
    pub(crate) fn new(layer: Layer, severity: Severity, pointer: String, message: String) -> Self {
        Issue {
            layer,
            rule: None,
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
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match (&self.rule, self.layer) {
            (Some(r), _) => write!(f, "{sev}[{r}]")?,
            (None, Layer::Syntax) => write!(f, "{sev}[syntax]")?,
            (None, _) => write!(f, "{sev}")?,
        }
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
    /// The rule or schema keyword, as in [`Issue::rule`].
    pub rule: Option<String>,
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

    /// Keeps the first `max` issues in full and counts the rest.
    pub(crate) fn limit(&mut self, max: usize) {
        if self.issues.len() <= max {
            return;
        }
        let rest = self.issues.split_off(max);
        let mut counts: std::collections::BTreeMap<(Layer, Option<String>, Severity), usize> =
            std::collections::BTreeMap::new();
        for i in rest {
            let n = counts.entry((i.layer, i.rule, i.severity)).or_insert(0);
            *n = n.saturating_add(1);
        }
        self.omitted = counts
            .into_iter()
            .map(|((layer, rule, severity), count)| OmittedIssues {
                layer,
                rule,
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
    /// `12 more error(s)[additionalProperties]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error(s)",
            Severity::Warning => "warning(s)",
        };
        write!(f, "{} more {sev}", self.count)?;
        match (&self.rule, self.layer) {
            (Some(r), _) => write!(f, "[{r}]"),
            (None, Layer::Syntax) => write!(f, "[syntax]"),
            (None, _) => Ok(()),
        }
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
