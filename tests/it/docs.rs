//! The documentation's examples, run: every `sh` block of README.md and docs/*.md runs with `sh -e` against
//! the mock services (`common`), every `console` block's `$ ` lines too, with their output compared to the
//! lines shown. How a block that is not a runnable example is marked is in CONTRIBUTING.md ("Examples in
//! the documentation"). Also: README.md is at most 500 lines and links every page of docs/.

use crate::common;

use common::mock::MockServer;
use common::smtp::SmtpServer;
use common::{Sandbox, aliyun, bark, ding, feishu, gewe, pushplus, serverchan, tencent, webhook};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The marker, an HTML comment on the line before the fence: `<!-- not run: REASON -->`.
const NOT_RUN: &str = "<!-- not run: ";

/// Fence languages that are not shell examples (configuration, output, other tools' syntax).
const NOT_SHELL: &[&str] = &[
    "text",
    "toml",
    "dotenv",
    "cron",
    "yaml",
    "json",
    "nginx",
    "caddyfile",
    "ini",
    "rust",
];

/// One code block of a Markdown file.
struct Block {
    /// `FILE:LINE` of its fence.
    place: String,
    lang: String,
    code: String,
    /// The reason given by a `not run` marker.
    not_run: Option<String>,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every Markdown file under docs/.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![repo().join("README.md")];
    let mut pages: Vec<PathBuf> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/")
        .map(|entry| entry.expect("docs entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    files.extend(pages);
    files
}

fn blocks(path: &Path) -> Vec<Block> {
    let text = common::read(path);
    let name = path
        .strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string();
    let mut found = Vec::new();
    let mut marker: Option<String> = None;
    let mut open: Option<Block> = None;
    for (event, range) in Parser::new(&text).into_offset_iter() {
        match event {
            Event::Html(html) if html.trim_start().starts_with(NOT_RUN) => {
                let reason = html
                    .trim()
                    .trim_start_matches(NOT_RUN)
                    .trim_end_matches("-->");
                marker = Some(reason.trim().to_owned());
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let line = text[..range.start].lines().count() + 1;
                open = Some(Block {
                    place: format!("{name}:{line}"),
                    lang,
                    code: String::new(),
                    not_run: marker.take(),
                });
            }
            Event::Text(code) => {
                if let Some(block) = open.as_mut() {
                    block.code.push_str(&code);
                }
            }
            Event::End(TagEnd::CodeBlock) => found.extend(open.take()),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            // A marker counts for the block right after it only.
            Event::Start(_) | Event::End(_) => marker = None,
            _ => {}
        }
    }
    found
}

/// Every service an example may use, mocked: they live as long as the test.
struct Mocks {
    ding: MockServer,
    feishu: MockServer,
    gewe: MockServer,
    aliyun: MockServer,
    tencent: MockServer,
    pushplus: MockServer,
    bark: MockServer,
    serverchan: MockServer,
    webhook: MockServer,
    sms: MockServer,
    wecom: common::wecom::Wecom,
    wechat: common::wechat::Wechat,
    smtp: SmtpServer,
}

impl Mocks {
    fn start() -> Self {
        Self {
            ding: ding::robot(),
            feishu: feishu::bot(),
            gewe: MockServer::start(gewe::gateway()),
            aliyun: MockServer::start(aliyun::service()),
            tencent: MockServer::start(tencent::service()),
            pushplus: pushplus::server(),
            bark: bark::server(),
            serverchan: serverchan::server(serverchan::TURBO_KEY),
            webhook: webhook::gateway(),
            sms: common::sms_gateway::gateway(),
            wecom: common::wecom::Wecom::start(),
            wechat: common::wechat::Wechat::start(),
            smtp: SmtpServer::start("tls"),
        }
    }

    /// The variables that point every channel at its mock.
    fn env(&self) -> Vec<(String, String)> {
        vec![
            ("DING_ACCESS_TOKEN".into(), ding::TOKEN.into()),
            ("DING_SECRET".into(), ding::SECRET.into()),
            ("DING_BASE_URL".into(), self.ding.url()),
            ("FEISHU_WEBHOOK".into(), feishu::TOKEN.into()),
            ("FEISHU_SECRET".into(), feishu::SECRET.into()),
            ("FEISHU_BASE_URL".into(), self.feishu.url()),
            ("WECOM_CORP_ID".into(), common::wecom::CORP_ID.into()),
            (
                "WECOM_CORP_SECRET".into(),
                common::wecom::CORP_SECRET.into(),
            ),
            ("WECOM_AGENT_ID".into(), common::wecom::AGENT_ID.into()),
            ("WECOM_TO_USER".into(), "zhangsan".into()),
            ("WECOM_BOT_KEY".into(), common::wecom::BOT_KEY.into()),
            ("WECOM_BASE_URL".into(), self.wecom.url()),
            ("WECHAT_APP_ID".into(), common::wechat::APP_ID.into()),
            (
                "WECHAT_APP_SECRET".into(),
                common::wechat::APP_SECRET.into(),
            ),
            (
                "WECHAT_TEMPLATE_ID".into(),
                common::wechat::TEMPLATE_ID.into(),
            ),
            ("WECHAT_BASE_URL".into(), self.wechat.url()),
            ("GEWE_BASE_URL".into(), self.gewe.url()),
            ("GEWE_TOKEN".into(), gewe::TOKEN.into()),
            ("GEWE_APP_ID".into(), gewe::APP_ID.into()),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID".into(), aliyun::KEY_ID.into()),
            (
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET".into(),
                aliyun::KEY_SECRET.into(),
            ),
            ("ALIYUN_SMS_BASE_URL".into(), self.aliyun.url()),
            ("TENCENTCLOUD_SECRET_ID".into(), tencent::SECRET_ID.into()),
            ("TENCENTCLOUD_SECRET_KEY".into(), tencent::SECRET_KEY.into()),
            ("TENCENT_SMS_SDK_APP_ID".into(), tencent::SDK_APP_ID.into()),
            ("TENCENT_SMS_BASE_URL".into(), self.tencent.url()),
            (
                "SMS_GATEWAY_URL".into(),
                format!("{}/api/third/sms/sendMsg", self.sms.url()),
            ),
            (
                "SMS_GATEWAY_TOKEN".into(),
                common::sms_gateway::TOKEN.into(),
            ),
            ("SMTP_HOST".into(), "127.0.0.1".into()),
            ("SMTP_PORT".into(), self.smtp.port.to_string()),
            ("SMTP_SECURITY".into(), "tls".into()),
            ("SMTP_USER".into(), common::smtp::USER.into()),
            ("SMTP_PASSWORD".into(), common::smtp::PASSWORD.into()),
            (
                "SMTP_CA_FILE".into(),
                self.smtp.certs.ca().display().to_string(),
            ),
            ("SERVERCHAN_SENDKEY".into(), serverchan::TURBO_KEY.into()),
            ("SERVERCHAN_BASE_URL".into(), self.serverchan.url()),
            ("PUSHPLUS_TOKEN".into(), pushplus::TOKEN.into()),
            ("PUSHPLUS_BASE_URL".into(), self.pushplus.url()),
            ("BARK_DEVICE_KEY".into(), bark::KEY.into()),
            ("BARK_BASE_URL".into(), self.bark.url()),
            (
                "WEBHOOK_URL".into(),
                format!("{}/alert", self.webhook.url()),
            ),
            (
                "WEBHOOK_HEADERS".into(),
                format!("Authorization: Bearer {}\n", webhook::TOKEN),
            ),
            ("EMAIL_TO".into(), "ops@example.com".into()),
            // Whatever an example would send elsewhere goes to a closed port on loopback.
            ("HTTPS_PROXY".into(), "http://127.0.0.1:9".into()),
            ("HTTP_PROXY".into(), "http://127.0.0.1:9".into()),
            ("NO_PROXY".into(), "127.0.0.1,localhost".into()),
            // The targets of CONFIG.
            ("DING_OPS_TOKEN".into(), ding::TOKEN.into()),
            ("DING_OPS_SECRET".into(), ding::SECRET.into()),
            ("WECOM_DEV_BOT_KEY".into(), common::wecom::BOT_KEY.into()),
        ]
    }
}

/// A directory for the PATH: sendmsg and the STUBS.
fn bin_dir() -> tempfile::TempDir {
    let bin = tempfile::tempdir().expect("bin dir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_sendmsg"), bin.path().join("sendmsg"))
        .expect("link sendmsg");
    for (name, script) in STUBS {
        let path = bin.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).expect("stub");
        let mut perms = std::fs::metadata(&path).expect("stub").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&path, perms).expect("chmod stub");
    }
    bin
}

