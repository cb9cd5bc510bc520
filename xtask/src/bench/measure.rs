//! What the benchmark measures of each program: after loading, the kernel's `bpf_prog_info`
//! (`BPF_OBJ_GET_INFO_BY_FD`: the translated program, its JIT size and the verifier's count,
//! which bpftool 7.1 does not print); before, the instructions of its function in the object,
//! with the functions it calls (`memset` in `.text`), as the loader adds them.
//!
//! An `ld_imm64` is one instruction in two 8-byte slots: "insns" count it once, bytes twice.

use std::{
    collections::{BTreeMap, HashMap},
    fs,
    os::fd::{AsFd as _, AsRawFd as _, BorrowedFd},
    path::Path,
};

use aya::{programs::Program, Btf, EbpfLoader};
use aya_obj::generated::{bpf_cmd, bpf_prog_info};
use btf_reloc_e2e_tests::error_chain;
use object::{Object as _, ObjectSection as _, ObjectSymbol as _, RelocationTarget, SymbolKind};

use crate::Result;

/// The size of an instruction slot.
const SLOT: usize = 8;
/// `BPF_LD | BPF_IMM | BPF_DW`: the instruction that takes two slots.
const LD_IMM64: u8 = 0x18;
/// `BPF_JMP | BPF_CALL`; with `src_reg` [`PSEUDO_CALL`], a call of another function of the object.
const CALL: u8 = 0x85;
const PSEUDO_CALL: u8 = 1;

/// The figures of one program.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Figures {
    /// Instructions of the translated (loaded) program.
    pub(crate) xlated_insns: u32,
    /// `bpf_prog_info::xlated_prog_len` (bpftool's `bytes_xlated`).
    pub(crate) xlated_bytes: u32,
    /// `bpf_prog_info::jited_prog_len`: bytes of machine code.
    pub(crate) jited_bytes: u32,
    /// `bpf_prog_info::verified_insns`: instructions the verifier processed.
    pub(crate) verified_insns: u32,
    /// Instructions in the object, the called functions included.
    pub(crate) static_insns: u32,
}

/// The tracepoint the `tp_btf` programs of both objects attach to
/// (`SEC("tp_btf/sched_process_fork")` in C, `#[btf_tracepoint(function = "sched_process_fork")]`
/// in Rust): aya loads a `tp_btf` program for a named tracepoint.
const BTF_TRACEPOINT: &str = "sched_process_fork";

/// The figures of every program of an object, by name.
pub(crate) type Programs = BTreeMap<String, Figures>;

/// Loads every program of the object at `path` with aya (relocated against the running kernel,
/// never attached) and measures it; the programs are unloaded again on return.
pub(crate) fn object(path: &Path) -> Result<Programs> {
    let data =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let statics = static_insns(&data)
        .map_err(|error| format!("cannot read the programs of {}: {error}", path.display()))?;
    let mut ebpf = EbpfLoader::new()
        .load(&data)
        .map_err(|error| format!("loading {}: {}", path.display(), error_chain(&error)))?;
    let btf = Btf::from_sys_fs().map_err(|error| format!("the kernel's BTF: {error}"))?;
    let mut programs = Programs::new();
    for (name, program) in ebpf.programs_mut() {
        let failed = |error: aya::programs::ProgramError| {
            format!("loading program `{name}`: {}", error_chain(&error))
        };
        let figures = match program {
            Program::TracePoint(program) => {
                program.load().map_err(failed)?;
                loaded(program.fd()?.as_fd())
            }
            // The direct reads' frame: `tp_btf` programs of `BTF_TRACEPOINT`.
            Program::BtfTracePoint(program) => {
                program.load(BTF_TRACEPOINT, &btf).map_err(failed)?;
                loaded(program.fd()?.as_fd())
            }
            _ => {
                return Err(format!(
                    "{}: `{name}` is neither a tracepoint nor a tp_btf program",
                    path.display()
                )
                .into())
            }
        };
        let mut figures =
            figures.map_err(|error| format!("the program info of `{name}`: {error}"))?;
        figures.static_insns = *statics
            .get(name)
            .ok_or_else(|| format!("{}: no function `{name}`", path.display()))?;
        programs.insert(name.to_owned(), figures);
    }
    Ok(programs)
}

