    .file   "alu.S"
@ alu: data-processing instructions (Arm DDI0403E A7.7), each followed by REC (rec.inc).
#include "rec.inc"

@ ThumbExpandImm patterns (A5.3.2): plain 8-bit, 00XY00XY, XY00XY00, XYXYXYXY and rotated
@ 8-bit values with bit 31 of the result set and clear (carry-out = bit 31 for rotated ones).
#define IMMS 0, 1, 0x80, 0xab, 0xff, 0x00ab00ab, 0xab00ab00, 0xabababab, 0x80000000, 0xff000000, 0x1fe, 0x3fc, 0x7f800000, 0x00ff0000

@ ---------------------------------------------------------------- arithmetic, immediate
TBEGIN alu_arith_imm
    .irp imm, IMMS
    adds    r3, r0, #\imm
    REC     r3
    add     r4, r0, #\imm
    REC     r4
    adcs    r3, r0, #\imm
    REC     r3
    adc     r5, r1, #\imm
    REC     r5
    subs    r3, r0, #\imm
    REC     r3
    sub     r6, r1, #\imm
    REC     r6
    sbcs    r3, r0, #\imm
    REC     r3
    sbc     r7, r1, #\imm
    REC     r7
    rsbs    r3, r0, #\imm
    REC     r3
    rsb     r8, r1, #\imm
    REC     r8
    cmp     r0, #\imm
    REC     r0
    cmn     r1, #\imm
    REC     r1
    .endr
    @ carry-in both ways
    .irp f, 0, 0x20000000
    SETF    \f
    adcs    r3, r0, #0
    REC     r3
    SETF    \f
    sbcs    r3, r0, #0
    REC     r3
    SETF    \f
    adc     r3, r0, #0xffffffff
    REC     r3
    SETF    \f
    sbcs    r3, r0, #0xffffffff
    REC     r3
    .endr
    @ 16-bit encodings (T1 imm3, T2 imm8, SP-relative)
    adds    r3, r0, #0
    REC     r3
    adds    r3, r0, #7
    REC     r3
    subs    r3, r1, #1
    REC     r3
    subs    r3, r1, #7
    REC     r3
    mov     r3, r0
    adds    r3, #255
    REC     r3
    mov     r3, r1
    subs    r3, #128
    REC     r3
    mov     r3, r1
    adds    r3, #1
    REC     r3
    cmp     r0, #0
    REC     r0
    cmp     r1, #255
    REC     r1
    rsbs    r3, r0, #0          @ NEGS
    REC     r3
    rsbs    r3, r1, #0
    REC     r3
    add     r3, sp, #1020
    REC     r3
    add     r3, sp, #4
    REC     r3
    sub     sp, sp, #508
    add     sp, sp, #508
    add     r3, sp, #0
    REC     r3
    @ 12-bit immediates (ADDW/SUBW, T4)
    addw    r3, r0, #0
    REC     r3
    addw    r3, r0, #0xfff
    REC     r3
    subw    r3, r1, #0xabc
    REC     r3
    addw    r9, r1, #0x123
    REC     r9
    subw    r10, r0, #0x801
    REC     r10
    addw    r3, sp, #0x123
    REC     r3
    subw    r3, sp, #0x456
    REC     r3
    sub     sp, sp, #0x100
    add     sp, sp, #0x100
    add     r3, sp, #0
    REC     r3
    @ 32-bit forced forms of small immediates
    adds.w  r3, r0, #1
    REC     r3
    subs.w  r3, r0, #1
    REC     r3
    cmp.w   r0, #1
    REC     r0
    cmn.w   r0, #1
    REC     r0
TEND alu_arith_imm

