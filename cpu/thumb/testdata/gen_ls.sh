#!/bin/sh
# gen_ls.sh regenerates ls.txt, the decode/disassembly golden of the load/store group
# (cpu/thumb/ls.go), from GNU objdump (binutils 2.40: arm-none-eabi-as/objdump).
#
# Every row of the group's encoding tables is written down here again from the
# encoding diagrams of Arm DDI0403E.e (A5.2.4, A5.2.5, A5.3.5–A5.3.10, A7.7.x) and
# sampled: the all-zero and all-one operand fills plus random fills (fixed seed).
#
# The first section holds the defined, non-UNPREDICTABLE ARMv7-M encodings by the
# rules restated in valid16/valid32 below, that objdump does not flag. The second
# section, lines starting with '!', holds random fills of the same rows (plus the
# stores with Rn = PC and the register offsets with hw2[7:6] != 00, which ARMv7-M makes
# UNDEFINED) that those rules reject but objdump still disassembles as the ARMv7-M
# instruction: not as UNDEFINED, not with a placeholder, and not as an instruction of
# another architecture (CLRM, TT, LDREXD/STREXD …); objdump's "@ <UNPREDICTABLE>"
# comments are kept. The kept encodings are assembled as one .inst sequence starting
# at address 0 in section .text with the symbol f at 0, so each line's address is the
# sum of the sizes of the lines before it (the test uses that address for PC-relative
# operands and prints targets as "<f+0x…>").
#
# Usage: sh gen_ls.sh > ls.txt   (needs python3, arm-none-eabi-as, arm-none-eabi-objdump)
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import random, subprocess, sys

tmp = sys.argv[1]
N16, N32 = 60, 120  # valid random fills per row
NBAD16, NBAD32 = 8, 40  # rejected (UNPREDICTABLE/UNDEFINED) random fills per row

# (name, pattern): 16 or 32 pattern characters, '.' = operand bit.
ROWS16 = [
    ("STR_reg_T1", "0101000........."), ("STRH_reg_T1", "0101001........."),
    ("STRB_reg_T1", "0101010........."), ("LDRSB_reg_T1", "0101011........."),
    ("LDR_reg_T1", "0101100........."), ("LDRH_reg_T1", "0101101........."),
    ("LDRB_reg_T1", "0101110........."), ("LDRSH_reg_T1", "0101111........."),
    ("STR_imm_T1", "01100..........."), ("LDR_imm_T1", "01101..........."),
    ("STRB_imm_T1", "01110..........."), ("LDRB_imm_T1", "01111..........."),
    ("STRH_imm_T1", "10000..........."), ("LDRH_imm_T1", "10001..........."),
    ("STR_imm_T2", "10010..........."), ("LDR_imm_T2", "10011..........."),
    ("LDR_lit_T1", "01001..........."),
    ("PUSH_T1", "1011010........."), ("POP_T1", "1011110........."),
    ("STM_T1", "11000..........."), ("LDM_T1", "11001..........."),
]
H = "...."
ROWS32 = [
    ("STM_T2", "1110100010.0" + H + "................"),
    ("LDM_T2", "1110100010.1" + H + "................"),
    ("POP_T2", "1110100010111101" + "................"),
    ("STMDB_T1", "1110100100.0" + H + "................"),
    ("PUSH_T2", "1110100100101101" + "................"),
    ("LDMDB_T1", "1110100100.1" + H + "................"),
    ("STREX_T1", "111010000100" + H + "................"),
    ("LDREX_T1", "111010000101" + H + "....1111........"),
    ("STREXB_T1", "111010001100" + H + "....11110100...."),
    ("STREXH_T1", "111010001100" + H + "....11110101...."),
    ("LDREXB_T1", "111010001101" + H + "....111101001111"),
    ("LDREXH_T1", "111010001101" + H + "....111101011111"),
    ("TBB_T1", "111010001101" + H + "111100000000...."),
    ("TBH_T1", "111010001101" + H + "111100000001...."),
    ("STRD_imm_T1", "1110100..1.0" + H + "................"),
    ("LDRD_imm_T1", "1110100..1.1" + H + "................"),
    ("LDRD_lit_T1", "1110100..1.11111" + "................"),
    ("CLREX_T1", "11110011101111111000111100101111"),
]
# Single loads/stores: hw1 = 11111 00 S Y size L Rn.
for (name, s, size, load) in [
        ("STRB", 0, 0, 0), ("STRH", 0, 1, 0), ("STR", 0, 2, 0),
        ("LDRB", 0, 0, 1), ("LDRH", 0, 1, 1), ("LDR", 0, 2, 1),
        ("LDRSB", 1, 0, 1), ("LDRSH", 1, 1, 1)]:
    pre = "1111100%d" % s
    sz = "%d%d" % (size >> 1, size & 1)
    ROWS32 += [
        (name + "_imm12", pre + "1" + sz + str(load) + H + "................"),
        (name + "_imm8", pre + "0" + sz + str(load) + H + "....1..........."),
        (name + "T", pre + "0" + sz + str(load) + H + "....1110........"),
        (name + "_reg", pre + "0" + sz + str(load) + H + "....000000......"),
    ]
    if load:
        ROWS32 += [(name + "_lit", pre + "." + sz + "11111" + "................")]
        if size < 2:  # PLD/PLI and the unallocated hints: Rt = 1111
            ROWS32 += [
                (name + "_hint_imm12", pre + "1" + sz + "1" + H + "1111............"),
                (name + "_hint_imm8", pre + "0" + sz + "1" + H + "11111100........"),
                (name + "_hint_reg", pre + "0" + sz + "1" + H + "1111000000......"),
                (name + "_hint_lit", pre + "." + sz + "11111" + "1111............"),
            ]
