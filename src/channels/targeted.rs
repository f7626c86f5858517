//! A named target as a channel's command line: its keys are the channel's long options, fed to clap with the
//! channel's environment fallbacks switched off, so every validation and default is the channel's own and an
//! exported `DING_ACCESS_TOKEN` never reaches a target. The registry ([`super::ChannelCommand::from_target`])
//! gives every channel this for free.

use crate::error::Error;
use crate::origin::{Origin, Setting, is_destination};
use crate::output::Printer;
use crate::secret::Secret;
use crate::settings::{OptionName, Scope};
use crate::targets::{Config, Target, Value, nearest};
use clap::builder::Resettable;

/// `--target NAME` on every channel command: the channel's own arguments, and the target they came from.
#[derive(Debug, clap::Args)]
pub(crate) struct Targeted<A: clap::Args> {
    #[command(flatten)]
    pub(crate) args: A,

    /// Take the settings from config.toml's [targets.NAME]; the channel's own variables are not read
    #[arg(long, value_name = "NAME")]
    pub(crate) target: Option<String>,

    /// Every value the parse gave, with its origin: filled in by whoever parsed it ([`settings`]).
    #[arg(skip)]
    pub(crate) settings: Vec<Setting>,
}

impl<A: clap::Args> std::ops::Deref for Targeted<A> {
    type Target = A;
    fn deref(&self) -> &A {
        &self.args
    }
}

/// How a key is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `markdown = true`: a flag.
    Flag,
    /// `title = "…"`: an option given once.
    One,
    /// `at_mobile = ["…", "…"]`: a repeated option (one value is fine too).
    Many,
}

/// One of a channel's long options, as a target key.
#[derive(Clone)]
struct Key {
    /// `access_token`.
    key: String,
    /// clap's id of the argument.
    id: String,
    /// `--access-token`.
    long: String,
    kind: Kind,
    /// Marked `hide_env_values` and not a URL: a credential.
    secret: bool,
    /// A URL setting (`*_URL`): only its user part and query values are secret.
    url: bool,
    /// The variable the option reads outside a target.
    env: Option<String>,
}

/// The channel's long options, `help` left out.
fn keys(command: &clap::Command) -> Vec<Key> {
    command
        .get_arguments()
        .filter_map(|arg| {
            let long = arg.get_long()?;
            let kind = match arg.get_action() {
                clap::ArgAction::SetTrue => Kind::Flag,
                clap::ArgAction::Append => Kind::Many,
                clap::ArgAction::Set => Kind::One,
                _ => return None,
            };
            Some(Key {
                key: long.replace('-', "_"),
                id: arg.get_id().to_string(),
                long: format!("--{long}"),
                kind,
                secret: arg.is_hide_env_values_set() && !is_url(arg),
                url: is_url(arg),
                env: arg.get_env().map(|v| v.to_string_lossy().into_owned()),
            })
        })
        .collect()
}

/// How the values of a channel's parse came to it: what a value on its command line is, and the target
/// whose keys are its defaults.
#[derive(Clone, Copy)]
pub(crate) enum Source<'a> {
    /// `sendmsg CHANNEL …`: the command line is the user's; the rest is the environment.
    CommandLine,
    /// An outbox entry's options over the environment.
    Outbox,
    /// A target's keys: given as the whole command line (`from_target`), or as the defaults under the
    /// user's own command line (`CHANNEL --target NAME`).
    Target {
        target: &'a Target,
        config: &'a Config,
        as_command_line: bool,
    },
}

