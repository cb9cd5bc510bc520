//! Unions and type ids against synthetic kernels handed to aya: a union embedded in a struct,
//! read as one access path through it (`core_read!(h, value, pair, b)`, `h.value()?.bytes_at`),
//! a union as a root, and `type_id_local` / `type_id_target` next to `type_exists` /
//! `type_size`.
//!
//! As in `synthetic_core`: each kernel ([`Kernel`]) is described once, as data, and becomes a
//! host simulation whose BTF is the target aya relocates the post-linked `e2e-synthetic-types`
//! object against. The uprobe of `e2e-ebpf/src/synthetic_types.rs`, attached to
//! [`btf_reloc_e2e_types_probe`] in this executable, reads a `btf_reloc_e2e_holder` and a
//! `btf_reloc_e2e_value` from patterned bytes; the same reads
//! (`btf_reloc_e2e_common::synthetic_types::read_types`) run on the host against the simulation
//! with the same bytes at the same addresses, and every slot must match, but the local type
//! ids: the simulation's local BTF is not the object's. What the kernel fixes by construction
//! must hold besides: each `type_id_target` is the id of the type of that name and kind in the
//! BTF handed to aya, each `type_id_local` the id of the local type in the object's `.BTF`,
//! the union's handle sits at the kernel's offset of `value`, a root union the kernel has only
//! as a struct reads `Ok(None)`. And `btf-reloc check` must predict every slot.
//!
//! What libbpf's rules say and this shows in the kernel: a root's kind must be the target's (a
//! union `btf_reloc_e2e_value` finds no struct of that name), while below the root composites
//! match composites (`holder.value.*` reads through the kernel's struct `value`).
//! [`absent_type`] pins aya 0.14's refusal of `TYPE_ID_TARGET` (and `TYPE_SIZE`) of a type the
//! target lacks. The typedef'd types (`PairT`, `LevelT`) are rooted at their typedefs: a field
//! read and enum values through them, and their type relocations.

use std::fmt::Write as _;

use aya::{Btf, Ebpf, Endianness};
use btf_reloc_btf::Kind;
use btf_reloc_e2e_common::{
    objects::{Bin, Variant},
    outcome::{decode, decode_option, Outcome, Raw},
    synthetic_types::{
        self, read_types, slot, Sink, BYTE_INDEX, HOLDER_TYPE, LEVEL_TYPEDEF, PAIR_TYPE,
        PAIR_TYPEDEF, VALUE_TYPE,
    },
};
use btf_reloc_e2e_tests::{btf_layout, error_chain, kernel, objects::Objects, Result};
use btf_reloc_link::{FieldResult, Getter, Refusals, Report, Verdict};
use btf_reloc_runtime::sim::btf::NewMember;
use btf_reloc_runtime::sim::{Enum, Memory, Simulation, Struct, Type};

use crate::harness::run;
use crate::synthetic::{check_against, int_at, predicted};

#[test]
fn base() {
    run(|objects| check(objects, Variant::Btf, &Kernel::base()));
}

#[test]
fn base_no_btf() {
    run(|objects| check(objects, Variant::NoBtf, &Kernel::base()));
}

#[test]
fn moved() {
    run(|objects| check(objects, Variant::Btf, &Kernel::moved()));
}

/// The holder's `state` is of an anonymous enum type: libbpf matches the local named enum with
/// it (an anonymous enum matches any), aya 0.14 does not (it compares the names): `h.state()`
/// is `Ok(None)` under aya, as `btf-reloc check` predicts for aya, and the kernel's value under
/// libbpf's rules (the simulation, `check`'s libbpf column).
#[test]
fn state_anonymous_enum() {
    run(|objects| {
        let kernel = Kernel {
            state_anonymous: true,
            ..Kernel::base()
        };
        check(objects, Variant::Btf, &kernel)
    });
}

/// The kernel's `btf_reloc_e2e_value` is a struct: the root union has no candidate, but
/// `holder.value.*` reads through it.
#[test]
fn value_is_a_struct() {
    run(|objects| check(objects, Variant::Btf, &Kernel::value_is_a_struct()));
}

