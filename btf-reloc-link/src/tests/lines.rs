//! Line info of relocated instructions: after `link` (with and without compaction), every
//! instruction carrying a relocation that `link` wrote, of a kind other than the existence ones,
//! has a line record naming that relocation, with the file and line/column of the record that
//! covered it; every other instruction keeps the line it had. Checked instruction by instruction
//! (by ordinal, which compaction keeps) against the input, with the relocations described from
//! the output's own records.

use std::collections::BTreeMap;

use btf_reloc_btf::{
    core::{self, Relocation},
    ext::{BtfExt, InfoPart},
    Btf,
};
use btf_reloc_format::{KindClass, RelocKind};

use super::{
    fixture::{minimal_btf_ext, Fixture},
    section, words,
};
use crate::{check, dump, elf::Elf, link, link::link_with, LinkOutcome};

/// libbpf's kind names (`core_relo_kind_str`), written out here rather than taken from the code
/// under test.
const KIND_NAMES: [(RelocKind, &str); 13] = [
    (RelocKind::FieldByteOffset, "<byte_off>"),
    (RelocKind::FieldByteSize, "<byte_sz>"),
    (RelocKind::FieldExists, "<field_exists>"),
    (RelocKind::FieldSigned, "<signed>"),
    (RelocKind::FieldLshiftU64, "<lshift_u64>"),
    (RelocKind::FieldRshiftU64, "<rshift_u64>"),
    (RelocKind::TypeIdLocal, "<local_type_id>"),
    (RelocKind::TypeIdTarget, "<target_type_id>"),
    (RelocKind::TypeExists, "<type_exists>"),
    (RelocKind::TypeMatches, "<type_matches>"),
    (RelocKind::TypeSize, "<type_size>"),
    (RelocKind::EnumvalExists, "<enumval_exists>"),
    (RelocKind::EnumvalValue, "<enumval_value>"),
];

/// What the verifier log shows for a poisoned instruction.
const POISONED: &str = "unknown#195896080";

fn is_existence(kind: RelocKind) -> bool {
    matches!(
        kind,
        RelocKind::FieldExists | RelocKind::TypeExists | RelocKind::EnumvalExists
    )
}

/// A line record, resolved: `(file name, line text, line_col)`.
type Line = (String, String, u32);

/// Byte offsets of the instructions of `code` (an `ld_imm64` is one instruction of 2 slots).
fn instruction_starts(code: &[u8]) -> Vec<u32> {
    let mut starts = Vec::new();
    let mut at = 0;
    while at < code.len() {
        starts.push(u32::try_from(at).expect("small section"));
        at += if code[at] == 0x18 { 16 } else { 8 };
    }
    starts
}

/// `.BTF` and `.BTF.ext` of `elf`, when it has both.
fn btf_and_ext<'a>(elf: &Elf<'a>) -> Option<(Btf, BtfExt<'a>)> {
    elf.section_by_name(".BTF")?;
    elf.section_by_name(".BTF.ext")?;
    let btf = Btf::parse(section(elf, ".BTF")).expect("btf");
    Some((btf, BtfExt::parse(section(elf, ".BTF.ext")).expect("ext")))
}

/// Per code section with line info: per instruction (by ordinal), the record covering it and
/// whether it starts there. Asserts what the kernel requires of the records: strictly increasing
/// offsets, each on an instruction, one group per section.
fn lines(object: &[u8]) -> BTreeMap<String, Vec<(Option<Line>, bool)>> {
    let elf = Elf::parse(object).expect("parse");
    let mut out = BTreeMap::new();
    let Some((btf, ext)) = btf_and_ext(&elf) else {
        return out;
    };
    for group in ext.line_infos() {
        let name = btf
            .str_at(group.sec_name_off)
            .expect("section name")
            .to_owned();
        let starts = instruction_starts(section(&elf, &name));
        let offsets: Vec<u32> = group.records.iter().map(|r| r.insn_off).collect();
        assert!(
            offsets.windows(2).all(|w| w[0] < w[1]),
            "{name}: line info offsets do not strictly increase: {offsets:?}"
        );
        assert!(
            offsets.iter().all(|o| starts.contains(o)),
            "{name}: a line record on no instruction start: {offsets:?}"
        );
        let text = |off: u32| btf.str_at(off).expect("a string").to_owned();
        let per_insn = starts
            .iter()
            .map(|&at| {
                let cover = group.records.iter().rev().find(|r| r.insn_off <= at);
                let line = cover.map(|r| (text(r.file_name_off), text(r.line_off), r.line_col));
                (line, cover.is_some_and(|r| r.insn_off == at))
            })
            .collect();
        assert!(
            out.insert(name.clone(), per_insn).is_none(),
            "{name}: two line info groups"
        );
    }
    out
}

