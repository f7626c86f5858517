//! `sendmsg pushplus`: PushPlus (推送加), WeChat pushes to yourself or a group.

mod args;
mod check;
pub(crate) mod hints;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, PushPlusArgs};

use super::checkup::{Net, Report};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;

impl Front for PushPlusArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        let mut pushplus = settings::resolve(self, how)?;
        let body = self.body.text_or_read(text)?;
        settings::default_title(&mut pushplus, &body);
        Plan::text(Box::new(pushplus), body, &self.body)
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
