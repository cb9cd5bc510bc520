//! No eBPF object the kernel tests build can panic: none reaches Rust's panic or abort machinery
//! (`core::panicking::*`, `panic_bounds_check`, `slice_index_fail`, `unwrap_failed`, the
//! `#[panic_handler]` behind `rust_begin_unwind`, abort and trap intrinsics). An eBPF program
//! cannot unwind; a reachable panic path is at best an endless loop the verifier refuses, so the
//! getters and everything btf-reloc inlines into a program must compile to code without one.
//!
//! Plain `#[test]`s that read the objects (no root, nothing loaded): the directory
//! `BTF_RELOC_E2E_OBJECTS` names (`cargo xtask e2e` sets it), else `target/e2e-objects`. The
//! checker walks each program's calls (bpf-to-bpf calls, relocated calls and callbacks) through
//! the symbol table, and is itself tested on objects with a planted panic.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

use object::{
    Object as _, ObjectSection as _, ObjectSymbol as _, RelocationTarget, SectionIndex,
    SectionKind, SymbolKind,
};

/// Substrings of the (mangled or plain) names of the panic and abort machinery.
const PANIC_MACHINERY: &[&str] = &[
    "panic", // core::panicking::*, panic_bounds_check, panic_fmt, begin_panic, rust_panic, …
    "rust_begin_unwind",
    "unwind",
    "slice_index",
    "index_len_fail",
    "index_order_fail",
    "str_index_overflow",
    "unwrap_failed",
    "expect_failed",
    "abort",
    "bpf_trap",
    "alloc_error",
    "capacity_overflow",
];

const CALL: u8 = 0x85; // BPF_JMP | BPF_CALL
const LD_IMM64: u8 = 0x18; // BPF_LD | BPF_IMM | BPF_DW
const PSEUDO_CALL: u8 = 1; // call to a bpf function (src_reg)
const PSEUDO_FUNC: u8 = 4; // ld_imm64 of a bpf function's address (a callback)

/// A panic path: the program, and the panic machinery it reaches (or, for a symbol no program
/// reaches, `None`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    program: Option<String>,
    symbol: String,
}

fn is_panic_machinery(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    PANIC_MACHINERY.iter().any(|p| lower.contains(p))
}

/// A function: its section, where it starts and ends there, and its name.
#[derive(Debug, Clone)]
struct Function {
    section: SectionIndex,
    start: u64,
    end: u64,
    name: String,
}

