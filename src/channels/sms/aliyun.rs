//! Aliyun SMS (阿里云短信): SendSms, version 2017-05-25, signed with ACS3-HMAC-SHA256 (signature V3).
//!
//! The business parameters travel in the query of an empty POST, as the official SDK sends them; the
//! signature covers the sorted query, the `host` and `x-acs-*` headers and the hash of the empty body.

use super::Mobile;
use crate::channels::{BuildContext, Channel, Outcome, unreadable};
use crate::digest::{hex, hmac_sha256, sha256_hex};
use crate::percent::percent_encode;
use crate::request::{HttpRequest, Method};
use crate::secret::Secret;
use crate::split::Budget;
use crate::transport::Reply;
use crate::utc::UtcTime;
use serde::Deserialize;

pub(crate) const DEFAULT_BASE_URL: &str = "https://dysmsapi.aliyuncs.com";

/// SendSms takes at most this many numbers in one call.
pub(crate) const MAX_NUMBERS: usize = 1000;

const ACTION: &str = "SendSms";
const VERSION: &str = "2017-05-25";
const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// One SendSms call to every number.
#[derive(Debug, Clone)]
pub(crate) struct Aliyun {
    pub access_key_id: String,
    pub access_key_secret: Secret,
    /// Scheme and host, no trailing slash.
    pub base_url: String,
    pub sign_name: String,
    pub template_code: String,
    /// The TemplateParam JSON object, when the template has variables.
    pub template_param: Option<String>,
    pub phone_numbers: Vec<Mobile>,
}

impl Aliyun {
    /// The business parameters, sorted by name, empty ones left out (their canonical form is ambiguous).
    fn query(&self) -> Vec<(&'static str, String)> {
        // Aliyun takes a mainland number bare and others as country code and number, without the `+`.
        let numbers: Vec<&str> = self
            .phone_numbers
            .iter()
            .map(|m| m.as_str().trim_start_matches('+'))
            .collect();
        let mut query = vec![
            ("PhoneNumbers", numbers.join(",")),
            ("SignName", self.sign_name.clone()),
            ("TemplateCode", self.template_code.clone()),
        ];
        if let Some(param) = &self.template_param {
            query.push(("TemplateParam", param.clone()));
        }
        query.retain(|(_, value)| !value.is_empty());
        query.sort_by_key(|(name, _)| *name);
        query
    }
}

impl Channel for Aliyun {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn budget(&self, _max_bytes: Option<usize>) -> Budget {
        super::TEMPLATE_BUDGET
    }

    /// The text is ignored: the approved template is the message.
    fn build(&self, _text: &str, ctx: &BuildContext) -> HttpRequest {
        let query = self.query();
        let host = super::authority(&self.base_url).to_owned();
        let date = UtcTime::from_unix(ctx.unix_secs()).iso8601();
        let nonce = format!("{:032x}", ctx.nonce);
        let payload_sha256 = sha256_hex(b"");
        let headers = [
            ("host", host.as_str()),
            ("x-acs-action", ACTION),
            ("x-acs-version", VERSION),
            ("x-acs-date", date.as_str()),
            ("x-acs-signature-nonce", nonce.as_str()),
            ("x-acs-content-sha256", payload_sha256.as_str()),
        ];
        let query_pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let signed = Acs3 {
            method: Method::Post.as_str(),
            uri: "/",
            query: &query_pairs,
            headers: &headers,
            payload_sha256: &payload_sha256,
        };
        let authorization = authorization(
            &self.access_key_id,
            self.access_key_secret.expose(),
            &signed,
        );
        let mut request = HttpRequest {
            channel: self.name(),
            method: Method::Post,
            url: format!("{}/", self.base_url),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            file: None,
        };
        for (name, value) in query {
            request = request.with_query(name, value);
        }
        for (name, value) in headers {
            request = request.with_header(name, value);
        }
        request.with_header("authorization", Secret::new(authorization))
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        read_reply(&reply.body).unwrap_or_else(|| unreadable(&reply.body))
    }

    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        // Signature, key and throttling errors come with HTTP 4xx and the same `Code`/`Message` envelope;
        // a 4xx is never a success, whatever its body says.
        read_reply(&reply.body).filter(|outcome| *outcome != Outcome::Accepted)
    }
}

