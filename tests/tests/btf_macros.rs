//! `btf::field_byte_offset!` and `btf::field_byte_size!` (the shape of rustc's `core::btf`)
//! under simulated kernels: equal to the generated queries and the Pre-RFC intrinsics for direct
//! fields, equal to the layout the test builds for nested paths, `None` for a path missing at any
//! depth; and under the running kernel's BTF, equal to a walk of `/sys/kernel/btf/vmlinux`.

use btf_reloc_runtime::btf::{self, field_byte_offset, field_byte_size};
use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::sim::{Simulation, SimulationGuard, Struct, Type};
use btf_reloc_runtime::{relocatable_field_byte_offset, relocatable_field_byte_size};

#[derive(BtfRelocatable)]
#[repr(C)]
struct sched_avg {
    util_avg: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
struct sched_entity {
    vruntime: u64,
    avg: sched_avg,
    /// Absent from every simulated kernel.
    vlag: i64,
}

/// A guess at the layout, in an arbitrary order: the macros must not see these offsets.
#[derive(BtfRelocatable)]
#[repr(C)]
struct task_struct {
    comm: [u8; 16],
    se: sched_entity,
    pid: i32,
    tgid: i32,
    #[btf(rename = "__state")]
    state: u32,
    /// Absent from every simulated kernel.
    loginuid: u32,
    mm: KernelPtr<task_struct>,
}

// The simulated kernel's layout: the ground truth every expectation below is computed from.
const TASK_SIZE: usize = 1024;
const PID: usize = 8;
const TGID: usize = 12;
const STATE: usize = 16;
const MM: usize = 24;
const SE: usize = 128;
const SE_SIZE: usize = 256;
const VRUNTIME: usize = 48;
const AVG: usize = 64;
const AVG_SIZE: usize = 64;
const UTIL_AVG: usize = 40;
const COMM: usize = 600;

fn sched_entity_struct() -> Struct {
    Struct::new("sched_entity", SE_SIZE)
        .int("vruntime", VRUNTIME, 8)
        .field("avg", AVG, Type::struct_named("sched_avg", AVG_SIZE))
}

/// `task_struct` without `loginuid`; `se` only when `with_se`.
fn task_struct_struct(with_se: bool) -> Struct {
    let task = Struct::new("task_struct", TASK_SIZE)
        .int("pid", PID, 4)
        .int("tgid", TGID, 4)
        .int("__state", STATE, 4)
        .ptr("mm", MM)
        .field("comm", COMM, Type::array(Type::int(1, true), 16));
    if with_se {
        task.field("se", SE, Type::struct_named("sched_entity", SE_SIZE))
    } else {
        task
    }
}

fn kernel() -> SimulationGuard {
    Simulation::new()
        .with_struct(task_struct_struct(true))
        .with_struct(sched_entity_struct())
        .with_struct(Struct::new("sched_avg", AVG_SIZE).int("util_avg", UTIL_AVG, 8))
        .install()
}

#[test]
fn direct_fields_equal_the_generated_queries_and_the_intrinsics() {
    let _kernel = kernel();
    let cases = [
        (
            "comm",
            field_byte_offset!(task_struct, comm),
            task_struct::comm_byte_offset(),
            field_byte_size!(task_struct, comm),
            task_struct::comm_byte_size(),
        ),
        (
            "se",
            field_byte_offset!(task_struct, se),
            task_struct::se_byte_offset(),
            field_byte_size!(task_struct, se),
            task_struct::se_byte_size(),
        ),
        (
            "pid",
            field_byte_offset!(task_struct, pid),
            task_struct::pid_byte_offset(),
            field_byte_size!(task_struct, pid),
            task_struct::pid_byte_size(),
        ),
        (
            "tgid",
            field_byte_offset!(task_struct, tgid),
            task_struct::tgid_byte_offset(),
            field_byte_size!(task_struct, tgid),
            task_struct::tgid_byte_size(),
        ),
        (
            "state",
            field_byte_offset!(task_struct, state),
            task_struct::state_byte_offset(),
            field_byte_size!(task_struct, state),
            task_struct::state_byte_size(),
        ),
        (
            "loginuid",
            field_byte_offset!(task_struct, loginuid),
            task_struct::loginuid_byte_offset(),
            field_byte_size!(task_struct, loginuid),
            task_struct::loginuid_byte_size(),
        ),
        (
            "mm",
            field_byte_offset!(task_struct, mm),
            task_struct::mm_byte_offset(),
            field_byte_size!(task_struct, mm),
            task_struct::mm_byte_size(),
        ),
    ];
    for (field, offset, query_offset, size, query_size) in cases {
        assert_eq!(offset, query_offset, "offset of {field}");
        assert_eq!(size, query_size, "size of {field}");
    }
    // The layout says the same, and so do the Pre-RFC intrinsics (field 2 is `pid`).
    assert_eq!(field_byte_offset!(task_struct, pid), Some(PID));
    assert_eq!(
        field_byte_offset!(task_struct, pid),
        Some(relocatable_field_byte_offset::<task_struct, 2>())
    );
    assert_eq!(
        field_byte_size!(task_struct, pid),
        Some(relocatable_field_byte_size::<task_struct, 2>())
    );
    // `state` is the kernel's `__state`.
    assert_eq!(field_byte_offset!(task_struct, state), Some(STATE));
    assert_eq!(field_byte_size!(task_struct, mm), Some(8));
    assert_eq!(field_byte_offset!(task_struct, mm), Some(MM));
}

#[test]
fn nested_paths_are_one_relocation_from_the_root() {
    let _kernel = kernel();
    let cases = [
        ("se", field_byte_offset!(task_struct, se), SE),
        (
            "se.vruntime",
            field_byte_offset!(task_struct, se.vruntime),
            SE + VRUNTIME,
        ),
        ("se.avg", field_byte_offset!(task_struct, se.avg), SE + AVG),
        (
            "se.avg.util_avg",
            field_byte_offset!(task_struct, se.avg.util_avg),
            SE + AVG + UTIL_AVG,
        ),
        // From an embedded struct as the root: offsets from its own start.
        (
            "sched_entity avg.util_avg",
            field_byte_offset!(sched_entity, avg.util_avg),
            AVG + UTIL_AVG,
        ),
    ];
    for (path, got, want) in cases {
        assert_eq!(got, Some(want), "offset of {path}");
    }
    // A trailing comma, as `offset_of!` takes, and the module path form.
    assert_eq!(
        btf::field_byte_offset!(task_struct, se.vruntime,),
        Some(SE + VRUNTIME)
    );
    assert_eq!(btf::field_byte_size!(task_struct, se.vruntime), Some(8));
}

#[test]
fn arrays_and_embedded_structs_have_their_target_size() {
    let _kernel = kernel();
    assert_eq!(field_byte_size!(task_struct, comm), Some(16));
    assert_eq!(field_byte_offset!(task_struct, comm), Some(COMM));
    assert_eq!(field_byte_size!(task_struct, se), Some(SE_SIZE));
    assert_eq!(field_byte_size!(task_struct, se.avg), Some(AVG_SIZE));
    // Target sizes, not the declaration's.
    assert_ne!(SE_SIZE, core::mem::size_of::<sched_entity>());

    // Another kernel whose `comm` is twice as long.
    let _longer = Simulation::new()
        .with_struct(Struct::new("task_struct", 64).field(
            "comm",
            8,
            Type::array(Type::int(1, true), 32),
        ))
        .install();
    assert_eq!(field_byte_size!(task_struct, comm), Some(32));
    assert_eq!(field_byte_offset!(task_struct, comm), Some(8));
}

#[test]
fn a_missing_path_is_none_at_any_depth() {
    let _kernel = kernel();
    let missing = [
        ("loginuid", field_byte_offset!(task_struct, loginuid)),
        ("loginuid", field_byte_size!(task_struct, loginuid)),
        ("se.vlag", field_byte_offset!(task_struct, se.vlag)),
        ("se.vlag", field_byte_size!(task_struct, se.vlag)),
        ("vlag", field_byte_offset!(sched_entity, vlag)),
    ];
    for (path, got) in missing {
        assert_eq!(got, None, "{path}");
    }

    // A kernel without `se`: every path through it is missing.
    let _no_se = Simulation::new()
        .with_struct(task_struct_struct(false))
        .with_struct(sched_entity_struct())
        .install();
    let missing = [
        ("se", field_byte_offset!(task_struct, se)),
        ("se", field_byte_size!(task_struct, se)),
        ("se.vruntime", field_byte_offset!(task_struct, se.vruntime)),
        ("se.vruntime", field_byte_size!(task_struct, se.vruntime)),
        (
            "se.avg.util_avg",
            field_byte_offset!(task_struct, se.avg.util_avg),
        ),
    ];
    for (path, got) in missing {
        assert_eq!(got, None, "{path} without se");
    }
    assert_eq!(field_byte_offset!(task_struct, pid), Some(PID));
}

#[test]
fn a_nested_struct_missing_from_the_target_leaves_only_the_member() {
    // `se` exists, but this kernel has no `struct sched_entity` with members (the simulation
    // stands an empty one in): the member is there, nothing inside it is.
    let _kernel = Simulation::new()
        .with_struct(task_struct_struct(true))
        .install();
    assert_eq!(field_byte_offset!(task_struct, se), Some(SE));
    assert_eq!(field_byte_offset!(task_struct, se.vruntime), None);
    assert_eq!(field_byte_size!(task_struct, se.avg.util_avg), None);
}

#[test]
fn raw_identifiers_name_their_field() {
    #[derive(BtfRelocatable)]
    #[repr(C)]
    struct kobj_type {
        r#type: u32,
        r#match: u64,
    }

    let _kernel = Simulation::new()
        .with_struct(
            Struct::new("kobj_type", 32)
                .int("match", 8, 8)
                .int("type", 20, 4),
        )
        .install();
    assert_eq!(field_byte_offset!(kobj_type, r#type), Some(20));
    assert_eq!(field_byte_offset!(kobj_type, r#match), Some(8));
    assert_eq!(field_byte_size!(kobj_type, r#type), Some(4));
}

/// Byte offset and size of the member at `path` from the start of the struct called `root` in
/// `btf`, found by walking the members (anonymous struct/union members searched through, as
/// libbpf does): ground truth that does not go through the runtime's relocation code.
fn walk(btf: &btf_reloc_runtime::sim::Btf, root: &str, path: &[&str]) -> Option<(u64, u64)> {
    use btf_reloc_runtime::sim::btf::{Kind, TypeId};

    /// The member `name` of the composite `id`, searched through anonymous members: its type and
    /// bit offset from the start of `id`.
    fn member(btf: &btf_reloc_runtime::sim::Btf, id: TypeId, name: &str) -> Option<(TypeId, u64)> {
        let (_, ty) = btf.skip_mods_and_typedefs(id)?;
        let composite = ty.kind.composite()?;
        composite.members.iter().find_map(|m| {
            let bits = u64::from(composite.bit_offset(m));
            match btf.str_at(m.name_off)? {
                "" => member(btf, m.ty, name).map(|(ty, inner)| (ty, bits + inner)),
                n if n == name => Some((m.ty, bits)),
                _ => None,
            }
        })
    }

    let (mut id, _) = btf
        .types_named(root)
        .find(|(_, ty)| matches!(ty.kind, Kind::Struct(_)))?;
    let mut bits = 0;
    for name in path {
        let (ty, at) = member(btf, id, name)?;
        bits += at;
        id = ty;
    }
    assert_eq!(bits % 8, 0, "{root}.{path:?} is a bitfield");
    Some((bits / 8, btf.resolve_size(id).ok()?))
}

#[test]
fn the_running_kernels_btf_gives_what_walking_it_gives() {
    let vmlinux = "/sys/kernel/btf/vmlinux";
    let bytes = std::fs::read(vmlinux).unwrap_or_else(|e| panic!("{vmlinux}: {e}"));
    let btf = btf_reloc_runtime::sim::Btf::parse(&bytes).unwrap();

    // Other Rust names than the file's declarations: a struct's identity in the simulation (and
    // in the eBPF object) is its module path and name, which a function body does not change.
    #[derive(BtfRelocatable)]
    #[repr(C)]
    #[btf(name = "sched_entity")]
    struct Entity {
        vruntime: u64,
    }

    #[derive(BtfRelocatable)]
    #[repr(C)]
    #[btf(name = "task_struct")]
    struct Task {
        se: Entity,
        pid: i32,
        comm: [u8; 16],
        /// No kernel has it.
        btf_reloc_no_such_field: u64,
    }

    let _kernel = Simulation::from_vmlinux().unwrap().install();
    let truth = |path: &[&str]| walk(&btf, "task_struct", path);
    let (vruntime_at, vruntime_size) = truth(&["se", "vruntime"]).expect("task_struct.se.vruntime");
    let (se_at, _) = truth(&["se"]).expect("task_struct.se");
    assert_eq!(
        field_byte_offset!(Task, se.vruntime),
        Some(vruntime_at as usize)
    );
    assert_eq!(
        field_byte_size!(Task, se.vruntime),
        Some(vruntime_size as usize)
    );
    // The whole path is the sum of its steps.
    let (inside, _) = walk(&btf, "sched_entity", &["vruntime"]).expect("sched_entity.vruntime");
    assert_eq!(vruntime_at, se_at + inside);
    let (pid_at, pid_size) = truth(&["pid"]).expect("task_struct.pid");
    assert_eq!(field_byte_offset!(Task, pid), Some(pid_at as usize));
    assert_eq!(field_byte_size!(Task, pid), Some(pid_size as usize));
    let (comm_at, comm_size) = truth(&["comm"]).expect("task_struct.comm");
    assert_eq!(field_byte_offset!(Task, comm), Some(comm_at as usize));
    assert_eq!(field_byte_size!(Task, comm), Some(comm_size as usize));
    assert_eq!(field_byte_size!(Task, comm), Some(16));
    assert_eq!(truth(&["btf_reloc_no_such_field"]), None);
    assert_eq!(field_byte_offset!(Task, btf_reloc_no_such_field), None);
}

/// The expansion uses absolute paths only: it compiles without the prelude, with the runtime
/// under another name.
mod hygiene {
    #![no_implicit_prelude]

    extern crate btf_reloc_runtime as renamed_runtime;

    #[derive(renamed_runtime::BtfRelocatable)]
    #[repr(C)]
    #[btf(crate = "renamed_runtime")]
    pub(crate) struct inner {
        pub(crate) x: u32,
    }

    #[derive(renamed_runtime::BtfRelocatable)]
    #[repr(C)]
    #[btf(crate = "renamed_runtime")]
    pub(crate) struct outer {
        pub(crate) pad: u64,
        pub(crate) inner: inner,
    }

    #[test]
    fn without_the_prelude_and_renamed() {
        // No simulation: the declaration is the target.
        ::std::assert_eq!(
            renamed_runtime::btf::field_byte_offset!(outer, inner.x),
            ::std::option::Option::Some(8)
        );
        ::std::assert_eq!(
            renamed_runtime::btf::field_byte_size!(outer, inner),
            ::std::option::Option::Some(4)
        );
    }
}
