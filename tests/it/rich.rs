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

/// A small PNG's first bytes (the signature is what the service checks) and some data.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

#[test]
fn a_wecom_robot_sends_the_text_then_the_image_then_each_uploaded_file() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let image = sandbox.write("shot.jpg", "");
    std::fs::write(&image, PNG).expect("write image");
    sandbox.write("report.txt", "12 pods restarted\n");
    let out = robot(
        &sandbox,
        &mock,
        &[
            "--json",
            "--image",
            "shot.jpg",
            "--attach",
            "report.txt",
            "disk full",
        ],
    )
    .run();
    out.code(0);
    let kinds: Vec<String> = mock
        .server
        .requests()
        .iter()
        .map(|r| match r.path.as_str() {
            "/cgi-bin/webhook/send" => r.json()["msgtype"].as_str().unwrap_or_default().to_owned(),
            other => other.to_owned(),
        })
        .collect();
    assert_eq!(
        kinds,
        ["text", "image", "/cgi-bin/webhook/upload_media", "file"]
    );
    let uploads = mock.uploads();
    assert_eq!(uploads.len(), 1);
    let (id, part) = &uploads[0];
    assert_eq!(part.filename.as_deref(), Some("report.txt"));
    assert_eq!(
        part.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(part.bytes, b"12 pods restarted\n");
    let file = &mock.server.requests()[3];
    assert_eq!(file.json()["file"]["media_id"], id.as_str());
    let envelope: serde_json::Value =
        serde_json::from_str(out.stdout.trim()).expect("one JSON line");
    assert_eq!(envelope["parts"], 3);
    assert_eq!(envelope["replies"].as_array().map(Vec::len), Some(4));
}

#[test]
fn a_dry_run_shows_images_and_files_by_name_size_and_md5() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let image = sandbox.write("shot.png", "");
    std::fs::write(&image, PNG).expect("write image");
    sandbox.write("report.txt", "12 pods restarted\n");
    let out = robot(
        &sandbox,
        &mock,
        &["--dry-run", "--image", "shot.png", "--attach", "report.txt"],
    )
    .run();
    out.code(0);
    let url = mock.url();
    let png_md5 = common::md5_hex(PNG);
    let txt_md5 = common::md5_hex(b"12 pods restarted\n");
    assert_eq!(
        out.stdout,
        format!(
            "{{\"channel\":\"wecom\",\"method\":\"POST\",\"url\":\"{url}/cgi-bin/webhook/send?key=***\",\"headers\":{{\"content-type\":\"application/json\"}},\"body\":{{\"msgtype\":\"image\",\"image\":{{\"base64\":{{\"name\":\"shot.png\",\"bytes\":{},\"md5\":\"{png_md5}\"}},\"md5\":\"{png_md5}\"}}}}}}\n\
             {{\"channel\":\"wecom\",\"method\":\"POST\",\"url\":\"{url}/cgi-bin/webhook/upload_media?key=***&type=file\",\"headers\":{{}},\"body\":{{\"media\":{{\"name\":\"report.txt\",\"bytes\":18,\"md5\":\"{txt_md5}\"}}}}}}\n\
             {{\"channel\":\"wecom\",\"method\":\"POST\",\"url\":\"{url}/cgi-bin/webhook/send?key=***\",\"headers\":{{\"content-type\":\"application/json\"}},\"body\":{{\"msgtype\":\"file\",\"file\":{{\"media_id\":\"(from the upload)\"}}}}}}\n",
            PNG.len()
        )
    );
    assert!(mock.server.requests().is_empty());
}

