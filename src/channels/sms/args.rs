//! `sendmsg sms`'s command line.

use crate::channels::BodyArgs;
use clap::Args;

pub(crate) const EXAMPLES: &str = "\
Examples:
  sendmsg sms --provider aliyun --to 13800138000 --sign 阿里云短信测试 \\
    --template SMS_154950909 --param code=1234
  sendmsg sms --provider tencent --to 13800138000 --template 1110 \\
    --param 1=web-1 --param 2=disk
  SMS_GATEWAY_URL=http://gw:8080/api/third/sms/sendMsg \\
    sendmsg sms --provider http --to 13800138000 \"disk full\"";

/// Where an SMS goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SmsProvider {
    /// Aliyun SMS (template)
    Aliyun,
    /// Tencent Cloud SMS (template)
    Tencent,
    /// A plain HTTP gateway (free text)
    Http,
}

#[derive(Debug, Args)]
pub(crate) struct SmsArgs {
    /// The SMS provider
    #[arg(long, env = "SMS_PROVIDER", value_enum)]
    pub provider: Option<SmsProvider>,

    /// Mobile number, mainland 11-digit or E.164 (repeatable; the variable is comma-separated)
    #[arg(long, env = "SMS_TO", value_name = "MOBILE", value_delimiter = ',')]
    pub to: Vec<String>,

    /// The approved signature name (签名)
    #[arg(long, env = "SMS_SIGN_NAME", value_name = "NAME")]
    pub sign: Option<String>,

    /// The approved template code or id
    #[arg(long, env = "SMS_TEMPLATE", value_name = "ID")]
    pub template: Option<String>,

    /// A template variable (repeatable): Aliyun by name, Tencent by position in the order given
    #[arg(long, value_name = "KEY=VALUE")]
    pub param: Vec<String>,

    /// Aliyun AccessKey id
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_ID", value_name = "ID")]
    pub access_key_id: Option<String>,

    /// Aliyun AccessKey secret; on the command line it is visible to other local users in the process list: prefer ALIBABA_CLOUD_ACCESS_KEY_SECRET
    #[arg(
        long,
        env = "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub access_key_secret: Option<String>,

    /// Tencent Cloud SecretId
    #[arg(long, env = "TENCENTCLOUD_SECRET_ID", value_name = "ID")]
    pub secret_id: Option<String>,

    /// Tencent Cloud SecretKey; on the command line it is visible to other local users in the process list: prefer TENCENTCLOUD_SECRET_KEY
    #[arg(
        long,
        env = "TENCENTCLOUD_SECRET_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub secret_key: Option<String>,

    /// Tencent SMS SdkAppId
    #[arg(long, env = "TENCENT_SMS_SDK_APP_ID", value_name = "ID")]
    pub sdk_app_id: Option<String>,

    /// Tencent Cloud region
    #[arg(long, env = "TENCENT_SMS_REGION", value_name = "REGION",
          default_value = crate::channels::sms::tencent::DEFAULT_REGION)]
    pub region: String,

    /// The HTTP gateway's endpoint; `mobile` and `content` are added to its query
    #[arg(
        long,
        env = "SMS_GATEWAY_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub gateway_url: Option<String>,

    /// A token for the HTTP gateway, sent as the OPS-Token header; on the command line it is visible to other local users in the process list: prefer SMS_GATEWAY_TOKEN
    #[arg(
        long,
        env = "SMS_GATEWAY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub gateway_token: Option<String>,

    /// Replace the cloud provider's scheme and host [default: $ALIYUN_SMS_BASE_URL or
    /// $TENCENT_SMS_BASE_URL, else the service's]
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    #[arg(long, env = "ALIYUN_SMS_BASE_URL", hide_env_values = true, hide = true,
          default_value = crate::channels::sms::aliyun::DEFAULT_BASE_URL)]
    pub aliyun_base_url: String,

    #[arg(long, env = "TENCENT_SMS_BASE_URL", hide_env_values = true, hide = true,
          default_value = crate::channels::sms::tencent::DEFAULT_BASE_URL)]
    pub tencent_base_url: String,

    #[command(flatten)]
    pub body: BodyArgs,
}

impl crate::channels::SecretVariables for SmsArgs {
    const SECRET_VARIABLES: &[&str] = &[
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "TENCENTCLOUD_SECRET_KEY",
        "SMS_GATEWAY_URL",
        "SMS_GATEWAY_TOKEN",
        "ALIYUN_SMS_BASE_URL",
        "TENCENT_SMS_BASE_URL",
    ];
}
