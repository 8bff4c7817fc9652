package audit

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/scoring"
	"gonum.org/v1/gonum/stat"
)

// SensitivityOptions set the variance-based sensitivity analysis.
type SensitivityOptions struct {
	Samples   int     // N, the base sample; the model runs N × (factors + 2) times
	Seed      uint64  // the same seed gives the same result
	Band      float64 // pillar weights drawn within [1−Band, 1+Band]; 0.25 by default when negative
	Bootstrap int     // resamples for the 95 % confidence intervals; 0: none
}

// Factor is one uncertain input and how much of the variance of the
// output it explains: alone (first order) and with its interactions
// (total), each with a bootstrap 95 % interval (NaN without bootstrap).
type Factor struct {
	Name             string  // a pillar's code, or "missing" for the missing-data policy
	First, Total     float64 // Jansen's estimates
	FirstLo, FirstHi float64
	TotalLo, TotalHi float64
}

// Sensitivity measures which uncertain input moves the ranking. The
// inputs are the weight (max points) of each pillar, drawn within the
// band, and the missing-data policy (0 or re-weighting, each with
// probability ½); the output is the mean absolute shift of the units'
// ranks from their official ranks. It uses a Saltelli design (matrices A
// and B of N rows, and for each input A with that column taken from B)
// and Jansen's estimators of the first-order and total indices; the 95 %
// intervals come from resampling the N rows. When no input moves any
// rank the indices are NaN (there is no variance to share out).
func Sensitivity(ev *dti.Evaluation, o SensitivityOptions) ([]Factor, error) {
	if o.Samples < 2 {
		return nil, errors.New("audit: sensitivity needs at least two samples")
	}
	band := o.Band
	if band < 0 {
		band = 0.25
	}
	names, newModel, err := rankShiftModel(ev, band)
	if err != nil {
		return nil, err
	}
	k := len(names)
	rng := rand.New(rand.NewPCG(o.Seed, 0x5a17e11))
	d := saltelli(newModel, k, o.Samples, rng)
	rows := make([]int, o.Samples)
	for r := range rows {
		rows[r] = r
	}
	first, total := d.jansen(rows)
	out := make([]Factor, k)
	nan := math.NaN()
	for i := range out {
		out[i] = Factor{Name: names[i], First: first[i], Total: total[i], FirstLo: nan, FirstHi: nan, TotalLo: nan, TotalHi: nan}
	}
	if o.Bootstrap > 0 {
		bf, bt := make([][]float64, k), make([][]float64, k)
		sample := make([]int, o.Samples)
		for b := 0; b < o.Bootstrap; b++ {
			for r := range sample {
				sample[r] = rng.IntN(o.Samples)
			}
			f, t := d.jansen(sample)
			for i := 0; i < k; i++ {
				if !math.IsNaN(f[i]) {
					bf[i] = append(bf[i], f[i])
					bt[i] = append(bt[i], t[i])
				}
			}
		}
		for i := range out {
			if len(bf[i]) == 0 {
				continue
			}
			sort.Float64s(bf[i])
			sort.Float64s(bt[i])
			out[i].FirstLo, out[i].FirstHi = stat.Quantile(0.025, stat.Empirical, bf[i], nil), stat.Quantile(0.975, stat.Empirical, bf[i], nil)
			out[i].TotalLo, out[i].TotalHi = stat.Quantile(0.025, stat.Empirical, bt[i], nil), stat.Quantile(0.975, stat.Empirical, bt[i], nil)
		}
	}
	return out, nil
}

