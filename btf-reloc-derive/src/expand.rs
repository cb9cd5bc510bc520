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

use crate::valid::{Errors, Model, ModelField};
use crate::{ast, repr, shape, valid};

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
            getters(&p, ident, &rust_name, kernel_name, index, field, name)
        });

    let queries = model
        .relocatable()
        .enumerate()
        .map(|(index, (field, name))| {
            let path = path_of(&p, quote!(#p::Root<Self>), index);
            let f = field.ident.unraw();
            let exists = format_ident!("{}_exists", f);
            let size = format_ident!("{}_byte_size", f);
            let offset = format_ident!("{}_byte_offset", f);
            let exists_doc =
                format!(" Whether kernel field `{kernel_name}.{name}` exists in the target.");
            let size_doc =
                format!(" Size in bytes of `{kernel_name}.{name}` in the target, if it exists.");
            let offset_doc =
                format!(" Offset in bytes of `{kernel_name}.{name}` in the target, if it exists.");
            quote! {
                #[doc = #exists_doc]
                #[inline(always)]
                pub fn #exists() -> bool {
                    #p::field_exists::<#path>()
                }

                #[doc = #size_doc]
                #[inline(always)]
                pub fn #size() -> ::core::option::Option<usize> {
                    #p::existing_size::<#path>()
                }

                #[doc = #offset_doc]
                #[inline(always)]
                pub fn #offset() -> ::core::option::Option<usize> {
                    #p::existing_offset::<#path>()
                }
            }
        });

    let fields_doc = format!(
        " Field getters of [`{rust_name}`], reached from `KernelPtr<{rust_name}>`, \
         `UserPtr<{rust_name}>` and embedded-struct handles through `Deref`."
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
            type Fields<__A: #p::AddressSpace, __P: #p::Path> = #fields_ty<__A, __P>;
        }

        #(#field_impls)*

        #[automatically_derived]
        unsafe impl #p::FieldType for #ident #where_skipped {
            const SHAPE: #p::TypeShape =
                #p::TypeShape::Struct(&<#ident as #p::BtfRelocatable>::DESCRIPTOR);
            type Value<__A: #p::AddressSpace, __P: #p::Path> = #p::Ptr<#ident, __A, __P>;

            #[inline(always)]
            fn access<__A: #p::AddressSpace, __P: #p::Path>(
                base: *const u8,
            ) -> ::core::result::Result<
                ::core::option::Option<#p::Ptr<#ident, __A, __P>>,
                #p::RelocatableFieldAccessError,
            > {
                #p::project::<#ident, __A, __P>(base)
            }
        }

        #[automatically_derived]
        impl #p::BtfType for #ident {
            const TYPE: #p::TypeDescriptor =
                #p::TypeDescriptor::Struct(&<#ident as #p::BtfRelocatable>::DESCRIPTOR);
        }

        #[doc = #fields_doc]
        #[allow(non_camel_case_types)]
        #[derive(::core::fmt::Debug)]
        #[repr(transparent)]
        #vis struct #fields_ty<
            __A: #p::AddressSpace = #p::Kernel,
            __P: #p::Path = #p::Root<#ident>,
        >(#p::Ptr<#ident, __A, __P>);

        #[automatically_derived]
        impl<__A: #p::AddressSpace, __P: #p::Path> #fields_ty<__A, __P> {
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

/// The path type of field `index` after `parent`.
fn path_of(p: &TokenStream, parent: TokenStream, index: usize) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    quote!(#p::Member<#parent, #index>)
}

/// The getter of one field, plus `_at` for arrays and `_str` for byte arrays and byte pointers.
fn getters(
    p: &TokenStream,
    ident: &syn::Ident,
    rust_name: &str,
    kernel_name: &str,
    index: usize,
    field: &ModelField<'_>,
    name: &str,
) -> TokenStream {
    let f = field.ident;
    let ty = field.ty;
    let path = path_of(p, quote!(__P), index);
    let result = |value: TokenStream| {
        quote! {
            ::core::result::Result<::core::option::Option<#value>, #p::RelocatableFieldAccessError>
        }
    };
    // Plain data reads return the declared type; anything else (an embedded struct, or a type
    // alias the derive cannot see through) names the value through `FieldValue`.
    let value_of = |ty: &syn::Type, path: &TokenStream| {
        if shape::is_plain(ty) {
            quote!(#ty)
        } else {
            quote!(#p::FieldValue<#ty, __A, #path>)
        }
    };
    let doc = if shape::is_plain(ty) || field.bitfield {
        format!(
            " Reads `{rust_name}::{}` (kernel field `{kernel_name}.{name}`) at the target's offset.",
            f.unraw()
        )
    } else {
        format!(
            " `{rust_name}::{}` (kernel field `{kernel_name}.{name}`): the handle of an embedded \
             struct (nothing is read), or the value of a plain field.",
            f.unraw()
        )
    };
    let getter = if field.bitfield {
        let ret = result(quote!(#ty));
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = " A bitfield: extracted (and sign-extended if the target field is signed) with"]
            #[doc = " the target's bit offset and width."]
            #[inline(always)]
            pub fn #f(&self) -> #ret {
                #p::read_bitfield::<#ty, __A, #path>(#p::base(self.0))
            }
        }
    } else {
        let index = Literal::usize_unsuffixed(index);
        let ret = if shape::is_plain(ty) {
            result(quote!(#ty))
        } else {
            // Spanned on the field type, like `type Type`: rustc then reports an unreadable type
            // once, there.
            respan(
                result(quote!(#p::FieldOf<#ident, __A, __P, #index>)),
                ty.span(),
            )
        };
        let body = respan(
            quote!(#p::access::<#ident, __A, __P, #index>(#p::base(self.0))),
            ty.span(),
        );
        quote! {
            #[doc = #doc]
            #[inline(always)]
            pub fn #f(&self) -> #ret {
                #body
            }
        }
    };
    let at = shape::array_elem(ty)
        .filter(|_| !field.bitfield)
        .map(|elem| {
            let at = format_ident!("{}_at", f.unraw());
            let elem_path = quote!(#p::Member<#path, 0>);
            let ret = result(value_of(elem, &elem_path));
            let doc = format!(
                " Element `index` of `{rust_name}::{}`, bounds-checked against the target array's \
             length.",
                f.unraw()
            );
            quote! {
                #[doc = #doc]
                #[inline(always)]
                pub fn #at(&self, index: usize) -> #ret {
                    #p::read_element::<#elem, __A, #path>(#p::base(self.0), index)
                }
            }
        });
    let string = shape::is_string(ty).then(|| {
        let str_ident = format_ident!("{}_str", f.unraw());
        let ret = result(quote!(usize));
        let doc = format!(
            " Copies the NUL-terminated string in (or behind) `{rust_name}::{}` into `buf` with \
             `bpf_probe_read_*_str`; returns the bytes written, NUL included.",
            f.unraw()
        );
        quote! {
            #[doc = #doc]
            #[inline(always)]
            pub fn #str_ident(&self, buf: &mut [u8]) -> #ret {
                #p::read_str::<#ty, __A, #path>(#p::base(self.0), buf)
            }
        }
    });
    quote! { #getter #at #string }
}

/// `tokens` with every span set to `span` (so that errors inside point at the user's tokens).
fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = proc_macro2::TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}
