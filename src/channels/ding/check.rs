//! `sendmsg check ding`: its settings as a send would read them, and what can be asked of the service
//! without sending a message.

use super::args::DingArgs;
use super::wire as ding;
use crate::channels::checkup::{NOT_PROBED, Net, Report, set};
use crate::error::Exit;

pub(super) fn check(args: &DingArgs, _net: Net, report: &mut Report) {
    let fix = format!(
        "copy the robot's Webhook URL (group settings → 机器人 → the robot) into {}",
        report.scope.name("DING_ACCESS_TOKEN")
    );
    let fix = fix.as_str();
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
        Some(secret) if !secret.starts_with("SEC") => {
            let fix = format!(
                "copy the secret under the robot's 安全设置 → 加签, or unset {} for a keyword robot",
                report.scope.name("DING_SECRET")
            );
            report.fail(
                "DING_SECRET",
                Exit::Config,
                "does not start with SEC, so it is not a 加签 secret",
                &fix,
            );
        }
        Some(_) => report.pass("DING_SECRET", "set: every message is signed (加签)"),
        None => report.pass(
            "DING_SECRET",
            "not set: the robot must use 自定义关键词 (every message must contain one) or an IP whitelist",
        ),
    }
    report.base_url("DING_BASE_URL", &args.base_url);
}
