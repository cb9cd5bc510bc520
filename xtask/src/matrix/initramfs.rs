//! The initramfs every kernel of the matrix boots: a static busybox and an `/init` script, the
//! prebuilt kernel-test executable with the shared libraries `ldd` lists for it and for the
//! libbpf loader (at the paths `ldd` gives, so the dynamic linker finds them as on the host),
//! and the directory of post-linked objects (which holds that loader). Nothing is built in the
//! guest.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use object::read::elf::{FileHeader as _, ProgramHeader as _};

use super::{apt::Release, cpio::Archive, kernels};
use crate::{cmd, Result};

/// Where the tests run in the guest (their working directory must have a name: a test reads
/// it back through `fs->pwd`).
const GUEST_DIR: &str = "e2e";
/// The test executable in [`GUEST_DIR`].
const GUEST_TESTS: &str = "kernel-tests";
/// The objects directory in [`GUEST_DIR`].
const GUEST_OBJECTS: &str = "objects";
/// What `/init` writes to the second serial port after the tests, followed by their exit code.
pub(crate) const EXIT_MARKER: &str = "BTF_RELOC_MATRIX_EXIT";

/// What goes into the initramfs.
#[derive(Debug)]
pub(crate) struct Contents<'a> {
    /// A statically linked busybox.
    pub(crate) busybox: &'a Path,
    /// The kernel-test executable.
    pub(crate) tests: &'a Path,
    /// The post-linked objects (`BTF_RELOC_E2E_OBJECTS`), with the libbpf loader in them.
    pub(crate) objects: &'a Path,
    /// Other executables whose libraries the guest needs (the libbpf loader).
    pub(crate) also_needs_libraries_of: &'a [&'a Path],
    /// Arguments for the test executable (a filter, `--nocapture`, …).
    pub(crate) test_args: &'a [String],
}

/// Writes the initramfs of `contents` to `out`.
pub(crate) fn write(contents: &Contents<'_>, out: &Path) -> Result<()> {
    let mut archive = Archive::new();
    archive.file("init", init_script(contents.test_args).into_bytes(), true)?;
    archive.file("bin/busybox", read(contents.busybox)?, true)?;
    archive.symlink("bin/sh", "busybox")?;
    for dir in ["proc", "sys", "dev", "tmp", "root"] {
        archive.dir(dir)?;
    }
    archive.file(
        &format!("{GUEST_DIR}/{GUEST_TESTS}"),
        read(contents.tests)?,
        true,
    )?;
    add_tree(
        &mut archive,
        contents.objects,
        &format!("{GUEST_DIR}/{GUEST_OBJECTS}"),
    )?;
    let mut executables = vec![contents.tests];
    executables.extend_from_slice(contents.also_needs_libraries_of);
    for executable in executables {
        for library in libraries(executable)? {
            let path = library
                .to_str()
                .ok_or_else(|| format!("{} is not UTF-8", library.display()))?;
            // `read` follows symbolic links: the guest gets the file itself at the path the
            // executable asks for.
            archive.file(path, read(&library)?, true)?;
        }
    }
    let bytes = archive.to_bytes()?;
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    fs::write(out, bytes).map_err(|error| format!("cannot write {}: {error}", out.display()).into())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()).into())
}

/// Adds every file under `dir` to `archive` under `under`.
fn add_tree(archive: &mut Archive, dir: &Path, under: &str) -> Result<()> {
    archive.dir(under)?;
    let entries =
        fs::read_dir(dir).map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name
            .to_str()
            .ok_or_else(|| format!("{} is not UTF-8", path.display()))?;
        let inside = format!("{under}/{name}");
        if path.is_dir() {
            add_tree(archive, &path, &inside)?;
        } else {
            let executable = fs::metadata(&path)
                .map(|meta| {
                    std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o111 != 0
                })
                .unwrap_or(false);
            archive.file(&inside, read(&path)?, executable)?;
        }
    }
    Ok(())
}

/// `/init`: mounts what the tests use, raises the memlock limit, runs the tests with their
/// output on the console (ttyS0) and on ttyS1 (the host's copy), then powers off.
fn init_script(test_args: &[String]) -> String {
    let args: String = test_args
        .iter()
        .map(|arg| format!(" {}", quote(arg)))
        .collect();
    format!(
        r#"#!/bin/sh
# /init of the `cargo xtask matrix` initramfs.
export PATH=/bin
m() {{ busybox mount -t "$1" "$1" "$2" || echo "matrix: cannot mount $1 on $2"; }}
m proc /proc
m sysfs /sys
m devtmpfs /dev
# aya and libbpf find tracefs here, or (older kernels) under debugfs.
m tracefs /sys/kernel/tracing
m debugfs /sys/kernel/debug
m bpf /sys/fs/bpf
busybox hostname btf-reloc-matrix
# Kernels before 5.11 charge BPF maps and programs to RLIMIT_MEMLOCK (64 KiB by default).
ulimit -l unlimited
cd /{GUEST_DIR}
export {dir_var}=/{GUEST_DIR}/{GUEST_OBJECTS}
set -o pipefail
./{GUEST_TESTS}{args} 2>&1 | busybox tee /dev/ttyS1
echo "{EXIT_MARKER} $?" | busybox tee /dev/ttyS1
busybox poweroff -f
"#,
        dir_var = btf_reloc_e2e_common::objects::DIR_VAR,
    )
}

