//! The eBPF backend: each intrinsic is one `ld_imm64` marker instruction, reads are BPF helper
//! calls.
//!
//! A marker's immediate is `btf_reloc_format::marker::marker(kind, id)`. `btf-reloc link` replaces
//! it with the local value and records a `.BTF.ext` CO-RE relocation for it, so the loader (aya,
//! libbpf, cilium/ebpf) writes the running kernel's value into the instruction.

use core::ffi::c_void;
use core::mem::{size_of, MaybeUninit};

use crate::direct::DirectValue;
use crate::field::{BtfEnum, BtfType, FieldType};
use crate::path::Path;
use crate::ptr::Space;
use btf_reloc_format::marker::{marker, NOT_POST_LINKED_HELPER, REQUIRED_SIZE_MISMATCH_HELPER};
use btf_reloc_format::RelocKind;

/// One marker instruction with immediate `IMM`.
macro_rules! marker {
    ($imm:expr) => {{
        let value: u64;
        // SAFETY: the instruction only loads a 64-bit constant into the output register: it
        // reads and writes no memory and leaves the stack alone. It is deliberately not `pure`:
        // a pure asm could be hoisted above the existence check that must guard the size and
        // offset markers.
        unsafe {
            core::arch::asm!("{0} = {1} ll", out(reg) value, const $imm, options(nomem, nostack));
        }
        value
    }};
}

/// The kind with uapi value `KIND` (the intrinsics pass only valid values).
const fn kind(value: u32) -> RelocKind {
    match RelocKind::from_u32(value) {
        Some(kind) => kind,
        None => RelocKind::FieldExists,
    }
}

#[inline(always)]
pub(crate) fn field_info<P: Path, const KIND: u32>() -> u64 {
    marker!(marker(kind(KIND), P::ID))
}

#[inline(always)]
pub(crate) fn type_info<T: BtfType, const KIND: u32>() -> u64 {
    marker!(marker(kind(KIND), T::TYPE.type_id()))
}

#[inline(always)]
pub(crate) fn enum_info<E: BtfEnum, const I: usize, const KIND: u32>() -> u64 {
    marker!(marker(kind(KIND), E::DESCRIPTOR.variant_id(I)))
}

/// What a `#[btf(required)]` read asks before its relocations: nothing on eBPF, where the loader
/// poisons the relocations of a missing field and the kernel refuses the program.
#[inline(always)]
pub(crate) fn require_field<P: Path>() {}

/// A `#[btf(required)]` field's relocated size `actual`, which must be `V`'s: otherwise the
/// program calls [`REQUIRED_SIZE_MISMATCH_HELPER`], which no helper is, so the verifier refuses it
/// at load time. `actual` is a constant the verifier knows (the loader wrote it into the
/// instruction), so where the sizes agree the test is a branch always taken over a call it never
/// reaches, which it removes: the loaded program keeps only the instruction holding the size,
/// which the probe read takes as its size argument. The test is written in assembly so that the
/// compiler learns nothing from it: knowing `actual == size_of::<V>()` after it, it would load
/// that constant again for the probe read instead of reusing the relocated instruction's register.
#[inline(always)]
pub(crate) fn require_size<P: Path, V>(actual: usize) -> usize {
    // A required read has no existence check, the test that catches a forgotten post-link step
    // elsewhere ([`flag`]): its size is the first relocated value it uses, so the test is here.
    // A marker immediate is negative as a signed number (its magic `0xC07E` fills the top bits),
    // a size never is.
    // SAFETY: as in `flag`'s check: a comparison and a call the verifier rejects, never run.
    unsafe {
        core::arch::asm!( // never post-linked: run `btf-reloc link`
            "if {size} s> -1 goto +2",
            "call {helper}",
            "exit",
            size = in(reg) actual,
            helper = const NOT_POST_LINKED_HELPER,
            options(nomem, nostack),
        )
    };
    // SAFETY: a comparison and, when it fails, a call the verifier rejects (no helper has this
    // id), so that the call and the `exit` after it never run; nothing touches memory or the
    // stack. The verifier's log shows the line of the call (from the object's line info) above
    // its refusal, below the size relocation that names the field.
    unsafe {
        core::arch::asm!( // a #[btf(required)] field has another size in the running kernel than declared
            "if {size} == {expected} goto +2",
            "call {helper}",
            "exit",
            size = in(reg) actual,
            expected = const size_of::<V>(),
            helper = const REQUIRED_SIZE_MISMATCH_HELPER,
            options(nomem, nostack),
        )
    };
    actual
}

