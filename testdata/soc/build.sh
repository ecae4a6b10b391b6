#!/bin/bash
# Build m7emu's STM32F769 SoC test firmware (Embassy register-sequence replays; needs
# arm-none-eabi-gcc). They run only on the stm32f769i-disco machine (QEMU has no F7
# machine): the expected results are in board/socfw_test.go, derived from the spec.
#
#   bash testdata/soc/build.sh           build every program into testdata/soc/<name>/<name>.elf
#   bash testdata/soc/build.sh --check   rebuild from a copy of the sources in a scratch
#                                        directory and check the ELFs are byte-identical
#   bash testdata/soc/build.sh NAME...   build only the named programs
#
# boarddemo is the demo `m7emu run` runs without an ELF: its ELF is also copied to
# cmd/m7emu/demo.elf.
#
# Each program is <name>/*.c + lib/*.c (this directory) + ../firmware/common/{startup,sh,mem}.c
# (the shared startup code, semihosting and linker scripts, used in place through -I/-L).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
COMMON=$(cd "$HERE/../firmware/common" && pwd)
ALL_PROGRAMS="init16 init216 clkswitch exti usart timedrv10m tim2alarms boarddemo"

CC=${CC:-arm-none-eabi-gcc}
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
[ ${#programs[@]} -gt 0 ] || programs=($ALL_PROGRAMS)

if ! command -v "$CC" >/dev/null; then
  echo "build.sh: $CC not found (apt-get install gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi)" >&2
  exit 2
fi

# build_one DIR COMMONDIR NAME: build DIR/NAME/NAME.elf (f769 map only), working inside DIR
# with relative paths; -ffile-prefix-map maps both DIR and COMMONDIR so the output does
# not depend on where they are.
build_one() {
  local dir=$1 common=$2 p=$3
  (
    cd "$dir"
    local srcs
    srcs=$(shopt -s nullglob; for f in lib/*.c "$p"/*.c; do echo "$f"; done | LC_ALL=C sort)
    # shellcheck disable=SC2086
    $CC $CFLAGS -ffile-prefix-map="$PWD"=. -ffile-prefix-map="$common"=common \
      -Wa,--debug-prefix-map="$PWD"=. -Ilib -I"$common" -L"$common" -Tf769.ld \
      -Wl,--build-id=none \
      "$common"/startup.c "$common"/sh.c "$common"/mem.c $srcs -lgcc -o "$p/$p.elf"
  )
}

if [ $check = 0 ]; then
  for p in "${programs[@]}"; do
    build_one "$HERE" "$COMMON" "$p"
    echo "built $p"
    if [ "$p" = boarddemo ]; then
      # `m7emu run` with no ELF runs this firmware; the command embeds a copy.
      cp "$HERE/boarddemo/boarddemo.elf" "$HERE/../../cmd/m7emu/demo.elf"
    fi
  done
  exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/soc/lib" "$scratch/common"
cp "$COMMON"/* "$scratch/common/"
cp "$HERE"/lib/*.[ch] "$scratch/soc/lib/"
fail=0
for p in "${programs[@]}"; do
  mkdir -p "$scratch/soc/$p"
  cp "$HERE/$p"/*.[ch] "$scratch/soc/$p/" 2>/dev/null || true
  build_one "$scratch/soc" "$scratch/common" "$p"
  if [ ! -f "$HERE/$p/$p.elf" ]; then
    echo "soc-firmware-check: $p/$p.elf is not committed" >&2; fail=1
  elif ! cmp -s "$scratch/soc/$p/$p.elf" "$HERE/$p/$p.elf"; then
    echo "soc-firmware-check: $p/$p.elf differs from a fresh build (run 'bash testdata/soc/build.sh' and commit the result)" >&2; fail=1
  fi
done
if ! cmp -s "$HERE/boarddemo/boarddemo.elf" "$HERE/../../cmd/m7emu/demo.elf"; then
  echo "soc-firmware-check: cmd/m7emu/demo.elf is not a copy of boarddemo/boarddemo.elf (run 'bash testdata/soc/build.sh boarddemo')" >&2; fail=1
fi
if [ $fail != 0 ]; then
  echo "soc-firmware-check: FAILED" >&2
  exit 1
fi
echo "soc-firmware-check: ${#programs[@]} programs identical to the committed build"
