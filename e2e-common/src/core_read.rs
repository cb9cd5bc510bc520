//! `e2e-ebpf/src/core_read.rs` (object [`Core`](crate::objects::Bin::Core)): what libbpf's
//! `bpf_core_read.h` reads, on the running kernel.

/// `fn core_read`.
pub const PROGRAM: &str = "core_read";
/// `static CORE_READ`: one [`Raw`](crate::outcome::Raw) per [`slot`].
pub const MAP: &str = "CORE_READ";
/// `static CORE_READ_COMM`: `comm` as `comm_str` copied it, [`COMM_LEN`](crate::COMM_LEN) bytes.
pub const COMM_MAP: &str = "CORE_READ_COMM";
/// `static CORE_READ_EXE`: the executable's file name as `name_str` copied it, [`EXE_NAME_MAX`]
/// bytes.
pub const EXE_MAP: &str = "CORE_READ_EXE";
/// `static CORE_READ_ARGS`: the first [`ARGS_MAX`] bytes of `mm->arg_start..arg_end`.
pub const ARGS_MAP: &str = "CORE_READ_ARGS";

/// The size of the [`ARGS_MAP`] value.
pub const ARGS_MAX: usize = 256;
/// The size of the [`EXE_MAP`] value.
pub const EXE_NAME_MAX: usize = 32;

/// Slots of [`MAP`]; each holds an outcome unless said otherwise.
pub mod slot {
    /// `core_read!(task, real_parent, tgid)`.
    pub const PARENT_TGID: u32 = 0;
    /// `core_read!(task, group_leader, pid)`.
    pub const LEADER_PID: u32 = 1;
    /// `core_read!(task, se, vruntime)`.
    pub const VRUNTIME: u32 = 2;
    /// The `sched_reset_on_fork` bitfield.
    pub const RESET_ON_FORK: u32 = 3;
    /// `comm_str`: the bytes copied, NUL included.
    pub const COMM_STR_LEN: u32 = 4;
    /// `comm_at(0)`.
    pub const COMM_AT_0: u32 = 5;
    /// `comm_at(16)`, past the end.
    pub const COMM_AT_16: u32 = 6;
    /// `mm->arg_end - mm->arg_start`, capped at [`ARGS_MAX`](super::ARGS_MAX).
    pub const ARGS_LEN: u32 = 7;
    /// `[value(PIDTYPE_TGID), value(PIDTYPE_MAX), exists(PIDTYPE_BTF_RELOC_NONE), 0]`, a missing
    /// value as -1.
    pub const ENUMS: u32 = 8;
    /// `[type_exists(task_struct), type_size(task_struct), type_exists(btf_reloc_no_such_type),
    /// 0]`, the size as [`encode_option`](crate::outcome::encode_option) stores it.
    pub const TYPES: u32 = 9;
    /// `name_str` of `task->mm->exe_file->f_path.dentry->d_name.name`: the bytes copied.
    pub const EXE_NAME_LEN: u32 = 10;
    /// `[value(PERF_CONTEXT_KERNEL) or 0, exists(PERF_CONTEXT_KERNEL),
    /// type_exists(perf_callchain_context), 0]`: a 64-bit kernel enum.
    pub const ENUM64: u32 = 11;
    /// How many slots the map has.
    pub const LEN: u32 = 12;
}
