//! A mock Aliyun SMS endpoint (dysmsapi) that checks what the service checks: the ACS3-HMAC-SHA256
//! signature recomputed from the request as received, the AccessKey id, the 15-minute date window, nonce
//! reuse, the payload hash, and SendSms's parameters. Errors have Aliyun's shapes: HTTP 4xx with
//! `{"RequestId","HostId","Code","Message","Recommend"}` for the gateway, HTTP 200 with `Code` for business.

use super::mock::{MockServer, Recorded, Reply, query_pairs};
use super::signing::{hex, hmac_sha256, now_secs, parse_iso8601, rfc3986, sha256_hex};
use std::collections::HashSet;
use std::sync::Mutex;

pub(crate) const KEY_ID: &str = "LTAI5tMockAccessKeyId";
pub(crate) const KEY_SECRET: &str = "aliyun-mock-key-secret-7c1d";

/// A number the mock's flow control has already served today.
/// The account's one approved template; any other is `isv.SMS_TEMPLATE_ILLEGAL`.
pub(crate) const TEMPLATE: &str = "SMS_154950909";
/// The longest variable value the mock's template takes (a 35-character type) …
const MAX_PARAM_CHARS: usize = 35;
/// … but for its `name`, a 20-character type.
const SHORT_PARAM: &str = "name";
pub(crate) const LIMITED_NUMBER: &str = "13800000429";

pub(crate) const OK: &str = r#"{"Code":"OK","Message":"OK","BizId":"9006197469364984400","RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990"}"#;

/// A gateway error as Aliyun's POP gateway writes it.
pub(crate) fn gateway_error(status: u16, code: &str, message: &str) -> Reply {
    Reply::status(
        status,
        format!(
            r#"{{"RequestId":"4C9E4B41-0B5A-5B2D-9B62-5B1D1E6C4E00","HostId":"dysmsapi.aliyuncs.com","Code":"{code}","Message":"{message}","Recommend":"https://api.aliyun.com/troubleshoot?q={code}&product=Dysmsapi"}}"#
        ),
    )
}

/// A business error: HTTP 200 with a non-OK `Code`.
pub(crate) fn business_error(code: &str, message: &str) -> Reply {
    Reply::json(format!(
        r#"{{"RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE991","Code":"{code}","Message":"{message}"}}"#
    ))
}

/// The Authorization header Aliyun expects for `req`, over the headers it names as signed.
pub(crate) fn expected_authorization(
    req: &Recorded,
    key_id: &str,
    secret: &str,
    signed: &str,
) -> String {
    let mut query: Vec<(String, String)> = query_pairs(&req.raw_query)
        .iter()
        .map(|(k, v)| (rfc3986(k), rfc3986(v)))
        .collect();
    query.sort();
    let query = query
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let headers: String = signed
        .split(';')
        .map(|name| format!("{name}:{}\n", req.header(name).unwrap_or("").trim()))
        .collect();
    let canonical = format!(
        "{}\n{}\n{query}\n{headers}\n{signed}\n{}",
        req.method,
        req.path,
        sha256_hex(&req.body)
    );
    let to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
    let signature = hex(&hmac_sha256(secret.as_bytes(), to_sign.as_bytes()));
    format!("ACS3-HMAC-SHA256 Credential={key_id},SignedHeaders={signed},Signature={signature}")
}

/// Aliyun's verdict on a request. `nonces` remembers the nonces already used.
pub(crate) fn check(req: &Recorded, secret: &str, nonces: &Mutex<HashSet<String>>) -> Reply {
    match check_signature(req, secret, nonces) {
        Ok(()) => check_message(req),
        Err(refused) => refused,
    }
}

