// Expansion of a btf-reloc derive, case `typedef_enum`.
// Regenerate with `BLESS=1 cargo test -p btf-reloc-derive`.

#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfEnum for AnonEnum {
    const DESCRIPTOR: ::btf_reloc_runtime::__private::EnumDescriptor = ::btf_reloc_runtime::__private::EnumDescriptor {
        name: "",
        rust_path: ::core::concat!(::core::module_path!(), "::", "AnonEnum"),
        size: ::btf_reloc_runtime::__private::enum_size(&[AnonEnum::Val1 as i64]),
        signed: ::btf_reloc_runtime::__private::enum_signed(&[AnonEnum::Val1 as i64]),
        variants: &[
            ::btf_reloc_runtime::__private::VariantDescriptor {
                name: "ANON_ENUM_VAL1",
                value: AnonEnum::Val1 as i64,
            },
        ],
    };
}
#[automatically_derived]
impl ::btf_reloc_runtime::__private::BtfType for AnonEnum {
    const TYPE: ::btf_reloc_runtime::__private::TypeDescriptor = ::btf_reloc_runtime::__private::TypeDescriptor::Typedef {
        name: "anon_enum",
        of: &::btf_reloc_runtime::__private::TypeDescriptor::Enum(
            &<AnonEnum as ::btf_reloc_runtime::__private::BtfEnum>::DESCRIPTOR,
        ),
    };
}
#[automatically_derived]
impl AnonEnum {
    /// The value of this enumerator of kernel enum `anon_enum` in the target, if it exists there.
    #[inline(always)]
    pub fn value(&self) -> ::core::option::Option<i64> {
        match self {
            Self::Val1 => ::btf_reloc_runtime::__private::enum_value::<Self, 0>(),
        }
    }
    /// Whether this enumerator of kernel enum `anon_enum` exists in the target.
    #[inline(always)]
    pub fn exists(&self) -> bool {
        match self {
            Self::Val1 => ::btf_reloc_runtime::__private::enum_value_exists::<Self, 0>(),
        }
    }
}
::btf_reloc_runtime::__private::emit_type_descriptor!(AnonEnum, "AnonEnum");
