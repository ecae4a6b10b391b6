package main

import "github.com/spf13/cobra"

func newDisasmCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "disasm FILE.elf", Short: "Disassemble a firmware ELF like objdump -d", Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return usageError("disasm: not yet") }}
}
