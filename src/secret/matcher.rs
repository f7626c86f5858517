//! Finding every registered form in a text in one pass, with a table of seeds built once per set of known
//! forms (again only after a new form was registered).
//!
//! A form is found by its seeds: its [`SEED`]-byte pieces at multiples of [`SEED`]. Any [`SLICE`]
//! characters of a form are at least `2 * SEED - 1` bytes and so hold a whole seed. The text is read once,
//! each [`SEED`]-byte window looked up in the table (a bitmap first, so most windows cost a few
//! instructions); from a seed found, the match is extended both ways as far as the text and the form agree,
//! and masked when that is the whole form or [`SLICE`] characters or more. A form shorter than that, or a
//! value masked only where it stands, is found by its first [`SEED`] bytes and compared whole.
//!
//! Not an Aho-Corasick automaton: building one over the few hundred seeds of a run's secrets costs about
//! 2 M instructions, as much as the rest of a send; this table costs a sort.

use std::collections::BTreeSet;
use std::sync::Arc;

/// The shortest slice of a secret that may not survive in any output (contract, "Redaction covers
/// every form").
pub(super) const SLICE: usize = 12;

/// The length of a seed, and of the shortest pattern (a shorter value is not masked).
const SEED: usize = 4;

/// The bitmap's size in bits: a power of two, so that few windows of a text pass it by chance.
const BITS: usize = 1 << 16;

/// What a seed found in the text means.
#[derive(Clone, Copy)]
enum Action {
    /// The seed at `offset` of form `form`: extend, and mask if long enough.
    Seed { form: usize, offset: usize },
    /// The start of form `form`: mask it if it is there whole, but not the `before` and `after` bytes of
    /// context around the secret.
    Whole {
        form: usize,
        before: usize,
        after: usize,
    },
}

/// Every known form and the table of their seeds: sorted, with a bitmap of their hashes. A new form's
/// seeds are merged in when the table is next used, and the table shared with the scans under way is
/// copied only then.
pub(super) struct Known {
    forms: Vec<Arc<[u8]>>,
    known: BTreeSet<(Vec<u8>, usize)>,
    new_seeds: Vec<(u32, Action)>,
    built: Option<Arc<Matcher>>,
}

/// The seeds, sorted, a bitmap of their hashes, and the forms they are of.
#[derive(Clone)]
pub(super) struct Matcher {
    bits: Vec<u64>,
    seeds: Vec<(u32, Action)>,
    forms: Vec<Arc<[u8]>>,
}

