//! `.BTF.ext`: `BtfExt::parse` and the rewrite `link` does.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| btf_reloc_fuzz::btf_ext_section(data));
