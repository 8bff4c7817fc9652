package dti

import (
	"iter"

	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

// IndicatorResult explains one indicator for one unit.
type IndicatorResult struct {
	Code      string
	Value     float64 // the value used, as reported
	HasValue  bool
	Scored    float64 // the value as scored: Value per resident, km² or household where the framework says so, else Value
	Basis     Basis   // BasisAppraised, BasisSelf or "" (no value)
	Status    scoring.Status
	Points    float64
	Max       float64
	Score     float64 // points / max × scale (or the normalised score)
	Self      float64 // self-assessed value
	HasSelf   bool
	SelfPts   float64          // points on the self-assessed basis
	Lost      float64          // points lost at appraisal (self − given), 0 when not appraised
	Appraised bool             // an appraised value was used
	Entry     submission.Entry // none (OK false) when the submission has no entry
}

// Indicator returns the details of the indicator with this code for u;
// false when the framework has no such indicator.
func (ev *Evaluation) Indicator(u *Unit, code string) (IndicatorResult, bool) {
	j, ok := ev.comp.indIdx[code]
	if !ok {
		return IndicatorResult{}, false
	}
	return ev.indicator(u, j), true
}

// Indicators yields the details of every indicator for u, in framework
// order.
func (ev *Evaluation) Indicators(u *Unit) iter.Seq[IndicatorResult] {
	return func(yield func(IndicatorResult) bool) {
		for j := range ev.Framework.Indicators {
			if !yield(ev.indicator(u, j)) {
				return
			}
		}
	}
}

// indicator returns the details of indicator j (framework order) for u.
func (ev *Evaluation) indicator(u *Unit, j int) IndicatorResult {
	i := u.idx*len(ev.Framework.Indicators) + j
	ir := IndicatorResult{Code: ev.Framework.Indicators[j].Code}
	ir.Points, ir.Max, ir.Score, ir.Status = ev.Points(u, j)
	ir.Entry = u.sub.LookupAt(j, ir.Code)
	switch ev.valueBasis[i] {
	case 1:
		ir.Basis, ir.HasValue, ir.Value = BasisSelf, true, ir.Entry.Self().Num
	case 2:
		ir.Basis, ir.HasValue, ir.Value, ir.Appraised = BasisAppraised, true, ir.Entry.Appraised().Num, true
	}
	ir.Scored = ir.Value
	if f, ok := ev.comp.perFactor(j, u.sub); ok && ir.HasValue {
		ir.Scored = ir.Value * f
	}
	if ir.Entry.Self().Set {
		ir.Self, ir.HasSelf = ir.Entry.Self().Num, true
	}
	if ev.claims != nil {
		ir.SelfPts = ev.selfPoints(j, u.sub, ir.Entry)
		if ir.Appraised {
			ir.Lost = ir.SelfPts - ir.Points
		}
	}
	return ir
}

// Value returns the value u was scored on for indicator j (framework
// order), per resident, km² or household where the framework scores it so
// (IndicatorResult.Scored), and whether u had one; the audit's columns
// read it, which the full Indicators cost a third of their gathering.
func (ev *Evaluation) Value(u *Unit, j int) (float64, bool) {
	var v float64
	switch ev.valueBasis[u.idx*len(ev.Framework.Indicators)+j] {
	case 1:
		v = u.sub.LookupAt(j, ev.Framework.Indicators[j].Code).Self().Num
	case 2:
		v = u.sub.LookupAt(j, ev.Framework.Indicators[j].Code).Appraised().Num
	default:
		return 0, false
	}
	if f, ok := ev.comp.perFactor(j, u.sub); ok {
		v *= f
	}
	return v, true
}

// Points returns what u earned on indicator j (framework order): its
// points, its maximum, its score and its status, without the entry's
// details and the self-assessed points that [Evaluation.Indicators]
// works out (results.csv and the audit's leave-one-out read only these;
// Indicators cost them a third of their time).
func (ev *Evaluation) Points(u *Unit, j int) (points, max, score float64, status scoring.Status) {
	i := u.idx*len(ev.Framework.Indicators) + j
	return ev.res.Points(u.idx, j), ev.comp.max[j], ev.res.Score(u.idx, j), ev.res.IndStatus[i]
}

// NodeResult is one node (or the index) for one unit.
type NodeResult struct {
	Code   string
	Status scoring.Status
	Points float64
	Max    float64
	Score  float64
	Rank   int
}

// Node returns the node with this code for u, the index for code "";
// false when the framework has no such node.
func (ev *Evaluation) Node(u *Unit, code string) (NodeResult, bool) {
	k, ok := ev.comp.nodeIdx[code]
	if !ok {
		return NodeResult{}, false
	}
	return ev.node(u, k), true
}

// Nodes yields every node of the framework for u (not the index), in
// framework order.
func (ev *Evaluation) Nodes(u *Unit) iter.Seq[NodeResult] {
	return func(yield func(NodeResult) bool) {
		for k := 1; k < ev.comp.model.NumNodes(); k++ {
			if !yield(ev.node(u, k)) {
				return
			}
		}
	}
}

// node returns node k for u: k = 0 is the index, k ≥ 1 is
// Framework.Nodes[k−1].
func (ev *Evaluation) node(u *Unit, k int) NodeResult {
	nN := ev.comp.model.NumNodes()
	i := u.idx*nN + k
	r := ev.res
	return NodeResult{Code: ev.comp.model.Node(k).Code, Status: r.NodeStatus[i], Points: r.NodePoints[i], Max: r.NodeMax[i], Score: r.NodeScore[i], Rank: r.NodeRank[i]}
}

// Precision returns the framework's published decimals, or −1.
func (ev *Evaluation) Precision() int { return ev.comp.model.Precision() }
