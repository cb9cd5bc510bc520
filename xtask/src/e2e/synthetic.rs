//! Tests against synthetic kernels: target BTF made up here and given to aya through
//! `EbpfLoader::btf`, with a uprobe reading a userspace struct laid out like each target.
//!
//! Each test describes one kernel's version of `struct btf_reloc_e2e_target` as a [`Layout`]
//! (reordered, padded, hidden in anonymous members, missing fields, other widths, a `___flavor`
//! name, ...), writes its BTF with [`btf_writer`], loads the post-linked main object with that BTF
//! as the target, attaches a uprobe of `e2e-ebpf/src/synthetic.rs` to [`btf_reloc_e2e_probe`] in
//! this very executable, lays out the struct in a buffer exactly as the layout says and calls the
//! probe with it. The uprobe reads every field of its local declaration through `UserPtr`
//! (`bpf_probe_read_user`) and stores the outcomes; the test compares each with what the layout
//! implies ([`Layout::expect`]): the bytes at the target offset, `Ok(None)` for a missing or
//! incompatible field, `SizeMismatch` with both sizes, and the layout's offsets and sizes from the
//! `*_exists` / `*_byte_size` / `*_byte_offset` queries.
//!
//! The main object also holds `task_fields`, whose relocations name `task_struct`, a type no
//! synthetic kernel has. aya 0.14 resolves a relocation whose type has no candidate in the target
//! BTF like a missing field: `FIELD_EXISTS` becomes 0 and the offset/size instructions are
//! poisoned. The object therefore loads unchanged; `synthetic_task_struct_absent` even loads and
//! runs that program and checks that every read is `Ok(None)`.

/// Also writes the kernels of `synthetic_core`.
pub(super) mod btf_writer;
mod layout;

use std::fmt::Write as _;

use aya::{
    programs::{uprobe::UProbeScope, UProbe},
    Btf, Ebpf, EbpfLoader, Endianness,
};

use self::{
    btf_writer::BtfWriter,
    layout::{
        anon_struct, anon_union, field, Expected, Item, Layout, LocalField, LocalTy, Read, Ty,
    },
};
use super::{Ctx, Test};
use crate::{ebpf::Variant, error_chain, kernel, Result};

pub(super) const TESTS: &[Test] = &[
    Test {
        name: "synthetic_reordered",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &reordered()),
    },
    Test {
        name: "synthetic_reordered_no_btf",
        run: |ctx| read_target(ctx, Variant::NoBtf, &TARGET, &reordered()),
    },
    Test {
        name: "synthetic_padding",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &padding()),
    },
    Test {
        name: "synthetic_anon_struct",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &anon_struct_layout()),
    },
    Test {
        name: "synthetic_anon_union",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &anon_union_layout()),
    },
    Test {
        name: "synthetic_missing_field",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &missing_field()),
    },
    Test {
        name: "synthetic_int_widened",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &int_widened()),
    },
    Test {
        name: "synthetic_int_narrowed",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &int_narrowed()),
    },
    Test {
        name: "synthetic_flavor_target",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &flavor_target()),
    },
    Test {
        name: "synthetic_array_longer",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &array_len(6)),
    },
    Test {
        name: "synthetic_array_shorter",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &array_len(2)),
    },
    Test {
        name: "synthetic_array_elem_narrowed",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &array_elem_narrowed()),
    },
    Test {
        name: "synthetic_pointer_and_int_swapped",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &pointer_and_int_swapped()),
    },
    Test {
        name: "synthetic_typedef_qualified",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &typedef_qualified()),
    },
    Test {
        name: "synthetic_large_offset",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET, &large_offset()),
    },
    Test {
        name: "synthetic_local_flavor",
        run: |ctx| read_target(ctx, Variant::Btf, &TARGET_V2, &reordered()),
    },
    Test {
        name: "synthetic_local_flavor_no_btf",
        run: |ctx| read_target(ctx, Variant::NoBtf, &TARGET_V2, &reordered()),
    },
    Test {
        name: "synthetic_unmapped_memory",
        run: unmapped_memory,
    },
    Test {
        name: "synthetic_null_pointer",
        run: null_pointer,
    },
    Test {
        name: "synthetic_type_absent",
        run: type_absent,
    },
    Test {
        name: "synthetic_flavors_agreeing",
        run: flavors_agreeing,
    },
    Test {
        name: "synthetic_flavors_conflicting",
        run: flavors_conflicting,
    },
    Test {
        name: "synthetic_task_struct_absent",
        run: task_struct_absent,
    },
];

