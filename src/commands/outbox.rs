//! `sendmsg outbox`: what `--queue` (and serve-ddns) kept for later. Without an action it lists the
//! entries; `flush` tries each due one once, oldest first, with the normal retries; `drop` removes them.
//!
//! A flush rebuilds each entry's channel from this process's environment and the entry's options, so a
//! credential is read when it is used and never stored. An entry is claimed (renamed) before it is sent,
//! so several flushes at once never send one twice.

use super::{send_settings, via};
use crate::channels::SendSettings;
use crate::cli::{GlobalArgs, OutboxAction, OutboxArgs};
use crate::error::{Error, Exit, Fate};
use crate::history::{self, Event, Outboxed};
use crate::outbox::{self, Claim, Entry, Outbox};
use crate::outgoing::Target;
use crate::output::Printer;
use crate::period::Human;
use crate::settings::Resolve;
use crate::targets::Config;
use std::time::Duration;

/// `sendmsg outbox [flush|drop]`.
pub(crate) fn run(args: &OutboxArgs, global: &GlobalArgs, printer: Printer) -> Result<Exit, Error> {
    let dir = outbox::default_dir()
        .ok_or_else(|| Error::Config("outbox: neither XDG_STATE_HOME nor HOME is set".into()))?;
    let outbox = Outbox::open(&dir, outbox::backoff_base())
        .map_err(|e| Error::Config(format!("outbox: cannot open {}: {e}", dir.display())))?;
    let unreadable =
        |e: std::io::Error| Error::Config(format!("outbox: cannot read {}: {e}", dir.display()));
    match &args.action {
        None => {
            list(&outbox.pending().map_err(unreadable)?, global.json, printer);
            Ok(Exit::Sent)
        }
        Some(OutboxAction::Flush { max_age }) => flush(&outbox, *max_age, global, printer),
        Some(OutboxAction::Drop { id, all }) => {
            let mut dropped = 0;
            for entry in outbox.pending().map_err(unreadable)? {
                if *all || id.as_deref() == Some(entry.id.as_str()) {
                    // Claimed first, so an entry being sent right now is not pulled from under its flush.
                    if let Some(claim) = outbox.claim(&entry.id).map_err(unreadable)? {
                        claim.finish().map_err(unreadable)?;
                        dropped += 1;
                    }
                }
            }
            if let (Some(id), 0) = (id, dropped) {
                Err(Error::BadInput(format!(
                    "outbox: no entry {id} (`sendmsg outbox` lists them)"
                )))
            } else {
                printer.note(&format!("outbox: dropped {dropped} unsent"));
                Ok(Exit::Sent)
            }
        }
    }
}

fn list(entries: &[Entry], json: bool, printer: Printer) {
    let now = crate::state::now();
    if json {
        for entry in entries {
            let record = serde_json::json!({
                "id": entry.id,
                "created": history::utc(entry.created),
                "channel": entry.channel,
                "target": entry.target,
                "parts": entry.parts.len(),
                "attempts": entry.attempts,
                "next_try": history::utc(entry.next_try),
                "last_error": entry.last_error,
            });
            printer.output(&record.to_string());
        }
        return;
    }
    if entries.is_empty() {
        printer.note("outbox: empty");
        return;
    }
    printer.output("ID        AGE     CHANNEL       ATTEMPTS  NEXT TRY  LAST ERROR");
    for entry in entries {
        let age = Human(Duration::from_secs(now.saturating_sub(entry.created)));
        let next = match entry.next_try.saturating_sub(now) {
            0 => "now".to_owned(),
            wait => format!("in {}", Human(Duration::from_secs(wait))),
        };
        let error = entry.last_error.as_deref().unwrap_or("-");
        let error: String = error
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        printer.output(&format!(
            "{:<8}  {:<6}  {:<12}  {:<8}  {:<8}  {error}",
            entry.id,
            age.to_string(),
            destination(entry),
            entry.attempts,
            next
        ));
    }
}

/// `ding`, or `ding@ops` for a named target.
fn destination(entry: &Entry) -> String {
    match &entry.target {
        Some(target) => format!("{}@{target}", entry.channel),
        None => entry.channel.clone(),
    }
}

