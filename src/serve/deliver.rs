//! The notifications' way out: a thread of its own takes each due entry from the outbox, sends it through
//! the notify channel (then each fallback), and removes it once a channel took it. A transient failure
//! keeps it for another try after the outbox's backoff, until `--max-age`; a rejection drops it with a log
//! line, since sending it again would be rejected again.

use super::routes::Notified;
use super::{App, Shape, unix_now};
use crate::outbox::Claim;
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

/// The longest sleep between two looks at the outbox (another process may add entries too).
const IDLE: u64 = 60;

/// Sends `text` through the notify channels in order until one takes it: how it went, and whether any
/// failure was transient (worth another try later).
pub(super) fn now(app: &App, text: &str) -> (Notified, bool) {
    through(app, &app.notify, text, &Shape::default())
}

fn through(app: &App, channels: &[String], text: &str, shape: &Shape) -> (Notified, bool) {
    if channels.is_empty() {
        return (Notified::Off, false);
    }
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut transient = false;
    for channel in channels {
        match app.notifier.send(channel, text, shape) {
            Ok(()) => {
                let channel = channel.clone();
                return (Notified::Sent { channel, failed }, false);
            }
            Err(err) => {
                app.printer.error(&err);
                transient |= err.exit() == crate::error::Exit::Transient;
                failed.push((channel.clone(), crate::secret::redact(&err.to_string())));
            }
        }
    }
    (Notified::Failed(failed), transient)
}

/// Runs until the server drops its end of `woken`: delivers every due entry, oldest first, then sleeps
/// until the next one is due or a new one is queued.
pub(super) fn drain(app: &App, woken: &Receiver<()>, max_age: Duration) {
    loop {
        loop {
            let now = unix_now();
            match app.outbox.claim_due(now) {
                Ok(Some(claim)) => attempt(app, claim, now, max_age),
                Ok(None) => break,
                Err(e) => {
                    log(app, &format!("error: cannot read the outbox: {e}"));
                    break;
                }
            }
            if let Err(TryRecvError::Disconnected) = woken.try_recv() {
                return;
            }
        }
        let next = app.outbox.next_due().ok().flatten();
        let wait = next.map_or(IDLE, |due| due.saturating_sub(unix_now()).clamp(1, IDLE));
        if let Err(RecvTimeoutError::Disconnected) = woken.recv_timeout(Duration::from_secs(wait)) {
            return;
        }
    }
}

/// One try of one entry: each remaining part in turn; what is left stays in the outbox.
fn attempt(app: &App, mut claim: Claim, now: u64, max_age: Duration) {
    let id = claim.entry.id.clone();
    if claim.entry.expired(now, max_age) {
        log(
            app,
            &format!(
                "error: notification {id} expired after {} tries (older than --max-age); last error: {}",
                claim.entry.attempts,
                claim.entry.last_error.as_deref().unwrap_or("none")
            ),
        );
        app.metrics.failed(&claim.entry, "expired");
        finish(app, claim);
        return;
    }
    let shape = Shape::of(&claim.entry);
    let channels: Vec<String> = std::iter::once(claim.entry.channel.clone())
        .chain(claim.entry.fallbacks.iter().cloned())
        .collect();
    while let Some(part) = claim.entry.parts.first().cloned() {
        match through(app, &channels, &part, &shape) {
            (sent @ Notified::Sent { .. }, _) => {
                app.metrics.delivered(&claim.entry, unix_now());
                log(app, &format!("notification {id}: {}", sent.describe()));
                claim.entry.parts.remove(0);
            }
            (failed, true) => {
                let outcome = failed.describe();
                match claim.retry_later(&app.outbox, &outcome, now) {
                    Ok(next) => log(
                        app,
                        &format!(
                            "notification {id}: {outcome}; next try in {}s",
                            next.saturating_sub(now)
                        ),
                    ),
                    Err(e) => log(app, &format!("error: cannot update the outbox: {e}")),
                }
                return;
            }
            (failed, false) => {
                log(
                    app,
                    &format!("error: notification {id} dropped: {}", failed.describe()),
                );
                app.metrics.failed(&claim.entry, "rejected");
                finish(app, claim);
                return;
            }
        }
    }
    finish(app, claim);
}

fn finish(app: &App, claim: Claim) {
    if let Err(e) = claim.finish() {
        log(app, &format!("error: cannot update the outbox: {e}"));
    }
}

fn log(app: &App, line: &str) {
    app.printer.note(&format!("{}: {line}", app.name));
}
