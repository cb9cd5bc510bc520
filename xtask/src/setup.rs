//! Prerequisites of building and loading eBPF programs: the nightly toolchain
//! with `rust-src`, a `bpf-linker` built against that nightly's own libLLVM,
//! a mounted tracefs, libbpf's development files for the kernel tests'
//! libbpf loader, and clang for the C side of the benchmark. Each step checks
//! first and does nothing (and prints nothing) when already done.
//!
//! bpf-linker lives outside the repository, in
//! `$XDG_CACHE_HOME/btf-reloc/tools/llvm-<libLLVM file name>/` (default
//! `~/.cache/...`), so a fresh clone reuses it and a nightly update, which
//! renames libLLVM, gets a new build with a matching LLVM major.

use std::{
    ffi::CString,
    fs, io,
    mem::MaybeUninit,
    path::{Path, PathBuf},
    process::Command,
};

use btf_reloc_e2e_tests::libbpf_loader;

use crate::{cmd, Result};

const NIGHTLY: &str = "nightly";
const BPF_LINKER: &str = "bpf-linker";
pub(crate) const BPF_LINKER_VERSION: &str = "0.13.0";
const TRACEFS: &str = "/sys/kernel/tracing";

/// The toolchain pieces a build of the eBPF objects needs.
#[derive(Debug)]
pub(crate) struct Toolchain {
    /// Directory holding `bpf-linker`, to prepend to `PATH` for child builds
    /// (rustc calls the linker by name).
    pub(crate) bin_dir: PathBuf,
}

/// Everything: the toolchain, tracefs and libbpf's development files (for the libbpf loader).
pub(crate) fn all() -> Result<Toolchain> {
    let toolchain = toolchain()?;
    tracefs()?;
    libbpf_dev()?;
    Ok(toolchain)
}

/// Makes sure nightly, its `rust-src` and a matching bpf-linker are installed.
pub(crate) fn toolchain() -> Result<Toolchain> {
    let version = nightly_version()?;
    let llvm_major = llvm_major(&version)?;
    let sysroot = rustc_nightly(&["--print", "sysroot"], "rustc +nightly --print sysroot")?;
    let sysroot = PathBuf::from(sysroot.trim());
    ensure_rust_src(&sysroot)?;
    let libllvm = libllvm(&sysroot, llvm_major)?;
    let bin_dir = ensure_bpf_linker(&libllvm, llvm_major)?;
    Ok(Toolchain { bin_dir })
}

fn rustc_nightly(args: &[&str], what: &str) -> Result<String> {
    cmd::run(
        cmd::scrub_env(&mut Command::new("rustc"))
            .arg(format!("+{NIGHTLY}"))
            .args(args),
        what,
    )
}

fn rustup(args: &[&str], what: &str) -> Result<String> {
    cmd::run(cmd::scrub_env(&mut Command::new("rustup")).args(args), what)
}

/// `rustc +nightly -vV`, installing nightly first if that fails.
fn nightly_version() -> Result<String> {
    if let Ok(version) = rustc_nightly(&["-vV"], "rustc +nightly -vV") {
        return Ok(version);
    }
    eprintln!("installing the {NIGHTLY} toolchain...");
    rustup(
        &["toolchain", "install", NIGHTLY, "--profile", "minimal"],
        "installing the nightly toolchain",
    )?;
    rustc_nightly(&["-vV"], "rustc +nightly -vV")
}

fn llvm_major(version: &str) -> Result<u32> {
    version
        .lines()
        .find_map(|line| line.strip_prefix("LLVM version: "))
        .and_then(|llvm| llvm.split('.').next())
        .and_then(|major| major.trim().parse().ok())
        .ok_or_else(|| {
            format!("no `LLVM version: N.…` line in `rustc +nightly -vV`:\n{version}").into()
        })
}

