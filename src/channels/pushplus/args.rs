//! `sendmsg pushplus`'s command line.

use crate::channels::BodyArgs;
use crate::channels::pushplus::wire::Template;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export PUSHPLUS_TOKEN=0123456789abcdef…
  sendmsg pushplus \"backup finished on $(hostname)\"
  sendmsg pushplus --template markdown --title \"nightly\" --file report.md
  sendmsg pushplus --topic ops \"disk full on web-1\"";

#[derive(Debug, Args)]
pub(crate) struct PushPlusArgs {
    /// The user token (用户token); on the command line it is visible to other local users in the process list: prefer PUSHPLUS_TOKEN
    #[arg(
        long,
        env = "PUSHPLUS_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,

    /// The message's title, at most 100 characters [default: the first line]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// How PushPlus renders the message
    #[arg(long, value_enum, default_value_t = Template::Txt)]
    pub template: Template,

    /// Send to the members of this group (群组编码) instead of yourself
    #[arg(long, value_name = "CODE")]
    pub topic: Option<String>,

    /// Replace the service's scheme and host (private gateways, tests)
    #[arg(long, env = "PUSHPLUS_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::pushplus::wire::DEFAULT_BASE_URL)]
    pub base_url: String,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for PushPlusArgs {
    const SECRET_VARIABLES: &[&str] = &["PUSHPLUS_TOKEN", "PUSHPLUS_BASE_URL"];
}
