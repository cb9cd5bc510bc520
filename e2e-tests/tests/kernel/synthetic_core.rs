//! `bpf_core_read.h` features against synthetic kernels whose layout change matters: an embedded
//! struct read as one access path, bitfields, array elements bounded by the target's length,
//! strings bounded by the target's array, enum values, type existence and size, and a null link
//! in a pointer chain.
//!
//! Each kernel ([`kernels`]) is described once, as data, and becomes a host simulation. Its BTF
//! is the target aya relocates the post-linked `e2e-synthetic-core` object against; the uprobe of
//! `e2e-ebpf/src/synthetic_core.rs`, attached to [`btf_reloc_e2e_core_probe`] in this
//! executable, reads a `btf_reloc_e2e_core` (and the `btf_reloc_e2e_inner` its `next` points at)
//! from patterned bytes. The very same reads (`btf_reloc_e2e_common::synthetic_core::read_core`)
//! then run on the host against the simulation of the same kernel with the same bytes at the same
//! addresses, and every slot and string must match. On top of that, the slots a kernel fixes by
//! construction (enum values and existence, type sizes, out-of-bounds indices, string lengths,
//! null links, and each kernel's own facts) must hold what the kernel says, whatever the model.
//!
//! The object is not the main one: it relocates `TYPE_SIZE` of these made-up types, and aya 0.14
//! fails a whole object whose target lacks the type of a `TYPE_SIZE` relocation (libbpf writes 0
//! there), which would break every other test loading the main object.
//! [`type_absent`] shows both halves of that.
//!
//! `type_size` of the 64-bit enum is asked by an object of its own ([`enum64_type_size`]): aya
//! 0.14 refuses any object with that relocation on a kernel without `ENUM64` (before 6.0). On
//! such a kernel aya also answers `type_exists` of that enum with false
//! ([`aya_without_enum64`]); everything else, its values included, reads as on any kernel.
//!
//! Every test also runs `btf-reloc check` on the same object against the same target BTF bytes,
//! offline, and every slot the kernel stored must be what its predictions give on the bytes the
//! test laid out ([`predicted_by_check`]): a read at the predicted offset, a bitfield's bits at
//! the predicted position, `Ok(None)`, `SizeMismatch`, an index past the predicted length,
//! enum values, type existence and sizes, string lengths bounded by the predicted size.

mod kernels;

use std::fmt::Write as _;

use aya::{Btf, Ebpf, Endianness};
use btf_reloc_btf::Kind;
use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    outcome::{decode, encode_option, Outcome, Raw},
    synthetic_core::{
        self, btf_reloc_e2e_core, btf_reloc_e2e_inner, enum64, read_core, slot, Sink, BIGS,
        BIG_TYPE, CORE_TYPE, EXTRA_TYPE, INNER_TYPE, MODES, MODE_TYPE, NAME_BUFS, VALS_LEN,
    },
};
use btf_reloc_e2e_tests::{btf_layout, error_chain, kernel, objects::Objects, Result};
use btf_reloc_format::descriptor::{StructDescriptor, TypeShape};
use btf_reloc_link::{Getter, Refusals, Report, Verdict};
use btf_reloc_runtime::{sim::Memory, BtfRelocatable};

use self::kernels::Kernel;
use crate::harness::run;
use crate::synthetic::{check_against, int_at, predicted};

#[test]
fn base() {
    run(|objects| check(objects, Variant::Btf, &kernels::base(), Next::Pointee));
}

#[test]
fn base_no_btf() {
    run(|objects| check(objects, Variant::NoBtf, &kernels::base(), Next::Pointee));
}

#[test]
fn nested_moved() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::nested_moved(),
            Next::Pointee,
        )
    });
}

#[test]
fn nested_anon() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::nested_anon(),
            Next::Pointee,
        )
    });
}

#[test]
fn bitfield_moves() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::bitfield_moves(),
            Next::Pointee,
        )
    });
}

#[test]
fn bitfield_widens() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::bitfield_widens(),
            Next::Pointee,
        )
    });
}

#[test]
fn bitfield_signed() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::bitfield_signed(),
            Next::Pointee,
        )
    });
}

