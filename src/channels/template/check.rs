//! `sendmsg check template`: its settings as a send would read them, and what can be asked of the service
//! without sending a message.

use super::args::TemplateArgs;
use crate::channels::checkup::{Net, Report, check_each};

pub(super) fn check(args: &TemplateArgs, net: Net, report: &mut Report) {
    if args.gateway_url.is_some() || args.gateway_token.is_some() {
        report.url(
            "TEMPLATE_GATEWAY_URL",
            args.gateway_url.as_deref(),
            "set the notices gateway's URL",
        );
        report.present(
            "TEMPLATE_GATEWAY_TOKEN",
            args.gateway_token.as_deref(),
            "set the gateway's Bearer token",
        );
        report.pass(
            "gateway",
            "not contacted: the notices gateway has no request that sends nothing",
        );
    } else {
        let fix = "copy it from the Official Account's 设置与开发 → 基本配置";
        let app_id = report.present("WECHAT_APP_ID", args.app_id.as_deref(), fix);
        let secret = report.present("WECHAT_APP_SECRET", args.app_secret.as_deref(), fix);
        let base_url = report.base_url("WECHAT_BASE_URL", &args.base_url);
        if let (Some(app_id), Some(secret), Some(base_url)) = (app_id, secret, base_url) {
            let wechat = crate::channels::template::Wechat {
                app_id: app_id.to_owned(),
                app_secret: crate::secret::Secret::new(secret),
                base_url,
                notice: crate::channels::template::Notice {
                    to: String::new(),
                    template_id: String::new(),
                    url: None,
                    fields: Vec::new(),
                },
            };
            net.access_token(&wechat, report);
        }
    }
    match args.template_id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => report.pass("WECHAT_TEMPLATE_ID", "set"),
        _ => report.pass(
            "WECHAT_TEMPLATE_ID",
            "not set: give --template-id when sending",
        ),
    }
    check_each("WECHAT_TO", &args.to, super::settings::valid_openid, report);
}
