//! The resources behind a generated plan: funding sources, a resource line
//! for about a third of the deliverables (in every state), unfunded
//! requests, and portfolios measured by money indicators.

use crate::layout::Slots;
use crate::plan::fill_of;
use crate::rng::{Rng, Stream};
use crate::spec::{Funding, Kind, Spec, funding_of};
use crate::words::{self, english, text, trilingual};
use crate::{Error, Generator, id};
use actionplan_model::{
    Currency, DateOrMonth, Decimal, FundingSource, Money, Portfolio, ResourceLine, ResourceState,
    SourceId, SourceKind, UnfundedRequest,
};

pub(crate) const PARTNERS: &[&str] = &[
    "European Union",
    "Germany",
    "Norway",
    "Sweden",
    "Switzerland",
    "Netherlands",
    "Japan",
    "Republic of Korea",
    "Denmark",
    "Finland",
    "Ireland",
    "Belgium",
    "United Kingdom",
    "Canada",
    "Australia",
    "Italy",
    "Spain",
    "France",
    "Luxembourg",
    "Portugal",
];

fn usd(thousands: u64) -> Money {
    Money::new(Decimal::from(thousands.saturating_mul(1000)), Currency::USD)
}

impl Generator {
    pub(crate) fn partner(p: u64) -> String {
        let name = usize::try_from(p.checked_rem(PARTNERS.len() as u64).unwrap_or(0))
            .ok()
            .and_then(|i| PARTNERS.get(i))
            .copied()
            .unwrap_or("European Union");
        match p.checked_div(PARTNERS.len() as u64).unwrap_or(0) {
            0 => name.to_owned(),
            round => format!("{name} (phase {})", round.saturating_add(1)),
        }
    }

