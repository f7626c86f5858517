//! `sendmsg wecom`: a WeCom (企业微信) self-built app message, or a WeCom group robot.

mod args;
mod check;
pub(crate) mod hints;
pub(crate) mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, WecomArgs};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;

impl Front for WecomArgs {
    fn plan(&self, text: Option<String>, how: Resolve) -> Result<Plan, Error> {
        let wecom = settings::resolve(self, how)?;
        let body = self.body.text_or_read(text)?;
        Plan::text(wecom.into_channel(), body, &self.body)
    }

    fn check(&self, net: Net, report: &mut Report) {
        check::check(self, net, report);
    }

    fn body_mut(&mut self) -> Option<&mut BodyArgs> {
        Some(&mut self.body)
    }

    fn hints() -> Tables {
        &[hints::HINTS, super::token::HINTS]
    }
}