/// The verdict of a `{"Code","Message"}` reply; `None` when the body is not one.
fn read_reply(body: &str) -> Option<Outcome> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Envelope {
        code: String,
        message: Option<String>,
    }
    let Envelope { code, message } = serde_json::from_str(body).ok()?;
    let message = message.unwrap_or_default();
    Some(if code == "OK" {
        Outcome::Accepted
    } else if code == "ServiceUnavailable"
        || code == "Throttling"
        || code.starts_with("Throttling.")
    {
        Outcome::Busy(format!("{code}: {message}"))
    } else {
        // Also per-number flow control (isv.BUSINESS_LIMIT_CONTROL: 1/min, 5/h, 10/day by default): a
        // retry within seconds cannot succeed, so it is a rejection; its hint says what to do.
        Outcome::Rejected {
            code: Some(code),
            message,
        }
    })
}

/// What ACS3-HMAC-SHA256 signs. `headers` may hold any headers: the qualifying ones (`host`,
/// `content-type`, `x-acs-*`) are signed, and names repeated in any case are merged as the SDK does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Acs3<'a> {
    pub method: &'a str,
    /// `/` for RPC-style APIs such as SendSms.
    pub uri: &'a str,
    /// Not yet encoded, in any order.
    pub query: &'a [(&'a str, &'a str)],
    pub headers: &'a [(&'a str, &'a str)],
    /// Lower-case hex SHA-256 of the body, as sent in `x-acs-content-sha256`.
    pub payload_sha256: &'a str,
}

