//! The ✓/✗ lines of `sendmsg check`, and the requests that send nothing which checks may make. Each
//! channel's own checks (its `check.rs`) are written with these.

use super::token::Tokens;
use super::{Channel, Front, Session};
use crate::error::{Error, Exit};
use crate::output::Printer;
use crate::settings::{Resolve, Scope};
use crate::transport::{HttpTransport, RetryPolicy};
use std::cell::RefCell;
use std::time::Duration;

/// The verdicts so far, printed as they come.
pub(crate) struct Report {
    printer: Printer,
    /// The channel being checked as lines name it (`ding`, `ding@ops`).
    pub(crate) channel: &'static str,
    /// Where its values came from: a setting is named as the send names it (a target's key).
    pub(crate) scope: Scope,
    /// Each check's exit code (0 for a pass).
    pub(crate) exits: Vec<Exit>,
}

impl Report {
    pub(crate) fn new(printer: Printer) -> Self {
        Self {
            printer,
            channel: "",
            scope: Scope::default(),
            exits: Vec::new(),
        }
    }

    /// Starts the checks of one channel or target.
    pub(crate) fn begin(&mut self, label: &'static str, scope: Scope) {
        self.channel = label;
        self.scope = scope;
    }

    /// The send's own resolution of the channel's settings (`front`'s plan of a sample message, nothing
    /// sent), run as a dry-run so that every missing setting is found, not only the first: each thing it
    /// refuses or warns about is a ✗ line in the send's words, else one ✓ line. `takes_text`: the
    /// channel takes a message text. True when it found nothing.
    pub(crate) fn resolution(
        &mut self,
        front: &dyn Front,
        takes_text: bool,
        printer: Printer,
    ) -> bool {
        let findings = RefCell::new(Vec::new());
        let scope = self.scope.clone();
        let how = Resolve {
            dry_run: true,
            printer: Printer {
                quiet: true,
                json: false,
                ..printer
            },
            scope: &scope,
            findings: Some(&findings),
        };
        let planned = front.plan(takes_text.then(|| SAMPLE.to_owned()), how);
        let mut problems = findings.into_inner();
        if let Err(err) = planned {
            problems.push(scope.locate(err));
        }
        for problem in &problems {
            self.error("settings", problem, None);
        }
        if problems.is_empty() {
            self.pass("settings", "complete, as a send reads them");
        }
        problems.is_empty()
    }

    pub(crate) fn pass(&mut self, check: &str, detail: &str) {
        let check = self.scope.subject(check);
        self.line(&check, Ok(detail), Exit::Sent, None);
    }

    pub(crate) fn fail(&mut self, check: &str, exit: Exit, problem: &str, fix: &str) {
        let check = self.scope.subject(check);
        self.line(&check, Err(problem), exit, Some(fix));
    }

    /// A failure as a send would have reported it: a setting's error names the setting where the send
    /// would (its key in a target); the fix is `fix`, else the error's own, else the hint for its code.
    pub(crate) fn error(&mut self, check: &str, err: &Error, fix: Option<&str>) {
        let (check, problem, own_fix) = match err {
            Error::Setting(e) if !e.settings.is_empty() => {
                let located = match self.scope.locate(Error::Setting(e.clone())) {
                    Error::Setting(located) => located,
                    _ => e.clone(),
                };
                let fix = located.fix.clone().or_else(|| located.put());
                (located.subject(), located.problem(), fix)
            }
            Error::Setting(e) => (self.scope.subject(check), e.problem(), e.fix.clone()),
            other => (self.scope.subject(check), other.detail(), None),
        };
        let fix = fix
            .map(str::to_owned)
            .or(own_fix)
            .or_else(|| crate::hints::for_error(err).map(str::to_owned))
            .or(match err {
                Error::Transient { .. } => {
                    Some("check the base URL and that this machine can reach the service".into())
                }
                Error::Config(_) | Error::BadInput(_) | Error::Setting(_) => {
                    Some("correct the setting the problem names".into())
                }
                Error::Rejected { .. } | Error::Suppressed { .. } => None,
            });
        self.line(&check, Err(&problem), err.exit(), fix.as_deref());
    }

    fn line(&mut self, check: &str, verdict: Result<&str, &str>, exit: Exit, fix: Option<&str>) {
        self.exits.push(exit);
        let channel = self.channel;
        if self.printer.json {
            let (ok, text) = match verdict {
                Ok(detail) => (true, detail),
                Err(problem) => (false, problem),
            };
            let line = serde_json::json!({
                "channel": channel,
                "check": check,
                "ok": ok,
                "detail": text,
                "fix": fix,
                "exit": exit.code(),
            });
            self.printer.output(&line.to_string());
            return;
        }
        let line = match (verdict, fix) {
            // `-q` keeps only what needs fixing.
            (Ok(_), _) if self.printer.quiet => return,
            (Ok(detail), _) => format!("✓ {channel}: {check}: {detail}"),
            (Err(problem), Some(fix)) => format!("✗ {channel}: {check}: {problem} — fix: {fix}"),
            (Err(problem), None) => format!("✗ {channel}: {check}: {problem}"),
        };
        self.printer.output(&line);
    }

