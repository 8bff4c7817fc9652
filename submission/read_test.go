package submission

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"
)

func TestParseValue(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	nfd := norm.NFD.String("Chủ tịch UBND")
	for _, tt := range []struct {
		code, in string
		want     float64
		raw      string
		bad      string
	}{
		{"HT.4", "Có", 1, "Có", ""},
		{"HT.4", " có ", 1, "có", ""},
		{"HT.4", "x", 1, "x", ""},
		{"HT.4", "Không", 0, "Không", ""},
		{"HT.4", norm.NFD.String("Không"), 0, "Không", ""},
		{"DT.5", "Đạt", 1, "Đạt", ""},
		{"DT.5", "Không đạt", 0, "Không đạt", ""},
		{"HT.4", "có lẽ", 0, "", "is not yes/no"},
		{"NT.1", nfd, 0, "Chủ tịch UBND", ""}, // NFD text is read as NFC
		{"NT.1", "phó chủ tịch ubnd", 1, "Phó Chủ tịch UBND", ""},
		{"NT.1", "Bí thư", 0, "", "is not an option"},
		{"CQ.2", "38,7%", 38.7, "38,7%", ""},
		{"CQ.2", "120", 0, "", "out of range; expected between 0 and 100"},
		{"HT.6", "-1", 0, "", "expected at least 0"},
		{"NL.2", "5,5", 5.5, "5,5", ""},
		{"CQ.2", "nhiều", 0, "", "is not a number"},
	} {
		ind := fw.Indicator(tt.code)
		v, is := ParseValue(ind, tt.in, DecimalAuto)
		switch {
		case tt.bad != "":
			if is == nil || !strings.Contains(is.EN, tt.bad) {
				t.Errorf("ParseValue(%s, %q) issue = %v, want %q", tt.code, tt.in, is, tt.bad)
			}
		case is != nil:
			t.Errorf("ParseValue(%s, %q): %s", tt.code, tt.in, is.EN)
		case !v.Set || v.Num != tt.want || v.Raw != tt.raw:
			t.Errorf("ParseValue(%s, %q) = %+v, want %v %q", tt.code, tt.in, v, tt.want, tt.raw)
		}
	}
	if !IsNA("KAD") || !IsNA(" n/a ") || !IsNA("Không áp dụng") || IsNA("Không") {
		t.Error("IsNA")
	}
}

func TestReadCSVForms(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	for _, tt := range []struct {
		name, src string
		want      map[string]float64 // unit/code → value; NaN-free
		na        string             // unit/code expected NA
	}{
		{"comma", "unit,name,CQ.1,HT.4\nA,Phường A,82.7,Có\n", map[string]float64{"A/CQ.1": 82.7, "A/HT.4": 1}, ""},
		{"semicolon decimal comma BOM CRLF", "\ufeffunit;name;CQ.1;HT.4\r\nA;Phường A;82,7;Không\r\n", map[string]float64{"A/CQ.1": 82.7, "A/HT.4": 0}, ""},
		{"NA and KAD", "unit,CQ.1,CC.11\nA,NA,KAD\n", nil, "A/CC.11"},
		{"long", "unit,name,indicator,self,appraised,evidence,reason,note\nA,Phường A,CQ.1,90,80,,số liệu hệ thống,\nA,Phường A,HT.4,Có,,BB 1; BB 2,,\n", map[string]float64{"A/CQ.1": 90, "A/HT.4": 1}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			subs, err := ReadCSV([]byte(tt.src), "t.csv", fw, nil)
			if err != nil {
				t.Fatal(err)
			}
			for key, want := range tt.want {
				unit, code, _ := strings.Cut(key, "/")
				for _, s := range subs {
					if s.Unit == unit {
						if e := s.Lookup(code); !e.OK() || !e.Self().Set || e.Self().Num != want {
							t.Errorf("%s = %+v, want %v", key, e, want)
						}
					}
				}
			}
			if tt.na != "" {
				unit, code, _ := strings.Cut(tt.na, "/")
				if e := subs[0].Lookup(code); subs[0].Unit != unit || !e.OK() || !e.NA() {
					t.Errorf("%s not read as NA", tt.na)
				}
			}
			if tt.name == "long" {
				e := subs[0].Lookup("CQ.1")
				if !e.Appraised().Set || e.Appraised().Num != 80 || e.Reason() != "số liệu hệ thống" {
					t.Errorf("long appraised = %+v", e)
				}
				if got := subs[0].Lookup("HT.4").Evidence(); len(got) != 2 || got[1] != "BB 2" {
					t.Errorf("evidence = %q", got)
				}
			}
		})
	}
}

