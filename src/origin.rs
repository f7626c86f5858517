//! Where each value a run uses came from, recorded once when it is read (clap's `value_source`, the env
//! files' own records, a target's key, an outbox entry), and the contract's provenance rule decided from
//! those records alone: a discovered `./.env` may not choose where a credential from elsewhere goes.

use std::fmt;
use std::path::PathBuf;

/// Which kind of env file set a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvFileKind {
    /// Named by `--env-file` or `SENDMSG_ENV_FILE`: the user's choice.
    Named,
    /// `~/.config/sendmsg/.env`: the user's own.
    User,
    /// The `./.env` found in the working directory: may have come with a checked-out repository.
    Discovered,
}

/// Where one value came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Origin {
    /// The command line: `--access-token`.
    Flag(String),
    /// The process environment: `DING_ACCESS_TOKEN`.
    Env(String),
    /// An env file's line.
    EnvFile {
        var: String,
        path: PathBuf,
        line: usize,
        kind: EnvFileKind,
    },
    /// A key of a `config.toml` target. The file has the origin of whatever named it; a `${VAR}` in the
    /// value takes the variable's origin (`via`).
    Target {
        file: String,
        target: String,
        key: String,
        file_origin: Box<Origin>,
        via: Option<Box<Origin>>,
    },
    /// An option an outbox entry kept.
    Outbox,
    /// Nobody set it: the built-in default.
    #[default]
    Default,
}

impl Origin {
    /// The discovered `./.env` line this value comes from, if it does: its own, or for a target's key
    /// its `${VAR}`'s, else the origin of the file that holds it.
    pub(crate) fn discovered(&self) -> Option<&Origin> {
        match self {
            Origin::EnvFile {
                kind: EnvFileKind::Discovered,
                ..
            } => Some(self),
            Origin::Target { via: Some(via), .. } => via.discovered(),
            Origin::Target { file_origin, .. } => file_origin.discovered(),
            _ => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(long) => f.write_str(long),
            Origin::Env(var) => f.write_str(var),
            Origin::EnvFile {
                var, path, line, ..
            } => write!(f, "{} line {line}: {var}", path.display()),
            Origin::Target {
                file,
                target,
                key,
                via,
                ..
            } => {
                write!(f, "{file} [targets.{target}] {key}")?;
                match via.as_deref() {
                    Some(Origin::Env(var)) => write!(f, " (${{{var}}} from the environment)"),
                    Some(via @ Origin::EnvFile { .. }) => write!(f, " ({via})"),
                    _ => Ok(()),
                }
            }
            Origin::Outbox => f.write_str("the outbox entry"),
            Origin::Default => f.write_str("the default"),
        }
    }
}

/// One setting of a run as the trust rule sees it: what it is called, whether it is a credential and
/// whether it decides where requests go (or what TLS trusts, or where sendmsg reads its state), and where
/// its value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Setting {
    /// The variable (or the option, for one without a variable).
    pub name: String,
    pub credential: bool,
    pub destination: bool,
    pub origin: Origin,
}

/// Whether a variable chooses where a request goes: a base URL, a gateway, a webhook, a mail server, a proxy.
pub(crate) fn is_destination(var: &str) -> bool {
    let upper = var.to_ascii_uppercase();
    upper.ends_with("_BASE_URL")
        || upper.ends_with("_GATEWAY_URL")
        || upper.ends_with("_PROXY") && upper != "NO_PROXY"
        || [
            "WEBHOOK_URL",
            "FEISHU_WEBHOOK",
            "SMTP_HOST",
            "SMTP_PORT",
            "SMTP_CA_FILE",
            "SMTP_TLS_FINGERPRINT",
        ]
        .contains(&upper.as_str())
}

/// A credential that a discovered `./.env` would send elsewhere: the rule's finding, worded here once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Moved {
    /// The variable that chose (`DING_BASE_URL`).
    pub chosen: String,
    /// Its file and line (`./.env line 4`).
    pub at: String,
    /// Where the credential came from (`--access-token`, `DING_ACCESS_TOKEN`…).
    pub credential: String,
}

impl Moved {
    pub(crate) fn problem(&self) -> String {
        format!(
            "{} comes from {} (found in the working directory) but {} does not",
            self.chosen, self.at, self.credential
        )
    }

    pub(crate) fn fix(&self) -> String {
        format!(
            "set {} in the environment too, or name the file with --env-file",
            self.chosen
        )
    }
}

impl fmt::Display for Moved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}; a checked-out .env may not send a credential elsewhere, so nothing was sent: {}",
            self.problem(),
            self.fix()
        )
    }
}

