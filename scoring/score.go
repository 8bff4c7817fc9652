package scoring

import (
	"fmt"
	"math"

	"github.com/cqs-vn/dtikit/internal/par"
)

// Status says how an indicator or node entered the aggregation for a unit.
type Status uint8

const (
	Scored   Status = iota // scored from data
	Filled                 // missing, scored zero (policy zero)
	Excluded               // missing, left out (policy reweight, coverage, or a constant indicator)
	NA                     // not applicable: left out
	Unscored               // max points 0: reported, not scored
)

var statusNames = [...]string{"scored", "missing-zero", "missing-excluded", "not-applicable", "not-scored"}

func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", s)
}

// Counted reports whether the element is in its parent's numerator and
// denominator.
func (s Status) Counted() bool { return s == Scored || s == Filled }

// Result holds every number of a scoring run in flat slices: indicator
// cells at [u*len(Indicators)+j], node cells at [u*len(Nodes)+k].
type Result struct {
	Model *Model
	Units int

	// IndPoints are the points earned; nil where no indicator carries
	// points (every Max 0, as in a framework that only normalises: 8 MB
	// of zeros for 10,000 × 100). Points reads either.
	IndPoints []float64
	IndStatus []Status
	indScore  []float64 // scores of normalised indicators; see Score

	NodePoints, NodeMax, NodeScore []float64
	NodeStatus                     []Status
	NodeRank                       []int // 0 = not ranked

	ZeroCount  []int  // counted indicators with max > 0 that earned 0 points
	VetoFailed []bool // a veto indicator earned 0 points
	Class      []int  // index in Model.Classes, −1 = none

	// Constant lists the normalised indicators (min-max, z-score) whose
	// present values are all equal: they cannot be normalised and are left
	// out of the aggregation.
	Constant []int
}

// Score returns indicator j's score for unit u on the model's scale:
// points / max × scale for a points rule, the normalised value otherwise
// (0 when the indicator was not scored).
func (r *Result) Score(u, j int) float64 {
	return r.score(u*len(r.Model.spec.Indicators)+j, &r.Model.spec.Indicators[j])
}

func (r *Result) score(i int, ind *Indicator) float64 {
	if ind.Rule == NoRule {
		return r.indScore[i]
	}
	if ind.Max == 0 || !r.IndStatus[i].Counted() {
		return 0
	}
	return r.IndPoints[i] / ind.Max * r.Model.spec.Scale // Max > 0: IndPoints is made
}

// Points returns the points unit u earned on indicator j.
func (r *Result) Points(u, j int) float64 {
	return r.points(u*len(r.Model.spec.Indicators) + j)
}

func (r *Result) points(i int) float64 {
	if r.IndPoints == nil {
		return 0
	}
	return r.IndPoints[i]
}

// Index returns the index score of unit u and whether it has one.
func (r *Result) Index(u int) (float64, bool) {
	i := u * len(r.Model.spec.Nodes)
	return r.NodeScore[i], r.NodeStatus[i].Counted()
}

type colStats struct {
	lo, hi     float64 // min and max of present values (direction applied)
	mean, sd   float64
	best       float64 // relative-best reference
	constant   bool
	hasPresent bool
	sorted     []float64 // NormRank: the present values, direction applied, ascending
}

// Score computes points, scores, ranks and classes for every unit. When
// any unit cannot be scored, it returns no result and [Errors] naming every
// such unit (each with its first fault).
func Score(m *Model, x *Matrix) (*Result, error) {
	if err := m.check(x); err != nil {
		return nil, err
	}
	nI, nU := len(m.spec.Indicators), len(x.Units)
	r := newResult(m, nU, true)
	stats := columnStats(m, x)
	for j := range m.spec.Indicators {
		ind := &m.spec.Indicators[j]
		if stats[j].constant && ind.Rule == NoRule && (ind.Norm == NormMinMax || ind.Norm == NormZScore || ind.Norm == NormRank) {
			r.Constant = append(r.Constant, j)
		}
	}
	errs := make([]*Error, nU)
	par.Do(nU, func(lo, hi int) error {
		for u := lo; u < hi; u++ {
			row := u * nI
			if e := r.scoreUnit(x.Units[u], x.States[row:row+nI], x.Values[row:row+nI], u, stats); e != nil {
				e.Row = u
				errs[u] = e
			}
		}
		return nil
	})
	if err := collect(errs); err != nil {
		return nil, err
	}
	r.rank()
	r.classify()
	return r, nil
}

