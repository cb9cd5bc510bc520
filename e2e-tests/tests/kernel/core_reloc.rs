//! libbpf's selftest table `core_reloc` (`tools/testing/selftests/bpf/prog_tests/core_reloc.c`),
//! case by case, under both loaders: the object of the case's family (`e2e-core-reloc`, or one
//! of `e2e-core-reloc-{types,type-id,ptr-as-arr}` for those with type relocations), loaded against
//! the case's made-up kernel (`btf_reloc_e2e_tests::core_reloc_targets`) by aya 0.14
//! (`EbpfLoader::btf`) and by libbpf (the C loader, `btf_custom_path`), with the case's input in
//! the object's `.rodata`; the one program of the case's family runs, and what it stored must
//! be what libbpf's table says (per read; where libbpf's program fails to load, the read is
//! `None` here, see `btf_reloc_e2e_common::core_reloc`). `btf-reloc check` must predict the
//! same, from the object and the target alone, read by read: a value is the input's bytes
//! where `check` says the field is; and the same reads on the host, under the host simulation
//! of the target, must give what `check` predicts. Where aya 0.14 (or `check`) gives something
//! else, the case says what and why, and that is asserted instead.
//!
//! The README's table "libbpf's `core_reloc` table" is written from the same cases
//! (`core_reloc_targets::table`, which a unit test of that module compares with the README).

use std::fmt::Write as _;
use std::path::Path;

use aya::{Btf as AyaBtf, EbpfLoader, Endianness};
use btf_reloc_btf::{Btf, Kind};
use btf_reloc_e2e_common::core_reloc::{slots, Family, Output, Sink, INPUT, INPUT_LEN, OUTPUT};
use btf_reloc_e2e_common::objects::Variant;
use btf_reloc_e2e_common::outcome::Raw;
use btf_reloc_e2e_common::TARGET_TGID;
use btf_reloc_e2e_tests::core_reloc_targets::{
    cases, enumerator, none, offset_size, out_of_bounds, show, value, Expected, Target,
};
use btf_reloc_e2e_tests::{btf_layout, error_chain, kernel, libbpf_loader, Result};
use btf_reloc_link::{FieldResult, Getter, Report, Verdict};
use btf_reloc_runtime::sim::{Memory, Simulation};

use crate::harness::run;

/// What a loader did with a case.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Observed {
    /// The object loaded and the program stored these slots (the family's).
    Slots(Vec<Raw>),
    /// The loader refused the object, or the kernel the program: why.
    LoadFailed(String),
}

impl Observed {
    fn agrees(&self, expected: &Expected) -> bool {
        match (self, expected) {
            (Self::Slots(got), Expected::Slots(want)) => got == want,
            (Self::LoadFailed(_), Expected::LoadFails) => true,
            _ => false,
        }
    }
}

/// [`Expected::TypeIds`] as slots: each type's id by name and kind in the object's BTF and in
/// the target's (the first of that name and kind, as libbpf's test looks them up). The object's
/// BTF has two `struct a_struct`, where clang's would have one: btf-reloc writes one local type
/// per Rust declaration, and `NamedStructTypedef` declares `typedef struct a_struct
/// named_struct_typedef` apart from `a_struct`. `type_id_local::<a_struct>()` is the id of
/// `a_struct`'s own, the one no typedef refers to.
fn resolve(expected: &Expected, object: &Path, target: &Target) -> Result<Expected> {
    let Expected::TypeIds { targets } = expected else {
        return Ok(expected.clone());
    };
    let local = btf_layout::of_object(object)?;
    let find = |btf: &Btf, path: &str, local: bool| -> Option<i64> {
        let (kind, name) = path.split_once(' ')?;
        let under_typedef: Vec<_> = btf
            .types()
            .filter_map(|(_, t)| match t.kind {
                Kind::Typedef(to) => Some(to),
                _ => None,
            })
            .collect();
        btf.types_named(name)
            .filter(|(id, _)| !local || kind == "typedef" || !under_typedef.contains(id))
            .find(|(_, t)| {
                matches!(
                    (kind, &t.kind),
                    ("struct", Kind::Struct(_))
                        | ("union", Kind::Union(_))
                        | ("enum", Kind::Enum(_) | Kind::Enum64(_))
                        | ("typedef", Kind::Typedef(_))
                )
            })
            .map(|(id, _)| i64::from(id))
    };
    let mut slots = Vec::new();
    for path in TYPE_PATHS {
        let local_id =
            find(&local, path, true).ok_or_else(|| format!("no {path} in the object"))?;
        let target_id = if *targets {
            find(&target.btf, path, false).ok_or_else(|| format!("no {path} in the target"))?
        } else {
            -1
        };
        slots.push([local_id, target_id, 0, 0]);
    }
    Ok(Expected::Slots(slots))
}

