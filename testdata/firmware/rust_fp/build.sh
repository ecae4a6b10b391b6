#!/bin/bash
# Build the Rust no_std floating-point test firmware (needs Debian's rustc-web and rust-web-src, and
# arm-none-eabi-ld; qemu-system-arm for the expected outputs). One source, two programs:
#
#   rust_fp/     plain thumbv7em-none-eabihf: the target assumes a single-precision FPU (FPv4-SP-D16),
#                so f64 arithmetic goes through compiler_builtins' soft-float (__aeabi_dadd, ...)
#   rust_fp_m7/  the same with -C target-cpu=cortex-m7: FPv5-D16 double-precision instructions
#                (vmla.f64, vdiv.f64, vsqrt.f64, vcvt.f64.s32, vrintm.f64, vminnm.f64, vfma.f64, ...)
#
# each linked twice (<name>.elf for the STM32F769 map, <name>-mps2.elf for QEMU's mps2-an500).
#
#   bash testdata/firmware/rust_fp/build.sh [NAME...]          build (NAME: rust_fp, rust_fp_m7; default
#                                                              both), and with QEMU write expected.txt and
#                                                              expected_exit from the -mps2.elf
#   bash testdata/firmware/rust_fp/build.sh --check [NAME...]  rebuild from a copy of the sources in a scratch
#                                                              directory and compare with the committed files
#
# Both variants must print the same output (they compute the same IEEE 754 results), and that output
# must equal what host.rs prints when the same computation (fp.rs) is compiled for and run on the x86-64
# host: this is checked whenever QEMU is available.
#
# core and compiler_builtins are built from /usr/src/rustc-<version>/library into a sysroot per variant
# under ${M7EMU_RUST_SYSROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/m7emu-rust-sysroot} (about 30 s each,
# reused afterwards; keyed by the rustc commit). Without /usr/bin/rustc the script says so and exits 0,
# unless M7EMU_REQUIRE_RUST=1 (CI), where that is an error.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)      # .../testdata/firmware/rust_fp
FWDIR=$(dirname "$HERE")                 # .../testdata/firmware
RUSTC=/usr/bin/rustc                     # never a rustup rustc: it has no thumb target and a different core
LD=${LD:-arm-none-eabi-ld}
OBJDUMP=${OBJDUMP:-arm-none-eabi-objdump}
QEMU=${QEMU:-qemu-system-arm}
TARGET=thumbv7em-none-eabihf
SOURCES="main.rs fp.rs host.rs link.x memory-f769.x memory-mps2.x build.sh"

check=0
names=()
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    rust_fp|rust_fp_m7) names+=("$a") ;;
    *) echo "rust_fp/build.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done
[ ${#names[@]} -gt 0 ] || names=(rust_fp rust_fp_m7)

if [ ! -x "$RUSTC" ]; then
  msg="rust_fp: $RUSTC not found (apt-get install --no-install-recommends rustc-web rust-web-src)"
  if [ "${M7EMU_REQUIRE_RUST:-0}" = 1 ]; then
    echo "$msg: required (M7EMU_REQUIRE_RUST=1)" >&2
    exit 1
  fi
  echo "$msg: Rust firmware ${names[*]} skipped" >&2
  exit 0
fi
LIBSRC=$("$RUSTC" --print sysroot)/lib/rustlib/src/rust/library
if [ ! -f "$LIBSRC/core/src/lib.rs" ] || [ ! -f "$LIBSRC/compiler-builtins/compiler-builtins/src/lib.rs" ]; then
  echo "rust_fp: no core source at $LIBSRC (apt-get install --no-install-recommends rust-web-src)" >&2
  exit 1
fi
command -v "$LD" >/dev/null || { echo "rust_fp: $LD not found (apt-get install binutils-arm-none-eabi)" >&2; exit 1; }
have_qemu=0
command -v "$QEMU" >/dev/null && have_qemu=1

# since T0: seconds elapsed since $EPOCHREALTIME was T0.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

export RUSTC_BOOTSTRAP=1   # -Z flags for the sysroot, #![feature(core_float_math)] in the firmware
COMMIT=$("$RUSTC" -vV | sed -n 's/^commit-hash: //p')
RECIPE=1   # bump when the sysroot build below changes, so that old cached sysroots are not reused
CACHE=${M7EMU_RUST_SYSROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/m7emu-rust-sysroot}

# variant_flags NAME: the extra rustc flags of a program (the sysroot is built with the same ones).
variant_flags() {
  case "$1" in
    rust_fp) echo "" ;;
    rust_fp_m7) echo "-C target-cpu=cortex-m7" ;;
  esac
}

