//! `sendmsg ding`'s command line.

use crate::channels::BodyArgs;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export DING_ACCESS_TOKEN=6f3c…  DING_SECRET=SEC1a2b…
  sendmsg ding \"backup finished on $(hostname)\"
  make 2>&1 | sendmsg ding --title \"build failed\" --at-mobile 13800138000";

#[derive(Debug, Args)]
pub(crate) struct DingArgs {
    /// The robot's access_token, or its whole webhook URL; on the command line it is visible to other local users in the process list: prefer DING_ACCESS_TOKEN
    #[arg(
        long,
        env = "DING_ACCESS_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub access_token: Option<String>,

    /// The robot's signing secret (加签, starts with SEC); when set every request is signed; on the command line it is visible to other local users in the process list: prefer DING_SECRET
    #[arg(
        long,
        env = "DING_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub secret: Option<String>,

    /// Send markdown instead of text
    #[arg(long)]
    pub markdown: bool,

    /// Markdown: the title shown in the chat list [default: the first line]; text: a first line
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// @-mention a group member by mobile number (repeatable)
    #[arg(long, value_name = "MOBILE")]
    pub at_mobile: Vec<String>,

    /// @-mention a group member by DingTalk user id (repeatable)
    #[arg(long, value_name = "USER_ID")]
    pub at_user: Vec<String>,

    /// @-mention everyone in the group
    #[arg(long)]
    pub at_all: bool,

    /// Replace the service's scheme and host (private gateways, tests)
    #[arg(long, env = "DING_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::ding::DEFAULT_BASE_URL)]
    pub base_url: String,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl DingArgs {
    /// Markdown was asked for, or an image, which only a markdown message shows.
    pub(crate) fn wants_markdown(&self) -> bool {
        self.markdown || self.body.media.image_url.is_some()
    }
}

impl crate::channels::SecretVariables for DingArgs {
    const SECRET_VARIABLES: &[&str] = &["DING_ACCESS_TOKEN", "DING_SECRET", "DING_BASE_URL"];
}
