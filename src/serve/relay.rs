//! `sendmsg serve`'s receivers: `POST /alertmanager/{route}`, `/grafana/{route}` and `/send/{route}`
//! become messages for each of the route's targets — rendered, cut between alerts, a repeat of the same
//! group state within the route's `repeat` left out — and every one of them is durably in the outbox before
//! the reply says 200. Delivery is the server's delivery thread's, with the outbox's rules.

use super::alerts::{self, Group, Source};
use super::render::{Style, Templates};
use super::route_config::Route;
use super::routes::{Incoming, Reply};
use super::seen::{Reserved, Seen};
use super::{App, Destination, Notifier, unix_now};
use crate::error::Error;
use crate::history::{self, Delivery, Event, Outboxed, Target};
use crate::outbox::Entry;
use crate::output::Printer;

/// The largest body a route takes (the contract's 1 MiB).
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// A request the relay answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Call {
    Metrics,
    Receive { receiver: Receiver, route: String },
}

/// Which receiver a route's post came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Receiver {
    Alerts(Source),
    Send,
}

impl Receiver {
    fn name(self) -> &'static str {
        match self {
            Receiver::Alerts(source) => source.name(),
            Receiver::Send => "send",
        }
    }
}

impl Call {
    /// The relay's request for `path`, if it is one.
    pub(crate) fn of(path: &str) -> Option<Call> {
        if path == "/metrics" {
            return Some(Call::Metrics);
        }
        let (receiver, route) = [
            ("/alertmanager/", Receiver::Alerts(Source::Alertmanager)),
            ("/grafana/", Receiver::Alerts(Source::Grafana)),
            ("/send/", Receiver::Send),
        ]
        .into_iter()
        .find_map(|(prefix, receiver)| Some((receiver, path.strip_prefix(prefix)?)))?;
        Some(Call::Receive {
            receiver,
            route: route.to_owned(),
        })
    }
}

/// What the relay needs of a request, owned, for the blocking thread that queues it.
#[derive(Debug)]
pub(crate) struct Request {
    method: String,
    json: bool,
    body: Vec<u8>,
}

impl Request {
    pub(crate) fn of(incoming: &Incoming<'_>) -> Request {
        Request {
            method: incoming.method.to_owned(),
            json: incoming
                .header("content-type")
                .is_some_and(|c| c.to_ascii_lowercase().contains("json")),
            body: incoming.body.to_vec(),
        }
    }
}

/// One of a route's channels or targets, resolved at start.
struct Recipient {
    /// As the route names it: what the outbox entry and the metrics say.
    name: String,
    destination: Destination,
    style: Style,
}

/// A route ready to serve.
struct Ready {
    route: Route,
    templates: Templates,
    recipients: Vec<Recipient>,
}

/// The routes and what they remember.
pub(crate) struct Relay {
    routes: Vec<Ready>,
    seen: Seen,
}

/// One message for one recipient, ready to queue.
struct Message<'a> {
    recipient: &'a Recipient,
    parts: Vec<String>,
    options: Vec<String>,
}

/// A placeholder title as long as any a message gets, so a markdown channel's size limit is measured
/// with its title in the envelope.
fn longest_title() -> String {
    "x".repeat(super::render::MAX_TITLE_BYTES)
}

impl Relay {
    /// Parses every route's template and resolves every route's channels and targets (a missing
    /// credential is exit 3 now, not a failed alert later).
    pub(crate) fn prepare(
        routes: &[Route],
        notifier: &dyn Notifier,
        printer: Printer,
    ) -> Result<Relay, Error> {
        let mut ready = Vec::with_capacity(routes.len());
        for route in routes {
            let templates = Templates::load(route.template.as_deref()).map_err(|e| {
                Error::Config(format!("serve: [routes.{}] template: {e}", route.name))
            })?;
            let mut recipients = Vec::with_capacity(route.to.len());
            for name in &route.to {
                recipients.push(recipient(route, name, notifier)?);
            }
            printer.verbose(&format!(
                "serve: route {}: {}",
                route.name,
                route.to.join(", ")
            ));
            ready.push(Ready {
                route: route.clone(),
                templates,
                recipients,
            });
        }
        let path = crate::state::dir()
            .map(|dir| dir.join("serve-seen.json"))
            .ok_or_else(|| Error::Config("serve: neither XDG_STATE_HOME nor HOME is set".into()))?;
        let seen = Seen::open(&path).map_err(|why| Error::Config(format!("serve: {why}")))?;
        Ok(Relay {
            routes: ready,
            seen,
        })
    }

    /// The routes' names, for the start-up line.
    pub(crate) fn names(&self) -> Vec<&str> {
        self.routes.iter().map(|r| r.route.name.as_str()).collect()
    }

