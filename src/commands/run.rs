//! `sendmsg run --via CHANNELS -- CMD [ARGS...]`: runs a command, passes its output through live while
//! keeping the last 64 KiB of it, and then (on failure, or `--on always`) reports the command line, exit
//! status or signal, duration, host and the output's tail through the channels, fitted to each with
//! `--overflow truncate` so the end of the output survives.
//!
//! It exits with the command's own status (128+N for signal N; 127 when the command cannot be found, 126
//! when it cannot be started), so a cron line or CI step keeps its meaning. A report that cannot be sent is
//! said on stderr and does not change that status. The channels' configuration is checked before the command
//! starts: a problem is a warning then, and the command still runs (a CI job without its secrets, e.g. a
//! fork's pull request, must still build).

use super::send as fanout;
use super::via::prepare_via;
use crate::channels::BodyArgs;
use crate::cli::{GlobalArgs, RunArgs, When};
use crate::error::{Error, Exit};
use crate::output::{Printer, Stream};
use crate::period::Human;
use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

/// How much of the combined output is kept for the report.
const TAIL_BYTES: usize = 64 * 1024;

/// After the command exits, how long its output may take to drain: a background process it started can
/// hold the pipes open forever, and sendmsg must not wait for that.
const DRAIN_GRACE: Duration = Duration::from_secs(2);

/// `sendmsg run`.
pub(crate) fn run(args: &RunArgs, global: &GlobalArgs, printer: Printer) -> Result<u8, Error> {
    let global = &super::with_via_origin(global);
    let rules = super::rules(global)?;
    let config = super::config(global, printer)?;
    let channels = fanout::channels(&args.via.via, &config)?;
    // The end of the output is what explains a failure: keep it.
    let options = |body: &mut BodyArgs| body.overflow = Some(crate::split::Overflow::Truncate);
    if !global.dry_run {
        for channel in &channels {
            if let Err(err) = prepare_via(channel, "preflight", &options, global, &config, printer)
            {
                printer.note(&format!(
                    "warning: run: the report through {channel} will fail: {err}"
                ));
            }
        }
    }
    let started = Instant::now();
    let (status, tail) = execute(&args.command, printer);
    let elapsed = started.elapsed();
    if let Status::NotStarted(reason, _) = &status {
        printer.error(&Error::BadInput(format!("run: {reason}")));
    }
    if status.failed() || args.on == When::Always {
        let report = Report {
            title: args.title.clone(),
            command: &args.command,
            status: &status,
            elapsed,
            host: host_name(),
            tail,
        };
        let (body, identity) = report.render();
        let code = match fanout::prepare_all(&channels, &body, &options, global, &config, printer) {
            Ok(ready) => fanout::send_all(
                ready
                    .into_iter()
                    .map(|outgoing| outgoing.with_identity(&identity))
                    .collect(),
                &rules,
                global.dry_run,
                printer,
            ),
            Err(code) => code,
        };
        if !matches!(code, Exit::Sent | Exit::Suppressed) {
            printer.note(&format!(
                "run: the report was not delivered; exiting with the command's status {}",
                status.exit_code()
            ));
        }
    }
    Ok(status.exit_code())
}

/// How the command ended.
#[derive(Debug)]
enum Status {
    Exited(i32),
    Signaled(i32),
    /// It never ran: why, and the shell's exit code for that (127 not found, 126 not executable).
    NotStarted(String, u8),
}

impl Status {
    fn exit_code(&self) -> u8 {
        match self {
            Status::Exited(code) => u8::try_from(*code).unwrap_or(1),
            Status::Signaled(signal) => u8::try_from(128 + signal).unwrap_or(255),
            Status::NotStarted(_, code) => *code,
        }
    }

    fn failed(&self) -> bool {
        !matches!(self, Status::Exited(0))
    }

    fn describe(&self) -> String {
        match self {
            Status::Exited(0) => "exit status 0".into(),
            Status::Exited(code) => format!("failed with exit status {code}"),
            Status::Signaled(signal) => match signal_name(*signal) {
                Some(name) => format!("killed by signal {signal} ({name})"),
                None => format!("killed by signal {signal}"),
            },
            Status::NotStarted(reason, _) => format!("did not start: {reason}"),
        }
    }
}

fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        _ => return None,
    })
}

/// The last [`TAIL_BYTES`] of the combined output, and how much there was in all.
#[derive(Debug, Default, Clone)]
struct Tail {
    kept: VecDeque<u8>,
    total: usize,
}

impl Tail {
    fn push(&mut self, bytes: &[u8]) {
        self.total += bytes.len();
        let skip = bytes.len().saturating_sub(TAIL_BYTES);
        self.kept.extend(&bytes[skip..]);
        let excess = self.kept.len().saturating_sub(TAIL_BYTES);
        self.kept.drain(..excess);
    }

    /// The kept output as text: from the first whole line when the start was cut, colour codes removed,
    /// trailing blank lines dropped.
    fn text(&self) -> String {
        let bytes: Vec<u8> = self.kept.iter().copied().collect();
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        if self.total > self.kept.len()
            && let Some(newline) = text.find('\n')
        {
            text.drain(..=newline);
        }
        crate::body::clean(&text).trim_end().to_owned()
    }
}

