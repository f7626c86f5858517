//! `sendmsg serve-ddns`, the ddns-go webhook listener, and `sendmsg serve`, the same server with the
//! routes of config.toml (`relay`). This module owns the running server — the tokio runtime, the stop on
//! SIGINT/SIGTERM and what a request does; `http` serves the connections with hyper, `routes` decides what
//! a ddns-go request means, `store` keeps the addresses durably, `relay` turns Alertmanager, Grafana and
//! plain posts into queued messages, `metrics` counts for `/metrics`, and `deliver` sends from the outbox
//! in the background, so a reply never waits for a channel.

pub(crate) mod alerts;
pub(crate) mod deliver;
pub(crate) mod http;
pub(crate) mod metrics;
pub(crate) mod relay;
pub(crate) mod render;
pub(crate) mod route_config;
pub(crate) mod routes;
pub(crate) mod seen;
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
    /// `serve`'s routes (none for `serve-ddns`, which has no relay endpoints).
    pub relay: Option<Vec<route_config::Route>>,
}

/// What resolving a notify channel at start-up found out.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Prepared {
    /// A WeCom self-built app, whose sends need this network's address in its 企业可信IP list.
    pub wecom_app: bool,
}

/// How a queued text is sent: the channel options it was shaped for (`--markdown`, `--title=T`) and the
/// route it came in on (for the history). serve-ddns's notifications have neither.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    pub options: Vec<String>,
    pub route: Option<String>,
}

impl Shape {
    /// The shape an outbox entry was queued with.
    pub(crate) fn of(entry: &outbox::Entry) -> Shape {
        Shape {
            options: entry.options.clone(),
            route: entry.route.clone(),
        }
    }
}

/// A route's channel or target, resolved at start.
#[derive(Debug, Clone)]
pub(crate) struct Destination {
    /// The channel it is (`ding` for the target `ops`).
    pub channel: &'static str,
    /// The named target, when it is one.
    pub target: Option<String>,
    /// One message's size under the route's shape; `None`: no limit (e-mail).
    pub budget: Option<crate::split::Budget>,
}

/// How the server reaches its channels and targets. The crate root implements it on the channel
/// commands, so this module needs nothing of how a channel is configured.
pub(crate) trait Notifier: Send + Sync {
    /// Resolves `channel`'s settings and credentials, sending nothing.
    fn prepare(&self, channel: &str) -> Result<Prepared, Error>;
    /// Sends `text` through `channel` as `sendmsg CHANNEL OPTIONS -- TEXT` would, with its retries.
    fn send(&self, channel: &str, text: &str, shape: &Shape) -> Result<(), Error>;
    /// Resolves a route's channel or target with `options` (credentials checked, nothing sent).
    fn destination(&self, name: &str, options: &[String]) -> Result<Destination, Error>;
    /// Where a text sent with `options` through `channels` (in order) goes, as an outbox entry records
    /// it, and its recipients: the settings of now, pinned with `key`.
    fn pin(
        &self,
        channels: &[String],
        options: &[String],
        key: &outbox::Key,
    ) -> Result<(outbox::Destination, Vec<String>), Error>;
}

/// What requests share.
struct App {
    store: Store,
    token: Option<Secret>,
    /// Whether any notify channel is a WeCom app (for the 60020 reminder).
    wecom_app: bool,
    /// The messages' way out: queued durably, delivered by the outbox's rules.
    courier: Courier,
    /// At most this many `/api/send` calls wait on a channel at once: the others wait for their turn
    /// without holding a thread, so a webhook always finds one.
    sending: tokio::sync::Semaphore,
    printer: Printer,
    /// `serve`'s routes and their state; `None` in serve-ddns.
    relay: Option<relay::Relay>,
    metrics: Arc<metrics::Metrics>,
    /// The command, as log lines name it.
    name: &'static str,
}

/// How many `/api/send` calls may be sending at once (each holds a blocking thread while it does).
const MAX_SENDING: usize = 16;

