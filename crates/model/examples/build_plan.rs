//! How another tool builds an action plan in code: every type is made with
//! its constructor (`new` with the required members), optional members are
//! set through public fields, and `validate` says what is still wrong
//! before the plan is handed to a writer.
//!
//! Run with `cargo run -p actionplan-model --example build_plan`.

use actionplan_model::{
    ActionPlan, Biennium, Body, Category, CountMeasure, Deliverable, FollowUpItem, Indicator,
    Language, Measure, Resolution, Session, Text, validate,
};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let biennium = Biennium::starting(2016)?;
    let resolution = Resolution::new(
        Text::en("Resolution concerning small and medium-sized enterprises")?,
        "ilc-104".parse()?,
    );
    let mut plan = ActionPlan::new(
        "sme-2016".parse()?,
        Text::en("Action plan on SMEs")?.with(Language::Fr, "Plan d'action sur les PME")?,
        resolution,
        "gb-325".parse()?,
        biennium,
    );
    plan.biennia.push(biennium.next()?);
    plan.sessions = vec![
        Session::new(
            "ilc-104".parse()?,
            Body::InternationalLabourConference,
            104,
            2015,
        ),
        Session::new("gb-325".parse()?, Body::GoverningBody, 325, 2015),
    ];
    plan.categories
        .push(Category::new("knowledge".parse()?, Text::en("Knowledge")?));

    // A deliverable with one count indicator: 7 more member States over a
    // baseline of 8, by the end of 2017.
    let mut measure = CountMeasure::new(7.into());
    measure.baseline = Some(actionplan_model::Decimal::from(8).into());
    measure.target_mode = actionplan_model::TargetMode::Additional;
    let mut indicator = Indicator::new(
        "i-eese".parse()?,
        Text::en("Member States that carried out an EESE assessment")?,
        Measure::Count(measure),
    );
    indicator.deadline = Some("2017-12".parse()?);
    let mut deliverable = Deliverable::new(
        "d-eese".parse()?,
        Text::en("EESE assessments in member States")?,
    );
    deliverable.indicators.push(indicator);
    plan.deliverables.push(deliverable);

    let mut item = FollowUpItem::new(
        "item-1".parse()?,
        Text::en("Enabling environment for sustainable enterprises")?,
        "12(a)".parse()?,
        "knowledge".parse()?,
        biennium,
    );
    item.deliverables.push("d-eese".parse()?);
    plan.items.push(item);

    // Constructors refuse what the format refuses…
    assert!(Text::en("").is_err());
    // …and `validate` finds what only the whole plan shows.
    let problems = validate(&plan, &[]);
    for p in &problems {
        println!("{p}");
    }
    if let Some(target) = plan
        .deliverables
        .first()
        .and_then(|d| d.indicators.first())
        .and_then(|i| match &i.measure {
            Measure::Count(c) => c.absolute_target(),
            _ => None,
        })
    {
        println!("absolute target: {target}");
    }
    println!("{}", serde_json::to_string_pretty(&plan)?);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{} problems in the plan built in code", problems.len()).into())
    }
}
