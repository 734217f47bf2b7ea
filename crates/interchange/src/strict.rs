//! The fast path: a typed read straight from the text that accepts only
//! what the published schema accepts, so that a valid file needs no
//! `serde_json::Value` tree and no schema pass.
//!
//! `serde_json` with the model's derives already refuses most of what the
//! schema refuses (unknown members, wrong types, bad ids, dates and
//! decimals). What serde alone would let through, this adapter refuses:
//!
//! * a struct written as an array (`"resolution": ["…", "ilc-104"]`), which
//!   derived `Deserialize` impls take field by field;
//! * an internally tagged union written as an array (`["count", …]`);
//! * a unit enum written as an object (`{"on_track": null}`), which
//!   `serde_json` takes as an externally tagged variant;
//! * a key twice in a map (`Text`, `extensions`), where a `BTreeMap` keeps
//!   the last one silently (structs already refuse a field twice).
//!
//! And it accepts what the schema accepts but serde alone would not: an
//! integer written with a zero fraction or an exponent (`1.0`, `1e2`),
//! which JSON Schema counts as an integer.
//!
//! Inside `extensions` any JSON is allowed, but still no key twice.
//!
//! The agreement property tests (`tests/agreement.rs`) hold this to the
//! schema: whatever this adapter accepts, the schema accepts.

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected, Visitor,
};
use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;

/// What the caller asked for, which decides what shapes are acceptable.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// A struct: an object only; serde's derive catches a field twice.
    Struct,
    /// A sequence or tuple: arrays allowed.
    Seq,
    /// Anything (a tagged union's buffer, or a `Value` in extensions).
    Any,
    /// An integer: integral floats become integers.
    Int,
    /// Anything else (maps, strings, options …).
    Other,
}

/// A deserializer that refuses what the schema refuses.
pub(crate) struct Strict<D> {
    de: D,
    /// Inside `extensions`: any JSON allowed.
    free: bool,
    /// The value of a member that is a list wherever it appears inside a
    /// tagged union (see [`is_list_member`]): an array is allowed even when
    /// the union's buffer asks for anything.
    list: bool,
}

impl<D> Strict<D> {
    pub(crate) fn new(de: D) -> Self {
        Strict {
            de,
            free: false,
            list: false,
        }
    }
}

/// Members that hold a list wherever the schema has them inside a tagged
/// union (a measure or an observation, buffered before its `kind` is
/// known). Everywhere else in a buffer an array is refused, since the
/// buffered value is later read without this adapter and would take an
/// array for a struct.
fn is_list_member(key: &str) -> bool {
    matches!(key, "targets" | "disaggregation" | "evidence")
}

struct Wrap<V> {
    v: V,
    free: bool,
    want: Want,
}

impl<V> Wrap<V> {
    fn new(v: V, free: bool, want: Want) -> Self {
        Wrap { v, free, want }
    }
}

macro_rules! forward_plain {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
            self.de.$method(Wrap::new(v, self.free, Want::Other))
        }
    )*};
}

macro_rules! forward_int {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
            // `deserialize_any` so that `1.0` reaches the visitor as a float
            // that `Wrap` can turn into the integer the schema sees.
            self.de.deserialize_any(Wrap::new(v, self.free, Want::Int))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        let want = if self.list { Want::Seq } else { Want::Any };
        self.de.deserialize_any(Wrap::new(v, self.free, want))
    }

    forward_plain! {
        deserialize_bool deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_identifier deserialize_map deserialize_option
    }

    forward_int! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_ignored_any(v)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_unit_struct(name, Wrap::new(v, self.free, Want::Other))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_newtype_struct(name, Wrap::new(v, self.free, Want::Other))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_seq(Wrap::new(v, self.free, Want::Seq))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_tuple(len, Wrap::new(v, self.free, Want::Seq))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_tuple_struct(name, len, Wrap::new(v, self.free, Want::Seq))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de
            .deserialize_struct(name, fields, Wrap::new(v, self.free, Want::Struct))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        // The model's externally tagged enums are all unit enums, written
        // as strings; the object form serde_json also takes is refused.
        self.de.deserialize_any(UnitEnum { v })
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Reads a unit variant from a string, and nothing else.
struct UnitEnum<V> {
    v: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for UnitEnum<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.v.visit_enum(StrDeserializer::<E>::new(s))
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        self.v.visit_enum(BorrowedStrDeserializer::<E>::new(s))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        self.v.visit_enum(StringDeserializer::<E>::new(s))
    }
}

