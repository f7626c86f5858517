//! `sendmsg check pushplus`: the token's shape. PushPlus has no request that sends nothing with the user
//! token alone, so the service is not contacted.

use super::args::PushPlusArgs;
use super::settings::{TOKEN_FIX, token};
use crate::channels::checkup::{Net, Report};

pub(super) fn check(args: &PushPlusArgs, _net: Net, report: &mut Report) {
    let var = "PUSHPLUS_TOKEN";
    if let Some(value) = report.required(var, args.token.as_deref(), TOKEN_FIX) {
        match token(value) {
            Ok(_) => report.pass(
                var,
                "set, well-formed; not contacted: PushPlus cannot be tested without pushing a message",
            ),
            Err(e) => report.error(var, &e, Some(TOKEN_FIX)),
        }
    }
    report.base_url("PUSHPLUS_BASE_URL", &args.base_url);
}
