//! `sendmsg import`: apprise URLs and configuration files (TEXT and YAML with tags) and qinglong's notify
//! settings become config.toml targets that sendmsg itself loads, with every secret a `${VAR}`; two
//! imported targets are then sent through against the mocks.

use crate::common;

use common::Sandbox;
use common::{bark, webhook};

/// The apprise URLs of the channels both tools have, as users write them (apprise 1.13's `parse_url`).
const URLS: &[&str] = &[
    "dingtalk://SECd1n9t3st5ecr3tc0ffee@6f3c0e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182/13800138000",
    "dingtalk://6f3c0e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4?secret=SECanother0secret1",
    "wecombot://693a91f6-7b2c-4bc4-97a0-0ec2f1a5aaa1",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=11111111-2222-3333-4444-555555555555",
    "feishu://f3e1c0de-feed-4b1d-9a7e-5e1f7e57b075",
    "lark://0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    "barks://api.day.app/ynJ5Ft4atkMkWeo2PAvFhF?sound=minuet&level=timeSensitive",
    "bark://bark.home.lan:8080/ynJ5Ft4atkMkWeo2PAvFhF/Qm7hT2vXc9LpW4sR8kJd3a?group=nas&click=https://nas.home.lan",
    "pushplus://5d1e7a3c9b0f4e2a8c6d1b3f5a7e9c0d/ops-alerts",
    "schan://SCT271828TmockTurboKey3141/",
    "mailtos://alerts:app%2Fpass%40word@qq.com?to=ops@example.com,oncall@example.com&name=Alert%20Bot",
    "mailto://backup:s3cret-pw@mail.home.lan:25?smtp=mail.home.lan&from=backup@home.lan",
    "mailtos://me:gmail-app-password@gmail.com",
    "jsons://gw.example.com/api/alert?+Authorization=Bearer%209f8e7d6c5b4a&method=PUT",
    "json://user:pa55word@10.0.0.7:8080/notify",
    "discord://1234567890/abcdefghijklmnopqrstuvwxyz",
    "tgram://123456789:AAEbotTokenValue/987654321",
];

/// Every secret in URLS: none may be printed.
const URL_SECRETS: &[&str] = &[
    "SECd1n9t3st5ecr3tc0ffee",
    "6f3c0e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182",
    "SECanother0secret1",
    "11111111-2222-3333-4444-555555555555",
    "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    "app/pass@word",
    "s3cret-pw",
    "gmail-app-password",
    "Bearer 9f8e7d6c5b4a",
    "pa55word",
    "abcdefghijklmnopqrstuvwxyz",
    "AAEbotTokenValue",
];

fn import(sandbox: &Sandbox, args: &[&str]) -> common::Output {
    let mut run = sandbox.sendmsg(args);
    for secret in URL_SECRETS {
        run = run.secret(*secret);
    }
    run.run()
}

const EXPECTED_TOML: &str = r#"# sendmsg targets imported from apprise by `sendmsg import apprise`; every ${VAR} is a variable to set.

# dingtalk://*** (argument 1)
[targets.ding-1]
channel = "ding"
access_token = "${DING_1_ACCESS_TOKEN}"
secret = "${DING_1_SECRET}"
at_mobile = ["13800138000"]

# dingtalk://*** (argument 2)
[targets.ding-2]
channel = "ding"
access_token = "${DING_2_ACCESS_TOKEN}"
secret = "${DING_2_SECRET}"

# wecombot://*** (argument 3)
[targets.wecom-1]
channel = "wecom"
bot = true
bot_key = "${WECOM_1_BOT_KEY}"

# https://*** (argument 4)
[targets.wecom-2]
channel = "wecom"
bot = true
bot_key = "${WECOM_2_BOT_KEY}"

# feishu://*** (argument 5)
[targets.feishu-1]
channel = "feishu"
webhook = "${FEISHU_1_WEBHOOK}"

# lark://*** (argument 6)
[targets.feishu-2]
channel = "feishu"
webhook = "${FEISHU_2_WEBHOOK}"
base_url = "https://open.larksuite.com"

