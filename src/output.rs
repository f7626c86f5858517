//! The only place that prints. Every line passes through [`redact`], so no output path can show a secret.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::error::Error;
use crate::secret::redact;
use std::io::Write;

/// How much to say: `-q`, `--json` and `-v`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Printer {
    pub quiet: bool,
    pub json: bool,
    pub verbose: bool,
}

// `dry_run`, `output` and `pass_through` ignore the settings but stay methods: every print goes through
// the printer.
#[allow(clippy::unused_self)]
impl Printer {
    /// A request log line (`-v`).
    pub(crate) fn verbose(self, line: &str) {
        if self.verbose {
            stderr_line(line);
        }
    }

    /// A success note or a warning, both silenced by `-q`.
    pub(crate) fn note(self, line: &str) {
        if !self.quiet {
            stderr_line(line);
        }
    }

    /// A warning about who receives a message (`@all`): `-q` silences success, not a surprise in the
    /// recipients, so it is printed whatever `-q` says.
    pub(crate) fn recipients_warning(self, line: &str) {
        stderr_line(line);
    }

    /// A `--json` record (the envelope of one send): printed with `--json` whatever `-q` says, since a
    /// script asked for it.
    pub(crate) fn json_line(self, record: &impl serde::Serialize) {
        if self.json
            && let Ok(line) = serde_json::to_string(record)
        {
            stdout_line(&line);
        }
    }

    /// A dry-run line: the requests are the output, whatever `-q` says.
    pub(crate) fn dry_run(self, line: &str) {
        stdout_line(line);
    }

    /// Command output that is the point of the command (`history`), printed whatever `-q` says.
    pub(crate) fn output(self, line: &str) {
        stdout_line(line);
    }

    /// An error line, and under it a `hint:` line when the service's code has a known remedy
    /// ([`crate::hints`]); a suppressed send is the planned outcome of `--limit`/`--dedupe`, so it is a note.
    pub(crate) fn error(self, err: &Error) {
        if let Error::Suppressed { .. } = err {
            self.note(&err.to_string());
        } else {
            stderr_line(&format!("error: {err}"));
            if let Some(remedy) = crate::hints::for_error(err) {
                stderr_line(&format!("hint: {remedy}"));
            }
        }
    }

    /// The wrapped command's own output (`sendmsg run`), passed through byte for byte: it is not ours to
    /// rewrite, and a `sendmsg:` prefix would break whatever reads it.
    pub(crate) fn pass_through(self, stream: Stream, bytes: &[u8]) {
        let _ = match stream {
            Stream::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes).and_then(|()| out.flush())
            }
            Stream::Stderr => std::io::stderr().lock().write_all(bytes),
        };
    }
}

/// Which of the two output streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Stdout,
    Stderr,
}

/// One line on stderr, whatever it quotes: a control character (a newline in an argument, an escape
/// sequence in a reply) is shown escaped, so every message is one `sendmsg: ` line and cannot drive the
/// terminal.
fn stderr_line(line: &str) {
    let mut shown = String::with_capacity(line.len());
    for c in redact(line).chars() {
        if c.is_control() {
            shown.extend(c.escape_debug());
        } else {
            shown.push(c);
        }
    }
    // Nothing useful can be done when stderr itself is gone.
    let _ = writeln!(std::io::stderr().lock(), "sendmsg: {shown}");
}

fn stdout_line(line: &str) {
    // A closed pipe (`sendmsg … | head -1`) is the reader's choice, not a failure to report.
    let _ = writeln!(std::io::stdout().lock(), "{}", redact(line));
}
