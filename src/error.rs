//! The one error type: each variant knows its exit code from the contract and renders as one line.

use crate::origin::Origin;
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// Which part of a split message an error concerns, and how many parts went out before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartInfo {
    pub index: usize,
    pub total: usize,
}

/// The contract's exit codes, declared from the least to the most severe: `Ord` is the contract's one order
/// (3 > 2 > 1 > 4 > 5 > 0), so the worst of several results is their `max`, everywhere. A configuration or
/// input error needs a person before anything can work; a rejection needs a fix; a transient failure may
/// pass on the next run; a suppressed send is the limit doing its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Exit {
    /// 0: every request was accepted.
    #[default]
    Sent,
    /// 5: held back by `--limit` or `--dedupe`.
    Suppressed,
    /// 4: still failing after the retries.
    Transient,
    /// 1: the service refused.
    Rejected,
    /// 2: usage error or bad input.
    BadInput,
    /// 3: a setting is missing or malformed.
    Config,
}

impl Exit {
    /// The process exit status the contract gives this outcome.
    pub const fn code(self) -> u8 {
        match self {
            Exit::Sent => 0,
            Exit::Rejected => 1,
            Exit::BadInput => 2,
            Exit::Config => 3,
            Exit::Transient => 4,
            Exit::Suppressed => 5,
        }
    }

    /// The most severe of several outcomes; `Sent` for none.
    pub fn worst(exits: impl IntoIterator<Item = Exit>) -> Exit {
        exits.into_iter().max().unwrap_or_default()
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

/// What became of a request that got no complete reply: data the callers (retry loop, `--queue`, the
/// outbox, serve-ddns's delivery) decide from, rather than from an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// It cannot have reached the service (no connection, no TLS session, or a complete reply that asked
    /// for a retry): safe to send again.
    NeverSent,
    /// It went out whole and no reply came before the deadline or the connection ended: it may have been
    /// delivered, so it is never resent (exit 4).
    MaybeDelivered,
    /// A reply began and the server closed it mid-body: it may have been delivered (exit 1).
    CutShort,
    /// A setting is wrong and no retry can help: an untrusted certificate, a destination that `./.env`
    /// may not choose (exit 3).
    Refused,
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
        /// [`Fate::NeverSent`] when no try can have reached the service (it could not connect, or answered
        /// asking for a retry): only then may `--queue` or an outbox keep the message to send later without
        /// risking a duplicate. Otherwise [`Fate::MaybeDelivered`].
        fate: Fate,
    },
    /// Exit 5: held back by a local `--limit` or `--dedupe`; nothing was sent. Not a failure, so it is a
    /// note (silenced by `-q`) rather than an error line.
    Suppressed {
        channel: &'static str,
        reason: String,
    },
    /// Exit 3 or 2: a channel's setting or input is wrong, as fields (worded by [`SettingError`]'s one
    /// `Display`).
    Setting(Box<SettingError>),
}

/// A channel's setting that is missing or wrong, or the channel's own word on its settings or input, as
/// fields: which setting, where its value came from, what is wrong and the fix. The channel's code says
/// what is wrong; the step that knows the origins (`Scope::locate`, in the settings) fills them in;
/// `Display` words it, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    pub(crate) channel: &'static str,
    /// The named target the settings came from (`ops`).
    pub(crate) target: Option<String>,
    /// Its file as messages show it (`config.toml`).
    pub(crate) file: Option<String>,
    /// The settings at fault: one, or several that only work together.
    pub(crate) settings: Vec<Named>,
    /// The value given, when it is what is wrong.
    pub(crate) value: Option<String>,
    pub(crate) what: What,
    /// What to do about it, when the channel knows.
    pub(crate) fix: Option<String>,
    /// [`Exit::Config`] or [`Exit::BadInput`].
    pub(crate) exit: Exit,
}

/// One setting as an error names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// As the channel's code names it: its variable (`DING_ACCESS_TOKEN`), or `--long` without one.
    pub name: String,
    /// Where its value came from, once located (`None`: not set, or not located).
    pub origin: Option<Origin>,
    /// Its key in a target (`access_token`), once located.
    pub key: Option<String>,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    /// Not set.
    Missing,
    /// Its value is wrong: `is not an e-mail address`.
    Invalid(String),
    /// The channel's own words, about its settings or input as a whole.
    Said(String),
    /// No recipient, which the flag (`--to ADDR`) or the setting gives.
    NoRecipient(&'static str),
}

impl SettingError {
    /// `ding`, or `ding@ops` for a named target.
    fn label(&self) -> String {
        match &self.target {
            Some(target) => format!("{}@{target}", self.channel),
            None => self.channel.to_owned(),
        }
    }

