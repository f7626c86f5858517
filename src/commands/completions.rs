//! Files generated from the clap definition: the shell completion scripts (also printed by `sendmsg
//! completions`) and the man pages. Both are committed, under `completions/` and `man/`, and a test fails
//! when either is stale: `SENDMSG_UPDATE_COMPLETIONS=1 cargo test completions` rewrites them all.

use clap_complete::Shell;

pub(crate) fn script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::shown_command(), "sendmsg", &mut out);
    with_names(shell, &String::from_utf8_lossy(&out))
}

/// The variable that makes `sendmsg` print the names a completion offers instead of running: what
/// follows `--target` (`targets`), `--via` (`via`: channels, targets and groups) or `check` (`check`).
pub(crate) const NAMES_VAR: &str = "_SENDMSG_COMPLETE_NAMES";

/// The names of `kind` from config.toml (`--config` cannot be seen here; `SENDMSG_CONFIG` is), one a
/// line. A broken or missing file offers channels only: a completion never prints an error.
pub(crate) fn names(kind: &str) -> String {
    let config = crate::targets::Config::load(
        std::env::var_os("SENDMSG_CONFIG")
            .as_deref()
            .map(std::path::Path::new),
    )
    .unwrap_or_default();
    let targets = config.targets.iter().map(|t| t.name.as_str());
    let groups = config.groups.iter().map(|g| g.name.as_str());
    let channels = crate::channels::NAMES.iter().copied();
    let names: Vec<&str> = match kind {
        "targets" => targets.collect(),
        "via" => channels.chain(targets).chain(groups).collect(),
        "check" => channels.chain(targets).chain([crate::cli::ALL]).collect(),
        _ => Vec::new(),
    };
    names.join("\n")
}

/// Completion of names from config.toml after `--target`, `--via` and `check`, for the shells that can
/// run a command while completing; never file names there.
fn with_names(shell: Shell, script: &str) -> String {
    match shell {
        Shell::Bash => format!("{script}{BASH_NAMES}"),
        Shell::Fish => {
            let mut out = String::new();
            for line in script.lines() {
                let kind = [(" -l target ", "targets"), (" -l via ", "via")]
                    .into_iter()
                    .find(|(flag, _)| line.contains(flag) && line.ends_with(" -r"));
                match kind {
                    Some((_, kind)) => out.push_str(&format!(
                        "{} -x -a \"({NAMES_VAR}={kind} sendmsg 2>/dev/null)\"\n",
                        line.trim_end_matches(" -r")
                    )),
                    None => out.push_str(&format!("{line}\n")),
                }
            }
            out.push_str(&format!(
                "complete -c sendmsg -n \"__fish_sendmsg_using_subcommand check\" -f -a \"({NAMES_VAR}=check sendmsg 2>/dev/null)\"\n"
            ));
            out
        }
        Shell::Zsh => {
            let marked = [
                ("'--target=", "targets"),
                ("'*--via=", "via"),
                ("':channel -- The channel or named target", "check"),
            ];
            let mut out = String::new();
            for line in script.lines() {
                if line.starts_with("if [ \"$funcstack[1]\" = \"_sendmsg\" ]; then") {
                    out.push_str(ZSH_NAMES);
                }
                match marked.iter().find(|(start, _)| line.starts_with(start)) {
                    Some((_, kind)) => out
                        .push_str(&line.replace(":_default'", &format!(":_sendmsg_names_{kind}'"))),
                    None => out.push_str(line),
                }
                out.push('\n');
            }
            out
        }
        _ => script.to_owned(),
    }
}

const BASH_NAMES: &str = r#"
# Names from config.toml after --target, --via and check (never file names there); the rest is clap's.
_sendmsg_with_names() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" kind="" prefix=""
    case "${prev}" in
        --target) kind=targets ;;
        --via) kind=via ;;
        check) kind=check ;;
    esac
    if [[ -z "${kind}" ]]; then
        _sendmsg "$@"
        return
    fi
    compopt +o default +o bashdefault 2>/dev/null
    if [[ "${kind}" == via && "${cur}" == *,* ]]; then
        prefix="${cur%,*},"
        cur="${cur##*,}"
    fi
    COMPREPLY=($(compgen -P "${prefix}" -W "$(_SENDMSG_COMPLETE_NAMES=${kind} "${COMP_WORDS[0]}" 2>/dev/null)" -- "${cur}"))
}
complete -F _sendmsg_with_names -o nosort -o bashdefault -o default sendmsg
"#;

const ZSH_NAMES: &str = r#"
# Names from config.toml after --target, --via and check.
_sendmsg_names_targets() {
    local -a names; names=(${(f)"$(_SENDMSG_COMPLETE_NAMES=targets sendmsg 2>/dev/null)"})
    compadd -a names
}
_sendmsg_names_via() {
    local -a names; names=(${(f)"$(_SENDMSG_COMPLETE_NAMES=via sendmsg 2>/dev/null)"})
    _sequence compadd -a names
}
_sendmsg_names_check() {
    local -a names; names=(${(f)"$(_SENDMSG_COMPLETE_NAMES=check sendmsg 2>/dev/null)"})
    compadd -a names
}
"#;

