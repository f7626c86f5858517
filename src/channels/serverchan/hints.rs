//! What to do about Server酱's known codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[Hint {
    code: Exact("code 40001"),
    remedy: "Server酱 refused the key or the day's quota is used (the free plan sends 5 a day, the message says which): copy SERVERCHAN_SENDKEY again from sct.ftqq.com → SendKey, or wait until tomorrow",
}];
