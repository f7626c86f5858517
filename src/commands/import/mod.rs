//! `sendmsg import apprise|qinglong`: another tool's notification settings as `config.toml` targets. Each
//! source maps what it can into [`Imported`]; this module prints it: the TOML on stdout (every secret a
//! `${VAR}`), and on stderr the variables to set with where each value came from (the value `***`), and
//! what could not be mapped, with the reason.

mod apprise;
mod qinglong;

use crate::cli::ImportFrom;
use crate::error::{Error, Exit};
use crate::output::Printer;
use crate::secret::Secret;

/// A key's value in a target, as config.toml holds it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Flag(bool),
    List(Vec<String>),
}

/// One `[targets.NAME]` to write.
#[derive(Debug)]
struct Target {
    name: String,
    channel: &'static str,
    keys: Vec<(&'static str, Value)>,
    /// Where it came from, shown without secrets (`dingtalk://*** (line 3)`).
    source: String,
    /// apprise tags: the groups it joins.
    tags: Vec<String>,
}

impl Target {
    fn new(channel: &'static str, source: String) -> Self {
        Self {
            name: String::new(),
            channel,
            keys: Vec::new(),
            source,
            tags: Vec::new(),
        }
    }

    fn text(&mut self, key: &'static str, value: impl Into<String>) {
        self.keys.push((key, Value::Text(value.into())));
    }

    fn list(&mut self, key: &'static str, values: Vec<String>) {
        if !values.is_empty() {
            self.keys.push((key, Value::List(values)));
        }
    }
}

/// A secret the config names as `${NAME}`: what to set, and where its value was found.
#[derive(Debug)]
struct Variable {
    name: String,
    from: String,
}

/// What a source turned into: targets, the variables they need, and what was left out.
#[derive(Debug, Default)]
struct Imported {
    targets: Vec<Target>,
    variables: Vec<Variable>,
    /// `(what, why)`: a URL or setting with no sendmsg equivalent, or a part of one that is ignored.
    unmapped: Vec<(String, String)>,
}

impl Imported {
    /// The `${VAR}` for a secret of `target` under `key`; `value` is registered so no output shows it.
    fn secret(&mut self, var: &str, value: &str, from: String) -> String {
        drop(Secret::new(value));
        if !self.variables.iter().any(|v| v.name == var) {
            self.variables.push(Variable {
                name: var.to_owned(),
                from,
            });
        }
        format!("${{{var}}}")
    }

    fn unmapped(&mut self, what: impl Into<String>, why: impl Into<String>) {
        self.unmapped.push((what.into(), why.into()));
    }

    /// Names each target `CHANNEL-N` (a target may not be named like a channel).
    fn name_targets(&mut self) {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for target in &mut self.targets {
            if !target.name.is_empty() {
                continue;
            }
            let n = match counts.iter_mut().find(|(c, _)| *c == target.channel) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((target.channel, 1));
                    1
                }
            };
            target.name = format!("{}-{n}", target.channel);
        }
    }
}

/// The variable name for `key` of the target `name` (`ding-1`, `access_token` → `DING_1_ACCESS_TOKEN`).
fn var_name(name: &str, key: &str) -> String {
    format!("{name}_{key}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

pub(crate) fn run(from: &ImportFrom, printer: Printer) -> Result<u8, Error> {
    let (tool, imported) = match from {
        ImportFrom::Apprise { sources } => ("apprise", apprise::import(sources)?),
        ImportFrom::Qinglong { file } => ("qinglong", qinglong::import(file)?),
    };
    for (what, why) in &imported.unmapped {
        printer.note(&format!("import: not mapped: {what}: {why}"));
    }
    if imported.targets.is_empty() {
        return Err(Error::BadInput(format!(
            "import {tool}: nothing could be mapped to a sendmsg target"
        )));
    }
    printer.output(&toml_text(tool, &imported)?);
    if !imported.variables.is_empty() {
        printer.note("import: set these variables (in the environment or an env file) before using the targets:");
        for var in &imported.variables {
            printer.note(&format!("  {}=***  # {}", var.name, var.from));
        }
    }
    Ok(Exit::Sent.code())
}

/// The config.toml text: a comment on where each target came from, then its table, then the groups.
fn toml_text(tool: &str, imported: &Imported) -> Result<String, Error> {
    let mut out = format!(
        "# sendmsg targets imported from {tool} by `sendmsg import {tool}`; every ${{VAR}} is a variable to set.\n"
    );
    for target in &imported.targets {
        let mut table = toml::Table::new();
        table.insert("channel".into(), target.channel.into());
        for (key, value) in &target.keys {
            let value: toml::Value = match value {
                Value::Text(text) => text.clone().into(),
                Value::Flag(flag) => (*flag).into(),
                Value::List(items) => items.clone().into(),
            };
            table.insert((*key).into(), value);
        }
        out.push_str(&format!("\n# {}\n", target.source));
        out.push_str(&wrap(&["targets", &target.name], table)?);
    }
    let groups = groups(&imported.targets);
    if !groups.is_empty() {
        let mut table = toml::Table::new();
        for (group, members) in groups {
            table.insert(group, members.into());
        }
        out.push('\n');
        out.push_str(&wrap(&["groups"], table)?);
    }
    Ok(out.trim_end().to_owned())
}

/// `table` under the nested keys `path`, as TOML text.
fn wrap(path: &[&str], table: toml::Table) -> Result<String, Error> {
    let mut value = toml::Value::Table(table);
    for key in path.iter().rev() {
        let mut outer = toml::Table::new();
        outer.insert((*key).to_owned(), value);
        value = toml::Value::Table(outer);
    }
    toml::to_string(&value).map_err(|e| Error::BadInput(format!("import: cannot write TOML: {e}")))
}

/// The apprise tags as groups, in the order first seen: each tag lists its targets.
fn groups(targets: &[Target]) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for target in targets {
        for tag in &target.tags {
            let name = group_name(tag);
            match groups.iter_mut().find(|(g, _)| *g == name) {
                Some((_, members)) => members.push(target.name.clone()),
                None => groups.push((name, vec![target.name.clone()])),
            }
        }
    }
    groups
}

/// A tag as a group name: targets, groups and channels share one namespace, so a tag named like a channel
/// (or `all`/`none`) gets `-group`.
fn group_name(tag: &str) -> String {
    let clean: String = tag
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if crate::channels::NAMES.contains(&clean.as_str()) || ["all", "none"].contains(&clean.as_str())
    {
        format!("{clean}-group")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_named_after_the_target_and_key() {
        assert_eq!(var_name("ding-1", "access_token"), "DING_1_ACCESS_TOKEN");
        assert_eq!(group_name("ops team"), "ops-team");
        assert_eq!(group_name("ding"), "ding-group");
    }
}
