    .file   "faults.S"
@ exc_faults: the fault handler entry, the SVC handler, and the routines that fault.
@ Each t_* routine faults on its first instruction (except t_invstate, which faults at its branch
@ target, and t_badret, which faults on the SVC handler's return), so the C side knows the address
@ the fault must report as the stacked return address.
    .syntax unified
    .thumb
    .text

    .macro FUNC name
    .global \name
    .type   \name, %function
    .thumb_func
\name:
    .endm

@ HardFault, MemManage, BusFault and UsageFault: call
@   uint32_t fault_c(uint32_t *msp, uint32_t *psp, uint32_t exc_return)
@ with the stack pointers as they were on entry; fault_c returns the EXC_RETURN to leave with.
FUNC fault_entry
    mrs     r0, msp
    mrs     r1, psp
    mov     r2, lr
    push    {r4, lr}
    bl      fault_c
    pop     {r4, lr}
    bx      r0

@ SVCall: the immediate is the low byte of the SVC instruction (stacked PC - 2).
@   svc #1: return with the reserved EXC_RETURN 0xFFFFFFF5 (UsageFault INVPC on the return)
@   svc #2: clear CONTROL.nPRIV (back to privileged Thread mode)
FUNC svc_entry
    tst     lr, #4
    ite     eq
    mrseq   r0, msp
    mrsne   r0, psp
    ldr     r1, [r0, #24]
    ldrb    r1, [r1, #-2]
    cmp     r1, #1
    beq     1f
    cmp     r1, #2
    bne     2f
    mrs     r1, control
    bic     r1, r1, #1
    msr     control, r1
    isb
2:  bx      lr
1:  mvn     lr, #0xa            @ 0xFFFFFFF5: reserved EXC_RETURN (B1.5.8)
    bx      lr

FUNC t_udf16
    udf     #0x12
    bx      lr

FUNC t_udf32
    udf.w   #0x345
    bx      lr

@ r0 = t_invstate_target with bit 0 clear: the BX clears EPSR.T, and the next instruction faults.
FUNC t_invstate
    bx      r0
    .p2align 2
FUNC t_invstate_target
    movs    r0, #0x5a
    bx      lr

@ svc #1 makes the SVC handler return with a bad EXC_RETURN.
FUNC t_badret
    svc     #1
    movs    r0, #0x77
    bx      lr

FUNC t_ldr
    ldr     r0, [r0]
    bx      lr

FUNC t_ldrh
    ldrh    r0, [r0]
    bx      lr

FUNC t_str
    str     r1, [r0]
    bx      lr

FUNC t_strh
    strh    r1, [r0]
    bx      lr

@ t_ldrd and t_ldm return the XOR of the two words (r0 ^ r1 when the load is skipped).
FUNC t_ldrd
    ldrd    r0, r1, [r0]
    eor     r0, r0, r1
    bx      lr

FUNC t_ldm
    ldm     r0, {r0, r1}
    eor     r0, r0, r1
    bx      lr

FUNC t_stm
    stm     r0, {r1, r2}
    bx      lr

FUNC t_sdiv
    sdiv    r0, r0, r1
    bx      lr

FUNC t_udiv
    udiv    r0, r0, r1
    bx      lr

@ VMOV s0, r0 (encoding T1 0xEE000A10, a CP10 instruction).
FUNC t_vmov
    .inst.w 0xee000a10
    bx      lr

FUNC t_ldrt
    ldrt    r0, [r0]
    bx      lr

FUNC t_strt
    strt    r1, [r0]
    bx      lr

@ MCR p0, 0, r0, c0, c0, 0 (no coprocessor 0 on the Cortex-M7)
FUNC t_mcr_p0
    .inst.w 0xee000010
    bx      lr

@ Call r0 (an address with bit 0 set).
FUNC t_call
    push    {r4, lr}
    blx     r0
    pop     {r4, pc}
