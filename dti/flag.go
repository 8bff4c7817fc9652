package dti

import (
	"fmt"
	"sort"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
	"gonum.org/v1/gonum/stat"
)

// flag is a value scored as given but flagged "cần thẩm định": above the
// indicator's plausible maximum, or above k times the cohort's median.
type flag struct {
	u, j    int
	v       float64 // the value as scored (per resident, km² or household where the framework says so)
	limit   float64 // the bound it passed
	median  float64 // the cohort's median, for an outlier
	outlier bool
}

// flag finds the flagged values of the scored matrix x: they stay scored
// (the default is to flag, not to drop) and are listed on their units.
func (ev *Evaluation) flag(x *scoring.Matrix) []flag {
	nI := len(ev.Framework.Indicators)
	var out []flag
	for _, j := range ev.comp.checked {
		ind := &ev.Framework.Indicators[j]
		var vals []float64
		for u := range x.Units {
			if i := u*nI + j; x.States[i] == scoring.Present {
				vals = append(vals, x.Values[i])
			}
		}
		if len(vals) == 0 {
			continue
		}
		sort.Float64s(vals)
		median := stat.Quantile(0.5, stat.Empirical, vals, nil) // for an even count, the lower middle value
		for u := range x.Units {
			i := u*nI + j
			if x.States[i] != scoring.Present {
				continue
			}
			v := x.Values[i]
			switch {
			case ind.PlausibleMax != nil && v > *ind.PlausibleMax:
				out = append(out, flag{u: u, j: j, v: v, limit: *ind.PlausibleMax})
			case ind.Outlier != nil && median > 0 && v > *ind.Outlier*median:
				out = append(out, flag{u: u, j: j, v: v, limit: *ind.Outlier * median, median: median, outlier: true})
			}
		}
	}
	return out
}

// issue says, at the value's place, why it is flagged.
func (f flag) issue(fw *indicators.Framework, s *submission.Submission) submission.Issue {
	ind := &fw.Indicators[f.j]
	is := submission.Issue{File: s.File, Unit: s.Unit, Indicator: ind.Code, Severity: submission.SevWarning}
	if e := s.LookupAt(f.j, ind.Code); e.OK() {
		loc := e.SelfAt()
		if e.Appraised().Set {
			loc = e.AppraisedAt()
		}
		is.Sheet, is.Cell, is.Line, is.Column = loc.Sheet, loc.Cell, loc.Line, loc.Column
	}
	v, lim := indicators.FormatNumber(f.v, indicators.Vietnamese), indicators.FormatNumber(f.limit, indicators.Vietnamese)
	ve, lime := indicators.FormatNumber(f.v, indicators.English), indicators.FormatNumber(f.limit, indicators.English)
	if f.outlier {
		k := indicators.FormatNumber(f.limit/f.median, indicators.Vietnamese)
		ke := indicators.FormatNumber(f.limit/f.median, indicators.English)
		is.VI = fmt.Sprintf("cần thẩm định: giá trị %s lớn hơn %s lần trung vị của các đơn vị (%s); vẫn được tính điểm", v, k, indicators.FormatNumber(f.median, indicators.Vietnamese))
		is.EN = fmt.Sprintf("to be appraised: value %s is more than %s times the units' median (%s); it is scored", ve, ke, indicators.FormatNumber(f.median, indicators.English))
	} else {
		is.VI = fmt.Sprintf("cần thẩm định: giá trị %s vượt mức hợp lý %s của khung; vẫn được tính điểm", v, lim)
		is.EN = fmt.Sprintf("to be appraised: value %s exceeds the framework's plausible maximum %s; it is scored", ve, lime)
	}
	return is
}
