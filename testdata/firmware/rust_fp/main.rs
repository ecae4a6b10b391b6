//! rust_fp: m7emu test firmware in Rust (no_std, no crates) doing f32 and f64 arithmetic (fp.rs).
//!
//! The runtime is our own, in the style of cortex-m-rt: a vector table split into __RESET_VECTOR,
//! __EXCEPTIONS and __INTERRUPTS (placed by link.x after the initial SP), a Reset handler that copies
//! .data, zeroes .bss, enables the FPU and calls main, and semihosting output and exit
//! (SYS_WRITE0, SYS_EXIT_EXTENDED). Every other exception exits with status 3, a panic with 101.
//!
//! Built twice by build.sh: for plain thumbv7em-none-eabihf (single-precision FPU, f64 in software)
//! and with -C target-cpu=cortex-m7 (FPv5-D16: f64 in hardware).
#![no_std]
#![no_main]
#![feature(core_float_math)]

mod fp;

use core::arch::{asm, naked_asm};
use core::panic::PanicInfo;
use core::ptr;

// ---- semihosting (Arm IHI 0098 "Semihosting for AArch32 and AArch64": BKPT 0xAB on M-profile) ----

const SYS_WRITE0: u32 = 0x04;
const SYS_EXIT_EXTENDED: u32 = 0x20;
const ADP_STOPPED_APPLICATION_EXIT: u32 = 0x20026;

/// Issues semihosting operation `op` with parameter `arg` (r0, r1) and returns r0.
///
/// # Safety
/// `arg` must be what the operation expects (a NUL-terminated string, a parameter block).
unsafe fn semihost(op: u32, arg: *const u8) -> u32 {
    let mut r0 = op;
    // SAFETY: the debugger (QEMU, m7emu) reads memory at arg; the asm may read and write memory.
    unsafe { asm!("bkpt 0xab", inout("r0") r0, in("r1") arg, options(nostack, preserves_flags)) };
    r0
}

/// Line-buffered console: one SYS_WRITE0 per line, as in the C firmware. In .bss.
struct Console {
    buf: [u8; 128],
    len: usize,
}

static mut CONSOLE: Console = Console {
    buf: [0; 128],
    len: 0,
};

fn console() -> &'static mut Console {
    // SAFETY: single-threaded, no exception handler prints, and callers never hold two of these.
    unsafe { &mut *(&raw mut CONSOLE) }
}

impl Console {
    fn flush(&mut self) {
        if self.len == 0 {
            return;
        }
        self.buf[self.len] = 0;
        // SAFETY: buf is NUL-terminated.
        unsafe { semihost(SYS_WRITE0, self.buf.as_ptr()) };
        self.len = 0;
    }
}

impl fp::Sink for Console {
    fn put(&mut self, b: u8) {
        self.buf[self.len] = b;
        self.len += 1;
        if b == b'\n' || self.len == self.buf.len() - 1 {
            self.flush();
        }
    }
}

fn write_str(s: &str) {
    let c = console();
    for &b in s.as_bytes() {
        fp::Sink::put(c, b);
    }
}

/// Flushes the console and ends the program with `code` (SYS_EXIT_EXTENDED).
fn exit(code: i32) -> ! {
    console().flush();
    let block = [ADP_STOPPED_APPLICATION_EXIT, code as u32];
    loop {
        // SAFETY: a two-word parameter block {reason, exit code}.
        unsafe { semihost(SYS_EXIT_EXTENDED, block.as_ptr().cast()) };
    }
}

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    write_str("panic\n");
    exit(101)
}

// ---- vector table (Arm DDI0403E B1.5.2-B1.5.3) ----

/// A vector table entry: a handler or 0 for a reserved slot.
#[derive(Clone, Copy)]
pub union Vector {
    handler: unsafe extern "C" fn() -> !,
    reserved: usize,
}

#[unsafe(link_section = ".vector_table.reset_vector")]
#[unsafe(no_mangle)]
pub static __RESET_VECTOR: unsafe extern "C" fn() -> ! = Reset;

const H: Vector = Vector {
    handler: DefaultHandler,
};
const R: Vector = Vector { reserved: 0 };

/// NMI, HardFault, MemManage, BusFault, UsageFault, 4 reserved, SVCall, DebugMonitor, reserved,
/// PendSV, SysTick.
#[unsafe(link_section = ".vector_table.exceptions")]
#[unsafe(no_mangle)]
pub static __EXCEPTIONS: [Vector; 14] = [H, H, H, H, H, R, R, R, R, H, H, R, H, H];

#[unsafe(link_section = ".vector_table.interrupts")]
#[unsafe(no_mangle)]
pub static __INTERRUPTS: [Vector; 32] = [H; 32];

/// Every exception but Reset: exit with status 3 (no program here takes exceptions).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn DefaultHandler() -> ! {
    exit(3)
}

unsafe extern "C" {
    static mut __sdata: u32;
    static mut __edata: u32;
    static __sidata: u32;
    static mut __sbss: u32;
    static mut __ebss: u32;
}

/// The reset handler. It runs before any Rust code may assume initialised statics, so the .data copy
/// and .bss clear are written in assembly; then the FPU is enabled and main runs.
#[unsafe(naked)]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn Reset() -> ! {
    naked_asm!(
        "movw r0, :lower16:{sdata}",
        "movt r0, :upper16:{sdata}",
        "movw r1, :lower16:{edata}",
        "movt r1, :upper16:{edata}",
        "movw r2, :lower16:{sidata}",
        "movt r2, :upper16:{sidata}",
        "0: cmp r0, r1",
        "bhs 1f",
        "ldr r3, [r2], #4",
        "str r3, [r0], #4",
        "b 0b",
        "1: movw r0, :lower16:{sbss}",
        "movt r0, :upper16:{sbss}",
        "movw r1, :lower16:{ebss}",
        "movt r1, :upper16:{ebss}",
        "movs r2, #0",
        "2: cmp r0, r1",
        "bhs 3f",
        "str r2, [r0], #4",
        "b 2b",
        "3: bl {fpu_enable}",
        "bl {start}",
        "udf #0",
        sdata = sym __sdata,
        edata = sym __edata,
        sidata = sym __sidata,
        sbss = sym __sbss,
        ebss = sym __ebss,
        fpu_enable = sym fpu_enable,
        start = sym start,
    )
}

/// Grants full access to CP10/CP11 (CPACR bits 23:20, Arm DDI0403E B3.2.20). A separate function
/// with no floating-point work, so no FP instruction can run before the FPU is on.
#[inline(never)]
extern "C" fn fpu_enable() {
    const CPACR: *mut u32 = 0xE000_ED88 as *mut u32;
    // SAFETY: CPACR is a System Control Space register, always present on Armv7-M.
    unsafe {
        ptr::write_volatile(CPACR, ptr::read_volatile(CPACR) | 0xF << 20);
        asm!("dsb", "isb", options(nostack, preserves_flags));
    }
}

extern "C" fn start() -> ! {
    exit(main())
}

fn main() -> i32 {
    let mut out = fp::Out::new(console());
    if fp::run(&mut out) != 0 {
        panic!("self-check failed");
    }
    0
}
