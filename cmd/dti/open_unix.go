//go:build unix

package main

import (
	"io"
	"os"
	"syscall"
)

// openRegular opens a file for reading without blocking on a FIFO put in
// its place after it was listed, and refuses anything but a regular file.
func openRegular(p string) (io.ReadCloser, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	return regularOnly(f, p)
}
