//! `bpf_core_read.h` features against synthetic kernels whose layout change matters: an embedded
//! struct read as one access path, bitfields, array elements bounded by the target's length,
//! strings bounded by the target's array, enum values, type existence and size, and a null link
//! in a pointer chain.
//!
//! Each test describes one kernel as a [`Kernel`] ([`kernels`]), writes its BTF, loads the
//! post-linked `e2e-synthetic-core` object with that BTF as the target (aya's `EbpfLoader::btf`),
//! attaches the uprobe of `e2e-ebpf/src/synthetic_core.rs` to [`btf_reloc_e2e_core_probe`] in this
//! executable, lays out a `btf_reloc_e2e_core` (and the `btf_reloc_e2e_inner` its `next` points
//! at) exactly as the kernel says, calls the probe with it, and compares every slot the uprobe
//! stored with what the kernel implies (`btf_reloc_e2e_tests::synthetic_core::model`). Every test
//! checks every slot.
//!
//! The object is not the main one: it relocates `TYPE_SIZE` of these made-up types, and aya 0.14
//! fails a whole object whose target lacks the type of a `TYPE_SIZE` relocation (libbpf poisons
//! the instruction), which would break every other test loading the main object.
//! [`type_absent`] shows both halves of that.

mod kernels;

use std::fmt::Write as _;

use aya::{Btf, Ebpf, Endianness};
use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    outcome::{decode, Outcome, Raw},
    synthetic_core::{
        self, slot, BIGS, BIG_TYPE, CORE_TYPE, EXTRA_TYPE, INNER_TYPE, MODES, MODE_TYPE, NAME_BUFS,
        VALS_LEN,
    },
};
use btf_reloc_e2e_tests::{
    error_chain, kernel,
    objects::Objects,
    synthetic_core::model::{Kernel, LocalInt},
    Result,
};

use crate::harness::run;

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
/// load when the type is absent (libbpf poisons the instruction, which the existence check
/// guards). That refusal is pinned here, so this test says when aya changes.
#[test]
fn type_absent() {
    run(|objects| {
        let mut no_extra = kernels::base();
        no_extra.structs.retain(|s| s.name != EXTRA_TYPE);
        check(objects, Variant::Btf, &no_extra, Next::Pointee)
            .map_err(|e| format!("without `{EXTRA_TYPE}`: {e}"))?;

        let mut no_mode = kernels::base();
        no_mode.enums.retain(|e| e.name != MODE_TYPE);
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

// The seeds that make the two buffers' bytes differ.
const ROOT_SEED: u8 = 0x00;
const POINTEE_SEED: u8 = 0x30;

/// The Rust types the getters of `e2e-ebpf/src/synthetic_core.rs` read into.
mod local {
    use super::LocalInt;

    pub(super) const U8: LocalInt = LocalInt {
        size: 1,
        signed: false,
    };
    pub(super) const I8: LocalInt = LocalInt {
        size: 1,
        signed: true,
    };
    pub(super) const U16: LocalInt = LocalInt {
        size: 2,
        signed: false,
    };
    pub(super) const U32: LocalInt = LocalInt {
        size: 4,
        signed: false,
    };
    pub(super) const U64: LocalInt = LocalInt {
        size: 8,
        signed: false,
    };
}

/// Whether `next` points at a laid-out `btf_reloc_e2e_inner` or is null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Pointee,
    Null,
}

/// Loads the object against `kernel`'s BTF and attaches the uprobe.
fn load(objects: &Objects, variant: Variant, kernel: &Kernel) -> Result<Ebpf> {
    let btf = Btf::parse(&kernel.btf()?, Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)))?;
    let mut ebpf = kernel::load_against(&objects.path(Bin::SyntheticCore, variant), &btf)?;
    kernel::attach_uprobe(&mut ebpf, synthetic_core::PROGRAM, PROBE_SYMBOL)?;
    Ok(ebpf)
}

/// What a slot must hold: a getter's [`Outcome`], or raw words (queries, existence flags).
enum Want {
    Outcome(Outcome),
    Raw(Raw),
}

