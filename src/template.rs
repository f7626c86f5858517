//! Message templates: MiniJinja (Jinja2 syntax) with the filters the contract names, shared by the channel
//! commands' `--template-file` and `serve`'s routes, so a template behaves the same in both.
//!
//! Strict on purpose: a key the data lacks is an error that names it, never an empty string, because a
//! message that silently lost its host name or severity is worse than one that failed loudly. The caller
//! decides what the failure means (bad input for a command, a configuration error when `serve` starts, the
//! shipped default for one payload at run time).

use crate::period::Human;
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value};
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// A template file larger than this is a mistake (a data file named by accident), not a template.
const MAX_SOURCE_BYTES: u64 = 1024 * 1024;

/// The time zone `datetime` uses when none is named: the one the users of these channels live in.
const DEFAULT_TZ: &str = "Asia/Shanghai";

const DEFAULT_DATETIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Zones without daylight saving that messages here most often use, for a host (a slim container) that has
/// no time-zone database: the offset is all there is to know about them.
const FIXED_ZONES: [(&str, i8); 9] = [
    ("Asia/Shanghai", 8),
    ("Asia/Chongqing", 8),
    ("Asia/Hong_Kong", 8),
    ("Asia/Macau", 8),
    ("Asia/Taipei", 8),
    ("Asia/Singapore", 8),
    ("Asia/Tokyo", 9),
    ("Asia/Seoul", 9),
    ("UTC", 0),
];

/// A parsed template, ready to render any number of payloads.
pub(crate) struct Template {
    env: Environment<'static>,
    name: String,
}

/// Why a template could not be read, parsed or rendered: where (file and line) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateError {
    pub file: String,
    pub line: Option<usize>,
    pub what: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {line}: {}", self.file, self.what),
            None => write!(f, "{}: {}", self.file, self.what),
        }
    }
}

impl Template {
    /// Reads and parses a template file; a syntax error names the file and line.
    pub(crate) fn from_file(path: &Path) -> Result<Template, TemplateError> {
        let name = path.display().to_string();
        let fail = |what: String| TemplateError {
            file: name.clone(),
            line: None,
            what,
        };
        let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
        let mut source = String::new();
        file.take(MAX_SOURCE_BYTES + 1)
            .read_to_string(&mut source)
            .map_err(|e| fail(format!("cannot read it as UTF-8 text: {e}")))?;
        if source.len() as u64 > MAX_SOURCE_BYTES {
            return Err(fail(format!(
                "larger than {MAX_SOURCE_BYTES} bytes: not a template"
            )));
        }
        Template::from_source(&name, &source)
    }

    /// Parses a template held in memory (a shipped default); `name` is what errors call it.
    pub(crate) fn from_source(name: &str, source: &str) -> Result<Template, TemplateError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Spans let an error quote the expression that failed (the missing key's name).
        env.set_debug(true);
        env.add_filter("datetime", datetime);
        env.add_filter("truncate_bytes", truncate_bytes);
        env.add_filter("since", since);
        env.add_template_owned(name.to_owned(), source.to_owned())
            .map_err(|e| explain(name, &e))?;
        Ok(Template {
            env,
            name: name.to_owned(),
        })
    }

    /// Renders the template over `data` (the payload's JSON as it came).
    pub(crate) fn render(&self, data: &serde_json::Value) -> Result<String, TemplateError> {
        let fail = |e: minijinja::Error| explain(&self.name, &e);
        let template = self.env.get_template(&self.name).map_err(fail)?;
        template
            .render(Value::from(minijinja::value::Serde(data)))
            .map_err(fail)
    }
}

/// One line for a MiniJinja error: its kind, or its detail where it has one (for an undefined value the
/// detail quotes the expression: `` `alert.labels.severity` is undefined ``, so the user knows which key).
fn explain(file: &str, error: &minijinja::Error) -> TemplateError {
    let what = match (error.kind(), error.detail()) {
        (ErrorKind::UndefinedError, Some(detail)) => detail.to_owned(),
        (kind, Some(detail)) => format!("{kind}: {detail}"),
        (kind, None) => kind.to_string(),
    };
    TemplateError {
        file: file.to_owned(),
        line: error.line(),
        what,
    }
}

/// `{{ alert.startsAt | datetime }}`: an RFC 3339 time (or Unix seconds) shown in a time zone, by default
/// `2024-05-01 08:00:00` in Asia/Shanghai. `fmt` is strftime's (`%Y-%m-%d %H:%M`), `tz` an IANA name or a
/// fixed offset (`+08:00`).
fn datetime(
    value: &Value,
    fmt: Option<&str>,
    tz: Option<&str>,
) -> Result<String, minijinja::Error> {
    let instant = instant(value)?;
    let zone = zone(tz.unwrap_or(DEFAULT_TZ))?;
    let fmt = fmt.unwrap_or(DEFAULT_DATETIME_FORMAT);
    jiff::fmt::strtime::format(fmt, &instant.to_zoned_datetime(zone)).map_err(|e| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("datetime: bad format {fmt:?}: {e}"),
        )
    })
}

