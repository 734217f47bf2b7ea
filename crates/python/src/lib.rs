//! The native half of the Python package `actionplan`: the command's
//! operations over the actionplan crates, for the Python half
//! (`python/actionplan/__init__.py`) to dress in Python types.
//!
//! Every result crosses as the JSON text the command prints with
//! `--format json` (the same `Serialize` implementations), so Python sees
//! exactly the issues and statuses the command shows; the Python half turns
//! decimal strings into `decimal.Decimal` and dates into `datetime.date`.
//! Nothing is computed here that the library crates do not compute: this
//! file only chooses the calls, as `actionplan-cli` does.
//!
//! Failures are Python exceptions carrying the Rust message: `ValueError`
//! for input the crates refuse, `RuntimeError` for what should not happen
//! (a result that cannot be written as JSON). A panic would become `PyO3`'s
//! `PanicException`; the crates deny the constructs that panic on input.
//!
//! Dependencies: `pyo3` (the only maintained binding with an abi3 build and
//! maturin support), `serde_json` to hand results over.
// No input may make the module panic: lookups are `get`, failures values.
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

use actionplan_indicators::{Policy, evaluate};
use actionplan_interchange::{ReadOptions, check_bytes_with, to_canonical_string};
use actionplan_report::diff::{Snapshot, diff};
use actionplan_report::{AssessError, Assessment, Format, Options, assess, default_as_of};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde::Serialize;
use time::Date;

/// A checked exchange file: the plan and its progress reports.
///
/// Only [`check`] makes one, from a file without errors, so every
/// operation below works on a plan that passed every check.
#[pyclass(frozen, module = "actionplan._native", name = "Envelope")]
struct PyEnvelope {
    inner: actionplan_interchange::Envelope,
}

#[pymethods]
impl PyEnvelope {
    /// The plan's id.
    #[getter]
    fn plan_id(&self) -> String {
        self.inner.plan.id.to_string()
    }

    /// How many progress reports the file holds.
    #[getter]
    fn report_count(&self) -> usize {
        self.inner.reports.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<actionplan envelope of plan {} with {} report(s)>",
            self.inner.plan.id,
            self.inner.reports.len()
        )
    }
}

/// The command's JSON for `value`, or a `RuntimeError` (our result types
/// serialize without failing; should one ever fail, Python hears of it).
fn to_json(value: &impl Serialize) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|e| PyRuntimeError::new_err(format!("cannot write the result as JSON: {e}")))
}

/// The innermost cause of an error, as the command prints it.
fn source_of(e: &dyn std::error::Error) -> String {
    let mut cause = e.source();
    let mut text = String::new();
    while let Some(c) = cause {
        text = c.to_string();
        cause = c.source();
    }
    text
}

/// `as_of` as given (`YYYY-MM-DD`), else the latest report's as-of date.
fn as_of(given: Option<&str>, envelope: &actionplan_interchange::Envelope) -> PyResult<Date> {
    match given {
        Some(text) => actionplan_model::parse_date(text)
            .map_err(|e| PyValueError::new_err(format!("as_of {text:?}: {e}"))),
        None => default_as_of(&envelope.reports).ok_or_else(|| {
            PyValueError::new_err(
                "the file has no progress report to take the date from: give as_of=datetime.date(…)",
            )
        }),
    }
}

fn assessment(envelope: &PyEnvelope, date: Date) -> PyResult<Assessment> {
    let e = &envelope.inner;
    assess(&e.plan, &e.reports, date, &Policy::default()).map_err(|err: AssessError| {
        PyValueError::new_err(format!("plan {}: {err}: {}", e.plan.id, source_of(&err)))
    })
}

/// Checks the bytes of an exchange file (every layer: syntax, schema,
/// rules). Returns the report as JSON (`{"issues": [...], "omitted": [...]}`,
/// the issues exactly as `actionplan validate --format json` lists them)
/// and the envelope when the file has no error.
#[pyfunction]
fn check(py: Python<'_>, data: &[u8]) -> PyResult<(String, Option<PyEnvelope>)> {
    #[derive(Serialize)]
    struct Report<'a> {
        valid: bool,
        issues: &'a [actionplan_interchange::Issue],
        omitted: &'a [actionplan_interchange::OmittedIssues],
    }
    // Checking a large file takes a while: let other Python threads run.
    let checked = py.detach(|| check_bytes_with(data, &ReadOptions::default()));
    let report = &checked.report;
    let json = to_json(&Report {
        valid: !report.has_errors(),
        issues: &report.issues,
        omitted: &report.omitted,
    })?;
    let envelope = if report.has_errors() {
        None
    } else {
        checked.envelope.map(|inner| PyEnvelope { inner })
    };
    Ok((json, envelope))
}