// TestXLSXTypedText types values into a template as text, the way people
// type them, plus a percentage into a %-formatted cell, and reads them back.
func TestXLSXTypedText(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	typed := map[string]struct {
		text any
		want float64
	}{
		"CQ.1": {"87,5", 87.5},
		"CQ.2": {"38.7", 38.7},
		"CQ.3": {"90,5%", 90.5},
		"HT.6": {"1.234", 1234},
		"HT.4": {"  có ", 1},
		"TC.3": {"x", 1},
		"DT.5": {"Không đạt", 0},
		"NT.1": {norm.NFD.String("Phó Chủ tịch UBND"), 1},
		"CC.1": {0.875, 87.5}, // typed "87,5%" in a spreadsheet: stored 0.875 with a % format
	}
	data := filledForm(t, fw, "TX", "Phường Thử", func(f *excelize.File) {
		pct, _ := f.NewStyle(&excelize.Style{NumFmt: 10, Protection: &excelize.Protection{Locked: false}})
		for code, v := range typed {
			cell := fmt.Sprintf("F%d", rowOf(f, code))
			f.SetCellValue("Biểu mẫu", cell, v.text)
			if code == "CC.1" {
				f.SetCellStyle("Biểu mẫu", cell, cell, pct)
			}
		}
	})
	subs, err := ReadXLSX(data, "typed.xlsx", fw)
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range subs[0].Issues {
		if is.Severity == SevError {
			t.Errorf("issue: %s", is.Message("en"))
		}
	}
	for code, v := range typed {
		e := subs[0].Lookup(code)
		if !e.OK() || !e.Self().Set || e.Self().Num != v.want {
			t.Errorf("%s typed %q read as %+v, want %v", code, v.text, e, v.want)
		}
	}
}

func seedFiles(f *testing.F, pattern string) {
	ents, err := os.ReadDir("../testdata/bad")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), pattern) {
			if b, err := os.ReadFile("../testdata/bad/" + e.Name()); err == nil && len(b) < 1<<16 {
				f.Add(b)
			}
		}
	}
}

