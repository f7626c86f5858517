//! The command line as clap sees it. Only clap types live here; `config.rs` turns them into channel
//! settings, so channels never see clap.

use crate::channels::{BodyArgs, ChannelCommand, SecretVariables};
use crate::lazy_args::{self, Lazy};
use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

const EXAMPLES: &str = "\
Examples:
  sendmsg --dry-run ding \"hello from sendmsg\"
  make 2>&1 | sendmsg ding --title \"build failed\"
  sendmsg ding --file report.txt --overflow truncate

Exit codes: 0 sent, 1 rejected by the service, 2 usage or bad input,
3 configuration error, 4 still failing after retries, 5 suppressed by --limit
or --dedupe. `sendmsg help COMMAND` shows a command's options and examples.";

#[derive(Debug, Parser)]
#[command(
    name = "sendmsg",
    version,
    about = "Send a notification to WeCom, DingTalk, WeChat, SMS or e-mail, and exit with a code a script can act on.",
    after_help = EXAMPLES,
    max_term_width = 100
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// dotenv file to load instead of the defaults (~/.config/sendmsg/.env, then ./.env over it); the
    /// environment wins over them; `none` reads none
    #[arg(long, global = true, env = "SENDMSG_ENV_FILE", value_name = "PATH")]
    pub(crate) env_file: Option<PathBuf>,

    /// Read no env file (as SENDMSG_ENV_FILE=none)
    #[arg(long, global = true, conflicts_with = "env_file")]
    pub(crate) no_env_file: bool,

    /// Build every request and print it as JSON lines; send nothing
    #[arg(long, global = true)]
    pub(crate) dry_run: bool,

    /// Whole-request timeout in seconds
    #[arg(long, global = true, env = "SENDMSG_TIMEOUT", value_name = "SECS", default_value = "15", value_parser = parse_seconds)]
    pub(crate) timeout: Duration,

    /// Retries of a transient failure (network, timeout, HTTP 5xx and 429, busy codes; e-mail: see its --help)
    #[arg(long, global = true, env = "SENDMSG_RETRIES", value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub(crate) retries: u32,

    /// One JSON line per send on stdout, success or failure: channel, ok, exit, replies, error, hint
    #[arg(long, global = true)]
    pub(crate) json: bool,

    /// Print nothing on success
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Log each request (method, redacted URL, status, time) and the env and config files read, to
    /// stderr (-vv says the same)
    #[arg(short, long, global = true, overrides_with = "verbose")]
    pub(crate) verbose: bool,

    /// Local rate limit, e.g. 5/h, 20/d, 1/10m: over it nothing is sent (exit 5)
    #[arg(long, global = true, env = "SENDMSG_LIMIT", value_name = "N/PERIOD")]
    pub(crate) limit: Option<String>,

    /// Skip a body identical to one sent to the same target within WINDOW, e.g. 1h (exit 5)
    #[arg(long, global = true, env = "SENDMSG_DEDUPE", value_name = "WINDOW")]
    pub(crate) dedupe: Option<String>,

    /// Count --limit and --dedupe under KEY (per channel) instead of the channel's recipients
    #[arg(long, global = true, env = "SENDMSG_LIMIT_KEY", value_name = "KEY")]
    pub(crate) limit_key: Option<String>,

    /// A robot's pace, e.g. 20/m or 4/2s, or off [default: the vendor's: DingTalk and WeCom robots 20/m,
    /// Feishu 5/s and 100/m]; a part over it waits for its slot
    #[arg(long, global = true, env = "SENDMSG_PACE", value_name = "N/PERIOD|off", value_parser = crate::pacing::Setting::parse)]
    pub(crate) pace: Option<crate::pacing::Setting>,

    /// How long a part may wait for its slot under the pace; past it the send fails (exit 4, kept by --queue)
    #[arg(long, global = true, env = "SENDMSG_MAX_WAIT", value_name = "DURATION", default_value = "60s",
          value_parser = crate::period::parse_duration)]
    pub(crate) max_wait: Duration,

    /// The named targets and groups [default: ~/.config/sendmsg/config.toml if it exists]
    #[arg(long, global = true, env = "SENDMSG_CONFIG", value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,

    /// Keep a message that still fails after the retries, without having reached the service, in the
    /// outbox and exit 0; `sendmsg outbox flush` sends it later
    #[arg(long, global = true, env = "SENDMSG_QUEUE", value_parser = clap::builder::BoolishValueParser::new())]
    pub(crate) queue: bool,

    /// Set for the sends of `outbox flush`, `serve` and `serve-ddns`: their message is already in the
    /// outbox, so it is never queued again and no error advises `--queue`.
    #[arg(skip)]
    pub(crate) from_outbox: bool,

    /// What `--queue` keeps of a channel command's own command line (filled in after parsing).
    #[arg(skip)]
    pub(crate) given: Given,

    /// The options given on the command line (`--config`, `--via`…), from clap's `value_source`: an
    /// option's value is the flag's when it is here, else its variable's (filled in after parsing).
    #[arg(skip)]
    pub(crate) flags: Vec<String>,

    /// Settings of the whole run that the trust rule weighs beside each channel's own (`SENDMSG_VIA`
    /// when it picked the channels).
    #[arg(skip)]
    pub(crate) chosen: Vec<crate::origin::Setting>,
}

