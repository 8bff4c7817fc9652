package indicators

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEmbeddedRoundTrip(t *testing.T) {
	names := Embedded()
	want := []string{"dti-province-2020", "dti-province-2022", "ward-unified-2025", "ward-unified-2026"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Fatalf("Embedded() mismatch (-want +got):\n%s", diff)
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			f, err := Load(n)
			if err != nil {
				t.Fatalf("Load(%s): %v", n, err)
			}
			var b bytes.Buffer
			if err := Encode(&b, f); err != nil {
				t.Fatal(err)
			}
			g, err := Decode(b.Bytes(), n+"-export.toml")
			if err != nil {
				t.Fatalf("Decode(Encode(%s)): %v", n, err)
			}
			if diff := cmp.Diff(f, g); diff != "" {
				t.Errorf("decode(encode(f)) != f (-want +got):\n%s", diff)
			}
			if Hash(f) != Hash(g) {
				t.Errorf("hash changed across a round trip")
			}
		})
	}
}

func TestWardUnified(t *testing.T) {
	f, err := Load(Default)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.TotalMaxPoints(); got != 100 {
		t.Errorf("total max points = %v, want 100", got)
	}
	if n := len(f.Indicators); n < 40 || n > 60 {
		t.Errorf("%d indicators, want 40–60", n)
	}
	vetoes := 0
	for _, ind := range f.Indicators {
		if len(ind.Domains) == 0 || len(ind.Maps) == 0 || ind.Source == "" {
			t.Errorf("%s: domains %v, maps %v, source %q: each must be set", ind.Code, ind.Domains, ind.Maps, ind.Source)
		}
		if ind.Rule == nil || ind.MaxPoints == nil {
			t.Errorf("%s: needs a rule and max points", ind.Code)
		}
		if ind.Solution == "" || ind.Recommendation == "" || ind.RecommendationEN == "" {
			t.Errorf("%s: needs a solution group and recommendations", ind.Code)
		}
		if ind.Veto {
			vetoes++
		}
	}
	if vetoes == 0 {
		t.Error("no veto criterion")
	}
	// The five solution groups of seed 000 are all used.
	used := map[string]bool{}
	for _, ind := range f.Indicators {
		used[ind.Solution] = true
	}
	for _, s := range Solutions {
		if !used[s] {
			t.Errorf("solution group %s unused", s)
		}
	}
	// Default classes.
	var cls []string
	for _, c := range f.Classes {
		cls = append(cls, c.Name)
	}
	if diff := cmp.Diff([]string{"Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"}, cls); diff != "" {
		t.Errorf("classes (-want +got):\n%s", diff)
	}
}

func TestDTIProvince2022Structure(t *testing.T) {
	f, err := Load("dti-province-2022")
	if err != nil {
		t.Fatal(err)
	}
	// 922/QĐ-BTTTT: 100×5 + 0 (smart city) + 200 + 150 + 150 = 1000.
	want := map[string]float64{"NT": 100, "TC": 100, "HT": 100, "NL": 100, "AT": 100, "DTTM": 0, "CQS": 200, "KTS": 150, "XHS": 150}
	for code, mp := range want {
		ind := f.Indicator(code)
		if ind == nil || ind.MaxPoints == nil || *ind.MaxPoints != mp {
			t.Errorf("%s max points: want %v", code, mp)
		}
	}
	if f.TotalMaxPoints() != 1000 || f.Scale != 1 || f.Precision == nil || *f.Precision != 4 {
		t.Errorf("total %v scale %v precision %v, want 1000, 1, 4", f.TotalMaxPoints(), f.Scale, f.Precision)
	}
}