/// The mocks, and the environment and PATH that point sendmsg at them.
struct World {
    env: Vec<(String, String)>,
    bin: tempfile::TempDir,
    _mocks: Mocks,
}

impl World {
    fn start() -> Self {
        let mocks = Mocks::start();
        Self {
            env: mocks.env(),
            bin: bin_dir(),
            _mocks: mocks,
        }
    }

    /// Runs `script` with `sh -e` in a fresh sandbox; stdout and stderr merged, in order.
    fn run(&self, script: &str) -> (Option<i32>, String) {
        let sandbox = Sandbox::new();
        for (name, contents) in FILES {
            sandbox.write(name, contents);
        }
        let config = sandbox.path("home/.config/sendmsg");
        std::fs::create_dir_all(&config).expect("config dir");
        std::fs::write(config.join("config.toml"), CONFIG).expect("config.toml");
        let path = format!("{}:/usr/local/bin:/usr/bin:/bin", self.bin.path().display());
        let mut cmd = Command::new("sh");
        cmd.arg("-ec")
            .arg(format!("exec 2>&1\n{script}"))
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .env("PATH", path)
            .env("HOME", sandbox.path("home"))
            .current_dir(sandbox.work())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().expect("spawn sh");
        let deadline = Instant::now() + Duration::from_secs(60);
        while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let out = child.wait_with_output().expect("output");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        for secret in common::SECRETS {
            assert!(
                !text.contains(secret),
                "a secret was printed:\n{script}\n{text}"
            );
        }
        (out.status.code(), text)
    }
}

