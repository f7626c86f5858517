//! `GET /metrics`: what the relay did, in the Prometheus project's text format (OpenMetrics, through its
//! `prometheus-client` crate), so Alertmanager users can alert on the relay itself: a rising
//! `sendmsg_failed_total` or an old `sendmsg_outbox_oldest_seconds` means alerts are not getting out.

use super::routes::Reply;
use crate::outbox::{Entry, Outbox};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;

type Labels = Vec<(&'static str, String)>;

/// From queueing to the service's acceptance: a message is usually out in well under a second, and one
/// that waited out the outbox's backoff took minutes.
const DELIVERY_BUCKETS: [f64; 12] = [
    0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0,
];

const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The server's counters; cheap to update from any thread.
pub(crate) struct Metrics {
    registry: Registry,
    received: Family<Labels, Counter>,
    queued: Family<Labels, Counter>,
    delivered: Family<Labels, Counter>,
    failed: Family<Labels, Counter>,
    entries: Gauge,
    oldest: Gauge<f64, AtomicU64>,
    delivery: Family<Labels, Histogram, fn() -> Histogram>,
}

fn delivery_histogram() -> Histogram {
    Histogram::new(DELIVERY_BUCKETS)
}

impl Metrics {
    pub(crate) fn new() -> Metrics {
        let mut metrics = Metrics {
            registry: Registry::default(),
            received: Family::default(),
            queued: Family::default(),
            delivered: Family::default(),
            failed: Family::default(),
            entries: Gauge::default(),
            oldest: Gauge::default(),
            delivery: Family::new_with_constructor(delivery_histogram),
        };
        let registry = &mut metrics.registry;
        registry.register(
            "sendmsg_received",
            "Posts taken by a receiver for a route",
            metrics.received.clone(),
        );
        registry.register(
            "sendmsg_queued",
            "Messages durably queued for a route's target",
            metrics.queued.clone(),
        );
        registry.register(
            "sendmsg_delivered",
            "Messages a target's service accepted",
            metrics.delivered.clone(),
        );
        registry.register(
            "sendmsg_failed",
            "Messages given up: rejected, expired or unconfirmed",
            metrics.failed.clone(),
        );
        registry.register(
            "sendmsg_outbox_entries",
            "Entries waiting in the outbox",
            metrics.entries.clone(),
        );
        registry.register(
            "sendmsg_outbox_oldest_seconds",
            "Age of the oldest entry waiting in the outbox",
            metrics.oldest.clone(),
        );
        registry.register(
            "sendmsg_delivery_seconds",
            "Time from queueing to the service's acceptance",
            metrics.delivery.clone(),
        );
        metrics
    }

    /// A post to `route` through `receiver` (`alertmanager`, `grafana`, `send`).
    pub(crate) fn received(&self, receiver: &str, route: &str) {
        self.received
            .get_or_create(&vec![
                ("receiver", receiver.to_owned()),
                ("route", route.to_owned()),
            ])
            .inc();
    }

    /// `n` messages queued for `target` on `route`.
    pub(crate) fn queued(&self, route: &str, target: &str, n: usize) {
        self.queued
            .get_or_create(&vec![
                ("route", route.to_owned()),
                ("target", target.to_owned()),
            ])
            .inc_by(n as u64);
    }

    /// A message of `entry` accepted at `now` (unix seconds).
    pub(crate) fn delivered(&self, entry: &Entry, now: u64) {
        let target = vec![("target", entry.channel.clone())];
        self.delivered.get_or_create(&target).inc();
        self.delivery
            .get_or_create(&target)
            .observe(now.saturating_sub(entry.created) as f64);
    }

    /// `entry` given up, for `reason` (`rejected`, `expired`, `unconfirmed`).
    pub(crate) fn failed(&self, entry: &Entry, reason: &str) {
        self.failed
            .get_or_create(&vec![
                ("target", entry.channel.clone()),
                ("reason", reason.to_owned()),
            ])
            .inc();
    }

    /// The exposition, with the outbox's gauges read now.
    pub(crate) fn reply(&self, outbox: &Outbox, now: u64) -> Reply {
        match outbox.entries() {
            Ok(entries) => {
                self.entries.set(entries.len() as i64);
                let oldest = entries.iter().map(|e| e.created).min();
                self.oldest
                    .set(oldest.map_or(0.0, |created| now.saturating_sub(created) as f64));
            }
            Err(e) => {
                return Reply::text(503, format!("cannot read the outbox: {e}"));
            }
        }
        let mut body = String::new();
        if let Err(e) = prometheus_client::encoding::text::encode(&mut body, &self.registry) {
            return Reply::text(500, format!("cannot encode the metrics: {e}"));
        }
        Reply {
            status: 200,
            content_type: CONTENT_TYPE,
            body,
            headers: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contracts_names_and_labels_are_exposed() {
        let dir = tempfile::tempdir().expect("dir");
        let outbox = Outbox::open(dir.path(), crate::outbox::BACKOFF_BASE).expect("outbox");
        let metrics = Metrics::new();
        metrics.received("alertmanager", "ops");
        metrics.queued("ops", "ops-ding", 2);
        let entry = Entry::new("ops-ding", vec!["x".into()], 100);
        metrics.delivered(&entry, 103);
        metrics.failed(&entry, "rejected");
        outbox
            .push(Entry::new("ops-ding", vec!["y".into()], 90))
            .expect("push");
        let reply = metrics.reply(&outbox, 130);
        assert_eq!(reply.status, 200);
        let lines: Vec<&str> = reply.body.lines().collect();
        for expected in [
            "sendmsg_received_total{receiver=\"alertmanager\",route=\"ops\"} 1",
            "sendmsg_queued_total{route=\"ops\",target=\"ops-ding\"} 2",
            "sendmsg_delivered_total{target=\"ops-ding\"} 1",
            "sendmsg_failed_total{target=\"ops-ding\",reason=\"rejected\"} 1",
            "sendmsg_outbox_entries 1",
            "sendmsg_outbox_oldest_seconds 40.0",
            "sendmsg_delivery_seconds_sum{target=\"ops-ding\"} 3.0",
            "sendmsg_delivery_seconds_count{target=\"ops-ding\"} 1",
            "sendmsg_delivery_seconds_bucket{le=\"2.5\",target=\"ops-ding\"} 0",
            "sendmsg_delivery_seconds_bucket{le=\"5.0\",target=\"ops-ding\"} 1",
            "# TYPE sendmsg_delivery_seconds histogram",
            "# EOF",
        ] {
            assert!(lines.contains(&expected), "{expected}\n{}", reply.body);
        }
    }
}
