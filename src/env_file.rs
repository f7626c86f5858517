//! The `.env` layer: which files to load, and loading them under the process environment.
//!
//! Runs before clap parses, so that clap's `env = "…"` fallbacks see the files' values. Variables already
//! set in the process environment win over the files. Every variable a file sets is recorded with the
//! file, its kind and its line: that record is its [`Origin`], which the trust rule and every error read.

use crate::error::Error;
use crate::origin::{EnvFileKind, Origin};
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What the env files set: the files read, in order, each variable's file and line, and the lines of a
/// discovered `./.env` that were skipped (said as warnings once there is a printer).
static LOADED: OnceLock<Loaded> = OnceLock::new();

#[derive(Debug, Default)]
struct Loaded {
    files: Vec<PathBuf>,
    set: HashMap<String, Record>,
    skipped: Vec<String>,
}

#[derive(Debug, Clone)]
struct Record {
    path: PathBuf,
    line: usize,
    kind: EnvFileKind,
}

/// The env files that were loaded, in the order they were read (a later one wins).
pub(crate) fn loaded() -> &'static [PathBuf] {
    LOADED.get().map_or(&[], |l| l.files.as_slice())
}

/// Warnings about lines of a discovered `./.env` that sendmsg could not read and skipped.
pub(crate) fn skipped() -> &'static [String] {
    LOADED.get().map_or(&[], |l| l.skipped.as_slice())
}

/// Where the variable `var` of this run came from: the env file and line that set it, else the
/// environment; `None` when it is not set.
pub(crate) fn origin(var: &str) -> Option<Origin> {
    std::env::var_os(var)?;
    Some(match LOADED.get().and_then(|l| l.set.get(var)) {
        Some(record) => Origin::EnvFile {
            var: var.to_owned(),
            path: record.path.clone(),
            line: record.line,
            kind: record.kind,
        },
        None => Origin::Env(var.to_owned()),
    })
}

/// One file to load, and what kind of file it is (a named one must exist and be well-formed; a
/// discovered `./.env` may belong to another tool, so a line it cannot read is skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFile {
    pub path: PathBuf,
    pub kind: EnvFileKind,
}

/// `--env-file PATH` from the raw arguments (before `--`), else `SENDMSG_ENV_FILE`: that file alone
/// (`--no-env-file` or `SENDMSG_ENV_FILE=none`: none). Otherwise the user file
/// `$XDG_CONFIG_HOME/sendmsg/.env` (`~/.config/sendmsg/.env`) if it exists, then `./.env` if it exists,
/// layered over it.
pub fn locate(
    args: &[OsString],
    var: impl Fn(&str) -> Option<OsString>,
    exists: impl Fn(&Path) -> bool,
) -> Vec<EnvFile> {
    let (flag, none) = flag_value(args);
    if none {
        return Vec::new();
    }
    let named = flag.or_else(|| var("SENDMSG_ENV_FILE").filter(|v| !v.is_empty()));
    if let Some(path) = named {
        if path == "none" {
            return Vec::new();
        }
        return vec![EnvFile {
            path: PathBuf::from(path),
            kind: EnvFileKind::Named,
        }];
    }
    let user = crate::xdg::sendmsg_dir(crate::xdg::Base::Config, &var).map(|dir| EnvFile {
        path: dir.join(".env"),
        kind: EnvFileKind::User,
    });
    let discovered = EnvFile {
        path: PathBuf::from(".env"),
        kind: EnvFileKind::Discovered,
    };
    user.into_iter()
        .chain([discovered])
        .filter(|f| exists(&f.path))
        .collect()
}

/// `--env-file`'s value and whether `--no-env-file` is given, both before `--`.
fn flag_value(args: &[OsString]) -> (Option<OsString>, bool) {
    let mut iter = args.iter().skip(1);
    let (mut named, mut none) = (None, false);
    while let Some(arg) = iter.next() {
        let text = arg.to_string_lossy();
        if text == "--" {
            break;
        }
        if text == "--no-env-file" {
            none = true;
        } else if text == "--env-file" {
            named = named.or_else(|| iter.next().cloned());
        } else if let Some(value) = text.strip_prefix("--env-file=") {
            named = named.or_else(|| Some(value.into()));
        }
    }
    (named, none)
}

