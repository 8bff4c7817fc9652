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

// BenchmarkPCA: the first principal component of 25 standardised columns
// of 10,000 rows, 2 % of the values missing (a pillar of the #13 harness).
func BenchmarkPCA(b *testing.B) {
	rng := rand.New(rand.NewPCG(11, 12))
	cols := make([][]float64, 25)
	for c := range cols {
		cols[c] = make([]float64, 10000)
		for i := range cols[c] {
			cols[c][i] = rng.NormFloat64() + float64(c%3)*0.1*float64(i%7)
			if rng.IntN(50) == 0 {
				cols[c][i] = math.NaN()
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if n, explained, _ := PCA(cols, true); n == 0 || len(explained) != 25 {
			b.Fatal(n, len(explained))
		}
	}
}
