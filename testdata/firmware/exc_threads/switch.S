    .file   "switch.S"
@ exc_threads: the PendSV context switch and the SVC entry.
@
@ Three contexts take turns: 0 = main (Thread mode, main stack, privileged) and 1, 2 = the worker
@ threads (Thread mode, process stack, unprivileged). ctx[i] = {saved SP, EXC_RETURN}; the saved SP
@ points at r4-r11, stored just below the hardware-stacked frame on that context's stack.
    .syntax unified
    .thumb
    .text

    .global PendSV_switch
    .type   PendSV_switch, %function
    .thumb_func
PendSV_switch:
    ldr     r2, =cur
    ldr     r3, [r2]
    ldr     r12, =ctx
    add     r1, r12, r3, lsl #3
    tst     lr, #4
    beq     1f
    mrs     r0, psp                 @ a worker: save r4-r11 on its process stack
    stmdb   r0!, {r4-r11}
    b       2f
1:  push    {r4-r11}                @ main: save r4-r11 on the main stack, below its frame
    mov     r0, sp
2:  str     r0, [r1]
    str     lr, [r1, #4]
    adds    r3, r3, #1              @ round robin
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
    tst     lr, #4
    beq     3f
    ldmia   r0!, {r4-r11}           @ to a worker: unprivileged, process stack
    msr     psp, r0
    movs    r0, #1                  @ CONTROL.nPRIV = 1 (SPSEL comes from EXC_RETURN)
    msr     control, r0
    isb
    bx      lr
3:  mov     sp, r0                  @ to main: privileged, main stack
    pop     {r4-r11}
    movs    r0, #0
    msr     control, r0
    isb
    bx      lr
    .pool

@ SVCall: svc #0 = yield (pend PendSV). Nothing else.
    .global SVC_yield
    .type   SVC_yield, %function
    .thumb_func
SVC_yield:
    ldr     r0, =0xE000ED04
    mov     r1, #0x10000000         @ ICSR.PENDSVSET
    str     r1, [r0]
    bx      lr
    .pool
