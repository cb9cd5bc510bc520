//! Host simulation: unit-test your eBPF logic against several kernel layouts with `cargo test`.
//!
//! On every target but `bpf`, the intrinsics and reads of this crate consult the [`Simulation`]
//! installed on the current thread: a simulated *target layout* (which kernel structs exist, and
//! where their fields sit) and simulated kernel and user *memory*. Relocation follows libbpf's
//! rules: type names match after stripping a `___flavor` suffix, field names match exactly,
//! anonymous struct/union members are searched through, and a field whose type is incompatible
//! (an int where a pointer is declared, …) counts as missing. A read that is not entirely inside
//! mapped memory, or that touches an injected fault, fails like `bpf_probe_read_*` does.
//!
//! ```
//! use btf_reloc_runtime::prelude::*;
//! use btf_reloc_runtime::sim::{Memory, Simulation, Struct};
//!
//! #[derive(BtfRelocatable)]
//! #[repr(C)]
//! struct task_struct {
//!     pid: i32,
//!     tgid: i32,
//! }
//!
//! // This "kernel" has `tgid` before `pid`, with padding in front.
//! let kernel = Struct::new("task_struct", 64).int("tgid", 16, 4).int("pid", 20, 4);
//! let mut memory = Memory::new();
//! memory.map(0x1000, vec![0; 64]);
//! memory.write(0x1000 + 16, 100i32.to_ne_bytes());
//! memory.write(0x1000 + 20, 101i32.to_ne_bytes());
//!
//! let _sim = Simulation::new().with_struct(kernel).with_kernel_memory(memory).install();
//! let task = KernelPtr::<task_struct>::from_addr(0x1000);
//! assert_eq!(task.pid(), Ok(Some(101)));
//! assert_eq!(task.tgid(), Ok(Some(100)));
//! assert_eq!(task_struct::pid_byte_offset(), Some(20));
//! ```

use std::boxed::Box;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::ops::Range;
use std::rc::Rc;
use std::string::String;
use std::vec::Vec;

use crate::descriptor::{essential_name, StructDescriptor, TypeShape};
use crate::field::BtfRelocatable;
use crate::ptr::Space;

/// `-EFAULT`, what the probe-read helpers return for an unreadable address.
pub const EFAULT: i32 = -14;

/// Struct or union, as BTF distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompositeKind {
    /// `BTF_KIND_STRUCT`.
    Struct,
    /// `BTF_KIND_UNION`.
    Union,
}

/// The type of a member in a simulated target struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// An integer of `size` bytes.
    Int {
        /// Size in bytes.
        size: usize,
        /// Signedness (libbpf ignores it when matching).
        signed: bool,
    },
    /// An enum of `size` bytes (not compatible with an int field, as in libbpf).
    Enum {
        /// Size in bytes.
        size: usize,
    },
    /// A pointer (8 bytes).
    Ptr,
    /// A fixed-length array.
    Array {
        /// Element type.
        elem: Box<Type>,
        /// Number of elements.
        len: usize,
    },
    /// A named struct or union, embedded by value.
    Composite {
        /// Struct or union.
        kind: CompositeKind,
        /// Type name.
        name: String,
        /// Size in bytes.
        size: usize,
    },
    /// An anonymous struct or union whose members are searched as if they were the parent's.
    Anonymous(Struct),
}

impl Type {
    /// An integer of `size` bytes.
    pub fn int(size: usize, signed: bool) -> Self {
        Self::Int { size, signed }
    }

    /// An array of `len` `elem`s.
    pub fn array(elem: Type, len: usize) -> Self {
        Self::Array {
            elem: Box::new(elem),
            len,
        }
    }

    /// A named struct of `size` bytes.
    pub fn struct_named(name: &str, size: usize) -> Self {
        Self::Composite {
            kind: CompositeKind::Struct,
            name: name.into(),
            size,
        }
    }

