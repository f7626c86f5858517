//! The command line as clap sees it. Only clap types live here; `config.rs` turns them into channel
//! settings, so channels never see clap.

use crate::split::Overflow;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  sendmsg --dry-run ding \"hello from sendmsg\"
  make 2>&1 | sendmsg ding --title \"build failed\"
  sendmsg ding --file report.txt --overflow truncate

Exit codes: 0 sent, 1 rejected by the service, 2 usage or bad input,
3 configuration error, 4 still failing after retries, 5 suppressed by --limit
or --dedupe. `sendmsg help COMMAND` shows a command's options and examples.";

#[derive(Debug, Parser)]
#[command(
    name = "sendmsg",
    version,
    about = "Send a notification to WeCom, DingTalk, WeChat, SMS or e-mail, and exit with a code a script can act on.",
    after_help = EXAMPLES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// dotenv file to load [default: ./.env, else ~/.config/sendmsg/.env]; the environment wins over it
    #[arg(long, global = true, env = "SENDMSG_ENV_FILE", value_name = "PATH")]
    pub env_file: Option<PathBuf>,

    /// Build every request and print it as JSON lines; send nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Whole-request timeout in seconds
    #[arg(long, global = true, env = "SENDMSG_TIMEOUT", value_name = "SECS", default_value = "15", value_parser = parse_seconds)]
    pub timeout: Duration,

    /// Retries of a transient failure (network, timeout, 5xx, 429, busy codes)
    #[arg(long, global = true, env = "SENDMSG_RETRIES", value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,

    /// On success, print each service reply as one JSON document per line
    #[arg(long, global = true)]
    pub json: bool,

    /// Print nothing on success
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log each request (method, redacted URL, status, time) to stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)
    #[arg(long, global = true, env = "SENDMSG_LIMIT", value_name = "N/PERIOD")]
    pub limit: Option<String>,

    /// Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)
    #[arg(long, global = true, env = "SENDMSG_DEDUPE", value_name = "WINDOW")]
    pub dedupe: Option<String>,

    /// Count --limit and --dedupe under KEY (per channel) instead of the channel's recipients
    #[arg(long, global = true, env = "SENDMSG_LIMIT_KEY", value_name = "KEY")]
    pub limit_key: Option<String>,
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(secs > 0.0 && secs <= 3600.0) {
        return Err("must be more than 0 and at most 3600 seconds".into());
    }
    Ok(Duration::from_secs_f64(secs))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// WeCom (企业微信) self-built app message, or a WeCom group robot
    #[command(after_help = WECOM_EXAMPLES)]
    Wecom(WecomArgs),
    /// WeChat through a GeWe gateway (personal WeChat)
    #[command(after_help = GEWE_EXAMPLES)]
    Gewe(GeweArgs),
    /// DingTalk custom robot (钉钉自定义机器人)
    #[command(after_help = DING_EXAMPLES)]
    Ding(DingArgs),
    /// E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)
    #[command(after_help = EMAIL_EXAMPLES)]
    Email(EmailArgs),
    /// SMS through Aliyun, Tencent Cloud or an HTTP gateway
    #[command(after_help = SMS_EXAMPLES)]
    Sms(Box<SmsArgs>),
    /// WeChat Official Account (公众号) template message
    #[command(after_help = TEMPLATE_EXAMPLES)]
    Template(TemplateArgs),
    /// HTTP listener for ddns-go webhooks: records each user's address, notifies on change
    #[command(after_help = SERVE_DDNS_EXAMPLES)]
    ServeDdns(ServeDdnsArgs),
    /// One message through several channels
    #[command(after_help = SEND_EXAMPLES)]
    Send(SendArgs),
    /// Run a command, pass its output through, and report how it went
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Show what was sent (the send history)
    #[command(after_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// Check a channel's configuration without messaging anyone
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  sendmsg completions bash > /etc/bash_completion.d/sendmsg
  sendmsg completions zsh > \"${fpath[1]}/_sendmsg\"
  sendmsg completions fish > ~/.config/fish/completions/sendmsg.fish

The same scripts, and man pages, are in the source tree: completions/, man/.";

