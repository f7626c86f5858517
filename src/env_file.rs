//! The `.env` layer: which file to load, and loading it under the process environment.
//!
//! Runs before clap parses, so that clap's `env = "…"` fallbacks see the file's values. Variables already
//! set in the process environment win over the file.

use crate::error::Error;
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

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
    let config_home = var("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".config")));
    let candidates = std::iter::once(PathBuf::from(".env"))
        .chain(config_home.map(|dir| dir.join("sendmsg").join(".env")));
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
pub fn parse(file: &EnvFile) -> Result<HashMap<String, String>, Error> {
    let shown = file.path.display();
    let text = std::fs::read_to_string(&file.path)
        .map_err(|e| Error::Config(format!("cannot read env file {shown}: {e}")))?;
    parse_text(&text, &shown.to_string())
}

/// Parses the text of the file `shown`; an error names the line but never quotes it (it may hold a secret).
pub fn parse_text(text: &str, shown: &str) -> Result<HashMap<String, String>, Error> {
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

/// Finds and loads the env file into the process environment, under what is already set there.
pub fn load(args: &[OsString]) -> Result<(), Error> {
    let Some(file) = locate(args, |k| std::env::var_os(k), Path::is_file) else {
        return Ok(());
    };
    if file.explicit && !file.path.is_file() {
        return Err(Error::Config(format!(
            "env file {} does not exist (from --env-file or SENDMSG_ENV_FILE)",
            file.path.display()
        )));
    }
    for (key, value) in parse(&file)? {
        if std::env::var_os(&key).is_none() {
            set_var(&key, &value);
        }
    }
    Ok(())
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