    /// Renders every route's template against a sample alert group: `serve --check`.
    pub(crate) fn check(&self, printer: Printer) -> Result<(), Error> {
        for ready in &self.routes {
            ready.templates.check(&alerts::sample()).map_err(|e| {
                Error::Config(format!(
                    "serve: [routes.{}] template fails on a sample alert: {e}",
                    ready.route.name
                ))
            })?;
            printer.output(&format!(
                "✓ route {}: {} ({})",
                ready.route.name,
                ready.route.to.join(", "),
                ready.route.template.as_deref().map_or_else(
                    || "shipped templates".to_owned(),
                    |p| p.display().to_string()
                )
            ));
        }
        Ok(())
    }

    /// Answers a post to a route (`call` is a `Receive`).
    pub(super) fn receive(&self, app: &App, call: &Call, request: &Request) -> Reply {
        let Call::Receive { receiver, route } = call else {
            return Reply::text(500, "internal error: misrouted");
        };
        let Some(ready) = self.routes.iter().find(|r| &r.route.name == route) else {
            return Reply::text(
                404,
                format!(
                    "not found: no route `{}`",
                    crate::secret::excerpt(route, 64)
                ),
            );
        };
        if request.method != "POST" {
            return Reply::text(405, format!("method {} not allowed", request.method))
                .with_header("Allow", "POST");
        }
        app.metrics.received(receiver.name(), route);
        match receiver {
            Receiver::Alerts(source) => match alerts::parse(*source, &request.body) {
                Ok(group) => self.alerts(app, ready, &group),
                Err(reason) => Reply::text(400, reason),
            },
            Receiver::Send => match posted(request) {
                Ok(posted) => {
                    let messages: Vec<_> =
                        ready.recipients.iter().map(|r| posted.message(r)).collect();
                    queue(app, &ready.route.name, &messages)
                }
                Err(reason) => Reply::text(400, reason),
            },
        }
    }

    /// An alert group: left out when its state was queued within the route's window, else rendered for
    /// each recipient and queued.
    fn alerts(&self, app: &App, ready: &Ready, group: &Group) -> Reply {
        let name = &ready.route.name;
        let now = unix_now();
        let state = group.state(name);
        let reserved = state
            .as_deref()
            .map(|s| self.seen.reserve(s, now, ready.route.repeat.as_secs()));
        if let Some(Reserved::Repeat(at)) = reserved {
            app.printer.note(&format!(
                "serve: route {name}: group {} unchanged since {} (within repeat {}): not sent again",
                group.title,
                history::utc(at),
                crate::period::Human(ready.route.repeat)
            ));
            return Reply::json(&serde_json::json!({"queued": 0, "repeat": true}));
        }
        let messages: Vec<_> = ready
            .recipients
            .iter()
            .map(|r| render(app, ready, group, r))
            .collect();
        let reply = queue(app, name, &messages);
        match (state, reserved) {
            (Some(state), Some(Reserved::New(before))) if reply.status != 200 => {
                self.seen.release(&state, before);
            }
            (Some(_), _) => {
                if let Err(e) = self.seen.keep(now) {
                    app.printer.note(&format!(
                        "serve: warning: cannot save the repeat window: {e}"
                    ));
                }
            }
            (None, _) => {}
        }
        reply
    }
}

/// A route's channel or target, resolved with the options its messages will carry.
fn recipient(route: &Route, name: &str, notifier: &dyn Notifier) -> Result<Recipient, Error> {
    let explain = |e: Error| match e {
        Error::Config(why) => Error::Config(format!("serve: [routes.{}] to: {why}", route.name)),
        other => Error::Config(format!("serve: [routes.{}] to: {other}", route.name)),
    };
    let plain = notifier.destination(name, &[]).map_err(explain)?;
    let style = Style::of(plain.channel);
    let destination = if style == Style::Text {
        plain
    } else {
        let options = style.options(Some(&longest_title()), true);
        notifier.destination(name, &options).map_err(explain)?
    };
    Ok(Recipient {
        name: name.to_owned(),
        destination,
        style,
    })
}

/// The group as `recipient`'s messages, with the route's template (or the shipped one for its channel).
fn render<'a>(app: &App, ready: &Ready, group: &Group, recipient: &'a Recipient) -> Message<'a> {
    let mut failed = None;
    let parts = group.messages(
        ready.route.max_alerts,
        recipient.destination.budget,
        &mut |data| {
            let rendered = ready.templates.render(recipient.style, data);
            failed = failed.take().or(rendered.fallback);
            rendered.text
        },
    );
    if let Some(e) = failed {
        app.printer.note(&format!(
            "serve: route {}: error: the template failed ({e}); {} sent with the shipped template",
            ready.route.name, group.title
        ));
    }
    let markdown = recipient.style != Style::Text;
    Message {
        recipient,
        parts,
        options: recipient.style.options(Some(&group.title), markdown),
    }
}

