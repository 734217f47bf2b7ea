//! Issue codes: what a tool matches on, typed in Rust and a stable string
//! on the wire.

use actionplan_model::Rule;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// What kind of issue was found: the value a tool matches on.
///
/// Every code has a stable string form, which is how it is written
/// ([`Display`](fmt::Display)), serialized and parsed back ([`FromStr`]).
/// Tools in other languages match on these strings:
///
/// | code | string form | found by |
/// |---|---|---|
/// | [`Code::Rule`] | the rule's id: `AP001` … `AP036` | the rules a schema cannot express |
/// | [`Code::Schema`] | `schema/` and the JSON Schema keyword that failed: `schema/required`, `schema/pattern`, `schema/additionalProperties` … | the published schema |
/// | [`Code::Shape`] | `shape` | the typed reader, when the crate is built without its `schema-validation` feature (no keyword is named) |
/// | [`Code::Syntax`] | `syntax/json`, `syntax/eof`, `syntax/duplicate-key` | the JSON parser |
/// | [`Code::Encoding`] | `encoding/not-utf8`, `encoding/byte-order-mark`, `encoding/other-unicode` | the check of the bytes |
/// | [`Code::Limit`] | `limit/input-size`, `limit/nesting` | the reader's limits ([`ReadOptions`](crate::ReadOptions), [`MAX_NESTING`](crate::MAX_NESTING)) |
/// | [`Code::Envelope`] | `envelope/format`, `envelope/version` | the check of the envelope's `format` and `version` |
/// | [`Code::Io`] | `io` | the operating system |
/// | [`Code::Internal`] | `internal` | a disagreement between the schema and the reader: a bug to report |
///
/// A later version may add codes (the enums are `#[non_exhaustive]`), never
/// change the string form of one.
///
/// ```
/// use actionplan_interchange::{Code, SchemaKeyword, SyntaxKind};
/// use actionplan_model::Rule;
///
/// assert_eq!(Code::Rule(Rule::UnresolvedReference).to_string(), "AP002");
/// assert_eq!(Code::Schema(SchemaKeyword::Required).to_string(), "schema/required");
/// assert_eq!("syntax/eof".parse::<Code>(), Ok(Code::Syntax(SyntaxKind::Eof)));
/// // A keyword this crate does not name keeps its text.
/// assert_eq!(
///     "schema/dependentRequired".parse::<Code>(),
///     Ok(Code::Schema(SchemaKeyword::Other("dependentRequired".into())))
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Code {
    /// A rule a schema cannot express is broken (`AP001` …).
    Rule(Rule),
    /// A keyword of the published schema failed (`schema/<keyword>`).
    Schema(SchemaKeyword),
    /// A value does not have the shape the format requires, as found by the
    /// typed reader without the schema validator (`shape`).
    Shape,
    /// The text is not JSON (`syntax/…`).
    Syntax(SyntaxKind),
    /// The bytes are not UTF-8 text as the format requires (`encoding/…`).
    Encoding(EncodingKind),
    /// The input passes a limit of the reader (`limit/…`).
    Limit(LimitKind),
    /// The envelope names another format or a version this library does
    /// not read (`envelope/…`).
    Envelope(EnvelopeKind),
    /// The input could not be read (`io`).
    Io,
    /// The schema and the reader disagree: a bug of this crate (`internal`).
    Internal,
}

/// Declares a fieldless kind enum with its stable string forms.
macro_rules! kinds {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every kind, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable string form, without the family prefix.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.as_str() == s)
            }
        }
    };
}

kinds! {
    /// Why a text is not JSON.
    SyntaxKind {
        /// Anything the JSON grammar refuses but an early end (`json`).
        Invalid = "json",
        /// The text ends inside a value (`eof`).
        Eof = "eof",
        /// One object names the same key twice (`duplicate-key`).
        DuplicateKey = "duplicate-key",
    }
}

kinds! {
    /// Why bytes are not the UTF-8 text the format requires.
    EncodingKind {
        /// A byte sequence that is not UTF-8 (`not-utf8`).
        NotUtf8 = "not-utf8",
        /// UTF-8 with a byte order mark, which the format refuses
        /// (`byte-order-mark`).
        ByteOrderMark = "byte-order-mark",
        /// UTF-16 or UTF-32 text (`other-unicode`).
        OtherUnicode = "other-unicode",
    }
}

