//! `actionplan report FILE --format md|html|csv|json [-o OUT]`.

use crate::args::{Lang, ReportArgs, ReportFormat};
use crate::failure::Failure;
use crate::load::assess_file;
use crate::output::write_atomically;
use actionplan_model::Language;
use actionplan_report::{Format, Options, build, render};

/// Renders the report to standard output or to `-o OUT`.
pub fn run(args: &ReportArgs, out: &mut String) -> Result<u8, Failure> {
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
    let view = build(
        &envelope.plan,
        &envelope.reports,
        &a.evaluation,
        &a.funding,
        &Options::in_language(language),
    );
    let format = match args.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Csv => Format::Csv,
        ReportFormat::Json => Format::Json,
    };
    let text = render(&view, format);
    match &args.output {
        Some(path) => write_atomically(path, &text, &args.file)?,
        None => out.push_str(&text),
    }
    Ok(0)
}
