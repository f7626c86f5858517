//! Where an outbox entry may go. An entry records its destination when it is queued — the endpoints its
//! requests go to (secrets masked), its recipients and a keyed fingerprint of each credential — and is sent
//! later only when the settings of that moment resolve to the same. The fingerprints are HMACs under a
//! random key of this user's (`outbox.key`, 0600 in the state directory), so the file cannot be searched
//! for a short secret, and one seal over the whole destination makes an edited entry fail the comparison.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A credential's value while a destination is worked out: never printed, never stored.
pub(crate) struct Credential(String);

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::secret::MASK)
    }
}

/// Where a send's requests go, as plain values: made from a plan before anything is sent.
#[derive(Debug, Default)]
pub(crate) struct Route {
    /// `POST https://oapi.dingtalk.com/robot/send`, `smtp starttls smtp.qq.com:587`: secrets masked.
    endpoints: Vec<String>,
    /// What each credential is (`ding query access_token`) and its value.
    credentials: Vec<(String, Credential)>,
}

impl Route {
    /// Adds where requests go: `POST https://host/path` or `smtp starttls host:587`, secrets masked.
    pub(crate) fn endpoint(&mut self, endpoint: String) {
        self.endpoints.push(endpoint);
    }

    /// Adds everything of `other` (the next channel of a fallback chain).
    pub(crate) fn merge(&mut self, other: Route) {
        self.endpoints.extend(other.endpoints);
        self.credentials.extend(other.credentials);
    }

    /// Adds a credential.
    pub(crate) fn secret(&mut self, name: String, value: &str) {
        self.credentials.push((name, Credential(value.to_owned())));
    }

    /// The destination as an entry records it: fingerprints under `key`, sealed with the channel, the
    /// named target and the recipients.
    pub(crate) fn pin(
        &self,
        key: &Key,
        channel: &str,
        target: Option<&str>,
        recipients: &[String],
    ) -> Destination {
        let credentials: BTreeMap<String, String> = self
            .credentials
            .iter()
            .map(|(name, value)| (name.clone(), key.fingerprint(&[name, &value.0])))
            .collect();
        let mut recipients = recipients.to_vec();
        recipients.sort();
        let mut sealed: Vec<&str> = vec![channel, target.unwrap_or("")];
        sealed.extend(recipients.iter().map(String::as_str));
        sealed.push("");
        sealed.extend(self.endpoints.iter().map(String::as_str));
        sealed.push("");
        for (name, fingerprint) in &credentials {
            sealed.extend([name.as_str(), fingerprint.as_str()]);
        }
        Destination {
            seal: key.fingerprint(&sealed),
            endpoints: self.endpoints.clone(),
            credentials,
        }
    }
}

/// What an entry records of where it goes (besides its channel, target and recipients).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Destination {
    pub endpoints: Vec<String>,
    /// Each credential's keyed fingerprint, by what it is.
    pub credentials: BTreeMap<String, String>,
    /// A keyed fingerprint of all of it with the channel, target and recipients.
    pub seal: String,
}

impl Destination {
    /// Why a message recorded for `self` (sent to `recorded` recipients) may not go to `now`; `None` when
    /// it is the same destination.
    pub(crate) fn differs(
        &self,
        recorded: &[String],
        now: &Destination,
        recipients: &[String],
    ) -> Option<String> {
        if self.seal == now.seal {
            return None;
        }
        let mut why = Vec::new();
        let (mut a, mut b) = (recorded.to_vec(), recipients.to_vec());
        a.sort();
        b.sort();
        if a != b {
            why.push(format!("recipients {} (queued for {})", list(&b), list(&a)));
        }
        if self.endpoints != now.endpoints {
            why.push(format!(
                "{} (queued for {})",
                list(&now.endpoints),
                list(&self.endpoints)
            ));
        }
        let changed: Vec<&str> = self
            .credentials
            .iter()
            .filter(|(name, print)| now.credentials.get(*name) != Some(print))
            .chain(
                now.credentials
                    .iter()
                    .filter(|(name, _)| !self.credentials.contains_key(*name)),
            )
            .map(|(name, _)| name.as_str())
            .collect();
        if !changed.is_empty() {
            why.push(format!("other credentials ({})", changed.join(", ")));
        }
        if why.is_empty() {
            why.push("an entry edited since it was queued".into());
        }
        Some(format!(
            "the settings now send it elsewhere: {}; kept (send it with the settings it was queued \
             with, or `sendmsg outbox drop ID`)",
            why.join("; ")
        ))
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// This user's fingerprint key: 32 random bytes, created once.
pub(crate) struct Key(Vec<u8>);

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::secret::MASK)
    }
}

