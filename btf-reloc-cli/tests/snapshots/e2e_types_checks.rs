// Checks of `e2e_types.rs`, rendered from its plan by `tests/gen.rs`; `BLESS=1` rewrites them.

pub(crate) fn all(c: &mut Checker) {
    let _sim = c.install(0);
    check_task_struct(c);
    check_cred(c);
    check_nsproxy(c);
    check_uts_namespace(c);
    check_mm_struct(c);
    check_fs_struct(c);
    check_dentry(c);
    check_new_utsname(c);
    check_path(c);
    check_qstr(c);
    c.not_root("kuid_t.val", kuid_t::val_byte_offset());
    c.not_root("kgid_t.val", kgid_t::val_byte_offset());
}

fn check_task_struct(c: &mut Checker) {
    let _sim = c.install(3264);
    let p = KernelPtr::<task_struct>::from_addr(BASE);
    c.offset("task_struct.mm", task_struct::mm_byte_offset(), task_struct::mm_byte_size(), 1136, 8);
    c.offset("task_struct.pid", task_struct::pid_byte_offset(), task_struct::pid_byte_size(), 1264, 4);
    c.offset("task_struct.tgid", task_struct::tgid_byte_offset(), task_struct::tgid_byte_size(), 1268, 4);
    c.offset("task_struct.real_parent", task_struct::real_parent_byte_offset(), task_struct::real_parent_byte_size(), 1280, 8);
    c.offset("task_struct.cred", task_struct::cred_byte_offset(), task_struct::cred_byte_size(), 1736, 8);
    c.offset("task_struct.comm", task_struct::comm_byte_offset(), task_struct::comm_byte_size(), 1752, 16);
    c.offset("task_struct.fs", task_struct::fs_byte_offset(), task_struct::fs_byte_size(), 1816, 8);
    c.offset("task_struct.nsproxy", task_struct::nsproxy_byte_offset(), task_struct::nsproxy_byte_size(), 1840, 8);
    c.value("task_struct.mm", p.mm(), 1136);
    c.bitfield("task_struct.sched_reset_on_fork", 3264, 9504, 1, false, || p.sched_reset_on_fork());
    c.value("task_struct.pid", p.pid(), 1264);
    c.value("task_struct.tgid", p.tgid(), 1268);
    c.value("task_struct.real_parent", p.real_parent(), 1280);
    c.value("task_struct.cred", p.cred(), 1736);
    c.value("task_struct.comm", p.comm(), 1752);
    c.value("task_struct.fs", p.fs(), 1816);
    c.value("task_struct.nsproxy", p.nsproxy(), 1840);
}

fn check_cred(c: &mut Checker) {
    let _sim = c.install(184);
    let p = KernelPtr::<cred>::from_addr(BASE);
    c.offset("cred.uid", cred::uid_byte_offset(), cred::uid_byte_size(), 8, 4);
    c.offset("cred.gid", cred::gid_byte_offset(), cred::gid_byte_size(), 12, 4);
    c.offset("cred.suid", cred::suid_byte_offset(), cred::suid_byte_size(), 16, 4);
    c.offset("cred.sgid", cred::sgid_byte_offset(), cred::sgid_byte_size(), 20, 4);
    c.offset("cred.euid", cred::euid_byte_offset(), cred::euid_byte_size(), 24, 4);
    c.offset("cred.egid", cred::egid_byte_offset(), cred::egid_byte_size(), 28, 4);
    c.offset("cred.fsuid", cred::fsuid_byte_offset(), cred::fsuid_byte_size(), 32, 4);
    c.offset("cred.fsgid", cred::fsgid_byte_offset(), cred::fsgid_byte_size(), 36, 4);
    c.embedded("cred.uid", p.uid().map(|h| h.map(Ptr::addr)), 8);
    c.value("cred.uid.val", p.uid().and_get(|h| h.val()), 8);
    c.embedded("cred.gid", p.gid().map(|h| h.map(Ptr::addr)), 12);
    c.value("cred.gid.val", p.gid().and_get(|h| h.val()), 12);
    c.embedded("cred.suid", p.suid().map(|h| h.map(Ptr::addr)), 16);
    c.value("cred.suid.val", p.suid().and_get(|h| h.val()), 16);
    c.embedded("cred.sgid", p.sgid().map(|h| h.map(Ptr::addr)), 20);
    c.value("cred.sgid.val", p.sgid().and_get(|h| h.val()), 20);
    c.embedded("cred.euid", p.euid().map(|h| h.map(Ptr::addr)), 24);
    c.value("cred.euid.val", p.euid().and_get(|h| h.val()), 24);
    c.embedded("cred.egid", p.egid().map(|h| h.map(Ptr::addr)), 28);
    c.value("cred.egid.val", p.egid().and_get(|h| h.val()), 28);
    c.embedded("cred.fsuid", p.fsuid().map(|h| h.map(Ptr::addr)), 32);
    c.value("cred.fsuid.val", p.fsuid().and_get(|h| h.val()), 32);
    c.embedded("cred.fsgid", p.fsgid().map(|h| h.map(Ptr::addr)), 36);
    c.value("cred.fsgid.val", p.fsgid().and_get(|h| h.val()), 36);
}

