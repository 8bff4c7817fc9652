package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cqs-vn/dtikit/audit"
	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/submission"
	"github.com/google/go-cmp/cmp"
)

func TestResultsJSONContract(t *testing.T) {
	fw, _ := indicators.Decode([]byte(fixture.SmallFramework), "small.toml")
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: []*submission.Submission{fixture.Sub("X", "A1=100/50", "A2=100", "V=1"), fixture.Sub("Y", "A1=90", "A2=NA")}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, ev, nil); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Framework struct {
			ID      string  `json:"id"`
			Version string  `json:"version"`
			Scale   float64 `json:"scale"`
		} `json:"framework"`
		Units []struct {
			Code       string                     `json:"code"`
			Name       string                     `json:"name"`
			Score      *float64                   `json:"score"`
			Rank       int                        `json:"rank"`
			Class      string                     `json:"class"`
			Nodes      map[string]json.RawMessage `json:"nodes"`
			Domains    map[string]json.RawMessage `json:"domains"`
			Indicators map[string]struct {
				Value  *float64 `json:"value"`
				Basis  string   `json:"basis"`
				Points float64  `json:"points"`
				Max    float64  `json:"max"`
				Score  float64  `json:"score"`
			} `json:"indicators"`
			Awards     []string `json:"awards"`
			Warnings   []string `json:"warnings"`
			VetoFailed []string `json:"veto_failed"`
		} `json:"units"`
		Rejected []struct {
			File   string   `json:"file"`
			Errors []string `json:"errors"`
		} `json:"rejected"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("results.json is not valid JSON: %v\n%s", err, b.String())
	}
	if doc.Framework.ID != "small" || doc.Framework.Version != "1" || doc.Framework.Scale != 100 {
		t.Errorf("framework = %+v", doc.Framework)
	}
	if len(doc.Units) != 2 || doc.Units[0].Code != "Y" || doc.Units[0].Rank != 1 || *doc.Units[0].Score != 90 {
		t.Fatalf("units = %+v", doc.Units)
	}
	x := doc.Units[1]
	// X: 70 → Trung bình; V = 1 incident fails the veto (not scored, max 0).
	if x.Class != "Trung bình" || len(x.VetoFailed) != 0 {
		t.Errorf("X class %q veto %v", x.Class, x.VetoFailed)
	}
	a1 := x.Indicators["A1"]
	if a1.Basis != "appraised" || *a1.Value != 50 || a1.Points != 3 || a1.Max != 6 || a1.Score != 50 {
		t.Errorf("X A1 = %+v", a1)
	}
	if y := doc.Units[0].Indicators["A2"]; y.Basis != "not-applicable" || y.Value != nil {
		t.Errorf("Y A2 = %+v", y)
	}
	keys := func(m map[string]json.RawMessage) []string {
		var k []string
		for s := range m {
			k = append(k, s)
		}
		sort.Strings(k)
		return k
	}
	if diff := cmp.Diff([]string{"A"}, keys(x.Nodes)); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"admin-reform", "digital-government"}, keys(x.Domains)); diff != "" { // the two the framework's indicators name
		t.Errorf("domains (-want +got):\n%s", diff)
	}
	// Same inputs, same bytes.
	var b2 bytes.Buffer
	if err := WriteJSON(&b2, ev, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), b2.Bytes()) {
		t.Error("WriteJSON is not deterministic")
	}
}

// FuzzReadPriors: a results.json given with --previous is untrusted input:
// it never panics, and what it accepts has a code and a finite score for
// every unit, each code once.
func FuzzReadPriors(f *testing.F) {
	f.Add(`{"units":[{"code":"A","period":"2024","score":80.5,"rank":1,"class":"Tốt","nodes":{"P":{"score":70}}}]}`)
	f.Add(`{"units":[{"code":"A","score":1},{"code":"A","score":2}]}`)
	f.Add(`{"units":[{"code":"","score":1}]}`)
	f.Add(`{"units":[{"code":"B","score":null,"nodes":{"P":{"score":null}}}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, doc string) {
		ps, err := ReadPriors(strings.NewReader(doc))
		if err != nil {
			return
		}
		for code, p := range ps {
			if code == "" || p.Code != code || math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
				t.Fatalf("accepted %q: %+v", code, p)
			}
		}
	})
}

func TestReadPriorsRefuses(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`{"units":[{"code":"A","score":1},{"code":"A","score":2}]}`, "units[1]: unit A appears twice"},
		{`{"units":[{"code":"","score":1}]}`, "units[0]: no unit code"},
		{`{"units":[{"code":"A","score":"x"}]}`, "cannot unmarshal"},
	} {
		if _, err := ReadPriors(strings.NewReader(c.doc)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.doc, err, c.want)
		}
	}
}

