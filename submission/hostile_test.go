package submission

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/xuri/excelize/v2"
)

// rezip copies a workbook's entries, letting edit change an entry's bytes
// (nil drops it) and add more, possibly with a name already used.
func rezip(t *testing.T, data []byte, edit func(name string, b []byte) []byte, extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			if b = edit(f.Name, b); b == nil {
				continue
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	for name, body := range extra {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestHostileInputs: files a careless or hostile user might give. Each is
// refused or read with a warning, naming the place and saying what was
// expected; none panics, and a good unit beside it is read as given.
func TestHostileInputs(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	good := filledForm(t, fw, "G", "Phường G", nil)
	set := func(code, col string, v any, style *excelize.Style, formula string) []byte {
		return filledForm(t, fw, "F", "Phường F", func(f *excelize.File) {
			c := fmt.Sprintf("%s%d", col, rowOf(f, code))
			if err := f.SetCellValue("Biểu mẫu", c, v); err != nil {
				t.Fatal(err)
			}
			if formula != "" { // after the value, which would clear it
				if err := f.SetCellFormula("Biểu mẫu", c, formula); err != nil {
					t.Fatal(err)
				}
			}
			if style != nil {
				id, err := f.NewStyle(style)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellStyle("Biểu mẫu", c, c, id); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		want       string // a fragment of an English message
		severity   Severity
	}{
		{"formula cell", "f.xlsx", set("HT.6", "F", 46000, nil, "NOW()"), `cell F25, unit F, indicator HT.6: warning: the cell holds the formula =NOW(); its computed value "46000" is used`, SevWarning},
		{"date-formatted count", "d.xlsx", set("HT.6", "F", 45321, &excelize.Style{NumFmt: 14}, ""), "the cell is formatted as a date or time (stored 45321)", SevError},
		{"two entries of one name", "z.xlsx", rezip(t, good, nil, map[string]string{"xl/worksheets/sheet1.xml": "<worksheet/>"}), `the workbook holds two entries named "xl/worksheets/sheet1.xml"`, SevError},
		{"DOCTYPE in shared strings", "x.xlsx", rezip(t, good, func(n string, b []byte) []byte {
			if n == "xl/sharedStrings.xml" {
				return bytes.Replace(b, []byte("?>"), []byte(`?><!DOCTYPE sst [<!ENTITY x "y">]>`), 1)
			}
			return b
		}, nil), "part xl/sharedStrings.xml of the workbook declares a DOCTYPE or ENTITY", SevError},
		{"a renamed .ods", "o.xlsx", rezip(t, good, func(string, []byte) []byte { return nil }, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}), "the file is an OpenDocument spreadsheet (.ods) renamed", SevError},
		{"a dimension claiming a million rows", "m.xlsx", rezip(t, good, func(n string, b []byte) []byte {
			if n == "xl/worksheets/sheet1.xml" {
				return regexp.MustCompile(`<dimension ref="[^"]*"`).ReplaceAll(b, []byte(`<dimension ref="A1:J1000000"`))
			}
			return b
		}, nil), "", SevWarning},
		{"hex float", "h.csv", []byte("unit,name,HT.6\nH,Phường H,0x1p4\n"), `value "0x1p4" is not a number`, SevError},
		{"underscores", "u.csv", []byte("unit,name,HT.6\nU,Phường U,1_000\n"), `value "1_000" is not a number`, SevError},
		{"1e308", "e.csv", []byte("unit,name,HT.6\nE,Phường E,1e308\n"), "is too large to be a measurement", SevError},
		{"Inf", "i.csv", []byte("unit,name,HT.6\nI,Phường I,Inf\n"), `value "Inf" is not a number`, SevError},
		{"header only", "ho.csv", []byte("unit,name,HT.6\n"), "the file has a header line and no unit", SevError},
		{"CR line endings", "cr.csv", []byte("unit,name,CQ.1\rC,Phường C,4\r"), "", SevWarning},
		{"200,000 rows", "big.csv", []byte("unit,HT.6\n" + strings.Repeat("A,1\n", 200000)), "the file has 200001 lines, more than the limit of 100000", SevError},
		{"a 1 MB TOML of 30,000 values", "v.toml", bigTOML(), `line 90000, unit V, indicator ZZ.29999: error: indicator code "ZZ.29999" is not in framework`, SevError},
		{"TOML nested 10,000 deep", "n.toml", []byte(`unit = "N"` + "\nx = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n"), "arrays or tables nested more than 16 deep", SevError},
	} {
		t.Run(tt.name, func(t *testing.T) {
			subs, err := Read(tt.data, tt.file, fw, nil)
			var msgs []string
			worst := SevWarning
			if err != nil {
				worst = SevError
				for _, is := range err.(Issues) {
					msgs = append(msgs, is.Message(indicators.English))
				}
			}
			for _, s := range subs {
				Validate(fw, s)
				for _, is := range s.Issues {
					if is.Severity == SevError {
						worst = SevError
					}
					msgs = append(msgs, is.Message(indicators.English))
				}
			}
			got := strings.Join(msgs, "\n")
			if tt.want != "" && !strings.Contains(got, tt.file) || !strings.Contains(got, tt.want) {
				t.Errorf("messages:\n%s\nwant %q naming %s", got, tt.want, tt.file)
			}
			if worst != tt.severity {
				t.Errorf("worst severity %d, want %d:\n%s", worst, tt.severity, got)
			}
			if tt.name == "CR line endings" && (len(subs) != 1 || !subs[0].Lookup("CQ.1").OK() || subs[0].Lookup("CQ.1").Self().Num != 4) {
				t.Errorf("CR-only file read as %+v", subs)
			}
			if tt.name == "a dimension claiming a million rows" && (len(subs) != 1 || subs[0].Unit != "G") {
				t.Errorf("a normal form with a wrong dimension read as %+v", subs)
			}
		})
	}
}

// TestUnitSpellings: codes that differ only by case or an invisible
// character are one unit or a mistake: both are refused, naming both
// spellings and places; the same spelling twice names both places.
func TestUnitSpellings(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	src := func(name, body string) Source {
		return Source{Name: name, Size: int64(len(body)), Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(body)), nil }}
	}
	b := Ingest([]Source{
		src("a.csv", "unit,name,CQ.1\nGB,Phường G,80\nOK,Phường O,70\n"),
		src("b.csv", "unit,name,CQ.1\ngb,Phường G,80\nGB\u200b,Phường G,80\n"),
	}, fw, nil)
	if len(b.Submissions) != 1 || b.Submissions[0].Unit != "OK" {
		t.Errorf("accepted %d submissions, want OK alone", len(b.Submissions))
	}
	for _, r := range b.Rejected {
		msg := r.Errors.Error()
		if !strings.Contains(msg, `"GB", "gb", "GB\u200b"`) || !strings.Contains(msg, "a.csv:2; b.csv:2; b.csv:3") {
			t.Errorf("%s: %s", r.File, msg)
		}
	}
	if len(b.Rejected) != 3 {
		t.Errorf("%d rejected, want the three spellings", len(b.Rejected))
	}
}

// bigTOML is a submission of 30,000 values of unknown codes (about 1 MB):
// each is located from one index of the file, not by reading it again.
// Value i's indicator stands on line 3 + 3i.
func bigTOML() []byte {
	var t strings.Builder
	t.WriteString("unit = \"V\"\n")
	for i := range 30000 {
		fmt.Fprintf(&t, "[[value]]\nindicator = \"ZZ.%d\"\nself = 1\n", i)
	}
	return []byte(t.String())
}