ROWS32 += [
    ("PUSH_T3", "1111100001001101" + "....110100000100"),
    ("POP_T3", "1111100001011101" + "....101100000100"),
]
# UNDEFINED in ARMv7-M but disassembled by objdump: register offsets with hw2[7:6] != 00
# (their fills with 00 are the defined register forms) and stores with Rn = PC.
for (name, s, size, load) in [
        ("STRB", 0, 0, 0), ("STRH", 0, 1, 0), ("STR", 0, 2, 0),
        ("LDRB", 0, 0, 1), ("LDRH", 0, 1, 1), ("LDR", 0, 2, 1),
        ("LDRSB", 1, 0, 1), ("LDRSH", 1, 1, 1)]:
    pre = "1111100%d" % s
    sz = "%d%d" % (size >> 1, size & 1)
    ROWS32 += [(name + "_reg_op2", pre + "0" + sz + str(load) + H + "....0000........")]
    if not load:
        ROWS32 += [(name + "_Rn15", pre + "." + sz + "01111" + "................")]

def bit(v, n): return (v >> n) & 1
def fld(v, hi, lo): return (v >> lo) & ((1 << (hi - lo + 1)) - 1)
def bad(r): return r in (13, 15)

def valid16(hw):
    op = hw >> 11
    if hw >> 9 == 0b1011010 or hw >> 9 == 0b1011110:   # PUSH/POP T1
        return fld(hw, 8, 0) != 0
    if op in (0b11000, 0b11001):                        # STM/LDM T1
        lst, n = fld(hw, 7, 0), fld(hw, 10, 8)
        if op == 0b11000 and bit(lst, n) and lst & ((1 << n) - 1):
            return False                                # STM stores UNKNOWN for Rn
        return lst != 0
    return True

