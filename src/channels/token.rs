//! The access-token step of the channels that need one (WeCom app, WeChat Official Account): get a token
//! from the disk cache or the service, hand it to `build`, and replace it once when the service says it is
//! invalid or expired. Dry-runs fetch nothing and show the token as `***`.

use super::{Outcome, Session, errcode_outcome, http_outcome, unreadable};
use crate::error::Error;
use crate::error::Fate;
use crate::hints::Code::Exact;
use crate::hints::Hint;
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::token_cache::{CacheKey, CachedToken, TokenCache};
use crate::transport::{Attempt, Exchange, NoReply, Reply};
use serde::Deserialize;
use std::time::{Duration, SystemTime};

/// How a channel gets its token.
#[derive(Debug, Clone)]
pub(crate) struct TokenSpec {
    /// Whose token it is; see [`CacheKey`].
    pub cache_key: CacheKey,
    /// The token request (gettoken, cgi-bin/token), its secret parameters masked like any other.
    pub request: HttpRequest,
    /// The service's "busy" codes on the token request, retried like a network error.
    pub busy_codes: &'static [i64],
    /// The codes that mean "this token is invalid or expired" on the message request.
    pub invalid_codes: &'static [i64],
}

/// The token of one channel for the length of a send.
pub(crate) struct Tokens {
    spec: Option<TokenSpec>,
    current: Option<Secret>,
    cache: Option<TokenCache>,
}

impl Tokens {
    pub(crate) fn new(spec: Option<TokenSpec>) -> Self {
        let cache = spec.as_ref().and_then(|_| TokenCache::from_env());
        Self {
            spec,
            current: None,
            cache,
        }
    }

    /// The token to build with: `None` for a channel without one, `***` on a dry-run.
    pub(crate) fn get(
        &mut self,
        channel: &'static str,
        session: &Session<'_>,
    ) -> Result<Option<Secret>, Error> {
        let Some(spec) = &self.spec else {
            return Ok(None);
        };
        if session.transport.is_dry_run() {
            return Ok(Some(Secret::default()));
        }
        if let Some(token) = &self.current {
            return Ok(Some(token.clone()));
        }
        if let Some(shared) = crate::shared_state::get(session.printer)
            && let Some(token) = from_shared(channel, spec, session, shared)?
        {
            self.current = Some(token.clone());
            return Ok(Some(token));
        }
        let load = |cache: &TokenCache| cache.load(&spec.cache_key, SystemTime::now());
        let mut cached = self.cache.as_ref().and_then(load);
        // Held until the token is stored: concurrent cold runs wait here and find it in the cache.
        let mut _fetching = None;
        if cached.is_none()
            && let Some(cache) = &self.cache
        {
            _fetching = cache.lock(&spec.cache_key, session.transport.timeout());
            cached = load(cache);
        }
        let token = if let Some(cached) = cached {
            session
                .printer
                .verbose(&format!("{channel}: access token from the cache"));
            cached.token
        } else {
            let fetched = fetch(channel, spec, session)?;
            if let Some(cache) = &self.cache
                && let Err(e) = cache.store(&spec.cache_key, &fetched)
            {
                session
                    .printer
                    .verbose(&format!("{channel}: cannot cache the access token: {e}"));
            }
            fetched.token
        };
        self.current = Some(token.clone());
        Ok(Some(token))
    }

    /// Whether `reply` says the token is invalid or expired.
    pub(crate) fn rejects_token(&self, reply_body: &str) -> bool {
        self.spec.as_ref().is_some_and(|spec| {
            refusal_code(reply_body).is_some_and(|code| spec.invalid_codes.contains(&code))
        })
    }

    /// Forgets the token, here, on disk and in the shared state, so the next [`Tokens::get`] fetches a
    /// new one.
    pub(crate) fn invalidate(&mut self) {
        self.current = None;
        if let (Some(spec), Some(shared)) = (
            &self.spec,
            crate::shared_state::get(crate::output::Printer::default()),
        ) {
            shared.remove(
                &spec.cache_key.shared_name(),
                crate::output::Printer::default(),
            );
        }
        if let (Some(spec), Some(cache)) = (&self.spec, &self.cache) {
            cache.remove(&spec.cache_key);
        }
    }
}

