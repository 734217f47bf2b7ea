//! The `extensions` object: where tools keep data of their own.
//!
//! The library never interprets extension data, but it must give it back
//! as it came: a number such as `123456789012345678901234567890` or
//! `1e-400` would change through `f64` (`serde_json::Value` without the
//! `arbitrary_precision` feature, which must stay off: it changes
//! behaviour for every crate in an embedder's build). So extension values
//! are read from the raw text of the value and keep each number's token
//! exactly as written.

use serde::de::{self, Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::collections::BTreeMap;

/// Tool-specific data, keyed by a name the tool chooses (a reverse domain
/// name such as `org.example.tracker` avoids clashes). The library keeps it
/// and writes it back in key order; it never interprets it.
///
/// Numbers inside extensions are kept exactly as written
/// (`123456789012345678901234567890` and `1e-400` come back unchanged).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Extensions(pub BTreeMap<String, ExtensionValue>);

impl Extensions {
    /// Whether there is no extension data.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One value inside `extensions`: any JSON, objects kept in key order,
/// numbers kept as written.
///
/// ```
/// use actionplan_model::ExtensionValue;
/// let v: ExtensionValue = serde_json::from_str(r#"{"b": 1e-400, "a": [123456789012345678901234567890]}"#)?;
/// assert_eq!(serde_json::to_string(&v)?, r#"{"a":[123456789012345678901234567890],"b":1e-400}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExtensionValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(ExtensionNumber),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<ExtensionValue>),
    /// An object, in key order.
    Object(BTreeMap<String, ExtensionValue>),
}

/// A JSON number exactly as written (`1.50` stays `1.50`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExtensionNumber(String);

impl ExtensionNumber {
    /// The number written as `text`, if `text` is a JSON number within the
    /// range of a double (what every JSON reader can hold; `1e400` is
    /// refused, as the format says, while `1e-400` and 30-digit integers
    /// are kept as written).
    ///
    /// ```
    /// use actionplan_model::ExtensionNumber;
    /// assert_eq!(ExtensionNumber::new("1e-400").unwrap().as_str(), "1e-400");
    /// assert!(ExtensionNumber::new("1e400").is_none());
    /// assert!(ExtensionNumber::new("01").is_none());
    /// assert!(ExtensionNumber::new("NaN").is_none());
    /// ```
    pub fn new(text: &str) -> Option<Self> {
        let in_range = text.parse::<f64>().is_ok_and(f64::is_finite);
        (is_json_number(text) && in_range).then(|| ExtensionNumber(text.to_owned()))
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as the nearest `f64` (lossy), if it is within its range.
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse::<f64>().ok().filter(|f| f.is_finite())
    }
}

impl From<u64> for ExtensionNumber {
    fn from(n: u64) -> Self {
        ExtensionNumber(n.to_string())
    }
}

impl From<i64> for ExtensionNumber {
    fn from(n: i64) -> Self {
        ExtensionNumber(n.to_string())
    }
}

/// The JSON number grammar (RFC 8259 §6).
fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0usize;
    let at = |i: usize| b.get(i).copied();
    let digits = |mut i: usize| {
        let start = i;
        while at(i).is_some_and(|c| c.is_ascii_digit()) {
            i = i.saturating_add(1);
        }
        (i, i > start)
    };
    if at(i) == Some(b'-') {
        i = i.saturating_add(1);
    }
    match at(i) {
        Some(b'0') => i = i.saturating_add(1),
        Some(b'1'..=b'9') => i = digits(i).0,
        _ => return false,
    }
    if at(i) == Some(b'.') {
        let (j, any) = digits(i.saturating_add(1));
        if !any {
            return false;
        }
        i = j;
    }
    if matches!(at(i), Some(b'e' | b'E')) {
        i = i.saturating_add(1);
        if matches!(at(i), Some(b'+' | b'-')) {
            i = i.saturating_add(1);
        }
        let (j, any) = digits(i);
        if !any {
            return false;
        }
        i = j;
    }
    i == b.len()
}

