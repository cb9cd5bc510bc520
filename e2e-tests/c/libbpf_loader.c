// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The libbpf side of the kernel test `loaders::libbpf`: loads a post-linked btf-reloc object with
// plain libbpf (no aya, no btf-reloc code), so the CO-RE relocations it applies prove the records
// `btf-reloc link` wrote are genuine.
//
//   libbpf_loader [--btf TARGET_BTF] [--raw] [--only] [--rodata VAR HEX]... [--tgid VAR]... OBJECT PROGRAM TGID_VAR RESULTS_VAR
//
// Opens OBJECT, writes this process's tgid into the `.rodata` global TGID_VAR (and, with
// --rodata, the bytes HEX into the `.rodata` global VAR, whose size they must have; with --tgid,
// this process's tgid into the 4-byte `.rodata` global VAR too), loads it
// (libbpf's CO-RE relocation against /sys/kernel/btf/vmlinux happens here, or against the BTF in
// the file TARGET_BTF with --btf: libbpf's `btf_custom_path`, a made-up kernel), attaches the
// program PROGRAM to its tracepoint, calls getppid() from a second thread named THREAD_NAME, and
// reads the program's outcomes back from the `.bss` global RESULTS_VAR (`struct results`). The
// names come from the caller (btf-reloc-e2e-common), so they are written in one place. With
// --only, only PROGRAM is loaded (the others are not autoloaded) at libbpf's default log level, as
// a libbpf user loads it: when the kernel refuses it, libbpf retries with the verifier's log and
// prints it, CO-RE relocations it poisoned named; without, every program is loaded with the
// verifier's statistics (log level 4).
//
// stdout: `key value...` lines (each program's ELF section, which ties libbpf's `prog 'NAME':
// relo #N` log lines to the object's CO-RE records; the ground truth from syscalls and procfs;
// then the outcomes; with --raw, the bytes of RESULTS_VAR whatever its type, as `raw <hex>`),
// parsed by e2e-tests/src/libbpf_loader.rs. stderr: libbpf's debug log (the relocation log and the
// verifier's statistics), then any error. Exit status 0 only if everything up to reading the
// outcomes worked; judging the values is left to the Rust side.

#define _GNU_SOURCE
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREAD_NAME "btf-reloc-lbpf"
// How many --rodata options the loader takes.
#define MAX_SETS 4

// Mirrors `Results` in e2e-ebpf/src/libbpf.rs.
typedef int64_t outcome[4];
struct results {
	uint64_t hits;
	outcome pid, tgid, state, missing, flags;
	int64_t queries[4];
	char comm[16];
};

static int print_libbpf(enum libbpf_print_level level, const char *format, va_list args)
{
	(void)level; // Everything, debug included: the relocation log is at debug level.
	return vfprintf(stderr, format, args);
}

// Finds the internal (global data) map of ELF section `section` (libbpf names it
// "<object name prefix><section>").
static struct bpf_map *data_map(struct bpf_object *obj, const char *section)
{
	struct bpf_map *map;
	size_t want = strlen(section);

	bpf_object__for_each_map(map, obj) {
		const char *name = bpf_map__name(map);
		size_t len = strlen(name);

		if (bpf_map__is_internal(map) && len >= want && !strcmp(name + len - want, section))
			return map;
	}
	fprintf(stderr, "error: no global data map for section %s\n", section);
	return NULL;
}

// Offset and size of global `var` in section `section`, from the object's BTF (libbpf fixed
// the DATASEC offsets up from the ELF symbols while opening).
static int var_in_section(struct bpf_object *obj, const char *section, const char *var,
			  size_t *offset, size_t *size)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_var_secinfo *info;
	const struct btf_type *datasec;
	int id, i;

	if (!btf) {
		fprintf(stderr, "error: the object has no .BTF (global data needs it)\n");
		return -1;
	}
	id = btf__find_by_name_kind(btf, section, BTF_KIND_DATASEC);
	if (id < 0) {
		fprintf(stderr, "error: no DATASEC %s in the object's BTF\n", section);
		return -1;
	}
	datasec = btf__type_by_id(btf, id);
	info = btf_var_secinfos(datasec);
	for (i = 0; i < btf_vlen(datasec); i++, info++) {
		const struct btf_type *t = btf__type_by_id(btf, info->type);

		if (t && !strcmp(btf__name_by_offset(btf, t->name_off), var)) {
			*offset = info->offset;
			*size = info->size;
			return 0;
		}
	}
	fprintf(stderr, "error: no variable %s in DATASEC %s\n", var, section);
	return -1;
}

// What the trigger thread learnt about itself.
struct trigger {
	long tid;
	char comm[64];
	int error;
};

