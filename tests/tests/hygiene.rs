//! The generated code uses absolute paths only: it compiles without the prelude and with the
//! runtime under another name.
#![no_implicit_prelude]

// The runtime under another name; `btf_reloc_runtime` is not used by `mod renamed`.
extern crate btf_reloc_runtime as renamed_runtime;

mod no_prelude {
    #[derive(::btf_reloc_runtime::BtfRelocatable)]
    #[repr(C)]
    pub(crate) struct task_struct {
        pub(crate) pid: i32,
        pub(crate) comm: [u8; 16],
        #[btf(skip)]
        pub(crate) _pad: [u8; 4],
    }
}

mod renamed {
    #[derive(::renamed_runtime::BtfRelocatable)]
    #[repr(C)]
    #[btf(crate = "::renamed_runtime")]
    pub(crate) struct task_struct {
        pub(crate) tgid: i32,
    }
}

#[test]
fn generated_code_is_hygienic() {
    ::std::assert!(no_prelude::task_struct::pid_exists());
    ::std::assert_eq!(
        no_prelude::task_struct::comm_byte_offset(),
        ::std::option::Option::Some(4)
    );
    ::std::assert_eq!(
        renamed::task_struct::tgid_byte_size(),
        ::std::option::Option::Some(4)
    );
}
