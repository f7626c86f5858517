//! `sendmsg gewe` end to end against a mock GeWe gateway (legacy and v2 APIs).

use crate::common;

use common::Sandbox;
use common::gewe::{self, APP_ID, BLOCKED, TOKEN};
use common::mock::{MockServer, Reply};

fn gewe_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    let mut all = vec!["gewe"];
    all.extend_from_slice(args);
    sandbox
        .sendmsg(all)
        .env("GEWE_TOKEN", TOKEN)
        .env("GEWE_APP_ID", APP_ID)
        .env("GEWE_BASE_URL", server.url())
}

fn v2_cmd(sandbox: &Sandbox, server: &MockServer, args: &[&str]) -> common::Run {
    gewe_cmd(sandbox, server, args)
        .env("GEWE_API", "v2")
        .env("GEWE_BASE_URL", format!("{}/v2/api", server.url()))
}

#[test]
fn a_text_reaches_every_recipient_in_one_request_of_the_seed_shape() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let out = gewe_cmd(
        &sandbox,
        &server,
        &["--at", "wxid_zhang", "@张三", "服务器告警"],
    )
    .env("GEWE_TO", "34757816141@chatroom,wxid_b")
    .run();
    out.code(0).stderr_has("gewe: sent to 2 recipients");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, "/api/message/sendmsg");
    assert_eq!(
        reqs[0].json(),
        serde_json::json!({
            "appid": APP_ID,
            "to_wxid_list": [
                {"to_wxid": "34757816141@chatroom", "content": "@张三 服务器告警", "msg_type": 1, "at": ["wxid_zhang"], "msg_source": ""},
                {"to_wxid": "wxid_b", "content": "@张三 服务器告警", "msg_type": 1, "at": ["wxid_zhang"], "msg_source": ""}
            ]
        })
    );
}

#[test]
fn a_wrong_token_is_rejected_with_the_gateways_msg_err() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    gewe_cmd(&sandbox, &server, &["--to", "wxid_a", "hi"])
        .env("GEWE_TOKEN", "not-the-token")
        .secret("not-the-token")
        .run()
        .code(1)
        .one_error_line()
        .stderr_has("gewe: rejected by the service (ret -1): token无效");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_failed_recipient_inside_a_successful_reply_is_a_rejection_naming_them() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    gewe_cmd(
        &sandbox,
        &server,
        &["--to", "wxid_a", "--to", BLOCKED, "hi"],
    )
    .run()
    .code(1)
    .one_error_line()
    .stderr_has("not delivered to wxid_blocked (Ret -2)");
    assert_eq!(server.requests().len(), 1, "a rejection is never resent");
}

#[test]
fn an_app_message_goes_to_each_recipient_without_reading_stdin() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let xml = sandbox.write(
        "card.xml",
        "<?xml version=\"1.0\"?>\n<msg>\n<appmsg appid=\"\" sdkver=\"0\">\n\t<title>腾讯云助手</title>\n\t<type>33</type>\n</appmsg>\n<fromusername>x</fromusername>\n</msg>\n",
    );
    let out = gewe_cmd(
        &sandbox,
        &server,
        &[
            "--to",
            "wxid_a",
            "--to",
            "wxid_b",
            "--app-xml",
            xml.to_str().expect("utf-8 path"),
        ],
    )
    .stdin("this must not be read")
    .run();
    out.code(0);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    for (req, to) in reqs.iter().zip(["wxid_a", "wxid_b"]) {
        assert_eq!(req.path, "/api/message/sendapp");
        assert_eq!(
            req.json(),
            serde_json::json!({
                "appid": APP_ID,
                "to_wxid": to,
                "xml": "<appmsg appid=\"\" sdkver=\"0\">\n\t<title>腾讯云助手</title>\n\t<type>33</type>\n</appmsg>"
            })
        );
    }
}

