//! Validates exchange files and prints every issue:
//! `cargo run -p actionplan-interchange --example validate -- FILE...`

fn main() -> std::process::ExitCode {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        match actionplan_interchange::validate_path(&path) {
            Ok(report) => {
                for issue in &report.issues {
                    println!("{path}:{issue}");
                }
                failed |= report.has_errors();
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    }
}
