//! `e2e-ebpf/src/flavors.rs`: two flavors of `task_struct` chosen at run time by field
//! existence.

/// `fn task_state_flavors`.
pub const PROGRAM: &str = "task_state_flavors";
/// `static TASK_STATE`: one `[flavor, status, value]`.
pub const MAP: &str = "TASK_STATE";

/// `flavor`: neither flavor's field exists.
pub const FLAVOR_NONE: i64 = 0;
/// `flavor`: read through `task_struct___new` (`__state`, since 5.14).
pub const FLAVOR_NEW: i64 = 1;
/// `flavor`: read through `task_struct___old` (`state`, before 5.14).
pub const FLAVOR_OLD: i64 = 2;

/// `status`: the read worked and `value` holds the state.
pub const READ: i64 = 0;
/// `status`: the read failed.
pub const FAILED: i64 = 1;
