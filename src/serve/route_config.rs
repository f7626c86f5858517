//! `[routes.NAME]` of config.toml: where `sendmsg serve` sends what arrives on `/alertmanager/NAME`,
//! `/grafana/NAME` and `/send/NAME`. Read and checked whole when `serve` starts: an unknown key, a wrong
//! type or a name that is no channel, target or group is a configuration error naming the file, the route
//! and the key.

use crate::error::Error;
use crate::targets::Config;
use std::path::PathBuf;
use std::time::Duration;

/// Alerts rendered per message when a route does not say (`max_alerts`).
pub(crate) const DEFAULT_MAX_ALERTS: usize = 20;
/// The repeat window when a route does not say (`repeat`): Alertmanager's re-sends of an unchanged group
/// within it are not sent again.
pub(crate) const DEFAULT_REPEAT: Duration = Duration::from_secs(3600);
const MAX_ALERTS_CAP: usize = 1000;

/// One route, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Route {
    pub name: String,
    /// Channels and targets, groups expanded in order, each once.
    pub to: Vec<String>,
    /// The route's template, resolved against config.toml's directory; `None`: the shipped ones.
    pub template: Option<PathBuf>,
    pub max_alerts: usize,
    pub repeat: Duration,
}

/// Every route of `config`, in the file's order.
pub(crate) fn routes(config: &Config) -> Result<Vec<Route>, Error> {
    config
        .routes
        .iter()
        .map(|(name, table)| route(config, name, table))
        .collect()
}

fn route(config: &Config, name: &str, table: &toml::Table) -> Result<Route, Error> {
    let at = |key: &str| format!("{} [routes.{name}] {key}", config.shown());
    let wrong = |key: &str, why: &str| Error::Config(format!("{}: {why}", at(key)));
    let mut route = Route {
        name: name.to_owned(),
        to: Vec::new(),
        template: None,
        max_alerts: DEFAULT_MAX_ALERTS,
        repeat: DEFAULT_REPEAT,
    };
    let mut to = None;
    for (key, value) in table {
        match (key.as_str(), value) {
            ("to", toml::Value::Array(items)) => {
                let names: Option<Vec<String>> = items
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect();
                to = Some(names.ok_or_else(|| wrong(key, "must be a list of target names"))?);
            }
            ("to", toml::Value::String(one)) => to = Some(vec![one.clone()]),
            ("template", toml::Value::String(path)) => {
                let dir = config
                    .path
                    .as_deref()
                    .and_then(std::path::Path::parent)
                    .unwrap_or_else(|| std::path::Path::new("."));
                route.template = Some(dir.join(path));
            }
            ("max_alerts", toml::Value::Integer(n)) => {
                route.max_alerts = usize::try_from(*n)
                    .ok()
                    .filter(|n| (1..=MAX_ALERTS_CAP).contains(n))
                    .ok_or_else(|| wrong(key, "must be a number from 1 to 1000"))?;
            }
            ("repeat", toml::Value::String(text)) => {
                route.repeat =
                    crate::period::parse_duration(text).map_err(|why| wrong(key, &why))?;
            }
            ("to" | "template" | "max_alerts" | "repeat", _) => {
                return Err(wrong(
                    key,
                    "has the wrong type (see `sendmsg serve --help`)",
                ));
            }
            _ => {
                return Err(wrong(
                    key,
                    "is not a route's key (to, template, max_alerts, repeat)",
                ));
            }
        }
    }
    let to = to
        .filter(|to| !to.is_empty())
        .ok_or_else(|| wrong("to", "is missing: name the targets or groups it sends to"))?;
    route.to = config
        .expand(&to, crate::channels::NAMES)
        .map_err(|why| wrong("to", &why))?;
    Ok(route)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> Result<Vec<Route>, String> {
        let config = Config::parse(Path::new("/etc/sendmsg/config.toml"), text)
            .map_err(|e| e.to_string())?;
        routes(&config).map_err(|e| e.to_string())
    }

    const TARGETS: &str = "[targets.ops]\nchannel = \"ding\"\naccess_token = \"t\"\n\
        [targets.dev]\nchannel = \"wecom\"\nbot_key = \"k\"\n[groups]\noncall = [\"dev\", \"ops\"]\n";

    #[test]
    fn a_route_names_targets_groups_and_channels_with_defaults() {
        let routes = parse(&format!(
            "{TARGETS}[routes.am]\nto = [\"oncall\", \"ops\", \"email\"]\n\
             [routes.db]\nto = \"ops\"\ntemplate = \"t/db.md.j2\"\nmax_alerts = 5\nrepeat = \"10m\"\n"
        ))
        .expect("valid");
        assert_eq!(routes[0].to, ["dev", "ops", "email"]);
        assert_eq!(routes[0].max_alerts, DEFAULT_MAX_ALERTS);
        assert_eq!(routes[0].repeat, DEFAULT_REPEAT);
        assert_eq!(routes[0].template, None);
        assert_eq!(
            routes[1].template.as_deref(),
            Some(Path::new("/etc/sendmsg/t/db.md.j2"))
        );
        assert_eq!((routes[1].max_alerts, routes[1].repeat.as_secs()), (5, 600));
    }

    #[test]
    fn the_example_configs_routes_are_valid() {
        let text = include_str!("../../contrib/config.toml.example");
        let config = Config::parse(Path::new("contrib/config.toml.example"), text).expect("parses");
        let routes = routes(&config).expect("valid routes");
        assert_eq!(routes[0].name, "ops");
        assert_eq!(routes[0].to, ["ops", "sre-mail"]);
        assert_eq!(
            (routes[0].max_alerts, routes[0].repeat),
            (20, DEFAULT_REPEAT)
        );
    }

    #[test]
    fn mistakes_name_the_file_the_route_and_the_key() {
        let cases = [
            (
                "[routes.am]\nto = [\"nosuch\"]\n",
                "/etc/sendmsg/config.toml [routes.am] to: `nosuch` is not a channel, target or group",
            ),
            (
                "[routes.am]\nto = [\"ops\"]\nmax_alert = 3\n",
                "/etc/sendmsg/config.toml [routes.am] max_alert: is not a route's key (to, template, max_alerts, repeat)",
            ),
            (
                "[routes.am]\nto = [\"ops\"]\nmax_alerts = 0\n",
                "/etc/sendmsg/config.toml [routes.am] max_alerts: must be a number from 1 to 1000",
            ),
            (
                "[routes.am]\nto = [\"ops\"]\nrepeat = \"soon\"\n",
                "/etc/sendmsg/config.toml [routes.am] repeat: `soon` is not a duration like 30s, 10m, 1h or 1d",
            ),
            (
                "[routes.am]\ntemplate = \"x\"\n",
                "/etc/sendmsg/config.toml [routes.am] to: is missing: name the targets or groups it sends to",
            ),
            (
                "[routes.\"a b\"]\nto = [\"ops\"]\n",
                "/etc/sendmsg/config.toml [routes.a b]: a name is 1-64 letters, digits, `_`, `-` or `.`",
            ),
        ];
        for (text, expected) in cases {
            let err = parse(&format!("{TARGETS}{text}")).expect_err(text);
            assert!(err.starts_with(expected), "{text}\n{err}");
        }
    }
}
