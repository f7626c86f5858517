//! `sendmsg pushplus`'s settings: from the command line and environment to a [`PushPlus`].

use super::args::PushPlusArgs;
use super::wire::{MAX_TITLE_CHARS, PushPlus};
use crate::channels::pushes::{at_most, first_line, plain_key};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required};

const TOKEN_FIX: &str = "copy the token from www.pushplus.plus → 发送消息 → 一对一消息";

pub(super) fn token(value: &str) -> Result<Secret, Error> {
    if !plain_key(value) {
        return Err(Error::wrong(
            "pushplus",
            "PUSHPLUS_TOKEN",
            "is malformed: expected the token alone (letters and digits)",
            Exit::Config,
        )
        .with_fix(TOKEN_FIX));
    }
    Ok(Secret::new(value))
}

/// A group code as PushPlus shows it: letters, digits, `-` and `_`.
pub(super) fn valid_topic(topic: &str) -> bool {
    !topic.is_empty()
        && topic.len() <= 64
        && topic
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The settings, checked before the message is read; the title is empty unless `--title` gave one.
pub(super) fn resolve(args: &PushPlusArgs, how: Resolve<'_>) -> Result<PushPlus, Error> {
    let token = match required("pushplus", "PUSHPLUS_TOKEN", args.token.as_deref(), how)? {
        Some(value) => token(&value)?,
        None => Secret::default(),
    };
    let title = args.title.as_deref().map(str::trim).unwrap_or_default();
    at_most("pushplus", "--title", title, MAX_TITLE_CHARS)?;
    let topic = args.topic.as_deref().map(str::trim);
    if let Some(bad) = topic.filter(|t| !valid_topic(t)) {
        return Err(Error::invalid(
            "pushplus",
            "--topic",
            bad,
            "is not a group code (letters, digits, - and _); nothing was sent",
            Exit::BadInput,
        ));
    }
    Ok(PushPlus {
        token,
        base_url: base_url("pushplus", "PUSHPLUS_BASE_URL", &args.base_url)?,
        title: title.to_owned(),
        template: args.template,
        topic: topic.map(str::to_owned),
    })
}

/// Without `--title`, the first line of the whole message, the same for every part.
pub(super) fn default_title(pushplus: &mut PushPlus, body: &str) {
    if pushplus.title.is_empty() {
        pushplus.title = first_line(body, MAX_TITLE_CHARS);
    }
}