/// The committed file name of each shell's script.
#[cfg(test)]
fn file_name(shell: Shell) -> &'static str {
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
    use crate::cli::Cli;
    use clap::{CommandFactory, ValueEnum};
    use std::path::Path;

    /// The widest help line a terminal of the classic size shows without wrapping.
    const COLUMNS: usize = 80;

    /// Compares each generated file with its committed copy under `dir`, rewriting it first when
    /// `SENDMSG_UPDATE_COMPLETIONS=1`.
    fn assert_committed(dir: &str, files: Vec<(String, String)>) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let update = std::env::var_os("SENDMSG_UPDATE_COMPLETIONS").is_some_and(|v| v == "1");
        for (name, fresh) in files {
            let path = dir.join(name);
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

    /// `sendmsg.1`, and `sendmsg-COMMAND.1` for each visible subcommand.
    fn man_pages() -> Vec<(String, String)> {
        fn collect(cmd: &clap::Command, pages: &mut Vec<(String, String)>) {
            for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
                collect(sub, pages);
            }
            let examples = cmd.get_after_help().map(ToString::to_string);
            let man = clap_mangen::Man::new(cmd.clone());
            let mut roff = Vec::new();
            let rendered = (|| {
                man.render_title(&mut roff)?;
                man.render_name_section(&mut roff)?;
                man.render_synopsis_section(&mut roff)?;
                man.render_description_section(&mut roff)?;
                if cmd.get_arguments().any(|a| !a.is_hide_set()) {
                    man.render_options_section(&mut roff)?;
                }
                if cmd.has_subcommands() {
                    man.render_subcommands_section(&mut roff)?;
                }
                roff.extend(exit_status_section(cmd).bytes());
                roff.extend(environment_section(cmd).bytes());
                roff.extend(files_section(cmd).bytes());
                roff.extend(examples_section(examples.as_deref().unwrap_or_default()).bytes());
                if cmd.get_version().is_some() {
                    man.render_version_section(&mut roff)?;
                }
                Ok::<_, std::io::Error>(())
            })();
            rendered.expect("rendering into memory cannot fail");
            let page = String::from_utf8_lossy(&roff).into_owned();
            pages.push((man.get_filename(), page));
        }
        let mut root = crate::cli::layout(Cli::command().disable_help_subcommand(true));
        root.build();
        let mut pages = Vec::new();
        collect(&root, &mut pages);
        pages
    }

    /// Variables every command that sends or reads settings may read, besides its options' own.
    const COMMON_VARIABLES: &[(&str, &str)] = &[
        (
            "SENDMSG_HISTORY",
            "off (or 0, false, no) records no send history",
        ),
        (
            "SENDMSG_CACHE_DIR",
            "where access tokens and trust anchors are cached [default: $XDG_CACHE_HOME/sendmsg]",
        ),
        (
            "XDG_CONFIG_HOME",
            "where the env file and config.toml are looked for [default: ~/.config]",
        ),
        (
            "XDG_CACHE_HOME",
            "the cache base directory [default: ~/.cache]",
        ),
        (
            "XDG_STATE_HOME",
            "where history, limits and the outbox live [default: ~/.local/state]",
        ),
        (
            "HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
            "the usual proxy settings, honoured",
        ),
    ];

    /// Text for roff: a backslash and a leading hyphen as themselves.
    fn roff(text: &str) -> String {
        text.replace('\\', "\\e").replace('-', "\\-")
    }

    fn section(title: &str, entries: &[(String, String)]) -> String {
        let mut out = format!(".SH {title}\n");
        for (term, text) in entries {
            out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(term), roff(text)));
        }
        out
    }

    /// The contract's exit codes; `run` exits with its command's status, `completions` always 0.
    fn exit_status_section(cmd: &clap::Command) -> String {
        let codes: &[(&str, &str)] = match cmd.get_name() {
            "completions" => &[("0", "the script was printed")],
            "run" => &[(
                "CMD's own",
                "the command's exit status (128+N when signal N killed it, 127 not found, 126 not executable); a failed report does not change it",
            )],
            _ => &[
                ("0", "every request was accepted by the service"),
                ("1", "the service rejected the request"),
                ("2", "usage error or bad input"),
                (
                    "3",
                    "configuration error: a setting is missing or malformed",
                ),
                ("4", "transient failure still failing after the retries"),
                ("5", "suppressed by --limit or --dedupe: nothing was sent"),
            ],
        };
        let entries: Vec<(String, String)> = codes
            .iter()
            .map(|(code, text)| ((*code).to_owned(), (*text).to_owned()))
            .collect();
        section("EXIT STATUS", &entries)
    }

    /// Every variable the command reads: its visible options' (with their help), older names a channel
    /// accepts, and the common ones.
    fn environment_section(cmd: &clap::Command) -> String {
        if cmd.get_name() == "completions" {
            return String::new();
        }
        let mut entries: Vec<(String, String)> = cmd
            .get_arguments()
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| {
                let name = a.get_env()?.to_str()?.to_owned();
                let help = a.get_help().map(ToString::to_string).unwrap_or_default();
                Some((name, help))
            })
            .collect();
        for name in crate::channels::variables(cmd.get_name()) {
            if !entries.iter().any(|(n, _)| *n == name) {
                entries.push((
                    name,
                    "an older name, read when the one above is not set".into(),
                ));
            }
        }
        entries.extend(
            COMMON_VARIABLES
                .iter()
                .map(|(name, text)| ((*name).to_owned(), (*text).to_owned())),
        );
        section("ENVIRONMENT", &entries)
    }

    /// What a run reads and leaves on disk.
    fn files_section(cmd: &clap::Command) -> String {
        if cmd.get_name() == "completions" {
            return String::new();
        }
        let files = [
            (
                "./.env, $XDG_CONFIG_HOME/sendmsg/.env",
                "the env file, the first that exists (or --env-file); the environment wins over it",
            ),
            (
                "$XDG_CONFIG_HOME/sendmsg/config.toml",
                "the named targets (or --config)",
            ),
            (
                "$XDG_CACHE_HOME/sendmsg/",
                "cached access tokens and CA bundles' trust anchors (or $SENDMSG_CACHE_DIR)",
            ),
            (
                "$XDG_STATE_HOME/sendmsg/sent.json",
                "what --limit and --dedupe count",
            ),
            (
                "$XDG_STATE_HOME/sendmsg/history.jsonl",
                "the send history (history.jsonl.1 the one before)",
            ),
            (
                "$XDG_STATE_HOME/sendmsg/outbox/",
                "messages kept for a later retry (--queue, serve-ddns)",
            ),
        ];
        let entries: Vec<(String, String)> = files
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect();
        section("FILES", &entries)
    }

    /// The help's examples as a man page EXAMPLES section, lines kept as written (no filling), so a
    /// command copied from the page runs: `-` stays a hyphen-minus and `\\` a backslash.
    fn examples_section(after_help: &str) -> String {
        let body = after_help.strip_prefix("Examples:\n").unwrap_or(after_help);
        if body.trim().is_empty() {
            return String::new();
        }
        let mut out = String::from(".SH EXAMPLES\n.nf\n");
        for line in body.lines() {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with(['.', '\'']) {
                out.push_str("\\&");
            }
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str(".fi\n");
        out
    }

    /// Columns a terminal gives `c`: two for the wide CJK ranges, one otherwise.
    fn columns(c: char) -> usize {
        let wide = matches!(u32::from(c),
            0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6);
        if wide { 2 } else { 1 }
    }

    #[test]
    fn committed_completions_are_fresh() {
        let scripts = Shell::value_variants()
            .iter()
            .map(|shell| (file_name(*shell).to_owned(), script(*shell)))
            .collect();
        assert_committed("completions", scripts);
    }

    #[test]
    fn committed_man_pages_are_fresh() {
        let pages = man_pages();
        assert!(pages.iter().any(|(name, _)| name == "sendmsg-serve-ddns.1"));
        assert_committed("man", pages);
    }

    #[test]
    fn every_help_fits_80_columns_and_shows_examples() {
        let mut root = crate::cli::layout(Cli::command().term_width(COLUMNS));
        root.build();
        let mut helps = vec![("sendmsg".to_owned(), root.clone().render_long_help())];
        for sub in root.get_subcommands() {
            let mut sub = sub.clone().term_width(COLUMNS);
            helps.push((sub.get_name().to_owned(), sub.render_help()));
            helps.push((sub.get_name().to_owned(), sub.render_long_help()));
        }
        // clap wraps what is too wide, which breaks an example command in two: examples must fit as written.
        for cmd in std::iter::once(&root).chain(root.get_subcommands()) {
            let examples = cmd
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            for line in examples.lines() {
                let width: usize = line.chars().map(columns).sum();
                let name = cmd.get_name();
                assert!(
                    width <= COLUMNS,
                    "`{name}` has a {width}-column example line:\n{line}"
                );
            }
        }
        for (name, help) in helps {
            let help = help.to_string();
            for line in help.lines() {
                let width: usize = line.chars().map(columns).sum();
                assert!(
                    width <= COLUMNS,
                    "`{name}` help has a {width}-column line:\n{line}"
                );
            }
            assert!(
                name == "help" || help.contains("Examples:\n  "),
                "`{name}` help has no examples"
            );
        }
    }
}
