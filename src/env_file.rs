//! The `.env` layer: which file to load, and loading it under the process environment.
//!
//! Runs before clap parses, so that clap's `env = "…"` fallbacks see the file's values. Variables already
//! set in the process environment win over the file.

use crate::error::Error;
use crate::request::HttpRequest;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The variables that a `./.env` found in the working directory (not named by the user) added to the
/// environment: such a file may come with a checked-out repository, so it must not choose where a
/// credential from elsewhere goes ([`refuse_if_moved`]).
static DISCOVERED: OnceLock<Vec<String>> = OnceLock::new();

/// The env file that was loaded, and the line that set each variable it added: an error about a value
/// names where it came from (`.env line 4: EMAIL_TO`), and `-v` says which file was read.
static LOADED: OnceLock<Loaded> = OnceLock::new();

#[derive(Debug, Default)]
struct Loaded {
    path: Option<PathBuf>,
    lines: HashMap<String, usize>,
}

/// The env file that was loaded, if any.
pub(crate) fn loaded() -> Option<&'static Path> {
    LOADED.get()?.path.as_deref()
}

/// `FILE line N` for a variable the env file set (and the environment did not).
pub(crate) fn origin(var: &str) -> Option<String> {
    let loaded = LOADED.get()?;
    let line = loaded.lines.get(var)?;
    Some(format!("{} line {line}", loaded.path.as_deref()?.display()))
}

/// The file to load, and whether the user named it (then it must exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFile {
    pub path: PathBuf,
    pub explicit: bool,
}

/// `--env-file PATH` from the raw arguments (before `--`), else `SENDMSG_ENV_FILE`, else `./.env` if it
/// exists, else `$XDG_CONFIG_HOME/sendmsg/.env` (`~/.config/sendmsg/.env`) if it exists.
pub fn locate(
    args: &[OsString],
    var: impl Fn(&str) -> Option<OsString>,
    exists: impl Fn(&Path) -> bool,
) -> Option<EnvFile> {
    let named = flag_value(args).or_else(|| var("SENDMSG_ENV_FILE").filter(|v| !v.is_empty()));
    if let Some(path) = named {
        return Some(EnvFile {
            path: PathBuf::from(path),
            explicit: true,
        });
    }
    let config_dir = crate::xdg::sendmsg_dir(crate::xdg::Base::Config, &var);
    let candidates =
        std::iter::once(PathBuf::from(".env")).chain(config_dir.map(|dir| dir.join(".env")));
    candidates
        .into_iter()
        .find(|p| exists(p))
        .map(|path| EnvFile {
            path,
            explicit: false,
        })
}

fn flag_value(args: &[OsString]) -> Option<OsString> {
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text == "--env-file" {
            return iter.next().cloned();
        }
        if let Some(value) = text.strip_prefix("--env-file=") {
            return Some(value.into());
        }
    }
    None
}

/// Parses the file into variables; the last assignment of a name wins, as in a shell.
pub(crate) fn parse(file: &EnvFile) -> Result<HashMap<String, String>, Error> {
    let shown = file.path.display();
    let text = std::fs::read_to_string(&file.path)
        .map_err(|e| Error::Config(format!("cannot read env file {shown}: {e}")))?;
    parse_text(&text, &shown.to_string())
}

/// Parses the text of the file `shown`; an error names the line but never quotes it (it may hold a secret).
pub fn parse_text(text: &str, shown: &str) -> Result<HashMap<String, String>, Error> {
    // Notepad starts a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = explosive_line(text) {
        return Err(Error::Config(format!(
            "env file {shown} line {line} expands past {} KiB through ${{VAR}} references",
            MAX_EXPANDED_BYTES >> 10
        )));
    }
    let mut vars = HashMap::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok((key, value)) => {
                vars.insert(key, value);
            }
            // dotenvy's own message quotes the line, which may hold a secret: name the line number only.
            Err(dotenvy::Error::LineParse(line, _)) => {
                let number = text
                    .lines()
                    .position(|l| l.contains(line.trim()))
                    .map_or_else(String::new, |i| format!(" line {}", i + 1));
                return Err(Error::Config(format!(
                    "env file {shown}{number} is malformed (expected NAME=value)"
                )));
            }
            Err(_) => {
                return Err(Error::Config(format!("env file {shown} is malformed")));
            }
        }
    }
    Ok(vars)
}

/// The most a variable may grow to through `$VAR` substitution: a few lines that each reference the
/// previous one several times would otherwise expand to gigabytes inside dotenvy (found by fuzzing).
const MAX_EXPANDED_BYTES: usize = 1 << 20;

