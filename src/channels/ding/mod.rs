//! `sendmsg ding`: a DingTalk custom robot (钉钉自定义机器人), signed with 加签 when a secret is set.

mod args;
mod check;
pub(crate) mod hints;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{DingArgs, EXAMPLES};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::markdown::{Dialect, render};
use crate::settings::Resolve;

impl Front for DingArgs {
    fn plan(&self, text: Option<String>, how: Resolve) -> Result<Plan, Error> {
        let mut ding = settings::ding(self, how)?;
        let mut body = self.body.text_or_read(text)?;
        if self.markdown {
            body = render(&body, Dialect::Ding);
        }
        let text = settings::ding_message(&mut ding, self, body);
        Plan::text(Box::new(ding), text, &self.body)
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
