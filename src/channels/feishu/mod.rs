//! `sendmsg feishu`: a Feishu / Lark custom bot (飞书自定义机器人), signed when a secret is set.

mod app;
mod args;
mod check;
pub(crate) mod hints;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, FeishuArgs};

use super::checkup::{Net, Report};
use super::media::{self, Extra, MediaOption};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::markdown::{Dialect, render};
use crate::settings::Resolve;

impl Front for FeishuArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        let media = &self.body.media;
        media.refuse_others("feishu", &[MediaOption::Image])?;
        let feishu = settings::feishu(self, how)?;
        let extras = match &media.image {
            Some(path) => vec![Extra::Upload(Box::new(app::ImageUpload {
                app: settings::app(self, &feishu, how)?,
                bot: feishu.clone(),
                media: media::load("feishu", path, &app::IMAGE)?,
            }))],
            None => Vec::new(),
        };
        let mut body = self
            .body
            .text_or_read_with_media(text, !extras.is_empty())?;
        if self.markdown {
            body = render(&body, Dialect::Feishu);
        }
        let text = settings::feishu_message(&feishu, self, body);
        Plan::with_extras(Box::new(feishu), text, &self.body, extras)
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
