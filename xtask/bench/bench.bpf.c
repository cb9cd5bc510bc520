// The C side of `cargo xtask bench`: clang and libbpf's bpf_core_read.h, one CO-RE access per
// program, in the frame of the Rust programs of ebpf/src/main.rs:
//     task = bpf_get_current_task(); <one access>; out = result (a 64-bit store to a .bss global)
// Each access twice: plain, as C programs usually write it (`NAME`), and with the checks a
// btf-reloc getter makes — field exists, pointer non-null, size as declared, probe read
// succeeded — written by hand (`checked_NAME`). The kernel types are declared here with
// preserve_access_index, only the members read (no vmlinux.h, so no bpftool needed).

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef short __s16;
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned long long __u64;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

struct sched_entity {
	__u64 vruntime;
} __attribute__((preserve_access_index));

struct task_struct {
	struct sched_entity se;
	char comm[16];
	struct task_struct *real_parent;
	int pid;
	int tgid;
	unsigned sched_reset_on_fork:1;
} __attribute__((preserve_access_index));

struct task_struct___bench {
	__u64 btf_reloc_no_such_field;
} __attribute__((preserve_access_index));

struct bpf_reg_state_iter {
	int depth:30;
} __attribute__((preserve_access_index));

/* The kernel's `iter` is in an anonymous union, which relocation looks through. */
struct bpf_reg_state {
	struct bpf_reg_state_iter iter;
} __attribute__((preserve_access_index));

enum pid_type { PIDTYPE_TGID = 1 };

char LICENSE[] SEC("license") = "GPL";

long out = 0;
char buf_global[16] = {};

#define TASK ((struct task_struct *)bpf_get_current_task())
#define PROG(name) SEC("tracepoint/syscalls/sys_enter_getppid") int name(void *ctx)

/* Whether the field exists, `t` is not null and the field is as wide as `v`. */
#define FIELD_OK(t, field, v) \
	(bpf_core_field_exists(t->field) && t && bpf_core_field_size(t->field) == sizeof(v))

PROG(frame) { out = (long)TASK; return 0; }

PROG(pid) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, pid); return 0; }
PROG(checked_pid) {
	struct task_struct *t = TASK;
	int v;
	if (FIELD_OK(t, pid, v) && bpf_core_read(&v, sizeof(v), &t->pid) == 0)
		out = v;
	return 0;
}

/* What a `#[btf(required)]` getter checks: the size (no existence or null check: a kernel
 * without the field refuses the program, as it refuses `pid` above), and the probe read. */
PROG(required_pid) {
	struct task_struct *t = TASK;
	int v;
	if (bpf_core_field_size(t->pid) == sizeof(v) && bpf_core_read(&v, sizeof(v), &t->pid) == 0)
		out = v;
	return 0;
}

PROG(chain) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, real_parent, tgid); return 0; }
PROG(checked_chain) {
	struct task_struct *t = TASK, *p;
	int v;
	if (FIELD_OK(t, real_parent, p) && bpf_core_read(&p, sizeof(p), &t->real_parent) == 0 &&
	    FIELD_OK(p, tgid, v) && bpf_core_read(&v, sizeof(v), &p->tgid) == 0)
		out = v;
	return 0;
}

PROG(path) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, se.vruntime); return 0; }
PROG(checked_path) {
	struct task_struct *t = TASK;
	__u64 v;
	if (bpf_core_field_exists(t->se) && t && FIELD_OK(t, se.vruntime, v) &&
	    bpf_core_read(&v, sizeof(v), &t->se.vruntime) == 0)
		out = v;
	return 0;
}

PROG(str_global) {
	struct task_struct *t = TASK;
	out = BPF_CORE_READ_STR_INTO(&buf_global, t, comm);
	return 0;
}
PROG(checked_str_global) {
	struct task_struct *t = TASK;
	if (bpf_core_field_exists(t->comm) && t) {
		__u32 size = bpf_core_field_size(t->comm);
		long n = bpf_core_read_str(buf_global, size < sizeof(buf_global) ? size : sizeof(buf_global),
					   &t->comm);
		if (n >= 0)
			out = n;
	}
	return 0;
}

PROG(str_stack) {
	struct task_struct *t = TASK;
	char buf[16];
	out = BPF_CORE_READ_STR_INTO(&buf, t, comm);
	return 0;
}
/* Zeroed, as a Rust buffer must be. */
PROG(checked_str_stack) {
	struct task_struct *t = TASK;
	char buf[16] = {};
	if (bpf_core_field_exists(t->comm) && t) {
		__u32 size = bpf_core_field_size(t->comm);
		long n = bpf_core_read_str(buf, size < sizeof(buf) ? size : sizeof(buf), &t->comm);
		if (n >= 0)
			out = n;
	}
	return 0;
}

