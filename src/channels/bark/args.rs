//! `sendmsg bark`'s command line.

use crate::channels::BodyArgs;
use crate::channels::bark::wire::Level;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export BARK_DEVICE_KEY=ynJ5Ft4atkMkWeo2PAvFhF
  sendmsg bark --title web-1 \"disk full\"
  sendmsg bark --device-key K1 --device-key K2 --level critical \"UPS on battery\"
  BARK_BASE_URL=https://bark.example.com sendmsg bark --group ddns \"new IP\"";

#[derive(Debug, Args)]
pub(crate) struct BarkArgs {
    /// A device key (repeatable; the variable is comma-separated), one push each; on the command line it
    /// is visible to other local users in the process list: prefer BARK_DEVICE_KEY
    #[arg(
        long,
        env = "BARK_DEVICE_KEY",
        hide_env_values = true,
        value_name = "KEY",
        value_delimiter = ','
    )]
    pub device_key: Vec<String>,

    /// The notification's title [default: none, the body alone]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// Group the notification with others of this name in Notification Center
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,

    /// How the notification interrupts
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub level: Option<Level>,

    /// The URL opened when the notification is tapped
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// The sound to play (a Bark sound name, e.g. minuet)
    #[arg(long, value_name = "SOUND")]
    pub sound: Option<String>,

    /// Replace the service's scheme and host (a self-hosted bark-server, tests)
    #[arg(long, env = "BARK_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::bark::wire::DEFAULT_BASE_URL)]
    pub base_url: String,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for BarkArgs {
    const SECRET_VARIABLES: &[&str] = &["BARK_DEVICE_KEY", "BARK_BASE_URL"];
}
