//! Compile-fail (`tests/ui/<category>/*.rs`) and must-compile (`tests/pass/*.rs`) tests of
//! `#[derive(BtfRelocatable)]` and `#[derive(BtfEnum)]`, through the `btf-reloc-runtime` facade
//! as users write them.
//!
//! The committed `.stderr` files are the output of the toolchain `rust-toolchain.toml` pins; on
//! any other compiler the build script leaves `pinned_rustc` unset and the test is ignored (with
//! a build warning naming both versions). After a toolchain bump, regenerate with
//! `TRYBUILD=overwrite cargo test -p btf-reloc-ui-tests` and read every changed `.stderr`.

#[test]
#[cfg_attr(
    not(pinned_rustc),
    ignore = "the .stderr files are for the rustc that rust-toolchain.toml pins, and this is \
              another one (the build warning names both)"
)]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/**/*.rs");
    t.pass("tests/pass/*.rs");
}