#[test]
fn array_longer_elements() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::array_longer(),
            Next::Pointee,
        )
    });
}

#[test]
fn enum_values_differ() {
    run(|objects| {
        check(
            objects,
            Variant::Btf,
            &kernels::enum_values_differ(),
            Next::Pointee,
        )
    });
}

#[test]
fn null_chain() {
    run(|objects| check(objects, Variant::Btf, &kernels::base(), Next::Null));
}

/// `name_str` against a shorter target array: a string longer than the target's 10 bytes is
/// cut to 9 bytes and a NUL (10 written) in the 16-byte buffer, and to 3 and a NUL in the
/// 4-byte one; a short string is copied with its NUL, which the length counts.
#[test]
fn string() {
    run(|objects| {
        let long = kernels::string_kernel(b"btf-reloc-synthetic");
        check(objects, Variant::Btf, &long, Next::Pointee)
            .map_err(|e| format!("a string longer than the target array: {e}"))?;
        let short = kernels::string_kernel(b"ok\0");
        check(objects, Variant::Btf, &short, Next::Pointee)
            .map_err(|e| format!("a string shorter than the target array: {e}").into())
    });
}

/// A declared type missing from the target. `btf_reloc_e2e_extra`, whose existence alone is
/// asked, is absent: `type_exists` is false, the object loads and every other read is right.
/// `btf_reloc_e2e_mode`, whose size is asked too, absent: `type_size` should be `None`, but aya
/// 0.14 computes a `TYPE_SIZE` relocation's *local* value from the target and fails the whole
/// load when the type is absent (libbpf writes 0 there, behind the existence check). That refusal is pinned here, so this test says when aya changes.
#[test]
fn type_absent() {
    run(|objects| {
        let no_extra = Kernel {
            extra: false,
            ..kernels::base()
        };
        check(objects, Variant::Btf, &no_extra, Next::Pointee)
            .map_err(|e| format!("without `{EXTRA_TYPE}`: {e}"))?;

        let no_mode = Kernel {
            mode: None,
            ..kernels::base()
        };
        // `btf-reloc check` says so offline: libbpf loads the object, aya 0.14 refuses it for
        // the `TYPE_SIZE` of the absent enum (and only that), and `type_size` is `None` there.
        let report = check_core(objects, Variant::Btf, &no_mode)?;
        let aya_refuses = Refusals {
            libbpf: false,
            aya: true,
        };
        let only_type_size = match &report.targets[0].aya {
            Verdict::Refuses(why) => why
                .iter()
                .all(|w| w.contains("TYPE_SIZE") && w.contains(MODE_TYPE)),
            Verdict::Loads => false,
        };
        let enum_type = predicted(&report, &format!("enum {MODE_TYPE}"))?;
        if report.refusals() != aya_refuses
            || !only_type_size
            || enum_type.getter != Getter::Missing
            || enum_type.aya != Some(Getter::Refused)
        {
            return Err(format!(
                "without `{MODE_TYPE}`: `btf-reloc check` should say only aya 0.14 refuses the \
                 object, over the TYPE_SIZE of `{MODE_TYPE}`:\n{report}"
            )
            .into());
        }
        match load(objects, Variant::Btf, &no_mode) {
            Err(error) if error.to_string().contains("TypeSize") => Ok(()),
            Err(error) => Err(format!(
                "without `{MODE_TYPE}`: expected aya 0.14's refusal of the `TypeSize` \
                 relocation, got: {error}"
            )
            .into()),
            Ok(_) => Err(format!(
                "without `{MODE_TYPE}`: the object loaded, so aya now handles a `TYPE_SIZE` \
                 relocation of an absent type; check `type_size` is `None` here (slot {}) \
                 instead of expecting the refusal",
                slot::TYPES + 2
            )
            .into()),
        }
    });
}

