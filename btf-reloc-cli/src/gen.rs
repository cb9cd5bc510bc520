//! Rust declarations for `#[derive(BtfRelocatable)]` generated from BTF (work in progress).
