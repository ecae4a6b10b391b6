// Command m7emu emulates the STM32F769I-DISCO board (Cortex-M7) and runs firmware
// ELFs built for it. See README.md for usage; `m7emu help` lists the commands.
package main

import (
	"os"
)

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