# barks://*** (argument 7)
[targets.bark-1]
channel = "bark"
device_key = ["${BARK_1_DEVICE_KEY}"]
sound = "minuet"
level = "timeSensitive"

# bark://*** (argument 8)
[targets.bark-2]
channel = "bark"
base_url = "http://bark.home.lan:8080"
device_key = ["${BARK_2_DEVICE_KEY_1}", "${BARK_2_DEVICE_KEY_2}"]
group = "nas"
url = "https://nas.home.lan"

# pushplus://*** (argument 9)
[targets.pushplus-1]
channel = "pushplus"
token = "${PUSHPLUS_1_TOKEN}"
topic = "ops-alerts"

# schan://*** (argument 10)
[targets.serverchan-1]
channel = "serverchan"
sendkey = "${SERVERCHAN_1_SENDKEY}"

# mailtos://*** (argument 11)
[targets.email-1]
channel = "email"
host = "smtp.qq.com"
port = "465"
security = "tls"
user = "alerts@qq.com"
password = "${EMAIL_1_PASSWORD}"
from = "Alert Bot <alerts@qq.com>"
to = ["ops@example.com", "oncall@example.com"]

# mailto://*** (argument 12)
[targets.email-2]
channel = "email"
host = "mail.home.lan"
port = "25"
security = "none"
user = "backup@mail.home.lan"
password = "${EMAIL_2_PASSWORD}"
from = "backup@home.lan"
to = ["backup@mail.home.lan"]

# mailtos://*** (argument 13)
[targets.email-3]
channel = "email"
host = "smtp.gmail.com"
port = "587"
security = "starttls"
user = "me@gmail.com"
password = "${EMAIL_3_PASSWORD}"
to = ["me@gmail.com"]

# jsons://*** (argument 14)
[targets.webhook-1]
channel = "webhook"
url = "https://gw.example.com/api/alert"
method = "PUT"
header = ["Authorization: ${WEBHOOK_1_HEADER_AUTHORIZATION}"]
body = '{"version": "1.0", "title": {{title}}, "message": {{message}}, "type": "info"}'

# json://*** (argument 15)
[targets.webhook-2]
channel = "webhook"
url = "http://10.0.0.7:8080/notify"
header = ["Authorization: ${WEBHOOK_2_AUTHORIZATION}"]
body = '{"version": "1.0", "title": {{title}}, "message": {{message}}, "type": "info"}'
"#;

const EXPECTED_STDERR: &str = "\
sendmsg: import: not mapped: discord://*** (argument 16): apprise's discord:// has no sendmsg channel
sendmsg: import: not mapped: tgram://*** (argument 17): apprise's tgram:// has no sendmsg channel
sendmsg: import: set these variables (in the environment or an env file) before using the targets:
sendmsg:   DING_1_ACCESS_TOKEN=***  # the token of dingtalk://*** (argument 1)
sendmsg:   DING_1_SECRET=***  # the secret of dingtalk://*** (argument 1)
sendmsg:   DING_2_ACCESS_TOKEN=***  # the token of dingtalk://*** (argument 2)
sendmsg:   DING_2_SECRET=***  # the secret of dingtalk://*** (argument 2)
sendmsg:   WECOM_1_BOT_KEY=***  # the key of wecombot://*** (argument 3)
sendmsg:   WECOM_2_BOT_KEY=***  # the key of https://*** (argument 4)
sendmsg:   FEISHU_1_WEBHOOK=***  # the token of feishu://*** (argument 5)
sendmsg:   FEISHU_2_WEBHOOK=***  # the token of lark://*** (argument 6)
sendmsg:   BARK_1_DEVICE_KEY=***  # the device key 1 of barks://*** (argument 7)
sendmsg:   BARK_2_DEVICE_KEY_1=***  # the device key 1 of bark://*** (argument 8)
sendmsg:   BARK_2_DEVICE_KEY_2=***  # the device key 2 of bark://*** (argument 8)
sendmsg:   PUSHPLUS_1_TOKEN=***  # the token of pushplus://*** (argument 9)
sendmsg:   SERVERCHAN_1_SENDKEY=***  # the SendKey of schan://*** (argument 10)
sendmsg:   EMAIL_1_PASSWORD=***  # the password of mailtos://*** (argument 11)
sendmsg:   EMAIL_2_PASSWORD=***  # the password of mailto://*** (argument 12)
sendmsg:   EMAIL_3_PASSWORD=***  # the password of mailtos://*** (argument 13)
sendmsg:   WEBHOOK_1_HEADER_AUTHORIZATION=***  # the Authorization header of jsons://*** (argument 14)
sendmsg:   WEBHOOK_2_AUTHORIZATION=***  # the user and password (`Basic ` and their Base64) of json://*** (argument 15)
";

