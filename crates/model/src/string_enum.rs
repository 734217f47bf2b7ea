//! Reading the vocabularies that sit inside a measure from a string only.
//!
//! A measure is a tagged union: serde buffers it whole before it knows the
//! `kind`, then reads its members from that buffer, where a derived unit
//! enum would also take the object form `{"increase": null}` that the
//! schema refuses. These enums read a string and nothing else, so the
//! reader and the schema agree inside measures too.

/// Implements `Deserialize` for a unit enum from its `snake_case` strings.
macro_rules! string_enum_deserialize {
    ($ty:ident { $($text:literal => $variant:ident,)* }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const VARIANTS: &[&str] = &[$($text),*];
                let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
                match s.as_ref() {
                    $($text => Ok($ty::$variant),)*
                    other => Err(serde::de::Error::unknown_variant(other, VARIANTS)),
                }
            }
        }
    };
}

pub(crate) use string_enum_deserialize;

#[cfg(test)]
mod tests {
    use crate::{Cumulation, Direction, MilestoneEvent, TargetMode};

    #[test]
    fn strings_are_read_and_the_object_form_is_refused() {
        assert_eq!(
            serde_json::from_str::<Direction>(r#""decrease""#).unwrap(),
            Direction::Decrease
        );
        assert_eq!(
            serde_json::from_str::<Cumulation>(r#""per_period""#).unwrap(),
            Cumulation::PerPeriod
        );
        assert!(serde_json::from_str::<TargetMode>(r#"{"additional": null}"#).is_err());
        assert!(serde_json::from_str::<MilestoneEvent>(r#"{"held": null}"#).is_err());
        let err = serde_json::from_str::<Cumulation>(r#""running""#).unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `running`"),
            "{err}"
        );
        // Inside a buffered tagged union too.
        let m: Result<crate::Measure, _> = serde_json::from_str(
            r#"{"kind": "count", "target": "2", "cumulation": {"per_period": null}}"#,
        );
        assert!(m.is_err());
    }
}
