// Expansion of a btf-reloc derive, case `renamed_crate`.
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
    type Fields<
        __A: my_runtime::__private::AddressSpace,
        __P: my_runtime::__private::Path,
    > = fileFields<__A, __P>;
}
#[automatically_derived]
impl my_runtime::__private::RelocatableField<0> for file {
    type Type = u32;
}
#[automatically_derived]
unsafe impl my_runtime::__private::FieldType for file {
    const SHAPE: my_runtime::__private::TypeShape = my_runtime::__private::TypeShape::Struct(
        &<file as my_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
    type Value<
        __A: my_runtime::__private::AddressSpace,
        __P: my_runtime::__private::Path,
    > = my_runtime::__private::Ptr<file, __A, __P>;
    type Projection<__P: my_runtime::__private::Path> = <file as my_runtime::__private::Projectable>::Projection<
        __P,
    >;
    #[inline(always)]
    fn access<
        __A: my_runtime::__private::AddressSpace,
        __P: my_runtime::__private::Path,
    >(
        base: *const u8,
    ) -> ::core::result::Result<
        ::core::option::Option<my_runtime::__private::Ptr<file, __A, __P>>,
        my_runtime::__private::RelocatableFieldAccessError,
    > {
        my_runtime::__private::project::<file, __A, __P>(base)
    }
}
#[automatically_derived]
impl my_runtime::__private::BtfType for file {
    const TYPE: my_runtime::__private::TypeDescriptor = my_runtime::__private::TypeDescriptor::Struct(
        &<file as my_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
}
#[automatically_derived]
unsafe impl my_runtime::__private::BtfPointee for file {
    const POINTER: my_runtime::__private::TypeShape = my_runtime::__private::TypeShape::PtrTo(
        &my_runtime::__private::PointeeShape::Named {
            union: false,
            name: "file",
        },
    );
}
/// Field getters of [`file`], reached from `KernelPtr<file>`, `UserPtr<file>` and embedded-struct handles through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub(crate) struct fileFields<
    __A: my_runtime::__private::AddressSpace = my_runtime::__private::Kernel,
    __P: my_runtime::__private::Path = my_runtime::__private::Root<file>,
>(
    my_runtime::__private::Ptr<file, __A, __P>,
);
#[automatically_derived]
impl<
    __A: my_runtime::__private::AddressSpace,
    __P: my_runtime::__private::Path,
> fileFields<__A, __P> {
    /// Reads `file::f_flags` (kernel field `file.f_flags`) at the target's offset.
    #[inline(always)]
    pub fn f_flags(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<u32>,
        my_runtime::__private::RelocatableFieldAccessError,
    > {
        my_runtime::__private::access::<
            file,
            __A,
            __P,
            0,
        >(my_runtime::__private::base(self.0))
    }
}
#[automatically_derived]
impl file {
    /// Whether kernel field `file.f_flags` exists in the target.
    #[inline(always)]
    pub fn f_flags_exists() -> bool {
        my_runtime::__private::field_exists::<
            my_runtime::__private::Member<my_runtime::__private::Root<Self>, 0>,
        >()
    }
    /// Size in bytes of `file.f_flags` in the target, if it exists.
    #[inline(always)]
    pub fn f_flags_byte_size() -> ::core::option::Option<usize> {
        my_runtime::__private::existing_size::<
            my_runtime::__private::Member<my_runtime::__private::Root<Self>, 0>,
        >()
    }
    /// Offset in bytes of `file.f_flags` in the target, if it exists.
    #[inline(always)]
    pub fn f_flags_byte_offset() -> ::core::option::Option<usize> {
        my_runtime::__private::existing_offset::<
            my_runtime::__private::Member<my_runtime::__private::Root<Self>, 0>,
        >()
    }
}
const _: () = {
    type __BtfSelf = file;
    const _: () = {
        /// `file`'s fields as access paths (after `__P`), for `btf::field_byte_offset!` and `btf::field_byte_size!`.
        #[allow(non_camel_case_types, dead_code, missing_debug_implementations)]
        pub(crate) struct file<__P: my_runtime::__private::Path> {
            pub(crate) f_flags: my_runtime::__private::ProjectionOf<__BtfSelf, __P, 0>,
            __btf_path: ::core::marker::PhantomData<fn() -> __P>,
        }
        #[automatically_derived]
        impl<__P: my_runtime::__private::Path> my_runtime::__private::Projection
        for file<__P> {
            type Path = __P;
            const HERE: Self = Self {
                f_flags: my_runtime::__private::Projection::HERE,
                __btf_path: ::core::marker::PhantomData,
            };
        }
        #[automatically_derived]
        impl my_runtime::__private::Projectable for __BtfSelf {
            type Projection<__P: my_runtime::__private::Path> = file<__P>;
        }
    };
};
const _: () = my_runtime::__private::check_layout::<file>();
my_runtime::__private::emit_type_descriptor!(file, "file");
