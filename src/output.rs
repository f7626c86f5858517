//! The only place that prints. Every line passes through [`redact`], so no output path can show a secret.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::error::Error;
use crate::secret::redact;
use std::io::Write;

/// How much to say: `-q`, `--json` and `-v`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Printer {
    pub quiet: bool,
    pub json: bool,
    pub verbose: bool,
}

impl Printer {
    /// A request log line (`-v`).
    pub fn verbose(&self, line: &str) {
        if self.verbose {
            stderr_line(line);
        }
    }

    /// A success note or a warning, both silenced by `-q`.
    pub fn note(&self, line: &str) {
        if !self.quiet {
            stderr_line(line);
        }
    }

    /// An upstream reply for `--json`: one JSON document per line.
    pub fn reply(&self, body: &str) {
        if self.json && !self.quiet {
            let compact = serde_json::from_str::<serde_json::Value>(body)
                .map_or_else(|_| body.trim().to_owned(), |v| v.to_string());
            stdout_line(&compact);
        }
    }

    /// A dry-run line: the requests are the output, whatever `-q` says.
    pub fn dry_run(&self, line: &str) {
        stdout_line(line);
    }

    pub fn error(&self, err: &Error) {
        stderr_line(&format!("error: {err}"));
    }
}

fn stderr_line(line: &str) {
    // Nothing useful can be done when stderr itself is gone.
    let _ = writeln!(std::io::stderr().lock(), "sendmsg: {}", redact(line));
}

fn stdout_line(line: &str) {
    // A closed pipe (`sendmsg … | head -1`) is the reader's choice, not a failure to report.
    let _ = writeln!(std::io::stdout().lock(), "{}", redact(line));
}
