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
//! A deterministic generator of realistic synthetic action plan exchange
//! files, **for testing and benchmarking** the actionplan crates and any
//! other tool that reads the format.
//!
//! A generated file is a valid `actionplan` 1.0 envelope (the interchange
//! reader accepts it and [`actionplan_model::validate`] finds no error)
//! with a plan of the requested number of indicators spread over follow-up
//! items, deliverables, categories and two or three biennia; every kind of
//! measure (milestones, counts with absolute and additional targets and
//! baselines, percentages, money, qualitative judgements); a progress
//! report per year with narratives, observations, forecasts, asserted
//! statuses, footnotes and deliverable progress; and resources (funding
//! sources, resource lines in every state, unfunded requests, portfolios
//! measured by money indicators). Some texts come in French and Spanish
//! beside English.
//!
//! [`Generator::with_shape`] chooses the shape of the file: [`Shape::V1_0`]
//! (the default) or [`Shape::V1_1`], a format 1.1 envelope that also uses
//! what 1.1 adds: the plan's period, items on a year instead of a
//! biennium, spans of deliverables and indicators, units of the Office
//! leading and contributing to work, partners named by the funding
//! sources, exchange rates for sources in francs and euros, approved and
//! spent amounts and periods of resource lines, dated baselines and
//! targets in each cumulation mode, values given per period, splits by sex
//! and country that add up, revisions of deadlines and targets, and
//! evidence. Everything is keyed by index as in 1.0, so a 1.1 file streams
//! in constant memory too, and costs time linear in its indicators.
//!
//! The same `(indicators, seed, shape)` always gives the same bytes; the
//! 1.0 shape's bytes do not depend on the 1.1 code.
//!
//! ```
//! use actionplan_generate::Generator;
//!
//! let generator = Generator::new(100, 7)?;
//! let bytes = generator.to_vec()?;
//! assert_eq!(bytes, Generator::new(100, 7)?.to_vec()?);
//!
//! // The same plan as model values, for tests that work in memory.
//! let (plan, reports) = generator.build()?;
//! assert_eq!(plan.indicators().count(), 100);
//! assert!(actionplan_model::is_valid(&actionplan_model::validate(&plan, &reports)));
//! # Ok::<(), actionplan_generate::Error>(())
//! ```
//!
//! A format 1.1 file of the same plan:
//!
//! ```
//! use actionplan_generate::{Generator, Shape};
//!
//! let generator = Generator::new(100, 7)?.with_shape(Shape::V1_1);
//! let bytes = generator.to_vec()?;
//! assert!(String::from_utf8_lossy(&bytes).contains(r#""version": "1.1""#));
//! let (plan, reports) = generator.build()?;
//! assert!(plan.period.is_some() && !plan.units.is_empty() && !plan.revisions.is_empty());
//! assert!(actionplan_model::is_valid(&actionplan_model::validate(&plan, &reports)));
//! # Ok::<(), actionplan_generate::Error>(())
//! ```
//!
//! # Cost
//!
//! [`Generator::write_json`] streams: every object is generated from its
//! index when it is written and dropped after, so memory stays constant
//! (a few kilobytes beside the writer's buffer) and time is linear in the
//! number of indicators (about 3.4 KB of pretty-printed JSON per
//! indicator). A report entry regenerates the numbers of the indicator it
//! talks about from the indicator's index instead of looking them up.
//!
//! # Randomness
//!
//! Choices come from splitmix64 keyed by (seed, kind of object, index),
//! written out in this crate instead of depending on `rand`: the output
//! must stay byte-identical for a given seed across dependency upgrades,
//! keying by index is what makes streaming possible, and twenty lines keep
//! the dependency tree to the model and `serde_json`.
#![warn(missing_docs)]

mod format11;
mod layout;
mod plan;
mod reports;
mod resources;
mod rng;
mod spec;
mod stream;
mod words;

use actionplan_model::{ActionPlan, Biennium, ProgressReport, YearMonth};
use std::io;

