//! The error collector every stage writes to (serde_derive's `internals/ctxt.rs`): `ast`, `repr`
//! and `valid` push what they find and carry on, so that users see every mistake in one build
//! rather than one per fix-and-rebuild round.

use proc_macro2::TokenStream;
use quote::quote;

/// Errors collected over the whole derive, reported together.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// `Err` with every collected error, if there is one.
    pub(crate) fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }

    /// `expanded`, preceded by a `compile_error!` per collected error. The expansion stays next
    /// to the errors so that the uses of the derived type do not fail too ("no method named ..."),
    /// burying the real mistake under follow-on errors.
    pub(crate) fn emit_with(self, expanded: TokenStream) -> TokenStream {
        match self.0 {
            None => expanded,
            Some(errors) => {
                let errors = errors.into_compile_error();
                quote! { #errors #expanded }
            }
        }
    }
}
