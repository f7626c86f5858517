//! `sendmsg check webhook`: the settings as a send would read them; an endpoint cannot be asked anything
//! without posting to it.

use super::args::WebhookArgs;
use super::{settings, wire};
use crate::channels::checkup::{Net, Report, set};

pub(super) fn check(args: &WebhookArgs, _net: Net, report: &mut Report) {
    let fix = "set WEBHOOK_URL to the endpoint's http:// or https:// URL";
    if let Some(url) = report.required("WEBHOOK_URL", args.url.as_deref(), fix) {
        match settings::endpoint(url) {
            Ok(url) => report.pass(
                "WEBHOOK_URL",
                &format!(
                    "{url}; not contacted: an endpoint cannot be tested without posting to it"
                ),
            ),
            Err(e) => report.error("WEBHOOK_URL", &e, None),
        }
    }
    match settings::headers(&args.header) {
        Ok(headers) if headers.is_empty() => report.pass("WEBHOOK_HEADERS", "none"),
        Ok(headers) => {
            let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
            report.pass(
                "WEBHOOK_HEADERS",
                &format!("{} (values hidden)", names.join(", ")),
            );
        }
        Err(e) => report.error("WEBHOOK_HEADERS", &e, None),
    }
    if let Some(template) = set(args.template.as_ref()) {
        let (_, json) = wire::render_body(template, "", "");
        let kind = if json {
            "JSON: sent as application/json"
        } else {
            "not JSON: sent as text, values inserted as they are"
        };
        report.pass("WEBHOOK_BODY", kind);
    }
    if let Some(spec) = set(args.success.as_ref()) {
        match settings::success(spec) {
            Ok(_) => report.pass("WEBHOOK_SUCCESS", spec),
            Err(e) => report.error("WEBHOOK_SUCCESS", &e, None),
        }
    }
}