// TestBrokenFramework checks that every fault of testdata/frameworks/broken.toml
// is reported at once, each with its line.
func TestBrokenFramework(t *testing.T) {
	data, err := os.ReadFile("../testdata/frameworks/broken.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decode(data, "broken.toml")
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Decode = %v, want Problems", err)
	}
	// Each expected fault: line (counted in the file with grep -n), code,
	// and a fragment of the English message.
	want := []struct {
		line int
		code string
		frag string
	}{
		{8, "missing", `invalid missing policy "maybe"`},
		{9, "total_points", "add up to 10, not the declared total 50"},
		{15, "A", "declared max points 20 do not equal the children's total 5"},
		{19, "B", "parent cycle"},
		{26, "C", "parent cycle"},
		{32, "EMPTY", "has no children"},
		{45, "A.1", "a ratio rule needs a target"},
		{50, "A.1", `duplicate code "A.1"`},
		{55, "A.1", `invalid direction "up"`},
		{56, "A.1", "must not be negative"},
		{57, "A.1", "strictly descending"},
		{58, "A.1", `domain "tourism" is not declared`},
		{62, "A.3", `unknown parent "NOWHERE"`},
		{67, "A.3", `unknown rule kind "magic"`},
		{69, "A.3", `unknown key "indicator.colour"`},
		{79, "Tốt", "strictly descending min"},
	}
	for _, w := range want {
		found := false
		for _, p := range ps {
			if p.Line == w.line && p.Code == w.code && strings.Contains(p.EN, w.frag) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing problem at line %d [%s] %q", w.line, w.code, w.frag)
		}
	}
	for _, p := range ps {
		if p.File != "broken.toml" || p.Line == 0 {
			t.Errorf("problem without file or line: %+v", p)
		}
		if p.VI == "" || p.EN == "" {
			t.Errorf("problem without both languages: %+v", p)
		}
	}
	if t.Failed() {
		for _, p := range ps {
			t.Log(p.Message("en"))
		}
	}
}

const base = `id = "t"
name = "Thử"
name_en = "Test"
version = "1"
scale = 100.0
`

const indHead = `
[[indicator]]
code = "X"
name = "Chỉ tiêu X"
name_en = "Indicator X"
unit = "%"
domains = ["digital-government"]
`

func TestDecodeRules(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
		want string // fragment of the English message; "" = valid
	}{
		{"ratio", "max_points = 5.0\nrule = {kind = \"ratio\", target = 90.0}", ""},
		{"ratio without target", "max_points = 5.0\nrule = {kind = \"ratio\"}", "needs a target greater than 0"},
		{"ratio zero target", "max_points = 5.0\nrule = {kind = \"ratio\", target = 0.0}", "needs a target greater than 0"},
		{"steps", "max_points = 3.0\nrule = {kind = \"steps\", steps = [[4.0, 3.0], [2.0, 1.0]]}", ""},
		{"steps lower ascending", "max_points = 3.0\ndirection = \"lower\"\nrule = {kind = \"steps\", steps = [[0.0, 3.0], [2.0, 1.0]]}", ""},
		{"steps lower descending", "max_points = 3.0\ndirection = \"lower\"\nrule = {kind = \"steps\", steps = [[2.0, 3.0], [0.0, 1.0]]}", "strictly ascending"},
		{"steps empty", "max_points = 3.0\nrule = {kind = \"steps\"}", "at least one"},
		{"steps bad pair", "max_points = 3.0\nrule = {kind = \"steps\", steps = [[4.0]]}", "exactly 2 numbers"},
		{"steps over max", "max_points = 3.0\nrule = {kind = \"steps\", steps = [[4.0, 5.0]]}", "outside [0, 3]"},
		{"boolean", "max_points = 1.0\nrule = {kind = \"boolean\"}", ""},
		{"boolean with target", "max_points = 1.0\nrule = {kind = \"boolean\", target = 2.0}", "takes no target"},
		{"categorical", "max_points = 2.0\nrule = {kind = \"categorical\", options = {\"a\" = 2.0, \"b\" = 1.0}}", ""},
		{"categorical empty", "max_points = 2.0\nrule = {kind = \"categorical\"}", "needs options"},
		{"categorical over max", "max_points = 2.0\nrule = {kind = \"categorical\", options = {\"a\" = 3.0}}", "outside [0, 2]"},
		{"relative-best", "max_points = 2.0\nrule = {kind = \"relative-best\"}", ""},
		{"pass-fail", "max_points = 1.0\nrule = {kind = \"pass-fail\"}", ""},
		{"pass-fail threshold", "max_points = 1.0\nrule = {kind = \"pass-fail\", pass = 50.0}", ""},
		{"unknown kind", "max_points = 1.0\nrule = {kind = \"lottery\"}", "unknown rule kind"},
		{"rule and normalize", "max_points = 1.0\nnormalize = \"minmax\"\nrule = {kind = \"boolean\"}", "cannot both be set"},
		{"max points zero alone", "max_points = 0.0\nrule = {kind = \"boolean\"}", "cannot be scored"}, // reported only: nothing left to score
		{"no weight", "rule = {kind = \"boolean\"}", "needs a weight or max_points"},
		{"negative weight", "weight = -1.0", "must not be negative"},
		{"unit missing", "max_points = 1.0\nunit = \"\"\nrule = {kind = \"boolean\"}", ""},
		{"bad mapping", "max_points = 1.0\nmaps = [\"DTI\"]\nrule = {kind = \"boolean\"}", "must read FRAMEWORK:CODE"},
		{"bad solution", "max_points = 1.0\nsolution = \"prayer\"\nrule = {kind = \"boolean\"}", "unknown solution group"},
		{"bad data source", "max_points = 1.0\ndata_source = \"rumour\"\nrule = {kind = \"boolean\"}", "invalid data source"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body
			if tt.name == "unit missing" {
				// unit is optional (docs/framework-format.md): no unit at all loads
				src := base + strings.Replace(indHead, "unit = \"%\"\n", "", 1) + "max_points = 1.0\nrule = {kind = \"boolean\"}\n"
				_, err := Decode([]byte(src), "t.toml")
				checkErr(t, err, "")
				return
			}
			_, err := Decode([]byte(base+indHead+body+"\n"), "t.toml")
			checkErr(t, err, tt.want)
		})
	}
}

