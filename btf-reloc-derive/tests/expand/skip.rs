// Expansion of `#[derive(BtfRelocatable)]`, case `skip`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfRelocatable for task_struct {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::StructDescriptor = ::btf_reloc_runtime::__private::StructDescriptor {
        name: "task_struct",
        rust_path: ::core::concat!(::core::module_path!(), "::", "task_struct"),
        size: ::core::mem::size_of::<task_struct>(),
        fields: &[
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "pid",
                offset: ::core::mem::offset_of!(task_struct, pid),
                size: ::btf_reloc_runtime::__private::field_size::<task_struct, 0>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<task_struct, 0>(),
            },
        ],
    };
    type Fields<__A: ::btf_reloc_runtime::__private::AddressSpace> = task_structFields<
        __A,
    >;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<0> for task_struct {
    type Type = i32;
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::FieldType for task_struct
where
    for<'__btf> [u8; 4]: ::btf_reloc_runtime::__private::FieldType,
{
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
struct task_structFields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
>(
    ::btf_reloc_runtime::__private::Ptr<task_struct, __A>,
);
#[automatically_derived]
impl<__A: ::btf_reloc_runtime::__private::AddressSpace> task_structFields<__A> {
    /// Reads `task_struct::pid` (kernel field `task_struct.pid`) at the target's offset.
    #[inline(always)]
    pub fn pid(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<i32>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_field::<task_struct, __A, 0>(self.0)
    }
}
#[automatically_derived]
impl task_struct {
    /// Whether kernel field `task_struct.pid` exists in the target.
    #[inline(always)]
    pub fn pid_exists() -> bool {
        ::btf_reloc_runtime::__private::relocatable_field_exists::<Self, 0>()
    }
    /// Size in bytes of `task_struct.pid` in the target, if it exists.
    #[inline(always)]
    pub fn pid_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::pid_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_size::<Self, 0>,
        )
    }
    /// Offset in bytes of `task_struct.pid` in the target, if it exists.
    #[inline(always)]
    pub fn pid_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::pid_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_offset::<Self, 0>,
        )
    }
}
const _: () = ::btf_reloc_runtime::__private::check_layout::<task_struct>();
::btf_reloc_runtime::__private::emit_descriptor!(task_struct);
