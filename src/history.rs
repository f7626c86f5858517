//! The send history: one JSON line per send attempt in `$XDG_STATE_HOME/sendmsg/history.jsonl`, rotated to
//! `history.jsonl.1` before it would pass 1 MiB, and `sendmsg history` to read it back.
//!
//! A record holds what a person needs to answer "did the alert go out?": time, channel, recipients, the
//! body's length, SHA-256 and first 80 characters, parts, outcome, exit code, and the service's message id or
//! error. It never holds a secret: every text goes through `secret::redact`, and files are mode 0600.
//! `SENDMSG_HISTORY=off` turns recording off; a history that cannot be written is a warning, never a failed
//! send.

use crate::digest::sha256_hex;
use crate::error::Error;
use crate::guard::Rules;
use crate::output::Printer;
use crate::secret::redact;
use crate::state;
use serde::{Deserialize, Serialize};
use std::io::Write;

const FILE: &str = "history.jsonl";
const ROTATED: &str = "history.jsonl.1";
/// The history file is rotated before it would grow past this.
const MAX_BYTES: u64 = 1 << 20;
const PREVIEW_CHARS: usize = 80;

/// `SENDMSG_HISTORY=off` (or `0`, `false`, `no`) disables recording.
pub(crate) const SWITCH_VAR: &str = "SENDMSG_HISTORY";

/// Who a send goes to: the channel and its recipients, sorted so their order on the command line does not
/// matter. Recipients are names a person can read, never credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub channel: &'static str,
    /// The named target (`config.toml [targets.NAME]`) the settings came from, if any.
    pub name: Option<&'static str>,
    pub recipients: Vec<String>,
    /// The `sendmsg serve` route the message came in on, if any.
    pub route: Option<&'static str>,
}

impl Target {
    pub(crate) fn new(channel: &'static str, mut recipients: Vec<String>) -> Self {
        recipients.sort();
        recipients.dedup();
        Self {
            channel,
            name: None,
            recipients,
            route: None,
        }
    }

    /// The same send, to the named target `name`.
    pub(crate) fn named(self, name: Option<&'static str>) -> Self {
        Self { name, ..self }
    }

    /// `ding`, or `ding@ops` for a named target: how output names the send.
    pub(crate) fn label(&self) -> &'static str {
        crate::error::label(self.channel, self.name)
    }

    /// The ledger key: `--limit-key` when given (still per channel, or per target), else the recipients. A
    /// named target counts apart from the channel and from other targets of the same robot.
    pub(crate) fn key(&self, rules: &Rules) -> String {
        match &rules.key {
            Some(key) => format!("{} key:{key}", self.label()),
            None => format!("{} to:{}", self.label(), self.recipients.join(",")),
        }
    }
}

/// What the service said about a delivered message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Delivery {
    /// The service's message ids, when its replies carry any.
    pub message_ids: Vec<String>,
    /// The accepted replies as the service sent them (JSON, or a string when they are not), for `--json`.
    pub replies: Vec<serde_json::Value>,
}

impl Delivery {
    /// Reads the message ids out of the accepted reply bodies.
    pub(crate) fn from_replies(replies: &[String]) -> Self {
        Self {
            message_ids: replies.iter().filter_map(|r| message_id(r)).collect(),
            replies: replies
                .iter()
                .map(|r| {
                    serde_json::from_str(r)
                        .unwrap_or_else(|_| serde_json::Value::String(r.trim().to_owned()))
                })
                .collect(),
        }
    }
}

fn message_id(reply: &str) -> Option<String> {
    fn find(value: &serde_json::Value, depth: u8) -> Option<String> {
        use serde_json::Value;
        match value {
            Value::Object(map) => ID_FIELDS
                .iter()
                .find_map(|field| match map.get(*field) {
                    Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                })
                .or_else(|| {
                    (depth > 0)
                        .then(|| map.values().find_map(|v| find(v, depth - 1)))
                        .flatten()
                }),
            Value::Array(items) if depth > 0 => items.iter().find_map(|v| find(v, depth - 1)),
            _ => None,
        }
    }
    find(&serde_json::from_str(reply).ok()?, 3)
}

