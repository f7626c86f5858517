//! The on-disk cache of access tokens (WeCom app, WeChat Official Account), shared by every run on a host.
//!
//! Both services limit how often a token may be fetched, and cron fleets start many runs at once. So a token
//! is kept until shortly before it expires, one file per credential set, in a 0700 directory with 0600 files.
//! A file is written to a temporary name and renamed into place, so concurrent runs never see half a file;
//! anything unreadable is treated as absent and overwritten. The secret itself is never stored: only a hash
//! of it takes part in the file name.

use crate::digest::hex;
use crate::private_file;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

/// A cached token is used only while it has more than this left: a send must not race the expiry.
pub(crate) const MARGIN: Duration = Duration::from_secs(300);

/// Which credentials a token belongs to. Two apps, two secrets or two base URLs never share a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CacheKey(String);

impl CacheKey {
    pub(crate) fn new(service: &str, base_url: &str, app_id: &str, secret: &Secret) -> Self {
        let secret_hash = hex(&Sha256::digest(secret.expose().as_bytes()));
        // The separator cannot occur in a URL or an id we accept, so distinct inputs give distinct keys.
        let described = format!("{service}\n{base_url}\n{app_id}\n{}", &secret_hash[..16]);
        Self(hex(&Sha256::digest(described.as_bytes())))
    }

    fn file_name(&self) -> String {
        format!("token-{}.json", &self.0[..32])
    }

    /// The token's name in the shared state (`SENDMSG_STATE`).
    pub(crate) fn shared_name(&self) -> String {
        format!("token:{}", &self.0[..32])
    }
}

/// A token and when the service said it stops working.
#[derive(Debug, Clone)]
pub(crate) struct CachedToken {
    pub token: Secret,
    pub expires_at: SystemTime,
}

impl CachedToken {
    pub(crate) fn new(token: Secret, expires_in: Duration, now: SystemTime) -> Self {
        Self {
            token,
            expires_at: now + expires_in,
        }
    }

    fn usable_at(&self, now: SystemTime) -> bool {
        now + MARGIN < self.expires_at
    }

    /// As the cache keeps it (a file, or a value in the shared state).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let expires_at = self
            .expires_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        serde_json::to_vec(&OnDisk {
            access_token: self.token.expose().to_owned(),
            expires_at,
        })
        .unwrap_or_default()
    }

    /// A kept token, if it reads as one and is not about to expire at `now`.
    pub(crate) fn from_bytes(bytes: &[u8], now: SystemTime) -> Option<Self> {
        let on_disk: OnDisk = serde_json::from_slice(bytes).ok()?;
        if on_disk.access_token.is_empty() {
            return None;
        }
        let cached = CachedToken {
            token: Secret::new(on_disk.access_token),
            expires_at: SystemTime::UNIX_EPOCH + Duration::from_secs(on_disk.expires_at),
        };
        cached.usable_at(now).then_some(cached)
    }
}

#[derive(Serialize, Deserialize)]
struct OnDisk {
    access_token: String,
    expires_at: u64,
}

/// A held token-fetch lock. Released by removing its file and then closing it: a run that opens the
/// name afterwards gets a new file, locks it at once and finds the token that was stored before the
/// removal, and a run that was waiting on the old one reads it too; so the directory keeps only tokens.
#[derive(Debug)]
pub(crate) struct FetchLock {
    file: File,
    path: PathBuf,
}

