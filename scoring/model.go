package scoring

import (
	"fmt"
	"math"
	"slices"
)

// State marks a cell of the input matrix.
type State uint8

const (
	Present       State = iota // the value is given
	Missing                    // no value was given
	NotApplicable              // the indicator does not apply to the unit
)

// Matrix holds the input values, units × indicators, row-major.
type Matrix struct {
	Units      []string  // unit codes, used in error messages
	Indicators int       // number of columns
	Values     []float64 // Values[u*Indicators+j]
	States     []State   // States[u*Indicators+j]
}

// NewMatrix returns a matrix for the given units with every cell missing.
func NewMatrix(units []string, indicators int) *Matrix {
	n := len(units) * indicators
	m := &Matrix{Units: units, Indicators: indicators, Values: make([]float64, n), States: make([]State, n)}
	for i := range m.States {
		m.States[i] = Missing
	}
	return m
}

// Set stores a present value.
func (m *Matrix) Set(u, j int, v float64) {
	m.Values[u*m.Indicators+j] = v
	m.States[u*m.Indicators+j] = Present
}

// SetState marks a cell missing or not applicable.
func (m *Matrix) SetState(u, j int, s State) { m.States[u*m.Indicators+j] = s }

// RuleKind is the kind of points rule; NoRule means the indicator is
// normalised instead.
type RuleKind uint8

const (
	NoRule       RuleKind = iota
	Ratio                 // min(v/T, 1)·max; lower: v ≤ T → max, else T/v·max
	Steps                 // points of the highest threshold reached; lower: of the lowest threshold not exceeded
	Boolean               // v ≠ 0 → max; lower: v = 0 → max
	Categorical           // Levels[int(v)]
	RelativeBest          // min(v/best, 1)·max; lower: min(best/v, 1)·max (v = 0 → max); best from the cohort or a reference
	PassFail              // v ≥ Pass → max (lower: v ≤ Pass); without Pass like Boolean
)

// Norm is a normalisation for indicators without a points rule.
type Norm uint8

const (
	NormNone      Norm = iota // the value is already a score on the scale
	NormMinMax                // (x − min)/(max − min) × scale, direction applied first
	NormZScore                // (x − mean)/sd, sample sd, direction applied first
	NormGoalposts             // (x − lo)/(hi − lo) truncated to [0, 1], × scale; reversed for lower
	NormRank                  // percentile rank: (mid-rank − 1)/(n − 1) × scale, ties averaged, direction applied first
)

// Agg is a node's aggregation.
type Agg uint8

const (
	Sum     Agg = iota // Σ points / Σ max points × scale
	Mean               // Σ w·s / Σ w
	GeoMean            // exp(Σ w·ln s / Σ w), s > 0
)

// MissingPolicy says what a missing value does.
type MissingPolicy uint8

const (
	MissingZero     MissingPolicy = iota // scored zero, kept in the denominator
	MissingReweight                      // left out of numerator and denominator
	MissingError                         // an error
)

// Step is one threshold of a steps rule.
type Step struct{ Threshold, Points float64 }

// Indicator is a leaf of the model.
type Indicator struct {
	Code   string
	Parent int     // index in Model.Nodes
	Weight float64 // relative weight under a mean or geomean parent
	Max    float64 // max points; 0 = reported, not scored
	Lower  bool    // lower values are better
	Rule   RuleKind
	Target float64   // Ratio
	Steps  []Step    // Steps, ordered from best threshold to worst
	Levels []float64 // Categorical: points of option v
	Pass   float64   // PassFail threshold when HasPass
	// HasPass says whether Pass is set.
	HasPass bool
	// Best is the cohort's quantile a RelativeBest rule scores against, in
	// (0, 1]: 1 (or 0) is the best value, 0.9 the 90th percentile (the
	// 10th for lower is better), a value reported by a unit (gonum's
	// empirical quantile); values beyond it earn the full points.
	Best float64
	// Reference, when HasReference, replaces the cohort's best: a
	// published value, so that a lone unit is not scored against itself.
	Reference    float64
	HasReference bool
	Norm         Norm
	Lo, Hi       float64 // NormGoalposts
	Veto         bool    // failing it (zero points) caps the class and blocks awards
}

