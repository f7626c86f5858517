//! `sendmsg sms` settings: the provider, its credentials, the template and its variables, and the mobile
//! numbers, all checked before anything is sent.

use super::args::{SmsArgs, SmsProvider};
use crate::channels::Channel;
use crate::channels::sms::Mobile;
use crate::channels::sms::aliyun::{self, Aliyun};
use crate::channels::sms::http::Gateway;
use crate::channels::sms::tencent::{self, Tencent};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required};

/// A provider ready to send.
pub(crate) enum Sms {
    /// Aliyun or Tencent: one request carries the template, its variables and every number.
    Template {
        channel: Box<dyn Channel>,
        /// The numbers, as `--limit`, `--dedupe` and the history name them.
        recipients: Vec<String>,
        /// The template and its variables as text: what the history and `--dedupe` see.
        summary: String,
    },
    /// One gateway request per number.
    Http(Vec<Gateway>),
}

pub(crate) fn resolve(args: &SmsArgs, how: Resolve<'_>) -> Result<Sms, Error> {
    let Some(provider) = args.provider else {
        return Err(Error::wrong(
            "sms",
            "SMS_PROVIDER",
            "is not set: choose --provider aliyun, tencent or http",
            Exit::Config,
        ));
    };
    let takes_text = provider == SmsProvider::Http;
    if !takes_text && (!args.body.message.is_empty() || args.body.file.is_some()) {
        return Err(Error::bad_input(
            "sms",
            "a template provider takes no message text; give the template's variables with --param KEY=VALUE",
        ));
    }
    let mobiles = mobiles(&args.to)?;
    let recipients: Vec<String> = mobiles.iter().map(|m| m.as_str().to_owned()).collect();
    let summary = format!(
        "template {}: {}",
        args.template.as_deref().unwrap_or_default(),
        args.param.join(", ")
    );
    match provider {
        SmsProvider::Aliyun => aliyun_channel(args, mobiles, how).map(|channel| Sms::Template {
            channel,
            recipients,
            summary,
        }),
        SmsProvider::Tencent => tencent_channel(args, mobiles, how).map(|channel| Sms::Template {
            channel,
            recipients,
            summary,
        }),
        SmsProvider::Http => gateways(args, mobiles, how).map(Sms::Http),
    }
}

/// A credential or setting the provider needs.
fn var(name: &str, value: Option<&String>, how: Resolve<'_>) -> Result<Option<String>, Error> {
    required("sms", name, value.map(String::as_str), how)
}

/// Aliyun SendSms: the template's variables as one JSON object, every number in one request.
fn aliyun_channel(
    args: &SmsArgs,
    mobiles: Vec<Mobile>,
    how: Resolve<'_>,
) -> Result<Box<dyn Channel>, Error> {
    if mobiles.len() > aliyun::MAX_NUMBERS {
        return Err(too_many(mobiles.len(), aliyun::MAX_NUMBERS));
    }
    let params = params(&args.param)?;
    check_aliyun_lengths(&params, how)?;
    let template_param = (!params.is_empty()).then(|| {
        let object: serde_json::Map<String, serde_json::Value> = params
            .into_iter()
            .map(|(k, v)| (k, serde_json::Value::String(v)))
            .collect();
        serde_json::Value::Object(object).to_string()
    });
    Ok(Box::new(Aliyun {
        access_key_id: var(
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            args.access_key_id.as_ref(),
            how,
        )?
        .unwrap_or_default(),
        access_key_secret: secret(var(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            args.access_key_secret.as_ref(),
            how,
        )?),
        base_url: cloud_base_url(args, "ALIYUN_SMS_BASE_URL", &args.aliyun_base_url)?,
        sign_name: var("SMS_SIGN_NAME", args.sign.as_ref(), how)?.unwrap_or_default(),
        template_code: var("SMS_TEMPLATE", args.template.as_ref(), how)?.unwrap_or_default(),
        template_param,
        phone_numbers: mobiles,
    }))
}

