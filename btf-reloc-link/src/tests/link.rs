//! The pass on well-formed objects.

use btf_reloc_btf::{ext::BtfExt, Btf, Kind};
use btf_reloc_format::{marker::marker, RelocKind, DESCRIPTOR_SECTION, DIRECT_SECTION};
use object::elf::SHT_NOBITS;

use super::{
    fixture::{
        ld_imm64, ldx, minimal_btf, minimal_btf_ext, mov_exit, path_id, task, Direct, Fixture,
        MAP_REF_IMM, PROG, TASK, TINY, TINY_BYTES,
    },
    imm64, section, words,
};
use crate::{dump, elf::Elf, link, link::link_with, LinkOutcome, LinkSummary, SectionSummary};

fn linked(input: &[u8]) -> (Vec<u8>, LinkSummary) {
    match link(input).expect("link") {
        LinkOutcome::Linked { object, summary } => (object, summary),
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    }
}

/// `(section, insn, kind, type name, access, member)` of every record.
fn records(object: &[u8]) -> Vec<(String, u32, u32, String, String, Option<String>)> {
    let dump = dump(object).expect("dump");
    assert!(dump.pending.is_empty(), "pending markers left: {dump}");
    dump.relocations
        .into_iter()
        .map(|r| {
            (
                r.section,
                r.insn_index,
                r.kind,
                r.type_name,
                r.access,
                r.path,
            )
        })
        .collect()
}

fn expected_records() -> Vec<(String, u32, u32, String, String, Option<String>)> {
    let r = |sec: &str, insn, kind: RelocKind, access: &str, member: &str| {
        (
            sec.to_owned(),
            insn,
            kind as u32,
            "struct task_struct___v1".to_owned(),
            access.to_owned(),
            Some(member.to_owned()),
        )
    };
    // BTF positions: `flags` (offset 0) comes first.
    vec![
        r(
            PROG,
            0,
            RelocKind::FieldExists,
            "0:1",
            "task_struct___v1.pid",
        ),
        r(
            PROG,
            1,
            RelocKind::FieldByteOffset,
            "0:1",
            "task_struct___v1.pid",
        ),
        r(
            PROG,
            2,
            RelocKind::FieldByteSize,
            "0:2",
            "task_struct___v1.comm",
        ),
        r(
            PROG,
            3,
            RelocKind::FieldByteOffset,
            "0:4",
            "task_struct___v1.tasks",
        ),
        r(
            ".text",
            0,
            RelocKind::FieldByteOffset,
            "0:3",
            "task_struct___v1.mm",
        ),
    ]
}

fn check_markers(object: &[u8]) {
    let elf = Elf::parse(object).expect("parse output");
    let prog = section(&elf, PROG);
    assert_eq!(imm64(prog, 0), 1, "FIELD_EXISTS → 1");
    assert_eq!(imm64(prog, 1), 4, "pid offset");
    assert_eq!(imm64(prog, 2), 16, "comm size");
    assert_eq!(imm64(prog, 3), 32, "tasks offset");
    assert_eq!(imm64(prog, 4), MAP_REF_IMM, "map reference untouched");
    // The four markers are 1-slot mov64s now, the map reference still an ld_imm64.
    assert_eq!(prog.len(), 4 * 8 + 16 + 16);
    assert!(prog[..32].chunks(8).all(|insn| insn[0] == 0xb7));
    assert_eq!(imm64(section(&elf, ".text"), 0), 24, "mm offset");
    let desc = elf
        .section_by_name(DESCRIPTOR_SECTION)
        .expect("placeholder");
    assert_eq!(desc.sh_type, SHT_NOBITS);
    assert_eq!(desc.flags, 0);
    assert!(elf.section_data(desc).expect("data").is_empty());
}

