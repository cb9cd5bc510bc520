// Expansion of `#[derive(BtfRelocatable)]`, case `pointer_and_array`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfRelocatable for task_struct {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::StructDescriptor = ::btf_reloc_runtime::__private::StructDescriptor {
        name: "task_struct",
        rust_path: ::core::concat!(::core::module_path!(), "::", "task_struct"),
        size: ::core::mem::size_of::<task_struct>(),
        fields: &[
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "comm",
                offset: ::core::mem::offset_of!(task_struct, comm),
                size: ::btf_reloc_runtime::__private::field_size::<task_struct, 0>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<task_struct, 0>(),
            },
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "mm",
                offset: ::core::mem::offset_of!(task_struct, mm),
                size: ::btf_reloc_runtime::__private::field_size::<task_struct, 1>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<task_struct, 1>(),
            },
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "stack",
                offset: ::core::mem::offset_of!(task_struct, stack),
                size: ::btf_reloc_runtime::__private::field_size::<task_struct, 2>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<task_struct, 2>(),
            },
        ],
    };
    type Fields<__A: ::btf_reloc_runtime::__private::AddressSpace> = task_structFields<
        __A,
    >;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<0> for task_struct {
    type Type = [u8; 16];
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<1> for task_struct {
    type Type = KernelPtr<mm_struct>;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<2> for task_struct {
    type Type = *const u8;
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::FieldType for task_struct {
    const SHAPE: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Composite {
        kind: ::btf_reloc_runtime::__private::CompositeKind::Struct,
        name: "task_struct",
        size: ::core::mem::size_of::<task_struct>(),
    };
}
/// Field getters of [`task_struct`], reached from `KernelPtr<task_struct>` and `UserPtr<task_struct>` through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub struct task_structFields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
>(
    ::btf_reloc_runtime::__private::Ptr<task_struct, __A>,
);
#[automatically_derived]
impl<__A: ::btf_reloc_runtime::__private::AddressSpace> task_structFields<__A> {
    /// Reads `task_struct::comm` (kernel field `task_struct.comm`) at the target's offset.
    #[inline(always)]
    pub fn comm(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<[u8; 16]>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_field::<task_struct, __A, 0>(self.0)
    }
    /// Reads `task_struct::mm` (kernel field `task_struct.mm`) at the target's offset.
    #[inline(always)]
    pub fn mm(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<KernelPtr<mm_struct>>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_field::<task_struct, __A, 1>(self.0)
    }
    /// Reads `task_struct::stack` (kernel field `task_struct.stack`) at the target's offset.
    #[inline(always)]
    pub fn stack(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<*const u8>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_field::<task_struct, __A, 2>(self.0)
    }
}
#[automatically_derived]
impl task_struct {
    /// Whether kernel field `task_struct.comm` exists in the target.
    #[inline(always)]
    pub fn comm_exists() -> bool {
        ::btf_reloc_runtime::__private::relocatable_field_exists::<Self, 0>()
    }
    /// Size in bytes of `task_struct.comm` in the target, if it exists.
    #[inline(always)]
    pub fn comm_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::comm_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_size::<Self, 0>,
        )
    }
    /// Offset in bytes of `task_struct.comm` in the target, if it exists.
    #[inline(always)]
    pub fn comm_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::comm_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_offset::<Self, 0>,
        )
    }
    /// Whether kernel field `task_struct.mm` exists in the target.
    #[inline(always)]
    pub fn mm_exists() -> bool {
        ::btf_reloc_runtime::__private::relocatable_field_exists::<Self, 1>()
    }
    /// Size in bytes of `task_struct.mm` in the target, if it exists.
    #[inline(always)]
    pub fn mm_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::mm_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_size::<Self, 1>,
        )
    }
    /// Offset in bytes of `task_struct.mm` in the target, if it exists.
    #[inline(always)]
    pub fn mm_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::mm_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_offset::<Self, 1>,
        )
    }
    /// Whether kernel field `task_struct.stack` exists in the target.
    #[inline(always)]
    pub fn stack_exists() -> bool {
        ::btf_reloc_runtime::__private::relocatable_field_exists::<Self, 2>()
    }
    /// Size in bytes of `task_struct.stack` in the target, if it exists.
    #[inline(always)]
    pub fn stack_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::stack_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_size::<Self, 2>,
        )
    }
    /// Offset in bytes of `task_struct.stack` in the target, if it exists.
    #[inline(always)]
    pub fn stack_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::stack_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_offset::<Self, 2>,
        )
    }
}
const _: () = ::btf_reloc_runtime::__private::check_layout::<task_struct>();
::btf_reloc_runtime::__private::emit_descriptor!(task_struct);
