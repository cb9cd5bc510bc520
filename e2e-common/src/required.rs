//! `e2e-ebpf/src/required.rs` (object [`Required`](crate::objects::Bin::Required)):
//! `#[btf(required)]` reads. [`FIELDS`] stores what it read in [`Results`] (the `.bss` global
//! [`RESULTS`]); [`MISSING`] reads a required field no kernel has ([`MISSING_FIELD`] of
//! `task_struct`) and [`WRONG_SIZE`] one declared wider than the kernel's, so no kernel loads
//! either.

use crate::{outcome::Raw, COMM_LEN};

/// The program reading the fields every kernel has.
pub const FIELDS: &str = "required_fields";
/// The program reading a required field no kernel has.
pub const MISSING: &str = "required_missing";
/// The kernel name of that field.
pub const MISSING_FIELD: &str = "btf_reloc_required_missing";
/// The program reading `task_struct.flags` (an `unsigned int`) as a required `u64`.
pub const WRONG_SIZE: &str = "required_wrong_size";
/// The `.bss` global holding [`Results`].
pub const RESULTS: &str = "REQUIRED_RESULTS";

/// What [`FIELDS`] read, each getter's result encoded by [`encode`](crate::outcome::encode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct Results {
    /// How many times a program ran for the process under test.
    pub runs: i64,
    /// `pid` (the trigger thread's tid).
    pub pid: Raw,
    /// `tgid` (the process's pid).
    pub tgid: Raw,
    /// `core_read!(task, real_parent, tgid)`: the parent's tgid, both steps required.
    pub parent_tgid: Raw,
    /// The bitfield `sched_reset_on_fork`, read as a required bitfield.
    pub reset_on_fork: Raw,
    /// The same bitfield read by a checked getter.
    pub reset_on_fork_checked: Raw,
    /// What [`MISSING`] would store (never: no kernel loads it).
    pub missing: Raw,
    /// What [`WRONG_SIZE`] would store (never: no kernel loads it).
    pub wrong_size: Raw,
    /// `comm`.
    pub comm: [u8; COMM_LEN],
}

impl Results {
    /// All zero: the initial value of the global.
    pub const ZERO: Self = Self {
        runs: 0,
        pid: [0; 4],
        tgid: [0; 4],
        parent_tgid: [0; 4],
        reset_on_fork: [0; 4],
        reset_on_fork_checked: [0; 4],
        missing: [0; 4],
        wrong_size: [0; 4],
        comm: [0; COMM_LEN],
    };
}

impl Results {
    /// The size of the `.bss` global.
    pub const SIZE: usize = core::mem::size_of::<Self>();

    /// Decodes the global's bytes as the kernel left them (native endianness), as a loader
    /// returns them; `None` if there are not [`Self::SIZE`] of them.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != Self::SIZE {
            return None;
        }
        let word = |index: usize| -> i64 {
            let mut b = [0u8; 8];
            if let Some(word) = bytes.get(index * 8..index * 8 + 8) {
                b.copy_from_slice(word);
            }
            i64::from_ne_bytes(b)
        };
        // Word 0 is `runs`, then 4 words per outcome, then `comm`.
        let raw = |n: usize| -> Raw {
            [
                word(1 + 4 * n),
                word(2 + 4 * n),
                word(3 + 4 * n),
                word(4 + 4 * n),
            ]
        };
        let mut comm = [0u8; COMM_LEN];
        comm.copy_from_slice(bytes.get(Self::SIZE - COMM_LEN..)?);
        Some(Self {
            runs: word(0),
            pid: raw(0),
            tgid: raw(1),
            parent_tgid: raw(2),
            reset_on_fork: raw(3),
            reset_on_fork_checked: raw(4),
            missing: raw(5),
            wrong_size: raw(6),
            comm,
        })
    }
}
