//! The CA certificates every TLS connection trusts (HTTPS requests and SMTP sessions): read once per
//! process, on the first handshake that needs them, from one source.
//!
//! The first of these that applies, and only that one:
//! 1. `SSL_CERT_FILE`, a PEM bundle;
//! 2. `SSL_CERT_DIR`, directories of PEM files (`:`-separated, as OpenSSL takes it);
//! 3. the distribution's bundle (`/etc/ssl/certs/ca-certificates.crt` and the other usual paths);
//! 4. the distribution's certificate directory (`/etc/ssl/certs`, `/etc/pki/tls/certs`).
//!
//! Never two: where a distribution has both a bundle and a directory, its CA tooling
//! (`update-ca-certificates`, `update-ca-trust`) writes both from the same list, and reading the directory
//! too (about 440 files here) was most of the CPU time of an HTTPS send.

mod cache;
mod provider;

pub(crate) use provider::provider;

use base64::Engine;
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Distribution bundles, most common first (the list openssl-probe searches).
const BUNDLES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo, Arch
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // Fedora, RHEL 7+
    "/etc/pki/tls/certs/ca-bundle.crt",   // RHEL 6
    "/etc/ssl/ca-bundle.pem",             // openSUSE
    "/etc/pki/tls/cacert.pem",            // OpenELEC
    "/etc/ssl/cert.pem",                  // Alpine, macOS, OpenBSD
    "/usr/local/etc/ssl/cert.pem",        // FreeBSD
    "/opt/etc/ssl/certs/ca-certificates.crt", // Entware
];

/// Distribution certificate directories, used only where no bundle exists.
const DIRECTORIES: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs"];

/// Where the roots are read from, and what chose it (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    origin: &'static str,
    paths: Vec<PathBuf>,
}

/// Why no root could be loaded: a setting to fix (exit 3), not something a retry can help with.
#[derive(Debug, Clone)]
pub(crate) struct NoRoots(String);

impl std::fmt::Display for NoRoots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NoRoots {}

impl NoRoots {
    /// The `NoRoots` inside a rustls error, when that is why a handshake failed.
    pub(crate) fn within(err: &rustls::Error) -> Option<&NoRoots> {
        match err {
            rustls::Error::Other(other) => other.0.downcast_ref(),
            _ => None,
        }
    }
}

impl From<NoRoots> for rustls::Error {
    fn from(err: NoRoots) -> Self {
        rustls::Error::Other(rustls::OtherError(Arc::new(err)))
    }
}

/// The first source that applies; `var` reads the environment, `exists` the file system.
fn source(var: impl Fn(&str) -> Option<OsString>, exists: impl Fn(&Path) -> bool) -> Source {
    let set = |name| var(name).filter(|value| !value.is_empty());
    if let Some(file) = set("SSL_CERT_FILE") {
        return Source {
            origin: "SSL_CERT_FILE",
            paths: vec![file.into()],
        };
    }
    if let Some(dirs) = set("SSL_CERT_DIR") {
        return Source {
            origin: "SSL_CERT_DIR",
            paths: std::env::split_paths(&dirs)
                .filter(|p| !p.as_os_str().is_empty())
                .collect(),
        };
    }
    let existing = |list: &[&str]| -> Vec<PathBuf> {
        list.iter()
            .map(PathBuf::from)
            .filter(|p| exists(p))
            .collect()
    };
    match existing(BUNDLES).into_iter().next() {
        Some(bundle) => Source {
            origin: "the system's CA bundle",
            paths: vec![bundle],
        },
        None => Source {
            origin: "the system's CA directory",
            paths: existing(DIRECTORIES),
        },
    }
}

/// The trust anchors of the source: those cached for it ([`cache`]) when the source is one bundle file
/// that has not changed since, else every certificate of the source (then cached); a file that cannot
/// be read or a block that is not a certificate is skipped (as OpenSSL does), and an empty result says why.
fn load(source: &Source, cache_dir: Option<&Path>) -> Result<RootCertStore, NoRoots> {
    let cache = match (cache_dir, source.paths.as_slice()) {
        (Some(dir), [bundle]) => cache::Cache::new(dir, bundle, std::time::SystemTime::now()),
        _ => None,
    };
    if let Some(store) = cache.as_ref().and_then(cache::Cache::load) {
        return Ok(store);
    }
    let store = parse(source)?;
    if let Some(cache) = cache {
        cache.store(&store);
    }
    Ok(store)
}

