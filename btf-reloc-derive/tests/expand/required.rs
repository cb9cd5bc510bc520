// Expansion of a btf-reloc derive, case `required`.
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
                name: "sched_reset_on_fork",
                offset: ::core::mem::offset_of!(task_struct, sched_reset_on_fork),
                size: ::btf_reloc_runtime::__private::field_size::<task_struct, 1>(),
                shape: ::btf_reloc_runtime::__private::field_shape::<task_struct, 1>(),
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
    type Type = i32;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<1> for task_struct {
    type Type = u8;
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
    /// Reads `task_struct::pid` (kernel field `task_struct.pid`) at the target's offset.
    ///
    /// Required (`#[btf(required)]`): no existence check; the program does not load on a
    /// kernel without this field (the verifier refuses the relocated read). A field of
    /// another size is still `Err(SizeMismatch)`, a null handle `Err(ProbeRead)`.
    #[inline(always)]
    pub fn pid(
        &self,
    ) -> ::core::result::Result<
        i32,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access_required::<
            task_struct,
            __A,
            __P,
            0,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
    /// Reads `task_struct::sched_reset_on_fork` (kernel field `task_struct.sched_reset_on_fork`) at the target's offset.
    ///
    /// A bitfield: extracted (and sign-extended if the target field is signed) with
    /// the target's bit offset and width.
    ///
    /// Required (`#[btf(required)]`): no existence check; the program does not load on a
    /// kernel without this field (the verifier refuses the relocated read). A field of
    /// another size is still `Err(SizeMismatch)`, a null handle `Err(ProbeRead)`.
    #[inline(always)]
    pub fn sched_reset_on_fork(
        &self,
    ) -> ::core::result::Result<
        u8,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::read_bitfield_required::<
            u8,
            __A,
            ::btf_reloc_runtime::__private::Member<__P, 1>,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
}
#[automatically_derived]
impl task_struct {
    /// Whether kernel field `task_struct.pid` exists in the target.
    #[inline(always)]
    pub fn pid_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Size in bytes of `task_struct.pid` in the target, if it exists.
    #[inline(always)]
    pub fn pid_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Offset in bytes of `task_struct.pid` in the target, if it exists.
    #[inline(always)]
    pub fn pid_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Whether kernel field `task_struct.sched_reset_on_fork` exists in the target.
    #[inline(always)]
    pub fn sched_reset_on_fork_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Size in bytes of `task_struct.sched_reset_on_fork` in the target, if it exists.
    #[inline(always)]
    pub fn sched_reset_on_fork_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
            >,
        >()
    }
    /// Offset in bytes of `task_struct.sched_reset_on_fork` in the target, if it exists.
    #[inline(always)]
    pub fn sched_reset_on_fork_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                1,
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
            pub pid: ::btf_reloc_runtime::__private::ProjectionOf<__BtfSelf, __P, 0>,
            pub sched_reset_on_fork: ::btf_reloc_runtime::__private::ProjectionOf<
                __BtfSelf,
                __P,
                1,
            >,
            __btf_path: ::core::marker::PhantomData<fn() -> __P>,
        }
        #[automatically_derived]
        impl<
            __P: ::btf_reloc_runtime::__private::Path,
        > ::btf_reloc_runtime::__private::Projection for task_struct<__P> {
            type Path = __P;
            const HERE: Self = Self {
                pid: ::btf_reloc_runtime::__private::Projection::HERE,
                sched_reset_on_fork: ::btf_reloc_runtime::__private::Projection::HERE,
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
