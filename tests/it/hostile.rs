//! The bad-input corpus: hundreds of hostile arguments, environment values, .env files, bodies and
//! upstream replies, one table. Every case must end, within a bounded time, with an exit code of the
//! contract (0-5), at most one `sendmsg: error:` line, no panic and no secret in the output.

use crate::common;

use common::mock::{MockServer, Reply};
use common::{SECRETS, Sandbox, ding, gewe, smtp, wechat, wecom};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// No case may take longer than this: nothing in sendmsg waits on a user or a service without a bound.
const DEADLINE: Duration = Duration::from_secs(20);

/// One run of the binary.
#[derive(Clone, Default)]
struct Case {
    name: String,
    args: Vec<OsString>,
    env: Vec<(&'static str, OsString)>,
    stdin: Option<Vec<u8>>,
    /// Files written into the working directory first.
    files: Vec<(&'static str, Vec<u8>)>,
}

impl Case {
    fn new(name: impl Into<String>, args: &[&str]) -> Self {
        Case {
            name: name.into(),
            args: args.iter().map(OsString::from).collect(),
            ..Case::default()
        }
    }

    fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    fn env(mut self, key: &'static str, value: impl Into<OsString>) -> Self {
        self.env.push((key, value.into()));
        self
    }

    fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    fn file(mut self, name: &'static str, bytes: impl Into<Vec<u8>>) -> Self {
        self.files.push((name, bytes.into()));
        self
    }

    /// Credentials for every channel, so a `--dry-run` gets as far as building requests.
    fn configured(self) -> Self {
        self.env("DING_ACCESS_TOKEN", ding::TOKEN)
            .env("DING_SECRET", ding::SECRET)
            .env("WECOM_BOT_KEY", wecom::BOT_KEY)
            .env("GEWE_BASE_URL", "http://127.0.0.1:9")
            .env("GEWE_TOKEN", gewe::TOKEN)
            .env("GEWE_APP_ID", "wx_app")
            .env("GEWE_TO", "wxid_abc")
            .env("SMS_PROVIDER", "http")
            .env("SMS_GATEWAY_URL", "http://127.0.0.1:9/sms")
            .env("SMS_TO", "13800138000")
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_USER", "bot@example.com")
            .env("SMTP_PASSWORD", smtp::PASSWORD)
            .env("EMAIL_TO", "ops@example.com")
            .env("WECHAT_APP_ID", "wx1234567890")
            .env("WECHAT_APP_SECRET", wechat::APP_SECRET)
            .env("WECHAT_TEMPLATE_ID", "tmpl")
            .env("WECHAT_TO", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
    }
}

/// Values that break naive parsers: empty, blank, huge, control characters, escapes, numbers at and
/// past every bound, paths that are not files, shell and format syntax.
fn hostile_values() -> Vec<OsString> {
    let mut values: Vec<OsString> = [
        "",
        " ",
        "-",
        "--",
        "-1",
        "0",
        "1e309",
        "NaN",
        "inf",
        "18446744073709551616",
        "99999999999999999999999/h",
        "0/0",
        "/",
        "=",
        "==",
        "#",
        "a,b,,c,",
        ",,,",
        "\n",
        "line1\nline2",
        "\r\n\t\x0b\x0c",
        "\x1b[31mred\x1b[0m\x1b]0;title\x07",
        "$(rm -rf /)",
        "`id`",
        "%s%n%x%p",
        "{}{{}}",
        "../../../../etc/passwd",
        "/dev/zero",
        "/dev/null",
        "/",
        "file:///etc/passwd",
        "http://",
        "http://[::1",
        "javascript:alert(1)",
        "😀🇨🇳\u{202e}RTL",
        "中文＠例子。中国",
        "\u{feff}BOM",
        "\u{0}",
    ]
    .iter()
    .filter(|v| !v.contains('\0'))
    .map(OsString::from)
    .collect();
    values.push("x".repeat(100_000).into());
    values.push("汉".repeat(20_000).into());
    values.push(OsString::from_vec(vec![0xff, 0xfe, b'a', 0xc3, 0x28]));
    values
}

/// Hostile arguments: each value given to each option that parses something.
fn argument_cases() -> Vec<Case> {
    let options: &[(&[&str], &str)] = &[
        (&["--dry-run", "--timeout"], "ding hi"),
        (&["--dry-run", "--retries"], "ding hi"),
        (&["--dry-run", "--limit"], "ding hi"),
        (&["--dry-run", "--dedupe"], "ding hi"),
        (&["--dry-run", "--env-file"], "ding hi"),
        (&["--dry-run", "ding", "--max-bytes"], "hi"),
        (&["--dry-run", "ding", "--at-mobile"], "hi"),
        (&["--dry-run", "ding", "--access-token"], "hi"),
        (&["--dry-run", "ding", "--file"], ""),
        (&["--dry-run", "wecom", "--bot", "--mention-mobile"], "hi"),
        (&["--dry-run", "gewe", "--to"], "hi"),
        (&["--dry-run", "sms", "--to"], "hi"),
        (&["--dry-run", "email", "--to"], "hi"),
        (&["--dry-run", "email", "--attach"], "hi"),
        (&["--dry-run", "template", "--field"], ""),
        (&["--dry-run", "send", "--via"], "hi"),
        (&["history", "--since"], ""),
        (&["serve-ddns", "--workers"], ""),
    ];
    let mut cases = Vec::new();
    for (prefix, rest) in options {
        for (i, value) in hostile_values().into_iter().enumerate() {
            let mut case = Case::new(format!("arg {} #{i}", prefix.join(" ")), prefix).configured();
            case = case.arg(value);
            for word in rest.split_whitespace() {
                case = case.arg(word);
            }
            cases.push(case);
        }
    }
    // Whole command lines that are wrong in shape.
    for args in [
        &[][..],
        &["--"],
        &["nosuchcommand"],
        &["ding", "--no-such-flag"],
        &["--dry-run", "ding", "--", "--help"],
        &["--dry-run", "ding", "-"],
        &["completions", "tcsh"],
        &["run", "--via", "ding"],
        &[
            "--dry-run",
            "run",
            "--via",
            "ding",
            "--",
            "/nonexistent/program",
        ],
        &[
            "--dry-run",
            "run",
            "--via",
            "ding",
            "--",
            "sh",
            "-c",
            "exit 300",
        ],
        &["-q", "-v", "ding", "hi"],
        &["--dry-run", "template", "free", "text"],
        &["--dry-run", "sms", "--provider", "aliyun"],
        &["--dry-run", "gewe", "--app-xml", "/dev/zero"],
        &["--dry-run", "ding", "--file", "/dev/zero"],
        &["--dry-run", "ding", "--file", "/"],
        &["--dry-run", "--env-file", "/dev/zero", "ding", "hi"],
    ] {
        cases.push(Case::new(format!("shape {args:?}"), args).configured());
    }
    cases
}

/// Hostile values in the variables the contract names.
fn environment_cases() -> Vec<Case> {
    let variables = [
        "SENDMSG_TIMEOUT",
        "SENDMSG_RETRIES",
        "SENDMSG_LIMIT",
        "SENDMSG_DEDUPE",
        "SENDMSG_VIA",
        "SENDMSG_ENV_FILE",
        "DING_BASE_URL",
        "DING_ACCESS_TOKEN",
        "SMS_TO",
        "SMTP_PORT",
        "GEWE_API",
        "XDG_STATE_HOME",
    ];
    let mut cases = Vec::new();
    for var in variables {
        for (i, value) in hostile_values().into_iter().enumerate().step_by(3) {
            let command: &[&str] = match var {
                "SMS_TO" => &["--dry-run", "sms", "hi"],
                "SMTP_PORT" => &["--dry-run", "email", "hi"],
                "GEWE_API" => &["--dry-run", "gewe", "hi"],
                "SENDMSG_VIA" => &["--dry-run", "send", "hi"],
                _ => &["--dry-run", "ding", "hi"],
            };
            cases.push(
                Case::new(format!("env {var} #{i}"), command)
                    .configured()
                    .env(var, value),
            );
        }
    }
    cases
}

/// Hostile .env files, loaded from the working directory.
fn env_file_cases() -> Vec<Case> {
    let secret_line = format!("DING_SECRET={} this line is broken \"", ding::SECRET);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        ("NUL", b"A=1\0B=2\n\0\0\0".to_vec()),
        ("invalid UTF-8", vec![b'A', b'=', 0xff, 0xfe, b'\n']),
        (
            "BOM and CRLF",
            "\u{feff}SENDMSG_TIMEOUT=5\r\nDING_X=1\r\n".into(),
        ),
        (
            "unterminated quote",
            b"DING_ACCESS_TOKEN=\"abc\nB=1\n".to_vec(),
        ),
        ("broken line holding a secret", secret_line.into_bytes()),
        ("only =", b"=\n==\n=x\n".to_vec()),
        (
            "substitution loop",
            b"A=${B}\nB=${A}\nSENDMSG_LIMIT=${A}\n".to_vec(),
        ),
        (
            "export and spaces",
            b"export SENDMSG_TIMEOUT = 5\n".to_vec(),
        ),
        (
            "hostile values",
            b"SENDMSG_TIMEOUT=-1\nSENDMSG_LIMIT=0/0\nDING_BASE_URL=file:///etc\n".to_vec(),
        ),
        (
            "huge",
            format!("BIG={}\n", "x".repeat(10 << 20)).into_bytes(),
        ),
        ("many lines", "K=v\n".repeat(100_000).into_bytes()),
        ("control characters", b"A=\x1b[2J\x07\nB='\x01'\n".to_vec()),
    ];
    files
        .into_iter()
        .map(|(name, bytes)| {
            Case::new(format!(".env {name}"), &["--dry-run", "ding", "hi"])
                .configured()
                .file(".env", bytes)
        })
        .collect()
}

/// Hostile bodies, on stdin and through --file, under each overflow policy.
fn body_cases() -> Vec<Case> {
    let ten_mb = "0123456789abcdef\n".repeat((10 << 20) / 17).into_bytes();
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("blank", b" \n\t\r\n".to_vec()),
        ("NUL", b"a\0b\0\0".to_vec()),
        ("binary", (0..=255u8).cycle().take(70_000).collect()),
        (
            "invalid UTF-8",
            vec![0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, b'x'],
        ),
        (
            "control characters",
            b"\x1b[31m\x07\x08\x7f\x1b]0;owned\x07".to_vec(),
        ),
        ("10 MB", ten_mb.clone()),
        ("10 MB on one line", vec![b'y'; 10 << 20]),
        ("only newlines", vec![b'\n'; 100_000]),
        ("JSON breakers", br#""}],{"msgtype":"x\"\\\u0000"#.to_vec()),
        ("a secret in the body", ding::SECRET.as_bytes().to_vec()),
    ];
    let mut cases = Vec::new();
    for (name, bytes) in bodies {
        // The big bodies through two channels only, to keep the run short.
        let commands: &[&str] = if bytes.len() > 1 << 20 {
            &["ding", "email"]
        } else {
            &["ding", "wecom", "gewe", "sms", "email"]
        };
        for &command in commands {
            let args: &[&str] = &["--dry-run", command];
            let mut base = Case::new(format!("body {name} {command} stdin"), args).configured();
            if command == "wecom" {
                base = base.arg("--bot");
            }
            cases.push(base.clone().stdin(bytes.clone()));
            for overflow in ["truncate", "error"] {
                cases.push(
                    Case {
                        name: format!("body {name} {command} --file --overflow {overflow}"),
                        ..base.clone()
                    }
                    .arg("--file")
                    .arg("body.txt")
                    .arg("--overflow")
                    .arg(overflow)
                    .file("body.txt", bytes.clone()),
                );
            }
        }
    }
    cases
}

/// What a misbehaving upstream answers; each runs against a mock standing in for DingTalk and for a
/// WeCom robot.
fn upstream_replies() -> Vec<(&'static str, Reply)> {
    let json = |s: &str| Reply::json(s.to_owned());
    vec![
        ("not JSON", json("OK")),
        ("truncated JSON", json(r#"{"errcode":0,"errm"#)),
        ("empty 200", json("")),
        ("JSON null", json("null")),
        ("JSON array", json("[]")),
        (
            "errcode as a string",
            json(r#"{"errcode":"0","errmsg":"ok"}"#),
        ),
        ("errcode null", json(r#"{"errcode":null}"#)),
        ("errcode float", json(r#"{"errcode":1.5e300,"errmsg":"?"}"#)),
        (
            "errmsg an object",
            json(r#"{"errcode":310000,"errmsg":{"a":[1,2]}}"#),
        ),
        (
            "errmsg with newlines and escapes",
            json(r#"{"errcode":1,"errmsg":"line1\nline2\u001b[2J\r"}"#),
        ),
        (
            "errmsg echoing the token",
            json(&format!(
                r#"{{"errcode":300001,"errmsg":"token {} {} invalid"}}"#,
                ding::TOKEN,
                wecom::BOT_KEY
            )),
        ),
        (
            "huge JSON",
            json(&format!(
                r#"{{"errcode":0,"errmsg":"{}"}}"#,
                "x".repeat(5 << 20)
            )),
        ),
        (
            "huge errmsg",
            json(&format!(
                r#"{{"errcode":1,"errmsg":"{}"}}"#,
                "错".repeat(200_000)
            )),
        ),
        (
            "deeply nested",
            json(&format!("{}{}", "[".repeat(100_000), "]".repeat(100_000))),
        ),
    ]
    .into_iter()
    .chain(misbehaving_http())
    .chain(secrets_across_the_cut())
    .collect()
}

/// Statuses, redirects and connection faults that no service should answer with.
fn misbehaving_http() -> Vec<(&'static str, Reply)> {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>\
                </center><hr><center>nginx</center></body></html>";
    vec![
        ("HTML 502", Reply::status(502, html)),
        ("HTML 200", Reply::status(200, html)),
        ("HTML 403", Reply::status(403, html)),
        ("404 empty", Reply::status(404, "")),
        (
            "429 asking for a day",
            Reply::Http(
                429,
                vec![("retry-after".into(), "86400".into())],
                String::new(),
            ),
        ),
        (
            "429 with a date",
            Reply::Http(
                429,
                vec![("retry-after".into(), "Wed, 21 Oct 2099 07:28:00 GMT".into())],
                String::new(),
            ),
        ),
        (
            "301 elsewhere",
            Reply::Http(
                301,
                vec![("location".into(), "http://localhost:9/steal".into())],
                String::new(),
            ),
        ),
        (
            "302 to itself",
            Reply::Http(302, vec![("location".into(), "/".into())], String::new()),
        ),
        (
            "307 to file",
            Reply::Http(
                307,
                vec![("location".into(), "file:///etc/passwd".into())],
                String::new(),
            ),
        ),
        ("status 100", Reply::status(100, "")),
        ("status 999", Reply::status(999, "{}")),
        (
            "gzip that is not",
            Reply::Http(
                200,
                vec![("content-encoding".into(), "gzip".into())],
                "{\"errcode\":0}".into(),
            ),
        ),
        ("dropped", Reply::Drop),
        ("stalled", Reply::Stall(Duration::from_secs(5))),
        (
            "dribbled",
            Reply::Dribble(
                200,
                format!("{{\"errcode\":0{}}}", " ".repeat(30)),
                Duration::from_millis(200),
            ),
        ),
        (
            "2xx cut short",
            Reply::CutShort(200, r#"{"errcode":0,"#.into(), 500),
        ),
    ]
}

/// Replies that echo each secret of [`Case::configured`] across the 200-character cut of an error
/// excerpt, in a 4xx and in an unreadable 200: a secret split by a cut.
fn secrets_across_the_cut() -> Vec<(&'static str, Reply)> {
    let configured = [
        ding::TOKEN,
        ding::SECRET,
        wecom::BOT_KEY,
        gewe::TOKEN,
        smtp::PASSWORD,
        wechat::APP_SECRET,
    ];
    let mut replies = Vec::new();
    for secret in configured {
        for shift in [3, 11] {
            let start = 200usize.saturating_sub(secret.len()) + shift;
            let body = format!("{}{secret} and more", "x".repeat(start));
            replies.push((
                "secret across the cut (4xx)",
                Reply::status(400, body.clone()),
            ));
            replies.push(("secret across the cut (200)", Reply::json(body)));
        }
    }
    replies
}

/// Every 12-character slice of the test secrets (a shorter secret whole): none may be printed.
fn secret_slices() -> Vec<&'static str> {
    SECRETS
        .iter()
        .flat_map(|s| (0..=s.len().saturating_sub(12)).map(move |i| &s[i..(i + 12).min(s.len())]))
        .collect()
}

/// Every hostile reply, answered to ding and to a WeCom robot.
fn upstream_cases() -> (Vec<Case>, Vec<MockServer>) {
    let mut cases = Vec::new();
    let mut servers = Vec::new();
    for (name, reply) in upstream_replies() {
        let server = MockServer::start(move |_| reply.clone());
        for (command, var) in [("ding", "DING_BASE_URL"), ("wecom", "WECOM_BASE_URL")] {
            let mut case = Case::new(
                format!("upstream {name} to {command}"),
                &["--timeout", "2", "--retries", "1", command],
            )
            .configured()
            .env(var, server.url());
            if command == "wecom" {
                case = case.arg("--bot");
            }
            cases.push(case.arg("disk full"));
        }
        servers.push(server);
    }
    (cases, servers)
}

/// Runs one case and returns what is wrong with its outcome, if anything.
fn check(case: &Case) -> Option<String> {
    let sandbox = Sandbox::new();
    for (name, bytes) in &case.files {
        std::fs::write(sandbox.work().join(name), bytes).expect("write case file");
    }
    let mut run = sandbox.sendmsg(&case.args);
    for (key, value) in &case.env {
        run = run.env(key, value);
    }
    let mut cmd = run.cmd;
    let out_path = sandbox.path("stdout");
    let err_path = sandbox.path("stderr");
    cmd.stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .stdin(if case.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let started = Instant::now();
    let mut child = cmd.spawn().expect("spawn sendmsg");
    if let (Some(bytes), Some(mut pipe)) = (case.stdin.clone(), child.stdin.take()) {
        // The binary may exit before reading it all.
        std::thread::spawn(move || std::io::Write::write_all(&mut pipe, &bytes));
    }
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code().unwrap_or(-1);
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            return Some(format!("{}: still running after {DEADLINE:?}", case.name));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout =
        String::from_utf8_lossy(&std::fs::read(&out_path).unwrap_or_default()).into_owned();
    let stderr =
        String::from_utf8_lossy(&std::fs::read(&err_path).unwrap_or_default()).into_owned();
    let shown = || {
        format!(
            "{}: exit {code}\nstderr: {}",
            case.name,
            stderr.chars().take(600).collect::<String>()
        )
    };
    // `run` exits with the wrapped command's own status, whatever it is.
    let wraps = case.args.iter().any(|a| a == "run");
    if !(0..=5).contains(&code) && !wraps {
        return Some(format!("exit code outside the contract: {}", shown()));
    }
    if stderr.contains("internal error") || stderr.contains("panicked") {
        return Some(format!("panic: {}", shown()));
    }
    let error_lines = stderr
        .lines()
        .filter(|l| l.starts_with("sendmsg: error:"))
        .count();
    if error_lines > 1 {
        return Some(format!("{error_lines} error lines: {}", shown()));
    }
    if error_lines == 1 && !stderr.lines().all(|l| l.starts_with("sendmsg: ")) {
        return Some(format!(
            "an error line with unprefixed lines beside it: {}",
            shown()
        ));
    }
    if let Some(slice) = secret_slices()
        .into_iter()
        .find(|s| stdout.contains(s) || stderr.contains(s))
    {
        return Some(format!(
            "part {slice:?} of a secret in the output: {}",
            shown()
        ));
    }
    None
}

#[test]
fn every_hostile_input_ends_with_a_contracted_exit_and_one_clean_line() {
    let (upstream, _servers) = upstream_cases();
    let mut cases = argument_cases();
    cases.extend(environment_cases());
    cases.extend(env_file_cases());
    cases.extend(body_cases());
    cases.extend(upstream);
    let total = cases.len();
    assert!(total >= 500, "the corpus shrank to {total} cases");

    let queue = Arc::new(Mutex::new(cases));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..6)
        .map(|_| {
            let (queue, failures) = (Arc::clone(&queue), Arc::clone(&failures));
            std::thread::spawn(move || {
                loop {
                    // Taken in a statement of its own, so the lock is not held while the case runs.
                    let next = queue.lock().expect("queue").pop();
                    let Some(case) = next else { break };
                    if let Some(failure) = check(&case) {
                        failures.lock().expect("failures").push(failure);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().expect("worker");
    }
    let failures = failures.lock().expect("failures");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