// check checks that x fits the model.
func (m *Model) check(x *Matrix) error {
	nI, nU := len(m.spec.Indicators), len(x.Units)
	if x.Indicators != nI || len(x.Values) != nU*nI || len(x.States) != nU*nI {
		return fmt.Errorf("scoring: matrix is %d units × %d indicators with %d cells, model has %d indicators", nU, x.Indicators, len(x.Values), nI)
	}
	return nil
}

// newResult allocates a result for nU units, with ranks when ranked.
func newResult(m *Model, nU int, ranked bool) *Result {
	nI, nN := len(m.spec.Indicators), len(m.spec.Nodes)
	r := &Result{Model: m, Units: nU}
	for j := range m.spec.Indicators {
		if m.spec.Indicators[j].Max != 0 {
			r.IndPoints = make([]float64, nU*nI)
			break
		}
	}
	for j := range m.spec.Indicators {
		if m.spec.Indicators[j].Rule == NoRule { // only normalised indicators store scores
			r.indScore = make([]float64, nU*nI)
			break
		}
	}
	r.IndStatus = make([]Status, nU*nI)
	ncells := make([]float64, 3*nU*nN)
	r.NodePoints, r.NodeMax, r.NodeScore = ncells[:nU*nN:nU*nN], ncells[nU*nN:2*nU*nN:2*nU*nN], ncells[2*nU*nN:]
	r.NodeStatus = make([]Status, nU*nN)
	if ranked {
		r.NodeRank = make([]int, nU*nN)
	}
	r.ZeroCount = make([]int, nU)
	r.VetoFailed = make([]bool, nU)
	r.Class = make([]int, nU)
	return r
}

// Claims are index scores on a second basis (the self-assessed values),
// compared with the scores given but not ranked. Only the index of each
// unit is kept; [Claims.Points] recomputes any cell.
type Claims struct {
	Model *Model
	Index []float64 // index score per unit
	Has   []bool    // the unit has an index score
	stats []colStats
}

// ScoreClaims computes the index score of every unit of x like [Score],
// keeping the index alone.
func ScoreClaims(m *Model, x *Matrix) (*Claims, error) {
	if err := m.check(x); err != nil {
		return nil, err
	}
	nI, nU := len(m.spec.Indicators), len(x.Units)
	c := &Claims{Model: m, Index: make([]float64, nU), Has: make([]bool, nU), stats: columnStats(m, x)}
	errs := make([]*Error, nU)
	par.Do(nU, func(lo, hi int) error {
		row := newResult(m, 1, false) // one unit's cells, reused
		for u := lo; u < hi; u++ {
			i := u * nI
			if e := row.scoreUnit(x.Units[u], x.States[i:i+nI], x.Values[i:i+nI], 0, c.stats); e != nil {
				e.Row = u
				errs[u] = e
				continue
			}
			c.Index[u], c.Has[u] = row.Index(0)
		}
		return nil
	})
	if err := collect(errs); err != nil {
		return nil, err
	}
	return c, nil
}

// Points returns the points that value v in state state of indicator j
// earns on this basis, as scoring it did.
func (c *Claims) Points(j int, state State, v float64) float64 {
	_, p, _, _ := c.Model.cell("", &c.Model.spec.Indicators[j], state, v, &c.stats[j])
	return p
}