#[test]
fn bad_images_and_files_are_refused_with_the_limit_before_anything_is_sent() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    sandbox.write("a.png", "GIF89a-not-a-png");
    sandbox.write("notes.png", "just text");
    let big = sandbox.write("big.png", "");
    let mut bytes = PNG.to_vec();
    bytes.resize(2 * 1024 * 1024 + 1, 0);
    std::fs::write(&big, bytes).expect("write big");
    sandbox.write("tiny.txt", "abc");
    let cases: [(&[&str], &str); 6] = [
        (
            &["--image", "a.png"],
            "wecom: --image a.png is a GIF image by its bytes; a WeCom robot image is JPG or PNG",
        ),
        (
            &["--image", "notes.png"],
            "wecom: --image notes.png is not an image its bytes show (none of JPG, PNG, GIF, WebP, BMP, TIFF); a WeCom robot image is JPG or PNG",
        ),
        (
            &["--image", "big.png"],
            "wecom: --image big.png is 2097153 bytes; a WeCom robot image is at most 2 MB (2097152 bytes)",
        ),
        (
            &["--attach", "tiny.txt"],
            "wecom: --attach tiny.txt is 3 bytes; a WeCom robot file is at least 5 bytes",
        ),
        (
            &["--attach", "gone.txt"],
            "wecom: --attach gone.txt cannot be read: No such file or directory (os error 2)",
        ),
        (
            &["--image-url", "https://example.com/a.png"],
            "wecom: --image-url is not something wecom can send; --image-url is for ding (markdown) and gewe (GEWE_API=v2)",
        ),
    ];
    for (args, error) in cases {
        let out = robot(&sandbox, &mock, &[args, &["text"]].concat()).run();
        out.code(2).one_error_line();
        assert_eq!(out.stderr, format!("sendmsg: error: {error}\n"));
    }
    assert!(mock.server.requests().is_empty());
}

