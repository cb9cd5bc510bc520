//! The snapshots `gen.rs` keeps compile with the derive as they are (warnings denied), and
//! under a host simulation of the BTF they were generated from, every field is where its doc
//! comment says: the offset and size queries of the structs relocations start at give the
//! documented values, each getter reads the bytes at the documented offset (through paths into
//! anonymous structs and into unions declared as structs), each bitfield reads its documented
//! bits, and the structs that are no roots answer `None`. The relocations are resolved by
//! `btf_reloc_btf::core`, libbpf's rules, independently of how the generator walked the BTF.

#[path = "support/edge_btf.rs"]
#[allow(dead_code)]
mod edge_btf;

#[deny(warnings)]
#[allow(dead_code, unreachable_pub)]
mod kernel_types {
    include!("snapshots/kernel_types.rs");
}

#[deny(warnings)]
#[allow(dead_code, unreachable_pub)]
mod e2e_types {
    include!("snapshots/e2e_types.rs");
}

#[deny(warnings)]
#[allow(dead_code, unreachable_pub)]
mod edge_cases {
    include!("snapshots/edge_cases.rs");
}

#[allow(non_snake_case)]
mod kernel_types_checks {
    use super::kernel_types::*;
    use super::support::*;
    include!("snapshots/kernel_types_checks.rs");
}

#[allow(non_snake_case)]
mod e2e_types_checks {
    use super::e2e_types::*;
    use super::support::*;
    include!("snapshots/e2e_types_checks.rs");
}

#[allow(non_snake_case)]
mod edge_cases_checks {
    use super::edge_cases::*;
    use super::support::*;
    include!("snapshots/edge_cases_checks.rs");
}

/// What the rendered checks call.
mod support {
    use std::mem::size_of;

    use btf_reloc_runtime::sim::{Btf, Memory, Simulation, SimulationGuard};
    use btf_reloc_runtime::RelocatableFieldAccessError;
    pub(crate) use btf_reloc_runtime::{KernelPtr, Ptr};

    /// Where the root struct of a check sits in simulated kernel memory.
    pub(crate) const BASE: u64 = 0x10_0000;

    type Read<T> = Result<Option<T>, RelocatableFieldAccessError>;

    /// A getter chain one step further: the next getter on the handle, if there is one.
    pub(crate) trait AndGet<H> {
        fn and_get<T>(self, next: impl FnOnce(H) -> Read<T>) -> Read<T>;
    }

    impl<H> AndGet<H> for Read<H> {
        fn and_get<T>(self, next: impl FnOnce(H) -> Read<T>) -> Read<T> {
            match self {
                Ok(Some(handle)) => next(handle),
                Ok(None) => Ok(None),
                Err(e) => Err(e),
            }
        }
    }

    /// The byte at offset `i` of patterned memory: neighbouring bytes and bytes 256 apart
    /// differ, so a read at a wrong offset reads other bytes.
    fn pattern(i: usize) -> u8 {
        (i.wrapping_mul(31) ^ (i >> 8).wrapping_mul(101)).wrapping_add(7) as u8
    }

    /// Runs checks against one BTF and collects every mismatch.
    pub(crate) struct Checker {
        btf: Btf,
        pub(crate) failures: Vec<String>,
        pub(crate) checked: usize,
    }

    impl Checker {
        pub(crate) fn new(btf: Btf) -> Self {
            Self {
                btf,
                failures: Vec::new(),
                checked: 0,
            }
        }

        fn check(&mut self, ok: bool, failure: impl FnOnce() -> String) {
            self.checked += 1;
            if !ok {
                self.failures.push(failure());
            }
        }

        fn simulate(&self, memory: Vec<u8>) -> SimulationGuard {
            let mut kernel = Memory::new();
            kernel.map(BASE, memory);
            Simulation::new()
                .with_btf(self.btf.clone())
                .with_kernel_memory(kernel)
                .install()
        }

        /// A simulation of the BTF over `size` bytes of patterned memory at [`BASE`].
        pub(crate) fn install(&self, size: u32) -> SimulationGuard {
            self.simulate((0..size.max(1) as usize).map(pattern).collect())
        }

