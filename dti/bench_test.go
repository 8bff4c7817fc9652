package dti

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/submission"
)

// benchFramework builds a sum framework of 100 indicators in 4 levels:
// index → 5 pillars → 4 groups each → 5 indicators each, with every rule kind.
func benchFramework(tb testing.TB) *indicators.Framework {
	tb.Helper()
	f := &indicators.Framework{ID: "bench", Name: "Thử tải", NameEN: "Benchmark", Version: "1", Scale: 100, Aggregation: "sum", Missing: "zero", Normalize: "minmax"}
	p2 := 2
	f.Precision = &p2
	one := func(v float64) *float64 { return &v }
	kinds := []indicators.Rule{
		{Kind: "ratio", Target: one(90)},
		{Kind: "steps", Steps: [][]float64{{80, 1}, {50, 0.5}}},
		{Kind: "boolean"},
		{Kind: "relative-best"},
		{Kind: "pass-fail", Pass: one(50)},
	}
	for p := 0; p < 5; p++ {
		pc := fmt.Sprintf("P%d", p)
		f.Nodes = append(f.Nodes, indicators.Node{Code: pc, Name: pc, NameEN: pc, MaxPoints: one(20)})
		for g := 0; g < 4; g++ {
			gc := fmt.Sprintf("%s.G%d", pc, g)
			f.Nodes = append(f.Nodes, indicators.Node{Code: gc, Parent: pc, Name: gc, NameEN: gc, MaxPoints: one(5)})
			for i := 0; i < 5; i++ {
				r := kinds[i]
				f.Indicators = append(f.Indicators, indicators.Indicator{Code: fmt.Sprintf("%s.%d", gc, i), Parent: gc, Name: "x", NameEN: "x", Unit: "%",
					Direction: "higher", MaxPoints: one(1), Rule: &r, Domains: []string{indicators.BuiltinDomains[i%3].Code}})
			}
		}
	}
	if err := f.Validate(); err != nil {
		tb.Fatal(err)
	}
	return f
}

func benchSubmissions(fw *indicators.Framework, n int) []*submission.Submission {
	rng := rand.New(rand.NewPCG(7, 8))
	subs := make([]*submission.Submission, n)
	for u := range subs {
		s := submission.New("", len(fw.Indicators)) // as the readers make it
		s.Unit, s.Name = "U"+strconv.Itoa(u), "Xã "+strconv.Itoa(u)
		for _, ind := range fw.Indicators {
			e := s.Entry(ind.Code)
			v := rng.Float64() * 100
			if ind.Rule.Kind == "boolean" {
				v = float64(rng.IntN(2))
			}
			e.SetSelf(submission.Value{Num: v, Set: rng.IntN(50) != 0})
			if rng.IntN(10) == 0 {
				e.SetAppraised(submission.Value{Num: v * 0.9, Set: true})
			}
		}
		subs[u] = s
	}
	return subs
}

// BenchmarkEvaluate scores 10,000 units × 100 indicators in 4 levels on
// both bases (goal: under 100 ms).
func BenchmarkEvaluate(b *testing.B) {
	fw := benchFramework(b)
	subs := benchSubmissions(fw, 10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Evaluate(fw, &submission.Batch{Submissions: subs}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
