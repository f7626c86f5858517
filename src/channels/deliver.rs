//! Channels turn settings and text into plain requests and read the replies; [`deliver`] drives them
//! through a transport. A channel does no I/O of its own.

use super::token::{TokenSpec, Tokens};
use crate::error::{Error, Exit, Fate, PartInfo};
use crate::output::Printer;
use crate::pacing::{Destination, Ended, Pacing};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::Budget;
use crate::transport::{Attempt, Exchange, NoReply, Reply, RetryPolicy, Transport};
use serde::Deserialize;
use std::time::SystemTime;

/// What a request may depend on besides config and text: the clock and a random nonce, passed in so
/// signatures are testable, and the access token of a channel that needs one (see [`Channel::token`]).
#[derive(Debug, Clone)]
pub(crate) struct BuildContext {
    pub now: SystemTime,
    /// Fresh for every attempt, for services that refuse a replayed request (Aliyun's signature nonce).
    pub nonce: u128,
    /// `Some` exactly when the channel has a [`TokenSpec`]; `***` on a dry-run.
    pub access_token: Option<Secret>,
}

impl BuildContext {
    /// A context at `now`, with a zero nonce and no token: for tests of request building.
    #[cfg(test)]
    pub(crate) fn at(now: SystemTime) -> Self {
        Self {
            now,
            nonce: 0,
            access_token: None,
        }
    }

    /// The real clock and a nonce from the operating system's random source.
    pub(crate) fn fresh() -> Self {
        Self {
            now: SystemTime::now(),
            nonce: crate::random::bits(),
            access_token: None,
        }
    }

    pub(crate) fn unix_secs(&self) -> u64 {
        self.now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }

    pub(crate) fn unix_millis(&self) -> u64 {
        self.now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

/// The service's verdict on one request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Accepted,
    /// Permanent: exit 1, never retried.
    Rejected {
        code: Option<String>,
        message: String,
    },
    /// The service is busy or rate-limiting: retried.
    Busy(String),
}

pub(crate) trait Channel {
    fn name(&self) -> &'static str;
    /// The size limit of one message; `max_bytes` is the user's `--max-bytes` override.
    fn budget(&self, max_bytes: Option<usize>) -> Budget;
    /// One request carrying `text`. Called again for every attempt, so a signature is always fresh.
    fn build(&self, text: &str, ctx: &BuildContext) -> HttpRequest;
    /// Reads a 2xx reply: services answer 200 even when they refuse.
    fn interpret(&self, reply: &Reply) -> Outcome;
    /// For a channel whose requests need an access token: how to get one. `build` then finds it in the
    /// context, and a reply with one of its invalid-token codes makes `deliver` fetch a new one and resend
    /// once.
    fn token(&self) -> Option<TokenSpec> {
        None
    }
    /// Something the user should know about an accepted reply (e.g. some recipients were invalid).
    fn warning(&self, _reply: &Reply) -> Option<String> {
        None
    }
    /// Who receives the message, as readable non-secret names: what `--limit` and `--dedupe` count per,
    /// and what the history shows. Sorting is done by the caller.
    fn recipients(&self) -> Vec<String> {
        Vec::new()
    }
    /// Reads a 4xx reply (but 429) for a service that explains it in its own envelope, e.g. Aliyun's
    /// `{"Code":"Throttling.User"}` on HTTP 400. `None` keeps the generic reading by status.
    fn interpret_client_error(&self, _reply: &Reply) -> Option<Outcome> {
        None
    }
    /// Reads a 5xx reply for a service that answers a refusal with one in its own envelope (bark-server's
    /// HTTP 500 `{"code":500,"message":"push failed: …"}` for a dead device key). `None` keeps it a busy
    /// reply, retried.
    fn interpret_server_error(&self, _reply: &Reply) -> Option<Outcome> {
        None
    }
    /// For a robot that takes so many messages a period: which robot it is and its vendor's pace, so each
    /// part waits for its slot ([`crate::pacing`]).
    fn destination(&self) -> Option<Destination> {
        None
    }
}

/// Everything a send needs besides the channel.
pub(crate) struct Session<'a> {
    pub transport: &'a dyn Transport,
    pub printer: Printer,
    pub retry: RetryPolicy,
    /// `None` on a dry-run and for `check`: nothing waits.
    pub pacing: Option<Pacing>,
}

