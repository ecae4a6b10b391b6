#!/bin/bash
# Build m7emu's test firmware (needs arm-none-eabi-gcc; qemu-system-arm for the expected outputs).
#
#   bash testdata/firmware/build.sh           build every program into testdata/firmware/<name>/:
#                                             <name>.elf (STM32F769 map), <name>-mps2.elf (QEMU mps2-an500
#                                             map), and, when qemu-system-arm is installed, expected.txt
#                                             (semihosting output of the -mps2.elf under QEMU) and
#                                             expected_exit (its exit status)
#   bash testdata/firmware/build.sh --check   rebuild from a copy of the sources in a scratch directory and
#                                             check the ELFs (and, with QEMU, the expected outputs) are
#                                             byte-identical to the committed ones
#   bash testdata/firmware/build.sh NAME...   build only the named programs
#
# The Rust programs (rust_fp, rust_fp_m7) are built by rust_fp/build.sh, which needs Debian's rustc-web
# and rust-web-src and skips them with a message when /usr/bin/rustc is absent (an error instead when
# M7EMU_REQUIRE_RUST=1).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ALL_PROGRAMS="hello alu muldsp simd bitops ldst branch selfmod bench demo exc_nvic exc_svc exc_faults exc_threads exc_sleep exc_reset fp_threads fp_calc"
RUST_PROGRAMS="rust_fp rust_fp_m7"

CC=${CC:-arm-none-eabi-gcc}
QEMU=${QEMU:-qemu-system-arm}
CFLAGS="-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard -O2 -g -ffreestanding -nostdlib
        -std=gnu11 -Wall -Wextra -Wno-unused-parameter"

check=0
programs=()
for a in "$@"; do
  case "$a" in
    --check) check=1 ;;
    -*) echo "build.sh: unknown option $a" >&2; exit 2 ;;
    *) programs+=("$a") ;;
  esac
done
[ ${#programs[@]} -gt 0 ] || programs=($ALL_PROGRAMS $RUST_PROGRAMS)
rust=()
c_programs=()
for p in "${programs[@]}"; do
  case " $RUST_PROGRAMS " in
    *" $p "*) rust+=("$p") ;;
    *) c_programs+=("$p") ;;
  esac
done
programs=(${c_programs[@]+"${c_programs[@]}"})

if [ ${#programs[@]} -gt 0 ] && ! command -v "$CC" >/dev/null; then
  echo "build.sh: $CC not found (apt-get install gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi)" >&2
  exit 2
fi
have_qemu=0
command -v "$QEMU" >/dev/null && have_qemu=1

# build_one DIR NAME: build DIR/NAME/NAME.elf and DIR/NAME/NAME-mps2.elf, working inside DIR with
# relative paths so that -ffile-prefix-map makes the output independent of where DIR is.
build_one() {
  local dir=$1 p=$2
  (
    cd "$dir"
    local srcs
    srcs=$(shopt -s nullglob; for f in "$p"/*.c "$p"/*.S; do echo "$f"; done | LC_ALL=C sort)
    # shellcheck disable=SC2086
    for map in f769 mps2; do
      local out="$p/$p.elf"
      [ $map = mps2 ] && out="$p/$p-mps2.elf"
      $CC $CFLAGS -ffile-prefix-map="$PWD"=. -Wa,--debug-prefix-map="$PWD"=. -Icommon -Lcommon -T"$map.ld" \
        -Wl,--build-id=none \
        common/startup.c common/sh.c common/mem.c $srcs -lgcc -o "$out"
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

if [ $check = 0 ]; then
  for p in ${programs[@]+"${programs[@]}"}; do
    build_one "$HERE" "$p"
    if [ $have_qemu = 1 ]; then
      rc=$(run_qemu "$HERE/$p/$p-mps2.elf" "$HERE/$p/expected.txt")
      echo "$rc" > "$HERE/$p/expected_exit"
      echo "built $p (QEMU exit status $rc)"
    else
      echo "built $p (qemu-system-arm not found: expected.txt not regenerated)"
    fi
  done
  if [ ${#rust[@]} -gt 0 ]; then
    bash "$HERE/rust_fp/build.sh" "${rust[@]}"
  fi
  exit 0
fi

# --check
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/common"
cp "$HERE"/common/* "$scratch/common/"
fail=0
for p in ${programs[@]+"${programs[@]}"}; do
  mkdir -p "$scratch/$p"
  cp "$HERE/$p"/*.[cSh] "$scratch/$p/" 2>/dev/null || true
  build_one "$scratch" "$p"
  for e in "$p.elf" "$p-mps2.elf"; do
    if [ ! -f "$HERE/$p/$e" ]; then
      echo "firmware-check: $p/$e is not committed" >&2; fail=1
    elif ! cmp -s "$scratch/$p/$e" "$HERE/$p/$e"; then
      echo "firmware-check: $p/$e differs from a fresh build (run 'make firmware' and commit the result)" >&2; fail=1
    fi
  done
  if [ $have_qemu = 1 ]; then
    rc=$(run_qemu "$scratch/$p/$p-mps2.elf" "$scratch/$p/out.txt")
    if [ "$rc" != "$(cat "$HERE/$p/expected_exit" 2>/dev/null)" ]; then
      echo "firmware-check: $p exits with $rc under QEMU, expected_exit says $(cat "$HERE/$p/expected_exit" 2>/dev/null)" >&2; fail=1
    elif ! cmp -s "$scratch/$p/out.txt" "$HERE/$p/expected.txt"; then
      echo "firmware-check: $p output under QEMU differs from $p/expected.txt" >&2; fail=1
    fi
  fi
done
if [ ${#rust[@]} -gt 0 ]; then
  bash "$HERE/rust_fp/build.sh" --check "${rust[@]}" || fail=1
fi
if [ $fail != 0 ]; then
  echo "firmware-check: FAILED" >&2
  exit 1
fi
if [ ${#programs[@]} -gt 0 ]; then
  echo "firmware-check: ${#programs[@]} C programs identical to the committed build$([ $have_qemu = 1 ] && echo ", QEMU outputs match")"
fi
