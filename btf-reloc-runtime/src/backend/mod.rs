//! The two implementations of the intrinsics and of the probe read: marker instructions and BPF
//! helpers on `target_arch = "bpf"`, the thread-local simulation everywhere else.

#[cfg(target_arch = "bpf")]
mod bpf;
#[cfg(target_arch = "bpf")]
pub(crate) use bpf::*;

#[cfg(not(target_arch = "bpf"))]
mod host;
#[cfg(not(target_arch = "bpf"))]
pub(crate) use host::*;
