//! `sendmsg gewe`'s command line.

use crate::channels::BodyArgs;
use clap::Args;
use std::path::PathBuf;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export GEWE_BASE_URL=http://10.0.0.5:2531 GEWE_TOKEN=… GEWE_APP_ID=wx_ECMY4oE…
  sendmsg gewe --to 34757816141@chatroom \"backup finished on $(hostname)\"
  sendmsg gewe --to wxid_abc --app-xml card.xml
  GEWE_API=v2 GEWE_BASE_URL=http://10.0.0.5:2531/v2/api \\
    sendmsg gewe --to wxid_abc \"hi\"";

#[derive(Debug, Args)]
pub(crate) struct GeweArgs {
    /// Recipient wxid or chatroom id (repeatable; the variable is comma-separated)
    #[arg(long, env = "GEWE_TO", value_name = "WXID", value_delimiter = ',')]
    pub to: Vec<String>,

    /// @-mention a group member by wxid (repeatable); put `@their nickname` in the text too
    #[arg(long, value_name = "WXID")]
    pub at: Vec<String>,

    /// Send the app message (the `<appmsg>` XML) in FILE instead of text
    #[arg(long, value_name = "FILE", conflicts_with_all = ["message", "file"])]
    pub app_xml: Option<PathBuf>,

    /// The gateway's token (header X-GEWE-TOKEN); on the command line it is visible to other local users in the process list: prefer GEWE_TOKEN
    #[arg(long, env = "GEWE_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// The logged-in device's app id (appid)
    #[arg(long, env = "GEWE_APP_ID", value_name = "APP_ID")]
    pub app_id: Option<String>,

    /// The gateway's base URL (required: GeWe is self-hosted or a private domain)
    #[arg(
        long,
        env = "GEWE_BASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub base_url: Option<String>,

    /// Which GeWe API the gateway speaks
    #[arg(long, env = "GEWE_API", value_enum, default_value_t = crate::channels::gewe::Api::Legacy)]
    pub api: crate::channels::gewe::Api,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for GeweArgs {
    const SECRET_VARIABLES: &[&str] = &["GEWE_TOKEN", "GEWE_BASE_URL"];
}
