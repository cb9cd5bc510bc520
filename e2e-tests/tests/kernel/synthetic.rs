//! Tests against synthetic kernels: target BTF made up here and given to aya through
//! `EbpfLoader::btf`, with a uprobe reading a userspace struct.
//!
//! Each kernel ([`targets`]: reordered, padded, hidden in anonymous members, missing fields,
//! other widths, a `___flavor` name, ...) is a struct of btf-reloc's host simulation. Its BTF
//! ([`Simulation::target_btf`]) is the target aya relocates the post-linked main object against;
//! a uprobe of `e2e-ebpf/src/synthetic.rs`, attached to [`btf_reloc_e2e_probe`] in this very
//! executable, reads every field of its local declaration from a buffer of patterned bytes
//! (`bpf_probe_read_user`) and stores the outcomes and the answers of the `*_exists` /
//! `*_byte_size` / `*_byte_offset` queries. The very same reads
//! (`btf_reloc_e2e_common::synthetic::read_target`) then run on the host, against the
//! simulation of the same kernel with the same bytes at the same address, and every slot must
//! match: btf-reloc's post-link step, aya and the kernel on one side, btf-reloc's one model of
//! libbpf's rules (`btf_reloc_btf::core`) on the other. Each kernel also says which fields must
//! be missing or mismatched (every other one must read a value), so that both sides agreeing on
//! nonsense still fails.
//!
//! The main object also holds `task_fields`, whose relocations name `task_struct`, a type no
//! synthetic kernel has. aya 0.14 resolves a relocation whose type has no candidate in the target
//! BTF like a missing field: `FIELD_EXISTS` becomes 0 and the offset/size instructions are
//! poisoned. The object therefore loads unchanged; [`task_struct_absent`] even loads and runs
//! that program and checks that every read is `Ok(None)`.
//!
//! Every test also runs `btf-reloc check` (`btf_reloc_link::check`) on the same post-linked
//! object against the same target BTF bytes, offline: its predicted outcome of each getter
//! (a read of `size` bytes at `offset`, `Ok(None)`, `SizeMismatch`) and of each query must be
//! what the kernel stored, and a predicted read must give the value of the bytes at that offset
//! ([`agree_with_check`]).

mod targets;

use std::fmt::Write as _;

use aya::{Btf, Ebpf, Endianness};
use btf_reloc_e2e_common::{
    live,
    objects::{Bin, Variant},
    outcome::{decode, decode_wide, Outcome, Raw, WideRaw},
    synthetic::{
        self, btf_reloc_e2e_target, btf_reloc_e2e_target_v2, read_target, read_target_v2,
        FieldQueries, Queries, Sink,
    },
};
use btf_reloc_e2e_tests::{error_chain, kernel, objects::Objects, Result};
use btf_reloc_format::descriptor::{FieldDescriptor, TypeShape};
use btf_reloc_link::{FieldResult, Getter, Refusals, Report, Target};
use btf_reloc_runtime::{
    sim::{Memory, Simulation},
    BtfRelocatable, UserPtr,
};

use self::targets::Kernel;
use crate::harness::run;

#[test]
fn reordered() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::reordered()));
}

#[test]
fn reordered_no_btf() {
    run(|objects| check(objects, Variant::NoBtf, &TARGET, &targets::reordered()));
}

#[test]
fn padding() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::padding()));
}

#[test]
fn anon_struct() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::in_anon_structs()));
}

#[test]
fn anon_union() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::in_anon_unions()));
}

#[test]
fn missing_field() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::missing_field()));
}

#[test]
fn int_widened() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::int_widened()));
}

#[test]
fn int_narrowed() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::int_narrowed()));
}

#[test]
fn flavor_target() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::flavor_target()));
}

#[test]
fn array_longer() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::array_len(6)));
}

#[test]
fn array_shorter() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::array_len(2)));
}

#[test]
fn array_elem_narrowed() {
    run(|objects| {
        check(
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
        check(
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
        check(
            objects,
            Variant::Btf,
            &TARGET,
            &targets::typedef_qualified(),
        )
    });
}

#[test]
fn large_offset() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::large_offset()));
}

#[test]
fn local_flavor() {
    run(|objects| check(objects, Variant::Btf, &TARGET_V2, &targets::reordered()));
}

#[test]
fn local_flavor_no_btf() {
    run(|objects| check(objects, Variant::NoBtf, &TARGET_V2, &targets::reordered()));
}

