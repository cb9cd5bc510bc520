//! Talking to the running kernel for the e2e tests and the demo: load an
//! object for this process, attach one of its programs, trigger it, read its
//! maps, and get the ground truth (pid, tid, comm) to compare with.

use std::{fs, path::Path};

use aya::{
    maps::Array,
    programs::{trace_point::TracePointLinkId, TracePoint},
    Ebpf, EbpfLoader, Pod,
};

use crate::{error_chain, Result};

/// Every e2e program is a tracepoint here: userspace triggers it with a plain
/// `getppid()`, which little else on the machine calls.
const TRIGGER_CATEGORY: &str = "syscalls";
const TRIGGER_NAME: &str = "sys_enter_getppid";

/// Loads the object at `obj` with `TARGET_TGID` set to this process, so its
/// programs ignore every other process.
pub(crate) fn load(obj: &Path) -> Result<Ebpf> {
    let tgid = std::process::id();
    EbpfLoader::new()
        .override_global("TARGET_TGID", &tgid, true)
        .load_file(obj)
        .map_err(|error| format!("loading {}: {}", obj.display(), error_chain(&error)).into())
}

/// Loads the tracepoint program `name` into the kernel and attaches it to the
/// trigger. It stays attached until `ebpf` is dropped.
pub(crate) fn attach(ebpf: &mut Ebpf, name: &str) -> Result<TracePointLinkId> {
    let program: &mut TracePoint = ebpf
        .program_mut(name)
        .ok_or_else(|| format!("the object has no program `{name}`"))?
        .try_into()?;
    program
        .load()
        .map_err(|error| format!("loading program `{name}`: {}", error_chain(&error)))?;
    let link = program
        .attach(TRIGGER_CATEGORY, TRIGGER_NAME)
        .map_err(|error| format!("attaching `{name}`: {}", error_chain(&error)))?;
    Ok(link)
}

/// Element 0 of the array map `name`.
pub(crate) fn read_first<V: Pod>(ebpf: &Ebpf, name: &str) -> Result<V> {
    read_at(ebpf, name, 0)
}

/// Element `index` of the array map `name`.
pub(crate) fn read_at<V: Pod>(ebpf: &Ebpf, name: &str, index: u32) -> Result<V> {
    let map = ebpf
        .map(name)
        .ok_or_else(|| format!("the object has no map `{name}`"))?;
    let array = Array::<_, V>::try_from(map)?;
    array
        .get(&index, 0)
        .map_err(|error| format!("reading map `{name}`[{index}]: {}", error_chain(&error)).into())
}

/// Fires the trigger tracepoint from the calling thread.
pub(crate) fn trigger() {
    // The value does not matter; the syscall does.
    let _ = std::os::unix::process::parent_id();
}

/// Fires the trigger from a new thread and returns that thread's id, so a
/// test can tell a thread's pid from its process's tgid.
pub(crate) fn trigger_on_new_thread() -> Result<u32> {
    std::thread::spawn(|| {
        trigger();
        gettid()
    })
    .join()
    .map_err(|_| "the trigger thread panicked".into())
}

/// The thread [`trigger_on_named_thread`] fired the trigger from.
#[derive(Debug)]
pub(crate) struct TriggerThread {
    /// Its kernel pid (`gettid()`).
    pub(crate) tid: u32,
    /// Its `/proc/thread-self/comm`, read on the thread.
    pub(crate) comm: String,
}

/// Fires the trigger from a new thread called `name` (the kernel truncates it to 15 bytes).
pub(crate) fn trigger_on_named_thread(name: &str) -> Result<TriggerThread> {
    let thread =
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(|| -> Result<TriggerThread> {
                let comm = fs::read_to_string("/proc/thread-self/comm")
                    .map_err(|error| format!("cannot read /proc/thread-self/comm: {error}"))?;
                trigger();
                Ok(TriggerThread {
                    tid: gettid(),
                    comm: comm.trim_end_matches('\n').to_owned(),
                })
            })?;
    thread
        .join()
        .map_err(|_| -> crate::Error { "the trigger thread panicked".into() })?
}

/// The kernel's pid of the calling thread (`tgid << 32 | pid` is what
/// `bpf_get_current_pid_tgid` returns).
pub(crate) fn gettid() -> u32 {
    // SAFETY: gettid has no preconditions and cannot fail.
    let tid = unsafe { libc::gettid() };
    tid.unsigned_abs()
}

/// `/proc/self/comm` without the trailing newline.
pub(crate) fn comm() -> Result<String> {
    let comm = fs::read_to_string("/proc/self/comm")
        .map_err(|error| format!("cannot read /proc/self/comm: {error}"))?;
    Ok(comm.trim_end_matches('\n').to_owned())
}

/// `bpf_get_current_comm` output (NUL-padded) as a string.
pub(crate) fn comm_from_bytes(bytes: &[u8]) -> String {
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}
