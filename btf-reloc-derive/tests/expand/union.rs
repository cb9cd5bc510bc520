// Expansion of a btf-reloc derive, case `union`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfRelocatable for sigval {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::StructDescriptor = ::btf_reloc_runtime::__private::StructDescriptor {
        name: "sigval",
        rust_path: ::core::concat!(::core::module_path!(), "::", "sigval"),
        size: ::core::mem::size_of::<sigval>(),
        fields: &[
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "sival_int",
                offset: ::core::mem::offset_of!(sigval, sival_int),
                size: ::btf_reloc_runtime::__private::field_size::<sigval, 0>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<sigval, 0>(),
            },
            ::btf_reloc_runtime::__private::FieldDescriptor {
                name: "sival_ptr",
                offset: ::core::mem::offset_of!(sigval, sival_ptr),
                size: ::btf_reloc_runtime::__private::field_size::<sigval, 1>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<sigval, 1>(),
            },
        ],
    };
    type Fields<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = sigvalFields<__A, __P>;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<0> for sigval {
    type Type = i32;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<1> for sigval {
    type Type = KernelPtr<u8>;
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::FieldType for sigval {
    const SHAPE: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Union(
        &<sigval as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
    type Value<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = ::btf_reloc_runtime::__private::Ptr<sigval, __A, __P>;
    type Projection<__P: ::btf_reloc_runtime::__private::Path> = <sigval as ::btf_reloc_runtime::__private::Projectable>::Projection<
        __P,
    >;
    #[inline(always)]
    fn access<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    >(
        base: *const u8,
    ) -> ::core::result::Result<
        ::core::option::Option<::btf_reloc_runtime::__private::Ptr<sigval, __A, __P>>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::project::<sigval, __A, __P>(base)
    }
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfType for sigval {
    const TYPE: ::btf_reloc_runtime::__private::TypeDescriptor = ::btf_reloc_runtime::__private::TypeDescriptor::Union(
        &<sigval as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfPointee for sigval {
    const POINTER: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::PtrTo(
        &::btf_reloc_runtime::__private::PointeeShape::Named {
            union: true,
            name: "sigval",
        },
    );
}
/// Field getters of [`sigval`], reached from `KernelPtr<sigval>`, `UserPtr<sigval>` and embedded-struct handles through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub struct sigvalFields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
    __P: ::btf_reloc_runtime::__private::Path
        = ::btf_reloc_runtime::__private::Root<sigval>,
>(
    ::btf_reloc_runtime::__private::Ptr<sigval, __A, __P>,
);
#[automatically_derived]
impl<
    __A: ::btf_reloc_runtime::__private::AddressSpace,
    __P: ::btf_reloc_runtime::__private::Path,
> sigvalFields<__A, __P> {
    /// Reads `sigval::sival_int` (kernel field `sigval.sival_int`) at the target's offset.
    #[inline(always)]
    pub fn sival_int(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<i32>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            sigval,
            __A,
            __P,
            0,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
    /// Reads `sigval::sival_ptr` (kernel field `sigval.sival_ptr`) at the target's offset.
    #[inline(always)]
    pub fn sival_ptr(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<KernelPtr<u8>>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            sigval,
            __A,
            __P,
            1,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
    /// Copies the NUL-terminated string in (or behind) `sigval::sival_ptr` into `buf` with `bpf_probe_read_*_str`; returns the bytes written, NUL included.
    #[inline(always)]
    pub fn sival_ptr_str(
        &self,
        buf: &mut [u8],
    ) -> ::core::result::Result<
        ::core::option::Option<usize>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_str::<
            KernelPtr<u8>,
            __A,
            ::btf_reloc_runtime::__private::Member<__P, 1>,
        >(::btf_reloc_runtime::__private::base(self.0), buf)
    }
}
#[automatically_derived]
impl sigval {
    /// Whether kernel field `sigval.sival_int` exists in the target.
    #[inline(always)]
    pub fn sival_int_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Size in bytes of `sigval.sival_int` in the target, if it exists.
    #[inline(always)]
    pub fn sival_int_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Offset in bytes of `sigval.sival_int` in the target, if it exists.
    #[inline(always)]
    pub fn sival_int_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Whether kernel field `sigval.sival_ptr` exists in the target.
    #[inline(always)]
    pub fn sival_ptr_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Size in bytes of `sigval.sival_ptr` in the target, if it exists.
    #[inline(always)]
    pub fn sival_ptr_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Offset in bytes of `sigval.sival_ptr` in the target, if it exists.
    #[inline(always)]
    pub fn sival_ptr_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
}
const _: () = {
    type __BtfSelf = sigval;
    const _: () = {
        /// `sigval`'s fields as access paths (after `__P`), for `btf::field_byte_offset!` and `btf::field_byte_size!`.
        #[allow(non_camel_case_types, dead_code, missing_debug_implementations)]
        pub struct sigval<__P: ::btf_reloc_runtime::__private::Path> {
            pub sival_int: ::btf_reloc_runtime::__private::ProjectionOf<
                __BtfSelf,
                __P,
                0,
            >,
            pub sival_ptr: ::btf_reloc_runtime::__private::ProjectionOf<
                __BtfSelf,
                __P,
                1,
            >,
            __btf_path: ::core::marker::PhantomData<fn() -> __P>,
        }
        #[automatically_derived]
        impl<
            __P: ::btf_reloc_runtime::__private::Path,
        > ::btf_reloc_runtime::__private::Projection for sigval<__P> {
            type Path = __P;
            const HERE: Self = Self {
                sival_int: ::btf_reloc_runtime::__private::Projection::HERE,
                sival_ptr: ::btf_reloc_runtime::__private::Projection::HERE,
                __btf_path: ::core::marker::PhantomData,
            };
        }
        #[automatically_derived]
        impl ::btf_reloc_runtime::__private::Projectable for __BtfSelf {
            type Projection<__P: ::btf_reloc_runtime::__private::Path> = sigval<__P>;
        }
    };
};
const _: () = ::btf_reloc_runtime::__private::check_layout::<sigval>();
::btf_reloc_runtime::__private::emit_type_descriptor!(sigval, "sigval");
