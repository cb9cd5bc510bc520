// The same getters work on user memory through UserPtr.
use btf_reloc_runtime::prelude::*;

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sockaddr_in {
    pub sin_family: u16,
    pub sin_port: u16,
}

fn port(addr: UserPtr<sockaddr_in>) -> Result<Option<u16>, RelocatableFieldAccessError> {
    addr.sin_port()
}

fn main() {
    let _ = port;
}