/// `type_size` of the 64-bit enum `btf_reloc_e2e_big` (local type `ENUM64`), alone in the
/// `e2e-enum64` object, against the base kernel (where it is an 8-byte `ENUM64`).
///
/// Where the running kernel takes `ENUM64` BTF (6.0 and later), aya relocates it: `[exists 1,
/// size 8]`, as `btf-reloc check` predicts. Where it does not, aya 0.14 sanitises the object's
/// BTF for the kernel *before* relocating with it (`Object::fixup_and_sanitize_btf` replaces each
/// `ENUM64` with a `UNION`), finds the target's `ENUM64` incompatible with that union
/// (`types_are_compatible`), and fails a `TYPE_SIZE` relocation with no match: the whole object
/// is refused with "applying relocation `TypeSize` missing target BTF info for type `N`", `N`
/// being the enum's local type id. That refusal is pinned here, with that id; the README's
/// "Loaders: what to know" tells users.
#[test]
fn enum64_type_size() {
    run(|objects| {
        for variant in Variant::ALL {
            enum64_type(objects, variant).map_err(|e| format!("{variant} object: {e}"))?;
        }
        Ok(())
    });
}

fn enum64_type(objects: &Objects, variant: Variant) -> Result<()> {
    let object = objects.path(Bin::Enum64, variant);
    let bytes = target_bytes(&kernels::base())?;
    let report = check_against(&object, &bytes)?;
    let btf = Btf::parse(&bytes, Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)))?;
    let loaded = kernel::load_against(&object, &btf);
    if kernel::takes_enum64()? {
        let predicted = match predicted(&report, &format!("enum {BIG_TYPE}"))?.getter {
            Getter::Type { size } => [1, encode_option(size.map(|s| s as usize)), 0, 0],
            ref other => return Err(format!("`check` predicts {other:?} for the enum").into()),
        };
        if report.refusals() != Refusals::default() || predicted != [1, 8, 0, 0] {
            return Err(format!("`btf-reloc check` should predict [1, 8]:\n{report}").into());
        }
        let mut ebpf = loaded?;
        kernel::attach(&mut ebpf, enum64::PROGRAM)?;
        kernel::trigger();
        let got: Raw = kernel::read_first(&ebpf, enum64::MAP)?;
        if got != predicted {
            return Err(format!(
                "[type_exists, type_size] of `{BIG_TYPE}`: {got:?}, expected {predicted:?}"
            )
            .into());
        }
        return Ok(());
    }
    let local = btf_layout::of_object(&object)?;
    let id = local
        .types_named(BIG_TYPE)
        .find(|(_, ty)| matches!(ty.kind, Kind::Enum64(_)))
        .map(|(id, _)| id)
        .ok_or_else(|| format!("{} has no ENUM64 `{BIG_TYPE}`", object.display()))?;
    let refusal = format!("applying relocation `TypeSize` missing target BTF info for type `{id}`");
    match loaded {
        Err(error) if error.to_string().contains(&refusal) => Ok(()),
        Err(error) => Err(format!(
            "on a kernel without ENUM64, expected aya 0.14's refusal `{refusal}`, got: {error}"
        )
        .into()),
        Ok(_) => Err(
            "on a kernel without ENUM64, aya loaded an object with `type_size` of a 64-bit \
             enum: aya no longer refuses it, so expect [1, 8] here and update the README's \
             \"Loaders: what to know\""
                .into(),
        ),
    }
}

/// The slots of the `synthetic_core` object where aya 0.14 on the running kernel answers
/// otherwise than libbpf (the simulation and `btf-reloc check` model libbpf): `(slot, why,
/// value)`. Without `ENUM64` in the kernel, aya has turned the local `ENUM64`
/// `btf_reloc_e2e_big` into a `UNION`, which no target type is compatible with, so its
/// `type_exists` is false whatever the target holds (its enumerators still match: aya keeps
/// their names for that).
fn aya_without_enum64(kernel: &Kernel) -> Result<Vec<(u32, &'static str, Raw)>> {
    if kernel::takes_enum64()? || kernel.big.is_none() {
        return Ok(Vec::new());
    }
    Ok(vec![(
        slot::TYPES + 3,
        "aya 0.14 on a kernel without ENUM64 (type_exists of the sanitised enum)",
        [0, -1, 0, 0],
    )])
}

