//! `sendmsg outbox`: what `--queue` (and serve-ddns) kept for later. Without an action it lists the
//! entries; `flush` tries each due one once, oldest first, with the normal retries; `drop` removes them.
//!
//! A flush rebuilds each entry's channel from this process's environment and the entry's options, so a
//! credential is read when it is used and never stored. An entry is claimed (renamed) before it is sent,
//! so several flushes at once never send one twice.

use super::{send_settings, via};
use crate::channels::SendSettings;
use crate::cli::{GlobalArgs, OutboxAction, OutboxArgs};
use crate::error::{Error, Exit};
use crate::history;
use crate::outbox::{self, Claim, Destination, Entry, Gone, Key, Outbox};
use crate::outgoing::Outgoing;
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
            list(&outbox.entries().map_err(unreadable)?, global.json, printer);
            Ok(Exit::Sent)
        }
        Some(OutboxAction::Flush { max_age, now }) => {
            let entries = outbox.entries().map_err(unreadable)?;
            flush(&outbox, &entries, *max_age, *now, global, printer)
        }
        Some(OutboxAction::Drop { id, all }) => {
            let mut dropped = 0;
            for entry in outbox.entries().map_err(unreadable)? {
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
                "recipients": entry.recipients,
                "destination": entry.destination.as_ref().map(|d| &d.endpoints),
                "parts": entry.parts.len(),
                "attempts": entry.attempts,
                "next_try": history::utc(entry.next_try),
                "sending": entry.sending.is_some(),
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
        let next = match (entry.sending, entry.next_try.saturating_sub(now)) {
            (Some(_), _) => "sending".to_owned(),
            (None, 0) => "now".to_owned(),
            (None, wait) => format!("in {}", Human(Duration::from_secs(wait))),
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
    /// Refused by the service: removed.
    rejected: usize,
    /// Sent without a complete reply: removed, never resent.
    unconfirmed: usize,
    expired: usize,
    /// A transient failure: kept for a later try.
    kept: usize,
    /// Kept for a person to fix (a setting, or a destination that changed): the worst exit code.
    config: Option<Exit>,
}

/// `sendmsg outbox flush`: every entry due now (or every entry, with `--now`), oldest first, each tried
/// once.
fn flush(
    outbox: &Outbox,
    entries: &[Entry],
    max_age: Duration,
    all: bool,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Exit, Error> {
    let now = crate::state::now();
    let key = Key::load().map_err(|e| Error::Config(format!("outbox: cannot read the key {e}")))?;
    let mut tally = Tally::default();
    let (due, waiting): (Vec<&Entry>, Vec<&Entry>) = entries
        .iter()
        .partition(|e| all || e.next_try <= now || e.sending.is_some());
    // SIGTERM or SIGINT: the try in flight ends with its outcome recorded; no new entry is claimed.
    crate::stop::on_signals()
        .map_err(|e| Error::Config(format!("outbox flush: cannot handle signals: {e}")))?;
    let mut untried = 0;
    for entry in due {
        if crate::stop::requested() {
            untried += 1;
            continue;
        }
        // Another flush holds it, or it is gone: not ours.
        let Ok(Some(claim)) = outbox.claim(&entry.id) else {
            continue;
        };
        let flush = Flush {
            outbox,
            key: &key,
            now,
            max_age,
            global,
            printer,
        };
        flush.attempt(claim, &mut tally);
    }
    if untried > 0 {
        printer.note(&format!(
            "outbox flush: stopped by a signal; {untried} left for the next flush"
        ));
    }
    if let Some(next) = waiting.iter().map(|e| e.next_try).min() {
        let wait = Human(Duration::from_secs(next.saturating_sub(now)));
        printer.note(&match waiting.len() {
            1 => format!("outbox flush: 1 waiting for its next try, due in {wait} (--now tries it now)"),
            n => format!(
                "outbox flush: {n} waiting for their next try, the first due in {wait} (--now tries them now)"
            ),
        });
    }
    summarize(&tally, max_age, printer);
    let rejected = (tally.rejected + tally.expired > 0).then_some(Exit::Rejected);
    let kept = (tally.kept + tally.unconfirmed > 0).then_some(Exit::Transient);
    Ok(Exit::worst(
        rejected.into_iter().chain(kept).chain(tally.config),
    ))
}

/// The closing lines of a flush: one error line for what was dropped, one note for the rest.
fn summarize(tally: &Tally, max_age: Duration, printer: Printer) {
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
        failures.push(format!("{} rejected", tally.rejected));
    }
    let total = tally.sent + failed + tally.kept + tally.unconfirmed;
    if !failures.is_empty() {
        printer.error(&Error::BadInput(format!(
            "outbox flush: {failed} of {total} dropped unsent: {} (sendmsg history --failed says why)",
            failures.join(", ")
        )));
    }
    if tally.sent + tally.kept + tally.unconfirmed > 0 {
        let mut line = format!(
            "outbox flush: {} sent, {} kept for a later try",
            tally.sent, tally.kept
        );
        if tally.unconfirmed > 0 {
            line.push_str(&format!(
                ", {} sent without a complete reply (not resent; history: unconfirmed)",
                tally.unconfirmed
            ));
        }
        printer.note(&line);
    }
}

/// What every try of one flush shares.
struct Flush<'a> {
    outbox: &'a Outbox,
    key: &'a Key,
    now: u64,
    max_age: Duration,
    global: &'a GlobalArgs,
    printer: Printer,
}

impl Flush<'_> {
    /// One try of one claimed entry.
    fn attempt(&self, mut claim: Claim, tally: &mut Tally) {
        let id = claim.entry.id.clone();
        let note = |line: &str| self.printer.note(&format!("outbox {id}: {line}"));
        let finish = |claim: Claim| {
            if let Err(e) = claim.finish() {
                note(&format!("warning: cannot remove it from the outbox: {e}"));
            }
        };
        let keep = |claim: Claim, why: &str| {
            if let Err(e) = claim.keep(self.outbox, why, self.now) {
                note(&format!("warning: cannot update the outbox: {e}"));
            }
        };
        if claim.abandoned() {
            claim.entry.record_gone(Gone::Abandoned, self.printer);
            note("a try was under way when its flush died: it may have been delivered; not resent");
            tally.unconfirmed += 1;
            return finish(claim);
        }
        if claim.entry.expired(self.now, self.max_age) {
            claim
                .entry
                .record_gone(Gone::Expired(self.max_age), self.printer);
            note(&format!(
                "expired after {} tries (older than --max-age {}); not sent",
                claim.entry.attempts,
                Human(self.max_age)
            ));
            tally.expired += 1;
            return finish(claim);
        }
        let failure = match self.send(&mut claim) {
            Ok(()) => {
                tally.sent += 1;
                return finish(claim);
            }
            Err(err) => err,
        };
        match &failure {
            // Nothing reached the service: try again after the backoff.
            failure if failure.never_sent() => {
                tally.kept += 1;
                match claim.retry_later(self.outbox, &failure.to_string(), self.now) {
                    Ok(next) => note(&format!(
                        "{failure}; next try in {}",
                        Human(Duration::from_secs(next.saturating_sub(self.now)))
                    )),
                    Err(e) => note(&format!("warning: cannot update the outbox: {e}")),
                }
            }
            // A person must fix the settings (or send it where it was meant to go); it waits for them.
            Error::Config(_) | Error::BadInput(_) | Error::Setting(_) => {
                tally.config = Some(Exit::worst(
                    tally.config.into_iter().chain([failure.exit()]),
                ));
                self.printer.error(&failure);
                keep(claim, &failure.to_string());
            }
            // It went out and no complete reply came: it may have arrived, so it is never sent again.
            Error::Transient { .. } => {
                note(&format!("{failure}; not resent (history: unconfirmed)"));
                tally.unconfirmed += 1;
                finish(claim);
            }
            _ => {
                note(&format!("{failure}; dropped"));
                tally.rejected += 1;
                finish(claim);
            }
        }
    }

    /// Checks where the entry would go now, marks it as being sent, and sends it.
    fn send(&self, claim: &mut Claim) -> Result<(), Error> {
        let entry = &claim.entry;
        let outgoing = if entry.fitted {
            Some(self.fitted(entry)?)
        } else {
            let channels = chain(entry);
            let (now, recipients) = super::via::pin(
                &channels,
                &entry.options,
                self.key,
                self.global,
                &config_for(&channels, self.global, self.printer)?,
                self.printer,
            )?;
            check_destination(entry, &now, &recipients)?;
            None
        };
        claim.sending(self.outbox, self.now).map_err(|e| {
            Error::Config(format!(
                "outbox: cannot mark {} as being sent ({e}); not sent",
                claim.entry.id
            ))
        })?;
        match outgoing {
            Some(outgoing) => resend_fitted(outgoing, &mut claim.entry, self.printer),
            None => send_texts(&mut claim.entry, self.global, self.printer),
        }
    }

    /// A `--queue` entry's send, rebuilt from the settings of now, checked against where it was queued for.
    fn fitted(&self, entry: &Entry) -> Result<Outgoing, Error> {
        let outgoing = fitted_outgoing(entry, self.global, self.printer)?;
        let now = outgoing.destination(self.key);
        check_destination(entry, &now, &outgoing.target.recipients)?;
        Ok(outgoing)
    }
}

