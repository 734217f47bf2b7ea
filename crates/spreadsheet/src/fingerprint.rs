//! The plan's fingerprint: what ties a workbook to the plan it was made
//! from.

use actionplan_interchange::{Envelope, to_canonical_string};
use actionplan_model::ActionPlan;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The SHA-256 of the plan's canonical exchange text (the plan alone, in
/// an envelope of the current format version, without reports), as 64
/// lower-case hexadecimal digits.
///
/// Canonical text is one text per plan (see
/// `actionplan_interchange::to_canonical_string`), so the fingerprint
/// changes exactly when the plan does: a new indicator, a changed target
/// or deadline, a corrected text. Progress reports are left out: adding
/// one does not make a workbook stale.
///
/// ```
/// # let text = std::fs::read_to_string("tests/data/sme-action-plan-2016.json")?;
/// let file = actionplan_interchange::read_str(&text)?;
/// let before = actionplan_spreadsheet::fingerprint(&file.plan);
/// assert_eq!(before.len(), 64);
/// let mut changed = file.plan.clone();
/// changed.biennia.pop();
/// assert_ne!(actionplan_spreadsheet::fingerprint(&changed), before);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fingerprint(plan: &ActionPlan) -> String {
    // One clone per export or import: the envelope owns its plan.
    let text = to_canonical_string(&Envelope::new(plan.clone(), Vec::new()));
    let digest = Sha256::digest(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}
