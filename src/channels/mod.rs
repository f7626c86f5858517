//! The channels, one folder each, and the registry that makes them commands.
//!
//! A channel's folder holds everything it knows: `wire.rs` turns settings and text into plain requests and
//! reads the replies (the [`Channel`] impl: no clap, no I/O), `args.rs` is its command line, `settings.rs`
//! resolves flags and environment into the wire's settings, `check.rs` is `sendmsg check`, `hints.rs` the
//! remedies for its service's codes, and `mod.rs` implements [`Front`], which ties them together into a
//! [`Plan`]. The [`registry!`] line below makes the folder a subcommand, a name that `--via`, `check` and
//! `serve-ddns --notify` accept, and an arm of every match over channels.

mod body_args;
pub(crate) mod checkup;
pub(crate) mod deliver;
pub(crate) mod media;
mod plan;
mod pushes;
mod targeted;
pub(crate) mod token;

pub(crate) mod bark;
pub(crate) mod ding;
pub(crate) mod email;
pub(crate) mod feishu;
pub(crate) mod gewe;
pub(crate) mod pushplus;
pub(crate) mod serverchan;
pub(crate) mod sms;
pub(crate) mod template;
pub(crate) mod webhook;
pub(crate) mod wecom;

pub(crate) use body_args::{BodyArgs, read_stdin_value};
pub(crate) use deliver::*;
pub(crate) use plan::{Plan, SendSettings, one_try};
pub(crate) use targeted::{Source, Targeted, check_config, describe, with_defaults};

use crate::error::Error;
use crate::hints::Tables;
use crate::lazy_args::Lazy;
use crate::settings::Resolve;
use checkup::{Net, Report};

/// What a channel's folder provides to the commands above it.
pub(crate) trait Front {
    /// Resolves the settings and the message into a plan, so everything is validated before the first
    /// request. `text` is the message when the caller already has it (`send --via`, `run`, `serve-ddns`);
    /// `None` reads it as the command line says (words, `--file`, stdin).
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error>;
    /// `sendmsg check CHANNEL`: one ✓ or ✗ line per setting, and a probe that sends nothing where the
    /// service has one.
    fn check(&self, net: Net, report: &mut Report);
    /// The message options, for a channel that takes free text: `send` and `run` hand theirs on.
    fn body_mut(&mut self) -> Option<&mut BodyArgs>;
    /// The remedies for the service's codes, looked up in order.
    fn hints() -> Tables
    where
        Self: Sized;
}

/// A channel's variables that hold a credential (its options marked `hide_env_values`): every one is
/// registered for redaction at start, whichever command runs, without building the channel's command
/// line. A test holds the lists to the command line's options.
pub(crate) trait SecretVariables {
    const SECRET_VARIABLES: &[&str];
}

impl<T: SecretVariables> SecretVariables for Box<T> {
    const SECRET_VARIABLES: &[&str] = T::SECRET_VARIABLES;
}

impl<T: Front> Front for Box<T> {
    fn plan(&self, text: Option<String>, how: Resolve<'_>) -> Result<Plan, Error> {
        self.as_ref().plan(text, how)
    }
    fn check(&self, net: Net, report: &mut Report) {
        self.as_ref().check(net, report);
    }
    fn body_mut(&mut self) -> Option<&mut BodyArgs> {
        self.as_mut().body_mut()
    }
    fn hints() -> Tables {
        T::hints()
    }
}