/// The function every synthetic uprobe attaches to; `data` is the address of a
/// `struct btf_reloc_e2e_target` laid out as the test's target BTF says.
///
/// `#[no_mangle]` keeps the symbol in the executable's symbol table, where aya finds it;
/// `#[inline(never)]` and `black_box` keep a real call to it.
#[no_mangle]
#[inline(never)]
extern "C" fn btf_reloc_e2e_probe(data: *const u8) {
    std::hint::black_box(data);
}

const PROBE_SYMBOL: &str = "btf_reloc_e2e_probe";
/// The executable the probe is in: this one. (`/proc/self/exe` rather than `current_exe()`:
/// the kernel resolves it to this process's inode even if cargo has rebuilt the file since.)
const PROBE_BINARY: &str = "/proc/self/exe";

/// The BTF name of the struct under test.
const TARGET_NAME: &str = "btf_reloc_e2e_target";

/// A uprobe of `e2e-ebpf/src/synthetic.rs`, its maps and the local declaration it reads.
#[derive(Debug)]
struct Program {
    name: &'static str,
    /// One outcome per field, in `fields` order: `[status, expected, actual, v0..v3]`.
    fields_map: &'static str,
    /// One `[exists, byte_size or -1, byte_offset or -1]` per field.
    queries_map: &'static str,
    /// The fields of the local declaration, in declaration (and slot) order.
    fields: &'static [LocalField],
}

const fn int(name: &'static str, size: u32, signed: bool) -> LocalField {
    LocalField {
        name,
        ty: LocalTy::Int { size, signed },
    }
}

const A: LocalField = int("a", 4, false);
const B: LocalField = int("b", 8, false);
const C: LocalField = LocalField {
    name: "c",
    ty: LocalTy::Array {
        elem_size: 4,
        len: 4,
    },
};
const D: LocalField = int("d", 2, true);
const E: LocalField = int("e", 1, false);
const F: LocalField = int("f", 8, true);
const P: LocalField = LocalField {
    name: "p",
    ty: LocalTy::Ptr,
};

/// `synthetic_target`, reading `struct btf_reloc_e2e_target { u32 a; u64 b; u32 c[4]; i16 d;
/// u8 e; i64 f; const u8 *p; }` (local offsets 0, 8, 16, 32, 34, 40, 48; size 56).
const TARGET: Program = Program {
    name: "synthetic_target",
    fields_map: "SYNTH_FIELDS",
    queries_map: "SYNTH_QUERIES",
    fields: &[A, B, C, D, E, F, P],
};

/// `synthetic_target_v2`, reading `struct btf_reloc_e2e_target___v2 { i64 f; u32 c[4]; u32 a; }`.
const TARGET_V2: Program = Program {
    name: "synthetic_target_v2",
    fields_map: "SYNTH_V2_FIELDS",
    queries_map: "SYNTH_V2_QUERIES",
    fields: &[F, C, A],
};

// Target field types, named as in kernel headers.
const U8: Ty = Ty::int(1, false);
const I16: Ty = Ty::int(2, true);
const U32: Ty = Ty::int(4, false);
const U64: Ty = Ty::int(8, false);
const I64: Ty = Ty::int(8, true);
const U32X4: Ty = Ty::array(4, 4);

fn layout(size: u32, items: Vec<Item>) -> Layout {
    Layout {
        name: TARGET_NAME,
        size,
        items,
    }
}

/// Every field at another offset than the local one: the declaration order reversed.
fn reordered() -> Layout {
    layout(
        48,
        vec![
            field("p", 0, Ty::Ptr),
            field("f", 8, I64),
            field("e", 16, U8),
            field("d", 18, I16),
            field("c", 20, U32X4),
            field("a", 36, U32),
            field("b", 40, U64),
        ],
    )
}

