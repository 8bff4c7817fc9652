package scoring

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// oneIndicator scores a single indicator (max points max) under a sum index
// for each value; NaN marks a missing value, -Inf a not-applicable one.
func oneIndicator(t *testing.T, ind Indicator, values ...float64) *Result {
	t.Helper()
	m := &Spec{Scale: 100, Precision: -1, Nodes: []Node{{Parent: -1, Agg: Sum}}, Indicators: []Indicator{ind}, VetoCap: -1}
	units := make([]string, len(values))
	for i := range units {
		units[i] = string(rune('a' + i))
	}
	x := NewMatrix(units, 1)
	for u, v := range values {
		switch {
		case math.IsNaN(v):
		case math.IsInf(v, -1):
			x.SetState(u, 0, NotApplicable)
		default:
			x.Set(u, 0, v)
		}
	}
	r, err := Score(mc(t, m), x)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	return r
}

func TestPointsRules(t *testing.T) {
	for _, tt := range []struct {
		name   string
		ind    Indicator
		values []float64
		want   []float64 // points
	}{
		// ratio, target 90, max 2: 90/90·2 = 2 (on target), 45/90·2 = 1,
		// 120/90 capped at 1 → 2, 0 → 0.
		{"ratio", Indicator{Max: 2, Rule: Ratio, Target: 90}, []float64{90, 45, 120, 0}, []float64{2, 1, 2, 0}},
		// ratio lower, target 2, max 1: ≤ 2 → 1; 4 → 2/4·1 = 0.5; 0 → 1.
		{"ratio lower", Indicator{Max: 1, Rule: Ratio, Target: 2, Lower: true}, []float64{2, 4, 0, 1}, []float64{1, 0.5, 1, 1}},
		// steps 4→2, 3→1.5, 2→1, 1→0.5: exactly 4 → 2; 3.99 reaches only 3 → 1.5;
		// 5 → 2; 0.5 reaches none → 0; exactly 1 → 0.5.
		{"steps", Indicator{Max: 2, Rule: Steps, Steps: []Step{{4, 2}, {3, 1.5}, {2, 1}, {1, 0.5}}}, []float64{4, 3.99, 5, 0.5, 1}, []float64{2, 1.5, 2, 0, 0.5}},
		// steps lower 0→3, 2→1: 0 → 3; 1 ≤ 2 → 1; exactly 2 → 1; 3 → 0.
		{"steps lower", Indicator{Max: 3, Rule: Steps, Lower: true, Steps: []Step{{0, 3}, {2, 1}}}, []float64{0, 1, 2, 3}, []float64{3, 1, 1, 0}},
		{"boolean", Indicator{Max: 2, Rule: Boolean}, []float64{1, 0}, []float64{2, 0}},
		{"boolean lower", Indicator{Max: 2, Rule: Boolean, Lower: true}, []float64{1, 0}, []float64{0, 2}},
		// categorical: option v earns Levels[v]; an index outside → 0.
		{"categorical", Indicator{Max: 2, Rule: Categorical, Levels: []float64{2, 1, 0}}, []float64{0, 1, 2, 7}, []float64{2, 1, 0, 0}},
		// relative-best, max 2: best 10; 10/10·2 = 2, 5/10·2 = 1, 0 → 0.
		{"relative-best", Indicator{Max: 2, Rule: RelativeBest}, []float64{10, 5, 0}, []float64{2, 1, 0}},
		// relative-best lower, max 2: best = lowest = 2; 2/2·2 = 2, 2/4·2 = 1, 2/8·2 = 0.5.
		{"relative-best lower", Indicator{Max: 2, Rule: RelativeBest, Lower: true}, []float64{2, 4, 8}, []float64{2, 1, 0.5}},
		// relative-best when every unit has 0: nobody earns points.
		{"relative-best all zero", Indicator{Max: 2, Rule: RelativeBest}, []float64{0, 0}, []float64{0, 0}},
		{"pass-fail", Indicator{Max: 1, Rule: PassFail}, []float64{1, 0}, []float64{1, 0}},
		// pass-fail with threshold 50: exactly 50 passes, 49.9 fails.
		{"pass-fail threshold", Indicator{Max: 1, Rule: PassFail, Pass: 50, HasPass: true}, []float64{50, 49.9, 80}, []float64{1, 0, 1}},
		{"pass-fail threshold lower", Indicator{Max: 1, Rule: PassFail, Pass: 5, HasPass: true, Lower: true}, []float64{5, 6, 0}, []float64{1, 0, 1}},
		// max points 0: reported, not scored.
		{"max zero", Indicator{Max: 0, Rule: Boolean}, []float64{1, 0}, []float64{0, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := oneIndicator(t, tt.ind, tt.values...)
			var got []float64
			for u := range tt.values {
				got = append(got, r.Points(u, 0))
			}
			if (r.IndPoints == nil) != (tt.ind.Max == 0) {
				t.Errorf("IndPoints %v: made where an indicator carries points, nil elsewhere", r.IndPoints)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("points (-want +got):\n%s", diff)
			}
			for u := range tt.values {
				if tt.ind.Max > 0 {
					if got, want := r.Score(u, 0), tt.want[u]/tt.ind.Max*100; math.Abs(got-want) > 1e-12 {
						t.Errorf("unit %d score = %v, want %v", u, got, want)
					}
				} else if r.IndStatus[u] != Unscored {
					t.Errorf("unit %d status = %v, want not-scored", u, r.IndStatus[u])
				}
			}
		})
	}
}

