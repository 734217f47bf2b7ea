//! The envelope: the top-level object of an exchange file.

use actionplan_model::{ActionPlan, Extensions, ProgressReport};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The value of the envelope's `format` member.
pub const FORMAT_NAME: &str = "actionplan";

/// The latest format version this library reads and writes. A file keeps
/// its own version when written (raised to 1.1 when its content uses a 1.1
/// member), so this is the version of [`schema`](crate::schema), not of
/// every file written.
pub const CURRENT_VERSION: FormatVersion = FormatVersion::V1_1;

/// Every format version this library reads, oldest first.
pub const SUPPORTED_VERSIONS: &[&str] = &["1.0", "1.1"];

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
    /// The format version the file follows. This schema describes version
    /// 1.1, which only adds to 1.0: a file that uses a member marked
    /// "format 1.1" says "1.1"; a file that uses none may say "1.0".
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
    /// An envelope around `plan` and `reports`, of the lowest version that
    /// holds them: 1.0 unless they use a member of format 1.1.
    pub fn new(plan: ActionPlan, reports: Vec<ProgressReport>) -> Self {
        let version = FormatVersion::lowest_for(&plan, &reports);
        Envelope {
            format: FormatName,
            version,
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
    /// Version 1.1: time frames, dated baselines and targets, revisions,
    /// disaggregation, evidence, units, partners, exchange rates, budget and
    /// expenditure. It only adds to 1.0.
    V1_1,
}

impl FormatVersion {
    /// The version as written in files, e.g. `1.0`.
    pub fn as_str(self) -> &'static str {
        match self {
            FormatVersion::V1_0 => "1.0",
            FormatVersion::V1_1 => "1.1",
        }
    }

    /// The version written as `s`, if this library reads it.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "1.0" => Some(FormatVersion::V1_0),
            "1.1" => Some(FormatVersion::V1_1),
            _ => None,
        }
    }

    /// The lowest version that holds `plan` and `reports`: 1.1 when they
    /// use a member of format 1.1 ([`actionplan_model::needs_1_1`]), else 1.0.
    pub fn lowest_for(plan: &ActionPlan, reports: &[ProgressReport]) -> Self {
        if actionplan_model::needs_1_1(plan, reports) {
            FormatVersion::V1_1
        } else {
            FormatVersion::V1_0
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
            serde::de::Error::custom(unsupported_version_message(
                &s,
                SUPPORTED_VERSIONS,
                CURRENT_VERSION,
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

/// The message for a file of version `found` from a library that reads
/// `supported` and whose latest version is `current`: it names the
/// version, never a bare enum mismatch. (A 1.0 library, given a 1.1 file,
/// said "format version `1.1` is not supported: this library reads 1.0;
/// version 1.1 is newer than this library …"; the test
/// `a_1_0_reader_names_the_version_of_a_1_1_file` holds it.)
pub(crate) fn unsupported_version_message(
    found: &str,
    supported: &[&str],
    current: FormatVersion,
) -> String {
    format!(
        "format version `{found}` is not supported: this library reads {}; {}",
        supported.join(", "),
        version_advice_of(found, current)
    )
}

/// What to do with a file of version `found`, which this library does not
/// read: a later minor version needs a newer library; a major version is
/// another format.
pub(crate) fn version_advice(found: &str) -> String {
    version_advice_of(found, CURRENT_VERSION)
}

/// [`version_advice`] as a library whose latest version is `current` gives
/// it (a 1.0-only library given a 1.1 file says "newer than this library").
pub(crate) fn version_advice_of(found: &str, current: FormatVersion) -> String {
    let major = |v: &str| v.split('.').next().map(str::to_owned);
    let ours = major(current.as_str());
    match found.split_once('.') {
        Some((m, minor))
            if Some(m.to_owned()) == ours
                && !minor.is_empty()
                && minor.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!(
                "version {found} is newer than this library: use a newer actionplan-interchange, or write the file as version {current}"
            )
        }
        Some((m, _)) if !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit()) => format!(
            "version {found} is another major version of the format, whose members differ: convert the file with the tool that wrote it"
        ),
        _ => format!("a version is written like \"{current}\""),
    }
}