kinds! {
    /// Which limit of the reader the input passes.
    LimitKind {
        /// The input is longer than the input limit (`input-size`).
        InputSize = "input-size",
        /// Arrays and objects nest deeper than the parser follows (`nesting`).
        Nesting = "nesting",
    }
}

kinds! {
    /// What is wrong with the envelope's header.
    EnvelopeKind {
        /// The JSON is not an actionplan exchange file: no object, or no
        /// `"format": "actionplan"` (`format`).
        Format = "format",
        /// The file's format version is not one this library reads (`version`).
        Version = "version",
    }
}

/// The JSON Schema keyword that failed, for [`Code::Schema`].
///
/// The string form is the keyword as the JSON Schema specification spells
/// it (`additionalProperties`, `minLength`). Keywords the published schema
/// uses are named; any other keyword a validator reports is kept as
/// [`SchemaKeyword::Other`]. Build one from a keyword with
/// [`SchemaKeyword::from_keyword`], which never makes `Other` of a keyword
/// that has a variant.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum SchemaKeyword {
    /// `required`: a required member is missing.
    Required,
    /// `additionalProperties`: a member the schema does not know.
    AdditionalProperties,
    /// `type`: a value of the wrong JSON type.
    Type,
    /// `pattern`: a string of the wrong form.
    Pattern,
    /// `format`: a string that is not a valid date (or other format).
    Format,
    /// `enum`: a value outside a vocabulary.
    Enum,
    /// `const`: a value other than the one allowed.
    Const,
    /// `oneOf`: a value that matches none (or several) of the forms.
    OneOf,
    /// `anyOf`: a value that matches none of the forms.
    AnyOf,
    /// `not`: a value of a forbidden form (a line break in an id).
    Not,
    /// `minimum`: a number below the smallest allowed.
    Minimum,
    /// `maximum`: a number above the largest allowed.
    Maximum,
    /// `minLength`: a string too short.
    MinLength,
    /// `maxLength`: a string too long.
    MaxLength,
    /// `minItems`: an array with too few items.
    MinItems,
    /// `maxItems`: an array with too many items.
    MaxItems,
    /// `minProperties`: an object with too few members.
    MinProperties,
    /// `uniqueItems`: an array with an item twice.
    UniqueItems,
    /// Any other keyword, as the validator named it.
    Other(String),
}

impl SchemaKeyword {
    /// Every keyword with a variant of its own: those the published schema
    /// uses.
    pub const NAMED: [SchemaKeyword; 18] = [
        SchemaKeyword::Required,
        SchemaKeyword::AdditionalProperties,
        SchemaKeyword::Type,
        SchemaKeyword::Pattern,
        SchemaKeyword::Format,
        SchemaKeyword::Enum,
        SchemaKeyword::Const,
        SchemaKeyword::OneOf,
        SchemaKeyword::AnyOf,
        SchemaKeyword::Not,
        SchemaKeyword::Minimum,
        SchemaKeyword::Maximum,
        SchemaKeyword::MinLength,
        SchemaKeyword::MaxLength,
        SchemaKeyword::MinItems,
        SchemaKeyword::MaxItems,
        SchemaKeyword::MinProperties,
        SchemaKeyword::UniqueItems,
    ];

    /// The keyword as JSON Schema spells it.
    pub fn as_str(&self) -> &str {
        match self {
            SchemaKeyword::Required => "required",
            SchemaKeyword::AdditionalProperties => "additionalProperties",
            SchemaKeyword::Type => "type",
            SchemaKeyword::Pattern => "pattern",
            SchemaKeyword::Format => "format",
            SchemaKeyword::Enum => "enum",
            SchemaKeyword::Const => "const",
            SchemaKeyword::OneOf => "oneOf",
            SchemaKeyword::AnyOf => "anyOf",
            SchemaKeyword::Not => "not",
            SchemaKeyword::Minimum => "minimum",
            SchemaKeyword::Maximum => "maximum",
            SchemaKeyword::MinLength => "minLength",
            SchemaKeyword::MaxLength => "maxLength",
            SchemaKeyword::MinItems => "minItems",
            SchemaKeyword::MaxItems => "maxItems",
            SchemaKeyword::MinProperties => "minProperties",
            SchemaKeyword::UniqueItems => "uniqueItems",
            SchemaKeyword::Other(k) => k,
        }
    }

