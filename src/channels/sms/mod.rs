//! `sendmsg sms`: SMS through Aliyun or Tencent Cloud (approved templates, signed requests) or a plain
//! HTTP gateway (free text).

pub(crate) mod aliyun;
mod args;
mod check;
pub(crate) mod hints;
pub(crate) mod http;
pub(crate) mod settings;
pub(crate) mod tencent;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, SmsArgs};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::plan::refuse_text;
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;
use crate::split;

impl Front for SmsArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        self.body.media.refuse_others("sms", &[])?;
        match settings::resolve(self, how)? {
            // The template is the message: one request for every number, no text to fit.
            settings::Sms::Template {
                channel,
                recipients,
                summary,
            } => {
                refuse_text(text.as_ref(), "sms with a template provider")?;
                Ok(Plan::Requests {
                    targets: vec![(String::new(), channel)],
                    recipients,
                    text: summary,
                    parts: vec![String::new()],
                    extras: Vec::new(),
                })
            }
            settings::Sms::Http(gateways) => {
                let body = self.body.text_or_read(text)?;
                // Every part is a paid SMS: splitting must be asked for.
                let policy = self.body.policy_or(split::Overflow::Error);
                let parts = split::fit(&body, http::text_budget(policy.max_bytes), policy)
                    .map_err(|err| match err {
                        Error::BadInput(why) if self.body.overflow.is_none() => Error::bad_input("sms",
                            format!("{why} (each part is a paid SMS, so sms --provider http splits only with --overflow split)"),
                        ),
                        other => other,
                    })?;
                let cost = format!(
                    "sms: this send costs {} SMS ({} part(s) × {} number(s))",
                    parts.len() * gateways.len(),
                    parts.len(),
                    gateways.len()
                );
                if how.dry_run {
                    how.printer.note(&cost);
                } else {
                    how.printer.verbose(&cost);
                }
                let labelled = gateways
                    .into_iter()
                    .map(|g| (g.mobile.as_str().to_owned(), g))
                    .collect();
                Ok(Plan::per_recipient(labelled, body, parts))
            }
        }
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
