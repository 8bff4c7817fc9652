package main

// This file holds all the command's access to the operating system's
// files: the library packages read from bytes, readers and fs.FS only.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

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

// collect expands paths (files and folders, recursively) into sources
// with the rules of [submission.FSSources]. Sources are in path order.
func collect(paths []string) (srcs []submission.Source, skipped []string, err error) {
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, err
		}
		if st.IsDir() {
			s, k, err := submission.FSSources(os.DirFS(p), ".", p)
			if err != nil {
				return nil, nil, err
			}
			srcs, skipped = append(srcs, s...), append(skipped, k...)
			continue
		}
		switch {
		case submission.IsIgnored(p):
		case submission.IsSubmissionFile(p):
			srcs = append(srcs, submission.Source{Name: p, Size: st.Size(), Open: func() (io.ReadCloser, error) { return os.Open(p) }})
		default:
			skipped = append(skipped, p)
		}
	}
	return srcs, skipped, nil
}

// writeAtomic writes a file through a temporary file in the same folder
// and renames it into place, so a reader never sees a half-written file.
func writeAtomic(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