// checkRead asserts the reader contract: no panic (the fuzzer catches
// those), an error is a non-empty Issues naming the file, and every
// submission issue names the file.
func checkRead(t *testing.T, subs []*Submission, err error) {
	if err != nil {
		var iss Issues
		if !errors.As(err, &iss) || len(iss) == 0 {
			t.Fatalf("error %T %v, want Issues", err, err)
		}
		for _, is := range iss {
			if is.File != "f" || is.VI == "" || is.EN == "" {
				t.Fatalf("issue without file or message: %+v", is)
			}
		}
		return
	}
	for _, s := range subs {
		for _, is := range s.Issues {
			if is.File != "f" || is.VI == "" || is.EN == "" {
				t.Fatalf("issue without file or message: %+v", is)
			}
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	fw := mustLoad(f, "ward-unified-2025")
	if b, err := os.ReadFile("../testdata/wards.csv"); err == nil {
		f.Add(b)
	}
	seedFiles(f, ".csv")
	f.Add([]byte("unit;name;CQ.1\nA;B;87,5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ReadCSV(data, "f", fw, nil)
		checkRead(t, subs, err)
	})
}

func FuzzReadTOML(f *testing.F) {
	fw := mustLoad(f, "ward-unified-2025")
	seedFiles(f, ".toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ReadTOML(data, "f", fw)
		checkRead(t, subs, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	fw := mustLoad(f, "ward-unified-2025")
	seedFiles(f, ".xlsx")
	for _, p := range []string{"../internal/sample/testdata/sample/2025/TDM.xlsx", "../internal/sample/testdata/sample/2025/PLOI.xlsx"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ReadXLSX(data, "f", fw)
		checkRead(t, subs, err)
		// The fast path reads what excelize reads, or steps aside. One
		// difference is allowed: a part excelize cannot unmarshal into
		// its model (a typed attribute of an element the form reader
		// never asks about) makes excelize refuse the whole workbook,
		// where the fast path, having checked that every part it reads
		// is well formed, reads the form's cells and checks them.
		quick, slow, _ := readBoth(data, fw)
		if strings.HasPrefix(slow, "error: f.xlsx: lỗi: không đọc được") {
			return
		}
		if quick != slow {
			t.Fatalf("fast path differs (-excelize +fast):\n%s", cmp.Diff(slow, quick))
		}
	})
}

// TestEnglishTemplate fills the English form and reads it back.
func TestEnglishTemplate(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, fw, &TemplateOptions{Unit: "EN1", Name: "Hiep Thanh Ward", Year: 2025, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); got[0] != "Form" || got[1] != "Instructions" {
		t.Errorf("sheets = %v", got)
	}
	rows, err := f.GetRows("Form")
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		if len(row) > 0 && row[0] == "CQ.2" {
			f.SetCellValue("Form", fmt.Sprintf("F%d", r+1), 38.7)
		}
	}
	var out bytes.Buffer
	f.WriteTo(&out)
	subs, err := ReadXLSX(out.Bytes(), "en.xlsx", fw)
	if err != nil {
		t.Fatal(err)
	}
	if s := subs[0]; s.Unit != "EN1" || s.Lookup("CQ.2").Self().Num != 38.7 {
		t.Errorf("read %q CQ.2 %+v", s.Unit, s.Lookup("CQ.2"))
	}
}

func TestMissingValuesGrouped(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	few := &Submission{Unit: "A", File: "a.csv"}
	many := &Submission{Unit: "B", File: "b.csv"}
	for k, ind := range fw.Indicators {
		if k < len(fw.Indicators)-3 { // few: all but 3 given
			few.Entry(ind.Code).SetSelf(Value{Num: 1, Set: true, Raw: "1"})
		}
		if k < 20 { // many: 33 missing (DT.7, not scored, is not reported)
			many.Entry(ind.Code).SetSelf(Value{Num: 1, Set: true, Raw: "1"})
		}
	}
	Validate(fw, few)
	Validate(fw, many)
	count := func(s *Submission, frag string) int {
		n := 0
		for _, is := range s.Issues {
			if strings.Contains(is.EN, frag) {
				n++
			}
		}
		return n
	}
	// few misses DT.5, DT.6, DT.7; DT.7 is worth no points: 2 warnings.
	if n := count(few, "value missing"); n != 2 {
		t.Errorf("few: %d missing-value warnings, want 2: %v", n, few.Issues)
	}
	if n := count(many, "values missing for 32 indicators"); n != 1 {
		t.Errorf("many: want one grouped warning for 32 indicators: %v", many.Issues)
	}
}

// TestSubmissionEntries makes entries in a shuffled order, below and above
// the size from which a map finds codes, half of them in the room New
// made, and finds each again.
func TestSubmissionEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, n := range []int{0, 1, indexFrom, indexFrom + 1, 200} {
		codes := make([]string, n)
		for i := range codes {
			codes[i] = fmt.Sprintf("C.%d", i)
		}
		rng.Shuffle(n, func(a, b int) { codes[a], codes[b] = codes[b], codes[a] })
		s := New("", n/2) // half the entries in the room made, the rest beyond
		made := map[string]Entry{}
		for i, c := range codes {
			e := s.Entry(c)
			if made[c] = e; !e.OK() || s.Len() != i+1 {
				t.Fatalf("n=%d: entry %d of %s: %+v, Len %d", n, i, c, e, s.Len())
			}
			e.SetNote(c)
		}
		if (s.index != nil) != (n > indexFrom) {
			t.Errorf("n=%d: map made %v", n, s.index != nil)
		}
		for _, c := range codes {
			if s.Entry(c) != made[c] || s.Lookup(c) != made[c] || s.Lookup(c).Note() != c {
				t.Fatalf("n=%d: %s found again as another entry", n, c)
			}
		}
		if s.Lookup("C.x").OK() || s.Len() != n {
			t.Errorf("n=%d: an unknown code found, or Len %d", n, s.Len())
		}
		var order []string
		for c, e := range s.All() {
			if e != made[c] {
				t.Fatalf("n=%d: All yields another entry for %s", n, c)
			}
			order = append(order, c)
		}
		if !slices.Equal(order, codes) {
			t.Errorf("n=%d: All yields %v, made in order %v", n, order, codes)
		}
	}
}

func mustLoad(t testing.TB, name string) *indicators.Framework {
	t.Helper()
	fw, err := indicators.Load(name)
	if err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return fw
}

// TestTemplateFollowsFramework: the form's instructions and its drop-down
// lists offer NA only where the framework's policy allows it, and ask for
// the attributes only when an indicator is scored per resident, area or
// household. In the default framework CC.11 alone has na = "allowed", and
// HT.6, DT.1 and DT.3 have per (read from its TOML by hand).
func TestTemplateFollowsFramework(t *testing.T) {
	noNA := mustLoad(t, "ward-unified-2025")
	for i := range noNA.Indicators {
		noNA.Indicators[i].NA = indicators.NANever
	}
	for _, c := range []struct {
		name     string
		fw       *indicators.Framework
		lang     indicators.Lang
		naLine   string // the guide's fourth point contains this
		naCells  []string
		attrLine string
	}{
		{"2025 vi", mustLoad(t, "ward-unified-2025"), indicators.Vietnamese, "Chỉ được ghi NA (hoặc KAD) ở cột F, khi chỉ tiêu không áp dụng với đơn vị, đối với: CC.11.", []string{"CC.11"}, "chỉ tiêu HT.6, DT.1, DT.3 được tính trên số dân"},
		{"2025 en", mustLoad(t, "ward-unified-2025"), indicators.English, "is allowed only for: CC.11.", []string{"CC.11"}, "indicators HT.6, DT.1, DT.3 are scored per resident"},
		{"no NA", noNA, indicators.English, "this framework does not allow NA", nil, "HT.6, DT.1, DT.3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteTemplate(&buf, c.fw, &TemplateOptions{Unit: "P1", Lang: c.lang}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			guide, _ := f.GetRows(guideSheet[c.lang])
			var text []string
			for _, r := range guide {
				text = append(text, strings.Join(r, ""))
			}
			all := strings.Join(text, "\n")
			if !strings.Contains(all, "\n4. ") || !strings.Contains(all, c.naLine) {
				t.Errorf("guide lacks %q:\n%s", c.naLine, all)
			}
			if !strings.Contains(all, c.attrLine) {
				t.Errorf("guide lacks %q:\n%s", c.attrLine, all)
			}
			form := formSheet[c.lang]
			rows, _ := f.GetRows(form)
			naRows := map[string]bool{}
			for r, row := range rows {
				for _, code := range c.naCells {
					if len(row) > 0 && row[0] == code {
						naRows[strconv.Itoa(r+1)] = true // its F (self) and H (appraised) cells
					}
				}
			}
			dvs, err := f.GetDataValidations(form)
			if err != nil {
				t.Fatal(err)
			}
			offered := 0
			for _, dv := range dvs {
				msg := ""
				if dv.Error != nil {
					msg = *dv.Error
				}
				if !strings.Contains(dv.Formula1, "NA") && !strings.Contains(msg, "NA") {
					continue
				}
				offered++
				ok := false
				for _, ref := range strings.Fields(dv.Sqref) {
					ok = ok || naRows[strings.TrimLeft(strings.Split(ref, ":")[0], "ABCDEFGHIJ")]
				}
				if !ok {
					t.Errorf("validation on %s offers NA: %q %q", dv.Sqref, dv.Formula1, msg)
				}
			}
			if offered == 0 && len(c.naCells) > 0 {
				t.Errorf("no validation offers NA on %v", c.naCells)
			}
		})
	}
}

