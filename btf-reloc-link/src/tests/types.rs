//! Unions and the type relocations libbpf's `core_reloc` table asks for: a union's record
//! becomes a local `UNION`, typed pointers point to forward declarations of their pointees,
//! ints carry C names; `TYPE_ID_LOCAL`, `TYPE_ID_TARGET` and `TYPE_MATCHES` markers become
//! records with libbpf's local values; `check` predicts each against made-up kernels, with
//! aya 0.14's refusals.

use btf_reloc_btf::{Btf, Kind, NewMember, TypeId};
use btf_reloc_format::{
    descriptor::{FieldDescriptor, PointeeShape, StructDescriptor, TypeShape},
    encode::{encode, encode_union, encoded_len},
    id::{id_seed, id_step},
    marker::marker,
    RelocKind,
};

use super::{
    fixture::{ld_imm64, mov_exit, Fixture, PROG},
    imm64, section,
};
use crate::{check, elf::Elf, link, Applied, Getter, LinkOutcome, Refusals, Target, Verdict};

use RelocKind::*;

const U32: TypeShape = TypeShape::Int {
    size: 4,
    signed: false,
};

/// `struct pair { u32 a; u32 b; }`
const PAIR: StructDescriptor = StructDescriptor {
    name: "pair",
    rust_path: "demo::pair",
    size: 8,
    fields: &[
        FieldDescriptor {
            name: "a",
            offset: 0,
            size: 4,
            shape: U32,
        },
        FieldDescriptor {
            name: "b",
            offset: 4,
            size: 4,
            shape: U32,
        },
    ],
};

/// `union value { u32 word; struct pair pair; struct holder *back; }`
const VALUE: StructDescriptor = StructDescriptor {
    name: "value",
    rust_path: "demo::Value",
    size: 8,
    fields: &[
        FieldDescriptor {
            name: "word",
            offset: 0,
            size: 4,
            shape: U32,
        },
        FieldDescriptor {
            name: "pair",
            offset: 0,
            size: 8,
            shape: TypeShape::Struct(&PAIR),
        },
        FieldDescriptor {
            name: "back",
            offset: 0,
            size: 8,
            shape: TypeShape::PtrTo(&PointeeShape::Named {
                union: false,
                name: "holder",
            }),
        },
    ],
};

/// `struct holder { u32 tag; union value value; }`
const HOLDER: StructDescriptor = StructDescriptor {
    name: "holder",
    rust_path: "demo::holder",
    size: 16,
    fields: &[
        FieldDescriptor {
            name: "tag",
            offset: 0,
            size: 4,
            shape: U32,
        },
        FieldDescriptor {
            name: "value",
            offset: 8,
            size: 8,
            shape: TypeShape::Union(&VALUE),
        },
    ],
};

static PAIR_BYTES: [u8; encoded_len(&PAIR)] = encode(&PAIR);
static VALUE_BYTES: [u8; encoded_len(&VALUE)] = encode_union(&VALUE);
static HOLDER_BYTES: [u8; encoded_len(&HOLDER)] = encode(&HOLDER);

/// `holder.value.pair.b` (its getter's three kinds), then the type relocations.
fn program() -> Vec<u8> {
    let b = id_step(id_step(id_step(id_seed(HOLDER.rust_path), 1), 1), 1);
    let markers = [
        marker(FieldExists, b),
        marker(FieldByteSize, b),
        marker(FieldByteOffset, b),
        // A root union: `word` of `value`.
        marker(FieldExists, VALUE.field_id(0)),
        marker(TypeIdLocal, VALUE.type_id()),
        marker(TypeIdTarget, VALUE.type_id()),
        marker(TypeExists, VALUE.type_id()),
        marker(TypeMatches, HOLDER.type_id()),
    ];
    let mut prog = Vec::new();
    for m in markers {
        prog.extend(ld_imm64(1, m));
    }
    prog.extend(mov_exit());
    prog
}

fn object() -> Vec<u8> {
    let input = Fixture {
        prog: program(),
        descriptors: Some([&PAIR_BYTES[..], &VALUE_BYTES, &HOLDER_BYTES].concat()),
        ..Fixture::loadable(true)
    }
    .build();
    match link(&input).expect("link") {
        LinkOutcome::Linked { object, .. } => object,
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    }
}