/// The function the uprobe attaches to; `data` is the address of a `struct btf_reloc_e2e_core`
/// laid out as the test's kernel says.
///
/// `#[no_mangle]` keeps the symbol in the executable's symbol table, where aya finds it;
/// `#[inline(never)]` and `black_box` keep a real call to it.
#[no_mangle]
#[inline(never)]
extern "C" fn btf_reloc_e2e_core_probe(data: *const u8) {
    std::hint::black_box(data);
}

const PROBE_SYMBOL: &str = "btf_reloc_e2e_core_probe";

/// Whether `next` points at a laid-out `btf_reloc_e2e_inner` or is null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Pointee,
    Null,
}

/// `kernel`'s BTF bytes.
fn target_bytes(kernel: &Kernel) -> Result<Vec<u8>> {
    kernel
        .simulation()
        .target_btf()
        .and_then(|btf| btf.to_bytes())
        .map_err(|error| format!("the synthetic kernel is not valid BTF: {error}").into())
}

/// `btf-reloc check` of the object against `kernel`'s BTF bytes (those aya is given).
fn check_core(objects: &Objects, variant: Variant, kernel: &Kernel) -> Result<Report> {
    check_against(
        &objects.path(Bin::SyntheticCore, variant),
        &target_bytes(kernel)?,
    )
}

/// Loads the object against `kernel`'s BTF and attaches the uprobe.
fn load(objects: &Objects, variant: Variant, kernel: &Kernel) -> Result<Ebpf> {
    let bytes = target_bytes(kernel)?;
    let btf = Btf::parse(&bytes, Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)))?;
    let mut ebpf = kernel::load_against(&objects.path(Bin::SyntheticCore, variant), &btf)?;
    kernel::attach_uprobe(&mut ebpf, synthetic_core::PROGRAM, PROBE_SYMBOL)?;
    Ok(ebpf)
}

/// Every slot and string the program stores.
#[derive(Debug, Default, PartialEq)]
struct Stored {
    slots: Vec<Raw>,
    names: Vec<[u8; NAME_BUFS[0]]>,
}

/// The host side of a [`Sink`].
impl Sink for Stored {
    fn slot(&mut self, slot: u32, value: Raw) {
        let slot = slot as usize;
        if self.slots.len() <= slot {
            self.slots.resize(slot + 1, [0; 4]);
        }
        self.slots[slot] = value;
    }

    fn name(&mut self, index: u32, buf: [u8; NAME_BUFS[0]]) {
        let index = index as usize;
        if self.names.len() <= index {
            self.names.resize(index + 1, [0; NAME_BUFS[0]]);
        }
        self.names[index] = buf;
    }
}

/// `len` patterned bytes starting at pattern position `from`: every 8-byte window differs.
fn pattern(from: u64, len: usize) -> Vec<u8> {
    (from..from + len as u64)
        .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8)
        .collect()
}

