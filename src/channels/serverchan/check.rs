//! `sendmsg check serverchan`: the send key's shape and where it sends to. Server酱 has no request that
//! sends nothing, so the service is not contacted.

use super::args::ServerChanArgs;
use super::settings::{KEY_FIX, sendkey};
use super::wire::Route;
use crate::channels::checkup::{Net, Report};

pub(super) fn check(args: &ServerChanArgs, _net: Net, report: &mut Report) {
    let var = "SERVERCHAN_SENDKEY";
    if let Some(key) = report.required(var, args.sendkey.as_deref(), KEY_FIX) {
        match sendkey(key) {
            Ok((_, route)) => {
                let kind = match route {
                    Route::Turbo => "a Turbo key (sctapi.ftqq.com)".to_owned(),
                    Route::Sc3 { uid } => format!("a Server酱³ key ({uid}.push.ft07.com)"),
                };
                report.pass(
                    var,
                    &format!(
                        "set, {kind}; not contacted: Server酱 cannot be tested without pushing a message"
                    ),
                );
            }
            Err(e) => report.error(var, &e, Some(KEY_FIX)),
        }
    }
    if let Some(url) = args.base_url.as_deref() {
        report.base_url("SERVERCHAN_BASE_URL", url);
    }
}
