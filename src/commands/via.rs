//! Reaching a channel by name, configured from the environment alone: what `send --via`, `run` and
//! `serve-ddns --notify` do. The channel is built typed from its arguments; nothing is re-parsed.

use super::{plan, rules};
use crate::channels::{BodyArgs, ChannelCommand};
use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::outgoing::Outgoing;
use crate::output::Printer;

/// Sends `text` through the channel named `channel`, exactly as `sendmsg CHANNEL -- TEXT` would (limits,
/// dedupe and history included): for `serve-ddns --notify`.
pub(crate) fn send_via(
    channel: &str,
    text: &str,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<(), Error> {
    let rules = rules(global)?;
    prepare_via(channel, text, &|_| {}, global, printer)?.send(&rules, global.dry_run, printer)
}

/// Prepares `text` for the channel named `channel`. `adjust` sets the message options of a channel that
/// has them (`--overflow truncate`); a channel without free text is left as it is.
pub(crate) fn prepare_via(
    channel: &str,
    text: &str,
    adjust: &dyn Fn(&mut BodyArgs),
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let mut command = resolve(channel)?;
    if let Some(body) = command.front_mut().body_mut() {
        adjust(body);
    }
    plan(&command, Some(text.to_owned()), global, printer)
}

/// serve-ddns's way to its notify channels: the channel commands, configured from the environment.
pub(crate) struct ChannelNotifier {
    pub(crate) global: GlobalArgs,
    pub(crate) printer: Printer,
}

impl crate::serve::Notifier for ChannelNotifier {
    fn prepare(&self, channel: &str) -> Result<crate::serve::Prepared, Error> {
        prepare_via(channel, "preflight", &|_| {}, &self.global, self.printer)?;
        // Resolved a second time only to learn the mode: its warnings were said by `prepare_via`.
        let how = crate::settings::Resolve {
            dry_run: self.global.dry_run,
            printer: Printer {
                quiet: true,
                ..self.printer
            },
        };
        let wecom_app = match resolve(channel)? {
            ChannelCommand::Wecom(args) => matches!(
                crate::channels::wecom::settings::resolve(&args, how)?,
                crate::channels::wecom::settings::Wecom::App(_)
            ),
            _ => false,
        };
        Ok(crate::serve::Prepared { wecom_app })
    }

    fn send(&self, channel: &str, text: &str) -> Result<(), Error> {
        send_via(channel, text, &self.global, self.printer)
    }
}

fn resolve(channel: &str) -> Result<ChannelCommand, Error> {
    if !crate::channels::NAMES.contains(&channel) {
        return Err(Error::Config(format!(
            "`{channel}` is not a channel (one of {})",
            crate::channels::NAMES.join(", ")
        )));
    }
    ChannelCommand::from_env(channel)
        .map_err(|reason| Error::Config(format!("cannot send through `{channel}`: {reason}")))
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
            Printer::default(),
        );
        assert!(result.is_ok(), "{result:?}");
    }

    #[test]
    fn send_via_rejects_what_is_not_a_channel() {
        for name in ["nosuch", "completions"] {
            let err = send_via(name, "x", &global(true), Printer::default()).err();
            assert_eq!(err.map(|e| e.exit_code()), Some(3), "{name}");
        }
    }
}
