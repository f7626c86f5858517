//! `sendmsg history`: what was sent, from the ledger's history file.

use crate::cli::{GlobalArgs, HistoryArgs};
use crate::error::Error;
use crate::history::{self, Filter};
use crate::output::Printer;

/// Shows the matching records, oldest first.
pub(crate) fn show(args: &HistoryArgs, global: &GlobalArgs, printer: Printer) -> Result<(), Error> {
    if let Some(limit) = global.limit.as_deref().filter(|l| !l.contains('/')) {
        return Err(Error::BadInput(format!(
            "--limit {limit}: --limit is the send rate limit (N/PERIOD); to show the last {limit} sends use \
             `sendmsg history --last {limit}`"
        )));
    }
    let filter = Filter {
        channel: args.channel.clone(),
        target: args.target.clone(),
        since: args.since,
        failed: args.failed,
        last: args.last,
    };
    history::show(&filter, global.json, printer)
}
