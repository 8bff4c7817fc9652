package dti

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/par"
	"github.com/cqs-vn/dtikit/scoring"
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

// Rejected is a submission that was not scored, with its reasons.
type Rejected struct {
	File   string `json:"file"`
	Unit   string `json:"unit,omitempty"`
	Errors Issues `json:"-"`
}

// Unit is one unit's result. Indicator and node details are read through
// [Evaluation.Indicator] and [Evaluation.Node].
type Unit struct {
	Code, Name, Period, File string

	Score    float64 // index on the framework's scale, unrounded
	HasScore bool
	Rank     int    // competition rank; 0 = not ranked
	Class    string // after the veto cap; "" when none
	ClassIdx int    // index in Framework.Classes, −1 none

	Claimed    float64 // index on the self-assessed basis
	HasClaimed bool
	Loss       float64 // points lost at appraisal (sum over indicators of what appraisal took away)

	VetoFailed []string // codes of failed veto indicators
	ZeroCount  int      // indicators with max > 0 that earned 0 points
	EvidenceOK bool     // every required evidence is present

	Domains     []float64 // per indicators.Domains; NaN = none
	DomainRanks []int

	Awards   []AwardResult
	Warnings Issues

	idx int // row in the scoring results
	sub *Submission
}

// AwardResult is a unit's standing for one award.
type AwardResult struct {
	Award     string `json:"award"`
	Awarded   bool   `json:"awarded"`
	Eligible  bool   `json:"eligible"`
	Reason    string `json:"reason,omitempty"`     // why not awarded
	DecidedBy string `json:"decided_by,omitempty"` // the tie-break key that decided, if any
}

// Evaluation is the result of scoring a batch against a framework.
type Evaluation struct {
	Framework *indicators.Framework
	Hash      string // framework hash
	Basis     Basis
	Units     []*Unit // in rank order; unranked units last, by code
	Rejected  []Rejected
	Warnings  []string // batch-level warnings (e.g. constant indicators)
	Inputs    []Input  // the files read, for provenance (set by the caller)

	comp       *compiled
	res        *scoring.Result
	claims     *scoring.Claims // the self-assessed basis; nil when it cannot be scored
	self       *scoring.Matrix // the self-assessed values, while Evaluate runs
	valueBasis []uint8         // per cell: 0 none, 1 self, 2 appraised
}

