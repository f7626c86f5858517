//! The options every text channel shares: the message and what to do when it is too long.

use crate::body;
use crate::error::Error;
use crate::split::{Overflow, OverflowPolicy};
use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The message and what to do when it is too long for the channel.
#[derive(Debug, Args)]
pub(crate) struct BodyArgs {
    /// The message; with none, or `-`, it is read from stdin
    #[arg(value_name = "MESSAGE")]
    pub(crate) message: Vec<String>,

    /// Read the message from a file
    #[arg(long, value_name = "PATH", conflicts_with = "message")]
    pub(crate) file: Option<PathBuf>,

    /// Render the message from a MiniJinja template file over --data (a missing key is an error)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["message", "file"])]
    pub(crate) template_file: Option<PathBuf>,

    /// The template's data: a JSON file, or - for stdin [default: stdin]
    // Not `requires`: a target's `template_file` is only known when the line is parsed again with it.
    #[arg(long, value_name = "FILE|-")]
    pub(crate) data: Option<PathBuf>,

    /// What to do with a message over the channel's limit [default: split; sms --provider http: error,
    /// since every part is a paid SMS]
    #[arg(long, value_enum)]
    pub(crate) overflow: Option<Overflow>,

    /// Most parts a split may send; more fails before anything is sent
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub(crate) max_parts: u16,

    /// Override the channel's size limit in bytes (for a service that changed its rules)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100_000_000))]
    pub(crate) max_bytes: Option<u32>,

    /// Send a message from stdin or --file as it is: colour codes, CRLF and progress-bar redraws included
    /// [default: cleaned the way a terminal shows it]
    #[arg(long)]
    pub(crate) keep_ansi: bool,

    #[command(flatten)]
    pub(crate) media: super::media::MediaArgs,
}

impl BodyArgs {
    /// How an over-long message is handled.
    pub(crate) fn policy(&self) -> OverflowPolicy {
        self.policy_or(Overflow::Split)
    }

    /// How an over-long message is handled by a channel whose `--overflow` default is `default`.
    pub(crate) fn policy_or(&self, default: Overflow) -> OverflowPolicy {
        OverflowPolicy {
            mode: self.overflow.unwrap_or(default),
            max_parts: usize::from(self.max_parts),
            max_bytes: self.max_bytes.map(|n| n as usize),
        }
    }

    /// The message: `given` when the caller has it, else read as the command line says.
    pub(crate) fn text_or_read(&self, given: Option<String>) -> Result<String, Error> {
        given.map_or_else(|| self.read(), Ok)
    }

    /// As [`Self::text_or_read`], for a message that carries images or files (`media`): then the text
    /// may be empty.
    pub(crate) fn text_or_read_with_media(
        &self,
        given: Option<String>,
        media: bool,
    ) -> Result<String, Error> {
        match given {
            Some(text) => Ok(text),
            None if media => self.read_with(body::read_optional),
            None => self.read(),
        }
    }

    /// Reads the message from the words, `--file` or stdin.
    pub(crate) fn read(&self) -> Result<String, Error> {
        self.read_with(body::read)
    }

    /// Reads the message with `read` (e.g. [`body::read_optional`], for a mail with attachments).
    pub(crate) fn read_with(&self, read: body::Reader) -> Result<String, Error> {
        let stdin = std::io::stdin();
        let is_terminal = stdin.is_terminal();
        if self.data.is_some() && self.template_file.is_none() {
            return Err(Error::BadInput(
                "--data is the data of --template-file FILE; give both".into(),
            ));
        }
        if let Some(template) = &self.template_file {
            let data = self.data.as_deref().unwrap_or(std::path::Path::new("-"));
            let text = body::render(template, data, &mut stdin.lock(), is_terminal)?;
            // The rendered text is then read as a piped message: its trailing newline and `read`'s
            // empty check apply, but it is not cleaned (a template's control codes are meant).
            let source = body::BodySource {
                words: &[],
                file: None,
                keep_ansi: true,
            };
            return read(source, &mut text.as_bytes(), false);
        }
        let source = body::BodySource {
            words: &self.message,
            file: self.file.as_deref(),
            keep_ansi: self.keep_ansi,
        };
        read(source, &mut stdin.lock(), is_terminal)
    }

    /// The size options as command-line options, for an outbox entry to rebuild the channel with.
    pub(crate) fn as_options(&self) -> Vec<String> {
        let overflow = self
            .overflow
            .and_then(|o| clap::ValueEnum::to_possible_value(&o))
            .map(|v| format!("--overflow={}", v.get_name()));
        overflow
            .into_iter()
            .chain([format!("--max-parts={}", self.max_parts)])
            .chain(self.max_bytes.map(|n| format!("--max-bytes={n}")))
            .collect()
    }

    /// `send`'s and `run`'s size options and media, handed on to a channel.
    pub(crate) fn hand_on(&self, to: &mut BodyArgs) {
        to.overflow = self.overflow;
        to.max_parts = self.max_parts;
        to.max_bytes = self.max_bytes;
        // Images and files too: each channel sends them or refuses them by name, never drops them.
        to.media = self.media.clone();
    }
}

/// A value given as `-` (e.g. `template --field K=-`): stdin, read by the same rules as a message body.
pub(crate) fn read_stdin_value() -> Result<String, Error> {
    BodyArgs {
        message: vec!["-".into()],
        file: None,
        template_file: None,
        data: None,
        overflow: Some(Overflow::Error),
        max_parts: 1,
        max_bytes: None,
        keep_ansi: false,
        media: super::media::MediaArgs::default(),
    }
    .read()
}
