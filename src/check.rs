//! `sendmsg check <channel|all>`: is each channel's configuration good, without messaging anyone? One
//! line per check, ✓ or ✗ with the fix, and every problem listed at once (a check never stops at the first).
//! Only requests that send nothing are made: an access token (WeCom app, WeChat), an SMTP login then QUIT,
//! a HEAD to the GeWe gateway. Robots and SMS providers have no such request, so their settings are
//! checked for presence and shape only.

use crate::channels::token::Tokens;
use crate::channels::{Channel, Session, ding, gewe, sms::Mobile, wecom as wecom_wire};
use crate::cli::{
    CheckArgs, Cli, Command, DingArgs, EmailArgs, GeweArgs, GlobalArgs, SmsArgs, SmsProvider,
    TemplateArgs, WecomArgs,
};
use crate::config::{self, Resolve};
use crate::error::Error;
use crate::output::Printer;
use crate::request::{HttpRequest, Method};
use crate::transport::{Exchange, HttpTransport, RetryPolicy, Transport};
use clap::{CommandFactory, Parser};

/// What `check all` means: every channel with any setting in the environment.
pub const ALL: &str = "all";

/// Runs the checks; the exit code is the worst of the failed checks' (0 when all pass).
pub fn run(args: &CheckArgs, global: &GlobalArgs, printer: Printer) -> Result<u8, Error> {
    let channels: Vec<&'static str> = if args.channel == ALL {
        crate::cli::CHANNELS
            .iter()
            .copied()
            .filter(|c| configured(c))
            .collect()
    } else {
        crate::cli::CHANNELS
            .iter()
            .copied()
            .filter(|c| *c == args.channel)
            .collect()
    };
    if channels.is_empty() {
        return Err(Error::Config(format!(
            "check: no channel has any setting in the environment or .env (channels: {})",
            crate::cli::CHANNELS.join(", ")
        )));
    }
    let mut report = Report {
        printer,
        channel: "",
        exits: Vec::new(),
    };
    for channel in channels {
        report.channel = channel;
        check_channel(channel, global, &mut report);
    }
    Ok(crate::fanout::worst(report.exits))
}

/// Whether any variable the channel reads is set (not empty).
fn configured(channel: &str) -> bool {
    let command = Cli::command();
    let Some(sub) = command.find_subcommand(channel) else {
        return false;
    };
    let older = if channel == "wecom" {
        &config::wecom::OLDER_NAMES[..]
    } else {
        &[]
    };
    sub.get_arguments()
        .filter_map(|arg| arg.get_env())
        .filter_map(|var| var.to_str())
        .chain(older.iter().copied())
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
}

/// The channel's settings as `sendmsg CHANNEL` would read them from the environment.
fn check_channel(channel: &'static str, global: &GlobalArgs, report: &mut Report) {
    let net = Net {
        global,
        printer: report.printer,
    };
    match Cli::try_parse_from(["sendmsg", channel]) {
        Ok(cli) => match &cli.command {
            Command::Ding(args) => check_ding(args, report),
            Command::Wecom(args) => check_wecom(args, net, report),
            Command::Template(args) => check_template(args, net, report),
            Command::Gewe(args) => check_gewe(args, net, report),
            Command::Sms(args) => check_sms(args, report),
            Command::Email(args) => check_email(args, net, report),
            _ => {}
        },
        Err(e) => {
            let reason = e.to_string();
            let first = reason.lines().next().unwrap_or_default();
            report.fail(
                "settings",
                3,
                first.trim_start_matches("error: "),
                "fix the variable named above",
            );
        }
    }
}

/// The verdicts so far, printed as they come.
struct Report {
    printer: Printer,
    channel: &'static str,
    exits: Vec<u8>,
}

impl Report {
    fn pass(&mut self, check: &str, detail: &str) {
        self.line(check, Ok(detail), 0, None);
    }

    fn fail(&mut self, check: &str, exit: u8, problem: &str, fix: &str) {
        self.line(check, Err(problem), exit, Some(fix));
    }

    /// A failure as a send would have reported it; the fix is `fix`, else the hint for its code.
    fn error(&mut self, check: &str, err: &Error, fix: Option<&str>) {
        let text = err.to_string();
        let problem = text
            .strip_prefix(self.channel)
            .and_then(|t| t.strip_prefix(": "))
            .unwrap_or(&text);
        let problem = problem
            .strip_prefix(check)
            .and_then(|t| t.strip_prefix(": ").or_else(|| t.strip_prefix(' ')))
            .unwrap_or(problem);
        let fix = fix.or_else(|| crate::hints::for_error(err)).or(match err {
            Error::Transient { .. } => {
                Some("check the base URL and that this machine can reach the service")
            }
            Error::Config(_) | Error::BadInput(_) => Some("correct the setting the problem names"),
            Error::Rejected { .. } | Error::Suppressed { .. } => None,
        });
        self.line(check, Err(problem), err.exit_code(), fix);
    }

