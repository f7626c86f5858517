//! Rich messages end to end: `--markdown` rendered per channel (the golden files of
//! `tests/golden/markdown/` are what the services receive), WeCom's choice of `markdown_v2`.

use crate::common;

use common::wecom::{AGENT_ID, BOT_KEY, CORP_ID, CORP_SECRET, Wecom};
use common::{Sandbox, ding, feishu};
use std::path::PathBuf;

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/markdown")
        .join(name)
}

/// A golden file as the message goes out: the body's one trailing newline removed.
fn sent(name: &str) -> String {
    let text = common::read(&golden(name));
    text.strip_suffix('\n').unwrap_or(&text).to_owned()
}

fn robot(sandbox: &Sandbox, mock: &Wecom, args: &[&str]) -> common::Run {
    sandbox
        .sendmsg([&["wecom"], args].concat())
        .env("WECOM_BOT_KEY", BOT_KEY)
        .env("WECOM_BASE_URL", mock.url())
}

/// The `(msgtype, content)` of each robot message.
fn robot_messages(mock: &Wecom) -> Vec<(String, String)> {
    mock.sends()
        .iter()
        .map(|r| {
            let body = r.json();
            let kind = body["msgtype"].as_str().unwrap_or_default().to_owned();
            let content = body[&kind]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            (kind, content)
        })
        .collect()
}

#[test]
fn a_wecom_robot_sends_markdown_v2_for_a_table_and_warns_what_v2_drops() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let table = golden("table.md");
    let out = robot(
        &sandbox,
        &mock,
        &["--markdown", "--file", table.to_str().unwrap_or_default()],
    )
    .run();
    out.code(0);
    assert_eq!(
        out.stderr,
        "sendmsg: warning: wecom: markdown_v2 shows no font colours and no <@userid> mentions; \
         --markdown-v1 keeps them (tables then become monospace lines)\nsendmsg: wecom: sent\n"
    );
    assert_eq!(
        robot_messages(&mock),
        [("markdown_v2".to_owned(), sent("table.wecom-v2.md"))]
    );
}

#[test]
fn a_wecom_robot_keeps_markdown_without_a_table_or_fence_and_v1_can_be_forced() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let list = golden("list.md");
    let table = golden("table.md");
    robot(
        &sandbox,
        &mock,
        &["--markdown", "--file", list.to_str().unwrap_or_default()],
    )
    .run()
    .code(0);
    let forced = robot(
        &sandbox,
        &mock,
        &[
            "--markdown-v1",
            "--file",
            table.to_str().unwrap_or_default(),
        ],
    )
    .run();
    forced.code(0);
    assert_eq!(forced.stderr, "sendmsg: wecom: sent\n");
    robot(&sandbox, &mock, &["--markdown-v2", "plain words"])
        .run()
        .code(0);
    assert_eq!(
        robot_messages(&mock),
        [
            ("markdown".to_owned(), sent("list.wecom-v1.md")),
            ("markdown".to_owned(), sent("table.wecom-v1.md")),
            ("markdown_v2".to_owned(), "plain words".to_owned()),
        ]
    );
}

#[test]
fn a_long_markdown_v2_is_split_under_its_4096_byte_limit() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let rows: String = (0..300)
        .map(|i| format!("| host-{i:03} | ok |\n"))
        .collect();
    let body = format!("| host | state |\n|---|---|\n{rows}");
    robot(&sandbox, &mock, &["--markdown"])
        .stdin(body)
        .run()
        .code(0);
    let sent = robot_messages(&mock);
    assert!(sent.len() > 1, "{sent:?}");
    for (kind, content) in &sent {
        assert_eq!(kind, "markdown_v2");
        assert!(content.len() <= 4096, "{} bytes", content.len());
    }
}

#[test]
fn a_wecom_app_markdown_warns_about_wechat_readers_and_v2_is_for_robots() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let app = |args: &[&str]| {
        sandbox
            .sendmsg([&["wecom", "--to-user", "zhangsan"], args].concat())
            .env("WECOM_CORP_ID", CORP_ID)
            .env("WECOM_CORP_SECRET", CORP_SECRET)
            .env("WECOM_AGENT_ID", AGENT_ID)
            .env("WECOM_BASE_URL", mock.url())
    };
    let fence = golden("fence.md");
    let out = app(&["--markdown", "--file", fence.to_str().unwrap_or_default()]).run();
    out.code(0);
    assert_eq!(
        out.stderr,
        "sendmsg: warning: wecom: members who read WeCom messages in WeChat (not the WeCom app) see an \
         app's markdown as \"unsupported message\"; send text to reach them too\nsendmsg: wecom: sent\n"
    );
    let sends = mock.sends();
    assert_eq!(sends.len(), 1);
    assert_eq!(
        sends[0].json()["markdown"]["content"],
        sent("fence.wecom-v1.md").as_str()
    );
    let v2 = app(&["--markdown-v2", "x"]).run();
    v2.code(2).one_error_line();
    assert_eq!(
        v2.stderr,
        "sendmsg: error: wecom: --markdown-v1 and --markdown-v2 are group robot types (--bot, WECOM_BOT_KEY); \
         an app message takes --markdown\n"
    );
    assert_eq!(mock.sends().len(), 1);
}

