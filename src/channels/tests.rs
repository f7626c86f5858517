use super::*;
use crate::hints::{Code, find};

fn remedy(channel: &str, code: &str) -> Option<&'static str> {
    find(hint_tables(channel), code)
}

/// Every entry is found by its own code (a prefix entry by a code of its family), and only for its
/// own channels.
#[test]
fn every_entry_is_looked_up_by_its_code() {
    for channel in NAMES {
        for hint in hint_tables(channel).iter().flat_map(|t| t.iter()) {
            let code = match hint.code {
                Code::Exact(code) | Code::Quota(code) => code.to_owned(),
                Code::Prefix(prefix) => format!("{prefix}SomethingNew"),
                Code::Says(_) => continue,
            };
            assert_eq!(
                remedy(channel, &code),
                Some(hint.remedy),
                "{channel} {code}"
            );
            assert_eq!(remedy("gewe", &code), None, "{code}");
            assert!(
                !hint.remedy.contains('\n') && !hint.remedy.contains("error"),
                "one line, and not mistaken for an error line: {}",
                hint.remedy
            );
        }
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
    has("ding", "errcode 300001", "token is not exist");
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
        sms::hints::HINTS
            .iter()
            .find(|h| matches!(h.code, Code::Exact("isv.SMS_TEMPLATE_ILLEGAL")))
            .map(|h| h.remedy),
        "an exact entry wins over its family"
    );
}

#[test]
fn errors_find_their_code_whether_rejected_or_transient() {
    install_hints();
    let for_error = crate::hints::for_error;
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
        fate: crate::error::Fate::NeverSent,
    };
    assert!(for_error(&busy).is_some_and(|r| r.contains("20 messages")));
    let network = Error::Transient {
        channel: "ding",
        message: "connection refused".into(),
        part: None,
        fate: crate::error::Fate::NeverSent,
    };
    assert_eq!(for_error(&network), None);
    assert_eq!(for_error(&Error::Config("x".into())), None);
}

#[test]
fn every_channel_is_configured_from_the_environment_by_its_name() {
    for name in NAMES {
        let parsed = ChannelCommand::from_env(name);
        assert!(parsed.is_ok(), "{name}: {parsed:?}");
        assert!(!variables(name).is_empty(), "{name}");
    }
    assert!(ChannelCommand::from_env("completions").is_err());
}

#[test]
fn a_reason_in_the_text_finds_its_hint_when_the_code_is_generic() {
    install_hints();
    let offline = crate::error::Error::Rejected {
        channel: "gewe",
        code: Some("ret 500".into()),
        message: "已离线(-1)".into(),
        part: None,
    };
    assert!(crate::hints::for_error(&offline).is_some_and(|r| r.contains("log it in again")));
    assert_eq!(crate::hints::remedy("gewe", "ret 500", "参数错误"), None);
}

/// The codes that say a quota is spent (upstream-apis.md 3.4, 4.2, 6.4, 7.3, 8e) are rejections that a
/// pool moves on from; a refusal of the robot's own settings is not.
#[test]
fn spent_quotas_are_known_by_their_codes() {
    install_hints();
    let rejected = |channel: &'static str, code: &str| Error::Rejected {
        channel,
        code: Some(code.into()),
        message: String::new(),
        part: None,
    };
    for (channel, code) in [
        ("ding", "errcode 90030"),
        ("ding@ops", "errcode 90030"),
        ("pushplus", "code 900"),
        ("pushplus", "code 888"),
        ("template", "errcode 45009"),
        ("sms", "isv.DAY_LIMIT_CONTROL"),
        ("sms", "LimitExceeded.AppDailyLimit"),
        ("sms", "LimitExceeded.DailyLimit"),
    ] {
        assert!(
            crate::hints::is_quota(&rejected(channel, code)),
            "{channel} {code}"
        );
    }
    for (channel, code) in [
        ("ding", "errcode 310000"),
        ("pushplus", "code 905"),
        ("wecom", "errcode 90030"),
    ] {
        assert!(
            !crate::hints::is_quota(&rejected(channel, code)),
            "{channel} {code}"
        );
    }
}
