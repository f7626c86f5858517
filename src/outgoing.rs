//! A send that has passed every check and waits only to go out, and the one door every channel's send goes
//! through: `--limit`/`--dedupe` before it, the history record after it. A channel supplies its target and
//! a closure that does the sending (HTTP through `channels::deliver`, or anything else, like SMTP), and gets
//! limits, dedupe and history without code of its own.
//!
//! With `--queue` it is also where a message that cannot be sent now goes to the outbox instead of being
//! lost, and where `sendmsg outbox flush` sends it again.

use crate::digest::sha256_hex;
use crate::error::{Error, Exit, Fate};
use crate::guard::{self, Rules, Settled};
use crate::history::{self, Event, Outboxed};
pub(crate) use crate::history::{Delivery, Target};
use crate::outbox::{self, Destination, Entry, Key, Outbox, Route};
use crate::output::Printer;
use crate::pacing::{Destination as PaceDestination, Pacing};

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
            target: target.name.map(str::to_owned),
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
    fn failed(self, exit: Exit, error: String, hint: Option<&str>) -> Self {
        Self {
            ok: false,
            exit: exit.code(),
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
            Err(err) => envelope.failed(err.exit(), err.to_string(), crate::hints::for_error(err)),
        }
    }

    /// The envelope of a message kept in the outbox as `id`: not sent yet, and not a failure.
    pub(crate) fn queued(target: &Target, parts: usize, id: &str) -> Self {
        Self {
            queued: Some(id.to_owned()),
            ..Self::to(target, parts)
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

pub(crate) type SendFn = Box<dyn FnOnce() -> Result<Delivery, Error>>;

thread_local! {
    /// The replies that did not deliver the send in progress on this thread (a refusal, a busy answer).
    static ANSWERED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps a reply that did not deliver the message, so a failed send's `--json` envelope still carries
/// what the service answered.
pub(crate) fn answered(body: &str) {
    ANSWERED.with_borrow_mut(|answered| answered.push(body.to_owned()));
}

/// A validated send: everything that can fail before the first request already has.
pub(crate) struct Outgoing {
    pub target: Target,
    /// The text as the channel sends it (before any split).
    pub body: String,
    /// How many requests it takes.
    pub parts: usize,
    /// What `--dedupe` compares; the body unless set (`run` leaves out its duration and output).
    identity: Option<String>,
    /// The requests' texts in order, when the message is cut into several (see [`Outgoing::with_requests`]).
    requests: Vec<String>,
    /// `--queue`: how to keep the message when it fails before reaching the service.
    queue: Option<Entry>,
    /// Where the requests go, for the outbox to pin (the plan's route).
    route: Route,
    /// The robot it goes to and how it is paced, for a pool choosing among its members.
    pace: Option<(Pacing, PaceDestination)>,
    send: SendFn,
}

/// One member of a pool (`[groups.NAME] pool`), ready to send: who it is, how its robot is paced, and
/// its send (without limits, dedupe, outbox or history: the pool's [`Outgoing`] has them).
pub(crate) struct Member {
    pub target: Target,
    pub pace: Option<(Pacing, PaceDestination)>,
    pub send: SendFn,
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
            requests: Vec::new(),
            queue: None,
            route: Route::default(),
            pace: None,
            send: Box::new(send),
        }
    }

    /// The robot the send goes to, paced so: what a pool compares its members by.
    pub(crate) fn with_pace(mut self, pacing: Pacing, destination: PaceDestination) -> Self {
        self.pace = Some((pacing, destination));
        self
    }

    /// A pool's send: `send` gets every member and delivers through one of them, under the limits,
    /// dedupe and history of the pool's `target`. `--queue` keeps a message that no member could take for
    /// the first member (its entry, route and options), which `outbox flush` knows how to reach.
    pub(crate) fn pooled(
        members: Vec<Outgoing>,
        target: Target,
        send: impl FnOnce(Vec<Member>) -> Result<Delivery, Error> + 'static,
    ) -> Option<Self> {
        let mut members = members.into_iter();
        let Outgoing {
            target: first,
            body,
            parts,
            identity,
            requests,
            queue,
            route,
            pace,
            send: first_send,
        } = members.next()?;
        let all: Vec<Member> = std::iter::once(Member {
            target: first,
            pace,
            send: first_send,
        })
        .chain(members.map(|m| Member {
            target: m.target,
            pace: m.pace,
            send: m.send,
        }))
        .collect();
        Some(Self {
            target,
            body,
            parts,
            identity,
            requests,
            queue,
            route,
            pace: None,
            send: Box::new(move || send(all)),
        })
    }

    /// Where the requests go, for the outbox.
    pub(crate) fn with_route(mut self, route: Route) -> Self {
        self.route = route;
        self
    }

    /// Where the requests go, unpinned.
    pub(crate) fn into_route(self) -> Route {
        self.route
    }

    /// Where this send goes, as an outbox entry records it.
    pub(crate) fn destination(&self, key: &Key) -> Destination {
        self.route.pin(
            key,
            self.target.channel,
            self.target.name,
            &self.target.recipients,
        )
    }

    /// The texts of the requests, so `--queue` can keep the ones not yet accepted.
    pub(crate) fn with_requests(mut self, requests: Vec<String>) -> Self {
        self.requests = requests;
        self
    }

    /// `--queue`: a transient failure that cannot have reached the service puts the rest of the message
    /// in the outbox, with the command-line `options` and the `body` the channel is rebuilt from.
    pub(crate) fn queue_on_failure(mut self, options: Vec<String>, body: Option<String>) -> Self {
        let mut entry = Entry::new(self.target.channel, Vec::new(), crate::state::now());
        // The try that fails now is the first.
        entry.attempts = 1;
        entry.recipients.clone_from(&self.target.recipients);
        // A named target is rebuilt from its keys at flush time, never from the channel's variables.
        entry.target = self.target.name.map(str::to_owned);
        entry.fitted = true;
        entry.options = options;
        entry.body = body;
        self.queue = Some(entry);
        self
    }

    /// The envelope of a send that was ready but held back because another channel was not (`send`
    /// sends nothing then): `exit` is the run's code.
    pub(crate) fn unsent(&self, exit: Exit, why: &str) -> Envelope {
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
            requests,
            queue,
            route,
            send,
            ..
        } = self;
        let key = target.key(rules);
        let fingerprint = sha256_hex(identity.as_deref().unwrap_or(&body).as_bytes());
        // A named target's errors say `ding@ops`, whichever layer made them.
        let send = || {
            send().map_err(|e| match target.name {
                Some(name) => e.in_target(target.channel, name),
                None => e,
            })
        };
        let label = target.label();
        ANSWERED.take();
        let finish = |result: Result<Delivery, Error>| {
            let mut envelope = Envelope::of(&target, parts, result.as_ref());
            if result.is_err() {
                envelope.replies = Delivery::from_replies(&ANSWERED.take()).replies;
            }
            printer.json_line(&envelope);
            result.map(drop)
        };
        if dry_run {
            if let Err(refused) = guard::preview(rules, label, &key, &fingerprint, printer) {
                return finish(Err(refused));
            }
            return finish(send());
        }
        let record = |result: &Result<Delivery, Error>, outbox: Option<Outboxed<'_>>| {
            let attempt = history::Attempt {
                target: &target,
                limit_key: rules.key.as_deref(),
                body: &body,
                parts,
                result,
                outbox,
            };
            history::append(&attempt, printer);
        };
        let ticket = match guard::admit(rules, label, &key, &fingerprint, printer) {
            Ok(ticket) => ticket,
            Err(suppressed) => {
                let result = Err(suppressed);
                record(&result, None);
                return finish(result);
            }
        };
        let result = send();
        let queued = match (&result, queue) {
            (Err(err), Some(entry)) => keep(err, entry, &route, &requests, &body, printer),
            _ => None,
        };
        if let Some(ticket) = ticket {
            // A queued message holds its slot: flushing it later does not count again.
            let settled = match queued {
                Some(_) => Settled::Accepted,
                None => settled(&result),
            };
            guard::settle(ticket, settled, printer);
        }
        if let Some(id) = &queued {
            let event = Event::Queued;
            record(&result, Some(Outboxed { id, event }));
            printer.note(&format!(
                "{}: queued (id {id}); sendmsg outbox flush delivers it",
                target.label()
            ));
            printer.json_line(&Envelope::queued(&target, parts, id));
            Ok(())
        } else {
            record(&result, None);
            finish(result)
        }
    }

    /// `sendmsg outbox flush`: sends now, outside `--limit`/`--dedupe` (the message took its slot when it
    /// was queued), and records the try against outbox entry `id`.
    pub(crate) fn resend(self, id: &str, printer: Printer) -> Result<(), Error> {
        let result = (self.send)();
        let attempt = history::Attempt {
            target: &self.target,
            limit_key: None,
            body: &self.body,
            parts: self.parts,
            result: &result,
            outbox: Some(Outboxed {
                id,
                event: Event::Flushed,
            }),
        };
        history::append(&attempt, printer);
        result.map(drop)
    }
}

