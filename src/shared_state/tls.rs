//! `rediss://`: TLS to Redis through sendmsg's own rustls, with the trust roots and provider of every
//! HTTPS request and SMTP session, rather than the redis crate's `tls-rustls` (a second rustls set-up and
//! *ring*'s whole default provider: 128 KB of the binary). The redis client speaks plain RESP to a Unix
//! socket in the state directory (mode 0700, removed once connected), and one thread relays it through a
//! TLS connection that was made, and its certificate checked, before the client connects.

use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// Connects to `host:port` over TLS within `timeout` and returns the socket that relays to it.
pub(super) fn relay(host: &str, port: u16, timeout: Duration) -> Result<PathBuf, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let tls = runtime
        .block_on(async { tokio::time::timeout(timeout, handshake(host, port)).await })
        .map_err(|_| format!("no TLS session within {}", crate::period::Human(timeout)))??;
    let dir = crate::state::dir().ok_or("neither XDG_STATE_HOME nor HOME is set")?;
    crate::private_file::create_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!(
        "redis-{}-{:08x}.sock",
        std::process::id(),
        crate::random::bits() as u32
    ));
    let listener = UnixListener::bind(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let socket = path.clone();
    std::thread::spawn(move || {
        let accepted = listener.accept();
        let _ = std::fs::remove_file(&socket);
        let Ok((plain, _)) = accepted else { return };
        runtime.block_on(async move {
            let Ok(mut plain) = plain
                .set_nonblocking(true)
                .and_then(|()| tokio::net::UnixStream::from_std(plain))
            else {
                return;
            };
            let mut tls = tls;
            let _ = tokio::io::copy_bidirectional(&mut plain, &mut tls).await;
        });
    });
    Ok(path)
}

/// The TLS session with the server, its certificate verified against the system's roots for `host`.
async fn handshake(host: &str, port: u16) -> Result<TlsStream<TcpStream>, String> {
    let provider = Arc::new(crate::roots::provider());
    let verifier = crate::roots::verifier(Arc::clone(&provider), &[]).map_err(|e| e.to_string())?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_webpki_verifier(verifier)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(host.to_owned())
        .map_err(|e| format!("{host}: {e}"))?;
    let tcp = TcpStream::connect((host, port))
        .await
        .map_err(|e| e.to_string())?;
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS: {e}"))
}