fn expected_summary(created: bool) -> LinkSummary {
    LinkSummary {
        sections: vec![
            SectionSummary {
                section: PROG.into(),
                kinds: [
                    (RelocKind::FieldByteOffset, 2),
                    (RelocKind::FieldByteSize, 1),
                    (RelocKind::FieldExists, 1),
                ]
                .into(),
                compacted: 4,
                kept_two_slot: None,
                direct_loads: 0,
            },
            SectionSummary {
                section: ".text".into(),
                kinds: [(RelocKind::FieldByteOffset, 1)].into(),
                compacted: 1,
                kept_two_slot: None,
                direct_loads: 0,
            },
        ],
        // task_struct and, in full, the three structs it embeds.
        structs_added: 4,
        enums_added: 0,
        // 4 structs; ptr, u64, i64 (list_head, sched_entity, hlist_node); i32, u32, u8,
        // __ARRAY_SIZE_TYPE__, u8[16], hlist_node[4].
        types_added: 13,
        descriptor_records: 4,
        created_btf: created,
        created_btf_ext: created,
    }
}

#[test]
fn links_object_without_btf() {
    let (object, summary) = linked(&Fixture::standard().build());
    assert_eq!(summary, expected_summary(true));
    check_markers(&object);
    assert_eq!(records(&object), expected_records());

    let elf = Elf::parse(&object).expect("parse");
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");
    assert_eq!(btf.len(), 13);
    let (id, task) = btf
        .types()
        .find_map(|(id, t)| match &t.kind {
            Kind::Struct(c) if btf.name(t) == "task_struct___v1" => Some((id, c)),
            _ => None,
        })
        .expect("local struct");
    assert_eq!((task.members.len(), task.size), (7, 136));
    let members: Vec<(&str, &str, usize)> = task
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let kind = btf.ty(m.ty).expect("member type").kind.name();
            (btf.str_at(m.name_off).expect("name"), kind, i)
        })
        .collect();
    assert_eq!(
        members,
        [
            ("flags", "INT", 0),
            ("pid", "INT", 1),
            ("comm", "ARRAY", 2),
            ("mm", "PTR", 3),
            ("tasks", "STRUCT", 4),
            ("se", "STRUCT", 5),
            ("pid_links", "ARRAY", 6),
        ]
    );
    let ext = BtfExt::parse(section(&elf, ".BTF.ext")).expect("btf.ext");
    let groups = ext.core_relos();
    assert!(groups
        .iter()
        .flat_map(|g| &g.records)
        .all(|r| r.type_id == id));
    // func_info and line_info must be off=0, len=0 (libbpf refuses a lone record size).
    assert_eq!(
        words(section(&elf, ".BTF.ext").get(8..24).expect("header")),
        [0, 0, 0, 0]
    );
}

#[test]
fn raw_bytes_of_a_small_case() {
    let mut prog = ld_imm64(1, marker(RelocKind::FieldByteOffset, TINY.field_id(0))).to_vec();
    prog.extend(mov_exit());
    let fixture = Fixture {
        prog,
        map_ref_at: None,
        text: None,
        descriptors: Some(TINY_BYTES.to_vec()),
        ..Fixture::standard()
    };
    let (object, _) = linked(&fixture.build());
    let elf = Elf::parse(&object).expect("parse");
    assert_eq!(imm64(section(&elf, PROG), 0), 4);

    let strings = b"\0unsigned int\0x\0tiny\0kprobe/do_sys_open\x000:0\0";
    let mut btf = vec![0x9f, 0xeb, 1, 0];
    for w in [24, 0, 40, 40, strings.len() as u32] {
        btf.extend(w.to_le_bytes());
    }
    let types: [u32; 10] = [
        1,
        1 << 24,
        4,
        32, // [1] INT unsigned int (the C name of a local u32)
        16,
        (4 << 24) | 1,
        8,
        14,
        1,
        32, // [2] STRUCT tiny { unsigned int x @ bit 32 }
    ];
    for w in types {
        btf.extend(w.to_le_bytes());
    }
    btf.extend_from_slice(strings);
    assert_eq!(section(&elf, ".BTF"), btf.as_slice());

    let ext: [u32; 15] = [
        0x0001_eb9f,
        32,
        0,
        0,
        0,
        0,
        0,
        28, // header
        16,
        21,
        1,
        0,
        2,
        40,
        0, // record size, {sec "kprobe/...", 1}, {insn 0, [2], "0:0", 0}
    ];
    assert_eq!(words(section(&elf, ".BTF.ext")), ext);
}

