//! The checks both derives share, and the checked model `expand` reads: kernel names (one naming
//! rule, `btf_reloc_format::is_c_identifier`, for names from attributes and from Rust
//! identifiers alike; one field or enumerator per kernel name), the `rename`/`skip`/`bitfield`/
//! `required` combinations, and the names of the generated methods (none twice, none hidden behind a method
//! of the handle).
//!
//! Every error is collected, spanned on the smallest offending token. The model is built even
//! when there are errors, so that `expand` can run next to them.

use std::collections::hash_map::{Entry, HashMap};

use btf_reloc_format::{is_c_identifier, MAX_NAME_LEN};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::{Container, Input, NameValue};
use crate::ctxt::Errors;
use crate::methods::{self, Method};
use crate::{ast, shape};

/// A derive input that passed every check.
pub(crate) struct Model<'a> {
    pub(crate) ident: &'a syn::Ident,
    pub(crate) vis: &'a syn::Visibility,
    /// The kernel type name (with its `___flavor`, if any); empty for the anonymous type a
    /// typedef names.
    pub(crate) kernel_name: String,
    /// The typedef name the kernel knows the type by (`#[btf(typedef)]`), the root of its
    /// relocations.
    pub(crate) typedef: Option<String>,
    /// Path of the runtime crate.
    pub(crate) krate: syn::Path,
    pub(crate) body: Body<'a>,
}

/// What a [`Model`] is made of.
pub(crate) enum Body<'a> {
    /// All fields of a struct, skipped ones included (they still shape the layout).
    Struct(Vec<ModelField<'a>>),
    /// All fields of a union, as for a struct.
    Union(Vec<ModelField<'a>>),
    /// The variants of an enum.
    Enum(Vec<ModelVariant<'a>>),
}

/// One field of a struct [`Model`].
pub(crate) struct ModelField<'a> {
    pub(crate) ident: &'a syn::Ident,
    /// The field's visibility, which its step in a `btf::field_byte_offset!` path keeps.
    pub(crate) vis: &'a syn::Visibility,
    pub(crate) ty: &'a syn::Type,
    /// The kernel field name; `None` for `#[btf(skip)]`.
    pub(crate) kernel_name: Option<String>,
    /// `#[btf(bitfield)]`.
    pub(crate) bitfield: bool,
    /// `#[btf(required)]`.
    pub(crate) required: bool,
    /// The methods generated for it, none for a skipped field. A method whose name an earlier
    /// field took is left out (the clash is reported), so that rustc does not add "duplicate
    /// definitions" to our error.
    pub(crate) methods: Vec<Method<'a>>,
}

/// One variant of an enum [`Model`].
pub(crate) struct ModelVariant<'a> {
    pub(crate) ident: &'a syn::Ident,
    /// The kernel enumerator name.
    pub(crate) kernel_name: String,
}

impl Model<'_> {
    /// The fields of a struct or union model, in declaration order (none for an enum).
    pub(crate) fn fields(&self) -> &[ModelField<'_>] {
        match &self.body {
            Body::Struct(fields) | Body::Union(fields) => fields,
            Body::Enum(_) => &[],
        }
    }

    /// The relocatable (non-skipped) fields with their kernel names.
    pub(crate) fn relocatable(&self) -> impl Iterator<Item = (&ModelField<'_>, &str)> {
        self.fields()
            .iter()
            .filter_map(|f| f.kernel_name.as_deref().map(|name| (f, name)))
    }
}

/// What a kernel name names, for the messages and the attribute that sets it.
#[derive(Clone, Copy)]
enum Named {
    Type,
    Typedef,
    Field,
    Enumerator,
}

impl Named {
    fn noun(self) -> &'static str {
        match self {
            Self::Type => "type",
            Self::Typedef => "typedef",
            Self::Field => "field",
            Self::Enumerator => "enumerator",
        }
    }

    /// The `#[btf(...)]` key that sets the name.
    fn key(self) -> &'static str {
        match self {
            Self::Type => "name",
            Self::Typedef => "typedef",
            Self::Field | Self::Enumerator => "rename",
        }
    }
}

