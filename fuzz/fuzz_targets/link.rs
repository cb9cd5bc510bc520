//! `btf-reloc link` and `dump` on an object: the ELF container, the descriptor records, `.BTF`
//! and `.BTF.ext` (see `btf_reloc_fuzz` for the properties).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    btf_reloc_fuzz::link_object(data);
    // With the descriptor checksums recomputed, a mutated record reaches the checks behind them.
    if let Some(resealed) = btf_reloc_fuzz::resealed(data) {
        btf_reloc_fuzz::link_object(&resealed);
    }
});