/// Every certificate of the source, read and parsed.
fn parse(source: &Source) -> Result<RootCertStore, NoRoots> {
    let mut store = RootCertStore::empty();
    let mut problems = Vec::new();
    for path in &source.paths {
        match std::fs::read_dir(path) {
            Ok(entries) => {
                // `c_rehash` links each certificate under its hash: read each file once.
                let mut seen = std::collections::HashSet::new();
                for entry in entries.flatten() {
                    let file = entry.path();
                    if let Ok(meta) = std::fs::metadata(&file)
                        && meta.is_file()
                        && file_id(&meta).is_none_or(|id| seen.insert(id))
                    {
                        read_pem(&file, &mut store, &mut problems);
                    }
                }
            }
            Err(_) => read_pem(path, &mut store, &mut problems),
        }
    }
    if store.is_empty() {
        let shown: Vec<String> = source
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let why = match problems.first() {
            Some(problem) => format!(" ({problem})"),
            None => String::new(),
        };
        return Err(NoRoots(format!(
            "no CA certificate could be loaded from {} ({}){why}: set SSL_CERT_FILE to a PEM bundle",
            source.origin,
            if shown.is_empty() {
                "none found".to_owned()
            } else {
                shown.join(", ")
            }
        )));
    }
    Ok(store)
}

/// The certificates of a PEM file, added to `store` one by one (so that only one is held as DER at a
/// time: the peak RSS of a send counts).
fn read_pem(path: &Path, store: &mut RootCertStore, problems: &mut Vec<String>) {
    match std::fs::read(path) {
        Ok(pem) => pem_certificates(&pem, |cert| {
            store.add_parsable_certificates([cert]);
        }),
        Err(e) => problems.push(format!("{}: {e}", path.display())),
    }
}

/// Every `CERTIFICATE` block of a PEM text; text around the blocks is ignored, and so is a block that
/// is not base64. Not rustls-pki-types' `pem_file_iter`: its base64 decoder runs in constant time, as a
/// private key needs, and on a 220 KB bundle it was two thirds of an HTTPS send's instructions; public
/// certificates need no such care. Line by line, as PEM is written: a line is found with `memchr`.
fn pem_certificates(pem: &[u8], mut each: impl FnMut(CertificateDer<'static>)) {
    // `from_utf8` first: its ASCII fast path is several times quicker than the lossy conversion's.
    let text = match std::str::from_utf8(pem) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(pem),
    };
    let mut base64 = String::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        match line {
            "-----BEGIN CERTIFICATE-----" => {
                base64.clear();
                inside = true;
            }
            "-----END CERTIFICATE-----" if inside => {
                inside = false;
                if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(&base64) {
                    each(CertificateDer::from(der));
                }
            }
            _ if inside => base64.push_str(line),
            _ => {}
        }
    }
}

/// A file's identity, so that links to it are read once.
#[cfg(unix)]
#[allow(
    clippy::unnecessary_wraps,
    reason = "the same signature as the other systems' version"
)]
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// The process's system roots, loaded on first use.
fn system() -> Result<Arc<RootCertStore>, NoRoots> {
    static ROOTS: OnceLock<Result<Arc<RootCertStore>, NoRoots>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let source = source(|name| std::env::var_os(name), Path::exists);
            load(&source, crate::xdg::cache_dir().as_deref()).map(Arc::new)
        })
        .clone()
}

