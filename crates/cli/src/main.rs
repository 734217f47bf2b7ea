//! The `actionplan` binary: see the `actionplan_cli` library.

use std::process::ExitCode;

fn main() -> ExitCode {
    actionplan_cli::clean_up_on_signals();
    let code = actionplan_cli::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
