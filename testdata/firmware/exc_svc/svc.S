    .file   "svc.S"
@ exc_svc: the SVCall entry and the SVC call stubs.
    .syntax unified
    .thumb
    .text

    .macro FUNC name
    .global \name
    .type   \name, %function
    .thumb_func
\name:
    .endm

@ SVCall: svc_c(frame, exc_return, control) with frame = the stack the caller used (EXC_RETURN
@ bit 2), before the handler pushes anything.
FUNC svc_entry
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    mov     r1, lr
    mrs     r2, control
    push    {r4, lr}
    bl      svc_c
    pop     {r4, pc}

@ uint32_t svc_N(a, b, c, d): one stub per SVC number used.
    .macro SVCSTUB n
FUNC svc_\n
    svc     #\n
    bx      lr
    .endm
    SVCSTUB 0
    SVCSTUB 1
    SVCSTUB 2
    SVCSTUB 3
    SVCSTUB 4
    SVCSTUB 5
    SVCSTUB 6
    SVCSTUB 66
    SVCSTUB 255

@ void svc_7(uint32_t a): svc #7 diverts to another function, which returns to the instruction after
@ the SVC through LR, so LR is saved around it.
FUNC svc_7
    push    {r4, lr}
    svc     #7
    pop     {r4, pc}

@ uint32_t svc5_odd(a, b, c, d, e): svc #5 with the fifth argument re-pushed so that SP is
@ 4 mod 8 at the SVC: the frame gets an alignment word (stacked xPSR bit 9).
FUNC svc5_odd
    ldr     r12, [sp]
    push    {r12}
    svc     #5
    add     sp, sp, #4
    bx      lr

@ uint32_t run_on_psp(uint32_t (*fn)(uint32_t), uint32_t arg, uint32_t *psp_top, uint32_t control):
@ run fn(arg) in Thread mode with CONTROL = control (SPSEL set: on the process stack; nPRIV maybe),
@ then svc #255 (which clears nPRIV) and back to the main stack.
FUNC run_on_psp
    push    {r4, r5, r6, lr}
    mrs     r4, control
    msr     psp, r2
    msr     control, r3
    isb
    mov     r5, r0
    mov     r0, r1
    blx     r5
    svc     #255
    msr     control, r4
    isb
    pop     {r4, r5, r6, pc}