impl Acs3<'_> {
    /// The canonical request and the `SignedHeaders` list.
    pub(crate) fn canonical_request(&self) -> (String, String) {
        let mut query: Vec<(String, String)> = self
            .query
            .iter()
            .map(|(k, v)| (percent_encode(k), percent_encode(v)))
            .collect();
        query.sort();
        let canonical_query = query
            .iter()
            // The SDK writes a parameter with an empty value as a bare name.
            .map(|(k, v)| {
                if v.is_empty() {
                    k.clone()
                } else {
                    format!("{k}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join("&");
        let mut headers: std::collections::BTreeMap<String, Vec<&str>> =
            std::collections::BTreeMap::default();
        for (name, value) in self.headers {
            let name = name.to_ascii_lowercase();
            if name == "host" || name == "content-type" || name.starts_with("x-acs-") {
                headers.entry(name).or_default().push(value.trim());
            }
        }
        let mut canonical_headers = String::new();
        for (name, values) in &mut headers {
            values.sort_unstable();
            canonical_headers.push_str(&format!("{name}:{}\n", values.join(",")));
        }
        let signed_headers = headers.keys().cloned().collect::<Vec<_>>().join(";");
        let canonical = format!(
            "{}\n{}\n{canonical_query}\n{canonical_headers}\n{signed_headers}\n{}",
            self.method, self.uri, self.payload_sha256
        );
        (canonical, signed_headers)
    }
}

/// The `Authorization` header: a pure function of the credentials and the request.
pub(crate) fn authorization(
    access_key_id: &str,
    access_key_secret: &str,
    request: &Acs3<'_>,
) -> String {
    let (canonical, signed_headers) = request.canonical_request();
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(canonical.as_bytes()));
    let signature = hex(&hmac_sha256(
        access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    ));
    format!(
        "{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Value;
    use std::time::{Duration, SystemTime};

    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn the_official_documentation_example_signs_byte_for_byte() {
        // upstream-apis.md §6.3: ECS RunInstances from the V3 signature documentation.
        let headers = [
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_SHA256),
        ];
        let request = Acs3 {
            method: "POST",
            uri: "/",
            query: &[
                ("RegionId", "cn-shanghai"),
                (
                    "ImageId",
                    "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
                ),
            ],
            headers: &headers,
            payload_sha256: EMPTY_SHA256,
        };
        let (canonical, _) = request.canonical_request();
        assert_eq!(
            sha256_hex(canonical.as_bytes()),
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert!(
            authorization("YourAccessKeyId", "YourAccessKeySecret", &request).ends_with(
                ",Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
            )
        );
    }

    #[test]
    fn the_sdk_unit_test_signs_byte_for_byte() {
        // aliyun/darabonba-openapi-util python/tests/test_client.py `test_get_authorization`.
        let request = Acs3 {
            method: "GET",
            uri: "",
            query: &[("test", "ok"), ("empty", "")],
            headers: &[("x-acs-test", "http"), ("x-acs-TEST", "https")],
            payload_sha256: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
        };
        assert_eq!(
            authorization("acesskey", "secret", &request),
            "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,\
             Signature=da772425f29289d3460d5fc961455d40c5e8c6afd0888b78a910c991e6a14846"
        );
    }

    fn ours() -> Aliyun {
        Aliyun {
            access_key_id: "testid".into(),
            access_key_secret: Secret::new("testsecret"),
            base_url: DEFAULT_BASE_URL.into(),
            sign_name: "阿里云短信测试".into(),
            template_code: "SMS_154950909".into(),
            template_param: Some(r#"{"code":"1234"}"#.into()),
            phone_numbers: vec![Mobile::parse("13800138000").expect("valid")],
        }
    }

    #[test]
    fn our_send_sms_request_matches_the_computed_vector() {
        // upstream-apis.md §6.3, "SendSms V3 test vector".
        let ctx = BuildContext {
            now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200),
            nonce: 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef,
            access_token: None,
        };
        let request = ours().build("", &ctx);
        let header = |name: &str| request.header(name).map(|v| v.expose().to_owned());
        assert_eq!(
            header("authorization").as_deref(),
            Some(
                "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;\
                 x-acs-date;x-acs-signature-nonce;x-acs-version,\
                 Signature=cc6cc95fa820deb24b9f936161cb855b9e81793ba055569b10afd45eafb334dd"
            )
        );
        assert_eq!(
            header("x-acs-date").as_deref(),
            Some("2024-01-01T00:00:00Z")
        );
        assert_eq!(
            request.wire_url(),
            "https://dysmsapi.aliyuncs.com/?PhoneNumbers=13800138000\
             &SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95\
             &TemplateCode=SMS_154950909&TemplateParam=%7B%22code%22%3A%221234%22%7D"
        );
        assert!(request.body.is_none());
        assert!(matches!(
            request.headers.iter().find(|(n, _)| *n == "authorization"),
            Some((_, Value::Secret(_)))
        ));
        assert!(request.dry_run_line().contains(r#""authorization":"***""#));
    }

    #[test]
    fn a_different_secret_or_nonce_changes_the_signature() {
        let ctx = |nonce| BuildContext {
            now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200),
            nonce,
            access_token: None,
        };
        let auth = |aliyun: &Aliyun, nonce| {
            aliyun
                .build("", &ctx(nonce))
                .headers
                .last()
                .map(|(_, v)| v.expose().to_owned())
        };
        let mut other = ours();
        other.access_key_secret = Secret::new("testsecreT");
        assert_ne!(auth(&ours(), 1), auth(&other, 1));
        assert_ne!(auth(&ours(), 1), auth(&ours(), 2));
    }

    #[test]
    fn international_numbers_lose_the_plus_and_empty_params_are_left_out() {
        let mut aliyun = ours();
        aliyun.template_param = None;
        aliyun.phone_numbers = vec![
            Mobile::parse("+85212345678").expect("valid"),
            Mobile::parse("13900139000").expect("valid"),
        ];
        let query = aliyun.query();
        assert_eq!(query[0], ("PhoneNumbers", "85212345678,13900139000".into()));
        assert_eq!(query.len(), 3);
    }

    #[test]
    fn replies_are_read_by_code() {
        let outcome = |body: &str| read_reply(body);
        assert_eq!(
            outcome(r#"{"Code":"OK","Message":"OK","BizId":"1","RequestId":"r"}"#),
            Some(Outcome::Accepted)
        );
        assert!(matches!(
            outcome(
                r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#
            ),
            Some(Outcome::Busy(_))
        ));
        assert!(matches!(
            outcome(r#"{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控Permits:1"}"#),
            Some(Outcome::Rejected { code: Some(c), message }) if c == "isv.BUSINESS_LIMIT_CONTROL" && message == "触发分钟级流控Permits:1"
        ));
        assert!(matches!(
            outcome(r#"{"Code":"isv.SMS_TEMPLATE_ILLEGAL","Message":"模板不合法"}"#),
            Some(Outcome::Rejected { .. })
        ));
        assert_eq!(outcome("<html>"), None);
    }
}
