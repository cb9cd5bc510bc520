//! Writing a post-linked object to disk without ever leaving a damaged file behind.
//!
//! The new bytes go to a fresh temporary file in the destination's directory (created with
//! `O_EXCL`, so an existing file or symbolic link at that name is never written through), which
//! is flushed to disk, given the input's permission bits (and, where the process may set them,
//! the owner and group of the file it replaces) and then renamed over the destination: a reader
//! sees the old object or the new one, never a partial one. On any error the temporary file is
//! removed and the destination is as it was.
//!
//! What counts as "the destination":
//! - A symbolic link (the input, or `output`) is followed: its target is replaced and the link
//!   stays a link. A link to a missing file is refused (there would be nothing to replace, and
//!   creating the target through it would be a surprise).
//! - An `output` that is the input itself (the same path, or another name of the same file:
//!   same device and inode) is the in-place case.
//! - In place, a file with several hard links is refused: renaming over one name would leave the
//!   other names with the old object, and rewriting the file in place cannot be made atomic.

use std::{
    ffi::OsString,
    fs::{self, File, Metadata},
    io::{self, Write},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU32, Ordering},
};

/// Writes `bytes` into the file; `link_file` passes `write_all`, tests pass writers that fail
/// like a full disk does.
pub(crate) type Writer<'a> = &'a mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>;

/// Where [`replace`] writes, decided before anything is written.
#[derive(Debug)]
pub(crate) struct Destination {
    /// The file to replace (symbolic links resolved), or to create.
    pub(crate) path: PathBuf,
    /// Whether it is the input itself.
    pub(crate) in_place: bool,
}

/// The destination of `link_file(input, output)`; `input_meta` is the input's metadata
/// (following symbolic links), so that "the same file" is decided on device and inode.
pub(crate) fn destination(
    input: &Path,
    input_meta: &Metadata,
    output: Option<&Path>,
) -> io::Result<Destination> {
    let in_place = match output {
        None => true,
        Some(out) => match fs::metadata(out) {
            Ok(meta) => same_file(input_meta, &meta, input, out),
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(e),
        },
    };
    let named = if in_place {
        input
    } else {
        output.unwrap_or(input)
    };
    Ok(Destination {
        path: resolve(named)?,
        in_place,
    })
}

/// `path` with symbolic links followed (it need not exist, but a link must lead somewhere).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "a symbolic link to a file that does not exist; not writing through it",
                )
            } else {
                e
            }
        }),
        Ok(_) => Ok(path.to_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(path.to_owned()),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata, a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Refuses to replace a file other names also lead to (the in-place case).
#[cfg(unix)]
pub(crate) fn refuse_hard_links(meta: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    match meta.nlink() {
        0 | 1 => Ok(()),
        n => Err(io::Error::other(format!(
            "the file has {n} hard links: replacing it would leave the other names with the \
             old object, so it is not replaced; write the post-linked object to another path"
        ))),
    }
}

#[cfg(not(unix))]
pub(crate) fn refuse_hard_links(_: &Metadata) -> io::Result<()> {
    Ok(())
}

/// A temporary file that is removed when dropped, unless it was renamed into place.
struct Temp {
    path: PathBuf,
    armed: bool,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Creates a fresh file next to `dest` (`O_EXCL`: never an existing file or link).
fn create_temp(dest: &Path) -> io::Result<(File, Temp)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = match dest.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = dest.file_name().unwrap_or(dest.as_os_str());
    let mut last = None;
    for _ in 0..64 {
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            ".btf-reloc.{}.{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let path = dir.join(temp_name);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((file, Temp { path, armed: true })),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

/// Replaces (or creates) `dest` with `bytes` atomically; the new file gets the permissions of
/// `like` (the input) and, where allowed, the owner of the file it replaces.
pub(crate) fn replace(
    dest: &Path,
    bytes: &[u8],
    like: &Metadata,
    write: Writer<'_>,
) -> io::Result<()> {
    let replaced = fs::metadata(dest).ok();
    let (mut file, mut temp) = create_temp(dest)?;
    write(&mut file, bytes)?;
    file.flush()?;
    if let Some(replaced) = &replaced {
        copy_owner(&file, replaced);
    }
    file.set_permissions(like.permissions())?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temp.path, dest)?;
    temp.armed = false;
    sync_parent(dest);
    Ok(())
}

/// Gives `file` the owner and group of `like` when the process may (as root, or when they are
/// already its own); otherwise the file stays the process's, as any new file would be.
#[cfg(unix)]
fn copy_owner(file: &File, like: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid()));
}

#[cfg(not(unix))]
fn copy_owner(_: &File, _: &Metadata) {}

/// Makes the rename durable (best effort: not every file system can sync a directory).
fn sync_parent(dest: &Path) {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
    }
}
