//! `BtfEnum`'s code, from a checked enum model: the descriptor (every enumerator with its local
//! value), `BtfType`, `value()`/`exists()` on the enum, and the descriptor emission for the
//! post-link step.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::ext::IdentExt;

use crate::valid::{Model, ModelVariant};

/// The generated items for an enum model with these variants.
pub(super) fn expand(model: &Model<'_>, variants: &[ModelVariant<'_>]) -> TokenStream {
    let Model {
        ident,
        vis: _,
        kernel_name,
        typedef,
        krate,
        body: _,
    } = model;
    let p = quote!(#krate::__private);
    let type_descriptor = super::typedef(
        &p,
        typedef.as_deref(),
        quote!(#p::TypeDescriptor::Enum(&<#ident as #p::BtfEnum>::DESCRIPTOR)),
    );
    // What the docs call the kernel enum: its typedef for an anonymous one.
    let doc_name = typedef
        .as_deref()
        .filter(|_| kernel_name.is_empty())
        .unwrap_or(kernel_name);
    let rust_name = ident.unraw().to_string();
    // The type's own descriptor section (`btf_reloc_format::descriptor_section!`).
    let section_name: String = btf_reloc_format::section_type_name(&rust_name).collect();
    let (variant_idents, variant_names): (Vec<_>, Vec<_>) = variants
        .iter()
        .map(|ModelVariant { ident, kernel_name }| (*ident, kernel_name.as_str()))
        .unzip();
    let values = variant_idents
        .iter()
        .map(|v| quote!(#ident::#v as i64))
        .collect::<Vec<_>>();
    let descriptors = variant_names
        .iter()
        .zip(&values)
        .map(|(name, value)| quote!(#p::VariantDescriptor { name: #name, value: #value }));
    let indices = (0..variants.len()).map(Literal::usize_unsuffixed);
    let arms_value = variant_idents
        .iter()
        .zip(indices.clone())
        .map(|(v, i)| quote!(Self::#v => #p::enum_value::<Self, #i>()));
    let arms_exists = variant_idents
        .iter()
        .zip(indices)
        .map(|(v, i)| quote!(Self::#v => #p::enum_value_exists::<Self, #i>()));
    let value_doc = format!(
        " The value of this enumerator of kernel enum `{doc_name}` in the target, if it exists \
         there."
    );
    let exists_doc =
        format!(" Whether this enumerator of kernel enum `{doc_name}` exists in the target.");
    quote! {
        #[automatically_derived]
        impl #p::BtfEnum for #ident {
            const DESCRIPTOR: #p::EnumDescriptor = #p::EnumDescriptor {
                name: #kernel_name,
                rust_path: ::core::concat!(::core::module_path!(), "::", #rust_name),
                size: #p::enum_size(&[#(#values),*]),
                signed: #p::enum_signed(&[#(#values),*]),
                variants: &[#(#descriptors),*],
            };
        }

        #[automatically_derived]
        impl #p::BtfType for #ident {
            const TYPE: #p::TypeDescriptor = #type_descriptor;
        }

        #[automatically_derived]
        impl #ident {
            #[doc = #value_doc]
            #[inline(always)]
            pub fn value(&self) -> ::core::option::Option<i64> {
                match self {
                    #(#arms_value,)*
                }
            }

            #[doc = #exists_doc]
            #[inline(always)]
            pub fn exists(&self) -> bool {
                match self {
                    #(#arms_exists,)*
                }
            }
        }

        #p::emit_type_descriptor!(#ident, #section_name);
    }
}
