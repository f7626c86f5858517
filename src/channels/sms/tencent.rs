//! Tencent Cloud SMS (腾讯云短信): SendSms, version 2021-01-11, signed with TC3-HMAC-SHA256.
//!
//! The JSON body is serialized once and the signature hashes those very bytes. A reply can be HTTP 200
//! with no error and still have failed for some numbers, so every `SendStatusSet[].Code` is read.

use super::Mobile;
use crate::channels::{BuildContext, Channel, Outcome, unreadable};
use crate::digest::{hex, hmac_sha256, sha256_hex};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::Budget;
use crate::transport::Reply;
use crate::utc::UtcTime;
use serde::{Deserialize, Serialize};

pub(crate) const DEFAULT_BASE_URL: &str = "https://sms.tencentcloudapi.com";
pub(crate) const DEFAULT_REGION: &str = "ap-guangzhou";

/// SendSms takes at most this many numbers in one call.
pub(crate) const MAX_NUMBERS: usize = 200;

const SERVICE: &str = "sms";
const ACTION: &str = "SendSms";
const VERSION: &str = "2021-01-11";
const CONTENT_TYPE: &str = "application/json; charset=utf-8";
const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// One SendSms call to every number.
#[derive(Debug, Clone)]
pub(crate) struct Tencent {
    pub secret_id: String,
    pub secret_key: Secret,
    pub region: String,
    /// Scheme and host, no trailing slash.
    pub base_url: String,
    pub sdk_app_id: String,
    /// Required for mainland numbers, empty for international ones.
    pub sign_name: String,
    pub template_id: String,
    /// The template's variables, in order.
    pub params: Vec<String>,
    pub phone_numbers: Vec<Mobile>,
}

/// The body, field order as the API documents it.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct SendSms<'a> {
    phone_number_set: Vec<String>,
    sms_sdk_app_id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    sign_name: &'a str,
    template_id: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    template_param_set: &'a [String],
}

impl Channel for Tencent {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn budget(&self, _max_bytes: Option<usize>) -> Budget {
        super::TEMPLATE_BUDGET
    }

    /// The text is ignored: the approved template is the message.
    fn build(&self, _text: &str, ctx: &BuildContext) -> HttpRequest {
        let body = SendSms {
            phone_number_set: self.phone_numbers.iter().map(Mobile::e164).collect(),
            sms_sdk_app_id: &self.sdk_app_id,
            sign_name: &self.sign_name,
            template_id: &self.template_id,
            template_param_set: &self.params,
        };
        let mut request = HttpRequest::post_json(self.name(), format!("{}/", self.base_url), &body);
        let host = super::authority(&self.base_url).to_owned();
        let timestamp = ctx.unix_secs();
        let signed = Tc3 {
            service: SERVICE,
            timestamp,
            headers: &[("content-type", CONTENT_TYPE), ("host", &host)],
            payload: request.body.as_deref().unwrap_or_default().as_bytes(),
        };
        let authorization = authorization(&self.secret_id, self.secret_key.expose(), &signed);
        request.headers.clear();
        request
            .with_header("host", host)
            .with_header("content-type", CONTENT_TYPE)
            .with_header("x-tc-action", ACTION)
            .with_header("x-tc-version", VERSION)
            .with_header("x-tc-timestamp", timestamp.to_string())
            .with_header("x-tc-region", self.region.clone())
            .with_header("authorization", Secret::new(authorization))
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        read_reply(&reply.body).unwrap_or_else(|| unreadable(&reply.body))
    }
}

/// Request-level codes worth a retry: API frequency limits and the service's own timeouts. Per-number
/// limits (`LimitExceeded.*`) are not: the number's quota does not come back within seconds.
fn is_busy(code: &str) -> bool {
    code == "RequestLimitExceeded"
        || code.starts_with("RequestLimitExceeded.")
        || code == "InternalError.Timeout"
}

