//! Means of verification (format 1.1): the documents an observation, a
//! deliverable's progress or a revision cites, like IATI's `document-link`.

use crate::{DateOrMonth, Text};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A document cited as evidence: a title, and a document symbol, an
/// `http`/`https` address, a date where known.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Evidence {
    /// The document's title.
    pub title: Text,
    /// Its document symbol, e.g. `GB.331/INS/4`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::text::non_empty_string_option"
    )]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub symbol: Option<String>,
    /// Where to read it: an `http` or `https` address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<HttpUrl>,
    /// Its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateOrMonth>,
}

impl Evidence {
    /// Creates an `Evidence` from its required members: `title`.
    ///
    /// Optional members start empty; set them through the public fields.
    ///
    /// ```
    /// use actionplan_model::Evidence;
    /// let e: Evidence = serde_json::from_str(r#"{
    ///   "title": {"en": "Evaluation of the EESE programme"},
    ///   "url": "https://www.ilo.org/eese", "date": "2017-11"
    /// }"#)?;
    /// assert_eq!(e.url.as_ref().map(|u| u.as_str()), Some("https://www.ilo.org/eese"));
    /// assert!(serde_json::from_str::<Evidence>(
    ///     r#"{"title": {"en": "x"}, "url": "javascript:alert(1)"}"#
    /// ).is_err());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn new(title: Text) -> Self {
        Evidence {
            title,
            symbol: None,
            url: None,
            date: None,
        }
    }
}

/// The longest address accepted, in bytes.
pub const MAX_URL_LEN: usize = 2048;

/// The grammar of an [`HttpUrl`] as a JSON Schema pattern: `http://` or
/// `https://` and then only the characters RFC 3986 allows unescaped
/// (other characters are percent-encoded).
pub const HTTP_URL_PATTERN: &str = r"^https?://[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$";

/// An absolute `http` or `https` address. Nothing else becomes a link in
/// a report: a `javascript:` or `data:` address is refused on reading.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct HttpUrl(String);

/// An address was not an `http`/`https` URL of the accepted grammar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an http or https address: write an absolute address such as https://www.ilo.org/…, with spaces and non-ASCII characters percent-encoded (at most 2048 characters)"
)]
pub struct UrlError(pub String);

impl HttpUrl {
    /// Checks `s` against [`HTTP_URL_PATTERN`] and wraps it.
    ///
    /// # Errors
    ///
    /// [`UrlError`] for any other scheme, an empty host part, a character
    /// RFC 3986 does not allow unescaped, or more than 2048 bytes.
    pub fn new(s: impl Into<String>) -> Result<Self, UrlError> {
        let s = s.into();
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"));
        let ok = s.len() <= MAX_URL_LEN
            && rest.is_some_and(|r| {
                !r.is_empty()
                    && r.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || b"._~:/?#[]@!$&'()*+,;=%-".contains(&b)
                    })
            });
        if ok { Ok(HttpUrl(s)) } else { Err(UrlError(s)) }
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for HttpUrl {
    type Err = UrlError;
    fn from_str(s: &str) -> Result<Self, UrlError> {
        HttpUrl::new(s)
    }
}

impl<'de> Deserialize<'de> for HttpUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        HttpUrl::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for HttpUrl {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HttpUrl".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": HTTP_URL_PATTERN,
            "maxLength": MAX_URL_LEN,
            "description": "An absolute http or https address, with characters outside RFC 3986's unreserved and reserved sets percent-encoded. No other scheme (javascript:, data:, file:) is accepted."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_are_accepted() {
        for ok in [
            "https://www.ilo.org/gb/GBSessions/GB328/ins/WCMS_534129/lang--en/index.htm",
            "http://example.org/a?b=c&d=%20e#f",
        ] {
            assert!(HttpUrl::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "HTTPS://www.ilo.org",
            "https://",
            "https://www.ilo.org/a b",
            "https://www.ilo.org/\"><script>",
            "ftp://www.ilo.org",
            "https://www.ilo.org/é",
        ] {
            assert!(HttpUrl::new(bad).is_err(), "{bad}");
        }
        assert!(HttpUrl::new(format!("https://a/{}", "x".repeat(MAX_URL_LEN))).is_err());
    }
}