/// The assembly that lists the instruction labelled `1:` just before it in the direct-load
/// section, with the marker operand `{marker}`: one entry of `btf_reloc_format::DIRECT_SECTION`
/// (the instruction's address, then the marker), which `btf-reloc link` reads and then empties.
macro_rules! direct_entry {
    () => {
        concat!(
            ".pushsection ",
            btf_reloc_format::direct_section!(),
            ", \"a\"\n.quad 1b\n.quad {marker}\n.popsection"
        )
    };
}

/// One direct load of `$width` (`u8`..`u64`) from `$base` with the CO-RE relocation of path
/// `$path` on the load itself (see [`direct_load`]).
macro_rules! direct_load {
    ($width:literal, $base:expr, $path:ty) => {{
        let bits: u64;
        // SAFETY: one load from `base`, which the verifier only accepts through a pointer it
        // knows by its BTF type, at an offset it checks against that type (a fault gives 0);
        // the directive only adds 16 bytes to a non-code section, for `btf-reloc link`. No
        // stack, no other memory.
        unsafe {
            core::arch::asm!( // a direct read: offset -1 until `btf-reloc link` relocates it
                concat!("1: {bits} = *(", $width, " *)({base} - 1)"),
                direct_entry!(),
                base = in(reg) $base,
                bits = lateout(reg) bits,
                marker = const marker(RelocKind::FieldByteOffset, <$path as Path>::ID),
                options(readonly, nostack, preserves_flags),
            )
        };
        bits
    }};
}

/// Loads the field at path `P` of the root struct at `base`, as `V` (1, 2, 4 or 8 bytes,
/// zero-extended): `r = *(uN *)(base + off)`, whose `off` `btf-reloc link` makes a
/// `FIELD_BYTE_OFFSET` relocation. Until then `off` is -1, which the verifier refuses: an
/// object whose post-link step was forgotten does not load.
///
/// The load and the record naming it ([`direct_entry!`]) are one assembly block.
#[inline(always)]
pub(crate) fn direct_load<V: DirectValue, P: Path>(base: *const u8) -> u64 {
    match size_of::<V>() {
        1 => direct_load!("u8", base, P),
        2 => direct_load!("u16", base, P),
        4 => direct_load!("u32", base, P),
        _ => direct_load!("u64", base, P),
    }
}

/// The `size` bytes (1, 2, 4 or 8; anything else reads 8) at `at`, zero-extended: one direct
/// load, through a pointer the verifier knows (by its BTF type, or a map value). `size` is a
/// relocated constant the verifier knows, so only one of the loads is left after loading.
#[inline(always)]
pub(crate) fn load_sized(at: *const u8, size: u64) -> u64 {
    // SAFETY (each read): a load the verifier accepts only where `at` points into memory it can
    // check (a BTF-typed object or a map value) for that many bytes; a faulting load of a BTF
    // pointer gives 0. Volatile, so that it stays one load of that width.
    unsafe {
        match size {
            1 => u64::from(core::ptr::read_volatile(at)),
            2 => u64::from(core::ptr::read_volatile(at.cast::<u16>())),
            4 => u64::from(core::ptr::read_volatile(at.cast::<u32>())),
            _ => core::ptr::read_volatile(at.cast::<u64>()),
        }
    }
}

/// `$value` shifted by `$op` (`<<=`, `>>=`, `s>>=`) by the relocation `$kind` of path `$path`,
/// on the shift's immediate (see [`shift_left`]).
macro_rules! relocated_shift {
    ($op:literal, $kind:expr, $value:expr, $path:ty) => {{
        let mut value: u64 = $value;
        // SAFETY: one shift of a register by an immediate; the directive only adds 16 bytes to
        // a non-code section, for `btf-reloc link`. No memory, no stack.
        unsafe {
            core::arch::asm!( // a relocated shift: by 64 until `btf-reloc link` relocates it
                concat!("1: {value} ", $op, " {unlinked}"),
                direct_entry!(),
                value = inout(reg) value,
                unlinked = const btf_reloc_format::DIRECT_UNLINKED_SHIFT,
                marker = const marker($kind, <$path as Path>::ID),
                // Not `pure`: a pure block could be hoisted above the existence check that
                // guards it, and the loader poisons the shift of a missing field.
                options(nomem, nostack, preserves_flags),
            )
        };
        value
    }};
}