#[test]
fn an_app_xml_file_without_appmsg_sends_nothing() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let xml = sandbox.write("bad.xml", "<msg><title>no app message here</title></msg>");
    gewe_cmd(
        &sandbox,
        &server,
        &[
            "--to",
            "wxid_a",
            "--app-xml",
            xml.to_str().expect("utf-8 path"),
        ],
    )
    .run()
    .code(2)
    .one_error_line()
    .stderr_has("holds no <appmsg>");
    gewe_cmd(
        &sandbox,
        &server,
        &["--to", "wxid_a", "--app-xml", "/nonexistent/card.xml"],
    )
    .run()
    .code(2)
    .stderr_has("cannot read --app-xml");
    gewe_cmd(
        &sandbox,
        &server,
        &["--to", "wxid_a", "--app-xml", "x.xml", "text too"],
    )
    .run()
    .code(2);
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn the_v2_api_sends_one_request_per_recipient_with_ats() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    v2_cmd(
        &sandbox,
        &server,
        &[
            "--to",
            "g@chatroom,wxid_b",
            "--at",
            "wxid_x",
            "--at",
            "wxid_y",
            "@X 你好",
        ],
    )
    .run()
    .code(0)
    .stderr_has("gewe: sent to 2 recipients");
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].path, "/v2/api/message/postText");
    assert_eq!(
        reqs[0].json(),
        serde_json::json!({"appId": APP_ID, "toWxid": "g@chatroom", "content": "@X 你好", "ats": "wxid_x,wxid_y"})
    );
    assert_eq!(reqs[1].json()["toWxid"], "wxid_b");
}

#[test]
fn a_v2_failure_names_the_refused_recipient_and_who_got_the_message() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let xml = sandbox.write("card.xml", "<appmsg><title>t</title></appmsg>");
    v2_cmd(
        &sandbox,
        &server,
        &["--to", "wxid_a", "--to", BLOCKED, "--to", "wxid_c", "--app-xml", xml.to_str().expect("utf-8 path")],
    )
    .run()
    .code(1)
    .one_error_line()
    .stderr_has("gewe: rejected by the service (ret 500): 1 of 3 recipients failed: wxid_blocked: rejected by the service (ret 500): 对方已拒收 (delivered to wxid_a, wxid_c)");
    // One refusal does not keep the message from the others.
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[0].path, "/v2/api/message/postAppMsg");
}

#[test]
fn a_long_text_is_split_at_2048_bytes() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let long: String = (0..300).map(|i| format!("第{i:03}行日志\n")).collect();
    gewe_cmd(&sandbox, &server, &["--to", "wxid_a"])
        .stdin(long)
        .run()
        .code(0)
        .stderr_has("in 3 parts");
    for req in server.requests() {
        let content = req.json()["to_wxid_list"][0]["content"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        assert!(
            content.len() <= 2048 && content.starts_with('('),
            "{content}"
        );
    }
}

#[test]
fn missing_settings_are_config_errors_naming_the_variable() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    for var in ["GEWE_TOKEN", "GEWE_APP_ID", "GEWE_BASE_URL"] {
        let mut cmd = gewe_cmd(&sandbox, &server, &["--to", "wxid_a", "hi"]);
        cmd.cmd.env_remove(var);
        cmd.run()
            .code(3)
            .one_error_line()
            .stderr_has(&format!("gewe: {var} is not set"));
    }
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn bad_recipients_are_refused_before_anything_is_sent() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    gewe_cmd(&sandbox, &server, &["--to", "wxid a", "hi"])
        .run()
        .code(2)
        .one_error_line();
    gewe_cmd(&sandbox, &server, &["hi"])
        .run()
        .code(3)
        .stderr_has("no recipient");
    assert_eq!(server.requests().len(), 0);
}

#[test]
fn dry_run_masks_the_token_and_sends_nothing() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let out = gewe_cmd(&sandbox, &server, &["--dry-run", "--to", "wxid_a", "hi"]).run();
    out.code(0).stdout_has(r#""x-gewe-token":"***""#);
    assert_eq!(server.requests().len(), 0);
    let verbose = gewe_cmd(&sandbox, &server, &["-v", "--to", "wxid_a", "hi"]).run();
    verbose.code(0).stderr_has("gewe: POST");
}

