    .file   "branch.S"
@ branch: conditional and unconditional branches, CBZ/CBNZ, BX/BLX, and the system-register and
@ hint instructions (Arm DDI0403E A7.7, B5.2). Uses REC (rec.inc).
#include "rec.inc"

    @ Take or skip a conditional branch forward (16-bit T1 and 32-bit T3) and backward.
    @ r3 collects one bit per taken branch; r5 holds the entry flags.
    .macro CONDS c, bit
    msr     APSR_nzcvqg, r5
    b\c     1f
    b       2f
1:  orr     r3, r3, #(1 << \bit)
2:  msr     APSR_nzcvqg, r5
    b\c\().w 3f
    b.w     4f
3:  orr     r4, r4, #(1 << \bit)
4:  msr     APSR_nzcvqg, r5
    b       6f
5:  orr     r6, r6, #(1 << \bit)
    b       7f
6:  b\c     5b
7:
    .endm

TBEGIN br_cond
    mrs     r5, APSR
    mov     r3, #0
    mov     r4, #0
    mov     r6, #0
    CONDS   eq, 0
    CONDS   ne, 1
    CONDS   cs, 2
    CONDS   cc, 3
    CONDS   mi, 4
    CONDS   pl, 5
    CONDS   vs, 6
    CONDS   vc, 7
    CONDS   hi, 8
    CONDS   ls, 9
    CONDS   ge, 10
    CONDS   lt, 11
    CONDS   gt, 12
    CONDS   le, 13
    @ return the taken-mask of the 16-bit forward branches in bits 0-13, of the 32-bit ones in 14-27,
    @ and set bit 31 if the backward branches disagree with the forward ones
    orr     r11, r3, r4, lsl #14
    cmp     r6, r3
    it      ne
    orrne   r11, r11, #0x80000000
TEND br_cond

TBEGIN br_misc
    @ CBZ/CBNZ on r0
    mov     r3, #0
    cbz     r0, 1f
    orr     r3, r3, #1
1:  cbnz    r0, 2f
    orr     r3, r3, #2
2:  cbz     r1, 3f
    nop
    nop
    orr     r3, r3, #4
3:  REC     r3
    @ a counted backward loop with a compare-and-branch
    mov     r3, #0
    mov     r4, #10
4:  add     r3, r3, r4
    subs    r4, #1
    bne     4b
    REC     r3
    @ BL / BX / BLX to local routines
    bl      br_leaf
    REC     r0
    adr     r7, br_leaf + 1     @ Thumb bit set
    blx     r7
    REC     r0
    mov     r8, r7
    blx     r8
    REC     r0
    mov     r0, r1
TEND br_misc

    .thumb_func
br_leaf:
    add     r0, r0, #0x100
    bx      lr

@ uint32_t br_sysregs(uint32_t in[4]): MRS/MSR of the special registers, CPS, barriers, hints.
TBEGIN br_sysregs
    mrs     r3, PRIMASK
    REC     r3
    cpsid   i
    mrs     r3, PRIMASK
    REC     r3
    cpsie   i
    mrs     r3, PRIMASK
    REC     r3
    mov     r4, #1
    msr     PRIMASK, r4
    mrs     r3, PRIMASK
    REC     r3
    mov     r4, #0
    msr     PRIMASK, r4
    mrs     r3, PRIMASK
    REC     r3
    cpsid   f
    mrs     r3, FAULTMASK
    REC     r3
    cpsie   f
    mrs     r3, FAULTMASK
    REC     r3
    @ BASEPRI: values with only the top 3 bits set survive any implemented priority width >= 3
    mov     r4, #0x80
    msr     BASEPRI, r4
    mrs     r3, BASEPRI
    REC     r3
    mov     r4, #0x40
    msr     BASEPRI_MAX, r4     @ higher priority than 0x80: written
    mrs     r3, BASEPRI
    REC     r3
    mov     r4, #0xa0
    msr     BASEPRI_MAX, r4     @ lower priority: ignored
    mrs     r3, BASEPRI
    REC     r3
    mov     r4, #0
    msr     BASEPRI, r4
    mrs     r3, BASEPRI
    REC     r3
    @ program status views: IPSR is 0 in thread mode, EPSR reads as zero
    mrs     r3, IPSR
    REC     r3
    mrs     r3, EPSR
    REC     r3
    mrs     r3, XPSR
    REC     r3
    mrs     r3, IAPSR
    REC     r3
    @ CONTROL: switch thread mode to the process stack and back
    mrs     r3, CONTROL
    REC     r3
    mrs     r6, MSP
    sub     r7, r6, #512
    msr     PSP, r7
    mrs     r3, PSP
    sub     r3, r3, r6
    REC     r3
    mov     r4, #2
    msr     CONTROL, r4
    isb
    mrs     r3, CONTROL
    REC     r3
    push    {r0, r1}            @ goes to the process stack
    mov     r3, sp
    sub     r3, r3, r6
    REC     r3
    mrs     r3, PSP
    sub     r3, r3, r6
    REC     r3
    mrs     r3, MSP
    sub     r3, r3, r6
    REC     r3
    pop     {r3, r4}
    REC     r3
    REC     r4
    mov     r4, #0
    msr     CONTROL, r4
    isb
    mrs     r3, CONTROL
    REC     r3
    mov     r3, sp
    sub     r3, r3, r6
    REC     r3
    @ MSR MSP while running on it
    sub     r7, r6, #64
    msr     MSP, r7
    push    {r1}
    ldr     r3, [r6, #-68]
    REC     r3
    pop     {r3}
    msr     MSP, r6
    mov     r3, sp
    sub     r3, r3, r6
    REC     r3
    @ barriers and hints: no architectural effect on registers
    dmb
    dsb
    isb
    dmb     sy
    dsb     sy
    isb     sy
    nop
    nop.w
    yield
    yield.w
    sev
    REC     r0
TEND br_sysregs
