// Expansion of a btf-reloc derive, case `flavor`.
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
    type Fields<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = TaskStructV58Fields<__A, __P>;
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::RelocatableField<0> for TaskStructV58 {
    type Type = i64;
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::FieldType for TaskStructV58 {
    const SHAPE: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::Struct(
        &<TaskStructV58 as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
    type Value<
        __A: ::btf_reloc_runtime::__private::AddressSpace,
        __P: ::btf_reloc_runtime::__private::Path,
    > = ::btf_reloc_runtime::__private::Ptr<TaskStructV58, __A, __P>;
    type Projection<__P: ::btf_reloc_runtime::__private::Path> = <TaskStructV58 as ::btf_reloc_runtime::__private::Projectable>::Projection<
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
            ::btf_reloc_runtime::__private::Ptr<TaskStructV58, __A, __P>,
        >,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::project::<TaskStructV58, __A, __P>(base)
    }
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfType for TaskStructV58 {
    const TYPE: ::btf_reloc_runtime::__private::TypeDescriptor = ::btf_reloc_runtime::__private::TypeDescriptor::Struct(
        &<TaskStructV58 as ::btf_reloc_runtime::__private::BtfRelocatable>::DESCRIPTOR,
    );
}
#[automatically_derived]
unsafe impl ::btf_reloc_runtime::__private::BtfPointee for TaskStructV58 {
    const POINTER: ::btf_reloc_runtime::__private::TypeShape = ::btf_reloc_runtime::__private::TypeShape::PtrTo(
        &::btf_reloc_runtime::__private::PointeeShape::Named {
            union: false,
            name: "task_struct___v58",
        },
    );
}
/// Field getters of [`TaskStructV58`], reached from `KernelPtr<TaskStructV58>`, `UserPtr<TaskStructV58>` and embedded-struct handles through `Deref`.
#[allow(non_camel_case_types)]
#[derive(::core::fmt::Debug)]
#[repr(transparent)]
pub struct TaskStructV58Fields<
    __A: ::btf_reloc_runtime::__private::AddressSpace
        = ::btf_reloc_runtime::__private::Kernel,
    __P: ::btf_reloc_runtime::__private::Path
        = ::btf_reloc_runtime::__private::Root<TaskStructV58>,
>(
    ::btf_reloc_runtime::__private::Ptr<TaskStructV58, __A, __P>,
);
#[automatically_derived]
impl<
    __A: ::btf_reloc_runtime::__private::AddressSpace,
    __P: ::btf_reloc_runtime::__private::Path,
> TaskStructV58Fields<__A, __P> {
    /// Reads `TaskStructV58::state` (kernel field `task_struct___v58.state`) at the target's offset.
    #[inline(always)]
    pub fn state(
        &self,
    ) -> ::core::result::Result<
        ::core::option::Option<i64>,
        ::btf_reloc_runtime::__private::RelocatableFieldAccessError,
    > {
        ::btf_reloc_runtime::__private::access::<
            TaskStructV58,
            __A,
            __P,
            0,
        >(::btf_reloc_runtime::__private::base(self.0))
    }
}
#[automatically_derived]
impl TaskStructV58 {
    /// Whether kernel field `task_struct___v58.state` exists in the target.
    #[inline(always)]
    pub fn state_exists() -> bool {
        ::btf_reloc_runtime::__private::field_exists::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Size in bytes of `task_struct___v58.state` in the target, if it exists.
    #[inline(always)]
    pub fn state_byte_size() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_size::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
    /// Offset in bytes of `task_struct___v58.state` in the target, if it exists.
    #[inline(always)]
    pub fn state_byte_offset() -> ::core::option::Option<usize> {
        ::btf_reloc_runtime::__private::existing_offset::<
            ::btf_reloc_runtime::__private::Member<
                ::btf_reloc_runtime::__private::Root<Self>,
                0,
            >,
        >()
    }
}
const _: () = {
    type __BtfSelf = TaskStructV58;
    const _: () = {
        /// `TaskStructV58`'s fields as access paths (after `__P`), for `btf::field_byte_offset!` and `btf::field_byte_size!`.
        #[allow(non_camel_case_types, dead_code, missing_debug_implementations)]
        pub struct TaskStructV58<__P: ::btf_reloc_runtime::__private::Path> {
            pub state: ::btf_reloc_runtime::__private::ProjectionOf<__BtfSelf, __P, 0>,
            __btf_path: ::core::marker::PhantomData<fn() -> __P>,
        }
        #[automatically_derived]
        impl<
            __P: ::btf_reloc_runtime::__private::Path,
        > ::btf_reloc_runtime::__private::Projection for TaskStructV58<__P> {
            type Path = __P;
            const HERE: Self = Self {
                state: ::btf_reloc_runtime::__private::Projection::HERE,
                __btf_path: ::core::marker::PhantomData,
            };
        }
        #[automatically_derived]
        impl ::btf_reloc_runtime::__private::Projectable for __BtfSelf {
            type Projection<__P: ::btf_reloc_runtime::__private::Path> = TaskStructV58<
                __P,
            >;
        }
    };
};
const _: () = ::btf_reloc_runtime::__private::check_layout::<TaskStructV58>();
::btf_reloc_runtime::__private::emit_type_descriptor!(TaskStructV58, "TaskStructV58");