/// The evaluation as of `as_of` (or the latest report's date), as
/// `actionplan evaluate --format json` prints it.
#[pyfunction]
#[pyo3(signature = (envelope, as_of=None))]
fn evaluate_json(envelope: &PyEnvelope, as_of: Option<&str>) -> PyResult<String> {
    let date = self::as_of(as_of, &envelope.inner)?;
    to_json(&assessment(envelope, date)?.evaluation)
}

/// The funding overview as of `as_of`, as `actionplan funding --format
/// json [--currency CODE]` prints it: with a currency, each group of totals
/// also in that currency, converted with the file's stated rates only.
#[pyfunction]
#[pyo3(signature = (envelope, as_of=None, currency=None))]
fn funding_json(
    envelope: &PyEnvelope,
    as_of: Option<&str>,
    currency: Option<&str>,
) -> PyResult<String> {
    let e = &envelope.inner;
    let date = self::as_of(as_of, e)?;
    let policy = actionplan_funding::PortfolioPolicy::default();
    match currency {
        None => to_json(&actionplan_funding::overview(&e.plan, &e.reports, date)),
        Some(code) => {
            let currency: actionplan_model::Currency = code.parse().map_err(|err| {
                PyValueError::new_err(format!(
                    "currency {code:?}: {err}; write an ISO 4217 code in capitals, such as \"USD\""
                ))
            })?;
            to_json(&actionplan_funding::overview_in_currency(
                &e.plan, &e.reports, date, &policy, currency,
            ))
        }
    }
}

/// The report in `format` (`md`, `html`, `csv`, `json`) and `lang` (`en`,
/// `fr`, `es`), as `actionplan report` writes it.
#[pyfunction]
#[pyo3(signature = (envelope, format, as_of=None, lang="en"))]
fn report(
    envelope: &PyEnvelope,
    format: &str,
    as_of: Option<&str>,
    lang: &str,
) -> PyResult<String> {
    let format = match format {
        "md" | "markdown" => Format::Markdown,
        "html" => Format::Html,
        "csv" => Format::Csv,
        "json" => Format::Json,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown report format {other:?}: write \"md\", \"html\", \"csv\" or \"json\""
            )));
        }
    };
    let language = match lang {
        "en" => actionplan_model::Language::En,
        "fr" => actionplan_model::Language::Fr,
        "es" => actionplan_model::Language::Es,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown language {other:?}: write \"en\", \"fr\" or \"es\""
            )));
        }
    };
    let e = &envelope.inner;
    let date = self::as_of(as_of, e)?;
    let a = assessment(envelope, date)?;
    let view = actionplan_report::build(
        &e.plan,
        &e.reports,
        &a.evaluation,
        &a.funding,
        &Options::in_language(language),
    );
    let mut out = Vec::new();
    actionplan_report::render_to(&view, format, &mut out)
        .map_err(|err| PyRuntimeError::new_err(format!("cannot render the report: {err}")))?;
    String::from_utf8(out)
        .map_err(|err| PyRuntimeError::new_err(format!("the report is not UTF-8: {err}")))
}

/// What changed from `old` to `new`, each evaluated as of its own latest
/// report, as `actionplan diff --format json` prints it.
#[pyfunction]
fn diff_json(old: &PyEnvelope, new: &PyEnvelope) -> PyResult<String> {
    let eval = |env: &actionplan_interchange::Envelope| {
        let date = default_as_of(&env.reports).ok_or_else(|| {
            PyValueError::new_err(format!(
                "plan {}: the file has no progress report, so there is nothing to compare",
                env.plan.id
            ))
        })?;
        evaluate(
            &env.plan,
            &env.reports,
            date,
            &Policy::default(),
            &actionplan_funding::PlanFundingAnswer::new(&env.plan, date),
        )
        .map_err(|e| PyValueError::new_err(format!("plan {}: {e}: {}", env.plan.id, source_of(&e))))
    };
    let (o, n) = (&old.inner, &new.inner);
    let old_eval = eval(o)?;
    let new_eval = eval(n)?;
    to_json(&diff(
        Snapshot::new(&o.plan, &o.reports, &old_eval),
        Snapshot::new(&n.plan, &n.reports, &new_eval),
    ))
}

/// The file in canonical form, as `actionplan fmt` writes it.
#[pyfunction]
fn canonical(envelope: &PyEnvelope) -> String {
    to_canonical_string(&envelope.inner)
}

/// The published JSON Schema of the exchange format, as text.
#[pyfunction]
fn schema() -> &'static str {
    actionplan_interchange::schema_string()
}

/// The module Python imports as `actionplan._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEnvelope>()?;
    // Python reads a path at most one byte past this, so that a runaway
    // input is refused by the same check as in the command.
    m.add("MAX_INPUT_BYTES", ReadOptions::DEFAULT_MAX_INPUT_BYTES)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_json, m)?)?;
    m.add_function(wrap_pyfunction!(funding_json, m)?)?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    m.add_function(wrap_pyfunction!(diff_json, m)?)?;
    m.add_function(wrap_pyfunction!(canonical, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    Ok(())
}
