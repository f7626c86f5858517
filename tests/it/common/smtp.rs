//! A real SMTP server for the e-mail tests: aiosmtpd (`tests/smtp/server.py`) on 127.0.0.1, speaking
//! implicit TLS, STARTTLS or plain SMTP with AUTH PLAIN/LOGIN, with certificates made here by rcgen. It
//! records every connection, AUTH attempt and accepted message; messages are parsed with mail-parser.

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub(crate) const USER: &str = "bot@example.com";
pub(crate) const PASSWORD: &str = "smtp-app-password-7Qx2";

/// Which certificate the server presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cert {
    /// Signed by the test CA, for 127.0.0.1 and localhost.
    Signed,
    /// Signed by the test CA for other names only.
    SignedFor(&'static [&'static str]),
    /// Self-signed the way `openssl req -x509` makes it: basicConstraints CA:TRUE, for mail.internal.
    SelfSigned,
}

/// A CA, and a server certificate as PEM files.
pub(crate) struct Certs {
    dir: tempfile::TempDir,
    /// The server certificate's DER.
    der: Vec<u8>,
}

impl Certs {
    pub(crate) fn new(kind: Cert) -> Self {
        let dir = tempfile::tempdir().expect("cert dir");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("ca params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "sendmsg test CA");
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().expect("ca key"))
            .expect("ca cert");
        let key = KeyPair::generate().expect("server key");
        let names: Vec<String> = match kind {
            Cert::Signed => vec!["127.0.0.1".into(), "localhost".into()],
            Cert::SignedFor(names) => names.iter().map(|n| (*n).to_owned()).collect(),
            Cert::SelfSigned => vec!["mail.internal".into()],
        };
        let mut params = CertificateParams::new(names).expect("server params");
        params
            .distinguished_name
            .push(DnType::CommonName, "mail.test");
        let cert = if kind == Cert::SelfSigned {
            params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            params.self_signed(&key).expect("self-signed cert")
        } else {
            params.signed_by(&key, &ca).expect("server cert")
        };
        std::fs::write(dir.path().join("ca.pem"), ca.pem()).expect("write ca");
        std::fs::write(dir.path().join("cert.pem"), cert.pem()).expect("write cert");
        std::fs::write(dir.path().join("key.pem"), key.serialize_pem()).expect("write key");
        Self {
            dir,
            der: cert.der().to_vec(),
        }
    }

    /// The CA to give as SMTP_CA_FILE.
    pub(crate) fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// The server's own certificate, as PEM.
    pub(crate) fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    /// The server certificate's private key, as PEM.
    pub(crate) fn key(&self) -> PathBuf {
        self.dir.path().join("key.pem")
    }

    /// `sha256:HEX` of the server's certificate, as SMTP_TLS_FINGERPRINT takes it.
    pub(crate) fn fingerprint(&self) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(&self.der);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// How the server listens, and the faults it plays.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// `tls`, `starttls` (STARTTLS offered, AUTH only after it) or `none` (no STARTTLS, AUTH in clear).
    pub mode: &'static str,
    /// Answer 451 to the first N messages.
    pub tempfail_data: u32,
    /// Answer 550 to RCPT TO for these addresses.
    pub reject_rcpt: Vec<String>,
    /// Close the connection instead of answering QUIT.
    pub drop_on_quit: bool,
    /// Offer only AUTH LOGIN.
    pub login_only: bool,
    /// Take the message, then close the connection without answering.
    pub hang_up_after_data: bool,
    /// Advertise SIZE with this limit (0: no SIZE).
    pub size_limit: u64,
    /// Refuse a HELO name without a dot (504 at RCPT, as Postfix does).
    pub reject_non_fqdn_helo: bool,
    /// Answer 450 to every RCPT TO.
    pub greylist: bool,
    /// Speak only TLS 1.0 and 1.1.
    pub old_tls: bool,
    /// Quote the AUTH line the client sent in the 535 of a refused login.
    pub echo_auth: bool,
    pub cert: Cert,
}

impl Options {
    pub(crate) fn mode(mode: &'static str) -> Self {
        Self {
            mode,
            tempfail_data: 0,
            reject_rcpt: Vec::new(),
            drop_on_quit: false,
            login_only: false,
            hang_up_after_data: false,
            size_limit: 0,
            reject_non_fqdn_helo: false,
            greylist: false,
            old_tls: false,
            echo_auth: false,
            cert: Cert::Signed,
        }
    }
}

/// A running server; killed on drop.
pub(crate) struct SmtpServer {
    child: Child,
    pub port: u16,
    pub certs: Certs,
    events: PathBuf,
}

/// What the server received in one accepted message.
#[derive(Debug)]
pub(crate) struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub tls: bool,
    pub authenticated: bool,
    pub data: Vec<u8>,
}

