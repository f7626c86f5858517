//! SMS providers: Aliyun and Tencent Cloud (template messages, signed requests) and a plain HTTP gateway
//! (free text). This module owns what they share: mobile numbers, and the hashing, hex and UTC-time helpers
//! both cloud signatures are built from.

pub mod aliyun;
pub mod http;
pub mod tencent;

use crate::split::{Budget, Cost};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A template message carries no free text: the approved template is the message.
pub const TEMPLATE_BUDGET: Budget = Budget {
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
pub fn authority(base_url: &str) -> &str {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    rest.split(['/', '?']).next().unwrap_or(rest)
}

/// Lower-case hex, as both cloud signatures print digests.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

pub fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC accepts a key of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

/// A UTC calendar time, enough for the dates the signatures carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u64,
    pub minute: u64,
    pub second: u64,
}

impl UtcTime {
    pub fn from_unix(secs: u64) -> Self {
        let days = i64::try_from(secs / 86_400).unwrap_or(0);
        let (year, month, day) = civil_from_days(days);
        let rest = secs % 86_400;
        Self {
            year,
            month,
            day,
            hour: rest / 3600,
            minute: rest % 3600 / 60,
            second: rest % 60,
        }
    }

    /// `2024-01-01`
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `2024-01-01T00:00:00Z`
    pub fn iso8601(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
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
    fn utc_times_are_calendar_correct() {
        assert_eq!(
            UtcTime::from_unix(1_700_000_000).iso8601(),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            UtcTime::from_unix(1_704_067_200).iso8601(),
            "2024-01-01T00:00:00Z"
        );
        assert_eq!(UtcTime::from_unix(1_551_113_065).date(), "2019-02-25");
        assert_eq!(UtcTime::from_unix(951_782_400).date(), "2000-02-29");
        assert_eq!(UtcTime::from_unix(0).iso8601(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn the_authority_is_host_and_port() {
        assert_eq!(
            authority("https://sms.tencentcloudapi.com"),
            "sms.tencentcloudapi.com"
        );
        assert_eq!(authority("http://127.0.0.1:8080/x"), "127.0.0.1:8080");
    }

    #[test]
    fn digests_are_lower_hex() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
    }
}