#[test]
fn type_absent() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::type_absent()));
}

#[test]
fn flavors_agreeing() {
    run(|objects| check(objects, Variant::Btf, &TARGET, &targets::flavors_agreeing()));
}

/// The probe called with an unmapped (non-null) address: every field that exists and has the
/// declared size is read, and the read fails with `-EFAULT`; the others end before any read
/// (`Ok(None)`, `SizeMismatch`), exactly as with readable memory.
#[test]
fn unmapped_memory() {
    // The first page is never mapped in a Linux process.
    const UNMAPPED: u64 = 0x10;
    run(|objects| {
        let kernel = targets::missing_field();
        let got = read_in_kernel(objects, Variant::Btf, &TARGET, &kernel, UNMAPPED)?;
        let want = simulate(&kernel, &TARGET, UNMAPPED, None)?;
        let fault = Outcome::ProbeRead(-i64::from(libc::EFAULT));
        compare(&TARGET, &got, &want, &kernel, fault)?;
        agree_with_check(objects, Variant::Btf, &TARGET, &kernel, &got, None, fault)
    });
}

/// The probe called with a null pointer: existing fields of the declared size report
/// `Err(NullPointer)` (not a fault, not a zero); the others end before, as always.
#[test]
fn null_pointer() {
    run(|objects| {
        let kernel = targets::missing_field();
        let got = read_in_kernel(objects, Variant::Btf, &TARGET, &kernel, 0)?;
        let want = simulate(&kernel, &TARGET, 0, None)?;
        compare(&TARGET, &got, &want, &kernel, Outcome::NullPointer)?;
        let null = Outcome::NullPointer;
        agree_with_check(objects, Variant::Btf, &TARGET, &kernel, &got, None, null)
    });
}

/// Two flavors with different layouts: the relocation is ambiguous, and aya refuses the object
/// (libbpf does too), as btf-reloc's model does, rather than pick one.
#[test]
fn flavors_conflicting() {
    run(|objects| {
        let kernel = targets::flavors_conflicting();
        match load(objects, Variant::Btf, &target_btf(&kernel)?) {
            Ok(_) => return Err("the object loaded although two target flavors disagree".into()),
            Err(error)
                if error
                    .to_string()
                    .contains("multiple candidate target types") => {}
            Err(error) => {
                return Err(format!(
                    "expected aya's ambiguity error (`multiple candidate target types`), got: \
                     {error}"
                )
                .into())
            }
        }
        // The simulation refuses the same relocations (it panics, as an intrinsic has no
        // error to return); keep the expected panic's message out of the test output.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let simulated = std::panic::catch_unwind(|| simulate(&kernel, &TARGET, 0x1000, None));
        std::panic::set_hook(previous);
        let message = match simulated {
            Ok(_) => return Err("the simulation read the ambiguous kernel".into()),
            Err(panic) => panic.downcast_ref::<String>().cloned().unwrap_or_default(),
        };
        if !message.contains("ambiguous relocation") {
            return Err(
                format!("the simulation failed otherwise than on ambiguity: {message}").into(),
            );
        }
        // `btf-reloc check` says both loaders refuse the object, over these fields.
        let report = check_object(objects, Variant::Btf, &kernel)?;
        let both = Refusals {
            libbpf: true,
            aya: true,
        };
        if report.refusals() != both {
            return Err(
                format!("`btf-reloc check` does not say both loaders refuse:\n{report}").into(),
            );
        }
        for field in TARGET.fields {
            let path = format!("{}.{}", TARGET.local_type, field.name);
            if predicted(&report, &path)?.getter != Getter::Refused {
                return Err(format!("`btf-reloc check` does not refuse {path}:\n{report}").into());
            }
        }
        Ok(())
    });
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

/// A uprobe of `e2e-ebpf/src/synthetic.rs`: its maps, its local declaration's fields, and its
/// reads, to run on the host.
struct Program {
    name: &'static str,
    /// Its local declaration's BTF name.
    local_type: &'static str,
    fields_map: &'static str,
    queries_map: &'static str,
    /// The fields of its declaration, in slot order.
    fields: &'static [FieldDescriptor],
    read: fn(u64, &mut Collect),
}

/// `synthetic_target`, reading `struct btf_reloc_e2e_target { u32 a; u64 b; u32 c[4]; i16 d;
/// u8 e; i64 f; const u8 *p; }`.
const TARGET: Program = Program {
    name: synthetic::TARGET_PROGRAM,
    local_type: <btf_reloc_e2e_target as BtfRelocatable>::DESCRIPTOR.name,
    fields_map: synthetic::TARGET_FIELDS_MAP,
    queries_map: synthetic::TARGET_QUERIES_MAP,
    fields: <btf_reloc_e2e_target as BtfRelocatable>::DESCRIPTOR.fields,
    read: |addr, sink| read_target(UserPtr::from_addr(addr), sink),
};

/// `synthetic_target_v2`, reading `struct btf_reloc_e2e_target___v2 { i64 f; u32 c[4]; u32 a; }`.
const TARGET_V2: Program = Program {
    name: synthetic::TARGET_V2_PROGRAM,
    local_type: <btf_reloc_e2e_target_v2 as BtfRelocatable>::DESCRIPTOR.name,
    fields_map: synthetic::TARGET_V2_FIELDS_MAP,
    queries_map: synthetic::TARGET_V2_QUERIES_MAP,
    fields: <btf_reloc_e2e_target_v2 as BtfRelocatable>::DESCRIPTOR.fields,
    read: |addr, sink| read_target_v2(UserPtr::from_addr(addr), sink),
};

/// What one field read as: the getter's outcome and the queries' answers.
type Slot = (Outcome<[u64; 4]>, FieldQueries);

/// The host side of a [`Sink`]: what the reads hand over, by slot.
#[derive(Default)]
struct Collect {
    outcomes: Vec<(u32, WideRaw)>,
    queries: Vec<(u32, Queries)>,
}

impl Sink for Collect {
    fn outcome(&mut self, slot: u32, outcome: WideRaw) {
        self.outcomes.push((slot, outcome));
    }

    fn queries(&mut self, slot: u32, queries: Queries) {
        self.queries.push((slot, queries));
    }
}

/// `len` bytes in which every 8-byte window differs, so that a read at a wrong offset shows.
fn pattern(len: usize) -> Vec<u8> {
    (0..len as u64)
        .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8)
        .collect()
}

