//! `sendmsg template`: a WeChat Official Account (公众号) template message, directly or through a notices
//! gateway. Its content comes from its options, never from free text.

mod args;
mod check;
pub(crate) mod hints;
pub(crate) mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, TemplateArgs};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::plan::refuse_text;
use super::{BodyArgs, Front, Plan, read_stdin_value};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;

impl Front for TemplateArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        refuse_text(text.as_ref(), "template")?;
        let notices = settings::resolve(self, how, read_stdin_value)?;
        let recipients = notices.sends.iter().map(|(to, _)| to.clone()).collect();
        Ok(Plan::Requests {
            targets: notices.sends,
            recipients,
            text: notices.summary,
            parts: vec![String::new()],
            extras: Vec::new(),
        })
    }

    fn check(&self, net: Net, report: &mut Report) {
        check::check(self, net, report);
    }

    fn body_mut(&mut self) -> Option<&mut BodyArgs> {
        None
    }

    fn hints() -> Tables {
        &[hints::HINTS, super::token::HINTS]
    }
}
