//! Compaction: the last step of the post-link pass. It turns each relocated marker `ld_imm64`
//! (2 instruction slots) whose value always fits in a signed 32-bit immediate into the 1-slot
//! `mov64 rX, imm32` (`BPF_ALU64 | BPF_MOV | BPF_K`) that clang emits for the same relocation,
//! removes the freed slots, and moves everything that names an instruction position in the
//! sections it shrinks.
//!
//! Which markers become 1-slot: those whose `core_relo` record has a kind whose value, local or
//! the kernel's, is below 2^31 by construction — field byte offsets (libbpf computes them from a
//! 32-bit bit offset), field byte sizes and type sizes (32-bit BTF sizes; clang puts them in a
//! 32-bit immediate too), the existence, signedness and type-match flags (0 or 1), the bitfield
//! shifts (at most 64) and type ids (BTF ids are below 2^20). Both loaders accept a CO-RE record
//! on `mov64` (libbpf's `bpf_core_patch_insn` and aya-obj's `ComputedRelocation::apply` patch
//! `insn.imm` of any `BPF_ALU`/`BPF_ALU64` instruction with a `BPF_K` source), and both write
//! only the low 32 bits of the kernel's value there, which `mov64` sign-extends. That is why
//! `ENUMVAL_VALUE` stays an `ld_imm64`, as clang leaves it: a kernel's enum value may be 64-bit
//! or at least 2^31. The instruction must have the exact form libbpf patches and hold a local
//! value in `0..=i32::MAX`.
//!
//! What moves with the code of a compacted section: the `off` of jumps (`BPF_JMP`, `BPF_JMP32`)
//! and the `imm` of `gotol` (`BPF_JMP32 | BPF_JA`); the relative `imm` of BPF-to-BPF calls and of
//! `ld_imm64` callback addresses (`BPF_PSEUDO_FUNC`) without a relocation; for calls and callback
//! addresses resolved through an ELF relocation (from any section) the `imm` that, with the
//! symbol's value, names the callee (libbpf: `st_value / 8 + imm + 1` for calls,
//! `(st_value + imm) / 8` for addresses); the `r_offset` of the section's relocations; the value
//! and size of its symbols; the `insn_off` of its `func_info`, `line_info` and `core_relo`
//! records in `.BTF.ext`; the section size (the section shrinks in place).
//!
//! A section is left as it is (its markers stay 2-slot) when anything in it or pointing into it
//! cannot be moved with certainty: an indirect jump (`gotox`) or a `.jumptables` section, a
//! jump, call, symbol or record that lands on the removed slot or outside the section, a
//! relocation on the second slot of an `ld_imm64` or on an instruction that is no call or
//! `ld_imm64` but names code, a `RELA` relocation section, or a relocation from another section
//! (not `.BTF.ext`, not DWARF) whose symbol is in it. DWARF (`.debug_*` and their relocations)
//! is not rewritten and describes the code before compaction; loaders do not read it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use btf_reloc_btf::{ext::BtfExt, Btf};
use btf_reloc_format::RelocKind;
use object::elf::{SHN_XINDEX, SHT_REL, SHT_RELA, SHT_SYMTAB, STT_SECTION};

use crate::{
    bytes::{slice, u16_at, u32_at, u64_at, u8_at, us},
    elf::{relocation_entry_size, Elf, Rewrite, Section},
    error::Result,
    link::{BTF_EXT_SECTION, BTF_SECTION},
    markers::{self, LD_IMM64},
};

/// Size of one instruction slot.
const SLOT: usize = markers::INSN_SIZE;
/// `BPF_ALU64 | BPF_MOV | BPF_K`.
const MOV64_K: u8 = 0xb7;
const CLASS_JMP: u8 = 0x05;
const CLASS_JMP32: u8 = 0x06;
const OP_JA: u8 = 0x00;
const OP_CALL: u8 = 0x80;
const OP_EXIT: u8 = 0x90;
const SRC_X: u8 = 0x08;
const PSEUDO_CALL: u8 = 1;
const PSEUDO_FUNC: u8 = 4;
const SYM_SIZE: usize = 24;

/// What [`compact`] did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The compacted object, when anything was compacted.
    pub(crate) object: Option<Vec<u8>>,
    /// Markers made 1-slot, per section name.
    pub(crate) compacted: BTreeMap<String, usize>,
    /// Sections with candidates that were left as they are, and why.
    pub(crate) kept: BTreeMap<String, String>,
}