/// Each value of `matches` (a parse of `command`, a channel's options) with its origin, from clap's
/// `value_source`, the env files' records and the target's keys; and whether it is a credential or
/// decides where the requests go.
pub(crate) fn settings(
    command: &clap::Command,
    matches: &clap::ArgMatches,
    source: Source<'_>,
) -> Vec<Setting> {
    use clap::parser::ValueSource;
    let mut out = Vec::new();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        let (Some(long), Ok(Some(raw))) = (arg.get_long(), matches.try_get_raw(id)) else {
            continue;
        };
        let values: Vec<String> = raw.map(|v| v.to_string_lossy().into_owned()).collect();
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let var = arg.get_env().map(|v| v.to_string_lossy().into_owned());
        let key = long.replace('-', "_");
        let flag = || Origin::Flag(format!("--{long}"));
        let origin = match (matches.value_source(id), source) {
            (Some(ValueSource::EnvVariable), _) => var
                .as_deref()
                .and_then(crate::env_file::origin)
                .unwrap_or_default(),
            (
                Some(ValueSource::CommandLine),
                Source::Target {
                    target,
                    config,
                    as_command_line: true,
                },
            )
            | (
                Some(ValueSource::DefaultValue),
                Source::Target {
                    target,
                    config,
                    as_command_line: false,
                },
            ) if target.keys.iter().any(|(k, _)| *k == key) => target_origin(target, config, &key),
            (Some(ValueSource::CommandLine), Source::Outbox) => Origin::Outbox,
            (Some(ValueSource::CommandLine), _) => flag(),
            _ => Origin::Default,
        };
        let url = var.as_deref().is_some_and(|v| v.ends_with("_URL"));
        let credential = arg.is_hide_env_values_set()
            && (!url || values.iter().any(|v| crate::secret::url_holds_secret(v)));
        let plain_smtp = var.as_deref() == Some("SMTP_SECURITY")
            && values.iter().any(|v| v.eq_ignore_ascii_case("none"));
        // A token pasted as a whole webhook URL chooses the host it goes to.
        let pasted_url = credential && values.iter().any(|v| v.contains("://"));
        out.push(Setting {
            name: var.clone().unwrap_or_else(|| format!("--{long}")),
            credential,
            destination: var.as_deref().is_some_and(is_destination) || plain_smtp || pasted_url,
            origin,
        });
    }
    out
}

/// The origin of a target's key: the file (with the origin of whatever named it), and the origin of a
/// `${VAR}` it reads (the first one not from a discovered `./.env`, so one foreign part makes it foreign).
fn target_origin(target: &Target, config: &Config, key: &str) -> Origin {
    let texts: Vec<&str> = target
        .keys
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, value)| match value {
            Value::Text(text) => vec![text.as_str()],
            Value::List(items) => items.iter().map(String::as_str).collect(),
            Value::Flag(_) => Vec::new(),
        })
        .collect();
    let mut vars = Vec::new();
    for text in texts {
        let _ = crate::targets::expand_vars(text, |var| {
            vars.push(var.to_owned());
            Some(String::new())
        });
    }
    let origins: Vec<Origin> = vars
        .iter()
        .filter_map(|var| crate::env_file::origin(var))
        .collect();
    let via = origins
        .iter()
        .find(|o| o.discovered().is_none())
        .or(origins.first())
        .cloned();
    Origin::Target {
        file: config.shown(),
        target: target.name.clone(),
        key: key.to_owned(),
        file_origin: Box::new(config.origin.clone()),
        via: via.map(Box::new),
    }
}

/// The channel's options as clap sees them, without their variables.
pub(super) fn without_env(command: clap::Command) -> clap::Command {
    command.mut_args(|arg| arg.env(Resettable::Reset))
}

/// The key named `key`, or why there is none: the keys the channel has, and the nearest one.
fn find<'k>(keys: &'k [Key], key: &str, at: &str, channel: &str) -> Result<&'k Key, Error> {
    if let Some(found) = keys.iter().find(|k| k.key == key) {
        return Ok(found);
    }
    let names: Vec<&str> = keys.iter().map(|k| k.key.as_str()).collect();
    let suggestion = nearest(key, &names)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    Err(Error::Config(format!(
        "{at}: `{channel}` has no option `{key}`{suggestion}; its keys are channel, {}",
        names.join(", ")
    )))
}

/// Whether `value` is the type `key` takes.
fn typed(key: &Key, value: &Value, at: &str) -> Result<(), Error> {
    let want = match (key.kind, value) {
        (Kind::Flag, Value::Flag(_))
        | (Kind::One, Value::Text(_))
        | (Kind::Many, Value::Text(_) | Value::List(_)) => return Ok(()),
        (Kind::Flag, _) => "true or false",
        (Kind::One, _) => "a string or a number (it is not repeatable)",
        (Kind::Many, _) => "a string or a list of strings",
    };
    Err(Error::Config(format!("{at}: must be {want}")))
}

