//! The XDG base directories sendmsg keeps its files in: `$XDG_CONFIG_HOME/sendmsg` (`.env`, later
//! `config.toml`), `$XDG_STATE_HOME/sendmsg` (history, limits, the ddns store) and `$XDG_CACHE_HOME/sendmsg`
//! (access tokens), each falling back to its default under `$HOME`. A relative value is ignored, as the
//! XDG specification says.

use std::ffi::OsString;
use std::path::PathBuf;

/// Which base directory.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Base {
    Config,
    State,
    Cache,
}

impl Base {
    fn variable(self) -> &'static str {
        match self {
            Self::Config => "XDG_CONFIG_HOME",
            Self::State => "XDG_STATE_HOME",
            Self::Cache => "XDG_CACHE_HOME",
        }
    }

    fn under_home(self) -> &'static str {
        match self {
            Self::Config => ".config",
            Self::State => ".local/state",
            Self::Cache => ".cache",
        }
    }
}

/// `$XDG_…/sendmsg`, else `~/…/sendmsg`, reading variables through `var` (the process environment in a
/// run, a table in tests). `None` when neither variable is set to an absolute path.
pub(crate) fn sendmsg_dir(base: Base, var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    absolute(base.variable())
        .or_else(|| absolute("HOME").map(|home| home.join(base.under_home())))
        .map(|dir| dir.join("sendmsg"))
}

/// [`sendmsg_dir`] from the process environment.
pub(crate) fn from_env(base: Base) -> Option<PathBuf> {
    sendmsg_dir(base, |name| std::env::var_os(name))
}

/// The cache directory (access tokens, trust anchors): `$SENDMSG_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/sendmsg`, else `~/.cache/sendmsg`; `None` when none is known.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    std::env::var_os("SENDMSG_CACHE_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| from_env(Base::Cache))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_wins_then_home_and_relative_values_are_ignored() {
        let env = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let with_var = env(&[("XDG_STATE_HOME", "/xdg"), ("HOME", "/home/u")]);
        assert_eq!(
            sendmsg_dir(Base::State, with_var),
            Some(PathBuf::from("/xdg/sendmsg"))
        );
        let relative = env(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/home/u")]);
        assert_eq!(
            sendmsg_dir(Base::Cache, relative),
            Some(PathBuf::from("/home/u/.cache/sendmsg"))
        );
        assert_eq!(sendmsg_dir(Base::Config, env(&[("HOME", "h")])), None);
    }
}