/// The contract's provenance rule over one send's settings: when anything that decides where it goes
/// comes from a discovered `./.env`, every credential it carries must come from that file too.
pub(crate) fn refuse_moved(settings: &[Setting]) -> Result<(), Moved> {
    let Some((chosen, line)) = settings
        .iter()
        .filter(|s| s.destination)
        .find_map(|s| Some((s, s.origin.discovered()?)))
    else {
        return Ok(());
    };
    let Some(foreign) = settings
        .iter()
        .find(|s| s.credential && s.origin.discovered().is_none())
    else {
        return Ok(());
    };
    // The variable of `./.env` that chose: the setting's own, or the one that named its file.
    let (name, at) = match line {
        Origin::EnvFile {
            var, path, line, ..
        } => (var.clone(), format!("./{} line {line}", path.display())),
        other => (chosen.name.clone(), other.to_string()),
    };
    Err(Moved {
        chosen: name,
        at,
        credential: foreign.origin.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dotenv(var: &str, line: usize) -> Origin {
        Origin::EnvFile {
            var: var.into(),
            path: ".env".into(),
            line,
            kind: EnvFileKind::Discovered,
        }
    }

    fn setting(name: &str, credential: bool, destination: bool, origin: Origin) -> Setting {
        Setting {
            name: name.into(),
            credential,
            destination,
            origin,
        }
    }

    #[test]
    fn a_discovered_destination_refuses_a_credential_from_anywhere_else() {
        let base = setting("DING_BASE_URL", false, true, dotenv("DING_BASE_URL", 4));
        for foreign in [
            Origin::Flag("--access-token".into()),
            Origin::Env("DING_ACCESS_TOKEN".into()),
            Origin::EnvFile {
                var: "DING_ACCESS_TOKEN".into(),
                path: "/home/u/.config/sendmsg/.env".into(),
                line: 1,
                kind: EnvFileKind::User,
            },
        ] {
            let shown = foreign.to_string();
            let token = setting("DING_ACCESS_TOKEN", true, false, foreign);
            let err = refuse_moved(&[base.clone(), token])
                .err()
                .map(|m| m.to_string())
                .unwrap_or_default();
            assert!(
                err.starts_with(&format!(
                    "DING_BASE_URL comes from ./.env line 4 (found in the working directory) but {shown} does not;"
                )),
                "{err}"
            );
        }
        let own = setting(
            "DING_ACCESS_TOKEN",
            true,
            false,
            dotenv("DING_ACCESS_TOKEN", 1),
        );
        assert_eq!(refuse_moved(&[base.clone(), own]), Ok(()));
        let elsewhere = setting(
            "DING_BASE_URL",
            false,
            true,
            Origin::Env("DING_BASE_URL".into()),
        );
        let token = setting("T", true, false, Origin::Flag("--access-token".into()));
        assert_eq!(refuse_moved(&[elsewhere, token]), Ok(()));
    }

    #[test]
    fn a_target_s_key_takes_its_variable_s_origin_else_its_file_s() {
        let target = |via: Option<Origin>, file_origin: Origin| Origin::Target {
            file: "config.toml".into(),
            target: "ops".into(),
            key: "access_token".into(),
            file_origin: Box::new(file_origin),
            via: via.map(Box::new),
        };
        let named_by_dotenv = target(
            Some(Origin::Env("DING_OPS_TOKEN".into())),
            dotenv("SENDMSG_CONFIG", 2),
        );
        assert_eq!(named_by_dotenv.discovered(), None);
        assert_eq!(
            named_by_dotenv.to_string(),
            "config.toml [targets.ops] access_token (${DING_OPS_TOKEN} from the environment)"
        );
        let literal = target(None, dotenv("SENDMSG_CONFIG", 2));
        assert!(literal.discovered().is_some());
        assert!(target(None, Origin::Default).discovered().is_none());
    }

    #[test]
    fn destinations_are_urls_mail_servers_trust_and_proxies_in_any_case() {
        for name in [
            "DING_BASE_URL",
            "SMS_GATEWAY_URL",
            "WEBHOOK_URL",
            "FEISHU_WEBHOOK",
            "SMTP_PORT",
            "SMTP_CA_FILE",
            "https_proxy",
            "ALL_PROXY",
        ] {
            assert!(is_destination(name), "{name}");
        }
        for name in ["NO_PROXY", "no_proxy", "DING_ACCESS_TOKEN", "SMTP_USER"] {
            assert!(!is_destination(name), "{name}");
        }
    }
}
