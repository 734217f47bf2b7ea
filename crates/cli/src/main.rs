//! The `actionplan` binary: see the `actionplan_cli` library.

fn main() -> std::process::ExitCode {
    actionplan_cli::run_process()
}