/// The variables EXPECTED_TOML names, set to something of the right shape.
fn set_all(mut run: common::Run) -> common::Run {
    for line in EXPECTED_STDERR.lines().filter(|l| l.contains("=***")) {
        let var = line
            .trim_start_matches("sendmsg:")
            .trim()
            .split('=')
            .next()
            .unwrap_or_default();
        run = run.env(var, "Ab0123456789abcdef0123456789ABCD");
    }
    run
}

#[test]
fn apprise_urls_become_targets_with_every_secret_a_variable() {
    let sandbox = Sandbox::new();
    let mut args = vec!["import", "apprise"];
    args.extend_from_slice(URLS);
    let out = import(&sandbox, &args);
    out.code(0);
    assert_eq!(out.stdout, EXPECTED_TOML, "{}", out.stdout);
    assert_eq!(out.stderr, EXPECTED_STDERR, "{}", out.stderr);
    // sendmsg reads what it wrote: every target with its channel's options.
    let config = sandbox.write("imported.toml", &out.stdout);
    let listed =
        set_all(sandbox.sendmsg(["--config".as_ref(), config.as_os_str(), "targets".as_ref()]))
            .run();
    listed.code(0).stdout_has("webhook-2");
}

#[test]
fn an_apprise_yaml_file_with_tags_becomes_targets_and_groups() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "apprise.yml",
        "version: 1\n\
         # every URL is also in the group `alerts`\n\
         tag: alerts\n\
         urls:\n\
         \x20 - dingtalk://SECd1n9t3st5ecr3tc0ffee@6f3c0e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182:\n\
         \x20     - tag: ops, sre\n\
         \x20       to: 13800138000\n\
         \x20 - wecombot://693a91f6-7b2c-4bc4-97a0-0ec2f1a5aaa1:\n\
         \x20     tag: [dev, ding]\n\
         \x20 - \"schan://SCT271828TmockTurboKey3141/\"\n",
    );
    let out = import(&sandbox, &["import", "apprise", "apprise.yml"]);
    out.code(0);
    let tail: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "[groups]")
        .collect();
    assert_eq!(
        tail,
        [
            "[groups]",
            r#"alerts = ["ding-1", "wecom-1", "serverchan-1"]"#,
            r#"ops = ["ding-1"]"#,
            r#"sre = ["ding-1"]"#,
            r#"dev = ["wecom-1"]"#,
            // A tag named like a channel cannot be a group's name as it is.
            r#"ding-group = ["wecom-1"]"#,
        ]
    );
    assert!(
        out.stdout.contains("at_mobile = [\"13800138000\"]\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("# dingtalk://*** (apprise.yml urls entry 1)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_apprise_text_file_with_tags_becomes_targets_and_groups() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "apprise.txt",
        "# apprise TEXT configuration\n\
         ops,sre=dingtalk://6f3c0e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182/\n\
         ; a comment\n\
         pushplus://5d1e7a3c9b0f4e2a8c6d1b3f5a7e9c0d\n\
         sre = schan://SCT271828TmockTurboKey3141/\n",
    );
    let out = import(&sandbox, &["import", "apprise", "apprise.txt"]);
    out.code(0);
    assert!(
        out.stdout
            .ends_with("[groups]\nops = [\"ding-1\"]\nsre = [\"ding-1\", \"serverchan-1\"]\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("# pushplus://*** (apprise.txt line 4)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn nothing_mapped_is_exit_2_and_an_unreadable_file_names_itself() {
    let sandbox = Sandbox::new();
    let out = import(
        &sandbox,
        &[
            "import",
            "apprise",
            "discord://1234567890/abcdefghijklmnopqrstuvwxyz",
        ],
    );
    out.code(2).one_error_line();
    assert_eq!(
        out.stderr,
        "sendmsg: import: not mapped: discord://*** (argument 1): apprise's discord:// has no sendmsg channel\n\
         sendmsg: error: import apprise: nothing could be mapped to a sendmsg target\n"
    );
    assert_eq!(out.stdout, "");
    let out = import(&sandbox, &["import", "apprise", "dingtalk://not a token!/"]);
    out.code(2);
    let out = import(&sandbox, &["import", "qinglong", "missing.sh"]);
    out.code(2).stderr_has("cannot read missing.sh");
}

#[test]
fn qinglong_settings_keep_their_variable_names() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "config.sh",
        "## 钉钉机器人\n\
         export DD_BOT_TOKEN=\"6f3c0e9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182\"\n\
         export DD_BOT_SECRET=\"SECd1n9t3st5ecr3tc0ffee\"\n\
         export QYWX_ORIGIN=\"\"\n\
         export QYWX_KEY=\"693a91f6-7b2c-4bc4-97a0-0ec2f1a5aaa1\"\n\
         export QYWX_AM=\"ww0123456789abcdef,corpsecretXYZ0123456789,zhangsan|lisi,1000002\"\n\
         export FSKEY=\"f3e1c0de-feed-4b1d-9a7e-5e1f7e57b075\"\n\
         export PUSH_KEY=\"SCT271828TmockTurboKey3141\"\n\
         export PUSH_PLUS_TOKEN=\"5d1e7a3c9b0f4e2a8c6d1b3f5a7e9c0d\"\n\
         export PUSH_PLUS_TEMPLATE=\"html\"\n\
         export BARK_PUSH=\"https://api.day.app/ynJ5Ft4atkMkWeo2PAvFhF/\"\n\
         export BARK_GROUP=\"QingLong\"\n\
         export SMTP_SERVER=\"smtp.qq.com:465\"\n\
         export SMTP_SSL=\"true\"\n\
         export SMTP_EMAIL=\"12345678@qq.com\"\n\
         export SMTP_PASSWORD=\"abcdefghijklmnop\"\n\
         export SMTP_NAME=\"青龙\"\n\
         export TG_BOT_TOKEN=\"123456:AAEbotTokenValue\"\n",
    );
    let out = import(&sandbox, &["import", "qinglong", "config.sh"]);
    out.code(0);
    for (needle, why) in [
        (
            "[targets.ding-1]\nchannel = \"ding\"\naccess_token = \"${DD_BOT_TOKEN}\"\nsecret = \"${DD_BOT_SECRET}\"\n",
            "ding",
        ),
        (
            "[targets.wecom-1]\nchannel = \"wecom\"\nbot = true\nbot_key = \"${QYWX_KEY}\"\n",
            "robot",
        ),
        (
            "[targets.wecom-2]\nchannel = \"wecom\"\ncorp_id = \"ww0123456789abcdef\"\ncorp_secret = \"${QYWX_AM_SECRET}\"\nagent_id = \"1000002\"\nto_user = [\"zhangsan\", \"lisi\"]\n",
            "app",
        ),
        (
            "[targets.feishu-1]\nchannel = \"feishu\"\nwebhook = \"${FSKEY}\"\n",
            "feishu",
        ),
        (
            "[targets.serverchan-1]\nchannel = \"serverchan\"\nsendkey = \"${PUSH_KEY}\"\n",
            "serverchan",
        ),
        (
            "[targets.pushplus-1]\nchannel = \"pushplus\"\ntoken = \"${PUSH_PLUS_TOKEN}\"\ntemplate = \"html\"\n",
            "pushplus",
        ),
        (
            "[targets.bark-1]\nchannel = \"bark\"\ndevice_key = \"${BARK_PUSH_DEVICE_KEY}\"\ngroup = \"QingLong\"\n",
            "bark",
        ),
        (
            "[targets.email-1]\nchannel = \"email\"\nhost = \"smtp.qq.com\"\nport = \"465\"\nsecurity = \"tls\"\nuser = \"12345678@qq.com\"\npassword = \"${SMTP_PASSWORD}\"\nfrom = \"青龙 <12345678@qq.com>\"\nto = [\"12345678@qq.com\"]\n",
            "email",
        ),
    ] {
        assert!(out.stdout.contains(needle), "{why}:\n{}", out.stdout);
    }
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        [
            "sendmsg: import: not mapped: config.sh line 18: TG_BOT_TOKEN: Telegram has no sendmsg channel",
            "sendmsg: import: set these variables (in the environment or an env file) before using the targets:",
            "sendmsg:   DD_BOT_TOKEN=***  # config.sh line 2: DD_BOT_TOKEN",
            "sendmsg:   DD_BOT_SECRET=***  # config.sh line 3: DD_BOT_SECRET",
            "sendmsg:   QYWX_KEY=***  # config.sh line 5: QYWX_KEY",
            "sendmsg:   QYWX_AM_SECRET=***  # the second field (corpsecret) of config.sh line 6: QYWX_AM",
            "sendmsg:   FSKEY=***  # config.sh line 7: FSKEY",
            "sendmsg:   PUSH_KEY=***  # config.sh line 8: PUSH_KEY",
            "sendmsg:   PUSH_PLUS_TOKEN=***  # config.sh line 9: PUSH_PLUS_TOKEN",
            "sendmsg:   BARK_PUSH_DEVICE_KEY=***  # the device key in the URL of config.sh line 11: BARK_PUSH",
            "sendmsg:   SMTP_PASSWORD=***  # config.sh line 16: SMTP_PASSWORD",
        ]
    );
    assert!(
        !out.stdout.contains("corpsecretXYZ0123456789") && !out.stderr.contains("corpsecretXYZ")
    );
}