/// `struct btf_reloc_e2e_pair` is called otherwise in the target. Below the root names of
/// member types are not compared, so the paths through `value.pair` would read; but the object
/// relocates `type_size` and `type_id_target` of `btf_reloc_e2e_pair`, which the target lacks:
/// libbpf writes 0 for both (`type_size` is `None`, `type_id_target` `None`), aya 0.14 fails
/// the whole object. `btf-reloc check` says both; the refusal is pinned here, so that this test
/// says when aya changes.
#[test]
fn absent_type() {
    run(|objects| {
        let kernel = Kernel {
            pair_name: "btf_reloc_e2e_couple",
            ..Kernel::base()
        };
        let report = check_against(
            &objects.path(Bin::SyntheticTypes, Variant::Btf),
            &kernel.bytes()?,
        )?;
        let pair = predicted(&report, &format!("struct {PAIR_TYPE}"))?;
        let only_pair = match &report.targets[0].aya {
            Verdict::Refuses(why) => why.iter().all(|w| {
                (w.contains("TYPE_SIZE") || w.contains("TYPE_ID_TARGET")) && w.contains(PAIR_TYPE)
            }),
            Verdict::Loads => false,
        };
        if report.refusals()
            != (Refusals {
                libbpf: false,
                aya: true,
            })
            || !only_pair
            || pair.getter != Getter::Missing
            || pair.target_type_id.is_some()
        {
            return Err(format!(
                "`btf-reloc check` should say only aya 0.14 refuses the object, over \
                 `{PAIR_TYPE}`'s TYPE_SIZE and TYPE_ID_TARGET, and that libbpf finds no such \
                 type:\n{report}"
            )
            .into());
        }
        match load(objects, Variant::Btf, &kernel) {
            Err(error)
                if error
                    .to_string()
                    .contains("missing target BTF info for type") =>
            {
                Ok(())
            }
            Err(error) => Err(format!(
                "expected aya 0.14's refusal of a TYPE_SIZE or TYPE_ID_TARGET relocation of an \
                 absent type, got: {error}"
            )
            .into()),
            Ok(_) => Err(
                "the object loaded, so aya now handles TYPE_ID_TARGET/TYPE_SIZE of an absent \
                 type: expect `None` for both here instead of the refusal"
                    .into(),
            ),
        }
    });
}

/// How the kernel declares `btf_reloc_e2e_value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    /// A union: every member at 0.
    Union,
    /// A struct with `half` at 0, `word` at 8, `pair` at 16, `bytes` at 24 (32 bytes).
    Struct,
}

/// One synthetic kernel: where `btf_reloc_e2e_holder` has its members, what
/// `btf_reloc_e2e_value` is, and the order in `btf_reloc_e2e_pair`.
#[derive(Debug, Clone)]
struct Kernel {
    holder_size: usize,
    /// `(name, offset, type)` of the holder's members but `value`.
    holder: Vec<(&'static str, usize, Type)>,
    /// Where the holder has `value`.
    value_at: usize,
    value: ValueKind,
    /// The union's size (its members are the local ones; `bytes` has this many elements).
    value_size: usize,
    /// `b` before `a` in the pair.
    pair_swapped: bool,
    pair_name: &'static str,
    /// `typedef struct { ... } btf_reloc_e2e_pair_t`: `(size, a, b)` offsets.
    pair_t: (u32, u32, u32),
    /// `typedef enum { ... } btf_reloc_e2e_level_t`.
    levels: &'static [(&'static str, i64)],
    /// `enum btf_reloc_e2e_state state`: `(offset, size, a negative value)`.
    state: (usize, usize, bool),
    /// `state`'s enum is anonymous.
    state_anonymous: bool,
}

