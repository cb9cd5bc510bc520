//! Tests against synthetic kernels: target BTF made up here and given to aya through
//! `EbpfLoader::btf`, with a uprobe reading a userspace struct laid out like each target.
//!
//! Each test describes one kernel's version of `struct btf_reloc_e2e_target` as a [`Layout`]
//! ([`targets`]: reordered, padded, hidden in anonymous members, missing fields, other widths, a
//! `___flavor` name, ...), writes its BTF, loads the post-linked main object with that BTF as the
//! target, attaches a uprobe of `e2e-ebpf/src/synthetic.rs` to [`btf_reloc_e2e_probe`] in this
//! very executable, lays out the struct in a buffer exactly as the layout says and calls the
//! probe with it. The uprobe reads every field of its local declaration through `UserPtr`
//! (`bpf_probe_read_user`) and stores the outcomes; the test compares each with what the layout
//! implies ([`Layout::expect`]): the bytes at the target offset, `Ok(None)` for a missing or
//! incompatible field, `SizeMismatch` with both sizes, and the layout's offsets and sizes from the
//! `*_exists` / `*_byte_size` / `*_byte_offset` queries.
//!
//! The main object also holds `task_fields`, whose relocations name `task_struct`, a type no
//! synthetic kernel has. aya 0.14 resolves a relocation whose type has no candidate in the target
//! BTF like a missing field: `FIELD_EXISTS` becomes 0 and the offset/size instructions are
//! poisoned. The object therefore loads unchanged; [`task_struct_absent`] even loads and runs
//! that program and checks that every read is `Ok(None)`.

mod targets;

use std::fmt::Write as _;

use aya::{Btf, Ebpf, Endianness};
use btf_reloc_e2e_common::{
    live,
    objects::{Bin, Variant},
    outcome::{decode, decode_wide, Outcome, Raw, WideRaw},
    synthetic::{self, FieldQueries, Queries},
};
use btf_reloc_e2e_tests::{
    error_chain, kernel,
    objects::Objects,
    synthetic::{
        btf_writer::BtfWriter,
        layout::{Expected, Layout, LocalField, LocalTy, Read},
    },
    Result,
};

use crate::harness::run;

#[test]
fn reordered() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::reordered()));
}

#[test]
fn reordered_no_btf() {
    run(|objects| read_target(objects, Variant::NoBtf, &TARGET, &targets::reordered()));
}

#[test]
fn padding() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::padding()));
}

#[test]
fn anon_struct() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::in_anon_structs()));
}

#[test]
fn anon_union() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::in_anon_unions()));
}

#[test]
fn missing_field() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::missing_field()));
}

#[test]
fn int_widened() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::int_widened()));
}

#[test]
fn int_narrowed() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::int_narrowed()));
}

#[test]
fn flavor_target() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::flavor_target()));
}

#[test]
fn array_longer() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::array_len(6)));
}

#[test]
fn array_shorter() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::array_len(2)));
}

#[test]
fn array_elem_narrowed() {
    run(|objects| {
        read_target(
            objects,
            Variant::Btf,
            &TARGET,
            &targets::array_elem_narrowed(),
        )
    });
}

#[test]
fn pointer_and_int_swapped() {
    run(|objects| {
        read_target(
            objects,
            Variant::Btf,
            &TARGET,
            &targets::pointer_and_int_swapped(),
        )
    });
}

#[test]
fn typedef_qualified() {
    run(|objects| {
        read_target(
            objects,
            Variant::Btf,
            &TARGET,
            &targets::typedef_qualified(),
        )
    });
}

#[test]
fn large_offset() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET, &targets::large_offset()));
}

#[test]
fn local_flavor() {
    run(|objects| read_target(objects, Variant::Btf, &TARGET_V2, &targets::reordered()));
}

#[test]
fn local_flavor_no_btf() {
    run(|objects| read_target(objects, Variant::NoBtf, &TARGET_V2, &targets::reordered()));
}

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