// TestCSVDialects: a submission CSV reads the same in every dialect dti
// writes: plain, with a UTF-8 byte order mark, with ";" and decimal
// commas (as a Vietnamese-locale Excel saves it), and with Vietnamese
// column names, wide and long.
func TestCSVDialects(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2026")
	plain := "unit,name,year,population,CQ.2,CQ.2:appraised,CQ.2:reason,HT.4\nP1,Phường Một,2025,12000,72.5,70.25,Đối chiếu hệ thống,3\n"
	for _, c := range []struct{ name, src string }{
		{"bom", "\ufeff" + plain},
		{"excel-vi", "\ufeffunit;name;year;population;CQ.2;CQ.2:appraised;CQ.2:reason;HT.4\nP1;Phường Một;2025;12000;72,5;70,25;Đối chiếu hệ thống;3\n"},
		{"vietnamese headers", "\ufeffMã đơn vị;Tên đơn vị;Năm;Dân số;CQ.2;CQ.2:thẩm định;CQ.2:lý do;HT.4\nP1;Phường Một;2025;12000;72,5;70,25;Đối chiếu hệ thống;3\n"},
		{"long, vietnamese", "Mã đơn vị,Tên đơn vị,Năm,Chỉ tiêu,Tự đánh giá,Thẩm định,Lý do\nP1,Phường Một,2025,CQ.2,72.5,70.25,Đối chiếu hệ thống\nP1,Phường Một,2025,HT.4,3,,\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			subs, err := ReadCSV([]byte(c.src), c.name+".csv", fw, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := subs[0]
			if s.Unit != "P1" || s.Name != "Phường Một" || s.Period != "2025" {
				t.Errorf("unit fields %q %q %q", s.Unit, s.Name, s.Period)
			}
			e := s.Lookup("CQ.2")
			if !e.OK() || e.Self().Num != 72.5 || e.Appraised().Num != 70.25 || e.Reason() != "Đối chiếu hệ thống" {
				t.Errorf("CQ.2 = %+v", e)
			}
			if h := s.Lookup("HT.4"); !h.OK() || h.Self().Num != 3 {
				t.Errorf("HT.4 = %+v", h)
			}
			if !strings.Contains(c.name, "long") && s.Attributes[indicators.AttrPopulation] != 12000 {
				t.Errorf("population = %v", s.Attributes[indicators.AttrPopulation])
			}
		})
	}
}

