package semihost

import "fmt"

// Reason codes passed to SYS_EXIT / SYS_EXIT_EXTENDED (semihosting specification,
// SYS_EXIT: "Hardware vector reason codes" and "Software reason codes"; the
// ADP_Stopped_* names).
const (
	ReasonBranchThroughZero   = 0x20000
	ReasonUndefinedInstr      = 0x20001
	ReasonSoftwareInterrupt   = 0x20002
	ReasonPrefetchAbort       = 0x20003
	ReasonDataAbort           = 0x20004
	ReasonAddressException    = 0x20005
	ReasonIRQ                 = 0x20006
	ReasonFIQ                 = 0x20007
	ReasonBreakPoint          = 0x20020
	ReasonWatchPoint          = 0x20021
	ReasonStepComplete        = 0x20022
	ReasonRunTimeErrorUnknown = 0x20023
	ReasonInternalError       = 0x20024
	ReasonUserInterruption    = 0x20025
	ReasonApplicationExit     = 0x20026
	ReasonStackOverflow       = 0x20027
	ReasonDivisionByZero      = 0x20028
	ReasonOSSpecific          = 0x20029
)

var reasonNames = map[uint32]string{
	ReasonBranchThroughZero:   "branch through zero",
	ReasonUndefinedInstr:      "undefined instruction",
	ReasonSoftwareInterrupt:   "software interrupt",
	ReasonPrefetchAbort:       "prefetch abort",
	ReasonDataAbort:           "data abort",
	ReasonAddressException:    "address exception",
	ReasonIRQ:                 "IRQ",
	ReasonFIQ:                 "FIQ",
	ReasonBreakPoint:          "breakpoint",
	ReasonWatchPoint:          "watchpoint",
	ReasonStepComplete:        "step complete",
	ReasonRunTimeErrorUnknown: "unknown runtime error",
	ReasonInternalError:       "internal error",
	ReasonUserInterruption:    "user interruption",
	ReasonApplicationExit:     "application exit",
	ReasonStackOverflow:       "stack overflow",
	ReasonDivisionByZero:      "division by zero",
	ReasonOSSpecific:          "OS-specific stop",
}

// StatusAborted is the status of semihosting::process::abort() (exit(134), SIGABRT
// in a shell's terms); probe-rs prints it as "aborted".
const StatusAborted = 134

// Exit describes how the program ended through SYS_EXIT or SYS_EXIT_EXTENDED.
//
// Status follows QEMU (conventions.md §1.3): SYS_EXIT with reason
// ReasonApplicationExit is 0 and any other reason 1; SYS_EXIT_EXTENDED with
// ReasonApplicationExit is the subcode read as a C int (so exit(-1) is -1), and
// any other reason 1.
type Exit struct {
	Status   int
	Reason   uint32 // ADP_Stopped_* code
	Subcode  uint32 // second word of SYS_EXIT_EXTENDED; 0 for SYS_EXIT
	Extended bool   // SYS_EXIT_EXTENDED rather than SYS_EXIT
}

// Success reports whether the program exited with status 0.
func (e *Exit) Success() bool { return e.Status == 0 }

// Code returns a process exit code in 0..255 for Status: what a shell would see
// after exit(Status) (its low 8 bits), except that a non-zero Status whose low 8
// bits are zero gives 1, so a failure is never reported as success.
func (e *Exit) Code() int {
	c := e.Status & 0xFF
	if c == 0 && e.Status != 0 {
		return 1
	}
	return c
}

// String describes the exit for humans, for example "application exit (status
// 0)", "application exit (status 134, aborted)" or "unknown runtime error (reason
// 0x20023, status 1)".
func (e *Exit) String() string {
	if e == nil {
		return "no exit"
	}
	if e.Reason == ReasonApplicationExit {
		if e.Status == StatusAborted {
			return fmt.Sprintf("application exit (status %d, aborted)", e.Status)
		}
		return fmt.Sprintf("application exit (status %d)", e.Status)
	}
	name, ok := reasonNames[e.Reason]
	if !ok {
		name = "unknown stop reason"
	}
	if e.Extended {
		return fmt.Sprintf("%s (reason %#x, subcode %#x, status %d)", name, e.Reason, e.Subcode, e.Status)
	}
	return fmt.Sprintf("%s (reason %#x, status %d)", name, e.Reason, e.Status)
}
