// Checks of `kernel_types.rs`, rendered from its plan by `tests/gen.rs`; `BLESS=1` rewrites them.

pub(crate) fn all(c: &mut Checker) {
    let _sim = c.install(0);
    check_task_struct(c);
    check_cred(c);
    check_mm_struct(c);
    check_fs_struct(c);
    check_files_struct(c);
    check_fdtable(c);
    check_file(c);
    check_path(c);
    check_dentry(c);
    check_qstr(c);
    check_inode(c);
    check_super_block(c);
    check_nsproxy(c);
    check_uts_namespace(c);
    check_new_utsname(c);
    check_pid(c);
    check_upid(c);
    check_signal_struct(c);
    check_sched_entity(c);
    check_list_head(c);
    check_thread_info(c);
    check_refcount_struct(c);
    check___call_single_node(c);
    check_llist_node(c);
    check_load_weight(c);
    check_rb_node(c);
    check_sched_avg(c);
    check_sched_rt_entity(c);
    check_sched_dl_entity(c);
    check_hrtimer(c);
    check_timerqueue_node(c);
    check_callback_head(c);
    check_sched_statistics(c);
    check_hlist_head(c);
    check_cpumask(c);
    check_sched_info(c);
    check_plist_node(c);
    check_restart_block(c);
    check_hlist_node(c);
    check_prev_cputime(c);
    check_raw_spinlock(c);
    check_qspinlock(c);
    check_posix_cputimers(c);
    check_posix_cputimer_base(c);
    check_timerqueue_head(c);
    check_rb_root_cached(c);
    check_rb_root(c);
    check_posix_cputimers_work(c);
    check_mutex(c);
    check_optimistic_spin_queue(c);
    check_sysv_sem(c);
    check_sysv_shm(c);
    check_sigpending(c);
    check_seccomp(c);
    check_syscall_user_dispatch(c);
    check_spinlock(c);
    check_wake_q_node(c);
    check_task_io_accounting(c);
    check_seqcount_spinlock(c);
    check_seqcount(c);
    check_tlbflush_unmap_batch(c);
    check_arch_tlbflush_unmap_batch(c);
    check_page_frag(c);
    check_kmap_ctrl(c);
    check_timer_list(c);
    check_unwind_task_info(c);
    check_thread_struct(c);
    check_desc_struct(c);
    check_maple_tree(c);
    check_rw_semaphore(c);
    check_rcuwait(c);
    check_percpu_counter(c);
    check_uprobes_state(c);
    check_work_struct(c);
    check_wait_queue_head(c);
    check_file_ra_state(c);
    check_hlist_bl_node(c);
    check_lockref(c);
    check_address_space(c);
    check_xarray(c);
    check_hlist_bl_head(c);
    check_quota_info(c);
    check_mem_dqinfo(c);
    check_sb_writers(c);
    check_percpu_rw_semaphore(c);
    check_rcu_sync(c);
    check_list_lru(c);
    check_llist_head(c);
    check_ns_common(c);
    check_cpu_itimer(c);
    check_thread_group_cputimer(c);
    check_task_cputime_atomic(c);
    check_rlimit(c);
    check_pacct_struct(c);
    c.not_root("kuid_t.val", kuid_t::val_byte_offset());
    c.not_root("kgid_t.val", kgid_t::val_byte_offset());
    c.not_root("atomic_t.counter", atomic_t::counter_byte_offset());
    c.not_root("rcu_special.b", rcu_special::b_byte_offset());
    c.not_root("rcu_special.s", rcu_special::s_byte_offset());
    c.not_root("rcu_special__b.blocked", rcu_special__b::blocked_byte_offset());
    c.not_root("rcu_special__b.need_qs", rcu_special__b::need_qs_byte_offset());
    c.not_root("rcu_special__b.exp_hint", rcu_special__b::exp_hint_byte_offset());
    c.not_root("rcu_special__b.need_mb", rcu_special__b::need_mb_byte_offset());
    c.not_root("restart_block__futex.uaddr", restart_block__futex::uaddr_byte_offset());
    c.not_root("restart_block__futex.val", restart_block__futex::val_byte_offset());
    c.not_root("restart_block__futex.flags", restart_block__futex::flags_byte_offset());
    c.not_root("restart_block__futex.bitset", restart_block__futex::bitset_byte_offset());
    c.not_root("restart_block__futex.time", restart_block__futex::time_byte_offset());
    c.not_root("restart_block__futex.uaddr2", restart_block__futex::uaddr2_byte_offset());
    c.not_root("restart_block__nanosleep.clockid", restart_block__nanosleep::clockid_byte_offset());
    c.not_root("restart_block__nanosleep.rmtp", restart_block__nanosleep::rmtp_byte_offset());
    c.not_root("restart_block__nanosleep.compat_rmtp", restart_block__nanosleep::compat_rmtp_byte_offset());
    c.not_root("restart_block__nanosleep.expires", restart_block__nanosleep::expires_byte_offset());
    c.not_root("restart_block__poll.ufds", restart_block__poll::ufds_byte_offset());
    c.not_root("restart_block__poll.nfds", restart_block__poll::nfds_byte_offset());
    c.not_root("restart_block__poll.has_timeout", restart_block__poll::has_timeout_byte_offset());
    c.not_root("restart_block__poll.tv_sec", restart_block__poll::tv_sec_byte_offset());
    c.not_root("restart_block__poll.tv_nsec", restart_block__poll::tv_nsec_byte_offset());
    c.not_root("atomic64_t.counter", atomic64_t::counter_byte_offset());
    c.not_root("sigset_t.sig", sigset_t::sig_byte_offset());
    c.not_root("nodemask_t.bits", nodemask_t::bits_byte_offset());
    c.not_root("unwind_task_id.cpu", unwind_task_id::cpu_byte_offset());
    c.not_root("unwind_task_id.cnt", unwind_task_id::cnt_byte_offset());
    c.not_root("unwind_task_id.id", unwind_task_id::id_byte_offset());
    c.not_root("kernel_cap_t.val", kernel_cap_t::val_byte_offset());
    c.not_root("mm_context_t.ctx_id", mm_context_t::ctx_id_byte_offset());
    c.not_root("mm_context_t.tlb_gen", mm_context_t::tlb_gen_byte_offset());
    c.not_root("mm_context_t.next_trim_cpumask", mm_context_t::next_trim_cpumask_byte_offset());
    c.not_root("mm_context_t.ldt_usr_sem", mm_context_t::ldt_usr_sem_byte_offset());
    c.not_root("mm_context_t.ldt", mm_context_t::ldt_byte_offset());
    c.not_root("mm_context_t.flags", mm_context_t::flags_byte_offset());
    c.not_root("mm_context_t.lock", mm_context_t::lock_byte_offset());
    c.not_root("mm_context_t.vdso", mm_context_t::vdso_byte_offset());
    c.not_root("mm_context_t.vdso_image", mm_context_t::vdso_image_byte_offset());
    c.not_root("mm_context_t.perf_rdpmc_allowed", mm_context_t::perf_rdpmc_allowed_byte_offset());
    c.not_root("mm_context_t.pkey_allocation_map", mm_context_t::pkey_allocation_map_byte_offset());
    c.not_root("mm_context_t.execute_only_pkey", mm_context_t::execute_only_pkey_byte_offset());
    c.not_root("mm_context_t.global_asid", mm_context_t::global_asid_byte_offset());
    c.not_root("mm_context_t.asid_transition", mm_context_t::asid_transition_byte_offset());
    c.not_root("mm_flags_t.__mm_flags", mm_flags_t::__mm_flags_byte_offset());
    c.not_root("seqlock_t.seqcount", seqlock_t::seqcount_byte_offset());
    c.not_root("seqlock_t.lock", seqlock_t::lock_byte_offset());
    c.not_root("freeptr_t.v", freeptr_t::v_byte_offset());
    c.not_root("file_ref_t.refcnt", file_ref_t::refcnt_byte_offset());
    c.not_root("shortname_store.string", shortname_store::string_byte_offset());
    c.not_root("shortname_store.words", shortname_store::words_byte_offset());
    c.not_root("dentry__d_u.d_alias", dentry__d_u::d_alias_byte_offset());
    c.not_root("dentry__d_u.d_in_lookup_hash", dentry__d_u::d_in_lookup_hash_byte_offset());
    c.not_root("dentry__d_u.d_rcu", dentry__d_u::d_rcu_byte_offset());
    c.not_root("uuid_t.b", uuid_t::b_byte_offset());
}

