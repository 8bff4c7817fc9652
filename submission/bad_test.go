package submission

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "regenerate testdata/bad")

// filledForm returns a template for unit filled with valid values, then
// edited by edit (which may break it).
func filledForm(t testing.TB, fw *indicators.Framework, unit, name string, edit func(f *excelize.File)) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, fw, &TemplateOptions{Unit: unit, Name: name, Year: 2024}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, v := range []float64{25000, 6.5, 7000} { // population, area, households: H3–H5
		if err := f.SetCellValue("Biểu mẫu", fmt.Sprintf("H%d", 3+i), v); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := f.GetRows("Biểu mẫu")
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if len(row) == 0 || fw.Indicator(row[0]) == nil {
			continue
		}
		ind := fw.Indicator(row[0])
		var v any = 80.0
		switch {
		case ind.Rule.Kind == indicators.RuleCategorical:
			v = ind.Rule.OptionLabels()[0]
		case ind.Unit == "yes/no":
			v = "Có"
		case ind.Rule.Kind == indicators.RulePassFail:
			v = "Đạt"
		case ind.Code == "AT.3":
			v = 0.0
		case ind.Unit == "count":
			v = 5.0
		}
		if err := f.SetCellValue("Biểu mẫu", fmt.Sprintf("F%d", r+1), v); err != nil {
			t.Fatal(err)
		}
		if ind.Evidence {
			if err := f.SetCellValue("Biểu mẫu", fmt.Sprintf("G%d", r+1), "Quyết định số 1/QĐ-UBND"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// rowOf returns the form row of an indicator.
func rowOf(f *excelize.File, code string) int {
	rows, _ := f.GetRows("Biểu mẫu")
	for r, row := range rows {
		if len(row) > 0 && row[0] == code {
			return r + 1
		}
	}
	return 0
}

// badFiles are the faulty submissions of testdata/bad, each with the
// fragment of the English message it must produce.
func badFiles(t testing.TB, fw *indicators.Framework) map[string][]byte {
	set := func(code, col string, v any) func(f *excelize.File) {
		return func(f *excelize.File) { f.SetCellValue("Biểu mẫu", fmt.Sprintf("%s%d", col, rowOf(f, code)), v) }
	}
	hdr := "unit,name,CQ.1,CQ.2\n"
	return map[string][]byte{
		"good-form.xlsx":          filledForm(t, fw, "GOOD1", "Phường Tốt Một", nil),
		"good-unit.toml":          []byte("unit = \"GOOD2\"\nname = \"Xã Tốt Hai\"\nperiod = \"2024\"\nframework = \"ward-unified-2025\"\n\n[[value]]\nindicator = \"CQ.1\"\nself = 82.7\n\n[[value]]\nindicator = \"HT.4\"\nself = true\nevidence = [\"Biên bản kiểm tra\"]\n\n[[value]]\nindicator = \"NT.1\"\nself = \"Chủ tịch UBND\"\nevidence = [\"QĐ 5/QĐ-UBND\"]\n"),
		"unknown-code.csv":        []byte("unit,name,CQ.1,XX.9\nU1,Xã Một,80,1\n"),
		"missing-unit.xlsx":       filledForm(t, fw, "", "", nil),
		"percent-over-100.csv":    []byte(hdr + "U2,Xã Hai,120,50\n"),
		"negative-count.toml":     []byte("unit = \"U3\"\n\n[[value]]\nindicator = \"HT.6\"\nself = -3\n"),
		"text-for-number.xlsx":    filledForm(t, fw, "U4", "Xã Bốn", set("CQ.2", "F", "khoảng một nửa")),
		"duplicate-a.csv":         []byte(hdr + "U5,Xã Năm,80,50\n"),
		"duplicate-b.toml":        []byte("unit = \"U5\"\n\n[[value]]\nindicator = \"CQ.1\"\nself = 80\n"),
		"old-version.xlsx":        filledForm(t, fw, "U6", "Xã Sáu", func(f *excelize.File) { f.SetCellValue(MetaSheet, "B2", "2024.3") }),
		"other-copy.xlsx":         filledForm(t, fw, "U7", "Xã Bảy", func(f *excelize.File) { f.SetCellValue(MetaSheet, "B3", strings.Repeat("0", 64)) }),
		"corrupt.xlsx":            append([]byte("PK\x03\x04"), bytes.Repeat([]byte("hỏng"), 500)...),
		"empty.csv":               {},
		"renamed-sheet.xlsx":      filledForm(t, fw, "U8", "Xã Tám", func(f *excelize.File) { f.SetSheetName("Biểu mẫu", "Trang tính1") }),
		"utf16.csv":               utf16("unit,name,CQ.1\r\nU9,Xã Chín,80\r\n"),
		"duplicate-header.csv":    []byte("unit,name,CQ.1,CQ.1\nU10,Xã Mười,80,80\n"),
		"bad-option.toml":         []byte("unit = \"U11\"\n\n[[value]]\nindicator = \"NT.1\"\nself = \"Bí thư\"\n"),
		"toml-syntax.toml":        []byte("unit = \"U12\"\n[[value]\nindicator = \"CQ.1\"\n"),
		"windows-1258.csv":        append([]byte("unit,name,CQ.1\nU13,X"), 0xE3, ' ', 'M', 0xF4, 'i', ',', '8', '0', '\n'),
		"moved-columns.xlsx":      filledForm(t, fw, "U14", "Xã Mười Bốn", func(f *excelize.File) { f.SetCellValue("Biểu mẫu", "F7", "Ghi chú") }),
		"appraisal-no-reason.csv": []byte("unit,name,indicator,self,appraised,evidence,reason,note\nU15,Xã Mười Lăm,CQ.1,90,70,,,\n"),
		"evidence-missing.csv":    []byte("unit,name,indicator,self,appraised,evidence,reason,note\nU16,Xã Mười Sáu,HT.4,Có,,,,\n"),
		"wrong-framework.toml":    []byte("unit = \"U17\"\nframework = \"dti-province-2022\"\n\n[[value]]\nindicator = \"CQ.1\"\nself = 80\n"),
		"notes.txt":               []byte("không phải bài nộp"),
		"~$good-form.xlsx":        []byte("lock"),
	}
}

func utf16(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// zipBomb is a workbook whose one sheet unpacks to more than MaxUnzipSize.
func zipBomb(t testing.TB, rows int, cellText string) []byte {
	row := `<row r="%d"><c r="A%d" t="inlineStr"><is><t>` + cellText + `</t></is></c></row>`
	if cellText == "" {
		row = `<row r="%d"/>`
	}
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`))
	for r := 1; r <= rows; r++ {
		if cellText == "" {
			fmt.Fprintf(w, row, r)
		} else {
			fmt.Fprintf(w, row, r, r)
		}
	}
	w.Write([]byte(`</sheetData></worksheet>`))
	for name, body := range map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Biểu mẫu" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
	} {
		w, _ := z.Create(name)
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBadFolder ingests testdata/bad plus three files made here (20 MB of
// junk, a zip bomb, a million-row sheet) and checks one precise message
// per fault, and that the good files are still scored.
func TestBadFolder(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	files := badFiles(t, fw)
	if *update {
		if err := os.RemoveAll("../testdata/bad"); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("../testdata/bad", 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join("../testdata/bad", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := t.TempDir()
	ents, err := os.ReadDir("../testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join("../testdata/bad", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	junk := bytes.Repeat([]byte("rác "), 4<<20) // "rác " is 5 bytes: 20 MB
	if err := os.WriteFile(filepath.Join(dir, "junk-20mb.xlsx"), junk, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "zip-bomb.xlsx"), zipBomb(t, 700_000, strings.Repeat("x", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "million-rows.xlsx"), zipBomb(t, 1_000_000, ""), 0o644); err != nil {
		t.Fatal(err)
	}

	srcs, skipped, err := FSSources(os.DirFS(dir), ".", dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped) != 1 || !strings.HasSuffix(skipped[0].File, "notes.txt") || skipped[0].EN != "not .xlsx, .csv or .toml" {
		t.Errorf("skipped = %v, want notes.txt only (the ~$ lock file is ignored)", skipped)
	}
	b := Ingest(srcs, fw, nil)
	want := map[string]string{
		"unknown-code.csv":     `line 1, column D, indicator XX.9: error: indicator code "XX.9" is not in framework ward-unified-2025`,
		"missing-unit.xlsx":    `sheet "Biểu mẫu" cell C3: error: missing unit code (cell C3)`,
		"percent-over-100.csv": "line 2, column C (CQ.1), unit U2, indicator CQ.1: error: value 120 is out of range; expected between 0 and 100 (%)",
		"negative-count.toml":  "line 4, column self, unit U3, indicator HT.6: error: value -3 is out of range; expected at least 0 (count)",
		"text-for-number.xlsx": `cell F41, unit U4, indicator CQ.2: error: value "khoảng một nửa" is not a number`,
		"duplicate-a.csv":      "unit U5: error: unit U5 has 2 submissions: ",
		"duplicate-b.toml":     "duplicate-a.csv:2; ",
		"old-version.xlsx":     `sheet "_meta" cell B2: error: the form was made for version "2024.3" of the framework, the current version is "2025.2"`,
		"other-copy.xlsx":      `sheet "_meta" cell B3: error: the form was made from a different copy of framework ward-unified-2025`,
		"corrupt.xlsx":         "error: cannot read the workbook (corrupt or not .xlsx)",
		"empty.csv":            "error: the file is empty",
		"renamed-sheet.xlsx":   `error: no sheet "Biểu mẫu" or "Form" (the file has: Trang tính1`,
		"utf16.csv":            "error: the file is encoded as UTF-16",
		"duplicate-header.csv": `line 1, column D: error: column header "CQ.1" appears twice (columns C and D)`,
		"bad-option.toml":      `indicator NT.1: error: value "Bí thư" is not an option; expected one of: Chủ tịch UBND; Phó Chủ tịch UBND; Chưa thành lập`,
		"toml-syntax.toml":     "line 2: error: invalid TOML syntax",
		"windows-1258.csv":     "line 2: error: the file is not valid UTF-8 text",
		"moved-columns.xlsx":   `cell F7: error: column F must be headed "Self-assessed value", found "Ghi chú"`,
		"wrong-framework.toml": `error: the file was made for framework "dti-province-2022", scoring uses "ward-unified-2025"`,
		"junk-20mb.xlsx":       "error: file too large (20 MB, at most 10 MB)",
		"zip-bomb.xlsx":        "error: the workbook unpacks to more than 64 MB",
		// 1,000,000 rows of `<row r="N"/>` are 11 bytes plus the digits: 16.9 million bytes = 16 MiB.
		"million-rows.xlsx": "error: a worksheet unpacks to 16 MB; a real form has a few dozen rows (at most 5000)",
	}
	got := map[string][]string{}
	for _, r := range b.Rejected {
		for _, e := range r.Errors {
			got[filepath.Base(r.File)] = append(got[filepath.Base(r.File)], e.Message("en"))
		}
	}
	for file, frag := range want {
		found := false
		for _, m := range got[file] {
			if strings.Contains(m, frag) && strings.Contains(m, file) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no message containing %q; got %q", file, frag, got[file])
		}
	}
	if len(got) != len(want) {
		for f := range got {
			if _, ok := want[f]; !ok {
				t.Errorf("unexpected rejection of %s: %v", f, got[f])
			}
		}
	}
	// The good files and those with warnings only are scored.
	var units []string
	for _, s := range b.Submissions {
		units = append(units, s.Unit)
	}
	if strings.Join(units, " ") != "GOOD1 GOOD2 U15 U16" {
		t.Errorf("accepted units = %v, want GOOD1 GOOD2 U15 U16", units)
	}
	warns := map[string]string{
		"U15": "appraised value 70 differs from the self-assessed 90 but no reason is given",
		"U16": "the indicator requires evidence but none is given",
	}
	for _, w := range b.Warnings() {
		if frag, ok := warns[w.Unit]; ok && strings.Contains(w.Message("en"), frag) {
			delete(warns, w.Unit)
		}
	}
	if len(warns) > 0 {
		t.Errorf("missing warnings: %v", warns)
	}
}
