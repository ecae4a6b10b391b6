    .file   "fp.S"
@ fp_threads: the FP work loop, the PendSV context switch with FP state, the SVC entry and the two
@ interrupt handlers (Arm DDI0403E B1.5.6 exception entry and return, B1.5.7 lazy FP context
@ preservation, B3.2.20 CPACR, B3.2.22-B3.2.24 FPCCR, FPCAR, FPDSCR).
    .syntax unified
    .thumb
    .text

@ struct work (main.c): init[32] at 0, iters 128, stir_mask 132, irq 136, fpscr 140, out[33] 144.
    .equ W_ITERS, 128
    .equ W_MASK, 132
    .equ W_IRQ, 136
    .equ W_FPSCR, 140
    .equ W_OUT, 144

@ void fp_work(struct work *w): FPSCR = w->fpscr; S0-S31 = w->init; then w->iters rounds of eight
@ FP operations that keep all 32 S registers live (S0-S7 and D8 are constants, the others
@ accumulate). Every stir_mask+1 rounds (stir_mask != 0) the loop pends IRQ w->irq through STIR,
@ which is taken at once. Finally S0-S31 and FPSCR go to w->out. S16-S31 are preserved (AAPCS).
    .global fp_work
    .type   fp_work, %function
    .thumb_func
