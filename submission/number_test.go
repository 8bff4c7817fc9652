package submission

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestReadings covers every shape of typed number under each convention.
// The expected values are what a person means by the text, worked out by
// hand; nil means "not a number".
func TestReadings(t *testing.T) {
	P, C, A := DecimalPoint, DecimalComma, DecimalAuto
	for _, tt := range []struct {
		in   string
		d    Decimal
		want []float64
	}{
		// Comma CSV, statistics offices, R and Python: decimal point, no grouping.
		{"47.161", P, []float64{47.161}},
		{"0.125", P, []float64{0.125}},
		{"1234.5", P, []float64{1234.5}},
		{"-3", P, []float64{-3}},
		{"+3", P, []float64{3}},
		{"−2.5", P, []float64{-2.5}}, // U+2212 minus
		{"87.5%", P, []float64{87.5}},
		{"1e3", P, []float64{1000}},
		{"2.5E-2", P, []float64{0.025}},
		{"1 234.5", P, []float64{1234.5}}, // spaces group thousands
		{"１２.５", P, []float64{12.5}},      // full-width
		{"1,234", P, nil},
		{"87,5", P, nil},
		{"1.234.567", P, nil},
		{".5", P, []float64{0.5}},
		{"5.", P, []float64{5}},
		// Semicolon CSV, Vietnamese spreadsheets: decimal comma, "." groups.
		{"47,161", C, []float64{47.161}},
		{"1.234,5", C, []float64{1234.5}},
		{"1.234", C, []float64{1234}},
		{"1.234.567", C, []float64{1234567}},
		{"12,3456", C, []float64{12.3456}},
		{"1 234,5", C, []float64{1234.5}},
		{"87,5 %", C, []float64{87.5}},
		{"1.5", C, nil},
		{"1,234.5", C, nil},
		{"1,2,3", C, nil},
		// Typed text: both marks possible.
		{"87,5", A, []float64{87.5}},
		{"87.5", A, []float64{87.5}},
		{"1.234", A, []float64{1.234, 1234}},
		{"1,234", A, []float64{1.234, 1234}},
		{"-1.234", A, []float64{-1.234, -1234}},
		{"999.999", A, []float64{999.999, 999999}},
		{"0.125", A, []float64{0.125}}, // a leading 0 never starts a thousands group
		{"0,125", A, []float64{0.125}},
		{"1234.567", A, []float64{1234.567}}, // four digits before: not grouped
		{"12,3456", A, []float64{12.3456}},   // four after: a decimal
		{"1.234,5", A, []float64{1234.5}},
		{"1,234.5", A, []float64{1234.5}},
		{"1.234.567", A, []float64{1234567}},
		{"1,234,567", A, []float64{1234567}},
		{"1 234", A, []float64{1234}},
		{"1 234,5", A, []float64{1234.5}},
		{"1.234.56", A, nil},
		{"1,234,5.6", A, nil},
		{"1.2.3", A, nil},
		{"1.234,5.6", A, nil},
		// What strconv accepts and people never write.
		{"0x1p4", A, nil},
		{"0x10", P, nil},
		{"1_000", A, nil},
		{"Inf", A, nil},
		{"+Inf", P, nil},
		{"NaN", A, nil},
		{"1e400", P, nil},
		{"1e", P, nil},
		{"e5", P, nil},
		{"", A, nil},
		{"-", A, nil},
		{"%", A, nil},
		{".", A, nil},
		{"1 2", A, nil},
		{"12 34", A, nil},
		{"1 234.5 6", P, nil},
		{"abc", A, nil},
		{strings.Repeat("9", 40), P, nil},
	} {
		got, err := Readings(tt.in, tt.d)
		if tt.want == nil {
			if err == nil {
				t.Errorf("Readings(%q, %d) = %v, want not a number", tt.in, tt.d, got)
			}
			continue
		}
		if err != nil || !cmp.Equal(got, tt.want) {
			t.Errorf("Readings(%q, %d) = %v, %v; want %v", tt.in, tt.d, got, err, tt.want)
		}
	}
}

