//! Which CA certificates an HTTPS send trusts: one source, the first that applies of `SSL_CERT_FILE`,
//! `SSL_CERT_DIR`, the system's bundle (and only without one, its directory); a test CA in that source is
//! trusted and one elsewhere is not (exit 3, naming the host, one attempt).

use crate::common;

use common::https::HttpsFront;
use common::smtp::{Cert, Certs};
use common::{Sandbox, ding};
use std::path::PathBuf;

/// The system's bundle on this machine, if there is one (the default source).
const SYSTEM_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// A DingTalk robot behind HTTPS with a certificate of a fresh test CA that no system trusts.
struct Setup {
    sandbox: Sandbox,
    certs: Certs,
    robot: common::mock::MockServer,
    front: HttpsFront,
}

impl Setup {
    fn new() -> Self {
        let certs = Certs::new(Cert::Signed);
        let robot = ding::robot();
        let front = HttpsFront::start(&certs, &robot);
        Self {
            sandbox: Sandbox::new(),
            certs,
            robot,
            front,
        }
    }

    /// A copy of the system's bundle, with the test CA appended when `with_ca`.
    fn bundle(&self, with_ca: bool) -> PathBuf {
        let mut pem = std::fs::read_to_string(SYSTEM_BUNDLE).unwrap_or_default();
        if with_ca {
            pem.push_str(&common::read(&self.certs.ca()));
        }
        let path = self
            .sandbox
            .path(if with_ca { "with-ca.pem" } else { "system.pem" });
        std::fs::write(&path, pem).expect("bundle");
        path
    }

    /// A certificate directory holding only the test CA.
    fn ca_dir(&self) -> PathBuf {
        let dir = self.sandbox.path("certs");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::copy(self.certs.ca(), dir.join("test-ca.pem")).expect("copy");
        dir
    }

    fn send(&self, env: &[(&str, &PathBuf)]) -> common::Output {
        let mut run = self
            .sandbox
            .sendmsg(["ding", "--retries", "2", "over", "https"])
            .env("DING_ACCESS_TOKEN", ding::TOKEN)
            .env("DING_SECRET", ding::SECRET)
            .env("DING_BASE_URL", self.front.url());
        for (key, value) in env {
            run = run.env(key, value);
        }
        run.run()
    }

    fn refused(&self, out: &common::Output) {
        out.code(3).one_error_line().stderr_has(&format!(
            "certificate of 127.0.0.1:{} is not trusted",
            self.front.port()
        ));
        assert_eq!(self.front.handshakes(), 0);
        assert_eq!(self.robot.requests().len(), 0);
    }
}

#[test]
fn a_test_ca_in_ssl_cert_file_is_trusted() {
    let setup = Setup::new();
    setup
        .send(&[("SSL_CERT_FILE", &setup.bundle(true))])
        .code(0)
        .stderr_has("ding: sent");
    assert_eq!(setup.front.handshakes(), 1);
    assert_eq!(ding::texts(&setup.robot), ["over https"]);
}

#[test]
fn ssl_cert_dir_wins_over_the_system_bundle_but_not_over_ssl_cert_file() {
    let setup = Setup::new();
    let dir = setup.ca_dir();
    setup.send(&[("SSL_CERT_DIR", &dir)]).code(0);
    assert_eq!(ding::texts(&setup.robot), ["over https"]);
    // One source: with both set, the directory is not read at all.
    let setup = Setup::new();
    let dir = setup.ca_dir();
    let out = setup.send(&[
        ("SSL_CERT_FILE", &setup.bundle(false)),
        ("SSL_CERT_DIR", &dir),
    ]);
    setup.refused(&out);
}

#[test]
fn by_default_the_system_roots_do_not_trust_a_test_ca() {
    let setup = Setup::new();
    let out = setup.send(&[]);
    setup.refused(&out);
}

#[test]
fn an_ssl_cert_file_without_certificates_is_a_setting_to_fix() {
    let setup = Setup::new();
    let missing = setup.sandbox.path("missing.pem");
    let out = setup.send(&[("SSL_CERT_FILE", &missing)]);
    out.code(3)
        .one_error_line()
        .stderr_has(&format!(
            "cannot verify the TLS certificate of 127.0.0.1:{}: no CA certificate could be loaded \
             from SSL_CERT_FILE",
            setup.front.port()
        ))
        .stderr_has("missing.pem");
    assert_eq!(setup.robot.requests().len(), 0);
}

/// A settled bundle's trust anchors are cached (privately) for the next send; a bundle replaced without
/// the test CA, as `update-ca-certificates` replaces one, or edited in place, is read again: trust taken
/// away takes effect on the very next send.
#[test]
fn cached_trust_anchors_follow_the_bundle() {
    let setup = Setup::new();
    let bundle = setup.bundle(true);
    // Cached only once the bundle has not changed for two seconds.
    let settle = std::time::Duration::from_millis(2100);
    std::thread::sleep(settle);
    for _ in 0..2 {
        setup.send(&[("SSL_CERT_FILE", &bundle)]).code(0);
    }
    let cache = setup.sandbox.path("cache/sendmsg");
    let cached: Vec<PathBuf> = std::fs::read_dir(&cache)
        .expect("cache dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("roots-"))
        })
        .collect();
    assert_eq!(cached.len(), 1, "{cached:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cached[0]).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
    }
    assert_eq!(ding::texts(&setup.robot), ["over https", "over https"]);

    // Refused before any request: the robot has only the messages sent before.
    let untrusted = |out: common::Output, sent: usize| {
        out.code(3).one_error_line().stderr_has(&format!(
            "certificate of 127.0.0.1:{} is not trusted",
            setup.front.port()
        ));
        assert_eq!(ding::texts(&setup.robot).len(), sent);
    };
    // Each change settles before the next send, so that the cache is looked at and found stale.
    std::fs::rename(setup.bundle(false), &bundle).expect("replace");
    std::thread::sleep(settle);
    untrusted(setup.send(&[("SSL_CERT_FILE", &bundle)]), 2);

    // Trusted again and cached; then the CA is cut out of the same file, in place.
    std::fs::rename(setup.bundle(true), &bundle).expect("replace");
    std::thread::sleep(settle);
    setup.send(&[("SSL_CERT_FILE", &bundle)]).code(0);
    let system = std::fs::read(setup.bundle(false)).expect("system");
    std::fs::write(&bundle, system).expect("edit in place");
    std::thread::sleep(settle);
    untrusted(setup.send(&[("SSL_CERT_FILE", &bundle)]), 3);
}
