//! Channels turn config and text into plain requests and read the replies; [`deliver`] drives them
//! through a transport. A channel does no I/O of its own.

pub mod ding;
pub mod gewe;
pub mod sms;

use crate::error::{Error, PartInfo};
use crate::output::Printer;
use crate::request::HttpRequest;
use crate::split::Budget;
use crate::transport::{Attempt, Exchange, Reply, RetryPolicy, Transport};
use serde::Deserialize;
use std::time::SystemTime;

/// What a request may depend on besides config and text: the clock and a random nonce, passed in so
/// signatures are testable.
#[derive(Debug, Clone, Copy)]
pub struct BuildContext {
    pub now: SystemTime,
    /// Fresh for every attempt, for services that refuse a replayed request (Aliyun's signature nonce).
    pub nonce: u128,
}

impl BuildContext {
    /// The real clock and a nonce from the operating system's random source.
    pub fn fresh() -> Self {
        Self {
            now: SystemTime::now(),
            nonce: random_nonce(),
        }
    }

    pub fn unix_secs(&self) -> u64 {
        self.now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }

    pub fn unix_millis(&self) -> u64 {
        self.now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

/// 128 random bits. Should the OS refuse (it does not on any supported system), the clock and std's randomly
/// keyed hasher still make a value that does not repeat.
fn random_nonce() -> u128 {
    let mut bytes = [0u8; 16];
    if getrandom::getrandom(&mut bytes).is_ok() {
        return u128::from_le_bytes(bytes);
    }
    let fallback = |salt: u64| {
        use std::hash::{BuildHasher, RandomState};
        u128::from(RandomState::new().hash_one((SystemTime::now(), salt)))
    };
    fallback(0) << 64 | fallback(1)
}

/// The service's verdict on one request.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    /// Permanent: exit 1, never retried.
    Rejected {
        code: Option<String>,
        message: String,
    },
    /// The service is busy or rate-limiting: retried.
    Busy(String),
}

pub trait Channel {
    fn name(&self) -> &'static str;
    /// The size limit of one message; `max_bytes` is the user's `--max-bytes` override.
    fn budget(&self, max_bytes: Option<usize>) -> Budget;
    /// One request carrying `text`. Called again for every attempt, so a signature is always fresh.
    fn build(&self, text: &str, ctx: &BuildContext) -> HttpRequest;
    /// Reads a 2xx reply: services answer 200 even when they refuse.
    fn interpret(&self, reply: &Reply) -> Outcome;
    /// Reads a 4xx reply (but 429) for a service that explains it in its own envelope, e.g. Aliyun's
    /// `{"Code":"Throttling.User"}` on HTTP 400. `None` keeps the generic reading by status.
    fn interpret_client_error(&self, _reply: &Reply) -> Option<Outcome> {
        None
    }
}

/// Everything a send needs besides the channel.
pub struct Session<'a> {
    pub transport: &'a dyn Transport,
    pub printer: Printer,
    pub retry: RetryPolicy,
}

/// Sends the parts in order, each through the retry loop, stopping at the first that fails.
pub fn deliver(
    channel: &dyn Channel,
    parts: &[String],
    session: &Session<'_>,
) -> Result<(), Error> {
    let total = parts.len();
    for (i, text) in parts.iter().enumerate() {
        let info = PartInfo {
            index: i + 1,
            total,
        };
        let reply = session
            .retry
            .run(channel.name(), &session.printer, || {
                send_once(channel, text, session)
            })
            .map_err(|e| e.in_part(info))?;
        if let Some(body) = reply {
            session.printer.reply(&body);
        }
    }
    Ok(())
}

/// Sends the same parts to several recipients, one channel per recipient (for services that take one
/// recipient per request), stopping at the first failure and saying who already got the message.
pub fn deliver_each(
    targets: &[(String, &dyn Channel)],
    parts: &[String],
    session: &Session<'_>,
) -> Result<(), Error> {
    for (i, (recipient, channel)) in targets.iter().enumerate() {
        deliver(*channel, parts, session).map_err(|err| {
            let names = |range: &[(String, &dyn Channel)]| -> Vec<String> {
                range.iter().map(|(name, _)| name.clone()).collect()
            };
            err.for_recipient(recipient, &names(&targets[..i]), &names(&targets[i + 1..]))
        })?;
    }
    Ok(())
}

