package audit

import (
	"math"
	"math/rand/v2"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
)

// space is what the uncertainty and sensitivity analyses vary: the band
// of each node's and indicator's weight, the missing-data policies and
// the normalisations drawn (nil: the framework's own, fixed).
type space struct {
	band     float64   // the band of the items without one of their own
	nodeBand []float64 // per spec node (0, the index, unused)
	indBand  []float64 // per indicator
	missing  []scoring.MissingPolicy
	norms    []scoring.Norm
	pillars  []int // spec nodes under the index
	// scaled per norms entry: scores stay on the framework's scale, so
	// that classes and award thresholds apply (z-scores do not).
	scaled []bool
}

// newSpace builds the space from the framework's [uncertainty] table and
// the items' own bands; band ≥ 0 replaces the table's band. missing and
// normalise say whether to draw those choices at all. Normalisations are
// drawn only when some indicator is normalised relative to the units
// (minmax, zscore, rank), and z-scores not where a node takes a
// geometric mean.
func newSpace(ev *dti.Evaluation, base scoring.Spec, band float64, missing, normalise bool) *space {
	fw := ev.Framework
	if band < 0 {
		band = fw.UncertaintyBand(0.25)
	}
	sp := &space{band: band, nodeBand: make([]float64, len(base.Nodes)), indBand: make([]float64, len(base.Indicators))}
	for k := 1; k < len(base.Nodes); k++ {
		sp.nodeBand[k] = band
		if b := fw.Nodes[k-1].UncertaintyBand; b != nil {
			sp.nodeBand[k] = *b
		}
		if base.Nodes[k].Parent == 0 {
			sp.pillars = append(sp.pillars, k)
		}
	}
	for j := range base.Indicators {
		sp.indBand[j] = band
		if b := fw.Indicators[j].UncertaintyBand; b != nil {
			sp.indBand[j] = *b
		}
	}
	if missing {
		for _, m := range fw.MissingChoices() {
			p := scoring.MissingZero
			if m == indicators.MissingReweight {
				p = scoring.MissingReweight
			}
			sp.missing = append(sp.missing, p)
		}
	}
	if normalise && relativeNorms(base) {
		geo := false
		for _, n := range base.Nodes {
			geo = geo || n.Agg == scoring.GeoMean
		}
		for _, n := range fw.NormalizeChoices() {
			switch n {
			case indicators.NormMinMax:
				sp.norms, sp.scaled = append(sp.norms, scoring.NormMinMax), append(sp.scaled, true)
			case indicators.NormRank:
				sp.norms, sp.scaled = append(sp.norms, scoring.NormRank), append(sp.scaled, true)
			case indicators.NormZScore:
				if !geo {
					sp.norms, sp.scaled = append(sp.norms, scoring.NormZScore), append(sp.scaled, false)
				}
			}
		}
	}
	return sp
}

// Choices is what an uncertainty analysis varies, as the options and the
// framework's [uncertainty] table set it; results.json records it.
type Choices struct {
	Runs      int                        `json:"runs"`
	Seed      uint64                     `json:"seed"`
	Band      float64                    `json:"band"`                // of the nodes and indicators without a band of their own
	Missing   []indicators.MissingPolicy `json:"missing,omitempty"`   // the policies drawn; none: the framework's, fixed
	Normalize []indicators.Normalization `json:"normalize,omitempty"` // the normalisations drawn; none: the indicators' own, fixed
}

// UncertaintyChoices returns what Uncertainty(ev, o) varies.
func UncertaintyChoices(ev *dti.Evaluation, o UncertaintyOptions) Choices {
	sp := newSpace(ev, ev.Spec(), o.Band, o.Missing, o.Normalise)
	c := Choices{Runs: o.Runs, Seed: o.Seed, Band: sp.band}
	for _, m := range sp.missing {
		if m == scoring.MissingZero {
			c.Missing = append(c.Missing, indicators.MissingZero)
		} else {
			c.Missing = append(c.Missing, indicators.MissingReweight)
		}
	}
	for _, n := range sp.norms {
		switch n {
		case scoring.NormMinMax:
			c.Normalize = append(c.Normalize, indicators.NormMinMax)
		case scoring.NormZScore:
			c.Normalize = append(c.Normalize, indicators.NormZScore)
		case scoring.NormRank:
			c.Normalize = append(c.Normalize, indicators.NormRank)
		}
	}
	return c
}

// relativeNorms reports whether some scored indicator is normalised
// relative to the units.
func relativeNorms(s scoring.Spec) bool {
	for _, ind := range s.Indicators {
		if relative(ind) {
			return true
		}
	}
	return false
}

func relative(ind scoring.Indicator) bool {
	return ind.Rule == scoring.NoRule && (ind.Norm == scoring.NormMinMax || ind.Norm == scoring.NormZScore || ind.Norm == scoring.NormRank)
}

// variant is one what-if: a factor on each node's and indicator's weight,
// and the index of the missing-data policy and of the normalisation in
// the space's lists (−1: the framework's own).
type variant struct {
	nodeF, indF   []float64
	missing, norm int
}

func (sp *space) newVariant() *variant {
	v := &variant{nodeF: make([]float64, len(sp.nodeBand)), indF: make([]float64, len(sp.indBand)), missing: -1, norm: -1}
	v.reset()
	return v
}