// rankShiftModel is the model the sensitivity analysis samples: the names
// of its inputs (the pillars, then "missing") and a maker of the model,
// each with buffers of its own so that workers can run them side by side,
// which maps a point x of [0, 1)^k to the mean absolute rank shift from
// the official ranks when pillar p's weight is multiplied by
// 1 + band·(2x_p − 1) and missing values score 0 when x_k < ½.
func rankShiftModel(ev *dti.Evaluation, band float64) ([]string, func() func([]float64) float64, error) {
	pd, err := newPoints(ev)
	if err != nil {
		return nil, nil, err
	}
	fw := ev.Framework
	var pillars []int
	var names []string
	for i := range fw.Nodes {
		if fw.Nodes[i].Parent == "" {
			pillars = append(pillars, i)
			names = append(names, fw.Nodes[i].Code)
		}
	}
	names = append(names, "missing")
	k := len(names)
	prec := ev.Precision()
	nominal := make([]int, pd.nU)
	for u, unit := range ev.Units {
		nominal[u] = unit.Rank
	}
	// newModel returns the model with buffers of its own, so that
	// workers can run it side by side: a point of [0, 1)^k to the mean
	// absolute rank shift.
	newModel := func() func([]float64) float64 {
		w := make([]float64, pd.nI)
		scores := make([]float64, pd.nU)
		nodeF := make([]float64, len(fw.Nodes))
		return func(x []float64) float64 {
			for n := range nodeF {
				nodeF[n] = 1
			}
			for p, i := range pillars {
				nodeF[i] = 1 + band*(2*x[p]-1)
			}
			for j := range w {
				f := 1.0
				for _, n := range pd.chain[j] {
					f *= nodeF[n]
				}
				w[j] = pd.maxPts[j] * f
			}
			pd.scores(w, x[k-1] < 0.5, scores)
			rk := scoring.ColumnRanks(scores, 1, prec)
			var sum float64
			n := 0
			for u := range rk {
				if rk[u] > 0 && nominal[u] > 0 {
					sum += math.Abs(float64(rk[u] - nominal[u]))
					n++
				}
			}
			if n == 0 {
				return 0
			}
			return sum / float64(n)
		}
	}
	return names, newModel, nil
}

// design holds a Saltelli design's model outputs: f(A), f(B) and, per
// input i, f(A with column i from B).
type design struct {
	fA, fB []float64
	fAB    [][]float64
}

// saltelli draws A and B (n × k, uniform on [0, 1)) from rng and runs the
// model on A, B and the k mixed matrices, spread over all cores; each
// worker gets a model of its own from newModel. The outputs do not depend
// on the scheduling.
func saltelli(newModel func() func([]float64) float64, k, n int, rng *rand.Rand) *design {
	A, B := make([][]float64, n), make([][]float64, n)
	for r := 0; r < n; r++ {
		A[r], B[r] = make([]float64, k), make([]float64, k)
		for c := 0; c < k; c++ {
			A[r][c], B[r][c] = rng.Float64(), rng.Float64()
		}
	}
	d := &design{fA: make([]float64, n), fB: make([]float64, n), fAB: make([][]float64, k)}
	for i := range d.fAB {
		d.fAB[i] = make([]float64, n)
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	var wg sync.WaitGroup
	for wk := 0; wk < workers; wk++ {
		wg.Add(1)
		go func(wk int) {
			defer wg.Done()
			model := newModel()
			x := make([]float64, k)
			for r := wk; r < n; r += workers {
				d.fA[r], d.fB[r] = model(A[r]), model(B[r])
				for i := 0; i < k; i++ {
					copy(x, A[r])
					x[i] = B[r][i]
					d.fAB[i][r] = model(x)
				}
			}
		}(wk)
	}
	wg.Wait()
	return d
}

// jansen returns Jansen's first-order and total indices from the given
// rows of the design (a row may repeat, for the bootstrap):
// S_i = (V − ½·mean (f(B) − f(AB_i))²) ÷ V and
// ST_i = ½·mean (f(A) − f(AB_i))² ÷ V, with V the variance of f over A
// and B. Both are NaN when V is 0.
func (d *design) jansen(rows []int) (first, total []float64) {
	k := len(d.fAB)
	all := make([]float64, 0, 2*len(rows))
	for _, r := range rows {
		all = append(all, d.fA[r], d.fB[r])
	}
	v := stat.Variance(all, nil)
	first, total = make([]float64, k), make([]float64, k)
	n := float64(len(rows))
	for i := 0; i < k; i++ {
		if v == 0 || math.IsNaN(v) {
			first[i], total[i] = math.NaN(), math.NaN()
			continue
		}
		var sf, st float64
		for _, r := range rows {
			d1 := d.fB[r] - d.fAB[i][r]
			d2 := d.fA[r] - d.fAB[i][r]
			sf += d1 * d1
			st += d2 * d2
		}
		first[i] = (v - sf/(2*n)) / v
		total[i] = st / (2 * n) / v
	}
	return first, total
}
