//! `sendmsg webhook`: any HTTP endpoint (ntfy, Gotify, an alert gateway), the message filled into a URL
//! and a body template.

mod args;
mod check;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, WebhookArgs};

use super::checkup::{Net, Report};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;

impl Front for WebhookArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        let mut webhook = settings::webhook(self, how)?;
        let text = self.body.text_or_read(text)?;
        webhook.title = settings::title(self, &text);
        Plan::text(Box::new(webhook), text, &self.body)
    }

    fn check(&self, net: Net, report: &mut Report) {
        check::check(self, net, report);
    }

    fn body_mut(&mut self) -> Option<&mut BodyArgs> {
        Some(&mut self.body)
    }

    /// An endpoint's codes are its own: nothing is known about them.
    fn hints() -> Tables {
        &[]
    }
}
