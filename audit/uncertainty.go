package audit

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"sync"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/scoring"
	"gonum.org/v1/gonum/stat"
)

// UncertaintyOptions set the Monte Carlo runs.
type UncertaintyOptions struct {
	Runs int    // number of runs (1,000 is usual)
	Seed uint64 // the same seed gives the same result
	// Band: each node's and indicator's weight (max points under a sum)
	// is drawn from [1−Band, 1+Band] × its value; negative: the
	// framework's [uncertainty] band, else 0.25. An item's own
	// uncertainty_band replaces it for that item.
	Band float64
	// Missing draws, in each run, the missing-data policy among the
	// framework's choices (default: scoring a missing value 0, or leaving
	// it out); false keeps the framework's policy.
	Missing bool
	// Normalise draws, in each run, the normalisation of the indicators
	// normalised relative to the units among the framework's choices
	// (default min-max, z-score, percentile rank); false keeps theirs.
	Normalise bool
}

// UnitUncertainty is how sure one unit's rank, class and awards are.
type UnitUncertainty struct {
	Code     string
	Nominal  int       // the rank the evaluation gives
	Median   int       // the median rank over the runs
	P05, P95 int       // the 5th and 95th percentile ranks, widened to hold Nominal
	PClass   []float64 // per class of the framework, the share of runs on the scale in it (NaN: no run on the scale)
	PAward   []float64 // per award of the framework, the share of runs on the scale that give it
}

// errNotPoints says that a framework is not one of points, so that the analyses score its values again instead of its points.
var errNotPoints = errors.New("audit: the analysis needs a points framework (every node sums points)")

// Uncertainty runs the Monte Carlo analysis of ev's ranking: in every run
// each node's and indicator's weight is drawn within its band, and the
// missing-data policy and the normalisation among the framework's choices
// when asked; the units are scored, ranked, classed (a failed veto still
// caps) and given awards (ties at a cut-off are left to the council, as
// in the evaluation, without its tie-break chain; an award by progress
// compares each run's index with the previous year's). Runs with z-scores
// count in the ranks only: their scores are not on the framework's scale.
// Runs are spread over all cores; each run draws from its own generator
// seeded by (Seed, run), so the result does not depend on the scheduling.
// The evaluation is not rebuilt: a points framework rescores from the
// points already earned, any other from the values already read
// ([dti.Rescorer]).
func Uncertainty(ev *dti.Evaluation, o UncertaintyOptions) ([]UnitUncertainty, error) {
	if o.Runs <= 0 {
		return nil, errors.New("audit: uncertainty needs at least one run")
	}
	e, err := newEngine(ev, o.Band, o.Missing, o.Normalise)
	if err != nil {
		return nil, err
	}
	return uncertainty(ev, o, e)
}

func uncertainty(ev *dti.Evaluation, o UncertaintyOptions, e *engine) ([]UnitUncertainty, error) {
	fw := ev.Framework
	nU := len(ev.Units)
	prec := ev.Precision()
	veto := make([]bool, nU)
	evidenceOK := make([]bool, nU)
	prior := make([]float64, nU) // the previous year's index; NaN none
	for u, unit := range ev.Units {
		veto[u] = len(unit.VetoFailed) > 0
		evidenceOK[u] = unit.EvidenceOK
		prior[u] = math.NaN()
		if unit.Change != nil {
			prior[u] = unit.Change.Prior
			if prec >= 0 {
				prior[u] = scoring.Round(prior[u], prec)
			}
		}
	}
	capIdx := fw.ClassIndex(fw.VetoCapClass())
	awardMin := make([]int, len(fw.Awards))
	for a := range fw.Awards {
		awardMin[a] = -1
		if fw.Awards[a].MinClass != "" {
			awardMin[a] = fw.ClassIndex(fw.Awards[a].MinClass)
		}
	}
	ranks := make([]int32, o.Runs*nU)
	classes := make([]int8, o.Runs*nU)
	awarded := make([]bool, o.Runs*nU*len(fw.Awards))
	scaled := make([]bool, o.Runs)
	errs := make([]error, o.Runs)
	run := func(r int, v *variant, score func(*variant, []float64) error, scores []float64) {
		rng := rand.New(rand.NewPCG(o.Seed, uint64(r)))
		e.sp.draw(v, rng)
		if errs[r] = score(v, scores); errs[r] != nil {
			return
		}
		rk := scoring.ColumnRanks(scores, 1, prec)
		for u := 0; u < nU; u++ {
			ranks[r*nU+u] = int32(rk[u])
		}
		if scaled[r] = e.sp.onScale(v); !scaled[r] {
			return
		}
		cands := make([]scoring.Candidate, nU)
		for u := 0; u < nU; u++ {
			c := -1
			if !math.IsNaN(scores[u]) {
				s := scores[u]
				if prec >= 0 {
					s = scoring.Round(s, prec)
				}
				c = classOf(ev, s, veto[u], capIdx)
				cands[u] = scoring.Candidate{Score: s, HasScore: true, Class: c, Veto: veto[u]}
				if !math.IsNaN(prior[u]) {
					cands[u].Progress, cands[u].HasProgress = s-prior[u], true
					if prec >= 0 {
						cands[u].Progress = scoring.Round(cands[u].Progress, prec)
					}
				}
			}
			classes[r*nU+u] = int8(c)
		}
		holds := make([]bool, nU)
		for a := range fw.Awards {
			aw := &fw.Awards[a]
			rule := scoring.AwardRule{MinClass: awardMin[a], Count: aw.Count, ByProgress: aw.ByProgress()}
			if aw.MinScore != nil {
				rule.MinScore, rule.HasMinScore = *aw.MinScore, true
			}
			for u := range cands {
				cands[u].EvidenceOK = evidenceOK[u] || !aw.NeedsEvidence()
				cands[u].HasHigher = !aw.Cumulative && holds[u]
			}
			for u, d := range scoring.SelectAwards(rule, cands) {
				if d.Awarded {
					awarded[(r*nU+u)*len(fw.Awards)+a] = true
					holds[u] = true
				}
			}
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), o.Runs))
	var wg sync.WaitGroup
	for wk := 0; wk < workers; wk++ {
		wg.Add(1)
		go func(wk int) {
			defer wg.Done()
			v, score, scores := e.sp.newVariant(), e.newScorer(), make([]float64, nU)
			for r := wk; r < o.Runs; r += workers {
				run(r, v, score, scores)
			}
		}(wk)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	onScale := 0
	for _, ok := range scaled {
		if ok {
			onScale++
		}
	}
	out := make([]UnitUncertainty, nU)
	col := make([]float64, 0, o.Runs)
	for u, unit := range ev.Units {
		uu := UnitUncertainty{Code: unit.Code, Nominal: unit.Rank, PClass: make([]float64, len(fw.Classes)), PAward: make([]float64, len(fw.Awards))}
		col = col[:0]
		for r := 0; r < o.Runs; r++ {
			if k := ranks[r*nU+u]; k > 0 {
				col = append(col, float64(k))
			}
			if !scaled[r] {
				continue
			}
			if c := classes[r*nU+u]; c >= 0 {
				uu.PClass[c]++
			}
			for a := range fw.Awards {
				if awarded[(r*nU+u)*len(fw.Awards)+a] {
					uu.PAward[a]++
				}
			}
		}
		for i := range uu.PClass {
			uu.PClass[i] /= float64(onScale) // NaN when no run is on the scale
		}
		for i := range uu.PAward {
			uu.PAward[i] /= float64(onScale)
		}
		if len(col) > 0 {
			sort.Float64s(col)
			q := func(p float64) int { return int(stat.Quantile(p, stat.Empirical, col, nil)) }
			uu.Median, uu.P05, uu.P95 = q(0.5), q(0.05), q(0.95)
			// The interval always holds the official rank: when fewer
			// than 5 % of the runs reach it, it is widened to it.
			if unit.Rank > 0 {
				uu.P05, uu.P95 = min(uu.P05, unit.Rank), max(uu.P95, unit.Rank)
			}
		}
		out[u] = uu
	}
	return out, nil
}