fn check_task_struct(c: &mut Checker) {
    let _sim = c.install(3264);
    let p = KernelPtr::<task_struct>::from_addr(BASE);
    c.offset("task_struct.thread_info", task_struct::thread_info_byte_offset(), task_struct::thread_info_byte_size(), 0, 24);
    c.offset("task_struct.__state", task_struct::__state_byte_offset(), task_struct::__state_byte_size(), 24, 4);
    c.offset("task_struct.saved_state", task_struct::saved_state_byte_offset(), task_struct::saved_state_byte_size(), 28, 4);
    c.offset("task_struct.stack", task_struct::stack_byte_offset(), task_struct::stack_byte_size(), 32, 8);
    c.offset("task_struct.usage", task_struct::usage_byte_offset(), task_struct::usage_byte_size(), 40, 4);
    c.offset("task_struct.flags", task_struct::flags_byte_offset(), task_struct::flags_byte_size(), 44, 4);
    c.offset("task_struct.ptrace", task_struct::ptrace_byte_offset(), task_struct::ptrace_byte_size(), 48, 4);
    c.offset("task_struct.on_cpu", task_struct::on_cpu_byte_offset(), task_struct::on_cpu_byte_size(), 52, 4);
    c.offset("task_struct.wake_entry", task_struct::wake_entry_byte_offset(), task_struct::wake_entry_byte_size(), 56, 16);
    c.offset("task_struct.wakee_flips", task_struct::wakee_flips_byte_offset(), task_struct::wakee_flips_byte_size(), 72, 4);
    c.offset("task_struct.wakee_flip_decay_ts", task_struct::wakee_flip_decay_ts_byte_offset(), task_struct::wakee_flip_decay_ts_byte_size(), 80, 8);
    c.offset("task_struct.last_wakee", task_struct::last_wakee_byte_offset(), task_struct::last_wakee_byte_size(), 88, 8);
    c.offset("task_struct.recent_used_cpu", task_struct::recent_used_cpu_byte_offset(), task_struct::recent_used_cpu_byte_size(), 96, 4);
    c.offset("task_struct.wake_cpu", task_struct::wake_cpu_byte_offset(), task_struct::wake_cpu_byte_size(), 100, 4);
    c.offset("task_struct.on_rq", task_struct::on_rq_byte_offset(), task_struct::on_rq_byte_size(), 104, 4);
    c.offset("task_struct.prio", task_struct::prio_byte_offset(), task_struct::prio_byte_size(), 108, 4);
    c.offset("task_struct.static_prio", task_struct::static_prio_byte_offset(), task_struct::static_prio_byte_size(), 112, 4);
    c.offset("task_struct.normal_prio", task_struct::normal_prio_byte_offset(), task_struct::normal_prio_byte_size(), 116, 4);
    c.offset("task_struct.rt_priority", task_struct::rt_priority_byte_offset(), task_struct::rt_priority_byte_size(), 120, 4);
    c.offset("task_struct.se", task_struct::se_byte_offset(), task_struct::se_byte_size(), 128, 256);
    c.offset("task_struct.rt", task_struct::rt_byte_offset(), task_struct::rt_byte_size(), 384, 72);
    c.offset("task_struct.dl", task_struct::dl_byte_offset(), task_struct::dl_byte_size(), 456, 240);
    c.offset("task_struct.dl_server", task_struct::dl_server_byte_offset(), task_struct::dl_server_byte_size(), 696, 8);
    c.offset("task_struct.sched_class", task_struct::sched_class_byte_offset(), task_struct::sched_class_byte_size(), 704, 8);
    c.offset("task_struct.sched_task_group", task_struct::sched_task_group_byte_offset(), task_struct::sched_task_group_byte_size(), 712, 8);
    c.offset("task_struct.sched_throttle_work", task_struct::sched_throttle_work_byte_offset(), task_struct::sched_throttle_work_byte_size(), 720, 16);
    c.offset("task_struct.throttle_node", task_struct::throttle_node_byte_offset(), task_struct::throttle_node_byte_size(), 736, 16);
    c.offset("task_struct.throttled", task_struct::throttled_byte_offset(), task_struct::throttled_byte_size(), 752, 1);
    c.offset("task_struct.stats", task_struct::stats_byte_offset(), task_struct::stats_byte_size(), 768, 0);
    c.offset("task_struct.preempt_notifiers", task_struct::preempt_notifiers_byte_offset(), task_struct::preempt_notifiers_byte_size(), 768, 8);
    c.offset("task_struct.btrace_seq", task_struct::btrace_seq_byte_offset(), task_struct::btrace_seq_byte_size(), 776, 4);
    c.offset("task_struct.policy", task_struct::policy_byte_offset(), task_struct::policy_byte_size(), 780, 4);
    c.offset("task_struct.max_allowed_capacity", task_struct::max_allowed_capacity_byte_offset(), task_struct::max_allowed_capacity_byte_size(), 784, 8);
    c.offset("task_struct.nr_cpus_allowed", task_struct::nr_cpus_allowed_byte_offset(), task_struct::nr_cpus_allowed_byte_size(), 792, 4);
    c.offset("task_struct.cpus_ptr", task_struct::cpus_ptr_byte_offset(), task_struct::cpus_ptr_byte_size(), 800, 8);
    c.offset("task_struct.user_cpus_ptr", task_struct::user_cpus_ptr_byte_offset(), task_struct::user_cpus_ptr_byte_size(), 808, 8);
    c.offset("task_struct.cpus_mask", task_struct::cpus_mask_byte_offset(), task_struct::cpus_mask_byte_size(), 816, 32);
    c.offset("task_struct.migration_pending", task_struct::migration_pending_byte_offset(), task_struct::migration_pending_byte_size(), 848, 8);
    c.offset("task_struct.migration_disabled", task_struct::migration_disabled_byte_offset(), task_struct::migration_disabled_byte_size(), 856, 2);
    c.offset("task_struct.migration_flags", task_struct::migration_flags_byte_offset(), task_struct::migration_flags_byte_size(), 858, 2);
    c.offset("task_struct.rcu_read_lock_nesting", task_struct::rcu_read_lock_nesting_byte_offset(), task_struct::rcu_read_lock_nesting_byte_size(), 860, 4);
    c.offset("task_struct.rcu_read_unlock_special", task_struct::rcu_read_unlock_special_byte_offset(), task_struct::rcu_read_unlock_special_byte_size(), 864, 4);
    c.offset("task_struct.rcu_node_entry", task_struct::rcu_node_entry_byte_offset(), task_struct::rcu_node_entry_byte_size(), 872, 16);
    c.offset("task_struct.rcu_blocked_node", task_struct::rcu_blocked_node_byte_offset(), task_struct::rcu_blocked_node_byte_size(), 888, 8);
    c.offset("task_struct.rcu_tasks_nvcsw", task_struct::rcu_tasks_nvcsw_byte_offset(), task_struct::rcu_tasks_nvcsw_byte_size(), 896, 8);
    c.offset("task_struct.rcu_tasks_holdout", task_struct::rcu_tasks_holdout_byte_offset(), task_struct::rcu_tasks_holdout_byte_size(), 904, 1);
    c.offset("task_struct.rcu_tasks_idx", task_struct::rcu_tasks_idx_byte_offset(), task_struct::rcu_tasks_idx_byte_size(), 905, 1);
    c.offset("task_struct.rcu_tasks_idle_cpu", task_struct::rcu_tasks_idle_cpu_byte_offset(), task_struct::rcu_tasks_idle_cpu_byte_size(), 908, 4);
    c.offset("task_struct.rcu_tasks_holdout_list", task_struct::rcu_tasks_holdout_list_byte_offset(), task_struct::rcu_tasks_holdout_list_byte_size(), 912, 16);
    c.offset("task_struct.rcu_tasks_exit_cpu", task_struct::rcu_tasks_exit_cpu_byte_offset(), task_struct::rcu_tasks_exit_cpu_byte_size(), 928, 4);
    c.offset("task_struct.rcu_tasks_exit_list", task_struct::rcu_tasks_exit_list_byte_offset(), task_struct::rcu_tasks_exit_list_byte_size(), 936, 16);
    c.offset("task_struct.trc_reader_nesting", task_struct::trc_reader_nesting_byte_offset(), task_struct::trc_reader_nesting_byte_size(), 952, 4);
    c.offset("task_struct.trc_ipi_to_cpu", task_struct::trc_ipi_to_cpu_byte_offset(), task_struct::trc_ipi_to_cpu_byte_size(), 956, 4);
    c.offset("task_struct.trc_reader_special", task_struct::trc_reader_special_byte_offset(), task_struct::trc_reader_special_byte_size(), 960, 4);
    c.offset("task_struct.trc_holdout_list", task_struct::trc_holdout_list_byte_offset(), task_struct::trc_holdout_list_byte_size(), 968, 16);
    c.offset("task_struct.trc_blkd_node", task_struct::trc_blkd_node_byte_offset(), task_struct::trc_blkd_node_byte_size(), 984, 16);
    c.offset("task_struct.trc_blkd_cpu", task_struct::trc_blkd_cpu_byte_offset(), task_struct::trc_blkd_cpu_byte_size(), 1000, 4);
    c.offset("task_struct.sched_info", task_struct::sched_info_byte_offset(), task_struct::sched_info_byte_size(), 1008, 48);
    c.offset("task_struct.tasks", task_struct::tasks_byte_offset(), task_struct::tasks_byte_size(), 1056, 16);
    c.offset("task_struct.pushable_tasks", task_struct::pushable_tasks_byte_offset(), task_struct::pushable_tasks_byte_size(), 1072, 40);
    c.offset("task_struct.pushable_dl_tasks", task_struct::pushable_dl_tasks_byte_offset(), task_struct::pushable_dl_tasks_byte_size(), 1112, 24);
    c.offset("task_struct.mm", task_struct::mm_byte_offset(), task_struct::mm_byte_size(), 1136, 8);
    c.offset("task_struct.active_mm", task_struct::active_mm_byte_offset(), task_struct::active_mm_byte_size(), 1144, 8);
    c.offset("task_struct.faults_disabled_mapping", task_struct::faults_disabled_mapping_byte_offset(), task_struct::faults_disabled_mapping_byte_size(), 1152, 8);
    c.offset("task_struct.exit_state", task_struct::exit_state_byte_offset(), task_struct::exit_state_byte_size(), 1160, 4);
    c.offset("task_struct.exit_code", task_struct::exit_code_byte_offset(), task_struct::exit_code_byte_size(), 1164, 4);
    c.offset("task_struct.exit_signal", task_struct::exit_signal_byte_offset(), task_struct::exit_signal_byte_size(), 1168, 4);
    c.offset("task_struct.pdeath_signal", task_struct::pdeath_signal_byte_offset(), task_struct::pdeath_signal_byte_size(), 1172, 4);
    c.offset("task_struct.jobctl", task_struct::jobctl_byte_offset(), task_struct::jobctl_byte_size(), 1176, 8);
    c.offset("task_struct.personality", task_struct::personality_byte_offset(), task_struct::personality_byte_size(), 1184, 4);
    c.offset("task_struct.atomic_flags", task_struct::atomic_flags_byte_offset(), task_struct::atomic_flags_byte_size(), 1200, 8);
    c.offset("task_struct.restart_block", task_struct::restart_block_byte_offset(), task_struct::restart_block_byte_size(), 1208, 56);
    c.offset("task_struct.pid", task_struct::pid_byte_offset(), task_struct::pid_byte_size(), 1264, 4);
    c.offset("task_struct.tgid", task_struct::tgid_byte_offset(), task_struct::tgid_byte_size(), 1268, 4);
    c.offset("task_struct.stack_canary", task_struct::stack_canary_byte_offset(), task_struct::stack_canary_byte_size(), 1272, 8);
    c.offset("task_struct.real_parent", task_struct::real_parent_byte_offset(), task_struct::real_parent_byte_size(), 1280, 8);
    c.offset("task_struct.parent", task_struct::parent_byte_offset(), task_struct::parent_byte_size(), 1288, 8);
    c.offset("task_struct.children", task_struct::children_byte_offset(), task_struct::children_byte_size(), 1296, 16);
    c.offset("task_struct.sibling", task_struct::sibling_byte_offset(), task_struct::sibling_byte_size(), 1312, 16);
    c.offset("task_struct.group_leader", task_struct::group_leader_byte_offset(), task_struct::group_leader_byte_size(), 1328, 8);
    c.offset("task_struct.ptraced", task_struct::ptraced_byte_offset(), task_struct::ptraced_byte_size(), 1336, 16);
    c.offset("task_struct.ptrace_entry", task_struct::ptrace_entry_byte_offset(), task_struct::ptrace_entry_byte_size(), 1352, 16);
    c.offset("task_struct.thread_pid", task_struct::thread_pid_byte_offset(), task_struct::thread_pid_byte_size(), 1368, 8);
    c.offset("task_struct.pid_links", task_struct::pid_links_byte_offset(), task_struct::pid_links_byte_size(), 1376, 64);
    c.offset("task_struct.thread_node", task_struct::thread_node_byte_offset(), task_struct::thread_node_byte_size(), 1440, 16);
    c.offset("task_struct.vfork_done", task_struct::vfork_done_byte_offset(), task_struct::vfork_done_byte_size(), 1456, 8);
    c.offset("task_struct.set_child_tid", task_struct::set_child_tid_byte_offset(), task_struct::set_child_tid_byte_size(), 1464, 8);
    c.offset("task_struct.clear_child_tid", task_struct::clear_child_tid_byte_offset(), task_struct::clear_child_tid_byte_size(), 1472, 8);
    c.offset("task_struct.worker_private", task_struct::worker_private_byte_offset(), task_struct::worker_private_byte_size(), 1480, 8);
    c.offset("task_struct.utime", task_struct::utime_byte_offset(), task_struct::utime_byte_size(), 1488, 8);
    c.offset("task_struct.stime", task_struct::stime_byte_offset(), task_struct::stime_byte_size(), 1496, 8);
    c.offset("task_struct.gtime", task_struct::gtime_byte_offset(), task_struct::gtime_byte_size(), 1504, 8);
    c.offset("task_struct.prev_cputime", task_struct::prev_cputime_byte_offset(), task_struct::prev_cputime_byte_size(), 1512, 24);
    c.offset("task_struct.nvcsw", task_struct::nvcsw_byte_offset(), task_struct::nvcsw_byte_size(), 1536, 8);
    c.offset("task_struct.nivcsw", task_struct::nivcsw_byte_offset(), task_struct::nivcsw_byte_size(), 1544, 8);
    c.offset("task_struct.start_time", task_struct::start_time_byte_offset(), task_struct::start_time_byte_size(), 1552, 8);
    c.offset("task_struct.start_boottime", task_struct::start_boottime_byte_offset(), task_struct::start_boottime_byte_size(), 1560, 8);
    c.offset("task_struct.min_flt", task_struct::min_flt_byte_offset(), task_struct::min_flt_byte_size(), 1568, 8);
    c.offset("task_struct.maj_flt", task_struct::maj_flt_byte_offset(), task_struct::maj_flt_byte_size(), 1576, 8);
    c.offset("task_struct.posix_cputimers", task_struct::posix_cputimers_byte_offset(), task_struct::posix_cputimers_byte_size(), 1584, 80);
    c.offset("task_struct.posix_cputimers_work", task_struct::posix_cputimers_work_byte_offset(), task_struct::posix_cputimers_work_byte_size(), 1664, 56);
    c.offset("task_struct.ptracer_cred", task_struct::ptracer_cred_byte_offset(), task_struct::ptracer_cred_byte_size(), 1720, 8);
    c.offset("task_struct.real_cred", task_struct::real_cred_byte_offset(), task_struct::real_cred_byte_size(), 1728, 8);
    c.offset("task_struct.cred", task_struct::cred_byte_offset(), task_struct::cred_byte_size(), 1736, 8);
    c.offset("task_struct.cached_requested_key", task_struct::cached_requested_key_byte_offset(), task_struct::cached_requested_key_byte_size(), 1744, 8);
    c.offset("task_struct.comm", task_struct::comm_byte_offset(), task_struct::comm_byte_size(), 1752, 16);
    c.offset("task_struct.nameidata", task_struct::nameidata_byte_offset(), task_struct::nameidata_byte_size(), 1768, 8);
    c.offset("task_struct.sysvsem", task_struct::sysvsem_byte_offset(), task_struct::sysvsem_byte_size(), 1776, 8);
    c.offset("task_struct.sysvshm", task_struct::sysvshm_byte_offset(), task_struct::sysvshm_byte_size(), 1784, 16);
    c.offset("task_struct.last_switch_count", task_struct::last_switch_count_byte_offset(), task_struct::last_switch_count_byte_size(), 1800, 8);
    c.offset("task_struct.last_switch_time", task_struct::last_switch_time_byte_offset(), task_struct::last_switch_time_byte_size(), 1808, 8);
    c.offset("task_struct.fs", task_struct::fs_byte_offset(), task_struct::fs_byte_size(), 1816, 8);
    c.offset("task_struct.files", task_struct::files_byte_offset(), task_struct::files_byte_size(), 1824, 8);
    c.offset("task_struct.io_uring", task_struct::io_uring_byte_offset(), task_struct::io_uring_byte_size(), 1832, 8);
    c.offset("task_struct.nsproxy", task_struct::nsproxy_byte_offset(), task_struct::nsproxy_byte_size(), 1840, 8);
    c.offset("task_struct.signal", task_struct::signal_byte_offset(), task_struct::signal_byte_size(), 1848, 8);
    c.offset("task_struct.sighand", task_struct::sighand_byte_offset(), task_struct::sighand_byte_size(), 1856, 8);
    c.offset("task_struct.blocked", task_struct::blocked_byte_offset(), task_struct::blocked_byte_size(), 1864, 8);
    c.offset("task_struct.real_blocked", task_struct::real_blocked_byte_offset(), task_struct::real_blocked_byte_size(), 1872, 8);
    c.offset("task_struct.saved_sigmask", task_struct::saved_sigmask_byte_offset(), task_struct::saved_sigmask_byte_size(), 1880, 8);
    c.offset("task_struct.pending", task_struct::pending_byte_offset(), task_struct::pending_byte_size(), 1888, 24);
    c.offset("task_struct.sas_ss_sp", task_struct::sas_ss_sp_byte_offset(), task_struct::sas_ss_sp_byte_size(), 1912, 8);
    c.offset("task_struct.sas_ss_size", task_struct::sas_ss_size_byte_offset(), task_struct::sas_ss_size_byte_size(), 1920, 8);
    c.offset("task_struct.sas_ss_flags", task_struct::sas_ss_flags_byte_offset(), task_struct::sas_ss_flags_byte_size(), 1928, 4);
    c.offset("task_struct.task_works", task_struct::task_works_byte_offset(), task_struct::task_works_byte_size(), 1936, 8);
    c.offset("task_struct.audit_context", task_struct::audit_context_byte_offset(), task_struct::audit_context_byte_size(), 1944, 8);
    c.offset("task_struct.loginuid", task_struct::loginuid_byte_offset(), task_struct::loginuid_byte_size(), 1952, 4);
    c.offset("task_struct.sessionid", task_struct::sessionid_byte_offset(), task_struct::sessionid_byte_size(), 1956, 4);
    c.offset("task_struct.seccomp", task_struct::seccomp_byte_offset(), task_struct::seccomp_byte_size(), 1960, 16);
    c.offset("task_struct.syscall_dispatch", task_struct::syscall_dispatch_byte_offset(), task_struct::syscall_dispatch_byte_size(), 1976, 32);
    c.offset("task_struct.parent_exec_id", task_struct::parent_exec_id_byte_offset(), task_struct::parent_exec_id_byte_size(), 2008, 8);
    c.offset("task_struct.self_exec_id", task_struct::self_exec_id_byte_offset(), task_struct::self_exec_id_byte_size(), 2016, 8);
    c.offset("task_struct.alloc_lock", task_struct::alloc_lock_byte_offset(), task_struct::alloc_lock_byte_size(), 2024, 4);
    c.offset("task_struct.pi_lock", task_struct::pi_lock_byte_offset(), task_struct::pi_lock_byte_size(), 2028, 4);
    c.offset("task_struct.wake_q", task_struct::wake_q_byte_offset(), task_struct::wake_q_byte_size(), 2032, 8);
    c.offset("task_struct.pi_waiters", task_struct::pi_waiters_byte_offset(), task_struct::pi_waiters_byte_size(), 2040, 16);
    c.offset("task_struct.pi_top_task", task_struct::pi_top_task_byte_offset(), task_struct::pi_top_task_byte_size(), 2056, 8);
    c.offset("task_struct.pi_blocked_on", task_struct::pi_blocked_on_byte_offset(), task_struct::pi_blocked_on_byte_size(), 2064, 8);
    c.offset("task_struct.blocked_on", task_struct::blocked_on_byte_offset(), task_struct::blocked_on_byte_size(), 2072, 8);
    c.offset("task_struct.blocker", task_struct::blocker_byte_offset(), task_struct::blocker_byte_size(), 2080, 8);
    c.offset("task_struct.journal_info", task_struct::journal_info_byte_offset(), task_struct::journal_info_byte_size(), 2088, 8);
    c.offset("task_struct.bio_list", task_struct::bio_list_byte_offset(), task_struct::bio_list_byte_size(), 2096, 8);
    c.offset("task_struct.plug", task_struct::plug_byte_offset(), task_struct::plug_byte_size(), 2104, 8);
    c.offset("task_struct.reclaim_state", task_struct::reclaim_state_byte_offset(), task_struct::reclaim_state_byte_size(), 2112, 8);
    c.offset("task_struct.io_context", task_struct::io_context_byte_offset(), task_struct::io_context_byte_size(), 2120, 8);
    c.offset("task_struct.capture_control", task_struct::capture_control_byte_offset(), task_struct::capture_control_byte_size(), 2128, 8);
    c.offset("task_struct.ptrace_message", task_struct::ptrace_message_byte_offset(), task_struct::ptrace_message_byte_size(), 2136, 8);
    c.offset("task_struct.last_siginfo", task_struct::last_siginfo_byte_offset(), task_struct::last_siginfo_byte_size(), 2144, 8);
    c.offset("task_struct.ioac", task_struct::ioac_byte_offset(), task_struct::ioac_byte_size(), 2152, 56);
    c.offset("task_struct.psi_flags", task_struct::psi_flags_byte_offset(), task_struct::psi_flags_byte_size(), 2208, 4);
    c.offset("task_struct.acct_rss_mem1", task_struct::acct_rss_mem1_byte_offset(), task_struct::acct_rss_mem1_byte_size(), 2216, 8);
    c.offset("task_struct.acct_vm_mem1", task_struct::acct_vm_mem1_byte_offset(), task_struct::acct_vm_mem1_byte_size(), 2224, 8);
    c.offset("task_struct.acct_timexpd", task_struct::acct_timexpd_byte_offset(), task_struct::acct_timexpd_byte_size(), 2232, 8);
    c.offset("task_struct.mems_allowed", task_struct::mems_allowed_byte_offset(), task_struct::mems_allowed_byte_size(), 2240, 128);
    c.offset("task_struct.mems_allowed_seq", task_struct::mems_allowed_seq_byte_offset(), task_struct::mems_allowed_seq_byte_size(), 2368, 4);
    c.offset("task_struct.cpuset_mem_spread_rotor", task_struct::cpuset_mem_spread_rotor_byte_offset(), task_struct::cpuset_mem_spread_rotor_byte_size(), 2372, 4);
    c.offset("task_struct.cgroups", task_struct::cgroups_byte_offset(), task_struct::cgroups_byte_size(), 2376, 8);
    c.offset("task_struct.cg_list", task_struct::cg_list_byte_offset(), task_struct::cg_list_byte_size(), 2384, 16);
    c.offset("task_struct.robust_list", task_struct::robust_list_byte_offset(), task_struct::robust_list_byte_size(), 2400, 8);
    c.offset("task_struct.compat_robust_list", task_struct::compat_robust_list_byte_offset(), task_struct::compat_robust_list_byte_size(), 2408, 8);
    c.offset("task_struct.pi_state_list", task_struct::pi_state_list_byte_offset(), task_struct::pi_state_list_byte_size(), 2416, 16);
    c.offset("task_struct.pi_state_cache", task_struct::pi_state_cache_byte_offset(), task_struct::pi_state_cache_byte_size(), 2432, 8);
    c.offset("task_struct.futex_exit_mutex", task_struct::futex_exit_mutex_byte_offset(), task_struct::futex_exit_mutex_byte_size(), 2440, 32);
    c.offset("task_struct.futex_state", task_struct::futex_state_byte_offset(), task_struct::futex_state_byte_size(), 2472, 4);
    c.offset("task_struct.perf_recursion", task_struct::perf_recursion_byte_offset(), task_struct::perf_recursion_byte_size(), 2476, 4);
    c.offset("task_struct.perf_event_ctxp", task_struct::perf_event_ctxp_byte_offset(), task_struct::perf_event_ctxp_byte_size(), 2480, 8);
    c.offset("task_struct.perf_event_mutex", task_struct::perf_event_mutex_byte_offset(), task_struct::perf_event_mutex_byte_size(), 2488, 32);
    c.offset("task_struct.perf_event_list", task_struct::perf_event_list_byte_offset(), task_struct::perf_event_list_byte_size(), 2520, 16);
    c.offset("task_struct.perf_ctx_data", task_struct::perf_ctx_data_byte_offset(), task_struct::perf_ctx_data_byte_size(), 2536, 8);
    c.offset("task_struct.mempolicy", task_struct::mempolicy_byte_offset(), task_struct::mempolicy_byte_size(), 2544, 8);
    c.offset("task_struct.il_prev", task_struct::il_prev_byte_offset(), task_struct::il_prev_byte_size(), 2552, 2);
    c.offset("task_struct.il_weight", task_struct::il_weight_byte_offset(), task_struct::il_weight_byte_size(), 2554, 1);
    c.offset("task_struct.pref_node_fork", task_struct::pref_node_fork_byte_offset(), task_struct::pref_node_fork_byte_size(), 2556, 2);
    c.offset("task_struct.numa_scan_seq", task_struct::numa_scan_seq_byte_offset(), task_struct::numa_scan_seq_byte_size(), 2560, 4);
    c.offset("task_struct.numa_scan_period", task_struct::numa_scan_period_byte_offset(), task_struct::numa_scan_period_byte_size(), 2564, 4);
    c.offset("task_struct.numa_scan_period_max", task_struct::numa_scan_period_max_byte_offset(), task_struct::numa_scan_period_max_byte_size(), 2568, 4);
    c.offset("task_struct.numa_preferred_nid", task_struct::numa_preferred_nid_byte_offset(), task_struct::numa_preferred_nid_byte_size(), 2572, 4);
    c.offset("task_struct.numa_migrate_retry", task_struct::numa_migrate_retry_byte_offset(), task_struct::numa_migrate_retry_byte_size(), 2576, 8);
    c.offset("task_struct.node_stamp", task_struct::node_stamp_byte_offset(), task_struct::node_stamp_byte_size(), 2584, 8);
    c.offset("task_struct.last_task_numa_placement", task_struct::last_task_numa_placement_byte_offset(), task_struct::last_task_numa_placement_byte_size(), 2592, 8);
    c.offset("task_struct.last_sum_exec_runtime", task_struct::last_sum_exec_runtime_byte_offset(), task_struct::last_sum_exec_runtime_byte_size(), 2600, 8);
    c.offset("task_struct.numa_work", task_struct::numa_work_byte_offset(), task_struct::numa_work_byte_size(), 2608, 16);
    c.offset("task_struct.numa_group", task_struct::numa_group_byte_offset(), task_struct::numa_group_byte_size(), 2624, 8);
    c.offset("task_struct.numa_faults", task_struct::numa_faults_byte_offset(), task_struct::numa_faults_byte_size(), 2632, 8);
    c.offset("task_struct.total_numa_faults", task_struct::total_numa_faults_byte_offset(), task_struct::total_numa_faults_byte_size(), 2640, 8);
    c.offset("task_struct.numa_faults_locality", task_struct::numa_faults_locality_byte_offset(), task_struct::numa_faults_locality_byte_size(), 2648, 24);
    c.offset("task_struct.numa_pages_migrated", task_struct::numa_pages_migrated_byte_offset(), task_struct::numa_pages_migrated_byte_size(), 2672, 8);
    c.offset("task_struct.rseq", task_struct::rseq_byte_offset(), task_struct::rseq_byte_size(), 2680, 8);
    c.offset("task_struct.rseq_len", task_struct::rseq_len_byte_offset(), task_struct::rseq_len_byte_size(), 2688, 4);
    c.offset("task_struct.rseq_sig", task_struct::rseq_sig_byte_offset(), task_struct::rseq_sig_byte_size(), 2692, 4);
    c.offset("task_struct.rseq_event_mask", task_struct::rseq_event_mask_byte_offset(), task_struct::rseq_event_mask_byte_size(), 2696, 8);
    c.offset("task_struct.mm_cid", task_struct::mm_cid_byte_offset(), task_struct::mm_cid_byte_size(), 2704, 4);
    c.offset("task_struct.last_mm_cid", task_struct::last_mm_cid_byte_offset(), task_struct::last_mm_cid_byte_size(), 2708, 4);
    c.offset("task_struct.migrate_from_cpu", task_struct::migrate_from_cpu_byte_offset(), task_struct::migrate_from_cpu_byte_size(), 2712, 4);
    c.offset("task_struct.mm_cid_active", task_struct::mm_cid_active_byte_offset(), task_struct::mm_cid_active_byte_size(), 2716, 4);
    c.offset("task_struct.cid_work", task_struct::cid_work_byte_offset(), task_struct::cid_work_byte_size(), 2720, 16);
    c.offset("task_struct.tlb_ubc", task_struct::tlb_ubc_byte_offset(), task_struct::tlb_ubc_byte_size(), 2736, 48);
    c.offset("task_struct.splice_pipe", task_struct::splice_pipe_byte_offset(), task_struct::splice_pipe_byte_size(), 2784, 8);
    c.offset("task_struct.task_frag", task_struct::task_frag_byte_offset(), task_struct::task_frag_byte_size(), 2792, 16);
    c.offset("task_struct.delays", task_struct::delays_byte_offset(), task_struct::delays_byte_size(), 2808, 8);
    c.offset("task_struct.nr_dirtied", task_struct::nr_dirtied_byte_offset(), task_struct::nr_dirtied_byte_size(), 2816, 4);
    c.offset("task_struct.nr_dirtied_pause", task_struct::nr_dirtied_pause_byte_offset(), task_struct::nr_dirtied_pause_byte_size(), 2820, 4);
    c.offset("task_struct.dirty_paused_when", task_struct::dirty_paused_when_byte_offset(), task_struct::dirty_paused_when_byte_size(), 2824, 8);
    c.offset("task_struct.timer_slack_ns", task_struct::timer_slack_ns_byte_offset(), task_struct::timer_slack_ns_byte_size(), 2832, 8);
    c.offset("task_struct.default_timer_slack_ns", task_struct::default_timer_slack_ns_byte_offset(), task_struct::default_timer_slack_ns_byte_size(), 2840, 8);
    c.offset("task_struct.trace_recursion", task_struct::trace_recursion_byte_offset(), task_struct::trace_recursion_byte_size(), 2848, 8);
    c.offset("task_struct.memcg_in_oom", task_struct::memcg_in_oom_byte_offset(), task_struct::memcg_in_oom_byte_size(), 2856, 8);
    c.offset("task_struct.memcg_nr_pages_over_high", task_struct::memcg_nr_pages_over_high_byte_offset(), task_struct::memcg_nr_pages_over_high_byte_size(), 2864, 4);
    c.offset("task_struct.active_memcg", task_struct::active_memcg_byte_offset(), task_struct::active_memcg_byte_size(), 2872, 8);
    c.offset("task_struct.objcg", task_struct::objcg_byte_offset(), task_struct::objcg_byte_size(), 2880, 8);
    c.offset("task_struct.throttle_disk", task_struct::throttle_disk_byte_offset(), task_struct::throttle_disk_byte_size(), 2888, 8);
    c.offset("task_struct.utask", task_struct::utask_byte_offset(), task_struct::utask_byte_size(), 2896, 8);
    c.offset("task_struct.kmap_ctrl", task_struct::kmap_ctrl_byte_offset(), task_struct::kmap_ctrl_byte_size(), 2904, 0);
    c.offset("task_struct.rcu", task_struct::rcu_byte_offset(), task_struct::rcu_byte_size(), 2904, 16);
    c.offset("task_struct.rcu_users", task_struct::rcu_users_byte_offset(), task_struct::rcu_users_byte_size(), 2920, 4);
    c.offset("task_struct.pagefault_disabled", task_struct::pagefault_disabled_byte_offset(), task_struct::pagefault_disabled_byte_size(), 2924, 4);
    c.offset("task_struct.oom_reaper_list", task_struct::oom_reaper_list_byte_offset(), task_struct::oom_reaper_list_byte_size(), 2928, 8);
    c.offset("task_struct.oom_reaper_timer", task_struct::oom_reaper_timer_byte_offset(), task_struct::oom_reaper_timer_byte_size(), 2936, 40);
    c.offset("task_struct.stack_vm_area", task_struct::stack_vm_area_byte_offset(), task_struct::stack_vm_area_byte_size(), 2976, 8);
    c.offset("task_struct.stack_refcount", task_struct::stack_refcount_byte_offset(), task_struct::stack_refcount_byte_size(), 2984, 4);
    c.offset("task_struct.security", task_struct::security_byte_offset(), task_struct::security_byte_size(), 2992, 8);
    c.offset("task_struct.bpf_storage", task_struct::bpf_storage_byte_offset(), task_struct::bpf_storage_byte_size(), 3000, 8);
    c.offset("task_struct.bpf_ctx", task_struct::bpf_ctx_byte_offset(), task_struct::bpf_ctx_byte_size(), 3008, 8);
    c.offset("task_struct.bpf_net_context", task_struct::bpf_net_context_byte_offset(), task_struct::bpf_net_context_byte_size(), 3016, 8);
    c.offset("task_struct.kstack_offset", task_struct::kstack_offset_byte_offset(), task_struct::kstack_offset_byte_size(), 3024, 4);
    c.offset("task_struct.l1d_flush_kill", task_struct::l1d_flush_kill_byte_offset(), task_struct::l1d_flush_kill_byte_size(), 3032, 16);
    c.offset("task_struct.unwind_info", task_struct::unwind_info_byte_offset(), task_struct::unwind_info_byte_size(), 3048, 40);
    c.offset("task_struct.thread", task_struct::thread_byte_offset(), task_struct::thread_byte_size(), 3088, 152);
    c.embedded("task_struct.thread_info", p.thread_info().map(|h| h.map(Ptr::addr)), 0);
    c.value("task_struct.__state", p.__state(), 24);
    c.value("task_struct.saved_state", p.saved_state(), 28);
    c.value("task_struct.stack", p.stack(), 32);
    c.embedded("task_struct.usage", p.usage().map(|h| h.map(Ptr::addr)), 40);
    c.value("task_struct.flags", p.flags(), 44);
    c.value("task_struct.ptrace", p.ptrace(), 48);
    c.value("task_struct.on_cpu", p.on_cpu(), 52);
    c.embedded("task_struct.wake_entry", p.wake_entry().map(|h| h.map(Ptr::addr)), 56);
    c.value("task_struct.wakee_flips", p.wakee_flips(), 72);
    c.value("task_struct.wakee_flip_decay_ts", p.wakee_flip_decay_ts(), 80);
    c.value("task_struct.last_wakee", p.last_wakee(), 88);
    c.value("task_struct.recent_used_cpu", p.recent_used_cpu(), 96);
    c.value("task_struct.wake_cpu", p.wake_cpu(), 100);
    c.value("task_struct.on_rq", p.on_rq(), 104);
    c.value("task_struct.prio", p.prio(), 108);
    c.value("task_struct.static_prio", p.static_prio(), 112);
    c.value("task_struct.normal_prio", p.normal_prio(), 116);
    c.value("task_struct.rt_priority", p.rt_priority(), 120);
    c.embedded("task_struct.se", p.se().map(|h| h.map(Ptr::addr)), 128);
    c.embedded("task_struct.rt", p.rt().map(|h| h.map(Ptr::addr)), 384);
    c.embedded("task_struct.dl", p.dl().map(|h| h.map(Ptr::addr)), 456);
    c.value("task_struct.dl_server", p.dl_server(), 696);
    c.value("task_struct.sched_class", p.sched_class(), 704);
    c.value("task_struct.sched_task_group", p.sched_task_group(), 712);
    c.embedded("task_struct.sched_throttle_work", p.sched_throttle_work().map(|h| h.map(Ptr::addr)), 720);
    c.embedded("task_struct.throttle_node", p.throttle_node().map(|h| h.map(Ptr::addr)), 736);
    c.value("task_struct.throttled", p.throttled(), 752);
    c.embedded("task_struct.stats", p.stats().map(|h| h.map(Ptr::addr)), 768);
    c.embedded("task_struct.preempt_notifiers", p.preempt_notifiers().map(|h| h.map(Ptr::addr)), 768);
    c.value("task_struct.btrace_seq", p.btrace_seq(), 776);
    c.value("task_struct.policy", p.policy(), 780);
    c.value("task_struct.max_allowed_capacity", p.max_allowed_capacity(), 784);
    c.value("task_struct.nr_cpus_allowed", p.nr_cpus_allowed(), 792);
    c.value("task_struct.cpus_ptr", p.cpus_ptr(), 800);
    c.value("task_struct.user_cpus_ptr", p.user_cpus_ptr(), 808);
    c.embedded("task_struct.cpus_mask", p.cpus_mask().map(|h| h.map(Ptr::addr)), 816);
    c.value("task_struct.migration_pending", p.migration_pending(), 848);
    c.value("task_struct.migration_disabled", p.migration_disabled(), 856);
    c.value("task_struct.migration_flags", p.migration_flags(), 858);
    c.value("task_struct.rcu_read_lock_nesting", p.rcu_read_lock_nesting(), 860);
    c.embedded("task_struct.rcu_read_unlock_special", p.rcu_read_unlock_special().map(|h| h.map(Ptr::addr)), 864);
    c.embedded("task_struct.rcu_read_unlock_special.b", p.rcu_read_unlock_special().and_get(|h| h.b()).map(|h| h.map(Ptr::addr)), 864);
    c.value("task_struct.rcu_read_unlock_special.b.blocked", p.rcu_read_unlock_special().and_get(|h| h.b()).and_get(|h| h.blocked()), 864);
    c.value("task_struct.rcu_read_unlock_special.b.need_qs", p.rcu_read_unlock_special().and_get(|h| h.b()).and_get(|h| h.need_qs()), 865);
    c.value("task_struct.rcu_read_unlock_special.b.exp_hint", p.rcu_read_unlock_special().and_get(|h| h.b()).and_get(|h| h.exp_hint()), 866);
    c.value("task_struct.rcu_read_unlock_special.b.need_mb", p.rcu_read_unlock_special().and_get(|h| h.b()).and_get(|h| h.need_mb()), 867);
    c.value("task_struct.rcu_read_unlock_special.s", p.rcu_read_unlock_special().and_get(|h| h.s()), 864);
    c.embedded("task_struct.rcu_node_entry", p.rcu_node_entry().map(|h| h.map(Ptr::addr)), 872);
    c.value("task_struct.rcu_blocked_node", p.rcu_blocked_node(), 888);
    c.value("task_struct.rcu_tasks_nvcsw", p.rcu_tasks_nvcsw(), 896);
    c.value("task_struct.rcu_tasks_holdout", p.rcu_tasks_holdout(), 904);
    c.value("task_struct.rcu_tasks_idx", p.rcu_tasks_idx(), 905);
    c.value("task_struct.rcu_tasks_idle_cpu", p.rcu_tasks_idle_cpu(), 908);
    c.embedded("task_struct.rcu_tasks_holdout_list", p.rcu_tasks_holdout_list().map(|h| h.map(Ptr::addr)), 912);
    c.value("task_struct.rcu_tasks_exit_cpu", p.rcu_tasks_exit_cpu(), 928);
    c.embedded("task_struct.rcu_tasks_exit_list", p.rcu_tasks_exit_list().map(|h| h.map(Ptr::addr)), 936);
    c.value("task_struct.trc_reader_nesting", p.trc_reader_nesting(), 952);
    c.value("task_struct.trc_ipi_to_cpu", p.trc_ipi_to_cpu(), 956);
    c.embedded("task_struct.trc_reader_special", p.trc_reader_special().map(|h| h.map(Ptr::addr)), 960);
    c.embedded("task_struct.trc_reader_special.b", p.trc_reader_special().and_get(|h| h.b()).map(|h| h.map(Ptr::addr)), 960);
    c.value("task_struct.trc_reader_special.b.blocked", p.trc_reader_special().and_get(|h| h.b()).and_get(|h| h.blocked()), 960);
    c.value("task_struct.trc_reader_special.b.need_qs", p.trc_reader_special().and_get(|h| h.b()).and_get(|h| h.need_qs()), 961);
    c.value("task_struct.trc_reader_special.b.exp_hint", p.trc_reader_special().and_get(|h| h.b()).and_get(|h| h.exp_hint()), 962);
    c.value("task_struct.trc_reader_special.b.need_mb", p.trc_reader_special().and_get(|h| h.b()).and_get(|h| h.need_mb()), 963);
    c.value("task_struct.trc_reader_special.s", p.trc_reader_special().and_get(|h| h.s()), 960);
    c.embedded("task_struct.trc_holdout_list", p.trc_holdout_list().map(|h| h.map(Ptr::addr)), 968);
    c.embedded("task_struct.trc_blkd_node", p.trc_blkd_node().map(|h| h.map(Ptr::addr)), 984);
    c.value("task_struct.trc_blkd_cpu", p.trc_blkd_cpu(), 1000);
    c.embedded("task_struct.sched_info", p.sched_info().map(|h| h.map(Ptr::addr)), 1008);
    c.embedded("task_struct.tasks", p.tasks().map(|h| h.map(Ptr::addr)), 1056);
    c.embedded("task_struct.pushable_tasks", p.pushable_tasks().map(|h| h.map(Ptr::addr)), 1072);
    c.embedded("task_struct.pushable_dl_tasks", p.pushable_dl_tasks().map(|h| h.map(Ptr::addr)), 1112);
    c.value("task_struct.mm", p.mm(), 1136);
    c.value("task_struct.active_mm", p.active_mm(), 1144);
    c.value("task_struct.faults_disabled_mapping", p.faults_disabled_mapping(), 1152);
    c.value("task_struct.exit_state", p.exit_state(), 1160);
    c.value("task_struct.exit_code", p.exit_code(), 1164);
    c.value("task_struct.exit_signal", p.exit_signal(), 1168);
    c.value("task_struct.pdeath_signal", p.pdeath_signal(), 1172);
    c.value("task_struct.jobctl", p.jobctl(), 1176);
    c.value("task_struct.personality", p.personality(), 1184);
    c.bitfield("task_struct.sched_reset_on_fork", 3264, 9504, 1, false, || p.sched_reset_on_fork());
    c.bitfield("task_struct.sched_contributes_to_load", 3264, 9505, 1, false, || p.sched_contributes_to_load());
    c.bitfield("task_struct.sched_migrated", 3264, 9506, 1, false, || p.sched_migrated());
    c.bitfield("task_struct.sched_task_hot", 3264, 9507, 1, false, || p.sched_task_hot());
    c.bitfield("task_struct.sched_remote_wakeup", 3264, 9536, 1, false, || p.sched_remote_wakeup());
    c.bitfield("task_struct.sched_rt_mutex", 3264, 9537, 1, false, || p.sched_rt_mutex());
    c.bitfield("task_struct.user_dumpable", 3264, 9538, 1, false, || p.user_dumpable());
    c.bitfield("task_struct.in_execve", 3264, 9539, 1, false, || p.in_execve());
    c.bitfield("task_struct.init_private_fork_class", 3264, 9540, 4, false, || p.init_private_fork_class());
    c.bitfield("task_struct.in_iowait", 3264, 9544, 1, false, || p.in_iowait());
    c.bitfield("task_struct.restore_sigmask", 3264, 9545, 1, false, || p.restore_sigmask());
    c.bitfield("task_struct.in_user_fault", 3264, 9546, 1, false, || p.in_user_fault());
    c.bitfield("task_struct.no_cgroup_migration", 3264, 9547, 1, false, || p.no_cgroup_migration());
    c.bitfield("task_struct.frozen", 3264, 9548, 1, false, || p.frozen());
    c.bitfield("task_struct.use_memdelay", 3264, 9549, 1, false, || p.use_memdelay());
    c.bitfield("task_struct.in_memstall", 3264, 9550, 1, false, || p.in_memstall());
    c.bitfield("task_struct.in_eventfd", 3264, 9551, 1, false, || p.in_eventfd());
    c.bitfield("task_struct.reported_split_lock", 3264, 9552, 1, false, || p.reported_split_lock());
    c.bitfield("task_struct.in_thrashing", 3264, 9553, 1, false, || p.in_thrashing());
    c.bitfield("task_struct.in_nf_duplicate", 3264, 9554, 1, false, || p.in_nf_duplicate());
    c.value("task_struct.atomic_flags", p.atomic_flags(), 1200);
    c.embedded("task_struct.restart_block", p.restart_block().map(|h| h.map(Ptr::addr)), 1208);
    c.value("task_struct.pid", p.pid(), 1264);
    c.value("task_struct.tgid", p.tgid(), 1268);
    c.value("task_struct.stack_canary", p.stack_canary(), 1272);
    c.value("task_struct.real_parent", p.real_parent(), 1280);
    c.value("task_struct.parent", p.parent(), 1288);
    c.embedded("task_struct.children", p.children().map(|h| h.map(Ptr::addr)), 1296);
    c.embedded("task_struct.sibling", p.sibling().map(|h| h.map(Ptr::addr)), 1312);
    c.value("task_struct.group_leader", p.group_leader(), 1328);
    c.embedded("task_struct.ptraced", p.ptraced().map(|h| h.map(Ptr::addr)), 1336);
    c.embedded("task_struct.ptrace_entry", p.ptrace_entry().map(|h| h.map(Ptr::addr)), 1352);
    c.value("task_struct.thread_pid", p.thread_pid(), 1368);
    c.embedded("task_struct.thread_node", p.thread_node().map(|h| h.map(Ptr::addr)), 1440);
    c.value("task_struct.vfork_done", p.vfork_done(), 1456);
    c.value("task_struct.set_child_tid", p.set_child_tid(), 1464);
    c.value("task_struct.clear_child_tid", p.clear_child_tid(), 1472);
    c.value("task_struct.worker_private", p.worker_private(), 1480);
    c.value("task_struct.utime", p.utime(), 1488);
    c.value("task_struct.stime", p.stime(), 1496);
    c.value("task_struct.gtime", p.gtime(), 1504);
    c.embedded("task_struct.prev_cputime", p.prev_cputime().map(|h| h.map(Ptr::addr)), 1512);
    c.value("task_struct.nvcsw", p.nvcsw(), 1536);
    c.value("task_struct.nivcsw", p.nivcsw(), 1544);
    c.value("task_struct.start_time", p.start_time(), 1552);
    c.value("task_struct.start_boottime", p.start_boottime(), 1560);
    c.value("task_struct.min_flt", p.min_flt(), 1568);
    c.value("task_struct.maj_flt", p.maj_flt(), 1576);
    c.embedded("task_struct.posix_cputimers", p.posix_cputimers().map(|h| h.map(Ptr::addr)), 1584);
    c.embedded("task_struct.posix_cputimers_work", p.posix_cputimers_work().map(|h| h.map(Ptr::addr)), 1664);
    c.value("task_struct.ptracer_cred", p.ptracer_cred(), 1720);
    c.value("task_struct.real_cred", p.real_cred(), 1728);
    c.value("task_struct.cred", p.cred(), 1736);
    c.value("task_struct.cached_requested_key", p.cached_requested_key(), 1744);
    c.value("task_struct.comm", p.comm(), 1752);
    c.value("task_struct.nameidata", p.nameidata(), 1768);
    c.embedded("task_struct.sysvsem", p.sysvsem().map(|h| h.map(Ptr::addr)), 1776);
    c.embedded("task_struct.sysvshm", p.sysvshm().map(|h| h.map(Ptr::addr)), 1784);
    c.value("task_struct.last_switch_count", p.last_switch_count(), 1800);
    c.value("task_struct.last_switch_time", p.last_switch_time(), 1808);
    c.value("task_struct.fs", p.fs(), 1816);
    c.value("task_struct.files", p.files(), 1824);
    c.value("task_struct.io_uring", p.io_uring(), 1832);
    c.value("task_struct.nsproxy", p.nsproxy(), 1840);
    c.value("task_struct.signal", p.signal(), 1848);
    c.value("task_struct.sighand", p.sighand(), 1856);
    c.embedded("task_struct.blocked", p.blocked().map(|h| h.map(Ptr::addr)), 1864);
    c.value("task_struct.blocked.sig", p.blocked().and_get(|h| h.sig()), 1864);
    c.embedded("task_struct.real_blocked", p.real_blocked().map(|h| h.map(Ptr::addr)), 1872);
    c.value("task_struct.real_blocked.sig", p.real_blocked().and_get(|h| h.sig()), 1872);
    c.embedded("task_struct.saved_sigmask", p.saved_sigmask().map(|h| h.map(Ptr::addr)), 1880);
    c.value("task_struct.saved_sigmask.sig", p.saved_sigmask().and_get(|h| h.sig()), 1880);
    c.embedded("task_struct.pending", p.pending().map(|h| h.map(Ptr::addr)), 1888);
    c.value("task_struct.sas_ss_sp", p.sas_ss_sp(), 1912);
    c.value("task_struct.sas_ss_size", p.sas_ss_size(), 1920);
    c.value("task_struct.sas_ss_flags", p.sas_ss_flags(), 1928);
    c.value("task_struct.task_works", p.task_works(), 1936);
    c.value("task_struct.audit_context", p.audit_context(), 1944);
    c.embedded("task_struct.loginuid", p.loginuid().map(|h| h.map(Ptr::addr)), 1952);
    c.value("task_struct.loginuid.val", p.loginuid().and_get(|h| h.val()), 1952);
    c.value("task_struct.sessionid", p.sessionid(), 1956);
    c.embedded("task_struct.seccomp", p.seccomp().map(|h| h.map(Ptr::addr)), 1960);
    c.embedded("task_struct.syscall_dispatch", p.syscall_dispatch().map(|h| h.map(Ptr::addr)), 1976);
    c.value("task_struct.parent_exec_id", p.parent_exec_id(), 2008);
    c.value("task_struct.self_exec_id", p.self_exec_id(), 2016);
    c.embedded("task_struct.alloc_lock", p.alloc_lock().map(|h| h.map(Ptr::addr)), 2024);
    c.embedded("task_struct.pi_lock", p.pi_lock().map(|h| h.map(Ptr::addr)), 2028);
    c.embedded("task_struct.wake_q", p.wake_q().map(|h| h.map(Ptr::addr)), 2032);
    c.embedded("task_struct.pi_waiters", p.pi_waiters().map(|h| h.map(Ptr::addr)), 2040);
    c.value("task_struct.pi_top_task", p.pi_top_task(), 2056);
    c.value("task_struct.pi_blocked_on", p.pi_blocked_on(), 2064);
    c.value("task_struct.blocked_on", p.blocked_on(), 2072);
    c.value("task_struct.blocker", p.blocker(), 2080);
    c.value("task_struct.journal_info", p.journal_info(), 2088);
    c.value("task_struct.bio_list", p.bio_list(), 2096);
    c.value("task_struct.plug", p.plug(), 2104);
    c.value("task_struct.reclaim_state", p.reclaim_state(), 2112);
    c.value("task_struct.io_context", p.io_context(), 2120);
    c.value("task_struct.capture_control", p.capture_control(), 2128);
    c.value("task_struct.ptrace_message", p.ptrace_message(), 2136);
    c.value("task_struct.last_siginfo", p.last_siginfo(), 2144);
    c.embedded("task_struct.ioac", p.ioac().map(|h| h.map(Ptr::addr)), 2152);
    c.value("task_struct.psi_flags", p.psi_flags(), 2208);
    c.value("task_struct.acct_rss_mem1", p.acct_rss_mem1(), 2216);
    c.value("task_struct.acct_vm_mem1", p.acct_vm_mem1(), 2224);
    c.value("task_struct.acct_timexpd", p.acct_timexpd(), 2232);
    c.embedded("task_struct.mems_allowed", p.mems_allowed().map(|h| h.map(Ptr::addr)), 2240);
    c.value("task_struct.mems_allowed.bits", p.mems_allowed().and_get(|h| h.bits()), 2240);
    c.embedded("task_struct.mems_allowed_seq", p.mems_allowed_seq().map(|h| h.map(Ptr::addr)), 2368);
    c.value("task_struct.cpuset_mem_spread_rotor", p.cpuset_mem_spread_rotor(), 2372);
    c.value("task_struct.cgroups", p.cgroups(), 2376);
    c.embedded("task_struct.cg_list", p.cg_list().map(|h| h.map(Ptr::addr)), 2384);
    c.value("task_struct.robust_list", p.robust_list(), 2400);
    c.value("task_struct.compat_robust_list", p.compat_robust_list(), 2408);
    c.embedded("task_struct.pi_state_list", p.pi_state_list().map(|h| h.map(Ptr::addr)), 2416);
    c.value("task_struct.pi_state_cache", p.pi_state_cache(), 2432);
    c.embedded("task_struct.futex_exit_mutex", p.futex_exit_mutex().map(|h| h.map(Ptr::addr)), 2440);
    c.value("task_struct.futex_state", p.futex_state(), 2472);
    c.value("task_struct.perf_recursion", p.perf_recursion(), 2476);
    c.value("task_struct.perf_event_ctxp", p.perf_event_ctxp(), 2480);
    c.embedded("task_struct.perf_event_mutex", p.perf_event_mutex().map(|h| h.map(Ptr::addr)), 2488);
    c.embedded("task_struct.perf_event_list", p.perf_event_list().map(|h| h.map(Ptr::addr)), 2520);
    c.value("task_struct.perf_ctx_data", p.perf_ctx_data(), 2536);
    c.value("task_struct.mempolicy", p.mempolicy(), 2544);
    c.value("task_struct.il_prev", p.il_prev(), 2552);
    c.value("task_struct.il_weight", p.il_weight(), 2554);
    c.value("task_struct.pref_node_fork", p.pref_node_fork(), 2556);
    c.value("task_struct.numa_scan_seq", p.numa_scan_seq(), 2560);
    c.value("task_struct.numa_scan_period", p.numa_scan_period(), 2564);
    c.value("task_struct.numa_scan_period_max", p.numa_scan_period_max(), 2568);
    c.value("task_struct.numa_preferred_nid", p.numa_preferred_nid(), 2572);
    c.value("task_struct.numa_migrate_retry", p.numa_migrate_retry(), 2576);
    c.value("task_struct.node_stamp", p.node_stamp(), 2584);
    c.value("task_struct.last_task_numa_placement", p.last_task_numa_placement(), 2592);
    c.value("task_struct.last_sum_exec_runtime", p.last_sum_exec_runtime(), 2600);
    c.embedded("task_struct.numa_work", p.numa_work().map(|h| h.map(Ptr::addr)), 2608);
    c.value("task_struct.numa_group", p.numa_group(), 2624);
    c.value("task_struct.numa_faults", p.numa_faults(), 2632);
    c.value("task_struct.total_numa_faults", p.total_numa_faults(), 2640);
    c.value("task_struct.numa_faults_locality", p.numa_faults_locality(), 2648);
    c.value("task_struct.numa_pages_migrated", p.numa_pages_migrated(), 2672);
    c.value("task_struct.rseq", p.rseq(), 2680);
    c.value("task_struct.rseq_len", p.rseq_len(), 2688);
    c.value("task_struct.rseq_sig", p.rseq_sig(), 2692);
    c.value("task_struct.rseq_event_mask", p.rseq_event_mask(), 2696);
    c.value("task_struct.mm_cid", p.mm_cid(), 2704);
    c.value("task_struct.last_mm_cid", p.last_mm_cid(), 2708);
    c.value("task_struct.migrate_from_cpu", p.migrate_from_cpu(), 2712);
    c.value("task_struct.mm_cid_active", p.mm_cid_active(), 2716);
    c.embedded("task_struct.cid_work", p.cid_work().map(|h| h.map(Ptr::addr)), 2720);
    c.embedded("task_struct.tlb_ubc", p.tlb_ubc().map(|h| h.map(Ptr::addr)), 2736);
    c.value("task_struct.splice_pipe", p.splice_pipe(), 2784);
    c.embedded("task_struct.task_frag", p.task_frag().map(|h| h.map(Ptr::addr)), 2792);
    c.value("task_struct.delays", p.delays(), 2808);
    c.value("task_struct.nr_dirtied", p.nr_dirtied(), 2816);
    c.value("task_struct.nr_dirtied_pause", p.nr_dirtied_pause(), 2820);
    c.value("task_struct.dirty_paused_when", p.dirty_paused_when(), 2824);
    c.value("task_struct.timer_slack_ns", p.timer_slack_ns(), 2832);
    c.value("task_struct.default_timer_slack_ns", p.default_timer_slack_ns(), 2840);
    c.value("task_struct.trace_recursion", p.trace_recursion(), 2848);
    c.value("task_struct.memcg_in_oom", p.memcg_in_oom(), 2856);
    c.value("task_struct.memcg_nr_pages_over_high", p.memcg_nr_pages_over_high(), 2864);
    c.value("task_struct.active_memcg", p.active_memcg(), 2872);
    c.value("task_struct.objcg", p.objcg(), 2880);
    c.value("task_struct.throttle_disk", p.throttle_disk(), 2888);
    c.value("task_struct.utask", p.utask(), 2896);
    c.embedded("task_struct.kmap_ctrl", p.kmap_ctrl().map(|h| h.map(Ptr::addr)), 2904);
    c.embedded("task_struct.rcu", p.rcu().map(|h| h.map(Ptr::addr)), 2904);
    c.embedded("task_struct.rcu_users", p.rcu_users().map(|h| h.map(Ptr::addr)), 2920);
    c.value("task_struct.pagefault_disabled", p.pagefault_disabled(), 2924);
    c.value("task_struct.oom_reaper_list", p.oom_reaper_list(), 2928);
    c.embedded("task_struct.oom_reaper_timer", p.oom_reaper_timer().map(|h| h.map(Ptr::addr)), 2936);
    c.value("task_struct.stack_vm_area", p.stack_vm_area(), 2976);
    c.embedded("task_struct.stack_refcount", p.stack_refcount().map(|h| h.map(Ptr::addr)), 2984);
    c.value("task_struct.security", p.security(), 2992);
    c.value("task_struct.bpf_storage", p.bpf_storage(), 3000);
    c.value("task_struct.bpf_ctx", p.bpf_ctx(), 3008);
    c.value("task_struct.bpf_net_context", p.bpf_net_context(), 3016);
    c.value("task_struct.kstack_offset", p.kstack_offset(), 3024);
    c.embedded("task_struct.l1d_flush_kill", p.l1d_flush_kill().map(|h| h.map(Ptr::addr)), 3032);
    c.embedded("task_struct.unwind_info", p.unwind_info().map(|h| h.map(Ptr::addr)), 3048);
    c.embedded("task_struct.thread", p.thread().map(|h| h.map(Ptr::addr)), 3088);
}

