//! Which server certificates an SMTP session trusts, and what a failed handshake means in words.
//!
//! Three anchors: the system's roots (the default, `crate::roots`), those plus `SMTP_CA_FILE`, or one pinned certificate
//! (`SMTP_TLS_FINGERPRINT`). A certificate that the CA file holds byte for byte is accepted as a pin too:
//! the usual `openssl req -x509` certificate says `CA:TRUE`, which WebPKI refuses as a server's own
//! certificate (`CaUsedAsEndEntity`), yet it is exactly what the user said to trust.

use crate::error::{Error, Exit};
use crate::roots::{self, NoRoots};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

/// A certificate's SHA-256, over its DER bytes (what `openssl x509 -fingerprint -sha256` prints).
pub(super) type Fingerprint = [u8; 32];

/// What the session trusts.
#[derive(Debug, Clone)]
pub(crate) enum Anchor {
    /// The system's roots.
    System,
    /// The system's roots and the certificates of `SMTP_CA_FILE` (each also accepted as itself).
    CaFile(Vec<CertificateDer<'static>>),
    /// Exactly this certificate (`SMTP_TLS_FINGERPRINT`), whatever signed it and whatever names it has.
    Pin(Fingerprint),
}

impl Anchor {
    /// `SMTP_CA_FILE`'s PEM certificates; a file with none in it would silently trust nothing more.
    pub(crate) fn ca_file(pem: &[u8]) -> Result<Self, Error> {
        let not_pem = |why: &dyn std::fmt::Display| {
            Error::wrong(
                "email",
                "SMTP_CA_FILE",
                format!("is not a PEM certificate: {why}"),
                Exit::Config,
            )
        };
        let certs = CertificateDer::pem_slice_iter(pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| not_pem(&e))?;
        if certs.is_empty() {
            return Err(not_pem(&"no BEGIN CERTIFICATE block"));
        }
        Ok(Anchor::CaFile(certs))
    }

    /// `SMTP_TLS_FINGERPRINT=sha256:HEX`, the hex with or without colons, or what `openssl x509
    /// -noout -fingerprint -sha256` prints: `sha256 Fingerprint=AB:CD:…`, or its `AB:CD:…` alone (32 pairs).
    pub(crate) fn pin(text: &str) -> Result<Self, Error> {
        let bad = || {
            Error::invalid(
                "email",
                "SMTP_TLS_FINGERPRINT",
                text,
                "is not sha256:HEX (64 hex digits, colons allowed) nor AB:CD:… as `openssl x509 -in cert.pem -noout -fingerprint -sha256` prints it",
                Exit::Config,
            )
        };
        let text = text.trim();
        let printed = text
            .split_once('=')
            .filter(|(label, _)| label.trim().eq_ignore_ascii_case("sha256 fingerprint"))
            .map_or(text, |(_, value)| value.trim());
        let hex = match printed.get(..7) {
            Some(p) if p.eq_ignore_ascii_case("sha256:") => printed[7..].replace(':', ""),
            _ if printed.split(':').count() == 32 => printed.replace(':', ""),
            _ => return Err(bad()),
        };
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let mut fingerprint = [0u8; 32];
        for (byte, pair) in fingerprint.iter_mut().zip(hex.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| bad())?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| bad())?;
        }
        Ok(Anchor::Pin(fingerprint))
    }
}

/// `sha256:AB:CD:…`, as the variable takes it.
pub(super) fn show(fingerprint: &Fingerprint) -> String {
    let hex: Vec<String> = fingerprint.iter().map(|b| format!("{b:02X}")).collect();
    format!("sha256:{}", hex.join(":"))
}

/// The client settings for one session, and the verifier, which remembers the certificate it was shown
/// so that a refusal can say which one.
pub(super) struct Tls {
    pub config: Arc<rustls::ClientConfig>,
    verifier: Arc<Verifier>,
}

