#!/bin/bash
# Regenerate the randomized differential-test corpus in testdata/random:
#   rangen (internal/tools/rangen) -> rNN.s -> arm-none-eabi-gcc -> rNN-mps2.elf -> QEMU -> rNN.golden.gz
#
#   gen.sh           rebuild everything and overwrite the committed ELFs and goldens
#   gen.sh --check   rebuild into a scratch directory; exit 1 unless every ELF is byte-identical to the
#                    committed one and QEMU's output equals the committed golden
#
# Needs go, arm-none-eabi-gcc, qemu-system-arm (Debian 12: gcc-arm-none-eabi, qemu-system-arm), gzip.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac
for tool in go arm-none-eabi-gcc qemu-system-arm gzip cmp timeout; do
  command -v "$tool" >/dev/null || { echo "gen.sh: $tool not found" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root" && go run ./internal/tools/rangen/cmd/rangen -out "$work")

CFLAGS="-mcpu=cortex-m7 -mthumb -mfpu=fpv5-d16 -mfloat-abi=hard -nostdlib -Wa,--fatal-warnings"
QEMU="qemu-system-arm -M mps2-an500 -display none -monitor none -serial none
  -semihosting-config enable=on,target=native,chardev=sh0
  -icount shift=0,align=off,sleep=off"

fail=0
start=$SECONDS
for src in "$work"/r[0-9][0-9].s; do
  name=$(basename "$src" .s)
  elf=$name-mps2.elf
  # Assemble and link in two steps inside $work, so that the ELF's STT_FILE symbol is "rNN.o"
  # (a one-step build would record the driver's random temporary object name).
  (cd "$work" && arm-none-eabi-gcc $CFLAGS -c "$name.s" -o "$name.o" &&
    arm-none-eabi-gcc $CFLAGS -T link.ld "$name.o" -o "$elf")
  nseq=$(sed -n 's/^[[:space:]]*\.equ NSEQ, \([0-9]*\)$/\1/p' "$src")

  # SYS_WRITE to ":tt" goes to QEMU's stdout; the semihosting console chardev (SYS_WRITE0 etc.)
  # goes to a file that must stay empty.
  set +e
  timeout 600 $QEMU -chardev file,id=sh0,path="$work/$name.console" -kernel "$work/$elf" \
    >"$work/$name.out" 2>"$work/$name.err"
  rc=$?
  set -e
  size=$(stat -c %s "$work/$name.out")
  if [ $rc -ne 0 ] || [ "$size" -ne $((nseq * 64)) ] || [ -s "$work/$name.err" ] || [ -s "$work/$name.console" ]; then
    echo "gen.sh: $name: QEMU exit $rc, $size bytes of output (want $((nseq * 64)))" >&2
    head -c 2000 "$work/$name.err" "$work/$name.console" >&2 || true
    fail=1
    continue
  fi

  if [ $check = 1 ]; then
    if ! cmp -s "$work/$elf" "$here/$elf"; then
      echo "gen.sh: $elf differs from the committed ELF" >&2
      fail=1
    fi
    if ! gzip -dc "$here/$name.golden.gz" 2>/dev/null | cmp -s - "$work/$name.out"; then
      echo "gen.sh: $name.golden.gz differs from QEMU's output" >&2
      fail=1
    fi
  else
    cp "$work/$elf" "$here/$elf"
    gzip -9 -n <"$work/$name.out" >"$here/$name.golden.gz"
  fi
  echo "$name: $nseq sequences ok"
done
echo "gen.sh: $((SECONDS - start)) s"
if [ $fail != 0 ]; then
  [ $check = 1 ] && echo "gen.sh --check: FAILED (regenerate with testdata/random/gen.sh)" >&2
  exit 1
fi
[ $check = 1 ] && echo "gen.sh --check: ok"
exit 0
