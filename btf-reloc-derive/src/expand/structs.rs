//! `BtfRelocatable`'s code, from a checked struct model.
//!
//! For `struct S { f: T }` it writes, in this order: `unsafe impl BtfRelocatable for S` (the
//! descriptor), `impl RelocatableField<I> for S` per field, `unsafe impl FieldType for S` (so `S`
//! can be embedded), `impl BtfType for S` and `unsafe impl BtfPointee for S` (so that a
//! `KernelPtr<S>` field points to it), the `SFields<A>` getters type and its impl, the query
//! functions on `S`, the projection for `btf::field_byte_offset!` (in a block of its own), the
//! layout assertion and the descriptor emission for the post-link step. Which getters and
//! queries a field gets, and their names, come from the model (`methods::Method`). A union
//! (`union S { f: T }`) gets the same items; only its shape, its type descriptor and its
//! descriptor record say `Union`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::methods::Method;
use crate::shape;
use crate::valid::{Body, Model, ModelField};

/// The generated items for a struct model.
pub(super) fn expand(model: &Model<'_>) -> TokenStream {
    let Model {
        ident,
        vis,
        kernel_name,
        typedef,
        krate,
        body: _,
    } = model;
    let p = quote!(#krate::__private);
    // A union is a struct whose fields all start at 0: only its kind differs.
    let union = matches!(model.body, Body::Union(_));
    let kind = match union {
        true => quote!(Union),
        false => quote!(Struct),
    };
    let descriptor = quote!(#p::TypeDescriptor::#kind(&<#ident as #p::BtfRelocatable>::DESCRIPTOR));
    let type_descriptor = super::typedef(&p, typedef.as_deref(), descriptor);
    // A pointer to the type: to its forward declaration, by name; to `void` for an anonymous
    // type (a typedef's), which has no name to declare.
    let pointer = if kernel_name.is_empty() {
        quote!(#p::TypeShape::Ptr)
    } else {
        quote! {
            #p::TypeShape::PtrTo(&#p::PointeeShape::Named {
                union: #union,
                name: #kernel_name,
            })
        }
    };
    // What the docs call the kernel type: its typedef for an anonymous one.
    let doc_name = typedef
        .as_deref()
        .filter(|_| kernel_name.is_empty())
        .unwrap_or(kernel_name);
    let fields_ty = format_ident!("{}Fields", ident.unraw());
    let rust_name = ident.unraw().to_string();
    // The type's own descriptor section (`btf_reloc_format::descriptor_section!`).
    let section_name: String = btf_reloc_format::section_type_name(&rust_name).collect();

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
    // Every token of a bound carries the skipped field's type span, and the trait path of the
    // impl the struct's: rustc then says "unsatisfied trait bound introduced here" at the skipped
    // field, instead of pointing at the derive with "type parameter would need to implement".
    let skipped_bounds = model
        .fields()
        .iter()
        .filter(|f| f.kernel_name.is_none())
        .map(|f| {
            let ty = f.ty;
            respan(quote!(for<'__btf> #ty: #p::FieldType), ty.span())
        })
        .collect::<Vec<_>>();
    let where_skipped = if skipped_bounds.is_empty() {
        quote!()
    } else {
        quote!(where #(#skipped_bounds),*)
    };

    let field_type_trait = respan(quote!(#p::FieldType), ident.span());
    let cx = Cx {
        p: &p,
        ident,
        rust_name: &rust_name,
        kernel_name: doc_name,
    };
    // Getters go on `SFields` (reached from handles), queries on `S`; the model lists each
    // field's methods in the order they are written.
    let methods_where = |on_handle: bool| {
        model
            .relocatable()
            .enumerate()
            .flat_map(move |(index, (field, name))| {
                field
                    .methods
                    .iter()
                    .filter(move |m| m.on_handle() == on_handle)
                    .map(move |&m| cx.method(m, index, field, name))
            })
            .collect::<Vec<_>>()
    };
    let getters = methods_where(true);
    let queries = methods_where(false);

    let projection = projection(model, &p);

    let fields_doc = format!(
        " Field getters of [`{rust_name}`], reached from `KernelPtr<{rust_name}>`, \
         `UserPtr<{rust_name}>` and embedded-struct handles through `Deref`."
    );

    // SAFETY (of the three generated `unsafe impl`s): `DESCRIPTOR` is built here from the
    // struct's own fields, with `size_of` and `offset_of!` of the type itself, so it describes its
    // real layout (`BtfRelocatable`'s contract); the derive has checked `#[repr(C)]` and that the
    // type is not packed, and every field's type is a `FieldType` (compile error otherwise), so
    // the struct is plain data valid for any bit pattern as `FieldType` requires; `POINTER` is a
    // pointer shape whose pointee is this very type, as `BtfPointee` requires.
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
        unsafe impl #field_type_trait for #ident #where_skipped {
            const SHAPE: #p::TypeShape =
                #p::TypeShape::#kind(&<#ident as #p::BtfRelocatable>::DESCRIPTOR);
            type Value<__A: #p::AddressSpace, __P: #p::Path> = #p::Ptr<#ident, __A, __P>;
            type Projection<__P: #p::Path> = <#ident as #p::Projectable>::Projection<__P>;

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
            const TYPE: #p::TypeDescriptor = #type_descriptor;
        }

        #[automatically_derived]
        unsafe impl #p::BtfPointee for #ident {
            const POINTER: #p::TypeShape = #pointer;
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

        #projection

        const _: () = #p::check_layout::<#ident>();

        #p::emit_type_descriptor!(#ident, #section_name);
    }
}

/// The projection of the struct for `btf::field_byte_offset!` and `btf::field_byte_size!`
/// (see the runtime's `path.rs`): a struct of the user's struct's name, in a block of its own so
/// that it adds no name to the user's module (and so that rustc's "no field `x` on type
/// `_::task_struct<…>`" names the user's struct), with one field per relocatable field, of the
/// field's name and visibility, typed as the projection one step further. The outer block names
/// the user's struct (`__BtfSelf`) before the inner one shadows it.
fn projection(model: &Model<'_>, p: &TokenStream) -> TokenStream {
    let Model {
        ident,
        vis,
        kernel_name: _,
        typedef: _,
        krate: _,
        body: _,
    } = model;
    let relocatable = model.relocatable().enumerate().map(|(index, (field, _))| {
        let index = Literal::usize_unsuffixed(index);
        // Spanned on the field type, like `type Type`: an unreadable type is reported there, once
        // (rustc merges the identical errors of the type and the value).
        let span = field.ty.span();
        let ty = respan(quote!(#p::ProjectionOf<__BtfSelf, __P, #index>), span);
        let f = field.ident;
        let vis = field.vis;
        (
            quote!(#vis #f: #ty),
            respan(quote!(#f: #p::Projection::HERE), span),
        )
    });
    let (mut fields, mut values): (Vec<_>, Vec<_>) = relocatable.unzip();
    // Last, a field of a type that is sized whatever the field types are: a struct is `Sized` if
    // its last field is, and proving that of a field type that cannot be read (reported at the
    // field already) would report it again at the derive. It also uses `__P` when nothing else
    // does. Named unlike every field.
    let mut marker = String::from("__btf_path");
    while model
        .relocatable()
        .any(|(field, _)| field.ident.unraw() == marker)
    {
        marker.push('_');
    }
    let marker = format_ident!("{marker}");
    fields.push(quote!(#marker: ::core::marker::PhantomData<fn() -> __P>));
    values.push(quote!(#marker: ::core::marker::PhantomData));
    let doc = format!(
        " `{}`'s fields as access paths (after `__P`), for `btf::field_byte_offset!` and \
         `btf::field_byte_size!`.",
        ident.unraw()
    );
    quote! {
        const _: () = {
            type __BtfSelf = #ident;
            const _: () = {
                #[doc = #doc]
                #[allow(non_camel_case_types, dead_code, missing_debug_implementations)]
                #vis struct #ident<__P: #p::Path> {
                    #(#fields),*
                }

                #[automatically_derived]
                impl<__P: #p::Path> #p::Projection for #ident<__P> {
                    type Path = __P;
                    const HERE: Self = Self {
                        #(#values),*
                    };
                }

                #[automatically_derived]
                impl #p::Projectable for __BtfSelf {
                    type Projection<__P: #p::Path> = #ident<__P>;
                }
            };
        };
    }
}

/// The path type of field `index` after `parent`.
fn path_of(p: &TokenStream, parent: TokenStream, index: usize) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    quote!(#p::Member<#parent, #index>)
}

/// What every generated method needs to know of its struct.
#[derive(Clone, Copy)]
struct Cx<'a> {
    /// `krate::__private`.
    p: &'a TokenStream,
    ident: &'a syn::Ident,
    rust_name: &'a str,
    kernel_name: &'a str,
}

impl Cx<'_> {
    /// `method` of relocatable field number `index`, whose kernel name is `name`.
    fn method(
        self,
        method: Method<'_>,
        index: usize,
        field: &ModelField<'_>,
        name: &str,
    ) -> TokenStream {
        let Cx {
            p,
            ident,
            rust_name,
            kernel_name,
        } = self;
        let f = field.ident;
        let ty = field.ty;
        let method_ident = method.ident(f);
        let path = path_of(p, quote!(__P), index);
        let result = |value: TokenStream| {
            quote! {
                ::core::result::Result<
                    ::core::option::Option<#value>,
                    #p::RelocatableFieldAccessError,
                >
            }
        };
        // A `#[btf(required)]` getter returns the value itself: the field always exists where
        // the program loads.
        let get_result = |value: TokenStream| {
            if field.required {
                quote!(::core::result::Result<#value, #p::RelocatableFieldAccessError>)
            } else {
                result(value)
            }
        };
        let query_path = path_of(p, quote!(#p::Root<Self>), index);
        match method {
            Method::Get if field.bitfield => {
                let doc = format!(
                    " Reads `{rust_name}::{}` (kernel field `{kernel_name}.{name}`) at the target's \
                     offset.",
                    f.unraw()
                );
                let ret = get_result(quote!(#ty));
                let read = if field.required {
                    quote!(read_bitfield_required)
                } else {
                    quote!(read_bitfield)
                };
                let required = required_doc(field.required);
                quote! {
                    #[doc = #doc]
                    #[doc = ""]
                    #[doc = " A bitfield: extracted (and sign-extended if the target field is signed) with"]
                    #[doc = " the target's bit offset and width."]
                    #(#[doc = #required])*
                    #[inline(always)]
                    pub fn #method_ident(&self) -> #ret {
                        #p::#read::<#ty, __A, #path>(#p::base(self.0))
                    }
                }
            }
            Method::Get => {
                let plain = shape::is_plain(ty);
                let doc = if plain {
                    format!(
                        " Reads `{rust_name}::{}` (kernel field `{kernel_name}.{name}`) at the \
                         target's offset.",
                        f.unraw()
                    )
                } else {
                    format!(
                        " `{rust_name}::{}` (kernel field `{kernel_name}.{name}`): the handle of \
                         an embedded struct (nothing is read), or the value of a plain field.",
                        f.unraw()
                    )
                };
                let index = Literal::usize_unsuffixed(index);
                let ret = if plain {
                    get_result(quote!(#ty))
                } else {
                    // Spanned on the field type, like `type Type`: rustc then reports an
                    // unreadable type once, there.
                    respan(
                        get_result(quote!(#p::FieldOf<#ident, __A, __P, #index>)),
                        ty.span(),
                    )
                };
                let access = if field.required {
                    quote!(access_required)
                } else {
                    quote!(access)
                };
                let body = respan(
                    quote!(#p::#access::<#ident, __A, __P, #index>(#p::base(self.0))),
                    ty.span(),
                );
                let required = required_doc(field.required);
                quote! {
                    #[doc = #doc]
                    #(#[doc = #required])*
                    #[inline(always)]
                    pub fn #method_ident(&self) -> #ret {
                        #body
                    }
                }
            }
            Method::GetElement(elem) => {
                let elem_path = quote!(#p::Member<#path, 0>);
                // Plain data reads return the declared type; anything else (an embedded struct,
                // or a type alias the derive cannot see through) names the value through
                // `FieldValue`.
                let ret = if shape::is_plain(elem) {
                    result(quote!(#elem))
                } else {
                    result(quote!(#p::FieldValue<#elem, __A, #elem_path>))
                };
                let doc = format!(
                    " Element `index` of `{rust_name}::{}`, bounds-checked against the target \
                     array's length.",
                    f.unraw()
                );
                quote! {
                    #[doc = #doc]
                    #[inline(always)]
                    pub fn #method_ident(&self, index: usize) -> #ret {
                        #p::read_element::<#elem, __A, #path>(#p::base(self.0), index)
                    }
                }
            }
            Method::GetStr => {
                let ret = result(quote!(usize));
                let doc = format!(
                    " Copies the NUL-terminated string in (or behind) `{rust_name}::{}` into `buf` \
                     with `bpf_probe_read_*_str`; returns the bytes written, NUL included.",
                    f.unraw()
                );
                quote! {
                    #[doc = #doc]
                    #[inline(always)]
                    pub fn #method_ident(&self, buf: &mut [u8]) -> #ret {
                        #p::read_str::<#ty, __A, #path>(#p::base(self.0), buf)
                    }
                }
            }
            Method::Exists => {
                let doc =
                    format!(" Whether kernel field `{kernel_name}.{name}` exists in the target.");
                quote! {
                    #[doc = #doc]
                    #[inline(always)]
                    pub fn #method_ident() -> bool {
                        #p::field_exists::<#query_path>()
                    }
                }
            }
            Method::ByteSize => {
                let doc = format!(
                    " Size in bytes of `{kernel_name}.{name}` in the target, if it exists."
                );
                quote! {
                    #[doc = #doc]
                    #[inline(always)]
                    pub fn #method_ident() -> ::core::option::Option<usize> {
                        #p::existing_size::<#query_path>()
                    }
                }
            }
            Method::ByteOffset => {
                let doc = format!(
                    " Offset in bytes of `{kernel_name}.{name}` in the target, if it exists."
                );
                quote! {
                    #[doc = #doc]
                    #[inline(always)]
                    pub fn #method_ident() -> ::core::option::Option<usize> {
                        #p::existing_offset::<#query_path>()
                    }
                }
            }
        }
    }
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

/// The getter documentation a `#[btf(required)]` field adds (none for another field).
fn required_doc(required: bool) -> &'static [&'static str] {
    if required {
        &[
            "",
            " Required (`#[btf(required)]`): no existence check; the program does not load on a",
            " kernel without this field (the verifier refuses the relocated read). A field of",
            " another size is still `Err(SizeMismatch)`, a null handle `Err(ProbeRead)`.",
        ]
    } else {
        &[]
    }
}
