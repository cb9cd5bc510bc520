//! Code generation from the checked model: pure, no validation here.
//!
//! For `struct S { f: T }` it writes, in this order: `unsafe impl BtfRelocatable for S` (the
//! descriptor), `impl RelocatableField<I> for S` per field, `unsafe impl FieldType for S` (so `S`
//! can be embedded), the `SFields<A>` getters type and its impl, the query functions on `S`, the
//! layout assertion and the descriptor emission for the post-link step.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::valid::{Errors, Model};
use crate::{ast, repr, valid};

/// The whole derive: check the shape, parse, check, expand. Errors found after the shape check
/// are emitted next to an expansion (of the checked model, or of a fallback model when the
/// attributes did not parse), so that one bad attribute does not also cost the user every getter.
pub(crate) fn derive(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    ast::check_shape(input)?;
    let mut errors = Errors::default();
    let parsed = ast::parse(input);
    let expanded = match &parsed {
        Ok(parsed) => {
            repr::check(&parsed.attrs, &parsed.ident, &mut errors);
            expand(&valid::validate(parsed, &mut errors))
        }
        Err(e) => {
            errors.push(e.clone().into());
            repr::check(&ast::repr_attrs(input), &input.ident, &mut errors);
            expand(&valid::fallback(input))
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

/// The generated items for a checked model.
pub(crate) fn expand(model: &Model<'_>) -> TokenStream {
    let Model {
        ident,
        vis,
        kernel_name,
        krate,
        fields,
    } = model;
    let p = quote!(#krate::__private);
    let fields_ty = format_ident!("{}Fields", ident.unraw());
    let rust_name = ident.unraw().to_string();

    // Sizes and shapes go through `RelocatableField`, so that a field type that cannot be read is
    // reported once, at the `type Type` below.
    let descriptors = model
        .relocatable()
        .enumerate()
        .map(|(index, (field, name))| {
            let index = Literal::usize_unsuffixed(index);
            let f = field.ident;
            quote! {
                #p::FieldDescriptor {
                    name: #name,
                    offset: ::core::mem::offset_of!(#ident, #f),
                    size: #p::field_size::<#ident, #index>(),
                    shape: #p::field_shape::<#ident, #index>(),
                }
            }
        });

    let field_impls = model.relocatable().enumerate().map(|(index, (field, _))| {
        let index = Literal::usize_unsuffixed(index);
        let ty = field.ty;
        // Spanned on the field type: an unsupported type is reported there.
        let type_item = quote_spanned!(ty.span()=> type Type = #ty;);
        quote! {
            #[automatically_derived]
            impl #p::RelocatableField<#index> for #ident {
                #type_item
            }
        }
    });

    // Skipped fields are not checked by a `RelocatableField` impl, so embedding `S` whole is only
    // allowed when they too are plain data; the higher-ranked bound defers that check to use.
    let skipped_bounds = fields
        .iter()
        .filter(|f| f.kernel_name.is_none())
        .map(|f| {
            let ty = f.ty;
            quote_spanned!(ty.span()=> for<'__btf> #ty: #p::FieldType)
        })
        .collect::<Vec<_>>();
    let where_skipped = if skipped_bounds.is_empty() {
        quote!()
    } else {
        quote!(where #(#skipped_bounds),*)
    };

    let getters = model
        .relocatable()
        .enumerate()
        .map(|(index, (field, name))| {
            let index = Literal::usize_unsuffixed(index);
            let f = field.ident;
            let ty = field.ty;
            let doc = format!(
                " Reads `{rust_name}::{}` (kernel field `{kernel_name}.{name}`) at the target's offset.",
                f.unraw()
            );
            quote! {
                #[doc = #doc]
                #[inline(always)]
                pub fn #f(&self) -> ::core::result::Result<
                    ::core::option::Option<#ty>,
                    #p::RelocatableFieldAccessError,
                > {
                    #p::read_field::<#ident, __A, #index>(self.0)
                }
            }
        });

    let queries = model
        .relocatable()
        .enumerate()
        .map(|(index, (field, name))| {
            let index = Literal::usize_unsuffixed(index);
            let f = field.ident.unraw();
            let exists = format_ident!("{}_exists", f);
            let size = format_ident!("{}_byte_size", f);
            let offset = format_ident!("{}_byte_offset", f);
            let exists_doc = format!(" Whether kernel field `{kernel_name}.{name}` exists in the target.");
            let size_doc = format!(" Size in bytes of `{kernel_name}.{name}` in the target, if it exists.");
            let offset_doc =
                format!(" Offset in bytes of `{kernel_name}.{name}` in the target, if it exists.");
            quote! {
                #[doc = #exists_doc]
                #[inline(always)]
                pub fn #exists() -> bool {
                    #p::relocatable_field_exists::<Self, #index>()
                }

                #[doc = #size_doc]
                #[inline(always)]
                pub fn #size() -> ::core::option::Option<usize> {
                    #p::if_exists(Self::#exists(), #p::relocatable_field_byte_size::<Self, #index>)
                }

                #[doc = #offset_doc]
                #[inline(always)]
                pub fn #offset() -> ::core::option::Option<usize> {
                    #p::if_exists(Self::#exists(), #p::relocatable_field_byte_offset::<Self, #index>)
                }
            }
        });

    let fields_doc = format!(
        " Field getters of [`{rust_name}`], reached from `KernelPtr<{rust_name}>` and \
         `UserPtr<{rust_name}>` through `Deref`."
    );

    quote! {
        #[automatically_derived]
        unsafe impl #p::BtfRelocatable for #ident {
            const DESCRIPTOR: #p::StructDescriptor = #p::StructDescriptor {
                name: #kernel_name,
                rust_path: ::core::concat!(::core::module_path!(), "::", #rust_name),
                size: ::core::mem::size_of::<#ident>(),
                fields: &[#(#descriptors),*],
            };
            type Fields<__A: #p::AddressSpace> = #fields_ty<__A>;
        }

        #(#field_impls)*

        #[automatically_derived]
        unsafe impl #p::FieldType for #ident #where_skipped {
            const SHAPE: #p::TypeShape = #p::TypeShape::Composite {
                kind: #p::CompositeKind::Struct,
                name: #kernel_name,
                size: ::core::mem::size_of::<#ident>(),
            };
        }

        #[doc = #fields_doc]
        #[allow(non_camel_case_types)]
        #[derive(::core::fmt::Debug)]
        #[repr(transparent)]
        #vis struct #fields_ty<__A: #p::AddressSpace = #p::Kernel>(#p::Ptr<#ident, __A>);

        #[automatically_derived]
        impl<__A: #p::AddressSpace> #fields_ty<__A> {
            #(#getters)*
        }

        #[automatically_derived]
        impl #ident {
            #(#queries)*
        }

        const _: () = #p::check_layout::<#ident>();

        #p::emit_descriptor!(#ident);
    }
}
