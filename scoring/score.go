package scoring

import (
	"fmt"
	"math"
	"slices"

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

// Error is a data-dependent scoring failure for one unit.
type Error struct {
	Unit string // unit code
	Code string // indicator or node code
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("scoring: unit %s, %s: %s", e.Unit, e.Code, e.Msg) }

// Result holds every number of a scoring run in flat slices: indicator
// cells at [u*len(Indicators)+j], node cells at [u*len(Nodes)+k].
type Result struct {
	Model *Model
	Units int

	IndPoints []float64 // points earned
	IndStatus []Status
	indScore  []float64 // scores of normalised indicators; see Score

	NodePoints, NodeMax, NodeScore []float64
	NodeStatus                     []Status
	NodeRank                       []int // 0 = not ranked

	ZeroCount  []int  // counted indicators with max > 0 that earned 0 points
	VetoFailed []bool // a veto indicator earned 0 points
	Class      []int  // index in Model.Classes, −1 = none

	Warnings []string
}

// Score returns indicator j's score for unit u on the model's scale:
// points / max × scale for a points rule, the normalised value otherwise
// (0 when the indicator was not scored).
func (r *Result) Score(u, j int) float64 {
	return r.score(u*len(r.Model.Indicators)+j, &r.Model.Indicators[j])
}

func (r *Result) score(i int, ind *Indicator) float64 {
	if ind.Rule == NoRule {
		return r.indScore[i]
	}
	if ind.Max == 0 || !r.IndStatus[i].Counted() {
		return 0
	}
	return r.IndPoints[i] / ind.Max * r.Model.Scale
}

// Index returns the index score of unit u and whether it has one.
func (r *Result) Index(u int) (float64, bool) {
	i := u * len(r.Model.Nodes)
	return r.NodeScore[i], r.NodeStatus[i].Counted()
}

type colStats struct {
	lo, hi     float64 // min and max of present values (direction applied)
	mean, sd   float64
	best       float64 // relative-best reference
	constant   bool
	hasPresent bool
}

// Score computes points, scores, ranks and classes for every unit.
func Score(m *Model, x *Matrix) (*Result, error) {
	if err := m.check(x); err != nil {
		return nil, err
	}
	nI, nU := len(m.Indicators), len(x.Units)
	r := newResult(m, nU, true)
	stats := columnStats(m, x)
	for j := range m.Indicators {
		ind := &m.Indicators[j]
		if stats[j].constant && ind.Rule == NoRule && (ind.Norm == NormMinMax || ind.Norm == NormZScore) {
			r.Warnings = append(r.Warnings, fmt.Sprintf("indicator %s: every unit has the same value; it cannot be normalised and is left out of the aggregation", ind.Code))
		}
	}
	if err := par.Do(nU, func(lo, hi int) error {
		for u := lo; u < hi; u++ {
			row := u * nI
			if err := r.scoreUnit(x.Units[u], x.States[row:row+nI], x.Values[row:row+nI], u, stats); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	r.rank()
	r.classify()
	return r, nil
}

// check prepares the model and checks that x fits it.
func (m *Model) check(x *Matrix) error {
	if err := m.prepare(); err != nil {
		return err
	}
	nI, nU := len(m.Indicators), len(x.Units)
	if x.Indicators != nI || len(x.Values) != nU*nI || len(x.States) != nU*nI {
		return fmt.Errorf("scoring: matrix is %d units × %d indicators with %d cells, model has %d indicators", nU, x.Indicators, len(x.Values), nI)
	}
	return nil
}

// newResult allocates a result for nU units, with ranks when ranked.
func newResult(m *Model, nU int, ranked bool) *Result {
	nI, nN := len(m.Indicators), len(m.Nodes)
	r := &Result{Model: m, Units: nU}
	r.IndPoints = make([]float64, nU*nI)
	for j := range m.Indicators {
		if m.Indicators[j].Rule == NoRule { // only normalised indicators store scores
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
	nI, nU := len(m.Indicators), len(x.Units)
	c := &Claims{Model: m, Index: make([]float64, nU), Has: make([]bool, nU), stats: columnStats(m, x)}
	err := par.Do(nU, func(lo, hi int) error {
		row := newResult(m, 1, false) // one unit's cells, reused
		for u := lo; u < hi; u++ {
			i := u * nI
			if err := row.scoreUnit(x.Units[u], x.States[i:i+nI], x.Values[i:i+nI], 0, c.stats); err != nil {
				return err
			}
			c.Index[u], c.Has[u] = row.Index(0)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Points returns the points that value v in state state of indicator j
// earns on this basis, as scoring it did.
func (c *Claims) Points(j int, state State, v float64) float64 {
	_, p, _, _ := c.Model.cell("", &c.Model.Indicators[j], state, v, &c.stats[j])
	return p
}

// columnStats computes, for the columns that need them (normalised and
// relative-best indicators), the min and max of the present values with
// direction applied for normalisations, and for z-scores their mean and
// sample sd, reading the matrix row by row. The min and max are taken on
// every processor at once (the order does not change them); sums run in
// row order.
func columnStats(m *Model, x *Matrix) []colStats {
	nI, nU := len(m.Indicators), len(x.Units)
	stats := make([]colStats, nI)
	var cols, zcols []int
	for j := range m.Indicators {
		if r := m.Indicators[j].Rule; r == NoRule || r == RelativeBest {
			cols = append(cols, j)
			if r == NoRule && m.Indicators[j].Norm == NormZScore {
				zcols = append(zcols, j)
			}
		}
	}
	if len(cols) == 0 {
		return stats
	}
	value := func(j int, v float64) float64 {
		if m.Indicators[j].Lower && m.Indicators[j].Rule == NoRule {
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
	for _, j := range cols {
		s := &stats[j]
		if !s.hasPresent {
			continue
		}
		s.constant = s.hi == s.lo
		if m.Indicators[j].Lower {
			s.best = s.lo
		} else {
			s.best = s.hi
		}
	}
	return stats
}

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
			return st.best / v * max
		}
		if st.best <= 0 || v <= 0 {
			return 0
		}
		return v / st.best * max
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
	case NormGoalposts:
		f := (v - ind.Lo) / (ind.Hi - ind.Lo)
		if ind.Lower {
			f = 1 - f
		}
		return math.Min(math.Max(f, 0), 1) * scale
	}
	return v
}

// scoreUnit scores one unit's row of values into row ru of r.
func (r *Result) scoreUnit(unit string, states []State, values []float64, ru int, stats []colStats) error {
	m := r.Model
	nI := len(m.Indicators)
	base := ru * nI
	pts, status := r.IndPoints[base:base+nI], r.IndStatus[base:base+nI]
	zero, veto := 0, false
	for j := range m.Indicators {
		ind := &m.Indicators[j]
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
			pts[j], status[j] = p, Scored
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
		status[j], pts[j] = st, p
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
	nb := ru * len(m.Nodes)
	for _, k := range m.order {
		if err := r.aggregate(unit, nb, base, k); err != nil {
			return err
		}
	}
	return nil
}

// cell returns the status, points and (normalised) score of value v in
// state state of indicator ind for the unit called unit.
func (m *Model) cell(unit string, ind *Indicator, state State, v float64, st *colStats) (Status, float64, float64, error) {
	switch state {
	case NotApplicable:
		return NA, 0, 0, nil
	case Missing:
		switch {
		case m.Missing == MissingError:
			return 0, 0, 0, &Error{Unit: unit, Code: ind.Code, Msg: "value missing and the missing-data policy is error"}
		case m.Missing == MissingReweight:
			return Excluded, 0, 0, nil
		case ind.Max == 0 && ind.Rule != NoRule:
			return Unscored, 0, 0, nil
		}
		return Filled, 0, 0, nil
	}
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, 0, 0, &Error{Unit: unit, Code: ind.Code, Msg: fmt.Sprintf("value %v is not a finite number", v)}
	case ind.Rule != NoRule && ind.Max == 0:
		return Unscored, 0, 0, nil
	case ind.Rule != NoRule:
		return Scored, points(ind, v, st), 0, nil
	case st.constant && (ind.Norm == NormMinMax || ind.Norm == NormZScore):
		return Excluded, 0, 0, nil
	}
	sc := normalise(ind, v, st, m.Scale)
	return Scored, sc / m.Scale * ind.Max, sc, nil
}

// acc accumulates the children of a node.
type acc struct {
	pts, max, wsum, wlog, wtot, applW, presW float64
	any, anyMissing, geo, bad                bool
	badScore                                 float64
}

func (a *acc) add(st Status, p, mx, s, w float64) {
	switch st {
	case NA, Unscored:
		return
	case Excluded:
		a.anyMissing = true
		a.applW += w
		return
	case Scored:
		a.presW += w
	}
	a.applW += w
	a.any = true
	a.pts += p
	a.max += mx
	a.wsum += w * s
	a.wtot += w
	if a.geo {
		if !(s > 0) {
			a.bad, a.badScore = true, s
			return
		}
		a.wlog += w * math.Log(s)
	}
}

// aggregate computes node k of the unit whose nodes start at nb and
// indicators at base, from its children.
func (r *Result) aggregate(unit string, nb, base, k int) error {
	m := r.Model
	node := &m.Nodes[k]
	sum := node.Agg == Sum
	a := acc{geo: node.Agg == GeoMean}
	if sum && node.MinCoverage == 0 {
		// The common case, points summed: only points, max and presence
		// matter, in a tight loop.
		for _, c := range m.kidsN[k] {
			i := nb + c
			switch r.NodeStatus[i] {
			case Scored, Filled:
				a.any = true
				a.pts += r.NodePoints[i]
				a.max += r.NodeMax[i]
			case Excluded:
				a.anyMissing = true
			}
		}
		for _, j := range m.kidsI[k] {
			i := base + j
			switch r.IndStatus[i] {
			case Scored, Filled:
				a.any = true
				a.pts += r.IndPoints[i]
				a.max += m.Indicators[j].Max
			case Excluded:
				a.anyMissing = true
			}
		}
		return r.finish(unit, nb, k, &a)
	}
	for _, c := range m.kidsN[k] {
		i := nb + c
		w := m.Nodes[c].Weight
		if sum {
			w = r.NodeMax[i]
		}
		a.add(r.NodeStatus[i], r.NodePoints[i], r.NodeMax[i], r.NodeScore[i], w)
		if a.bad {
			return &Error{Unit: unit, Code: node.Code, Msg: fmt.Sprintf("geometric mean needs positive inputs, %s is %v", m.Nodes[c].Code, a.badScore)}
		}
	}
	for _, j := range m.kidsI[k] {
		ind := &m.Indicators[j]
		i := base + j
		w := ind.Weight
		if sum {
			w = ind.Max
		}
		sc := 0.0
		if !sum {
			sc = r.score(i, ind)
		}
		a.add(r.IndStatus[i], r.IndPoints[i], ind.Max, sc, w)
		if a.bad {
			return &Error{Unit: unit, Code: node.Code, Msg: fmt.Sprintf("geometric mean needs positive inputs, %s is %v", ind.Code, a.badScore)}
		}
	}
	return r.finish(unit, nb, k, &a)
}

// finish sets node k (cell nb+k) from its accumulated children.
func (r *Result) finish(unit string, nb, k int, a *acc) error {
	m := r.Model
	node := &m.Nodes[k]
	sum := node.Agg == Sum
	pts, max, wsum, wlog, wtot, applW, presW, any, anyMissing := a.pts, a.max, a.wsum, a.wlog, a.wtot, a.applW, a.presW, a.any, a.anyMissing
	i := nb + k
	switch {
	case !any && anyMissing:
		r.NodeStatus[i] = Excluded
	case !any:
		r.NodeStatus[i] = NA
	case node.MinCoverage > 0 && applW > 0 && presW/applW < node.MinCoverage-1e-12:
		r.NodeStatus[i] = Excluded
	default:
		r.NodeStatus[i] = Scored
	}
	if r.NodeStatus[i] == Excluded {
		// A node left out behaves like a missing indicator in its parent.
		switch m.Missing {
		case MissingError:
			return &Error{Unit: unit, Code: node.Code, Msg: fmt.Sprintf("too little data (coverage %.0f%%, minimum %.0f%%)", 100*presW/applW, 100*node.MinCoverage)}
		case MissingZero:
			r.NodeStatus[i] = Filled
			r.NodePoints[i], r.NodeScore[i] = 0, 0
			if sum {
				r.NodeMax[i] = max
			} else {
				r.NodeMax[i] = node.Max
			}
		}
		return nil
	}
	if r.NodeStatus[i] == NA {
		return nil
	}
	switch node.Agg {
	case Sum:
		r.NodePoints[i], r.NodeMax[i] = pts, max
		if max > 0 {
			r.NodeScore[i] = pts / max * m.Scale
		} else {
			r.NodeStatus[i] = NA
		}
	case Mean, GeoMean:
		if wtot <= 0 {
			r.NodeStatus[i] = NA
			return nil
		}
		s := wsum / wtot
		if node.Agg == GeoMean {
			s = math.Exp(wlog / wtot)
		}
		r.NodeScore[i] = s
		r.NodeMax[i] = node.Max
		r.NodePoints[i] = s / m.Scale * node.Max
	}
	return nil
}

// rank fills competition ranks (1, 2, 2, 4) per node, descending, on
// values rounded to the model's precision.
func (r *Result) rank() {
	rankTable(r.NodeScore, r.NodeStatus, len(r.Model.Nodes), r.Model.Precision, r.NodeRank)
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
				keys = append(keys, descKey(v))
				units = append(units, int32(u))
			}
		}
		radixSort(keys, units)
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

// descKey maps a float to a key whose ascending order is the float's
// descending order (−0 and +0 are equal).
func descKey(v float64) uint64 {
	if v == 0 {
		v = 0
	}
	b := math.Float64bits(v)
	if b>>63 == 1 {
		b = ^b
	} else {
		b |= 1 << 63
	}
	return ^b
}

// radixSort sorts keys ascending in place, carrying units along; it is
// stable, so equal keys keep their units in ascending order.
func radixSort(keys []uint64, units []int32) {
	n := len(keys)
	if n < 2 {
		return
	}
	srcK, srcU := keys, units
	dstK, dstU := make([]uint64, n), make([]int32, n)
	for shift := uint(0); shift < 64; shift += 8 {
		var count [257]int
		first := (srcK[0] >> shift) & 0xff
		same := true
		for _, k := range srcK {
			b := (k >> shift) & 0xff
			count[b+1]++
			same = same && b == first
		}
		if same {
			continue // every key has this byte: the pass would change nothing
		}
		for b := 1; b < 257; b++ {
			count[b] += count[b-1]
		}
		for i, k := range srcK {
			b := (k >> shift) & 0xff
			dstK[count[b]], dstU[count[b]] = k, srcU[i]
			count[b]++
		}
		srcK, dstK = dstK, srcK
		srcU, dstU = dstU, srcU
	}
	if &srcK[0] != &keys[0] {
		copy(keys, srcK)
		copy(units, srcU)
	}
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
		s = Round(s, m.Precision)
		for c := range m.Classes {
			if s >= m.Classes[c].Min {
				r.Class[u] = c
				break
			}
		}
		if r.VetoFailed[u] && m.VetoCap >= 0 && r.Class[u] >= 0 && r.Class[u] < m.VetoCap {
			r.Class[u] = m.VetoCap
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
	nI := len(m.Indicators)
	var num, den float64
	for _, j := range members {
		i := u*nI + j
		if !r.IndStatus[i].Counted() || m.effW[j] == 0 {
			continue
		}
		num += m.effW[j] * r.score(i, &m.Indicators[j])
		den += m.effW[j]
	}
	if den == 0 {
		return math.NaN()
	}
	return num / den
}
