package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGridFor: the columns' widths in twips, worked by hand from the rule
// (150 twips a character, 230 of margins, the text width 9,355).
func TestGridFor(t *testing.T) {
	ten := strings.Repeat("x", 10)
	for _, c := range []struct {
		name string
		head []string
		rows [][]string
		want []int
	}{
		// Fits: 530 and 980 widened to 9,355: 3,283 and 6,071 + the 1 left.
		{"fits", []string{"Mã", "Chỉ tiêu"}, [][]string{{"A1", "Tỷ lệ"}}, []int{3283, 6072}},
		// Wraps: the code keeps its 830, the name takes the rest.
		{"wraps", []string{"Mã", "Chỉ tiêu"}, [][]string{{"NT.1", strings.Repeat("ab ", 30)}}, []int{830, 8525}},
		// Ten words of ten characters cannot fit: 1,730 each, scaled to 935, the 5 left to the last.
		{"too wide", []string{ten, ten, ten, ten, ten, ten, ten, ten, ten, ten}, nil, []int{935, 935, 935, 935, 935, 935, 935, 935, 935, 940}},
		{"none", nil, nil, []int{}},
	} {
		if got := gridFor(c.head, c.rows); !cmp.Equal(got, c.want) {
			t.Errorf("%s: gridFor = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestFillGrids: the k-th empty grid gets grids[k] (a nil one stays
// empty), and a document whose tables do not match the grids is left as
// it is.
func TestFillGrids(t *testing.T) {
	doc := "<w:tbl><w:tblGrid></w:tblGrid></w:tbl><w:tbl><w:tblGrid></w:tblGrid></w:tbl>"
	want := `<w:tbl><w:tblGrid></w:tblGrid></w:tbl><w:tbl><w:tblGrid><w:gridCol w:w="100"></w:gridCol><w:gridCol w:w="200"></w:gridCol></w:tblGrid></w:tbl>`
	if got := string(fillGrids([]byte(doc), [][]int{nil, {100, 200}})); got != want {
		t.Errorf("fillGrids = %s\nwant %s", got, want)
	}
	if got := string(fillGrids([]byte(doc), [][]int{{100}})); got != doc {
		t.Errorf("one grid for two tables changed the document: %s", got)
	}
}

// TestDOCXGrids: in the sample's report.docx every table but the two
// borderless ones (header, signature) has its columns' widths, and the
// ranking's unit names get more room than its ranks.
func TestDOCXGrids(t *testing.T) {
	book := writeDOCX(t, sampleEval(t), "vi")
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	if n := bytes.Count(doc, emptyGrid); n != 2 {
		t.Errorf("%d tables without widths, want 2 (header and signature)", n)
	}
	if bytes.Count(doc, []byte("<w:tbl>")) < 5 {
		t.Fatalf("only %d tables", bytes.Count(doc, []byte("<w:tbl>")))
	}
	// The ranking table: Hạng, Mã, Đơn vị, Chỉ số, Xếp loại, Khen thưởng.
	i := bytes.Index(doc, []byte("<w:t>Hạng</w:t>"))
	g := bytes.LastIndex(doc[:max(i, 0)], []byte("<w:tblGrid>"))
	if i < 0 || g < 0 {
		t.Fatal("no ranking table")
	}
	m := regexp.MustCompile(`<w:gridCol w:w="(\d+)">`).FindAllSubmatch(doc[g:i], -1)
	if len(m) != 6 {
		t.Fatalf("ranking grid has %d columns, want 6", len(m))
	}
	rank, _ := strconv.Atoi(string(m[0][1]))
	unit, _ := strconv.Atoi(string(m[2][1]))
	if unit <= rank {
		t.Errorf("ranking widths %q: the unit column (%d) is not wider than the rank's (%d)", m, unit, rank)
	}
}
