package reports

import (
	"encoding/json"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
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

// TestShortestG: where shortestG says a value's text is what strconv
// writes, it is; and it says so for the plain decimals a CSV holds.
func TestShortestG(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		v    float64
		want bool
	}{
		{"43.5523", 43.5523, true},
		{"-7.25", -7.25, true},
		{"0", 0, true},
		{"100", 100, true},
		{"0.0001234", 0.0001234, true},
		{"999999", 999999, true},
		{"123456.789012345", 123456.789012345, true},
		{"-0", math.Copysign(0, -1), false}, // 'g' writes "-0", but a sign is not worth the case
		{"0", math.Copysign(0, -1), false},
		{"1000000", 1e6, false},  // 'g' writes 1e+06
		{"0.00001", 1e-5, false}, // 1e-05
		{"1.50", 1.5, false},     // a trailing zero
		{"01.5", 1.5, false},     // a leading zero
		{"1,5", 1.5, false},      // a decimal comma
		{"1.234", 1234, false},   // read as thousands
		{"+5", 5, false},         // a sign 'g' does not write
		{".5", 0.5, false},
		{"5.", 5, false},
		{"1e3", 1000, false},
		{"0.1000000000000000055511151231257827", 0.1, false},
		{"1234567890.12345", 1234567890.12345, false}, // 10⁹: 'g' writes an exponent
		{"12345.6789012345678", 12345.6789012345678, false},
		{"43.5523", 43.5524, false},
		{"", 0, false},
		{"-", 0, false},
		{"50%", 50, false},
	} {
		if got := shortestG(tt.raw, tt.v); got != tt.want {
			t.Errorf("shortestG(%q, %v) = %v, want %v", tt.raw, tt.v, got, tt.want)
		}
		if shortestG(tt.raw, tt.v) && strconv.FormatFloat(tt.v, 'g', -1, 64) != tt.raw {
			t.Errorf("shortestG(%q, %v) true, but strconv writes %q", tt.raw, tt.v, strconv.FormatFloat(tt.v, 'g', -1, 64))
		}
	}
	// Random decimals of 1 to 17 digits at every scale: whenever it says
	// yes, strconv agrees; and it says yes for every one strconv writes
	// back the same with at most 15 digits in the %f range.
	rng := rand.New(rand.NewPCG(5, 6))
	yes := 0
	for range 200000 {
		digits := 1 + rng.IntN(17)
		m := rng.Uint64N(uint64(math.Pow10(min(digits, 18))))
		raw := strconv.FormatUint(m, 10)
		if k := rng.IntN(digits + 6); k > 0 {
			for len(raw) <= k {
				raw = "0" + raw
			}
			raw = raw[:len(raw)-k] + "." + raw[len(raw)-k:]
		}
		if rng.IntN(3) == 0 {
			raw = "-" + raw
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatal(err)
		}
		g := strconv.FormatFloat(v, 'g', -1, 64)
		got := shortestG(raw, v)
		if got && g != raw {
			t.Fatalf("shortestG(%q) true, strconv writes %q", raw, g)
		}
		if !got && g == raw && !strings.ContainsAny(g, "e") && significant(g) <= 15 && g != "-0" {
			t.Fatalf("shortestG(%q) false, though strconv writes it back", raw)
		}
		if got {
			yes++
		}
	}
	if yes < 10000 {
		t.Errorf("only %d of 200,000 random decimals recognised", yes)
	}
}

// significant counts a decimal's significant digits.
func significant(s string) int {
	s = strings.TrimLeft(strings.ReplaceAll(strings.TrimPrefix(s, "-"), ".", ""), "0")
	return len(s)
}

// FuzzShortestG: for any text and the number it reads as (or any number),
// shortestG says yes only where strconv writes that text.
func FuzzShortestG(f *testing.F) {
	for _, s := range []string{"43.5523", "0", "-0", "100", "0.0001234", "1.50", "1e3", "999999.999999999"} {
		f.Add(s, 1.0)
	}
	f.Fuzz(func(t *testing.T, raw string, x float64) {
		for _, v := range []float64{x, parsed(raw)} {
			if shortestG(raw, v) && strconv.FormatFloat(v, 'g', -1, 64) != raw {
				t.Fatalf("shortestG(%q, %v) true, strconv writes %q", raw, v, strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
	})
}

func parsed(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

// BenchmarkValueText: a CSV value's text for results.json, recognised as
// strconv's (/raw) or formatted again (/format).
func BenchmarkValueText(b *testing.B) {
	raws := []string{"43.5523", "8.2792", "29.7329", "100", "0.5", "61.0042", "7", "93.125"}
	vals := make([]float64, len(raws))
	for i, r := range raws {
		vals[i] = parsed(r)
	}
	var buf [32]byte
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			k := i % len(raws)
			if !shortestG(raws[k], vals[k]) {
				b.Fatal(raws[k])
			}
			_ = append(buf[:0], raws[k]...)
		}
	})
	b.Run("format", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			k := i % len(raws)
			if string(strconv.AppendFloat(buf[:0], vals[k], 'g', -1, 64)) != raws[k] {
				b.Fatal(raws[k])
			}
		}
	})
}