impl Tls {
    pub(super) fn new(anchor: &Anchor) -> Result<Self, Error> {
        let setup = |e: rustls::Error| {
            Error::config(
                "email",
                match NoRoots::within(&e) {
                    Some(no_roots) => no_roots.to_string(),
                    None => format!("cannot set up TLS: {e}"),
                },
            )
        };
        let provider = Arc::new(crate::roots::provider());
        let (roots, pinned) = match anchor {
            Anchor::System => (
                Some(roots::verifier(Arc::clone(&provider), &[]).map_err(setup)?),
                Vec::new(),
            ),
            Anchor::CaFile(certs) => (
                Some(roots::verifier(Arc::clone(&provider), certs).map_err(setup)?),
                certs.iter().map(|c| fingerprint(c)).collect(),
            ),
            Anchor::Pin(pin) => (None, vec![*pin]),
        };
        let verifier = Arc::new(Verifier {
            provider: Arc::clone(&provider),
            roots,
            pinned,
            seen: Mutex::new(None),
        });
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(setup)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::clone(&verifier) as Arc<dyn ServerCertVerifier>)
            .with_no_client_auth();
        Ok(Self {
            config: Arc::new(config),
            verifier,
        })
    }

    /// The fingerprint of the certificate the server presented, once it presented one.
    pub(super) fn seen(&self) -> Option<Fingerprint> {
        self.verifier.seen.lock().ok().and_then(|seen| *seen)
    }
}

fn fingerprint(cert: &CertificateDer<'_>) -> Fingerprint {
    Sha256::digest(cert.as_ref()).into()
}

#[derive(Debug)]
struct Verifier {
    provider: Arc<CryptoProvider>,
    /// WebPKI over the system's roots (and the CA file); `None` with a pin, which trusts nothing else.
    roots: Option<Arc<WebPkiServerVerifier>>,
    /// Certificates accepted as themselves, by fingerprint.
    pinned: Vec<Fingerprint>,
    seen: Mutex<Option<Fingerprint>>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let presented = fingerprint(end_entity);
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(presented);
        }
        // Compared in full, so a pin accepts exactly one certificate: its key, names, dates and flags
        // are what the user looked at when copying the fingerprint.
        if self.pinned.contains(&presented) {
            return Ok(ServerCertVerified::assertion());
        }
        match &self.roots {
            Some(roots) => {
                roots.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            }
            None => Err(rustls::Error::InvalidCertificate(
                CertificateError::ApplicationVerificationFailure,
            )),
        }
    }

    /// The handshake's signature is checked with the provider's algorithms for every anchor: a pin
    /// trusts a certificate, and only the holder of its key can sign with it.
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// What a failed handshake means and what to do, as one clause. `seen` is the certificate the server
/// presented, if it got that far.
pub(super) fn explain(err: &rustls::Error, anchor: &Anchor, seen: Option<Fingerprint>) -> String {
    use rustls::AlertDescription as Alert;
    use rustls::Error::{AlertReceived, InvalidCertificate, InvalidMessage, PeerIncompatible};
    let presented = seen
        .map(|f| {
            format!(
                " (it presented {}; compare it out of band before pinning it)",
                show(&f)
            )
        })
        .unwrap_or_default();
    match err {
        InvalidCertificate(CertificateError::ApplicationVerificationFailure)
            if matches!(anchor, Anchor::Pin(_)) =>
        {
            let shown = seen.map(|f| show(&f)).unwrap_or_default();
            format!(
                "the server's certificate is {shown}, not the one SMTP_TLS_FINGERPRINT pins: \
                 if the server's certificate was renewed, pin the new one"
            )
        }
        InvalidCertificate(CertificateError::NotValidForNameContext {
            expected,
            presented: names,
        }) => format!(
            "its certificate is not valid for {} but for {}: set SMTP_HOST to one of those names",
            expected.to_str(),
            if names.is_empty() {
                "no name at all".to_owned()
            } else {
                names.iter().map(|n| bare_name(n)).collect::<Vec<_>>().join(", ")
            }
        ),
        InvalidCertificate(CertificateError::NotValidForName) => {
            "its certificate is not valid for this host name: set SMTP_HOST to a name the certificate has"
                .to_owned()
        }
        InvalidCertificate(CertificateError::Expired | CertificateError::ExpiredContext { .. }) => {
            "its certificate has expired: the server's administrator must renew it".to_owned()
        }
        InvalidCertificate(CertificateError::UnknownIssuer) => unknown_ca(anchor, &presented),
        // A self-signed certificate that says CA:TRUE (webpki's `CaUsedAsEndEntity`, which rustls passes
        // on only as text) is the same case: nothing this machine trusts vouches for it.
        InvalidCertificate(CertificateError::Other(other))
            if format!("{other:?}").contains("CaUsedAsEndEntity") =>
        {
            unknown_ca(anchor, &presented)
        }
        InvalidCertificate(other) => format!("its certificate was refused ({other:?}){presented}"),
        AlertReceived(Alert::ProtocolVersion | Alert::HandshakeFailure | Alert::InsufficientSecurity)
        | PeerIncompatible(_) => OLD_TLS.to_owned(),
        InvalidMessage(_) => "the server did not answer in TLS: it likely speaks plain SMTP first; use \
             SMTP_SECURITY=starttls (port 587) or none (port 25)"
            .to_owned(),
        other => other.to_string(),
    }
}

