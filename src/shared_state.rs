//! `SENDMSG_STATE=redis://[:PASSWORD@]HOST:PORT[/DB]` (`rediss://` for TLS): the state that a fleet of hosts shares in Redis
//! instead of each host's files: the access-token cache, the `--limit`/`--dedupe` ledger and the pace
//! book. Without the variable nothing here runs: no connection, no start-up work.
//!
//! Each shared document is read, changed and written back under a lock key taken with `SET NX PX` (a
//! lease, so a process that dies holds nothing for long) and released only by its holder (a compare and
//! delete in Lua), so concurrent processes on many hosts agree. Every command is bounded by `--timeout`;
//! when Redis cannot be reached or fails, the run says so once and goes on with its local files: an alert
//! is not lost because the book-keeping is away.

mod tls;

use crate::output::Printer;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The variable that names the shared state.
pub(crate) const VAR: &str = "SENDMSG_STATE";

/// Every key sendmsg writes starts with this.
const PREFIX: &str = "sendmsg:";

/// How long a document's lock lasts if its holder dies before releasing it.
const LOCK_LEASE: Duration = Duration::from_secs(5);

/// The connection, made at the first use in a process that has `SENDMSG_STATE`.
pub(crate) struct Shared {
    connection: Mutex<redis::Connection>,
    /// `HOST:PORT` for messages (never the password).
    shown: String,
    /// The key of the pace book's fingerprints, shared by every host.
    key: OnceLock<String>,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "redis at {}", self.shown)
    }
}

static SHARED: OnceLock<Option<Shared>> = OnceLock::new();
static TIMEOUT: OnceLock<Duration> = OnceLock::new();
/// Set after the first failure: the rest of the run uses local state, and warns only once.
static DOWN: AtomicBool = AtomicBool::new(false);

/// `--timeout`: what bounds the connection and every command. Set once, before the first use.
pub(crate) fn set_timeout(timeout: Duration) {
    let _ = TIMEOUT.set(timeout);
}

fn timeout() -> Duration {
    TIMEOUT.get().copied().unwrap_or(Duration::from_secs(15))
}

/// The URL's password, registered for redaction like every other secret.
pub(crate) fn register_secret() {
    if let Ok(url) = std::env::var(VAR) {
        crate::secret::register_url(&url);
    }
}

/// The shared state, when `SENDMSG_STATE` names one that answers; `None` otherwise (the first failure
/// warned about).
pub(crate) fn get(printer: Printer) -> Option<&'static Shared> {
    if DOWN.load(Ordering::Relaxed) {
        return None;
    }
    let shared = SHARED.get_or_init(|| {
        let url = std::env::var(VAR).ok().filter(|u| !u.trim().is_empty())?;
        match connect(url.trim()) {
            Ok(shared) => Some(shared),
            Err(e) => {
                warn(printer, &e);
                None
            }
        }
    });
    shared.as_ref()
}

fn warn(printer: Printer, what: &str) {
    if !DOWN.swap(true, Ordering::Relaxed) {
        printer.note(&format!(
            "warning: {VAR}: {what}; going on with local state"
        ));
    }
}

fn connect(url: &str) -> Result<Shared, String> {
    let tls = url.starts_with("rediss://");
    // rediss:// is read as redis:// and then reached through the TLS relay (`tls`).
    let plain = match url.strip_prefix("rediss://") {
        Some(rest) => format!("redis://{rest}"),
        None => url.to_owned(),
    };
    let mut info = redis::IntoConnectionInfo::into_connection_info(plain.as_str())
        .map_err(|e| format!("{}: {e}", shown_url(url)))?;
    let shown = match info.addr() {
        redis::ConnectionAddr::Tcp(host, port) => format!("{host}:{port}"),
        other => other.to_string(),
    };
    if tls {
        let redis::ConnectionAddr::Tcp(host, port) = info.addr().clone() else {
            return Err(format!(
                "{}: rediss:// needs a host and port",
                shown_url(url)
            ));
        };
        let socket =
            tls::relay(&host, port, timeout()).map_err(|e| format!("redis at {shown}: {e}"))?;
        info = info.set_addr(redis::ConnectionAddr::Unix(socket));
    }
    let client = redis::Client::open(info).map_err(|e| format!("{}: {e}", shown_url(url)))?;
    let fail = |e: redis::RedisError| format!("redis at {shown}: {e}");
    let connection = client
        .get_connection_with_timeout(timeout())
        .map_err(fail)?;
    connection
        .set_read_timeout(Some(timeout()))
        .and_then(|()| connection.set_write_timeout(Some(timeout())))
        .map_err(fail)?;
    Ok(Shared {
        connection: Mutex::new(connection),
        shown,
        key: OnceLock::new(),
    })
}

/// The URL without its password, for a message about a URL that does not parse.
fn shown_url(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, _)), Some((_, rest))) => format!("{scheme}://***@{rest}"),
        _ => url.to_owned(),
    }
}

