package audit

import (
	"math"
	"math/rand/v2"
	"reflect"
	"sort"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/fixture"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/scoring"
	"github.com/cqs-vn/dtikit/submission"
)

var nan = math.NaN()

// The independent calculation: plain loops, moments written out.

func plainMean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func plainCov(x, y []float64) float64 {
	mx, my := plainMean(x), plainMean(y)
	s := 0.0
	for i := range x {
		s += (x[i] - mx) * (y[i] - my)
	}
	return s / float64(len(x)-1)
}

// plainSkew is G1 = √(n(n−1))/(n−2) · m3/m2^1.5 with population moments.
func plainSkew(x []float64) float64 {
	n := float64(len(x))
	m := plainMean(x)
	var m2, m3 float64
	for _, v := range x {
		d := v - m
		m2 += d * d / n
		m3 += d * d * d / n
	}
	return math.Sqrt(n*(n-1)) / (n - 2) * m3 / math.Pow(m2, 1.5)
}

// plainKurt is G2 = ((n+1)·g2 + 6)(n−1)/((n−2)(n−3)), g2 = m4/m2² − 3.
func plainKurt(x []float64) float64 {
	n := float64(len(x))
	m := plainMean(x)
	var m2, m4 float64
	for _, v := range x {
		d := v - m
		m2 += d * d / n
		m4 += d * d * d * d / n
	}
	g2 := m4/(m2*m2) - 3
	return ((n+1)*g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
}

func plainPearson(x, y []float64) float64 {
	return plainCov(x, y) / math.Sqrt(plainCov(x, x)*plainCov(y, y))
}

// plainRanks ranks by counting: 1 + the number smaller + half the others
// equal.
func plainRanks(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		less, eq := 0, 0
		for _, w := range x {
			if w < v {
				less++
			} else if w == v {
				eq++
			}
		}
		out[i] = float64(less) + float64(eq+1)/2
	}
	return out
}

func complete(x, y []float64) (a, b []float64) {
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			a, b = append(a, x[i]), append(b, y[i])
		}
	}
	return a, b
}

func close9(a, b float64) bool { return math.Abs(a-b) <= 1e-9 || math.IsNaN(a) && math.IsNaN(b) }

// A small data set with missing values and ties: 9 units, 3 indicators.
var (
	colA = []float64{12, 15, nan, 9, 22, 15, 30, 11, 14}
	colB = []float64{40, 52, 38, nan, 61, 52, 75, nan, 47}
	colC = []float64{3, 1, 4, 1, 5, 9, 2, 6, nan}
)

func TestDescribeMatchesPlain(t *testing.T) {
	for _, col := range [][]float64{colA, colB, colC} {
		d := describe("X", col, len(col))
		v := presentInto(nil, col)
		sorted := append([]float64(nil), v...)
		sort.Float64s(sorted)
		var med float64
		if n := len(sorted); n%2 == 1 {
			med = sorted[n/2]
		} else {
			med = (sorted[n/2-1] + sorted[n/2]) / 2
		}
		want := []float64{float64(len(v)) / float64(len(col)), sorted[0], sorted[len(sorted)-1], plainMean(v), med, math.Sqrt(plainCov(v, v)), plainSkew(v), plainKurt(v)}
		got := []float64{d.Availability, d.Min, d.Max, d.Mean, d.Median, d.SD, d.Skew, d.Kurtosis}
		for i := range want {
			if !close9(got[i], want[i]) {
				t.Errorf("statistic %d = %v, the plain calculation %v", i, got[i], want[i])
			}
		}
	}
	// colA: 15 twice of 8 values; no value shared by most units.
	if d := describe("A", colA, 9); d.SameShare != 2.0/8 || len(d.Flags) != 0 {
		t.Errorf("A: same share %v, flags %v", d.SameShare, d.Flags)
	}
	// One value for most units, few values: both flagged.
	if d := describe("Z", []float64{1, 1, 1, 2, nan, nan, nan, nan}, 8); len(d.Flags) != 2 || d.Flags[0] != FlagNoDiscrimination || d.Flags[1] != FlagLowAvailability {
		t.Errorf("Z: flags %v", d.Flags)
	}
}