/// Resolves the notify channels and the routes' destinations, opens the store and the outbox, then serves
/// until SIGINT or SIGTERM and finishes the requests in flight and the notification being sent.
pub(crate) fn run(
    settings: Settings,
    notifier: Arc<dyn Notifier>,
    printer: Printer,
) -> Result<(), Error> {
    let name = if settings.relay.is_some() {
        "serve"
    } else {
        "serve-ddns"
    };
    let store = Store::open(&settings.store)?;
    let mut wecom_app = false;
    for channel in &settings.notify {
        wecom_app |= notifier.prepare(channel)?.wecom_app;
    }
    let relay = match &settings.relay {
        Some(routes) => Some(relay::Relay::prepare(routes, notifier.as_ref(), printer)?),
        None => None,
    };
    let outbox_dir = outbox::default_dir().ok_or_else(|| {
        Error::Config(format!(
            "{name}: neither XDG_STATE_HOME nor HOME is set: no outbox"
        ))
    })?;
    let outbox = Outbox::open(&outbox_dir, outbox::backoff_base()).map_err(|e| {
        Error::Config(format!(
            "{name}: cannot create the outbox {}: {e}",
            outbox_dir.display()
        ))
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(settings.workers)
        .max_blocking_threads(64)
        .enable_all()
        .build()
        .map_err(|e| Error::Config(format!("{name}: cannot start: {e}")))?;
    let key = outbox::Key::load()
        .map_err(|e| Error::Config(format!("{name}: cannot read the outbox key {e}")))?;
    let metrics = Arc::new(metrics::Metrics::new());
    let delivers = !settings.notify.is_empty() || relay.is_some();
    let (courier, woken) = Courier::new(deliver::Setup {
        outbox,
        notifier,
        channels: settings.notify,
        key,
        queued_by: name,
        printer,
        metrics: Arc::clone(&metrics),
    });
    // The notify channels pinned now: a missing credential stops the start, not the first notification.
    courier.pinned()?;
    let app = Arc::new(App {
        store,
        token: settings.token,
        wecom_app,
        courier,
        sending: tokio::sync::Semaphore::new(MAX_SENDING),
        printer,
        relay,
        metrics,
        name,
    });
    // Registered before the delivery thread starts, so a stop signal never cuts a try off.
    let stop = {
        let _inside = runtime.enter();
        http::stop_signal()?
    };
    // With `--notify none` and no routes, entries left by an earlier run stay for `sendmsg outbox flush`.
    let delivery = delivers.then(|| {
        let app = Arc::clone(&app);
        let max_age = settings.max_age;
        std::thread::spawn(move || app.courier.drain(&woken, max_age))
    });
    let served = runtime.block_on(listen(&app, &settings.listen, settings.limits, stop));
    // The delivery thread finishes the entry it is sending, sees the closed channel and returns.
    app.courier.stop();
    if let Some(delivery) = delivery {
        let _ = delivery.join();
    }
    served?;
    printer.note(&format!("{name}: stopped"));
    Ok(())
}

/// `serve --check`: the notify channels and every route resolved, every template parsed and rendered
/// with a sample alert group; nothing is sent and nothing listens.
pub(crate) fn check(
    settings: &Settings,
    notifier: &dyn Notifier,
    printer: Printer,
) -> Result<(), Error> {
    for channel in &settings.notify {
        notifier.prepare(channel)?;
    }
    let routes = settings.relay.as_deref().unwrap_or_default();
    relay::Relay::prepare(routes, notifier, printer)?.check(printer)?;
    if routes.is_empty() {
        printer.note(
            "serve: config.toml has no [routes.NAME]: only the ddns-go endpoints would serve",
        );
    }
    Ok(())
}

/// Binds, says where, and serves until the stop signal.
async fn listen(
    app: &Arc<App>,
    addrs: &[SocketAddr],
    limits: http::Limits,
    stop: impl Future<Output = ()>,
) -> Result<(), Error> {
    let name = app.name;
    let listener = bind(name, addrs)?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::Config(format!("{name}: {e}")))?;
    let routes = app.relay.as_ref().map_or_else(String::new, |relay| {
        format!(", routes {}", relay.names().join(", "))
    });
    app.printer.note(&format!(
        "{name}: listening on http://{local} (store {}, notify {}{routes})",
        app.store.path().display(),
        match app.courier.via() {
            via if via.is_empty() => "none".to_owned(),
            via => format!(
                "{}, outbox {}",
                via.replace(',', ", then "),
                app.courier.outbox().dir().display()
            ),
        }
    ));
    http::serve(Arc::clone(app), listener, limits, stop).await;
    Ok(())
}

fn bind(name: &str, listen: &[SocketAddr]) -> Result<tokio::net::TcpListener, Error> {
    let cannot = |e: std::io::Error| {
        Error::Config(format!(
            "{name}: cannot listen on {}: {e}",
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
        if self.relay.is_some()
            && let Some(call) = relay::Call::of(request.path())
        {
            if let Err(reply) = routes::authorize(request, self.token.as_ref()) {
                return reply;
            }
            if call == relay::Call::Metrics {
                return self.metrics.reply(self.courier.outbox(), unix_now());
            }
            let (app, request) = (Arc::clone(self), relay::Request::of(request));
            return tokio::task::spawn_blocking(move || {
                app.relay.as_ref().map_or_else(
                    || Reply::text(404, "not found"),
                    |relay| relay.receive(&app, &call, &request),
                )
            })
            .await
            .unwrap_or_else(|e| Reply::text(500, format!("internal error: {e}")));
        }
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
            Intent::Send(text) => routes::sent(&self.courier.send_now(&text)),
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
                    "{}: error: cannot save {}: {e}",
                    self.name,
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
        match text {
            None => Ok(Notified::NotNeeded),
            Some(text) => self.courier.queue_text(text, now),
        }
    }

    /// The largest body a request to `path` may have: 1 MiB for `serve`'s routes, else 64 KiB.
    fn body_limit(&self, path: &str) -> usize {
        match (&self.relay, relay::Call::of(path)) {
            (Some(_), Some(call)) if call != relay::Call::Metrics => relay::MAX_BODY,
            _ => http::MAX_BODY,
        }
    }
}