func TestNormalisation(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		name   string
		ind    Indicator
		values []float64
		want   []float64 // scores; NaN = not counted
	}{
		// min-max: (x − 10)/(40 − 10)·100 → 0, 33.33…, 100.
		{"minmax", Indicator{Weight: 1, Norm: NormMinMax}, []float64{10, 20, 40}, []float64{0, 100.0 / 3, 100}},
		// min-max lower: direction first: −x in [−40, −10] → 100, 66.67, 0.
		{"minmax lower", Indicator{Weight: 1, Norm: NormMinMax, Lower: true}, []float64{10, 20, 40}, []float64{100, 200.0 / 3, 0}},
		// a missing unit takes no part in min and max.
		{"minmax missing", Indicator{Weight: 1, Norm: NormMinMax}, []float64{10, nan, 30}, []float64{0, nan, 100}},
		// z-score: mean 2, sample sd 1 → −1, 0, 1.
		{"zscore", Indicator{Weight: 1, Norm: NormZScore}, []float64{1, 2, 3}, []float64{-1, 0, 1}},
		// z-score lower: −x, mean −2, sd 1 → 1, 0, −1.
		{"zscore lower", Indicator{Weight: 1, Norm: NormZScore, Lower: true}, []float64{1, 2, 3}, []float64{1, 0, -1}},
		// goalposts 0–50: 25 → 50; 60 truncated → 100; −5 truncated → 0.
		{"goalposts", Indicator{Weight: 1, Norm: NormGoalposts, Lo: 0, Hi: 50}, []float64{25, 60, -5}, []float64{50, 100, 0}},
		// goalposts lower 0–50: 1 − 10/50 = 0.8 → 80; 25 → 50.
		{"goalposts lower", Indicator{Weight: 1, Norm: NormGoalposts, Lo: 0, Hi: 50, Lower: true}, []float64{10, 25}, []float64{80, 50}},
		{"none", Indicator{Weight: 1, Norm: NormNone}, []float64{0.5346, 0.7}, []float64{0.5346, 0.7}},
		// a constant column cannot be min-max normalised: left out.
		{"minmax constant", Indicator{Weight: 1, Norm: NormMinMax}, []float64{5, 5}, []float64{nan, nan}},
		// percentile rank over 5 present values (n − 1 = 4): 3 is the 1st
		// (0), 7 and 7 share places 2 and 3 (mid-rank 1.5 → 37.5), 9 the 4th
		// (75), 20 the 5th (100); the missing one takes no part.
		{"rank", Indicator{Weight: 1, Norm: NormRank}, []float64{7, 3, nan, 20, 7, 9}, []float64{37.5, 0, nan, 100, 37.5, 75}},
		// lower is better: 3 is the best.
		{"rank lower", Indicator{Weight: 1, Norm: NormRank, Lower: true}, []float64{7, 3, 20}, []float64{50, 100, 0}},
		{"rank constant", Indicator{Weight: 1, Norm: NormRank}, []float64{4, 4, 4}, []float64{nan, nan, nan}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := &Spec{Scale: 100, Precision: -1, Nodes: []Node{{Parent: -1, Agg: Mean}}, Indicators: []Indicator{tt.ind}, VetoCap: -1, Missing: MissingReweight}
			x := NewMatrix(make([]string, len(tt.values)), 1)
			for u, v := range tt.values {
				if !math.IsNaN(v) {
					x.Set(u, 0, v)
				}
			}
			r, err := Score(mc(t, m), x)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]float64, len(tt.values))
			for u := range got {
				got[u] = r.Score(u, 0)
				if !r.IndStatus[u].Counted() {
					got[u] = nan
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9), cmpopts.EquateNaNs()); diff != "" {
				t.Errorf("scores (-want +got):\n%s", diff)
			}
			if tt.name == "minmax constant" && (len(r.Constant) != 1 || r.Constant[0] != 0) {
				t.Errorf("constant = %v, want [0] (the one indicator)", r.Constant)
			}
		})
	}
}

