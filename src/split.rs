//! Fitting a message into a channel's size limit: split it into numbered parts, truncate it, or refuse.
//!
//! Pure functions over `&str`. Sizes are counted the way the service counts them ([`Cost`]), cuts never fall
//! inside a UTF-8 character, and the `(i/n) ` prefix of each part counts inside the limit.

use crate::error::Error;

/// What to do with a message over the channel's limit (`--overflow`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Overflow {
    /// Send it as numbered parts, cut at line breaks where possible.
    Split,
    /// Keep the head and the tail, and say how much was left out between them.
    Truncate,
    /// Refuse to send it.
    Error,
}

/// How a service measures a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// Bytes of the UTF-8 text.
    Utf8,
    /// Bytes of the text once escaped inside a JSON string (a newline counts twice).
    JsonEscaped,
}

impl Cost {
    /// What one byte of UTF-8 text costs: a multi-byte character goes into JSON as its own bytes, so both
    /// models are a sum over bytes, which keeps measuring a 10 MB body one tight pass.
    fn of_byte(self, byte: u8) -> usize {
        match (self, byte) {
            (Cost::JsonEscaped, b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c) => 2,
            (Cost::JsonEscaped, b) if b < 0x20 => 6,
            // UTF-8 text, and every other byte of JSON-escaped text, counts once.
            _ => 1,
        }
    }

    pub fn of(self, text: &str) -> usize {
        match self {
            Cost::Utf8 => text.len(),
            Cost::JsonEscaped => text.bytes().map(|b| self.of_byte(b)).sum(),
        }
    }
}

/// A channel's size limit for one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub max: usize,
    pub cost: Cost,
}

/// The settings of `--overflow`, `--max-parts` and `--max-bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverflowPolicy {
    pub mode: Overflow,
    pub max_parts: usize,
    pub max_bytes: Option<usize>,
}

/// Below this a split would make absurdly many parts; it can only come from a mistaken `--max-bytes`.
const MIN_PART_BUDGET: usize = 16;

/// Turns a message into the texts to send, one request each.
pub fn fit(body: &str, budget: Budget, policy: OverflowPolicy) -> Result<Vec<String>, Error> {
    let size = budget.cost.of(body);
    if size <= budget.max {
        return Ok(vec![body.to_owned()]);
    }
    match policy.mode {
        Overflow::Error => Err(Error::BadInput(format!(
            "the message is {size} bytes, over the channel's limit of {} (--overflow error); nothing was sent",
            budget.max
        ))),
        Overflow::Truncate => truncate(body, budget)
            .ok_or_else(|| too_small(budget))
            .map(|t| vec![t]),
        Overflow::Split => {
            // Every part holds at most `budget.max`, so this many are needed at least: a body far over
            // `--max-parts` is refused without the work of cutting it (10 MB would take seconds).
            let at_least = size.div_ceil(budget.max.max(1));
            if at_least > policy.max_parts {
                return Err(too_many_parts(
                    &format!("{at_least} parts or more"),
                    budget,
                    policy,
                ));
            }
            let parts = split(body, budget).ok_or_else(|| too_small(budget))?;
            if parts.len() > policy.max_parts {
                return Err(too_many_parts(
                    &format!("{} parts", parts.len()),
                    budget,
                    policy,
                ));
            }
            Ok(parts)
        }
    }
}

fn too_many_parts(needed: &str, budget: Budget, policy: OverflowPolicy) -> Error {
    Error::BadInput(format!(
        "the message needs {needed} of at most {} bytes, more than --max-parts {}; nothing was sent \
         (raise --max-parts, or use --overflow truncate)",
        budget.max, policy.max_parts
    ))
}

fn too_small(budget: Budget) -> Error {
    Error::BadInput(format!(
        "a limit of {} bytes leaves no room for the message (check --max-bytes)",
        budget.max
    ))
}

fn prefix(index: usize, total: usize) -> String {
    format!("({index}/{total}) ")
}

/// Splits `body` into parts that each fit `budget` with their `(i/n) ` prefix. `None` if the budget is too
/// small to make progress.
pub(crate) fn split(body: &str, budget: Budget) -> Option<Vec<String>> {
    let mut total = 2;
    loop {
        // The widest prefix of this total bounds every part's prefix.
        let room = budget.max.checked_sub(prefix(total, total).len())?;
        if room < MIN_PART_BUDGET {
            return None;
        }
        let pieces = chunks(body, budget.cost, room);
        if pieces.len() <= total {
            let n = pieces.len();
            return Some(
                pieces
                    .iter()
                    .enumerate()
                    .map(|(i, piece)| format!("{}{piece}", prefix(i + 1, n)))
                    .collect(),
            );
        }
        total = pieces.len();
    }
}