fn simulation(kernel: &Kernel) -> Simulation {
    kernel
        .structs
        .iter()
        .cloned()
        .fold(Simulation::new(), Simulation::with_struct)
}

/// `kernel`'s BTF, as aya parses it.
fn target_btf(kernel: &Kernel) -> Result<Btf> {
    let bytes = simulation(kernel)
        .target_btf()
        .and_then(|btf| btf.to_bytes())
        .map_err(|error| format!("the synthetic kernel is not valid BTF: {error}"))?;
    Btf::parse(&bytes, Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)).into())
}

/// Loads the main object of `variant` relocated against `btf`, for this process.
fn load(objects: &Objects, variant: Variant, btf: &Btf) -> Result<Ebpf> {
    kernel::load_against(&objects.path(Bin::Main, variant), btf)
}

/// Loads the object against `kernel`, attaches `program` and calls the probe with `addr`;
/// returns what the program stored, by slot.
fn read_in_kernel(
    objects: &Objects,
    variant: Variant,
    program: &Program,
    kernel: &Kernel,
    addr: u64,
) -> Result<Vec<Slot>> {
    let mut ebpf = load(objects, variant, &target_btf(kernel)?)?;
    kernel::attach_uprobe(&mut ebpf, program.name, PROBE_SYMBOL)?;
    btf_reloc_e2e_probe(std::hint::black_box(addr as *const u8));
    (0u32..)
        .zip(program.fields)
        .map(|(slot, _)| {
            let outcome = decode_wide(kernel::read_at::<WideRaw>(&ebpf, program.fields_map, slot)?);
            let queries = kernel::read_at::<Queries>(&ebpf, program.queries_map, slot)?;
            Ok((outcome, FieldQueries::decode(queries)))
        })
        .collect()
}

/// The program's reads, run on the host against the simulation of `kernel` with `memory` at
/// `addr` (none mapped for `None`).
fn simulate(
    kernel: &Kernel,
    program: &Program,
    addr: u64,
    memory: Option<&[u8]>,
) -> Result<Vec<Slot>> {
    let mut user = Memory::new();
    if let Some(bytes) = memory {
        user.map(addr, bytes.to_vec());
    }
    let _simulation = simulation(kernel).with_user_memory(user).install();
    let mut collect = Collect::default();
    (program.read)(addr, &mut collect);
    (0u32..)
        .zip(program.fields)
        .map(|(slot, field)| {
            let outcome = collect.outcomes.iter().find(|(s, _)| *s == slot);
            let queries = collect.queries.iter().find(|(s, _)| *s == slot);
            match (outcome, queries) {
                (Some((_, outcome)), Some((_, queries))) => {
                    Ok((decode_wide(*outcome), FieldQueries::decode(*queries)))
                }
                _ => Err(format!("the host reads stored nothing for `{}`", field.name).into()),
            }
        })
        .collect()
}