impl Command {
    pub fn name(&self) -> &'static str {
        match self {
            Command::Wecom(_) => "wecom",
            Command::Gewe(_) => "gewe",
            Command::Ding(_) => "ding",
            Command::Email(_) => "email",
            Command::Sms(_) => "sms",
            Command::Template(_) => "template",
            Command::ServeDdns(_) => "serve-ddns",
            Command::Send(_) => "send",
            Command::Run(_) => "run",
            Command::History(_) => "history",
            Command::Check(_) => "check",
            Command::Completions { .. } => "completions",
        }
    }
}

/// The message and what to do when it is too long for the channel.
#[derive(Debug, Args)]
pub struct BodyArgs {
    /// The message; with none, or `-`, it is read from stdin
    #[arg(value_name = "MESSAGE")]
    pub message: Vec<String>,

    /// Read the message from a file
    #[arg(long, value_name = "PATH", conflicts_with = "message")]
    pub file: Option<PathBuf>,

    /// What to do with a message over the channel's limit
    #[arg(long, value_enum, default_value_t = Overflow::Split)]
    pub overflow: Overflow,

    /// Most parts a split may send; more fails before anything is sent
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub max_parts: u16,

    /// Override the channel's size limit in bytes (for a service that changed its rules)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000_000))]
    pub max_bytes: Option<u32>,
}

/// The commands that are channels: what `--via` accepts.
pub const CHANNELS: &[&str] = &["wecom", "gewe", "ding", "email", "sms", "template"];

/// `--via`, shared by `send` and `run`.
#[derive(Debug, Args)]
pub struct ViaArgs {
    /// Channels to send through, comma-separated, each configured from its environment
    #[arg(long, env = "SENDMSG_VIA", value_name = "CHANNELS", required = true, value_delimiter = ',',
          value_parser = clap::builder::PossibleValuesParser::new(CHANNELS))]
    pub via: Vec<String>,
}

const SEND_EXAMPLES: &str = "\
Examples:
  sendmsg send --via ding,wecom \"disk full on $(hostname)\"
  SENDMSG_VIA=ding,email sendmsg send --file report.txt

Every channel is checked before any is sent; one result line per channel; the
exit code is the worst of them (3 > 2 > 1 > 4 > 5 > 0).";

#[derive(Debug, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub via: ViaArgs,

    #[command(flatten)]
    pub body: BodyArgs,
}

const RUN_EXAMPLES: &str = "\
Examples:
  sendmsg run --via ding -- /usr/local/bin/backup.sh --full
  sendmsg --limit 1/h run --via ding,email --on always --title \"nightly build\" \\
    -- make release

Exits with the command's own status (128+N when a signal N killed it); a failed
notification is reported on stderr and does not change it.";

/// When `run` sends its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum When {
    /// Only when the command fails (non-zero exit, a signal, or it cannot start)
    Failure,
    /// Every time
    Always,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub via: ViaArgs,

    /// When to send the report
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = When::Failure)]
    pub on: When,

    /// The report's first line [default: "PROGRAM failed" or "PROGRAM succeeded"]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// The command and its arguments (after `--`)
    #[arg(
        value_name = "CMD",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<std::ffi::OsString>,
}

const CHECK_EXAMPLES: &str = "\
Examples:
  sendmsg check wecom
  sendmsg check all
  sendmsg --json check all | jq 'select(.ok == false)'

One line per check, ✓ or ✗ with the fix. Only requests that send nothing are
made: an access token (wecom app, template), an SMTP login then QUIT (email), a
HEAD to the gateway (gewe). Robots (ding, wecom --bot) and SMS providers cannot
be probed without sending, so their settings are checked for presence and shape.
`all` checks every channel with any setting. The exit code is the worst failed
check's (3 configuration, 1 refused by the service, 4 unreachable), 0 when all
pass.";

/// `sendmsg check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The channel to check, or `all` for every channel with any setting
    #[arg(value_name = "CHANNEL|all", value_parser = clap::builder::PossibleValuesParser::new(
        CHANNELS.iter().copied().chain([crate::check::ALL])))]
    pub channel: String,
}

