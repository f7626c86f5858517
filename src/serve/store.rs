//! The durable record of each user's addresses: what an update changes ([`Records::apply`], pure) and the
//! one JSON file it lives in ([`Store`]), replaced atomically and fsynced before an update is acknowledged.

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError, RwLock};

/// Address changes kept per user, newest first.
pub(crate) const HISTORY_LEN: usize = 20;
/// Users the store accepts, so an authenticated but buggy client cannot grow the file without bound.
pub(crate) const MAX_USERS: usize = 10_000;
/// The file format's version; a file with another one is refused rather than misread.
const FORMAT_VERSION: u32 = 1;

/// One address as ddns-go reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub addr: IpAddr,
    /// ddns-go's result word as sent (成功 / success / 失败 / failed / 未改变 / unchanged …).
    pub result: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub domains: String,
    /// Unix seconds.
    pub at: u64,
}

/// Everything known about one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UserRecord {
    /// The most recently changed address, which `GET /ip/{USER}` prints.
    pub addr: IpAddr,
    pub updated_at: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv4: Option<Entry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<Entry>,
    /// Address changes, newest first, at most [`HISTORY_LEN`].
    #[serde(default)]
    pub history: Vec<Entry>,
}

/// What one webhook call reports for one address family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub addr: IpAddr,
    pub result: String,
    pub domains: String,
}

/// One webhook call: a user and one or two addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub user: String,
    pub observations: Vec<Observation>,
}

/// What an update did to one family, for the notification and the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub old: Option<IpAddr>,
    pub new: IpAddr,
    pub result: String,
    pub domains: String,
    /// The family's previous report was a failed DNS update.
    pub was_failing: bool,
}

impl Change {
    pub(crate) fn address_changed(&self) -> bool {
        self.old != Some(self.new)
    }

    pub(crate) fn failed(&self) -> bool {
        is_failure(&self.result)
    }

    /// A report that is not a failure after one that was.
    pub(crate) fn recovered(&self) -> bool {
        self.was_failing && !self.failed()
    }

    /// A changed address, a failed DNS update (ddns-go already waits for three failures in a row), or the
    /// first success after a failure.
    pub(crate) fn worth_notifying(&self) -> bool {
        self.address_changed() || self.failed() || self.recovered()
    }
}

/// ddns-go localises its result words: both languages mean the same.
pub(crate) fn is_failure(result: &str) -> bool {
    matches!(
        result.trim().to_ascii_lowercase().as_str(),
        "failed" | "失败" | "fail" | "failure"
    )
}

/// All users, as in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Records {
    users: BTreeMap<String, UserRecord>,
}

/// The store holds [`MAX_USERS`] users already.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Full;

impl Records {
    pub(crate) fn get(&self, user: &str) -> Option<&UserRecord> {
        self.users.get(user)
    }

    /// Applies an update at time `now`; returns one change per observation and whether anything moved.
    pub(crate) fn apply(&mut self, update: &Update, now: u64) -> Result<(Vec<Change>, bool), Full> {
        if !self.users.contains_key(&update.user) && self.users.len() >= MAX_USERS {
            return Err(Full);
        }
        let mut changes = Vec::new();
        let mut dirty = false;
        let mut record = self.users.get(&update.user).cloned();
        for seen in &update.observations {
            let entry = Entry {
                addr: seen.addr,
                result: seen.result.clone(),
                domains: seen.domains.clone(),
                at: now,
            };
            let rec = record.get_or_insert_with(|| UserRecord {
                addr: seen.addr,
                updated_at: now,
                ipv4: None,
                ipv6: None,
                history: Vec::new(),
            });
            let slot = if seen.addr.is_ipv4() {
                &mut rec.ipv4
            } else {
                &mut rec.ipv6
            };
            let old = slot.as_ref().map(|e| e.addr);
            let was_failing = slot.as_ref().is_some_and(|e| is_failure(&e.result));
            let same = slot.as_ref().is_some_and(|e| {
                e.addr == entry.addr && e.result == entry.result && e.domains == entry.domains
            });
            let change = Change {
                old,
                new: seen.addr,
                result: seen.result.clone(),
                domains: seen.domains.clone(),
                was_failing,
            };
            if !same {
                *slot = Some(entry.clone());
                rec.updated_at = now;
                dirty = true;
            }
            if change.address_changed() {
                rec.addr = seen.addr;
                rec.history.insert(0, entry);
                rec.history.truncate(HISTORY_LEN);
            }
            changes.push(change);
        }
        if let Some(rec) = record.filter(|_| dirty) {
            self.users.insert(update.user.clone(), rec);
        }
        Ok((changes, dirty))
    }
}