// threeModel: index (agg) over A (max 4, weight 1), B (max 6, weight 3), C (max 10, weight 0 unless set).
func aggModel(agg Agg, miss MissingPolicy) *Spec {
	return &Spec{Scale: 100, Precision: -1, Missing: miss, VetoCap: -1,
		Nodes: []Node{{Parent: -1, Agg: agg}},
		Indicators: []Indicator{
			{Code: "A", Max: 4, Weight: 1, Rule: Ratio, Target: 100},
			{Code: "B", Max: 6, Weight: 3, Rule: Ratio, Target: 100},
			{Code: "C", Max: 10, Weight: 1, Rule: Ratio, Target: 100},
		}}
}

const (
	na   = -1.0 // markers for aggTest
	miss = -2.0
)

func aggScore(t *testing.T, m *Spec, vals ...float64) (*Result, error) {
	t.Helper()
	x := NewMatrix([]string{"u1"}, len(vals))
	for j, v := range vals {
		switch v {
		case na:
			x.SetState(0, j, NotApplicable)
		case miss:
		default:
			x.Set(0, j, v)
		}
	}
	return Score(mc(t, m), x)
}

func TestAggregation(t *testing.T) {
	for _, tt := range []struct {
		name      string
		agg       Agg
		miss      MissingPolicy
		vals      []float64
		points    float64
		max       float64
		score     float64
		wantError string
		wantKind  ErrorKind
	}{
		// A 50 % of 4 = 2 points, B n/a, C 50 % of 10 = 5: 7 of 14 → 50.
		{"sum n/a", Sum, MissingZero, []float64{50, na, 50}, 7, 14, 50, "", 0},
		// B missing under zero: 7 of 20 → 35.
		{"sum missing zero", Sum, MissingZero, []float64{50, miss, 50}, 7, 20, 35, "", 0},
		// B missing under reweight leaves the denominator: 7 of 14 → 50.
		{"sum missing reweight", Sum, MissingReweight, []float64{50, miss, 50}, 7, 14, 50, "", 0},
		// n/a leaves the denominator under every policy.
		{"sum n/a under reweight", Sum, MissingReweight, []float64{50, na, 100}, 12, 14, 1200.0 / 14, "", 0},
		{"sum missing error", Sum, MissingError, []float64{50, miss, 50}, 0, 0, 0, "unit u1, B: value missing", ErrMissing},
		// mean, weights 1, 3, 1: scores 40, 80, 100 → (40 + 240 + 100)/5 = 76.
		{"mean", Mean, MissingZero, []float64{40, 80, 100}, 0, 0, 76, "", 0},
		// B n/a: (40 + 100)/2 = 70.
		{"mean n/a", Mean, MissingZero, []float64{40, na, 100}, 0, 0, 70, "", 0},
		// B missing, zero: (40 + 0 + 100)/5 = 28.
		{"mean missing zero", Mean, MissingZero, []float64{40, miss, 100}, 0, 0, 28, "", 0},
		// B missing, reweight: (40 + 100)/2 = 70.
		{"mean missing reweight", Mean, MissingReweight, []float64{40, miss, 100}, 0, 0, 70, "", 0},
		// geomean, weights 1, 3, 1: exp((ln 25 + 3 ln 100 + ln 100)/5) = 25^0.2 · 100^0.8.
		{"geomean", GeoMean, MissingZero, []float64{25, 100, 100}, 0, 0, math.Pow(25, 0.2) * math.Pow(100, 0.8), "", 0},
		{"geomean zero", GeoMean, MissingZero, []float64{0, 100, 100}, 0, 0, 0, "geometric mean needs positive inputs, A is 0", ErrGeoMean},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := aggScore(t, aggModel(tt.agg, tt.miss), tt.vals...)
			if tt.wantError != "" {
				var se *Error
				if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.wantError) || se.Kind != tt.wantKind {
					t.Fatalf("Score error = %v, want %q of kind %d", err, tt.wantError, tt.wantKind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := r.NodeScore[0]; math.Abs(s-tt.score) > 1e-9 {
				t.Errorf("index score = %v, want %v", s, tt.score)
			}
			if tt.agg == Sum && (math.Abs(r.NodePoints[0]-tt.points) > 1e-12 || r.NodeMax[0] != tt.max) {
				t.Errorf("index points/max = %v/%v, want %v/%v", r.NodePoints[0], r.NodeMax[0], tt.points, tt.max)
			}
		})
	}
}

