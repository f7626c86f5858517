//! `sendmsg serverchan`'s command line.

use crate::channels::BodyArgs;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export SERVERCHAN_SENDKEY=SCT123456T…   # or a Server酱³ key, sctp8842t…
  sendmsg serverchan \"backup finished on $(hostname)\"
  df -h | sendmsg serverchan --title \"disk report\" --short \"/ at 91%\"";

#[derive(Debug, Args)]
pub(crate) struct ServerChanArgs {
    /// The SendKey (SCT… for Turbo, sctp{N}t… for Server酱³); on the command line it is visible to other local users in the process list: prefer SERVERCHAN_SENDKEY
    #[arg(
        long,
        env = "SERVERCHAN_SENDKEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub sendkey: Option<String>,

    /// The push's title, at most 32 characters [default: the first line, cut to 32 characters]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// The card text shown in the message list, at most 64 characters
    #[arg(long, value_name = "TEXT")]
    pub short: Option<String>,

    /// Replace the scheme and host the key implies (private gateways, tests)
    #[arg(
        long,
        env = "SERVERCHAN_BASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub base_url: Option<String>,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for ServerChanArgs {
    const SECRET_VARIABLES: &[&str] = &["SERVERCHAN_SENDKEY", "SERVERCHAN_BASE_URL"];
}
