//! The `actionplan` command: validate, evaluate, report on, account for,
//! compare and format ILO action plan exchange files.
//!
//! This crate is a thin consumer of `actionplan-interchange` (files),
//! `actionplan-indicators` (evaluation), `actionplan-funding` (money) and
//! `actionplan-report` (rendering). The binary's `main` only calls
//! [`run_process`]; everything is here so that tests and other programs can
//! drive the command without a process, through [`run`]:
//!
//! ```
//! let mut out = Vec::new();
//! let mut err = Vec::new();
//! let code = actionplan_cli::run(["actionplan", "schema"], &mut out, &mut err);
//! assert_eq!(code, 0);
//! assert_eq!(out, actionplan_interchange::schema_string().as_bytes());
//! ```
//!
//! Exit codes: 0 success; 1 invalid input (or a file not in canonical form
//! under `fmt --check`); 2 usage or I/O error.
//!
//! Dependencies beyond the actionplan crates: `clap` for the command line
//! (derive, with help text and examples for every option) and
//! `annotate-snippets` to draw the offending line of a file under each
//! diagnostic, as rustc does, instead of hand-rolled column arithmetic;
//! on Unix, `signal-hook` (iterator only) so that SIGINT, SIGTERM and
//! SIGHUP remove the temporary file of a write in progress: its handler
//! runs on an ordinary thread where removing a file is safe, and it pulls
//! only `libc` and `signal-hook-registry` (`ctrlc` would pull more).
//!
//! Spreadsheets and Word (`export`, `import`, `report --format docx`) go
//! through `actionplan-spreadsheet`; `import` writes a new file unless
//! `--in-place` is given, and nothing at all when a cell is wrong.
//!
//! Writing files (`fmt`, `report -o`, `export -o`, `import`): atomic, keeping permissions, owner
//! and symbolic links; the input file, hard-linked files and anything but
//! a regular file are refused with exit 2 (see `docs/robustness.md`).
//! Every text from a file shown in a table is escaped for the terminal.
#![warn(missing_docs)]
// No input may make the command panic: arithmetic is checked, lookups are
// `get`, and failures are values. Tests may still unwrap.
#![cfg_attr(
    not(test),
    deny(
        clippy::arithmetic_side_effects,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

mod args;
mod diagnostics;
mod diff;
mod evaluate;
mod explain;
mod export;
mod failure;
mod fmt;
mod funding;
mod generate;
mod import;
mod json;
mod load;
mod output;
mod report;
mod table;
mod terminal;
mod validate;

use args::{Cli, Command};
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

/// The program as the `actionplan` binary runs it: the process's arguments,
/// standard output and standard error, and removal of a write's temporary
/// file when the process is interrupted (SIGINT, SIGTERM, SIGHUP on Unix).
///
/// For the binary's `main` only: it takes the process's signals, which a
/// program that embeds the command must not lose; such a program calls
/// [`run`].
pub fn run_process() -> ExitCode {
    output::clean_up_on_signals();
    let code = run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}

/// Runs the command line `args` (program name first), writing output to
/// `out` and diagnostics to `err`; returns the exit code (0 success, 1
/// invalid input, 2 usage or I/O error).
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let code = u8::try_from(e.exit_code()).unwrap_or(2);
            let _ = if e.use_stderr() {
                err.write_all(text.as_bytes())
            } else {
                out.write_all(text.as_bytes())
            };
            return code;
        }
    };
    let mut text = String::new();
    let result = match &cli.command {
        Command::Validate(a) => validate::run(a, &mut text),
        Command::Evaluate(a) => evaluate::run(a, &mut text),
        Command::Report(a) => report::run(a, out),
        Command::Funding(a) => funding::run(a, &mut text),
        Command::Diff(a) => diff::run(a, &mut text),
        Command::Fmt(a) => fmt::run(a, &mut text),
        Command::Generate(a) => generate::run(a, out),
        Command::Export(a) => export::run(a, &mut text),
        Command::Import(a) => import::run(a, &mut text),
        Command::Schema => {
            text.push_str(actionplan_interchange::schema_string());
            Ok(0)
        }
        Command::Explain(a) => explain::run(a, &mut text),
        Command::Help(a) => help(a.command.as_deref(), &mut text),
    };
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // A closed pipe (`actionplan report … | head`) is not worth a panic.
        return 2;
    }
    match result {
        Ok(code) => code,
        Err(f) => {
            let _ = writeln!(err, "{}", f.message.trim_end());
            f.code
        }
    }
}

/// `actionplan help [COMMAND]`: the help `--help` prints, of the command or
/// of one subcommand. A subcommand of our own rather than clap's, so that
/// `actionplan help --help` works like every other subcommand's `--help`.
fn help(command: Option<&str>, out: &mut String) -> Result<u8, failure::Failure> {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    let text = match command {
        None => cli.render_long_help(),
        Some(name) => match cli.find_subcommand_mut(name) {
            Some(sub) => {
                let mut sub = sub.clone().bin_name(format!("actionplan {name}"));
                sub.render_long_help()
            }
            None => {
                return Err(failure::Failure::usage(format!(
                    "`{}` is not a command of actionplan; run `actionplan help` for the list",
                    terminal::escape_line(name)
                )));
            }
        },
    };
    out.push_str(&text.to_string());
    Ok(0)
}

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
