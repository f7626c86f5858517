//! `sendmsg wecom` settings: app or robot mode, the older env names of seed 000, and every recipient
//! checked before anything is sent.

use super::args::WecomArgs;
use crate::channels::Channel;
use crate::channels::ding::valid_mobile;
use crate::channels::wecom::{self, App, Recipients, Robot, RobotFormat};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required, required_all};

/// The service's caps on one message's recipient lists.
const MAX_USERS: usize = 1000;
const MAX_PARTIES_OR_TAGS: usize = 100;

/// A configured WeCom sender in either mode.
#[derive(Debug)]
pub(crate) enum Wecom {
    App(App),
    Robot(Robot),
}

impl Wecom {
    pub(crate) fn into_channel(self) -> Box<dyn Channel> {
        match self {
            Wecom::App(app) => Box::new(app),
            Wecom::Robot(robot) => Box::new(robot),
        }
    }
}

/// A value from its flag or contract variable, else from the older variable name (`corpId`…).
fn with_fallback(value: Option<&String>, older: Option<&String>) -> Option<String> {
    value.or(older).filter(|v| !v.trim().is_empty()).cloned()
}

/// The app's corp id, secret and agent id, each from its flag or variable or older name.
pub(crate) fn app_credentials(args: &WecomArgs) -> [Option<String>; 3] {
    [
        with_fallback(args.corp_id.as_ref(), args.older_corp_id.as_ref()),
        with_fallback(args.corp_secret.as_ref(), args.older_corp_secret.as_ref()),
        with_fallback(args.agent_id.as_ref(), args.older_agent_id.as_ref()),
    ]
}

/// Robot mode with `--bot`, or when only the robot's key is configured.
pub(crate) fn resolve(args: &WecomArgs, how: Resolve<'_>) -> Result<Wecom, Error> {
    let [corp_id, corp_secret, agent_id] = app_credentials(args);
    let has_app = corp_id.is_some() || corp_secret.is_some() || agent_id.is_some();
    let has_bot = args
        .bot_key
        .as_deref()
        .is_some_and(|k| !k.trim().is_empty());
    let base_url = base_url("wecom", "WECOM_BASE_URL", &args.base_url)?;
    if args.bot || (has_bot && !has_app) {
        return robot(args, base_url, how).map(Wecom::Robot);
    }
    if args.markdown_v1 || args.markdown_v2 {
        return Err(Error::bad_input(
            "wecom",
            "--markdown-v1 and --markdown-v2 are group robot types (--bot, WECOM_BOT_KEY); an app message takes --markdown",
        ));
    }
    if !args.mention_mobile.is_empty() {
        return Err(Error::bad_input(
            "wecom",
            "--mention-mobile is for a group robot (--bot, WECOM_BOT_KEY); an app message cannot @-mention",
        ));
    }
    required_all(
        "wecom",
        [
            ("WECOM_CORP_ID", corp_id.as_deref()),
            ("WECOM_CORP_SECRET", corp_secret.as_deref()),
            ("WECOM_AGENT_ID", agent_id.as_deref()),
        ],
        // Nothing configured at all: the user may be after the simpler robot.
        (!has_app).then_some("for a group robot, set WECOM_BOT_KEY"),
        how,
    )?;
    let agent_id = match agent_id.as_deref().map(str::trim) {
        Some(id) => id.parse::<i64>().map_err(|_| {
            Error::wrong(
                "wecom",
                "WECOM_AGENT_ID",
                format!("must be the app's integer AgentId, got `{id}`"),
                Exit::Config,
            )
        })?,
        None => 0,
    };
    Ok(Wecom::App(App {
        corp_id: corp_id.unwrap_or_default().trim().to_owned(),
        corp_secret: corp_secret
            .map(|s| Secret::new(s.trim()))
            .unwrap_or_default(),
        agent_id,
        recipients: recipients(args, how)?,
        markdown: args.wants_markdown(),
        base_url,
    }))
}

