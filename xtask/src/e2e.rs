//! The kernel end-to-end tests: a table of named tests, each loading the
//! post-linked objects into the running kernel and checking what its
//! programs saw against ground truth from syscalls. Prints `ok NAME` or
//! `FAILED NAME: reason` per test, then `N passed, M failed`.
//!
//! The tests live in groups, one module each ([`live`]: the running kernel's own BTF;
//! [`synthetic`]: made-up target BTF given to aya; [`loaders`]: other CO-RE loaders). To add a
//! test: write `fn(&mut Ctx) -> Result<()>` and add it to its group's `TESTS`.

mod core_read;
mod flavors;
mod live;
mod loaders;
mod synthetic;
mod synthetic_core;

pub(crate) use live::slot as task_fields_slot;

use std::{path::Path, process::ExitCode};

use aya::Ebpf;

use crate::{
    ebpf::{Bin, Objects, Variant},
    error_chain, kernel, Result,
};

/// What every test gets: the objects to load (already post-linked).
#[derive(Debug)]
pub(crate) struct Ctx {
    objects: Objects,
}

impl Ctx {
    /// The object of `variant`, as the post-link step left it.
    pub(crate) fn object(&self, variant: Variant) -> &Path {
        self.objects.path(variant)
    }

    /// Loads the object of `bin` and `variant` for this process (see [`kernel::load`]).
    pub(crate) fn load_bin(&self, bin: Bin, variant: Variant) -> Result<Ebpf> {
        kernel::load(self.objects.path_of(bin, variant))
    }

    /// Loads the main object of `variant` for this process (see [`kernel::load`]).
    pub(crate) fn load(&self, variant: Variant) -> Result<Ebpf> {
        kernel::load(self.object(variant))
    }
}

/// A named kernel test.
pub(crate) struct Test {
    pub(crate) name: &'static str,
    pub(crate) run: fn(&mut Ctx) -> Result<()>,
}

/// Every group's tests, in order.
fn all_tests() -> impl Iterator<Item = &'static Test> {
    live::TESTS
        .iter()
        .chain(flavors::TESTS)
        .chain(core_read::TESTS)
        .chain(synthetic::TESTS)
        .chain(synthetic_core::TESTS)
        .chain(loaders::TESTS)
}

/// Runs the tests whose name contains `filter` against `objects`; fails if
/// any test fails.
pub(crate) fn run(objects: Objects, filter: Option<&str>) -> Result<ExitCode> {
    let selected: Vec<&Test> = all_tests()
        .filter(|test| filter.is_none_or(|filter| test.name.contains(filter)))
        .collect();
    if selected.is_empty() {
        return Err(format!("no test name contains `{}`", filter.unwrap_or_default()).into());
    }
    let mut ctx = Ctx { objects };
    let (mut passed, mut failed) = (0, 0);
    for test in selected {
        match (test.run)(&mut ctx) {
            Ok(()) => {
                passed += 1;
                println!("ok {}", test.name);
            }
            Err(error) => {
                failed += 1;
                // Verifier logs span lines: indent them under the test.
                let reason = error_chain(error.as_ref()).replace('\n', "\n    ");
                println!("FAILED {}: {reason}", test.name);
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