/// Tencent SendSms: the variables in order, every number in one request.
fn tencent_channel(
    args: &SmsArgs,
    mobiles: Vec<Mobile>,
    how: Resolve<'_>,
) -> Result<Box<dyn Channel>, Error> {
    if mobiles.len() > tencent::MAX_NUMBERS {
        return Err(too_many(mobiles.len(), tencent::MAX_NUMBERS));
    }
    let mainland = mobiles.iter().filter(|m| m.is_mainland()).count();
    if mainland != 0 && mainland != mobiles.len() {
        return Err(Error::bad_input(
            "sms",
            "Tencent Cloud cannot send to mainland and international numbers in one request; \
             send them in separate runs",
        ));
    }
    // The signature is required for mainland numbers only.
    let sign_name = if mainland > 0 {
        var("SMS_SIGN_NAME", args.sign.as_ref(), how)?.unwrap_or_default()
    } else {
        args.sign.clone().unwrap_or_default()
    };
    Ok(Box::new(Tencent {
        secret_id: var("TENCENTCLOUD_SECRET_ID", args.secret_id.as_ref(), how)?.unwrap_or_default(),
        secret_key: secret(var(
            "TENCENTCLOUD_SECRET_KEY",
            args.secret_key.as_ref(),
            how,
        )?),
        region: args.region.trim().to_owned(),
        base_url: cloud_base_url(args, "TENCENT_SMS_BASE_URL", &args.tencent_base_url)?,
        sdk_app_id: var("TENCENT_SMS_SDK_APP_ID", args.sdk_app_id.as_ref(), how)?
            .unwrap_or_default(),
        sign_name,
        template_id: var("SMS_TEMPLATE", args.template.as_ref(), how)?.unwrap_or_default(),
        params: {
            let params = params(&args.param)?;
            warn_tencent_lengths(&params, how);
            params.into_iter().map(|(_, v)| v).collect()
        },
        phone_numbers: mobiles,
    }))
}

/// The HTTP gateway: one request per number.
fn gateways(args: &SmsArgs, mobiles: Vec<Mobile>, how: Resolve<'_>) -> Result<Vec<Gateway>, Error> {
    let url = match var("SMS_GATEWAY_URL", args.gateway_url.as_ref(), how)? {
        Some(url) => base_url("sms", "SMS_GATEWAY_URL", &url)?,
        None => "http://SMS_GATEWAY_URL".into(),
    };
    let token = args
        .gateway_token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(Secret::new);
    Ok(mobiles
        .into_iter()
        .map(|mobile| Gateway {
            url: url.clone(),
            token: token.clone(),
            mobile,
        })
        .collect())
}

fn secret(value: Option<String>) -> Secret {
    value.map(Secret::new).unwrap_or_default()
}

/// `--base-url` wins, then the provider's variable, then the service.
fn cloud_base_url(args: &SmsArgs, var: &str, from_env: &str) -> Result<String, Error> {
    match &args.base_url {
        Some(url) => base_url("sms", "--base-url", url),
        None => base_url("sms", var, from_env),
    }
}

fn mobiles(to: &[String]) -> Result<Vec<Mobile>, Error> {
    let given: Vec<&str> = to
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if given.is_empty() {
        // A missing recipient is a missing setting, as in every channel (exit 3).
        return Err(Error::no_recipient("sms", "--to MOBILE", "SMS_TO"));
    }
    let mut mobiles: Vec<Mobile> = Vec::with_capacity(given.len());
    for text in given {
        let mobile = Mobile::parse(text).ok_or_else(|| {
            Error::invalid(
                "sms",
                "SMS_TO",
                text,
                "is not a mobile number (mainland 11 digits like 13800138000, or E.164 like \
                 +85212345678); nothing was sent",
                Exit::BadInput,
            )
        })?;
        if !mobiles.contains(&mobile) {
            mobiles.push(mobile);
        }
    }
    Ok(mobiles)
}

fn too_many(count: usize, max: usize) -> Error {
    Error::bad_input(
        "sms",
        format!(
            "{count} numbers, more than the {max} the provider takes in one request; nothing was sent"
        ),
    )
}

