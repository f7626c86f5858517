//! Shell completion scripts, generated from the clap definition. The same scripts are committed under
//! `completions/`, and a test fails when they are stale (`SENDMSG_UPDATE_COMPLETIONS=1` rewrites them).

use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;

pub fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "sendmsg", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The committed file name of each shell's script.
pub fn file_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "sendmsg.bash",
        Shell::Zsh => "_sendmsg",
        Shell::Fish => "sendmsg.fish",
        Shell::PowerShell => "_sendmsg.ps1",
        Shell::Elvish => "sendmsg.elv",
        _ => "sendmsg.unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;
    use std::path::Path;

    #[test]
    fn committed_completions_are_fresh() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
        let update = std::env::var_os("SENDMSG_UPDATE_COMPLETIONS").is_some_and(|v| v == "1");
        for shell in Shell::value_variants() {
            let path = dir.join(file_name(*shell));
            let fresh = script(*shell);
            if update {
                std::fs::create_dir_all(&dir).ok();
                std::fs::write(&path, &fresh).ok();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == fresh,
                "{} is stale: run `SENDMSG_UPDATE_COMPLETIONS=1 cargo test completions` and commit it",
                path.display()
            );
        }
    }
}
