//! The cryptography of every TLS connection: rustls' *ring* provider without what sendmsg never needs.
//! `rustls::crypto::ring::default_provider()` names all of it, so all of it was in the binary (93 KB):
//! - signing keys (RSA, ECDSA and Ed25519 signing, PKCS#8): a client that shows no certificate of its own
//!   never loads one;
//! - ChaCha20-Poly1305: every TLS 1.3 server must offer AES-128-GCM (RFC 8446, 9.1), TLS 1.2 servers
//!   offer ECDHE with AES-GCM, and *ring*'s AES is constant-time without AES-NI too.

use rustls::SignatureScheme;
use rustls::crypto::ring::{cipher_suite, kx_group};
use rustls::crypto::{
    CryptoProvider, GetRandomFailed, KeyProvider, SecureRandom, WebPkiSupportedAlgorithms,
};
use rustls::pki_types::PrivateKeyDer;
use rustls::sign::SigningKey;
use std::sync::Arc;
use webpki::ring as algs;

/// The provider of HTTPS requests and SMTP sessions: *ring*'s AES-GCM suites, and its key exchanges and
/// signature checks as `default_provider()` has them.
pub(crate) fn provider() -> CryptoProvider {
    CryptoProvider {
        cipher_suites: vec![
            cipher_suite::TLS13_AES_256_GCM_SHA384,
            cipher_suite::TLS13_AES_128_GCM_SHA256,
            cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ],
        kx_groups: vec![kx_group::X25519, kx_group::SECP256R1, kx_group::SECP384R1],
        signature_verification_algorithms: SIGNATURES,
        secure_random: &OsRandom,
        key_provider: &NoClientKeys,
    }
}

/// What *ring* verifies, as rustls' own table for it.
static SIGNATURES: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    all: &[
        algs::ECDSA_P256_SHA256,
        algs::ECDSA_P256_SHA384,
        algs::ECDSA_P384_SHA256,
        algs::ECDSA_P384_SHA384,
        algs::ED25519,
        algs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
        algs::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
        algs::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
        algs::RSA_PKCS1_2048_8192_SHA256,
        algs::RSA_PKCS1_2048_8192_SHA384,
        algs::RSA_PKCS1_2048_8192_SHA512,
        algs::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
        algs::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
        algs::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    ],
    mapping: &[
        // For TLS 1.2 the scheme does not fix the curve; for TLS 1.3 it does.
        (
            SignatureScheme::ECDSA_NISTP384_SHA384,
            &[algs::ECDSA_P384_SHA384, algs::ECDSA_P256_SHA384],
        ),
        (
            SignatureScheme::ECDSA_NISTP256_SHA256,
            &[algs::ECDSA_P256_SHA256, algs::ECDSA_P384_SHA256],
        ),
        (SignatureScheme::ED25519, &[algs::ED25519]),
        (
            SignatureScheme::RSA_PSS_SHA512,
            &[algs::RSA_PSS_2048_8192_SHA512_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PSS_SHA384,
            &[algs::RSA_PSS_2048_8192_SHA384_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PSS_SHA256,
            &[algs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA512,
            &[algs::RSA_PKCS1_2048_8192_SHA512],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA384,
            &[algs::RSA_PKCS1_2048_8192_SHA384],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA256,
            &[algs::RSA_PKCS1_2048_8192_SHA256],
        ),
    ],
};

/// The handshake's randomness, from the one random source's OS call (as *ring*'s own).
#[derive(Debug)]
struct OsRandom;

impl SecureRandom for OsRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), GetRandomFailed> {
        getrandom::getrandom(buf).map_err(|_| GetRandomFailed)
    }
}

/// sendmsg never authenticates with a certificate of its own, so no private key is ever loaded.
#[derive(Debug)]
struct NoClientKeys;

impl KeyProvider for NoClientKeys {
    fn load_private_key(
        &self,
        _key: PrivateKeyDer<'static>,
    ) -> Result<Arc<dyn SigningKey>, rustls::Error> {
        Err(rustls::Error::General(
            "sendmsg presents no client certificate".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::crypto::ring::default_provider;
    use rustls::pki_types::SignatureVerificationAlgorithm;

    #[test]
    fn verifies_and_exchanges_keys_as_rings_default_provider() {
        let (ours, ring) = (provider(), default_provider());
        let ids = |algs: &[&dyn SignatureVerificationAlgorithm]| {
            algs.iter()
                .map(|a| (a.public_key_alg_id(), a.signature_alg_id()))
                .collect::<Vec<_>>()
        };
        let (ours_algs, ring_algs) = (
            ours.signature_verification_algorithms,
            ring.signature_verification_algorithms,
        );
        assert_eq!(ids(ours_algs.all), ids(ring_algs.all));
        assert_eq!(ours_algs.mapping.len(), ring_algs.mapping.len());
        for ((scheme, algs), (ring_scheme, ring_algs)) in
            ours_algs.mapping.iter().zip(ring_algs.mapping)
        {
            assert_eq!((scheme, ids(algs)), (ring_scheme, ids(ring_algs)));
        }
        let groups = |p: &CryptoProvider| p.kx_groups.iter().map(|g| g.name()).collect::<Vec<_>>();
        assert_eq!(groups(&ours), groups(&ring));
    }

    #[test]
    fn offers_rings_suites_but_chacha20() {
        let suites = |p: CryptoProvider| {
            p.cipher_suites
                .iter()
                .map(|s| format!("{:?}", s.suite()))
                .collect::<Vec<_>>()
        };
        let mut ring = suites(default_provider());
        ring.retain(|s| !s.contains("CHACHA20"));
        assert_eq!(suites(provider()), ring);
        assert_eq!(ring.len(), 6);
    }

    #[test]
    fn loads_no_client_key() {
        let key = PrivateKeyDer::Pkcs8(vec![0x30, 0x00].into());
        let err = provider().key_provider.load_private_key(key).err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some("unexpected error: sendmsg presents no client certificate".to_owned())
        );
    }
}
