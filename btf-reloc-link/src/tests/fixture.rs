//! Synthetic eBPF objects built with `object::write`, shaped like bpf-linker output.

use btf_reloc_btf::{types::VarSecInfo, Btf, Kind};
use btf_reloc_format::{
    descriptor::{EnumDescriptor, FieldDescriptor, StructDescriptor, TypeShape, VariantDescriptor},
    encode::{encode, encode_enum, encoded_enum_len, encoded_len},
    id::{id_seed, id_step},
    marker::marker,
    RelocKind, DESCRIPTOR_SECTION, DIRECT_SECTION,
};
use object::{
    write::{Object, Relocation, Symbol, SymbolSection},
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags, SymbolKind,
    SymbolScope,
};

pub(crate) const PROG: &str = "kprobe/do_sys_open";
/// `R_BPF_64_NODYLD32`, what LLVM puts on `.BTF.ext` instruction offsets.
const R_BPF_64_NODYLD32: u32 = 4;
/// `R_BPF_64_ABS64`, what LLVM puts on the `.quad 1b` of a direct-load entry.
pub(crate) const R_BPF_64_ABS64: u32 = 2;

const BYTE: TypeShape = TypeShape::Int {
    size: 1,
    signed: false,
};
const U64: TypeShape = TypeShape::Int {
    size: 8,
    signed: false,
};
pub(crate) const LIST_HEAD: StructDescriptor = StructDescriptor {
    name: "list_head",
    rust_path: "demo::ListHead",
    size: 16,
    fields: &[
        FieldDescriptor {
            name: "next",
            offset: 0,
            size: 8,
            shape: TypeShape::Ptr,
        },
        FieldDescriptor {
            name: "prev",
            offset: 8,
            size: 8,
            shape: TypeShape::Ptr,
        },
    ],
};
pub(crate) static LIST_HEAD_BYTES: [u8; encoded_len(&LIST_HEAD)] = encode(&LIST_HEAD);

/// Declared out of offset order on purpose: access strings use BTF (offset) positions, ids use
/// declaration indices.
pub(crate) const SCHED_ENTITY: StructDescriptor = StructDescriptor {
    name: "sched_entity",
    rust_path: "demo::SchedEntity",
    size: 24,
    fields: &[
        FieldDescriptor {
            name: "vruntime",
            offset: 8,
            size: 8,
            shape: U64,
        },
        FieldDescriptor {
            name: "vlag",
            offset: 16,
            size: 8,
            shape: TypeShape::Int {
                size: 8,
                signed: true,
            },
        },
        FieldDescriptor {
            name: "exec_start",
            offset: 0,
            size: 8,
            shape: U64,
        },
    ],
};
pub(crate) static SCHED_ENTITY_BYTES: [u8; encoded_len(&SCHED_ENTITY)] = encode(&SCHED_ENTITY);

pub(crate) const HLIST_NODE: StructDescriptor = StructDescriptor {
    name: "hlist_node",
    rust_path: "demo::HlistNode",
    size: 16,
    fields: &[
        FieldDescriptor {
            name: "next",
            offset: 0,
            size: 8,
            shape: TypeShape::Ptr,
        },
        FieldDescriptor {
            name: "pprev",
            offset: 8,
            size: 8,
            shape: TypeShape::Ptr,
        },
    ],
};
pub(crate) static HLIST_NODE_BYTES: [u8; encoded_len(&HLIST_NODE)] = encode(&HLIST_NODE);

const HLIST_NODE_SHAPE: TypeShape = TypeShape::Struct(&HLIST_NODE);

