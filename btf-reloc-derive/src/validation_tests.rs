//! Unit tests for every validation branch of the derive (ast, repr, valid).