fp_work:
    push    {r4, lr}
    vpush   {s16-s31}
    ldr     r1, [r0, #W_FPSCR]
    vmsr    fpscr, r1
    vldm    r0, {s0-s31}
    ldr     r1, [r0, #W_ITERS]
    ldr     r3, [r0, #W_MASK]
    ldr     r2, [r0, #W_IRQ]
    ldr     r12, =0xE000EF00        @ STIR
1:  vdiv.f32 s8, s8, s9
    vadd.f32 s10, s10, s11
    vsqrt.f32 s10, s10
    vmul.f32 s13, s13, s12
    vadd.f32 s15, s15, s14
    vfma.f64 d11, d10, d9
    vmul.f64 d13, d13, d12
    vadd.f64 d15, d15, d14
    subs    r1, r1, #1
    beq     2f
    cmp     r3, #0
    beq     1b
    tst     r1, r3
    bne     1b
    str     r2, [r12]
    dsb
    isb
    b       1b
2:  add     r4, r0, #W_OUT
    vstm    r4!, {s0-s31}
    vmrs    r1, fpscr
    str     r1, [r4]
    vpop    {s16-s31}
    pop     {r4, pc}
    .pool

@ PendSV: round-robin switch between the contexts 0 (main: MSP, privileged) and 1, 2 (workers:
@ PSP, unprivileged). ctx[i] = {saved SP, EXC_RETURN}. Below the hardware frame of the context
@ being left go S16-S31 (only if EXC_RETURN bit 4 is 0, i.e. the frame is an extended one) and
@ then R4-R11. The VSTMDB is this handler's first FP instruction: it makes the processor write the
@ lazily reserved S0-S15 and FPSCR of the interrupted context into its frame first.
    .global PendSV_switch
    .type   PendSV_switch, %function
    .thumb_func
PendSV_switch:
    ldr     r2, =cur
    ldr     r3, [r2]
    ldr     r12, =ctx
    add     r1, r12, r3, lsl #3
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    tst     lr, #0x10
    it      eq
    vstmdbeq r0!, {s16-s31}
    stmdb   r0!, {r4-r11}
    tst     lr, #4
    it      eq
    moveq   sp, r0                  @ main: keep its saved registers below the handler's stack
    str     r0, [r1]
    str     lr, [r1, #4]
    adds    r3, r3, #1
    cmp     r3, #3
    it      eq
    moveq   r3, #0
    str     r3, [r2]
    ldr     r1, =slices
    ldr     r0, [r1, r3, lsl #2]
    adds    r0, r0, #1
    str     r0, [r1, r3, lsl #2]
    add     r1, r12, r3, lsl #3
    ldr     r0, [r1]
    ldr     lr, [r1, #4]
    ldmia   r0!, {r4-r11}
    tst     lr, #0x10
    it      eq
    vldmiaeq r0!, {s16-s31}
    mrs     r1, control
    tst     lr, #4
    beq     3f
    msr     psp, r0                 @ to a worker: unprivileged, process stack
    orr     r1, r1, #1
    msr     control, r1
    isb
    bx      lr
3:  mov     sp, r0                  @ to main: privileged, main stack
    bic     r1, r1, #1
    msr     control, r1
    isb
    bx      lr
    .pool

@ SVCall: svc #0 = yield (pend PendSV).
    .global SVC_yield
    .type   SVC_yield, %function
    .thumb_func
SVC_yield:
    ldr     r0, =0xE000ED04
    mov     r1, #0x10000000         @ ICSR.PENDSVSET
    str     r1, [r0]
    bx      lr
    .pool

@ struct snap (main.c), 26 words: done 0, exc_return 4, control 8, fpccr 12, fpcar 16, frame 20 (at
@ entry, before any FP instruction); fpscr_mode 24, control 28, fpccr 32 (after the handler's
@ first FP instruction); the 17 words at FPCAR (S0-S15, FPSCR of the interrupted context) 36.
    .equ SNAPSZ, 104

@ snap_before(r0 = snap, r2 = frame base, r3 = EXC_RETURN); uses r1, r12; no stack, no FP.
    .type   snap_before, %function
    .thumb_func
snap_before:
    ldr     r1, [r0]
    cbnz    r1, 1f
    str     r3, [r0, #4]
    mrs     r1, control
    str     r1, [r0, #8]
    ldr     r12, =0xE000EF34        @ FPCCR, then FPCAR
    ldr     r1, [r12]
    str     r1, [r0, #12]
    ldr     r1, [r12, #4]
    str     r1, [r0, #16]
    str     r2, [r0, #20]
1:  bx      lr
    .pool

@ snap_after(r0 = snap, r1 = FPSCR read by the handler's first FP instruction); no FP.
    .type   snap_after, %function
    .thumb_func
snap_after:
    ldr     r2, [r0]
    cbnz    r2, 2f
    and     r1, r1, #0x07c00000     @ AHP DN FZ RMode: set from FPDSCR for the new context
    str     r1, [r0, #24]
    mrs     r1, control
    str     r1, [r0, #28]
    ldr     r12, =0xE000EF34
    ldr     r1, [r12]
    str     r1, [r0, #32]
    ldr     r2, [r0, #16]           @ FPCAR
    add     r3, r0, #36
    movs    r1, #17
1:  ldr     r12, [r2], #4
    str     r12, [r3], #4
    subs    r1, r1, #1
    bne     1b
    movs    r1, #1
    str     r1, [r0]
2:  bx      lr
    .pool

@ The two interrupt handlers: snapshot the lazy-stacking state (first entry per source only), read
@ FPSCR (the first FP instruction), snapshot again, run their FP work (A's pends B halfway) and let
@ C check the result. A keeps one snapshot per interrupted context (cur), B one.
    .macro  FPIRQ name, snaps, usecur, work, check
    .global \name
    .type   \name, %function
    .thumb_func
\name:
    mov     r3, lr
    tst     r3, #4
    ite     eq
    mrseq   r2, msp
    mrsne   r2, psp
    ldr     r0, =\snaps
    .if \usecur
    ldr     r1, =cur
    ldr     r1, [r1]
    movs    r12, #SNAPSZ
    mla     r0, r1, r12, r0
    .endif
    push    {r0, r3}
    bl      snap_before
    vmrs    r1, fpscr
    ldr     r0, [sp]
    bl      snap_after
    ldr     r0, =\work
    bl      fp_work
    bl      \check
    pop     {r0, r3}
    bx      r3
    .pool
    .endm

    FPIRQ   IRQ_A, snapA, 1, workA, check_a
    FPIRQ   IRQ_B, snapB, 0, workB, check_b