/// When the server refuses or drops every TLS version and cipher rustls offers.
pub(super) const OLD_TLS: &str = "the server offers no TLS version or cipher sendmsg accepts (TLS 1.2 or 1.3): \
     its TLS settings need updating";

fn unknown_ca(anchor: &Anchor, presented: &str) -> String {
    let what = match anchor {
        Anchor::CaFile(_) => "a CA that neither the system nor SMTP_CA_FILE holds",
        _ => "a CA this machine does not trust (a private or self-signed certificate)",
    };
    format!(
        "its certificate is signed by {what}: point SMTP_CA_FILE at the CA's PEM certificate \
         (or at the server's own self-signed one), or pin it with SMTP_TLS_FINGERPRINT{presented}"
    )
}

/// `mail.example.net` from rustls's `DnsName("mail.example.net")`.
fn bare_name(presented: &str) -> &str {
    presented
        .split_once("(\"")
        .and_then(|(_, rest)| rest.strip_suffix("\")"))
        .unwrap_or(presented)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_sha256_and_64_hex_digits_with_or_without_colons() {
        let hex = "AB".repeat(32);
        let colons = vec!["ab"; 32].join(":");
        for good in [
            format!("sha256:{hex}"),
            format!("SHA256:{colons}"),
            colons.to_uppercase(),
            format!("sha256 Fingerprint={}", colons.to_uppercase()),
            format!("SHA256 Fingerprint={colons}\n"),
        ] {
            assert!(
                matches!(Anchor::pin(&good), Ok(Anchor::Pin(f)) if f == [0xAB; 32]),
                "{good}"
            );
        }
        for bad in [
            hex.clone(),
            format!("sha1:{hex}"),
            format!("sha256:{}", &hex[2..]),
            format!("sha256:{}zz", &hex[2..]),
            "sha256:".into(),
        ] {
            assert_eq!(
                Anchor::pin(&bad).err().map(|e| e.exit().code()),
                Some(3),
                "{bad}"
            );
        }
        assert_eq!(
            show(&[0xAB; 32]),
            format!("sha256:{colons}")
                .to_uppercase()
                .replace("SHA", "sha")
        );
    }

    #[test]
    fn a_ca_file_must_hold_a_certificate() {
        for bad in [&b"not a certificate"[..], b""] {
            assert_eq!(Anchor::ca_file(bad).err().map(|e| e.exit().code()), Some(3));
        }
    }
}
