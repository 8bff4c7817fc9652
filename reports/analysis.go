package reports

import (
	"sort"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
)

// highlight is one indicator of one unit, as the scorecard shows it.
type highlight struct {
	j      int     // framework indicator index
	points float64 // points earned
	max    float64 // max points
	share  float64 // points / max
	lost   float64 // max − points
}

// strengthsWeaknesses returns a unit's n strongest indicators (highest
// share of max points; ties: larger max points, then code) and its n
// weakest (most points lost; ties: lower share, then code). Indicators not
// applicable, left out or worth no points are not considered; an indicator
// with nothing lost is never a weakness, one with nothing earned never a
// strength.
func strengthsWeaknesses(ev *dti.Evaluation, u *dti.Unit, n int) (strong, weak []highlight) {
	fw := ev.Framework
	var all []highlight
	for j := range fw.Indicators {
		ir := indicatorAt(ev, u, j)
		if !ir.Status.Counted() || ir.Max <= 0 {
			continue
		}
		all = append(all, highlight{j: j, points: ir.Points, max: ir.Max, share: ir.Points / ir.Max, lost: ir.Max - ir.Points})
	}
	code := func(h highlight) string { return fw.Indicators[h.j].Code }
	sort.SliceStable(all, func(a, b int) bool {
		x, y := all[a], all[b]
		if x.share != y.share {
			return x.share > y.share
		}
		if x.max != y.max {
			return x.max > y.max
		}
		return code(x) < code(y)
	})
	for _, h := range all {
		if len(strong) == n || h.points <= 0 {
			break
		}
		strong = append(strong, h)
	}
	sort.SliceStable(all, func(a, b int) bool {
		x, y := all[a], all[b]
		if x.lost != y.lost {
			return x.lost > y.lost
		}
		if x.share != y.share {
			return x.share < y.share
		}
		return code(x) < code(y)
	})
	for _, h := range all {
		if len(weak) == n || h.lost <= 1e-12 {
			break
		}
		weak = append(weak, h)
	}
	return strong, weak
}

// action is a recommended step for a weak indicator.
type action struct {
	group string // solution group code (seed 000's five groups)
	j     int    // framework indicator index
	text  string // the framework's recommendation in lang
}

// recommendations maps weak indicators to the five solution groups of seed
// 000, in the groups' order (awareness, institutions, human resources,
// infrastructure, incentives) and, within a group, in the order given. An
// indicator without a group is filed under institutions; one without a
// recommendation gets a generic step naming it.
func recommendations(fw *indicators.Framework, weak []highlight, lang indicators.Lang) []action {
	var out []action
	for _, g := range indicators.Solutions {
		for _, h := range weak {
			ind := &fw.Indicators[h.j]
			group := ind.Solution
			if group == "" {
				group = indicators.SolutionInstitutions
			}
			if group != g {
				continue
			}
			text := ind.Recommendation
			if lang == indicators.English {
				text = ind.RecommendationEN
			}
			if text == "" {
				text = lang.Pick("Rà soát, giao nhiệm vụ cải thiện chỉ tiêu "+ind.Code+".", "Review indicator "+ind.Code+" and assign its improvement.")
			}
			out = append(out, action{group: g, j: h.j, text: text})
		}
	}
	return out
}