/// Whether a `core_relo` record of `kind` may sit on a 1-slot `mov64` (see the module docs).
pub(crate) fn fits_mov64(kind: u32) -> bool {
    RelocKind::from_u32(kind).is_some_and(|k| k != RelocKind::EnumvalValue)
}

/// One symbol table entry.
#[derive(Debug, Clone, Copy)]
struct Sym {
    /// File offset of the entry.
    entry: usize,
    shndx: usize,
    kind: u8,
    value: u64,
    size: u64,
}

/// One relocation entry of a `SHT_REL` section.
#[derive(Debug, Clone, Copy)]
struct Rel {
    /// File offset of the entry (its `r_offset` is the first word).
    entry: usize,
    offset: u64,
    sym: usize,
}

/// A code section being compacted: which slots start an instruction and which go.
#[derive(Debug)]
struct Plan {
    /// Per slot: whether an instruction starts there.
    starts: Vec<bool>,
    /// First slots of the `ld_imm64` that become `mov64`.
    shrink: BTreeSet<usize>,
    /// Per slot `i` (and one past the end): slots removed before `i`.
    removed_before: Vec<usize>,
}

impl Plan {
    fn new(code: &[u8], shrink: BTreeSet<usize>) -> std::result::Result<Self, String> {
        let slots = code.len() / SLOT;
        let mut starts = vec![false; slots];
        let mut i = 0;
        while i < slots {
            if let Some(s) = starts.get_mut(i) {
                *s = true;
            }
            i += if u8_at(code, i * SLOT) == Some(LD_IMM64) {
                2
            } else {
                1
            };
        }
        if i > slots {
            return Err("its last instruction is an ld_imm64 cut off by the section end".into());
        }
        if let Some(bad) = shrink
            .iter()
            .find(|&&s| !starts.get(s).copied().unwrap_or(false))
        {
            return Err(format!(
                "a CO-RE record names slot {bad}, which starts no instruction"
            ));
        }
        let mut removed_before = Vec::with_capacity(slots + 1);
        let mut removed = 0;
        for slot in 0..=slots {
            removed_before.push(removed);
            if shrink.contains(&slot) {
                removed += 1;
            }
        }
        Ok(Self {
            starts,
            shrink,
            removed_before,
        })
    }

    /// The new slot of instruction start `slot` (or of the section end); `None` for anything
    /// else (the second slot of an `ld_imm64`, which may be the removed one, or outside).
    fn map(&self, slot: i64) -> Option<usize> {
        let s = usize::try_from(slot).ok()?;
        let boundary = s == self.starts.len() || self.starts.get(s).copied().unwrap_or(false);
        if !boundary {
            return None;
        }
        Some(s - self.removed_before.get(s)?)
    }

    /// [`map`](Self::map) for an instruction (not the section end).
    fn map_insn(&self, slot: i64) -> Option<usize> {
        usize::try_from(slot)
            .ok()
            .filter(|&s| s < self.starts.len())
            .and_then(|_| self.map(slot))
    }

    /// [`map`](Self::map) for a byte offset.
    fn map_bytes(&self, off: u64) -> Option<u64> {
        if !off.is_multiple_of(SLOT as u64) {
            return None;
        }
        let slot = i64::try_from(off / SLOT as u64).ok()?;
        self.map(slot).map(|s| (s * SLOT) as u64)
    }
}

/// The patches a validated set of plans makes.
#[derive(Debug, Default)]
struct Patches {
    code: BTreeMap<usize, Vec<u8>>,
    words: Vec<(usize, u32)>,
    quads: Vec<(usize, u64)>,
}

/// Why a section cannot be compacted: the section and the reason.
type Refusal = (usize, String);

/// Everything compaction reads from the object.
struct Input<'e, 'a> {
    elf: &'e Elf<'a>,
    symbols: Vec<Sym>,
    /// Relocation entries per target section.
    rels: HashMap<usize, Vec<Rel>>,
    /// The instruction offsets `.BTF.ext` stores: `(section name, file offset, value)`.
    ext_fields: Vec<(String, usize, u32)>,
}

