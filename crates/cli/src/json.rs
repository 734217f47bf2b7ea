//! A command's JSON output.

use crate::failure::Failure;
use serde::Serialize;

/// Appends `value` as pretty JSON and a newline to `out`.
///
/// Our result types serialize without failing (string keys, no fallible
/// `Serialize` impl); should one ever fail, the command says so with exit
/// 2 instead of printing nothing and succeeding.
pub fn pretty(value: &impl Serialize, out: &mut String) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::io(format!("cannot write the JSON output: {e}")))?;
    out.push_str(&text);
    out.push('\n');
    Ok(())
}