/// The case's input as the `.rodata` global's bytes.
fn input(target: &Target) -> Result<[u8; INPUT_LEN]> {
    target
        .input
        .as_slice()
        .try_into()
        .map_err(|_| format!("the input is {} bytes, not {INPUT_LEN}", target.input.len()).into())
}

/// The family's slots of what the program stored, if it ran.
fn stored(family: Family, output: &Output) -> Result<Vec<Raw>> {
    if output[0] == 0 {
        return Err("the program never ran for this process".into());
    }
    Ok(slots(output)[..family.slot_names().len()].to_vec())
}

/// Under aya 0.14: the target handed to `EbpfLoader::btf`, the input set with
/// `override_global`.
fn under_aya(object: &Path, family: Family, target: &Target) -> Result<Observed> {
    let btf = AyaBtf::parse(&target.btf.to_bytes()?, Endianness::Little)
        .map_err(|error| format!("aya rejects the target BTF: {}", error_chain(&error)))?;
    let tgid = std::process::id();
    let input = input(target)?;
    let mut loader = EbpfLoader::new();
    loader
        .btf(Some(&btf))
        .override_global(TARGET_TGID, &tgid, true)
        .override_global(INPUT, &input, true);
    let mut ebpf = match loader.load_file(object) {
        Ok(ebpf) => ebpf,
        Err(error) => return Ok(Observed::LoadFailed(error_chain(&error))),
    };
    if let Err(error) = kernel::attach(&mut ebpf, family.program()) {
        return Ok(Observed::LoadFailed(error.to_string()));
    }
    kernel::trigger();
    let output: Output = kernel::read_first(&ebpf, ".bss")?;
    Ok(Observed::Slots(stored(family, &output)?))
}

/// Under libbpf: the target as `btf_custom_path`, the input as a `.rodata` global.
fn under_libbpf(
    loader: &Path,
    object: &Path,
    name: &str,
    family: Family,
    target: &Target,
) -> Result<Observed> {
    let path = std::env::temp_dir().join(format!(
        "btf-reloc-core-reloc-{}-{name}.btf",
        std::process::id()
    ));
    std::fs::write(&path, target.btf.to_bytes()?)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    let input = input(target)?;
    let report = libbpf_loader::run_raw_with(
        loader,
        object,
        Some(&path),
        &[(INPUT, &input)],
        family.program(),
        OUTPUT,
    );
    let _ = std::fs::remove_file(&path);
    let report = match report {
        Ok(report) => report,
        Err(error) if error.to_string().contains("error: loading") => {
            return Ok(Observed::LoadFailed(error.to_string()))
        }
        Err(error) => return Err(error),
    };
    let output: Output = report.words(OUTPUT)?;
    Ok(Observed::Slots(stored(family, &output)?))
}

/// What the program's reads give on the host, under the host simulation of the target (the
/// input mapped as kernel memory), as a unit test of the same declarations would see them. The
/// simulation panics where libbpf refuses a relocation: that is a load failure here.
fn under_simulation(family: Family, target: &Target) -> Observed {
    /// Where the input is mapped.
    const ADDRESS: u64 = 0x10_000;
    struct Slots(Vec<Raw>);
    impl Sink for Slots {
        fn slot(&mut self, slot: usize, value: Raw) {
            if let Some(s) = self.0.get_mut(slot) {
                *s = value;
            }
        }
    }
    let mut memory = Memory::new();
    memory.map(ADDRESS, target.input.clone());
    let _on = Simulation::new()
        .with_btf(target.btf.clone())
        .with_kernel_memory(memory)
        .install();
    let read = std::panic::catch_unwind(|| {
        let mut slots = Slots(vec![[0; 4]; family.slot_names().len()]);
        family.read(ADDRESS, &mut slots);
        slots.0
    });
    match read {
        Ok(slots) => Observed::Slots(slots),
        Err(panic) => Observed::LoadFailed(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default(),
        ),
    }
}

