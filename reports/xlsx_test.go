package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/internal/xl"
	"github.com/xuri/excelize/v2"
)

func writeXLSX(t testing.TB, ev *dti.Evaluation, lang indicators.Lang) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, ev, &Options{Lang: lang, Timestamp: fixedTime, Command: "dti score --sample", ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// num reads a numeric cell exactly.
func num(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if v == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, v)
	}
	return x
}

// eq compares a spreadsheet number with a results.json number. A
// spreadsheet keeps 15 significant digits (Excel's limit, which excelize
// applies when it writes), so they agree to a relative 1e-14.
func eq(a float64, b *float64) bool {
	if b == nil {
		return math.IsNaN(a)
	}
	return same(a, *b)
}

func same(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-14*math.Max(math.Abs(a), math.Abs(b))
}

func show(p *float64) string {
	if p == nil {
		return "null"
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

func TestXLSXMatchesResults(t *testing.T) {
	ev := sampleEval(t, formulaUnit())
	res := resultsOf(t, ev)
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, ev, "vi")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Xếp hạng", "Điểm chi tiết", "Số liệu", "Thẩm định", "Cảnh báo", "Tiêu chí", "Thông tin", "Kiểm định", "Tương quan"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	// The warnings sheet has a row for each warning of each unit and of the
	// batch, with where it stands.
	nw := len(ev.Warnings)
	for _, u := range ev.Units {
		nw += len(u.Warnings)
	}
	wrows, _ := f.GetRows("Cảnh báo")
	if len(wrows)-1 != nw || nw < 5 {
		t.Errorf("Cảnh báo has %d rows, the evaluation %d warnings", len(wrows)-1, nw)
	}
	found := false
	for _, r := range wrows {
		if len(r) == 5 && r[0] == "HP" && r[2] == "CC.11" && strings.HasSuffix(r[3], `trang "Biểu mẫu" ô F65`) && strings.Contains(r[4], "không áp dụng") {
			found = true
		}
	}
	if !found {
		t.Errorf("Cảnh báo lacks Hòa Phú's NA on CC.11 at F65:\n%v", wrows)
	}
	fw := ev.Framework
	ps := pillars(fw)
	sheet := "Xếp hạng"
	for i, u := range res.Units {
		r := rankFirstRow + i
		cellAt := func(c int) string { return xl.Cell(c, r) }
		str := func(c int) string { v, _ := f.GetCellValue(sheet, cellAt(c)); return v }
		if u.Rank > 0 {
			if got := num(t, f, sheet, cellAt(1)); got != float64(u.Rank) {
				t.Errorf("row %d rank %v, want %d", r, got, u.Rank)
			}
		}
		if str(2) != u.Code || str(3) != u.Name || str(5) != u.Class || str(6) != strings.Join(u.Awards, "; ") {
			t.Errorf("row %d = %q %q %q %q, want %q %q %q %v", r, str(2), str(3), str(5), str(6), u.Code, u.Name, u.Class, u.Awards)
		}
		if got := num(t, f, sheet, cellAt(4)); !eq(got, u.Score) {
			t.Errorf("%s index %v, want %s", u.Code, got, show(u.Score))
		}
		c := 7
		for _, p := range ps {
			if got := num(t, f, sheet, cellAt(c)); !eq(got, u.Nodes[p.code()].Score) {
				t.Errorf("%s %s %v, want %s", u.Code, p.code(), got, show(u.Nodes[p.code()].Score))
			}
			c++
		}
		for _, d := range ev.Domains {
			if got := num(t, f, sheet, cellAt(c)); !eq(got, u.Domains[d.Code].Score) {
				t.Errorf("%s domain %s %v, want %s", u.Code, d.Code, got, show(u.Domains[d.Code].Score))
			}
			c++
		}
		if got := num(t, f, sheet, cellAt(c)); !eq(got, u.ClaimedScore) {
			t.Errorf("%s claimed %v, want %s", u.Code, got, show(u.ClaimedScore))
		}
		if got := num(t, f, sheet, cellAt(c+1)); !same(got, u.AppraisalLoss) {
			t.Errorf("%s loss %v, want %v", u.Code, got, u.AppraisalLoss)
		}
	}
	// The formula stays text.
	xss := rankFirstRow + len(res.Units) - 1
	if v, _ := f.GetCellValue(sheet, xl.Cell(3, xss)); v != `=HYPERLINK("http://x","y")` {
		t.Errorf("formula name read back as %q", v)
	}
	if fm, _ := f.GetCellFormula(sheet, xl.Cell(3, xss)); fm != "" {
		t.Errorf("the name became a formula: %q", fm)
	}
	// The streamed sheets too.
	last := 3 + len(res.Units)
	if v, _ := f.GetCellValue("Điểm chi tiết", xl.Cell(3, last)); v != `=HYPERLINK("http://x","y")` {
		t.Errorf("formula name in the points sheet read back as %q", v)
	}
	if fm, _ := f.GetCellFormula("Điểm chi tiết", xl.Cell(3, last)); fm != "" {
		t.Errorf("the name became a formula in the points sheet: %q", fm)
	}
	// A sample of the indicator points sheet: every third unit, every fifth indicator.
	col := map[string]int{}
	c := 5
	for _, p := range ps {
		for _, j := range p.inds {
			col[fw.Indicators[j].Code] = c
			c++
		}
	}
	for i := 0; i < len(res.Units); i += 3 {
		u := res.Units[i]
		for k, ind := range fw.Indicators {
			if k%5 != 0 {
				continue
			}
			ref := xl.Cell(col[ind.Code], 4+i)
			ji := u.Indicators[ind.Code]
			switch ji.Status {
			case "scored", "missing-zero":
				if got := num(t, f, "Điểm chi tiết", ref); !same(got, ji.Points) {
					t.Errorf("%s %s points %v, want %v", u.Code, ind.Code, got, ji.Points)
				}
			}
		}
		if got, _ := f.GetCellValue("Điểm chi tiết", xl.Cell(2, 4+i)); got != u.Code {
			t.Errorf("points sheet row %d is %q, want %s", 4+i, got, u.Code)
		}
	}
	// The max points row, and one value row of the values sheet.
	if got := num(t, f, "Điểm chi tiết", "D3"); got != 100 {
		t.Errorf("total max points %v, want 100", got)
	}
	rows, err := f.GetRows("Số liệu")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(res.Units)*len(fw.Indicators) {
		t.Errorf("values sheet has %d rows, want %d", len(rows), 1+len(res.Units)*len(fw.Indicators))
	}
	// The appraisal sheet lists Phú Cường's CQ.3 (98 claimed → 86).
	// It also lists Hòa Phú's CC.11, declared not applicable, for the
	// appraiser.
	found, na := false, false
	arows, err := f.GetRows("Thẩm định")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range arows {
		if len(r) > 9 && r[0] == "PC" && r[2] == "CQ.3" && strings.Contains(r[9], "86%") {
			found = true
		}
		if len(r) > 9 && r[0] == "HP" && r[2] == "CC.11" && r[4] == "NA" && strings.HasPrefix(r[9], "Khai báo không áp dụng, cần thẩm định") {
			na = true
		}
	}
	if !found || !na {
		t.Errorf("appraisal sheet lacks PC CQ.3 (%v) or HP CC.11 NA (%v): %v", found, na, arows)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title == "" || props.Created != "2025-12-15T08:00:00Z" {
		t.Errorf("doc props %+v", props)
	}
}

// TestXLSXLibreOffice converts the report with LibreOffice and compares the
// ranking sheet it reads with results.json.
func TestXLSXLibreOffice(t *testing.T) {
	soffice := fixture.Tool(t, "soffice", "libreoffice-calc-nogui")
	ev := sampleEval(t, formulaUnit())
	res := resultsOf(t, ev)
	dir := t.TempDir()
	in := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(in, writeXLSX(t, ev, "vi"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("LibreOffice CSV: %v", err)
	}
	prec := ev.Precision()
	for i, u := range res.Units {
		r := recs[rankFirstRow-1+i]
		want := []string{strconv.Itoa(u.Rank), u.Code, u.Name, fmt.Sprintf("%.*f", prec, *u.Score), u.Class}
		if u.Rank == 0 {
			want[0] = "–"
		}
		for k, w := range want {
			if k == 3 {
				// LibreOffice shows the number format; compare numerically.
				got, err := strconv.ParseFloat(strings.ReplaceAll(r[k], ",", "."), 64)
				if err != nil || math.Abs(got-*u.Score) > 0.5*math.Pow(10, -float64(prec))+1e-9 {
					t.Errorf("row %d score %q, want %s", i, r[k], w)
				}
				continue
			}
			if r[k] != w {
				t.Errorf("row %d col %d = %q, want %q", i, k, r[k], w)
			}
		}
	}
}

// BenchmarkXLSX writes the report for 3,321 units × 60 indicators (goal:
// under 10 s and 500 MB peak).
func BenchmarkXLSX(b *testing.B) {
	ev := bigEval(b, 3321, 60)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, ev, &Options{Timestamp: fixedTime}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}

// TestXLSXDeterministic writes the sample report several times: the bytes
// must not change (excelize lists a drawing's image types and writes the
// streamed sheets in map order; WriteXLSX puts both in order).
func TestXLSXDeterministic(t *testing.T) {
	ev := sampleEval(t)
	first := writeXLSX(t, ev, "vi")
	for i := 0; i < 5; i++ {
		if !bytes.Equal(first, writeXLSX(t, ev, "vi")) {
			t.Fatalf("run %d differs from the first with the same timestamp", i+2)
		}
	}
}

// TestXLSXPrintSetup checks that every sheet, the streamed ones too, prints
// on A4 landscape, one page wide, read back from the file.
func TestXLSXPrintSetup(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, sampleEval(t), "vi")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		// The ranking (22 columns) and the criteria (13 wide columns)
		// print on two pages; the correlations on three, 26 columns a
		// page; every
		// other sheet is one page wide, except the indicator points:
		// scaled to 57 % (182 units of width at 7 points, on 842 − 108
		// points), their pages broken between pillars.
		if sheet == "Điểm chi tiết" {
			if pl.AdjustTo == nil || *pl.AdjustTo != 57 || props.FitToPage == nil || *props.FitToPage || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" {
				t.Errorf("sheet %s: page layout %+v, fit to page %v; want A4 landscape at 57 %%, not fitted", sheet, pl, props.FitToPage)
			}
		} else {
			wide := map[string]int{"Xếp hạng": 2, "Tiêu chí": 2, "Tương quan": 3}[sheet]
			if wide == 0 {
				wide = 1
			}
			if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != wide ||
				props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("sheet %s: page layout %+v, fit to page %v; want A4 (9), landscape, %d page(s) wide", sheet, pl, props.FitToPage, wide)
			}
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil || hf == nil || hf.OddFooter != "&CTrang &P/&N" {
			t.Errorf("sheet %s: footer %+v, want page numbers", sheet, hf)
		}
	}
	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "Điểm chi tiết" {
			titles = dn.RefersTo
		}
	}
	if !strings.Contains(titles, "$A:$C") || !strings.Contains(titles, "$1:$3") {
		t.Errorf("Điểm chi tiết print titles %q, want the unit columns and the header rows", titles)
	}
}