fn check_cred(c: &mut Checker) {
    let _sim = c.install(184);
    let p = KernelPtr::<cred>::from_addr(BASE);
    c.offset("cred.usage", cred::usage_byte_offset(), cred::usage_byte_size(), 0, 8);
    c.offset("cred.uid", cred::uid_byte_offset(), cred::uid_byte_size(), 8, 4);
    c.offset("cred.gid", cred::gid_byte_offset(), cred::gid_byte_size(), 12, 4);
    c.offset("cred.suid", cred::suid_byte_offset(), cred::suid_byte_size(), 16, 4);
    c.offset("cred.sgid", cred::sgid_byte_offset(), cred::sgid_byte_size(), 20, 4);
    c.offset("cred.euid", cred::euid_byte_offset(), cred::euid_byte_size(), 24, 4);
    c.offset("cred.egid", cred::egid_byte_offset(), cred::egid_byte_size(), 28, 4);
    c.offset("cred.fsuid", cred::fsuid_byte_offset(), cred::fsuid_byte_size(), 32, 4);
    c.offset("cred.fsgid", cred::fsgid_byte_offset(), cred::fsgid_byte_size(), 36, 4);
    c.offset("cred.securebits", cred::securebits_byte_offset(), cred::securebits_byte_size(), 40, 4);
    c.offset("cred.cap_inheritable", cred::cap_inheritable_byte_offset(), cred::cap_inheritable_byte_size(), 48, 8);
    c.offset("cred.cap_permitted", cred::cap_permitted_byte_offset(), cred::cap_permitted_byte_size(), 56, 8);
    c.offset("cred.cap_effective", cred::cap_effective_byte_offset(), cred::cap_effective_byte_size(), 64, 8);
    c.offset("cred.cap_bset", cred::cap_bset_byte_offset(), cred::cap_bset_byte_size(), 72, 8);
    c.offset("cred.cap_ambient", cred::cap_ambient_byte_offset(), cred::cap_ambient_byte_size(), 80, 8);
    c.offset("cred.jit_keyring", cred::jit_keyring_byte_offset(), cred::jit_keyring_byte_size(), 88, 1);
    c.offset("cred.session_keyring", cred::session_keyring_byte_offset(), cred::session_keyring_byte_size(), 96, 8);
    c.offset("cred.process_keyring", cred::process_keyring_byte_offset(), cred::process_keyring_byte_size(), 104, 8);
    c.offset("cred.thread_keyring", cred::thread_keyring_byte_offset(), cred::thread_keyring_byte_size(), 112, 8);
    c.offset("cred.request_key_auth", cred::request_key_auth_byte_offset(), cred::request_key_auth_byte_size(), 120, 8);
    c.offset("cred.security", cred::security_byte_offset(), cred::security_byte_size(), 128, 8);
    c.offset("cred.user", cred::user_byte_offset(), cred::user_byte_size(), 136, 8);
    c.offset("cred.user_ns", cred::user_ns_byte_offset(), cred::user_ns_byte_size(), 144, 8);
    c.offset("cred.ucounts", cred::ucounts_byte_offset(), cred::ucounts_byte_size(), 152, 8);
    c.offset("cred.group_info", cred::group_info_byte_offset(), cred::group_info_byte_size(), 160, 8);
    c.offset("cred.non_rcu", cred::non_rcu_byte_offset(), cred::non_rcu_byte_size(), 168, 4);
    c.offset("cred.rcu", cred::rcu_byte_offset(), cred::rcu_byte_size(), 168, 16);
    c.embedded("cred.usage", p.usage().map(|h| h.map(Ptr::addr)), 0);
    c.value("cred.usage.counter", p.usage().and_get(|h| h.counter()), 0);
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
    c.value("cred.securebits", p.securebits(), 40);
    c.embedded("cred.cap_inheritable", p.cap_inheritable().map(|h| h.map(Ptr::addr)), 48);
    c.value("cred.cap_inheritable.val", p.cap_inheritable().and_get(|h| h.val()), 48);
    c.embedded("cred.cap_permitted", p.cap_permitted().map(|h| h.map(Ptr::addr)), 56);
    c.value("cred.cap_permitted.val", p.cap_permitted().and_get(|h| h.val()), 56);
    c.embedded("cred.cap_effective", p.cap_effective().map(|h| h.map(Ptr::addr)), 64);
    c.value("cred.cap_effective.val", p.cap_effective().and_get(|h| h.val()), 64);
    c.embedded("cred.cap_bset", p.cap_bset().map(|h| h.map(Ptr::addr)), 72);
    c.value("cred.cap_bset.val", p.cap_bset().and_get(|h| h.val()), 72);
    c.embedded("cred.cap_ambient", p.cap_ambient().map(|h| h.map(Ptr::addr)), 80);
    c.value("cred.cap_ambient.val", p.cap_ambient().and_get(|h| h.val()), 80);
    c.value("cred.jit_keyring", p.jit_keyring(), 88);
    c.value("cred.session_keyring", p.session_keyring(), 96);
    c.value("cred.process_keyring", p.process_keyring(), 104);
    c.value("cred.thread_keyring", p.thread_keyring(), 112);
    c.value("cred.request_key_auth", p.request_key_auth(), 120);
    c.value("cred.security", p.security(), 128);
    c.value("cred.user", p.user(), 136);
    c.value("cred.user_ns", p.user_ns(), 144);
    c.value("cred.ucounts", p.ucounts(), 152);
    c.value("cred.group_info", p.group_info(), 160);
    c.value("cred.non_rcu", p.non_rcu(), 168);
    c.embedded("cred.rcu", p.rcu().map(|h| h.map(Ptr::addr)), 168);
}

fn check_mm_struct(c: &mut Checker) {
    let _sim = c.install(1472);
    let p = KernelPtr::<mm_struct>::from_addr(BASE);
    c.offset("mm_struct.mm_count", mm_struct::mm_count_byte_offset(), mm_struct::mm_count_byte_size(), 0, 4);
    c.offset("mm_struct.mm_mt", mm_struct::mm_mt_byte_offset(), mm_struct::mm_mt_byte_size(), 64, 16);
    c.offset("mm_struct.mmap_base", mm_struct::mmap_base_byte_offset(), mm_struct::mmap_base_byte_size(), 80, 8);
    c.offset("mm_struct.mmap_legacy_base", mm_struct::mmap_legacy_base_byte_offset(), mm_struct::mmap_legacy_base_byte_size(), 88, 8);
    c.offset("mm_struct.mmap_compat_base", mm_struct::mmap_compat_base_byte_offset(), mm_struct::mmap_compat_base_byte_size(), 96, 8);
    c.offset("mm_struct.mmap_compat_legacy_base", mm_struct::mmap_compat_legacy_base_byte_offset(), mm_struct::mmap_compat_legacy_base_byte_size(), 104, 8);
    c.offset("mm_struct.task_size", mm_struct::task_size_byte_offset(), mm_struct::task_size_byte_size(), 112, 8);
    c.offset("mm_struct.pgd", mm_struct::pgd_byte_offset(), mm_struct::pgd_byte_size(), 120, 8);
    c.offset("mm_struct.membarrier_state", mm_struct::membarrier_state_byte_offset(), mm_struct::membarrier_state_byte_size(), 128, 4);
    c.offset("mm_struct.mm_users", mm_struct::mm_users_byte_offset(), mm_struct::mm_users_byte_size(), 132, 4);
    c.offset("mm_struct.pcpu_cid", mm_struct::pcpu_cid_byte_offset(), mm_struct::pcpu_cid_byte_size(), 136, 8);
    c.offset("mm_struct.mm_cid_next_scan", mm_struct::mm_cid_next_scan_byte_offset(), mm_struct::mm_cid_next_scan_byte_size(), 144, 8);
    c.offset("mm_struct.nr_cpus_allowed", mm_struct::nr_cpus_allowed_byte_offset(), mm_struct::nr_cpus_allowed_byte_size(), 152, 4);
    c.offset("mm_struct.max_nr_cid", mm_struct::max_nr_cid_byte_offset(), mm_struct::max_nr_cid_byte_size(), 156, 4);
    c.offset("mm_struct.cpus_allowed_lock", mm_struct::cpus_allowed_lock_byte_offset(), mm_struct::cpus_allowed_lock_byte_size(), 160, 4);
    c.offset("mm_struct.pgtables_bytes", mm_struct::pgtables_bytes_byte_offset(), mm_struct::pgtables_bytes_byte_size(), 168, 8);
    c.offset("mm_struct.map_count", mm_struct::map_count_byte_offset(), mm_struct::map_count_byte_size(), 176, 4);
    c.offset("mm_struct.page_table_lock", mm_struct::page_table_lock_byte_offset(), mm_struct::page_table_lock_byte_size(), 180, 4);
    c.offset("mm_struct.mmap_lock", mm_struct::mmap_lock_byte_offset(), mm_struct::mmap_lock_byte_size(), 184, 40);
    c.offset("mm_struct.mmlist", mm_struct::mmlist_byte_offset(), mm_struct::mmlist_byte_size(), 224, 16);
    c.offset("mm_struct.vma_writer_wait", mm_struct::vma_writer_wait_byte_offset(), mm_struct::vma_writer_wait_byte_size(), 240, 8);
    c.offset("mm_struct.mm_lock_seq", mm_struct::mm_lock_seq_byte_offset(), mm_struct::mm_lock_seq_byte_size(), 248, 4);
    c.offset("mm_struct.futex_unique_id", mm_struct::futex_unique_id_byte_offset(), mm_struct::futex_unique_id_byte_size(), 256, 8);
    c.offset("mm_struct.futex_hash_lock", mm_struct::futex_hash_lock_byte_offset(), mm_struct::futex_hash_lock_byte_size(), 264, 32);
    c.offset("mm_struct.futex_phash", mm_struct::futex_phash_byte_offset(), mm_struct::futex_phash_byte_size(), 296, 8);
    c.offset("mm_struct.futex_phash_new", mm_struct::futex_phash_new_byte_offset(), mm_struct::futex_phash_new_byte_size(), 304, 8);
    c.offset("mm_struct.futex_batches", mm_struct::futex_batches_byte_offset(), mm_struct::futex_batches_byte_size(), 312, 8);
    c.offset("mm_struct.futex_rcu", mm_struct::futex_rcu_byte_offset(), mm_struct::futex_rcu_byte_size(), 320, 16);
    c.offset("mm_struct.futex_atomic", mm_struct::futex_atomic_byte_offset(), mm_struct::futex_atomic_byte_size(), 336, 8);
    c.offset("mm_struct.futex_ref", mm_struct::futex_ref_byte_offset(), mm_struct::futex_ref_byte_size(), 344, 8);
    c.offset("mm_struct.hiwater_rss", mm_struct::hiwater_rss_byte_offset(), mm_struct::hiwater_rss_byte_size(), 352, 8);
    c.offset("mm_struct.hiwater_vm", mm_struct::hiwater_vm_byte_offset(), mm_struct::hiwater_vm_byte_size(), 360, 8);
    c.offset("mm_struct.total_vm", mm_struct::total_vm_byte_offset(), mm_struct::total_vm_byte_size(), 368, 8);
    c.offset("mm_struct.locked_vm", mm_struct::locked_vm_byte_offset(), mm_struct::locked_vm_byte_size(), 376, 8);
    c.offset("mm_struct.pinned_vm", mm_struct::pinned_vm_byte_offset(), mm_struct::pinned_vm_byte_size(), 384, 8);
    c.offset("mm_struct.data_vm", mm_struct::data_vm_byte_offset(), mm_struct::data_vm_byte_size(), 392, 8);
    c.offset("mm_struct.exec_vm", mm_struct::exec_vm_byte_offset(), mm_struct::exec_vm_byte_size(), 400, 8);
    c.offset("mm_struct.stack_vm", mm_struct::stack_vm_byte_offset(), mm_struct::stack_vm_byte_size(), 408, 8);
    c.offset("mm_struct.def_flags", mm_struct::def_flags_byte_offset(), mm_struct::def_flags_byte_size(), 416, 8);
    c.offset("mm_struct.write_protect_seq", mm_struct::write_protect_seq_byte_offset(), mm_struct::write_protect_seq_byte_size(), 424, 4);
    c.offset("mm_struct.arg_lock", mm_struct::arg_lock_byte_offset(), mm_struct::arg_lock_byte_size(), 428, 4);
    c.offset("mm_struct.start_code", mm_struct::start_code_byte_offset(), mm_struct::start_code_byte_size(), 432, 8);
    c.offset("mm_struct.end_code", mm_struct::end_code_byte_offset(), mm_struct::end_code_byte_size(), 440, 8);
    c.offset("mm_struct.start_data", mm_struct::start_data_byte_offset(), mm_struct::start_data_byte_size(), 448, 8);
    c.offset("mm_struct.end_data", mm_struct::end_data_byte_offset(), mm_struct::end_data_byte_size(), 456, 8);
    c.offset("mm_struct.start_brk", mm_struct::start_brk_byte_offset(), mm_struct::start_brk_byte_size(), 464, 8);
    c.offset("mm_struct.brk", mm_struct::brk_byte_offset(), mm_struct::brk_byte_size(), 472, 8);
    c.offset("mm_struct.start_stack", mm_struct::start_stack_byte_offset(), mm_struct::start_stack_byte_size(), 480, 8);
    c.offset("mm_struct.arg_start", mm_struct::arg_start_byte_offset(), mm_struct::arg_start_byte_size(), 488, 8);
    c.offset("mm_struct.arg_end", mm_struct::arg_end_byte_offset(), mm_struct::arg_end_byte_size(), 496, 8);
    c.offset("mm_struct.env_start", mm_struct::env_start_byte_offset(), mm_struct::env_start_byte_size(), 504, 8);
    c.offset("mm_struct.env_end", mm_struct::env_end_byte_offset(), mm_struct::env_end_byte_size(), 512, 8);
    c.offset("mm_struct.saved_auxv", mm_struct::saved_auxv_byte_offset(), mm_struct::saved_auxv_byte_size(), 520, 448);
    c.offset("mm_struct.rss_stat", mm_struct::rss_stat_byte_offset(), mm_struct::rss_stat_byte_size(), 968, 160);
    c.offset("mm_struct.binfmt", mm_struct::binfmt_byte_offset(), mm_struct::binfmt_byte_size(), 1128, 8);
    c.offset("mm_struct.context", mm_struct::context_byte_offset(), mm_struct::context_byte_size(), 1136, 144);
    c.offset("mm_struct.flags", mm_struct::flags_byte_offset(), mm_struct::flags_byte_size(), 1280, 8);
    c.offset("mm_struct.ioctx_lock", mm_struct::ioctx_lock_byte_offset(), mm_struct::ioctx_lock_byte_size(), 1288, 4);
    c.offset("mm_struct.ioctx_table", mm_struct::ioctx_table_byte_offset(), mm_struct::ioctx_table_byte_size(), 1296, 8);
    c.offset("mm_struct.owner", mm_struct::owner_byte_offset(), mm_struct::owner_byte_size(), 1304, 8);
    c.offset("mm_struct.user_ns", mm_struct::user_ns_byte_offset(), mm_struct::user_ns_byte_size(), 1312, 8);
    c.offset("mm_struct.exe_file", mm_struct::exe_file_byte_offset(), mm_struct::exe_file_byte_size(), 1320, 8);
    c.offset("mm_struct.notifier_subscriptions", mm_struct::notifier_subscriptions_byte_offset(), mm_struct::notifier_subscriptions_byte_size(), 1328, 8);
    c.offset("mm_struct.numa_next_scan", mm_struct::numa_next_scan_byte_offset(), mm_struct::numa_next_scan_byte_size(), 1336, 8);
    c.offset("mm_struct.numa_scan_offset", mm_struct::numa_scan_offset_byte_offset(), mm_struct::numa_scan_offset_byte_size(), 1344, 8);
    c.offset("mm_struct.numa_scan_seq", mm_struct::numa_scan_seq_byte_offset(), mm_struct::numa_scan_seq_byte_size(), 1352, 4);
    c.offset("mm_struct.tlb_flush_pending", mm_struct::tlb_flush_pending_byte_offset(), mm_struct::tlb_flush_pending_byte_size(), 1356, 4);
    c.offset("mm_struct.tlb_flush_batched", mm_struct::tlb_flush_batched_byte_offset(), mm_struct::tlb_flush_batched_byte_size(), 1360, 4);
    c.offset("mm_struct.uprobes_state", mm_struct::uprobes_state_byte_offset(), mm_struct::uprobes_state_byte_size(), 1368, 16);
    c.offset("mm_struct.hugetlb_usage", mm_struct::hugetlb_usage_byte_offset(), mm_struct::hugetlb_usage_byte_size(), 1384, 8);
    c.offset("mm_struct.async_put_work", mm_struct::async_put_work_byte_offset(), mm_struct::async_put_work_byte_size(), 1392, 32);
    c.offset("mm_struct.ksm_merging_pages", mm_struct::ksm_merging_pages_byte_offset(), mm_struct::ksm_merging_pages_byte_size(), 1424, 8);
    c.offset("mm_struct.ksm_rmap_items", mm_struct::ksm_rmap_items_byte_offset(), mm_struct::ksm_rmap_items_byte_size(), 1432, 8);
    c.offset("mm_struct.ksm_zero_pages", mm_struct::ksm_zero_pages_byte_offset(), mm_struct::ksm_zero_pages_byte_size(), 1440, 8);
    c.offset("mm_struct.mm_id", mm_struct::mm_id_byte_offset(), mm_struct::mm_id_byte_size(), 1448, 4);
    c.offset("mm_struct.cpu_bitmap", mm_struct::cpu_bitmap_byte_offset(), mm_struct::cpu_bitmap_byte_size(), 1472, 0);
    c.embedded("mm_struct.mm_count", p.mm_count().map(|h| h.map(Ptr::addr)), 0);
    c.value("mm_struct.mm_count.counter", p.mm_count().and_get(|h| h.counter()), 0);
    c.embedded("mm_struct.mm_mt", p.mm_mt().map(|h| h.map(Ptr::addr)), 64);
    c.value("mm_struct.mmap_base", p.mmap_base(), 80);
    c.value("mm_struct.mmap_legacy_base", p.mmap_legacy_base(), 88);
    c.value("mm_struct.mmap_compat_base", p.mmap_compat_base(), 96);
    c.value("mm_struct.mmap_compat_legacy_base", p.mmap_compat_legacy_base(), 104);
    c.value("mm_struct.task_size", p.task_size(), 112);
    c.value("mm_struct.pgd", p.pgd(), 120);
    c.embedded("mm_struct.membarrier_state", p.membarrier_state().map(|h| h.map(Ptr::addr)), 128);
    c.value("mm_struct.membarrier_state.counter", p.membarrier_state().and_get(|h| h.counter()), 128);
    c.embedded("mm_struct.mm_users", p.mm_users().map(|h| h.map(Ptr::addr)), 132);
    c.value("mm_struct.mm_users.counter", p.mm_users().and_get(|h| h.counter()), 132);
    c.value("mm_struct.pcpu_cid", p.pcpu_cid(), 136);
    c.value("mm_struct.mm_cid_next_scan", p.mm_cid_next_scan(), 144);
    c.value("mm_struct.nr_cpus_allowed", p.nr_cpus_allowed(), 152);
    c.embedded("mm_struct.max_nr_cid", p.max_nr_cid().map(|h| h.map(Ptr::addr)), 156);
    c.value("mm_struct.max_nr_cid.counter", p.max_nr_cid().and_get(|h| h.counter()), 156);
    c.embedded("mm_struct.cpus_allowed_lock", p.cpus_allowed_lock().map(|h| h.map(Ptr::addr)), 160);
    c.embedded("mm_struct.pgtables_bytes", p.pgtables_bytes().map(|h| h.map(Ptr::addr)), 168);
    c.value("mm_struct.pgtables_bytes.counter", p.pgtables_bytes().and_get(|h| h.counter()), 168);
    c.value("mm_struct.map_count", p.map_count(), 176);
    c.embedded("mm_struct.page_table_lock", p.page_table_lock().map(|h| h.map(Ptr::addr)), 180);
    c.embedded("mm_struct.mmap_lock", p.mmap_lock().map(|h| h.map(Ptr::addr)), 184);
    c.embedded("mm_struct.mmlist", p.mmlist().map(|h| h.map(Ptr::addr)), 224);
    c.embedded("mm_struct.vma_writer_wait", p.vma_writer_wait().map(|h| h.map(Ptr::addr)), 240);
    c.embedded("mm_struct.mm_lock_seq", p.mm_lock_seq().map(|h| h.map(Ptr::addr)), 248);
    c.embedded("mm_struct.futex_unique_id", p.futex_unique_id().map(|h| h.map(Ptr::addr)), 256);
    c.value("mm_struct.futex_unique_id.counter", p.futex_unique_id().and_get(|h| h.counter()), 256);
    c.embedded("mm_struct.futex_hash_lock", p.futex_hash_lock().map(|h| h.map(Ptr::addr)), 264);
    c.value("mm_struct.futex_phash", p.futex_phash(), 296);
    c.value("mm_struct.futex_phash_new", p.futex_phash_new(), 304);
    c.value("mm_struct.futex_batches", p.futex_batches(), 312);
    c.embedded("mm_struct.futex_rcu", p.futex_rcu().map(|h| h.map(Ptr::addr)), 320);
    c.embedded("mm_struct.futex_atomic", p.futex_atomic().map(|h| h.map(Ptr::addr)), 336);
    c.value("mm_struct.futex_atomic.counter", p.futex_atomic().and_get(|h| h.counter()), 336);
    c.value("mm_struct.futex_ref", p.futex_ref(), 344);
    c.value("mm_struct.hiwater_rss", p.hiwater_rss(), 352);
    c.value("mm_struct.hiwater_vm", p.hiwater_vm(), 360);
    c.value("mm_struct.total_vm", p.total_vm(), 368);
    c.value("mm_struct.locked_vm", p.locked_vm(), 376);
    c.embedded("mm_struct.pinned_vm", p.pinned_vm().map(|h| h.map(Ptr::addr)), 384);
    c.value("mm_struct.pinned_vm.counter", p.pinned_vm().and_get(|h| h.counter()), 384);
    c.value("mm_struct.data_vm", p.data_vm(), 392);
    c.value("mm_struct.exec_vm", p.exec_vm(), 400);
    c.value("mm_struct.stack_vm", p.stack_vm(), 408);
    c.value("mm_struct.def_flags", p.def_flags(), 416);
    c.embedded("mm_struct.write_protect_seq", p.write_protect_seq().map(|h| h.map(Ptr::addr)), 424);
    c.embedded("mm_struct.arg_lock", p.arg_lock().map(|h| h.map(Ptr::addr)), 428);
    c.value("mm_struct.start_code", p.start_code(), 432);
    c.value("mm_struct.end_code", p.end_code(), 440);
    c.value("mm_struct.start_data", p.start_data(), 448);
    c.value("mm_struct.end_data", p.end_data(), 456);
    c.value("mm_struct.start_brk", p.start_brk(), 464);
    c.value("mm_struct.brk", p.brk(), 472);
    c.value("mm_struct.start_stack", p.start_stack(), 480);
    c.value("mm_struct.arg_start", p.arg_start(), 488);
    c.value("mm_struct.arg_end", p.arg_end(), 496);
    c.value("mm_struct.env_start", p.env_start(), 504);
    c.value("mm_struct.env_end", p.env_end(), 512);
    c.value("mm_struct.saved_auxv", p.saved_auxv(), 520);
    c.value("mm_struct.binfmt", p.binfmt(), 1128);
    c.embedded("mm_struct.context", p.context().map(|h| h.map(Ptr::addr)), 1136);
    c.value("mm_struct.context.ctx_id", p.context().and_get(|h| h.ctx_id()), 1136);
    c.embedded("mm_struct.context.tlb_gen", p.context().and_get(|h| h.tlb_gen()).map(|h| h.map(Ptr::addr)), 1144);
    c.value("mm_struct.context.tlb_gen.counter", p.context().and_get(|h| h.tlb_gen()).and_get(|h| h.counter()), 1144);
    c.value("mm_struct.context.next_trim_cpumask", p.context().and_get(|h| h.next_trim_cpumask()), 1152);
    c.embedded("mm_struct.context.ldt_usr_sem", p.context().and_get(|h| h.ldt_usr_sem()).map(|h| h.map(Ptr::addr)), 1160);
    c.value("mm_struct.context.ldt", p.context().and_get(|h| h.ldt()), 1200);
    c.value("mm_struct.context.flags", p.context().and_get(|h| h.flags()), 1208);
    c.embedded("mm_struct.context.lock", p.context().and_get(|h| h.lock()).map(|h| h.map(Ptr::addr)), 1216);
    c.value("mm_struct.context.vdso", p.context().and_get(|h| h.vdso()), 1248);
    c.value("mm_struct.context.vdso_image", p.context().and_get(|h| h.vdso_image()), 1256);
    c.embedded("mm_struct.context.perf_rdpmc_allowed", p.context().and_get(|h| h.perf_rdpmc_allowed()).map(|h| h.map(Ptr::addr)), 1264);
    c.value("mm_struct.context.perf_rdpmc_allowed.counter", p.context().and_get(|h| h.perf_rdpmc_allowed()).and_get(|h| h.counter()), 1264);
    c.value("mm_struct.context.pkey_allocation_map", p.context().and_get(|h| h.pkey_allocation_map()), 1268);
    c.value("mm_struct.context.execute_only_pkey", p.context().and_get(|h| h.execute_only_pkey()), 1270);
    c.value("mm_struct.context.global_asid", p.context().and_get(|h| h.global_asid()), 1272);
    c.value("mm_struct.context.asid_transition", p.context().and_get(|h| h.asid_transition()), 1274);
    c.embedded("mm_struct.flags", p.flags().map(|h| h.map(Ptr::addr)), 1280);
    c.value("mm_struct.flags.__mm_flags", p.flags().and_get(|h| h.__mm_flags()), 1280);
    c.embedded("mm_struct.ioctx_lock", p.ioctx_lock().map(|h| h.map(Ptr::addr)), 1288);
    c.value("mm_struct.ioctx_table", p.ioctx_table(), 1296);
    c.value("mm_struct.owner", p.owner(), 1304);
    c.value("mm_struct.user_ns", p.user_ns(), 1312);
    c.value("mm_struct.exe_file", p.exe_file(), 1320);
    c.value("mm_struct.notifier_subscriptions", p.notifier_subscriptions(), 1328);
    c.value("mm_struct.numa_next_scan", p.numa_next_scan(), 1336);
    c.value("mm_struct.numa_scan_offset", p.numa_scan_offset(), 1344);
    c.value("mm_struct.numa_scan_seq", p.numa_scan_seq(), 1352);
    c.embedded("mm_struct.tlb_flush_pending", p.tlb_flush_pending().map(|h| h.map(Ptr::addr)), 1356);
    c.value("mm_struct.tlb_flush_pending.counter", p.tlb_flush_pending().and_get(|h| h.counter()), 1356);
    c.embedded("mm_struct.tlb_flush_batched", p.tlb_flush_batched().map(|h| h.map(Ptr::addr)), 1360);
    c.value("mm_struct.tlb_flush_batched.counter", p.tlb_flush_batched().and_get(|h| h.counter()), 1360);
    c.embedded("mm_struct.uprobes_state", p.uprobes_state().map(|h| h.map(Ptr::addr)), 1368);
    c.embedded("mm_struct.hugetlb_usage", p.hugetlb_usage().map(|h| h.map(Ptr::addr)), 1384);
    c.value("mm_struct.hugetlb_usage.counter", p.hugetlb_usage().and_get(|h| h.counter()), 1384);
    c.embedded("mm_struct.async_put_work", p.async_put_work().map(|h| h.map(Ptr::addr)), 1392);
    c.value("mm_struct.ksm_merging_pages", p.ksm_merging_pages(), 1424);
    c.value("mm_struct.ksm_rmap_items", p.ksm_rmap_items(), 1432);
    c.embedded("mm_struct.ksm_zero_pages", p.ksm_zero_pages().map(|h| h.map(Ptr::addr)), 1440);
    c.value("mm_struct.ksm_zero_pages.counter", p.ksm_zero_pages().and_get(|h| h.counter()), 1440);
    c.value("mm_struct.mm_id", p.mm_id(), 1448);
    c.value("mm_struct.cpu_bitmap", p.cpu_bitmap(), 1472);
}