func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("Decode: unexpected error:\n%v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Decode: no error, want %q", want)
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Decode error %T, want Problems", err)
	}
	for _, p := range ps {
		if strings.Contains(p.EN, want) {
			if p.Line == 0 {
				t.Errorf("problem %q has no line", p.EN)
			}
			return
		}
	}
	t.Fatalf("Decode errors %v, want one containing %q", err, want)
}

func TestDecodeTree(t *testing.T) {
	ind := func(code, parent, extra string) string {
		return "\n[[indicator]]\ncode = \"" + code + "\"\nparent = \"" + parent + "\"\nname = \"n\"\nname_en = \"n\"\nunit = \"%\"\ndomains = [\"smart-city\"]\n" + extra + "\n"
	}
	node := func(code, parent, extra string) string {
		return "\n[[node]]\ncode = \"" + code + "\"\nparent = \"" + parent + "\"\nname = \"n\"\nname_en = \"n\"\n" + extra + "\n"
	}
	for _, tt := range []struct {
		name, src, want string
	}{
		{"valid three levels", base + "total_points = 3.0\n" + node("P", "", "max_points = 3.0") + node("G", "P", "max_points = 3.0") + ind("X", "G", "max_points = 3.0\nrule = {kind = \"boolean\"}"), ""},
		{"sum child without max", base + node("P", "", "max_points = 3.0") + ind("X", "P", "weight = 1.0\nrule = {kind = \"boolean\"}"), "sums points, so this indicator needs max_points"},
		{"node total mismatch", base + node("P", "", "max_points = 4.0") + ind("X", "P", "max_points = 3.0\nrule = {kind = \"boolean\"}"), "do not equal the children's total 3"},
		{"parent is indicator", base + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}") + ind("Y", "X", "max_points = 1.0\nrule = {kind = \"boolean\"}"), "is an indicator"},
		{"geomean over points", base + "aggregation = \"geomean\"\n" + ind("X", "", "weight = 1.0\nrule = {kind = \"boolean\"}"), "geometric mean"},
		{"geomean over minmax", base + "aggregation = \"geomean\"\n" + ind("X", "", "weight = 1.0"), "geometric mean"},
		{"geomean over none", base + "aggregation = \"geomean\"\nnormalize = \"none\"\n" + ind("X", "", "weight = 1.0"), ""},
		{"goalposts without bounds", base + "aggregation = \"mean\"\n" + ind("X", "", "weight = 1.0\nnormalize = \"goalposts\""), "goalposts normalisation needs min and max"},
		{"min coverage out of range", base + "aggregation = \"mean\"\n" + node("P", "", "weight = 1.0\nmin_coverage = 1.5") + ind("X", "P", "weight = 1.0"), "must lie in [0, 1]"},
		{"bad node aggregation", base + node("P", "", "max_points = 1.0\naggregation = \"median\"") + ind("X", "P", "max_points = 1.0\nrule = {kind = \"boolean\"}"), "invalid aggregation"},
		{"bad precision", base + "precision = 12\n" + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}"), "precision 12"},
		{"bad scale", strings.Replace(base, "scale = 100.0", "scale = -1.0", 1) + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}"), "must be greater than 0"},
		{"no indicators", base, "has no indicators"},
		{"overlapping classes", base + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}") + "\n[[class]]\nname = \"A\"\nname_en = \"A\"\nmin = 50.0\n\n[[class]]\nname = \"B\"\nname_en = \"B\"\nmin = 50.0\n", "strictly descending min"},
		{"award unknown class", base + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}") + "\n[[award]]\nname = \"Cờ\"\nname_en = \"Flag\"\nmin_class = \"Vàng\"\n", "is not a [[class]]"},
		{"bad tie break", base + "tie_break = [\"coin\"]\n" + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}"), "invalid tie-break"},
		{"syntax error", base + "[[indicator]\n", "invalid TOML syntax"},
		{"unknown top key", base + "colour = \"red\"\n" + ind("X", "", "max_points = 1.0\nrule = {kind = \"boolean\"}"), `unknown key "colour"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.src), "t.toml")
			checkErr(t, err, tt.want)
		})
	}
}

func TestRuleText(t *testing.T) {
	f, err := Load("ward-unified-2025")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		code, lang, want string
	}{
		{"CQ.2", "vi", "min(giá trị ÷ 60; 1) × 3 điểm"},
		{"CQ.2", "en", "min(value ÷ 60, 1) × 3 points"},
		{"AT.3", "vi", "≤ 0 → 3; còn lại 0"},
		{"NT.2", "en", "≥ 4 → 2; ≥ 3 → 1.5; ≥ 2 → 1; ≥ 1 → 0.5; otherwise 0"},
		{"CC.4", "vi", "≤ 2 → 1 điểm; cao hơn: 2 ÷ giá trị × 1"},
		{"DT.7", "vi", "theo dõi, không tính điểm"},
	} {
		if got := f.RuleText(f.Indicator(tt.code), Lang(tt.lang)); got != tt.want {
			t.Errorf("RuleText(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, n := range Embedded() {
		src, err := EmbeddedSource(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	if b, err := os.ReadFile("../testdata/frameworks/broken.toml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(base + indHead + "max_points = 1.0\nrule = {kind = \"steps\", steps = [[1.0, 1.0]]}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Decode(data, "fuzz.toml")
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("Decode error %T %v, want non-empty Problems", err, err)
			}
			return
		}
		// A valid framework survives a round trip.
		var b bytes.Buffer
		if err := Encode(&b, fw); err != nil {
			t.Fatal(err)
		}
		if _, err := Decode(b.Bytes(), "again.toml"); err != nil {
			t.Fatalf("re-decode of a valid framework failed: %v\n%s", err, b.String())
		}
	})
}

// TestValidateDoesNotChange: Validate checks a framework built in code as
// if its defaults were filled in, and leaves it as it was.
func TestValidateDoesNotChange(t *testing.T) {
	w := 1.0 // one point
	f := &Framework{ID: "x", Name: "X", Version: "1",
		Indicators: []Indicator{{Code: "A", Name: "A", NameEN: "A", Domains: []string{DomainDigitalGov}, Unit: "%", MaxPoints: &w, Rule: &Rule{Kind: RuleBoolean}}},
		Classes:    []Class{{Name: "Đạt", Min: 0}}}
	before := *f
	before.Indicators = append([]Indicator(nil), f.Indicators...)
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&before, f); diff != "" {
		t.Errorf("Validate changed the framework (-before +after):\n%s", diff)
	}
	d := f.WithDefaults()
	if d.Aggregation != AggSum || d.Missing != MissingZero || d.Normalize != NormMinMax || d.Scale != 100 || d.Indicators[0].Direction != Higher {
		t.Errorf("WithDefaults = %+v", d)
	}
	if f.Scale != 0 || f.Indicators[0].Direction != "" {
		t.Error("WithDefaults changed its receiver")
	}
}

// TestDocsFramework: the complete example of docs/framework-format.md
// loads, every key of the model is documented there, and a framework with
// only the keys the docs call required loads.
func TestDocsFramework(t *testing.T) {
	doc, err := os.ReadFile("../docs/framework-format.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i := strings.Index(text, "## A complete small example")
	j := strings.Index(text[i:], "```toml\n")
	k := strings.Index(text[i+j+8:], "```")
	if i < 0 || j < 0 || k < 0 {
		t.Fatal("no example in the docs")
	}
	if _, err := Decode([]byte(text[i+j+8:i+j+8+k]), "docs example"); err != nil {
		t.Errorf("the docs example does not load:\n%v", err)
	}
	for _, typ := range []reflect.Type{reflect.TypeOf(Framework{}), reflect.TypeOf(Node{}), reflect.TypeOf(Indicator{}), reflect.TypeOf(Rule{}), reflect.TypeOf(Class{}), reflect.TypeOf(Award{}), reflect.TypeOf(Domain{})} {
		for f := range typ.Fields() {
			key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if key != "" && !strings.Contains(text, "`"+key+"`") && !strings.Contains(text, key+" = ") && !strings.Contains(text, "`[["+key+"]]`") && !strings.Contains(text, "`["+key+"]`") {
				t.Errorf("key %s.%s is not documented", typ.Name(), key)
			}
		}
	}
	minimal := `id = "m"
name = "Tối thiểu"
version = "1"

[[node]]
code = "P"
name = "Trụ cột"
max_points = 1.0

[[indicator]]
code = "A"
parent = "P"
name = "Chỉ tiêu"
max_points = 1.0
rule = {kind = "boolean"}
`
	if _, err := Decode([]byte(minimal), "minimal.toml"); err != nil {
		t.Errorf("a framework with the required keys only does not load:\n%v", err)
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		v      float64
		vi, en string
	}{
		{87.5, "87,5", "87.5"},
		{2024, "2024", "2024"},
		{10000, "10.000", "10,000"},
		{1234567.25, "1.234.567,25", "1,234,567.25"},
		{-55000, "-55.000", "-55,000"},
		{0.12345, "0,1235", "0.1235"},
		{-0.00001, "0", "0"},
	} {
		if got := FormatNumber(tt.v, Vietnamese); got != tt.vi {
			t.Errorf("FormatNumber(%v, vi) = %q, want %q", tt.v, got, tt.vi)
		}
		if got := FormatNumber(tt.v, English); got != tt.en {
			t.Errorf("FormatNumber(%v, en) = %q, want %q", tt.v, got, tt.en)
		}
	}
}

