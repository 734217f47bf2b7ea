//! The `extensions` object: where tools keep data of their own.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Tool-specific data, keyed by a name the tool chooses (a reverse domain
/// name such as `org.example.tracker` avoids clashes). The library keeps it
/// and writes it back in key order; it never interprets it.
///
/// Numbers inside extensions are plain JSON numbers: integers are kept
/// exactly, other numbers may be rewritten in their shortest form. Keep exact
/// figures in strings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Extensions(pub BTreeMap<String, serde_json::Value>);

impl Extensions {
    /// Whether there is no extension data.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
