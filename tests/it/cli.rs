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
    sandbox
        .sendmsg(["ding", "x"])
        .run()
        .code(3)
        .stderr_has(".env line 1 is malformed");
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
