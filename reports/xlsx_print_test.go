package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestPillarBreaks: pillars packed whole onto pages of at most per
// indicator columns, the first indicator in column nfix+1; a pillar wider
// than a page split every per columns. Expected columns worked by hand.
func TestPillarBreaks(t *testing.T) {
	mk := func(sizes ...int) []pillar {
		var ps []pillar
		for _, n := range sizes {
			ps = append(ps, pillar{inds: make([]int, n)})
		}
		return ps
	}
	for _, c := range []struct {
		name  string
		sizes []int
		per   int
		want  []int
	}{
		// ward-unified-2026: NT 3, TC 4, HT 6 (13) | NL 5, AT 4 (9) | CQ 10, KT 4 (14) | XH 6.
		{"2026", []int{3, 4, 6, 5, 4, 10, 4, 6}, 16, []int{18, 27, 41}},
		// ward-unified-2025: NT 4, TC 5, HT 7 (16) | NL 6, AT 4 (10) | CQ 9 | CC 11 | DT 7.
		{"2025", []int{4, 5, 7, 6, 4, 9, 11, 7}, 16, []int{21, 31, 40, 51}},
		{"one page", []int{3, 4}, 16, nil},
		{"exactly full", []int{16, 1}, 16, []int{21}},
		{"wide pillar", []int{2, 20, 3}, 16, []int{7, 23}},
		{"empty pillars skipped", []int{0, 10, 0, 10}, 16, []int{15}},
		{"none", nil, 16, nil},
	} {
		if got := pillarBreaks(mk(c.sizes...), 4, c.per); !cmp.Equal(got, c.want, cmpopts.EquateEmpty()) {
			t.Errorf("%s: pillarBreaks = %v, want %v", c.name, got, c.want)
		}
	}
	// The scale: 7+9+28+10 + 16×8 = 182 units at 7 points on 842 − 108.
	if got := pointsScale(pointsWidths, 16); got != 57 {
		t.Errorf("pointsScale = %d, want 57", got)
	}
	// The test report (ward-unified-2025) breaks before columns 21, 31,
	// 40 and 51 (zero-based ids 20, 30, 39 and 50), read from its XML.
	book := writeXLSX(t, sampleEval(t), "vi")
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	re := regexp.MustCompile(`<colBreaks[^>]*>(.*?)</colBreaks>`)
	id := regexp.MustCompile(`<brk id="(\d+)"`)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if m := re.FindSubmatch(data); m != nil {
			for _, b := range id.FindAllSubmatch(m[1], -1) {
				found = append(found, string(b[1]))
			}
		}
	}
	if want := []string{"20", "30", "39", "50"}; !cmp.Equal(found, want) {
		t.Errorf("column breaks %v, want %v", found, want)
	}
}