/// Field names, types and nesting are those of the kernel's `task_struct` (for the checks with
/// real loaders); the local offsets are made up. `flags` is declared last but has offset 0, so
/// its BTF position is 0 and everything else moves up by one.
pub(crate) const TASK: StructDescriptor = StructDescriptor {
    name: "task_struct___v1",
    rust_path: "demo::TaskStruct",
    size: 136,
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
            shape: TypeShape::Struct(&LIST_HEAD),
        },
        FieldDescriptor {
            name: "se",
            offset: 48,
            size: 24,
            shape: TypeShape::Struct(&SCHED_ENTITY),
        },
        FieldDescriptor {
            name: "pid_links",
            offset: 72,
            size: 64,
            shape: TypeShape::Array {
                elem: &HLIST_NODE_SHAPE,
                len: 4,
            },
        },
        FieldDescriptor {
            name: "flags",
            offset: 0,
            size: 4,
            shape: TypeShape::Int {
                size: 4,
                signed: false,
            },
        },
    ],
};
pub(crate) static TASK_BYTES: [u8; encoded_len(&TASK)] = encode(&TASK);

/// Declaration indices of [`TASK`]'s fields.
pub(crate) mod task {
    pub(crate) const PID: usize = 0;
    pub(crate) const COMM: usize = 1;
    pub(crate) const MM: usize = 2;
    pub(crate) const TASKS: usize = 3;
    pub(crate) const SE: usize = 4;
    pub(crate) const PID_LINKS: usize = 5;
    pub(crate) const FLAGS: usize = 6;
}

/// [`TASK`] and the structs it embeds, as the descriptor section holds them.
pub(crate) fn task_records() -> Vec<u8> {
    let mut out = TASK_BYTES.to_vec();
    for bytes in [&LIST_HEAD_BYTES[..], &SCHED_ENTITY_BYTES, &HLIST_NODE_BYTES] {
        out.extend_from_slice(bytes);
    }
    out
}

/// `section` with the checksum of each record recomputed: a test that alters a record on purpose
/// reseals it to reach the check behind the checksum.
pub(crate) fn reseal(mut section: Vec<u8>) -> Vec<u8> {
    use btf_reloc_format::encode::{checksum, RECORD_CHECKSUM};
    let mut pos = 0;
    while let Some(&byte) = section.get(pos) {
        if byte == 0 {
            pos += 1;
            continue;
        }
        let Some(len) = section
            .get(pos + 8..pos + 12)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize)
        else {
            break;
        };
        let Some(record) = section
            .get_mut(pos..pos.saturating_add(len))
            .filter(|r| r.len() >= RECORD_CHECKSUM.end)
        else {
            break;
        };
        let sum = checksum(record).to_le_bytes();
        record[RECORD_CHECKSUM].copy_from_slice(&sum);
        pos += len;
    }
    section
}

/// The marker id of the access path `indices` from the root `root`.
pub(crate) fn path_id(root: &StructDescriptor, indices: &[usize]) -> u32 {
    indices
        .iter()
        .fold(id_seed(root.rust_path), |hash, &i| id_step(hash, i))
}

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

/// The kernel's `enum pid_type` (4 bytes, unsigned): a `BTF_KIND_ENUM`.
pub(crate) const PID_TYPE: EnumDescriptor = EnumDescriptor {
    name: "pid_type",
    rust_path: "demo::PidType",
    size: 4,
    signed: false,
    variants: &[
        VariantDescriptor {
            name: "PIDTYPE_PID",
            value: 0,
        },
        VariantDescriptor {
            name: "PIDTYPE_TGID",
            value: 1,
        },
        VariantDescriptor {
            name: "PIDTYPE_PGID",
            value: 2,
        },
    ],
};
pub(crate) static PID_TYPE_BYTES: [u8; encoded_enum_len(&PID_TYPE)] = encode_enum(&PID_TYPE);

