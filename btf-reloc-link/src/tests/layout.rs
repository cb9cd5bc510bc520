//! Several descriptor sections (one per derived struct, as LLVM emits retained statics) and the
//! DATASECs bpf-linker writes for them: after the pass, the statics of each section name form one
//! block and that name's DATASEC describes it without overlap.

use btf_reloc_format::{marker::marker, RelocKind, DESCRIPTOR_SECTION};
use object::{
    write::{Object, Symbol, SymbolSection},
    Architecture, BinaryFormat, Endianness, Object as _, ObjectSection as _, ObjectSymbol as _,
    SectionKind, SymbolFlags, SymbolKind, SymbolScope,
};

use super::fixture::{ld_imm64, mov_exit, task_records, PROG, TASK, TINY_BYTES};
use btf_reloc_btf::{types::VarSecInfo, Btf, Kind};

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

/// A one-marker program, a descriptor static per `(symbol, section, bytes)` in a section of its
/// own (as LLVM leaves retained statics), and `btf` as `.BTF`.
fn object_with(statics: &[(&str, &str, &[u8])], btf: &[u8]) -> Vec<u8> {
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::Bpf, Endianness::Little);
    let prog = obj.add_section(Vec::new(), PROG.as_bytes().to_vec(), SectionKind::Text);
    let mut code = ld_imm64(1, marker(RelocKind::FieldExists, TASK.field_id(0))).to_vec();
    code.extend(mov_exit());
    obj.append_section_data(prog, &code, 8);
    for (symbol, section, bytes) in statics {
        let id = obj.add_section(
            Vec::new(),
            section.as_bytes().to_vec(),
            SectionKind::ReadOnlyData,
        );
        obj.append_section_data(id, bytes, 1);
        obj.add_symbol(Symbol {
            name: symbol.as_bytes().to_vec(),
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
    obj.append_section_data(btf_id, btf, 4);
    obj.write().expect("write object")
}

#[test]
fn descriptor_statics_become_one_block_described_by_the_datasec() {
    let task = task_records();
    let object = object_with(
        &[
            ("A", DESCRIPTOR_SECTION, &task),
            ("B", DESCRIPTOR_SECTION, &TINY_BYTES),
        ],
        &btf(task.len() as u32, TINY_BYTES.len() as u32),
    );
    let LinkOutcome::Linked { object: out, .. } = link(&object).expect("link") else {
        panic!("nothing to do");
    };
    let (a, b) = (task.len() as u64, TINY_BYTES.len() as u64);
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

/// What the runtime emits now: each type's descriptor in a section of its own name
/// (`btf_reloc_format::descriptor_section!`), described by a DATASEC of that name, plus two
/// statics that share a name (same type name, derive at the same line and column in two files).
/// Every DATASEC must come out valid: per name one block, its variables in it without overlap.
#[test]
fn each_descriptor_section_name_is_laid_out_on_its_own() {
    const A: &str = ".btf_reloc.descriptors.task_struct.10.10";
    const B: &str = ".btf_reloc.descriptors.inner.20.10";
    let task = task_records();
    let statics: [(&str, &str, &[u8]); 3] = [
        ("A", A, &task),
        ("B1", B, &TINY_BYTES),
        ("B2", B, &TINY_BYTES),
    ];
    let mut btf = Btf::new();
    let byte = btf.add_int("u8", 1, false).expect("int");
    let mut datasecs: Vec<(&str, Vec<VarSecInfo>)> = vec![(A, Vec::new()), (B, Vec::new())];
    for (symbol, section, bytes) in statics {
        let array = btf.add_array(byte, bytes.len() as u32).expect("array");
        let var = btf
            .add_named(
                symbol,
                Kind::Var {
                    ty: array,
                    linkage: 1,
                },
            )
            .expect("var");
        let (_, vars) = datasecs
            .iter_mut()
            .find(|(name, _)| *name == section)
            .expect("a datasec");
        // As bpf-linker leaves them: every variable at offset 0 of its own ELF section.
        vars.push(VarSecInfo {
            ty: var,
            offset: 0,
            size: bytes.len() as u32,
        });
    }
    for (name, vars) in datasecs {
        btf.add_named(name, Kind::Datasec { size: 0, vars })
            .expect("datasec");
    }
    let object = object_with(&statics, &btf.to_bytes().expect("BTF bytes"));

    let LinkOutcome::Linked { object: out, .. } = link(&object).expect("link") else {
        panic!("nothing to do");
    };
    let file = object::File::parse(&*out).expect("parse output");
    let value = |name: &str| {
        file.symbols()
            .find(|s| s.name() == Ok(name))
            .map(|s| s.address())
    };
    let (a, tiny) = (task.len() as u64, TINY_BYTES.len() as u64);
    assert_eq!(
        (value("A"), value("B1"), value("B2")),
        (Some(0), Some(0), Some(tiny))
    );
    for (name, size) in [(A, a), (B, 2 * tiny)] {
        for section in file.sections().filter(|s| s.name() == Ok(name)) {
            assert_eq!(section.size(), size, "{name}");
        }
    }
    let btf_data = file
        .section_by_name(".BTF")
        .and_then(|s| s.data().ok())
        .expect(".BTF");
    let btf = Btf::parse(btf_data).expect("parse .BTF");
    let datasec = |name: &str| {
        btf.types().find_map(|(_, t)| match &t.kind {
            Kind::Datasec { size, vars } if btf.name(t) == name => Some((
                *size,
                vars.iter().map(|v| (v.offset, v.size)).collect::<Vec<_>>(),
            )),
            _ => None,
        })
    };
    assert_eq!(datasec(A), Some((a as u32, vec![(0, a as u32)])));
    let t = tiny as u32;
    assert_eq!(datasec(B), Some((2 * t, vec![(0, t), (t, t)])));
}