/// The named targets every example sees (docs/targets.md shows this file).
const CONFIG: &str = r#"[targets.ops]
channel = "ding"
access_token = "${DING_OPS_TOKEN}"
secret = "${DING_OPS_SECRET}"
base_url = "${DING_BASE_URL}"
[targets.dev]
channel = "wecom"
bot_key = "${WECOM_DEV_BOT_KEY}"
base_url = "${WECOM_BASE_URL}"
[groups]
everyone = ["ops", "dev"]
"#;

/// Commands the examples call that a test machine lacks, or must not run for real.
const STUBS: &[(&str, &str)] = &[
    (
        "make",
        "echo 'cc -c main.c'; echo 'main.c:3: warning: unused variable' >&2",
    ),
    (
        "journalctl",
        "echo 'Dec 07 10:00:01 web-1 nginx[811]: upstream timed out'",
    ),
    ("check-disk", "exit 1"),
    ("backup.sh", "echo 'rsync: connection refused' >&2; exit 23"),
];

/// Files the examples read, in the working directory.
const FILES: &[(&str, &str)] = &[
    ("report.md", "# nightly\n\n- backups: ok\n- disk: 71%\n"),
    ("report.html", "<h1>nightly</h1><p>backups: ok</p>\n"),
    ("backup.log", "rsync: connection refused\n"),
    (
        "card.xml",
        "<msg><appmsg appid=\"\" sdkver=\"0\"><title>deploy</title><type>5</type><url>https://status.example.com</url></appmsg></msg>\n",
    ),
];

