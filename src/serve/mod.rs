//! `sendmsg serve-ddns`: the ddns-go webhook listener. This module owns the running server — the accept
//! loop, a fixed pool of workers, the stop on SIGINT/SIGTERM and the request log; `http` reads and writes
//! the wire, `idle` holds keep-alive connections between requests, `routes` decides what a request means,
//! `store` keeps the addresses durably.

pub mod http;
pub mod idle;
pub mod routes;
pub mod store;

use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::output::Printer;
use crate::secret::Secret;
use http::Connection;
use routes::{Incoming, Intent, Notified, Reply};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TrySendError, sync_channel};
use std::sync::{Mutex, PoisonError};
use std::time::{Instant, SystemTime};
use store::{RecordError, Store, Update};

/// Accepted connections waiting for a worker; beyond this a client gets 503 at once.
const QUEUE: usize = 64;

/// The listener's settings, resolved and validated by `config::serve_ddns`.
#[derive(Debug)]
pub struct Settings {
    pub listen: Vec<SocketAddr>,
    pub store: PathBuf,
    pub token: Option<Secret>,
    /// The notify channel and its fallbacks, in order; empty is `--notify none`.
    pub notify: Vec<String>,
    pub workers: usize,
}

/// What every worker shares.
struct Server<'a> {
    store: Store,
    token: Option<Secret>,
    notify: Vec<String>,
    global: &'a GlobalArgs,
    printer: Printer,
}

