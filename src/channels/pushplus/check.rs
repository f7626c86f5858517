//! `sendmsg check pushplus`: the send's own resolution of the settings. PushPlus has no request that sends
//! nothing with the user token alone, so the service is not contacted.

use super::args::PushPlusArgs;
use crate::channels::checkup::{Net, Report};

pub(super) fn check(args: &PushPlusArgs, net: Net, report: &mut Report) {
    if report.resolution(args, true, net.printer) {
        report.pass(
            "service",
            "not contacted: PushPlus cannot be tested without pushing a message",
        );
    }
}