impl Kernel {
    /// The local layout.
    fn base() -> Self {
        Self {
            holder: vec![
                ("tag", 0, Type::int(4, false)),
                (
                    "next",
                    16,
                    Type::PtrTo(Box::new(Type::struct_named(HOLDER_TYPE, 32))),
                ),
            ],
            value_at: 8,
            value: ValueKind::Union,
            value_size: 8,
            pair_swapped: false,
            pair_name: PAIR_TYPE,
            pair_t: (8, 0, 4),
            levels: &[("LEVEL_LOW", 0), ("LEVEL_HIGH", 1)],
            state: (24, 4, false),
            state_anonymous: false,
            holder_size: 32,
        }
    }

    /// Everything elsewhere: padding first, `value` at 16 and 16 bytes long, the pair swapped.
    fn moved() -> Self {
        Self {
            holder: vec![
                ("pad", 0, Type::int(8, false)),
                ("next", 8, Type::Ptr),
                ("tag", 40, Type::int(4, false)),
            ],
            value_at: 16,
            value_size: 16,
            pair_swapped: true,
            pair_t: (12, 8, 4),
            levels: &[("LEVEL_HIGH", 20), ("LEVEL_MID", 15), ("LEVEL_LOW", 10)],
            // An 8-byte signed enum: read sign-extended.
            state: (48, 8, true),
            holder_size: 56,
            ..Self::base()
        }
    }

    fn value_is_a_struct() -> Self {
        Self {
            holder: vec![("tag", 4, Type::int(4, false))],
            state: (40, 4, false),
            holder_size: 48,
            value_at: 8,
            value: ValueKind::Struct,
            value_size: 32,
            ..Self::base()
        }
    }

    fn simulation(&self) -> Simulation {
        let mut holder = Struct::new(HOLDER_TYPE, self.holder_size);
        for (name, offset, ty) in &self.holder {
            holder = holder.field(name, *offset, ty.clone());
        }
        let value_type = match self.value {
            ValueKind::Union => Type::union_named(VALUE_TYPE, self.value_size),
            ValueKind::Struct => Type::struct_named(VALUE_TYPE, self.value_size),
        };
        holder = holder.field("value", self.value_at, value_type);
        let (state_at, state_size, negative) = self.state;
        let state_type = match self.state_anonymous {
            true => Type::Enum { size: state_size },
            false => Type::enum_named("btf_reloc_e2e_state", state_size),
        };
        holder = holder.field("state", state_at, state_type);
        let state = Enum::new("btf_reloc_e2e_state", state_size)
            .variant("STATE_IDLE", if negative { -1 } else { 1 });
        let pair_type = Type::struct_named(self.pair_name, 8);
        let value = match self.value {
            ValueKind::Union => Struct::union(VALUE_TYPE, self.value_size)
                .field(
                    "bytes",
                    0,
                    Type::array(Type::int(1, false), self.value_size),
                )
                .field("pair", 0, pair_type)
                .int("half", 0, 4)
                .int("word", 0, 8),
            ValueKind::Struct => Struct::new(VALUE_TYPE, self.value_size)
                .int("half", 0, 4)
                .int("word", 8, 8)
                .field("pair", 16, pair_type)
                .field("bytes", 24, Type::array(Type::int(1, false), 8)),
        };
        let (a, b) = if self.pair_swapped { (4, 0) } else { (0, 4) };
        let structs = Simulation::new()
            .with_enum(state)
            .with_struct(holder)
            .with_struct(value)
            .with_struct(Struct::new(self.pair_name, 8).int("a", a, 4).int("b", b, 4));
        // The typedefs of anonymous types, which the simulation's structs cannot declare.
        let mut btf = match structs.target_btf() {
            Ok(btf) => btf,
            Err(_) => return structs,
        };
        let (size, a, b) = self.pair_t;
        let typedefs = (|| {
            let uint = btf.add_int("unsigned int", 4, false)?;
            let mut members = vec![NewMember::new("a", uint, a), NewMember::new("b", uint, b)];
            members.sort_by_key(|m| m.bit_offset);
            let anonymous = btf.add_composite("", false, size, &members)?;
            btf.add_named(PAIR_TYPEDEF, btf_reloc_btf::Kind::Typedef(anonymous))?;
            let level = btf.add_enum("", 4, false, false, self.levels)?;
            btf.add_named(LEVEL_TYPEDEF, btf_reloc_btf::Kind::Typedef(level))
        })();
        match typedefs {
            Ok(_) => Simulation::new().with_btf(btf),
            Err(_) => structs,
        }
    }