// TestCSVLibreOffice: results.csv, written as it is (UTF-8 with a byte
// order mark, Vietnamese headers), opened by LibreOffice Calc with its
// default import (no filter options: what `soffice --convert-to` and a
// double click do), and with --csv-excel (";" and decimal commas) opened
// with the options LibreOffice's import dialog preselects for it (UTF-8
// from the mark, ";", Vietnamese for the decimal comma): every Vietnamese
// name reads exactly and every score is a number equal to the
// evaluation's. The default import honours the mark from LibreOffice 25.2
// (bookworm-backports, which .ci/run installs); 7.4.7, bookworm's own,
// reads the file as Windows-1252 and is skipped.
func TestCSVLibreOffice(t *testing.T) {
	soffice := fixture.Calc(t, 25, 2, "7.4's default CSV import ignores the UTF-8 byte order mark")
	ev := sampleEval(t)
	dir := t.TempDir()
	for _, c := range []struct {
		name, filter string
		excel        bool
	}{
		{"plain.csv", "", false},
		{"excel-vi.csv", "59,34,76,1,,1066", true},
	} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, ev, &Options{CSVExcel: c.excel}); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeffHạng")) {
			t.Errorf("%s does not start with the byte order mark and a Vietnamese header: %q", c.name, buf.Bytes()[:12])
		}
		in := filepath.Join(dir, c.name)
		if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile")}
		if c.filter != "" {
			args = append(args, "--infilter=Text - txt - csv (StarCalc):"+c.filter)
		}
		cmd := exec.Command(soffice, append(args, "--convert-to", "xlsx", "--outdir", dir, in)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		f, err := excelize.OpenFile(strings.TrimSuffix(in, ".csv") + ".xlsx")
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetName(0)
		for i, u := range ev.Units {
			r := i + 2
			if got, _ := f.GetCellValue(sheet, fmt.Sprintf("C%d", r)); got != u.Name {
				t.Errorf("%s row %d: name %q, want %q", c.name, r, got, u.Name)
			}
			typ, _ := f.GetCellType(sheet, fmt.Sprintf("D%d", r))
			raw, _ := f.GetCellValue(sheet, fmt.Sprintf("D%d", r), excelize.Options{RawCellValue: true})
			v, err := strconv.ParseFloat(raw, 64)
			if u.HasScore && (err != nil || math.Abs(v-u.Score) > 1e-9 || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString) {
				t.Errorf("%s row %d: score %q (type %v), want the number %v", c.name, r, raw, typ, u.Score)
			}
		}
		if h, _ := f.GetCellValue(sheet, "B1"); h != "Mã đơn vị" {
			t.Errorf("%s: header B1 %q", c.name, h)
		}
		f.Close()
	}
}

