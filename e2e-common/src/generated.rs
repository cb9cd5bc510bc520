//! `e2e-ebpf/src/generated.rs` (object [`Main`](crate::objects::Bin::Main)): reads through the
//! declarations `btf-reloc gen` generated (`btf-reloc-cli/tests/snapshots/e2e_types.rs`), on the
//! running kernel.

/// `fn gen_types`.
pub const PROGRAM: &str = "gen_types";
/// `static GEN_TYPES`: one [`Raw`](crate::outcome::Raw) per [`slot`].
pub const MAP: &str = "GEN_TYPES";
/// `static GEN_TYPES_STR`: one [`STR_LEN`]-byte string per [`strings`] slot, as the `_str`
/// getters copied it.
pub const STR_MAP: &str = "GEN_TYPES_STR";

/// The size of a [`STR_MAP`] value: `new_utsname`'s fields are `char[65]`.
pub const STR_LEN: usize = 65;

/// Slots of [`MAP`]; each holds an outcome unless said otherwise.
pub mod slot {
    /// `task.pid()`.
    pub const PID: u32 = 0;
    /// `task.tgid()`.
    pub const TGID: u32 = 1;
    /// `core_read!(task, real_parent, tgid)`.
    pub const PARENT_TGID: u32 = 2;
    /// `task.sched_reset_on_fork()`, a bitfield.
    pub const RESET_ON_FORK: u32 = 3;
    /// `core_read!(task, cred, uid, val)` and the seven other ids of [`CRED_FIELDS`], in that
    /// order from here.
    pub const CRED: u32 = 4;
    /// The `cred` fields read from [`CRED`] on: `kuid_t`/`kgid_t` members, each `.val`.
    pub const CRED_FIELDS: [&str; 8] = [
        "uid", "euid", "suid", "fsuid", "gid", "egid", "sgid", "fsgid",
    ];
    /// `mm->arg_end - mm->arg_start`.
    pub const ARGS_LEN: u32 = 12;
    /// `comm_str`: the bytes copied, NUL included (the string: [`super::strings::COMM`]).
    pub const COMM_LEN: u32 = 13;
    /// `nsproxy->uts_ns->name.nodename`, `nodename_str`: the bytes copied.
    pub const NODENAME_LEN: u32 = 14;
    /// `nsproxy->uts_ns->name.release`, `release_str`: the bytes copied.
    pub const RELEASE_LEN: u32 = 15;
    /// `fs->pwd.dentry->d_name.name`, `name_str`: the bytes copied.
    pub const CWD_NAME_LEN: u32 = 16;
    /// `[value(PIDTYPE_TGID), value(PIDTYPE_MAX), 0, 0]`, a missing value as -1.
    pub const ENUMS: u32 = 17;
    /// How many slots the map has.
    pub const LEN: u32 = 18;
}

/// Slots of [`STR_MAP`].
pub mod strings {
    /// `task->comm`.
    pub const COMM: u32 = 0;
    /// `task->nsproxy->uts_ns->name.nodename`.
    pub const NODENAME: u32 = 1;
    /// `task->nsproxy->uts_ns->name.release`.
    pub const RELEASE: u32 = 2;
    /// `task->fs->pwd.dentry->d_name.name`.
    pub const CWD_NAME: u32 = 3;
    /// How many slots the map has.
    pub const LEN: u32 = 4;
}