/// Aliyun takes at most 35 characters in any template variable, and only 20 in some types (field reports
/// of `isv.PARAM_LENGTH_LIMIT`; upstream-apis.md leaves the numbers unverified): over 35 cannot succeed, so
/// it is refused before the request; over 20 is a warning.
const ALIYUN_MAX_PARAM_CHARS: usize = 35;
const ALIYUN_SHORT_PARAM_CHARS: usize = 20;
/// Tencent Cloud caps a variable at 12 characters for personal-verified accounts only: a warning.
const TENCENT_PERSONAL_PARAM_CHARS: usize = 12;

/// The `--param`s longer than `max` characters, named with their lengths.
fn longer_than(params: &[(String, String)], max: usize) -> Vec<String> {
    params
        .iter()
        .map(|(key, value)| (key, value.chars().count()))
        .filter(|(_, chars)| *chars > max)
        .map(|(key, chars)| format!("{key} ({chars} characters)"))
        .collect()
}

fn check_aliyun_lengths(params: &[(String, String)], how: Resolve<'_>) -> Result<(), Error> {
    let too_long = longer_than(params, ALIYUN_MAX_PARAM_CHARS);
    if !too_long.is_empty() {
        return Err(Error::bad_input(
            "sms",
            format!(
                "Aliyun takes at most {ALIYUN_MAX_PARAM_CHARS} characters in a template variable; over it: {}; \
             nothing was sent (the service would answer isv.PARAM_LENGTH_LIMIT)",
                too_long.join(", ")
            ),
        ));
    }
    let long = longer_than(params, ALIYUN_SHORT_PARAM_CHARS);
    if !long.is_empty() {
        how.printer.note(&format!(
            "warning: sms: {} over {ALIYUN_SHORT_PARAM_CHARS} characters: some Aliyun variable types take no more \
             (isv.PARAM_LENGTH_LIMIT)",
            long.join(", ")
        ));
    }
    Ok(())
}

fn warn_tencent_lengths(params: &[(String, String)], how: Resolve<'_>) {
    let long = longer_than(params, TENCENT_PERSONAL_PARAM_CHARS);
    if !long.is_empty() {
        how.printer.note(&format!(
            "warning: sms: {} over {TENCENT_PERSONAL_PARAM_CHARS} characters: a personal-verified Tencent Cloud \
             account takes no more (InvalidParameterValue.TemplateParameterLengthLimit)",
            long.join(", ")
        ));
    }
}

/// `--param KEY=VALUE` pairs, in order; a key may appear once.
pub fn params(given: &[String]) -> Result<Vec<(String, String)>, Error> {
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(given.len());
    for param in given {
        let Some((key, value)) = param.split_once('=').filter(|(k, _)| !k.trim().is_empty()) else {
            return Err(Error::invalid(
                "sms",
                "--param",
                param,
                "is not KEY=VALUE",
                Exit::BadInput,
            ));
        };
        let key = key.trim();
        if pairs.iter().any(|(k, _)| k == key) {
            return Err(Error::bad_input(
                "sms",
                format!("--param {key} is given twice"),
            ));
        }
        pairs.push((key.to_owned(), value.to_owned()));
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_key_value_pairs_in_order() {
        let given = ["code=12=34".to_owned(), "b=".to_owned()];
        assert_eq!(
            params(&given).ok(),
            Some(vec![
                ("code".into(), "12=34".into()),
                ("b".into(), String::new())
            ])
        );
        for bad in ["novalue", "=x"] {
            assert_eq!(
                params(&[bad.to_owned()]).err().map(|e| e.exit().code()),
                Some(2)
            );
        }
        let twice = ["a=1".to_owned(), "a=2".to_owned()];
        assert!(params(&twice).is_err());
    }

    #[test]
    fn mobiles_are_all_checked_and_deduplicated() {
        let given = [
            "13800138000".to_owned(),
            " 13800138000".to_owned(),
            "+85212345678".to_owned(),
        ];
        assert_eq!(mobiles(&given).map(|m| m.len()).ok(), Some(2));
        let bad = ["13800138000".to_owned(), "12345".to_owned()];
        let err = mobiles(&bad).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("`12345`")));
        assert!(mobiles(&[]).is_err());
    }
}
