//! `actionplan diff OLD NEW`.

use crate::args::{DiffArgs, DiffFormat};
use crate::failure::Failure;
use crate::failure::source_of;
use crate::load::{as_of, load};
use actionplan_funding::PlanFundingAnswer;
use actionplan_indicators::{Policy, evaluate};
use actionplan_report::diff::{Snapshot, diff, render_text};

/// Prints what changed from OLD to NEW, each evaluated as of its own latest report.
pub fn run(args: &DiffArgs, out: &mut String) -> Result<u8, Failure> {
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let eval = |env: &actionplan_interchange::Envelope, path: &std::path::Path| {
        // `as_of` would suggest `--as-of`, which `diff` does not take.
        let date = as_of(None, env).map_err(|_| {
            Failure::invalid(format!(
                "{}: the file has no progress report, so there is nothing to compare",
                path.display()
            ))
        })?;
        evaluate(
            &env.plan,
            &env.reports,
            date,
            &Policy::default(),
            &PlanFundingAnswer::new(&env.plan, date),
        )
        .map_err(|e| Failure::invalid(format!("{}: {e}: {}", path.display(), source_of(&e))))
    };
    let old_eval = eval(&old, &args.old)?;
    let new_eval = eval(&new, &args.new)?;
    let d = diff(
        Snapshot::new(&old.plan, &old.reports, &old_eval),
        Snapshot::new(&new.plan, &new.reports, &new_eval),
    );
    match args.format {
        DiffFormat::Json => {
            let json = serde_json::to_string_pretty(&d)
                .map_err(|e| Failure::io(format!("cannot write the comparison as JSON: {e}")))?;
            out.push_str(&json);
            out.push('\n');
        }
        // Texts from both files reach the terminal: shown escaped.
        DiffFormat::Text => out.push_str(&crate::terminal::escape_terminal(&render_text(&d))),
    }
    Ok(0)
}
