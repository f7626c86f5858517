//! The integration-test harness shared by every channel: the real binary in a clean environment, and mock
//! upstream servers on 127.0.0.1 that check requests the way the real services do.

pub(crate) mod aliyun;
pub(crate) mod bark;
pub(crate) mod daemon;
pub(crate) mod ding;
pub(crate) mod feishu;
pub(crate) mod form;
pub(crate) mod gewe;
pub(crate) mod https;
pub(crate) mod mock;
pub(crate) mod pushplus;
pub(crate) mod redis;
pub(crate) mod serverchan;
pub(crate) mod signing;
pub(crate) mod sms_gateway;
pub(crate) mod smtp;
pub(crate) mod tencent;
pub(crate) mod tokens;
pub(crate) mod webhook;
pub(crate) mod wechat;
pub(crate) mod wecom;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Secret values the tests use; no output of the suite may contain any of them.
pub(crate) const SECRETS: &[&str] = &[
    ding::TOKEN,
    ding::SECRET,
    wecom::CORP_SECRET,
    wecom::BOT_KEY,
    wechat::APP_SECRET,
    wechat::GATEWAY_TOKEN,
    daemon::TOKEN,
    smtp::PASSWORD,
    sms_gateway::TOKEN,
    gewe::TOKEN,
    aliyun::KEY_SECRET,
    tencent::SECRET_KEY,
    serverchan::TURBO_KEY,
    serverchan::SC3_KEY,
    pushplus::TOKEN,
    bark::KEY,
    bark::OTHER_KEY,
    feishu::TOKEN,
    feishu::SECRET,
    webhook::TOKEN,
];

/// A temporary home, config and working directory for one test, so no user setting leaks in.
pub(crate) struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        for sub in ["home", "config", "cache", "state", "work"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("sandbox dirs");
        }
        Self { dir }
    }

    /// The working directory of the commands.
    pub(crate) fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub(crate) fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    /// A file in sendmsg's state directory (`$XDG_STATE_HOME/sendmsg/NAME`).
    pub(crate) fn state(&self, name: &str) -> PathBuf {
        self.path("state").join("sendmsg").join(name)
    }

    pub(crate) fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.work().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("parent dir");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    /// Writes `text` as the default config file (`$XDG_CONFIG_HOME/sendmsg/config.toml`), mode 0600.
    pub(crate) fn config(&self, text: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.path("config").join("sendmsg").join("config.toml");
        std::fs::create_dir_all(path.parent().expect("parent")).expect("config dir");
        std::fs::write(&path, text).expect("config");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        path
    }

    /// `sendmsg ARGS` with an empty environment but for HOME and the XDG directories of the sandbox.
    pub(crate) fn sendmsg<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sendmsg"));
        cmd.args(args)
            .env_clear()
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("XDG_STATE_HOME", self.path("state"))
            .current_dir(self.work());
        Run {
            cmd,
            stdin: None,
            secrets: SECRETS
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
        }
    }
}

/// A command about to run: add environment, stdin, and more secrets to check for.
pub(crate) struct Run {
    pub cmd: Command,
    stdin: Option<Vec<u8>>,
    secrets: Vec<String>,
}

impl Run {
    pub(crate) fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    pub(crate) fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    /// Another value that must not appear in the output (a signature, a token issued by a mock).
    pub(crate) fn secret(mut self, value: impl Into<String>) -> Self {
        self.secrets.push(value.into());
        self
    }

    /// Starts a long-running command (`serve-ddns`) and waits until it listens; `Err` holds its exit
    /// code and output when it stopped instead.
    pub(crate) fn daemon(self) -> Result<daemon::Daemon, String> {
        daemon::Daemon::start(self.cmd, self.secrets)
    }

    /// Runs to completion (stdin is /dev/null unless given) and checks no secret was printed.
    pub(crate) fn run(mut self) -> Output {
        self.cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = self.cmd.spawn().expect("spawn sendmsg");
        if let Some(input) = self.stdin.take() {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            // The binary may exit before reading everything (e.g. on a usage error).
            let _ = pipe.write_all(&input);
        }
        let out = child.wait_with_output().expect("wait for sendmsg");
        let output = Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        for secret in &self.secrets {
            assert!(
                !output.stdout.contains(secret.as_str())
                    && !output.stderr.contains(secret.as_str()),
                "a secret was printed:\n{output:?}"
            );
        }
        output
    }
}

#[derive(Debug)]
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts the exit code, showing the output when it differs.
    pub(crate) fn code(&self, expected: i32) -> &Self {
        assert_eq!(self.code, expected, "unexpected exit code:\n{self:?}");
        self
    }

    pub(crate) fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{self:?}"
        );
        self
    }

    pub(crate) fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{self:?}"
        );
        self
    }

    /// The whole of stderr, line for line: where wording matters, a substring can pass a wrong message.
    pub(crate) fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr, expected, "stderr differs:\n{self:?}");
        self
    }

    /// The whole of stdout, line for line.
    pub(crate) fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout differs:\n{self:?}");
        self
    }

    /// Errors are one line on stderr: `sendmsg: error: …`.
    pub(crate) fn one_error_line(&self) -> &Self {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.contains("error"))
            .collect();
        assert_eq!(lines.len(), 1, "expected one error line:\n{self:?}");
        assert!(lines[0].starts_with("sendmsg: error: "), "{self:?}");
        self
    }
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Lower-case hex MD5, as WeCom's robot image checksum is written.
pub(crate) fn md5_hex(bytes: &[u8]) -> String {
    use md5::Digest;
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
