//! Malformed inputs: each must be a clear error, never a panic.

use btf_reloc_format::{
    descriptor::{FieldDescriptor, StructDescriptor, TypeShape},
    encode::{encode, encoded_len},
    id::{id_seed, id_step},
    marker::{marker, MAGIC},
    RelocKind,
};
use object::Architecture;

use super::fixture::{
    ld_imm64, ldx, minimal_btf, mov_exit, path_id, reseal, task, task_records, Direct, DirectSym,
    Fixture, R_BPF_64_ABS64, TASK, TASK_BYTES,
};
use crate::{bytes::u64_at, check, dump, link, Error};

fn link_err(object: &[u8]) -> Error {
    let err = link(object).expect_err("link must fail");
    // Whatever link rejects, dump must not panic on either.
    let _ = dump(object);
    err
}

/// A program with `markers` and the TASK records.
fn with_prog_markers(markers: &[u64]) -> Fixture {
    let mut prog = Vec::new();
    for &m in markers {
        prog.extend(ld_imm64(1, m));
    }
    prog.extend(mov_exit());
    Fixture {
        prog,
        map_ref_at: None,
        text: None,
        ..Fixture::standard()
    }
}

#[test]
fn not_elf() {
    assert!(matches!(link_err(b"hello, world"), Error::NotElf));
    assert!(matches!(link_err(&[]), Error::NotElf));
    let msg = link_err(b"\x7fELF").to_string();
    assert!(msg.contains("not an ELF"), "{msg}");
}

#[test]
fn not_bpf() {
    let fixture = Fixture {
        architecture: Architecture::X86_64,
        map_ref_at: None,
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::Unsupported(_)), "{err}");
    assert!(err.to_string().contains("EM_BPF"), "{err}");
}

#[test]
fn section_past_end_of_file() {
    let mut object = Fixture::standard().build();
    let shoff = u64_at(&object, 0x28).expect("shoff") as usize;
    // sh_size of section 1.
    let at = shoff + 64 + 0x20;
    object[at..at + 8].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let err = link_err(&object);
    assert!(matches!(err, Error::MalformedElf(_)), "{err}");
    assert!(
        err.to_string().contains("past the end of the file"),
        "{err}"
    );
}

#[test]
fn truncated_file() {
    let object = Fixture::standard().build();
    let err = link_err(&object[..object.len() - 100]);
    assert!(matches!(err, Error::MalformedElf(_)), "{err}");
}

