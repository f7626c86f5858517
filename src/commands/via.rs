//! Reaching a channel or a named target by name: what `send --via`, `run` and `serve-ddns --notify` do. A
//! channel is configured from the environment alone, a target from its keys alone; either is built typed
//! from its arguments.

use super::{plan, rules};
use crate::channels::{BodyArgs, ChannelCommand};
use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::outbox::{Destination, Key, Route};
use crate::outgoing::Outgoing;
use crate::output::Printer;
use crate::targets::Config;

/// Sends `text` through the channel or target named `channel`, exactly as `sendmsg CHANNEL -- TEXT` would
/// (limits, dedupe and history included): for `serve-ddns --notify`.
pub(crate) fn send_via(
    channel: &str,
    text: &str,
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<(), Error> {
    let rules = rules(global)?;
    prepare_via(channel, text, &|_| {}, global, config, printer)?.send(
        &rules,
        global.dry_run,
        printer,
    )
}

/// Prepares `text` for the channel or target named `channel`. `adjust` sets the message options of a channel that
/// has them (`--overflow truncate`); a channel without free text is left as it is.
pub(crate) fn prepare_via(
    channel: &str,
    text: &str,
    adjust: &dyn Fn(&mut BodyArgs),
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<Outgoing, Error> {
    if let Some(members) = config.pool(channel) {
        let member = |name: &str| prepare_via(name, text, adjust, global, config, printer);
        return super::pool::prepare(channel, members, member, printer);
    }
    let mut command = resolve(channel, config, &[])?;
    let options = match command.front_mut().body_mut() {
        Some(body) => {
            adjust(body);
            body.as_options()
        }
        None => Vec::new(),
    };
    let outgoing = plan(&command, Some(text.to_owned()), global, config, printer)?;
    Ok(if super::queues(global) {
        outgoing.queue_on_failure(options, Some(text.to_owned()))
    } else {
        outgoing
    })
}

/// `text` planned for the channel or target named `channel` with `options` (an outbox entry's or a
/// `serve` route's `--markdown`, `--title=T`) over its settings, as `sendmsg CHANNEL OPTIONS -- TEXT`
/// would send it.
pub(crate) fn shaped(
    channel: &str,
    text: &str,
    options: &[String],
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let command = resolve(channel, config, options)?;
    plan(&command, Some(text.to_owned()), global, config, printer)
}

/// Where a text sent with `options` through `channels` (a channel and its fallbacks) goes, as an outbox
/// entry records it, and its recipients: resolved as a send would be, sending nothing.
pub(crate) fn pin(
    channels: &[String],
    options: &[String],
    key: &Key,
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<(Destination, Vec<String>), Error> {
    let mut route = Route::default();
    let mut recipients = Vec::new();
    for channel in channels {
        let outgoing = shaped(channel, "sendmsg", options, global, config, printer)?;
        recipients.extend(outgoing.target.recipients.iter().cloned());
        route.merge(outgoing.into_route());
    }
    let first = channels.first().map_or("", String::as_str);
    Ok((route.pin(key, first, None, &recipients), recipients))
}

/// serve-ddns's way to its notify channels and targets: the channel commands, configured from the
/// environment or from config.toml.
pub(crate) struct ChannelNotifier {
    pub(crate) global: GlobalArgs,
    pub(crate) config: Config,
    pub(crate) printer: Printer,
}

impl ChannelNotifier {
    /// Prepares `name` as a send would (a missing credential is said in the target's words), and the
    /// quiet printer to resolve it again with, for what the server learns at start: its warnings were
    /// said once.
    fn preflight(&self, name: &str) -> Result<Printer, Error> {
        prepare_via(
            name,
            "preflight",
            &|_| {},
            &self.global,
            &self.config,
            self.printer,
        )?;
        Ok(Printer {
            quiet: true,
            ..self.printer
        })
    }
}

impl ChannelNotifier {
    fn resolving<'a>(
        &self,
        printer: Printer,
        scope: &'a crate::settings::Scope,
    ) -> crate::settings::Resolve<'a> {
        crate::settings::Resolve {
            dry_run: self.global.dry_run,
            printer,
            scope,
            findings: None,
        }
    }
}

impl crate::serve::Notifier for ChannelNotifier {
    fn prepare(&self, channel: &str) -> Result<crate::serve::Prepared, Error> {
        let printer = self.preflight(channel)?;
        if self.config.pool(channel).is_some() {
            return Ok(crate::serve::Prepared { wecom_app: false });
        }
        let command = resolve(channel, &self.config, &[])?;
        let scope = command.scope(&self.config);
        let how = self.resolving(printer, &scope);
        let wecom_app = match command {
            ChannelCommand::Wecom(args) => matches!(
                crate::channels::wecom::settings::resolve(&args, how)?,
                crate::channels::wecom::settings::Wecom::App(_)
            ),
            _ => false,
        };
        Ok(crate::serve::Prepared { wecom_app })
    }

    fn send(&self, channel: &str, text: &str, shape: &crate::serve::Shape) -> Result<(), Error> {
        if shape.options.is_empty() && shape.route.is_none() {
            return send_via(channel, text, &self.global, &self.config, self.printer);
        }
        let mut outgoing = shaped(
            channel,
            text,
            &shape.options,
            &self.global,
            &self.config,
            self.printer,
        )?;
        outgoing.target.route = shape.route.as_deref().map(crate::error::intern);
        outgoing.send(&rules(&self.global)?, self.global.dry_run, self.printer)
    }

    fn destination(
        &self,
        name: &str,
        options: &[String],
    ) -> Result<crate::serve::Destination, Error> {
        let printer = self.preflight(name)?;
        let command = resolve(name, &self.config, options)?;
        let scope = command.scope(&self.config);
        let planned = command
            .front()
            .plan(Some("preflight".into()), self.resolving(printer, &scope))
            .map_err(|err| scope.locate(err))?;
        Ok(crate::serve::Destination {
            channel: command.name(),
            target: self.config.find_target(name).map(|t| t.name.clone()),
            budget: planned.budget(),
        })
    }

    fn pin(
        &self,
        channels: &[String],
        options: &[String],
        key: &Key,
    ) -> Result<(Destination, Vec<String>), Error> {
        pin(
            channels,
            options,
            key,
            &self.global,
            &self.config,
            self.printer,
        )
    }
}

/// The channel named `name` from its variables, or the target named `name` from its keys; `options` (an
/// outbox entry's, or a `serve` route's `--markdown`) go over a channel's variables or a target's keys.
pub(super) fn resolve(
    name: &str,
    config: &Config,
    options: &[String],
) -> Result<ChannelCommand, Error> {
    if let Some(target) = config.find_target(name) {
        if options.is_empty() {
            return ChannelCommand::from_target(target, config);
        }
        // The target's keys with `options` over them, as `sendmsg CHANNEL --target NAME OPTIONS` would.
        let argv: Vec<std::ffi::OsString> =
            ["sendmsg", &target.channel, &format!("--target={name}")]
                .into_iter()
                .map(Into::into)
                .chain(options.iter().map(Into::into))
                .collect();
        return super::targets::command_line(&target.channel, name, &argv, config);
    }
    if config.pool(name).is_some() {
        return Err(Error::Config(format!(
            "`{name}` is a pool: `send --via`, `run --via` and `serve-ddns --notify` send through it; \
             here, name its targets"
        )));
    }
    if !crate::channels::NAMES.contains(&name) {
        return Err(Error::Config(format!(
            "`{name}` is not a channel (one of {}) or a target ({})",
            crate::channels::NAMES.join(", "),
            config.target_names()
        )));
    }
    ChannelCommand::from_env_with(name, options)
        .map_err(|reason| Error::Config(format!("cannot send through `{name}`: {reason}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global(dry_run: bool) -> GlobalArgs {
        let cli = crate::cli::Cli::parse_args(["sendmsg", "completions", "bash"]).map(|c| c.global);
        GlobalArgs {
            dry_run,
            ..cli.unwrap_or_else(|e| panic!("{e}"))
        }
    }

    #[test]
    fn send_via_runs_the_named_channel_with_the_text_as_one_message() {
        // A dry-run needs no credentials, so this exercises parsing and dispatch without a network.
        let result = send_via(
            "ding",
            "ip changed\n--not-a-flag",
            &global(true),
            &Config::default(),
            Printer::default(),
        );
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn send_via_rejects_what_is_not_a_channel() {
        for name in ["nosuch", "completions"] {
            let err = send_via(
                name,
                "x",
                &global(true),
                &Config::default(),
                Printer::default(),
            )
            .err();
            assert_eq!(err.map(|e| e.exit().code()), Some(3), "{name}");
        }
    }
}