    /// Size in bytes.
    pub fn size(&self) -> usize {
        match self {
            Self::Int { size, .. } | Self::Enum { size } | Self::Composite { size, .. } => *size,
            Self::Ptr => 8,
            Self::Array { elem, len } => elem.size().saturating_mul(*len),
            Self::Anonymous(s) => s.size,
        }
    }

    /// libbpf's `bpf_core_fields_are_compat`, for a local shape against this target type.
    fn is_compatible_with(&self, local: &TypeShape) -> bool {
        match (local, self) {
            (TypeShape::Struct(_), Self::Composite { .. } | Self::Anonymous(_)) => true,
            (TypeShape::Int { .. }, Self::Int { .. }) => true,
            (TypeShape::Ptr, Self::Ptr) => true,
            (TypeShape::Array { elem, .. }, Self::Array { elem: target, .. }) => {
                target.is_compatible_with(elem)
            }
            _ => false,
        }
    }
}

/// One member of a simulated target struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its name; `None` for an anonymous struct/union member.
    pub name: Option<String>,
    /// Offset in bits from the start of the enclosing struct.
    pub bit_offset: usize,
    /// For a bitfield, its width in bits.
    pub bitfield_size: Option<usize>,
    /// Its type (for a bitfield, the integer it is carved from).
    pub ty: Type,
}

/// A struct (or union) as the simulated target kernel lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Struct {
    name: String,
    kind: CompositeKind,
    size: usize,
    members: Vec<Member>,
}

impl Struct {
    /// A struct called `name` (a `___flavor` suffix is stripped when matching) of `size` bytes.
    pub fn new(name: &str, size: usize) -> Self {
        Self {
            name: name.into(),
            kind: CompositeKind::Struct,
            size,
            members: Vec::new(),
        }
    }

    /// A union called `name` of `size` bytes.
    pub fn union(name: &str, size: usize) -> Self {
        Self {
            kind: CompositeKind::Union,
            ..Self::new(name, size)
        }
    }

    /// The layout exactly as `T` declares it: every relocatable field at its local offset.
    pub fn from_local<T: BtfRelocatable>() -> Self {
        let desc = T::DESCRIPTOR;
        let mut s = Self::new(desc.name, desc.size);
        for field in desc.fields {
            s = s.field(field.name, field.offset, Self::type_of(&field.shape));
        }
        s
    }

    fn type_of(shape: &TypeShape) -> Type {
        match *shape {
            TypeShape::Int { size, signed } => Type::Int { size, signed },
            TypeShape::Ptr => Type::Ptr,
            TypeShape::Array { elem, len } => Type::array(Self::type_of(elem), len),
            TypeShape::Struct(desc) => Type::Composite {
                kind: CompositeKind::Struct,
                name: desc.name.into(),
                size: desc.size,
            },
        }
    }

    /// Adds a member `name: ty` at byte `offset`.
    pub fn field(mut self, name: &str, offset: usize, ty: Type) -> Self {
        self.members.push(Member {
            name: Some(name.into()),
            bit_offset: offset.saturating_mul(8),
            bitfield_size: None,
            ty,
        });
        self
    }

    /// Adds a bitfield `name` of `bits` bits at `bit_offset` bits from the struct's start, carved
    /// from an integer of `storage` bytes (`unsigned int x:3` → storage 4, signed false).
    pub fn bitfield(
        mut self,
        name: &str,
        bit_offset: usize,
        bits: usize,
        storage: usize,
        signed: bool,
    ) -> Self {
        self.members.push(Member {
            name: Some(name.into()),
            bit_offset,
            bitfield_size: Some(bits),
            ty: Type::int(storage, signed),
        });
        self
    }

    /// Adds an integer member of `size` bytes at byte `offset`.
    pub fn int(self, name: &str, offset: usize, size: usize) -> Self {
        self.field(name, offset, Type::int(size, false))
    }

    /// Adds a pointer member at byte `offset`.
    pub fn ptr(self, name: &str, offset: usize) -> Self {
        self.field(name, offset, Type::Ptr)
    }