/// Loads the object against `kernel`, runs the probe on the root laid out as `kernel` says (with
/// `next` as given), runs the same reads in the simulation, and checks every slot and string.
fn check(objects: &Objects, variant: Variant, kernel: &Kernel, next: Next) -> Result<()> {
    let ebpf = load(objects, variant, kernel)?;
    let pointee = pattern(1 << 20, kernel.inner_size);
    let mut root = pattern(0, kernel.core_size);
    let mut write = |at: usize, bytes: &[u8]| {
        if let Some(slot) = root.get_mut(at..at + bytes.len()) {
            slot.copy_from_slice(bytes);
        }
    };
    if let Some((offset, len, text)) = kernel.name() {
        write(offset, &text[..text.len().min(len)]);
    }
    let next_addr = match next {
        Next::Pointee => pointee.as_ptr() as u64,
        Next::Null => 0,
    };
    if let Some(offset) = kernel.next() {
        write(offset, &next_addr.to_ne_bytes());
    }
    for (at, bytes) in &kernel.writes {
        write(*at, bytes);
    }
    let addr = root.as_ptr() as u64;
    btf_reloc_e2e_core_probe(std::hint::black_box(root.as_ptr()));
    let mut got = Stored::default();
    for slot in 0..slot::LEN {
        got.slot(
            slot,
            kernel::read_at(&ebpf, synthetic_core::SLOTS_MAP, slot)?,
        );
    }
    for index in 0..NAME_BUFS.len() as u32 {
        got.name(
            index,
            kernel::read_at(&ebpf, synthetic_core::STRS_MAP, index)?,
        );
    }

    let mut user = Memory::new();
    user.map(addr, root.clone());
    user.map(pointee.as_ptr() as u64, pointee.clone());
    let want = {
        let _simulation = kernel.simulation().with_user_memory(user).install();
        let mut want = Stored::default();
        read_core(addr, &mut want);
        want
    };

    let mut failures = String::new();
    let aya_differs = aya_without_enum64(kernel)?;
    for (slot, (got, want)) in (0u32..).zip(got.slots.iter().zip(&want.slots)) {
        if let Some((what, aya)) = aya_differs
            .iter()
            .find(|(s, _, _)| *s == slot)
            .map(|(_, w, a)| (w, a))
        {
            if got != aya {
                let _ = write!(
                    failures,
                    "\nslot {slot}: kernel {got:?}, but {what} gives {aya:?}"
                );
            }
            continue;
        }
        if got != want {
            let _ = write!(
                failures,
                "\nslot {slot}: kernel {} ({got:?}), simulation {} ({want:?})",
                decode(*got),
                decode(*want)
            );
        }
    }
    for (index, (got, want)) in got.names.iter().zip(&want.names).enumerate() {
        if got != want {
            let _ = write!(
                failures,
                "\nname_str into {} bytes: kernel {:?}, simulation {:?}",
                NAME_BUFS[index],
                String::from_utf8_lossy(got),
                String::from_utf8_lossy(want)
            );
        }
    }
    for (slot, what, known) in known(kernel, next) {
        let held = want.slots.get(slot as usize).copied().unwrap_or_default();
        if !known.holds(held) {
            let _ = write!(
                failures,
                "\n{what}: the simulation gives {}, the kernel's layout says {known:?}",
                decode(held)
            );
        }
    }
    let report = check_core(objects, variant, kernel)?;
    if report.refusals() != Refusals::default() {
        let _ = write!(
            failures,
            "\n`btf-reloc check` says a loader refuses:\n{report}"
        );
    }
    let memory = Laid {
        root: &root,
        pointee: &pointee,
        pointee_addr: pointee.as_ptr() as u64,
    };
    for (slot, what, known) in predicted_by_check(&report, &memory)? {
        if aya_differs.iter().any(|(s, _, _)| *s == slot) {
            continue;
        }
        let held = got.slots.get(slot as usize).copied().unwrap_or_default();
        if !known.holds(held) {
            let _ = write!(
                failures,
                "\n{what}: the kernel stored {} ({held:?}), `btf-reloc check` predicts {known:?}",
                decode(held)
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "`{}` read, through a uprobe:{failures}",
            synthetic_core::PROGRAM
        )
        .into())
    }
}

/// The bytes the probe read: the root struct, and what its `next` points at.
struct Laid<'a> {
    root: &'a [u8],
    pointee: &'a [u8],
    pointee_addr: u64,
}

/// How field `name` of `desc` is declared: an integer's size and signedness (a pointer is an
/// unsigned 8-byte integer).
fn declared(desc: &StructDescriptor, name: &str) -> Result<(u64, bool)> {
    match desc.fields.iter().find(|f| f.name == name).map(|f| f.shape) {
        Some(TypeShape::Int { size, signed }) => Ok((size as u64, signed)),
        Some(TypeShape::Ptr) => Ok((8, false)),
        _ => Err(format!("`{}.{name}` is not declared as an integer", desc.name).into()),
    }
}

/// A value the program stored as `encode` does: an integer of its declared type, as an `i64`.
fn value_of(raw: i64, (size, signed): (u64, bool)) -> Outcome {
    // Truncated to the declared type, then widened as `Into<i64>` (or the u64 reinterpretation)
    // widens it.
    let bits = 64 - 8 * size.min(8) as u32;
    Outcome::Value(match (signed, bits) {
        (_, 0) => raw,
        (true, bits) => (raw << bits) >> bits,
        (false, bits) => ((raw as u64) << bits >> bits) as i64,
    })
}

