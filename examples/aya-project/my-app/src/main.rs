//! my-app: loads the eBPF program `build.rs` built and post-linked, lets the loader relocate it
//! against the running kernel's BTF, fires it from a thread of its own, and checks every value it
//! read from `task_struct` against what the same thread learns from syscalls and procfs.
//!
//! Exits non-zero if anything differs. Needs root (or `CAP_BPF` and `CAP_PERFMON`), a kernel
//! with `/sys/kernel/btf/vmlinux`, and the initial pid namespace: the kernel's ids are global,
//! those a container's syscalls return are not.

use std::{ffi::CStr, fmt, fs, io, thread};

use anyhow::{Context as _, anyhow, bail};
use aya::{EbpfLoader, maps::Array, programs::TracePoint};
use btf_reloc_runtime::RelocatableFieldAccessError;
use my_app_common::{PROGRAM, Reading, TARGET_TGID, TASK_INFO, TRACEPOINT, TaskInfo};

/// The object `build.rs` post-linked. Its file name is the eBPF crate's binary name.
static OBJECT: &[u8] = aya::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/my-app"));

/// The name of the thread that fires the program. Not the process's name (`my-app`), and its tid
/// is not the process's pid: a program that read the wrong task, or `tgid` for `pid`, would show.
const PROBE_THREAD: &str = "my-app-probe";

fn main() -> anyhow::Result<()> {
    let memlock = raise_memlock_limit();
    let tgid = std::process::id();
    let mut ebpf = EbpfLoader::new()
        // The program records this process only.
        .override_global(TARGET_TGID, &tgid, true)
        // CO-RE relocation happens here, against /sys/kernel/btf/vmlinux.
        .load(OBJECT)
        .with_context(|| load_failed(&memlock))?;
    let program: &mut TracePoint = ebpf
        .program_mut(PROGRAM)
        .ok_or_else(|| anyhow!("the object has no program `{PROGRAM}`"))?
        .try_into()?;
    program
        .load()
        .with_context(|| format!("loading the program `{PROGRAM}` into the kernel"))?;
    let (category, name) = TRACEPOINT;
    program
        .attach(category, name)
        .with_context(|| format!("attaching `{PROGRAM}` to the tracepoint {category}/{name}"))?;

    let truth = fire_from_probe_thread()?;

    let map = ebpf
        .map(TASK_INFO)
        .ok_or_else(|| anyhow!("the object has no map `{TASK_INFO}`"))?;
    let info: TaskInfo = Array::<_, TaskInfo>::try_from(map)?
        .get(&0, 0)
        .with_context(|| format!("reading `{TASK_INFO}`[0]"))?;
    if info.hits == 0 {
        bail!(
            "the program never ran for this process (tracepoint {category}/{name}); in a pid \
             namespace of its own (a container), getpid() is not the kernel's tgid"
        );
    }

    let checks = [
        Check::int("task->pid", info.pid, truth.tid, "gettid()"),
        Check::int("task->tgid", info.tgid, tgid.into(), "getpid()"),
        Check::int(
            "task->real_parent->tgid",
            info.parent_tgid,
            truth.ppid,
            "getppid()",
        ),
        Check::int("task->cred->uid.val", info.uid, truth.uid, "getuid()"),
        Check::comm(&info, &truth.comm),
    ];
    println!("{:<24} {:<20} ground truth", "field", "read in the kernel");
    for check in &checks {
        println!("{check}");
    }
    let failed = checks.iter().filter(|check| !check.ok).count();
    if failed > 0 {
        bail!(
            "{failed} of {} fields differ from the ground truth",
            checks.len()
        );
    }
    println!("all {} fields match", checks.len());
    Ok(())
}

