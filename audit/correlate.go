package audit

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/cqs-vn/dtikit/internal/radix"
	"gonum.org/v1/gonum/stat"
)

// pairsInto returns the values of x and y at the units that have both:
// x and y themselves when neither misses a value (no copy: the audit of
// 10,000 units pairs columns thousands of times), else copies written
// into bufA and bufB (grown as needed), so that a caller pairing many
// columns allocates once.
func pairsInto(x, y, bufA, bufB []float64) (a, b []float64) {
	full := true
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			full = false
			break
		}
	}
	if full {
		return x, y
	}
	// Every pair is written, and kept by moving on only when both are
	// numbers (NaN ≠ NaN), into buffers sized once: no append per pair.
	// BenchmarkAuditMissing (three interleaved runs): 515–577 → 459–463 ms.
	if cap(bufA) < len(x) || cap(bufB) < len(x) {
		bufA, bufB = make([]float64, len(x)), make([]float64, len(x))
	}
	a, b, y = bufA[:len(x)], bufB[:len(x)], y[:len(x)]
	k := 0
	for i, xv := range x {
		yv := y[i]
		a[k], b[k] = xv, yv
		if xv == xv && yv == yv {
			k++
		}
	}
	return a[:k], b[:k]
}

// correlate returns Pearson's and Spearman's correlation of x and y over
// the units that have both (pairwise-complete); NaN with fewer than 3
// pairs or a constant series. r < −0.4 is flagged negative.
func correlate(a, b string, x, y []float64) Correlation {
	return newRankCache().correlate(a, b, x, y)
}

// rankCache keeps, per column, its rows with a value in the order of
// their values, so that the ranks of a column among the rows another
// column also has are read off in one pass instead of a sort per pair,
// and the buffers the pairs are copied into (with 2 % of the values
// missing no column is whole: BenchmarkAuditMissing 5.6 s and 6.7 GB
// allocated per audit before, 1.4 s and 169 MB with this and pairCov).
type rankCache struct {
	order              map[*float64][]int32
	bufA, bufB, rA, rB []float64
	rankX, rankY       []float64
	kept               []int32
}

func newRankCache() *rankCache { return &rankCache{order: map[*float64][]int32{}} }

// sorted returns the rows of x with a value, by value (then by row).
func (rc *rankCache) sorted(x []float64) []int32 {
	if o, ok := rc.order[&x[0]]; ok {
		return o
	}
	o := sortedRows(x)
	rc.order[&x[0]] = o
	return o
}

// sortedRows returns the rows of x with a value, by value, then by row.
// By radix on the values' bits (stable: equal values keep row order): 5×
// quicker than a comparison sort on a column of 10,000 (BenchmarkSort);
// with Floats in describe, BenchmarkAudit (10,000 × 102, 8x, three runs)
// went from 480–518 to 362–446 ms, BenchmarkAuditMissing from 560–588 to
// 406–434 ms.
func sortedRows(x []float64) []int32 {
	n := 0
	for _, v := range x {
		if !math.IsNaN(v) {
			n++
		}
	}
	s := getScratch()
	defer scratches.Put(s)
	o, keys := make([]int32, 0, n), s.keys[:0]
	for i, v := range x {
		if !math.IsNaN(v) {
			o = append(o, int32(i))
			keys = append(keys, radix.Asc(v))
		}
	}
	s.keys = keys
	s.Sort(keys, o)
	return o
}

// scratch is memory a worker of the audit uses for one column and then
// for the next: the keys and buffers of a sort, the values of a column
// copied. The audit of 10,000 units sorts two hundred columns of them:
// BenchmarkAudit allocated 180 MB per op with new memory for each, 116
// MB with this (time within noise); it runs while the command holds the
// units' values, so what it allocates adds to the command's peak.
type scratch struct {
	radix.Sorter
	keys []uint64
	a, b []float64
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratches.Get().(*scratch) }

// each runs work(w, i) for every i in [0, n) on every processor, each
// worker w with buffers of its own and rc's sorted rows, which must hold
// every column the work ranks (they are read, not added to).
func (rc *rankCache) each(n int, work func(w *rankCache, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for p := min(runtime.GOMAXPROCS(0), n); p > 0; p-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &rankCache{order: rc.order}
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				work(w, i)
			}
		}()
	}
	wg.Wait()
}

// ranksAmong writes into out[row], for the rows where both x and other
// have a value, x's rank among those rows (1 for the smallest, ties
// sharing their mean rank). Rows are kept as int32, not float64.
func (rc *rankCache) ranksAmong(x, other, out []float64) {
	o := rc.sorted(x)
	kept := rc.kept[:0]
	for _, i := range o {
		if v := other[i]; v == v { // not NaN
			kept = append(kept, i)
		}
	}
	rc.kept = kept
	for i := 0; i < len(kept); {
		v, j := x[kept[i]], i
		for j+1 < len(kept) && x[kept[j+1]] == v {
			j++
		}
		r := float64(i+j)/2 + 1
		for _, row := range kept[i : j+1] {
			out[row] = r
		}
		i = j + 1
	}
}

func (rc *rankCache) correlate(a, b string, x, y []float64) Correlation {
	xs, ys := pairsInto(x, y, rc.bufA, rc.bufB)
	if len(xs) != len(x) {
		rc.bufA, rc.bufB = xs, ys
	}
	c := Correlation{A: a, B: b, N: len(xs), Pearson: math.NaN(), Spearman: math.NaN()}
	if len(xs) < 3 {
		return c
	}
	// A constant series (no deviation from its mean) makes the
	// denominator 0 and the result NaN or infinite: told by that rather
	// than by two standard deviations first (four passes more). With the
	// rows as int32 in ranksAmong, BenchmarkCorrelate 124–126 → 108 µs.
	r := stat.Correlation(xs, ys, nil)
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return c
	}
	c.Pearson = r
	if len(rc.rankX) < len(x) {
		rc.rankX, rc.rankY = make([]float64, len(x)), make([]float64, len(x))
	}
	rc.ranksAmong(x, y, rc.rankX)
	rc.ranksAmong(y, x, rc.rankY)
	ra, rb := rc.rA[:0], rc.rB[:0]
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			ra, rb = append(ra, rc.rankX[i]), append(rb, rc.rankY[i])
		}
	}
	rc.rA, rc.rB = ra, rb
	c.Spearman = stat.Correlation(ra, rb, nil)
	if c.Pearson < MinCorrelation {
		c.Flag = FlagNegative
	}
	return c
}