@ ---------------------------------------------------------------- arithmetic, register
    @ op Rd, Rn, Rm{, shift} with every shift type and the boundary amounts
    .macro ARITH3 op
    \op     r3, r0, r1
    REC     r3
    \op     r3, r0, r1, lsl #1
    REC     r3
    \op     r3, r0, r1, lsl #31
    REC     r3
    \op     r3, r0, r1, lsr #1
    REC     r3
    \op     r3, r0, r1, lsr #31
    REC     r3
    \op     r3, r0, r1, lsr #32
    REC     r3
    \op     r3, r0, r1, asr #1
    REC     r3
    \op     r3, r0, r1, asr #32
    REC     r3
    \op     r3, r0, r1, ror #1
    REC     r3
    \op     r3, r0, r1, ror #31
    REC     r3
    \op     r3, r0, r1, rrx
    REC     r3
    .endm
    .macro CMP2 op
    \op     r0, r1
    REC     r0
    \op     r0, r1, lsl #2
    REC     r0
    \op     r0, r1, lsr #32
    REC     r0
    \op     r1, r0, asr #32
    REC     r0
    \op     r0, r1, asr #3
    REC     r0
    \op     r0, r1, ror #16
    REC     r0
    \op     r1, r0, rrx
    REC     r0
    .endm

TBEGIN alu_arith_reg
    ARITH3  adds
    ARITH3  add
    ARITH3  adcs
    ARITH3  adc
    ARITH3  subs
    ARITH3  sub
    ARITH3  sbcs
    ARITH3  sbc
    ARITH3  rsbs
    ARITH3  rsb
    CMP2    cmp
    CMP2    cmn
    @ 16-bit register forms
    adds    r3, r0, r1
    REC     r3
    subs    r3, r0, r1
    REC     r3
    subs    r3, r1, r0
    REC     r3
    mov     r3, r0
    adcs    r3, r1
    REC     r3
    mov     r3, r0
    sbcs    r3, r1
    REC     r3
    SETF    0x20000000
    mov     r3, r1
    adcs    r3, r0
    REC     r3
    SETF    0
    mov     r3, r1
    sbcs    r3, r0
    REC     r3
    cmp     r0, r1
    REC     r0
    cmp     r1, r0
    REC     r0
    cmn     r0, r1
    REC     r0
    @ ADD/CMP/MOV (T2) with high registers, no flags
    mov     r8, r0
    mov     r9, r1
    add     r8, r9
    REC     r8
    mov     r3, r0
    add     r3, r9
    REC     r3
    cmp     r8, r9
    REC     r8
    cmp     r9, r3
    REC     r9
    cmp     r3, r8
    REC     r3
    mov     r10, r2
    add     r10, r10
    REC     r10
    mov     r3, r0
    add     r3, sp
    REC     r3
    add     r3, sp, r3
    REC     r3
    mov     r3, r1
    add     r3, pc
    lsl.w   r3, r3, #5          @ keep the checksum map-independent (code at 0 or 0x08000000)
    REC     r3
    @ SP as operand in 32-bit forms
    add.w   r3, sp, r1
    REC     r3
    add.w   r3, sp, r1, lsl #2
    REC     r3
    sub.w   r3, sp, r0, lsl #3
    REC     r3
    subs.w  r3, sp, r1
    REC     r3
    sub     r3, sp, #8
    REC     r3
    mov     r3, sp
    REC     r3
    @ 32-bit register forms with high registers and the same register twice
    adds.w  r10, r9, r8
    REC     r10
    subs.w  r4, r4, r4
    REC     r4
    add.w   r5, r0, r0, lsl #1
    REC     r5
    adc.w   r6, r1, r1, asr #30
    REC     r6
    sbc.w   r12, r0, r1
    mov     r7, r12
    REC     r7
TEND alu_arith_reg

@ ---------------------------------------------------------------- logical, immediate
TBEGIN alu_logic_imm
    .irp imm, IMMS
    ands    r3, r0, #\imm
    REC     r3
    and     r4, r1, #\imm
    REC     r4
    orrs    r3, r0, #\imm
    REC     r3
    orr     r5, r1, #\imm
    REC     r5
    eors    r3, r0, #\imm
    REC     r3
    eor     r6, r1, #\imm
    REC     r6
    bics    r3, r0, #\imm
    REC     r3
    bic     r7, r1, #\imm
    REC     r7
    orns    r3, r0, #\imm
    REC     r3
    orn     r8, r1, #\imm
    REC     r8
    tst     r0, #\imm
    REC     r0
    teq     r1, #\imm
    REC     r1
    mvns    r3, #\imm
    REC     r3
    mvn     r9, #\imm
    REC     r9
    movs    r3, #\imm
    REC     r3
    mov     r10, #\imm
    REC     r10
    .endr
    @ carry preserved by unrotated constants, set/cleared by rotated ones
    .irp f, 0, 0x20000000, 0xf0000000
    SETF    \f
    ands    r3, r0, #0xff
    REC     r3
    SETF    \f
    ands    r3, r0, #0x3fc
    REC     r3
    SETF    \f
    tst     r1, #0x80000000
    REC     r1
    SETF    \f
    movs    r3, #0xab00ab00
    REC     r3
    SETF    \f
    movs.w  r3, #0x7f800000
    REC     r3
    .endr