/// `{{ text | truncate_bytes(200) }}`: at most that many bytes of UTF-8, cut on a character boundary, with
/// `…` (counted) where something was cut. For fields a service limits in bytes.
fn truncate_bytes(text: &str, limit: usize) -> String {
    const MARK: &str = "…";
    if text.len() <= limit {
        return text.to_owned();
    }
    if limit < MARK.len() {
        return String::new();
    }
    let mut end = limit.saturating_sub(MARK.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{MARK}", &text[..end])
}

/// `{{ alert.startsAt | since }}`: how long ago that was, as a person says it (`5m ago`, `1h30m ago`), or
/// `in 5m` for a time still ahead.
fn since(value: &Value) -> Result<String, minijinja::Error> {
    let then = instant(value)?;
    let seconds = Timestamp::now().as_second() - then.as_second();
    let human = Human(Duration::from_secs(seconds.unsigned_abs()));
    Ok(if seconds >= 0 {
        format!("{human} ago")
    } else {
        format!("in {human}")
    })
}

/// A template's time value: an RFC 3339 string (what Alertmanager and Grafana send) or Unix seconds.
fn instant(value: &Value) -> Result<Timestamp, minijinja::Error> {
    let bad = |what: String| minijinja::Error::new(ErrorKind::InvalidOperation, what);
    if let Some(text) = value.as_str() {
        return text
            .parse::<Timestamp>()
            .map_err(|e| bad(format!("not an RFC 3339 time: {text:?}: {e}")));
    }
    match i64::try_from(value.clone()) {
        Ok(seconds) => {
            Timestamp::from_second(seconds).map_err(|e| bad(format!("not a time: {seconds}: {e}")))
        }
        Err(_) => Err(bad(format!(
            "not a time (an RFC 3339 string or Unix seconds): {value}"
        ))),
    }
}

/// A time zone by IANA name from the system's database, or a fixed offset such as `+08:00`; the zones in
/// `FIXED_ZONES` work without a database.
fn zone(name: &str) -> Result<TimeZone, minijinja::Error> {
    TimeZone::get(name)
        .ok()
        .or_else(|| without_database(name))
        .ok_or_else(|| {
            minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "unknown time zone {name:?} (an IANA name such as Asia/Shanghai, or +08:00)"
                ),
            )
        })
}

/// A zone of `FIXED_ZONES` or an offset (`+08:00`, `-05:30`, `+0800`).
fn without_database(name: &str) -> Option<TimeZone> {
    FIXED_ZONES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, hours)| Offset::constant(*hours))
        .or_else(|| fixed_offset(name))
        .map(TimeZone::fixed)
}