fn check_fs_struct(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<fs_struct>::from_addr(BASE);
    c.offset("fs_struct.users", fs_struct::users_byte_offset(), fs_struct::users_byte_size(), 0, 4);
    c.offset("fs_struct.seq", fs_struct::seq_byte_offset(), fs_struct::seq_byte_size(), 4, 8);
    c.offset("fs_struct.umask", fs_struct::umask_byte_offset(), fs_struct::umask_byte_size(), 12, 4);
    c.offset("fs_struct.in_exec", fs_struct::in_exec_byte_offset(), fs_struct::in_exec_byte_size(), 16, 4);
    c.offset("fs_struct.root", fs_struct::root_byte_offset(), fs_struct::root_byte_size(), 24, 16);
    c.offset("fs_struct.pwd", fs_struct::pwd_byte_offset(), fs_struct::pwd_byte_size(), 40, 16);
    c.value("fs_struct.users", p.users(), 0);
    c.embedded("fs_struct.seq", p.seq().map(|h| h.map(Ptr::addr)), 4);
    c.embedded("fs_struct.seq.seqcount", p.seq().and_get(|h| h.seqcount()).map(|h| h.map(Ptr::addr)), 4);
    c.embedded("fs_struct.seq.lock", p.seq().and_get(|h| h.lock()).map(|h| h.map(Ptr::addr)), 8);
    c.value("fs_struct.umask", p.umask(), 12);
    c.value("fs_struct.in_exec", p.in_exec(), 16);
    c.embedded("fs_struct.root", p.root().map(|h| h.map(Ptr::addr)), 24);
    c.embedded("fs_struct.pwd", p.pwd().map(|h| h.map(Ptr::addr)), 40);
}

fn check_files_struct(c: &mut Checker) {
    let _sim = c.install(704);
    let p = KernelPtr::<files_struct>::from_addr(BASE);
    c.offset("files_struct.count", files_struct::count_byte_offset(), files_struct::count_byte_size(), 0, 4);
    c.offset("files_struct.resize_in_progress", files_struct::resize_in_progress_byte_offset(), files_struct::resize_in_progress_byte_size(), 4, 1);
    c.offset("files_struct.resize_wait", files_struct::resize_wait_byte_offset(), files_struct::resize_wait_byte_size(), 8, 24);
    c.offset("files_struct.fdt", files_struct::fdt_byte_offset(), files_struct::fdt_byte_size(), 32, 8);
    c.offset("files_struct.fdtab", files_struct::fdtab_byte_offset(), files_struct::fdtab_byte_size(), 40, 56);
    c.offset("files_struct.file_lock", files_struct::file_lock_byte_offset(), files_struct::file_lock_byte_size(), 128, 4);
    c.offset("files_struct.next_fd", files_struct::next_fd_byte_offset(), files_struct::next_fd_byte_size(), 132, 4);
    c.offset("files_struct.close_on_exec_init", files_struct::close_on_exec_init_byte_offset(), files_struct::close_on_exec_init_byte_size(), 136, 8);
    c.offset("files_struct.open_fds_init", files_struct::open_fds_init_byte_offset(), files_struct::open_fds_init_byte_size(), 144, 8);
    c.offset("files_struct.full_fds_bits_init", files_struct::full_fds_bits_init_byte_offset(), files_struct::full_fds_bits_init_byte_size(), 152, 8);
    c.offset("files_struct.fd_array", files_struct::fd_array_byte_offset(), files_struct::fd_array_byte_size(), 160, 512);
    c.embedded("files_struct.count", p.count().map(|h| h.map(Ptr::addr)), 0);
    c.value("files_struct.count.counter", p.count().and_get(|h| h.counter()), 0);
    c.value("files_struct.resize_in_progress", p.resize_in_progress(), 4);
    c.embedded("files_struct.resize_wait", p.resize_wait().map(|h| h.map(Ptr::addr)), 8);
    c.value("files_struct.fdt", p.fdt(), 32);
    c.embedded("files_struct.fdtab", p.fdtab().map(|h| h.map(Ptr::addr)), 40);
    c.embedded("files_struct.file_lock", p.file_lock().map(|h| h.map(Ptr::addr)), 128);
    c.value("files_struct.next_fd", p.next_fd(), 132);
    c.value("files_struct.close_on_exec_init", p.close_on_exec_init(), 136);
    c.value("files_struct.open_fds_init", p.open_fds_init(), 144);
    c.value("files_struct.full_fds_bits_init", p.full_fds_bits_init(), 152);
    c.value("files_struct.fd_array", p.fd_array(), 160);
}

fn check_fdtable(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<fdtable>::from_addr(BASE);
    c.offset("fdtable.max_fds", fdtable::max_fds_byte_offset(), fdtable::max_fds_byte_size(), 0, 4);
    c.offset("fdtable.fd", fdtable::fd_byte_offset(), fdtable::fd_byte_size(), 8, 8);
    c.offset("fdtable.close_on_exec", fdtable::close_on_exec_byte_offset(), fdtable::close_on_exec_byte_size(), 16, 8);
    c.offset("fdtable.open_fds", fdtable::open_fds_byte_offset(), fdtable::open_fds_byte_size(), 24, 8);
    c.offset("fdtable.full_fds_bits", fdtable::full_fds_bits_byte_offset(), fdtable::full_fds_bits_byte_size(), 32, 8);
    c.offset("fdtable.rcu", fdtable::rcu_byte_offset(), fdtable::rcu_byte_size(), 40, 16);
    c.value("fdtable.max_fds", p.max_fds(), 0);
    c.value("fdtable.fd", p.fd(), 8);
    c.value("fdtable.close_on_exec", p.close_on_exec(), 16);
    c.value("fdtable.open_fds", p.open_fds(), 24);
    c.value("fdtable.full_fds_bits", p.full_fds_bits(), 32);
    c.embedded("fdtable.rcu", p.rcu().map(|h| h.map(Ptr::addr)), 40);
}

fn check_file(c: &mut Checker) {
    let _sim = c.install(184);
    let p = KernelPtr::<file>::from_addr(BASE);
    c.offset("file.f_lock", file::f_lock_byte_offset(), file::f_lock_byte_size(), 0, 4);
    c.offset("file.f_mode", file::f_mode_byte_offset(), file::f_mode_byte_size(), 4, 4);
    c.offset("file.f_op", file::f_op_byte_offset(), file::f_op_byte_size(), 8, 8);
    c.offset("file.f_mapping", file::f_mapping_byte_offset(), file::f_mapping_byte_size(), 16, 8);
    c.offset("file.private_data", file::private_data_byte_offset(), file::private_data_byte_size(), 24, 8);
    c.offset("file.f_inode", file::f_inode_byte_offset(), file::f_inode_byte_size(), 32, 8);
    c.offset("file.f_flags", file::f_flags_byte_offset(), file::f_flags_byte_size(), 40, 4);
    c.offset("file.f_iocb_flags", file::f_iocb_flags_byte_offset(), file::f_iocb_flags_byte_size(), 44, 4);
    c.offset("file.f_cred", file::f_cred_byte_offset(), file::f_cred_byte_size(), 48, 8);
    c.offset("file.f_owner", file::f_owner_byte_offset(), file::f_owner_byte_size(), 56, 8);
    c.offset("file.f_path", file::f_path_byte_offset(), file::f_path_byte_size(), 64, 16);
    c.offset("file.__f_path", file::__f_path_byte_offset(), file::__f_path_byte_size(), 64, 16);
    c.offset("file.f_pos_lock", file::f_pos_lock_byte_offset(), file::f_pos_lock_byte_size(), 80, 32);
    c.offset("file.f_pipe", file::f_pipe_byte_offset(), file::f_pipe_byte_size(), 80, 8);
    c.offset("file.f_pos", file::f_pos_byte_offset(), file::f_pos_byte_size(), 112, 8);
    c.offset("file.f_security", file::f_security_byte_offset(), file::f_security_byte_size(), 120, 8);
    c.offset("file.f_wb_err", file::f_wb_err_byte_offset(), file::f_wb_err_byte_size(), 128, 4);
    c.offset("file.f_sb_err", file::f_sb_err_byte_offset(), file::f_sb_err_byte_size(), 132, 4);
    c.offset("file.f_ep", file::f_ep_byte_offset(), file::f_ep_byte_size(), 136, 8);
    c.offset("file.f_task_work", file::f_task_work_byte_offset(), file::f_task_work_byte_size(), 144, 16);
    c.offset("file.f_llist", file::f_llist_byte_offset(), file::f_llist_byte_size(), 144, 8);
    c.offset("file.f_ra", file::f_ra_byte_offset(), file::f_ra_byte_size(), 144, 32);
    c.offset("file.f_freeptr", file::f_freeptr_byte_offset(), file::f_freeptr_byte_size(), 144, 8);
    c.offset("file.f_ref", file::f_ref_byte_offset(), file::f_ref_byte_size(), 176, 8);
    c.embedded("file.f_lock", p.f_lock().map(|h| h.map(Ptr::addr)), 0);
    c.value("file.f_mode", p.f_mode(), 4);
    c.value("file.f_op", p.f_op(), 8);
    c.value("file.f_mapping", p.f_mapping(), 16);
    c.value("file.private_data", p.private_data(), 24);
    c.value("file.f_inode", p.f_inode(), 32);
    c.value("file.f_flags", p.f_flags(), 40);
    c.value("file.f_iocb_flags", p.f_iocb_flags(), 44);
    c.value("file.f_cred", p.f_cred(), 48);
    c.value("file.f_owner", p.f_owner(), 56);
    c.embedded("file.f_path", p.f_path().map(|h| h.map(Ptr::addr)), 64);
    c.embedded("file.__f_path", p.__f_path().map(|h| h.map(Ptr::addr)), 64);
    c.embedded("file.f_pos_lock", p.f_pos_lock().map(|h| h.map(Ptr::addr)), 80);
    c.value("file.f_pipe", p.f_pipe(), 80);
    c.value("file.f_pos", p.f_pos(), 112);
    c.value("file.f_security", p.f_security(), 120);
    c.value("file.f_wb_err", p.f_wb_err(), 128);
    c.value("file.f_sb_err", p.f_sb_err(), 132);
    c.value("file.f_ep", p.f_ep(), 136);
    c.embedded("file.f_task_work", p.f_task_work().map(|h| h.map(Ptr::addr)), 144);
    c.embedded("file.f_llist", p.f_llist().map(|h| h.map(Ptr::addr)), 144);
    c.embedded("file.f_ra", p.f_ra().map(|h| h.map(Ptr::addr)), 144);
    c.embedded("file.f_freeptr", p.f_freeptr().map(|h| h.map(Ptr::addr)), 144);
    c.value("file.f_freeptr.v", p.f_freeptr().and_get(|h| h.v()), 144);
    c.embedded("file.f_ref", p.f_ref().map(|h| h.map(Ptr::addr)), 176);
    c.embedded("file.f_ref.refcnt", p.f_ref().and_get(|h| h.refcnt()).map(|h| h.map(Ptr::addr)), 176);
    c.value("file.f_ref.refcnt.counter", p.f_ref().and_get(|h| h.refcnt()).and_get(|h| h.counter()), 176);
}

fn check_path(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<path>::from_addr(BASE);
    c.offset("path.mnt", path::mnt_byte_offset(), path::mnt_byte_size(), 0, 8);
    c.offset("path.dentry", path::dentry_byte_offset(), path::dentry_byte_size(), 8, 8);
    c.value("path.mnt", p.mnt(), 0);
    c.value("path.dentry", p.dentry(), 8);
}

fn check_dentry(c: &mut Checker) {
    let _sim = c.install(192);
    let p = KernelPtr::<dentry>::from_addr(BASE);
    c.offset("dentry.d_flags", dentry::d_flags_byte_offset(), dentry::d_flags_byte_size(), 0, 4);
    c.offset("dentry.d_seq", dentry::d_seq_byte_offset(), dentry::d_seq_byte_size(), 4, 4);
    c.offset("dentry.d_hash", dentry::d_hash_byte_offset(), dentry::d_hash_byte_size(), 8, 16);
    c.offset("dentry.d_parent", dentry::d_parent_byte_offset(), dentry::d_parent_byte_size(), 24, 8);
    c.offset("dentry.__d_name", dentry::__d_name_byte_offset(), dentry::__d_name_byte_size(), 32, 16);
    c.offset("dentry.d_name", dentry::d_name_byte_offset(), dentry::d_name_byte_size(), 32, 16);
    c.offset("dentry.d_inode", dentry::d_inode_byte_offset(), dentry::d_inode_byte_size(), 48, 8);
    c.offset("dentry.d_shortname", dentry::d_shortname_byte_offset(), dentry::d_shortname_byte_size(), 56, 40);
    c.offset("dentry.d_op", dentry::d_op_byte_offset(), dentry::d_op_byte_size(), 96, 8);
    c.offset("dentry.d_sb", dentry::d_sb_byte_offset(), dentry::d_sb_byte_size(), 104, 8);
    c.offset("dentry.d_time", dentry::d_time_byte_offset(), dentry::d_time_byte_size(), 112, 8);
    c.offset("dentry.d_fsdata", dentry::d_fsdata_byte_offset(), dentry::d_fsdata_byte_size(), 120, 8);
    c.offset("dentry.d_lockref", dentry::d_lockref_byte_offset(), dentry::d_lockref_byte_size(), 128, 8);
    c.offset("dentry.d_lru", dentry::d_lru_byte_offset(), dentry::d_lru_byte_size(), 136, 16);
    c.offset("dentry.d_wait", dentry::d_wait_byte_offset(), dentry::d_wait_byte_size(), 136, 8);
    c.offset("dentry.d_sib", dentry::d_sib_byte_offset(), dentry::d_sib_byte_size(), 152, 16);
    c.offset("dentry.d_children", dentry::d_children_byte_offset(), dentry::d_children_byte_size(), 168, 8);
    c.offset("dentry.d_u", dentry::d_u_byte_offset(), dentry::d_u_byte_size(), 176, 16);
    c.value("dentry.d_flags", p.d_flags(), 0);
    c.embedded("dentry.d_seq", p.d_seq().map(|h| h.map(Ptr::addr)), 4);
    c.embedded("dentry.d_hash", p.d_hash().map(|h| h.map(Ptr::addr)), 8);
    c.value("dentry.d_parent", p.d_parent(), 24);
    c.embedded("dentry.__d_name", p.__d_name().map(|h| h.map(Ptr::addr)), 32);
    c.embedded("dentry.d_name", p.d_name().map(|h| h.map(Ptr::addr)), 32);
    c.value("dentry.d_inode", p.d_inode(), 48);
    c.embedded("dentry.d_shortname", p.d_shortname().map(|h| h.map(Ptr::addr)), 56);
    c.value("dentry.d_shortname.string", p.d_shortname().and_get(|h| h.string()), 56);
    c.value("dentry.d_shortname.words", p.d_shortname().and_get(|h| h.words()), 56);
    c.value("dentry.d_op", p.d_op(), 96);
    c.value("dentry.d_sb", p.d_sb(), 104);
    c.value("dentry.d_time", p.d_time(), 112);
    c.value("dentry.d_fsdata", p.d_fsdata(), 120);
    c.embedded("dentry.d_lockref", p.d_lockref().map(|h| h.map(Ptr::addr)), 128);
    c.embedded("dentry.d_lru", p.d_lru().map(|h| h.map(Ptr::addr)), 136);
    c.value("dentry.d_wait", p.d_wait(), 136);
    c.embedded("dentry.d_sib", p.d_sib().map(|h| h.map(Ptr::addr)), 152);
    c.embedded("dentry.d_children", p.d_children().map(|h| h.map(Ptr::addr)), 168);
    c.embedded("dentry.d_u", p.d_u().map(|h| h.map(Ptr::addr)), 176);
    c.embedded("dentry.d_u.d_alias", p.d_u().and_get(|h| h.d_alias()).map(|h| h.map(Ptr::addr)), 176);
    c.embedded("dentry.d_u.d_in_lookup_hash", p.d_u().and_get(|h| h.d_in_lookup_hash()).map(|h| h.map(Ptr::addr)), 176);
    c.embedded("dentry.d_u.d_rcu", p.d_u().and_get(|h| h.d_rcu()).map(|h| h.map(Ptr::addr)), 176);
}

fn check_qstr(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<qstr>::from_addr(BASE);
    c.offset("qstr.hash", qstr::hash_byte_offset(), qstr::hash_byte_size(), 0, 4);
    c.offset("qstr.len", qstr::len_byte_offset(), qstr::len_byte_size(), 4, 4);
    c.offset("qstr.hash_len", qstr::hash_len_byte_offset(), qstr::hash_len_byte_size(), 0, 8);
    c.offset("qstr.name", qstr::name_byte_offset(), qstr::name_byte_size(), 8, 8);
    c.value("qstr.hash", p.hash(), 0);
    c.value("qstr.len", p.len(), 4);
    c.value("qstr.hash_len", p.hash_len(), 0);
    c.value("qstr.name", p.name(), 8);
}

fn check_inode(c: &mut Checker) {
    let _sim = c.install(616);
    let p = KernelPtr::<inode>::from_addr(BASE);
    c.offset("inode.i_mode", inode::i_mode_byte_offset(), inode::i_mode_byte_size(), 0, 2);
    c.offset("inode.i_opflags", inode::i_opflags_byte_offset(), inode::i_opflags_byte_size(), 2, 2);
    c.offset("inode.i_uid", inode::i_uid_byte_offset(), inode::i_uid_byte_size(), 4, 4);
    c.offset("inode.i_gid", inode::i_gid_byte_offset(), inode::i_gid_byte_size(), 8, 4);
    c.offset("inode.i_flags", inode::i_flags_byte_offset(), inode::i_flags_byte_size(), 12, 4);
    c.offset("inode.i_acl", inode::i_acl_byte_offset(), inode::i_acl_byte_size(), 16, 8);
    c.offset("inode.i_default_acl", inode::i_default_acl_byte_offset(), inode::i_default_acl_byte_size(), 24, 8);
    c.offset("inode.i_op", inode::i_op_byte_offset(), inode::i_op_byte_size(), 32, 8);
    c.offset("inode.i_sb", inode::i_sb_byte_offset(), inode::i_sb_byte_size(), 40, 8);
    c.offset("inode.i_mapping", inode::i_mapping_byte_offset(), inode::i_mapping_byte_size(), 48, 8);
    c.offset("inode.i_security", inode::i_security_byte_offset(), inode::i_security_byte_size(), 56, 8);
    c.offset("inode.i_ino", inode::i_ino_byte_offset(), inode::i_ino_byte_size(), 64, 8);
    c.offset("inode.i_nlink", inode::i_nlink_byte_offset(), inode::i_nlink_byte_size(), 72, 4);
    c.offset("inode.__i_nlink", inode::__i_nlink_byte_offset(), inode::__i_nlink_byte_size(), 72, 4);
    c.offset("inode.i_rdev", inode::i_rdev_byte_offset(), inode::i_rdev_byte_size(), 76, 4);
    c.offset("inode.i_size", inode::i_size_byte_offset(), inode::i_size_byte_size(), 80, 8);
    c.offset("inode.i_atime_sec", inode::i_atime_sec_byte_offset(), inode::i_atime_sec_byte_size(), 88, 8);
    c.offset("inode.i_mtime_sec", inode::i_mtime_sec_byte_offset(), inode::i_mtime_sec_byte_size(), 96, 8);
    c.offset("inode.i_ctime_sec", inode::i_ctime_sec_byte_offset(), inode::i_ctime_sec_byte_size(), 104, 8);
    c.offset("inode.i_atime_nsec", inode::i_atime_nsec_byte_offset(), inode::i_atime_nsec_byte_size(), 112, 4);
    c.offset("inode.i_mtime_nsec", inode::i_mtime_nsec_byte_offset(), inode::i_mtime_nsec_byte_size(), 116, 4);
    c.offset("inode.i_ctime_nsec", inode::i_ctime_nsec_byte_offset(), inode::i_ctime_nsec_byte_size(), 120, 4);
    c.offset("inode.i_generation", inode::i_generation_byte_offset(), inode::i_generation_byte_size(), 124, 4);
    c.offset("inode.i_lock", inode::i_lock_byte_offset(), inode::i_lock_byte_size(), 128, 4);
    c.offset("inode.i_bytes", inode::i_bytes_byte_offset(), inode::i_bytes_byte_size(), 132, 2);
    c.offset("inode.i_blkbits", inode::i_blkbits_byte_offset(), inode::i_blkbits_byte_size(), 134, 1);
    c.offset("inode.i_blocks", inode::i_blocks_byte_offset(), inode::i_blocks_byte_size(), 136, 8);
    c.offset("inode.i_rwsem", inode::i_rwsem_byte_offset(), inode::i_rwsem_byte_size(), 152, 40);
    c.offset("inode.dirtied_when", inode::dirtied_when_byte_offset(), inode::dirtied_when_byte_size(), 192, 8);
    c.offset("inode.dirtied_time_when", inode::dirtied_time_when_byte_offset(), inode::dirtied_time_when_byte_size(), 200, 8);
    c.offset("inode.i_hash", inode::i_hash_byte_offset(), inode::i_hash_byte_size(), 208, 16);
    c.offset("inode.i_io_list", inode::i_io_list_byte_offset(), inode::i_io_list_byte_size(), 224, 16);
    c.offset("inode.i_wb", inode::i_wb_byte_offset(), inode::i_wb_byte_size(), 240, 8);
    c.offset("inode.i_wb_frn_winner", inode::i_wb_frn_winner_byte_offset(), inode::i_wb_frn_winner_byte_size(), 248, 4);
    c.offset("inode.i_wb_frn_avg_time", inode::i_wb_frn_avg_time_byte_offset(), inode::i_wb_frn_avg_time_byte_size(), 252, 2);
    c.offset("inode.i_wb_frn_history", inode::i_wb_frn_history_byte_offset(), inode::i_wb_frn_history_byte_size(), 254, 2);
    c.offset("inode.i_lru", inode::i_lru_byte_offset(), inode::i_lru_byte_size(), 256, 16);
    c.offset("inode.i_kept", inode::i_kept_byte_offset(), inode::i_kept_byte_size(), 272, 8);
    c.offset("inode.i_sb_list", inode::i_sb_list_byte_offset(), inode::i_sb_list_byte_size(), 280, 16);
    c.offset("inode.i_wb_list", inode::i_wb_list_byte_offset(), inode::i_wb_list_byte_size(), 296, 16);
    c.offset("inode.i_dentry", inode::i_dentry_byte_offset(), inode::i_dentry_byte_size(), 312, 8);
    c.offset("inode.i_rcu", inode::i_rcu_byte_offset(), inode::i_rcu_byte_size(), 312, 16);
    c.offset("inode.i_version", inode::i_version_byte_offset(), inode::i_version_byte_size(), 328, 8);
    c.offset("inode.i_sequence", inode::i_sequence_byte_offset(), inode::i_sequence_byte_size(), 336, 8);
    c.offset("inode.i_count", inode::i_count_byte_offset(), inode::i_count_byte_size(), 344, 4);
    c.offset("inode.i_dio_count", inode::i_dio_count_byte_offset(), inode::i_dio_count_byte_size(), 348, 4);
    c.offset("inode.i_writecount", inode::i_writecount_byte_offset(), inode::i_writecount_byte_size(), 352, 4);
    c.offset("inode.i_readcount", inode::i_readcount_byte_offset(), inode::i_readcount_byte_size(), 356, 4);
    c.offset("inode.i_fop", inode::i_fop_byte_offset(), inode::i_fop_byte_size(), 360, 8);
    c.offset("inode.free_inode", inode::free_inode_byte_offset(), inode::free_inode_byte_size(), 360, 8);
    c.offset("inode.i_flctx", inode::i_flctx_byte_offset(), inode::i_flctx_byte_size(), 368, 8);
    c.offset("inode.i_data", inode::i_data_byte_offset(), inode::i_data_byte_size(), 376, 192);
    c.offset("inode.i_devices", inode::i_devices_byte_offset(), inode::i_devices_byte_size(), 568, 16);
    c.offset("inode.i_linklen", inode::i_linklen_byte_offset(), inode::i_linklen_byte_size(), 568, 4);
    c.offset("inode.i_pipe", inode::i_pipe_byte_offset(), inode::i_pipe_byte_size(), 584, 8);
    c.offset("inode.i_cdev", inode::i_cdev_byte_offset(), inode::i_cdev_byte_size(), 584, 8);
    c.offset("inode.i_link", inode::i_link_byte_offset(), inode::i_link_byte_size(), 584, 8);
    c.offset("inode.i_dir_seq", inode::i_dir_seq_byte_offset(), inode::i_dir_seq_byte_size(), 584, 4);
    c.offset("inode.i_fsnotify_mask", inode::i_fsnotify_mask_byte_offset(), inode::i_fsnotify_mask_byte_size(), 592, 4);
    c.offset("inode.i_fsnotify_marks", inode::i_fsnotify_marks_byte_offset(), inode::i_fsnotify_marks_byte_size(), 600, 8);
    c.offset("inode.i_private", inode::i_private_byte_offset(), inode::i_private_byte_size(), 608, 8);
    c.value("inode.i_mode", p.i_mode(), 0);
    c.value("inode.i_opflags", p.i_opflags(), 2);
    c.embedded("inode.i_uid", p.i_uid().map(|h| h.map(Ptr::addr)), 4);
    c.value("inode.i_uid.val", p.i_uid().and_get(|h| h.val()), 4);
    c.embedded("inode.i_gid", p.i_gid().map(|h| h.map(Ptr::addr)), 8);
    c.value("inode.i_gid.val", p.i_gid().and_get(|h| h.val()), 8);
    c.value("inode.i_flags", p.i_flags(), 12);
    c.value("inode.i_acl", p.i_acl(), 16);
    c.value("inode.i_default_acl", p.i_default_acl(), 24);
    c.value("inode.i_op", p.i_op(), 32);
    c.value("inode.i_sb", p.i_sb(), 40);
    c.value("inode.i_mapping", p.i_mapping(), 48);
    c.value("inode.i_security", p.i_security(), 56);
    c.value("inode.i_ino", p.i_ino(), 64);
    c.value("inode.i_nlink", p.i_nlink(), 72);
    c.value("inode.__i_nlink", p.__i_nlink(), 72);
    c.value("inode.i_rdev", p.i_rdev(), 76);
    c.value("inode.i_size", p.i_size(), 80);
    c.value("inode.i_atime_sec", p.i_atime_sec(), 88);
    c.value("inode.i_mtime_sec", p.i_mtime_sec(), 96);
    c.value("inode.i_ctime_sec", p.i_ctime_sec(), 104);
    c.value("inode.i_atime_nsec", p.i_atime_nsec(), 112);
    c.value("inode.i_mtime_nsec", p.i_mtime_nsec(), 116);
    c.value("inode.i_ctime_nsec", p.i_ctime_nsec(), 120);
    c.value("inode.i_generation", p.i_generation(), 124);
    c.embedded("inode.i_lock", p.i_lock().map(|h| h.map(Ptr::addr)), 128);
    c.value("inode.i_bytes", p.i_bytes(), 132);
    c.value("inode.i_blkbits", p.i_blkbits(), 134);
    c.value("inode.i_blocks", p.i_blocks(), 136);
    c.embedded("inode.i_rwsem", p.i_rwsem().map(|h| h.map(Ptr::addr)), 152);
    c.value("inode.dirtied_when", p.dirtied_when(), 192);
    c.value("inode.dirtied_time_when", p.dirtied_time_when(), 200);
    c.embedded("inode.i_hash", p.i_hash().map(|h| h.map(Ptr::addr)), 208);
    c.embedded("inode.i_io_list", p.i_io_list().map(|h| h.map(Ptr::addr)), 224);
    c.value("inode.i_wb", p.i_wb(), 240);
    c.value("inode.i_wb_frn_winner", p.i_wb_frn_winner(), 248);
    c.value("inode.i_wb_frn_avg_time", p.i_wb_frn_avg_time(), 252);
    c.value("inode.i_wb_frn_history", p.i_wb_frn_history(), 254);
    c.embedded("inode.i_lru", p.i_lru().map(|h| h.map(Ptr::addr)), 256);
    c.embedded("inode.i_kept", p.i_kept().map(|h| h.map(Ptr::addr)), 272);
    c.embedded("inode.i_sb_list", p.i_sb_list().map(|h| h.map(Ptr::addr)), 280);
    c.embedded("inode.i_wb_list", p.i_wb_list().map(|h| h.map(Ptr::addr)), 296);
    c.embedded("inode.i_dentry", p.i_dentry().map(|h| h.map(Ptr::addr)), 312);
    c.embedded("inode.i_rcu", p.i_rcu().map(|h| h.map(Ptr::addr)), 312);
    c.embedded("inode.i_version", p.i_version().map(|h| h.map(Ptr::addr)), 328);
    c.value("inode.i_version.counter", p.i_version().and_get(|h| h.counter()), 328);
    c.embedded("inode.i_sequence", p.i_sequence().map(|h| h.map(Ptr::addr)), 336);
    c.value("inode.i_sequence.counter", p.i_sequence().and_get(|h| h.counter()), 336);
    c.embedded("inode.i_count", p.i_count().map(|h| h.map(Ptr::addr)), 344);
    c.value("inode.i_count.counter", p.i_count().and_get(|h| h.counter()), 344);
    c.embedded("inode.i_dio_count", p.i_dio_count().map(|h| h.map(Ptr::addr)), 348);
    c.value("inode.i_dio_count.counter", p.i_dio_count().and_get(|h| h.counter()), 348);
    c.embedded("inode.i_writecount", p.i_writecount().map(|h| h.map(Ptr::addr)), 352);
    c.value("inode.i_writecount.counter", p.i_writecount().and_get(|h| h.counter()), 352);
    c.embedded("inode.i_readcount", p.i_readcount().map(|h| h.map(Ptr::addr)), 356);
    c.value("inode.i_readcount.counter", p.i_readcount().and_get(|h| h.counter()), 356);
    c.value("inode.i_fop", p.i_fop(), 360);
    c.value("inode.free_inode", p.free_inode(), 360);
    c.value("inode.i_flctx", p.i_flctx(), 368);
    c.embedded("inode.i_data", p.i_data().map(|h| h.map(Ptr::addr)), 376);
    c.embedded("inode.i_devices", p.i_devices().map(|h| h.map(Ptr::addr)), 568);
    c.value("inode.i_linklen", p.i_linklen(), 568);
    c.value("inode.i_pipe", p.i_pipe(), 584);
    c.value("inode.i_cdev", p.i_cdev(), 584);
    c.value("inode.i_link", p.i_link(), 584);
    c.value("inode.i_dir_seq", p.i_dir_seq(), 584);
    c.value("inode.i_fsnotify_mask", p.i_fsnotify_mask(), 592);
    c.value("inode.i_fsnotify_marks", p.i_fsnotify_marks(), 600);
    c.value("inode.i_private", p.i_private(), 608);
}