fn ensure_rust_src(sysroot: &Path) -> Result<()> {
    let core = sysroot.join("lib/rustlib/src/rust/library/core/src/lib.rs");
    if core.is_file() {
        return Ok(());
    }
    rustup(
        &["component", "add", "rust-src", "--toolchain", NIGHTLY],
        "adding rust-src to the nightly toolchain",
    )
    .map(drop)
}

/// The shared libLLVM that nightly rustc itself uses: `lib/libLLVM.so.<major>.*`.
fn libllvm(sysroot: &Path, llvm_major: u32) -> Result<PathBuf> {
    let lib_dir = sysroot.join("lib");
    let prefix = format!("libLLVM.so.{llvm_major}.");
    let entries = fs::read_dir(&lib_dir)
        .map_err(|error| format!("cannot list {}: {error}", lib_dir.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("cannot list {}: {error}", lib_dir.display()))?;
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            found.push(entry.path());
        }
    }
    match <[PathBuf; 1]>::try_from(found) {
        Ok([libllvm]) => Ok(libllvm),
        Err(found) => Err(format!(
            "expected exactly one {prefix}* in {}, found {found:?}",
            lib_dir.display()
        )
        .into()),
    }
}

/// Where tool builds are cached, outside any clone of the repository.
fn tools_root() -> Result<PathBuf> {
    Ok(cache_root()?.join("tools"))
}

/// btf-reloc's cache, outside any clone of the repository: `$XDG_CACHE_HOME/btf-reloc` (default
/// `~/.cache/btf-reloc`).
pub(crate) fn cache_root() -> Result<PathBuf> {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .ok_or("neither XDG_CACHE_HOME nor HOME is set: no cache directory")?;
    Ok(cache.join("btf-reloc"))
}

/// Returns the bin dir of a bpf-linker linked against `libllvm`, building it
/// first if needed.
fn ensure_bpf_linker(libllvm: &Path, llvm_major: u32) -> Result<PathBuf> {
    let file_name = libllvm
        .file_name()
        .ok_or_else(|| format!("{} has no file name", libllvm.display()))?
        .to_string_lossy()
        .into_owned();
    let prefix = tools_root()?.join(format!("llvm-{file_name}"));
    let bin_dir = prefix.join("bin");
    let linker = bin_dir.join(BPF_LINKER);
    if linker.is_file() && linker_version(&linker).is_ok() {
        return Ok(bin_dir);
    }
    eprintln!("building {BPF_LINKER} {BPF_LINKER_VERSION} against {file_name} (about a minute)...");
    build_bpf_linker(&prefix, libllvm, &file_name, llvm_major)
        .map_err(|error| format!("{BPF_LINKER} build failed: {error}"))?;
    Ok(bin_dir)
}

/// The DESIGN.md recipe: an LLVM "prefix" whose `lib/` only holds links to
/// rustc's libLLVM, and `cargo install` with `LLVM_PREFIX` pointing at it.
/// llvm-sys records that directory as the binary's runpath, so bpf-linker
/// finds libLLVM without `LD_LIBRARY_PATH`.
fn build_bpf_linker(prefix: &Path, libllvm: &Path, file_name: &str, llvm_major: u32) -> Result<()> {
    let lib_dir = prefix.join("lib");
    fs::create_dir_all(&lib_dir)
        .map_err(|error| format!("cannot create {}: {error}", lib_dir.display()))?;
    for link in ["libLLVM.so", file_name] {
        symlink(libllvm, &lib_dir.join(link))?;
    }
    let package = format!("{BPF_LINKER}@{BPF_LINKER_VERSION}");
    let features = format!("llvm-{llvm_major}");
    cmd::run(
        cmd::scrub_env(&mut Command::new("cargo"))
            // Away from any rust-toolchain.toml.
            .current_dir(prefix)
            .env("LLVM_PREFIX", prefix)
            .args(["+stable", "install", &package, "--locked", "--root"])
            .arg(prefix)
            .args(["--no-default-features", "--features", &features]),
        &format!("cargo install {package}"),
    )?;
    linker_version(&prefix.join("bin").join(BPF_LINKER)).map(drop)
}

