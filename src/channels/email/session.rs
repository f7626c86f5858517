//! E-mail's SMTP session: one per attempt ([`smtp`](super::smtp) over rustls with the trust of
//! [`tls`](super::tls)), retried by [`RetryPolicy`] only while nothing can have been delivered. The message
//! it carries is built by [`wire`](super::wire), which does no I/O.
//!
//! SMTP is not HTTP, so this is not a [`Channel`](crate::channels::Channel): it has its own steps, and one
//! rule HTTP channels do not need: once the message data has ended, nothing is resent.

use super::smtp::{Connection, Extensions, Reply, WireError};
use super::tls::Tls;
use super::wire::{CHANNEL, Outbound, Security, Server};
use crate::error::{Error, Fate};
use crate::output::Printer;
use crate::secret::Secret;
use crate::transport::{Attempt, RetryPolicy};
use base64::Engine;
use std::io;
use std::time::{Duration, Instant};

impl Server {
    /// The TLS settings, built before connecting (`None` for `SMTP_SECURITY=none`).
    fn tls(&self) -> Result<Option<Tls>, Error> {
        match self.security {
            Security::None => Ok(None),
            Security::Tls | Security::Starttls => Tls::new(&self.anchor).map(Some),
        }
    }
}

/// How to run the sessions: `--timeout` for each whole session, `--retries`, and where to report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Delivery {
    pub timeout: Duration,
    pub retry: RetryPolicy,
    pub printer: Printer,
    /// Whether a 4xx's error says to use `--queue`: only for a send that could have (not under
    /// `--queue`, not from the outbox, where the message already waits).
    pub advise_queue: bool,
}

/// Sends `message` to every recipient in one SMTP session. Retried in a new session only while nothing
/// can have been delivered and no server asked for patience: a connection or TLS failure, or the deadline
/// before the data ended. A 4xx reply (greylisting, a full queue) is not retried within the run: servers
/// want minutes, not a second, and `--queue` leaves it to `sendmsg outbox flush`. Returns the server's
/// final reply, e.g. `250 2.0.0 Ok: queued as …`.
pub(crate) fn send(
    server: &Server,
    message: &Outbound,
    delivery: Delivery,
) -> Result<Reply, Error> {
    run_sessions(server, delivery, reply_line, |session| {
        session.deliver(message)
    })
}

/// Connects, negotiates TLS and logs in exactly as a send would, then says QUIT: what `sendmsg check
/// email` does. Nothing is sent; a failure is the error a send would have met at that step.
pub(crate) fn probe(server: &Server, delivery: Delivery) -> Result<(), Error> {
    let logged_in = |(): &()| "logged in, QUIT".to_owned();
    run_sessions(server, delivery, logged_in, |session| {
        let (conn, _) = session.open()?;
        session.quit(conn);
        Ok(())
    })
}

