    .file   "bitops.S"
@ bitops: bit-field, bit-reversal and byte-reversal instructions, and IT blocks (Arm DDI0403E A7.7.38:
@ every length and mask, all 14 conditions, flag setting inside blocks). Uses REC (rec.inc).
#include "rec.inc"

TBEGIN bo_bits
    .irp f, "#0, #1", "#0, #32", "#31, #1", "#4, #8", "#16, #16", "#7, #13", "#1, #31"
    mov     r3, r0
    bfc     r3, \f
    REC     r3
    mov     r3, r0
    bfi     r3, r1, \f
    REC     r3
    sbfx    r3, r1, \f
    REC     r3
    ubfx    r3, r1, \f
    REC     r3
    .endr
    bfi     r4, r0, #0, #32     @ whole-word insert = move
    REC     r4
    clz     r3, r0
    REC     r3
    clz     r3, r1
    REC     r3
    clz     r3, r2
    REC     r3
    rbit    r3, r0
    REC     r3
    rbit    r3, r1
    REC     r3
    rev     r3, r0              @ 16-bit encodings
    REC     r3
    rev16   r3, r1
    REC     r3
    revsh   r3, r0
    REC     r3
    revsh   r3, r1
    REC     r3
    rev.w   r8, r1              @ 32-bit encodings
    REC     r8
    rev16.w r9, r0
    REC     r9
    revsh.w r10, r1
    REC     r10
TEND bo_bits

@ ---------------------------------------------------------------- IT blocks
@ r0 = a, r1 = b; the entry flags are kept in r10 and restored before every block. Each slot of a
@ block does a different 16-bit operation on r3 (no flag setting inside IT), so the checksum shows
@ which slots ran.
    .macro S1 c
    add\c   r3, #1
    .endm
    .macro S2 c
    lsl\c   r3, r3, #1
    .endm
    .macro S3 c
    eor\c   r3, r3, r4
    .endm
    .macro S4 c
    sub\c   r3, #3
    .endm
    .macro BLK
    REC     r3
    msr     APSR_nzcvqg, r10
    .endm

    @ all 15 IT masks for condition t (e = its inverse)
    .macro ITALL t, e
    msr     APSR_nzcvqg, r10
    mov     r3, r0
    it \t
    S1 \t
    BLK
    itt \t
    S1 \t
    S2 \t
    BLK
    ite \t
    S1 \t
    S2 \e
    BLK
    ittt \t
    S1 \t
    S2 \t
    S3 \t
    BLK
    itte \t
    S1 \t
    S2 \t
    S3 \e
    BLK
    itet \t
    S1 \t
    S2 \e
    S3 \t
    BLK
    itee \t
    S1 \t
    S2 \e
    S3 \e
    BLK
    itttt \t
    S1 \t
    S2 \t
    S3 \t
    S4 \t
    BLK
    ittte \t
    S1 \t
    S2 \t
    S3 \t
    S4 \e
    BLK
    ittet \t
    S1 \t
    S2 \t
    S3 \e
    S4 \t
    BLK
    ittee \t
    S1 \t
    S2 \t
    S3 \e
    S4 \e
    BLK
    itett \t
    S1 \t
    S2 \e
    S3 \t
    S4 \t
    BLK
    itete \t
    S1 \t
    S2 \e
    S3 \t
    S4 \e
    BLK
    iteet \t
    S1 \t
    S2 \e
    S3 \e
    S4 \t
    BLK
    iteee \t
    S1 \t
    S2 \e
    S3 \e
    S4 \e
    BLK
    @ flags changed inside the block steer the later slots
    itete \t
    cmp\t   r0, r1
    S2 \e
    S3 \t
    S4 \e
    BLK
    ittt \t
    adds\t\().w r3, r3, r1
    S1 \t
    S2 \t
    BLK
    @ a branch as the last instruction of a block
    itt \t
    S1 \t
    b\t     1f
    subs    r3, #3              @ skipped when the branch is taken
1:  BLK
    @ 32-bit instructions inside a block
    ite \t
    movw\t  r3, #0x1234
    mvn\e   r3, r0, ror #3
    BLK
    .endm

TBEGIN bo_it
    mrs     r10, APSR
    mov     r4, #0x55
    ITALL   eq, ne
    ITALL   ne, eq
    ITALL   cs, cc
    ITALL   cc, cs
    ITALL   mi, pl
    ITALL   pl, mi
    ITALL   vs, vc
    ITALL   vc, vs
    ITALL   hi, ls
    ITALL   ls, hi
    ITALL   ge, lt
    ITALL   lt, ge
    ITALL   gt, le
    ITALL   le, gt
    @ the same 16-bit instructions outside IT set the flags
    mov     r3, r0
    adds    r3, #1
    REC     r3
    lsls    r3, r3, #1
    REC     r3
    eors    r3, r3, r4
    REC     r3
    subs    r3, #3
    REC     r3
    msr     APSR_nzcvqg, r10
TEND bo_it