/// One line per channel: its subcommand (with its help), its name, and its arguments type, which must
/// implement [`Front`]. Everything that enumerates channels is generated from this list, so a new channel
/// cannot be half-registered.
macro_rules! registry {
    ($( $(#[$meta:meta])* $variant:ident($args:ty) = $name:literal, )*) => {
        /// The channel subcommands, flattened into the top-level command; each takes `--target NAME`.
        #[derive(Debug, clap::Subcommand)]
        pub(crate) enum ChannelCommand {
            $( $(#[$meta])* #[command(name = $name)] $variant(Lazy<Targeted<$args>>), )*
        }

        /// Every channel's name, in the order `--help` lists them.
        pub(crate) const NAMES: &[&str] = &[$($name),*];

        impl ChannelCommand {
            pub(crate) fn front(&self) -> &dyn Front {
                match self { $(Self::$variant(t) => &t.args,)* }
            }

            pub(crate) fn front_mut(&mut self) -> &mut dyn Front {
                match self { $(Self::$variant(t) => &mut t.args,)* }
            }

            /// The channel's name.
            pub(crate) fn name(&self) -> &'static str {
                match self { $(Self::$variant(_) => $name,)* }
            }

            /// Every value of the channel's options with its origin.
            pub(crate) fn settings(&self) -> &[crate::origin::Setting] {
                match self { $(Self::$variant(t) => &t.settings,)* }
            }

            /// Where this command's values came from, for locating its errors: `config` holds its
            /// named target, if it has one.
            pub(crate) fn scope(&self, config: &crate::targets::Config) -> crate::settings::Scope {
                let target = self.target().and_then(|name| config.find_target(name));
                targeted::scope(self.name(), self.settings(), target.map(|t| (t, config)))
            }

            /// Records the origins of the values of the parse that made this command: `sub` is the
            /// channel's subcommand and `matches` its part of the parse.
            pub(crate) fn capture(
                &mut self,
                sub: &clap::Command,
                matches: &clap::ArgMatches,
                source: Source<'_>,
            ) {
                let settings = targeted::settings(sub, matches, source);
                match self { $(Self::$variant(t) => t.settings = settings,)* }
            }

            /// The named target given with `--target`, or the one it was built from.
            pub(crate) fn target(&self) -> Option<&str> {
                match self { $(Self::$variant(t) => t.target.as_deref(),)* }
            }

            /// The named target, configured from its keys alone: the channel's variables are not read.
            pub(crate) fn from_target(
                target: &crate::targets::Target,
                config: &crate::targets::Config,
            ) -> Result<Self, Error> {
                let name = Some(target.name.clone());
                match target.channel.as_str() {
                    $($name => targeted::parse::<$args>($name, target, config)
                        .map(|(args, settings)| Self::$variant(Lazy(Targeted { args, target: name, settings }))),)*
                    other => Err(Error::Config(format!(
                        "{}: `{other}` is not a channel (one of {})",
                        config.at(&target.name, "channel"),
                        NAMES.join(", ")
                    ))),
                }
            }

            /// The channel named `name`, configured from the environment alone, as `sendmsg NAME` with no
            /// options would be. `Err` is why not (not a channel, or a variable clap refuses).
            pub(crate) fn from_env(name: &str) -> Result<Self, String> {
                Self::from_env_with(name, &[])
            }

            /// As [`Self::from_env`], with `options` (`--title=T`, as an outbox entry keeps them) over
            /// the environment, parsed by the channel's own definitions.
            pub(crate) fn from_env_with(name: &str, options: &[String]) -> Result<Self, String> {
                match name {
                    $($name => from_env::<$args>($name, options).map(|(args, settings)| Self::$variant(Lazy(Targeted { args, target: None, settings }))),)*
                    _ => Err(format!("`{name}` is not a channel (one of {})", NAMES.join(", "))),
                }
            }
        }

        /// The variables a channel reads (its options', older names included).
        pub(crate) fn variables(name: &str) -> Vec<String> {
            match name {
                $($name => variables_of::<$args>($name),)*
                _ => Vec::new(),
            }
        }

        /// Every channel's [`SecretVariables`].
        pub(crate) fn secret_variables() -> impl Iterator<Item = &'static str> {
            [$(<$args as SecretVariables>::SECRET_VARIABLES),*].into_iter().flatten().copied()
        }

        /// The options of the channel named `name`, as clap builds them.
        fn options_of(name: &str) -> Option<clap::Command> {
            match name {
                $($name => Some(<$args as clap::Args>::augment_args(clap::Command::new($name))),)*
                _ => None,
            }
        }

        /// The hint tables of the channel named `name`.
        fn hint_tables(name: &str) -> Tables {
            match name {
                $($name => <$args as Front>::hints(),)*
                _ => &[],
            }
        }
    };
}

registry! {
    /// WeCom (企业微信) self-built app message, or a WeCom group robot
    #[command(after_help = wecom::EXAMPLES)]
    Wecom(wecom::WecomArgs) = "wecom",
    /// WeChat through a GeWe gateway (personal WeChat)
    #[command(after_help = gewe::EXAMPLES)]
    Gewe(gewe::GeweArgs) = "gewe",
    /// DingTalk custom robot (钉钉自定义机器人)
    #[command(after_help = ding::EXAMPLES)]
    Ding(ding::DingArgs) = "ding",
    /// E-mail over SMTP (QQ, 163, Aliyun, Gmail, any server)
    #[command(after_help = email::EXAMPLES)]
    Email(email::EmailArgs) = "email",
    /// SMS through Aliyun, Tencent Cloud or an HTTP gateway
    #[command(after_help = sms::EXAMPLES)]
    Sms(Box<sms::SmsArgs>) = "sms",
    /// WeChat Official Account (公众号) template message
    #[command(after_help = template::EXAMPLES)]
    Template(template::TemplateArgs) = "template",
    /// Feishu / Lark custom bot (飞书自定义机器人)
    #[command(after_help = feishu::EXAMPLES)]
    Feishu(feishu::FeishuArgs) = "feishu",
    /// Server酱 (ServerChan Turbo and Server酱³) WeChat push
    #[command(after_help = serverchan::EXAMPLES)]
    Serverchan(serverchan::ServerChanArgs) = "serverchan",
    /// PushPlus (推送加) WeChat push
    #[command(after_help = pushplus::EXAMPLES)]
    Pushplus(pushplus::PushPlusArgs) = "pushplus",
    /// Bark iOS push, one per device key
    #[command(after_help = bark::EXAMPLES)]
    Bark(bark::BarkArgs) = "bark",
    /// Any HTTP endpoint (ntfy, Gotify, an alert gateway): a URL and a body template
    #[command(after_help = webhook::EXAMPLES)]
    Webhook(webhook::WebhookArgs) = "webhook",
}

/// Makes the channels' hint tables known to the printer.
pub(crate) fn install_hints() {
    crate::hints::install(hint_tables);
}

fn from_env<A: clap::Args + clap::FromArgMatches>(
    name: &'static str,
    options: &[String],
) -> Result<(A, Vec<crate::origin::Setting>), String> {
    let command = A::augment_args(clap::Command::new(name).no_binary_name(true));
    command
        .clone()
        .try_get_matches_from(options)
        .and_then(|matches| {
            let settings = targeted::settings(&command, &matches, Source::Outbox);
            A::from_arg_matches(&matches).map(|args| (args, settings))
        })
        .map_err(|e| {
            let reason = e.to_string();
            let first = reason.lines().next().unwrap_or_default();
            first.trim_start_matches("error: ").to_owned()
        })
}

fn variables_of<A: clap::Args + Front>(name: &'static str) -> Vec<String> {
    A::augment_args(clap::Command::new(name))
        .get_arguments()
        .filter_map(|arg| arg.get_env()?.to_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests;
