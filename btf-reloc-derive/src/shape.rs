//! What the derive can tell about a field type from its tokens alone: plain data (so the getter
//! names the type itself), arrays (so an `_at` getter exists), byte strings (so a `_str` getter
//! exists), integers (the only types a bitfield can have). Type aliases are opaque here; the
//! runtime's traits still decide what compiles.

const INTS: &[&str] = &[
    "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
];
const BYTES: &[&str] = &["u8", "i8", "c_char"];
const HANDLES: &[&str] = &["KernelPtr", "UserPtr", "Ptr"];

/// The last segment of a path type, if the type is one.
fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        syn::Type::Group(group) => last_segment(&group.elem),
        syn::Type::Paren(paren) => last_segment(&paren.elem),
        _ => None,
    }
}

fn is_named(ty: &syn::Type, names: &[&str]) -> bool {
    last_segment(ty).is_some_and(|s| s.arguments.is_none() && names.iter().any(|n| s.ident == n))
}

/// An integer type.
pub(crate) fn is_int(ty: &syn::Type) -> bool {
    is_named(ty, INTS)
}

/// A type whose getter reads its value: integers, raw pointers, pointer handles, arrays.
pub(crate) fn is_plain(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Array(_) | syn::Type::Ptr(_) => true,
        syn::Type::Group(group) => is_plain(&group.elem),
        syn::Type::Paren(paren) => is_plain(&paren.elem),
        _ => is_int(ty) || last_segment(ty).is_some_and(|s| HANDLES.iter().any(|n| s.ident == n)),
    }
}

/// The element type of an array type.
pub(crate) fn array_elem(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Array(array) => Some(&array.elem),
        syn::Type::Group(group) => array_elem(&group.elem),
        syn::Type::Paren(paren) => array_elem(&paren.elem),
        _ => None,
    }
}

/// A byte array (`[u8; 16]`) or a byte pointer (`*const u8`, `KernelPtr<u8>`, `UserPtr<u8>`).
pub(crate) fn is_string(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Array(array) => is_named(&array.elem, BYTES),
        syn::Type::Ptr(ptr) => is_named(&ptr.elem, BYTES),
        syn::Type::Group(group) => is_string(&group.elem),
        syn::Type::Paren(paren) => is_string(&paren.elem),
        _ => last_segment(ty).is_some_and(|s| {
            (s.ident == "KernelPtr" || s.ident == "UserPtr")
                && matches!(&s.arguments, syn::PathArguments::AngleBracketed(args)
                    if matches!(args.args.first(), Some(syn::GenericArgument::Type(t)) if is_named(t, &["u8"])))
        }),
    }
}