// TestParseValueTwoReadings: text with two readings is read by the one
// that fits the indicator, with a note; refused when both or neither fit.
func TestParseValueTwoReadings(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	for _, tt := range []struct {
		code, in string
		want     float64 // 0 with a non-empty err
		note     string  // a fragment of the warning when read
		err      string  // a fragment of the error when refused
	}{
		// NT.4 is a share in [0, 100]: 1234 cannot be.
		{"NT.4", "1.234", 1.234, `read "1.234" as 1.234; the reading 1234 does not fit`, ""},
		{"NT.4", "12,345", 12.345, `read "12,345" as 12.345`, ""},
		// NT.2 is a count: 1.234 is not a whole number.
		{"NT.2", "1.234", 1234, `read "1.234" as 1234; the reading 1.234 does not fit the indicator (value 1.234 is not a whole number`, ""},
		{"HT.6", "2,500", 2500, `read "2,500" as 2500`, ""},
		// NL.2 (persons per team, ≥ 0) takes both.
		{"NL.2", "1.234", 0, "", `has two readings that both fit the indicator: 1.234 (decimal mark) or 1234 (thousands separator)`},
		// Neither fits: a negative count.
		{"HT.6", "-1.234", 0, "", `has two readings, -1.234 (decimal mark) or -1234 (thousands separator), and neither is valid`},
		// One reading: no note.
		{"NL.2", "5,5", 5.5, "", ""},
		{"NT.2", "5", 5, "", ""},
		{"NT.2", "2,5", 0, "", "not a whole number"},
	} {
		ind := fw.Indicator(tt.code)
		v, is := ParseValue(ind, tt.in, DecimalAuto)
		switch {
		case tt.err != "":
			if v.Set || is == nil || is.Severity != SevError || !strings.Contains(is.EN, tt.err) {
				t.Errorf("ParseValue(%s, %q) = %+v, %+v; want an error with %q", tt.code, tt.in, v, is, tt.err)
			}
		case !v.Set || v.Num != tt.want:
			t.Errorf("ParseValue(%s, %q) = %+v, %+v; want %v", tt.code, tt.in, v, is, tt.want)
		case tt.note == "" && is != nil:
			t.Errorf("ParseValue(%s, %q): unexpected issue %+v", tt.code, tt.in, is)
		case tt.note != "" && (is == nil || is.Severity != SevWarning || !strings.Contains(is.EN, tt.note)):
			t.Errorf("ParseValue(%s, %q) note = %+v, want a warning with %q", tt.code, tt.in, is, tt.note)
		}
	}
}

// TestCSVDecimalConventions: one convention per file, never per value.
func TestCSVDecimalConventions(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	for _, tt := range []struct {
		name, src string
		opts      *Options
		want      map[string]float64 // code → value of unit A
		err       string             // a fragment of an issue of unit A
	}{
		{"comma file, decimal points", "unit,name,NT.4,CQ.1,NL.2\nA,Phường A,47.161,0.125,1234.5\n", nil,
			map[string]float64{"NT.4": 47.161, "CQ.1": 0.125, "NL.2": 1234.5}, ""},
		{"semicolon file, decimal commas", "unit;name;NT.4;NL.2;HT.6\nA;Phường A;47,161;1.234,5;1.234\n", nil,
			map[string]float64{"NT.4": 47.161, "NL.2": 1234.5, "HT.6": 1234}, ""},
		{"comma file refuses a thousands comma", "unit,name,HT.6\nA,Phường A,\"1,234\"\n", nil, nil,
			`line 2, column C (HT.6), unit A, indicator HT.6: error: value "1,234" is not a number; expected a number (decimal point, no thousands separator`},
		{"semicolon file refuses a decimal point", "unit;name;NL.2\nA;Phường A;1.5\n", nil, nil,
			`value "1.5" is not a number; expected a number (decimal comma`},
		{"--decimal comma on a comma file", "unit,name,NT.4\nA,Phường A,\"47,161\"\n", &Options{Decimal: DecimalComma},
			map[string]float64{"NT.4": 47.161}, ""},
		{"--decimal point on a semicolon file", "unit;name;NT.4\nA;Phường A;47.161\n", &Options{Decimal: DecimalPoint},
			map[string]float64{"NT.4": 47.161}, ""},
		{"long form follows the file", "unit;name;indicator;self;appraised\nA;Phường A;NT.4;47,161;40,5\n", nil,
			map[string]float64{"NT.4": 47.161}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			subs, err := ReadCSV([]byte(tt.src), "t.csv", fw, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			s := subs[0]
			for code, want := range tt.want {
				if e := s.Lookup(code); !e.OK() || !e.Self().Set || e.Self().Num != want {
					t.Errorf("%s = %+v, want exactly %v", code, e, want)
				}
			}
			var msgs []string
			for _, is := range s.Issues {
				if is.Severity == SevError {
					msgs = append(msgs, is.Message(indicators.English))
				}
			}
			got := strings.Join(msgs, "\n")
			if tt.err == "" && got != "" || tt.err != "" && !strings.Contains(got, tt.err) {
				t.Errorf("errors:\n%s\nwant %q", got, tt.err)
			}
		})
	}
}