/// `+08:00`, `-05:30` or `+0800`.
fn fixed_offset(text: &str) -> Option<Offset> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(source: &str, data: &serde_json::Value) -> Result<String, TemplateError> {
        Template::from_source("t.j2", source).and_then(|t| t.render(data))
    }

    #[test]
    fn renders_jinja_over_json() {
        let data = json!({"alerts": [{"labels": {"alertname": "DiskFull"}}, {"labels": {"alertname": "Down"}}]});
        assert_eq!(
            render(
                "{% for a in alerts %}- {{ a.labels.alertname }}\n{% endfor %}",
                &data
            ),
            Ok("- DiskFull\n- Down\n".to_owned())
        );
    }

    #[test]
    fn a_missing_key_is_an_error_that_names_it() {
        let data = json!({"alert": {"labels": {}}});
        let error = render("severity: {{ alert.labels.severity }}", &data);
        assert_eq!(
            error.map_err(|e| e.to_string()),
            Err("t.j2 line 1: `alert.labels.severity` is undefined".to_owned())
        );
        let error = render("{{ host }}", &json!({}));
        assert_eq!(
            error.map_err(|e| e.to_string()),
            Err("t.j2 line 1: `host` is undefined".to_owned())
        );
        // `default` and `is defined` are how a template says a key is optional.
        assert_eq!(
            render(
                "{{ alert.labels.severity | default('none') }}{% if alert.x is defined %}!{% endif %}",
                &data
            ),
            Ok("none".to_owned())
        );
    }

    #[test]
    fn a_syntax_error_names_the_line() {
        let error = Template::from_source("am.md.j2", "line one\n{% for a in alerts %}\n{{ a }")
            .err()
            .map(|e| (e.file, e.line, e.what.starts_with("syntax error")));
        assert_eq!(error, Some(("am.md.j2".to_owned(), Some(3), true)));
    }

    #[test]
    fn a_file_is_read_and_named_in_errors() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let dir = dir.as_ref().map(tempfile::TempDir::path);
        let path = dir.map(|d| d.join("pods.j2")).unwrap_or_default();
        assert!(std::fs::write(&path, "{{ items | length }} pods\n{{ nope }}").is_ok());
        let template = Template::from_file(&path);
        let rendered = template
            .as_ref()
            .map_err(ToString::to_string)
            .and_then(|t| {
                t.render(&json!({"items": [1, 2]}))
                    .map_err(|e| e.to_string())
            });
        assert_eq!(
            rendered,
            Err(format!("{} line 2: `nope` is undefined", path.display()))
        );
        let missing = Template::from_file(&path.with_extension("absent")).err();
        assert_eq!(
            missing.map(|e| (e.line, e.what.starts_with("cannot read it: "))),
            Some((None, true))
        );
    }

    #[test]
    fn an_oversized_file_is_refused() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let path = dir
            .as_ref()
            .map(|d| d.path().join("big.j2"))
            .unwrap_or_default();
        let big = "x".repeat(usize::try_from(MAX_SOURCE_BYTES).unwrap_or(0) + 1);
        assert!(std::fs::write(&path, big).is_ok());
        assert_eq!(
            Template::from_file(&path).err().map(|e| e.what),
            Some("larger than 1048576 bytes: not a template".to_owned())
        );
    }

    #[test]
    fn datetime_shows_shanghai_time_by_default() {
        let data = json!({"t": "2024-05-01T00:00:00.123456789Z", "u": 1_714_521_600});
        assert_eq!(
            render("{{ t | datetime }}", &data),
            Ok("2024-05-01 08:00:00".to_owned())
        );
        assert_eq!(
            render("{{ u | datetime('%H:%M', 'UTC') }}", &data),
            Ok("00:00".to_owned())
        );
        assert_eq!(
            render("{{ t | datetime('%m-%d %H:%M %z', '-05:30') }}", &data),
            Ok("04-30 18:30 -0530".to_owned())
        );
        let bad = render("{{ 'yesterday' | datetime }}", &data).map_err(|e| e.what);
        assert_eq!(
            bad.map_err(|w| w.starts_with("invalid operation: not an RFC 3339 time: \"yesterday\"")),
            Err(true)
        );
        let bad_zone =
            render("{{ t | datetime('%H', 'Mars/Olympus') }}", &data).map_err(|e| e.what);
        assert_eq!(
            bad_zone,
            Err("invalid operation: unknown time zone \"Mars/Olympus\" (an IANA name such as Asia/Shanghai, or +08:00)".to_owned())
        );
    }

    #[test]
    fn the_china_zones_need_no_database() {
        let fixed = |name| without_database(name).and_then(|z| z.to_fixed_offset().ok());
        assert_eq!(fixed("Asia/Shanghai"), Some(Offset::constant(8)));
        assert_eq!(fixed("+05:30"), Offset::from_seconds(19_800).ok());
        assert_eq!(
            fixed("Europe/Berlin"),
            None,
            "a zone with DST needs the database"
        );
        assert_eq!(fixed_offset("+0800"), Some(Offset::constant(8)));
        assert_eq!(fixed_offset("+15:00"), None);
        assert_eq!(fixed_offset("08:00"), None);
    }

    #[test]
    fn truncate_bytes_cuts_on_a_character_boundary() {
        assert_eq!(truncate_bytes("short", 10), "short");
        assert_eq!(truncate_bytes("abcdefghij", 6), "abc…");
        // "磁盘满了" is 12 bytes; 8 leaves 5 for text, one whole character (3 bytes).
        assert_eq!(truncate_bytes("磁盘满了", 8), "磁…");
        assert_eq!(truncate_bytes("abcdef", 2), "");
        assert_eq!(
            render("{{ s | truncate_bytes(7) }}", &json!({"s": "disk is full"})),
            Ok("disk…".to_owned())
        );
    }

    #[test]
    fn since_says_how_long_ago() {
        let now = Timestamp::now().as_second();
        // Whole hours and minutes: a second passing during the test does not show.
        let past = json!({"t": now - 5400});
        assert_eq!(render("{{ t | since }}", &past), Ok("1h30m ago".to_owned()));
        let ahead = Timestamp::from_second(now + 7230).map(|t| t.to_string());
        let ahead = json!({"t": ahead.unwrap_or_default()});
        assert_eq!(
            render("{{ t | since }}", &ahead).map(|s| s.starts_with("in 2h")),
            Ok(true)
        );
    }
}
