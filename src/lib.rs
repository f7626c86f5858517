//! sendmsg: one command-line sender for the channels teams in China use.
//!
//! The flow of a send: `env_file` loads `.env` under the environment, clap parses (`cli`), `config` turns
//! arguments into a channel's settings, `body` reads the message, `split` fits it to the channel's limit,
//! and `channels::deliver` sends each part through a `transport` with retries. Every send goes out through
//! `outgoing` (`--limit`/`--dedupe` in `guard`, the record in `history`); `fanout` (`send --via`) and `wrap`
//! (`run -- CMD`) are built on it. All output goes through `output`, which redacts every known secret.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod body;
pub mod channels;
pub mod check;
pub mod cli;
pub mod completions;
pub mod config;
pub mod digest;
pub mod env_file;
pub mod error;
pub mod fanout;
pub mod guard;
pub mod hints;
pub mod history;
pub mod outgoing;
pub mod output;
pub mod period;
pub mod private_file;
pub mod request;
pub mod secret;
pub mod serve;
pub mod split;
pub mod state;
pub mod token_cache;
pub mod transport;
pub mod utc;
pub mod wrap;

use crate::channels::{Channel, Session, deliver, deliver_each};
use crate::cli::{BodyArgs, Cli, Command, GlobalArgs};
use crate::error::Error;
use crate::outgoing::{Delivery, Outgoing, Target};
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
    register_secret_variables();
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
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            printer.error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

fn run(cli: Cli, env_loaded: Result<(), Error>, printer: Printer) -> Result<u8, Error> {
    if let Command::Completions { shell } = cli.command {
        printer.dry_run(completions::script(shell).trim_end());
        return Ok(0);
    }
    env_loaded?;
    dispatch(&cli.command, &cli.global, printer)
}

/// Runs one command; `Ok` carries the exit code of a command that reports its own failures (`send`, `run`).
fn dispatch(command: &Command, global: &GlobalArgs, printer: Printer) -> Result<u8, Error> {
    match command {
        Command::Send(args) => fanout::send(args, global, printer),
        Command::Run(args) => wrap::run(args, global, printer),
        Command::History(args) => history::show(args, global, printer).map(|()| 0),
        Command::Check(args) => check::run(args, global, printer),
        Command::ServeDdns(args) => {
            serve::run(config::serve_ddns(args)?, global, printer).map(|()| 0)
        }
        channel => {
            let rules = guard::Rules::from_global(global)?;
            let outgoing = prepare(channel, None, global, printer)?;
            outgoing.send(&rules, global.dry_run, printer).map(|()| 0)
        }
    }
}

/// Everything a channel command does before its first request: settings, body, fitting to the limit.
/// `body` is the message when the caller already has it (`send --via`, `run`); `None` reads it as the
/// command line says (words, `--file`, stdin).
fn prepare(
    command: &Command,
    body: Option<String>,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let how = config::Resolve {
        dry_run: global.dry_run,
        printer,
    };
    let text_given = body.is_some();
    let body_or_read = |args: &BodyArgs| body.map_or_else(|| read_body(args), Ok);
    match command {
        Command::Ding(args) => {
            let mut ding = config::ding(args, how)?;
            let body = body_or_read(&args.body)?;
            let text = config::ding_message(&mut ding, args, body);
            prepare_text(Box::new(ding), text, &args.body, global, printer)
        }
        Command::Wecom(args) => {
            let wecom = config::wecom::resolve(args, how)?;
            let body = body_or_read(&args.body)?;
            prepare_text(wecom.into_channel(), body, &args.body, global, printer)
        }
        Command::Template(args) => {
            refuse_text(text_given, "template")?;
            let notices = config::template::resolve(args, how, read_stdin_value)?;
            let recipients = notices.sends.iter().map(|(to, _)| to.clone()).collect();
            let parts = vec![String::new()];
            Ok(prepare_parts(
                notices.sends,
                recipients,
                notices.summary,
                parts,
                global,
                printer,
            ))
        }
        Command::Gewe(args) => {
            let gewe = config::gewe::resolve(args, how)?;
            let (text, parts) = match &args.app_xml {
                // An app message is one XML document: never split, and no text of its own.
                Some(path) => {
                    refuse_text(text_given, "gewe --app-xml")?;
                    let xml = config::gewe::app_xml(path)?;
                    (xml.clone(), vec![xml])
                }
                None => {
                    let body = body_or_read(&args.body)?;
                    let policy = config::overflow(&args.body);
                    let parts = split::fit(&body, gewe.budget(policy.max_bytes), policy)?;
                    (body, parts)
                }
            };
            let recipients = gewe.to.clone();
            let targets = config::gewe::targets(&gewe)
                .into_iter()
                .map(|(to, one)| (to, Box::new(one) as Box<dyn Channel>))
                .collect();
            Ok(prepare_parts(
                targets, recipients, text, parts, global, printer,
            ))
        }
        Command::Sms(args) => match config::sms::resolve(args, how)? {
            // The template is the message: one request for every number, no text to fit.
            config::sms::Sms::Template {
                channel,
                recipients,
                summary,
            } => {
                refuse_text(text_given, "sms with a template provider")?;
                let targets = vec![(String::new(), channel)];
                let parts = vec![String::new()];
                Ok(prepare_parts(
                    targets, recipients, summary, parts, global, printer,
                ))
            }
            config::sms::Sms::Http(gateways) => {
                let body = body_or_read(&args.body)?;
                let policy = config::overflow(&args.body);
                let budget = channels::sms::http::text_budget(policy.max_bytes);
                let parts = split::fit(&body, budget, policy)?;
                let recipients = gateways
                    .iter()
                    .map(|g| g.mobile.as_str().to_owned())
                    .collect();
                let targets = gateways
                    .into_iter()
                    .map(|g| {
                        (
                            g.mobile.as_str().to_owned(),
                            Box::new(g) as Box<dyn Channel>,
                        )
                    })
                    .collect();
                Ok(prepare_parts(
                    targets, recipients, body, parts, global, printer,
                ))
            }
        },
        Command::Email(args) => {
            let server = config::smtp_server(args, how)?;
            let body = body_or_read(&args.body)?;
            let email = config::email_message(args, body, how)?;
            prepare_email(server, email, global, printer)
        }
        other => Err(Error::BadInput(format!(
            "`sendmsg {}` is not implemented yet",
            other.name()
        ))),
    }
}

