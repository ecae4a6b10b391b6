    .file   "simd.S"
@ simd: SIMD/saturating instructions of the Armv7E-M DSP extension (Arm DDI0403E A7.7), each
@ followed by REC (rec.inc). Inputs: r0 = a, r1 = b, r2 = c.
#include "rec.inc"

TBEGIN sd_parallel
    @ signed and unsigned modular forms set APSR.GE; SEL then picks bytes by GE
    .irp op, sadd16, ssub16, sasx, ssax, sadd8, ssub8, uadd16, usub16, uasx, usax, uadd8, usub8
    \op     r3, r0, r1
    REC     r3
    sel     r4, r0, r1
    REC     r4
    \op     r3, r1, r2
    REC     r3
    sel     r4, r2, r0
    REC     r4
    .endr
    @ saturating and halving forms leave GE alone
    .irp op, qadd16, qsub16, qasx, qsax, qadd8, qsub8, shadd16, shsub16, shasx, shsax, shadd8, shsub8, uqadd16, uqsub16, uqasx, uqsax, uqadd8, uqsub8, uhadd16, uhsub16, uhasx, uhsax, uhadd8, uhsub8
    \op     r3, r0, r1
    REC     r3
    \op     r3, r1, r2
    REC     r3
    .endr
    @ SEL with fixed GE patterns
    .irp ge, 0x00000000, 0x00050000, 0x000a0000, 0x000f0000
    SETF    \ge
    sel     r3, r0, r1
    REC     r3
    .endr
    @ sum of absolute differences
    usad8   r3, r0, r1
    REC     r3
    usada8  r3, r0, r1, r2
    REC     r3
    usad8   r3, r1, r2
    REC     r3
TEND sd_parallel

TBEGIN sd_sat
    @ SSAT/USAT to several widths, with LSL and ASR shifts; Q is sticky so clear it each time
    .irp sh, "", ", lsl #1", ", lsl #31", ", asr #1", ", asr #31", ", asr #16"
    .irp w, 1, 8, 16, 31, 32
    SETF    0
    ssat    r3, #\w, r0 \sh
    REC     r3
    .endr
    .irp w, 0, 7, 16, 31
    SETF    0
    usat    r3, #\w, r0 \sh
    REC     r3
    .endr
    .endr
    .irp w, 1, 4, 8, 16
    SETF    0
    ssat16  r3, #\w, r1
    REC     r3
    .endr
    .irp w, 0, 3, 8, 15
    SETF    0
    usat16  r3, #\w, r1
    REC     r3
    .endr
    @ QADD/QSUB/QDADD/QDSUB
    .irp op, qadd, qsub, qdadd, qdsub
    SETF    0
    \op     r3, r0, r1
    REC     r3
    SETF    0
    \op     r3, r1, r2
    REC     r3
    SETF    0
    \op     r3, r2, r2
    REC     r3
    .endr
    @ Q stays set until cleared with MSR
    SETF    0
    mov     r5, #0x7fffffff
    qadd    r3, r5, r5
    REC     r3
    qadd    r3, r0, r0
    REC     r3
    mrs     r6, APSR
    bic     r6, r6, #0x08000000
    msr     APSR_nzcvq, r6
    qadd    r3, r0, r0
    REC     r3
TEND sd_sat

TBEGIN sd_pack
    @ PKHBT (LSL 0..31) and PKHTB (ASR 1..32)
    .irp n, 0, 1, 8, 16, 31
    pkhbt   r3, r0, r1, lsl #\n
    REC     r3
    .endr
    .irp n, 1, 8, 16, 31, 32
    pkhtb   r3, r0, r1, asr #\n
    REC     r3
    .endr
    pkhtb   r3, r0, r1          @ assembled as PKHBT r3, r1, r0
    REC     r3
    @ extends: 16-bit forms (no rotation) and 32-bit forms with every rotation
    sxtb    r3, r0
    REC     r3
    sxth    r3, r1
    REC     r3
    uxtb    r3, r0
    REC     r3
    uxth    r3, r1
    REC     r3
    .irp op, sxtb, sxth, uxtb, uxth, sxtb16, uxtb16
    .irp rot, 0, 8, 16, 24
    \op     r3, r0, ror #\rot
    REC     r3
    \op     r8, r1, ror #\rot
    REC     r8
    .endr
    .endr
    .irp op, sxtab, sxtah, uxtab, uxtah, sxtab16, uxtab16
    .irp rot, 0, 8, 16, 24
    \op     r3, r2, r0, ror #\rot
    REC     r3
    \op     r9, r0, r1, ror #\rot
    REC     r9
    .endr
    .endr
TEND sd_pack
