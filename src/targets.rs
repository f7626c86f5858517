//! Named targets and groups: `config.toml` (`$XDG_CONFIG_HOME/sendmsg/config.toml`, `--config`,
//! `SENDMSG_CONFIG`). A team has more than one robot; a target names one channel's settings, so an exported
//! `DING_ACCESS_TOKEN` meant for another robot can never redirect it.
//!
//! This module only reads the file: its shape, its names and the `${VAR}` references. Which keys a channel
//! has is the registry's business (`channels::ChannelCommand::from_target`), so this layer knows no channel.

use crate::error::Error;
use std::path::{Path, PathBuf};

/// The file a target's keys come from, and every target and group in it, in the file's order.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// `None` when there is no file (the default one does not exist).
    pub path: Option<PathBuf>,
    pub targets: Vec<Target>,
    pub groups: Vec<Group>,
    /// `[routes.NAME]` tables as written: `sendmsg serve` reads them (`serve::relay::config`), and
    /// every other command leaves them alone.
    pub routes: Vec<(String, toml::Table)>,
    /// Group or others may read the file (a literal secret in it is then worth a warning).
    pub shared: bool,
    /// What named the file (`--config`, `SENDMSG_CONFIG`, `XDG_CONFIG_HOME`…): its targets' keys have it.
    pub origin: crate::origin::Origin,
}

/// `[targets.NAME]`: a channel and its options.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    pub name: String,
    pub channel: String,
    /// The channel's long option names (`access_token`), in the file's order, `channel` and `pace` left out.
    pub keys: Vec<(String, Value)>,
    /// `pace = "20/m"` (or `"off"`): the robot's pace when `--pace` is not given.
    pub pace: Option<String>,
}

/// A key's value: an option's value, a flag, or a repeated option.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Text(String),
    Flag(bool),
    List(Vec<String>),
}

/// `[groups] NAME = ["ops", "dev"]`, or a pool: `[groups.NAME] pool = ["ops-a", "ops-b"]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    pub name: String,
    pub members: Vec<String>,
    /// A pool sends each message to one member (the one with a free slot soonest), not to all.
    pub pool: bool,
}

