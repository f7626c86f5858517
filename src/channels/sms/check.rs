//! `sendmsg check sms`: its settings as a send would read them, and what can be asked of the service
//! without sending a message.

use super::args::SmsArgs;
use super::args::SmsProvider;
use crate::channels::checkup::{Net, Report, check_each, optional, well_formed};
use crate::channels::sms::Mobile;
use crate::error::Exit;

pub(super) fn check(args: &SmsArgs, _net: Net, report: &mut Report) {
    let Some(provider) = args.provider else {
        report.fail(
            "SMS_PROVIDER",
            Exit::Config,
            "not set",
            "set SMS_PROVIDER to aliyun, tencent or http",
        );
        return;
    };
    match provider {
        SmsProvider::Aliyun => {
            let keys = [
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", args.access_key_id.as_deref()),
                (
                    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                    args.access_key_secret.as_deref(),
                ),
            ];
            let fix = "create an AccessKey (RAM 访问控制 → 用户 → AccessKey) with SMS permission";
            for (var, value) in keys {
                let value = report.required(var, value, fix);
                well_formed(report, var, value, fix);
            }
            report.base_url("ALIYUN_SMS_BASE_URL", &args.aliyun_base_url);
        }
        SmsProvider::Tencent => {
            let keys = [
                ("TENCENTCLOUD_SECRET_ID", args.secret_id.as_deref()),
                ("TENCENTCLOUD_SECRET_KEY", args.secret_key.as_deref()),
            ];
            let fix = "create an API key (访问管理 → API密钥管理)";
            for (var, value) in keys {
                let value = report.required(var, value, fix);
                well_formed(report, var, value, fix);
            }
            let app_fix = "copy the SdkAppId (a number like 1400006666) from 短信 → 应用管理";
            let var = "TENCENT_SMS_SDK_APP_ID";
            match report.required(var, args.sdk_app_id.as_deref(), app_fix) {
                Some(id) if id.chars().all(|c| c.is_ascii_digit()) => report.pass(var, "set"),
                Some(_) => report.fail(var, Exit::Config, "is not a number", app_fix),
                None => {}
            }
            report.base_url("TENCENT_SMS_BASE_URL", &args.tencent_base_url);
        }
        SmsProvider::Http => {
            report.url(
                "SMS_GATEWAY_URL",
                args.gateway_url.as_deref(),
                "set the gateway's endpoint URL",
            );
            report.pass(
                "gateway",
                "not contacted: the gateway's only request sends an SMS",
            );
        }
    }
    if provider != SmsProvider::Http {
        optional(report, "SMS_SIGN_NAME", args.sign.as_deref(), "--sign");
        optional(
            report,
            "SMS_TEMPLATE",
            args.template.as_deref(),
            "--template",
        );
        report.pass(
            "provider",
            "not contacted: the provider has no request that checks credentials without sending",
        );
    }
    check_each("SMS_TO", &args.to, |m| Mobile::parse(m).is_some(), report);
}