/// How a slot is computed from `check`'s answer for its field.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// A getter of an integer (or pointer) field, signed or not.
    Int(&'static str, bool),
    /// `*_at(index)` of an array of `i32`.
    Element(&'static str, u64),
    /// `[field_byte_offset!, field_byte_size!]`.
    OffsetSize(&'static str),
    /// `[exists, has value, value]` of an enumerator.
    Enumerator(&'static str),
    /// `[type_exists, type_matches, type_size or -1]` of a type.
    TypeInfo(&'static str),
    /// `[type_id_local, type_id_target or -1]` of a type.
    TypeIds(&'static str),
    /// A signed integer field of element `index` of an array of its root type, whose target
    /// size `check` gives for the type's path (the second).
    OfElement(&'static str, &'static str, u64),
}

/// The types of the type-based families as `check` names them, in slot order.
const TYPE_PATHS: [&str; 6] = [
    "struct a_struct",
    "union a_union",
    "enum an_enum",
    "typedef named_struct_typedef",
    "typedef anon_struct_typedef",
    "typedef enum_typedef",
];

/// The fields `check` names for each slot of `family`.
fn slot_fields(family: Family) -> Vec<Slot> {
    use Slot::*;
    match family {
        Family::Flavors => vec![
            Int("core_reloc_flavors.a", true),
            Int("core_reloc_flavors___reversed.b", true),
            Int("core_reloc_flavors.c", true),
        ],
        Family::Nesting => vec![
            Int("core_reloc_nesting.a.a.a", true),
            Int("core_reloc_nesting.b.b.b", true),
        ],
        Family::Arrays => vec![Element("core_reloc_arrays.a", 2)],
        Family::Primitives => vec![
            Int("core_reloc_primitives.a", true),
            Int("core_reloc_primitives.b", true),
            Int("core_reloc_primitives.c", false),
            Int("core_reloc_primitives.d", false),
            Int("core_reloc_primitives.f", false),
        ],
        Family::Mods => vec![
            Int("core_reloc_mods.a", true),
            Int("core_reloc_mods.b", true),
            Int("core_reloc_mods.c", false),
            Int("core_reloc_mods.d", false),
            Element("core_reloc_mods.e", 2),
            Element("core_reloc_mods.f", 1),
            Int("core_reloc_mods.g.x", true),
            Int("core_reloc_mods.h.y", true),
        ],
        Family::Ints => vec![
            Int("core_reloc_ints.u8_field", false),
            Int("core_reloc_ints.s8_field", true),
            Int("core_reloc_ints.u16_field", false),
            Int("core_reloc_ints.s16_field", true),
            Int("core_reloc_ints.u32_field", false),
            Int("core_reloc_ints.s32_field", true),
            Int("core_reloc_ints.u64_field", false),
            Int("core_reloc_ints.s64_field", true),
        ],
        Family::Existence => vec![
            Int("core_reloc_existence.a", true),
            Int("core_reloc_existence.b", true),
            Int("core_reloc_existence.c", true),
            Element("core_reloc_existence.arr", 0),
            Int("core_reloc_existence.s.x", true),
        ],
        // Signedness comes from the target here (`FIELD_SIGNED`), not from the local `i64`.
        Family::Bitfields | Family::BitfieldsDirect => vec![
            Int("core_reloc_bitfields.ub1", true),
            Int("core_reloc_bitfields.ub2", true),
            Int("core_reloc_bitfields.ub7", true),
            Int("core_reloc_bitfields.sb4", true),
            Int("core_reloc_bitfields.sb20", true),
            Int("core_reloc_bitfields.u32", true),
            Int("core_reloc_bitfields.s32", true),
        ],
        Family::Size => vec![
            OffsetSize("core_reloc_size.int_field"),
            OffsetSize("core_reloc_size.struct_field"),
            OffsetSize("core_reloc_size.union_field"),
            OffsetSize("core_reloc_size.arr_field"),
            OffsetSize("core_reloc_size.ptr_field"),
            OffsetSize("core_reloc_size.enum_field"),
        ],
        Family::PtrAsArr => vec![OfElement(
            "core_reloc_ptr_as_arr.a",
            "struct core_reloc_ptr_as_arr",
            2,
        )],
        Family::TypeBased => TYPE_PATHS.map(TypeInfo).to_vec(),
        Family::TypeId => TYPE_PATHS.map(TypeIds).to_vec(),
        Family::Enumval => vec![
            Enumerator("named_enum::NAMED_ENUM_VAL1"),
            Enumerator("named_enum::NAMED_ENUM_VAL2"),
            Enumerator("named_enum::NAMED_ENUM_VAL3"),
            Enumerator("anon_enum::ANON_ENUM_VAL1"),
            Enumerator("anon_enum::ANON_ENUM_VAL2"),
            Enumerator("anon_enum::ANON_ENUM_VAL3"),
        ],
        Family::Enum64val => vec![
            Enumerator("named_unsigned_enum64::UNSIGNED_ENUM64_VAL1"),
            Enumerator("named_unsigned_enum64::UNSIGNED_ENUM64_VAL2"),
            Enumerator("named_unsigned_enum64::UNSIGNED_ENUM64_VAL3"),
            Enumerator("named_signed_enum64::SIGNED_ENUM64_VAL1"),
            Enumerator("named_signed_enum64::SIGNED_ENUM64_VAL2"),
            Enumerator("named_signed_enum64::SIGNED_ENUM64_VAL3"),
        ],
    }
}

/// `size` bytes of `input` at `offset`, as a native-endian integer, sign-extended if `signed`.
fn load(input: &[u8], offset: u64, size: u64, signed: bool) -> Option<i64> {
    let start = usize::try_from(offset).ok()?;
    let bytes = input.get(start..start.checked_add(usize::try_from(size).ok()?)?)?;
    let mut word = [0u8; 8];
    word.get_mut(..bytes.len())?.copy_from_slice(bytes);
    let raw = u64::from_le_bytes(word);
    let bits = 8 * size as u32;
    Some(if signed && bits < 64 {
        ((raw << (64 - bits)) as i64) >> (64 - bits)
    } else {
        raw as i64
    })
}

/// What the getter of `slot` returns according to `getter` (libbpf's or aya's), `field` and
/// `element`: for an array, its element path `field[0]`; for [`Slot::OfElement`], its type.
fn predict(
    slot: Slot,
    getter: &Getter,
    field: &FieldResult,
    element: Option<&FieldResult>,
    input: &[u8],
) -> Option<Raw> {
    Some(match (slot, getter) {
        (Slot::TypeIds(_), _) => [
            field.local_type_id? as i64,
            field.target_type_id.map_or(-1, |id| id as i64),
            0,
            0,
        ],
        (_, Getter::Missing) => match slot {
            Slot::OffsetSize(_) => offset_size(-1, -1),
            Slot::Enumerator(_) => enumerator(None),
            Slot::TypeInfo(_) => [0, 0, -1, 0],
            _ => none(),
        },
        (Slot::OfElement(_, _, index), Getter::Value { offset, size }) => {
            let Getter::Type {
                size: Some(ty_size),
            } = element?.getter
            else {
                return Some(none());
            };
            value(load(input, index * ty_size + offset, *size, true)?)
        }
        (Slot::Int(_, signed), Getter::Value { offset, size }) => {
            value(load(input, *offset, *size, signed)?)
        }
        (
            Slot::Int(..),
            Getter::Bitfield {
                offset,
                size,
                bit_offset,
                bits,
                signed,
            },
        ) => {
            let raw = load(input, *offset, *size, false)? as u64;
            let shifted = raw >> (bit_offset - 8 * offset);
            let v = if *bits < 64 {
                let masked = shifted & ((1u64 << bits) - 1);
                if *signed && masked >> (bits - 1) == 1 {
                    (masked | !((1u64 << bits) - 1)) as i64
                } else {
                    masked as i64
                }
            } else {
                shifted as i64
            };
            value(v)
        }
        (Slot::Element(_, index), _) => {
            // Element 0's offset and size, and the array's length (or its size over theirs).
            let element = element?;
            let (offset, elem) = (element.byte_offset?, element.byte_size.filter(|&s| s > 0)?);
            let len = match field.elements {
                Some(len) => len,
                None => field.byte_size? / elem,
            };
            if index >= len {
                out_of_bounds(index as usize, len as usize)
            } else {
                value(load(input, offset + index * elem, elem, true)?)
            }
        }
        (Slot::OffsetSize(_), _) => offset_size(
            field.byte_offset.map_or(-1, |o| o as i64),
            field.byte_size.map_or(-1, |s| s as i64),
        ),
        (_, Getter::SizeMismatch { expected, actual }) => {
            btf_reloc_e2e_common::outcome::encode::<i64>(Err(
                btf_reloc_runtime::RelocatableFieldAccessError::SizeMismatch {
                    expected: *expected as usize,
                    actual: *actual as usize,
                },
            ))
        }
        (Slot::Enumerator(_), Getter::EnumValue { value }) => enumerator(value.map(|v| v as i64)),
        (Slot::TypeInfo(_), Getter::Type { size }) => [
            1,
            i64::from(field.matches == Some(true)),
            size.map_or(-1, |s| s as i64),
            0,
        ],
        _ => return None,
    })
}

/// What `check` predicts for `family` on `target`: `(libbpf, aya)`.
fn predicted(report: &Report, family: Family, target: &Target) -> Result<(Observed, Observed)> {
    let t = &report.targets[0];
    let one = |verdict: &Verdict, aya: bool| -> Result<Observed> {
        if let Verdict::Refuses(why) = verdict {
            return Ok(Observed::LoadFailed(why.join("; ")));
        }
        let mut slots = Vec::new();
        for slot in slot_fields(family) {
            let (Slot::Int(path, _)
            | Slot::Element(path, _)
            | Slot::OffsetSize(path)
            | Slot::Enumerator(path)
            | Slot::TypeInfo(path)
            | Slot::TypeIds(path)
            | Slot::OfElement(path, ..)) = slot;
            let (i, _) = report
                .field(path)
                .ok_or_else(|| format!("`check` has no `{path}`:\n{report}"))?;
            let field = &t.fields[i];
            // An array's element 0, or the root type of an element of an array of it.
            let element = match slot {
                Slot::OfElement(_, ty, _) => report.field(ty),
                _ => report.field(&format!("{path}[0]")),
            }
            .map(|(i, _)| &t.fields[i]);
            let getter = match (aya, &field.aya) {
                (true, Some(getter)) => getter,
                _ => &field.getter,
            };
            slots.push(
                predict(slot, getter, field, element, &target.input)
                    .ok_or_else(|| format!("`check` says {getter:?} for `{path}`"))?,
            );
        }
        Ok(Observed::Slots(slots))
    };
    Ok((one(&t.libbpf, false)?, one(&t.aya, true)?))
}

#[test]
fn table_under_aya_and_libbpf() {
    run(|objects| {
        let loader = libbpf_loader::build(objects.dir())?;
        let cases = cases();
        let mut failures = String::new();
        let mut passed = [0usize; 4];
        for case in &cases {
            let Ok(run) = &case.run else { continue };
            let object = objects.path(run.family.bin(), Variant::Btf);
            let bytes = std::fs::read(&object)
                .map_err(|error| format!("cannot read {}: {error}", object.display()))?;
            let target = (run.target)().map_err(|e| format!("{}: target: {e}", case.name))?;
            let expected = resolve(&run.expected, &object, &target)?;
            let aya_expected = match &run.aya {
                Some((e, _)) => resolve(e, &object, &target)?,
                None => expected.clone(),
            };
            let check_expected = match &run.check {
                Some((e, _)) => resolve(e, &object, &target)?,
                None => expected.clone(),
            };
            let aya = under_aya(&object, run.family, &target)
                .map_err(|e| format!("{}: aya: {e}", case.name))?;
            let libbpf = under_libbpf(&loader, &object, case.name, run.family, &target)
                .map_err(|e| format!("{}: libbpf: {e}", case.name))?;
            let report = btf_reloc_link::check(
                &bytes,
                &[btf_reloc_link::Target::new(case.name, target.btf.clone())],
            )?;
            let (check_libbpf, check_aya) = predicted(&report, run.family, &target)
                .map_err(|e| format!("{}: check: {e}", case.name))?;
            let simulated = if run.family == Family::TypeId {
                check_libbpf.clone()
            } else {
                under_simulation(run.family, &target)
            };
            let mut ok = [true; 4];
            for (i, (who, got, want)) in [
                ("aya", &aya, &aya_expected),
                ("libbpf", &libbpf, &expected),
                ("`check` for libbpf", &check_libbpf, &check_expected),
                ("`check` for aya", &check_aya, &aya_expected),
                // The simulation shares `check`'s implementation of libbpf's rules. Type ids
                // are those of the simulation's own local BTF, not the object's.
                ("the host simulation", &simulated, &check_expected),
            ]
            .into_iter()
            .enumerate()
            {
                if !got.agrees(want) {
                    ok[[0, 1, 2, 2, 3][i]] = false;
                    let _ = write!(
                        failures,
                        "\n{}: {who} gives {got:?}, expected {}",
                        case.name,
                        show(run.family, want)
                    );
                }
            }
            for (count, ok) in passed.iter_mut().zip(ok) {
                *count += usize::from(ok);
            }
        }
        let expressed = cases.iter().filter(|c| c.run.is_ok()).count();
        if failures.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "libbpf's core_reloc table ({expressed} of {} cases expressed; aya {}, libbpf \
                 {}, check {}, the simulation {} as expected):{failures}",
                cases.len(),
                passed[0],
                passed[1],
                passed[2],
                passed[3]
            )
            .into())
        }
    });
}