#[test]
fn appends_to_existing_btf() {
    let input = Fixture::with_btf(32).build();
    let (object, summary) = linked(&input);
    assert_eq!(summary, expected_summary(false));
    check_markers(&object);
    assert_eq!(records(&object), expected_records());

    let (old_elf, new_elf) = (
        Elf::parse(&input).expect("in"),
        Elf::parse(&object).expect("out"),
    );
    let (old, new) = (section(&old_elf, ".BTF"), section(&new_elf, ".BTF"));
    let old_btf = minimal_btf();
    assert_eq!(old, old_btf.as_slice());
    // Header prefix and existing types are untouched; strings keep their offsets.
    assert_eq!(new.get(..8), old.get(..8));
    assert_eq!(new.get(24..64), old.get(24..64));
    let btf = Btf::parse(new).expect("btf");
    assert_eq!(btf.len(), 3 + 13);
    assert_eq!(btf.str_at(1), Some("int"));
    assert_eq!(btf.str_at(10), Some(PROG));
    let hdr = words(new.get(..24).expect("hdr"));
    let str_start = 24 + hdr[4] as usize;
    assert_eq!(new.get(str_start..str_start + 29), old.get(64..93));
    // New type ids start after the existing ones.
    let dump = dump(&object).expect("dump");
    assert!(dump.relocations.iter().all(|r| r.type_id > 3));

    // func_info bytes stay at their offsets, and so does line_info's first record (the records
    // it gains are checked in `tests::lines`); the section name string is reused.
    let (old_ext, new_ext) = (section(&old_elf, ".BTF.ext"), section(&new_elf, ".BTF.ext"));
    assert_eq!(new_ext.get(..20), old_ext.get(..20));
    assert_eq!(new_ext.get(32..60), old_ext.get(32..60));
    assert_eq!(new_ext.get(64..80), old_ext.get(64..80));
    let groups = BtfExt::parse(new_ext).expect("ext").core_relos();
    assert_eq!(groups.first().map(|g| g.sec_name_off), Some(10));
    let ext_index = new_elf.section_by_name(".BTF.ext").expect("ext").index;
    let mut relocs: Vec<u64> = new_elf
        .relocated_offsets(ext_index)
        .expect("relocs")
        .into_iter()
        .collect();
    relocs.sort_unstable();
    assert_eq!(relocs, minimal_btf_ext(32).1);
}

#[test]
fn grows_a_24_byte_btf_ext_header() {
    let input = Fixture::with_btf(24).build();
    let (object, _) = linked(&input);
    assert_eq!(records(&object), expected_records());
    let (old_elf, new_elf) = (
        Elf::parse(&input).expect("in"),
        Elf::parse(&object).expect("out"),
    );
    let (old_ext, new_ext) = (section(&old_elf, ".BTF.ext"), section(&new_elf, ".BTF.ext"));
    assert_eq!(words(new_ext.get(4..8).expect("hdr_len")), [32]);
    assert_eq!(new_ext.get(8..20), old_ext.get(8..20));
    assert_eq!(new_ext.get(32..60), old_ext.get(24..52));
    assert_eq!(new_ext.get(64..80), old_ext.get(56..72));
    let ext_index = new_elf.section_by_name(".BTF.ext").expect("ext").index;
    let mut relocs: Vec<u64> = new_elf
        .relocated_offsets(ext_index)
        .expect("relocs")
        .into_iter()
        .collect();
    relocs.sort_unstable();
    assert_eq!(
        relocs,
        minimal_btf_ext(32).1,
        "relocations follow the shifted records"
    );
}

