//! What Alertmanager and Grafana post (Alertmanager's webhook `version` 4; Grafana's contact point, the
//! same shape plus `title`, `state`, `message`), read and checked, and a group of alerts cut into messages
//! between alerts. Pure functions: no sockets, no files.

use crate::split::Budget;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Who posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Alertmanager,
    Grafana,
}

impl Source {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Source::Alertmanager => "alertmanager",
            Source::Grafana => "grafana",
        }
    }
}

/// A group of alerts as posted.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    /// The payload without its alerts: what every message's template sees, with its own alerts added.
    pub data: Map<String, Value>,
    pub alerts: Vec<Value>,
    /// `firing` or `resolved`.
    pub status: String,
    pub group_key: Option<String>,
    /// Alerts Alertmanager left out (`truncatedAlerts`, its `max_alerts`).
    pub truncated: usize,
    /// What a chat list shows: Grafana's `title`, else `[FIRING:2] DiskFull`.
    pub title: String,
}

/// The fields the relay relies on; the rest of the payload goes to the templates as it came.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    version: String,
    status: String,
    #[serde(default)]
    group_key: Option<String>,
    #[serde(default)]
    truncated_alerts: u64,
    alerts: Vec<WireAlert>,
    #[serde(default)]
    title: Option<String>,
}

/// An alert's shape, checked; the templates get its values from the payload itself.
#[derive(Deserialize)]
struct WireAlert {
    status: String,
    #[serde(rename = "labels")]
    _labels: Map<String, Value>,
    #[serde(rename = "annotations", default)]
    _annotations: Map<String, Value>,
    #[serde(rename = "startsAt")]
    _starts_at: String,
}

/// Reads a posted body; `Err` is the reason for the 400.
pub(crate) fn parse(source: Source, body: &[u8]) -> Result<Group, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
    if !value.is_object() {
        return Err("the body is not a JSON object".into());
    }
    let wire: Wire = serde_json::from_value(value.clone()).map_err(|e| {
        format!(
            "the body is not {} webhook JSON: {e}",
            match source {
                Source::Alertmanager => "Alertmanager's",
                Source::Grafana => "Grafana's",
            }
        )
    })?;
    if source == Source::Alertmanager && wire.version != "4" {
        return Err(format!(
            "Alertmanager webhook version `{}` is not supported (version 4 is)",
            crate::secret::excerpt(&wire.version, 16)
        ));
    }
    if !matches!(wire.status.as_str(), "firing" | "resolved") {
        return Err(format!(
            "status must be `firing` or `resolved`, not `{}`",
            crate::secret::excerpt(&wire.status, 16)
        ));
    }
    if let Some(alert) = wire
        .alerts
        .iter()
        .find(|a| !matches!(a.status.as_str(), "firing" | "resolved"))
    {
        return Err(format!(
            "an alert's status must be `firing` or `resolved`, not `{}`",
            crate::secret::excerpt(&alert.status, 16)
        ));
    }
    let Value::Object(mut data) = value else {
        return Err("the body is not a JSON object".into());
    };
    let alerts = match data.remove("alerts") {
        Some(Value::Array(alerts)) => alerts.into_iter().map(complete).collect(),
        _ => Vec::new(),
    };
    for key in ["groupLabels", "commonLabels", "commonAnnotations"] {
        data.entry(key).or_insert_with(|| Value::Object(Map::new()));
    }
    data.entry("receiver").or_insert_with(|| Value::from(""));
    let title = wire
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| headline(&data, &alerts, &wire.status));
    Ok(Group {
        data,
        alerts,
        status: wire.status,
        group_key: wire.group_key,
        truncated: usize::try_from(wire.truncated_alerts).unwrap_or(usize::MAX),
        title,
    })
}

