package main

// This file holds all the command's access to the operating system's
// files: the library packages read from bytes, readers and fs.FS only.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// loadFramework returns the embedded framework called name, or else
// decodes the file at that path.
func loadFramework(name string) (*indicators.Framework, error) {
	fw, _, err := loadFrameworkNotes(name)
	return fw, err
}

// loadFrameworkNotes is loadFramework that also returns what the decoder
// assumed where the file is silent.
func loadFrameworkNotes(name string) (*indicators.Framework, indicators.Problems, error) {
	data, err := indicators.EmbeddedSource(name)
	if err != nil {
		st, serr := os.Stat(name)
		if serr != nil {
			return nil, nil, fmt.Errorf("không có khung tiêu chí %q (không phải tên khung nhúng sẵn, cũng không phải tệp) / no framework %q: %w", name, name, serr)
		}
		if st.Size() > indicators.MaxFileSize {
			return nil, nil, indicators.Problems{{File: name, VI: fmt.Sprintf("tệp quá lớn (%d byte)", st.Size()), EN: fmt.Sprintf("file too large (%d bytes)", st.Size())}}
		}
		if data, err = os.ReadFile(name); err != nil {
			return nil, nil, err
		}
	}
	return indicators.DecodeNotes(data, name)
}

// outputMarker is the file dti writes in every output folder, so that a
// later run never reads its own results as submissions.
const outputMarker = ".dti-output"

// collector gathers the submission files under the paths a user named.
type collector struct {
	srcs     []submission.Source
	skipped  []submission.Skip
	rejected []submission.Rejected
	roots    []string        // the named paths, resolved, to tell links that leave them
	seen     map[string]bool // real paths read or walked, so that a link is followed once
	exclude  string          // the output folder, resolved ("" none)
	readDir  func(string) ([]os.DirEntry, error)
}

// collect expands paths (files and folders, recursively) into sources in
// path order. Only regular files are read: FIFOs, devices and sockets are
// skipped with the reason; a symbolic link is followed once (a loop, a
// dangling link or one that leaves the named paths is skipped, saying
// which); a folder or file that cannot be read is rejected and the rest
// is read; the output folder and earlier output folders (with the marker
// file) are never read. A path that does not exist is an error.
func collect(paths []string, output string) (*collector, error) {
	c := &collector{seen: map[string]bool{}, readDir: os.ReadDir}
	if output != "" {
		if real, err := filepath.EvalSymlinks(output); err == nil {
			c.exclude, _ = filepath.Abs(real)
		}
	}
	var named []string
	for _, p := range paths {
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			if _, lerr := os.Lstat(p); lerr != nil {
				return nil, err // no such path: the user's mistake, said at once
			}
			c.skip(p, "liên kết không trỏ tới tệp nào hoặc tạo vòng lặp", "a link that leads nowhere or loops")
			continue
		}
		abs, _ := filepath.Abs(real)
		c.roots = append(c.roots, abs)
		named = append(named, p)
	}
	for _, p := range named {
		c.add(p, 0)
	}
	return c, nil
}

func (c *collector) skip(file, vi, en string) {
	c.skipped = append(c.skipped, submission.Skip{File: file, VI: vi, EN: en})
}

// inRoots reports whether a resolved path lies in one of the named paths.
func (c *collector) inRoots(abs string) bool {
	for _, r := range c.roots {
		if abs == r || strings.HasPrefix(abs, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// maxDepth bounds the folders nested under a named path.
const maxDepth = 32

// add collects p, named as the user sees it, depth folders below a root.
func (c *collector) add(p string, depth int) {
	info, err := os.Lstat(p)
	if err != nil {
		c.reject(p, err)
		return
	}
	if info.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			c.skip(p, "liên kết không trỏ tới tệp nào hoặc tạo vòng lặp", "a link that leads nowhere or loops")
			return
		}
		abs, _ := filepath.Abs(real)
		if depth > 0 && !c.inRoots(abs) {
			c.skip(p, "liên kết trỏ ra ngoài các thư mục đã chọn ("+real+")", "a link out of the named folders ("+real+")")
			return
		}
		if info, err = os.Stat(real); err != nil {
			c.reject(p, err)
			return
		}
	}
	abs, _ := filepath.Abs(p)
	if real, err := filepath.EvalSymlinks(p); err == nil {
		abs, _ = filepath.Abs(real)
	}
	switch {
	case info.IsDir():
		c.dir(p, abs, depth)
	case !info.Mode().IsRegular():
		c.skip(p, "không phải tệp thông thường (FIFO, thiết bị hoặc socket)", "not a regular file (a FIFO, device or socket)")
	case c.seen[abs]:
		c.skip(p, "đã có trong danh sách (cùng một tệp); chỉ đọc một lần", "already listed (the same file); read once")
	case submission.IsIgnored(p):
		c.skip(p, "tệp ẩn hoặc tệp khóa của Excel (~$)", "a hidden file or an Excel lock file (~$)")
	case submission.IsSubmissionFile(p):
		c.seen[abs] = true
		c.srcs = append(c.srcs, submission.Source{Name: p, Size: info.Size(), Open: func() (io.ReadCloser, error) { return openRegular(p) }})
	default:
		c.skipped = append(c.skipped, submission.Skip{File: p, VI: "không phải .xlsx, .csv hay .toml", EN: "not .xlsx, .csv or .toml"})
	}
}

// dir collects the entries of folder p (resolved to abs), in name order.
func (c *collector) dir(p, abs string, depth int) {
	switch {
	case c.seen[abs]:
		if depth > 0 {
			c.skip(p, "thư mục đã được đọc (liên kết vòng); chỉ đọc một lần", "a folder already read (a link loop); read once")
		}
		return
	case abs == c.exclude:
		c.skip(p, "thư mục kết quả của lần chạy này", "this run's output folder")
		return
	case depth > maxDepth:
		c.skip(p, fmt.Sprintf("thư mục lồng quá %d cấp", maxDepth), fmt.Sprintf("folders nested more than %d deep", maxDepth))
		return
	}
	if _, err := os.Lstat(filepath.Join(p, outputMarker)); err == nil {
		c.skip(p, "thư mục kết quả của dti (có tệp "+outputMarker+")", "a dti output folder (it holds "+outputMarker+")")
		return
	}
	c.seen[abs] = true
	ents, err := c.readDir(p)
	if err != nil {
		c.reject(p, err)
		return
	}
	for _, e := range ents {
		name := e.Name()
		if submission.IsIgnored(name) {
			continue // hidden files and folders, Excel lock files: passed over without a word
		}
		c.add(filepath.Join(p, name), depth+1)
	}
}

// reject lists a file or folder that cannot be read; the rest is read.
func (c *collector) reject(p string, err error) {
	c.rejected = append(c.rejected, submission.Rejected{File: p, Errors: submission.Issues{{File: p,
		VI: "không đọc được: " + err.Error(), EN: "cannot be read: " + err.Error()}}})
}

// regularOnly returns f when it is a regular file, else closes it.
func regularOnly(f *os.File, p string) (io.ReadCloser, error) {
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return f, nil
}

// writeAtomic writes a file through a temporary file in the same folder
// and renames it into place, so a reader never sees a half-written file.
func writeAtomic(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := writeSynced(tmp, write); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeSynced writes f, makes it durable and closes it.
func writeSynced(f *os.File, write func(w io.Writer) error) error {
	if err := write(earlyWriteback(f)); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
