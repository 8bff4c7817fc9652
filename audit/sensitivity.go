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
	Band      float64 // pillar weights drawn within [1−Band, 1+Band]; negative: the framework's band, else 0.25
	Bootstrap int     // resamples for the 95 % confidence intervals; 0: none
}

// Factor is one uncertain input and how much of the variance of the
// output it explains: alone (first order) and with its interactions
// (total), each with a bootstrap 95 % interval (NaN without bootstrap).
type Factor struct {
	Name             string  // a pillar's code, "missing" (the missing-data policy) or "normalize" (the normalisation)
	First, Total     float64 // Jansen's estimates
	FirstLo, FirstHi float64
	TotalLo, TotalHi float64
}

// Sensitivity measures which uncertain input moves the ranking. The
// inputs are the weight of each pillar, drawn within its band (the
// framework's [uncertainty] band or the pillar's own, Band ≥ 0 replacing
// the first), the missing-data policy and the normalisation of the
// indicators normalised relative to the units, each among the
// framework's choices with equal chances; the output is the mean absolute shift of the units'
// ranks from their official ranks. It uses a Saltelli design (matrices A
// and B of N rows, and for each input A with that column taken from B)
// and Jansen's estimators of the first-order and total indices; the 95 %
// intervals come from resampling the N rows. When no input moves any
// rank the indices are NaN (there is no variance to share out).
func Sensitivity(ev *dti.Evaluation, o SensitivityOptions) ([]Factor, error) {
	if o.Samples < 2 {
		return nil, errors.New("audit: sensitivity needs at least two samples")
	}
	names, newModel, err := rankShiftModel(ev, o.Band)
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
// of its inputs (the pillars; "missing" when the framework's choices of
// missing-data policy are more than one; "normalize" likewise for the
// normalisations) and a maker of the model, each with buffers of its own
// so that workers can run them side by side, which maps a point x of
// [0, 1)^k to the mean absolute rank shift from the official ranks when
// pillar p's weight is multiplied by 1 + band_p·(2x_p − 1) and the i-th
// of n choices is taken for x in [i/n, (i+1)/n).
func rankShiftModel(ev *dti.Evaluation, band float64) ([]string, func() func([]float64) float64, error) {
	e, err := newEngine(ev, band, true, true)
	if err != nil {
		return nil, nil, err
	}
	sp := e.sp
	var names []string
	for _, k := range sp.pillars {
		names = append(names, ev.Framework.Nodes[k-1].Code)
	}
	missingAt, normAt := -1, -1
	if len(sp.missing) > 1 {
		missingAt, names = len(names), append(names, "missing")
	}
	if len(sp.norms) > 1 {
		normAt, names = len(names), append(names, "normalize")
	}
	prec := ev.Precision()
	nominal := make([]int, len(ev.Units))
	for u, unit := range ev.Units {
		nominal[u] = unit.Rank
	}
	choice := func(x float64, n int) int { return min(int(x*float64(n)), n-1) }
	newModel := func() func([]float64) float64 {
		v := sp.newVariant()
		score := e.newScorer()
		scores := make([]float64, len(ev.Units))
		return func(x []float64) float64 {
			v.reset()
			for p, k := range sp.pillars {
				v.nodeF[k] = 1 + sp.nodeBand[k]*(2*x[p]-1)
			}
			if len(sp.missing) == 1 {
				v.missing = 0
			} else if missingAt >= 0 {
				v.missing = choice(x[missingAt], len(sp.missing))
			}
			if len(sp.norms) == 1 {
				v.norm = 0
			} else if normAt >= 0 {
				v.norm = choice(x[normAt], len(sp.norms))
			}
			if err := score(v, scores); err != nil {
				return math.NaN()
			}
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