/// The local order, but with fields the declaration does not know in between (a kernel config
/// adding members), and a tail.
fn padding() -> Layout {
    layout(
        128,
        vec![
            field("pad0", 0, Ty::array(1, 12)),
            field("a", 12, U32),
            field("pad1", 16, U64),
            field("b", 24, U64),
            field("pad2", 32, Ty::array(8, 2)),
            field("c", 48, U32X4),
            field("pad3", 64, Ty::array(2, 3)),
            field("d", 70, I16),
            field("pad4", 72, Ty::array(1, 3)),
            field("e", 75, U8),
            field("f", 88, I64),
            field("p", 104, Ty::Ptr),
            field("pad5", 112, Ty::array(1, 16)),
        ],
    )
}

/// `c` and, one level deeper, `b` and `f` inside anonymous structs.
fn anon_struct_layout() -> Layout {
    layout(
        56,
        vec![
            field("x", 0, U64),
            anon_struct(
                8,
                32,
                vec![
                    field("c", 0, U32X4),
                    anon_struct(16, 16, vec![field("b", 0, U64), field("f", 8, I64)]),
                ],
            ),
            field("a", 40, U32),
            field("d", 44, I16),
            field("e", 46, U8),
            field("p", 48, Ty::Ptr),
        ],
    )
}

/// Fields inside anonymous unions, next to members of other names (which come first, so the
/// local fields' bytes are the ones left in memory), and an anonymous struct inside a union.
fn anon_union_layout() -> Layout {
    layout(
        56,
        vec![
            field("x", 0, U32),
            anon_union(
                8,
                8,
                vec![
                    field("raw", 0, U64),
                    anon_struct(
                        0,
                        8,
                        vec![field("d", 0, I16), field("e", 2, U8), field("a", 4, U32)],
                    ),
                ],
            ),
            anon_union(16, 8, vec![field("addr", 0, U64), field("p", 0, Ty::Ptr)]),
            field("c", 24, U32X4),
            field("b", 40, U64),
            anon_union(
                48,
                8,
                vec![field("halves", 0, Ty::array(4, 2)), field("f", 0, I64)],
            ),
        ],
    )
}

/// No `e` and no `f`: their getters give `Ok(None)`, the rest still reads.
fn missing_field() -> Layout {
    layout(
        48,
        vec![
            field("c", 0, U32X4),
            field("a", 16, U32),
            field("d", 20, I16),
            field("b", 24, U64),
            field("p", 32, Ty::Ptr),
        ],
    )
}

/// `a` (u32 → 64 bits), `d` (i16 → 32 bits) and `e` (u8 → 16 bits) wider than declared:
/// `SizeMismatch` with both sizes.
fn int_widened() -> Layout {
    layout(
        64,
        vec![
            field("b", 0, U64),
            field("a", 8, U64),
            field("d", 16, Ty::int(4, true)),
            field("e", 20, Ty::int(2, false)),
            field("c", 24, U32X4),
            field("f", 40, I64),
            field("p", 48, Ty::Ptr),
        ],
    )
}

/// `b` (u64 → 32 bits) and `f` (i64 → 16 bits) narrower than declared; `d` the same width
/// but unsigned in the target (signedness is the declaration's business).
fn int_narrowed() -> Layout {
    layout(
        40,
        vec![
            field("a", 0, U32),
            field("b", 4, U32),
            field("c", 8, U32X4),
            field("d", 24, Ty::int(2, false)),
            field("e", 26, U8),
            field("f", 28, Ty::int(2, true)),
            field("p", 32, Ty::Ptr),
        ],
    )
}

/// The layout of [`missing_field`], but the target type is `btf_reloc_e2e_target___v3`: the
/// flavor is ignored when matching.
fn flavor_target() -> Layout {
    Layout {
        name: "btf_reloc_e2e_target___v3",
        ..missing_field()
    }
}

/// `c` with `len` elements instead of 4: it exists, but its size differs.
fn array_len(len: u32) -> Layout {
    let c_end = 8 + 4 * len;
    layout(
        c_end + 24,
        vec![
            field("b", 0, U64),
            field("c", 8, Ty::array(4, len)),
            field("a", c_end, U32),
            field("d", c_end + 4, I16),
            field("e", c_end + 6, U8),
            field("f", c_end + 8, I64),
            field("p", c_end + 16, Ty::Ptr),
        ],
    )
}

/// `c` as `unsigned short[8]`: compatible (arrays match element-wise, ints of any size) and the
/// same 16 bytes, so it reads.
fn array_elem_narrowed() -> Layout {
    let mut layout = reordered();
    for item in &mut layout.items {
        if let Item::Field { name: "c", ty, .. } = item {
            *ty = Ty::array(2, 8);
        }
    }
    layout
}