/// Compacts the markers of `object` (an object the link pass has just written) where it can;
/// see the module documentation.
pub(crate) fn compact(object: &[u8]) -> Result<Outcome> {
    let elf = Elf::parse(object)?;
    let mut outcome = Outcome::default();
    let (Some(btf_section), Some(ext_section)) = (
        elf.section_by_name(BTF_SECTION),
        elf.section_by_name(BTF_EXT_SECTION),
    ) else {
        return Ok(outcome);
    };
    let (Ok(btf), Ok(ext)) = (
        Btf::parse(elf.section_data(btf_section)?),
        BtfExt::parse(elf.section_data(ext_section)?),
    ) else {
        return Ok(outcome);
    };
    let ext_base = us(ext_section.offset).unwrap_or_default();
    // Every func_info, line_info and core_relo record moves the same way.
    let ext_fields: Vec<(String, usize, u32)> = ext
        .insn_offsets()
        .into_iter()
        .filter_map(|f| {
            let name = btf.str_at(f.sec_name_off)?.to_owned();
            Some((name, ext_base + f.at, f.insn_off))
        })
        .collect();

    // Candidates: per code section, the first slots of the ld_imm64 to shrink.
    let code_sections: Vec<&Section> = elf.sections.iter().filter(|s| s.is_exec()).collect();
    let mut candidates: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut refused_names: BTreeMap<String, String> = BTreeMap::new();
    let mut kinds_at: BTreeMap<(&str, u32), Vec<u32>> = BTreeMap::new();
    let records = ext
        .core_relos()
        .into_iter()
        .filter_map(|g| Some((btf.str_at(g.sec_name_off)?.to_owned(), g.records)));
    let records: Vec<(String, Vec<_>)> = records.collect();
    for (name, recs) in &records {
        for r in recs {
            kinds_at
                .entry((name.as_str(), r.insn_off))
                .or_default()
                .push(r.kind);
        }
    }
    for ((name, insn_off), kinds) in &kinds_at {
        let mut same_name = code_sections.iter().filter(|s| s.name == *name);
        let (Some(section), None) = (same_name.next(), same_name.next()) else {
            if code_sections.iter().any(|s| s.name == *name) {
                refused_names.insert(
                    (*name).to_owned(),
                    "several code sections have this name".into(),
                );
            }
            continue;
        };
        if !kinds.iter().all(|&k| fits_mov64(k)) {
            continue;
        }
        let code = elf.section_data(section)?;
        let at = *insn_off as usize;
        if !at.is_multiple_of(SLOT) || !is_plain_small_ld_imm64(code, at) {
            continue;
        }
        candidates
            .entry(section.index)
            .or_default()
            .insert(at / SLOT);
    }
    for (name, why) in refused_names {
        candidates.retain(|&i, _| elf.sections.get(i).is_none_or(|s| s.name != name));
        outcome.kept.insert(name, why);
    }
    if candidates.is_empty() {
        return Ok(outcome);
    }
    let name_of = |i: usize| {
        elf.sections
            .get(i)
            .map_or_else(|| format!("#{i}"), |s| s.name.clone())
    };
    if let Some(jt) = elf
        .sections
        .iter()
        .find(|s| s.name.starts_with(".jumptables"))
    {
        for &i in candidates.keys() {
            outcome.kept.insert(
                name_of(i),
                format!("the object has a `{}` section (indirect jumps)", jt.name),
            );
        }
        return Ok(outcome);
    }
    let symbols = match read_symbols(&elf)? {
        Ok(s) => s,
        Err(why) => {
            for &i in candidates.keys() {
                outcome.kept.insert(name_of(i), why.clone());
            }
            return Ok(outcome);
        }
    };
    let mut rels: HashMap<usize, Vec<Rel>> = HashMap::new();
    let mut rela_targets = BTreeSet::new();
    for rel_section in elf
        .sections
        .iter()
        .filter(|s| s.sh_type == SHT_REL || s.sh_type == SHT_RELA)
    {
        let Some(target) = us(rel_section.info) else {
            continue;
        };
        if rel_section.sh_type == SHT_RELA {
            rela_targets.insert(target);
        }
        let entsize = relocation_entry_size(rel_section)?;
        let base = us(rel_section.offset).unwrap_or_default();
        let data = elf.section_data(rel_section)?;
        for (k, entry) in data.chunks_exact(entsize).enumerate() {
            let offset = u64_at(entry, 0).unwrap_or_default();
            let info = u64_at(entry, 8).unwrap_or_default();
            rels.entry(target).or_default().push(Rel {
                entry: base + k * entsize,
                offset,
                sym: us(info >> 32).unwrap_or(usize::MAX),
            });
        }
    }
    let input = Input {
        elf: &elf,
        symbols,
        rels,
        ext_fields,
    };
    for target in rela_targets {
        if candidates.remove(&target).is_some() {
            outcome
                .kept
                .insert(name_of(target), "its relocations are RELA".into());
        }
    }

    // Drop refused sections until the rest is consistent (each round drops one).
    let patches = loop {
        if candidates.is_empty() {
            return Ok(outcome);
        }
        let mut plans = BTreeMap::new();
        let mut refusal = None;
        for (&index, shrink) in &candidates {
            let section = elf
                .sections
                .get(index)
                .ok_or_else(|| crate::Error::MalformedElf(format!("no section {index}")))?;
            match Plan::new(elf.section_data(section)?, shrink.clone()) {
                Ok(plan) => {
                    plans.insert(index, plan);
                }
                Err(why) => {
                    refusal = Some((index, why));
                    break;
                }
            }
        }
        let result = match refusal {
            Some(r) => Err(r),
            None => validate(&input, &plans)?,
        };
        match result {
            Ok(patches) => break patches,
            Err((index, why)) => {
                if candidates.remove(&index).is_none() {
                    // Not a planned section: nothing would change next round; keep them all.
                    for (&i, _) in std::mem::take(&mut candidates).iter() {
                        outcome.kept.insert(name_of(i), why.clone());
                    }
                    return Ok(outcome);
                }
                outcome.kept.insert(name_of(index), why);
            }
        }
    };

    let mut rewrite = Rewrite::new(&elf)?;
    for (&index, code) in &patches.code {
        rewrite.shrink_section_data(index, code)?;
    }
    for &(at, v) in &patches.words {
        rewrite.patch_u32(at, v)?;
    }
    for &(at, v) in &patches.quads {
        rewrite.patch_u64(at, v)?;
    }
    for (&index, shrink) in &candidates {
        outcome.compacted.insert(name_of(index), shrink.len());
    }
    outcome.object = Some(rewrite.finish()?);
    Ok(outcome)
}