// points is what a points framework's index is made of, per unit and
// indicator: the share of the max points earned (NaN when the indicator
// is not in the index whatever the policy) and whether the value is
// missing; and per indicator its max points and the nodes above it. The
// Monte Carlo and sensitivity runs rescore from it without rebuilding the
// evaluation.
type points struct {
	nU, nI  int
	share   []float64
	missing []bool
	maxPts  []float64
	chain   [][]int // node indexes above each indicator
	zero    bool    // the framework scores a missing value 0
	scale   float64
}

func newPoints(ev *dti.Evaluation) (*points, error) {
	fw := ev.Framework
	for i := range fw.Nodes {
		if fw.NodeAggregation(&fw.Nodes[i]) != indicators.AggSum {
			return nil, errNotPoints
		}
	}
	if fw.Aggregation != "" && fw.Aggregation != indicators.AggSum {
		return nil, errNotPoints
	}
	nU, nI := len(ev.Units), len(fw.Indicators)
	pd := &points{nU: nU, nI: nI, share: make([]float64, nU*nI), missing: make([]bool, nU*nI), maxPts: make([]float64, nI), chain: make([][]int, nI), scale: fw.Scale,
		zero: fw.Missing == "" || fw.Missing == indicators.MissingZero || fw.Missing == indicators.MissingError}
	for u, unit := range ev.Units {
		j := 0
		for ir := range ev.Indicators(unit) {
			k := u*nI + j
			pd.share[k] = math.NaN()
			switch {
			case ir.Max <= 0 || ir.Status == scoring.NA || ir.Status == scoring.Unscored:
			case ir.Status == scoring.Scored:
				pd.share[k] = ir.Points / ir.Max
			default: // missing: scored 0 (Filled) or left out (Excluded)
				pd.share[k], pd.missing[k] = 0, true
			}
			j++
		}
	}
	nodeIdx := map[string]int{}
	for i := range fw.Nodes {
		nodeIdx[fw.Nodes[i].Code] = i
	}
	for j := range fw.Indicators {
		pd.maxPts[j] = fw.Indicators[j].MaxOr(0)
		for p := fw.Indicators[j].Parent; p != ""; p = fw.Nodes[nodeIdx[p]].Parent {
			pd.chain[j] = append(pd.chain[j], nodeIdx[p])
		}
	}
	return pd, nil
}

// scores writes into out every unit's index with indicator weights w (max
// points) and the missing-data policy zero (a missing value scores 0 and
// keeps its weight) or not (it leaves numerator and denominator).
func (pd *points) scores(w []float64, zero bool, out []float64) {
	for u := 0; u < pd.nU; u++ {
		var num, den float64
		for j := 0; j < pd.nI; j++ {
			k := u*pd.nI + j
			s := pd.share[k]
			if math.IsNaN(s) || pd.missing[k] && !zero {
				continue
			}
			num += w[j] * s
			den += w[j]
		}
		out[u] = math.NaN()
		if den > 0 {
			out[u] = num / den * pd.scale
		}
	}
}