func TestCoverage(t *testing.T) {
	// index (mean) ← P (mean, min_coverage 0.6) ← X, Y, Z (weight 1 each); index ← Q ← W.
	m := &Spec{Scale: 100, Precision: -1, Missing: MissingReweight, VetoCap: -1,
		Nodes:      []Node{{Parent: -1, Agg: Mean}, {Code: "P", Parent: 0, Agg: Mean, Weight: 1, MinCoverage: 0.6}, {Code: "Q", Parent: 0, Agg: Mean, Weight: 1}},
		Indicators: []Indicator{{Code: "X", Parent: 1, Weight: 1, Norm: NormNone}, {Code: "Y", Parent: 1, Weight: 1, Norm: NormNone}, {Code: "Z", Parent: 1, Weight: 1, Norm: NormNone}, {Code: "W", Parent: 2, Weight: 1, Norm: NormNone}}}
	x := NewMatrix([]string{"two-of-three", "one-of-three"}, 4)
	// unit 0: X 60, Y 90, Z missing → coverage 2/3 ≥ 0.6 → P = 75; index = (75 + 50)/2 = 62.5.
	x.Set(0, 0, 60)
	x.Set(0, 1, 90)
	x.Set(0, 3, 50)
	// unit 1: only X → coverage 1/3 < 0.6 → P left out; index = Q = 50.
	x.Set(1, 0, 60)
	x.Set(1, 3, 50)
	r, err := Score(mc(t, m), x)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.NodeScore[1]; got != 75 {
		t.Errorf("P(unit 0) = %v, want 75", got)
	}
	if got := r.NodeScore[0]; got != 62.5 {
		t.Errorf("index(unit 0) = %v, want 62.5", got)
	}
	if st := r.NodeStatus[3+1]; st != Excluded {
		t.Errorf("P(unit 1) status = %v, want missing-excluded", st)
	}
	if got := r.NodeScore[3]; got != 50 {
		t.Errorf("index(unit 1) = %v, want 50", got)
	}
	// Under the zero policy the uncovered node counts as 0: (0 + 50)/2 = 25.
	m.Missing = MissingZero
	r, err = Score(mc(t, m), x)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.NodeScore[3]; got != 25 {
		t.Errorf("index(unit 1, zero policy) = %v, want 25", got)
	}
}

func TestRanksAndPrecision(t *testing.T) {
	if diff := cmp.Diff([]int{1, 2, 2, 4, 0}, ColumnRanks([]float64{90, 85, 85, 70, math.NaN()}, 1, -1)); diff != "" {
		t.Errorf("ColumnRanks (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		x    float64
		prec int
		want float64
	}{
		{0.800175, 4, 0.8002}, // Đà Nẵng 2022: 800.175/1000
		{1.005, 2, 1.01},      // a spreadsheet's ROUND(1.005; 2)
		{2.5, 0, 3},
		{-2.5, 0, -3},
		{80.004, 2, 80},
		{80.001, 2, 80},
		{12.3456, -1, 12.3456},
	} {
		if got := Round(tt.x, tt.prec); got != tt.want {
			t.Errorf("Round(%v, %d) = %v, want %v", tt.x, tt.prec, got, tt.want)
		}
	}
	// With precision 2, 80.004 and 80.001 publish as 80.00 and share rank 1.
	m := &Spec{Scale: 100, Precision: 2, VetoCap: -1, Nodes: []Node{{Parent: -1, Agg: Mean}}, Indicators: []Indicator{{Weight: 1, Norm: NormNone}}}
	x := NewMatrix([]string{"a", "b", "c"}, 1)
	x.Set(0, 0, 80.001)
	x.Set(1, 0, 80.004)
	x.Set(2, 0, 79.9)
	r, err := Score(mc(t, m), x)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{1, 1, 3}, r.NodeRank); diff != "" {
		t.Errorf("ranks at precision 2 (-want +got):\n%s", diff)
	}
	m.Precision = -1
	if r, err = Score(mc(t, m), x); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{2, 1, 3}, r.NodeRank); diff != "" {
		t.Errorf("ranks at full precision (-want +got):\n%s", diff)
	}
}

func TestVetoCap(t *testing.T) {
	classes := []Class{{"Xuất sắc", 90}, {"Tốt", 80}, {"Khá", 70}, {"Trung bình", 50}, {"Yếu", 0}}
	m := &Spec{Scale: 100, Precision: 2, Classes: classes, VetoCap: 3, Nodes: []Node{{Parent: -1, Agg: Sum}},
		Indicators: []Indicator{{Code: "X", Max: 95, Rule: Ratio, Target: 100}, {Code: "V", Max: 5, Rule: Steps, Lower: true, Steps: []Step{{0, 5}}, Veto: true}}}
	x := NewMatrix([]string{"clean", "incident", "weak-incident"}, 2)
	x.Set(0, 0, 100) // 95 + 5 = 100 → Xuất sắc
	x.Set(0, 1, 0)
	x.Set(1, 0, 100) // 95 + 0 = 95 → Xuất sắc, capped at Trung bình
	x.Set(1, 1, 1)
	x.Set(2, 0, 40) // 38 + 0 = 38 → Yếu, the cap does not raise it
	x.Set(2, 1, 2)
	r, err := Score(mc(t, m), x)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 3, 4}, r.Class); diff != "" {
		t.Errorf("classes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, true, true}, r.VetoFailed); diff != "" {
		t.Errorf("veto (-want +got):\n%s", diff)
	}
}

func TestSelectAwards(t *testing.T) {
	c := func(score float64, keys ...float64) Candidate {
		return Candidate{Score: score, HasScore: true, Class: 0, EvidenceOK: true, TieKeys: keys}
	}
	for _, tt := range []struct {
		name      string
		rule      AwardRule
		cands     []Candidate
		awarded   []bool
		decidedBy []int
		reasons   []Reason
	}{
		{"no tie", AwardRule{MinClass: -1, Count: 2}, []Candidate{c(95, 0), c(90, 0), c(85, 0)},
			[]bool{true, true, false}, []int{-1, -1, -1}, []Reason{"", "", ReasonCount}},
		// 90 and 90 straddle the cut-off (count 2): the first key (a higher
		// digital-government score, 85 over 80) decides.
		{"tie broken by first key", AwardRule{MinClass: -1, Count: 2}, []Candidate{c(95, 70, 0), c(90, 80, 0), c(90, 85, 0), c(85, 99, 0)},
			[]bool{true, false, true, false}, []int{-1, 0, 0, -1}, []Reason{"", ReasonCount, "", ReasonCount}},
		// equal first key: the second (fewer zero indicators: −1 > −2) decides.
		{"tie broken by second key", AwardRule{MinClass: -1, Count: 1}, []Candidate{c(90, 80, -2), c(90, 80, -1)},
			[]bool{false, true}, []int{1, 1}, []Reason{ReasonCount, ""}},
		// equal on every key: nobody at the cut-off is awarded; the committee decides.
		{"tie unresolved", AwardRule{MinClass: -1, Count: 2}, []Candidate{c(95, 1), c(90, 1), c(90, 1)},
			[]bool{true, false, false}, []int{-1, 0, 0}, []Reason{"", ReasonTie, ReasonTie}},
		// three tied for two places; two share the best key and both fit.
		{"two of three", AwardRule{MinClass: -1, Count: 2}, []Candidate{c(90, 5), c(90, 7), c(90, 7)},
			[]bool{false, true, true}, []int{0, 0, 0}, []Reason{ReasonCount, "", ""}},
		// a unit holding a higher award is not a candidate; the next one takes the place.
		{"higher award", AwardRule{MinClass: -1, Count: 1}, []Candidate{{Score: 95, HasScore: true, EvidenceOK: true, HasHigher: true}, c(90)},
			[]bool{false, true}, []int{-1, -1}, []Reason{ReasonHigher, ""}},
		{"eligibility", AwardRule{MinClass: 1, Count: 0, MinScore: 80, HasMinScore: true}, []Candidate{
			{Score: 95, HasScore: true, Class: 0, EvidenceOK: true},
			{Score: 95, HasScore: true, Class: 3, Veto: true, EvidenceOK: true},
			{Score: 85, HasScore: true, Class: 1, EvidenceOK: false},
			{Score: 75, HasScore: true, Class: 2, EvidenceOK: true},
			{Score: 82, HasScore: true, Class: 2, EvidenceOK: true},
			{HasScore: false, Class: -1}},
			[]bool{true, false, false, false, false, false}, []int{-1, -1, -1, -1, -1, -1},
			[]Reason{"", ReasonVeto, ReasonEvidence, ReasonScore, ReasonClass, ReasonNoScore}},
		// By progress: the highest rise wins, not the highest score; a unit
		// without a previous year, or whose index did not rise, is not
		// eligible; the class condition still applies to this year.
		{"progress", AwardRule{MinClass: 1, Count: 1, ByProgress: true}, []Candidate{
			{Score: 95, HasScore: true, Class: 0, EvidenceOK: true, Progress: 1.5, HasProgress: true},
			{Score: 80, HasScore: true, Class: 1, EvidenceOK: true, Progress: 6.25, HasProgress: true},
			{Score: 70, HasScore: true, Class: 2, EvidenceOK: true, Progress: 20, HasProgress: true},
			{Score: 90, HasScore: true, Class: 0, EvidenceOK: true},
			{Score: 85, HasScore: true, Class: 1, EvidenceOK: true, Progress: 0, HasProgress: true},
			{Score: 88, HasScore: true, Class: 1, EvidenceOK: true, Progress: 3, HasProgress: true}},
			[]bool{false, true, false, false, false, false}, []int{-1, -1, -1, -1, -1, -1},
			[]Reason{ReasonCount, "", ReasonClass, ReasonNoPrior, ReasonNoGain, ReasonCount}},
		// Tied progress at the cut-off goes to the tie-break keys.
		{"progress tie", AwardRule{MinClass: -1, Count: 1, ByProgress: true}, []Candidate{
			{Score: 95, HasScore: true, EvidenceOK: true, Progress: 4, HasProgress: true, TieKeys: []float64{1}},
			{Score: 80, HasScore: true, EvidenceOK: true, Progress: 4, HasProgress: true, TieKeys: []float64{2}}},
			[]bool{false, true}, []int{0, 0}, []Reason{ReasonCount, ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := SelectAwards(tt.rule, tt.cands)
			var aw []bool
			var by []int
			var rs []Reason
			for _, d := range got {
				aw, by, rs = append(aw, d.Awarded), append(by, d.DecidedBy), append(rs, d.Reason)
			}
			if diff := cmp.Diff(tt.awarded, aw); diff != "" {
				t.Errorf("awarded (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.decidedBy, by); diff != "" {
				t.Errorf("decided by (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.reasons, rs); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
		})
	}
}

// randomModel builds a 3-level points model with every monotone rule kind.
func randomModel(rng *rand.Rand, nInd int) *Spec {
	m := &Spec{Scale: 100, Precision: rng.IntN(4) - 1, VetoCap: -1, Missing: MissingPolicy(rng.IntN(2)),
		Nodes: []Node{{Parent: -1, Agg: Sum}, {Code: "P1", Parent: 0, Agg: Sum}, {Code: "P2", Parent: 0, Agg: Mean, Weight: 1 + rng.Float64()}, {Code: "G", Parent: 1, Agg: Sum}}}
	for j := 0; j < nInd; j++ {
		ind := Indicator{Parent: 1 + rng.IntN(3), Max: float64(1 + rng.IntN(5)), Weight: rng.Float64() + 0.1}
		switch rng.IntN(8) {
		case 0:
			ind.Rule, ind.Target = Ratio, 1+rng.Float64()*99
		case 1:
			ind.Rule, ind.Steps = Steps, []Step{{80, ind.Max}, {50, ind.Max / 2}, {20, ind.Max / 4}}
		case 2:
			ind.Rule = Boolean
		case 3:
			ind.Rule = RelativeBest
		case 4:
			ind.Rule, ind.Pass, ind.HasPass = PassFail, 50, true
		case 5:
			ind.Rule = Ratio
			ind.Target = 10
			ind.Lower = true
		case 6:
			ind.Rule, ind.Norm = NoRule, NormMinMax
		case 7:
			ind.Rule, ind.Norm, ind.Lo, ind.Hi = NoRule, NormGoalposts, 20, 80
		}
		m.Indicators = append(m.Indicators, ind)
	}
	for k := 1; k < len(m.Nodes); k++ { // node max = Σ children's max
		m.Nodes[k].Max = 0
	}
	for _, ind := range m.Indicators {
		for k := ind.Parent; k > 0; k = m.Nodes[k].Parent {
			m.Nodes[k].Max += ind.Max
		}
	}
	return m
}

func randomMatrix(rng *rand.Rand, m *Spec, nUnits int) *Matrix {
	units := make([]string, nUnits)
	x := NewMatrix(units, len(m.Indicators))
	for u := 0; u < nUnits; u++ {
		for j, ind := range m.Indicators {
			switch p := rng.Float64(); {
			case p < 0.05:
			case p < 0.1:
				x.SetState(u, j, NotApplicable)
			default:
				v := math.Round(rng.Float64()*1000) / 10
				if ind.Rule == Boolean {
					v = float64(rng.IntN(2))
				}
				x.Set(u, j, v)
			}
		}
	}
	return x
}

func TestProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		m := randomModel(rng, 3+rng.IntN(12))
		x := randomMatrix(rng, m, 2+rng.IntN(20))
		r, err := Score(mc(t, m), x)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		nN := len(m.Nodes)
		for k := 0; k < nN; k++ {
			var vals []float64
			for u := 0; u < r.Units; u++ {
				i := u*nN + k
				if r.NodeStatus[i].Counted() {
					s := r.NodeScore[i]
					if s < -1e-9 || s > m.Scale+1e-9 || math.IsNaN(s) {
						t.Fatalf("trial %d node %d unit %d: score %v outside [0, %v]", trial, k, u, s, m.Scale)
					}
					vals = append(vals, Round(s, m.Precision)) // ranks are on published values
				} else {
					vals = append(vals, math.NaN())
				}
			}
			checkCompetition(t, vals, r.NodeRank, k, nN)
		}
		// Every node agrees with a plain recursive calculation from the indicator cells.
		for u := 0; u < r.Units; u++ {
			for k := range m.Nodes {
				st, pts, max, sc := refNode(m, r, u, k)
				i := u*nN + k
				if st != r.NodeStatus[i] {
					t.Fatalf("trial %d unit %d node %d: status %v, want %v", trial, u, k, r.NodeStatus[i], st)
				}
				if st.Counted() && (math.Abs(pts-r.NodePoints[i]) > 1e-9 || math.Abs(max-r.NodeMax[i]) > 1e-9 || math.Abs(sc-r.NodeScore[i]) > 1e-9) {
					t.Fatalf("trial %d unit %d node %d: %v/%v → %v, want %v/%v → %v", trial, u, k, r.NodePoints[i], r.NodeMax[i], r.NodeScore[i], pts, max, sc)
				}
			}
		}
		// The claims scoring gives the same index and, cell by cell, the same points.
		c, err := ScoreClaims(mc(t, m), x)
		if err != nil {
			t.Fatalf("trial %d: claims: %v", trial, err)
		}
		for u := 0; u < r.Units; u++ {
			if s, ok := r.Index(u); c.Index[u] != s || c.Has[u] != ok {
				t.Fatalf("trial %d unit %d: claims index %v %v, want %v %v", trial, u, c.Index[u], c.Has[u], s, ok)
			}
			for j := range m.Indicators {
				i := u*len(m.Indicators) + j
				if p := c.Points(j, x.States[i], x.Values[i]); p != r.Points(u, j) {
					t.Fatalf("trial %d unit %d indicator %d: claims points %v, want %v", trial, u, j, p, r.Points(u, j))
				}
			}
		}
		// Raising one unit's value of a higher-is-better indicator never lowers its own index.
		j := rng.IntN(len(m.Indicators))
		u := rng.IntN(r.Units)
		i := u*len(m.Indicators) + j
		if m.Indicators[j].Lower || x.States[i] != Present {
			continue
		}
		before, _ := r.Index(u)
		x.Values[i] += 1 + rng.Float64()*50
		r2, err := Score(mc(t, m), x)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := r2.Index(u)
		if after < before-1e-9 {
			t.Fatalf("trial %d: raising indicator %d of unit %d lowered its index %v → %v", trial, j, u, before, after)
		}
	}
}

// checkCompetition verifies ranks against scores: rank = 1 + the number of
// strictly better units; unscored units have rank 0.
func checkCompetition(t *testing.T, vals []float64, ranks []int, k, stride int) {
	t.Helper()
	for u, v := range vals {
		got := ranks[u*stride+k]
		if math.IsNaN(v) {
			if got != 0 {
				t.Fatalf("unscored unit %d has rank %d", u, got)
			}
			continue
		}
		want := 1
		for _, w := range vals {
			if !math.IsNaN(w) && w > v {
				want++
			}
		}
		if got != want {
			t.Fatalf("node %d unit %d: rank %d, want %d", k, u, got, want)
		}
	}
}

// TestRankRounded checks the ranks counted over rounded values against
// the ranks from sorting, on scores with many ties after rounding, on
// negative scores, and on a span too wide for counting.
func TestRankRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 100; trial++ {
		nU, nN := 1+rng.IntN(1000), 1+rng.IntN(4)
		prec := rng.IntN(4)
		vals := make([]float64, nU*nN)
		status := make([]Status, nU*nN)
		spread := []float64{1, 100, 1e9}[trial%3] // 1e9 × 10^precision is too wide to count
		for i := range vals {
			vals[i] = (rng.Float64() - 0.3) * spread
			if rng.IntN(10) == 0 {
				status[i] = Excluded
			}
		}
		ranks := make([]int, nU*nN)
		counted := rankRounded(vals, status, nN, prec, ranks)
		if span := spread * math.Pow(10, float64(prec)); counted && span > 1e9 || !counted && span < 1<<16 {
			t.Fatalf("trial %d: spread %v, counted = %v", trial, spread, counted)
		}
		rankTable(vals, status, nN, prec, ranks)
		masked := make([]float64, len(vals)) // NaN where not counted, for ColumnRanks
		for k := 0; k < nN; k++ {
			col := make([]float64, nU)
			for u := range col {
				i := u*nN + k
				col[u], masked[i] = math.NaN(), math.NaN()
				if status[i].Counted() {
					col[u], masked[i] = Round(vals[i], prec), vals[i]
				}
			}
			checkCompetition(t, col, ranks, k, nN)
			checkCompetition(t, col, ColumnRanks(col, 1, -1), 0, 1)
		}
		if diff := cmp.Diff(ranks, ColumnRanks(masked, nN, prec)); diff != "" {
			t.Fatalf("trial %d: ColumnRanks differs from the node ranks (-nodes +columns):\n%s", trial, diff)
		}
	}
}

