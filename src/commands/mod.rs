//! The commands that are not a channel's own send: `send`, `run`, `check`, `history`, `completions`, and
//! the way each reaches a channel by name ([`via`]). Only this layer (and `serve`) sees the global options.

pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod outbox;
pub(crate) mod pool;
pub(crate) mod run;
pub(crate) mod send;
pub(crate) mod targets;
pub(crate) mod via;

use crate::channels::{ChannelCommand, SendSettings};
use crate::cli::{Command, GlobalArgs};
use crate::error::{Error, Exit};
use crate::guard::Rules;
use crate::outgoing::Envelope;
use crate::output::Printer;
use crate::settings::Resolve;
use crate::targets::Config;
use std::ffi::OsString;

/// Runs one command; `Ok` carries the exit status of a command that reports its own failures (`send`,
/// `check`, `outbox flush`: their worst [`Exit`]; `run`: the wrapped command's own status).
/// `argv` is the whole command line, parsed again for `CHANNEL --target NAME`.
pub(crate) fn dispatch(
    command: &mut Command,
    global: &GlobalArgs,
    argv: &[OsString],
    printer: Printer,
) -> Result<u8, Error> {
    match command {
        Command::Channel(channel) => {
            let name = channel.name();
            let planned = rules(global).and_then(|rules| {
                let outgoing = match channel.target() {
                    Some(target) => {
                        let target = target.to_owned();
                        let config = config(global, printer)?;
                        let mut channel =
                            targets::command_line(channel.name(), &target, argv, &config)?;
                        channel_plan(&mut channel, global, &config, printer)?
                    }
                    None => {
                        // Not read without a target, but a file named that is not there is still an error.
                        let located = Config::locate(global.config.as_deref())?;
                        printer.verbose(&match located {
                            Some(path) => {
                                format!("config file: {} (not read: no --target)", path.display())
                            }
                            None => "config file: none".to_owned(),
                        });
                        channel_plan(channel, global, &Config::default(), printer)?
                    }
                };
                Ok((rules, outgoing))
            });
            match planned {
                Ok((rules, outgoing)) => outgoing.send(&rules, global.dry_run, printer).map(|()| 0),
                Err(err) => {
                    printer.json_line(&Envelope::unplanned(name, &err));
                    Err(err)
                }
            }
        }
        Command::Outbox(args) => outbox::run(args, global, printer).map(Exit::code),
        Command::Send(args) => send::send(args, global, printer).map(Exit::code),
        Command::Run(args) => run::run(args, global, printer),
        Command::History(args) => history::show(args, global, printer).map(|()| 0),
        Command::Check(args) => check::run(args, global, printer).map(Exit::code),
        Command::Targets => {
            targets::list(&config(global, printer)?, global.json, printer);
            Ok(0)
        }
        Command::ServeDdns(args) => {
            let config = config(global, printer)?;
            let settings = crate::serve::settings::serve_ddns(args, &config, &global.flags)?;
            crate::serve::run(settings, notifier(global, config, printer), printer).map(|()| 0)
        }
        Command::Serve(args) => {
            let config = config(global, printer)?;
            let settings = crate::serve::settings::serve(args, &config, &global.flags)?;
            let notifier = notifier(global, config, printer);
            if args.check {
                crate::serve::check(&settings, notifier.as_ref(), printer).map(|()| 0)
            } else {
                crate::serve::run(settings, notifier, printer).map(|()| 0)
            }
        }
        Command::Import(args) => import::run(&args.from, printer),
        Command::Completions { shell } => {
            printer.dry_run(completions::script(*shell).trim_end());
            Ok(0)
        }
    }
}

/// How `serve-ddns` and `serve` reach their channels and targets. They keep their messages in the
/// outbox themselves, so a send never queues one again.
fn notifier(
    global: &GlobalArgs,
    config: Config,
    printer: Printer,
) -> std::sync::Arc<via::ChannelNotifier> {
    std::sync::Arc::new(via::ChannelNotifier {
        global: GlobalArgs {
            queue: false,
            from_outbox: true,
            ..global.clone()
        },
        config,
        printer,
    })
}

/// Whether a send keeps what it cannot send now in the outbox (`--queue`; a dry-run sends nothing).
pub(crate) fn queues(global: &GlobalArgs) -> bool {
    global.queue && !global.dry_run
}