    /// Where the one setting at fault is (or would be) set: its value's origin (`--to`, `EMAIL_TO`,
    /// `.env line 4: EMAIL_TO`, `config.toml [targets.ops] to`), else the target's key, else its name.
    pub(crate) fn subject(&self) -> String {
        let names: Vec<String> = self.settings.iter().map(|n| self.where_(n)).collect();
        match (
            &self.target,
            self.settings.iter().all(|n| n.origin.is_none()),
        ) {
            // Several keys of one target: the file and the target once.
            (Some(target), true) if names.len() > 1 => format!(
                "{} [targets.{target}] {}",
                self.file.as_deref().unwrap_or("config.toml"),
                self.settings
                    .iter()
                    .map(|n| n.key.as_deref().unwrap_or(&n.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => names.join(", "),
        }
    }

    fn where_(&self, named: &Named) -> String {
        match (&named.origin, &self.target) {
            (Some(origin), _) => origin.to_string(),
            (None, Some(target)) => format!(
                "{} [targets.{target}] {}",
                self.file.as_deref().unwrap_or("config.toml"),
                named.key.as_deref().unwrap_or(&named.name)
            ),
            (None, None) => named.name.clone(),
        }
    }

    /// What is wrong, after the subject: what `check` shows after the setting's name.
    pub(crate) fn problem(&self) -> String {
        match &self.what {
            What::Missing if self.settings.len() > 1 => "are not set".to_owned(),
            What::Missing => "is not set".to_owned(),
            What::Invalid(why) => match &self.value {
                Some(value) => format!("`{value}` {why}"),
                None => why.clone(),
            },
            What::Said(text) => text.clone(),
            What::NoRecipient(flag) => {
                let setting = self.settings.first();
                match (&self.target, setting) {
                    (Some(target), Some(named)) => format!(
                        "no recipient: give {flag} or add `{}` to [targets.{target}]",
                        named.key.as_deref().unwrap_or(&named.name)
                    ),
                    (_, Some(named)) => format!("no recipient: give {flag} or set {}", named.name),
                    (_, None) => format!("no recipient: give {flag}"),
                }
            }
        }
    }

    /// Where a missing setting goes: the environment (or `.env`), or the named target.
    pub(crate) fn put(&self) -> Option<String> {
        if self.what != What::Missing {
            return None;
        }
        let them = if self.settings.len() > 1 {
            "them"
        } else {
            "it"
        };
        Some(match &self.target {
            Some(target) => format!("add {them} to [targets.{target}]"),
            None => format!("put {them} in the environment or in .env"),
        })
    }

    /// The message without the label: the subject, the problem and the fix.
    pub(crate) fn detail(&self) -> String {
        let whole = self.settings.is_empty() || matches!(self.what, What::NoRecipient(_));
        let mut text = if whole {
            self.problem()
        } else {
            format!("{} {}", self.subject(), self.problem())
        };
        if let Some(put) = self.put().filter(|_| self.target.is_none()) {
            text.push_str(&format!(" ({put})"));
        }
        if let Some(fix) = &self.fix {
            text.push_str("; ");
            text.push_str(fix);
        }
        text
    }
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.label(), self.detail())
    }
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Rejected { .. } => Exit::Rejected,
            Error::BadInput(_) => Exit::BadInput,
            Error::Config(_) => Exit::Config,
            Error::Transient { .. } => Exit::Transient,
            Error::Suppressed { .. } => Exit::Suppressed,
            Error::Setting(e) => e.exit,
        }
    }

    /// True for a transient failure that cannot have reached the service: the one a later try may send
    /// without risking a duplicate.
    pub fn never_sent(&self) -> bool {
        matches!(
            self,
            Error::Transient {
                fate: Fate::NeverSent,
                ..
            }
        )
    }

    /// The channel's own words on its settings or input: `ding: …` (exit 3 or 2).
    pub(crate) fn said(channel: &str, exit: Exit, text: impl Into<String>) -> Self {
        Self::setting(channel, Vec::new(), None, What::Said(text.into()), exit)
    }

    /// A configuration error of `channel` in its own words (exit 3).
    pub(crate) fn config(channel: &str, text: impl Into<String>) -> Self {
        Self::said(channel, Exit::Config, text)
    }

    /// Bad input to `channel` in its own words (exit 2).
    pub(crate) fn bad_input(channel: &str, text: impl Into<String>) -> Self {
        Self::said(channel, Exit::BadInput, text)
    }

    /// Settings of `channel` that are not set (`names`: variables, or `--long` for options without one).
    pub(crate) fn missing(channel: &str, names: &[&str]) -> Self {
        let names = names.iter().map(|n| (*n).to_owned()).collect();
        Self::setting(channel, names, None, What::Missing, Exit::Config)
    }

    /// The setting `name` of `channel` has a value that `why` says is wrong.
    pub(crate) fn invalid(
        channel: &str,
        name: &str,
        value: &str,
        why: impl Into<String>,
        exit: Exit,
    ) -> Self {
        let value = Some(value.to_owned());
        Self::setting(
            channel,
            vec![name.to_owned()],
            value,
            What::Invalid(why.into()),
            exit,
        )
    }

    /// No recipient for `channel`: `flag` (`--to ADDR`) gives one, or the setting `name` (a missing
    /// setting, exit 3, as in every channel).
    pub(crate) fn no_recipient(channel: &str, flag: &'static str, name: &str) -> Self {
        let what = What::NoRecipient(flag);
        Self::setting(channel, vec![name.to_owned()], None, what, Exit::Config)
    }

    /// The setting `name` of `channel` is wrong in a way `why` says whole (`is set but SMTP_USER is not`).
    pub(crate) fn wrong(channel: &str, name: &str, why: impl Into<String>, exit: Exit) -> Self {
        Self::setting(
            channel,
            vec![name.to_owned()],
            None,
            What::Invalid(why.into()),
            exit,
        )
    }

    fn setting(
        channel: &str,
        names: Vec<String>,
        value: Option<String>,
        what: What,
        exit: Exit,
    ) -> Self {
        Error::Setting(Box::new(SettingError {
            channel: intern(channel),
            target: None,
            file: None,
            settings: names
                .into_iter()
                .map(|name| Named {
                    name,
                    origin: None,
                    key: None,
                })
                .collect(),
            value,
            what,
            fix: None,
            exit,
        }))
    }

    /// The same error with what to do about it (a setting's error only).
    #[must_use]
    pub(crate) fn with_fix(mut self, fix: impl Into<String>) -> Self {
        if let Error::Setting(e) = &mut self {
            e.fix = Some(fix.into());
        }
        self
    }

    /// The error as the named target `target`'s, when it is about `channel`: every line then says which
    /// robot it was about (`ding@ops: …`). A message without a channel becomes the target's.
    pub(crate) fn in_target(self, channel: &str, target: &str) -> Self {
        let named = label(channel, Some(target));
        match self {
            Error::BadInput(message) => {
                Error::bad_input(channel, message).in_target(channel, target)
            }
            Error::Config(message) => Error::config(channel, message).in_target(channel, target),
            Error::Setting(mut e) => {
                if e.channel == channel {
                    e.target = Some(target.to_owned());
                }
                Error::Setting(e)
            }
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
                fate,
            } => Error::Transient {
                channel: if c == channel { named } else { c },
                message,
                part,
                fate,
            },
            Error::Suppressed { channel: c, reason } => Error::Suppressed {
                channel: if c == channel { named } else { c },
                reason,
            },
        }
    }

    /// The message without the channel's label in front: what a list of recipients or a `check` line
    /// shows after its own name.
    pub fn detail(&self) -> String {
        match self {
            Error::BadInput(msg) | Error::Config(msg) => msg.clone(),
            Error::Setting(e) => e.detail(),
            Error::Rejected {
                code,
                message,
                part,
                ..
            } => {
                let code = code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
                format!(
                    "rejected by the service{code}: {message}{}",
                    part_note(*part)
                )
            }
            Error::Transient { message, part, .. } => format!("{message}{}", part_note(*part)),
            Error::Suppressed { reason, .. } => reason.clone(),
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
            Error::Setting(e) => e.fmt(f),
            Error::Rejected { channel, .. }
            | Error::Transient { channel, .. }
            | Error::Suppressed { channel, .. } => write!(f, "{channel}: {}", self.detail()),
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
        assert_eq!(rejected.exit().code(), 1);
        assert_eq!(Error::BadInput(String::new()).exit().code(), 2);
        assert_eq!(Error::Config(String::new()).exit().code(), 3);
        let transient = Error::Transient {
            channel: "ding",
            message: "timed out".into(),
            part: None,
            fate: Fate::MaybeDelivered,
        };
        assert_eq!(transient.exit().code(), 4);
        assert!(!transient.never_sent());
        let suppressed = Error::Suppressed {
            channel: "ding",
            reason: "suppressed by --limit 1/h".into(),
        };
        assert_eq!(suppressed.exit().code(), 5);
        assert_eq!(Exit::Sent.code(), 0);
    }

    #[test]
    fn the_worst_follows_the_contract_s_one_order() {
        use Exit::{BadInput, Config, Rejected, Sent, Suppressed, Transient};
        let order = [Config, BadInput, Rejected, Transient, Suppressed, Sent];
        let codes: Vec<u8> = order.iter().map(|e| e.code()).collect();
        assert_eq!(codes, [3, 2, 1, 4, 5, 0]);
        for (i, worse) in order.iter().enumerate() {
            for better in &order[i..] {
                assert_eq!(Exit::worst([*better, *worse]), *worse);
                assert_eq!(Exit::worst([*worse, *better]), *worse);
            }
        }
        assert_eq!(Exit::worst([]), Sent);
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
        let config = Error::config("ding", "DING_SECRET is odd").in_target("ding", "ops");
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
