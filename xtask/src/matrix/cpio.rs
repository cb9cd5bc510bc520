//! A writer of the cpio "newc" format, the one the kernel unpacks as an initramfs
//! (`Documentation/driver-api/early-userspace/buffer-format.rst`): per entry a 110-byte ASCII
//! header of hex fields, the NUL-terminated name and the data, each padded to 4 bytes; then the
//! `TRAILER!!!` entry. Uncompressed: the kernel takes it as it is, and nothing has to be
//! installed to write it.

use std::collections::BTreeMap;

use crate::Result;

const MAGIC: &str = "070701";
const TRAILER: &str = "TRAILER!!!";

const S_IFDIR: u32 = 0o040_000;
const S_IFREG: u32 = 0o100_000;
const S_IFLNK: u32 = 0o120_000;

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Dir,
    File { data: Vec<u8>, executable: bool },
    Symlink { target: String },
}

/// An archive being put together: entries by path (relative, without a leading `/`), written
/// in path order, so a directory always comes before what it holds.
#[derive(Debug, Default)]
pub(crate) struct Archive {
    entries: BTreeMap<String, Node>,
}

impl Archive {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds the directory `path` and every missing parent.
    pub(crate) fn dir(&mut self, path: &str) -> Result<()> {
        let path = normal(path)?;
        let mut prefix = String::new();
        for part in path.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            match self.entries.get(&prefix) {
                None => {
                    self.entries.insert(prefix.clone(), Node::Dir);
                }
                Some(Node::Dir) => {}
                Some(_) => {
                    return Err(format!("initramfs: `/{prefix}` is already a file").into());
                }
            }
        }
        Ok(())
    }

    /// Adds the file `path` holding `data` (mode 0755 if `executable`, else 0644), with its
    /// parent directories.
    pub(crate) fn file(&mut self, path: &str, data: Vec<u8>, executable: bool) -> Result<()> {
        self.leaf(path, Node::File { data, executable })
    }

    /// Adds the symbolic link `path` -> `target`, with its parent directories.
    pub(crate) fn symlink(&mut self, path: &str, target: &str) -> Result<()> {
        self.leaf(
            path,
            Node::Symlink {
                target: target.to_owned(),
            },
        )
    }

    fn leaf(&mut self, path: &str, node: Node) -> Result<()> {
        let path = normal(path)?;
        if let Some((parent, _)) = path.rsplit_once('/') {
            self.dir(parent)?;
        }
        match self.entries.get(&path) {
            None => {
                self.entries.insert(path, node);
                Ok(())
            }
            Some(existing) if *existing == node => Ok(()),
            Some(_) => Err(format!("initramfs: `/{path}` is added twice, differently").into()),
        }
    }

    /// The archive's bytes.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        for (ino, (path, node)) in (1u32..).zip(&self.entries) {
            let (mode, data): (u32, &[u8]) = match node {
                Node::Dir => (S_IFDIR | 0o755, &[]),
                Node::File { data, executable } => {
                    (S_IFREG | if *executable { 0o755 } else { 0o644 }, data)
                }
                Node::Symlink { target } => (S_IFLNK | 0o777, target.as_bytes()),
            };
            let nlink = if matches!(node, Node::Dir) { 2 } else { 1 };
            entry(&mut out, ino, mode, nlink, path, data)?;
        }
        entry(&mut out, 0, 0, 1, TRAILER, &[])?;
        Ok(out)
    }
}

/// `path` without leading or trailing slashes; refuses empty, `.` and `..` components, which
/// the kernel would not resolve the way the caller means.
fn normal(path: &str) -> Result<String> {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty()
        || trimmed
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(format!("initramfs: `{path}` is not a plain path").into());
    }
    Ok(trimmed.to_owned())
}

/// Writes one entry: header, name, padding, data, padding.
fn entry(
    out: &mut Vec<u8>,
    ino: u32,
    mode: u32,
    nlink: u32,
    name: &str,
    data: &[u8],
) -> Result<()> {
    let size = u32::try_from(data.len())
        .map_err(|_| format!("initramfs: `/{name}` is larger than 4 GiB"))?;
    let name_size = u32::try_from(name.len() + 1)
        .map_err(|_| format!("initramfs: the name `{name}` is too long"))?;
    // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
    // namesize, check.
    let fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0, name_size, 0];
    out.extend_from_slice(MAGIC.as_bytes());
    for field in fields {
        out.extend_from_slice(format!("{field:08x}").as_bytes());
    }
    out.extend_from_slice(name.as_bytes());
    out.push(0);
    pad(out);
    out.extend_from_slice(data);
    pad(out);
    Ok(())
}

fn pad(out: &mut Vec<u8>) {
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads back `(name, mode, data)` of every entry, checking the layout on the way.
    fn entries(bytes: &[u8]) -> Vec<(String, u32, Vec<u8>)> {
        let mut out = Vec::new();
        let mut at = 0;
        loop {
            assert_eq!(at % 4, 0);
            let header = std::str::from_utf8(&bytes[at..at + 110]).unwrap();
            assert_eq!(&header[..6], MAGIC);
            let field = |i: usize| u32::from_str_radix(&header[6 + 8 * i..14 + 8 * i], 16).unwrap();
            let (mode, size, name_size) = (field(1), field(6) as usize, field(11) as usize);
            let name_at = at + 110;
            let name = std::str::from_utf8(&bytes[name_at..name_at + name_size - 1]).unwrap();
            assert_eq!(bytes[name_at + name_size - 1], 0);
            let data_at = (name_at + name_size).next_multiple_of(4);
            let data = bytes[data_at..data_at + size].to_vec();
            at = (data_at + size).next_multiple_of(4);
            if name == TRAILER {
                assert_eq!(at, bytes.len());
                return out;
            }
            out.push((name.to_owned(), mode, data));
        }
    }

    #[test]
    fn writes_parents_first_and_pads() {
        let mut archive = Archive::new();
        archive
            .file("/e2e/objects/btf/x", b"abc".to_vec(), false)
            .unwrap();
        archive.file("init", b"#!/bin/sh\n".to_vec(), true).unwrap();
        archive.symlink("bin/sh", "busybox").unwrap();
        archive.dir("proc").unwrap();
        let read = entries(&archive.to_bytes().unwrap());
        let names: Vec<&str> = read.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "bin",
                "bin/sh",
                "e2e",
                "e2e/objects",
                "e2e/objects/btf",
                "e2e/objects/btf/x",
                "init",
                "proc"
            ]
        );
        assert_eq!(read[1].1, S_IFLNK | 0o777);
        assert_eq!(read[1].2, b"busybox");
        assert_eq!(
            read[5],
            (
                "e2e/objects/btf/x".to_owned(),
                S_IFREG | 0o644,
                b"abc".to_vec()
            )
        );
        assert_eq!(read[6].1, S_IFREG | 0o755);
    }

    #[test]
    fn refuses_odd_paths_and_conflicts() {
        let mut archive = Archive::new();
        for bad in ["", "/", "a/../b", "a//b", "./a"] {
            assert!(archive.file(bad, Vec::new(), false).is_err(), "{bad:?}");
        }
        archive.file("a/b", b"1".to_vec(), false).unwrap();
        // The same file again is fine; other contents, or a directory over it, are not.
        archive.file("a/b", b"1".to_vec(), false).unwrap();
        assert!(archive.file("a/b", b"2".to_vec(), false).is_err());
        assert!(archive.dir("a/b/c").is_err());
    }
}
