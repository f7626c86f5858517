//! sendmsg: one command-line sender for the channels teams in China use.
//!
//! The flow of a send: `env_file` loads `.env` under the environment, clap parses (`cli`), `config` turns
//! arguments into a channel's settings, `body` reads the message, `split` fits it to the channel's limit,
//! and `channels::deliver` sends each part through a `transport` with retries. All output goes through
//! `output`, which redacts every known secret.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod body;
pub mod channels;
pub mod cli;
pub mod completions;
pub mod config;
pub mod env_file;
pub mod error;
pub mod output;
pub mod request;
pub mod secret;
pub mod split;
pub mod transport;

use crate::channels::{Channel, Session, deliver, deliver_each};
use crate::cli::{BodyArgs, Cli, Command, GlobalArgs};
use crate::error::Error;
use crate::output::Printer;
use crate::transport::{DryRun, HttpTransport, RetryPolicy, Transport};
use clap::Parser;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

/// The whole program: parse, run, and map the outcome to the contract's exit code.
pub fn main() -> ExitCode {
    install_panic_hook();
    let args: Vec<OsString> = std::env::args_os().collect();
    // Loaded before parsing so clap's env fallbacks see the file; an error waits until a command needs it.
    let env_loaded = env_file::load(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints its own usage errors (exit 2) and help/version (exit 0).
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let printer = Printer {
        quiet: cli.global.quiet,
        json: cli.global.json,
        verbose: cli.global.verbose,
    };
    match run(cli, env_loaded, printer) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            printer.error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

fn run(cli: Cli, env_loaded: Result<(), Error>, printer: Printer) -> Result<(), Error> {
    if let Command::Completions { shell } = cli.command {
        printer.dry_run(completions::script(shell).trim_end());
        return Ok(());
    }
    env_loaded?;
    refuse_pending_globals(&cli.global)?;
    dispatch(&cli.command, &cli.global, printer)
}

/// Runs one channel command (or a command built on channels).
fn dispatch(command: &Command, global: &GlobalArgs, printer: Printer) -> Result<(), Error> {
    let how = config::Resolve {
        dry_run: global.dry_run,
        printer,
    };
    match command {
        Command::Ding(args) => {
            let mut ding = config::ding(args, how)?;
            let body = read_body(&args.body)?;
            let text = config::ding_message(&mut ding, args, body);
            send_text(&ding, &text, &args.body, global, printer)
        }
        Command::Gewe(args) => {
            let gewe = config::gewe::resolve(args, how)?;
            let parts = match &args.app_xml {
                // An app message is one XML document: never split.
                Some(path) => vec![config::gewe::app_xml(path)?],
                None => {
                    let body = read_body(&args.body)?;
                    split::fit(
                        &body,
                        gewe.budget(args.body.max_bytes.map(|n| n as usize)),
                        config::overflow(&args.body),
                    )?
                }
            };
            let targets = config::gewe::targets(&gewe);
            send_parts(&as_dyn(&targets), &parts, gewe.to.len(), global, printer)
        }
        Command::Sms(args) => match config::sms::resolve(args, how)? {
            // The template is the message: one request, no text to fit.
            config::sms::Sms::Template {
                channel,
                recipients,
            } => send_parts(
                &[(String::new(), channel.as_ref())],
                &[String::new()],
                recipients,
                global,
                printer,
            ),
            config::sms::Sms::Http(gateways) => {
                let body = read_body(&args.body)?;
                let policy = config::overflow(&args.body);
                let budget = gateways
                    .first()
                    .map(|g| g.budget(policy.max_bytes))
                    .unwrap_or(split::Budget {
                        max: 0,
                        cost: split::Cost::Utf8,
                    });
                let parts = split::fit(&body, budget, policy)?;
                let targets: Vec<(String, channels::sms::http::Gateway)> = gateways
                    .into_iter()
                    .map(|g| (g.mobile.as_str().to_owned(), g))
                    .collect();
                send_parts(&as_dyn(&targets), &parts, targets.len(), global, printer)
            }
        },
        other => Err(Error::BadInput(format!(
            "`sendmsg {}` is not implemented yet",
            other.name()
        ))),
    }
}

/// Sends `text` through the channel named `channel`, configured from the environment alone, exactly as
/// `sendmsg CHANNEL -- TEXT` would: for `serve-ddns --notify`, `send --via` and `run --via`.
pub fn send_via(
    channel: &str,
    text: &str,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<(), Error> {
    let cli = Cli::try_parse_from(["sendmsg", channel, "--", text]).map_err(|e| {
        let reason = e.to_string();
        let first = reason
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ");
        Error::Config(format!("cannot send through `{channel}`: {first}"))
    })?;
    match cli.command {
        Command::Completions { .. } => Err(Error::Config(format!("`{channel}` is not a channel"))),
        command => dispatch(&command, global, printer),
    }
}

/// `--limit` and `--dedupe` are in the contract but not built yet: refusing beats silently ignoring.
fn refuse_pending_globals(global: &GlobalArgs) -> Result<(), Error> {
    for (flag, value) in [("--limit", &global.limit), ("--dedupe", &global.dedupe)] {
        if value.is_some() {
            return Err(Error::BadInput(format!(
                "{flag} (or its environment variable) is not implemented yet"
            )));
        }
    }
    Ok(())
}

fn read_body(args: &BodyArgs) -> Result<String, Error> {
    let stdin = std::io::stdin();
    let is_terminal = stdin.is_terminal();
    let source = body::BodySource {
        words: &args.message,
        file: args.file.as_deref(),
    };
    body::read(source, &mut stdin.lock(), is_terminal)
}

/// Fits the text to the channel, then sends every part, or prints them on a dry-run.
fn send_text(
    channel: &dyn Channel,
    text: &str,
    body_args: &BodyArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<(), Error> {
    let policy = config::overflow(body_args);
    let parts = split::fit(text, channel.budget(policy.max_bytes), policy)?;
    send_parts(&[(String::new(), channel)], &parts, 1, global, printer)
}

/// The targets as trait objects, for [`send_parts`].
fn as_dyn<C: Channel>(targets: &[(String, C)]) -> Vec<(String, &dyn Channel)> {
    targets
        .iter()
        .map(|(name, channel)| (name.clone(), channel as &dyn Channel))
        .collect()
}

/// Sends every part through each target (one per recipient, or one for all), or prints them on a
/// dry-run. `recipients` is only for the success note.
fn send_parts(
    targets: &[(String, &dyn Channel)],
    parts: &[String],
    recipients: usize,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<(), Error> {
    let transport: Box<dyn Transport> = if global.dry_run {
        Box::new(DryRun { printer })
    } else {
        Box::new(HttpTransport::new(global.timeout, printer)?)
    };
    let session = Session {
        transport: transport.as_ref(),
        printer,
        retry: RetryPolicy::new(global.retries),
    };
    let name = match targets {
        [(_, only)] => {
            deliver(*only, parts, &session)?;
            only.name()
        }
        _ => {
            deliver_each(targets, parts, &session)?;
            targets.first().map_or("sendmsg", |(_, c)| c.name())
        }
    };
    if !global.dry_run {
        let mut note = format!("{name}: sent");
        if parts.len() > 1 {
            note.push_str(&format!(" in {} parts", parts.len()));
        }
        if recipients > 1 {
            note.push_str(&format!(" to {recipients} recipients"));
        }
        printer.note(&note);
    }
    Ok(())
}

/// A panic is a bug; its message still must not show a secret.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = secret::redact(&info.to_string());
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("sendmsg: internal error (please report this bug): {message}\n"),
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global(dry_run: bool) -> GlobalArgs {
        let cli = Cli::try_parse_from(["sendmsg", "completions", "bash"]).map(|c| c.global);
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
