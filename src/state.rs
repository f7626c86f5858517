//! The state directory (`$XDG_STATE_HOME/sendmsg/`), the one clock that limits, dedupe and history read, and
//! the exclusive lock under which concurrent runs update their shared files.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Test hook: when set to unix seconds, the time limits, dedupe and history see (never the time a request is
/// signed with). Lets the tests cross a window without sleeping.
pub const NOW_VAR: &str = "SENDMSG_NOW";

/// Unix seconds now, or `SENDMSG_NOW`.
pub fn now() -> u64 {
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
pub fn dir() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    std::env::var_os("XDG_STATE_HOME")
        .and_then(absolute)
        .or_else(|| {
            std::env::var_os("HOME")
                .and_then(absolute)
                .map(|home| home.join(".local/state"))
        })
        .map(|base| base.join("sendmsg"))
}

/// Held while a run reads and rewrites the shared state files; released on drop.
#[derive(Debug)]
pub struct Lock {
    file: File,
    pub dir: PathBuf,
}

impl Lock {
    /// Creates the state directory (mode 0700) and waits for the exclusive lock on its `lock` file.
    pub fn acquire() -> Result<Self, String> {
        let dir = dir().ok_or("neither XDG_STATE_HOME nor HOME is set")?;
        create_private_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join("lock");
        let file = private_options()
            .write(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        file.lock()
            .map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
        Ok(Self { file, dir })
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first just makes it prompt.
        let _ = self.file.unlock();
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Files readable by the owner only: they name recipients and quote messages.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Replaces `path` whole (temporary file, then rename), so a crash never leaves half a file.
pub fn replace(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let temporary = path.with_extension("tmp");
    let mut file = private_options()
        .write(true)
        .truncate(true)
        .open(&temporary)?;
    file.write_all(contents)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

/// A file's contents, or `None` when it does not exist yet.
pub fn read(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}
