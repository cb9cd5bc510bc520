//! Version 2 descriptors: access paths through embedded structs and arrays, every relocation
//! kind with its local value and access string, enum records as `ENUM`/`ENUM64`, type
//! relocations.

use btf_reloc_format::{
    descriptor::{EnumDescriptor, VariantDescriptor},
    encode::{encode_enum, encoded_enum_len},
    marker::{marker, MAGIC as MARKER_MAGIC},
    RelocKind,
};

use btf_reloc_btf::{types::Composite, Btf, Kind, Type};

use super::{
    fixture::{
        kind_cases, ld_imm64, mov_exit, task_records, Fixture, PROG, TASK, TINY, TINY_BYTES,
    },
    imm64, section,
};
use crate::{dump, elf::Elf, link, LinkOutcome, LinkSummary};

fn linked(input: &[u8]) -> (Vec<u8>, LinkSummary) {
    match link(input).expect("link") {
        LinkOutcome::Linked { object, summary } => (object, summary),
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    }
}

/// The type named `name` in `btf`, with its id.
fn type_named<'b>(btf: &'b Btf, name: &str) -> (u32, &'b Type) {
    btf.types()
        .find(|(_, t)| btf.name(t) == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

/// The struct named `name` in `btf`, with its id.
fn struct_named<'b>(btf: &'b Btf, name: &str) -> (u32, &'b Composite) {
    match type_named(btf, name) {
        (
            id,
            Type {
                kind: Kind::Struct(c),
                ..
            },
        ) => (id, c),
        (_, other) => panic!("{name} is a {}", other.kind.name()),
    }
}

#[test]
fn every_kind_gets_its_local_value_and_access_string() {
    let input = Fixture::kinds().build();
    let cases = kind_cases();

    // Before linking, the dump names every marker's target.
    let pending = dump(&input).expect("dump").pending;
    let rendered: Vec<(usize, u32, &str)> = pending
        .iter()
        .map(|m| (m.insn_index, m.kind, m.path.as_deref().unwrap_or("-")))
        .collect();
    let expected: Vec<(usize, u32, &str)> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (2 * i, c.kind as u32, c.path))
        .collect();
    assert_eq!(rendered, expected);

    let (object, summary) = linked(&input);
    assert_eq!(summary.total(), cases.len());
    assert_eq!((summary.structs_added, summary.enums_added), (4, 3));
    assert_eq!(summary.count(RelocKind::EnumvalValue), 4);
    let elf = Elf::parse(&object).expect("parse");
    let prog = section(&elf, PROG);
    for (i, case) in cases.iter().enumerate() {
        assert_eq!(imm64(prog, i), case.value, "{} of {}", case.kind, case.path);
    }

    let relocations = dump(&object).expect("dump").relocations;
    let got: Vec<(u32, u32, &str, &str, &str)> = relocations
        .iter()
        .map(|r| {
            (
                r.insn_index,
                r.kind,
                r.type_name.as_str(),
                r.access.as_str(),
                r.path.as_deref().unwrap_or("-"),
            )
        })
        .collect();
    let expected: Vec<(u32, u32, &str, &str, &str)> = cases
        .iter()
        .scan(0, |insn, c| {
            // A compacted marker is 1 slot; ENUMVAL_VALUE keeps its 2-slot ld_imm64.
            let at = *insn;
            *insn += if c.kind == RelocKind::EnumvalValue {
                2
            } else {
                1
            };
            Some((at, c.kind as u32, c.type_name, c.access, c.path))
        })
        .collect();
    assert_eq!(got, expected);
    let text = dump(&object).expect("dump").to_string();
    assert!(
        text.contains("TYPE       ")
            && text.contains("ENUMVAL_VALUE      [5] enum pid_type___wide      1        ")
            && text.contains("0:6:0:1  task_struct___v1.pid_links[0].pprev"),
        "{text}"
    );

    // Second run: nothing left to do.
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);
}