#[test]
fn truncated_descriptor_record() {
    let fixture = Fixture {
        descriptors: Some(TASK_BYTES[..TASK_BYTES.len() - 3].to_vec()),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(
        matches!(
            err,
            Error::Descriptor(btf_reloc_format::decode::DecodeError { offset: 0, .. })
        ),
        "{err}"
    );
    assert!(err.to_string().contains("runs past the end"), "{err}");
}

#[test]
fn garbled_descriptor_records() {
    let cases: [(usize, u8, &str); 4] = [
        (0, b'X', "bad magic"),
        (4, 9, "version 9"),
        (5, 7, "record kind 7"),
        // Shape tag of the first field (`pid`): header 12 + name 4+16 + rust_path 4+16 +
        // size 4 + count 4 + id 4 + name 4+3 + offset 4 + size 4.
        (79, 9, "unknown shape tag 9"),
    ];
    for (at, byte, expected) in cases {
        let mut descriptors = task_records();
        descriptors[at] = byte;
        let fixture = Fixture {
            // With a valid checksum, so that the field's own check speaks.
            descriptors: Some(reseal(descriptors)),
            ..Fixture::standard()
        };
        let err = link_err(&fixture.build());
        assert!(matches!(err, Error::Descriptor { .. }), "{err}");
        assert!(err.to_string().contains(expected), "{expected}: {err}");
    }
}

const BAD_NAME: StructDescriptor = StructDescriptor {
    name: "task-struct",
    ..TASK
};
static BAD_NAME_BYTES: [u8; encoded_len(&BAD_NAME)] = encode(&BAD_NAME);

const BAD_FIELD: StructDescriptor = StructDescriptor {
    name: "task_struct",
    rust_path: "demo::BadField",
    size: 8,
    fields: &[FieldDescriptor {
        name: "1st",
        offset: 0,
        size: 4,
        shape: TypeShape::Int {
            size: 4,
            signed: false,
        },
    }],
};
static BAD_FIELD_BYTES: [u8; encoded_len(&BAD_FIELD)] = encode(&BAD_FIELD);

const OUT_OF_BOUNDS: StructDescriptor = StructDescriptor {
    name: "task_struct",
    rust_path: "demo::OutOfBounds",
    size: 8,
    fields: &[FieldDescriptor {
        name: "x",
        offset: 6,
        size: 4,
        shape: TypeShape::Int {
            size: 4,
            signed: false,
        },
    }],
};
static OUT_OF_BOUNDS_BYTES: [u8; encoded_len(&OUT_OF_BOUNDS)] = encode(&OUT_OF_BOUNDS);

#[test]
fn invalid_descriptors() {
    for (bytes, expected) in [
        (&BAD_NAME_BYTES[..], "\"task-struct\" is not a C identifier"),
        (&BAD_FIELD_BYTES[..], "\"1st\" is not a C identifier"),
        (&OUT_OF_BOUNDS_BYTES[..], "lies outside the struct"),
    ] {
        let fixture = Fixture {
            descriptors: Some(bytes.to_vec()),
            ..Fixture::standard()
        };
        let err = link_err(&fixture.build());
        assert!(matches!(err, Error::Descriptor { .. }), "{err}");
        assert!(err.to_string().contains(expected), "{expected}: {err}");
    }
}

/// `id_step(id_seed("demo::A28103"), 0) == id_seed("demo::B66395")` (found by a birthday
/// search), so the path `[0, 0]` of A (through the embedded C) and the path `[0]` of B share an
/// id.
const COLLIDING_A: StructDescriptor = StructDescriptor {
    name: "a",
    rust_path: "demo::A28103",
    size: 4,
    fields: &[FieldDescriptor {
        name: "c",
        offset: 0,
        size: 4,
        shape: TypeShape::Struct(&COLLIDING_C),
    }],
};
const COLLIDING_B: StructDescriptor = StructDescriptor {
    name: "b",
    rust_path: "demo::B66395",
    ..COLLIDING_C
};
const COLLIDING_C: StructDescriptor = StructDescriptor {
    name: "c",
    rust_path: "demo::C",
    size: 4,
    fields: &[FieldDescriptor {
        name: "x",
        offset: 0,
        size: 4,
        shape: TypeShape::Int {
            size: 4,
            signed: false,
        },
    }],
};
static COLLIDING_A_BYTES: [u8; encoded_len(&COLLIDING_A)] = encode(&COLLIDING_A);
static COLLIDING_B_BYTES: [u8; encoded_len(&COLLIDING_B)] = encode(&COLLIDING_B);
static COLLIDING_C_BYTES: [u8; encoded_len(&COLLIDING_C)] = encode(&COLLIDING_C);

#[test]
fn id_collision() {
    assert_eq!(
        id_step(id_seed(COLLIDING_A.rust_path), 0),
        id_seed(COLLIDING_B.rust_path)
    );
    let id = path_id(&COLLIDING_A, &[0, 0]);
    assert_eq!(id, path_id(&COLLIDING_B, &[0]));
    let mut descriptors = task_records();
    for bytes in [
        &COLLIDING_A_BYTES[..],
        &COLLIDING_B_BYTES,
        &COLLIDING_C_BYTES,
    ] {
        descriptors.extend_from_slice(bytes);
    }
    let fixture = Fixture {
        descriptors: Some(descriptors),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(
        matches!(err, Error::IdCollision { id: i, .. } if i == id),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("`a.c.x (demo::A28103)`") && msg.contains("`b.x (demo::B66395)`"),
        "{msg}"
    );
    // Identical copies of the records are one record, not a collision.
    let mut twice = task_records();
    twice.extend(task_records());
    let fixture = Fixture {
        descriptors: Some(twice),
        ..Fixture::standard()
    };
    assert!(link(&fixture.build()).is_ok());
}

#[test]
fn marker_without_descriptor() {
    let fixture = with_prog_markers(&[
        marker(RelocKind::FieldExists, TASK.field_id(0)),
        marker(RelocKind::FieldExists, 0x1234_5678),
    ]);
    let err = link_err(&fixture.build());
    let Error::Marker { section, insn, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!((section.as_str(), *insn), (super::fixture::PROG, 2));
    assert!(err.to_string().contains("0x12345678"), "{err}");
}

#[test]
fn unknown_marker_kind() {
    // 6, 7 and 12 (TYPE_ID_LOCAL, TYPE_ID_TARGET, TYPE_MATCHES) are emitted: `kinds.rs`.
    for kind in [13u32, 0xffff] {
        let fixture = with_prog_markers(&[
            marker(RelocKind::FieldExists, TASK.field_id(0)),
            u64::from(MAGIC) << 48 | u64::from(kind) << 32 | u64::from(TASK.field_id(0)),
        ]);
        let err = link_err(&fixture.build());
        assert!(matches!(err, Error::Marker { insn: 2, .. }), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("relocation kind {kind}")) && msg.contains(super::fixture::PROG),
            "{msg}"
        );
    }
}

#[test]
fn markers_without_descriptor_section() {
    let fixture = Fixture {
        descriptors: None,
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(
        matches!(err, Error::MarkersWithoutDescriptors { count: 5, .. }),
        "{err}"
    );
}

#[test]
fn bad_btf_magic() {
    let mut btf = minimal_btf();
    btf[0] = 0x42;
    let fixture = Fixture {
        btf: Some(btf),
        ..Fixture::with_btf(32)
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::Btf(_)), "{err}");
    assert!(err.to_string().contains("bad magic"), "{err}");
}

#[test]
fn unknown_btf_kind() {
    let mut btf = minimal_btf();
    // Kind of type [2] (info word at 24 + 16 + 4): 31 is not a BTF kind.
    btf[24 + 16 + 7] = 31;
    let fixture = Fixture {
        btf: Some(btf),
        ..Fixture::with_btf(32)
    };
    let err = link_err(&fixture.build());
    assert!(
        err.to_string().contains("type 2 has unknown kind 31"),
        "{err}"
    );
}

#[test]
fn bad_btf_ext() {
    let (mut ext, relocs) = super::fixture::minimal_btf_ext(32);
    ext[12..16].copy_from_slice(&1000u32.to_le_bytes()); // func_info_len
    let fixture = Fixture {
        btf_ext: Some((ext, relocs)),
        ..Fixture::with_btf(32)
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::BtfExt(_)), "{err}");
}

/// Found by the `link` fuzz target: descriptors but no marker, so no record is added, and a
/// `.BTF.ext` with a bad magic. The output kept it and did not dump; the input is refused now.
#[test]
fn bad_btf_ext_is_refused_when_no_record_is_added() {
    let (mut ext, relocs) = super::fixture::minimal_btf_ext(32);
    ext[0] = 0;
    ext[1] = 0;
    let fixture = Fixture {
        prog: super::fixture::mov_exit().to_vec(),
        map_ref_at: None,
        text: None,
        btf_ext: Some((ext, relocs)),
        ..Fixture::with_btf(32)
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::BtfExt(_)), "{err}");
    assert!(err.to_string().contains("bad magic"), "{err}");
}

