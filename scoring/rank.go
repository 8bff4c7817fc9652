package scoring

import (
	"math"
	"slices"

	"github.com/cqs-vn/dtikit/internal/par"
	"github.com/cqs-vn/dtikit/internal/radix"
)

// rank fills competition ranks (1, 2, 2, 4) per node, descending, on
// values rounded to the model's precision.
func (r *Result) rank() {
	rankTable(r.NodeScore, r.NodeStatus, len(r.Model.spec.Nodes), r.Model.spec.Precision, r.NodeRank)
}

// ColumnRanks ranks each column of a row-major table with cols columns
// (cell [u*cols+k] is row u, column k) descending, with competition ranks
// (1, 2, 2, 4), on the values rounded to prec decimals as [Round] does
// (full precision when prec < 0). NaN cells get rank 0.
func ColumnRanks(values []float64, cols, prec int) []int {
	ranks := make([]int, len(values))
	rankTable(values, nil, cols, prec, ranks)
	return ranks
}

// counted reports whether cell i of a table takes part in ranking: by its
// status, or when there is no status, by not being NaN.
func counted(vals []float64, status []Status, i int) bool {
	if status != nil {
		return status[i].Counted()
	}
	return !math.IsNaN(vals[i])
}

// rankTable writes into ranks the competition rank of every counted cell
// of vals within its column; other cells are left as they are.
func rankTable(vals []float64, status []Status, cols, prec int, ranks []int) {
	if cols <= 0 || len(vals) == 0 {
		return // no column, or no row: nothing to rank
	}
	if prec >= 0 && rankRounded(vals, status, cols, prec, ranks) {
		return
	}
	pow := math.Pow(10, float64(prec))
	rows := len(vals) / cols
	par.Each(cols, func(k int) {
		keys := make([]uint64, 0, rows)
		units := make([]int32, 0, rows)
		for u := 0; u < rows; u++ {
			if i := u*cols + k; counted(vals, status, i) {
				v := vals[i]
				if prec >= 0 {
					v = roundTo(v, pow)
				}
				keys = append(keys, radix.Desc(v))
				units = append(units, int32(u))
			}
		}
		radix.Sort(keys, units)
		for p := range keys {
			rk := p + 1
			if p > 0 && keys[p] == keys[p-1] {
				rk = ranks[int(units[p-1])*cols+k]
			}
			ranks[int(units[p])*cols+k] = rk
		}
	})
}

// rankRounded ranks the columns without sorting when the values are
// published rounded: the rounded value of a cell is n / 10^prec for a
// whole number n, and its rank is one more than the number of cells of
// its column whose n is larger, counted in a table over the span of the n
// of that column. The whole numbers are laid out by column, so that each
// column is counted on its own processor in a table that stays in cache.
// It reports false, leaving ranks as they were, when a column spans too
// many values for such a table.
func rankRounded(vals []float64, status []Status, cols, prec int, ranks []int) bool {
	rows := len(vals) / cols
	pow := math.Pow(10, float64(prec))
	const none = math.MinInt64       // a cell that is not ranked
	keys := make([]int64, len(vals)) // [k*rows+u]: n, then the rank
	p := par.Chunks(rows)
	bad := make([]bool, p)
	par.Parts(rows, p, func(c, lo, hi int) {
		for u := lo; u < hi; u++ {
			for k := 0; k < cols; k++ {
				key := int64(none)
				if i := u*cols + k; counted(vals, status, i) {
					n := roundScaled(vals[i], pow)
					if !(math.Abs(n) < 1<<50) { // NaN, infinite or beyond exact division by pow
						bad[c] = true
						return
					}
					key = int64(n)
				}
				keys[k*rows+u] = key
			}
		}
	})
	if slices.Contains(bad, true) {
		return false
	}
	done := make([]bool, cols) // the column's table was small enough
	par.Each(cols, func(k int) {
		col := keys[k*rows : (k+1)*rows]
		lo, hi, seen := int64(0), int64(0), false
		for _, n := range col {
			switch {
			case n == none:
			case !seen:
				lo, hi, seen = n, n, true
			case n < lo:
				lo = n
			case n > hi:
				hi = n
			}
		}
		if hi-lo > int64(4*rows+1<<16) {
			return
		}
		// above[d] counts, after the prefix sums, the cells whose n is
		// larger than hi − d.
		above := make([]int32, hi-lo+2)
		for _, n := range col {
			if n != none {
				above[hi-n+1]++
			}
		}
		for d := 1; d < len(above); d++ {
			above[d] += above[d-1]
		}
		for u, n := range col {
			if n != none {
				col[u] = 1 + int64(above[hi-n])
			}
		}
		done[k] = true
	})
	if slices.Contains(done, false) {
		return false
	}
	par.Parts(rows, p, func(c, lo, hi int) {
		for u := lo; u < hi; u++ {
			for k := 0; k < cols; k++ {
				if rk := keys[k*rows+u]; rk != none {
					ranks[u*cols+k] = int(rk)
				}
			}
		}
	})
	return true
}
