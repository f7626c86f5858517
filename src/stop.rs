//! A graceful stop: SIGTERM or SIGINT asks the process to finish the try in flight and start nothing new
//! (`outbox flush`, `serve`, `serve-ddns`). The try's request completes within its `--timeout` and its
//! outcome is recorded, where the default action would cut it off and leave an `unconfirmed` entry; no
//! retry and no new entry begins after the request.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Whether a stop was asked for: nothing new should start.
pub(crate) fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Asks for a stop (the servers' own signal handling calls it too).
pub(crate) fn request() {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// From now on SIGTERM and SIGINT ask for a stop instead of ending the process. The handlers are in
/// place when this returns; a thread of its own waits for the signal.
pub(crate) fn on_signals() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let (mut term, mut int) = {
        let _inside = runtime.enter();
        (
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
        )
    };
    std::thread::Builder::new()
        .name("stop".into())
        .spawn(move || {
            runtime.block_on(std::future::poll_fn(|cx| {
                if term.poll_recv(cx).is_ready() || int.poll_recv(cx).is_ready() {
                    std::task::Poll::Ready(())
                } else {
                    std::task::Poll::Pending
                }
            }));
            request();
        })?;
    Ok(())
}