#[test]
fn a_5xx_is_retried_and_an_unreadable_reply_is_never_resent() {
    let sandbox = Sandbox::new();
    let server = MockServer::scripted(vec![Reply::status(502, "bad gateway")], gewe::gateway());
    gewe_cmd(&sandbox, &server, &["--to", "wxid_a", "hi"])
        .run()
        .code(0);
    assert_eq!(server.requests().len(), 2);
    let html = MockServer::start(|_| Reply::json("<html>login</html>"));
    gewe_cmd(&sandbox, &html, &["--to", "wxid_a", "hi"])
        .run()
        .code(1)
        .stderr_has("may have been delivered");
    assert_eq!(html.requests().len(), 1);
}

#[test]
fn ids_in_the_wrong_shape_fail_before_any_request() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--to", "34757816141@chatrom", "hi"],
            2,
            "is not a wxid or a group id (ID@chatroom)",
        ),
        (
            &["--to", "wxid_b", "--at", "wxid_a", "hi"],
            2,
            "--at mentions work only in a group",
        ),
        (
            &["--to", "1@chatroom", "--at", "2@chatroom", "hi"],
            2,
            "is not a member's wxid",
        ),
    ];
    for (args, code, message) in cases {
        gewe_cmd(&sandbox, &server, args)
            .run()
            .code(*code)
            .one_error_line()
            .stderr_has(message);
    }
    gewe_cmd(&sandbox, &server, &["--to", "wxid_b", "hi"])
        .env("GEWE_APP_ID", "wxid_my_own_account")
        .run()
        .code(3)
        .stderr_has("GEWE_APP_ID `wxid_my_own_account` is not a device app id");
    assert!(server.requests().is_empty());
    gewe_cmd(
        &sandbox,
        &server,
        &["--to", "1@chatroom", "--at", "notify@all", "@所有人 hi"],
    )
    .run()
    .code(0);
}

#[test]
fn gewe_sends_an_image_and_a_file_by_url_to_each_recipient_after_the_text() {
    let sandbox = Sandbox::new();
    let server = MockServer::start(gewe::gateway());
    v2_cmd(
        &sandbox,
        &server,
        &[
            "--to",
            "wxid_a",
            "--to",
            "wxid_b",
            "--image-url",
            "https://img.example.com/cpu.png",
            "--attach-url",
            "https://files.example.com/report.pdf?v=2",
            "CPU at 93%",
        ],
    )
    .run()
    .code(0);
    let sent: Vec<(String, serde_json::Value)> = server
        .requests()
        .iter()
        .map(|r| (r.path.clone(), r.json()))
        .collect();
    let paths: Vec<&str> = sent.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/v2/api/message/postText",
            "/v2/api/message/postText",
            "/v2/api/message/postImage",
            "/v2/api/message/postFile",
            "/v2/api/message/postImage",
            "/v2/api/message/postFile",
        ]
    );
    assert_eq!(
        sent[3].1,
        serde_json::json!({"appId": APP_ID, "toWxid": "wxid_a",
            "fileUrl": "https://files.example.com/report.pdf?v=2", "fileName": "report.pdf"})
    );
    assert_eq!(sent[4].1["toWxid"], "wxid_b");
    assert_eq!(sent[4].1["imgUrl"], "https://img.example.com/cpu.png");
    let legacy = gewe_cmd(
        &sandbox,
        &server,
        &[
            "--to",
            "wxid_a",
            "--image-url",
            "https://img.example.com/cpu.png",
            "x",
        ],
    )
    .run();
    legacy.code(2).one_error_line();
    assert_eq!(
        legacy.stderr,
        "sendmsg: error: gewe: --image-url and --attach-url need the v2 API (GEWE_API=v2): the legacy API has no documented call for them\n"
    );
    assert_eq!(server.requests().len(), 6);
}
