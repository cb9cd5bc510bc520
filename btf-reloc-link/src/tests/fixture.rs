//! Synthetic eBPF objects built with `object::write`, shaped like bpf-linker output.

use btf_reloc_runtime::descriptor::{
    encode, encoded_len, marker, relo_kind, CompositeKind, FieldDescriptor, StructDescriptor,
    TypeShape, DESCRIPTOR_SECTION,
};
use object::{
    write::{Object, Relocation, Symbol, SymbolSection},
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};

pub(crate) const PROG: &str = "kprobe/do_sys_open";
/// `R_BPF_64_NODYLD32`, what LLVM puts on `.BTF.ext` instruction offsets.
const R_BPF_64_NODYLD32: u32 = 4;

const BYTE: TypeShape = TypeShape::Int {
    size: 1,
    signed: false,
};

pub(crate) const TASK: StructDescriptor = StructDescriptor {
    name: "task_struct___v1",
    rust_path: "demo::TaskStruct",
    size: 48,
    fields: &[
        FieldDescriptor {
            name: "pid",
            offset: 4,
            size: 4,
            shape: TypeShape::Int {
                size: 4,
                signed: true,
            },
        },
        FieldDescriptor {
            name: "comm",
            offset: 8,
            size: 16,
            shape: TypeShape::Array {
                elem: &BYTE,
                len: 16,
            },
        },
        FieldDescriptor {
            name: "mm",
            offset: 24,
            size: 8,
            shape: TypeShape::Ptr,
        },
        FieldDescriptor {
            name: "tasks",
            offset: 32,
            size: 16,
            shape: TypeShape::Composite {
                kind: CompositeKind::Struct,
                name: "list_head",
                size: 16,
            },
        },
    ],
};
pub(crate) static TASK_BYTES: [u8; encoded_len(&TASK)] = encode(&TASK);

pub(crate) const TINY: StructDescriptor = StructDescriptor {
    name: "tiny",
    rust_path: "demo::Tiny",
    size: 8,
    fields: &[FieldDescriptor {
        name: "x",
        offset: 4,
        size: 4,
        shape: TypeShape::Int {
            size: 4,
            signed: false,
        },
    }],
};
pub(crate) static TINY_BYTES: [u8; encoded_len(&TINY)] = encode(&TINY);

/// The immediate of the map reference: marker-looking on purpose, so that a scanner that
/// ignored relocations would trip over an unknown id.
pub(crate) const MAP_REF_IMM: u64 = marker(relo_kind::FIELD_BYTE_OFFSET, 0xdead_beef);

pub(crate) fn ld_imm64(dst: u8, imm: u64) -> [u8; 16] {
    let mut insn = [0; 16];
    insn[0] = 0x18;
    insn[1] = dst;
    insn[4..8].copy_from_slice(&(imm as u32).to_le_bytes());
    insn[12..16].copy_from_slice(&((imm >> 32) as u32).to_le_bytes());
    insn
}

pub(crate) fn mov_exit() -> [u8; 16] {
    let mut insns = [0; 16];
    insns[0] = 0xb7; // r0 = 0
    insns[8] = 0x95; // exit
    insns
}

/// `kprobe/do_sys_open`: four markers on TASK, then a map reference at byte 64.
pub(crate) fn standard_prog() -> Vec<u8> {
    let mut code = Vec::new();
    code.extend(ld_imm64(
        1,
        marker(relo_kind::FIELD_EXISTS, TASK.field_id(0)),
    ));
    code.extend(ld_imm64(
        2,
        marker(relo_kind::FIELD_BYTE_OFFSET, TASK.field_id(0)),
    ));
    code.extend(ld_imm64(
        3,
        marker(relo_kind::FIELD_BYTE_SIZE, TASK.field_id(1)),
    ));
    code.extend(ld_imm64(
        4,
        marker(relo_kind::FIELD_BYTE_OFFSET, TASK.field_id(3)),
    ));
    code.extend(ld_imm64(5, MAP_REF_IMM));
    code.extend(mov_exit());
    code
}

