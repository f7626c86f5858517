//! `sendmsg bark`: Bark (iOS push), one push per device key.

mod args;
mod check;
pub(crate) mod hints;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{BarkArgs, EXAMPLES};

use super::checkup::{Net, Report};
use super::{BodyArgs, Channel, Front, Plan};
use crate::error::{Error, Exit};
use crate::hints::Tables;
use crate::settings::Resolve;
use crate::split;

impl Front for BarkArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        self.body.media.refuse_others("bark", &[])?;
        let devices = settings::resolve(self, how)?;
        let body = self.body.text_or_read(text)?;
        let policy = self.body.policy();
        // Every device gets the same parts, so they must fit the tightest budget (keys differ in length).
        let Some(budget) = devices
            .iter()
            .map(|d| d.budget(policy.max_bytes))
            .min_by_key(|b| b.max)
        else {
            return Err(Error::wrong(
                "bark",
                "BARK_DEVICE_KEY",
                "is not set",
                Exit::Config,
            ));
        };
        let parts = split::fit(&body, budget, policy)?;
        let labelled = devices.into_iter().map(|d| (d.label(), d)).collect();
        Ok(Plan::per_recipient(labelled, body, parts))
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
