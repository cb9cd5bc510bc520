//! `#[derive(BtfEnum)]`: parse (darling), check, expand, for a fieldless enum mirroring a kernel
//! enum. Same conventions as the struct derive: every error collected and spanned, an expansion
//! emitted next to errors found after the shape check.

use std::collections::HashMap;

use darling::{FromDeriveInput, FromVariant};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::NameValue;
use crate::valid::{is_c_identifier, Errors};

/// `#[btf(...)]` on the enum.
#[derive(FromDeriveInput)]
#[darling(attributes(btf))]
struct EnumInput {
    ident: syn::Ident,
    data: darling::ast::Data<Variant, darling::util::Ignored>,
    #[darling(default)]
    name: Option<NameValue>,
    #[darling(default, rename = "crate")]
    krate: Option<syn::Path>,
}

/// `#[btf(...)]` on a variant.
#[derive(FromVariant)]
#[darling(attributes(btf))]
struct Variant {
    ident: syn::Ident,
    #[darling(default)]
    rename: Option<NameValue>,
}

/// The whole derive.
pub(crate) fn derive(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    check_shape(input)?;
    let mut errors = Errors::default();
    let parsed = EnumInput::from_derive_input(input);
    let expanded = match &parsed {
        Ok(parsed) => {
            let model = validate(parsed, &mut errors);
            expand(&model)
        }
        Err(e) => {
            errors.push(e.clone().into());
            expand(&fallback(input))
        }
    };
    Ok(match errors.finish() {
        Ok(()) => expanded,
        Err(e) => {
            let errors = e.into_compile_error();
            quote! { #errors #expanded }
        }
    })
}

fn check_shape(input: &syn::DeriveInput) -> syn::Result<()> {
    let mut errors = Errors::default();
    match &input.data {
        syn::Data::Enum(data) => {
            for variant in &data.variants {
                if !matches!(variant.fields, syn::Fields::Unit) {
                    errors.push(syn::Error::new(
                        variant.fields.span(),
                        "BtfEnum variants cannot carry data: a kernel enum is a set of named \
                         integers",
                    ));
                }
            }
        }
        syn::Data::Struct(data) => errors.push(syn::Error::new(
            data.struct_token.span,
            "BtfEnum is for enums; derive BtfRelocatable for a struct",
        )),
        syn::Data::Union(data) => errors.push(syn::Error::new(
            data.union_token.span,
            "BtfEnum is for enums, not unions",
        )),
    }
    if let Some(param) = input.generics.params.first() {
        errors.push(syn::Error::new(
            param.span(),
            "BtfEnum cannot be derived for a generic enum",
        ));
    }
    errors.finish()
}

struct Model<'a> {
    ident: &'a syn::Ident,
    kernel_name: String,
    krate: syn::Path,
    /// `(Rust variant, kernel enumerator name)`.
    variants: Vec<(&'a syn::Ident, String)>,
}

fn validate<'a>(input: &'a EnumInput, errors: &mut Errors) -> Model<'a> {
    let kernel_name = match &input.name {
        Some(name) => {
            check_name(name, "type", errors);
            name.value.clone()
        }
        None => input.ident.unraw().to_string(),
    };
    let mut seen: HashMap<String, &syn::Ident> = HashMap::new();
    let mut variants = Vec::new();
    if let darling::ast::Data::Enum(list) = &input.data {
        for variant in list {
            let name = match &variant.rename {
                Some(rename) => {
                    check_name(rename, "enumerator", errors);
                    rename.value.clone()
                }
                None => variant.ident.unraw().to_string(),
            };
            if let Some(first) = seen.get(&name) {
                let span = variant
                    .rename
                    .as_ref()
                    .map_or_else(|| variant.ident.span(), |r| r.span);
                errors.push(syn::Error::new(
                    span,
                    format!(
                        "variants `{first}` and `{}` both map to kernel enumerator `{name}`",
                        variant.ident
                    ),
                ));
            } else {
                seen.insert(name.clone(), &variant.ident);
            }
            variants.push((&variant.ident, name));
        }
    }
    Model {
        ident: &input.ident,
        kernel_name,
        krate: input
            .krate
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(::btf_reloc_runtime)),
        variants,
    }
}

fn check_name(name: &NameValue, what: &str, errors: &mut Errors) {
    if !is_c_identifier(&name.value) {
        errors.push(syn::Error::new(
            name.span,
            format!(
                "`{}` is not a C identifier, so it cannot name a kernel {what}",
                name.value
            ),
        ));
    }
}

fn fallback(input: &syn::DeriveInput) -> Model<'_> {
    let variants = match &input.data {
        syn::Data::Enum(data) => data
            .variants
            .iter()
            .map(|v| (&v.ident, v.ident.unraw().to_string()))
            .collect(),
        _ => Vec::new(),
    };
    Model {
        ident: &input.ident,
        kernel_name: input.ident.unraw().to_string(),
        krate: syn::parse_quote!(::btf_reloc_runtime),
        variants,
    }
}

fn expand(model: &Model<'_>) -> TokenStream {
    let Model {
        ident,
        kernel_name,
        krate,
        variants,
    } = model;
    let p = quote!(#krate::__private);
    let rust_name = ident.unraw().to_string();
    let values = variants
        .iter()
        .map(|(v, _)| quote!(#ident::#v as i64))
        .collect::<Vec<_>>();
    let descriptors = variants
        .iter()
        .zip(&values)
        .map(|((_, name), value)| quote!(#p::VariantDescriptor { name: #name, value: #value }));
    let indices = (0..variants.len()).map(Literal::usize_unsuffixed);
    let arms_value = variants
        .iter()
        .zip(indices.clone())
        .map(|((v, _), i)| quote!(Self::#v => #p::enum_value::<Self, #i>()));
    let arms_exists = variants
        .iter()
        .zip(indices)
        .map(|((v, _), i)| quote!(Self::#v => #p::enum_value_exists::<Self, #i>()));
    let value_doc = format!(
        " The value of this enumerator of kernel enum `{kernel_name}` in the target, if it exists \
         there."
    );
    let exists_doc =
        format!(" Whether this enumerator of kernel enum `{kernel_name}` exists in the target.");
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
            const TYPE: #p::TypeDescriptor =
                #p::TypeDescriptor::Enum(&<#ident as #p::BtfEnum>::DESCRIPTOR);
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

        #p::emit_enum_descriptor!(#ident);
    }
}
