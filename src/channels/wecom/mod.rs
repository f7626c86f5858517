//! `sendmsg wecom`: a WeCom (企业微信) self-built app message, or a WeCom group robot.

mod args;
mod check;
pub(crate) mod hints;
pub(crate) mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, WecomArgs};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::media::{self, Extra, MediaArgs, MediaOption};
use super::{BodyArgs, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::markdown::{self, Dialect};
use crate::output::Printer;
use crate::settings::Resolve;
use settings::Wecom;

impl Front for WecomArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        let mut wecom = settings::resolve(self, how)?;
        let extras = extras(&wecom, &self.body.media)?;
        let body = self
            .body
            .text_or_read_with_media(text, !extras.is_empty())?;
        let body = rendered(&mut wecom, self, body, how.printer);
        Plan::with_extras(wecom.into_channel(), body, &self.body, extras)
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

/// The body rendered for its message type. A robot's plain `--markdown` sends `markdown_v2` when the body
/// has a table or fenced code (which `markdown` cannot show), else `markdown`.
fn rendered(wecom: &mut Wecom, args: &WecomArgs, body: String, printer: Printer) -> String {
    match wecom {
        Wecom::App(app) if app.markdown => {
            printer.note(
                "warning: wecom: members who read WeCom messages in WeChat (not the WeCom app) see an app's \
                 markdown as \"unsupported message\"; send text to reach them too",
            );
            markdown::render(&body, Dialect::WecomV1)
        }
        Wecom::Robot(robot) if robot.format != RobotFormat::Text => {
            let chosen = !args.markdown_v1 && !args.markdown_v2;
            if chosen && markdown::has_table_or_fence(&body) {
                robot.format = RobotFormat::MarkdownV2;
            }
            if robot.format == RobotFormat::Markdown {
                return markdown::render(&body, Dialect::WecomV1);
            }
            if markdown::has_v1_only_syntax(&body) {
                printer.note(
                    "warning: wecom: markdown_v2 shows no font colours and no <@userid> mentions; \
                     --markdown-v1 keeps them (tables then become monospace lines)",
                );
            }
            body
        }
        _ => body,
    }
}

/// A robot's image (`--image`) and files (`--attach`), each read and checked now; an app takes neither.
fn extras(wecom: &Wecom, args: &MediaArgs) -> Result<Vec<Extra>, Error> {
    let Wecom::Robot(robot) = wecom else {
        args.refuse_others("wecom", &[])?;
        return Ok(Vec::new());
    };
    args.refuse_others("wecom", &[MediaOption::Image, MediaOption::Attach])?;
    let mut extras = Vec::new();
    if let Some(path) = &args.image {
        let media = media::load("wecom", path, &ROBOT_IMAGE)?;
        extras.push(Extra::Message(Box::new(RobotImage {
            hook: robot.hook(),
            media,
        })));
    }
    for path in &args.attach {
        let media = media::load("wecom", path, &ROBOT_FILE)?;
        extras.push(Extra::Upload(Box::new(RobotUpload {
            hook: robot.hook(),
            media,
        })));
    }
    Ok(extras)
}