/// One session per attempt, retried while it fails transiently, each attempt logged with `-v` (a
/// success as `shown` says).
fn run_sessions<T>(
    server: &Server,
    delivery: Delivery,
    shown: impl Fn(&T) -> String,
    attempt: impl Fn(&Session<'_>) -> Result<T, Failure>,
) -> Result<T, Error> {
    let tls = server.tls()?;
    if server.login.is_some() && server.security == Security::None {
        delivery.printer.note(
            "warning: email: SMTP_SECURITY=none sends SMTP_PASSWORD unencrypted; use tls or starttls",
        );
    }
    delivery.retry.run(CHANNEL, delivery.printer, || {
        let started = Instant::now();
        let session = Session {
            server,
            tls: tls.as_ref(),
            timeout: delivery.timeout,
            deadline: started + delivery.timeout,
            printer: delivery.printer,
            advise_queue: delivery.advise_queue,
        };
        let result = attempt(&session);
        let outcome = match &result {
            Ok(done) => shown(done),
            Err(Failure::Retry(reason)) => reason.clone(),
            Err(Failure::Stop(err)) => err.to_string(),
        };
        delivery.printer.verbose(&format!(
            "email: SMTP {} ({}) -> {outcome} ({} ms)",
            server.address(),
            server.security.name(),
            started.elapsed().as_millis()
        ));
        match result {
            Ok(reply) => Ok(Attempt::Done(reply)),
            // Retried only before the message was handed over.
            Err(Failure::Retry(reason)) => Ok(Attempt::Transient {
                reason,
                retry_after: None,
            }),
            Err(Failure::Stop(err)) => Err(err),
        }
    })
}

/// The reply as one line: code and text.
pub(crate) fn reply_line(reply: &Reply) -> String {
    format!("{} {}", reply.code, reply.text())
}

/// The reply's text, its lines joined with spaces.
pub(crate) fn reply_text(reply: &Reply) -> String {
    reply.text()
}

/// Why a session stopped: worth another try now, or final.
enum Failure {
    Retry(String),
    Stop(Error),
}

/// What one session needs.
struct Session<'a> {
    server: &'a Server,
    tls: Option<&'a Tls>,
    timeout: Duration,
    /// The end of this session: every read and write is bounded by it.
    deadline: Instant,
    printer: Printer,
    /// [`Delivery::advise_queue`].
    advise_queue: bool,
}

/// Where in the session a failure happened, for the message and for the no-resend rule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Connect,
    /// Waiting for the server's first words.
    Greeting,
    Handshake,
    Hello,
    Auth,
    /// MAIL FROM and RCPT TO: a refusal cancels the message for every recipient.
    Envelope,
    /// Sending the data, before its final `.`: the server discards an unfinished message.
    Data,
    /// The data ended: without a reply, it may have been delivered.
    Sent,
}