/// A flavor of `pid_type` with 64-bit signed local values: a `BTF_KIND_ENUM64`.
pub(crate) const PID_TYPE_WIDE: EnumDescriptor = EnumDescriptor {
    name: "pid_type___wide",
    rust_path: "demo::PidTypeWide",
    size: 8,
    signed: true,
    variants: &[
        VariantDescriptor {
            name: "PIDTYPE_PID",
            value: -1,
        },
        VariantDescriptor {
            name: "PIDTYPE_TGID",
            value: 1 << 40,
        },
    ],
};
pub(crate) static PID_TYPE_WIDE_BYTES: [u8; encoded_enum_len(&PID_TYPE_WIDE)] =
    encode_enum(&PID_TYPE_WIDE);

/// A 4-byte unsigned flavor with a value above `i32::MAX`: a `BTF_KIND_ENUM` whose `__s32 val`
/// libbpf sign-extends into the 64-bit local value.
pub(crate) const PID_TYPE_HIGH: EnumDescriptor = EnumDescriptor {
    name: "pid_type___high",
    rust_path: "demo::PidTypeHigh",
    size: 4,
    signed: false,
    variants: &[VariantDescriptor {
        name: "PIDTYPE_SID",
        value: 0x8000_0003,
    }],
};
pub(crate) static PID_TYPE_HIGH_BYTES: [u8; encoded_enum_len(&PID_TYPE_HIGH)] =
    encode_enum(&PID_TYPE_HIGH);

/// Every record of the kinds fixture.
pub(crate) fn all_records() -> Vec<u8> {
    let mut out = task_records();
    for bytes in [
        &PID_TYPE_BYTES[..],
        &PID_TYPE_WIDE_BYTES,
        &PID_TYPE_HIGH_BYTES,
    ] {
        out.extend_from_slice(bytes);
    }
    out
}

/// One marker of the kinds program: kind, id, expected local value, access string, dump path.
pub(crate) struct KindCase {
    pub(crate) kind: RelocKind,
    pub(crate) id: u32,
    pub(crate) value: u64,
    pub(crate) access: &'static str,
    pub(crate) path: &'static str,
    /// Local BTF root type name, as the dump shows it.
    pub(crate) type_name: &'static str,
}