/// Found by the `link` fuzz target: a `.BTF.ext` group naming its section by an offset that is
/// no string of `.BTF` went through `link` into an object `check` refused.
#[test]
fn btf_ext_group_names_must_be_btf_strings() {
    let (mut ext, relocs) = super::fixture::minimal_btf_ext(32);
    // The func_info part's only group: record size at 32, then its section name offset.
    ext[36..40].copy_from_slice(&0x7fff_0000u32.to_le_bytes());
    let fixture = Fixture {
        btf_ext: Some((ext, relocs)),
        ..Fixture::with_btf(32)
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::BtfExt(_)), "{err}");
    assert!(
        err.to_string()
            .contains("string offset 0x7fff0000, which is not a string of .BTF"),
        "{err}"
    );
}

#[test]
fn version_1_records_are_rejected() {
    let mut descriptors = task_records();
    descriptors[4] = 1;
    let fixture = Fixture {
        descriptors: Some(descriptors),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(
        matches!(
            err,
            Error::Descriptor(btf_reloc_format::decode::DecodeError { offset: 0, .. })
        ),
        "{err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("record version 1 is not supported") && msg.contains("reads version 3"),
        "{msg}"
    );
}

const MISSING: StructDescriptor = StructDescriptor {
    name: "missing",
    rust_path: "demo::Missing",
    size: 4,
    fields: &[],
};
const EMBEDS_MISSING: StructDescriptor = StructDescriptor {
    name: "outer",
    rust_path: "demo::Outer",
    size: 4,
    fields: &[FieldDescriptor {
        name: "inner",
        offset: 0,
        size: 4,
        shape: TypeShape::Struct(&MISSING),
    }],
};
static EMBEDS_MISSING_BYTES: [u8; encoded_len(&EMBEDS_MISSING)] = encode(&EMBEDS_MISSING);

/// `outer.tasks` claims 8 bytes, but the embedded `list_head` record has 16.
const WRONG_EMBEDDED_SIZE: StructDescriptor = StructDescriptor {
    name: "outer",
    rust_path: "demo::Outer",
    size: 8,
    fields: &[FieldDescriptor {
        name: "tasks",
        offset: 0,
        size: 8,
        shape: TypeShape::Struct(&super::fixture::LIST_HEAD),
    }],
};
static WRONG_EMBEDDED_SIZE_BYTES: [u8; encoded_len(&WRONG_EMBEDDED_SIZE)] =
    encode(&WRONG_EMBEDDED_SIZE);

/// `demo::CycA` embeds `demo::CycB`; `CYC_B` embeds `demo::CycX`, which the test rewrites to
/// `demo::CycA` (same length) to close the cycle.
const CYC_A: StructDescriptor = StructDescriptor {
    name: "cyc_a",
    rust_path: "demo::CycA",
    size: 4,
    fields: &[FieldDescriptor {
        name: "b",
        offset: 0,
        size: 4,
        shape: TypeShape::Struct(&CYC_B),
    }],
};
const CYC_B: StructDescriptor = StructDescriptor {
    name: "cyc_b",
    rust_path: "demo::CycB",
    size: 4,
    fields: &[FieldDescriptor {
        name: "a",
        offset: 0,
        size: 4,
        shape: TypeShape::Struct(&CYC_X),
    }],
};
const CYC_X: StructDescriptor = StructDescriptor {
    name: "cyc_x",
    rust_path: "demo::CycX",
    size: 4,
    fields: &[],
};
static CYC_A_BYTES: [u8; encoded_len(&CYC_A)] = encode(&CYC_A);
static CYC_B_BYTES: [u8; encoded_len(&CYC_B)] = encode(&CYC_B);

const OTHER_TASK: StructDescriptor = StructDescriptor { size: 200, ..TASK };
static OTHER_TASK_BYTES: [u8; encoded_len(&OTHER_TASK)] = encode(&OTHER_TASK);

#[test]
fn inconsistent_records() {
    let enum_as_struct = {
        // `outer.inner` embeds `demo::Missing`; make that the rust_path of an enum record.
        let mut bytes = EMBEDS_MISSING_BYTES.to_vec();
        bytes.extend_from_slice(&super::fixture::PID_TYPE_BYTES);
        let at = bytes.len() - super::fixture::PID_TYPE_BYTES.len() + 12 + 4 + 8 + 4;
        bytes.splice(at..at + 13, *b"demo::Missing");
        reseal(bytes)
    };
    let cycle = {
        let mut bytes = CYC_A_BYTES.to_vec();
        let b = CYC_B_BYTES.to_vec();
        let at = b.len() - 10;
        bytes.extend_from_slice(&b[..at]);
        bytes.extend_from_slice(b"demo::CycA");
        reseal(bytes)
    };
    let duplicate_path = {
        let mut bytes = task_records();
        bytes.extend_from_slice(&OTHER_TASK_BYTES);
        bytes
    };
    let cases: [(Vec<u8>, &[&str]); 5] = [
        (
            EMBEDS_MISSING_BYTES.to_vec(),
            &[
                "field `outer.inner` of `demo::Outer` embeds struct `demo::Missing`",
                "has no struct record in the object",
            ],
        ),
        (
            enum_as_struct,
            &["embeds struct `demo::Missing`, which is an enum record, not a struct record"],
        ),
        (
            [
                &WRONG_EMBEDDED_SIZE_BYTES[..],
                &super::fixture::LIST_HEAD_BYTES,
            ]
            .concat(),
            &["field `outer.tasks` has size 8 but its type shape has size 16"],
        ),
        (
            cycle,
            &[
                "field `cyc_b.a` of `demo::CycB` embeds `demo::CycA`",
                "embeds `demo::CycB` itself",
            ],
        ),
        (
            duplicate_path,
            &["two different records describe the Rust type `demo::TaskStruct`"],
        ),
    ];
    for (descriptors, expected) in cases {
        let fixture = Fixture {
            descriptors: Some(descriptors),
            ..Fixture::standard()
        };
        let err = link_err(&fixture.build());
        assert!(matches!(err, Error::Descriptor { .. }), "{err}");
        let msg = err.to_string();
        for part in expected {
            assert!(msg.contains(part), "{part}: {msg}");
        }
    }
}

/// A 16-field struct embedding `inner` in every field, `depth` levels deep: `16 + 16² + …`
/// access paths.
fn fan_out(depth: usize) -> Vec<u8> {
    fn record(level: usize, depth: usize) -> Vec<u8> {
        let path = format!("demo::Fan{level}");
        let inner = format!("demo::Fan{}", level + 1);
        let elem_size: u32 = if level + 1 == depth {
            1
        } else {
            16u32.pow((depth - level - 1) as u32)
        };
        let mut body = Vec::new();
        let put = |b: &mut Vec<u8>, v: u32| b.extend_from_slice(&v.to_le_bytes());
        let put_str = |b: &mut Vec<u8>, s: &str| {
            b.extend_from_slice(&(s.len() as u32).to_le_bytes());
            b.extend_from_slice(s.as_bytes());
        };
        put_str(&mut body, &format!("fan{level}"));
        put_str(&mut body, &path);
        put(&mut body, elem_size * 16);
        put(&mut body, 16);
        for i in 0..16u32 {
            put(&mut body, id_step(id_seed(&path), i as usize));
            put_str(&mut body, &format!("f{i}"));
            put(&mut body, i * elem_size);
            put(&mut body, elem_size);
            if level + 1 == depth {
                body.extend_from_slice(&[0, 1, 0, 0, 0, 0]); // u8
            } else {
                body.push(3);
                put_str(&mut body, &inner);
            }
        }
        let mut out = b"BREL\x03\x01\x00\x00".to_vec();
        put(&mut out, 12 + body.len() as u32);
        out.extend(body);
        reseal(out)
    }
    (0..depth).flat_map(|level| record(level, depth)).collect()
}

#[test]
fn too_many_access_paths() {
    // 16 + 256 + 4096 + 65536 paths: over the bound.
    let fixture = Fixture {
        descriptors: Some([task_records(), fan_out(4)].concat()),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::TooManyPaths { limit: 65536 }), "{err}");
    // One level less is fine.
    let fixture = Fixture {
        descriptors: Some([task_records(), fan_out(3)].concat()),
        ..Fixture::standard()
    };
    assert!(link(&fixture.build()).is_ok());
}