#[test]
fn local_types_of_embedded_structs_and_enums() {
    let (object, _) = linked(&Fixture::kinds().build());
    let elf = Elf::parse(&object).expect("parse");
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");

    // The embedded struct is a full struct with every member, in offset order; the member of
    // the embedding struct refers to it.
    let (se_id, se) = struct_named(&btf, "sched_entity");
    assert_eq!((se.members.len(), se.size), (3, 24));
    let names: Vec<&str> = se
        .members
        .iter()
        .map(|m| btf.str_at(m.name_off).expect("name"))
        .collect();
    assert_eq!(names, ["exec_start", "vruntime", "vlag"]);
    let bit_offsets: Vec<u32> = se.members.iter().map(|m| m.offset).collect();
    assert_eq!(bit_offsets, [0, 64, 128]);
    let (_, task) = struct_named(&btf, "task_struct___v1");
    assert_eq!(task.members[5].ty, se_id);
    // Elements of `pid_links` are the full `hlist_node`.
    let Some(Kind::Array(links)) = btf.ty(task.members[6].ty).map(|t| &t.kind) else {
        panic!("pid_links is not an array");
    };
    let (node_id, node) = struct_named(&btf, "hlist_node");
    assert_eq!((links.elem, node.members.len()), (node_id, 2));

    // Enums: 4-byte unsigned → ENUM, no kind_flag; 8-byte signed → ENUM64 with kind_flag.
    let (_, pid_type) = type_named(&btf, "pid_type");
    let Kind::Enum(e) = &pid_type.kind else {
        panic!("pid_type is a {}", pid_type.kind.name());
    };
    assert_eq!((e.signed, e.size), (false, 4));
    assert_eq!(
        e.values.iter().map(|v| v.value).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    let (_, wide) = type_named(&btf, "pid_type___wide");
    let Kind::Enum64(e) = &wide.kind else {
        panic!("pid_type___wide is a {}", wide.kind.name());
    };
    assert_eq!((e.signed, e.size), (true, 8));
    assert_eq!(
        e.values.iter().map(|v| v.value).collect::<Vec<_>>(),
        [u64::MAX, 1 << 40]
    );
    let (_, high) = type_named(&btf, "pid_type___high");
    let Kind::Enum(e) = &high.kind else {
        panic!("pid_type___high is a {}", high.kind.name());
    };
    assert!(!e.signed);
    // Stored as the 32 bits 0x8000_0003, which libbpf reads back sign-extended.
    assert_eq!(e.values.first().map(|v| v.value as u32), Some(0x8000_0003));
}

#[test]
fn a_type_relocation_alone_adds_the_full_struct() {
    let mut prog = ld_imm64(1, marker(RelocKind::TypeSize, TINY.type_id())).to_vec();
    prog.extend(mov_exit());
    let fixture = Fixture {
        prog,
        map_ref_at: None,
        text: None,
        descriptors: Some([task_records(), TINY_BYTES.to_vec()].concat()),
        ..Fixture::standard()
    };
    let (object, summary) = linked(&fixture.build());
    assert_eq!((summary.structs_added, summary.types_added), (1, 2));
    let elf = Elf::parse(&object).expect("parse");
    assert_eq!(imm64(section(&elf, PROG), 0), 8);
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");
    let (_, tiny) = struct_named(&btf, "tiny");
    assert_eq!((tiny.members.len(), tiny.size), (1, 8));
    let r = dump(&object).expect("dump").relocations;
    assert_eq!(
        r.iter()
            .map(|r| (r.access.as_str(), r.path.as_deref()))
            .collect::<Vec<_>>(),
        [("0", Some("struct tiny"))]
    );
}

/// An enum value whose local value carries the marker magic in its top 16 bits.
const MAGIC_VALUE: EnumDescriptor = EnumDescriptor {
    name: "magic",
    rust_path: "demo::Magic",
    size: 8,
    signed: false,
    variants: &[VariantDescriptor {
        name: "LOOKS_LIKE_A_MARKER",
        value: ((MARKER_MAGIC as u64) << 48 | 0x0002_1234_5678) as i64,
    }],
};
static MAGIC_VALUE_BYTES: [u8; encoded_enum_len(&MAGIC_VALUE)] = encode_enum(&MAGIC_VALUE);

#[test]
fn a_linked_value_that_looks_like_a_marker_stays_linked() {
    let mut prog = ld_imm64(
        1,
        marker(RelocKind::EnumvalValue, MAGIC_VALUE.variant_id(0)),
    )
    .to_vec();
    prog.extend(mov_exit());
    let fixture = Fixture {
        prog,
        map_ref_at: None,
        text: None,
        descriptors: Some([task_records(), MAGIC_VALUE_BYTES.to_vec()].concat()),
        ..Fixture::with_btf(32)
    };
    let (object, _) = linked(&fixture.build());
    let elf = Elf::parse(&object).expect("parse");
    assert_eq!(
        imm64(section(&elf, PROG), 0),
        MAGIC_VALUE.variants[0].value as u64
    );
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);
    let dump = dump(&object).expect("dump");
    assert!(dump.pending.is_empty(), "{dump}");
    assert_eq!(
        dump.relocations.first().and_then(|r| r.path.as_deref()),
        Some("magic::LOOKS_LIKE_A_MARKER")
    );
}

#[test]
fn field_ids_that_disagree_with_the_rust_path_are_rejected() {
    let mut descriptors = task_records();
    // The first field id of TASK: header 12 + name 4+16 + rust_path 4+16 + size 4 + count 4.
    assert_eq!(descriptors[60], TASK.field_id(0).to_le_bytes()[0]);
    descriptors[60] ^= 1;
    let fixture = Fixture {
        descriptors: Some(super::fixture::reseal(descriptors)),
        ..Fixture::standard()
    };
    let err = link(&fixture.build()).expect_err("must fail");
    assert!(
        err.to_string()
            .contains("btf-reloc-runtime and this tool disagree on ids"),
        "{err}"
    );
}
