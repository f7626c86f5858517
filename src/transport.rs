//! The one way requests leave the process: a real HTTP transport or the dry-run printer, and the retry
//! loop that both go through.

use crate::error::{Error, Fate};
use crate::output::Printer;
use crate::request::{HttpRequest, Method};
use crate::roots::NoRoots;
use rustls::DigitallySignedStruct;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// What a service answered.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: String,
    /// `Retry-After` in seconds, when the service asked for a pause.
    pub retry_after: Option<Duration>,
}

/// The result of handing a request to a transport.
#[derive(Debug)]
pub(crate) enum Exchange {
    Replied(Reply),
    /// Dry-run: printed, not sent.
    Printed,
}

/// Why a request got no complete reply, and what that means for resending it.
#[derive(Debug)]
pub(crate) struct NoReply(pub String, pub Fate);

pub(crate) trait Transport {
    fn send(&self, request: &HttpRequest) -> Result<Exchange, NoReply>;
    /// `--timeout`: how long one attempt may take, and the longest a run waits on another's token fetch.
    fn timeout(&self) -> Duration;
    /// True when requests are only printed: steps that would need a real reply (an access token) are skipped.
    fn is_dry_run(&self) -> bool {
        false
    }
}

/// Replies larger than this are cut: no notification API answers with more, and a runaway upstream must
/// not eat the memory of a cron host.
const MAX_REPLY_BYTES: usize = 1 << 20;

/// Sends over HTTP with one client per process, so the parts of a split message share one connection.
/// The requests run on the calling thread (`block_on` of a current-thread runtime): a send starts no
/// thread and waits on no other thread's wake-up. Threads that send at once (serve-ddns's delivery
/// and `/api/send`) share the runtime: one drives it, the others are woken as their replies come.
pub(crate) struct HttpTransport {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    printer: Printer,
    timeout: Duration,
}

impl HttpTransport {
    pub(crate) fn new(timeout: Duration, printer: Printer) -> Result<Self, Error> {
        let setup_failed = |e: &dyn std::fmt::Display| {
            Error::Config(format!("cannot set up the HTTP client: {e}"))
        };
        // reqwest's own TLS setup would read the system's CA store here, before the first request, even
        // for a plain-http URL; this one reads it on the first TLS handshake.
        let provider = Arc::new(crate::roots::provider());
        let mut tls = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| setup_failed(&e))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(SystemVerifier::new(provider)))
            .with_no_client_auth();
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| setup_failed(&e))?;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(timeout)
            // Connecting includes the TLS handshake. It ends a little before the attempt's deadline, so a
            // handshake that stalls is reported as what it is, a connection that never carried the
            // request (retried, and kept by --queue), rather than as a request that may have arrived.
            .connect_timeout(connect_timeout(timeout))
            .user_agent(concat!("sendmsg/", env!("CARGO_PKG_VERSION")))
            // An API call that answers with a redirect is misconfigured; following it could carry a POST
            // somewhere the user never named.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| setup_failed(&e))?;
        Ok(Self {
            runtime,
            client,
            printer,
            timeout,
        })
    }

    /// The process's one transport, set up on first use: every send of `send --via` and every serve-ddns
    /// notification shares its client (and so its connections and TLS setup). The timeout and printer of
    /// the first call hold for the process, whose global options do not change.
    pub(crate) fn shared(timeout: Duration, printer: Printer) -> Result<&'static Self, Error> {
        static SHARED: OnceLock<HttpTransport> = OnceLock::new();
        if let Some(transport) = SHARED.get() {
            return Ok(transport);
        }
        let transport = Self::new(timeout, printer)?;
        Ok(SHARED.get_or_init(|| transport))
    }
}

/// How long connecting (TCP and TLS) may take: at most 10 s, and always less than the whole attempt's
/// `timeout`, so that the connect phase, not the request, is what times out on a stalled handshake.
fn connect_timeout(timeout: Duration) -> Duration {
    timeout
        .saturating_sub(timeout.mul_f64(0.05).max(Duration::from_millis(20)))
        .max(Duration::from_millis(1))
        .min(Duration::from_secs(10))
}