/// Sends `text` through the channel named `channel`, configured from the environment alone, exactly as
/// `sendmsg CHANNEL -- TEXT` would (limits, dedupe and history included): for `serve-ddns --notify`.
pub fn send_via(
    channel: &str,
    text: &str,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<(), Error> {
    let rules = guard::Rules::from_global(global)?;
    prepare_via(channel, text, &[], global, printer)?.send(&rules, global.dry_run, printer)
}

/// Prepares `text` for the channel named `channel`, configured from the environment alone. `options` are
/// channel options (`--overflow truncate`) passed to the channels that take them and skipped by the rest.
pub fn prepare_via(
    channel: &str,
    text: &str,
    options: &[(&str, String)],
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Outgoing, Error> {
    check_via(channel)?;
    let mut argv = vec!["sendmsg".to_owned(), channel.to_owned()];
    for (flag, value) in options {
        if takes_option(channel, flag) {
            argv.extend([(*flag).to_owned(), value.clone()]);
        }
    }
    let cli = Cli::try_parse_from(argv).map_err(|e| {
        let reason = e.to_string();
        let first = reason
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ");
        Error::Config(format!("cannot send through `{channel}`: {first}"))
    })?;
    prepare(&cli.command, Some(text.to_owned()), global, printer)
}

/// Checks that `channel` names a channel `send_via` can use, before anything is sent through it.
pub fn check_via(channel: &str) -> Result<(), Error> {
    if cli::CHANNELS.contains(&channel) {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "`{channel}` is not a channel (one of {})",
            cli::CHANNELS.join(", ")
        )))
    }
}

