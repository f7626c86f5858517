//! `sendmsg check feishu`: its settings as a send would read them; a bot webhook has nothing that can be
//! asked without posting a message.

use super::args::FeishuArgs;
use super::settings;
use crate::channels::checkup::{NOT_PROBED, Net, Report, set};

pub(super) fn check(args: &FeishuArgs, net: Net, report: &mut Report) {
    let fix = format!(
        "copy the bot's webhook address (group settings → 群机器人 → the bot) into {}",
        report.scope.name("FEISHU_WEBHOOK")
    );
    let fix = fix.as_str();
    if let Some(hook) = report.required("FEISHU_WEBHOOK", args.webhook.as_deref(), fix) {
        match settings::endpoint(hook, args.base_url.as_deref()) {
            Ok((_, base)) => report.pass(
                "FEISHU_WEBHOOK",
                &format!("set, well-formed, posts to {base}; {NOT_PROBED}"),
            ),
            Err(e) => report.error("FEISHU_WEBHOOK", &e, Some(fix)),
        }
    }
    match set(args.secret.as_ref()) {
        Some(_) => report.pass("FEISHU_SECRET", "set: every message is signed (签名校验)"),
        None => report.pass(
            "FEISHU_SECRET",
            "not set: the bot must use 自定义关键词 (every message must contain one) or an IP 白名单",
        ),
    }
    app(args, net, report);
}

/// With FEISHU_APP_ID or FEISHU_APP_SECRET set: the app that uploads `--image` gets a tenant token.
fn app(args: &FeishuArgs, net: Net, report: &mut Report) {
    let (id, secret) = (set(args.app_id.as_ref()), set(args.app_secret.as_ref()));
    if id.is_none() && secret.is_none() {
        return;
    }
    let fix = "copy the app's App ID and App Secret from the developer console (凭证与基础信息)";
    let found = [
        report.required("FEISHU_APP_ID", id, fix),
        report.required("FEISHU_APP_SECRET", secret, fix),
    ];
    let base = args
        .base_url
        .as_deref()
        .unwrap_or(super::wire::DEFAULT_BASE_URL);
    let Some(base) = report.base_url("FEISHU_BASE_URL", base) else {
        return;
    };
    if let [Some(app_id), Some(app_secret)] = found {
        let app = super::app::App {
            app_id: app_id.to_owned(),
            app_secret: crate::secret::Secret::new(app_secret),
            base_url: base,
        };
        net.access_token(&app, report);
    }
}
