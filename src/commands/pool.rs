//! Pools: `[groups.NAME] pool = ["ops-a", "ops-b"]` sends each message to one member, the one whose robot
//! has a free slot soonest (ties: the least recently used), and moves on to the next when a member answers
//! busy, its pace has no slot within `--max-wait`, it cannot be reached, or its quota is spent. Several
//! robots then carry what one could not (a DingTalk robot takes 20 messages a minute) without a message
//! being lost or sent twice: a member is left only when nothing of the message can have reached it.
//!
//! Every member is prepared (settings, recipients, size) before anything is sent. The pool keeps one
//! `--limit`/`--dedupe` ledger and one history under its own name, so a dedupe window holds whichever
//! member delivers.

use crate::error::{Error, Fate};
use crate::outgoing::{Delivery, Member, Outgoing, Target};
use crate::output::Printer;

/// `text` prepared for every member of the pool `name`, as one send that picks its member when it goes.
/// `prepare` prepares one member, as `--via MEMBER` would.
pub(crate) fn prepare(
    name: &str,
    members: &[String],
    prepare: impl Fn(&str) -> Result<Outgoing, Error>,
    printer: Printer,
) -> Result<Outgoing, Error> {
    let ready: Vec<Outgoing> = members
        .iter()
        .map(|m| prepare(m))
        .collect::<Result<_, _>>()?;
    let channel = match ready.first() {
        Some(first)
            if ready
                .iter()
                .all(|o| o.target.channel == first.target.channel) =>
        {
            first.target.channel
        }
        _ => "pool",
    };
    let mut recipients: Vec<String> = ready
        .iter()
        .flat_map(|o| o.target.recipients.iter().cloned())
        .collect();
    recipients.sort();
    recipients.dedup();
    let pool = crate::error::intern(name);
    let target = Target::new(channel, recipients).named(Some(pool));
    Outgoing::pooled(ready, target, move |members| send(pool, members, printer))
        .ok_or_else(|| Error::Config(format!("pool `{name}` has no member")))
}

/// Tries the members in the order [`order`] gives until one takes the message. Every member but the last
/// gets one try (a busy reply moves on rather than waiting on a robot that said so); the last has the
/// run's `--retries`.
fn send(pool: &str, members: Vec<Member>, printer: Printer) -> Result<Delivery, Error> {
    let mut members = order(members, printer);
    let mut last = None;
    while !members.is_empty() {
        let member = members.remove(0);
        let named = member.target.name.unwrap_or_default();
        let channel = member.target.channel;
        printer.verbose(&format!("pool {pool}: trying {named}"));
        let result = if members.is_empty() {
            (member.send)()
        } else {
            crate::channels::one_try(member.send)
        };
        let err = match result {
            Ok(delivery) => return Ok(delivery),
            Err(err) => err.in_target(channel, named),
        };
        let Some(next) = members.first().filter(|_| moves_on(&err)) else {
            return Err(err);
        };
        printer.note(&format!(
            "warning: {err}; pool {pool} sends through {} instead",
            next.target.name.unwrap_or_default()
        ));
        last = Some(err);
    }
    Err(last.unwrap_or_else(|| Error::Config(format!("pool `{pool}` has no member"))))
}

/// The members in the order they are tried: the soonest free slot first, then the least recently used,
/// then the file's order (a member without a pace is always free).
fn order(members: Vec<Member>, printer: Printer) -> Vec<Member> {
    let mut keyed: Vec<((u64, u64), Member)> = members
        .into_iter()
        .map(|m| {
            let key = m.pace.as_ref().map_or((0, 0), |(pacing, destination)| {
                pacing.outlook(destination, printer)
            });
            (key, m)
        })
        .collect();
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, m)| m).collect()
}

/// Whether the message may go to the next member after `err`: only when nothing of it can have reached
/// this one (its first part never sent: busy, paced out, unreachable) or the member's quota is spent.
fn moves_on(err: &Error) -> bool {
    let first_part = |part: &Option<crate::error::PartInfo>| part.is_none_or(|p| p.index == 1);
    match err {
        Error::Transient {
            fate: Fate::NeverSent,
            part,
            ..
        } => first_part(part),
        Error::Rejected { part, .. } => first_part(part) && crate::hints::is_quota(err),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::PartInfo;

    fn member(
        name: &'static str,
        result: Result<(), Error>,
        tried: &std::rc::Rc<std::cell::RefCell<Vec<&'static str>>>,
    ) -> Member {
        let tried = std::rc::Rc::clone(tried);
        Member {
            target: Target::new("ding", Vec::new()).named(Some(name)),
            pace: None,
            send: Box::new(move || {
                tried.borrow_mut().push(name);
                result.map(|()| Delivery::default())
            }),
        }
    }

    fn busy(part: Option<PartInfo>, fate: Fate) -> Error {
        Error::Transient {
            channel: "ding",
            message: "errcode 130101: send too fast".into(),
            part,
            fate,
        }
    }

    fn quiet() -> Printer {
        Printer {
            quiet: true,
            ..Printer::default()
        }
    }

    #[test]
    fn a_busy_member_passes_the_message_to_the_next_and_nothing_else_does() {
        let tried = std::rc::Rc::default();
        let members = vec![
            member("a", Err(busy(None, Fate::NeverSent)), &tried),
            member("b", Ok(()), &tried),
            member("c", Ok(()), &tried),
        ];
        assert!(send("p", members, quiet()).is_ok());
        assert_eq!(*tried.borrow(), ["a", "b"]);

        // A reply that may have delivered it, or a second part, stays where it is.
        for err in [
            busy(None, Fate::MaybeDelivered),
            busy(Some(PartInfo { index: 2, total: 2 }), Fate::NeverSent),
            Error::Rejected {
                channel: "ding",
                code: Some("errcode 310000".into()),
                message: "sign not match".into(),
                part: None,
            },
        ] {
            let tried = std::rc::Rc::default();
            let members = vec![member("a", Err(err), &tried), member("b", Ok(()), &tried)];
            let failed = send("p", members, quiet());
            assert!(failed.is_err_and(|e| e.to_string().starts_with("ding@a: ")));
            assert_eq!(*tried.borrow(), ["a"]);
        }
    }

    #[test]
    fn when_every_member_is_busy_the_last_ones_error_is_the_pools() {
        let tried = std::rc::Rc::default();
        let members = vec![
            member("a", Err(busy(None, Fate::NeverSent)), &tried),
            member("b", Err(busy(None, Fate::NeverSent)), &tried),
        ];
        let failed = send("p", members, quiet());
        assert!(failed.is_err_and(|e| e.never_sent() && e.to_string().starts_with("ding@b: ")));
        assert_eq!(*tried.borrow(), ["a", "b"]);
    }
}
