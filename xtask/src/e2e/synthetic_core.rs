//! `bpf_core_read.h` features against synthetic kernels whose layout change matters: an embedded
//! struct read as one access path, bitfields, array elements bounded by the target's length,
//! strings bounded by the target's array, enum values, type existence and size, and a null link
//! in a pointer chain.
//!
//! Each test describes one kernel as a [`Kernel`] (the structs `btf_reloc_e2e_core`,
//! `btf_reloc_e2e_inner`, `btf_reloc_e2e_extra` and the enums `btf_reloc_e2e_mode`,
//! `btf_reloc_e2e_big`), writes its BTF, loads the post-linked `e2e-synthetic-core` object with
//! that BTF as the target (aya's `EbpfLoader::btf`), attaches the uprobe of
//! `e2e-ebpf/src/synthetic_core.rs` to [`btf_reloc_e2e_core_probe`] in this executable, lays out a
//! `btf_reloc_e2e_core` (and the `btf_reloc_e2e_inner` its `next` points at) exactly as the kernel
//! says, calls the probe with it, and compares every slot the uprobe stored with what the kernel
//! implies ([`model`]). Every test checks every slot; each kernel changes the layout where its
//! test's feature would read wrong if it were not relocated.
//!
//! The object is not the main one: it relocates `TYPE_SIZE` of these made-up types, and aya 0.14
//! fails a whole object whose target lacks the type of a `TYPE_SIZE` relocation (libbpf poisons
//! the instruction), which would break every other test loading the main object.
//! [`type_absent`] shows both halves of that.

mod model;

use std::fmt::Write as _;

use aya::{
    programs::{uprobe::UProbeScope, UProbe},
    Btf, Ebpf, EbpfLoader, Endianness,
};

use self::model::{anon_union, bitfield, field, EnumDef, Item, Kernel, LocalInt, StructDef, Ty};
use super::{Ctx, Test};
use crate::{
    ebpf::{Bin, Variant},
    error_chain, kernel,
    outcome::{Outcome, Raw},
    Result,
};

