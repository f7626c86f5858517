//! `sendmsg check bark`: each device key's shape, and whether the server knows it: bark-server answers
//! `GET /register/{key}` without pushing anything.

use super::args::BarkArgs;
use super::settings::{KEY_FIX, device_keys};
use super::wire::Bark;
use crate::channels::checkup::{Net, Report};
use crate::channels::{Channel, Outcome, classify};
use crate::error::{Error, Exit};
use crate::secret::Secret;
use crate::transport::{Exchange, Transport};

pub(super) fn check(args: &BarkArgs, net: Net, report: &mut Report) {
    let var = "BARK_DEVICE_KEY";
    let keys = match device_keys(args) {
        Ok(keys) => keys,
        Err(err) => {
            report.error(var, &err, Some(KEY_FIX));
            return;
        }
    };
    if keys.is_empty() {
        report.fail(var, Exit::Config, "not set", KEY_FIX);
    } else {
        report.pass(var, &format!("{} device key(s), well-formed", keys.len()));
    }
    let Some(base) = report.base_url("BARK_BASE_URL", &args.base_url) else {
        return;
    };
    for key in keys {
        let device = Bark {
            device_key: Secret::new(key),
            base_url: base.clone(),
            title: None,
            group: None,
            level: None,
            url: None,
            sound: None,
        };
        registered(&device, net, report);
    }
}

/// One device's registration, read like a push's reply.
fn registered(device: &Bark, net: Net, report: &mut Report) {
    let check = device.label();
    let transport = match net.transport() {
        Ok(t) => t,
        Err(e) => return report.error(&check, &e, None),
    };
    let reply = match transport.send(&device.registration_check()) {
        Ok(Exchange::Replied(reply)) => reply,
        Ok(Exchange::Printed) => return,
        Err(no_reply) => {
            return report.fail(
                &check,
                Exit::Transient,
                &format!("{}: {}", device.base_url, no_reply.0),
                "check BARK_BASE_URL and that this machine can reach the server",
            );
        }
    };
    match classify(device, &reply) {
        Outcome::Accepted => report.pass(
            &check,
            &format!("registered on {} (nothing was pushed)", device.base_url),
        ),
        Outcome::Rejected { code, message } => {
            let err = Error::Rejected {
                channel: device.name(),
                code,
                message,
                part: None,
            };
            report.error(&check, &err, Some(KEY_FIX));
        }
        Outcome::Busy(reason) => report.fail(
            &check,
            Exit::Transient,
            &reason,
            "the server is busy or failing: try again later",
        ),
    }
}
