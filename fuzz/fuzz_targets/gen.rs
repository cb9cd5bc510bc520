//! `btf-reloc gen SPEC... --btf FILE`: the input is the specs and the BTF (`btf_reloc_fuzz::split`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (specs, btf) = btf_reloc_fuzz::split(data);
    btf_reloc_fuzz::gen_declarations(specs, btf);
});