/// One marker of every kind, on paths through embedded structs and arrays, with the local
/// values libbpf computes for them (see `paths`).
pub(crate) fn kind_cases() -> Vec<KindCase> {
    use task::*;
    use RelocKind::*;
    let t = |indices: &[usize]| path_id(&TASK, indices);
    let task = "struct task_struct___v1";
    let case = |kind, id, value, access, path, type_name| KindCase {
        kind,
        id,
        value,
        access,
        path,
        type_name,
    };
    vec![
        // task_struct positions: flags 0, pid 1, comm 2, mm 3, tasks 4, se 5, pid_links 6;
        // sched_entity positions: exec_start 0, vruntime 1, vlag 2.
        case(
            FieldByteOffset,
            t(&[SE, 0]),
            56,
            "0:5:1",
            "task_struct___v1.se.vruntime",
            task,
        ),
        case(
            FieldByteSize,
            t(&[SE, 0]),
            8,
            "0:5:1",
            "task_struct___v1.se.vruntime",
            task,
        ),
        case(
            FieldExists,
            t(&[SE, 0]),
            1,
            "0:5:1",
            "task_struct___v1.se.vruntime",
            task,
        ),
        case(
            FieldExists,
            t(&[COMM, 0]),
            1,
            "0:2:0",
            "task_struct___v1.comm[0]",
            task,
        ),
        case(
            FieldByteOffset,
            t(&[COMM, 0]),
            8,
            "0:2:0",
            "task_struct___v1.comm[0]",
            task,
        ),
        case(
            FieldByteSize,
            t(&[COMM, 0]),
            1,
            "0:2:0",
            "task_struct___v1.comm[0]",
            task,
        ),
        case(
            FieldByteSize,
            t(&[COMM]),
            16,
            "0:2",
            "task_struct___v1.comm",
            task,
        ),
        // 4-byte signed int.
        case(
            FieldSigned,
            t(&[PID]),
            1,
            "0:1",
            "task_struct___v1.pid",
            task,
        ),
        case(
            FieldLshiftU64,
            t(&[PID]),
            32,
            "0:1",
            "task_struct___v1.pid",
            task,
        ),
        case(
            FieldRshiftU64,
            t(&[PID]),
            32,
            "0:1",
            "task_struct___v1.pid",
            task,
        ),
        // 4-byte unsigned int.
        case(
            FieldSigned,
            t(&[FLAGS]),
            0,
            "0:0",
            "task_struct___v1.flags",
            task,
        ),
        case(
            FieldLshiftU64,
            t(&[FLAGS]),
            32,
            "0:0",
            "task_struct___v1.flags",
            task,
        ),
        case(
            FieldRshiftU64,
            t(&[FLAGS]),
            32,
            "0:0",
            "task_struct___v1.flags",
            task,
        ),
        // 8-byte signed int.
        case(
            FieldSigned,
            t(&[SE, 1]),
            1,
            "0:5:2",
            "task_struct___v1.se.vlag",
            task,
        ),
        case(
            FieldLshiftU64,
            t(&[SE, 1]),
            0,
            "0:5:2",
            "task_struct___v1.se.vlag",
            task,
        ),
        case(
            FieldRshiftU64,
            t(&[SE, 1]),
            0,
            "0:5:2",
            "task_struct___v1.se.vlag",
            task,
        ),
        // 8-byte unsigned int, pointer.
        case(
            FieldSigned,
            t(&[SE, 0]),
            0,
            "0:5:1",
            "task_struct___v1.se.vruntime",
            task,
        ),
        case(FieldSigned, t(&[MM]), 0, "0:3", "task_struct___v1.mm", task),
        case(
            FieldLshiftU64,
            t(&[MM]),
            0,
            "0:3",
            "task_struct___v1.mm",
            task,
        ),
        // A member of an array element.
        case(
            FieldByteOffset,
            t(&[PID_LINKS, 0, 1]),
            80,
            "0:6:0:1",
            "task_struct___v1.pid_links[0].pprev",
            task,
        ),
        case(
            FieldByteOffset,
            t(&[TASKS, 1]),
            40,
            "0:4:1",
            "task_struct___v1.tasks.prev",
            task,
        ),
        // Types.
        case(TypeExists, TASK.type_id(), 1, "0", task, task),
        case(TypeSize, TASK.type_id(), 136, "0", task, task),
        case(
            TypeExists,
            PID_TYPE.type_id(),
            1,
            "0",
            "enum pid_type",
            "enum pid_type",
        ),
        case(
            TypeSize,
            PID_TYPE.type_id(),
            4,
            "0",
            "enum pid_type",
            "enum pid_type",
        ),
        // Enum values.
        case(
            EnumvalExists,
            PID_TYPE.variant_id(1),
            1,
            "1",
            "pid_type::PIDTYPE_TGID",
            "enum pid_type",
        ),
        case(
            EnumvalValue,
            PID_TYPE.variant_id(1),
            1,
            "1",
            "pid_type::PIDTYPE_TGID",
            "enum pid_type",
        ),
        case(
            EnumvalValue,
            PID_TYPE_WIDE.variant_id(0),
            u64::MAX,
            "0",
            "pid_type___wide::PIDTYPE_PID",
            "enum pid_type___wide",
        ),
        case(
            EnumvalValue,
            PID_TYPE_WIDE.variant_id(1),
            1 << 40,
            "1",
            "pid_type___wide::PIDTYPE_TGID",
            "enum pid_type___wide",
        ),
        case(
            EnumvalValue,
            PID_TYPE_HIGH.variant_id(0),
            0xffff_ffff_8000_0003,
            "0",
            "pid_type___high::PIDTYPE_SID",
            "enum pid_type___high",
        ),
    ]
}

