//! The one generic step from a channel's plan to an [`Outgoing`]: what is sent (targets × parts), the text
//! that `--dedupe` and the history see, and the readable recipients that `--limit` counts per.

use super::email;
use super::{BodyArgs, Channel, Session, deliver, deliver_each};
use crate::error::Error;
use crate::outgoing::{Delivery, Outgoing, Target};
use crate::output::Printer;
use crate::pacing::Pacing;
use crate::split;
use crate::transport::{DryRun, HttpTransport, RetryPolicy, Transport};
use std::time::Duration;

/// What a send session is made of: the global options that shape delivery, as plain values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SendSettings {
    pub(crate) dry_run: bool,
    pub(crate) timeout: Duration,
    pub(crate) retries: u32,
    pub(crate) printer: Printer,
    /// The named target the settings came from: output says `ding@ops`, the dry-run `"target":"ops"`.
    pub(crate) target: Option<&'static str>,
    /// `--pace` (or the target's `pace`) and `--max-wait`.
    pub(crate) pacing: Pacing,
}

impl SendSettings {
    /// Runs `send` with the process's HTTP transport (or a dry-run one) and the `--retries` policy.
    fn run<T>(self, send: impl FnOnce(&Session<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let dry_run;
        let transport: &dyn Transport = if self.dry_run {
            dry_run = DryRun {
                printer: self.printer,
                target: self.target,
            };
            &dry_run
        } else {
            HttpTransport::shared(self.timeout, self.printer)?
        };
        send(&Session {
            transport,
            printer: self.printer,
            retry: RetryPolicy::new(self.retries),
            pacing: (!self.dry_run).then_some(self.pacing),
        })
    }
}

/// A channel's send, resolved and validated, before anything goes out.
pub(crate) enum Plan {
    /// HTTP requests: every part goes to each target, one channel for all recipients or one per recipient
    /// for a service that takes one per request (the label names that recipient).
    Requests {
        targets: Vec<(String, Box<dyn Channel>)>,
        /// Who receives it, as readable non-secret names.
        recipients: Vec<String>,
        /// The message as `--dedupe` and the history see it.
        text: String,
        parts: Vec<String>,
    },
    /// One message in one SMTP session.
    Email(Box<email::Ready>),
}

impl Plan {
    /// A text channel's plan: the text fitted to the channel's limit now, so a message too long fails
    /// before anything is sent.
    pub(crate) fn text(
        channel: Box<dyn Channel>,
        text: String,
        body: &BodyArgs,
    ) -> Result<Self, Error> {
        let parts = split::fit(
            &text,
            channel.budget(body.policy().max_bytes),
            body.policy(),
        )?;
        let recipients = channel.recipients();
        Ok(Self::Requests {
            targets: vec![(String::new(), channel)],
            recipients,
            text,
            parts,
        })
    }

    /// The same plan with `parts` in place of its own: what `sendmsg outbox flush` has left to send of a
    /// queued message. A message sent whole (an e-mail) is sent whole again.
    pub(crate) fn with_parts(self, remaining: Vec<String>) -> Self {
        match self {
            Self::Requests {
                targets,
                recipients,
                text,
                ..
            } => Self::Requests {
                targets,
                recipients,
                text,
                parts: remaining,
            },
            email @ Self::Email(_) => email,
        }
    }

    /// The size of one request's text, as the channel measures it; `None` for a message sent whole
    /// (e-mail). `sendmsg serve` cuts a group of alerts between alerts to fit it.
    pub(crate) fn budget(&self) -> Option<split::Budget> {
        match self {
            Self::Requests { targets, .. } => targets
                .iter()
                .map(|(_, channel)| channel.budget(None))
                .min_by_key(|budget| budget.max),
            Self::Email(_) => None,
        }
    }

    /// One request per recipient, for a service that takes one per request: each channel labelled by who
    /// it goes to, the labels being also what `--limit`, `--dedupe` and the history see.
    pub(crate) fn per_recipient<C: Channel + 'static>(
        channels: Vec<(String, C)>,
        text: String,
        parts: Vec<String>,
    ) -> Self {
        let recipients = channels.iter().map(|(to, _)| to.clone()).collect();
        let targets = channels
            .into_iter()
            .map(|(to, channel)| (to, Box::new(channel) as Box<dyn Channel>))
            .collect();
        Self::Requests {
            targets,
            recipients,
            text,
            parts,
        }
    }

    /// Sends every part through each target, or prints them on a dry-run, when the [`Outgoing`] goes.
    pub(crate) fn into_outgoing(self, settings: SendSettings) -> Result<Outgoing, Error> {
        match self {
            Self::Requests {
                targets,
                recipients,
                text,
                parts,
            } => Ok(requests(targets, recipients, text, parts, settings)),
            Self::Email(ready) => ready.into_outgoing(settings),
        }
    }
}

/// A command whose message is not free text (a template, an XML document) given text by `send --via`,
/// `run` or `serve-ddns`.
pub(crate) fn refuse_text(text: Option<&String>, what: &str) -> Result<(), Error> {
    if text.is_some() {
        return Err(Error::BadInput(format!(
            "{what} takes no message text (its content comes from its options); choose another channel"
        )));
    }
    Ok(())
}

fn requests(
    targets: Vec<(String, Box<dyn Channel>)>,
    recipients: Vec<String>,
    text: String,
    parts: Vec<String>,
    settings: SendSettings,
) -> Outgoing {
    let name = targets.first().map_or("sendmsg", |(_, c)| c.name());
    let count = parts.len() * targets.len();
    let people = recipients.len();
    // A single named recipient is named; several are counted.
    let only_named = match targets.as_slice() {
        [(to, _)] if people == 1 && !to.is_empty() => Some(to.clone()),
        _ => None,
    };
    let requests = parts.clone();
    let target = Target::new(name, recipients).named(settings.target);
    let label = target.label();
    let outgoing = Outgoing::new(target, text, count, move || {
        let replies = settings.run(|session| match targets.as_slice() {
            [(_, only)] => deliver(only.as_ref(), &parts, session),
            many => {
                let each: Vec<(String, &dyn Channel)> = many
                    .iter()
                    .map(|(to, c)| (to.clone(), c.as_ref()))
                    .collect();
                deliver_each(&each, &parts, session)
            }
        })?;
        if !settings.dry_run {
            let mut note = format!("{label}: sent");
            if parts.len() > 1 {
                note.push_str(&format!(" in {} parts", parts.len()));
            }
            match &only_named {
                Some(to) => note.push_str(&format!(" to {to}")),
                None if people > 1 => note.push_str(&format!(" to {people} recipients")),
                None => {}
            }
            settings.printer.note(&note);
        }
        Ok(Delivery::from_replies(&replies))
    });
    outgoing.with_requests(requests)
}
