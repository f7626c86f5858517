//! What to do about the ding service's known error codes (see [`crate::hints`]).

use crate::hints::Code::{Exact, Quota};
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("errcode 310000"),
        remedy: "keyword or signature mismatch: the text must contain one of the robot's 自定义关键词, or DING_SECRET must be the robot's 加签 secret (SEC…), or this IP must be in its IP地址(段)",
    },
    Hint {
        code: Exact("errcode 130101"),
        remedy: "over 20 messages a minute for this robot: wait (DingTalk may throttle it for 10 minutes) and batch messages",
    },
    Hint {
        code: Quota("errcode 90030"),
        remedy: "the robot's message quota for this period (the organisation's plan limits custom robots by day and month) is spent; it is not retried: wait for the next period, or send through a pool of robots (config.toml [groups.NAME] pool)",
    },
    Hint {
        code: Exact("errcode 410100"),
        remedy: "the robot is throttled for sending too fast: wait 10 minutes and send less often",
    },
    Hint {
        code: Exact("errcode 300001"),
        remedy: "token is not exist: DING_ACCESS_TOKEN is not this robot's access_token: copy the robot's Webhook URL again (群设置 → 机器人)",
    },
    Hint {
        code: Exact("errcode 400101"),
        remedy: "DING_ACCESS_TOKEN is wrong: copy the robot's Webhook URL again (群设置 → 机器人)",
    },
    Hint {
        code: Exact("errcode 400102"),
        remedy: "the robot is disabled: enable it in the group's robot settings",
    },
    Hint {
        code: Exact("errcode 400106"),
        remedy: "the robot no longer exists or left the group: add a new custom robot and update DING_ACCESS_TOKEN",
    },
    Hint {
        code: Exact("errcode 460101"),
        remedy: "a DingTalk message is at most 20000 bytes: use --overflow split or send less",
    },
];
