//! What the format 1.1 shape adds to a generated plan: the plan's period,
//! spans, units, partners, exchange rates, approved and spent amounts,
//! dated baselines and targets with their cumulation, values per period,
//! splits, revisions and evidence.
//!
//! Every choice is drawn from the 1.1 streams of [`Stream`], keyed by the
//! index of the object it belongs to, so a 1.1 file streams like a 1.0 one
//! and the 1.0 shape never draws a number here.

use crate::layout::{ItemSlot, Slot, Slots};
use crate::plan::{date, gb_id};
use crate::reports::symbol;
use crate::resources::PARTNERS;
use crate::rng::{Rng, Stream};
use crate::spec::{Kind, Spec};
use crate::words::{english, trilingual};
use crate::{Error, Generator, id};
use actionplan_model::{
    Baseline, Cumulation, Currency, DateOrMonth, DatedTarget, Decimal, Deliverable, Dimension,
    DimensionKind, DimensionValue, Direction, Evidence, ExchangeRate, FollowUpItem, HttpUrl,
    Indicator, Measure, Money, Observation, OrgUnit, Partner, PartnerId, PartnerKind, Period,
    ResourceLine, ResourceState, Revision, Span, Split, TargetMode, UnitId, ValueObservation, Year,
    YearMonth,
};

/// The portfolios of the Office: the roots of the units' tree.
const PORTFOLIOS: &[(&str, &str)] = &[
    ("ddg-p", "Policy Portfolio (DDG/P)"),
    (
        "ddg-fop",
        "Field Operations and Partnerships Portfolio (DDG/FOP)",
    ),
    ("ddg-mr", "Management and Reform Portfolio (DDG/MR)"),
];

/// The departments, each under a portfolio.
const DEPARTMENTS: &[(&str, &str)] = &[
    ("enterprises", "Enterprises Department (ENTERPRISES)"),
    (
        "governance",
        "Governance and Tripartism Department (GOVERNANCE)",
    ),
    ("employment", "Employment Policy Department (EMPLOYMENT)"),
    ("socpro", "Social Protection Department (SOCPRO)"),
    (
        "workquality",
        "Conditions of Work and Equality Department (WORKQUALITY)",
    ),
    ("sector", "Sectoral Policies Department (SECTOR)"),
    ("research", "Research Department (RESEARCH)"),
    ("statistics", "Department of Statistics (STATISTICS)"),
    (
        "pardev",
        "Partnerships and Field Support Department (PARDEV)",
    ),
    ("act-emp", "Bureau for Employers' Activities (ACT/EMP)"),
    ("actrav", "Bureau for Workers' Activities (ACTRAV)"),
    (
        "normes",
        "International Labour Standards Department (NORMES)",
    ),
];

/// Indicators per department, and the most departments a plan has.
const INDICATORS_PER_UNIT: u64 = 200;
const MAX_DEPARTMENTS: u64 = 200;