/// `bpf-linker --version`: proves the binary runs and finds its libLLVM.
fn linker_version(linker: &Path) -> Result<String> {
    cmd::run(
        Command::new(linker).arg("--version"),
        &format!("{} --version", linker.display()),
    )
}

/// Creates (or replaces) the symlink `link` -> `target`.
fn symlink(target: &Path, link: &Path) -> Result<()> {
    match fs::remove_file(link) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("cannot remove {}: {error}", link.display()).into()),
    }
    std::os::unix::fs::symlink(target, link).map_err(|error| {
        format!(
            "cannot link {} -> {}: {error}",
            link.display(),
            target.display()
        )
        .into()
    })
}

/// Installs libbpf's development files with apt-get unless their header is already there.
fn libbpf_dev() -> Result<()> {
    use libbpf_loader::{HEADER, PACKAGE};
    if Path::new(HEADER).is_file() {
        return Ok(());
    }
    apt_install(&[PACKAGE], "the libbpf loader test").map_err(|error| {
        format!(
            "{error}\n(the libbpf loader test needs {HEADER}; install libbpf's development files)"
        )
    })?;
    Ok(())
}

/// The C compiler of `cargo xtask bench`: clang and libbpf's headers (`bpf_helpers.h`,
/// `bpf_core_read.h`), installed with apt-get when missing. Returns clang's path.
pub(crate) fn clang() -> Result<PathBuf> {
    const CLANG: (&str, &str) = ("/usr/bin/clang", "clang");
    let missing: Vec<&str> = [CLANG, (libbpf_loader::HEADER, libbpf_loader::PACKAGE)]
        .into_iter()
        .filter(|(file, _)| !Path::new(file).is_file())
        .map(|(_, package)| package)
        .collect();
    if !missing.is_empty() {
        apt_install(&missing, "the C side of the benchmark")?;
    }
    Ok(PathBuf::from(CLANG.0))
}

/// `apt-get install PACKAGES`, after `apt-get update`: a fresh machine may have no package lists
/// yet.
fn apt_install(packages: &[&str], what_for: &str) -> Result<()> {
    let names = packages.join(" ");
    eprintln!("installing {names} (for {what_for})...");
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["update", "-q"]),
        "apt-get update",
    )?;
    cmd::run(
        Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q"])
            .args(packages),
        &format!("apt-get install {names}"),
    )?;
    Ok(())
}

/// Mounts tracefs at [`TRACEFS`] unless something is mounted there already;
/// aya attaches tracepoints and kprobes through it.
pub(crate) fn tracefs() -> Result<()> {
    let path = CString::new(TRACEFS)?;
    if fs_magic(&path).map_err(|error| format!("cannot stat {TRACEFS}: {error}"))?
        == libc::TRACEFS_MAGIC
    {
        return Ok(());
    }
    // SAFETY: every pointer is a NUL-terminated string that outlives the call,
    // and tracefs takes no mount data.
    let ret = unsafe {
        libc::mount(
            c"nodev".as_ptr(),
            path.as_ptr(),
            c"tracefs".as_ptr(),
            0,
            std::ptr::null(),
        )
    };
    if ret != 0 {
        let error = io::Error::last_os_error();
        return Err(format!(
            "tracefs is not mounted at {TRACEFS} and mounting it failed: {error} (this needs root)"
        )
        .into());
    }
    Ok(())
}

/// The filesystem magic (`statfs::f_type`) of `path`.
fn fs_magic(path: &CString) -> io::Result<libc::c_long> {
    let mut buf = MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `path` is NUL-terminated and `buf` is valid for writing one `statfs`.
    let ret = unsafe { libc::statfs(path.as_ptr(), buf.as_mut_ptr()) };
    if ret != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: statfs returned 0, so it filled in `buf`.
    let stat = unsafe { buf.assume_init() };
    Ok(stat.f_type)
}
