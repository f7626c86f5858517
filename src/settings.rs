//! Resolving settings: the one place where required settings are checked and named, so a missing
//! credential is always reported the same way, by every channel and by `check`.

use crate::error::{Error, Exit};
use crate::origin::{Origin, Setting, is_destination};
use crate::output::Printer;
use std::cell::RefCell;

/// How settings are being resolved: a dry-run needs no account, since it shows `***` either way; the
/// scope says where each value came from, for the errors and warnings about them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolve<'a> {
    pub dry_run: bool,
    pub printer: Printer,
    pub scope: &'a Scope,
    /// `check`'s resolution: what a send would warn about (or, as a dry-run, find missing) is kept
    /// here for its ✗ lines instead of printed.
    pub findings: Option<&'a RefCell<Vec<Error>>>,
}

impl<'a> Resolve<'a> {
    /// A send's resolution (not a dry-run) under `scope`.
    pub(crate) fn new(printer: Printer, scope: &'a Scope) -> Self {
        Self {
            dry_run: false,
            printer,
            scope,
            findings: None,
        }
    }

    /// A warning about a setting, located and worded as its error would be.
    pub(crate) fn warn(&self, problem: Error) {
        self.note(problem, None);
    }

    /// A missing setting a dry-run goes on without.
    fn missing(&self, problem: Error) {
        self.note(problem, Some("a real send would fail (exit 3)"));
    }

    fn note(&self, problem: Error, then: Option<&str>) {
        let problem = self.scope.locate(problem);
        match (self.findings, then) {
            (Some(findings), _) => findings.borrow_mut().push(problem),
            (None, Some(then)) => self
                .printer
                .note(&format!("warning: {}", problem.with_fix(then))),
            (None, None) => self.printer.note(&format!("warning: {problem}")),
        }
    }
}

/// Where the values of one channel's resolution came from: the named target (if any) and the origin of
/// each value given. An error about a setting is located through it, once, by its fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    pub channel: &'static str,
    /// The named target and its file as shown.
    pub target: Option<(String, String)>,
    /// Every value given, with its origin.
    pub settings: Vec<Setting>,
    /// Each option: its variable (if any), its `--long`, its key in a target.
    pub options: Vec<OptionName>,
}

/// The names one option goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OptionName {
    pub var: Option<String>,
    pub long: String,
    pub key: String,
}

impl Scope {
    /// `err` with its settings' origins and the target filled in, when it is about this channel.
    pub(crate) fn locate(&self, err: Error) -> Error {
        let err = match err {
            Error::Setting(mut e) if e.channel == self.channel => {
                for named in &mut e.settings {
                    // A parse records an option by its variable, or by `--long` where it has none
                    // (a target's parse has none).
                    let option = self.option(&named.name);
                    let is_it = |name: &str| match option {
                        Some(o) => o.var.as_deref() == Some(name) || o.long == name,
                        None => named.name == name,
                    };
                    named.origin = self
                        .settings
                        .iter()
                        .find(|s| is_it(&s.name))
                        .map(|s| s.origin.clone())
                        .filter(|o| *o != Origin::Default);
                    named.key = option.map(|o| o.key.clone());
                }
                e.file = self.target.as_ref().map(|(file, _)| file.clone());
                Error::Setting(e)
            }
            other => other,
        };
        match &self.target {
            Some((_, target)) => err.in_target(self.channel, target),
            None => err,
        }
    }

    /// How `check` names a setting: its key in a target (`config.toml [targets.ops] access_token`),
    /// else its variable.
    pub(crate) fn subject(&self, name: &str) -> String {
        match (&self.target, self.option(name)) {
            (Some((file, target)), Some(option)) => {
                format!("{file} [targets.{target}] {}", option.key)
            }
            _ => name.to_owned(),
        }
    }

    /// Whether the resolution was given a value for the setting `name` (its variable or `--long`).
    pub(crate) fn given(&self, name: &str) -> bool {
        let option = self.option(name);
        self.settings.iter().any(|s| match option {
            Some(o) => o.var.as_deref() == Some(s.name.as_str()) || o.long == s.name,
            None => s.name == name,
        })
    }