// TestColumnStatsChunks compares the statistics taken over chunks of rows
// on every processor with a plain pass over all rows.
func TestColumnStatsChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 20; trial++ {
		m := randomModel(rng, 5+rng.IntN(20))
		for j := range m.Indicators {
			if rng.IntN(4) == 0 {
				m.Indicators[j].Rule, m.Indicators[j].Norm, m.Indicators[j].Lower = NoRule, NormZScore, rng.IntN(2) == 0
			}
		}
		x := randomMatrix(rng, m, 300+rng.IntN(2000))
		got := columnStats(mc(t, m), x)
		for j, ind := range m.Indicators {
			if ind.Rule != NoRule && ind.Rule != RelativeBest {
				continue
			}
			var vals []float64
			for u := range x.Units {
				if i := u*len(m.Indicators) + j; x.States[i] == Present {
					v := x.Values[i]
					if ind.Lower && ind.Rule == NoRule {
						v = -v
					}
					vals = append(vals, v)
				}
			}
			want := colStats{lo: slices.Min(vals), hi: slices.Max(vals), hasPresent: true}
			want.constant = want.lo == want.hi
			want.best = want.hi
			if ind.Lower {
				want.best = want.lo
			}
			if ind.Norm == NormZScore && ind.Rule == NoRule {
				sum, ss := 0.0, 0.0
				for _, v := range vals {
					sum += v
				}
				want.mean = sum / float64(len(vals))
				for _, v := range vals {
					ss += (v - want.mean) * (v - want.mean)
				}
				want.sd = math.Sqrt(ss / float64(len(vals)-1))
			}
			if g := got[j]; g.sorted != nil || g.lo != want.lo || g.hi != want.hi || g.mean != want.mean || g.sd != want.sd || g.best != want.best || g.constant != want.constant || g.hasPresent != want.hasPresent {
				t.Fatalf("trial %d indicator %d: stats %+v, want %+v", trial, j, got[j], want)
			}
		}
	}
}