    /// The keyword spelt `keyword`: its variant, or [`SchemaKeyword::Other`].
    ///
    /// ```
    /// use actionplan_interchange::SchemaKeyword;
    /// assert_eq!(SchemaKeyword::from_keyword("minLength"), SchemaKeyword::MinLength);
    /// assert_eq!(SchemaKeyword::from_keyword("if"), SchemaKeyword::Other("if".into()));
    /// ```
    pub fn from_keyword(keyword: &str) -> Self {
        Self::NAMED
            .iter()
            .find(|k| k.as_str() == keyword)
            .cloned()
            .unwrap_or_else(|| SchemaKeyword::Other(keyword.to_owned()))
    }
}

impl fmt::Display for SchemaKeyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Code {
    /// The stable string form: `AP002`, `schema/required`, `syntax/eof` ….
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Rule(r) => f.write_str(r.code()),
            Code::Schema(k) => write!(f, "schema/{k}"),
            Code::Shape => f.write_str("shape"),
            Code::Syntax(k) => write!(f, "syntax/{}", k.as_str()),
            Code::Encoding(k) => write!(f, "encoding/{}", k.as_str()),
            Code::Limit(k) => write!(f, "limit/{}", k.as_str()),
            Code::Envelope(k) => write!(f, "envelope/{}", k.as_str()),
            Code::Io => f.write_str("io"),
            Code::Internal => f.write_str("internal"),
        }
    }
}

/// A string that is the form of no [`Code`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an issue code (codes look like AP002, schema/required, syntax/eof)")]
pub struct UnknownCode(String);

impl FromStr for Code {
    type Err = UnknownCode;

    /// Parses the string form back.
    ///
    /// # Errors
    ///
    /// [`UnknownCode`] when `s` is the string form of no code.
    fn from_str(s: &str) -> Result<Self, UnknownCode> {
        let unknown = || UnknownCode(s.to_owned());
        if let Some(rule) = Rule::ALL.iter().find(|r| r.code() == s) {
            return Ok(Code::Rule(*rule));
        }
        match s {
            "shape" => return Ok(Code::Shape),
            "io" => return Ok(Code::Io),
            "internal" => return Ok(Code::Internal),
            _ => {}
        }
        let (family, kind) = s.split_once('/').ok_or_else(unknown)?;
        let code = match family {
            "schema" if !kind.is_empty() => Some(Code::Schema(SchemaKeyword::from_keyword(kind))),
            "syntax" => SyntaxKind::parse(kind).map(Code::Syntax),
            "encoding" => EncodingKind::parse(kind).map(Code::Encoding),
            "limit" => LimitKind::parse(kind).map(Code::Limit),
            "envelope" => EnvelopeKind::parse(kind).map(Code::Envelope),
            _ => None,
        };
        code.ok_or_else(unknown)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Every code the crate can report (`schema/<keyword>` for the keywords
/// the schema uses, and one it does not), for the tests of every list of
/// codes.
#[cfg(test)]
pub(crate) fn every_code() -> Vec<Code> {
    let mut all: Vec<Code> = actionplan_model::Rule::ALL
        .iter()
        .copied()
        .map(Code::Rule)
        .collect();
    all.extend(SchemaKeyword::NAMED.iter().cloned().map(Code::Schema));
    all.push(Code::Schema(SchemaKeyword::Other(
        "dependentRequired".into(),
    )));
    all.extend(SyntaxKind::ALL.iter().copied().map(Code::Syntax));
    all.extend(EncodingKind::ALL.iter().copied().map(Code::Encoding));
    all.extend(LimitKind::ALL.iter().copied().map(Code::Limit));
    all.extend(EnvelopeKind::ALL.iter().copied().map(Code::Envelope));
    all.extend([Code::Shape, Code::Io, Code::Internal]);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_form_parses_back_and_is_unique() {
        let all = every_code();
        let mut seen = std::collections::HashSet::new();
        for code in &all {
            let text = code.to_string();
            assert_eq!(text.parse::<Code>().as_ref(), Ok(code), "{text}");
            assert!(seen.insert(text.clone()), "{text} twice");
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), *code);
        }
    }

    #[test]
    fn nonsense_is_refused() {
        for s in [
            "",
            "AP000",
            "AP037",
            "schema/",
            "syntax/nope",
            "nope",
            "rule/AP001",
        ] {
            assert!(s.parse::<Code>().is_err(), "{s}");
        }
    }
}
