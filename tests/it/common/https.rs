//! HTTPS in front of a plain mock: terminates TLS with a certificate of a test CA (`smtp::Certs`) and
//! relays the bytes to the mock, so the channel's own verifying mock answers over HTTPS.

use super::mock::MockServer;
use super::smtp::Certs;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A running TLS front. It lives until the test process ends.
pub(crate) struct HttpsFront {
    addr: SocketAddr,
    handshakes: Arc<AtomicUsize>,
}

impl HttpsFront {
    /// Serves `certs`' server certificate (for 127.0.0.1) and relays to `backend`.
    pub(crate) fn start(certs: &Certs, backend: &MockServer) -> Self {
        let chain = vec![CertificateDer::from_pem_file(certs.cert()).expect("server cert")];
        let key = PrivateKeyDer::from_pem_file(certs.key()).expect("server key");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server config");
        let config = Arc::new(config);
        let backend: SocketAddr = backend
            .url()
            .trim_start_matches("http://")
            .parse()
            .expect("mock address");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        let handshakes = Arc::new(AtomicUsize::new(0));
        let done = Arc::clone(&handshakes);
        std::thread::spawn(move || {
            for tcp in listener.incoming().flatten() {
                let (config, done) = (Arc::clone(&config), Arc::clone(&done));
                std::thread::spawn(move || relay(tcp, config, backend, &done));
            }
        });
        Self { addr, handshakes }
    }

    /// `https://127.0.0.1:PORT`
    pub(crate) fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    pub(crate) fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Handshakes that completed: the client trusted the certificate.
    pub(crate) fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }
}

/// One connection: the handshake, then bytes both ways (polling each side in turn) until either closes.
fn relay(
    tcp: TcpStream,
    config: Arc<rustls::ServerConfig>,
    backend: SocketAddr,
    done: &AtomicUsize,
) {
    let Ok(conn) = rustls::ServerConnection::new(config) else {
        return;
    };
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        if tls.conn.complete_io(&mut tls.sock).is_err() {
            return;
        }
    }
    done.fetch_add(1, Ordering::SeqCst);
    let Ok(mut plain) = TcpStream::connect(backend) else {
        return;
    };
    let poll = Some(Duration::from_millis(5));
    if tls.sock.set_read_timeout(poll).is_err() || plain.set_read_timeout(poll).is_err() {
        return;
    }
    let idle = |e: &std::io::Error| matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
    let mut buf = [0u8; 16 * 1024];
    loop {
        match tls.read(&mut buf) {
            Ok(0) => return,
            Ok(n) if plain.write_all(&buf[..n]).is_err() => return,
            Err(e) if !idle(&e) => return,
            _ => {}
        }
        match plain.read(&mut buf) {
            Ok(0) => return,
            Ok(n) if tls.write_all(&buf[..n]).and_then(|()| tls.flush()).is_err() => return,
            Err(e) if !idle(&e) => return,
            _ => {}
        }
    }
}
