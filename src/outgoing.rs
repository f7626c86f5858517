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
            unsent: false,
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
