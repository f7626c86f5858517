//! `sendmsg check email`: its settings as a send would read them, and what can be asked of the service
//! without sending a message.

use super::args::EmailArgs;
use crate::channels::checkup::{Net, Report, set};
use crate::error::Exit;
use crate::settings::Resolve;
use crate::transport::RetryPolicy;

pub(super) fn check(args: &EmailArgs, net: Net, report: &mut Report) {
    let host = report.present(
        "SMTP_HOST",
        args.host.as_deref(),
        "set the mail server's host name, e.g. smtp.qq.com",
    );
    let sender = set(args.from.as_ref()).or(set(args.user.as_ref()));
    match sender.map(|s| (s, crate::channels::email::parse_mailbox(s))) {
        Some((_, Ok(_))) => report.pass("SMTP_FROM", "a valid sender address"),
        Some((given, Err(reason))) => report.fail(
            "SMTP_FROM",
            Exit::Config,
            &format!("`{given}` is not an e-mail address ({reason})"),
            "set SMTP_FROM to the sender, e.g. \"Bot <bot@example.com>\"",
        ),
        None => report.fail(
            "SMTP_FROM",
            Exit::Config,
            "neither SMTP_FROM nor SMTP_USER is set",
            "set SMTP_FROM (or SMTP_USER) to the sender address",
        ),
    }
    if !args.to.is_empty()
        && let Err(e) = crate::channels::email::parse_mailboxes("EMAIL_TO", &args.to)
    {
        report.error("EMAIL_TO", &e, Some("list addresses separated by commas"));
    }
    if host.is_none() {
        return;
    }
    let scope = report.scope.clone();
    let how = Resolve::new(net.printer, &scope);
    let server = match super::settings::smtp_server(args, how) {
        Ok(server) => server,
        Err(e) => return report.error("settings", &e, None),
    };
    let delivery = crate::channels::email::Delivery {
        timeout: net.timeout,
        retry: RetryPolicy::new(net.retries),
        printer: net.printer,
        advise_queue: false,
    };
    let check = format!("SMTP {}:{}", server.host, server.port);
    let login = match &server.login {
        Some((user, _)) => format!("logged in as {user}"),
        None => "no login (SMTP_USER not set)".to_owned(),
    };
    match crate::channels::email::probe(&server, delivery) {
        Ok(()) => report.pass(
            &check,
            &format!("connected ({}), {login}, QUIT", server.security.name()),
        ),
        Err(e) if e.exit() == Exit::Transient => report.error(
            &check,
            &e,
            Some("check SMTP_HOST, SMTP_PORT and SMTP_SECURITY, and that this machine may reach the server"),
        ),
        Err(e) => report.error(&check, &e, None),
    }
}
