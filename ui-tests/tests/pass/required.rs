// `#[btf(required)]` on every kind of field a getter reads, through kernel and user handles and
// `core_read!`; the getter's `Ok` is the value itself.
#![allow(non_camel_case_types, dead_code)]
use btf_reloc_runtime::prelude::*;

#[derive(BtfEnum, Clone, Copy)]
pub enum pid_type {
    PIDTYPE_PID,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct sched_entity {
    #[btf(required)]
    pub vruntime: u64,
}

#[derive(BtfRelocatable)]
#[repr(C)]
pub struct task_struct {
    #[btf(required)]
    pub pid: i32,
    #[btf(required, rename = "tgid")]
    pub process_id: i32,
    #[btf(required)]
    pub real_parent: KernelPtr<task_struct>,
    #[btf(required)]
    pub comm: [u8; 16],
    #[btf(required)]
    pub name: *const u8,
    #[btf(required, bitfield)]
    pub in_execve: u8,
    #[btf(required)]
    pub kind: EnumOf<pid_type>,
    pub se: sched_entity,
}

fn kernel(task: KernelPtr<task_struct>) -> Result<i64, RelocatableFieldAccessError> {
    let pid: i32 = task.pid()?;
    let parent: KernelPtr<task_struct> = task.real_parent()?;
    let tgid: i32 = parent.process_id()?;
    let comm: [u8; 16] = task.comm()?;
    let _: *const u8 = task.name()?;
    let in_execve: u8 = task.in_execve()?;
    let kind: i64 = task.kind()?;
    // The element and string getters of a required array stay checked.
    let third: Option<u8> = task.comm_at(3)?;
    let vruntime: Option<u64> = core_read!(task, se, vruntime)?;
    let ppid: Option<i32> = core_read!(task, real_parent, pid)?;
    Ok(i64::from(pid + tgid)
        + i64::from(comm[0])
        + i64::from(in_execve)
        + kind
        + i64::from(third.unwrap_or(0))
        + vruntime.unwrap_or(0) as i64
        + i64::from(ppid.unwrap_or(0)))
}

fn user(task: UserPtr<task_struct>) -> Result<i32, RelocatableFieldAccessError> {
    task.pid()
}

fn main() {}