/// What the getter of a plain value stores, as `check` predicts it, reading `memory` at the
/// predicted offset (plus `shift` bytes: an array element past the first).
fn plain(getter: &Getter, memory: &[u8], shift: u64, declared: (u64, bool)) -> Known {
    Known::Outcome(match *getter {
        Getter::Value { offset, size } => int_at(memory, offset + shift, size, declared.1)
            .map_or(Outcome::NotStored, |v| value_of(v, declared)),
        Getter::Missing => Outcome::Missing,
        Getter::SizeMismatch { expected, actual } => Outcome::SizeMismatch {
            expected: expected as i64,
            actual: actual as i64,
        },
        _ => Outcome::NotStored,
    })
}

/// Every slot of [`slot`], as `btf-reloc check`'s `report` predicts it on the bytes `memory`.
fn predicted_by_check(report: &Report, memory: &Laid<'_>) -> Result<Vec<(u32, String, Known)>> {
    let core = &<btf_reloc_e2e_core as BtfRelocatable>::DESCRIPTOR;
    let inner = &<btf_reloc_e2e_inner as BtfRelocatable>::DESCRIPTOR;
    let field = |path: &str| predicted(report, &format!("{CORE_TYPE}.{path}"));
    let mut all = Vec::new();

    for (slot, member) in [(slot::INNER_X, "x"), (slot::INNER_Y, "y")] {
        let getter = &field(&format!("inner.{member}"))?.getter;
        let known = plain(getter, memory.root, 0, declared(inner, member)?);
        all.push((slot, format!("inner.{member}"), known));
    }
    let handle = match field("inner")?.getter {
        Getter::Present { offset: Some(o) } => [1, o as i64, 0, 0],
        Getter::Missing => [0, -1, 0, 0],
        ref other => return Err(format!("`check` predicts {other:?} for `inner`").into()),
    };
    all.push((
        slot::INNER_PATH,
        "data.inner()".to_owned(),
        Known::Raw(handle),
    ));

    for (slot, name) in [
        (slot::FLAGS, "flags"),
        (slot::LEVEL, "level"),
        (slot::COUNT, "count"),
    ] {
        let known = match field(name)?.getter {
            Getter::Bitfield {
                offset,
                size,
                bit_offset,
                bits,
                signed,
            } => {
                // `read_bitfield`: load `size` bytes, shift the field's top bit to bit 63, then
                // back down (arithmetically when the target field is signed).
                let load = int_at(memory.root, offset, size, false).unwrap_or_default() as u64;
                let lshift = 64 - (bit_offset + bits - offset * 8);
                let up = load.wrapping_shl(lshift as u32);
                let value = match signed {
                    true => (up as i64).wrapping_shr(64 - bits as u32),
                    false => up.wrapping_shr(64 - bits as u32) as i64,
                };
                Known::Outcome(value_of(value, declared(core, name)?))
            }
            ref getter => plain(getter, memory.root, 0, declared(core, name)?),
        };
        all.push((slot, format!("{name}()"), known));
    }

    // `vals()` stores the first element.
    let vals = field("vals")?;
    let element = field("vals[0]")?;
    let first = match vals.getter {
        Getter::Value { offset, .. } => plain(
            &Getter::Value { offset, size: 4 },
            memory.root,
            0,
            (4, false),
        ),
        ref getter => plain(getter, memory.root, 0, (4, false)),
    };
    all.push((slot::VALS, "vals()".to_owned(), first));
    for index in 0..slot::VALS_AT_COUNT {
        let known = match (vals.exists, vals.elements, &element.getter) {
            (false, _, _) => Known::Outcome(Outcome::Missing),
            (true, Some(len), _) if u64::from(index) >= len => {
                Known::Outcome(Outcome::IndexOutOfBounds {
                    index: index.into(),
                    len: len as i64,
                })
            }
            (true, Some(_), Getter::Value { size, .. }) => plain(
                &element.getter,
                memory.root,
                u64::from(index) * size,
                (4, false),
            ),
            (true, _, getter) => plain(getter, memory.root, 0, (4, false)),
        };
        all.push((slot::VALS_AT + index, format!("vals_at({index})"), known));
    }

    // `name_str(buf)`: `bpf_probe_read_user_str` into the shorter of the buffer and the
    // predicted size, at the predicted offset.
    let name = field("name")?;
    for (slot, buf_len) in (slot::NAME_STR..).zip(NAME_BUFS) {
        let known = match (name.exists, name.byte_offset, name.byte_size) {
            (false, _, _) => Outcome::Missing,
            (true, Some(offset), Some(size)) => {
                let bound = (buf_len as u64).min(size) as usize;
                let text = memory
                    .root
                    .get(offset as usize..)
                    .unwrap_or_default()
                    .iter()
                    .take(bound.saturating_sub(1));
                let written = text
                    .clone()
                    .position(|&b| b == 0)
                    .map_or(bound, |nul| nul + 1);
                Outcome::Value(written as i64)
            }
            _ => Outcome::NotStored,
        };
        all.push((
            slot,
            format!("name_str into {buf_len} bytes"),
            Known::Outcome(known),
        ));
    }

    // `core_read!(data, next, x)`: the pointer at the predicted offset, then `x` or `y` of the
    // `btf_reloc_e2e_inner` it points at (existence first, then null).
    let next = &field("next")?.getter;
    for (slot, member) in [(slot::NEXT_X, "x"), (slot::NEXT_Y, "y")] {
        let target = predicted(report, &format!("{INNER_TYPE}.{member}"))?;
        let known = match next {
            Getter::Value { offset, size: 8 } => {
                let pointer = int_at(memory.root, *offset, 8, false).unwrap_or_default() as u64;
                match (&target.getter, pointer) {
                    (Getter::Missing, _) => Known::Outcome(Outcome::Missing),
                    (_, 0) => Known::Outcome(Outcome::NullPointer),
                    (getter, p) if p == memory.pointee_addr => {
                        plain(getter, memory.pointee, 0, declared(inner, member)?)
                    }
                    (_, p) => {
                        return Err(format!(
                            "`check` puts `next` at {offset}, where the root holds {p:#x}: \
                             neither the pointee nor null"
                        )
                        .into())
                    }
                }
            }
            getter => plain(getter, memory.root, 0, (8, false)),
        };
        all.push((slot, format!("core_read!(data, next, {member})"), known));
    }

    for (name, values, first) in [
        (MODE_TYPE, &MODES[..], slot::MODE),
        (BIG_TYPE, &BIGS, slot::BIG),
    ] {
        let mut exists = [0; 4];
        for ((slot, enumerator), exists) in (first..).zip(values).zip(&mut exists) {
            let predicted = predicted(report, &format!("{name}::{enumerator}"))?;
            *exists = i64::from(predicted.exists);
            let known = match predicted.getter {
                Getter::EnumValue { value: Some(v) } => Outcome::Value(v as i64),
                Getter::Missing => Outcome::Missing,
                _ => Outcome::NotStored,
            };
            all.push((slot, format!("{enumerator}.value()"), Known::Outcome(known)));
        }
        if name == MODE_TYPE {
            all.push((
                slot::MODE_EXISTS,
                "Mode::*.exists()".to_owned(),
                Known::Raw(exists),
            ));
        }
    }

    // The sizes of the big and extra types are not asked (-1).
    for (slot, (ty, sized)) in (slot::TYPES..).zip([
        (format!("struct {CORE_TYPE}"), true),
        (format!("struct {INNER_TYPE}"), true),
        (format!("enum {MODE_TYPE}"), true),
        (format!("enum {BIG_TYPE}"), false),
        (format!("struct {EXTRA_TYPE}"), false),
    ]) {
        let raw = match predicted(report, &ty)?.getter {
            Getter::Type { size } if sized => [1, encode_option(size.map(|s| s as usize)), 0, 0],
            Getter::Type { .. } => [1, -1, 0, 0],
            Getter::Missing => [0, -1, 0, 0],
            ref other => return Err(format!("`check` predicts {other:?} for `{ty}`").into()),
        };
        all.push((
            slot,
            format!("type_exists/type_size of {ty}"),
            Known::Raw(raw),
        ));
    }
    Ok(all)
}

