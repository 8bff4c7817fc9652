package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestLayout keeps the module's walls: only cmd/ opens the operating
// system's files, imports run one way (indicators, scoring → submission →
// dti → reports → cmd), and no source file outgrows 600 lines.
func TestLayout(t *testing.T) {
	const module = "github.com/cqs-vn/dtikit/"
	// may[p] lists the module packages p may import besides internal/.
	may := map[string][]string{
		"indicators": {},
		"scoring":    {},
		"submission": {"indicators"},
		"dti":        {"indicators", "scoring", "submission"},
		"audit":      {"indicators", "scoring", "submission", "dti"},
		"reports":    {"indicators", "scoring", "submission", "dti", "audit"},
	}
	osFile := regexp.MustCompile(`\bos\.(Open|OpenFile|ReadFile|Create|CreateTemp|WriteFile|ReadDir|Stat|Lstat|MkdirAll|Remove|RemoveAll|Rename|DirFS)\(`)
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if n := strings.Count(string(src), "\n"); n > 600 {
			t.Errorf("%s has %d lines; split it by concern (at most 600)", rel, n)
		}
		if strings.HasPrefix(rel, "cmd/") {
			return nil
		}
		if m := osFile.Find(src); m != nil {
			t.Errorf("%s calls %s: only cmd/ touches the operating system's files (take fs.FS, io.Reader or []byte)", rel, m)
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := strings.Split(path.Dir(rel), "/")[0]
		allowed, checked := may[pkg]
		for _, im := range f.Imports {
			ip, _ := strconv.Unquote(im.Path.Value)
			dep, ok := strings.CutPrefix(ip, module)
			if !ok || !checked || strings.HasPrefix(dep, "internal/") {
				continue
			}
			if !slices.Contains(allowed, dep) {
				t.Errorf("%s imports %s: %s may import only %v (and internal/)", rel, dep, pkg, allowed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