    /// The funding sources: the regular budget of each biennium, the RBSA,
    /// extra-budgetary partners and one joint research programme.
    pub(crate) fn sources(&self) -> impl Iterator<Item = Result<FundingSource, Error>> + '_ {
        let budgets = self.biennia.iter().map(|b| {
            let mut source = FundingSource::new(
                id(&format!("rb-{b}"))?,
                SourceKind::RegularBudget,
                trilingual(
                    &format!("Programme and budget for {b}"),
                    &format!("Programme et budget pour {b}"),
                    &format!("Programa y presupuesto para {b}"),
                )?,
            );
            source.biennium = Some(*b);
            Ok(source)
        });
        let rbsa = std::iter::once_with(|| {
            Ok(FundingSource::new(
                id("rbsa")?,
                SourceKind::Rbsa,
                english("Regular Budget Supplementary Account")?,
            ))
        });
        let partners = (0..self.partners).map(move |p| {
            let partner = Self::partner(p);
            let mut source = FundingSource::new(
                id(&format!("xbtc-{}", p.saturating_add(1)))?,
                SourceKind::ExtraBudgetary,
                english(format!(
                    "Extra-budgetary technical cooperation (XBTC): {partner}"
                ))?,
            );
            if self.is_1_1() {
                source.partner_id = Some(Self::partner_id(p)?);
            } else {
                source.partner = Some(english(partner)?);
            }
            Ok(source)
        });
        let research = std::iter::once_with(move || {
            let mut source = FundingSource::new(
                id("ilo-wb-research")?,
                SourceKind::OtherMobilized,
                english(
                    "ILO–World Bank joint research programme on job creation and shared prosperity",
                )?,
            );
            if self.is_1_1() {
                source.partner_id = Some(Self::research_partner()?);
            } else {
                source.partner = Some(trilingual(
                    "World Bank",
                    "Banque mondiale",
                    "Banco Mundial",
                )?);
            }
            Ok(source)
        });
        budgets.chain(rbsa).chain(partners).chain(research)
    }

    /// Resource lines: one biennium-wide statement per biennium, then one
    /// per deliverable whose funding is stated.
    pub(crate) fn lines(&self) -> impl Iterator<Item = Result<ResourceLine, Error>> + '_ {
        let wide = self.biennia.iter().map(|b| {
            let mut line =
                ResourceLine::new(id(&format!("rb-coverage-{b}"))?, ResourceState::Secured);
            line.biennium = Some(*b);
            line.source = Some(id(&format!("rb-{b}"))?);
            line.note = Some(english(format!(
                "Most of the outputs for {b} are covered by the programme and budget."
            ))?);
            Ok(line)
        });
        let per_deliverable = Slots::new(self).filter_map(move |slot| {
            let (funding, mut rng) = funding_of(self.seed, slot.index);
            let state = match funding {
                Funding::Unstated => return None,
                Funding::Secured => ResourceState::Secured,
                Funding::Underfunded => ResourceState::Underfunded,
                Funding::NotAllocated => ResourceState::NotAllocated,
                Funding::Mobilized => ResourceState::Mobilized,
            };
            Some(self.line(&slot, state, &mut rng))
        });
        wide.chain(per_deliverable)
    }

    fn line(
        &self,
        slot: &crate::layout::Slot,
        state: ResourceState,
        rng: &mut Rng,
    ) -> Result<ResourceLine, Error> {
        let biennium = self.biennium(slot.item.biennium)?;
        let partner = rng.below(self.partners).saturating_add(1);
        let source: Option<SourceId> = match state {
            ResourceState::Secured => Some(id(&format!("rb-{biennium}"))?),
            // The guard draws only for a mobilized line: an underfunded one
            // must not consume a number, or every later choice would shift.
            ResourceState::Mobilized if rng.percent(50) => Some(id("ilo-wb-research")?),
            ResourceState::Underfunded | ResourceState::Mobilized => {
                Some(id(&format!("xbtc-{partner}"))?)
            }
            _ => None,
        };
        // In 1.1, a partner's line is in the partner's currency (converted
        // with the plan's exchange rates); in 1.0 every amount is in USD.
        let currency = match &source {
            Some(s) if self.is_1_1() && s.as_str().starts_with("xbtc-") => {
                Self::partner_currency(partner.saturating_sub(1))
            }
            _ => Currency::USD,
        };
        let money = |thousands: u64| Money::new(usd(thousands).amount, currency);
        let required = rng.range(50, 2000);
        let secured = match state {
            ResourceState::Underfunded => Some(
                required
                    .saturating_mul(rng.range(3, 8))
                    .checked_div(10)
                    .unwrap_or(0),
            ),
            ResourceState::NotAllocated => rng.percent(50).then_some(0),
            _ => Some(required),
        };
        let has_amounts = rng.percent(85);
        let fill = fill_of(self.seed, slot.item.index);
        let note_pool = match state {
            ResourceState::Secured => words::LINE_NOTE.get(..1),
            ResourceState::Underfunded => words::LINE_NOTE.get(1..2),
            _ => words::LINE_NOTE.get(2..),
        }
        .unwrap_or(words::LINE_NOTE);
        let mut line = ResourceLine::new(
            id(&format!("line-{}", slot.index.saturating_add(1)))?,
            state,
        );
        line.deliverables = vec![id(&format!("del-{}", slot.index.saturating_add(1)))?];
        line.biennium = Some(biennium);
        line.source = source;
        line.required = has_amounts.then(|| money(required));
        line.secured = if has_amounts {
            secured.map(money)
        } else {
            None
        };
        line.as_of = if rng.percent(50) {
            Some(DateOrMonth::Month(self.month(rng.range(0, 6))?))
        } else {
            None
        };
        line.note = if rng.percent(70) {
            Some(text(rng, note_pool, &fill, 10)?)
        } else {
            None
        };
        if self.is_1_1() {
            self.line_1_1(slot, &mut line)?;
        }
        Ok(line)
    }

    /// Requests received but not funded, for about 6 % of deliverables.
    pub(crate) fn requests(&self) -> impl Iterator<Item = Result<UnfundedRequest, Error>> + '_ {
        Slots::new(self).filter_map(move |slot| {
            let mut rng = Rng::new(self.seed, Stream::Request, slot.index);
            if !(slot.index == 1 || rng.percent(6)) {
                return None;
            }
            let mut fill = fill_of(self.seed, slot.item.index);
            let count = rng.range(1, 5);
            fill.number = count;
            Some((|| {
                let mut request = UnfundedRequest::new(
                    id(&format!("request-{}", slot.index.saturating_add(1)))?,
                    u32::try_from(count).map_err(Error::internal)?,
                    text(&mut rng, words::REQUEST, &fill, 10)?,
                );
                request.deliverable = Some(id(&format!("del-{}", slot.index.saturating_add(1)))?);
                request.cost = rng.percent(60).then(|| usd(rng.range(20, 500)));
                request.requires_reallocation = rng.percent(30);
                request.as_of = if rng.percent(60) {
                    Some(DateOrMonth::Month(self.month(rng.range(3, 18))?))
                } else {
                    None
                };
                Ok(request)
            })())
        })
    }

    /// Portfolios, each measured by a money indicator (about 30 % of them).
    pub(crate) fn portfolios(&self) -> impl Iterator<Item = Result<Portfolio, Error>> + '_ {
        Slots::new(self)
            .flat_map(|slot| {
                (0..slot.indicators).map(move |j| (slot, slot.first_indicator.saturating_add(j)))
            })
            .filter_map(move |(slot, g)| {
                let spec = Spec::of(self.seed, &slot, g);
                if !matches!(spec.kind, Kind::Money { .. }) {
                    return None;
                }
                if !(g == 3 || Rng::new(self.seed, Stream::Portfolio, g).percent(30)) {
                    return None;
                }
                let topic = fill_of(self.seed, slot.item.index).topic;
                Some((|| {
                    Ok(Portfolio::new(
                        id(&format!("portfolio-{}", g.saturating_add(1)))?,
                        trilingual(
                            &format!("Extra-budgetary portfolio on {}", topic.en),
                            &format!("Portefeuille extrabudgétaire consacré à {}", topic.fr),
                            &format!("Cartera extrapresupuestaria dedicada a {}", topic.es),
                        )?,
                        SourceKind::ExtraBudgetary,
                        id(&format!("ind-{}", g.saturating_add(1)))?,
                    ))
                })())
            })
    }
}
