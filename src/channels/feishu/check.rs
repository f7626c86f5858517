//! `sendmsg check feishu`: its settings as a send would read them; a bot webhook has nothing that can be
//! asked without posting a message.

use super::args::FeishuArgs;
use super::settings;
use crate::channels::checkup::{NOT_PROBED, Net, Report, set};

pub(super) fn check(args: &FeishuArgs, _net: Net, report: &mut Report) {
    let fix =
        "copy the bot's webhook address (group settings → 群机器人 → the bot) into FEISHU_WEBHOOK";
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
}