/// The entry's channel, then its fallbacks.
fn chain(entry: &Entry) -> Vec<String> {
    std::iter::once(entry.channel.clone())
        .chain(entry.fallbacks.iter().cloned())
        .collect()
}

/// `Err` (exit 3, the entry kept) when the settings of now send `entry` anywhere but where it was queued for.
fn check_destination(entry: &Entry, now: &Destination, recipients: &[String]) -> Result<(), Error> {
    let label = destination(entry);
    let Some(recorded) = &entry.destination else {
        return Err(Error::Config(format!(
            "outbox {}: {label}: queued by an older sendmsg without a recorded destination; kept \
             (`sendmsg outbox drop {}` removes it)",
            entry.id, entry.id
        )));
    };
    match recorded.differs(&entry.recipients, now, recipients) {
        None => Ok(()),
        Some(why) => Err(Error::Config(format!(
            "outbox {}: {label}: {why}",
            entry.id
        ))),
    }
}

/// The send of a `--queue` entry: its channel or target configured now, with the entry's options and
/// the parts it has left.
fn fitted_outgoing(
    entry: &Entry,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let channel = entry.channel.as_str();
    let config = match &entry.target {
        Some(_) => super::config(global, printer)?,
        None => Config::default(),
    };
    let (command, target) = match &entry.target {
        Some(name) => {
            let mut argv: Vec<std::ffi::OsString> = vec![
                "sendmsg".into(),
                channel.into(),
                format!("--target={name}").into(),
            ];
            argv.extend(entry.options.iter().map(Into::into));
            let command = super::targets::command_line(channel, name, &argv, &config)?;
            (command, Some(crate::error::intern(name)))
        }
        None => (via::resolve(channel, &config, &entry.options)?, None),
    };
    let scope = command.scope(&config);
    let how = Resolve {
        dry_run: false,
        printer,
        scope: &scope,
        findings: None,
    };
    command
        .front()
        .plan(entry.body.clone(), how)
        .map_err(|err| scope.locate(err))?
        .with_parts(entry.parts.clone())
        .into_outgoing(SendSettings {
            target,
            ..send_settings(&unqueued(global), printer)
        })
}

