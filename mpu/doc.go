// Package mpu models the Armv7-M Protected Memory System Architecture MPU (PMSAv7,
// Arm DDI0403E B3.5): the MPU_TYPE, MPU_CTRL, MPU_RNR, MPU_RBAR and MPU_RASR registers
// with the RBAR/RASR aliases at 0xE000_ED90–0xE000_EDBB, and the access check the core
// makes for each memory access while the MPU is enabled.
//
// The check follows the pseudocode ValidateAddress() / DefaultPermissions() of B3.5:
//   - Accesses to the PPB (0xE000_0000–0xE00F_FFFF) and vector-table reads use the
//     default memory map. (Vector reads: the caller does not call Check for them.)
//   - MPU_CTRL.ENABLE = 0: the default memory map (HFNMIENA = 1 with ENABLE = 0 is
//     UNPREDICTABLE and treated as disabled).
//   - ENABLE = 1, HFNMIENA = 0 and the access made at an execution priority below 0
//     (HardFault, NMI, or FAULTMASK set): the default memory map.
//   - Otherwise the enabled regions are searched; where several match, the
//     highest-numbered wins. A region matches an address inside its 2^(SIZE+1) bytes
//     (SIZE >= 4, so at least 32 bytes; smaller SIZE values are UNPREDICTABLE and
//     treated as 4) unless the address falls in a subregion disabled by SRD (one bit per
//     eighth of the region; SRD applies only to regions of 256 bytes or more, B3.5.9).
//     No match: a privileged access with PRIVDEFENA = 1 uses the default map (the
//     background region); anything else is a MemManage fault.
//   - Permissions come from the matching region's AP (B3.5.9, access permission
//     encoding: 000 none; 001 privileged RW; 010 privileged RW, unprivileged RO; 011 RW;
//     100 UNPREDICTABLE, treated as no access; 101 privileged RO; 110 and 111 RO) and
//     XN, or for the default map from DefaultPermissions(): full access, XN for the
//     Peripheral (0x4000_0000–0x5FFF_FFFF), Device (0xA000_0000–0xDFFF_FFFF) and System
//     (0xE000_0000–0xFFFF_FFFF) regions (B3.1, Table B3-1). The System region is
//     execute-never whatever the MPU says. An instruction fetch needs read permission
//     and XN = 0.
//
// A multi-byte access is checked for every 32-byte block it touches (for the 1–4 byte
// accesses the core makes: its first and last byte). All region, subregion and
// default-map boundaries are multiples of 32 bytes, so this is exact; the fault address
// reported is the first failing byte (the access address, or the start of the second
// block for an access that crosses into a forbidden block).
//
// TEX, S, C and B are recorded and read back but do not change behaviour (m7emu has no
// memory-type effects beyond the cache model). The number of regions, MPU_TYPE.DREGION,
// comes from Config.
//
// Not modelled: UNPREDICTABLE cases beyond those above (unaligned region bases are
// masked to the region size; MPU_RNR values at or beyond DREGION make RBAR/RASR read as
// zero and ignore writes).
package mpu
