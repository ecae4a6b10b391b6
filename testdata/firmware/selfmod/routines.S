    .file   "routines.S"
@ selfmod: position-independent Thumb routines that main.c copies into RAM and then patches.
@ They live in .ramfunc_src (flash) and are never executed there.
    .syntax unified
    .thumb
    .section .ramfunc_src, "a"
    .align  2

    .global rf_add, rf_add_end
    @ uint32_t rf_add(uint32_t x): x + 5 + 0x1234 (both immediates are patched by main.c)
rf_add:
    movs    r1, #5              @ halfword 0: 0x2105, imm8 in the low byte
    adds    r0, r0, r1
    movw    r2, #0x1234         @ halfwords 2-3: imm8 of MOVW in the low byte of halfword 3
    add     r0, r0, r2
    bx      lr
    .align  2
rf_add_end:

    .global rf_sum, rf_sum_end
    @ uint32_t rf_sum(uint32_t n): 1 + 2 + ... + n, n > 0
rf_sum:
    movs    r1, #0
1:  adds    r1, r1, r0
    subs    r0, #1
    bne     1b
    mov     r0, r1
    bx      lr
    .align  2
rf_sum_end:

    .global rf_mul, rf_mul_end
    @ uint32_t rf_mul(uint32_t x): x * 3 (its LSL #1 becomes LSL #n when patched)
rf_mul:
    lsls    r1, r0, #1          @ 0x0041: imm5 in bits 10:6
    adds    r0, r0, r1
    bx      lr
    .align  2
rf_mul_end:
