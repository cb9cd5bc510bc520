//! BTF for btf-reloc (work in progress).