fn check_super_block(c: &mut Checker) {
    let _sim = c.install(1472);
    let p = KernelPtr::<super_block>::from_addr(BASE);
    c.offset("super_block.s_list", super_block::s_list_byte_offset(), super_block::s_list_byte_size(), 0, 16);
    c.offset("super_block.s_dev", super_block::s_dev_byte_offset(), super_block::s_dev_byte_size(), 16, 4);
    c.offset("super_block.s_blocksize_bits", super_block::s_blocksize_bits_byte_offset(), super_block::s_blocksize_bits_byte_size(), 20, 1);
    c.offset("super_block.s_blocksize", super_block::s_blocksize_byte_offset(), super_block::s_blocksize_byte_size(), 24, 8);
    c.offset("super_block.s_maxbytes", super_block::s_maxbytes_byte_offset(), super_block::s_maxbytes_byte_size(), 32, 8);
    c.offset("super_block.s_type", super_block::s_type_byte_offset(), super_block::s_type_byte_size(), 40, 8);
    c.offset("super_block.s_op", super_block::s_op_byte_offset(), super_block::s_op_byte_size(), 48, 8);
    c.offset("super_block.dq_op", super_block::dq_op_byte_offset(), super_block::dq_op_byte_size(), 56, 8);
    c.offset("super_block.s_qcop", super_block::s_qcop_byte_offset(), super_block::s_qcop_byte_size(), 64, 8);
    c.offset("super_block.s_export_op", super_block::s_export_op_byte_offset(), super_block::s_export_op_byte_size(), 72, 8);
    c.offset("super_block.s_flags", super_block::s_flags_byte_offset(), super_block::s_flags_byte_size(), 80, 8);
    c.offset("super_block.s_iflags", super_block::s_iflags_byte_offset(), super_block::s_iflags_byte_size(), 88, 8);
    c.offset("super_block.s_magic", super_block::s_magic_byte_offset(), super_block::s_magic_byte_size(), 96, 8);
    c.offset("super_block.s_root", super_block::s_root_byte_offset(), super_block::s_root_byte_size(), 104, 8);
    c.offset("super_block.s_umount", super_block::s_umount_byte_offset(), super_block::s_umount_byte_size(), 112, 40);
    c.offset("super_block.s_count", super_block::s_count_byte_offset(), super_block::s_count_byte_size(), 152, 4);
    c.offset("super_block.s_active", super_block::s_active_byte_offset(), super_block::s_active_byte_size(), 156, 4);
    c.offset("super_block.s_security", super_block::s_security_byte_offset(), super_block::s_security_byte_size(), 160, 8);
    c.offset("super_block.s_xattr", super_block::s_xattr_byte_offset(), super_block::s_xattr_byte_size(), 168, 8);
    c.offset("super_block.s_cop", super_block::s_cop_byte_offset(), super_block::s_cop_byte_size(), 176, 8);
    c.offset("super_block.s_master_keys", super_block::s_master_keys_byte_offset(), super_block::s_master_keys_byte_size(), 184, 8);
    c.offset("super_block.s_roots", super_block::s_roots_byte_offset(), super_block::s_roots_byte_size(), 192, 8);
    c.offset("super_block.s_mounts", super_block::s_mounts_byte_offset(), super_block::s_mounts_byte_size(), 200, 8);
    c.offset("super_block.s_bdev", super_block::s_bdev_byte_offset(), super_block::s_bdev_byte_size(), 208, 8);
    c.offset("super_block.s_bdev_file", super_block::s_bdev_file_byte_offset(), super_block::s_bdev_file_byte_size(), 216, 8);
    c.offset("super_block.s_bdi", super_block::s_bdi_byte_offset(), super_block::s_bdi_byte_size(), 224, 8);
    c.offset("super_block.s_mtd", super_block::s_mtd_byte_offset(), super_block::s_mtd_byte_size(), 232, 8);
    c.offset("super_block.s_instances", super_block::s_instances_byte_offset(), super_block::s_instances_byte_size(), 240, 16);
    c.offset("super_block.s_quota_types", super_block::s_quota_types_byte_offset(), super_block::s_quota_types_byte_size(), 256, 4);
    c.offset("super_block.s_dquot", super_block::s_dquot_byte_offset(), super_block::s_dquot_byte_size(), 264, 312);
    c.offset("super_block.s_writers", super_block::s_writers_byte_offset(), super_block::s_writers_byte_size(), 576, 312);
    c.offset("super_block.s_fs_info", super_block::s_fs_info_byte_offset(), super_block::s_fs_info_byte_size(), 888, 8);
    c.offset("super_block.s_time_gran", super_block::s_time_gran_byte_offset(), super_block::s_time_gran_byte_size(), 896, 4);
    c.offset("super_block.s_time_min", super_block::s_time_min_byte_offset(), super_block::s_time_min_byte_size(), 904, 8);
    c.offset("super_block.s_time_max", super_block::s_time_max_byte_offset(), super_block::s_time_max_byte_size(), 912, 8);
    c.offset("super_block.s_fsnotify_mask", super_block::s_fsnotify_mask_byte_offset(), super_block::s_fsnotify_mask_byte_size(), 920, 4);
    c.offset("super_block.s_fsnotify_info", super_block::s_fsnotify_info_byte_offset(), super_block::s_fsnotify_info_byte_size(), 928, 8);
    c.offset("super_block.s_id", super_block::s_id_byte_offset(), super_block::s_id_byte_size(), 936, 32);
    c.offset("super_block.s_uuid", super_block::s_uuid_byte_offset(), super_block::s_uuid_byte_size(), 968, 16);
    c.offset("super_block.s_uuid_len", super_block::s_uuid_len_byte_offset(), super_block::s_uuid_len_byte_size(), 984, 1);
    c.offset("super_block.s_sysfs_name", super_block::s_sysfs_name_byte_offset(), super_block::s_sysfs_name_byte_size(), 985, 37);
    c.offset("super_block.s_max_links", super_block::s_max_links_byte_offset(), super_block::s_max_links_byte_size(), 1024, 4);
    c.offset("super_block.s_d_flags", super_block::s_d_flags_byte_offset(), super_block::s_d_flags_byte_size(), 1028, 4);
    c.offset("super_block.s_vfs_rename_mutex", super_block::s_vfs_rename_mutex_byte_offset(), super_block::s_vfs_rename_mutex_byte_size(), 1032, 32);
    c.offset("super_block.s_subtype", super_block::s_subtype_byte_offset(), super_block::s_subtype_byte_size(), 1064, 8);
    c.offset("super_block.__s_d_op", super_block::__s_d_op_byte_offset(), super_block::__s_d_op_byte_size(), 1072, 8);
    c.offset("super_block.s_shrink", super_block::s_shrink_byte_offset(), super_block::s_shrink_byte_size(), 1080, 8);
    c.offset("super_block.s_remove_count", super_block::s_remove_count_byte_offset(), super_block::s_remove_count_byte_size(), 1088, 8);
    c.offset("super_block.s_readonly_remount", super_block::s_readonly_remount_byte_offset(), super_block::s_readonly_remount_byte_size(), 1096, 4);
    c.offset("super_block.s_wb_err", super_block::s_wb_err_byte_offset(), super_block::s_wb_err_byte_size(), 1100, 4);
    c.offset("super_block.s_dio_done_wq", super_block::s_dio_done_wq_byte_offset(), super_block::s_dio_done_wq_byte_size(), 1104, 8);
    c.offset("super_block.s_pins", super_block::s_pins_byte_offset(), super_block::s_pins_byte_size(), 1112, 8);
    c.offset("super_block.s_user_ns", super_block::s_user_ns_byte_offset(), super_block::s_user_ns_byte_size(), 1120, 8);
    c.offset("super_block.s_dentry_lru", super_block::s_dentry_lru_byte_offset(), super_block::s_dentry_lru_byte_size(), 1128, 48);
    c.offset("super_block.s_inode_lru", super_block::s_inode_lru_byte_offset(), super_block::s_inode_lru_byte_size(), 1176, 48);
    c.offset("super_block.rcu", super_block::rcu_byte_offset(), super_block::rcu_byte_size(), 1224, 16);
    c.offset("super_block.destroy_work", super_block::destroy_work_byte_offset(), super_block::destroy_work_byte_size(), 1240, 32);
    c.offset("super_block.s_sync_lock", super_block::s_sync_lock_byte_offset(), super_block::s_sync_lock_byte_size(), 1272, 32);
    c.offset("super_block.s_stack_depth", super_block::s_stack_depth_byte_offset(), super_block::s_stack_depth_byte_size(), 1304, 4);
    c.offset("super_block.s_inode_list_lock", super_block::s_inode_list_lock_byte_offset(), super_block::s_inode_list_lock_byte_size(), 1344, 4);
    c.offset("super_block.s_inodes", super_block::s_inodes_byte_offset(), super_block::s_inodes_byte_size(), 1352, 16);
    c.offset("super_block.s_inode_wblist_lock", super_block::s_inode_wblist_lock_byte_offset(), super_block::s_inode_wblist_lock_byte_size(), 1368, 4);
    c.offset("super_block.s_inodes_wb", super_block::s_inodes_wb_byte_offset(), super_block::s_inodes_wb_byte_size(), 1376, 16);
    c.offset("super_block.s_kept_inodes", super_block::s_kept_inodes_byte_offset(), super_block::s_kept_inodes_byte_size(), 1392, 8);
    c.offset("super_block.s_kept_work", super_block::s_kept_work_byte_offset(), super_block::s_kept_work_byte_size(), 1400, 32);
    c.embedded("super_block.s_list", p.s_list().map(|h| h.map(Ptr::addr)), 0);
    c.value("super_block.s_dev", p.s_dev(), 16);
    c.value("super_block.s_blocksize_bits", p.s_blocksize_bits(), 20);
    c.value("super_block.s_blocksize", p.s_blocksize(), 24);
    c.value("super_block.s_maxbytes", p.s_maxbytes(), 32);
    c.value("super_block.s_type", p.s_type(), 40);
    c.value("super_block.s_op", p.s_op(), 48);
    c.value("super_block.dq_op", p.dq_op(), 56);
    c.value("super_block.s_qcop", p.s_qcop(), 64);
    c.value("super_block.s_export_op", p.s_export_op(), 72);
    c.value("super_block.s_flags", p.s_flags(), 80);
    c.value("super_block.s_iflags", p.s_iflags(), 88);
    c.value("super_block.s_magic", p.s_magic(), 96);
    c.value("super_block.s_root", p.s_root(), 104);
    c.embedded("super_block.s_umount", p.s_umount().map(|h| h.map(Ptr::addr)), 112);
    c.value("super_block.s_count", p.s_count(), 152);
    c.embedded("super_block.s_active", p.s_active().map(|h| h.map(Ptr::addr)), 156);
    c.value("super_block.s_active.counter", p.s_active().and_get(|h| h.counter()), 156);
    c.value("super_block.s_security", p.s_security(), 160);
    c.value("super_block.s_xattr", p.s_xattr(), 168);
    c.value("super_block.s_cop", p.s_cop(), 176);
    c.value("super_block.s_master_keys", p.s_master_keys(), 184);
    c.embedded("super_block.s_roots", p.s_roots().map(|h| h.map(Ptr::addr)), 192);
    c.value("super_block.s_mounts", p.s_mounts(), 200);
    c.value("super_block.s_bdev", p.s_bdev(), 208);
    c.value("super_block.s_bdev_file", p.s_bdev_file(), 216);
    c.value("super_block.s_bdi", p.s_bdi(), 224);
    c.value("super_block.s_mtd", p.s_mtd(), 232);
    c.embedded("super_block.s_instances", p.s_instances().map(|h| h.map(Ptr::addr)), 240);
    c.value("super_block.s_quota_types", p.s_quota_types(), 256);
    c.embedded("super_block.s_dquot", p.s_dquot().map(|h| h.map(Ptr::addr)), 264);
    c.embedded("super_block.s_writers", p.s_writers().map(|h| h.map(Ptr::addr)), 576);
    c.value("super_block.s_fs_info", p.s_fs_info(), 888);
    c.value("super_block.s_time_gran", p.s_time_gran(), 896);
    c.value("super_block.s_time_min", p.s_time_min(), 904);
    c.value("super_block.s_time_max", p.s_time_max(), 912);
    c.value("super_block.s_fsnotify_mask", p.s_fsnotify_mask(), 920);
    c.value("super_block.s_fsnotify_info", p.s_fsnotify_info(), 928);
    c.value("super_block.s_id", p.s_id(), 936);
    c.embedded("super_block.s_uuid", p.s_uuid().map(|h| h.map(Ptr::addr)), 968);
    c.value("super_block.s_uuid.b", p.s_uuid().and_get(|h| h.b()), 968);
    c.value("super_block.s_uuid_len", p.s_uuid_len(), 984);
    c.value("super_block.s_sysfs_name", p.s_sysfs_name(), 985);
    c.value("super_block.s_max_links", p.s_max_links(), 1024);
    c.value("super_block.s_d_flags", p.s_d_flags(), 1028);
    c.embedded("super_block.s_vfs_rename_mutex", p.s_vfs_rename_mutex().map(|h| h.map(Ptr::addr)), 1032);
    c.value("super_block.s_subtype", p.s_subtype(), 1064);
    c.value("super_block.__s_d_op", p.__s_d_op(), 1072);
    c.value("super_block.s_shrink", p.s_shrink(), 1080);
    c.embedded("super_block.s_remove_count", p.s_remove_count().map(|h| h.map(Ptr::addr)), 1088);
    c.value("super_block.s_remove_count.counter", p.s_remove_count().and_get(|h| h.counter()), 1088);
    c.value("super_block.s_readonly_remount", p.s_readonly_remount(), 1096);
    c.value("super_block.s_wb_err", p.s_wb_err(), 1100);
    c.value("super_block.s_dio_done_wq", p.s_dio_done_wq(), 1104);
    c.embedded("super_block.s_pins", p.s_pins().map(|h| h.map(Ptr::addr)), 1112);
    c.value("super_block.s_user_ns", p.s_user_ns(), 1120);
    c.embedded("super_block.s_dentry_lru", p.s_dentry_lru().map(|h| h.map(Ptr::addr)), 1128);
    c.embedded("super_block.s_inode_lru", p.s_inode_lru().map(|h| h.map(Ptr::addr)), 1176);
    c.embedded("super_block.rcu", p.rcu().map(|h| h.map(Ptr::addr)), 1224);
    c.embedded("super_block.destroy_work", p.destroy_work().map(|h| h.map(Ptr::addr)), 1240);
    c.embedded("super_block.s_sync_lock", p.s_sync_lock().map(|h| h.map(Ptr::addr)), 1272);
    c.value("super_block.s_stack_depth", p.s_stack_depth(), 1304);
    c.embedded("super_block.s_inode_list_lock", p.s_inode_list_lock().map(|h| h.map(Ptr::addr)), 1344);
    c.embedded("super_block.s_inodes", p.s_inodes().map(|h| h.map(Ptr::addr)), 1352);
    c.embedded("super_block.s_inode_wblist_lock", p.s_inode_wblist_lock().map(|h| h.map(Ptr::addr)), 1368);
    c.embedded("super_block.s_inodes_wb", p.s_inodes_wb().map(|h| h.map(Ptr::addr)), 1376);
    c.embedded("super_block.s_kept_inodes", p.s_kept_inodes().map(|h| h.map(Ptr::addr)), 1392);
    c.embedded("super_block.s_kept_work", p.s_kept_work().map(|h| h.map(Ptr::addr)), 1400);
}

fn check_nsproxy(c: &mut Checker) {
    let _sim = c.install(72);
    let p = KernelPtr::<nsproxy>::from_addr(BASE);
    c.offset("nsproxy.count", nsproxy::count_byte_offset(), nsproxy::count_byte_size(), 0, 4);
    c.offset("nsproxy.uts_ns", nsproxy::uts_ns_byte_offset(), nsproxy::uts_ns_byte_size(), 8, 8);
    c.offset("nsproxy.ipc_ns", nsproxy::ipc_ns_byte_offset(), nsproxy::ipc_ns_byte_size(), 16, 8);
    c.offset("nsproxy.mnt_ns", nsproxy::mnt_ns_byte_offset(), nsproxy::mnt_ns_byte_size(), 24, 8);
    c.offset("nsproxy.pid_ns_for_children", nsproxy::pid_ns_for_children_byte_offset(), nsproxy::pid_ns_for_children_byte_size(), 32, 8);
    c.offset("nsproxy.net_ns", nsproxy::net_ns_byte_offset(), nsproxy::net_ns_byte_size(), 40, 8);
    c.offset("nsproxy.time_ns", nsproxy::time_ns_byte_offset(), nsproxy::time_ns_byte_size(), 48, 8);
    c.offset("nsproxy.time_ns_for_children", nsproxy::time_ns_for_children_byte_offset(), nsproxy::time_ns_for_children_byte_size(), 56, 8);
    c.offset("nsproxy.cgroup_ns", nsproxy::cgroup_ns_byte_offset(), nsproxy::cgroup_ns_byte_size(), 64, 8);
    c.embedded("nsproxy.count", p.count().map(|h| h.map(Ptr::addr)), 0);
    c.value("nsproxy.uts_ns", p.uts_ns(), 8);
    c.value("nsproxy.ipc_ns", p.ipc_ns(), 16);
    c.value("nsproxy.mnt_ns", p.mnt_ns(), 24);
    c.value("nsproxy.pid_ns_for_children", p.pid_ns_for_children(), 32);
    c.value("nsproxy.net_ns", p.net_ns(), 40);
    c.value("nsproxy.time_ns", p.time_ns(), 48);
    c.value("nsproxy.time_ns_for_children", p.time_ns_for_children(), 56);
    c.value("nsproxy.cgroup_ns", p.cgroup_ns(), 64);
}

fn check_uts_namespace(c: &mut Checker) {
    let _sim = c.install(488);
    let p = KernelPtr::<uts_namespace>::from_addr(BASE);
    c.offset("uts_namespace.name", uts_namespace::name_byte_offset(), uts_namespace::name_byte_size(), 0, 390);
    c.offset("uts_namespace.user_ns", uts_namespace::user_ns_byte_offset(), uts_namespace::user_ns_byte_size(), 392, 8);
    c.offset("uts_namespace.ucounts", uts_namespace::ucounts_byte_offset(), uts_namespace::ucounts_byte_size(), 400, 8);
    c.offset("uts_namespace.ns", uts_namespace::ns_byte_offset(), uts_namespace::ns_byte_size(), 408, 80);
    c.embedded("uts_namespace.name", p.name().map(|h| h.map(Ptr::addr)), 0);
    c.value("uts_namespace.user_ns", p.user_ns(), 392);
    c.value("uts_namespace.ucounts", p.ucounts(), 400);
    c.embedded("uts_namespace.ns", p.ns().map(|h| h.map(Ptr::addr)), 408);
}

fn check_new_utsname(c: &mut Checker) {
    let _sim = c.install(390);
    let p = KernelPtr::<new_utsname>::from_addr(BASE);
    c.offset("new_utsname.sysname", new_utsname::sysname_byte_offset(), new_utsname::sysname_byte_size(), 0, 65);
    c.offset("new_utsname.nodename", new_utsname::nodename_byte_offset(), new_utsname::nodename_byte_size(), 65, 65);
    c.offset("new_utsname.release", new_utsname::release_byte_offset(), new_utsname::release_byte_size(), 130, 65);
    c.offset("new_utsname.version", new_utsname::version_byte_offset(), new_utsname::version_byte_size(), 195, 65);
    c.offset("new_utsname.machine", new_utsname::machine_byte_offset(), new_utsname::machine_byte_size(), 260, 65);
    c.offset("new_utsname.domainname", new_utsname::domainname_byte_offset(), new_utsname::domainname_byte_size(), 325, 65);
    c.value("new_utsname.sysname", p.sysname(), 0);
    c.value("new_utsname.nodename", p.nodename(), 65);
    c.value("new_utsname.release", p.release(), 130);
    c.value("new_utsname.version", p.version(), 195);
    c.value("new_utsname.machine", p.machine(), 260);
    c.value("new_utsname.domainname", p.domainname(), 325);
}

fn check_pid(c: &mut Checker) {
    let _sim = c.install(144);
    let p = KernelPtr::<pid>::from_addr(BASE);
    c.offset("pid.count", pid::count_byte_offset(), pid::count_byte_size(), 0, 4);
    c.offset("pid.level", pid::level_byte_offset(), pid::level_byte_size(), 4, 4);
    c.offset("pid.lock", pid::lock_byte_offset(), pid::lock_byte_size(), 8, 4);
    c.offset("pid.ino", pid::ino_byte_offset(), pid::ino_byte_size(), 16, 8);
    c.offset("pid.pidfs_node", pid::pidfs_node_byte_offset(), pid::pidfs_node_byte_size(), 24, 24);
    c.offset("pid.stashed", pid::stashed_byte_offset(), pid::stashed_byte_size(), 48, 8);
    c.offset("pid.attr", pid::attr_byte_offset(), pid::attr_byte_size(), 56, 8);
    c.offset("pid.tasks", pid::tasks_byte_offset(), pid::tasks_byte_size(), 64, 32);
    c.offset("pid.inodes", pid::inodes_byte_offset(), pid::inodes_byte_size(), 96, 8);
    c.offset("pid.wait_pidfd", pid::wait_pidfd_byte_offset(), pid::wait_pidfd_byte_size(), 104, 24);
    c.offset("pid.rcu", pid::rcu_byte_offset(), pid::rcu_byte_size(), 128, 16);
    c.offset("pid.numbers", pid::numbers_byte_offset(), pid::numbers_byte_size(), 144, 0);
    c.embedded("pid.count", p.count().map(|h| h.map(Ptr::addr)), 0);
    c.value("pid.level", p.level(), 4);
    c.embedded("pid.lock", p.lock().map(|h| h.map(Ptr::addr)), 8);
    c.value("pid.ino", p.ino(), 16);
    c.embedded("pid.pidfs_node", p.pidfs_node().map(|h| h.map(Ptr::addr)), 24);
    c.value("pid.stashed", p.stashed(), 48);
    c.value("pid.attr", p.attr(), 56);
    c.embedded("pid.inodes", p.inodes().map(|h| h.map(Ptr::addr)), 96);
    c.embedded("pid.wait_pidfd", p.wait_pidfd().map(|h| h.map(Ptr::addr)), 104);
    c.embedded("pid.rcu", p.rcu().map(|h| h.map(Ptr::addr)), 128);
}

fn check_upid(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<upid>::from_addr(BASE);
    c.offset("upid.nr", upid::nr_byte_offset(), upid::nr_byte_size(), 0, 4);
    c.offset("upid.ns", upid::ns_byte_offset(), upid::ns_byte_size(), 8, 8);
    c.value("upid.nr", p.nr(), 0);
    c.value("upid.ns", p.ns(), 8);
}

