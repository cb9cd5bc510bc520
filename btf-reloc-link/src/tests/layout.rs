//! Several descriptor sections (one per derived struct, as LLVM emits retained statics) and the
//! DATASEC bpf-linker writes for them: after the pass, the statics form one block and the DATASEC
//! describes it without overlap.

use btf_reloc_format::{marker::marker, RelocKind, DESCRIPTOR_SECTION};
use object::{
    write::{Object, Symbol, SymbolSection},
    Architecture, BinaryFormat, Endianness, Object as _, ObjectSection as _, ObjectSymbol as _,
    SectionKind, SymbolFlags, SymbolKind, SymbolScope,
};

use super::fixture::{ld_imm64, mov_exit, task_records, PROG, TASK, TINY_BYTES};
use btf_reloc_btf::{Btf, Kind};

use crate::{link, LinkOutcome};

/// `.BTF` with `[1] int`, `[2] VAR A`, `[3] VAR B` and `[4] DATASEC .btf_reloc.descriptors`
/// holding both variables at offset 0, as bpf-linker leaves them.
fn btf(size_a: u32, size_b: u32) -> Vec<u8> {
    let strings = b"\0int\0A\0B\0.btf_reloc.descriptors\0";
    #[rustfmt::skip]
    let words: [u32; 20] = [
        1, 1 << 24, 4, (1 << 24) | 32, // [1] INT int
        5, 14 << 24, 1, 1, // [2] VAR A (global)
        7, 14 << 24, 1, 1, // [3] VAR B (global)
        9, (15 << 24) | 2, size_a, // [4] DATASEC, vlen 2
        2, 0, size_a, // { A @ 0 }
        3, 0,
    ];
    let mut types: Vec<u32> = words.to_vec();
    types.push(size_b); // { B @ 0 }
    let mut out = vec![0x9f, 0xeb, 1, 0];
    let types_len = (types.len() * 4) as u32;
    for v in [24, 0, types_len, types_len, strings.len() as u32] {
        out.extend(v.to_le_bytes());
    }
    for w in types {
        out.extend(w.to_le_bytes());
    }
    out.extend_from_slice(strings);
    out
}

fn object() -> Vec<u8> {
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::Bpf, Endianness::Little);
    let prog = obj.add_section(Vec::new(), PROG.as_bytes().to_vec(), SectionKind::Text);
    let mut code = ld_imm64(1, marker(RelocKind::FieldExists, TASK.field_id(0))).to_vec();
    code.extend(mov_exit());
    obj.append_section_data(prog, &code, 8);
    let task = task_records();
    for (name, bytes) in [(b"A", &task[..]), (b"B", &TINY_BYTES[..])] {
        let id = obj.add_section(
            Vec::new(),
            DESCRIPTOR_SECTION.as_bytes().to_vec(),
            SectionKind::ReadOnlyData,
        );
        obj.append_section_data(id, bytes, 1);
        obj.add_symbol(Symbol {
            name: name.to_vec(),
            value: 0,
            size: bytes.len() as u64,
            kind: SymbolKind::Data,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Section(id),
            flags: SymbolFlags::None,
        });
    }
    let btf_id = obj.add_section(Vec::new(), b".BTF".to_vec(), SectionKind::Other);
    obj.append_section_data(btf_id, &btf(task.len() as u32, TINY_BYTES.len() as u32), 4);
    obj.write().expect("write object")
}

#[test]
fn descriptor_statics_become_one_block_described_by_the_datasec() {
    let LinkOutcome::Linked { object: out, .. } = link(&object()).expect("link") else {
        panic!("nothing to do");
    };
    let (a, b) = (task_records().len() as u64, TINY_BYTES.len() as u64);
    let file = object::File::parse(&*out).expect("parse output");
    let value = |name: &str| {
        file.symbols()
            .find(|s| s.name() == Ok(name))
            .map(|s| s.address())
    };
    assert_eq!((value("A"), value("B")), (Some(0), Some(a)));
    for section in file
        .sections()
        .filter(|s| s.name() == Ok(DESCRIPTOR_SECTION))
    {
        assert_eq!(section.size(), a + b);
    }
    let btf_data = file
        .section_by_name(".BTF")
        .and_then(|s| s.data().ok())
        .expect(".BTF");
    let btf = Btf::parse(btf_data).expect("parse .BTF");
    let Some(Kind::Datasec { size, vars }) = btf.ty(4).map(|t| &t.kind) else {
        panic!("type 4 is not the DATASEC");
    };
    assert_eq!(u64::from(*size), a + b);
    let entry = |i: usize| (vars[i].ty, vars[i].offset, vars[i].size);
    assert_eq!(entry(0), (2, 0, a as u32));
    assert_eq!(entry(1), (3, a as u32, b as u32));
}