/// Every `core_relo` record of `object` by `(section, instruction ordinal)`: its kind and what
/// it is about ([`core::describe`] on the object's own `.BTF`).
fn relocations(object: &[u8]) -> BTreeMap<(String, usize), (RelocKind, String)> {
    let elf = Elf::parse(object).expect("parse");
    let mut out = BTreeMap::new();
    let Some((btf, ext)) = btf_and_ext(&elf) else {
        return out;
    };
    for group in ext.core_relos() {
        let name = btf
            .str_at(group.sec_name_off)
            .expect("section name")
            .to_owned();
        let starts = instruction_starts(section(&elf, &name));
        for r in group.records {
            let kind = RelocKind::from_u32(r.kind).expect("a kind");
            let relo = Relocation {
                kind,
                type_id: r.type_id,
                access: btf.str_at(r.access_str_off).expect("access string"),
            };
            let about = core::describe(&btf, &relo).expect("a description");
            let ordinal = starts
                .iter()
                .position(|&s| s == r.insn_off)
                .expect("a record on an instruction");
            out.insert((name.clone(), ordinal), (kind, about));
        }
    }
    out
}

/// What each `.rel.BTF.ext` relocation of `object` lands on: the part, section and instruction
/// ordinal of the record whose `insn_off` it names (`None` for anything else), sorted.
fn ext_relocation_targets(object: &[u8]) -> Vec<Option<(InfoPart, String, usize)>> {
    let elf = Elf::parse(object).expect("parse");
    let Some((btf, ext)) = btf_and_ext(&elf) else {
        return Vec::new();
    };
    let index = elf.section_by_name(".BTF.ext").expect("ext").index;
    let fields = ext.insn_offsets();
    let mut out: Vec<_> = elf
        .relocated_offsets(index)
        .expect("relocations")
        .into_iter()
        .map(|at| {
            let field = fields.iter().find(|f| f.at as u64 == at)?;
            let name = btf.str_at(field.sec_name_off)?.to_owned();
            let starts = instruction_starts(section(&elf, &name));
            let ordinal = starts.iter().position(|&s| s == field.insn_off)?;
            Some((field.part, name, ordinal))
        })
        .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

/// The invariant (see the module docs) for `input` and its link `output`; returns how many
/// instructions got a line record naming their relocation. The `.rel.BTF.ext` relocations
/// follow the records they were on.
pub(super) fn assert_lines_name_relocations(input: &[u8], output: &[u8], what: &str) -> usize {
    assert_eq!(
        ext_relocation_targets(input),
        ext_relocation_targets(output),
        "{what}: the .rel.BTF.ext relocations"
    );
    let (before, after) = (lines(input), lines(output));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "{what}: the sections with line info"
    );
    let (old_relos, new_relos) = (relocations(input), relocations(output));
    let mut named = 0;
    for (name, old) in &before {
        let new = &after[name];
        assert_eq!(old.len(), new.len(), "{what}: {name}: instruction count");
        for (i, ((old_line, _), (new_line, starts_here))) in old.iter().zip(new).enumerate() {
            let key = (name.clone(), i);
            let noted = new_relos
                .get(&key)
                .filter(|_| !old_relos.contains_key(&key) && old_line.is_some())
                .filter(|(kind, _)| !is_existence(*kind));
            let Some((kind, about)) = noted else {
                assert_eq!(new_line, old_line, "{what}: {name} insn {i} lost its line");
                continue;
            };
            let (old_file, _, old_col) = old_line.as_ref().expect("a covering record");
            let (file, text, col) = new_line.as_ref().expect("a line record");
            assert!(starts_here, "{what}: {name} insn {i}: no record of its own");
            assert_eq!(
                (file, col),
                (old_file, old_col),
                "{what}: {name} insn {i}: the record moved the source position"
            );
            let kind_name = KIND_NAMES
                .iter()
                .find(|(k, _)| k == kind)
                .map(|(_, n)| n)
                .expect("a kind name");
            assert!(
                text.starts_with(&format!("btf-reloc: CO-RE {kind_name} of "))
                    && text.contains(about.as_str()),
                "{what}: {name} insn {i}: `{text}` does not name {kind_name} of {about}"
            );
            assert_eq!(
                text.contains(POISONED),
                kind.class() != KindClass::Type,
                "{what}: {name} insn {i}: `{text}`"
            );
            named += 1;
        }
    }
    named
}