/// A channel command's options as given on the command line, for `--queue`: the outbox keeps them so the
/// channel can be rebuilt later, and refuses a secret given there, which nothing could read again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    /// `--name=value` (or `--name` for a flag), every option but the secrets and the message itself.
    pub(crate) options: Vec<String>,
    /// The secret options given on the command line that the environment does not hold too.
    pub(crate) secrets: Vec<(String, String)>,
}

impl Given {
    /// Reads the options of the subcommand in `matches` (the whole command line) as `command` defines them.
    pub(crate) fn capture(command: &clap::Command, matches: &clap::ArgMatches) -> Given {
        let mut given = Given::default();
        let Some((name, matches)) = matches.subcommand() else {
            return given;
        };
        let Some(sub) = command.find_subcommand(name) else {
            return given;
        };
        let mut args: Vec<&clap::Arg> = sub.get_arguments().collect();
        // In the order of the command line, as it shaped the request.
        args.sort_by_key(|arg| matches.index_of(arg.get_id().as_str()));
        for arg in args {
            let id = arg.get_id().as_str();
            let (Some(long), Ok(Some(values))) = (arg.get_long(), matches.try_get_raw(id)) else {
                continue;
            };
            if arg.is_global_set()
                || matches.value_source(id) != Some(clap::parser::ValueSource::CommandLine)
                // The message is kept apart, and a named target is kept as the entry's target.
                || id == "file"
                || id == "target"
                // Nothing read back from the file may choose where the message goes.
                || arg
                    .get_env()
                    .and_then(|v| v.to_str())
                    .is_some_and(|var| {
                        crate::origin::is_destination(var)
                            || var.eq_ignore_ascii_case("SMTP_SECURITY")
                    })
            {
                continue;
            }
            let var = arg.get_env().map(|v| v.to_string_lossy().into_owned());
            if var
                .as_deref()
                .is_some_and(|v| secret_variables().any(|s| s == v))
            {
                let same = var
                    .as_deref()
                    .and_then(std::env::var_os)
                    .is_some_and(|env| values.clone().all(|v| v == env));
                if !same {
                    given
                        .secrets
                        .push((format!("--{long}"), var.unwrap_or_default()));
                }
                continue;
            }
            if arg.get_num_args().is_some_and(|n| n.takes_values()) {
                given
                    .options
                    .extend(values.map(|v| format!("--{long}={}", v.to_string_lossy())));
            } else {
                given.options.push(format!("--{long}"));
            }
        }
        given
    }
}

/// The global options each command that is not a channel uses (by argument id); the others are hidden
/// from its help, completions and man page (still accepted, so a global before any command never
/// fails). Channels, `send` and `run` use them all.
const GLOBALS_USED: &[(&str, &[&str])] = &[
    ("history", &["env_file", "json"]),
    (
        "check",
        &[
            "env_file", "config", "timeout", "retries", "json", "quiet", "verbose",
        ],
    ),
    ("completions", &[]),
    ("import", &["quiet", "verbose"]),
    ("targets", &["env_file", "config", "json", "verbose"]),
    (
        "outbox",
        &[
            "env_file", "config", "timeout", "retries", "json", "quiet", "verbose", "pace",
            "max_wait",
        ],
    ),
    ("serve", SERVER_GLOBALS),
    ("serve-ddns", SERVER_GLOBALS),
];

/// The global options `serve` and `serve-ddns` use: those of the sends they make.
const SERVER_GLOBALS: &[&str] = &[
    "env_file",
    "config",
    "dry_run",
    "timeout",
    "retries",
    "quiet",
    "verbose",
    "limit",
    "dedupe",
    "limit_key",
    "pace",
    "max_wait",
];

/// The command line as clap shows it: each command's help lists its own options, then under `Global
/// options` only the global ones it uses.
pub(crate) fn command() -> clap::Command {
    layout(<Cli as clap::CommandFactory>::command())
}