    fn line(&mut self, check: &str, verdict: Result<&str, &str>, exit: u8, fix: Option<&str>) {
        self.exits.push(exit);
        let channel = self.channel;
        if self.printer.json {
            let (ok, text) = match verdict {
                Ok(detail) => (true, detail),
                Err(problem) => (false, problem),
            };
            let line = serde_json::json!({
                "channel": channel,
                "check": check,
                "ok": ok,
                "detail": text,
                "fix": fix,
                "exit": exit,
            });
            self.printer.output(&line.to_string());
            return;
        }
        let line = match (verdict, fix) {
            (Ok(detail), _) => format!("✓ {channel}: {check}: {detail}"),
            (Err(problem), Some(fix)) => format!("✗ {channel}: {check}: {problem} — fix: {fix}"),
            (Err(problem), None) => format!("✗ {channel}: {check}: {problem}"),
        };
        self.printer.output(&line);
    }

    /// A required setting: ✗ when missing (with `fix`); its trimmed value for the caller's own ✓ or ✗.
    fn required<'v>(&mut self, var: &str, value: Option<&'v str>, fix: &str) -> Option<&'v str> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        if value.is_none() {
            self.fail(var, 3, "not set", fix);
        }
        value
    }

    /// A required setting with no shape to check: ✓ set, or ✗ with `fix`.
    fn present<'v>(&mut self, var: &str, value: Option<&'v str>, fix: &str) -> Option<&'v str> {
        let value = self.required(var, value, fix);
        if value.is_some() {
            self.pass(var, "set");
        }
        value
    }

    /// A required URL: ✗ when missing or not http(s), else ✓ naming it.
    fn url(&mut self, var: &str, value: Option<&str>, fix: &str) -> Option<String> {
        let url = self.required(var, value, fix)?;
        let url = self.base_url(var, url)?;
        self.pass(var, &url);
        Some(url)
    }

    /// A base URL, reported only when it is wrong (the default is always right).
    fn base_url(&mut self, var: &str, value: &str) -> Option<String> {
        match config::base_url(self.channel, var, value) {
            Ok(url) => Some(url),
            Err(e) => {
                self.error(var, &e, Some("give an http:// or https:// URL"));
                None
            }
        }
    }
}

/// What the checks that make a request need.
#[derive(Clone, Copy)]
struct Net<'a> {
    global: &'a GlobalArgs,
    printer: Printer,
}

impl Net<'_> {
    fn transport(self) -> Result<HttpTransport, Error> {
        HttpTransport::new(self.global.timeout, self.printer)
    }

    /// Asks the service for a fresh access token through the send path's token step (the cached one is
    /// dropped first: a cached token proves nothing about this machine's IP), and caches the new one.
    fn access_token(self, channel: &dyn Channel, report: &mut Report) {
        let Some(spec) = channel.token() else {
            return;
        };
        let check = "access token";
        let transport = match self.transport() {
            Ok(t) => t,
            Err(e) => return report.error(check, &e, None),
        };
        let session = Session {
            transport: &transport,
            printer: self.printer,
            retry: RetryPolicy::new(self.global.retries),
        };
        let url = spec.request.url.clone();
        let mut tokens = Tokens::new(Some(spec));
        tokens.invalidate();
        match tokens.get(channel.name(), &session) {
            Ok(_) => report.pass(check, &format!("issued by {url}")),
            Err(e) => report.error(check, &e, None),
        }
    }
}

fn set(value: Option<&String>) -> Option<&str> {
    value.map(|v| v.trim()).filter(|v| !v.is_empty())
}

const NOT_PROBED: &str =
    "not contacted: a robot webhook cannot be tested without posting a message";

