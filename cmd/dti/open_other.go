//go:build !unix

package main

import (
	"io"
	"os"
)

// openRegular opens a file for reading and refuses anything but a regular
// file.
func openRegular(p string) (io.ReadCloser, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return regularOnly(f, p)
}