impl Config {
    /// The named file (`--config`/`SENDMSG_CONFIG`, which must exist), else the default one if it exists,
    /// else no targets at all.
    pub(crate) fn load(explicit: Option<&Path>) -> Result<Self, Error> {
        let Some(path) = Self::locate(explicit)? else {
            return Ok(Self::default());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::Config(format!("config file {}: cannot read: {e}", path.display()))
        })?;
        let mut config = Self::parse(&path, &text)?;
        config.shared = readable_by_others(&path);
        Ok(config)
    }

    /// The file a run reads: the named one, which must exist, else the default one if it exists.
    pub(crate) fn locate(explicit: Option<&Path>) -> Result<Option<PathBuf>, Error> {
        match explicit {
            Some(path) if !path.is_file() => Err(Error::Config(format!(
                "config file {} does not exist (from --config or SENDMSG_CONFIG)",
                path.display()
            ))),
            Some(path) => Ok(Some(path.to_owned())),
            None => Ok(Self::default_path().filter(|p| p.is_file())),
        }
    }

    /// `$XDG_CONFIG_HOME/sendmsg/config.toml`.
    fn default_path() -> Option<PathBuf> {
        crate::xdg::from_env(crate::xdg::Base::Config).map(|dir| dir.join("config.toml"))
    }

    /// Where a run looked for a config file that it did not find, for an error that needs one.
    pub(crate) fn none_found() -> String {
        let looked = Self::default_path().map_or_else(
            || "~/.config/sendmsg/config.toml".into(),
            |p| p.display().to_string(),
        );
        format!(
            "there is no config file (none at {looked}; --config PATH or SENDMSG_CONFIG names another)"
        )
    }

    /// Reads the file's shape: `[targets.*]` tables with a `channel`, `[groups]` of lists of names.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Self, Error> {
        let shown = path.display();
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let reason = e.message().to_owned();
            let line = e
                .span()
                .map(|span| 1 + text[..span.start.min(text.len())].matches('\n').count());
            Error::Config(match line {
                Some(line) => format!("config file {shown} line {line}: {reason}"),
                None => format!("config file {shown}: {reason}"),
            })
        })?;
        let mut config = Self {
            path: Some(path.to_owned()),
            ..Self::default()
        };
        for (section, value) in table {
            match (section.as_str(), value) {
                ("targets", toml::Value::Table(targets)) => {
                    for (name, value) in targets {
                        config.targets.push(config.target(name, value)?);
                    }
                }
                ("groups", toml::Value::Table(groups)) => {
                    for (name, value) in groups {
                        config.groups.push(config.group(name, value)?);
                    }
                }
                ("routes", toml::Value::Table(routes)) => {
                    for (name, value) in routes {
                        valid_name(&name)
                            .map_err(|why| config.error(&format!("[routes.{name}]"), why))?;
                        let toml::Value::Table(table) = value else {
                            return Err(
                                config.error(&format!("[routes.{name}]"), "must be a table")
                            );
                        };
                        config.routes.push((name, table));
                    }
                }
                _ => {
                    return Err(Error::Config(format!(
                        "config file {shown}: unknown section `{section}` (it has [targets.NAME], [groups] and [routes.NAME])"
                    )));
                }
            }
        }
        Ok(config)
    }

    fn target(&self, name: String, value: toml::Value) -> Result<Target, Error> {
        valid_name(&name).map_err(|why| self.error(&format!("[targets.{name}]"), why))?;
        let toml::Value::Table(table) = value else {
            return Err(self.error(&format!("[targets.{name}]"), "must be a table"));
        };
        let mut channel = None;
        let mut pace = None;
        let mut keys = Vec::new();
        for (key, value) in table {
            let at = || self.at(&name, &key);
            if key == "channel" || key == "pace" {
                let toml::Value::String(text) = value else {
                    return Err(Error::Config(format!("{}: must be a string", at())));
                };
                if key == "channel" {
                    channel = Some(text);
                } else if text.trim() == "off" {
                    pace = Some(text);
                } else {
                    crate::period::parse_limit(&text)
                        .map_err(|e| Error::Config(format!("{}: {e}, or off", at())))?;
                    pace = Some(text);
                }
                continue;
            }
            let value = match value {
                toml::Value::Boolean(b) => Value::Flag(b),
                toml::Value::Array(items) => Value::List(
                    items
                        .into_iter()
                        .map(scalar)
                        .collect::<Option<_>>()
                        .ok_or_else(|| {
                            Error::Config(format!("{}: a list holds strings or numbers only", at()))
                        })?,
                ),
                other => Value::Text(scalar(other).ok_or_else(|| {
                    Error::Config(format!(
                        "{}: must be a string, a number, true/false or a list",
                        at()
                    ))
                })?),
            };
            keys.push((key, value));
        }
        let channel = channel.ok_or_else(|| {
            self.error(
                &format!("[targets.{name}]"),
                "has no `channel` (e.g. channel = \"ding\")",
            )
        })?;
        Ok(Target {
            name,
            channel,
            keys,
            pace,
        })
    }

    fn group(&self, name: String, value: toml::Value) -> Result<Group, Error> {
        let at = format!("[groups] {name}");
        valid_name(&name).map_err(|why| self.error(&at, why))?;
        let (list, pool) = match value {
            // `[groups.NAME] pool = […]`: a table with that one key.
            toml::Value::Table(mut table) if table.len() == 1 && table.contains_key("pool") => {
                (table.remove("pool"), true)
            }
            toml::Value::Table(_) => {
                return Err(self.error(
                    &format!("[groups.{name}]"),
                    "must hold one key, pool = [\"target\", …]",
                ));
            }
            other => (Some(other), false),
        };
        let members: Option<Vec<String>> = match list {
            Some(toml::Value::Array(items)) => items
                .into_iter()
                .map(|v| match v {
                    toml::Value::String(s) => Some(s),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match members {
            Some(members) if !members.is_empty() => Ok(Group {
                name,
                members,
                pool,
            }),
            _ if pool => Err(self.error(
                &format!("[groups.{name}] pool"),
                "must be a non-empty list of target names",
            )),
            _ => Err(self.error(&at, "must be a non-empty list of target names")),
        }
    }

    /// Where a key is, for messages: `/home/me/.config/sendmsg/config.toml [targets.ops] to`.
    pub(crate) fn at(&self, target: &str, key: &str) -> String {
        format!("{} [targets.{target}] {key}", self.shown())
    }

    /// The file as messages show it.
    pub(crate) fn shown(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| "config.toml".into(), |p| p.display().to_string())
    }

    fn error(&self, at: &str, why: &str) -> Error {
        Error::Config(format!("{} {at}: {why}", self.shown()))
    }

    pub(crate) fn find_target(&self, name: &str) -> Option<&Target> {
        self.targets.iter().find(|t| t.name == name)
    }

    fn find_group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// The members of the pool `name`, in the file's order; `None` when `name` is not a pool.
    pub(crate) fn pool(&self, name: &str) -> Option<&[String]> {
        self.find_group(name)
            .filter(|g| g.pool)
            .map(|g| g.members.as_slice())
    }

    /// The names of every target, for "one of …" messages.
    pub(crate) fn target_names(&self) -> String {
        match self.targets.as_slice() {
            [] if self.path.is_none() => Self::none_found(),
            [] => format!("{} names no target", self.shown()),
            targets => {
                let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
                format!("targets: {}", names.join(", "))
            }
        }
    }

    /// One namespace for channels, targets and groups, and every group member a target.
    pub(crate) fn check_names(&self, channels: &[&str]) -> Result<(), Error> {
        let names = self
            .targets
            .iter()
            .map(|t| (t.name.as_str(), "targets."))
            .chain(self.groups.iter().map(|g| (g.name.as_str(), "groups] ")));
        let mut seen: Vec<&str> = Vec::new();
        for (name, kind) in names {
            let at = if kind == "targets." {
                format!("[targets.{name}]")
            } else {
                format!("[groups] {name}")
            };
            if channels.contains(&name) || name == "all" || name == "none" {
                return Err(self.error(
                    &at,
                    "is named like a channel (or `all`/`none`); channels, targets and groups share one namespace: rename it",
                ));
            }
            if seen.contains(&name) {
                return Err(self.error(&at, "is both a target and a group: rename one"));
            }
            seen.push(name);
        }
        for group in &self.groups {
            if let Some(unknown) = group.members.iter().find(|m| self.find_target(m).is_none()) {
                return Err(self.error(
                    &format!("[groups] {}", group.name),
                    &format!(
                        "names `{unknown}`, which is not a target ({})",
                        self.target_names()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A list of channels, targets and groups (`--via ops,dev,email`) as channels, targets and pools: groups
    /// expanded in order, a pool kept by its name (it picks its member when it sends), and a name reached
    /// twice kept once. `Err` names what is none of them.
    pub(crate) fn expand(
        &self,
        names: &[String],
        channels: &[&str],
    ) -> Result<Vec<String>, String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |name: &str| {
            if !out.iter().any(|n| n == name) {
                out.push(name.to_owned());
            }
        };
        for name in names {
            if channels.contains(&name.as_str())
                || self.find_target(name).is_some()
                || self.pool(name).is_some()
            {
                add(name);
            } else if let Some(group) = self.find_group(name) {
                group.members.iter().for_each(|m| add(m));
            } else {
                let groups: Vec<&str> = self.groups.iter().map(|g| g.name.as_str()).collect();
                return Err(format!(
                    "`{name}` is not a channel, target or group (channels: {}; {}{})",
                    channels.join(", "),
                    self.target_names(),
                    if groups.is_empty() {
                        String::new()
                    } else {
                        format!("; groups: {}", groups.join(", "))
                    }
                ));
            }
        }
        Ok(out)
    }
}

impl Target {
    /// The key's value with every `${VAR}` read from the environment: the only way a target reads it.
    pub(crate) fn resolved(&self, config: &Config) -> Result<Vec<(String, Value)>, Error> {
        let expand = |key: &str, text: &str| {
            expand_vars(text, |var| std::env::var(var).ok()).map_err(|var| {
                Error::Config(format!(
                    "{}: ${{{var}}} is not set (export it, or put it in the env file)",
                    config.at(&self.name, key)
                ))
            })
        };
        self.keys
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    Value::Text(text) => Value::Text(expand(key, text)?),
                    Value::List(items) => Value::List(
                        items
                            .iter()
                            .map(|i| expand(key, i))
                            .collect::<Result<_, _>>()?,
                    ),
                    Value::Flag(b) => Value::Flag(*b),
                };
                Ok((key.clone(), value))
            })
            .collect()
    }
}

impl Value {
    /// Whether the value holds text that is not a `${VAR}` reference (a secret written into the file).
    pub(crate) fn is_literal(&self) -> bool {
        let literal = |s: &String| {
            !s.trim().is_empty() && expand_vars(s, |_| Some(String::new())) == Ok(s.clone())
        };
        match self {
            Value::Text(s) => literal(s),
            Value::List(items) => items.iter().any(literal),
            Value::Flag(_) => false,
        }
    }
}

/// A value as `sendmsg targets` shows it: a URL without its user part and query values (a token given as
/// a webhook URL carries it there).
pub(crate) fn shown_value(text: &str) -> String {
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_owned();
    };
    let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = address.split_once('/').unwrap_or((address, ""));
    let host = host
        .rsplit_once('@')
        .map_or(host.to_owned(), |(_, h)| format!("***@{h}"));
    let mut shown = format!("{scheme}://{host}");
    if !path.is_empty() || address.contains('/') {
        shown.push('/');
        shown.push_str(path);
    }
    if !query.is_empty() {
        let masked: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) => format!("{name}=***"),
                None => pair.to_owned(),
            })
            .collect();
        shown.push('?');
        shown.push_str(&masked.join("&"));
    }
    shown
}

