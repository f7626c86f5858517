//! What to do about the Feishu service's known error codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("code 19021"),
        remedy: "signature or clock: FEISHU_SECRET must be the bot's 签名校验 secret, and this machine's clock within an hour of the real time (check NTP)",
    },
    Hint {
        code: Exact("code 19024"),
        remedy: "the text must contain one of the bot's 自定义关键词 (安全设置), or remove the keyword setting",
    },
    Hint {
        code: Exact("code 11232"),
        remedy: "over 5 messages a second or 100 a minute for this bot: send less often, and not exactly on the hour or half hour",
    },
    Hint {
        code: Exact("code 9499"),
        remedy: "the service could not read the request: check FEISHU_WEBHOOK (the token after /hook/) and --max-bytes",
    },
    Hint {
        code: Exact("code 19001"),
        remedy: "the webhook token is wrong or the bot was removed (incoming webhook access token invalid): copy the bot's webhook address again into FEISHU_WEBHOOK",
    },
];