/// A loadable program with one marker per [`kind_cases`] entry (registers r1..r9 in turn),
/// then `r0 = 0; exit`.
pub(crate) fn kinds_prog() -> Vec<u8> {
    let mut prog = Vec::new();
    for (i, case) in kind_cases().iter().enumerate() {
        prog.extend(ld_imm64(1 + (i % 9) as u8, marker(case.kind, case.id)));
    }
    prog.extend(mov_exit());
    prog
}

/// The immediate of the map reference: marker-looking on purpose, so that a scanner that
/// ignored relocations would trip over an unknown id.
pub(crate) const MAP_REF_IMM: u64 = marker(RelocKind::FieldByteOffset, 0xdead_beef);

pub(crate) fn ld_imm64(dst: u8, imm: u64) -> [u8; 16] {
    let mut insn = [0; 16];
    insn[0] = 0x18;
    insn[1] = dst;
    insn[4..8].copy_from_slice(&(imm as u32).to_le_bytes());
    insn[12..16].copy_from_slice(&((imm >> 32) as u32).to_le_bytes());
    insn
}

/// `dst = *(size *)(src + off)`: `BPF_LDX | BPF_MEM` of `size` bytes.
pub(crate) fn ldx(size: u8, dst: u8, src: u8, off: i16) -> [u8; 8] {
    let size_bits = match size {
        4 => 0x00,
        2 => 0x08,
        1 => 0x10,
        _ => 0x18,
    };
    let mut insn = [0; 8];
    insn[0] = 0x61 | size_bits;
    insn[1] = src << 4 | dst;
    insn[2..4].copy_from_slice(&off.to_le_bytes());
    insn
}

/// What a symbol of a direct-load relocation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirectSym {
    /// The section symbol of [`PROG`] (what LLVM uses for a local label).
    Prog,
    /// The function symbol `prog` (value 0).
    ProgFunc,
    /// The section symbol of the `license` section (data; needs [`Fixture::license`]).
    License,
}

/// A direct-load section: its bytes (16-byte entries) and the relocations of its REL section.
#[derive(Debug, Clone)]
pub(crate) struct Direct {
    pub(crate) name: String,
    pub(crate) data: Vec<u8>,
    /// Offset in the section, relocation type, symbol.
    pub(crate) relocs: Vec<(u64, u32, DirectSym)>,
}

impl Direct {
    /// A `.btf_reloc.direct` listing `(byte offset of the load in PROG, marker immediate)`, each
    /// address relocated against PROG's section symbol as LLVM does (the offset is the implicit
    /// addend).
    pub(crate) fn entries(entries: &[(u64, u64)]) -> Self {
        let mut data = Vec::new();
        let mut relocs = Vec::new();
        for (k, &(insn_off, marker)) in entries.iter().enumerate() {
            data.extend(insn_off.to_le_bytes());
            data.extend(marker.to_le_bytes());
            relocs.push(((16 * k) as u64, R_BPF_64_ABS64, DirectSym::Prog));
        }
        Self {
            name: DIRECT_SECTION.to_owned(),
            data,
            relocs,
        }
    }
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
        marker(RelocKind::FieldExists, TASK.field_id(0)),
    ));
    code.extend(ld_imm64(
        2,
        marker(RelocKind::FieldByteOffset, TASK.field_id(0)),
    ));
    code.extend(ld_imm64(
        3,
        marker(RelocKind::FieldByteSize, TASK.field_id(1)),
    ));
    code.extend(ld_imm64(
        4,
        marker(RelocKind::FieldByteOffset, TASK.field_id(3)),
    ));
    code.extend(ld_imm64(5, MAP_REF_IMM));
    code.extend(mov_exit());
    code
}

/// What bpf-linker writes for the program: `[1] INT int`, `[2] FUNC_PROTO` returning it, `[3]
/// FUNC prog` (global), and the section name as a string (at offset 10), built with the BTF
/// crate.
fn minimal_btf_types() -> Btf {
    let mut btf = Btf::new();
    let int = btf.add_int("int", 4, true).expect("int");
    let proto = btf
        .add_named(
            "",
            Kind::FuncProto {
                ret: int,
                params: Vec::new(),
            },
        )
        .expect("proto");
    btf.add_named("prog", Kind::Func { proto, linkage: 1 })
        .expect("func");
    btf.add_str(PROG).expect("section name");
    btf
}

