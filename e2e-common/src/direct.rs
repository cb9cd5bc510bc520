//! `e2e-ebpf/src/direct.rs` (object [`Direct`](crate::objects::Bin::Direct)) and
//! `e2e-ebpf/src/direct_refused.rs` ([`DirectRefused`](crate::objects::Bin::DirectRefused)):
//! direct reads through `BtfPtr` in a `tp_btf` and an fentry program, both fired when the thread
//! whose tid the loader wrote into [`TARGET_PARENT_TID`] starts a thread. What they read is in
//! the `.bss` global [`RESULTS`], at the [`Slot`]s.

/// The `tp_btf` program on `sched_process_fork(parent, child)`.
pub const TP_BTF: &str = "direct_tp_btf";
/// Its tracepoint.
pub const TP_BTF_TARGET: &str = "sched_process_fork";
/// The fentry program on `wake_up_new_task(p)`.
pub const FENTRY: &str = "direct_fentry";
/// An fentry program on the same function that reads nothing: whether the kernel lets any
/// fentry program load at all.
pub const FENTRY_CONTROL: &str = "direct_fentry_control";
/// Their function.
pub const FENTRY_TARGET: &str = "wake_up_new_task";
/// A `tp_btf` program reading a field no kernel has: no kernel loads it.
pub const MISSING: &str = "direct_missing";
/// The field it reads (of `task_struct___direct_missing`).
pub const MISSING_FIELD: &str = "btf_reloc_direct_missing";
/// The `tp_btf` program of [`DirectRefused`](crate::objects::Bin::DirectRefused): `flags`, an
/// `unsigned int`, read as an `i64`, a size mismatch no loader adjusts a load for.
pub const SIGNED_WIDER: &str = "direct_signed_wider";
/// The `.rodata` global holding the tid of the thread whose thread creation the programs record.
pub const TARGET_PARENT_TID: &str = "TARGET_PARENT_TID";
/// The `.bss` global holding the [`Slot`]s.
pub const RESULTS: &str = "DIRECT_RESULTS";

/// What the programs store, one `i64` each, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub enum Slot {
    /// Runs of [`TP_BTF`] for the target thread.
    TpRuns,
    /// `parent->pid`: the thread that started the new one.
    TpParentPid,
    /// `child->pid`: the new thread's tid.
    TpChildPid,
    /// `child->tgid`.
    TpChildTgid,
    /// `child->real_parent->tgid`: the process's parent (`getppid()`).
    TpChildParentTgid,
    /// `child->flags` declared `u64` (the kernel's is an `unsigned int`): the loader resizes the
    /// load.
    TpChildFlags,
    /// The same field read by a checked getter (a probe read), as a `u32`.
    TpChildFlagsChecked,
    /// `child->se.vruntime`: a path through an embedded struct, one relocation.
    TpChildVruntime,
    /// The same path read by a checked getter.
    TpChildVruntimeChecked,
    /// Runs of [`FENTRY`] for the target thread.
    FentryRuns,
    /// `p->pid`: the new thread's tid.
    FentryPid,
    /// `p->tgid`.
    FentryTgid,
    /// `p->real_parent->tgid`.
    FentryParentTgid,
}

/// Number of [`Slot`]s.
pub const SLOTS: usize = Slot::FentryParentTgid as usize + 1;

/// The `.bss` global.
pub type Results = [i64; SLOTS];
