package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCollectUnreadable: a folder that cannot be read (a normal user's
// permission error; the tests may run as root, so the error is made here)
// is listed as rejected and the rest is collected.
func TestCollectUnreadable(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a.csv", "locked/b.csv", "open/c.csv"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte("unit,CQ.1\nX,1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := &collector{seen: map[string]bool{}, readDir: func(p string) ([]os.DirEntry, error) {
		if filepath.Base(p) == "locked" {
			return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
		}
		return os.ReadDir(p)
	}}
	abs, _ := filepath.Abs(dir)
	c.roots = []string{abs}
	c.add(dir, 0)
	var names []string
	for _, s := range c.srcs {
		names = append(names, filepath.Base(s.Name))
	}
	if strings.Join(names, " ") != "a.csv c.csv" {
		t.Errorf("collected %v, want a.csv c.csv", names)
	}
	if len(c.rejected) != 1 || !strings.HasSuffix(c.rejected[0].File, "locked") || !strings.Contains(c.rejected[0].Errors[0].EN, "cannot be read: open") {
		t.Errorf("rejected = %+v, want the locked folder", c.rejected)
	}
}
