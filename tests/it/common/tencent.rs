//! A mock Tencent Cloud SMS endpoint that checks what the service checks: the TC3-HMAC-SHA256 signature
//! recomputed over the body as received, the SecretId, the 5-minute timestamp window and the credential
//! scope's UTC date, and SendSms's body. Every answer is HTTP 200 with `{"Response":{…}}`: a request-level
//! `Error`, or a `SendStatusSet` with one status per number.

use super::mock::{MockServer, Recorded, Reply};
use super::signing::{hex, hmac_sha256, now_secs, sha256_hex, utc_date};

pub(crate) const SECRET_ID: &str = "AKIDmockTencentSecretId01";
pub(crate) const SECRET_KEY: &str = "tencent-mock-secret-key-9e2b";
pub(crate) const SDK_APP_ID: &str = "1400006666";

/// A number over its daily quota.
/// The application's one approved template.
pub(crate) const TEMPLATE: &str = "1110";
pub(crate) const LIMITED_NUMBER: &str = "+8613800000429";

pub(crate) fn error(code: &str, message: &str) -> Reply {
    Reply::json(format!(
        r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"{message}"}},"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}}}"#
    ))
}

/// The Authorization header Tencent expects for `req`, signed at the request's own timestamp.
pub(crate) fn expected_authorization(
    req: &Recorded,
    secret_id: &str,
    secret_key: &str,
    signed: &str,
) -> String {
    let timestamp: i64 = req
        .header("x-tc-timestamp")
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let date = utc_date(timestamp);
    let headers: String = signed
        .split(';')
        .map(|name| {
            let value = req.header(name).unwrap_or("").trim().to_ascii_lowercase();
            format!("{name}:{value}\n")
        })
        .collect();
    let canonical = format!("POST\n/\n\n{headers}\n{signed}\n{}", sha256_hex(&req.body));
    let scope = format!("{date}/sms/tc3_request");
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        sha256_hex(canonical.as_bytes())
    );
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, b"sms");
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    let signature = hex(&hmac_sha256(&k_signing, to_sign.as_bytes()));
    format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed}, Signature={signature}"
    )
}

/// Tencent Cloud's verdict on a request.
pub(crate) fn check(req: &Recorded, secret_key: &str) -> Reply {
    match check_signature(req, secret_key) {
        Ok(()) => check_message(req),
        Err(refused) => refused,
    }
}

/// The API gateway's checks: action, version, region, the TC3 signature and the clock.
fn check_signature(req: &Recorded, secret_key: &str) -> Result<(), Reply> {
    if req.method != "POST" || req.path != "/" {
        return Err(error("InvalidAction", "The action is not supported."));
    }
    if req.header("x-tc-action") != Some("SendSms") {
        return Err(error("InvalidAction", "The action is not supported."));
    }
    if req.header("x-tc-version") != Some("2021-01-11") {
        return Err(error("InvalidParameter", "The version is not valid."));
    }
    if req.header("x-tc-region").is_none_or(str::is_empty) {
        return Err(error(
            "MissingParameter",
            "The request is missing a required parameter `Region`.",
        ));
    }
    let Some(auth) = req.header("authorization") else {
        return Err(error(
            "AuthFailure.SignatureFailure",
            "The request has no signature.",
        ));
    };
    let field = |name: &str| {
        auth.strip_prefix("TC3-HMAC-SHA256 ")
            .unwrap_or("")
            .split(", ")
            .find_map(|f| f.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or("")
    };
    if field("Credential").split('/').next() != Some(SECRET_ID) {
        return Err(error(
            "AuthFailure.SecretIdNotFound",
            "The SecretId is not found.",
        ));
    }
    let timestamp = req
        .header("x-tc-timestamp")
        .and_then(|t| t.parse::<i64>().ok());
    match timestamp {
        Some(ts) if (now_secs() - ts).abs() <= 300 => {}
        _ => {
            return Err(error(
                "AuthFailure.SignatureExpire",
                "Signature expired. Timestamp and server time cannot differ by more than 5 minutes.",
            ));
        }
    }
    let signed = field("SignedHeaders");
    if !signed.split(';').any(|n| n == "content-type") || !signed.split(';').any(|n| n == "host") {
        return Err(error(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated.",
        ));
    }
    if auth != expected_authorization(req, SECRET_ID, secret_key, signed) {
        return Err(error(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated. Please check your signature is correct.",
        ));
    }
    Ok(())
}

/// SendSms's own checks: the app, the template, its parameters and the numbers.
fn check_message(req: &Recorded) -> Reply {
    let body = req.json();
    if body["SmsSdkAppId"].as_str() != Some(SDK_APP_ID) {
        return error("InvalidParameterValue.SdkAppIdNotExist", "SdkAppId不存在。");
    }
    if body["TemplateId"].as_str().is_none_or(str::is_empty) {
        return error(
            "MissingParameter",
            "The request is missing a required parameter `TemplateId`.",
        );
    }
    if body["TemplateId"].as_str().is_some_and(|t| t != TEMPLATE) {
        return error(
            "FailedOperation.TemplateIncorrectOrUnapproved",
            "模版未审批或请求的内容与审核通过的模版内容不匹配。",
        );
    }
    if !body["TemplateParamSet"].is_null()
        && !body["TemplateParamSet"]
            .as_array()
            .is_some_and(|a| a.iter().all(serde_json::Value::is_string))
    {
        return error(
            "InvalidParameterValue.TemplateParameterFormatError",
            "验证码模板参数格式错误。",
        );
    }
    let Some(numbers) = body["PhoneNumberSet"].as_array().filter(|n| !n.is_empty()) else {
        return error(
            "MissingParameter.EmptyPhoneNumberSet",
            "传入的号码列表为空。",
        );
    };
    let statuses: Vec<String> = numbers
        .iter()
        .map(|n| {
            let number = n.as_str().unwrap_or("");
            let (code, message) = if !number.starts_with('+') || number.len() < 7 {
                ("InvalidParameterValue.IncorrectPhoneNumber", "手机号格式错误。")
            } else if number == LIMITED_NUMBER {
                ("LimitExceeded.PhoneNumberDailyLimit", "单个手机号日下发短信条数超过设定的上限")
            } else {
                ("Ok", "send success")
            };
            format!(
                r#"{{"SerialNo":"5000:1045710669157053657849499619","PhoneNumber":"{number}","Fee":1,"SessionContext":"","Code":"{code}","Message":"{message}","IsoCode":"CN"}}"#
            )
        })
        .collect();
    Reply::json(format!(
        r#"{{"Response":{{"SendStatusSet":[{}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}}}"#,
        statuses.join(",")
    ))
}

pub(crate) fn service() -> impl Fn(&Recorded) -> Reply + Send + Sync + 'static {
    |req| check(req, SECRET_KEY)
}

/// `run` configured to send as the test account to `server`, with an approved signature and template.
pub(crate) fn configure(run: super::Run, server: &MockServer) -> super::Run {
    run.env("TENCENTCLOUD_SECRET_ID", SECRET_ID)
        .env("TENCENTCLOUD_SECRET_KEY", SECRET_KEY)
        .env("TENCENT_SMS_SDK_APP_ID", SDK_APP_ID)
        .env("TENCENT_SMS_BASE_URL", server.url())
        .env("SMS_SIGN_NAME", "腾讯云")
        .env("SMS_TEMPLATE", TEMPLATE)
}
