//! `sendmsg webhook`'s command line.

use crate::channels::BodyArgs;
use clap::{Args, ValueEnum};

pub(crate) const EXAMPLES: &str = "\
Examples:
  sendmsg webhook --url https://ntfy.sh/alerts --body '{{message}}' \"disk full\"
  export WEBHOOK_URL=https://gw.example/api/alert
  export WEBHOOK_HEADERS='Authorization: Bearer 9f…'
  sendmsg webhook --body '{\"title\": {{title}}, \"text\": {{message}}}' \\
    --title backup --success code=0 \"backup finished\"";

/// The methods an endpoint may take a message with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HttpMethod {
    #[value(name = "POST")]
    Post,
    #[value(name = "PUT")]
    Put,
    /// No body: put {{message}} in the URL
    #[value(name = "GET")]
    Get,
}

#[derive(Debug, Args)]
pub(crate) struct WebhookArgs {
    /// The endpoint; {{message}} and {{title}} in it are percent-encoded
    #[arg(long, env = "WEBHOOK_URL", hide_env_values = true, value_name = "URL")]
    pub url: Option<String>,

    /// The HTTP method
    #[arg(
        long,
        env = "WEBHOOK_METHOD",
        value_enum,
        ignore_case = true,
        default_value = "POST"
    )]
    pub method: HttpMethod,

    /// A header 'Name: value' (repeatable; the variable holds one per line); values are secrets: on the
    /// command line they are visible to other local users in the process list: prefer WEBHOOK_HEADERS
    #[arg(
        long,
        env = "WEBHOOK_HEADERS",
        hide_env_values = true,
        value_name = "HEADER",
        value_delimiter = '\n'
    )]
    pub header: Vec<String>,

    /// The body, with {{message}} and {{title}}: JSON string literals in a template that is a JSON
    /// object or array (sent as application/json), the text as it is otherwise (text/plain; a bare
    /// '{{message}}' sends the message itself) [default: {"text": {{message}}}]
    #[arg(long = "body", env = "WEBHOOK_BODY", value_name = "TEMPLATE")]
    pub template: Option<String>,

    /// The body's Content-Type instead of application/json or text/plain (e.g. text/markdown)
    #[arg(long, env = "WEBHOOK_CONTENT_TYPE", value_name = "TYPE")]
    pub content_type: Option<String>,

    /// What {{title}} becomes [default: the message's first line]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// A 2xx reply is success only if its JSON field PATH equals VALUE (code=0, data.ok=true)
    #[arg(long, env = "WEBHOOK_SUCCESS", value_name = "PATH=VALUE")]
    pub success: Option<String>,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for WebhookArgs {
    const SECRET_VARIABLES: &[&str] = &["WEBHOOK_URL", "WEBHOOK_HEADERS"];
}