#[test]
fn the_wecom_mock_refuses_what_the_service_refuses() {
    let mock = Wecom::start();
    let request =
        |path: &str, query: &str, content_type: &str, body: &[u8]| common::mock::Recorded {
            method: "POST".into(),
            path: path.into(),
            raw_query: format!("key={BOT_KEY}{query}"),
            headers: vec![("content-type".into(), content_type.into())],
            body: body.to_vec(),
        };
    let send = |body: &str| {
        mock.answer(&request(
            "/cgi-bin/webhook/send",
            "",
            "application/json",
            body.as_bytes(),
        ))
    };
    let b64 = |bytes: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(bytes)
    };
    let image = |data: &[u8], md5: &str| {
        format!(
            r#"{{"msgtype":"image","image":{{"base64":"{}","md5":"{md5}"}}}}"#,
            b64(data)
        )
    };
    assert!(send(&image(PNG, &common::md5_hex(PNG))).contains(r#""errcode":0"#));
    assert!(send(&image(PNG, &common::md5_hex(b"other"))).contains("md5 does not match"));
    // The MD5 is of the raw bytes, not of their Base64.
    assert!(
        send(&image(PNG, &common::md5_hex(b64(PNG).as_bytes()))).contains("md5 does not match")
    );
    assert!(send(&image(b"GIF89a", &common::md5_hex(b"GIF89a"))).contains("invalid file type"));
    assert!(
        send(r#"{"msgtype":"file","file":{"media_id":"never-uploaded"}}"#)
            .contains("invalid media_id")
    );
    let form = |name: &str, data: &str| {
        format!(
            "--b\r\ncontent-disposition: form-data; name=\"{name}\"; filename=\"a.txt\"\r\ncontent-type: application/octet-stream\r\n\r\n{data}\r\n--b--\r\n"
        )
    };
    let upload = |body: &str| {
        mock.answer(&request(
            "/cgi-bin/webhook/upload_media",
            "&type=file",
            "multipart/form-data; boundary=b",
            body.as_bytes(),
        ))
    };
    assert!(upload(&form("file", "hello world")).contains("no part named media"));
    assert!(upload(&form("media", "abc")).contains("invalid file size"));
    assert!(
        upload("not a form").contains("no part named media")
            || upload("not a form").contains("empty media")
    );
    assert!(upload(&form("media", "hello world")).contains(r#""media_id":"3a8asd892asd8asd-1""#));
}

#[test]
fn dingtalk_shows_an_image_by_url_in_markdown_and_refuses_an_upload() {
    let sandbox = Sandbox::new();
    let robot = ding::robot();
    let run =
        |args: &[&str]| ding::configure(sandbox.sendmsg([&["ding"], args].concat()), &robot).run();
    run(&[
        "--image-url",
        "https://img.example.com/cpu.png",
        "CPU at 93%",
    ])
    .code(0);
    let sent = robot.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].json()["markdown"],
        serde_json::json!({"title": "CPU at 93%", "text": "CPU at 93%\n\n![image](https://img.example.com/cpu.png)"})
    );
    sandbox.write("cpu.png", "\u{89}PNG");
    let refused = [
        (
            &["--image", "cpu.png", "CPU"][..],
            "ding: a DingTalk robot cannot take an uploaded image; show a public image in a markdown message with --image-url URL",
        ),
        (
            &["--image-url", "file:///etc/passwd", "x"][..],
            "ding: --image-url `file:///etc/passwd` is not a public http(s) URL (no spaces or parentheses)",
        ),
        (
            &["--attach", "cpu.png", "x"][..],
            "ding: --attach is not something ding can send; --attach is for wecom (group robot) and email",
        ),
    ];
    for (args, error) in refused {
        let out = run(args);
        out.code(2).one_error_line();
        assert_eq!(out.stderr, format!("sendmsg: error: {error}\n"));
    }
    assert_eq!(robot.requests().len(), 1);
}

fn feishu_app(sandbox: &Sandbox, mock: &feishu::FeishuApp, args: &[&str]) -> common::Run {
    sandbox
        .sendmsg([&["feishu"], args].concat())
        .env("FEISHU_WEBHOOK", feishu::TOKEN)
        .env("FEISHU_SECRET", feishu::SECRET)
        .env("FEISHU_BASE_URL", mock.server.url())
        .env("FEISHU_APP_ID", feishu::APP_ID)
        .env("FEISHU_APP_SECRET", feishu::APP_SECRET)
        .secret(feishu::APP_SECRET)
}

/// Runs `run` and checks no issued tenant token was printed.
fn without_tokens(run: common::Run, mock: &feishu::FeishuApp) -> common::Output {
    let out = run.run();
    for token in mock.tokens() {
        assert!(
            !out.stdout.contains(&token) && !out.stderr.contains(&token),
            "{out:?}"
        );
    }
    out
}

#[test]
fn a_feishu_image_goes_through_the_app_with_a_cached_tenant_token_refreshed_once_on_expiry() {
    let sandbox = Sandbox::new();
    let mock = feishu::FeishuApp::start();
    let image = sandbox.write("cpu.png", "");
    std::fs::write(&image, PNG).expect("write image");
    let hook = format!("/open-apis/bot/v2/hook/{}", feishu::TOKEN);
    let (token, upload) = (
        "/open-apis/auth/v3/tenant_access_token/internal",
        "/open-apis/im/v1/images",
    );
    without_tokens(
        feishu_app(&sandbox, &mock, &["-v", "--image", "cpu.png", "CPU at 93%"]),
        &mock,
    )
    .code(0);
    assert_eq!(mock.paths(), [hook.as_str(), token, upload, hook.as_str()]);
    let images = mock.images();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].1.bytes, PNG);
    assert_eq!(images[0].1.filename.as_deref(), Some("cpu.png"));
    let sent = mock.server.requests();
    assert_eq!(sent[3].json()["msg_type"], "image");
    assert_eq!(sent[3].json()["content"]["image_key"], images[0].0.as_str());
    // The next run uses the cached token: no token request.
    without_tokens(feishu_app(&sandbox, &mock, &["--image", "cpu.png"]), &mock).code(0);
    assert_eq!(mock.tokens().len(), 1);
    assert_eq!(mock.paths()[4..], [upload, hook.as_str()]);
    // The token expires: the upload is refused (99991663) once, a new token is fetched, the upload resent.
    mock.expire_tokens();
    without_tokens(feishu_app(&sandbox, &mock, &["--image", "cpu.png"]), &mock).code(0);
    assert_eq!(mock.tokens().len(), 2);
    assert_eq!(mock.paths()[6..], [upload, token, upload, hook.as_str()]);
    assert_eq!(mock.images().len(), 3);
}

