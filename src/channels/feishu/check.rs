//! `sendmsg check feishu`: the send's own resolution of the settings; a bot webhook has nothing that can be
//! asked without posting a message, but the app that uploads `--image` gets a tenant token.

use super::args::FeishuArgs;
use super::settings;
use crate::channels::checkup::{NOT_PROBED, Net, Report};
use crate::output::Printer;
use crate::settings::Resolve;

pub(super) fn check(args: &FeishuArgs, net: Net, report: &mut Report) {
    if !report.resolution(args, true, net.printer) {
        return;
    }
    let scope = report.scope.clone();
    // The resolution above has said what it had to say.
    let quiet = Printer {
        quiet: true,
        ..net.printer
    };
    let secret = scope.name("FEISHU_SECRET");
    let signing = if scope.given("FEISHU_SECRET") {
        format!("{secret} set: every message is signed (签名校验)")
    } else {
        format!(
            "{secret} not set: the bot must use 自定义关键词 (every message must contain one) or an IP \
             白名单"
        )
    };
    report.pass("bot", &format!("{signing}; {NOT_PROBED}"));
    if !(scope.given("FEISHU_APP_ID") || scope.given("FEISHU_APP_SECRET")) {
        return;
    }
    let how = Resolve::new(quiet, &scope);
    match settings::feishu(args, how).and_then(|bot| settings::app(args, &bot, how)) {
        Ok(app) => net.access_token(&app, report),
        Err(e) => report.error("settings", &e, None),
    }
}
