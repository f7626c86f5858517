//! sendmsg: one command-line sender for the channels teams in China use.
//!
//! The map is `ARCHITECTURE.md`. In short, from the bottom up: utilities, errors, secrets and the printer;
//! settings and the ledger (limits, dedupe, history); delivery (requests, transport, retries, body,
//! splitting); the channels, one folder each, tied together by a registry; and on top the commands and
//! `serve-ddns`. This file only parses the command line and maps the outcome to an exit code.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod body;
mod channels;
mod cli;
mod commands;
mod digest;
mod env_file;
mod error;
mod guard;
mod hints;
mod history;
mod outbox;
mod outgoing;
mod output;
mod percent;
mod period;
mod private_file;
mod random;
mod request;
mod roots;
mod secret;
mod serve;
mod settings;
mod split;
mod state;
mod token_cache;
mod transport;
mod utc;
mod xdg;

#[doc(hidden)]
pub mod testing;

use crate::cli::Cli;
use crate::output::Printer;
use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::process::ExitCode;

/// The whole program: parse, run, and map the outcome to the contract's exit code.
pub fn main() -> ExitCode {
    install_panic_hook();
    channels::install_hints();
    let args: Vec<OsString> = std::env::args_os().collect();
    // Loaded before parsing so clap's env fallbacks see the file; an error waits until a command needs it.
    let env_loaded = env_file::load(&args);
    // Built once, for both: building the command tree is most of a start-up's instructions. Never
    // dropped: freeing its thousands of allocations just before the process exits was another tenth.
    let command = Box::leak(Box::new(Cli::command()));
    register_secret_variables(command);
    let parsed = command
        .try_get_matches_from_mut(&args)
        .and_then(|mut matches| {
            Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command()))
        });
    let cli = match parsed {
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
    let outcome = match (&cli.command, env_loaded) {
        // Completions need no settings, so a broken env file does not stop them.
        (cli::Command::Completions { .. }, _) | (_, Ok(())) => {
            commands::dispatch(&cli.command, &cli.global, printer)
        }
        (_, Err(err)) => Err(err),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            printer.error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

/// Every variable the command line marks secret (`hide_env_values`) is registered for redaction at start,
/// whichever command runs: a reply or a body that quotes another channel's credential is masked too.
fn register_secret_variables(command: &clap::Command) {
    fn walk(command: &clap::Command) {
        for arg in command
            .get_arguments()
            .filter(|a| a.is_hide_env_values_set())
        {
            let Some(name) = arg.get_env() else { continue };
            if let Some(value) = std::env::var_os(name) {
                // A URL setting hides its user part and query values; the rest stays readable.
                if name.to_string_lossy().ends_with("_URL") {
                    secret::register_url(&value.to_string_lossy());
                } else {
                    secret::Secret::new(value.to_string_lossy());
                }
            }
        }
        command.get_subcommands().for_each(walk);
    }
    walk(command);
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