/// Puts what is left of a message in the outbox when `err` says none of it can have reached the service
/// (an earlier part may have: those are not kept). The entry's id, or `None` when it is not kept.
fn keep(
    err: &Error,
    mut entry: Entry,
    route: &Route,
    requests: &[String],
    body: &str,
    printer: Printer,
) -> Option<String> {
    let Error::Transient {
        fate: Fate::NeverSent,
        part,
        ..
    } = err
    else {
        return None;
    };
    let key = match Key::load() {
        Ok(key) => key,
        Err(e) => {
            printer.note(&format!(
                "warning: --queue: cannot read the outbox key {e}; not queued"
            ));
            return None;
        }
    };
    entry.destination = Some(route.pin(
        &key,
        &entry.channel,
        entry.target.as_deref(),
        &entry.recipients,
    ));
    let accepted = part.map_or(0, |p| p.index - 1);
    entry.parts = match requests {
        // A message sent whole (an e-mail) is one part.
        [] => vec![body.to_owned()],
        many => many.iter().skip(accepted).cloned().collect(),
    };
    let kept = outbox::default_dir()
        .ok_or_else(|| "neither XDG_STATE_HOME nor HOME is set".to_owned())
        .and_then(|dir| {
            Outbox::open(&dir, outbox::backoff_base())
                .and_then(|outbox| outbox.push(entry))
                .map_err(|e| format!("{}: {e}", dir.display()))
        });
    match kept {
        Ok(id) => Some(id),
        Err(e) => {
            printer.note(&format!("warning: --queue: cannot write the outbox {e}"));
            None
        }
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
            fate: crate::error::Fate::MaybeDelivered,
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
