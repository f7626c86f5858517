//! Access tokens as WeCom and WeChat issue them: with a lifetime, counted, and checked on every call
//! (41001 missing, 40014 unknown, 42001 expired), so a client's caching and refresh can be observed.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Issued {
    tokens: Vec<(String, Instant)>,
    calls: usize,
    refuse_all: bool,
}

/// The token state of one mock server, shared with the test that drives it.
#[derive(Clone, Default)]
pub(crate) struct TokenStore {
    prefix: &'static str,
    lifetime_secs: u64,
    inner: Arc<Mutex<Issued>>,
}

impl TokenStore {
    pub(crate) fn new(prefix: &'static str) -> Self {
        Self {
            prefix,
            lifetime_secs: 7200,
            inner: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Issued> {
        self.inner.lock().expect("token store")
    }

    /// Issues a token; with `reuse`, the newest one still valid is handed out again (WeCom's behaviour).
    /// Returns the reply body.
    pub(crate) fn issue(&self, reuse: bool, with_errcode: bool) -> String {
        let mut issued = self.lock();
        issued.calls += 1;
        let now = Instant::now();
        let valid = issued
            .tokens
            .iter()
            .rev()
            .find(|(_, expiry)| *expiry > now)
            .map(|(t, _)| t.clone());
        let token = if let Some(token) = valid.filter(|_| reuse) {
            token
        } else {
            let token = format!(
                "{}-access-token-{:04}",
                self.prefix,
                issued.tokens.len() + 1
            );
            let expiry = now + Duration::from_secs(self.lifetime_secs);
            issued.tokens.push((token.clone(), expiry));
            token
        };
        let errcode = if with_errcode {
            r#""errcode":0,"errmsg":"ok","#
        } else {
            ""
        };
        format!(
            r#"{{{errcode}"access_token":"{token}","expires_in":{}}}"#,
            self.lifetime_secs
        )
    }

    /// The service's verdict on the token of a call: `Err((errcode, errmsg))` when it is refused.
    pub(crate) fn check(&self, token: Option<&str>) -> Result<(), (i64, &'static str)> {
        let issued = self.lock();
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Err((41001, "access_token missing"));
        };
        match issued.tokens.iter().find(|(t, _)| t == token) {
            None => Err((40014, "invalid access_token")),
            Some(_) if issued.refuse_all => Err((42001, "access_token expired")),
            Some((_, expiry)) if *expiry <= Instant::now() => Err((42001, "access_token expired")),
            Some(_) => Ok(()),
        }
    }

    /// How many token requests were answered.
    pub(crate) fn calls(&self) -> usize {
        self.lock().calls
    }

    /// Every token issued so far: none may appear in any output.
    pub(crate) fn issued(&self) -> Vec<String> {
        self.lock().tokens.iter().map(|(t, _)| t.clone()).collect()
    }

    /// The service drops every token early (WeCom may): the next call with one gets 42001.
    pub(crate) fn expire_all(&self) {
        let now = Instant::now();
        for (_, expiry) in &mut self.lock().tokens {
            *expiry = now;
        }
    }

    /// Every token, even a fresh one, is answered 42001 from now on.
    pub(crate) fn refuse_all(&self) {
        self.lock().refuse_all = true;
    }
}

/// Asserts that no issued token appears in the output of a run.
pub(crate) fn assert_not_shown(store: &TokenStore, output: &super::Output) {
    for token in store.issued() {
        assert!(
            !output.stdout.contains(&token) && !output.stderr.contains(&token),
            "an access token was printed:\n{output:?}"
        );
    }
}