/// The field names services use for the id of a message they accepted (WeCom `msgid`, GeWe `newMsgId`,
/// Aliyun `BizId`, Tencent `SerialNo`…), looked for a few levels deep.
const ID_FIELDS: &[&str] = &[
    "msgid",
    "msgId",
    "message_id",
    "messageId",
    "MessageId",
    "newMsgId",
    "BizId",
    "SerialNo",
    "RequestId",
];

/// One send attempt, as the sending code sees it.
pub(crate) struct Attempt<'a> {
    pub target: &'a Target,
    pub limit_key: Option<&'a str>,
    pub body: &'a str,
    pub parts: usize,
    pub result: &'a Result<Delivery, Error>,
    /// What became of a message the outbox holds or held (`None` for a plain send).
    pub outbox: Option<Outboxed<'a>>,
}

/// An attempt that concerns an outbox entry: its id and what happened.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outboxed<'a> {
    pub id: &'a str,
    pub event: Event,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// Failed transiently and kept in the outbox (`--queue`): the run exits 0.
    Queued,
    /// A try by `sendmsg outbox flush`; the result says how it went.
    Flushed,
    /// Older than `--max-age`: dropped without another try.
    Expired,
}

/// One line of the history file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Record {
    /// Unix seconds.
    pub ts: u64,
    /// The same instant, RFC 3339 UTC, for people reading the file.
    pub time: String,
    pub channel: String,
    /// The named target, or null.
    #[serde(default)]
    pub target: Option<String>,
    /// The `sendmsg serve` route, when the message came in on one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    pub recipients: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_key: Option<String>,
    pub bytes: usize,
    pub sha256: String,
    pub preview: String,
    pub parts: usize,
    /// The contract's word: `sent`, `failed`, `queued`, `expired`, `suppressed` or `unconfirmed` (derived
    /// from `outcome` for records written before it existed).
    #[serde(default)]
    pub status: String,
    /// `sent`, `rejected`, `failed` (transient), `unconfirmed` (maybe delivered), `suppressed`, `error`,
    /// `queued` or `expired`.
    pub outcome: String,
    pub exit: u8,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub message_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The outbox entry it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outbox: Option<String>,
}

impl Record {
    fn new(attempt: &Attempt<'_>, ts: u64) -> Self {
        let (mut outcome, mut exit, message_ids, error) = match attempt.result {
            Ok(delivery) => ("sent", 0, delivery.message_ids.clone(), None),
            Err(err) => {
                let outcome = match err {
                    Error::Rejected { .. } => "rejected",
                    // Sent whole, with no complete reply: it may have been delivered.
                    Error::Transient { .. } if !err.never_sent() => "unconfirmed",
                    Error::Transient { .. } => "failed",
                    Error::Suppressed { .. } => "suppressed",
                    Error::BadInput(_) | Error::Config(_) | Error::Setting(_) => "error",
                };
                (
                    outcome,
                    err.exit().code(),
                    Vec::new(),
                    Some(redact(&err.to_string())),
                )
            }
        };
        match attempt.outbox.map(|o| o.event) {
            Some(Event::Queued) => (outcome, exit) = ("queued", 0),
            Some(Event::Expired) => (outcome, exit) = ("expired", 1),
            Some(Event::Flushed) | None => {}
        }
        Self {
            status: status_of(outcome).to_owned(),
            ts,
            time: utc(ts),
            channel: attempt.target.channel.to_owned(),
            target: attempt.target.name.map(str::to_owned),
            route: attempt.target.route.map(str::to_owned),
            recipients: attempt
                .target
                .recipients
                .iter()
                .map(|r| redact(r))
                .collect(),
            limit_key: attempt.limit_key.map(redact),
            bytes: attempt.body.len(),
            sha256: sha256_hex(attempt.body.as_bytes()),
            preview: redact(attempt.body).chars().take(PREVIEW_CHARS).collect(),
            parts: attempt.parts,
            outcome: outcome.to_owned(),
            exit,
            message_ids,
            error,
            outbox: attempt.outbox.map(|o| o.id.to_owned()),
        }
    }

