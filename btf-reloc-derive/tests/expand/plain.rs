// Expansion of `#[derive(BtfRelocatable)]`, case `plain`.
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
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "tgid",
                offset: ::core::mem::offset_of!(task_struct, tgid),
                size: ::btf_reloc_runtime::__private::field_size::<task_struct, 1>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<task_struct, 1>(),
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
impl ::btf_reloc_runtime::__private::RelocatableField<1> for task_struct {
    type Type = i32;
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
    /// Reads `task_struct::tgid` (kernel field `task_struct.tgid`) at the target's offset.
    #[inline(always)]
    pub fn tgid(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<i32>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_field::<task_struct, __A, 1>(self.0)
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
    /// Whether kernel field `task_struct.tgid` exists in the target.
    #[inline(always)]
    pub fn tgid_exists() -> bool {
        ::btf_reloc_runtime::__private::relocatable_field_exists::<Self, 1>()
    }
    /// Size in bytes of `task_struct.tgid` in the target, if it exists.
    #[inline(always)]
    pub fn tgid_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::tgid_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_size::<Self, 1>,
        )
    }
    /// Offset in bytes of `task_struct.tgid` in the target, if it exists.
    #[inline(always)]
    pub fn tgid_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::tgid_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_offset::<Self, 1>,
        )
    }
}
const _: () = ::btf_reloc_runtime::__private::check_layout::<task_struct>();
::btf_reloc_runtime::__private::emit_descriptor!(task_struct);
