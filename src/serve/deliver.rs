//! A server's notifications' way out, kept apart from its HTTP replies: [`Courier::queue`] writes a
//! notification durably to the outbox (pinned to the notify channels' destination), and a thread of its
//! own ([`Courier::drain`]) sends the server's entries, oldest first, through the notify channel (then
//! each fallback). Any server kind (serve-ddns, serve) builds one and keeps the same rules:
//! - it takes only the entries it queued itself, for the destination its channels resolve to now: a CLI
//!   entry, or one queued by another configuration, is left to `sendmsg outbox flush`;
//! - a try is marked in the entry before it goes out, and one that went out without a complete reply is
//!   never sent again (logged; the history says `unconfirmed`), also when the process died during it;
//! - a transient failure that cannot have reached the service keeps it for another try after the outbox's
//!   backoff, until `--max-age`; a rejection drops it with a log line naming the service's code, and the
//!   history records it as `failed`.

use super::Notifier;
use super::routes::Notified;
use crate::error::Error;
use crate::outbox::{Claim, Destination, Entry, Gone, Outbox};
use crate::output::Printer;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The longest sleep between two looks at the outbox (another process may add entries too).
const IDLE: u64 = 60;

/// One server's notifications: where they go and the outbox they wait in.
pub(crate) struct Courier {
    outbox: Outbox,
    notifier: Arc<dyn Notifier>,
    /// The notify channel, then its fallbacks.
    channels: Vec<String>,
    /// Where `channels` go, as this server's entries record it.
    pinned: Destination,
    recipients: Vec<String>,
    /// The server kind, recorded in its entries (`serve-ddns`).
    queued_by: &'static str,
    /// Its name in log lines.
    log_name: &'static str,
    printer: Printer,
    /// Wakes [`Courier::drain`] when an entry was queued; `None` once the server stops.
    wake: Mutex<Option<Sender<()>>>,
}

/// What a courier is built from.
pub(crate) struct Setup {
    pub outbox: Outbox,
    pub notifier: Arc<dyn Notifier>,
    pub channels: Vec<String>,
    pub pinned: Destination,
    pub recipients: Vec<String>,
    pub queued_by: &'static str,
    pub printer: Printer,
}

impl Courier {
    /// The courier and the receiving end its [`Courier::drain`] waits on.
    pub(crate) fn new(setup: Setup) -> (Courier, Receiver<()>) {
        let (wake, woken) = channel();
        let courier = Courier {
            outbox: setup.outbox,
            notifier: setup.notifier,
            channels: setup.channels,
            pinned: setup.pinned,
            recipients: setup.recipients,
            queued_by: setup.queued_by,
            log_name: setup.queued_by,
            printer: setup.printer,
            wake: Mutex::new(Some(wake)),
        };
        (courier, woken)
    }

    /// The notify channels, comma-separated.
    pub(crate) fn via(&self) -> String {
        self.channels.join(",")
    }

    /// Writes `text` to the outbox durably and wakes the delivery thread. `Err` says why it could not be
    /// written: the caller must not acknowledge what it reports.
    pub(crate) fn queue(&self, text: &str, now: u64) -> Result<Notified, String> {
        let Some((first, fallbacks)) = self.channels.split_first() else {
            return Ok(Notified::Off);
        };
        let mut entry = Entry::new(first, vec![text.to_owned()], now);
        entry.fallbacks = fallbacks.to_vec();
        entry.queued_by = Some(self.queued_by.to_owned());
        entry.destination = Some(self.pinned.clone());
        entry.recipients.clone_from(&self.recipients);
        let id = self.outbox.push(entry).map_err(|e| {
            let reason = format!(
                "cannot write the outbox {}: {e}",
                self.outbox.dir().display()
            );
            self.log(&format!("error: {reason}"));
            reason
        })?;
        if let Some(wake) = &*self.wake.lock().unwrap_or_else(PoisonError::into_inner) {
            let _ = wake.send(());
        }
        Ok(Notified::Queued {
            id,
            via: self.via(),
        })
    }

    /// Sends `text` now through the notify channels in order until one takes it (`/api/send`).
    pub(crate) fn send_now(&self, text: &str) -> Notified {
        match self.through(text) {
            Through::Sent(sent) => sent,
            Through::Failed { failed, .. } => Notified::Failed(failed),
        }
    }

