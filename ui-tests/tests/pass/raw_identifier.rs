// A raw identifier field (`r#type`) maps to kernel field `type`; its queries drop the `r#`.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct file {
    pub r#type: u32,
}

fn kind(f: KernelPtr<file>) -> Result<Option<u32>, RelocatableFieldAccessError> {
    f.r#type()
}

fn main() {
    let _ = kind;
    let _: bool = file::type_exists();
    let _: Option<usize> = file::type_byte_size();
}
