//! What to do about a service's error code: one table from each service's known codes to a one-line
//! remedy, printed as `sendmsg: hint: …` under the error line (and by `sendmsg check` after ✗). The table is
//! the only place remedies live; codes are matched as the errors carry them (`errcode 60020`,
//! `isv.PARAM_LENGTH_LIMIT`, `FailedOperation.…`, `SMTP 535`).

use crate::error::Error;
use Code::{Exact, Prefix};

/// How an entry matches a code.
#[derive(Debug, Clone, Copy)]
enum Code {
    Exact(&'static str),
    /// A family of codes (`isv.`, `FailedOperation.`): used when no exact entry matches.
    Prefix(&'static str),
}

/// One remedy: the channels whose services use the code, the code, and what to do.
#[derive(Debug)]
struct Hint {
    channels: &'static [&'static str],
    code: Code,
    remedy: &'static str,
}

const WECOM: &[&str] = &["wecom"];
const DING: &[&str] = &["ding"];
const WECHAT: &[&str] = &["template"];
const TOKEN_SERVICES: &[&str] = &["wecom", "template"];
const SMS: &[&str] = &["sms"];
const EMAIL: &[&str] = &["email"];

/// Every known code and its remedy, in English with the console's Chinese term where it helps.
const HINTS: &[Hint] = &[
    // WeCom app and robot.
    Hint {
        channels: WECOM,
        code: Exact("errcode 60020"),
        remedy: "add this machine's public IP to the app's 企业可信IP (WeCom admin console → the app → 企业可信IP); a changed home IP needs adding again",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 40013"),
        remedy: "WECOM_CORP_ID is wrong: copy the 企业ID from 我的企业 → 企业信息",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 40001"),
        remedy: "WECOM_CORP_SECRET is wrong: copy the app's Secret from 应用管理 → the app (each app has its own)",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 40091"),
        remedy: "WECOM_CORP_SECRET belongs to another enterprise: use the Secret of an app in WECOM_CORP_ID",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 40056"),
        remedy: "WECOM_AGENT_ID is not this app's AgentId (应用管理 → the app → AgentId)",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 48002"),
        remedy: "this Secret may not send messages (e.g. the contacts-sync secret): use the app's own Secret",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 81013"),
        remedy: "no recipient is in the app's visible range (可见范围): check the ids or widen the range",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 45009"),
        remedy: "over the call frequency limit (a robot takes 20 messages a minute): wait a minute and send less often",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 93000"),
        remedy: "the robot's webhook key is wrong or the robot was removed from its group: copy the webhook URL again into WECOM_BOT_KEY",
    },
    Hint {
        channels: WECOM,
        code: Exact("errcode 40058"),
        remedy: "a robot markdown message is at most 4096 bytes (text 2048): use --overflow split or send less",
    },
    // WeCom and WeChat share the token codes.
    Hint {
        channels: TOKEN_SERVICES,
        code: Exact("errcode 40014"),
        remedy: "the access token is invalid: a token from another app or a stale cache; delete $XDG_CACHE_HOME/sendmsg and try again",
    },
    Hint {
        channels: TOKEN_SERVICES,
        code: Exact("errcode 42001"),
        remedy: "the access token expired and a fresh one was refused too: check that only one Secret is used per app, then try again",
    },
    // DingTalk robot.
    Hint {
        channels: DING,
        code: Exact("errcode 310000"),
        remedy: "keyword or signature mismatch: the text must contain one of the robot's 自定义关键词, or DING_SECRET must be the robot's 加签 secret (SEC…), or this IP must be in its IP地址(段)",
    },
    Hint {
        channels: DING,
        code: Exact("errcode 130101"),
        remedy: "over 20 messages a minute for this robot: wait (DingTalk may throttle it for 10 minutes) and batch messages",
    },
    Hint {
        channels: DING,
        code: Exact("errcode 410100"),
        remedy: "the robot is throttled for sending too fast: wait 10 minutes and send less often",
    },
    Hint {
        channels: DING,
        code: Exact("errcode 400101"),
        remedy: "DING_ACCESS_TOKEN is wrong: copy the robot's Webhook URL again (群设置 → 机器人)",
    },
    Hint {
        channels: DING,
        code: Exact("errcode 400102"),
        remedy: "the robot is disabled: enable it in the group's robot settings",
    },
    Hint {
        channels: DING,
        code: Exact("errcode 400106"),
        remedy: "the robot no longer exists or left the group: add a new custom robot and update DING_ACCESS_TOKEN",
    },
    Hint {
        channels: DING,
        code: Exact("errcode 460101"),
        remedy: "a DingTalk message is at most 20000 bytes: use --overflow split or send less",
    },
    // WeChat Official Account.
    Hint {
        channels: WECHAT,
        code: Exact("errcode 43004"),
        remedy: "the user has not followed the account (require subscribe): they must follow it before template messages reach them",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 40001"),
        remedy: "WECHAT_APP_SECRET is wrong or was reset: copy the AppSecret from 设置与开发 → 基本配置",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 40013"),
        remedy: "WECHAT_APP_ID is wrong: copy the AppID from 设置与开发 → 基本配置",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 40164"),
        remedy: "add this machine's public IP to the account's IP白名单 (设置与开发 → 基本配置)",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 40003"),
        remedy: "the openid is not a follower of this account: openids differ per account",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 40037"),
        remedy: "WECHAT_TEMPLATE_ID is not one of this account's templates (广告与服务 → 模板消息 → 我的模板)",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 47003"),
        remedy: "a field value breaks its rules (at most 20 characters on one line; numbers/times in their format): see --overflow",
    },
    Hint {
        channels: WECHAT,
        code: Exact("errcode 45009"),
        remedy: "the daily API quota is used up: wait until tomorrow, or reset it in the console (接口权限)",
    },
    // Aliyun SMS.
    Hint {
        channels: SMS,
        code: Exact("isv.PARAM_LENGTH_LIMIT"),
        remedy: "a --param value is too long for its variable type (20 or 35 characters): shorten it",
    },
    Hint {
        channels: SMS,
        code: Exact("isv.SMS_TEMPLATE_ILLEGAL"),
        remedy: "SMS_TEMPLATE is not an approved template of this account (短信服务 → 模板管理), or its variables do not match",
    },
    Hint {
        channels: SMS,
        code: Exact("isv.SMS_SIGNATURE_ILLEGAL"),
        remedy: "SMS_SIGN_NAME is not an approved signature of this account (短信服务 → 签名管理)",
    },
    Hint {
        channels: SMS,
        code: Exact("isv.TEMPLATE_MISSING_PARAMETERS"),
        remedy: "the template has a variable no --param gives: add --param NAME=VALUE for each ${NAME}",
    },
    Hint {
        channels: SMS,
        code: Exact("isv.BUSINESS_LIMIT_CONTROL"),
        remedy: "per-number flow control (流控): this number got too many messages; wait, or raise the limit in the SMS console",
    },
    Hint {
        channels: SMS,
        code: Exact("isv.AMOUNT_NOT_ENOUGH"),
        remedy: "the account balance is too low: top it up",
    },
    Hint {
        channels: SMS,
        code: Exact("isp.RAM_PERMISSION_DENY"),
        remedy: "this AccessKey's RAM user lacks SMS permission: grant it AliyunDysmsFullAccess",
    },
    Hint {
        channels: SMS,
        code: Exact("SignatureDoesNotMatch"),
        remedy: "ALIBABA_CLOUD_ACCESS_KEY_SECRET does not match the AccessKey id: copy both again",
    },
    Hint {
        channels: SMS,
        code: Exact("InvalidAccessKeyId.NotFound"),
        remedy: "ALIBABA_CLOUD_ACCESS_KEY_ID does not exist (deleted or mistyped)",
    },
    Hint {
        channels: SMS,
        code: Prefix("isv."),
        remedy: "Aliyun refused the request: look the code up in Aliyun's SMS 错误码 list",
    },
    // Tencent Cloud SMS.
    Hint {
        channels: SMS,
        code: Exact("FailedOperation.SignatureIncorrectOrUnapproved"),
        remedy: "SMS_SIGN_NAME is not an approved signature of this SdkAppId (国内短信 → 签名管理)",
    },
    Hint {
        channels: SMS,
        code: Exact("FailedOperation.TemplateIncorrectOrUnapproved"),
        remedy: "SMS_TEMPLATE is not an approved template of this SdkAppId (国内短信 → 正文模板管理)",
    },
    Hint {
        channels: SMS,
        code: Exact("FailedOperation.InsufficientBalanceInSmsPackage"),
        remedy: "the SMS package is used up: buy a package (套餐包)",
    },
    Hint {
        channels: SMS,
        code: Exact("InvalidParameterValue.TemplateParameterLengthLimit"),
        remedy: "a --param value is too long (personal-verified accounts: 12 characters a variable)",
    },
    Hint {
        channels: SMS,
        code: Exact("AuthFailure.SignatureFailure"),
        remedy: "TENCENTCLOUD_SECRET_KEY does not match TENCENTCLOUD_SECRET_ID: copy both again",
    },
    Hint {
        channels: SMS,
        code: Exact("AuthFailure.SecretIdNotFound"),
        remedy: "TENCENTCLOUD_SECRET_ID does not exist (deleted or mistyped)",
    },
    Hint {
        channels: SMS,
        code: Exact("AuthFailure.SignatureExpire"),
        remedy: "this machine's clock is more than 5 minutes off: sync it (NTP)",
    },
    Hint {
        channels: SMS,
        code: Prefix("FailedOperation."),
        remedy: "Tencent Cloud refused the request: look the code up in Tencent Cloud's SMS 错误码 list",
    },
    Hint {
        channels: SMS,
        code: Prefix("LimitExceeded."),
        remedy: "a Tencent Cloud frequency limit (频率限制): wait, or change the strategy in the SMS console",
    },
    // SMTP.
    Hint {
        channels: EMAIL,
        code: Exact("SMTP 535"),
        remedy: "login refused: QQ, 163 and Gmail want an app password (授权码, from the mailbox's settings → POP3/SMTP), not the account password",
    },
    Hint {
        channels: EMAIL,
        code: Exact("SMTP 504"),
        remedy: "if the server refused the EHLO name (\"need fully-qualified hostname\"), set SMTP_HELO_NAME (or --ehlo) to this machine's full name, e.g. host.example.com",
    },
    Hint {
        channels: EMAIL,
        code: Exact("SMTP 550"),
        remedy: "an address was refused: an unknown recipient, or a sender the login may not use (QQ, 163 and Aliyun want SMTP_FROM and --sender to be the account's own address)",
    },
    Hint {
        channels: EMAIL,
        code: Exact("SMTP 552"),
        remedy: "the message is over the server's size limit: send smaller or fewer attachments (a link instead of the file)",
    },
    Hint {
        channels: EMAIL,
        code: Exact("SMTP 554"),
        remedy: "the server refused the message (163's `DT:SPM` is its spam filter): change the subject or text, or send to fewer people",
    },
];

/// The remedy for `code` from `channel`'s service, if it is a known code.
pub fn remedy(channel: &str, code: &str) -> Option<&'static str> {
    let ours = || HINTS.iter().filter(|h| h.channels.contains(&channel));
    ours()
        .find(|h| matches!(h.code, Exact(c) if c == code))
        .or_else(|| ours().find(|h| matches!(h.code, Prefix(p) if code.starts_with(p))))
        .map(|h| h.remedy)
}