/// `b` is a pointer and `p` an integer in the target: a field of another kind does not exist.
fn pointer_and_int_swapped() -> Layout {
    let mut layout = reordered();
    for item in &mut layout.items {
        match item {
            Item::Field { name: "b", ty, .. } => *ty = Ty::Ptr,
            Item::Field { name: "p", ty, .. } => *ty = U64,
            _ => {}
        }
    }
    layout
}

/// Every field typed through `typedef const volatile ...`: kernel headers type fields through
/// typedefs (`u32`, `pid_t`, ...) and qualifiers, which the loader resolves before comparing.
fn typedef_qualified() -> Layout {
    let mut layout = padding();
    for item in &mut layout.items {
        if let Item::Field { ty, .. } = item {
            *ty = Ty::Qualified("btf_reloc_t", Box::new(ty.clone()));
        }
    }
    layout
}

/// `b` at 70000 bytes, past what a 16-bit instruction offset can hold: the markers are 64-bit
/// immediates, so any offset relocates.
fn large_offset() -> Layout {
    let mut layout = reordered();
    for item in &mut layout.items {
        if let Item::Field {
            name: "b", offset, ..
        } = item
        {
            *offset = 70_000;
        }
    }
    layout.size = 70_008;
    layout
}

/// Builds the target BTF of `layouts` (one struct each) and parses it as aya will use it.
fn target_btf(layouts: &[&Layout]) -> Result<Btf> {
    let mut writer = BtfWriter::new();
    for layout in layouts {
        layout.btf(&mut writer);
    }
    Btf::parse(&writer.to_bytes(), Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)).into())
}

/// Loads the main object of `variant` relocated against `btf`, for this process.
pub(super) fn load(ctx: &Ctx, variant: Variant, btf: &Btf) -> Result<Ebpf> {
    let object = ctx.object(variant);
    let tgid = std::process::id();
    EbpfLoader::new()
        .btf(Some(btf))
        .override_global("TARGET_TGID", &tgid, true)
        .load_file(object)
        .map_err(|error| format!("loading {}: {}", object.display(), error_chain(&error)).into())
}

/// Loads `program`, attaches it to [`btf_reloc_e2e_probe`], calls that with the address of
/// `memory` (null for `None`) and checks every field against `expect`.
fn run_probe(
    ebpf: &mut Ebpf,
    program: &Program,
    memory: Option<&[u8]>,
    expect: impl Fn(&LocalField) -> Expected,
) -> Result<()> {
    let data = memory.map_or(std::ptr::null(), <[u8]>::as_ptr);
    run_probe_at(ebpf, program, data, expect)
}

