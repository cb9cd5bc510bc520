//! Malformed inputs: each must be a clear error, never a panic.

use btf_reloc_runtime::descriptor::{
    encode, encoded_len, marker, relo_kind, FieldDescriptor, StructDescriptor, TypeShape,
};
use object::Architecture;

use super::fixture::{ld_imm64, minimal_btf, mov_exit, Fixture, TASK, TASK_BYTES};
use crate::{bytes::u64_at, dump, link, Error};

fn link_err(object: &[u8]) -> Error {
    let err = link(object).expect_err("link must fail");
    // Whatever link rejects, dump must not panic on either.
    let _ = dump(object);
    err
}

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
    assert!(matches!(err, Error::Descriptor { offset: 0, .. }), "{err}");
    assert!(err.to_string().contains("runs past the end"), "{err}");
}

#[test]
fn garbled_descriptor_records() {
    let cases: [(usize, u8, &str); 4] = [
        (0, b'X', "bad magic"),
        (4, 9, "version 9"),
        (5, 7, "record kind 7"),
        // Shape tag of the first field (`pid`): header 12 + name 4+16 + size 4 + count 4 +
        // id 4 + name 4+3 + offset 4 + size 4.
        (59, 9, "unknown shape tag 9"),
    ];
    for (at, byte, expected) in cases {
        let mut descriptors = TASK_BYTES.to_vec();
        descriptors[at] = byte;
        let fixture = Fixture {
            descriptors: Some(descriptors),
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

const COLLIDING: StructDescriptor = StructDescriptor {
    name: "other_struct",
    ..TASK
};
static COLLIDING_BYTES: [u8; encoded_len(&COLLIDING)] = encode(&COLLIDING);

#[test]
fn id_collision() {
    let mut descriptors = TASK_BYTES.to_vec();
    descriptors.extend(COLLIDING_BYTES);
    let fixture = Fixture {
        descriptors: Some(descriptors),
        ..Fixture::standard()
    };
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::IdCollision { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("task_struct___v1.pid") && msg.contains("other_struct.pid"),
        "{msg}"
    );
}

#[test]
fn marker_without_descriptor() {
    let fixture = with_prog_markers(&[
        marker(relo_kind::FIELD_EXISTS, TASK.field_id(0)),
        marker(relo_kind::FIELD_EXISTS, 0x1234_5678),
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
    let fixture = with_prog_markers(&[marker(7, TASK.field_id(0))]);
    let err = link_err(&fixture.build());
    assert!(matches!(err, Error::Marker { insn: 0, .. }), "{err}");
    assert!(
        err.to_string().contains("unknown relocation kind 7"),
        "{err}"
    );
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
