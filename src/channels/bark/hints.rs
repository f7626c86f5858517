//! What to do about Bark's known codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[Hint {
    code: Exact("code 400"),
    remedy: "the server does not know this device key (or the request was malformed): copy the key again from the Bark app, and check BARK_BASE_URL is the server the app registered with",
}];