#[test]
fn second_run_is_a_no_op() {
    let (object, _) = linked(&Fixture::with_btf(32).build());
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);

    let dir = std::env::temp_dir().join(format!("btf-reloc-link-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let path = dir.join("prog.o");
    std::fs::write(&path, Fixture::standard().build()).expect("write");
    let first = crate::link_file(&path, None).expect("first run");
    assert!(first.is_some());
    let after_first = std::fs::read(&path).expect("read");
    assert_eq!(crate::link_file(&path, None).expect("second run"), None);
    assert_eq!(std::fs::read(&path).expect("read"), after_first);
    let copy = dir.join("copy.o");
    assert_eq!(crate::link_file(&path, Some(&copy)).expect("copy"), None);
    assert_eq!(std::fs::read(&copy).expect("read"), after_first);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn plain_object_is_left_alone() {
    let fixture = Fixture {
        prog: mov_exit().to_vec(),
        map_ref_at: None,
        text: None,
        descriptors: None,
        ..Fixture::with_btf(32)
    };
    assert_eq!(
        link(&fixture.build()).expect("link"),
        LinkOutcome::NothingToDo
    );
}

#[test]
fn unused_descriptors_are_dropped() {
    let fixture = Fixture {
        prog: mov_exit().to_vec(),
        map_ref_at: None,
        text: None,
        ..Fixture::with_btf(32)
    };
    let input = fixture.build();
    let (object, summary) = linked(&input);
    assert_eq!(summary.total(), 0);
    let (old_elf, new_elf) = (
        Elf::parse(&input).expect("in"),
        Elf::parse(&object).expect("out"),
    );
    assert_eq!(section(&new_elf, ".BTF"), section(&old_elf, ".BTF"));
    let desc = new_elf
        .section_by_name(DESCRIPTOR_SECTION)
        .expect("placeholder");
    assert_eq!(desc.sh_type, SHT_NOBITS);
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);
}

#[test]
fn duplicate_records_and_padding_are_accepted() {
    let mut descriptors = super::fixture::task_records();
    descriptors.extend([0, 0, 0]);
    descriptors.extend(super::fixture::task_records());
    let fixture = Fixture {
        descriptors: Some(descriptors),
        ..Fixture::standard()
    };
    let (object, summary) = linked(&fixture.build());
    assert_eq!(summary.descriptor_records, 4);
    assert_eq!(records(&object), expected_records());
}

#[test]
fn dump_lists_pending_markers() {
    let dump = dump(&Fixture::standard().build()).expect("dump");
    assert!(dump.relocations.is_empty());
    let pending: Vec<(&str, usize, u32, Option<&str>)> = dump
        .pending
        .iter()
        .map(|m| (m.section.as_str(), m.insn_index, m.kind, m.path.as_deref()))
        .collect();
    assert_eq!(
        pending,
        [
            (PROG, 0, 2, Some("task_struct___v1.pid")),
            (PROG, 2, 0, Some("task_struct___v1.pid")),
            (PROG, 4, 1, Some("task_struct___v1.comm")),
            (PROG, 6, 0, Some("task_struct___v1.tasks")),
            (".text", 0, 0, Some("task_struct___v1.mm")),
        ]
    );
    let text = dump.to_string();
    assert!(text.contains("5 pending marker(s)"), "{text}");
    assert!(text.contains("FIELD_EXISTS"), "{text}");
    assert_eq!(TASK.field_id(0), dump.pending[0].id);
}

#[test]
fn dump_table_after_link() {
    let (object, summary) = linked(&Fixture::with_btf(32).build());
    let text = dump(&object).expect("dump").to_string();
    assert!(
        text.starts_with("5 CO-RE relocation record(s):\nSECTION"),
        "{text}"
    );
    assert!(
        text.contains("kprobe/do_sys_open  2     FIELD_BYTE_SIZE"),
        "{text}"
    );
    assert!(text.contains("0:2     task_struct___v1.comm"), "{text}");
    let line = summary.to_string();
    assert!(
        line.starts_with(
            "5 CO-RE relocation(s) (3 FIELD_BYTE_OFFSET, 1 FIELD_BYTE_SIZE, 1 FIELD_EXISTS)"
        ),
        "{line}"
    );
}

#[test]
fn dump_json_holds_what_the_dump_holds() {
    let pending = dump(&Fixture::standard().build()).expect("dump");
    let (object, _) = linked(&Fixture::with_btf(32).build());
    let linked = dump(&object).expect("dump");
    for dump in [pending, linked] {
        let json: serde_json::Value = serde_json::from_str(&dump.to_json()).expect("valid JSON");
        assert_eq!(json["version"], 1);
        let relocations = json["relocations"].as_array().expect("relocations");
        assert_eq!(relocations.len(), dump.relocations.len());
        for (j, r) in relocations.iter().zip(&dump.relocations) {
            let kind = RelocKind::from_u32(r.kind).expect("a known kind").name();
            assert_eq!(j["section"], r.section.as_str());
            assert_eq!(j["insn"], r.insn_index);
            assert_eq!(j["kind"], kind);
            assert_eq!(j["type_id"], r.type_id);
            assert_eq!(j["type"], r.type_name.as_str());
            assert_eq!(j["access"], r.access.as_str());
            assert_eq!(j["path"].as_str(), r.path.as_deref());
        }
        let pending = json["pending"].as_array().expect("pending");
        assert_eq!(pending.len(), dump.pending.len());
        for (j, m) in pending.iter().zip(&dump.pending) {
            let kind = RelocKind::from_u32(m.kind).expect("a known kind").name();
            assert_eq!(j["section"], m.section.as_str());
            assert_eq!(j["insn"], m.insn_index);
            assert_eq!(j["kind"], kind);
            assert_eq!(j["id"], m.id);
            assert_eq!(j["path"].as_str(), m.path.as_deref());
        }
    }
}

/// A program with an existence check (`ld_imm64` marker) of `pid`, then direct loads of `pid`
/// (4 bytes) and `mm` (8 bytes) at bytes 16 and 24, listed in a `.btf_reloc.direct`.
pub(crate) fn direct_fixture() -> Fixture {
    let pid = path_id(&TASK, &[task::PID]);
    let mm = path_id(&TASK, &[task::MM]);
    let mut prog = ld_imm64(1, marker(RelocKind::FieldExists, pid)).to_vec();
    prog.extend(ldx(4, 2, 6, -1));
    prog.extend(ldx(8, 3, 6, -1));
    prog.extend(mov_exit());
    Fixture {
        prog,
        direct: vec![Direct::entries(&[
            (16, marker(RelocKind::FieldByteOffset, pid)),
            (24, marker(RelocKind::FieldByteOffset, mm)),
        ])],
        ..Fixture::loadable(true)
    }
}

/// The `off` field of the instruction at byte `at`.
fn insn_off(code: &[u8], at: usize) -> i16 {
    i16::from_le_bytes([code[at + 2], code[at + 3]])
}

#[test]
fn direct_loads_get_a_record_and_their_local_offset() {
    let input = direct_fixture().build();
    let pending = dump(&input).expect("dump");
    let pending: Vec<(usize, u32, Option<&str>)> = pending
        .pending
        .iter()
        .map(|m| (m.insn_index, m.kind, m.path.as_deref()))
        .collect();
    assert_eq!(
        pending,
        [
            (0, 2, Some("task_struct___v1.pid")),
            (2, 0, Some("task_struct___v1.pid")),
            (3, 0, Some("task_struct___v1.mm")),
        ]
    );

    let object = match link_with(&input, false).expect("link") {
        LinkOutcome::Linked { object, .. } => object,
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    };
    let elf = Elf::parse(&object).expect("elf");
    let prog = section(&elf, PROG);
    // pid is at 4, mm at 24 locally; the rest of each load is as it was.
    assert_eq!((insn_off(prog, 16), insn_off(prog, 24)), (4, 24));
    assert_eq!(prog[16..18], ldx(4, 2, 6, -1)[..2]);
    assert_eq!(prog[24..26], ldx(8, 3, 6, -1)[..2]);
    assert_eq!(prog[20..24], [0; 4]);
    let found: Vec<(u32, u32, String, Option<String>)> = records(&object)
        .into_iter()
        .map(|(_, insn, kind, _, access, path)| (insn, kind, access, path))
        .collect();
    let field = |insn, kind: RelocKind, access: &str, path: &str| {
        (insn, kind as u32, access.to_owned(), Some(path.to_owned()))
    };
    // The same root type and access strings as ld_imm64 markers of these paths get.
    assert_eq!(
        found,
        [
            field(0, RelocKind::FieldExists, "0:1", "task_struct___v1.pid"),
            field(2, RelocKind::FieldByteOffset, "0:1", "task_struct___v1.pid"),
            field(3, RelocKind::FieldByteOffset, "0:3", "task_struct___v1.mm"),
        ]
    );
    // The direct-load section and its relocations are neutralised.
    let direct = elf.section_by_name(DIRECT_SECTION).expect("placeholder");
    assert_eq!((direct.sh_type, direct.flags), (SHT_NOBITS, 0));
    let rel = elf
        .section_by_name(".rel.btf_reloc.direct")
        .expect("relocation section");
    assert_eq!(rel.size, 0);
    // Each load's line info names its relocation; the next instruction gets the covering line
    // back (a load is one slot).
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");
    let ext = BtfExt::parse(section(&elf, ".BTF.ext")).expect("ext");
    let lines: Vec<(u32, &str)> = ext.line_infos()[0]
        .records
        .iter()
        .map(|r| (r.insn_off, btf.str_at(r.line_off).expect("line text")))
        .collect();
    assert_eq!(
        lines.iter().map(|l| l.0).collect::<Vec<_>>(),
        [0, 16, 24, 32]
    );
    assert!(lines[1].1.contains("task_struct___v1.pid"), "{lines:?}");
    assert!(lines[2].1.contains("task_struct___v1.mm"), "{lines:?}");
    assert_eq!(lines[3].1, lines[0].1);

    // Compacted: the existence check becomes a 1-slot mov64, the loads move up by one slot.
    let (object, summary) = linked(&input);
    let elf = Elf::parse(&object).expect("elf");
    let prog = section(&elf, PROG);
    assert_eq!(prog.len(), 8 + 8 + 8 + 16);
    assert_eq!((insn_off(prog, 8), insn_off(prog, 16)), (4, 24));
    let insns: Vec<u32> = records(&object).iter().map(|r| r.1).collect();
    assert_eq!(insns, [0, 1, 2]);
    assert_eq!(summary.direct_loads(), 2);
    assert_eq!(summary.count(RelocKind::FieldByteOffset), 2);
    assert_eq!(summary.compacted(), 1);
    let line = summary.to_string();
    assert!(
        line.starts_with(
            "3 CO-RE relocation(s) (2 FIELD_BYTE_OFFSET, 1 FIELD_EXISTS), 2 on a direct load, 1 \
             on a 1-slot mov64"
        ),
        "{line}"
    );
    assert!(line.contains(&format!("\n  {PROG}: 3 (")), "{line}");

    // Linked direct loads are not found again.
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);
    assert!(dump(&object).expect("dump").pending.is_empty());
}

