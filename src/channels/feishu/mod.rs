//! `sendmsg feishu`: a Feishu / Lark custom bot (飞书自定义机器人), signed when a secret is set.

mod args;
mod check;
pub(crate) mod hints;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, FeishuArgs};

use super::checkup::{Net, Report};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::markdown::{Dialect, render};
use crate::settings::Resolve;

impl Front for FeishuArgs {
    fn plan(&self, text: Option<String>, how: Resolve) -> Result<Plan, Error> {
        let feishu = settings::feishu(self, how)?;
        let mut body = self.body.text_or_read(text)?;
        if self.markdown {
            body = render(&body, Dialect::Feishu);
        }
        let text = settings::feishu_message(&feishu, self, body);
        Plan::text(Box::new(feishu), text, &self.body)
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
