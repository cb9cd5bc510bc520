//! Compile-fail tests of `#[derive(BtfRelocatable)]`; see `tests/ui.rs`.