/// [`command`] as help, usage errors, man pages and completions show it: `[env: NAME]` without `=VALUE`
/// everywhere, so none shows what a variable holds (a body template, a URL with a token in it). Parsing
/// uses [`command`], whose hidden values mark the secrets.
pub(crate) fn shown_command() -> clap::Command {
    hide_env_values(command())
}

fn hide_env_values(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| arg.hide_env_values(true))
        .mut_subcommands(hide_env_values)
}

/// What parsing a command line for the subcommand `name` needs, at a fraction of [`command`]'s cost:
/// the global options and that subcommand alone, built as [`command`] builds it ([`lazy_args`]). Not
/// the other subcommands, even as bare names: clap would give each a copy of every global option. Only
/// a parse that succeeds is taken from this tree ([`Cli::parse`]), so it has none of [`Cli`]'s help.
pub(crate) fn command_for(name: Option<&str>) -> clap::Command {
    let top =
        GlobalArgs::augment_args(clap::Command::new("sendmsg").version(env!("CARGO_PKG_VERSION")));
    let Some(name) = name else {
        return top;
    };
    lazy_args::only(name, || {
        let mut all = Command::augment_subcommands(clap::Command::new("sendmsg"));
        match all.get_subcommands_mut().find(|sub| sub.get_name() == name) {
            Some(sub) => layout(top.subcommand(std::mem::take(sub))),
            None => top,
        }
    })
}

/// Hides from each command the global options it does not use ([`GLOBALS_USED`]); `command` is [`Cli`]'s
/// definition (its global options included), with any settings that must come before it is built.
pub(crate) fn layout(mut command: clap::Command) -> clap::Command {
    let mut laid_out = GLOBALS_USED
        .iter()
        .filter(|(name, _)| lazy_args::expands(name))
        .peekable();
    // A channel uses every global option: nothing to build.
    if laid_out.peek().is_none() {
        return command;
    }
    let globals: Vec<clap::Arg> = command
        .get_arguments()
        .filter(|arg| arg.is_global_set())
        .cloned()
        .collect();
    for (name, used) in laid_out {
        command = command.mut_subcommand(*name, |sub| {
            // A command's own hidden copy of a global option stops clap from propagating the visible
            // one; its value still reaches `GlobalArgs`, which clap matches by id.
            sub.args(
                globals
                    .iter()
                    .filter(|arg| !used.contains(&arg.get_id().as_str()))
                    .map(|arg| arg.clone().global(false).hide(true)),
            )
        });
    }
    command
}

/// The global options that take a value: the word after one is that value, not a command.
const GLOBALS_WITH_A_VALUE: &[&str] = &[
    "--env-file",
    "--timeout",
    "--retries",
    "--limit",
    "--dedupe",
    "--limit-key",
    "--config",
    "--pace",
    "--max-wait",
];

/// The subcommand a command line names: its first word that is neither an option nor a global option's
/// value. A guess, which [`Cli::parse`] holds to clap's own reading.
fn subcommand_in(args: &[OsString]) -> Option<&str> {
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        let word = word.to_str()?;
        if word == "--" {
            return None;
        }
        if GLOBALS_WITH_A_VALUE.contains(&word) {
            words.next();
        } else if !word.starts_with('-') {
            return Some(word);
        }
    }
    None
}

/// Every variable whose value is a credential, of every command: each is redacted from every output.
pub(crate) fn secret_variables() -> impl Iterator<Item = &'static str> {
    crate::channels::secret_variables().chain(ServeDdnsArgs::SECRET_VARIABLES.iter().copied())
}

impl Cli {
    /// Parses the arguments as `sendmsg` does.
    #[cfg(test)]
    pub(crate) fn parse_args(
        args: impl IntoIterator<Item = impl Into<OsString>>,
    ) -> Result<Self, clap::Error> {
        Self::parse(&args.into_iter().map(Into::into).collect::<Vec<_>>())
    }

    /// Parses the command line. The tree is built for the subcommand the line names alone
    /// ([`command_for`]); when clap reads the line otherwise, or has help or a usage error to show, the
    /// whole tree parses it again, so every help and error text is the whole tree's.
    pub(crate) fn parse(args: &[OsString]) -> Result<Self, clap::Error> {
        let named = subcommand_in(args);
        // Never dropped: freeing it just before the process exits would be work for nothing.
        let pruned = Box::leak(Box::new(command_for(named)));
        match pruned.try_get_matches_from_mut(args) {
            Ok(matches) if named.is_some() && matches.subcommand_name() == named => {
                return Self::from_matches(pruned, &matches);
            }
            // The version is the same in either tree.
            Err(err) if err.kind() == clap::error::ErrorKind::DisplayVersion => return Err(err),
            _ => {}
        }
        Self::parse_whole(args)
    }