/// A window's place in the bitmap.
fn slot(window: u32) -> usize {
    (window.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// The first [`SEED`] bytes of `bytes` as one number.
fn key(bytes: &[u8]) -> u32 {
    bytes[..SEED]
        .iter()
        .fold(0, |key, &b| (key << 8) | u32::from(b))
}

impl Known {
    pub(super) const fn new() -> Self {
        Self {
            forms: Vec::new(),
            known: BTreeSet::new(),
            new_seeds: Vec::new(),
            built: None,
        }
    }

    /// A form masked wherever it appears, whole or any [`SLICE`] characters of it.
    pub(super) fn add_sliced(&mut self, form: &str) {
        let bytes = form.as_bytes();
        if bytes.len() < SEED || !self.known.insert((bytes.to_vec(), usize::MAX)) {
            return;
        }
        let id = self.forms.len();
        self.forms.push(bytes.into());
        if bytes.len() < 2 * SEED - 1 {
            let whole = Action::Whole {
                form: id,
                before: 0,
                after: 0,
            };
            self.new_seeds.push((key(bytes), whole));
        } else {
            self.new_seeds.reserve(bytes.len() / SEED);
            for offset in (0..=bytes.len() - SEED).step_by(SEED) {
                let seed = Action::Seed { form: id, offset };
                self.new_seeds.push((key(&bytes[offset..]), seed));
            }
        }
    }

    /// `value` masked where it appears whole between `before` and `after`, which stay.
    pub(super) fn add_placed(&mut self, before: &str, value: &str, after: &str) {
        let pattern = format!("{before}{value}{after}").into_bytes();
        if value.is_empty()
            || pattern.len() < SEED
            || !self.known.insert((pattern.clone(), before.len()))
        {
            return;
        }
        let whole = Action::Whole {
            form: self.forms.len(),
            before: before.len(),
            after: after.len(),
        };
        self.new_seeds.push((key(&pattern), whole));
        self.forms.push(pattern.into());
    }

    /// The table over every form known now: the one built before unless a form came since.
    pub(super) fn matcher(&mut self) -> Arc<Matcher> {
        let built = self.built.get_or_insert_with(|| {
            Arc::new(Matcher {
                bits: vec![0; BITS / 64],
                seeds: Vec::new(),
                forms: Vec::new(),
            })
        });
        if !self.new_seeds.is_empty() {
            let table = Arc::make_mut(built);
            self.new_seeds.sort_unstable_by_key(|(key, _)| *key);
            for (key, _) in &self.new_seeds {
                let at = slot(*key);
                table.bits[at / 64] |= 1 << (at % 64);
            }
            let old = std::mem::take(&mut table.seeds);
            table.seeds = merged(old, std::mem::take(&mut self.new_seeds));
            table
                .forms
                .extend_from_slice(&self.forms[table.forms.len()..]);
        }
        Arc::clone(built)
    }
}

/// Two lists sorted by key, as one.
fn merged(a: Vec<(u32, Action)>, b: Vec<(u32, Action)>) -> Vec<(u32, Action)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if x.0 <= y.0 { a.next() } else { b.next() };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    out
}

impl Matcher {
    /// `text` with every known form masked, overlapping and adjacent matches as one `mask`; `None` when
    /// nothing matched.
    pub(super) fn mask(&self, text: &str, mask: &str) -> Option<String> {
        if self.seeds.is_empty() {
            return None;
        }
        let bytes = text.as_bytes();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut window = 0u32;
        for (end, &byte) in bytes.iter().enumerate() {
            window = (window << 8) | u32::from(byte);
            let at = slot(window);
            if end + 1 < SEED || self.bits[at / 64] & (1 << (at % 64)) == 0 {
                continue;
            }
            let start = end + 1 - SEED;
            let first = self.seeds.partition_point(|(key, _)| *key < window);
            for (_, action) in self.seeds[first..]
                .iter()
                .take_while(|(key, _)| *key == window)
            {
                let span = match *action {
                    Action::Seed { form, offset } => extend(text, &self.forms[form], offset, start),
                    Action::Whole {
                        form,
                        before,
                        after,
                    } => {
                        let form = &self.forms[form];
                        bytes[start..]
                            .starts_with(form)
                            .then(|| (start + before, start + form.len() - after))
                    }
                };
                spans.extend(span.map(|(from, to)| widened(text, from, to)));
            }
        }
        if spans.is_empty() {
            return None;
        }
        Some(masked(text, spans, mask))
    }
}

/// `text` with each of `spans` (overlapping and adjacent ones merged) replaced by `mask`.
fn masked(text: &str, mut spans: Vec<(usize, usize)>, mask: &str) -> String {
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut open: Option<(usize, usize)> = None;
    for (from, to) in spans {
        match &mut open {
            Some((_, end)) if from <= *end => *end = (*end).max(to),
            _ => {
                if let Some((start, end)) = open.replace((from, to)) {
                    out.push_str(&text[done..start]);
                    out.push_str(mask);
                    done = end;
                }
            }
        }
    }
    if let Some((start, end)) = open {
        out.push_str(&text[done..start]);
        out.push_str(mask);
        done = end;
    }
    out.push_str(&text[done..]);
    out
}

/// The span of `text` around the seed found at `at` (of `form`, at `offset`) where the text and the
/// form agree, when that is the whole form or [`SLICE`] characters or more.
fn extend(text: &str, form: &[u8], offset: usize, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let back = (1..=offset.min(at))
        .take_while(|&i| bytes[at - i] == form[offset - i])
        .count();
    let (end, form_end) = (at + SEED, offset + SEED);
    let ahead = (0..(form.len() - form_end).min(bytes.len() - end))
        .take_while(|&i| bytes[end + i] == form[form_end + i])
        .count();
    let (from, to) = (at - back, end + ahead);
    let whole = back == offset && form_end + ahead == form.len();
    (whole || narrowed(text, from, to) >= SLICE).then_some((from, to))
}

/// How many whole characters `text[from..to]` holds (its ends may cut a character).
fn narrowed(text: &str, mut from: usize, mut to: usize) -> usize {
    while from < to && !text.is_char_boundary(from) {
        from += 1;
    }
    while to > from && !text.is_char_boundary(to) {
        to -= 1;
    }
    text[from..to].chars().count()
}

/// `from..to` widened to whole characters, so a mask never cuts one.
fn widened(text: &str, mut from: usize, mut to: usize) -> (usize, usize) {
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_built_once_per_set_of_forms() {
        let mut known = Known::new();
        known.add_sliced("first-secret-value-1234");
        let first = known.matcher();
        assert!(Arc::ptr_eq(&first, &known.matcher()));
        // A form known already changes nothing.
        known.add_sliced("first-secret-value-1234");
        assert!(Arc::ptr_eq(&first, &known.matcher()));
        known.add_sliced("second-secret-value-5678");
        let second = known.matcher();
        assert!(!Arc::ptr_eq(&first, &second));
        // A 10 MB text is one pass over the table, which stays.
        let body = format!(
            "{}second-secret-value-5678{}",
            "x".repeat(5_000_000),
            "y".repeat(5_000_000)
        );
        let masked = second.mask(&body, "***").unwrap_or_default();
        assert_eq!(masked.len(), 10_000_003);
        assert!(Arc::ptr_eq(&second, &known.matcher()));
    }

    #[test]
    fn slices_and_the_whole_form_are_one_mask() {
        let mut known = Known::new();
        known.add_sliced("abcdefghijklmnopqrstuvwxyz");
        let m = known.matcher();
        let mask = |t: &str| m.mask(t, "***").unwrap_or_else(|| t.to_owned());
        assert_eq!(mask("<abcdefghijklmnopqrstuvwxyz>"), "<***>");
        // Any 12 characters of it, alone or twice side by side.
        assert_eq!(mask("<cdefghijklmn>"), "<***>");
        assert_eq!(mask("<opqrstuvwxyzabcdefghijklm>"), "<***>");
        // 11 are not a slice, and the form in part is not the form.
        assert_eq!(mask("<cdefghijklm>"), "<cdefghijklm>");
    }

    #[test]
    fn a_placed_value_is_masked_where_it_stands_only() {
        let mut known = Known::new();
        known.add_placed("key=", "k3y", "");
        known.add_placed("//", "bob:pw", "@");
        let m = known.matcher();
        let mask = |t: &str| m.mask(t, "***").unwrap_or_else(|| t.to_owned());
        assert_eq!(
            mask("https://bob:pw@h/x?key=k3y&k3y"),
            "https://***@h/x?key=***&k3y"
        );
        assert_eq!(mask("bob:pw k3y"), "bob:pw k3y");
    }

    #[test]
    fn a_mask_never_cuts_a_character() {
        let mut known = Known::new();
        known.add_sliced("中文密钥中文密钥中文密钥中文");
        let m = known.matcher();
        // 13 characters of it after 席, whose last two bytes are those of 中.
        let text = "<席文密钥中文密钥中文密钥中文>";
        assert_eq!(m.mask(text, "***").as_deref(), Some("<***>"));
        assert_eq!(
            m.mask("<前文密钥中文密钥中文密钥中文>", "***").as_deref(),
            Some("<前***>")
        );
    }
}