/// Every panic path of the ELF object `bytes`.
fn panic_paths(bytes: &[u8]) -> Result<Vec<Finding>, String> {
    let file = object::File::parse(bytes).map_err(|e| format!("not an ELF object: {e}"))?;
    let mut functions: Vec<Function> = Vec::new();
    let mut findings = BTreeSet::new();
    for symbol in file.symbols() {
        let name = symbol.name().unwrap_or_default().to_owned();
        if !name.is_empty() && is_panic_machinery(&name) {
            findings.insert(Finding {
                program: None,
                symbol: name.clone(),
            });
        }
        if symbol.kind() == SymbolKind::Text {
            if let Some(section) = symbol.section_index() {
                functions.push(Function {
                    section,
                    start: symbol.address(),
                    end: symbol.address() + symbol.size().max(8),
                    name,
                });
            }
        }
    }
    let function_at = |section: SectionIndex, offset: u64| {
        functions
            .iter()
            .position(|f| f.section == section && (f.start..f.end).contains(&offset))
    };

    // Calls of every function: other functions (by index), or names without a definition here.
    let mut calls: Vec<(BTreeSet<usize>, BTreeSet<String>)> =
        vec![Default::default(); functions.len()];
    for section in file.sections().filter(|s| s.kind() == SectionKind::Text) {
        let code = section.data().map_err(|e| e.to_string())?;
        let relocations: BTreeMap<u64, RelocationTarget> = section
            .relocations()
            .map(|(offset, r)| (offset, r.target()))
            .collect();
        let mut offset = 0u64;
        while let Some(insn) = code.get(offset as usize..offset as usize + 8) {
            let (opcode, src) = (insn[0], insn[1] >> 4);
            let imm = i64::from(i32::from_le_bytes([insn[4], insn[5], insn[6], insn[7]]));
            let callee = match relocations.get(&offset) {
                Some(RelocationTarget::Symbol(index)) if opcode == CALL || src == PSEUDO_FUNC => {
                    let symbol = file.symbol_by_index(*index).map_err(|e| e.to_string())?;
                    match (symbol.kind(), symbol.section_index()) {
                        // Against a section: the callee is `imm + 1` instructions into it.
                        (SymbolKind::Section, Some(target)) => function_at(
                            target,
                            symbol.address().wrapping_add(((imm + 1) * 8) as u64),
                        )
                        .ok_or_else(|| symbol.name().unwrap_or_default().to_owned()),
                        (_, Some(target)) => function_at(target, symbol.address())
                            .ok_or_else(|| symbol.name().unwrap_or_default().to_owned()),
                        (_, None) => Err(symbol.name().unwrap_or_default().to_owned()),
                    }
                    .map(Some)
                }
                _ if opcode == CALL && src == PSEUDO_CALL => Ok(function_at(
                    section.index(),
                    offset.wrapping_add(((imm + 1) * 8) as u64),
                )),
                _ => Ok(None),
            };
            if let Some(caller) = function_at(section.index(), offset) {
                match callee {
                    Ok(Some(callee)) => {
                        calls[caller].0.insert(callee);
                    }
                    Ok(None) => {}
                    Err(name) => {
                        calls[caller].1.insert(name);
                    }
                }
            }
            offset += if opcode == LD_IMM64 { 16 } else { 8 };
        }
    }

    // Programs: the functions of every executable section but `.text` (where subprograms go).
    for (root, program) in functions.iter().enumerate() {
        let in_text = file
            .section_by_index(program.section)
            .ok()
            .and_then(|s| s.name().ok().map(|n| n == ".text"))
            .unwrap_or(true);
        if in_text {
            continue;
        }
        let mut seen = BTreeSet::from([root]);
        let mut todo = vec![root];
        while let Some(f) = todo.pop() {
            let reached = std::iter::once(&functions[f].name).chain(&calls[f].1);
            for name in reached {
                if is_panic_machinery(name) {
                    findings.insert(Finding {
                        program: Some(program.name.clone()),
                        symbol: name.clone(),
                    });
                }
            }
            todo.extend(calls[f].0.iter().filter(|&&c| seen.insert(c)));
        }
    }
    // A symbol some program reaches is reported with it, not again as unreached.
    let reached: BTreeSet<String> = findings
        .iter()
        .filter(|f| f.program.is_some())
        .map(|f| f.symbol.clone())
        .collect();
    Ok(findings
        .into_iter()
        .filter(|f| f.program.is_some() || !reached.contains(&f.symbol))
        .collect())
}

/// The objects of the kernel tests, or why there are none.
fn built_objects() -> Result<Vec<PathBuf>, String> {
    let dir = std::env::var_os("BTF_RELOC_E2E_OBJECTS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-objects"),
        PathBuf::from,
    );
    let mut objects = Vec::new();
    for variant in ["btf", "no-btf"] {
        let Ok(entries) = std::fs::read_dir(dir.join(variant)) else {
            continue;
        };
        objects.extend(entries.flatten().map(|e| e.path()));
    }
    objects.sort();
    if objects.is_empty() {
        return Err(format!(
            "no eBPF objects in {}: run `cargo xtask e2e` (or set BTF_RELOC_E2E_OBJECTS)",
            dir.display()
        ));
    }
    Ok(objects)
}