/// `input` linked without and with compaction.
fn linked_both_ways(input: &[u8]) -> [(Vec<u8>, &'static str); 2] {
    [false, true].map(
        |compaction| match link_with(input, compaction).expect("link") {
            LinkOutcome::Linked { object, .. } => {
                (object, if compaction { "compacted" } else { "2-slot" })
            }
            LinkOutcome::NothingToDo => panic!("nothing to do"),
        },
    )
}

/// The minimal `.BTF.ext` with the line records `(insn_off, line_off, line)` (strings of the
/// minimal `.BTF`: 1 `int`, 5 `prog`, 10 the section name) for `PROG` instead of its one record;
/// the `.rel.BTF.ext` relocations are on the func_info record and the last line record.
fn btf_ext_with_lines(lines: &[(u32, u32, u32)]) -> (Vec<u8>, [u64; 2]) {
    let (minimal, [func, first_line]) = minimal_btf_ext(32);
    let last_line = match lines.len() {
        0 => func,
        n => first_line + 16 * (n as u64 - 1),
    };
    let relocs = [func, last_line];
    let mut ext = minimal[..32 + 20].to_vec();
    let line_len = if lines.is_empty() {
        0
    } else {
        12 + 16 * lines.len() as u32
    };
    ext[16..20].copy_from_slice(&(if lines.is_empty() { 0u32 } else { 20 }).to_le_bytes());
    ext[20..24].copy_from_slice(&line_len.to_le_bytes());
    ext[24..28].copy_from_slice(&(20 + line_len).to_le_bytes());
    if !lines.is_empty() {
        for w in [16, 10, lines.len() as u32] {
            ext.extend(w.to_le_bytes());
        }
        for &(insn_off, line_off, line) in lines {
            for w in [insn_off, 1, line_off, line << 10 | 5] {
                ext.extend(w.to_le_bytes());
            }
        }
    }
    (ext, relocs)
}

/// `Fixture::with_btf(32)` (markers at bytes 0 (`FIELD_EXISTS`), 16, 32, 48, a map reference at
/// 64, then `r0 = 0; exit` at 80 and 88) with these line records.
fn with_lines(lines: &[(u32, u32, u32)]) -> Fixture {
    Fixture {
        btf_ext: Some(btf_ext_with_lines(lines)),
        ..Fixture::with_btf(32)
    }
}

#[test]
fn relocated_instructions_name_their_relocations() {
    let cases = [
        ("one record (24-byte header)", Fixture::with_btf(24), 3),
        ("one record", Fixture::with_btf(32), 3),
        ("every kind", Fixture::kinds(), 0),
        // A record already at a marker (its text is replaced), markers back to back (no copy
        // between them), a record right after the last marker (no copy).
        (
            "records at the markers",
            with_lines(&[(0, 1, 1), (16, 5, 2), (64, 10, 3)]),
            3,
        ),
        // The record after the markers is further on: a copy at 64.
        (
            "a gap after the markers",
            with_lines(&[(0, 1, 1), (80, 10, 3)]),
            3,
        ),
        // Nothing covers the markers before the first record.
        ("a late first record", with_lines(&[(32, 1, 1)]), 2),
    ];
    for (what, fixture, expected) in cases {
        let input = fixture.build();
        for (output, how) in linked_both_ways(&input) {
            let what = format!("{what}, {how}");
            let named = assert_lines_name_relocations(&input, &output, &what);
            if expected > 0 {
                assert_eq!(named, expected, "{what}");
            } else {
                assert!(named > 5, "{what}: only {named} named");
            }
            assert_eq!(
                link(&output).expect("relink"),
                LinkOutcome::NothingToDo,
                "{what}"
            );
            dump(&output).expect("dump");
            check(&output, &[]).expect("check");
        }
    }
}

#[test]
fn the_line_text_and_the_records_around_it() {
    let input = with_lines(&[(0, 1, 1), (80, 10, 3)]).build();
    let [(plain, _), (compacted, _)] = linked_both_ways(&input);
    let read = |object: &[u8]| {
        let elf = Elf::parse(object).expect("parse");
        let (btf, ext) = btf_and_ext(&elf).expect("btf and ext");
        let [group] = ext.line_infos().try_into().expect("one group");
        group
            .records
            .iter()
            .map(|r| {
                let text = btf.str_at(r.line_off).expect("text").to_owned();
                (r.insn_off, text, r.line_col >> 10)
            })
            .collect::<Vec<_>>()
    };
    let note = |what: &str, field: &str| {
        format!(
            "btf-reloc: CO-RE {what} of struct task_struct___v1.{field}; a verifier error here \
             (unknown#195896080) means the running kernel has no such field"
        )
    };
    let expected = |at: [u32; 6]| {
        vec![
            (at[0], "int".to_owned(), 1),
            (at[1], note("<byte_off>", "pid"), 1),
            (at[2], note("<byte_sz>", "comm"), 1),
            (at[3], note("<byte_off>", "tasks"), 1),
            (at[4], "int".to_owned(), 1),
            (at[5], super::fixture::PROG.to_owned(), 3),
        ]
    };
    assert_eq!(read(&plain), expected([0, 16, 32, 48, 64, 80]));
    assert_eq!(read(&compacted), expected([0, 8, 16, 24, 32, 48]));
}

#[test]
fn objects_without_line_info_get_none() {
    for fixture in [Fixture::standard(), with_lines(&[])] {
        let input = fixture.build();
        for (output, how) in linked_both_ways(&input) {
            assert_eq!(lines(&output), BTreeMap::new(), "{how}");
            let elf = Elf::parse(&output).expect("parse");
            if let Some((_, ext)) = btf_and_ext(&elf) {
                assert_eq!(ext.line_infos(), [], "{how}");
                let header = words(section(&elf, ".BTF.ext").get(16..24).expect("header"));
                assert_eq!(header, [0, 0], "{how}: an empty line_info part");
            }
        }
    }
}
