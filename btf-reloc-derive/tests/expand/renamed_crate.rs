// Expansion of `#[derive(BtfRelocatable)]`, case `renamed_crate`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
unsafe impl my_runtime::__private::BtfRelocatable for file {
    const DESCRIPTOR: my_runtime::__private::StructDescriptor = my_runtime::__private::StructDescriptor {
        name: "file",
        rust_path: ::core::concat!(::core::module_path!(), "::", "file"),
        size: ::core::mem::size_of::<file>(),
        fields: &[
            my_runtime::__private::FieldDescriptor {
                name: "f_flags",
                offset: ::core::mem::offset_of!(file, f_flags),
                size: my_runtime::__private::field_size::<file, 0>(),
                shape: my_runtime::__private::field_shape::<file, 0>(),
            },
        ],
    };
    type Fields<__A: my_runtime::__private::AddressSpace> = fileFields<__A>;
}
#[automatically_derived]
impl my_runtime::__private::RelocatableField<0> for file {
    type Type = u32;
}
#[automatically_derived]
unsafe impl my_runtime::__private::FieldType for file {
    const SHAPE: my_runtime::__private::TypeShape = my_runtime::__private::TypeShape::Composite {
        kind: my_runtime::__private::CompositeKind::Struct,
        name: "file",
        size: ::core::mem::size_of::<file>(),
    };
}
/// Field getters of [`file`], reached from `KernelPtr<file>` and `UserPtr<file>` through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub(crate) struct fileFields<
    __A: my_runtime::__private::AddressSpace = my_runtime::__private::Kernel,
>(
    my_runtime::__private::Ptr<file, __A>,
);
#[automatically_derived]
impl<__A: my_runtime::__private::AddressSpace> fileFields<__A> {
    /// Reads `file::f_flags` (kernel field `file.f_flags`) at the target's offset.
    #[inline(always)]
    pub fn f_flags(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<u32>,
        my_runtime::__private::RelocatableFieldAccessError,
    > {
        my_runtime::__private::read_field::<file, __A, 0>(self.0)
    }
}
#[automatically_derived]
impl file {
    /// Whether kernel field `file.f_flags` exists in the target.
    #[inline(always)]
    pub fn f_flags_exists() -> bool {
        my_runtime::__private::relocatable_field_exists::<Self, 0>()
    }
    /// Size in bytes of `file.f_flags` in the target, if it exists.
    #[inline(always)]
    pub fn f_flags_byte_size() -> ::core::option::Option<usize> {
        my_runtime::__private::if_exists(
            Self::f_flags_exists(),
            my_runtime::__private::relocatable_field_byte_size::<Self, 0>,
        )
    }
    /// Offset in bytes of `file.f_flags` in the target, if it exists.
    #[inline(always)]
    pub fn f_flags_byte_offset() -> ::core::option::Option<usize> {
        my_runtime::__private::if_exists(
            Self::f_flags_exists(),
            my_runtime::__private::relocatable_field_byte_offset::<Self, 0>,
        )
    }
}
const _: () = my_runtime::__private::check_layout::<file>();
my_runtime::__private::emit_descriptor!(file);