/// An alert with every key the templates read, so a payload that leaves one out still renders.
fn complete(alert: Value) -> Value {
    let Value::Object(mut alert) = alert else {
        return alert;
    };
    for key in ["labels", "annotations"] {
        alert
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    for key in ["endsAt", "generatorURL", "fingerprint"] {
        alert.entry(key).or_insert_with(|| Value::from(""));
    }
    Value::Object(alert)
}

/// `[FIRING:2] DiskFull` or `[RESOLVED] DiskFull`: the group's alert name, else the receiver.
fn headline(data: &Map<String, Value>, alerts: &[Value], status: &str) -> String {
    let name = ["groupLabels", "commonLabels"]
        .iter()
        .find_map(|labels| data[*labels]["alertname"].as_str())
        .or_else(|| data["receiver"].as_str())
        .unwrap_or_default();
    if status == "resolved" {
        format!("[RESOLVED] {name}")
    } else {
        let firing = alerts.iter().filter(|a| a["status"] == "firing").count();
        format!("[FIRING:{firing}] {name}")
    }
}

impl Group {
    /// What makes one post of this group the same as another: its key, status, and each alert's
    /// fingerprint and status. `None` without a `groupKey` (nothing to compare by).
    pub(crate) fn state(&self, route: &str) -> Option<String> {
        let key = self.group_key.as_deref()?;
        let mut alerts: Vec<String> = self
            .alerts
            .iter()
            .map(|a| {
                let fingerprint = match a["fingerprint"].as_str() {
                    Some(f) if !f.is_empty() => f.to_owned(),
                    _ => crate::digest::sha256_hex(a["labels"].to_string().as_bytes()),
                };
                format!("{fingerprint}:{}", a["status"].as_str().unwrap_or_default())
            })
            .collect();
        alerts.sort();
        let state = format!("{route}\n{key}\n{}\n{}", self.status, alerts.join(","));
        Some(crate::digest::sha256_hex(state.as_bytes()))
    }

    /// The template data of a message holding `alerts`.
    fn with(&self, alerts: &[Value]) -> Value {
        let mut data = self.data.clone();
        data.insert("alerts".into(), Value::Array(alerts.to_vec()));
        Value::Object(data)
    }

    /// The group as messages: at most `max_alerts` alerts rendered, then "… and N more"; cut between
    /// alerts so each message fits `budget` (one alert too large alone is a message of its own, which the
    /// channel then splits). Several messages are numbered `(1/3)`.
    pub(crate) fn messages(
        &self,
        max_alerts: usize,
        budget: Option<Budget>,
        render: &mut dyn FnMut(&Value) -> String,
    ) -> Vec<String> {
        let shown = &self.alerts[..self.alerts.len().min(max_alerts)];
        let more = self.alerts.len() - shown.len() + self.truncated;
        let tail = if more > 0 {
            format!("\n… and {more} more")
        } else {
            String::new()
        };
        let fits = |text: &str| {
            // Room for the `(12/12)` line of a numbered message.
            budget.is_none_or(|b| b.cost.of(text) + NUMBERING <= b.max)
        };
        let mut texts = Vec::new();
        let mut start = 0;
        loop {
            let end = largest_fitting(shown.len(), start, &mut |end| {
                let text = render(&self.with(&shown[start..end]));
                let text = if end == shown.len() {
                    format!("{}{tail}", text.trim_end())
                } else {
                    text.trim_end().to_owned()
                };
                fits(&text).then_some(text)
            });
            let (end, text) = match end {
                Some(found) => found,
                // Not even one alert fits: it goes alone and the channel splits it.
                None => {
                    let end = (start + 1).min(shown.len());
                    let text = render(&self.with(&shown[start..end]));
                    let tail = if end == shown.len() {
                        tail.as_str()
                    } else {
                        ""
                    };
                    (end, format!("{}{tail}", text.trim_end()))
                }
            };
            texts.push(text);
            start = end;
            if start >= shown.len() {
                break;
            }
        }
        let total = texts.len();
        if total > 1 {
            for (i, text) in texts.iter_mut().enumerate() {
                text.push_str(&format!("\n\n({}/{total})", i + 1));
            }
        }
        texts
    }
}

/// Bytes kept free for `\n\n(NN/NN)`.
const NUMBERING: usize = 12;

/// The largest `end` in `start+1..=len` whose message `make(end)` fits (`None` when not even one does),
/// found by bisection: a message grows with each alert it holds. With no alerts at all (`len` 0), the
/// one message of none.
fn largest_fitting(
    len: usize,
    start: usize,
    make: &mut dyn FnMut(usize) -> Option<String>,
) -> Option<(usize, String)> {
    if len == 0 {
        return make(0).map(|text| (0, text));
    }
    if let Some(text) = make(len) {
        return Some((len, text));
    }
    let (mut low, mut high) = (start + 1, len - 1);
    let mut best = None;
    while low <= high {
        let mid = low + (high - low) / 2;
        match make(mid) {
            Some(text) => {
                best = Some((mid, text));
                low = mid + 1;
            }
            None => high = mid - 1,
        }
    }
    best
}

/// A firing group of one alert, as Alertmanager posts it: what `serve --check` renders each route's
/// template with.
pub(crate) fn sample() -> Value {
    serde_json::json!({
        "version": "4",
        "groupKey": "{}:{alertname=\"DiskFull\"}",
        "truncatedAlerts": 0,
        "status": "firing",
        "receiver": "ops",
        "groupLabels": {"alertname": "DiskFull"},
        "commonLabels": {"alertname": "DiskFull", "instance": "db1:9100", "severity": "critical"},
        "commonAnnotations": {"summary": "/var is 97% full"},
        "externalURL": "http://alertmanager.example.com:9093",
        "alerts": [{
            "status": "firing",
            "labels": {"alertname": "DiskFull", "instance": "db1:9100", "severity": "critical"},
            "annotations": {"summary": "/var is 97% full", "description": "3 GB left of 100 GB"},
            "startsAt": "2026-12-07T08:00:00Z",
            "endsAt": "0001-01-01T00:00:00Z",
            "generatorURL": "http://prometheus.example.com:9090/graph?g0.expr=disk",
            "fingerprint": "5a1c0d2e3f4b6a79"
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::Cost;

    fn group(n: usize, status: &str) -> Group {
        let mut payload = sample();
        let alert = payload["alerts"][0].clone();
        payload["status"] = status.into();
        payload["alerts"] = (0..n)
            .map(|i| {
                let mut a = alert.clone();
                a["labels"]["instance"] = format!("db{i}:9100").into();
                a["fingerprint"] = format!("{i:016x}").into();
                a["status"] = status.into();
                a
            })
            .collect();
        parse(Source::Alertmanager, payload.to_string().as_bytes()).expect("valid")
    }

    /// A stand-in template: the status and one line per alert's instance.
    fn lines(data: &Value) -> String {
        let mut text = format!("{}\n", data["status"].as_str().unwrap_or_default());
        for alert in data["alerts"].as_array().into_iter().flatten() {
            text.push_str(&format!("{}\n", alert["labels"]["instance"]));
        }
        text
    }

    #[test]
    fn bodies_that_are_not_the_receivers_json_say_why() {
        let cases: [(&[u8], &str); 4] = [
            (
                b"{",
                "the body is not JSON: EOF while parsing an object at line 1 column 1",
            ),
            (
                br#"{"version":"4","status":"firing"}"#,
                "the body is not Alertmanager's webhook JSON: missing field `alerts`",
            ),
            (
                br#"{"version":"3","status":"firing","alerts":[]}"#,
                "Alertmanager webhook version `3` is not supported (version 4 is)",
            ),
            (
                br#"{"version":"4","status":"odd","alerts":[]}"#,
                "status must be `firing` or `resolved`, not `odd`",
            ),
        ];
        for (body, reason) in cases {
            assert_eq!(
                parse(Source::Alertmanager, body).err().as_deref(),
                Some(reason)
            );
        }
    }

    #[test]
    fn a_group_is_titled_and_keyed_by_its_state() {
        let firing = group(2, "firing");
        assert_eq!(firing.title, "[FIRING:2] DiskFull");
        assert_eq!(group(2, "resolved").title, "[RESOLVED] DiskFull");
        assert_eq!(firing.state("ops"), group(2, "firing").state("ops"));
        assert_ne!(firing.state("ops"), group(2, "resolved").state("ops"));
        assert_ne!(firing.state("ops"), group(3, "firing").state("ops"));
        assert_ne!(firing.state("ops"), firing.state("db"));
        let mut keyless = firing;
        keyless.group_key = None;
        assert_eq!(keyless.state("ops"), None);
    }

    #[test]
    fn messages_are_cut_between_alerts_to_fit_and_numbered() {
        let group = group(10, "firing");
        let whole = group.messages(20, None, &mut lines);
        assert_eq!(whole.len(), 1);
        assert_eq!(whole[0].lines().count(), 11);
        // Room for the status and four alerts of 12 bytes each, plus the numbering.
        let budget = Budget {
            max: 7 + 4 * 12 + NUMBERING,
            cost: Cost::Utf8,
        };
        let cut = group.messages(20, Some(budget), &mut lines);
        assert_eq!(cut.len(), 3, "{cut:?}");
        assert_eq!(
            cut[0],
            "firing\n\"db0:9100\"\n\"db1:9100\"\n\"db2:9100\"\n\"db3:9100\"\n\n(1/3)"
        );
        assert!(cut[2].ends_with("\"db9:9100\"\n\n(3/3)"), "{}", cut[2]);
        for text in &cut {
            assert!(text.len() <= budget.max, "{text}");
        }
    }

    #[test]
    fn max_alerts_caps_a_message_and_says_how_many_more() {
        let mut group = group(5, "firing");
        group.truncated = 2;
        let texts = group.messages(3, None, &mut lines);
        assert_eq!(
            texts,
            ["firing\n\"db0:9100\"\n\"db1:9100\"\n\"db2:9100\"\n… and 4 more"]
        );
    }
}