// Node is an inner node; Nodes[0] is the index and has Parent −1.
type Node struct {
	Code        string
	Parent      int
	Weight      float64 // relative weight under a mean or geomean parent
	Max         float64 // max points (declared); used when the node is not a sum
	Agg         Agg
	MinCoverage float64 // minimum share of applicable child weight with data; 0 = none
}

// Class is a band: units with score ≥ Min belong to it. Classes are
// ordered best first.
type Class struct {
	Name string
	Min  float64
}

// Spec describes a model: the tree of nodes and indicators with their
// rules, the scale, the missing-data policy, the published precision and
// the classes. [Compile] checks it and returns a [Model].
type Spec struct {
	Scale      float64
	Missing    MissingPolicy
	Precision  int // decimals of the published value; < 0: full precision
	Nodes      []Node
	Indicators []Indicator
	Classes    []Class
	VetoCap    int // index in Classes a failed veto caps at; < 0: no cap
}

// clone returns a copy of s that shares no memory with it.
func (s Spec) clone() Spec {
	c := s
	c.Nodes = slices.Clone(s.Nodes)
	c.Classes = slices.Clone(s.Classes)
	c.Indicators = slices.Clone(s.Indicators)
	for j := range c.Indicators {
		c.Indicators[j].Steps = slices.Clone(c.Indicators[j].Steps)
		c.Indicators[j].Levels = slices.Clone(c.Indicators[j].Levels)
	}
	return c
}

// Model is a compiled [Spec]: checked, with its child lists, post-order
// and effective weights computed once. It is read-only after [Compile]
// and safe for concurrent use by any number of goroutines.
type Model struct {
	spec  Spec
	order []int     // nodes in post-order (children before parents)
	kidsN [][]int   // child nodes per node
	kidsI [][]int   // child indicators per node
	effW  []float64 // effective weight of each indicator in the index
}

// Compile checks s and returns the model that scores it. The model keeps
// its own copy of s: changing s afterwards does not change the model.
func Compile(s Spec) (*Model, error) {
	m := &Model{spec: s.clone()}
	if err := m.prepare(); err != nil {
		return nil, err
	}
	return m, nil
}

// Spec returns a copy of the specification the model was compiled from.
func (m *Model) Spec() Spec { return m.spec.clone() }

// Scale returns the score of a unit that earns every point.
func (m *Model) Scale() float64 { return m.spec.Scale }

// Precision returns the decimals of published values (< 0: full precision).
func (m *Model) Precision() int { return m.spec.Precision }

// NumIndicators returns the number of indicators (matrix columns).
func (m *Model) NumIndicators() int { return len(m.spec.Indicators) }

// NumNodes returns the number of nodes, the index (node 0) included.
func (m *Model) NumNodes() int { return len(m.spec.Nodes) }

// Indicator returns a copy of indicator j.
func (m *Model) Indicator(j int) Indicator {
	ind := m.spec.Indicators[j]
	ind.Steps, ind.Levels = slices.Clone(ind.Steps), slices.Clone(ind.Levels)
	return ind
}

// Node returns a copy of node k (0 is the index).
func (m *Model) Node(k int) Node { return m.spec.Nodes[k] }

