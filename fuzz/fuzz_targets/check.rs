//! `btf-reloc check OBJ --btf FILE`: the input is the object and the target BTF
//! (`btf_reloc_fuzz::split`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (object, btf) = btf_reloc_fuzz::split(data);
    btf_reloc_fuzz::check_object(object, btf);
});
