//! What to do about the sms service's known error codes (see [`crate::hints`]).

use crate::hints::Code::{Exact, Prefix, Quota};
use crate::hints::Hint;

pub(crate) const HINTS: &[Hint] = &[
    Hint {
        code: Exact("isv.PARAM_LENGTH_LIMIT"),
        remedy: "a --param value is too long for its variable type (20 or 35 characters): shorten it",
    },
    Hint {
        code: Exact("isv.SMS_TEMPLATE_ILLEGAL"),
        remedy: "SMS_TEMPLATE is not an approved template of this account (短信服务 → 模板管理), or its variables do not match",
    },
    Hint {
        code: Exact("isv.SMS_SIGNATURE_ILLEGAL"),
        remedy: "SMS_SIGN_NAME is not an approved signature of this account (短信服务 → 签名管理)",
    },
    Hint {
        code: Exact("isv.TEMPLATE_MISSING_PARAMETERS"),
        remedy: "the template has a variable no --param gives: add --param NAME=VALUE for each ${NAME}",
    },
    Hint {
        code: Exact("isv.BUSINESS_LIMIT_CONTROL"),
        remedy: "per-number flow control (流控): this number got too many messages and a retry now cannot succeed; wait, or raise the limit in the SMS console",
    },
    Hint {
        code: Quota("isv.DAY_LIMIT_CONTROL"),
        remedy: "the day's quota (日发送量) is reached: sends resume tomorrow, or raise the quota in the SMS console",
    },
    Hint {
        code: Exact("isv.AMOUNT_NOT_ENOUGH"),
        remedy: "the account balance is too low: top it up",
    },
    Hint {
        code: Exact("isp.RAM_PERMISSION_DENY"),
        remedy: "this AccessKey's RAM user lacks SMS permission: grant it AliyunDysmsFullAccess",
    },
    Hint {
        code: Exact("SignatureDoesNotMatch"),
        remedy: "ALIBABA_CLOUD_ACCESS_KEY_SECRET does not match the AccessKey id: copy both again",
    },
    Hint {
        code: Exact("InvalidAccessKeyId.NotFound"),
        remedy: "ALIBABA_CLOUD_ACCESS_KEY_ID does not exist (deleted or mistyped)",
    },
    Hint {
        code: Prefix("isv."),
        remedy: "Aliyun refused the request: look the code up in Aliyun's SMS 错误码 list",
    },
    Hint {
        code: Exact("FailedOperation.SignatureIncorrectOrUnapproved"),
        remedy: "SMS_SIGN_NAME is not an approved signature of this SdkAppId (国内短信 → 签名管理)",
    },
    Hint {
        code: Exact("FailedOperation.TemplateIncorrectOrUnapproved"),
        remedy: "SMS_TEMPLATE is not an approved template of this SdkAppId (国内短信 → 正文模板管理)",
    },
    Hint {
        code: Exact("FailedOperation.InsufficientBalanceInSmsPackage"),
        remedy: "the SMS package is used up: buy a package (套餐包)",
    },
    Hint {
        code: Exact("InvalidParameterValue.TemplateParameterLengthLimit"),
        remedy: "a --param value is too long (personal-verified accounts: 12 characters a variable)",
    },
    Hint {
        code: Exact("AuthFailure.SignatureFailure"),
        remedy: "TENCENTCLOUD_SECRET_KEY does not match TENCENTCLOUD_SECRET_ID: copy both again",
    },
    Hint {
        code: Exact("AuthFailure.SecretIdNotFound"),
        remedy: "TENCENTCLOUD_SECRET_ID does not exist (deleted or mistyped)",
    },
    Hint {
        code: Exact("AuthFailure.SignatureExpire"),
        remedy: "this machine's clock is more than 5 minutes off: sync it (NTP)",
    },
    Hint {
        code: Prefix("FailedOperation."),
        remedy: "Tencent Cloud refused the request: look the code up in Tencent Cloud's SMS 错误码 list",
    },
    Hint {
        code: Quota("LimitExceeded.AppDailyLimit"),
        remedy: "the SMS application's daily quota is spent: sends resume tomorrow, or raise it in the console's 发送频率限制",
    },
    Hint {
        code: Quota("LimitExceeded.DailyLimit"),
        remedy: "the account's daily quota is spent: sends resume tomorrow, or raise it in the console's 发送频率限制",
    },
    Hint {
        code: Exact("LimitExceeded.PhoneNumberDailyLimit"),
        remedy: "this number's daily limit is reached (by default 10 a day): it gets more tomorrow",
    },
    Hint {
        code: Prefix("LimitExceeded."),
        remedy: "a Tencent Cloud frequency limit (频率限制): wait, or change the strategy in the SMS console",
    },
];
