//! Durations (`30s`, `10m`, `1h`, `1d`) and rate limits (`5/h`, `20/d`, `1/10m`) as the command line writes
//! them: pure parsing and formatting, shared by `--limit`, `--dedupe` and `history --since`.

use std::fmt;
use std::time::Duration;

/// The longest PERIOD or WINDOW: the send ledger keeps no entry older than this, so it stays small.
pub const MAX_PERIOD: Duration = Duration::from_secs(31 * 86_400);

/// The most sends a `--limit` may allow per period; the ledger keeps this many entries per target.
pub const MAX_COUNT: u32 = 10_000;

/// A number and a unit: `30s`, `10m`, `1h`, `1d` (a bare unit means 1 of it, so `5/h` reads naturally).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let count: u64 = if number.is_empty() {
        1
    } else {
        number
            .parse()
            .map_err(|_| format!("`{text}` is not a duration like 30s, 10m, 1h or 1d"))?
    };
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => {
            return Err(format!(
                "`{text}` is not a duration like 30s, 10m, 1h or 1d"
            ));
        }
    };
    let secs = count.saturating_mul(unit_secs);
    if secs == 0 {
        return Err(format!("`{text}`: a duration must be longer than 0"));
    }
    if secs > MAX_PERIOD.as_secs() {
        return Err(format!("`{text}`: a duration can be at most 31d"));
    }
    Ok(Duration::from_secs(secs))
}

/// `--limit N/PERIOD`: at most `count` sends per sliding `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub count: u32,
    pub period: Duration,
}

pub fn parse_limit(text: &str) -> Result<Limit, String> {
    let shape = || format!("`{text}` is not a limit like 5/h, 20/d or 1/10m (N/PERIOD)");
    let (count, period) = text.trim().split_once('/').ok_or_else(shape)?;
    let count: u32 = count.trim().parse().map_err(|_| shape())?;
    if count == 0 || count > MAX_COUNT {
        return Err(format!("`{text}`: N must be between 1 and {MAX_COUNT}"));
    }
    let period = parse_duration(period)?;
    Ok(Limit { count, period })
}

/// As `--limit` takes it, so a message quoting the flag can be given back: the period in the largest unit
/// that divides it exactly (`3/90m`, not a rounded `3/1h30m`), and `5/h` rather than `5/1h`.
impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.period.as_secs();
        let (size, unit) = [(86_400, 'd'), (3600, 'h'), (60, 'm')]
            .into_iter()
            .find(|(size, _)| secs.is_multiple_of(*size))
            .unwrap_or((1, 's'));
        match secs / size {
            1 => write!(f, "{}/{unit}", self.count),
            n => write!(f, "{}/{n}{unit}", self.count),
        }
    }
}

/// A duration the way a person says it: `45s`, `10m`, `1h30m`, `2d3h`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Human(pub Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        let (days, hours, minutes, seconds) = (
            secs / 86_400,
            secs % 86_400 / 3600,
            secs % 3600 / 60,
            secs % 60,
        );
        let mut any = false;
        for (value, unit) in [(days, 'd'), (hours, 'h'), (minutes, 'm')] {
            // Two units are precise enough: "2d3h", not "2d3h4m5s".
            if value > 0 && !(any && days > 0 && unit == 'm') {
                write!(f, "{value}{unit}")?;
                any = true;
            }
        }
        if seconds > 0 && secs < 3600 || !any {
            write!(f, "{seconds}s")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn durations_take_a_number_and_a_unit() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("h"), Ok(Duration::from_secs(3600)));
        for bad in [
            "", "0s", "10", "1.5h", "-1h", "1 h", "1H", "1w", "32d", "h1",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn limits_take_a_count_and_a_period() {
        let limit = |count, secs| {
            Ok(Limit {
                count,
                period: Duration::from_secs(secs),
            })
        };
        assert_eq!(parse_limit("5/h"), limit(5, 3600));
        assert_eq!(parse_limit("20/d"), limit(20, 86_400));
        assert_eq!(parse_limit("1/10m"), limit(1, 600));
        for bad in ["5", "0/h", "/h", "5/", "x/h", "5/h/d", "10001/d", "-1/h"] {
            assert!(parse_limit(bad).is_err(), "{bad:?}");
        }
        assert!(
            parse_limit("20").is_err_and(|e| e.contains("N/PERIOD")),
            "the error shows the expected shape"
        );
    }

    #[test]
    fn human_durations_read_naturally() {
        let h = |secs| Human(Duration::from_secs(secs)).to_string();
        assert_eq!(h(0), "0s");
        assert_eq!(h(45), "45s");
        assert_eq!(h(600), "10m");
        assert_eq!(h(605), "10m5s");
        assert_eq!(h(5400), "1h30m");
        assert_eq!(h(3605), "1h");
        assert_eq!(h(86_400 * 2 + 3 * 3600 + 60), "2d3h");
        for written in ["1/10m", "5/h", "20/d", "3/90m", "1/1441m", "2/25h"] {
            let shown = parse_limit(written).map(|l| l.to_string());
            assert_eq!(shown.as_deref(), Ok(written));
        }
        assert_eq!(
            parse_limit("4/60m").map(|l| l.to_string()).as_deref(),
            Ok("4/h")
        );
    }

    proptest! {
        #[test]
        fn every_written_duration_parses_back(count in 1u64..=31, unit in prop::sample::select(vec!["s", "m", "h", "d"])) {
            let text = format!("{count}{unit}");
            let parsed = parse_duration(&text);
            prop_assert!(parsed.is_ok(), "{text}");
            let secs = parsed.map(|d| d.as_secs()).unwrap_or_default();
            let scale = match unit { "s" => 1, "m" => 60, "h" => 3600, _ => 86_400 };
            prop_assert_eq!(secs, count * scale);
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,12}") {
            let _ = parse_duration(&text);
            let _ = parse_limit(&text);
        }

        #[test]
        fn a_whole_number_of_one_unit_is_shown_as_written(
            (n, unit) in prop_oneof![(1u64..60, Just(60u64)), (1u64..24, Just(3600u64)), (1u64..=31, Just(86_400u64))]
        ) {
            let shown = Human(Duration::from_secs(n * unit)).to_string();
            prop_assert_eq!(parse_duration(&shown).map(|d| d.as_secs()), Ok(n * unit));
        }
    }
}