/// Certificate verification against the system's roots (`crate::roots`), set up on the first handshake
/// that needs it: loading the roots is most of the CPU time of a cold HTTPS send, and a send over plain
/// HTTP (a loopback gateway, a proxy) needs none of it.
#[derive(Debug)]
struct SystemVerifier {
    provider: Arc<CryptoProvider>,
    verifier: OnceLock<Result<Arc<WebPkiServerVerifier>, rustls::Error>>,
}

impl SystemVerifier {
    fn new(provider: Arc<CryptoProvider>) -> Self {
        Self {
            provider,
            verifier: OnceLock::new(),
        }
    }

    fn get(&self) -> Result<&WebPkiServerVerifier, rustls::Error> {
        self.verifier
            .get_or_init(|| crate::roots::verifier(Arc::clone(&self.provider), &[]))
            .as_deref()
            .map_err(Clone::clone)
    }
}

impl ServerCertVerifier for SystemVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.get()?
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.get()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.get()?.verify_tls13_signature(message, cert, dss)
    }

    /// Asked for every ClientHello: answered from the provider, without loading the roots.
    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: &HttpRequest) -> Result<Exchange, NoReply> {
        let started = Instant::now();
        let log = |outcome: &str| {
            self.printer.verbose(&format!(
                "{}: {} {} -> {outcome} ({} ms)",
                request.channel,
                request.method.as_str(),
                request.shown_url(),
                started.elapsed().as_millis()
            ));
        };
        let result = self.exchange(request, started);
        match &result {
            Ok(reply) => log(&format!("HTTP {}", reply.status)),
            Err(NoReply(reason, _)) => log(reason),
        }
        result.map(Exchange::Replied)
    }

    fn timeout(&self) -> Duration {
        self.timeout
    }
}

impl HttpTransport {
    /// One attempt under one deadline: reqwest's per-request timeout runs from connecting until the
    /// body has finished, so a reply that dribbles in a byte a second is cut off at `--timeout` too.
    fn exchange(&self, request: &HttpRequest, started: Instant) -> Result<Reply, NoReply> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Head => reqwest::Method::HEAD,
        };
        let mut builder = self
            .client
            .request(method, request.wire_url())
            .timeout(self.timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_ref(), value.expose());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        } else if let Some(form) = multipart(request) {
            builder = builder.multipart(form);
        }
        self.runtime.block_on(async {
            let mut response = builder
                .send()
                .await
                .map_err(|e| self.no_reply(&e, request, started))?;
            let status = response.status().as_u16();
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let mut bytes = Vec::new();
            while bytes.len() < MAX_REPLY_BYTES {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = MAX_REPLY_BYTES - bytes.len();
                        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    }
                    Ok(None) => break,
                    Err(e) => return Err(self.body_failed(&e, request, status, started)),
                }
            }
            Ok(Reply {
                status,
                body: String::from_utf8_lossy(&bytes).into_owned(),
                retry_after,
            })
        })
    }

    /// A reply whose body did not arrive whole: past the deadline it may still have been delivered
    /// (exit 4); closed mid-body, it was cut short (exit 1).
    fn body_failed(
        &self,
        err: &reqwest::Error,
        request: &HttpRequest,
        status: u16,
        started: Instant,
    ) -> NoReply {
        if started.elapsed() >= self.timeout || err.is_timeout() {
            NoReply(
                format!(
                    "{}: {} (HTTP {status} came, its body was still arriving)",
                    request_host(request),
                    self.timed_out()
                ),
                Fate::MaybeDelivered,
            )
        } else {
            NoReply(
                format!(
                    "{}: HTTP {status} reply cut short: {}",
                    request_host(request),
                    innermost(err)
                ),
                Fate::CutShort,
            )
        }
    }

    fn timed_out(&self) -> String {
        format!("timed out after {}s", self.timeout.as_secs_f64())
    }

    /// reqwest's own messages include the URL, and so the token in it: describe the failure without it,
    /// and say whether the request can have reached the service.
    fn no_reply(&self, err: &reqwest::Error, request: &HttpRequest, started: Instant) -> NoReply {
        let host = request_host(request);
        if let Some(reason) = untrusted_certificate(err) {
            return NoReply(
                format!(
                    "the TLS certificate of {host} is not trusted ({reason}); not retried: fix the URL, \
                     or the CA certificates this machine trusts (SSL_CERT_FILE)"
                ),
                Fate::Refused,
            );
        }
        if let Some(no_roots) =
            causes(err).find_map(|c| c.downcast_ref::<rustls::Error>().and_then(NoRoots::within))
        {
            return NoReply(
                format!("cannot verify the TLS certificate of {host}: {no_roots}"),
                Fate::Refused,
            );
        }
        let detail = innermost(err);
        if err.is_connect() {
            let what = if err.is_timeout() {
                self.timed_out()
            } else {
                detail
            };
            return NoReply(format!("cannot connect to {host}: {what}"), Fate::NeverSent);
        }
        let what = if err.is_timeout() || started.elapsed() >= self.timeout {
            self.timed_out()
        } else {
            format!("no reply: {detail}")
        };
        NoReply(format!("{host}: {what}"), Fate::MaybeDelivered)
    }
}