// sheetStrings returns every non-empty cell string of every sheet.
func sheetStrings(t *testing.T, data []byte) map[string][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				if c = strings.TrimSpace(c); c != "" {
					out[sh] = append(out[sh], c)
				}
			}
		}
	}
	return out
}

// TestXLSXNoEnglishInVietnamese: no text of the Vietnamese report is
// English, except codes and proper names. The English words looked for
// are those of the English report, less the words of the Vietnamese data
// both reports show (the framework's Vietnamese names, sources and
// options, the submissions' names, evidence, reasons and notes, file
// names): what remains are label words, and a label word in the
// Vietnamese report is a label left untranslated.
func TestXLSXNoEnglishInVietnamese(t *testing.T) {
	ev := sampleEval(t)
	fw := ev.Framework
	vi := sheetStrings(t, writeXLSX(t, ev, "vi"))
	en := sheetStrings(t, writeXLSX(t, ev, "en"))
	word := regexp.MustCompile(`\p{L}+`)
	words := func(s string, into map[string]bool) {
		for _, w := range word.FindAllString(s, -1) {
			into[strings.ToLower(w)] = true
		}
	}
	data := map[string]bool{}
	for _, n := range fw.Nodes {
		words(n.Name, data)
	}
	for _, ind := range fw.Indicators {
		for _, s := range []string{ind.Name, ind.Source, ind.DataOrigin, ind.Recommendation} {
			words(s, data)
		}
		if ind.Rule != nil {
			for _, o := range ind.Rule.OptionLabels() {
				words(o, data)
			}
		}
	}
	for _, d := range ev.Domains {
		words(d.Name, data)
	}
	for _, c := range fw.Classes {
		words(c.Name, data)
	}
	for _, a := range fw.Awards {
		words(a.Name, data)
	}
	words(fw.Name, data)
	for _, u := range ev.Units {
		words(u.Name, data)
		words(u.File, data)
		for ir := range ev.Indicators(u) {
			if e := ir.Entry; e.OK() {
				words(strings.Join(e.Evidence(), " ")+" "+e.Reason()+" "+e.Note()+" "+e.Self().Raw+" "+e.Appraised().Raw, data)
			}
		}
	}
	english := map[string]bool{}
	for _, ss := range en {
		for _, s := range ss {
			for _, w := range word.FindAllString(s, -1) {
				if lw := strings.ToLower(w); !data[lw] && len(lw) >= 3 && isASCII(lw) {
					english[lw] = true
				}
			}
		}
	}
	// Codes and identifiers: unit and indicator codes, hashes, the
	// framework id, mapping codes, the command line and the tool's name.
	skip := regexp.MustCompile(`^([A-Z]{1,6}(\.[A-Z0-9]+)*|[0-9a-f]{12,}|[a-z0-9]+(-[a-z0-9]+)+|dti .*|(DTI|PAR|QD766|SC)-?[0-9]*:.*)$`)
	found := 0
	for sh, ss := range vi {
		for _, s := range ss {
			if skip.MatchString(s) || s == "test" { // "test": the tool version writeXLSX gives
				continue
			}
			for _, w := range word.FindAllString(s, -1) {
				lw := strings.ToLower(w)
				if english[lw] && !mathWords[lw] && w != strings.ToUpper(w) { // acronyms (SHA, UTC) are codes
					t.Errorf("sheet %s: %q has the English word %q", sh, s, w)
					found++
					break
				}
			}
			if found > 30 {
				t.Fatal("too many")
			}
		}
	}
	if len(english) < 50 {
		t.Errorf("only %d English label words found; the check would not see much", len(english))
	}
}