    /// Adds an anonymous struct/union member at byte `offset`; its members are found as if they
    /// were this struct's (at `offset` + their own offset). `inner`'s name is ignored.
    pub fn anonymous(mut self, offset: usize, inner: Struct) -> Self {
        self.members.push(Member {
            name: None,
            bit_offset: offset.saturating_mul(8),
            bitfield_size: None,
            ty: Type::Anonymous(inner),
        });
        self
    }

    /// The member called `name` with its bit offset from this struct's start, searching
    /// anonymous members depth-first in declaration order, as libbpf does.
    fn find(&self, name: &str) -> Option<(usize, &Member)> {
        self.members.iter().find_map(|m| match (&m.name, &m.ty) {
            (Some(n), _) if n == name => Some((m.bit_offset, m)),
            (None, Type::Anonymous(inner)) => inner
                .find(name)
                .map(|(off, member)| (m.bit_offset.saturating_add(off), member)),
            _ => None,
        })
    }
}

/// A simulated target enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    name: String,
    size: usize,
    signed: bool,
    variants: Vec<(String, i64)>,
}

impl Enum {
    /// An enum called `name` (a `___flavor` suffix is stripped when matching) of `size` bytes.
    pub fn new(name: &str, size: usize) -> Self {
        Self {
            name: name.into(),
            size,
            signed: false,
            variants: Vec::new(),
        }
    }

    /// Adds the enumerator `name = value`; a negative value makes the enum signed.
    pub fn variant(mut self, name: &str, value: i64) -> Self {
        self.signed |= value < 0;
        self.variants.push((name.into(), value));
        self
    }
}

/// How a field sits in the target, as libbpf's `bpf_core_calc_field_relo` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved {
    pub(crate) byte_offset: usize,
    pub(crate) byte_size: usize,
    pub(crate) signed: bool,
    pub(crate) lshift: u32,
    pub(crate) rshift: u32,
}

impl Resolved {
    /// A plain (non-bitfield) field of `size` bytes at `offset`.
    pub(crate) fn plain(offset: usize, size: usize, signed: bool) -> Self {
        let bits = (size.saturating_mul(8)).min(64) as u32;
        Self {
            byte_offset: offset,
            byte_size: size,
            signed,
            lshift: 64 - bits,
            rshift: 64 - bits,
        }
    }

    /// libbpf's rules for a bitfield of `bits` bits at `bit_offset`, carved from `storage`
    /// bytes: the smallest naturally aligned chunk (of at most 8 bytes) holding it.
    fn bitfield(bit_offset: usize, bits: usize, storage: usize, signed: bool) -> Option<Self> {
        let mut size = storage.max(1);
        let mut offset = bit_offset / 8 / size * size;
        while bit_offset + bits - offset * 8 > size * 8 {
            if size >= 8 {
                return None;
            }
            size *= 2;
            offset = bit_offset / 8 / size * size;
        }
        Some(Self {
            byte_offset: offset,
            byte_size: size,
            signed,
            lshift: u32::try_from(64 - (bit_offset + bits - offset * 8)).ok()?,
            rshift: u32::try_from(64usize.checked_sub(bits)?).ok()?,
        })
    }
}

/// Where the walk along a path is, locally.
#[derive(Clone, Copy)]
enum Local {
    Struct(StructDescriptor),
    Shape(&'static TypeShape),
}

/// Simulated memory: mapped regions of bytes, and injected faults.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    regions: Vec<(u64, Vec<u8>)>,
    faults: Vec<(Range<u64>, i32)>,
}

impl Memory {
    /// Empty memory: every read fails with [`EFAULT`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Maps `bytes` at address `addr`.
    pub fn map(&mut self, addr: u64, bytes: Vec<u8>) -> &mut Self {
        self.regions.push((addr, bytes));
        self
    }

    /// Overwrites mapped bytes at `addr`; bytes outside every mapped region are ignored.
    pub fn write(&mut self, addr: u64, bytes: impl AsRef<[u8]>) -> &mut Self {
        for (i, byte) in bytes.as_ref().iter().enumerate() {
            let at = addr.saturating_add(i as u64);
            for (base, region) in &mut self.regions {
                if let Some(slot) = at
                    .checked_sub(*base)
                    .and_then(|off| region.get_mut(usize::try_from(off).ok()?))
                {
                    *slot = *byte;
                }
            }
        }
        self
    }