/// Whether `code` has at byte `at` an `ld_imm64` of the exact form libbpf patches (no source
/// register, zero offsets, a zero second half but for its immediate) holding `0..=i32::MAX`.
fn is_plain_small_ld_imm64(code: &[u8], at: usize) -> bool {
    let Some(insn) = slice(code, at, 2 * SLOT) else {
        return false;
    };
    let zero = |r: std::ops::Range<usize>| insn.get(r).is_some_and(|b| b.iter().all(|&x| x == 0));
    let lo = u32_at(insn, 4).unwrap_or(u32::MAX);
    let hi = u32_at(insn, 12).unwrap_or(u32::MAX);
    u8_at(insn, 0) == Some(LD_IMM64)
        && u8_at(insn, 1).is_some_and(|r| r >> 4 == 0)
        && zero(2..4)
        && zero(8..12)
        && hi == 0
        && i32::try_from(lo).is_ok()
}

/// The symbol table, or why compaction cannot trust it.
fn read_symbols(elf: &Elf<'_>) -> Result<std::result::Result<Vec<Sym>, String>> {
    let Some(symtab) = elf.sections.iter().find(|s| s.sh_type == SHT_SYMTAB) else {
        return Ok(Ok(Vec::new()));
    };
    let base = us(symtab.offset).unwrap_or_default();
    let data = elf.section_data(symtab)?;
    let mut out = Vec::new();
    for (k, entry) in data.chunks_exact(SYM_SIZE).enumerate() {
        let shndx = u16_at(entry, 6).unwrap_or_default();
        if shndx == SHN_XINDEX {
            return Ok(Err("the symbol table uses extended section indices".into()));
        }
        out.push(Sym {
            entry: base + k * SYM_SIZE,
            shndx: usize::from(shndx),
            kind: u8_at(entry, 4).unwrap_or_default() & 0x0f,
            value: u64_at(entry, 8).unwrap_or_default(),
            size: u64_at(entry, 16).unwrap_or_default(),
        });
    }
    Ok(Ok(out))
}

