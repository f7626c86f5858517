//! `sendmsg check gewe`: its settings as a send would read them, and what can be asked of the service
//! without sending a message.

use super::args::GeweArgs;
use super::wire as gewe;
use crate::channels::checkup::{Net, Report, check_each};
use crate::error::Exit;
use crate::request::{HttpRequest, Method};
use crate::transport::{Exchange, Transport};

pub(super) fn check(args: &GeweArgs, net: Net, report: &mut Report) {
    let base = report.url(
        "GEWE_BASE_URL",
        args.base_url.as_deref(),
        "set the gateway's URL, e.g. http://HOST:2531",
    );
    report.present(
        "GEWE_TOKEN",
        args.token.as_deref(),
        "set the gateway's token (X-GEWE-TOKEN)",
    );
    let app_fix = "set the device's app id (wx_…) that the gateway's login returned";
    match report.required("GEWE_APP_ID", args.app_id.as_deref(), app_fix) {
        Some(app_id) if gewe::valid_app_id(app_id) => report.pass("GEWE_APP_ID", "set, wx_…"),
        Some(app_id) => {
            let err = super::settings::app_id_error(app_id);
            report.error("GEWE_APP_ID", &err, Some(app_fix));
        }
        None => {}
    }
    check_each("GEWE_TO", &args.to, gewe::valid_recipient, report);
    let Some(base) = base else {
        return;
    };
    // upstream-apis.md names no status endpoint; a HEAD asks for nothing and sends nothing.
    let check = "gateway";
    let request = HttpRequest {
        method: Method::Head,
        ..HttpRequest::get("gewe", base.clone())
    };
    let replied = net.transport().map(|t| t.send(&request));
    match replied {
        Ok(Ok(Exchange::Replied(reply))) => report.pass(
            check,
            &format!(
                "reachable: HEAD {base} answered HTTP {} (whether the WeChat login is online is not checked)",
                reply.status
            ),
        ),
        Ok(Ok(Exchange::Printed)) => {}
        // A certificate or `./.env` refusal is a setting to fix, not an outage.
        Ok(Err(crate::transport::NoReply(reason, crate::error::Fate::Refused))) => report.fail(
            check,
            Exit::Config,
            &format!("HEAD {base}: {reason}"),
            "fix the setting the problem names (the gateway's certificate, or where GEWE_BASE_URL comes from)",
        ),
        Ok(Err(no_reply)) => report.fail(
            check,
            Exit::Transient,
            &format!("HEAD {base}: {}", no_reply.0),
            "check GEWE_BASE_URL and that the gateway is running and reachable from here",
        ),
        Err(e) => report.error(check, &e, None),
    }
}