/// A uprobe of `e2e-ebpf/src/synthetic.rs`, its maps and the local declaration it reads.
#[derive(Debug)]
struct Program {
    name: &'static str,
    /// One outcome per field, in `fields` order.
    fields_map: &'static str,
    /// One [`Queries`] per field.
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
    name: synthetic::TARGET_PROGRAM,
    fields_map: synthetic::TARGET_FIELDS_MAP,
    queries_map: synthetic::TARGET_QUERIES_MAP,
    fields: &[A, B, C, D, E, F, P],
};

/// `synthetic_target_v2`, reading `struct btf_reloc_e2e_target___v2 { i64 f; u32 c[4]; u32 a; }`.
const TARGET_V2: Program = Program {
    name: synthetic::TARGET_V2_PROGRAM,
    fields_map: synthetic::TARGET_V2_FIELDS_MAP,
    queries_map: synthetic::TARGET_V2_QUERIES_MAP,
    fields: &[F, C, A],
};

// One slot per field: the programs' maps have exactly as many.
const _: () = assert!(TARGET.fields.len() == synthetic::TARGET_FIELDS as usize);
const _: () = assert!(TARGET_V2.fields.len() == synthetic::TARGET_V2_FIELDS as usize);

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
fn load(objects: &Objects, variant: Variant, btf: &Btf) -> Result<Ebpf> {
    kernel::load_against(&objects.path(Bin::Main, variant), btf)
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
    kernel::attach_uprobe(ebpf, program.name, PROBE_SYMBOL)?;
    btf_reloc_e2e_probe(std::hint::black_box(data));

    let mut failures = String::new();
    for (slot, local) in (0u32..).zip(program.fields) {
        let want = expect(local);
        let got = decode_wide(kernel::read_at::<WideRaw>(ebpf, program.fields_map, slot)?);
        if got != outcome_of(&want) {
            let _ = write!(
                failures,
                "\n{}(): got {}, expected {}",
                local.name,
                describe(local.ty, got),
                describe(local.ty, outcome_of(&want))
            );
        }
        let got =
            FieldQueries::decode(kernel::read_at::<Queries>(ebpf, program.queries_map, slot)?);
        if got != queries_of(&want) {
            let _ = write!(
                failures,
                "\n{0}_exists/_byte_size/_byte_offset(): got {got}, expected {1}",
                local.name,
                queries_of(&want)
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("`{}` read, through a uprobe:{failures}", program.name).into())
    }
}

/// Reads `layout` in user memory with `program`, the kernel's BTF being just `layout`.
fn read_target(
    objects: &Objects,
    variant: Variant,
    program: &Program,
    layout: &Layout,
) -> Result<()> {
    let btf = target_btf(&[layout])?;
    let mut ebpf = load(objects, variant, &btf)?;
    run_probe(&mut ebpf, program, Some(&layout.memory()), |field| {
        layout.expect(field)
    })
}

/// The probe called with an unmapped (non-null) address: every field that exists and has the
/// declared size is read, and the read fails with `-EFAULT`; the others end before any read
/// (`Ok(None)`, `SizeMismatch`), exactly as with readable memory.
#[test]
fn unmapped_memory() {
    // The first page is never mapped in a Linux process.
    const UNMAPPED: usize = 0x10;
    run(|objects| {
        let layout = targets::missing_field();
        let btf = target_btf(&[&layout])?;
        let mut ebpf = load(objects, Variant::Btf, &btf)?;
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
                    read: Read::Fault(-libc::EFAULT),
                },
                other => other,
            },
        )
    });
}

/// The probe called with a null pointer: existing fields of the declared size report
/// `Err(NullPointer)` (not a fault, not a zero); the others end before, as always.
#[test]
fn null_pointer() {
    run(|objects| {
        let layout = targets::missing_field();
        let btf = target_btf(&[&layout])?;
        let mut ebpf = load(objects, Variant::Btf, &btf)?;
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
    });
}

/// A kernel without `btf_reloc_e2e_target` (only a struct of another name with the same
/// fields): every field is missing.
#[test]
fn type_absent() {
    run(|objects| {
        let other = Layout {
            name: "btf_reloc_e2e_other",
            ..targets::reordered()
        };
        let btf = target_btf(&[&other])?;
        let mut ebpf = load(objects, Variant::Btf, &btf)?;
        run_probe(&mut ebpf, &TARGET, Some(&other.memory()), |_| {
            Expected::Missing
        })
    });
}

