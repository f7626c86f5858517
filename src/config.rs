//! From command-line values to channel settings: the one place where required settings are checked and
//! named, so a missing credential is always reported the same way.

pub mod gewe;
pub mod sms;

use crate::channels::ding::{self, Ding, Mentions};
use crate::cli::{BodyArgs, DingArgs};
use crate::error::Error;
use crate::output::Printer;
use crate::secret::Secret;
use crate::split::OverflowPolicy;

/// How settings are being resolved: a dry-run needs no account, since it shows `***` either way.
#[derive(Debug, Clone, Copy)]
pub struct Resolve {
    pub dry_run: bool,
    pub printer: Printer,
}

/// A credential the channel cannot work without.
fn required(
    channel: &str,
    var: &str,
    value: Option<&str>,
    how: Resolve,
) -> Result<Option<String>, Error> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Ok(Some(v.to_owned())),
        None if how.dry_run => {
            how.printer.note(&format!(
                "warning: {channel}: {var} is not set; a real send would fail (exit 3)"
            ));
            Ok(None)
        }
        None => Err(Error::Config(format!(
            "{channel}: {var} is not set (put it in the environment or in .env)"
        ))),
    }
}

/// A base URL: http or https, no trailing slash.
pub fn base_url(channel: &str, var: &str, value: &str) -> Result<String, Error> {
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(Error::Config(format!(
            "{channel}: {var} must be an http:// or https:// URL, got `{value}`"
        ))),
    }
}

pub fn overflow(args: &BodyArgs) -> OverflowPolicy {
    OverflowPolicy {
        mode: args.overflow,
        max_parts: usize::from(args.max_parts),
        max_bytes: args.max_bytes.map(|n| n as usize),
    }
}

pub fn ding(args: &DingArgs, how: Resolve) -> Result<Ding, Error> {
    let access_token = match required(
        "ding",
        "DING_ACCESS_TOKEN",
        args.access_token.as_deref(),
        how,
    )? {
        Some(token) => ding::access_token_from(&token)?,
        None => Secret::default(),
    };
    let secret = args
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Secret::new);
    if let Some(bad) = args.at_mobile.iter().find(|m| !ding::valid_mobile(m)) {
        return Err(Error::BadInput(format!(
            "ding: --at-mobile `{bad}` is not a mobile number (digits, optionally +country code)"
        )));
    }
    if let Some(bad) = args.at_user.iter().find(|u| !ding::valid_user_id(u)) {
        return Err(Error::BadInput(format!(
            "ding: --at-user `{bad}` is not a DingTalk user id"
        )));
    }
    Ok(Ding {
        access_token,
        secret,
        base_url: base_url("ding", "DING_BASE_URL", &args.base_url)?,
        markdown_title: None,
        mentions: Mentions {
            at_mobiles: args.at_mobile.clone(),
            at_user_ids: args.at_user.clone(),
            is_at_all: args.at_all,
        },
    })
}

/// DingTalk's markdown needs a title for the chat list; text takes `--title` as its first line.
pub fn ding_message(ding: &mut Ding, args: &DingArgs, body: String) -> String {
    if args.markdown {
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
    fn a_missing_credential_names_its_variable_unless_dry_run() {
        let real = Resolve {
            dry_run: false,
            printer: Printer::default(),
        };
        let dry = Resolve {
            dry_run: true,
            ..real
        };
        let err = required("ding", "DING_ACCESS_TOKEN", None, real)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("ding: DING_ACCESS_TOKEN is not set (put it in the environment or in .env)")
        );
        assert_eq!(required("ding", "X", Some("  "), dry).ok(), Some(None));
    }

    #[test]
    fn base_urls_must_be_http() {
        assert_eq!(
            base_url("d", "V", "http://127.0.0.1:9/").ok().as_deref(),
            Some("http://127.0.0.1:9")
        );
        for bad in ["ftp://x", "127.0.0.1", "https://", "http://a b"] {
            assert_eq!(
                base_url("d", "V", bad).err().map(|e| e.exit_code()),
                Some(3),
                "{bad}"
            );
        }
    }

    #[test]
    fn markdown_titles_come_from_the_first_line() {
        assert_eq!(first_line_title("\n## Deploy done\nbody"), "Deploy done");
        assert_eq!(first_line_title(&"长".repeat(100)).chars().count(), 64);
    }
}
