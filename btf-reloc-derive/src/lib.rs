//! `#[derive(BtfRelocatable)]`. Users depend on `btf-reloc-runtime`, which re-exports this macro
//! and documents it.
//!
//! The pipeline is one-way: `ast` parses the input (darling), `repr` reads `#[repr]`,
//! `valid` checks what spans several fields, `expand` generates code from the checked model.

mod ast;
mod enums;
mod expand;
mod repr;
mod shape;
mod valid;

#[cfg(test)]
mod output_tests;
#[cfg(test)]
mod validation_tests;

use proc_macro::TokenStream;

/// See `btf_reloc_runtime::BtfEnum`.
#[proc_macro_derive(BtfEnum, attributes(btf))]
pub fn derive_btf_enum(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    enums::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// See `btf_reloc_runtime::BtfRelocatable`.
#[proc_macro_derive(BtfRelocatable, attributes(btf))]
pub fn derive_btf_relocatable(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