    /// Makes every read that overlaps `range` fail with `code` (a negative errno).
    pub fn inject_fault(&mut self, range: Range<u64>, code: i32) -> &mut Self {
        self.faults.push((range, code));
        self
    }

    /// Copies `dst.len()` bytes from `addr`, like `bpf_probe_read_*`: the whole read must be
    /// inside one mapped region and touch no injected fault. On failure `dst` is zeroed, as the
    /// helpers do.
    pub fn read(&self, addr: u64, dst: &mut [u8]) -> Result<(), i32> {
        let result = self.try_read(addr, dst);
        if result.is_err() {
            dst.fill(0);
        }
        result
    }

    fn try_read(&self, addr: u64, dst: &mut [u8]) -> Result<(), i32> {
        let end = addr.checked_add(dst.len() as u64).ok_or(EFAULT)?;
        if let Some((_, code)) = self
            .faults
            .iter()
            .find(|(range, _)| range.start < end && addr < range.end)
        {
            return Err(*code);
        }
        let (base, region) = self
            .regions
            .iter()
            .find(|(base, region)| *base <= addr && end <= base + region.len() as u64)
            .ok_or(EFAULT)?;
        let start = usize::try_from(addr - base).map_err(|_| EFAULT)?;
        let src = region.get(start..start + dst.len()).ok_or(EFAULT)?;
        dst.copy_from_slice(src);
        Ok(())
    }
}

/// A simulated target: kernel layouts plus kernel and user memory. [`install`](Self::install) it
/// on the current thread for the duration of a test.
#[derive(Debug, Clone, Default)]
pub struct Simulation {
    structs: Vec<Struct>,
    enums: Vec<Enum>,
    kernel: Memory,
    user: Memory,
}

impl Simulation {
    /// A target with no types and no memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a struct to the target layout.
    pub fn with_struct(mut self, s: Struct) -> Self {
        self.structs.push(s);
        self
    }

    /// Adds an enum to the target.
    pub fn with_enum(mut self, e: Enum) -> Self {
        self.enums.push(e);
        self
    }

    /// Sets the kernel memory.
    pub fn with_kernel_memory(mut self, memory: Memory) -> Self {
        self.kernel = memory;
        self
    }

    /// Sets the user memory.
    pub fn with_user_memory(mut self, memory: Memory) -> Self {
        self.user = memory;
        self
    }

    /// Makes this the simulation of the current thread until the guard drops (then the previous
    /// one, if any, is back).
    pub fn install(self) -> SimulationGuard {
        let previous = CURRENT.with(|c| c.replace(Some(Rc::new(self))));
        SimulationGuard {
            previous,
            not_send: PhantomData,
        }
    }

    /// Where the field at the access path `indices` from `root` sits in this target, or `None`
    /// if it does not exist there (or the path crosses an incompatible type).
    pub(crate) fn resolve(&self, root: StructDescriptor, indices: &[usize]) -> Option<Resolved> {
        let wanted = essential_name(root.name);
        self.structs
            .iter()
            .filter(|s| s.kind == CompositeKind::Struct && essential_name(&s.name) == wanted)
            .find_map(|candidate| self.walk(root, candidate, indices))
    }