/// Runs until SIGINT or SIGTERM, then finishes the requests in flight and returns.
pub fn run(settings: Settings, global: &GlobalArgs, printer: Printer) -> Result<(), Error> {
    let store = Store::open(&settings.store)?;
    // Registered before listening, so a stop signal is never lost to the default handler.
    let mut signals = Signals::new([SIGINT, SIGTERM])
        .map_err(|e| Error::Config(format!("serve-ddns: cannot handle signals: {e}")))?;
    let listener = TcpListener::bind(&settings.listen[..]).map_err(|e| {
        Error::Config(format!(
            "serve-ddns: cannot listen on {}: {e}",
            settings.listen[0]
        ))
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Config(format!("serve-ddns: {e}")))?;
    printer.note(&format!(
        "serve-ddns: listening on http://{local} (store {}, notify {})",
        store.path().display(),
        if settings.notify.is_empty() {
            "none".to_owned()
        } else {
            settings.notify.join(", then ")
        }
    ));
    let server = Server {
        store,
        token: settings.token,
        notify: settings.notify,
        global,
        printer,
    };
    let stopping = AtomicBool::new(false);
    let (queue, waiting) = sync_channel::<Connection>(QUEUE);
    let waiting = Mutex::new(waiting);
    let (parking, watcher) =
        idle::new().map_err(|e| Error::Config(format!("serve-ddns: cannot poll: {e}")))?;
    let handle = signals.handle();
    std::thread::scope(|scope| {
        let ready = queue.clone();
        scope.spawn(move || watcher.run(ready));
        for _ in 0..settings.workers {
            scope.spawn(|| work(&waiting, &server, &parking));
        }
        scope.spawn(|| {
            if signals.forever().next().is_some() {
                stopping.store(true, Ordering::SeqCst);
                wake(local);
            }
        });
        for connection in listener.incoming() {
            if stopping.load(Ordering::SeqCst) {
                break;
            }
            match connection {
                Ok(stream) => {
                    if let Err(TrySendError::Full(mut busy)) =
                        queue.try_send(Connection::new(stream))
                    {
                        let reply = Reply::text(503, "busy: try again");
                        http::write_reply(&mut busy.stream, &reply, false, false);
                        printer.note("- - 503 0ms (all workers busy)");
                    }
                }
                // Out of file descriptors and the like: keep serving the connections already open.
                Err(e) => {
                    printer.note(&format!("serve-ddns: accept failed: {e}"));
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            }
        }
        // Parked connections close; workers finish what is queued, then see the closed queue and return.
        parking.stop();
        drop(queue);
        handle.close();
    });
    printer.note("serve-ddns: stopped");
    Ok(())
}

/// Unblocks the accept loop with a connection of our own.
fn wake(local: SocketAddr) {
    let mut target = local;
    if target.ip().is_unspecified() {
        target.set_ip(match target.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        });
    }
    let _ = TcpStream::connect_timeout(&target, std::time::Duration::from_secs(1));
}

fn work(waiting: &Mutex<Receiver<Connection>>, server: &Server, parking: &idle::Parking) {
    loop {
        let next = waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .recv();
        let Ok(mut connection) = next else {
            return;
        };
        // A pipelined request is answered at once; otherwise the connection waits for its next one parked.
        while serve_request(&mut connection, server, parking) {
            if connection.unread.is_empty() {
                parking.park(connection);
                break;
            }
        }
    }
}

/// Answers the connection's next request; true when the connection stays open for another.
fn serve_request(connection: &mut Connection, server: &Server, parking: &idle::Parking) -> bool {
    let started = Instant::now();
    let mut keep_alive = false;
    let (method, path, reply) = match http::read_request(connection) {
        Ok(request) => {
            connection.served += 1;
            keep_alive = request.keep_alive
                && connection.served < http::MAX_REQUESTS_PER_CONNECTION
                && parking.has_room();
            let incoming = Incoming {
                method: &request.method,
                target: &request.target,
                headers: &request.headers,
                body: &request.body,
            };
            let reply = server.handle(&incoming);
            (request.method.clone(), loggable(&request.target), reply)
        }
        Err(http::ReadError::Silent) => return false,
        Err(http::ReadError::Reply(reply, head)) => {
            let (method, target) = head.unwrap_or_else(|| ("-".to_owned(), "-".to_owned()));
            (method, loggable(&target), reply)
        }
    };
    http::write_reply(&mut connection.stream, &reply, method == "HEAD", keep_alive);
    server.printer.note(&format!(
        "{method} {path} {} {}ms",
        reply.status,
        started.elapsed().as_millis()
    ));
    keep_alive
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

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Server<'_> {
    fn handle(&self, request: &Incoming) -> Reply {
        match routes::route(request, self.token.as_ref()) {
            Err(reply) => reply,
            Ok(Intent::Health) => Reply::text(200, "ok"),
            Ok(Intent::Show { user, json }) => {
                routes::show(&user, self.store.get(&user).as_ref(), json)
            }
            Ok(Intent::Send(text)) => routes::sent(&self.notify(Some(&text))),
            Ok(Intent::Record(update)) => self.record(&update),
        }
    }

    /// Stores first, then notifies: a failed notification never loses an address.
    fn record(&self, update: &Update) -> Reply {
        if routes::is_test_event(update) {
            let notified = self.notify(Some(&routes::test_notification(update)));
            return routes::test_acknowledged(&update.user, &notified);
        }
        let changes = match self.store.record(update, unix_now()) {
            Ok(changes) => changes,
            Err(RecordError::Full) => {
                return Reply::text(
                    507,
                    format!("the store is full ({} users)", store::MAX_USERS),
                );
            }
            Err(RecordError::Io(e)) => {
                self.printer.note(&format!(
                    "serve-ddns: error: cannot save {}: {e}",
                    self.store.path().display()
                ));
                return Reply::text(500, format!("not recorded: cannot save the store: {e}"));
            }
        };
        let text = routes::notification(&update.user, &changes);
        let notified = self.notify(text.as_deref());
        routes::recorded(&update.user, &changes, &notified)
    }

    /// Sends `text` (if any) through the notify channel, exactly as `sendmsg CHANNEL -- TEXT` would; when
    /// it fails, through each fallback in turn until one takes it.
    fn notify(&self, text: Option<&str>) -> Notified {
        let Some(text) = text else {
            return Notified::NotNeeded;
        };
        if self.notify.is_empty() {
            return Notified::Off;
        }
        let mut failed: Vec<(String, String)> = Vec::new();
        for channel in &self.notify {
            match crate::send_via(channel, text, self.global, self.printer) {
                Ok(()) => {
                    return Notified::Sent {
                        channel: channel.clone(),
                        failed,
                    };
                }
                Err(err) => {
                    self.printer.error(&err);
                    failed.push((channel.clone(), crate::secret::redact(&err.to_string())));
                }
            }
        }
        Notified::Failed(failed)
    }
}
