//! Files only their owner can read — the token cache, the limit and history state, the serve-ddns store —
//! created private from their first byte, and replaced whole so that neither a crash nor a concurrent reader
//! ever sees half of one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

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
    replace_with(path, contents, true)
}

/// [`replace`] without the fsyncs: for a file whose loss in a power cut costs nothing (the pace book), written
/// on every send, where two fsyncs were most of a send's time. Readers still see the old file or the new one.
pub(crate) fn replace_volatile(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, contents, false)
}

fn replace_with(path: &Path, contents: &[u8], durable: bool) -> io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    remove_orphans(path, &name);
    let nonce = (crate::random::fraction() * 1e12) as u64;
    let temporary = path.with_file_name(format!(".{name}.{}-{nonce}.tmp", std::process::id()));
    let written =
        write_new(&temporary, contents, durable).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        // Nothing useful to do if even the clean-up fails.
        let _ = std::fs::remove_file(&temporary);
        return written;
    }
    if !durable {
        return Ok(());
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    File::open(dir)?.sync_all()
}

/// A temporary file older than this is an orphan whatever its name says: a write takes milliseconds.
const ORPHAN_AGE: Duration = Duration::from_secs(60);

/// Removes the temporary files of earlier writes of `path` that a crash left behind (a run killed between
/// creating one and renaming it): those whose process is gone, or that are older than [`ORPHAN_AGE`].
fn remove_orphans(path: &Path, name: &str) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
        else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let gone = pid.is_some_and(|pid| {
            pid != std::process::id()
                && Path::new("/proc/self").exists()
                && !Path::new(&format!("/proc/{pid}")).exists()
        });
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > ORPHAN_AGE));
        if gone || old {
            // Another run may have removed it first.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn write_new(path: &Path, contents: &[u8], durable: bool) -> io::Result<()> {
    let mut file = options().write(true).create_new(true).open(path)?;
    file.write_all(contents)?;
    if durable { file.sync_all() } else { Ok(()) }
}

/// A file's contents, or `None` when it does not exist yet; a file that is not the user's own (see
/// [`open_own`]) is an error of kind `PermissionDenied` that names it and its fix.
pub(crate) fn read(path: &Path) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let Some(mut file) = open_own(path).map_err(io::Error::from)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}

/// Why a file that sendmsg reads back is not the user's own, and the command that fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotOwn {
    pub path: std::path::PathBuf,
    pub problem: String,
    pub fix: String,
}

impl std::fmt::Display for NotOwn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: not used; fix it with `{}`",
            self.path.display(),
            self.problem,
            self.fix
        )
    }
}

impl From<NotOwn> for io::Error {
    fn from(not_own: NotOwn) -> Self {
        io::Error::new(io::ErrorKind::PermissionDenied, not_own.to_string())
    }
}

/// Opens for reading a file that sendmsg wrote to its cache or state directory, only while it is still
/// the user's own: a regular file (not a symlink, which is not followed, nor a FIFO, which is opened
/// without blocking), owned by the running user and not writable by group or others, in a directory
/// that is the same. `Ok(None)` when it does not exist.
#[cfg(unix)]
pub(crate) fn open_own(path: &Path) -> Result<Option<File>, NotOwn> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let uid = running_uid();
    let not_own = |problem: String, fix: String| NotOwn {
        path: path.to_owned(),
        problem,
        fix,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(meta) = std::fs::metadata(dir)
    {
        let shown = dir.display();
        if meta.uid() != uid {
            return Err(not_own(
                format!(
                    "is in {shown}, which belongs to another user (uid {})",
                    meta.uid()
                ),
                format!("chown {uid} {shown}"),
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(not_own(
                format!("is in {shown}, which group or others may write to"),
                format!("chmod 700 {shown}"),
            ));
        }
    }
    let opened = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    let file = match opened {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(not_own(
                "is a symbolic link".into(),
                format!("rm {}", path.display()),
            ));
        }
        Err(e) => {
            return Err(not_own(
                format!("cannot be read ({e})"),
                format!("ls -l {}", path.display()),
            ));
        }
    };
    let meta = file.metadata().map_err(|e| {
        not_own(
            format!("cannot be read ({e})"),
            format!("ls -l {}", path.display()),
        )
    })?;
    let shown = path.display();
    if !meta.is_file() {
        return Err(not_own(
            "is not a regular file".into(),
            format!("rm {shown}"),
        ));
    }
    if meta.uid() != uid {
        return Err(not_own(
            format!("belongs to another user (uid {})", meta.uid()),
            format!("chown {uid} {shown}"),
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(not_own(
            "is writable by group or others".into(),
            format!("chmod 600 {shown}"),
        ));
    }
    Ok(Some(file))
}

#[cfg(not(unix))]
pub(crate) fn open_own(path: &Path) -> Result<Option<File>, NotOwn> {
    match File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(NotOwn {
            path: path.to_owned(),
            problem: format!("cannot be read ({e})"),
            fix: String::new(),
        }),
    }
}

/// Whether sendmsg may write its files into `dir`: it does not exist yet, or it is the user's own and
/// no one else may write to it.
#[cfg(unix)]
pub(crate) fn dir_is_own(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).map_or(true, |meta| {
        meta.is_dir() && meta.uid() == running_uid() && meta.mode() & 0o022 == 0
    })
}

#[cfg(not(unix))]
pub(crate) fn dir_is_own(_: &Path) -> bool {
    true
}

#[cfg(unix)]
#[allow(unsafe_code)]
fn running_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
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

    #[test]
    fn a_temporary_file_left_by_a_crash_is_removed_by_the_next_write() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sent.json");
        // No process has pid 4194304 (above Linux's pid_max); a live writer's file stays.
        let orphan = dir.path().join(".sent.json.4194304-77.tmp");
        let live = dir
            .path()
            .join(format!(".sent.json.{}-1.tmp", std::process::id()));
        std::fs::write(&orphan, "half")?;
        std::fs::write(&live, "in progress")?;
        replace(&path, b"whole")?;
        assert!(!orphan.exists());
        assert!(live.exists());
        Ok(())
    }
}