impl From<serde_json::Value> for ExtensionValue {
    /// Converts a `Value`; its numbers are written as `serde_json` prints
    /// them.
    fn from(v: serde_json::Value) -> Self {
        use serde_json::Value;
        match v {
            Value::Null => ExtensionValue::Null,
            Value::Bool(b) => ExtensionValue::Bool(b),
            Value::Number(n) => ExtensionValue::Number(ExtensionNumber(n.to_string())),
            Value::String(s) => ExtensionValue::String(s),
            Value::Array(a) => ExtensionValue::Array(a.into_iter().map(Into::into).collect()),
            Value::Object(o) => {
                ExtensionValue::Object(o.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

impl Serialize for ExtensionNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Integers that print back the same go through the plain methods
        // (every serializer knows them); any other number is written raw,
        // which serde_json copies to the output as it is.
        if let Ok(u) = self.0.parse::<u64>()
            && u.to_string() == self.0
        {
            return s.serialize_u64(u);
        }
        if let Ok(i) = self.0.parse::<i64>()
            && i.to_string() == self.0
        {
            return s.serialize_i64(i);
        }
        serde_json::value::RawValue::from_string(self.0.clone())
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

impl Serialize for ExtensionValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ExtensionValue::Null => s.serialize_unit(),
            ExtensionValue::Bool(b) => s.serialize_bool(*b),
            ExtensionValue::Number(n) => n.serialize(s),
            ExtensionValue::String(t) => s.serialize_str(t),
            ExtensionValue::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            ExtensionValue::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for ExtensionValue {
    /// Reads the value's raw text (a JSON deserializer hands it over
    /// untouched) and parses it here, keeping number tokens. A key given
    /// twice in one object is refused.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let text = raw.get();
        let mut p = Parser {
            b: text.as_bytes(),
            s: text,
            i: 0,
        };
        let v = p.value(0).map_err(de::Error::custom)?;
        p.ws();
        if p.i != p.b.len() {
            return Err(de::Error::custom(
                "trailing characters in an extension value",
            ));
        }
        Ok(v)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ExtensionValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AnyValue".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::Schema::from(true)
    }
}

/// How deep an extension value may nest below its key. `serde_json` hands a
/// raw value over without counting its nesting, so the limit is kept here:
/// 120 levels below the deepest `extensions` (a report entry's, at level 6)
/// stay within `serde_json`'s own limit of 127 levels for the whole file.
pub const MAX_EXTENSION_DEPTH: usize = 120;

/// A parser for JSON text that `serde_json` has already checked.
struct Parser<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn bump(&mut self) {
        self.i = self.i.saturating_add(1);
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn expect(&mut self, word: &str) -> Result<(), String> {
        let end = self.i.saturating_add(word.len());
        if self.s.get(self.i..end) == Some(word) {
            self.i = end;
            Ok(())
        } else {
            Err(format!("expected `{word}` in an extension value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<ExtensionValue, String> {
        if depth >= MAX_EXTENSION_DEPTH {
            return Err(format!(
                "an extension value nests more than {MAX_EXTENSION_DEPTH} levels of arrays and objects"
            ));
        }
        self.ws();
        match self.peek() {
            Some(b'n') => self.expect("null").map(|()| ExtensionValue::Null),
            Some(b't') => self.expect("true").map(|()| ExtensionValue::Bool(true)),
            Some(b'f') => self.expect("false").map(|()| ExtensionValue::Bool(false)),
            Some(b'"') => self.string().map(ExtensionValue::String),
            Some(b'[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b']') => {
                            self.bump();
                            return Ok(ExtensionValue::Array(items));
                        }
                        Some(b',') => self.bump(),
                        _ => items.push(self.value(depth.saturating_add(1))?),
                    }
                }
            }
            Some(b'{') => {
                self.bump();
                let mut members = BTreeMap::new();
                loop {
                    self.ws();
                    match self.peek() {
                        Some(b'}') => {
                            self.bump();
                            return Ok(ExtensionValue::Object(members));
                        }
                        Some(b',') => self.bump(),
                        Some(b'"') => {
                            let key = self.string()?;
                            self.ws();
                            self.expect(":")?;
                            let v = self.value(depth.saturating_add(1))?;
                            if members.contains_key(&key) {
                                return Err(format!(
                                    "key `{key}` appears twice in one object in extensions"
                                ));
                            }
                            members.insert(key, v);
                        }
                        _ => return Err("malformed object in an extension value".into()),
                    }
                }
            }
            Some(_) => {
                let start = self.i;
                while matches!(
                    self.peek(),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.bump();
                }
                let text = self.s.get(start..self.i).unwrap_or_default();
                ExtensionNumber::new(text)
                    .map(ExtensionValue::Number)
                    .ok_or_else(|| format!("`{text}` is not a JSON number"))
            }
            None => Err("an extension value ends early".into()),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        let start = self.i;
        self.bump();
        let mut escaped = false;
        loop {
            match self.peek() {
                None => return Err("unterminated string in an extension value".into()),
                Some(b'\\') => {
                    escaped = true;
                    self.i = self.i.saturating_add(2);
                }
                Some(b'"') => {
                    self.bump();
                    break;
                }
                Some(_) => self.bump(),
            }
        }
        let token = self.s.get(start..self.i).unwrap_or_default();
        if escaped {
            serde_json::from_str(token).map_err(|e| e.to_string())
        } else {
            Ok(token
                .get(1..token.len().saturating_sub(1))
                .unwrap_or_default()
                .to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_as_written() {
        for text in [
            "123456789012345678901234567890",
            "1e-400",
            "1E+300",
            "-0",
            "1.50",
            "0.1",
            "-12",
            "18446744073709551616",
        ] {
            let v: ExtensionValue = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), text);
            assert_eq!(serde_json::to_string_pretty(&v).unwrap(), text);
        }
    }

    #[test]
    fn nested_values_are_sorted_and_exact() {
        let v: ExtensionValue = serde_json::from_str(
            r#" { "z" : [ 1.0 , {"b": "\u00e9\n", "a": null} ], "a": true } "#,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"a":true,"z":[1.0,{"a":null,"b":"é\n"}]}"#
        );
    }

    #[test]
    fn a_key_twice_is_refused() {
        assert!(serde_json::from_str::<ExtensionValue>(r#"{"a": 1, "a": 2}"#).is_err());
    }

    #[test]
    fn grammar() {
        for ok in ["0", "-0", "1.5e3", "10", "1E-2"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in ["", "-", "01", "1.", ".5", "1e", "+1", "1e+", "0x1", "1.5.5"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
