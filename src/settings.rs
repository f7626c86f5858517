//! Resolving settings: the one place where required settings are checked and named, so a missing
//! credential is always reported the same way, by every channel and by `check`.

use crate::error::Error;
use crate::origin::{Origin, Setting, is_destination};
use crate::output::Printer;

/// How settings are being resolved: a dry-run needs no account, since it shows `***` either way.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolve {
    pub dry_run: bool,
    pub printer: Printer,
}

/// A credential the channel cannot work without.
pub(crate) fn required(
    channel: &str,
    var: &str,
    value: Option<&str>,
    how: Resolve,
) -> Result<Option<String>, Error> {
    Ok(required_all(channel, [(var, value)], how)?.map(|[v]| v))
}

/// Settings that only work together: every missing one is named in one message. `None` on a dry-run with
/// something missing.
pub(crate) fn required_all<const N: usize>(
    channel: &str,
    vars: [(&str, Option<&str>); N],
    how: Resolve,
) -> Result<Option<[String; N]>, Error> {
    let values = vars.map(|(_, v)| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    });
    let missing: Vec<&str> = vars
        .iter()
        .zip(&values)
        .filter(|(_, v)| v.is_none())
        .map(|((var, _), _)| *var)
        .collect();
    let (verb, pronoun) = if missing.len() == 1 {
        ("is", "it")
    } else {
        ("are", "them")
    };
    match missing.as_slice() {
        [] => Ok(Some(values.map(Option::unwrap_or_default))),
        _ if how.dry_run => {
            how.printer.note(&format!(
                "warning: {channel}: {} {verb} not set; a real send would fail (exit 3)",
                missing.join(", ")
            ));
            Ok(None)
        }
        _ => Err(Error::Config(format!(
            "{channel}: {} {verb} not set (put {pronoun} in the environment or in .env)",
            missing.join(", ")
        ))),
    }
}

/// Where a setting came from, for an error about its value: the flag when it is on the command line
/// (clap lets it win), else the variable and, when the env file set it, its line (`.env line 4: EMAIL_TO`).
pub(crate) fn source(flag: &str, var: &str) -> String {
    if on_command_line(flag) || std::env::var_os(var).is_none() {
        return flag.to_owned();
    }
    crate::env_file::origin(var).map_or_else(|| var.to_owned(), |origin| origin.to_string())
}

/// The origin of an option of a command line: `--long` when given there (clap's `value_source`, recorded
/// in `flags`), else its variable's.
pub(crate) fn option_origin(long: &str, flags: &[String], var: &str) -> Option<Origin> {
    if flags.iter().any(|f| f == long) {
        return Some(Origin::Flag(long.to_owned()));
    }
    crate::env_file::origin(var)
}

/// The settings every request of this process depends on, whichever channel sends it: the proxies, the
/// CA certificates TLS trusts, and the directories sendmsg reads its state and cache from.
pub(crate) fn ambient() -> Vec<Setting> {
    const FIXED: &[&str] = &[
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "SENDMSG_CACHE_DIR",
        "SENDMSG_STATE",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ];
    let proxies = std::env::vars_os()
        .filter_map(|(name, _)| name.into_string().ok())
        .filter(|name| is_destination(name) && name.to_ascii_uppercase().ends_with("_PROXY"));
    FIXED
        .iter()
        .map(|v| (*v).to_owned())
        .chain(proxies)
        .filter_map(|name| {
            let origin = crate::env_file::origin(&name)?;
            Some(Setting {
                name,
                credential: false,
                destination: true,
                origin,
            })
        })
        .collect()
}

/// Whether `flag` is given on this run's command line (before any `--`).
pub(crate) fn on_command_line(flag: &str) -> bool {
    std::env::args_os()
        .map(|arg| arg.to_string_lossy().into_owned())
        .take_while(|arg| arg != "--")
        .any(|arg| {
            arg == flag
                || arg
                    .strip_prefix(flag)
                    .is_some_and(|rest| rest.starts_with('='))
        })
}

/// A base URL: http or https, no trailing slash.
pub(crate) fn base_url(channel: &str, var: &str, value: &str) -> Result<String, Error> {
    crate::secret::register_url(value);
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            Ok(trimmed.to_owned())
        }
        _ => Err(Error::Config(format!(
            "{channel}: {var} must be an http:// or https:// URL, got `{value}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_credential_names_its_variable_unless_dry_run() {
        let real = Resolve {
            dry_run: false,
            printer: Printer::default(),
        };
        let dry = Resolve {
            dry_run: true,
            ..real
        };
        let err = required("ding", "DING_ACCESS_TOKEN", None, real)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("ding: DING_ACCESS_TOKEN is not set (put it in the environment or in .env)")
        );
        assert_eq!(required("ding", "X", Some("  "), dry).ok(), Some(None));
        let both = required_all(
            "wecom",
            [("A", None), ("B", Some("b")), ("C", Some(" "))],
            real,
        );
        assert_eq!(
            both.err().map(|e| e.to_string()).as_deref(),
            Some("wecom: A, C are not set (put them in the environment or in .env)")
        );
    }

    #[test]
    fn base_urls_must_be_http() {
        assert_eq!(
            base_url("d", "V", "http://127.0.0.1:9/").ok().as_deref(),
            Some("http://127.0.0.1:9")
        );
        for bad in ["ftp://x", "127.0.0.1", "https://", "http://a b"] {
            assert_eq!(
                base_url("d", "V", bad).err().map(|e| e.exit().code()),
                Some(3),
                "{bad}"
            );
        }
    }
}
