package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

func TestParseClock(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
	}{
		{"0:02.43", 2430 * time.Millisecond},
		{"1:05.50", 65500 * time.Millisecond},
		{"1:02:03", time.Hour + 2*time.Minute + 3*time.Second},
	} {
		if got := parseClock(c.in); got.Round(time.Millisecond) != c.want {
			t.Errorf("parseClock(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestSyntheticInputs: the generated framework loads, has the 4 levels
// (index, pillars, groups, indicators) and the CSV reads with every unit
// and about 2 % of values missing.
func TestSyntheticInputs(t *testing.T) {
	dir := t.TempDir()
	if err := writeSynthetic(dir, 300, 100); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "framework.toml"))
	fw, err := indicators.Decode(src, "framework.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(fw.Indicators) != 100 || len(fw.Nodes) != 4+20 {
		t.Fatalf("%d indicators and %d nodes, want 100 and 24", len(fw.Indicators), len(fw.Nodes))
	}
	data, _ := os.ReadFile(filepath.Join(dir, "data.csv"))
	subs, err := submission.ReadCSV(data, "data.csv", fw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 300 {
		t.Fatalf("%d units, want 300", len(subs))
	}
	missing := 0
	for _, s := range subs {
		for _, ind := range fw.Indicators {
			if e := s.Lookup(ind.Code); !e.OK() || !e.Self().Set {
				missing++
			}
		}
	}
	if share := float64(missing) / 30000; share < 0.01 || share > 0.03 {
		t.Errorf("%.3f of values missing, want about 0.02", share)
	}
}

// TestWriteScale: 25,000 units make three files of at most 10,000 rows,
// each under the 10 MB a file may have, and every unit is read once,
// with the synthetic framework.
func TestWriteScale(t *testing.T) {
	dir := t.TempDir()
	if err := writeSynthetic(dir, 10, 100); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "framework.toml"))
	fw, err := indicators.Decode(src, "framework.toml")
	if err != nil {
		t.Fatal(err)
	}
	scale := filepath.Join(dir, "scale")
	files, err := writeScale(scale, 25000, 100)
	if err != nil || files != 3 {
		t.Fatalf("%d files, %v; want 3", files, err)
	}
	seen := map[string]bool{}
	for i := range files {
		name := filepath.Join(scale, fmt.Sprintf("data-%03d.csv", i))
		data, _ := os.ReadFile(name)
		if len(data) > submission.MaxFileSize {
			t.Errorf("%s: %d bytes, over the %d a file may have", name, len(data), submission.MaxFileSize)
		}
		subs, err := submission.ReadCSV(data, name, fw, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range subs {
			if seen[s.Unit] {
				t.Fatalf("%s twice", s.Unit)
			}
			seen[s.Unit] = true
		}
	}
	if len(seen) != 25000 {
		t.Fatalf("%d units, want 25,000", len(seen))
	}
}
