//! The table's sections: the plan's items grouped by their time frame —
//! a biennium (the 1.0 shape), a year, a range of months, or the whole plan
//! for an item that states none — then by category.
//!
//! A plan of the 1.0 shape keeps its sections in the order of its biennia,
//! an empty biennium included, as the 1.0 report printed them. Any other
//! time frame adds a section, and the sections are then in time order
//! (start month, then end month), so no item is ever left out.

use actionplan_model::{ActionPlan, Biennium, Category, FollowUpItem, Period, Span};
use std::collections::HashMap;

/// The time frame of a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// A biennium.
    Biennium(Biennium),
    /// A year or a range of months.
    Span(Span),
    /// The whole plan (its period, where it has one).
    WholePlan(Option<Period>),
}

/// What orders and identifies a frame: its months, then its kind.
type FrameKey = (Option<Period>, u8);

impl Frame {
    fn of(item: &FollowUpItem, plan_period: Option<Period>) -> Frame {
        match item.time_frame() {
            Some(Span::Biennium(b)) => Frame::Biennium(b),
            Some(s) => Frame::Span(s),
            None => Frame::WholePlan(plan_period),
        }
    }

    fn key(self) -> FrameKey {
        match self {
            Frame::Biennium(b) => (Some(Span::Biennium(b).period()), 0),
            Frame::Span(s @ Span::Year(_)) => (Some(s.period()), 1),
            Frame::Span(s) => (Some(s.period()), 2),
            Frame::WholePlan(p) => (p, 3),
        }
    }

    /// The heading as printed.
    pub(crate) fn heading(self) -> String {
        match self {
            Frame::Biennium(b) => {
                format!("For the {} biennium", b.to_string().replace('-', "–"))
            }
            Frame::Span(s) => format!("For {s}"),
            Frame::WholePlan(Some(p)) => format!("Over the whole plan, {p}"),
            Frame::WholePlan(None) => "Over the whole plan".to_owned(),
        }
    }
}

/// The items of one category within a frame, in plan order.
pub(crate) type CategoryGroup<'a> = (&'a Category, Vec<&'a FollowUpItem>);

/// The sections in print order, each with its categories (in the plan's
/// order of categories; items of a category the plan does not list are
/// not shown, as in 1.0) and their items (in plan order).
///
/// One pass over the items and a sort: the cost grows with the number of
/// items, not with items × frames.
pub(crate) fn sections(plan: &ActionPlan) -> Vec<(Frame, Vec<CategoryGroup<'_>>)> {
    let mut category_at: HashMap<&str, usize> = HashMap::with_capacity(plan.categories.len());
    for (i, c) in plan.categories.iter().enumerate() {
        category_at.entry(c.id.as_str()).or_insert(i);
    }
    // The plan's biennia first, in their order: a biennium listed twice
    // keeps its second, empty, section as in 1.0.
    let mut frames: Vec<Frame> = plan.biennia.iter().map(|&b| Frame::Biennium(b)).collect();
    let mut frame_at: HashMap<FrameKey, usize> = HashMap::with_capacity(frames.len());
    for (i, f) in frames.iter().enumerate() {
        frame_at.entry(f.key()).or_insert(i);
    }
    let listed = frames.len();
    let plan_period = plan.period_or_biennia();
    let mut placed: Vec<(usize, usize, &FollowUpItem)> = Vec::with_capacity(plan.items.len());
    for it in &plan.items {
        let frame = Frame::of(it, plan_period);
        let at = *frame_at.entry(frame.key()).or_insert_with(|| {
            frames.push(frame);
            frames.len().saturating_sub(1)
        });
        if let Some(&c) = category_at.get(it.category.as_str()) {
            placed.push((at, c, it));
        }
    }
    // Print order of the frames: as listed for the 1.0 shape, in time
    // order once another time frame joins.
    let mut order: Vec<usize> = (0..frames.len()).collect();
    if frames.len() > listed {
        order.sort_by_key(|&i| frames.get(i).map(|f| f.key()));
    }
    let mut rank = vec![0usize; frames.len()];
    for (r, &i) in order.iter().enumerate() {
        if let Some(slot) = rank.get_mut(i) {
            *slot = r;
        }
    }
    let mut groups: Vec<Vec<CategoryGroup<'_>>> = vec![Vec::new(); frames.len()];
    // Stable: items of one group stay in plan order.
    placed.sort_by_key(|&(f, c, _)| (rank.get(f).copied(), c));
    for (f, c, item) in placed {
        let (Some(category), Some(groups_of_frame)) = (plan.categories.get(c), groups.get_mut(f))
        else {
            continue;
        };
        match groups_of_frame.last_mut() {
            Some((previous, items)) if std::ptr::eq(*previous, category) => items.push(item),
            _ => groups_of_frame.push((category, vec![item])),
        }
    }
    // A biennium listed twice has had all its rows in its first section.
    let mut seen: Vec<bool> = vec![false; frames.len()];
    order
        .into_iter()
        .filter_map(|i| {
            let frame = *frames.get(i)?;
            let first = frame_at.get(&frame.key()).is_some_and(|&a| {
                let fresh = seen.get(a).is_some_and(|s| !s);
                if let Some(s) = seen.get_mut(a) {
                    *s = true;
                }
                fresh
            });
            let content = if first {
                std::mem::take(groups.get_mut(i)?)
            } else {
                Vec::new()
            };
            Some((frame, content))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_name_the_time_frame() {
        let year: Span = serde_json::from_str(r#"{"year": 2017}"#).unwrap();
        let months: Span =
            serde_json::from_str(r#"{"start": "2017-01", "end": "2018-06"}"#).unwrap();
        let b: Biennium = "2016-17".parse().unwrap();
        assert_eq!(Frame::Biennium(b).heading(), "For the 2016–17 biennium");
        assert_eq!(Frame::Span(year).heading(), "For 2017");
        assert_eq!(Frame::Span(months).heading(), "For 01/2017–06/2018");
        assert_eq!(
            Frame::WholePlan(Some(months.period())).heading(),
            "Over the whole plan, 01/2017–06/2018"
        );
    }
}
