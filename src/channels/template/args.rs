//! `sendmsg template`'s command line.

use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export WECHAT_APP_ID=wx1a2b… WECHAT_APP_SECRET=9f8e… WECHAT_TEMPLATE_ID=ngqIp…
  sendmsg template --to oUpF8uMuAJO_M2pxb1Q9zNjWeS6o \\
    --field thing1=\"backup done\" --field time2=\"$(date '+%F %T')\"
  df -h / | tail -1 | sendmsg template --to oUpF8u… --field thing1=- \\
    --field amount2=\"98%#FF0000\"";

#[derive(Debug, Args)]
pub(crate) struct TemplateArgs {
    /// A follower's openid (repeatable or comma-separated; one request each)
    #[arg(long, env = "WECHAT_TO", value_name = "OPENID", value_delimiter = ',')]
    pub to: Vec<String>,

    /// The template's id
    #[arg(long, env = "WECHAT_TEMPLATE_ID", value_name = "ID")]
    pub template_id: Option<String>,

    /// The page the message opens when tapped
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// A template field: KEY=VALUE, or KEY=VALUE#RRGGBB for a colour; a VALUE of `-` reads stdin (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub field: Vec<String>,

    /// The Official Account's AppID
    #[arg(long, env = "WECHAT_APP_ID", value_name = "APPID")]
    pub app_id: Option<String>,

    /// The Official Account's AppSecret; on the command line it is visible to other local users in the process list: prefer WECHAT_APP_SECRET
    #[arg(
        long,
        env = "WECHAT_APP_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub app_secret: Option<String>,

    /// Replace the service's scheme and host (private gateways, tests)
    #[arg(long, env = "WECHAT_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::template::DEFAULT_BASE_URL)]
    pub base_url: String,

    /// Send through a notices gateway (POST URL/message/v2/notices) instead of WeChat itself
    #[arg(
        long,
        env = "TEMPLATE_GATEWAY_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub gateway_url: Option<String>,

    /// The gateway's Bearer token; on the command line it is visible to other local users in the process list: prefer TEMPLATE_GATEWAY_TOKEN
    #[arg(
        long,
        env = "TEMPLATE_GATEWAY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub gateway_token: Option<String>,

    /// A field WeChat would cut (over 20 characters, or several lines): truncate it here, or refuse
    /// with error [default: warn and send]
    #[arg(long, value_enum, value_name = "MODE")]
    pub overflow: Option<FieldOverflow>,

    /// Template messages take no free text: values go in --field
    #[arg(hide = true, value_name = "MESSAGE")]
    pub message: Vec<String>,
}

impl crate::channels::SecretVariables for TemplateArgs {
    const SECRET_VARIABLES: &[&str] = &[
        "WECHAT_APP_SECRET",
        "WECHAT_BASE_URL",
        "TEMPLATE_GATEWAY_URL",
        "TEMPLATE_GATEWAY_TOKEN",
    ];
}

/// What to do with a field WeChat would cut: a template message is one message, so it cannot be split
/// (`--overflow split` is not offered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FieldOverflow {
    /// Cut it here to one line of 19 characters and `…`.
    Truncate,
    /// Refuse to send it.
    Error,
}
