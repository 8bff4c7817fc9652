package reports

import (
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendMatchesEncodingJSON checks the hand-written appenders against
// encoding/json, the independent method, on edge values and on random
// ones: every byte must agree.
func TestAppendMatchesEncodingJSON(t *testing.T) {
	strs := []string{"", "HT.1", "Phường Hiệp Thành", "a\"b\\c", "<script>&", "a<b", "x>y", "p&q", "tab\there\nline", "\x00\x1f\x7f",
		"bad \xff utf-8", "line\u2028sep\u2029", "😀 𠀀", "‮Kết", "\xe2\x82"}
	floats := []float64{0, -0.0, 1, -1, 0.5, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 123456789.125, -3.25e-10, math.MaxFloat64, math.SmallestNonzeroFloat64, 1.0 / 3}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		f := math.Float64frombits(rng.Uint64())
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			floats = append(floats, f)
		}
		floats = append(floats, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(50)-25)))
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("string %q: got %s, encoding/json %s", s, got, want)
		}
	}
	for _, f := range floats {
		want, _ := json.Marshal(f)
		if got := appendFloat(nil, f); string(got) != string(want) {
			t.Errorf("float %v: got %s, encoding/json %s", f, got, want)
		}
		wantJ, _ := json.Marshal(jnum(f))
		if got := appendJnum(nil, jnum(f)); string(got) != string(wantJ) {
			t.Errorf("jnum %v: got %s, encoding/json %s", f, got, wantJ)
		}
	}
	pick := func() string { return strs[rng.IntN(len(strs))] }
	num := func() float64 { return floats[rng.IntN(len(floats))] }
	for i := range 3000 {
		pts, mx := num(), num()
		ji := jsonIndicator{Value: jnum(num()), Raw: pick(), Basis: pick(), Status: pick(), Points: &pts, Max: &mx, Score: num(),
			Lost: num(), Reason: pick(), Note: pick()}
		if i%5 == 2 {
			ji.Points, ji.Max = nil, nil // an indicator without points
		}
		if i%2 == 0 {
			sv, self, sp := jnum(num()), jnum(num()), num()
			ji.ScoredValue, ji.Self, ji.SelfPoints = &sv, &self, &sp
			ji.Evidence = []string{pick(), pick()}
		}
		if i%3 == 0 {
			nan := jnum(math.NaN())
			ji.Self = &nan
		}
		if v := float64(ji.Value); i%4 == 1 && !math.IsNaN(v) && !math.IsInf(v, 0) {
			ji.text = strconv.AppendFloat(nil, v, 'g', -1, 64) // as appendUnit formats it
		}
		want, err := json.Marshal(ji)
		if err != nil {
			t.Fatal(err)
		}
		if got := ji.appendJSON(nil); string(got) != string(want) {
			t.Fatalf("indicator:\n got %s\nwant %s", got, want)
		}
		npts, nmx := jnum(math.NaN()), num()
		jn := jsonNode{Score: jnum(num()), Points: &npts, Max: &nmx, Rank: rng.IntN(5000) - 1, Status: pick()}
		if i%5 == 3 {
			jn.Points, jn.Max = nil, nil // a node without points
		}
		want, _ = json.Marshal(jn)
		if got := jn.appendJSON(nil); string(got) != string(want) {
			t.Fatalf("node:\n got %s\nwant %s", got, want)
		}
		jd := jsonDomain{Score: jnum(num()), Rank: rng.IntN(5000)}
		want, _ = json.Marshal(jd)
		if got := jd.appendJSON(nil); string(got) != string(want) {
			t.Fatalf("domain:\n got %s\nwant %s", got, want)
		}
	}
	if got := string(appendFloat(nil, math.NaN())); got != "null" {
		t.Errorf("NaN points: got %s, want null", got)
	}
}

// BenchmarkWriteJSON: results.json for 10,000 units × 96 indicators, the
// part of #13's `dti score --format json` after the engine. The appenders
// took the whole command from 16.3 s to 4.1 s on a 2-core machine.
func BenchmarkWriteJSON(b *testing.B) {
	ev := bigEval(b, 10000, 96)
	b.ReportAllocs()
	for b.Loop() {
		var n countWriter
		if err := WriteJSON(&n, ev, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n), "bytes")
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)

// FuzzAppendString: for any text a ward can put in a name, reason or note,
// the appender writes what encoding/json writes.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"Phường Hiệp Thành", "a<b", "\xff\u2028\x00", "‮😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Fatalf("%q: got %s, encoding/json %s", s, got, want)
		}
	})
}
