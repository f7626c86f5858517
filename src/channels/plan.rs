//! The one generic step from a channel's plan to an [`Outgoing`]: what is sent (targets × parts), the text
//! that `--dedupe` and the history see, and the readable recipients that `--limit` counts per.

use super::email;
use super::media::{Extra, KEY_ON_DRY_RUN};
use super::{BodyArgs, BuildContext, Channel, Session, deliver, deliver_each, snippet};
use crate::error::Error;
use crate::outbox::Route;
use crate::outgoing::{Delivery, Outgoing, Target};
use crate::output::Printer;
use crate::pacing::Pacing;
use crate::request::{HttpRequest, Value};
use crate::secret::redact;
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
    /// A direct send without `--queue`: a failure that only time cures may advise `--queue`. Never for
    /// a send from the outbox (flush, serve), whose message is already queued.
    pub(crate) advise_queue: bool,
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
            retry: RetryPolicy::new(if ONE_TRY.get() { 0 } else { self.retries }),
            pacing: (!self.dry_run).then_some(self.pacing),
        })
    }
}

thread_local! {
    /// Set while a pool tries a member that has another after it: a busy reply moves the message on to
    /// the next member rather than being retried on this one.
    static ONE_TRY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `send` with no retries (a pool's member before the last): see [`ONE_TRY`].
pub(crate) fn one_try<T>(send: impl FnOnce() -> T) -> T {
    ONE_TRY.set(true);
    let result = send();
    ONE_TRY.set(false);
    result
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
        /// Images and files, sent after the text (to a plan of one target).
        extras: Vec<Extra>,
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
        body.media.refuse_others(channel.name(), &[])?;
        Self::with_extras(channel, text, body, Vec::new())
    }

    /// A text channel's plan with images or files sent after the text; with them, the text may be empty
    /// (then only they are sent).
    pub(crate) fn with_extras(
        channel: Box<dyn Channel>,
        text: String,
        body: &BodyArgs,
        extras: Vec<Extra>,
    ) -> Result<Self, Error> {
        let parts = if text.trim().is_empty() && !extras.is_empty() {
            Vec::new()
        } else {
            split::fit(
                &text,
                channel.budget(body.policy().max_bytes),
                body.policy(),
            )?
        };
        let recipients = channel.recipients();
        Ok(Self::Requests {
            targets: vec![(String::new(), channel)],
            recipients,
            text,
            parts,
            extras,
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
                extras,
                ..
            } => Self::Requests {
                targets,
                recipients,
                text,
                parts: remaining,
                extras,
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
            extras: Vec::new(),
        }
    }

    /// Where the plan's requests go and with which credentials, for the outbox to pin: each target's
    /// request for a fixed text at a fixed clock (so a signature depends on its secret alone), and the
    /// token request of a channel that needs one.
    pub(crate) fn route(&self) -> Route {
        let mut route = Route::default();
        match self {
            Self::Requests { targets, .. } => {
                for (label, channel) in targets {
                    let token = channel.token();
                    let ctx = BuildContext {
                        now: std::time::UNIX_EPOCH,
                        nonce: 0,
                        access_token: token.as_ref().map(|_| crate::secret::Secret::default()),
                    };
                    add_request(&mut route, label, &channel.build("sendmsg", &ctx));
                    if let Some(token) = token {
                        add_request(&mut route, "token", &token.request);
                    }
                }
            }
            Self::Email(ready) => ready.route(&mut route),
        }
        route
    }

    /// Sends every part through each target, or prints them on a dry-run, when the [`Outgoing`] goes.
    pub(crate) fn into_outgoing(self, settings: SendSettings) -> Result<Outgoing, Error> {
        let route = self.route();
        let outgoing = match self {
            Self::Requests {
                targets,
                recipients,
                text,
                parts,
                extras,
            } => requests(targets, recipients, text, (parts, extras), settings),
            Self::Email(ready) => ready.into_outgoing(settings)?,
        };
        Ok(outgoing.with_route(route))
    }
}

/// One request's part of a [`Route`]: its method, scheme, host and path, and every secret it carries (in
/// the URL's path, the query, a header, or a signature in the body).
fn add_request(route: &mut Route, label: &str, request: &HttpRequest) {
    let name = |what: &str| {
        [request.channel, label, what]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let shown = redact(&request.url);
    route.endpoint(format!("{} {shown}", request.method.as_str()));
    if shown != request.url {
        route.secret(name("url"), &request.url);
    }
    let secrets = request
        .query
        .iter()
        .map(|(key, value)| (format!("query {key}"), value))
        .chain(
            request
                .headers
                .iter()
                .map(|(key, value)| (format!("header {key}"), value)),
        );
    for (what, value) in secrets {
        if let Value::Secret(secret) = value {
            route.secret(name(&what), secret.expose());
        }
    }
    if let Some(body) = &request.body
        && redact(body) != *body
    {
        route.secret(name("body"), body);
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
    (parts, extras): (Vec<String>, Vec<Extra>),
    settings: SendSettings,
) -> Outgoing {
    let name = targets.first().map_or("sendmsg", |(_, c)| c.name());
    let count = parts.len() * targets.len() + extras.len();
    let people = recipients.len();
    // A single named recipient is named; several are counted.
    let only_named = match targets.as_slice() {
        [(to, _)] if people == 1 && !to.is_empty() => Some(to.clone()),
        _ => None,
    };
    let requests = parts.clone();
    // One robot (not one request per recipient): a pool compares it with its other members by its pace.
    let pace = match targets.as_slice() {
        [(_, only)] if !settings.dry_run => only.destination(),
        _ => None,
    };
    let target = Target::new(name, recipients).named(settings.target);
    let label = target.label();
    let outgoing = Outgoing::new(target, text, count, move || {
        let replies = settings.run(|session| {
            let mut replies = match targets.as_slice() {
                [(_, only)] => deliver(only.as_ref(), &parts, session),
                many => {
                    let each: Vec<(String, &dyn Channel)> = many
                        .iter()
                        .map(|(to, c)| (to.clone(), c.as_ref()))
                        .collect();
                    deliver_each(&each, &parts, session)
                }
            }?;
            for extra in &extras {
                replies.extend(deliver_extra(extra, session)?);
            }
            Ok(replies)
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
    let outgoing = outgoing.with_requests(requests);
    match pace {
        Some(destination) => outgoing.with_pace(settings.pacing, destination),
        None => outgoing,
    }
}

/// An image or file after the text: its message, or its upload and then the message carrying the key the
/// upload's reply holds (on a dry-run both are printed, the key shown as a placeholder).
fn deliver_extra(extra: &Extra, session: &Session<'_>) -> Result<Vec<String>, Error> {
    let nothing = [String::new()];
    match extra {
        Extra::Message(message) => deliver(message.as_ref(), &nothing, session),
        Extra::Upload(upload) => {
            let mut replies = deliver(upload.as_ref(), &nothing, session)?;
            let key = match replies.first() {
                None => KEY_ON_DRY_RUN.to_owned(),
                Some(reply) => upload.key(reply).ok_or_else(|| Error::Rejected {
                    channel: upload.name(),
                    code: None,
                    message: format!("the upload's reply holds no key: {}", snippet(reply)),
                    part: None,
                })?,
            };
            replies.extend(deliver(upload.message(key).as_ref(), &nothing, session)?);
            Ok(replies)
        }
    }
}
