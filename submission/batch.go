package submission

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/cqs-vn/dtikit/indicators"
)

// MaxFileSize bounds the size of one submission file.
const MaxFileSize = 10 << 20

// Input is one file that was read, for provenance.
type Input struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Batch is the outcome of reading a set of submission files.
type Batch struct {
	Submissions []*Submission // accepted (no errors), sorted by unit code
	Rejected    []Rejected    // files or units with errors, in file order
	Skipped     []string      // files that are not submissions
	Inputs      []Input       // every file read, in file order
}

// Warnings returns every warning of the accepted submissions.
func (b *Batch) Warnings() Issues {
	var out Issues
	for _, s := range b.Submissions {
		for _, is := range s.Issues {
			if is.Severity == SevWarning {
				out = append(out, is)
			}
		}
	}
	return out
}

// Rejected is a submission that was not scored, with its reasons.
type Rejected struct {
	File   string `json:"file"`
	Unit   string `json:"unit,omitempty"`
	Errors Issues `json:"-"`
}

// Source is a named submission file to read.
type Source struct {
	Name string // as shown in messages
	Open func() (io.ReadCloser, error)
	Size int64
}

// FSSources returns the files under root in fsys, recursively and in path
// order: .xlsx, .csv and .toml files as sources; Excel lock files (~$…)
// and hidden files and folders are passed over; any other regular file is
// returned as skipped. Names are fsys paths, joined to prefix when it is
// not "" (the folder as the user named it, for messages).
func FSSources(fsys fs.FS, root, prefix string) (srcs []Source, skipped []string, err error) {
	name := func(p string) string {
		if prefix == "" {
			return p
		}
		return filepath.Join(prefix, filepath.FromSlash(p))
	}
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && IsIgnored(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case !d.Type().IsRegular() || IsIgnored(d.Name()):
		case IsSubmissionFile(p):
			info, err := d.Info()
			if err != nil {
				return err
			}
			srcs = append(srcs, Source{Name: name(p), Size: info.Size(), Open: func() (io.ReadCloser, error) { return fsys.Open(p) }})
		default:
			skipped = append(skipped, name(p))
		}
		return nil
	})
	return srcs, skipped, err
}

type fileResult struct {
	subs  []*Submission
	err   error
	input Input
}

// Ingest reads the sources concurrently (at most GOMAXPROCS at a time),
// validates every submission, and sorts them into accepted and rejected.
// A unit that appears in more than one file is rejected in each, naming
// the others. The order of the result does not depend on timing.
func Ingest(srcs []Source, fw *indicators.Framework, opts *Options) *Batch {
	var progress func()
	if opts != nil {
		progress = opts.Progress
	}
	results := make([]fileResult, len(srcs))
	hash := indicators.Hash(fw)
	work := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i] = readSource(srcs[i], fw, hash, opts)
				if progress != nil {
					mu.Lock()
					progress()
					mu.Unlock()
				}
			}
		}()
	}
	for i := range srcs {
		work <- i
	}
	close(work)
	wg.Wait()

	b := &Batch{}
	files := map[string][]string{} // unit → files
	for _, r := range results {
		b.Inputs = append(b.Inputs, r.input)
		for _, s := range r.subs {
			if s.Unit != "" {
				files[s.Unit] = append(files[s.Unit], s.File)
			}
		}
	}
	for _, r := range results {
		if r.err != nil {
			b.Rejected = append(b.Rejected, Rejected{File: r.input.File, Errors: asIssues(r.err, r.input.File)})
			continue
		}
		for _, s := range r.subs {
			if fs := files[s.Unit]; len(fs) > 1 {
				s.Issues = append(s.Issues, Issue{File: s.File, Unit: s.Unit,
					VI: fmt.Sprintf("đơn vị %s có trong %d tệp: %s; chỉ giữ một tệp cho mỗi đơn vị", s.Unit, len(fs), strings.Join(fs, ", ")),
					EN: fmt.Sprintf("unit %s appears in %d files: %s; keep one file per unit", s.Unit, len(fs), strings.Join(fs, ", "))})
			}
			Validate(fw, s)
			if s.Issues.HasErrors() {
				var errs Issues
				for _, is := range s.Issues {
					if is.Severity == SevError {
						errs = append(errs, is)
					}
				}
				b.Rejected = append(b.Rejected, Rejected{File: s.File, Unit: s.Unit, Errors: errs})
				continue
			}
			b.Submissions = append(b.Submissions, s)
		}
	}
	sort.SliceStable(b.Submissions, func(i, j int) bool { return b.Submissions[i].Unit < b.Submissions[j].Unit })
	return b
}

func asIssues(err error, file string) Issues {
	if iss, ok := err.(Issues); ok {
		return iss
	}
	return fileIssue(file, err.Error(), err.Error())
}

func readSource(src Source, fw *indicators.Framework, hash string, opts *Options) (r fileResult) {
	r.input = Input{File: src.Name, Size: src.Size}
	if src.Size > MaxFileSize {
		r.err = fileIssue(src.Name, fmt.Sprintf("tệp quá lớn (%d MB, tối đa %d MB)", src.Size>>20, MaxFileSize>>20), fmt.Sprintf("file too large (%d MB, at most %d MB)", src.Size>>20, MaxFileSize>>20))
		return r
	}
	rc, err := src.Open()
	if err != nil {
		r.err = fileIssue(src.Name, "không mở được tệp: "+err.Error(), "cannot open the file: "+err.Error())
		return r
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, MaxFileSize+1))
	if err != nil {
		r.err = fileIssue(src.Name, "không đọc được tệp: "+err.Error(), "cannot read the file: "+err.Error())
		return r
	}
	if len(data) > MaxFileSize {
		r.err = fileIssue(src.Name, fmt.Sprintf("tệp quá lớn (tối đa %d MB)", MaxFileSize>>20), fmt.Sprintf("file too large (at most %d MB)", MaxFileSize>>20))
		return r
	}
	sum := sha256.Sum256(data)
	r.input.SHA256 = hex.EncodeToString(sum[:])
	r.input.Size = int64(len(data))
	r.subs, r.err = read(data, src.Name, fw, hash, opts)
	return r
}