/// Checks `input` and builds the model. Nothing is left out of the model for an error (bar
/// clashing method names), so that the caller can expand it next to the errors and spare users
/// follow-on "no method named ..." errors.
pub(crate) fn validate<'a>(input: &'a Input, errors: &mut Errors) -> Model<'a> {
    let Container {
        ident,
        vis,
        name,
        typedef,
        krate,
    } = input.container();
    let typedef = typedef
        .as_ref()
        .map(|typedef| kernel_name(Some(typedef), ident, Named::Typedef, errors));
    // `typedef struct { ... } kuid_t;`: with a typedef and no name, the type is anonymous, as
    // `TYPE_MATCHES` (which compares the names under typedefs) needs it to be.
    let kernel_name = match (name, &typedef) {
        (None, Some(_)) => String::new(),
        (name, _) => kernel_name(name.as_ref(), ident, Named::Type, errors),
    };
    let body = match input {
        Input::Struct(input) if input.union => Body::Union(validate_fields(&input.fields, errors)),
        Input::Struct(input) => Body::Struct(validate_fields(&input.fields, errors)),
        Input::Enum(input) => Body::Enum(validate_variants(&input.variants, errors)),
    };
    Model {
        ident,
        vis,
        kernel_name,
        typedef,
        krate: krate
            .clone()
            .unwrap_or_else(|| syn::parse_quote!(::btf_reloc_runtime)),
        body,
    }
}

fn validate_fields<'a>(fields: &'a [ast::Field], errors: &mut Errors) -> Vec<ModelField<'a>> {
    let mut kernel_names = KernelNames::new(Named::Field);
    let mut method_names = MethodNames::default();
    let mut model = Vec::new();
    for field in fields {
        // `check_shape` let only named fields through.
        let Some(ident) = &field.ident else { continue };
        let skipped = field.skip.is_present();
        let kernel_name = match (&field.rename, skipped) {
            (Some(rename), true) => {
                errors.push(syn::Error::new(
                    rename.span,
                    "`rename` has no effect on a skipped field; remove one of `rename` and `skip`",
                ));
                None
            }
            (None, true) => None,
            (rename, false) => Some(kernel_name(rename.as_ref(), ident, Named::Field, errors)),
        };
        if let Some(name) = &kernel_name {
            kernel_names.claim(name, ident, field.rename.as_ref(), errors);
        }
        if let Some(span) = field.bitfield.span() {
            if skipped {
                errors.push(syn::Error::new(
                    span,
                    "`bitfield` has no effect on a skipped field; remove one of `bitfield` and `skip`",
                ));
            } else if !shape::is_int(&field.ty) {
                errors.push(syn::Error::new(
                    field.ty.span(),
                    "a `#[btf(bitfield)]` field must have an integer type (u8..u64, i8..i64, \
                     usize, isize): the bitfield's value is extracted into it",
                ));
            }
        }
        if let Some(span) = field.required.span().filter(|_| skipped) {
            errors.push(syn::Error::new(
                span,
                "`required` has no effect on a skipped field; remove one of `required` and `skip`",
            ));
        }
        // An invalid `bitfield` (reported above) falls back to a plain getter, so that the user
        // sees our error rather than a trait error it causes.
        let bitfield = field.bitfield.is_present() && !skipped && shape::is_int(&field.ty);
        let mut methods = Vec::new();
        if let Some(name) = &kernel_name {
            for method in Method::all_of(&field.ty, bitfield) {
                check_not_shadowed(method, ident, field.rename.is_some(), name, errors);
                match method_names.claim(method, ident) {
                    Ok(()) => methods.push(method),
                    Err(clash) => errors.push(clash),
                }
            }
        }
        model.push(ModelField {
            ident,
            vis: &field.vis,
            ty: &field.ty,
            kernel_name,
            bitfield,
            required: field.required.is_present() && !skipped,
            methods,
        });
    }
    model
}

