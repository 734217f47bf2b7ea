//! The member names that only format 1.1 has, and where a file that says
//! 1.0 first uses one.
//!
//! The typed reader reads both versions, and `read::version_refusal`
//! finds the 1.1 content a 1.0 file holds from the typed values. An empty or default 1.1 member (`"units": []`,
//! `"cumulation": "cumulative"`) leaves no trace in the typed values, yet
//! the frozen 1.0 schema refuses it (its objects are closed). The fast path
//! notes such a key as it goes (`strict.rs`); only then is the text parsed
//! once more to say where.

use serde_json::Value;

/// Every property name of the 1.1 schema that the 1.0 schema has nowhere
/// (a test compares the list with the two schema files).
pub(crate) const MEMBERS_1_1: &[&str] = &[
    "approved",
    "comment",
    "contributing_units",
    "cumulation",
    "decided_at",
    "dimension",
    "dimensions",
    "disaggregation",
    "effective",
    "end",
    "evidence",
    "exchange_rates",
    "from",
    "iati_id",
    "lead_unit",
    "parent",
    "partner_id",
    "partners",
    "period",
    "rate",
    "rationale",
    "revisions",
    "span",
    "spent",
    "spent_as_of",
    "start",
    "target_by",
    "targets",
    "to",
    "units",
    "url",
    "values",
];

/// Whether `key` is a member only format 1.1 has.
pub(crate) fn is_member_1_1(key: &str) -> bool {
    MEMBERS_1_1.binary_search(&key).is_ok()
}

/// The pointer of a member only 1.1 has, outside `extensions` (where any
/// JSON is allowed): the first met with the keys of each object in name
/// order.
pub(crate) fn first_member_1_1(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(key, v)| {
            if key == "extensions" {
                return None;
            }
            let here = || format!("/{}", crate::locate::escape_token(key));
            if is_member_1_1(key) {
                return Some(here());
            }
            first_member_1_1(v).map(|rest| format!("{}{rest}", here()))
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| first_member_1_1(v).map(|rest| format!("/{i}{rest}"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn property_names(node: &Value, out: &mut BTreeSet<String>) {
        match node {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "properties"
                        && let Value::Object(props) = v
                    {
                        out.extend(props.keys().cloned());
                    }
                    property_names(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| property_names(v, out)),
            _ => {}
        }
    }

    fn schema_names(file: &str) -> BTreeSet<String> {
        let path = format!("{}/schema/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let mut out = BTreeSet::new();
        property_names(&serde_json::from_str(&text).unwrap(), &mut out);
        out
    }

    #[test]
    fn the_list_is_what_the_1_1_schema_adds_to_the_1_0_schema_sorted() {
        let old = schema_names("actionplan-1.0.schema.json");
        let new = schema_names("actionplan-1.1.schema.json");
        let added: Vec<&str> = new.difference(&old).map(String::as_str).collect();
        assert_eq!(MEMBERS_1_1, added.as_slice());
        assert!(
            MEMBERS_1_1.windows(2).all(|w| w[0] < w[1]),
            "binary search needs order"
        );
    }

    #[test]
    fn the_first_member_is_found_outside_extensions_only() {
        let v: Value = serde_json::json!({
            "plan": {
                "extensions": {"units": []},
                "deliverables": [{"id": "a"}, {"id": "b", "contributing_units": []}],
                "units": []
            }
        });
        assert_eq!(
            first_member_1_1(&v).as_deref(),
            Some("/plan/deliverables/1/contributing_units")
        );
        let none: Value = serde_json::json!({"plan": {"extensions": {"span": 1}}});
        assert_eq!(first_member_1_1(&none), None);
    }
}
