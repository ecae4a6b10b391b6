package main

import (
	"os"
	"path/filepath"
)

// atomicFile is a file written under a temporary name in its final directory and
// renamed into place by Commit, so a reader (or a golden-trace comparison) never sees
// a half-written file, even when the writer is killed.
type atomicFile struct {
	*os.File
	path string
}

// createAtomic starts writing path.
func createAtomic(path string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	return &atomicFile{File: f, path: path}, nil
}

// Commit flushes the file to disk and renames it to its final name.
func (a *atomicFile) Commit() error {
	if err := a.File.Sync(); err != nil {
		a.Abort()
		return err
	}
	if err := a.File.Close(); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	if err := os.Chmod(a.File.Name(), 0o644); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	if err := os.Rename(a.File.Name(), a.path); err != nil {
		os.Remove(a.File.Name())
		return err
	}
	return nil
}

// Abort discards the file.
func (a *atomicFile) Abort() {
	a.File.Close()
	os.Remove(a.File.Name())
}