fn check_signal_struct(c: &mut Checker) {
    let _sim = c.install(1152);
    let p = KernelPtr::<signal_struct>::from_addr(BASE);
    c.offset("signal_struct.sigcnt", signal_struct::sigcnt_byte_offset(), signal_struct::sigcnt_byte_size(), 0, 4);
    c.offset("signal_struct.live", signal_struct::live_byte_offset(), signal_struct::live_byte_size(), 4, 4);
    c.offset("signal_struct.nr_threads", signal_struct::nr_threads_byte_offset(), signal_struct::nr_threads_byte_size(), 8, 4);
    c.offset("signal_struct.quick_threads", signal_struct::quick_threads_byte_offset(), signal_struct::quick_threads_byte_size(), 12, 4);
    c.offset("signal_struct.thread_head", signal_struct::thread_head_byte_offset(), signal_struct::thread_head_byte_size(), 16, 16);
    c.offset("signal_struct.wait_chldexit", signal_struct::wait_chldexit_byte_offset(), signal_struct::wait_chldexit_byte_size(), 32, 24);
    c.offset("signal_struct.curr_target", signal_struct::curr_target_byte_offset(), signal_struct::curr_target_byte_size(), 56, 8);
    c.offset("signal_struct.shared_pending", signal_struct::shared_pending_byte_offset(), signal_struct::shared_pending_byte_size(), 64, 24);
    c.offset("signal_struct.multiprocess", signal_struct::multiprocess_byte_offset(), signal_struct::multiprocess_byte_size(), 88, 8);
    c.offset("signal_struct.group_exit_code", signal_struct::group_exit_code_byte_offset(), signal_struct::group_exit_code_byte_size(), 96, 4);
    c.offset("signal_struct.notify_count", signal_struct::notify_count_byte_offset(), signal_struct::notify_count_byte_size(), 100, 4);
    c.offset("signal_struct.group_exec_task", signal_struct::group_exec_task_byte_offset(), signal_struct::group_exec_task_byte_size(), 104, 8);
    c.offset("signal_struct.group_stop_count", signal_struct::group_stop_count_byte_offset(), signal_struct::group_stop_count_byte_size(), 112, 4);
    c.offset("signal_struct.flags", signal_struct::flags_byte_offset(), signal_struct::flags_byte_size(), 116, 4);
    c.offset("signal_struct.core_state", signal_struct::core_state_byte_offset(), signal_struct::core_state_byte_size(), 120, 8);
    c.offset("signal_struct.next_posix_timer_id", signal_struct::next_posix_timer_id_byte_offset(), signal_struct::next_posix_timer_id_byte_size(), 132, 4);
    c.offset("signal_struct.posix_timers", signal_struct::posix_timers_byte_offset(), signal_struct::posix_timers_byte_size(), 136, 8);
    c.offset("signal_struct.ignored_posix_timers", signal_struct::ignored_posix_timers_byte_offset(), signal_struct::ignored_posix_timers_byte_size(), 144, 8);
    c.offset("signal_struct.real_timer", signal_struct::real_timer_byte_offset(), signal_struct::real_timer_byte_size(), 152, 64);
    c.offset("signal_struct.it_real_incr", signal_struct::it_real_incr_byte_offset(), signal_struct::it_real_incr_byte_size(), 216, 8);
    c.offset("signal_struct.it", signal_struct::it_byte_offset(), signal_struct::it_byte_size(), 224, 32);
    c.offset("signal_struct.cputimer", signal_struct::cputimer_byte_offset(), signal_struct::cputimer_byte_size(), 256, 24);
    c.offset("signal_struct.posix_cputimers", signal_struct::posix_cputimers_byte_offset(), signal_struct::posix_cputimers_byte_size(), 280, 80);
    c.offset("signal_struct.pids", signal_struct::pids_byte_offset(), signal_struct::pids_byte_size(), 360, 32);
    c.offset("signal_struct.tty_old_pgrp", signal_struct::tty_old_pgrp_byte_offset(), signal_struct::tty_old_pgrp_byte_size(), 392, 8);
    c.offset("signal_struct.leader", signal_struct::leader_byte_offset(), signal_struct::leader_byte_size(), 400, 4);
    c.offset("signal_struct.tty", signal_struct::tty_byte_offset(), signal_struct::tty_byte_size(), 408, 8);
    c.offset("signal_struct.autogroup", signal_struct::autogroup_byte_offset(), signal_struct::autogroup_byte_size(), 416, 8);
    c.offset("signal_struct.stats_lock", signal_struct::stats_lock_byte_offset(), signal_struct::stats_lock_byte_size(), 424, 8);
    c.offset("signal_struct.utime", signal_struct::utime_byte_offset(), signal_struct::utime_byte_size(), 432, 8);
    c.offset("signal_struct.stime", signal_struct::stime_byte_offset(), signal_struct::stime_byte_size(), 440, 8);
    c.offset("signal_struct.cutime", signal_struct::cutime_byte_offset(), signal_struct::cutime_byte_size(), 448, 8);
    c.offset("signal_struct.cstime", signal_struct::cstime_byte_offset(), signal_struct::cstime_byte_size(), 456, 8);
    c.offset("signal_struct.gtime", signal_struct::gtime_byte_offset(), signal_struct::gtime_byte_size(), 464, 8);
    c.offset("signal_struct.cgtime", signal_struct::cgtime_byte_offset(), signal_struct::cgtime_byte_size(), 472, 8);
    c.offset("signal_struct.prev_cputime", signal_struct::prev_cputime_byte_offset(), signal_struct::prev_cputime_byte_size(), 480, 24);
    c.offset("signal_struct.nvcsw", signal_struct::nvcsw_byte_offset(), signal_struct::nvcsw_byte_size(), 504, 8);
    c.offset("signal_struct.nivcsw", signal_struct::nivcsw_byte_offset(), signal_struct::nivcsw_byte_size(), 512, 8);
    c.offset("signal_struct.cnvcsw", signal_struct::cnvcsw_byte_offset(), signal_struct::cnvcsw_byte_size(), 520, 8);
    c.offset("signal_struct.cnivcsw", signal_struct::cnivcsw_byte_offset(), signal_struct::cnivcsw_byte_size(), 528, 8);
    c.offset("signal_struct.min_flt", signal_struct::min_flt_byte_offset(), signal_struct::min_flt_byte_size(), 536, 8);
    c.offset("signal_struct.maj_flt", signal_struct::maj_flt_byte_offset(), signal_struct::maj_flt_byte_size(), 544, 8);
    c.offset("signal_struct.cmin_flt", signal_struct::cmin_flt_byte_offset(), signal_struct::cmin_flt_byte_size(), 552, 8);
    c.offset("signal_struct.cmaj_flt", signal_struct::cmaj_flt_byte_offset(), signal_struct::cmaj_flt_byte_size(), 560, 8);
    c.offset("signal_struct.inblock", signal_struct::inblock_byte_offset(), signal_struct::inblock_byte_size(), 568, 8);
    c.offset("signal_struct.oublock", signal_struct::oublock_byte_offset(), signal_struct::oublock_byte_size(), 576, 8);
    c.offset("signal_struct.cinblock", signal_struct::cinblock_byte_offset(), signal_struct::cinblock_byte_size(), 584, 8);
    c.offset("signal_struct.coublock", signal_struct::coublock_byte_offset(), signal_struct::coublock_byte_size(), 592, 8);
    c.offset("signal_struct.maxrss", signal_struct::maxrss_byte_offset(), signal_struct::maxrss_byte_size(), 600, 8);
    c.offset("signal_struct.cmaxrss", signal_struct::cmaxrss_byte_offset(), signal_struct::cmaxrss_byte_size(), 608, 8);
    c.offset("signal_struct.ioac", signal_struct::ioac_byte_offset(), signal_struct::ioac_byte_size(), 616, 56);
    c.offset("signal_struct.sum_sched_runtime", signal_struct::sum_sched_runtime_byte_offset(), signal_struct::sum_sched_runtime_byte_size(), 672, 8);
    c.offset("signal_struct.prog_cpu_slot", signal_struct::prog_cpu_slot_byte_offset(), signal_struct::prog_cpu_slot_byte_size(), 680, 4);
    c.offset("signal_struct.rlim", signal_struct::rlim_byte_offset(), signal_struct::rlim_byte_size(), 688, 256);
    c.offset("signal_struct.pacct", signal_struct::pacct_byte_offset(), signal_struct::pacct_byte_size(), 944, 56);
    c.offset("signal_struct.stats", signal_struct::stats_byte_offset(), signal_struct::stats_byte_size(), 1000, 8);
    c.offset("signal_struct.audit_tty", signal_struct::audit_tty_byte_offset(), signal_struct::audit_tty_byte_size(), 1008, 4);
    c.offset("signal_struct.tty_audit_buf", signal_struct::tty_audit_buf_byte_offset(), signal_struct::tty_audit_buf_byte_size(), 1016, 8);
    c.offset("signal_struct.cgroup_threadgroup_rwsem", signal_struct::cgroup_threadgroup_rwsem_byte_offset(), signal_struct::cgroup_threadgroup_rwsem_byte_size(), 1024, 40);
    c.offset("signal_struct.oom_flag_origin", signal_struct::oom_flag_origin_byte_offset(), signal_struct::oom_flag_origin_byte_size(), 1064, 1);
    c.offset("signal_struct.oom_score_adj", signal_struct::oom_score_adj_byte_offset(), signal_struct::oom_score_adj_byte_size(), 1066, 2);
    c.offset("signal_struct.oom_score_adj_min", signal_struct::oom_score_adj_min_byte_offset(), signal_struct::oom_score_adj_min_byte_size(), 1068, 2);
    c.offset("signal_struct.oom_mm", signal_struct::oom_mm_byte_offset(), signal_struct::oom_mm_byte_size(), 1072, 8);
    c.offset("signal_struct.cred_guard_mutex", signal_struct::cred_guard_mutex_byte_offset(), signal_struct::cred_guard_mutex_byte_size(), 1080, 32);
    c.offset("signal_struct.exec_update_lock", signal_struct::exec_update_lock_byte_offset(), signal_struct::exec_update_lock_byte_size(), 1112, 40);
    c.embedded("signal_struct.sigcnt", p.sigcnt().map(|h| h.map(Ptr::addr)), 0);
    c.embedded("signal_struct.live", p.live().map(|h| h.map(Ptr::addr)), 4);
    c.value("signal_struct.live.counter", p.live().and_get(|h| h.counter()), 4);
    c.value("signal_struct.nr_threads", p.nr_threads(), 8);
    c.value("signal_struct.quick_threads", p.quick_threads(), 12);
    c.embedded("signal_struct.thread_head", p.thread_head().map(|h| h.map(Ptr::addr)), 16);
    c.embedded("signal_struct.wait_chldexit", p.wait_chldexit().map(|h| h.map(Ptr::addr)), 32);
    c.value("signal_struct.curr_target", p.curr_target(), 56);
    c.embedded("signal_struct.shared_pending", p.shared_pending().map(|h| h.map(Ptr::addr)), 64);
    c.embedded("signal_struct.multiprocess", p.multiprocess().map(|h| h.map(Ptr::addr)), 88);
    c.value("signal_struct.group_exit_code", p.group_exit_code(), 96);
    c.value("signal_struct.notify_count", p.notify_count(), 100);
    c.value("signal_struct.group_exec_task", p.group_exec_task(), 104);
    c.value("signal_struct.group_stop_count", p.group_stop_count(), 112);
    c.value("signal_struct.flags", p.flags(), 116);
    c.value("signal_struct.core_state", p.core_state(), 120);
    c.bitfield("signal_struct.is_child_subreaper", 1152, 1024, 1, false, || p.is_child_subreaper());
    c.bitfield("signal_struct.has_child_subreaper", 1152, 1025, 1, false, || p.has_child_subreaper());
    c.bitfield("signal_struct.timer_create_restore_ids", 1152, 1026, 1, false, || p.timer_create_restore_ids());
    c.embedded("signal_struct.next_posix_timer_id", p.next_posix_timer_id().map(|h| h.map(Ptr::addr)), 132);
    c.value("signal_struct.next_posix_timer_id.counter", p.next_posix_timer_id().and_get(|h| h.counter()), 132);
    c.embedded("signal_struct.posix_timers", p.posix_timers().map(|h| h.map(Ptr::addr)), 136);
    c.embedded("signal_struct.ignored_posix_timers", p.ignored_posix_timers().map(|h| h.map(Ptr::addr)), 144);
    c.embedded("signal_struct.real_timer", p.real_timer().map(|h| h.map(Ptr::addr)), 152);
    c.value("signal_struct.it_real_incr", p.it_real_incr(), 216);
    c.embedded("signal_struct.cputimer", p.cputimer().map(|h| h.map(Ptr::addr)), 256);
    c.embedded("signal_struct.posix_cputimers", p.posix_cputimers().map(|h| h.map(Ptr::addr)), 280);
    c.value("signal_struct.pids", p.pids(), 360);
    c.value("signal_struct.tty_old_pgrp", p.tty_old_pgrp(), 392);
    c.value("signal_struct.leader", p.leader(), 400);
    c.value("signal_struct.tty", p.tty(), 408);
    c.value("signal_struct.autogroup", p.autogroup(), 416);
    c.embedded("signal_struct.stats_lock", p.stats_lock().map(|h| h.map(Ptr::addr)), 424);
    c.embedded("signal_struct.stats_lock.seqcount", p.stats_lock().and_get(|h| h.seqcount()).map(|h| h.map(Ptr::addr)), 424);
    c.embedded("signal_struct.stats_lock.lock", p.stats_lock().and_get(|h| h.lock()).map(|h| h.map(Ptr::addr)), 428);
    c.value("signal_struct.utime", p.utime(), 432);
    c.value("signal_struct.stime", p.stime(), 440);
    c.value("signal_struct.cutime", p.cutime(), 448);
    c.value("signal_struct.cstime", p.cstime(), 456);
    c.value("signal_struct.gtime", p.gtime(), 464);
    c.value("signal_struct.cgtime", p.cgtime(), 472);
    c.embedded("signal_struct.prev_cputime", p.prev_cputime().map(|h| h.map(Ptr::addr)), 480);
    c.value("signal_struct.nvcsw", p.nvcsw(), 504);
    c.value("signal_struct.nivcsw", p.nivcsw(), 512);
    c.value("signal_struct.cnvcsw", p.cnvcsw(), 520);
    c.value("signal_struct.cnivcsw", p.cnivcsw(), 528);
    c.value("signal_struct.min_flt", p.min_flt(), 536);
    c.value("signal_struct.maj_flt", p.maj_flt(), 544);
    c.value("signal_struct.cmin_flt", p.cmin_flt(), 552);
    c.value("signal_struct.cmaj_flt", p.cmaj_flt(), 560);
    c.value("signal_struct.inblock", p.inblock(), 568);
    c.value("signal_struct.oublock", p.oublock(), 576);
    c.value("signal_struct.cinblock", p.cinblock(), 584);
    c.value("signal_struct.coublock", p.coublock(), 592);
    c.value("signal_struct.maxrss", p.maxrss(), 600);
    c.value("signal_struct.cmaxrss", p.cmaxrss(), 608);
    c.embedded("signal_struct.ioac", p.ioac().map(|h| h.map(Ptr::addr)), 616);
    c.value("signal_struct.sum_sched_runtime", p.sum_sched_runtime(), 672);
    c.value("signal_struct.prog_cpu_slot", p.prog_cpu_slot(), 680);
    c.embedded("signal_struct.pacct", p.pacct().map(|h| h.map(Ptr::addr)), 944);
    c.value("signal_struct.stats", p.stats(), 1000);
    c.value("signal_struct.audit_tty", p.audit_tty(), 1008);
    c.value("signal_struct.tty_audit_buf", p.tty_audit_buf(), 1016);
    c.embedded("signal_struct.cgroup_threadgroup_rwsem", p.cgroup_threadgroup_rwsem().map(|h| h.map(Ptr::addr)), 1024);
    c.value("signal_struct.oom_flag_origin", p.oom_flag_origin(), 1064);
    c.value("signal_struct.oom_score_adj", p.oom_score_adj(), 1066);
    c.value("signal_struct.oom_score_adj_min", p.oom_score_adj_min(), 1068);
    c.value("signal_struct.oom_mm", p.oom_mm(), 1072);
    c.embedded("signal_struct.cred_guard_mutex", p.cred_guard_mutex().map(|h| h.map(Ptr::addr)), 1080);
    c.embedded("signal_struct.exec_update_lock", p.exec_update_lock().map(|h| h.map(Ptr::addr)), 1112);
}

fn check_sched_entity(c: &mut Checker) {
    let _sim = c.install(256);
    let p = KernelPtr::<sched_entity>::from_addr(BASE);
    c.offset("sched_entity.load", sched_entity::load_byte_offset(), sched_entity::load_byte_size(), 0, 16);
    c.offset("sched_entity.run_node", sched_entity::run_node_byte_offset(), sched_entity::run_node_byte_size(), 16, 24);
    c.offset("sched_entity.deadline", sched_entity::deadline_byte_offset(), sched_entity::deadline_byte_size(), 40, 8);
    c.offset("sched_entity.min_vruntime", sched_entity::min_vruntime_byte_offset(), sched_entity::min_vruntime_byte_size(), 48, 8);
    c.offset("sched_entity.min_slice", sched_entity::min_slice_byte_offset(), sched_entity::min_slice_byte_size(), 56, 8);
    c.offset("sched_entity.max_slice", sched_entity::max_slice_byte_offset(), sched_entity::max_slice_byte_size(), 64, 8);
    c.offset("sched_entity.group_node", sched_entity::group_node_byte_offset(), sched_entity::group_node_byte_size(), 72, 16);
    c.offset("sched_entity.on_rq", sched_entity::on_rq_byte_offset(), sched_entity::on_rq_byte_size(), 88, 1);
    c.offset("sched_entity.sched_delayed", sched_entity::sched_delayed_byte_offset(), sched_entity::sched_delayed_byte_size(), 89, 1);
    c.offset("sched_entity.rel_deadline", sched_entity::rel_deadline_byte_offset(), sched_entity::rel_deadline_byte_size(), 90, 1);
    c.offset("sched_entity.custom_slice", sched_entity::custom_slice_byte_offset(), sched_entity::custom_slice_byte_size(), 91, 1);
    c.offset("sched_entity.exec_start", sched_entity::exec_start_byte_offset(), sched_entity::exec_start_byte_size(), 96, 8);
    c.offset("sched_entity.sum_exec_runtime", sched_entity::sum_exec_runtime_byte_offset(), sched_entity::sum_exec_runtime_byte_size(), 104, 8);
    c.offset("sched_entity.prev_sum_exec_runtime", sched_entity::prev_sum_exec_runtime_byte_offset(), sched_entity::prev_sum_exec_runtime_byte_size(), 112, 8);
    c.offset("sched_entity.vruntime", sched_entity::vruntime_byte_offset(), sched_entity::vruntime_byte_size(), 120, 8);
    c.offset("sched_entity.vlag", sched_entity::vlag_byte_offset(), sched_entity::vlag_byte_size(), 128, 8);
    c.offset("sched_entity.vprot", sched_entity::vprot_byte_offset(), sched_entity::vprot_byte_size(), 128, 8);
    c.offset("sched_entity.slice", sched_entity::slice_byte_offset(), sched_entity::slice_byte_size(), 136, 8);
    c.offset("sched_entity.nr_migrations", sched_entity::nr_migrations_byte_offset(), sched_entity::nr_migrations_byte_size(), 144, 8);
    c.offset("sched_entity.depth", sched_entity::depth_byte_offset(), sched_entity::depth_byte_size(), 152, 4);
    c.offset("sched_entity.parent", sched_entity::parent_byte_offset(), sched_entity::parent_byte_size(), 160, 8);
    c.offset("sched_entity.cfs_rq", sched_entity::cfs_rq_byte_offset(), sched_entity::cfs_rq_byte_size(), 168, 8);
    c.offset("sched_entity.my_q", sched_entity::my_q_byte_offset(), sched_entity::my_q_byte_size(), 176, 8);
    c.offset("sched_entity.runnable_weight", sched_entity::runnable_weight_byte_offset(), sched_entity::runnable_weight_byte_size(), 184, 8);
    c.offset("sched_entity.avg", sched_entity::avg_byte_offset(), sched_entity::avg_byte_size(), 192, 64);
    c.embedded("sched_entity.load", p.load().map(|h| h.map(Ptr::addr)), 0);
    c.embedded("sched_entity.run_node", p.run_node().map(|h| h.map(Ptr::addr)), 16);
    c.value("sched_entity.deadline", p.deadline(), 40);
    c.value("sched_entity.min_vruntime", p.min_vruntime(), 48);
    c.value("sched_entity.min_slice", p.min_slice(), 56);
    c.value("sched_entity.max_slice", p.max_slice(), 64);
    c.embedded("sched_entity.group_node", p.group_node().map(|h| h.map(Ptr::addr)), 72);
    c.value("sched_entity.on_rq", p.on_rq(), 88);
    c.value("sched_entity.sched_delayed", p.sched_delayed(), 89);
    c.value("sched_entity.rel_deadline", p.rel_deadline(), 90);
    c.value("sched_entity.custom_slice", p.custom_slice(), 91);
    c.value("sched_entity.exec_start", p.exec_start(), 96);
    c.value("sched_entity.sum_exec_runtime", p.sum_exec_runtime(), 104);
    c.value("sched_entity.prev_sum_exec_runtime", p.prev_sum_exec_runtime(), 112);
    c.value("sched_entity.vruntime", p.vruntime(), 120);
    c.value("sched_entity.vlag", p.vlag(), 128);
    c.value("sched_entity.vprot", p.vprot(), 128);
    c.value("sched_entity.slice", p.slice(), 136);
    c.value("sched_entity.nr_migrations", p.nr_migrations(), 144);
    c.value("sched_entity.depth", p.depth(), 152);
    c.value("sched_entity.parent", p.parent(), 160);
    c.value("sched_entity.cfs_rq", p.cfs_rq(), 168);
    c.value("sched_entity.my_q", p.my_q(), 176);
    c.value("sched_entity.runnable_weight", p.runnable_weight(), 184);
    c.embedded("sched_entity.avg", p.avg().map(|h| h.map(Ptr::addr)), 192);
}

fn check_list_head(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<list_head>::from_addr(BASE);
    c.offset("list_head.next", list_head::next_byte_offset(), list_head::next_byte_size(), 0, 8);
    c.offset("list_head.prev", list_head::prev_byte_offset(), list_head::prev_byte_size(), 8, 8);
    c.value("list_head.next", p.next(), 0);
    c.value("list_head.prev", p.prev(), 8);
}

fn check_thread_info(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<thread_info>::from_addr(BASE);
    c.offset("thread_info.flags", thread_info::flags_byte_offset(), thread_info::flags_byte_size(), 0, 8);
    c.offset("thread_info.syscall_work", thread_info::syscall_work_byte_offset(), thread_info::syscall_work_byte_size(), 8, 8);
    c.offset("thread_info.status", thread_info::status_byte_offset(), thread_info::status_byte_size(), 16, 4);
    c.offset("thread_info.cpu", thread_info::cpu_byte_offset(), thread_info::cpu_byte_size(), 20, 4);
    c.value("thread_info.flags", p.flags(), 0);
    c.value("thread_info.syscall_work", p.syscall_work(), 8);
    c.value("thread_info.status", p.status(), 16);
    c.value("thread_info.cpu", p.cpu(), 20);
}

fn check_refcount_struct(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<refcount_struct>::from_addr(BASE);
    c.offset("refcount_struct.refs", refcount_struct::refs_byte_offset(), refcount_struct::refs_byte_size(), 0, 4);
    c.embedded("refcount_struct.refs", p.refs().map(|h| h.map(Ptr::addr)), 0);
    c.value("refcount_struct.refs.counter", p.refs().and_get(|h| h.counter()), 0);
}

fn check___call_single_node(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<__call_single_node>::from_addr(BASE);
    c.offset("__call_single_node.llist", __call_single_node::llist_byte_offset(), __call_single_node::llist_byte_size(), 0, 8);
    c.offset("__call_single_node.u_flags", __call_single_node::u_flags_byte_offset(), __call_single_node::u_flags_byte_size(), 8, 4);
    c.offset("__call_single_node.a_flags", __call_single_node::a_flags_byte_offset(), __call_single_node::a_flags_byte_size(), 8, 4);
    c.offset("__call_single_node.src", __call_single_node::src_byte_offset(), __call_single_node::src_byte_size(), 12, 2);
    c.offset("__call_single_node.dst", __call_single_node::dst_byte_offset(), __call_single_node::dst_byte_size(), 14, 2);
    c.embedded("__call_single_node.llist", p.llist().map(|h| h.map(Ptr::addr)), 0);
    c.value("__call_single_node.u_flags", p.u_flags(), 8);
    c.embedded("__call_single_node.a_flags", p.a_flags().map(|h| h.map(Ptr::addr)), 8);
    c.value("__call_single_node.a_flags.counter", p.a_flags().and_get(|h| h.counter()), 8);
    c.value("__call_single_node.src", p.src(), 12);
    c.value("__call_single_node.dst", p.dst(), 14);
}

fn check_llist_node(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<llist_node>::from_addr(BASE);
    c.offset("llist_node.next", llist_node::next_byte_offset(), llist_node::next_byte_size(), 0, 8);
    c.value("llist_node.next", p.next(), 0);
}

fn check_load_weight(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<load_weight>::from_addr(BASE);
    c.offset("load_weight.weight", load_weight::weight_byte_offset(), load_weight::weight_byte_size(), 0, 8);
    c.offset("load_weight.inv_weight", load_weight::inv_weight_byte_offset(), load_weight::inv_weight_byte_size(), 8, 4);
    c.value("load_weight.weight", p.weight(), 0);
    c.value("load_weight.inv_weight", p.inv_weight(), 8);
}

fn check_rb_node(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<rb_node>::from_addr(BASE);
    c.offset("rb_node.__rb_parent_color", rb_node::__rb_parent_color_byte_offset(), rb_node::__rb_parent_color_byte_size(), 0, 8);
    c.offset("rb_node.rb_right", rb_node::rb_right_byte_offset(), rb_node::rb_right_byte_size(), 8, 8);
    c.offset("rb_node.rb_left", rb_node::rb_left_byte_offset(), rb_node::rb_left_byte_size(), 16, 8);
    c.value("rb_node.__rb_parent_color", p.__rb_parent_color(), 0);
    c.value("rb_node.rb_right", p.rb_right(), 8);
    c.value("rb_node.rb_left", p.rb_left(), 16);
}

fn check_sched_avg(c: &mut Checker) {
    let _sim = c.install(64);
    let p = KernelPtr::<sched_avg>::from_addr(BASE);
    c.offset("sched_avg.last_update_time", sched_avg::last_update_time_byte_offset(), sched_avg::last_update_time_byte_size(), 0, 8);
    c.offset("sched_avg.load_sum", sched_avg::load_sum_byte_offset(), sched_avg::load_sum_byte_size(), 8, 8);
    c.offset("sched_avg.runnable_sum", sched_avg::runnable_sum_byte_offset(), sched_avg::runnable_sum_byte_size(), 16, 8);
    c.offset("sched_avg.util_sum", sched_avg::util_sum_byte_offset(), sched_avg::util_sum_byte_size(), 24, 4);
    c.offset("sched_avg.period_contrib", sched_avg::period_contrib_byte_offset(), sched_avg::period_contrib_byte_size(), 28, 4);
    c.offset("sched_avg.load_avg", sched_avg::load_avg_byte_offset(), sched_avg::load_avg_byte_size(), 32, 8);
    c.offset("sched_avg.runnable_avg", sched_avg::runnable_avg_byte_offset(), sched_avg::runnable_avg_byte_size(), 40, 8);
    c.offset("sched_avg.util_avg", sched_avg::util_avg_byte_offset(), sched_avg::util_avg_byte_size(), 48, 8);
    c.offset("sched_avg.util_est", sched_avg::util_est_byte_offset(), sched_avg::util_est_byte_size(), 56, 4);
    c.value("sched_avg.last_update_time", p.last_update_time(), 0);
    c.value("sched_avg.load_sum", p.load_sum(), 8);
    c.value("sched_avg.runnable_sum", p.runnable_sum(), 16);
    c.value("sched_avg.util_sum", p.util_sum(), 24);
    c.value("sched_avg.period_contrib", p.period_contrib(), 28);
    c.value("sched_avg.load_avg", p.load_avg(), 32);
    c.value("sched_avg.runnable_avg", p.runnable_avg(), 40);
    c.value("sched_avg.util_avg", p.util_avg(), 48);
    c.value("sched_avg.util_est", p.util_est(), 56);
}

fn check_sched_rt_entity(c: &mut Checker) {
    let _sim = c.install(72);
    let p = KernelPtr::<sched_rt_entity>::from_addr(BASE);
    c.offset("sched_rt_entity.run_list", sched_rt_entity::run_list_byte_offset(), sched_rt_entity::run_list_byte_size(), 0, 16);
    c.offset("sched_rt_entity.timeout", sched_rt_entity::timeout_byte_offset(), sched_rt_entity::timeout_byte_size(), 16, 8);
    c.offset("sched_rt_entity.watchdog_stamp", sched_rt_entity::watchdog_stamp_byte_offset(), sched_rt_entity::watchdog_stamp_byte_size(), 24, 8);
    c.offset("sched_rt_entity.time_slice", sched_rt_entity::time_slice_byte_offset(), sched_rt_entity::time_slice_byte_size(), 32, 4);
    c.offset("sched_rt_entity.on_rq", sched_rt_entity::on_rq_byte_offset(), sched_rt_entity::on_rq_byte_size(), 36, 2);
    c.offset("sched_rt_entity.on_list", sched_rt_entity::on_list_byte_offset(), sched_rt_entity::on_list_byte_size(), 38, 2);
    c.offset("sched_rt_entity.back", sched_rt_entity::back_byte_offset(), sched_rt_entity::back_byte_size(), 40, 8);
    c.offset("sched_rt_entity.parent", sched_rt_entity::parent_byte_offset(), sched_rt_entity::parent_byte_size(), 48, 8);
    c.offset("sched_rt_entity.rt_rq", sched_rt_entity::rt_rq_byte_offset(), sched_rt_entity::rt_rq_byte_size(), 56, 8);
    c.offset("sched_rt_entity.my_q", sched_rt_entity::my_q_byte_offset(), sched_rt_entity::my_q_byte_size(), 64, 8);
    c.embedded("sched_rt_entity.run_list", p.run_list().map(|h| h.map(Ptr::addr)), 0);
    c.value("sched_rt_entity.timeout", p.timeout(), 16);
    c.value("sched_rt_entity.watchdog_stamp", p.watchdog_stamp(), 24);
    c.value("sched_rt_entity.time_slice", p.time_slice(), 32);
    c.value("sched_rt_entity.on_rq", p.on_rq(), 36);
    c.value("sched_rt_entity.on_list", p.on_list(), 38);
    c.value("sched_rt_entity.back", p.back(), 40);
    c.value("sched_rt_entity.parent", p.parent(), 48);
    c.value("sched_rt_entity.rt_rq", p.rt_rq(), 56);
    c.value("sched_rt_entity.my_q", p.my_q(), 64);
}

fn check_sched_dl_entity(c: &mut Checker) {
    let _sim = c.install(240);
    let p = KernelPtr::<sched_dl_entity>::from_addr(BASE);
    c.offset("sched_dl_entity.rb_node", sched_dl_entity::rb_node_byte_offset(), sched_dl_entity::rb_node_byte_size(), 0, 24);
    c.offset("sched_dl_entity.dl_runtime", sched_dl_entity::dl_runtime_byte_offset(), sched_dl_entity::dl_runtime_byte_size(), 24, 8);
    c.offset("sched_dl_entity.dl_deadline", sched_dl_entity::dl_deadline_byte_offset(), sched_dl_entity::dl_deadline_byte_size(), 32, 8);
    c.offset("sched_dl_entity.dl_period", sched_dl_entity::dl_period_byte_offset(), sched_dl_entity::dl_period_byte_size(), 40, 8);
    c.offset("sched_dl_entity.dl_bw", sched_dl_entity::dl_bw_byte_offset(), sched_dl_entity::dl_bw_byte_size(), 48, 8);
    c.offset("sched_dl_entity.dl_density", sched_dl_entity::dl_density_byte_offset(), sched_dl_entity::dl_density_byte_size(), 56, 8);
    c.offset("sched_dl_entity.runtime", sched_dl_entity::runtime_byte_offset(), sched_dl_entity::runtime_byte_size(), 64, 8);
    c.offset("sched_dl_entity.deadline", sched_dl_entity::deadline_byte_offset(), sched_dl_entity::deadline_byte_size(), 72, 8);
    c.offset("sched_dl_entity.flags", sched_dl_entity::flags_byte_offset(), sched_dl_entity::flags_byte_size(), 80, 4);
    c.offset("sched_dl_entity.dl_timer", sched_dl_entity::dl_timer_byte_offset(), sched_dl_entity::dl_timer_byte_size(), 88, 64);
    c.offset("sched_dl_entity.inactive_timer", sched_dl_entity::inactive_timer_byte_offset(), sched_dl_entity::inactive_timer_byte_size(), 152, 64);
    c.offset("sched_dl_entity.rq", sched_dl_entity::rq_byte_offset(), sched_dl_entity::rq_byte_size(), 216, 8);
    c.offset("sched_dl_entity.server_pick_task", sched_dl_entity::server_pick_task_byte_offset(), sched_dl_entity::server_pick_task_byte_size(), 224, 8);
    c.offset("sched_dl_entity.pi_se", sched_dl_entity::pi_se_byte_offset(), sched_dl_entity::pi_se_byte_size(), 232, 8);
    c.embedded("sched_dl_entity.rb_node", p.rb_node().map(|h| h.map(Ptr::addr)), 0);
    c.value("sched_dl_entity.dl_runtime", p.dl_runtime(), 24);
    c.value("sched_dl_entity.dl_deadline", p.dl_deadline(), 32);
    c.value("sched_dl_entity.dl_period", p.dl_period(), 40);
    c.value("sched_dl_entity.dl_bw", p.dl_bw(), 48);
    c.value("sched_dl_entity.dl_density", p.dl_density(), 56);
    c.value("sched_dl_entity.runtime", p.runtime(), 64);
    c.value("sched_dl_entity.deadline", p.deadline(), 72);
    c.value("sched_dl_entity.flags", p.flags(), 80);
    c.bitfield("sched_dl_entity.dl_throttled", 240, 672, 1, false, || p.dl_throttled());
    c.bitfield("sched_dl_entity.dl_yielded", 240, 673, 1, false, || p.dl_yielded());
    c.bitfield("sched_dl_entity.dl_non_contending", 240, 674, 1, false, || p.dl_non_contending());
    c.bitfield("sched_dl_entity.dl_overrun", 240, 675, 1, false, || p.dl_overrun());
    c.bitfield("sched_dl_entity.dl_server", 240, 676, 1, false, || p.dl_server());
    c.bitfield("sched_dl_entity.dl_server_active", 240, 677, 1, false, || p.dl_server_active());
    c.bitfield("sched_dl_entity.dl_defer", 240, 678, 1, false, || p.dl_defer());
    c.bitfield("sched_dl_entity.dl_defer_armed", 240, 679, 1, false, || p.dl_defer_armed());
    c.bitfield("sched_dl_entity.dl_defer_running", 240, 680, 1, false, || p.dl_defer_running());
    c.embedded("sched_dl_entity.dl_timer", p.dl_timer().map(|h| h.map(Ptr::addr)), 88);
    c.embedded("sched_dl_entity.inactive_timer", p.inactive_timer().map(|h| h.map(Ptr::addr)), 152);
    c.value("sched_dl_entity.rq", p.rq(), 216);
    c.value("sched_dl_entity.server_pick_task", p.server_pick_task(), 224);
    c.value("sched_dl_entity.pi_se", p.pi_se(), 232);
}

