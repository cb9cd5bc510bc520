//! `e2e-ebpf/src/live.rs`: tracepoint programs on the running kernel's own `task_struct`.

/// `fn pid_tgid`: stores `bpf_get_current_pid_tgid()` in [`PID_TGID_MAP`].
pub const PID_TGID_PROGRAM: &str = "pid_tgid";
/// `static PID_TGID`: one `u64`, `tgid << 32 | pid`.
pub const PID_TGID_MAP: &str = "PID_TGID";

/// `fn task_fields`: reads a deliberately wrong `task_struct` through btf-reloc.
pub const TASK_FIELDS_PROGRAM: &str = "task_fields";
/// `static TASK_FIELDS`: one [`Raw`](crate::outcome::Raw) per [`slot`].
pub const TASK_FIELDS_MAP: &str = "TASK_FIELDS";
/// `static TASK_COMM`: `comm` as `task_fields` read it (all zero if the read failed).
pub const TASK_COMM_MAP: &str = "TASK_COMM";

/// Slots of [`TASK_FIELDS_MAP`]: the getter outcomes, then the queries.
pub mod slot {
    /// `pid()`.
    pub const PID: u32 = 0;
    /// `thread_group_id()`, renamed from the kernel's `tgid`.
    pub const TGID: u32 = 1;
    /// `state()`, renamed from the kernel's `__state`.
    pub const STATE: u32 = 2;
    /// `btf_reloc_no_such_field()`: a field no kernel has.
    pub const MISSING: u32 = 3;
    /// `flags()`, declared wider than the kernel's.
    pub const FLAGS: u32 = 4;
    /// `[exists(btf_reloc_no_such_field), exists(pid), byte_size(pid), byte_offset(pid)]`, the
    /// size and offset as [`encode_option`](crate::outcome::encode_option) stores them.
    pub const QUERIES: u32 = 5;
    /// How many slots the map has.
    pub const LEN: u32 = 6;
}