    /// A required setting: ✗ when missing (with `fix`); its trimmed value for the caller's own ✓ or ✗.
    pub(crate) fn required<'v>(
        &mut self,
        var: &str,
        value: Option<&'v str>,
        fix: &str,
    ) -> Option<&'v str> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        if value.is_none() {
            self.fail(var, Exit::Config, "not set", fix);
        }
        value
    }

    /// A required setting with no shape to check: ✓ set, or ✗ with `fix`.
    pub(crate) fn present<'v>(
        &mut self,
        var: &str,
        value: Option<&'v str>,
        fix: &str,
    ) -> Option<&'v str> {
        let value = self.required(var, value, fix);
        if value.is_some() {
            self.pass(var, "set");
        }
        value
    }

    /// A required URL: ✗ when missing or not http(s), else ✓ naming it.
    pub(crate) fn url(&mut self, var: &str, value: Option<&str>, fix: &str) -> Option<String> {
        let url = self.required(var, value, fix)?;
        let url = self.base_url(var, url)?;
        self.pass(var, &url);
        Some(url)
    }

    /// A base URL, reported only when it is wrong (the default is always right).
    pub(crate) fn base_url(&mut self, var: &str, value: &str) -> Option<String> {
        match crate::settings::base_url(self.channel, var, value) {
            Ok(url) => Some(url),
            Err(e) => {
                self.error(var, &e, Some("give an http:// or https:// URL"));
                None
            }
        }
    }
}

/// What the checks that make a request need.
#[derive(Clone, Copy)]
pub(crate) struct Net {
    pub(crate) timeout: Duration,
    pub(crate) retries: u32,
    pub(crate) printer: Printer,
}

impl Net {
    pub(crate) fn transport(self) -> Result<HttpTransport, Error> {
        HttpTransport::new(self.timeout, self.printer)
    }

    /// Asks the service for a fresh access token through the send path's token step (the cached one is
    /// dropped first: a cached token proves nothing about this machine's IP), and caches the new one.
    pub(crate) fn access_token(self, channel: &dyn Channel, report: &mut Report) {
        let Some(spec) = channel.token() else {
            return;
        };
        let check = "access token";
        let transport = match self.transport() {
            Ok(t) => t,
            Err(e) => return report.error(check, &e, None),
        };
        let session = Session {
            transport: &transport,
            printer: self.printer,
            retry: RetryPolicy::new(self.retries),
            pacing: None,
        };
        let url = spec.request.url.clone();
        let mut tokens = Tokens::new(Some(spec));
        tokens.invalidate();
        match tokens.get(channel.name(), &session) {
            Ok(_) => report.pass(check, &format!("issued by {url}")),
            Err(e) => report.error(check, &e, None),
        }
    }
}

pub(crate) fn set(value: Option<&String>) -> Option<&str> {
    value.map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// The message a check resolves a channel with; nothing is sent.
const SAMPLE: &str = "sendmsg check";

pub(crate) const NOT_PROBED: &str =
    "not contacted: a robot webhook cannot be tested without posting a message";

/// A credential with whitespace or quotes inside was pasted with more than itself.
pub(crate) fn well_formed(report: &mut Report, var: &str, value: Option<&str>, fix: &str) {
    match value.map(|v| {
        v.chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\'')
    }) {
        Some(true) => report.fail(var, Exit::Config, "holds spaces or quotes", fix),
        Some(false) => report.pass(var, "set"),
        None => {}
    }
}

/// A default that may also be given when sending.
pub(crate) fn optional(report: &mut Report, var: &str, value: Option<&str>, flag: &str) {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(_) => report.pass(var, "set"),
        None => report.pass(var, &format!("not set: give {flag} when sending")),
    }
}

/// Default recipients: each must be valid when set; unset is fine (given when sending).
pub(crate) fn check_each(
    var: &str,
    values: &[String],
    valid: impl Fn(&str) -> bool,
    report: &mut Report,
) {
    let given: Vec<&str> = values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    if given.is_empty() {
        return;
    }
    let bad: Vec<&str> = given.iter().copied().filter(|v| !valid(v)).collect();
    if bad.is_empty() {
        report.pass(var, &format!("{} valid", given.len()));
    } else {
        report.fail(
            var,
            Exit::BadInput,
            &format!("not valid: {}", bad.join(", ")),
            "correct or remove them",
        );
    }
}
