//! The command line, as clap definitions.

use actionplan_model::DateOrMonth;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use time::Date;

/// Reads `--as-of`: a day, or a month meaning its last day.
fn parse_as_of(text: &str) -> Result<Date, String> {
    text.parse::<DateOrMonth>()
        .map(DateOrMonth::latest)
        .map_err(|e| match year_outside_range(text) {
            Some(year) => format!(
                "the year {year} is outside the years this tool reads, 1000 to 9999: write a date such as 2016-07-31"
            ),
            None => e.to_string(),
        })
}

/// The year of a `YYYY-MM` or `YYYY-MM-DD` text whose year is outside
/// 1000–9999, the one reason such a text of the right form is refused.
fn year_outside_range(text: &str) -> Option<u32> {
    let mut parts = text.split('-');
    let year = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let shaped = matches!(rest.len(), 1 | 2)
        && rest
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped || year.is_empty() || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = year.parse().ok()?;
    (!(1000..=9999).contains(&y)).then_some(y)
}

/// Validate, evaluate and report on ILO action plan exchange files.
///
/// Every command reads an exchange file (JSON, format `actionplan` 1.0; the
/// schema is printed by `actionplan schema`). Output never depends on the
/// clock: without `--as-of`, a file is evaluated as of its latest progress
/// report.
///
/// Exit codes: 0 success, 1 the input is invalid (or not canonical, for
/// `fmt --check`), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(
    name = "actionplan",
    version,
    propagate_version = true,
    disable_help_subcommand = true
)]
#[command(
    after_help = "Examples:\n  actionplan validate docs/examples/sme-action-plan-2016.json\n  actionplan report docs/examples/sme-action-plan-2016.json --format html -o report.html\n  actionplan evaluate plan.json --as-of 2016-07-31 --format json"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[allow(
    clippy::doc_markdown,
    reason = "doc comments are clap's help text, printed as written"
)]
pub enum Command {
    /// Check files against the schema and the rules; print every issue.
    ///
    /// Each issue shows file:line:column, the JSON pointer, the rule id and
    /// the offending line with a marker.
    #[command(
        after_help = "Examples:\n  actionplan validate plan.json\n  actionplan validate a.json b.json --format json"
    )]
    Validate(ValidateArgs),
    /// Evaluate every indicator as of a date, with roll-ups.
    #[command(
        after_help = "Examples:\n  actionplan evaluate plan.json\n  actionplan evaluate plan.json --as-of 2017-12-31 --format json"
    )]
    Evaluate(EvaluateArgs),
    /// Render the "planned results vs. achievements" report.
    #[command(
        after_help = "Examples:\n  actionplan report plan.json --format md\n  actionplan report plan.json --format html -o report.html\n  actionplan report plan.json --as-of 2016-07 --format csv -o report.csv"
    )]
    Report(ReportArgs),
    /// Show the funding picture: statuses, gaps, waiting work, portfolios,
    /// totals, budget and delivery.
    #[command(
        after_help = "Examples:\n  actionplan funding plan.json\n  actionplan funding plan.json --as-of 2016-07-31 --format json\n  actionplan funding plan.json --currency USD"
    )]
    Funding(FundingArgs),
    /// Show what changed between two files: statuses, completions,
    /// deadlines, new figures.
    #[command(
        after_help = "Examples:\n  actionplan diff plan-2016.json plan-2017.json\n  actionplan diff old.json new.json --format json"
    )]
    Diff(DiffArgs),
    /// Rewrite a file in canonical form (written atomically, keeping its
    /// permissions and symbolic links), or check it.
    #[command(
        after_help = "Examples:\n  actionplan fmt plan.json\n  actionplan fmt plan.json --check"
    )]
    Fmt(FmtArgs),
    /// Print the published JSON Schema of the exchange format (the current
    /// version, 1.1; every 1.0 file is also valid 1.1).
    #[command(after_help = "Example:\n  actionplan schema > actionplan-1.1.schema.json")]
    Schema,
    /// Write a synthetic exchange file, for testing and benchmarking.
    ///
    /// The file is valid and realistic (items across categories and
    /// biennia, every kind of measure, yearly progress reports, funding) but
    /// invented: never mistake it for a real plan. The same indicators,
    /// seed and format version always give the same bytes; about 3.4 KB per
    /// indicator (3.9 KB in format 1.1).
    #[command(
        after_help = "Examples:\n  actionplan generate --indicators 1000 -o plan-1k.json\n  actionplan generate --indicators 100000 --seed 7 > plan-100k.json\n  actionplan generate --indicators 1000 --format-version 1.1 -o plan-1k-v1.1.json"
    )]
    Generate(GenerateArgs),
    /// Write a workbook (XLSX) of a plan for the people who report progress.
    ///
    /// Sheets: the plan, each progress report, `Progress` (one row per
    /// indicator, the entry columns open, the rest locked) and a hidden
    /// sheet that ties the workbook to the plan. Fill in `Progress`, then
    /// read it back with `actionplan import`.
    #[command(after_help = "Examples:\n  actionplan export plan.json --format xlsx -o plan.xlsx")]
    Export(ExportArgs),
    /// Read a filled workbook's `Progress` sheet as a new progress report.
    ///
    /// Writes a new exchange file with the report appended; the input file
    /// is only changed with --in-place. Every mistake is listed with its
    /// cell (`Progress!H12`), and nothing is written unless there is none.
    #[command(
        after_help = "Examples:\n  actionplan import plan.json plan.xlsx --report-id gb-331 --as-of 2017-07-31 -o plan-2017.json\n  actionplan import plan.json plan.xlsx --report-id gb-331 --as-of 2017-07 --in-place"
    )]
    Import(ImportArgs),
    /// Explain an issue code: the rule, why it exists, and a failing and a
    /// passing snippet.
    ///
    /// Every issue `validate` prints carries a code (`AP005`,
    /// `schema/type`, `syntax/eof` …); without a code, every code is
    /// listed.
    #[command(
        after_help = "Examples:\n  actionplan explain AP005\n  actionplan explain schema/type\n  actionplan explain"
    )]
    Explain(ExplainArgs),
    /// Print the help of the command or of one subcommand.
    #[command(after_help = "Examples:\n  actionplan help\n  actionplan help report")]
    Help(HelpArgs),
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The exchange file, e.g. `plan.json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The workbook format: `xlsx` (Excel's, which Calc also opens).
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx)]
    pub format: SheetFormat,
    /// The workbook to write (atomically; the input file is refused).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
}

/// Workbook formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// Office Open XML workbook.
    Xlsx,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("destination").required(true).args(["output", "in_place"])))]
pub struct ImportArgs {
    /// The exchange file the workbook was exported from, e.g. `plan.json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The filled workbook, e.g. `plan.xlsx`.
    #[arg(value_name = "WORKBOOK")]
    pub workbook: PathBuf,
    /// The new report's id, e.g. `gb-331`.
    #[arg(long, value_name = "ID", value_parser = parse_report_id)]
    pub report_id: actionplan_model::ReportId,
    /// The date the report speaks as of: `2017-07-31`, or a month `2017-07`.
    #[arg(long, value_name = "DATE", value_parser = parse_date_or_month)]
    pub as_of: DateOrMonth,
    /// Write the file with the new report here (atomically).
    #[arg(short = 'o', long = "output", value_name = "NEW")]
    pub output: Option<PathBuf>,
    /// Write the new report into FILE itself instead of a new file.
    #[arg(long)]
    pub in_place: bool,
}