fn validate_variants<'a>(
    variants: &'a [ast::Variant],
    errors: &mut Errors,
) -> Vec<ModelVariant<'a>> {
    let mut kernel_names = KernelNames::new(Named::Enumerator);
    variants
        .iter()
        .map(|variant| {
            let ident = &variant.ident;
            let name = kernel_name(variant.rename.as_ref(), ident, Named::Enumerator, errors);
            kernel_names.claim(&name, ident, variant.rename.as_ref(), errors);
            ModelVariant {
                ident,
                kernel_name: name,
            }
        })
        .collect()
}

/// The kernel name of a type, field or enumerator: the attribute's value, or else the Rust
/// identifier without `r#`. Either way it must be a name BTF can hold.
fn kernel_name(
    attr: Option<&NameValue>,
    ident: &syn::Ident,
    what: Named,
    errors: &mut Errors,
) -> String {
    match attr {
        Some(name) => {
            if let Some(problem) = name_problem(&name.value, what) {
                errors.push(syn::Error::new(name.span, problem));
            }
            name.value.clone()
        }
        None => {
            let name = ident.unraw().to_string();
            if let Some(problem) = name_problem(&name, what) {
                let (noun, key) = (what.noun(), what.key());
                errors.push(syn::Error::new(
                    ident.span(),
                    format!(
                        "{problem}; keep the Rust name and give the kernel {noun} its name with \
                         `#[btf({key} = \"...\")]`"
                    ),
                ));
            }
            name
        }
    }
}

/// Why `name` cannot name a kernel `what`, if it cannot. The rule is the format crate's (the one
/// `btf-reloc link` applies when it writes BTF); the branches only word the message.
fn name_problem(name: &str, what: Named) -> Option<String> {
    if is_c_identifier(name) {
        return None;
    }
    let noun = what.noun();
    Some(if name.is_empty() {
        format!("an empty string cannot name a kernel {noun}")
    } else if name.len() > MAX_NAME_LEN {
        let start: String = name.chars().take(24).collect();
        format!(
            "`{start}...` is {} bytes long, more than the {MAX_NAME_LEN} bytes a BTF name can \
             have, so it cannot name a kernel {noun}",
            name.len()
        )
    } else {
        format!(
            "`{name}` is not a C identifier (ASCII letters, digits and `_`, not starting with a \
             digit), so it cannot name a kernel {noun}"
        )
    })
}

/// The kernel names taken so far by the fields of one struct or the variants of one enum, with
/// the Rust identifier that took each.
struct KernelNames<'a> {
    taken: HashMap<String, &'a syn::Ident>,
    what: Named,
}

impl<'a> KernelNames<'a> {
    fn new(what: Named) -> Self {
        Self {
            taken: HashMap::new(),
            what,
        }
    }

    /// Takes `name` for `ident`, or reports that an earlier one took it. The later one is
    /// blamed, on its `rename` if the name comes from there.
    fn claim(
        &mut self,
        name: &str,
        ident: &'a syn::Ident,
        rename: Option<&NameValue>,
        errors: &mut Errors,
    ) {
        let first = match self.taken.entry(name.to_owned()) {
            Entry::Vacant(entry) => {
                entry.insert(ident);
                return;
            }
            Entry::Occupied(entry) => *entry.get(),
        };
        let (what, noun) = (self.what, self.what.noun());
        let (plural, fix) = match what {
            Named::Type | Named::Typedef => ("types", "rename one of them"),
            Named::Field => ("fields", "rename or skip one of them"),
            Named::Enumerator => ("variants", "rename one of them"),
        };
        errors.push(syn::Error::new(
            rename.map_or_else(|| ident.span(), |r| r.span),
            format!("{plural} `{first}` and `{ident}` both map to kernel {noun} `{name}`; {fix}"),
        ));
    }
}

/// The generated method names taken so far in one struct, on the handle's `SFields` and on `S`.
#[derive(Default)]
struct MethodNames<'a>(HashMap<(bool, String), (&'a syn::Ident, Method<'a>)>);

