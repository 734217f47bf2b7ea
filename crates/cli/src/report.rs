//! `actionplan report FILE --format md|html|csv|json|docx [-o OUT]`.

use crate::args::{Lang, ReportArgs, ReportFormat};
use crate::failure::Failure;
use crate::load::assess_file;
use crate::output::write_atomically_with;
use actionplan_model::{ActionPlan, Language, UnitId};
use actionplan_report::{Format, Options, build, render_to};

/// The unit `--unit` names, when the plan declares it; otherwise a usage
/// error that lists the units the plan declares.
fn declared_unit(plan: &ActionPlan, id: &str) -> Result<UnitId, Failure> {
    if let Some(u) = plan.units.iter().find(|u| u.id.as_str() == id) {
        return Ok(u.id.clone());
    }
    let declared: Vec<&str> = plan.units.iter().map(|u| u.id.as_str()).collect();
    let known = if declared.is_empty() {
        "the plan declares no units".to_owned()
    } else {
        format!("the plan declares: {}", declared.join(", "))
    };
    Err(Failure::usage(
        crate::terminal::escape_terminal(&format!("--unit {id}: no such unit; {known}"))
            .into_owned(),
    ))
}

/// Renders the report to standard output or to `-o OUT`.
pub fn run(args: &ReportArgs, out: &mut dyn std::io::Write) -> Result<u8, Failure> {
    // Refused before any work, and again just before writing.
    if let Some(path) = &args.output {
        crate::output::refuse_input(path, &args.file)?;
    }
    let (envelope, a) = assess_file(&args.file, args.as_of)?;
    let language = match args.lang {
        Lang::En => Language::En,
        Lang::Fr => Language::Fr,
        Lang::Es => Language::Es,
    };
    let mut options = Options::in_language(language);
    if let Some(unit) = &args.unit {
        options = options.for_unit(declared_unit(&envelope.plan, unit)?);
    }
    let view = build(
        &envelope.plan,
        &envelope.reports,
        &a.evaluation,
        &a.funding,
        &options,
    );
    let format = match args.format {
        ReportFormat::Docx => return write_docx(args, &view, out),
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
    };
    // Rendered straight into the file or standard output: a report of a
    // large plan (CSV repeats a deliverable's text on each of its rows) is
    // never held whole in memory.
    match &args.output {
        Some(path) => {
            write_atomically_with(path, &args.file, &mut |w| render_to(&view, format, w))?;
        }
        None => render_to(&view, format, out)
            .and_then(|()| out.flush())
            .map_err(|e| Failure::io(format!("cannot write the report: {e}")))?,
    }
    Ok(0)
}

/// The Word document: a zip package, built whole and then written.
fn write_docx(
    args: &ReportArgs,
    view: &actionplan_report::ReportView<'_>,
    out: &mut dyn std::io::Write,
) -> Result<u8, Failure> {
    let bytes =
        actionplan_spreadsheet::docx::render_docx(view).map_err(|e| Failure::io(e.to_string()))?;
    match &args.output {
        Some(path) => write_atomically_with(path, &args.file, &mut |w| w.write_all(&bytes))?,
        None => out
            .write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Failure::io(format!("cannot write the report: {e}")))?,
    }
    Ok(0)
}