TEND alu_logic_imm

@ ---------------------------------------------------------------- logical, register
TBEGIN alu_logic_reg
    ARITH3  ands
    ARITH3  and
    ARITH3  orrs
    ARITH3  orr
    ARITH3  eors
    ARITH3  eor
    ARITH3  bics
    ARITH3  bic
    ARITH3  orns
    ARITH3  orn
    CMP2    tst
    CMP2    teq
    @ MOV/MVN with shifted register
    mvns    r3, r1
    REC     r3
    mvn     r3, r1, lsl #3
    REC     r3
    mvns    r3, r1, lsr #32
    REC     r3
    mvns    r3, r1, asr #7
    REC     r3
    mvns    r3, r1, ror #7
    REC     r3
    mvn     r3, r1, rrx
    REC     r3
    mov.w   r3, r1
    REC     r3
    movs.w  r3, r1
    REC     r3
    @ 16-bit forms (flag-setting outside IT)
    mov     r3, r0
    ands    r3, r1
    REC     r3
    mov     r3, r0
    orrs    r3, r1
    REC     r3
    mov     r3, r0
    eors    r3, r1
    REC     r3
    mov     r3, r0
    bics    r3, r1
    REC     r3
    mvns    r3, r0
    REC     r3
    tst     r0, r1
    REC     r0
    movs    r3, r1
    REC     r3
    movs    r3, #200
    REC     r3
    movs    r3, #0
    REC     r3
    mov     r8, r1
    mov     r3, r8
    REC     r3
    mov     r12, r0
    mov     r4, r12
    REC     r4
TEND alu_logic_reg

@ ---------------------------------------------------------------- shifts
    .macro SHREG amt
    movw    r4, #\amt
    lsls    r3, r0, r4
    REC     r3
    lsrs    r3, r0, r4
    REC     r3
    asrs    r3, r0, r4
    REC     r3
    rors    r3, r0, r4
    REC     r3
    lsls    r3, r1, r4
    REC     r3
    lsrs    r3, r1, r4
    REC     r3
    asrs    r3, r1, r4
    REC     r3
    rors    r3, r1, r4
    REC     r3
    .endm

TBEGIN alu_shift
    @ immediate shifts, 16-bit (T1) and 32-bit, with and without S
    lsls    r3, r1, #1
    REC     r3
    lsls    r3, r1, #31
    REC     r3
    lsrs    r3, r1, #1
    REC     r3
    lsrs    r3, r1, #31
    REC     r3
    lsrs    r3, r1, #32
    REC     r3
    asrs    r3, r1, #1
    REC     r3
    asrs    r3, r1, #31
    REC     r3
    asrs    r3, r1, #32
    REC     r3
    lsls.w  r3, r0, #5
    REC     r3
    lsl.w   r3, r0, #5
    REC     r3
    lsrs.w  r3, r0, #32
    REC     r3
    lsr.w   r3, r0, #17
    REC     r3
    asrs.w  r3, r0, #32
    REC     r3
    asr.w   r3, r0, #9
    REC     r3
    rors    r3, r0, #1
    REC     r3
    rors    r3, r0, #31
    REC     r3
    ror     r3, r0, #16
    REC     r3
    .irp f, 0, 0x20000000
    SETF    \f
    rrxs    r3, r0
    REC     r3
    SETF    \f
    rrxs    r3, r1
    REC     r3
    SETF    \f
    rrx     r3, r1
    REC     r3
    .endr
    @ register shifts by the vector's amount (bottom byte of r2 counts), 32-bit
    lsls    r3, r0, r2
    REC     r3
    lsl     r3, r0, r2
    REC     r3
    lsrs    r3, r0, r2
    REC     r3
    lsr     r3, r0, r2
    REC     r3
    asrs    r3, r0, r2
    REC     r3
    asr     r3, r0, r2
    REC     r3
    rors    r3, r0, r2
    REC     r3
    ror     r3, r0, r2
    REC     r3
    @ 16-bit register shifts (Rdn form)
    mov     r3, r1
    lsls    r3, r2
    REC     r3
    mov     r3, r1
    lsrs    r3, r2
    REC     r3
    mov     r3, r1
    asrs    r3, r2
    REC     r3
    mov     r3, r1
    rors    r3, r2
    REC     r3
    @ register shifts by fixed amounts 0, 1, 31, 32, 33, 255 and 0x120 (= 32 in the bottom byte)
    SHREG   0
    SHREG   1
    SHREG   31
    SHREG   32
    SHREG   33
    SHREG   255
    SHREG   0x120
    SHREG   0x1ff