// TestWriteJSONCores: results.json of 600 units (several windows of the
// parallel encoder) has the same bytes on one core and on four.
func TestWriteJSONCores(t *testing.T) {
	ev := bigEval(t, 600, 12)
	write := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var buf bytes.Buffer
		if err := WriteJSON(&buf, ev, &Options{Timestamp: fixedTime}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	one, four := write(1), write(4)
	if !bytes.Equal(one, four) {
		t.Fatalf("four cores wrote %d bytes, one core %d, and they differ", len(four), len(one))
	}
	if n := bytes.Count(one, []byte(`"code":"X`)); n < 600 {
		t.Fatalf("%d units written, want 600", n)
	}
}

// TestWriteCSVCores: results.csv, encoded in chunks on every core and read
// through Evaluation.Points, has the bytes of a plain one-row-at-a-time
// writer reading Evaluation.Indicators (the writer before #13), on one
// core and on four, in both separators; 1,100 units cross the chunks and
// windows.
func TestWriteCSVCores(t *testing.T) {
	fw, subs := fixture.Big(t, 1100, 12)
	fw.Missing = indicators.MissingReweight // missing values not counted
	for i, s := range subs {                // values missing (not counted) and not applicable
		for code, e := range s.All() {
			switch (i + len(code)) % 9 {
			case 0:
				e.SetSelf(submission.Value{})
				e.SetAppraised(submission.Value{})
			case 1:
				e.SetNA(true)
			}
		}
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, excel := range []bool{false, true} {
		var want bytes.Buffer
		want.WriteString("\ufeff")
		cw := csv.NewWriter(&want)
		num := fnum
		if excel {
			cw.Comma = ';'
			num = func(v float64, ok bool) string { return strings.Replace(fnum(v, ok), ".", ",", 1) }
		}
		cw.Write(csvHeader(ev, indicators.Vietnamese))
		fw := ev.Framework
		for _, u := range ev.Units {
			rank := ""
			if u.Rank > 0 {
				rank = strconv.Itoa(u.Rank)
			}
			var awards []string
			for _, a := range u.AwardNames() {
				awards = append(awards, fw.AwardName(a, indicators.Vietnamese))
			}
			row := []string{rank, csvSafe(u.Code), csvSafe(u.Name), num(u.Score, u.HasScore), fw.ClassName(u.Class, indicators.Vietnamese), num(u.Claimed, u.HasClaimed), num(u.Loss, true), strings.Join(awards, "; "), strings.Join(u.VetoFailed, "; ")}
			for n := range ev.Nodes(u) {
				row = append(row, num(n.Score, n.Status.Counted()))
			}
			for d := range ev.Domains {
				row = append(row, num(u.Domains[d], true))
			}
			for ir := range ev.Indicators(u) {
				row = append(row, num(ir.Points, ir.Status.Counted()))
			}
			cw.Write(row)
		}
		cw.Flush()
		for _, procs := range []int{1, 4} {
			var got bytes.Buffer
			func() {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				if err := WriteCSV(&got, ev, &Options{CSVExcel: excel}); err != nil {
					t.Fatal(err)
				}
			}()
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("excel=%v, %d cores: %d bytes, the plain writer %d, and they differ", excel, procs, got.Len(), want.Len())
			}
		}
		if n := bytes.Count(want.Bytes(), []byte("\n")); n != 1101 {
			t.Fatalf("%d lines, want 1,101", n)
		}
	}
}

// BenchmarkWriteCSV: results.csv for 10,000 units × 96 indicators, the
// part of #13's `dti score --format csv` after the engine.
func BenchmarkWriteCSV(b *testing.B) {
	ev := bigEval(b, 10000, 96)
	b.ReportAllocs()
	for b.Loop() {
		var n countWriter
		if err := WriteCSV(&n, ev, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAuditFunc: given AuditFunc instead of Audit, results.json asks it for
// the audit (once) and writes the bytes it writes with the audit given.
func TestAuditFunc(t *testing.T) {
	ev := bigEval(t, 300, 12)
	r := audit.Run(ev)
	var given, asked bytes.Buffer
	if err := WriteJSON(&given, ev, &Options{Timestamp: fixedTime, Audit: r}); err != nil {
		t.Fatal(err)
	}
	calls := 0
	if err := WriteJSON(&asked, ev, &Options{Timestamp: fixedTime, AuditFunc: func() *audit.Report { calls++; return r }}); err != nil {
		t.Fatal(err)
	}
	if calls != 1 || !bytes.Equal(given.Bytes(), asked.Bytes()) {
		t.Fatalf("AuditFunc called %d times; results.json the same: %v", calls, bytes.Equal(given.Bytes(), asked.Bytes()))
	}
	// Given neither, it computes the audit itself, without the correlation
	// matrix it does not write: the same bytes.
	var computed bytes.Buffer
	if err := WriteJSON(&computed, ev, &Options{Timestamp: fixedTime}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(given.Bytes(), computed.Bytes()) {
		t.Fatal("results.json with the audit computed differs from results.json with the full audit given")
	}
}

// TestResultsJSONPointsOmitted: points and max are left out of an
// indicator or node only where both are 0 (it carries no points: a veto
// indicator, every item of a framework that normalises), never where a
// unit scored 0 of some points.
func TestResultsJSONPointsOmitted(t *testing.T) {
	small, _ := indicators.Decode([]byte(fixture.SmallFramework), "small.toml")
	norm, err := indicators.Decode([]byte(`id = "norm"
name = "Chuẩn hóa"
version = "1"
scale = 100
aggregation = "mean"
missing = "reweight"
normalize = "minmax"

[[node]]
code = "P"
name = "Trụ cột"

[[indicator]]
code = "I1"
parent = "P"
name = "Một"
unit = "%"

[[indicator]]
code = "I2"
parent = "P"
name = "Hai"
unit = "%"
`), "norm.toml")
	if err != nil {
		t.Fatal(err)
	}
	type item struct{ unit, code string }
	for _, c := range []struct {
		fw           *indicators.Framework
		subs         []*submission.Submission
		with, withou []item // indicators or nodes with points and max, without both
	}{
		{small, []*submission.Submission{fixture.Sub("X", "A1=0", "A2=100", "V=0"), fixture.Sub("Y", "A1=90", "A2=NA", "V=0")},
			[]item{{"X", "A1"}, {"X", "A2"}, {"Y", "A1"}, {"Y", "A2"}, {"X", "node A"}, {"Y", "node A"}}, []item{{"X", "V"}, {"Y", "V"}}},
		{norm, []*submission.Submission{fixture.Sub("X", "I1=10", "I2=20"), fixture.Sub("Y", "I1=30", "I2=5")},
			nil, []item{{"X", "I1"}, {"X", "I2"}, {"Y", "I1"}, {"Y", "node P"}}},
	} {
		b := resultsJSON(t, c.fw, c.subs...)
		var doc struct {
			Units []struct {
				Code       string                                `json:"code"`
				Nodes      map[string]map[string]json.RawMessage `json:"nodes"`
				Indicators map[string]map[string]json.RawMessage `json:"indicators"`
			} `json:"units"`
		}
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		obj := func(it item) map[string]json.RawMessage {
			for _, u := range doc.Units {
				if u.Code == it.unit {
					if n, ok := strings.CutPrefix(it.code, "node "); ok {
						return u.Nodes[n]
					}
					return u.Indicators[it.code]
				}
			}
			return nil
		}
		for _, it := range c.with {
			o := obj(it)
			if _, ok := o["points"]; !ok {
				t.Errorf("%s %s %s: no points in %v", c.fw.ID, it.unit, it.code, o)
			}
			if _, ok := o["max"]; !ok {
				t.Errorf("%s %s %s: no max in %v", c.fw.ID, it.unit, it.code, o)
			}
		}
		for _, it := range c.withou {
			o := obj(it)
			if o == nil || o["score"] == nil {
				t.Fatalf("%s %s %s: not written (%v)", c.fw.ID, it.unit, it.code, o)
			}
			if _, ok := o["points"]; ok {
				t.Errorf("%s %s %s: points written: %v", c.fw.ID, it.unit, it.code, o)
			}
			if _, ok := o["max"]; ok {
				t.Errorf("%s %s %s: max written: %v", c.fw.ID, it.unit, it.code, o)
			}
		}
	}
	// X scored 0 of A1's 6 points: both written as numbers.
	b := resultsJSON(t, small, fixture.Sub("X", "A1=0", "A2=100", "V=0"))
	if !strings.Contains(b.String(), `"A1":{"value":0,"basis":"self","status":"scored","points":0,"max":6,`) {
		t.Errorf("A1 of X, 0 of 6 points, not written with both:\n%s", b.String())
	}
}

// resultsJSON evaluates subs on fw and returns their results.json.
func resultsJSON(t *testing.T, fw *indicators.Framework, subs ...*submission.Submission) *bytes.Buffer {
	t.Helper()
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, ev, nil); err != nil {
		t.Fatal(err)
	}
	return &b
}