/// Runs the command with stdin inherited and stdout/stderr passed through as they come.
fn execute(command: &[OsString], printer: Printer) -> (Status, Tail) {
    let Some((program, args)) = command.split_first() else {
        return (
            Status::NotStarted("no command given".into(), 127),
            Tail::default(),
        );
    };
    let spawned = Command::new(program)
        .args(args)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            let code = if e.kind() == std::io::ErrorKind::NotFound {
                127
            } else {
                126
            };
            let reason = format!("cannot start `{}`: {e}", program.to_string_lossy());
            return (Status::NotStarted(reason, code), Tail::default());
        }
    };
    let tail = std::sync::Arc::new(Mutex::new(Tail::default()));
    let (done, drained) = mpsc::channel();
    let mut pumps = 0;
    let outputs: [(Option<Box<dyn Read + Send>>, Stream); 2] = [
        (
            child.stdout.take().map(|s| Box::new(s) as _),
            Stream::Stdout,
        ),
        (
            child.stderr.take().map(|s| Box::new(s) as _),
            Stream::Stderr,
        ),
    ];
    for (source, stream) in outputs {
        let Some(source) = source else { continue };
        let (tail, done) = (std::sync::Arc::clone(&tail), done.clone());
        pumps += 1;
        std::thread::spawn(move || {
            pump(source, stream, &tail, printer);
            let _ = done.send(());
        });
    }
    let status = match child.wait() {
        Ok(status) => exit_status(status),
        Err(e) => Status::NotStarted(format!("lost track of the command: {e}"), 126),
    };
    let deadline = Instant::now() + DRAIN_GRACE;
    for _ in 0..pumps {
        if drained
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .is_err()
        {
            break;
        }
    }
    let tail = tail.lock().unwrap_or_else(PoisonError::into_inner).clone();
    (status, tail)
}

fn pump(mut source: impl Read, stream: Stream, tail: &Mutex<Tail>, printer: Printer) {
    let mut buffer = [0u8; 8192];
    loop {
        match source.read(&mut buffer) {
            Ok(0) => return,
            Ok(n) => {
                printer.pass_through(stream, &buffer[..n]);
                tail.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(&buffer[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

fn exit_status(status: std::process::ExitStatus) -> Status {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return Status::Signaled(signal);
    }
    Status::Exited(status.code().unwrap_or(1))
}

/// What the report says.
struct Report<'a> {
    title: Option<String>,
    command: &'a [OsString],
    status: &'a Status,
    elapsed: Duration,
    host: String,
    tail: Tail,
}

impl Report<'_> {
    /// The message, and its identity for `--dedupe`: the same command ending the same way on the same host,
    /// whatever its duration and output.
    fn render(&self) -> (String, String) {
        let program = self
            .command
            .first()
            .map(|p| {
                std::path::Path::new(p)
                    .file_name()
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .unwrap_or_default();
        let title = self.title.clone().unwrap_or_else(|| match self.status {
            Status::Exited(0) => format!("{program} succeeded"),
            _ => format!("{program} failed"),
        });
        let command_line: Vec<String> = self
            .command
            .iter()
            .map(|a| shell_quote(&a.to_string_lossy()))
            .collect();
        let command_line = command_line.join(" ");
        let status = self.status.describe();
        let identity = format!("{title}\n$ {command_line}\n{status} on {}", self.host);
        let took = if self.elapsed < Duration::from_secs(60) {
            format!("{:.1}s", self.elapsed.as_secs_f64())
        } else {
            Human(self.elapsed).to_string()
        };
        let output = self.tail.text();
        let output = match (output.is_empty(), self.tail.total) {
            (true, _) => "(no output)".to_owned(),
            (false, total) if total > self.tail.kept.len() => {
                format!("--- last part of the output ({total} bytes in all) ---\n{output}")
            }
            (false, _) => format!("--- output ---\n{output}"),
        };
        let body = format!(
            "{title}\n$ {command_line}\n{status} after {took} on {}\n{output}",
            self.host
        );
        (body, identity)
    }
}

/// An argument as a POSIX shell would need it written.
fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c));
    if plain {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// The machine's name, for "on which host did it fail".
fn host_name() -> String {
    hostname::get()
        .ok()
        .map(|h| h.to_string_lossy().trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "an unknown host".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_keeps_the_last_bytes_and_counts_all() {
        let mut tail = Tail::default();
        tail.push(&vec![b'a'; TAIL_BYTES]);
        tail.push(b"\nlast line\n");
        assert_eq!(tail.kept.len(), TAIL_BYTES);
        assert_eq!(tail.total, TAIL_BYTES + 11);
        // The cut first line is dropped.
        assert_eq!(tail.text(), "last line");
        let mut huge = Tail::default();
        huge.push(&vec![b'x'; 3 * TAIL_BYTES]);
        assert_eq!(huge.kept.len(), TAIL_BYTES);
    }

    #[test]
    fn exit_codes_follow_the_shell() {
        assert_eq!(Status::Exited(3).exit_code(), 3);
        assert_eq!(Status::Signaled(9).exit_code(), 137);
        assert_eq!(Status::NotStarted(String::new(), 127).exit_code(), 127);
        assert!(!Status::Exited(0).failed());
        assert_eq!(
            Status::Signaled(15).describe(),
            "killed by signal 15 (SIGTERM)"
        );
    }

    #[test]
    fn the_report_leaves_duration_and_output_out_of_its_identity() {
        let command = [OsString::from("/usr/bin/backup"), OsString::from("a b")];
        let mut tail = Tail::default();
        tail.push(b"copying\ndisk full\n");
        let report = Report {
            title: None,
            command: &command,
            status: &Status::Exited(2),
            elapsed: Duration::from_millis(1500),
            host: "web-1".into(),
            tail,
        };
        let (body, identity) = report.render();
        assert_eq!(
            body,
            "backup failed\n$ /usr/bin/backup 'a b'\nfailed with exit status 2 after 1.5s on web-1\n\
             --- output ---\ncopying\ndisk full"
        );
        assert_eq!(
            identity,
            "backup failed\n$ /usr/bin/backup 'a b'\nfailed with exit status 2 on web-1"
        );
    }

    #[test]
    fn shell_quoting_only_where_needed() {
        assert_eq!(shell_quote("make"), "make");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
