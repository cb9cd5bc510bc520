//! The kernels of the matrix: Debian's `cloud-amd64` images (the smallest flavour, and it boots
//! under qemu with its drivers built in), `-unsigned` so that no shim is involved. The newest
//! package of each series that the mirror serves is downloaded once into the cache, and only
//! its `vmlinuz` and `config` are kept. Its config must have what the kernel tests need, and
//! what booting from an initramfs with a serial console needs, built in.

use std::{
    fs,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use super::apt::Release;
use crate::{cmd, Result};

/// A series of the matrix: where its packages are and how they are named
/// (`<prefix><N><suffix>`; the largest `N` is the newest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Series {
    /// How the matrix names it (`5.10`).
    pub(crate) name: &'static str,
    /// The Debian release whose archive has it.
    release: &'static str,
    prefix: &'static str,
    suffix: &'static str,
}

/// 5.10 (Debian 11), 6.1 and 6.12 (Debian 12): before and after `ENUM64` (6.0) and `__state`
/// (5.14), and the newest long-term kernel Debian 12 ships.
pub(crate) const SERIES: [Series; 3] = [
    Series {
        name: "5.10",
        release: "bullseye",
        prefix: "linux-image-5.10.0-",
        suffix: "-cloud-amd64-unsigned",
    },
    Series {
        name: "6.1",
        release: "bookworm",
        prefix: "linux-image-6.1.0-",
        suffix: "-cloud-amd64-unsigned",
    },
    Series {
        name: "6.12",
        release: "bookworm",
        prefix: "linux-image-6.12.",
        suffix: "+deb12-cloud-amd64-unsigned",
    },
];

/// What the kernel tests and the boot need, as `CONFIG_…=y` (built in, not a module: the
/// initramfs holds no modules).
const REQUIRED: [(&str, &str); 12] = [
    (
        "DEBUG_INFO_BTF",
        "/sys/kernel/btf/vmlinux, the target of every relocation",
    ),
    ("BPF_SYSCALL", "loading programs and maps"),
    (
        "BPF_EVENTS",
        "attaching programs to tracepoints, kprobes and uprobes",
    ),
    (
        "FTRACE_SYSCALLS",
        "the syscalls tracepoints the tests trigger",
    ),
    ("KPROBE_EVENTS", "kprobes"),
    ("UPROBE_EVENTS", "uprobes on the test executable"),
    ("DEBUG_FS", "the tracing directory of older kernels"),
    ("BLK_DEV_INITRD", "booting from the initramfs"),
    ("DEVTMPFS", "/dev in the initramfs"),
    ("SERIAL_8250", "the serial ports"),
    ("SERIAL_8250_CONSOLE", "the console on ttyS0"),
    ("PROC_FS", "/proc"),
];

/// A kernel image in the cache.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    pub(crate) series: Series,
    /// The Debian package it came from.
    pub(crate) package: String,
    /// The upstream version (`6.1.192`), from the package's version.
    pub(crate) version: String,
    pub(crate) vmlinuz: PathBuf,
}