/// The remedy for an error, if its service's code is known: a rejection carries its code; a transient
/// failure starts with it (`errcode 130101: …`, `access token: errcode -1: …`).
pub fn for_error(err: &Error) -> Option<&'static str> {
    match err {
        Error::Rejected {
            channel,
            code: Some(code),
            ..
        } => remedy(channel, code),
        Error::Transient {
            channel, message, ..
        } => {
            let reason = message.strip_prefix("access token: ").unwrap_or(message);
            let code = reason.split_once(':').map_or(reason, |(code, _)| code);
            remedy(channel, code.trim())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry is found by its own code (a prefix entry by a code of its family), and only for its
    /// own channels.
    #[test]
    fn every_entry_is_looked_up_by_its_code() {
        for hint in HINTS {
            let code = match hint.code {
                Exact(code) => code.to_owned(),
                Prefix(prefix) => format!("{prefix}SomethingNew"),
            };
            for channel in hint.channels {
                assert_eq!(
                    remedy(channel, &code),
                    Some(hint.remedy),
                    "{channel} {code}"
                );
            }
            assert_eq!(remedy("gewe", &code), None, "{code}");
            assert!(
                !hint.remedy.contains('\n') && !hint.remedy.contains("error"),
                "one line, and not mistaken for an error line: {}",
                hint.remedy
            );
        }
    }

    #[test]
    fn the_issues_examples_say_what_the_console_calls_it() {
        let has = |channel: &str, code: &str, words: &str| {
            assert!(
                remedy(channel, code).is_some_and(|r| r.contains(words)),
                "{channel} {code}"
            );
        };
        has("wecom", "errcode 60020", "企业可信IP");
        has("ding", "errcode 310000", "自定义关键词");
        has("ding", "errcode 310000", "加签");
        has("ding", "errcode 130101", "20 messages a minute");
        has("template", "errcode 43004", "not followed");
        has("email", "SMTP 535", "授权码");
        has("email", "SMTP 504", "SMTP_HELO_NAME");
        has(
            "sms",
            "FailedOperation.ContainSensitiveWord",
            "Tencent Cloud",
        );
    }

    #[test]
    fn the_same_number_means_different_things_per_service() {
        assert_ne!(
            remedy("wecom", "errcode 40001"),
            remedy("template", "errcode 40001")
        );
        assert_eq!(remedy("ding", "errcode 60020"), None);
        assert_eq!(
            remedy("sms", "isv.SMS_TEMPLATE_ILLEGAL"),
            HINTS
                .iter()
                .find(|h| matches!(h.code, Exact("isv.SMS_TEMPLATE_ILLEGAL")))
                .map(|h| h.remedy),
            "an exact entry wins over its family"
        );
    }

    #[test]
    fn errors_find_their_code_whether_rejected_or_transient() {
        let rejected = Error::Rejected {
            channel: "wecom",
            code: Some("errcode 60020".into()),
            message: "cannot get an access token: not allow to access from your ip".into(),
            part: None,
        };
        assert!(for_error(&rejected).is_some_and(|r| r.contains("企业可信IP")));
        let busy = Error::Transient {
            channel: "ding",
            message: "errcode 130101: send too fast (gave up after 3 attempts)".into(),
            part: None,
        };
        assert!(for_error(&busy).is_some_and(|r| r.contains("20 messages")));
        let network = Error::Transient {
            channel: "ding",
            message: "connection refused".into(),
            part: None,
        };
        assert_eq!(for_error(&network), None);
        assert_eq!(for_error(&Error::Config("x".into())), None);
    }
}
