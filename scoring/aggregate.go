package scoring

import (
	"math"
)

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
func (r *Result) aggregate(unit string, nb, base, k int) *Error {
	m := r.Model
	node := &m.spec.Nodes[k]
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
				a.pts += r.points(i)
				a.max += m.spec.Indicators[j].Max
			case Excluded:
				a.anyMissing = true
			}
		}
		return r.finish(unit, nb, k, &a)
	}
	for _, c := range m.kidsN[k] {
		i := nb + c
		w := m.spec.Nodes[c].Weight
		if sum {
			w = r.NodeMax[i]
		}
		a.add(r.NodeStatus[i], r.NodePoints[i], r.NodeMax[i], r.NodeScore[i], w)
		if a.bad {
			return &Error{Unit: unit, Code: node.Code, Kind: ErrGeoMean, Child: m.spec.Nodes[c].Code, Value: a.badScore}
		}
	}
	for _, j := range m.kidsI[k] {
		ind := &m.spec.Indicators[j]
		i := base + j
		w := ind.Weight
		if sum {
			w = ind.Max
		}
		sc := 0.0
		if !sum {
			sc = r.score(i, ind)
		}
		a.add(r.IndStatus[i], r.points(i), ind.Max, sc, w)
		if a.bad {
			return &Error{Unit: unit, Code: node.Code, Kind: ErrGeoMean, Child: ind.Code, Value: a.badScore}
		}
	}
	return r.finish(unit, nb, k, &a)
}

// finish sets node k (cell nb+k) from its accumulated children.
func (r *Result) finish(unit string, nb, k int, a *acc) *Error {
	m := r.Model
	node := &m.spec.Nodes[k]
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
		switch m.spec.Missing {
		case MissingError:
			return &Error{Unit: unit, Code: node.Code, Kind: ErrCoverage, Value: presW / applW, Min: node.MinCoverage}
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
			r.NodeScore[i] = pts / max * m.spec.Scale
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
		r.NodePoints[i] = s / m.spec.Scale * node.Max
	}
	return nil
}