/// Whether the subcommand `channel` has the option `--flag`.
fn takes_option(channel: &str, flag: &str) -> bool {
    let long = flag.trim_start_matches("--");
    <Cli as clap::CommandFactory>::command()
        .find_subcommand(channel)
        .is_some_and(|sub| sub.get_arguments().any(|a| a.get_long() == Some(long)))
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

/// A value given as `-` (e.g. `template --field K=-`): stdin, read by the same rules as a message body.
fn read_stdin_value() -> Result<String, Error> {
    read_body(&BodyArgs {
        message: vec!["-".into()],
        file: None,
        overflow: split::Overflow::Error,
        max_parts: 1,
        max_bytes: None,
    })
}

/// What a send session is made of, captured when a send is prepared and used when it goes.
#[derive(Debug, Clone, Copy)]
struct SessionSettings {
    dry_run: bool,
    timeout: std::time::Duration,
    retries: u32,
    printer: Printer,
}

impl SessionSettings {
    fn new(global: &GlobalArgs, printer: Printer) -> Self {
        Self {
            dry_run: global.dry_run,
            timeout: global.timeout,
            retries: global.retries,
            printer,
        }
    }

    /// Runs `send` with a real or dry-run transport and the `--retries` policy.
    fn run<T>(self, send: impl FnOnce(&Session<'_>) -> Result<T, Error>) -> Result<T, Error> {
        let transport: Box<dyn Transport> = if self.dry_run {
            Box::new(DryRun {
                printer: self.printer,
            })
        } else {
            Box::new(HttpTransport::new(self.timeout, self.printer)?)
        };
        send(&Session {
            transport: transport.as_ref(),
            printer: self.printer,
            retry: RetryPolicy::new(self.retries),
        })
    }
}

/// A command whose message is not free text (a template, an XML document) given text by `send --via`,
/// `run` or `serve-ddns`.
fn refuse_text(text_given: bool, what: &str) -> Result<(), Error> {
    if text_given {
        return Err(Error::BadInput(format!(
            "{what} takes no message text (its content comes from its options); choose another channel"
        )));
    }
    Ok(())
}

/// The generic path of an HTTP text channel: fits the text now (so a too-long message fails before anything
/// is sent), and sends every part, or prints them on a dry-run, when the [`Outgoing`] goes.
fn prepare_text(
    channel: Box<dyn Channel>,
    text: String,
    body_args: &BodyArgs,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let policy = config::overflow(body_args);
    let parts = split::fit(&text, channel.budget(policy.max_bytes), policy)?;
    let recipients = channel.recipients();
    let targets = vec![(String::new(), channel)];
    Ok(prepare_parts(
        targets, recipients, text, parts, global, printer,
    ))
}

/// Sends every part through each target — one channel for all recipients, or one per recipient for a
/// service that takes one per request — or prints them on a dry-run, when the [`Outgoing`] goes.
/// `recipients` and `text` are what `--limit`, `--dedupe` and the history see.
fn prepare_parts(
    targets: Vec<(String, Box<dyn Channel>)>,
    recipients: Vec<String>,
    text: String,
    parts: Vec<String>,
    global: &GlobalArgs,
    printer: Printer,
) -> Outgoing {
    let name = targets.first().map_or("sendmsg", |(_, c)| c.name());
    let session = SessionSettings::new(global, printer);
    let count = parts.len() * targets.len();
    let people = recipients.len();
    // A single named recipient is named; several are counted.
    let only_named = match targets.as_slice() {
        [(to, _)] if people == 1 && !to.is_empty() => Some(to.clone()),
        _ => None,
    };
    Outgoing::new(Target::new(name, recipients), text, count, move || {
        let replies = session.run(|session| match targets.as_slice() {
            [(_, only)] => deliver(only.as_ref(), &parts, session),
            many => {
                let each: Vec<(String, &dyn Channel)> = many
                    .iter()
                    .map(|(to, c)| (to.clone(), c.as_ref()))
                    .collect();
                deliver_each(&each, &parts, session)
            }
        })?;
        if !session.dry_run {
            let mut note = format!("{name}: sent");
            if parts.len() > 1 {
                note.push_str(&format!(" in {} parts", parts.len()));
            }
            match &only_named {
                Some(to) => note.push_str(&format!(" to {to}")),
                None if people > 1 => note.push_str(&format!(" to {people} recipients")),
                None => {}
            }
            printer.note(&note);
        }
        Ok(Delivery::from_replies(&replies))
    })
}

/// Builds the message now (so a bad one fails before anything is counted or sent), and prints it on a
/// dry-run or sends it in one SMTP session when the [`Outgoing`] goes.
fn prepare_email(
    server: channels::email::Server,
    email: channels::email::Email,
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let recipients = [&email.to, &email.cc, &email.bcc]
        .into_iter()
        .flatten()
        .map(ToString::to_string)
        .collect();
    let target = Target::new("email", recipients);
    let message = if global.dry_run {
        None
    } else {
        Some(email.to_message()?)
    };
    let dry_run_line = email.dry_run_line(&server);
    let delivery = channels::email::Delivery {
        timeout: global.timeout,
        retry: RetryPolicy::new(global.retries),
        printer,
    };
    Ok(Outgoing::new(target, email.body, 1, move || {
        let Some(message) = message else {
            printer.dry_run(&dry_run_line);
            return Ok(Delivery::default());
        };
        let reply = channels::email::send(&server, &message, delivery)?;
        let line = channels::email::reply_line(&reply);
        let code = reply.code().to_string().parse::<u16>().ok();
        let text = channels::email::reply_text(&reply);
        printer.reply(&serde_json::json!({ "code": code, "message": text }).to_string());
        let count = message.envelope().to().len();
        let noun = if count == 1 {
            "recipient"
        } else {
            "recipients"
        };
        printer.note(&format!("email: sent to {count} {noun} ({line})"));
        Ok(Delivery {
            message_ids: vec![line],
        })
    }))
}

/// Every variable the command line marks secret (`hide_env_values`) is registered for redaction at start,
/// whichever command runs: a reply or a body that quotes another channel's credential is masked too.
fn register_secret_variables() {
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
    walk(&<Cli as clap::CommandFactory>::command());
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
    fn options_go_only_to_channels_that_take_them() {
        assert!(takes_option("ding", "--overflow"));
        assert!(!takes_option("ding", "--no-such-option"));
        assert!(!takes_option("nosuch", "--overflow"));
    }

    #[test]
    fn send_via_rejects_what_is_not_a_channel() {
        for name in ["nosuch", "completions"] {
            let err = send_via(name, "x", &global(true), Printer::default()).err();
            assert_eq!(err.map(|e| e.exit_code()), Some(3), "{name}");
        }
    }
}
