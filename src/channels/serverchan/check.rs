//! `sendmsg check serverchan`: the send's own resolution of the settings. Server酱 has no request that
//! sends nothing, so the service is not contacted.

use super::args::ServerChanArgs;
use crate::channels::checkup::{Net, Report};

pub(super) fn check(args: &ServerChanArgs, net: Net, report: &mut Report) {
    if report.resolution(args, true, net.printer) {
        report.pass(
            "service",
            "not contacted: Server酱 cannot be tested without pushing a message",
        );
    }
}
