//! Booting one kernel with the matrix's initramfs under qemu: TCG (KVM hangs on the machines
//! this runs on), no display, no reboot (a kernel panic, `panic=-1`, ends qemu), the console on
//! the first serial port and the tests' own output on the second, each written to a file. A
//! boot that outlasts its time is killed.

use std::{
    fs,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    thread,
    time::{Duration, Instant},
};

use super::initramfs::EXIT_MARKER;
use crate::Result;

const QEMU: &str = "qemu-system-x86_64";
/// The Debian package that has it.
pub(crate) const PACKAGE: &str = "qemu-system-x86";

/// What a boot left.
#[derive(Debug)]
pub(crate) struct Boot {
    /// What the tests printed (the second serial port), `\r` removed.
    pub(crate) output: String,
    /// The tests' exit status, if `/init` got to report it.
    pub(crate) exit: Option<i32>,
    /// Whether qemu was killed at the time limit.
    pub(crate) timed_out: bool,
    pub(crate) wall: Duration,
    /// The console log (kernel messages and the tests' output).
    pub(crate) console: PathBuf,
}

/// Whether qemu can be run.
pub(crate) fn available() -> bool {
    Command::new(QEMU)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// A `-chardev file` path: qemu's option syntax doubles commas.
fn chardev_path(path: &Path) -> Result<String> {
    let path = path
        .to_str()
        .ok_or_else(|| format!("{} is not UTF-8", path.display()))?;
    Ok(path.replace(',', ",,"))
}

/// Boots `vmlinuz` with `initramfs`, its logs in `logs`, and waits at most `limit`.
pub(crate) fn boot(vmlinuz: &Path, initramfs: &Path, logs: &Path, limit: Duration) -> Result<Boot> {
    fs::create_dir_all(logs)
        .map_err(|error| format!("cannot create {}: {error}", logs.display()))?;
    let console = logs.join("console.log");
    let tests = logs.join("tests.log");
    let qemu_log = logs.join("qemu.log");
    for file in [&console, &tests] {
        // qemu appends to nothing: it truncates, but a stale file must not pass for output
        // if qemu fails to start.
        let _ = fs::remove_file(file);
    }
    let stderr = fs::File::create(&qemu_log)
        .map_err(|error| format!("cannot create {}: {error}", qemu_log.display()))?;
    let stdout = stderr
        .try_clone()
        .map_err(|error| format!("cannot reopen {}: {error}", qemu_log.display()))?;
    let mut command = Command::new(QEMU);
    command
        .args(["-accel", "tcg", "-m", "2048", "-smp", "1"])
        .args(["-display", "none", "-monitor", "none", "-no-reboot"])
        .arg("-chardev")
        .arg(format!("file,id=console,path={}", chardev_path(&console)?))
        .arg("-chardev")
        .arg(format!("file,id=tests,path={}", chardev_path(&tests)?))
        .args(["-serial", "chardev:console", "-serial", "chardev:tests"])
        .arg("-kernel")
        .arg(vmlinuz)
        .arg("-initrd")
        .arg(initramfs)
        .args([
            "-append",
            "console=ttyS0 panic=-1 oops=panic rdinit=/init loglevel=4",
        ])
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr);
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|error| format!("cannot run {QEMU}: {error}"))?;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|error| format!("waiting for {QEMU}: {error}"))?
        {
            break Some(status);
        }
        if start.elapsed() >= limit {
            timed_out = true;
            // Our own child, by its handle.
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(200));
    };
    let wall = start.elapsed();
    if let Some(status) = status.filter(|status| !status.success()) {
        let log = fs::read_to_string(&qemu_log).unwrap_or_default();
        return Err(format!("{QEMU} failed ({status}):\n{}", log.trim_end()).into());
    }
    let output = fs::read(&tests)
        .map(|bytes| String::from_utf8_lossy(&bytes).replace('\r', ""))
        .unwrap_or_default();
    let exit = exit_code(&output);
    Ok(Boot {
        output,
        exit,
        timed_out,
        wall,
        console,
    })
}

/// The code after the last [`EXIT_MARKER`] line.
fn exit_code(output: &str) -> Option<i32> {
    output
        .lines()
        .rev()
        .find_map(|line| line.trim().strip_prefix(EXIT_MARKER))
        .and_then(|code| code.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_exit_code() {
        assert_eq!(
            exit_code("test a ... ok\nBTF_RELOC_MATRIX_EXIT 101\n"),
            Some(101)
        );
        assert_eq!(exit_code("test a ... ok\n"), None);
        assert_eq!(exit_code("BTF_RELOC_MATRIX_EXIT x\n"), None);
    }

    #[test]
    fn escapes_commas() {
        assert_eq!(chardev_path(Path::new("/a,b/c")).unwrap(), "/a,,b/c");
    }
}
