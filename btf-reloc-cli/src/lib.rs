//! The `btf-reloc` command line. Each command lives in its own module of [`cmd`]; the library
//! work they do lives in `btf-reloc-link` (post-linking, dumping and checking objects) and here
//! ([`gen`]: Rust declarations from BTF).

pub mod cmd;
pub mod gen;