/// The verdict of a `{"Response":{…}}` reply; `None` when the body is not one.
fn read_reply(body: &str) -> Option<Outcome> {
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Envelope {
        response: Response,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Response {
        error: Option<Failure>,
        send_status_set: Option<Vec<SendStatus>>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Failure {
        code: String,
        #[serde(default)]
        message: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct SendStatus {
        #[serde(default)]
        phone_number: String,
        code: String,
        #[serde(default)]
        message: String,
    }
    let Envelope { response } = serde_json::from_str(body).ok()?;
    if let Some(Failure { code, message }) = response.error {
        return Some(if is_busy(&code) {
            Outcome::Busy(format!("{code}: {message}"))
        } else {
            Outcome::Rejected {
                code: Some(code),
                message,
            }
        });
    }
    let statuses = response.send_status_set.filter(|set| !set.is_empty())?;
    let (sent, failed): (Vec<_>, Vec<_>) = statuses.iter().partition(|s| s.code == "Ok");
    let Some(first) = failed.first() else {
        return Some(Outcome::Accepted);
    };
    let mut message = format!(
        "not sent to {}",
        failed
            .iter()
            .map(|s| format!("{} ({}: {})", s.phone_number, s.code, s.message))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if !sent.is_empty() {
        let numbers: Vec<&str> = sent.iter().map(|s| s.phone_number.as_str()).collect();
        message.push_str(&format!("; sent to {}", numbers.join(", ")));
    }
    Some(Outcome::Rejected {
        code: Some(first.code.clone()),
        message,
    })
}

/// What TC3-HMAC-SHA256 signs: the signed headers (at least `content-type` and `host`) and the exact body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tc3<'a> {
    pub service: &'a str,
    /// Unix seconds, as sent in `X-TC-Timestamp`; its UTC date is part of the credential scope.
    pub timestamp: u64,
    pub headers: &'a [(&'a str, &'a str)],
    pub payload: &'a [u8],
}

impl Tc3<'_> {
    /// The canonical request of a POST to `/`, and the `SignedHeaders` list.
    pub(crate) fn canonical_request(&self) -> (String, String) {
        let mut headers: Vec<(String, String)> = self
            .headers
            .iter()
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
            .collect();
        headers.sort();
        let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
        let signed_headers = headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let canonical = format!(
            "POST\n/\n\n{canonical_headers}\n{signed_headers}\n{}",
            sha256_hex(self.payload)
        );
        (canonical, signed_headers)
    }
}

/// The `Authorization` header: a pure function of the credentials, the time and the request.
pub(crate) fn authorization(secret_id: &str, secret_key: &str, request: &Tc3<'_>) -> String {
    let (canonical, signed_headers) = request.canonical_request();
    let date = UtcTime::from_unix(request.timestamp).date();
    let scope = format!("{date}/{}/tc3_request", request.service);
    let string_to_sign = format!(
        "{ALGORITHM}\n{}\n{scope}\n{}",
        request.timestamp,
        sha256_hex(canonical.as_bytes())
    );
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, request.service.as_bytes());
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    let signature = hex(&hmac_sha256(&k_signing, string_to_sign.as_bytes()));
    format!(
        "{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    const DOC_PAYLOAD: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

    fn doc_example(headers: &[(&str, &str)]) -> String {
        let request = Tc3 {
            service: "cvm",
            timestamp: 1_551_113_065,
            headers,
            payload: DOC_PAYLOAD.as_bytes(),
        };
        authorization(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******",
            "Gu5t9xGARNpq86cd98joQYCN3*******",
            &request,
        )
    }

    #[test]
    fn the_official_documentation_example_signs_byte_for_byte() {
        // upstream-apis.md §7.2: both revisions of the documentation's example.
        let base = [
            ("content-type", CONTENT_TYPE),
            ("host", "cvm.tencentcloudapi.com"),
        ];
        assert_eq!(
            doc_example(&base),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
        );
        let with_action = [
            ("content-type", CONTENT_TYPE),
            ("host", "cvm.tencentcloudapi.com"),
            ("X-TC-Action", "DescribeInstances"),
        ];
        assert!(doc_example(&with_action).ends_with(
            "SignedHeaders=content-type;host;x-tc-action, \
             Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3"
        ));
    }

    fn vector() -> Tencent {
        Tencent {
            secret_id: "AKIDtestsecretid".into(),
            secret_key: Secret::new("testsecretkey"),
            region: DEFAULT_REGION.into(),
            base_url: DEFAULT_BASE_URL.into(),
            sdk_app_id: "1400006666".into(),
            sign_name: "腾讯云".into(),
            template_id: "1110".into(),
            params: vec!["1234".into()],
            phone_numbers: vec![Mobile::parse("13800138000").expect("valid")],
        }
    }

    fn at_vector_time() -> BuildContext {
        BuildContext {
            now: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
            nonce: 7,
            access_token: None,
        }
    }

    #[test]
    fn our_send_sms_request_matches_the_computed_vectors() {
        // upstream-apis.md §7.2, "SendSms TC3 test vector".
        let request = vector().build("", &at_vector_time());
        let body = request.body.clone().unwrap_or_default();
        assert_eq!(
            body,
            r#"{"PhoneNumberSet":["+8613800138000"],"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1110","TemplateParamSet":["1234"]}"#
        );
        let header = |name: &str| request.header(name).map(|v| v.expose().to_owned());
        assert_eq!(
            header("authorization").as_deref(),
            Some(
                "TC3-HMAC-SHA256 Credential=AKIDtestsecretid/2023-11-14/sms/tc3_request, \
                 SignedHeaders=content-type;host, \
                 Signature=282aa8d39bffcc09dbca7259ca544830a11b66f9d9be41e4d09fd3add3f38780"
            )
        );
        assert_eq!(header("x-tc-timestamp").as_deref(), Some("1700000000"));
        assert_eq!(header("x-tc-region").as_deref(), Some("ap-guangzhou"));
        assert_eq!(header("content-type").as_deref(), Some(CONTENT_TYPE));
        // The variant that also signs x-tc-action (value lower-cased).
        let with_action = Tc3 {
            service: SERVICE,
            timestamp: 1_700_000_000,
            headers: &[
                ("content-type", CONTENT_TYPE),
                ("host", "sms.tencentcloudapi.com"),
                ("x-tc-action", ACTION),
            ],
            payload: body.as_bytes(),
        };
        let (canonical, _) = with_action.canonical_request();
        assert_eq!(
            sha256_hex(canonical.as_bytes()),
            "a334af00ad11b53712ae1ba9e1cc95285377425354e4cc70a8599d075daef0ef"
        );
        assert!(
            authorization("AKIDtestsecretid", "testsecretkey", &with_action).ends_with(
                "Signature=6de952c3c97273fd614a302cc02f2330eccac7ffc597a4f18d8669e55307ea08"
            )
        );
        assert!(request.dry_run_line().contains(r#""authorization":"***""#));
    }

    #[test]
    fn the_signature_covers_the_key_and_the_body() {
        let base = vector().build("", &at_vector_time());
        let mut other_key = vector();
        other_key.secret_key = Secret::new("testsecretkeY");
        let mut other_body = vector();
        other_body.params = vec!["1235".into()];
        let auth = |r: &HttpRequest| r.headers.last().map(|(_, v)| v.expose().to_owned());
        assert_ne!(auth(&base), auth(&other_key.build("", &at_vector_time())));
        assert_ne!(auth(&base), auth(&other_body.build("", &at_vector_time())));
    }

    #[test]
    fn every_number_must_be_ok() {
        let ok = r#"{"Response":{"SendStatusSet":[{"PhoneNumber":"+8613800138000","Code":"Ok","Message":"send success"}],"RequestId":"r"}}"#;
        assert_eq!(read_reply(ok), Some(Outcome::Accepted));
        let partial = r#"{"Response":{"SendStatusSet":[
            {"PhoneNumber":"+8613800138000","Code":"Ok","Message":"send success"},
            {"PhoneNumber":"+8613900139000","Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"}],"RequestId":"r"}}"#;
        assert_eq!(
            read_reply(partial),
            Some(Outcome::Rejected {
                code: Some("LimitExceeded.PhoneNumberDailyLimit".into()),
                message: "not sent to +8613900139000 (LimitExceeded.PhoneNumberDailyLimit: daily limit); \
                          sent to +8613800138000"
                    .into()
            })
        );
        assert_eq!(
            read_reply(r#"{"Response":{"SendStatusSet":[],"RequestId":"r"}}"#),
            None
        );
    }

    #[test]
    fn request_errors_are_permanent_unless_the_api_is_busy() {
        let error = |code: &str| {
            read_reply(&format!(
                r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"r"}}}}"#
            ))
        };
        assert!(matches!(
            error("RequestLimitExceeded"),
            Some(Outcome::Busy(_))
        ));
        assert!(matches!(
            error("InternalError.Timeout"),
            Some(Outcome::Busy(_))
        ));
        assert!(matches!(
            error("AuthFailure.SignatureFailure"),
            Some(Outcome::Rejected { code: Some(c), .. }) if c == "AuthFailure.SignatureFailure"
        ));
        assert!(matches!(
            error("LimitExceeded.PhoneNumberThirtySecondLimit"),
            Some(Outcome::Rejected { .. })
        ));
    }
}