    /// Parses the command line with the whole tree ([`command`]).
    fn parse_whole(args: &[OsString]) -> Result<Self, clap::Error> {
        // Never dropped, as the small tree.
        let whole = Box::leak(Box::new(command()));
        match whole.try_get_matches_from_mut(args) {
            Ok(matches) => Self::from_matches(whole, &matches),
            // Help and usage errors are shown by the tree that shows no variable's value.
            Err(err) => Err(shown_command()
                .try_get_matches_from(args)
                .err()
                .unwrap_or(err)),
        }
    }

    /// The parsed command line; `command` is the tree that parsed it.
    fn from_matches(
        command: &clap::Command,
        matches: &clap::ArgMatches,
    ) -> Result<Self, clap::Error> {
        refuse_unused_globals(command, matches)?;
        let mut cli = <Self as clap::FromArgMatches>::from_arg_matches(matches)?;
        if cli.global.queue {
            cli.global.given = Given::capture(command, matches);
        }
        cli.global.flags = given_flags(command, matches);
        if let (Command::Channel(channel), Some((name, sub_matches))) =
            (&mut cli.command, matches.subcommand())
            && let Some(sub) = command.find_subcommand(name)
        {
            channel.capture(sub, sub_matches, crate::channels::Source::CommandLine);
        }
        Ok(cli)
    }
}

/// A global option given on the command line to a command that does not use it ([`GLOBALS_USED`]) is a
/// usage error: `sendmsg history --dry-run` would otherwise look like it did something.
fn refuse_unused_globals(
    command: &clap::Command,
    matches: &clap::ArgMatches,
) -> Result<(), clap::Error> {
    let Some((name, sub_matches)) = matches.subcommand() else {
        return Ok(());
    };
    let Some((_, used)) = GLOBALS_USED.iter().find(|(n, _)| *n == name) else {
        return Ok(());
    };
    let given = |m: &clap::ArgMatches, id: &str| {
        m.try_contains_id(id).unwrap_or(false)
            && m.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
    };
    let unused = command
        .get_arguments()
        .filter(|arg| arg.is_global_set() && !used.contains(&arg.get_id().as_str()))
        .find(|arg| {
            let id = arg.get_id().as_str();
            given(matches, id) || given(sub_matches, id)
        });
    match unused {
        Some(arg) => {
            let shown = arg
                .get_long()
                .map_or_else(|| arg.get_id().to_string(), |long| format!("--{long}"));
            let mut sub = command
                .find_subcommand(name)
                .cloned()
                .unwrap_or_else(|| command.clone())
                .bin_name(format!("sendmsg {name}"));
            // The one a user means something else by.
            let meant = if (name, shown.as_str()) == ("history", "--limit") {
                " (the last N sends: `sendmsg history --last N`)"
            } else {
                ""
            };
            Err(clap::Error::raw(
                clap::error::ErrorKind::ArgumentConflict,
                format!("`{shown}` does nothing for `sendmsg {name}`: leave it out{meant}"),
            )
            .format(&mut sub))
        }
        None => Ok(()),
    }
}

/// The long options given on the command line, the global ones and the subcommand's.
pub(crate) fn given_flags(command: &clap::Command, matches: &clap::ArgMatches) -> Vec<String> {
    let mut flags = Vec::new();
    let mut levels = vec![(command, matches)];
    if let Some((name, sub_matches)) = matches.subcommand()
        && let Some(sub) = command.find_subcommand(name)
    {
        levels.push((sub, sub_matches));
    }
    for (command, matches) in levels {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            if let (Some(long), Some(clap::parser::ValueSource::CommandLine)) =
                (arg.get_long(), matches.value_source(id))
            {
                let flag = format!("--{long}");
                if !flags.contains(&flag) {
                    flags.push(flag);
                }
            }
        }
    }
    flags
}