/// WebPKI verification against the system's roots and `extra` (`SMTP_CA_FILE`). With `extra`, roots the
/// system lacks are no error: the user named what to trust.
pub(crate) fn verifier(
    provider: Arc<CryptoProvider>,
    extra: &[CertificateDer<'static>],
) -> Result<Arc<WebPkiServerVerifier>, rustls::Error> {
    let roots = match system() {
        Ok(roots) if extra.is_empty() => roots,
        Ok(roots) => Arc::new(with(RootCertStore::clone(&roots), extra)?),
        Err(_) if !extra.is_empty() => Arc::new(with(RootCertStore::empty(), extra)?),
        Err(e) => return Err(e.into()),
    };
    WebPkiServerVerifier::builder_with_provider(roots, provider)
        .build()
        .map_err(|e| rustls::Error::Other(rustls::OtherError(Arc::new(e))))
}

fn with(
    mut store: RootCertStore,
    extra: &[CertificateDer<'static>],
) -> Result<RootCertStore, rustls::Error> {
    for cert in extra {
        store.add(cert.clone())?;
    }
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn chosen(source: &Source) -> (&'static str, Vec<&str>) {
        (
            source.origin,
            source.paths.iter().filter_map(|p| p.to_str()).collect(),
        )
    }

    #[test]
    fn one_source_in_order_file_dir_bundle_directory() {
        let all = |_: &Path| true;
        let both = env(&[("SSL_CERT_FILE", "/f.pem"), ("SSL_CERT_DIR", "/d1:/d2")]);
        assert_eq!(
            chosen(&source(both, all)),
            ("SSL_CERT_FILE", vec!["/f.pem"])
        );
        let dirs = env(&[("SSL_CERT_FILE", ""), ("SSL_CERT_DIR", "/d1::/d2")]);
        assert_eq!(
            chosen(&source(dirs, all)),
            ("SSL_CERT_DIR", vec!["/d1", "/d2"])
        );
        assert_eq!(
            chosen(&source(env(&[]), all)),
            ("the system's CA bundle", vec![BUNDLES[0]])
        );
        let fedora = |p: &Path| p.starts_with("/etc/pki");
        assert_eq!(
            chosen(&source(env(&[]), fedora)),
            ("the system's CA bundle", vec![BUNDLES[1]])
        );
        let no_bundle = |p: &Path| p == Path::new("/etc/ssl/certs");
        assert_eq!(
            chosen(&source(env(&[]), no_bundle)),
            ("the system's CA directory", vec!["/etc/ssl/certs"])
        );
    }

    #[test]
    fn a_source_without_certificates_says_which_and_why() {
        let dir = tempfile::tempdir().expect("dir");
        let junk = dir.path().join("junk.pem");
        std::fs::write(&junk, "not a certificate").expect("write");
        for paths in [vec![dir.path().join("missing.pem")], vec![junk], Vec::new()] {
            let source = Source {
                origin: "SSL_CERT_FILE",
                paths,
            };
            let err = load(&source, None).err().map(|e| e.to_string());
            assert!(
                err.as_deref().is_some_and(
                    |e| e.starts_with("no CA certificate could be loaded from SSL_CERT_FILE")
                ),
                "{err:?}"
            );
        }
    }

    #[test]
    fn pem_blocks_are_read_as_rustls_pki_types_reads_them() {
        use rustls::pki_types::pem::PemObject;
        let cert = |n: u8| base64::engine::general_purpose::STANDARD.encode([n; 100]);
        let one = cert(1);
        let (first, second) = one.split_at(40);
        let pem = format!(
            "# a comment\n-----BEGIN CERTIFICATE-----\r\n{first}\r\n{second}\r\n-----END CERTIFICATE-----\r\n\
             text between\n-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n\
             -----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n\
             -----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----\n\
             -----BEGIN CERTIFICATE-----\n{}\n",
            cert(2),
            cert(3),
            cert(4)
        );
        let all = |pem: &[u8]| {
            let mut certs = Vec::new();
            pem_certificates(pem, |cert| certs.push(cert));
            certs
        };
        let ours = all(pem.as_bytes());
        assert_eq!(
            ours,
            [
                CertificateDer::from(vec![1; 100]),
                CertificateDer::from(vec![2; 100])
            ]
        );
        // The system's bundle, where there is one, gives the same certificates both ways.
        let Ok(bundle) = std::fs::read(BUNDLES[0]) else {
            return;
        };
        let theirs: Vec<_> = CertificateDer::pem_slice_iter(&bundle).flatten().collect();
        assert!(!theirs.is_empty());
        assert_eq!(all(&bundle), theirs);
    }

    /// The premise of reading one source: where a system has both, its directory holds no CA the bundle
    /// lacks (skipped on a machine without both). The one known exception is Debian's
    /// `ssl-cert-snakeoil.pem`, the host's own self-signed server certificate, which its CA tooling
    /// deliberately leaves out of the bundle: it is no CA, and no longer trusted as one.
    #[test]
    fn the_system_bundle_holds_every_ca_of_the_system_directory() {
        let (bundle, dir) = (PathBuf::from(BUNDLES[0]), PathBuf::from(DIRECTORIES[0]));
        if !bundle.is_file() || !dir.is_dir() {
            return;
        }
        let roots = |paths: Vec<PathBuf>| {
            let source = Source {
                origin: "test",
                paths,
            };
            parse(&source).map(|store| store.roots).unwrap_or_default()
        };
        let in_bundle: std::collections::HashSet<_> = roots(vec![bundle]).into_iter().collect();
        assert!(!in_bundle.is_empty());
        let files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| std::fs::canonicalize(entry.path()).ok())
            .filter(|path| path.is_file() && !path.to_string_lossy().contains("snakeoil"))
            .collect();
        let only_in_dir: Vec<_> = roots(files)
            .into_iter()
            .filter(|root| !in_bundle.contains(root))
            .collect();
        assert!(only_in_dir.is_empty(), "{only_in_dir:?}");
    }
}
