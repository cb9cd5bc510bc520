//! Finding marker instructions: `ld_imm64` whose immediate is a marker (`btf_reloc_format::marker`)
//! and that no ELF relocation targets (map and global-data references are `ld_imm64` too, but the
//! linker leaves a relocation on them).

use btf_reloc_format::marker::Marker as Immediate;

use crate::{
    bytes::{slice, u32_at, u8_at},
    elf::Elf,
    error::{Error, Result},
};

/// Opcode of `ld_imm64` (`BPF_LD | BPF_IMM | BPF_DW`).
pub(crate) const LD_IMM64: u8 = 0x18;
/// Size of one instruction slot.
pub(crate) const INSN_SIZE: usize = 8;

/// One marker instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Index of the ELF section holding it.
    pub(crate) section: usize,
    /// Byte offset of its first slot in the section.
    pub(crate) offset: usize,
    /// Bits 32..48 of the immediate: the relocation kind.
    pub(crate) kind: u32,
    /// Low 32 bits of the immediate: the id of an access path, a type or an enum value,
    /// depending on the kind (see `paths`).
    pub(crate) id: u32,
    /// Whether the instruction has the exact form libbpf patches (no source register, zero
    /// offsets, zero second opcode/registers).
    pub(crate) well_formed: bool,
}

impl Marker {
    /// Instruction index in the section.
    pub(crate) fn insn(&self) -> usize {
        self.offset / INSN_SIZE
    }
}

/// Every marker in the executable sections of `elf`, in section then offset order.
pub(crate) fn find(elf: &Elf<'_>) -> Result<Vec<Marker>> {
    let mut markers = Vec::new();
    for section in elf.sections.iter().filter(|s| s.is_exec()) {
        let code = elf.section_data(section)?;
        if code.len() % INSN_SIZE != 0 {
            return Err(Error::MalformedElf(format!(
                "executable section `{}` is {} bytes, not a whole number of instructions",
                section.name,
                code.len()
            )));
        }
        let relocated = elf.relocated_offsets(section.index)?;
        let mut pos = 0;
        while let Some(insn) = slice(code, pos, 2 * INSN_SIZE) {
            if u8_at(insn, 0) != Some(LD_IMM64) {
                pos += INSN_SIZE;
                continue;
            }
            let lo = u32_at(insn, 4).unwrap_or_default();
            let hi = u32_at(insn, 12).unwrap_or_default();
            let imm = u64::from(hi) << 32 | u64::from(lo);
            let has_reloc = relocated.contains(&(pos as u64))
                || relocated.contains(&((pos + INSN_SIZE) as u64));
            if let (Some(found), false) = (Immediate::decode(imm), has_reloc) {
                let src_reg = u8_at(insn, 1).unwrap_or_default() >> 4;
                let zero = |range: std::ops::Range<usize>| {
                    insn.get(range).is_some_and(|b| b.iter().all(|&x| x == 0))
                };
                markers.push(Marker {
                    section: section.index,
                    offset: pos,
                    kind: found.kind,
                    id: found.id,
                    well_formed: src_reg == 0 && zero(2..4) && zero(8..12),
                });
            }
            pos += 2 * INSN_SIZE;
        }
    }
    Ok(markers)
}