// TestXLSXTwoReadings: text cells "1.234" in a filled form, on a share, a
// count and an indicator both readings fit; a number cell is a number.
func TestXLSXTwoReadings(t *testing.T) {
	fw := mustLoad(t, "ward-unified-2025")
	cells := map[string]any{"NT.4": "1.234", "NT.2": "1.234", "NL.2": "1.234", "HT.6": 1.234e3, "CQ.5": "7"}
	data := filledForm(t, fw, "TX", "Phường Thử", func(f *excelize.File) {
		for code, v := range cells {
			if err := f.SetCellValue("Biểu mẫu", fmt.Sprintf("F%d", rowOf(f, code)), v); err != nil {
				t.Fatal(err)
			}
		}
	})
	subs, err := ReadXLSX(data, "two.xlsx", fw)
	if err != nil {
		t.Fatal(err)
	}
	s := subs[0]
	for code, want := range map[string]float64{"NT.4": 1.234, "NT.2": 1234, "HT.6": 1234, "CQ.5": 7} {
		if e := s.Lookup(code); !e.OK() || !e.Self().Set || e.Self().Num != want {
			t.Errorf("%s = %+v, want %v", code, e, want)
		}
	}
	if e := s.Lookup("NL.2"); e.OK() && e.Self().Set {
		t.Errorf("NL.2 = %+v, want refused", e)
	}
	want := map[string]Severity{"NT.4": SevWarning, "NT.2": SevWarning, "NL.2": SevError}
	for _, is := range s.Issues {
		sev, ok := want[is.Indicator]
		if !ok {
			continue
		}
		msg := is.Message(indicators.English)
		if is.Severity != sev || !strings.Contains(msg, `two.xlsx, sheet "Biểu mẫu" cell F`) || !strings.Contains(msg, "1234") || !strings.Contains(msg, "1.234") {
			t.Errorf("%s: %s (severity %d, want %d)", is.Indicator, msg, is.Severity, sev)
		}
		delete(want, is.Indicator)
	}
	if len(want) > 0 {
		t.Errorf("no issue for %v", want)
	}
}

// FuzzReadings: any text under any convention gives finite readings within
// the magnitude a float holds, or an error; never a panic. A reading is
// the same number whichever of the number's spellings produced it.
func FuzzReadings(f *testing.F) {
	for _, s := range []string{"47.161", "1.234,5", "1 234", "87,5%", "-1e3", "０x1", "1,234,567", "\u00a012", "+.5", "1e400"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, d uint8) {
		dec := Decimal(d % 3)
		rs, err := Readings(s, dec)
		if err != nil {
			if n, ok := plainDecimal(s, dec); ok {
				t.Fatalf("plainDecimal(%q, %d) = %v; Readings refused it: %v", s, dec, n, err)
			}
			if rs != nil {
				t.Fatalf("Readings(%q) = %v with error %v", s, rs, err)
			}
			return
		}
		if len(rs) == 0 || len(rs) > 2 || len(rs) == 2 && dec != DecimalAuto {
			t.Fatalf("Readings(%q, %d) = %v", s, dec, rs)
		}
		for _, v := range rs {
			if v != v || v > 1e308 || v < -1e308 {
				t.Fatalf("Readings(%q) = %v: not finite", s, rs)
			}
		}
		if n, ok := plainDecimal(s, dec); ok && (len(rs) != 1 || n != rs[0]) {
			t.Fatalf("plainDecimal(%q, %d) = %v; Readings gave %v", s, dec, n, rs)
		}
		if len(rs) == 1 {
			if n, err := ParseNumber(s, dec); err != nil || n != rs[0] {
				t.Fatalf("ParseNumber(%q) = %v, %v; Readings gave %v", s, n, err, rs)
			}
		}
	})
}

// TestPlainDecimal: the fast path takes the plain spellings and leaves
// to Readings every text with another reading or another shape.
func TestPlainDecimal(t *testing.T) {
	for _, c := range []struct {
		s  string
		d  Decimal
		v  float64
		ok bool
	}{
		{"38.5432", DecimalAuto, 38.5432, true},
		{"12", DecimalPoint, 12, true},
		{".5", DecimalAuto, 0.5, true},
		{"5.", DecimalAuto, 5, true},
		{"0.125", DecimalAuto, 0.125, true},       // a leading 0: not thousands
		{"1234.567", DecimalAuto, 1234.567, true}, // four digits before the mark: not thousands
		{"1.234", DecimalPoint, 1.234, true},      // the convention says decimal
		{"1.234", DecimalAuto, 0, false},          // 1.234 or 1234
		{"1.5", DecimalComma, 0, false},           // refused by Readings under DecimalComma
		{"1,5", DecimalAuto, 0, false},
		{"1.2.3", DecimalAuto, 0, false},
		{".", DecimalAuto, 0, false},
		{"", DecimalAuto, 0, false},
		{"-3", DecimalAuto, 0, false},
		{"1e3", DecimalAuto, 0, false},
		{"50%", DecimalAuto, 0, false},
		{strings.Repeat("9", 30), DecimalAuto, 1e30 - 1, true},
		{strings.Repeat("9", 31), DecimalAuto, 0, false}, // more digits than maxDigits
	} {
		v, ok := plainDecimal(c.s, c.d)
		if ok != c.ok || ok && v != c.v {
			t.Errorf("plainDecimal(%q, %d) = %v, %v; want %v, %v", c.s, c.d, v, ok, c.v, c.ok)
		}
	}
}

// BenchmarkParseValue: a plain CSV cell, the million a 10,000 × 100 file holds.
func BenchmarkParseValue(b *testing.B) {
	ind := &indicators.Indicator{Code: "I1"}
	b.ReportAllocs()
	for b.Loop() {
		if v, is := ParseValue(ind, "38.5432", DecimalAuto); is != nil || v.Num != 38.5432 {
			b.Fatal(v, is)
		}
	}
}