/// `value << LSHIFT_U64` of the bitfield at path `P`, the amount relocated on the shift's
/// immediate (`btf-reloc link` gives the shift the `FIELD_LSHIFT_U64` record, as clang does
/// for `BPF_CORE_READ_BITFIELD`): no register holds the amount. Until then the shift is by 64,
/// which the verifier refuses.
#[inline(always)]
pub(crate) fn shift_left<P: Path>(value: u64) -> u64 {
    relocated_shift!("<<=", RelocKind::FieldLshiftU64, value, P)
}

/// `value >> RSHIFT_U64` of the bitfield at path `P`, logical or (`arithmetic`) arithmetic, as
/// [`shift_left`].
#[inline(always)]
pub(crate) fn shift_right<P: Path>(value: u64, arithmetic: bool) -> u64 {
    if arithmetic {
        relocated_shift!("s>>=", RelocKind::FieldRshiftU64, value, P)
    } else {
        relocated_shift!(">>=", RelocKind::FieldRshiftU64, value, P)
    }
}

/// An existence relocation's value as a `bool`: 0 or 1 once relocated (by the loader) or
/// post-linked (the local value, 1). Anything else is a marker immediate the post-link step never
/// replaced: that path calls [`NOT_POST_LINKED_HELPER`], which no helper is, so the verifier
/// refuses the program at load time (`invalid func unknown#201842688`) instead of letting marker
/// constants run as offsets. The value is a constant the
/// verifier knows, so after a correct post-link this check and the call are dead code it removes:
/// nothing of it is left in the loaded program.
#[inline(always)]
pub(crate) fn flag(value: u64) -> bool {
    match value {
        0 => false,
        1 => true,
        _ => btf_reloc_link_was_not_run(),
    }
}

/// [`flag`] for an answer the program keeps as a value (`type_exists`, `enum_value_exists`):
/// the same check written as `value > 1`, which the BPF backend tests against an immediate.
/// [`flag`]'s `match` becomes `value < 2` there, with the 2 in a register the verifier keeps;
/// where the answer only steers a branch (a getter's existence check), that form costs nothing
/// and this one an instruction.
#[inline(always)]
pub(crate) fn flag_value(value: u64) -> bool {
    if value > 1 {
        btf_reloc_link_was_not_run();
    }
    value != 0
}

/// See [`flag`].
///
/// The call is never executed, so it is written as the end of the program (`noreturn`, an `exit`
/// after it): nothing needs to be kept alive across it, and the code around the check pays no
/// register copies for a path that never runs.
#[inline(always)]
fn btf_reloc_link_was_not_run() -> ! {
    // SAFETY: the verifier rejects the program at this call (no helper has this id), so neither
    // instruction ever runs; they touch no memory and no stack. The verifier's log shows this line
    // (from the object's line info) above its refusal: it is the message to whoever loads an
    // object that was never post-linked.
    unsafe {
        core::arch::asm!( // never post-linked: run `btf-reloc link`
            "call {helper}",
            "exit",
            helper = const NOT_POST_LINKED_HELPER,
            options(noreturn, nomem, nostack),
        )
    }
}

/// `long bpf_probe_read_{kernel,user}{,_str}(void *dst, u32 size, const void *unsafe_ptr)`.
type ProbeReadHelper = unsafe extern "C" fn(*mut c_void, u32, *const c_void) -> i64;

const BPF_FUNC_PROBE_READ_USER: usize = 112;
const BPF_FUNC_PROBE_READ_KERNEL: usize = 113;
const BPF_FUNC_PROBE_READ_USER_STR: usize = 114;
const BPF_FUNC_PROBE_READ_KERNEL_STR: usize = 115;