const BYTES0: TypeShape = TypeShape::Int {
    size: 1,
    signed: false,
};
/// `data[0]` is not the last member, so element 0 of it is out of bounds for libbpf; `tail[0]`
/// is a flexible array member.
const ZERO_LEN: StructDescriptor = StructDescriptor {
    name: "zero_len",
    rust_path: "demo::ZeroLen",
    size: 8,
    fields: &[
        FieldDescriptor {
            name: "data",
            offset: 0,
            size: 0,
            shape: TypeShape::Array {
                elem: &BYTES0,
                len: 0,
            },
        },
        FieldDescriptor {
            name: "x",
            offset: 0,
            size: 8,
            shape: TypeShape::Ptr,
        },
        FieldDescriptor {
            name: "tail",
            offset: 8,
            size: 0,
            shape: TypeShape::Array {
                elem: &BYTES0,
                len: 0,
            },
        },
    ],
};
static ZERO_LEN_BYTES: [u8; encoded_len(&ZERO_LEN)] = encode(&ZERO_LEN);

#[test]
fn relocations_libbpf_would_refuse() {
    use RelocKind::*;
    let t = |indices: &[usize]| path_id(&TASK, indices);
    let z = |indices: &[usize]| path_id(&ZERO_LEN, indices);
    let cases = [
        (
            FieldSigned,
            t(&[task::COMM, 0]),
            "FIELD_SIGNED of `task_struct___v1.comm[0]`: relocation refused: FIELD_SIGNED: libbpf applies only",
        ),
        (
            FieldLshiftU64,
            t(&[task::PID_LINKS, 0]),
            "FIELD_LSHIFT_U64 of `task_struct___v1.pid_links[0]`",
        ),
        (
            FieldLshiftU64,
            t(&[task::COMM]),
            "FIELD_LSHIFT_U64 of `task_struct___v1.comm`: the field is wider than 8 bytes",
        ),
        (
            FieldRshiftU64,
            t(&[task::SE]),
            "FIELD_RSHIFT_U64 of `task_struct___v1.se`: the field is wider than 8 bytes",
        ),
        (
            FieldByteOffset,
            z(&[0, 0]),
            "FIELD_BYTE_OFFSET of `zero_len.data[0]`: invalid relocation: index 0 is past the end of array",
        ),
        (
            TypeSize,
            0x1234_5678,
            "type id 0x12345678, which no struct or enum record has",
        ),
        (EnumvalValue, TASK.field_id(0), "enum value id"),
    ];
    for (kind, id, expected) in cases {
        let fixture = Fixture {
            descriptors: Some([task_records(), ZERO_LEN_BYTES.to_vec()].concat()),
            ..with_prog_markers(&[marker(FieldExists, TASK.field_id(0)), marker(kind, id)])
        };
        let err = link_err(&fixture.build());
        assert!(
            matches!(&err, Error::Marker { section, insn: 2, .. } if section == super::fixture::PROG),
            "{err}"
        );
        assert!(err.to_string().contains(expected), "{expected}: {err}");
    }
    // The flexible array member may be indexed.
    let fixture = Fixture {
        descriptors: Some([task_records(), ZERO_LEN_BYTES.to_vec()].concat()),
        ..with_prog_markers(&[marker(FieldByteOffset, z(&[2, 0]))])
    };
    assert!(link(&fixture.build()).is_ok());
}