# sysroot NAME: print the sysroot for NAME's flags, building it first unless it is complete.
sysroot() {
  local flags variant root out stamp t0
  flags=$(variant_flags "$1")
  variant=default
  [ -n "$flags" ] && variant=cortex-m7
  root=$CACHE/rustc-${COMMIT:0:12}-$variant-r$RECIPE
  out=$root/lib/rustlib/$TARGET/lib
  stamp=$root/complete
  if [ ! -f "$stamp" ]; then
    t0=$EPOCHREALTIME
    echo "rust_fp: building the $variant sysroot (core + compiler_builtins) in $root" >&2
    rm -rf "$root"
    mkdir -p "$out"
    # Run from the library source directory with relative paths, so that no path of the cache
    # directory can reach the firmware. core is built without debug information: it would nearly double
    # the size of the committed ELFs (the firmware's own code keeps full debug information).
    # shellcheck disable=SC2086
    (
      cd "$LIBSRC"
      "$RUSTC" --crate-name core --crate-type rlib --edition 2024 --target $TARGET $flags \
        -C opt-level=s -C panic=abort -C debuginfo=0 -C embed-bitcode=no -Zforce-unstable-if-unmarked \
        core/src/lib.rs --out-dir "$out" >&2
      # The cfgs and environment that compiler-builtins' build.rs sets for a thumb*-none target.
      CFG_CARGO_FEATURES='["compiler-builtins", "mem"]' CFG_OPT_LEVEL=3 CFG_TARGET_FEATURES='[]' \
      "$RUSTC" --crate-name compiler_builtins --crate-type rlib --edition 2024 --target $TARGET $flags \
        --sysroot "$root" -C opt-level=3 -C panic=abort -C debuginfo=0 -C embed-bitcode=no \
        -C codegen-units=10000 -C debug-assertions=off -C overflow-checks=off \
        -Zforce-unstable-if-unmarked --cap-lints allow \
        --cfg 'feature="compiler-builtins"' --cfg 'feature="mem"' --cfg 'feature="unstable-intrinsics"' \
        --cfg thumb --cfg intrinsics_enabled --cfg arch_enabled --cfg optimizations_enabled \
        --cfg f16_enabled --cfg f128_enabled \
        compiler-builtins/compiler-builtins/src/lib.rs --out-dir "$out" >&2
    )
    "$RUSTC" -vV > "$stamp"
    echo "rust_fp: $variant sysroot built in $(since "$t0") s" >&2
  fi
  echo "$root"
}

# build_one DIR NAME: build DIR/NAME/NAME.elf and DIR/NAME/NAME-mps2.elf from DIR/rust_fp/, working in
# DIR with relative paths and --remap-path-prefix so the output does not depend on where DIR is.
build_one() {
  local dir=$1 p=$2 flags sr map out
  flags=$(variant_flags "$p")
  sr=$(sysroot "$p")
  (
    cd "$dir"
    mkdir -p "$p"
    for map in f769 mps2; do
      out="$p/$p.elf"
      [ $map = mps2 ] && out="$p/$p-mps2.elf"
      # shellcheck disable=SC2086
      "$RUSTC" --edition 2024 --crate-type bin --crate-name rust_fp --target $TARGET $flags --sysroot "$sr" \
        -C opt-level=2 -C codegen-units=1 -C panic=abort -C debuginfo=2 \
        --remap-path-prefix="$PWD"=. -C linker="$LD" \
        -C link-arg=--build-id=none -C link-arg=-Trust_fp/memory-$map.x -C link-arg=-Trust_fp/link.x \
        rust_fp/main.rs -o "$out"
    done
  )
}

# run_qemu ELF OUTTXT: run ELF in QEMU with semihosting output going to OUTTXT; prints the exit status.
run_qemu() {
  local elf=$1 txt=$2 rc
  rm -f "$txt"
  set +e
  timeout 300 "$QEMU" -M mps2-an500 -nographic \
    -semihosting-config enable=on,target=native,chardev=sh0 -chardev file,id=sh0,path="$txt" \
    -display none -monitor none -serial none \
    -icount shift=0,align=off,sleep=off -kernel "$elf" </dev/null >/dev/null 2>&1
  rc=$?
  set -e
  echo $rc
}

# host_output DIR OUTTXT: compile DIR/rust_fp/host.rs (fp.rs for x86-64 with std) and write what it prints.
host_output() {
  local dir=$1 txt=$2
  (
    cd "$dir"
    "$RUSTC" --edition 2024 -C opt-level=2 --remap-path-prefix="$PWD"=. rust_fp/host.rs -o rust_fp/host.bin
    local rc=0
    ./rust_fp/host.bin > "$txt" || rc=$?
    rm -f rust_fp/host.bin
    if [ $rc != 0 ]; then
      echo "rust_fp: host.rs (fp.rs on x86-64) exited with $rc:" >&2
      grep FAIL "$txt" >&2 || true
      exit 1
    fi
  )
}