/// `N` of a package name of `series`, if it is one.
fn number(series: &Series, package: &str) -> Option<u64> {
    let n = package
        .strip_prefix(series.prefix)?
        .strip_suffix(series.suffix)?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// The newest kernel of `series` that can be had: the mirror's newest that downloads (a mirror
/// may list a package it does not hold), or one already in the cache. `cache` is the matrix's
/// cache directory.
pub(crate) fn fetch(cache: &Path, series: &Series) -> Result<Kernel> {
    let release = Release::open(cache, series.release)?;
    let mut packages: Vec<(u64, String)> = release
        .names(series.prefix)?
        .into_iter()
        .filter_map(|name| number(series, &name).map(|n| (n, name)))
        .collect();
    packages.sort();
    packages.dedup();
    if packages.is_empty() {
        return Err(format!(
            "no package `{}N{}` in Debian {}'s package lists (from the machine's mirror)",
            series.prefix, series.suffix, series.release
        )
        .into());
    }
    let dir = cache.join("kernels");
    let mut failures = Vec::new();
    for (_, package) in packages.iter().rev() {
        let kernel = match cached(&dir, series, package) {
            Some(kernel) => Ok(kernel),
            None => download(&release, &dir, series, package),
        };
        match kernel {
            Ok(kernel) => {
                check_config(&kernel, &dir.join(package).join("config"))?;
                forget_others(&dir, series, package);
                return Ok(kernel);
            }
            Err(error) => failures.push(format!(
                "{package}: {}",
                super::first_line(&error.to_string())
            )),
        }
    }
    Err(format!(
        "no {} kernel could be downloaded:\n  {}",
        series.name,
        failures.join("\n  ")
    )
    .into())
}

/// The kernel `package` if the cache has it.
fn cached(dir: &Path, series: &Series, package: &str) -> Option<Kernel> {
    let here = dir.join(package);
    let vmlinuz = here.join("vmlinuz");
    let version = fs::read_to_string(here.join("version")).ok()?;
    (vmlinuz.is_file() && here.join("config").is_file()).then(|| Kernel {
        series: *series,
        package: package.to_owned(),
        version: version.trim().to_owned(),
        vmlinuz,
    })
}

/// Downloads `package`, keeps its `vmlinuz`, `config` and upstream version in `dir/package/`;
/// nothing is left behind when that fails.
fn download(release: &Release, dir: &Path, series: &Series, package: &str) -> Result<Kernel> {
    let work = dir.join(format!("{package}.partial"));
    let _ = fs::remove_dir_all(&work);
    let kernel = download_into(release, dir, &work, series, package);
    let _ = fs::remove_dir_all(&work);
    if kernel.is_ok() {
        eprintln!("downloaded {package}");
    }
    kernel
}

fn download_into(
    release: &Release,
    dir: &Path,
    work: &Path,
    series: &Series,
    package: &str,
) -> Result<Kernel> {
    let deb = release.download(package, work)?;
    let version = cmd::run(
        Command::new("dpkg-deb")
            .args(["--field"])
            .arg(&deb)
            .arg("Version"),
        &format!("dpkg-deb --field {} Version", deb.display()),
    )?;
    // `6.1.192-3` -> `6.1.192`; `6.12.117-1~deb12u1` -> `6.12.117`.
    let version = version
        .trim()
        .split(['-', '~', '+'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let root = work.join("root");
    extract(&deb, &root, "./boot")?;
    let boot = root.join("boot");
    let find = |prefix: &str| -> Result<PathBuf> {
        fs::read_dir(&boot)
            .map_err(|error| format!("{package}: cannot list /boot: {error}"))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .find(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with(prefix))
            })
            .ok_or_else(|| format!("{package} has no /boot/{prefix}*").into())
    };
    let keep = work.join("keep");
    fs::create_dir_all(&keep)
        .map_err(|error| format!("cannot create {}: {error}", keep.display()))?;
    for (prefix, name) in [("vmlinuz-", "vmlinuz"), ("config-", "config")] {
        let from = find(prefix)?;
        fs::rename(&from, keep.join(name))
            .map_err(|error| format!("cannot move {}: {error}", from.display()))?;
    }
    fs::write(keep.join("version"), &version)
        .map_err(|error| format!("cannot write {}: {error}", keep.display()))?;
    let here = dir.join(package);
    let _ = fs::remove_dir_all(&here);
    fs::rename(&keep, &here).map_err(|error| {
        format!(
            "cannot move {} to {}: {error}",
            keep.display(),
            here.display()
        )
    })?;
    cached(dir, series, package)
        .ok_or_else(|| format!("{package}: nothing was kept in {}", here.display()).into())
}

/// Extracts the members under `member` (`./boot`) of the `.deb`'s file system into `into`:
/// `dpkg-deb --fsys-tarfile DEB | tar -x`, so that the modules are never written out.
pub(crate) fn extract(deb: &Path, into: &Path, member: &str) -> Result<()> {
    fs::create_dir_all(into)
        .map_err(|error| format!("cannot create {}: {error}", into.display()))?;
    let mut dpkg = Command::new("dpkg-deb")
        .arg("--fsys-tarfile")
        .arg(deb)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run dpkg-deb: {error}"))?;
    let Some(tarfile) = dpkg.stdout.take() else {
        let _ = dpkg.kill();
        let _ = dpkg.wait();
        return Err("dpkg-deb gave no output pipe".into());
    };
    let tar = cmd::run(
        Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(into)
            .arg(member)
            .stdin(tarfile),
        &format!("extracting {member} of {}", deb.display()),
    );
    let dpkg = dpkg.wait().map_err(|error| format!("dpkg-deb: {error}"))?;
    tar?;
    if !dpkg.success() {
        return Err(format!("dpkg-deb --fsys-tarfile {} failed ({dpkg})", deb.display()).into());
    }
    Ok(())
}

/// Removes the cached kernels of `series` other than `keep`.
fn forget_others(dir: &Path, series: &Series, keep: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name != keep && number(series, name).is_some() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Fails unless every option of [`REQUIRED`] is `=y` in the kernel's `config`.
fn check_config(kernel: &Kernel, config: &Path) -> Result<()> {
    let text = fs::read_to_string(config)
        .map_err(|error| format!("cannot read {}: {error}", config.display()))?;
    let missing = missing_options(&text);
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{} ({}) cannot run the kernel tests; its config lacks:\n  {}",
        kernel.package,
        config.display(),
        missing.join("\n  ")
    )
    .into())
}

/// The options of [`REQUIRED`] that are not `=y` in `config`, with what they are for.
fn missing_options(config: &str) -> Vec<String> {
    REQUIRED
        .iter()
        .filter(|(option, _)| {
            !config
                .lines()
                .any(|line| line.trim() == format!("CONFIG_{option}=y"))
        })
        .map(|(option, why)| format!("CONFIG_{option}=y ({why})"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_numbers() {
        let [old, _, new] = SERIES;
        assert_eq!(
            number(&old, "linux-image-5.10.0-43-cloud-amd64-unsigned"),
            Some(43)
        );
        assert_eq!(number(&old, "linux-image-5.10.0-43-cloud-amd64"), None);
        assert_eq!(
            number(&old, "linux-image-5.10.0-43-rt-cloud-amd64-unsigned"),
            None
        );
        assert_eq!(
            number(&new, "linux-image-6.12.117+deb12-cloud-amd64-unsigned"),
            Some(117)
        );
        assert_eq!(
            number(&new, "linux-image-6.12.+deb12-cloud-amd64-unsigned"),
            None
        );
    }

    #[test]
    fn config_options_must_be_built_in() {
        let all: String = REQUIRED
            .iter()
            .map(|(o, _)| format!("CONFIG_{o}=y\n"))
            .collect();
        assert!(missing_options(&all).is_empty());
        let module = all.replace("CONFIG_BPF_EVENTS=y", "CONFIG_BPF_EVENTS=m");
        let missing = missing_options(&module);
        assert_eq!(missing.len(), 1);
        assert!(missing[0].starts_with("CONFIG_BPF_EVENTS=y"));
    }
}