    /// How a fix names a setting: its key in a target (`access_token`), else its variable.
    pub(crate) fn name(&self, name: &str) -> String {
        match (&self.target, self.option(name)) {
            (Some(_), Some(option)) => option.key.clone(),
            _ => name.to_owned(),
        }
    }

    fn option(&self, name: &str) -> Option<&OptionName> {
        self.options
            .iter()
            .find(|o| o.var.as_deref() == Some(name) || o.long == name)
    }
}

/// A credential the channel cannot work without.
pub(crate) fn required(
    channel: &str,
    var: &str,
    value: Option<&str>,
    how: Resolve<'_>,
) -> Result<Option<String>, Error> {
    Ok(required_all(channel, [(var, value)], None, how)?.map(|[v]| v))
}

/// Settings that only work together: every missing one is named in one message, with `fix` when the
/// channel has more to say. `None` on a dry-run with something missing.
pub(crate) fn required_all<const N: usize>(
    channel: &str,
    vars: [(&str, Option<&str>); N],
    fix: Option<&str>,
    how: Resolve<'_>,
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
    if missing.is_empty() {
        return Ok(Some(values.map(Option::unwrap_or_default)));
    }
    let mut err = Error::missing(channel, &missing);
    if let Some(fix) = fix {
        err = err.with_fix(fix);
    }
    if how.dry_run {
        how.missing(err);
        return Ok(None);
    }
    Err(err)
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
        _ => Err(Error::invalid(
            channel,
            var,
            value,
            "is not an http:// or https:// URL",
            Exit::Config,
        )),
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
            scope: &Scope::default(),
            findings: None,
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
            None,
            real,
        );
        assert_eq!(
            both.err().map(|e| e.to_string()).as_deref(),
            Some("wecom: A, C are not set (put them in the environment or in .env)")
        );
    }

    #[test]
    fn an_error_is_located_by_its_fields_and_worded_once() {
        let options = vec![OptionName {
            var: Some("EMAIL_TO".into()),
            long: "--to".into(),
            key: "to".into(),
        }];
        let scope = |origin: Option<Origin>, target: bool| Scope {
            channel: "email",
            target: target.then(|| ("config.toml".to_owned(), "ops".to_owned())),
            settings: origin
                .into_iter()
                .map(|origin| Setting {
                    name: if target { "--to" } else { "EMAIL_TO" }.into(),
                    credential: false,
                    destination: false,
                    origin,
                })
                .collect(),
            options: options.clone(),
        };
        let bad = || {
            Error::invalid(
                "email",
                "EMAIL_TO",
                "x",
                "is not an address",
                Exit::BadInput,
            )
        };
        let shown = |scope: Scope| scope.locate(bad()).to_string();
        assert_eq!(
            shown(scope(Some(Origin::Flag("--to".into())), false)),
            "email: --to `x` is not an address"
        );
        assert_eq!(
            shown(scope(Some(Origin::Env("EMAIL_TO".into())), false)),
            "email: EMAIL_TO `x` is not an address"
        );
        let line = Origin::EnvFile {
            var: "EMAIL_TO".into(),
            path: ".env".into(),
            line: 4,
            kind: crate::origin::EnvFileKind::Discovered,
        };
        assert_eq!(
            shown(scope(Some(line), false)),
            "email: .env line 4: EMAIL_TO `x` is not an address"
        );
        let key = Origin::Target {
            file: "config.toml".into(),
            target: "ops".into(),
            key: "to".into(),
            file_origin: Box::new(Origin::Default),
            via: None,
        };
        assert_eq!(
            shown(scope(Some(key), true)),
            "email@ops: config.toml [targets.ops] to `x` is not an address"
        );
        let missing = scope(None, true).locate(Error::missing("email", &["EMAIL_TO"]));
        assert_eq!(
            missing.to_string(),
            "email@ops: config.toml [targets.ops] to is not set"
        );
        assert_eq!(missing.exit(), Exit::Config);
        // Another channel's error is left as it is.
        let other = Error::missing("ding", &["DING_ACCESS_TOKEN"]);
        assert_eq!(
            scope(None, false).locate(other).to_string(),
            "ding: DING_ACCESS_TOKEN is not set (put it in the environment or in .env)"
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