fn check_ding(args: &DingArgs, report: &mut Report) {
    let fix =
        "copy the robot's Webhook URL (group settings → 机器人 → the robot) into DING_ACCESS_TOKEN";
    if let Some(token) = report.required("DING_ACCESS_TOKEN", args.access_token.as_deref(), fix) {
        match ding::access_token_from(token) {
            Ok(_) => report.pass(
                "DING_ACCESS_TOKEN",
                &format!("set, well-formed; {NOT_PROBED}"),
            ),
            Err(e) => report.error("DING_ACCESS_TOKEN", &e, Some(fix)),
        }
    }
    match set(args.secret.as_ref()) {
        Some(secret) if !secret.starts_with("SEC") => report.fail(
            "DING_SECRET",
            3,
            "does not start with SEC, so it is not a 加签 secret",
            "copy the secret under the robot's 安全设置 → 加签, or unset DING_SECRET for a keyword robot",
        ),
        Some(_) => report.pass("DING_SECRET", "set: every message is signed (加签)"),
        None => report.pass(
            "DING_SECRET",
            "not set: the robot must use 自定义关键词 (every message must contain one) or an IP whitelist",
        ),
    }
    report.base_url("DING_BASE_URL", &args.base_url);
}

fn check_wecom(args: &WecomArgs, net: Net<'_>, report: &mut Report) {
    let [corp_id, corp_secret, agent_id] = config::wecom::app_credentials(args);
    let has_app = corp_id.is_some() || corp_secret.is_some() || agent_id.is_some();
    let bot_key = set(args.bot_key.as_ref());
    let base_url = report.base_url("WECOM_BASE_URL", &args.base_url);
    if let Some(key) = bot_key {
        match wecom_wire::bot_key_from(key) {
            Ok(_) => report.pass("WECOM_BOT_KEY", &format!("set, well-formed; {NOT_PROBED}")),
            Err(e) => report.error(
                "WECOM_BOT_KEY",
                &e,
                Some("copy the robot's webhook URL (群机器人 → the robot) into WECOM_BOT_KEY"),
            ),
        }
    }
    if !has_app {
        if bot_key.is_none() {
            report.fail(
                "settings",
                3,
                "nothing set",
                "set WECOM_CORP_ID, WECOM_CORP_SECRET and WECOM_AGENT_ID for an app, or WECOM_BOT_KEY for a group robot",
            );
        }
        return;
    }
    let found = [
        report.present(
            "WECOM_CORP_ID",
            corp_id.as_deref(),
            "copy the 企业ID from 我的企业 → 企业信息",
        ),
        report.present(
            "WECOM_CORP_SECRET",
            corp_secret.as_deref(),
            "copy the app's Secret from 应用管理 → the app",
        ),
        report.required(
            "WECOM_AGENT_ID",
            agent_id.as_deref(),
            "copy the app's AgentId from 应用管理 → the app",
        ),
    ];
    match found[2].map(str::parse::<i64>) {
        Some(Ok(_)) => report.pass("WECOM_AGENT_ID", "set"),
        Some(Err(_)) => {
            report.fail(
                "WECOM_AGENT_ID",
                3,
                "is not an integer",
                "the AgentId is a number such as 1000002",
            );
            return;
        }
        None => {}
    }
    if found.iter().any(Option::is_none) || base_url.is_none() {
        return;
    }
    let how = Resolve {
        dry_run: false,
        printer: net.printer,
    };
    match config::wecom::resolve(args, how) {
        Ok(config::wecom::Wecom::App(app)) => net.access_token(&app, report),
        Ok(config::wecom::Wecom::Robot(_)) => {}
        Err(e) => report.error("settings", &e, None),
    }
}

fn check_template(args: &TemplateArgs, net: Net<'_>, report: &mut Report) {
    if args.gateway_url.is_some() || args.gateway_token.is_some() {
        report.url(
            "TEMPLATE_GATEWAY_URL",
            args.gateway_url.as_deref(),
            "set the notices gateway's URL",
        );
        report.present(
            "TEMPLATE_GATEWAY_TOKEN",
            args.gateway_token.as_deref(),
            "set the gateway's Bearer token",
        );
        report.pass(
            "gateway",
            "not contacted: the notices gateway has no request that sends nothing",
        );
    } else {
        let fix = "copy it from the Official Account's 设置与开发 → 基本配置";
        let app_id = report.present("WECHAT_APP_ID", args.app_id.as_deref(), fix);
        let secret = report.present("WECHAT_APP_SECRET", args.app_secret.as_deref(), fix);
        let base_url = report.base_url("WECHAT_BASE_URL", &args.base_url);
        if let (Some(app_id), Some(secret), Some(base_url)) = (app_id, secret, base_url) {
            let wechat = crate::channels::template::Wechat {
                app_id: app_id.to_owned(),
                app_secret: crate::secret::Secret::new(secret),
                base_url,
                notice: crate::channels::template::Notice {
                    to: String::new(),
                    template_id: String::new(),
                    url: None,
                    fields: Vec::new(),
                },
            };
            net.access_token(&wechat, report);
        }
    }
    match args.template_id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => report.pass("WECHAT_TEMPLATE_ID", "set"),
        _ => report.pass(
            "WECHAT_TEMPLATE_ID",
            "not set: give --template-id when sending",
        ),
    }
    check_each(
        "WECHAT_TO",
        &args.to,
        config::template::valid_openid,
        report,
    );
}