#[test]
fn imported_targets_send() {
    // A bark-server and an in-house gateway named by apprise URLs, sent to through the imported targets.
    let sandbox = Sandbox::new();
    let (bark_s, gateway) = (bark::server(), webhook::gateway());
    let host = |url: String| url.trim_start_matches("http://").to_owned();
    let out = import(
        &sandbox,
        &[
            "import",
            "apprise",
            &format!(
                "bark://{}/{}/{}?level=critical",
                host(bark_s.url()),
                bark::KEY,
                bark::OTHER_KEY
            ),
            &format!(
                "json://{}/alert?+Authorization=Bearer%20{}",
                host(gateway.url()),
                webhook::TOKEN
            ),
        ],
    );
    out.code(0);
    let config = sandbox.write("imported.toml", &out.stdout);
    for target in ["bark-1", "webhook-1"] {
        let channel = target.split('-').next().unwrap_or_default();
        sandbox
            .sendmsg([
                "--config".as_ref(),
                config.as_os_str(),
                channel.as_ref(),
                "--target".as_ref(),
                target.as_ref(),
                "UPS on battery".as_ref(),
            ])
            .env("BARK_1_DEVICE_KEY_1", bark::KEY)
            .env("BARK_1_DEVICE_KEY_2", bark::OTHER_KEY)
            .env(
                "WEBHOOK_1_HEADER_AUTHORIZATION",
                format!("Bearer {}", webhook::TOKEN),
            )
            .run()
            .code(0);
    }
    let pushes = bark::pushes(&bark_s);
    assert_eq!(pushes.len(), 2);
    assert!(
        pushes
            .iter()
            .all(|p| p["level"] == "critical" && p["body"] == "UPS on battery")
    );
    let posted = gateway.requests();
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].json()["message"], "UPS on battery");
    assert_eq!(posted[0].json()["version"], "1.0");
}
