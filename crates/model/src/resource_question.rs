//! The question evaluation asks about resources, defined here so that the
//! evaluation crate and the funding crate need not know each other: a thin
//! consumer hands the funding crate's answer to evaluation.

use crate::{ActionPlan, Deliverable};
use time::Date;

/// "Is this deliverable waiting for resources as of this date?"
///
/// `actionplan-funding` answers it from the plan's resource statements; a
/// closure answers it from anything else.
///
/// ```
/// use actionplan_model::{ActionPlan, Deliverable, ResourceQuestion};
/// use time::Date;
/// // Nothing waits: a closure is an answer.
/// let nothing_waits = |_: &ActionPlan, _: &Deliverable, _: Date| false;
/// fn takes(_: &dyn ResourceQuestion) {}
/// takes(&nothing_waits);
/// ```
pub trait ResourceQuestion {
    /// Whether `deliverable` of `plan` waits for resources on `as_of`.
    fn awaits_resources(&self, plan: &ActionPlan, deliverable: &Deliverable, as_of: Date) -> bool;
}

impl<F> ResourceQuestion for F
where
    F: Fn(&ActionPlan, &Deliverable, Date) -> bool,
{
    fn awaits_resources(&self, plan: &ActionPlan, deliverable: &Deliverable, as_of: Date) -> bool {
        self(plan, deliverable, as_of)
    }
}

/// The answer when nothing is known about resources: nothing waits.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoResourceInformation;

impl ResourceQuestion for NoResourceInformation {
    fn awaits_resources(&self, _: &ActionPlan, _: &Deliverable, _: Date) -> bool {
        false
    }
}