/// Reads `kernel` with `program` in the kernel and in the simulation, on the same patterned
/// bytes, and compares.
fn check(objects: &Objects, variant: Variant, program: &Program, kernel: &Kernel) -> Result<()> {
    let memory = pattern(kernel.size);
    let addr = memory.as_ptr() as u64;
    let got = read_in_kernel(objects, variant, program, kernel, addr)?;
    let want = simulate(kernel, program, addr, Some(&memory))?;
    let value = Outcome::Value([0; 4]);
    compare(program, &got, &want, kernel, value)?;
    agree_with_check(
        objects,
        variant,
        program,
        kernel,
        &got,
        Some(&memory),
        value,
    )
}

/// `btf-reloc check` of the main object of `variant` against `kernel`'s BTF bytes (the bytes
/// aya is given).
fn check_object(objects: &Objects, variant: Variant, kernel: &Kernel) -> Result<Report> {
    let bytes = simulation(kernel)
        .target_btf()
        .and_then(|btf| btf.to_bytes())
        .map_err(|error| format!("the synthetic kernel is not valid BTF: {error}"))?;
    check_against(&objects.path(Bin::Main, variant), &bytes)
}

/// `btf-reloc check` of the object at `path` against the target BTF bytes `btf`.
pub(crate) fn check_against(path: &std::path::Path, btf: &[u8]) -> Result<Report> {
    let object =
        std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let btf = btf_reloc_btf::Btf::parse(btf).map_err(|error| format!("target BTF: {error}"))?;
    Ok(btf_reloc_link::check(
        &object,
        &[Target::new("synthetic", btf)],
    )?)
}

/// What `report` predicts for the field, type or enumerator `path` on its only target.
pub(crate) fn predicted<'r>(report: &'r Report, path: &str) -> Result<&'r FieldResult> {
    report
        .field(path)
        .and_then(|(i, _)| report.targets.first()?.fields.get(i))
        .ok_or_else(|| format!("`btf-reloc check` has no field `{path}`:\n{report}").into())
}

/// The little-endian integer of `size` bytes at `offset` of `memory`, sign-extended if `signed`.
pub(crate) fn int_at(memory: &[u8], offset: u64, size: u64, signed: bool) -> Option<i64> {
    let start = usize::try_from(offset).ok()?;
    let bytes = memory.get(start..start.checked_add(usize::try_from(size).ok()?)?)?;
    let mut word = [0u8; 8];
    word.get_mut(..bytes.len())?.copy_from_slice(bytes);
    let value = u64::from_le_bytes(word);
    let unused = 64 - 8 * u32::try_from(bytes.len()).ok()?;
    Some(match (signed, unused) {
        (true, 1..=63) => ((value << unused) as i64) >> unused,
        _ => value as i64,
    })
}

/// The value a getter of `shape` stores (`encode_wide`'s words) when it reads `memory` at
/// `offset`: an integer widened by its signedness, a pointer, an array one element per word.
fn words_at(shape: &TypeShape, memory: &[u8], offset: u64) -> Option<[u64; 4]> {
    let int = |size: usize, signed, at| int_at(memory, at, size as u64, signed).map(|v| v as u64);
    Some(match shape {
        TypeShape::Int { size, signed } => [int(*size, *signed, offset)?, 0, 0, 0],
        TypeShape::Ptr => [int(8, false, offset)?, 0, 0, 0],
        TypeShape::Array {
            elem: TypeShape::Int { size, signed },
            len: 4,
        } => {
            let mut words = [0; 4];
            for (i, word) in (0u64..).zip(&mut words) {
                *word = int(*size, *signed, offset + i * *size as u64)?;
            }
            words
        }
        _ => return None,
    })
}

