    .file   "ldst.S"
@ ldst: loads and stores (Arm DDI0403E A7.7), each load followed by REC (rec.inc).
@ r0 = base: 256 bytes into a 1 KiB RAM buffer filled by main.c; r1 = 3, r2 = 0x40.
#include "rec.inc"

TBEGIN ls_imm
    @ T1 (16-bit, imm5 scaled)
    ldr     r3, [r0, #4]
    REC     r3
    ldr     r3, [r0, #124]
    REC     r3
    ldrb    r3, [r0, #31]
    REC     r3
    ldrh    r3, [r0, #62]
    REC     r3
    adds    r3, r1, #5
    str     r3, [r0, #8]
    strb    r3, [r0, #13]
    strh    r3, [r0, #18]
    ldr     r3, [r0, #8]
    REC     r3
    ldr     r3, [r0, #12]
    REC     r3
    ldr     r3, [r0, #16]
    REC     r3
    @ T2 (16-bit, SP-relative)
    sub     sp, sp, #16
    mov     r3, #0x5a
    str     r3, [sp, #0]
    str     r0, [sp, #12]
    ldr     r4, [sp, #12]
    REC     r4
    ldr     r4, [sp, #0]
    REC     r4
    add     sp, sp, #16
    @ T3 (32-bit, imm12 positive)
    ldr.w   r3, [r0, #256]
    REC     r3
    ldr.w   r3, [r0, #764]
    REC     r3
    ldrb.w  r3, [r0, #767]
    REC     r3
    ldrsb.w r3, [r0, #7]
    REC     r3
    ldrsb.w r3, [r0, #512]
    REC     r3
    ldrh.w  r3, [r0, #2]
    REC     r3
    ldrsh.w r3, [r0, #6]
    REC     r3
    ldrsh.w r3, [r0, #700]
    REC     r3
    mvn     r3, #0x1200
    str.w   r3, [r0, #400]
    strb.w  r3, [r0, #405]
    strh.w  r3, [r0, #410]
    ldr.w   r3, [r0, #400]
    REC     r3
    ldr.w   r3, [r0, #404]
    REC     r3
    ldr.w   r3, [r0, #408]
    REC     r3
    @ T4 (32-bit, imm8: negative offset, pre-indexed and post-indexed with writeback)
    ldr     r3, [r0, #-4]
    REC     r3
    ldr     r3, [r0, #-255]
    REC     r3
    ldrb    r3, [r0, #-1]
    REC     r3
    ldrsb   r3, [r0, #-9]
    REC     r3
    ldrh    r3, [r0, #-2]
    REC     r3
    ldrsh   r3, [r0, #-6]
    REC     r3
    mov     r5, r0
    ldr     r3, [r5, #4]!
    REC     r3
    REC     r5
    ldr     r3, [r5, #-8]!
    REC     r3
    REC     r5
    ldr     r3, [r5], #12
    REC     r3
    REC     r5
    ldr     r3, [r5], #-4
    REC     r3
    REC     r5
    ldrb    r3, [r5, #1]!
    REC     r3
    ldrb    r3, [r5], #-3
    REC     r3
    ldrsb   r3, [r5, #-1]!
    REC     r3
    ldrsb   r3, [r5], #2
    REC     r3
    ldrh    r3, [r5, #2]!
    REC     r3
    ldrh    r3, [r5], #-2
    REC     r3
    ldrsh   r3, [r5, #-4]!
    REC     r3
    ldrsh   r3, [r5], #6
    REC     r3
    REC     r5
    movw    r3, #0xbeef
    movt    r3, #0xdead
    str     r3, [r5, #-16]
    str     r3, [r5, #8]!
    str     r3, [r5], #-12
    strb    r3, [r5, #-3]!
    strb    r3, [r5], #7
    strh    r3, [r5, #-2]!
    strh    r3, [r5], #10
    REC     r5
    ldr     r3, [r5, #-32]
    REC     r3
    ldr     r3, [r5, #-28]
    REC     r3
    ldr     r3, [r5, #-24]
    REC     r3
    ldr     r3, [r5, #-20]
    REC     r3
    ldr     r3, [r5, #-16]
    REC     r3
    ldr     r3, [r5, #-12]
    REC     r3
TEND ls_imm

TBEGIN ls_reg
    @ register offset: 16-bit (T1) and 32-bit with LSL #0-3
    ldr     r3, [r0, r1]
    REC     r3
    ldrb    r3, [r0, r1]
    REC     r3
    ldrsb   r3, [r0, r1]
    REC     r3
    ldrh    r3, [r0, r2]
    REC     r3
    ldrsh   r3, [r0, r2]
    REC     r3
    ldr.w   r3, [r0, r1, lsl #2]
    REC     r3
    ldr.w   r3, [r0, r2, lsl #3]
    REC     r3
    ldrb.w  r3, [r0, r1, lsl #1]
    REC     r3
    ldrsb.w r3, [r0, r2, lsl #3]
    REC     r3
    ldrh.w  r3, [r0, r1, lsl #1]
    REC     r3
    ldrsh.w r3, [r0, r2, lsl #1]
    REC     r3
    mov     r8, r0
    mov     r9, r1
    ldr.w   r3, [r8, r9, lsl #3]
    REC     r3
    mov     r3, #0x7788
    str     r3, [r0, r2]
    strb    r3, [r0, r1]
    strh    r3, [r0, r1]
    str.w   r3, [r0, r1, lsl #3]
    strb.w  r3, [r8, r9, lsl #2]
    strh.w  r3, [r0, r2, lsl #1]
    ldr     r3, [r0, r2]
    REC     r3
    ldr     r3, [r0, #0]
    REC     r3
    ldr     r3, [r0, #4]
    REC     r3
    ldr     r3, [r0, #24]
    REC     r3
    ldr     r3, [r0, #12]
    REC     r3
    ldr.w   r3, [r0, #128]
    REC     r3
    @ literal loads, forward (T1 and T2 with U=1) and backward (T2 with U=0)
    b       1f
    .align  2
0:  .word   0x8badf00d
    .word   0xc0ffee00
1:  ldr     r3, 2f
    REC     r3
    ldr.w   r3, 0b
    REC     r3
    ldrb    r3, 2f + 3
    REC     r3
    ldrsb   r3, 0b + 1
    REC     r3
    ldrh    r3, 0b + 6
    REC     r3
    ldrsh   r3, 2f + 2
    REC     r3
    ldrd    r3, r4, 0b
    REC     r3
    REC     r4
    ldrd    r3, r4, 2f
    REC     r3
    REC     r4
    ldr     r3, =0x12345678
    REC     r3
    b       3f
    .align  2
2:  .word   0x87654321
    .word   0xfedcba98
3:
    @ unprivileged forms (privileged thread mode: same as normal accesses)
    ldrt    r3, [r0, #8]
    REC     r3
    ldrbt   r3, [r0, #9]
    REC     r3
    ldrht   r3, [r0, #10]
    REC     r3
    ldrsbt  r3, [r0, #11]
    REC     r3
    ldrsht  r3, [r0, #14]
    REC     r3
    mov     r3, #0xa5
    strt    r3, [r0, #32]
    strbt   r3, [r0, #36]
    strht   r3, [r0, #40]
    ldr     r3, [r0, #32]
    REC     r3
    ldr     r3, [r0, #36]
    REC     r3
    ldr     r3, [r0, #40]
    REC     r3
    @ preload hints: no architectural effect
    pld     [r0]
    pld     [r0, #64]
    pld     [r0, #-8]
    pld     [r0, r1, lsl #2]
    pli     [r0, #4]
    pli     [r0, #-4]
    pli     [r0, r1]
    pld     0b
    REC     r0
TEND ls_reg

TBEGIN ls_multi
    @ LDRD/STRD: offset, pre-indexed, post-indexed
    ldrd    r3, r4, [r0, #8]
    REC     r3
    REC     r4
    ldrd    r3, r4, [r0, #-16]
    REC     r3
    REC     r4
    mov     r5, r0
    ldrd    r3, r4, [r5, #-8]!
    REC     r5
    REC     r4
    ldrd    r3, r4, [r5], #24
    REC     r5
    REC     r3
    ldrd    r6, r7, [r5, #1020]
    REC     r6
    REC     r7
    mov     r3, #0x11
    mov     r4, #0x22
    strd    r3, r4, [r5, #8]
    strd    r3, r4, [r5, #-8]!
    strd    r4, r3, [r5], #32
    REC     r5
    ldr     r3, [r5, #-32]
    REC     r3
    ldr     r3, [r5, #-28]
    REC     r3
    ldr     r3, [r5, #-16]
    REC     r3
    ldr     r3, [r5, #-12]
    REC     r3
    @ LDM/STM
    mov     r5, r0
    ldmia   r5!, {r3, r4, r6}   @ 16-bit with writeback
    REC     r3
    REC     r4
    REC     r6
    REC     r5
    ldm     r5, {r3, r5}        @ 16-bit, base in list: no writeback
    REC     r3
    REC     r5
    mov     r5, r0
    ldmia.w r5!, {r3, r4, r6, r7, r8, r9, r10}
    REC     r5
    REC     r3
    REC     r10
    ldmdb   r5!, {r3, r4}
    REC     r5
    REC     r4
    ldmdb   r5, {r6, r7, r8}
    REC     r6
    REC     r8
    ldmia.w r5, {r3, r9}
    REC     r3
    REC     r9
    add     r5, r0, #64
    mov     r3, #0x33
    mov     r4, #0x44
    mov     r6, #0x66
    stmia   r5!, {r3, r4, r6}   @ 16-bit with writeback
    REC     r5
    stmia.w r5, {r1, r2, r3, r4}
    stmdb   r5!, {r2, r6, r9}
    REC     r5
    stmia.w r5!, {r1, r8}
    REC     r5
    stmdb   r5, {r3, r4}
    add     r5, r0, #48
    ldm     r5!, {r1, r2, r3, r4, r6, r7}
    REC     r1
    REC     r2
    REC     r3
    REC     r4
    REC     r6
    REC     r7
    REC     r5
    @ PUSH/POP (16- and 32-bit), POP {pc} returns
    movs    r1, #1
    movs    r2, #2
    mov     r8, #8
    mov     r9, #9
    push    {r1, r2}
    push    {r8, r9}
    pop     {r3, r4}
    pop     {r6, r7}
    REC     r3
    REC     r4
    REC     r6
    REC     r7
    push.w  {r1, r8, r9, r10}
    pop.w   {r2, r3, r4, r6}
    REC     r2
    REC     r3
    REC     r4
    REC     r6
    bl      sub_pop_pc
    REC     r3
    bl      sub_ldr_pc
    REC     r3
    bl      sub_ldm_pc
    REC     r3
    ldr     r1, [r0, #0]        @ restore the inputs
    mov     r1, #3
    mov     r2, #0x40
TEND ls_multi

    .thumb_func
sub_pop_pc:
    push    {r4, lr}
    mov     r4, #0x123
    add     r3, r4, #1
    pop     {r4, pc}
    .thumb_func
sub_ldr_pc:
    str     lr, [sp, #-8]!
    mov     r3, #0x456
    ldr     pc, [sp], #8
    .thumb_func
sub_ldm_pc:
    stmdb   sp!, {r4, r5, lr}
    mov     r3, #0x789
    ldmia.w sp!, {r4, r5, pc}

TBEGIN ls_excl
    @ LDREX/STREX succeed; after CLREX the store fails (A3.4, A7.7.168)
    add     r5, r0, #128
    ldrex   r3, [r5]
    REC     r3
    add     r3, r3, #1
    strex   r4, r3, [r5]
    REC     r4
    ldr     r3, [r5]
    REC     r3
    ldrex   r3, [r5, #4]
    clrex
    strex   r4, r3, [r5, #4]
    REC     r4
    ldrex   r3, [r5, #8]
    add     r3, #7
    strex   r4, r3, [r5, #8]
    REC     r4
    strex   r4, r3, [r5, #8]    @ the monitor was cleared by the previous STREX: fails
    REC     r4
    add     r6, r5, #13
    ldrexb  r3, [r6]
    REC     r3
    add     r3, #1
    strexb  r4, r3, [r6]
    REC     r4
    add     r6, r5, #14
    ldrexb  r3, [r6]
    clrex
    strexb  r4, r3, [r6]
    REC     r4
    add     r6, r5, #16
    ldrexh  r3, [r6]
    REC     r3
    add     r3, #1
    strexh  r4, r3, [r6]
    REC     r4
    add     r6, r5, #18
    ldrexh  r3, [r6]
    clrex
    strexh  r4, r3, [r6]
    REC     r4
    ldr     r3, [r5, #12]
    REC     r3
    ldr     r3, [r5, #16]
    REC     r3
    @ an LDREX/STREX increment loop
    mov     r6, #5
1:  ldrex   r3, [r5, #20]
    add     r3, r3, #3
    strex   r4, r3, [r5, #20]
    cmp     r4, #0
    bne     1b
    subs    r6, #1
    bne     1b
    ldr     r3, [r5, #20]
    REC     r3
    @ unaligned accesses (CCR.UNALIGN_TRP is 0 at reset, A3.2.2)
    ldr.w   r3, [r0, #1]
    REC     r3
    ldr.w   r3, [r0, #2]
    REC     r3
    ldr.w   r3, [r0, #-3]
    REC     r3
    ldrh.w  r3, [r0, #3]
    REC     r3
    ldrsh.w r3, [r0, #5]
    REC     r3
    movw    r3, #0x3344
    movt    r3, #0x1122
    str.w   r3, [r0, #201]
    strh.w  r3, [r0, #211]
    ldr.w   r3, [r0, #200]
    REC     r3
    ldr.w   r3, [r0, #204]
    REC     r3
    ldr.w   r3, [r0, #208]
    REC     r3
    ldr.w   r3, [r0, #212]
    REC     r3
    mov     r6, #7
    ldr     r3, [r0, r6]
    REC     r3
TEND ls_excl

@ ---------------------------------------------------------------- TBB/TBH
@ uint32_t ls_table(uint32_t i): a switch through TBB and one through TBH.
    .text
    .global ls_table
    .type   ls_table, %function
    .thumb_func
ls_table:
    and     r1, r0, #3
    tbb     [pc, r1]
0:  .byte   (10f - 0b) / 2
    .byte   (11f - 0b) / 2
    .byte   (12f - 0b) / 2
    .byte   (13f - 0b) / 2
10: movs    r2, #100
    b       20f
11: movs    r2, #110
    b       20f
12: movs    r2, #120
    b       20f
13: movs    r2, #130
20: lsr     r1, r0, #2
    and     r1, r1, #3
    tbh     [pc, r1, lsl #1]
1:  .hword  (30f - 1b) / 2
    .hword  (31f - 1b) / 2
    .hword  (32f - 1b) / 2
    .hword  (33f - 1b) / 2
30: add     r0, r2, #1000
    bx      lr
31: add     r0, r2, #2000
    bx      lr
32: add     r0, r2, #3000
    bx      lr
33: add     r0, r2, #4000
    bx      lr
    .size   ls_table, . - ls_table
