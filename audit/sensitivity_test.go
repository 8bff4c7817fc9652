package audit

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/cqs-vn/dtikit/dti"
	"github.com/cqs-vn/dtikit/indicators"
	"github.com/cqs-vn/dtikit/internal/sample"
	"github.com/cqs-vn/dtikit/submission"
)

// TestJansenIshigami: the Ishigami function (a = 7, b = 0.1, inputs
// uniform on [−π, π]) has published indices (Saltelli et al., Global
// Sensitivity Analysis: The Primer, 2008, §4.5; Ishigami & Homma 1990):
// S = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
func TestJansenIshigami(t *testing.T) {
	ishigami := func() func([]float64) float64 {
		return func(u []float64) float64 {
			x1, x2, x3 := math.Pi*(2*u[0]-1), math.Pi*(2*u[1]-1), math.Pi*(2*u[2]-1)
			return math.Sin(x1) + 7*math.Pow(math.Sin(x2), 2) + 0.1*math.Pow(x3, 4)*math.Sin(x1)
		}
	}
	d := saltelli(ishigami, 3, 50000, rand.New(rand.NewPCG(3, 4)))
	rows := make([]int, 50000)
	for r := range rows {
		rows[r] = r
	}
	first, total := d.jansen(rows)
	wantS := []float64{0.3139, 0.4424, 0}
	wantT := []float64{0.5576, 0.4424, 0.2437}
	for i := range wantS {
		if math.Abs(first[i]-wantS[i]) > 0.02 || math.Abs(total[i]-wantT[i]) > 0.02 {
			t.Errorf("x%d: S %.4f ST %.4f, published %.4f %.4f", i+1, first[i], total[i], wantS[i], wantT[i])
		}
	}
}

// TestJansenLinear: for Y = Σ a_i X_i with independent uniform X_i there
// are no interactions, and S_i = ST_i = a_i² ÷ Σ a_j².
func TestJansenLinear(t *testing.T) {
	a := []float64{1, 2, 3, 0}
	lin := func() func([]float64) float64 {
		return func(x []float64) float64 {
			var y float64
			for i := range a {
				y += a[i] * x[i]
			}
			return y
		}
	}
	d := saltelli(lin, len(a), 40000, rand.New(rand.NewPCG(5, 6)))
	rows := make([]int, 40000)
	for r := range rows {
		rows[r] = r
	}
	first, total := d.jansen(rows)
	for i := range a {
		want := a[i] * a[i] / 14
		if math.Abs(first[i]-want) > 0.02 || math.Abs(total[i]-want) > 0.02 {
			t.Errorf("x%d: S %.4f ST %.4f, want %.4f", i+1, first[i], total[i], want)
		}
	}
}

// TestSensitivityBruteForce checks the first-order index of every input
// on the 2024 sample against its definition, Var(E[Y | X_i]) ÷ Var(Y),
// estimated by brute force: the inner mean over 400 draws of the other
// inputs at each of 40 values of X_i (8,000 draws at each of the 2 values
// of the missing-data policy, which has probability ½ each).
func TestSensitivityBruteForce(t *testing.T) {
	ev := sample2024(t)
	fs, err := Sensitivity(ev, SensitivityOptions{Samples: 8000, Seed: 11, Band: 0.25})
	if err != nil {
		t.Fatal(err)
	}
	names, newModel, err := rankShiftModel(ev, 0.25)
	if err != nil {
		t.Fatal(err)
	}
	model := newModel()
	k := len(names)
	rng := rand.New(rand.NewPCG(12, 13))
	x := make([]float64, k)
	var ys []float64
	for i := 0; i < k; i++ {
		levels, inner := 40, 400
		if names[i] == "missing" {
			levels, inner = 2, 8000
		}
		var means []float64
		for l := 0; l < levels; l++ {
			var sum float64
			for r := 0; r < inner; r++ {
				for c := range x {
					x[c] = rng.Float64()
				}
				x[i] = (float64(l) + 0.5) / float64(levels)
				y := model(x)
				sum += y
				ys = append(ys, y)
			}
			means = append(means, sum/float64(inner))
		}
		v := popVariance(ys)
		want := popVariance(means) / v
		t.Logf("%s: Jansen S %.3f ST %.3f, brute force S %.3f", names[i], fs[i].First, fs[i].Total, want)
		if math.Abs(fs[i].First-want) > 0.05 {
			t.Errorf("%s: Jansen S %.3f, brute force %.3f", names[i], fs[i].First, want)
		}
		if fs[i].Total < fs[i].First-0.05 {
			t.Errorf("%s: total %.3f below first order %.3f", names[i], fs[i].Total, fs[i].First)
		}
	}
}