TEND alu_shift

@ ---------------------------------------------------------------- MOVW/MOVT, ADR
TBEGIN alu_misc
    movw    r3, #0
    REC     r3
    movw    r3, #0xffff
    REC     r3
    movt    r3, #0x8000
    REC     r3
    movw    r8, #0x1234
    movt    r8, #0xfedc
    REC     r8
    mov     r3, r0
    movt    r3, #0
    REC     r3
    mov     r3, r1
    movw    r3, #0xabcd         @ MOVW clears the top half
    REC     r3
    adr     r3, 1f              @ T1 (16-bit, forward, word-aligned)
    lsl.w   r3, r3, #5
    REC     r3
    adr.w   r3, 1f              @ T3 (ADD form)
    lsl.w   r3, r3, #5
    REC     r3
    b       2f
    .align  2
1:  .word   0x11223344
2:  adr.w   r3, 1b              @ T2 (SUB form)
    lsl.w   r7, r3, #5
    REC     r7
    ldr     r4, [r3]
    REC     r4
    adr     r5, 3f
    lsl.w   r7, r5, #5
    REC     r7
    b       4f
    nop
    .align  2
3:  .word   0x55667788
4:  ldr     r6, [r5]
    REC     r6
TEND alu_misc

@ ---------------------------------------------------------------- a few raw results, printed
@ void alu_samples(uint32_t out[]): stores {result, APSR} pairs for main.c to print.
    .macro SREC r
    mrs     r12, APSR
    str     \r, [r0], #4
    str     r12, [r0], #4
    .endm
    .text
    .global alu_samples
    .type   alu_samples, %function
    .thumb_func
alu_samples:
    push    {r4-r7, lr}
    SETF    0
    movw    r1, #0xffff
    movt    r1, #0x7fff
    adds    r3, r1, #1          @ 7fffffff + 1 = 80000000, N V
    SREC    r3
    mov     r2, #1
    movt    r2, #0x8000         @ 80000001
    lsls    r3, r2, #1          @ 00000002, C
    SREC    r3
    mov     r4, #32
    asrs    r3, r2, r4          @ ffffffff, N C
    SREC    r3
    SETF    0
    mov     r4, #0x120
    rors    r3, r2, r4          @ 80000001 unchanged, N C (bit 31)
    SREC    r3
    SETF    0x20000000
    mov     r3, #2
    rrxs    r3, r3              @ 80000001, N (C = old bit 0 = 0)
    SREC    r3
    SETF    0x20000000
    mov     r5, #0xff
    ands    r3, r5, #0x3fc      @ 000000fc, C cleared by the rotated constant
    SREC    r3
    SETF    0
    mov     r5, #0
    sbcs    r3, r5, #0          @ 0 - 0 - 1 = ffffffff, N (borrow: C clear)
    SREC    r3
    SETF    0
    mov     r6, #0x80000000
    subs    r3, r6, #1          @ 7fffffff, C V
    SREC    r3
    mov     r7, #33
    lsls    r3, r2, r7          @ 0, Z (C = 0 for shifts > 32)
    SREC    r3
    pop     {r4-r7, pc}
    .size   alu_samples, . - alu_samples
