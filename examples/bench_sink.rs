//! The benchmark's loopback sink (`bench/run.sh`; not part of sendmsg): answers every notification like
//! DingTalk and WeCom do, on 127.0.0.1 only.
//!
//! - `POST` anywhere: `{"errcode":0,"errmsg":"ok"}` (DingTalk, WeCom's message/send, apprise's json://);
//! - `GET /cgi-bin/gettoken`: a WeCom access token valid for 7200 s;
//! - `GET /__stats`: the TCP connections accepted and the requests seen per path, as JSON (the bench reads
//!   it to check that the parts of a split message share one connection and that a token is fetched once).
//!
//! HTTP/1.1 with keep-alive (hyper), TLS with rustls when asked. Every sender waits for the sink, so the
//! sink must cost next to nothing: Python's `http.server` took half a millisecond a request and its
//! OpenSSL 3.0 1.7 ms of CPU a TLS handshake, which were counted as the senders'. Prints `PORT` on stdout
//! once listening.
//!
//!     bench_sink [--port PORT] [--tls CERT KEY]
//!
//! `--port` listens on a port chosen in advance (`bench/outbox.sh` queues messages for it first).

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const OK: &str = r#"{"errcode":0,"errmsg":"ok"}"#;
const TOKEN: &str = r#"{"errcode":0,"errmsg":"ok","access_token":"bench-token","expires_in":7200}"#;

/// What `/__stats` reports.
#[derive(Default)]
struct Stats {
    connections: AtomicUsize,
    requests: Mutex<BTreeMap<String, usize>>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut port = 0;
    if args.len() >= 2 && args[0] == "--port" {
        port = args[1].parse::<u16>()?;
        args.drain(..2);
    }
    let tls = match args.as_slice() {
        [] => None,
        [flag, cert, key] if flag == "--tls" => Some(tokio_rustls::TlsAcceptor::from(Arc::new(
            rustls::ServerConfig::builder_with_provider(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))
            .with_safe_default_protocol_versions()?
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from_pem_file(cert)?],
                PrivateKeyDer::from_pem_file(key)?,
            )?,
        ))),
        _ => return Err("usage: bench_sink [--port PORT] [--tls CERT KEY]".into()),
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    listener.set_nonblocking(true)?;
    println!("{}", listener.local_addr()?.port());
    let stats = Arc::new(Stats::default());
    // One thread: the bench sends one request at a time, and a second thread would only add wake-ups.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            loop {
                let (tcp, _) = listener.accept().await?;
                // The reply's head and body are separate writes: Nagle would hold the body back.
                tcp.set_nodelay(true)?;
                stats.connections.fetch_add(1, Ordering::Relaxed);
                let (tls, stats) = (tls.clone(), Arc::clone(&stats));
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        answer(request, Arc::clone(&stats))
                    });
                    let http = hyper::server::conn::http1::Builder::new();
                    // A sender that hangs up or fails its handshake ends only its own connection.
                    let _ = match tls {
                        Some(tls) => match tls.accept(tcp).await {
                            Ok(tls) => http.serve_connection(TokioIo::new(tls), service).await,
                            Err(_) => return,
                        },
                        None => http.serve_connection(TokioIo::new(tcp), service).await,
                    };
                });
            }
        })
}

async fn answer(
    request: Request<Incoming>,
    stats: Arc<Stats>,
) -> Result<Response<Full<Bytes>>, hyper::Error> {
    let path = request.uri().path().to_owned();
    let body = if path == "/__stats" {
        let requests = stats.requests.lock().map(|r| r.clone()).unwrap_or_default();
        serde_json::json!({
            "connections": stats.connections.load(Ordering::Relaxed),
            "requests": requests,
        })
        .to_string()
    } else {
        if let Ok(mut requests) = stats.requests.lock() {
            *requests.entry(path.clone()).or_default() += 1;
        }
        let token = request.method() == hyper::Method::GET && path == "/cgi-bin/gettoken";
        (if token { TOKEN } else { OK }).to_owned()
    };
    // Read whole, as a real service does before it answers.
    request.into_body().collect().await?;
    Ok(Response::builder()
        .header("Content-Type", "application/json")
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_default())
}