def valid32(hw1, hw2):
    rn = fld(hw1, 3, 0)
    if hw1 >> 9 == 0b1110100 and bit(hw1, 6) == 0:       # A5.3.5 load/store multiple
        op, w, l, lst = fld(hw1, 8, 7), bit(hw1, 5), bit(hw1, 4), hw2
        if op not in (1, 2) or rn == 15 or bin(lst).count("1") < 2:
            return False
        if w and bit(lst, rn):
            return False
        if bit(lst, 13):
            return False
        if l == 0 and bit(lst, 15):
            return False
        if l == 1 and bit(lst, 15) and bit(lst, 14):
            return False
        return True
    if hw1 >> 9 == 0b1110100:                            # A5.3.6 dual/exclusive/table
        op1, op2, op3 = fld(hw1, 8, 7), fld(hw1, 5, 4), fld(hw2, 7, 4)
        rt, rt2, rd = fld(hw2, 15, 12), fld(hw2, 11, 8), fld(hw2, 3, 0)
        if op1 == 0 and op2 == 0:                        # STREX
            d = rt2
            return not (bad(d) or bad(rt) or rn == 15 or d == rn or d == rt)
        if op1 == 0 and op2 == 1:                        # LDREX
            return rt2 == 15 and not (bad(rt) or rn == 15)
        if op1 == 1 and op2 == 0:                        # STREXB/H
            if op3 not in (4, 5) or rt2 != 15:
                return False
            return not (bad(rd) or bad(rt) or rn == 15 or rd == rn or rd == rt)
        if op1 == 1 and op2 == 1:
            if op3 in (0, 1):                            # TBB/TBH
                return fld(hw2, 15, 8) == 0xF0 and rn != 13 and not bad(rd)
            if op3 in (4, 5):                            # LDREXB/H
                return rt2 == 15 and rd == 15 and not (bad(rt) or rn == 15)
            return False
        p, u, w, l = bit(hw1, 8), bit(hw1, 7), bit(hw1, 5), bit(hw1, 4)
        if l == 0:                                       # STRD (immediate)
            if rn == 15 or bad(rt) or bad(rt2):
                return False
            return not (w and (rn == rt or rn == rt2))
        if bad(rt) or bad(rt2) or rt == rt2:             # LDRD
            return False
        if rn == 15:
            return p == 1 and w == 0
        return not (w and (rn == rt or rn == rt2))
    if hw1 == 0xF3BF:                                    # CLREX
        return hw2 == 0x8F2F
    if hw1 >> 9 != 0b1111100:
        return False
    # A5.3.7–A5.3.10 single loads/stores: 11111 00 S Y size L Rn.
    s, y, size, l = bit(hw1, 8), bit(hw1, 7), fld(hw1, 6, 5), bit(hw1, 4)
    rt, op2 = fld(hw2, 15, 12), fld(hw2, 11, 6)
    if size == 3 or (s and (l == 0 or size == 2)):
        return False
    wback = False
    if l == 1 and rn == 15:
        form = "lit"
    elif l == 0 and rn == 15:
        return False
    elif y:
        form = "imm12"
    elif op2 == 0:
        form = "reg"
        if bad(fld(hw2, 3, 0)):
            return False
    elif op2 >> 2 == 0b1100:
        form = "neg"
    elif op2 >> 2 == 0b1110:
        form = "unpriv"
    elif op2 >> 5 == 1 and bit(hw2, 8) == 1:
        form, wback = "wback", True
    else:
        return False                                     # P=0 W=0, or bad op2
    if form == "unpriv":
        return not bad(rt)
    if wback and rn == rt:
        return False
    if l == 0:
        return rt != 15 if size == 2 else not bad(rt)
    if size == 2:
        return True                                      # LDR: PC allowed (IT rule is dynamic)
    if rt == 15:
        return not wback                                 # PLD/PLI/unallocated hints
    return rt != 13

def fill(pat, rnd):
    v = 0
    for c in pat:
        v <<= 1
        if c == "1" or (c == "." and rnd()):
            v |= 1
    return v

def valid(size, v):
    return valid16(v) if size == 16 else valid32(v >> 16, v & 0xFFFF)