impl Shared {
    /// Runs one command; a failure puts the shared state out of use for the rest of the run (warned).
    fn run<T: redis::FromRedisValue>(
        &self,
        command: &redis::Cmd,
        printer: Printer,
    ) -> Result<T, ()> {
        let result = match self.connection.lock() {
            Ok(mut connection) => command.query(&mut *connection).map_err(|e| e.to_string()),
            Err(_) => Err("the connection was lost".to_owned()),
        };
        result.map_err(|e| warn(printer, &format!("redis at {}: {e}", self.shown)))
    }

    /// Reads the document `name`, lets `change` rewrite it, and writes it back (to live `ttl`), all under
    /// the document's lock. `Err` (warned) when Redis failed: the caller then uses its local state.
    pub(crate) fn update<T>(
        &self,
        name: &str,
        ttl: Duration,
        printer: Printer,
        change: impl FnOnce(Option<Vec<u8>>) -> (Vec<u8>, T),
    ) -> Result<T, ()> {
        let key = format!("{PREFIX}{name}");
        let Some(held) = self.lock(name, LOCK_LEASE, printer)? else {
            warn(
                printer,
                &format!(
                    "redis at {}: {name} stayed locked past --timeout",
                    self.shown
                ),
            );
            return Err(());
        };
        let result = self
            .run::<Option<Vec<u8>>>(redis::cmd("GET").arg(&key), printer)
            .and_then(|old| {
                let (new, result) = change(old);
                let ttl = ttl.as_millis().max(1) as u64;
                self.run::<()>(
                    redis::cmd("SET").arg(&key).arg(new).arg("PX").arg(ttl),
                    printer,
                )
                .map(|()| result)
            });
        drop(held);
        result
    }

    /// Releases the lock of `name` if `token` still holds it (after a lease ran out, another may).
    fn unlock(&self, name: &str, token: &str, printer: Printer) {
        const RELEASE: &str = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
        let _ = self.run::<i64>(
            redis::cmd("EVAL")
                .arg(RELEASE)
                .arg(1)
                .arg(format!("{PREFIX}lock:{name}"))
                .arg(token),
            printer,
        );
    }

    /// `SET key value NX PX ttl`: whether it was set.
    pub(crate) fn set_nx(
        &self,
        name: &str,
        value: &str,
        ttl: Duration,
        printer: Printer,
    ) -> Result<bool, ()> {
        self.run::<Option<String>>(
            redis::cmd("SET")
                .arg(format!("{PREFIX}{name}"))
                .arg(value)
                .arg("NX")
                .arg("PX")
                .arg(ttl.as_millis().max(1) as u64),
            printer,
        )
        .map(|ok| ok.is_some())
    }

    pub(crate) fn read(&self, name: &str, printer: Printer) -> Result<Option<Vec<u8>>, ()> {
        self.run(redis::cmd("GET").arg(format!("{PREFIX}{name}")), printer)
    }

    pub(crate) fn write(
        &self,
        name: &str,
        value: &[u8],
        ttl: Duration,
        printer: Printer,
    ) -> Result<(), ()> {
        self.run(
            redis::cmd("SET")
                .arg(format!("{PREFIX}{name}"))
                .arg(value)
                .arg("PX")
                .arg(ttl.as_millis().max(1) as u64),
            printer,
        )
    }

    pub(crate) fn exists(&self, name: &str, printer: Printer) -> Result<bool, ()> {
        self.run(redis::cmd("EXISTS").arg(format!("{PREFIX}{name}")), printer)
    }

    pub(crate) fn remove(&self, name: &str, printer: Printer) {
        let _ = self.run::<i64>(redis::cmd("DEL").arg(format!("{PREFIX}{name}")), printer);
    }

    /// The fleet's fingerprint key: 256 random bits, made by whichever host asks first.
    pub(crate) fn key(&self, printer: Printer) -> Result<&str, ()> {
        if let Some(key) = self.key.get() {
            return Ok(key);
        }
        let fresh = format!(
            "{:032x}{:032x}",
            crate::random::bits(),
            crate::random::bits()
        );
        self.run::<Option<String>>(
            redis::cmd("SET")
                .arg(format!("{PREFIX}key"))
                .arg(&fresh)
                .arg("NX"),
            printer,
        )?;
        let key: Option<String> = self
            .read("key", printer)?
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        Ok(self.key.get_or_init(|| key.unwrap_or(fresh)))
    }

    /// Takes the lock of `name` (`SET NX PX`, a lease of `lease`), waiting at most `--timeout`; `None`
    /// when another process held it all that time.
    pub(crate) fn lock(
        &self,
        name: &str,
        lease: Duration,
        printer: Printer,
    ) -> Result<Option<SharedLock<'_>>, ()> {
        let deadline = Instant::now() + timeout();
        let token = format!("{:032x}", crate::random::bits());
        loop {
            if self.set_nx(&format!("lock:{name}"), &token, lease, printer)? {
                return Ok(Some(SharedLock {
                    shared: self,
                    name: name.to_owned(),
                    token,
                    printer,
                }));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// A held lock of the shared state, released on drop.
pub(crate) struct SharedLock<'a> {
    shared: &'a Shared,
    name: String,
    token: String,
    printer: Printer,
}

impl Drop for SharedLock<'_> {
    fn drop(&mut self) {
        self.shared.unlock(&self.name, &self.token, self.printer);
    }
}
