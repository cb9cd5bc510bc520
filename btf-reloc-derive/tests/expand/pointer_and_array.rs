// Expansion of a btf-reloc derive, case `pointer_and_array`.
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
    type Fields<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = task_structFields<__A, __P>;
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
    const SHAPE: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Struct(
        &<task_struct as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
    type Value<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = ::btf_reloc_runtime::__private::Ptr<task_struct, __A, __P>;
    type Projection<__P: ::btf_reloc_runtime::__private::Path> = <task_struct as ::btf_reloc_runtime::__private::Projectable>::Projection<
        __P,
    >;
    #[inline(always)]
    fn access<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    >(
        base: *const u8,
    ) -> ::core::result::Result<
        ::core::option::Option<
            ::btf_reloc_runtime::__private::Ptr<task_struct, __A, __P>,
        >,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::project::<task_struct, __A, __P>(base)
    }
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfType for task_struct {
    const TYPE: ::btf_reloc_runtime::__private::TypeDescriptor = ::btf_reloc_runtime::__private::TypeDescriptor::Struct(
        &<task_struct as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfPointee for task_struct {
    const POINTER: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::PtrTo(
        &::btf_reloc_runtime::__private::PointeeShape::Named {
            union: false,
            name: "task_struct",
        },
    );
}
/// Field getters of [`task_struct`], reached from `KernelPtr<task_struct>`, `UserPtr<task_struct>` and embedded-struct handles through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub struct task_structFields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
    __P: ::btf_reloc_runtime::__private::Path
        = ::btf_reloc_runtime::__private::Root<task_struct>,
>(
    ::btf_reloc_runtime::__private::Ptr<task_struct, __A, __P>,
);
#[automatically_derived]
impl<
    __A: ::btf_reloc_runtime::__private::AddressSpace,
    __P: ::btf_reloc_runtime::__private::Path,
> task_structFields<__A, __P> {
    /// Reads `task_struct::comm` (kernel field `task_struct.comm`) at the target's offset.
    #[inline(always)]
    pub fn comm(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<[u8; 16]>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            task_struct,
            __A,
            __P,
            0,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
    /// Element `index` of `task_struct::comm`, bounds-checked against the target array's length.
    #[inline(always)]
    pub fn comm_at(
        &self,
        index: usize,
    ) -> ::core::result::Result<
        ::core::option::Option<u8>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_element::<
            u8,
            __A,
            ::btf_reloc_runtime::__private::Member<__P, 0>,
        >(::btf_reloc_runtime::__private::base(self.0), index)
    }
    /// Copies the NUL-terminated string in (or behind) `task_struct::comm` into `buf` with `bpf_probe_read_*_str`; returns the bytes written, NUL included.
    #[inline(always)]
    pub fn comm_str(
        &self,
        buf: &mut [u8],
    ) -> ::core::result::Result<
        ::core::option::Option<usize>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_str::<
            [u8; 16],
            __A,
            ::btf_reloc_runtime::__private::Member<__P, 0>,
        >(::btf_reloc_runtime::__private::base(self.0), buf)
    }
    /// Reads `task_struct::mm` (kernel field `task_struct.mm`) at the target's offset.
    #[inline(always)]
    pub fn mm(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<KernelPtr<mm_struct>>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            task_struct,
            __A,
            __P,
            1,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
    /// Reads `task_struct::stack` (kernel field `task_struct.stack`) at the target's offset.
    #[inline(always)]
    pub fn stack(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<*const u8>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            task_struct,
            __A,
            __P,
            2,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
    /// Copies the NUL-terminated string in (or behind) `task_struct::stack` into `buf` with `bpf_probe_read_*_str`; returns the bytes written, NUL included.
    #[inline(always)]
    pub fn stack_str(
        &self,
        buf: &mut [u8],
    ) -> ::core::result::Result<
        ::core::option::Option<usize>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_str::<
            *const u8,
            __A,
            ::btf_reloc_runtime::__private::Member<__P, 2>,
        >(::btf_reloc_runtime::__private::base(self.0), buf)
    }
}
#[automatically_derived]
impl task_struct {
    /// Whether kernel field `task_struct.comm` exists in the target.
    #[inline(always)]
    pub fn comm_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Size in bytes of `task_struct.comm` in the target, if it exists.
    #[inline(always)]
    pub fn comm_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Offset in bytes of `task_struct.comm` in the target, if it exists.
    #[inline(always)]
    pub fn comm_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Whether kernel field `task_struct.mm` exists in the target.
    #[inline(always)]
    pub fn mm_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Size in bytes of `task_struct.mm` in the target, if it exists.
    #[inline(always)]
    pub fn mm_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Offset in bytes of `task_struct.mm` in the target, if it exists.
    #[inline(always)]
    pub fn mm_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Whether kernel field `task_struct.stack` exists in the target.
    #[inline(always)]
    pub fn stack_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                2,
            >,
        >()
    }
    /// Size in bytes of `task_struct.stack` in the target, if it exists.
    #[inline(always)]
    pub fn stack_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                2,
            >,
        >()
    }
    /// Offset in bytes of `task_struct.stack` in the target, if it exists.
    #[inline(always)]
    pub fn stack_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                2,
            >,
        >()
    }
}
const _: () = {
    type __BtfSelf = task_struct;
    const _: () = {
        /// `task_struct`'s fields as access paths (after `__P`), for `btf::field_byte_offset!` and `btf::field_byte_size!`.
        #[allow(non_camel_case_types, dead_code, missing_debug_implementations)]
        pub struct task_struct<__P: ::btf_reloc_runtime::__private::Path> {
            pub comm: ::btf_reloc_runtime::__private::ProjectionOf<__BtfSelf, __P, 0>,
            pub mm: ::btf_reloc_runtime::__private::ProjectionOf<__BtfSelf, __P, 1>,
            pub stack: ::btf_reloc_runtime::__private::ProjectionOf<__BtfSelf, __P, 2>,
            __btf_path: ::core::marker::PhantomData<fn() -> __P>,
        }
        #[automatically_derived]
        impl<
            __P: ::btf_reloc_runtime::__private::Path,
        > ::btf_reloc_runtime::__private::Projection for task_struct<__P> {
            type Path = __P;
            const HERE: Self = Self {
                comm: ::btf_reloc_runtime::__private::Projection::HERE,
                mm: ::btf_reloc_runtime::__private::Projection::HERE,
                stack: ::btf_reloc_runtime::__private::Projection::HERE,
                __btf_path: ::core::marker::PhantomData,
            };
        }
        #[automatically_derived]
        impl ::btf_reloc_runtime::__private::Projectable for __BtfSelf {
            type Projection<__P: ::btf_reloc_runtime::__private::Path> = task_struct<
                __P,
            >;
        }
    };
};
const _: () = ::btf_reloc_runtime::__private::check_layout::<task_struct>();
::btf_reloc_runtime::__private::emit_type_descriptor!(task_struct, "task_struct");