/// Sends the parts in order, each through the retry loop, stopping at the first that fails. Returns the
/// accepted reply bodies (none on a dry-run), where services put their message ids.
pub(crate) fn deliver(
    channel: &dyn Channel,
    parts: &[String],
    session: &Session<'_>,
) -> Result<Vec<String>, Error> {
    let total = parts.len();
    let mut tokens = Tokens::new(channel.token());
    let mut replies = Vec::new();
    for (i, text) in parts.iter().enumerate() {
        let info = PartInfo {
            index: i + 1,
            total,
        };
        let reply = send_part(channel, text, session, &mut tokens).map_err(|e| e.in_part(info))?;
        if let Some(reply) = reply {
            if let Some(warning) = channel.warning(&reply) {
                session
                    .printer
                    .note(&format!("warning: {}: {warning}", channel.name()));
            }
            replies.push(reply.body);
        }
    }
    Ok(replies)
}

/// Sends the same parts to several recipients, one channel per recipient (for services that take one
/// recipient per request). Every recipient is tried; the error names each that failed and who did get the
/// message, with the worst exit code among them. Returns the accepted replies.
pub(crate) fn deliver_each(
    targets: &[(String, &dyn Channel)],
    parts: &[String],
    session: &Session<'_>,
) -> Result<Vec<String>, Error> {
    let mut failed: Vec<(&str, Error)> = Vec::new();
    let mut delivered: Vec<&str> = Vec::new();
    let mut replies = Vec::new();
    for (to, channel) in targets {
        match deliver(*channel, parts, session) {
            Ok(accepted) => {
                delivered.push(to);
                replies.extend(accepted);
            }
            Err(err) => failed.push((to, err)),
        }
    }
    let channel = targets.first().map_or("sendmsg", |(_, c)| c.name());
    if targets.len() == 1 {
        return failed.pop().map_or(Ok(replies), |(_, err)| Err(err));
    }
    if failed.is_empty() {
        return Ok(replies);
    }
    let worst = Exit::worst(failed.iter().map(|(_, e)| e.exit()));
    let reasons: Vec<String> = failed
        .iter()
        .map(|(to, err)| format!("{to}: {}", err.detail()))
        .collect();
    let mut message = format!(
        "{} of {} recipients failed: {}",
        failed.len(),
        targets.len(),
        reasons.join("; ")
    );
    if !delivered.is_empty() {
        message.push_str(&format!(" (delivered to {})", delivered.join(", ")));
    }
    // Kept for later only when nobody got any part: a resend then duplicates nothing.
    let never_sent = delivered.is_empty()
        && failed.iter().all(|(_, e)| {
            e.never_sent()
                && matches!(e, Error::Transient { part, .. } if part.is_none_or(|p| p.index == 1))
        });
    // The worst failure decides the variant, so the same problem exits the same with one recipient or
    // several.
    Err(match worst {
        Exit::Config => Error::config(channel, message),
        Exit::BadInput => Error::bad_input(channel, message),
        Exit::Transient => Error::Transient {
            channel,
            message,
            part: None,
            fate: if never_sent {
                Fate::NeverSent
            } else {
                Fate::MaybeDelivered
            },
        },
        Exit::Suppressed => Error::Suppressed {
            channel,
            reason: message,
        },
        Exit::Rejected | Exit::Sent => Error::Rejected {
            channel,
            code: shared_code(&failed),
            message,
            part: None,
        },
    })
}

/// When every recipient was refused with the same code, it is the service's answer for all of them: kept,
/// so the hint for it is found.
fn shared_code(failed: &[(&str, Error)]) -> Option<String> {
    match failed {
        [
            (
                _,
                Error::Rejected {
                    code: Some(first), ..
                },
            ),
            rest @ ..,
        ] if rest.iter().all(
            |(_, e)| matches!(e, Error::Rejected { code: Some(code), .. } if code == first),
        ) =>
        {
            Some(first.clone())
        }
        _ => None,
    }
}

/// How a send attempt ended when it did not fail.
enum Sent {
    /// The accepted reply; `None` for a dry-run.
    Accepted(Option<Reply>),
    /// The service refused the access token.
    TokenRefused(Reply),
}