/// Loads the object against `kernel`, runs the probe on memory laid out as `kernel` says (with
/// `next` as given) and checks every slot.
fn check(objects: &Objects, variant: Variant, kernel: &Kernel, next: Next) -> Result<()> {
    let ebpf = load(objects, variant, kernel)?;
    let pointee = kernel.memory(INNER_TYPE, 0, POINTEE_SEED)?;
    let address = match next {
        Next::Pointee => pointee.as_ptr() as u64,
        Next::Null => 0,
    };
    let memory = kernel.memory(CORE_TYPE, address, ROOT_SEED)?;
    btf_reloc_e2e_core_probe(std::hint::black_box(memory.as_ptr()));

    let pointee = (next == Next::Pointee).then_some(pointee.as_slice());
    let mut failures = String::new();
    for (slot, what, want) in expectations(kernel, &memory, pointee) {
        let got: Raw = kernel::read_at(&ebpf, synthetic_core::SLOTS_MAP, slot)?;
        let (ok, got, want) = match want {
            Want::Outcome(want) => {
                let got = decode(got);
                (got == want, got.to_string(), want.to_string())
            }
            Want::Raw(want) => (got == want, format!("{got:?}"), format!("{want:?}")),
        };
        if !ok {
            let _ = write!(failures, "\n{what}: got {got}, expected {want}");
        }
    }
    for (index, buf_len) in (0u32..).zip(NAME_BUFS) {
        let (_, want) = kernel.read_str(&memory, CORE_TYPE, "name", buf_len as u32);
        let got: [u8; NAME_BUFS[0]] = kernel::read_at(&ebpf, synthetic_core::STRS_MAP, index)?;
        if got.get(..want.len()) != Some(want.as_slice()) {
            let _ = write!(
                failures,
                "\nname_str into {buf_len} bytes: buffer {:?}, expected {:?}",
                String::from_utf8_lossy(&got[..want.len().min(got.len())]),
                String::from_utf8_lossy(&want)
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

/// Every slot of the slots map with a description and what `kernel` says it must hold.
fn expectations(
    kernel: &Kernel,
    memory: &[u8],
    pointee: Option<&[u8]>,
) -> Vec<(u32, String, Want)> {
    const CORE: &str = CORE_TYPE;
    let outcome = |slot, what: &str, want| (slot, what.to_owned(), Want::Outcome(want));
    let raw = |slot, what: &str, want| (slot, what.to_owned(), Want::Raw(want));
    let mut all = vec![
        outcome(
            slot::INNER_X,
            "core_read!(data, inner, x)",
            kernel.read_int(memory, CORE, &["inner", "x"], local::U32),
        ),
        outcome(
            slot::INNER_Y,
            "core_read!(data, inner, y)",
            kernel.read_int(memory, CORE, &["inner", "y"], local::U64),
        ),
        raw(
            slot::INNER_Y_PATH,
            "[exists, byte_size, byte_offset] of the path inner.y",
            kernel.path_info(CORE, &["inner", "y"]),
        ),
        outcome(
            slot::FLAGS,
            "flags() (bitfield into u8)",
            kernel.read_bitfield(memory, CORE, "flags", local::U8),
        ),
        outcome(
            slot::LEVEL,
            "level() (bitfield into i8)",
            kernel.read_bitfield(memory, CORE, "level", local::I8),
        ),
        outcome(
            slot::COUNT,
            "count() (bitfield into u16)",
            kernel.read_bitfield(memory, CORE, "count", local::U16),
        ),
        outcome(
            slot::VALS,
            "vals()[0]",
            kernel.read_array_first(memory, CORE, "vals", local::U32, VALS_LEN as u32),
        ),
        outcome(
            slot::NEXT_X,
            "core_read!(data, next, x)",
            kernel.read_through(CORE, "next", INNER_TYPE, pointee, &["x"], local::U32),
        ),
        outcome(
            slot::NEXT_Y,
            "core_read!(data, next, y)",
            kernel.read_through(CORE, "next", INNER_TYPE, pointee, &["y"], local::U64),
        ),
        raw(
            slot::MODE_EXISTS,
            "Mode::*.exists()",
            MODES.map(|e| i64::from(kernel.enum_value(MODE_TYPE, e).is_some())),
        ),
    ];
    for index in 0..slot::VALS_AT_COUNT {
        all.push(outcome(
            slot::VALS_AT + index,
            &format!("vals_at({index})"),
            kernel.read_element(memory, CORE, "vals", index, local::U32),
        ));
    }
    for (slot, buf_len) in (slot::NAME_STR..).zip(NAME_BUFS) {
        all.push(outcome(
            slot,
            &format!("name_str(&mut [0; {buf_len}])"),
            kernel.read_str(memory, CORE, "name", buf_len as u32).0,
        ));
    }
    for (slot, enumerator) in (slot::MODE..).zip(MODES) {
        all.push(enum_slot(kernel, slot, MODE_TYPE, enumerator));
    }
    for (slot, enumerator) in (slot::BIG..).zip(BIGS) {
        all.push(enum_slot(kernel, slot, BIG_TYPE, enumerator));
    }
    for (slot, (name, sized)) in (slot::TYPES..).zip([
        (CORE, true),
        (INNER_TYPE, true),
        (MODE_TYPE, true),
        (BIG_TYPE, true),
        (EXTRA_TYPE, false),
    ]) {
        all.push(raw(
            slot,
            &format!("[type_exists, type_size] of {name}"),
            kernel.type_info(name, sized),
        ));
    }
    all
}

/// `Enum::Variant.value()` as the program stores it: `Ok(Some(v))` or `Ok(None)`.
fn enum_slot(kernel: &Kernel, slot: u32, name: &str, enumerator: &str) -> (u32, String, Want) {
    let want = kernel
        .enum_value(name, enumerator)
        .map_or(Outcome::Missing, Outcome::Value);
    (slot, format!("{enumerator}.value()"), Want::Outcome(want))
}