    fn bytes(&self) -> Result<Vec<u8>> {
        self.simulation()
            .target_btf()
            .and_then(|btf| btf.to_bytes())
            .map_err(|error| format!("the synthetic kernel is not valid BTF: {error}").into())
    }

    /// Where the root union's members are, when the kernel has a union of that name.
    fn root_union(&self) -> bool {
        self.value == ValueKind::Union
    }
}

/// The function the uprobe attaches to.
///
/// `#[no_mangle]` keeps the symbol in the executable's symbol table, where aya finds it;
/// `#[inline(never)]` and `black_box` keep a real call to it.
#[no_mangle]
#[inline(never)]
extern "C" fn btf_reloc_e2e_types_probe(holder: *const u8, value: *const u8) {
    std::hint::black_box((holder, value));
}

const PROBE_SYMBOL: &str = "btf_reloc_e2e_types_probe";

fn load(objects: &Objects, variant: Variant, kernel: &Kernel) -> Result<Ebpf> {
    let bytes = kernel.bytes()?;
    let btf = Btf::parse(&bytes, Endianness::Little)
        .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)))?;
    let mut ebpf = kernel::load_against(&objects.path(Bin::SyntheticTypes, variant), &btf)?;
    kernel::attach_uprobe(&mut ebpf, synthetic_types::PROGRAM, PROBE_SYMBOL)?;
    Ok(ebpf)
}

/// Every slot the program stores.
#[derive(Debug, Default, PartialEq)]
struct Slots(Vec<Raw>);

impl Sink for Slots {
    fn slot(&mut self, slot: u32, value: Raw) {
        let slot = slot as usize;
        if self.0.len() <= slot {
            self.0.resize(slot + 1, [0; 4]);
        }
        self.0[slot] = value;
    }
}

