//! `.BTF` (and `/sys/kernel/btf/vmlinux`): `Btf::parse`, written back, subsets.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| btf_reloc_fuzz::btf_blob(data));