// Evaluate scores the submissions against fw. Units with a data error the
// framework forbids (a missing value under missing = "error", a geometric
// mean over zero) are moved to Rejected and the rest are scored.
func Evaluate(fw *indicators.Framework, subs []*Submission, opts *Options) (*Evaluation, error) {
	comp, err := compile(fw)
	if err != nil {
		return nil, err
	}
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
	ev := &Evaluation{Framework: fw, Basis: basis, comp: comp}
	defer func() { ev.Hash = <-hash }()
	live := append([]*Submission(nil), subs...)
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
				ev.Rejected = append(ev.Rejected, Rejected{File: s.File, Unit: s.Unit, Errors: Issues{scoringIssue(s, e)}})
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
func scoringIssue(s *Submission, e *scoring.Error) Issue {
	is := Issue{File: s.File, Unit: s.Unit, Indicator: e.Code}
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

// fill sets the cells of subs (starting at row lo) in both matrices.
func (ev *Evaluation) fill(subs []*Submission, lo int, given, self *scoring.Matrix) {
	nI := len(ev.Framework.Indicators)
	for k, s := range subs {
		row := (lo + k) * nI
		// A submission usually holds every indicator, in framework order:
		// then each cell is written once. Otherwise the row starts empty.
		if s.Len() != nI || ev.fillRow(s, row, given, self) != nI {
			for i := row; i < row+nI; i++ {
				given.States[i], self.States[i], ev.valueBasis[i] = scoring.Missing, scoring.Missing, 0
				given.Values[i], self.Values[i] = 0, 0
			}
			ev.fillRow(s, row, given, self)
		}
	}
}

// fillRow writes the cells of s's entries into row row of both matrices
// and returns how many it wrote.
func (ev *Evaluation) fillRow(s *Submission, row int, given, self *scoring.Matrix) int {
	fw := ev.Framework
	nI := len(fw.Indicators)
	gv, gs := given.Values[row:row+nI], given.States[row:row+nI]
	sv, ss := self.Values[row:row+nI], self.States[row:row+nI]
	vb := ev.valueBasis[row : row+nI]
	n := 0
	for p, e := range s.entries {
		j := p
		if j >= nI || fw.Indicators[j].Code != s.codes[p] {
			var ok bool
			if j, ok = ev.comp.indIdx[s.codes[p]]; !ok {
				continue
			}
		}
		n++
		ss[j], sv[j] = selfCell(e)
		gs[j], gv[j], vb[j] = ss[j], sv[j], 0
		if gs[j] == scoring.Present {
			vb[j] = 1
		}
		if ev.Basis == BasisAppraised && !e.NA && e.Appraised.Set {
			gs[j], gv[j], vb[j] = scoring.Present, e.Appraised.Num, 2
		}
	}
	return n
}

// selfCell returns the state and value of an entry on the self-assessed
// basis.
func selfCell(e *Entry) (scoring.State, float64) {
	switch {
	case e == nil:
		return scoring.Missing, 0
	case e.NA:
		return scoring.NotApplicable, 0
	case e.Self.Set:
		return scoring.Present, e.Self.Num
	}
	return scoring.Missing, 0
}

// selfPoints returns the points entry e earns for indicator j on the
// self-assessed basis.
func (ev *Evaluation) selfPoints(j int, e *Entry) float64 {
	st, v := selfCell(e)
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
func (ev *Evaluation) score(subs []*Submission) error {
	fw, m := ev.Framework, ev.comp.model
	codes := make([]string, len(subs))
	for u, s := range subs {
		codes[u] = s.Unit
	}
	nI := len(fw.Indicators)
	given, self := getMatrix(codes, nI), getMatrix(codes, nI)
	defer putMatrix(given)
	if ev.self != nil {
		putMatrix(ev.self)
	}
	ev.self = self // kept for build; Evaluate returns it to the pool
	ev.valueBasis = make([]uint8, len(subs)*nI)
	par.Do(len(subs), func(lo, hi int) error {
		ev.fill(subs[lo:hi], lo, given, self)
		return nil
	})
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

func (ev *Evaluation) build(subs []*Submission) {
	fw, r := ev.Framework, ev.res
	nI, nN, nD := len(fw.Indicators), ev.comp.model.NumNodes(), len(indicators.Domains)
	for _, j := range r.Constant {
		ev.Warnings = append(ev.Warnings, fmt.Sprintf("indicator %s: every unit has the same value; it cannot be normalised and is left out of the aggregation", fw.Indicators[j].Code))
	}
	ev.Units = make([]*Unit, len(subs))
	units := make([]Unit, len(subs))
	doms := make([]float64, len(subs)*nD)
	domRanks := make([]int, len(subs)*nD)
	par.Do(len(subs), func(lo, hi int) error {
		for u := lo; u < hi; u++ {
			s := subs[u]
			un := &units[u]
			*un = Unit{Code: s.Unit, Name: s.Name, Period: s.Period, File: s.File, idx: u, sub: s, ClassIdx: r.Class[u], EvidenceOK: true}
			un.Score, un.HasScore = r.Index(u)
			un.Rank = r.NodeRank[u*nN]
			if un.ClassIdx >= 0 {
				un.Class = fw.Classes[un.ClassIdx].Name
			}
			un.ZeroCount = r.ZeroCount[u]
			if r.VetoFailed[u] {
				for _, j := range ev.comp.veto {
					if r.IndStatus[u*nI+j].Counted() && r.Score(u, j) <= 0 {
						un.VetoFailed = append(un.VetoFailed, fw.Indicators[j].Code)
					}
				}
			}
			if ev.claims != nil {
				un.Claimed, un.HasClaimed = ev.claims.Index[u], ev.claims.Has[u]
				row := u * nI
				for j, b := range ev.valueBasis[row : row+nI] {
					if b != 2 {
						continue
					}
					if lost := ev.claims.Points(j, ev.self.States[row+j], ev.self.Values[row+j]) - r.IndPoints[row+j]; lost > 0 {
						un.Loss += lost
					}
				}
			}
			for _, j := range ev.comp.evidence {
				if ind := &fw.Indicators[j]; needsEvidence(ind, s.entryAt(j, ind.Code)) {
					un.EvidenceOK = false
				}
			}
			un.Domains = doms[u*nD : (u+1)*nD : (u+1)*nD]
			un.DomainRanks = domRanks[u*nD : (u+1)*nD : (u+1)*nD]
			for d := range indicators.Domains {
				un.Domains[d] = r.ViewScore(u, ev.comp.domains[d])
			}
			un.Warnings = append(un.Warnings, s.Issues...)
			ev.Units[u] = un
		}
		return nil
	})
	copy(domRanks, scoring.ColumnRanks(doms, nD, ev.comp.model.Precision()))
	ev.awards()
	sortUnits(ev.Units)
}

// sortUnits puts units in rank order, unranked last, and units of the same
// rank by code: a counting sort on the rank, then a sort of each tie.
func sortUnits(units []*Unit) {
	n := len(units)
	bucket := func(u *Unit) int {
		if u.Rank <= 0 || u.Rank > n {
			return n
		}
		return u.Rank - 1
	}
	next := make([]int, n+2)
	for _, u := range units {
		next[bucket(u)+1]++
	}
	for b := 1; b < len(next); b++ {
		next[b] += next[b-1]
	}
	out := make([]*Unit, n)
	for _, u := range units {
		b := bucket(u)
		out[next[b]] = u
		next[b]++
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && bucket(out[j]) == bucket(out[i]) {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(out[i:j], func(a, b *Unit) int { return strings.Compare(a.Code, b.Code) })
		}
		i = j
	}
	copy(units, out)
}

// awards applies every award rule of the framework.
func (ev *Evaluation) awards() {
	fw := ev.Framework
	if len(fw.Awards) == 0 {
		return
	}
	prec := ev.comp.model.Precision()
	chain := fw.TieBreakChain()
	cands := make([]scoring.Candidate, len(ev.Units))
	keys := make([]float64, 0, len(ev.Units)*len(chain))
	for u, un := range ev.Units {
		c := scoring.Candidate{Score: scoring.Round(un.Score, prec), HasScore: un.HasScore, Class: un.ClassIdx, Veto: len(un.VetoFailed) > 0}
		start := len(keys)
		for _, k := range chain {
			var v float64
			switch k {
			case indicators.TieDigitalGov:
				v = scoring.Round(un.Domains[0], prec)
				if math.IsNaN(v) {
					v = math.Inf(-1)
				}
			case indicators.TieFewerZero:
				v = -float64(un.ZeroCount)
			case indicators.TieAppraisalLoss:
				v = -scoring.Round(un.Loss, 6)
			}
			keys = append(keys, v)
		}
		c.TieKeys = keys[start:len(keys):len(keys)]
		cands[u] = c
	}
	for a := range fw.Awards {
		aw := &fw.Awards[a]
		rule := scoring.AwardRule{MinClass: -1, Count: aw.Count}
		if aw.MinScore != nil {
			rule.MinScore, rule.HasMinScore = *aw.MinScore, true
		}
		if aw.MinClass != "" {
			rule.MinClass = fw.ClassIndex(aw.MinClass)
		}
		for u, un := range ev.Units {
			cands[u].EvidenceOK = un.EvidenceOK || !aw.NeedsEvidence()
			cands[u].HasHigher = !aw.Cumulative && len(un.AwardNames()) > 0
		}
		for u, d := range scoring.SelectAwards(rule, cands) {
			ar := AwardResult{Award: aw.Name, Awarded: d.Awarded, Eligible: d.Eligible, Reason: d.Reason}
			if d.DecidedBy >= 0 {
				ar.DecidedBy = chain[d.DecidedBy]
			}
			ev.Units[u].Awards = append(ev.Units[u].Awards, ar)
		}
	}
}

// AwardNames returns the names of the awards the unit received.
func (u *Unit) AwardNames() []string {
	var out []string
	for _, a := range u.Awards {
		if a.Awarded {
			out = append(out, a.Award)
		}
	}
	return out
}

// IndicatorResult explains one indicator for one unit.
type IndicatorResult struct {
	Code      string
	Value     float64 // the value scored
	HasValue  bool
	Basis     string // "appraised", "self" or "" (no value)
	Status    scoring.Status
	Points    float64
	Max       float64
	Score     float64 // points / max × scale (or the normalised score)
	Self      float64 // self-assessed value
	HasSelf   bool
	SelfPts   float64 // points on the self-assessed basis
	Lost      float64 // points lost at appraisal (self − given), 0 when not appraised
	Appraised bool    // an appraised value was used
	Entry     *Entry  // nil when the submission has no entry
}

// Indicator returns the details of indicator j (framework order) for u.
func (ev *Evaluation) Indicator(u *Unit, j int) IndicatorResult {
	nI := len(ev.Framework.Indicators)
	i := u.idx*nI + j
	r := ev.res
	ir := IndicatorResult{Code: ev.Framework.Indicators[j].Code, Status: r.IndStatus[i], Points: r.IndPoints[i], Max: ev.comp.max[j], Score: r.Score(u.idx, j)}
	ir.Entry = u.sub.entryAt(j, ir.Code)
	switch ev.valueBasis[i] {
	case 1:
		ir.Basis, ir.HasValue, ir.Value = string(BasisSelf), true, ir.Entry.Self.Num
	case 2:
		ir.Basis, ir.HasValue, ir.Value, ir.Appraised = string(BasisAppraised), true, ir.Entry.Appraised.Num, true
	}
	if ir.Entry != nil && ir.Entry.Self.Set {
		ir.Self, ir.HasSelf = ir.Entry.Self.Num, true
	}
	if ev.claims != nil {
		ir.SelfPts = ev.selfPoints(j, ir.Entry)
		if ir.Appraised {
			ir.Lost = ir.SelfPts - ir.Points
		}
	}
	return ir
}

// NodeResult is one node (or the index, k = 0) for one unit.
type NodeResult struct {
	Code   string
	Status scoring.Status
	Points float64
	Max    float64
	Score  float64
	Rank   int
}

// Node returns node k for u: k = 0 is the index, k ≥ 1 is
// Framework.Nodes[k−1].
func (ev *Evaluation) Node(u *Unit, k int) NodeResult {
	nN := ev.comp.model.NumNodes()
	i := u.idx*nN + k
	r := ev.res
	return NodeResult{Code: ev.comp.model.Node(k).Code, Status: r.NodeStatus[i], Points: r.NodePoints[i], Max: r.NodeMax[i], Score: r.NodeScore[i], Rank: r.NodeRank[i]}
}

// Precision returns the framework's published decimals, or −1.
func (ev *Evaluation) Precision() int { return ev.comp.model.Precision() }