/// The variables of a file and the lines (1-based) that could not be read and were skipped.
type Parsed = (HashMap<String, String>, Vec<usize>);

/// Parses the file into variables; the last assignment of a name wins, as in a shell. A discovered
/// `./.env` may be another tool's: a line sendmsg cannot read there is skipped, not an error.
pub(crate) fn parse(file: &EnvFile) -> Result<Parsed, Error> {
    let shown = file.path.display();
    let text = std::fs::read_to_string(&file.path)
        .map_err(|e| Error::Config(format!("cannot read env file {shown}: {e}")))?;
    read(
        &text,
        &shown.to_string(),
        file.kind == EnvFileKind::Discovered,
    )
}

/// Parses the text of the file `shown`; an error names the line but never quotes it (it may hold a secret).
pub fn parse_text(text: &str, shown: &str) -> Result<HashMap<String, String>, Error> {
    read(text, shown, false).map(|(vars, _)| vars)
}

fn read(text: &str, shown: &str, lenient: bool) -> Result<Parsed, Error> {
    // Notepad starts a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = explosive_line(text) {
        return Err(Error::Config(format!(
            "env file {shown} line {line} expands past {} KiB through ${{VAR}} references",
            MAX_EXPANDED_BYTES >> 10
        )));
    }
    let mut vars = HashMap::new();
    let mut skipped = Vec::new();
    // A line that cannot be read: skipped in a lenient file, else an error naming (never quoting) it.
    let mut unreadable = |number: Option<usize>, what: &str| match number {
        Some(number) if lenient => {
            skipped.push(number);
            Ok(())
        }
        _ => {
            let number = number.map_or_else(String::new, |n| format!(" line {n}"));
            Err(Error::Config(format!("env file {shown}{number} {what}")))
        }
    };
    let line_of = |pred: &dyn Fn(&str) -> bool| text.lines().position(pred).map(|i| i + 1);
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            // A NUL cannot be in the environment.
            Ok((key, value)) if key.contains('\0') || value.contains('\0') => {
                unreadable(line_of(&|l| l.contains('\0')), "holds a NUL byte")?;
            }
            Ok((key, value)) => {
                vars.insert(key, value);
            }
            // dotenvy's own message quotes the line, which may hold a secret: name the line number only.
            Err(dotenvy::Error::LineParse(line, _)) => unreadable(
                line_of(&|l| l.contains(line.trim())),
                "is malformed (expected NAME=value)",
            )?,
            Err(_) => {
                return Err(Error::Config(format!("env file {shown} is malformed")));
            }
        }
    }
    Ok((vars, skipped))
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

/// Finds and loads the env files into the process environment, under what is already set there: the
/// user file first, then `./.env` over it, each variable recorded with its file and line.
pub(crate) fn load(args: &[OsString]) -> Result<(), Error> {
    let files = locate(args, |k| std::env::var_os(k), Path::is_file);
    let mut loaded = Loaded::default();
    let result = files
        .iter()
        .try_for_each(|file| load_one(file, &mut loaded));
    let _ = LOADED.set(loaded);
    result
}