#[test]
fn dingtalk_gets_tables_and_fences_as_indented_monospace() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    for case in ["table", "fence"] {
        let file = golden(&format!("{case}.md"));
        ding::configure(
            sandbox.sendmsg([
                "ding",
                "--markdown",
                "--file",
                file.to_str().unwrap_or_default(),
            ]),
            &robot,
        )
        .run()
        .code(0);
    }
    let texts: Vec<String> = robot
        .requests()
        .iter()
        .map(|r| {
            r.json()["markdown"]["text"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(texts, [sent("table.ding.md"), sent("fence.ding.md")]);
}

#[test]
fn a_feishu_card_gets_tables_as_code_blocks_and_headings_in_bold() {
    let sandbox = Sandbox::new();
    let bot = feishu::bot();
    let file = golden("table.md");
    feishu::configure(
        sandbox.sendmsg([
            "feishu",
            "--markdown",
            "--file",
            file.to_str().unwrap_or_default(),
        ]),
        &bot,
    )
    .run()
    .code(0);
    let cards: Vec<String> = bot
        .requests()
        .iter()
        .map(|r| {
            r.json()["card"]["elements"][0]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(cards, [sent("table.feishu.md")]);
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/template")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn kubectl_json_on_stdin_renders_through_a_template() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let pods = common::read(std::path::Path::new(&fixture("kubectl-pods.json")));
    let template = fixture("pods.j2");
    ding::configure(
        sandbox.sendmsg(["ding", "--template-file", &template, "--data", "-"]),
        &robot,
    )
    .stdin(pods)
    .run()
    .code(0);
    assert_eq!(
        ding::texts(&robot),
        ["Pods: 2\n\
          prod/web-7d9f8c6b5-x2k4q on node-3: Running, 12 restarts, since 2026-12-08 05:04:11\n\
          prod/数据库-0 on node-1: Running, 0 restarts, since 2026-12-08 06:30:00"]
    );
}

#[test]
fn template_and_data_errors_are_bad_input_before_anything_is_sent() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let data = fixture("kubectl-pods.json");
    sandbox.write("missing.j2", "{{ items[0].metadata.nme }}\n");
    sandbox.write("syntax.j2", "Pods:\n{% for pod in %}\n");
    sandbox.write("bad.json", "{\"items\":\n  [1,]\n}\n");
    sandbox.write("ok.j2", "{{ items }}\n");
    let cases = [
        (
            "missing.j2",
            data.as_str(),
            "--template-file missing.j2 line 1: `items[0].metadata.nme` is undefined",
        ),
        (
            "syntax.j2",
            data.as_str(),
            "--template-file syntax.j2 line 2: syntax error: unexpected end of block",
        ),
        (
            "ok.j2",
            "bad.json",
            "--data bad.json is not valid JSON: trailing comma at line 2 column 6",
        ),
        (
            "ok.j2",
            "absent.json",
            "cannot read --data absent.json: No such file or directory (os error 2)",
        ),
    ];
    for (template, data, error) in cases {
        let out = ding::configure(
            sandbox.sendmsg(["ding", "--template-file", template, "--data", data]),
            &robot,
        )
        .run();
        out.code(2).one_error_line();
        assert_eq!(out.stderr, format!("sendmsg: error: {error}\n"));
    }
    assert!(robot.requests().is_empty());
}

#[test]
fn a_target_carries_its_template_file_and_the_rendered_text_is_fitted_like_any_message() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let template = fixture("pods.j2");
    let config = sandbox.write(
        "config.toml",
        &format!(
            "[targets.pods]\nchannel = \"ding\"\naccess_token = \"{}\"\nsecret = \"{}\"\nbase_url = \"{}\"\n\
             template_file = \"{template}\"\nmax_bytes = 100\n",
            ding::TOKEN,
            ding::SECRET,
            robot.url()
        ),
    );
    sandbox
        .sendmsg([
            "--config",
            config.to_str().unwrap_or_default(),
            "ding",
            "--target",
            "pods",
            "--data",
            &fixture("kubectl-pods.json"),
        ])
        .run()
        .code(0);
    // 100 bytes of JSON body for DingTalk, envelope included: the rendered text split on its lines and words.
    assert_eq!(
        ding::texts(&robot),
        [
            "(1/4) Pods: 2\nprod/web-7d9f8c6b5-x2k4q on node-3: Running, ",
            "(2/4) 12 restarts, since 2026-12-08 05:04:11\n",
            "(3/4) prod/数据库-0 on node-1: Running, 0 restarts, ",
            "(4/4) since 2026-12-08 06:30:00"
        ]
    );
}
