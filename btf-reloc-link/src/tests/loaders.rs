//! Writes post-linked fixture objects for checks with real loaders, which cannot run in
//! `cargo test` (they need root and a kernel with BTF):
//!
//! ```sh
//! BTF_RELOC_FIXTURE_DIR=/tmp/fixtures cargo test -p btf-reloc-link write_fixture_objects -- --ignored
//! bpftool btf dump file /tmp/fixtures/loadable-btf.o
//! bpftool -d prog loadall /tmp/fixtures/loadable-btf.o /sys/fs/bpf/btf-reloc-fixture
//! ```
//!
//! `kinds.o` holds one relocation of every kind this crate emits, on paths through embedded
//! structs and arrays of the kernel's `task_struct` and on `enum pid_type` (as `ENUM`, `ENUM64`
//! and an `ENUM` whose value needs sign extension): libbpf checks every marker's local value
//! before patching it ("unexpected insn #N (LDIMM64) value" otherwise), so a successful
//! `loadall` confirms them all.

use super::fixture::Fixture;
use crate::{link, LinkOutcome};

#[test]
#[ignore = "writes files for manual checks with bpftool/aya; set BTF_RELOC_FIXTURE_DIR"]
fn write_fixture_objects() {
    let Some(dir) = std::env::var_os("BTF_RELOC_FIXTURE_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create dir");
    for (name, fixture) in [
        ("loadable-btf", Fixture::loadable(true)),
        ("loadable-nobtf", Fixture::loadable(false)),
        (
            "loadable-datasec",
            Fixture {
                btf: Some(super::fixture::minimal_btf_with_datasec()),
                ..Fixture::loadable(true)
            },
        ),
        ("kinds", Fixture::kinds()),
        (
            "kinds-nobtf",
            Fixture {
                btf: None,
                btf_ext: None,
                ..Fixture::kinds()
            },
        ),
        ("standard-btf", Fixture::with_btf(32)),
        ("standard-btf24", Fixture::with_btf(24)),
    ] {
        let input = fixture.build();
        std::fs::write(dir.join(format!("{name}.in.o")), &input).expect("write input");
        let LinkOutcome::Linked { object, .. } = link(&input).expect("link") else {
            panic!("{name}: nothing to do");
        };
        std::fs::write(dir.join(format!("{name}.o")), object).expect("write output");
    }
}
