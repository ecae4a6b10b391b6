//go:build !vfpslow

package vfp

// forceSlow disables every fast path when true (build tag vfpslow).
const forceSlow = false