/// `arg` as one shell word.
fn quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', r"'\''"))
}

/// The shared libraries `ldd` lists for `executable` (the dynamic linker included).
fn libraries(executable: &Path) -> Result<Vec<PathBuf>> {
    let out = cmd::run(
        Command::new("ldd").arg(executable),
        &format!("ldd {}", executable.display()),
    )?;
    parse_ldd(&out).map_err(|error| format!("ldd {}: {error}", executable.display()).into())
}

/// The library paths of `ldd`'s output: `name => /path (0x…)` and `/path (0x…)`.
fn parse_ldd(out: &str) -> Result<Vec<PathBuf>, String> {
    let mut paths = Vec::new();
    for line in out.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let path = match line.split_once("=>") {
            Some((name, rest)) => {
                let rest = rest.trim();
                if rest.starts_with("not found") {
                    return Err(format!("`{}` is not found", name.trim()));
                }
                rest.split_whitespace().next().unwrap_or_default()
            }
            None => line.split_whitespace().next().unwrap_or_default(),
        };
        // `linux-vdso.so.1 (0x…)` is the kernel's, with no file.
        if path.starts_with('/') {
            paths.push(PathBuf::from(path));
        }
    }
    Ok(paths)
}

/// A statically linked busybox: the machine's `/bin/busybox` if it is one (package
/// `busybox-static`), else that package's, downloaded into the cache (installing it would
/// replace the machine's dynamic busybox).
pub(crate) fn busybox(cache: &Path) -> Result<PathBuf> {
    let machine = Path::new("/bin/busybox");
    if is_static(machine).unwrap_or(false) {
        return Ok(machine.to_owned());
    }
    let dir = cache.join("busybox");
    let kept = dir.join("busybox");
    if is_static(&kept).unwrap_or(false) {
        return Ok(kept);
    }
    let package = "busybox-static";
    let release = Release::open(cache, &super::apt::host_codename()?)?;
    let work = dir.join("partial");
    let _ = fs::remove_dir_all(&work);
    let deb = release.download(package, &work)?;
    let root = work.join("root");
    kernels::extract(&deb, &root, ".")?;
    let found = ["bin/busybox", "usr/bin/busybox"]
        .iter()
        .map(|path| root.join(path))
        .find(|path| path.is_file())
        .ok_or_else(|| format!("{} has no bin/busybox", deb.display()))?;
    fs::rename(&found, &kept).map_err(|error| {
        format!(
            "cannot move {} to {}: {error}",
            found.display(),
            kept.display()
        )
    })?;
    let _ = fs::remove_dir_all(&work);
    if !is_static(&kept)? {
        return Err(format!("{} from {package} is not statically linked", kept.display()).into());
    }
    Ok(kept)
}

/// Whether the ELF executable at `path` has no program interpreter (no dynamic linker).
fn is_static(path: &Path) -> Result<bool> {
    let data =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let bad = |error: object::read::Error| {
        format!("{} is not an ELF executable: {error}", path.display())
    };
    let header = object::elf::FileHeader64::<object::Endianness>::parse(&*data).map_err(bad)?;
    let endian = header.endian().map_err(bad)?;
    let headers = header.program_headers(endian, &*data).map_err(bad)?;
    Ok(!headers
        .iter()
        .any(|ph| ph.p_type(endian) == object::elf::PT_INTERP))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ldd() {
        let out = "\tlinux-vdso.so.1 (0x00007ffd)\n\tlibbpf.so.1 => /lib/x86_64-linux-gnu/libbpf.so.1 (0x00007f32)\n\
                   \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3)\n\t/lib64/ld-linux-x86-64.so.2 (0x00007f32)\n";
        assert_eq!(
            parse_ldd(out).unwrap(),
            [
                PathBuf::from("/lib/x86_64-linux-gnu/libbpf.so.1"),
                PathBuf::from("/lib/x86_64-linux-gnu/libc.so.6"),
                PathBuf::from("/lib64/ld-linux-x86-64.so.2"),
            ]
        );
        assert!(parse_ldd("\tlibbpf.so.1 => not found\n").is_err());
    }

    #[test]
    fn quotes_arguments() {
        assert_eq!(quote("live"), "'live'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        let init = init_script(&["--exact".to_owned(), "a b".to_owned()]);
        assert!(init.contains("./kernel-tests '--exact' 'a b' 2>&1"));
        assert!(init.contains("BTF_RELOC_E2E_OBJECTS=/e2e/objects"));
    }
}