/// A channel command's plan under `--queue`: the message is read first, so the outbox can keep it with
/// the command-line options the channel is rebuilt from. A secret given only on the command line could
/// not be read again when the entry is sent, so it is refused before anything is sent.
fn queued_plan(
    channel: &mut ChannelCommand,
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<crate::outgoing::Outgoing, Error> {
    if let Some((option, var)) = global.given.secrets.first() {
        return Err(Error::BadInput(format!(
            "--queue cannot keep a message sent with {option} on the command line: `sendmsg outbox \
             flush` reads credentials from its environment, where this one is not; set {var} instead"
        )));
    }
    let body = match channel.front_mut().body_mut() {
        // Empty: the channel reads (and refuses) it as usual, or sends an e-mail of attachments only.
        Some(body) => Some(body.read_with(crate::body::read_optional)?).filter(|b| !b.is_empty()),
        None => None,
    };
    Ok(plan(channel, body.clone(), global, config, printer)?
        .queue_on_failure(global.given.options.clone(), body))
}

/// A channel command's plan, kept in the outbox on a transient failure under `--queue`.
fn channel_plan(
    channel: &mut ChannelCommand,
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<crate::outgoing::Outgoing, Error> {
    if queues(global) {
        queued_plan(channel, global, config, printer)
    } else {
        plan(channel, None, global, config, printer)
    }
}

/// The global options of `send` and `run`, with `SENDMSG_VIA` among the settings the trust rule weighs
/// when it (and not `--via`) picked the channels.
pub(crate) fn with_via_origin(global: &GlobalArgs) -> GlobalArgs {
    let mut global = global.clone();
    if let Some(origin) = crate::settings::option_origin("--via", &global.flags, "SENDMSG_VIA") {
        global.chosen.push(crate::origin::Setting {
            name: "SENDMSG_VIA".into(),
            credential: false,
            destination: true,
            origin,
        });
    }
    global
}

/// The `--limit`/`--dedupe` rules of the global options.
pub(crate) fn rules(global: &GlobalArgs) -> Result<Rules, Error> {
    // A bad value is named where it came from: `--limit`, `SENDMSG_LIMIT` or `.env line 3: SENDMSG_LIMIT`.
    let named = |long: &str, var: &str| {
        crate::settings::option_origin(long, &global.flags, var)
            .map_or_else(|| long.to_owned(), |origin| origin.to_string())
    };
    Rules::new(
        (&named("--limit", "SENDMSG_LIMIT"), global.limit.as_deref()),
        (
            &named("--dedupe", "SENDMSG_DEDUPE"),
            global.dedupe.as_deref(),
        ),
        global.limit_key.as_deref(),
    )
}

/// The named targets of `--config`/`SENDMSG_CONFIG` or the default file, every target checked against its
/// channel's options (`-v` says which file).
pub(crate) fn config(global: &GlobalArgs, printer: Printer) -> Result<Config, Error> {
    let mut config = Config::load(global.config.as_deref())?;
    config.origin = match &global.config {
        Some(_) => crate::settings::option_origin("--config", &global.flags, "SENDMSG_CONFIG"),
        None => crate::env_file::origin("XDG_CONFIG_HOME"),
    }
    .unwrap_or_default();
    crate::channels::check_config(&config, printer)?;
    printer.verbose(&match &config.path {
        Some(path) => format!(
            "config file: {} ({} targets, {} groups)",
            path.display(),
            config.targets.len(),
            config.groups.len()
        ),
        None => "config file: none".to_owned(),
    });
    Ok(config)
}

/// The global options that shape delivery, as plain values for the layers below.
pub(crate) fn send_settings(global: &GlobalArgs, printer: Printer) -> SendSettings {
    crate::shared_state::set_timeout(global.timeout);
    SendSettings {
        dry_run: global.dry_run,
        timeout: global.timeout,
        retries: global.retries,
        printer,
        target: None,
        pacing: crate::pacing::Pacing {
            setting: global.pace.unwrap_or_default(),
            max_wait: global.max_wait,
        },
        advise_queue: !global.queue && !global.from_outbox,
    }
}

/// A channel's plan as an [`Outgoing`](crate::outgoing::Outgoing): everything a channel command does
/// before its first request. `text` is the message when the caller already has it. A named target's
/// errors are in its words (its keys in `config`, `ding@ops`).
pub(crate) fn plan(
    channel: &ChannelCommand,
    text: Option<String>,
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<crate::outgoing::Outgoing, Error> {
    let scope = channel.scope(config);
    let how = Resolve {
        dry_run: global.dry_run,
        printer,
        scope: &scope,
        findings: None,
    };
    let target = channel.target().and_then(|name| config.find_target(name));
    let mut settings = SendSettings {
        target: target.map(|t| crate::error::intern(&t.name)),
        ..send_settings(global, printer)
    };
    // The target's pace unless `--pace`/`SENDMSG_PACE` was given (checked when the file was read).
    if let Some(pace) = target.and_then(|t| t.pace.as_deref())
        && global.pace.is_none()
    {
        settings.pacing.setting = crate::pacing::Setting::parse(pace).map_err(Error::Config)?;
    }
    if let Some(target) = target {
        printer.verbose(&format!(
            "{}: settings from {} [targets.{}]",
            crate::error::label(&target.channel, Some(&target.name)),
            config.shown(),
            target.name
        ));
    }
    let mut origins = crate::settings::ambient();
    origins.extend(global.chosen.iter().cloned());
    origins.extend(channel.settings().iter().cloned());
    crate::origin::refuse_moved(&origins)
        .map_err(|why| scope.locate(Error::config(channel.name(), why.to_string())))?;
    channel
        .front()
        .plan(text, how)
        .and_then(|plan| plan.into_outgoing(settings))
        .map_err(|err| scope.locate(err))
}
