// Expansion of a btf-reloc derive, case `enum_values`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfEnum for PidType {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::EnumDescriptor = ::btf_reloc_runtime::__private::EnumDescriptor {
        name: "pid_type",
        rust_path: ::core::concat!(::core::module_path!(), "::", "PidType"),
        size: ::btf_reloc_runtime::__private::enum_size(
            &[PidType::Pid as i64, PidType::Tgid as i64],
        ),
        signed: ::btf_reloc_runtime::__private::enum_signed(
            &[PidType::Pid as i64, PidType::Tgid as i64],
        ),
        variants: &[
            ::btf_reloc_runtime::__private::VariantDescriptor {
                name: "PIDTYPE_PID",
                value: PidType::Pid as i64,
            },
            ::btf_reloc_runtime::__private::VariantDescriptor {
                name: "PIDTYPE_TGID",
                value: PidType::Tgid as i64,
            },
        ],
    };
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfType for PidType {
    const TYPE: ::btf_reloc_runtime::__private::TypeDescriptor = ::btf_reloc_runtime::__private::TypeDescriptor::Enum(
        &<PidType as ::btf_reloc_runtime::__private::BtfEnum>::DESCRIPTOR,
    );
}
#[automatically_derived]
impl PidType {
    /// The value of this enumerator of kernel enum `pid_type` in the target, if it exists there.
    #[inline(always)]
    pub fn value(&self) -> ::core::option::Option<i64> {
        match self {
            Self::Pid => ::btf_reloc_runtime::__private::enum_value::<Self, 0>(),
            Self::Tgid => ::btf_reloc_runtime::__private::enum_value::<Self, 1>(),
        }
    }
    /// Whether this enumerator of kernel enum `pid_type` exists in the target.
    #[inline(always)]
    pub fn exists(&self) -> bool {
        match self {
            Self::Pid => ::btf_reloc_runtime::__private::enum_value_exists::<Self, 0>(),
            Self::Tgid => ::btf_reloc_runtime::__private::enum_value_exists::<Self, 1>(),
        }
    }
}
::btf_reloc_runtime::__private::emit_type_descriptor!(PidType, "PidType");
