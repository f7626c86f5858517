//! What to do about PushPlus's known codes (see [`crate::hints`]).

use crate::hints::Code::{Exact, Quota};
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("code 903"),
        remedy: "PUSHPLUS_TOKEN is not a valid token: copy it again from www.pushplus.plus (一对一消息 shows it)",
    },
    Hint {
        code: Quota("code 888"),
        remedy: "the account's points (积分) or balance for sending are used up: top up or wait for the daily allowance at www.pushplus.plus",
    },
    Hint {
        code: Exact("code 905"),
        remedy: "the account needs real-name verification (实名认证) before it may send: complete it at www.pushplus.plus",
    },
    Hint {
        code: Quota("code 900"),
        remedy: "PushPlus restricts the account for sending too often and every further request prolongs it: stop sending for a while (nothing was retried), then send less often; the account's 消息限制 page says until when",
    },
];