#[test]
fn relocated_shifts_get_a_record_and_their_local_amount() {
    // `r2 <<= 64; r2 >>= 64; r2 s>>= 64`, each listed with the shift relocation of `pid` (a
    // 4-byte int at byte 4 of the local type: libbpf's LSHIFT_U64 is 32, RSHIFT_U64 32).
    let pid = path_id(&TASK, &[task::PID]);
    let shift = |opcode: u8| [opcode, 0x02, 0, 0, 64, 0, 0, 0];
    let mut prog = shift(0x67).to_vec();
    prog.extend(shift(0x77));
    prog.extend(shift(0xc7));
    prog.extend(mov_exit());
    let fixture = Fixture {
        prog,
        direct: vec![Direct::entries(&[
            (0, marker(RelocKind::FieldLshiftU64, pid)),
            (8, marker(RelocKind::FieldRshiftU64, pid)),
            (16, marker(RelocKind::FieldRshiftU64, pid)),
        ])],
        ..Fixture::loadable(true)
    };
    let input = fixture.build();
    let object = match link_with(&input, false).expect("link") {
        LinkOutcome::Linked { object, .. } => object,
        LinkOutcome::NothingToDo => panic!("nothing to do"),
    };
    let elf = Elf::parse(&object).expect("elf");
    let prog = section(&elf, PROG);
    let imm =
        |at: usize| i32::from_le_bytes([prog[at + 4], prog[at + 5], prog[at + 6], prog[at + 7]]);
    assert_eq!((imm(0), imm(8), imm(16)), (32, 32, 32));
    // Opcode, registers and offset stay.
    for (at, opcode) in [(0, 0x67), (8, 0x77), (16, 0xc7)] {
        assert_eq!(prog[at..at + 4], [opcode, 0x02, 0, 0]);
    }
    let found: Vec<(u32, u32)> = records(&object)
        .into_iter()
        .map(|(_, insn, kind, _, _, _)| (insn, kind))
        .collect();
    assert_eq!(
        found,
        [
            (0, RelocKind::FieldLshiftU64 as u32),
            (1, RelocKind::FieldRshiftU64 as u32),
            (2, RelocKind::FieldRshiftU64 as u32),
        ]
    );
    // `check` accepts the records (libbpf compares an ALU immediate with the local value).
    let target = crate::Target::new("self", Btf::parse(section(&elf, ".BTF")).expect("btf"));
    let checked = crate::check(&object, &[target]).expect("check");
    assert_eq!(checked.refusals(), Default::default());
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);
}