const HISTORY_EXAMPLES: &str = "\
Examples:
  sendmsg history --since 1d
  sendmsg history --failed --channel ding --last 5
  sendmsg --json history --since 1h | jq .error

The history is $XDG_STATE_HOME/sendmsg/history.jsonl (SENDMSG_HISTORY=off
disables it).";

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only sends through this channel
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,

    /// Only sends within this long ago, e.g. 30m, 1h, 7d
    #[arg(long, value_name = "DURATION", value_parser = crate::period::parse_duration)]
    pub since: Option<Duration>,

    /// Only sends that failed (exit 1-4; a suppressed send is not a failure)
    #[arg(long)]
    pub failed: bool,

    /// Only the last N matching sends (the global --limit is the rate limit)
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
}

const DING_EXAMPLES: &str = "\
Examples:
  export DING_ACCESS_TOKEN=6f3c…  DING_SECRET=SEC1a2b…
  sendmsg ding \"backup finished on $(hostname)\"
  make 2>&1 | sendmsg ding --title \"build failed\" --at-mobile 13800138000";

#[derive(Debug, Args)]
pub struct DingArgs {
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

const WECOM_EXAMPLES: &str = "\
Examples:
  export WECOM_CORP_ID=ww1a2b… WECOM_CORP_SECRET=Xy9… WECOM_AGENT_ID=1000002
  sendmsg wecom --to-user zhangsan --to-user lisi \"backup done on $(hostname)\"
  WECOM_BOT_KEY=693a91f6-… sendmsg wecom --bot --mention-mobile 13800138000 \\
    \"disk full\"";

#[derive(Debug, Args)]
pub struct WecomArgs {
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

    /// Send markdown instead of text
    #[arg(long)]
    pub markdown: bool,

    /// Replace the service's scheme and host (private gateways, tests)
    #[arg(long, env = "WECOM_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::wecom::DEFAULT_BASE_URL)]
    pub base_url: String,

    #[command(flatten)]
    pub body: BodyArgs,
}

const EMAIL_EXAMPLES: &str = "\
Examples:
  export SMTP_HOST=smtp.qq.com SMTP_PORT=465
  export SMTP_USER=12345@qq.com SMTP_PASSWORD=<授权码>
  sendmsg email --to ops@example.com \"backup finished on $(hostname)\"
  df -h | sendmsg email --to \"Ops <ops@example.com>\" --subject \"disk report\" \\
    --attach /var/log/df.log";

#[derive(Debug, Args)]
pub struct EmailArgs {
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

const TEMPLATE_EXAMPLES: &str = "\
Examples:
  export WECHAT_APP_ID=wx1a2b… WECHAT_APP_SECRET=9f8e… WECHAT_TEMPLATE_ID=ngqIp…
  sendmsg template --to oUpF8uMuAJO_M2pxb1Q9zNjWeS6o \\
    --field thing1=\"backup done\" --field time2=\"$(date '+%F %T')\"
  df -h / | tail -1 | sendmsg template --to oUpF8u… --field thing1=- \\
    --field amount2=\"98%#FF0000\"";

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// A follower's openid (repeatable or comma-separated; one request each)
    #[arg(long, env = "WECHAT_TO", value_name = "OPENID", value_delimiter = ',')]
    pub to: Vec<String>,

    /// The template's id
    #[arg(long, env = "WECHAT_TEMPLATE_ID", value_name = "ID")]
    pub template_id: Option<String>,

    /// The page the message opens when tapped
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// A template field: KEY=VALUE, or KEY=VALUE#RRGGBB for a colour; a VALUE of `-` reads stdin (repeatable)
    #[arg(long, value_name = "KEY=VALUE")]
    pub field: Vec<String>,

    /// The Official Account's AppID
    #[arg(long, env = "WECHAT_APP_ID", value_name = "APPID")]
    pub app_id: Option<String>,

    /// The Official Account's AppSecret; on the command line it is visible to other local users in the process list: prefer WECHAT_APP_SECRET
    #[arg(
        long,
        env = "WECHAT_APP_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub app_secret: Option<String>,

