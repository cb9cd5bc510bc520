//! `#[derive(BtfRelocatable)]` and `#[derive(BtfEnum)]`. Users depend on `btf-reloc-runtime`,
//! which re-exports these macros and documents them.
//!
//! Both derives run one pipeline, one way: `ast` checks the shape and parses the input (darling)
//! into a struct or an enum form, `repr` reads a struct's `#[repr]`, `valid` checks what spans
//! several fields or attributes and builds the model, `expand` generates code from the model.
//! Every stage reports into `ctxt::Errors`; `methods` names the generated methods for `valid`
//! and `expand` alike.

mod ast;
mod ctxt;
mod expand;
mod methods;
mod repr;
mod shape;
mod valid;

#[cfg(test)]
mod output_tests;
#[cfg(test)]
mod validation_tests;

use proc_macro::TokenStream;

use crate::ast::Derive;

/// See `btf_reloc_runtime::BtfEnum`.
#[proc_macro_derive(BtfEnum, attributes(btf))]
pub fn derive_btf_enum(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input, Derive::Enum)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `btf_reloc_runtime::BtfRelocatable`.
#[proc_macro_derive(BtfRelocatable, attributes(btf))]
pub fn derive_btf_relocatable(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input, Derive::Relocatable)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
