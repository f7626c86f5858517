//! SMS providers: Aliyun and Tencent Cloud (template messages, signed requests) and a plain HTTP gateway
//! (free text). This module owns what they share: mobile numbers, and the hashing, hex and UTC-time helpers
//! both cloud signatures are built from.

use crate::split::{Budget, Cost};

/// A template message carries no free text: the approved template is the message.
pub(crate) const TEMPLATE_BUDGET: Budget = Budget {
    max: 0,
    cost: Cost::Utf8,
};

/// A mobile number as the user gave it, checked: mainland 11-digit (`1[3-9]` and 9 digits) or E.164
/// (`+` and 6 to 15 digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mobile(String);

impl Mobile {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let mainland = text.len() == 11
            && all_digits(text)
            && text.starts_with('1')
            && matches!(text.as_bytes()[1], b'3'..=b'9');
        let e164 = text
            .strip_prefix('+')
            .is_some_and(|d| (6..=15).contains(&d.len()) && all_digits(d));
        (mainland || e164).then(|| Self(text.to_owned()))
    }

    /// As given: `13800138000` or `+8613800138000`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// E.164, with `+86` added to a mainland number.
    pub fn e164(&self) -> String {
        if self.0.starts_with('+') {
            self.0.clone()
        } else {
            format!("+86{}", self.0)
        }
    }

    /// A mainland China number, written either way.
    pub fn is_mainland(&self) -> bool {
        self.e164().starts_with("+86")
    }
}

/// The `host[:port]` of a base URL: the value of the signed `host` header.
pub(crate) fn authority(base_url: &str) -> &str {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    rest.split(['/', '?']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_are_mainland_or_e164() {
        for good in [
            "13800138000",
            "19912345678",
            "+8613800138000",
            "+85212345678",
            "+123456",
        ] {
            assert!(Mobile::parse(good).is_some(), "{good}");
        }
        for bad in [
            "12800138000",
            "1380013800",
            "138001380000",
            "8613800138000",
            "+12345",
            "+1234567890123456",
            "+86 13800138000",
            "1380013800a",
            "",
        ] {
            assert!(Mobile::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn mainland_numbers_get_plus_86() {
        let m = Mobile::parse("13800138000").expect("valid");
        assert_eq!(m.e164(), "+8613800138000");
        assert!(m.is_mainland());
        let hk = Mobile::parse("+85212345678").expect("valid");
        assert_eq!(hk.e164(), "+85212345678");
        assert!(!hk.is_mainland());
    }

    #[test]
    fn the_authority_is_host_and_port() {
        assert_eq!(
            authority("https://sms.tencentcloudapi.com"),
            "sms.tencentcloudapi.com"
        );
        assert_eq!(authority("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }
}