/// Kernels before 5.11 charge BPF maps against `RLIMIT_MEMLOCK`, whose default is too small for
/// them. Later kernels ignore it, so a failure (without `CAP_SYS_RESOURCE`, even root may not
/// raise the hard limit) only matters if loading fails too: it is reported then.
fn raise_memlock_limit() -> io::Result<()> {
    let unlimited = libc::rlimit {
        rlim_cur: libc::RLIM_INFINITY,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: `unlimited` is a valid `rlimit` that outlives the call.
    match unsafe { libc::setrlimit(libc::RLIMIT_MEMLOCK, &unlimited) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// The context of a failed load: what loading needs, and whether the memlock limit was raised.
fn load_failed(memlock: &io::Result<()>) -> String {
    let memlock = match memlock {
        Ok(()) => String::new(),
        Err(error) => format!("; the locked-memory limit could not be raised: {error}"),
    };
    format!("loading the eBPF object (needs root and /sys/kernel/btf/vmlinux{memlock})")
}

/// What the probe thread knows about itself without BPF.
struct GroundTruth {
    tid: i64,
    ppid: i64,
    uid: i64,
    comm: String,
}

/// Fires the program from a new thread named [`PROBE_THREAD`] and returns that thread's ground
/// truth.
fn fire_from_probe_thread() -> anyhow::Result<GroundTruth> {
    let probe = thread::Builder::new()
        .name(PROBE_THREAD.to_owned())
        .spawn(|| -> anyhow::Result<GroundTruth> {
            // `thread-self`: `/proc/self/comm` is the main thread's name.
            let comm = fs::read_to_string("/proc/thread-self/comm")
                .context("reading /proc/thread-self/comm")?;
            // getppid() is the tracepoint the program is attached to: this call fires it.
            let ppid = std::os::unix::process::parent_id();
            // SAFETY: gettid and getuid have no preconditions and cannot fail.
            let (tid, uid) = unsafe { (libc::gettid(), libc::getuid()) };
            Ok(GroundTruth {
                tid: tid.into(),
                ppid: ppid.into(),
                uid: uid.into(),
                comm: comm.trim_end_matches('\n').to_owned(),
            })
        })
        .context("starting the probe thread")?;
    probe
        .join()
        .map_err(|_| anyhow!("the probe thread panicked"))?
}

/// One field: what the program read next to the ground truth.
struct Check {
    field: &'static str,
    read: String,
    truth: String,
    ok: bool,
}

impl Check {
    fn int(field: &'static str, reading: Reading, truth: i64, source: &str) -> Self {
        let outcome = reading.get();
        Self {
            field,
            read: describe(outcome),
            truth: format!("{truth} ({source})"),
            ok: outcome == Some(Ok(Some(truth))),
        }
    }

    /// `comm`: `comm_str` returned how many bytes it copied (NUL included) into `info.comm`.
    fn comm(info: &TaskInfo, truth: &str) -> Self {
        let (read, ok) = match info.comm_len.get() {
            Some(Ok(Some(_))) => match CStr::from_bytes_until_nul(&info.comm) {
                Ok(comm) => {
                    let comm = comm.to_string_lossy();
                    (format!("{comm:?}"), comm == truth)
                }
                Err(_) => ("no NUL in the copied bytes".to_owned(), false),
            },
            outcome => (describe(outcome), false),
        };
        Self {
            field: "task->comm",
            read,
            truth: format!("{truth:?} (/proc/thread-self/comm)"),
            ok,
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            field,
            read,
            truth,
            ok,
        } = self;
        let verdict = if *ok { "" } else { "   <- MISMATCH" };
        write!(f, "{field:<24} {read:<20} {truth}{verdict}")
    }
}

/// A getter's outcome in words.
fn describe(outcome: Option<Result<Option<i64>, RelocatableFieldAccessError>>) -> String {
    match outcome {
        Some(Ok(Some(value))) => value.to_string(),
        Some(Ok(None)) => "not in this kernel".to_owned(),
        Some(Err(error)) => format!("error: {error}"),
        None => "not recorded".to_owned(),
    }
}
