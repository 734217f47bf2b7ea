//! `actionplan export FILE --format xlsx -o OUT`.

use crate::args::{ExportArgs, SheetFormat};
use crate::failure::Failure;
use crate::load::load;
use crate::output::write_atomically_with;
use std::fmt::Write as _;

/// Writes the workbook of the file.
pub fn run(args: &ExportArgs, out: &mut String) -> Result<u8, Failure> {
    crate::output::refuse_input(&args.output, &args.file)?;
    let envelope = load(&args.file)?;
    let bytes = match args.format {
        SheetFormat::Xlsx => actionplan_spreadsheet::export_xlsx(&envelope)
            .map_err(|e| Failure::invalid(format!("{}: {e}", args.file.display())))?,
    };
    write_atomically_with(&args.output, &args.file, &mut |w| w.write_all(&bytes))?;
    let _ = writeln!(
        out,
        "{}: workbook written; fill in the sheet `Progress`, then run `actionplan import {} {} --report-id ID --as-of DATE -o NEW.json`",
        args.output.display(),
        args.file.display(),
        args.output.display()
    );
    Ok(0)
}