/// The token from the shared state (`SENDMSG_STATE`), fetched by one process of the whole fleet while
/// the others wait on its lock (at most `--timeout`, then they fetch for themselves). `None` when the
/// shared state failed (warned): the local cache is used then.
fn from_shared(
    channel: &'static str,
    spec: &TokenSpec,
    session: &Session<'_>,
    shared: &crate::shared_state::Shared,
) -> Result<Option<Secret>, Error> {
    let printer = session.printer;
    let name = spec.cache_key.shared_name();
    let cached = || {
        shared
            .read(&name, printer)
            .map(|bytes| bytes.and_then(|b| CachedToken::from_bytes(&b, SystemTime::now())))
    };
    let Ok(found) = cached() else {
        return Ok(None);
    };
    if let Some(found) = found {
        printer.verbose(&format!("{channel}: access token from the shared state"));
        return Ok(Some(found.token));
    }
    let lease = session.transport.timeout() * 2;
    let Ok(held) = shared.lock(&name, lease, printer) else {
        return Ok(None);
    };
    if let Ok(Some(found)) = cached() {
        printer.verbose(&format!("{channel}: access token from the shared state"));
        return Ok(Some(found.token));
    }
    let fetched = fetch(channel, spec, session)?;
    let ttl = fetched
        .expires_at
        .duration_since(SystemTime::now())
        .unwrap_or_default();
    // Not kept (warned) if Redis failed meanwhile: the token is still good for this run.
    let _ = shared.write(&name, &fetched.to_bytes(), ttl, printer);
    drop(held);
    Ok(Some(fetched.token))
}

/// Asks the service for a token, through the same retries as any request.
fn fetch(
    channel: &'static str,
    spec: &TokenSpec,
    session: &Session<'_>,
) -> Result<CachedToken, Error> {
    session.retry.run(channel, session.printer, || {
        let reply = match session.transport.send(&spec.request) {
            Ok(Exchange::Replied(reply)) => reply,
            // `Tokens::get` never fetches on a dry-run; a transport that only prints has no token to give.
            Ok(Exchange::Printed) => {
                return Err(Error::config(
                    channel,
                    "an access token cannot be fetched on a dry-run",
                ));
            }
            // A token request changes nothing at the service, so only a refusal is final.
            Err(NoReply(reason, Fate::Refused)) => {
                return Err(Error::config(channel, reason));
            }
            Err(NoReply(reason, _)) => {
                return Ok(Attempt::Transient {
                    reason: format!("access token: {reason}"),
                    retry_after: None,
                });
            }
        };
        let mut issued = None;
        let outcome = http_outcome(&reply, |reply| {
            let (outcome, token) = read_token(reply, spec.busy_codes);
            issued = token;
            outcome
        });
        match (outcome, issued) {
            (Outcome::Accepted, Some(token)) => Ok(Attempt::Done(token)),
            (Outcome::Busy(reason), _) => Ok(Attempt::Transient {
                reason: format!("access token: {reason}"),
                retry_after: reply.retry_after,
            }),
            (Outcome::Rejected { code, message }, _) => Err(Error::Rejected {
                channel,
                code,
                message: format!("cannot get an access token: {message}"),
                part: None,
            }),
            (Outcome::Accepted, None) => Err(Error::Rejected {
                channel,
                code: None,
                message: "cannot get an access token: the reply holds none".into(),
                part: None,
            }),
        }
    })
}

/// The code of a reply that may refuse the token: WeCom's and WeChat's `errcode`, Feishu's `code`.
fn refusal_code(body: &str) -> Option<i64> {
    #[derive(Deserialize)]
    struct Codes {
        errcode: Option<i64>,
        code: Option<i64>,
    }
    let codes: Codes = serde_json::from_str(body).ok()?;
    codes.errcode.or(codes.code)
}

