//! `sendmsg gewe` settings: the gateway, its token and device, recipients, and the app XML file.

use super::args::GeweArgs;
use crate::channels::gewe::{self, Gewe, Kind};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url, required};
use std::path::Path;

/// The gateway addressed to every recipient; `targets` splits it when the API takes one per request.
pub(crate) fn resolve(args: &GeweArgs, how: Resolve<'_>) -> Result<Gewe, Error> {
    let to: Vec<String> = args
        .to
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if to.is_empty() {
        // A missing recipient is a missing setting, as in every channel (exit 3).
        return Err(Error::no_recipient("gewe", "--to WXID", "GEWE_TO"));
    }
    if let Some(bad) = to.iter().find(|w| !gewe::valid_recipient(w)) {
        return Err(Error::invalid(
            "gewe",
            "GEWE_TO",
            bad,
            "is not a wxid or a group id (ID@chatroom); nothing was sent",
            Exit::BadInput,
        ));
    }
    if let Some(bad) = args.at.iter().find(|w| !gewe::valid_mention(w)) {
        return Err(Error::invalid(
            "gewe",
            "--at",
            bad,
            format!(
                "is not a member's wxid (or {}); nothing was sent",
                gewe::MENTION_ALL
            ),
            Exit::BadInput,
        ));
    }
    if !args.at.is_empty() && !to.iter().any(|t| gewe::is_chatroom(t)) {
        return Err(Error::bad_input(
            "gewe",
            "--at mentions work only in a group, and no --to is a group id (ID@chatroom)",
        ));
    }
    let base = required("gewe", "GEWE_BASE_URL", args.base_url.as_deref(), how)?;
    let token = required("gewe", "GEWE_TOKEN", args.token.as_deref(), how)?;
    let app_id = required("gewe", "GEWE_APP_ID", args.app_id.as_deref(), how)?;
    if let Some(bad) = app_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !gewe::valid_app_id(id))
    {
        return Err(app_id_error(bad));
    }
    Ok(Gewe {
        base_url: match base {
            Some(url) => base_url("gewe", "GEWE_BASE_URL", &url)?,
            None => "http://GEWE_BASE_URL".into(),
        },
        token: token.map(Secret::new).unwrap_or_default(),
        app_id: app_id.unwrap_or_default(),
        api: args.api,
        kind: if args.app_xml.is_some() {
            Kind::App
        } else {
            Kind::Text
        },
        to,
        at: args.at.clone(),
    })
}

/// A device id not in GeWe's shape: a copied wxid or token instead of the app id.
pub(crate) fn app_id_error(given: &str) -> Error {
    Error::invalid(
        "gewe",
        "GEWE_APP_ID",
        given,
        "is not a device app id (wx_ then letters and digits, as the gateway's login returned it)",
        Exit::Config,
    )
}

/// One channel per request: all recipients at once for a legacy text, else one each.
pub(crate) fn targets(gewe: &Gewe) -> Vec<(String, Gewe)> {
    if Gewe::fans_out(gewe.api, gewe.kind) {
        return vec![(gewe.to.join(", "), gewe.clone())];
    }
    gewe.to
        .iter()
        .map(|to| {
            let one = Gewe {
                to: vec![to.clone()],
                ..gewe.clone()
            };
            (to.clone(), one)
        })
        .collect()
}

/// The `<appmsg>` node of `--app-xml FILE`, checked before anything is sent.
pub(crate) fn app_xml(path: &Path) -> Result<String, Error> {
    let bytes = crate::body::read_file(path).map_err(|e| {
        Error::bad_input(
            "gewe",
            format!("cannot read --app-xml {}: {e}", path.display()),
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    gewe::appmsg_node(&text).map(str::to_owned).ok_or_else(|| {
        Error::bad_input(
            "gewe",
            format!(
                "--app-xml {} holds no <appmsg>…</appmsg> element; nothing was sent",
                path.display()
            ),
        )
    })
}
