//! What to do about a service's error code: each channel keeps a table from its service's known codes to a
//! one-line remedy (its folder's `hints.rs`), printed as `sendmsg: hint: …` under the error line (and by
//! `sendmsg check` after ✗). Codes are matched as the errors carry them (`errcode 60020`,
//! `isv.PARAM_LENGTH_LIMIT`, `FailedOperation.…`, `SMTP 535`).
//!
//! The tables belong to the channels, which sit above the printer; the channel registry installs its lookup
//! here at start ([`install`]), so the printer can find a hint without depending on the channels.

use crate::error::Error;
use std::sync::OnceLock;

/// How an entry matches a code.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Code {
    Exact(&'static str),
    /// A code that says a quota is spent (a robot's messages this month, an account's points): matched
    /// like `Exact`, and a pool moves on to its next member ([`is_quota`]).
    Quota(&'static str),
    /// A family of codes (`isv.`, `FailedOperation.`): used when no exact entry matches.
    Prefix(&'static str),
    /// An error whose message says this, whatever its code: for a service that gives one code for many
    /// reasons (GeWe's `ret 500`) and puts the reason in the text. Used when no code entry matches.
    Says(&'static str),
}

/// One remedy: the code, and what to do.
#[derive(Debug)]
pub(crate) struct Hint {
    pub(crate) code: Code,
    pub(crate) remedy: &'static str,
}

/// The tables a channel's codes are looked up in, in order.
pub(crate) type Tables = &'static [&'static [Hint]];

/// Finds a channel's tables by its name.
pub(crate) type Lookup = fn(&str) -> Tables;

static LOOKUP: OnceLock<Lookup> = OnceLock::new();

/// Makes the channels' tables known to [`for_error`]; the first call wins.
pub(crate) fn install(lookup: Lookup) {
    let _ = LOOKUP.set(lookup);
}

/// The remedy for `code` in `tables`: an exact entry first, else the first family that holds it.
pub(crate) fn find(tables: Tables, code: &str) -> Option<&'static str> {
    let all = || tables.iter().flat_map(|t| t.iter());
    all()
        .find(|h| matches!(h.code, Code::Exact(c) | Code::Quota(c) if c == code))
        .or_else(|| all().find(|h| matches!(h.code, Code::Prefix(p) if code.starts_with(p))))
        .map(|h| h.remedy)
}

/// The remedy for an error from `channel`'s service: by its code, else by what its message says. A named
/// target's errors say `ding@ops`; its codes are its channel's.
pub(crate) fn remedy(channel: &str, code: &str, message: &str) -> Option<&'static str> {
    let channel = channel.split_once('@').map_or(channel, |(c, _)| c);
    let tables = LOOKUP.get()?(channel);
    find(tables, code).or_else(|| {
        tables
            .iter()
            .flat_map(|t| t.iter())
            .find(|h| matches!(h.code, Code::Says(words) if message.contains(words)))
            .map(|h| h.remedy)
    })
}

/// The remedy for an error, if its service's code is known: a rejection carries its code; a transient
/// failure starts with it (`errcode 130101: …`, `access token: errcode -1: …`).
pub(crate) fn for_error(err: &Error) -> Option<&'static str> {
    match err {
        Error::Rejected {
            channel,
            code,
            message,
            ..
        } => remedy(channel, code.as_deref().unwrap_or_default(), message),
        Error::Transient {
            channel, message, ..
        } => {
            let reason = message.strip_prefix("access token: ").unwrap_or(message);
            let code = reason.split_once(':').map_or(reason, |(code, _)| code);
            remedy(channel, code.trim(), message)
        }
        _ => None,
    }
}

/// Whether `err` is a service's "quota spent" reply (a table's [`Code::Quota`]): not retried on the same
/// robot, and a pool sends through its next member instead.
pub(crate) fn is_quota(err: &Error) -> bool {
    let Error::Rejected {
        channel,
        code: Some(code),
        ..
    } = err
    else {
        return false;
    };
    let channel = channel.split_once('@').map_or(*channel, |(c, _)| c);
    LOOKUP.get().is_some_and(|lookup| {
        lookup(channel)
            .iter()
            .flat_map(|t| t.iter())
            .any(|h| matches!(h.code, Code::Quota(c) if c == code))
    })
}