/// `host:port` of a request, for messages.
fn request_host(request: &HttpRequest) -> String {
    let rest = request
        .url
        .split_once("://")
        .map_or(request.url.as_str(), |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    match (
        host.contains(':') && !host.ends_with(']'),
        request.url.starts_with("https"),
    ) {
        (true, _) => host.to_owned(),
        (false, true) => format!("{host}:443"),
        (false, false) => format!("{host}:80"),
    }
}

/// The innermost cause of an error: the one that says what happened.
fn innermost(err: &(dyn std::error::Error + 'static)) -> String {
    let mut detail = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        detail = cause.to_string();
        source = cause.source();
    }
    detail
}

/// Every error in the chain, looking inside `io::Error`s too (their `source` skips the wrapped error).
fn causes<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    let mut next = Some(err);
    std::iter::from_fn(move || {
        let current = next?;
        next = current
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|inner| inner as &(dyn std::error::Error + 'static))
            .or_else(|| current.source());
        Some(current)
    })
}

/// Why the server's certificate was refused, when that is what failed: a configuration error that no
/// retry can fix, unlike a handshake cut short by the network.
fn untrusted_certificate(err: &reqwest::Error) -> Option<String> {
    causes(err).find_map(|cause| match cause.downcast_ref::<rustls::Error>()? {
        e @ (rustls::Error::InvalidCertificate(_)
        | rustls::Error::NoCertificatesPresented
        | rustls::Error::UnsupportedNameType) => Some(e.to_string()),
        _ => None,
    })
}

/// The form of an upload (`Carry::Multipart`): its text fields, then the file as
/// `application/octet-stream` under its own name.
fn multipart(request: &HttpRequest) -> Option<reqwest::multipart::Form> {
    let crate::request::Carried {
        media,
        how: crate::request::Carry::Multipart { fields, field },
    } = request.file.as_ref()?
    else {
        return None;
    };
    let part =
        || reqwest::multipart::Part::bytes(media.bytes.clone()).file_name(media.name.clone());
    let file = part()
        .mime_str("application/octet-stream")
        .unwrap_or_else(|_| part());
    let form = fields
        .iter()
        .fold(reqwest::multipart::Form::new(), |form, (name, value)| {
            form.text(*name, value.clone())
        });
    Some(form.part(*field, file))
}

/// Prints each request as the contract's dry-run line and sends nothing.
pub(crate) struct DryRun {
    pub printer: Printer,
    /// The named target, shown as `"target":"ops"`.
    pub target: Option<&'static str>,
}

impl Transport for DryRun {
    fn send(&self, request: &HttpRequest) -> Result<Exchange, NoReply> {
        self.printer
            .dry_run(&with_target(request.dry_run_line(), self.target));
        Ok(Exchange::Printed)
    }

    fn is_dry_run(&self) -> bool {
        true
    }

    fn timeout(&self) -> Duration {
        Duration::ZERO
    }
}

/// A dry-run line (`{"channel":"ding",…}`) with `"target":"ops"` after the channel, for a named target.
pub(crate) fn with_target(line: String, target: Option<&str>) -> String {
    let Some(target) = target else {
        return line;
    };
    let named = serde_json::to_string(target).unwrap_or_default();
    // Every dry-run line starts with its channel's name, a plain word.
    match line
        .find("\",")
        .filter(|_| line.starts_with("{\"channel\":\""))
    {
        Some(end) => format!("{},\"target\":{named}{}", &line[..=end], &line[end + 1..]),
        None => line,
    }
}

/// How an attempt ended, as far as retrying is concerned.
#[derive(Debug)]
pub(crate) enum Attempt<T> {
    Done(T),
    /// Worth another try: connect error, timeout, 5xx, 429, a busy code.
    Transient {
        reason: String,
        retry_after: Option<Duration>,
    },
}

/// `--retries` with exponential backoff and jitter. Permanent errors pass straight through.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    pub retries: u32,
    pub base_delay: Duration,
    /// The longest single wait, even when a service asks for more with `Retry-After`.
    pub max_delay: Duration,
}

