//! `actionplan generate`: a synthetic exchange file, streamed to standard
//! output or to a file, for testing and benchmarking.
//!
//! The file can be gigabytes (a million indicators), so it is streamed to
//! its destination instead of built in memory like other commands' output;
//! a file is written beside its destination and renamed over it at the end,
//! so that a failed run never leaves half a file under the name asked for.

use crate::args::{GenerateArgs, GenerateVersion};
use crate::failure::Failure;
use actionplan_generate::{Generator, Shape};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Runs `generate`, writing the file to `out` unless `--output` names one.
pub fn run(args: &GenerateArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let shape = match args.format_version {
        GenerateVersion::V1_0 => Shape::V1_0,
        GenerateVersion::V1_1 => Shape::V1_1,
    };
    let generator = Generator::new(args.indicators, args.seed)
        .map_err(|e| Failure::usage(e.to_string()))?
        .with_shape(shape);
    match &args.output {
        None => {
            let mut buffered = BufWriter::new(out);
            generator
                .write_json(&mut buffered)
                .map_err(|e| Failure::io(describe(&e)))?;
            buffered
                .flush()
                .map_err(|e| Failure::io(format!("cannot write the generated file: {e}")))?;
        }
        Some(path) => write_file(&generator, path)?,
    }
    Ok(0)
}

fn write_file(generator: &Generator, path: &Path) -> Result<(), Failure> {
    crate::output::check_folder(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial-{}", std::process::id()));
    let failed = |what: String| {
        let _ = fs::remove_file(&partial);
        Failure::io(format!("{}: {what}", path.display()))
    };
    let file = File::create(&partial).map_err(|e| failed(format!("cannot create: {e}")))?;
    let mut buffered = BufWriter::new(file);
    generator
        .write_json(&mut buffered)
        .map_err(|e| failed(describe(&e)))?;
    let file = buffered
        .into_inner()
        .map_err(|e| failed(format!("cannot write: {}", e.error())))?;
    file.sync_all()
        .map_err(|e| failed(format!("cannot write: {e}")))?;
    fs::rename(&partial, path).map_err(|e| failed(format!("cannot write: {e}")))
}

/// The error with its cause, as one line.
fn describe(e: &actionplan_generate::Error) -> String {
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}