/// Checks every target of the file when it is loaded: one namespace, a known channel, known keys of the
/// right types. Literal secrets are registered for redaction, and a file others can read that holds one
/// gets one warning.
pub(crate) fn check_config(config: &Config, printer: Printer) -> Result<(), Error> {
    config.check_names(super::NAMES)?;
    let mut literal_secret = None;
    for target in &config.targets {
        let command = super::options_of(&target.channel).ok_or_else(|| {
            Error::Config(format!(
                "{}: `{}` is not a channel (one of {})",
                config.at(&target.name, "channel"),
                target.channel,
                super::NAMES.join(", ")
            ))
        })?;
        let keys = keys(&command);
        for (name, value) in &target.keys {
            let at = config.at(&target.name, name);
            let key = find(&keys, name, &at, &target.channel)?;
            typed(key, value, &at)?;
            if key.secret && value.is_literal() {
                register(value);
                literal_secret.get_or_insert(at);
            } else if let (true, Value::Text(url)) = (key.url, value) {
                crate::secret::register_url(url);
                let authority = url.split_once("://").map_or("", |(_, rest)| rest);
                let authority = authority.split(['/', '?', '#']).next().unwrap_or_default();
                if value.is_literal() && (authority.contains('@') || url.contains('?')) {
                    literal_secret.get_or_insert(at);
                }
            }
        }
    }
    if let Some(at) = literal_secret.filter(|_| config.shared) {
        printer.note(&format!(
            "warning: {at} is a secret written into a file others can read: `chmod 600 {}`, or use ${{VAR}}",
            config.shown()
        ));
    }
    Ok(())
}

/// A URL setting (`DING_BASE_URL`, `WEBHOOK_URL`…), as its variable's name says.
fn is_url(arg: &clap::Arg) -> bool {
    arg.get_env()
        .is_some_and(|env| env.to_string_lossy().ends_with("_URL"))
}

fn register(value: &Value) {
    match value {
        Value::Text(text) => drop(Secret::new(text.clone())),
        Value::List(items) => items.iter().for_each(|i| drop(Secret::new(i.clone()))),
        Value::Flag(_) => {}
    }
}

/// The target's keys, `${VAR}`s read, beside the options they set.
fn resolved(
    command: &clap::Command,
    target: &Target,
    config: &Config,
) -> Result<Vec<(Key, Value)>, Error> {
    let keys = keys(command);
    let mut out = Vec::new();
    for (name, value) in target.resolved(config)? {
        let at = config.at(&target.name, &name);
        let key = find(&keys, &name, &at, &target.channel)?;
        typed(key, &value, &at)?;
        if key.secret {
            register(&value);
        }
        out.push((key.clone(), value));
    }
    Ok(out)
}

/// The channel's arguments from the target alone, as `sendmsg CHANNEL --key value…` with no variables.
pub(super) fn parse<A: clap::Args + clap::FromArgMatches>(
    name: &'static str,
    target: &Target,
    config: &Config,
) -> Result<(A, Vec<Setting>), Error> {
    let command = without_env(A::augment_args(
        clap::Command::new(name).no_binary_name(true),
    ));
    let mut argv: Vec<String> = Vec::new();
    for (key, value) in resolved(&command, target, config)? {
        match value {
            Value::Flag(true) => argv.push(key.long),
            Value::Flag(false) => {}
            Value::Text(text) => argv.push(format!("{}={text}", key.long)),
            Value::List(items) => argv.extend(items.iter().map(|i| format!("{}={i}", key.long))),
        }
    }
    command
        .clone()
        .try_get_matches_from(argv)
        .and_then(|matches| {
            let source = Source::Target {
                target,
                config,
                as_command_line: true,
            };
            let settings = settings(&command, &matches, source);
            A::from_arg_matches(&matches).map(|args| (args, settings))
        })
        .map_err(|e| clap_error(&e, &command, target, config))
}