// refNode computes node k of unit u from the indicator cells of r by
// recursion, for models of sum and mean nodes without coverage rules: its
// status (Scored, Filled, Excluded or NA), points, max points and score.
func refNode(m *Spec, r *Result, u, k int) (st Status, pts, max, score float64) {
	node := m.Nodes[k]
	var any, missing bool
	var wsum, wtot float64
	add := func(st Status, p, mx, s, w float64) {
		switch st {
		case Scored, Filled:
			any = true
			pts += p
			max += mx
			wsum += w * s
			wtot += w
		case Excluded:
			missing = true
		}
	}
	for j, ind := range m.Indicators {
		if ind.Parent == k {
			i := u*len(m.Indicators) + j
			add(r.IndStatus[i], r.Points(u, j), ind.Max, r.Score(u, j), ind.Weight)
		}
	}
	for c := 1; c < len(m.Nodes); c++ {
		if m.Nodes[c].Parent == k {
			cst, cp, cm, cs := refNode(m, r, u, c)
			add(cst, cp, cm, cs, m.Nodes[c].Weight)
		}
	}
	switch {
	case !any && missing && m.Missing == MissingZero:
		return Filled, 0, max, 0
	case !any && missing:
		return Excluded, 0, 0, 0
	case !any:
		return NA, 0, 0, 0
	case node.Agg == Sum:
		if max <= 0 {
			return NA, 0, 0, 0
		}
		return Scored, pts, max, pts / max * m.Scale
	}
	if wtot <= 0 {
		return NA, 0, 0, 0
	}
	score = wsum / wtot
	return Scored, score / m.Scale * node.Max, node.Max, score
}