    /// Replace the service's scheme and host (private gateways, tests)
    #[arg(long, env = "WECHAT_BASE_URL", hide_env_values = true, value_name = "URL", default_value = crate::channels::template::DEFAULT_BASE_URL)]
    pub base_url: String,

    /// Send through a notices gateway (POST URL/message/v2/notices) instead of WeChat itself
    #[arg(
        long,
        env = "TEMPLATE_GATEWAY_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub gateway_url: Option<String>,

    /// The gateway's Bearer token; on the command line it is visible to other local users in the process list: prefer TEMPLATE_GATEWAY_TOKEN
    #[arg(
        long,
        env = "TEMPLATE_GATEWAY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub gateway_token: Option<String>,

    /// A field WeChat would cut (over 20 characters, or several lines): truncate it here, or refuse
    /// with error [default: warn and send]
    #[arg(long, value_enum, value_name = "MODE")]
    pub overflow: Option<Overflow>,

    /// Template messages take no free text: values go in --field
    #[arg(hide = true, value_name = "MESSAGE")]
    pub message: Vec<String>,
}

const SERVE_DDNS_EXAMPLES: &str = "\
Examples:
  DDNS_TOKEN=$(openssl rand -hex 16) \\
    sendmsg serve-ddns --listen 0.0.0.0:8080 --notify wecom,ding
  sendmsg serve-ddns --store /var/lib/sendmsg/ddns.json --notify none
  curl -H \"Authorization: Bearer $DDNS_TOKEN\" http://127.0.0.1:8080/ip/alice";

#[derive(Debug, Args)]
pub struct ServeDdnsArgs {
    /// Address and port to listen on; a non-loopback address needs --token
    #[arg(
        long,
        env = "DDNS_LISTEN",
        value_name = "ADDR",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: String,

    /// The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]
    #[arg(long, env = "DDNS_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// Token every request but /healthz must carry (?token= or Authorization: Bearer); on the command line it is visible to other local users in the process list: prefer DDNS_TOKEN
    #[arg(long, env = "DDNS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,

    /// Channel that receives the change notifications and /api/send texts, or `none`; with a
    /// comma-separated list (wecom,ding) each next one is a fallback used when the one before fails
    #[arg(
        long,
        env = "DDNS_NOTIFY",
        value_name = "CHANNELS|none",
        default_value = "none"
    )]
    pub notify: String,

    /// Listen on a non-loopback address without a token (only behind a proxy that authenticates)
    #[arg(long)]
    pub allow_unauthenticated: bool,

    /// Worker threads; each serves one connection at a time
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
}

const GEWE_EXAMPLES: &str = "\
Examples:
  export GEWE_BASE_URL=http://10.0.0.5:2531 GEWE_TOKEN=… GEWE_APP_ID=wx_ECMY4oE…
  sendmsg gewe --to 34757816141@chatroom \"backup finished on $(hostname)\"
  sendmsg gewe --to wxid_abc --app-xml card.xml
  GEWE_API=v2 GEWE_BASE_URL=http://10.0.0.5:2531/v2/api \\
    sendmsg gewe --to wxid_abc \"hi\"";

#[derive(Debug, Args)]
pub struct GeweArgs {
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

const SMS_EXAMPLES: &str = "\
Examples:
  sendmsg sms --provider aliyun --to 13800138000 --sign 阿里云短信测试 \\
    --template SMS_154950909 --param code=1234
  sendmsg sms --provider tencent --to 13800138000 --template 1110 \\
    --param 1=web-1 --param 2=disk
  SMS_GATEWAY_URL=http://gw:8080/api/third/sms/sendMsg \\
    sendmsg sms --provider http --to 13800138000 \"disk full\"";

/// Where an SMS goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmsProvider {
    /// Aliyun SMS (template)
    Aliyun,
    /// Tencent Cloud SMS (template)
    Tencent,
    /// A plain HTTP gateway (free text)
    Http,
}

#[derive(Debug, Args)]
pub struct SmsArgs {
    /// The SMS provider
    #[arg(long, env = "SMS_PROVIDER", value_enum)]
    pub provider: Option<SmsProvider>,

