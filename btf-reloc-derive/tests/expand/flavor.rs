// Expansion of `#[derive(BtfRelocatable)]`, case `flavor`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfRelocatable for TaskStructV58 {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::StructDescriptor = ::btf_reloc_runtime::__private::StructDescriptor {
        name: "task_struct___v58",
        rust_path: ::core::concat!(::core::module_path!(), "::", "TaskStructV58"),
        size: ::core::mem::size_of::<TaskStructV58>(),
        fields: &[
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "state",
                offset: ::core::mem::offset_of!(TaskStructV58, state),
                size: ::btf_reloc_runtime::__private::field_size::<TaskStructV58, 0>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<TaskStructV58, 0>(),
            },
        ],
    };
    type Fields<__A: ::btf_reloc_runtime::__private::AddressSpace> = TaskStructV58Fields<
        __A,
    >;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<0> for TaskStructV58 {
    type Type = i64;
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::FieldType for TaskStructV58 {
    const SHAPE: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Composite {
        kind: ::btf_reloc_runtime::__private::CompositeKind::Struct,
        name: "task_struct___v58",
        size: ::core::mem::size_of::<TaskStructV58>(),
    };
}
/// Field getters of [`TaskStructV58`], reached from `KernelPtr<TaskStructV58>` and `UserPtr<TaskStructV58>` through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub struct TaskStructV58Fields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
>(
    ::btf_reloc_runtime::__private::Ptr<TaskStructV58, __A>,
);
#[automatically_derived]
impl<__A: ::btf_reloc_runtime::__private::AddressSpace> TaskStructV58Fields<__A> {
    /// Reads `TaskStructV58::state` (kernel field `task_struct___v58.state`) at the target's offset.
    #[inline(always)]
    pub fn state(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<i64>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_field::<TaskStructV58, __A, 0>(self.0)
    }
}
#[automatically_derived]
impl TaskStructV58 {
    /// Whether kernel field `task_struct___v58.state` exists in the target.
    #[inline(always)]
    pub fn state_exists() -> bool {
        ::btf_reloc_runtime::__private::relocatable_field_exists::<Self, 0>()
    }
    /// Size in bytes of `task_struct___v58.state` in the target, if it exists.
    #[inline(always)]
    pub fn state_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::state_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_size::<Self, 0>,
        )
    }
    /// Offset in bytes of `task_struct___v58.state` in the target, if it exists.
    #[inline(always)]
    pub fn state_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::if_exists(
            Self::state_exists(),
            ::btf_reloc_runtime::__private::relocatable_field_byte_offset::<Self, 0>,
        )
    }
}
const _: () = ::btf_reloc_runtime::__private::check_layout::<TaskStructV58>();
::btf_reloc_runtime::__private::emit_descriptor!(TaskStructV58);
