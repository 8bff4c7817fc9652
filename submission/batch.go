package submission

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

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
	Skipped     []Skip        // files passed over, each with the reason
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

// Skip is a file or folder that was not read, and why.
type Skip struct {
	File   string
	VI, EN string
}

// Message says in lang which file was skipped and why.
func (k Skip) Message(lang indicators.Lang) string {
	return lang.Pick("bỏ qua ", "skipped ") + k.File + ": " + lang.Pick(k.VI, k.EN)
}

// notSubmission is the reason for a file of another kind.
func notSubmission(file string) Skip {
	return Skip{File: file, VI: "không phải .xlsx, .csv hay .toml", EN: "not .xlsx, .csv or .toml"}
}

// Rejected is a submission that was not scored, with its reasons.
type Rejected struct {
	File   string `json:"file"`
	Unit   string `json:"unit,omitempty"`
	Period string `json:"period,omitempty"` // the year, when the unit's submission gave one
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
func FSSources(fsys fs.FS, root, prefix string) (srcs []Source, skipped []Skip, err error) {
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
		case IsIgnored(d.Name()):
		case !d.Type().IsRegular():
			skipped = append(skipped, Skip{File: name(p), VI: "không phải tệp thông thường (liên kết, FIFO, thiết bị)", EN: "not a regular file (a link, FIFO or device)"})
		case IsSubmissionFile(p):
			info, err := d.Info()
			if err != nil {
				return err
			}
			srcs = append(srcs, Source{Name: name(p), Size: info.Size(), Open: func() (io.ReadCloser, error) { return fsys.Open(p) }})
		default:
			skipped = append(skipped, notSubmission(name(p)))
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
	firstOf := map[string]string{} // content hash → the first file with it
	for i, r := range results {
		if h := r.input.SHA256; h != "" {
			if first, dup := firstOf[h]; dup {
				// The same content again (the same file named twice, or a
				// copy): read once, so that its units are not duplicates.
				b.Skipped = append(b.Skipped, Skip{File: r.input.File, VI: "cùng nội dung với " + first + "; chỉ đọc một lần", EN: "same content as " + first + "; read once"})
				results[i].subs, results[i].err = nil, nil
				continue
			}
			firstOf[h] = r.input.File
		}
	}
	type unitYear struct{ unit, year string }
	places := map[unitYear][]string{}  // unit (canonical) and year → where each copy stands
	spelled := map[unitYear][]string{} // unit (canonical) and year → its spellings
	for _, r := range results {
		b.Inputs = append(b.Inputs, r.input)
		for _, s := range r.subs {
			if s.Unit != "" {
				k := unitYear{canonicalUnit(s.Unit), s.Period}
				places[k] = append(places[k], s.place())
				if !slices.Contains(spelled[k], s.Unit) {
					spelled[k] = append(spelled[k], s.Unit)
				}
			}
		}
	}
	for _, r := range results {
		if r.err != nil {
			b.Rejected = append(b.Rejected, Rejected{File: r.input.File, Errors: asIssues(r.err, r.input.File)})
			continue
		}
		for _, s := range r.subs {
			k := unitYear{canonicalUnit(s.Unit), s.Period}
			if sp := spelled[k]; len(sp) > 1 {
				q := make([]string, len(sp))
				for i, x := range sp {
					q[i] = strconv.Quote(x)
				}
				s.Issues = append(s.Issues, Issue{File: s.File, Unit: s.Unit,
					VI: fmt.Sprintf("các mã đơn vị %s chỉ khác nhau ở chữ hoa, chữ thường hoặc ký tự ẩn: là một đơn vị hay hai? Sửa cho thống nhất (%s)", strings.Join(q, ", "), strings.Join(places[k], "; ")),
					EN: fmt.Sprintf("the unit codes %s differ only in case or invisible characters: one unit or two? Make them agree (%s)", strings.Join(q, ", "), strings.Join(places[k], "; "))})
			} else if ps := places[k]; len(ps) > 1 {
				year, yearEN := "", ""
				if s.Period != "" {
					year, yearEN = " năm "+s.Period, " for "+s.Period
				}
				s.Issues = append(s.Issues, Issue{File: s.File, Unit: s.Unit,
					VI: fmt.Sprintf("đơn vị %s%s có %d bài nộp: %s; chỉ giữ một bài nộp cho mỗi đơn vị mỗi năm", s.Unit, year, len(ps), strings.Join(ps, "; ")),
					EN: fmt.Sprintf("unit %s%s has %d submissions: %s; keep one per unit and year", s.Unit, yearEN, len(ps), strings.Join(ps, "; "))})
			}
			if s.prechecked {
				s.Issues = append(s.Issues, s.checks...)
			} else {
				Validate(fw, s)
			}
			if s.Issues.HasErrors() {
				var errs Issues
				for _, is := range s.Issues {
					if is.Severity == SevError {
						errs = append(errs, is)
					}
				}
				b.Rejected = append(b.Rejected, Rejected{File: s.File, Unit: s.Unit, Period: s.Period, Errors: errs})
				continue
			}
			b.Submissions = append(b.Submissions, s)
		}
	}
	sort.SliceStable(b.Submissions, func(i, j int) bool { return b.Submissions[i].Unit < b.Submissions[j].Unit })
	return b
}

// canonicalUnit is a unit code as people mean it: without invisible
// characters (zero-width spaces, joiners, byte-order marks), upper case.
// Two codes with the same canonical form are the same unit or a mistake.
func canonicalUnit(code string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code))
}