fn parse_report_id(text: &str) -> Result<actionplan_model::ReportId, String> {
    text.parse()
        .map_err(|e: actionplan_model::IdError| e.to_string())
}

fn parse_date_or_month(text: &str) -> Result<DateOrMonth, String> {
    text.parse::<DateOrMonth>().map_err(|e| e.to_string())
}

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The issue code, e.g. `AP005`, `schema/type` (or just `type`).
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

/// Arguments of `help`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The subcommand to explain, e.g. `report`.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many indicators the plan has: 100 to 1000000.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(100..=1_000_000))]
    pub indicators: u64,
    /// The seed: another seed gives another plan of the same size.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The format version of the file: `1.0`, or `1.1` for a plan that
    /// also uses what 1.1 adds (a period, units, partners, exchange rates,
    /// budgets and expenditure, dated targets, revisions, splits, evidence).
    #[arg(long, value_enum, value_name = "VERSION", default_value_t = GenerateVersion::V1_0)]
    pub format_version: GenerateVersion,
}

/// The format versions `generate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GenerateVersion {
    /// Format 1.0: only what 1.0 holds.
    #[value(name = "1.0")]
    V1_0,
    /// Format 1.1: the same plan with what 1.1 adds.
    #[value(name = "1.1")]
    V1_1,
}

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The files to check, e.g. `plan.json`.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print issues: `human` (with the offending line) or `json`.
    #[arg(long, value_enum, default_value_t = IssueFormat::Human)]
    pub format: IssueFormat,
    /// Issues shown in full per file; the rest are counted per rule.
    #[arg(long, value_name = "N", default_value_t = actionplan_interchange::ReadOptions::DEFAULT_MAX_ISSUES)]
    pub max_issues: usize,
    /// Refuse a file larger than this many bytes (default 256 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = actionplan_interchange::ReadOptions::DEFAULT_MAX_INPUT_BYTES)]
    pub max_input_bytes: u64,
}

