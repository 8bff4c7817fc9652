//go:build !linux

package main

import (
	"errors"
	"os"
)

// switchIn puts folder tmp in place of out: a rename when out does not
// exist, else two renames (a kill between them leaves the old set aside,
// and the next run puts it back).
func switchIn(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	return switchByRenames(tmp, out)
}
