//! The command-line contract outside any one channel: help, completions, usage errors, stubs.

use crate::common;

use common::Sandbox;

#[test]
fn help_lists_every_command_of_the_contract() {
    let out = Sandbox::new().sendmsg(["--help"]).run();
    out.code(0);
    for command in [
        "wecom",
        "gewe",
        "ding",
        "email",
        "sms",
        "template",
        "serve-ddns",
        "send",
        "run",
        "history",
        "completions",
    ] {
        assert!(
            out.stdout.contains(&format!("\n  {command} ")),
            "{command} missing:\n{}",
            out.stdout
        );
    }
    out.stdout_has("Exit codes:");
}

#[test]
fn channel_help_shows_examples_and_variables() {
    let out = Sandbox::new().sendmsg(["ding", "--help"]).run();
    out.code(0)
        .stdout_has("Examples:")
        .stdout_has("[env: DING_ACCESS_TOKEN]")
        .stdout_has("[env: DING_SECRET]");
}

#[test]
fn help_works_even_when_the_default_env_file_is_broken() {
    let sandbox = Sandbox::new();
    sandbox.write(".env", "NOT A VALID LINE\n");
    sandbox.sendmsg(["ding", "--help"]).run().code(0);
    sandbox.sendmsg(["completions", "bash"]).run().code(0);
    // A discovered ./.env may be another tool's: its unreadable line is skipped with a warning naming it.
    let out = sandbox.sendmsg(["ding", "x"]).run();
    out.code(3);
    assert_eq!(
        out.stderr,
        "sendmsg: warning: .env line 1 is not NAME=value; skipped\n\
         sendmsg: error: ding: DING_ACCESS_TOKEN is not set (put it in the environment or in .env)\n"
    );
    // A named file is the user's: the same line is a configuration error.
    sandbox.write("named.env", "NOT A VALID LINE\n");
    sandbox
        .sendmsg(["--env-file", "named.env", "ding", "x"])
        .run()
        .code(3)
        .one_error_line()
        .stderr_has("env file named.env line 1 is malformed (expected NAME=value)");
}

#[test]
fn completions_match_the_committed_scripts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "sendmsg.bash"),
        ("zsh", "_sendmsg"),
        ("fish", "sendmsg.fish"),
    ] {
        let out = Sandbox::new().sendmsg(["completions", shell]).run();
        out.code(0);
        assert_eq!(
            out.stdout.trim_end(),
            common::read(&root.join(file)).trim_end(),
            "{shell}"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    sandbox
        .sendmsg(["ding", "--overflow", "sometimes", "x"])
        .run()
        .code(2);
    sandbox
        .sendmsg(["ding", "--timeout", "0", "x"])
        .run()
        .code(2);
    sandbox
        .sendmsg(["ding", "--max-parts", "0", "x"])
        .run()
        .code(2);
    sandbox
        .sendmsg(["ding", "--file", "a", "words"])
        .run()
        .code(2);
    sandbox.sendmsg(["nosuchchannel"]).run().code(2);
    sandbox.sendmsg(["-q", "-v", "ding", "x"]).run().code(2);
}

#[test]
fn version_prints_the_package_version() {
    let out = Sandbox::new().sendmsg(["--version"]).run();
    out.code(0).stdout_has(env!("CARGO_PKG_VERSION"));
}