fn check_nsproxy(c: &mut Checker) {
    let _sim = c.install(72);
    let p = KernelPtr::<nsproxy>::from_addr(BASE);
    c.offset("nsproxy.uts_ns", nsproxy::uts_ns_byte_offset(), nsproxy::uts_ns_byte_size(), 8, 8);
    c.value("nsproxy.uts_ns", p.uts_ns(), 8);
}

fn check_uts_namespace(c: &mut Checker) {
    let _sim = c.install(488);
    let p = KernelPtr::<uts_namespace>::from_addr(BASE);
    c.offset("uts_namespace.name", uts_namespace::name_byte_offset(), uts_namespace::name_byte_size(), 0, 390);
    c.embedded("uts_namespace.name", p.name().map(|h| h.map(Ptr::addr)), 0);
}

fn check_mm_struct(c: &mut Checker) {
    let _sim = c.install(1472);
    let p = KernelPtr::<mm_struct>::from_addr(BASE);
    c.offset("mm_struct.arg_start", mm_struct::arg_start_byte_offset(), mm_struct::arg_start_byte_size(), 488, 8);
    c.offset("mm_struct.arg_end", mm_struct::arg_end_byte_offset(), mm_struct::arg_end_byte_size(), 496, 8);
    c.value("mm_struct.arg_start", p.arg_start(), 488);
    c.value("mm_struct.arg_end", p.arg_end(), 496);
}

fn check_fs_struct(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<fs_struct>::from_addr(BASE);
    c.offset("fs_struct.pwd", fs_struct::pwd_byte_offset(), fs_struct::pwd_byte_size(), 40, 16);
    c.embedded("fs_struct.pwd", p.pwd().map(|h| h.map(Ptr::addr)), 40);
}

fn check_dentry(c: &mut Checker) {
    let _sim = c.install(192);
    let p = KernelPtr::<dentry>::from_addr(BASE);
    c.offset("dentry.d_name", dentry::d_name_byte_offset(), dentry::d_name_byte_size(), 32, 16);
    c.embedded("dentry.d_name", p.d_name().map(|h| h.map(Ptr::addr)), 32);
}

fn check_new_utsname(c: &mut Checker) {
    let _sim = c.install(390);
    let p = KernelPtr::<new_utsname>::from_addr(BASE);
    c.offset("new_utsname.nodename", new_utsname::nodename_byte_offset(), new_utsname::nodename_byte_size(), 65, 65);
    c.offset("new_utsname.release", new_utsname::release_byte_offset(), new_utsname::release_byte_size(), 130, 65);
    c.value("new_utsname.nodename", p.nodename(), 65);
    c.value("new_utsname.release", p.release(), 130);
}

fn check_path(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<path>::from_addr(BASE);
    c.offset("path.dentry", path::dentry_byte_offset(), path::dentry_byte_size(), 8, 8);
    c.value("path.dentry", p.dentry(), 8);
}

fn check_qstr(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<qstr>::from_addr(BASE);
    c.offset("qstr.name", qstr::name_byte_offset(), qstr::name_byte_size(), 8, 8);
    c.value("qstr.name", p.name(), 8);
}