// prepare checks the tree and builds the child lists and post-order.
func (m *Model) prepare() error {
	if len(m.spec.Nodes) == 0 || m.spec.Nodes[0].Parent != -1 {
		return fmt.Errorf("scoring: model has no index node")
	}
	if !(m.spec.Scale > 0) {
		return fmt.Errorf("scoring: scale %v must be positive", m.spec.Scale)
	}
	n := len(m.spec.Nodes)
	m.kidsN = make([][]int, n)
	m.kidsI = make([][]int, n)
	for k := 1; k < n; k++ {
		p := m.spec.Nodes[k].Parent
		if p < 0 || p >= n || p == k {
			return fmt.Errorf("scoring: node %s has invalid parent %d", m.spec.Nodes[k].Code, p)
		}
		m.kidsN[p] = append(m.kidsN[p], k)
	}
	for j, ind := range m.spec.Indicators {
		if ind.Parent < 0 || ind.Parent >= n {
			return fmt.Errorf("scoring: indicator %s has invalid parent %d", ind.Code, ind.Parent)
		}
		m.kidsI[ind.Parent] = append(m.kidsI[ind.Parent], j)
	}
	// post-order by an explicit stack from the root (a deep chain cannot
	// overflow it); unreached nodes mean a cycle
	seen := make([]bool, n)
	type frame struct{ k, next int }
	stack := []frame{{0, 0}}
	seen[0] = true
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next < len(m.kidsN[f.k]) {
			c := m.kidsN[f.k][f.next]
			f.next++
			if !seen[c] {
				seen[c] = true
				stack = append(stack, frame{c, 0})
			}
			continue
		}
		m.order = append(m.order, f.k)
		stack = stack[:len(stack)-1]
	}
	if len(m.order) != n {
		return fmt.Errorf("scoring: the node tree has a cycle or unreachable nodes")
	}
	// effective weights of the indicators in the index, parents before
	// children (the reverse post-order)
	m.effW = make([]float64, len(m.spec.Indicators))
	nodeW := make([]float64, n)
	nodeW[0] = 1
	for o := len(m.order) - 1; o >= 0; o-- {
		k := m.order[o]
		tot := 0.0
		for _, c := range m.kidsN[k] {
			tot += m.childWeight(k, m.spec.Nodes[c].Weight, m.spec.Nodes[c].Max)
		}
		for _, j := range m.kidsI[k] {
			tot += m.childWeight(k, m.spec.Indicators[j].Weight, m.spec.Indicators[j].Max)
		}
		if tot == 0 {
			continue
		}
		for _, c := range m.kidsN[k] {
			nodeW[c] = nodeW[k] * m.childWeight(k, m.spec.Nodes[c].Weight, m.spec.Nodes[c].Max) / tot
		}
		for _, j := range m.kidsI[k] {
			m.effW[j] = nodeW[k] * m.childWeight(k, m.spec.Indicators[j].Weight, m.spec.Indicators[j].Max) / tot
		}
	}
	return nil
}

func (m *Model) childWeight(parent int, w, max float64) float64 {
	if m.spec.Nodes[parent].Agg == Sum {
		return max
	}
	return w
}

// EffectiveWeights returns each indicator's share of the index implied by
// the weights (or max points under sum nodes) along its path.
func (m *Model) EffectiveWeights() []float64 { return slices.Clone(m.effW) }

// Round rounds x half away from zero to prec decimals, tolerating binary
// noise (0.800175 → 0.8002 at 4 decimals). prec < 0 returns x.
func Round(x float64, prec int) float64 {
	if prec < 0 {
		return x
	}
	return roundTo(x, math.Pow(10, float64(prec)))
}

// roundTo rounds x to a multiple of 1/p as [Round] does.
func roundTo(x, p float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	return roundScaled(x, p) / p
}

// roundScaled returns the whole number n such that roundTo(x, p) = n / p:
// v = x·p rounded half away from zero, where a fraction within 1e-9
// (relative) of one half counts as one half.
func roundScaled(x, p float64) float64 {
	v := x * p
	fl := math.Floor(v)
	d := v - fl - 0.5 // exact: the fraction of v, less one half
	tol := 1e-9
	if v > 1 {
		tol *= v
	} else if v < -1 {
		tol *= -v
	}
	switch {
	case d < tol && d > -tol:
		if v >= 0 {
			return fl + 1
		}
		return fl
	case d > 0:
		return math.Copysign(fl+1, v) // −0.3 → −0, as math.Round gives
	}
	return fl
}