/// Calls helper `id` (one of the probe reads) on `len` bytes at `dst`.
///
/// # Safety
///
/// `dst` must be writable for `len` bytes.
#[inline(always)]
unsafe fn call(id: usize, dst: *mut u8, len: usize, src: *const u8) -> i64 {
    // SAFETY: on the bpf target a call through a function pointer whose value is a helper id is
    // how helper calls are expressed (`call <id>`); the probe-read helpers have this signature.
    let helper: ProbeReadHelper = unsafe { core::mem::transmute::<usize, ProbeReadHelper>(id) };
    // SAFETY: the caller guarantees `dst`; the helper validates `src` itself.
    unsafe { helper(dst.cast::<c_void>(), len as u32, src.cast::<c_void>()) }
}

/// [`probe_read`] of a `V` whose size the caller has as `size`, the value [`require_size`]
/// returned.
///
/// # Safety
///
/// `size` must be `size_of::<V>()`.
#[inline(always)]
pub(crate) unsafe fn probe_read_sized<V: FieldType>(
    space: Space,
    src: *const u8,
    size: usize,
) -> Result<V, i32> {
    let id = match space {
        Space::Kernel => BPF_FUNC_PROBE_READ_KERNEL,
        Space::User => BPF_FUNC_PROBE_READ_USER,
    };
    let mut out = MaybeUninit::<V>::uninit();
    // SAFETY: `out` is a writable buffer of `size_of::<V>()` bytes, which the caller guarantees
    // `size` is (the helper zeroes it on failure).
    let ret = unsafe { call(id, out.as_mut_ptr().cast(), size, src) };
    // The value is read before the test, and for a value of 4 bytes or more with a volatile
    // read, which the compiler cannot move into the success branch: the buffer's life then ends
    // before the test. Ended on each branch instead, it leaves the failure branch a block of its
    // own, a jump the BPF backend cannot fold into the test (it cannot reverse a conditional
    // jump): one instruction more. A smaller value is read plainly: with a volatile read the
    // compiler packs the value and the outcome into one register, which costs more than that.
    let value = if size_of::<V>() >= 4 {
        // SAFETY: `out` is a valid, aligned `V` buffer, and the helper wrote all
        // `size_of::<V>()` bytes of it, the field's on success and zeroes on failure; `V:
        // FieldType` is valid for any bit pattern.
        unsafe { core::ptr::read_volatile(out.as_ptr()) }
    } else {
        // SAFETY: as above.
        unsafe { out.assume_init() }
    };
    // The helper returns 0 or a negative errno: one comparison with 0 tells them apart.
    if ret != 0 {
        return Err(ret as i32);
    }
    Ok(value)
}

#[inline(always)]
pub(crate) fn probe_read<V: FieldType>(space: Space, src: *const u8) -> Result<V, i32> {
    // SAFETY: the size is `size_of::<V>()`.
    unsafe { probe_read_sized::<V>(space, src, size_of::<V>()) }
}

#[inline(always)]
pub(crate) fn probe_read_bytes(space: Space, dst: &mut [u8], src: *const u8) -> Result<(), i32> {
    let id = match space {
        Space::Kernel => BPF_FUNC_PROBE_READ_KERNEL,
        Space::User => BPF_FUNC_PROBE_READ_USER,
    };
    // SAFETY: `dst` is a writable slice of `dst.len()` bytes.
    let ret = unsafe { call(id, dst.as_mut_ptr(), dst.len(), src) };
    // The helper returns 0 or a negative errno: one comparison with 0 tells them apart.
    if ret != 0 {
        Err(ret as i32)
    } else {
        Ok(())
    }
}

#[inline(always)]
pub(crate) fn probe_read_str(space: Space, dst: &mut [u8], src: *const u8) -> Result<usize, i32> {
    let id = match space {
        Space::Kernel => BPF_FUNC_PROBE_READ_KERNEL_STR,
        Space::User => BPF_FUNC_PROBE_READ_USER_STR,
    };
    // SAFETY: `dst` is a writable slice of `dst.len()` bytes.
    let ret = unsafe { call(id, dst.as_mut_ptr(), dst.len(), src) };
    if ret < 0 {
        Err(ret as i32)
    } else {
        Ok(ret as usize)
    }
}
