package reports

import (
	"sort"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
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
// weakest (most points lost; ties: lower share, then code). Only values
// the unit gave and that were scored count: an indicator left blank or not
// applicable is neither (blank ones are listed apart, by [blanks]); a
// strength also needs its required evidence. An indicator with nothing
// lost is never a weakness, one with nothing earned never a strength.
func strengthsWeaknesses(ev *dti.Evaluation, u *dti.Unit, n int) (strong, weak []highlight) {
	fw := ev.Framework
	var all []highlight
	for j := range fw.Indicators {
		ir := indicatorAt(ev, u, j)
		if ir.Status != scoring.Scored || !ir.HasValue || ir.Max <= 0 {
			continue
		}
		all = append(all, highlight{j: j, points: ir.Points, max: ir.Max, share: ir.Points / ir.Max, lost: ir.Max - ir.Points})
	}
	evidenced := func(h highlight) bool {
		ind := &fw.Indicators[h.j]
		return !submission.NeedsEvidence(ind, indicatorAt(ev, u, h.j).Entry)
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
		if evidenced(h) {
			strong = append(strong, h)
		}
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

// blanks returns the codes of the indicators u left blank (scored 0 or
// left out under the missing-data policy).
func blanks(ev *dti.Evaluation, u *dti.Unit) []string {
	var out []string
	for j, ind := range ev.Framework.Indicators {
		ir := indicatorAt(ev, u, j)
		if !ir.HasValue && (ir.Status == scoring.Filled || ir.Status == scoring.Excluded) {
			out = append(out, ind.Code)
		}
	}
	return out
}

// nextStep says what a weak indicator needs for its next points, and how
// many points that would gain: the target of a ratio, the next threshold
// of steps, the answer of a yes/no, the best option, the reference of a
// relative rule.
func nextStep(ind *indicators.Indicator, points float64, lang indicators.Lang) (string, float64) {
	mx := ind.MaxOr(0)
	gain := mx - points
	r := ind.Rule
	if r == nil {
		return lang.Pick("cao hơn các đơn vị khác", "above the other units"), gain
	}
	lower := ind.Direction == indicators.Lower
	cmp := "≥ "
	if lower {
		cmp = "≤ "
	}
	per := ""
	if ind.Per != "" {
		per = " " + ind.PerText(lang)
	}
	switch r.Kind {
	case indicators.RuleRatio:
		return cmp + indicators.FormatNumber(*r.Target, lang) + per, gain
	case indicators.RuleSteps:
		best, bestPts := 0.0, -1.0
		for _, st := range r.Steps {
			// the nearest threshold that gives more points than now
			if st[1] > points && (bestPts < 0 || st[1] < bestPts) {
				best, bestPts = st[0], st[1]
			}
		}
		if bestPts < 0 {
			return "", 0
		}
		return cmp + indicators.FormatNumber(best, lang) + per, bestPts - points
	case indicators.RuleBoolean:
		if lower {
			return "Không", gain
		}
		return "Có", gain
	case indicators.RulePassFail:
		if r.Pass != nil {
			return cmp + indicators.FormatNumber(*r.Pass, lang) + per, gain
		}
		return "Đạt", gain
	case indicators.RuleCategorical:
		labels := r.OptionLabels()
		if len(labels) > 0 {
			return labels[0], r.Options[labels[0]] - points
		}
	case indicators.RuleRelativeBest:
		if r.Reference != nil {
			return cmp + indicators.FormatNumber(*r.Reference, lang) + per, gain
		}
		return lang.Pick("bằng mức dẫn đầu", "the leaders' level") + per, gain
	}
	return "", gain
}