fn parse_seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(secs > 0.0 && secs <= 3600.0) {
        return Err("must be more than 0 and at most 3600 seconds".into());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// The channel commands are most of the arguments; the one value is parsed once per process.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    #[command(flatten)]
    Channel(ChannelCommand),
    /// HTTP listener for ddns-go webhooks: records each user's address, notifies on change
    #[command(after_help = SERVE_DDNS_EXAMPLES)]
    ServeDdns(Lazy<ServeDdnsArgs>),
    /// HTTP relay for Alertmanager, Grafana and any JSON to the routes of config.toml (and serve-ddns's endpoints)
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(Lazy<ServeArgs>),
    /// One message through several channels
    #[command(after_help = SEND_EXAMPLES)]
    Send(Lazy<SendArgs>),
    /// Run a command, pass its output through, and report how it went
    #[command(after_help = RUN_EXAMPLES)]
    Run(Lazy<RunArgs>),
    /// Show what was sent (the send history)
    #[command(after_help = HISTORY_EXAMPLES)]
    History(Lazy<HistoryArgs>),
    /// Check a channel's configuration without messaging anyone
    #[command(after_help = CHECK_EXAMPLES)]
    Check(Lazy<CheckArgs>),
    /// List the named targets and groups of config.toml (secrets shown as ***)
    #[command(after_help = TARGETS_EXAMPLES)]
    Targets,

    /// The messages --queue kept for later: list, flush, drop
    #[command(after_help = OUTBOX_EXAMPLES)]
    Outbox(Lazy<OutboxArgs>),
    /// Turn apprise URLs or qinglong's notify settings into config.toml targets
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(Lazy<ImportArgs>),
    /// Print a shell completion script
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  sendmsg import apprise 'dingtalk://SEC…@TOKEN/' 'schan://SCT…/'
  sendmsg import apprise ~/.config/apprise/apprise.yml > config.toml
  sendmsg import qinglong /ql/data/config/config.sh >> config.toml

stdout is config.toml (valid TOML), every secret a ${VAR}; stderr names each
variable to set and where its value came from (shown ***), and each URL or
setting that has no sendmsg equivalent. Exit 2 when nothing could be mapped.";

/// `sendmsg import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    #[command(subcommand)]
    pub(crate) from: ImportFrom,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ImportFrom {
    /// apprise URLs, or apprise configuration files (TEXT or YAML; tags become groups)
    Apprise {
        /// An apprise URL (dingtalk://, wecombot://, feishu://, lark://, bark://, barks://, pushplus://,
        /// schan://, mailto://, mailtos://, json://, jsons://) or a configuration file
        #[arg(value_name = "FILE|URL", required = true)]
        sources: Vec<String>,
    },
    /// qinglong's notify.py settings: its config.sh or an env file (DD_BOT_TOKEN, QYWX_KEY, QYWX_AM, FSKEY,
    /// PUSH_KEY, PUSH_PLUS_TOKEN, BARK_PUSH, SMTP_*)
    Qinglong {
        /// config.sh (`export NAME="value"` lines) or a .env file
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  sendmsg completions bash > /etc/bash_completion.d/sendmsg
  sendmsg completions zsh > \"${fpath[1]}/_sendmsg\"
  sendmsg completions fish > ~/.config/fish/completions/sendmsg.fish

The same scripts, and man pages, are in the source tree: completions/, man/.";

const TARGETS_EXAMPLES: &str = "\
Examples:
  sendmsg targets
  sendmsg --json targets | jq -r 'select(.kind == \"group\") | .name'
  sendmsg --config ./ci/sendmsg.toml targets

config.toml ([targets.NAME] with a channel and its options, [groups] of
target names) is $XDG_CONFIG_HOME/sendmsg/config.toml, or --config PATH.";

/// What `check all` means: every channel with any setting in the environment.
pub(crate) const ALL: &str = "all";

/// `--via`, shared by `send` and `run`.
#[derive(Debug, Args)]
pub(crate) struct ViaArgs {
    /// Channels (each configured from its environment), named targets and groups of config.toml,
    /// comma-separated
    #[arg(
        long,
        env = "SENDMSG_VIA",
        value_name = "CHANNELS",
        required = true,
        value_delimiter = ','
    )]
    pub(crate) via: Vec<String>,
}

/// A channel's name, spaces around it ignored (`--via "ding, email"`): clap still offers the names for
/// completion and suggests the nearest one for a typo (a usage error, exit 2).
#[derive(Clone)]
pub(crate) struct ChannelName(clap::builder::PossibleValuesParser);

impl ChannelName {
    /// The channels' names and `extra` ones (`check all`).
    fn new(extra: &[&'static str]) -> Self {
        let names = crate::channels::NAMES.iter().chain(extra).copied();
        Self(clap::builder::PossibleValuesParser::new(names))
    }
}

impl clap::builder::TypedValueParser for ChannelName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let trimmed = value
            .to_str()
            .map_or_else(|| value.to_owned(), |v| v.trim().into());
        self.0.parse_ref(cmd, arg, &trimmed)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        self.0.possible_values()
    }
}

const SEND_EXAMPLES: &str = "\
Examples:
  sendmsg send --via ding,wecom \"disk full on $(hostname)\"
  SENDMSG_VIA=ding,email sendmsg send --file report.txt
  sendmsg send --via oncall \"disk full\"     # a group of config.toml

