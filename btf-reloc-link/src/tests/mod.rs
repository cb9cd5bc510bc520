//! Tests on synthetic objects: the happy paths, malformed inputs, and a mutation loop.

mod check;
mod errors;
#[cfg(unix)]
mod file;
mod fixture;
mod fuzz;
mod kinds;
mod layout;
mod link;
mod loaders;
mod types;

use crate::{bytes::u32_at, elf::Elf};

/// The bytes of section `name` of `elf`.
fn section<'a>(elf: &Elf<'a>, name: &str) -> &'a [u8] {
    let s = elf
        .section_by_name(name)
        .unwrap_or_else(|| panic!("no section {name}"));
    elf.section_data(s).expect("section data")
}

/// The immediate of the `ld_imm64` at byte `off` of `code`.
fn imm64(code: &[u8], off: usize) -> u64 {
    let lo = u32_at(code, off + 4).expect("insn");
    let hi = u32_at(code, off + 12).expect("insn");
    u64::from(hi) << 32 | u64::from(lo)
}

/// Little-endian words of `data`.
fn words(data: &[u8]) -> Vec<u32> {
    data.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
        .collect()
}
