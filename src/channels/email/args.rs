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
    --attach /var/log/df.log
  SMTP_TLS_FINGERPRINT=sha256:5F:3A:… sendmsg email --ehlo host.example.com \\
    --to ops@example.com \"self-hosted server, self-signed certificate\"

Retries (--retries): a failure to connect or to complete TLS, or a timeout
before the message data ended, is retried in a new session. A reply of the
server is never retried at once: 5xx is a rejection (exit 1); 4xx (450/451
greylisting, a busy server) is exit 4, and --queue leaves it to
`sendmsg outbox flush`, which tries again minutes later. Once the data was
sent, nothing is resent. One refused recipient cancels the message for
everyone: nothing is sent to anyone. --timeout bounds each whole SMTP session.";

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

    /// The password or app password (授权码); on the command line it is visible to other local users in the process list: prefer SMTP_PASSWORD
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

    /// A PEM CA certificate to trust besides the system's, or the server's own self-signed certificate
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

    /// Where replies go, e.g. "Ops <ops@example.com>"
    #[arg(long, env = "EMAIL_REPLY_TO", value_name = "ADDR")]
    pub reply_to: Option<String>,

    /// An extra header, 'Name: value' (repeatable; not From, To, Cc, Bcc, Subject, Date, Message-ID)
    #[arg(long, value_name = "HEADER")]
    pub header: Vec<String>,

    /// The envelope sender (SMTP MAIL FROM), where bounces go [default: the From address]
    #[arg(long, env = "SMTP_ENVELOPE_FROM", value_name = "ADDR")]
    pub sender: Option<String>,

    /// The name this machine gives in EHLO; servers that reject a bare host name want a full one [default: this host's name]
    #[arg(long, env = "SMTP_HELO_NAME", value_name = "NAME")]
    pub ehlo: Option<String>,

    /// Trust exactly the server certificate with this SHA-256 fingerprint (sha256:HEX), self-signed or not
    #[arg(long, env = "SMTP_TLS_FINGERPRINT", value_name = "sha256:HEX")]
    pub tls_fingerprint: Option<String>,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for EmailArgs {
    const SECRET_VARIABLES: &[&str] = &["SMTP_PASSWORD"];
}
