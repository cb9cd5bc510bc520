// Expansion of a btf-reloc derive, case `typedef`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfRelocatable for Kuid {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::StructDescriptor = ::btf_reloc_runtime::__private::StructDescriptor {
        name: "",
        rust_path: ::core::concat!(::core::module_path!(), "::", "Kuid"),
        size: ::core::mem::size_of::<Kuid>(),
        fields: &[
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "val",
                offset: ::core::mem::offset_of!(Kuid, val),
                size: ::btf_reloc_runtime::__private::field_size::<Kuid, 0>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<Kuid, 0>(),
            },
        ],
    };
    type Fields<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = KuidFields<__A, __P>;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<0> for Kuid {
    type Type = u32;
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::FieldType for Kuid {
    const SHAPE: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Struct(
        &<Kuid as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
    type Value<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = ::btf_reloc_runtime::__private::Ptr<Kuid, __A, __P>;
    type Projection<__P: ::btf_reloc_runtime::__private::Path> = <Kuid as ::btf_reloc_runtime::__private::Projectable>::Projection<
        __P,
    >;
    #[inline(always)]
    fn access<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    >(
        base: *const u8,
    ) -> ::core::result::Result<
        ::core::option::Option<::btf_reloc_runtime::__private::Ptr<Kuid, __A, __P>>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::project::<Kuid, __A, __P>(base)
    }
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfType for Kuid {
    const TYPE: ::btf_reloc_runtime::__private::TypeDescriptor = ::btf_reloc_runtime::__private::TypeDescriptor::Typedef {
        name: "kuid_t",
        of: &::btf_reloc_runtime::__private::TypeDescriptor::Struct(
            &<Kuid as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
        ),
    };
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfPointee for Kuid {
    const POINTER: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Ptr;
}
/// Field getters of [`Kuid`], reached from `KernelPtr<Kuid>`, `UserPtr<Kuid>` and embedded-struct handles through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub struct KuidFields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
    __P: ::btf_reloc_runtime::__private::Path
        = ::btf_reloc_runtime::__private::Root<Kuid>,
>(
    ::btf_reloc_runtime::__private::Ptr<Kuid, __A, __P>,
);
#[automatically_derived]
impl<
    __A: ::btf_reloc_runtime::__private::AddressSpace,
    __P: ::btf_reloc_runtime::__private::Path,
> KuidFields<__A, __P> {
    /// Reads `Kuid::val` (kernel field `kuid_t.val`) at the target's offset.
    #[inline(always)]
    pub fn val(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<u32>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            Kuid,
            __A,
            __P,
            0,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
}
#[automatically_derived]
impl Kuid {
    /// Whether kernel field `kuid_t.val` exists in the target.
    #[inline(always)]
    pub fn val_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Size in bytes of `kuid_t.val` in the target, if it exists.
    #[inline(always)]
    pub fn val_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Offset in bytes of `kuid_t.val` in the target, if it exists.
    #[inline(always)]
    pub fn val_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
}
const _: () = {
    type __BtfSelf = Kuid;
    const _: () = {
        /// `Kuid`'s fields as access paths (after `__P`), for `btf::field_byte_offset!` and `btf::field_byte_size!`.
        #[allow(non_camel_case_types, dead_code, missing_debug_implementations)]
        pub struct Kuid<__P: ::btf_reloc_runtime::__private::Path> {
            pub val: ::btf_reloc_runtime::__private::ProjectionOf<__BtfSelf, __P, 0>,
            __btf_path: ::core::marker::PhantomData<fn() -> __P>,
        }
        #[automatically_derived]
        impl<
            __P: ::btf_reloc_runtime::__private::Path,
        > ::btf_reloc_runtime::__private::Projection for Kuid<__P> {
            type Path = __P;
            const HERE: Self = Self {
                val: ::btf_reloc_runtime::__private::Projection::HERE,
                __btf_path: ::core::marker::PhantomData,
            };
        }
        #[automatically_derived]
        impl ::btf_reloc_runtime::__private::Projectable for __BtfSelf {
            type Projection<__P: ::btf_reloc_runtime::__private::Path> = Kuid<__P>;
        }
    };
};
const _: () = ::btf_reloc_runtime::__private::check_layout::<Kuid>();
::btf_reloc_runtime::__private::emit_type_descriptor!(Kuid, "Kuid");