// TestFrameworkBounds: frameworks that would make the checks or the
// reports blow up are refused with the limit named, quickly.
func TestFrameworkBounds(t *testing.T) {
	var many strings.Builder
	many.WriteString("id = \"x\"\nname = \"X\"\nversion = \"1\"\naggregation = \"mean\"\n")
	for i := range 50000 {
		fmt.Fprintf(&many, "[[indicator]]\ncode = \"I%d\"\nname = \"I\"\n", i)
	}
	var chain strings.Builder
	chain.WriteString("id = \"x\"\nname = \"X\"\nversion = \"1\"\naggregation = \"mean\"\n")
	for i := range 400 {
		parent := ""
		if i > 0 {
			parent = fmt.Sprintf("N%d", i-1)
		}
		fmt.Fprintf(&chain, "[[node]]\ncode = \"N%d\"\nparent = \"%s\"\nname = \"N\"\n", i, parent)
	}
	chain.WriteString("[[indicator]]\ncode = \"I\"\nparent = \"N399\"\nname = \"I\"\n")
	nested := "id = \"x\"\nname = \"X\"\nversion = \"1\"\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n"
	zero := "id = \"x\"\nname = \"X\"\nversion = \"1\"\naggregation = \"mean\"\n[[indicator]]\ncode = \"A\"\nname = \"A\"\nweight = 0.0\n[[indicator]]\ncode = \"B\"\nname = \"B\"\nweight = 0.0\n"
	for _, tt := range []struct{ name, src, want string }{
		{"50,000 indicators", many.String(), "at most 2000 indicators"},
		{"a chain of 400 nodes", chain.String(), "nests more than 12 levels"},
		{"inline tables nested 10,000 deep", nested, "nested more than 16 deep"},
		{"weights all zero", zero, `no child of "index" has a positive weight`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.src), "x.toml")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Decode: %v, want an error with %q", err, tt.want)
			}
		})
	}
}