/// For each entry of [`PARTNERS`], in its order: the partner's id, its IATI
/// organisation identifier where it has one, its kind and the currency of
/// its contributions.
const PARTNER_DETAILS: &[(&str, Option<&str>, PartnerKind, Currency)] = &[
    (
        "european-union",
        Some("XI-IATI-EC_INTPA"),
        PartnerKind::Multilateral,
        Currency::EUR,
    ),
    (
        "germany",
        Some("DE-1"),
        PartnerKind::MemberState,
        Currency::EUR,
    ),
    (
        "norway",
        Some("NO-BRC-971277882"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    (
        "sweden",
        Some("SE-0"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    (
        "switzerland",
        Some("CH-4"),
        PartnerKind::MemberState,
        Currency::CHF,
    ),
    (
        "netherlands",
        Some("XM-DAC-7"),
        PartnerKind::MemberState,
        Currency::EUR,
    ),
    (
        "japan",
        Some("XM-DAC-701"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    (
        "republic-of-korea",
        None,
        PartnerKind::MemberState,
        Currency::USD,
    ),
    (
        "denmark",
        Some("XM-DAC-3"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    ("finland", None, PartnerKind::MemberState, Currency::EUR),
    (
        "ireland",
        Some("XM-DAC-21"),
        PartnerKind::MemberState,
        Currency::EUR,
    ),
    ("belgium", None, PartnerKind::MemberState, Currency::EUR),
    (
        "united-kingdom",
        Some("GB-GOV-1"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    (
        "canada",
        Some("XM-DAC-301"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    (
        "australia",
        Some("AU-5"),
        PartnerKind::MemberState,
        Currency::USD,
    ),
    ("italy", None, PartnerKind::MemberState, Currency::EUR),
    (
        "spain",
        Some("XM-DAC-50"),
        PartnerKind::MemberState,
        Currency::EUR,
    ),
    ("france", None, PartnerKind::MemberState, Currency::EUR),
    (
        "luxembourg",
        Some("XM-DAC-22"),
        PartnerKind::MemberState,
        Currency::EUR,
    ),
    ("portugal", None, PartnerKind::MemberState, Currency::EUR),
];

/// The partner of the joint research programme (`ilo-wb-research`).
const WORLD_BANK: &str = "world-bank";

/// The values of the country dimension: ISO 3166-1 alpha-2 codes.
const COUNTRIES: &[(&str, &str)] = &[
    ("BD", "Bangladesh"),
    ("BR", "Brazil"),
    ("IN", "India"),
    ("KE", "Kenya"),
    ("PE", "Peru"),
    ("SN", "Senegal"),
    ("VN", "Viet Nam"),
    ("ZA", "South Africa"),
];

/// Exchange rates to USD: currency, rate in ten-thousandths in the plan's
/// first year, and its change per year.
const RATES: &[(Currency, i64, i64)] = &[(Currency::CHF, 10_120, 35), (Currency::EUR, 10_850, -40)];

const DEADLINE_RATIONALES: &[&str] = &[
    "The work was delayed by the late arrival of extra-budgetary resources.",
    "Consultations with the constituents took longer than planned.",
    "The meeting was postponed to allow the preparatory research to be discussed with the constituents.",
];

const TARGET_RATIONALES: &[&str] = &[
    "The target was adjusted to the resources available for the biennium.",
    "The target was aligned with the programme and budget's results framework.",
];

fn int(x: u64) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// `start` moved towards `goal` by `part` thousandths of the way.
fn towards(start: i64, goal: i64, part: i64) -> i64 {
    let moved = goal
        .saturating_sub(start)
        .saturating_mul(part)
        .checked_div(1000)
        .unwrap_or(0);
    start.saturating_add(moved)
}

/// What an indicator has in format 1.1 beside its 1.0 members: how its
/// values add up, its dated targets, whether its baseline is dated, its own
/// span. Regenerated from the indicator's index wherever it is needed.
#[derive(Clone, Copy, Debug)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent choices, each drawn once"
)]
pub(crate) struct Extra {
    pub(crate) cumulation: Cumulation,
    /// Month offset at which the indicator's work starts: its span's
    /// start, else its item's biennium's.
    pub(crate) start: u64,
    /// Whether the indicator has a span of its own (the year of its
    /// deadline).
    pub(crate) own_span: bool,
    /// A dated target before the deadline: its month offset and value (in
    /// the spec's units, as the measure's target reads).
    pub(crate) step: Option<(u64, i64)>,
    /// Whether a dated target at the deadline repeats the final target.
    pub(crate) final_dated: bool,
    /// Whether the dated targets of a count are split by sex.
    pub(crate) split_targets: bool,
    /// Whether the baseline is dated (with a comment and source on some).
    pub(crate) dated_baseline: bool,
}

impl Extra {
    /// The 1.1 members of indicator `g` of `slot`, whose numbers are `spec`.
    pub(crate) fn of(seed: u64, slot: &Slot, g: u64, spec: &Spec) -> Extra {
        let mut rng = Rng::new(seed, Stream::Indicator11, g);
        let item_start = slot.item.biennium.saturating_mul(24);
        let own_span = rng.percent(8);
        let start = if own_span {
            (spec.deadline / 12).saturating_mul(12).max(item_start)
        } else {
            item_start
        };
        let cumulation = match spec.kind {
            Kind::Count {
                mode: TargetMode::Absolute,
                direction: Direction::Increase,
                ..
            } => match rng.below(10) {
                0..=2 => Cumulation::PerPeriod,
                3 | 4 => Cumulation::Level,
                _ => Cumulation::Cumulative,
            },
            Kind::Count { .. } if rng.percent(30) => Cumulation::Level,
            Kind::Percentage { .. } if rng.percent(50) => Cumulation::Level,
            Kind::Money { .. } if rng.percent(20) => Cumulation::Level,
            _ => Cumulation::Cumulative,
        };
        let has_targets = matches!(
            spec.kind,
            Kind::Count { .. } | Kind::Percentage { .. } | Kind::Money { .. }
        );
        let step = match spec.kind {
            // Per period: the per-year target is due at the end of each
            // year before the deadline's.
            Kind::Count { target, .. } if cumulation == Cumulation::PerPeriod => {
                let year_end = start.saturating_add(11);
                (spec.deadline > year_end).then_some((year_end, target))
            }
            _ if has_targets && spec.deadline >= start.saturating_add(4) && rng.percent(50) => {
                let month = start.saturating_add(spec.deadline.saturating_sub(start) / 2);
                let value = match spec.kind {
                    Kind::Count {
                        target,
                        mode: TargetMode::Additional,
                        ..
                    } => target.saturating_sub(target / 2),
                    _ => spec
                        .start_and_goal()
                        .map_or(0, |(from, to)| towards(from, to, 500)),
                };
                Some((month, value))
            }
            _ => None,
        };
        let final_dated = has_targets && rng.percent(40);
        let split_targets = matches!(spec.kind, Kind::Count { .. }) && rng.percent(50);
        let dated_baseline = rng.percent(50);
        Extra {
            cumulation,
            start,
            own_span,
            step,
            final_dated,
            split_targets,
            dated_baseline,
        }
    }
}

/// `value` split by sex, `female` tenths of it (rounded down) to women.
fn sex_split(value: Decimal, female: u64) -> Result<Split, Error> {
    let women = value
        .checked_mul(Decimal::from(female))
        .and_then(|v| v.checked_div(Decimal::TEN))
        .map(|v| v.floor())
        .ok_or_else(|| Error::Internal(format!("cannot split {value}")))?;
    let men = value
        .checked_sub(women)
        .ok_or_else(|| Error::Internal(format!("cannot split {value}")))?;
    let mut split = Split::new(id("sex")?);
    split.values.insert(id("female")?, women);
    split.values.insert(id("male")?, men);
    Ok(split)
}

/// `value` split between two countries drawn from `rng`.
fn country_split(value: Decimal, rng: &mut Rng) -> Result<Split, Error> {
    let n = COUNTRIES.len() as u64;
    let a = rng.below(n);
    let b = a
        .saturating_add(rng.range(1, n.saturating_sub(1)))
        .checked_rem(n)
        .unwrap_or(0);
    let code = |i: u64| {
        usize::try_from(i)
            .ok()
            .and_then(|i| COUNTRIES.get(i))
            .map_or("BR", |(c, _)| c)
    };
    let first = value
        .checked_div(Decimal::TWO)
        .map(|v| v.floor())
        .ok_or_else(|| Error::Internal(format!("cannot split {value}")))?;
    let second = value
        .checked_sub(first)
        .ok_or_else(|| Error::Internal(format!("cannot split {value}")))?;
    let mut split = Split::new(id("country")?);
    split.values.insert(id(code(a))?, first);
    split.values.insert(id(code(b))?, second);
    Ok(split)
}

/// Shares of a percentage by sex: each within 0–100, not summed.
fn sex_shares(value: Decimal, gap: i64) -> Result<Split, Error> {
    let clamp = |v: Option<Decimal>| {
        v.map(|v| v.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED))
            .ok_or_else(|| Error::Internal(format!("cannot split {value}")))
    };
    let gap = Decimal::from(gap);
    let mut split = Split::new(id("sex")?);
    split
        .values
        .insert(id("female")?, clamp(value.checked_add(gap))?);
    split
        .values
        .insert(id("male")?, clamp(value.checked_sub(gap))?);
    Ok(split)
}

impl Generator {
    /// The last month of the plan, as an offset.
    fn last_month(&self) -> u64 {
        (self.biennia.len() as u64)
            .saturating_mul(24)
            .saturating_sub(1)
    }

    /// The plan's period: January of its first year to December of its
    /// last biennium.
    pub(crate) fn period(&self) -> Result<Period, Error> {
        Ok(Period::new(self.start, self.month(self.last_month())?))
    }

    fn year(&self, offset: u64) -> Result<Year, Error> {
        let years = i32::try_from(offset / 12).map_err(Error::internal)?;
        Year::new(self.first_year.saturating_add(years)).map_err(Error::internal)
    }

    /// The number of departments: one per 200 indicators, at least 2.
    fn departments(&self) -> u64 {
        (self.indicators / INDICATORS_PER_UNIT).clamp(2, MAX_DEPARTMENTS)
    }

    /// The id and name of department `d`: the Office's departments, then
    /// teams within them.
    fn department(d: u64) -> (String, String) {
        let n = DEPARTMENTS.len() as u64;
        let (slug, name) = usize::try_from(d.checked_rem(n).unwrap_or(0))
            .ok()
            .and_then(|i| DEPARTMENTS.get(i))
            .copied()
            .unwrap_or(("enterprises", "Enterprises Department"));
        match d.checked_div(n).unwrap_or(0) {
            0 => (slug.to_owned(), name.to_owned()),
            round => {
                let team = round.saturating_add(1);
                (
                    format!("{slug}-team-{team}"),
                    format!("{name}, team {team}"),
                )
            }
        }
    }

    fn department_id(d: u64) -> Result<UnitId, Error> {
        id(&Self::department(d).0)
    }

    /// The units: the portfolios, then the departments under them.
    pub(crate) fn units(&self) -> impl Iterator<Item = Result<OrgUnit, Error>> + '_ {
        let portfolios = PORTFOLIOS
            .iter()
            .map(|(uid, name)| Ok(OrgUnit::new(id(uid)?, english(*name)?)));
        let departments = (0..self.departments()).map(|d| {
            let (uid, name) = Self::department(d);
            let mut unit = OrgUnit::new(id(&uid)?, english(name)?);
            let parent = usize::try_from(d.checked_rem(PORTFOLIOS.len() as u64).unwrap_or(0))
                .ok()
                .and_then(|i| PORTFOLIOS.get(i))
                .map_or("ddg-p", |(p, _)| p);
            unit.parent = Some(id(parent)?);
            Ok(unit)
        });
        portfolios.chain(departments)
    }

    /// A lead unit (with probability `lead` per cent) and up to two other
    /// contributing departments.
    fn unit_refs(&self, rng: &mut Rng, lead: u64) -> Result<(Option<UnitId>, Vec<UnitId>), Error> {
        if !rng.percent(lead) {
            return Ok((None, Vec::new()));
        }
        let n = self.departments();
        let first = rng.below(n);
        let mut contributing = Vec::new();
        for k in 0..rng.below(3).min(n.saturating_sub(1)) {
            let d = first
                .saturating_add(k)
                .saturating_add(1)
                .checked_rem(n)
                .unwrap_or(0);
            contributing.push(Self::department_id(d)?);
        }
        Ok((Some(Self::department_id(first)?), contributing))
    }

    /// The id of the partner behind extra-budgetary source `p`.
    pub(crate) fn partner_id(p: u64) -> Result<PartnerId, Error> {
        let n = PARTNER_DETAILS.len() as u64;
        let slug = usize::try_from(p.checked_rem(n).unwrap_or(0))
            .ok()
            .and_then(|i| PARTNER_DETAILS.get(i))
            .map_or("european-union", |d| d.0);
        match p.checked_div(n).unwrap_or(0) {
            0 => id(slug),
            round => id(&format!("{slug}-phase-{}", round.saturating_add(1))),
        }
    }

    /// The currency of the contributions of partner `p`.
    pub(crate) fn partner_currency(p: u64) -> Currency {
        usize::try_from(p.checked_rem(PARTNER_DETAILS.len() as u64).unwrap_or(0))
            .ok()
            .and_then(|i| PARTNER_DETAILS.get(i))
            .map_or(Currency::USD, |d| d.3)
    }

    /// The partner of the joint research programme.
    pub(crate) fn research_partner() -> Result<PartnerId, Error> {
        id(WORLD_BANK)
    }

    /// The partners: one per extra-budgetary source, then the World Bank.
    pub(crate) fn funding_partners(&self) -> impl Iterator<Item = Result<Partner, Error>> + '_ {
        let donors = (0..self.partners).map(|p| {
            let details = usize::try_from(p.checked_rem(PARTNER_DETAILS.len() as u64).unwrap_or(0))
                .ok()
                .and_then(|i| PARTNER_DETAILS.get(i));
            let kind = details.map_or(PartnerKind::Other, |d| d.2);
            let mut partner = Partner::new(Self::partner_id(p)?, english(Self::partner(p))?, kind);
            // Only the first phase carries the organisation's identifier.
            if p < PARTNERS.len() as u64 {
                partner.iati_id = details.and_then(|d| d.1).map(id).transpose()?;
            }
            Ok(partner)
        });
        let bank = std::iter::once_with(|| {
            let mut partner = Partner::new(
                Self::research_partner()?,
                trilingual("World Bank", "Banque mondiale", "Banco Mundial")?,
                PartnerKind::Multilateral,
            );
            partner.iati_id = Some(id("XI-IATI-WBTF")?);
            Ok(partner)
        });
        donors.chain(bank)
    }

    /// The rates from francs and euros to dollars, one pair a year, dated
    /// January so that every amount of the year finds its rate.
    pub(crate) fn exchange_rates(&self) -> Result<Vec<ExchangeRate>, Error> {
        let mut rates = Vec::new();
        for r in 0..self.reports {
            let month = DateOrMonth::Month(self.month(r.saturating_mul(12))?);
            for (from, base, change) in RATES {
                let rate = Decimal::new(base.saturating_add(change.saturating_mul(int(r))), 4);
                let mut stated = ExchangeRate::new(*from, Currency::USD, rate, month);
                stated.source = Some(english("United Nations operational rate of exchange")?);
                rates.push(stated);
            }
        }
        Ok(rates)
    }

    /// The dimensions values are split along: sex and country.
    pub(crate) fn dimensions() -> Result<Vec<Dimension>, Error> {
        let value = |code: &str, name: Result<actionplan_model::Text, Error>| {
            let mut v = DimensionValue::new(id(code)?);
            v.name = Some(name?);
            Ok::<_, Error>(v)
        };
        let mut sex = Dimension::new(
            id("sex")?,
            trilingual("Sex", "Sexe", "Sexo")?,
            DimensionKind::Sex,
            value("female", trilingual("Women", "Femmes", "Mujeres"))?,
        );
        sex.values
            .push(value("male", trilingual("Men", "Hommes", "Hombres"))?);
        let mut countries = COUNTRIES.iter();
        let (code, name) = countries.next().copied().unwrap_or(("BR", "Brazil"));
        let mut country = Dimension::new(
            id("country")?,
            trilingual("Country", "Pays", "País")?,
            DimensionKind::Country,
            value(code, english(name))?,
        );
        for (code, name) in countries {
            country.values.push(value(code, english(*name))?);
        }
        Ok(vec![sex, country])
    }

    /// The 1.1 members of an item: a year instead of its biennium for some,
    /// its lead and contributing units.
    pub(crate) fn item_1_1(&self, slot: &ItemSlot, item: &mut FollowUpItem) -> Result<(), Error> {
        let mut rng = Rng::new(self.seed, Stream::Item11, slot.index);
        if slot.index == 1 || rng.percent(15) {
            let first = slot.biennium.saturating_mul(24);
            item.biennium = None;
            item.span = Some(Span::Year(self.year(first)?));
        }
        let (lead, contributing) = self.unit_refs(&mut rng, 90)?;
        item.lead_unit = lead;
        item.contributing_units = contributing;
        Ok(())
    }

    /// The 1.1 members of a deliverable: months of its own for some, its
    /// lead and contributing units for about a third.
    pub(crate) fn deliverable_1_1(&self, slot: &Slot, d: &mut Deliverable) -> Result<(), Error> {
        let mut rng = Rng::new(self.seed, Stream::Deliverable11, slot.index);
        if slot.index == 0 || rng.percent(10) {
            let first = slot.item.biennium.saturating_mul(24);
            let start = self.month(first.saturating_add(rng.range(1, 6)))?;
            let end = self.month(first.saturating_add(23))?;
            d.span = Some(Span::Months(Period::new(start, end)));
        }
        let (lead, contributing) = self.unit_refs(&mut rng, 35)?;
        d.lead_unit = lead;
        d.contributing_units = contributing;
        Ok(())
    }

    /// The dated target due at month `offset` with `value` (spec units).
    fn dated_target(
        &self,
        spec: &Spec,
        extra: &Extra,
        offset: u64,
        value: i64,
        female: u64,
    ) -> Result<DatedTarget, Error> {
        let value = spec.decimal(value);
        let mut target = DatedTarget::new(value, self.month(offset)?);
        if extra.split_targets {
            target.disaggregation.push(sex_split(value, female)?);
        }
        Ok(target)
    }

    /// The 1.1 members of indicator `g`: its span, cumulation, dated
    /// targets and dated baseline.
    pub(crate) fn indicator_1_1(
        &self,
        slot: &Slot,
        g: u64,
        spec: &Spec,
        indicator: &mut Indicator,
    ) -> Result<(), Error> {
        let extra = Extra::of(self.seed, slot, g, spec);
        if extra.own_span {
            indicator.span = Some(Span::Year(self.year(extra.start)?));
        }
        let mut rng = Rng::new(self.seed, Stream::Indicator11, g.saturating_add(1 << 40));
        let mut targets = Vec::new();
        if let Some((month, value)) = extra.step {
            targets.push(self.dated_target(spec, &extra, month, value, rng.range(3, 6))?);
        }
        if extra.final_dated
            && let Kind::Count { target, .. }
            | Kind::Percentage { target, .. }
            | Kind::Money { target, .. } = spec.kind
        {
            targets.push(self.dated_target(
                spec,
                &extra,
                spec.deadline,
                target,
                rng.range(3, 6),
            )?);
        }
        let baseline_date =
            DateOrMonth::Month(id(&format!("{}-12", self.first_year.saturating_sub(1)))?);
        let dated = |b: &mut Option<Baseline>, rng: &mut Rng| -> Result<(), Error> {
            if let Some(bare) = b.as_mut().filter(|_| extra.dated_baseline) {
                bare.date = Some(baseline_date);
                if rng.percent(40) {
                    bare.comment = Some(english("Figure at the end of the previous biennium")?);
                    bare.source = Some(english("ILO results measurement framework")?);
                }
            }
            Ok(())
        };
        match &mut indicator.measure {
            Measure::Count(c) => {
                c.cumulation = extra.cumulation;
                c.targets = targets;
                dated(&mut c.baseline, &mut rng)?;
            }
            Measure::Percentage(p) => {
                p.cumulation = extra.cumulation;
                p.targets = targets;
                dated(&mut p.baseline, &mut rng)?;
            }
            Measure::Money(m) => {
                m.cumulation = extra.cumulation;
                m.targets = targets;
                if let Some(b) = m.baseline.as_mut().filter(|_| extra.dated_baseline) {
                    b.comment = Some(english("Portfolio as recorded in the Office's accounts")?);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A document cited as evidence, dated `on`, with an address on some.
    fn evidence(
        &self,
        rng: &mut Rng,
        title: &str,
        path: &str,
        on: DateOrMonth,
    ) -> Result<Evidence, Error> {
        let mut evidence = Evidence::new(english(title)?);
        evidence.date = Some(on);
        if rng.percent(70) {
            evidence.url = Some(
                HttpUrl::new(format!(
                    "https://www.ilo.org/resource/synthetic-{}/{path}",
                    self.seed
                ))
                .map_err(Error::internal)?,
            );
        }
        Ok(evidence)
    }

    /// The 1.1 members of report `r`'s observations on indicator `g`: values
    /// per period for a per-period indicator, splits and evidence on others.
    pub(crate) fn observations_1_1(
        &self,
        slot: &Slot,
        g: u64,
        r: u64,
        spec: &Spec,
        observations: &mut Vec<Observation>,
    ) -> Result<(), Error> {
        let extra = Extra::of(self.seed, slot, g, spec);
        let mut rng = Rng::new(self.seed, Stream::Entry11, Self::stream_index(g, r));
        if extra.cumulation == Cumulation::PerPeriod {
            *observations = self.period_observations(spec, &extra, g, r)?;
        }
        let t = Self::report_month(r);
        let on = DateOrMonth::Month(self.month(t)?);
        let path = format!("ind-{}/{}", g.saturating_add(1), self.report_year(r));
        for o in observations.iter_mut() {
            match o {
                Observation::Count(v) => {
                    if rng.percent(30) {
                        v.disaggregation.push(sex_split(v.value, rng.range(3, 6))?);
                    }
                    if rng.percent(10) {
                        v.disaggregation.push(country_split(v.value, &mut rng)?);
                    }
                    if rng.percent(10) {
                        v.evidence.push(self.evidence(
                            &mut rng,
                            "Monitoring records",
                            &path,
                            on,
                        )?);
                    }
                }
                Observation::Percentage(v) if rng.percent(25) => {
                    let gap = int(rng.range(1, 8));
                    v.disaggregation.push(sex_shares(v.value, gap)?);
                }
                Observation::Milestone(m) if rng.percent(40) => {
                    m.evidence.push(self.evidence(
                        &mut rng,
                        "Publication of the output",
                        &path,
                        m.completed,
                    )?);
                }
                Observation::Qualitative(q) if rng.percent(30) => {
                    q.evidence
                        .push(self.evidence(&mut rng, "Audit report", &path, on)?);
                }
                Observation::Money(m) if rng.percent(10) => {
                    m.evidence.push(self.evidence(
                        &mut rng,
                        "Financial statements of the portfolio",
                        &path,
                        on,
                    )?);
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The value of a per-period count over year `year` of the plan: about
    /// its per-year target.
    fn period_value(&self, g: u64, year: u64, target: i64) -> i64 {
        let target = u64::try_from(target).unwrap_or(1);
        let mut rng = Rng::new(
            self.seed,
            Stream::Entry11,
            Self::stream_index(g, year.saturating_add(8)),
        );
        int(rng.range(target / 2, target.saturating_add(target / 4)))
    }

    /// Report `r`'s values of a per-period count: the last whole year, and
    /// the current year to June, where the indicator's work runs.
    fn period_observations(
        &self,
        spec: &Spec,
        extra: &Extra,
        g: u64,
        r: u64,
    ) -> Result<Vec<Observation>, Error> {
        let mut observations = Vec::new();
        let Kind::Count { target, .. } = spec.kind else {
            return Ok(observations);
        };
        let t = Self::report_month(r);
        if spec.progress(t) <= 0 {
            return Ok(observations);
        }
        let runs = |from: u64, to: u64| to >= extra.start && from <= spec.deadline;
        if let Some(last) = r.checked_sub(1) {
            let from = last.saturating_mul(12);
            if runs(from, from.saturating_add(11)) {
                let mut o = ValueObservation::new(spec.decimal(self.period_value(g, last, target)));
                o.period = Some(Span::Year(self.year(from)?));
                observations.push(Observation::Count(o));
            }
        }
        let from = r.saturating_mul(12);
        if runs(from, from.saturating_add(5)) {
            let half = self.period_value(g, r, target) / 2;
            let mut o = ValueObservation::new(spec.decimal(half));
            o.period = Some(Span::Months(Period::new(
                self.month(from)?,
                self.month(from.saturating_add(5))?,
            )));
            observations.push(Observation::Count(o));
        }
        Ok(observations)
    }

    /// Evidence on report `r`'s entry on deliverable `k`, for some.
    pub(crate) fn deliverable_evidence(&self, k: u64, r: u64) -> Result<Vec<Evidence>, Error> {
        let mut rng = Rng::new(
            self.seed,
            Stream::DeliverableEntry11,
            Self::stream_index(k, r),
        );
        if !(k == 0 || rng.percent(20)) {
            return Ok(Vec::new());
        }
        let on = DateOrMonth::Month(self.month(Self::report_month(r))?);
        let path = format!("del-{}/{}", k.saturating_add(1), self.report_year(r));
        Ok(vec![self.evidence(
            &mut rng,
            "Evaluation of the deliverable",
            &path,
            on,
        )?])
    }

    /// The 1.1 members of the resource line of deliverable `slot`: the unit
    /// the funds go to, the approved and spent amounts, a period instead of
    /// a biennium for some.
    pub(crate) fn line_1_1(&self, slot: &Slot, line: &mut ResourceLine) -> Result<(), Error> {
        let mut rng = Rng::new(self.seed, Stream::Line11, slot.index);
        if rng.percent(40) {
            line.unit = Some(Self::department_id(rng.below(self.departments()))?);
        }
        let first = slot.item.biennium.saturating_mul(24);
        if let Some(required) = line.required
            && line.state != ResourceState::NotAllocated
            && (slot.index < 40 || rng.percent(60))
        {
            let approved = line.secured.unwrap_or(required);
            let spent = approved
                .amount
                .checked_mul(Decimal::from(rng.range(0, 100)))
                .and_then(|a| a.checked_div(Decimal::ONE_HUNDRED))
                .map(|a| a.round_dp(2))
                .ok_or_else(|| Error::Internal(format!("cannot spend {approved}")))?;
            line.approved = Some(approved);
            line.spent = Some(Money::new(spent, approved.currency));
            let last_report = Self::report_month(self.reports.saturating_sub(1));
            let on = first.saturating_add(rng.range(6, 20)).min(last_report);
            line.spent_as_of = Some(DateOrMonth::Day(self.month(on)?.last_day()));
        }
        if rng.percent(15) {
            line.biennium = None;
            line.period = Some(if rng.percent(50) {
                Span::Year(self.year(first.saturating_add(rng.below(2).saturating_mul(12)))?)
            } else {
                Span::Months(Period::new(
                    self.month(first.saturating_add(3))?,
                    self.month(first.saturating_add(23))?,
                ))
            });
        }
        Ok(())
    }

    /// The revisions: of about 5 % of the indicators (and of the first),
    /// in plan order.
    pub(crate) fn revisions(&self) -> impl Iterator<Item = Result<Revision, Error>> + '_ {
        Slots::new(self)
            .flat_map(|slot| {
                (0..slot.indicators).map(move |j| (slot, slot.first_indicator.saturating_add(j)))
            })
            .filter_map(move |(slot, g)| self.revision(&slot, g).transpose())
    }

    /// The revision of indicator `g`, where it has one.
    fn revision(&self, slot: &Slot, g: u64) -> Result<Option<Revision>, Error> {
        let mut rng = Rng::new(self.seed, Stream::Revision, g);
        if !(g == 0 || rng.percent(5)) {
            return Ok(None);
        }
        let spec = Spec::of(self.seed, slot, g);
        let extra = Extra::of(self.seed, slot, g, &spec);
        let movable = spec.deadline < self.last_month();
        let goal = spec.start_and_goal().map(|(from, to)| match spec.kind {
            // An additional count's target reads as the change.
            Kind::Count {
                target,
                mode: TargetMode::Additional,
                ..
            } => (0, target),
            _ => (from, to),
        });
        let (move_deadline, change_target) = match (rng.below(3), movable, goal.is_some()) {
            (_, true, false) | (0, true, true) => (true, false),
            (_, false, true) | (1, true, true) => (false, true),
            (_, true, true) => (true, true),
            (_, false, false) => return Ok(None),
        };
        let year = self.report_year(rng.below(self.reports.saturating_sub(1)));
        let mut revision = Revision::new(
            id(&format!("rev-{}", g.saturating_add(1)))?,
            id(&format!("ind-{}", g.saturating_add(1)))?,
            DateOrMonth::Day(date(
                year,
                11,
                u8::try_from(rng.range(5, 20)).unwrap_or(15),
            )?),
            english(if move_deadline {
                rng.pick(DEADLINE_RATIONALES, "The work was delayed.")
            } else {
                rng.pick(TARGET_RATIONALES, "The target was adjusted.")
            })?,
        );
        if move_deadline {
            let later = spec
                .deadline
                .saturating_add(rng.range(3, 9))
                .min(self.last_month());
            revision.deadline = Some(self.month(later)?);
        }
        if let (true, Some((from, to))) = (change_target, goal) {
            // The revised target goes three quarters of the way; a dated
            // target before the deadline is revised instead on some.
            match extra.step {
                Some((month, value))
                    if extra.cumulation != Cumulation::PerPeriod && rng.percent(30) =>
                {
                    revision.target_by = Some(self.month(month)?);
                    revision.target = Some(spec.decimal(towards(from, value, 750)));
                }
                _ => revision.target = Some(spec.decimal(towards(from, to, 750))),
            }
        }
        match rng.below(10) {
            0..=5 => {
                revision.decided_at = Some(gb_id(year)?);
                revision.document = Some(symbol(year));
            }
            6..=7 => revision.decided_at = Some(gb_id(year)?),
            _ => revision.document = Some(symbol(year)),
        }
        if rng.percent(30) {
            let mut evidence = self.evidence(
                &mut rng,
                "Decision of the Governing Body on the follow-up to the action plan",
                &format!("rev-{}", g.saturating_add(1)),
                DateOrMonth::Month(YearMonth::of(date(year, 11, 1)?)),
            )?;
            evidence.symbol = Some(symbol(year));
            revision.evidence.push(evidence);
        }
        Ok(Some(revision))
    }
}
