package dti

import (
	"bytes"
	"errors"
	"fmt"
	"sync"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/par"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

// Basis says which value is scored.
type Basis string

const (
	// BasisAppraised scores the appraised value where present, else the
	// self-assessed one (the default).
	BasisAppraised Basis = "appraised"
	// BasisSelf scores the self-assessed values only.
	BasisSelf Basis = "self"
)

// Options tune [Evaluate]. The zero value scores the appraised basis.
type Options struct {
	Basis Basis
}

// Evaluation is the result of scoring a batch against a framework.
type Evaluation struct {
	Framework *indicators.Framework
	Hash      string // framework hash
	Basis     Basis
	Units     []*Unit               // in rank order; unranked units last, by code
	Rejected  []submission.Rejected // the batch's rejections, then units that could not be scored
	Warnings  []string              // batch-level warnings (e.g. constant indicators)
	Inputs    []submission.Input    // the files read, for provenance
	Skipped   []submission.Skip     // files that were not read as submissions, with the reasons
	Domains   []indicators.Domain   // the sub-indices, in report order (Unit.Domains follows it)

	comp       *compiled
	res        *scoring.Result
	claims     *scoring.Claims // the self-assessed basis; nil when it cannot be scored
	self       *scoring.Matrix // the self-assessed values, while Evaluate runs
	valueBasis []uint8         // per cell: 0 none, 1 self, 2 appraised
	flagged    []flag          // values for the appraiser to check
}

// Evaluate scores the accepted submissions of a batch against fw. The
// batch's rejections and inputs carry over into the evaluation, so that
// reports list them. Units with a data error the framework forbids (a
// missing value under missing = "error", a geometric mean over zero) are
// added to Rejected and the rest are scored. fw itself is not changed.
func Evaluate(fw *indicators.Framework, b *submission.Batch, opts *Options) (*Evaluation, error) {
	comp, err := compile(fw)
	if err != nil {
		return nil, err
	}
	fw = comp.fw
	subs := b.Submissions
	basis := BasisAppraised
	if opts != nil && opts.Basis != "" {
		basis = opts.Basis
	}
	if basis != BasisAppraised && basis != BasisSelf {
		return nil, fmt.Errorf("dti: unknown basis %q (want appraised or self)", basis)
	}
	seen := make(map[string]string, len(subs))
	for _, s := range subs {
		if prev, dup := seen[s.Unit]; dup {
			return nil, fmt.Errorf("dti: unit %s appears twice (%s and %s)", s.Unit, prev, s.File)
		}
		seen[s.Unit] = s.File
	}
	hash := make(chan string, 1)
	go func() { hash <- indicators.Hash(fw) }() // provenance, computed beside the scoring
	ev := &Evaluation{Framework: fw, Basis: basis, comp: comp, Inputs: b.Inputs, Skipped: b.Skipped, Domains: comp.domainList}
	ev.Rejected = append(ev.Rejected, b.Rejected...)
	defer func() { ev.Hash = <-hash }()
	live := append([]*submission.Submission(nil), subs...)
	// Every unit that cannot be scored is named in one pass and left
	// out; the rest are scored again, since cohort statistics (min-max,
	// best unit) change without them, which may fail another unit.
	for {
		err := ev.score(live)
		var es scoring.Errors
		if err == nil {
			break
		}
		if !errors.As(err, &es) {
			return nil, err
		}
		failed := make(map[int]*scoring.Error, len(es))
		for _, e := range es {
			failed[e.Row] = e
		}
		kept := live[:0]
		for u, s := range live {
			if e := failed[u]; e != nil {
				ev.Rejected = append(ev.Rejected, submission.Rejected{File: s.File, Unit: s.Unit, Errors: submission.Issues{scoringIssue(s, e)}})
				continue
			}
			kept = append(kept, s)
		}
		live = kept
	}
	ev.build(live)
	putMatrix(ev.self)
	ev.self = nil
	return ev, nil
}

// scoringIssue says, in both languages, why unit s could not be scored.
func scoringIssue(s *submission.Submission, e *scoring.Error) submission.Issue {
	is := submission.Issue{File: s.File, Unit: s.Unit, Indicator: e.Code}
	switch e.Kind {
	case scoring.ErrMissing:
		is.VI, is.EN = "thiếu giá trị trong khi khung quy định thiếu dữ liệu là lỗi (missing = \"error\")", "value missing and the missing-data policy is error"
	case scoring.ErrNotFinite:
		is.VI, is.EN = fmt.Sprintf("giá trị %v không phải số hữu hạn", e.Value), fmt.Sprintf("value %v is not a finite number", e.Value)
	case scoring.ErrGeoMean:
		is.VI, is.EN = fmt.Sprintf("trung bình nhân cần điểm dương, %s có điểm %v", e.Child, e.Value), fmt.Sprintf("geometric mean needs positive inputs, %s is %v", e.Child, e.Value)
	case scoring.ErrCoverage:
		is.VI, is.EN = fmt.Sprintf("quá ít dữ liệu (có %.0f%%, tối thiểu %.0f%%)", 100*e.Value, 100*e.Min), fmt.Sprintf("too little data (coverage %.0f%%, minimum %.0f%%)", 100*e.Value, 100*e.Min)
	default:
		is.VI, is.EN = e.Error(), e.Error()
	}
	is.VI, is.EN = "không tính được điểm: "+is.VI, "cannot be scored: "+is.EN
	return is
}

// fill sets the cells of subs (starting at row lo) in the given matrix.
func (ev *Evaluation) fill(subs []*submission.Submission, lo int, given *scoring.Matrix) {
	nI := len(ev.Framework.Indicators)
	for k, s := range subs {
		row := (lo + k) * nI
		// A submission usually holds every indicator, in framework order:
		// then each cell is written once. Otherwise the row starts empty.
		if s.Len() != nI || ev.fillRow(s, row, given) != nI {
			for i := row; i < row+nI; i++ {
				given.States[i], given.Values[i], ev.valueBasis[i] = scoring.Missing, 0, 0
			}
			ev.fillRow(s, row, given)
		}
		// Values scored per resident, km² or household.
		for _, j := range ev.comp.per {
			f, ok := ev.comp.perFactor(j, s)
			switch i := row + j; {
			case given.States[i] != scoring.Present:
			case ok:
				given.Values[i] *= f
			default:
				given.States[i], given.Values[i] = scoring.Missing, 0
			}
		}
	}
}

// fillRow writes the cells of s's entries into row row of the given
// matrix and returns how many it wrote.
func (ev *Evaluation) fillRow(s *submission.Submission, row int, given *scoring.Matrix) int {
	fw := ev.Framework
	nI := len(fw.Indicators)
	gv, gs := given.Values[row:row+nI], given.States[row:row+nI]
	vb := ev.valueBasis[row : row+nI]
	n, p := 0, -1
	for code, e := range s.All() {
		p++
		j := p
		if j >= nI || fw.Indicators[j].Code != code {
			var ok bool
			if j, ok = ev.comp.indIdx[code]; !ok {
				continue
			}
		}
		n++
		gs[j], gv[j] = ev.comp.selfCell(j, e)
		vb[j] = 0
		if gs[j] == scoring.Present {
			vb[j] = 1
		}
		if ev.Basis == BasisAppraised && !e.NA() && e.Appraised().Set {
			gs[j], gv[j], vb[j] = scoring.Present, e.Appraised().Num, 2
		}
	}
	return n
}

// selfMatrix returns the matrix of the self-assessed values: the given
// one where no value was appraised, else a copy of it with the
// self-assessed values in the appraised cells. A second matrix filled
// beside the given one was 9 MB of the 10,000 × 100 harness CSV, whose
// values are all self-assessed.
func (ev *Evaluation) selfMatrix(subs []*submission.Submission, given *scoring.Matrix) *scoring.Matrix {
	if bytes.IndexByte(ev.valueBasis, 2) < 0 {
		return given
	}
	self := getMatrix(given.Units, given.Indicators)
	copy(self.Values, given.Values)
	copy(self.States, given.States)
	fw := ev.Framework
	nI := len(fw.Indicators)
	par.Do(len(subs), func(lo, hi int) error {
		for u := lo; u < hi; u++ {
			row := u * nI
			vb := ev.valueBasis[row : row+nI]
			if bytes.IndexByte(vb, 2) < 0 {
				continue
			}
			s := subs[u]
			for j, b := range vb {
				if b != 2 {
					continue
				}
				st, v := ev.comp.selfCell(j, s.LookupAt(j, fw.Indicators[j].Code))
				if st == scoring.Present {
					if f, ok := ev.comp.perFactor(j, s); ok {
						v *= f
					} else {
						st, v = scoring.Missing, 0
					}
				}
				self.States[row+j], self.Values[row+j] = st, v
			}
		}
		return nil
	})
	return self
}

// selfCell returns the state and value of indicator j's entry on the
// self-assessed basis. Not applicable counts only where the framework
// allows it: elsewhere (a veto, say) the entry is a missing value, so that
// declaring NA never lifts a unit.
func (c *compiled) selfCell(j int, e submission.Entry) (scoring.State, float64) {
	switch {
	case !e.OK():
		return scoring.Missing, 0
	case e.NA() && c.naOK[j]:
		return scoring.NotApplicable, 0
	case e.NA():
		return scoring.Missing, 0
	case e.Self().Set:
		return scoring.Present, e.Self().Num
	}
	return scoring.Missing, 0
}

// selfPoints returns the points unit s's entry e earns for indicator j on
// the self-assessed basis, scored as Evaluate scored it (per resident, km²
// or household where the framework says so).
func (ev *Evaluation) selfPoints(j int, s *submission.Submission, e submission.Entry) float64 {
	st, v := ev.comp.selfCell(j, e)
	if st == scoring.Present {
		f, ok := ev.comp.perFactor(j, s)
		if !ok {
			st, v = scoring.Missing, 0
		}
		v *= f
	}
	return ev.claims.Points(j, st, v)
}

// matrices keeps the input matrices between evaluations: they are large,
// short-lived and rebuilt in full each time (fill writes every cell), so
// reusing them saves the allocation, the zeroing and the garbage
// collection.
var matrices sync.Pool

func getMatrix(units []string, indicators int) *scoring.Matrix {
	n := len(units) * indicators
	if m, ok := matrices.Get().(*scoring.Matrix); ok && cap(m.Values) >= n {
		m.Units, m.Indicators = units, indicators
		m.Values, m.States = m.Values[:n], m.States[:n]
		return m
	}
	return scoring.NewMatrix(units, indicators)
}

func putMatrix(m *scoring.Matrix) {
	m.Units = nil
	matrices.Put(m)
}

// score builds the matrices for both bases and scores them.
func (ev *Evaluation) score(subs []*submission.Submission) error {
	fw, m := ev.Framework, ev.comp.model
	codes := make([]string, len(subs))
	for u, s := range subs {
		codes[u] = s.Unit
	}
	nI := len(fw.Indicators)
	if ev.self != nil { // the last round's, the given matrix too when they were one
		putMatrix(ev.self)
		ev.self = nil
	}
	given := getMatrix(codes, nI)
	ev.valueBasis = make([]uint8, len(subs)*nI)
	par.Do(len(subs), func(lo, hi int) error {
		ev.fill(subs[lo:hi], lo, given)
		return nil
	})
	self := ev.selfMatrix(subs, given)
	if self != given {
		defer putMatrix(given)
	}
	ev.self = self // kept for build; Evaluate returns it to the pool
	ev.flagged = ev.flag(given)
	var err error
	if ev.res, err = scoring.Score(m, given); err != nil {
		return err
	}
	if ev.claims, err = scoring.ScoreClaims(m, self); err != nil {
		// The claimed basis may fail where the given one does not (e.g. a
		// value only appraised); report it on the given basis only.
		var es scoring.Errors
		if !errors.As(err, &es) {
			return err
		}
		ev.claims = nil
	}
	return nil
}
