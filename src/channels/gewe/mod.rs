//! `sendmsg gewe`: personal WeChat through a self-hosted GeWe gateway, text or an app message.

mod args;
mod check;
pub(crate) mod hints;
pub(crate) mod settings;
pub(crate) mod wire;

pub(crate) use args::{EXAMPLES, GeweArgs};
pub(crate) use wire::*;

use super::checkup::{Net, Report};
use super::media::{Extra, MediaArgs, MediaOption, public_url};
use super::plan::refuse_text;
use super::{BodyArgs, Channel, Front, Plan};
use crate::error::Error;
use crate::hints::Tables;
use crate::settings::Resolve;
use crate::split;

impl Front for GeweArgs {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        let gewe = settings::resolve(self, how)?;
        let linked = linked(&gewe, &self.body.media)?;
        let (text, parts) = match &self.app_xml {
            // An app message is one XML document: never split, and no text of its own.
            Some(path) => {
                refuse_text(text.as_ref(), "gewe --app-xml")?;
                let xml = settings::app_xml(path)?;
                (xml.clone(), vec![xml])
            }
            None => {
                let body = self
                    .body
                    .text_or_read_with_media(text, !linked.is_empty())?;
                if body.trim().is_empty() {
                    // Only the image or file: no text part.
                    (body, Vec::new())
                } else {
                    let policy = self.body.policy();
                    let parts = split::fit(&body, gewe.budget(policy.max_bytes), policy)?;
                    (body, parts)
                }
            }
        };
        let recipients = gewe.to.clone();
        let extras = settings::targets(&gewe)
            .into_iter()
            .flat_map(|(_, one)| {
                linked.iter().map(move |what| {
                    Extra::Message(Box::new(ByUrl {
                        gewe: one.clone(),
                        what: what.clone(),
                    }))
                })
            })
            .collect();
        let targets = settings::targets(&gewe)
            .into_iter()
            .map(|(to, one)| (to, Box::new(one) as Box<dyn Channel>))
            .collect();
        Ok(Plan::Requests {
            targets,
            recipients,
            text,
            parts,
            extras,
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

/// `--image-url` and `--attach-url`, checked now: the v2 API's postImage and postFile (the legacy API's
/// calls for them are not documented).
fn linked(gewe: &Gewe, media: &MediaArgs) -> Result<Vec<Linked>, Error> {
    media.refuse_others("gewe", &[MediaOption::ImageUrl, MediaOption::AttachUrl])?;
    let mut linked = Vec::new();
    if let Some(url) = &media.image_url {
        linked.push(Linked::Image(
            public_url("gewe", "--image-url", url)?.to_owned(),
        ));
    }
    if let Some(url) = &media.attach_url {
        let url = public_url("gewe", "--attach-url", url)?;
        let name = url
            .split(['?', '#'])
            .next()
            .and_then(|path| path.rsplit('/').next())
            .filter(|name| !name.is_empty())
            .unwrap_or("file");
        linked.push(Linked::File {
            url: url.to_owned(),
            name: name.to_owned(),
        });
    }
    if !linked.is_empty() && gewe.api != Api::V2 {
        return Err(Error::bad_input(
            "gewe",
            "--image-url and --attach-url need the v2 API (GEWE_API=v2): the legacy API has no \
             documented call for them",
        ));
    }
    Ok(linked)
}
