//! What to do about the GeWe gateway's known failures (see [`crate::hints`]): it answers `ret 500` for
//! most of them and says which in its text.

use crate::hints::Code::Says;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[Hint {
    code: Says("已离线"),
    remedy: "the gateway's WeChat account is offline (已离线): log it in again on the GeWe gateway (scan its QR code), then resend",
}];
