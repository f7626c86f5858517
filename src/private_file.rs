//! Files only their owner can read — the token cache, the limit and history state, the serve-ddns store —
//! created private from their first byte, and replaced whole so that neither a crash nor a concurrent reader
//! ever sees half of one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Creates `dir` and its parents, mode 0700.
pub(crate) fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens files that are created mode 0600 (no window before a chmod).
pub(crate) fn options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Replaces `path` whole: a new private file beside it, fsynced, renamed over it, and the directory fsynced,
/// so that after a crash the file is the old one or the new one, and a rename that returned has survived.
pub(crate) fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let nonce = (crate::random::fraction() * 1e12) as u64;
    let temporary = path.with_file_name(format!(".{name}.{}-{nonce}.tmp", std::process::id()));
    let written = write_new(&temporary, contents).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        // Nothing useful to do if even the clean-up fails.
        let _ = std::fs::remove_file(&temporary);
        return written;
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    File::open(dir)?.sync_all()
}

fn write_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut file = options().write(true).create_new(true).open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// A file's contents, or `None` when it does not exist yet.
pub(crate) fn read(path: &Path) -> io::Result<Option<Vec<u8>>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).map_or(0, |m| m.permissions().mode() & 0o777)
    }

    #[test]
    fn replace_writes_a_private_file_and_leaves_no_temporary() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let sub = dir.path().join("a/b");
        create_dir(&sub)?;
        let path = sub.join("state.json");
        replace(&path, b"one")?;
        replace(&path, b"two")?;
        assert_eq!(read(&path)?.as_deref(), Some(&b"two"[..]));
        assert_eq!(std::fs::read_dir(&sub)?.count(), 1);
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&sub), 0o700);
        }
        assert_eq!(read(&sub.join("missing"))?, None);
        Ok(())
    }
}
