package svd

import (
	"errors"
	"sync"
	"testing"
)

var cache struct {
	sync.Mutex
	dev *Device
	err error
}

// ForTest returns the device at DefaultPath, parsed once per test binary. It skips the
// test when the file (or the module root) cannot be found or read, and fails it when the
// file does not parse. The returned Device is shared: callers must not modify it.
func ForTest(tb testing.TB) *Device {
	tb.Helper()
	cache.Lock()
	defer cache.Unlock()
	if cache.dev == nil && cache.err == nil {
		path, err := DefaultPath()
		if err != nil {
			err = errors.Join(ErrRead, err)
		} else {
			cache.dev, err = Load(path)
		}
		cache.err = err
	}
	if cache.err != nil {
		if errors.Is(cache.err, ErrRead) {
			tb.Skipf("ST SVD not available: %v", cache.err)
		}
		tb.Fatal(cache.err)
	}
	return cache.dev
}