/// What a slot fixed by construction holds: a getter's outcome, or raw words (existence flags,
/// type sizes).
#[derive(Debug)]
enum Known {
    Outcome(Outcome),
    Raw(Raw),
}

impl Known {
    fn holds(&self, raw: Raw) -> bool {
        match self {
            Self::Outcome(outcome) => decode(raw) == *outcome,
            Self::Raw(want) => raw == *want,
        }
    }
}

/// The slots `kernel` fixes by construction: enum values and existence, type existence and
/// sizes, indices past the target array, string lengths, a null `next`, and the kernel's own
/// facts.
fn known(kernel: &Kernel, next: Next) -> Vec<(u32, String, Known)> {
    let value_of = |def: &Option<kernels::EnumDef>, name: &str| {
        def.as_ref()
            .and_then(|d| d.values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v))
    };
    let enum_value =
        |value: Option<i64>| Known::Outcome(value.map_or(Outcome::Missing, Outcome::Value));
    let mut all = Vec::new();
    for (slot, name) in (slot::MODE..).zip(MODES) {
        all.push((
            slot,
            format!("{name}.value()"),
            enum_value(value_of(&kernel.mode, name)),
        ));
    }
    all.push((
        slot::MODE_EXISTS,
        "Mode::*.exists()".to_owned(),
        Known::Raw(MODES.map(|name| i64::from(value_of(&kernel.mode, name).is_some()))),
    ));
    for (slot, name) in (slot::BIG..).zip(BIGS) {
        all.push((
            slot,
            format!("{name}.value()"),
            enum_value(value_of(&kernel.big, name)),
        ));
    }
    let sized = |exists: bool, size: usize| {
        Known::Raw([
            i64::from(exists),
            encode_option(exists.then_some(size)),
            0,
            0,
        ])
    };
    for (slot, what, known) in [
        (
            slot::TYPES,
            "type_size of the core",
            sized(true, kernel.core_size),
        ),
        (
            slot::TYPES + 1,
            "type_size of inner",
            sized(true, kernel.inner_size),
        ),
        (
            slot::TYPES + 2,
            "type_size of mode",
            sized(kernel.mode.is_some(), 4),
        ),
        (
            slot::TYPES + 3,
            "type_exists of big",
            Known::Raw([i64::from(kernel.big.is_some()), -1, 0, 0]),
        ),
        (
            slot::TYPES + 4,
            "type_exists of extra",
            Known::Raw([i64::from(kernel.extra), -1, 0, 0]),
        ),
    ] {
        all.push((slot, what.to_owned(), known));
    }
    if let Some(len) = kernel.vals_len() {
        for index in len as u32..slot::VALS_AT_COUNT {
            all.push((
                slot::VALS_AT + index,
                format!("vals_at({index})"),
                Known::Outcome(Outcome::IndexOutOfBounds {
                    index: index.into(),
                    len: len as i64,
                }),
            ));
        }
        if len != VALS_LEN {
            all.push((
                slot::VALS,
                "vals() of another length".to_owned(),
                Known::Outcome(Outcome::SizeMismatch {
                    expected: 4 * VALS_LEN as i64,
                    actual: 4 * len as i64,
                }),
            ));
        }
    }
    if let Some((_, len, text)) = kernel.name() {
        for (slot, buf_len) in (slot::NAME_STR..).zip(NAME_BUFS) {
            // `bpf_probe_read_user_str` into the shorter of the buffer and the target array:
            // up to its NUL, or all but one byte and a NUL.
            let bound = buf_len.min(len);
            let written = text[..text.len().min(bound - 1)]
                .iter()
                .position(|&b| b == 0)
                .map_or(bound, |nul| nul + 1);
            all.push((
                slot,
                format!("name_str into {buf_len} bytes"),
                Known::Outcome(Outcome::Value(written as i64)),
            ));
        }
    }
    if next == Next::Null {
        for slot in [slot::NEXT_X, slot::NEXT_Y] {
            all.push((
                slot,
                "a read through a null `next`".to_owned(),
                Known::Outcome(Outcome::NullPointer),
            ));
        }
    }
    for (slot, what, outcome) in &kernel.known {
        all.push((*slot, (*what).to_owned(), Known::Outcome(*outcome)));
    }
    all
}
