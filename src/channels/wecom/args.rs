//! `sendmsg wecom`'s command line.

use crate::channels::BodyArgs;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export WECOM_CORP_ID=ww1a2b… WECOM_CORP_SECRET=Xy9… WECOM_AGENT_ID=1000002
  sendmsg wecom --to-user zhangsan --to-user lisi \"backup done on $(hostname)\"
  WECOM_BOT_KEY=693a91f6-… sendmsg wecom --bot --mention-mobile 13800138000 \\
    \"disk full\"";

#[derive(Debug, Args)]
pub(crate) struct WecomArgs {
    /// Send through the group robot (WECOM_BOT_KEY) even when app credentials are set
    #[arg(long)]
    pub bot: bool,

    /// The enterprise's corp ID (older name: corpId)
    #[arg(long, env = "WECOM_CORP_ID", value_name = "ID")]
    pub corp_id: Option<String>,

    /// The app's Secret (older name: corpsecret); on the command line it is visible to other local users in the process list: prefer WECOM_CORP_SECRET
    #[arg(
        long,
        env = "WECOM_CORP_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub corp_secret: Option<String>,

    /// The app's AgentId, an integer (older name: agentId)
    #[arg(long, env = "WECOM_AGENT_ID", value_name = "ID")]
    pub agent_id: Option<String>,

    /// App: a member's userid (repeatable, or joined with `|`) [default: @all]
    #[arg(long, env = "WECOM_TO_USER", value_name = "USERID")]
    pub to_user: Vec<String>,

    /// App: a department id (repeatable)
    #[arg(long, value_name = "ID")]
    pub to_party: Vec<String>,

    /// App: a tag id (repeatable)
    #[arg(long, value_name = "ID")]
    pub to_tag: Vec<String>,

    /// Robot: the webhook key, or the robot's whole webhook URL; on the command line it is visible to other local users in the process list: prefer WECOM_BOT_KEY
    #[arg(
        long,
        env = "WECOM_BOT_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub bot_key: Option<String>,

    /// Robot: @-mention a group member by mobile number, or @all (repeatable; text only)
    #[arg(long, value_name = "MOBILE")]
    pub mention_mobile: Vec<String>,

    /// Send markdown instead of text; a robot sends markdown_v2 when the message has a table or fenced
    /// code (rendered for what each type can show)
    #[arg(long)]
    pub markdown: bool,

    /// Robot: send markdown (v1: font colours and <@userid>; tables become monospace lines)
    #[arg(long, conflicts_with = "markdown_v2")]
    pub markdown_v1: bool,

    /// Robot: send markdown_v2 (tables and code blocks; no font colours, no <@userid>)
    #[arg(long)]
    pub markdown_v2: bool,

    /// Replace the service's scheme and host (private gateways, tests)
    #[arg(long, env = "WECOM_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::wecom::DEFAULT_BASE_URL)]
    pub base_url: String,

    // Seed 000's older names of the app credentials, read when the contract's are not set: arguments, so
    // that a named target switches them off like every other variable; hidden, so only the variables show.
    #[arg(long = "corpId", env = "corpId", hide = true, value_name = "ID")]
    pub(crate) older_corp_id: Option<String>,

    #[arg(
        long = "corpsecret",
        env = "corpsecret",
        hide = true,
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub(crate) older_corp_secret: Option<String>,

    #[arg(long = "agentId", env = "agentId", hide = true, value_name = "ID")]
    pub(crate) older_agent_id: Option<String>,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl WecomArgs {
    /// Whether any of the markdown flags was given.
    pub(crate) fn wants_markdown(&self) -> bool {
        self.markdown || self.markdown_v1 || self.markdown_v2
    }
}

impl crate::channels::SecretVariables for WecomArgs {
    const SECRET_VARIABLES: &[&str] = &[
        "WECOM_CORP_SECRET",
        "WECOM_BOT_KEY",
        "WECOM_BASE_URL",
        "corpsecret",
    ];
}
