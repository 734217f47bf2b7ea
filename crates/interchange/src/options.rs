//! Limits a reader applies to input it does not trust.

/// Limits for reading and validating: how much input to take, and how many
/// issues to report in full.
///
/// ```
/// use actionplan_interchange::ReadOptions;
/// let options = ReadOptions::default().max_input_bytes(1 << 20).max_issues(50);
/// assert_eq!(options.input_limit(), 1 << 20);
/// assert_eq!(options.issue_limit(), 50);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    max_input_bytes: u64,
    max_issues: usize,
}

impl ReadOptions {
    /// The default input limit: 256 MiB, far above any real plan (the
    /// seed's plan is 30 kB; 200,000 indicators make about 320 MB only in
    /// stress tests), and low enough that a runaway input (`/dev/zero`)
    /// ends in an error, not in an allocation failure.
    pub const DEFAULT_MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

    /// The default number of issues reported in full per file; the rest
    /// are counted per rule.
    pub const DEFAULT_MAX_ISSUES: usize = 200;

    /// Refuse input longer than `bytes` (a reader takes at most one byte
    /// more, to tell).
    #[must_use]
    pub fn max_input_bytes(mut self, bytes: u64) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Report at most `issues` issues in full per file, and count the rest
    /// per rule ([`ValidationReport::omitted`](crate::ValidationReport::omitted)).
    #[must_use]
    pub fn max_issues(mut self, issues: usize) -> Self {
        self.max_issues = issues;
        self
    }

    /// The input limit in bytes.
    pub fn input_limit(&self) -> u64 {
        self.max_input_bytes
    }

    /// The number of issues reported in full.
    pub fn issue_limit(&self) -> usize {
        self.max_issues
    }
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
            max_issues: Self::DEFAULT_MAX_ISSUES,
        }
    }
}
