//! What the personal push services (ServerChan, PushPlus, Bark) share: a `{"code":N,"message"|"msg":…}`
//! reply whose `code` alone says whether the message went out, and a title taken from the first line.

use super::{Outcome, unreadable};
use crate::transport::Reply;
use serde::Deserialize;

#[derive(Deserialize)]
struct Envelope {
    code: Option<i64>,
    message: Option<serde_json::Value>,
    msg: Option<serde_json::Value>,
}

impl Envelope {
    fn read(body: &str) -> Option<(i64, String)> {
        let envelope: Envelope = serde_json::from_str(body).ok()?;
        let text = match envelope.message.or(envelope.msg) {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => String::new(),
            // Bark has answered an APNs error object here.
            Some(other) => other.to_string(),
        };
        Some((envelope.code?, text))
    }
}

/// Reads a 2xx reply: `success` is the one accepted code, `busy` the service's "too fast" codes (retried);
/// any other code is a rejection with the service's code and message.
pub(crate) fn code_outcome(reply: &Reply, success: i64, busy: &[i64]) -> Outcome {
    match Envelope::read(&reply.body) {
        Some((code, _)) if code == success => Outcome::Accepted,
        Some((code, message)) => refused(code, message, busy),
        None => unreadable(&reply.body),
    }
}

/// Reads a 4xx reply that carries the service's envelope (Bark answers a bad device key with HTTP 400 and
/// `{"code":400,…}`, ServerChan its refusals with HTTP 400 and `{"code":40001,…}`); `None` leaves it to the
/// generic reading by status.
pub(crate) fn client_error_outcome(reply: &Reply, busy: &[i64]) -> Option<Outcome> {
    let (code, message) = Envelope::read(&reply.body)?;
    Some(refused(code, message, busy))
}

fn refused(code: i64, message: String, busy: &[i64]) -> Outcome {
    let message = if message.trim().is_empty() {
        "(no message)".to_owned()
    } else {
        message
    };
    if busy.contains(&code) {
        Outcome::Busy(format!("code {code}: {message}"))
    } else {
        Outcome::Rejected {
            code: Some(format!("code {code}")),
            message,
        }
    }
}

/// The first non-blank line without markdown heading marks, cut to `max_chars` characters (not bytes: the
/// services count characters), for a service that needs a title when none was given.
pub(crate) fn first_line(body: &str, max_chars: usize) -> String {
    let line = body
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("sendmsg");
    line.chars().take(max_chars).collect()
}

/// Refuses an option longer than the service takes, before anything is sent.
pub(crate) fn at_most(
    channel: &str,
    flag: &str,
    value: &str,
    max_chars: usize,
) -> Result<(), crate::error::Error> {
    let count = value.chars().count();
    if count > max_chars {
        return Err(crate::error::Error::bad_input(
            channel,
            format!(
                "{flag} is {count} characters; the service takes at most {max_chars}; nothing was sent"
            ),
        ));
    }
    Ok(())
}

/// A non-secret name for a credential that addresses the recipient (a send key, a device key): a short hash,
/// so distinct keys count apart for `--limit` and read apart in errors, and nothing of the key is shown.
pub(crate) fn key_label(kind: &str, key: &str) -> String {
    let digest = crate::digest::sha256_hex(key.as_bytes());
    format!("{kind}:{}", &digest[..8])
}

/// A secret that goes in a JSON body: its value (masked in print by the printer), or `***` on a dry-run
/// without one, as a secret in a URL shows.
pub(crate) fn body_secret(secret: &crate::secret::Secret) -> &str {
    match secret.expose() {
        "" => crate::secret::MASK,
        value => value,
    }
}

/// Keys are far longer; a shorter value is a typo, and could not be scrubbed from output reliably.
const MIN_KEY_LEN: usize = 8;

/// A credential as pasted: at least 8 letters, digits, `-` and `_` (no spaces, quotes, slashes or URL parts).
pub(crate) fn plain_key(key: &str) -> bool {
    key.len() >= MIN_KEY_LEN
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.into(),
            retry_after: None,
        }
    }

    #[test]
    fn only_the_success_code_is_accepted() {
        assert_eq!(
            code_outcome(
                &reply(200, r#"{"code":200,"msg":"请求成功","data":"x"}"#),
                200,
                &[]
            ),
            Outcome::Accepted
        );
        assert_eq!(
            code_outcome(&reply(200, r#"{"code":0,"message":"","data":{}}"#), 0, &[]),
            Outcome::Accepted
        );
        assert_eq!(
            code_outcome(
                &reply(200, r#"{"code":903,"msg":"无效的用户令牌"}"#),
                200,
                &[]
            ),
            Outcome::Rejected {
                code: Some("code 903".into()),
                message: "无效的用户令牌".into()
            }
        );
        assert!(matches!(
            code_outcome(&reply(200, r#"{"code":900,"msg":"限流"}"#), 200, &[900]),
            Outcome::Busy(reason) if reason == "code 900: 限流"
        ));
        assert_eq!(
            code_outcome(&reply(200, r#"{"code":0}"#), 200, &[]),
            Outcome::Rejected {
                code: Some("code 0".into()),
                message: "(no message)".into()
            }
        );
    }

    #[test]
    fn a_reply_without_a_code_may_have_been_delivered() {
        for body in ["<html>", "", r#"{"msg":"ok"}"#, r#"{"code":"200"}"#] {
            assert!(
                matches!(code_outcome(&reply(200, body), 200, &[]), Outcome::Rejected { code: None, message } if message.contains("may have been delivered")),
                "{body}"
            );
        }
    }

    #[test]
    fn a_4xx_envelope_is_read_and_anything_else_left_alone() {
        assert_eq!(
            client_error_outcome(
                &reply(
                    400,
                    r#"{"code":400,"message":"failed to get device token: not found","timestamp":1}"#
                ),
                &[]
            ),
            Some(Outcome::Rejected {
                code: Some("code 400".into()),
                message: "failed to get device token: not found".into()
            })
        );
        assert_eq!(client_error_outcome(&reply(404, "not found"), &[]), None);
    }

    #[test]
    fn the_first_line_is_cut_in_characters_not_bytes() {
        let title = first_line(&format!("\n## {}\nrest", "磁".repeat(40)), 32);
        assert_eq!(title.chars().count(), 32);
        assert_eq!(title, "磁".repeat(32));
        assert_eq!(first_line("  short  \nmore", 32), "short");
        assert!(at_most("serverchan", "--title", &"磁".repeat(32), 32).is_ok());
        assert_eq!(
            at_most("serverchan", "--title", &"磁".repeat(33), 32)
                .err()
                .map(|e| e.exit().code()),
            Some(2)
        );
    }

    #[test]
    fn labels_name_a_key_without_showing_it() {
        let label = key_label("device", "ynJ5Ft4atkMkWeo2PAvFhF");
        assert!(label.starts_with("device:") && label.len() == 15, "{label}");
        assert!(!label.contains("ynJ5"));
        assert_ne!(label, key_label("device", "ynJ5Ft4atkMkWeo2PAvFhG"));
        assert!(plain_key("SCT123456TabcDEF_-"));
        assert!(!plain_key("SCT 1abcdefg") && !plain_key("https://x/y") && !plain_key("SCT1234"));
    }
}
