//! Compaction of linked markers into 1-slot `mov64`s, on synthetic linked objects: what moves
//! (jumps, calls, relocations, symbols, `.BTF.ext` records), what refuses a section, and random
//! jump layouts checked against an independent decoding of the code before and after.

use btf_reloc_btf::Btf;
use btf_reloc_format::RelocKind;
use object::{
    write::{Object, Relocation, Symbol, SymbolSection},
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};

use super::{fixture::ld_imm64, section};
use crate::{
    bytes::{u32_at, u64_at},
    compact::{compact, Outcome},
    elf::Elf,
    link::link_with,
    LinkOutcome,
};

const PROG: &str = "kprobe/prog";
const TEXT: &str = ".text";
const R_BPF_64_64: u32 = 1;
const R_BPF_64_32: u32 = 10;

fn insn(code: u8, regs: u8, off: i16, imm: i32) -> Vec<u8> {
    let mut v = vec![code, regs];
    v.extend(off.to_le_bytes());
    v.extend(imm.to_le_bytes());
    v
}
fn mov(dst: u8, imm: i32) -> Vec<u8> {
    insn(0xb7, dst, 0, imm)
}
fn jeq(dst: u8, imm: i32, off: i16) -> Vec<u8> {
    insn(0x15, dst, off, imm)
}
fn ja(off: i16) -> Vec<u8> {
    insn(0x05, 0, off, 0)
}
fn gotol(imm: i32) -> Vec<u8> {
    insn(0x06, 0, 0, imm)
}
fn call(imm: i32) -> Vec<u8> {
    insn(0x85, 0x10, 0, imm)
}
fn exit() -> Vec<u8> {
    insn(0x95, 0, 0, 0)
}
fn ld_func(dst: u8, imm: i32) -> Vec<u8> {
    let mut v = ld_imm64(dst, u64::from(imm as u32)).to_vec();
    v[1] |= 0x40;
    v
}

/// A relocation of a code section.
#[derive(Debug, Clone)]
enum Target {
    /// The section symbol of `.text`.
    TextSection,
    /// The function symbol `sub` in `.text`.
    TextFunc,
    /// A map.
    Map,
}

