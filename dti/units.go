package dti

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/par"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

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
	Coverage   float64  // share of the index (by effective weight) the unit is scored on: 1 less what it declared not applicable or lacked under reweight
	NA         []string // codes of the indicators declared not applicable (where allowed)
	Flagged    []string // codes of values flagged "cần thẩm định" (implausible or outliers); they are scored

	Domains     []float64 // per Evaluation.Domains; NaN = none
	DomainRanks []int

	Awards   []AwardResult
	Warnings submission.Issues
	// Change is the unit's progress since the previous year, once
	// [Evaluation.SetChanges] has recorded it; nil: none known.
	Change *Change

	idx int // row in the scoring results
	sub *submission.Submission
}

// AwardResult is a unit's standing for one award.
type AwardResult struct {
	Award     string         `json:"award"`
	Awarded   bool           `json:"awarded"`
	Eligible  bool           `json:"eligible"`
	Reason    scoring.Reason `json:"reason,omitempty"`     // why not awarded
	DecidedBy string         `json:"decided_by,omitempty"` // the tie-break key that decided, if any
}

func (ev *Evaluation) build(subs []*submission.Submission) {
	fw, r := ev.Framework, ev.res
	nI, nN, nD := len(fw.Indicators), ev.comp.model.NumNodes(), len(ev.comp.domainList)
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
					if lost := ev.claims.Points(j, ev.self.States[row+j], ev.self.Values[row+j]) - r.Points(u, j); lost > 0 {
						un.Loss += lost
					}
				}
			}
			left := 0.0 // the index's weight the unit is not scored on
			for j, st := range r.IndStatus[u*nI : (u+1)*nI] {
				switch st {
				case scoring.NA:
					un.NA = append(un.NA, fw.Indicators[j].Code)
					left += ev.comp.effW[j]
				case scoring.Excluded:
					left += ev.comp.effW[j]
				}
			}
			un.Coverage = scoring.Round(1-left, 6) // a share: six decimals, without the binary noise of the weights
			for _, j := range ev.comp.evidence {
				if ind := &fw.Indicators[j]; submission.NeedsEvidence(ind, s.LookupAt(j, ind.Code)) {
					un.EvidenceOK = false
				}
			}
			un.Domains = doms[u*nD : (u+1)*nD : (u+1)*nD]
			un.DomainRanks = domRanks[u*nD : (u+1)*nD : (u+1)*nD]
			for d := range ev.comp.domainList {
				un.Domains[d] = r.ViewScore(u, ev.comp.domains[d])
			}
			un.Warnings = append(un.Warnings, s.Issues...)
			ev.Units[u] = un
		}
		return nil
	})
	copy(domRanks, scoring.ColumnRanks(doms, nD, ev.comp.model.Precision()))
	for _, f := range ev.flagged {
		ev.Units[f.u].Flagged = append(ev.Units[f.u].Flagged, fw.Indicators[f.j].Code)
		ev.Units[f.u].Warnings = append(ev.Units[f.u].Warnings, f.issue(fw, subs[f.u]))
	}
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
		if ch := un.Change; ch != nil {
			// the rise of the published (rounded) index
			c.Progress, c.HasProgress = progress(un.Score, ch.Prior, prec), true
		}
		start := len(keys)
		for _, k := range chain {
			var v float64
			switch k {
			case indicators.TieDigitalGov:
				v = math.Inf(-1) // every unit alike when the framework has no such domain
				if d := ev.comp.digitalGov; d >= 0 && !math.IsNaN(un.Domains[d]) {
					v = scoring.Round(un.Domains[d], prec)
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
		rule := scoring.AwardRule{MinClass: -1, Count: aw.Count, ByProgress: aw.ByProgress()}
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

// progress is the rise of a published index: now and then each rounded to
// prec decimals (full precision when prec < 0), and the difference too.
func progress(now, then float64, prec int) float64 {
	if prec < 0 {
		return now - then
	}
	return scoring.Round(scoring.Round(now, prec)-scoring.Round(then, prec), prec)
}

// SetChanges records each unit's progress since the previous year (from
// [Changes]; units without an entry get none) and decides the awards
// again, so that awards by progress go to the units that improved most.
func (ev *Evaluation) SetChanges(ch map[string]Change) {
	for _, u := range ev.Units {
		u.Change = nil
		if c, ok := ch[u.Code]; ok {
			u.Change = &c
		}
		u.Awards = nil
	}
	ev.awards()
}

// Attributes returns the unit's population, area and households as
// submitted (none when it gave none).
func (u *Unit) Attributes() map[indicators.Attribute]float64 { return u.sub.Attributes }

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