fn check_gewe(args: &GeweArgs, net: Net<'_>, report: &mut Report) {
    let base = report.url(
        "GEWE_BASE_URL",
        args.base_url.as_deref(),
        "set the gateway's URL, e.g. http://HOST:2531",
    );
    report.present(
        "GEWE_TOKEN",
        args.token.as_deref(),
        "set the gateway's token (X-GEWE-TOKEN)",
    );
    let app_fix = "set the device's app id (wx_…) that the gateway's login returned";
    match report.required("GEWE_APP_ID", args.app_id.as_deref(), app_fix) {
        Some(app_id) if gewe::valid_app_id(app_id) => report.pass("GEWE_APP_ID", "set, wx_…"),
        Some(app_id) => {
            let err = config::gewe::app_id_error(app_id);
            report.error("GEWE_APP_ID", &err, Some(app_fix));
        }
        None => {}
    }
    check_each("GEWE_TO", &args.to, gewe::valid_recipient, report);
    let Some(base) = base else {
        return;
    };
    // upstream-apis.md names no status endpoint; a HEAD asks for nothing and sends nothing.
    let check = "gateway";
    let request = HttpRequest {
        method: Method::Head,
        ..HttpRequest::get("gewe", base.clone())
    };
    let replied = net.transport().map(|t| t.send(&request));
    match replied {
        Ok(Ok(Exchange::Replied(reply))) => report.pass(
            check,
            &format!(
                "reachable: HEAD {base} answered HTTP {} (whether the WeChat login is online is not checked)",
                reply.status
            ),
        ),
        Ok(Ok(Exchange::Printed)) => {}
        Ok(Err(no_reply)) => report.fail(
            check,
            4,
            &format!("HEAD {base}: {}", no_reply.0),
            "check GEWE_BASE_URL and that the gateway is running and reachable from here",
        ),
        Err(e) => report.error(check, &e, None),
    }
}

fn check_sms(args: &SmsArgs, report: &mut Report) {
    let Some(provider) = args.provider else {
        report.fail(
            "SMS_PROVIDER",
            3,
            "not set",
            "set SMS_PROVIDER to aliyun, tencent or http",
        );
        return;
    };
    match provider {
        SmsProvider::Aliyun => {
            let keys = [
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", args.access_key_id.as_deref()),
                (
                    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                    args.access_key_secret.as_deref(),
                ),
            ];
            let fix = "create an AccessKey (RAM 访问控制 → 用户 → AccessKey) with SMS permission";
            for (var, value) in keys {
                let value = report.required(var, value, fix);
                well_formed(report, var, value, fix);
            }
            report.base_url("ALIYUN_SMS_BASE_URL", &args.aliyun_base_url);
        }
        SmsProvider::Tencent => {
            let keys = [
                ("TENCENTCLOUD_SECRET_ID", args.secret_id.as_deref()),
                ("TENCENTCLOUD_SECRET_KEY", args.secret_key.as_deref()),
            ];
            let fix = "create an API key (访问管理 → API密钥管理)";
            for (var, value) in keys {
                let value = report.required(var, value, fix);
                well_formed(report, var, value, fix);
            }
            let app_fix = "copy the SdkAppId (a number like 1400006666) from 短信 → 应用管理";
            let var = "TENCENT_SMS_SDK_APP_ID";
            match report.required(var, args.sdk_app_id.as_deref(), app_fix) {
                Some(id) if id.chars().all(|c| c.is_ascii_digit()) => report.pass(var, "set"),
                Some(_) => report.fail(var, 3, "is not a number", app_fix),
                None => {}
            }
            report.base_url("TENCENT_SMS_BASE_URL", &args.tencent_base_url);
        }
        SmsProvider::Http => {
            report.url(
                "SMS_GATEWAY_URL",
                args.gateway_url.as_deref(),
                "set the gateway's endpoint URL",
            );
            report.pass(
                "gateway",
                "not contacted: the gateway's only request sends an SMS",
            );
        }
    }
    if provider != SmsProvider::Http {
        optional(report, "SMS_SIGN_NAME", args.sign.as_deref(), "--sign");
        optional(
            report,
            "SMS_TEMPLATE",
            args.template.as_deref(),
            "--template",
        );
        report.pass(
            "provider",
            "not contacted: the provider has no request that checks credentials without sending",
        );
    }
    check_each("SMS_TO", &args.to, |m| Mobile::parse(m).is_some(), report);
}