/// `/send`'s body: JSON `{"text","title","markdown"}`, or the text itself.
struct Posted {
    text: String,
    title: Option<String>,
    markdown: bool,
}

fn posted(request: &Request) -> Result<Posted, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Json {
        text: String,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        markdown: bool,
    }
    let posted = if request.json {
        let json: Json = serde_json::from_slice(&request.body).map_err(|e| {
            format!(
                "the body is not {{\"text\": \"…\", \"title\": \"…\", \"markdown\": false}}: {e}"
            )
        })?;
        Posted {
            text: json.text,
            title: json.title.filter(|t| !t.trim().is_empty()),
            markdown: json.markdown,
        }
    } else {
        let text = String::from_utf8(request.body.clone())
            .map_err(|_| "the body is not UTF-8 text".to_owned())?;
        Posted {
            text,
            title: None,
            markdown: false,
        }
    };
    if posted.text.trim().is_empty() {
        return Err("the message is empty".into());
    }
    Ok(posted)
}

impl Posted {
    /// The message as `recipient` shows it: the title in its own field where the channel has one, else
    /// as the first line.
    fn message<'a>(&self, recipient: &'a Recipient) -> Message<'a> {
        let style = recipient.style;
        let text = match &self.title {
            Some(title) if !style.takes_title() => format!("{title}\n\n{}", self.text),
            _ => self.text.clone(),
        };
        Message {
            recipient,
            parts: vec![text],
            options: style.options(self.title.as_deref(), self.markdown),
        }
    }
}

/// Queues every message, all or none: a failure takes back what was written and answers 503, so the
/// sender retries and nothing is sent twice. 200 `{"queued":N}` counts the messages the robots get.
fn queue(app: &App, route: &str, messages: &[Message<'_>]) -> Reply {
    let now = unix_now();
    let entries = messages.iter().map(|message| {
        let mut entry = Entry::new(&message.recipient.name, message.parts.clone(), now);
        entry.options.clone_from(&message.options);
        entry.route = Some(route.to_owned());
        entry
    });
    let written = match app.courier.queue_all(entries.collect()) {
        Ok(ids) => ids,
        Err(e) => {
            let reason = format!(
                "cannot write the outbox {}: {e}",
                app.courier.outbox().dir().display()
            );
            app.printer
                .note(&format!("serve: error: route {route}: {reason}"));
            return Reply::text(503, format!("not queued: {reason}"));
        }
    };
    let mut total = 0;
    for (message, id) in messages.iter().zip(&written) {
        total += message.parts.len();
        app.metrics
            .queued(route, &message.recipient.name, message.parts.len());
        record_queued(app.printer, route, message, id);
    }
    Reply::json(&serde_json::json!({ "queued": total }))
}

/// The history's `queued` record, with the route and the target.
fn record_queued(printer: Printer, route: &str, message: &Message<'_>, id: &str) {
    let destination = &message.recipient.destination;
    let target = Target {
        route: Some(crate::error::intern(route)),
        ..Target::new(destination.channel, Vec::new())
            .named(destination.target.as_deref().map(crate::error::intern))
    };
    history::append(
        &history::Attempt {
            target: &target,
            limit_key: None,
            body: &message.parts.join("\n"),
            parts: message.parts.len(),
            result: &Ok(Delivery::default()),
            outbox: Some(Outboxed {
                id,
                event: Event::Queued,
            }),
        },
        printer,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_receiver_and_the_route() {
        assert_eq!(Call::of("/metrics"), Some(Call::Metrics));
        assert_eq!(
            Call::of("/alertmanager/ops"),
            Some(Call::Receive {
                receiver: Receiver::Alerts(Source::Alertmanager),
                route: "ops".into()
            })
        );
        assert_eq!(
            Call::of("/send/db"),
            Some(Call::Receive {
                receiver: Receiver::Send,
                route: "db".into()
            })
        );
        assert_eq!(Call::of("/api/send"), None);
        assert_eq!(Call::of("/grafanax/ops"), None);
    }

    fn request(json: bool, body: &str) -> Request {
        Request {
            method: "POST".into(),
            json,
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn send_takes_json_or_plain_text_and_refuses_the_rest() {
        let json = posted(&request(
            true,
            r#"{"text":"disk full","title":"db1","markdown":true}"#,
        ))
        .expect("json");
        assert_eq!(
            (json.text.as_str(), json.title.as_deref(), json.markdown),
            ("disk full", Some("db1"), true)
        );
        let plain = posted(&request(false, "backup done")).expect("text");
        assert_eq!((plain.text.as_str(), plain.title), ("backup done", None));
        for (is_json, body) in [(true, "{\"txt\":\"x\"}"), (true, "nope"), (false, "  \n")] {
            assert!(posted(&request(is_json, body)).is_err(), "{body}");
        }
    }
}