pub(super) const TESTS: &[Test] = &[
    Test {
        name: "synthetic_core_base",
        run: |ctx| check(ctx, Variant::Btf, &base(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_base_no_btf",
        run: |ctx| check(ctx, Variant::NoBtf, &base(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_nested_moved",
        run: |ctx| check(ctx, Variant::Btf, &nested_moved(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_nested_anon",
        run: |ctx| check(ctx, Variant::Btf, &nested_anon(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_bitfield_moves",
        run: |ctx| check(ctx, Variant::Btf, &bitfield_moves(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_bitfield_widens",
        run: |ctx| check(ctx, Variant::Btf, &bitfield_widens(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_bitfield_signed",
        run: |ctx| check(ctx, Variant::Btf, &bitfield_signed(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_array_longer_elements",
        run: |ctx| check(ctx, Variant::Btf, &array_longer(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_string",
        run: string,
    },
    Test {
        name: "synthetic_core_enum_values_differ",
        run: |ctx| check(ctx, Variant::Btf, &enum_values_differ(), Next::Pointee),
    },
    Test {
        name: "synthetic_core_type_absent",
        run: type_absent,
    },
    Test {
        name: "synthetic_core_null_chain",
        run: |ctx| check(ctx, Variant::Btf, &base(), Next::Null),
    },
];

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
/// This executable, as the kernel resolves it for this process even if cargo rebuilt the file.
const PROBE_BINARY: &str = "/proc/self/exe";
const PROGRAM: &str = "synthetic_core";
/// The maps of `e2e-ebpf/src/synthetic_core.rs`.
const SLOTS_MAP: &str = "CORE_SLOTS";
const STRS_MAP: &str = "CORE_STRS";

// The BTF names of the kernel types, and the seeds that make the two buffers' bytes differ.
const CORE: &str = "btf_reloc_e2e_core";
const INNER: &str = "btf_reloc_e2e_inner";
const EXTRA: &str = "btf_reloc_e2e_extra";
const MODE: &str = "btf_reloc_e2e_mode";
const BIG: &str = "btf_reloc_e2e_big";
const ROOT_SEED: u8 = 0x00;
const POINTEE_SEED: u8 = 0x30;

/// The local declarations of `e2e-ebpf/src/synthetic_core.rs`: field and enumerator names and
/// the Rust types the getters read into.
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
    /// `vals: [u32; VALS_LEN]`.
    pub(super) const VALS_LEN: u32 = 4;
    /// `name: [u8; 16]`, read into a 16- and a 4-byte buffer.
    pub(super) const STR_BUFS: [u32; 2] = [16, 4];
    /// `Mode`'s enumerators, in declaration (slot) order.
    pub(super) const MODES: [&str; 4] = ["MODE_OFF", "MODE_ON", "MODE_AUTO", "MODE_GONE"];
    /// `Big`'s enumerators.
    pub(super) const BIGS: [&str; 2] = ["BIG_HUGE", "BIG_SMALL"];
}

/// Slots of `CORE_SLOTS` (`e2e-ebpf/src/synthetic_core.rs`, `mod slot`).
mod slot {
    pub(super) const INNER_X: u32 = 0;
    pub(super) const INNER_Y: u32 = 1;
    pub(super) const INNER_Y_PATH: u32 = 2;
    pub(super) const FLAGS: u32 = 3;
    pub(super) const LEVEL: u32 = 4;
    pub(super) const COUNT: u32 = 5;
    pub(super) const VALS: u32 = 6;
    pub(super) const VALS_AT: u32 = 7;
    pub(super) const VALS_AT_COUNT: u32 = 8;
    pub(super) const NAME_STR: u32 = 15;
    pub(super) const NEXT_X: u32 = 17;
    pub(super) const NEXT_Y: u32 = 18;
    pub(super) const MODE: u32 = 19;
    pub(super) const MODE_EXISTS: u32 = 23;
    pub(super) const BIG: u32 = 24;
    pub(super) const TYPES: u32 = 26;
}

const U32: Ty = Ty::Int {
    size: 4,
    signed: false,
};
const U64: Ty = Ty::Int {
    size: 8,
    signed: false,
};

/// The enums and the extra struct every kernel has unless a test says otherwise.
fn kernel(inner: StructDef, core: StructDef) -> Kernel {
    Kernel {
        structs: vec![
            inner,
            core,
            StructDef {
                name: EXTRA,
                size: 12,
                items: vec![field("z", 8, U32)],
            },
        ],
        enums: vec![
            EnumDef {
                name: MODE,
                size: 4,
                signed: false,
                enumerators: vec![
                    ("MODE_OFF", 0),
                    ("MODE_ON", 1),
                    ("MODE_AUTO", 2),
                    ("MODE_GONE", 3),
                ],
            },
            EnumDef {
                name: BIG,
                size: 8,
                signed: false,
                enumerators: vec![("BIG_HUGE", 1 << 40), ("BIG_SMALL", 1)],
            },
        ],
    }
}

fn inner(size: u32, items: Vec<Item>) -> StructDef {
    StructDef {
        name: INNER,
        size,
        items,
    }
}

fn core(size: u32, items: Vec<Item>) -> StructDef {
    StructDef {
        name: CORE,
        size,
        items,
    }
}

/// Every feature somewhere else than locally, but plainly: `inner` (its `y` first) at 8, the
/// three bitfields in the word at 24, `vals` at 28, `name` at 44 holding "core", `next` at 64.
fn base() -> Kernel {
    kernel(
        inner(16, vec![field("y", 0, U64), field("x", 8, U32)]),
        core(
            80,
            vec![
                field("head", 0, U64),
                field("inner", 8, Ty::Struct(INNER)),
                bitfield("flags", 24 * 8, 3, false),
                bitfield("level", 24 * 8 + 3, 5, true),
                bitfield("count", 24 * 8 + 8, 12, false),
                field(
                    "vals",
                    28,
                    Ty::Array {
                        elem_size: 4,
                        len: 4,
                    },
                ),
                field(
                    "name",
                    44,
                    Ty::Chars {
                        len: 16,
                        text: b"core\0",
                    },
                ),
                field("next", 64, Ty::Ptr(INNER)),
                field("tail", 72, U64),
            ],
        ),
    )
}

/// The embedded struct and its members both move: `inner` at 40 of the root, `x` at 28 and `y`
/// at 16 inside a larger `inner` (so `inner.y` is at 56), behind members the declaration does
/// not know.
fn nested_moved() -> Kernel {
    kernel(
        inner(
            32,
            vec![
                field("a", 0, U64),
                field("b", 8, U64),
                field("y", 16, U64),
                field("pad", 24, U32),
                field("x", 28, U32),
            ],
        ),
        core(
            120,
            vec![
                field(
                    "vals",
                    0,
                    Ty::Array {
                        elem_size: 4,
                        len: 4,
                    },
                ),
                field(
                    "name",
                    16,
                    Ty::Chars {
                        len: 16,
                        text: b"nested\0",
                    },
                ),
                field("gap", 32, U64),
                field("inner", 40, Ty::Struct(INNER)),
                bitfield("flags", 72 * 8, 3, false),
                bitfield("level", 72 * 8 + 3, 5, true),
                bitfield("count", 72 * 8 + 8, 12, false),
                field("next", 80, Ty::Ptr(INNER)),
                field(
                    "tail",
                    88,
                    Ty::Array {
                        elem_size: 8,
                        len: 4,
                    },
                ),
            ],
        ),
    )
}

/// `y` reached through an anonymous union inside the embedded struct (next to a member of
/// another name), `x` after it.
fn nested_anon() -> Kernel {
    kernel(
        inner(
            24,
            vec![
                field("flags_word", 0, U32),
                anon_union(
                    8,
                    8,
                    vec![
                        field(
                            "halves",
                            0,
                            Ty::Array {
                                elem_size: 4,
                                len: 2,
                            },
                        ),
                        field("y", 0, U64),
                    ],
                ),
                field("x", 16, U32),
            ],
        ),
        core(
            96,
            vec![
                field(
                    "head",
                    0,
                    Ty::Array {
                        elem_size: 8,
                        len: 2,
                    },
                ),
                field("inner", 16, Ty::Struct(INNER)),
                bitfield("flags", 40 * 8, 3, false),
                bitfield("level", 40 * 8 + 3, 5, true),
                bitfield("count", 40 * 8 + 8, 12, false),
                field(
                    "vals",
                    44,
                    Ty::Array {
                        elem_size: 4,
                        len: 4,
                    },
                ),
                field(
                    "name",
                    60,
                    Ty::Chars {
                        len: 16,
                        text: b"anon\0",
                    },
                ),
                field("next", 80, Ty::Ptr(INNER)),
            ],
        ),
    )
}

/// The bitfields move to other words and bits: `flags` to bit 13 of the word at 44, `level` to
/// straddle the 4-byte boundary at 52 (libbpf widens its load to 8 bytes), `count` to the top of
/// the word at 60.
fn bitfield_moves() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("inner", 8, Ty::Struct(INNER)),
            field(
                "vals",
                24,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field("word", 40, U32),
            bitfield("flags", 44 * 8 + 13, 3, false),
            bitfield("level", 48 * 8 + 30, 5, true),
            bitfield("count", 60 * 8 + 20, 12, false),
            field(
                "name",
                64,
                Ty::Chars {
                    len: 16,
                    text: b"moves\0",
                },
            ),
            field("next", 72, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// Wider bitfields: `count` 12 → 16 bits and `level` 5 → 8 bits still fit their `u16` / `i8`
/// and read; `flags` 3 → 11 bits does not fit its `u8`: `SizeMismatch { expected: 1, actual:
/// 2 }`.
fn bitfield_widens() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("inner", 8, Ty::Struct(INNER)),
            bitfield("flags", 24 * 8 + 2, 11, false),
            bitfield("level", 24 * 8 + 13, 8, true),
            bitfield("count", 28 * 8, 16, false),
            field(
                "vals",
                32,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field(
                "name",
                48,
                Ty::Chars {
                    len: 16,
                    text: b"widens\0",
                },
            ),
            field("next", 64, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// Signedness comes from the target: `level` (`i8`) is a 6-bit signed field holding a negative
/// value (sign-extended), `flags` (`u8`) a 4-bit *signed* field (sign-extended, then cut to
/// `u8`), `count` a 12-bit unsigned field with its top bit set (not sign-extended).
fn bitfield_signed() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("inner", 8, Ty::Struct(INNER)),
            bitfield("count", 24 * 8 + 1, 12, false),
            bitfield("flags", 24 * 8 + 17, 4, true),
            bitfield("level", 24 * 8 + 22, 6, true),
            field(
                "vals",
                28,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field(
                "name",
                44,
                Ty::Chars {
                    len: 16,
                    text: b"signed\0",
                },
            ),
            field("next", 64, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// `vals` with 6 elements instead of 4, moved: `vals_at` reads indices 4 and 5 (beyond the
/// declaration), `vals_at(6)` and `vals_at(7)` are out of bounds of the target's 6, and the
/// whole-array getter is a `SizeMismatch`.
fn array_longer() -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        96,
        vec![
            field("head", 0, U64),
            field(
                "name",
                8,
                Ty::Chars {
                    len: 16,
                    text: b"array\0",
                },
            ),
            field("inner", 24, Ty::Struct(INNER)),
            bitfield("flags", 40 * 8, 3, false),
            bitfield("level", 40 * 8 + 3, 5, true),
            bitfield("count", 40 * 8 + 8, 12, false),
            field(
                "vals",
                48,
                Ty::Array {
                    elem_size: 4,
                    len: 6,
                },
            ),
            field("next", 72, Ty::Ptr(INNER)),
            field("tail", 80, U64),
        ],
    );
    k
}

/// `name` as a 10-byte array holding `text`, followed by bytes that are not NUL, so a read not
/// bounded by the target's length would run on.
fn string_kernel(text: &'static [u8]) -> Kernel {
    let mut k = base();
    k.structs[1] = core(
        80,
        vec![
            field("head", 0, U64),
            field("name", 8, Ty::Chars { len: 10, text }),
            field(
                "after",
                18,
                Ty::Array {
                    elem_size: 1,
                    len: 6,
                },
            ),
            field("inner", 24, Ty::Struct(INNER)),
            bitfield("flags", 40 * 8, 3, false),
            bitfield("level", 40 * 8 + 3, 5, true),
            bitfield("count", 40 * 8 + 8, 12, false),
            field(
                "vals",
                44,
                Ty::Array {
                    elem_size: 4,
                    len: 4,
                },
            ),
            field("next", 64, Ty::Ptr(INNER)),
        ],
    );
    k
}

/// `name_str` against a shorter target array: a string longer than the target's 10 bytes is
/// cut to 9 bytes and a NUL (10 written) in the 16-byte buffer, and to 3 and a NUL in the
/// 4-byte one; a short string is copied with its NUL, which the length counts.
fn string(ctx: &mut Ctx) -> Result<()> {
    check(
        ctx,
        Variant::Btf,
        &string_kernel(b"btf-reloc-synthetic"),
        Next::Pointee,
    )
    .map_err(|e| format!("a string longer than the target array: {e}"))?;
    check(ctx, Variant::Btf, &string_kernel(b"ok\0"), Next::Pointee)
        .map_err(|e| format!("a string shorter than the target array: {e}").into())
}

/// The same enumerators with other values (and in another order): `btf_reloc_e2e_mode` signed,
/// with a negative value and `MODE_GONE` missing (`value()` `None`, `exists()` false);
/// `btf_reloc_e2e_big` an `ENUM64` with values beyond 32 bits and a negative one.
fn enum_values_differ() -> Kernel {
    let mut k = base();
    k.enums = vec![
        EnumDef {
            name: MODE,
            size: 4,
            signed: true,
            enumerators: vec![("MODE_AUTO", 7), ("MODE_ON", -3), ("MODE_OFF", 0x40)],
        },
        EnumDef {
            name: BIG,
            size: 8,
            signed: true,
            enumerators: vec![("BIG_SMALL", -(1 << 35)), ("BIG_HUGE", (1 << 33) + 5)],
        },
    ];
    k
}

/// A declared type missing from the target. `btf_reloc_e2e_extra`, whose existence alone is
/// asked, is absent: `type_exists` is false, the object loads and every other read is right.
/// `btf_reloc_e2e_mode`, whose size is asked too, absent: `type_size` should be `None`, but aya
/// 0.14 computes a `TYPE_SIZE` relocation's *local* value from the target and fails the whole
/// load when the type is absent (libbpf poisons the instruction, which the existence check
/// guards). That refusal is pinned here, so this test says when aya changes.
fn type_absent(ctx: &mut Ctx) -> Result<()> {
    let mut no_extra = base();
    no_extra.structs.retain(|s| s.name != EXTRA);
    check(ctx, Variant::Btf, &no_extra, Next::Pointee)
        .map_err(|e| format!("without `{EXTRA}`: {e}"))?;

    let mut no_mode = base();
    no_mode.enums.retain(|e| e.name != MODE);
    match Loaded::new(ctx, Variant::Btf, &no_mode) {
        Err(error) if error.to_string().contains("TypeSize") => Ok(()),
        Err(error) => Err(format!(
            "without `{MODE}`: expected aya 0.14's refusal of the `TypeSize` relocation, got: \
             {error}"
        )
        .into()),
        Ok(_) => Err(format!(
            "without `{MODE}`: the object loaded, so aya now handles a `TYPE_SIZE` relocation of \
             an absent type; check `type_size` is `None` here (slot {}) instead of expecting the \
             refusal",
            slot::TYPES + 2
        )
        .into()),
    }
}

/// Whether `next` points at a laid-out `btf_reloc_e2e_inner` or is null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    Pointee,
    Null,
}

/// The object loaded against a kernel's BTF, with the uprobe attached.
struct Loaded {
    ebpf: Ebpf,
}

impl Loaded {
    fn new(ctx: &Ctx, variant: Variant, kernel: &Kernel) -> Result<Self> {
        let btf = Btf::parse(&kernel.btf()?, Endianness::Little)
            .map_err(|error| format!("aya rejects the synthetic BTF: {}", error_chain(&error)))?;
        let object = ctx.objects.path_of(Bin::SyntheticCore, variant);
        let tgid = std::process::id();
        let mut ebpf = EbpfLoader::new()
            .btf(Some(&btf))
            .override_global("TARGET_TGID", &tgid, true)
            .load_file(object)
            .map_err(|error| format!("loading {}: {}", object.display(), error_chain(&error)))?;
        let uprobe: &mut UProbe = ebpf
            .program_mut(PROGRAM)
            .ok_or_else(|| format!("the object has no program `{PROGRAM}`"))?
            .try_into()?;
        uprobe
            .load()
            .map_err(|error| format!("loading program `{PROGRAM}`: {}", error_chain(&error)))?;
        // Every process running this executable would fire it; the program keeps only ours
        // (TARGET_TGID).
        uprobe
            .attach(PROBE_SYMBOL, PROBE_BINARY, UProbeScope::AllProcesses)
            .map_err(|error| format!("attaching `{PROGRAM}`: {}", error_chain(&error)))?;
        Ok(Self { ebpf })
    }
}

/// What a slot must hold: a getter's [`Outcome`], or raw words (queries, existence flags).
enum Want {
    Outcome(Outcome),
    Raw(Raw),
}

/// Loads the object against `kernel`, runs the probe on memory laid out as `kernel` says (with
/// `next` as given) and checks every slot.
fn check(ctx: &mut Ctx, variant: Variant, kernel: &Kernel, next: Next) -> Result<()> {
    let loaded = Loaded::new(ctx, variant, kernel)?;
    let pointee = kernel.memory(INNER, 0, POINTEE_SEED)?;
    let address = match next {
        Next::Pointee => pointee.as_ptr() as u64,
        Next::Null => 0,
    };
    let memory = kernel.memory(CORE, address, ROOT_SEED)?;
    btf_reloc_e2e_core_probe(std::hint::black_box(memory.as_ptr()));

    let pointee = (next == Next::Pointee).then_some(pointee.as_slice());
    let mut failures = String::new();
    for (slot, what, want) in expectations(kernel, &memory, pointee) {
        let got: Raw = kernel::read_at(&loaded.ebpf, SLOTS_MAP, slot)?;
        let ok = match &want {
            Want::Outcome(want) => Outcome::decode(got) == *want,
            Want::Raw(want) => got == *want,
        };
        if !ok {
            let (got, want) = match want {
                Want::Outcome(want) => (Outcome::decode(got).to_string(), want.to_string()),
                Want::Raw(want) => (format!("{got:?}"), format!("{want:?}")),
            };
            let _ = write!(failures, "\n{what}: got {got}, expected {want}");
        }
    }
    for (index, buf_len) in (0u32..).zip(local::STR_BUFS) {
        let (_, want) = kernel.read_str(&memory, CORE, "name", buf_len);
        let got: [u8; 16] = kernel::read_at(&loaded.ebpf, STRS_MAP, index)?;
        if got.get(..want.len()) != Some(want.as_slice()) {
            let _ = write!(
                failures,
                "\nname_str into {buf_len} bytes: buffer {:?}, expected {:?}",
                String::from_utf8_lossy(&got[..want.len().min(16)]),
                String::from_utf8_lossy(&want)
            );
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("`{PROGRAM}` read, through a uprobe:{failures}").into())
    }
}

/// Every slot of `CORE_SLOTS` with a description and what `kernel` says it must hold.
fn expectations(
    kernel: &Kernel,
    memory: &[u8],
    pointee: Option<&[u8]>,
) -> Vec<(u32, String, Want)> {
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
            kernel.read_array_first(memory, CORE, "vals", local::U32, local::VALS_LEN),
        ),
        outcome(
            slot::NEXT_X,
            "core_read!(data, next, x)",
            kernel.read_through(CORE, "next", INNER, pointee, &["x"], local::U32),
        ),
        outcome(
            slot::NEXT_Y,
            "core_read!(data, next, y)",
            kernel.read_through(CORE, "next", INNER, pointee, &["y"], local::U64),
        ),
        raw(
            slot::MODE_EXISTS,
            "Mode::*.exists()",
            local::MODES.map(|e| i64::from(kernel.enum_value(MODE, e).is_some())),
        ),
    ];
    for index in 0..slot::VALS_AT_COUNT {
        all.push(outcome(
            slot::VALS_AT + index,
            &format!("vals_at({index})"),
            kernel.read_element(memory, CORE, "vals", index, local::U32),
        ));
    }
    for (slot, buf_len) in (slot::NAME_STR..).zip(local::STR_BUFS) {
        all.push(outcome(
            slot,
            &format!("name_str(&mut [0; {buf_len}])"),
            kernel.read_str(memory, CORE, "name", buf_len).0,
        ));
    }
    for (slot, enumerator) in (slot::MODE..).zip(local::MODES) {
        all.push(enum_slot(kernel, slot, MODE, enumerator));
    }
    for (slot, enumerator) in (slot::BIG..).zip(local::BIGS) {
        all.push(enum_slot(kernel, slot, BIG, enumerator));
    }
    for (slot, (name, sized)) in (slot::TYPES..).zip([
        (CORE, true),
        (INNER, true),
        (MODE, true),
        (BIG, true),
        (EXTRA, false),
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