#[test]
fn enum_value_out_of_range() {
    use btf_reloc_format::{
        descriptor::EnumDescriptor,
        encode::{encode_enum, encoded_enum_len},
    };
    const E: EnumDescriptor = EnumDescriptor {
        name: "e",
        rust_path: "demo::E",
        size: 4,
        signed: true,
        variants: &[btf_reloc_format::descriptor::VariantDescriptor {
            name: "BIG",
            value: 1 << 31,
        }],
    };
    static E_BYTES: [u8; encoded_enum_len(&E)] = encode_enum(&E);
    let fixture = Fixture {
        descriptors: Some([task_records(), E_BYTES.to_vec()].concat()),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(
        err.to_string()
            .contains("variant `e::BIG` = 2147483648 does not fit the enum's 4 signed byte(s)"),
        "{err}"
    );
}

/// `object` with section `name`'s header pointing at `offset`/`size` (and type `sh_type`, if
/// given).
fn with_section_span(
    object: &[u8],
    name: &str,
    offset: u64,
    size: u64,
    sh_type: Option<u32>,
) -> Vec<u8> {
    let index = crate::elf::Elf::parse(object)
        .expect("valid base")
        .section_by_name(name)
        .unwrap_or_else(|| panic!("no section {name}"))
        .index;
    let mut out = object.to_vec();
    let header = u64_at(object, 0x28).expect("shoff") as usize + index * 64;
    if let Some(sh_type) = sh_type {
        out[header + 4..header + 8].copy_from_slice(&sh_type.to_le_bytes());
    }
    out[header + 0x18..header + 0x20].copy_from_slice(&offset.to_le_bytes());
    out[header + 0x20..header + 0x28].copy_from_slice(&size.to_le_bytes());
    out
}

/// The file span of section `name`.
fn span_of(object: &[u8], name: &str) -> (u64, u64) {
    let elf = crate::elf::Elf::parse(object).expect("valid base");
    let s = elf.section_by_name(name).expect("section");
    (s.offset, s.size)
}

/// Found by the `link` fuzz target: an executable `.BTF.ext` (or section name table) was
/// rewritten as data by `link`, whose output `dump` then refused (no longer a whole number of
/// instructions).
#[test]
fn btf_sections_marked_executable_are_refused() {
    let base = Fixture::with_btf(32).build();
    // `.shstrtab`: a `SHT_STRTAB`, rewritten when `link` adds section names.
    for name in [".BTF", ".BTF.ext", ".shstrtab"] {
        let index = crate::elf::Elf::parse(&base)
            .expect("valid base")
            .section_by_name(name)
            .expect("section")
            .index;
        let mut object = base.clone();
        let flags = u64_at(&base, 0x28).expect("shoff") as usize + index * 64 + 8;
        let exec = u64::from(object::elf::SHF_EXECINSTR | object::elf::SHF_ALLOC);
        object[flags..flags + 8].copy_from_slice(&exec.to_le_bytes());
        let err = link_err(&object);
        assert!(matches!(err, Error::MalformedElf(_)), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("section `{name}` (section {index}"))
                && msg.contains("is marked executable"),
            "{msg}"
        );
        assert!(dump(&object).is_err(), "dump too");
    }
}

