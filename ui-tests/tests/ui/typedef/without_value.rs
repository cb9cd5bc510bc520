// `typedef` needs the typedef's name.
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum)]
#[btf(typedef)]
pub enum AnonEnum {
    #[btf(rename = "ANON_ENUM_VAL1")]
    Val1,
}

fn main() {}