// scoreUnit scores one unit's row of values into row ru of r.
func (r *Result) scoreUnit(unit string, states []State, values []float64, ru int, stats []colStats) *Error {
	m := r.Model
	nI := len(m.spec.Indicators)
	base := ru * nI
	pts, status := r.IndPoints, r.IndStatus[base:base+nI]
	if pts != nil {
		pts = pts[base : base+nI] // else every point is 0, and none is kept
	}
	zero, veto := 0, false
	for j := range m.spec.Indicators {
		ind := &m.spec.Indicators[j]
		if v := values[j]; states[j] == Present && ind.Rule != NoRule && ind.Max > 0 && v-v == 0 {
			// The common cell, a finite value under a points rule: its
			// score is points / max × scale, so it is ≤ 0 exactly when
			// its points are.
			var p float64
			if ind.Rule == Ratio && !ind.Lower && v > 0 {
				p = min(v/ind.Target, 1) * ind.Max
			} else {
				p = points(ind, v, &stats[j])
			}
			status[j] = Scored
			if pts != nil {
				pts[j] = p
			}
			if p == 0 {
				zero++
			}
			veto = veto || ind.Veto && p <= 0
			continue
		}
		i := base + j
		st, p, sc, err := m.cell(unit, ind, states[j], values[j], &stats[j])
		if err != nil {
			return err
		}
		status[j] = st
		if pts != nil {
			pts[j] = p
		}
		if r.indScore != nil {
			r.indScore[i] = sc
		}
		if st == Scored || st == Filled {
			sc := r.score(i, ind)
			if p == 0 && sc <= 0 && ind.Max > 0 {
				zero++
			}
			veto = veto || ind.Veto && sc <= 0
		}
	}
	r.ZeroCount[ru], r.VetoFailed[ru] = zero, veto
	nb := ru * len(m.spec.Nodes)
	for _, k := range m.order {
		if err := r.aggregate(unit, nb, base, k); err != nil {
			return err
		}
	}
	return nil
}

// cell returns the status, points and (normalised) score of value v in
// state state of indicator ind for the unit called unit.
func (m *Model) cell(unit string, ind *Indicator, state State, v float64, st *colStats) (Status, float64, float64, *Error) {
	switch state {
	case NotApplicable:
		return NA, 0, 0, nil
	case Missing:
		switch {
		case m.spec.Missing == MissingError:
			return 0, 0, 0, &Error{Unit: unit, Code: ind.Code, Kind: ErrMissing}
		case m.spec.Missing == MissingReweight:
			return Excluded, 0, 0, nil
		case ind.Max == 0 && ind.Rule != NoRule:
			return Unscored, 0, 0, nil
		}
		return Filled, 0, 0, nil
	}
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, 0, 0, &Error{Unit: unit, Code: ind.Code, Kind: ErrNotFinite, Value: v}
	case ind.Rule != NoRule && ind.Max == 0:
		return Unscored, 0, 0, nil
	case ind.Rule != NoRule:
		return Scored, points(ind, v, st), 0, nil
	case st.constant && (ind.Norm == NormMinMax || ind.Norm == NormZScore || ind.Norm == NormRank):
		return Excluded, 0, 0, nil
	}
	sc := normalise(ind, v, st, m.spec.Scale)
	return Scored, sc / m.spec.Scale * ind.Max, sc, nil
}

// classify assigns classes from the rounded index and applies veto caps.
func (r *Result) classify() {
	m := r.Model
	for u := 0; u < r.Units; u++ {
		r.Class[u] = -1
		s, ok := r.Index(u)
		if !ok {
			continue
		}
		s = Round(s, m.spec.Precision)
		for c := range m.spec.Classes {
			if s >= m.spec.Classes[c].Min {
				r.Class[u] = c
				break
			}
		}
		if r.VetoFailed[u] && m.spec.VetoCap >= 0 && r.Class[u] >= 0 && r.Class[u] < m.spec.VetoCap {
			r.Class[u] = m.spec.VetoCap
		}
	}
}

// ViewScore returns unit u's score on a view over a subset of the
// indicators (a domain sub-index): Σ e·s / Σ e over the counted members,
// where e is the indicator's effective weight in the index. Under sum
// aggregation this is Σ points / Σ max points × scale. A unit with no
// counted member gets NaN.
func (r *Result) ViewScore(u int, members []int) float64 {
	m := r.Model
	nI := len(m.spec.Indicators)
	var num, den float64
	for _, j := range members {
		i := u*nI + j
		if !r.IndStatus[i].Counted() || m.effW[j] == 0 {
			continue
		}
		num += m.effW[j] * r.score(i, &m.spec.Indicators[j])
		den += m.effW[j]
	}
	if den == 0 {
		return math.NaN()
	}
	return num / den
}