    fn failed(&self) -> bool {
        (1..=4).contains(&self.exit)
    }
}

/// The contract's status for an outcome.
fn status_of(outcome: &str) -> &'static str {
    match outcome {
        "sent" => "sent",
        "queued" => "queued",
        "expired" => "expired",
        "suppressed" => "suppressed",
        "unconfirmed" => "unconfirmed",
        _ => "failed",
    }
}

fn disabled() -> bool {
    std::env::var(SWITCH_VAR).is_ok_and(|v| {
        ["off", "0", "false", "no"]
            .iter()
            .any(|off| v.trim().eq_ignore_ascii_case(off))
    })
}

/// Appends the attempt to the history, unless `SENDMSG_HISTORY=off`.
pub(crate) fn append(attempt: &Attempt<'_>, printer: Printer) {
    if disabled() {
        return;
    }
    let record = Record::new(attempt, state::now());
    let written = serde_json::to_string(&record)
        .map_err(|e| e.to_string())
        .and_then(|line| write_line(&line));
    if let Err(e) = written {
        printer.note(&format!("warning: the send history was not updated: {e}"));
    }
}

fn write_line(line: &str) -> Result<(), String> {
    let lock = state::Lock::acquire()?;
    let path = lock.path(FILE);
    let size = std::fs::metadata(&path).map_or(0, |m| m.len());
    if size > 0 && size + line.len() as u64 + 1 > MAX_BYTES {
        std::fs::rename(&path, lock.path(ROTATED))
            .map_err(|e| format!("cannot rotate {}: {e}", path.display()))?;
    }
    let mut file = crate::private_file::options()
        .append(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    file.write_all(format!("{line}\n").as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Which records `sendmsg history` shows.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    pub channel: Option<String>,
    pub target: Option<String>,
    pub since: Option<std::time::Duration>,
    pub failed: bool,
    pub last: Option<usize>,
}

/// `sendmsg history`: the records that match, oldest first, as a table or (`--json`) as JSON lines.
pub(crate) fn show(args: &Filter, json: bool, printer: Printer) -> Result<(), Error> {
    let lock = state::Lock::acquire().map_err(|e| Error::Config(format!("history: {e}")))?;
    let mut records = Vec::new();
    let mut unreadable = 0;
    for name in [ROTATED, FILE] {
        let path = lock.path(name);
        let bytes = crate::private_file::read(&path)
            .map_err(|e| Error::Config(format!("history: cannot read {}: {e}", path.display())))?
            .unwrap_or_default();
        for line in String::from_utf8_lossy(&bytes).lines() {
            match serde_json::from_str::<Record>(line) {
                Ok(mut record) => {
                    if record.status.is_empty() {
                        status_of(&record.outcome).clone_into(&mut record.status);
                    }
                    records.push(record);
                }
                Err(_) if line.trim().is_empty() => {}
                Err(_) => unreadable += 1,
            }
        }
    }
    drop(lock);
    if unreadable > 0 {
        printer.note(&format!(
            "warning: skipped {unreadable} unreadable line(s) of the history"
        ));
    }
    let selected = select(records, args, state::now());
    if json {
        for record in &selected {
            if let Ok(line) = serde_json::to_string(record) {
                printer.output(&line);
            }
        }
    } else if selected.is_empty() {
        printer.note("no sends recorded that match");
    } else {
        for line in table(&selected) {
            printer.output(&line);
        }
    }
    Ok(())
}

/// The filters of `sendmsg history`, applied in order; `--last` keeps the newest.
fn select(records: Vec<Record>, args: &Filter, now: u64) -> Vec<Record> {
    let since = args.since.map(|d| now.saturating_sub(d.as_secs()));
    let mut selected: Vec<Record> = records
        .into_iter()
        .filter(|r| args.channel.as_deref().is_none_or(|c| r.channel == c))
        .filter(|r| {
            args.target
                .as_deref()
                .is_none_or(|t| r.target.as_deref() == Some(t))
        })
        .filter(|r| since.is_none_or(|s| r.ts >= s))
        .filter(|r| !args.failed || r.failed())
        .collect();
    if let Some(last) = args.last {
        selected.drain(..selected.len().saturating_sub(last));
    }
    selected
}

fn table(records: &[Record]) -> Vec<String> {
    const MESSAGE_CHARS: usize = 80;
    let flat = |text: &str| -> String {
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        match line.char_indices().nth(MESSAGE_CHARS) {
            Some((cut, _)) => format!("{}…", &line[..cut]),
            None => line,
        }
    };
    let header = [
        "TIME (UTC)",
        "CHANNEL",
        "OUTCOME",
        "EXIT",
        "PARTS",
        "TO",
        "MESSAGE / ERROR",
    ];
    let rows: Vec<[String; 7]> = records
        .iter()
        .map(|r| {
            let to = match &r.limit_key {
                Some(key) => format!("key:{key}"),
                None if r.recipients.is_empty() => "-".into(),
                None => r.recipients.join(","),
            };
            let channel = match &r.target {
                Some(target) => format!("{}@{target}", r.channel),
                None => r.channel.clone(),
            };
            [
                r.time.replace('T', " ").trim_end_matches('Z').to_owned(),
                channel.clone(),
                r.outcome.clone(),
                r.exit.to_string(),
                r.parts.to_string(),
                to,
                // The channel has its own column.
                flat(r.error.as_deref().map_or(&r.preview, |e| {
                    e.strip_prefix(&format!("{channel}: ")).unwrap_or(e)
                })),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<width$}  "));
            }
        }
        out.trim_end().to_owned()
    };
    let mut lines = vec![line(&header.map(str::to_owned))];
    lines.extend(rows.iter().map(|row| line(row)));
    lines
}

/// Unix seconds as RFC 3339 UTC.
pub(crate) fn utc(ts: u64) -> String {
    crate::utc::UtcTime::from_unix(ts).iso8601()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use std::time::Duration;

    fn record(ts: u64, channel: &str, exit: u8) -> Record {
        Record {
            ts,
            time: utc(ts),
            channel: channel.into(),
            target: None,
            route: None,
            recipients: vec!["robot:1a2b3c4d".into()],
            limit_key: None,
            bytes: 5,
            sha256: String::new(),
            preview: "hello\nworld".into(),
            parts: 1,
            status: "sent".into(),
            outcome: "sent".into(),
            exit,
            message_ids: Vec::new(),
            error: None,
            outbox: None,
        }
    }

    #[test]
    fn targets_ignore_recipient_order_and_an_explicit_key_replaces_them() {
        let a = Target::new("sms", vec!["b".into(), "a".into(), "b".into()]);
        let b = Target::new("sms", vec!["a".into(), "b".into()]);
        assert_eq!(a, b);
        assert_eq!(a.key(&Rules::default()), "sms to:a,b");
        // Two targets of one robot count apart.
        let ops = Target::new("sms", vec!["a".into()]).named(Some("ops"));
        let dev = Target::new("sms", vec!["a".into()]).named(Some("dev"));
        assert_eq!(ops.key(&Rules::default()), "sms@ops to:a");
        assert_ne!(ops.key(&Rules::default()), dev.key(&Rules::default()));
        let keyed = Rules {
            key: Some("backup".into()),
            ..Rules::default()
        };
        assert_eq!(a.key(&keyed), "sms key:backup");
    }

    #[test]
    fn message_ids_come_from_the_services_own_fields() {
        assert_eq!(
            message_id(r#"{"errcode":0,"errmsg":"ok","msgid":"MSGID123"}"#).as_deref(),
            Some("MSGID123")
        );
        assert_eq!(
            message_id(r#"{"ret":200,"data":{"newMsgId":7000000000001}}"#).as_deref(),
            Some("7000000000001")
        );
        assert_eq!(
            message_id(r#"{"Response":{"SendStatusSet":[{"SerialNo":"2019:1"}]}}"#).as_deref(),
            Some("2019:1")
        );
        assert_eq!(message_id(r#"{"errcode":0,"errmsg":"ok"}"#), None);
        assert_eq!(message_id("not json"), None);
    }

    #[test]
    fn a_record_holds_no_secret_and_quotes_only_the_start_of_the_body() {
        let token = Secret::new("history-secret-token-42");
        let body = format!("token {} {}", token.expose(), "x".repeat(500));
        let target = Target::new("ding", vec!["robot:1".into()]);
        let result = Err(Error::Rejected {
            channel: "ding",
            code: Some("errcode 1".into()),
            message: format!("bad {}", token.expose()),
            part: None,
        });
        let attempt = Attempt {
            target: &target,
            limit_key: None,
            body: &body,
            parts: 2,
            result: &result,
            outbox: None,
        };
        let record = Record::new(&attempt, 1_700_000_000);
        let line = serde_json::to_string(&record).unwrap_or_default();
        assert!(!line.contains(token.expose()), "{line}");
        assert_eq!(record.preview.chars().count(), 80);
        assert_eq!(record.bytes, body.len());
        assert_eq!(record.sha256, sha256_hex(body.as_bytes()));
        assert_eq!((record.outcome.as_str(), record.exit), ("rejected", 1));
        assert_eq!(record.status, "failed");
        assert_eq!(
            record.error.as_deref(),
            Some("ding: rejected by the service (errcode 1): bad ***")
        );
    }

    #[test]
    fn filters_narrow_by_channel_time_failure_and_count() {
        let all = vec![
            record(100, "ding", 0),
            record(200, "wecom", 1),
            record(300, "ding", 4),
            record(400, "ding", 5),
            record(500, "ding", 0),
        ];
        let args = |channel: Option<&str>, since: Option<u64>, failed, last| Filter {
            channel: channel.map(str::to_owned),
            target: None,
            since: since.map(Duration::from_secs),
            failed,
            last,
        };
        let ts = |records: Vec<Record>| records.iter().map(|r| r.ts).collect::<Vec<_>>();
        assert_eq!(
            ts(select(all.clone(), &args(None, None, false, None), 500)).len(),
            5
        );
        assert_eq!(
            ts(select(
                all.clone(),
                &args(Some("ding"), None, false, None),
                500
            )),
            [100, 300, 400, 500]
        );
        assert_eq!(
            ts(select(
                all.clone(),
                &args(None, Some(250), false, None),
                500
            )),
            [300, 400, 500]
        );
        let mut named = all.clone();
        named[2].target = Some("ops".into());
        let only_ops = Filter {
            target: Some("ops".into()),
            ..args(None, None, false, None)
        };
        assert_eq!(ts(select(named, &only_ops, 500)), [300]);
        assert_eq!(
            ts(select(all.clone(), &args(None, None, true, None), 500)),
            [200, 300]
        );
        assert_eq!(
            ts(select(all, &args(Some("ding"), None, false, Some(2)), 500)),
            [400, 500]
        );
    }

    #[test]
    fn the_table_aligns_columns_and_flattens_messages() {
        let lines = table(&[record(1_700_000_000, "ding", 0)]);
        assert_eq!(lines.len(), 2);
        assert!(
            lines[0].starts_with("TIME (UTC)           CHANNEL  OUTCOME"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("2023-11-14 22:13:20  ding     sent"),
            "{lines:?}"
        );
        assert!(lines[1].ends_with("hello world"), "{lines:?}");
    }
}
