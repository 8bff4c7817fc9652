package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestOldSampleGolden: ward-unified-2025 stays embedded so that past
// results reproduce. The golden files were written by the command as it
// was before ward-unified-2026 became the default (commit 45612f0), and
// every byte of results.csv's rows for the 2023 and 2024 sample must still
// match. (Since then the file gained a byte order mark and Vietnamese
// headers; the header line is compared apart.)
func TestOldSampleGolden(t *testing.T) {
	for _, year := range []string{"2023", "2024"} {
		dir := t.TempDir()
		code, out, errs := dtiRun(t, "score", "--sample", "--sample-year", year, "--format", "csv", "--timestamp", "2026-12-02T00:00:00Z", "-o", dir)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s%s", year, code, out, errs)
		}
		got, err := os.ReadFile(filepath.Join(dir, "results.csv"))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", "sample-"+year+"-results.csv")
		if *update {
			if err := os.WriteFile(golden, bytes.TrimPrefix(got, []byte("\ufeff")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		got = bytes.TrimPrefix(got, []byte("\ufeff"))
		_, gotRows, _ := bytes.Cut(got, []byte("\n"))
		_, wantRows, _ := bytes.Cut(want, []byte("\n"))
		if !bytes.Equal(gotRows, wantRows) {
			t.Errorf("%s: results.csv differs from %s (run go test ./cmd/dti -run TestOldSampleGolden -update only if the change is intended)", year, golden)
		}
	}
}
