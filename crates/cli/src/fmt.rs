//! `actionplan fmt FILE [--check]`.

use crate::args::FmtArgs;
use crate::diagnostics;
use crate::failure::Failure;
use crate::load::read_text;
use actionplan_interchange::{check_str, to_canonical_string, write_path};
use std::fmt::Write as _;

/// Rewrites the file in canonical form, or checks that it is.
pub fn run(args: &FmtArgs, out: &mut String) -> Result<u8, Failure> {
    let path = &args.file;
    let text = read_text(path)?;
    let checked = check_str(&text);
    // Formatting needs a readable file, not a semantically valid one.
    let Some(envelope) = checked.envelope else {
        let index = actionplan_interchange::LineIndex::new(&text);
        let rendered: Vec<String> = checked
            .report
            .errors()
            .map(|i| diagnostics::render(path, Some(&index), i))
            .collect();
        return Err(Failure::invalid(format!(
            "{}\n{}: cannot be formatted until these errors are corrected",
            rendered.join("\n"),
            path.display()
        )));
    };
    let canonical = to_canonical_string(&envelope);
    let display = path.display();
    if canonical == text {
        let _ = writeln!(out, "{display}: already in canonical form");
        return Ok(0);
    }
    if args.check {
        return Err(Failure::invalid(format!(
            "{display}: not in canonical form; run `actionplan fmt {display}` to rewrite it"
        )));
    }
    write_path(path, &envelope).map_err(|e| crate::output::write_failure(&e, false))?;
    let _ = writeln!(out, "{display}: rewritten in canonical form");
    Ok(0)
}
