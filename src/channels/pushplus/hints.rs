//! What to do about PushPlus's known codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("code 903"),
        remedy: "PUSHPLUS_TOKEN is not a valid token: copy it again from www.pushplus.plus (一对一消息 shows it)",
    },
    Hint {
        code: Exact("code 900"),
        remedy: "PushPlus restricts the account for sending too often: wait, send less often, and check the account's 消息限制 page",
    },
];