/// A linked object: code, `core_relo` records, func/line info, symbols and relocations.
#[derive(Debug, Clone, Default)]
struct Linked {
    prog: Vec<u8>,
    text: Vec<u8>,
    /// `(section, insn_off, kind)`.
    relos: Vec<(&'static str, u32, RelocKind)>,
    func_info: Vec<(&'static str, u32)>,
    line_info: Vec<(&'static str, u32)>,
    /// Relocations of `PROG`: `(offset, target, r_type)`.
    prog_rels: Vec<(u64, Target, u32)>,
    /// `(value, size)` of the function symbol `sub` in `.text`.
    sub: Option<(u64, u64)>,
    /// `(value, size)` of a second function symbol in `PROG`.
    prog_func: Option<(u64, u64)>,
    jumptables: bool,
}

impl Linked {
    fn build(&self) -> Vec<u8> {
        let mut obj = Object::new(BinaryFormat::Elf, Architecture::Bpf, Endianness::Little);
        let prog = obj.add_section(Vec::new(), PROG.as_bytes().to_vec(), SectionKind::Text);
        obj.append_section_data(prog, &self.prog, 8);
        obj.add_symbol(Symbol {
            name: b"prog".to_vec(),
            value: 0,
            size: self.prog.len() as u64,
            kind: SymbolKind::Text,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Section(prog),
            flags: SymbolFlags::None,
        });
        if let Some((value, size)) = self.prog_func {
            obj.add_symbol(Symbol {
                name: b"inner".to_vec(),
                value,
                size,
                kind: SymbolKind::Text,
                scope: SymbolScope::Compilation,
                weak: false,
                section: SymbolSection::Section(prog),
                flags: SymbolFlags::None,
            });
        }
        let text = obj.add_section(Vec::new(), TEXT.as_bytes().to_vec(), SectionKind::Text);
        obj.append_section_data(text, &self.text, 8);
        let text_sym = obj.section_symbol(text);
        let sub = self.sub.map(|(value, size)| {
            obj.add_symbol(Symbol {
                name: b"sub".to_vec(),
                value,
                size,
                kind: SymbolKind::Text,
                scope: SymbolScope::Compilation,
                weak: false,
                section: SymbolSection::Section(text),
                flags: SymbolFlags::None,
            })
        });
        let maps = obj.add_section(Vec::new(), b"maps".to_vec(), SectionKind::Data);
        obj.append_section_data(maps, &[0; 20], 4);
        let map = obj.add_symbol(Symbol {
            name: b"MAP".to_vec(),
            value: 0,
            size: 20,
            kind: SymbolKind::Data,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Section(maps),
            flags: SymbolFlags::None,
        });
        for (offset, target, r_type) in &self.prog_rels {
            let symbol = match target {
                Target::TextSection => text_sym,
                Target::TextFunc => sub.expect("a sub symbol"),
                Target::Map => map,
            };
            obj.add_relocation(
                prog,
                Relocation {
                    offset: *offset,
                    symbol,
                    addend: 0,
                    flags: RelocationFlags::Elf { r_type: *r_type },
                },
            )
            .expect("relocation");
        }
        if self.jumptables {
            let id = obj.add_section(Vec::new(), b".jumptables".to_vec(), SectionKind::Data);
            obj.append_section_data(id, &[0; 8], 8);
        }
        let (btf, ext) = self.btf();
        let id = obj.add_section(Vec::new(), b".BTF".to_vec(), SectionKind::Other);
        obj.append_section_data(id, &btf, 4);
        let id = obj.add_section(Vec::new(), b".BTF.ext".to_vec(), SectionKind::Other);
        obj.append_section_data(id, &ext, 4);
        obj.write().expect("write object")
    }

    /// `.BTF` (only strings) and `.BTF.ext` with the three parts, written word by word.
    fn btf(&self) -> (Vec<u8>, Vec<u8>) {
        let mut btf = Btf::new();
        let access = btf.add_str("0").expect("str");
        let mut name = |s: &str| btf.add_str(s).expect("str");
        let (prog, text) = (name(PROG), name(TEXT));
        let sec = |s: &str| if s == PROG { prog } else { text };
        let part = |rec_size: u32, recs: Vec<(&str, Vec<u32>)>| -> Vec<u32> {
            if recs.is_empty() {
                return Vec::new();
            }
            let mut out = vec![rec_size];
            for s in [PROG, TEXT] {
                let mine: Vec<&Vec<u32>> = recs
                    .iter()
                    .filter(|(n, _)| *n == s)
                    .map(|(_, r)| r)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                out.extend([sec(s), mine.len() as u32]);
                for r in mine {
                    out.extend(r);
                }
            }
            out
        };
        let func = part(
            8,
            self.func_info
                .iter()
                .map(|&(s, o)| (s, vec![o, 0]))
                .collect(),
        );
        let line = part(
            16,
            self.line_info
                .iter()
                .map(|&(s, o)| (s, vec![o, 0, 0, 7]))
                .collect(),
        );
        let core = part(
            16,
            self.relos
                .iter()
                .map(|&(s, o, k)| (s, vec![o, 1, access, k as u32]))
                .collect(),
        );
        let len = |p: &Vec<u32>| 4 * p.len() as u32;
        let mut words = vec![32u32];
        let mut off = 0;
        for p in [&func, &line, &core] {
            words.extend(if p.is_empty() { [0, 0] } else { [off, len(p)] });
            off += len(p);
        }
        words.extend(func.iter().chain(&line).chain(&core));
        let mut ext = vec![0x9f, 0xeb, 1, 0];
        for w in words {
            ext.extend(w.to_le_bytes());
        }
        (btf.to_bytes().expect("btf"), ext)
    }
}

fn compacted(object: &[u8]) -> (Vec<u8>, Outcome) {
    let mut outcome = compact(object).expect("compact");
    let out = outcome.object.take().unwrap_or_else(|| object.to_vec());
    (out, outcome)
}

/// `(section name, insn_off)` of the records of one part, as stored.
fn ext_offsets(object: &[u8], part: btf_reloc_btf::ext::InfoPart) -> Vec<(String, u32)> {
    let elf = Elf::parse(object).expect("parse");
    let btf = Btf::parse(section(&elf, ".BTF")).expect("btf");
    let ext = btf_reloc_btf::ext::BtfExt::parse(section(&elf, ".BTF.ext")).expect("ext");
    ext.insn_offsets()
        .into_iter()
        .filter(|f| f.part == part)
        .map(|f| {
            (
                btf.str_at(f.sec_name_off).expect("name").to_owned(),
                f.insn_off,
            )
        })
        .collect()
}

/// `(name, value, size)` of the named symbols of `object`.
fn symbols(object: &[u8]) -> Vec<(String, u64, u64)> {
    use object::{Object as _, ObjectSymbol as _};
    let file = object::File::parse(object).expect("parse");
    file.symbols()
        .filter_map(|s| Some((s.name().ok()?.to_owned(), s.address(), s.size())))
        .filter(|(n, _, _)| !n.is_empty())
        .collect()
}

/// `r_offset` of the relocations of `PROG`.
fn prog_relocation_offsets(object: &[u8]) -> Vec<u64> {
    let elf = Elf::parse(object).expect("parse");
    let prog = elf.section_by_name(PROG).expect("prog").index;
    let rel = elf.relocation_sections(prog).next().expect("rel section");
    elf.section_data(rel)
        .expect("data")
        .chunks_exact(16)
        .map(|e| u64_at(e, 0).expect("r_offset"))
        .collect()
}

fn imm(code: &[u8], slot: usize) -> i32 {
    u32_at(code, slot * 8 + 4).expect("insn") as i32
}
fn off(code: &[u8], slot: usize) -> i16 {
    i16::from_le_bytes([code[slot * 8 + 2], code[slot * 8 + 3]])
}

#[test]
fn jumps_across_removed_slots_forward_and_backward() {
    let prog = [
        jeq(1, 7, 4),             // 0: → 5 (mov r3), over the marker at 1..3
        ld_imm64(2, 24).to_vec(), // 1-2: marker (24)
        mov(0, 0),                // 3
        gotol(1),                 // 4: → 6 (ja)
        mov(3, 1),                // 5
        ja(-6),                   // 6: → 1 (the marker)
        ld_imm64(4, 1).to_vec(),  // 7-8: marker (FIELD_EXISTS)
        jeq(4, 0, -10),           // 9: → 0
        exit(),                   // 10
    ]
    .concat();
    let object = Linked {
        prog,
        text: exit(),
        relos: vec![
            (PROG, 8, RelocKind::FieldByteOffset),
            (PROG, 56, RelocKind::FieldExists),
        ],
        ..Linked::default()
    }
    .build();
    let (out, outcome) = compacted(&object);
    assert_eq!(outcome.compacted.get(PROG), Some(&2), "{outcome:?}");
    let elf = Elf::parse(&out).expect("parse");
    let code = section(&elf, PROG);
    assert_eq!(code.len(), 9 * 8);
    // Slots now: 0 jeq, 1 mov r2 24, 2 mov, 3 gotol, 4 mov r3, 5 ja, 6 mov r4 1, 7 jeq, 8 exit.
    assert_eq!(&code[8..16], mov(2, 24).as_slice());
    assert_eq!(&code[48..56], mov(4, 1).as_slice());
    assert_eq!(off(code, 0), 3, "jeq → mov r3");
    assert_eq!(imm(code, 0), 7, "compare value kept");
    assert_eq!(imm(code, 3), 1, "gotol → ja");
    assert_eq!(off(code, 5), -5, "ja → the marker");
    assert_eq!(off(code, 7), -8, "jeq → first insn");
    assert_eq!(
        ext_offsets(&out, btf_reloc_btf::ext::InfoPart::CoreRelo),
        [(PROG.to_owned(), 8), (PROG.to_owned(), 48)]
    );
    // A second pass finds nothing left to do.
    assert!(compact(&out).expect("again").object.is_none());
}

#[test]
fn calls_to_a_subprogram_in_text_after_removed_slots() {
    // .text: marker, exit, then `sub` at slot 3 (byte 24): marker, exit.
    let text = [
        ld_imm64(1, 8).to_vec(),
        exit(),
        ld_imm64(2, 16).to_vec(),
        exit(),
    ]
    .concat();
    let prog = [
        ld_imm64(3, 4).to_vec(), // 0-1: marker
        call(2),                 // 2: → .text slot 3, through the section symbol
        call(-1),                // 3: → `sub`, through its symbol
        call(1),                 // 4: → 6, relative, no relocation
        exit(),                  // 5
        ld_imm64(4, 2).to_vec(), // 6-7: marker in a subprogram of PROG
        exit(),                  // 8
    ]
    .concat();
    let object = Linked {
        prog,
        text,
        relos: vec![
            (PROG, 0, RelocKind::FieldByteSize),
            (PROG, 48, RelocKind::FieldByteOffset),
            (TEXT, 0, RelocKind::FieldByteOffset),
            (TEXT, 24, RelocKind::FieldByteOffset),
        ],
        prog_rels: vec![
            (16, Target::TextSection, R_BPF_64_32),
            (24, Target::TextFunc, R_BPF_64_32),
        ],
        sub: Some((24, 24)),
        prog_func: Some((48, 24)),
        ..Linked::default()
    }
    .build();
    let (out, outcome) = compacted(&object);
    assert_eq!(outcome.compacted.get(PROG), Some(&2), "{outcome:?}");
    assert_eq!(outcome.compacted.get(TEXT), Some(&2), "{outcome:?}");
    let elf = Elf::parse(&out).expect("parse");
    let code = section(&elf, PROG);
    // .text is now: mov, exit, `sub` at slot 2: mov, exit.
    assert_eq!(
        imm(code, 1),
        1,
        "section-symbol call: st_value/8 + imm + 1 = 2"
    );
    assert_eq!(imm(code, 2), -1, "function-symbol call keeps imm = -1");
    assert_eq!(imm(code, 3), 1, "relative call → slot 5 (was 6)");
    assert_eq!(prog_relocation_offsets(&out), [8, 16]);
    let syms = symbols(&out);
    assert!(syms.contains(&("sub".into(), 16, 16)), "{syms:?}");
    assert!(syms.contains(&("inner".into(), 40, 16)), "{syms:?}");
    assert!(syms.contains(&("prog".into(), 0, 56)), "{syms:?}");
    assert_eq!(section(&elf, TEXT).len(), 32);
}

#[test]
fn a_relocation_after_removed_slots_moves() {
    let prog = [
        ld_imm64(1, 8).to_vec(),
        ld_imm64(2, 0).to_vec(), // map reference
        ld_func(3, 1),           // callback at slot 5 (the exit), relative
        exit(),
    ]
    .concat();
    let object = Linked {
        prog,
        text: exit(),
        relos: vec![(PROG, 0, RelocKind::FieldByteOffset)],
        prog_rels: vec![(16, Target::Map, R_BPF_64_64)],
        ..Linked::default()
    }
    .build();
    let (out, _) = compacted(&object);
    let elf = Elf::parse(&out).expect("parse");
    let code = section(&elf, PROG);
    assert_eq!(prog_relocation_offsets(&out), [8]);
    assert_eq!(code[8], 0x18, "the map reference stays an ld_imm64");
    assert_eq!(
        imm(code, 3),
        1,
        "relative callback address unchanged (both moved)"
    );
}

#[test]
fn func_and_line_info_follow_their_instructions() {
    let prog = [
        ld_imm64(1, 8).to_vec(), // 0-1
        mov(0, 0),               // 2
        ld_imm64(2, 1).to_vec(), // 3-4
        exit(),                  // 5
    ]
    .concat();
    let object = Linked {
        prog,
        text: [ld_imm64(1, 4).to_vec(), exit()].concat(),
        relos: vec![
            (PROG, 0, RelocKind::FieldByteOffset),
            (PROG, 24, RelocKind::FieldExists),
            (TEXT, 0, RelocKind::TypeSize),
        ],
        func_info: vec![(PROG, 0), (PROG, 40), (TEXT, 16)],
        line_info: vec![(PROG, 0), (PROG, 16), (PROG, 24), (PROG, 40), (TEXT, 16)],
        ..Linked::default()
    }
    .build();
    let (out, _) = compacted(&object);
    let own = |v: &[(&str, u32)]| -> Vec<(String, u32)> {
        v.iter().map(|&(s, o)| (s.to_owned(), o)).collect()
    };
    use btf_reloc_btf::ext::InfoPart;
    assert_eq!(
        ext_offsets(&out, InfoPart::FuncInfo),
        own(&[(PROG, 0), (PROG, 24), (TEXT, 8)])
    );
    assert_eq!(
        ext_offsets(&out, InfoPart::LineInfo),
        own(&[(PROG, 0), (PROG, 8), (PROG, 16), (PROG, 24), (TEXT, 8)])
    );
    assert_eq!(
        ext_offsets(&out, InfoPart::CoreRelo),
        own(&[(PROG, 0), (PROG, 16), (TEXT, 0)])
    );
}

#[test]
fn what_cannot_move_keeps_its_section_two_slot() {
    let base = || Linked {
        prog: [ld_imm64(1, 8).to_vec(), exit()].concat(),
        text: [ld_imm64(1, 8).to_vec(), exit()].concat(),
        relos: vec![
            (PROG, 0, RelocKind::FieldByteOffset),
            (TEXT, 0, RelocKind::FieldByteOffset),
        ],
        ..Linked::default()
    };
    // A jump into the slot that would go: PROG stays, .text is still compacted.
    let into_removed = Linked {
        prog: [jeq(1, 0, 1), ld_imm64(1, 8).to_vec(), exit()].concat(),
        relos: vec![
            (PROG, 8, RelocKind::FieldByteOffset),
            (TEXT, 0, RelocKind::FieldByteOffset),
        ],
        ..base()
    };
    let (out, outcome) = compacted(&into_removed.build());
    assert!(
        outcome.kept.get(PROG).is_some_and(|w| w.contains("jump")),
        "{outcome:?}"
    );
    assert_eq!(outcome.compacted.get(TEXT), Some(&1));
    let elf = Elf::parse(&out).expect("parse");
    assert_eq!(section(&elf, PROG).len(), 32);
    assert_eq!(section(&elf, TEXT).len(), 16);

    // Indirect jumps: nothing is compacted.
    let (_, outcome) = compacted(
        &Linked {
            jumptables: true,
            ..base()
        }
        .build(),
    );
    assert!(outcome.object.is_none() && outcome.compacted.is_empty());
    assert_eq!(outcome.kept.len(), 2, "{outcome:?}");
    let gotox = Linked {
        prog: [insn(0x0d, 1, 0, 0), ld_imm64(1, 8).to_vec(), exit()].concat(),
        relos: vec![(PROG, 8, RelocKind::FieldByteOffset)],
        ..base()
    };
    let (_, outcome) = compacted(&gotox.build());
    assert!(
        outcome.kept.get(PROG).is_some_and(|w| w.contains("gotox")),
        "{outcome:?}"
    );

    // ENUMVAL_VALUE, and any value outside 0..=i32::MAX, stays an ld_imm64.
    let wide = Linked {
        prog: [
            ld_imm64(1, 3).to_vec(),
            ld_imm64(2, 1 << 31).to_vec(),
            exit(),
        ]
        .concat(),
        relos: vec![
            (PROG, 0, RelocKind::EnumvalValue),
            (PROG, 16, RelocKind::TypeSize),
            (TEXT, 0, RelocKind::FieldByteOffset),
        ],
        ..base()
    };
    let (_, outcome) = compacted(&wide.build());
    assert_eq!(outcome.compacted.get(PROG), None, "{outcome:?}");
    assert_eq!(outcome.compacted.get(TEXT), Some(&1));
}

/// xorshift64*, seeded.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One generated instruction; jumps name their target as an instruction ordinal.
#[derive(Debug, Clone, Copy)]
enum Gen {
    Marker { dst: u8, value: i32 },
    Enum { value: u64 },
    Big { value: u64 },
    Mov { tag: i32 },
    Jeq { tag: i32, to: usize },
    Ja { to: usize },
    Gotol { to: usize },
    Call { to: usize },
    Func { to: usize },
    Exit,
}

/// The slot where each instruction of `code` starts, decoded from the bytes alone.
fn starts(code: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut slot = 0;
    while slot * 8 < code.len() {
        out.push(slot);
        slot += if code[slot * 8] == 0x18 { 2 } else { 1 };
    }
    out
}

/// For each instruction of `code` (by ordinal) that names another by position, that one's
/// ordinal; found from the instruction bytes and `starts` only.
fn targets(code: &[u8]) -> Vec<Option<usize>> {
    let starts = starts(code);
    let ordinal = |slot: i64| starts.iter().position(|&s| s as i64 == slot);
    starts
        .iter()
        .map(|&slot| {
            let at = slot * 8;
            let (op, src) = (code[at], code[at + 1] >> 4);
            let rel = match op {
                0x05 | 0x15 => i64::from(off(code, slot)),
                0x06 => i64::from(imm(code, slot)),
                0x85 if src == 1 => i64::from(imm(code, slot)),
                0x18 if src == 4 => i64::from(imm(code, slot)),
                _ => return None,
            };
            Some(ordinal(slot as i64 + rel + 1).expect("lands on an instruction"))
        })
        .collect()
}

/// A random program: markers, wide constants, plain instructions and jumps, calls and callback
/// addresses to random instructions; `bad` also adds a jump into the second slot of a marker.
fn random_program(rng: &mut Rng, bad: bool) -> (Vec<Gen>, Vec<u8>, Vec<(u32, RelocKind)>) {
    let n = 4 + rng.below(40);
    let mut tag = 1000;
    let mut gens: Vec<Gen> = (0..n - 1)
        .map(|_| {
            tag += 1;
            let to = rng.below(n);
            match rng.below(10) {
                0..=2 => Gen::Marker {
                    dst: 1 + rng.below(9) as u8,
                    value: rng.below(4096) as i32,
                },
                3 => Gen::Enum {
                    value: rng.next() | 1 << 40,
                },
                4 => Gen::Big {
                    value: rng.next() | 1 << 40,
                },
                5 => Gen::Jeq { tag, to },
                6 => Gen::Ja { to },
                7 => Gen::Gotol { to },
                8 => match rng.below(2) {
                    0 => Gen::Call { to },
                    _ => Gen::Func { to },
                },
                _ => Gen::Mov { tag },
            }
        })
        .collect();
    gens.push(Gen::Exit);
    let mut slot_of = Vec::new();
    let mut slot = 0;
    for g in &gens {
        slot_of.push(slot);
        slot += match g {
            Gen::Marker { .. } | Gen::Enum { .. } | Gen::Big { .. } | Gen::Func { .. } => 2,
            _ => 1,
        };
    }
    let rel = |here: usize, to: usize| slot_of[to] as i64 - slot_of[here] as i64 - 1;
    let mut code = Vec::new();
    let mut relos = Vec::new();
    for (i, g) in gens.iter().enumerate() {
        match *g {
            Gen::Marker { dst, value } => {
                let kind = [
                    RelocKind::FieldByteOffset,
                    RelocKind::FieldByteSize,
                    RelocKind::FieldExists,
                    RelocKind::TypeSize,
                    RelocKind::FieldLshiftU64,
                ][rng.below(5)];
                relos.push((slot_of[i] as u32 * 8, kind));
                code.extend(ld_imm64(dst, value as u64));
            }
            Gen::Enum { value } => {
                relos.push((slot_of[i] as u32 * 8, RelocKind::EnumvalValue));
                code.extend(ld_imm64(1, value));
            }
            Gen::Big { value } => code.extend(ld_imm64(2, value)),
            Gen::Mov { tag } => code.extend(mov(0, tag)),
            Gen::Jeq { tag, to } => code.extend(jeq(1, tag, rel(i, to) as i16)),
            Gen::Ja { to } => code.extend(ja(rel(i, to) as i16)),
            Gen::Gotol { to } => code.extend(gotol(rel(i, to) as i32)),
            Gen::Call { to } => code.extend(call(rel(i, to) as i32)),
            Gen::Func { to } => code.extend(ld_func(3, rel(i, to) as i32)),
            Gen::Exit => code.extend(exit()),
        }
    }
    if bad {
        if let Some(m) = gens.iter().position(|g| matches!(g, Gen::Marker { .. })) {
            // Into the marker's second slot.
            let target = slot_of[m] as i64 + 1;
            let last = code.len() / 8;
            let mut j = jeq(1, 1, 0);
            j[2..4].copy_from_slice(&((target - last as i64) as i16).to_le_bytes());
            let exit_at = code.len() - 8;
            code.splice(exit_at..exit_at, j);
            gens.insert(gens.len() - 1, Gen::Mov { tag: -1 });
        }
    }
    (gens, code, relos)
}

#[test]
fn random_jump_layouts() {
    let mut rng = Rng(0x5eed_c0de_0bad_f00d);
    let mut compacted_sections = 0;
    for round in 0..400 {
        let bad = round % 10 == 9;
        let (gens, code, relos) = random_program(&mut rng, bad);
        let compactable = relos
            .iter()
            .filter(|(_, k)| *k != RelocKind::EnumvalValue)
            .count();
        let n = starts(&code).len();
        let lines: Vec<(&str, u32)> = starts(&code)
            .into_iter()
            .filter(|_| rng.below(3) == 0)
            .map(|s| (PROG, s as u32 * 8))
            .collect();
        let func_at = starts(&code)[rng.below(n)];
        let object = Linked {
            prog: code.clone(),
            text: exit(),
            relos: relos.iter().map(|&(o, k)| (PROG, o, k)).collect(),
            line_info: lines.clone(),
            prog_func: Some((func_at as u64 * 8, (code.len() - func_at * 8) as u64)),
            ..Linked::default()
        }
        .build();
        let (out, outcome) = compacted(&object);
        let elf = Elf::parse(&out).expect("parse");
        let new = section(&elf, PROG);
        let has_bad_jump = bad && gens.iter().any(|g| matches!(g, Gen::Marker { .. }));
        if has_bad_jump || compactable == 0 {
            assert_eq!(new, code.as_slice(), "round {round}: {outcome:?}");
            continue;
        }
        compacted_sections += 1;
        assert_eq!(
            outcome.compacted.get(PROG),
            Some(&compactable),
            "round {round}"
        );
        assert_eq!(new.len(), code.len() - 8 * compactable, "round {round}");
        // Instruction by instruction (by ordinal, decoded independently of the compaction),
        // the same instruction and the same targets.
        let (old_starts, new_starts) = (starts(&code), starts(new));
        assert_eq!(old_starts.len(), new_starts.len(), "round {round}");
        assert_eq!(targets(&code), targets(new), "round {round}: {gens:?}");
        for (k, g) in gens.iter().enumerate() {
            let at = new_starts[k] * 8;
            match *g {
                Gen::Marker { dst, value } => {
                    assert_eq!(
                        &new[at..at + 8],
                        mov(dst, value).as_slice(),
                        "round {round}"
                    )
                }
                Gen::Mov { tag } | Gen::Jeq { tag, .. } => {
                    assert_eq!(imm(new, new_starts[k]), tag, "round {round}")
                }
                Gen::Enum { value } | Gen::Big { value } => {
                    assert_eq!(&new[at..at + 16], ld_imm64(new[at + 1], value).as_slice())
                }
                _ => {}
            }
        }
        // Line info, the function symbol and the records name the same instructions.
        let ordinal_old = |off: u32| old_starts.iter().position(|&s| s * 8 == off as usize);
        let ordinal_new = |off: u32| new_starts.iter().position(|&s| s * 8 == off as usize);
        let new_lines = ext_offsets(&out, btf_reloc_btf::ext::InfoPart::LineInfo);
        assert_eq!(new_lines.len(), lines.len());
        for ((_, old), (_, new)) in lines.iter().zip(&new_lines) {
            assert_eq!(ordinal_old(*old), ordinal_new(*new), "round {round}");
        }
        let new_relos = ext_offsets(&out, btf_reloc_btf::ext::InfoPart::CoreRelo);
        for ((old, _), (_, new)) in relos.iter().zip(&new_relos) {
            assert_eq!(ordinal_old(*old), ordinal_new(*new), "round {round}");
        }
        let inner = symbols(&out)
            .into_iter()
            .find(|s| s.0 == "inner")
            .expect("inner");
        assert_eq!(ordinal_new(inner.1 as u32), ordinal_old(func_at as u32 * 8));
        assert_eq!(inner.1 + inner.2, new.len() as u64, "round {round}");
    }
    assert!(compacted_sections > 200, "{compacted_sections}");
}

/// An instruction: its section and ordinal.
type Place = (String, usize);

/// What names a position in the code of `object`, by instruction ordinal, decoded with the
/// `object` crate and the instruction bytes (not with the compaction's own mapping): per code
/// section, per instruction, the `(section, ordinal)` it jumps to, calls or takes the address
/// of; the ordinals its relocations, symbols and `.BTF.ext` records name.
#[derive(Debug, PartialEq, Eq)]
struct Positions {
    targets: Vec<(String, Vec<Option<Place>>)>,
    relocations: Vec<(String, Vec<usize>)>,
    symbols: Vec<(String, usize, usize)>,
    ext: Vec<(String, usize)>,
    /// Per code section: the instructions, a compacted marker and an `ld_imm64` being equal.
    opcodes: Vec<(String, Vec<u8>)>,
}

fn positions(bytes: &[u8]) -> Positions {
    use object::{
        Object as _, ObjectSection as _, ObjectSymbol as _, RelocationTarget, SectionIndex,
    };
    let file = object::File::parse(bytes).expect("parse");
    let code: Vec<_> = file
        .sections()
        .filter(|s| s.kind() == SectionKind::Text && s.size() > 0)
        .collect();
    let starts_of = |index: SectionIndex| -> Vec<usize> {
        starts(
            file.section_by_index(index)
                .expect("section")
                .data()
                .expect("data"),
        )
    };
    let ordinal = |index: SectionIndex, slot: i64| -> Option<Place> {
        let name = file.section_by_index(index).ok()?.name().ok()?.to_owned();
        let at = starts_of(index).iter().position(|&s| s as i64 == slot)?;
        Some((name, at))
    };
    let mut out = Positions {
        targets: Vec::new(),
        relocations: Vec::new(),
        symbols: Vec::new(),
        ext: Vec::new(),
        opcodes: Vec::new(),
    };
    for section in &code {
        let name = section.name().expect("name").to_owned();
        let data = section.data().expect("data");
        let starts = starts(data);
        let rels: Vec<(u64, object::Relocation)> = section.relocations().collect();
        let mut targets = Vec::new();
        for &slot in &starts {
            let rel = rels.iter().find(|(o, _)| *o == slot as u64 * 8);
            let sym = rel.and_then(|(_, r)| match r.target() {
                RelocationTarget::Symbol(s) => file.symbol_by_index(s).ok(),
                _ => None,
            });
            let in_code = sym.and_then(|s| {
                let index = s.section_index()?;
                code.iter()
                    .any(|c| c.index() == index)
                    .then_some((s, index))
            });
            let (op, src) = (data[slot * 8], data[slot * 8 + 1] >> 4);
            let target = match in_code {
                Some((s, index)) if op == 0x85 => ordinal(
                    index,
                    s.address() as i64 / 8 + i64::from(imm(data, slot)) + 1,
                ),
                Some((s, index)) if op == 0x18 => {
                    ordinal(index, (s.address() as i64 + i64::from(imm(data, slot))) / 8)
                }
                Some(_) => panic!("{name}: a code relocation on opcode {op:#x}"),
                None if rel.is_some() => None,
                None => {
                    let relative = match op {
                        0x85 if src == 1 => Some(i64::from(imm(data, slot))),
                        0x18 if src == 4 => Some(i64::from(imm(data, slot))),
                        0x06 => Some(i64::from(imm(data, slot))),
                        op if matches!(op & 7, 5 | 6) && !matches!(op & 0xf0, 0x80 | 0x90) => {
                            Some(i64::from(off(data, slot)))
                        }
                        _ => None,
                    };
                    relative.map(|r| {
                        ordinal(section.index(), slot as i64 + r + 1)
                            .unwrap_or_else(|| panic!("{name}: slot {slot} jumps nowhere"))
                    })
                }
            };
            targets.push(target);
        }
        out.targets.push((name.clone(), targets));
        let mut rel_ordinals: Vec<usize> = rels
            .iter()
            .map(|(o, _)| {
                starts
                    .iter()
                    .position(|&s| s as u64 * 8 == *o)
                    .unwrap_or_else(|| panic!("{name}: a relocation at {o:#x} on no insn"))
            })
            .collect();
        rel_ordinals.sort_unstable();
        out.relocations.push((name.clone(), rel_ordinals));
        out.opcodes.push((
            name.clone(),
            starts
                .iter()
                .map(|&s| match data[s * 8] {
                    0xb7 | 0x18 => 0x18,
                    op => op,
                })
                .collect(),
        ));
        let with_end = |off: u64| {
            starts
                .iter()
                .chain(Some(&(data.len() / 8)))
                .position(|&s| s as u64 * 8 == off)
                .unwrap_or_else(|| panic!("{name}: {off:#x} on no insn"))
        };
        for sym in file
            .symbols()
            .filter(|s| s.section_index() == Some(section.index()))
        {
            let sym_name = sym.name().unwrap_or_default().to_owned();
            out.symbols.push((
                sym_name,
                with_end(sym.address()),
                with_end(sym.address() + sym.size()),
            ));
        }
    }
    let elf = Elf::parse(bytes).expect("parse");
    if let (Some(btf), Some(ext)) = (elf.section_by_name(".BTF"), elf.section_by_name(".BTF.ext")) {
        let btf = Btf::parse(elf.section_data(btf).expect("btf")).expect("btf");
        let ext =
            btf_reloc_btf::ext::BtfExt::parse(elf.section_data(ext).expect("ext")).expect("ext");
        for f in ext.insn_offsets() {
            let name = btf.str_at(f.sec_name_off).expect("name").to_owned();
            let section = code
                .iter()
                .find(|c| c.name().ok() == Some(name.as_str()))
                .expect("a code section");
            let at = starts(section.data().expect("data"))
                .iter()
                .position(|&s| s as u32 * 8 == f.insn_off)
                .unwrap_or_else(|| panic!("{name}: a record at {:#x} on no insn", f.insn_off));
            out.ext.push((name, at));
        }
    }
    out
}

/// Real objects (the committed fixtures, and with `BTF_RELOC_E2E_OBJECTS` every unlinked object
/// the kernel tests built): linked with and without compaction, they have the same
/// instructions, jumps, calls, relocations, symbols and `.BTF.ext` records, by ordinal, and
/// their line info names the relocations (`tests::lines`).
#[test]
fn real_objects_keep_every_position() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<std::path::PathBuf> = ["e2e-libbpf.o", "e2e-libbpf-btf.o"]
        .iter()
        .map(|n| dir.join(n))
        .collect();
    if let Some(e2e) = std::env::var_os("BTF_RELOC_E2E_OBJECTS") {
        for variant in std::fs::read_dir(e2e).expect("dir").flatten() {
            for object in std::fs::read_dir(variant.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                if object.path().extension().is_some_and(|e| e == "unlinked") {
                    paths.push(object.path());
                }
            }
        }
    }
    for path in paths {
        let input = std::fs::read(&path).expect("object");
        let linked = |compaction| match crate::link::link_with(&input, compaction) {
            Ok(crate::LinkOutcome::Linked { object, summary }) => (object, summary),
            other => panic!("{}: {other:?}", path.display()),
        };
        let ((plain, _), (compact, summary)) = (linked(false), linked(true));
        for (output, how) in [(&plain, "2-slot"), (&compact, "compacted")] {
            let what = format!("{} ({how})", path.display());
            super::lines::assert_lines_name_relocations(&input, output, &what);
        }
        assert!(summary.compacted() > 0, "{}: {summary}", path.display());
        assert!(compact.len() <= plain.len());
        let (before, after) = (positions(&plain), positions(&compact));
        assert_eq!(before, after, "{}", path.display());
    }
}

/// A direct load is one slot already: compaction leaves it as it is, and moves it, its record
/// and a jump to it with the code around it.
#[test]
fn direct_loads_move_with_the_code() {
    use super::fixture::{self, ldx, path_id, task, Direct, Fixture, TASK};
    use btf_reloc_btf::ext::InfoPart;
    use btf_reloc_format::marker::marker;

    let pid = path_id(&TASK, &[task::PID]);
    let mm = path_id(&TASK, &[task::MM]);
    let mut prog = ld_imm64(1, marker(RelocKind::FieldExists, pid)).to_vec(); // slots 0-1
    prog.extend(jeq(1, 0, 3)); // 2: to the load of mm
    prog.extend(ldx(4, 2, 6, -1)); // 3
    prog.extend(ld_imm64(5, marker(RelocKind::FieldByteOffset, mm))); // 4-5
    prog.extend(ldx(8, 3, 6, -1)); // 6
    prog.extend(fixture::mov_exit()); // 7-8
    let input = Fixture {
        prog,
        direct: vec![Direct::entries(&[
            (24, marker(RelocKind::FieldByteOffset, pid)),
            (48, marker(RelocKind::FieldByteOffset, mm)),
        ])],
        ..Fixture::loadable(true)
    }
    .build();
    let LinkOutcome::Linked { object, .. } = link_with(&input, false).expect("link") else {
        panic!("nothing to do");
    };
    let name = fixture::PROG.to_owned();
    let core = |object: &[u8]| {
        ext_offsets(object, InfoPart::CoreRelo)
            .into_iter()
            .map(|(section, insn_off)| {
                assert_eq!(section, name);
                insn_off / 8
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(core(&object), [0, 3, 4, 6]);

    let (out, outcome) = compacted(&object);
    assert_eq!(
        outcome.compacted.get(fixture::PROG),
        Some(&2),
        "{outcome:?}"
    );
    let elf = Elf::parse(&out).expect("parse");
    let code = section(&elf, fixture::PROG);
    // mov64, jeq, the load of pid, mov64, the load of mm, mov, exit.
    assert_eq!(code.len(), 7 * 8);
    assert_eq!(core(&out), [0, 2, 3, 4]);
    assert_eq!(off(code, 1), 2, "the jump still lands on the load of mm");
    assert_eq!(code[2 * 8..2 * 8 + 2], ldx(4, 2, 6, -1)[..2]);
    assert_eq!(code[4 * 8..4 * 8 + 2], ldx(8, 3, 6, -1)[..2]);
    assert_eq!((off(code, 2), off(code, 4)), (4, 24), "local offsets kept");
    assert_eq!(imm(code, 3), 24, "the mm marker's local offset");
    // The line info of each load moved with it.
    let lines: Vec<u32> = ext_offsets(&out, InfoPart::LineInfo)
        .into_iter()
        .map(|(_, insn_off)| insn_off / 8)
        .collect();
    assert_eq!(lines, [0, 2, 3, 4, 5]);
}