impl Received {
    pub(crate) fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("the received message parses as MIME")
    }

    pub(crate) fn raw(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// `SENDMSG_TEST_PYTHON`, else the virtual environment `tests/smtp/setup.sh` makes, else `python3`.
fn python() -> String {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/.venv/bin/python");
    std::env::var("SENDMSG_TEST_PYTHON").unwrap_or_else(|_| {
        if venv.exists() {
            venv.to_string_lossy().into_owned()
        } else {
            "python3".into()
        }
    })
}

/// The tests need aiosmtpd; say how to get it instead of failing obscurely.
fn require_aiosmtpd() {
    let found = Command::new(python())
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "the e-mail tests run a real SMTP server and need Python 3 with aiosmtpd: \
         sh tests/smtp/setup.sh makes a virtual environment with it (.ci/run does this; \
         SENDMSG_TEST_PYTHON names another interpreter)"
    );
}

impl SmtpServer {
    pub(crate) fn start(mode: &'static str) -> Self {
        Self::with(Options::mode(mode))
    }

    // Taken by value so a test writes `SmtpServer::with(Options { .. })`.
    #[allow(clippy::needless_pass_by_value)]
    pub(crate) fn with(options: Options) -> Self {
        require_aiosmtpd();
        let certs = Certs::new(options.cert);
        let events = certs.file("events.jsonl");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut cmd = Command::new(python());
        cmd.arg(script)
            .args([
                "--mode",
                options.mode,
                "--user",
                USER,
                "--password",
                PASSWORD,
            ])
            .arg("--cert")
            .arg(certs.file("cert.pem"))
            .arg("--key")
            .arg(certs.file("key.pem"))
            .arg("--events")
            .arg(&events)
            .args(["--tempfail-data", &options.tempfail_data.to_string()]);
        for rcpt in &options.reject_rcpt {
            cmd.args(["--reject-rcpt", rcpt]);
        }
        if options.drop_on_quit {
            cmd.arg("--drop-on-quit");
        }
        if options.hang_up_after_data {
            cmd.arg("--hang-up-after-data");
        }
        cmd.args(["--size-limit", &options.size_limit.to_string()]);
        if options.reject_non_fqdn_helo {
            cmd.arg("--reject-non-fqdn-helo");
        }
        if options.greylist {
            cmd.arg("--greylist");
        }
        if options.old_tls {
            cmd.args(["--max-tls", "1.1"]);
        }
        if options.echo_auth {
            cmd.arg("--echo-auth");
        }
        if options.login_only {
            cmd.args(["--exclude-auth", "PLAIN"]);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP server");
        let stdout = child.stdout.take().expect("server stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the server's port");
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        Self {
            child,
            port,
            certs,
            events,
        }
    }

    fn events(&self, kind: &str) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.events)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("event JSON"))
            .filter(|e| e["event"] == kind)
            .collect()
    }

    /// The names given in EHLO or HELO, in order.
    pub(crate) fn ehlo_names(&self) -> Vec<String> {
        self.events("ehlo")
            .iter()
            .filter_map(|e| e["name"].as_str().map(str::to_owned))
            .collect()
    }

    /// How many DATA commands the server received.
    pub(crate) fn data_commands(&self) -> usize {
        self.events("data").len()
    }

    pub(crate) fn connections(&self) -> usize {
        self.events("connect").len()
    }

    /// Every AUTH attempt: mechanism, login, ok, tls.
    pub(crate) fn auths(&self) -> Vec<serde_json::Value> {
        self.events("auth")
    }

    pub(crate) fn messages(&self) -> Vec<Received> {
        use base64::Engine;
        self.events("message")
            .into_iter()
            .map(|e| Received {
                mail_from: e["mail_from"].as_str().unwrap_or_default().to_owned(),
                rcpt_tos: e["rcpt_tos"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|r| r.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                tls: e["tls"] == true,
                authenticated: e["authenticated"] == true,
                data: base64::engine::general_purpose::STANDARD
                    .decode(e["data"].as_str().unwrap_or_default())
                    .expect("message base64"),
            })
            .collect()
    }
}

/// A plain server that greets, then answers EHLO with a reply that never ends, a byte every 200 ms: each
/// read succeeds, so only a deadline on the whole session ends a client's wait. Returns the port; the
/// thread ends with the test process.
pub(crate) fn dribbling_server() -> u16 {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                if stream.write_all(b"220 mail.test ESMTP\r\n").is_err() {
                    return;
                }
                for byte in b"250-still thinking\r\n".iter().cycle() {
                    if stream.write_all(&[*byte]).is_err() {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            });
        }
    });
    port
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