Every channel is checked before any is sent; one result line per channel; the
exit code is the worst of them (3 > 2 > 1 > 4 > 5 > 0).";

#[derive(Debug, Args)]
pub(crate) struct SendArgs {
    #[command(flatten)]
    pub(crate) via: ViaArgs,

    #[command(flatten)]
    pub(crate) body: BodyArgs,
}

const RUN_EXAMPLES: &str = "\
Examples:
  sendmsg run --via ding -- /usr/local/bin/backup.sh --full
  sendmsg --limit 1/h run --via ding,email --on always --title \"nightly build\" \\
    -- make release

Exits with the command's own status (128+N when a signal N killed it); a failed
notification is reported on stderr and does not change it.";

/// When `run` sends its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum When {
    /// Only when the command fails (non-zero exit, a signal, or it cannot start)
    Failure,
    /// Every time
    Always,
}

#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    #[command(flatten)]
    pub(crate) via: ViaArgs,

    /// When to send the report
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = When::Failure)]
    pub(crate) on: When,

    /// The report's first line [default: "PROGRAM failed" or "PROGRAM succeeded"]
    #[arg(long, value_name = "TITLE")]
    pub(crate) title: Option<String>,

    /// The command and its arguments (after `--`)
    #[arg(
        value_name = "CMD",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub(crate) command: Vec<std::ffi::OsString>,
}

const CHECK_EXAMPLES: &str = "\
Examples:
  sendmsg check wecom
  sendmsg check all
  sendmsg --json check all | jq 'select(.ok == false)'

One line per check, ✓ or ✗ with the fix. Only requests that send nothing are
made: an access token (wecom app, template), an SMTP login then QUIT (email), a
HEAD to the gateway (gewe). Robots (ding, wecom --bot) and SMS providers cannot
be probed without sending, so their settings are checked for presence and shape.
`all` checks every channel with any setting and every named target. The exit
code is the worst failed check's (3 configuration, 1 refused by the service,
4 unreachable), 0 when all pass.";

/// `sendmsg check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The channel or named target to check, or `all` for every channel with any setting and every target
    #[arg(value_name = "CHANNEL|TARGET|all")]
    pub(crate) channel: String,
}

const OUTBOX_EXAMPLES: &str = "\
Examples:
  sendmsg --queue ding \"backup failed on $(hostname)\"
  sendmsg outbox
  sendmsg outbox flush --max-age 2d
  sendmsg outbox flush --now
  sendmsg outbox drop 3f2a91c0

The outbox is $XDG_STATE_HOME/sendmsg/outbox/, one file per message, never a
secret: flush reads the credentials from its own environment, as the first
run did, and sends a message only where it was queued for (the same endpoint,
recipients and credentials, recorded as keyed fingerprints); otherwise it keeps
it and says why (exit 3). A try that went out without a complete reply is not
resent: the history records it as `unconfirmed`. Run flush every minute
(contrib/ has a systemd timer and a crontab line). Flush exits 0 when nothing
was rejected or expired, 1 otherwise, 4 when messages remain after a transient
failure or a try is unconfirmed.";

/// `sendmsg outbox`: without an action, lists the entries.
#[derive(Debug, Args)]
pub(crate) struct OutboxArgs {
    #[command(subcommand)]
    pub(crate) action: Option<OutboxAction>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum OutboxAction {
    /// Try every due message once, oldest first, and drop those older than --max-age
    Flush {
        /// Give up a message older than this (recorded as `expired` in the history)
        #[arg(
            long,
            env = "SENDMSG_QUEUE_MAX_AGE",
            value_name = "DURATION",
            default_value = "24h",
            value_parser = crate::period::parse_duration
        )]
        max_age: Duration,
        /// Also try the messages still waiting out their backoff after a failed try
        #[arg(long)]
        now: bool,
    },
    /// Remove one message (by id) or all of them, unsent
    Drop {
        /// The id `sendmsg outbox` shows
        #[arg(
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        id: Option<String>,
        /// Remove every message
        #[arg(long)]
        all: bool,
    },
}

const HISTORY_EXAMPLES: &str = "\
Examples:
  sendmsg history --since 1d
  sendmsg history --failed --channel ding --last 5
  sendmsg --json history --since 1h | jq .error

The history is $XDG_STATE_HOME/sendmsg/history.jsonl (SENDMSG_HISTORY=off
disables it).";