/// One attempt: the accepted reply body, `None` for a dry-run.
fn send_once(
    channel: &dyn Channel,
    text: &str,
    session: &Session<'_>,
) -> Result<Attempt<Option<String>>, Error> {
    let ctx = BuildContext::fresh();
    let request = channel.build(text, &ctx);
    let reply = match session.transport.send(&request) {
        Ok(Exchange::Printed) => return Ok(Attempt::Done(None)),
        Ok(Exchange::Replied(reply)) => reply,
        Err(no_reply) => {
            return Ok(Attempt::Transient {
                reason: no_reply.0,
                retry_after: None,
            });
        }
    };
    match classify(channel, &reply) {
        Outcome::Accepted => Ok(Attempt::Done(Some(reply.body))),
        Outcome::Busy(reason) => Ok(Attempt::Transient {
            reason,
            retry_after: reply.retry_after,
        }),
        Outcome::Rejected { code, message } => Err(Error::Rejected {
            channel: channel.name(),
            code,
            message,
            part: None,
        }),
    }
}

/// The HTTP status first, then the channel's reading of the body.
pub fn classify(channel: &dyn Channel, reply: &Reply) -> Outcome {
    match reply.status {
        200..=299 => channel.interpret(reply),
        429 | 500..=599 => Outcome::Busy(format!("HTTP {}", reply.status)),
        300..=399 => Outcome::Rejected {
            code: Some(format!("HTTP {}", reply.status)),
            message: "the service answered with a redirect; check the base URL".into(),
        },
        status => channel
            .interpret_client_error(reply)
            .unwrap_or_else(|| Outcome::Rejected {
                code: Some(format!("HTTP {status}")),
                message: snippet(&reply.body),
            }),
    }
}

/// Reads the `{"errcode":N,"errmsg":"…"}` envelope shared by DingTalk, WeCom and WeChat.
/// `busy_codes` are the service's own "busy / too fast" codes, which are retried.
pub fn errcode_outcome(reply: &Reply, busy_codes: &[i64]) -> Outcome {
    #[derive(Deserialize)]
    struct Envelope {
        errcode: Option<i64>,
        errmsg: Option<String>,
    }
    match serde_json::from_str::<Envelope>(&reply.body) {
        Ok(Envelope {
            errcode: Some(0), ..
        }) => Outcome::Accepted,
        Ok(Envelope {
            errcode: Some(code),
            errmsg,
        }) => {
            let message = errmsg.unwrap_or_default();
            if busy_codes.contains(&code) {
                Outcome::Busy(format!("errcode {code}: {message}"))
            } else {
                Outcome::Rejected {
                    code: Some(format!("errcode {code}")),
                    message,
                }
            }
        }
        _ => unreadable(&reply.body),
    }
}

/// A 2xx reply we cannot read may still mean the message went out: report it, never resend it.
pub fn unreadable(body: &str) -> Outcome {
    Outcome::Rejected {
        code: None,
        message: format!(
            "unreadable reply, the message may have been delivered and was not resent: {}",
            snippet(body)
        ),
    }
}

/// The start of a reply body on one line, for error messages.
pub fn snippet(body: &str) -> String {
    const MAX_CHARS: usize = 200;
    let flat: String = body
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_CHARS + 1)
        .collect();
    match flat.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None if flat.is_empty() => "(empty body)".into(),
        None => flat,
    }
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
    fn errcode_zero_is_the_only_success() {
        assert_eq!(
            errcode_outcome(&reply(200, r#"{"errcode":0,"errmsg":"ok"}"#), &[]),
            Outcome::Accepted
        );
        assert_eq!(
            errcode_outcome(
                &reply(200, r#"{"errcode":310000,"errmsg":"sign not match"}"#),
                &[]
            ),
            Outcome::Rejected {
                code: Some("errcode 310000".into()),
                message: "sign not match".into()
            }
        );
        assert!(matches!(
            errcode_outcome(
                &reply(200, r#"{"errcode":130101,"errmsg":"send too fast"}"#),
                &[130101]
            ),
            Outcome::Busy(_)
        ));
    }

    #[test]
    fn an_unreadable_2xx_is_a_rejection_that_warns_of_delivery() {
        for body in [
            "<html>gateway</html>",
            "",
            r#"{"errmsg":"no code"}"#,
            r#"{"errcode":"zero"}"#,
        ] {
            let outcome = errcode_outcome(&reply(200, body), &[]);
            assert!(
                matches!(&outcome, Outcome::Rejected { code: None, message } if message.contains("may have been delivered")),
                "{body}: {outcome:?}"
            );
        }
    }

    #[test]
    fn snippets_are_one_short_line() {
        assert_eq!(snippet("a\nb\r\nc"), "a b  c");
        assert_eq!(snippet(&"x".repeat(500)).chars().count(), 201);
        assert_eq!(snippet("  "), "(empty body)");
    }
}