#[test]
fn no_built_object_can_panic() {
    let objects = built_objects().unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for path in &objects {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match panic_paths(&bytes) {
            Ok(findings) => problems.extend(findings.into_iter().map(|f| match f.program {
                Some(program) => format!(
                    "{}: program `{program}` reaches `{}`",
                    path.display(),
                    f.symbol
                ),
                None => format!(
                    "{}: `{}` is in the object (no program reaches it)",
                    path.display(),
                    f.symbol
                ),
            })),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        problems.is_empty(),
        "panic paths in the eBPF objects:\n{}",
        problems.join("\n")
    );
}

/// Objects written here to test the checker itself.
mod planted {
    use object::{
        write::{Object, Relocation, Symbol, SymbolSection},
        Architecture, BinaryFormat, Endianness, RelocationFlags, SectionKind, SymbolFlags,
        SymbolKind, SymbolScope,
    };

    /// `R_BPF_64_32`: what LLVM puts on a call into another section.
    const R_BPF_64_32: u32 = 10;
    const BOUNDS_CHECK: &str = "_ZN4core9panicking18panic_bounds_check17h0123456789abcdefE";

    fn insn(opcode: u8, src: u8, imm: i32) -> [u8; 8] {
        let mut out = [0; 8];
        out[0] = opcode;
        out[1] = src << 4;
        out[4..].copy_from_slice(&imm.to_le_bytes());
        out
    }

    const EXIT: [u8; 8] = [0x95, 0, 0, 0, 0, 0, 0, 0];
    const MOV_R0_0: [u8; 8] = [0xb7, 0, 0, 0, 0, 0, 0, 0];

    fn function(
        obj: &mut Object<'_>,
        section: object::write::SectionId,
        name: &str,
        at: u64,
        len: u64,
    ) {
        obj.add_symbol(Symbol {
            name: name.as_bytes().to_vec(),
            value: at,
            size: len,
            kind: SymbolKind::Text,
            scope: SymbolScope::Linkage,
            weak: false,
            section: SymbolSection::Section(section),
            flags: SymbolFlags::None,
        });
    }

    /// A tracepoint program `prog` that calls `helper` (a kernel helper, #14) and, when
    /// `panics`, `core::panicking::panic_bounds_check` in `.text`, which calls the panic
    /// handler `rust_begin_unwind` right after it (a bpf-to-bpf call, no relocation). With
    /// `dead_panic`, the bounds check is there but nothing calls it.
    pub(super) fn object(panics: bool, dead_panic: bool) -> Vec<u8> {
        let mut obj = Object::new(BinaryFormat::Elf, Architecture::Bpf, Endianness::Little);
        let text = obj.add_section(Vec::new(), b".text".to_vec(), SectionKind::Text);
        let prog = obj.add_section(
            Vec::new(),
            b"tracepoint/syscalls/sys_enter_getppid".to_vec(),
            SectionKind::Text,
        );
        // .text: bounds check at 0 (calls the handler: instruction 0 + imm 1 + 1), then the
        // handler at 16 (`r0 = 0; exit`, standing in for its endless loop).
        let mut code = Vec::new();
        code.extend(insn(0x85, 1, 1));
        code.extend(EXIT);
        code.extend(MOV_R0_0);
        code.extend(EXIT);
        if panics || dead_panic {
            obj.append_section_data(text, &code, 8);
            function(&mut obj, text, BOUNDS_CHECK, 0, 16);
            function(&mut obj, text, "rust_begin_unwind", 16, 16);
        }
        let mut main = Vec::new();
        main.extend(insn(0x85, 0, 14)); // bpf_get_current_pid_tgid
        if panics {
            main.extend(insn(0x85, 1, -1)); // relocated against the bounds check
        }
        main.extend(MOV_R0_0);
        main.extend(EXIT);
        obj.append_section_data(prog, &main, 8);
        function(&mut obj, prog, "prog", 0, main.len() as u64);
        if panics {
            let target = obj.symbol_id(BOUNDS_CHECK.as_bytes()).expect("symbol");
            obj.add_relocation(
                prog,
                Relocation {
                    offset: 8,
                    symbol: target,
                    addend: 0,
                    flags: RelocationFlags::Elf {
                        r_type: R_BPF_64_32,
                    },
                },
            )
            .expect("relocation");
        }
        obj.write().expect("object")
    }
}

#[test]
fn the_checker_finds_a_planted_panic() {
    let finding = |program: Option<&str>, symbol: &str| Finding {
        program: program.map(str::to_owned),
        symbol: symbol.to_owned(),
    };
    let bounds = "_ZN4core9panicking18panic_bounds_check17h0123456789abcdefE";
    assert_eq!(panic_paths(&planted::object(false, false)), Ok(Vec::new()));
    assert_eq!(
        panic_paths(&planted::object(true, false)),
        Ok(vec![
            finding(Some("prog"), bounds),
            finding(Some("prog"), "rust_begin_unwind"),
        ])
    );
    // Unreachable, but still in the object: reported without a program.
    assert_eq!(
        panic_paths(&planted::object(false, true)),
        Ok(vec![
            finding(None, bounds),
            finding(None, "rust_begin_unwind"),
        ])
    );
    assert!(panic_paths(b"not an object").is_err());
}