/// [`run_probe`] with the struct at `data`, which need not be readable.
fn run_probe_at(
    ebpf: &mut Ebpf,
    program: &Program,
    data: *const u8,
    expect: impl Fn(&LocalField) -> Expected,
) -> Result<()> {
    let name = program.name;
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
        .attach(PROBE_SYMBOL, PROBE_BINARY, UProbeScope::AllProcesses)
        .map_err(|error| format!("attaching `{name}`: {}", error_chain(&error)))?;
    btf_reloc_e2e_probe(std::hint::black_box(data));

    let mut failures = String::new();
    for (slot, local) in (0u32..).zip(program.fields) {
        let want = expect(local);
        let got: Outcome = kernel::read_at(ebpf, program.fields_map, slot)?;
        if got != outcome_of(&want) {
            let _ = write!(
                failures,
                "\n{}(): got {}, expected {}",
                local.name,
                describe(local.ty, got),
                describe(local.ty, outcome_of(&want))
            );
        }
        let got: Queries = kernel::read_at(ebpf, program.queries_map, slot)?;
        if got != queries_of(&want) {
            let _ = write!(
                failures,
                "\n{0}_exists/_byte_size/_byte_offset(): got {1}, expected {2}",
                local.name,
                describe_queries(got),
                describe_queries(queries_of(&want))
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("`{name}` read, through a uprobe:{failures}").into())
    }
}

/// Reads `layout` in user memory with `program`, the kernel's BTF being just `layout`.
fn read_target(ctx: &mut Ctx, variant: Variant, program: &Program, layout: &Layout) -> Result<()> {
    let btf = target_btf(&[layout])?;
    let mut ebpf = load(ctx, variant, &btf)?;
    run_probe(&mut ebpf, program, Some(&layout.memory()), |field| {
        layout.expect(field)
    })
}

/// The probe called with an unmapped (non-null) address: every field that exists and has the
/// declared size is read, and the read fails with `-EFAULT`; the others end before any read
/// (`Ok(None)`, `SizeMismatch`), exactly as with readable memory.
fn unmapped_memory(ctx: &mut Ctx) -> Result<()> {
    const EFAULT: i32 = 14;
    // The first page is never mapped in a Linux process.
    const UNMAPPED: usize = 0x10;
    let layout = missing_field();
    let btf = target_btf(&[&layout])?;
    let mut ebpf = load(ctx, Variant::Btf, &btf)?;
    run_probe_at(
        &mut ebpf,
        &TARGET,
        UNMAPPED as *const u8,
        |field| match layout.expect(field) {
            Expected::Exists {
                offset,
                size,
                read: Read::Value(_),
            } => Expected::Exists {
                offset,
                size,
                read: Read::Fault(-EFAULT),
            },
            other => other,
        },
    )
}

/// The probe called with a null pointer: existing fields of the declared size report
/// `Err(NullPointer)` (not a fault, not a zero); the others end before, as always.
fn null_pointer(ctx: &mut Ctx) -> Result<()> {
    let layout = missing_field();
    let btf = target_btf(&[&layout])?;
    let mut ebpf = load(ctx, Variant::Btf, &btf)?;
    run_probe(&mut ebpf, &TARGET, None, |field| {
        match layout.expect(field) {
            Expected::Exists {
                offset,
                size,
                read: Read::Value(_),
            } => Expected::Exists {
                offset,
                size,
                read: Read::Null,
            },
            other => other,
        }
    })
}

/// A kernel without `btf_reloc_e2e_target` (only a struct of another name with the same
/// fields): every field is missing.
fn type_absent(ctx: &mut Ctx) -> Result<()> {
    let other = Layout {
        name: "btf_reloc_e2e_other",
        ..reordered()
    };
    let btf = target_btf(&[&other])?;
    let mut ebpf = load(ctx, Variant::Btf, &btf)?;
    run_probe(&mut ebpf, &TARGET, Some(&other.memory()), |_| {
        Expected::Missing
    })
}

/// Two flavors of the type with the same layout: the loader may pick either.
fn flavors_agreeing(ctx: &mut Ctx) -> Result<()> {
    let x = Layout {
        name: "btf_reloc_e2e_target___x",
        ..padding()
    };
    let y = Layout {
        name: "btf_reloc_e2e_target___y",
        ..padding()
    };
    let btf = target_btf(&[&x, &y])?;
    let mut ebpf = load(ctx, Variant::Btf, &btf)?;
    run_probe(&mut ebpf, &TARGET, Some(&x.memory()), |field| {
        x.expect(field)
    })
}

/// Two flavors with different layouts: the relocation is ambiguous, and aya refuses the object
/// (libbpf does too) rather than pick one.
fn flavors_conflicting(ctx: &mut Ctx) -> Result<()> {
    let x = Layout {
        name: "btf_reloc_e2e_target___x",
        ..padding()
    };
    let y = Layout {
        name: "btf_reloc_e2e_target___y",
        ..reordered()
    };
    let btf = target_btf(&[&x, &y])?;
    match load(ctx, Variant::Btf, &btf) {
        Ok(_) => Err("the object loaded although two target flavors disagree".into()),
        Err(error)
            if error
                .to_string()
                .contains("multiple candidate target types") =>
        {
            Ok(())
        }
        Err(error) => Err(format!(
            "expected an ambiguity error (`multiple candidate target types`), got: {error}"
        )
        .into()),
    }
}

/// The `task_fields` program (which reads `task_struct`), loaded with a synthetic kernel that
/// has no `task_struct`: aya poisons the offset/size instructions and sets every existence to
/// 0, so the program still verifies, and every getter is `Ok(None)`.
fn task_struct_absent(ctx: &mut Ctx) -> Result<()> {
    let btf = target_btf(&[&reordered()])?;
    let mut ebpf = load(ctx, Variant::Btf, &btf)?;
    kernel::attach(&mut ebpf, "task_fields")?;
    kernel::trigger();
    // `TASK_FIELDS` (e2e-ebpf/src/live.rs): slots 0..5 are getter outcomes `[status, value,
    // expected, actual]` with status 1 = Ok(None); slot 5 is `[exists(missing), exists(pid),
    // byte_size(pid) or -1, byte_offset(pid) or -1]`.
    let mut failures = String::new();
    for (slot, getter) in [
        "pid",
        "thread_group_id",
        "state",
        "btf_reloc_no_such_field",
        "flags",
    ]
    .into_iter()
    .enumerate()
    {
        let got: [i64; 4] = kernel::read_at(&ebpf, "TASK_FIELDS", slot as u32)?;
        if got != [1, 0, 0, 0] {
            let _ = write!(
                failures,
                "\n{getter}(): got {got:?}, expected Ok(None) [1, 0, 0, 0]"
            );
        }
    }
    let queries: [i64; 4] = kernel::read_at(&ebpf, "TASK_FIELDS", 5)?;
    if queries != [0, 0, -1, -1] {
        let _ = write!(
            failures,
            "\nqueries: got {queries:?}, expected [0, 0, -1, -1] (nothing exists)"
        );
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("`task_fields` without task_struct in the target:{failures}").into())
    }
}