/// The loaded program's figures from `bpf_prog_info` (all but [`Figures::static_insns`]).
fn loaded(program: BorrowedFd<'_>) -> Result<Figures> {
    // The first call gives the sizes, the second copies the translated program.
    let info = prog_info(program, None)?;
    let mut xlated = vec![0u8; info.xlated_prog_len as usize];
    let info = prog_info(program, Some(&mut xlated))?;
    Ok(Figures {
        xlated_insns: count_insns(&xlated),
        xlated_bytes: info.xlated_prog_len,
        jited_bytes: info.jited_prog_len,
        verified_insns: info.verified_insns,
        static_insns: 0,
    })
}

/// `BPF_OBJ_GET_INFO_BY_FD` on a program, copying its translated instructions into `xlated`
/// when given (as many as fit).
fn prog_info(program: BorrowedFd<'_>, xlated: Option<&mut [u8]>) -> Result<bpf_prog_info> {
    /// The `info` member of `union bpf_attr`.
    #[repr(C)]
    struct InfoAttr {
        bpf_fd: u32,
        info_len: u32,
        info: u64,
    }
    // SAFETY: `bpf_prog_info` is a C struct of integers and arrays of integers, for which all
    // zeroes is a valid value (and what the kernel expects of the fields not asked for).
    let mut info: bpf_prog_info = unsafe { std::mem::zeroed() };
    if let Some(xlated) = xlated {
        info.xlated_prog_len = u32::try_from(xlated.len())?;
        info.xlated_prog_insns = xlated.as_mut_ptr() as u64;
    }
    let attr = InfoAttr {
        bpf_fd: u32::try_from(program.as_raw_fd())?,
        info_len: u32::try_from(size_of::<bpf_prog_info>())?,
        info: std::ptr::addr_of_mut!(info) as u64,
    };
    // SAFETY: `attr` is a valid `bpf_attr` prefix of the size passed; the kernel writes at most
    // `info_len` bytes to `info` and at most `xlated_prog_len` bytes to `xlated`, both alive
    // and exclusively borrowed for the call.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_bpf,
            bpf_cmd::BPF_OBJ_GET_INFO_BY_FD as libc::c_long,
            std::ptr::addr_of!(attr),
            size_of::<InfoAttr>(),
        )
    };
    if ret != 0 {
        return Err(format!(
            "BPF_OBJ_GET_INFO_BY_FD failed: {}",
            std::io::Error::last_os_error()
        )
        .into());
    }
    Ok(info)
}

/// The instructions in `code`, an `ld_imm64` counted once.
pub(crate) fn count_insns(code: &[u8]) -> u32 {
    let mut count = 0;
    let mut slot = 0;
    while slot * SLOT < code.len() {
        slot += if code[slot * SLOT] == LD_IMM64 { 2 } else { 1 };
        count += 1;
    }
    count
}

/// A function of an object, for following calls: where it is, its instruction count and the
/// functions it calls (as section index and slot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Function {
    pub(crate) section: usize,
    /// Its first slot and the one after its last, in its section.
    pub(crate) slots: (u64, u64),
    pub(crate) insns: u32,
    pub(crate) calls: Vec<(usize, u64)>,
}

/// The instructions of `functions[entry]` and of every function it reaches by calls, each
/// counted once (as the loader appends each subprogram once).
pub(crate) fn with_callees(functions: &[Function], entry: usize) -> u32 {
    let mut seen = vec![false; functions.len()];
    let mut todo = vec![entry];
    let mut total = 0;
    while let Some(index) = todo.pop() {
        if std::mem::replace(&mut seen[index], true) {
            continue;
        }
        let function = &functions[index];
        total += function.insns;
        for &(section, slot) in &function.calls {
            let callee = functions
                .iter()
                .position(|f| f.section == section && f.slots.0 <= slot && slot < f.slots.1);
            todo.extend(callee);
        }
    }
    total
}