/// `len` patterned bytes starting at pattern position `from`: every 8-byte window differs.
fn pattern(from: u64, len: usize) -> Vec<u8> {
    (from..from + len as u64)
        .map(|i| (i.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as u8)
        .collect()
}

/// The slots of `TYPES` and the type each is about.
const TYPE_SLOTS: [(u32, &str, &str); 5] = [
    (slot::TYPES, "struct", HOLDER_TYPE),
    (slot::TYPES + 1, "struct", PAIR_TYPE),
    (slot::TYPES + 2, "union", VALUE_TYPE),
    (slot::TYPES + 3, "typedef", PAIR_TYPEDEF),
    (slot::TYPES + 4, "typedef", LEVEL_TYPEDEF),
];

/// The id of the type of `kind` (`struct`, `union`, `typedef`) called `name` in `btf`.
fn id_of(btf: &btf_reloc_btf::Btf, kind: &str, name: &str) -> Option<u32> {
    btf.types_named(name)
        .find(|(_, t)| match kind {
            "typedef" => matches!(t.kind, Kind::Typedef(_)),
            "union" => matches!(t.kind, Kind::Union(_)),
            _ => matches!(t.kind, Kind::Struct(_)),
        })
        .map(|(id, _)| id)
}

fn check(objects: &Objects, variant: Variant, kernel: &Kernel) -> Result<()> {
    let ebpf = load(objects, variant, kernel)?;
    let holder = pattern(0, kernel.holder_size);
    let value = pattern(1 << 20, kernel.value_size);
    btf_reloc_e2e_types_probe(
        std::hint::black_box(holder.as_ptr()),
        std::hint::black_box(value.as_ptr()),
    );
    let (holder_addr, value_addr) = (holder.as_ptr() as u64, value.as_ptr() as u64);
    let mut got = Slots::default();
    for slot in 0..slot::LEN {
        got.slot(
            slot,
            kernel::read_at(&ebpf, synthetic_types::SLOTS_MAP, slot)?,
        );
    }

    let mut user = Memory::new();
    user.map(holder_addr, holder.clone());
    user.map(value_addr, value.clone());
    let want = {
        let _simulation = kernel.simulation().with_user_memory(user).install();
        let mut want = Slots::default();
        read_types(holder_addr, value_addr, &mut want);
        want
    };

    let mut failures = String::new();
    for (slot, (got, want)) in (0u32..).zip(got.0.iter().zip(&want.0)) {
        if kernel.state_anonymous && slot == slot::STATE {
            // aya 0.14 departs from libbpf here: checked below.
            continue;
        }
        // The local type id is the object's, not the simulation's: compared below.
        let (got, want) = match TYPE_SLOTS.iter().any(|(s, _, _)| *s == slot) {
            true => ([got[0], got[1], got[2], 0], [want[0], want[1], want[2], 0]),
            false => (*got, *want),
        };
        if got != want {
            let _ = write!(
                failures,
                "\nslot {slot}: kernel {} ({got:?}), simulation {} ({want:?})",
                decode(got),
                decode(want)
            );
        }
    }

    // What the kernel fixes by construction.
    let target = btf_reloc_btf::Btf::parse(&kernel.bytes()?)?;
    let local = btf_layout::of_object(&objects.path(Bin::SyntheticTypes, variant))?;
    for (slot, kind, name) in TYPE_SLOTS {
        let [exists, _, target_id, local_id] = got.0[slot as usize];
        // A root's candidates are of its own kind only.
        let in_target = id_of(&target, kind, name);
        if exists != i64::from(in_target.is_some()) {
            let _ = write!(
                failures,
                "\n{kind} {name}: type_exists {exists}, the kernel has {in_target:?}"
            );
        }
        if name != VALUE_TYPE && decode_option(target_id) != in_target.map(u64::from) {
            let _ = write!(
                failures,
                "\n{kind} {name}: type_id_target {target_id}, its id in the target BTF is {in_target:?}"
            );
        }
        let object_id = id_of(&local, kind, name).map(i64::from);
        if Some(local_id) != object_id {
            let _ = write!(
                failures,
                "\n{kind} {name}: type_id_local {local_id}, its id in the object's .BTF is \
                 {object_id:?}"
            );
        }
    }
    let path = got.0[slot::VALUE_PATH as usize];
    if path != [1, kernel.value_at as i64, 0, 0] {
        let _ = write!(
            failures,
            "\nh.value(): {path:?}, the kernel has `value` at {}",
            kernel.value_at
        );
    }
    let (_, _, b_at) = kernel.pair_t;
    let b = int_at(&value, u64::from(b_at), 4, false).map_or([0; 4], |v| [1, v, 0, 0]);
    if got.0[slot::TYPEDEF_B as usize] != b {
        let _ = write!(
            failures,
            "\nb() through the typedef `{PAIR_TYPEDEF}`: {:?}, the kernel has it at {b_at}: {b:?}",
            got.0[slot::TYPEDEF_B as usize]
        );
    }
    let level = |name: &str| {
        kernel
            .levels
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    };
    for (slot, name) in [(slot::LEVEL, "LEVEL_LOW"), (slot::LEVEL + 1, "LEVEL_HIGH")] {
        let want = level(name).map_or([2, 0, 0, 0], |v| [1, v, 0, 0]);
        if got.0[slot as usize] != want {
            let _ = write!(
                failures,
                "\n{name}.value() through the typedef: {:?}, the kernel says {want:?}",
                got.0[slot as usize]
            );
        }
    }
    let exists = ["LEVEL_LOW", "LEVEL_HIGH", "LEVEL_GONE"].map(|n| i64::from(level(n).is_some()));
    let want = [exists[0], exists[1], exists[2], 0];
    if got.0[slot::LEVEL_EXISTS as usize] != want {
        let _ = write!(
            failures,
            "\nLevelT::*.exists(): {:?}, the kernel says {want:?}",
            got.0[slot::LEVEL_EXISTS as usize]
        );
    }
    let (state_at, state_size, negative) = kernel.state;
    let state = int_at(&holder, state_at as u64, state_size as u64, negative)
        .map_or([0; 4], |v| [1, v, 0, 0]);
    let state = match kernel.state_anonymous {
        // aya 0.14 matches no anonymous enum with the local `btf_reloc_e2e_state`.
        true => [2, 0, 0, 0],
        false => state,
    };
    if got.0[slot::STATE as usize] != state {
        let _ = write!(
            failures,
            "\nh.state(): {:?}, the kernel's {state_size}-byte {} enum at {state_at} holds {state:?}",
            got.0[slot::STATE as usize],
            if negative { "signed" } else { "unsigned" }
        );
    }
    if !kernel.root_union() {
        for (slot, what) in [
            (slot::ROOT_WORD, "v.word()"),
            (slot::ROOT_PAIR_B, "v.pair.b"),
        ] {
            let held = decode(got.0[slot as usize]);
            if held != Outcome::Missing {
                let _ = write!(
                    failures,
                    "\n{what} of a root union the kernel has as a struct: {held}, expected Ok(None)"
                );
            }
        }
    }

    let report = check_against(
        &objects.path(Bin::SyntheticTypes, variant),
        &kernel.bytes()?,
    )?;
    if report.refusals() != Refusals::default() {
        let _ = write!(
            failures,
            "\n`btf-reloc check` says a loader refuses:\n{report}"
        );
    }
    if kernel.state_anonymous {
        let state = predicted(&report, &format!("{HOLDER_TYPE}.state"))?;
        if state.aya != Some(Getter::Missing) || !matches!(state.getter, Getter::Bitfield { .. }) {
            let _ = write!(
                failures,
                "\n`btf-reloc check` should predict a read under libbpf and Ok(None) under aya 0.14 \
                 for `state`: {:?} / {:?}",
                state.getter, state.aya
            );
        }
    }
    for (slot, what, want) in predicted_by_check(&report, &holder, &value)? {
        if kernel.state_anonymous && slot == slot::STATE {
            continue;
        }
        let held = got.0.get(slot as usize).copied().unwrap_or_default();
        if held != want {
            let _ = write!(
                failures,
                "\n{what}: the kernel stored {held:?}, `btf-reloc check` predicts {want:?}"
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "`{}` read, through a uprobe:{failures}",
            synthetic_types::PROGRAM
        )
        .into())
    }
}

/// What a read of `size` bytes predicted by `getter` stores, from `memory` (+ `shift`).
fn read(getter: &Getter, memory: &[u8], shift: u64, signed: bool) -> Raw {
    match *getter {
        Getter::Value { offset, size } => match int_at(memory, offset + shift, size, signed) {
            Some(v) => [1, v, 0, 0],
            None => [0; 4],
        },
        Getter::Missing => [2, 0, 0, 0],
        Getter::SizeMismatch { expected, actual } => [3, 0, expected as i64, actual as i64],
        _ => [0; 4],
    }
}

/// `[exists, size or -1, target id or -1, local id]` as `check` predicts them.
fn type_raw(result: &FieldResult, sized: bool) -> Raw {
    let size = match result.getter {
        Getter::Type { size: Some(size) } if sized => size as i64,
        _ => -1,
    };
    let target = match (sized, result.target_type_id) {
        (true, Some(id)) => id as i64,
        _ => -1,
    };
    [
        i64::from(result.exists),
        size,
        target,
        result.local_type_id.map_or(-1, |id| id as i64),
    ]
}

/// Every slot, as `btf-reloc check`'s `report` predicts it on the bytes laid out.
fn predicted_by_check(
    report: &Report,
    holder: &[u8],
    value: &[u8],
) -> Result<Vec<(u32, String, Raw)>> {
    let field = |path: &str| predicted(report, path);
    let h = |path: &str| field(&format!("{HOLDER_TYPE}.{path}"));
    let mut all = vec![
        (
            slot::TAG,
            "tag()".to_owned(),
            read(&h("tag")?.getter, holder, 0, false),
        ),
        (
            slot::WORD,
            "value.word".to_owned(),
            read(&h("value.word")?.getter, holder, 0, false),
        ),
        (
            slot::HALF,
            "value.half".to_owned(),
            read(&h("value.half")?.getter, holder, 0, false),
        ),
        (
            slot::PAIR_A,
            "value.pair.a".to_owned(),
            read(&h("value.pair.a")?.getter, holder, 0, false),
        ),
        (
            slot::PAIR_B,
            "value.pair.b".to_owned(),
            read(&h("value.pair.b")?.getter, holder, 0, false),
        ),
        (
            slot::ROOT_WORD,
            "root word".to_owned(),
            read(
                &field(&format!("{VALUE_TYPE}.word"))?.getter,
                value,
                0,
                false,
            ),
        ),
        (
            slot::ROOT_PAIR_B,
            "root pair.b".to_owned(),
            read(
                &field(&format!("{VALUE_TYPE}.pair.b"))?.getter,
                value,
                0,
                false,
            ),
        ),
    ];
    // `bytes_at(i)`: element `i` at `i` times the element's size after element 0.
    let bytes = h("value.bytes")?;
    let element = h("value.bytes[0]")?;
    let byte = match (&bytes.getter, bytes.elements, &element.getter) {
        (Getter::Missing, _, _) => [2, 0, 0, 0],
        (_, Some(len), _) if BYTE_INDEX as u64 >= len => [6, BYTE_INDEX as i64, len as i64, 0],
        (_, Some(_), getter @ Getter::Value { size, .. }) => {
            read(getter, holder, BYTE_INDEX as u64 * size, false)
        }
        _ => [0; 4],
    };
    all.push((slot::BYTE, "bytes_at".to_owned(), byte));
    let path = match h("value")?.getter {
        Getter::Present { offset: Some(o) } => [1, o as i64, 0, 0],
        Getter::Missing => [0, -1, 0, 0],
        ref other => return Err(format!("`check` predicts {other:?} for `value`").into()),
    };
    all.push((slot::VALUE_PATH, "h.value()".to_owned(), path));
    all.push((
        slot::TYPEDEF_B,
        "b() through the typedef".to_owned(),
        read(
            &field(&format!("{PAIR_TYPEDEF}.b"))?.getter,
            value,
            0,
            false,
        ),
    ));
    let mut exists = [0; 4];
    for (i, enumerator) in ["LEVEL_LOW", "LEVEL_HIGH", "LEVEL_GONE"].iter().enumerate() {
        let predicted = field(&format!("{LEVEL_TYPEDEF}::{enumerator}"))?;
        exists[i] = i64::from(predicted.exists);
        if i < 2 {
            let raw = match predicted.getter {
                Getter::EnumValue { value: Some(v) } => [1, v as i64, 0, 0],
                Getter::Missing => [2, 0, 0, 0],
                _ => [0; 4],
            };
            all.push((slot::LEVEL + i as u32, format!("{enumerator}.value()"), raw));
        }
    }
    all.push((slot::LEVEL_EXISTS, "LevelT::*.exists()".to_owned(), exists));
    // `state()`: read as a bitfield is (the load, then the shifts).
    let state = match h("state")?.getter {
        Getter::Bitfield {
            offset,
            size,
            bit_offset,
            bits,
            signed,
        } => {
            let load = int_at(holder, offset, size, false).unwrap_or_default() as u64;
            let up = load.wrapping_shl((64 - (bit_offset + bits - offset * 8)) as u32);
            let value = match signed {
                true => (up as i64).wrapping_shr(64 - bits as u32),
                false => up.wrapping_shr(64 - bits as u32) as i64,
            };
            [1, value, 0, 0]
        }
        ref other => read(other, holder, 0, false),
    };
    all.push((slot::STATE, "h.state()".to_owned(), state));
    for (slot, kind, name) in TYPE_SLOTS {
        let result = field(&format!("{kind} {name}"))?;
        all.push((
            slot,
            format!("types of {kind} {name}"),
            type_raw(result, name != VALUE_TYPE),
        ));
    }
    Ok(all)
}
