#!/bin/bash
# Regenerate the QEMU register traces in testdata/oracle (needs qemu-system-arm and go).
#
#   bash testdata/oracle/oracle.sh            all traced programs
#   bash testdata/oracle/oracle.sh NAME...    only these
#
# For each program, runs testdata/firmware/NAME/NAME-mps2.elf in QEMU single-stepping with a register
# dump before every instruction, checks the exit status against expected_exit, and converts the log
# with internal/tools/qtrace into testdata/oracle/NAME.trace.gz (format: testdata/oracle/README.md).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
FW=$ROOT/testdata/firmware
QEMU=${QEMU:-qemu-system-arm}
GO=${GO:-go}
TRACED="hello alu muldsp simd bitops ldst branch selfmod demo exc_nvic exc_svc exc_faults exc_reset rust_fp_m7"

programs=("$@")
[ ${#programs[@]} -gt 0 ] || programs=($TRACED)

command -v "$QEMU" >/dev/null || { echo "oracle.sh: $QEMU not found (apt-get install qemu-system-arm)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$ROOT" && "$GO" build -o "$work/qtrace" ./internal/tools/qtrace)

for p in "${programs[@]}"; do
  elf=$FW/$p/$p-mps2.elf
  [ -f "$elf" ] || { echo "oracle.sh: $elf missing (run make firmware)" >&2; exit 1; }
  want=$(cat "$FW/$p/expected_exit")
  set +e
  timeout 600 "$QEMU" -M mps2-an500 -nographic \
    -semihosting-config enable=on,target=native,chardev=sh0 -chardev file,id=sh0,path="$work/$p.out" \
    -display none -monitor none -serial none \
    -icount shift=0,align=off,sleep=off \
    -singlestep -d exec,cpu,nochain -D "$work/$p.log" \
    -kernel "$elf" </dev/null >/dev/null 2>&1
  rc=$?
  set -e
  if [ "$rc" != "$want" ]; then
    echo "oracle.sh: $p exited with $rc under QEMU, expected $want" >&2; exit 1
  fi
  if ! cmp -s "$work/$p.out" "$FW/$p/expected.txt"; then
    echo "oracle.sh: $p output differs from testdata/firmware/$p/expected.txt" >&2; exit 1
  fi
  "$work/qtrace" -comment "$p-mps2.elf under $("$QEMU" --version | head -1)" -o "$HERE/$p.trace.gz" "$work/$p.log"
  rm -f "$work/$p.log"
done