fn check_hrtimer(c: &mut Checker) {
    let _sim = c.install(64);
    let p = KernelPtr::<hrtimer>::from_addr(BASE);
    c.offset("hrtimer.node", hrtimer::node_byte_offset(), hrtimer::node_byte_size(), 0, 32);
    c.offset("hrtimer._softexpires", hrtimer::_softexpires_byte_offset(), hrtimer::_softexpires_byte_size(), 32, 8);
    c.offset("hrtimer.function", hrtimer::function_byte_offset(), hrtimer::function_byte_size(), 40, 8);
    c.offset("hrtimer.base", hrtimer::base_byte_offset(), hrtimer::base_byte_size(), 48, 8);
    c.offset("hrtimer.state", hrtimer::state_byte_offset(), hrtimer::state_byte_size(), 56, 1);
    c.offset("hrtimer.is_rel", hrtimer::is_rel_byte_offset(), hrtimer::is_rel_byte_size(), 57, 1);
    c.offset("hrtimer.is_soft", hrtimer::is_soft_byte_offset(), hrtimer::is_soft_byte_size(), 58, 1);
    c.offset("hrtimer.is_hard", hrtimer::is_hard_byte_offset(), hrtimer::is_hard_byte_size(), 59, 1);
    c.embedded("hrtimer.node", p.node().map(|h| h.map(Ptr::addr)), 0);
    c.value("hrtimer._softexpires", p._softexpires(), 32);
    c.value("hrtimer.function", p.function(), 40);
    c.value("hrtimer.base", p.base(), 48);
    c.value("hrtimer.state", p.state(), 56);
    c.value("hrtimer.is_rel", p.is_rel(), 57);
    c.value("hrtimer.is_soft", p.is_soft(), 58);
    c.value("hrtimer.is_hard", p.is_hard(), 59);
}

fn check_timerqueue_node(c: &mut Checker) {
    let _sim = c.install(32);
    let p = KernelPtr::<timerqueue_node>::from_addr(BASE);
    c.offset("timerqueue_node.node", timerqueue_node::node_byte_offset(), timerqueue_node::node_byte_size(), 0, 24);
    c.offset("timerqueue_node.expires", timerqueue_node::expires_byte_offset(), timerqueue_node::expires_byte_size(), 24, 8);
    c.embedded("timerqueue_node.node", p.node().map(|h| h.map(Ptr::addr)), 0);
    c.value("timerqueue_node.expires", p.expires(), 24);
}

fn check_callback_head(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<callback_head>::from_addr(BASE);
    c.offset("callback_head.next", callback_head::next_byte_offset(), callback_head::next_byte_size(), 0, 8);
    c.offset("callback_head.func", callback_head::func_byte_offset(), callback_head::func_byte_size(), 8, 8);
    c.value("callback_head.next", p.next(), 0);
    c.value("callback_head.func", p.func(), 8);
}

fn check_sched_statistics(c: &mut Checker) {
    let _sim = c.install(0);
}

fn check_hlist_head(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<hlist_head>::from_addr(BASE);
    c.offset("hlist_head.first", hlist_head::first_byte_offset(), hlist_head::first_byte_size(), 0, 8);
    c.value("hlist_head.first", p.first(), 0);
}

fn check_cpumask(c: &mut Checker) {
    let _sim = c.install(32);
    let p = KernelPtr::<cpumask>::from_addr(BASE);
    c.offset("cpumask.bits", cpumask::bits_byte_offset(), cpumask::bits_byte_size(), 0, 32);
    c.value("cpumask.bits", p.bits(), 0);
}

fn check_sched_info(c: &mut Checker) {
    let _sim = c.install(48);
    let p = KernelPtr::<sched_info>::from_addr(BASE);
    c.offset("sched_info.pcount", sched_info::pcount_byte_offset(), sched_info::pcount_byte_size(), 0, 8);
    c.offset("sched_info.run_delay", sched_info::run_delay_byte_offset(), sched_info::run_delay_byte_size(), 8, 8);
    c.offset("sched_info.max_run_delay", sched_info::max_run_delay_byte_offset(), sched_info::max_run_delay_byte_size(), 16, 8);
    c.offset("sched_info.min_run_delay", sched_info::min_run_delay_byte_offset(), sched_info::min_run_delay_byte_size(), 24, 8);
    c.offset("sched_info.last_arrival", sched_info::last_arrival_byte_offset(), sched_info::last_arrival_byte_size(), 32, 8);
    c.offset("sched_info.last_queued", sched_info::last_queued_byte_offset(), sched_info::last_queued_byte_size(), 40, 8);
    c.value("sched_info.pcount", p.pcount(), 0);
    c.value("sched_info.run_delay", p.run_delay(), 8);
    c.value("sched_info.max_run_delay", p.max_run_delay(), 16);
    c.value("sched_info.min_run_delay", p.min_run_delay(), 24);
    c.value("sched_info.last_arrival", p.last_arrival(), 32);
    c.value("sched_info.last_queued", p.last_queued(), 40);
}

fn check_plist_node(c: &mut Checker) {
    let _sim = c.install(40);
    let p = KernelPtr::<plist_node>::from_addr(BASE);
    c.offset("plist_node.prio", plist_node::prio_byte_offset(), plist_node::prio_byte_size(), 0, 4);
    c.offset("plist_node.prio_list", plist_node::prio_list_byte_offset(), plist_node::prio_list_byte_size(), 8, 16);
    c.offset("plist_node.node_list", plist_node::node_list_byte_offset(), plist_node::node_list_byte_size(), 24, 16);
    c.value("plist_node.prio", p.prio(), 0);
    c.embedded("plist_node.prio_list", p.prio_list().map(|h| h.map(Ptr::addr)), 8);
    c.embedded("plist_node.node_list", p.node_list().map(|h| h.map(Ptr::addr)), 24);
}