/// Sends a `--queue` entry; on a failure, `entry` keeps only the parts not yet accepted.
fn resend_fitted(outgoing: Outgoing, entry: &mut Entry, printer: Printer) -> Result<(), Error> {
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

/// Sends a server's texts, each as `sendmsg CHANNEL OPTIONS -- TEXT` would be, through the entry's channel or,
/// when it refuses or cannot be reached, each fallback in turn. A try that may have been delivered ends
/// it: no other channel gets the text then.
fn send_texts(entry: &mut Entry, global: &GlobalArgs, printer: Printer) -> Result<(), Error> {
    let channels = chain(entry);
    let config = config_for(&channels, global, printer)?;
    while let Some(text) = entry.parts.first().cloned() {
        let mut last = None;
        for channel in &channels {
            let sent = via::shaped(
                channel,
                &text,
                &entry.options,
                &unqueued(global),
                &config,
                printer,
            )
            .and_then(|mut outgoing| {
                outgoing.target.route = entry.route.as_deref().map(crate::error::intern);
                outgoing.resend(&entry.id, printer)
            });
            match sent {
                Ok(()) => {
                    last = None;
                    break;
                }
                Err(err @ Error::Transient { .. }) if !err.never_sent() => return Err(err),
                Err(err) => last = Some(err),
            }
        }
        if let Some(err) = last {
            return Err(err);
        }
        entry.parts.remove(0);
    }
    Ok(())
}

/// The named targets, when any of `names` is one (serve-ddns's `--notify ops`); channels need none.
fn config_for(names: &[String], global: &GlobalArgs, printer: Printer) -> Result<Config, Error> {
    if names
        .iter()
        .all(|name| crate::channels::NAMES.contains(&name.as_str()))
    {
        Ok(Config::default())
    } else {
        super::config(global, printer)
    }
}

/// The global options for a send from the outbox, which never queues it again.
fn unqueued(global: &GlobalArgs) -> GlobalArgs {
    GlobalArgs {
        queue: false,
        from_outbox: true,
        ..global.clone()
    }
}
