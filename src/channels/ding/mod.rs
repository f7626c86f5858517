//! `sendmsg ding`: a DingTalk custom robot (钉钉自定义机器人), signed with 加签 when a secret is set.

mod args;
mod check;
pub(crate) mod hints;
mod settings;
pub(crate) mod wire;

pub(crate) use args::{DingArgs, EXAMPLES};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::media::{MediaOption, public_url};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::markdown::{Dialect, render};
use crate::settings::Resolve;

impl Front for DingArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        let media = &self.body.media;
        media.refuse_others("ding", &[MediaOption::ImageUrl])?;
        let image = media
            .image_url
            .as_deref()
            .map(|url| public_url("ding", "--image-url", url))
            .transpose()?;
        let mut ding = settings::ding(self, how)?;
        let mut body = self.body.text_or_read_with_media(text, image.is_some())?;
        if self.markdown {
            body = render(&body, Dialect::Ding);
        }
        let mut text = settings::ding_message(&mut ding, self, body);
        if let Some(url) = image {
            // A robot shows an image only by its public URL, inside a markdown message.
            text = if text.trim().is_empty() {
                format!("![image]({url})")
            } else {
                format!("{text}\n\n![image]({url})")
            };
        }
        Plan::with_extras(Box::new(ding), text, &self.body, Vec::new())
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
