package sample_test

import (
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/submission"
)

// TestFormScoresItself fills the form of every 2025 sample ward (and one
// ward with a serious incident, to see the veto cap) by typing values into
// the value cells only, has LibreOffice recalculate and save the form
// sheet, and compares the form's own total, class and pillar scores with
// what dti computes for that ward alone on the self-assessed basis.
func TestFormScoresItself(t *testing.T) {
	soffice := fixture.Tool(t, "soffice", "libreoffice-calc-nogui")
	y := sampleYear(t, "2025")
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	type tcase struct {
		w    ward
		vals map[string]cellSpec
	}
	var cases []tcase
	for _, w := range y.wards {
		cases = append(cases, tcase{w, y.vals[w.code]})
	}
	incident := map[string]cellSpec{}
	for k, v := range y.vals["TDM"] {
		incident[k] = v
	}
	incident["AT.3"] = cellSpec{self: 1.0}
	cases = append(cases, tcase{ward{"TDMX", "Phường Thủ Dầu Một (một sự cố)", 96400, 11.8, 27300}, incident})
	var paths []string
	forms := map[string][]byte{}
	for _, c := range cases {
		data := fillTemplate(t, y.fw, c.w, 2025, c.vals)
		forms[c.w.code] = data
		p := filepath.Join(in, c.w.code+".xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := filepath.Join(dir, "out")
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out}, paths...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, c := range cases {
		grid := readCSVGrid(t, filepath.Join(out, c.w.code+".csv"))
		at := func(ref string) string {
			col, row := 0, 0
			for i, r := range ref {
				if r >= '0' && r <= '9' {
					col = int(ref[0]-'A') + 1
					row, _ = strconv.Atoi(ref[i:])
					break
				}
			}
			if row-1 < len(grid) && col-1 < len(grid[row-1]) {
				return strings.TrimSpace(grid[row-1][col-1])
			}
			return ""
		}
		subs, err := submission.ReadXLSX(forms[c.w.code], c.w.code+".xlsx", y.fw)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := dti.Evaluate(y.fw, &submission.Batch{Submissions: subs}, &dti.Options{Basis: dti.BasisSelf})
		if err != nil {
			t.Fatal(err)
		}
		u := ev.Units[0]
		total, err := strconv.ParseFloat(at("K3"), 64)
		if err != nil {
			t.Fatalf("%s: the form's total K3 = %q: %v", c.w.code, at("K3"), err)
		}
		if math.Abs(total-u.Score) > 0.01 {
			t.Errorf("%s: the form computes %v, dti %v", c.w.code, total, u.Score)
		}
		if want := y.fw.ClassName(u.Class, indicators.Vietnamese); at("K4") != want {
			t.Errorf("%s: the form's class %q, dti %q", c.w.code, at("K4"), want)
		}
		// Each pillar's score (column M of its row) too.
		pillars := 0
		for r, row := range grid {
			if len(row) < 13 || y.fw.Node(strings.TrimSpace(row[0])) == nil {
				continue
			}
			code := strings.TrimSpace(row[0])
			got, err := strconv.ParseFloat(strings.TrimSpace(row[12]), 64)
			nr, ok := ev.Node(u, code)
			if err != nil || !ok || math.Abs(got-nr.Score) > 0.01 {
				t.Errorf("%s: pillar %s (row %d) = %q in the form, dti %v", c.w.code, code, r+1, row[12], nr.Score)
			}
			pillars++
		}
		if pillars != len(y.fw.Nodes) {
			t.Errorf("%s: %d pillar rows compared, the framework has %d nodes", c.w.code, pillars, len(y.fw.Nodes))
		}
		t.Logf("%s: form %s (%s), dti %.4f (%s)", c.w.code, at("K3"), at("K4"), u.Score, u.Class)
	}
}

func readCSVGrid(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
