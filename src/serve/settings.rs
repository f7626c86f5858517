//! `sendmsg serve-ddns`'s settings, resolved and validated before listening.

use super::http::Limits;
use crate::cli::ServeDdnsArgs;
use crate::error::Error;
use crate::secret::Secret;
use std::net::ToSocketAddrs;
use std::path::PathBuf;

/// The listener's settings. Without a token it listens only on loopback, unless told otherwise.
pub(crate) fn serve_ddns(
    args: &ServeDdnsArgs,
    config: &crate::targets::Config,
    flags: &[String],
) -> Result<super::Settings, Error> {
    let listen: Vec<_> = args
        .listen
        .to_socket_addrs()
        .map(Iterator::collect)
        .unwrap_or_default();
    if listen.is_empty() {
        let from = crate::settings::option_origin("--listen", flags, "DDNS_LISTEN")
            .map_or_else(|| "--listen".to_owned(), |origin| origin.to_string());
        return Err(Error::config(
            "serve-ddns",
            format!(
                "{from} `{}` is not HOST:PORT (e.g. 127.0.0.1:8080)",
                args.listen
            ),
        ));
    }
    let token = args
        .token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(Secret::new);
    let loopback_only = listen.iter().all(|a| a.ip().is_loopback());
    if token.is_none() && !loopback_only && !args.allow_unauthenticated {
        return Err(Error::config(
            "serve-ddns",
            format!(
                "refusing to listen on {} without a token: set DDNS_TOKEN (or --token), \
             or pass --allow-unauthenticated behind a proxy that authenticates",
                args.listen
            ),
        ));
    }
    let notify = notify_channels(&args.notify, config)?;
    Ok(super::Settings {
        listen,
        store: match &args.store {
            Some(path) => path.clone(),
            None => default_store()?,
        },
        token,
        notify,
        workers: usize::from(args.workers),
        limits: Limits {
            head: test_override("SENDMSG_DDNS_HEAD_TIMEOUT_MS").unwrap_or(Limits::HEAD),
            body: test_override("SENDMSG_DDNS_BODY_TIMEOUT_MS").unwrap_or(Limits::BODY),
            max_connections: usize::try_from(args.max_connections)
                .unwrap_or(Limits::MAX_CONNECTIONS),
        },
        max_age: args.max_age,
        relay: None,
    })
}

/// `sendmsg serve`'s settings: serve-ddns's, and the routes of config.toml.
pub(crate) fn serve(
    args: &crate::cli::ServeArgs,
    config: &crate::targets::Config,
    flags: &[String],
) -> Result<super::Settings, Error> {
    Ok(super::Settings {
        relay: Some(super::route_config::routes(config)?),
        ..serve_ddns(&args.listener, config, flags)?
    })
}

/// Test-only (undocumented for users): milliseconds replacing one of serve-ddns's client deadlines, so
/// the tests of the 10 s head and 30 s body limits take a second.
fn test_override(var: &str) -> Option<std::time::Duration> {
    let ms: u64 = std::env::var(var).ok()?.trim().parse().ok()?;
    Some(std::time::Duration::from_millis(ms))
}

/// `--notify wecom,ding`: the first channel, then each fallback in turn when the one before it fails;
/// `none` (or nothing) for no notifications.
/// A target or a group works as a channel does; a group's targets are fallbacks in its order.
fn notify_channels(given: &str, config: &crate::targets::Config) -> Result<Vec<String>, Error> {
    let names: Vec<&str> = given
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    if names == ["none"] || names.is_empty() {
        return Ok(Vec::new());
    }
    let mut channels: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if channels.iter().any(|c| c == name) {
            return Err(Error::config(
                "serve-ddns",
                format!("DDNS_NOTIFY names `{name}` twice"),
            ));
        }
        channels.push(name.to_owned());
    }
    config
        .expand(&channels, crate::channels::NAMES)
        .map_err(|why| Error::config("serve-ddns", format!("DDNS_NOTIFY: {why}")))
}

/// `$XDG_STATE_HOME/sendmsg/ddns.json`, else `~/.local/state/sendmsg/ddns.json`.
fn default_store() -> Result<PathBuf, Error> {
    crate::state::dir()
        .map(|dir| dir.join("ddns.json"))
        .ok_or_else(|| {
            Error::config(
                "serve-ddns",
                "neither XDG_STATE_HOME nor HOME is set: set DDNS_STORE",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notify_names_a_channel_and_its_fallbacks_in_order() {
        let none = crate::targets::Config::default();
        assert_eq!(notify_channels("none", &none).ok(), Some(vec![]));
        assert_eq!(notify_channels("", &none).ok(), Some(vec![]));
        assert_eq!(
            notify_channels("wecom, ding", &none).ok(),
            Some(vec!["wecom".to_owned(), "ding".to_owned()])
        );
        for bad in ["ding,ding", "wecom,nosuch", "none,ding"] {
            assert!(notify_channels(bad, &none).is_err(), "{bad}");
        }
    }
}
