//! The officially assigned ISO 3166-1 alpha-2 country codes, for splits
//! along a `country` dimension.
//!
//! Source: the ISO 3166 Maintenance Agency's list of officially assigned
//! alpha-2 codes (ISO Online Browsing Platform, www.iso.org/obp), 249
//! codes, checked equal to the Debian `iso-codes` 4.15 package's
//! `iso_3166-1.json`. Exceptionally or transitionally reserved codes (`EU`,
//! `UK`, `XK` …) are not assigned and are refused. A committed table rather
//! than a crate: the list changes a few times a decade, and no crate of
//! its own is worth a dependency for one sorted array.

/// The 249 assigned codes, in order (binary search).
const ASSIGNED: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case, as
/// the standard writes it).
pub(crate) fn is_assigned(code: &str) -> bool {
    ASSIGNED.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_unique() {
        assert!(ASSIGNED.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn assigned_codes_pass_and_others_do_not() {
        for ok in ["BR", "CH", "GB", "SS", "ZW", "AX"] {
            assert!(is_assigned(ok), "{ok}");
        }
        for bad in ["UK", "EU", "XK", "br", "BRA", "", "ZZ"] {
            assert!(!is_assigned(bad), "{bad}");
        }
    }
}
