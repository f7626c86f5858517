//! Keep-alive connections between requests. A worker that has answered parks the connection here instead of
//! waiting on it; one thread watches every parked connection (epoll through `mio`) and hands it back to the
//! workers' queue as soon as its next request arrives. So a few workers serve many keep-alive clients, and
//! an idle client holds a file descriptor, never a worker. A connection idle for [`IDLE_TIMEOUT`] is closed.

use super::http::Connection;
use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token, Waker};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel};
use std::time::{Duration, Instant};

/// How long a keep-alive connection may wait for its next request.
pub(crate) const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Parked connections beyond this are closed after their reply instead: each holds a file descriptor.
pub(crate) const MAX_PARKED: usize = 512;

/// How often parked connections are checked for [`IDLE_TIMEOUT`].
const SWEEP_EVERY: Duration = Duration::from_secs(5);
const WAKER: Token = Token(usize::MAX);

/// The workers' side: parks connections and stops the watcher.
#[derive(Clone)]
pub(crate) struct Parking {
    parked: Arc<AtomicUsize>,
    stopping: Arc<AtomicBool>,
    to_watcher: Sender<Connection>,
    waker: Arc<Waker>,
}

/// The watcher's side, run on its own thread by [`Watcher::run`].
pub(crate) struct Watcher {
    poll: Poll,
    parked: Arc<AtomicUsize>,
    stopping: Arc<AtomicBool>,
    arrivals: Receiver<Connection>,
}

/// A parked connection: the socket as `mio` watches it, and what the worker knew about it.
struct Parked {
    stream: TcpStream,
    unread: Vec<u8>,
    served: u32,
    since: Instant,
}

/// Sets up the watcher and the handle workers park connections with.
pub(crate) fn new() -> std::io::Result<(Parking, Watcher)> {
    let poll = Poll::new()?;
    let waker = Arc::new(Waker::new(poll.registry(), WAKER)?);
    let (to_watcher, arrivals) = channel();
    let parked = Arc::new(AtomicUsize::new(0));
    let stopping = Arc::new(AtomicBool::new(false));
    let parking = Parking {
        parked: Arc::clone(&parked),
        stopping: Arc::clone(&stopping),
        to_watcher,
        waker,
    };
    let watcher = Watcher {
        poll,
        parked,
        stopping,
        arrivals,
    };
    Ok((parking, watcher))
}

impl Parking {
    /// Whether a connection may stay open after this reply: not while stopping, nor when too many wait.
    pub(crate) fn has_room(&self) -> bool {
        !self.stopping.load(Ordering::SeqCst) && self.parked.load(Ordering::SeqCst) < MAX_PARKED
    }

    /// Hands an answered keep-alive connection to the watcher (or closes it, when the watcher is gone).
    pub(crate) fn park(&self, connection: Connection) {
        self.parked.fetch_add(1, Ordering::SeqCst);
        if self.to_watcher.send(connection).is_err() || self.waker.wake().is_err() {
            self.parked.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Makes the watcher close every parked connection and return.
    pub(crate) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = self.waker.wake();
    }
}

impl Watcher {
    /// Watches parked connections until [`Parking::stop`], sending each one whose next request arrives to
    /// `ready` (waiting for room there: the workers are the bottleneck then, and the parked clients wait).
    pub(crate) fn run(mut self, ready: SyncSender<Connection>) {
        let mut events = Events::with_capacity(256);
        let mut parked: HashMap<usize, Parked> = HashMap::new();
        let mut next_token = 0usize;
        let mut next_sweep = Instant::now() + SWEEP_EVERY;
        while !self.stopping.load(Ordering::SeqCst) {
            let wait = next_sweep.saturating_duration_since(Instant::now());
            if let Err(e) = self.poll.poll(&mut events, Some(wait))
                && e.kind() != std::io::ErrorKind::Interrupted
            {
                break;
            }
            for event in &events {
                if event.token() == WAKER {
                    continue;
                }
                let Some(mut entry) = parked.remove(&event.token().0) else {
                    continue;
                };
                self.parked.fetch_sub(1, Ordering::SeqCst);
                let _ = self.poll.registry().deregister(&mut entry.stream);
                let stream = std::net::TcpStream::from(entry.stream);
                let connection = Connection {
                    stream,
                    unread: entry.unread,
                    served: entry.served,
                };
                if ready.send(connection).is_err() {
                    return;
                }
            }
            // Newly parked connections (after the events: a token is never reused while its entry lives).
            while let Ok(connection) = self.arrivals.try_recv() {
                // Left in blocking mode: mio only watches it (never reads), and the worker reads it blocking.
                let mut stream = TcpStream::from_std(connection.stream);
                next_token = (next_token + 1) % WAKER.0;
                let token = Token(next_token);
                if self
                    .poll
                    .registry()
                    .register(&mut stream, token, Interest::READABLE)
                    .is_err()
                {
                    self.parked.fetch_sub(1, Ordering::SeqCst);
                    continue;
                }
                parked.insert(
                    token.0,
                    Parked {
                        stream,
                        unread: connection.unread,
                        served: connection.served,
                        since: Instant::now(),
                    },
                );
            }
            let now = Instant::now();
            if now >= next_sweep {
                let before = parked.len();
                parked.retain(|_, p| now.duration_since(p.since) < IDLE_TIMEOUT);
                self.parked
                    .fetch_sub(before - parked.len(), Ordering::SeqCst);
                next_sweep = now + SWEEP_EVERY;
            }
        }
    }
}