// mathWords are the notation of the rule texts, the same in both
// languages, and the statisticians' names of the audit's measures.
var mathWords = map[string]bool{"min": true, "max": true, "pearson": true, "spearman": true, "cronbach": true}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

// TestXLSXCorrelations: the Tương quan sheet holds the audit's
// correlation matrix as numbers under a red–white–blue colour scale from
// −1 to 1; with a sensitivity analysis, Kiểm định lists its indices.
func TestXLSXCorrelations(t *testing.T) {
	ev := sampleEval(t)
	r := audit.Run(ev)
	sens := []audit.Factor{{Name: "CQ", First: 0.25, Total: 0.5, FirstLo: 0.2, FirstHi: 0.3, TotalLo: 0.4, TotalHi: 0.6}, {Name: "missing", First: 0.125, Total: 0.25, FirstLo: math.NaN(), FirstHi: math.NaN(), TotalLo: math.NaN(), TotalHi: math.NaN()}}
	var b bytes.Buffer
	if err := WriteXLSX(&b, ev, &Options{Timestamp: fixedTime, Audit: r, Sensitivity: sens}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := len(r.MatrixCodes)
	if n != 53+8+1 {
		t.Fatalf("%d series, want 53 indicators, 8 pillars and the index", n)
	}
	for _, p := range [][2]int{{0, 0}, {0, 1}, {5, 40}, {52, 60}, {60, n - 1}} {
		cell, _ := excelize.CoordinatesToCellName(p[1]+2, p[0]+3)
		v, _ := f.GetCellValue("Tương quan", cell, excelize.Options{RawCellValue: true})
		want := r.Matrix[p[0]][p[1]]
		if math.IsNaN(want) {
			if v != "" {
				t.Errorf("%s = %q, want empty (no correlation)", cell, v)
			}
			continue
		}
		got, err := strconv.ParseFloat(v, 64)
		if err != nil || math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %q, want %v (%s with %s)", cell, v, want, r.MatrixCodes[p[0]], r.MatrixCodes[p[1]])
		}
	}
	if v, _ := f.GetCellValue("Tương quan", "A3"); v != r.MatrixCodes[0] {
		t.Errorf("A3 = %q, want %s", v, r.MatrixCodes[0])
	}
	cf, err := f.GetConditionalFormats("Tương quan")
	if err != nil {
		t.Fatal(err)
	}
	last, _ := excelize.CoordinatesToCellName(n+1, n+2)
	opts := cf["B3:"+last] // excelize writes the middle val="0" and reads it back as ""

	if len(opts) != 1 || opts[0].Type != "3_color_scale" || opts[0].MinValue != "-1" || opts[0].MidValue != "0" && opts[0].MidValue != "" || opts[0].MaxValue != "1" {
		t.Errorf("conditional formats %+v, want a 3-colour scale −1/0/1 on B3:%s", cf, last)
	}
	rows, _ := f.GetRows("Kiểm định")
	var found []string
	for _, row := range rows {
		if len(row) > 0 && (row[0] == "CQ" && len(row) >= 7 || row[0] == "Cách xử lý thiếu số liệu") {
			found = append(found, strings.Join(row, "|"))
		}
	}
	if len(found) != 2 || found[0] != "CQ|0.25|0.20|0.30|0.50|0.40|0.60" || found[1] != "Cách xử lý thiếu số liệu|0.13|||0.25" {
		t.Errorf("sensitivity rows %q", found)
	}
}