fn check_email(args: &EmailArgs, net: Net<'_>, report: &mut Report) {
    let host = report.present(
        "SMTP_HOST",
        args.host.as_deref(),
        "set the mail server's host name, e.g. smtp.qq.com",
    );
    let sender = set(args.from.as_ref()).or(set(args.user.as_ref()));
    match sender.map(|s| (s, crate::channels::email::parse_mailbox(s))) {
        Some((_, Ok(_))) => report.pass("SMTP_FROM", "a valid sender address"),
        Some((given, Err(reason))) => report.fail(
            "SMTP_FROM",
            3,
            &format!("`{given}` is not an e-mail address ({reason})"),
            "set SMTP_FROM to the sender, e.g. \"Bot <bot@example.com>\"",
        ),
        None => report.fail(
            "SMTP_FROM",
            3,
            "neither SMTP_FROM nor SMTP_USER is set",
            "set SMTP_FROM (or SMTP_USER) to the sender address",
        ),
    }
    if !args.to.is_empty()
        && let Err(e) = crate::channels::email::parse_mailboxes("EMAIL_TO", &args.to)
    {
        report.error("EMAIL_TO", &e, Some("list addresses separated by commas"));
    }
    if host.is_none() {
        return;
    }
    let how = Resolve {
        dry_run: false,
        printer: net.printer,
    };
    let server = match config::smtp_server(args, how) {
        Ok(server) => server,
        Err(e) => return report.error("settings", &e, None),
    };
    let delivery = crate::channels::email::Delivery {
        timeout: net.global.timeout,
        retry: RetryPolicy::new(net.global.retries),
        printer: net.printer,
    };
    let check = format!("SMTP {}:{}", server.host, server.port);
    let login = match &server.login {
        Some((user, _)) => format!("logged in as {user}"),
        None => "no login (SMTP_USER not set)".to_owned(),
    };
    match crate::channels::email::probe(&server, delivery) {
        Ok(()) => report.pass(
            &check,
            &format!("connected ({}), {login}, QUIT", server.security.name()),
        ),
        Err(e) if e.exit_code() == 4 => report.error(
            &check,
            &e,
            Some("check SMTP_HOST, SMTP_PORT and SMTP_SECURITY, and that this machine may reach the server"),
        ),
        Err(e) => report.error(&check, &e, None),
    }
}

/// A credential with whitespace or quotes inside was pasted with more than itself.
fn well_formed(report: &mut Report, var: &str, value: Option<&str>, fix: &str) {
    match value.map(|v| {
        v.chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\'')
    }) {
        Some(true) => report.fail(var, 3, "holds spaces or quotes", fix),
        Some(false) => report.pass(var, "set"),
        None => {}
    }
}

/// A default that may also be given when sending.
fn optional(report: &mut Report, var: &str, value: Option<&str>, flag: &str) {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(_) => report.pass(var, "set"),
        None => report.pass(var, &format!("not set: give {flag} when sending")),
    }
}

/// Default recipients: each must be valid when set; unset is fine (given when sending).
fn check_each(var: &str, values: &[String], valid: impl Fn(&str) -> bool, report: &mut Report) {
    let given: Vec<&str> = values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    if given.is_empty() {
        return;
    }
    let bad: Vec<&str> = given.iter().copied().filter(|v| !valid(v)).collect();
    if bad.is_empty() {
        report.pass(var, &format!("{} valid", given.len()));
    } else {
        report.fail(
            var,
            2,
            &format!("not valid: {}", bad.join(", ")),
            "correct or remove them",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_takes_a_channel_or_all() {
        for ok in ["all", "ding", "email"] {
            assert!(
                Cli::try_parse_from(["sendmsg", "check", ok]).is_ok(),
                "{ok}"
            );
        }
        for bad in ["serve-ddns", "nosuch"] {
            assert!(
                Cli::try_parse_from(["sendmsg", "check", bad]).is_err(),
                "{bad}"
            );
        }
    }
}
