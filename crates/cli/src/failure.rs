//! How a command fails: a message for standard error and an exit code.

/// A command's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The exit code: 1 for invalid input, 2 for usage or I/O errors.
    pub code: u8,
    /// What to print on standard error.
    pub message: String,
}

impl Failure {
    /// The input is invalid (exit 1).
    pub fn invalid(message: String) -> Self {
        Failure { code: 1, message }
    }

    /// The command was used wrongly (exit 2).
    pub fn usage(message: String) -> Self {
        Failure { code: 2, message }
    }

    /// A file could not be read or written (exit 2).
    pub fn io(message: String) -> Self {
        Failure { code: 2, message }
    }
}

/// The innermost cause of an error, for a one-line message.
pub fn source_of(e: &dyn std::error::Error) -> String {
    let mut cause = e.source();
    let mut text = String::new();
    while let Some(c) = cause {
        text = c.to_string();
        cause = c.source();
    }
    text
}
