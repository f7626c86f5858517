//! `sendmsg send --via ding,wecom,email`: one body through several channels. Every channel is prepared
//! (configuration, recipients, size) before any is sent, so a typo in one sends nothing anywhere; then each is
//! sent in turn, one result line each, and the exit code is the worst of theirs.

use crate::cli::{BodyArgs, GlobalArgs, SendArgs};
use crate::error::Error;
use crate::guard::Rules;
use crate::outgoing::Outgoing;
use crate::output::Printer;

/// Exit codes from least to most severe: the "worst" of several is the one latest in this list. A
/// configuration or input error needs a person before anything can work; a rejection needs a fix; a
/// transient failure may pass on the next run; a suppressed send is the limit doing its job.
const SEVERITY: &[u8] = &[0, 5, 4, 1, 2, 3];

/// The worst of several exit codes (0 for none).
pub fn worst(codes: impl IntoIterator<Item = u8>) -> u8 {
    let rank = |code: &u8| {
        SEVERITY
            .iter()
            .position(|c| c == code)
            .unwrap_or(SEVERITY.len())
    };
    codes.into_iter().max_by_key(rank).unwrap_or(0)
}

/// `sendmsg send`.
pub fn send(args: &SendArgs, global: &GlobalArgs, printer: Printer) -> Result<u8, Error> {
    let rules = Rules::from_global(global)?;
    let channels = channels(&args.via.via)?;
    let body = crate::read_body(&args.body)?;
    let options = body_options(&args.body);
    Ok(
        match prepare_all(&channels, &body, &options, global, printer) {
            Ok(ready) => send_all(ready, &rules, global.dry_run, printer),
            Err(code) => code,
        },
    )
}

/// The `--via` list: at least one channel, none twice.
pub fn channels(via: &[String]) -> Result<Vec<String>, Error> {
    let mut seen: Vec<String> = Vec::new();
    for name in via.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if seen.iter().any(|s| s == name) {
            return Err(Error::BadInput(format!(
                "--via names `{name}` twice; each channel sends once"
            )));
        }
        seen.push(name.to_owned());
    }
    if seen.is_empty() {
        return Err(Error::BadInput(
            "--via (or SENDMSG_VIA) names no channel".into(),
        ));
    }
    Ok(seen)
}

/// `send`'s own size options, handed on to every channel that takes them.
fn body_options(args: &BodyArgs) -> Vec<(&'static str, String)> {
    let overflow = clap::ValueEnum::to_possible_value(&args.overflow)
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    let mut options = vec![
        ("--overflow", overflow),
        ("--max-parts", args.max_parts.to_string()),
    ];
    if let Some(max) = args.max_bytes {
        options.push(("--max-bytes", max.to_string()));
    }
    options
}

/// Prepares the body for every channel. If any is not ready, says why for each and sends nothing: the
/// `Err` is the worst of their exit codes, already reported.
pub fn prepare_all(
    channels: &[String],
    body: &str,
    options: &[(&str, String)],
    global: &GlobalArgs,
    printer: Printer,
) -> Result<Vec<Outgoing>, u8> {
    let mut ready = Vec::new();
    let mut failed = Vec::new();
    for channel in channels {
        match crate::prepare_via(channel, body, options, global, printer) {
            Ok(outgoing) => ready.push(outgoing),
            Err(err) => failed.push(err),
        }
    }
    if failed.is_empty() {
        return Ok(ready);
    }
    let code = worst(failed.iter().map(Error::exit_code));
    let count = failed.len();
    for err in &failed {
        printer.error(err);
    }
    printer.note(&format!(
        "nothing was sent: {count} of {} channels not ready",
        channels.len()
    ));
    Err(code)
}

/// Sends each prepared message, whatever became of the one before; one result line each (a success
/// note, silenced by `-q`, or an error line). Returns the worst exit code.
pub fn send_all(ready: Vec<Outgoing>, rules: &Rules, dry_run: bool, printer: Printer) -> u8 {
    worst(
        ready
            .into_iter()
            .map(|outgoing| match outgoing.send(rules, dry_run, printer) {
                Ok(()) => 0,
                Err(err) => {
                    printer.error(&err);
                    err.exit_code()
                }
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outgoing::{Delivery, Target};

    #[test]
    fn the_worst_code_follows_the_severity_order() {
        assert_eq!(worst([]), 0);
        assert_eq!(worst([0, 0]), 0);
        assert_eq!(worst([0, 5]), 5);
        assert_eq!(worst([5, 4, 0]), 4);
        assert_eq!(worst([4, 1]), 1);
        assert_eq!(worst([1, 3, 2]), 3);
    }

    #[test]
    fn via_lists_need_a_channel_and_no_repeats() {
        let list = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert_eq!(
            channels(&list(&["ding", " wecom"])).ok(),
            Some(list(&["ding", "wecom"]))
        );
        assert!(channels(&list(&["ding", "ding"])).is_err());
        assert!(channels(&list(&["", " "])).is_err());
    }

    #[test]
    fn one_failing_channel_does_not_stop_the_others_and_sets_the_code() {
        let sent = std::rc::Rc::new(std::cell::Cell::new(0));
        let outgoing = |fails: bool| {
            let sent = std::rc::Rc::clone(&sent);
            Outgoing::new(Target::new("ding", Vec::new()), "x".into(), 1, move || {
                sent.set(sent.get() + 1);
                if fails {
                    Err(Error::Rejected {
                        channel: "ding",
                        code: None,
                        message: "no".into(),
                        part: None,
                    })
                } else {
                    Ok(Delivery::default())
                }
            })
        };
        let quiet = Printer {
            quiet: true,
            ..Printer::default()
        };
        let code = send_all(
            vec![outgoing(true), outgoing(false)],
            &Rules::default(),
            true,
            quiet,
        );
        assert_eq!((code, sent.get()), (1, 2));
    }
}
