package dti

import (
	"errors"
	"math"

	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

// Rescorer scores an evaluation's values again under another
// specification (other weights, missing-data policy or normalisations)
// without reading or checking the submissions again: the what-if runs of
// an uncertainty analysis. It is safe for concurrent use.
type Rescorer struct {
	spec  scoring.Spec
	given *scoring.Matrix
	rows  []int // per ev.Units position, its row in given
}

// Spec returns a copy of the specification ev was scored under: node 0
// is the index, node k is the framework's node k − 1, indicators are in
// framework order.
func (ev *Evaluation) Spec() scoring.Spec { return ev.comp.model.Spec() }

// Rescorer returns a rescorer of ev's units on ev's basis. Its matrix is
// built as Evaluate built it (values per resident where the framework
// says so, not applicable where allowed), so that its Spec, unchanged,
// gives every unit's index again.
func (ev *Evaluation) Rescorer() *Rescorer {
	nI := len(ev.Framework.Indicators)
	subs := make([]*submission.Submission, len(ev.Units))
	rows := make([]int, len(ev.Units))
	codes := make([]string, len(ev.Units))
	for i, u := range ev.Units {
		subs[u.idx], rows[i], codes[u.idx] = u.sub, u.idx, u.Code
	}
	given := scoring.NewMatrix(codes, nI)
	tmp := *ev // fill records each value's basis: in a copy, not in ev
	tmp.valueBasis = make([]uint8, len(subs)*nI)
	tmp.fill(subs, 0, given)
	return &Rescorer{spec: ev.comp.model.Spec(), given: given, rows: rows}
}

// Spec returns a copy of the evaluation's specification to change: node 0
// is the index, node k is the framework's node k − 1, indicators are in
// framework order.
func (r *Rescorer) Spec() scoring.Spec {
	s := r.spec
	s.Nodes = append([]scoring.Node(nil), s.Nodes...)
	s.Indicators = append([]scoring.Indicator(nil), s.Indicators...)
	for j := range s.Indicators {
		s.Indicators[j].Steps = append([]scoring.Step(nil), s.Indicators[j].Steps...)
		s.Indicators[j].Levels = append([]float64(nil), s.Indicators[j].Levels...)
	}
	s.Classes = append([]scoring.Class(nil), s.Classes...)
	return s
}

// Scores writes into out (one per unit, in Evaluation.Units order) each
// unit's index under spec; NaN for a unit without one. A unit that cannot
// be scored under spec (a geometric mean over a score of 0 or less, say)
// gives an error.
func (r *Rescorer) Scores(spec scoring.Spec, out []float64) error {
	if len(out) != len(r.rows) {
		return errors.New("dti: Scores needs one place per unit")
	}
	m, err := scoring.Compile(spec)
	if err != nil {
		return err
	}
	res, err := scoring.Score(m, r.given)
	if err != nil {
		return err
	}
	for i, row := range r.rows {
		out[i] = math.NaN()
		if v, ok := res.Index(row); ok {
			out[i] = v
		}
	}
	return nil
}
