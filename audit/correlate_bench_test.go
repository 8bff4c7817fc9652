package audit

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkCorrelate: Pearson and Spearman of two columns of 10,000
// units, 2 % of each missing (as in the #13 harness CSV), the rows
// already sorted as the audit sorts them once per column: the work the
// audit does for each of its within-pillar pairs.
func BenchmarkCorrelate(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	x, y := make([]float64, 10000), make([]float64, 10000)
	for i := range x {
		x[i] = math.Round(rng.NormFloat64()*1000) / 10
		y[i] = math.Round((0.5*x[i]+rng.NormFloat64()*50)*10) / 10
		if rng.IntN(50) == 0 {
			x[i] = math.NaN()
		}
		if rng.IntN(50) == 0 {
			y[i] = math.NaN()
		}
	}
	rc := newRankCache()
	rc.sorted(x)
	rc.sorted(y)
	b.ReportAllocs()
	for b.Loop() {
		if c := rc.correlate("x", "y", x, y); math.IsNaN(c.Spearman) {
			b.Fatal(c)
		}
	}
}
