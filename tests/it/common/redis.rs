//! A real `redis-server` for the shared-state tests: on a free loopback port, in a throw-away directory,
//! with no snapshots (`--save ''`) and a password; stopped when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = "/usr/bin/redis-server";
pub(crate) const PASSWORD: &str = "redis-test-pass-9f4c1e";

pub(crate) struct Redis {
    child: Child,
    port: u16,
    /// Listening with TLS only (`rediss://`).
    tls: bool,
    _dir: tempfile::TempDir,
}

impl Redis {
    /// A fresh server, or `None` (with a notice) when redis-server is not installed and this is not CI,
    /// where it must be (`.ci/run` installs it).
    pub(crate) fn start() -> Option<Self> {
        Self::launch(None)
    }

    /// A fresh server that speaks TLS only, with `certs`' server certificate (signed by its throw-away
    /// CA), or `None` as [`Redis::start`].
    pub(crate) fn start_tls(certs: &super::smtp::Certs) -> Option<Self> {
        Self::launch(Some(certs))
    }

    fn launch(certs: Option<&super::smtp::Certs>) -> Option<Self> {
        if !Path::new(BINARY).exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "{BINARY} is missing (apt-get install redis-server)"
            );
            eprintln!("NOTICE: {BINARY} is not installed: the shared-state test is skipped");
            return None;
        }
        let dir = tempfile::tempdir().expect("redis dir");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let mut command = Command::new(BINARY);
        match certs {
            None => command.args(["--port", &port.to_string()]),
            Some(certs) => command
                .args(["--port", "0", "--tls-port", &port.to_string()])
                .arg("--tls-cert-file")
                .arg(certs.cert())
                .arg("--tls-key-file")
                .arg(certs.key())
                .arg("--tls-ca-cert-file")
                .arg(certs.ca())
                .args(["--tls-auth-clients", "no"]),
        };
        let child = command
            .args(["--bind", "127.0.0.1", "--save", ""])
            .args(["--appendonly", "no", "--requirepass", PASSWORD])
            .arg("--dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start redis-server");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(Self {
            child,
            port,
            tls: certs.is_some(),
            _dir: dir,
        })
    }

    /// `SENDMSG_STATE` for this server.
    pub(crate) fn url(&self) -> String {
        let scheme = if self.tls { "rediss" } else { "redis" };
        format!("{scheme}://:{PASSWORD}@127.0.0.1:{}/0", self.port)
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server (the tests' "Redis went away").
    pub(crate) fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}