        /// The offset and size queries of a root's field.
        pub(crate) fn offset(
            &mut self,
            what: &str,
            offset: Option<usize>,
            size: Option<usize>,
            want_offset: u64,
            want_size: u64,
        ) {
            let want = (Some(want_offset as usize), Some(want_size as usize));
            self.check((offset, size) == want, || {
                format!(
                    "{what}: (offset, size) {:?}, documented {want:?}",
                    (offset, size)
                )
            });
        }

        /// A field read by a getter: the bytes of patterned memory at `at`.
        pub(crate) fn value<T: Copy>(&mut self, what: &str, got: Read<T>, at: u64) {
            let want: Vec<u8> = (at as usize..at as usize + size_of::<T>())
                .map(pattern)
                .collect();
            let bytes = match got {
                Ok(Some(value)) => {
                    // SAFETY: `value` is a live `T` of `size_of::<T>()` bytes; the field types
                    // (integers, pointers, arrays of them) have no padding.
                    let bytes = unsafe {
                        std::slice::from_raw_parts((&raw const value).cast::<u8>(), size_of::<T>())
                    };
                    Ok(bytes.to_vec())
                }
                other => Err(other.map(|_| ())),
            };
            self.check(bytes.as_ref() == Ok(&want), || {
                format!("{what}: read {bytes:?}, the bytes at offset {at} are {want:?}")
            });
        }

        /// The handle of an embedded struct: the root's address plus its offset.
        pub(crate) fn embedded(&mut self, what: &str, got: Read<u64>, at: u64) {
            let want = Ok(Some(BASE + at));
            self.check(got == want, || {
                format!("{what}: handle address {got:?}, documented BASE + {at}")
            });
        }

        /// A bitfield: read from memory with only its bits set (all ones, or -1 when signed),
        /// then with only its bits clear (0).
        pub(crate) fn bitfield<T: Into<i128>>(
            &mut self,
            what: &str,
            root_size: u32,
            bit_offset: u64,
            bits: u32,
            signed: bool,
            read: impl Fn() -> Read<T>,
        ) {
            let size = root_size.max(1) as usize;
            for set in [true, false] {
                let mut memory = vec![if set { 0 } else { 0xff }; size];
                for bit in bit_offset..bit_offset + u64::from(bits) {
                    let (byte, mask) = ((bit / 8) as usize, 1u8 << (bit % 8));
                    if let Some(b) = memory.get_mut(byte) {
                        *b = if set { *b | mask } else { *b & !mask };
                    }
                }
                let _sim = self.simulate(memory);
                let got = read().map(|v| v.map(Into::into));
                let want = match (set, signed) {
                    (false, _) => 0,
                    (true, true) => -1,
                    (true, false) => (1i128 << bits) - 1,
                };
                self.check(got == Ok(Some(want)), || {
                    format!(
                        "{what}: bits {bit_offset}..+{bits} {}: read {got:?}, expected {want}",
                        if set { "set" } else { "clear" }
                    )
                });
            }
        }

        /// A field of a struct no relocation starts at: its queries answer `None`.
        pub(crate) fn not_root(&mut self, what: &str, offset: Option<usize>) {
            self.check(offset.is_none(), || {
                format!("{what}: not a root, but its offset query answered {offset:?}")
            });
        }
    }
}

fn run(btf: btf_reloc_btf::Btf, all: fn(&mut support::Checker), min: usize) {
    let mut checker = support::Checker::new(btf);
    all(&mut checker);
    assert!(
        checker.failures.is_empty(),
        "{} of {} checks failed:\n{}",
        checker.failures.len(),
        checker.checked,
        checker.failures.join("\n")
    );
    assert!(
        checker.checked >= min,
        "only {} checks ran",
        checker.checked
    );
}

fn fixture() -> btf_reloc_btf::Btf {
    let bytes = include_bytes!("fixtures/vmlinux-subset.btf");
    btf_reloc_btf::Btf::parse(bytes).expect("the fixture parses")
}

#[test]
fn kernel_types_are_where_their_docs_say() {
    run(fixture(), kernel_types_checks::all, 2000);
}

#[test]
fn e2e_types_are_where_their_docs_say() {
    run(fixture(), e2e_types_checks::all, 20);
}

#[test]
fn edge_cases_are_where_their_docs_say() {
    run(
        edge_btf::build().expect("the edge-case BTF builds"),
        edge_cases_checks::all,
        40,
    );
}