/// The file as written: versioned, so a future format is refused rather than misread.
#[derive(Serialize, Deserialize)]
struct StoreFile {
    version: u32,
    #[serde(flatten)]
    records: Records,
}

/// Why an update was not recorded.
#[derive(Debug)]
pub(crate) enum RecordError {
    Full,
    /// Writing the file failed; the update was not applied.
    Io(io::Error),
    /// What had to be durable before the change (its notification in the outbox) could not be written:
    /// the update was not applied.
    First(String),
}

/// The records in memory and on disk. Updates are serialized, and each is durable before it is visible.
pub(crate) struct Store {
    path: PathBuf,
    records: RwLock<Records>,
    /// Held across apply + write, so the file always holds the latest acknowledged state.
    writer: Mutex<()>,
}

impl Store {
    /// Loads the file (a missing one is an empty store) and makes sure its directory exists.
    /// A file that cannot be read is a configuration error, and the file is left as it is.
    pub(crate) fn open(path: &Path) -> Result<Store, Error> {
        let shown = path.display();
        if let Some(dir) = parent_dir(path) {
            crate::private_file::create_dir(dir).map_err(|e| {
                Error::Config(format!(
                    "serve-ddns: cannot create the store's directory {}: {e}",
                    dir.display()
                ))
            })?;
        }
        let records = match fs::read(path) {
            Ok(bytes) => parse(&bytes).map_err(|reason| {
                Error::Config(format!(
                    "serve-ddns: the store {shown} is not readable ({reason}); it was left untouched: \
                     repair it, or move it away to start empty"
                ))
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Records::default(),
            Err(e) => {
                return Err(Error::Config(format!(
                    "serve-ddns: cannot read the store {shown}: {e}"
                )));
            }
        };
        Ok(Store {
            path: path.to_owned(),
            records: RwLock::new(records),
            writer: Mutex::new(()),
        })
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn get(&self, user: &str) -> Option<UserRecord> {
        let records = self.records.read().unwrap_or_else(PoisonError::into_inner);
        records.get(user).cloned()
    }

    /// Applies the update and returns only once it is on disk; on an error nothing changed. `first` is
    /// given the changes before anything is written and must succeed for the update to be applied: the
    /// notification is durable before the change it reports.
    pub(crate) fn record<T>(
        &self,
        update: &Update,
        now: u64,
        first: impl FnOnce(&[Change]) -> Result<T, String>,
    ) -> Result<(Vec<Change>, T), RecordError> {
        let _writing = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut next = self
            .records
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let (changes, dirty) = next.apply(update, now).map_err(|Full| RecordError::Full)?;
        // Under the writer's lock, so no other update of the same user slips between the two.
        let done = first(&changes).map_err(RecordError::First)?;
        if dirty {
            write_durably(&self.path, &next).map_err(RecordError::Io)?;
            *self.records.write().unwrap_or_else(PoisonError::into_inner) = next;
        }
        Ok((changes, done))
    }
}

fn parse(bytes: &[u8]) -> Result<Records, String> {
    let file: StoreFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if file.version != FORMAT_VERSION {
        return Err(format!(
            "format version {} is not {FORMAT_VERSION}",
            file.version
        ));
    }
    Ok(file.records)
}

fn parent_dir(path: &Path) -> Option<&Path> {
    path.parent().filter(|d| !d.as_os_str().is_empty())
}

/// Temporary file, fsync, rename over the old one, fsync the directory: after a crash the file is either
/// the old state or the new one, never a mix, and a rename that returned has survived.
fn write_durably(path: &Path, records: &Records) -> io::Result<()> {
    let file = StoreFile {
        version: FORMAT_VERSION,
        records: records.clone(),
    };
    let mut json = serde_json::to_vec_pretty(&file).map_err(io::Error::other)?;
    json.push(b'\n');
    crate::private_file::replace(path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(addr: &str, result: &str) -> Observation {
        Observation {
            addr: addr.parse().expect("address"),
            result: result.into(),
            domains: String::new(),
        }
    }

    fn update(observations: Vec<Observation>) -> Update {
        Update {
            user: "alice".into(),
            observations,
        }
    }

    #[test]
    fn a_first_address_is_a_change_and_the_same_one_again_is_not() {
        let mut records = Records::default();
        let (changes, dirty) = records
            .apply(&update(vec![seen("2001:db8::1", "success")]), 10)
            .expect("apply");
        assert!(dirty && changes[0].address_changed() && changes[0].old.is_none());
        let (changes, dirty) = records
            .apply(&update(vec![seen("2001:db8::1", "success")]), 20)
            .expect("apply");
        assert!(!dirty && !changes[0].worth_notifying());
        let rec = records.get("alice").expect("record");
        assert_eq!(rec.updated_at, 10);
        assert_eq!(rec.history.len(), 1);
    }

    #[test]
    fn families_are_tracked_apart_and_the_latest_change_is_the_address() {
        let mut records = Records::default();
        let both = update(vec![
            seen("203.0.113.7", "success"),
            seen("2001:db8::1", "success"),
        ]);
        records.apply(&both, 1).expect("apply");
        let v4_only_moved = update(vec![
            seen("203.0.113.8", "success"),
            seen("2001:db8::1", "unchanged"),
        ]);
        let (changes, _) = records.apply(&v4_only_moved, 2).expect("apply");
        assert!(changes[0].address_changed() && !changes[1].address_changed());
        let rec = records.get("alice").expect("record");
        assert_eq!(rec.addr.to_string(), "203.0.113.8");
        assert_eq!(
            rec.ipv6.as_ref().map(|e| e.result.as_str()),
            Some("unchanged")
        );
        assert_eq!(rec.history.len(), 3);
    }

    #[test]
    fn a_failure_is_worth_notifying_in_either_language() {
        let mut records = Records::default();
        records
            .apply(&update(vec![seen("2001:db8::1", "成功")]), 1)
            .expect("apply");
        for failed in ["失败", "failed"] {
            let (changes, _) = records
                .apply(&update(vec![seen("2001:db8::1", failed)]), 2)
                .expect("apply");
            assert!(!changes[0].address_changed() && changes[0].worth_notifying());
        }
        let (changes, _) = records
            .apply(&update(vec![seen("2001:db8::1", "成功")]), 3)
            .expect("apply");
        assert!(changes[0].recovered() && changes[0].worth_notifying());
        let (changes, _) = records
            .apply(&update(vec![seen("2001:db8::1", "成功")]), 4)
            .expect("apply");
        assert!(!changes[0].worth_notifying());
    }

    #[test]
    fn history_is_bounded_newest_first() {
        let mut records = Records::default();
        for i in 0..(HISTORY_LEN as u64 + 5) {
            let addr = format!("10.0.0.{i}");
            records
                .apply(&update(vec![seen(&addr, "success")]), i)
                .expect("apply");
        }
        let rec = records.get("alice").expect("record");
        assert_eq!(rec.history.len(), HISTORY_LEN);
        assert_eq!(rec.history[0].addr.to_string(), "10.0.0.24");
    }

    #[test]
    fn the_file_round_trips_and_refuses_other_versions() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("sub/ddns.json");
        let store = Store::open(&path).expect("open");
        store
            .record(&update(vec![seen("192.0.2.1", "success")]), 5, |_| Ok(()))
            .expect("record");
        let refused = store.record(&update(vec![seen("192.0.2.2", "success")]), 6, |_| {
            Err::<(), _>("outbox full".to_owned())
        });
        assert!(matches!(refused, Err(RecordError::First(_))));
        assert_eq!(store.get("alice").map(|r| r.history.len()), Some(1));
        let again = Store::open(&path).expect("reopen");
        assert_eq!(again.get("alice"), store.get("alice"));
        assert!(!dir.path().join("sub/ddns.json.tmp").exists());

        fs::write(&path, r#"{"version":9,"users":{}}"#).expect("write");
        let err = Store::open(&path).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("format version 9")));
    }
}
