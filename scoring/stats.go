package scoring

import (
	"math"
	"sort"

	"github.com/cqs-vn/dtikit/internal/par"
	"gonum.org/v1/gonum/stat"
)

// columnStats computes, for the columns that need them (normalised and
// relative-best indicators), the min and max of the present values with
// direction applied for normalisations, and for z-scores their mean and
// sample sd, reading the matrix row by row. The min and max are taken on
// every processor at once (the order does not change them); sums run in
// row order.
func columnStats(m *Model, x *Matrix) []colStats {
	nI, nU := len(m.spec.Indicators), len(x.Units)
	stats := make([]colStats, nI)
	var cols, zcols, rcols []int
	for j := range m.spec.Indicators {
		if r := m.spec.Indicators[j].Rule; r == NoRule || r == RelativeBest {
			cols = append(cols, j)
			if r == NoRule && m.spec.Indicators[j].Norm == NormZScore {
				zcols = append(zcols, j)
			}
			if r == NoRule && m.spec.Indicators[j].Norm == NormRank {
				rcols = append(rcols, j)
			}
		}
	}
	if len(cols) == 0 {
		return stats
	}
	value := func(j int, v float64) float64 {
		if m.spec.Indicators[j].Lower && m.spec.Indicators[j].Rule == NoRule {
			return -v
		}
		return v
	}
	p := par.Chunks(nU)
	part := make([]colStats, p*nI)
	par.Parts(nU, p, func(c, lo, hi int) {
		ps := part[c*nI : (c+1)*nI]
		for u := lo; u < hi; u++ {
			row := u * nI
			for _, j := range cols {
				if x.States[row+j] != Present {
					continue
				}
				v := value(j, x.Values[row+j])
				if s := &ps[j]; !s.hasPresent {
					s.lo, s.hi, s.hasPresent = v, v, true
				} else {
					s.lo, s.hi = math.Min(s.lo, v), math.Max(s.hi, v)
				}
			}
		}
	})
	for c := 0; c < p; c++ {
		for _, j := range cols {
			switch ps, s := part[c*nI+j], &stats[j]; {
			case !ps.hasPresent:
			case !s.hasPresent:
				*s = ps
			default:
				s.lo, s.hi = math.Min(s.lo, ps.lo), math.Max(s.hi, ps.hi)
			}
		}
	}
	if len(zcols) > 0 {
		n := make([]int, nI)
		sum, ss := make([]float64, nI), make([]float64, nI)
		for u := range x.Units {
			row := u * nI
			for _, j := range zcols {
				if x.States[row+j] == Present {
					sum[j] += value(j, x.Values[row+j])
					n[j]++
				}
			}
		}
		for _, j := range zcols {
			if n[j] > 0 {
				stats[j].mean = sum[j] / float64(n[j])
			}
		}
		for u := range x.Units {
			row := u * nI
			for _, j := range zcols {
				if x.States[row+j] == Present {
					d := value(j, x.Values[row+j]) - stats[j].mean
					ss[j] += d * d
				}
			}
		}
		for _, j := range zcols {
			if n[j] > 1 {
				stats[j].sd = math.Sqrt(ss[j] / float64(n[j]-1))
			}
		}
	}
	for _, j := range rcols {
		var col []float64
		for u := range x.Units {
			if k := u*nI + j; x.States[k] == Present {
				col = append(col, value(j, x.Values[k]))
			}
		}
		sort.Float64s(col)
		stats[j].sorted = col
	}
	for _, j := range cols {
		s := &stats[j]
		ind := &m.spec.Indicators[j]
		switch {
		case ind.Rule == RelativeBest && ind.HasReference:
			s.best = ind.Reference
			continue
		case !s.hasPresent:
			continue
		}
		s.constant = s.hi == s.lo
		switch {
		case ind.Rule == RelativeBest && ind.Best > 0 && ind.Best < 1:
			s.best = quantile(x, nI, j, ind.Best, ind.Lower)
		case ind.Lower:
			s.best = s.lo
		default:
			s.best = s.hi
		}
	}
	return stats
}

// quantile returns the empirical quantile p of column j's present values
// (1 − p when lower values are better): a value a unit reported.
func quantile(x *Matrix, nI, j int, p float64, lower bool) float64 {
	var vals []float64
	for u := range x.Units {
		if i := u*nI + j; x.States[i] == Present {
			vals = append(vals, x.Values[i])
		}
	}
	sort.Float64s(vals)
	if lower {
		p = 1 - p
	}
	return stat.Quantile(p, stat.Empirical, vals, nil)
}
