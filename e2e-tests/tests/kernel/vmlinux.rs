//! The running kernel's BTF through `btf_reloc_btf`: parsing `/sys/kernel/btf/vmlinux` and
//! writing it back gives the same bytes (every kind the kernel emits is modelled exactly).

use btf_reloc_e2e_tests::btf_layout;

use crate::harness::run;

#[test]
fn round_trips_byte_for_byte() {
    run(|_| {
        let bytes = std::fs::read("/sys/kernel/btf/vmlinux")?;
        let written = btf_layout::vmlinux()?.to_bytes()?;
        if written == bytes {
            Ok(())
        } else {
            let first = written.iter().zip(&bytes).position(|(a, b)| a != b);
            Err(format!(
                "written back, vmlinux's {} bytes became {} (first difference at {first:?})",
                bytes.len(),
                written.len()
            )
            .into())
        }
    });
}
