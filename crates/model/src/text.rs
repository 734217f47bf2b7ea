//! Text a person reads, in the ILO's working languages.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// One of the ILO's working languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Language {
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

impl Language {
    /// The ISO 639-1 code, as used in the exchange format (`en`, `fr`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in up to three languages; at least one version is present and no
/// version is empty.
///
/// On the wire: `{"en": "Report is produced and made available"}`, with `fr`
/// and `es` beside `en` where translations exist.
///
/// ```
/// use actionplan_model::{Language, Text};
/// let t = Text::en("Report is published")?.with(Language::Fr, "Le rapport est publié")?;
/// assert_eq!(t.get(Language::Fr), Some("Le rapport est publié"));
/// assert_eq!(t.best(Language::Es), "Report is published"); // falls back to English
///
/// // The format refuses an empty version, and so does every constructor:
/// assert!(Text::en("").is_err());
/// # Ok::<(), actionplan_model::TextError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    /// English version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    en: Option<String>,
    /// French version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fr: Option<String>,
    /// Spanish version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    es: Option<String>,
}

/// A [`Text`] was built without any version, or with an empty one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// No language version was given.
    #[error("a text needs at least one of `en`, `fr` or `es`")]
    NoVersion,
    /// A version was the empty string.
    #[error("the `{0}` version of a text is empty; leave it out instead")]
    EmptyVersion(Language),
    /// A plain string member that the format requires non-empty was empty
    /// (the member's name is given, e.g. `symbol`).
    #[error(
        "`{0}` must not be empty: write the value, e.g. a document symbol such as GB.328/INS/8"
    )]
    EmptyString(&'static str),
}

impl Text {
    /// A text in one language.
    ///
    /// # Errors
    ///
    /// [`TextError::EmptyVersion`] if `text` is empty: the format refuses an
    /// empty version (leave the language out instead).
    pub fn new(lang: Language, text: impl Into<String>) -> Result<Self, TextError> {
        let text = text.into();
        if text.is_empty() {
            return Err(TextError::EmptyVersion(lang));
        }
        let mut t = Text {
            en: None,
            fr: None,
            es: None,
        };
        *t.slot(lang) = Some(text);
        Ok(t)
    }

    /// An English-only text.
    ///
    /// # Errors
    ///
    /// [`TextError::EmptyVersion`] if `text` is empty.
    pub fn en(text: impl Into<String>) -> Result<Self, TextError> {
        Text::new(Language::En, text)
    }

    /// A text from its three optional versions, as a tool that holds them
    /// separately has them.
    ///
    /// # Errors
    ///
    /// [`TextError::EmptyVersion`] if a given version is empty,
    /// [`TextError::NoVersion`] if none is given.
    pub fn try_from_versions(
        en: Option<String>,
        fr: Option<String>,
        es: Option<String>,
    ) -> Result<Self, TextError> {
        for (lang, v) in [
            (Language::En, &en),
            (Language::Fr, &fr),
            (Language::Es, &es),
        ] {
            if v.as_deref() == Some("") {
                return Err(TextError::EmptyVersion(lang));
            }
        }
        if en.is_none() && fr.is_none() && es.is_none() {
            return Err(TextError::NoVersion);
        }
        Ok(Text { en, fr, es })
    }

    /// Adds or replaces the version in `lang`.
    ///
    /// # Errors
    ///
    /// [`TextError::EmptyVersion`] if `text` is empty.
    pub fn with(mut self, lang: Language, text: impl Into<String>) -> Result<Self, TextError> {
        let text = text.into();
        if text.is_empty() {
            return Err(TextError::EmptyVersion(lang));
        }
        *self.slot(lang) = Some(text);
        Ok(self)
    }

    fn slot(&mut self, lang: Language) -> &mut Option<String> {
        match lang {
            Language::En => &mut self.en,
            Language::Fr => &mut self.fr,
            Language::Es => &mut self.es,
        }
    }

    /// The version in `lang`, if there is one.
    pub fn get(&self, lang: Language) -> Option<&str> {
        match lang {
            Language::En => self.en.as_deref(),
            Language::Fr => self.fr.as_deref(),
            Language::Es => self.es.as_deref(),
        }
    }

    /// The version in `lang`, else English, else French, else Spanish.
    pub fn best(&self, lang: Language) -> &str {
        self.get(lang)
            .or(self.en.as_deref())
            .or(self.fr.as_deref())
            .or(self.es.as_deref())
            .unwrap_or_default()
    }

    /// The languages this text is available in, in code order.
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        [Language::En, Language::Fr, Language::Es]
            .into_iter()
            .filter(|l| self.get(*l).is_some())
    }
}

impl fmt::Display for Text {
    /// Writes the English version, or the first available one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.best(Language::En))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A map of strings, so that `null` is refused as the schema refuses it.
        let map = std::collections::BTreeMap::<String, String>::deserialize(d)?;
        let mut text = Text {
            en: None,
            fr: None,
            es: None,
        };
        for (key, value) in map {
            let lang = match key.as_str() {
                "en" => Language::En,
                "fr" => Language::Fr,
                "es" => Language::Es,
                other => {
                    return Err(serde::de::Error::custom(format_args!(
                        "unknown language `{other}` in a text: use `en`, `fr` or `es`"
                    )));
                }
            };
            *text.slot(lang) = Some(value);
        }
        Text::try_from_versions(text.en, text.fr, text.es).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let version = schemars::json_schema!({ "type": "string", "minLength": 1 });
        schemars::json_schema!({
            "type": "object",
            "description": "A text in one or more of the ILO's working languages, e.g. {\"en\": \"Report is published\", \"fr\": \"Le rapport est publié\"}. At least one version; none empty.",
            "properties": { "en": version, "fr": version, "es": version },
            "additionalProperties": false,
            "minProperties": 1
        })
    }
}

/// Serde helper: a string that must not be empty.
pub(crate) fn non_empty_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.is_empty() {
        return Err(serde::de::Error::custom("this text must not be empty"));
    }
    Ok(s)
}

/// Serde helper: an optional string that, where given, is not empty.
pub(crate) fn non_empty_string_option<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if s.is_empty() => Err(serde::de::Error::custom("this text must not be empty")),
        other => Ok(other),
    }
}

/// Serde helper: a list that must hold at least one element.
pub(crate) fn non_empty_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let v = Vec::<T>::deserialize(d)?;
    if v.is_empty() {
        return Err(serde::de::Error::custom(
            "this list must hold at least one entry",
        ));
    }
    Ok(v)
}