func popVariance(x []float64) float64 {
	var m float64
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	var s float64
	for _, v := range x {
		s += (v - m) * (v - m)
	}
	return s / float64(len(x))
}

// TestSensitivityBandZero: with a band of 0 the pillar weights do not
// move, so no rank depends on them: their total index is exactly 0 (or
// all are NaN when nothing moves at all). The same seed gives the same
// result; the bootstrap interval holds the estimate.
func TestSensitivityBandZero(t *testing.T) {
	ev := sample2024(t)
	o := SensitivityOptions{Samples: 500, Seed: 2, Band: 0, Bootstrap: 200}
	fs, err := Sensitivity(ev, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Name != "missing" && !(f.Total == 0 || math.IsNaN(f.Total)) {
			t.Errorf("%s: total %v with a band of 0", f.Name, f.Total)
		}
	}
	o.Band = 0.25
	fs, _ = Sensitivity(ev, o)
	for _, f := range fs {
		if math.IsNaN(f.First) {
			t.Fatalf("%s: no variance with a band of 0.25", f.Name)
		}
		if f.FirstLo > f.First || f.FirstHi < f.First || f.TotalLo > f.Total || f.TotalHi < f.Total {
			t.Errorf("%s: S %.3f [%.3f, %.3f], ST %.3f [%.3f, %.3f]", f.Name, f.First, f.FirstLo, f.FirstHi, f.Total, f.TotalLo, f.TotalHi)
		}
	}
	again, _ := Sensitivity(ev, o)
	if !reflect.DeepEqual(fs, again) {
		t.Error("the same seed gives a different result")
	}
}

// BenchmarkSensitivity: N = 1,000 on 3,321 units × 54 indicators.
func BenchmarkSensitivity(b *testing.B) {
	ev := bigEval(b, 3321, 54, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sensitivity(ev, SensitivityOptions{Samples: 1000, Seed: 1, Band: -1, Bootstrap: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUncertaintyProgressAward: with a band of 0 the Monte Carlo gives an
// award by progress to exactly the units the evaluation gives it
// (probability 1 or 0): the rise is recomputed in each run from the
// previous year's index.
func TestUncertaintyProgressAward(t *testing.T) {
	fw, err := indicators.Load("ward-unified-2025")
	if err != nil {
		t.Fatal(err)
	}
	withAward := *fw
	withAward.Awards = append(append([]indicators.Award{}, fw.Awards...), indicators.Award{Name: "Đơn vị tiến bộ", Count: 3, Basis: indicators.AwardByProgress, Cumulative: true})
	eval := func(dir string) *dti.Evaluation {
		srcs, _, err := submission.FSSources(sample.FS, dir, "")
		if err != nil {
			t.Fatal(err)
		}
		ev, err := dti.Evaluate(&withAward, submission.Ingest(srcs, fw, nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	ev23, ev := eval("testdata/sample/2023"), eval("testdata/sample/2024")
	ev.SetChanges(dti.Changes(dti.PriorOf(ev23), ev, nil))
	us, err := Uncertainty(ev, UncertaintyOptions{Runs: 20, Seed: 1, Band: 0})
	if err != nil {
		t.Fatal(err)
	}
	a := len(withAward.Awards) - 1
	n := 0
	for i, u := range ev.Units {
		want := 0.0
		if u.Awards[a].Awarded {
			want, n = 1, n+1
		}
		if us[i].PAward[a] != want {
			t.Errorf("%s: P(progress award) = %v, awarded %v", u.Code, us[i].PAward[a], u.Awards[a].Awarded)
		}
	}
	if n != 3 {
		t.Errorf("%d units awarded for progress, want 3", n)
	}
}
