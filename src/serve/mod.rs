//! `sendmsg serve-ddns`: the ddns-go webhook listener. This module owns the running server — the tokio
//! runtime, the stop on SIGINT/SIGTERM and what a request does; `http` serves the connections with hyper,
//! `routes` decides what a request means, `store` keeps the addresses durably, and `deliver` sends the
//! notifications from the outbox in the background, so a webhook reply never waits for one.

pub(crate) mod deliver;
pub(crate) mod http;
pub(crate) mod routes;
pub(crate) mod settings;
pub(crate) mod store;

use crate::error::Error;
use crate::outbox::{self, Outbox};
use crate::output::Printer;
use crate::secret::Secret;
use deliver::Courier;
use routes::{Incoming, Intent, Notified, Reply};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use store::{RecordError, Store, Update};

/// The listener's settings, resolved and validated by `config::serve_ddns`.
#[derive(Debug)]
pub(crate) struct Settings {
    pub listen: Vec<SocketAddr>,
    pub store: PathBuf,
    pub token: Option<Secret>,
    /// The notify channel and its fallbacks, in order; empty is `--notify none`.
    pub notify: Vec<String>,
    /// Threads of the async runtime; each serves any number of connections.
    pub workers: usize,
    pub limits: http::Limits,
    /// How long a notification is retried before it is given up (`--max-age`).
    pub max_age: Duration,
}

/// What resolving a notify channel at start-up found out.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Prepared {
    /// A WeCom self-built app, whose sends need this network's address in its 企业可信IP list.
    pub wecom_app: bool,
}

/// How serve-ddns reaches its notify channels. The crate root implements it on the channel commands, so
/// this module needs nothing of how a channel is configured.
pub(crate) trait Notifier: Send + Sync {
    /// Resolves `channel`'s settings and credentials, sending nothing.
    fn prepare(&self, channel: &str) -> Result<Prepared, Error>;
    /// Sends `text` through `channel` as `sendmsg CHANNEL -- TEXT` would, with its retries.
    fn send(&self, channel: &str, text: &str) -> Result<(), Error>;
    /// Where a text sent through `channels` (in order) goes, as an outbox entry records it, and its
    /// recipients.
    fn destination(
        &self,
        channels: &[String],
        key: &outbox::Key,
    ) -> Result<(outbox::Destination, Vec<String>), Error>;
}

/// What requests share.
struct App {
    store: Store,
    token: Option<Secret>,
    /// Whether any notify channel is a WeCom app (for the 60020 reminder).
    wecom_app: bool,
    /// The notifications' way out; `None` with `--notify none`.
    courier: Option<Courier>,
    /// At most this many `/api/send` calls wait on a channel at once: the others wait for their turn
    /// without holding a thread, so a webhook always finds one.
    sending: tokio::sync::Semaphore,
    printer: Printer,
}

/// How many `/api/send` calls may be sending at once (each holds a blocking thread while it does).
const MAX_SENDING: usize = 16;

/// Resolves the notify channels, opens the store and the outbox, then serves until SIGINT or SIGTERM and
/// finishes the requests in flight and the notification being sent.
pub(crate) fn run(
    settings: Settings,
    notifier: Arc<dyn Notifier>,
    printer: Printer,
) -> Result<(), Error> {
    let store = Store::open(&settings.store)?;
    let mut wecom_app = false;
    for channel in &settings.notify {
        wecom_app |= notifier.prepare(channel)?.wecom_app;
    }
    let outbox_dir = outbox::default_dir().ok_or_else(|| {
        Error::Config("serve-ddns: neither XDG_STATE_HOME nor HOME is set: no outbox".into())
    })?;
    let outbox = Outbox::open(&outbox_dir, outbox::backoff_base()).map_err(|e| {
        Error::Config(format!(
            "serve-ddns: cannot create the outbox {}: {e}",
            outbox_dir.display()
        ))
    })?;
    let courier = courier(&settings.notify, outbox, notifier, printer)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(settings.workers)
        .max_blocking_threads(64)
        .enable_all()
        .build()
        .map_err(|e| Error::Config(format!("serve-ddns: cannot start: {e}")))?;
    let (courier, woken) = courier.unzip();
    let app = Arc::new(App {
        store,
        token: settings.token,
        wecom_app,
        courier,
        sending: tokio::sync::Semaphore::new(MAX_SENDING),
        printer,
    });
    // With `--notify none` entries left by an earlier run stay for `sendmsg outbox flush`.
    let delivery = woken.map(|woken| {
        let app = Arc::clone(&app);
        let max_age = settings.max_age;
        std::thread::spawn(move || {
            if let Some(courier) = &app.courier {
                courier.drain(&woken, max_age);
            }
        })
    });
    let served = runtime.block_on(async {
        // Registered before listening, so a stop signal is never lost to the default handler.
        let stop = http::stop_signal()?;
        let listener = bind(&settings.listen)?;
        let local = listener
            .local_addr()
            .map_err(|e| Error::Config(format!("serve-ddns: {e}")))?;
        printer.note(&format!(
            "serve-ddns: listening on http://{local} (store {}, notify {})",
            app.store.path().display(),
            match &app.courier {
                None => "none".to_owned(),
                Some(courier) => format!(
                    "{}, outbox {}",
                    courier.via().replace(',', ", then "),
                    outbox_dir.display()
                ),
            }
        ));
        http::serve(Arc::clone(&app), listener, settings.limits, stop).await;
        Ok::<(), Error>(())
    });
    // The delivery thread finishes the entry it is sending, sees the closed channel and returns.
    if let Some(courier) = &app.courier {
        courier.stop();
    }
    if let Some(delivery) = delivery {
        let _ = delivery.join();
    }
    served?;
    printer.note("serve-ddns: stopped");
    Ok(())
}