/// clap's complaint about a value, named by the file, the target and the key.
fn clap_error(e: &clap::Error, command: &clap::Command, target: &Target, config: &Config) -> Error {
    let reason = e.to_string();
    let first = reason.lines().next().unwrap_or_default();
    let first = first.trim_start_matches("error: ");
    let arg = e.context().find_map(|(kind, value)| match (kind, value) {
        (clap::error::ContextKind::InvalidArg, clap::error::ContextValue::String(arg)) => {
            Some(arg.clone())
        }
        _ => None,
    });
    let key = arg.and_then(|arg| {
        keys(command)
            .into_iter()
            .find(|k| arg.split([' ', '=']).next() == Some(k.long.as_str()))
            .map(|k| k.key)
    });
    Error::Config(match key {
        Some(key) => format!("{}: {first}", config.at(&target.name, &key)),
        None => format!("{} [targets.{}]: {first}", config.shown(), target.name),
    })
}

/// `sendmsg CHANNEL --target NAME …`: the channel's subcommand with its variables off and the target's keys
/// as defaults, so an option on the command line still wins over the target.
pub(crate) fn with_defaults(
    subcommand: clap::Command,
    target: &Target,
    config: &Config,
) -> Result<clap::Command, Error> {
    let mut subcommand = without_env(subcommand);
    for (key, value) in resolved(&subcommand, target, config)? {
        subcommand = subcommand.mut_arg(&key.id, |arg| match value {
            Value::Flag(true) => arg.default_value("true"),
            Value::Flag(false) => arg,
            Value::Text(text) => arg.default_value(text),
            Value::List(items) => arg.default_values(items),
        });
    }
    Ok(subcommand)
}

/// The scope of a resolution of `channel`: the origin of each value `settings` records, the named
/// target (if any) and every option's names, so an error about a setting is located by its fields.
pub(crate) fn scope(
    channel: &'static str,
    settings: &[Setting],
    target: Option<(&Target, &Config)>,
) -> Scope {
    let options = super::options_of(channel)
        .map(|command| keys(&command))
        .unwrap_or_default()
        .into_iter()
        .map(|k| OptionName {
            var: k.env,
            long: k.long,
            key: k.key,
        })
        .collect();
    Scope {
        channel,
        target: target.map(|(target, config)| (config.shown(), target.name.clone())),
        settings: settings.to_vec(),
        options,
    }
}

/// `sendmsg targets`: a target's keys as shown, secrets `***` and URLs without their credentials.
pub(crate) fn describe(target: &Target) -> Vec<(String, String)> {
    let keys = super::options_of(&target.channel)
        .map(|c| keys(&c))
        .unwrap_or_default();
    let secret = |name: &str| keys.iter().any(|k| k.key == name && k.secret);
    let shown: Vec<(String, String)> = target
        .keys
        .iter()
        .map(|(name, value)| {
            let text = match value {
                _ if secret(name) => crate::secret::MASK.to_owned(),
                Value::Flag(b) => b.to_string(),
                Value::Text(text) => crate::targets::shown_value(text),
                Value::List(items) => items
                    .iter()
                    .map(|i| crate::targets::shown_value(i))
                    .collect::<Vec<_>>()
                    .join(","),
            };
            (name.clone(), text)
        })
        .collect();
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_example_config_has_a_valid_target_of_every_channel() {
        let path = Path::new("contrib/config.toml.example");
        let text = include_str!("../../contrib/config.toml.example");
        let config = Config::parse(path, text).unwrap_or_else(|e| panic!("{e}"));
        let printer = Printer {
            quiet: true,
            ..Printer::default()
        };
        assert!(check_config(&config, printer).is_ok());
        for channel in super::super::NAMES {
            assert!(
                config.targets.iter().any(|t| t.channel == *channel),
                "contrib/config.toml.example has no `{channel}` target"
            );
        }
    }

    #[test]
    fn a_flag_a_value_and_a_list_are_the_option_s_kinds() {
        let command = super::super::options_of("ding").unwrap_or_else(|| panic!("ding"));
        let keys = keys(&command);
        let kind = |name: &str| {
            keys.iter()
                .find(|k| k.key == name)
                .map(|k| (k.kind, k.secret))
        };
        assert_eq!(kind("markdown"), Some((Kind::Flag, false)));
        assert_eq!(kind("access_token"), Some((Kind::One, true)));
        assert_eq!(kind("at_mobile"), Some((Kind::Many, false)));
        assert_eq!(kind("help"), None);
        assert!(typed(&keys[0], &Value::List(vec![]), "at").is_err());
    }
}