impl Drop for FetchLock {
    fn drop(&mut self) {
        // Only our own file: after a removal the name may already be another run's lock.
        if same_file(&self.file, &self.path) {
            // Already gone is as good as removed.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &std::path::Path) -> bool {
    false
}

/// The cache directory.
#[derive(Debug, Clone)]
pub(crate) struct TokenCache {
    dir: PathBuf,
}

impl TokenCache {
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The cache directory ([`crate::xdg::cache_dir`]); `None` when none is known.
    pub(crate) fn from_env() -> Option<Self> {
        crate::xdg::cache_dir().map(Self::new)
    }

    fn path(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// The token for `key` if one is cached and not about to expire. A missing, unreadable or corrupt file
    /// is simply no token.
    pub(crate) fn load(&self, key: &CacheKey, now: SystemTime) -> Option<CachedToken> {
        // A file that is not the user's own is no token (and is replaced by the next store).
        let bytes = private_file::read(&self.path(key)).ok()??;
        CachedToken::from_bytes(&bytes, now)
    }

    /// Stores the token atomically: a reader sees the old file or the new one, never a mix.
    pub(crate) fn store(&self, key: &CacheKey, token: &CachedToken) -> std::io::Result<()> {
        private_file::create_dir(&self.dir)?;
        if !private_file::dir_is_own(&self.dir) {
            // Written there, another user could swap it for a token of theirs.
            return Ok(());
        }
        private_file::replace(&self.path(key), &token.to_bytes())
    }

    /// Takes the lock beside `key`'s file, so that of many runs that find no token only one fetches it
    /// while the others wait and then read what it stored. Waits at most `wait` (`--timeout`); `None`
    /// when the lock could not be had in time or at all: the caller then fetches for itself.
    pub(crate) fn lock(&self, key: &CacheKey, wait: Duration) -> Option<FetchLock> {
        private_file::create_dir(&self.dir).ok()?;
        let path = self.dir.join(format!("{}.lock", key.file_name()));
        let file = private_file::options().write(true).open(&path).ok()?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => return Some(FetchLock { file, path }),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(_) => return None,
            }
        }
    }

    /// Forgets the token for `key`: the service said it is no longer valid.
    pub(crate) fn remove(&self, key: &CacheKey) {
        // Already gone is as good as removed.
        let _ = std::fs::remove_file(self.path(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(secret: &str) -> CacheKey {
        CacheKey::new(
            "wecom",
            "https://qyapi.weixin.qq.com",
            "ww1",
            &Secret::new(secret),
        )
    }

    fn dir() -> (tempfile::TempDir, TokenCache) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let cache = TokenCache::new(tmp.path().join("sendmsg"));
        (tmp, cache)
    }

    #[test]
    fn a_stored_token_is_reused_until_the_margin_before_expiry() {
        let (_tmp, cache) = dir();
        let now = SystemTime::now();
        let token = CachedToken::new(
            Secret::new("cached-token-1"),
            Duration::from_secs(7200),
            now,
        );
        cache.store(&key("s1"), &token).expect("store");
        let loaded = cache.load(&key("s1"), now).map(|t| t.token);
        assert_eq!(loaded.as_ref().map(Secret::expose), Some("cached-token-1"));
        let late = now + Duration::from_secs(7200) - MARGIN;
        assert!(cache.load(&key("s1"), late).is_none());
        cache.remove(&key("s1"));
        assert!(cache.load(&key("s1"), now).is_none());
    }

    #[test]
    fn keys_differ_by_every_part_and_never_contain_the_secret() {
        let secret = Secret::new("corp-secret-key-part");
        let base = CacheKey::new("wecom", "https://a", "ww1", &secret);
        assert_ne!(base, CacheKey::new("wechat", "https://a", "ww1", &secret));
        assert_ne!(base, CacheKey::new("wecom", "https://b", "ww1", &secret));
        assert_ne!(base, CacheKey::new("wecom", "https://a", "ww2", &secret));
        assert_ne!(base, key("another-secret"));
        assert!(!base.file_name().contains("corp-secret"));
    }

    #[test]
    fn a_corrupt_file_is_no_token_and_is_overwritten() {
        let (_tmp, cache) = dir();
        private_file::create_dir(&cache.dir).expect("dir");
        std::fs::write(cache.path(&key("s")), "{not json").expect("write");
        let now = SystemTime::now();
        assert!(cache.load(&key("s"), now).is_none());
        let token = CachedToken::new(Secret::new("fresh-token"), Duration::from_secs(7200), now);
        cache
            .store(&key("s"), &token)
            .expect("store over corrupt file");
        assert!(cache.load(&key("s"), now).is_some());
    }

    #[test]
    fn the_fetch_lock_is_waited_on_no_longer_than_the_timeout() {
        let (_tmp, cache) = dir();
        let held = cache.lock(&key("s"), Duration::ZERO);
        assert!(held.is_some());
        let started = Instant::now();
        assert!(cache.lock(&key("s"), Duration::from_millis(200)).is_none());
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200) && waited < Duration::from_secs(2));
        assert!(cache.lock(&key("other"), Duration::ZERO).is_some());
        drop(held);
        assert!(cache.lock(&key("s"), Duration::ZERO).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn the_directory_and_file_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let (_tmp, cache) = dir();
        let token = CachedToken::new(
            Secret::new("private-token"),
            Duration::from_secs(7200),
            SystemTime::now(),
        );
        cache.store(&key("s"), &token).expect("store");
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
        };
        assert_eq!(mode(&cache.dir), 0o700);
        assert_eq!(mode(&cache.path(&key("s"))), 0o600);
        let leftovers = std::fs::read_dir(&cache.dir).expect("dir").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