/// The fewest indicators a generated plan has: enough for every kind of
/// measure, resource line and report entry to appear.
pub const MIN_INDICATORS: u64 = 100;

/// The most indicators a generated plan has (about 3.4 GB of JSON).
pub const MAX_INDICATORS: u64 = 1_000_000;

/// Why a file could not be generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The number of indicators asked for is outside
    /// [`MIN_INDICATORS`]`..=`[`MAX_INDICATORS`].
    #[error("cannot generate {given} indicators: ask for {MIN_INDICATORS} to {MAX_INDICATORS}")]
    Indicators {
        /// The number asked for.
        given: u64,
    },
    /// Writing the output failed.
    #[error("cannot write the generated file")]
    Write(#[source] io::Error),
    /// The model refused a value the generator built: a bug in this crate.
    #[error("the generator built an invalid value ({0}); please report this bug")]
    Internal(String),
}

impl Error {
    fn internal(e: impl std::fmt::Display) -> Self {
        Error::Internal(e.to_string())
    }
}

/// Parses `s` as an id (or any value with a checked grammar).
fn id<T: std::str::FromStr>(s: &str) -> Result<T, Error>
where
    T::Err: std::fmt::Display,
{
    s.parse().map_err(Error::internal)
}

/// The shape of a generated file: which version of the exchange format it
/// is written in, and so which members it uses.
///
/// New shapes may be added (a later minor version of the format), so a
/// `match` on it needs a wildcard arm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// A format 1.0 envelope: only what 1.0 holds (the default).
    #[default]
    V1_0,
    /// A format 1.1 envelope: the 1.0 plan with what 1.1 adds (see the
    /// crate's documentation).
    V1_1,
}

impl Shape {
    /// The format version the shape is written in: `1.0` or `1.1`.
    pub fn version(self) -> &'static str {
        match self {
            Shape::V1_0 => "1.0",
            Shape::V1_1 => "1.1",
        }
    }
}

/// A generator of one synthetic file, fixed by its number of indicators,
/// its seed and its [`Shape`].
#[derive(Clone, Debug)]
pub struct Generator {
    seed: u64,
    shape: Shape,
    indicators: u64,
    deliverables: u64,
    items: u64,
    /// The plan's first year (even, as biennia start in even years).
    first_year: i32,
    biennia: Vec<Biennium>,
    /// January of the first year: month offsets count from here.
    start: YearMonth,
    /// One report per year of the plan.
    reports: u64,
    /// Footnotes per report.
    footnotes: u64,
    /// Extra-budgetary partners.
    partners: u64,
}

impl Generator {
    /// A generator of a plan with `indicators` indicators, from `seed`.
    ///
    /// # Errors
    ///
    /// [`Error::Indicators`] outside [`MIN_INDICATORS`]`..=`[`MAX_INDICATORS`].
    pub fn new(indicators: u64, seed: u64) -> Result<Self, Error> {
        if !(MIN_INDICATORS..=MAX_INDICATORS).contains(&indicators) {
            return Err(Error::Indicators { given: indicators });
        }
        let mut rng = rng::Rng::new(seed, rng::Stream::Plan, 0);
        let first_year = i32::try_from(rng.below(8))
            .unwrap_or(0)
            .saturating_mul(2)
            .saturating_add(2010);
        let mut biennia = Vec::new();
        for b in 0..rng.range(2, 3) {
            let year = i32::try_from(b).unwrap_or(0).saturating_mul(2);
            biennia.push(
                Biennium::starting(first_year.saturating_add(year)).map_err(Error::internal)?,
            );
        }
        let start: YearMonth = id(&format!("{first_year}-01"))?;
        let (deliverables, items) = layout::count(seed, indicators);
        Ok(Generator {
            seed,
            shape: Shape::V1_0,
            indicators,
            deliverables,
            items,
            first_year,
            reports: (biennia.len() as u64).saturating_mul(2),
            biennia,
            start,
            footnotes: indicators.checked_div(250).unwrap_or(0).saturating_add(3),
            partners: indicators
                .checked_div(2000)
                .unwrap_or(0)
                .saturating_add(2)
                .min(60),
        })
    }

