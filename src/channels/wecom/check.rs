//! `sendmsg check wecom`: the send's own resolution of the settings, then, for an app, a fresh access
//! token (a request that sends nothing); a group robot cannot be asked anything without posting.

use super::args::WecomArgs;
use super::settings::{Wecom, resolve};
use crate::channels::checkup::{NOT_PROBED, Net, Report};
use crate::output::Printer;
use crate::settings::Resolve;

pub(super) fn check(args: &WecomArgs, net: Net, report: &mut Report) {
    if !report.resolution(args, true, net.printer) {
        return;
    }
    let scope = report.scope.clone();
    // The resolution above has said what it had to say.
    let quiet = Printer {
        quiet: true,
        ..net.printer
    };
    match resolve(args, Resolve::new(quiet, &scope)) {
        Ok(Wecom::App(app)) => net.access_token(&app, report),
        Ok(Wecom::Robot(_)) => report.pass("robot", NOT_PROBED),
        Err(e) => report.error("settings", &e, None),
    }
}
