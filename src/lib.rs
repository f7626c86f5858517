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
mod lazy_args;
mod markdown;
mod origin;
mod outbox;
mod outgoing;
mod output;
mod pacing;
mod percent;
mod period;
mod private_file;
mod random;
mod request;
mod roots;
mod secret;
mod serve;
mod settings;
mod shared_state;
mod split;
mod state;
mod stop;
mod targets;
mod template;
mod token_cache;
mod transport;
mod utc;
mod xdg;

#[doc(hidden)]
pub mod testing;

use crate::cli::Cli;
use crate::output::Printer;
use std::ffi::OsString;
use std::process::ExitCode;

/// The whole program: parse, run, and map the outcome to the contract's exit code.
pub fn main() -> ExitCode {
    install_panic_hook();
    channels::install_hints();
    let args: Vec<OsString> = std::env::args_os().collect();
    // A shell completing a name (completions/): print the names and nothing else.
    if let Some(kind) = std::env::var_os(commands::completions::NAMES_VAR) {
        let _ = env_file::load(&args);
        output::Printer::default().output(&commands::completions::names(&kind.to_string_lossy()));
        return ExitCode::SUCCESS;
    }
    // Loaded before parsing so clap's env fallbacks see the file; an error waits until a command needs it.
    let env_loaded = env_file::load(&args);
    register_secret_variables();
    let mut cli = match Cli::parse(&args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints its own usage errors (exit 2) and help/version (exit 0).
            let err = name_the_variable(err, &args);
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let printer = Printer {
        quiet: cli.global.quiet,
        json: cli.global.json,
        verbose: cli.global.verbose,
    };
    let files: Vec<String> = env_file::loaded()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    printer.verbose(&if files.is_empty() {
        "env file: none (no --env-file, SENDMSG_ENV_FILE, ~/.config/sendmsg/.env or ./.env)".into()
    } else {
        format!("env file: {}", files.join(", then "))
    });
    for warning in env_file::skipped() {
        printer.note(warning);
    }
    let outcome = match (&cli.command, env_loaded) {
        // Completions need no settings, so a broken env file does not stop them.
        (cli::Command::Completions { .. }, _) | (_, Ok(())) => {
            commands::dispatch(&mut cli.command, &cli.global, &args, printer)
        }
        (_, Err(err)) => Err(err),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            printer.error(&err);
            ExitCode::from(err.exit())
        }
    }
}

/// clap's "invalid value 'abc' for '--timeout <SECS>'" when the value came from `SENDMSG_TIMEOUT` (or
/// the env file): names the variable, and the file's line, which the user can find and fix.
fn name_the_variable(mut err: clap::Error, args: &[OsString]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !matches!(
        err.kind(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation
    ) {
        return err;
    }
    let (Some(ContextValue::String(shown)), Some(ContextValue::String(value))) = (
        err.get(ContextKind::InvalidArg),
        err.get(ContextKind::InvalidValue),
    ) else {
        return err;
    };
    let flag = shown.split(' ').next().unwrap_or_default().to_owned();
    let typed = args
        .iter()
        .map(|a| a.to_string_lossy())
        .take_while(|a| a != "--")
        .any(|a| a == flag || a.starts_with(&format!("{flag}=")));
    let var = find_env(&cli::command(), &flag).filter(|var| {
        !typed && std::env::var(var).is_ok_and(|v| v.split(',').any(|p| p == *value))
    });
    if let Some(var) = var {
        let named = match env_file::origin(&var) {
            Some(file @ origin::Origin::EnvFile { .. }) => format!("{file} (for {flag})"),
            _ => format!("{var} (for {flag})"),
        };
        err.insert(ContextKind::InvalidArg, ContextValue::String(named));
    }
    err
}

/// The variable of the option `--long` of `command` or any of its subcommands.
fn find_env(command: &clap::Command, flag: &str) -> Option<String> {
    let long = flag.strip_prefix("--")?;
    command
        .get_arguments()
        .find(|a| a.get_long() == Some(long))
        .and_then(|a| a.get_env()?.to_str().map(str::to_owned))
        .or_else(|| {
            command
                .get_subcommands()
                .find_map(|sub| find_env(sub, flag))
        })
}

/// Every variable that holds a credential is registered for redaction at start, whichever command runs: a
/// reply or a body that quotes another channel's credential is masked too.
fn register_secret_variables() {
    shared_state::register_secret();
    for name in cli::secret_variables() {
        if let Some(value) = std::env::var_os(name) {
            // A URL setting hides its user part and query values; the rest stays readable.
            if name.ends_with("_URL") {
                secret::register_url(&value.to_string_lossy());
            } else {
                secret::Secret::new(value.to_string_lossy());
            }
        }
    }
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