/// Minimal `.BTF`: `[1] int`, `[2] func_proto`, `[3] func prog`; strings
/// `"\0int\0prog\0kprobe/do_sys_open\0"` (the section name at offset 10).
pub(crate) fn minimal_btf() -> Vec<u8> {
    let strings = b"\0int\0prog\0kprobe/do_sys_open\0";
    let words: [u32; 10] = [
        1,
        1 << 24,
        4,
        (1 << 24) | 32, // [1] INT int, signed, 32 bits
        0,
        13 << 24,
        1, // [2] FUNC_PROTO returning int
        5,
        (12 << 24) | 1,
        2, // [3] FUNC prog, global
    ];
    let mut out = vec![0x9f, 0xeb, 1, 0];
    for v in [24, 0, 40, 40, strings.len() as u32] {
        out.extend(v.to_le_bytes());
    }
    for w in words {
        out.extend(w.to_le_bytes());
    }
    out.extend_from_slice(strings);
    out
}

/// [`minimal_btf`] plus what `-C debuginfo=2` may add for a descriptor static: `[4] VAR DESC`
/// (static) and `[5] DATASEC .btf_reloc.descriptors` with size 0, which loaders fix up from the
/// ELF section of that name.
pub(crate) fn minimal_btf_with_datasec() -> Vec<u8> {
    let strings = b"\0int\0prog\0kprobe/do_sys_open\0DESC\0.btf_reloc.descriptors\0";
    let words: [u32; 21] = [
        1,
        1 << 24,
        4,
        (1 << 24) | 32, // [1] INT int
        0,
        13 << 24,
        1, // [2] FUNC_PROTO
        5,
        (12 << 24) | 1,
        2, // [3] FUNC prog
        29,
        14 << 24,
        1,
        0, // [4] VAR DESC: int, static
        34,
        (15 << 24) | 1,
        0,
        4,
        0,
        4, // [5] DATASEC .btf_reloc.descriptors { [4] @ 0, 4 bytes }
        0,
    ];
    let types = &words[..20];
    let mut out = vec![0x9f, 0xeb, 1, 0];
    for v in [24, 0, 80, 80, strings.len() as u32] {
        out.extend(v.to_le_bytes());
    }
    for w in types {
        out.extend(w.to_le_bytes());
    }
    out.extend_from_slice(strings);
    out
}

/// Minimal `.BTF.ext` with one func_info and one line_info record for [`PROG`]. With
/// `hdr_len == 24` it has no core_relo fields. Returns the bytes and the offsets of the two
/// `insn_off` fields that carry `.rel.BTF.ext` relocations.
pub(crate) fn minimal_btf_ext(hdr_len: u32) -> (Vec<u8>, [u64; 2]) {
    let mut out = vec![0x9f, 0xeb, 1, 0];
    let mut header = vec![hdr_len, 0, 20, 20, 28];
    if hdr_len >= 32 {
        header.extend([48, 0]);
    }
    for v in header {
        out.extend(v.to_le_bytes());
    }
    let body: [u32; 12] = [8, 10, 1, 0, 3, 16, 10, 1, 0, 1, 1, 0x400];
    for v in body {
        out.extend(v.to_le_bytes());
    }
    let h = u64::from(hdr_len);
    (out, [h + 12, h + 32])
}

/// What goes into a synthetic object.
#[derive(Debug, Clone)]
pub(crate) struct Fixture {
    pub(crate) architecture: Architecture,
    pub(crate) prog: Vec<u8>,
    /// Byte offset of an `ld_imm64` in `prog` that gets an `R_BPF_64_64` relocation.
    pub(crate) map_ref_at: Option<u64>,
    /// An extra `.text` section.
    pub(crate) text: Option<Vec<u8>>,
    pub(crate) descriptors: Option<Vec<u8>>,
    pub(crate) btf: Option<Vec<u8>>,
    pub(crate) btf_ext: Option<(Vec<u8>, [u64; 2])>,
    /// A `license` section holding `"GPL\0"`, which loaders require for probe-read helpers.
    pub(crate) license: bool,
}

