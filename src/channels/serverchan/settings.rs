//! `sendmsg serverchan`'s settings: from the command line and environment to a [`ServerChan`].

use super::args::ServerChanArgs;
use super::wire::{MAX_SHORT_CHARS, MAX_TITLE_CHARS, Route, ServerChan};
use crate::channels::pushes::{at_most, first_line, plain_key};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required};

const KEY_FIX: &str = "copy the SendKey from sct.ftqq.com → SendKey (Server酱³: sc3.ft07.com)";

/// The send key as a route, or why it is not one.
pub(super) fn sendkey(key: &str) -> Result<(Secret, Route), Error> {
    if !plain_key(key) {
        return Err(Error::wrong(
            "serverchan",
            "SERVERCHAN_SENDKEY",
            "is malformed: expected the SendKey alone (letters and digits, SCT… or sctp{N}t…)",
            Exit::Config,
        )
        .with_fix(KEY_FIX));
    }
    Ok((Secret::new(key), Route::of(key)?))
}

/// The settings, checked before the message is read; the title is empty unless `--title` gave one (see
/// [`default_title`]).
pub(super) fn resolve(args: &ServerChanArgs, how: Resolve<'_>) -> Result<ServerChan, Error> {
    let (sendkey, route) = match required(
        "serverchan",
        "SERVERCHAN_SENDKEY",
        args.sendkey.as_deref(),
        how,
    )? {
        Some(key) => sendkey(&key)?,
        None => (Secret::default(), Route::Turbo),
    };
    let title = match args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(title) => {
            at_most("serverchan", "--title", title, MAX_TITLE_CHARS)?;
            title.to_owned()
        }
        None => String::new(),
    };
    let short = args
        .short
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let Some(short) = short {
        at_most("serverchan", "--short", short, MAX_SHORT_CHARS)?;
    }
    Ok(ServerChan {
        sendkey,
        route,
        base_url: args
            .base_url
            .as_deref()
            .map(|url| base_url("serverchan", "SERVERCHAN_BASE_URL", url))
            .transpose()?,
        title,
        short: short.map(str::to_owned),
    })
}

/// Server酱 requires a title: without `--title`, the first line of the whole message, cut to 32 characters,
/// the same for every part.
pub(super) fn default_title(serverchan: &mut ServerChan, body: &str) {
    if serverchan.title.is_empty() {
        serverchan.title = first_line(body, MAX_TITLE_CHARS);
    }
}
