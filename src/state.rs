//! The state directory (`$XDG_STATE_HOME/sendmsg/`), the one clock that limits, dedupe and history read, and
//! the exclusive lock under which concurrent runs update their shared files.

use crate::private_file;
use std::fs::File;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

/// Test hook: when set to unix seconds, the time limits, dedupe and history see (never the time a request is
/// signed with). Lets the tests cross a window without sleeping.
pub(crate) const NOW_VAR: &str = "SENDMSG_NOW";

/// Unix seconds now, or `SENDMSG_NOW`.
pub(crate) fn now() -> u64 {
    if let Some(fixed) = std::env::var(NOW_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return fixed;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `$XDG_STATE_HOME/sendmsg`, else `~/.local/state/sendmsg`.
pub(crate) fn dir() -> Option<PathBuf> {
    crate::xdg::from_env(crate::xdg::Base::State)
}

/// Held while a run reads and rewrites the shared state files; released on drop.
#[derive(Debug)]
pub(crate) struct Lock {
    file: File,
    pub dir: PathBuf,
}

impl Lock {
    /// Creates the state directory (mode 0700) and waits for the exclusive lock on its `lock` file.
    pub(crate) fn acquire() -> Result<Self, String> {
        let dir = dir().ok_or("neither XDG_STATE_HOME nor HOME is set")?;
        private_file::create_dir(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join("lock");
        let file = private_file::options()
            .write(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        file.lock()
            .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
        Ok(Self { file, dir })
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first just makes it prompt.
        let _ = self.file.unlock();
    }
}