// place says where a submission's unit code stands: the file and its
// line, or sheet and cell.
func (s *Submission) place() string {
	switch {
	case s.At.Line > 0:
		return fmt.Sprintf("%s:%d", s.File, s.At.Line)
	case s.At.Cell != "":
		return s.File + "!" + s.At.Cell
	}
	return s.File
}

// Periods returns the years (periods) the batch's submissions give,
// newest first; submissions that give none are not counted.
func (b *Batch) Periods() []string {
	seen := map[string]bool{"": true}
	var out []string
	for _, s := range b.Submissions {
		if !seen[s.Period] {
			seen[s.Period] = true
			out = append(out, s.Period)
		}
	}
	for _, r := range b.Rejected {
		if r.Unit != "" && !seen[r.Period] {
			seen[r.Period] = true
			out = append(out, r.Period)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out
}

// Split returns one batch per year, newest first: the units of a year are
// a cohort of their own, scored and ranked together. A batch of at most
// one year is returned as it is, with the submissions that give no year
// in it. With several years, a submission that gives none could belong to
// any of them: it is rejected, naming the years. Rejections that name a
// year go to that year's batch; those of whole files, whose year is
// unknown, and the inputs go to every batch.
func (b *Batch) Split() []*Batch {
	periods := b.Periods()
	if len(periods) <= 1 {
		return []*Batch{b}
	}
	out := make([]*Batch, len(periods))
	idx := map[string]int{}
	for i, p := range periods {
		out[i] = &Batch{Skipped: b.Skipped, Inputs: b.Inputs}
		idx[p] = i
	}
	var yearless []Rejected
	years := strings.Join(periods, ", ")
	for _, s := range b.Submissions {
		if s.Period == "" {
			is := s.At.at(s.File, s.Unit, "")
			is.VI = fmt.Sprintf("bài nộp không ghi năm, trong khi các bài nộp khác thuộc nhiều năm (%s); ghi năm đánh giá (ô C5 của biểu mẫu, cột year của CSV, khóa period của TOML)", years)
			is.EN = fmt.Sprintf("the submission gives no year while the others span several (%s); give the year (the form's cell C5, the CSV column year, the TOML key period)", years)
			yearless = append(yearless, Rejected{File: s.File, Unit: s.Unit, Errors: Issues{is}})
			continue
		}
		o := out[idx[s.Period]]
		o.Submissions = append(o.Submissions, s)
	}
	for _, r := range append(slices.Clone(b.Rejected), yearless...) {
		if i, ok := idx[r.Period]; ok && r.Unit != "" && r.Period != "" {
			out[i].Rejected = append(out[i].Rejected, r)
			continue
		}
		for _, o := range out {
			o.Rejected = append(o.Rejected, r)
		}
	}
	return out
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
	data, err := readAll(io.LimitReader(rc, MaxFileSize+1), src.Size)
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

// readAll reads r to its end into a buffer sized for the size the source
// claims (growing if it was wrong), as os.ReadFile does: io.ReadAll's
// doubling from 512 bytes made and cleared twice the memory, 0.15 s of a
// 1.8 s `dti score` of an 8 MB CSV on a fresh heap.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, min(max(size, 0), MaxFileSize)+1) // +1: the end is seen without growing
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