const KEY_BYTES: usize = 32;

impl Key {
    /// `$XDG_STATE_HOME/sendmsg/outbox.key`.
    pub(crate) fn path() -> Option<PathBuf> {
        crate::state::dir().map(|dir| dir.join("outbox.key"))
    }

    /// Reads the key, creating it first if there is none. A key that is not this user's private file is
    /// refused: anyone who could write it could make an entry's fingerprints match other credentials.
    pub(crate) fn load() -> Result<Key, String> {
        let path = Self::path().ok_or("neither XDG_STATE_HOME nor HOME is set")?;
        Self::load_from(&path).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn load_from(path: &Path) -> io::Result<Key> {
        if let Some(dir) = path.parent() {
            crate::private_file::create_dir(dir)?;
        }
        match open_private(path) {
            Ok(key) => return Ok(key),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        // Written whole under another name, then linked in: a concurrent run either links first or
        // reads the complete key of the one that did.
        let mut bytes = [0u8; KEY_BYTES];
        getrandom::getrandom(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
        let hex = crate::digest::hex(&bytes);
        let temporary = path.with_extension(format!("{}.tmp", &hex[..8]));
        crate::private_file::replace(&temporary, hex.as_bytes())?;
        let linked = std::fs::hard_link(&temporary, path);
        let _ = std::fs::remove_file(&temporary);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        open_private(path)
    }

    /// A fingerprint of `parts` (kept apart by a separator no setting holds): 128 bits in hex.
    fn fingerprint(&self, parts: &[&str]) -> String {
        let message = parts.join("\0");
        let mac = crate::digest::hmac_sha256(&self.0, message.as_bytes());
        crate::digest::hex(&mac[..16])
    }
}

fn open_private(path: &Path) -> io::Result<Key> {
    let mut file = std::fs::File::open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = file.metadata()?;
        // The owner of the state directory, which this run created or found (std has no getuid).
        let owner = path
            .parent()
            .map(std::fs::metadata)
            .transpose()?
            .map(|m| m.uid());
        if !meta.is_file() || meta.mode() & 0o077 != 0 || Some(meta.uid()) != owner {
            return Err(io::Error::other(
                "not a private file of this user (it must be a regular file, mode 0600, owned by you)",
            ));
        }
    }
    let mut hex = String::new();
    file.read_to_string(&mut hex)?;
    let bytes: Vec<u8> = (0..hex.trim().len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect();
    if bytes.len() != KEY_BYTES {
        return Err(io::Error::other(
            "not a key written by sendmsg (remove it; entries queued under it will then be kept)",
        ));
    }
    Ok(Key(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(token: &str, base: &str) -> Route {
        let mut route = Route::default();
        route.endpoint(format!("GET {base}/robot/send"));
        route.secret("ding query access_token".into(), token);
        route
    }

    #[test]
    fn the_same_settings_match_and_any_change_is_named() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let key = Key::load_from(&dir.path().join("k"))?;
        let again = Key::load_from(&dir.path().join("k"))?;
        assert_eq!(key.0, again.0);
        let to = vec!["robot:1".to_owned()];
        let a = route("token-aaaa-1111", "http://a").pin(&key, "ding", None, &to);
        let json = serde_json::to_string(&a)?;
        assert!(!json.contains("token-aaaa-1111"), "{json}");
        let same = route("token-aaaa-1111", "http://a").pin(&again, "ding", None, &to);
        assert_eq!(a.differs(&to, &same, &to), None);
        let other_token = route("token-bbbb-2222", "http://a").pin(&key, "ding", None, &to);
        let why = a.differs(&to, &other_token, &to).unwrap_or_default();
        assert!(
            why.contains("other credentials (ding query access_token)"),
            "{why}"
        );
        let other_host = route("token-aaaa-1111", "http://b").pin(&key, "ding", None, &to);
        let why = a.differs(&to, &other_host, &to).unwrap_or_default();
        assert!(
            why.contains("GET http://b/robot/send (queued for GET http://a/robot/send)"),
            "{why}"
        );
        let elsewhere = vec!["robot:2".to_owned()];
        let moved = route("token-aaaa-1111", "http://a").pin(&key, "ding", None, &elsewhere);
        assert!(a.differs(&to, &moved, &elsewhere).is_some());
        // An entry whose recorded endpoint was edited to match still fails: the seal is keyed.
        let mut edited = other_host.clone();
        edited.seal = "0".repeat(32);
        assert!(edited.differs(&to, &other_host, &to).is_some());
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_key_others_can_write_is_refused() -> io::Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("k");
        Key::load_from(&path)?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666))?;
        assert!(Key::load_from(&path).is_err());
        Ok(())
    }
}