fn load_one(file: &EnvFile, loaded: &mut Loaded) -> Result<(), Error> {
    if file.kind == EnvFileKind::Named && !file.path.is_file() {
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
    let (vars, skipped) = parse(file)?;
    let lines = std::fs::read_to_string(&file.path)
        .map(|text| assignment_lines(&text))
        .unwrap_or_default();
    for (key, value) in vars {
        // The environment wins; a variable an earlier file set may be set again by a later one.
        if std::env::var_os(&key).is_none() || loaded.set.contains_key(&key) {
            set_var(&key, &value);
            let line = lines.get(&key).copied().unwrap_or_default();
            let path = file.path.clone();
            loaded.set.insert(
                key,
                Record {
                    path,
                    line,
                    kind: file.kind,
                },
            );
        }
    }
    loaded.skipped.extend(skipped.into_iter().map(|line| {
        format!(
            "warning: {} line {line} is not NAME=value; skipped",
            file.path.display()
        )
    }));
    loaded.files.push(file.path.clone());
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

    fn paths(found: &[EnvFile]) -> Vec<(String, EnvFileKind)> {
        found
            .iter()
            .map(|f| (f.path.display().to_string(), f.kind))
            .collect()
    }

    #[test]
    fn the_flag_beats_the_variable() {
        let found = locate(
            &args(&["sendmsg", "ding", "--env-file", "a.env"]),
            env(&[("SENDMSG_ENV_FILE", "b.env")]),
            |_| true,
        );
        assert_eq!(paths(&found), [("a.env".into(), EnvFileKind::Named)]);
        let found = locate(&args(&["sendmsg", "--env-file=c.env"]), env(&[]), |_| false);
        assert_eq!(paths(&found), [("c.env".into(), EnvFileKind::Named)]);
    }

    #[test]
    fn words_after_double_dash_are_not_flags() {
        let found = locate(
            &args(&["sendmsg", "ding", "--", "--env-file", "x", "--no-env-file"]),
            env(&[]),
            |_| false,
        );
        assert_eq!(found, []);
    }

    #[test]
    fn the_variable_names_a_file_and_none_reads_none() {
        let found = locate(
            &args(&["sendmsg"]),
            env(&[("SENDMSG_ENV_FILE", "v.env")]),
            |_| false,
        );
        assert_eq!(paths(&found), [("v.env".into(), EnvFileKind::Named)]);
        let home = [("SENDMSG_ENV_FILE", "none"), ("HOME", "/home/u")];
        assert_eq!(locate(&args(&["sendmsg"]), env(&home), |_| true), []);
        let found = locate(
            &args(&["sendmsg", "--no-env-file", "ding"]),
            env(&[("HOME", "/home/u")]),
            |_| true,
        );
        assert_eq!(found, []);
    }

    #[test]
    fn the_defaults_are_the_user_file_then_the_working_directory_s_over_it() {
        let vars = [("XDG_CONFIG_HOME", "/xdg"), ("HOME", "/home/u")];
        let found = locate(&args(&["sendmsg"]), env(&vars), |_| true);
        assert_eq!(
            paths(&found),
            [
                ("/xdg/sendmsg/.env".into(), EnvFileKind::User),
                (".env".into(), EnvFileKind::Discovered)
            ]
        );
        let found = locate(&args(&["sendmsg"]), env(&vars), |p| p != Path::new(".env"));
        assert_eq!(
            paths(&found),
            [("/xdg/sendmsg/.env".into(), EnvFileKind::User)]
        );
        let found = locate(&args(&["sendmsg"]), env(&[("HOME", "/home/u")]), |p| {
            p.is_absolute()
        });
        assert_eq!(
            paths(&found),
            [("/home/u/.config/sendmsg/.env".into(), EnvFileKind::User)]
        );
        assert_eq!(locate(&args(&["sendmsg"]), env(&vars), |_| false), []);
    }

    #[test]
    fn a_discovered_file_skips_a_line_it_cannot_read_and_a_named_one_refuses_it() {
        let text = "A=1\nnot an assignment\nB=2\n";
        let (vars, skipped) = read(text, ".env", true).unwrap_or_default();
        assert_eq!(
            (vars.get("A"), vars.get("B"), skipped),
            (Some(&"1".to_owned()), Some(&"2".to_owned()), vec![2])
        );
        let strict = read(text, "named.env", false).err().map(|e| e.to_string());
        assert_eq!(
            strict.as_deref(),
            Some("env file named.env line 2 is malformed (expected NAME=value)")
        );
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
            kind: EnvFileKind::Named,
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
        let (vars, _) = parse(&EnvFile {
            path,
            kind: EnvFileKind::Named,
        })?;
        assert_eq!(vars.get("A").map(String::as_str), Some("3"));
        assert_eq!(vars.get("B").map(String::as_str), Some("two words"));
        Ok(())
    }
}