/// The courier of the notify channels (`None` for `--notify none`), their destination pinned with this
/// user's key.
fn courier(
    notify: &[String],
    outbox: Outbox,
    notifier: Arc<dyn Notifier>,
    printer: Printer,
) -> Result<Option<(Courier, std::sync::mpsc::Receiver<()>)>, Error> {
    if notify.is_empty() {
        return Ok(None);
    }
    let key = outbox::Key::load()
        .map_err(|e| Error::Config(format!("serve-ddns: cannot read the outbox key {e}")))?;
    let (pinned, recipients) = notifier.destination(notify, &key)?;
    Ok(Some(Courier::new(deliver::Setup {
        outbox,
        notifier,
        channels: notify.to_vec(),
        pinned,
        recipients,
        queued_by: outbox::SERVE_DDNS,
        printer,
    })))
}

fn bind(listen: &[SocketAddr]) -> Result<tokio::net::TcpListener, Error> {
    let cannot = |e: std::io::Error| {
        Error::Config(format!(
            "serve-ddns: cannot listen on {}: {e}",
            listen.first().map_or_else(String::new, ToString::to_string)
        ))
    };
    let listener = TcpListener::bind(listen).map_err(cannot)?;
    listener.set_nonblocking(true).map_err(cannot)?;
    tokio::net::TcpListener::from_std(listener).map_err(cannot)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl App {
    /// What a request gets. Reading the store is in memory; anything that writes a file or sends runs
    /// on a blocking thread, off the async workers.
    async fn answer(self: &Arc<Self>, request: &Incoming<'_>) -> Reply {
        match routes::route(request, self.token.as_ref()) {
            Err(reply) => reply,
            Ok(Intent::Health) => Reply::text(200, "ok"),
            Ok(Intent::Show { user, json, family }) => {
                routes::show(&user, self.store.get(&user).as_ref(), json, family)
            }
            Ok(intent) => {
                // `/api/send` waits for its turn here, holding no thread, so that however many wait on a
                // stalled channel, a webhook's write finds a blocking thread at once.
                let _turn = match intent {
                    Intent::Send(_) => self.sending.acquire().await.ok(),
                    _ => None,
                };
                let app = Arc::clone(self);
                tokio::task::spawn_blocking(move || app.carry_out(intent))
                    .await
                    .unwrap_or_else(|e| Reply::text(500, format!("internal error: {e}")))
            }
        }
    }

    fn carry_out(&self, intent: Intent) -> Reply {
        match intent {
            Intent::Record(update) => self.record(&update),
            // `/api/send` is asked to send now, and says whether it went.
            Intent::Send(text) => routes::sent(
                &self
                    .courier
                    .as_ref()
                    .map_or(Notified::Off, |c| c.send_now(&text)),
            ),
            Intent::Health | Intent::Show { .. } => Reply::text(500, "internal error: misrouted"),
        }
    }

    /// Queues the notification first, then stores the change: the reply is 200 only when both are
    /// durable, else 503 and nothing is recorded, so ddns-go's next update notifies again (a duplicate is
    /// possible, a loss is not).
    fn record(&self, update: &Update) -> Reply {
        let now = unix_now();
        if routes::is_test_event(update) {
            return match self.queue(Some(&routes::test_notification(update)), now) {
                Ok(notified) => routes::test_acknowledged(&update.user, &notified),
                Err(reason) => Reply::text(503, format!("notification not queued: {reason}")),
            };
        }
        let recorded = self.store.record(update, now, |changes| {
            let text = routes::notification(&update.user, changes, self.wecom_app);
            self.queue(text.as_deref(), now)
        });
        match recorded {
            Ok((changes, notified)) => routes::recorded(&update.user, &changes, &notified),
            Err(RecordError::Full) => Reply::text(
                507,
                format!("the store is full ({} users)", store::MAX_USERS),
            ),
            Err(RecordError::Io(e)) => {
                self.printer.note(&format!(
                    "serve-ddns: error: cannot save {}: {e}",
                    self.store.path().display()
                ));
                Reply::text(503, format!("not recorded: cannot save the store: {e}"))
            }
            Err(RecordError::First(reason)) => Reply::text(
                503,
                format!("not recorded: the notification could not be queued: {reason}"),
            ),
        }
    }

    /// Writes `text` (if any) to the outbox durably; `Err` is why it could not be.
    fn queue(&self, text: Option<&str>, now: u64) -> Result<Notified, String> {
        let Some(text) = text else {
            return Ok(Notified::NotNeeded);
        };
        match &self.courier {
            None => Ok(Notified::Off),
            Some(courier) => courier.queue(text, now),
        }
    }
}