#[test]
fn overlapping_sections_are_refused() {
    let base = Fixture {
        license: true,
        ..Fixture::with_btf(32)
    }
    .build();
    let (prog_off, prog_size) = span_of(&base, super::fixture::PROG);
    let (btf_off, btf_size) = span_of(&base, ".BTF");
    let shoff = u64_at(&base, 0x28).expect("shoff");
    let cases = [
        // Data aliased onto the program: patching markers would rewrite it, or the reverse.
        (
            with_section_span(&base, "license", prog_off, prog_size, None),
            "`license`",
        ),
        // The same code as two programs: relocated twice.
        (
            with_section_span(&base, ".text", prog_off, prog_size, None),
            "`.text`",
        ),
        (
            with_section_span(&base, ".BTF.ext", btf_off, btf_size, None),
            "`.BTF.ext`",
        ),
        // Partly: one byte in common.
        (
            with_section_span(&base, "license", prog_off + prog_size - 1, 4, None),
            "`license`",
        ),
        (
            with_section_span(&base, "license", 60, 4, None),
            "the ELF header",
        ),
        (
            with_section_span(&base, "license", shoff + 8, 4, None),
            "the section header table",
        ),
    ];
    for (object, names) in cases {
        let err = link_err(&object);
        assert!(matches!(err, Error::MalformedElf(_)), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("overlaps") && msg.contains(names), "{msg}");
        assert!(dump(&object).is_err(), "dump too: {msg}");
        assert!(crate::check(&object, &[]).is_err(), "check too: {msg}");
    }
    // What occupies no file bytes may sit anywhere: SHT_NOBITS, and empty sections.
    for object in [
        with_section_span(
            &base,
            "license",
            prog_off,
            prog_size,
            Some(object::elf::SHT_NOBITS),
        ),
        with_section_span(&base, "license", prog_off, 0, None),
    ] {
        assert!(matches!(
            link(&object).expect("links"),
            crate::LinkOutcome::Linked { .. }
        ));
    }
}

#[test]
fn malformed_elf_errors_name_the_section() {
    let base = Fixture::standard().build();
    let past_end = with_section_span(&base, "maps", 1 << 40, 4, None);
    let msg = link_err(&past_end).to_string();
    assert!(
        msg.contains("`maps`") && msg.contains("past the end of the file"),
        "{msg}"
    );
    assert!(!msg.contains("``"), "{msg}");
    // The name table itself has no name to give.
    let shstrndx = usize::from(crate::bytes::u16_at(&base, 0x3e).expect("shstrndx"));
    let header = u64_at(&base, 0x28).expect("shoff") as usize + shstrndx * 64;
    let mut bad_names = base.clone();
    bad_names[header + 0x18..header + 0x20].copy_from_slice(&(1u64 << 40).to_le_bytes());
    let msg = link_err(&bad_names).to_string();
    assert!(msg.contains("section name table"), "{msg}");
}

#[test]
fn bad_func_and_line_info_record_sizes() {
    let (ext, relocs) = super::fixture::minimal_btf_ext(32);
    // Record sizes: func_info's at hdr_len + 0, line_info's at hdr_len + 20.
    for (at, part) in [(32, "func_info"), (52, "line_info")] {
        for size in [0u32, 0xffff_ffff, 6] {
            let mut bad = ext.clone();
            bad[at..at + 4].copy_from_slice(&size.to_le_bytes());
            let object = Fixture {
                btf_ext: Some((bad, relocs)),
                ..Fixture::with_btf(32)
            }
            .build();
            let err = link_err(&object);
            assert!(matches!(err, Error::BtfExt(_)), "{err}");
            let expected = format!("{part} record size {size}");
            assert!(err.to_string().contains(&expected), "{expected}: {err}");
            let err = dump(&object).expect_err("dump refuses it too");
            assert!(err.to_string().contains(&expected), "{expected}: {err}");
        }
    }
}

