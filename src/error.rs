//! The one error type: each variant knows its exit code from the contract and renders as one line.

use std::fmt;
use std::sync::{Mutex, PoisonError};

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

    /// The error as a named target's: `ding@ops: …` in place of `channel: …`, so every line says which
    /// robot it was about.
    pub(crate) fn in_target(self, channel: &str, target: &str) -> Self {
        let named = label(channel, Some(target));
        let relabel = |message: String| match message.strip_prefix(channel) {
            Some(rest) if rest.starts_with(": ") => format!("{named}{rest}"),
            Some(rest) if rest.starts_with('@') => message,
            _ => format!("{named}: {message}"),
        };
        match self {
            Error::BadInput(message) => Error::BadInput(relabel(message)),
            Error::Config(message) => Error::Config(relabel(message)),
            Error::Rejected {
                channel: c,
                code,
                message,
                part,
            } => Error::Rejected {
                channel: if c == channel { named } else { c },
                code,
                message,
                part,
            },
            Error::Transient {
                channel: c,
                message,
                part,
                unsent,
            } => Error::Transient {
                channel: if c == channel { named } else { c },
                message,
                part,
                unsent,
            },
            Error::Suppressed { channel: c, reason } => Error::Suppressed {
                channel: if c == channel { named } else { c },
                reason,
            },
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

/// How output names a send: `ding`, or `ding@ops` for the named target `ops`. Errors carry the name as
/// `&'static str`, so each distinct one is kept for the process's life (a config file names a few).
pub(crate) fn label(channel: &str, target: Option<&str>) -> &'static str {
    match target {
        Some(target) => intern(&format!("{channel}@{target}")),
        None => intern(channel),
    }
}

/// `text` for the rest of the process, kept once however often it is asked for.
pub(crate) fn intern(wanted: &str) -> &'static str {
    static LABELS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut labels = LABELS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = labels.iter().find(|l| **l == wanted) {
        return known;
    }
    let leaked: &'static str = Box::leak(wanted.to_owned().into_boxed_str());
    labels.push(leaked);
    leaked
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
    fn a_target_s_errors_name_it_after_the_channel() {
        let rejected = Error::Rejected {
            channel: "ding",
            code: None,
            message: "no".into(),
            part: None,
        };
        assert_eq!(
            rejected.in_target("ding", "ops").to_string(),
            "ding@ops: rejected by the service: no"
        );
        let config = Error::Config("ding: DING_SECRET is odd".into()).in_target("ding", "ops");
        assert_eq!(config.to_string(), "ding@ops: DING_SECRET is odd");
        let bare = Error::BadInput("empty body".into()).in_target("ding", "ops");
        assert_eq!(bare.to_string(), "ding@ops: empty body");
        let twice = bare.in_target("ding", "ops");
        assert_eq!(twice.to_string(), "ding@ops: empty body");
        assert!(std::ptr::eq(
            label("ding", Some("ops")),
            label("ding", Some("ops"))
        ));
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
