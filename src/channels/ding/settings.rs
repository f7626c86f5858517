//! `sendmsg ding`'s settings: from the command line and environment to a [`Ding`] and its text.

use super::args::DingArgs;
use super::wire::{self as ding, Ding, Mentions};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required};

pub(super) fn ding(args: &DingArgs, how: Resolve<'_>) -> Result<Ding, Error> {
    let (access_token, base_url) = match required(
        "ding",
        "DING_ACCESS_TOKEN",
        args.access_token.as_deref(),
        how,
    )? {
        Some(token) => (
            ding::access_token_from(&token)?,
            crate::channels::webhook_base_url(
                "ding",
                ("DING_ACCESS_TOKEN", &token),
                ("DING_BASE_URL", &args.base_url),
                ding::DEFAULT_BASE_URL,
            )?,
        ),
        None => (
            Secret::default(),
            base_url("ding", "DING_BASE_URL", &args.base_url)?,
        ),
    };
    let secret = args
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Secret::new);
    if secret
        .as_ref()
        .is_some_and(|s| !s.expose().starts_with("SEC"))
    {
        how.warn(
            Error::wrong(
                "ding",
                "DING_SECRET",
                "does not start with SEC, so it is not the robot's 加签 secret and DingTalk will \
                 refuse the signature (310000)",
                Exit::Config,
            )
            .with_fix("copy it from 安全设置 → 加签"),
        );
    }
    if let Some(bad) = args.at_mobile.iter().find(|m| !ding::valid_mobile(m)) {
        return Err(Error::invalid(
            "ding",
            "--at-mobile",
            bad,
            "is not a mobile number (digits, optionally +country code)",
            Exit::BadInput,
        ));
    }
    if let Some(bad) = args.at_user.iter().find(|u| !ding::valid_user_id(u)) {
        return Err(Error::invalid(
            "ding",
            "--at-user",
            bad,
            "is not a DingTalk user id",
            Exit::BadInput,
        ));
    }
    Ok(Ding {
        access_token,
        secret,
        base_url,
        markdown_title: None,
        mentions: Mentions {
            at_mobiles: args.at_mobile.clone(),
            at_user_ids: args.at_user.clone(),
            is_at_all: args.at_all,
        },
    })
}

/// DingTalk's markdown needs a title for the chat list; text takes `--title` as its first line. A mention
/// pings only when the text names it too (`@13800138000`), so the missing ones are added on a last line.
pub(super) fn ding_message(ding: &mut Ding, args: &DingArgs, body: String) -> String {
    let text = ding_shape(ding, args, body);
    let missing: Vec<String> = ding
        .mentions
        .at_mobiles
        .iter()
        .chain(&ding.mentions.at_user_ids)
        .map(|who| format!("@{who}"))
        .filter(|tag| !names(&text, tag))
        .collect();
    if missing.is_empty() {
        return text;
    }
    // A markdown line break needs a blank line; text keeps the mention on its own line.
    let gap = if args.wants_markdown() { "\n\n" } else { "\n" };
    format!("{text}{gap}{}", missing.join(" "))
}

/// Whether `text` holds `tag` as a whole word (`@138` is not named by `@1380`).
fn names(text: &str, tag: &str) -> bool {
    text.match_indices(tag).any(|(at, _)| {
        !text[at + tag.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn ding_shape(ding: &mut Ding, args: &DingArgs, body: String) -> String {
    if args.wants_markdown() {
        let title = args
            .title
            .clone()
            .unwrap_or_else(|| first_line_title(&body));
        ding.markdown_title = Some(title);
        body
    } else {
        match &args.title {
            Some(title) => format!("{title}\n{body}"),
            None => body,
        }
    }
}

/// The first non-blank line, without markdown heading marks, cut to 64 characters.
fn first_line_title(body: &str) -> String {
    const MAX_CHARS: usize = 64;
    let line = body
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("sendmsg");
    line.chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_named_in_the_text_once() {
        assert!(names("hi @13800138000, look", "@13800138000"));
        assert!(!names("hi @138001380001", "@13800138000"));
        assert!(!names("hi 13800138000", "@13800138000"));
    }

    #[test]
    fn markdown_titles_come_from_the_first_line() {
        assert_eq!(first_line_title("\n## Deploy done\nbody"), "Deploy done");
        assert_eq!(first_line_title(&"长".repeat(100)).chars().count(), 64);
    }
}