/// Two flavors of the type with the same layout: the loader may pick either.
#[test]
fn flavors_agreeing() {
    run(|objects| {
        let x = Layout {
            name: "btf_reloc_e2e_target___x",
            ..targets::padding()
        };
        let y = Layout {
            name: "btf_reloc_e2e_target___y",
            ..targets::padding()
        };
        let btf = target_btf(&[&x, &y])?;
        let mut ebpf = load(objects, Variant::Btf, &btf)?;
        run_probe(&mut ebpf, &TARGET, Some(&x.memory()), |field| {
            x.expect(field)
        })
    });
}

/// Two flavors with different layouts: the relocation is ambiguous, and aya refuses the object
/// (libbpf does too) rather than pick one.
#[test]
fn flavors_conflicting() {
    run(|objects| {
        let x = Layout {
            name: "btf_reloc_e2e_target___x",
            ..targets::padding()
        };
        let y = Layout {
            name: "btf_reloc_e2e_target___y",
            ..targets::reordered()
        };
        let btf = target_btf(&[&x, &y])?;
        match load(objects, Variant::Btf, &btf) {
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
    });
}

/// The `task_fields` program (which reads `task_struct`), loaded with a synthetic kernel that
/// has no `task_struct`: aya poisons the offset/size instructions and sets every existence to
/// 0, so the program still verifies, and every getter is `Ok(None)`.
#[test]
fn task_struct_absent() {
    run(|objects| {
        let btf = target_btf(&[&targets::reordered()])?;
        let mut ebpf = load(objects, Variant::Btf, &btf)?;
        kernel::attach(&mut ebpf, live::TASK_FIELDS_PROGRAM)?;
        kernel::trigger();
        let mut failures = String::new();
        for (slot, getter) in [
            (live::slot::PID, "pid"),
            (live::slot::TGID, "thread_group_id"),
            (live::slot::STATE, "state"),
            (live::slot::MISSING, "btf_reloc_no_such_field"),
            (live::slot::FLAGS, "flags"),
        ] {
            let got = decode(kernel::read_at::<Raw>(&ebpf, live::TASK_FIELDS_MAP, slot)?);
            if got != Outcome::Missing {
                let _ = write!(failures, "\n{getter}(): got {got}, expected Ok(None)");
            }
        }
        // `[exists(missing), exists(pid), byte_size(pid), byte_offset(pid)]`: nothing exists.
        let queries: Raw = kernel::read_at(&ebpf, live::TASK_FIELDS_MAP, live::slot::QUERIES)?;
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
    });
}

/// What the program stores for a field that reads as `expected`.
fn outcome_of(expected: &Expected) -> Outcome<[u64; 4]> {
    match *expected {
        Expected::Missing => Outcome::Missing,
        Expected::Exists { read, .. } => match read {
            Read::Value(words) => Outcome::Value(words),
            Read::SizeMismatch { expected, actual } => Outcome::SizeMismatch {
                expected: expected.into(),
                actual: actual.into(),
            },
            Read::Fault(code) => Outcome::ProbeRead(code.into()),
            Read::Null => Outcome::NullPointer,
        },
    }
}

/// What the queries answer for a field that reads as `expected`.
fn queries_of(expected: &Expected) -> FieldQueries {
    match *expected {
        Expected::Missing => FieldQueries {
            exists: false,
            byte_size: None,
            byte_offset: None,
        },
        Expected::Exists { offset, size, .. } => FieldQueries {
            exists: true,
            byte_size: Some(size.into()),
            byte_offset: Some(offset.into()),
        },
    }
}

/// Renders an outcome as the getter's `Result`, its value as the local type reads.
fn describe(ty: LocalTy, outcome: Outcome<[u64; 4]>) -> String {
    match outcome {
        Outcome::Value([v0, v1, v2, v3]) => match ty {
            LocalTy::Int { signed: true, .. } => format!("Ok(Some({}))", v0 as i64),
            LocalTy::Int { .. } | LocalTy::Ptr => format!("Ok(Some({v0:#x}))"),
            LocalTy::Array { .. } => format!("Ok(Some([{v0:#x}, {v1:#x}, {v2:#x}, {v3:#x}]))"),
        },
        other => other.to_string(),
    }
}