/// An integral float as the integer JSON Schema takes it for.
fn integral(f: f64) -> Option<Result<u64, i64>> {
    // 2^64 is exactly representable; below it the casts are exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    if f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f) {
        Some(Ok(f as u64))
    } else if f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..0.0).contains(&f) {
        Some(Err(f as i64))
    } else {
        None
    }
}

macro_rules! visit_plain {
    ($($method:ident: $ty:ty)*) => {$(
        fn $method<E: de::Error>(self, x: $ty) -> Result<V::Value, E> {
            self.v.$method(x)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    visit_plain! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64
        visit_i128: i128 visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64
        visit_u128: u128 visit_f32: f32 visit_char: char visit_str: &str
        visit_borrowed_str: &'de str visit_string: String visit_bytes: &[u8]
        visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<V::Value, E> {
        let normalize = self.want == Want::Int || (self.want == Want::Any && !self.free);
        match integral(f).filter(|_| normalize) {
            Some(Ok(u)) => self.v.visit_u64(u),
            Some(Err(i)) => self.v.visit_i64(i),
            None => self.v.visit_f64(f),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_some(Strict {
            de: d,
            free: self.free,
            list: false,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_newtype_struct(Strict {
            de: d,
            free: self.free,
            list: false,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let allowed = match self.want {
            Want::Seq => true,
            Want::Any => self.free,
            Want::Struct | Want::Int | Want::Other => false,
        };
        if !allowed {
            return Err(de::Error::invalid_type(Unexpected::Seq, &"an object"));
        }
        self.v.visit_seq(Seq {
            seq,
            free: self.free,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let seen = (self.want != Want::Struct).then(HashSet::new);
        self.v.visit_map(Map {
            access: map,
            free: self.free,
            seen,
            key: KeyState::default(),
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, _data: A) -> Result<V::Value, A::Error> {
        // serde_json offers an enum only to `deserialize_enum`, which
        // `Strict` never forwards; refuse rather than guess.
        Err(de::Error::invalid_type(Unexpected::Map, &"a string"))
    }
}

struct Seq<A> {
    seq: A,
    free: bool,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.seq.next_element_seed(Seed {
            inner: seed,
            free: self.free,
            list: false,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct Seed<T> {
    inner: T,
    free: bool,
    list: bool,
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<T> {
    type Value = T::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T::Value, D::Error> {
        self.inner.deserialize(Strict {
            de: d,
            free: self.free,
            list: self.list,
        })
    }
}

thread_local! {
    /// Whether the read on this thread met a key that only format 1.1 has,
    /// outside `extensions` (see `members_1_1.rs`). Reset by [`read`].
    static MEMBER_1_1: Cell<bool> = const { Cell::new(false) };
}

/// What the last key was: whether it opens `extensions`, and its text when
/// the map tracks duplicates.
// Four independent facts about one key, each read where it matters.
#[allow(clippy::struct_excessive_bools)]
#[derive(Default)]
struct KeyState {
    extensions: bool,
    list: bool,
    text: Option<String>,
    want_text: bool,
    /// Inside `extensions`, where keys are the tool's own.
    free: bool,
}

struct Map<A> {
    access: A,
    free: bool,
    /// Keys seen so far, for maps (a struct's derive refuses a field twice).
    seen: Option<HashSet<String>>,
    key: KeyState,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.key = KeyState {
            want_text: self.seen.is_some(),
            free: self.free,
            ..KeyState::default()
        };
        let out = self.access.next_key_seed(KeySeed {
            seed,
            state: &mut self.key,
        })?;
        if let (Some(seen), Some(text)) = (self.seen.as_mut(), self.key.text.take())
            && !seen.insert(text)
        {
            return Err(de::Error::custom("a key appears twice in one object"));
        }
        Ok(out)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.access.next_value_seed(Seed {
            inner: seed,
            free: self.free || self.key.extensions,
            list: self.key.list,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

struct KeySeed<'s, K> {
    seed: K,
    state: &'s mut KeyState,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K::Value, D::Error> {
        self.seed.deserialize(KeyDe {
            de: d,
            state: self.state,
        })
    }
}

/// The key's deserializer: notes the key's text on the way through.
struct KeyDe<'s, D> {
    de: D,
    state: &'s mut KeyState,
}

macro_rules! forward_key {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
            self.de.$method(KeyVisitor { v, state: self.state })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, D> {
    type Error = D::Error;

    forward_key! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_unit_struct(
            name,
            KeyVisitor {
                v,
                state: self.state,
            },
        )
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_newtype_struct(
            name,
            KeyVisitor {
                v,
                state: self.state,
            },
        )
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple(
            len,
            KeyVisitor {
                v,
                state: self.state,
            },
        )
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple_struct(
            name,
            len,
            KeyVisitor {
                v,
                state: self.state,
            },
        )
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_struct(
            name,
            fields,
            KeyVisitor {
                v,
                state: self.state,
            },
        )
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_enum(
            name,
            variants,
            KeyVisitor {
                v,
                state: self.state,
            },
        )
    }
}

struct KeyVisitor<'s, V> {
    v: V,
    state: &'s mut KeyState,
}

impl KeyState {
    fn note(&mut self, key: &str) {
        if !self.free && crate::members_1_1::is_member_1_1(key) {
            MEMBER_1_1.set(true);
        }
        self.extensions = key == "extensions";
        self.list = is_list_member(key);
        if self.want_text {
            self.text = Some(key.to_owned());
        }
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.state.note(s);
        self.v.visit_str(s)
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        self.state.note(s);
        self.v.visit_borrowed_str(s)
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        self.state.note(&s);
        self.v.visit_string(s)
    }

    // JSON keys are strings; serde_json may offer a key as a number only
    // when a number was asked for, which the model never does.
    fn visit_u64<E: de::Error>(self, x: u64) -> Result<V::Value, E> {
        self.state.note(&x.to_string());
        self.v.visit_u64(x)
    }

    fn visit_i64<E: de::Error>(self, x: i64) -> Result<V::Value, E> {
        self.state.note(&x.to_string());
        self.v.visit_i64(x)
    }
}

/// Reads an envelope on the fast path. `Err` means "not proven valid here":
/// the caller runs the schema to explain.
pub(crate) fn read<T: de::DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    MEMBER_1_1.set(false);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Strict::new(&mut de))?;
    de.end()?;
    Ok(value)
}

/// Whether the last [`read`] on this thread met a key that only format 1.1
/// has, outside `extensions`: even an empty one (`"units": []`), which
/// leaves no trace in the typed values.
pub(crate) fn met_member_1_1() -> bool {
    MEMBER_1_1.get()
}

/// The same read, with the JSON pointer of the first thing it refused.
pub(crate) fn read_with_path<T: de::DeserializeOwned>(
    text: &str,
) -> Result<T, (String, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let result = T::deserialize(Strict::new(serde_path_to_error::Deserializer::new(
        &mut de, &mut track,
    )));
    let value = result.map_err(|e| (to_pointer(&track.path()), e))?;
    de.end().map_err(|e| (String::new(), e))?;
    Ok(value)
}

/// A `serde_path_to_error` path as a JSON pointer.
fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                out.push('/');
                out.push_str(&crate::locate::escape_token(key));
            }
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct S {
        a: u32,
        #[serde(default)]
        list: Vec<u8>,
        #[serde(default)]
        map: BTreeMap<String, String>,
        #[serde(default)]
        extensions: BTreeMap<String, serde_json::Value>,
        #[serde(default)]
        mode: Option<Mode>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        On,
    }

    fn ok(t: &str) -> bool {
        read::<S>(t).is_ok()
    }

    #[test]
    fn refuses_what_the_schema_refuses() {
        assert!(ok(
            r#"{"a": 1, "list": [1], "map": {"x": "y"}, "mode": "on"}"#
        ));
        assert!(!ok("[1]"), "struct as array");
        assert!(!ok(r#"{"a": 1, "mode": {"on": null}}"#), "enum as object");
        assert!(!ok(r#"{"a": 1, "map": {"x": "y", "x": "z"}}"#), "key twice");
        assert!(!ok(r#"{"a": 1, "a": 2}"#), "field twice");
        assert!(
            !ok(r#"{"a": 1, "extensions": {"t": {"k": 1, "k": 2}}}"#),
            "key twice in extensions"
        );
    }

    #[test]
    fn accepts_what_the_schema_accepts() {
        assert!(ok(r#"{"a": 1.0}"#), "integral float");
        assert!(ok(r#"{"a": 1e2}"#), "exponent");
        assert!(!ok(r#"{"a": 1.5}"#));
        assert!(ok(
            r#"{"a": 1, "extensions": {"t": [1, [2], {"k": [3.5]}]}}"#
        ));
    }

    #[test]
    fn extension_floats_are_not_made_integers() {
        let s: S = read(r#"{"a": 1, "extensions": {"t": 2.0}}"#).unwrap();
        assert!(s.extensions["t"].is_f64());
    }

    #[test]
    fn path_of_the_refusal() {
        let (p, _) = read_with_path::<S>(r#"{"a": 1, "map": {"x": "y", "x": "z"}}"#).unwrap_err();
        // The object that holds the key twice.
        assert_eq!(p, "/map");
    }
}
