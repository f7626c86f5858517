//! `sendmsg email`'s command line.

use crate::channels::BodyArgs;
use clap::Args;
use std::path::PathBuf;

pub(crate) const EXAMPLES: &str = "\
Examples:
  export SMTP_HOST=smtp.qq.com SMTP_PORT=465
  export SMTP_USER=12345@qq.com SMTP_PASSWORD=<授权码>
  sendmsg email --to ops@example.com \"backup finished on $(hostname)\"
  df -h | sendmsg email --to \"Ops <ops@example.com>\" --subject \"disk report\" \\
    --attach /var/log/df.log";

#[derive(Debug, Args)]
pub(crate) struct EmailArgs {
    /// The SMTP server's host name
    #[arg(long, env = "SMTP_HOST", value_name = "HOST")]
    pub host: Option<String>,

    /// The server's port [default: 465 for tls, 587 for starttls, 25 for none]
    #[arg(long, env = "SMTP_PORT", value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,

    /// How the connection is encrypted [default: tls on port 465, else starttls]
    #[arg(long, env = "SMTP_SECURITY", value_enum, value_name = "MODE")]
    pub security: Option<crate::channels::email::Security>,

    /// The login name (usually your address); without it the session does not authenticate
    #[arg(long, env = "SMTP_USER", value_name = "USER")]
    pub user: Option<String>,

    /// The password or app password (授权码); prefer the variable: arguments show in `ps`
    #[arg(
        long,
        env = "SMTP_PASSWORD",
        hide_env_values = true,
        value_name = "PASSWORD"
    )]
    pub password: Option<String>,

    /// The sender, e.g. "Backup Bot <bot@example.com>" [default: SMTP_USER]
    #[arg(long, env = "SMTP_FROM", value_name = "ADDR")]
    pub from: Option<String>,

    /// A PEM CA certificate to trust besides the system's (private mail servers)
    #[arg(long, env = "SMTP_CA_FILE", value_name = "PATH")]
    pub ca_file: Option<PathBuf>,

    /// Recipient (repeatable; a value may list several, comma-separated)
    #[arg(long, env = "EMAIL_TO", value_name = "ADDR")]
    pub to: Vec<String>,

    /// Carbon-copy recipient (repeatable)
    #[arg(long, value_name = "ADDR")]
    pub cc: Vec<String>,

    /// Blind-copy recipient (repeatable); in no header, only in the SMTP envelope
    #[arg(long, value_name = "ADDR")]
    pub bcc: Vec<String>,

    /// The subject [default: the message's first line, cut to 78 characters]
    #[arg(long, value_name = "SUBJECT")]
    pub subject: Option<String>,

    /// The message is HTML (sent as text/html)
    #[arg(long)]
    pub html: bool,

    /// Attach a file (repeatable); its type is guessed from its name
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    #[command(flatten)]
    pub body: BodyArgs,
}
