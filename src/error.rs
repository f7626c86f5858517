//! The one error type: each variant knows its exit code from the contract and renders as one line.

use std::fmt;

/// Which part of a split message an error concerns, and how many parts went out before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartInfo {
    pub index: usize,
    pub total: usize,
}

#[derive(Debug)]
pub enum Error {
    /// Exit 2: bad arguments or input found by sendmsg itself (clap reports its own).
    BadInput(String),
    /// Exit 3: a required setting is missing or malformed.
    Config(String),
    /// Exit 1: the service refused the request; never retried.
    Rejected {
        channel: &'static str,
        /// The service's own error code (`errcode`, `Code`, an HTTP status…), when it gave one.
        code: Option<String>,
        message: String,
        part: Option<PartInfo>,
    },
    /// Exit 4: still failing after the retries (network, timeout, 5xx, 429, busy codes).
    Transient {
        channel: &'static str,
        message: String,
        part: Option<PartInfo>,
        /// No try can have reached the service (it could not connect, or answered asking for a retry):
        /// only then may `--queue` keep the message to send later without risking a duplicate.
        unsent: bool,
    },
    /// Exit 5: held back by a local `--limit` or `--dedupe`; nothing was sent. Not a failure, so it is a
    /// note (silenced by `-q`) rather than an error line.
    Suppressed {
        channel: &'static str,
        reason: String,
    },
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Rejected { .. } => 1,
            Error::BadInput(_) => 2,
            Error::Config(_) => 3,
            Error::Transient { .. } => 4,
            Error::Suppressed { .. } => 5,
        }
    }

    /// Marks a delivery error with the part of a split message it happened on.
    pub fn in_part(mut self, info: PartInfo) -> Self {
        if info.total > 1
            && let Error::Rejected { part, .. } | Error::Transient { part, .. } = &mut self
        {
            *part = Some(info);
        }
        self
    }
}

/// Says which part failed and whether earlier parts already went out, so nobody resends blindly.
fn part_note(part: Option<PartInfo>) -> String {
    match part {
        None => String::new(),
        Some(PartInfo { index: 1, total }) => format!(" (part 1/{total}; nothing was delivered)"),
        Some(PartInfo { index, total }) => format!(
            " (part {index}/{total}; parts 1-{} were delivered)",
            index - 1
        ),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadInput(msg) | Error::Config(msg) => f.write_str(msg),
            Error::Rejected {
                channel,
                code,
                message,
                part,
            } => {
                write!(f, "{channel}: rejected by the service")?;
                if let Some(code) = code {
                    write!(f, " ({code})")?;
                }
                write!(f, ": {message}{}", part_note(*part))
            }
            Error::Transient {
                channel,
                message,
                part,
                ..
            } => write!(f, "{channel}: {message}{}", part_note(*part)),
            Error::Suppressed { channel, reason } => write!(f, "{channel}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        let rejected = Error::Rejected {
            channel: "ding",
            code: Some("errcode 310000".into()),
            message: "sign not match".into(),
            part: None,
        };
        assert_eq!(rejected.exit_code(), 1);
        assert_eq!(Error::BadInput(String::new()).exit_code(), 2);
        assert_eq!(Error::Config(String::new()).exit_code(), 3);
        let transient = Error::Transient {
            channel: "ding",
            message: "timed out".into(),
            part: None,
            unsent: false,
        };
        assert_eq!(transient.exit_code(), 4);
        let suppressed = Error::Suppressed {
            channel: "ding",
            reason: "suppressed by --limit 1/h".into(),
        };
        assert_eq!(suppressed.exit_code(), 5);
    }

    #[test]
    fn a_part_failure_says_what_was_already_delivered() {
        let err = Error::Rejected {
            channel: "ding",
            code: Some("errcode 1".into()),
            message: "no".into(),
            part: None,
        };
        let line = err.in_part(PartInfo { index: 3, total: 4 }).to_string();
        assert_eq!(
            line,
            "ding: rejected by the service (errcode 1): no (part 3/4; parts 1-2 were delivered)"
        );
    }
}