/// Cuts `body` into consecutive pieces of at most `room` cost each; their concatenation is `body`.
/// A cut prefers the end of a paragraph, then of a line, then a space, as long as that keeps the piece at
/// least half full; otherwise it falls at the last character that fits.
pub(crate) fn chunks(body: &str, cost: Cost, room: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = body;
    // Kept up to date rather than recounted, so a 10 MB body costs one pass, not one per piece.
    let mut rest_cost = cost.of(rest);
    while rest_cost > room {
        let end = fitting_prefix(rest, cost, room);
        if end == 0 {
            // A single character costs more than the room; `split` keeps room above any character's cost.
            break;
        }
        let window = &rest[..end];
        let cut = preferred_cut(window).unwrap_or(end);
        pieces.push(&rest[..cut]);
        rest_cost -= cost.of(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// The byte length of the longest prefix of `text` whose cost is at most `room`, ending on a character
/// boundary.
fn fitting_prefix(text: &str, cost: Cost, room: usize) -> usize {
    let mut end = match cost {
        Cost::Utf8 => room.min(text.len()),
        Cost::JsonEscaped => {
            let mut used = 0;
            text.bytes()
                .position(|b| {
                    used += cost.of_byte(b);
                    used > room
                })
                .unwrap_or(text.len())
        }
    };
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Where to end a piece inside `window` (just after a separator), if a separator sits in its second half.
fn preferred_cut(window: &str) -> Option<usize> {
    let half = window.len() / 2;
    let after = |found: Option<usize>, len: usize| found.map(|i| i + len).filter(|&cut| cut > half);
    after(window.rfind("\n\n"), 2)
        .or_else(|| after(window.rfind('\n'), 1))
        .or_else(|| after(window.rfind([' ', '\t']), 1))
}

/// Keeps the head and the tail of `body` within `budget`, with `…[N bytes omitted]…` between them.
pub(crate) fn truncate(body: &str, budget: Budget) -> Option<String> {
    // Sized for the largest N possible, so the marker never outgrows its room.
    let widest = marker(body.len());
    let room = budget.max.checked_sub(budget.cost.of(&widest))?;
    if room < MIN_PART_BUDGET {
        return None;
    }
    let head_end = fitting_prefix(body, budget.cost, room / 2);
    let tail_start = fitting_suffix(&body[head_end..], budget.cost, room - room / 2) + head_end;
    let omitted = tail_start - head_end;
    Some(format!(
        "{}{}{}",
        &body[..head_end],
        marker(omitted),
        &body[tail_start..]
    ))
}

fn marker(omitted: usize) -> String {
    format!("\n…[{omitted} bytes omitted]…\n")
}

/// The byte index where the longest suffix of `text` costing at most `room` starts.
fn fitting_suffix(text: &str, cost: Cost, room: usize) -> usize {
    let mut used = 0;
    let mut start = text
        .bytes()
        .rposition(|b| {
            used += cost.of_byte(b);
            used > room
        })
        .map_or(0, |i| i + 1);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const UTF8: Cost = Cost::Utf8;

    fn budget(max: usize) -> Budget {
        Budget { max, cost: UTF8 }
    }

    fn policy(mode: Overflow, max_parts: usize) -> OverflowPolicy {
        OverflowPolicy {
            mode,
            max_parts,
            max_bytes: None,
        }
    }

    fn strip_prefix(part: &str) -> &str {
        part.split_once(") ").map_or(part, |(_, rest)| rest)
    }

    #[test]
    fn a_fitting_body_is_one_part_without_prefix() {
        let parts = fit("hello", budget(5), policy(Overflow::Split, 10)).ok();
        assert_eq!(parts, Some(vec!["hello".to_owned()]));
    }

    #[test]
    fn split_cuts_after_line_breaks() {
        let body = "line one\nline two\nline three";
        let parts = split(body, budget(24)).unwrap_or_default();
        assert_eq!(parts, ["(1/2) line one\nline two\n", "(2/2) line three"]);
    }

    #[test]
    fn split_prefers_a_paragraph_break() {
        let body = "aaaa aaaa aaaa\n\nbbbb\nbbbb cccc cccc";
        let parts = split(body, budget(30)).unwrap_or_default();
        assert_eq!(
            parts,
            ["(1/2) aaaa aaaa aaaa\n\n", "(2/2) bbbb\nbbbb cccc cccc"]
        );
    }

    #[test]
    fn split_never_cuts_inside_a_character() {
        let body = "中".repeat(100); // 300 bytes, no separators
        let parts = split(&body, budget(50)).unwrap_or_default();
        assert!(parts.iter().all(|p| p.len() <= 50));
        let joined: String = parts.iter().map(|p| strip_prefix(p)).collect();
        assert_eq!(joined, body);
    }

    #[test]
    fn prefix_width_grows_with_the_part_count() {
        let body = "x".repeat(1000);
        let parts = split(&body, budget(30)).unwrap_or_default();
        assert!(parts.len() > 9);
        assert!(parts.iter().all(|p| p.len() <= 30), "{parts:?}");
        assert!(parts[0].starts_with(&format!("(1/{}) ", parts.len())));
    }

    #[test]
    fn too_many_parts_fails_before_anything() {
        let body = "word ".repeat(1000);
        let err = fit(&body, budget(100), policy(Overflow::Split, 3)).err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("more than --max-parts 3"), "{msg}");
    }

    #[test]
    fn a_body_far_over_the_part_limit_is_refused_by_its_size_alone() {
        // 5000 bytes cannot fit in 3 parts of 100: refused from the lower bound, before any cut.
        let err = fit(&"x".repeat(5000), budget(100), policy(Overflow::Split, 3)).err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("needs 50 parts or more"), "{msg}");
        // Near the limit the exact count is still given.
        let err = fit(&"word ".repeat(58), budget(100), policy(Overflow::Split, 3)).err();
        let msg = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("needs 4 parts of at most"), "{msg}");
    }

    #[test]
    fn error_mode_refuses_an_oversized_body() {
        let err = fit("abcdef", budget(5), policy(Overflow::Error, 10)).err();
        assert_eq!(err.map(|e| e.exit().code()), Some(2));
    }

    #[test]
    fn truncate_keeps_head_and_tail_and_counts_the_gap() {
        let body = format!("HEAD{}TAIL", "-".repeat(1000));
        let out = truncate(&body, budget(64)).unwrap_or_default();
        // The widest marker (28 bytes) leaves 36: 18 of head, 18 of tail, 972 bytes left out.
        assert_eq!(
            out,
            format!(
                "HEAD{}\n…[972 bytes omitted]…\n{}TAIL",
                "-".repeat(14),
                "-".repeat(14)
            )
        );
        assert!(out.len() <= 64);
    }

    #[test]
    fn json_escaped_cost_counts_newlines_twice() {
        assert_eq!(Cost::JsonEscaped.of("a\nb\"c"), 7);
        assert_eq!(Cost::JsonEscaped.of("\u{1}"), 6);
        assert_eq!(Cost::JsonEscaped.of("中"), 3);
        let body = "\n".repeat(40);
        let parts = split(
            &body,
            Budget {
                max: 30,
                cost: Cost::JsonEscaped,
            },
        )
        .unwrap_or_default();
        assert!(parts.iter().all(|p| Cost::JsonEscaped.of(p) <= 30));
    }

    #[test]
    fn a_budget_with_no_room_is_an_error_not_a_loop() {
        assert_eq!(split("abcdefghijklmnop", budget(8)), None);
        let err = fit(&"x".repeat(100), budget(8), policy(Overflow::Split, 10)).err();
        assert_eq!(err.map(|e| e.exit().code()), Some(2));
    }

    proptest! {
        #[test]
        fn split_parts_fit_and_restore_the_body(
            body in "(\\PC|\n| ){1,600}",
            max in 24usize..200,
            json in any::<bool>(),
        ) {
            let cost = if json { Cost::JsonEscaped } else { Cost::Utf8 };
            let b = Budget { max, cost };
            let parts = split(&body, b).unwrap_or_default();
            prop_assert!(!parts.is_empty());
            let n = parts.len();
            let mut joined = String::new();
            for (i, part) in parts.iter().enumerate() {
                prop_assert!(cost.of(part) <= max, "part {} costs {} > {}", i, cost.of(part), max);
                let prefix = format!("({}/{}) ", i + 1, n);
                prop_assert!(part.starts_with(&prefix));
                joined.push_str(&part[prefix.len()..]);
            }
            prop_assert_eq!(joined, body);
        }

        #[test]
        fn truncate_fits_and_keeps_both_ends(body in "\\PC{50,400}", max in 60usize..200) {
            // The widest marker is 27 bytes for bodies this size: 60 leaves room for both ends.
            let out = truncate(&body, budget(max)).unwrap_or_default();
            prop_assert!(out.len() <= max);
            let first = body.chars().next().unwrap_or_default();
            let last = body.chars().last().unwrap_or_default();
            prop_assert!(out.starts_with(first) && out.ends_with(last));
        }
    }
}
