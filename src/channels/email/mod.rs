//! `sendmsg email`: one message in one SMTP session (lettre), never split.

mod args;
mod check;
pub(crate) mod hints;
mod session;
mod settings;
mod smtp;
mod tls;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, EmailArgs};
pub(crate) use session::{Delivery, probe, reply_line, reply_text, send};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::media::MediaOption;
use super::{BodyArgs, Front, Plan, SendSettings};
use crate::body;
use crate::error::Error;
use crate::hints::Tables;
use crate::outgoing::{Outgoing, Target};
use crate::settings::Resolve;
use crate::transport::RetryPolicy;

impl Front for EmailArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        self.body
            .media
            .refuse_others("email", &[MediaOption::Attach, MediaOption::Image])?;
        let server = settings::smtp_server(self, how)?;
        // Attachments are a message of their own: the text may be empty.
        let body = match text {
            Some(text) => text,
            None if self.body.media.attach.is_empty() && self.body.media.image.is_none() => {
                self.body.read()?
            }
            None => self.body.read_with(body::read_optional)?,
        };
        let email = settings::email_message(self, body, how)?;
        Ok(Plan::Email(Box::new(Ready { server, email })))
    }

    fn check(&self, net: Net, report: &mut Report) {
        check::check(self, net, report);
    }

    fn body_mut(&mut self) -> Option<&mut BodyArgs> {
        Some(&mut self.body)
    }

    fn hints() -> Tables {
        &[hints::HINTS]
    }
}

/// A message and the server it goes to, every address parsed and every attachment read.
pub(crate) struct Ready {
    server: Server,
    email: Email,
}

impl Ready {
    /// The SMTP server and its login, for the outbox to pin.
    pub(crate) fn route(&self, route: &mut crate::outbox::Route) {
        let server = &self.server;
        route.endpoint(format!(
            "smtp {} {}:{}",
            server.security.name(),
            server.host,
            server.port
        ));
        if let Some((user, password)) = &server.login {
            route.secret("email SMTP_USER".into(), user);
            route.secret("email SMTP_PASSWORD".into(), password.expose());
        }
    }

    /// Builds the message now (so a bad one fails before anything is counted or sent), and prints it on a
    /// dry-run or sends it in one SMTP session when the [`Outgoing`] goes.
    pub(crate) fn into_outgoing(self, settings: SendSettings) -> Result<Outgoing, Error> {
        let Self { server, email } = self;
        let recipients = [&email.to, &email.cc, &email.bcc]
            .into_iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        let target = Target::new("email", recipients).named(settings.target);
        let label = target.label();
        let message = if settings.dry_run {
            None
        } else {
            Some(email.to_message()?)
        };
        let dry_run_line =
            crate::transport::with_target(email.dry_run_line(&server), settings.target);
        let printer = settings.printer;
        let delivery = Delivery {
            timeout: settings.timeout,
            retry: RetryPolicy::new(settings.retries),
            printer,
            advise_queue: settings.advise_queue,
        };
        Ok(Outgoing::new(target, email.body, 1, move || {
            let Some(message) = message else {
                printer.dry_run(&dry_run_line);
                return Ok(crate::outgoing::Delivery::default());
            };
            let reply = send(&server, &message, delivery)?;
            let line = reply_line(&reply);
            let code = reply.code;
            let text = reply_text(&reply);
            let count = message.envelope().to().len();
            let noun = if count == 1 {
                "recipient"
            } else {
                "recipients"
            };
            printer.note(&format!("{label}: sent to {count} {noun} ({line})"));
            Ok(crate::outgoing::Delivery {
                message_ids: vec![line],
                replies: vec![serde_json::json!({ "code": code, "message": text })],
            })
        }))
    }
}