/// Checks that everything naming a position in the planned sections can be moved, and computes
/// the patches; or names a section to leave alone.
fn validate(
    input: &Input<'_, '_>,
    plans: &BTreeMap<usize, Plan>,
) -> Result<std::result::Result<Patches, Refusal>> {
    let elf = input.elf;
    let mut patches = Patches::default();
    // A symbol's new value: unchanged outside the planned sections.
    let new_value = |sym: &Sym| -> Option<u64> {
        match plans.get(&sym.shndx) {
            Some(plan) => plan.map_bytes(sym.value),
            None => Some(sym.value),
        }
    };
    // The new slot of `slot` in section `index`.
    let map_in = |index: usize, slot: i64| -> Option<i64> {
        match plans.get(&index) {
            Some(plan) => plan.map_insn(slot).and_then(|s| i64::try_from(s).ok()),
            None => Some(slot),
        }
    };

    for section in elf.sections.iter().filter(|s| s.is_exec()) {
        let index = section.index;
        let code = elf.section_data(section)?;
        let plan = plans.get(&index);
        let refuse = |why: String| Ok(Err((index, why)));
        // A reference that cannot move is the referenced section's problem when that one moves.
        let blame = |other: usize| {
            if plans.contains_key(&other) {
                other
            } else {
                index
            }
        };
        let rels: HashMap<u64, &Rel> = input
            .rels
            .get(&index)
            .map(|v| v.iter().map(|r| (r.offset, r)).collect())
            .unwrap_or_default();
        let mut out = Vec::with_capacity(code.len());
        let slots = code.len() / SLOT;
        let mut i = 0;
        while i < slots {
            let at = i * SLOT;
            let wide = u8_at(code, at) == Some(LD_IMM64);
            let width = if wide { 2 } else { 1 };
            let Some(raw) = slice(code, at, width * SLOT) else {
                // Plan::new refused such a section; elsewhere the tail is copied as it is.
                out.extend_from_slice(code.get(at..).unwrap_or_default());
                break;
            };
            let mut insn = raw.to_vec();
            let here = i as i64;
            let code_byte = raw.first().copied().unwrap_or_default();
            let src = raw.get(1).copied().unwrap_or_default() >> 4;
            let off = i16::from_le_bytes([
                raw.get(2).copied().unwrap_or(0),
                raw.get(3).copied().unwrap_or(0),
            ]);
            let imm = i32::from_le_bytes([
                raw.get(4).copied().unwrap_or(0),
                raw.get(5).copied().unwrap_or(0),
                raw.get(6).copied().unwrap_or(0),
                raw.get(7).copied().unwrap_or(0),
            ]);
            let rel = rels.get(&(at as u64)).copied();
            // The symbol of the relocation on this instruction, when it lives in code.
            let code_sym = rel
                .and_then(|r| input.symbols.get(r.sym))
                .filter(|s| elf.sections.get(s.shndx).is_some_and(Section::is_exec))
                .copied();
            if plan.is_none() {
                // Outside the planned sections only references into them change; a problem
                // with one is the referenced section's.
                let Some(sym) = code_sym.filter(|s| plans.contains_key(&s.shndx)) else {
                    out.extend_from_slice(raw);
                    i += width;
                    continue;
                };
                if !(wide || is_pseudo_call(raw)) {
                    return Ok(Err((
                        sym.shndx,
                        format!(
                            "insn {i} of `{}` names code in it but is no call or ld_imm64",
                            section.name
                        ),
                    )));
                }
                let mut insn = raw.to_vec();
                let fixed = fix_code_reference(&mut insn, sym, i, imm, map_in, new_value);
                match fixed {
                    Ok(()) => out.extend_from_slice(&insn),
                    Err(why) => return Ok(Err((sym.shndx, why))),
                }
                i += width;
                continue;
            }
            if wide && rels.contains_key(&((at + SLOT) as u64)) {
                return refuse(format!(
                    "a relocation sits on the second slot of the ld_imm64 at insn {i}"
                ));
            }
            let class = code_byte & 0x07;
            let op = code_byte & 0xf0;
            let fail_target = |what: &str, target: i64| {
                format!("the {what} at insn {i} targets slot {target}, which cannot be moved")
            };
            if code_sym.is_some() && !(wide || is_pseudo_call(raw)) {
                return refuse(format!(
                    "insn {i} carries a relocation to code but is no call or ld_imm64"
                ));
            }
            if plan.is_some_and(|p| p.shrink.contains(&i)) {
                if rel.is_some() {
                    return refuse(format!("the marker at insn {i} carries a relocation"));
                }
                insn = vec![
                    MOV64_K,
                    raw.get(1).copied().unwrap_or_default() & 0x0f,
                    0,
                    0,
                ];
                insn.extend_from_slice(raw.get(4..8).unwrap_or(&[0; 4]));
            } else if (class == CLASS_JMP || class == CLASS_JMP32) && !wide {
                if class == CLASS_JMP && op == OP_CALL {
                    if src == PSEUDO_CALL {
                        if let Some(sym) = code_sym {
                            if let Err(why) =
                                fix_code_reference(&mut insn, sym, i, imm, map_in, new_value)
                            {
                                return Ok(Err((blame(sym.shndx), why)));
                            }
                        } else if rel.is_none() {
                            let target = here + i64::from(imm) + 1;
                            let Some(new_imm) = relative(plan, here, target) else {
                                return refuse(fail_target("call", target));
                            };
                            if set_imm(&mut insn, new_imm).is_none() {
                                return refuse(format!("the call at insn {i} overflows"));
                            }
                        }
                    }
                } else if class == CLASS_JMP && op == OP_EXIT {
                } else if class == CLASS_JMP && op == OP_JA && code_byte & SRC_X != 0 {
                    return refuse(format!("insn {i} is an indirect jump (gotox)"));
                } else if rel.is_some() {
                    return refuse(format!("the jump at insn {i} carries a relocation"));
                } else if class == CLASS_JMP32 && op == OP_JA {
                    let target = here + i64::from(imm) + 1;
                    let Some(new_imm) = relative(plan, here, target) else {
                        return refuse(fail_target("gotol", target));
                    };
                    if set_imm(&mut insn, new_imm).is_none() {
                        return refuse(format!("insn {i}'s new immediate overflows"));
                    }
                } else {
                    let target = here + i64::from(off) + 1;
                    let new_off = relative(plan, here, target).and_then(|o| i16::try_from(o).ok());
                    let Some(new_off) = new_off else {
                        return refuse(fail_target("jump", target));
                    };
                    if let Some(b) = insn.get_mut(2..4) {
                        b.copy_from_slice(&new_off.to_le_bytes());
                    }
                }
            } else if wide {
                if let Some(sym) = code_sym {
                    if let Err(why) = fix_code_reference(&mut insn, sym, i, imm, map_in, new_value)
                    {
                        return Ok(Err((blame(sym.shndx), why)));
                    }
                } else if rel.is_none() && src == PSEUDO_FUNC {
                    let target = here + i64::from(imm) + 1;
                    let Some(new_imm) = relative(plan, here, target) else {
                        return refuse(fail_target("callback address", target));
                    };
                    if set_imm(&mut insn, new_imm).is_none() {
                        return refuse(format!("insn {i}'s new immediate overflows"));
                    }
                }
            }
            out.extend_from_slice(&insn);
            i += width;
        }

        let Some(plan) = plan else {
            if out != code {
                patches.code.insert(index, out);
            }
            continue;
        };
        // The section's own relocations.
        for r in input.rels.get(&index).into_iter().flatten() {
            let Some(new) = plan.map_bytes(r.offset).filter(|&o| o < out.len() as u64) else {
                return refuse(format!(
                    "a relocation at {:#x} is on no instruction start",
                    r.offset
                ));
            };
            if new != r.offset {
                patches.quads.push((r.entry, new));
            }
        }
        // Its symbols.
        for sym in input.symbols.iter().filter(|s| s.shndx == index) {
            if sym.kind == STT_SECTION && sym.value == 0 {
                continue;
            }
            let start = plan.map_bytes(sym.value);
            let end = sym
                .value
                .checked_add(sym.size)
                .and_then(|e| plan.map_bytes(e));
            let (Some(start), Some(end)) = (start, end) else {
                return refuse(format!(
                    "a symbol ({:#x}, {} bytes) does not span whole instructions",
                    sym.value, sym.size
                ));
            };
            if start != sym.value {
                patches.quads.push((sym.entry + 8, start));
            }
            if sym.size != 0 && end - start != sym.size {
                patches.quads.push((sym.entry + 16, end - start));
            }
        }
        // Its func_info, line_info and core_relo records.
        for (_, at, insn_off) in input.ext_fields.iter().filter(|f| f.0 == section.name) {
            let new = plan
                .map_bytes(u64::from(*insn_off))
                .filter(|&o| o < out.len() as u64)
                .and_then(|o| u32::try_from(o).ok());
            let Some(new) = new else {
                return refuse(format!(
                    "a .BTF.ext record names byte {insn_off:#x}, on no instruction start"
                ));
            };
            if new != *insn_off {
                patches.words.push((*at, new));
            }
        }
        patches.code.insert(index, out);
    }

    // Relocations from other sections into planned ones: `.BTF.ext` is handled above through its
    // records (its relocations' implicit addends are those `insn_off` fields), DWARF is left
    // stale, anything else is not understood.
    for (&target, rels) in &input.rels {
        let Some(target_section) = elf.sections.get(target) else {
            continue;
        };
        if target_section.is_exec()
            || target_section.name == BTF_EXT_SECTION
            || target_section.name.starts_with(".debug")
        {
            continue;
        }
        for r in rels {
            if let Some(sym) = input.symbols.get(r.sym) {
                if plans.contains_key(&sym.shndx) {
                    return Ok(Err((
                        sym.shndx,
                        format!(
                            "section `{}` has a relocation to a symbol in it",
                            target_section.name
                        ),
                    )));
                }
            }
        }
    }
    Ok(Ok(patches))
}

