//! Server酱 (ServerChan): Turbo (`sctapi.ftqq.com`) and Server酱³ (`{N}.push.ft07.com`), chosen by the key.

use crate::channels::pushes::{client_error_outcome, code_outcome, key_label};
use crate::channels::{BuildContext, Channel, Outcome};
use crate::error::Error;
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use serde::Serialize;

pub(crate) const TURBO_BASE_URL: &str = "https://sctapi.ftqq.com";

/// `desp` holds at most 32 KB of markdown.
const MAX_DESP_BYTES: usize = 32 * 1024;

/// The title shows in the push and the message list: at most 32 characters.
pub(crate) const MAX_TITLE_CHARS: usize = 32;

/// `short`, the card text: at most 64 characters.
pub(crate) const MAX_SHORT_CHARS: usize = 64;

/// No busy code is known: a rate limit (40001 "超过当天的发送次数限制") lasts the day, so it is not retried.
const BUSY_CODES: &[i64] = &[];

/// Where a send key sends to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// Server酱 Turbo: `https://sctapi.ftqq.com/{key}.send`.
    Turbo,
    /// Server酱³: a key `sctp{N}t…` goes to `https://{N}.push.ft07.com/send/{key}.send`.
    Sc3 { uid: String },
}

impl Route {
    /// The route a key implies; a key that starts `sctp` without `{N}t` is a Server酱³ key copied wrong.
    pub(crate) fn of(key: &str) -> Result<Self, Error> {
        let Some(rest) = key.strip_prefix("sctp") else {
            return Ok(Route::Turbo);
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || !rest[digits.len()..].starts_with('t') {
            return Err(Error::config(
                "serverchan",
                "SERVERCHAN_SENDKEY starts with sctp but is not a Server酱³ key (sctp{N}t…): copy it again from the SendKey page",
            ));
        }
        Ok(Route::Sc3 { uid: digits })
    }

    fn base_url(&self) -> String {
        match self {
            Route::Turbo => TURBO_BASE_URL.to_owned(),
            Route::Sc3 { uid } => format!("https://{uid}.push.ft07.com"),
        }
    }

    fn path(&self, key: &str) -> String {
        match self {
            Route::Turbo => format!("/{key}.send"),
            Route::Sc3 { .. } => format!("/send/{key}.send"),
        }
    }
}

/// A send key and the message's title and card text.
#[derive(Debug, Clone)]
pub(crate) struct ServerChan {
    pub sendkey: Secret,
    pub route: Route,
    /// `SERVERCHAN_BASE_URL`: replaces the scheme and host the key implies.
    pub base_url: Option<String>,
    pub title: String,
    pub short: Option<String>,
}

#[derive(Serialize)]
struct Message<'a> {
    title: &'a str,
    desp: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short: Option<&'a str>,
}

impl ServerChan {
    /// The endpoint, key included. The key is a [`Secret`], so every printed form of this URL is masked by
    /// the printer's redaction (see `crate::secret`), dry-run and `-v` alike.
    pub(crate) fn url(&self) -> String {
        let base = self
            .base_url
            .clone()
            .unwrap_or_else(|| self.route.base_url());
        format!("{base}{}", self.route.path(self.sendkey.expose()))
    }
}

impl Channel for ServerChan {
    fn name(&self) -> &'static str {
        "serverchan"
    }

    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        Budget {
            max: max_bytes.unwrap_or(MAX_DESP_BYTES),
            cost: Cost::Utf8,
        }
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let message = Message {
            title: &self.title,
            desp: text,
            short: self.short.as_deref(),
        };
        HttpRequest::post_json(self.name(), self.url(), &message)
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        code_outcome(reply, 0, BUSY_CODES)
    }

    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        client_error_outcome(reply, BUSY_CODES)
    }

    fn recipients(&self) -> Vec<String> {
        vec![key_label("sendkey", self.sendkey.expose())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn chan(key: &str, base_url: Option<&str>) -> ServerChan {
        ServerChan {
            sendkey: Secret::new(key),
            route: Route::of(key).expect("a valid key"),
            base_url: base_url.map(str::to_owned),
            title: "backup".into(),
            short: None,
        }
    }

    #[test]
    fn keys_route_to_turbo_or_server_chan_3() {
        assert_eq!(
            chan("SCT123456TabcdefGHIJ", None).url(),
            "https://sctapi.ftqq.com/SCT123456TabcdefGHIJ.send"
        );
        assert_eq!(
            chan("sctp8842tXyZ0123abc", None).url(),
            "https://8842.push.ft07.com/send/sctp8842tXyZ0123abc.send"
        );
        assert_eq!(
            chan("sctp8842tXyZ0123abc", Some("http://127.0.0.1:9")).url(),
            "http://127.0.0.1:9/send/sctp8842tXyZ0123abc.send"
        );
        assert_eq!(
            chan("SCT1TurboKey", Some("http://127.0.0.1:9")).url(),
            "http://127.0.0.1:9/SCT1TurboKey.send"
        );
        for bad in ["sctpXt123", "sctp12x", "sctp"] {
            assert_eq!(
                Route::of(bad).err().map(|e| e.exit().code()),
                Some(3),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_request_has_the_service_shape() {
        let mut sc = chan("SCT123456TabcdefGHIJ", None);
        let req = sc.build("**disk** full", &BuildContext::at(SystemTime::UNIX_EPOCH));
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"title":"backup","desp":"**disk** full"}"#)
        );
        sc.short = Some("disk".into());
        let req = sc.build("x", &BuildContext::at(SystemTime::UNIX_EPOCH));
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"title":"backup","desp":"x","short":"disk"}"#)
        );
        assert_eq!(
            sc.budget(None),
            Budget {
                max: 32_768,
                cost: Cost::Utf8
            }
        );
        assert_eq!(sc.budget(Some(100)).max, 100);
    }

    #[test]
    fn code_zero_is_success_and_a_400_envelope_is_read() {
        let sc = chan("SCT123456TabcdefGHIJ", None);
        let reply = |status, body: &str| Reply {
            status,
            body: body.into(),
            retry_after: None,
        };
        assert_eq!(
            sc.interpret(&reply(
                200,
                r#"{"code":0,"message":"","data":{"pushid":"1"}}"#
            )),
            Outcome::Accepted
        );
        let refused = Outcome::Rejected {
            code: Some("code 40001".into()),
            message: "bad pushtoken".into(),
        };
        let body = r#"{"code":40001,"message":"bad pushtoken","data":null}"#;
        assert_eq!(sc.interpret(&reply(200, body)), refused);
        assert_eq!(sc.interpret_client_error(&reply(400, body)), Some(refused));
    }
}
