    .file   "muldsp.S"
@ muldsp: multiply, multiply-accumulate, DSP multiplies and divide (Arm DDI0403E A7.7), each
@ followed by REC (rec.inc). Inputs: r0 = a, r1 = b, r2 = c (accumulator).
#include "rec.inc"

    @ 64-bit accumulate forms: RdLo = r3, RdHi = r4, preset from c and a^b
    .macro LONG op
    mov     r3, r2
    eor     r4, r0, r1
    \op     r3, r4, r0, r1
    REC     r3
    REC     r4
    .endm

    @ three-operand (Rd, Rn, Rm) and four-operand (Rd, Rn, Rm, Ra) forms, Q cleared first
    .macro M3 op
    SETF    0
    \op     r3, r0, r1
    REC     r3
    .endm
    .macro M4 op
    SETF    0
    \op     r3, r0, r1, r2
    REC     r3
    .endm

TBEGIN md_mul
    @ MUL: 16-bit MULS (sets N, Z, keeps C, V) and 32-bit MUL (no flags)
    mov     r3, r0
    muls    r3, r1, r3
    REC     r3
    mov     r3, r1
    muls    r3, r3, r3
    REC     r3
    mul     r5, r0, r1
    REC     r5
    mul     r6, r1, r1
    REC     r6
    mla     r3, r0, r1, r2
    REC     r3
    mla     r3, r1, r1, r0
    REC     r3
    mls     r3, r0, r1, r2
    REC     r3
    mls     r3, r1, r2, r0
    REC     r3
    @ long multiplies
    umull   r3, r4, r0, r1
    REC     r3
    REC     r4
    smull   r3, r4, r0, r1
    REC     r3
    REC     r4
    smull   r5, r6, r1, r1
    REC     r5
    REC     r6
    LONG    umlal
    LONG    smlal
    LONG    umaal
    @ UMAAL with both accumulators at their maximum: ffffffff*ffffffff + ffffffff + ffffffff = 2^64-1
    mov     r3, #-1
    mov     r4, #-1
    mov     r5, #-1
    umaal   r3, r4, r5, r5
    REC     r3
    REC     r4
TEND md_mul

TBEGIN md_halfword
    M4      smlabb
    M4      smlabt
    M4      smlatb
    M4      smlatt
    M4      smlawb
    M4      smlawt
    M3      smulbb
    M3      smulbt
    M3      smultb
    M3      smultt
    M3      smulwb
    M3      smulwt
    LONG    smlalbb
    LONG    smlalbt
    LONG    smlaltb
    LONG    smlaltt
    @ Q is sticky: set by an overflowing accumulate, kept by later non-overflowing ones
    SETF    0
    movw    r5, #0x8000
    movw    r6, #0xffff
    movt    r6, #0x7fff
    smlabb  r3, r5, r5, r6      @ 0x40000000 + 0x7fffffff overflows: Q
    REC     r3
    smlabb  r3, r0, r1, r2
    REC     r3
    SETF    0
    smlawb  r3, r6, r5, r6      @ (0x7fffffff * -32768) >> 16 + 0x7fffffff: no overflow
    REC     r3
    SETF    0xf8000000          @ every flag set: multiplies leave N Z C V alone
    smulbb  r3, r0, r1
    REC     r3
    smlatt  r3, r0, r1, r2
    REC     r3
TEND md_halfword

TBEGIN md_mostsig
    M3      smmul
    M3      smmulr
    M4      smmla
    M4      smmlar
    M4      smmls
    M4      smmlsr
    @ rounding boundary: 0x40000000 * 2 = 2^31 (bit 31 of the low word set: rounds up)
    mov     r5, #0x40000000
    mov     r6, #2
    smmulr  r3, r5, r6
    REC     r3
    smmul   r3, r5, r6
    REC     r3
    mov     r6, #-2
    smmulr  r3, r5, r6
    REC     r3
    smmlsr  r3, r5, r6, r2
    REC     r3
TEND md_mostsig

TBEGIN md_dual
    M4      smlad
    M4      smladx
    M4      smlsd
    M4      smlsdx
    M3      smuad
    M3      smuadx
    M3      smusd
    M3      smusdx
    LONG    smlald
    LONG    smlaldx
    LONG    smlsld
    LONG    smlsldx
    @ SMUAD of 0x80008000 by itself: 2 * 2^30 = 2^31 overflows: Q
    SETF    0
    mov     r5, #0x80008000
    smuad   r3, r5, r5
    REC     r3
    @ SMLAD accumulating past INT_MAX: Q
    SETF    0
    movw    r6, #0xffff
    movt    r6, #0x7fff
    mov     r7, #0x00010001
    smlad   r3, r7, r7, r6
    REC     r3
    @ SMUSD cannot overflow
    SETF    0
    smusd   r3, r5, r5
    REC     r3
TEND md_dual

TBEGIN md_div
    udiv    r3, r0, r1
    REC     r3
    sdiv    r3, r0, r1
    REC     r3
    udiv    r3, r1, r0
    REC     r3
    sdiv    r3, r1, r0
    REC     r3
    sdiv    r3, r0, r2
    REC     r3
    udiv    r3, r2, r0
    REC     r3
    @ divide by zero gives 0 (CCR.DIV_0_TRP is 0 at reset, B3.2.8)
    mov     r4, #0
    udiv    r3, r0, r4
    REC     r3
    sdiv    r3, r1, r4
    REC     r3
    @ INT_MIN / -1 = INT_MIN (no trap, A7.7.127)
    mov     r5, #0x80000000
    mov     r6, #-1
    sdiv    r3, r5, r6
    REC     r3
    udiv    r3, r5, r6
    REC     r3
    sdiv    r3, r6, r5
    REC     r3
    @ rounding toward zero
    mvn     r5, #6              @ -7
    mov     r6, #2
    sdiv    r3, r5, r6          @ -3
    REC     r3
    rsb     r6, r6, #0
    sdiv    r3, r5, r6          @ 3
    REC     r3
TEND md_div