#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// Only sends through this channel
    #[arg(long, value_name = "CHANNEL", value_parser = ChannelName::new(&[]))]
    pub(crate) channel: Option<String>,

    /// Only sends to this named target
    #[arg(long, value_name = "NAME")]
    pub(crate) target: Option<String>,

    /// Only sends within this long ago, e.g. 30m, 1h, 7d
    #[arg(long, value_name = "DURATION", value_parser = crate::period::parse_duration)]
    pub(crate) since: Option<Duration>,

    /// Only sends that failed (exit 1-4; a suppressed send is not a failure)
    #[arg(long)]
    pub(crate) failed: bool,

    /// Only the last N matching sends (the global --limit is the rate limit)
    #[arg(short = 'n', long, value_name = "N")]
    pub(crate) last: Option<usize>,
}

const SERVE_DDNS_EXAMPLES: &str = "\
Examples:
  DDNS_TOKEN=$(openssl rand -hex 16) \\
    sendmsg serve-ddns --listen 0.0.0.0:8080 --notify wecom,ding
  sendmsg serve-ddns --store /var/lib/sendmsg/ddns.json --notify none
  curl -H \"Authorization: Bearer $DDNS_TOKEN\" http://127.0.0.1:8080/ip/alice";

#[derive(Debug, Args)]
pub(crate) struct ServeDdnsArgs {
    /// Address and port to listen on; a non-loopback address needs --token
    #[arg(
        long,
        env = "DDNS_LISTEN",
        value_name = "ADDR",
        default_value = "127.0.0.1:8080"
    )]
    pub(crate) listen: String,

    /// The JSON file of recorded addresses [default: $XDG_STATE_HOME/sendmsg/ddns.json]
    #[arg(long, env = "DDNS_STORE", value_name = "PATH")]
    pub(crate) store: Option<PathBuf>,

    /// Token every request but /healthz must carry (?token= or Authorization: Bearer); on the command line it is visible to other local users in the process list: prefer DDNS_TOKEN
    #[arg(long, env = "DDNS_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub(crate) token: Option<String>,

    /// Channel or named target that receives the change notifications and /api/send texts, or `none`;
    /// with a comma-separated list (wecom,ops) each next one is a fallback used when the one before fails
    #[arg(
        long,
        env = "DDNS_NOTIFY",
        value_name = "CHANNELS|none",
        default_value = "none"
    )]
    pub(crate) notify: String,

    /// Listen on a non-loopback address without a token (only behind a proxy that authenticates)
    #[arg(long)]
    pub(crate) allow_unauthenticated: bool,

    /// Threads that serve the connections (each serves any number of them)
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub(crate) workers: u16,

    /// Connections open at once; one more gets 503 and is closed
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub(crate) max_connections: u32,

    /// How long a notification the channel does not take is retried before it is given up
    #[arg(
        long,
        env = "SENDMSG_QUEUE_MAX_AGE",
        value_name = "DURATION",
        default_value = "24h",
        value_parser = crate::period::parse_duration
    )]
    pub(crate) max_age: std::time::Duration,
}

const SERVE_EXAMPLES: &str = "\
Examples:
  sendmsg serve --check
  DDNS_TOKEN=$(openssl rand -hex 16) sendmsg serve --listen 0.0.0.0:9095
  curl -H \"Authorization: Bearer $DDNS_TOKEN\" -d 'disk full' \\
    http://127.0.0.1:9095/send/ops

Routes are [routes.NAME] tables of config.toml (to = targets or groups,
template, max_alerts, repeat); Alertmanager posts to /alertmanager/NAME,
Grafana to /grafana/NAME, anything else to /send/NAME. GET /metrics is
Prometheus text.";

/// `sendmsg serve`: serve-ddns's options, and `--check`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) listener: ServeDdnsArgs,

    /// Validate config.toml, its routes and their templates (each rendered with a sample alert), then exit
    #[arg(long)]
    pub(crate) check: bool,
}

impl SecretVariables for ServeDdnsArgs {
    const SECRET_VARIABLES: &[&str] = &["DDNS_TOKEN"];
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn options_may_follow_message_words_and_globals_may_follow_the_subcommand() {
        let cli = Cli::parse_args([
            "sendmsg",
            "ding",
            "disk",
            "--title",
            "T",
            "full",
            "--dry-run",
        ]);
        let Ok(Cli {
            global,
            command: Command::Channel(ChannelCommand::Ding(args)),
        }) = cli
        else {
            panic!("did not parse: {cli:?}");
        };
        assert_eq!(args.body.message, ["disk", "full"]);
        assert_eq!(args.title.as_deref(), Some("T"));
        assert!(global.dry_run);
    }