/// A number is written as it reads; anything else (a table, a date) is not an option's value.
fn scalar(value: toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// Names are what a shell word and `ding@NAME` hold without quoting.
fn valid_name(name: &str) -> Result<(), &'static str> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err("a name is 1-64 letters, digits, `_`, `-` or `.`")
    }
}

/// Replaces every `${NAME}` with `lookup(NAME)`; `Err` is the first name `lookup` does not know. A `$` not
/// followed by `{` is kept as it is.
pub(crate) fn expand_vars(
    text: &str,
    mut lookup: impl FnMut(&str) -> Option<String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return Ok(out);
        };
        let var = &after[..end];
        out.push_str(&lookup(var).ok_or_else(|| var.to_owned())?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The candidate closest to `word` by edit distance (Levenshtein, in characters: `strsim`, clap's own), when
/// it is close enough to be a typo.
pub(crate) fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .min()
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .map(|(_, c)| c)
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Error> {
        Config::parse(Path::new("/c/config.toml"), text)
    }

    const FILE: &str = r#"
[targets.ops]
channel = "ding"
access_token = "${OPS_TOKEN}"
at_mobile = ["13800138000", 13900139000]
markdown = true
max_parts = 3

[targets.dev]
channel = "wecom"
bot_key = "literal-key"

[groups]
oncall = ["ops", "dev", "ops"]
"#;

    #[test]
    fn targets_and_groups_keep_the_file_order_and_types() {
        let config = parse(FILE).unwrap_or_else(|e| panic!("{e}"));
        let ops = &config.targets[0];
        assert_eq!((ops.name.as_str(), ops.channel.as_str()), ("ops", "ding"));
        assert_eq!(
            ops.keys,
            [
                ("access_token".into(), Value::Text("${OPS_TOKEN}".into())),
                (
                    "at_mobile".into(),
                    Value::List(vec!["13800138000".into(), "13900139000".into()])
                ),
                ("markdown".into(), Value::Flag(true)),
                ("max_parts".into(), Value::Text("3".into())),
            ]
        );
        assert_eq!(config.targets[1].name, "dev");
        assert!(config.targets[1].keys[0].1.is_literal());
        assert!(!ops.keys[0].1.is_literal());
        assert_eq!(
            config.expand(&["oncall".into(), "dev".into(), "email".into()], &["email"]),
            Ok(vec!["ops".into(), "dev".into(), "email".into()])
        );
        assert!(config.expand(&["nosuch".into()], &["ding"]).is_err());
    }

    #[test]
    fn a_pool_is_kept_by_its_name_and_its_members_must_be_targets() {
        let text = format!("{FILE}\n[groups.robots]\npool = [\"ops\", \"dev\"]\n");
        let config = parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.pool("robots"),
            Some(["ops".to_owned(), "dev".to_owned()].as_slice())
        );
        assert_eq!(config.pool("oncall"), None);
        assert_eq!(
            config.expand(&["robots".into(), "oncall".into()], &[]),
            Ok(vec!["robots".into(), "ops".into(), "dev".into()])
        );
        assert!(config.check_names(&["ding"]).is_ok());
        let err = |text: &str| parse(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            err("[groups.p]\npool = []\n"),
            "/c/config.toml [groups.p] pool: must be a non-empty list of target names"
        );
        assert_eq!(
            err("[groups.p]\nmembers = [\"a\"]\n"),
            "/c/config.toml [groups.p]: must hold one key, pool = [\"target\", …]"
        );
        let unknown = parse("[targets.a]\nchannel = \"ding\"\n[groups.p]\npool = [\"a\", \"b\"]\n")
            .and_then(|c| c.check_names(&["ding"]));
        assert!(
            unknown
                .err()
                .is_some_and(|e| e.to_string().contains("`b`, which is not a target"))
        );
    }

    #[test]
    fn bad_files_name_the_file_the_target_and_the_key() {
        let err = |text: &str| parse(text).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            err("[targets.a]\nchannel = \"ding\"\nx = { y = 1 }\n")
                .starts_with("/c/config.toml [targets.a] x: ")
        );
        assert!(err("[targets.a]\nmarkdown = true\n").contains("[targets.a]: has no `channel`"));
        assert!(err("[targets.a\n").contains("line 1"));
        assert!(err("[other]\n").contains("unknown section"));
        assert!(err("[groups]\ng = []\n").contains("[groups] g"));
        assert!(err("[targets.\"a b\"]\nchannel = \"ding\"\n").contains("a name is"));
    }

    #[test]
    fn one_namespace_for_channels_targets_and_groups() {
        let names = |text: &str| parse(text).and_then(|c| c.check_names(&["ding"]));
        assert!(names(FILE).is_ok());
        let like_a_channel = names("[targets.ding]\nchannel = \"ding\"\n");
        assert_eq!(like_a_channel.err().map(|e| e.exit().code()), Some(3));
        let unknown = names("[targets.a]\nchannel = \"ding\"\n[groups]\ng = [\"a\", \"b\"]\n");
        assert!(
            unknown
                .err()
                .is_some_and(|e| e.to_string().contains("`b`, which is not a target"))
        );
        assert!(names("[targets.a]\nchannel = \"ding\"\n[groups]\na = [\"a\"]\n").is_err());
    }

    #[test]
    fn variables_expand_and_an_unset_one_is_named() {
        let env = |v: &str| (v == "A").then(|| "x".to_owned());
        assert_eq!(expand_vars("${A}-$B-${A}", env), Ok("x-$B-x".into()));
        assert_eq!(expand_vars("${NOPE}", env), Err("NOPE".into()));
        assert_eq!(expand_vars("${open", env), Ok("${open".into()));
        let config = parse(FILE).unwrap_or_else(|e| panic!("{e}"));
        let err = config.targets[0]
            .resolved(&config)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "/c/config.toml [targets.ops] access_token: ${OPS_TOKEN} is not set (export it, or put it in the env file)"
            )
        );
    }

    #[test]
    fn urls_are_shown_without_their_credentials() {
        assert_eq!(
            shown_value("https://u:p@oapi.dingtalk.com/robot/send?access_token=abc&x=1"),
            "https://***@oapi.dingtalk.com/robot/send?access_token=***&x=***"
        );
        assert_eq!(shown_value("http://127.0.0.1:9"), "http://127.0.0.1:9");
        assert_eq!(shown_value("sre@example.com"), "sre@example.com");
    }

    #[test]
    fn the_nearest_key_is_suggested_only_when_close() {
        let keys = ["access_token", "secret", "at_mobile"];
        assert_eq!(nearest("acess_token", &keys), Some("access_token"));
        assert_eq!(nearest("at_mobiles", &keys), Some("at_mobile"));
        assert_eq!(nearest("colour", &keys), None);
        // Counted in characters, not bytes: one accented letter is one edit.
        assert_eq!(nearest("sécret", &keys), Some("secret"));
        assert_eq!(nearest("", &keys), None);
    }
}