/// The first line (1-based) whose variable could expand past [`MAX_EXPANDED_BYTES`]: an upper bound that
/// counts every `$NAME`/`${NAME}` as the full size of that variable (earlier in the file, else in the
/// environment), quoted or not; a line without `NAME=` continues the previous variable.
fn explosive_line(text: &str) -> Option<usize> {
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    let mut current: Option<&str> = None;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (name, value, continues) = match line.split_once('=') {
            Some((name, value)) if is_name(name.trim()) => (name.trim(), value, false),
            _ => (current.unwrap_or(""), line, true),
        };
        let mut size = value.len();
        for reference in value.split('$').skip(1) {
            let reference = reference.strip_prefix('{').unwrap_or(reference);
            let end = reference
                .find(|c: char| !is_name_char(c))
                .unwrap_or(reference.len());
            let var = &reference[..end];
            let referenced = sizes.get(var).copied();
            size = size.saturating_add(
                referenced.unwrap_or_else(|| std::env::var(var).map_or(0, |v| v.len())),
            );
        }
        let before = if continues {
            sizes.get(name).copied().unwrap_or(0)
        } else {
            0
        };
        let total = before.saturating_add(size);
        if total > MAX_EXPANDED_BYTES {
            return Some(index + 1);
        }
        sizes.insert(name, total);
        current = Some(name);
    }
    None
}

/// The line (1-based) of each variable's last assignment, as a shell would pick it.
fn assignment_lines(text: &str) -> HashMap<String, usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line);
        if let Some((name, _)) = line.split_once('=')
            && is_name(name.trim())
        {
            lines.insert(name.trim().to_owned(), index + 1);
        }
    }
    lines
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(is_name_char)
}

/// Finds and loads the env file into the process environment, under what is already set there.
pub(crate) fn load(args: &[OsString]) -> Result<(), Error> {
    let Some(file) = locate(args, |k| std::env::var_os(k), Path::is_file) else {
        return Ok(());
    };
    if file.explicit && !file.path.is_file() {
        let what = if file.path.is_dir() {
            "is a directory, not a file"
        } else {
            "does not exist"
        };
        return Err(Error::Config(format!(
            "env file {} {what} (from --env-file or SENDMSG_ENV_FILE)",
            file.path.display()
        )));
    }
    let mut added = Vec::new();
    for (key, value) in parse(&file)? {
        if std::env::var_os(&key).is_none() {
            set_var(&key, &value);
            added.push(key);
        }
    }
    let mut lines = std::fs::read_to_string(&file.path)
        .map(|text| assignment_lines(&text))
        .unwrap_or_default();
    lines.retain(|name, _| added.contains(name));
    let _ = LOADED.set(Loaded {
        path: Some(file.path.clone()),
        lines,
    });
    if !file.explicit && file.path == Path::new(".env") {
        let _ = DISCOVERED.set(added);
    }
    Ok(())
}

/// Whether a variable decides where a request goes or how it is protected on its way: a destination, or
/// `SMTP_SECURITY` (`none` is plain text). An outbox entry keeps no option of these.
pub(crate) fn chooses_destination(name: &str) -> bool {
    is_destination(name) || name.eq_ignore_ascii_case("SMTP_SECURITY")
}

/// Whether a variable decides where a request goes (a base URL, a gateway, a mail server, a proxy).
fn is_destination(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.ends_with("_BASE_URL")
        || upper.ends_with("_GATEWAY_URL")
        || [
            "WEBHOOK_URL",
            "SMTP_HOST",
            "SMTP_PORT",
            "HTTPS_PROXY",
            "HTTP_PROXY",
            "ALL_PROXY",
        ]
        .contains(&upper.as_str())
}

/// Refuses (exit 3) to let `./.env` move a credential: when a variable from a discovered `./.env` for
/// which `decides` is true chooses the destination, and `wire` (what would be sent) carries a credential
/// from the environment outside that file, nothing may be sent. A `./.env` holding both is fine.
pub(crate) fn refuse_if_moved(
    wire: &str,
    decides: impl Fn(&str, &str) -> bool,
) -> Result<(), String> {
    let Some(discovered) = DISCOVERED.get() else {
        return Ok(());
    };
    let Some(destination) = discovered.iter().find(|name| {
        is_destination(name) && std::env::var(name).is_ok_and(|value| decides(name, &value))
    }) else {
        return Ok(());
    };
    let foreign = std::env::vars().find(|(name, value)| {
        !discovered.contains(name)
            && crate::secret::credential_parts(value)
                .iter()
                .any(|part| wire.contains(part.as_str()))
    });
    match foreign {
        None => Ok(()),
        Some((credential, _)) => Err(format!(
            "{destination} comes from ./.env (found in the working directory) but {credential} does not; \
             a checked-out .env may not send a credential elsewhere, so nothing was sent: set \
             {destination} in the environment too, or name the file with --env-file"
        )),
    }
}