    /// Tells [`Courier::drain`] to return once the entry it is sending is done.
    pub(crate) fn stop(&self) {
        self.wake
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    /// Whether an entry is this server's to send.
    fn owns(&self, entry: &Entry) -> bool {
        entry.queued_by.as_deref() == Some(self.queued_by)
            && entry
                .destination
                .as_ref()
                .is_some_and(|d| d.seal == self.pinned.seal)
    }

    /// Runs until [`Courier::stop`]: delivers every due entry of this server's, oldest first, then sleeps
    /// until the next one is due or a new one is queued.
    pub(crate) fn drain(&self, woken: &Receiver<()>, max_age: Duration) {
        let owns = |entry: &Entry| self.owns(entry);
        loop {
            loop {
                let now = super::unix_now();
                match self.outbox.claim_due(now, &owns) {
                    Ok(Some(claim)) => self.attempt(claim, now, max_age),
                    Ok(None) => break,
                    Err(e) => {
                        self.log(&format!("error: cannot read the outbox: {e}"));
                        break;
                    }
                }
                if let Err(TryRecvError::Disconnected) = woken.try_recv() {
                    return;
                }
            }
            let next = self.outbox.next_due(&owns).ok().flatten();
            let wait = next.map_or(IDLE, |due| {
                due.saturating_sub(super::unix_now()).clamp(1, IDLE)
            });
            if let Err(RecvTimeoutError::Disconnected) =
                woken.recv_timeout(Duration::from_secs(wait))
            {
                return;
            }
        }
    }

    /// One try of one entry: each remaining part in turn; what is left stays in the outbox.
    fn attempt(&self, mut claim: Claim, now: u64, max_age: Duration) {
        let id = claim.entry.id.clone();
        if claim.abandoned() {
            claim.entry.record_gone(Gone::Abandoned, self.printer);
            self.log(&format!(
                "error: notification {id} was being sent when the server stopped: it may have been \
                 delivered; not resent"
            ));
            return self.finish(claim);
        }
        if claim.entry.expired(now, max_age) {
            claim
                .entry
                .record_gone(Gone::Expired(max_age), self.printer);
            self.log(&format!(
                "error: notification {id} expired after {} tries (older than --max-age); last error: {}",
                claim.entry.attempts,
                claim.entry.last_error.as_deref().unwrap_or("none")
            ));
            return self.finish(claim);
        }
        while let Some(part) = claim.entry.parts.first().cloned() {
            if let Err(e) = claim.sending(&self.outbox, now) {
                self.log(&format!("error: cannot update the outbox: {e}"));
                return;
            }
            match self.through(&part) {
                Through::Sent(sent) => {
                    self.log(&format!("notification {id}: {}", sent.describe()));
                    claim.entry.parts.remove(0);
                }
                Through::Failed {
                    failed,
                    fate: Fate::Unconfirmed,
                } => {
                    self.log(&format!(
                        "error: notification {id}: {}; it may have been delivered: not resent",
                        Notified::Failed(failed).describe()
                    ));
                    return self.finish(claim);
                }
                Through::Failed {
                    failed,
                    fate: Fate::Unsent,
                } => {
                    let outcome = Notified::Failed(failed).describe();
                    match claim.retry_later(&self.outbox, &outcome, now) {
                        Ok(next) => self.log(&format!(
                            "notification {id}: {outcome}; next try in {}s",
                            next.saturating_sub(now)
                        )),
                        Err(e) => self.log(&format!("error: cannot update the outbox: {e}")),
                    }
                    return;
                }
                Through::Failed {
                    failed,
                    fate: Fate::Rejected,
                } => {
                    self.log(&format!(
                        "error: notification {id} dropped: {}",
                        Notified::Failed(failed).describe()
                    ));
                    return self.finish(claim);
                }
            }
            if !claim.entry.parts.is_empty()
                && let Err(e) = claim.progress(&self.outbox, now)
            {
                self.log(&format!("error: cannot update the outbox: {e}"));
                return;
            }
        }
        self.finish(claim);
    }

    /// Sends `text` through the channels in order until one takes it. A try that may have been delivered
    /// ends it: no fallback gets the text then.
    fn through(&self, text: &str) -> Through {
        let mut failed: Vec<(String, String)> = Vec::new();
        let mut fate = Fate::Rejected;
        for channel in &self.channels {
            match self.notifier.send(channel, text) {
                Ok(()) => {
                    let channel = channel.clone();
                    return Through::Sent(Notified::Sent { channel, failed });
                }
                Err(err) => {
                    // With its hint (a WeCom app's 60020: the trusted IP list).
                    self.printer.error(&err);
                    failed.push((channel.clone(), crate::secret::redact(&err.to_string())));
                    match err {
                        Error::Transient { .. } if err.never_sent() => fate = Fate::Unsent,
                        Error::Transient { .. } => {
                            return Through::Failed {
                                failed,
                                fate: Fate::Unconfirmed,
                            };
                        }
                        _ => {}
                    }
                }
            }
        }
        Through::Failed { failed, fate }
    }

    fn finish(&self, claim: Claim) {
        if let Err(e) = claim.finish() {
            self.log(&format!("error: cannot update the outbox: {e}"));
        }
    }

    fn log(&self, line: &str) {
        self.printer.note(&format!("{}: {line}", self.log_name));
    }
}

/// How sending a text through the channels ended.
enum Through {
    Sent(Notified),
    /// Every channel failed (channel, error); `fate` says what that means for the entry.
    Failed {
        failed: Vec<(String, String)>,
        fate: Fate,
    },
}

/// What a failed send means for the entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// No channel can have received it, and one failed transiently: another try later.
    Unsent,
    /// It went out without a complete reply: it may have been delivered, never resent.
    Unconfirmed,
    /// Every channel refused it: dropped.
    Rejected,
}
