package submission

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/google/go-cmp/cmp"
)

// batchIssues renders what `dti validate` prints from a batch: every
// file's inputs, skips, rejections with their errors, and each accepted
// submission's issues, in order.
func batchIssues(b *Batch) string {
	var sb strings.Builder
	for _, in := range b.Inputs {
		fmt.Fprintf(&sb, "input %+v\n", in)
	}
	for _, s := range b.Skipped {
		fmt.Fprintf(&sb, "skipped %+v\n", s)
	}
	for _, r := range b.Rejected {
		fmt.Fprintf(&sb, "rejected %s %s %s\n", r.File, r.Unit, r.Period)
		for _, is := range r.Errors {
			fmt.Fprintf(&sb, "  %+v\n", is)
		}
	}
	for _, s := range b.Submissions {
		fmt.Fprintf(&sb, "accepted %s %s %s\n", s.File, s.Unit, s.Period)
		for _, is := range s.Issues {
			fmt.Fprintf(&sb, "  %+v\n", is)
		}
	}
	for _, w := range b.Warnings() {
		fmt.Fprintf(&sb, "warning %s\n", w.Message(indicators.Vietnamese))
	}
	return sb.String()
}

// TestCheckOnlySameIssues: Ingest with CheckOnly (what `dti validate`
// uses) reports exactly what a full Ingest reports, for every file in the
// repository's test data (bad files, CSV files in both layouts, the
// sample forms, units given twice across files), under three frameworks;
// and its submissions keep no values.
func TestCheckOnlySameIssues(t *testing.T) {
	var files []string
	for _, dir := range []string{"../testdata/bad", "../testdata", "../internal/sample/testdata/sample/2025", "../internal/sample/testdata/sample/2024"} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			p := filepath.Join(dir, e.Name())
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				files = append(files, p)
			}
		}
	}
	var srcs []Source
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, Source{Name: p, Size: int64(len(data)), Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }})
	}
	composite, err := os.ReadFile("../testdata/frameworks/composite.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfw, err := indicators.Decode(composite, "composite.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, fw := range []*indicators.Framework{mustLoad(t, "ward-unified-2025"), mustLoad(t, "ward-unified-2026"), cfw} {
		full := Ingest(srcs, fw, nil)
		checked := Ingest(srcs, fw, &Options{CheckOnly: true})
		if d := cmp.Diff(batchIssues(full), batchIssues(checked)); d != "" {
			t.Errorf("%s: CheckOnly reports differently (-full +check only):\n%s", fw.ID, d)
		}
		if len(full.Submissions) == 0 || len(full.Warnings()) == 0 {
			t.Errorf("%s: %d accepted, %d warnings: the comparison shows little", fw.ID, len(full.Submissions), len(full.Warnings()))
		}
		for _, s := range checked.Submissions {
			if s.Len() != 0 {
				t.Errorf("%s: %s kept %d values", fw.ID, s.Unit, s.Len())
			}
		}
	}
}

// TestWideCSVRowsInOrder: a wide CSV of 1,000 rows (four batches of the
// parallel reader), with bad values and missing units here and there,
// reads the same on one core as on four, every row in the file's order,
// and the same with CheckOnly as far as issues go.
func TestWideCSVRowsInOrder(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	var buf bytes.Buffer
	buf.WriteString("unit,name")
	var codes []string
	for _, ind := range fw.Indicators {
		if ind.Unit == "%" {
			codes = append(codes, ind.Code)
			buf.WriteString("," + ind.Code)
		}
	}
	buf.WriteString("\n")
	for u := 0; u < 1000; u++ {
		code := fmt.Sprintf("X%04d", u)
		if u%97 == 5 {
			code = ""
		}
		fmt.Fprintf(&buf, "%s,Xã %d", code, u)
		for k := range codes {
			switch (u + k) % 53 {
			case 0:
				buf.WriteString(",abc")
			case 1:
				buf.WriteString(",")
			case 2:
				buf.WriteString(",150")
			default:
				fmt.Fprintf(&buf, ",%d.5", (u*7+k)%100)
			}
		}
		buf.WriteString("\n")
	}
	data := buf.Bytes()
	read := func(procs int, opts *Options) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		subs, err := ReadCSV(data, "big.csv", fw, opts)
		for i, s := range subs {
			if want := fmt.Sprintf("Xã %d", i); s.Name != want {
				t.Fatalf("row %d holds %q, want %q", i, s.Name, want)
			}
		}
		return dumpRead(subs, err)
	}
	one := read(1, nil)
	if !strings.Contains(one, "không phải là số") || strings.Count(one, "\nunit ") != 999 {
		t.Fatalf("the file was not read as written:\n%.2000s", one)
	}
	if four := read(4, nil); four != one {
		t.Errorf("four cores read differently:\n%s", cmp.Diff(one, four))
	}
	iss := func(procs int, opts *Options) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		subs, _ := ReadCSV(data, "big.csv", fw, opts)
		var sb strings.Builder
		for _, s := range subs {
			if !s.prechecked {
				Validate(fw, s)
			} else {
				s.Issues = append(s.Issues, s.checks...)
			}
			fmt.Fprintln(&sb, s.Unit, s.Issues)
		}
		return sb.String()
	}
	if a, b := iss(1, nil), iss(4, &Options{CheckOnly: true}); a != b {
		t.Errorf("CheckOnly on four cores reports differently:\n%s", cmp.Diff(a, b))
	}
}
