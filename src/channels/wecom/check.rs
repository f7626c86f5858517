//! `sendmsg check wecom`: its settings as a send would read them, and what can be asked of the service
//! without sending a message.

use super::args::WecomArgs;
use super::wire as wecom;
use crate::channels::checkup::{NOT_PROBED, Net, Report, set};
use crate::error::Exit;
use crate::settings::Resolve;

pub(super) fn check(args: &WecomArgs, net: Net, report: &mut Report) {
    let [corp_id, corp_secret, agent_id] = super::settings::app_credentials(args);
    let has_app = corp_id.is_some() || corp_secret.is_some() || agent_id.is_some();
    let bot_key = set(args.bot_key.as_ref());
    let base_url = report.base_url("WECOM_BASE_URL", &args.base_url);
    if let Some(key) = bot_key {
        match wecom::bot_key_from(key) {
            Ok(_) => report.pass("WECOM_BOT_KEY", &format!("set, well-formed; {NOT_PROBED}")),
            Err(e) => {
                let fix = format!(
                    "copy the robot's webhook URL (群机器人 → the robot) into {}",
                    report.scope.name("WECOM_BOT_KEY")
                );
                report.error("WECOM_BOT_KEY", &e, Some(&fix));
            }
        }
    }
    if !has_app {
        if bot_key.is_none() {
            report.fail(
                "settings",
                Exit::Config,
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
                Exit::Config,
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
    let scope = report.scope.clone();
    let how = Resolve {
        dry_run: false,
        printer: net.printer,
        scope: &scope,
        findings: None,
    };
    match super::settings::resolve(args, how) {
        Ok(super::settings::Wecom::App(app)) => net.access_token(&app, report),
        Ok(super::settings::Wecom::Robot(_)) => {}
        Err(e) => report.error("settings", &e, None),
    }
}
