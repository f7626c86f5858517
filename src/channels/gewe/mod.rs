//! `sendmsg gewe`: personal WeChat through a self-hosted GeWe gateway, text or an app message.

mod args;
mod check;
pub(crate) mod hints;
pub(crate) mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, GeweArgs};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::plan::refuse_text;
use super::{BodyArgs, Channel, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;
use crate::split;

impl Front for GeweArgs {
    fn plan(&self, text: Option<String>, how: Resolve) -> Result<Plan, Error> {
        self.body.media.refuse_others("gewe", &[])?;
        let gewe = settings::resolve(self, how)?;
        let (text, parts) = match &self.app_xml {
            // An app message is one XML document: never split, and no text of its own.
            Some(path) => {
                refuse_text(text.as_ref(), "gewe --app-xml")?;
                let xml = settings::app_xml(path)?;
                (xml.clone(), vec![xml])
            }
            None => {
                let body = self.body.text_or_read(text)?;
                let policy = self.body.policy();
                let parts = split::fit(&body, gewe.budget(policy.max_bytes), policy)?;
                (body, parts)
            }
        };
        let recipients = gewe.to.clone();
        let targets = settings::targets(&gewe)
            .into_iter()
            .map(|(to, one)| (to, Box::new(one) as Box<dyn Channel>))
            .collect();
        Ok(Plan::Requests {
            targets,
            recipients,
            text,
            parts,
            extras: Vec::new(),
        })
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
