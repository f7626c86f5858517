//! What to do about the wecom service's known error codes (see [`crate::hints`]).

use crate::hints::Code::Exact;
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("errcode 60020"),
        remedy: "add this machine's public IP to the app's 企业可信IP (WeCom admin console → the app → 企业可信IP); a changed home IP needs adding again",
    },
    Hint {
        code: Exact("errcode 40013"),
        remedy: "WECOM_CORP_ID is wrong: copy the 企业ID from 我的企业 → 企业信息",
    },
    Hint {
        code: Exact("errcode 40001"),
        remedy: "WECOM_CORP_SECRET is wrong: copy the app's Secret from 应用管理 → the app (each app has its own)",
    },
    Hint {
        code: Exact("errcode 40091"),
        remedy: "WECOM_CORP_SECRET belongs to another enterprise: use the Secret of an app in WECOM_CORP_ID",
    },
    Hint {
        code: Exact("errcode 40056"),
        remedy: "WECOM_AGENT_ID is not this app's AgentId (应用管理 → the app → AgentId)",
    },
    Hint {
        code: Exact("errcode 48002"),
        remedy: "this Secret may not send messages (e.g. the contacts-sync secret): use the app's own Secret",
    },
    Hint {
        code: Exact("errcode 81013"),
        remedy: "no recipient is in the app's visible range (可见范围): check the ids or widen the range",
    },
    Hint {
        code: Exact("errcode 45009"),
        remedy: "over the call frequency limit (a robot takes 20 messages a minute): wait a minute and send less often",
    },
    Hint {
        code: Exact("errcode 93000"),
        remedy: "the robot's webhook key is wrong or the robot was removed from its group: copy the webhook URL again into WECOM_BOT_KEY",
    },
    Hint {
        code: Exact("errcode 40058"),
        remedy: "a robot markdown message is at most 4096 bytes (text 2048): use --overflow split or send less",
    },
];
