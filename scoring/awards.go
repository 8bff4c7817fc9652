package scoring

import "sort"

// AwardRule says who may receive an award and how many.
type AwardRule struct {
	MinScore    float64 // on the rounded index; used when HasMinScore
	HasMinScore bool
	MinClass    int // index in Model.Classes; < 0: any class
	Count       int // at most this many; 0: no limit
	// ByProgress gives the award for progress: to the units whose
	// Candidate.Progress is highest, among those with one above 0.
	ByProgress bool
}

// Candidate is one unit as award selection sees it.
type Candidate struct {
	Score      float64   // rounded index score
	HasScore   bool      // false: the unit has no index score
	Class      int       // index in Model.Classes, −1 none (after the veto cap)
	Veto       bool      // a veto criterion failed
	EvidenceOK bool      // every required evidence is present (or not required)
	HasHigher  bool      // already holds a higher award that excludes this one
	TieKeys    []float64 // tie-break values, higher is better, in chain order
	// Progress is the change of the (rounded) index since the previous
	// year, when HasProgress; awards by progress are ordered by it.
	Progress    float64
	HasProgress bool
}

// Reason says why a unit was not given an award; its text is the stable
// name results.json carries.
type Reason string

// Ineligibility reasons.
const (
	ReasonNone     Reason = ""
	ReasonNoScore  Reason = "no-score"
	ReasonScore    Reason = "below-min-score"
	ReasonClass    Reason = "below-min-class"
	ReasonVeto     Reason = "veto"
	ReasonEvidence Reason = "evidence-missing"
	ReasonCount    Reason = "beyond-count"
	ReasonTie      Reason = "tie-unresolved"
	ReasonHigher   Reason = "has-higher-award"
	ReasonNoPrior  Reason = "no-previous-year" // an award by progress, and no previous year to compare with
	ReasonNoGain   Reason = "no-progress"      // an award by progress, and the index did not rise
)

// AwardDecision is the outcome for one candidate.
type AwardDecision struct {
	Eligible bool
	Awarded  bool
	Reason   Reason // why not awarded
	// DecidedBy is the index in the tie-break chain of the key that settled
	// a tie at the cut-off for this unit, or −1 when no tie-break was used.
	DecidedBy int
}

// SelectAwards applies rule to the candidates. Eligible units are taken in
// order of score (of progress, for an award by progress); when units tied on score straddle the cut-off, the
// tie-break keys are applied in order among them. Units still tied after
// the last key are not awarded and get [ReasonTie]: the committee decides.
// At most rule.Count units are awarded.
func SelectAwards(rule AwardRule, cands []Candidate) []AwardDecision {
	out := make([]AwardDecision, len(cands))
	var elig []int
	for i, c := range cands {
		d := &out[i]
		d.DecidedBy = -1
		switch {
		case !c.HasScore:
			d.Reason = ReasonNoScore
		case c.HasHigher:
			d.Reason = ReasonHigher
		case c.Veto:
			d.Reason = ReasonVeto
		case rule.HasMinScore && c.Score < rule.MinScore:
			d.Reason = ReasonScore
		case rule.MinClass >= 0 && (c.Class < 0 || c.Class > rule.MinClass):
			d.Reason = ReasonClass
		case !c.EvidenceOK:
			d.Reason = ReasonEvidence
		case rule.ByProgress && !c.HasProgress:
			d.Reason = ReasonNoPrior
		case rule.ByProgress && !(c.Progress > 0):
			d.Reason = ReasonNoGain
		default:
			d.Eligible = true
			elig = append(elig, i)
		}
	}
	key := func(i int) float64 {
		if rule.ByProgress {
			return cands[i].Progress
		}
		return cands[i].Score
	}
	sort.SliceStable(elig, func(a, b int) bool { return key(elig[a]) > key(elig[b]) })
	if rule.Count <= 0 || len(elig) <= rule.Count {
		for _, i := range elig {
			out[i].Awarded = true
		}
		return out
	}
	cut := key(elig[rule.Count-1])
	slots := rule.Count
	var tied []int
	for _, i := range elig {
		switch s := key(i); {
		case s > cut:
			out[i].Awarded = true
			slots--
		case s == cut:
			tied = append(tied, i)
		default:
			out[i].Reason = ReasonCount
		}
	}
	resolveTie(cands, out, tied, slots, 0)
	return out
}

// resolveTie fills slots from group using tie-break key level and beyond.
func resolveTie(cands []Candidate, out []AwardDecision, group []int, slots, level int) int {
	if slots <= 0 {
		for _, i := range group {
			out[i].Reason, out[i].DecidedBy = ReasonCount, level-1
		}
		return 0
	}
	if len(group) <= slots {
		for _, i := range group {
			out[i].Awarded, out[i].DecidedBy = true, level-1
		}
		return len(group)
	}
	if level >= len(cands[group[0]].TieKeys) {
		for _, i := range group {
			out[i].Reason, out[i].DecidedBy = ReasonTie, level-1
		}
		return 0
	}
	key := func(i int) float64 { return cands[i].TieKeys[level] }
	sort.SliceStable(group, func(a, b int) bool { return key(group[a]) > key(group[b]) })
	used := 0
	for s := 0; s < len(group); {
		e := s
		for e < len(group) && key(group[e]) == key(group[s]) {
			e++
		}
		used += resolveTie(cands, out, group[s:e], slots-used, level+1)
		s = e
	}
	return used
}
