//! The group states `serve` has queued lately, so Alertmanager's re-send of an unchanged group (its
//! `repeat_interval`, or a retry) within a route's `repeat` window is not sent again. Kept in memory and in
//! one private file in the state directory (`serve-seen.json`), rewritten crash-safely after each queued
//! group, so a restart does not forget them.
//!
//! A state is *reserved* before its messages are queued and *released* if they could not be: of two
//! identical posts at once (an Alertmanager HA pair) only one is queued, and a failed one is not remembered.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// States older than this are forgotten, whatever a route's window (`repeat` is at most 31 days).
const FORGET_AFTER: u64 = 31 * 86_400;

pub(crate) struct Seen {
    path: PathBuf,
    /// State → unix seconds it was queued, and how many changes were made to it.
    states: Mutex<(HashMap<String, u64>, u64)>,
    /// Held while the file is written, so writes do not interleave; the changes the file holds.
    file: Mutex<u64>,
}

/// What [`Seen::reserve`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reserved {
    /// New (or older than the window): queue it, then [`Seen::keep`] or [`Seen::release`].
    New(Option<u64>),
    /// Queued at this time, within the window: not again.
    Repeat(u64),
}

impl Seen {
    /// Reads the file (a missing one is empty; an unreadable one is an error, never overwritten blindly).
    pub(crate) fn open(path: &Path) -> Result<Seen, String> {
        let states = match crate::private_file::read(path) {
            Ok(None) => HashMap::new(),
            Ok(Some(bytes)) => serde_json::from_slice(&bytes).map_err(|e| {
                format!(
                    "{} is corrupt ({e}): move it away to start afresh",
                    path.display()
                )
            })?,
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        Ok(Seen {
            path: path.to_owned(),
            states: Mutex::new((states, 0)),
            file: Mutex::new(0),
        })
    }

    /// Claims `state` at `now` unless it was queued within `window` seconds.
    pub(crate) fn reserve(&self, state: &str, now: u64, window: u64) -> Reserved {
        let mut guard = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        let (states, changes) = &mut *guard;
        match states.get(state) {
            Some(&at) if now.saturating_sub(at) < window => Reserved::Repeat(at),
            before => {
                let before = before.copied();
                states.insert(state.to_owned(), now);
                *changes += 1;
                Reserved::New(before)
            }
        }
    }

    /// The messages were not queued: forget the reservation (an earlier time comes back).
    pub(crate) fn release(&self, state: &str, before: Option<u64>) {
        let mut guard = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        let (states, changes) = &mut *guard;
        *changes += 1;
        match before {
            Some(at) => states.insert(state.to_owned(), at),
            None => states.remove(state),
        };
    }

    /// The messages are queued: the reservation is written down, with old states forgotten. Posts that
    /// arrive together share a write (group commit): one that waited while another wrote its state too
    /// returns at once.
    pub(crate) fn keep(&self, now: u64) -> io::Result<()> {
        let mine = self.states.lock().unwrap_or_else(PoisonError::into_inner).1;
        let mut written = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if *written >= mine {
            return Ok(());
        }
        let (json, changes) = {
            let mut guard = self.states.lock().unwrap_or_else(PoisonError::into_inner);
            let (states, changes) = &mut *guard;
            states.retain(|_, at| now.saturating_sub(*at) < FORGET_AFTER);
            (
                serde_json::to_vec(&*states).map_err(io::Error::other)?,
                *changes,
            )
        };
        crate::private_file::replace(&self.path, &json)?;
        *written = changes;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_within_the_window_is_a_repeat_and_survives_a_restart() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("seen.json");
        let seen = Seen::open(&path).expect("open");
        assert_eq!(seen.reserve("a", 1000, 3600), Reserved::New(None));
        assert_eq!(seen.reserve("a", 1001, 3600), Reserved::Repeat(1000));
        seen.keep(1001).expect("keep");
        let again = Seen::open(&path).expect("reopen");
        assert_eq!(again.reserve("a", 4599, 3600), Reserved::Repeat(1000));
        assert_eq!(again.reserve("a", 4600, 3600), Reserved::New(Some(1000)));
    }

    #[test]
    fn a_released_state_is_forgotten() {
        let dir = tempfile::tempdir().expect("dir");
        let seen = Seen::open(&dir.path().join("seen.json")).expect("open");
        let Reserved::New(before) = seen.reserve("b", 10, 60) else {
            panic!("new");
        };
        seen.release("b", before);
        assert_eq!(seen.reserve("b", 11, 60), Reserved::New(None));
    }

    #[test]
    fn a_corrupt_file_is_reported_not_overwritten() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("seen.json");
        std::fs::write(&path, "{not json").expect("write");
        let err = Seen::open(&path).err().expect("refused");
        assert!(err.contains("is corrupt"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("{not json")
        );
    }
}