/// One part through the retry loop; when the service refuses the token, once more with a fresh one.
fn send_part(
    channel: &dyn Channel,
    text: &str,
    session: &Session<'_>,
    tokens: &mut Tokens,
) -> Result<Option<Reply>, Error> {
    let mut refreshed = false;
    loop {
        let ctx_token = tokens.get(channel.name(), session)?;
        let sent = session.retry.run(channel.name(), session.printer, || {
            send_once(channel, text, ctx_token.clone(), tokens, session)
        })?;
        match sent {
            Sent::Accepted(reply) => return Ok(reply),
            Sent::TokenRefused(_) if !refreshed => {
                session.printer.verbose(&format!(
                    "{}: the access token was refused; fetching a new one",
                    channel.name()
                ));
                tokens.invalidate();
                refreshed = true;
            }
            Sent::TokenRefused(reply) => {
                return Err(match errcode_outcome(&reply, &[]) {
                    Outcome::Rejected { code, message } => Error::Rejected {
                        channel: channel.name(),
                        code,
                        message: format!(
                            "{message} (the access token was refused again after one refresh)"
                        ),
                        part: None,
                    },
                    _ => Error::Rejected {
                        channel: channel.name(),
                        code: None,
                        message: "the access token was refused again after one refresh".into(),
                        part: None,
                    },
                });
            }
        }
    }
}

