//! `sendmsg check ding`: the send's own resolution of the settings; a robot webhook has nothing that can
//! be asked without posting a message.

use super::args::DingArgs;
use crate::channels::checkup::{NOT_PROBED, Net, Report};

pub(super) fn check(args: &DingArgs, net: Net, report: &mut Report) {
    if !report.resolution(args, true, net.printer) {
        return;
    }
    let secret = report.scope.name("DING_SECRET");
    let signing = if report.scope.given("DING_SECRET") {
        format!("{secret} set: every message is signed (加签)")
    } else {
        format!(
            "{secret} not set: the robot must use 自定义关键词 (every message must contain one) or an IP \
             whitelist"
        )
    };
    report.pass("robot", &format!("{signing}; {NOT_PROBED}"));
}
