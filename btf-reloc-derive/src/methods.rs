//! The methods the struct derive generates for each relocatable field, and their names: one list
//! that `valid` checks (no name twice, none hidden behind a method of the handle) and `expand`
//! writes, so that the check and the output cannot drift apart.

use quote::format_ident;
use syn::ext::IdentExt;

use crate::shape;

/// One generated method of a relocatable field `f` of struct `S`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method<'a> {
    /// `f(&self)` on `SFields`: the value, or the handle of an embedded struct.
    Get,
    /// `f_at(&self, index)` on `SFields`, for arrays: one element, of this type.
    GetElement(&'a syn::Type),
    /// `f_str(&self, buf)` on `SFields`, for byte arrays and byte pointers.
    GetStr,
    /// `S::f_exists()`.
    Exists,
    /// `S::f_byte_size()`.
    ByteSize,
    /// `S::f_byte_offset()`.
    ByteOffset,
}

impl<'a> Method<'a> {
    /// Every method of a relocatable field of type `ty`, in the order `expand` writes them.
    pub(crate) fn all_of(ty: &'a syn::Type, bitfield: bool) -> Vec<Self> {
        let mut methods = vec![Self::Get];
        // A bitfield is an integer (checked), so it has neither an element nor a string getter.
        if let Some(elem) = shape::array_elem(ty).filter(|_| !bitfield) {
            methods.push(Self::GetElement(elem));
        }
        if shape::is_string(ty) && !bitfield {
            methods.push(Self::GetStr);
        }
        methods.extend([Self::Exists, Self::ByteSize, Self::ByteOffset]);
        methods
    }

    /// The method's name for field `field`: the getter keeps the field's spelling (`r#type`),
    /// the others are built from its unraw name (`type_exists`).
    pub(crate) fn ident(self, field: &syn::Ident) -> syn::Ident {
        let suffix = match self {
            Self::Get => return field.clone(),
            Self::GetElement(_) => "at",
            Self::GetStr => "str",
            Self::Exists => "exists",
            Self::ByteSize => "byte_size",
            Self::ByteOffset => "byte_offset",
        };
        format_ident!("{}_{}", field.unraw(), suffix)
    }

    /// Whether the method is reached from a handle (defined on `SFields`); the queries are
    /// associated functions of `S`. Names only clash within one of the two.
    pub(crate) fn on_handle(self) -> bool {
        match self {
            Self::Get | Self::GetElement(_) | Self::GetStr => true,
            Self::Exists | Self::ByteSize | Self::ByteOffset => false,
        }
    }

    /// What messages call it.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Get => "the getter",
            Self::GetElement(_) => "the element getter (`_at`)",
            Self::GetStr => "the string getter (`_str`)",
            Self::Exists => "the existence query (`_exists`)",
            Self::ByteSize => "the size query (`_byte_size`)",
            Self::ByteOffset => "the offset query (`_byte_offset`)",
        }
    }
}

/// `(method, trait)`: the methods a handle (`KernelPtr`, `UserPtr`) has from a trait that is
/// always in scope.
///
/// Getters are reached from a handle through `Deref` to `SFields`, and method lookup tries the
/// handle itself first, so a getter named like one of these could never be called through a
/// handle. The handle's own functions are associated functions (`KernelPtr::addr(p)`) for that
/// reason; what is left are the traits it implements that the std prelude imports: `Clone`,
/// `ToOwned` (std's blanket impl for `Clone` types), `PartialEq`, and `Into`/`TryInto` (blanket
/// impls for every type). A trait the user imports (`Hash`, `Debug`) shadows too, but only where
/// it is imported. Grows with the handle's trait impls (`PartialOrd` would add `lt`, `le`, ...).
const HANDLE_TRAIT_METHODS: &[(&str, &str)] = &[
    ("clone", "Clone"),
    ("clone_from", "Clone"),
    ("clone_into", "ToOwned"),
    ("to_owned", "ToOwned"),
    ("eq", "PartialEq"),
    ("ne", "PartialEq"),
    ("into", "Into"),
    ("try_into", "TryInto"),
];

/// The trait whose method `name` every handle has, if there is one (see
/// [`HANDLE_TRAIT_METHODS`]).
pub(crate) fn handle_trait_with(name: &str) -> Option<&'static str> {
    HANDLE_TRAIT_METHODS
        .iter()
        .find(|(method, _)| *method == name)
        .map(|(_, trait_name)| *trait_name)
}
