//! `sendmsg CHANNEL --target NAME` and `sendmsg targets`: the named targets of config.toml on the command
//! line.

use crate::channels::{ChannelCommand, describe, with_defaults};
use crate::cli::{Cli, Command};
use crate::error::Error;
use crate::output::Printer;
use crate::targets::Config;
use clap::FromArgMatches;
use std::ffi::OsString;

/// `sendmsg CHANNEL --target NAME …` parsed again with the channel's variables off and the target's keys as
/// its defaults: the target's settings, and the command line's options over them.
pub(crate) fn command_line(
    channel: &str,
    name: &str,
    argv: &[OsString],
    config: &Config,
) -> Result<ChannelCommand, Error> {
    let target = config.find_target(name).ok_or_else(|| match config.path {
        None => Error::Config(format!("--target {name}: {}", Config::none_found())),
        Some(_) => Error::Config(format!(
            "--target {name}: {} has no [targets.{name}] ({})",
            config.shown(),
            config.target_names()
        )),
    })?;
    if target.channel != channel {
        return Err(Error::BadInput(format!(
            "--target {name} is a `{0}` target, not `{1}`: `sendmsg {0} --target {name}`, or `sendmsg send --via {name}`",
            target.channel, channel
        )));
    }
    // The target alone first, so a bad value is named by its key rather than blamed on the command line.
    ChannelCommand::from_target(target, config)?;
    let mut failed = None;
    let command = crate::cli::command_for(Some(channel)).mut_subcommand(channel, |sub| {
        match with_defaults(sub.clone(), target, config) {
            Ok(sub) => sub,
            Err(err) => {
                failed = Some(err);
                sub
            }
        }
    });
    if let Some(err) = failed {
        return Err(err);
    }
    let parsed = command
        .clone()
        .try_get_matches_from(argv)
        .and_then(|matches| {
            let mut cli = Cli::from_arg_matches(&matches)?;
            if let (Command::Channel(parsed), Some(sub_matches), Some(sub)) = (
                &mut cli.command,
                matches.subcommand_matches(channel),
                command.find_subcommand(channel),
            ) {
                let source = crate::channels::Source::Target {
                    target,
                    config,
                    as_command_line: false,
                };
                parsed.capture(sub, sub_matches, source);
            }
            Ok(cli)
        });
    match parsed {
        Ok(Cli {
            command: Command::Channel(channel),
            ..
        }) => Ok(channel),
        Ok(_) => Err(Error::BadInput(format!(
            "--target {name}: not a channel command"
        ))),
        Err(e) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            Err(Error::BadInput(
                first.trim_start_matches("error: ").to_owned(),
            ))
        }
    }
}

/// `sendmsg targets`: each target (name, channel, its keys with secrets `***`) and each group, one line each
/// or (`--json`) one object each.
pub(crate) fn list(config: &Config, json: bool, printer: Printer) {
    if config.path.is_none() {
        printer.note(&format!(
            "no config file: name targets in {} (see contrib/config.toml.example), or use --config PATH",
            crate::xdg::from_env(crate::xdg::Base::Config)
                .map_or_else(|| "config.toml".into(), |d| d.join("config.toml").display().to_string())
        ));
        return;
    }
    let width = config
        .targets
        .iter()
        .map(|t| t.name.len())
        .chain(config.groups.iter().map(|g| g.name.len()))
        .max()
        .unwrap_or(0);
    for target in &config.targets {
        let keys = describe(target);
        let line = if json {
            serde_json::to_string(&Line {
                kind: "target",
                name: &target.name,
                channel: Some(&target.channel),
                keys: Some(Keys(&keys)),
                targets: None,
            })
            .unwrap_or_default()
        } else {
            let keys: Vec<String> = keys.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!(
                "{:width$}  {:10}  {}",
                target.name,
                target.channel,
                keys.join(" ")
            )
        };
        printer.output(&line);
    }
    for group in &config.groups {
        let line = if json {
            serde_json::to_string(&Line {
                kind: if group.pool { "pool" } else { "group" },
                name: &group.name,
                channel: None,
                keys: None,
                targets: Some(&group.members),
            })
            .unwrap_or_default()
        } else {
            format!(
                "{:width$}  {:10}  {}",
                group.name,
                if group.pool { "pool" } else { "group" },
                group.members.join(",")
            )
        };
        printer.output(&line);
    }
}

/// One `targets --json` line: a target with its channel and keys, or a group with its targets.
#[derive(serde::Serialize)]
struct Line<'a> {
    name: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keys: Option<Keys<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    targets: Option<&'a [String]>,
}

/// The keys in the file's order.
struct Keys<'a>(&'a [(String, String)]);

impl serde::Serialize for Keys<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}