/// How `validate` prints issues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[allow(
    clippy::doc_markdown,
    reason = "doc comments are clap's help text, printed as written"
)]
pub enum IssueFormat {
    /// For people: file:line:column, pointer, rule id, the line and a marker.
    Human,
    /// One JSON document listing every file and its issues.
    Json,
}

/// Arguments of `evaluate` and `funding`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// The exchange file, e.g. `plan.json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The date to evaluate as of: `2016-07-31`, or a month `2016-07`
    /// meaning its last day. Default: the latest report's as-of date.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// `table` for people, `json` for tools.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// Arguments of `funding`.
#[derive(Debug, Args)]
pub struct FundingArgs {
    /// The file, date and format, as for `evaluate`.
    #[command(flatten)]
    pub common: EvaluateArgs,
    /// Also give the totals in this currency (ISO 4217, e.g. `USD`),
    /// converted only with the exchange rates the file states; where a rate
    /// is missing the totals stay per currency and the output says why.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<actionplan_model::Currency>,
}

/// Table or JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned text columns.
    Table,
    /// Pretty JSON.
    Json,
}

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The exchange file, e.g. `plan.json`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The date to evaluate as of: `2016-07-31`, or a month `2016-07`
    /// meaning its last day. Default: the latest report's as-of date.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// The output format: `md` (Markdown), `html` (one self-contained
    /// file), `csv` (one row per indicator, and per deliverable without
    /// one), `json` or `docx` (Word, the table as Governing Body documents
    /// print it).
    #[arg(long, value_enum)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output: atomically, keeping
    /// its permissions and following a symbolic link. The input file, a file
    /// with other hard links and anything but a regular file (a pipe,
    /// `/dev/null`) are refused; redirect standard output for those.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The language of the texts: `en`, `fr` or `es` (falls back to English).
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Show only the work of this unit of the Office (by its id in the
    /// plan's `units`): the deliverables it leads or contributes to, and
    /// its line of the per-unit summary.
    #[arg(long, value_name = "ID")]
    pub unit: Option<String>,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown.
    Md,
    /// HTML.
    Html,
    /// CSV.
    Csv,
    /// JSON.
    Json,
    /// Word (the table as Governing Body documents print it).
    Docx,
}

/// Languages of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier file.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later file.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// `text` for people, `json` for tools.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

/// Diff output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per change.
    Text,
    /// Pretty JSON.
    Json,
}