/// Compares what the kernel stored (`got`) with `btf-reloc check`'s prediction for `program` on
/// `kernel`: each getter's outcome and each query's answer. A predicted read of `size` bytes at
/// `offset` must have stored the value of `memory` there (without `memory`, `present`: the error
/// a read at that address gives).
fn agree_with_check(
    objects: &Objects,
    variant: Variant,
    program: &Program,
    kernel: &Kernel,
    got: &[Slot],
    memory: Option<&[u8]>,
    present: Outcome<[u64; 4]>,
) -> Result<()> {
    let report = check_object(objects, variant, kernel)?;
    let mut failures = String::new();
    if report.refusals() != Refusals::default() {
        let _ = write!(
            failures,
            "\n`btf-reloc check` says a loader refuses the object"
        );
    }
    for (field, (outcome, queries)) in program.fields.iter().zip(got) {
        let path = format!("{}.{}", program.local_type, field.name);
        let predicted = predicted(&report, &path)?;
        let want = match predicted.getter {
            Getter::Value { offset, size } if size == field.size as u64 => match memory {
                Some(memory) => words_at(&field.shape, memory, offset)
                    .map_or(Outcome::NotStored, Outcome::Value),
                None => present,
            },
            Getter::Missing => Outcome::Missing,
            Getter::SizeMismatch { expected, actual } => Outcome::SizeMismatch {
                expected: expected as i64,
                actual: actual as i64,
            },
            // Nothing a plain getter may return.
            _ => Outcome::NotStored,
        };
        let want_queries = (predicted.exists, predicted.byte_size, predicted.byte_offset);
        if *outcome != want
            || (queries.exists, queries.byte_size, queries.byte_offset) != want_queries
        {
            let _ = write!(
                failures,
                "\n{}(): the kernel stored {outcome} / queries {queries}; `btf-reloc check` \
                 predicts {:?}, so {want} / queries {want_queries:?}",
                field.name, predicted.getter
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "`{}`: `btf-reloc check` and the kernel disagree:{failures}",
            program.name
        )
        .into())
    }
}

/// Every slot of `got` (the kernel) must equal `want` (the simulation), and `want` must say
/// what `kernel` knows: its missing and mismatched fields, and for every other field an outcome
/// like `present` (a value, or the error a read at a bad address gives).
fn compare(
    program: &Program,
    got: &[Slot],
    want: &[Slot],
    kernel: &Kernel,
    present: Outcome<[u64; 4]>,
) -> Result<()> {
    let mut failures = String::new();
    for ((field, got), want) in program.fields.iter().map(|f| f.name).zip(got).zip(want) {
        if got != want {
            let _ = write!(
                failures,
                "\n{field}(): kernel {} / queries {}, simulation {} / queries {}",
                got.0, got.1, want.0, want.1
            );
        }
        let known = match want.0 {
            Outcome::Missing => kernel.missing.contains(&field),
            Outcome::SizeMismatch { .. } => kernel.mismatched.contains(&field),
            ref outcome => {
                !kernel.missing.contains(&field)
                    && !kernel.mismatched.contains(&field)
                    && std::mem::discriminant(outcome) == std::mem::discriminant(&present)
            }
        };
        if !known {
            let _ = write!(
                failures,
                "\n{field}(): the simulation says {}, which this kernel rules out",
                want.0
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("`{}` read, through a uprobe:{failures}", program.name).into())
    }
}

/// The `task_fields` program (which reads `task_struct`), loaded with a synthetic kernel that
/// has no `task_struct`: aya poisons the offset/size instructions and sets every existence to
/// 0, so the program still verifies, and every getter is `Ok(None)`.
#[test]
fn task_struct_absent() {
    run(|objects| {
        let btf = target_btf(&targets::reordered())?;
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
        // `btf-reloc check` predicts the same: every `task_struct` field of the object (those of
        // `task_fields` among them) is missing, and both loaders load the object.
        let kernel = targets::reordered();
        let report = check_object(objects, Variant::Btf, &kernel)?;
        let tasks: Vec<_> = report
            .fields
            .iter()
            .zip(&report.targets[0].fields)
            .filter(|(field, _)| field.path.starts_with("task_struct"))
            .collect();
        if tasks.len() < 5 || report.refusals() != Refusals::default() {
            let _ = write!(
                failures,
                "\n`btf-reloc check` finds {} task_struct fields, refusals {:?}",
                tasks.len(),
                report.refusals()
            );
        }
        for (field, result) in tasks {
            if result.getter != Getter::Missing {
                let _ = write!(
                    failures,
                    "\n`btf-reloc check` predicts {:?} for {}",
                    result.getter, field.path
                );
            }
        }
        if failures.is_empty() {
            Ok(())
        } else {
            Err(format!("`task_fields` without task_struct in the target:{failures}").into())
        }
    });
}
