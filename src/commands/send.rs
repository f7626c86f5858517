//! `sendmsg send --via ding,wecom,email`: one body through several channels. Every channel is prepared
//! (configuration, recipients, size) before any is sent, so a typo in one sends nothing anywhere; then each is
//! sent in turn, one result line each, and the exit code is the worst of theirs.

use super::via::prepare_via;
use crate::channels::BodyArgs;
use crate::cli::{GlobalArgs, SendArgs};
use crate::error::{Error, Exit};
use crate::guard::Rules;
use crate::outgoing::{Envelope, Outgoing};
use crate::output::Printer;
use crate::targets::Config;

/// `sendmsg send`.
pub(crate) fn send(args: &SendArgs, global: &GlobalArgs, printer: Printer) -> Result<Exit, Error> {
    let global = &super::with_via_origin(global);
    let rules = super::rules(global)?;
    let config = super::config(global, printer)?;
    let channels = channels(&args.via.via, &config)?;
    let body = args.body.read()?;
    let hand_on = |to: &mut BodyArgs| args.body.hand_on(to);
    Ok(
        match prepare_all(&channels, &body, &hand_on, global, &config, printer) {
            Ok(ready) => send_all(ready, &rules, global.dry_run, printer),
            Err(code) => code,
        },
    )
}

/// The `--via` list as channels and targets: at least one, none named twice, groups expanded in order and
/// a target that two of them reach sent once.
pub(crate) fn channels(via: &[String], config: &Config) -> Result<Vec<String>, Error> {
    let mut seen: Vec<String> = Vec::new();
    for name in via.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if seen.iter().any(|s| s == name) {
            return Err(Error::BadInput(format!(
                "--via names `{name}` twice; each channel or target sends once"
            )));
        }
        seen.push(name.to_owned());
    }
    if seen.is_empty() {
        return Err(Error::BadInput(
            "--via (or SENDMSG_VIA) names no channel".into(),
        ));
    }
    config
        .expand(&seen, crate::channels::NAMES)
        .map_err(|why| Error::BadInput(format!("--via: {why}")))
}

/// Prepares the body for every channel. If any is not ready, says why for each and sends nothing: the
/// `Err` is the worst of their exit codes, already reported.
pub(crate) fn prepare_all(
    channels: &[String],
    body: &str,
    adjust: &dyn Fn(&mut BodyArgs),
    global: &GlobalArgs,
    config: &Config,
    printer: Printer,
) -> Result<Vec<Outgoing>, Exit> {
    let mut ready = Vec::new();
    let mut failed = Vec::new();
    for channel in channels {
        match prepare_via(channel, body, adjust, global, config, printer) {
            Ok(outgoing) => ready.push(outgoing),
            Err(err) => failed.push((channel, err)),
        }
    }
    if failed.is_empty() {
        return Ok(ready);
    }
    let code = Exit::worst(failed.iter().map(|(_, err)| err.exit()));
    let why = format!(
        "nothing was sent: {} of {} channels not ready",
        failed.len(),
        channels.len()
    );
    for (channel, err) in &failed {
        printer.json_line(&Envelope::unplanned(channel, err));
        printer.error(err);
    }
    for outgoing in &ready {
        printer.json_line(&outgoing.unsent(code, &why));
    }
    printer.note(&why);
    Err(code)
}

/// Sends each prepared message, whatever became of the one before; one result line each (a success
/// note, silenced by `-q`, or an error line). Returns the worst exit code.
pub(crate) fn send_all(
    ready: Vec<Outgoing>,
    rules: &Rules,
    dry_run: bool,
    printer: Printer,
) -> Exit {
    Exit::worst(
        ready
            .into_iter()
            .map(|outgoing| match outgoing.send(rules, dry_run, printer) {
                Ok(()) => Exit::Sent,
                Err(err) => {
                    printer.error(&err);
                    err.exit()
                }
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outgoing::{Delivery, Target};

    #[test]
    fn via_lists_need_a_channel_and_no_repeats() {
        let list = |names: &[&str]| {
            names
                .iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
        };
        let none = Config::default();
        assert_eq!(
            channels(&list(&["ding", " wecom"]), &none).ok(),
            Some(list(&["ding", "wecom"]))
        );
        assert!(channels(&list(&["ding", "ding"]), &none).is_err());
        assert!(channels(&list(&["", " "]), &none).is_err());
        let unknown = channels(&list(&["ding", "nosuch"]), &none);
        assert_eq!(unknown.err().map(|e| e.exit().code()), Some(2));
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
        assert_eq!((code, sent.get()), (Exit::Rejected, 2));
    }
}
