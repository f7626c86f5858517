//! The trust anchors of a CA bundle file, kept in the cache directory: reading the bundle's 140-odd PEM
//! certificates, decoding their base64 and taking each apart was most of an HTTPS send's instructions.
//! The anchors are only a copy of what the bundle says, so the copy names the file it came from and the
//! file's identity (device, inode, size, modification and change times) as it was read; a bundle that
//! is replaced or edited no longer matches, and is read again. A bundle changed within the last
//! [`SETTLED`] is not cached, since a later change in the same clock tick could not be told apart (what
//! git calls a racily clean file).

use rustls::RootCertStore;
use rustls::pki_types::{Der, TrustAnchor};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long a bundle must have been left alone before its anchors are cached.
const SETTLED: Duration = Duration::from_secs(2);

/// The first line of a cache file; another version of sendmsg may read certificates differently.
const MAGIC: &str = concat!("sendmsg trust anchors ", env!("CARGO_PKG_VERSION"), "\n");

/// Where the anchors of one bundle are cached, and the bundle's identity now.
pub(super) struct Cache {
    file: PathBuf,
    stamp: Vec<u8>,
}

impl Cache {
    /// The cache for the bundle `bundle` in the directory `dir`, taken before the bundle is read; `None`
    /// when the bundle cannot be cached (no such file, changed too recently, not a Unix system).
    pub(super) fn new(dir: &Path, bundle: &Path, now: SystemTime) -> Option<Self> {
        let meta = std::fs::metadata(bundle).ok()?;
        let stamp = stamp(bundle, &meta, now)?;
        let name = crate::digest::sha256_hex(bundle.as_os_str().as_encoded_bytes());
        Some(Self {
            file: dir.join(format!("roots-{}", &name[..16])),
            stamp,
        })
    }

    /// The cached anchors, if they are this bundle's as it is now. A missing, foreign, stale, truncated or
    /// group- or world-writable cache is no cache.
    pub(super) fn load(&self) -> Option<RootCertStore> {
        use std::io::Read;
        // One open for both: the file checked is the file read.
        let mut file = crate::private_file::open_own(&self.file).ok()??;
        let meta = file.metadata().ok()?;
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
        file.read_to_end(&mut bytes).ok()?;
        let anchors = decode(&bytes, &self.stamp)?;
        // Kept for the life of the process, as the roots are: they point into it rather than copy it.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        Some(RootCertStore {
            roots: anchors.into_iter().map(|a| a.anchor(bytes)).collect(),
        })
    }

    /// Keeps `roots` for the next run; a cache that cannot be written is no error.
    pub(super) fn store(&self, roots: &RootCertStore) {
        if let Some(dir) = self.file.parent()
            && crate::private_file::create_dir(dir).is_ok()
            && crate::private_file::dir_is_own(dir)
        {
            let _ = crate::private_file::replace(&self.file, &encode(&self.stamp, roots));
        }
    }
}

/// The bundle's path and identity, or `None` while it may still be changing.
#[cfg(unix)]
fn stamp(bundle: &Path, meta: &std::fs::Metadata, now: SystemTime) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::MetadataExt;
    let changed = SystemTime::UNIX_EPOCH
        + Duration::from_secs(u64::try_from(meta.ctime().max(meta.mtime())).ok()?);
    if !meta.is_file() || now.duration_since(changed).ok()? < SETTLED {
        return None;
    }
    let mut stamp = bundle.as_os_str().as_bytes().to_vec();
    #[allow(clippy::cast_sign_loss, reason = "the bits, not the value")]
    for number in [
        meta.dev(),
        meta.ino(),
        meta.size(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
    ] {
        stamp.extend_from_slice(&number.to_le_bytes());
    }
    Some(stamp)
}

#[cfg(not(unix))]
fn stamp(_: &Path, _: &std::fs::Metadata, _: SystemTime) -> Option<Vec<u8>> {
    None
}

