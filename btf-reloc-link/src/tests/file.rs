//! `link_file` on disk: the result replaces the destination atomically, with the input's
//! permissions, through symbolic links, and a failure (a full disk, a refusal) leaves every file
//! as it was and no temporary file behind.

use std::{
    fs,
    io::{self, Write},
    os::unix::fs::{symlink, MetadataExt, PermissionsExt},
    path::{Path, PathBuf},
};

use super::fixture::Fixture;
use crate::{link::link_file_with, link_file, Error};

/// An empty directory of the test's own.
fn scratch(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("btf-reloc-link-file-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").mode() & 0o7777
}

/// An unlinked object at `dir/name` with mode `mode`.
fn unlinked(dir: &Path, name: &str, mode: u32) -> (PathBuf, Vec<u8>) {
    let path = dir.join(name);
    let bytes = Fixture::with_btf(32).build();
    fs::write(&path, &bytes).expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(mode)).expect("chmod");
    (path, bytes)
}

/// The post-linked form of `bytes`.
fn linked(bytes: &[u8]) -> Vec<u8> {
    match crate::link(bytes).expect("links") {
        crate::LinkOutcome::Linked { object, .. } => object,
        crate::LinkOutcome::NothingToDo => panic!("nothing to do"),
    }
}

/// A writer that writes half the object, then fails as a full disk does.
fn full_disk(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(&bytes[..bytes.len() / 2])?;
    Err(io::Error::from_raw_os_error(28)) // ENOSPC
}

