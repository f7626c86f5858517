//! `sendmsg feishu`'s settings: from the command line and environment to a [`Feishu`] and its text.

use super::args::FeishuArgs;
use super::wire::{self as feishu, DEFAULT_BASE_URL, Feishu, Shape};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required, required_all};

pub(super) fn feishu(args: &FeishuArgs, how: Resolve<'_>) -> Result<Feishu, Error> {
    let (token, base_url) =
        match required("feishu", "FEISHU_WEBHOOK", args.webhook.as_deref(), how)? {
            Some(hook) => endpoint(&hook, args.base_url.as_deref())?,
            // A dry-run without the token shows `***` where it goes.
            None => (
                Secret::default(),
                base_url(
                    "feishu",
                    "FEISHU_BASE_URL",
                    args.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
                )?,
            ),
        };
    if let Some(bad) = args.at_user.iter().find(|u| !feishu::valid_user_id(u)) {
        return Err(Error::invalid(
            "feishu",
            "--at-user",
            bad,
            "is not an open_id (ou_…)",
            Exit::BadInput,
        ));
    }
    let secret = args
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Secret::new);
    let shape = if args.markdown {
        Shape::Card {
            title: args.title.clone(),
        }
    } else {
        Shape::Text
    };
    Ok(Feishu {
        token,
        secret,
        base_url,
        shape,
    })
}

/// The token and the base URL it is posted to: a pasted webhook URL keeps its own scheme, host and port,
/// and a `FEISHU_BASE_URL` that names another is a contradiction, not a choice.
pub(super) fn endpoint(hook: &str, base: Option<&str>) -> Result<(Secret, String), Error> {
    let (token, from_hook) = feishu::hook_from(hook)?;
    let from_hook = from_hook
        .map(|url| base_url("feishu", "FEISHU_WEBHOOK", &url))
        .transpose()?;
    let given = base
        .map(|url| base_url("feishu", "FEISHU_BASE_URL", url))
        .transpose()?;
    match (from_hook, given) {
        (Some(hook), Some(given)) if hook != given => Err(Error::config(
            "feishu",
            format!(
                "FEISHU_WEBHOOK is a URL on {hook} but FEISHU_BASE_URL is {given}: unset one of them"
            ),
        )),
        (Some(url), _) | (None, Some(url)) => Ok((token, url)),
        (None, None) => Ok((token, DEFAULT_BASE_URL.to_owned())),
    }
}

/// The text as it is sent: `--title` as a first line of a text message (a card shows it as its header),
/// and the mentions on a last line.
pub(super) fn feishu_message(feishu: &Feishu, args: &FeishuArgs, body: String) -> String {
    let text = match (&feishu.shape, &args.title) {
        (Shape::Text, Some(title)) => format!("{title}\n{body}"),
        _ => body,
    };
    let tags = feishu::mention_tags(&feishu.shape, args.at_all, &args.at_user);
    if tags.is_empty() {
        return text;
    }
    // A markdown line break needs a blank line.
    let gap = if args.markdown { "\n\n" } else { "\n" };
    format!("{text}{gap}{}", tags.join(" "))
}

/// The app that uploads `--image`: FEISHU_APP_ID and FEISHU_APP_SECRET, on the bot's base URL (Feishu or
/// Lark).
pub(super) fn app(
    args: &FeishuArgs,
    bot: &Feishu,
    how: Resolve<'_>,
) -> Result<super::app::App, Error> {
    let given = [
        ("FEISHU_APP_ID", args.app_id.as_deref()),
        ("FEISHU_APP_SECRET", args.app_secret.as_deref()),
    ];
    let fix = "a custom bot cannot upload an image; --image goes through an app with the image upload \
               permission";
    let [app_id, app_secret] = required_all("feishu", given, Some(fix), how)?.unwrap_or_default();
    Ok(super::app::App {
        app_id,
        app_secret: Secret::new(app_secret),
        base_url: bot.base_url.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_that_contradicts_the_pasted_url_is_refused() {
        let url = "https://open.larksuite.com/open-apis/bot/v2/hook/abc";
        let base = |given| endpoint(url, given).map(|(_, base)| base).ok();
        assert_eq!(base(None).as_deref(), Some("https://open.larksuite.com"));
        assert_eq!(
            base(Some("https://open.larksuite.com/")).as_deref(),
            Some("https://open.larksuite.com")
        );
        assert_eq!(
            endpoint(url, Some(DEFAULT_BASE_URL))
                .err()
                .map(|e| e.exit().code()),
            Some(3)
        );
        let bare = endpoint("abc", Some("http://127.0.0.1:9")).ok();
        assert_eq!(bare.map(|(_, b)| b).as_deref(), Some("http://127.0.0.1:9"));
    }
}
