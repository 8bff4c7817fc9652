package scoring

import (
	"math"
	"sort"
)

// points returns the points a present value earns under a rule.
func points(ind *Indicator, v float64, st *colStats) float64 {
	max := ind.Max
	switch ind.Rule {
	case Ratio:
		if ind.Lower {
			if v <= ind.Target {
				return max
			}
			return ind.Target / v * max
		}
		if v <= 0 {
			return 0
		}
		return math.Min(v/ind.Target, 1) * max
	case Steps:
		for _, s := range ind.Steps {
			if ind.Lower && v <= s.Threshold || !ind.Lower && v >= s.Threshold {
				return s.Points
			}
		}
		return 0
	case Boolean:
		if (v != 0) != ind.Lower {
			return max
		}
		return 0
	case Categorical:
		k := int(v)
		if k < 0 || k >= len(ind.Levels) || float64(k) != v {
			return 0
		}
		return ind.Levels[k]
	case RelativeBest:
		if ind.Lower {
			if v <= 0 {
				return max
			}
			if st.best <= 0 {
				return 0
			}
			return math.Min(st.best/v, 1) * max
		}
		if st.best <= 0 || v <= 0 {
			return 0
		}
		return math.Min(v/st.best, 1) * max
	case PassFail:
		pass := v != 0
		if ind.HasPass {
			pass = v >= ind.Pass
			if ind.Lower {
				pass = v <= ind.Pass
			}
		} else if ind.Lower {
			pass = !pass
		}
		if pass {
			return max
		}
		return 0
	}
	return 0
}

// normalise returns the score of a present value of a normalised indicator.
func normalise(ind *Indicator, v float64, st *colStats, scale float64) float64 {
	switch ind.Norm {
	case NormMinMax:
		if ind.Lower {
			v = -v
		}
		return (v - st.lo) / (st.hi - st.lo) * scale
	case NormZScore:
		if ind.Lower {
			v = -v
		}
		return (v - st.mean) / st.sd
	case NormRank:
		if ind.Lower {
			v = -v
		}
		// mid-rank among the present values: those below, and half of
		// the others equal to it
		below := sort.SearchFloat64s(st.sorted, v)
		upto := sort.Search(len(st.sorted), func(i int) bool { return st.sorted[i] > v })
		mid := float64(below) + float64(upto-below-1)/2
		return mid / float64(len(st.sorted)-1) * scale
	case NormGoalposts:
		f := (v - ind.Lo) / (ind.Hi - ind.Lo)
		if ind.Lower {
			f = 1 - f
		}
		return math.Min(math.Max(f, 0), 1) * scale
	}
	return v
}
