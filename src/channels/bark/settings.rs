//! `sendmsg bark`'s settings: from the command line and environment to one [`Bark`] per device key.

use super::args::BarkArgs;
use super::wire::Bark;
use crate::channels::pushes::plain_key;
use crate::error::Error;
use crate::secret::Secret;
use crate::settings::{Resolve, base_url};

pub(super) const KEY_FIX: &str = "copy the key from the Bark app (the part after api.day.app/ in its example URL) into BARK_DEVICE_KEY";

/// The given device keys, trimmed, without empty entries or repeats (a device gets a message once).
pub(super) fn device_keys(args: &BarkArgs) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::new();
    for key in args
        .device_key
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
    {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

pub(super) fn key_error() -> Error {
    Error::Config(format!(
        "bark: a device key is malformed: expected the key alone (letters and digits); {KEY_FIX}"
    ))
}

/// One channel per device key. A dry-run without a key shows one request with `***`.
pub(super) fn resolve(args: &BarkArgs, how: Resolve) -> Result<Vec<Bark>, Error> {
    let keys = device_keys(args);
    if keys.iter().any(|k| !plain_key(k)) {
        return Err(key_error());
    }
    let keys: Vec<Secret> =
        match crate::settings::required("bark", "BARK_DEVICE_KEY", keys.first().copied(), how)? {
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
