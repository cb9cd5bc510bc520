//! Talking to the running kernel, for the tests and the demo: load an object for this process
//! (against the kernel's BTF or a made-up one), attach one of its programs, fire it, read its
//! maps, and get the ground truth (pid, tid, comm) to compare with.

use std::{fs, path::Path};

use aya::{
    maps::Array,
    programs::{trace_point::TracePointLinkId, uprobe::UProbeScope, TracePoint, UProbe},
    Btf, Ebpf, EbpfLoader, Pod,
};
use btf_reloc_e2e_common::{TARGET_TGID, TRIGGER_CATEGORY, TRIGGER_NAME};

use crate::{error_chain, Result};

/// Loads the object at `obj`, relocated against the running kernel's BTF, with its
/// [`TARGET_TGID`] set to this process so that its programs ignore every other process.
pub fn load(obj: &Path) -> Result<Ebpf> {
    load_with(obj, None)
}

/// [`load`], relocated against `btf` instead of the running kernel's BTF.
pub fn load_against(obj: &Path, btf: &Btf) -> Result<Ebpf> {
    load_with(obj, Some(btf))
}

fn load_with(obj: &Path, btf: Option<&Btf>) -> Result<Ebpf> {
    let tgid = std::process::id();
    let mut loader = EbpfLoader::new();
    if let Some(btf) = btf {
        loader.btf(Some(btf));
    }
    loader
        .override_global(TARGET_TGID, &tgid, true)
        .load_file(obj)
        .map_err(|error| format!("loading {}: {}", obj.display(), error_chain(&error)).into())
}

/// Loads the tracepoint program `name` into the kernel and attaches it to the trigger
/// ([`trigger`]). It stays attached until `ebpf` is dropped.
pub fn attach(ebpf: &mut Ebpf, name: &str) -> Result<TracePointLinkId> {
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

/// Loads the uprobe program `name` into the kernel and attaches it to the function `symbol` of
/// this executable. It stays attached until `ebpf` is dropped.
pub fn attach_uprobe(ebpf: &mut Ebpf, name: &str, symbol: &str) -> Result<()> {
    // `/proc/self/exe` rather than `current_exe()`: the kernel resolves it to this process's
    // inode even if cargo has rebuilt the file since.
    const THIS_EXECUTABLE: &str = "/proc/self/exe";
    let uprobe: &mut UProbe = ebpf
        .program_mut(name)
        .ok_or_else(|| format!("the object has no program `{name}`"))?
        .try_into()?;
    uprobe
        .load()
        .map_err(|error| format!("loading program `{name}`: {}", error_chain(&error)))?;
    // Every process running this executable would fire it; the program keeps only ours
    // (TARGET_TGID).
    uprobe
        .attach(symbol, THIS_EXECUTABLE, UProbeScope::AllProcesses)
        .map_err(|error| format!("attaching `{name}`: {}", error_chain(&error)))?;
    Ok(())
}

/// Element 0 of the array map `name`.
pub fn read_first<V: Pod>(ebpf: &Ebpf, name: &str) -> Result<V> {
    read_at(ebpf, name, 0)
}

/// Element `index` of the array map `name`.
pub fn read_at<V: Pod>(ebpf: &Ebpf, name: &str, index: u32) -> Result<V> {
    let map = ebpf
        .map(name)
        .ok_or_else(|| format!("the object has no map `{name}`"))?;
    let array = Array::<_, V>::try_from(map)?;
    array
        .get(&index, 0)
        .map_err(|error| format!("reading map `{name}`[{index}]: {}", error_chain(&error)).into())
}

/// Fires the trigger tracepoint from the calling thread.
pub fn trigger() {
    // The value does not matter; the syscall does.
    let _ = std::os::unix::process::parent_id();
}

/// Fires the trigger from a new thread and returns that thread's id, so a test can tell a
/// thread's pid from its process's tgid.
pub fn trigger_on_new_thread() -> Result<u32> {
    std::thread::spawn(|| {
        trigger();
        gettid()
    })
    .join()
    .map_err(|_| "the trigger thread panicked".into())
}

/// The thread [`trigger_on_named_thread`] fired the trigger from.
#[derive(Debug)]
pub struct TriggerThread {
    /// Its kernel pid (`gettid()`).
    pub tid: u32,
    /// Its `/proc/thread-self/comm`, read on the thread.
    pub comm: String,
}

/// Fires the trigger from a new thread called `name` (the kernel truncates it to 15 bytes).
pub fn trigger_on_named_thread(name: &str) -> Result<TriggerThread> {
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
pub fn gettid() -> u32 {
    // SAFETY: gettid has no preconditions and cannot fail.
    let tid = unsafe { libc::gettid() };
    tid.unsigned_abs()
}

/// `/proc/self/comm` without the trailing newline.
pub fn comm() -> Result<String> {
    let comm = fs::read_to_string("/proc/self/comm")
        .map_err(|error| format!("cannot read /proc/self/comm: {error}"))?;
    Ok(comm.trim_end_matches('\n').to_owned())
}

/// `/proc/thread-self/comm` without the trailing newline: the calling thread's name, which a
/// program triggered from this thread sees in `task_struct.comm`.
pub fn thread_comm() -> Result<String> {
    let comm = fs::read_to_string("/proc/thread-self/comm")
        .map_err(|error| format!("cannot read /proc/thread-self/comm: {error}"))?;
    Ok(comm.trim_end_matches('\n').to_owned())
}

/// A NUL-padded string from a map (`bpf_get_current_comm`, `*_str` reads) as a string.
pub fn string_from_bytes(bytes: &[u8]) -> String {
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..len]).into_owned()
}

/// Whether the running kernel takes `BTF_KIND_ENUM64` (6.0 and later), as aya probes it (by
/// loading a small BTF with one) and decides by: without it, aya 0.14 turns an object's own
/// `ENUM64` types into `UNION`s before relocating. A kernel whose own BTF holds an `ENUM64`
/// must take it; a disagreement is an error.
pub fn takes_enum64() -> Result<bool> {
    let takes = aya::features().btf().is_some_and(|btf| btf.btf_enum64());
    let vmlinux = crate::btf_layout::vmlinux()?;
    if !takes
        && vmlinux
            .types()
            .any(|(_, ty)| matches!(ty.kind, btf_reloc_btf::Kind::Enum64(_)))
    {
        return Err("aya's probe says the kernel does not take ENUM64, but its BTF has one".into());
    }
    Ok(takes)
}