# check_fpu_code ELF NAME: the default build must do f64 arithmetic in software and the cortex-m7 build
# in hardware (objdump mnemonics).
check_fpu_code() {
  local elf=$1 p=$2 dis
  command -v "$OBJDUMP" >/dev/null || return 0
  dis=$("$OBJDUMP" -d "$elf")
  if [ "$p" = rust_fp ]; then
    if grep -Eq 'v(add|mul|div|sqrt)\.f64' <<<"$dis" || ! grep -q '__aeabi_dadd' <<<"$dis"; then
      echo "rust_fp: $elf should use soft-float f64 (no vadd/vmul/vdiv/vsqrt.f64, calls to __aeabi_dadd)" >&2
      return 1
    fi
  else
    if ! grep -Eq 'vsqrt\.f64' <<<"$dis" || ! grep -Eq 'vdiv\.f64' <<<"$dis" || grep -q '<__aeabi_dadd>:' <<<"$dis"; then
      echo "rust_fp: $elf should use FPv5 double-precision instructions (vdiv.f64, vsqrt.f64), not __aeabi_dadd" >&2
      return 1
    fi
  fi
}

fail=0
if [ $check = 0 ]; then
  for p in "${names[@]}"; do
    sysroot "$p" >/dev/null
    t0=$EPOCHREALTIME
    build_one "$FWDIR" "$p"
    took=$(since "$t0")
    check_fpu_code "$FWDIR/$p/$p-mps2.elf" "$p" || fail=1
    if [ $have_qemu = 1 ]; then
      rc=$(run_qemu "$FWDIR/$p/$p-mps2.elf" "$FWDIR/$p/expected.txt")
      echo "$rc" > "$FWDIR/$p/expected_exit"
      echo "built $p in $took s (QEMU exit status $rc)"
    else
      echo "built $p in $took s (qemu-system-arm not found: expected.txt not regenerated)"
    fi
  done
  if [ $have_qemu = 1 ]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    mkdir "$scratch/rust_fp"
    for f in $SOURCES; do cp "$HERE/$f" "$scratch/rust_fp/"; done
    host_output "$scratch" "$scratch/host.txt"
    for p in "${names[@]}"; do
      if ! cmp -s "$scratch/host.txt" "$FWDIR/$p/expected.txt"; then
        echo "rust_fp: $p/expected.txt (QEMU) differs from the x86-64 host computation:" >&2
        diff "$scratch/host.txt" "$FWDIR/$p/expected.txt" >&2 || true
        fail=1
      fi
    done
  fi
  exit $fail
fi

# --check
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/rust_fp"
for f in $SOURCES; do cp "$HERE/$f" "$scratch/rust_fp/"; done
[ $have_qemu = 1 ] && host_output "$scratch" "$scratch/host.txt"
for p in "${names[@]}"; do
  build_one "$scratch" "$p"
  for e in "$p.elf" "$p-mps2.elf"; do
    if [ ! -f "$FWDIR/$p/$e" ]; then
      echo "firmware-check: $p/$e is not committed" >&2; fail=1
    elif ! cmp -s "$scratch/$p/$e" "$FWDIR/$p/$e"; then
      echo "firmware-check: $p/$e differs from a fresh build (run 'make firmware' and commit the result)" >&2; fail=1
    fi
  done
  if [ $have_qemu = 1 ]; then
    rc=$(run_qemu "$scratch/$p/$p-mps2.elf" "$scratch/$p/out.txt")
    if [ "$rc" != "$(cat "$FWDIR/$p/expected_exit" 2>/dev/null)" ]; then
      echo "firmware-check: $p exits with $rc under QEMU, expected_exit says $(cat "$FWDIR/$p/expected_exit" 2>/dev/null)" >&2; fail=1
    elif ! cmp -s "$scratch/$p/out.txt" "$FWDIR/$p/expected.txt"; then
      echo "firmware-check: $p output under QEMU differs from $p/expected.txt" >&2; fail=1
    elif ! cmp -s "$scratch/host.txt" "$FWDIR/$p/expected.txt"; then
      echo "firmware-check: $p/expected.txt differs from the x86-64 host computation (host.rs)" >&2; fail=1
    fi
  fi
done
if [ $fail != 0 ]; then
  exit 1
fi
echo "firmware-check: Rust ${names[*]} identical to the committed build$([ $have_qemu = 1 ] && echo ", QEMU outputs match (and the x86-64 host computation)")"
