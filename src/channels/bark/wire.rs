//! Bark (iOS push): `POST {base}/push` with one device key per request; success is `code` 200.

use crate::channels::pushes::{body_secret, client_error_outcome, code_outcome, key_label};
use crate::channels::{BuildContext, Channel, Outcome};
use crate::request::HttpRequest;
use crate::secret::Secret;
use crate::split::{Budget, Cost};
use crate::transport::Reply;
use serde::Serialize;

pub(crate) const DEFAULT_BASE_URL: &str = "https://api.day.app";

/// APNs refuses a notification payload over 4096 bytes (JSON as sent to Apple).
const APNS_MAX_PAYLOAD: usize = 4096;

/// What bark-server adds around our fields in that payload (`aps`, `alert`, category, sound, badge…).
const APNS_ENVELOPE: usize = 256;

/// Bark has no busy code.
const BUSY_CODES: &[i64] = &[];

/// How the notification interrupts (iOS interruption levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Level {
    /// The default: sound and banner
    Active,
    /// Breaks through Focus modes
    #[value(name = "timeSensitive")]
    TimeSensitive,
    /// Added to the list silently
    Passive,
    /// Sounds even when muted (needs the critical-alert permission)
    Critical,
}

/// One device and the notification's options.
#[derive(Debug, Clone)]
pub(crate) struct Bark {
    pub device_key: Secret,
    pub base_url: String,
    pub title: Option<String>,
    pub group: Option<String>,
    pub level: Option<Level>,
    pub url: Option<String>,
    pub sound: Option<String>,
}

/// The device key travels in the body; the printer masks its value in a dry-run line like every
/// registered secret (see `crate::secret`).
#[derive(Serialize)]
struct Message<'a> {
    device_key: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<Level>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sound: Option<&'a str>,
}

impl Bark {
    fn message<'a>(&'a self, body: &'a str) -> Message<'a> {
        Message {
            device_key: body_secret(&self.device_key),
            title: self.title.as_deref(),
            body,
            group: self.group.as_deref(),
            level: self.level,
            url: self.url.as_deref(),
            sound: self.sound.as_deref(),
        }
    }

    /// `GET {base}/register/{key}`: whether the server knows the device, without pushing anything.
    pub(crate) fn registration_check(&self) -> HttpRequest {
        let url = format!("{}/register/{}", self.base_url, self.device_key.expose());
        HttpRequest::get("bark", url)
    }

    pub(crate) fn label(&self) -> String {
        key_label("device", self.device_key.expose())
    }
}

impl Channel for Bark {
    fn name(&self) -> &'static str {
        "bark"
    }

    /// The body goes into Apple's 4 KB payload with the title and options beside it.
    fn budget(&self, max_bytes: Option<usize>) -> Budget {
        let envelope = serde_json::to_string(&self.message("")).map_or(0, |s| s.len());
        Budget {
            max: max_bytes.unwrap_or_else(|| {
                APNS_MAX_PAYLOAD
                    .saturating_sub(APNS_ENVELOPE)
                    .saturating_sub(envelope)
            }),
            cost: Cost::JsonEscaped,
        }
    }

    fn build(&self, text: &str, _ctx: &BuildContext) -> HttpRequest {
        let url = format!("{}/push", self.base_url);
        HttpRequest::post_json(self.name(), url, &self.message(text))
    }

    fn interpret(&self, reply: &Reply) -> Outcome {
        code_outcome(reply, 200, BUSY_CODES)
    }

    /// A device key the server does not know is HTTP 400 with Bark's envelope.
    fn interpret_client_error(&self, reply: &Reply) -> Option<Outcome> {
        client_error_outcome(reply, BUSY_CODES)
    }

    /// bark-server answers every failed push (a dead or wrong device key among them) with HTTP 500 and its
    /// envelope `{"code":500,"message":"push failed: …"}` (upstream-apis.md 8e): the push service's
    /// verdict, shown and not retried. A 5xx without the envelope (a proxy's) stays a busy reply.
    fn interpret_server_error(&self, reply: &Reply) -> Option<Outcome> {
        client_error_outcome(reply, BUSY_CODES)
    }

    fn recipients(&self) -> Vec<String> {
        vec![self.label()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    fn bark() -> Bark {
        Bark {
            device_key: Secret::new("ynJ5Ft4atkMkWeo2PAvFhF"),
            base_url: DEFAULT_BASE_URL.into(),
            title: None,
            group: None,
            level: None,
            url: None,
            sound: None,
        }
    }

    #[test]
    fn the_request_has_the_service_shape() {
        let ctx = BuildContext::at(SystemTime::UNIX_EPOCH);
        let req = bark().build("disk full", &ctx);
        assert_eq!(req.wire_url(), "https://api.day.app/push");
        assert_eq!(
            req.body.as_deref(),
            Some(r#"{"device_key":"ynJ5Ft4atkMkWeo2PAvFhF","body":"disk full"}"#)
        );
        let full = Bark {
            title: Some("web-1".into()),
            group: Some("ops".into()),
            level: Some(Level::TimeSensitive),
            url: Some("https://status.example.com".into()),
            sound: Some("minuet".into()),
            ..bark()
        };
        assert_eq!(
            full.build("x", &ctx).body.as_deref(),
            Some(
                r#"{"device_key":"ynJ5Ft4atkMkWeo2PAvFhF","title":"web-1","body":"x","group":"ops","level":"timeSensitive","url":"https://status.example.com","sound":"minuet"}"#
            )
        );
        assert_eq!(
            full.registration_check().wire_url(),
            "https://api.day.app/register/ynJ5Ft4atkMkWeo2PAvFhF"
        );
    }

    #[test]
    fn the_budget_leaves_room_for_apples_payload() {
        let plain = bark().budget(None);
        let envelope = r#"{"device_key":"ynJ5Ft4atkMkWeo2PAvFhF","body":""}"#.len();
        assert_eq!(plain.max, 4096 - 256 - envelope);
        assert_eq!(plain.cost, Cost::JsonEscaped);
        let titled = Bark {
            title: Some("t".repeat(100)),
            ..bark()
        };
        assert!(titled.budget(None).max < plain.max);
        assert_eq!(bark().budget(Some(9000)).max, 9000);
    }

    #[test]
    fn code_200_is_success_and_an_unknown_device_a_rejection() {
        let reply = |status, body: &str| Reply {
            status,
            body: body.into(),
            retry_after: None,
        };
        let b = bark();
        assert_eq!(
            b.interpret(&reply(
                200,
                r#"{"code":200,"message":"success","timestamp":1700000000}"#
            )),
            Outcome::Accepted
        );
        assert!(matches!(
            b.interpret_client_error(&reply(400, r#"{"code":400,"message":"failed to get device token: failed to get [x] device token from database","timestamp":1}"#)),
            Some(Outcome::Rejected { code: Some(c), .. }) if c == "code 400"
        ));
    }
}