/// What became of the entries one flush looked at.
#[derive(Debug, Default)]
struct Tally {
    sent: usize,
    /// Refused by the service, or failed in a way that may have delivered it: removed.
    rejected: usize,
    expired: usize,
    /// A transient failure: kept for a later try.
    kept: usize,
    /// The worst exit code of a failure that keeps the entry for a person to fix (configuration).
    config: Option<Exit>,
}

/// `sendmsg outbox flush`: every entry due now, oldest first, each tried once.
fn flush(
    outbox: &Outbox,
    max_age: Duration,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Exit, Error> {
    let now = crate::state::now();
    let entries = outbox.pending().map_err(|e| {
        Error::Config(format!(
            "outbox: cannot read {}: {e}",
            outbox.dir().display()
        ))
    })?;
    let mut tally = Tally::default();
    for entry in entries.iter().filter(|e| e.next_try <= now) {
        // Another flush took it, or it is gone: not ours.
        let Ok(Some(claim)) = outbox.claim(&entry.id) else {
            continue;
        };
        attempt(outbox, claim, now, max_age, global, printer, &mut tally);
    }
    let failed = tally.rejected + tally.expired;
    let mut failures = Vec::new();
    if tally.expired > 0 {
        failures.push(format!(
            "{} expired (older than --max-age {})",
            tally.expired,
            Human(max_age)
        ));
    }
    if tally.rejected > 0 {
        failures.push(format!("{} rejected or not resent", tally.rejected));
    }
    if !failures.is_empty() {
        printer.error(&Error::BadInput(format!(
            "outbox flush: {} of {} dropped unsent: {} (sendmsg history --failed says why)",
            failed,
            tally.sent + failed + tally.kept,
            failures.join(", ")
        )));
    }
    if tally.sent > 0 || tally.kept > 0 {
        printer.note(&format!(
            "outbox flush: {} sent, {} kept for a later try",
            tally.sent, tally.kept
        ));
    }
    let rejected = (failed > 0).then_some(Exit::Rejected);
    let kept = (tally.kept > 0).then_some(Exit::Transient);
    Ok(Exit::worst(
        rejected.into_iter().chain(kept).chain(tally.config),
    ))
}

/// One try of one claimed entry.
fn attempt(
    outbox: &Outbox,
    mut claim: Claim,
    now: u64,
    max_age: Duration,
    global: &GlobalArgs,
    printer: Printer,
    tally: &mut Tally,
) {
    let id = claim.entry.id.clone();
    let note = |line: &str| printer.note(&format!("outbox {id}: {line}"));
    let finish = |claim: Claim| {
        if let Err(e) = claim.finish() {
            note(&format!("warning: cannot remove it from the outbox: {e}"));
        }
    };
    if claim.entry.expired(now, max_age) {
        record_expiry(&claim.entry, max_age, printer);
        note(&format!(
            "expired after {} tries (older than --max-age {}); not sent",
            claim.entry.attempts,
            Human(max_age)
        ));
        tally.expired += 1;
        finish(claim);
        return;
    }
    let failure = match send(&mut claim.entry, global, printer) {
        Ok(()) => {
            tally.sent += 1;
            finish(claim);
            return;
        }
        Err(err) => err,
    };
    match &failure {
        // Nothing reached the service: try again after the backoff.
        failure if failure.never_sent() => {
            tally.kept += 1;
            match claim.retry_later(outbox, &failure.to_string(), now) {
                Ok(next) => note(&format!(
                    "{failure}; next try in {}",
                    Human(Duration::from_secs(next.saturating_sub(now)))
                )),
                Err(e) => note(&format!("warning: cannot update the outbox: {e}")),
            }
        }
        // A person must fix the settings; the message waits for them, until it expires.
        Error::Config(_) | Error::BadInput(_) => {
            tally.config = Some(Exit::worst(
                tally.config.into_iter().chain([failure.exit()]),
            ));
            if let Err(e) = claim.retry_later(outbox, &failure.to_string(), now) {
                note(&format!("warning: cannot update the outbox: {e}"));
            }
            printer.error(&failure);
        }
        // Rejected, or it may have been delivered: sending it again could only repeat that.
        _ => {
            note(&format!("{failure}; dropped"));
            tally.rejected += 1;
            finish(claim);
        }
    }
}

/// Sends what is left of `entry` through its channel (then each fallback), as the channel is configured
/// now; on a failure, `entry` keeps only the parts not yet accepted.
fn send(entry: &mut Entry, global: &GlobalArgs, printer: Printer) -> Result<(), Error> {
    let channels: Vec<String> = std::iter::once(entry.channel.clone())
        .chain(entry.fallbacks.iter().cloned())
        .collect();
    let mut last = None;
    for channel in &channels {
        match send_through(channel, entry, global, printer) {
            Ok(()) => return Ok(()),
            Err(err) => last = Some(err),
        }
    }
    Err(last.unwrap_or_else(|| Error::Config("outbox: the entry names no channel".into())))
}

fn send_through(
    channel: &str,
    entry: &mut Entry,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<(), Error> {
    if !entry.fitted {
        // serve-ddns's texts: each sent as `sendmsg CHANNEL -- TEXT` would be.
        let config = config_for(channel, global, printer)?;
        while let Some(text) = entry.parts.first() {
            via::prepare_via(channel, text, &|_| {}, &unqueued(global), &config, printer)?
                .resend(&entry.id, printer)?;
            entry.parts.remove(0);
        }
        return Ok(());
    }
    let (command, target) = match &entry.target {
        Some(name) => {
            let config = super::config(global, printer)?;
            let mut argv: Vec<std::ffi::OsString> = vec![
                "sendmsg".into(),
                channel.into(),
                format!("--target={name}").into(),
            ];
            argv.extend(entry.options.iter().map(Into::into));
            let command = super::targets::command_line(channel, name, &argv, &config)?;
            (command, Some(crate::error::intern(name)))
        }
        None => (
            via::resolve(channel, &Config::default(), &entry.options)?,
            None,
        ),
    };
    let how = Resolve {
        dry_run: false,
        printer,
    };
    let outgoing = command
        .front()
        .plan(entry.body.clone(), how)?
        .with_parts(entry.parts.clone())
        .into_outgoing(SendSettings {
            target,
            ..send_settings(global, printer)
        })?;
    outgoing.resend(&entry.id, printer).inspect_err(|err| {
        if let Error::Transient {
            part: Some(part), ..
        } = err
        {
            entry
                .parts
                .drain(..part.index.saturating_sub(1).min(entry.parts.len()));
        }
    })
}

/// The named targets, when `name` is one (serve-ddns's `--notify ops`); a channel needs none.
fn config_for(name: &str, global: &GlobalArgs, printer: Printer) -> Result<Config, Error> {
    if crate::channels::NAMES.contains(&name) {
        Ok(Config::default())
    } else {
        super::config(global, printer)
    }
}

/// The global options for a send from the outbox, which never queues it again.
fn unqueued(global: &GlobalArgs) -> GlobalArgs {
    GlobalArgs {
        queue: false,
        ..global.clone()
    }
}

/// The history's `expired` record of an entry given up.
fn record_expiry(entry: &Entry, max_age: Duration, printer: Printer) {
    let Some(channel) = crate::channels::NAMES
        .iter()
        .copied()
        .find(|name| *name == entry.channel)
    else {
        return;
    };
    let body = entry.body.clone().unwrap_or_else(|| entry.parts.join("\n"));
    let result = Err(Error::Transient {
        channel,
        message: format!(
            "expired in the outbox after {} tries (older than --max-age {}); last error: {}",
            entry.attempts,
            Human(max_age),
            entry.last_error.as_deref().unwrap_or("none")
        ),
        part: None,
        fate: Fate::NeverSent,
    });
    let target = Target::new(channel, entry.recipients.clone());
    history::append(
        &history::Attempt {
            target: &target,
            limit_key: None,
            body: &body,
            parts: entry.parts.len(),
            result: &result,
            outbox: Some(Outboxed {
                id: &entry.id,
                event: Event::Expired,
            }),
        },
        printer,
    );
}