func TestCorrelateMatchesPlain(t *testing.T) {
	// colD has no two values alike (ranks read off its order in one
	// pass), the others have ties (mean ranks).
	colD := []float64{3.5, 1.25, 8, nan, 2, 7.75, 6, 4.5, 9.5}
	colE := []float64{0.5, 2, nan, 1, 3, 9, nan, 7, 4}
	for _, p := range [][2][]float64{{colA, colB}, {colA, colC}, {colB, colC}, {colD, colA}, {colB, colD}, {colD, colE}} {
		c := correlate("x", "y", p[0], p[1])
		a, b := complete(p[0], p[1])
		if c.N != len(a) || !close9(c.Pearson, plainPearson(a, b)) || !close9(c.Spearman, plainPearson(plainRanks(a), plainRanks(b))) {
			t.Errorf("correlate = %+v, plain n %d pearson %v spearman %v", c, len(a), plainPearson(a, b), plainPearson(plainRanks(a), plainRanks(b)))
		}
	}
	if c := correlate("x", "y", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}); c.Flag != FlagNegative {
		t.Errorf("a perfectly negative pair is not flagged: %+v", c)
	}
}

func TestAlphaMatchesPlain(t *testing.T) {
	cols := [][]float64{colA, colB, colC}
	k := 3.0
	var sum, off float64
	for a := range cols {
		for b := range cols {
			x, y := complete(cols[a], cols[b])
			c := plainCov(x, y)
			sum += c
			if a != b {
				off += c
			}
		}
	}
	want := k * k * (off / (k * (k - 1))) / sum
	if got := Alpha(cols); !close9(got, want) {
		t.Errorf("alpha %v, plain %v", got, want)
	}
}

// TestAlphaTextbook: three items answered by four people (calkulon.com's
// worked example: item variances 1.6667, 0.9167 and 1.6667, total scores
// 13, 10, 15, 7). By hand: item variances 5/3, 2.75/3, 5/3, sum 4.25; the
// total's variance 36.75/3 = 12.25; α = 3/2 × (1 − 4.25/12.25) = 12/12.25.
func TestAlphaTextbook(t *testing.T) {
	items := [][]float64{{4, 3, 5, 2}, {5, 4, 5, 3}, {4, 3, 5, 2}}
	if got, want := Alpha(items), 12/12.25; !close9(got, want) {
		t.Errorf("alpha %v, want %v", got, want)
	}
}

// TestPCATextbook: Lindsay Smith's PCA tutorial (2002), two variables, ten
// points; the covariance matrix's eigenvalues are published as 1.28402771
// and 0.0490833989, the first eigenvector as (−0.677873399, −0.735178656).
func TestPCATextbook(t *testing.T) {
	x := []float64{2.5, 0.5, 2.2, 1.9, 3.1, 2.3, 2, 1, 1.5, 1.1}
	y := []float64{2.4, 0.7, 2.9, 2.2, 3.0, 2.7, 1.6, 1.1, 1.6, 0.9}
	n, explained, loadings := PCA([][]float64{x, y}, false)
	total := 1.28402771 + 0.0490833989
	if n != 10 || math.Abs(explained[0]-1.28402771/total) > 1e-8 || math.Abs(explained[1]-0.0490833989/total) > 1e-8 {
		t.Errorf("n %d, explained %v", n, explained)
	}
	if math.Abs(loadings[0]-0.677873399) > 1e-8 || math.Abs(loadings[1]-0.735178656) > 1e-8 {
		t.Errorf("loadings %v", loadings)
	}
}

// TestPCAStandardisedMatchesPlain: with two standardised columns the
// correlation matrix's eigenvalues are 1 ± r, so the first component
// explains (1 + |r|)/2, on the complete rows.
func TestPCAStandardisedMatchesPlain(t *testing.T) {
	n, explained, loadings := PCA([][]float64{colA, colB}, true)
	a, b := complete(colA, colB)
	r := plainPearson(a, b)
	if n != len(a) || !close9(explained[0], (1+math.Abs(r))/2) || !close9(loadings[0], 1/math.Sqrt2) || !close9(loadings[1], math.Copysign(1/math.Sqrt2, r)) {
		t.Errorf("n %d explained %v loadings %v; plain n %d r %v", n, explained, loadings, len(a), r)
	}
}

// BenchmarkAudit: the audit of 10,000 units × 102 indicators (goal: under
// 1 s, #14).
func BenchmarkAudit(b *testing.B) {
	ev := bigEval(b, 10000, 102, nil)
	b.ReportAllocs()
	for b.Loop() {
		if r := Run(ev); len(r.Indicators) != 102 {
			b.Fatal(len(r.Indicators))
		}
	}
}

