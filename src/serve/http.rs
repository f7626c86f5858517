//! The connections, served by hyper on the tokio runtime. Each connection is a task that costs nothing while
//! it waits, so clients that send nothing, or a byte now and then, hold up nobody: hyper gives a request
//! head [`Limits::head`] to arrive (which also ends an idle keep-alive connection), a body gets
//! [`Limits::body`], and at most [`Limits::max_connections`] are open at once.

use super::App;
use super::routes::{Incoming, Reply};
use crate::error::Error;
use crate::output::Printer;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming as Body};
use hyper::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::convert::Infallible;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::task::Poll;
use std::time::{Duration, Instant};

/// Bodies larger than this get 413 (the contract's 64 KiB; `serve`'s routes take more).
pub(crate) const MAX_BODY: usize = 64 * 1024;
/// A connection is closed after this many requests, so none is held forever.
pub(crate) const MAX_REQUESTS_PER_CONNECTION: u32 = 1000;
/// Connections past the limit that are still being told 503; beyond this they are just closed.
const MAX_REFUSING: usize = 256;
/// How long after the stop signal the requests in flight may take.
const STOP_GRACE: Duration = Duration::from_secs(30);

/// What a client may cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// A request head must arrive within it.
    pub head: Duration,
    /// A request body must arrive within it (408).
    pub body: Duration,
    pub max_connections: usize,
}

impl Limits {
    pub(crate) const HEAD: Duration = Duration::from_secs(10);
    pub(crate) const BODY: Duration = Duration::from_secs(30);
    pub(crate) const MAX_CONNECTIONS: usize = 1024;
}

/// A line that is said at most once a second; the repeats in between are counted into the next one.
#[derive(Default)]
struct Throttled {
    state: Mutex<(Option<Instant>, u64)>,
}

impl Throttled {
    fn note(&self, printer: Printer, line: impl FnOnce() -> String) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (last, skipped) = &mut *state;
        if last.is_some_and(|at| at.elapsed() < Duration::from_secs(1)) {
            *skipped += 1;
            return;
        }
        let more = if *skipped > 0 {
            format!(" (and {skipped} more since the last such line)")
        } else {
            String::new()
        };
        printer.note(&format!("{}{more}", line()));
        *last = Some(Instant::now());
        *skipped = 0;
    }
}

/// The connection bookkeeping of one server.
struct Gate {
    limits: Limits,
    open: AtomicUsize,
    refusing: AtomicUsize,
    busy_log: Throttled,
    timeout_log: Throttled,
    printer: Printer,
}

/// Counts an open connection for as long as it lives.
struct Open(Arc<Gate>);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// SIGINT or SIGTERM, as a future; registered at once.
pub(crate) fn stop_signal() -> Result<impl Future<Output = ()>, Error> {
    use tokio::signal::unix::{SignalKind, signal};
    let register = |kind| {
        signal(kind).map_err(|e| Error::Config(format!("serve-ddns: cannot handle signals: {e}")))
    };
    let mut term = register(SignalKind::terminate())?;
    let mut int = register(SignalKind::interrupt())?;
    Ok(async move {
        let _ = first(pin!(term.recv()), pin!(int.recv())).await;
        // The delivery thread finishes its try and claims nothing more; no retry begins.
        crate::stop::request();
    })
}

/// Which of two futures finished first.
enum Either<A, B> {
    Left(A),
    Right(B),
}

async fn first<A: Future, B: Future>(
    mut a: Pin<&mut A>,
    mut b: Pin<&mut B>,
) -> Either<A::Output, B::Output> {
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = a.as_mut().poll(cx) {
            return Poll::Ready(Either::Left(out));
        }
        b.as_mut().poll(cx).map(Either::Right)
    })
    .await
}