/// One attempt.
fn send_once(
    channel: &dyn Channel,
    text: &str,
    access_token: Option<Secret>,
    tokens: &Tokens,
    session: &Session<'_>,
) -> Result<Attempt<Sent>, Error> {
    let paced = session.pacing.zip(channel.destination());
    let ticket = match &paced {
        Some((pacing, destination)) => pacing.wait(channel.name(), destination, session.printer)?,
        None => None,
    };
    // The try is over: its slot counts from now, and a busy reply pauses the destination.
    let ended = |how: Ended| {
        if let (Some((pacing, destination)), Some(ticket)) = (&paced, ticket) {
            pacing.sent(destination, ticket, how, session.printer);
        }
    };
    // Built after any wait, so a signature's timestamp is the moment of sending.
    let ctx = BuildContext {
        access_token,
        ..BuildContext::fresh()
    };
    let request = channel.build(text, &ctx);
    let reply = match session.transport.send(&request) {
        Ok(Exchange::Printed) => return Ok(Attempt::Done(Sent::Accepted(None))),
        Ok(Exchange::Replied(reply)) => reply,
        Err(no_reply) => {
            ended(Ended::Other);
            return no_reply_attempt(channel.name(), no_reply);
        }
    };
    // Every answer, for a failed send's `--json` envelope (a success carries its accepted replies).
    crate::outgoing::answered(&reply.body);
    if tokens.rejects_token(&reply.body) {
        ended(Ended::Other);
        return Ok(Attempt::Done(Sent::TokenRefused(reply)));
    }
    let outcome = classify(channel, &reply);
    ended(match outcome {
        Outcome::Busy(_) => Ended::Busy {
            retry_after: reply.retry_after,
        },
        _ => Ended::Other,
    });
    match outcome {
        Outcome::Accepted => Ok(Attempt::Done(Sent::Accepted(Some(reply)))),
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

/// A message request without a complete reply: retried only when it cannot have reached the service.
fn no_reply_attempt<T>(channel: &'static str, no_reply: NoReply) -> Result<Attempt<T>, Error> {
    let NoReply(reason, fate) = no_reply;
    match fate {
        Fate::NeverSent => Ok(Attempt::Transient {
            reason,
            retry_after: None,
        }),
        Fate::MaybeDelivered => Err(Error::Transient {
            channel,
            message: format!(
                "{reason}; the request was sent and may have been delivered; not resent"
            ),
            part: None,
            fate: Fate::MaybeDelivered,
        }),
        Fate::CutShort => Err(Error::Rejected {
            channel,
            code: None,
            message: format!("{reason}; the message may have been delivered and was not resent"),
            part: None,
        }),
        Fate::Refused => Err(Error::config(channel, reason)),
    }
}

/// The HTTP status first, then the channel's reading of the body.
pub(crate) fn classify(channel: &dyn Channel, reply: &Reply) -> Outcome {
    let client_error = (400..500).contains(&reply.status) && reply.status != 429;
    if client_error && let Some(outcome) = channel.interpret_client_error(reply) {
        return outcome;
    }
    if reply.status >= 500
        && let Some(outcome) = channel.interpret_server_error(reply)
    {
        return outcome;
    }
    http_outcome(reply, |reply| channel.interpret(reply))
}

/// The HTTP status first (429/5xx busy, other non-2xx rejected), then `interpret` on a 2xx reply.
pub(crate) fn http_outcome(reply: &Reply, interpret: impl FnOnce(&Reply) -> Outcome) -> Outcome {
    match reply.status {
        200..=299 => interpret(reply),
        429 | 500..=599 => Outcome::Busy(format!("HTTP {}", reply.status)),
        300..=399 => Outcome::Rejected {
            code: Some(format!("HTTP {}", reply.status)),
            message: "the service answered with a redirect; check the base URL".into(),
        },
        status => Outcome::Rejected {
            code: Some(format!("HTTP {status}")),
            message: snippet(&reply.body),
        },
    }
}

/// Reads the `{"errcode":N,"errmsg":"…"}` envelope shared by DingTalk, WeCom and WeChat.
/// `busy_codes` are the service's own "busy / too fast" codes, which are retried.
pub(crate) fn errcode_outcome(reply: &Reply, busy_codes: &[i64]) -> Outcome {
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

#[derive(Deserialize)]
struct Envelope {
    errcode: Option<i64>,
    errmsg: Option<String>,
}

/// A 2xx reply we cannot read may still mean the message went out: report it, never resend it.
pub(crate) fn unreadable(body: &str) -> Outcome {
    Outcome::Rejected {
        code: None,
        message: format!(
            "unreadable reply, the message may have been delivered and was not resent: {}",
            snippet(body)
        ),
    }
}

/// A robot credential given bare or as the whole webhook URL a console shows (`…/send?access_token=X`,
/// `…/send?key=X`): the value of `param` in the URL's query, else the trimmed value itself.
pub(crate) fn webhook_credential<'a>(value: &'a str, param: &str) -> &'a str {
    let value = value.trim();
    match value.split_once('?') {
        Some((_, query)) => query
            .split('&')
            .find_map(|pair| pair.strip_prefix(param)?.strip_prefix('='))
            .unwrap_or_default(),
        None => value,
    }
}

/// Where a robot's requests go when its credential may be a whole webhook URL: a pasted URL keeps its own
/// scheme, host and port (it may be a relay), and `configured` (the `*_BASE_URL` setting, `default` when
/// not set) must then agree with it, or nothing is sent (exit 3); a bare credential goes to `configured`.
pub(crate) fn webhook_base_url(
    channel: &str,
    (credential_var, value): (&str, &str),
    (base_var, configured): (&str, &str),
    default: &str,
) -> Result<String, Error> {
    let configured = crate::settings::base_url(channel, base_var, configured)?;
    let value = value.trim();
    let Some((scheme, rest)) = value.split_once("://") else {
        return Ok(configured);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let own =
        crate::settings::base_url(channel, credential_var, &format!("{scheme}://{authority}"))?;
    if configured != own && configured != default {
        return Err(Error::config(
            channel,
            format!(
                "{credential_var} is a webhook URL on {own} but {base_var} is {configured}; \
             set only one of them"
            ),
        ));
    }
    Ok(own)
}

/// The start of a reply body on one line, for error messages: redacted, then cut (see
/// [`crate::secret::excerpt`]).
pub fn snippet(body: &str) -> String {
    const MAX_CHARS: usize = 200;
    match body.trim() {
        "" => "(empty body)".into(),
        body => crate::secret::excerpt(body, MAX_CHARS),
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
    fn webhook_credentials_come_bare_or_from_the_url() {
        assert_eq!(webhook_credential(" abc ", "key"), "abc");
        let url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?debug=1&key=k-1&x=2";
        assert_eq!(webhook_credential(url, "key"), "k-1");
        assert_eq!(webhook_credential("https://h/send?access_key=z", "key"), "");
    }

    #[test]
    fn snippets_are_one_short_line() {
        assert_eq!(snippet("a\nb\r\nc"), "a b  c");
        assert_eq!(snippet(&"x".repeat(500)).chars().count(), 201);
        assert_eq!(snippet("  "), "(empty body)");
    }
}