    /// Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)
    #[arg(long, env = "SMS_TO", value_name = "MOBILE", value_delimiter = ',')]
    pub to: Vec<String>,

    /// The approved signature name (签名)
    #[arg(long, env = "SMS_SIGN_NAME", value_name = "NAME")]
    pub sign: Option<String>,

    /// The approved template code or id
    #[arg(long, env = "SMS_TEMPLATE", value_name = "ID")]
    pub template: Option<String>,

    /// A template variable (repeatable): Aliyun by name, Tencent by position in the order given
    #[arg(long, value_name = "KEY=VALUE")]
    pub param: Vec<String>,

    /// Aliyun AccessKey id
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_ID", value_name = "ID")]
    pub access_key_id: Option<String>,

    /// Aliyun AccessKey secret; on the command line it is visible to other local users in the process list: prefer ALIBABA_CLOUD_ACCESS_KEY_SECRET
    #[arg(
        long,
        env = "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub access_key_secret: Option<String>,

    /// Tencent Cloud SecretId
    #[arg(long, env = "TENCENTCLOUD_SECRET_ID", value_name = "ID")]
    pub secret_id: Option<String>,

    /// Tencent Cloud SecretKey; on the command line it is visible to other local users in the process list: prefer TENCENTCLOUD_SECRET_KEY
    #[arg(
        long,
        env = "TENCENTCLOUD_SECRET_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub secret_key: Option<String>,

    /// Tencent SMS SdkAppId
    #[arg(long, env = "TENCENT_SMS_SDK_APP_ID", value_name = "ID")]
    pub sdk_app_id: Option<String>,

    /// Tencent Cloud region
    #[arg(long, env = "TENCENT_SMS_REGION", value_name = "REGION",
          default_value = crate::channels::sms::tencent::DEFAULT_REGION)]
    pub region: String,

    /// The HTTP gateway's endpoint; `mobile` and `content` are added to its query
    #[arg(
        long,
        env = "SMS_GATEWAY_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub gateway_url: Option<String>,

    /// A token for the HTTP gateway, sent as the OPS-Token header; on the command line it is visible to other local users in the process list: prefer SMS_GATEWAY_TOKEN
    #[arg(
        long,
        env = "SMS_GATEWAY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub gateway_token: Option<String>,

    /// Replace the cloud provider's scheme and host [default: $ALIYUN_SMS_BASE_URL or
    /// $TENCENT_SMS_BASE_URL, else the service's]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    #[arg(long, env = "ALIYUN_SMS_BASE_URL", hide_env_values = true, hide = true,
          default_value = crate::channels::sms::aliyun::DEFAULT_BASE_URL)]
    pub aliyun_base_url: String,

    #[arg(long, env = "TENCENT_SMS_BASE_URL", hide_env_values = true, hide = true,
          default_value = crate::channels::sms::tencent::DEFAULT_BASE_URL)]
    pub tencent_base_url: String,

    #[command(flatten)]
    pub body: BodyArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn options_may_follow_message_words_and_globals_may_follow_the_subcommand() {
        let cli = Cli::try_parse_from([
            "sendmsg",
            "ding",
            "disk",
            "--title",
            "T",
            "full",
            "--dry-run",
        ]);
        let Ok(Cli {
            global,
            command: Command::Ding(args),
        }) = cli
        else {
            panic!("did not parse: {cli:?}");
        };
        assert_eq!(args.body.message, ["disk", "full"]);
        assert_eq!(args.title.as_deref(), Some("T"));
        assert!(global.dry_run);
    }

    #[test]
    fn double_dash_ends_options() {
        let cli = Cli::try_parse_from(["sendmsg", "ding", "--", "--not-a-flag", "-5"]);
        assert!(
            matches!(cli, Ok(Cli { command: Command::Ding(ref a), .. }) if a.body.message == ["--not-a-flag", "-5"])
        );
    }

    #[test]
    fn timeouts_are_positive_and_bounded() {
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("soon").is_err());
    }
}