// TestReadAll: whatever size the source claims, readAll returns exactly
// the bytes read, through short reads and up to an error.
func TestReadAll(t *testing.T) {
	data := bytes.Repeat([]byte("HT.1,72,5\n"), 1000)
	boom := errors.New("boom")
	for _, c := range []struct {
		name string
		r    func() io.Reader
		size int64
		want []byte
		err  error
	}{
		{"exact size", func() io.Reader { return bytes.NewReader(data) }, int64(len(data)), data, nil},
		{"size too small", func() io.Reader { return bytes.NewReader(data) }, 10, data, nil},
		{"size too large", func() io.Reader { return bytes.NewReader(data) }, 1 << 20, data, nil},
		{"no size", func() io.Reader { return bytes.NewReader(data) }, 0, data, nil},
		{"negative size", func() io.Reader { return bytes.NewReader(data) }, -5, data, nil},
		{"one byte at a time", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }, int64(len(data)), data, nil},
		{"half reads", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, 7, data, nil},
		{"empty", func() io.Reader { return bytes.NewReader(nil) }, 0, []byte{}, nil},
		{"error after data", func() io.Reader { return io.MultiReader(bytes.NewReader(data[:100]), iotest.ErrReader(boom)) }, 100, data[:100], boom},
		{"data with EOF", func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) }, int64(len(data)), data, nil},
	} {
		got, err := readAll(c.r(), c.size)
		if !errors.Is(err, c.err) || !bytes.Equal(got, c.want) {
			t.Errorf("%s: %d bytes, %v; want %d bytes, %v", c.name, len(got), err, len(c.want), c.err)
		}
	}
}

// TestRecycleReusesColumns: a recycled submission makes its entries in
// the memory of the one before (grown past New's room), holding nothing
// of it.
func TestRecycleReusesColumns(t *testing.T) {
	s := New("f.csv", 2)
	for _, c := range []string{"A", "B", "C"} { // C grows the columns
		e := s.Entry(c)
		e.SetNote(c)
		e.SetSelf(Value{Num: 1, Set: true, Raw: "một"})
		e.SetNA(true)
	}
	nums, raws := s.nums, s.raws
	next := s.recycle()
	a, b := next.Entry("X"), next.Entry("Y")
	if &next.nums[0] != &nums[0] || &next.raws[1] != &raws[1] {
		t.Error("a recycled submission makes its entries in new memory")
	}
	if raws[2] != "" {
		t.Error("a recycled submission keeps the text of the one before")
	}
	if next.Len() != 2 || next.Lookup("X") != a || next.Lookup("Y") != b || next.Lookup("A").OK() || a.Note() != "" || a.Self() != (Value{}) || a.NA() {
		t.Errorf("recycled: Len %d, X %+v, Y %+v, A %+v, note %q, self %+v, NA %v", next.Len(), a, b, next.Lookup("A"), a.Note(), a.Self(), a.NA())
	}
}