fn recipients(args: &WecomArgs, how: Resolve<'_>) -> Result<Recipients, Error> {
    let list = |values: &[String]| -> Vec<String> {
        values
            .iter()
            .flat_map(|v| v.split(['|', ',']))
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut users = list(&args.to_user);
    let parties = list(&args.to_party);
    let tags = list(&args.to_tag);
    if users.is_empty() && parties.is_empty() && tags.is_empty() {
        // The default of seed 000, kept; the whole company is worth a word.
        how.printer.recipients_warning(
            "warning: wecom: no recipient (--to-user, --to-party, --to-tag or WECOM_TO_USER): \
             sending to @all, everyone in the company; set WECOM_TO_USER=@all to mean it",
        );
        users.push("@all".into());
    }
    check_ids("--to-user", &users, wecom::valid_user_id, MAX_USERS)?;
    check_ids(
        "--to-party",
        &parties,
        wecom::valid_numeric_id,
        MAX_PARTIES_OR_TAGS,
    )?;
    check_ids(
        "--to-tag",
        &tags,
        wecom::valid_numeric_id,
        MAX_PARTIES_OR_TAGS,
    )?;
    Ok(Recipients {
        users,
        parties,
        tags,
    })
}

fn check_ids(flag: &str, ids: &[String], valid: fn(&str) -> bool, max: usize) -> Result<(), Error> {
    if let Some(bad) = ids.iter().find(|id| !valid(id)) {
        let expected = if flag == "--to-user" {
            "a userid: letters, digits, `_-.@`, at most 64"
        } else {
            "a number"
        };
        return Err(Error::bad_input(
            "wecom",
            format!("{flag} `{bad}` is not a valid id ({expected})"),
        ));
    }
    if ids.len() > max {
        return Err(Error::bad_input(
            "wecom",
            format!(
                "{} {flag} ids, over the service's limit of {max} per message",
                ids.len()
            ),
        ));
    }
    Ok(())
}

fn robot(args: &WecomArgs, base_url: String, how: Resolve<'_>) -> Result<Robot, Error> {
    let (key, base_url) = match required("wecom", "WECOM_BOT_KEY", args.bot_key.as_deref(), how)? {
        Some(key) => (
            wecom::bot_key_from(&key)?,
            crate::channels::webhook_base_url(
                "wecom",
                ("WECOM_BOT_KEY", &key),
                ("WECOM_BASE_URL", &args.base_url),
                wecom::DEFAULT_BASE_URL,
            )?,
        ),
        None => (Secret::default(), base_url),
    };
    let from_env = std::env::var("WECOM_TO_USER").is_ok_and(|v| args.to_user == [v]);
    if !args.to_party.is_empty()
        || !args.to_tag.is_empty()
        || (!args.to_user.is_empty() && !from_env)
    {
        return Err(Error::bad_input(
            "wecom",
            "a group robot posts to its own group; --to-user, --to-party and --to-tag are for app mode",
        ));
    }
    if let Some(bad) = args
        .mention_mobile
        .iter()
        .find(|m| *m != "@all" && !valid_mobile(m))
    {
        return Err(Error::invalid(
            "wecom",
            "--mention-mobile",
            bad,
            "is not a mobile number or @all",
            Exit::BadInput,
        ));
    }
    if args.wants_markdown() && !args.mention_mobile.is_empty() {
        return Err(Error::bad_input(
            "wecom",
            "--mention-mobile works only in text: WeCom robots ping only from a text message's \
             mentioned_mobile_list (markdown has none, and `<@userid>` in markdown does not ping); drop --markdown \
             to send text with the mention",
        ));
    }
    Ok(Robot {
        key,
        mention_mobiles: args.mention_mobile.clone(),
        format: if args.markdown_v2 {
            RobotFormat::MarkdownV2
        } else if args.wants_markdown() {
            RobotFormat::Markdown
        } else {
            RobotFormat::Text
        },
        base_url,
    })
}