/// The static instruction count of every program (a function outside `.text`) of the ELF
/// object `data`, the functions it calls included.
fn static_insns(data: &[u8]) -> Result<HashMap<String, u32>> {
    let file = object::File::parse(data)?;
    let mut names = Vec::new();
    let mut functions = Vec::new();
    for symbol in file.symbols() {
        let (SymbolKind::Text, Some(section_index)) = (symbol.kind(), symbol.section_index())
        else {
            continue;
        };
        if symbol.size() == 0 {
            continue;
        }
        let name = symbol.name()?;
        let section = file.section_by_index(section_index)?;
        let code = section.data()?;
        let start = usize::try_from(symbol.address())?;
        let end = start + usize::try_from(symbol.size())?;
        let code = code
            .get(start..end)
            .ok_or_else(|| format!("function `{name}` lies outside its section"))?;
        // The target is `imm + 1` slots after the call, or, for a call through a relocation
        // (to another section, or to a global function), after the relocation's symbol (as
        // libbpf computes it).
        let relocations: HashMap<u64, RelocationTarget> = section
            .relocations()
            .map(|(offset, relocation)| (offset, relocation.target()))
            .collect();
        let mut calls = Vec::new();
        for (slot, insn) in code.chunks_exact(SLOT).enumerate() {
            if insn[0] != CALL || insn[1] >> 4 != PSEUDO_CALL {
                continue;
            }
            let imm = i64::from(i32::from_le_bytes([insn[4], insn[5], insn[6], insn[7]]));
            let offset = u64::try_from(start + slot * SLOT)?;
            let (target_section, from) = match relocations.get(&offset) {
                Some(RelocationTarget::Symbol(target)) => {
                    let target = file.symbol_by_index(*target)?;
                    let section = target
                        .section_index()
                        .ok_or("a call relocation against an undefined symbol")?;
                    (section.0, target.address())
                }
                Some(_) => return Err("a call relocation against no symbol".into()),
                None => (section_index.0, offset),
            };
            let target = i64::try_from(from / SLOT as u64)? + imm + 1;
            calls.push((target_section, u64::try_from(target)?));
        }
        names.push((name.to_owned(), section.name()? != ".text"));
        functions.push(Function {
            section: section_index.0,
            slots: ((start / SLOT) as u64, (end / SLOT) as u64),
            insns: count_insns(code),
            calls,
        });
    }
    Ok(names
        .into_iter()
        .enumerate()
        .filter(|(_, (_, program))| *program)
        .map(|(index, (name, _))| (name, with_callees(&functions, index)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{count_insns, with_callees, Function};

    /// `r1 = 0 ll; r0 = 0; exit` as bytes.
    const CODE: [u8; 32] = [
        0x18, 0x01, 0, 0, 0, 0, 0, 0, // ld_imm64, first slot
        0, 0, 0, 0, 0, 0, 0, 0, // its second slot
        0xb7, 0, 0, 0, 0, 0, 0, 0, // mov r0, 0
        0x95, 0, 0, 0, 0, 0, 0, 0, // exit
    ];

    #[test]
    fn an_ld_imm64_is_one_instruction_in_two_slots() {
        assert_eq!(count_insns(&CODE), 3);
        assert_eq!(count_insns(&CODE[16..]), 2);
        assert_eq!(count_insns(&[]), 0);
    }

    #[test]
    fn called_functions_count_once_and_others_not_at_all() {
        let function = |section, slots, insns, calls| Function {
            section,
            slots,
            insns,
            calls,
        };
        let functions = [
            // Two programs in section 3, both calling `memset` (section 2, slot 4) and the
            // second also a static function of its own section.
            function(3, (0, 10), 9, vec![(2, 4)]),
            function(3, (10, 30), 18, vec![(2, 4), (3, 32), (2, 4)]),
            function(3, (30, 35), 5, vec![]),
            function(2, (0, 4), 4, vec![]),
            function(2, (4, 11), 7, vec![(2, 4)]),
        ];
        assert_eq!(with_callees(&functions, 0), 9 + 7);
        assert_eq!(with_callees(&functions, 1), 18 + 7 + 5);
        assert_eq!(with_callees(&functions, 3), 4);
    }
}