impl Session<'_> {
    fn deliver(&self, message: &Outbound) -> Result<Reply, Failure> {
        let (mut conn, extensions) = self.open()?;
        match self.exchange(&mut conn, &extensions, message) {
            Ok(reply) => {
                if let Err(e) = conn.command("QUIT", 221) {
                    // The message is already the server's: a failure to say goodbye is not a failed send.
                    self.printer.note(&format!(
                        "warning: email: the server accepted the message ({}) but then failed on QUIT: {}; it was not resent",
                        reply_line(&reply),
                        self.reason(&e)
                    ));
                }
                conn.close();
                Ok(reply)
            }
            Err(failure) => {
                self.quit(conn);
                Err(failure)
            }
        }
    }

    /// Says goodbye when the session ends without a message; failures here change nothing.
    fn quit(&self, mut conn: Connection) {
        if let Err(e) = conn.command("QUIT", 221) {
            self.printer
                .verbose(&format!("email: QUIT failed: {}", self.reason(&e)));
        }
        conn.close();
    }

    /// Connects, greets, upgrades with STARTTLS when asked, and logs in: everything before the envelope.
    fn open(&self) -> Result<(Connection, Extensions), Failure> {
        let server = self.server;
        let mut conn = Connection::connect(&server.host, server.port, self.deadline)
            .map_err(|e| self.failure(e, Step::Connect))?;
        if let (Security::Tls, Some(tls)) = (server.security, self.tls) {
            conn.start_tls(tls, &server.host)
                .map_err(|e| self.failure(e, Step::Handshake))?;
        }
        conn.expect(220)
            .map_err(|e| self.failure(e, Step::Greeting))?;
        let mut extensions = self.hello(&mut conn)?;
        if let (Security::Starttls, Some(tls)) = (server.security, self.tls) {
            if !extensions.starttls {
                self.quit(conn);
                return Err(Failure::Stop(Error::config(
                    "email",
                    format!(
                        "{} does not offer STARTTLS, so nothing was sent (no password, no message); \
                     use SMTP_SECURITY=tls if it speaks TLS from the start (port 465)",
                        server.address()
                    ),
                )));
            }
            conn.command("STARTTLS", 220)
                .map_err(|e| self.failure(e, Step::Hello))?;
            conn.start_tls(tls, &server.host)
                .map_err(|e| self.failure(e, Step::Handshake))?;
            extensions = self.hello(&mut conn)?;
        }
        if let Some((user, password)) = &server.login {
            self.log_in(&mut conn, &extensions, user, password)?;
        }
        Ok((conn, extensions))
    }

    fn hello(&self, conn: &mut Connection) -> Result<Extensions, Failure> {
        let reply = conn
            .command(&format!("EHLO {}", self.server.helo), 250)
            .map_err(|e| self.failure(e, Step::Hello))?;
        Ok(Extensions::parse(&reply))
    }

    /// AUTH PLAIN, else AUTH LOGIN: what every submission server offers.
    fn log_in(
        &self,
        conn: &mut Connection,
        extensions: &Extensions,
        user: &str,
        password: &Secret,
    ) -> Result<(), Failure> {
        let b64 = |text: &str| base64::engine::general_purpose::STANDARD.encode(text);
        let auth = |e| self.failure(e, Step::Auth);
        if extensions.auth_plain {
            let token = b64(&format!("\0{user}\0{}", password.expose()));
            conn.command(&format!("AUTH PLAIN {token}"), 235)
                .map_err(auth)?;
        } else if extensions.auth_login {
            conn.command("AUTH LOGIN", 334).map_err(auth)?;
            conn.command(&b64(user), 334).map_err(auth)?;
            conn.command(&b64(password.expose()), 235).map_err(auth)?;
        } else {
            return Err(Failure::Stop(Error::config(
                "email",
                format!(
                    "{} offers no AUTH PLAIN or LOGIN; unset SMTP_USER if it needs no login",
                    self.server.address()
                ),
            )));
        }
        Ok(())
    }

    fn exchange(
        &self,
        conn: &mut Connection,
        extensions: &Extensions,
        message: &Outbound,
    ) -> Result<Reply, Failure> {
        let size = message.size();
        if let Some(limit) = extensions.size.filter(|&limit| limit > 0 && size > limit) {
            return Err(Failure::Stop(Error::bad_input(
                "email",
                format!(
                    "the message is {size} bytes but {} takes at most {limit} (its SIZE); nothing was uploaded: send smaller or fewer attachments",
                    self.server.address()
                ),
            )));
        }
        let envelope = message.envelope();
        let mut mail = format!(
            "MAIL FROM:<{}>",
            envelope
                .from()
                .map(AsRef::<str>::as_ref)
                .unwrap_or_default()
        );
        if extensions.size.is_some() {
            mail.push_str(&format!(" SIZE={size}"));
        }
        let non_ascii_address = envelope
            .from()
            .into_iter()
            .chain(envelope.to())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii_address {
            if !extensions.smtputf8 {
                return Err(Failure::Stop(Error::Rejected {
                    channel: CHANNEL,
                    code: None,
                    message: format!(
                        "{} does not support SMTPUTF8, which a non-ASCII address needs",
                        self.server.address()
                    ),
                    part: None,
                }));
            }
            mail.push_str(" SMTPUTF8");
        }
        if extensions.eight_bit_mime {
            mail.push_str(" BODY=8BITMIME");
        }
        conn.command(&mail, 250)
            .map_err(|e| self.failure(e, Step::Envelope))?;
        for recipient in envelope.to() {
            conn.command(
                &format!("RCPT TO:<{}>", AsRef::<str>::as_ref(recipient)),
                250,
            )
            .map_err(|e| self.failure(e, Step::Envelope))?;
        }
        conn.command("DATA", 354)
            .map_err(|e| self.failure(e, Step::Envelope))?;
        conn.data(|out| message.write(out))
            .map_err(|e| self.failure(e, Step::Data))?;
        conn.expect(250).map_err(|e| self.failure(e, Step::Sent))
    }

    /// `timed out after 5s`, or the network error.
    fn reason(&self, err: &WireError) -> String {
        match err {
            WireError::Io(e) if e.kind() == io::ErrorKind::TimedOut => {
                format!("timed out after {}s", self.timeout.as_secs_f64())
            }
            WireError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                "the server closed the connection".into()
            }
            WireError::Io(e) => e.to_string(),
            WireError::Tls(e) => e.to_string(),
            WireError::Reply(reply) => reply_line(reply),
            WireError::NotSmtp { .. } => "the server's answer is not SMTP".into(),
        }
    }

    /// What a 4xx asks for: advice to use `--queue` only where the message is not queued already.
    fn later(&self) -> &'static str {
        if self.advise_queue {
            "try again in a few minutes, or use --queue so `sendmsg outbox flush` does (a 4xx is not retried at once: greylisting and busy servers want minutes)"
        } else {
            "refused for now (a 4xx is not retried at once: greylisting and busy servers want minutes)"
        }
    }

    /// Sorts a failure: what to tell the user, and whether a new session now could help.
    fn failure(&self, err: WireError, step: Step) -> Failure {
        let server = self.server.address();
        let stop = Failure::Stop;
        match err {
            WireError::Reply(reply) if reply.is_transient() => stop(Error::Transient {
                channel: CHANNEL,
                message: format!("{server} answered {}: {}", reply_line(&reply), self.later()),
                part: None,
                // A complete answer that refuses for now: the server did not take the message.
                fate: Fate::NeverSent,
            }),
            WireError::Reply(reply) => stop(Error::Rejected {
                channel: CHANNEL,
                code: Some(format!("SMTP {}", reply.code)),
                message: match step {
                    Step::Auth => format!("{} (check SMTP_USER and SMTP_PASSWORD)", reply.text()),
                    Step::Envelope => format!(
                        "{}; nothing was sent to anyone (one refused address cancels the message for all)",
                        reply.text()
                    ),
                    _ => reply.text(),
                },
                part: None,
            }),
            WireError::Tls(tls) => {
                let seen = self.tls.and_then(Tls::seen);
                stop(Error::config(
                    "email",
                    format!(
                        "TLS with {server} failed: {}",
                        super::tls::explain(&tls, &self.server.anchor, seen)
                    ),
                ))
            }
            WireError::NotSmtp { tls: true } => stop(Error::config(
                "email",
                format!(
                    "{server} speaks TLS from the first byte: use SMTP_SECURITY=tls (port 465)"
                ),
            )),
            WireError::NotSmtp { tls: false } => stop(Error::config(
                "email",
                format!("{server} does not answer in SMTP: check SMTP_HOST and SMTP_PORT"),
            )),
            WireError::Io(ref e) => {
                let reason = self.reason(&err);
                let timed_out = e.kind() == io::ErrorKind::TimedOut;
                match step {
                    Step::Sent => stop(Error::Transient {
                        channel: CHANNEL,
                        message: format!(
                            "no reply from {server} after the message was sent ({reason}); it may have been delivered and was not resent"
                        ),
                        part: None,
                        fate: Fate::MaybeDelivered,
                    }),
                    // A TLS-only port waits for our handshake while we wait for its greeting: retrying
                    // would only wait again.
                    Step::Greeting if timed_out && self.server.security != Security::Tls => {
                        stop(Error::Transient {
                            channel: CHANNEL,
                            message: format!(
                                "{server} sent no greeting: {reason}; a port that speaks TLS from the first byte (465) needs SMTP_SECURITY=tls"
                            ),
                            part: None,
                            fate: Fate::NeverSent,
                        })
                    }
                    Step::Connect => {
                        Failure::Retry(format!("cannot connect to {server}: {reason}"))
                    }
                    // Servers that speak only TLS 1.0 or 1.1 often hang up on a modern hello without
                    // an alert.
                    Step::Handshake if e.kind() == io::ErrorKind::UnexpectedEof => {
                        Failure::Retry(format!(
                            "{server} closed the connection during the TLS handshake: {}",
                            super::tls::OLD_TLS
                        ))
                    }
                    _ => Failure::Retry(format!("{server}: {reason}")),
                }
            }
        }
    }
}