    fn walk(&self, root: StructDescriptor, target: &Struct, indices: &[usize]) -> Option<Resolved> {
        let mut local = Local::Struct(root);
        let mut target_struct = Some(target);
        let mut target_ty: Option<&Type> = None;
        let mut bitfield: Option<(usize, usize)> = None;
        let mut bit_base = 0usize;
        for &index in indices {
            match local {
                Local::Struct(desc) => {
                    let field = desc.fields.get(index)?;
                    let (bit_offset, member) = target_struct?.find(field.name)?;
                    if !member.ty.is_compatible_with(&field.shape) {
                        return None;
                    }
                    bit_base = bit_base.checked_add(bit_offset)?;
                    bitfield = member.bitfield_size.map(|bits| (bit_base, bits));
                    target_ty = Some(&member.ty);
                    target_struct = self.struct_of(&member.ty);
                    local = match field.shape {
                        TypeShape::Struct(desc) => Local::Struct(*desc),
                        _ => Local::Shape(&field.shape),
                    };
                }
                Local::Shape(TypeShape::Array { elem, .. }) if index == 0 => {
                    let Some(Type::Array {
                        elem: target_elem, ..
                    }) = target_ty
                    else {
                        return None;
                    };
                    target_ty = Some(target_elem);
                    target_struct = self.struct_of(target_elem);
                    bitfield = None;
                    local = match elem {
                        TypeShape::Struct(desc) => Local::Struct(**desc),
                        _ => Local::Shape(elem),
                    };
                }
                Local::Shape(_) => return None,
            }
        }
        let ty = target_ty?;
        let signed = matches!(ty, Type::Int { signed: true, .. });
        match bitfield {
            Some((bit_offset, bits)) => Resolved::bitfield(bit_offset, bits, ty.size(), signed),
            None => Some(Resolved::plain(bit_base / 8, ty.size(), signed)),
        }
    }

    /// The struct a member of type `ty` is, to walk on into it.
    fn struct_of<'a>(&'a self, ty: &'a Type) -> Option<&'a Struct> {
        match ty {
            Type::Anonymous(inner) => Some(inner),
            Type::Composite { name, kind, .. } => self
                .structs
                .iter()
                .find(|s| s.kind == *kind && s.name == *name),
            _ => None,
        }
    }

    /// The target size of the type called `name` (flavor stripped), if it exists as a struct
    /// (`is_enum` false) or an enum.
    pub(crate) fn type_size(&self, name: &str, is_enum: bool) -> Option<usize> {
        let wanted = essential_name(name);
        if is_enum {
            self.enums
                .iter()
                .find(|e| essential_name(&e.name) == wanted)
                .map(|e| e.size)
        } else {
            self.structs
                .iter()
                .find(|s| s.kind == CompositeKind::Struct && essential_name(&s.name) == wanted)
                .map(|s| s.size)
        }
    }

    /// The target value of enumerator `variant` of the enum called `name`.
    pub(crate) fn enum_value(&self, name: &str, variant: &str) -> Option<i64> {
        let wanted = essential_name(name);
        self.enums
            .iter()
            .filter(|e| essential_name(&e.name) == wanted)
            .find_map(|e| {
                e.variants
                    .iter()
                    .find(|(n, _)| n == variant)
                    .map(|(_, v)| *v)
            })
    }

    fn memory(&self, space: Space) -> &Memory {
        match space {
            Space::Kernel => &self.kernel,
            Space::User => &self.user,
        }
    }
}

/// Keeps a [`Simulation`] installed on this thread; dropping it restores the previous one.
#[derive(Debug)]
#[must_use = "the simulation is uninstalled when the guard drops"]
pub struct SimulationGuard {
    previous: Option<Rc<Simulation>>,
    not_send: PhantomData<*const ()>,
}

impl Drop for SimulationGuard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| c.replace(previous));
    }
}

std::thread_local! {
    static CURRENT: RefCell<Option<Rc<Simulation>>> = const { RefCell::new(None) };
}

/// Runs `f` with the current thread's simulation, if any.
pub(crate) fn with_current<R>(f: impl FnOnce(Option<&Simulation>) -> R) -> R {
    let current = CURRENT.with(|c| c.borrow().clone());
    f(current.as_deref())
}

/// Reads `dst.len()` bytes at `addr` from the current simulation's memory for `space`.
pub(crate) fn read(space: Space, addr: u64, dst: &mut [u8]) -> Result<(), i32> {
    with_current(|sim| match sim {
        Some(sim) => sim.memory(space).read(addr, dst),
        None => {
            dst.fill(0);
            Err(EFAULT)
        }
    })
}