#[test]
fn a_feishu_image_needs_the_app_and_an_image() {
    let sandbox = Sandbox::new();
    let mock = feishu::FeishuApp::start();
    sandbox.write("notes.png", "not an image");
    let image = sandbox.write("cpu.png", "");
    std::fs::write(&image, PNG).expect("write image");
    let no_app = sandbox
        .sendmsg(["feishu", "--image", "cpu.png", "x"])
        .env("FEISHU_WEBHOOK", feishu::TOKEN)
        .env("FEISHU_BASE_URL", mock.server.url())
        .run();
    no_app.code(3).one_error_line();
    assert_eq!(
        no_app.stderr,
        "sendmsg: error: feishu: FEISHU_APP_ID, FEISHU_APP_SECRET are not set (put them in the environment or in .env); \
         a custom bot cannot upload an image; --image goes through an app with the image upload permission\n"
    );
    let text = without_tokens(
        feishu_app(&sandbox, &mock, &["--image", "notes.png", "x"]),
        &mock,
    );
    text.code(2);
    assert_eq!(
        text.stderr,
        "sendmsg: error: feishu: --image notes.png is not an image its bytes show (none of JPG, PNG, GIF, WebP, BMP, TIFF); \
         a Feishu image is JPG or PNG or WebP or GIF or TIFF or BMP\n"
    );
    assert!(mock.server.requests().is_empty());
    let wrong = feishu_app(&sandbox, &mock, &["--image", "cpu.png", "x"])
        .env("FEISHU_APP_SECRET", "wrong-secret")
        .run();
    wrong.code(1);
    assert!(
        wrong
            .stderr
            .contains("cannot get an access token: app secret invalid"),
        "{wrong:?}"
    );
}

#[test]
fn check_feishu_proves_the_app_gets_a_tenant_token() {
    let sandbox = Sandbox::new();
    let mock = feishu::FeishuApp::start();
    let run = sandbox
        .sendmsg(["check", "feishu"])
        .env("FEISHU_WEBHOOK", feishu::TOKEN)
        .env("FEISHU_BASE_URL", mock.server.url())
        .env("FEISHU_APP_ID", feishu::APP_ID)
        .env("FEISHU_APP_SECRET", feishu::APP_SECRET)
        .secret(feishu::APP_SECRET);
    let out = without_tokens(run, &mock);
    out.code(0);
    assert!(
        format!("{}{}", out.stdout, out.stderr).contains(&format!(
            "✓ feishu: access token: issued by {}/open-apis/auth/v3/tenant_access_token/internal",
            mock.server.url()
        )),
        "{out:?}"
    );
    assert_eq!(mock.tokens().len(), 1);
}

#[test]
fn send_hands_images_on_and_a_channel_that_cannot_send_them_stops_everything() {
    let sandbox = Sandbox::new();
    let mock = Wecom::start();
    let image = sandbox.write("shot.png", "");
    std::fs::write(&image, PNG).expect("write image");
    let send = |via: &str| {
        sandbox
            .sendmsg(["send", "--via", via, "--image", "shot.png", "disk full"])
            .env("WECOM_BOT_KEY", BOT_KEY)
            .env("WECOM_BASE_URL", mock.url())
            .env("DING_ACCESS_TOKEN", ding::TOKEN)
            .run()
    };
    let refused = send("wecom,ding");
    refused.code(2);
    assert!(
        mock.sends().is_empty(),
        "nothing is sent when one channel cannot take the image"
    );
    send("wecom").code(0);
    let kinds: Vec<String> = robot_messages(&mock)
        .into_iter()
        .map(|(kind, _)| kind)
        .collect();
    assert_eq!(kinds, ["text", "image"]);
}
