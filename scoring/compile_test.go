package scoring

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// TestScoreEveryError: one pass names every unit that cannot be scored,
// in row order, with its kind; the other units are not in the list.
func TestScoreEveryError(t *testing.T) {
	m := mc(t, aggModel(Sum, MissingError))
	x := NewMatrix([]string{"u1", "u2", "u3", "u4"}, 3)
	for u := range 4 {
		for j := range 3 {
			x.Set(u, j, 50)
		}
	}
	x.SetState(1, 2, Missing) // u2: C missing
	x.SetState(3, 0, Missing) // u4: A missing
	r, err := Score(m, x)
	var es Errors
	if r != nil || !errors.As(err, &es) {
		t.Fatalf("Score = %v, %v; want no result and Errors", r, err)
	}
	type got struct {
		unit, code string
		row        int
		kind       ErrorKind
	}
	var g []got
	for _, e := range es {
		g = append(g, got{e.Unit, e.Code, e.Row, e.Kind})
	}
	want := []got{{"u2", "C", 1, ErrMissing}, {"u4", "A", 3, ErrMissing}}
	if len(g) != len(want) || g[0] != want[0] || g[1] != want[1] {
		t.Errorf("errors = %+v, want %+v", g, want)
	}
	if _, err := ScoreClaims(m, x); !errors.As(err, &es) || len(es) != 2 {
		t.Errorf("ScoreClaims error = %v, want the same two units", err)
	}
}

// TestCompileCopies: a model does not change when its spec does.
func TestCompileCopies(t *testing.T) {
	s := aggModel(Sum, MissingZero)
	s.Indicators[0].Steps = []Step{{Threshold: 1, Points: 4}}
	m := mc(t, s)
	s.Indicators[0].Max = 1000
	s.Indicators[0].Steps[0].Points = 1000
	s.Nodes[0].Agg = Mean
	if got := m.Indicator(0); got.Max != 4 || got.Steps[0].Points != 4 || m.Node(0).Agg != Sum {
		t.Errorf("model changed with its spec: indicator %+v, node %+v", got, m.Node(0))
	}
	cp := m.Spec()
	cp.Indicators[0].Steps[0].Points = 7
	if m.Indicator(0).Steps[0].Points != 4 {
		t.Error("Spec() shares memory with the model")
	}
}

// TestConcurrentScore scores one compiled model from many goroutines at
// once (run with -race) and checks each result against a score computed
// alone.
func TestConcurrentScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	s := randomModel(rng, 30)
	m := mc(t, s)
	const workers = 16
	xs := make([]*Matrix, workers)
	want := make([][]float64, workers)
	for w := range xs {
		xs[w] = randomMatrix(rng, s, 50+w*20)
		r, err := Score(m, xs[w])
		if err != nil {
			t.Fatal(err)
		}
		want[w] = append([]float64(nil), r.NodeScore...)
	}
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				r, err := Score(m, xs[w])
				if err != nil {
					errs[w] = err
					return
				}
				if _, err := ScoreClaims(m, xs[w]); err != nil {
					errs[w] = err
					return
				}
				for i, v := range r.NodeScore {
					if v != want[w][i] && !(v != v && want[w][i] != want[w][i]) {
						errs[w] = errors.New("a concurrent score differs from the score computed alone")
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Errorf("worker %d: %v", w, err)
		}
	}
}

// TestColumnRanksEmpty: a table of no columns (a framework with no
// domains) or no rows ranks to nothing, without dividing by zero.
func TestColumnRanksEmpty(t *testing.T) {
	for _, tt := range []struct {
		vals []float64
		cols int
	}{{nil, 0}, {[]float64{}, 3}, {nil, 3}} {
		for _, prec := range []int{-1, 2} {
			if got := ColumnRanks(tt.vals, tt.cols, prec); len(got) != 0 {
				t.Errorf("ColumnRanks(%v, %d, %d) = %v, want none", tt.vals, tt.cols, prec, got)
			}
		}
	}
}

// TestRelativeBestRobust: the best of a relative rule is the cohort's 90th
// percentile (a value a unit reported) or a published reference, so one
// unit reporting a hundred times the others cannot take their points, and
// a lone unit is not scored against itself. Worked by hand:
//
//	14 units report 10, 12, …, 36 (max 1 point). The empirical 90th
//	percentile is the smallest value with rank ≥ 0.9 × 14 = 12.6: the 13th,
//	34. So 17 earns 0.5, 34 and 36 earn 1 (capped).
//	The unit that reported 10 reports 1000 instead: sorted 12 … 36, 1000,
//	the 13th is 36; 17 is not reported any more, 18 earns 0.5 (was 18/34),
//	34 earns 34/36. Under "max" the best would be 1000 and 34 would earn
//	0.034.
func TestRelativeBestRobust(t *testing.T) {
	model := func(best float64, ref *float64) *Model {
		ind := Indicator{Code: "CAM", Max: 1, Rule: RelativeBest, Best: best}
		if ref != nil {
			ind.Reference, ind.HasReference = *ref, true
		}
		return mc(t, &Spec{Scale: 100, Precision: -1, VetoCap: -1, Nodes: []Node{{Parent: -1, Agg: Sum}}, Indicators: []Indicator{ind}})
	}
	points := func(m *Model, vals ...float64) []float64 {
		units := make([]string, len(vals))
		for u := range units {
			units[u] = fmt.Sprint("u", u)
		}
		x := NewMatrix(units, 1)
		for u, v := range vals {
			x.Set(u, 0, v)
		}
		r, err := Score(m, x)
		if err != nil {
			t.Fatal(err)
		}
		return r.IndPoints
	}
	cohort := []float64{10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36}
	p90 := model(0.9, nil)
	got := points(p90, cohort...)
	for u, want := range map[int]float64{0: 10.0 / 34, 4: 18.0 / 34, 12: 1, 13: 1} {
		if math.Abs(got[u]-want) > 1e-12 {
			t.Errorf("p90: unit reporting %v earns %v, want %v", cohort[u], got[u], want)
		}
	}
	outlier := append([]float64{1000}, cohort[1:]...)
	got = points(p90, outlier...)
	for u, want := range map[int]float64{0: 1, 4: 18.0 / 36, 12: 34.0 / 36, 13: 1} {
		if math.Abs(got[u]-want) > 1e-12 {
			t.Errorf("p90 with an outlier: unit reporting %v earns %v, want %v", outlier[u], got[u], want)
		}
	}
	if got := points(model(1, nil), outlier...); math.Abs(got[12]-0.034) > 1e-12 {
		t.Errorf("max with an outlier: 34 earns %v, want 0.034", got[12])
	}
	// A lone unit against the published reference of 20: 5 earns 0.25,
	// 30 is capped at 1; without a reference it would earn 1 on its own.
	ref := 20.0
	if got := points(model(0.9, &ref), 5); math.Abs(got[0]-0.25) > 1e-12 {
		t.Errorf("lone unit against reference 20: 5 earns %v, want 0.25", got[0])
	}
	if got := points(model(0.9, &ref), 30); got[0] != 1 {
		t.Errorf("lone unit against reference 20: 30 earns %v, want 1", got[0])
	}
	if got := points(model(0.9, nil), 5); got[0] != 1 {
		t.Errorf("lone unit without a reference: 5 earns %v, want 1 (its own best)", got[0])
	}
}
