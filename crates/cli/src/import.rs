//! `actionplan import FILE WORKBOOK --report-id ID --as-of DATE (-o NEW | --in-place)`.

use crate::args::ImportArgs;
use crate::failure::Failure;
use crate::load::load;
use actionplan_interchange::{ReadError, ReadOptions, read_bytes, write_path};
use actionplan_spreadsheet::{ImportError, import_xlsx};
use std::fmt::Write as _;

/// Reads the workbook's `Progress` sheet as a new report and writes the
/// file with it appended; writes nothing when any cell is wrong.
pub fn run(args: &ImportArgs, out: &mut String) -> Result<u8, Failure> {
    let target = match (&args.output, args.in_place) {
        (Some(path), _) => {
            crate::output::refuse_input(path, &args.file)?;
            crate::output::refuse_input(path, &args.workbook)?;
            path
        }
        (None, _) => &args.file,
    };
    let mut envelope = load(&args.file)?;
    let workbook = read_bytes(&args.workbook, &ReadOptions::default()).map_err(|e| match e {
        ReadError::Io { source, .. } => {
            Failure::io(format!("cannot read {}: {source}", args.workbook.display()))
        }
        other => Failure::invalid(format!("{}: {other}", args.workbook.display())),
    })?;
    let report = import_xlsx(&envelope, &workbook, args.report_id.clone(), args.as_of).map_err(
        |e| match e {
            ImportError::Problems { problems } => {
                let mut text = String::new();
                for p in &problems {
                    let _ = writeln!(
                        text,
                        "{}: {}",
                        args.workbook.display(),
                        crate::terminal::escape_terminal(&p.to_string())
                    );
                }
                let _ = write!(
                    text,
                    "{}: {} problem(s); nothing was written",
                    args.workbook.display(),
                    problems.len()
                );
                Failure::invalid(text)
            }
            other => Failure::invalid(format!("{}: {other}", args.workbook.display())),
        },
    )?;
    let entries = report.indicators.len();
    envelope.reports.push(report);
    write_path(target, &envelope).map_err(|e| crate::output::write_failure(&e, true))?;
    let _ = writeln!(
        out,
        "{}: report {} as of {} appended, with {entries} indicator entr{}",
        target.display(),
        args.report_id,
        args.as_of,
        if entries == 1 { "y" } else { "ies" }
    );
    Ok(0)
}
