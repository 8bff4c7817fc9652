package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// An output set is every file one run writes. It is written into a fresh
// folder beside -o and switched in with renames, so that after a kill at
// any moment -o holds either the previous complete set or the new one, and
// two runs at once never mix their files. The folder holds a manifest
// (outputMarker) naming the run and its files, which also marks the
// folder as dti's, so that it is never read as input and may be replaced.

// manifest is the content of outputMarker.
type manifest struct {
	Run   string   `json:"run"`
	Files []string `json:"files"`
}

// outSet is a set being written.
type outSet struct {
	out, tmp string
	run      string
	files    []string
}

// knownOutputs are the names a dti output folder may hold without a
// manifest (written by earlier versions).
var knownOutputs = []string{"results.json", "results.csv", "report.xlsx", "report.pdf", "report.docx", outputMarker}

// newOutSet prepares to write the set of run into out: it removes what
// earlier killed runs left beside out (restoring a previous set a kill
// left aside), refuses an out that holds anything but dti's outputs, and
// makes the temporary folder.
func newOutSet(out, run string) (*outSet, error) {
	named := out                  // as the user wrote it, for messages
	out, err := filepath.Abs(out) // "-o ." names a folder too
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	olds, _ := filepath.Glob(filepath.Join(parent, "."+base+".dti-old-*"))
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) && len(olds) > 0 {
		// A kill came between the two renames of a set's switch: the
		// previous set was put aside; it is -o again.
		if err := os.Rename(olds[len(olds)-1], out); err != nil {
			return nil, err
		}
		olds = olds[:len(olds)-1]
	}
	tmps, _ := filepath.Glob(filepath.Join(parent, "."+base+".dti-tmp-*"))
	for _, p := range append(olds, tmps...) {
		if err := os.RemoveAll(p); err != nil {
			return nil, err
		}
	}
	if err := checkOutFolder(out, named); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".dti-tmp-")
	if err != nil {
		return nil, err
	}
	return &outSet{out: out, tmp: tmp, run: run}, nil
}

// checkOutFolder refuses to replace a folder that holds anything but a
// dti output set: the user's other files would be lost.
func checkOutFolder(out, named string) error {
	st, err := os.Stat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("-o %s: not a folder / không phải thư mục", named)
	}
	if _, err := os.Stat(filepath.Join(out, outputMarker)); err == nil {
		return nil
	}
	ents, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !slices.Contains(knownOutputs, e.Name()) && !(e.IsDir() && isYearFolder(e.Name())) {
			return fmt.Errorf("thư mục kết quả %s có tệp khác (%s); hãy chọn thư mục trống hoặc thư mục kết quả của dti / the output folder %s holds other files (%s); choose an empty folder or a dti output folder", named, e.Name(), named, e.Name())
		}
	}
	return nil
}

// isYearFolder reports whether name is a year's subfolder of a set.
func isYearFolder(name string) bool {
	return len(name) == 4 && strings.Trim(name, "0123456789") == "" || name == "no-year"
}

// write writes one file of the set, rel being its path in the set.
func (s *outSet) write(rel string, write func(w io.Writer) error) error {
	if err := s.create(rel, write); err != nil {
		return err
	}
	s.add(rel)
	return nil
}

// add lists a file create wrote in the set's manifest.
func (s *outSet) add(rel string) { s.files = append(s.files, filepath.ToSlash(rel)) }

// create writes one file of the set without listing it; several may run
// at once.
func (s *outSet) create(rel string, write func(w io.Writer) error) error {
	p := filepath.Join(s.tmp, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := writeSynced(f, write); err != nil {
		os.Remove(p) // not part of the set
		return err
	}
	return nil
}

// commit writes the manifest and switches the set in place of -o.
func (s *outSet) commit() error {
	if err := s.write(outputMarker, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(manifest{Run: s.run, Files: s.files})
	}); err != nil {
		return err
	}
	if err := syncDir(s.tmp); err != nil {
		return err
	}
	if err := switchIn(s.tmp, s.out); err != nil {
		return err
	}
	return syncDir(filepath.Dir(s.out))
}

// abort removes the unfinished set; -o is left as it was.
func (s *outSet) abort() { os.RemoveAll(s.tmp) }

// syncDir makes a folder's entries durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

// switchByRenames moves out aside, tmp in, and removes the old set. A kill
// between the renames leaves no -o but the old set aside; newOutSet puts it
// back on the next run.
func switchByRenames(tmp, out string) error {
	old := strings.Replace(tmp, ".dti-tmp-", ".dti-old-", 1)
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.RemoveAll(old)
}