impl RetryPolicy {
    pub(crate) fn new(retries: u32) -> Self {
        Self {
            retries,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }

    /// Runs `attempt` until it is done, fails permanently, or the retries are spent.
    pub(crate) fn run<T>(
        &self,
        channel: &'static str,
        printer: Printer,
        mut attempt: impl FnMut() -> Result<Attempt<T>, Error>,
    ) -> Result<T, Error> {
        let mut tries = 0;
        loop {
            match attempt()? {
                Attempt::Done(value) => return Ok(value),
                Attempt::Transient {
                    reason,
                    retry_after,
                } => {
                    // A stop was asked for (SIGTERM in a flush or a server): no new try begins.
                    let stopping = crate::stop::requested();
                    if tries >= self.retries || stopping {
                        let message = match tries {
                            _ if stopping && tries < self.retries => {
                                format!("{reason} (not retried: stopping)")
                            }
                            0 => reason,
                            n => format!("{reason} (gave up after {} attempts)", n + 1),
                        };
                        return Err(Error::Transient {
                            channel,
                            message,
                            part: None,
                            // Only what cannot have reached the service is retried.
                            fate: Fate::NeverSent,
                        });
                    }
                    let delay = self.delay(tries, retry_after);
                    tries += 1;
                    printer.verbose(&format!(
                        "{channel}: {reason}; retry {tries}/{} in {} ms",
                        self.retries,
                        delay.as_millis()
                    ));
                    std::thread::sleep(delay);
                }
            }
        }
    }

    fn delay(&self, tries: u32, retry_after: Option<Duration>) -> Duration {
        let backoff = self.base_delay.saturating_mul(1 << tries.min(16));
        let jittered = backoff + backoff.mul_f64(crate::random::fraction() / 2.0);
        retry_after.unwrap_or(jittered).min(self.max_delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn quick(retries: u32) -> RetryPolicy {
        RetryPolicy {
            retries,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        }
    }

    #[test]
    fn transient_failures_are_retried_until_success() {
        let calls = Cell::new(0);
        let result = quick(2).run("t", Printer::default(), || {
            calls.set(calls.get() + 1);
            Ok(if calls.get() < 3 {
                Attempt::Transient {
                    reason: "HTTP 503".into(),
                    retry_after: None,
                }
            } else {
                Attempt::Done("ok")
            })
        });
        assert_eq!(result.ok(), Some("ok"));
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn retries_are_bounded_and_end_in_exit_4() {
        let calls = Cell::new(0);
        let result: Result<(), Error> = quick(2).run("t", Printer::default(), || {
            calls.set(calls.get() + 1);
            Ok(Attempt::Transient {
                reason: "HTTP 503".into(),
                retry_after: None,
            })
        });
        assert_eq!(calls.get(), 3);
        let err = result.err();
        assert_eq!(
            err.as_ref().map(Error::exit),
            Some(crate::error::Exit::Transient)
        );
        assert!(err.as_ref().is_some_and(Error::never_sent));
        assert!(err.is_some_and(|e| e.to_string().contains("gave up after 3 attempts")));
    }

    #[test]
    fn permanent_errors_are_never_retried() {
        let calls = Cell::new(0);
        let result: Result<(), Error> = quick(5).run("t", Printer::default(), || {
            calls.set(calls.get() + 1);
            Err(Error::BadInput("no".into()))
        });
        assert_eq!(calls.get(), 1);
        assert!(result.is_err());
    }

    #[test]
    fn backoff_grows_and_respects_the_cap() {
        let policy = RetryPolicy::new(5);
        let first = policy.delay(0, None);
        assert!(first >= Duration::from_millis(250) && first < Duration::from_millis(375));
        let third = policy.delay(2, None);
        assert!(third >= Duration::from_secs(1) && third < Duration::from_millis(1500));
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(120))),
            Duration::from_secs(10)
        );
        assert_eq!(policy.delay(10, None), Duration::from_secs(10));
    }
}