/// WeCom answers `{"errcode":0,"access_token":…,"expires_in":…}`, WeChat the same without `errcode`, and
/// Feishu `{"code":0,"msg":"ok","tenant_access_token":…,"expire":…}`.
fn read_token(reply: &Reply, busy_codes: &[i64]) -> (Outcome, Option<CachedToken>) {
    #[derive(Deserialize)]
    struct Issued {
        #[serde(alias = "tenant_access_token")]
        access_token: Option<String>,
        #[serde(alias = "expire")]
        expires_in: Option<u64>,
        errcode: Option<i64>,
        code: Option<i64>,
        msg: Option<String>,
    }
    if let Ok(Issued {
        code: Some(code),
        msg,
        errcode: None,
        ..
    }) = serde_json::from_str::<Issued>(&reply.body)
        && code != 0
    {
        let message = msg.unwrap_or_default();
        return if busy_codes.contains(&code) {
            (Outcome::Busy(format!("code {code}: {message}")), None)
        } else {
            let code = Some(format!("code {code}"));
            (Outcome::Rejected { code, message }, None)
        };
    }
    match serde_json::from_str::<Issued>(&reply.body) {
        Ok(Issued {
            access_token: Some(token),
            expires_in,
            errcode: None | Some(0),
            code: None | Some(0),
            ..
        }) if !token.is_empty() => {
            // Without a lifetime the token is used for this run only.
            let lifetime = Duration::from_secs(expires_in.unwrap_or(0));
            let token = CachedToken::new(Secret::new(token), lifetime, SystemTime::now());
            (Outcome::Accepted, Some(token))
        }
        Ok(Issued {
            errcode: Some(code),
            ..
        }) if code != 0 => (errcode_outcome(reply, busy_codes), None),
        _ => (unreadable(&reply.body), None),
    }
}

/// The access-token codes WeCom and WeChat share.
pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("errcode 40014"),
        remedy: "the access token is invalid: a token from another app or a stale cache; delete $XDG_CACHE_HOME/sendmsg and try again",
    },
    Hint {
        code: Exact("errcode 42001"),
        remedy: "the access token expired and a fresh one was refused too: check that only one Secret is used per app, then try again",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(body: &str) -> Reply {
        Reply {
            status: 200,
            body: body.into(),
            retry_after: None,
        }
    }

    #[test]
    fn both_token_reply_shapes_are_read() {
        let wecom =
            r#"{"errcode":0,"errmsg":"ok","access_token":"wecom-issued-token","expires_in":7200}"#;
        let wechat = r#"{"access_token":"wechat-issued-token","expires_in":7200}"#;
        for body in [wecom, wechat] {
            let (outcome, token) = read_token(&reply(body), &[]);
            assert_eq!(outcome, Outcome::Accepted);
            assert!(token.is_some_and(|t| t.expires_at > SystemTime::now()));
        }
    }

    #[test]
    fn a_feishu_tenant_token_and_its_errors_are_read() {
        let (outcome, token) = read_token(
            &reply(r#"{"code":0,"msg":"ok","tenant_access_token":"t-feishu","expire":7200}"#),
            &[],
        );
        assert_eq!(outcome, Outcome::Accepted);
        assert!(token.is_some_and(|t| t.token.expose() == "t-feishu"));
        let (refused, none) =
            read_token(&reply(r#"{"code":10014,"msg":"app secret invalid"}"#), &[]);
        assert!(none.is_none());
        assert_eq!(
            refused,
            Outcome::Rejected {
                code: Some("code 10014".into()),
                message: "app secret invalid".into()
            }
        );
        assert_eq!(
            refusal_code(r#"{"code":99991663,"msg":"token invalid"}"#),
            Some(99991663)
        );
    }

    #[test]
    fn token_errors_keep_the_services_code() {
        let (outcome, token) = read_token(
            &reply(r#"{"errcode":40001,"errmsg":"invalid credential"}"#),
            &[-1],
        );
        assert!(token.is_none());
        assert_eq!(
            outcome,
            Outcome::Rejected {
                code: Some("errcode 40001".into()),
                message: "invalid credential".into()
            }
        );
        let (busy, _) = read_token(&reply(r#"{"errcode":-1,"errmsg":"system busy"}"#), &[-1]);
        assert!(matches!(busy, Outcome::Busy(_)));
        let (odd, _) = read_token(&reply(r#"{"access_token":""}"#), &[]);
        assert!(matches!(odd, Outcome::Rejected { code: None, .. }));
    }
}