// reset makes v the evaluation itself.
func (v *variant) reset() {
	for i := range v.nodeF {
		v.nodeF[i] = 1
	}
	for i := range v.indF {
		v.indF[i] = 1
	}
	v.missing, v.norm = -1, -1
}

// draw fills v at random: every weight within its band, a policy and a
// normalisation among the space's.
func (sp *space) draw(v *variant, rng *rand.Rand) {
	for k := 1; k < len(v.nodeF); k++ {
		v.nodeF[k] = 1 + sp.nodeBand[k]*(2*rng.Float64()-1)
	}
	for j := range v.indF {
		v.indF[j] = 1 + sp.indBand[j]*(2*rng.Float64()-1)
	}
	v.missing, v.norm = -1, -1
	if len(sp.missing) > 0 {
		v.missing = rng.IntN(len(sp.missing))
	}
	if len(sp.norms) > 0 {
		v.norm = rng.IntN(len(sp.norms))
	}
}

// onScale reports whether v's scores are on the framework's scale.
func (sp *space) onScale(v *variant) bool { return v.norm < 0 || sp.scaled[v.norm] }

// engine scores variants of an evaluation: from the points already
// earned when every node sums points and no normalisation is drawn (the
// fast path), else by scoring the values again under a changed
// specification (dti.Rescorer).
type engine struct {
	sp *space
	pd *points
	rs *dti.Rescorer
}

func newEngine(ev *dti.Evaluation, band float64, missing, normalise bool) (*engine, error) {
	e := &engine{sp: newSpace(ev, ev.Spec(), band, missing, normalise)}
	if pd, err := newPoints(ev); err == nil && len(e.sp.norms) == 0 {
		e.pd = pd
	} else {
		e.rs = ev.Rescorer() // the values, read again only when the points do not do
	}
	return e, nil
}

// newScorer returns a scorer with buffers of its own, so that workers can
// run side by side: it writes each unit's index under v into out (NaN:
// none).
func (e *engine) newScorer() func(v *variant, out []float64) error {
	if pd := e.pd; pd != nil {
		w := make([]float64, pd.nI)
		return func(v *variant, out []float64) error {
			for j := range w {
				f := v.indF[j]
				for _, n := range pd.chain[j] {
					f *= v.nodeF[n+1] // chain holds framework nodes; spec node = framework node + 1
				}
				w[j] = pd.maxPts[j] * f
			}
			zero := pd.zero
			if v.missing >= 0 {
				zero = e.sp.missing[v.missing] == scoring.MissingZero
			}
			pd.scores(w, zero, out)
			return nil
		}
	}
	return func(v *variant, out []float64) error {
		return e.rs.Scores(e.spec(v), out)
	}
}

// spec is the specification of v: a node's weight is multiplied under a
// mean or geometric mean; under a sum its points are, through every sum
// below it (a rule's points with its max: Ratio, Steps, Categorical and
// the rest scale alike, so the scores do not change, only the weights).
func (e *engine) spec(v *variant) scoring.Spec {
	s := e.rs.Spec()
	scaleInd := func(j int, f float64) {
		ind := &s.Indicators[j]
		ind.Max *= f
		for k := range ind.Steps {
			ind.Steps[k].Points *= f
		}
		for k := range ind.Levels {
			ind.Levels[k] *= f
		}
	}
	var scalePoints func(k int, f float64)
	scalePoints = func(k int, f float64) {
		if s.Nodes[k].Agg != scoring.Sum {
			s.Nodes[k].Max *= f
			return
		}
		for j := range s.Indicators {
			if s.Indicators[j].Parent == k {
				scaleInd(j, f)
			}
		}
		for c := 1; c < len(s.Nodes); c++ {
			if s.Nodes[c].Parent == k {
				scalePoints(c, f)
			}
		}
	}
	for k := 1; k < len(s.Nodes); k++ {
		if f := v.nodeF[k]; f != 1 {
			if s.Nodes[s.Nodes[k].Parent].Agg == scoring.Sum {
				scalePoints(k, f)
			} else {
				s.Nodes[k].Weight *= f
			}
		}
	}
	for j := range s.Indicators {
		if f := v.indF[j]; f != 1 {
			if s.Nodes[s.Indicators[j].Parent].Agg == scoring.Sum {
				scaleInd(j, f)
			} else {
				s.Indicators[j].Weight *= f
			}
		}
	}
	if v.missing >= 0 {
		s.Missing = e.sp.missing[v.missing]
	}
	if v.norm >= 0 {
		for j := range s.Indicators {
			if relative(s.Indicators[j]) {
				s.Indicators[j].Norm = e.sp.norms[v.norm]
			}
		}
	}
	return s
}

// classOf returns the class index of a score (rounded as published) with
// a failed veto's cap, −1 none.
func classOf(ev *dti.Evaluation, score float64, veto bool, capIdx int) int {
	if math.IsNaN(score) {
		return -1
	}
	c := -1
	for i, cl := range ev.Framework.Classes {
		if score >= cl.Min {
			c = i
			break
		}
	}
	if veto && capIdx >= 0 && c >= 0 && c < capIdx {
		c = capIdx
	}
	return c
}