// BenchmarkAuditMissing: the same with 2 % of the values missing, so
// that no column is complete and every pair is paired row by row (the
// case of the CSV the #13 harness generates: 40 s of dti score before
// the ranks were read off sorted columns and Alpha stopped copying pairs).
func BenchmarkAuditMissing(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	ev := bigEval(b, 10000, 102, func(s *submission.Submission, code string) {
		if rng.IntN(50) == 0 {
			e := s.Entry(code)
			e.SetSelf(submission.Value{})
			e.SetAppraised(submission.Value{})
		}
	})
	for _, o := range []struct {
		name string
		o    Options
	}{{"all", Options{}}, {"no-matrix", Options{SkipMatrix: true}}} {
		b.Run(o.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := RunWith(ev, o.o); len(r.Indicators) != 102 || r.Indicators[0].Availability == 1 {
					b.Fatal(len(r.Indicators))
				}
			}
		})
	}
}

// TestLeaveOneOutMatchesReEvaluation: the rank shifts computed from the
// points equal those of scoring the 2024 sample again on a framework
// without the indicator (its nodes' max points reduced), a second route
// through the whole evaluation.
func TestLeaveOneOutMatchesReEvaluation(t *testing.T) {
	load := func() *indicators.Framework {
		fw, err := indicators.Load("ward-unified-2025")
		if err != nil {
			t.Fatal(err)
		}
		return fw
	}
	fw := load()
	srcs, _, err := submission.FSSources(sample.FS, "testdata/sample/2024", "")
	if err != nil {
		t.Fatal(err)
	}
	b := submission.Ingest(srcs, fw, nil)
	ev, err := dti.Evaluate(fw, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := map[string]int{}
	for _, u := range ev.Units {
		base[u.Code] = u.Rank
	}
	got := LeaveOneOut(ev)
	if len(got) != len(fw.Indicators)+8 {
		t.Fatalf("%d shifts, want %d indicators and 8 pillars", len(got), len(fw.Indicators))
	}
	moved := 0
	for j := range fw.Indicators {
		alt := load()
		ind := alt.Indicators[j]
		m := *ind.MaxPoints
		alt.Indicators = append(alt.Indicators[:j:j], alt.Indicators[j+1:]...)
		for p := ind.Parent; p != ""; p = alt.Node(p).Parent {
			n := alt.Node(p)
			v := *n.MaxPoints - m
			n.MaxPoints = &v
		}
		if alt.TotalPoints != nil {
			v := *alt.TotalPoints - m
			alt.TotalPoints = &v
		}
		ev2, err := dti.Evaluate(alt, &submission.Batch{Submissions: b.Submissions}, nil)
		if err != nil {
			t.Fatalf("%s: %v", ind.Code, err)
		}
		var sum, most float64
		n := 0
		for _, u := range ev2.Units {
			if u.Rank == 0 || base[u.Code] == 0 {
				continue
			}
			d := math.Abs(float64(u.Rank - base[u.Code]))
			sum += d
			most = math.Max(most, d)
			n++
		}
		want := Shift{Code: ind.Code, Mean: sum / float64(n), Max: most}
		if g := got[j]; g.Code != want.Code || !close9(g.Mean, want.Mean) || g.Max != want.Max {
			t.Errorf("%s: leave-one-out %+v, re-evaluated %+v", ind.Code, g, want)
		}
		if want.Max > 0 {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no indicator moves any rank: the check compares nothing")
	}
}

func sample2024(t testing.TB) *dti.Evaluation {
	t.Helper()
	fw, b, err := sample.Batch("2024")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := dti.Evaluate(fw, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestUncertaintyCollapses: with a band of 0 and the framework's own
// missing-data policy every run is the evaluation itself: the interval is
// the nominal rank, the class and the awards certain.
func TestUncertaintyCollapses(t *testing.T) {
	ev := sample2024(t)
	us, err := Uncertainty(ev, UncertaintyOptions{Runs: 50, Seed: 1, Band: 0})
	if err != nil {
		t.Fatal(err)
	}
	for i, uu := range us {
		u := ev.Units[i]
		if uu.Median != u.Rank || uu.P05 != u.Rank || uu.P95 != u.Rank {
			t.Errorf("%s: ranks %d [%d, %d], nominal %d", u.Code, uu.Median, uu.P05, uu.P95, u.Rank)
		}
		if uu.PClass[u.ClassIdx] != 1 {
			t.Errorf("%s: P(class %s) = %v", u.Code, u.Class, uu.PClass[u.ClassIdx])
		}
		for a, r := range u.Awards {
			want := 0.0
			if r.Awarded {
				want = 1
			}
			if uu.PAward[a] != want {
				t.Errorf("%s: P(%s) = %v, awarded %v", u.Code, r.Award, uu.PAward[a], r.Awarded)
			}
		}
	}
}

// TestUncertaintyBand: with the default band and the missing policy drawn
// too, the nominal rank lies in [p05, p95], the class probabilities sum to
// 1, and the same seed gives the same result (a different one, not).
func TestUncertaintyBand(t *testing.T) {
	ev := sample2024(t)
	o := UncertaintyOptions{Runs: 400, Seed: 7, Band: -1, Missing: true}
	us, err := Uncertainty(ev, o)
	if err != nil {
		t.Fatal(err)
	}
	spread := 0
	for _, uu := range us {
		if uu.Nominal < uu.P05 || uu.Nominal > uu.P95 {
			t.Errorf("%s: nominal %d outside [%d, %d]", uu.Code, uu.Nominal, uu.P05, uu.P95)
		}
		sum := 0.0
		for _, p := range uu.PClass {
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: class probabilities sum to %v", uu.Code, sum)
		}
		spread += uu.P95 - uu.P05
	}
	if spread == 0 {
		t.Error("no interval is wider than a point: the runs vary nothing")
	}
	again, _ := Uncertainty(ev, o)
	if !reflect.DeepEqual(us, again) {
		t.Error("the same seed gives a different result")
	}
	o.Seed = 8
	other, _ := Uncertainty(ev, o)
	if reflect.DeepEqual(us, other) {
		t.Error("another seed gives the same result")
	}
}

// BenchmarkUncertainty: 1,000 runs × 3,321 units × 53 indicators (goal:
// under 5 s on 2 cores, #14).
func BenchmarkUncertainty(b *testing.B) {
	ev := bigEval(b, 3321, 54, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Uncertainty(ev, UncertaintyOptions{Runs: 1000, Seed: 1, Band: -1, Missing: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMatrixAgrees: the correlation matrix is symmetric with 1 on the
// diagonal, and where a pair is also among the listed correlations (an
// indicator with its pillar or the index, two indicators of a pillar,
// each checked against a plain implementation above) it has the same
// Pearson's r; a pair across pillars equals the plain formula.
func TestMatrixAgrees(t *testing.T) {
	ev := sample2024(t)
	r := Run(ev)
	at := map[string]int{}
	for i, c := range r.MatrixCodes {
		at[c] = i
	}
	if len(r.Matrix) != len(r.MatrixCodes) {
		t.Fatalf("%d rows for %d codes", len(r.Matrix), len(r.MatrixCodes))
	}
	for a := range r.Matrix {
		if d := r.Matrix[a][a]; d != 1 && !math.IsNaN(d) {
			t.Errorf("%s: diagonal %v", r.MatrixCodes[a], d)
		}
		for b := range r.Matrix {
			if !close9(r.Matrix[a][b], r.Matrix[b][a]) {
				t.Errorf("%s/%s not symmetric", r.MatrixCodes[a], r.MatrixCodes[b])
			}
		}
	}
	checked := 0
	for _, c := range append(append(append([]Correlation{}, r.WithinPillar...), r.WithIndex...), r.WithParent...) {
		ia, okA := at[c.A]
		ib, okB := at[c.B]
		if !okA || !okB {
			continue // a parent below the pillars is not in the matrix
		}
		if !close9(r.Matrix[ia][ib], c.Pearson) {
			t.Errorf("%s/%s: matrix %v, listed %v", c.A, c.B, r.Matrix[ia][ib], c.Pearson)
		}
		checked++
	}
	if checked < len(r.WithIndex) {
		t.Errorf("only %d pairs checked", checked)
	}
	// Across pillars: the first two indicators of different pillars.
	fw := ev.Framework
	col := func(j int) []float64 {
		x := make([]float64, len(ev.Units))
		for u, unit := range ev.Units {
			x[u] = math.NaN()
			k := 0
			for ir := range ev.Indicators(unit) {
				if k == j && ir.HasValue && ir.Status == scoring.Scored {
					x[u] = ir.Score
				}
				k++
			}
		}
		return x
	}
	a, b := 0, len(fw.Indicators)-1
	x, y := complete(col(a), col(b))
	if got, want := r.Matrix[at[fw.Indicators[a].Code]][at[fw.Indicators[b].Code]], plainPearson(x, y); !close9(got, want) {
		t.Errorf("%s/%s: matrix %v, plain %v", fw.Indicators[a].Code, fw.Indicators[b].Code, got, want)
	}
}

// bigEval evaluates fixture.Big's n units × m indicators, after change
// (when given) has had each unit's entry of each indicator.
func bigEval(b *testing.B, n, m int, change func(s *submission.Submission, code string)) *dti.Evaluation {
	fw, subs := fixture.Big(b, n, m)
	if change != nil {
		for _, s := range subs {
			for _, ind := range fw.Indicators {
				change(s, ind.Code)
			}
		}
	}
	ev, err := dti.Evaluate(fw, &submission.Batch{Submissions: subs}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return ev
}