#[test]
fn direct_loads_alone_and_through_a_function_symbol() {
    // No ld_imm64 marker at all; the address relative to the function symbol `prog`, and the
    // section named under `.btf_reloc.direct`.
    let pid = path_id(&TASK, &[task::PID]);
    let mut direct = Direct::entries(&[(8, marker(RelocKind::FieldByteOffset, pid))]);
    direct.name = format!("{DIRECT_SECTION}.prog");
    direct.relocs[0].2 = super::fixture::DirectSym::ProgFunc;
    let mut prog = mov_exit()[..8].to_vec();
    prog.extend(ldx(1, 0, 1, -1));
    prog.extend(mov_exit());
    let fixture = Fixture {
        prog,
        direct: vec![direct],
        ..Fixture::loadable(false)
    };
    let (object, summary) = linked(&fixture.build());
    let elf = Elf::parse(&object).expect("elf");
    assert_eq!(insn_off(section(&elf, PROG), 8), 4);
    assert_eq!(summary.direct_loads(), 1);
    assert_eq!(summary.compacted(), 0);
    let found: Vec<(u32, u32)> = records(&object).iter().map(|r| (r.1, r.2)).collect();
    assert_eq!(found, [(1, RelocKind::FieldByteOffset as u32)]);
    assert_eq!(link(&object).expect("relink"), LinkOutcome::NothingToDo);
}
