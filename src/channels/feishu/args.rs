//! `sendmsg feishu`'s command line.

use crate::channels::BodyArgs;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export FEISHU_WEBHOOK=https://open.feishu.cn/open-apis/bot/v2/hook/8d0e…
  export FEISHU_SECRET=mAc2…
  sendmsg feishu \"backup finished on $(hostname)\"
  make 2>&1 | sendmsg feishu --markdown --title \"build failed\" --at-all";

#[derive(Debug, Args)]
pub(crate) struct FeishuArgs {
    /// The bot's webhook token, or its whole webhook URL; on the command line it is visible to other local users in the process list: prefer FEISHU_WEBHOOK
    #[arg(
        long,
        env = "FEISHU_WEBHOOK",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub webhook: Option<String>,

    /// The bot's signing secret (签名校验); on the command line it is visible to other local users in the process list: prefer FEISHU_SECRET
    #[arg(
        long,
        env = "FEISHU_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub secret: Option<String>,

    /// The app that uploads --image (a custom bot cannot): its App ID; on the command line it is visible to other local users in the process list: prefer FEISHU_APP_ID
    #[arg(long, env = "FEISHU_APP_ID", hide_env_values = true, value_name = "ID")]
    pub app_id: Option<String>,

    /// The app's App Secret, for --image; on the command line it is visible to other local users in the process list: prefer FEISHU_APP_SECRET
    #[arg(
        long,
        env = "FEISHU_APP_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub app_secret: Option<String>,

    /// Send an interactive card with the message as markdown
    #[arg(long)]
    pub markdown: bool,

    /// Markdown: the card's header; text: a first line
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// @-mention everyone in the group
    #[arg(long)]
    pub at_all: bool,

    /// @-mention a group member by open_id, ou_… (repeatable)
    #[arg(long, value_name = "OPEN_ID")]
    pub at_user: Vec<String>,

    /// Replace the service's scheme and host (Lark: https://open.larksuite.com)
    /// [default: https://open.feishu.cn]
    #[arg(
        long,
        env = "FEISHU_BASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub base_url: Option<String>,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for FeishuArgs {
    const SECRET_VARIABLES: &[&str] = &[
        "FEISHU_WEBHOOK",
        "FEISHU_SECRET",
        "FEISHU_BASE_URL",
        "FEISHU_APP_ID",
        "FEISHU_APP_SECRET",
    ];
}