/// Accepts connections until `stop`, then lets the requests in flight finish (idle connections close).
pub(super) async fn serve(
    app: Arc<App>,
    listener: tokio::net::TcpListener,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let gate = Arc::new(Gate {
        limits,
        open: AtomicUsize::new(0),
        refusing: AtomicUsize::new(0),
        busy_log: Throttled::default(),
        timeout_log: Throttled::default(),
        printer: app.printer,
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head)
        .keep_alive(true);
    let graceful = GracefulShutdown::new();
    let mut stop = pin!(stop);
    loop {
        let accepted = match first(pin!(listener.accept()), stop.as_mut()).await {
            Either::Left(accepted) => accepted,
            Either::Right(()) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: keep serving the connections already open.
            Err(e) => {
                gate.busy_log
                    .note(gate.printer, || format!("serve-ddns: accept failed: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        if gate.open.fetch_add(1, Ordering::SeqCst) >= limits.max_connections {
            gate.open.fetch_sub(1, Ordering::SeqCst);
            refuse(&gate, stream);
            continue;
        }
        let open = Open(Arc::clone(&gate));
        let served = Arc::new(AtomicU32::new(0));
        let service = {
            let (app, gate) = (Arc::clone(&app), Arc::clone(&gate));
            service_fn(move |request| {
                let (app, gate, served) =
                    (Arc::clone(&app), Arc::clone(&gate), Arc::clone(&served));
                async move { Ok::<_, Infallible>(respond(&app, &gate, &served, request).await) }
            })
        };
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await
                && e.is_timeout()
            {
                let gate = &open.0;
                gate.timeout_log.note(gate.printer, || {
                    format!(
                        "- - 408 closed: no request head within {}s",
                        gate.limits.head.as_secs()
                    )
                });
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, graceful.shutdown()).await;
}

/// Past `--max-connections`: a 503 (as hyper writes it, once the client's request head is in) and the
/// connection closed. Only a bounded number are told so at a time; the rest are closed at once.
fn refuse(gate: &Arc<Gate>, stream: tokio::net::TcpStream) {
    let limit = gate.limits.max_connections;
    gate.busy_log.note(gate.printer, || {
        format!("- - 503 0ms (refused: {limit} connections are open, the --max-connections limit)")
    });
    if gate.refusing.fetch_add(1, Ordering::SeqCst) >= MAX_REFUSING {
        gate.refusing.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let gate = Arc::clone(gate);
    tokio::spawn(async move {
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(Duration::from_secs(1))
            .keep_alive(false);
        let busy = service_fn(|_request| async {
            let reply = Reply::text(503, "busy: too many connections, try again");
            Ok::<_, Infallible>(response(reply, true))
        });
        let _ = tokio::time::timeout(
            Duration::from_secs(2),
            builder.serve_connection(TokioIo::new(stream), busy),
        )
        .await;
        gate.refusing.fetch_sub(1, Ordering::SeqCst);
    });
}

/// One request: its body read within the limits, its answer, its log line.
async fn respond(
    app: &Arc<App>,
    gate: &Gate,
    served: &AtomicU32,
    request: Request<Body>,
) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let count = served.fetch_add(1, Ordering::SeqCst) + 1;
    let method = request.method().as_str().to_owned();
    let target = request.uri().path_and_query().map_or_else(
        || request.uri().path().to_owned(),
        |p| p.as_str().to_owned(),
    );
    let mut close = count >= MAX_REQUESTS_PER_CONNECTION || wants_close(&request);
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            (name.as_str().to_owned(), value)
        })
        .collect();
    let limit = app.body_limit(request.uri().path());
    let reply = match read_body(request, gate.limits.body, limit).await {
        Ok(body) => {
            let incoming = Incoming {
                method: &method,
                target: &target,
                headers: &headers,
                body: &body,
            };
            app.answer(&incoming).await
        }
        // What follows a refused body cannot be trusted as the next request's head.
        Err(reply) => {
            close = true;
            reply
        }
    };
    let line = || {
        format!(
            "{method} {} {} {}ms",
            loggable(&target),
            reply.status,
            started.elapsed().as_millis()
        )
    };
    if reply.status == 408 {
        gate.timeout_log.note(gate.printer, line);
    } else {
        gate.printer.note(&line());
    }
    response(reply, close)
}

/// `Connection: close`, or HTTP/1.0 without `Connection: keep-alive`.
fn wants_close(request: &Request<Body>) -> bool {
    let connection = request
        .headers()
        .get(CONNECTION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    connection.contains("close")
        || (request.version() == Version::HTTP_10 && !connection.contains("keep-alive"))
}

/// The body, up to `limit` bytes and within `deadline`; a declared length over the cap is refused before a
/// byte of it is read.
async fn read_body(
    request: Request<Body>,
    deadline: Duration,
    limit: usize,
) -> Result<Vec<u8>, Reply> {
    let too_large = || Reply::text(413, format!("the body is over {} KiB", limit / 1024));
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let body = Limited::new(request.into_body(), limit);
    match tokio::time::timeout(deadline, body.collect()).await {
        Err(_) => Err(Reply::text(
            408,
            format!("the body did not arrive within {}s", deadline.as_secs()),
        )),
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(e)) => Err(Reply::text(400, format!("cannot read the body: {e}"))),
    }
}

fn response(reply: Reply, close: bool) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(reply.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    headers.insert(
        CONNECTION,
        HeaderValue::from_static(if close { "close" } else { "keep-alive" }),
    );
    for (name, value) in reply.headers {
        if let Ok(name) = HeaderName::from_bytes(name.as_bytes()) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// The path for the log: never the query (it may hold the token), printable, bounded.
fn loggable(target: &str) -> String {
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    crate::secret::redact(path)
        .chars()
        .take(128)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
