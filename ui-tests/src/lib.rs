//! Compile-fail and must-compile tests of the derives; see `tests/ui.rs`.
