//! A send that has passed every check and waits only to go out, and the one door every channel's send goes
//! through: `--limit`/`--dedupe` before it, the history record after it. A channel supplies its target and
//! a closure that does the sending (HTTP through `channels::deliver`, or anything else, like SMTP), and gets
//! limits, dedupe and history without code of its own.

use crate::digest::sha256_hex;
use crate::error::Error;
use crate::guard::{self, Rules, Settled};
use crate::history;
use crate::output::Printer;

/// Who a send goes to: the channel and its recipients, sorted so their order on the command line does not
/// matter. Recipients are names a person can read, never credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub channel: &'static str,
    pub recipients: Vec<String>,
}

impl Target {
    pub(crate) fn new(channel: &'static str, mut recipients: Vec<String>) -> Self {
        recipients.sort();
        recipients.dedup();
        Self {
            channel,
            recipients,
        }
    }

    /// The ledger key: `--limit-key` when given (still per channel), else the recipients.
    pub(crate) fn key(&self, rules: &Rules) -> String {
        match &rules.key {
            Some(key) => format!("{} key:{key}", self.channel),
            None => format!("{} to:{}", self.channel, self.recipients.join(",")),
        }
    }
}

/// What the service said about a delivered message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Delivery {
    /// The service's message ids, when its replies carry any.
    pub message_ids: Vec<String>,
}

impl Delivery {
    /// Reads the message ids out of the accepted reply bodies.
    pub(crate) fn from_replies(replies: &[String]) -> Self {
        Self {
            message_ids: replies.iter().filter_map(|r| message_id(r)).collect(),
        }
    }
}

type SendFn = Box<dyn FnOnce() -> Result<Delivery, Error>>;

/// A validated send: everything that can fail before the first request already has.
pub(crate) struct Outgoing {
    pub target: Target,
    /// The text as the channel sends it (before any split).
    pub body: String,
    /// How many requests it takes.
    pub parts: usize,
    /// What `--dedupe` compares; the body unless set (`run` leaves out its duration and output).
    identity: Option<String>,
    send: SendFn,
}

impl Outgoing {
    pub(crate) fn new(
        target: Target,
        body: String,
        parts: usize,
        send: impl FnOnce() -> Result<Delivery, Error> + 'static,
    ) -> Self {
        Self {
            target,
            body,
            parts,
            identity: None,
            send: Box::new(send),
        }
    }

    pub(crate) fn with_identity(mut self, identity: &str) -> Self {
        self.identity = Some(identity.to_owned());
        self
    }

    /// Sends under the rules and records the attempt. A dry-run says what the rules would decide and
    /// records nothing.
    pub(crate) fn send(self, rules: &Rules, dry_run: bool, printer: Printer) -> Result<(), Error> {
        let Outgoing {
            target,
            body,
            parts,
            identity,
            send,
        } = self;
        let key = target.key(rules);
        let fingerprint = sha256_hex(identity.as_deref().unwrap_or(&body).as_bytes());
        if dry_run {
            guard::preview(rules, target.channel, &key, &fingerprint, printer);
            return send().map(drop);
        }
        let record = |result: &Result<Delivery, Error>| {
            let attempt = history::Attempt {
                target: &target,
                limit_key: rules.key.as_deref(),
                body: &body,
                parts,
                result,
            };
            history::append(&attempt, printer);
        };
        let ticket = match guard::admit(rules, target.channel, &key, &fingerprint, printer) {
            Ok(ticket) => ticket,
            Err(suppressed) => {
                let result = Err(suppressed);
                record(&result);
                return result.map(drop);
            }
        };
        let result = send();
        if let Some(ticket) = ticket {
            guard::settle(ticket, settled(&result), printer);
        }
        record(&result);
        result.map(drop)
    }
}

/// Whether the service saw the request: only then does it count against `--limit`.
fn settled(result: &Result<Delivery, Error>) -> Settled {
    match result {
        Ok(_) => Settled::Accepted,
        Err(Error::Rejected { .. }) => Settled::Rejected,
        // A later part failing means the earlier ones were delivered.
        Err(Error::Transient {
            part: Some(part), ..
        }) if part.index > 1 => Settled::Rejected,
        Err(_) => Settled::NotReached,
    }
}

/// The field names services use for the id of a message they accepted (WeCom `msgid`, GeWe `newMsgId`,
/// Aliyun `BizId`, Tencent `SerialNo`…), looked for a few levels deep.
const ID_FIELDS: &[&str] = &[
    "msgid",
    "msgId",
    "message_id",
    "messageId",
    "MessageId",
    "newMsgId",
    "BizId",
    "SerialNo",
    "RequestId",
];

fn message_id(reply: &str) -> Option<String> {
    fn find(value: &serde_json::Value, depth: u8) -> Option<String> {
        use serde_json::Value;
        match value {
            Value::Object(map) => ID_FIELDS
                .iter()
                .find_map(|field| match map.get(*field) {
                    Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                })
                .or_else(|| {
                    (depth > 0)
                        .then(|| map.values().find_map(|v| find(v, depth - 1)))
                        .flatten()
                }),
            Value::Array(items) if depth > 0 => items.iter().find_map(|v| find(v, depth - 1)),
            _ => None,
        }
    }
    find(&serde_json::from_str(reply).ok()?, 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::PartInfo;

    #[test]
    fn targets_ignore_recipient_order_and_an_explicit_key_replaces_them() {
        let a = Target::new("sms", vec!["b".into(), "a".into(), "b".into()]);
        let b = Target::new("sms", vec!["a".into(), "b".into()]);
        assert_eq!(a, b);
        assert_eq!(a.key(&Rules::default()), "sms to:a,b");
        let keyed = Rules {
            key: Some("backup".into()),
            ..Rules::default()
        };
        assert_eq!(a.key(&keyed), "sms key:backup");
    }

    #[test]
    fn message_ids_come_from_the_services_own_fields() {
        assert_eq!(
            message_id(r#"{"errcode":0,"errmsg":"ok","msgid":"MSGID123"}"#).as_deref(),
            Some("MSGID123")
        );
        assert_eq!(
            message_id(r#"{"ret":200,"data":{"newMsgId":7000000000001}}"#).as_deref(),
            Some("7000000000001")
        );
        assert_eq!(
            message_id(r#"{"Response":{"SendStatusSet":[{"SerialNo":"2019:1"}]}}"#).as_deref(),
            Some("2019:1")
        );
        assert_eq!(message_id(r#"{"errcode":0,"errmsg":"ok"}"#), None);
        assert_eq!(message_id("not json"), None);
    }

    #[test]
    fn only_a_request_the_service_saw_counts_against_the_limit() {
        let transient = |index| Error::Transient {
            channel: "ding",
            message: "timed out".into(),
            part: Some(PartInfo { index, total: 2 }),
        };
        assert_eq!(settled(&Ok(Delivery::default())), Settled::Accepted);
        assert_eq!(settled(&Err(transient(2))), Settled::Rejected);
        assert_eq!(settled(&Err(transient(1))), Settled::NotReached);
        assert_eq!(
            settled(&Err(Error::Config("x".into()))),
            Settled::NotReached
        );
    }
}