impl Fixture {
    /// TASK descriptors, the standard program and a `.text` with one marker; no BTF.
    pub(crate) fn standard() -> Self {
        let mut text = Vec::new();
        text.extend(ld_imm64(
            1,
            marker(relo_kind::FIELD_BYTE_OFFSET, TASK.field_id(2)),
        ));
        text.extend(mov_exit());
        Self {
            architecture: Architecture::Bpf,
            prog: standard_prog(),
            map_ref_at: Some(64),
            text: Some(text),
            descriptors: Some(TASK_BYTES.to_vec()),
            btf: None,
            btf_ext: None,
            license: false,
        }
    }

    /// A program a kernel verifier accepts: the four TASK markers then `r0 = 0; exit`, with a
    /// license, no map and no `.text` (for checks with real loaders, see `tests::loaders`).
    pub(crate) fn loadable(btf: bool) -> Self {
        let mut prog = standard_prog();
        prog.truncate(64);
        prog.extend(mov_exit());
        Self {
            prog,
            map_ref_at: None,
            text: None,
            license: true,
            btf: btf.then(minimal_btf),
            btf_ext: btf.then(|| minimal_btf_ext(32)),
            ..Self::standard()
        }
    }

    /// [`standard`](Self::standard) with the minimal `.BTF` and `.BTF.ext`.
    pub(crate) fn with_btf(hdr_len: u32) -> Self {
        Self {
            btf: Some(minimal_btf()),
            btf_ext: Some(minimal_btf_ext(hdr_len)),
            ..Self::standard()
        }
    }

    pub(crate) fn build(&self) -> Vec<u8> {
        let mut obj = Object::new(BinaryFormat::Elf, self.architecture, Endianness::Little);
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
        if self.license {
            let id = obj.add_section(Vec::new(), b"license".to_vec(), SectionKind::Data);
            obj.append_section_data(id, b"GPL\0", 1);
        }
        if let Some(text) = &self.text {
            let id = obj.add_section(Vec::new(), b".text".to_vec(), SectionKind::Text);
            obj.append_section_data(id, text, 8);
        }
        if let Some(offset) = self.map_ref_at {
            let maps = obj.add_section(Vec::new(), b"maps".to_vec(), SectionKind::Data);
            obj.append_section_data(maps, &[0; 20], 4);
            let map = obj.add_symbol(Symbol {
                name: b"MY_MAP".to_vec(),
                value: 0,
                size: 20,
                kind: SymbolKind::Data,
                scope: SymbolScope::Linkage,
                weak: false,
                section: SymbolSection::Section(maps),
                flags: SymbolFlags::None,
            });
            obj.add_relocation(
                prog,
                Relocation {
                    offset,
                    symbol: map,
                    addend: 0,
                    flags: RelocationFlags::Elf {
                        r_type: object::elf::R_BPF_64_64,
                    },
                },
            )
            .expect("relocation");
        }
        if let Some(descriptors) = &self.descriptors {
            let id = obj.add_section(
                Vec::new(),
                DESCRIPTOR_SECTION.as_bytes().to_vec(),
                SectionKind::ReadOnlyData,
            );
            obj.append_section_data(id, descriptors, 4);
            obj.add_symbol(Symbol {
                name: b"_ZN4demo10TaskStruct11DESCRIPTOR17h0123456789abcdefE".to_vec(),
                value: 0,
                size: descriptors.len() as u64,
                kind: SymbolKind::Data,
                scope: SymbolScope::Compilation,
                weak: false,
                section: SymbolSection::Section(id),
                flags: SymbolFlags::None,
            });
        }
        if let Some(btf) = &self.btf {
            let id = obj.add_section(Vec::new(), b".BTF".to_vec(), SectionKind::Other);
            obj.append_section_data(id, btf, 4);
        }
        if let Some((ext, relocs)) = &self.btf_ext {
            let id = obj.add_section(Vec::new(), b".BTF.ext".to_vec(), SectionKind::Other);
            obj.append_section_data(id, ext, 4);
            let sym = obj.section_symbol(prog);
            for &offset in relocs {
                obj.add_relocation(
                    id,
                    Relocation {
                        offset,
                        symbol: sym,
                        addend: 0,
                        flags: RelocationFlags::Elf {
                            r_type: R_BPF_64_NODYLD32,
                        },
                    },
                )
                .expect("relocation");
            }
        }
        obj.write().expect("write object")
    }
}