fn check_restart_block(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<restart_block>::from_addr(BASE);
    c.offset("restart_block.arch_data", restart_block::arch_data_byte_offset(), restart_block::arch_data_byte_size(), 0, 8);
    c.offset("restart_block.fn", restart_block::fn_byte_offset(), restart_block::fn_byte_size(), 8, 8);
    c.offset("restart_block.futex", restart_block::futex_byte_offset(), restart_block::futex_byte_size(), 16, 40);
    c.offset("restart_block.nanosleep", restart_block::nanosleep_byte_offset(), restart_block::nanosleep_byte_size(), 16, 24);
    c.offset("restart_block.poll", restart_block::poll_byte_offset(), restart_block::poll_byte_size(), 16, 32);
    c.value("restart_block.arch_data", p.arch_data(), 0);
    c.value("restart_block.fn", p.r#fn(), 8);
    c.embedded("restart_block.futex", p.futex().map(|h| h.map(Ptr::addr)), 16);
    c.value("restart_block.futex.uaddr", p.futex().and_get(|h| h.uaddr()), 16);
    c.value("restart_block.futex.val", p.futex().and_get(|h| h.val()), 24);
    c.value("restart_block.futex.flags", p.futex().and_get(|h| h.flags()), 28);
    c.value("restart_block.futex.bitset", p.futex().and_get(|h| h.bitset()), 32);
    c.value("restart_block.futex.time", p.futex().and_get(|h| h.time()), 40);
    c.value("restart_block.futex.uaddr2", p.futex().and_get(|h| h.uaddr2()), 48);
    c.embedded("restart_block.nanosleep", p.nanosleep().map(|h| h.map(Ptr::addr)), 16);
    c.value("restart_block.nanosleep.clockid", p.nanosleep().and_get(|h| h.clockid()), 16);
    c.value("restart_block.nanosleep.rmtp", p.nanosleep().and_get(|h| h.rmtp()), 24);
    c.value("restart_block.nanosleep.compat_rmtp", p.nanosleep().and_get(|h| h.compat_rmtp()), 24);
    c.value("restart_block.nanosleep.expires", p.nanosleep().and_get(|h| h.expires()), 32);
    c.embedded("restart_block.poll", p.poll().map(|h| h.map(Ptr::addr)), 16);
    c.value("restart_block.poll.ufds", p.poll().and_get(|h| h.ufds()), 16);
    c.value("restart_block.poll.nfds", p.poll().and_get(|h| h.nfds()), 24);
    c.value("restart_block.poll.has_timeout", p.poll().and_get(|h| h.has_timeout()), 28);
    c.value("restart_block.poll.tv_sec", p.poll().and_get(|h| h.tv_sec()), 32);
    c.value("restart_block.poll.tv_nsec", p.poll().and_get(|h| h.tv_nsec()), 40);
}

fn check_hlist_node(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<hlist_node>::from_addr(BASE);
    c.offset("hlist_node.next", hlist_node::next_byte_offset(), hlist_node::next_byte_size(), 0, 8);
    c.offset("hlist_node.pprev", hlist_node::pprev_byte_offset(), hlist_node::pprev_byte_size(), 8, 8);
    c.value("hlist_node.next", p.next(), 0);
    c.value("hlist_node.pprev", p.pprev(), 8);
}

fn check_prev_cputime(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<prev_cputime>::from_addr(BASE);
    c.offset("prev_cputime.utime", prev_cputime::utime_byte_offset(), prev_cputime::utime_byte_size(), 0, 8);
    c.offset("prev_cputime.stime", prev_cputime::stime_byte_offset(), prev_cputime::stime_byte_size(), 8, 8);
    c.offset("prev_cputime.lock", prev_cputime::lock_byte_offset(), prev_cputime::lock_byte_size(), 16, 4);
    c.value("prev_cputime.utime", p.utime(), 0);
    c.value("prev_cputime.stime", p.stime(), 8);
    c.embedded("prev_cputime.lock", p.lock().map(|h| h.map(Ptr::addr)), 16);
}

fn check_raw_spinlock(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<raw_spinlock>::from_addr(BASE);
    c.offset("raw_spinlock.raw_lock", raw_spinlock::raw_lock_byte_offset(), raw_spinlock::raw_lock_byte_size(), 0, 4);
    c.embedded("raw_spinlock.raw_lock", p.raw_lock().map(|h| h.map(Ptr::addr)), 0);
}

fn check_qspinlock(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<qspinlock>::from_addr(BASE);
    c.offset("qspinlock.val", qspinlock::val_byte_offset(), qspinlock::val_byte_size(), 0, 4);
    c.offset("qspinlock.locked", qspinlock::locked_byte_offset(), qspinlock::locked_byte_size(), 0, 1);
    c.offset("qspinlock.pending", qspinlock::pending_byte_offset(), qspinlock::pending_byte_size(), 1, 1);
    c.offset("qspinlock.locked_pending", qspinlock::locked_pending_byte_offset(), qspinlock::locked_pending_byte_size(), 0, 2);
    c.offset("qspinlock.tail", qspinlock::tail_byte_offset(), qspinlock::tail_byte_size(), 2, 2);
    c.embedded("qspinlock.val", p.val().map(|h| h.map(Ptr::addr)), 0);
    c.value("qspinlock.val.counter", p.val().and_get(|h| h.counter()), 0);
    c.value("qspinlock.locked", p.locked(), 0);
    c.value("qspinlock.pending", p.pending(), 1);
    c.value("qspinlock.locked_pending", p.locked_pending(), 0);
    c.value("qspinlock.tail", p.tail(), 2);
}

fn check_posix_cputimers(c: &mut Checker) {
    let _sim = c.install(80);
    let p = KernelPtr::<posix_cputimers>::from_addr(BASE);
    c.offset("posix_cputimers.bases", posix_cputimers::bases_byte_offset(), posix_cputimers::bases_byte_size(), 0, 72);
    c.offset("posix_cputimers.timers_active", posix_cputimers::timers_active_byte_offset(), posix_cputimers::timers_active_byte_size(), 72, 4);
    c.offset("posix_cputimers.expiry_active", posix_cputimers::expiry_active_byte_offset(), posix_cputimers::expiry_active_byte_size(), 76, 4);
    c.value("posix_cputimers.timers_active", p.timers_active(), 72);
    c.value("posix_cputimers.expiry_active", p.expiry_active(), 76);
}

fn check_posix_cputimer_base(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<posix_cputimer_base>::from_addr(BASE);
    c.offset("posix_cputimer_base.nextevt", posix_cputimer_base::nextevt_byte_offset(), posix_cputimer_base::nextevt_byte_size(), 0, 8);
    c.offset("posix_cputimer_base.tqhead", posix_cputimer_base::tqhead_byte_offset(), posix_cputimer_base::tqhead_byte_size(), 8, 16);
    c.value("posix_cputimer_base.nextevt", p.nextevt(), 0);
    c.embedded("posix_cputimer_base.tqhead", p.tqhead().map(|h| h.map(Ptr::addr)), 8);
}

fn check_timerqueue_head(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<timerqueue_head>::from_addr(BASE);
    c.offset("timerqueue_head.rb_root", timerqueue_head::rb_root_byte_offset(), timerqueue_head::rb_root_byte_size(), 0, 16);
    c.embedded("timerqueue_head.rb_root", p.rb_root().map(|h| h.map(Ptr::addr)), 0);
}

fn check_rb_root_cached(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<rb_root_cached>::from_addr(BASE);
    c.offset("rb_root_cached.rb_root", rb_root_cached::rb_root_byte_offset(), rb_root_cached::rb_root_byte_size(), 0, 8);
    c.offset("rb_root_cached.rb_leftmost", rb_root_cached::rb_leftmost_byte_offset(), rb_root_cached::rb_leftmost_byte_size(), 8, 8);
    c.embedded("rb_root_cached.rb_root", p.rb_root().map(|h| h.map(Ptr::addr)), 0);
    c.value("rb_root_cached.rb_leftmost", p.rb_leftmost(), 8);
}

fn check_rb_root(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<rb_root>::from_addr(BASE);
    c.offset("rb_root.rb_node", rb_root::rb_node_byte_offset(), rb_root::rb_node_byte_size(), 0, 8);
    c.value("rb_root.rb_node", p.rb_node(), 0);
}

fn check_posix_cputimers_work(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<posix_cputimers_work>::from_addr(BASE);
    c.offset("posix_cputimers_work.work", posix_cputimers_work::work_byte_offset(), posix_cputimers_work::work_byte_size(), 0, 16);
    c.offset("posix_cputimers_work.mutex", posix_cputimers_work::mutex_byte_offset(), posix_cputimers_work::mutex_byte_size(), 16, 32);
    c.offset("posix_cputimers_work.scheduled", posix_cputimers_work::scheduled_byte_offset(), posix_cputimers_work::scheduled_byte_size(), 48, 4);
    c.embedded("posix_cputimers_work.work", p.work().map(|h| h.map(Ptr::addr)), 0);
    c.embedded("posix_cputimers_work.mutex", p.mutex().map(|h| h.map(Ptr::addr)), 16);
    c.value("posix_cputimers_work.scheduled", p.scheduled(), 48);
}

fn check_mutex(c: &mut Checker) {
    let _sim = c.install(32);
    let p = KernelPtr::<mutex>::from_addr(BASE);
    c.offset("mutex.owner", mutex::owner_byte_offset(), mutex::owner_byte_size(), 0, 8);
    c.offset("mutex.wait_lock", mutex::wait_lock_byte_offset(), mutex::wait_lock_byte_size(), 8, 4);
    c.offset("mutex.osq", mutex::osq_byte_offset(), mutex::osq_byte_size(), 12, 4);
    c.offset("mutex.wait_list", mutex::wait_list_byte_offset(), mutex::wait_list_byte_size(), 16, 16);
    c.embedded("mutex.owner", p.owner().map(|h| h.map(Ptr::addr)), 0);
    c.value("mutex.owner.counter", p.owner().and_get(|h| h.counter()), 0);
    c.embedded("mutex.wait_lock", p.wait_lock().map(|h| h.map(Ptr::addr)), 8);
    c.embedded("mutex.osq", p.osq().map(|h| h.map(Ptr::addr)), 12);
    c.embedded("mutex.wait_list", p.wait_list().map(|h| h.map(Ptr::addr)), 16);
}

fn check_optimistic_spin_queue(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<optimistic_spin_queue>::from_addr(BASE);
    c.offset("optimistic_spin_queue.tail", optimistic_spin_queue::tail_byte_offset(), optimistic_spin_queue::tail_byte_size(), 0, 4);
    c.embedded("optimistic_spin_queue.tail", p.tail().map(|h| h.map(Ptr::addr)), 0);
    c.value("optimistic_spin_queue.tail.counter", p.tail().and_get(|h| h.counter()), 0);
}

fn check_sysv_sem(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<sysv_sem>::from_addr(BASE);
    c.offset("sysv_sem.undo_list", sysv_sem::undo_list_byte_offset(), sysv_sem::undo_list_byte_size(), 0, 8);
    c.value("sysv_sem.undo_list", p.undo_list(), 0);
}

fn check_sysv_shm(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<sysv_shm>::from_addr(BASE);
    c.offset("sysv_shm.shm_clist", sysv_shm::shm_clist_byte_offset(), sysv_shm::shm_clist_byte_size(), 0, 16);
    c.embedded("sysv_shm.shm_clist", p.shm_clist().map(|h| h.map(Ptr::addr)), 0);
}

fn check_sigpending(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<sigpending>::from_addr(BASE);
    c.offset("sigpending.list", sigpending::list_byte_offset(), sigpending::list_byte_size(), 0, 16);
    c.offset("sigpending.signal", sigpending::signal_byte_offset(), sigpending::signal_byte_size(), 16, 8);
    c.embedded("sigpending.list", p.list().map(|h| h.map(Ptr::addr)), 0);
    c.embedded("sigpending.signal", p.signal().map(|h| h.map(Ptr::addr)), 16);
    c.value("sigpending.signal.sig", p.signal().and_get(|h| h.sig()), 16);
}

fn check_seccomp(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<seccomp>::from_addr(BASE);
    c.offset("seccomp.mode", seccomp::mode_byte_offset(), seccomp::mode_byte_size(), 0, 4);
    c.offset("seccomp.filter_count", seccomp::filter_count_byte_offset(), seccomp::filter_count_byte_size(), 4, 4);
    c.offset("seccomp.filter", seccomp::filter_byte_offset(), seccomp::filter_byte_size(), 8, 8);
    c.value("seccomp.mode", p.mode(), 0);
    c.embedded("seccomp.filter_count", p.filter_count().map(|h| h.map(Ptr::addr)), 4);
    c.value("seccomp.filter_count.counter", p.filter_count().and_get(|h| h.counter()), 4);
    c.value("seccomp.filter", p.filter(), 8);
}

fn check_syscall_user_dispatch(c: &mut Checker) {
    let _sim = c.install(32);
    let p = KernelPtr::<syscall_user_dispatch>::from_addr(BASE);
    c.offset("syscall_user_dispatch.selector", syscall_user_dispatch::selector_byte_offset(), syscall_user_dispatch::selector_byte_size(), 0, 8);
    c.offset("syscall_user_dispatch.offset", syscall_user_dispatch::offset_byte_offset(), syscall_user_dispatch::offset_byte_size(), 8, 8);
    c.offset("syscall_user_dispatch.len", syscall_user_dispatch::len_byte_offset(), syscall_user_dispatch::len_byte_size(), 16, 8);
    c.offset("syscall_user_dispatch.on_dispatch", syscall_user_dispatch::on_dispatch_byte_offset(), syscall_user_dispatch::on_dispatch_byte_size(), 24, 1);
    c.value("syscall_user_dispatch.selector", p.selector(), 0);
    c.value("syscall_user_dispatch.offset", p.offset(), 8);
    c.value("syscall_user_dispatch.len", p.len(), 16);
    c.value("syscall_user_dispatch.on_dispatch", p.on_dispatch(), 24);
}

fn check_spinlock(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<spinlock>::from_addr(BASE);
    c.offset("spinlock.rlock", spinlock::rlock_byte_offset(), spinlock::rlock_byte_size(), 0, 4);
    c.embedded("spinlock.rlock", p.rlock().map(|h| h.map(Ptr::addr)), 0);
}

fn check_wake_q_node(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<wake_q_node>::from_addr(BASE);
    c.offset("wake_q_node.next", wake_q_node::next_byte_offset(), wake_q_node::next_byte_size(), 0, 8);
    c.value("wake_q_node.next", p.next(), 0);
}

fn check_task_io_accounting(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<task_io_accounting>::from_addr(BASE);
    c.offset("task_io_accounting.rchar", task_io_accounting::rchar_byte_offset(), task_io_accounting::rchar_byte_size(), 0, 8);
    c.offset("task_io_accounting.wchar", task_io_accounting::wchar_byte_offset(), task_io_accounting::wchar_byte_size(), 8, 8);
    c.offset("task_io_accounting.syscr", task_io_accounting::syscr_byte_offset(), task_io_accounting::syscr_byte_size(), 16, 8);
    c.offset("task_io_accounting.syscw", task_io_accounting::syscw_byte_offset(), task_io_accounting::syscw_byte_size(), 24, 8);
    c.offset("task_io_accounting.read_bytes", task_io_accounting::read_bytes_byte_offset(), task_io_accounting::read_bytes_byte_size(), 32, 8);
    c.offset("task_io_accounting.write_bytes", task_io_accounting::write_bytes_byte_offset(), task_io_accounting::write_bytes_byte_size(), 40, 8);
    c.offset("task_io_accounting.cancelled_write_bytes", task_io_accounting::cancelled_write_bytes_byte_offset(), task_io_accounting::cancelled_write_bytes_byte_size(), 48, 8);
    c.value("task_io_accounting.rchar", p.rchar(), 0);
    c.value("task_io_accounting.wchar", p.wchar(), 8);
    c.value("task_io_accounting.syscr", p.syscr(), 16);
    c.value("task_io_accounting.syscw", p.syscw(), 24);
    c.value("task_io_accounting.read_bytes", p.read_bytes(), 32);
    c.value("task_io_accounting.write_bytes", p.write_bytes(), 40);
    c.value("task_io_accounting.cancelled_write_bytes", p.cancelled_write_bytes(), 48);
}

fn check_seqcount_spinlock(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<seqcount_spinlock>::from_addr(BASE);
    c.offset("seqcount_spinlock.seqcount", seqcount_spinlock::seqcount_byte_offset(), seqcount_spinlock::seqcount_byte_size(), 0, 4);
    c.embedded("seqcount_spinlock.seqcount", p.seqcount().map(|h| h.map(Ptr::addr)), 0);
}

fn check_seqcount(c: &mut Checker) {
    let _sim = c.install(4);
    let p = KernelPtr::<seqcount>::from_addr(BASE);
    c.offset("seqcount.sequence", seqcount::sequence_byte_offset(), seqcount::sequence_byte_size(), 0, 4);
    c.value("seqcount.sequence", p.sequence(), 0);
}

fn check_tlbflush_unmap_batch(c: &mut Checker) {
    let _sim = c.install(48);
    let p = KernelPtr::<tlbflush_unmap_batch>::from_addr(BASE);
    c.offset("tlbflush_unmap_batch.arch", tlbflush_unmap_batch::arch_byte_offset(), tlbflush_unmap_batch::arch_byte_size(), 0, 40);
    c.offset("tlbflush_unmap_batch.flush_required", tlbflush_unmap_batch::flush_required_byte_offset(), tlbflush_unmap_batch::flush_required_byte_size(), 40, 1);
    c.offset("tlbflush_unmap_batch.writable", tlbflush_unmap_batch::writable_byte_offset(), tlbflush_unmap_batch::writable_byte_size(), 41, 1);
    c.embedded("tlbflush_unmap_batch.arch", p.arch().map(|h| h.map(Ptr::addr)), 0);
    c.value("tlbflush_unmap_batch.flush_required", p.flush_required(), 40);
    c.value("tlbflush_unmap_batch.writable", p.writable(), 41);
}

fn check_arch_tlbflush_unmap_batch(c: &mut Checker) {
    let _sim = c.install(40);
    let p = KernelPtr::<arch_tlbflush_unmap_batch>::from_addr(BASE);
    c.offset("arch_tlbflush_unmap_batch.cpumask", arch_tlbflush_unmap_batch::cpumask_byte_offset(), arch_tlbflush_unmap_batch::cpumask_byte_size(), 0, 32);
    c.offset("arch_tlbflush_unmap_batch.unmapped_pages", arch_tlbflush_unmap_batch::unmapped_pages_byte_offset(), arch_tlbflush_unmap_batch::unmapped_pages_byte_size(), 32, 1);
    c.embedded("arch_tlbflush_unmap_batch.cpumask", p.cpumask().map(|h| h.map(Ptr::addr)), 0);
    c.value("arch_tlbflush_unmap_batch.unmapped_pages", p.unmapped_pages(), 32);
}

fn check_page_frag(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<page_frag>::from_addr(BASE);
    c.offset("page_frag.page", page_frag::page_byte_offset(), page_frag::page_byte_size(), 0, 8);
    c.offset("page_frag.offset", page_frag::offset_byte_offset(), page_frag::offset_byte_size(), 8, 4);
    c.offset("page_frag.size", page_frag::size_byte_offset(), page_frag::size_byte_size(), 12, 4);
    c.value("page_frag.page", p.page(), 0);
    c.value("page_frag.offset", p.offset(), 8);
    c.value("page_frag.size", p.size(), 12);
}

fn check_kmap_ctrl(c: &mut Checker) {
    let _sim = c.install(0);
}

fn check_timer_list(c: &mut Checker) {
    let _sim = c.install(40);
    let p = KernelPtr::<timer_list>::from_addr(BASE);
    c.offset("timer_list.entry", timer_list::entry_byte_offset(), timer_list::entry_byte_size(), 0, 16);
    c.offset("timer_list.expires", timer_list::expires_byte_offset(), timer_list::expires_byte_size(), 16, 8);
    c.offset("timer_list.function", timer_list::function_byte_offset(), timer_list::function_byte_size(), 24, 8);
    c.offset("timer_list.flags", timer_list::flags_byte_offset(), timer_list::flags_byte_size(), 32, 4);
    c.embedded("timer_list.entry", p.entry().map(|h| h.map(Ptr::addr)), 0);
    c.value("timer_list.expires", p.expires(), 16);
    c.value("timer_list.function", p.function(), 24);
    c.value("timer_list.flags", p.flags(), 32);
}

fn check_unwind_task_info(c: &mut Checker) {
    let _sim = c.install(40);
    let p = KernelPtr::<unwind_task_info>::from_addr(BASE);
    c.offset("unwind_task_info.unwind_mask", unwind_task_info::unwind_mask_byte_offset(), unwind_task_info::unwind_mask_byte_size(), 0, 8);
    c.offset("unwind_task_info.cache", unwind_task_info::cache_byte_offset(), unwind_task_info::cache_byte_size(), 8, 8);
    c.offset("unwind_task_info.work", unwind_task_info::work_byte_offset(), unwind_task_info::work_byte_size(), 16, 16);
    c.offset("unwind_task_info.id", unwind_task_info::id_byte_offset(), unwind_task_info::id_byte_size(), 32, 8);
    c.value("unwind_task_info.unwind_mask", p.unwind_mask(), 0);
    c.value("unwind_task_info.cache", p.cache(), 8);
    c.embedded("unwind_task_info.work", p.work().map(|h| h.map(Ptr::addr)), 16);
    c.embedded("unwind_task_info.id", p.id().map(|h| h.map(Ptr::addr)), 32);
    c.value("unwind_task_info.id.cpu", p.id().and_get(|h| h.cpu()), 32);
    c.value("unwind_task_info.id.cnt", p.id().and_get(|h| h.cnt()), 36);
    c.value("unwind_task_info.id.id", p.id().and_get(|h| h.id()), 32);
}

fn check_thread_struct(c: &mut Checker) {
    let _sim = c.install(152);
    let p = KernelPtr::<thread_struct>::from_addr(BASE);
    c.offset("thread_struct.tls_array", thread_struct::tls_array_byte_offset(), thread_struct::tls_array_byte_size(), 0, 24);
    c.offset("thread_struct.sp", thread_struct::sp_byte_offset(), thread_struct::sp_byte_size(), 24, 8);
    c.offset("thread_struct.es", thread_struct::es_byte_offset(), thread_struct::es_byte_size(), 32, 2);
    c.offset("thread_struct.ds", thread_struct::ds_byte_offset(), thread_struct::ds_byte_size(), 34, 2);
    c.offset("thread_struct.fsindex", thread_struct::fsindex_byte_offset(), thread_struct::fsindex_byte_size(), 36, 2);
    c.offset("thread_struct.gsindex", thread_struct::gsindex_byte_offset(), thread_struct::gsindex_byte_size(), 38, 2);
    c.offset("thread_struct.fsbase", thread_struct::fsbase_byte_offset(), thread_struct::fsbase_byte_size(), 40, 8);
    c.offset("thread_struct.gsbase", thread_struct::gsbase_byte_offset(), thread_struct::gsbase_byte_size(), 48, 8);
    c.offset("thread_struct.ptrace_bps", thread_struct::ptrace_bps_byte_offset(), thread_struct::ptrace_bps_byte_size(), 56, 32);
    c.offset("thread_struct.virtual_dr6", thread_struct::virtual_dr6_byte_offset(), thread_struct::virtual_dr6_byte_size(), 88, 8);
    c.offset("thread_struct.ptrace_dr7", thread_struct::ptrace_dr7_byte_offset(), thread_struct::ptrace_dr7_byte_size(), 96, 8);
    c.offset("thread_struct.cr2", thread_struct::cr2_byte_offset(), thread_struct::cr2_byte_size(), 104, 8);
    c.offset("thread_struct.trap_nr", thread_struct::trap_nr_byte_offset(), thread_struct::trap_nr_byte_size(), 112, 8);
    c.offset("thread_struct.error_code", thread_struct::error_code_byte_offset(), thread_struct::error_code_byte_size(), 120, 8);
    c.offset("thread_struct.io_bitmap", thread_struct::io_bitmap_byte_offset(), thread_struct::io_bitmap_byte_size(), 128, 8);
    c.offset("thread_struct.iopl_emul", thread_struct::iopl_emul_byte_offset(), thread_struct::iopl_emul_byte_size(), 136, 8);
    c.offset("thread_struct.pkru", thread_struct::pkru_byte_offset(), thread_struct::pkru_byte_size(), 148, 4);
    c.value("thread_struct.sp", p.sp(), 24);
    c.value("thread_struct.es", p.es(), 32);
    c.value("thread_struct.ds", p.ds(), 34);
    c.value("thread_struct.fsindex", p.fsindex(), 36);
    c.value("thread_struct.gsindex", p.gsindex(), 38);
    c.value("thread_struct.fsbase", p.fsbase(), 40);
    c.value("thread_struct.gsbase", p.gsbase(), 48);
    c.value("thread_struct.ptrace_bps", p.ptrace_bps(), 56);
    c.value("thread_struct.virtual_dr6", p.virtual_dr6(), 88);
    c.value("thread_struct.ptrace_dr7", p.ptrace_dr7(), 96);
    c.value("thread_struct.cr2", p.cr2(), 104);
    c.value("thread_struct.trap_nr", p.trap_nr(), 112);
    c.value("thread_struct.error_code", p.error_code(), 120);
    c.value("thread_struct.io_bitmap", p.io_bitmap(), 128);
    c.value("thread_struct.iopl_emul", p.iopl_emul(), 136);
    c.bitfield("thread_struct.iopl_warn", 152, 1152, 1, false, || p.iopl_warn());
    c.value("thread_struct.pkru", p.pkru(), 148);
}

fn check_desc_struct(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<desc_struct>::from_addr(BASE);
    c.offset("desc_struct.limit0", desc_struct::limit0_byte_offset(), desc_struct::limit0_byte_size(), 0, 2);
    c.offset("desc_struct.base0", desc_struct::base0_byte_offset(), desc_struct::base0_byte_size(), 2, 2);
    c.value("desc_struct.limit0", p.limit0(), 0);
    c.value("desc_struct.base0", p.base0(), 2);
    c.bitfield("desc_struct.base1", 8, 32, 8, false, || p.base1());
    c.bitfield("desc_struct.type", 8, 40, 4, false, || p.r#type());
    c.bitfield("desc_struct.s", 8, 44, 1, false, || p.s());
    c.bitfield("desc_struct.dpl", 8, 45, 2, false, || p.dpl());
    c.bitfield("desc_struct.p", 8, 47, 1, false, || p.p());
    c.bitfield("desc_struct.limit1", 8, 48, 4, false, || p.limit1());
    c.bitfield("desc_struct.avl", 8, 52, 1, false, || p.avl());
    c.bitfield("desc_struct.l", 8, 53, 1, false, || p.l());
    c.bitfield("desc_struct.d", 8, 54, 1, false, || p.d());
    c.bitfield("desc_struct.g", 8, 55, 1, false, || p.g());
    c.bitfield("desc_struct.base2", 8, 56, 8, false, || p.base2());
}

fn check_maple_tree(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<maple_tree>::from_addr(BASE);
    c.offset("maple_tree.ma_lock", maple_tree::ma_lock_byte_offset(), maple_tree::ma_lock_byte_size(), 0, 4);
    c.offset("maple_tree.ma_flags", maple_tree::ma_flags_byte_offset(), maple_tree::ma_flags_byte_size(), 4, 4);
    c.offset("maple_tree.ma_root", maple_tree::ma_root_byte_offset(), maple_tree::ma_root_byte_size(), 8, 8);
    c.embedded("maple_tree.ma_lock", p.ma_lock().map(|h| h.map(Ptr::addr)), 0);
    c.value("maple_tree.ma_flags", p.ma_flags(), 4);
    c.value("maple_tree.ma_root", p.ma_root(), 8);
}

fn check_rw_semaphore(c: &mut Checker) {
    let _sim = c.install(40);
    let p = KernelPtr::<rw_semaphore>::from_addr(BASE);
    c.offset("rw_semaphore.count", rw_semaphore::count_byte_offset(), rw_semaphore::count_byte_size(), 0, 8);
    c.offset("rw_semaphore.owner", rw_semaphore::owner_byte_offset(), rw_semaphore::owner_byte_size(), 8, 8);
    c.offset("rw_semaphore.osq", rw_semaphore::osq_byte_offset(), rw_semaphore::osq_byte_size(), 16, 4);
    c.offset("rw_semaphore.wait_lock", rw_semaphore::wait_lock_byte_offset(), rw_semaphore::wait_lock_byte_size(), 20, 4);
    c.offset("rw_semaphore.wait_list", rw_semaphore::wait_list_byte_offset(), rw_semaphore::wait_list_byte_size(), 24, 16);
    c.embedded("rw_semaphore.count", p.count().map(|h| h.map(Ptr::addr)), 0);
    c.value("rw_semaphore.count.counter", p.count().and_get(|h| h.counter()), 0);
    c.embedded("rw_semaphore.owner", p.owner().map(|h| h.map(Ptr::addr)), 8);
    c.value("rw_semaphore.owner.counter", p.owner().and_get(|h| h.counter()), 8);
    c.embedded("rw_semaphore.osq", p.osq().map(|h| h.map(Ptr::addr)), 16);
    c.embedded("rw_semaphore.wait_lock", p.wait_lock().map(|h| h.map(Ptr::addr)), 20);
    c.embedded("rw_semaphore.wait_list", p.wait_list().map(|h| h.map(Ptr::addr)), 24);
}

fn check_rcuwait(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<rcuwait>::from_addr(BASE);
    c.offset("rcuwait.task", rcuwait::task_byte_offset(), rcuwait::task_byte_size(), 0, 8);
    c.value("rcuwait.task", p.task(), 0);
}

fn check_percpu_counter(c: &mut Checker) {
    let _sim = c.install(40);
    let p = KernelPtr::<percpu_counter>::from_addr(BASE);
    c.offset("percpu_counter.lock", percpu_counter::lock_byte_offset(), percpu_counter::lock_byte_size(), 0, 4);
    c.offset("percpu_counter.count", percpu_counter::count_byte_offset(), percpu_counter::count_byte_size(), 8, 8);
    c.offset("percpu_counter.list", percpu_counter::list_byte_offset(), percpu_counter::list_byte_size(), 16, 16);
    c.offset("percpu_counter.counters", percpu_counter::counters_byte_offset(), percpu_counter::counters_byte_size(), 32, 8);
    c.embedded("percpu_counter.lock", p.lock().map(|h| h.map(Ptr::addr)), 0);
    c.value("percpu_counter.count", p.count(), 8);
    c.embedded("percpu_counter.list", p.list().map(|h| h.map(Ptr::addr)), 16);
    c.value("percpu_counter.counters", p.counters(), 32);
}

fn check_uprobes_state(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<uprobes_state>::from_addr(BASE);
    c.offset("uprobes_state.xol_area", uprobes_state::xol_area_byte_offset(), uprobes_state::xol_area_byte_size(), 0, 8);
    c.offset("uprobes_state.head_tramps", uprobes_state::head_tramps_byte_offset(), uprobes_state::head_tramps_byte_size(), 8, 8);
    c.value("uprobes_state.xol_area", p.xol_area(), 0);
    c.embedded("uprobes_state.head_tramps", p.head_tramps().map(|h| h.map(Ptr::addr)), 8);
}

fn check_work_struct(c: &mut Checker) {
    let _sim = c.install(32);
    let p = KernelPtr::<work_struct>::from_addr(BASE);
    c.offset("work_struct.data", work_struct::data_byte_offset(), work_struct::data_byte_size(), 0, 8);
    c.offset("work_struct.entry", work_struct::entry_byte_offset(), work_struct::entry_byte_size(), 8, 16);
    c.offset("work_struct.func", work_struct::func_byte_offset(), work_struct::func_byte_size(), 24, 8);
    c.embedded("work_struct.data", p.data().map(|h| h.map(Ptr::addr)), 0);
    c.value("work_struct.data.counter", p.data().and_get(|h| h.counter()), 0);
    c.embedded("work_struct.entry", p.entry().map(|h| h.map(Ptr::addr)), 8);
    c.value("work_struct.func", p.func(), 24);
}

fn check_wait_queue_head(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<wait_queue_head>::from_addr(BASE);
    c.offset("wait_queue_head.lock", wait_queue_head::lock_byte_offset(), wait_queue_head::lock_byte_size(), 0, 4);
    c.offset("wait_queue_head.head", wait_queue_head::head_byte_offset(), wait_queue_head::head_byte_size(), 8, 16);
    c.embedded("wait_queue_head.lock", p.lock().map(|h| h.map(Ptr::addr)), 0);
    c.embedded("wait_queue_head.head", p.head().map(|h| h.map(Ptr::addr)), 8);
}

fn check_file_ra_state(c: &mut Checker) {
    let _sim = c.install(32);
    let p = KernelPtr::<file_ra_state>::from_addr(BASE);
    c.offset("file_ra_state.start", file_ra_state::start_byte_offset(), file_ra_state::start_byte_size(), 0, 8);
    c.offset("file_ra_state.size", file_ra_state::size_byte_offset(), file_ra_state::size_byte_size(), 8, 4);
    c.offset("file_ra_state.async_size", file_ra_state::async_size_byte_offset(), file_ra_state::async_size_byte_size(), 12, 4);
    c.offset("file_ra_state.ra_pages", file_ra_state::ra_pages_byte_offset(), file_ra_state::ra_pages_byte_size(), 16, 4);
    c.offset("file_ra_state.order", file_ra_state::order_byte_offset(), file_ra_state::order_byte_size(), 20, 2);
    c.offset("file_ra_state.mmap_miss", file_ra_state::mmap_miss_byte_offset(), file_ra_state::mmap_miss_byte_size(), 22, 2);
    c.offset("file_ra_state.prev_pos", file_ra_state::prev_pos_byte_offset(), file_ra_state::prev_pos_byte_size(), 24, 8);
    c.value("file_ra_state.start", p.start(), 0);
    c.value("file_ra_state.size", p.size(), 8);
    c.value("file_ra_state.async_size", p.async_size(), 12);
    c.value("file_ra_state.ra_pages", p.ra_pages(), 16);
    c.value("file_ra_state.order", p.order(), 20);
    c.value("file_ra_state.mmap_miss", p.mmap_miss(), 22);
    c.value("file_ra_state.prev_pos", p.prev_pos(), 24);
}

fn check_hlist_bl_node(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<hlist_bl_node>::from_addr(BASE);
    c.offset("hlist_bl_node.next", hlist_bl_node::next_byte_offset(), hlist_bl_node::next_byte_size(), 0, 8);
    c.offset("hlist_bl_node.pprev", hlist_bl_node::pprev_byte_offset(), hlist_bl_node::pprev_byte_size(), 8, 8);
    c.value("hlist_bl_node.next", p.next(), 0);
    c.value("hlist_bl_node.pprev", p.pprev(), 8);
}

fn check_lockref(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<lockref>::from_addr(BASE);
    c.offset("lockref.lock_count", lockref::lock_count_byte_offset(), lockref::lock_count_byte_size(), 0, 8);
    c.offset("lockref.lock", lockref::lock_byte_offset(), lockref::lock_byte_size(), 0, 4);
    c.offset("lockref.count", lockref::count_byte_offset(), lockref::count_byte_size(), 4, 4);
    c.value("lockref.lock_count", p.lock_count(), 0);
    c.embedded("lockref.lock", p.lock().map(|h| h.map(Ptr::addr)), 0);
    c.value("lockref.count", p.count(), 4);
}

fn check_address_space(c: &mut Checker) {
    let _sim = c.install(192);
    let p = KernelPtr::<address_space>::from_addr(BASE);
    c.offset("address_space.host", address_space::host_byte_offset(), address_space::host_byte_size(), 0, 8);
    c.offset("address_space.i_pages", address_space::i_pages_byte_offset(), address_space::i_pages_byte_size(), 8, 16);
    c.offset("address_space.invalidate_lock", address_space::invalidate_lock_byte_offset(), address_space::invalidate_lock_byte_size(), 24, 40);
    c.offset("address_space.gfp_mask", address_space::gfp_mask_byte_offset(), address_space::gfp_mask_byte_size(), 64, 4);
    c.offset("address_space.i_mmap_writable", address_space::i_mmap_writable_byte_offset(), address_space::i_mmap_writable_byte_size(), 68, 4);
    c.offset("address_space.i_mmap", address_space::i_mmap_byte_offset(), address_space::i_mmap_byte_size(), 72, 16);
    c.offset("address_space.nrpages", address_space::nrpages_byte_offset(), address_space::nrpages_byte_size(), 88, 8);
    c.offset("address_space.writeback_index", address_space::writeback_index_byte_offset(), address_space::writeback_index_byte_size(), 96, 8);
    c.offset("address_space.a_ops", address_space::a_ops_byte_offset(), address_space::a_ops_byte_size(), 104, 8);
    c.offset("address_space.flags", address_space::flags_byte_offset(), address_space::flags_byte_size(), 112, 8);
    c.offset("address_space.wb_err", address_space::wb_err_byte_offset(), address_space::wb_err_byte_size(), 120, 4);
    c.offset("address_space.i_private_lock", address_space::i_private_lock_byte_offset(), address_space::i_private_lock_byte_size(), 124, 4);
    c.offset("address_space.i_private_list", address_space::i_private_list_byte_offset(), address_space::i_private_list_byte_size(), 128, 16);
    c.offset("address_space.i_mmap_rwsem", address_space::i_mmap_rwsem_byte_offset(), address_space::i_mmap_rwsem_byte_size(), 144, 40);
    c.offset("address_space.i_private_data", address_space::i_private_data_byte_offset(), address_space::i_private_data_byte_size(), 184, 8);
    c.value("address_space.host", p.host(), 0);
    c.embedded("address_space.i_pages", p.i_pages().map(|h| h.map(Ptr::addr)), 8);
    c.embedded("address_space.invalidate_lock", p.invalidate_lock().map(|h| h.map(Ptr::addr)), 24);
    c.value("address_space.gfp_mask", p.gfp_mask(), 64);
    c.embedded("address_space.i_mmap_writable", p.i_mmap_writable().map(|h| h.map(Ptr::addr)), 68);
    c.value("address_space.i_mmap_writable.counter", p.i_mmap_writable().and_get(|h| h.counter()), 68);
    c.embedded("address_space.i_mmap", p.i_mmap().map(|h| h.map(Ptr::addr)), 72);
    c.value("address_space.nrpages", p.nrpages(), 88);
    c.value("address_space.writeback_index", p.writeback_index(), 96);
    c.value("address_space.a_ops", p.a_ops(), 104);
    c.value("address_space.flags", p.flags(), 112);
    c.value("address_space.wb_err", p.wb_err(), 120);
    c.embedded("address_space.i_private_lock", p.i_private_lock().map(|h| h.map(Ptr::addr)), 124);
    c.embedded("address_space.i_private_list", p.i_private_list().map(|h| h.map(Ptr::addr)), 128);
    c.embedded("address_space.i_mmap_rwsem", p.i_mmap_rwsem().map(|h| h.map(Ptr::addr)), 144);
    c.value("address_space.i_private_data", p.i_private_data(), 184);
}

fn check_xarray(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<xarray>::from_addr(BASE);
    c.offset("xarray.xa_lock", xarray::xa_lock_byte_offset(), xarray::xa_lock_byte_size(), 0, 4);
    c.offset("xarray.xa_flags", xarray::xa_flags_byte_offset(), xarray::xa_flags_byte_size(), 4, 4);
    c.offset("xarray.xa_head", xarray::xa_head_byte_offset(), xarray::xa_head_byte_size(), 8, 8);
    c.embedded("xarray.xa_lock", p.xa_lock().map(|h| h.map(Ptr::addr)), 0);
    c.value("xarray.xa_flags", p.xa_flags(), 4);
    c.value("xarray.xa_head", p.xa_head(), 8);
}

fn check_hlist_bl_head(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<hlist_bl_head>::from_addr(BASE);
    c.offset("hlist_bl_head.first", hlist_bl_head::first_byte_offset(), hlist_bl_head::first_byte_size(), 0, 8);
    c.value("hlist_bl_head.first", p.first(), 0);
}

fn check_quota_info(c: &mut Checker) {
    let _sim = c.install(312);
    let p = KernelPtr::<quota_info>::from_addr(BASE);
    c.offset("quota_info.flags", quota_info::flags_byte_offset(), quota_info::flags_byte_size(), 0, 4);
    c.offset("quota_info.dqio_sem", quota_info::dqio_sem_byte_offset(), quota_info::dqio_sem_byte_size(), 8, 40);
    c.offset("quota_info.files", quota_info::files_byte_offset(), quota_info::files_byte_size(), 48, 24);
    c.offset("quota_info.info", quota_info::info_byte_offset(), quota_info::info_byte_size(), 72, 216);
    c.offset("quota_info.ops", quota_info::ops_byte_offset(), quota_info::ops_byte_size(), 288, 24);
    c.value("quota_info.flags", p.flags(), 0);
    c.embedded("quota_info.dqio_sem", p.dqio_sem().map(|h| h.map(Ptr::addr)), 8);
    c.value("quota_info.files", p.files(), 48);
    c.value("quota_info.ops", p.ops(), 288);
}

fn check_mem_dqinfo(c: &mut Checker) {
    let _sim = c.install(72);
    let p = KernelPtr::<mem_dqinfo>::from_addr(BASE);
    c.offset("mem_dqinfo.dqi_format", mem_dqinfo::dqi_format_byte_offset(), mem_dqinfo::dqi_format_byte_size(), 0, 8);
    c.offset("mem_dqinfo.dqi_fmt_id", mem_dqinfo::dqi_fmt_id_byte_offset(), mem_dqinfo::dqi_fmt_id_byte_size(), 8, 4);
    c.offset("mem_dqinfo.dqi_dirty_list", mem_dqinfo::dqi_dirty_list_byte_offset(), mem_dqinfo::dqi_dirty_list_byte_size(), 16, 16);
    c.offset("mem_dqinfo.dqi_flags", mem_dqinfo::dqi_flags_byte_offset(), mem_dqinfo::dqi_flags_byte_size(), 32, 8);
    c.offset("mem_dqinfo.dqi_bgrace", mem_dqinfo::dqi_bgrace_byte_offset(), mem_dqinfo::dqi_bgrace_byte_size(), 40, 4);
    c.offset("mem_dqinfo.dqi_igrace", mem_dqinfo::dqi_igrace_byte_offset(), mem_dqinfo::dqi_igrace_byte_size(), 44, 4);
    c.offset("mem_dqinfo.dqi_max_spc_limit", mem_dqinfo::dqi_max_spc_limit_byte_offset(), mem_dqinfo::dqi_max_spc_limit_byte_size(), 48, 8);
    c.offset("mem_dqinfo.dqi_max_ino_limit", mem_dqinfo::dqi_max_ino_limit_byte_offset(), mem_dqinfo::dqi_max_ino_limit_byte_size(), 56, 8);
    c.offset("mem_dqinfo.dqi_priv", mem_dqinfo::dqi_priv_byte_offset(), mem_dqinfo::dqi_priv_byte_size(), 64, 8);
    c.value("mem_dqinfo.dqi_format", p.dqi_format(), 0);
    c.value("mem_dqinfo.dqi_fmt_id", p.dqi_fmt_id(), 8);
    c.embedded("mem_dqinfo.dqi_dirty_list", p.dqi_dirty_list().map(|h| h.map(Ptr::addr)), 16);
    c.value("mem_dqinfo.dqi_flags", p.dqi_flags(), 32);
    c.value("mem_dqinfo.dqi_bgrace", p.dqi_bgrace(), 40);
    c.value("mem_dqinfo.dqi_igrace", p.dqi_igrace(), 44);
    c.value("mem_dqinfo.dqi_max_spc_limit", p.dqi_max_spc_limit(), 48);
    c.value("mem_dqinfo.dqi_max_ino_limit", p.dqi_max_ino_limit(), 56);
    c.value("mem_dqinfo.dqi_priv", p.dqi_priv(), 64);
}

fn check_sb_writers(c: &mut Checker) {
    let _sim = c.install(312);
    let p = KernelPtr::<sb_writers>::from_addr(BASE);
    c.offset("sb_writers.frozen", sb_writers::frozen_byte_offset(), sb_writers::frozen_byte_size(), 0, 2);
    c.offset("sb_writers.freeze_kcount", sb_writers::freeze_kcount_byte_offset(), sb_writers::freeze_kcount_byte_size(), 4, 4);
    c.offset("sb_writers.freeze_ucount", sb_writers::freeze_ucount_byte_offset(), sb_writers::freeze_ucount_byte_size(), 8, 4);
    c.offset("sb_writers.freeze_owner", sb_writers::freeze_owner_byte_offset(), sb_writers::freeze_owner_byte_size(), 16, 8);
    c.offset("sb_writers.rw_sem", sb_writers::rw_sem_byte_offset(), sb_writers::rw_sem_byte_size(), 24, 288);
    c.value("sb_writers.frozen", p.frozen(), 0);
    c.value("sb_writers.freeze_kcount", p.freeze_kcount(), 4);
    c.value("sb_writers.freeze_ucount", p.freeze_ucount(), 8);
    c.value("sb_writers.freeze_owner", p.freeze_owner(), 16);
}

fn check_percpu_rw_semaphore(c: &mut Checker) {
    let _sim = c.install(96);
    let p = KernelPtr::<percpu_rw_semaphore>::from_addr(BASE);
    c.offset("percpu_rw_semaphore.rss", percpu_rw_semaphore::rss_byte_offset(), percpu_rw_semaphore::rss_byte_size(), 0, 48);
    c.offset("percpu_rw_semaphore.read_count", percpu_rw_semaphore::read_count_byte_offset(), percpu_rw_semaphore::read_count_byte_size(), 48, 8);
    c.offset("percpu_rw_semaphore.writer", percpu_rw_semaphore::writer_byte_offset(), percpu_rw_semaphore::writer_byte_size(), 56, 8);
    c.offset("percpu_rw_semaphore.waiters", percpu_rw_semaphore::waiters_byte_offset(), percpu_rw_semaphore::waiters_byte_size(), 64, 24);
    c.offset("percpu_rw_semaphore.block", percpu_rw_semaphore::block_byte_offset(), percpu_rw_semaphore::block_byte_size(), 88, 4);
    c.embedded("percpu_rw_semaphore.rss", p.rss().map(|h| h.map(Ptr::addr)), 0);
    c.value("percpu_rw_semaphore.read_count", p.read_count(), 48);
    c.embedded("percpu_rw_semaphore.writer", p.writer().map(|h| h.map(Ptr::addr)), 56);
    c.embedded("percpu_rw_semaphore.waiters", p.waiters().map(|h| h.map(Ptr::addr)), 64);
    c.embedded("percpu_rw_semaphore.block", p.block().map(|h| h.map(Ptr::addr)), 88);
    c.value("percpu_rw_semaphore.block.counter", p.block().and_get(|h| h.counter()), 88);
}

fn check_rcu_sync(c: &mut Checker) {
    let _sim = c.install(48);
    let p = KernelPtr::<rcu_sync>::from_addr(BASE);
    c.offset("rcu_sync.gp_state", rcu_sync::gp_state_byte_offset(), rcu_sync::gp_state_byte_size(), 0, 4);
    c.offset("rcu_sync.gp_count", rcu_sync::gp_count_byte_offset(), rcu_sync::gp_count_byte_size(), 4, 4);
    c.offset("rcu_sync.gp_wait", rcu_sync::gp_wait_byte_offset(), rcu_sync::gp_wait_byte_size(), 8, 24);
    c.offset("rcu_sync.cb_head", rcu_sync::cb_head_byte_offset(), rcu_sync::cb_head_byte_size(), 32, 16);
    c.value("rcu_sync.gp_state", p.gp_state(), 0);
    c.value("rcu_sync.gp_count", p.gp_count(), 4);
    c.embedded("rcu_sync.gp_wait", p.gp_wait().map(|h| h.map(Ptr::addr)), 8);
    c.embedded("rcu_sync.cb_head", p.cb_head().map(|h| h.map(Ptr::addr)), 32);
}

fn check_list_lru(c: &mut Checker) {
    let _sim = c.install(48);
    let p = KernelPtr::<list_lru>::from_addr(BASE);
    c.offset("list_lru.node", list_lru::node_byte_offset(), list_lru::node_byte_size(), 0, 8);
    c.offset("list_lru.list", list_lru::list_byte_offset(), list_lru::list_byte_size(), 8, 16);
    c.offset("list_lru.shrinker_id", list_lru::shrinker_id_byte_offset(), list_lru::shrinker_id_byte_size(), 24, 4);
    c.offset("list_lru.memcg_aware", list_lru::memcg_aware_byte_offset(), list_lru::memcg_aware_byte_size(), 28, 1);
    c.offset("list_lru.xa", list_lru::xa_byte_offset(), list_lru::xa_byte_size(), 32, 16);
    c.value("list_lru.node", p.node(), 0);
    c.embedded("list_lru.list", p.list().map(|h| h.map(Ptr::addr)), 8);
    c.value("list_lru.shrinker_id", p.shrinker_id(), 24);
    c.value("list_lru.memcg_aware", p.memcg_aware(), 28);
    c.embedded("list_lru.xa", p.xa().map(|h| h.map(Ptr::addr)), 32);
}

fn check_llist_head(c: &mut Checker) {
    let _sim = c.install(8);
    let p = KernelPtr::<llist_head>::from_addr(BASE);
    c.offset("llist_head.first", llist_head::first_byte_offset(), llist_head::first_byte_size(), 0, 8);
    c.value("llist_head.first", p.first(), 0);
}

fn check_ns_common(c: &mut Checker) {
    let _sim = c.install(80);
    let p = KernelPtr::<ns_common>::from_addr(BASE);
    c.offset("ns_common.ns_type", ns_common::ns_type_byte_offset(), ns_common::ns_type_byte_size(), 0, 4);
    c.offset("ns_common.stashed", ns_common::stashed_byte_offset(), ns_common::stashed_byte_size(), 8, 8);
    c.offset("ns_common.ops", ns_common::ops_byte_offset(), ns_common::ops_byte_size(), 16, 8);
    c.offset("ns_common.inum", ns_common::inum_byte_offset(), ns_common::inum_byte_size(), 24, 4);
    c.offset("ns_common.__ns_ref", ns_common::__ns_ref_byte_offset(), ns_common::__ns_ref_byte_size(), 28, 4);
    c.offset("ns_common.ns_id", ns_common::ns_id_byte_offset(), ns_common::ns_id_byte_size(), 32, 8);
    c.offset("ns_common.ns_tree_node", ns_common::ns_tree_node_byte_offset(), ns_common::ns_tree_node_byte_size(), 40, 24);
    c.offset("ns_common.ns_list_node", ns_common::ns_list_node_byte_offset(), ns_common::ns_list_node_byte_size(), 64, 16);
    c.offset("ns_common.ns_rcu", ns_common::ns_rcu_byte_offset(), ns_common::ns_rcu_byte_size(), 32, 16);
    c.value("ns_common.ns_type", p.ns_type(), 0);
    c.value("ns_common.stashed", p.stashed(), 8);
    c.value("ns_common.ops", p.ops(), 16);
    c.value("ns_common.inum", p.inum(), 24);
    c.embedded("ns_common.__ns_ref", p.__ns_ref().map(|h| h.map(Ptr::addr)), 28);
    c.value("ns_common.ns_id", p.ns_id(), 32);
    c.embedded("ns_common.ns_tree_node", p.ns_tree_node().map(|h| h.map(Ptr::addr)), 40);
    c.embedded("ns_common.ns_list_node", p.ns_list_node().map(|h| h.map(Ptr::addr)), 64);
    c.embedded("ns_common.ns_rcu", p.ns_rcu().map(|h| h.map(Ptr::addr)), 32);
}

fn check_cpu_itimer(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<cpu_itimer>::from_addr(BASE);
    c.offset("cpu_itimer.expires", cpu_itimer::expires_byte_offset(), cpu_itimer::expires_byte_size(), 0, 8);
    c.offset("cpu_itimer.incr", cpu_itimer::incr_byte_offset(), cpu_itimer::incr_byte_size(), 8, 8);
    c.value("cpu_itimer.expires", p.expires(), 0);
    c.value("cpu_itimer.incr", p.incr(), 8);
}

fn check_thread_group_cputimer(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<thread_group_cputimer>::from_addr(BASE);
    c.offset("thread_group_cputimer.cputime_atomic", thread_group_cputimer::cputime_atomic_byte_offset(), thread_group_cputimer::cputime_atomic_byte_size(), 0, 24);
    c.embedded("thread_group_cputimer.cputime_atomic", p.cputime_atomic().map(|h| h.map(Ptr::addr)), 0);
}

fn check_task_cputime_atomic(c: &mut Checker) {
    let _sim = c.install(24);
    let p = KernelPtr::<task_cputime_atomic>::from_addr(BASE);
    c.offset("task_cputime_atomic.utime", task_cputime_atomic::utime_byte_offset(), task_cputime_atomic::utime_byte_size(), 0, 8);
    c.offset("task_cputime_atomic.stime", task_cputime_atomic::stime_byte_offset(), task_cputime_atomic::stime_byte_size(), 8, 8);
    c.offset("task_cputime_atomic.sum_exec_runtime", task_cputime_atomic::sum_exec_runtime_byte_offset(), task_cputime_atomic::sum_exec_runtime_byte_size(), 16, 8);
    c.embedded("task_cputime_atomic.utime", p.utime().map(|h| h.map(Ptr::addr)), 0);
    c.value("task_cputime_atomic.utime.counter", p.utime().and_get(|h| h.counter()), 0);
    c.embedded("task_cputime_atomic.stime", p.stime().map(|h| h.map(Ptr::addr)), 8);
    c.value("task_cputime_atomic.stime.counter", p.stime().and_get(|h| h.counter()), 8);
    c.embedded("task_cputime_atomic.sum_exec_runtime", p.sum_exec_runtime().map(|h| h.map(Ptr::addr)), 16);
    c.value("task_cputime_atomic.sum_exec_runtime.counter", p.sum_exec_runtime().and_get(|h| h.counter()), 16);
}

fn check_rlimit(c: &mut Checker) {
    let _sim = c.install(16);
    let p = KernelPtr::<rlimit>::from_addr(BASE);
    c.offset("rlimit.rlim_cur", rlimit::rlim_cur_byte_offset(), rlimit::rlim_cur_byte_size(), 0, 8);
    c.offset("rlimit.rlim_max", rlimit::rlim_max_byte_offset(), rlimit::rlim_max_byte_size(), 8, 8);
    c.value("rlimit.rlim_cur", p.rlim_cur(), 0);
    c.value("rlimit.rlim_max", p.rlim_max(), 8);
}

fn check_pacct_struct(c: &mut Checker) {
    let _sim = c.install(56);
    let p = KernelPtr::<pacct_struct>::from_addr(BASE);
    c.offset("pacct_struct.ac_flag", pacct_struct::ac_flag_byte_offset(), pacct_struct::ac_flag_byte_size(), 0, 4);
    c.offset("pacct_struct.ac_exitcode", pacct_struct::ac_exitcode_byte_offset(), pacct_struct::ac_exitcode_byte_size(), 8, 8);
    c.offset("pacct_struct.ac_mem", pacct_struct::ac_mem_byte_offset(), pacct_struct::ac_mem_byte_size(), 16, 8);
    c.offset("pacct_struct.ac_utime", pacct_struct::ac_utime_byte_offset(), pacct_struct::ac_utime_byte_size(), 24, 8);
    c.offset("pacct_struct.ac_stime", pacct_struct::ac_stime_byte_offset(), pacct_struct::ac_stime_byte_size(), 32, 8);
    c.offset("pacct_struct.ac_minflt", pacct_struct::ac_minflt_byte_offset(), pacct_struct::ac_minflt_byte_size(), 40, 8);
    c.offset("pacct_struct.ac_majflt", pacct_struct::ac_majflt_byte_offset(), pacct_struct::ac_majflt_byte_size(), 48, 8);
    c.value("pacct_struct.ac_flag", p.ac_flag(), 0);
    c.value("pacct_struct.ac_exitcode", p.ac_exitcode(), 8);
    c.value("pacct_struct.ac_mem", p.ac_mem(), 16);
    c.value("pacct_struct.ac_utime", p.ac_utime(), 24);
    c.value("pacct_struct.ac_stime", p.ac_stime(), 32);
    c.value("pacct_struct.ac_minflt", p.ac_minflt(), 40);
    c.value("pacct_struct.ac_majflt", p.ac_majflt(), 48);
}
