//! How another tool embeds `actionplan-interchange`: check a file it
//! received, act on each issue by its code, then write a file back.
//!
//! ```text
//! cargo run -p actionplan-interchange --example embed            # an embedded plan
//! cargo run -p actionplan-interchange --example embed -- FILE    # a file of yours
//! ```

use actionplan_interchange::{
    Code, Envelope, Issue, Rule, SchemaKeyword, Severity, WriteError, check_bytes, read_path,
    write_path,
};
use actionplan_model::Text;
use std::process::ExitCode;

/// The file "received": the SME action plan of the seed document, as in
/// the crate's test fixtures (embedded, so the example runs anywhere).
const RECEIVED: &str = include_str!("../tests/fixtures/valid/full.json");

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("embed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Check what was received: syntax, the published schema, the rules.
    let bytes = match std::env::args_os().nth(1) {
        Some(path) => std::fs::read(path)?,
        None => RECEIVED.as_bytes().to_vec(),
    };
    let checked = check_bytes(&bytes);
    for issue in &checked.report.issues {
        println!("{}", triage(issue));
    }
    let Some(mut envelope) = checked.envelope.filter(|_| checked.report.is_valid()) else {
        return Err(format!("refused: {} error(s)", checked.report.error_count()).into());
    };
    println!(
        "accepted `{}`: {} deliverable(s), {} report(s)",
        envelope.plan.id.as_str(),
        envelope.plan.deliverables.len(),
        envelope.reports.len()
    );

    // 2. The same file with a mistake a hand edit makes: the code says what.
    let edited = String::from_utf8_lossy(&bytes).replacen(
        "\"plan\": {",
        "\"plan\": {\n    \"comment\": \"draft\",",
        1,
    );
    let report = check_bytes(edited.as_bytes()).report;
    let unknown = report
        .errors()
        .any(|i| i.code == Code::Schema(SchemaKeyword::AdditionalProperties));
    println!("a hand-edited copy: unknown member found = {unknown}");

    // 3. Change the plan and write it back; the writer checks what it writes.
    envelope.plan.title = Text::en("SME action plan (as received)")?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("plan.json");
    write_path(&path, &envelope)?;
    assert_eq!(read_path(&path)?, envelope);
    println!(
        "written back to {} and read again unchanged",
        path.display()
    );

    // 4. What the reader would refuse is never written.
    refuse_a_plan_without_biennia(envelope, &path)?;
    Ok(())
}

/// What the tool does with one issue, chosen by its code, never by its
/// message (messages are for people and may change).
fn triage(issue: &Issue) -> String {
    let what = match &issue.code {
        // The seed gives a 2018–19 indicator a 12/2017 deadline: expected.
        Code::Rule(Rule::DeadlineOutsideSpan) => "known warning, accepted".to_owned(),
        Code::Rule(rule) if issue.severity == Severity::Warning => format!("warning {rule}"),
        Code::Rule(rule) => format!("broken rule {rule}: send the file back"),
        Code::Schema(keyword) => format!("not the published format ({keyword})"),
        Code::Syntax(_) | Code::Encoding(_) => "not JSON text: ask for a new copy".to_owned(),
        Code::Envelope(_) => "another format or version: convert it first".to_owned(),
        other => format!("cannot use it ({other})"),
    };
    let at = match (issue.line, issue.column) {
        (Some(l), Some(c)) => format!("{l}:{c} "),
        _ => String::new(),
    };
    format!("{at}{} {}: {what}", issue.code, issue.pointer)
}

fn refuse_a_plan_without_biennia(
    mut envelope: Envelope,
    path: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    // `Text::en("")` is refused by its constructor; a required list can
    // still be emptied through its public field, and the writer refuses it.
    envelope.plan.biennia.clear();
    match write_path(path, &envelope) {
        Err(WriteError::Invalid { issues }) => {
            for issue in &issues {
                println!("not written: {} at {}", issue.code, issue.pointer);
            }
            Ok(())
        }
        Err(other) => Err(other.into()),
        Ok(()) => Err("a plan without biennia was written".into()),
    }
}
