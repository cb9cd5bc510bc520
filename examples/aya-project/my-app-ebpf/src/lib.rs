// The program is the binary (`src/main.rs`). This empty library exists so that `my-app` can
// name this crate as a build-dependency, which makes cargo rerun `my-app/build.rs` whenever
// this crate or its dependencies change (aya-template does the same).
#![no_std]
