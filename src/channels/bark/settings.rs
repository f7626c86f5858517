//! `sendmsg bark`'s settings: from the command line and environment to one [`Bark`] per device key.

use super::args::BarkArgs;
use super::wire::Bark;
use crate::channels::pushes::plain_key;
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::settings::{Resolve, base_url};

pub(super) const KEY_FIX: &str = "copy the key from the Bark app (the part after api.day.app/ in its example URL) into BARK_DEVICE_KEY";

/// The given device keys, trimmed, without empty entries or repeats (a device gets a message once). Each
/// is the key alone or the URL the Bark app shows (`https://api.day.app/KEY/…`) on the server in use.
pub(super) fn device_keys(args: &BarkArgs) -> Result<Vec<String>, Error> {
    let given: Vec<&str> = args
        .device_key
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .collect();
    let mut keys: Vec<String> = Vec::new();
    for (i, value) in given.iter().enumerate() {
        let which = format!("device key {} of {}", i + 1, given.len());
        let key = key_of(value, &args.base_url, &which)?;
        if !plain_key(&key) {
            return Err(Error::config(
                "bark",
                format!(
                    "{which} is malformed: a key is at least 8 letters, digits, `-` or `_`, and this \
                 one is {} characters{}; {KEY_FIX}",
                    key.chars().count(),
                    if key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        ""
                    } else {
                        " with others among them"
                    }
                ),
            ));
        }
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(keys)
}

/// The key of the URL the Bark app shows, which must be on `base_url`'s server; any other value as it is.
fn key_of(value: &str, base_url: &str, which: &str) -> Result<String, Error> {
    if !value.starts_with("https://") && !value.starts_with("http://") {
        return Ok(value.to_owned());
    }
    drop(Secret::new(value));
    let url = reqwest::Url::parse(value).map_err(|e| {
        Error::wrong(
            "bark",
            which,
            format!("is a URL that does not parse ({e}); {KEY_FIX}"),
            Exit::Config,
        )
    })?;
    let origin = url.origin().ascii_serialization();
    let base = base_url.trim().trim_end_matches('/');
    if origin != base {
        return Err(Error::config(
            "bark",
            format!(
                "{which} is a URL of {origin}, but the server in use is {base} (BARK_BASE_URL): set \
             BARK_BASE_URL={origin}, or give the key alone"
            ),
        ));
    }
    let key = url
        .path_segments()
        .and_then(|mut segments| segments.find(|s| !s.is_empty()))
        .unwrap_or_default();
    drop(Secret::new(key));
    Ok(key.to_owned())
}

/// One channel per device key. A dry-run without a key shows one request with `***`.
pub(super) fn resolve(args: &BarkArgs, how: Resolve<'_>) -> Result<Vec<Bark>, Error> {
    let keys = device_keys(args)?;
    let keys: Vec<Secret> = match crate::settings::required(
        "bark",
        "BARK_DEVICE_KEY",
        keys.first().map(String::as_str),
        how,
    )? {
        Some(_) => keys.into_iter().map(Secret::new).collect(),
        None => vec![Secret::default()],
    };
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let base = base_url("bark", "BARK_BASE_URL", &args.base_url)?;
    Ok(keys
        .into_iter()
        .map(|device_key| Bark {
            device_key,
            base_url: base.clone(),
            title: text(&args.title),
            group: text(&args.group),
            level: args.level,
            url: text(&args.url),
            sound: text(&args.sound),
        })
        .collect())
}
