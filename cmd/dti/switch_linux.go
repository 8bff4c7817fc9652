//go:build linux

package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// switchIn puts folder tmp in place of out in one step: a rename when out
// does not exist, else an exchange of the two names (renameat2 with
// RENAME_EXCHANGE), after which the old set, now at tmp, is removed.
// Where the file system cannot exchange, it falls back to two renames.
func switchIn(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if err == nil {
		return os.RemoveAll(tmp)
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return switchByRenames(tmp, out)
	}
	return err
}