/// [`refuse_if_moved`] for an HTTP request: the destination is a base URL it starts with, or a proxy.
pub(crate) fn allows(request: &HttpRequest) -> Result<(), String> {
    let url = request.wire_url();
    let mut wire = url.clone();
    for (_, value) in &request.headers {
        wire.push('\n');
        wire.push_str(value.expose());
    }
    if let Some(body) = &request.body {
        wire.push('\n');
        wire.push_str(body);
    }
    refuse_if_moved(&wire, |name, value| {
        let base = value.trim().trim_end_matches('/');
        let under_base = url
            .strip_prefix(base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']));
        name.to_ascii_uppercase().ends_with("_PROXY") || (!base.is_empty() && under_base)
    })
}

#[allow(unsafe_code)]
fn set_var(key: &str, value: &str) {
    // SAFETY: called from `main` before any thread is started, so no other thread can read the
    // environment concurrently.
    unsafe { std::env::set_var(key, value) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_flag_beats_the_variable() {
        let found = locate(
            &args(&["sendmsg", "ding", "--env-file", "a.env"]),
            env(&[("SENDMSG_ENV_FILE", "b.env")]),
            |_| false,
        );
        assert_eq!(
            found.map(|f| (f.path, f.explicit)),
            Some(("a.env".into(), true))
        );
        let found = locate(&args(&["sendmsg", "--env-file=c.env"]), env(&[]), |_| false);
        assert_eq!(found.map(|f| f.path), Some("c.env".into()));
    }

    #[test]
    fn words_after_double_dash_are_not_flags() {
        let found = locate(
            &args(&["sendmsg", "ding", "--", "--env-file", "x"]),
            env(&[]),
            |_| false,
        );
        assert_eq!(found, None);
    }

    #[test]
    fn the_variable_names_a_file() {
        let found = locate(
            &args(&["sendmsg"]),
            env(&[("SENDMSG_ENV_FILE", "v.env")]),
            |_| false,
        );
        assert_eq!(found.map(|f| f.path), Some("v.env".into()));
    }

    #[test]
    fn defaults_are_the_working_directory_then_xdg_then_home() {
        let vars = [("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")];
        let found = locate(&args(&["sendmsg"]), env(&vars), |_| true);
        assert_eq!(
            found.map(|f| (f.path, f.explicit)),
            Some((".env".into(), false))
        );
        let found = locate(&args(&["sendmsg"]), env(&vars), |p| p != Path::new(".env"));
        assert_eq!(found.map(|f| f.path), Some("/xdg/sendmsg/.env".into()));
        let found = locate(&args(&["sendmsg"]), env(&[("HOME", "/home/u")]), |p| {
            p.is_absolute()
        });
        assert_eq!(
            found.map(|f| f.path),
            Some("/home/u/.config/sendmsg/.env".into())
        );
        assert_eq!(locate(&args(&["sendmsg"]), env(&vars), |_| false), None);
    }

    #[test]
    fn a_malformed_file_names_the_line_but_not_its_content()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".env");
        std::fs::write(
            &path,
            "# comment\nDING_ACCESS_TOKEN=ok\nDING_SECRET='SECunterminated\n",
        )?;
        let err = parse(&EnvFile {
            path,
            explicit: true,
        })
        .err()
        .map(|e| e.to_string());
        let msg = err.unwrap_or_default();
        assert!(msg.contains("line 3 is malformed"), "{msg}");
        assert!(!msg.contains("SECunterminated"), "{msg}");
        Ok(())
    }

    #[test]
    fn references_that_multiply_are_refused_before_expanding() {
        let mut text = String::from("A0=xxxxxxxxxxxxxxxx\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!("A{i}=$A{p}${{A{p}}}$A{p}$A{p}\n"));
        }
        let err = parse_text(&text, "F").err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("env file F line 9 expands past 1024 KiB through ${VAR} references")
        );
        let fine = parse_text("A=1\nB=$A$A\nC=${B}x\n", "F");
        assert_eq!(
            fine.ok().and_then(|v| v.get("C").cloned()).as_deref(),
            Some("11x")
        );
    }

    #[test]
    fn destinations_are_urls_mail_servers_and_proxies_in_any_case() {
        for name in [
            "DING_BASE_URL",
            "SMS_GATEWAY_URL",
            "WEBHOOK_URL",
            "SMTP_PORT",
            "https_proxy",
            "ALL_PROXY",
        ] {
            assert!(is_destination(name), "{name}");
        }
        for name in ["NO_PROXY", "no_proxy", "DING_ACCESS_TOKEN", "SMTP_USER"] {
            assert!(!is_destination(name), "{name}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_name() {
        let vars = parse_text("\u{feff}DING_ACCESS_TOKEN=abc\nB=2\n", "F").unwrap_or_default();
        assert_eq!(
            vars.get("DING_ACCESS_TOKEN").map(String::as_str),
            Some("abc")
        );
        let lines = assignment_lines("\u{feff}A=1\n# c\nexport B=2\nA=3\n");
        assert_eq!((lines.get("A"), lines.get("B")), (Some(&4), Some(&3)));
    }

    #[test]
    fn the_last_assignment_wins() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join(".env");
        std::fs::write(&path, "A=1\nexport B=\"two words\"\nA=3\n")?;
        let vars = parse(&EnvFile {
            path,
            explicit: true,
        })?;
        assert_eq!(vars.get("A").map(String::as_str), Some("3"));
        assert_eq!(vars.get("B").map(String::as_str), Some("two words"));
        Ok(())
    }
}
