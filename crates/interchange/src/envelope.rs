//! The envelope: the top-level object of an exchange file.

use actionplan_model::{ActionPlan, Extensions, ProgressReport};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The value of the envelope's `format` member.
pub const FORMAT_NAME: &str = "actionplan";

/// The format version this library writes.
pub const CURRENT_VERSION: FormatVersion = FormatVersion::V1_0;

/// Every format version this library reads, oldest first.
pub const SUPPORTED_VERSIONS: &[&str] = &["1.0"];

/// An exchange file: an action plan, the progress reports on it, and
/// tool-specific data, wrapped with the format's name and version.
///
/// On the wire:
/// `{"format": "actionplan", "version": "1.0", "plan": {…}, "reports": […]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[cfg_attr(
    feature = "schema",
    schemars(
        title = "actionplan exchange file",
        description = "An ILO action plan, the progress reports on it and tool-specific data, with the format's name and version. Unknown members are refused everywhere except inside `extensions`."
    )
)]
pub struct Envelope {
    /// Always `actionplan`: says what kind of file this is.
    pub format: FormatName,
    /// The format version the file follows. This schema describes version 1.0.
    pub version: FormatVersion,
    /// The action plan.
    pub plan: ActionPlan,
    /// The progress reports on the plan, oldest first. May be empty or left out.
    #[serde(default)]
    pub reports: Vec<ProgressReport>,
    /// Tool-specific data about the file as a whole, keyed by a name the tool
    /// chooses (a reverse domain name such as `org.example.tracker`).
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Envelope {
    /// An envelope of the current version around `plan` and `reports`.
    pub fn new(plan: ActionPlan, reports: Vec<ProgressReport>) -> Self {
        Envelope {
            format: FormatName,
            version: CURRENT_VERSION,
            plan,
            reports,
            extensions: Extensions::default(),
        }
    }
}

/// The constant `"actionplan"` that opens every exchange file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FormatName;

impl Serialize for FormatName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(FORMAT_NAME)
    }
}

impl<'de> Deserialize<'de> for FormatName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        if s == FORMAT_NAME {
            Ok(FormatName)
        } else {
            Err(serde::de::Error::custom(format_args!(
                "`{s}` is not this format: an exchange file says \"format\": \"actionplan\""
            )))
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for FormatName {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormatName".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "const": FORMAT_NAME,
        })
    }
}

/// A version of the exchange format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FormatVersion {
    /// Version 1.0, the first.
    V1_0,
}

impl FormatVersion {
    /// The version as written in files, e.g. `1.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            FormatVersion::V1_0 => "1.0",
        }
    }

    /// The version written as `s`, if this library reads it.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "1.0" => Some(FormatVersion::V1_0),
            _ => None,
        }
    }
}

impl fmt::Display for FormatVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FormatVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FormatVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        FormatVersion::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "format version `{s}` is not supported: this library reads {}; {}",
                SUPPORTED_VERSIONS.join(", "),
                version_advice(&s)
            ))
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for FormatVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FormatVersion".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": SUPPORTED_VERSIONS,
        })
    }
}

/// What to do with a file of version `found`, which this library does not
/// read: a later minor version needs a newer library; a major version is
/// another format.
pub(crate) fn version_advice(found: &str) -> String {
    let major = |v: &str| v.split('.').next().map(str::to_owned);
    let ours = major(CURRENT_VERSION.as_str());
    match found.split_once('.') {
        Some((m, minor))
            if Some(m.to_owned()) == ours
                && !minor.is_empty()
                && minor.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!(
                "version {found} is newer than this library: use a newer actionplan-interchange, or write the file as version {CURRENT_VERSION}"
            )
        }
        Some((m, _)) if !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()) => format!(
            "version {found} is another major version of the format, whose members differ: convert the file with the tool that wrote it"
        ),
        _ => format!("a version is written like \"{CURRENT_VERSION}\""),
    }
}
