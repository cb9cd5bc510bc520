//! Tests on synthetic objects: the happy paths, malformed inputs, and a mutation loop.

mod check;
mod compact;
mod errors;
#[cfg(unix)]
mod file;
mod fixture;
mod fuzz;
mod kinds;
mod layout;
mod lines;
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

/// The immediate of instruction `n` (counted in instructions, an `ld_imm64` being one) of
/// `code`: the 64-bit one of an `ld_imm64`, the sign-extended 32-bit one of anything else (a
/// compacted marker is a `mov64`).
fn imm64(code: &[u8], n: usize) -> u64 {
    let mut off = 0;
    for _ in 0..n {
        off += if code[off] == 0x18 { 16 } else { 8 };
    }
    let lo = u32_at(code, off + 4).expect("insn");
    if code[off] != 0x18 {
        return i64::from(lo as i32) as u64;
    }
    let hi = u32_at(code, off + 12).expect("insn");
    u64::from(hi) << 32 | u64::from(lo)
}

/// Little-endian words of `data`.
fn words(data: &[u8]) -> Vec<u32> {
    data.chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
        .collect()
}