    /// The same plan in `shape` ([`Shape::V1_0`] unless set).
    ///
    /// ```
    /// use actionplan_generate::{Generator, Shape};
    /// let generator = Generator::new(100, 1)?.with_shape(Shape::V1_1);
    /// assert_eq!(generator.shape(), Shape::V1_1);
    /// # Ok::<(), actionplan_generate::Error>(())
    /// ```
    #[must_use]
    pub fn with_shape(mut self, shape: Shape) -> Self {
        self.shape = shape;
        self
    }

    /// The shape of the file.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// Whether the file is of the format 1.1 shape.
    pub(crate) fn is_1_1(&self) -> bool {
        self.shape == Shape::V1_1
    }

    /// The number of indicators of the plan.
    pub fn indicators(&self) -> u64 {
        self.indicators
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Writes the exchange file (pretty-printed like the canonical form,
    /// ending with a newline) to `writer`, streaming: memory does not grow
    /// with the plan. Wrap a file in a `BufWriter`.
    ///
    /// # Errors
    ///
    /// [`Error::Write`] when the writer fails.
    pub fn write_json<W: io::Write>(&self, mut writer: W) -> Result<(), Error> {
        serde_json::to_writer_pretty(&mut writer, &stream::EnvelopeOut(self)).map_err(|e| {
            if e.is_io() {
                Error::Write(io::Error::from(e))
            } else {
                Error::internal(e)
            }
        })?;
        writer.write_all(b"\n").map_err(Error::Write)
    }

    /// The exchange file as bytes.
    ///
    /// # Errors
    ///
    /// Only [`Error::Internal`].
    pub fn to_vec(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        self.write_json(&mut out)?;
        Ok(out)
    }

    /// The plan and its reports as model values: what reading the bytes of
    /// [`Generator::write_json`] gives. Holds everything in memory.
    ///
    /// # Errors
    ///
    /// Only [`Error::Internal`].
    pub fn build(&self) -> Result<(ActionPlan, Vec<ProgressReport>), Error> {
        let mut plan = self.plan_head()?;
        plan.items = self.items().collect::<Result<_, _>>()?;
        plan.deliverables = self.deliverables().collect::<Result<_, _>>()?;
        plan.resources.sources = self.sources().collect::<Result<_, _>>()?;
        plan.resources.lines = self.lines().collect::<Result<_, _>>()?;
        plan.resources.requests = self.requests().collect::<Result<_, _>>()?;
        plan.resources.portfolios = self.portfolios().collect::<Result<_, _>>()?;
        if self.is_1_1() {
            plan.resources.exchange_rates = self.exchange_rates()?;
            plan.dimensions = Self::dimensions()?;
            plan.units = self.units().collect::<Result<_, _>>()?;
            plan.partners = self.funding_partners().collect::<Result<_, _>>()?;
            plan.revisions = self.revisions().collect::<Result<_, _>>()?;
        }
        let mut reports = Vec::new();
        for r in 0..self.reports {
            let mut report = self.report_head(r)?;
            report.indicators = self.entries(r).collect::<Result<_, _>>()?;
            report.deliverables = self.deliverable_entries(r).collect::<Result<_, _>>()?;
            reports.push(report);
        }
        Ok((plan, reports))
    }

    /// The month `offset` months after the plan's first January.
    fn month(&self, offset: u64) -> Result<YearMonth, Error> {
        let n = i32::try_from(offset).map_err(Error::internal)?;
        self.start.add_months(n).map_err(Error::internal)
    }

    /// The biennium at `index` in the plan's list.
    fn biennium(&self, index: u64) -> Result<Biennium, Error> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.biennia.get(i))
            .copied()
            .ok_or_else(|| Error::Internal(format!("no biennium {index}")))
    }
}

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
