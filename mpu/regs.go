package mpu

// Placement in the system control space (Arm DDI0403E B3.5.4, MPU register summary).
// Device offsets are relative to Base.
const (
	Base = 0xE000_ED90 // MPU_TYPE
	Size = 0x2C        // MPU_TYPE .. MPU_RASR_A3
)

// Register offsets relative to Base (B3.5.4).
const (
	regTYPE    = 0x00 // MPU_TYPE: MPU Type Register, B3.5.5
	regCTRL    = 0x04 // MPU_CTRL: MPU Control Register, B3.5.6
	regRNR     = 0x08 // MPU_RNR: MPU Region Number Register, B3.5.7
	regRBAR    = 0x0C // MPU_RBAR: MPU Region Base Address Register, B3.5.8
	regRASR    = 0x10 // MPU_RASR: MPU Region Attribute and Size Register, B3.5.9
	regRBAR_A1 = 0x14 // MPU_RBAR_A1..A3 and MPU_RASR_A1..A3: aliases of RBAR/RASR (B3.5.10)
	regRASR_A1 = 0x18
	regRBAR_A2 = 0x1C
	regRASR_A2 = 0x20
	regRBAR_A3 = 0x24
	regRASR_A3 = 0x28
)

// MPU_TYPE fields (B3.5.5).
const (
	typeDREGIONShift = 8 // DREGION[15:8]: number of data regions; IREGION and SEPARATE are 0
)

// MPU_CTRL fields (B3.5.6).
const (
	ctrlENABLE     = 1 << 0
	ctrlHFNMIENA   = 1 << 1 // MPU also enabled at priority < 0
	ctrlPRIVDEFENA = 1 << 2 // default map as background region for privileged accesses
	ctrlWritable   = ctrlENABLE | ctrlHFNMIENA | ctrlPRIVDEFENA
)

// MPU_RNR / MPU_RBAR fields (B3.5.7, B3.5.8).
const (
	rnrREGION   = 0xFF
	rbarADDR    = 0xFFFF_FFE0 // ADDR[31:5] (the low log2(size) bits are not part of the base)
	rbarVALID   = 1 << 4      // write: take REGION as the new MPU_RNR
	rbarREGION  = 0xF         // write (VALID = 1): region number; read: MPU_RNR[3:0]
	maxRegions  = 16
	minSizeLog2 = 5 // 32 bytes
)

// MPU_RASR fields (B3.5.9).
const (
	rasrENABLE   = 1 << 0
	rasrSIZE     = 0x1F << 1 // region size 2^(SIZE+1) bytes
	rasrSRDShift = 8         // SRD[15:8]: subregion disable
	rasrB        = 1 << 16
	rasrC        = 1 << 17
	rasrS        = 1 << 18
	rasrTEX      = 7 << 19
	rasrAPShift  = 24 // AP[26:24]
	rasrXN       = 1 << 28
	rasrWritable = rasrXN | 7<<rasrAPShift | rasrTEX | rasrS | rasrC | rasrB | 0xFF<<rasrSRDShift | rasrSIZE | rasrENABLE
)

// AP encodings (B3.5.9, access permissions).
const (
	apNone     = 0 // no access
	apPrivRW   = 1 // privileged RW, unprivileged none
	apPrivRWUR = 2 // privileged RW, unprivileged RO
	apRW       = 3 // full access
	apRes      = 4 // UNPREDICTABLE
	apPrivRO   = 5 // privileged RO, unprivileged none
	apRO       = 6 // RO
	apRO7      = 7 // RO
)