#[test]
fn altered_descriptor_records_are_refused() {
    // TASK's struct size (header 12 + name 4+16 + rust_path 4+16), the checksum bytes (6, 7)
    // and a field offset (`pid`'s, after its id and name): a change that is still plausible
    // would otherwise end up in the local BTF.
    let size_at = 52;
    assert_eq!(descriptor_u32(size_at), TASK.size as u32);
    for at in [size_at, 6, 7, size_at + 8 + 4 + 4 + 3] {
        let mut descriptors = task_records();
        descriptors[at] ^= 0x40;
        let fixture = Fixture {
            descriptors: Some(descriptors),
            ..Fixture::standard()
        };
        let err = link_err(&fixture.build());
        assert!(matches!(err, Error::Descriptor { .. }), "{err}");
        let msg = err.to_string();
        assert!(
            msg.contains("`.btf_reloc.descriptors`") && msg.contains("altered after the build"),
            "byte {at}: {msg}"
        );
    }
    // A member offset BTF cannot hold is the descriptor's fault, not `.BTF`'s.
    let mut descriptors = task_records();
    let pid_offset_at = size_at + 8 + 4 + 4 + 3;
    assert_eq!(descriptor_u32(pid_offset_at), 4);
    descriptors[size_at..size_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    descriptors[pid_offset_at..pid_offset_at + 4].copy_from_slice(&0x2000_0000u32.to_le_bytes());
    let fixture = Fixture {
        descriptors: Some(reseal(descriptors)),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::Descriptor { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("`.btf_reloc.descriptors`")
            && msg.contains("`task_struct___v1.pid` at byte 536870912 lies beyond"),
        "{msg}"
    );
}

/// The little-endian word at `at` of [`task_records`].
fn descriptor_u32(at: usize) -> u32 {
    u32::from_le_bytes(task_records()[at..at + 4].try_into().expect("4 bytes"))
}

/// Found by the `link` fuzz target: a `.BTF.ext` group named "" (string offset 0) made `check`
/// look up section "" and find the null section 0, whose header nothing validates.
#[test]
fn the_null_section_is_never_found_by_name() {
    let object = Fixture::with_btf(32).build();
    let elf = crate::elf::Elf::parse(&object).expect("valid");
    assert_eq!(elf.sections.first().map(|s| s.name.as_str()), Some(""));
    assert!(elf.section_by_name("").is_none());
}

/// A struct whose one field lies past what a load's 16-bit offset reaches.
const FAR: StructDescriptor = StructDescriptor {
    name: "far",
    rust_path: "demo::Far",
    size: 40_008,
    fields: &[FieldDescriptor {
        name: "x",
        offset: 40_000,
        size: 8,
        shape: TypeShape::Int {
            size: 8,
            signed: false,
        },
    }],
};
static FAR_BYTES: [u8; encoded_len(&FAR)] = encode(&FAR);

#[test]
fn malformed_direct_loads() {
    let pid = marker(RelocKind::FieldByteOffset, path_id(&TASK, &[task::PID]));
    let lshift = marker(RelocKind::FieldLshiftU64, path_id(&TASK, &[task::PID]));
    // `r0 = 0; r2 = *(u32 *)(r1 - 1); exit`, the load at byte 8.
    let prog = |load: [u8; 8]| {
        let mut prog = mov_exit()[..8].to_vec();
        prog.extend(load);
        prog.extend(&mov_exit()[8..]);
        prog
    };
    let good_load = ldx(4, 2, 1, -1);
    let fixture = |load: [u8; 8], direct: Direct| Fixture {
        prog: prog(load),
        map_ref_at: None,
        text: None,
        license: true,
        direct: vec![direct],
        ..Fixture::standard()
    };
    let entries = |list: &[(u64, u64)]| Direct::entries(list);
    let with = |mut direct: Direct, edit: &dyn Fn(&mut Direct)| {
        edit(&mut direct);
        direct
    };
    let mut imm = good_load;
    imm[4] = 1;
    let store = {
        let mut store = good_load;
        store[0] = 0x63; // BPF_STX | BPF_MEM | BPF_W
        store
    };
    // (what, object, the message says)
    let cases: Vec<(&str, Fixture, &str)> =
        vec![
        (
            "a cut-off entry",
            fixture(
                good_load,
                with(entries(&[(8, pid)]), &|d| d.data.extend([0; 8])),
            ),
            "not a whole number of 16-byte entries",
        ),
        (
            "no relocation",
            fixture(good_load, with(entries(&[(8, pid)]), &|d| d.relocs.clear())),
            "no ELF relocation names the load's address",
        ),
        (
            "two relocations",
            fixture(
                good_load,
                with(entries(&[(8, pid)]), &|d| {
                    d.relocs.push((0, R_BPF_64_ABS64, DirectSym::Prog))
                }),
            ),
            "2 ELF relocations name the load's address",
        ),
        (
            "another relocation type",
            fixture(
                good_load,
                with(entries(&[(8, pid)]), &|d| d.relocs[0].1 = 1),
            ),
            "relocation of type 1; expected R_BPF_64_ABS64 (2)",
        ),
        (
            "an address in data",
            fixture(
                good_load,
                with(entries(&[(8, pid)]), &|d| {
                    d.relocs[0].2 = DirectSym::License
                }),
            ),
            "`license`, which holds no code",
        ),
        (
            "a relocation on the marker",
            fixture(
                good_load,
                with(entries(&[(8, pid)]), &|d| d.relocs[0].0 = 8),
            ),
            "relocates byte 0x8, which is no entry's address",
        ),
        (
            "an address past the code",
            fixture(good_load, entries(&[(800, pid)])),
            "byte 0x320 is past the end of the section (24 bytes)",
        ),
        (
            "a misaligned address",
            fixture(good_load, entries(&[(12, pid)])),
            "byte 0xc is not an instruction boundary",
        ),
        (
            "no load",
            fixture(good_load, entries(&[(0, pid)])),
            "opcode 0xb7 is neither a load from memory",
        ),
        (
            "a store",
            fixture(store, entries(&[(8, pid)])),
            "opcode 0x63 is neither a load from memory",
        ),
        (
            "a load already relocated",
            fixture(ldx(4, 2, 1, 4), entries(&[(8, pid)])),
            "the load's offset is 4, not the -1",
        ),
        (
            "an immediate",
            fixture(imm, entries(&[(8, pid)])),
            "the load's immediate is 1, not 0",
        ),
        (
            "no marker",
            fixture(good_load, entries(&[(8, 0x1234)])),
            "marker 0x0000000000001234 does not have the marker magic",
        ),
        (
            "another kind",
            fixture(
                good_load,
                entries(&[(8, marker(RelocKind::FieldByteSize, path_id(&TASK, &[0])))]),
            ),
            "relocation kind 1 (FIELD_BYTE_SIZE); this instruction takes FIELD_BYTE_OFFSET only",
        ),
        (
            "an unknown kind",
            fixture(
                good_load,
                entries(&[(8, u64::from(MAGIC) << 48 | 99 << 32)]),
            ),
            "relocation kind 99 (unknown)",
        ),
        (
            "a shift by a register",
            fixture([0x6f, 0x12, 0, 0, 0, 0, 0, 0], entries(&[(8, lshift)])),
            "opcode 0x6f is neither a load from memory",
        ),
        (
            "a shift already relocated",
            fixture([0x67, 0x02, 0, 0, 56, 0, 0, 0], entries(&[(8, lshift)])),
            "the shift's immediate is 56, not the 64",
        ),
        (
            "a shift with an offset",
            fixture([0x67, 0x02, 1, 0, 64, 0, 0, 0], entries(&[(8, lshift)])),
            "the shift has a source register or an offset",
        ),
        (
            "a left shift with the right shift's kind",
            fixture(
                [0x67, 0x02, 0, 0, 64, 0, 0, 0],
                entries(&[(8, marker(RelocKind::FieldRshiftU64, path_id(&TASK, &[task::PID])))]),
            ),
            "this instruction takes FIELD_LSHIFT_U64 only",
        ),
        (
            "a right shift with the left shift's kind",
            fixture([0xc7, 0x02, 0, 0, 64, 0, 0, 0], entries(&[(8, lshift)])),
            "this instruction takes FIELD_RSHIFT_U64 only",
        ),
        (
            "two entries for one load",
            fixture(good_load, entries(&[(8, pid), (8, pid)])),
            "entry 0 of `.btf_reloc.direct` names this load already",
        ),
        (
            "an unknown path",
            fixture(
                good_load,
                entries(&[(8, marker(RelocKind::FieldByteOffset, 0xdead_beef))]),
            ),
            "field path id 0xdeadbeef",
        ),
        (
            "an offset past 16 bits",
            Fixture {
                descriptors: Some(FAR_BYTES.to_vec()),
                ..fixture(
                    good_load,
                    entries(&[(8, marker(RelocKind::FieldByteOffset, FAR.field_id(0)))]),
                )
            },
            "the local offset 40000 does not fit a load's 16-bit signed offset",
        ),
        (
            "no descriptors",
            Fixture {
                descriptors: None,
                ..fixture(good_load, entries(&[(8, pid)]))
            },
            "1 marker instruction(s) (first in section `kprobe/do_sys_open`, instruction 1)",
        ),
    ];
    for (what, fixture, expected) in cases {
        let object = fixture.build();
        let message = link_err(&object).to_string();
        assert!(message.contains(expected), "{what}: {message}");
        // An entry problem names the entry, a load problem the load.
        let names = if message.contains("direct-load entry") {
            "section `.btf_reloc.direct`, direct-load entry "
        } else if message.contains("marker instruction(s)") {
            ""
        } else {
            "section `kprobe/do_sys_open`, instruction"
        };
        assert!(message.starts_with(names), "{what}: {message}");
        // check refuses what is not post-linked, without a panic.
        assert!(check(&object, &[]).is_err(), "{what}");
    }
}

#[test]
fn an_executable_direct_section_is_refused() {
    let pid = marker(RelocKind::FieldByteOffset, path_id(&TASK, &[task::PID]));
    let mut object = Fixture {
        direct: vec![Direct::entries(&[(8, pid)])],
        ..Fixture::standard()
    }
    .build();
    // Set SHF_EXECINSTR on the direct-load section's header.
    let elf = crate::elf::Elf::parse(&object).expect("elf");
    let index = elf
        .section_by_name(btf_reloc_format::DIRECT_SECTION)
        .expect("direct")
        .index;
    let shoff = u64_at(&object, 0x28).expect("shoff") as usize;
    object[shoff + index * 64 + 8] |= 0x4;
    let message = link_err(&object).to_string();
    assert!(
        message.contains("`.btf_reloc.direct`") && message.contains("marked executable"),
        "{message}"
    );
}
