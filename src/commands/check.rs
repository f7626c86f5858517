//! `sendmsg check <channel|target|all>`: is each channel's or named target's configuration good, without
//! messaging anyone? One line per check, ✓ or ✗ with the fix, and every problem listed at once (a check
//! never stops at the first). Each channel's checks are in its folder (`check.rs`); this command picks the
//! channels and targets and reads each one's settings exactly as a send would.

use crate::channels::checkup::{Net, Report};
use crate::channels::{ChannelCommand, NAMES, variables};
use crate::cli::{ALL, CheckArgs, GlobalArgs};
use crate::error::{Error, Exit};
use crate::output::Printer;
use crate::settings::Scope;
use crate::targets::Config;

/// Runs the checks; the exit code is the worst of the failed checks' (0 when all pass).
pub(crate) fn run(args: &CheckArgs, global: &GlobalArgs, printer: Printer) -> Result<Exit, Error> {
    let config = super::config(global, printer)?;
    let targets: Vec<&crate::targets::Target> = config
        .targets
        .iter()
        .filter(|t| args.channel == ALL || t.name == args.channel)
        .collect();
    if args.channel != ALL && targets.is_empty() && !NAMES.contains(&args.channel.as_str()) {
        return Err(Error::BadInput(format!(
            "check: `{}` is not a channel ({}), a target ({}) or `all`",
            args.channel,
            NAMES.join(", "),
            config.target_names()
        )));
    }
    let channels: Vec<&'static str> = NAMES
        .iter()
        .copied()
        .filter(|c| {
            if args.channel == ALL {
                configured(c)
            } else {
                *c == args.channel
            }
        })
        .collect();
    if channels.is_empty() && targets.is_empty() {
        return Err(Error::Config(format!(
            "check: no channel has any setting in the environment or .env (channels: {})",
            NAMES.join(", ")
        )));
    }
    let mut report = Report::new(printer);
    let net = Net {
        timeout: global.timeout,
        retries: global.retries,
        printer,
    };
    for channel in channels {
        match ChannelCommand::from_env(channel) {
            Ok(command) => checked(&command, channel, &config, net, &mut report),
            Err(reason) => {
                report.begin(channel, Scope::default());
                report.fail(
                    "settings",
                    Exit::Config,
                    &reason,
                    "fix the variable named above",
                );
            }
        }
    }
    for target in targets {
        let label = crate::error::label(&target.channel, Some(&target.name));
        match ChannelCommand::from_target(target, &config) {
            Ok(command) => checked(&command, label, &config, net, &mut report),
            Err(err) => {
                report.begin(label, Scope::default());
                report.error("settings", &err, Some("fix the key named above"));
            }
        }
    }
    Ok(Exit::worst(report.exits))
}

/// One channel or target: the trust rule as a send applies it, then the channel's checks.
fn checked(
    command: &ChannelCommand,
    label: &'static str,
    config: &Config,
    net: Net,
    report: &mut Report,
) {
    report.begin(label, command.scope(config));
    trusted(command, report);
    command.front().check(net, report);
}

/// The trust rule as a send would apply it: one ✗ line when a discovered `./.env` chose where this
/// channel's credentials would go.
fn trusted(command: &ChannelCommand, report: &mut Report) {
    let mut origins = crate::settings::ambient();
    origins.extend(command.settings().iter().cloned());
    if let Err(moved) = crate::origin::refuse_moved(&origins) {
        report.fail("./.env", Exit::Config, &moved.problem(), &moved.fix());
    }
}

/// Whether any variable the channel reads is set (not empty).
fn configured(channel: &str) -> bool {
    variables(channel)
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use crate::cli::Cli;

    #[test]
    fn check_takes_a_channel_or_all() {
        for ok in ["all", "ding", "email"] {
            assert!(Cli::parse_args(["sendmsg", "check", ok]).is_ok(), "{ok}");
        }
        assert!(Cli::parse_args(["sendmsg", "check"]).is_err());
    }
}
