//go:build !unix

package main

import (
	"fmt"
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
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return f, nil
}