/// The gateway's checks: action, version, the ACS3 signature, the clock and the nonce.
fn check_signature(
    req: &Recorded,
    secret: &str,
    nonces: &Mutex<HashSet<String>>,
) -> Result<(), Reply> {
    if req.method != "POST" || req.path != "/" {
        return Err(gateway_error(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found.",
        ));
    }
    if req.header("x-acs-action") != Some("SendSms") {
        return Err(gateway_error(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found.",
        ));
    }
    if req.header("x-acs-version") != Some("2017-05-25") {
        return Err(gateway_error(
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
        ));
    }
    let Some(auth) = req.header("authorization") else {
        return Err(gateway_error(
            400,
            "MissingAuthorization",
            "Authorization is mandatory.",
        ));
    };
    let Some(fields) = auth.strip_prefix("ACS3-HMAC-SHA256 ") else {
        return Err(gateway_error(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards.",
        ));
    };
    let field = |name: &str| {
        fields
            .split(',')
            .find_map(|f| f.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or("")
    };
    if field("Credential") != KEY_ID {
        return Err(gateway_error(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        ));
    }
    let signed = field("SignedHeaders");
    let names: Vec<&str> = signed.split(';').collect();
    let unsigned = req.headers.iter().any(|(name, _)| {
        (name == "host" || name.starts_with("x-acs-")) && !names.contains(&name.as_str())
    });
    if unsigned || !names.windows(2).all(|w| w[0] < w[1]) {
        return Err(gateway_error(
            400,
            "IncompleteSignature",
            "The request signature does not conform to Aliyun standards.",
        ));
    }
    check_signed(req, auth, signed, secret)?;
    check_nonce(req, nonces)
}

/// The clock, the body hash and the signature itself.
fn check_signed(req: &Recorded, auth: &str, signed: &str, secret: &str) -> Result<(), Reply> {
    match req.header("x-acs-date").and_then(parse_iso8601) {
        Some(date) if (now_secs() - date).abs() <= 15 * 60 => {}
        _ => {
            return Err(gateway_error(
                400,
                "InvalidTimeStamp.Expired",
                "Specified time stamp or date value is expired.",
            ));
        }
    }
    if req.header("x-acs-content-sha256") != Some(sha256_hex(&req.body).as_str()) {
        return Err(gateway_error(
            400,
            "SignatureDoesNotMatch",
            "Specified signature does not match our calculation.",
        ));
    }
    if auth != expected_authorization(req, KEY_ID, secret, signed) {
        return Err(gateway_error(
            400,
            "SignatureDoesNotMatch",
            "Specified signature does not match our calculation.",
        ));
    }
    Ok(())
}

/// Each signature nonce is accepted once.
fn check_nonce(req: &Recorded, nonces: &Mutex<HashSet<String>>) -> Result<(), Reply> {
    let Some(nonce) = req
        .header("x-acs-signature-nonce")
        .filter(|n| !n.is_empty())
    else {
        return Err(gateway_error(
            400,
            "MissingSignatureNonce",
            "SignatureNonce is mandatory for this action.",
        ));
    };
    if !nonces.lock().expect("nonces").insert(nonce.to_owned()) {
        return Err(gateway_error(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    Ok(())
}

/// SendSms's own checks: the template, its parameters and the numbers.
fn check_message(req: &Recorded) -> Reply {
    let (Some(numbers), Some(_), Some(template)) = (
        req.query("PhoneNumbers"),
        req.query("SignName"),
        req.query("TemplateCode"),
    ) else {
        return business_error("isv.INVALID_PARAMETERS", "参数异常");
    };
    if template != TEMPLATE {
        return business_error("isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)");
    }
    if let Some(param) = req.query("TemplateParam") {
        let object = serde_json::from_str::<serde_json::Value>(&param)
            .ok()
            .and_then(|v| v.as_object().cloned())
            .filter(|o| o.values().all(serde_json::Value::is_string));
        let Some(object) = object else {
            return business_error("isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
        };
        let too_long = object.iter().any(|(name, value)| {
            let max = if name == SHORT_PARAM {
                20
            } else {
                MAX_PARAM_CHARS
            };
            value.as_str().is_some_and(|v| v.chars().count() > max)
        });
        if too_long {
            return business_error("isv.PARAM_LENGTH_LIMIT", "参数超过长度限制");
        }
    }
    for number in numbers.split(',') {
        if number.len() < 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return business_error("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
        }
        if number == LIMITED_NUMBER {
            return business_error("isv.BUSINESS_LIMIT_CONTROL", "触发天级流控Permits:10");
        }
    }
    Reply::json(OK)
}

/// A handler for `MockServer::start` with the test credentials and a fresh nonce memory.
pub(crate) fn service() -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    let nonces = Mutex::new(HashSet::new());
    move |req| check(req, KEY_SECRET, &nonces)
}

/// `run` configured to send as the test account to `server`, with an approved signature and template.
pub(crate) fn configure(run: super::Run, server: &MockServer) -> super::Run {
    run.env("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", KEY_SECRET)
        .env("ALIYUN_SMS_BASE_URL", server.url())
        .env("SMS_SIGN_NAME", "阿里云短信测试")
        .env("SMS_TEMPLATE", TEMPLATE)
}