static void *trigger_thread(void *arg)
{
	struct trigger *trigger = arg;
	FILE *comm;

	// glibc names threads through /proc/thread-self/comm as well; the kernel stores at most 15
	// bytes.
	trigger->error = pthread_setname_np(pthread_self(), THREAD_NAME);
	if (trigger->error)
		return NULL;
	comm = fopen("/proc/thread-self/comm", "r");
	if (!comm || !fgets(trigger->comm, sizeof(trigger->comm), comm)) {
		trigger->error = errno ? errno : EIO;
		if (comm)
			fclose(comm);
		return NULL;
	}
	fclose(comm);
	trigger->comm[strcspn(trigger->comm, "\n")] = '\0';
	trigger->tid = syscall(SYS_gettid);
	// The trigger: the program runs on entry to this syscall.
	(void)getppid();
	return NULL;
}

static void print_outcome(const char *name, const outcome o)
{
	printf("%s %lld %lld %lld %lld\n", name, (long long)o[0], (long long)o[1], (long long)o[2],
	       (long long)o[3]);
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_object_open_opts, open_opts);
	struct bpf_object *obj = NULL;
	struct bpf_link *link = NULL;
	struct bpf_program *prog, *each;
	struct bpf_map *rodata, *bss;
	struct trigger trigger = { 0 };
	struct results results;
	size_t off, size, rodata_size;
	uint32_t tgid = (uint32_t)getpid(), zero = 0;
	unsigned char *rodata_value = NULL;
	const void *initial;
	pthread_t thread;
	int err = 1;

	const char *program, *tgid_var, *results_var;
	const char *set_var[MAX_SETS], *set_hex[MAX_SETS], *tgid_vars[MAX_SETS];
	int raw = 0, only = 0, sets = 0, tgid_sets = 0, i;

	for (; argc > 1 && !strncmp(argv[1], "--", 2); argc--, argv++) {
		if (!strcmp(argv[1], "--raw")) {
			raw = 1;
		} else if (!strcmp(argv[1], "--only")) {
			only = 1;
		} else if (!strcmp(argv[1], "--rodata") && argc > 3 && sets < MAX_SETS) {
			set_var[sets] = argv[2];
			set_hex[sets++] = argv[3];
			argc -= 2, argv += 2;
		} else if (!strcmp(argv[1], "--tgid") && argc > 2 && tgid_sets < MAX_SETS) {
			tgid_vars[tgid_sets++] = argv[2];
			argc--, argv++;
		} else if (!strcmp(argv[1], "--btf") && argc > 2) {
			open_opts.btf_custom_path = argv[2];
			argc--, argv++;
		} else {
			break;
		}
	}
	if (argc != 5) {
		fprintf(stderr,
			"usage: libbpf_loader [--btf TARGET_BTF] [--raw] [--only] [--rodata VAR HEX]... [--tgid VAR]... OBJECT "
			"PROGRAM TGID_VAR RESULTS_VAR\n");
		return 2;
	}
	program = argv[2];
	tgid_var = argv[3];
	results_var = argv[4];
	libbpf_set_print(print_libbpf);

	obj = bpf_object__open_file(argv[1], &open_opts);
	if (!obj) {
		fprintf(stderr, "error: opening %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(each, obj)
		printf("program %s %s\n", bpf_program__name(each), bpf_program__section_name(each));
	prog = bpf_object__find_program_by_name(obj, program);
	if (!prog) {
		fprintf(stderr, "error: the object has no program %s\n", program);
		goto out;
	}
	if (only) {
		bpf_object__for_each_program(each, obj)
			if (each != prog && bpf_program__set_autoload(each, false))
				goto out;
	} else {
		// Level 4 (BPF_LOG_STATS): the verifier reports "processed N insns" on success too,
		// and libbpf prints that log at debug level.
		bpf_program__set_log_level(prog, 4);
	}

	// The tgid variable lives in .rodata, which is frozen at load: set it now.
	rodata = data_map(obj, ".rodata");
	if (!rodata || var_in_section(obj, ".rodata", tgid_var, &off, &size))
		goto out;
	initial = bpf_map__initial_value(rodata, &rodata_size);
	if (!initial || size != sizeof(tgid) || off + size > rodata_size) {
		fprintf(stderr, "error: unexpected .rodata layout (%s at %zu, size %zu)\n", tgid_var,
			off, size);
		goto out;
	}
	rodata_value = malloc(rodata_size);
	if (!rodata_value) {
		fprintf(stderr, "error: out of memory\n");
		goto out;
	}
	memcpy(rodata_value, initial, rodata_size);
	memcpy(rodata_value + off, &tgid, sizeof(tgid));
	for (i = 0; i < sets; i++) {
		size_t j, len = strlen(set_hex[i]) / 2;

		if (var_in_section(obj, ".rodata", set_var[i], &off, &size))
			goto out;
		if (strlen(set_hex[i]) != 2 * size || size != len || off + size > rodata_size) {
			fprintf(stderr, "error: %s is %zu bytes at %zu, --rodata gives %zu\n",
				set_var[i], size, off, len);
			goto out;
		}
		for (j = 0; j < len; j++) {
			unsigned int byte;

			if (sscanf(set_hex[i] + 2 * j, "%2x", &byte) != 1) {
				fprintf(stderr, "error: --rodata %s: not hex\n", set_var[i]);
				goto out;
			}
			rodata_value[off + j] = (unsigned char)byte;
		}
	}
	for (i = 0; i < tgid_sets; i++) {
		if (var_in_section(obj, ".rodata", tgid_vars[i], &off, &size))
			goto out;
		if (size != sizeof(tgid) || off + size > rodata_size) {
			fprintf(stderr, "error: --tgid %s: %zu bytes at %zu\n", tgid_vars[i], size, off);
			goto out;
		}
		memcpy(rodata_value + off, &tgid, sizeof(tgid));
	}
	if (bpf_map__set_initial_value(rodata, rodata_value, rodata_size)) {
		fprintf(stderr, "error: cannot set %s: %s\n", tgid_var, strerror(errno));
		goto out;
	}

	if (bpf_object__load(obj)) {
		fprintf(stderr, "error: loading %s: %s\n", argv[1], strerror(errno));
		goto out;
	}
	// Section `tracepoint/syscalls/sys_enter_getppid`: libbpf attaches by the section name.
	link = bpf_program__attach(prog);
	if (!link) {
		fprintf(stderr, "error: attaching %s: %s\n", program, strerror(errno));
		goto out;
	}

	if ((err = pthread_create(&thread, NULL, trigger_thread, &trigger)) ||
	    (err = pthread_join(thread, NULL)) || (err = trigger.error)) {
		fprintf(stderr, "error: the trigger thread failed: %s\n", strerror(err));
		err = 1;
		goto out;
	}
	err = 1;

	bss = data_map(obj, ".bss");
	if (!bss || var_in_section(obj, ".bss", results_var, &off, &size))
		goto out;
	if (raw && off + size <= bpf_map__value_size(bss)) {
		size_t value_size = bpf_map__value_size(bss), i;
		unsigned char *value = malloc(value_size);

		if (!value || bpf_map__lookup_elem(bss, &zero, sizeof(zero), value, value_size, 0)) {
			fprintf(stderr, "error: reading .bss: %s\n", value ? strerror(errno) : "no memory");
			free(value);
			goto out;
		}
		printf("tgid %u\n", tgid);
		printf("tid %ld\n", trigger.tid);
		printf("thread_comm %s\n", trigger.comm);
		printf("raw ");
		for (i = 0; i < size; i++)
			printf("%02x", value[off + i]);
		printf("\n");
		free(value);
		err = 0;
		goto out;
	}
	if (size != sizeof(results) || off + size > bpf_map__value_size(bss)) {
		fprintf(stderr, "error: %s is %zu bytes at %zu, expected %zu bytes\n", results_var,
			size, off, sizeof(results));
		goto out;
	}
	{
		size_t value_size = bpf_map__value_size(bss);
		unsigned char *value = malloc(value_size);

		if (!value) {
			fprintf(stderr, "error: out of memory\n");
			goto out;
		}
		if (bpf_map__lookup_elem(bss, &zero, sizeof(zero), value, value_size, 0)) {
			fprintf(stderr, "error: reading .bss: %s\n", strerror(errno));
			free(value);
			goto out;
		}
		memcpy(&results, value + off, sizeof(results));
		free(value);
	}

	printf("tgid %u\n", tgid);
	printf("tid %ld\n", trigger.tid);
	printf("thread_comm %s\n", trigger.comm);
	printf("hits %llu\n", (unsigned long long)results.hits);
	print_outcome("pid", results.pid);
	print_outcome("tgid_field", results.tgid);
	print_outcome("state", results.state);
	print_outcome("missing", results.missing);
	print_outcome("flags", results.flags);
	print_outcome("queries", results.queries);
	printf("kernel_comm %.*s\n", (int)sizeof(results.comm), results.comm);
	err = 0;
out:
	bpf_link__destroy(link);
	bpf_object__close(obj);
	free(rodata_value);
	return err;
}