/// [`MAGIC`], the stamp, then each anchor: its subject, its public key, and whether it has name
/// constraints (one byte, 0 or 1) and which; a field is its length (4 bytes, little-endian) and its DER.
fn encode(stamp: &[u8], roots: &RootCertStore) -> Vec<u8> {
    fn field(out: &mut Vec<u8>, bytes: &[u8]) {
        // A field of 4 GiB would be no certificate: it is written truncated, and found stale.
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(bytes);
    }
    let mut out = MAGIC.as_bytes().to_vec();
    field(&mut out, stamp);
    for anchor in &roots.roots {
        field(&mut out, &anchor.subject);
        field(&mut out, &anchor.subject_public_key_info);
        match &anchor.name_constraints {
            Some(constraints) => {
                out.push(1);
                field(&mut out, constraints);
            }
            None => out.push(0),
        }
    }
    out
}

/// Where one anchor's parts are in a cache file.
struct Spans {
    subject: Range<usize>,
    key: Range<usize>,
    constraints: Option<Range<usize>>,
}

impl Spans {
    fn anchor(self, bytes: &'static [u8]) -> TrustAnchor<'static> {
        TrustAnchor {
            subject: Der::from(&bytes[self.subject]),
            subject_public_key_info: Der::from(&bytes[self.key]),
            name_constraints: self.constraints.map(|c| Der::from(&bytes[c])),
        }
    }
}

/// The anchors of a cache file written by [`encode`] for `stamp`; `None` for anything else.
fn decode(bytes: &[u8], stamp: &[u8]) -> Option<Vec<Spans>> {
    let mut at = MAGIC.len();
    // The next field's span; `None` when the file ends inside it.
    let field = |at: &mut usize| -> Option<Range<usize>> {
        let len = bytes.get(*at..*at + 4)?;
        let len = usize::try_from(u32::from_le_bytes(len.try_into().ok()?)).ok()?;
        let span = *at + 4..(*at + 4).checked_add(len)?;
        bytes.get(span.clone())?;
        *at = span.end;
        Some(span)
    };
    if !bytes.starts_with(MAGIC.as_bytes()) || bytes[field(&mut at)?] != *stamp {
        return None;
    }
    let mut anchors = Vec::new();
    while at < bytes.len() {
        let subject = field(&mut at)?;
        let key = field(&mut at)?;
        let constrained = *bytes.get(at)?;
        at += 1;
        let constraints = match constrained {
            0 => None,
            1 => Some(field(&mut at)?),
            _ => return None,
        };
        anchors.push(Spans {
            subject,
            key,
            constraints,
        });
    }
    (!anchors.is_empty()).then_some(anchors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    /// Anchors that are no real certificates' do as well: the cache only copies bytes.
    fn store_of(count: u8) -> RootCertStore {
        let mut store = RootCertStore::empty();
        for n in 0..count {
            store.roots.push(TrustAnchor {
                subject: Der::from(vec![n; 40]),
                subject_public_key_info: Der::from(vec![n ^ 0xff; 90]),
                name_constraints: (n % 2 == 1).then(|| Der::from(vec![7, n])),
            });
        }
        store
    }

    /// A file written `age` ago.
    fn bundle(dir: &Path, name: &str, contents: &str, age: Duration) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, contents).expect("write");
        let then = SystemTime::now() - age;
        File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(then))
            .expect("set_modified");
        path
    }

    const OLD: Duration = Duration::from_secs(3600);

    #[test]
    fn anchors_round_trip_for_the_same_bundle() {
        let dir = tempfile::tempdir().expect("dir");
        let path = bundle(dir.path(), "ca.pem", "pem", OLD);
        let cache_dir = dir.path().join("cache");
        // The change time is now: a bundle is cached once it has settled.
        let later = SystemTime::now() + SETTLED;
        let cache = Cache::new(&cache_dir, &path, later).expect("cacheable");
        assert!(cache.load().is_none());
        cache.store(&store_of(5));
        let again = Cache::new(&cache_dir, &path, later).expect("cacheable");
        assert_eq!(again.load().map(|s| s.roots), Some(store_of(5).roots));
    }

    /// Anchors planted where another user could have put them are never trusted: a cache file that is a
    /// symlink, is group-writable or sits in a group-writable directory; a cache in such a directory is
    /// not written either, and one replaced by a symlink is written anew as a file.
    #[test]
    #[cfg(unix)]
    fn anchors_not_the_user_s_own_are_no_cache() {
        use std::os::unix::fs::PermissionsExt;
        let chmod = |p: &Path, mode| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
        };
        let dir = tempfile::tempdir().expect("dir");
        let cache_dir = dir.path().join("cache");
        let later = SystemTime::now() + SETTLED;
        let path = bundle(dir.path(), "ca.pem", "pem", OLD);
        let cache = Cache::new(&cache_dir, &path, later).expect("cacheable");
        cache.store(&store_of(2));
        assert!(cache.load().is_some());
        chmod(&cache.file, 0o620);
        assert!(cache.load().is_none(), "group-writable file");
        chmod(&cache.file, 0o600);
        chmod(&cache_dir, 0o777);
        assert!(cache.load().is_none(), "group-writable directory");
        std::fs::remove_file(&cache.file).expect("rm");
        cache.store(&store_of(2));
        assert!(
            !cache.file.exists(),
            "written into a directory others may write to"
        );
        chmod(&cache_dir, 0o700);
        let planted = dir.path().join("planted");
        cache.store(&store_of(4));
        std::fs::rename(&cache.file, &planted).expect("move aside");
        std::os::unix::fs::symlink(&planted, &cache.file).expect("symlink");
        assert!(cache.load().is_none(), "symlink");
        cache.store(&store_of(1));
        assert!(std::fs::symlink_metadata(&cache.file).is_ok_and(|m| m.is_file()));
        assert_eq!(cache.load().map(|s| s.roots.len()), Some(1));
    }

    #[test]
    #[cfg(unix)]
    fn a_bundle_changed_since_or_just_now_or_elsewhere_is_read_again() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let cache_dir = dir.path().join("cache");
        let later = SystemTime::now() + SETTLED;
        let path = bundle(dir.path(), "ca.pem", "one", OLD);
        Cache::new(&cache_dir, &path, later)
            .expect("cacheable")
            .store(&store_of(3));

        // Just changed: not cacheable at all, so not loaded either.
        assert!(Cache::new(&cache_dir, &path, SystemTime::now()).is_none());
        // Edited in place, even to the same size and modification time: the change time moved.
        let edited = bundle(dir.path(), "ca.pem", "two", OLD);
        let stale = Cache::new(&cache_dir, &edited, later + SETTLED).expect("cacheable");
        assert!(stale.load().is_none());
        // Another bundle has its own cache.
        let other = bundle(dir.path(), "other.pem", "one", OLD);
        let other = Cache::new(&cache_dir, &other, later).expect("cacheable");
        assert_ne!(other.file, stale.file);
        assert!(other.load().is_none());

        // Truncated, or writable by others: ignored.
        let fresh = Cache::new(&cache_dir, &path, later).expect("cacheable");
        fresh.store(&store_of(3));
        assert!(fresh.load().is_some());
        let bytes = std::fs::read(&fresh.file).expect("read");
        std::fs::write(&fresh.file, &bytes[..bytes.len() - 1]).expect("write");
        assert!(fresh.load().is_none());
        std::fs::write(&fresh.file, &bytes).expect("write");
        std::fs::set_permissions(&fresh.file, std::fs::Permissions::from_mode(0o666))
            .expect("chmod");
        assert!(fresh.load().is_none());
    }

    #[test]
    fn a_cache_of_another_version_or_stamp_is_no_cache() {
        let encoded = encode(b"stamp", &store_of(2));
        assert!(decode(&encoded, b"stamp").is_some());
        assert!(decode(&encoded, b"other").is_none());
        let other_version = [b"sendmsg trust anchors 0.0.0\n", &encoded[MAGIC.len()..]].concat();
        assert!(decode(&other_version, b"stamp").is_none());
        assert!(decode(&encode(b"stamp", &RootCertStore::empty()), b"stamp").is_none());
    }
}