/// One getter's outcome as the synthetic programs store it (`e2e-ebpf/src/synthetic.rs`):
/// `[status, expected, actual, v0, v1, v2, v3]`; status 0 = never written, 1 = `Ok(Some(v))`,
/// 2 = `Ok(None)`, 3 = `Err(SizeMismatch { expected, actual })`, 4 = `Err(ProbeRead(v0))`,
/// 5 = `Err(NullPointer)`, 6 = `Err(IndexOutOfBounds { index: v0, len: expected })`.
type Outcome = [u64; 7];

/// One field's query answers: `[exists, byte_size or -1, byte_offset or -1]`.
type Queries = [i64; 3];

fn outcome_of(expected: &Expected) -> Outcome {
    match *expected {
        Expected::Missing => [2, 0, 0, 0, 0, 0, 0],
        Expected::Exists { read, .. } => match read {
            Read::Value([v0, v1, v2, v3]) => [1, 0, 0, v0, v1, v2, v3],
            Read::SizeMismatch { expected, actual } => {
                [3, expected.into(), actual.into(), 0, 0, 0, 0]
            }
            Read::Fault(code) => [4, 0, 0, i64::from(code) as u64, 0, 0, 0],
            Read::Null => [5, 0, 0, 0, 0, 0, 0],
        },
    }
}

fn queries_of(expected: &Expected) -> Queries {
    match *expected {
        Expected::Missing => [0, -1, -1],
        Expected::Exists { offset, size, .. } => [1, size.into(), offset.into()],
    }
}

/// Renders an outcome as the getter's `Result`, for messages.
fn describe(ty: LocalTy, outcome: Outcome) -> String {
    match outcome {
        [1, _, _, v0, v1, v2, v3] => match ty {
            LocalTy::Int { signed: true, .. } => format!("Ok(Some({}))", v0 as i64),
            LocalTy::Int { .. } | LocalTy::Ptr => format!("Ok(Some({v0:#x}))"),
            LocalTy::Array { .. } => format!("Ok(Some([{v0:#x}, {v1:#x}, {v2:#x}, {v3:#x}]))"),
        },
        [2, ..] => "Ok(None)".to_owned(),
        [3, expected, actual, ..] => {
            format!("Err(SizeMismatch {{ expected: {expected}, actual: {actual} }})")
        }
        [4, _, _, code, ..] => format!("Err(ProbeRead({}))", code as i64),
        [5, ..] => "Err(NullPointer)".to_owned(),
        [6, len, _, index, ..] => format!("Err(IndexOutOfBounds {{ index: {index}, len: {len} }})"),
        [0, ..] => "nothing (the uprobe did not store this slot)".to_owned(),
        other => format!("unknown outcome {other:?}"),
    }
}

fn describe_queries([exists, size, offset]: Queries) -> String {
    let option = |v: i64| {
        if v < 0 {
            "None".to_owned()
        } else {
            format!("Some({v})")
        }
    };
    format!("{} / {} / {}", exists != 0, option(size), option(offset))
}