#[test]
fn in_place_keeps_the_mode_and_leaves_no_temporary_file() {
    let dir = scratch("in-place");
    let (path, bytes) = unlinked(&dir, "prog.o", 0o750);
    // A symbolic link where the old implementation put its temporary file: never written
    // through.
    let victim = dir.join("victim");
    fs::write(&victim, b"precious").expect("victim");
    symlink(&victim, dir.join("prog.o.btf-reloc.tmp")).expect("symlink");

    assert!(link_file(&path, None).expect("links").is_some());
    assert_eq!(fs::read(&path).expect("read"), linked(&bytes));
    assert_eq!(mode(&path), 0o750);
    assert_eq!(fs::read(&victim).expect("victim"), b"precious");
    assert_eq!(
        listing(&dir),
        ["prog.o", "prog.o.btf-reloc.tmp", "victim"],
        "no temporary file left"
    );
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn output_naming_the_input_is_in_place() {
    let dir = scratch("same-output");
    let (path, bytes) = unlinked(&dir, "prog.o", 0o640);
    // `-o prog.o`: the old implementation truncated the input before writing.
    assert!(link_file(&path, Some(&path)).expect("links").is_some());
    assert_eq!(fs::read(&path).expect("read"), linked(&bytes));
    assert_eq!(mode(&path), 0o640);

    // `-o` through a symbolic link to the input: the input is replaced, the link stays.
    let (path, bytes) = unlinked(&dir, "again.o", 0o640);
    let alias = dir.join("alias.o");
    symlink("again.o", &alias).expect("symlink");
    assert!(link_file(&path, Some(&alias)).expect("links").is_some());
    assert_eq!(fs::read(&path).expect("read"), linked(&bytes));
    assert!(fs::symlink_metadata(&alias)
        .expect("alias")
        .file_type()
        .is_symlink());
    assert_eq!(listing(&dir), ["again.o", "alias.o", "prog.o"]);
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_symlinked_input_is_followed() {
    let dir = scratch("symlink-input");
    let (real, bytes) = unlinked(&dir, "real.o", 0o750);
    let link = dir.join("link.o");
    symlink("real.o", &link).expect("symlink");
    assert!(link_file(&link, None).expect("links").is_some());
    assert!(fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    assert_eq!(fs::read(&real).expect("read"), linked(&bytes));
    assert_eq!(mode(&real), 0o750);
    assert_eq!(listing(&dir), ["link.o", "real.o"]);
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn hard_links_are_not_split() {
    let dir = scratch("hard-links");
    let (path, bytes) = unlinked(&dir, "prog.o", 0o644);
    let other = dir.join("other.o");
    fs::hard_link(&path, &other).expect("hard link");
    // In place, and `-o` naming another name of the same file: both refused.
    for output in [None, Some(other.as_path())] {
        let err = link_file(&path, output).expect_err("refused");
        assert!(matches!(err, Error::Write { .. }), "{err}");
        assert!(err.to_string().contains("2 hard links"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), bytes);
        assert_eq!(fs::metadata(&path).expect("meta").nlink(), 2);
    }
    // A separate output is fine.
    let out = dir.join("out.o");
    assert!(link_file(&path, Some(&out)).expect("links").is_some());
    assert_eq!(fs::read(&out).expect("read"), linked(&bytes));
    assert_eq!(listing(&dir), ["other.o", "out.o", "prog.o"]);
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_full_disk_changes_nothing() {
    let dir = scratch("full-disk");
    let (path, bytes) = unlinked(&dir, "prog.o", 0o750);
    let err = link_file_with(&path, None, &mut full_disk).expect_err("fails");
    assert!(matches!(err, Error::Write { .. }), "{err}");
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), bytes, "byte-identical");
    assert_eq!(mode(&path), 0o750);
    assert_eq!(listing(&dir), ["prog.o"], "no temporary file left");

    // To another file: it is not created, and an existing one is kept.
    let out = dir.join("out.o");
    link_file_with(&path, Some(&out), &mut full_disk).expect_err("fails");
    assert_eq!(listing(&dir), ["prog.o"]);
    fs::write(&out, b"old output").expect("old output");
    link_file_with(&path, Some(&out), &mut full_disk).expect_err("fails");
    assert_eq!(fs::read(&out).expect("read"), b"old output");
    assert_eq!(listing(&dir), ["out.o", "prog.o"]);
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn failing_rename_and_dangling_links_leave_nothing() {
    let dir = scratch("rename");
    let (path, bytes) = unlinked(&dir, "prog.o", 0o644);
    // A directory cannot be replaced by a file: the rename fails after the write.
    let out = dir.join("out.o");
    fs::create_dir(&out).expect("dir");
    let err = link_file(&path, Some(&out)).expect_err("fails");
    assert!(matches!(err, Error::Write { .. }), "{err}");
    assert_eq!(listing(&dir), ["out.o", "prog.o"]);
    fs::remove_dir(&out).expect("rmdir");
    // A symbolic link to nothing is not written through.
    symlink(dir.join("nowhere"), &out).expect("symlink");
    let err = link_file(&path, Some(&out)).expect_err("fails");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(listing(&dir), ["out.o", "prog.o"]);
    assert_eq!(fs::read(&path).expect("read"), bytes);
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn nothing_to_do_copies_to_the_output_only() {
    let dir = scratch("nothing");
    let (path, bytes) = unlinked(&dir, "prog.o", 0o600);
    link_file(&path, None).expect("links");
    let once = fs::read(&path).expect("read");
    assert_ne!(once, bytes);
    // In place (even through `-o` naming it) the file is not rewritten at all, hard links or not.
    let other = dir.join("other.o");
    fs::hard_link(&path, &other).expect("hard link");
    let ino = fs::metadata(&path).expect("meta").ino();
    assert_eq!(link_file(&path, None).expect("no-op"), None);
    assert_eq!(link_file(&path, Some(&other)).expect("no-op"), None);
    assert_eq!(fs::metadata(&path).expect("meta").ino(), ino);
    fs::remove_file(&other).expect("rm");
    let copy = dir.join("copy.o");
    assert_eq!(link_file(&path, Some(&copy)).expect("copy"), None);
    assert_eq!(fs::read(&copy).expect("read"), once);
    assert_eq!(mode(&copy), 0o600);
    fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn in_place_keeps_the_owner_and_a_new_file_is_ours() {
    let dir = scratch("owner");
    let (path, _) = unlinked(&dir, "prog.o", 0o644);
    let ours = fs::metadata(&path).expect("meta");
    // As root, give the input to someone else first; otherwise it stays ours.
    let owner = if ours.uid() == 0 {
        std::os::unix::fs::chown(&path, Some(4321), Some(4322)).expect("chown as root");
        (4321, 4322)
    } else {
        (ours.uid(), ours.gid())
    };
    link_file(&path, None).expect("links");
    let meta = fs::metadata(&path).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), owner);
    // A file that did not exist is the process's, like any new file.
    let out = dir.join("out.o");
    link_file(&path, Some(&out)).expect("copies");
    let meta = fs::metadata(&out).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), (ours.uid(), ours.gid()));
    fs::remove_dir_all(&dir).expect("cleanup");
}