    #[test]
    fn double_dash_ends_options() {
        let cli = Cli::parse_args(["sendmsg", "ding", "--", "--not-a-flag", "-5"]);
        assert!(
            matches!(cli, Ok(Cli { command: Command::Channel(ChannelCommand::Ding(ref a)), .. }) if a.body.message == ["--not-a-flag", "-5"])
        );
    }

    /// `line`'s words, as a shell splits it (none here is quoted).
    fn words(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn the_tree_built_for_one_subcommand_reads_a_line_as_the_whole_tree_does() {
        let lines = [
            ("ding", "sendmsg ding disk --title T full --dry-run"),
            ("wecom", "sendmsg --timeout 5 -q --json wecom --bot x"),
            (
                "email",
                "sendmsg --env-file=/dev/null --limit 5/h email --to a@b.c x",
            ),
            ("feishu", "sendmsg --queue feishu --title T x"),
            ("send", "sendmsg send --via ding,email x"),
            ("run", "sendmsg --config c.toml run --via ops -- make -j4"),
            ("check", "sendmsg check all"),
            ("outbox", "sendmsg outbox flush --max-age 2d"),
            ("history", "sendmsg history --json"),
            ("targets", "sendmsg targets"),
            ("serve-ddns", "sendmsg serve-ddns --notify ding"),
            ("serve", "sendmsg serve --check --listen 127.0.0.1:0"),
            ("completions", "sendmsg completions bash"),
            ("sms", "sendmsg sms --provider http --to 1 x"),
        ];
        for (named, line) in lines {
            let args = words(line);
            assert_eq!(subcommand_in(&args), Some(named), "{line}");
            let pruned = Cli::parse(&args).map(|cli| format!("{cli:?}"));
            let whole = Cli::parse_whole(&args).map(|cli| format!("{cli:?}"));
            assert!(pruned.is_ok(), "{line}: {pruned:?}");
            assert_eq!(pruned.ok(), whole.ok(), "{line}");
        }
    }

    #[test]
    fn help_and_usage_errors_are_the_whole_trees() {
        let lines = [
            "sendmsg ding --help",
            "sendmsg ding --bogus",
            "sendmsg ding --overflow bad x",
            "sendmsg din x",
            "sendmsg --help",
            "sendmsg help outbox flush",
            "sendmsg",
            "sendmsg --timeout 0 ding x",
            "sendmsg --env-file ding",
        ];
        for line in lines {
            let args = words(line);
            let error = |parsed: Result<Cli, clap::Error>| {
                parsed.err().map(|e| (e.kind(), e.render().to_string()))
            };
            let pruned = error(Cli::parse(&args));
            assert!(pruned.is_some(), "{line}");
            assert_eq!(pruned, error(Cli::parse_whole(&args)), "{line}");
        }
        let version = Cli::parse(&words("sendmsg --version"));
        assert_eq!(
            version.err().map(|e| e.render().to_string()),
            Some(format!("sendmsg {}\n", env!("CARGO_PKG_VERSION")))
        );
    }

    #[test]
    fn the_global_options_that_take_a_value_are_known_without_building_them() {
        let globals = GlobalArgs::augment_args(clap::Command::new("globals"));
        let mut taking: Vec<String> = globals
            .get_arguments()
            .filter(|arg| matches!(arg.get_action(), clap::ArgAction::Set))
            .filter_map(|arg| Some(format!("--{}", arg.get_long()?)))
            .collect();
        taking.sort();
        let mut known: Vec<String> = GLOBALS_WITH_A_VALUE
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        known.sort();
        assert_eq!(taking, known);
        assert!(
            globals.get_arguments().all(|arg| arg.get_short().is_none()
                || matches!(arg.get_action(), clap::ArgAction::SetTrue)),
            "a short global that takes a value"
        );
    }

    /// Redaction starts before the tree is built, from the lists; they must name every variable the
    /// tree marks secret, and no other.
    #[test]
    fn the_secret_variables_are_every_variable_the_command_line_hides() {
        fn walk(command: &clap::Command, found: &mut std::collections::BTreeSet<String>) {
            for arg in command
                .get_arguments()
                .filter(|a| a.is_hide_env_values_set())
            {
                if let Some(var) = arg.get_env() {
                    found.insert(var.to_string_lossy().into_owned());
                }
            }
            command.get_subcommands().for_each(|sub| walk(sub, found));
        }
        let mut hidden = std::collections::BTreeSet::new();
        walk(&command(), &mut hidden);
        let listed: std::collections::BTreeSet<String> =
            secret_variables().map(str::to_owned).collect();
        assert!(hidden.len() > 20);
        assert_eq!(listed, hidden);
    }

    #[test]
    fn timeouts_are_positive_and_bounded() {
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("soon").is_err());
    }
}