/// Moves the code reference of `insn` (at slot `i`, immediate `imm`) that an ELF relocation
/// resolves through `sym`: a call names `st_value / 8 + imm + 1`, an `ld_imm64` code address
/// `(st_value + imm) / 8` (libbpf's rules; aya's agree for the immediates LLVM writes).
fn fix_code_reference(
    insn: &mut [u8],
    sym: Sym,
    i: usize,
    imm: i32,
    map_in: impl Fn(usize, i64) -> Option<i64>,
    new_value: impl Fn(&Sym) -> Option<u64>,
) -> std::result::Result<(), String> {
    let wide = insn.first() == Some(&LD_IMM64);
    let what = if wide { "code address" } else { "call" };
    let value = i64::try_from(sym.value)
        .ok()
        .filter(|v| v % SLOT as i64 == 0);
    let target = value.and_then(|v| {
        if wide {
            let bytes = v + i64::from(imm);
            (bytes % SLOT as i64 == 0).then_some(bytes / SLOT as i64)
        } else {
            Some(v / SLOT as i64 + i64::from(imm) + 1)
        }
    });
    let Some(target) = target else {
        return Err(format!(
            "the {what} at insn {i} does not name an instruction"
        ));
    };
    let new_val = new_value(&sym).and_then(|v| i64::try_from(v).ok());
    let (Some(new_target), Some(new_val)) = (map_in(sym.shndx, target), new_val) else {
        return Err(format!(
            "the {what} at insn {i} targets slot {target} of its section, which cannot be moved"
        ));
    };
    let new_imm = if wide {
        new_target * SLOT as i64 - new_val
    } else {
        new_target - new_val / SLOT as i64 - 1
    };
    if set_imm(insn, new_imm).is_none() {
        return Err(format!("the {what} at insn {i} overflows"));
    }
    Ok(())
}

/// The new relative offset (`target - here - 1` in new slots) of a jump or call in a section
/// with `plan` (or none: nothing moves), when both ends are instructions.
fn relative(plan: Option<&Plan>, here: i64, target: i64) -> Option<i64> {
    match plan {
        Some(plan) => {
            let to = i64::try_from(plan.map_insn(target)?).ok()?;
            let from = i64::try_from(plan.map_insn(here)?).ok()?;
            Some(to - from - 1)
        }
        None => Some(target - here - 1),
    }
}

/// Whether `insn` is a BPF-to-BPF call.
fn is_pseudo_call(insn: &[u8]) -> bool {
    insn.first() == Some(&(CLASS_JMP | OP_CALL))
        && insn.get(1).is_some_and(|r| r >> 4 == PSEUDO_CALL)
}

/// Writes `imm` into the immediate of `insn`; `None` when it does not fit.
fn set_imm(insn: &mut [u8], imm: i64) -> Option<()> {
    let imm = i32::try_from(imm).ok()?;
    insn.get_mut(4..8)?.copy_from_slice(&imm.to_le_bytes());
    Some(())
}