/// Arguments of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// The exchange file to rewrite.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Do not write; exit 1 if the file is not in canonical form.
    #[arg(long)]
    pub check: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn report_takes_every_option() {
        let cli = Cli::try_parse_from([
            "actionplan",
            "report",
            "plan.json",
            "--as-of",
            "2016-07",
            "--format",
            "html",
            "-o",
            "out.html",
            "--lang",
            "fr",
        ])
        .unwrap();
        let Command::Report(a) = cli.command else {
            panic!("not report: {cli:?}");
        };
        assert_eq!(a.file, PathBuf::from("plan.json"));
        assert_eq!(
            a.as_of.map(|d| d.to_string()).as_deref(),
            Some("2016-07-31")
        );
        assert_eq!(a.format, ReportFormat::Html);
        assert_eq!(a.output, Some(PathBuf::from("out.html")));
        assert_eq!(a.lang, Lang::Fr);
    }

    #[test]
    fn a_bad_as_of_is_a_usage_error() {
        for bad in ["2016-13", "2016-02-30", "31/07/2016", "yesterday", ""] {
            let e = Cli::try_parse_from(["actionplan", "evaluate", "plan.json", "--as-of", bad])
                .unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::ValueValidation, "{bad}");
            assert_eq!(e.exit_code(), 2);
        }
    }

    #[test]
    fn an_as_of_outside_the_years_read_says_so() {
        for bad in ["0001-01-01", "0999-12", "10000-01-01"] {
            let e = Cli::try_parse_from(["actionplan", "evaluate", "plan.json", "--as-of", bad])
                .unwrap_err();
            let text = e.to_string();
            assert!(text.contains("1000 to 9999"), "{bad}: {text}");
        }
        // Another mistake keeps its own reason.
        let e = Cli::try_parse_from([
            "actionplan",
            "evaluate",
            "plan.json",
            "--as-of",
            "2016-02-30",
        ])
        .unwrap_err();
        assert!(!e.to_string().contains("1000 to 9999"), "{e}");
    }

    #[test]
    fn help_takes_help_like_every_subcommand() {
        let text = help(&["help", "--help"]);
        assert!(text.contains("actionplan help report"), "{text}");
        let text = help(&["help", "report"]);
        assert!(text.contains("--format"), "{text}");
        assert_eq!(help(&["help"]), help(&["--help"]));
    }

    #[test]
    fn report_needs_a_format() {
        let e = Cli::try_parse_from(["actionplan", "report", "plan.json"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn defaults_never_depend_on_the_clock() {
        let cli = Cli::parse_from(["actionplan", "evaluate", "plan.json"]);
        let Command::Evaluate(a) = cli.command else {
            panic!("not evaluate: {cli:?}");
        };
        assert_eq!(a.as_of, None);
        assert_eq!(a.format, TableFormat::Table);

        let cli = Cli::parse_from(["actionplan", "funding", "plan.json", "--format", "json"]);
        let Command::Funding(a) = cli.command else {
            panic!("not funding: {cli:?}");
        };
        assert_eq!(a.common.format, TableFormat::Json);
        assert_eq!(a.currency, None);
    }

    #[test]
    fn validate_takes_several_files() {
        let cli = Cli::parse_from([
            "actionplan",
            "validate",
            "a.json",
            "b.json",
            "--format",
            "json",
        ]);
        let Command::Validate(a) = cli.command else {
            panic!("not validate: {cli:?}");
        };
        assert_eq!(a.files, [PathBuf::from("a.json"), PathBuf::from("b.json")]);
        assert_eq!(a.format, IssueFormat::Json);
        assert_eq!(a.max_issues, 200);
        assert_eq!(a.max_input_bytes, 256 * 1024 * 1024);
        assert!(Cli::try_parse_from(["actionplan", "validate"]).is_err());
        let cli = Cli::parse_from([
            "actionplan",
            "validate",
            "a.json",
            "--max-issues",
            "5",
            "--max-input-bytes",
            "1000",
        ]);
        let Command::Validate(a) = cli.command else {
            panic!("not validate: {cli:?}");
        };
        assert_eq!((a.max_issues, a.max_input_bytes), (5, 1000));
    }

    #[test]
    fn diff_fmt_and_schema() {
        let cli = Cli::parse_from(["actionplan", "diff", "old.json", "new.json"]);
        let Command::Diff(a) = cli.command else {
            panic!("not diff: {cli:?}");
        };
        assert_eq!(
            (a.old, a.new, a.format),
            (
                PathBuf::from("old.json"),
                PathBuf::from("new.json"),
                DiffFormat::Text
            )
        );
        let cli = Cli::parse_from(["actionplan", "fmt", "--check", "plan.json"]);
        let Command::Fmt(a) = cli.command else {
            panic!("not fmt: {cli:?}");
        };
        assert!(a.check);
        assert!(matches!(
            Cli::parse_from(["actionplan", "schema"]).command,
            Command::Schema
        ));
        assert!(Cli::try_parse_from(["actionplan", "schema", "extra"]).is_err());
    }

    /// The help text `args` print, as the command prints it.
    fn help(args: &[&str]) -> String {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = crate::run(
            std::iter::once("actionplan").chain(args.iter().copied()),
            &mut out,
            &mut err,
        );
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn help_explains_every_option_with_an_example() {
        let cli = Cli::command();
        let top = help(&["--help"]);
        assert!(top.contains("Example"), "{top}");
        for sub in cli.get_subcommands() {
            let name = sub.get_name();
            assert!(top.contains(name), "`{name}` missing from --help");
            let text = help(&[name, "--help"]);
            assert!(text.contains("Example"), "{name} --help has no example");
            assert!(
                text.contains(&format!("actionplan {name}")),
                "{name} --help: the example does not run `actionplan {name}`"
            );
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if let Some(long) = arg.get_long() {
                    assert!(
                        text.contains(&format!("--{long}")),
                        "{name} --help does not mention --{long}"
                    );
                } else if arg.is_positional() {
                    let value = arg
                        .get_value_names()
                        .and_then(|v| v.first())
                        .map_or_else(|| id.to_uppercase(), ToString::to_string);
                    // An optional one is shown in brackets.
                    assert!(
                        text.contains(&format!("<{value}>"))
                            || text.contains(&format!("[{value}]")),
                        "{name} --help does not mention <{value}>"
                    );
                }
                if !matches!(id, "help" | "version") {
                    assert!(
                        arg.get_help().is_some() || arg.get_long_help().is_some(),
                        "{name}: argument `{id}` has no help text"
                    );
                }
            }
        }
    }
}
