//! What to do about the template service's known error codes (see [`crate::hints`]).

use crate::hints::Code::{Exact, Quota};
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("errcode 43004"),
        remedy: "the user has not followed the account (require subscribe): they must follow it before template messages reach them",
    },
    Hint {
        code: Exact("errcode 40001"),
        remedy: "WECHAT_APP_SECRET is wrong or was reset: copy the AppSecret from 设置与开发 → 基本配置",
    },
    Hint {
        code: Exact("errcode 40013"),
        remedy: "WECHAT_APP_ID is wrong: copy the AppID from 设置与开发 → 基本配置",
    },
    Hint {
        code: Exact("errcode 40164"),
        remedy: "add this machine's public IP to the account's IP白名单 (设置与开发 → 基本配置)",
    },
    Hint {
        code: Exact("errcode 40003"),
        remedy: "the openid is not a follower of this account: openids differ per account",
    },
    Hint {
        code: Exact("errcode 40037"),
        remedy: "WECHAT_TEMPLATE_ID is not one of this account's templates (广告与服务 → 模板消息 → 我的模板)",
    },
    Hint {
        code: Exact("errcode 47003"),
        remedy: "a field value breaks its rules (at most 20 characters on one line; numbers/times in their format): see --overflow",
    },
    Hint {
        code: Quota("errcode 45009"),
        remedy: "the daily API quota is used up: wait until tomorrow, or reset it in the console (接口权限)",
    },
];