PROG(elem) { struct task_struct *t = TASK; out = BPF_CORE_READ(t, comm[3]); return 0; }
/* Bounds-checked against the kernel's length (its size over its element's size). */
PROG(checked_elem) {
	struct task_struct *t = TASK;
	char v;
	if (bpf_core_field_exists(t->comm) && t &&
	    3 < bpf_core_field_size(t->comm) / bpf_core_field_size(t->comm[0]) &&
	    bpf_core_field_size(t->comm[0]) == sizeof(v) &&
	    bpf_core_read(&v, sizeof(v), &t->comm[3]) == 0)
		out = v;
	return 0;
}

PROG(bitfield_u) {
	struct task_struct *t = TASK;
	out = BPF_CORE_READ_BITFIELD_PROBED(t, sched_reset_on_fork);
	return 0;
}
/* BPF_CORE_READ_BITFIELD_PROBED with btf-reloc's checks: the field exists, `s` is not null, the
 * field is at most `bits` wide, the probe read succeeded. */
#define CHECKED_BITFIELD(s, field, bits)                                                        \
	if (bpf_core_field_exists(s->field) && s &&                                             \
	    64 - __CORE_RELO(s, field, RSHIFT_U64) <= bits) {                                   \
		__u64 v = 0;                                                                    \
		if (bpf_probe_read_kernel(&v, __CORE_RELO(s, field, BYTE_SIZE),                 \
					  (const void *)s + __CORE_RELO(s, field, BYTE_OFFSET)) == 0) { \
			v <<= __CORE_RELO(s, field, LSHIFT_U64);                                \
			if (__CORE_RELO(s, field, SIGNED))                                      \
				out = (__s64)v >> __CORE_RELO(s, field, RSHIFT_U64);            \
			else                                                                    \
				out = v >> __CORE_RELO(s, field, RSHIFT_U64);                   \
		}                                                                               \
	}

PROG(checked_bitfield_u) {
	struct task_struct *t = TASK;
	CHECKED_BITFIELD(t, sched_reset_on_fork, 8);
	return 0;
}

/* This kernel's one signed bitfield is `int depth:30` of the iterator state of a verifier
 * register, in an anonymous union. The program is only loaded, never run: any address will do. */
PROG(bitfield_s) {
	struct bpf_reg_state *r = (void *)bpf_get_current_task();
	out = BPF_CORE_READ_BITFIELD_PROBED(r, iter.depth);
	return 0;
}
PROG(checked_bitfield_s) {
	struct bpf_reg_state *r = (void *)bpf_get_current_task();
	if (bpf_core_field_exists(r->iter) && r)
		CHECKED_BITFIELD(r, iter.depth, 32);
	return 0;
}

PROG(enum_value) { out = bpf_core_enum_value(enum pid_type, PIDTYPE_TGID); return 0; }
PROG(checked_enum_value) {
	if (bpf_core_enum_value_exists(enum pid_type, PIDTYPE_TGID))
		out = bpf_core_enum_value(enum pid_type, PIDTYPE_TGID);
	return 0;
}

/* Nothing to check: one program for both anchors. */
PROG(type_exists_task) { out = bpf_core_type_exists(struct task_struct); return 0; }

PROG(type_size_task) { out = bpf_core_type_size(struct task_struct); return 0; }
PROG(checked_type_size_task) {
	if (bpf_core_type_exists(struct task_struct))
		out = bpf_core_type_size(struct task_struct);
	return 0;
}

/* C must guard a field that may be missing too. */
PROG(missing) {
	struct task_struct___bench *t = (void *)bpf_get_current_task();
	if (bpf_core_field_exists(t->btf_reloc_no_such_field))
		out = BPF_CORE_READ(t, btf_reloc_no_such_field);
	return 0;
}
PROG(checked_missing) {
	struct task_struct___bench *t = (void *)bpf_get_current_task();
	__u64 v;
	if (FIELD_OK(t, btf_reloc_no_such_field, v) &&
	    bpf_core_read(&v, sizeof(v), &t->btf_reloc_no_such_field) == 0)
		out = v;
	return 0;
}

/* Direct reads of a pointer the verifier knows by its BTF type (tp_btf's arguments): one load
 * whose offset clang relocates (`__builtin_preserve_access_index`), no helper, nothing to check:
 * the loader and the verifier refuse what would read wrong. One program for both anchors. */
#define DIRECT(name) SEC("tp_btf/sched_process_fork") int name(unsigned long long *ctx)
#define ARG_TASK ((struct task_struct *)ctx[0])

DIRECT(direct_pid) { out = ARG_TASK->pid; return 0; }
DIRECT(direct_chain) { out = ARG_TASK->real_parent->tgid; return 0; }
DIRECT(direct_path) { out = ARG_TASK->se.vruntime; return 0; }
