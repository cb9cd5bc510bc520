//! `e2e-ebpf/src/type_matches.rs` (object [`TypeMatches`](crate::objects::Bin::TypeMatches)):
//! `TYPE_MATCHES` (`type_matches`) of a few types, next to `TYPE_EXISTS`, `TYPE_ID_TARGET` and
//! `TYPE_SIZE` of the same types. aya 0.14 does not know the kind and refuses the object; the
//! kernel tests load it with libbpf (against made-up kernels through libbpf's
//! `btf_custom_path`, and against the running kernel) and read [`Results`] back from `.bss`.
//!
//! The declarations and [`read`] live here, so that the tests run the same queries on the host
//! against the host simulation of each kernel.
#![allow(non_camel_case_types)] // The declarations carry the kernel's type names.

use btf_reloc_runtime::prelude::*;
use btf_reloc_runtime::{type_exists, type_id_target, type_matches, type_size, BtfType};

use crate::outcome::encode_option;

/// libbpf's selftest `core_reloc` case `kernel`: `struct task_struct___local { int pid; struct
/// mm_struct___wrong *mm; }`, which matches any kernel's `task_struct` (`pid_t` is an `int`;
/// behind the pointer only the name, `mm_struct` once the flavor is stripped, and the kind
/// count).
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
#[btf(name = "task_struct___local")]
pub struct TaskLocal {
    /// `int pid`.
    pub pid: i32,
    /// `struct mm_struct___wrong *mm`.
    pub mm: KernelPtr<mm_struct___wrong>,
}

/// A `mm_struct` with a member no kernel has: never compared behind a pointer.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct mm_struct___wrong {
    /// No kernel has it.
    pub abc_whatever_should_not_exist: i32,
}

/// The struct the made-up kernels change: its members' ints by size, signedness and name, its
/// pointee by name and kind.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_shape {
    /// `unsigned int id` locally.
    pub id: u32,
    /// `long long int count` locally.
    pub count: i64,
    /// `struct btf_reloc_e2e_owner *owner`.
    pub owner: KernelPtr<btf_reloc_e2e_owner>,
}

/// Only pointed to.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
pub struct btf_reloc_e2e_owner {
    /// Never compared (behind a pointer).
    pub x: u32,
}

/// A union root: matches a union only.
#[allow(missing_debug_implementations)]
#[derive(BtfRelocatable, Clone, Copy)]
#[repr(C)]
pub union btf_reloc_e2e_either {
    /// `long long unsigned int word`.
    pub word: u64,
    /// `unsigned int half`.
    pub half: u32,
}

/// An enum: its size and enumerator names count, not the values.
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(name = "btf_reloc_e2e_level")]
pub enum Level {
    /// `LEVEL_LOW`.
    #[btf(rename = "LEVEL_LOW")]
    Low = 0,
    /// `LEVEL_HIGH`.
    #[btf(rename = "LEVEL_HIGH")]
    High = 1,
}

/// `typedef struct { unsigned int id; long long int count; } btf_reloc_e2e_anon_t;`: a typedef
/// root; under it, an anonymous struct matches only an anonymous one.
#[derive(BtfRelocatable, Debug)]
#[repr(C)]
#[btf(typedef = "btf_reloc_e2e_anon_t")]
pub struct AnonT {
    /// `unsigned int id`.
    pub id: u32,
    /// `long long int count`.
    pub count: i64,
}

/// `typedef enum { MODE_A, MODE_B } btf_reloc_e2e_mode_t;`
#[derive(BtfEnum, Clone, Copy, Debug)]
#[btf(typedef = "btf_reloc_e2e_mode_t")]
pub enum ModeT {
    /// `MODE_A`.
    #[btf(rename = "MODE_A")]
    A,
    /// `MODE_B`.
    #[btf(rename = "MODE_B")]
    B,
}

/// The types [`read`] asks about, in [`Results::types`] order, by the name `btf-reloc check`
/// gives them.
pub const TYPES: [&str; 7] = [
    "struct task_struct___local",
    "struct btf_reloc_e2e_shape",
    "union btf_reloc_e2e_either",
    "enum btf_reloc_e2e_level",
    "struct btf_reloc_e2e_owner",
    "typedef btf_reloc_e2e_anon_t",
    "typedef btf_reloc_e2e_mode_t",
];

/// `[type_exists, type_matches, type_id_target or -1, type_size or -1]` of `T`.
#[inline(always)]
fn info<T: BtfType>() -> [i64; 4] {
    [
        i64::from(type_exists::<T>()),
        i64::from(type_matches::<T>()),
        encode_option(type_id_target::<T>().map(|id| id as usize)),
        encode_option(type_size::<T>()),
    ]
}

/// What the program stores, in `.bss` (`static mut RESULTS`); the C loader dumps its bytes.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Results {
    /// How many times the program ran for the process under test.
    pub hits: u64,
    /// `[type_exists, type_matches, type_id_target or -1, type_size or -1]` of each of
    /// [`TYPES`], in order.
    pub types: [[i64; 4]; TYPES.len()],
}

impl Results {
    /// The results from the bytes the C loader printed (native endianness).
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let word = |i: usize| -> Option<i64> {
            let b = bytes.get(8 * i..8 * i + 8)?;
            Some(i64::from_ne_bytes([
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
            ]))
        };
        if bytes.len() != core::mem::size_of::<Self>() {
            return None;
        }
        let mut out = Self {
            hits: word(0)? as u64,
            ..Self::default()
        };
        for (t, slot) in out.types.iter_mut().enumerate() {
            for (w, value) in slot.iter_mut().enumerate() {
                *value = word(1 + 4 * t + w)?;
            }
        }
        Some(out)
    }
}

/// Every query of [`Results::types`].
#[inline(always)]
pub fn read() -> [[i64; 4]; TYPES.len()] {
    [
        info::<TaskLocal>(),
        info::<btf_reloc_e2e_shape>(),
        info::<btf_reloc_e2e_either>(),
        info::<Level>(),
        info::<btf_reloc_e2e_owner>(),
        info::<AnonT>(),
        info::<ModeT>(),
    ]
}

/// `fn type_matches`.
pub const PROGRAM: &str = "type_matches";
/// `static mut RESULTS: Results`.
pub const RESULTS: &str = "RESULTS";