/// Whether `actual` matches `expected`, where `…` stands for any text.
fn line_matches(expected: &str, actual: &str) -> bool {
    let mut pieces = expected.split('…');
    let first = pieces.next().unwrap_or("");
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        if i + 1 == pieces.len() {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// The `$ ` commands of a console block, each with the output lines shown after it.
fn transcript(code: &str) -> Vec<(String, Vec<String>)> {
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for line in code.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push((command.to_owned(), Vec::new()));
        } else if let Some((_, output)) = steps.last_mut() {
            output.push(line.to_owned());
        }
    }
    steps
}

/// What is wrong with one block, or None.
fn check_block(world: &World, block: &Block) -> Option<String> {
    if block.not_run.as_deref().is_some_and(str::is_empty) {
        return Some("a `not run` marker needs a reason".into());
    }
    match block.lang.as_str() {
        "sh" | "console" if block.not_run.is_some() => None,
        "sh" => match world.run(&block.code) {
            (Some(0), _) => None,
            (code, out) => Some(format!(
                "exit {code:?}:\n{}\n--- output:\n{out}",
                block.code
            )),
        },
        "console" => transcript(&block.code)
            .iter()
            .find_map(|(command, expected)| {
                let (code, out) = world.run(command);
                let actual: Vec<&str> = out.lines().collect();
                let same = actual.len() == expected.len()
                    && expected
                        .iter()
                        .zip(&actual)
                        .all(|(e, a)| line_matches(e, a));
                (code != Some(0) || !same).then(|| {
                    format!(
                        "$ {command}\nexit {code:?}, expected:\n{}\n--- got:\n{out}",
                        expected.join("\n")
                    )
                })
            }),
        lang if NOT_SHELL.contains(&lang) => None,
        "" => Some("a code block needs a language (see CONTRIBUTING.md)".into()),
        other => Some(format!(
            "unknown block language {other:?}: shell examples are `sh` or `console`, others one of {NOT_SHELL:?}"
        )),
    }
}

#[test]
fn every_shell_example_in_the_documentation_runs() {
    let world = World::start();
    // The world checks what the services check: a wrong token fails, so a passing example proves something.
    let (code, out) = world.run("sendmsg ding --access-token not-the-robots-token hello");
    assert_eq!(code, Some(1), "{out}");
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in documents() {
        for block in blocks(&path) {
            ran += usize::from(
                ["sh", "console"].contains(&block.lang.as_str()) && block.not_run.is_none(),
            );
            if let Some(problem) = check_block(&world, &block) {
                failures.push(format!("{}: {problem}", block.place));
            }
        }
    }
    assert!(ran > 20, "only {ran} examples ran");
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_readme_leads_in_at_most_500_lines_and_links_every_page() {
    let readme = common::read(&repo().join("README.md"));
    let lines = readme.lines().count();
    assert!(lines <= 500, "README.md has {lines} lines");
    for page in documents().iter().skip(1) {
        let name = page.file_name().expect("name").to_string_lossy();
        assert!(
            readme.contains(&format!("(docs/{name}")),
            "README.md does not link docs/{name}"
        );
    }
}

#[test]
fn the_marker_and_the_matcher_work() {
    // A block after a marker is not run; the next one is.
    let dir = tempfile::tempdir().expect("dir");
    let page = dir.path().join("page.md");
    std::fs::write(
        &page,
        "<!-- not run: starts a server -->\n```sh\nsendmsg serve-ddns\n```\n\n```sh\nsendmsg --version\n```\n",
    )
    .expect("page");
    let found = blocks(&page);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].not_run.as_deref(), Some("starts a server"));
    assert_eq!(found[1].not_run, None);
    assert!(line_matches("a…c", "abbbc") && line_matches("…", "x") && line_matches("abc", "abc"));
    assert!(
        !line_matches("a…c", "abd")
            && !line_matches("abc", "abcd")
            && !line_matches("a…b…c", "acb")
    );
}
