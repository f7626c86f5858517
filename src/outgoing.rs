//! A send that has passed every check and waits only to go out, and the one door every channel's send goes
//! through: `--limit`/`--dedupe` before it, the history record after it. A channel supplies its target and
//! a closure that does the sending (HTTP through `channels::deliver`, or anything else, like SMTP), and gets
//! limits, dedupe and history without code of its own.

use crate::digest::sha256_hex;
use crate::error::Error;
use crate::guard::{self, Rules, Settled};
use crate::history;
pub(crate) use crate::history::{Delivery, Target};
use crate::output::Printer;

/// What `--json` prints for one send, success or failure: one line per channel or target. Built in one
/// place, [`Envelope::of`], from what [`Outgoing::send`] knows; `target` and `queued` are filled by the
/// named targets and the outbox.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct Envelope {
    pub channel: String,
    /// The named target (`config.toml [targets.NAME]`) the send went to, if any.
    pub target: Option<String>,
    pub ok: bool,
    pub exit: u8,
    pub parts: usize,
    pub recipients: Vec<String>,
    pub replies: Vec<serde_json::Value>,
    /// The error line without `sendmsg: error: `.
    pub error: Option<String>,
    pub hint: Option<String>,
    /// The outbox id of a message kept for a later retry.
    pub queued: Option<String>,
}

impl Envelope {
    /// A success with no replies yet: the fields every envelope of `target` shares.
    fn to(target: &Target, parts: usize) -> Self {
        Self {
            channel: target.channel.to_owned(),
            target: None,
            ok: true,
            exit: 0,
            parts,
            recipients: target.recipients.clone(),
            replies: Vec::new(),
            error: None,
            hint: None,
            queued: None,
        }
    }

    /// A failure with exit code `exit` and the error line `error`.
    fn failed(self, exit: u8, error: String, hint: Option<&str>) -> Self {
        Self {
            ok: false,
            exit,
            error: Some(error),
            hint: hint.map(str::to_owned),
            ..self
        }
    }

    /// The envelope of a send to `target` in `parts` requests that ended in `result`.
    pub(crate) fn of(target: &Target, parts: usize, result: Result<&Delivery, &Error>) -> Self {
        let envelope = Self::to(target, parts);
        match result {
            Ok(delivery) => Self {
                replies: delivery.replies.clone(),
                ..envelope
            },
            Err(err) => envelope.failed(
                err.exit_code(),
                err.to_string(),
                crate::hints::for_error(err),
            ),
        }
    }

    /// The envelope of a send that failed before it had a plan (a missing setting, a bad recipient).
    pub(crate) fn unplanned(channel: &str, err: &Error) -> Self {
        Self {
            channel: channel.to_owned(),
            ..Self::of(&Target::new("", Vec::new()), 0, Err(err))
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

    /// The envelope of a send that was ready but held back because another channel was not (`send`
    /// sends nothing then): `exit` is the run's code.
    pub(crate) fn unsent(&self, exit: u8, why: &str) -> Envelope {
        Envelope::to(&self.target, self.parts).failed(exit, why.to_owned(), None)
    }

    pub(crate) fn with_identity(mut self, identity: &str) -> Self {
        self.identity = Some(identity.to_owned());
        self
    }

    /// Sends under the rules, records the attempt and prints its `--json` envelope. A dry-run says what the rules would decide and
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
        let finish = |result: Result<Delivery, Error>| {
            printer.json_line(&Envelope::of(&target, parts, result.as_ref()));
            result.map(drop)
        };
        if dry_run {
            guard::preview(rules, target.channel, &key, &fingerprint, printer);
            return finish(send());
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
                return finish(result);
            }
        };
        let result = send();
        if let Some(ticket) = ticket {
            guard::settle(ticket, settled(&result), printer);
        }
        record(&result);
        finish(result)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::PartInfo;

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
