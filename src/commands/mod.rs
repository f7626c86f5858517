//! The commands that are not a channel's own send: `send`, `run`, `check`, `history`, `completions`, and
//! the way each reaches a channel by name ([`via`]). Only this layer (and `serve`) sees the global options.

pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod history;
pub(crate) mod run;
pub(crate) mod send;
pub(crate) mod via;

use crate::channels::{ChannelCommand, SendSettings};
use crate::cli::{Command, GlobalArgs};
use crate::error::Error;
use crate::guard::Rules;
use crate::outgoing::Envelope;
use crate::output::Printer;
use crate::settings::Resolve;

/// Runs one command; `Ok` carries the exit code of a command that reports its own failures (`send`, `run`).
pub(crate) fn dispatch(
    command: &Command,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<u8, Error> {
    match command {
        Command::Channel(channel) => {
            let planned =
                rules(global).and_then(|rules| Ok((rules, plan(channel, None, global, printer)?)));
            match planned {
                Ok((rules, outgoing)) => outgoing.send(&rules, global.dry_run, printer).map(|()| 0),
                Err(err) => {
                    printer.json_line(&Envelope::unplanned(channel.name(), &err));
                    Err(err)
                }
            }
        }
        Command::Send(args) => send::send(args, global, printer),
        Command::Run(args) => run::run(args, global, printer),
        Command::History(args) => history::show(args, global, printer).map(|()| 0),
        Command::Check(args) => check::run(args, global, printer),
        Command::ServeDdns(args) => {
            let settings = crate::serve::settings::serve_ddns(args)?;
            let notifier = std::sync::Arc::new(via::ChannelNotifier {
                global: global.clone(),
                printer,
            });
            crate::serve::run(settings, notifier, printer).map(|()| 0)
        }
        Command::Completions { shell } => {
            printer.dry_run(completions::script(*shell).trim_end());
            Ok(0)
        }
    }
}

/// The `--limit`/`--dedupe` rules of the global options.
pub(crate) fn rules(global: &GlobalArgs) -> Result<Rules, Error> {
    Rules::new(
        global.limit.as_deref(),
        global.dedupe.as_deref(),
        global.limit_key.as_deref(),
    )
}

/// The global options that shape delivery, as plain values for the layers below.
pub(crate) fn send_settings(global: &GlobalArgs, printer: Printer) -> SendSettings {
    SendSettings {
        dry_run: global.dry_run,
        timeout: global.timeout,
        retries: global.retries,
        printer,
    }
}

/// A channel's plan as an [`Outgoing`](crate::outgoing::Outgoing): everything a channel command does
/// before its first request. `text` is the message when the caller already has it.
pub(crate) fn plan(
    channel: &ChannelCommand,
    text: Option<String>,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<crate::outgoing::Outgoing, Error> {
    let how = Resolve {
        dry_run: global.dry_run,
        printer,
    };
    channel
        .front()
        .plan(text, how)?
        .into_outgoing(send_settings(global, printer))
}