impl<'a> MethodNames<'a> {
    /// Takes the name of `field`'s `method`, or says which earlier method has it (spanned on the
    /// later field, like a duplicate kernel name).
    fn claim(&mut self, method: Method<'a>, field: &'a syn::Ident) -> syn::Result<()> {
        let name = method.ident(field).unraw().to_string();
        match self.0.entry((method.on_handle(), name)) {
            Entry::Vacant(entry) => {
                entry.insert((field, method));
                Ok(())
            }
            Entry::Occupied(entry) => {
                let (first, first_method) = entry.get();
                let (name, first_what, what) =
                    (&entry.key().1, first_method.describe(), method.describe());
                Err(syn::Error::new(
                    field.span(),
                    format!(
                        "`{name}` would be generated twice: as {first_what} of field `{first}` \
                         and as {what} of field `{field}`; give one of these Rust fields another \
                         name (`#[btf(rename = \"...\")]` keeps its kernel name)"
                    ),
                ))
            }
        }
    }
}

/// Reports a handle method that would be hidden behind a trait method of the handle (see
/// `methods::HANDLE_TRAIT_METHODS`), and how to rename the field around it.
fn check_not_shadowed(
    method: Method<'_>,
    field: &syn::Ident,
    renamed: bool,
    kernel_name: &str,
    errors: &mut Errors,
) {
    if !method.on_handle() {
        return;
    }
    let name = method.ident(field).unraw().to_string();
    let Some(trait_name) = methods::handle_trait_with(&name) else {
        return;
    };
    let what = method.describe();
    let fix = if renamed {
        format!(
            "give the Rust field another name (its `rename` keeps the kernel name `{kernel_name}`)"
        )
    } else {
        format!(
            "give the Rust field another name and keep the kernel name with \
             `#[btf(rename = \"{kernel_name}\")]`"
        )
    };
    errors.push(syn::Error::new(
        field.span(),
        format!(
            "{what} of field `{field}` would be hidden: `.{name}()` on a `KernelPtr`/`UserPtr` \
             handle calls the handle's `{trait_name}::{name}`, not the getter (which is reached \
             through `Deref`); {fix}"
        ),
    ));
}

/// The model of an input whose `#[btf]` attributes could not be parsed: every field or variant
/// under its Rust name (a field skipped where a `skip` appears in its attributes), so that the
/// expansion next to the attribute error spares users a cascade of "no method named ..." errors.
/// Nothing is reported from here: the attribute error comes first.
pub(crate) fn fallback(input: &syn::DeriveInput) -> Model<'_> {
    let body = match &input.data {
        syn::Data::Struct(data) => Body::Struct(fallback_fields(data.fields.iter())),
        syn::Data::Union(data) => Body::Union(fallback_fields(data.fields.named.iter())),
        syn::Data::Enum(data) => Body::Enum(
            data.variants
                .iter()
                .map(|variant| ModelVariant {
                    ident: &variant.ident,
                    kernel_name: variant.ident.unraw().to_string(),
                })
                .collect(),
        ),
    };
    Model {
        ident: &input.ident,
        vis: &input.vis,
        kernel_name: input.ident.unraw().to_string(),
        typedef: None,
        krate: syn::parse_quote!(::btf_reloc_runtime),
        body,
    }
}

/// The fields of a [`fallback`] model.
fn fallback_fields<'a>(fields: impl Iterator<Item = &'a syn::Field>) -> Vec<ModelField<'a>> {
    let mut method_names = MethodNames::default();
    fields
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let skipped = field.attrs.iter().any(mentions_skip);
            let methods = if skipped {
                Vec::new()
            } else {
                Method::all_of(&field.ty, false)
                    .into_iter()
                    .filter(|&method| method_names.claim(method, ident).is_ok())
                    .collect()
            };
            Some(ModelField {
                ident,
                vis: &field.vis,
                ty: &field.ty,
                kernel_name: (!skipped).then(|| ident.unraw().to_string()),
                bitfield: false,
                required: false,
                methods,
            })
        })
        .collect()
}

/// Whether `attr` is a `#[btf(...)]` whose list has a `skip` item (even if it does not parse).
fn mentions_skip(attr: &syn::Attribute) -> bool {
    type Items = syn::punctuated::Punctuated<syn::Meta, syn::Token![,]>;
    attr.path().is_ident("btf")
        && attr
            .parse_args_with(Items::parse_terminated)
            .is_ok_and(|items| items.iter().any(|item| item.path().is_ident("skip")))
}
