#!/bin/bash
# gen_mul.sh regenerates mul.txt, the decode/disassembly golden of the "mul" group
# (multiply, divide, DSP, saturate, parallel add/subtract, pack/extend, bit operations).
#
# Every line is "hex|text": hex is the encoding (4 hex digits for a 16-bit instruction,
# 8 for a 32-bit one, hw1 then hw2), optionally preceded by an IT instruction ("bf18 fb01f000")
# whose block the instruction is in; text is what arm-none-eabi-objdump (binutils 2.40) prints
# for it, or "<UNDEFINED>" when objdump does not decode it.
#
# The encodings are the group's encoding diagrams (Arm DDI0403E.e A5.2.2, A5.2.5, A5.3.3,
# A5.3.11-A5.3.17) with the operand bits filled: exhaustively for the 16-bit rows, with the
# all-zero and all-one fills plus N random fills for each 32-bit row, a few encodings per row
# with one of the "should be"/class bits flipped (objdump mostly calls those UNDEFINED), and a
# few encodings per row inside an IT block (conditions EQ to LE, and then one per row inside an
# IT AL block, where objdump prints an "al" suffix). The flipped encodings come last, after a line
# "#flipped"; some of them are other groups' instructions. Needs python3 and
# arm-none-eabi-objdump.
#
# Usage: cpu/thumb/testdata/gen_mul.sh [random fills per row, default 200]
set -euo pipefail
cd "$(dirname "$0")"
command -v arm-none-eabi-objdump >/dev/null || { echo "arm-none-eabi-objdump not found" >&2; exit 1; }
N=${1:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$N" "$tmp" > mul.txt <<'PY'
import random, re, struct, subprocess, sys

n_random = int(sys.argv[1])
tmp = sys.argv[2]
rng = random.Random(0x6d756c)  # fixed seed: the golden is reproducible

# 16-bit rows: (pattern), operand bits '.'.
P16 = [
    "0100001101......",  # MULS T1
    "1011001000......",  # SXTH T1
    "1011001001......",  # SXTB T1
    "1011001010......",  # UXTH T1
    "1011001011......",  # UXTB T1
    "1011101000......",  # REV T1
    "1011101001......",  # REV16 T1
    "1011101011......",  # REVSH T1
]

# 32-bit rows: (pattern hw1 hw2, bit positions (of hw1<<16|hw2) that are "should be" or
# class bits, flipped one at a time for the negative samples).
def bits(*ps):
    return list(ps)
HW1 = lambda b: b + 16
SAT_SBZ = bits(HW1(10), 5)
P32 = [
    ("11110 0 11 00 . 0 ....  0 ... .... .. 0 .....", SAT_SBZ),  # SSAT (sh random)
    ("11110 0 11 00 1 0 ....  0 000 .... 00 0 .....", SAT_SBZ),  # SSAT16
    ("11110 0 11 10 . 0 ....  0 ... .... .. 0 .....", SAT_SBZ),  # USAT
    ("11110 0 11 10 1 0 ....  0 000 .... 00 0 .....", SAT_SBZ),  # USAT16
    ("11110 0 11 01 0 0 ....  0 ... .... .. 0 .....", SAT_SBZ),  # SBFX
    ("11110 0 11 11 0 0 ....  0 ... .... .. 0 .....", SAT_SBZ),  # UBFX
    ("11110 0 11 01 1 0 ....  0 ... .... .. 0 .....", SAT_SBZ),  # BFI
    ("11110 0 11 01 1 0 1111  0 ... .... .. 0 .....", SAT_SBZ),  # BFC
    ("11101 01 0110 0 ....  0 ... .... .. 0 0 ....", bits(15, 4)),  # PKHBT
    ("11101 01 0110 0 ....  0 ... .... .. 1 0 ....", bits(15, 4)),  # PKHTB
]
# extends: 11111 010 0 op Rn | 1111 Rd 1 (0) rot Rm, each with Rn random and Rn = 1111
for op in ["000", "001", "010", "011", "100", "101"]:
    P32.append(("111110100" + op + "....1111....10......", bits(6, 12, 7)))
    P32.append(("111110100" + op + "11111111....10......", bits(6, 12, 7)))
# parallel add/subtract: 11111 010 1 op1 Rn | 1111 Rd 0 U op2 Rm
for op1 in ["001", "010", "110", "101", "000", "100"]:
    for uop2 in ["000", "001", "010", "100", "101", "110"]:
        P32.append(("111110101" + op1 + "....1111....0" + uop2 + "....", bits(15, 13)))
# miscellaneous: 11111 010 10 op1 Rn | 1111 Rd 10 op2 Rm
for op1 in ["00", "01", "10", "11"]:
    for op2 in (["00", "01", "10", "11"] if op1 in ("00", "01") else ["00"]):
        P32.append(("1111101010" + op1 + "....1111....10" + op2 + "....", bits(15, 14, 6)))
# multiply: 11111 0110 op1 Rn | Ra Rd 00 op2 Rm (each accumulating row also with Ra = 1111)
MUL = [("000", "00"), ("000", "01"), ("001", ".."), ("010", "0."), ("011", "0."), ("100", "0."),
       ("101", "0."), ("110", "0."), ("111", "00")]
for op1, op2 in MUL:
    P32.append(("111110110" + op1 + "........" + "....00" + op2 + "....", bits(7, 6)))
    P32.append(("111110110" + op1 + "....1111" + "....00" + op2 + "....", bits(7, 6)))
# long multiply and divide: 11111 0111 op1 Rn | RdLo RdHi op2 Rm
LONG = [("000", "0000"), ("001", "1111"), ("010", "0000"), ("011", "1111"), ("100", "0000"),
        ("100", "10.."), ("100", "110."), ("101", "110."), ("110", "0000"), ("110", "0110")]
for op1, op2 in LONG:
    if op2 == "1111":  # SDIV/UDIV: hw2[15:12] is (1)(1)(1)(1)
        P32.append(("111110111" + op1 + "....1111...." + op2 + "....", bits(15, 12)))
    else:
        P32.append(("111110111" + op1 + "........" + "...." + op2 + "....", bits(7, 5)))

def fill(pat, mode):
    v = 0
    for c in pat:
        v <<= 1
        if c == "1" or (c == "." and (mode == "ones" or (mode == "rand" and rng.getrandbits(1)))):
            v |= 1
    return v

items = []  # (it_halfword or None, value, size, flipped)
seen = set()
def add(it, v, size, flipped=False):
    if (it, v, size) not in seen:
        seen.add((it, v, size))
        items.append((it, v, size, flipped))

for pat in P16:
    free = [15 - i for i, c in enumerate(pat) if c == "."]
    base = fill(pat, "zeros")
    for k in range(1 << len(free)):
        v = base
        for j, b in enumerate(free):
            if k >> j & 1:
                v |= 1 << b
        add(None, v, 2)
    for _ in range(3):
        add(0xBF08 | rng.randrange(14) << 4, fill(pat, "rand"), 2)

P32 = [(p.replace(" ", ""), sbz) for p, sbz in P32]
for pat, sbz in P32:
    assert len(pat) == 32, pat
    add(None, fill(pat, "zeros"), 4)
    add(None, fill(pat, "ones"), 4)
    for _ in range(n_random):
        add(None, fill(pat, "rand"), 4)
    for _ in range(8):
        add(None, fill(pat, "rand") ^ (1 << rng.choice(sbz)), 4, True)
    for _ in range(4):
        add(0xBF08 | rng.randrange(14) << 4, fill(pat, "rand"), 4)

# One encoding per row inside "it al" (0xBFE8), drawn after all the others so that the lines
# above do not change.
for pat in P16:
    add(0xBFE8, fill(pat, "rand"), 2)
for pat, sbz in P32:
    add(0xBFE8, fill(pat, "rand"), 4)

# Lay the encodings out one after the other and disassemble the lot.
blob = bytearray()
addrs = []
for it, v, size, _ in items:
    if it is not None:
        blob += struct.pack("<H", it)
    addrs.append(len(blob))
    if size == 2:
        blob += struct.pack("<H", v)
    else:
        blob += struct.pack("<HH", v >> 16, v & 0xFFFF)
path = tmp + "/mul.bin"
with open(path, "wb") as f:
    f.write(blob)
out = subprocess.run(["arm-none-eabi-objdump", "-D", "-b", "binary", "-m", "arm", "-M", "force-thumb", path],
                     check=True, capture_output=True, text=True).stdout
text = {}
line_re = re.compile(r"^\s*([0-9a-f]+):\t([0-9a-f]{4}(?: [0-9a-f]{4})?) *\t(.*)$")
for line in out.splitlines():
    m = line_re.match(line)
    if m:
        t = m.group(3).rstrip()
        if "<UNDEFINED>" in t:
            t = "<UNDEFINED>"
        text[int(m.group(1), 16)] = t

print("# generated by gen_mul.sh from arm-none-eabi-objdump output; do not edit")
lines = {False: [], True: []}
for (it, v, size, flipped), a in zip(items, addrs):
    t = text[a]
    h = ("%04x" % v) if size == 2 else ("%08x" % v)
    if it is not None:
        h = "%04x %s" % (it, h)
    lines[flipped].append(h + "|" + t)
print("\n".join(lines[False]))
print("#flipped: encodings of the rows above with one should-be/class bit flipped")
print("\n".join(lines[True]))
PY
wc -l mul.txt >&2
