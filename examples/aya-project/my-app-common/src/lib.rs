//! What my-app's eBPF program and its userspace loader share: the names they agree on and the
//! layout of the map value the program fills in.
//!
//! A btf-reloc getter returns `Result<Option<T>, RelocatableFieldAccessError>`: the value, "this
//! kernel has no such field", or why the read failed. [`Reading`] carries that whole outcome
//! through the map, so userspace can tell a missing field from a failed read from a zero.
#![no_std]

use btf_reloc_runtime::RelocatableFieldAccessError;

/// The map the program writes [`TaskInfo`] into (an array of one).
pub const TASK_INFO: &str = "TASK_INFO";

/// The `.rodata` global that tells the program which process to record (its tgid); userspace
/// sets it at load time.
pub const TARGET_TGID: &str = "TARGET_TGID";

/// The program's name (the name of its function).
pub const PROGRAM: &str = "my_app";

/// The tracepoint it attaches to: userspace fires it with `getppid()`.
pub const TRACEPOINT: (&str, &str) = ("syscalls", "sys_enter_getppid");

/// Length of `task_struct::comm` (`TASK_COMM_LEN`).
pub const COMM_LEN: usize = 16;

/// What the program read from the `task_struct` of the thread that fired it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct TaskInfo {
    /// How many times the program recorded the target process: 0 means it never ran for it.
    pub hits: u64,
    /// `task->pid` (the thread's id, `gettid()`).
    pub pid: Reading,
    /// `task->tgid` (the process's id, `getpid()`).
    pub tgid: Reading,
    /// `task->real_parent->tgid` (`getppid()`).
    pub parent_tgid: Reading,
    /// `task->cred->uid.val` (`getuid()`).
    pub uid: Reading,
    /// What `comm_str` returned: the bytes copied into [`comm`](Self::comm), NUL included.
    pub comm_len: Reading,
    /// `task->comm`, NUL-terminated.
    pub comm: [u8; COMM_LEN],
}

// No padding: every field is 8-byte aligned, but the byte array at the end, which fills the rest.
const _: () = assert!(
    size_of::<TaskInfo>() == size_of::<u64>() + 5 * size_of::<Reading>() + COMM_LEN
        && size_of::<Reading>() == 2 * size_of::<u32>() + 3 * size_of::<u64>()
);

// SAFETY: `TaskInfo` and `Reading` are `repr(C)`, `Copy`, without padding (checked above), and
// every bit pattern is a valid value of them.
#[cfg(feature = "user")]
unsafe impl aya::Pod for TaskInfo {}

/// One getter's outcome, `Result<Option<i64>, RelocatableFieldAccessError>`, in a form that fits
/// a map value.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// One of the `KIND_*` constants; 0 (all-zero memory) is "nothing recorded".
    kind: u32,
    /// The error code of a failed probe read.
    code: i32,
    /// The value read.
    value: i64,
    /// `expected` and `actual` of a size mismatch, `index` and `len` of an out-of-bounds element.
    sizes: [u64; 2],
}

impl Reading {
    const KIND_VALUE: u32 = 1;
    const KIND_MISSING: u32 = 2;
    const KIND_SIZE_MISMATCH: u32 = 3;
    const KIND_PROBE_READ: u32 = 4;
    const KIND_NULL_POINTER: u32 = 5;
    const KIND_INDEX_OUT_OF_BOUNDS: u32 = 6;

    /// Encodes a getter's outcome (eBPF side). Nothing here can panic: a value beyond `i64`
    /// (only a `u64`/`usize` could be) saturates.
    #[inline(always)]
    pub fn new<T: TryInto<i64>>(outcome: Result<Option<T>, RelocatableFieldAccessError>) -> Self {
        use RelocatableFieldAccessError as E;
        let empty = Self::default();
        match outcome {
            Ok(Some(value)) => Self {
                kind: Self::KIND_VALUE,
                value: value.try_into().unwrap_or(i64::MAX),
                ..empty
            },
            Ok(None) => Self {
                kind: Self::KIND_MISSING,
                ..empty
            },
            Err(E::SizeMismatch { expected, actual }) => Self {
                kind: Self::KIND_SIZE_MISMATCH,
                sizes: [to_u64(expected), to_u64(actual)],
                ..empty
            },
            Err(E::ProbeRead(code)) => Self {
                kind: Self::KIND_PROBE_READ,
                code,
                ..empty
            },
            Err(E::NullPointer) => Self {
                kind: Self::KIND_NULL_POINTER,
                ..empty
            },
            Err(E::IndexOutOfBounds { index, len }) => Self {
                kind: Self::KIND_INDEX_OUT_OF_BOUNDS,
                sizes: [to_u64(index), to_u64(len)],
                ..empty
            },
        }
    }

    /// Decodes it again (userspace side); `None` if nothing was recorded.
    #[must_use]
    pub fn get(&self) -> Option<Result<Option<i64>, RelocatableFieldAccessError>> {
        use RelocatableFieldAccessError as E;
        let Self {
            kind,
            code,
            value,
            sizes: [x, y],
        } = *self;
        Some(match kind {
            Self::KIND_VALUE => Ok(Some(value)),
            Self::KIND_MISSING => Ok(None),
            Self::KIND_SIZE_MISMATCH => Err(E::SizeMismatch {
                expected: to_usize(x),
                actual: to_usize(y),
            }),
            Self::KIND_PROBE_READ => Err(E::ProbeRead(code)),
            Self::KIND_NULL_POINTER => Err(E::NullPointer),
            Self::KIND_INDEX_OUT_OF_BOUNDS => Err(E::IndexOutOfBounds {
                index: to_usize(x),
                len: to_usize(y),
            }),
            _ => return None,
        })
    }
}

// Sizes and indices are far below `u64::MAX` and `usize::MAX` on every target BPF runs on; the
// saturation only keeps these conversions free of panics and of silent wrapping.
#[inline(always)]
fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