# Per row: the all-zero and all-one fills, then random fills until n valid ones
# (or 40*n attempts, for rows with a small operand space). Duplicates are dropped.
random.seed(20240611)
seen, keep, rejected = set(), [], []
def take(size, v, want_valid=True):
    if (size, v) in seen or valid(size, v) != want_valid:
        return False
    seen.add((size, v))
    (keep if want_valid else rejected).append((size, v))
    return True
for rows, size, n in ((ROWS16, 16, N16), (ROWS32, 32, N32)):
    for name, pat in rows:
        assert len(pat) == size, name
        take(size, fill(pat, lambda: False))
        take(size, fill(pat, lambda: True))
        got, tries = 0, 0
        while got < n and tries < 40 * n and "." in pat:
            tries += 1
            if take(size, fill(pat, lambda: random.random() < 0.5)):
                got += 1
# Second section: the same rows' rejected fills. Register fields are drawn from
# {SP, PC, other} more often than uniform so that the register rules are all reached.
random.seed(20250101)
for rows, size, n in ((ROWS16, 16, NBAD16), (ROWS32, 32, NBAD32)):
    for name, pat in rows:
        for v in (fill(pat, lambda: False), fill(pat, lambda: True)):
            take(size, v, False)
        got, tries = 0, 0
        while got < n and tries < 100 * n and "." in pat:
            tries += 1
            v = fill(pat, lambda: random.random() < 0.5)
            if size == 32 and random.random() < 0.5:  # force one 4-bit operand field to 13 or 15
                lo = random.choice([0, 8, 12, 16])
                m = 0xF << lo
                if all(pat[31 - b] == "." for b in range(lo, lo + 4)):
                    v = (v & ~m) | (random.choice([13, 15]) << lo)
            if take(size, v, False):
                got += 1

def objdump(items):
    src = tmp + "/ls.s"
    with open(src, "w") as f:
        f.write(".syntax unified\n.thumb\n.text\n.global f\nf:\n")
        for size, v in items:
            f.write(".inst.n 0x%04x\n" % v if size == 16 else ".inst.w 0x%08x\n" % v)
    subprocess.run(["arm-none-eabi-as", "-mcpu=cortex-m7", "-mthumb", src, "-o", tmp + "/ls.o"], check=True)
    out = subprocess.run(["arm-none-eabi-objdump", "-d", tmp + "/ls.o"], check=True,
                         capture_output=True, text=True).stdout
    texts = []
    for line in out.splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[0].strip().endswith(":"):
            texts.append(parts[2].rstrip())
    assert len(texts) == len(items), (len(texts), len(items))
    return texts

# Pass 1: drop what objdump itself flags (first section) or does not disassemble as
# an ARMv7-M load/store (second section); pass 2: final addresses.
texts = objdump(keep + rejected)
bad_words = ("UNPREDICTABLE", "undefined", "UNDEFINED", "??", ".inst", "illegal")
other_arch = ("clrm", "tt", "strexd", "ldrexd", "lda", "stl", "srs", "rfe")
keep = [it for it, t in zip(keep, texts) if not any(b in t for b in bad_words)]
rejected = [it for it, t in zip(rejected, texts[len(texts) - len(rejected):])
            if not any(b in t for b in bad_words[1:]) and not t.split("\t")[0].startswith(other_arch)]
texts = objdump(keep + rejected)
print("# Generated by gen_ls.sh from arm-none-eabi-objdump (binutils 2.40); do not edit.")
print("# hex|objdump text; line k is at address sum(size of lines < k), symbol f at 0.")
print("# Lines starting with '!' are UNPREDICTABLE or UNDEFINED in ARMv7-M.")
for i, ((size, v), t) in enumerate(zip(keep + rejected, texts)):
    mark = "!" if i >= len(keep) else ""
    print(mark + ("%04x" if size == 16 else "%08x") % v + "|" + t)
PY
