//! The x86-64 oracle for rust_fp: runs fp.rs on the build machine (SSE2 arithmetic, glibc's fma) and
//! prints what the firmware must print. build.sh compares this output with QEMU's.
#![feature(core_float_math)]

#[path = "fp.rs"]
mod fp;

use std::io::Write;

struct Buf(Vec<u8>);

impl fp::Sink for Buf {
    fn put(&mut self, b: u8) {
        self.0.push(b);
    }
}

fn main() {
    let mut buf = Buf(Vec::new());
    let failed = fp::run(&mut fp::Out::new(&mut buf));
    std::io::stdout().write_all(&buf.0).unwrap();
    std::process::exit(if failed != 0 { 101 } else { 0 });
}