/// [`minimal_btf_types`] as bytes.
pub(crate) fn minimal_btf() -> Vec<u8> {
    minimal_btf_types().to_bytes().expect("btf")
}

/// [`minimal_btf`] plus what `-C debuginfo=2` may add for a descriptor static: `[4] VAR DESC`
/// (static) and `[5] DATASEC .btf_reloc.descriptors` with size 0, which loaders fix up from the
/// ELF section of that name.
pub(crate) fn minimal_btf_with_datasec() -> Vec<u8> {
    let mut btf = minimal_btf_types();
    let var = btf
        .add_named("DESC", Kind::Var { ty: 1, linkage: 0 })
        .expect("var");
    btf.add_named(
        DESCRIPTOR_SECTION,
        Kind::Datasec {
            size: 0,
            vars: vec![VarSecInfo {
                ty: var,
                offset: 0,
                size: 4,
            }],
        },
    )
    .expect("datasec");
    btf.to_bytes().expect("btf")
}

/// Minimal `.BTF.ext` with one func_info and one line_info record for [`PROG`], written out
/// word by word as bpf-linker lays it out (the BTF crate writes only `core_relo` parts; these
/// are the parts a link must carry over byte for byte). With `hdr_len == 24` it has no
/// core_relo fields. Returns the bytes and the offsets of the two
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
    /// Direct-load sections.
    pub(crate) direct: Vec<Direct>,
}

impl Fixture {
    /// TASK (and embedded) descriptors, the standard program and a `.text` with one marker; no
    /// BTF.
    pub(crate) fn standard() -> Self {
        let mut text = Vec::new();
        text.extend(ld_imm64(
            1,
            marker(RelocKind::FieldByteOffset, TASK.field_id(2)),
        ));
        text.extend(mov_exit());
        Self {
            architecture: Architecture::Bpf,
            prog: standard_prog(),
            map_ref_at: Some(64),
            text: Some(text),
            descriptors: Some(task_records()),
            btf: None,
            btf_ext: None,
            license: false,
            direct: Vec::new(),
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

    /// The [`kinds_prog`] with every record, loadable, with the minimal `.BTF` and `.BTF.ext`.
    pub(crate) fn kinds() -> Self {
        Self {
            prog: kinds_prog(),
            descriptors: Some(all_records()),
            ..Self::loadable(true)
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
        let prog_func = obj.add_symbol(Symbol {
            name: b"prog".to_vec(),
            value: 0,
            size: self.prog.len() as u64,
            kind: SymbolKind::Text,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Section(prog),
            flags: SymbolFlags::None,
        });
        let mut license = None;
        if self.license {
            let id = obj.add_section(Vec::new(), b"license".to_vec(), SectionKind::Data);
            obj.append_section_data(id, b"GPL\0", 1);
            license = Some(id);
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
        for direct in &self.direct {
            let id = obj.add_section(
                Vec::new(),
                direct.name.as_bytes().to_vec(),
                SectionKind::ReadOnlyData,
            );
            obj.append_section_data(id, &direct.data, 8);
            for &(offset, r_type, sym) in &direct.relocs {
                let symbol = match sym {
                    DirectSym::Prog => obj.section_symbol(prog),
                    DirectSym::ProgFunc => prog_func,
                    DirectSym::License => {
                        obj.section_symbol(license.expect("a license section to relocate against"))
                    }
                };
                obj.add_relocation(
                    id,
                    Relocation {
                        offset,
                        symbol,
                        addend: 0,
                        flags: RelocationFlags::Elf { r_type },
                    },
                )
                .expect("relocation");
            }
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