/// The struct or union named `name` in `btf` (not a forward declaration of that name).
fn named(btf: &Btf, name: &str) -> TypeId {
    btf.types()
        .find(|(_, t)| btf.name(t) == name && t.kind.composite().is_some())
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn a_union_is_a_local_union_and_type_kinds_get_their_local_values() {
    let object = object();
    let elf = Elf::parse(&object).expect("parse");
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");
    let value = named(&btf, "value");
    let Some(Kind::Union(u)) = btf.ty(value).map(|t| &t.kind) else {
        panic!("value is not a union");
    };
    assert_eq!(u.members.len(), 3);
    assert!(u.members.iter().all(|m| m.offset == 0));
    // `word` is an `unsigned int`; `back` points to a forward declaration of `struct holder`.
    assert_eq!(btf.name_of(u.members[0].ty), "unsigned int");
    let Some(Kind::Ptr(pointee)) = btf.ty(u.members[2].ty).map(|t| &t.kind) else {
        panic!("back is not a pointer");
    };
    assert_eq!(btf.name_of(*pointee), "holder");
    assert!(matches!(
        btf.ty(*pointee).map(|t| &t.kind),
        Some(Kind::Fwd { union: false })
    ));
    let holder = named(&btf, "holder");
    assert!(matches!(
        btf.ty(holder).map(|t| &t.kind),
        Some(Kind::Struct(_))
    ));

    // Marker values: b at 8 + 4, 4 bytes; TYPE_ID_LOCAL and TYPE_ID_TARGET hold the local type
    // id (libbpf checks neither), TYPE_EXISTS and TYPE_MATCHES 1.
    let prog = section(&elf, PROG);
    let values: Vec<u64> = (0..8).map(|i| imm64(prog, i)).collect();
    assert_eq!(
        values,
        [1, 4, 12, 1, u64::from(value), u64::from(value), 1, 1]
    );
    let records = crate::dump(&object).expect("dump").relocations;
    let rendered: Vec<(u32, &str, Option<&str>)> = records
        .iter()
        .map(|r| (r.kind, r.access.as_str(), r.path.as_deref()))
        .collect();
    assert_eq!(
        rendered[2..],
        [
            (
                FieldByteOffset as u32,
                "0:1:1:1",
                Some("holder.value.pair.b")
            ),
            (FieldExists as u32, "0:0", Some("value.word")),
            (TypeIdLocal as u32, "0", Some("union value")),
            (TypeIdTarget as u32, "0", Some("union value")),
            (TypeExists as u32, "0", Some("union value")),
            (TypeMatches as u32, "0", Some("struct holder")),
        ]
    );
}

/// A kernel with `struct holder { int __pad; u32 tag; union value value; }` at other offsets;
/// `value` a union (or, with `value_is_struct`, a struct) with the members in another order,
/// `tag` an `int` when `signed_tag` (which `TYPE_MATCHES` notices), no `value` at all when
/// `!with_value`.
fn kernel(with_value: bool, value_is_struct: bool, signed_tag: bool) -> (Btf, Option<TypeId>) {
    let mut btf = Btf::new();
    let uint = btf.add_int("unsigned int", 4, false).expect("int");
    let int = btf.add_int("int", 4, true).expect("int");
    let pair = btf
        .add_composite(
            "pair",
            false,
            8,
            &[NewMember::new("b", uint, 0), NewMember::new("a", uint, 4)],
        )
        .expect("pair");
    let holder_fwd = btf
        .add_named("holder", Kind::Fwd { union: false })
        .expect("fwd");
    let back = btf.add_named("", Kind::Ptr(holder_fwd)).expect("ptr");
    let value = with_value.then(|| {
        btf.add_composite(
            "value",
            !value_is_struct,
            16,
            &[
                NewMember::new("back", back, 0),
                NewMember::new("pair", pair, if value_is_struct { 8 } else { 0 }),
                NewMember::new("word", uint, 0),
            ],
        )
        .expect("value")
    });
    let tag = if signed_tag { int } else { uint };
    let mut members = vec![
        NewMember::new("__pad", int, 0),
        NewMember::new("tag", tag, 4),
    ];
    if let Some(value) = value {
        members.push(NewMember::new("value", value, 16));
    }
    btf.add_composite("holder", false, 32, &members)
        .expect("holder");
    (btf, value)
}

#[test]
fn check_predicts_union_paths_and_type_relocations() {
    let object = object();
    let (same, value_id) = kernel(true, false, false);
    let report = check(&object, &[Target::new("same", same)]).expect("check");
    let target = &report.targets[0];
    let field = |path: &str| &target.fields[report.field(path).expect(path).0];
    // `holder.value.pair.b`: through the union (at 16), then `b` first in `pair`.
    assert_eq!(
        field("holder.value.pair.b").getter,
        Getter::Value {
            offset: 16,
            size: 4
        }
    );
    assert!(field("value.word").exists);
    let value = field("union value");
    assert_eq!(value.getter, Getter::Type { size: None });
    assert_eq!(value.target_type_id, value_id.map(u64::from));
    assert!(value.local_type_id.is_some());
    assert_eq!(field("struct holder").matches, Some(true));
    // libbpf loads it; aya 0.14 does not know TYPE_MATCHES and refuses the whole object.
    assert_eq!(
        report.refusals(),
        Refusals {
            libbpf: false,
            aya: true
        }
    );
    let Verdict::Refuses(why) = &target.aya else {
        panic!("aya loads");
    };
    assert!(
        why.len() == 1 && why[0].contains("TYPE_MATCHES") && why[0].contains("kind `12`"),
        "{why:?}"
    );

    // A signed `tag`: the struct no longer matches (ints by signedness and name); the union and
    // the path are unaffected.
    let (signed, _) = kernel(true, false, true);
    let report = check(&object, &[Target::new("signed", signed)]).expect("check");
    let (i, _) = report.field("struct holder").expect("holder");
    assert_eq!(report.targets[0].fields[i].matches, Some(false));

    // `value` a struct in the target: the root union has no candidate (a root's kind must be
    // the target's), but below the root, a union member stands for a struct member (composites
    // match composites): `holder.value.pair.b` is at 16 + 8 + 0.
    let (as_struct, _) = kernel(true, true, false);
    let report = check(&object, &[Target::new("struct", as_struct)]).expect("check");
    let target = &report.targets[0];
    let field = |path: &str| &target.fields[report.field(path).expect(path).0];
    assert_eq!(
        field("holder.value.pair.b").getter,
        Getter::Value {
            offset: 24,
            size: 4
        }
    );
    assert_eq!(field("value.word").getter, Getter::Missing);
    assert_eq!(field("union value").getter, Getter::Missing);
    assert_eq!(field("union value").target_type_id, None);
    assert!(field("union value")
        .why
        .iter()
        .any(|w| w.contains("no struct or union named `value`")));

    // No `value` at all: TYPE_ID_TARGET is 0 under libbpf; aya 0.14 refuses the object for it
    // too (it computes the local value from the target, as for TYPE_SIZE).
    let (without, _) = kernel(false, false, false);
    let report = check(&object, &[Target::new("without", without)]).expect("check");
    let target = &report.targets[0];
    let (i, _) = report.field("union value").expect("value");
    assert_eq!(target.fields[i].getter, Getter::Missing);
    let id_target = report
        .records
        .iter()
        .position(|r| r.kind == TypeIdTarget as u32)
        .expect("record");
    assert_eq!(target.records[id_target].libbpf, Applied::Value(0));
    assert!(matches!(
        &target.records[id_target].aya,
        Some(Applied::Refused(why)) if why.contains("TYPE_ID_TARGET")
    ));
    let text = report.to_string();
    assert!(
        text.contains("does not match") || text.contains("matches"),
        "{text}"
    );
}

#[test]
fn a_typedef_root_is_the_root_of_its_records() {
    use btf_reloc_format::{
        descriptor::TypeDescriptor,
        encode::{encode_type, encoded_type_len},
    };
    // `typedef struct { u32 val; } kuid_t;`
    const KUID: StructDescriptor = StructDescriptor {
        name: "",
        rust_path: "demo::Kuid",
        size: 4,
        fields: &[FieldDescriptor {
            name: "val",
            offset: 0,
            size: 4,
            shape: U32,
        }],
    };
    const KUID_T: TypeDescriptor = TypeDescriptor::Typedef {
        name: "kuid_t",
        of: &TypeDescriptor::Struct(&KUID),
    };
    static KUID_BYTES: [u8; encoded_type_len(&KUID_T)] = encode_type(&KUID_T);
    let mut prog = Vec::new();
    for m in [
        marker(FieldByteOffset, KUID.field_id(0)),
        marker(TypeExists, KUID.type_id()),
        marker(TypeIdLocal, KUID.type_id()),
    ] {
        prog.extend(ld_imm64(1, m));
    }
    prog.extend(mov_exit());
    let input = Fixture {
        prog,
        descriptors: Some(KUID_BYTES.to_vec()),
        ..Fixture::loadable(true)
    }
    .build();
    let LinkOutcome::Linked { object, .. } = link(&input).expect("link") else {
        panic!("nothing to do");
    };
    let elf = Elf::parse(&object).expect("parse");
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");
    let (typedef, ty) = btf.types_named("kuid_t").next().expect("the typedef");
    let Kind::Typedef(anonymous) = ty.kind else {
        panic!("kuid_t is a {}", ty.kind.name());
    };
    assert!(matches!(
        btf.ty(anonymous).map(|t| &t.kind),
        Some(Kind::Struct(_))
    ));
    assert_eq!(btf.name_of(anonymous), "");
    let records = crate::dump(&object).expect("dump").relocations;
    let rendered: Vec<(u32, Option<&str>)> = records
        .iter()
        .map(|r| (r.type_id, r.path.as_deref()))
        .collect();
    assert_eq!(
        rendered,
        [
            (typedef, Some("kuid_t.val")),
            (typedef, Some("typedef kuid_t")),
            (typedef, Some("typedef kuid_t")),
        ]
    );
    // TYPE_ID_LOCAL's local value is the typedef's id.
    assert_eq!(imm64(section(&elf, PROG), 2), u64::from(typedef));

    // `check` against a kernel with `typedef struct { u32 __pad; u32 val; } kuid_t;`.
    let mut kernel = Btf::new();
    let uint = kernel.add_int("unsigned int", 4, false).expect("int");
    let inner = kernel
        .add_composite(
            "",
            false,
            8,
            &[
                NewMember::new("__pad", uint, 0),
                NewMember::new("val", uint, 4),
            ],
        )
        .expect("struct");
    kernel
        .add_named("kuid_t", Kind::Typedef(inner))
        .expect("typedef");
    let report = check(&object, &[Target::new("kernel", kernel)]).expect("check");
    let (i, _) = report.field("kuid_t.val").expect("field");
    assert_eq!(report.targets[0].fields[i].byte_offset, Some(4), "{report}");
    assert_eq!(report.refusals(), Refusals::default());
}