// TestRoundScaled compares roundScaled with the rule written out with
// math.Round, sign of zero included, on random values at several scales.
func TestRoundScaled(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := 0; i < 200000; i++ {
		x := (rng.Float64() - 0.5) * []float64{1, 100, 1e6, 1e12}[i%4]
		if i%3 == 0 {
			x = float64(int(x*1000)) / 1000 // many halves at some scale
		}
		for _, p := range []float64{1, 10, 100, 1e4} {
			v := x * p
			fl := math.Floor(v)
			want := math.Round(v)
			if d := v - fl - 0.5; math.Abs(d) < 1e-9*math.Max(1, math.Abs(v)) {
				want = fl
				if v >= 0 {
					want = fl + 1
				}
			}
			if got := roundScaled(x, p); got != want || math.Signbit(got) != math.Signbit(want) {
				t.Fatalf("roundScaled(%v, %v) = %v, want %v", x, p, got, want)
			}
		}
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := roundScaled(x, 100); !(math.IsNaN(x) && math.IsNaN(got) || got == x) {
			t.Errorf("roundScaled(%v) = %v", x, got)
		}
	}
}

// mc compiles s or fails the test.
func mc(tb testing.TB, s *Spec) *Model {
	tb.Helper()
	m, err := Compile(*s)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
